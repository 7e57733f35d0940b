//! City merge: three counties' lists in one store, one 审核意见表 per county, and a corrected
//! county list re-imported marks its fixed finding 已整改 (`"status": "fixed"`).

use std::path::Path;

use calamine::{open_workbook_auto, Reader};
use jianpai_samples::{county, write_workbook, CountySpec, Layout, Sample, SAMPLES};
use serde_json::Value;

use super::common::{assert_valid, jianpai};

const THIRD: CountySpec = CountySpec {
    stem: "卫河区-2026",
    county: "卫河区",
    region: "410702",
    area_code: "0373",
    year: 2026,
    seed: 20_260_903,
    layout: Layout::Jia,
    enterprises: 40,
    sites: 5,
    fleets: 3,
    district: None,
};

fn import(db: &Path, file: &Path) {
    let out = jianpai()
        .arg("--db")
        .arg(db)
        .args(["import", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn review(db: &Path) -> Value {
    let out = jianpai()
        .arg("--db")
        .arg(db)
        .args(["review", "--json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_valid("review.schema.json", &v);
    v
}

fn sheet_rows(path: &Path) -> Vec<Vec<String>> {
    let mut wb = open_workbook_auto(path).unwrap();
    let range = wb.worksheet_range("审核意见表").unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

/// Three county lists, one of which (淇河县) lists some sites under its 产业集聚区: a sheet for
/// every county the records name.
#[test]
fn three_counties_get_their_sheets_and_fixes_are_tracked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("city.sqlite");
    let samples: Vec<Sample> = [SAMPLES[0], SAMPLES[1], THIRD]
        .into_iter()
        .map(county)
        .collect();
    for s in &samples {
        let file = dir.path().join(format!("{}.xlsx", s.spec.stem));
        write_workbook(&s.list, s.spec.layout, &file, false).unwrap();
        import(&db, &file);
    }
    // Before any sheet is sent, findings carry no status.
    let before = review(&db);
    assert!(before["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f.get("status").is_none()));

    let sheets = dir.path().join("审核意见");
    let out = jianpai()
        .arg("--db")
        .arg(&db)
        .args(["review", "--export-by-county", sheets.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut files: Vec<String> = std::fs::read_dir(&sheets)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        vec![
            "卫河区-审核意见表.xlsx",
            "洹水县-审核意见表.xlsx",
            "淇河产业集聚区-审核意见表.xlsx",
            "淇河县-审核意见表.xlsx"
        ]
    );
    // Each sheet: title, header with the reply column, one row per finding of the county.
    let huanshui = sheet_rows(&sheets.join("洹水县-审核意见表.xlsx"));
    assert!(huanshui[0][0].contains("洹水县") && huanshui[0][0].contains("审核意见表"));
    assert_eq!(huanshui[1].last().unwrap(), "区县整改情况");
    let all = review(&db);
    let findings = all["findings"].as_array().unwrap();
    let of = |name: &str| -> Vec<&Value> {
        findings
            .iter()
            .filter(|f| {
                f["enterprise"]
                    .as_str()
                    .is_some_and(|e| e.starts_with(name))
            })
            .collect()
    };
    assert_eq!(huanshui.len() - 2, of("洹水县").len());
    assert!(huanshui[2..].iter().all(|r| r[7].is_empty()));
    // Right after sending, every finding of a county is open.
    assert!(
        findings
            .iter()
            .filter(|f| f["enterprise"].is_string())
            .all(|f| f["status"] == "open"),
        "{findings:#?}"
    );

    // 洹水县 fixes its missing responsible person and sends its list again.
    let fault = samples[0]
        .faults
        .iter()
        .find(|f| f.rule == "missing-responsible")
        .unwrap()
        .clone();
    let mut corrected = samples[0].list.clone();
    let e = corrected
        .enterprises
        .iter_mut()
        .find(|e| e.code == fault.code)
        .unwrap();
    e.responsible.name = "王建国".into();
    e.responsible.phone = "13837200001".into();
    let file = dir.path().join("洹水县-修改后.xlsx");
    write_workbook(&corrected, samples[0].spec.layout, &file, false).unwrap();
    import(&db, &file);

    let after = review(&db);
    let findings = after["findings"].as_array().unwrap();
    let fixed: Vec<&Value> = findings.iter().filter(|f| f["status"] == "fixed").collect();
    assert_eq!(fixed.len(), 1, "{fixed:#?}");
    assert_eq!(fixed[0]["rule"], "missing-responsible");
    assert_eq!(fixed[0]["code"], fault.code.as_str());
    assert!(findings
        .iter()
        .filter(|f| f["enterprise"].is_string() && f["status"] != "fixed")
        .all(|f| f["status"] == "open"));
    // The text output says 已整改.
    let text = jianpai()
        .arg("--db")
        .arg(&db)
        .args(["review"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    assert!(
        text.contains("[已整改]") && text.contains("另有 1 条已整改"),
        "{text}"
    );
}

#[test]
fn export_by_county_into_an_unwritable_place_fails() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("city.sqlite");
    let file = dir.path().join("a.xlsx");
    let s = county(THIRD);
    write_workbook(&s.list, s.spec.layout, &file, false).unwrap();
    import(&db, &file);
    let blocker = dir.path().join("是文件不是目录");
    std::fs::write(&blocker, "x").unwrap();
    let out = jianpai()
        .arg("--db")
        .arg(&db)
        .args(["review", "--export-by-county", blocker.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&out.stderr).is_empty());
}
