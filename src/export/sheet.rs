//! Writes one list sheet in the canonical layout: a title row, a two-row header (record and
//! emission columns merged down over both rows, the level groups merged across their
//! sub-columns), one row per source with the record's own cells merged over its rows,
//! frozen panes below the header, an autofilter and fitted column widths.
//!
//! The sheet may be in constant-memory mode, where a write to a row above the last written
//! one is silently dropped (a documented limit of rust_xlsxwriter): everything here goes
//! strictly row by row, and the whole header (title merge included) is written before the
//! first data row.

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use super::columns::{Field, Record, SheetKind, Value};
use super::style::{number_width, text_width, Styles, Widths};
use crate::model::Source;

/// Rows above the data: title, and the two header rows.
pub(crate) const HEADER_ROWS: u32 = 3;

/// What a list sheet shows.
pub(crate) struct ListSheet {
    /// Which sheet (some headers differ).
    pub kind: SheetKind,
    /// Title row text.
    pub title: String,
    /// The columns, left to right; level columns of one level must be adjacent.
    pub fields: Vec<Field>,
    /// Columns left of this one stay visible when scrolling sideways.
    pub frozen_columns: u16,
}

/// Writes `sheet` with one block of rows per record.
pub(crate) fn write_list_sheet<R: Record>(
    ws: &mut Worksheet,
    styles: &Styles,
    sheet: &ListSheet,
    records: &[R],
) -> Result<(), XlsxError> {
    let ncols = sheet.fields.len() as u16;
    let data_rows: u32 = records
        .iter()
        .map(|r| r.sources().len().max(1) as u32)
        .sum();
    // Settings that constant-memory mode consults while flushing rows come first.
    ws.set_freeze_panes(HEADER_ROWS, sheet.frozen_columns)?;
    ws.autofilter(
        HEADER_ROWS - 1,
        0,
        HEADER_ROWS - 1 + data_rows.max(1),
        ncols - 1,
    )?;
    let mut widths = Widths::new(sheet.fields.len(), 6);
    write_header(ws, styles, sheet, &mut widths)?;
    let empty = Source::default();
    let is_source: Vec<bool> = sheet.fields.iter().map(|f| f.is_source()).collect();
    let mut row = HEADER_ROWS;
    for record in records {
        let sources = record.sources();
        let n = sources.len().max(1) as u32;
        for i in 0..n {
            let source = sources.get(i as usize).unwrap_or(&empty);
            for (c, &field) in sheet.fields.iter().enumerate() {
                let col = c as u16;
                if is_source[c] {
                    let value = field
                        .source_value(source)
                        .unwrap_or(Value::Number(None, super::columns::NumberStyle::Fixed4));
                    write_value(ws, styles, row, col, &value, &styles.text, &mut widths)?;
                } else if i == 0 {
                    let value = record.value(field);
                    write_record_cell(ws, styles, row, col, n, &value, &mut widths)?;
                }
            }
            row += 1;
        }
    }
    for (col, width) in widths.finish(40) {
        ws.set_column_width(col, width)?;
    }
    Ok(())
}

/// Title row and the two header rows, row by row.
fn write_header(
    ws: &mut Worksheet,
    styles: &Styles,
    sheet: &ListSheet,
    widths: &mut Widths,
) -> Result<(), XlsxError> {
    let last = sheet.fields.len() as u16 - 1;
    ws.set_row_height(0, 30)?;
    if last > 0 {
        ws.merge_range(0, 0, 0, last, &sheet.title, &styles.title)?;
    } else {
        ws.write_string_with_format(0, 0, &sheet.title, &styles.title)?;
    }
    ws.set_row_height(1, 22)?;
    ws.set_row_height(2, 48)?;
    // Row 1: ungrouped columns merged down, level groups merged across.
    let mut c = 0usize;
    while c < sheet.fields.len() {
        let field = sheet.fields[c];
        let col = c as u16;
        match field.level() {
            None => {
                let name = field.header(sheet.kind);
                widths.note(c, text_width(&name).min(16));
                ws.merge_range(1, col, 2, col, &name, &styles.header)?;
                c += 1;
            }
            Some(level) => {
                let end = sheet.fields[c..]
                    .iter()
                    .position(|f| f.level() != Some(level))
                    .map_or(sheet.fields.len(), |n| c + n);
                let last_col = (end - 1) as u16;
                if last_col > col {
                    ws.merge_range(1, col, 1, last_col, level.name_zh(), &styles.header)?;
                } else {
                    ws.write_string_with_format(1, col, level.name_zh(), &styles.header)?;
                }
                c = end;
            }
        }
    }
    // Row 2: the sub-columns of the level groups.
    for (c, field) in sheet.fields.iter().enumerate() {
        if field.level().is_some() {
            let name = field.header(sheet.kind);
            widths.note(c, text_width(&name).min(16));
            ws.write_string_with_format(2, c as u16, name.as_ref(), &styles.header)?;
        }
    }
    Ok(())
}

/// One of the record's own cells, merged down over its `n` rows.
fn write_record_cell(
    ws: &mut Worksheet,
    styles: &Styles,
    row: u32,
    col: u16,
    n: u32,
    value: &Value<'_>,
    widths: &mut Widths,
) -> Result<(), XlsxError> {
    if n == 1 {
        return write_value(ws, styles, row, col, value, &styles.text, widths);
    }
    match value {
        Value::Text(s) => {
            widths.note_text(col as usize, s);
            ws.merge_range(row, col, row + n - 1, col, s, &styles.merged)?;
        }
        Value::Number(v, style) => {
            let format = styles.number(*style);
            ws.merge_range(row, col, row + n - 1, col, "", format)?;
            if let Some(v) = v {
                widths.note(col as usize, number_width(*v, *style));
                ws.write_number_with_format(row, col, *v, format)?;
            }
        }
    }
    Ok(())
}

/// One cell: text always as a string (so `=SUM(A1)` stays text), numbers with their style,
/// blanks with the border of the table.
fn write_value(
    ws: &mut Worksheet,
    styles: &Styles,
    row: u32,
    col: u16,
    value: &Value<'_>,
    text_format: &Format,
    widths: &mut Widths,
) -> Result<(), XlsxError> {
    match value {
        Value::Text(s) if s.is_empty() => {
            ws.write_blank(row, col, text_format)?;
        }
        Value::Text(s) => {
            widths.note_text(col as usize, s);
            ws.write_string_with_format(row, col, s.as_ref(), text_format)?;
        }
        Value::Number(None, style) => {
            ws.write_blank(row, col, styles.number(*style))?;
        }
        Value::Number(Some(v), style) => {
            widths.note(col as usize, number_width(*v, *style));
            ws.write_number_with_format(row, col, *v, styles.number(*style))?;
        }
    }
    Ok(())
}
