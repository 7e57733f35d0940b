//! Hostile .ods files (issue 14): repeated rows and columns are expanded within bounds, cells
//! past Excel's limits are located errors, never an allocation of the nominal range. The
//! files are written here as what an .ods is: `content.xml` in a zip.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::support::{invalid, ok};

const HEADER: &str = r#"<table:table-row>
 <table:table-cell office:value-type="string"><text:p>企业名称</text:p></table:table-cell>
 <table:table-cell office:value-type="string"><text:p>生产线名称</text:p></table:table-cell>
 <table:table-cell office:value-type="string"><text:p>二氧化硫排放量</text:p></table:table-cell>
 <table:table-cell office:value-type="string"><text:p>氮氧化物排放量</text:p></table:table-cell>
 <table:table-cell office:value-type="string"><text:p>颗粒物排放量</text:p></table:table-cell>
 <table:table-cell office:value-type="string"><text:p>挥发性有机物排放量</text:p></table:table-cell>
 <table:table-cell office:value-type="string"><text:p>年生产天数</text:p></table:table-cell>
 <table:table-cell office:value-type="string"><text:p>黄色预警减排措施</text:p></table:table-cell>
 <table:table-cell office:value-type="string"><text:p>橙色预警减排措施</text:p></table:table-cell>
 <table:table-cell office:value-type="string"><text:p>红色预警减排措施</text:p></table:table-cell>
</table:table-row>"#;

/// One line of 甲公司; the measure is written once and repeated over the three levels, as
/// LibreOffice saves identical neighbours.
const LINE: &str = r#"<table:table-row>
 <table:table-cell office:value-type="string"><text:p>甲公司</text:p></table:table-cell>
 <table:table-cell office:value-type="string"><text:p>1号线</text:p></table:table-cell>
 <table:table-cell office:value-type="float" office:value="30" table:number-columns-repeated="4"/>
 <table:table-cell office:value-type="float" office:value="300"/>
 <table:table-cell office:value-type="string" table:number-columns-repeated="3"><text:p>停产</text:p></table:table-cell>
</table:table-row>"#;

fn ods(dir: &Path, rows: &str) -> PathBuf {
    let path = dir.join("示例县2026.ods");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("mimetype", opts).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("content.xml", opts).unwrap();
    write!(
        zip,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>
<table:table table:name="工业源清单">{HEADER}{rows}</table:table>
</office:spreadsheet></office:body></office:document-content>"#
    )
    .unwrap();
    zip.finish().unwrap();
    path
}

#[test]
fn an_ods_with_repeated_cells_and_blank_rows_to_the_sheet_end_imports() {
    let dir = tempfile::tempdir().unwrap();
    // LibreOffice pads a sheet with blank rows and columns repeated to its very end.
    let path = ods(
        dir.path(),
        &format!(
            r#"{LINE}<table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#
        ),
    );
    let started = Instant::now();
    let list = ok(&path).list;
    assert!(started.elapsed() < Duration::from_secs(5));
    let line = &list.enterprises[0].sources[0];
    assert_eq!(list.enterprises.len(), 1);
    assert_eq!(
        (line.annual.so2, line.annual.vocs, line.days),
        (Some(30.0), Some(30.0), Some(300.0))
    );
    assert_eq!(line.measures.red.text, "停产");
}

#[test]
fn a_row_repeated_past_row_1048576_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let rows = format!(
        r#"{LINE}<table:table-row table:number-rows-repeated="1048573"><table:table-cell/></table:table-row>{}"#,
        LINE.replace(
            "<table:table-row>",
            r#"<table:table-row table:number-rows-repeated="3">"#
        )
    );
    let path = ods(dir.path(), &rows);
    let (errors, _) = invalid(&path);
    assert!(
        errors
            .iter()
            .any(|d| d.sheet.as_deref() == Some("工业源清单")
                && d.row == Some(1_048_577)
                && d.column.as_deref() == Some("A")
                && d.message.contains("超出Excel的范围")),
        "{errors:#?}"
    );
}

#[test]
fn a_cell_repeated_past_column_xfd_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let rows = r#"<table:table-row><table:table-cell table:number-columns-repeated="16380"/><table:table-cell office:value-type="string" table:number-columns-repeated="2000000000"><text:p>远</text:p></table:table-cell></table:table-row>"#;
    let path = ods(dir.path(), rows);
    let (errors, _) = invalid(&path);
    assert!(
        errors.iter().any(|d| d.row == Some(2)
            && d.column.as_deref() == Some("XFE")
            && d.message.contains("超出Excel的范围")),
        "{errors:#?}"
    );
}

#[test]
fn a_repeat_bomb_is_refused_in_bounded_time_and_memory() {
    let dir = tempfile::tempdir().unwrap();
    // A row of 16,384 copies repeated a million times: 1.6 × 10¹⁰ cells from 400 bytes.
    let rows = r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="string" table:number-columns-repeated="16384"><text:p>停产</text:p></table:table-cell></table:table-row>"#;
    let path = ods(dir.path(), rows);
    assert!(std::fs::metadata(&path).unwrap().len() < 2_000);
    let started = Instant::now();
    let (errors, _) = invalid(&path);
    assert!(started.elapsed() < Duration::from_secs(30));
    assert!(
        errors
            .iter()
            .any(|d| d.sheet.as_deref() == Some("工业源清单")
                && d.row.is_some()
                && d.message.contains("重复的单元格")),
        "{errors:#?}"
    );
}
