//! Renders a [`CalcNote`] as the 测算说明 sheet: numbered headings, paragraphs merged across
//! the sheet's width (wrapped, rows tall enough for their text), tables with a header row.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::note::{Block, CalcNote, Table};
use super::style::{text_width, Styles};

/// Columns the note spans; paragraphs are merged across all of them.
const COLUMNS: u16 = 6;
/// Width of each column in characters.
const COLUMN_WIDTH: f64 = 22.0;

/// Chinese ordinal numbers for section headings (一、二、…).
fn ordinal(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        _ => n.to_string(),
    }
}

/// Writes the note into `ws`.
pub(crate) fn write_note(
    ws: &mut Worksheet,
    styles: &Styles,
    note: &CalcNote,
) -> Result<(), XlsxError> {
    for c in 0..COLUMNS {
        ws.set_column_width(c, COLUMN_WIDTH)?;
    }
    ws.set_row_height(0, 30)?;
    ws.merge_range(0, 0, 0, COLUMNS - 1, &note.title, &styles.title)?;
    let mut row = 2;
    for (i, section) in note.sections.iter().enumerate() {
        let heading = format!("{}、{}", ordinal(i + 1), section.heading);
        ws.write_string_with_format(row, 0, &heading, &styles.heading)?;
        row += 1;
        for block in &section.blocks {
            row = match block {
                Block::Paragraph(text) => write_paragraph(ws, styles, row, text)?,
                Block::Table(table) => write_table(ws, styles, row, table)?,
            };
        }
        row += 1;
    }
    Ok(())
}

fn write_paragraph(
    ws: &mut Worksheet,
    styles: &Styles,
    row: u32,
    text: &str,
) -> Result<u32, XlsxError> {
    let line = (COLUMN_WIDTH * f64::from(COLUMNS)) as usize;
    let lines = text_width(text).div_ceil(line).max(1);
    ws.set_row_height(row, 16.0 * lines as f64)?;
    ws.merge_range(row, 0, row, COLUMNS - 1, text, &styles.paragraph)?;
    Ok(row + 1)
}

fn write_table(
    ws: &mut Worksheet,
    styles: &Styles,
    mut row: u32,
    table: &Table,
) -> Result<u32, XlsxError> {
    ws.write_string_with_format(row, 0, &table.caption, &styles.heading)?;
    row += 1;
    let last = (COLUMNS as usize).min(table.header.len().max(1)) - 1;
    for (c, h) in table.header.iter().enumerate() {
        ws.write_string_with_format(row, column(c, last), h, &styles.header)?;
    }
    row += 1;
    for cells in &table.rows {
        let mut tallest = 1;
        for (c, cell) in cells.iter().enumerate() {
            let col = column(c, last);
            // The last table column takes the rest of the sheet's width for long texts.
            let span = if c == last && last + 1 < COLUMNS as usize {
                COLUMNS - 1
            } else {
                col
            };
            let width = COLUMN_WIDTH as usize * (usize::from(span - col) + 1);
            tallest = tallest.max(text_width(cell).div_ceil(width).max(1));
            if span > col {
                ws.merge_range(row, col, row, span, cell, &styles.wrapped)?;
            } else {
                ws.write_string_with_format(row, col, cell, &styles.wrapped)?;
            }
        }
        if tallest > 1 {
            ws.set_row_height(row, 15.0 * tallest as f64)?;
        }
        row += 1;
    }
    Ok(row)
}

/// Tables wider than the note put their extra columns on the last one (never happens with
/// the tables of [`super::note`], all at most six wide).
fn column(c: usize, last: usize) -> u16 {
    c.min(last) as u16
}

#[cfg(test)]
mod tests {
    use super::ordinal;

    #[test]
    fn ordinals() {
        assert_eq!(ordinal(1), "一");
        assert_eq!(ordinal(8), "八");
        assert_eq!(ordinal(12), "十二");
    }
}
