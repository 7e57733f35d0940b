//! Properties of the engine over generated sources, and its speed on a 60,000-source list.

use std::time::{Duration, Instant};

use jianpai::model::{
    Amounts, Baseline, BaselineUnit, Enterprise, Grade, Level, List, Measure, Origin, PerPollutant,
    Pollutant, Source,
};
use jianpai::reduce::{check, check_memo, source_reduction, Memo};
use proptest::prelude::*;

/// Measure texts the generator draws from, one of each shape the reader knows and some it
/// does not.
const TEXTS: [&str; 10] = [
    "停产",
    "限产30%",
    "限产不低于５０％",
    "日投料量由 960 t 降至 768 t",
    "负荷由100%降至70%",
    "自主减排",
    "错峰运输",
    "1号线停产，2号线限产20%",
    "轮流停产",
    "",
];

fn opt_amount() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![Just(None), (0.0..50.0f64).prop_map(Some)]
}

fn per_pollutant() -> impl Strategy<Value = PerPollutant<Option<f64>>> {
    (opt_amount(), opt_amount(), opt_amount(), opt_amount())
        .prop_map(|(so2, nox, pm, vocs)| PerPollutant { so2, nox, pm, vocs })
}

fn measure() -> impl Strategy<Value = Measure> {
    (
        0..TEXTS.len(),
        prop_oneof![Just(None), (0.0..=1.0f64).prop_map(Some)],
        per_pollutant(),
    )
        .prop_map(|(t, share, amounts)| Measure {
            text: TEXTS[t].to_string(),
            share,
            amounts,
            ..Measure::default()
        })
}

fn source() -> impl Strategy<Value = Source> {
    (
        prop_oneof![Just(None), (0.0..=366.0f64).prop_map(Some)],
        per_pollutant(),
        per_pollutant(),
        measure(),
        measure(),
        measure(),
    )
        .prop_map(|(days, annual, daily, y, o, r)| {
            let mut s = Source {
                days,
                annual,
                daily,
                ..Source::default()
            };
            s.measures.yellow = y;
            s.measures.orange = o;
            s.measures.red = r;
            s
        })
}

proptest! {
    #[test]
    fn reductions_stay_between_zero_and_the_emission(s in source()) {
        let r = source_reduction(&s);
        for l in Level::ALL {
            for p in Pollutant::ALL {
                let (red, e) = (*r.reductions.get(l).get(p), *r.daily.get(p));
                prop_assert!(red >= 0.0 && red <= e * (1.0 + 1e-12), "{l:?} {p:?}: {red} > {e}");
            }
            prop_assert!((0.0..=1.0 + 1e-12).contains(r.shares.get(l)));
        }
    }

    #[test]
    fn monotone_shares_give_monotone_ratios(
        sources in prop::collection::vec((per_pollutant(), 0.0..=1.0f64, 0.0..=1.0f64, 0.0..=1.0f64), 1..20)
    ) {
        let sources: Vec<Source> = sources
            .into_iter()
            .map(|(daily, a, b, c)| {
                let mut v = [a, b, c];
                v.sort_by(f64::total_cmp);
                let mut s = Source { daily, ..Source::default() };
                s.measures.yellow.share = Some(v[0]);
                s.measures.orange.share = Some(v[1]);
                s.measures.red.share = Some(v[2]);
                s
            })
            .collect();
        let list = List {
            baseline: Some(Baseline {
                // Above any listed emission (a smaller baseline is itself warned about).
                amounts: Amounts { so2: 1.0e9, nox: 1.0e9, pm: 1.0e9, vocs: 1.0e9 },
                unit: BaselineUnit::PerDay,
            }),
            enterprises: vec![Enterprise { sources, ..Enterprise::default() }],
            ..List::default()
        };
        let report = check(&list);
        prop_assert!(report.warnings.is_empty(), "{:?}", report.warnings);
        for w in report.levels.windows(2) {
            let (lo, hi) = (w[0].ratio.unwrap(), w[1].ratio.unwrap());
            for p in Pollutant::ALL {
                prop_assert!(hi.get(p) >= lo.get(p));
            }
        }
    }

    #[test]
    fn the_level_total_is_the_sum_of_the_sources(sources in prop::collection::vec(source(), 0..15)) {
        let mut expected = Amounts::ZERO;
        for s in &sources {
            expected.add(&source_reduction(s).reductions.red);
        }
        let list = List {
            enterprises: vec![Enterprise { sources, ..Enterprise::default() }],
            ..List::default()
        };
        let got = check(&list).levels[2].reduction;
        for p in Pollutant::ALL {
            let (g, e) = (*got.get(p), *expected.get(p));
            prop_assert!((g - e).abs() <= 1e-9 * e.abs().max(1.0), "{p:?}: {g} vs {e}");
        }
    }
}

/// Enterprises of generated sources, with store-like ids (1, 2, …), some shut down.
fn enterprises() -> impl Strategy<Value = Vec<Enterprise>> {
    prop::collection::vec(
        (
            prop::collection::vec(source(), 0..5),
            any::<bool>(),
            0..3usize,
        ),
        1..8,
    )
    .prop_map(|drawn| {
        drawn
            .into_iter()
            .enumerate()
            .map(|(i, (sources, shut, county))| Enterprise {
                id: i as i64 + 1,
                name: format!("企业{i}"),
                county: ["甲县", "乙县", ""][county].into(),
                shut_down: shut && i % 3 == 0,
                sources,
                ..Enterprise::default()
            })
            .collect()
    })
}

proptest! {
    /// The desktop session's recompute: remember every enterprise, change one (and forget
    /// it), and the report is the full check's — before and after, in every field.
    #[test]
    fn a_remembered_check_equals_the_full_check(
        enterprises in enterprises(),
        which in any::<prop::sample::Index>(),
        replacement in prop::collection::vec(source(), 0..4),
    ) {
        let mut list = List {
            baseline: Some(Baseline {
                amounts: PerPollutant { so2: 50.0, nox: 80.0, pm: 30.0, vocs: 40.0 },
                unit: BaselineUnit::PerDay,
            }),
            enterprises,
            ..List::default()
        };
        let mut memo = Memo::default();
        prop_assert_eq!(check_memo(&list, &mut memo), check(&list));
        let i = which.index(list.enterprises.len());
        list.enterprises[i].sources = replacement;
        list.enterprises[i].shut_down = !list.enterprises[i].shut_down;
        memo.forget(list.enterprises[i].id);
        prop_assert_eq!(check_memo(&list, &mut memo), check(&list));
        // What an import reports without checking is what the check counts.
        prop_assert_eq!(jianpai::reduce::counts(&list), check(&list).counts);
    }
}

#[test]
fn a_remembered_enterprise_is_not_computed_again_until_it_is_forgotten() {
    let line = |text: &str| {
        let mut s = Source {
            name: "1号线".into(),
            days: Some(365.0),
            ..Source::default()
        };
        s.annual.so2 = Some(365.0);
        s.measures.yellow.text = text.into();
        s
    };
    let mut list = List {
        enterprises: vec![Enterprise {
            id: 7,
            name: "示例企业".into(),
            sources: vec![line("限产30%")],
            ..Enterprise::default()
        }],
        ..List::default()
    };
    let mut memo = Memo::default();
    let yellow_so2 = |r: &jianpai::reduce::Report| r.levels[0].reduction.so2;
    assert_eq!(yellow_so2(&check_memo(&list, &mut memo)), 0.3);
    list.enterprises[0].sources[0].measures.yellow.text = "限产50%".into();
    // Unforgotten, the memo still answers for the old line: the session must forget.
    assert_eq!(yellow_so2(&check_memo(&list, &mut memo)), 0.3);
    memo.forget(7);
    assert_eq!(yellow_so2(&check_memo(&list, &mut memo)), 0.5);
    // A line added or removed is noticed even unforgotten (the lines no longer match).
    list.enterprises[0].sources.push(line("限产10%"));
    assert_eq!(yellow_so2(&check_memo(&list, &mut memo)), 0.6);
}

/// A county-sized list: 6,000 enterprises of 10 sources each, in 10 counties and 20
/// industries, with every kind of measure the reader knows.
fn big_list(unique_texts: bool) -> List {
    let grades = [Grade::A, Grade::B, Grade::C, Grade::D];
    let enterprises = (0..6000)
        .map(|i| Enterprise {
            name: format!("企业{i}"),
            code: format!("CODE{i:014}"),
            county: format!("区县{}", i % 10),
            industry: format!("行业{}", i % 20),
            grade: Some(grades[i % 4]),
            origin: Some(Origin {
                sheet: "工业源清单".into(),
                row: 3 + i as u32 * 10,
            }),
            sources: (0..10)
                .map(|j| {
                    let k = i * 10 + j;
                    let mut s = Source {
                        name: format!("生产线{j}"),
                        days: Some(300.0),
                        annual: PerPollutant {
                            so2: Some((k % 97) as f64),
                            nox: Some((k % 89) as f64),
                            pm: Some((k % 83) as f64),
                            vocs: None,
                        },
                        ..Source::default()
                    };
                    s.measures.yellow.text = if unique_texts {
                        format!("{}（第{k}号设施）", TEXTS[k % 6])
                    } else {
                        TEXTS[k % 6].to_string()
                    };
                    if k % 2 == 1 {
                        s.measures.orange.text = "全厂停产".into();
                    }
                    s.measures.red.text = "停产".into();
                    s
                })
                .collect(),
            ..Enterprise::default()
        })
        .collect();
    List {
        baseline: Some(Baseline {
            amounts: Amounts {
                so2: 1e6,
                nox: 1e6,
                pm: 1e6,
                vocs: 1e6,
            },
            unit: BaselineUnit::PerYear,
        }),
        enterprises,
        ..List::default()
    }
}

/// CPU time of this thread in ns (Linux's schedstat), so that the measure holds on a
/// machine shared with other builds; `None` elsewhere.
fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

/// Median wall time and median thread CPU time of 7 runs of `check`.
fn time_check(list: &List) -> (Duration, Option<Duration>) {
    assert_eq!(
        list.enterprises
            .iter()
            .map(|e| e.sources.len())
            .sum::<usize>(),
        60_000
    );
    let mut wall = Vec::new();
    let mut cpu = Vec::new();
    for _ in 0..7 {
        let (start, start_cpu) = (Instant::now(), thread_cpu_ns());
        let report = check(list);
        wall.push(start.elapsed());
        if let (Some(a), Some(b)) = (start_cpu, thread_cpu_ns()) {
            cpu.push(Duration::from_nanos(b - a));
        }
        assert_eq!(report.counts.industrial_sources, 60_000);
        assert!(report.warnings.is_empty(), "{:?}", &report.warnings[..1]);
    }
    wall.sort();
    cpu.sort();
    (wall[3], cpu.get(cpu.len() / 2).copied())
}

/// Measures `check` over 60,000 sources: run with
/// `cargo test --release --test reduce -- properties --ignored --nocapture`.
/// The budget (≤ 50 ms of CPU time, wall time where CPU time is unknown) is asserted only in
/// optimised builds.
#[test]
#[ignore = "timing; run in release"]
fn check_of_60000_sources_is_fast() {
    for (what, unique) in [
        ("texts repeated", false),
        ("every yellow text unique", true),
    ] {
        let (wall, cpu) = time_check(&big_list(unique));
        println!("check over 60,000 sources, {what}: median wall {wall:?}, CPU {cpu:?}");
        if !cfg!(debug_assertions) {
            let t = cpu.unwrap_or(wall);
            assert!(t.as_millis() <= 50, "{what}: {t:?}");
        }
    }
}

/// Measures `review` over the same 60,000 sources, for information (no budget is set):
/// `cargo test --release --test reduce -- properties --ignored --nocapture`.
#[test]
#[ignore = "timing; run in release"]
fn review_of_60000_sources_for_information() {
    let list = big_list(true);
    let rules = jianpai::review::Rules::builtin();
    let (start, start_cpu) = (Instant::now(), thread_cpu_ns());
    let findings = jianpai::review::review(&list, &rules);
    let wall = start.elapsed();
    let cpu = thread_cpu_ns()
        .zip(start_cpu)
        .map(|(b, a)| Duration::from_nanos(b - a));
    println!(
        "review over 60,000 sources: wall {wall:?}, CPU {cpu:?}, {} findings",
        findings.len()
    );
    assert!(
        !findings.is_empty(),
        "D-grade enterprises that only limit are found"
    );
}
