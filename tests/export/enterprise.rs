//! One enterprise's workbook: its own rows only, its fleet on a 移动源清单 sheet, the
//! 填表说明 sheet, and the same canonical layout as the submission.

use super::common::*;
use calamine::Reader;
use jianpai::export::write_enterprise_workbook;

#[test]
fn holds_only_that_enterprise_with_its_fleet_and_instructions() {
    let list = full_list();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("企业.xlsx");
    // Spaces and lower case in the code are forgiven, as on the command line.
    let code = format!(" {} ", list.enterprises[0].code.to_lowercase());
    write_enterprise_workbook(&list, &code, &path).unwrap();
    assert_eq!(
        open(&path).sheet_names(),
        ["工业源清单", "移动源清单", "填表说明"]
    );

    let r = range(&path, "工业源清单");
    assert!(
        cell(&r, 0, 0).contains("=SUM(A1)"),
        "title names the enterprise"
    );
    assert_eq!(cell(&r, 1, 2), "企业名称");
    assert_eq!(cell(&r, 3, 2), "=SUM(A1)");
    assert_eq!(cell(&r, 4, column(&r, None, "生产线名称")), "-2#焦炉");
    assert_eq!(cell(&r, 5, 2), "", "no other enterprise");
    let merges = open(&path).merge_cells_by_sheet_name("工业源清单").unwrap();
    assert!(merges.iter().any(|d| d.start == (3, 2) && d.end == (4, 2)));

    let m = range(&path, "移动源清单");
    assert_eq!(cell(&m, 3, column(&m, None, "企业名称")), "=SUM(A1)");

    let help = range(&path, "填表说明");
    let text: Vec<String> = help
        .rows()
        .flat_map(|row| row.iter().map(|c| c.to_string()))
        .collect();
    let text = text.join("\n");
    assert!(text.contains("30 表示 30%"));
    assert!(text.contains("保障类-B"));
    assert!(text.contains("长期停产"));
    assert!(text.contains("二氧化硫排放量(t/a)"));
    assert!(
        text.contains("日均进出车辆(辆次)"),
        "the mobile columns are explained too"
    );
}

#[test]
fn enterprise_with_heating_gets_the_heating_sheet() {
    let list = full_list();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("热电.xlsx");
    write_enterprise_workbook(&list, &list.enterprises[2].code, &path).unwrap();
    assert_eq!(
        open(&path).sheet_names(),
        ["工业源清单", "协同供暖企业清单", "填表说明"]
    );
    let h = range(&path, "协同供暖企业清单");
    assert_eq!(cell(&h, 3, 0), "示例热电有限公司");
}
