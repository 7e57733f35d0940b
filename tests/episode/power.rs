//! Electricity files: the two layouts, dates written every way, and every error placed.

use std::path::{Path, PathBuf};

use jianpai::episode::power::read_power_file;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// A cell of a test sheet.
pub enum V<'a> {
    T(&'a str),
    N(f64),
    D(u16, u8, u8),
}

/// Writes one sheet of rows.
pub fn sheet(path: &Path, name: &str, rows: &[Vec<V<'_>>]) -> PathBuf {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(name).unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match v {
                V::T("") => {}
                V::T(t) => {
                    ws.write_string(r, c, *t).unwrap();
                }
                V::N(n) => {
                    ws.write_number(r, c, *n).unwrap();
                }
                V::D(y, m, d) => {
                    let dt = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                    ws.write_datetime_with_format(r, c, &dt, &date).unwrap();
                }
            }
        }
    }
    wb.save(path).unwrap();
    path.to_path_buf()
}

/// The long layout of the scripted episode: 甲钢铁 and 乙化工 by 户号, one unmatched account.
pub fn long_file(dir: &Path) -> PathBuf {
    use V::{D, N, T};
    let mut rows = vec![vec![T("户号"), T("日期"), T("日用电量(kWh)")]];
    for (acc, day, kwh) in [
        ("P001", D(2025, 12, 4), 9000.0),
        ("P001", T("2025-12-05"), 1050.0),
        ("P001", T("2025/12/6"), 1200.0),
        ("P001", T("12月7日"), 1100.0),
        ("P001", D(2025, 12, 8), 900.0),
        ("P002", T("2025-12-05"), 15000.0),
        ("P002", T("2025-12-06"), 15500.0),
        ("P002", T("2025-12-07"), 12000.0),
        ("P002", T("2025-12-08"), 10900.0),
        ("P002", T("2025-12-09"), 30000.0),
        ("P999", T("2025-12-06"), 500.0),
    ] {
        rows.push(vec![T(acc), day, N(kwh)]);
    }
    sheet(&dir.join("用电量-长表.xlsx"), "日用电量", &rows)
}

/// The wide layout: 丙建材 by code, 丁家具 by code (no normal use), 己印刷 by name.
pub fn wide_file(dir: &Path) -> PathBuf {
    use common_cells::*;
    sheet(
        &dir.join("用电量-宽表.xlsx"),
        "宽表",
        &[
            vec![
                V::T("户号"),
                V::D(2025, 12, 5),
                V::T("2025/12/6"),
                V::T("12月7日"),
                V::T("2025-12-08"),
            ],
            vec![
                t(super::common::C3),
                n(5000.0),
                n(4900.0),
                n(4500.0),
                n(4400.0),
            ],
            vec![
                t(super::common::C4),
                V::T(""),
                n(3000.0),
                V::T(""),
                V::T(""),
            ],
            vec![t("己印刷"), V::T(""), n(880.0), n(1000.0), V::T("")],
        ],
    )
}

mod common_cells {
    use super::V;
    pub fn t(s: &str) -> V<'_> {
        V::T(s)
    }
    pub fn n(x: f64) -> V<'static> {
        V::N(x)
    }
}

#[test]
fn both_layouts_read_with_every_date_form() {
    let dir = tempfile::tempdir().unwrap();
    let long = read_power_file(&long_file(dir.path()), 2025).unwrap();
    assert_eq!(long.len(), 11);
    assert_eq!(long[3].day.to_string(), "2025-12-07");
    assert_eq!(long[3].row, 5);
    let wide = read_power_file(&wide_file(dir.path()), 2025).unwrap();
    let days: Vec<String> = wide
        .iter()
        .map(|r| format!("{}:{}", r.account, r.day))
        .collect();
    assert_eq!(wide.len(), 7, "{days:?}");
    assert!(days.contains(&"己印刷:2025-12-07".to_string()));
    assert!(days.contains(&format!("{}:2025-12-05", super::common::C3)));
}

#[test]
fn a_broken_file_lists_every_error_at_its_cell() {
    use V::{N, T};
    let dir = tempfile::tempdir().unwrap();
    let bad = sheet(
        &dir.path().join("坏.xlsx"),
        "日用电量",
        &[
            vec![T("户号"), T("日期"), T("日用电量")],
            vec![T("P001"), T("昨天"), N(100.0)],
            vec![T("P002"), T("2025-12-06"), T("很多")],
            vec![T("P002"), T("2025-12-07"), N(-5.0)],
        ],
    );
    let errors = read_power_file(&bad, 2025).unwrap_err();
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert_eq!(
        (errors[0].row, errors[0].column.as_deref()),
        (Some(2), Some("日期"))
    );
    assert!(errors[0].message.contains("昨天"));
    assert_eq!(
        (errors[1].row, errors[1].column.as_deref()),
        (Some(3), Some("日用电量"))
    );
    assert_eq!(errors[2].row, Some(4));

    let no_account = sheet(
        &dir.path().join("无户号.xlsx"),
        "Sheet1",
        &[
            vec![T("日期"), T("日用电量")],
            vec![T("2025-12-06"), N(1.0)],
        ],
    );
    let errors = read_power_file(&no_account, 2025).unwrap_err();
    assert!(errors[0].message.contains("户号"), "{errors:?}");

    let neither = sheet(
        &dir.path().join("无日期.xlsx"),
        "Sheet1",
        &[vec![T("户号"), T("备注")], vec![T("P001"), T("x")]],
    );
    let errors = read_power_file(&neither, 2025).unwrap_err();
    assert_eq!(errors[0].sheet.as_deref(), Some("Sheet1"));
    assert!(errors[0].message.contains("宽表"));
}
