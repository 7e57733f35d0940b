//! Round trip on random lists: random text (CJK, text starting with = + - @, inner spaces),
//! blank and set Option fields, shares (including fractions no percent number gives back),
//! amounts and counts. Export, import, compare — ids and origins aside.
//!
//! The generator keeps to what a list can say (`workbook.md`): enterprise and fleet names
//! without spaces (the importer squeezes them) and unique, at least one line per enterprise,
//! days 0–366, no negative numbers, the grade cell's marks as the cell can hold them (see
//! `jianpai::export`).

use super::common::code;
use jianpai::export::write_submission;
use jianpai::import::read_workbook;
use jianpai::model::{
    Baseline, BaselineUnit, Contact, Enterprise, EnterpriseClass, Fleet, Grade, Heating, Level,
    List, Machinery, Measure, NonroadStage, PerLevel, PerPollutant, Site, Source, VehicleCounts,
};
use proptest::prelude::*;

const CHARS: &str = "[a-zA-Z0-9焦化钢铁有限公司县镇路号甲乙丙丁东西南北#（）()%/]";

/// Free text: maybe empty, maybe starting like a formula, maybe with an inner space.
fn text() -> impl Strategy<Value = String> {
    let pattern = format!("([=+@-])?{CHARS}{{0,6}}( {CHARS}{{1,4}})?");
    prop::string::string_regex(&pattern)
        .unwrap()
        .prop_map(|s| s.trim().to_string())
}

/// A name part without spaces (names are squeezed by the importer).
fn word() -> impl Strategy<Value = String> {
    prop::string::string_regex(&format!("([=+@-])?{CHARS}{{0,6}}")).unwrap()
}

fn amount() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        0.0..1.0e6f64,
        (0u32..1_000_000).prop_map(|n| f64::from(n) / 1000.0),
    ]
}

fn opt_amount() -> impl Strategy<Value = Option<f64>> {
    prop::option::of(amount())
}

fn share() -> impl Strategy<Value = Option<f64>> {
    prop::option::of(prop_oneof![
        (0u32..=100).prop_map(|n| f64::from(n) / 100.0),
        (0u32..=10_000).prop_map(|n| f64::from(n) / 10_000.0),
        0.0..=1.0f64,
    ])
}

fn per_pollutant() -> impl Strategy<Value = PerPollutant<Option<f64>>> {
    (opt_amount(), opt_amount(), opt_amount(), opt_amount())
        .prop_map(|(so2, nox, pm, vocs)| PerPollutant { so2, nox, pm, vocs })
}

fn contact() -> impl Strategy<Value = Contact> {
    (text(), text()).prop_map(|(name, phone)| Contact { name, phone })
}

fn measure() -> impl Strategy<Value = Measure> {
    (
        text(),
        share(),
        per_pollutant(),
        text(),
        text(),
        contact(),
        opt_amount(),
    )
        .prop_map(
            |(text, share, amounts, key_indicator, prep_time, owner, concentration_limit)| {
                Measure {
                    text,
                    share,
                    amounts,
                    key_indicator,
                    prep_time,
                    owner,
                    concentration_limit,
                }
            },
        )
}

fn source() -> impl Strategy<Value = Source> {
    (
        (text(), text(), text()),
        prop::option::of(prop_oneof![
            (0u32..=366).prop_map(f64::from),
            0.0..=366.0f64
        ]),
        per_pollutant(),
        per_pollutant(),
        (measure(), measure(), measure()),
        (text(), text(), text()),
    )
        .prop_map(
            |(
                (name, product, capacity),
                days,
                annual,
                daily,
                (y, o, r),
                (outlet, treatment, standard),
            )| Source {
                name,
                product,
                capacity,
                days,
                outlet,
                treatment,
                standard,
                annual,
                daily,
                measures: PerLevel {
                    yellow: y,
                    orange: o,
                    red: r,
                },
                ..Source::default()
            },
        )
}

fn grade() -> impl Strategy<Value = Option<Grade>> {
    prop::option::of(prop::sample::select(Grade::ALL.to_vec()))
}

fn class() -> impl Strategy<Value = Option<EnterpriseClass>> {
    prop::option::of(prop::sample::select(EnterpriseClass::ALL.to_vec()))
}

fn enterprise() -> impl Strategy<Value = Enterprise> {
    (
        (word(), any::<bool>(), text(), text(), text(), text()),
        (
            grade(),
            class(),
            any::<bool>(),
            any::<bool>(),
            prop::option::of(any::<bool>()),
        ),
        (contact(), contact(), contact()),
        prop::collection::vec(source(), 1..4),
        (
            (text(), text(), text()),
            opt_amount(),
            (opt_amount(), opt_amount(), opt_amount()),
        ),
    )
        .prop_map(
            |(
                (name, has_code, county, town, address, industry),
                (grade, class, guarantee, shut_down, cems),
                (legal, responsible, supervisor),
                sources,
                ((industry_code, key_industry, power_account), normal_daily_kwh, (y, o, r)),
            )| {
                // What the grade cell can hold: 长期停产 carries no grade; the guarantee mark
                // rides on a grade or on the class (and the class implies it).
                let grade = if shut_down { None } else { grade };
                let guarantee =
                    class == Some(EnterpriseClass::Guarantee) || (guarantee && grade.is_some());
                Enterprise {
                    name,
                    code: if has_code { "x".into() } else { String::new() },
                    county,
                    town,
                    address,
                    industry,
                    grade,
                    class,
                    guarantee,
                    shut_down,
                    cems,
                    legal,
                    responsible,
                    supervisor,
                    sources,
                    industry_code,
                    key_industry,
                    power_account,
                    normal_daily_kwh,
                    daily_kwh_cap: PerLevel {
                        yellow: y,
                        orange: o,
                        red: r,
                    },
                    ..Enterprise::default()
                }
            },
        )
}

fn site() -> impl Strategy<Value = Site> {
    (
        (text(), word(), text(), text(), text(), text()),
        (contact(), contact(), text()),
        source(),
    )
        .prop_map(
            |(
                (county, name, kind, address, builder, contractor),
                (manager, responsible, approval),
                source,
            )| {
                Site {
                    county,
                    name,
                    kind,
                    address,
                    builder,
                    contractor,
                    manager,
                    responsible,
                    approval,
                    source,
                    ..Site::default()
                }
            },
        )
}

fn count() -> impl Strategy<Value = Option<u32>> {
    prop::option::of(0u32..5000)
}

fn fleet() -> impl Strategy<Value = Fleet> {
    (
        (text(), word(), any::<bool>()),
        prop::option::of(prop_oneof![
            (0u32..5000).prop_map(f64::from),
            0.0..5000.0f64
        ]),
        (count(), count(), count(), count(), count()),
        source(),
    )
        .prop_map(|((county, name, has_code), daily_trips, v, source)| Fleet {
            county,
            name,
            code: if has_code { "x".into() } else { String::new() },
            daily_trips,
            vehicles: VehicleCounts {
                guo3_or_older: v.0,
                guo4: v.1,
                guo5: v.2,
                guo6: v.3,
                new_energy: v.4,
            },
            source,
            ..Fleet::default()
        })
}

fn heating() -> impl Strategy<Value = Heating> {
    (
        word(),
        any::<bool>(),
        opt_amount(),
        share(),
        (text(), text(), text()),
    )
        .prop_map(
            |(name, has_code, area_10k_m2, max_load, (y, o, r))| Heating {
                name,
                code: if has_code { "x".into() } else { String::new() },
                area_10k_m2,
                max_load,
                measures: PerLevel {
                    yellow: y,
                    orange: o,
                    red: r,
                },
                ..Heating::default()
            },
        )
}

fn machinery() -> impl Strategy<Value = Machinery> {
    (
        (text(), word(), text(), text()),
        prop::sample::select(NonroadStage::ALL.to_vec()),
        count(),
        (text(), text(), text()),
    )
        .prop_map(
            |((county, user, kind, fuel), stage, count, (y, o, r))| Machinery {
                county,
                user,
                kind,
                stage,
                count,
                fuel,
                measures: PerLevel {
                    yellow: y,
                    orange: o,
                    red: r,
                },
                ..Machinery::default()
            },
        )
}

fn baseline() -> impl Strategy<Value = Option<Baseline>> {
    prop::option::of(
        (
            per_pollutant(),
            prop::sample::select(vec![BaselineUnit::PerYear, BaselineUnit::PerDay]),
        )
            .prop_map(|(a, unit)| Baseline {
                amounts: a.map(|_, v| v.unwrap_or(0.0)),
                unit,
            }),
    )
}

fn target() -> impl Strategy<Value = f64> {
    prop_oneof![
        (1u32..=100).prop_map(|n| f64::from(n) / 100.0),
        0.001..=1.0f64
    ]
}

/// Makes names unique and gives every "x" code a distinct valid credit code; a name always
/// holds a CJK word so that no row can look like a row of column numbers.
fn finish(mut list: List) -> List {
    let mut n = 0;
    let mut unique = |name: &mut String, code: &mut String, kind: &str| {
        n += 1;
        *name = format!("{name}{kind}{n}");
        if !code.is_empty() {
            *code = code_for(n);
        }
    };
    for e in &mut list.enterprises {
        unique(&mut e.name, &mut e.code, "企业");
    }
    for f in &mut list.fleets {
        unique(&mut f.name, &mut f.code, "车队");
    }
    for h in &mut list.heating {
        unique(&mut h.name, &mut h.code, "热源");
    }
    for s in &mut list.sites {
        let mut none = String::new();
        unique(&mut s.name, &mut none, "工地");
    }
    for m in &mut list.machinery {
        let mut none = String::new();
        unique(&mut m.user, &mut none, "单位");
    }
    // 排放口编号, 治理设施, 执行标准 and 排放浓度限值 belong to industrial lines only
    // (workbook.md): the dust and mobile sheets have no such columns.
    let sources = list
        .sites
        .iter_mut()
        .map(|s| &mut s.source)
        .chain(list.fleets.iter_mut().map(|f| &mut f.source));
    for s in sources {
        s.outlet.clear();
        s.treatment.clear();
        s.standard.clear();
        for l in Level::ALL {
            s.measures.get_mut(l).concentration_limit = None;
        }
    }
    list
}

fn code_for(n: usize) -> String {
    code(&format!("9141{n:013}"))
}

fn list() -> impl Strategy<Value = List> {
    (
        (word(), prop::option::of(1990i32..=2100), baseline()),
        (target(), target(), target(), any::<bool>()),
        prop::collection::vec(enterprise(), 0..4),
        prop::collection::vec(site(), 0..3),
        prop::collection::vec(fleet(), 0..3),
        prop::collection::vec(heating(), 0..3),
        prop::collection::vec(machinery(), 0..3),
    )
        .prop_map(
            |(
                (area, year, baseline),
                (y, o, r, trade),
                enterprises,
                sites,
                fleets,
                heating,
                machinery,
            )| {
                finish(List {
                    area: format!("{area}县"),
                    year,
                    baseline,
                    targets: PerLevel {
                        yellow: y,
                        orange: o,
                        red: r,
                    },
                    so2_nox_trade: trade,
                    enterprises,
                    sites,
                    fleets,
                    heating,
                    machinery,
                })
            },
        )
}

fn check(list: List) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("清单.xlsx");
    write_submission(&list, &path).unwrap();
    let back = match read_workbook(&path) {
        Ok(imported) => imported.list.without_provenance(),
        Err(e) => return Err(TestCaseError::fail(format!("import failed: {e:?}"))),
    };
    let want = list.without_provenance();
    if back != want {
        // Say which record differs first, then fail with both lists.
        let outcome = std::panic::catch_unwind(|| super::common::assert_same(&back, &want));
        let why = outcome
            .err()
            .and_then(|e| e.downcast_ref::<String>().cloned());
        return Err(TestCaseError::fail(why.unwrap_or_default()));
    }
    Ok(())
}

/// The strategies nest deeply; shrinking them in a debug build needs more than the default
/// 2 MiB test-thread stack.
#[test]
fn random_lists_round_trip() {
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(|| {
            let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
                cases: 128,
                failure_persistence: None,
                ..ProptestConfig::default()
            });
            if let Err(e) = runner.run(&list(), check) {
                panic!("{e}");
            }
        })
        .unwrap()
        .join()
        .unwrap();
}
