use super::*;
use crate::app::{run_review_tracked, Session};
use crate::model::{Enterprise, Grade, Origin, Site, Source};
use crate::review::review;
use crate::store::{ImportMode, Store};

fn source(row: u32) -> Source {
    let mut s = Source {
        name: format!("{row}号窑"),
        days: Some(300.0),
        origin: Some(Origin {
            sheet: "工业源".into(),
            row,
        }),
        ..Source::default()
    };
    s.annual.so2 = Some(30.0);
    s.measures.yellow.text = "限产30%".into();
    s.measures.orange.text = "限产30%".into();
    s.measures.red.text = "限产30%".into();
    s
}

/// Two D-grade enterprises that only limit production (an error of `d-grade-not-stopped`
/// on each line), stored, so that ids exist.
fn stored() -> List {
    let e = |name: &str, code: &str, rows: [u32; 2], county: &str| Enterprise {
        name: name.into(),
        code: code.into(),
        county: county.into(),
        industry: "水泥".into(),
        grade: Some(Grade::D),
        sources: rows.into_iter().map(source).collect(),
        ..Enterprise::default()
    };
    let list = List {
        area: "示例市".into(),
        enterprises: vec![
            e("甲水泥有限公司", "", [3, 4], "东城县"),
            e("乙水泥有限公司", "91110000802100433B", [5, 6], "西城县"),
        ],
        sites: vec![Site {
            name: "城东工地".into(),
            county: "南城县".into(),
            ..Site::default()
        }],
        ..List::default()
    };
    let mut store = Store::open_in_memory().unwrap();
    store.import(&list, ImportMode::Replace).unwrap();
    store.load().unwrap()
}

#[test]
fn a_finding_names_the_stored_enterprise_and_line() {
    let list = stored();
    let rows = findings(&list, review(&list, &Rules::builtin()));
    let on_row_6: Vec<_> = rows
        .iter()
        .filter(|r| r.finding.rule == "d-grade-not-stopped" && r.finding.row == Some(6))
        .collect();
    assert!(!on_row_6.is_empty(), "D级企业限产应被审核指出");
    let record = on_row_6[0].record.as_ref().unwrap();
    let b = &list.enterprises[1];
    assert_eq!(record.kind, RecordKind::Enterprise);
    assert_eq!(record.id, b.id);
    assert!(record.id > 0);
    assert_eq!(record.source_id, Some(b.sources[1].id));
    assert_eq!(record.code, "91110000802100433B");
    assert_eq!(record.county, "西城县");
}

#[test]
fn errors_come_before_warnings() {
    let list = stored();
    let rows = findings(&list, review(&list, &Rules::builtin()));
    let first_warning = rows
        .iter()
        .position(|r| r.finding.severity == Severity::Warning)
        .unwrap_or(rows.len());
    assert!(rows[first_warning..]
        .iter()
        .all(|r| r.finding.severity == Severity::Warning));
    assert!(first_warning > 0);
}

#[test]
fn without_an_origin_the_code_then_the_name_decides() {
    let list = stored();
    let by_code = locate(&list, None, Some("91110000802100433B"), Some("别的名字"));
    assert_eq!(by_code.unwrap().id, list.enterprises[1].id);
    let by_name = locate(&list, Some(("工业源", 99)), None, Some(" 甲水泥有限公司 "));
    assert_eq!(by_name.unwrap().id, list.enterprises[0].id);
    let site = locate(&list, None, None, Some("城东工地")).unwrap();
    assert_eq!(
        (site.kind, site.county.as_str()),
        (RecordKind::Site, "南城县")
    );
    assert!(locate(&list, None, None, None).is_none());
}

#[test]
fn the_engines_diagnostics_are_placed_at_their_line() {
    let mut list = stored();
    list.enterprises[0].sources[0].days = Some(400.0);
    let report = crate::reduce::check(&list);
    let placed = place_diagnostics(&list, &report.warnings);
    let days = placed
        .iter()
        .find(|p| p.diagnostic.column.as_deref() == Some("年生产天数"))
        .expect("days outside 0–366 are reported");
    let record = days.record.as_ref().unwrap();
    assert_eq!(record.source_id, Some(list.enterprises[0].sources[0].id));
}

#[test]
fn every_rule_has_a_chinese_title() {
    let titles = rule_titles();
    assert_eq!(titles.len(), RULE_IDS.len());
    let d = titles
        .iter()
        .find(|t| t.id == "d-grade-not-stopped")
        .unwrap();
    assert_eq!(d.title, "D级企业未全部停产");
    assert_eq!(d.severity, Severity::Error);
}

/// The app's 审核 (the session's findings) and `jianpai review` (the store's tracked review)
/// judge the list by the same stored settings: a disabled rule, a changed severity and a
/// reset change both alike.
#[test]
fn the_apps_review_follows_the_stored_rule_settings_as_the_clis_does() {
    let mut store = Store::open_in_memory().unwrap();
    store.import(&stored(), ImportMode::Replace).unwrap();
    let mut session = Session::with_store(store, None).unwrap();
    let same_as_cli = |session: &Session| {
        let app: Vec<Finding> = session
            .findings()
            .unwrap()
            .into_iter()
            .map(|r| r.finding)
            .collect();
        let mut cli = run_review_tracked(session.store()).unwrap().findings;
        cli.sort_by_key(|f| f.severity != Severity::Error);
        assert_eq!(app, cli);
        app
    };
    let d_grade = |found: &[Finding]| -> Vec<Severity> {
        found
            .iter()
            .filter(|f| f.rule == "d-grade-not-stopped")
            .map(|f| f.severity)
            .collect()
    };
    assert_eq!(d_grade(&same_as_cli(&session)), vec![Severity::Error; 4]);

    session
        .set_rule("d-grade-not-stopped", "enabled", "false")
        .unwrap();
    assert!(d_grade(&same_as_cli(&session)).is_empty());

    session
        .set_rule("d-grade-not-stopped", "enabled", "启用")
        .unwrap();
    session
        .set_rule("d-grade-not-stopped", "severity", "warning")
        .unwrap();
    assert_eq!(d_grade(&same_as_cli(&session)), vec![Severity::Warning; 4]);
    let entry = session
        .rule_entries()
        .unwrap()
        .into_iter()
        .find(|e| e.rule.id == "d-grade-not-stopped")
        .unwrap();
    assert_eq!(
        (entry.rule.severity, entry.default.severity),
        (Severity::Warning, Severity::Error)
    );

    assert_eq!(session.reset_rules(Some("d-grade-not-stopped")).unwrap(), 2);
    assert_eq!(d_grade(&same_as_cli(&session)), vec![Severity::Error; 4]);
}

/// A setting the rule does not take is refused through the session as through the CLI,
/// and nothing is stored.
#[test]
fn the_session_refuses_a_bad_rule_setting_and_stores_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    store.import(&stored(), ImportMode::Replace).unwrap();
    let mut session = Session::with_store(store, None).unwrap();
    for (rule, key, value) in [
        ("no-such-rule", "enabled", "false"),
        ("rotation-over-3-batches", "max_batches", "-1"),
        ("rotation-over-3-batches", "no_such_key", "1"),
    ] {
        let err = session.set_rule(rule, key, value).unwrap_err();
        assert!(matches!(err, crate::app::AppError::Usage(_)), "{err:?}");
    }
    assert!(matches!(
        session.reset_rules(Some("no-such-rule")),
        Err(crate::app::AppError::Usage(_))
    ));
    assert!(session
        .rule_entries()
        .unwrap()
        .iter()
        .all(|e| e.rule == e.default));
}
