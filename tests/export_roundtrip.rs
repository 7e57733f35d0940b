//! Round trip: `import::read_workbook(write_submission(list))` gives back the same list
//! (ids and origins aside), on hand-built lists covering every field and on random lists.

mod export_common;

use export_common::*;
use jianpai::export::write_enterprise_workbook;
use jianpai::import::read_workbook;
use jianpai::model::{List, PerLevel};

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
}
