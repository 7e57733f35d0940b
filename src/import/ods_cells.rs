//! The cells of an .ods sheet, streamed from `content.xml` into a [`Grid`] by their positions.
//!
//! Why not calamine's reader: it parses every table when the file is opened and builds each
//! as a dense range, expanding `table:number-rows-repeated` / `number-columns-repeated` into
//! cells (up to 10⁸ of them, gigabytes, from a file of a few hundred bytes) and silently
//! dropping cells past Excel's limits. Here repeats of blank cells only move the position;
//! a non-blank cell past row 1,048,576 or column XFD is the grid's located error; and the cells
//! that repeats create are held to [`REPEAT_BUDGET`] bytes, past which the sheet is refused
//! at the row and column where the budget ran out (`docs/limits.md`). Memory therefore stays
//! a bounded multiple of `content.xml`'s size plus that budget.
//!
//! Values follow ODF's `office:value-type`: float, percentage and currency read
//! `office:value` (a percentage is marked as such); boolean is 是/否; date and time are shown
//! as written; anything else is the cell's text (paragraphs joined by line breaks, `text:s`
//! spaces expanded, comments left out).

use std::borrow::Cow;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use calamine::Dimensions;
use quick_xml::events::{BytesStart, Event};
use quick_xml::XmlVersion;

use super::grid::{Grid, Overflow, Value};

/// The most bytes that repeated cells may add to a sheet (each copy counts its value's size
/// and its text): a real list repeats a measure over two or three level columns, or a few
/// identical lines; 64 MiB is some 2 million such copies.
pub(crate) const REPEAT_BUDGET: usize = 64 << 20;

/// The names of the sheets in `content.xml`, in order.
///
/// # Errors
/// The zip or XML problem, as text for the caller's message.
pub(crate) fn sheet_names(path: &Path) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    with_content(path, |reader| {
        let mut buf = Vec::new();
        loop {
            match reader
                .read_event_into(&mut buf)
                .map_err(|e| e.to_string())?
            {
                Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "table:table" => {
                    if let Some(name) = attr(&e, "table:name") {
                        names.push(name);
                    }
                }
                Event::Eof => return Ok(()),
                _ => {}
            }
            buf.clear();
        }
    })?;
    Ok(names)
}

/// Reads the sheet `name` into a grid with `merges`.
///
/// # Errors
/// The zip or XML problem, or a missing sheet, as text for the caller's message. Cells past
/// the limits are no error here but the grid's [`Grid::overflow`].
pub(crate) fn read_sheet(
    path: &Path,
    name: &str,
    merges: Vec<Dimensions>,
) -> Result<Grid<'static>, String> {
    let mut grid = Grid::new(name, merges);
    let mut found = false;
    with_content(path, |reader| {
        let mut buf = Vec::new();
        let mut sheet = Sheet::default();
        loop {
            let event = reader
                .read_event_into(&mut buf)
                .map_err(|e| e.to_string())?;
            match event {
                Event::Start(e)
                    if e.name().as_ref() == "table:table"
                        && !found
                        && attr(&e, "table:name").as_deref() == Some(name) =>
                {
                    found = true;
                    sheet.active = true;
                }
                Event::End(e) if e.name().as_ref() == "table:table" && sheet.active => {
                    return Ok(());
                }
                Event::Start(e) if sheet.active => sheet.start(&e, false),
                Event::Empty(e) if sheet.active => {
                    sheet.start(&e, true);
                    if sheet.end(e.name().as_ref(), &mut grid) {
                        return Ok(());
                    }
                }
                Event::End(e) if sheet.active && sheet.end(e.name().as_ref(), &mut grid) => {
                    return Ok(());
                }
                Event::Text(t) if sheet.in_text() => {
                    sheet.text.push_str(&t.xml10_content());
                }
                Event::GeneralRef(r) if sheet.in_text() => {
                    let entity = r.xml10_content();
                    sheet.text.push_str(match entity.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        sheet.text.push(c);
                    }
                }
                Event::Eof => return Ok(()),
                _ => {}
            }
            buf.clear();
        }
    })?;
    if found {
        Ok(grid)
    } else {
        Err(format!("content.xml 中没有工作表“{name}”"))
    }
}

/// Opens `content.xml` of the package at `path` and hands its reader to `f`.
fn with_content(
    path: &Path,
    f: impl FnOnce(
        &mut quick_xml::Reader<BufReader<zip::read::ZipFile<'_, BufReader<File>>>>,
    ) -> Result<(), String>,
) -> Result<(), String> {
    let file = File::open(path).map_err(|e| e.to_string())?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| e.to_string())?;
    let entry = zip.by_name("content.xml").map_err(|e| e.to_string())?;
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(entry));
    reader.config_mut().trim_text(false);
    f(&mut reader)
}

/// Where the walk through the sheet's XML is.
#[derive(Default)]
struct Sheet {
    active: bool,
    /// The row the next `table:table-row` starts (u64: repeats may run past u32).
    row: u64,
    row_repeat: u64,
    col: u64,
    /// The non-blank cells of the current row: column, value, columns repeated.
    cells: Vec<(u64, Value<'static>, u64)>,
    /// The cell being read: its attributes' value and how often it repeats.
    cell: Option<Cell>,
    /// Inside a `text:p` of the cell (not of a comment).
    paragraphs: u32,
    /// Inside an `office:annotation` (a comment): its text is no value.
    annotation: u32,
    text: String,
    /// Bytes added by repeats so far, against [`REPEAT_BUDGET`].
    repeated: usize,
}

struct Cell {
    value: Option<Value<'static>>,
    repeat: u64,
    /// Paragraphs seen, to join them with line breaks.
    paragraphs_seen: u32,
}

impl Sheet {
    fn in_text(&self) -> bool {
        self.cell.is_some() && self.paragraphs > 0 && self.annotation == 0
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        match e.name().as_ref() {
            "table:table-row" => {
                self.row_repeat = count(e, "table:number-rows-repeated");
                self.col = 0;
                self.cells.clear();
            }
            "table:table-cell" | "table:covered-table-cell" => {
                self.cell = Some(Cell {
                    value: typed_value(e),
                    repeat: count(e, "table:number-columns-repeated"),
                    paragraphs_seen: 0,
                });
                self.text.clear();
            }
            "office:annotation" if !empty => self.annotation += 1,
            "text:p" if self.cell.is_some() && self.annotation == 0 => {
                if let Some(cell) = &mut self.cell {
                    if cell.paragraphs_seen > 0 {
                        self.text.push('\n');
                    }
                    cell.paragraphs_seen += 1;
                }
                if !empty {
                    self.paragraphs += 1;
                }
            }
            "text:s" if self.in_text() => {
                let n = count(e, "text:c").min(1024) as usize;
                self.text.extend(std::iter::repeat_n(' ', n));
            }
            "text:tab" if self.in_text() => self.text.push('\t'),
            "text:line-break" if self.in_text() => self.text.push('\n'),
            _ => {}
        }
    }

    /// Handles a closing element; true when the sheet can be read no further (the grid
    /// overflowed).
    fn end(&mut self, tag: &str, grid: &mut Grid<'static>) -> bool {
        match tag {
            "text:p" if self.paragraphs > 0 && self.annotation == 0 => self.paragraphs -= 1,
            "office:annotation" if self.annotation > 0 => self.annotation -= 1,
            "table:table-cell" | "table:covered-table-cell" => {
                if let Some(cell) = self.cell.take() {
                    let value = cell
                        .value
                        .unwrap_or_else(|| Value::Text(Cow::Owned(std::mem::take(&mut self.text))));
                    if !value.is_blank() {
                        self.cells.push((self.col, value, cell.repeat));
                    }
                    self.col = self.col.saturating_add(cell.repeat);
                }
            }
            "table:table-row" => {
                let done = self.place_row(grid);
                self.row = self.row.saturating_add(self.row_repeat);
                self.cells.clear();
                return done;
            }
            _ => {}
        }
        false
    }

    /// Places the row's cells, with their repeats, into the grid; true when it overflowed.
    fn place_row(&mut self, grid: &mut Grid<'static>) -> bool {
        if self.cells.is_empty() {
            return false;
        }
        for r in 0..self.row_repeat {
            for (col, value, repeat) in &self.cells {
                for k in 0..*repeat {
                    let (row, col) = (clamp(self.row + r), clamp(col + k));
                    if r > 0 || k > 0 {
                        self.repeated += std::mem::size_of::<Value<'static>>() + text_len(value);
                        if self.repeated > REPEAT_BUDGET {
                            grid.overflow = Some(Overflow::Repeated { row, col });
                            return true;
                        }
                    }
                    grid.put(row, col, value.clone());
                    if grid.overflow.is_some() {
                        return true;
                    }
                }
            }
        }
        false
    }
}

/// A position as the grid takes it; anything past u32 is past Excel's limits anyway.
fn clamp(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn text_len(v: &Value<'_>) -> usize {
    match v {
        Value::Text(t) => t.len(),
        Value::Error(e) => e.len(),
        _ => 0,
    }
}

fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
        .map(|v| v.into_owned())
}

/// A repeat count: at least 1; a count that is no number counts once.
fn count(e: &BytesStart<'_>, key: &str) -> u64 {
    attr(e, key)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

/// The value the cell's attributes give, or `None` when it is the cell's text.
fn typed_value(e: &BytesStart<'_>) -> Option<Value<'static>> {
    let kind = attr(e, "office:value-type")?;
    match kind.as_str() {
        "float" | "percentage" | "currency" => {
            let raw = attr(e, "office:value")?;
            Some(match raw.trim().parse::<f64>() {
                Ok(value) => Value::Number {
                    value,
                    percent: kind == "percentage",
                },
                Err(_) => Value::Text(Cow::Owned(raw)),
            })
        }
        "boolean" => {
            let b = attr(e, "office:boolean-value")?;
            Some(Value::Text(Cow::Borrowed(if b == "true" {
                "是"
            } else {
                "否"
            })))
        }
        "date" => attr(e, "office:date-value").map(|d| Value::Text(Cow::Owned(d))),
        "time" => attr(e, "office:time-value").map(|t| Value::Text(Cow::Owned(t))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn ods(dir: &Path, table: &str) -> std::path::PathBuf {
        let path = dir.join("t.ods");
        let mut zip = zip::ZipWriter::new(File::create(&path).unwrap());
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("content.xml", opts).unwrap();
        write!(
            zip,
            r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet>
<table:table table:name="说明"><table:table-row><table:table-cell office:value-type="string"><text:p>别的表</text:p></table:table-cell></table:table-row></table:table>
{table}
</office:spreadsheet></office:body></office:document-content>"#
        )
        .unwrap();
        zip.finish().unwrap();
        path
    }

    #[test]
    fn reads_values_repeats_and_text_as_calamine_would() {
        let dir = tempfile::tempdir().unwrap();
        let path = ods(
            dir.path(),
            r#"<table:table table:name="工业源清单">
 <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
 <table:table-row>
  <table:table-cell table:number-columns-repeated="2"/>
  <table:table-cell office:value-type="string"><text:p>甲<text:s text:c="2"/>公司 &amp; 子</text:p><text:p>二行</text:p><office:annotation><text:p>批注</text:p></office:annotation></table:table-cell>
  <table:table-cell office:value-type="float" office:value="12.5"><text:p>12.50</text:p></table:table-cell>
  <table:table-cell office:value-type="percentage" office:value="0.3" table:number-columns-repeated="2"><text:p>30%</text:p></table:table-cell>
  <table:table-cell office:value-type="boolean" office:boolean-value="true"/>
 </table:table-row>
 <table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
</table:table>"#,
        );
        assert_eq!(
            sheet_names(&path).unwrap(),
            vec!["说明".to_string(), "工业源清单".to_string()]
        );
        let grid = read_sheet(&path, "工业源清单", Vec::new()).unwrap();
        assert_eq!(grid.overflow, None);
        assert_eq!(grid.height(), 3, "blank repeated rows allocate nothing");
        assert_eq!(grid.cell(2, 2).text(), "甲  公司 & 子\n二行");
        assert_eq!(
            grid.cell(2, 3),
            &Value::Number {
                value: 12.5,
                percent: false
            }
        );
        for c in [4, 5] {
            assert_eq!(
                grid.cell(2, c),
                &Value::Number {
                    value: 0.3,
                    percent: true
                }
            );
        }
        assert_eq!(grid.cell(2, 6).text(), "是");
        assert!(read_sheet(&path, "没有", Vec::new()).is_err());
    }

    #[test]
    fn cells_past_excel_limits_are_located_not_allocated() {
        let dir = tempfile::tempdir().unwrap();
        // A value repeated on the last rows and past them.
        let path = ods(
            dir.path(),
            r#"<table:table table:name="工业源清单">
 <table:table-row><table:table-cell office:value-type="string"><text:p>企业名称</text:p></table:table-cell></table:table-row>
 <table:table-row table:number-rows-repeated="1048574"><table:table-cell/></table:table-row>
 <table:table-row table:number-rows-repeated="5"><table:table-cell office:value-type="float" office:value="1"/></table:table-row>
</table:table>"#,
        );
        let grid = read_sheet(&path, "工业源清单", Vec::new()).unwrap();
        assert_eq!(
            grid.overflow,
            Some(Overflow::OutOfBounds {
                row: 1_048_576,
                col: 0
            })
        );
        // A value repeated across every column and past XFD.
        let path = ods(
            dir.path(),
            r#"<table:table table:name="工业源清单">
 <table:table-row><table:table-cell table:number-columns-repeated="16383"/><table:table-cell office:value-type="string" table:number-columns-repeated="4"><text:p>x</text:p></table:table-cell></table:table-row>
</table:table>"#,
        );
        let grid = read_sheet(&path, "工业源清单", Vec::new()).unwrap();
        assert_eq!(
            grid.overflow,
            Some(Overflow::OutOfBounds {
                row: 0,
                col: 16_384
            })
        );
    }

    #[test]
    fn repeats_that_would_fill_memory_are_refused_where_the_budget_ends() {
        let dir = tempfile::tempdir().unwrap();
        // 16,384 × 1,000,000 copies of one cell: 16 billion cells from a few hundred bytes.
        let path = ods(
            dir.path(),
            r#"<table:table table:name="工业源清单">
 <table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="string" table:number-columns-repeated="16384"><text:p>停产</text:p></table:table-cell></table:table-row>
</table:table>"#,
        );
        let grid = read_sheet(&path, "工业源清单", Vec::new()).unwrap();
        match grid.overflow {
            Some(Overflow::Repeated { row, .. }) => assert!(row < 1_000_000),
            other => panic!("{other:?}"),
        }
    }
}
