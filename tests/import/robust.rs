//! Hostile and damaged workbooks (issue 14): each is refused with a located message, in
//! bounded time and memory, instead of taking the process down.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jianpai::import::{read_workbook, ImportError};

use crate::support::{invalid, ok, Book};

const SHEET: &str = "工业源清单";

/// A valid one-enterprise list with three lines in rows 2–4.
fn base_book() -> (Book, PathBuf) {
    let mut b = Book::new();
    b.sheet(
        SHEET,
        0,
        0,
        &[
            &[
                "企业名称",
                "生产线名称",
                "二氧化硫排放量",
                "氮氧化物排放量",
                "颗粒物排放量",
                "挥发性有机物排放量",
                "年生产天数",
                "黄色预警减排措施",
                "橙色预警减排措施",
                "红色预警减排措施",
            ],
            &[
                "甲公司",
                "1#窑",
                "100",
                "100",
                "10",
                "10",
                "300",
                "停产",
                "停产",
                "停产",
            ],
            &[
                "", "2#窑", "100", "100", "10", "10", "300", "停产", "停产", "停产",
            ],
            &[
                "", "3#窑", "100", "100", "10", "10", "300", "停产", "停产", "停产",
            ],
        ],
    );
    let path = b.save("清单.xlsx");
    (b, path)
}

/// Copies the package at `src` to `dst`, passing the first sheet's XML through `edit` and
/// adding `extra` parts.
fn patch(src: &Path, dst: &Path, edit: impl Fn(String) -> String, extra: &[(&str, Vec<u8>)]) {
    let mut zin = zip::ZipArchive::new(std::fs::File::open(src).unwrap()).unwrap();
    let mut zout = zip::ZipWriter::new(std::fs::File::create(dst).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zin.len() {
        let mut part = zin.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            bytes = edit(String::from_utf8(bytes).unwrap()).into_bytes();
        }
        zout.start_file(name, opts).unwrap();
        zout.write_all(&bytes).unwrap();
    }
    for (name, bytes) in extra {
        zout.start_file(*name, opts).unwrap();
        zout.write_all(bytes).unwrap();
    }
    zout.finish().unwrap();
}

fn patched(edit: impl Fn(String) -> String) -> (Book, PathBuf) {
    let (b, src) = base_book();
    let dst = b.dir.path().join("patched.xlsx");
    patch(&src, &dst, edit, &[]);
    (b, dst)
}

fn before_sheet_data_end(xml: String, rows: &str) -> String {
    xml.replacen("</sheetData>", &format!("{rows}</sheetData>"), 1)
}

fn inline(cell: &str, text: &str) -> String {
    format!(r#"<c r="{cell}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

#[test]
fn the_base_workbook_imports() {
    let (_b, path) = base_book();
    assert_eq!(ok(&path).list.enterprises[0].sources.len(), 3);
}

#[test]
fn a_reference_past_excel_rows_is_a_located_error() {
    for row in [1_048_577_u64, 2_000_000_000] {
        let (_b, path) = patched(|xml| {
            before_sheet_data_end(
                xml,
                &format!(
                    r#"<row r="{row}">{}</row>"#,
                    inline(&format!("A{row}"), "远")
                ),
            )
        });
        let (errors, _) = invalid(&path);
        assert!(
            errors
                .iter()
                .any(|d| d.sheet.as_deref() == Some(SHEET) && d.message.contains("超出Excel的范围")),
            "row {row}: {errors:#?}"
        );
    }
}

#[test]
fn twenty_thousand_cells_in_column_xfd_are_refused_in_bounded_memory() {
    let (_b, path) = patched(|xml| {
        let rows: String = (10..20_010)
            .map(|r| format!(r#"<row r="{r}">{}</row>"#, inline(&format!("XFD{r}"), "x")))
            .collect();
        before_sheet_data_end(xml, &rows)
    });
    let (errors, _) = invalid(&path);
    assert!(
        errors.iter().any(|d| d.message.contains("过于分散")),
        "{errors:#?}"
    );
}

#[test]
fn twenty_thousand_absurd_merges_are_clipped_and_fast() {
    let (_b, path) = patched(|xml| {
        let merges: String = (0..20_000)
            .map(|_| r#"<mergeCell ref="A2:A1048576"/>"#)
            .collect();
        xml.replacen(
            "</sheetData>",
            &format!(r#"</sheetData><mergeCells count="20000">{merges}</mergeCells>"#),
            1,
        )
    });
    let started = Instant::now();
    let imported = ok(&path);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    let sources: usize = imported
        .list
        .enterprises
        .iter()
        .map(|e| e.sources.len())
        .sum();
    assert_eq!(
        sources, 3,
        "no empty source for the rows the merge covers beyond the data"
    );
}

#[test]
fn a_text_longer_than_a_cell_may_hold_is_a_located_error() {
    let long = "长".repeat(40_000);
    let (_b, path) = patched(|xml| {
        before_sheet_data_end(xml, &format!(r#"<row r="9">{}</row>"#, inline("B9", &long)))
    });
    let (errors, _) = invalid(&path);
    let d = errors
        .iter()
        .find(|d| d.message.contains("32767"))
        .unwrap_or_else(|| panic!("{errors:#?}"));
    assert_eq!(
        (d.sheet.as_deref(), d.row, d.column.as_deref()),
        (Some(SHEET), Some(9), Some("B"))
    );
}

#[test]
fn a_number_of_400_digits_is_a_located_error_not_inf() {
    let digits = "9".repeat(400);
    let (_b, path) = patched(|xml| {
        let row = format!(
            r#"<row r="5">{}{}{}</row>"#,
            inline("A5", "乙公司"),
            inline("B5", "窑"),
            inline("C5", &digits)
        );
        before_sheet_data_end(xml, &row)
    });
    let (errors, _) = invalid(&path);
    let d = errors
        .iter()
        .find(|d| d.row == Some(5))
        .unwrap_or_else(|| panic!("{errors:#?}"));
    assert!(
        d.message.contains("99999") && !d.message.contains("inf"),
        "{}",
        d.message
    );
}

#[test]
fn an_emission_of_1e308_is_a_located_error() {
    let (mut b, _) = base_book();
    let ws = b.wb.worksheet_from_name(SHEET).unwrap();
    ws.write_number(1, 2, 1e308).unwrap();
    let path = b.save("huge.xlsx");
    let (errors, _) = invalid(&path);
    assert!(
        errors
            .iter()
            .any(|d| d.row == Some(2) && d.message.contains("合理上限")),
        "{errors:#?}"
    );
}

#[test]
fn the_format_is_recognised_by_content_not_by_name() {
    let (b, xlsx) = base_book();
    let named_xls = b.dir.path().join("其实是xlsx.xls");
    std::fs::copy(&xlsx, &named_xls).unwrap();
    assert_eq!(ok(&named_xls).list.enterprises.len(), 1);

    let html = b.dir.path().join("网页导出.xls");
    std::fs::write(
        &html,
        "<html><body><table><tr><td>企业名称</td></tr></table></body></html>",
    )
    .unwrap();
    let csv = b.dir.path().join("逗号.xls");
    std::fs::write(&csv, "企业名称,生产线名称\n甲公司,窑\n").unwrap();
    for (path, word) in [(&html, "HTML"), (&csv, "CSV")] {
        match read_workbook(path) {
            Err(ImportError::Unreadable(d)) => assert!(d.message.contains(word), "{}", d.message),
            other => panic!("{}: {other:?}", path.display()),
        }
    }
}

#[test]
fn a_part_that_unzips_past_the_ratio_limit_is_refused_before_inflating() {
    let (b, src) = base_book();
    let dst = b.dir.path().join("bomb.xlsx");
    patch(
        &src,
        &dst,
        |xml| xml,
        &[("xl/media/zeros.bin", vec![0u8; 24 << 20])],
    );
    match read_workbook(&dst) {
        Err(ImportError::Unreadable(d)) => assert!(d.message.contains("压缩比"), "{}", d.message),
        other => panic!("{other:?}"),
    }
}

/// A shared-strings part declaring 253,195,057,111,975 strings in 2 KB (found by the fuzz
/// test) made calamine reserve petabytes and abort; it is refused as damaged instead.
#[test]
fn a_shared_string_count_beyond_the_part_is_refused_not_an_abort() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz/crashers/shared-strings-unique-count-overflow.xlsx");
    match read_workbook(&path) {
        Err(ImportError::Unreadable(d)) => {
            assert!(d.message.contains("xl/sharedStrings.xml"), "{}", d.message);
            assert!(d.message.contains("253195057111975"), "{}", d.message);
            assert!(d.message.contains("已损坏"), "{}", d.message);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn broken_sheet_xml_names_the_sheet() {
    let (_b, path) = patched(|xml| {
        xml.replacen(
            "</sheetData>",
            r#"<row r="7"><c r=A7 t="inlineStr"><is><t>断开</t></is></c></row></sheetData>"#,
            1,
        )
    });
    match read_workbook(&path) {
        Err(ImportError::Unreadable(d)) => {
            assert!(
                d.message.contains(&format!("工作表“{SHEET}”")),
                "{}",
                d.message
            )
        }
        other => panic!("{other:?}"),
    }
}
