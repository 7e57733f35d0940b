//! The 备案 columns of the industrial sheet (`docs/revision.md`): found by any of their names,
//! dates read from date cells and from the usual texts, and every bad cell an error at its
//! place.

use super::support::*;
use chrono::NaiveDate;
use jianpai::model::{Filing, FilingState};
use rust_xlsxwriter::{ExcelDateTime, Format};

const SHEET: &str = "工业源清单";

fn filing(key: &str, state: FilingState, date: Option<(i32, u32, u32)>, number: &str) -> Filing {
    Filing {
        enterprise: key.into(),
        state,
        date: date.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap()),
        number: number.into(),
    }
}

#[test]
fn filing_columns_by_their_other_names_and_dates_in_every_form() {
    let mut b = Book::new();
    let ws = b.sheet(
        SHEET,
        0,
        0,
        &[
            &[
                "企业名称",
                "统一社会信用代码",
                "生产线名称",
                "二氧化硫排放量",
                "备案情况",
                "备案时间",
                "备案编号",
            ],
            &[
                "甲公司",
                CODE_A,
                "L1",
                "1",
                "已备案",
                "",
                "环备〔2026〕12号",
            ],
            &["甲公司", CODE_A, "L2", "1", "", "", ""],
            &["乙公司", CODE_B, "L", "1", "已提交", "2026年9月5日", ""],
            &["丙公司", "", "L", "1", " 未提交 ", "2026/10/1", ""],
            &["丁公司", "", "L", "1", "", "", ""],
        ],
    );
    // An Excel date cell, as a county types 2026-09-20 into a date-formatted column.
    let date = ExcelDateTime::from_ymd(2026, 9, 20).unwrap();
    ws.write_datetime_with_format(1, 5, &date, &Format::new().set_num_format("yyyy-mm-dd"))
        .unwrap();
    let path = b.save("filing.xlsx");
    let imported = ok(&path);
    assert_eq!(
        imported.filings,
        vec![
            filing(
                CODE_A,
                FilingState::Filed,
                Some((2026, 9, 20)),
                "环备〔2026〕12号"
            ),
            filing(CODE_B, FilingState::Submitted, Some((2026, 9, 5)), ""),
            // Without a code the enterprise's key is its name.
            filing("丙公司", FilingState::NotSubmitted, Some((2026, 10, 1)), ""),
        ],
        "丁公司 leaves its cells empty: no record"
    );
    assert!(
        imported
            .warnings
            .iter()
            .all(|w| !w.message.contains("备案")),
        "{:#?}",
        imported.warnings
    );
    assert_eq!(imported.list.enterprises.len(), 4);
}

#[test]
fn a_list_without_filing_columns_gives_no_filings() {
    let mut b = Book::new();
    b.sheet(
        SHEET,
        0,
        0,
        &[
            &["企业名称", "统一社会信用代码", "二氧化硫排放量"],
            &["甲公司", CODE_A, "1"],
        ],
    );
    let path = b.save("plain.xlsx");
    assert!(ok(&path).filings.is_empty());
}

#[test]
fn bad_filing_cells_are_errors_at_their_cells() {
    let mut b = Book::new();
    b.sheet(
        SHEET,
        0,
        0,
        &[
            &[
                "企业名称",
                "统一社会信用代码",
                "二氧化硫排放量",
                "备案状态",
                "备案日期",
                "备案文号",
            ],
            &["甲公司", CODE_A, "1", "审批中", "2026-09-20", ""],
            &["乙公司", CODE_B, "1", "已备案", "2026-13-45", "环备1号"],
            &["丙公司", "", "1", "", "", "环备2号"],
            &["丁公司", "", "1", "已备案", "9月20日", ""],
        ],
    );
    let path = b.save("bad-filing.xlsx");
    let (errors, _) = invalid(&path);
    assert_eq!(errors.len(), 4, "{errors:#?}");
    let state = at(&errors, SHEET, 2, "备案状态").expect("unknown state");
    assert!(
        state.message.contains("审批中") && state.message.contains("已备案"),
        "{}",
        state.message
    );
    let date = at(&errors, SHEET, 3, "备案日期").expect("no such date");
    assert!(
        date.message.contains("2026-13-45") && date.message.contains("乙公司"),
        "{}",
        date.message
    );
    let missing = at(&errors, SHEET, 4, "备案状态").expect("文号 without a state");
    assert!(missing.message.contains("丙公司"), "{}", missing.message);
    let no_year = at(&errors, SHEET, 5, "备案日期").expect("a date without its year");
    assert!(no_year.message.contains("9月20日"), "{}", no_year.message);
}
