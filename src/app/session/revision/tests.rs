use std::path::{Path, PathBuf};

use super::*;
use crate::app::ErrorCode;
use crate::model::Level;
use crate::store::{ImportMode, SnapshotKind};

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-lists/洹水县-2026-模板甲.xlsx")
}

/// A session over a data file in `dir` holding the sample list, imported as the app does.
fn imported(dir: &Path) -> Session {
    let mut s = Session::open(&dir.join("list.sqlite")).unwrap();
    s.import(&sample(), ImportMode::Replace).unwrap();
    s
}

/// Changes the red measure of the first enterprise's first line; its code and the new text.
fn edit_red_measure(s: &mut Session) -> (String, String) {
    let mut e = s.list().enterprises[0].clone();
    let text = "停产（修订）".to_string();
    e.sources[0].measures.red.text = text.clone();
    let code = e.code.clone();
    s.save(e).unwrap();
    (code, text)
}

#[test]
fn restoring_the_import_snapshot_gives_back_the_imported_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = imported(dir.path());
    let first_list = s.list().clone();
    let first_report = s.report().clone();
    let import = s.history().unwrap()[0].clone();
    assert_eq!(import.kind, SnapshotKind::Import);

    edit_red_measure(&mut s);
    assert_ne!(s.list(), &first_list);
    let edited = s.list().clone();

    let done = s.restore(import.id).unwrap();
    assert_eq!(done.restored, import.id);
    assert_eq!(s.list(), &first_list);
    assert_eq!(s.report(), &first_report);
    assert_eq!(done.snapshot.report, first_report);
    assert!(
        s.undo_label().is_none(),
        "the edits named the replaced list"
    );

    // The restore is undoable: the list it replaced was kept first.
    let history = s.history().unwrap();
    assert_eq!(history[0].id, done.before);
    assert_eq!(history[0].kind, SnapshotKind::Restore);
    assert_eq!(
        crate::store::Store::open(&dir.path().join("list.sqlite"))
            .unwrap()
            .snapshot_list(done.before)
            .unwrap()
            .enterprises[0]
            .sources[0]
            .measures
            .red
            .text,
        edited.enterprises[0].sources[0].measures.red.text
    );

    let err = s.restore(9999).unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    assert_eq!(s.list(), &first_list, "an unknown snapshot changes nothing");
}

#[test]
fn a_named_save_needs_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = imported(dir.path());
    let err = s.save_to_history("  ").unwrap_err();
    assert_eq!(err.fields()[0].field, "note");
    assert_eq!(s.history().unwrap().len(), 1, "nothing saved");
    let history = s.save_to_history("报市局前定稿").unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].kind, SnapshotKind::Save);
    assert_eq!(history[0].note, "报市局前定稿");
}

#[test]
fn compare_with_the_imported_workbook_shows_the_edited_measure() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = imported(dir.path());
    let import = s.history().unwrap()[0].id;
    let workbook = CompareWith::File(sample().display().to_string());
    assert!(s.compare(&workbook).unwrap().is_empty());

    let (code, text) = edit_red_measure(&mut s);
    for old in [workbook.clone(), CompareWith::Snapshot(import)] {
        let d = s.compare(&old).unwrap();
        assert_eq!(d.measure_changes.len(), 1, "{:?}", d.measure_changes);
        let m = &d.measure_changes[0];
        assert_eq!(
            (m.code.as_str(), m.level, m.to.as_str()),
            (code.as_str(), Level::Red, text.as_str())
        );
        assert!(d.enterprises.added.is_empty() && d.enterprises.removed.is_empty());
    }

    let note = dir.path().join("修订说明.docx");
    let written = s.write_revision_note(&workbook, &note).unwrap();
    assert!(written.bytes > 0);
    assert!(
        std::fs::read(&note).unwrap().starts_with(b"PK"),
        "a .docx is a zip"
    );

    let missing = CompareWith::File(dir.path().join("没有.xlsx").display().to_string());
    assert_eq!(
        s.compare(&missing).unwrap_err().code(),
        ErrorCode::InputMissing
    );
    assert_eq!(
        s.compare(&CompareWith::Snapshot(9999)).unwrap_err().code(),
        ErrorCode::NotFound
    );
}

#[test]
fn coverage_of_an_extract_lists_the_planted_missing_enterprise() {
    let dir = tempfile::tempdir().unwrap();
    let s = imported(dir.path());
    let listed = &s.list().enterprises[0];
    let extract = dir.path().join("排污许可名录.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let rows = [
        ["单位名称", "统一社会信用代码", "行业类别"],
        [
            listed.name.as_str(),
            listed.code.as_str(),
            listed.industry.as_str(),
        ],
        ["洹水县新建水泥有限公司", "91410529MA9XXXXX1Y", "水泥制造"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save(&extract).unwrap();

    let c = s.coverage(&extract).unwrap();
    let missing: Vec<_> = c.missing.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(missing, ["洹水县新建水泥有限公司"]);
    assert!(c.missing[0].key_industry);
    assert_eq!(c.not_in_extract.len(), s.list().enterprises.len() - 1);

    let err = s.coverage(&dir.path().join("没有.xlsx")).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InputMissing);
    let not_a_sheet = dir.path().join("名录.xlsx");
    std::fs::write(&not_a_sheet, "不是表格").unwrap();
    assert_eq!(
        s.coverage(&not_a_sheet).unwrap_err().code(),
        ErrorCode::ImportInvalid
    );
}

#[test]
fn a_filing_shows_in_the_grid_and_a_bad_date_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = imported(dir.path());
    let e = s.list().enterprises[1].clone();
    assert_eq!(
        s.enterprise_rows().unwrap()[1].filing.state,
        FilingState::NotSubmitted
    );

    let err = s
        .set_filing(e.id, FilingState::Filed, "2026年9月", "")
        .unwrap_err();
    assert_eq!(err.fields()[0].field, "filing.date");
    assert!(err.fields()[0].message.contains("2026年9月"));
    assert!(s.store.filings().unwrap().is_empty(), "nothing written");

    let row = s
        .set_filing(
            e.id,
            FilingState::Filed,
            "2026-09-20",
            " 安环备〔2026〕12号 ",
        )
        .unwrap();
    assert_eq!(row.id, e.id);
    assert_eq!(row.filing.state, FilingState::Filed);
    assert_eq!(row.filing.number, "安环备〔2026〕12号");
    let rows = s.enterprise_rows().unwrap();
    assert_eq!(rows[1], row);
    assert_eq!(rows[1].filing.date.unwrap().to_string(), "2026-09-20");
    assert_eq!(rows[0].filing.state, FilingState::NotSubmitted);

    assert_eq!(
        s.set_filing(-5, FilingState::Filed, "", "")
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
}

#[test]
fn a_filing_change_is_undone_back_to_the_record_before_or_to_none() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = imported(dir.path());
    let e = s.list().enterprises[0].clone();
    let stored = |s: &Session| s.filings().unwrap().get(&e.key()).cloned();
    assert_eq!(stored(&s), None);

    s.set_filing(e.id, FilingState::Submitted, "2026-09-01", "")
        .unwrap();
    let submitted = stored(&s).unwrap();
    assert_eq!(submitted.state, FilingState::Submitted);
    assert_eq!(
        s.undo_label(),
        Some(format!("撤销对“{}”备案的修改", e.name).as_str())
    );
    assert_eq!(s.snapshot().undo.as_deref(), s.undo_label());
    s.set_filing(e.id, FilingState::Filed, "2026-09-20", "环备2号")
        .unwrap();
    assert_eq!(stored(&s).unwrap().number, "环备2号");

    // Each Ctrl+Z restores the record the change replaced …
    let undone = s.undo().unwrap();
    assert_eq!((undone.kind, undone.id), (RecordKind::Enterprise, e.id));
    assert_eq!(stored(&s), Some(submitted));
    // … down to no record at all (未提交 in the grid).
    s.undo().unwrap();
    assert_eq!(stored(&s), None);
    let row = s.enterprise_rows().unwrap()[0].filing.clone();
    assert_eq!(
        (row.state, row.date, row.number.as_str()),
        (FilingState::NotSubmitted, None, "")
    );
    assert_eq!(s.undo().unwrap_err().code(), ErrorCode::UndoEmpty);

    // A refused date leaves nothing to undo.
    assert!(s.set_filing(e.id, FilingState::Filed, "九月", "").is_err());
    assert!(s.undo_label().is_none());
}

#[test]
fn the_apps_export_carries_the_filings_and_its_import_sets_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = imported(dir.path());
    let ids: Vec<i64> = s.list().enterprises.iter().take(3).map(|e| e.id).collect();
    s.set_filing(ids[0], FilingState::Filed, "2026-09-20", "环备1号")
        .unwrap();
    s.set_filing(ids[2], FilingState::Submitted, "", "")
        .unwrap();
    let book = dir.path().join("报送.xlsx");
    s.export(None, &book).unwrap();

    let other = tempfile::tempdir().unwrap();
    let mut t = Session::open(&other.path().join("list.sqlite")).unwrap();
    // The dry run's reading is what the import writes, 备案 included.
    assert!(t.import_preview(&book).errors.is_empty());
    t.import(&book, ImportMode::Replace).unwrap();
    assert_eq!(t.enterprise_rows().unwrap(), s.enterprise_rows().unwrap());
    assert_eq!(t.enterprise_rows().unwrap()[0].filing.number, "环备1号");
}
