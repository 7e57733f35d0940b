//! "Stated or default": a merge takes a workbook's targets and trade switch exactly where
//! its 总表 wrote them — the defaults too — and keeps the stored ones where it is silent.

use jianpai::export::write_submission;
use jianpai::import::read_workbook;
use jianpai::model::{default_targets, Enterprise, List, PerLevel, Source, Stated};
use jianpai::store::{ImportMode, Store};

fn list() -> List {
    let mut line = Source {
        name: "1号窑".into(),
        days: Some(300.0),
        ..Source::default()
    };
    line.annual.so2 = Some(30.0);
    line.measures.yellow.text = "限产30%".into();
    List {
        area: "示例县".into(),
        enterprises: vec![Enterprise {
            name: "示例水泥有限公司".into(),
            code: "91110000802100433B".into(),
            sources: vec![line],
            ..Enterprise::default()
        }],
        ..List::default()
    }
}

/// A store whose targets and trade were set away from the defaults (in the app).
fn store_with_own_settings() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store.import(&list(), ImportMode::Replace).unwrap();
    store
        .set_targets(PerLevel {
            yellow: 0.15,
            orange: 0.25,
            red: 0.35,
        })
        .unwrap();
    store.set_trade(false).unwrap();
    store
}

#[test]
fn a_workbook_stating_the_defaults_is_merged_as_stated() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("报送清单.xlsx");
    // The submission workbook writes 10/20/30 % and 是 into its 总表.
    write_submission(&list(), &file).unwrap();
    let imported = read_workbook(&file).unwrap();
    assert_eq!(
        imported.stated,
        Stated {
            targets: true,
            trade: true
        }
    );
    assert_eq!(imported.list.targets, default_targets());

    let mut store = store_with_own_settings();
    store
        .import_stated(&imported.list, imported.stated, ImportMode::Merge)
        .unwrap();
    let back = store.load().unwrap();
    assert_eq!(back.targets, default_targets());
    assert!(back.so2_nox_trade);
}

#[test]
fn a_silent_workbook_keeps_the_stored_settings() {
    let mut store = store_with_own_settings();
    store
        .import_stated(&list(), Stated::default(), ImportMode::Merge)
        .unwrap();
    let back = store.load().unwrap();
    assert_eq!(back.targets.red, 0.35);
    assert!(!back.so2_nox_trade);
    // Replace takes the file's values whatever it stated.
    store
        .import_stated(&list(), Stated::default(), ImportMode::Replace)
        .unwrap();
    assert_eq!(store.load().unwrap().targets, default_targets());
}

#[test]
fn a_list_built_in_code_counts_as_stated_where_it_differs() {
    let mut l = list();
    assert_eq!(Stated::guessed_from(&l), Stated::default());
    l.targets.orange = 0.22;
    assert!(Stated::guessed_from(&l).targets);
    let mut store = store_with_own_settings();
    store.import(&l, ImportMode::Merge).unwrap();
    let back = store.load().unwrap();
    assert_eq!(back.targets.orange, 0.22);
    assert!(
        !back.so2_nox_trade,
        "the trade switch was left at its default"
    );
}
