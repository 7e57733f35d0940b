//! Round trip: `import::read_workbook(write_submission(list))` gives back the same list
//! (ids and origins aside), on hand-built lists covering every field and on random lists.

mod export_common;

use export_common::*;
use jianpai::export::{write_enterprise_workbook, write_submission};
use jianpai::import::read_workbook;
use jianpai::model::{Enterprise, Level, List, PerLevel, Source};

/// The list without store ids and origins, which a workbook does not carry.
pub fn strip(mut list: List) -> List {
    fn source(s: &mut Source) {
        s.id = 0;
        s.origin = None;
    }
    for e in &mut list.enterprises {
        e.id = 0;
        e.origin = None;
        e.sources.iter_mut().for_each(source);
    }
    for s in &mut list.sites {
        s.id = 0;
        s.origin = None;
        source(&mut s.source);
    }
    for f in &mut list.fleets {
        f.id = 0;
        f.origin = None;
        source(&mut f.source);
    }
    for h in &mut list.heating {
        h.id = 0;
        h.origin = None;
    }
    list
}

/// Exports and imports `list`, panicking with the importer's diagnostics on failure.
pub fn round_trip(list: &List) -> List {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("清单.xlsx");
    write_submission(list, &path).expect("export");
    match read_workbook(&path) {
        Ok(imported) => strip(imported.list),
        Err(e) => panic!("import of the export failed: {e:?}"),
    }
}

/// Compares record by record first, for a readable failure.
pub fn assert_same(got: &List, want: &List) {
    assert_eq!(got.area, want.area, "area");
    assert_eq!(got.year, want.year, "year");
    assert_eq!(got.baseline, want.baseline, "baseline");
    assert_eq!(got.targets, want.targets, "targets");
    assert_eq!(got.so2_nox_trade, want.so2_nox_trade, "trade");
    assert_eq!(
        got.enterprises.len(),
        want.enterprises.len(),
        "enterprise count"
    );
    for (g, w) in got.enterprises.iter().zip(&want.enterprises) {
        assert_eq!(
            Enterprise {
                sources: vec![],
                ..g.clone()
            },
            Enterprise {
                sources: vec![],
                ..w.clone()
            },
            "enterprise {}",
            w.name
        );
        assert_eq!(g.sources.len(), w.sources.len(), "sources of {}", w.name);
        for (gs, ws) in g.sources.iter().zip(&w.sources) {
            assert_eq!(gs, ws, "source {} of {}", ws.name, w.name);
        }
    }
    assert_eq!(got.sites, want.sites, "sites");
    assert_eq!(got.fleets, want.fleets, "fleets");
    assert_eq!(got.heating, want.heating, "heating");
    assert_eq!(got, want);
}

#[test]
fn full_list_round_trips() {
    let list = full_list();
    assert_same(&round_trip(&list), &strip(list));
}

#[test]
fn worked_example_round_trips() {
    let list = worked_example();
    assert_same(&round_trip(&list), &strip(list));
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
    assert_same(&round_trip(&list), &strip(list.clone()));
    list.baseline = None;
    assert_same(&round_trip(&list), &strip(list));
}

#[test]
fn enterprise_workbook_reads_back_as_that_enterprise() {
    let list = full_list();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("企业.xlsx");
    let code = list.enterprises[0].code.to_lowercase();
    write_enterprise_workbook(&list, &code, &path).unwrap();
    let back = strip(read_workbook(&path).expect("import").list);
    assert_eq!(
        back.enterprises,
        strip(list.clone()).enterprises[..1].to_vec()
    );
    assert_eq!(back.fleets, strip(list.clone()).fleets);
    assert!(back.sites.is_empty());
    assert!(back.heating.is_empty());
    let _ = Level::ALL;
}
