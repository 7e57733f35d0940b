//! 备案: filing states set by code or name, kept across re-imports, listed, and the review
//! warning for plans not filed by the deadline.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

use super::common::{assert_valid, jianpai, sample_list};

fn run(db: &Path, args: &[&str]) -> Output {
    jianpai().arg("--db").arg(db).args(args).output().unwrap()
}

fn json(db: &Path, args: &[&str]) -> Value {
    let out = run(db, args);
    assert_eq!(
        out.status.code().map(|c| c == 0 || c == 3),
        Some(true),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn not_filed(db: &Path) -> Vec<Value> {
    let review = json(db, &["review", "--json"]);
    assert_valid("review.schema.json", &review);
    review["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "plan-not-filed")
        .cloned()
        .collect()
}

#[test]
fn filing_states_deadline_and_review_warning() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    let list = sample_list();
    let file = dir.path().join("洹水县.xlsx");
    jianpai_samples::write_workbook(&list, jianpai_samples::SAMPLES[0].layout, &file, false)
        .unwrap();
    assert_eq!(
        run(&db, &["import", file.to_str().unwrap()]).status.code(),
        Some(0)
    );

    let listed = json(&db, &["filing", "--json"]);
    assert_eq!(listed["deadline"], Value::Null);
    let rows = listed["enterprises"].as_array().unwrap();
    assert_eq!(rows.len(), list.enterprises.len());
    assert!(rows.iter().all(|r| r["state"] == "未提交"));
    assert!(not_filed(&db).is_empty(), "no deadline, no warning");

    let (a, b) = (&list.enterprises[0], &list.enterprises[5]);
    let out = run(
        &db,
        &[
            "filing",
            "set",
            &a.code,
            "--state",
            "已备案",
            "--date",
            "2026-08-01",
            "--number",
            "环备〔2026〕12号",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("已备案"));
    assert_eq!(
        run(&db, &["filing", "set", &b.name, "--state", "已提交"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        run(&db, &["filing", "deadline", "2026-09-01"])
            .status
            .code(),
        Some(0)
    );

    // Kept across a re-import of the same list.
    assert_eq!(
        run(&db, &["import", file.to_str().unwrap()]).status.code(),
        Some(0)
    );
    let listed = json(&db, &["filing", "--json"]);
    assert_eq!(listed["deadline"], "2026-09-01");
    let row = |code: &str| {
        listed["enterprises"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == code)
            .unwrap()
            .clone()
    };
    assert_eq!(row(&a.code)["state"], "已备案");
    assert_eq!(row(&a.code)["date"], "2026-08-01");
    assert_eq!(row(&a.code)["number"], "环备〔2026〕12号");
    assert_eq!(row(&b.code)["state"], "已提交");

    let warned = not_filed(&db);
    let active = list.enterprises.iter().filter(|e| !e.shut_down).count();
    assert_eq!(warned.len(), active - 1);
    assert!(warned
        .iter()
        .all(|f| f["severity"] == "warning" && f["code"] != a.code.as_str()));
    let b_warning = warned
        .iter()
        .find(|f| f["enterprise"] == b.name.as_str())
        .unwrap();
    assert!(b_warning["message"].as_str().unwrap().contains("已提交"));

    // Filed after the deadline still warns.
    run(
        &db,
        &[
            "filing",
            "set",
            &a.code,
            "--state",
            "已备案",
            "--date",
            "2026-09-15",
        ],
    );
    assert_eq!(not_filed(&db).len(), active);

    assert_eq!(
        run(&db, &["filing", "deadline", "--clear"]).status.code(),
        Some(0)
    );
    assert!(not_filed(&db).is_empty());
    let text = String::from_utf8_lossy(&run(&db, &["filing"]).stdout).into_owned();
    assert!(text.contains("未设置备案截止日期") && text.contains(&a.name));

    // Exported as columns.
    let book = dir.path().join("备案情况.xlsx");
    assert_eq!(
        run(&db, &["filing", "--export", book.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let mut wb = calamine::open_workbook_auto(&book).unwrap();
    use calamine::Reader;
    let range = wb.worksheet_range("一厂一策备案情况").unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows[1][4], "备案状态");
    assert_eq!(rows.len() - 2, list.enterprises.len());
    let a_row = rows.iter().find(|r| r[3] == a.code).unwrap();
    // Each `set` replaces the whole record: the second one gave no 文号.
    assert_eq!(&a_row[4..], ["已备案", "2026-09-15", ""]);
    // A folder is no file to write to.
    let out = run(&db, &["filing", "--export", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("无法写入工作簿"));
}

#[test]
fn filing_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    // An empty list's data file: commands other than `import` never create one.
    drop(jianpai::store::Store::open(&db).unwrap());
    let out = run(
        &db,
        &["filing", "set", "91410529MA47XK0Q3X", "--state", "已备案"],
    );
    assert_eq!(out.status.code(), Some(65));
    assert!(String::from_utf8_lossy(&out.stderr).contains("91410529MA47XK0Q3X"));
    let out = run(&db, &["filing", "set", "某公司", "--state", "审批中"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("未提交、已提交 或 已备案"));
    let out = run(&db, &["filing", "deadline", "2026-13-40"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&db, &["filing", "deadline"]);
    assert_eq!(out.status.code(), Some(2));
}

/// `filing --json` of the data file, checked against nothing but itself (no schema exists).
fn filings(db: &Path) -> Value {
    json(db, &["filing", "--json"])
}

fn set(db: &Path, args: &[&str]) {
    let out = run(db, &[&["filing", "set"], args].concat());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn import(db: &Path, file: &Path) -> Output {
    run(db, &["import", "--json", file.to_str().unwrap()])
}

#[test]
fn filings_round_trip_through_the_submission_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let (db, fresh) = (dir.path().join("a.sqlite"), dir.path().join("b.sqlite"));
    let list = sample_list();
    let file = dir.path().join("洹水县.xlsx");
    jianpai_samples::write_workbook(&list, jianpai_samples::SAMPLES[0].layout, &file, false)
        .unwrap();
    assert_eq!(import(&db, &file).status.code(), Some(0));
    let e = &list.enterprises;
    set(
        &db,
        &[
            &e[0].code,
            "--state",
            "已备案",
            "--date",
            "2026-08-01",
            "--number",
            "环备〔2026〕12号",
        ],
    );
    set(
        &db,
        &[&e[1].code, "--state", "已提交", "--date", "2026-07-15"],
    );
    set(&db, &[&e[2].code, "--state", "已提交"]);
    set(
        &db,
        &[
            &e[3].code,
            "--state",
            "已备案",
            "--number",
            "环备〔2026〕3号",
        ],
    );
    set(
        &db,
        &[&e[4].code, "--state", "未提交", "--date", "2026-06-30"],
    );
    let original = filings(&db);

    let book = dir.path().join("报送清单.xlsx");
    let out = run(&db, &["export", book.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = import(&fresh, &book);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(
        filings(&fresh),
        original,
        "the same 备案, enterprise by enterprise"
    );

    // A workbook without the columns leaves the stored records alone …
    set(
        &fresh,
        &[
            &e[5].code,
            "--state",
            "已提交",
            "--number",
            "环备〔2026〕7号",
        ],
    );
    let with_sixth = filings(&fresh);
    assert_ne!(with_sixth, original);
    assert_eq!(import(&fresh, &file).status.code(), Some(0));
    assert_eq!(filings(&fresh), with_sixth);
    // … one with them sets every enterprise it gives a value for (the sixth was 未提交).
    assert_eq!(import(&fresh, &book).status.code(), Some(0));
    assert_eq!(filings(&fresh), original);
}

/// A one-sheet list whose second enterprise has `state` and `date` in its 备案 cells.
fn list_with_filing(path: &Path, state: &str, date: &str) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("工业源清单").unwrap();
    let rows: [[&str; 6]; 3] = [
        [
            "企业名称",
            "统一社会信用代码",
            "二氧化硫排放量(t/a)",
            "备案状态",
            "备案日期",
            "备案文号",
        ],
        [
            "甲公司",
            "91110000802100433B",
            "10",
            "已备案",
            "2026-09-01",
            "环备1号",
        ],
        ["乙公司", "91310000MA1FL4B24G", "10", state, date, ""],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *text).unwrap();
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn a_bad_filing_cell_imports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    let list = sample_list();
    let file = dir.path().join("洹水县.xlsx");
    jianpai_samples::write_workbook(&list, jianpai_samples::SAMPLES[0].layout, &file, false)
        .unwrap();
    assert_eq!(import(&db, &file).status.code(), Some(0));
    set(&db, &[&list.enterprises[0].code, "--state", "已提交"]);
    let before = filings(&db);

    for (state, date, column, shown) in [
        ("审批中", "2026-09-02", "备案状态", "审批中"),
        ("已备案", "2026-02-30", "备案日期", "2026-02-30"),
    ] {
        let bad = dir.path().join(format!("{column}.xlsx"));
        list_with_filing(&bad, state, date);
        let out = import(&db, &bad);
        assert_eq!(out.status.code(), Some(65), "bad input: nothing written");
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_valid("import.schema.json", &report);
        assert_eq!(report["written"], false);
        let errors = report["errors"].as_array().unwrap();
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert_eq!(errors[0]["sheet"], "工业源清单");
        assert_eq!(errors[0]["row"], 3);
        assert_eq!(errors[0]["column"], column);
        let message = errors[0]["message"].as_str().unwrap();
        assert!(
            message.contains(shown) && message.contains("乙公司"),
            "{message}"
        );
        // Neither the list nor the valid first row's 备案 was written.
        assert_eq!(filings(&db), before);
        assert_eq!(
            filings(&db)["enterprises"].as_array().unwrap().len(),
            list.enterprises.len()
        );
        // The text form names the place too.
        let out = run(&db, &["import", bad.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(65));
        let text = String::from_utf8_lossy(&out.stderr).into_owned()
            + &String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("工业源清单") && text.contains(column) && text.contains('3'),
            "{text}"
        );
    }
}
