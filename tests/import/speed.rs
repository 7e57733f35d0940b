//! Import speed against calamine's bare cell read of the same file (the benchmark asks for
//! at most 2×). Ignored by default: it writes a 60,000-source workbook first — two of them:
//! one of this file's own (two-row header, enterprise cells on the first row only, shared
//! strings) and the samples generator's big list (layout 甲, inline strings, merged cells).
//! Run with `cargo test --release --test import -- speed --ignored --nocapture`
//! (`JIANPAI_SPEED_ROWS` changes the row count).

use jianpai_samples as generator;

use std::time::Instant;

use calamine::{open_workbook_auto, Reader};
use jianpai::import::read_workbook;
use rust_xlsxwriter::{Format, Workbook};

const LEVELS: [&str; 3] = ["黄色预警", "橙色预警", "红色预警"];
const SUB: [&str; 7] = [
    "减排措施",
    "减排比例",
    "二氧化硫减排量",
    "氮氧化物减排量",
    "颗粒物减排量",
    "挥发性有机物减排量",
    "应急准备时间",
];
const ENTERPRISE: [&str; 12] = [
    "所属区县",
    "乡镇(街道)",
    "企业名称",
    "统一社会信用代码",
    "行业类别",
    "绩效等级",
    "企业类型",
    "法定代表人",
    "法定代表人电话",
    "应急减排责任人",
    "应急减排责任人电话",
    "是否安装CEMS",
];
const SOURCE: [&str; 4] = ["生产线名称", "主要产品", "设计产能", "年生产天数"];
const EMISSIONS: [&str; 4] = ["SO2", "NOx", "颗粒物", "VOCs"];

fn write_book(path: &std::path::Path, rows: u32) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("工业源清单").unwrap();
    let f = Format::new();
    let mut col = 0u16;
    for name in ENTERPRISE.iter().chain(SOURCE.iter()) {
        ws.merge_range(0, col, 1, col, name, &f).unwrap();
        col += 1;
    }
    ws.merge_range(0, col, 0, col + 3, "排放量(t/a)", &f)
        .unwrap();
    for (i, p) in EMISSIONS.iter().enumerate() {
        ws.write_string(1, col + i as u16, *p).unwrap();
    }
    col += 4;
    for level in LEVELS {
        ws.merge_range(0, col, 0, col + SUB.len() as u16 - 1, level, &f)
            .unwrap();
        for (i, s) in SUB.iter().enumerate() {
            ws.write_string(1, col + i as u16, *s).unwrap();
        }
        col += SUB.len() as u16;
    }
    for i in 0..rows {
        let r = i + 2;
        let e = i / 3;
        if i % 3 == 0 {
            let name = format!("企业{e}");
            let cells = [
                "示例县",
                "城关镇",
                &name,
                "",
                "水泥",
                "B",
                "重点企业",
                "张三",
                "13800138000",
                "李四",
                "13900139000",
                "是",
            ];
            for (c, v) in cells.iter().enumerate() {
                if !v.is_empty() {
                    ws.write_string(r, c as u16, *v).unwrap();
                }
            }
        }
        let mut c = ENTERPRISE.len() as u16;
        ws.write_string(r, c, format!("生产线{i}")).unwrap();
        ws.write_string(r, c + 1, "水泥熟料").unwrap();
        ws.write_string(r, c + 2, "年产10万吨").unwrap();
        ws.write_number(r, c + 3, 300.0).unwrap();
        c += 4;
        for k in 0..4 {
            ws.write_number(r, c + k, 10.0 + f64::from(i % 7) + f64::from(k))
                .unwrap();
        }
        c += 4;
        for (l, share) in [30.0, 50.0, 100.0].into_iter().enumerate() {
            let base = c + (l * SUB.len()) as u16;
            ws.write_string(r, base, format!("限产{share}%")).unwrap();
            ws.write_number(r, base + 1, share).unwrap();
            for k in 0..4 {
                ws.write_number(r, base + 2 + k, 0.01 * share / 100.0)
                    .unwrap();
            }
            ws.write_string(r, base + 6, "2小时").unwrap();
        }
    }
    wb.save(path).unwrap();
}

fn bare_read(path: &std::path::Path) -> usize {
    let mut wb = open_workbook_auto(path).unwrap();
    let mut n = 0;
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        n += range.used_cells().count();
    }
    n
}

/// The two calamine passes the importer makes over an xlsx sheet, timed apart.
fn phases(path: &std::path::Path) -> (f64, f64) {
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
    let t = Instant::now();
    let mut reader = wb.worksheet_cells_reader("工业源清单").unwrap();
    let mut n = 0usize;
    while let Some((_, style)) = reader.next_cell_with_style_id().unwrap() {
        n += 1 + style;
    }
    drop(reader);
    let stream = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let merges = wb.merge_cells_by_sheet_name("工业源清单").unwrap();
    assert!(!merges.is_empty() && n > 0);
    (stream, t.elapsed().as_secs_f64())
}

fn measure(path: &std::path::Path, rows: usize) -> (f64, f64) {
    let mut bare = Vec::new();
    let mut import = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let cells = bare_read(path);
        bare.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let imported = read_workbook(path).expect("imports");
        import.push(t.elapsed().as_secs_f64());
        let sources: usize = imported
            .list
            .enterprises
            .iter()
            .map(|e| e.sources.len())
            .sum();
        assert_eq!(sources, rows);
        assert!(cells > rows * 10);
    }
    bare.sort_by(f64::total_cmp);
    import.sort_by(f64::total_cmp);
    (bare[1], import[1])
}

fn rows() -> u32 {
    std::env::var("JIANPAI_SPEED_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60_000)
}

#[test]
#[ignore = "writes and reads a 60,000-row workbook; run explicitly in release"]
fn import_takes_at_most_twice_the_bare_cell_read() {
    let rows = rows();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.xlsx");
    write_book(&path, rows);
    let (b, i) = measure(&path, rows as usize);
    let (stream, merges) = phases(&path);
    println!("streamed cells with styles {stream:.2} s, merged regions pass {merges:.2} s");
    println!(
        "rows {rows}: bare calamine read {b:.2} s, import {i:.2} s, ratio {:.2}",
        i / b
    );
    assert!(i <= 2.0 * b, "import {i:.2} s > 2 × bare read {b:.2} s");
}

#[test]
#[ignore = "writes and reads a 60,000-source workbook; run explicitly in release"]
fn the_generators_big_list_imports_within_twice_the_bare_read() {
    let rows = rows() as usize;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big-list.xlsx");
    generator::big_list_workbook(&path, rows).expect("big list written");
    let (b, i) = measure(&path, rows);
    println!(
        "generator big list {rows}: bare {b:.2} s, import {i:.2} s, ratio {:.2}",
        i / b
    );
    assert!(i <= 2.0 * b, "import {i:.2} s > 2 × bare read {b:.2} s");
}
