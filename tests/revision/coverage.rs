//! `coverage`: an extract of the permit register with planted missing enterprises gives
//! exactly those, and the listed enterprises it lacks.

use std::path::Path;

use jianpai::export::write_submission;
use jianpai::model::List;
use rust_xlsxwriter::Workbook;
use serde_json::{json, Value};

use super::common::{assert_valid, jianpai, last_year};

const HEADER: [&str; 8] = [
    "序号",
    "单位名称",
    "统一社会信用代码",
    "行业类别",
    "行业代码",
    "许可证编号",
    "管理类别",
    "所属区县",
];

fn write_extract(path: &Path, rows: &[[&str; 7]]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "洹水县排污许可证发放名录（导出）")
        .unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        ws.write_number(3 + r as u32, 0, (r + 1) as f64).unwrap();
        for (c, v) in row.iter().enumerate() {
            ws.write_string(3 + r as u32, 1 + c as u16, *v).unwrap();
        }
    }
    wb.save(path).unwrap();
}

fn stored(dir: &Path, list: &List) -> std::path::PathBuf {
    let file = dir.join("清单.xlsx");
    write_submission(list, &file).unwrap();
    let db = dir.join("list.sqlite");
    let out = jianpai()
        .arg("--db")
        .arg(&db)
        .args(["import", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    db
}

#[test]
fn planted_missing_enterprises_are_found() {
    let dir = tempfile::tempdir().unwrap();
    let list = last_year();
    let db = stored(dir.path(), &list);
    let e = &list.enterprises;
    let mut rows: Vec<[String; 7]> = Vec::new();
    // Listed enterprises: all but the first two; the third under another name (matched by
    // code), the fourth without its code (matched by name).
    for (i, x) in e.iter().enumerate().skip(2) {
        let name = if i == 2 {
            format!("{}（许可证名称）", x.name)
        } else {
            x.name.clone()
        };
        let code = if i == 3 {
            String::new()
        } else {
            x.code.clone()
        };
        rows.push([
            name,
            code,
            x.industry.clone(),
            String::new(),
            format!("9141{i:08}"),
            "简化管理".into(),
            "洹水县".into(),
        ]);
    }
    let planted = [
        [
            "洹水县新立水泥有限公司",
            "91410529MA47XK0Q3X",
            "水泥制造",
            "C3011",
            "P1",
            "登记管理",
            "洹水县",
        ],
        [
            "洹水县恒达金属制品有限公司",
            "91410529MA47XK0Q4X",
            "金属制品",
            "C3399",
            "P2",
            "简化管理",
            "",
        ],
        [
            "洹水县香满园食品有限公司",
            "91410529MA47XK0Q5X",
            "食品加工",
            "C1391",
            "P3",
            "登记管理",
            "洹水县",
        ],
        [
            "淇河县雅居家具有限公司",
            "91410623MA47XK0Q6X",
            "家具制造",
            "C2110",
            "P4",
            "重点管理",
            "淇河县",
        ],
        [
            "洹水县宏大铸造厂",
            "",
            "",
            "C3391 黑色金属铸造",
            "P5",
            "重点管理",
            "洹水县",
        ],
    ];
    for p in planted {
        rows.push(p.map(str::to_string));
    }
    let borrowed: Vec<[&str; 7]> = rows
        .iter()
        .map(|r| std::array::from_fn(|i| r[i].as_str()))
        .collect();
    let extract = dir.path().join("排污许可名录.xlsx");
    write_extract(&extract, &borrowed);

    let out = jianpai()
        .arg("--db")
        .arg(&db)
        .args(["coverage", extract.to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_valid("coverage.schema.json", &got);
    assert_eq!(
        got,
        json!({
            "missing": [
                {"code": "91410529MA47XK0Q3X", "name": "洹水县新立水泥有限公司", "industry": "水泥制造", "key_industry": true},
                {"code": "91410529MA47XK0Q4X", "name": "洹水县恒达金属制品有限公司", "industry": "金属制品", "key_industry": false},
                {"code": "", "name": "洹水县宏大铸造厂", "industry": "C3391 黑色金属铸造", "key_industry": true}
            ],
            "not_in_extract": [
                {"code": e[0].code, "name": e[0].name},
                {"code": e[1].code, "name": e[1].name}
            ]
        })
    );
    let text = jianpai()
        .arg("--db")
        .arg(&db)
        .args(["coverage", extract.to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    assert!(
        text.contains("3 家重点行业或涉气企业未纳入清单") && text.contains("洹水县宏大铸造厂"),
        "{text}"
    );
}

#[test]
fn coverage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    let run = |file: &Path| {
        jianpai()
            .arg("--db")
            .arg(&db)
            .args(["coverage", file.to_str().unwrap()])
            .output()
            .unwrap()
    };
    let out = run(&dir.path().join("没有这个文件.xlsx"));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("找不到文件"));

    let no_header = dir.path().join("随便.xlsx");
    let mut wb = Workbook::new();
    wb.add_worksheet().write_string(0, 0, "车牌号").unwrap();
    wb.save(&no_header).unwrap();
    let out = run(&no_header);
    assert_eq!(out.status.code(), Some(65));
    assert!(String::from_utf8_lossy(&out.stderr).contains("企业名称"));

    let not_sheet = dir.path().join("说明.xlsx");
    std::fs::write(&not_sheet, "不是表格").unwrap();
    let out = run(&not_sheet);
    assert_eq!(out.status.code(), Some(65));
    assert!(String::from_utf8_lossy(&out.stderr).contains("无法读取"));
}
