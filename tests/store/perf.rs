//! Size check: a county list of 60,000 sources is written in one transaction and read back
//! whole. Bounds are generous (shared CI machines); the measured times are printed
//! (`cargo test --release --test store -- perf --nocapture`).

use std::time::Instant;

use jianpai::model::{Enterprise, List, Measure, PerLevel, PerPollutant, Source};
use jianpai::store::{ImportMode, Store};

fn big_list(enterprises: usize, lines: usize) -> List {
    let line = |e: usize, l: usize| Source {
        name: format!("{e}号企业{l}号线"),
        product: "产品".into(),
        capacity: "年产1万吨".into(),
        days: Some(300.0),
        annual: PerPollutant {
            so2: Some(1.0 + l as f64),
            nox: Some(2.0),
            pm: Some(0.5),
            vocs: None,
        },
        measures: PerLevel {
            yellow: Measure {
                text: "限产30%".into(),
                ..Measure::default()
            },
            orange: Measure::default(),
            red: Measure {
                text: "停产".into(),
                ..Measure::default()
            },
        },
        ..Source::default()
    };
    List {
        area: "大县".into(),
        enterprises: (0..enterprises)
            .map(|e| Enterprise {
                name: format!("{e}号企业"),
                county: "大县".into(),
                sources: (0..lines).map(|l| line(e, l)).collect(),
                ..Enterprise::default()
            })
            .collect(),
        ..List::default()
    }
}

#[test]
fn sixty_thousand_sources_are_written_and_loaded_in_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("list.sqlite")).unwrap();
    let list = big_list(3_000, 20);

    let t = Instant::now();
    let summary = store.import(&list, ImportMode::Replace).unwrap();
    let insert = t.elapsed();
    let t = Instant::now();
    let loaded = store.load().unwrap();
    let load = t.elapsed();
    println!("insert 60k sources: {insert:?}; load: {load:?}");

    assert_eq!(summary.sources_written, 60_000);
    assert_eq!(loaded.enterprises.len(), 3_000);
    assert_eq!(
        loaded
            .enterprises
            .iter()
            .map(|e| e.sources.len())
            .sum::<usize>(),
        60_000
    );
    assert_eq!(loaded.enterprises[2_999].sources[19], {
        let mut s = list.enterprises[2_999].sources[19].clone();
        s.id = loaded.enterprises[2_999].sources[19].id;
        s
    });
    assert!(insert.as_secs() < 20 && load.as_secs() < 20);
}
