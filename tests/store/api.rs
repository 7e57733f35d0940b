//! The list store through its public API: round trip, merge rules, record saves, rollback,
//! refusing foreign and newer files, backup.

use jianpai::model::Stated;
use jianpai::model::{
    Baseline, BaselineUnit, Contact, CountyBaseline, Enterprise, EnterpriseClass, Fleet, Grade,
    Heating, List, Machinery, Measure, NonroadStage, Origin, PerLevel, PerPollutant, Site, Source,
    VehicleCounts,
};
use jianpai::store::{writes_as_is, ImportMode, Store, StoreError};
use rusqlite::Connection;

fn contact(name: &str, phone: &str) -> Contact {
    Contact {
        name: name.into(),
        phone: phone.into(),
    }
}

fn origin(sheet: &str, row: u32) -> Option<Origin> {
    Some(Origin {
        sheet: sheet.into(),
        row,
    })
}

/// A source using every field, with some blanks (None) to prove they stay blank.
fn source(name: &str, row: u32) -> Source {
    Source {
        id: 0,
        name: name.into(),
        product: "水泥熟料".into(),
        capacity: "年产10万吨".into(),
        days: Some(300.0),
        outlet: "DA001".into(),
        treatment: "SCR脱硝".into(),
        standard: String::new(),
        annual: PerPollutant {
            so2: Some(600.0),
            nox: Some(900.5),
            pm: None,
            vocs: Some(0.0),
        },
        daily: PerPollutant {
            so2: None,
            nox: Some(3.0),
            pm: None,
            vocs: None,
        },
        measures: PerLevel {
            yellow: Measure {
                text: "限产50%".into(),
                share: Some(0.5),
                amounts: PerPollutant {
                    so2: Some(1.0),
                    nox: None,
                    pm: None,
                    vocs: None,
                },
                key_indicator: "用电量".into(),
                prep_time: "2小时".into(),
                owner: contact("王五", "13900000000"),
                concentration_limit: None,
            },
            // A level that only states a concentration limit is kept.
            orange: Measure {
                concentration_limit: Some(50.0),
                ..Measure::default()
            },
            red: Measure {
                text: "停产".into(),
                ..Measure::default()
            },
        },
        origin: origin("工业源清单", row),
    }
}

fn enterprise(name: &str, code: &str, lines: usize) -> Enterprise {
    Enterprise {
        id: 0,
        name: name.into(),
        code: code.into(),
        county: "示例县".into(),
        town: "城关镇".into(),
        address: "工业园1号".into(),
        industry: "水泥".into(),
        industry_code: "3011".into(),
        key_industry: "水泥".into(),
        power_account: "6500123".into(),
        normal_daily_kwh: Some(12_000.5),
        daily_kwh_cap: PerLevel {
            yellow: Some(9_000.0),
            orange: None,
            red: Some(0.0),
        },
        grade: Some(Grade::BMinus),
        class: Some(EnterpriseClass::Key),
        guarantee: false,
        shut_down: false,
        cems: Some(true),
        legal: contact("张三", "13800000000"),
        responsible: contact("李四", "0991-1234567"),
        supervisor: contact("", ""),
        sources: (0..lines)
            .map(|i| source(&format!("{name}{i}号线"), 5 + i as u32))
            .collect(),
        origin: origin("工业源清单", 5),
    }
}

fn site(county: &str, name: &str) -> Site {
    Site {
        id: 0,
        county: county.into(),
        name: name.into(),
        kind: "房屋建筑".into(),
        address: "北路".into(),
        builder: "建设单位".into(),
        contractor: "施工单位".into(),
        manager: contact("赵六", "13700000000"),
        responsible: contact("钱七", ""),
        approval: "新发改〔2026〕8号".into(),
        source: Source {
            name: name.into(),
            annual: PerPollutant {
                pm: Some(3.65),
                ..PerPollutant::default()
            },
            days: None,
            ..Source::default()
        },
        origin: origin("扬尘源清单", 4),
    }
}

fn fleet(name: &str, code: &str) -> Fleet {
    Fleet {
        id: 0,
        county: "示例县".into(),
        name: name.into(),
        code: code.into(),
        daily_trips: Some(25.0),
        vehicles: VehicleCounts {
            guo3_or_older: None,
            guo4: Some(3),
            guo5: Some(10),
            guo6: Some(0),
            new_energy: Some(2),
        },
        source: Source {
            daily: PerPollutant {
                nox: Some(0.02),
                pm: Some(0.001),
                ..PerPollutant::default()
            },
            ..Source::default()
        },
        origin: None,
    }
}

fn heating(name: &str, code: &str) -> Heating {
    Heating {
        id: 0,
        name: name.into(),
        code: code.into(),
        area_10k_m2: Some(120.0),
        max_load: None,
        measures: PerLevel {
            yellow: "以热定产".into(),
            orange: String::new(),
            red: "以热定产，负荷不超过70%".into(),
        },
        origin: origin("协同供暖企业清单", 3),
    }
}

fn machinery(user: &str, stage: NonroadStage) -> Machinery {
    Machinery {
        id: 0,
        county: "示例县".into(),
        user: user.into(),
        kind: "挖掘机".into(),
        stage,
        count: Some(2),
        fuel: "柴油".into(),
        measures: PerLevel {
            yellow: String::new(),
            orange: "停止使用".into(),
            red: "停止使用".into(),
        },
        origin: origin("非道路移动机械清单", 4),
    }
}

pub(crate) fn full_list() -> List {
    List {
        area: "示例县".into(),
        year: Some(2026),
        baseline: Some(Baseline {
            amounts: PerPollutant {
                so2: 20.0,
                nox: 10.0,
                pm: 4.0,
                vocs: 12.0,
            },
            unit: BaselineUnit::PerDay,
        }),
        targets: PerLevel {
            yellow: 0.1,
            orange: 0.2,
            red: 0.3,
        },
        county_baselines: vec![CountyBaseline {
            county: "示例县".into(),
            baseline: Baseline {
                amounts: PerPollutant {
                    so2: 365.0,
                    nox: 730.0,
                    pm: 0.0,
                    vocs: 1.5,
                },
                unit: BaselineUnit::PerYear,
            },
        }],
        so2_nox_trade: true,
        enterprises: vec![
            enterprise("甲水泥厂", "91650000MA77ABCD1X", 3),
            Enterprise {
                grade: None,
                class: None,
                cems: None,
                shut_down: true,
                guarantee: true,
                origin: None,
                ..enterprise("乙厂", "", 1)
            },
        ],
        sites: vec![site("示例县", "一号工地"), site("邻县", "一号工地")],
        fleets: vec![fleet("甲物流", "91650000MA77ABCD2X")],
        heating: vec![heating("甲水泥厂", "91650000MA77ABCD1X")],
        machinery: vec![
            machinery("一号工地", NonroadStage::Guo2),
            Machinery {
                count: None,
                origin: None,
                ..machinery("甲水泥厂", NonroadStage::Unknown)
            },
        ],
    }
}

fn all_ids(list: &List) -> Vec<i64> {
    let mut ids = Vec::new();
    for e in &list.enterprises {
        ids.push(e.id);
        ids.extend(e.sources.iter().map(|s| s.id));
    }
    ids.extend(list.sites.iter().flat_map(|s| [s.id, s.source.id]));
    ids.extend(list.fleets.iter().flat_map(|f| [f.id, f.source.id]));
    ids.extend(list.heating.iter().map(|h| h.id));
    ids.extend(list.machinery.iter().map(|m| m.id));
    ids
}

#[test]
fn a_stored_list_loads_back_exactly_with_ids_assigned() {
    let mut store = Store::open_in_memory().unwrap();
    let list = full_list();
    store.import(&list, ImportMode::Replace).unwrap();
    let loaded = store.load().unwrap();
    assert!(
        all_ids(&loaded).iter().all(|&id| id > 0),
        "every record gets an id"
    );
    assert_eq!(loaded.without_ids(), list);
}

#[test]
fn an_empty_store_loads_the_default_settings() {
    let store = Store::open_in_memory().unwrap();
    assert_eq!(store.load().unwrap(), List::default());
    assert!(store.path().is_none());
}

#[test]
fn a_file_store_survives_reopening_and_uses_wal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep/er/list.sqlite");
    let list = full_list();
    {
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.path(), Some(path.as_path()));
        store.import(&list, ImportMode::Replace).unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.load().unwrap().without_ids(), list);
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn merge_replaces_matched_records_and_keeps_the_others() {
    let mut store = Store::open_in_memory().unwrap();
    store.import(&full_list(), ImportMode::Replace).unwrap();
    store
        .set_targets(PerLevel {
            yellow: 0.05,
            orange: 0.15,
            red: 0.25,
        })
        .unwrap();
    let before = store.load().unwrap();
    let first_id = before.enterprises[0].id;

    let mut renamed = enterprise("甲水泥厂（更名）", "91650000MA77ABCD1X", 1);
    renamed.industry = "玻璃".into();
    let incoming = List {
        area: String::new(),
        year: None,
        baseline: None,
        enterprises: vec![renamed.clone(), enterprise("丙厂", "", 2)],
        sites: vec![Site {
            kind: "市政".into(),
            ..site("邻县", "一号工地")
        }],
        fleets: vec![],
        heating: vec![Heating {
            max_load: Some(0.7),
            ..heating("改名无妨", "91650000MA77ABCD1X")
        }],
        ..List::default()
    };
    let summary = store.import(&incoming, ImportMode::Merge).unwrap();
    assert_eq!(summary.enterprises_replaced, 1);
    assert_eq!(summary.enterprises_added, 1);
    assert_eq!(summary.sites_replaced, 1);
    assert_eq!(summary.heating_replaced, 1);
    assert_eq!(summary.sources_written, 4);
    assert!(!summary.baseline_set);

    let after = store.load().unwrap();
    // Kept: area, year, baseline, targets of the store; the unmatched enterprise and site.
    assert_eq!(after.area, "示例县");
    assert_eq!(after.year, Some(2026));
    assert_eq!(after.baseline, before.baseline);
    assert_eq!(after.targets.yellow, 0.05);
    assert_eq!(after.enterprises.len(), 3);
    assert_eq!(
        after.enterprises[0].id, first_id,
        "a replaced enterprise keeps its id"
    );
    assert_eq!(after.enterprises[0].name, renamed.name);
    assert_eq!(after.enterprises[0].sources.len(), 1);
    assert_eq!(after.enterprises[1], before.enterprises[1]);
    assert_eq!(after.enterprises[2].name, "丙厂");
    assert_eq!(
        after.sites[0], before.sites[0],
        "另一县的同名工地 is another site"
    );
    assert_eq!(after.sites[1].kind, "市政");
    assert_eq!(after.fleets, before.fleets);
    assert_eq!(after.heating.len(), 1);
    assert_eq!(after.heating[0].max_load, Some(0.7));
}

#[test]
fn merge_takes_the_files_area_year_and_baseline_when_it_has_them() {
    let mut store = Store::open_in_memory().unwrap();
    store.import(&full_list(), ImportMode::Replace).unwrap();
    let incoming = List {
        area: "新县".into(),
        year: Some(2027),
        baseline: Some(Baseline {
            amounts: PerPollutant {
                so2: 365.0,
                nox: 1.0,
                pm: 2.0,
                vocs: 3.0,
            },
            unit: BaselineUnit::PerYear,
        }),
        ..List::default()
    };
    let summary = store.import(&incoming, ImportMode::Merge).unwrap();
    assert!(summary.baseline_set);
    let after = store.load().unwrap();
    assert_eq!(after.area, "新县");
    assert_eq!(after.year, Some(2027));
    assert_eq!(after.baseline, incoming.baseline);
    assert_eq!(after.enterprises.len(), 2);
}

#[test]
fn replace_empties_the_list_and_takes_the_files_settings() {
    let mut store = Store::open_in_memory().unwrap();
    store.import(&full_list(), ImportMode::Replace).unwrap();
    store.set_trade(false).unwrap();
    store
        .set_targets(PerLevel {
            yellow: 0.05,
            orange: 0.15,
            red: 0.25,
        })
        .unwrap();
    let incoming = List {
        enterprises: vec![enterprise("丁厂", "", 1)],
        ..List::default()
    };
    store.import(&incoming, ImportMode::Replace).unwrap();
    assert_eq!(store.load().unwrap().without_ids(), incoming);
}

#[test]
fn merge_takes_targets_and_trade_only_where_the_file_states_them() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .set_targets(PerLevel {
            yellow: 0.05,
            orange: 0.15,
            red: 0.25,
        })
        .unwrap();
    store.import(&List::default(), ImportMode::Merge).unwrap();
    let kept = store.load().unwrap();
    assert_eq!(kept.targets.yellow, 0.05);
    assert!(kept.so2_nox_trade);

    let stated = List {
        targets: PerLevel {
            yellow: 0.12,
            orange: 0.2,
            red: 0.3,
        },
        so2_nox_trade: false,
        ..List::default()
    };
    store.import(&stated, ImportMode::Merge).unwrap();
    let taken = store.load().unwrap();
    assert_eq!(taken.targets, stated.targets);
    assert!(!taken.so2_nox_trade);
}

#[test]
fn save_enterprise_inserts_updates_and_deletes_its_sources() {
    let mut store = Store::open_in_memory().unwrap();
    let saved = store.save_enterprise(&enterprise("甲厂", "", 3)).unwrap();
    assert!(saved.id > 0 && saved.sources.iter().all(|s| s.id > 0));
    assert_eq!(store.load().unwrap().enterprises, vec![saved.clone()]);

    let mut edited = saved.clone();
    let kept_id = edited.sources[2].id;
    edited.sources.remove(0);
    edited.sources[1].measures.orange.text = "限产30%".into();
    edited.sources.push(source("新增工序", 99));
    edited.grade = Some(Grade::A);
    let again = store.save_enterprise(&edited).unwrap();
    assert_eq!(again.id, saved.id);
    assert_eq!(
        again.sources[1].id, kept_id,
        "an edited source keeps its id"
    );
    assert!(again.sources[2].id > 0 && again.sources[2].id != saved.sources[0].id);
    assert_eq!(store.load().unwrap().enterprises, vec![again.clone()]);

    store.delete_enterprise(again.id).unwrap();
    assert!(store.load().unwrap().enterprises.is_empty());
    assert!(matches!(
        store.delete_enterprise(again.id),
        Err(StoreError::NotFound { id, .. }) if id == again.id
    ));
    assert!(matches!(
        store.save_enterprise(&again),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn deleting_an_enterprise_deletes_its_sources() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("list.sqlite");
    let mut store = Store::open(&path).unwrap();
    let saved = store.save_enterprise(&enterprise("甲厂", "", 2)).unwrap();
    store.delete_enterprise(saved.id).unwrap();
    let conn = Connection::open(&path).unwrap();
    let count = |table: &str| -> i64 {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(count("sources"), 0);
}

#[test]
fn sites_fleets_and_heating_save_and_delete() {
    let mut store = Store::open_in_memory().unwrap();
    let s = store.save_site(&site("示例县", "二号工地")).unwrap();
    let f = store.save_fleet(&fleet("乙物流", "")).unwrap();
    let h = store.save_heating(&heating("热电厂", "")).unwrap();
    assert!(s.id > 0 && s.source.id > 0 && f.id > 0 && f.source.id > 0 && h.id > 0);

    let mut s2 = s.clone();
    s2.source.annual.pm = Some(7.3);
    let s2 = store.save_site(&s2).unwrap();
    assert_eq!(s2.source.id, s.source.id);
    let list = store.load().unwrap();
    assert_eq!(list.sites, vec![s2.clone()]);
    assert_eq!(list.fleets, vec![f.clone()]);
    assert_eq!(list.heating, vec![h.clone()]);

    store.delete_site(s2.id).unwrap();
    store.delete_fleet(f.id).unwrap();
    store.delete_heating(h.id).unwrap();
    let list = store.load().unwrap();
    assert!(list.sites.is_empty() && list.fleets.is_empty() && list.heating.is_empty());
    assert!(matches!(
        store.delete_heating(h.id),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn machinery_saves_updates_and_deletes() {
    let mut store = Store::open_in_memory().unwrap();
    let m = store
        .save_machinery(&machinery("一号工地", NonroadStage::Guo3))
        .unwrap();
    assert!(m.id > 0);
    let m2 = store
        .save_machinery(&Machinery {
            stage: NonroadStage::NewEnergy,
            ..m.clone()
        })
        .unwrap();
    assert_eq!(m2.id, m.id);
    assert_eq!(store.load().unwrap().machinery, vec![m2.clone()]);
    store.delete_machinery(m2.id).unwrap();
    assert!(store.load().unwrap().machinery.is_empty());
    assert!(matches!(
        store.save_machinery(&m2),
        Err(StoreError::NotFound { .. })
    ));
}

/// Machinery rows have no identity: a file's rows of a 使用单位 replace that unit's stored
/// rows, and other units' rows stay.
#[test]
fn merge_replaces_the_machinery_of_the_units_in_the_file() {
    let mut store = Store::open_in_memory().unwrap();
    store.import(&full_list(), ImportMode::Replace).unwrap();
    let incoming = List {
        machinery: vec![
            machinery("一号工地", NonroadStage::Guo4),
            machinery("一号工地", NonroadStage::NewEnergy),
        ],
        ..List::default()
    };
    let summary = store.import(&incoming, ImportMode::Merge).unwrap();
    assert_eq!(summary.machinery_written, 2);
    let stages: Vec<(String, NonroadStage)> = store
        .load()
        .unwrap()
        .machinery
        .into_iter()
        .map(|m| (m.user, m.stage))
        .collect();
    assert_eq!(
        stages,
        [
            ("甲水泥厂".to_string(), NonroadStage::Unknown),
            ("一号工地".to_string(), NonroadStage::Guo4),
            ("一号工地".to_string(), NonroadStage::NewEnergy),
        ]
    );
}

#[test]
fn settings_writes_are_read_back() {
    let mut store = Store::open_in_memory().unwrap();
    let baseline = Baseline {
        amounts: PerPollutant {
            so2: 7300.0,
            nox: 3650.0,
            pm: 1460.0,
            vocs: 4380.0,
        },
        unit: BaselineUnit::PerYear,
    };
    store.set_baseline(Some(baseline)).unwrap();
    store.set_area("示例县", Some(2026)).unwrap();
    store.set_trade(false).unwrap();
    store
        .set_targets(PerLevel {
            yellow: 0.08,
            orange: 0.18,
            red: 0.28,
        })
        .unwrap();
    let list = store.load().unwrap();
    assert_eq!(list.baseline, Some(baseline));
    assert_eq!((list.area.as_str(), list.year), ("示例县", Some(2026)));
    assert!(!list.so2_nox_trade);
    assert_eq!(list.targets.red, 0.28);
    store.set_baseline(None).unwrap();
    assert_eq!(store.load().unwrap().baseline, None);
}

#[test]
fn a_failure_in_the_middle_of_an_import_leaves_the_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("list.sqlite");
    let mut store = Store::open(&path).unwrap();
    store.import(&full_list(), ImportMode::Replace).unwrap();
    let before = store.load().unwrap();
    // Force SQLite to fail on the last source of the incoming list, after many writes.
    Connection::open(&path)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER boom BEFORE INSERT ON sources WHEN NEW.name = '爆' \
             BEGIN SELECT RAISE(ABORT, 'forced failure'); END;",
        )
        .unwrap();
    let mut incoming = full_list();
    incoming.area = "不该写入".into();
    let mut last = enterprise("最后", "", 2);
    last.sources[1].name = "爆".into();
    incoming.enterprises.push(last);
    for mode in [ImportMode::Replace, ImportMode::Merge] {
        let err = store.import(&incoming, mode).unwrap_err();
        assert!(matches!(err, StoreError::Sqlite(_)), "{err}");
        assert!(err.to_string().contains("文件保持原样"));
        assert_eq!(store.load().unwrap(), before);
    }
    drop(store);
    assert_eq!(Store::open(&path).unwrap().load().unwrap(), before);
}

#[test]
fn a_file_that_is_not_a_jianpai_store_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.sqlite");
    std::fs::write(&text, "这不是数据库".repeat(200)).unwrap();
    let err = Store::open(&text).unwrap_err();
    assert!(matches!(err, StoreError::NotJianpai { .. }), "{err}");
    assert!(err.to_string().contains("不是 jianpai 数据文件"));

    let other = dir.path().join("other.sqlite");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    assert!(matches!(
        Store::open(&other),
        Err(StoreError::NotJianpai { .. })
    ));
    let tables: i64 = Connection::open(&other)
        .unwrap()
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 1, "a foreign database is not migrated");
}

#[test]
fn a_file_from_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("list.sqlite");
    drop(Store::open(&path).unwrap());
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::NewerVersion { found: 99, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("更新版本"));
}

#[test]
fn a_directory_cannot_be_opened_as_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::Open { .. }), "{err:?}");
}

#[test]
fn a_backup_is_a_complete_store_and_replaces_an_older_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("list.sqlite")).unwrap();
    store.import(&full_list(), ImportMode::Replace).unwrap();
    let backup = dir.path().join("backup.sqlite");
    std::fs::write(&backup, "old").unwrap();
    store.backup_to(&backup).unwrap();
    assert_eq!(
        Store::open(&backup).unwrap().load().unwrap(),
        store.load().unwrap()
    );
}

#[test]
fn a_store_locked_by_another_process_reports_locked_and_stays_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("list.sqlite");
    let mut store = Store::open(&path).unwrap();
    let other = Connection::open(&path).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE;").unwrap();
    // Waits for the busy timeout (5 s), then gives up with a message that says what to do.
    let err = store.set_trade(false).unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }), "{err:?}");
    assert!(err.to_string().contains("占用"));
    other.execute_batch("ROLLBACK;").unwrap();
    assert!(store.load().unwrap().so2_nox_trade);
}

/// `writes_as_is` lets `check FILE` and an import's snapshot use the list in hand instead of
/// reading it back: that is sound only if the store then holds exactly that list. Every
/// sample workbook is such a list, and so is the generated large list of the budgets.
#[test]
fn a_list_whose_records_do_not_fold_is_stored_exactly_as_read() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-lists");
    let tmp = tempfile::tempdir().unwrap();
    let big = tmp.path().join("big.xlsx");
    jianpai_samples::big_list_workbook(&big, 3_000).unwrap();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .collect();
    files.push(big);
    let mut read = 0;
    for path in files {
        let list = jianpai::import::read_workbook(&path).unwrap().list;
        assert!(writes_as_is(&list), "{}", path.display());
        let mut store = Store::open_in_memory().unwrap();
        let (_, snapshot) = store
            .import_recorded(&list, Stated::guessed_from(&list), ImportMode::Merge, "x")
            .unwrap();
        assert_eq!(
            store.load().unwrap().without_ids(),
            list,
            "{}",
            path.display()
        );
        assert_eq!(store.snapshot_list(snapshot).unwrap(), list);
        read += 1;
    }
    assert!(
        read >= 3,
        "the sample workbooks and the large list were read"
    );
}

/// Records an import folds together, by the merge rules' keys: the store then holds fewer
/// records than the file, and the snapshot is read back from the store.
#[test]
fn records_that_fold_on_import_are_not_taken_as_is() {
    let enterprise = |code: &str, name: &str| Enterprise {
        code: code.into(),
        name: name.into(),
        sources: vec![Source::default()],
        ..Enterprise::default()
    };
    let with = |enterprises: Vec<Enterprise>| List {
        enterprises,
        ..List::default()
    };
    let folds = [
        with(vec![enterprise("C1", "甲"), enterprise("C1", "乙")]),
        with(vec![enterprise("", "甲"), enterprise("C1", "甲")]),
        with(vec![enterprise("C1", "甲"), enterprise("", "甲")]),
        with(vec![enterprise("", "甲"), enterprise("", "甲")]),
        List {
            sites: vec![Site::default(), Site::default()],
            ..List::default()
        },
        List {
            fleets: vec![
                Fleet {
                    code: "F1".into(),
                    ..Fleet::default()
                },
                Fleet {
                    code: "F1".into(),
                    name: "另一名".into(),
                    ..Fleet::default()
                },
            ],
            ..List::default()
        },
        List {
            heating: vec![Heating::default(), Heating::default()],
            ..List::default()
        },
    ];
    for list in folds {
        assert!(!writes_as_is(&list), "{list:?}");
        let mut store = Store::open_in_memory().unwrap();
        let (_, snapshot) = store
            .import_recorded(&list, Stated::default(), ImportMode::Replace, "x")
            .unwrap();
        let stored = store.load().unwrap().without_ids();
        assert_ne!(stored, list, "the records folded");
        assert_eq!(store.snapshot_list(snapshot).unwrap(), stored);
    }
    // Two codes with one name, and one name in two counties, stay apart.
    assert!(writes_as_is(&with(vec![
        enterprise("C1", "甲"),
        enterprise("C2", "甲")
    ])));
    let site = |county: &str| Site {
        county: county.into(),
        name: "同名工地".into(),
        ..Site::default()
    };
    assert!(writes_as_is(&List {
        sites: vec![site("甲县"), site("乙县")],
        ..List::default()
    }));
}

/// A merge into a store that already holds records reads the merged list back for its
/// snapshot: it is not the file's list.
#[test]
fn a_merge_into_a_stored_list_snapshots_the_merged_list() {
    let mut store = Store::open_in_memory().unwrap();
    let list = full_list();
    store.import(&list, ImportMode::Replace).unwrap();
    let one = List {
        enterprises: vec![Enterprise {
            code: "91410000NEWCODE001".into(),
            name: "新增企业".into(),
            ..Enterprise::default()
        }],
        ..List::default()
    };
    let (_, snapshot) = store
        .import_recorded(&one, Stated::default(), ImportMode::Merge, "x")
        .unwrap();
    let merged = store.snapshot_list(snapshot).unwrap();
    assert_eq!(merged, store.load().unwrap().without_ids());
    assert_eq!(merged.enterprises.len(), list.enterprises.len() + 1);
}

#[test]
fn one_enterprises_filing_is_read_alone_and_equals_the_listed_one() {
    use jianpai::model::{Filing, FilingState};
    let mut store = Store::open_in_memory().unwrap();
    let filed = Filing {
        enterprise: "91410500MA0000000X".into(),
        state: FilingState::Filed,
        date: chrono::NaiveDate::from_ymd_opt(2026, 9, 12),
        number: "安环备〔2026〕12号".into(),
    };
    let submitted = Filing {
        enterprise: "示例砖瓦厂".into(),
        state: FilingState::Submitted,
        date: None,
        number: String::new(),
    };
    store.set_filing(&filed).unwrap();
    store.set_filing(&submitted).unwrap();
    assert_eq!(store.filing("91410500MA0000000X").unwrap(), Some(filed));
    assert_eq!(store.filing("示例砖瓦厂").unwrap(), Some(submitted));
    assert_eq!(store.filing("没有备案的企业").unwrap(), None);
    for f in store.filings().unwrap() {
        assert_eq!(store.filing(&f.enterprise).unwrap(), Some(f));
    }
}
