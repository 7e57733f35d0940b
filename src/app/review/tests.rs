use super::*;
use crate::model::{Enterprise, Grade, Origin, Site, Source};
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
    let rows = findings(&list);
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
    let rows = findings(&stored());
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
