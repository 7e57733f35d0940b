//! Round trip: `import::read_workbook(write_submission(list))` gives back the same list
//! (ids and origins aside), on hand-built lists covering every field and on random lists.

use super::common::*;
use jianpai::export::{write_enterprise_workbook, write_submission, ExportError};
use jianpai::import::read_workbook;
use jianpai::model::{Baseline, BaselineUnit, CountyBaseline, PerLevel, PerPollutant, Source};
use jianpai::reduce::check;

#[test]
fn full_list_round_trips() {
    let list = full_list();
    assert_same(&round_trip(&list), &list.without_provenance());
}

#[test]
fn worked_example_round_trips() {
    let list = worked_example();
    assert_same(&round_trip(&list), &list.without_provenance());
}

#[test]
fn targets_and_trade_round_trip() {
    let mut list = full_list();
    list.targets = PerLevel {
        yellow: 0.07,
        orange: 0.15,
        red: 0.225,
    };
    list.so2_nox_trade = false;
    let back = round_trip(&list);
    assert_eq!(back.targets, list.targets);
    assert!(!back.so2_nox_trade);
}

#[test]
fn daily_baseline_and_no_baseline_round_trip() {
    let mut list = worked_example();
    assert_same(&round_trip(&list), &list.clone().without_provenance());
    list.baseline = None;
    assert_same(&round_trip(&list), &list.without_provenance());
}

/// Each county's own whole-society emissions come back exactly, in its own unit, with the
/// stated city total (not the counties' sum), so every county's verdict is the same after
/// export and import.
#[test]
fn county_baselines_round_trip_with_their_units_and_the_stated_total() {
    let mut list = full_list();
    let amounts = |so2, nox, pm, vocs| PerPollutant { so2, nox, pm, vocs };
    list.county_baselines = vec![
        CountyBaseline {
            county: "示例县".into(),
            baseline: Baseline {
                amounts: amounts(1234.5678, 2345.1, 0.1 + 0.2, 987.0),
                unit: BaselineUnit::PerYear,
            },
        },
        CountyBaseline {
            county: "东区".into(),
            baseline: Baseline {
                amounts: amounts(0.123456789, 4.5, 6.25, 0.0),
                unit: BaselineUnit::PerDay,
            },
        },
    ];
    list.baseline = Some(Baseline {
        amounts: amounts(9000.0, 8000.0, 7000.0, 6000.0),
        unit: BaselineUnit::PerYear,
    });
    let back = round_trip(&list);
    assert_same(&back, &list.clone().without_provenance());
    let (before, after) = (check(&list), check(&back));
    assert!(after.by_county.iter().any(|c| c.baseline.is_some()));
    assert_eq!(
        serde_json::to_value(&after.by_county).unwrap(),
        serde_json::to_value(&before.by_county).unwrap()
    );
}

/// Without an area baseline the counties still come back; the area's is their sum then, as
/// the importer reads a summary without a 全市 table.
#[test]
fn county_baselines_without_an_area_total_come_back() {
    let mut list = full_list();
    let b = |v| Baseline {
        amounts: PerPollutant {
            so2: v,
            nox: v,
            pm: v,
            vocs: v,
        },
        unit: BaselineUnit::PerDay,
    };
    list.county_baselines = vec![
        CountyBaseline {
            county: "示例县".into(),
            baseline: b(1.5),
        },
        CountyBaseline {
            county: "东区".into(),
            baseline: b(2.0),
        },
    ];
    list.baseline = None;
    let back = round_trip(&list);
    assert_eq!(back.county_baselines, list.county_baselines);
    assert_eq!(back.baseline, Some(b(3.5)));
}

#[test]
fn enterprise_workbook_reads_back_as_that_enterprise() {
    let list = full_list();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("企业.xlsx");
    let code = list.enterprises[0].code.to_lowercase();
    write_enterprise_workbook(&list, &code, &path).unwrap();
    let back = read_workbook(&path)
        .expect("import")
        .list
        .without_provenance();
    assert_eq!(
        back.enterprises,
        list.clone().without_provenance().enterprises[..1].to_vec()
    );
    assert_eq!(back.fleets, list.clone().without_provenance().fleets);
    assert!(back.sites.is_empty());
    assert!(back.heating.is_empty());
}

#[test]
fn blank_line_under_an_enterprise_is_kept() {
    let mut list = worked_example();
    list.enterprises[0].sources.push(Source::default());
    let back = round_trip(&list);
    assert_eq!(back.enterprises[0].sources.len(), 3);
    assert_same(&back, &list.without_provenance());
}

/// A workbook has no way to say "an enterprise without lines": it is written as one row
/// with empty line cells and reads back with one empty line.
#[test]
fn enterprise_without_lines_comes_back_with_one_empty_line() {
    let mut list = worked_example();
    list.enterprises[0].sources.clear();
    let back = round_trip(&list);
    assert_eq!(back.enterprises.len(), 1);
    assert_eq!(back.enterprises[0].sources, vec![Source::default()]);
}

#[test]
fn unknown_enterprise_code_is_a_chinese_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = write_enterprise_workbook(
        &full_list(),
        "91410800MA3X4Y5W00",
        &dir.path().join("x.xlsx"),
    )
    .unwrap_err();
    assert!(matches!(err, ExportError::UnknownEnterprise { .. }));
    assert!(err
        .to_string()
        .contains("清单中没有统一社会信用代码为 91410800MA3X4Y5W00 的企业"));
    assert!(!dir.path().join("x.xlsx").exists(), "nothing written");
}

#[test]
fn unwritable_path_is_a_chinese_error() {
    let err = write_submission(
        &full_list(),
        std::path::Path::new("/nonexistent-dir/清单.xlsx"),
    )
    .unwrap_err();
    assert!(matches!(err, ExportError::Write { .. }));
    assert!(
        err.to_string()
            .contains("无法写入工作簿 /nonexistent-dir/清单.xlsx"),
        "{err}"
    );
}

/// Many enterprises of several lines each: every merge and every row survives the
/// constant-memory writer (which silently drops writes to rows already flushed).
#[test]
fn many_enterprises_round_trip() {
    let mut list = full_list();
    let template = list.enterprises[0].clone();
    list.enterprises = (0..300)
        .map(|i| {
            let mut e = template.clone();
            e.name = format!("示例{i}号公司");
            e.code = code(&format!("9141{i:013}"));
            e.sources = (0..(i % 4 + 1))
                .map(|j| {
                    let mut s = template.sources[j % 2].clone();
                    s.name = format!("{j}#线");
                    s.days = Some(f64::from(j as u32) + 200.5);
                    s
                })
                .collect();
            e
        })
        .collect();
    assert_same(&round_trip(&list), &list.without_provenance());
}
