//! Round trip: `import::read_workbook(write_submission(list))` gives back the same list
//! (ids and origins aside), on hand-built lists covering every field and on random lists.

use super::common::*;
use jianpai::export::{write_enterprise_workbook, write_submission, ExportError};
use jianpai::import::read_workbook;
use jianpai::model::{PerLevel, Source};

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
