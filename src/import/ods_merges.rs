//! Merged regions of an .ods sheet, which calamine does not expose: read from `content.xml`,
//! where a merged cell carries `table:number-rows-spanned` / `table:number-columns-spanned`
//! and the cells it covers are `table:covered-table-cell`.
//!
//! Without them a measure merged over an enterprise's lines would reach only its first line
//! and the others would silently reduce nothing. Anything unexpected gives `None`; the caller
//! then reads the sheet without merges (the header's group names and the
//! empty-name-and-code rule still apply).

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use calamine::Dimensions;
use quick_xml::events::{BytesStart, Event};
use quick_xml::XmlVersion;

/// The merged regions of the sheet `name`, absolute and 0-based like calamine's ranges.
pub(crate) fn merged_regions(path: &Path, name: &str) -> Option<Vec<Dimensions>> {
    let mut zip = zip::ZipArchive::new(BufReader::new(File::open(path).ok()?)).ok()?;
    let entry = zip.by_name("content.xml").ok()?;
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(entry));
    let mut buf = Vec::new();
    let mut walk = Walk::default();
    loop {
        let event = reader.read_event_into(&mut buf).ok()?;
        match event {
            Event::Start(e) if walk.start(&e, name, false)? => return Some(walk.merges),
            Event::Start(_) => {}
            Event::Empty(e) => {
                walk.start(&e, name, true)?;
            }
            Event::End(e) => {
                let qname = e.name();
                let tag = qname.as_ref();
                if walk.active && tag == "table:table-row" {
                    walk.row += walk.row_repeat;
                } else if walk.active && tag == "table:table" {
                    return Some(walk.merges);
                }
            }
            Event::Eof => return walk.found.then_some(walk.merges),
            _ => {}
        }
        buf.clear();
    }
}

#[derive(Default)]
struct Walk {
    active: bool,
    found: bool,
    row: u32,
    row_repeat: u32,
    col: u32,
    merges: Vec<Dimensions>,
}

fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
        .map(|v| v.into_owned())
}

fn number(e: &BytesStart<'_>, key: &str) -> u32 {
    attr(e, key)
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .max(1)
}

impl Walk {
    /// Handles an opening (or empty) element; `Some(true)` when a second table starts after
    /// ours (we are done), `None` on nonsense.
    fn start(&mut self, e: &BytesStart<'_>, name: &str, empty: bool) -> Option<bool> {
        let qname = e.name();
        match qname.as_ref() {
            "table:table" => {
                if self.found && !empty {
                    return Some(true);
                }
                self.active = attr(e, "table:name").as_deref() == Some(name);
                self.found |= self.active;
                self.row = 0;
            }
            "table:table-row" if self.active => {
                self.row_repeat = number(e, "table:number-rows-repeated");
                self.col = 0;
                if empty {
                    self.row += self.row_repeat;
                }
            }
            "table:table-cell" | "table:covered-table-cell" if self.active => {
                let rows = number(e, "table:number-rows-spanned");
                let cols = number(e, "table:number-columns-spanned");
                if rows > 1 || cols > 1 {
                    let end = (self.row + rows - 1, self.col + cols - 1);
                    self.merges.push(Dimensions::new((self.row, self.col), end));
                }
                self.col = self
                    .col
                    .checked_add(number(e, "table:number-columns-repeated"))?;
            }
            _ => {}
        }
        Some(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const CONTENT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet>
<table:table table:name="说明"><table:table-row><table:table-cell table:number-rows-spanned="5"/></table:table-row></table:table>
<table:table table:name="工业源清单">
 <table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>
 <table:table-row>
  <table:table-cell table:number-columns-repeated="2"/>
  <table:table-cell table:number-rows-spanned="3" office:value-type="string"><text:p>甲公司</text:p></table:table-cell>
  <table:table-cell table:number-columns-spanned="2"><text:p>黄色预警</text:p></table:table-cell>
  <table:covered-table-cell/>
 </table:table-row>
 <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2"/><table:covered-table-cell/></table:table-row>
</table:table>
</office:spreadsheet></office:body></office:document-content>"#;

    #[test]
    fn reads_spans_with_repeated_rows_and_columns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ods");
        let mut zip = zip::ZipWriter::new(File::create(&path).unwrap());
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("content.xml", opts).unwrap();
        zip.write_all(CONTENT.as_bytes()).unwrap();
        zip.finish().unwrap();
        assert_eq!(
            merged_regions(&path, "工业源清单"),
            Some(vec![
                Dimensions::new((2, 2), (4, 2)),
                Dimensions::new((2, 3), (2, 4))
            ])
        );
        assert_eq!(merged_regions(&path, "没有"), None);
    }
}
