//! Every error class of `docs/workbook.md`: each names the sheet, the Excel row and the column as
//! written, and all of a file's errors come back together.

use super::support::*;
use jianpai::import::{read_workbook, ImportError};

const SHEET: &str = "工业源清单";

#[test]
fn all_errors_of_a_workbook_come_back_together_each_in_its_place() {
    let mut b = Book::new();
    b.sheet(
        SHEET,
        0,
        0,
        &[
            &[
                "企业名称",
                "统一社会信用代码",
                "绩效等级",
                "生产线名称",
                "二氧化硫排放量",
                "颗粒物排放量(t/a)",
            ],
            &["甲公司", CODE_A, "B", "L1", "约30", "1"],
            &["乙公司", CODE_B, "E级", "L", "1", "-5"],
            &["丙公司", "91410100MA441111", "A", "L", "1", "1"],
            &["丁公司", "91410100MA4411111O", "A", "L", "1", "1"],
            &["戊公司", CODE_A, "A", "L", "1", "1"],
            &["己公司", "91410100MA4422222A", "C", "L", "1", "1"],
        ],
    );
    b.sheet(
        "移动源清单",
        0,
        0,
        &[
            &["所属区县", "统一社会信用代码", "日均进出车辆", "国四"],
            &["示例县", CODE_A, "10", "2"],
        ],
    );
    b.sheet("说明", 0, 0, &[&["填表说明"]]);
    let path = b.save("errors.xlsx");
    let (errors, warnings) = invalid(&path);

    let not_number = at(&errors, SHEET, 2, "二氧化硫排放量").expect("bad number text");
    assert!(
        not_number.message.contains("约30"),
        "{}",
        not_number.message
    );
    let grade = at(&errors, SHEET, 3, "绩效等级").expect("unknown grade");
    assert!(grade.message.contains("E级"), "{}", grade.message);
    let negative = at(&errors, SHEET, 3, "颗粒物排放量(t/a)").expect("negative");
    assert!(negative.message.contains("-5"), "{}", negative.message);
    let length = at(&errors, SHEET, 4, "统一社会信用代码").expect("code length");
    assert!(length.message.contains("16位"), "{}", length.message);
    let chars = at(&errors, SHEET, 5, "统一社会信用代码").expect("code characters");
    assert!(chars.message.contains("“O”"), "{}", chars.message);
    let two = at(&errors, SHEET, 6, "统一社会信用代码").expect("same code, two names");
    assert!(
        two.message.contains("甲公司") && two.message.contains("戊公司"),
        "{}",
        two.message
    );
    let missing = errors
        .iter()
        .find(|d| d.sheet.as_deref() == Some("移动源清单") && d.row.is_none())
        .expect("missing 企业名称 column");
    assert!(missing.message.contains("企业名称"), "{}", missing.message);
    assert_eq!(errors.len(), 7, "{errors:#?}");

    assert!(
        at(&warnings, SHEET, 7, "统一社会信用代码").is_some(),
        "check character: warning only"
    );
    assert!(warnings.iter().any(|d| d.sheet.as_deref() == Some("说明")));
}

#[test]
fn a_dust_sheet_without_project_name_is_an_error_naming_the_sheet() {
    let mut b = Book::new();
    b.sheet(
        "扬尘源清单",
        0,
        0,
        &[
            &["所属区县", "项目类型", "颗粒物排放量"],
            &["示例县", "市政", "1"],
        ],
    );
    let path = b.save("dust.xlsx");
    let (errors, _) = invalid(&path);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].sheet.as_deref(), Some("扬尘源清单"));
    assert_eq!((errors[0].row, errors[0].column.as_deref()), (None, None));
    assert!(errors[0].message.contains("项目名称"));
}

#[test]
fn an_industrial_sheet_without_enterprise_name_is_an_error() {
    let mut b = Book::new();
    b.sheet(
        SHEET,
        0,
        0,
        &[&["生产线名称", "颗粒物排放量"], &["L1", "1"]],
    );
    let path = b.save("noname.xlsx");
    let (errors, _) = invalid(&path);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].sheet.as_deref(), Some(SHEET));
    assert!(errors[0].message.contains("企业名称"));
}

#[test]
fn a_workbook_without_a_source_sheet_is_an_error() {
    let mut b = Book::new();
    b.sheet("总表", 0, 0, &[&["地区", "示例县"]]);
    b.sheet("Sheet1", 0, 0, &[&["企业名称"], &["甲公司"]]);
    let path = b.save("nosource.xlsx");
    let (errors, warnings) = invalid(&path);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!((errors[0].sheet.as_deref(), errors[0].row), (None, None));
    assert!(errors[0].message.contains("工业源"));
    assert!(warnings
        .iter()
        .any(|d| d.sheet.as_deref() == Some("Sheet1")));
}

#[test]
fn a_file_that_is_not_a_spreadsheet_is_unreadable_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["清单.xlsx", "清单.xls", "清单.ods", "清单.txt"] {
        let path = dir.path().join(name);
        std::fs::write(&path, "这不是电子表格").unwrap();
        match read_workbook(&path) {
            Err(ImportError::Unreadable(d)) => {
                assert!(d.message.contains(name), "{}", d.message);
                assert_eq!((d.sheet, d.row, d.column), (None, None, None));
            }
            other => panic!("{name}: expected Unreadable, got {other:?}"),
        }
    }
    let missing = dir.path().join("不存在.xlsx");
    assert!(matches!(
        read_workbook(&missing),
        Err(ImportError::Unreadable(_))
    ));
}

#[test]
fn a_row_without_an_enterprise_above_is_an_error() {
    let mut b = Book::new();
    b.sheet(
        SHEET,
        0,
        0,
        &[
            &["企业名称", "统一社会信用代码", "生产线名称"],
            &["", "", "L1"],
            &["甲公司", "", "L2"],
        ],
    );
    let path = b.save("orphan.xlsx");
    let (errors, _) = invalid(&path);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(at(&errors, SHEET, 2, "企业名称").is_some());
}

#[test]
fn other_value_errors_name_their_cell() {
    let mut b = Book::new();
    b.sheet(
        SHEET,
        0,
        0,
        &[
            &[
                "企业名称",
                "企业类型",
                "是否安装CEMS",
                "黄色预警减排比例",
                "年生产天数",
                "颗粒物排放量(t/a)",
            ],
            &["甲公司", "大型企业", "不清楚", "150", "400", "'3kg"],
        ],
    );
    b.sheet(
        "移动源清单",
        0,
        0,
        &[&["企业名称", "国五"], &["甲公司", "2.5"]],
    );
    let path = b.save("values.xlsx");
    let (errors, _) = invalid(&path);
    for col in [
        "企业类型",
        "是否安装CEMS",
        "黄色预警减排比例",
        "年生产天数",
        "颗粒物排放量(t/a)",
    ] {
        assert!(at(&errors, SHEET, 2, col).is_some(), "{col}: {errors:#?}");
    }
    assert!(
        at(&errors, "移动源清单", 2, "国五").is_some(),
        "{errors:#?}"
    );
    assert_eq!(errors.len(), 6, "{errors:#?}");
}

#[test]
fn an_empty_source_sheet_is_a_warning_but_a_sheet_without_header_an_error() {
    let mut b = Book::new();
    b.sheet(SHEET, 0, 0, &[&["企业名称"], &["甲公司"]]);
    b.sheet("扬尘源清单", 0, 0, &[]);
    b.sheet("移动源清单", 0, 0, &[&["甲", "乙"], &["1", "2"]]);
    let path = b.save("empty.xlsx");
    let (errors, warnings) = invalid(&path);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].sheet.as_deref(), Some("移动源清单"));
    assert!(errors[0].message.contains("表头"), "{}", errors[0].message);
    assert!(warnings
        .iter()
        .any(|w| w.sheet.as_deref() == Some("扬尘源清单")));
}

/// `docs/method.md`: an explicit 减排量 above the line's daily emission beyond 0.1 % is
/// an error at its cell; within the rounding slack it is accepted.
#[test]
fn an_amount_above_the_lines_emission_is_an_error_at_its_cell() {
    let mut b = Book::new();
    b.sheet(
        SHEET,
        0,
        0,
        &[
            &[
                "企业名称",
                "生产线名称",
                "二氧化硫排放量(t/a)",
                "颗粒物日排放量(t/d)",
                "年生产天数",
                "黄色预警二氧化硫减排量(t/d)",
                "红色预警颗粒物减排量",
            ],
            // SO2 300 t/a over 300 days = 1 t/d; 1.0005 is rounding, 1.2 is too much.
            &["甲公司", "L1", "300", "0.5", "300", "1.0005", "0.5"],
            &["乙公司", "L2", "300", "0.5", "300", "1.2", "0.51"],
        ],
    );
    let (errors, _) = invalid(&b.save("减排量过大.xlsx"));
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_eq!(errors[0].sheet.as_deref(), Some(SHEET));
    assert_eq!(errors[0].row, Some(3));
    assert_eq!(
        errors[0].column.as_deref(),
        Some("黄色预警二氧化硫减排量(t/d)")
    );
    assert!(
        errors[0]
            .message
            .contains("减排量1.2000吨/日超过该行二氧化硫日排放量1.0000吨/日"),
        "{}",
        errors[0].message
    );
    assert_eq!(errors[1].row, Some(3));
    assert_eq!(errors[1].column.as_deref(), Some("红色预警颗粒物减排量"));
    assert!(
        errors[1].message.contains("0.5100吨/日"),
        "{}",
        errors[1].message
    );
}
