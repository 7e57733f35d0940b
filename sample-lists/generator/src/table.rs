//! Writing a table the way people lay them out by hand: one- or two-row headers with merged
//! groups, and an enterprise's own cells merged, repeated or written once over its rows.
//!
//! Rows are written strictly top to bottom so that the same code works in rust_xlsxwriter's
//! `constant_memory` mode for the 60,000-source benchmark workbook.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

/// A cell value.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Text, written as a string cell.
    Text(String),
    /// A number.
    Num(f64),
    /// Nothing (a blank, bordered cell).
    Blank,
}

impl Cell {
    /// Text from anything string-like.
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// A number, or blank for `None`.
    pub fn opt(v: Option<f64>) -> Cell {
        v.map_or(Cell::Blank, Cell::Num)
    }
}

/// How a column's numbers are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumFmt {
    /// Whole numbers.
    Int,
    /// Three decimals (t/a emissions).
    Dec3,
    /// One decimal.
    Dec1,
}

/// One column: header text (with an optional group above it), width and how to get the
/// value of a row.
pub struct Col<'a, R> {
    /// The group cell above (黄色预警 …) in two-row headers, or its prefix in one-row headers.
    pub group: Option<String>,
    /// The column's own header text.
    pub name: String,
    /// Column width in characters.
    pub width: f64,
    /// True for the enterprise's own cells (merged, repeated or written once per enterprise).
    pub entity: bool,
    /// Number format of numeric cells.
    pub num: NumFmt,
    /// The cell of a row.
    pub get: Box<dyn Fn(&R) -> Cell + 'a>,
}

impl<'a, R> Col<'a, R> {
    /// A column of one row's own value.
    pub fn new(name: &str, width: f64, get: impl Fn(&R) -> Cell + 'a) -> Self {
        Col {
            group: None,
            name: name.to_string(),
            width,
            entity: false,
            num: NumFmt::Dec3,
            get: Box::new(get),
        }
    }

    /// Marks the column as the enterprise's own.
    pub fn entity(mut self) -> Self {
        self.entity = true;
        self
    }

    /// Puts the column under a group.
    pub fn group(mut self, group: &str) -> Self {
        self.group = Some(group.to_string());
        self
    }

    /// Sets the number format.
    pub fn num(mut self, num: NumFmt) -> Self {
        self.num = num;
        self
    }
}

/// What happens to the enterprise's own cells on its second and later rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntityCells {
    /// Merged vertically over the enterprise's rows.
    Merge,
    /// Written on the first row only, later rows left empty.
    FirstOnly,
}

/// The formats of a workbook's tables.
pub struct Formats {
    /// Big bold centred title.
    pub title: Format,
    /// Left-aligned plain line under the title.
    pub note: Format,
    /// Header cells: bold, centred, wrapped, shaded.
    pub header: Format,
    /// Body text.
    pub text: Format,
    int: Format,
    dec1: Format,
    dec3: Format,
}

impl Formats {
    /// Formats with SimSun-like defaults that county templates use.
    pub fn new() -> Self {
        let body = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
            .set_font_size(10);
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            note: Format::new().set_font_size(11),
            header: body
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xDDEBF7)),
            text: body.clone().set_text_wrap(),
            int: body.clone().set_num_format("0"),
            dec1: body.clone().set_num_format("0.0"),
            dec3: body.set_num_format("0.000"),
        }
    }

    fn number(&self, num: NumFmt) -> &Format {
        match num {
            NumFmt::Int => &self.int,
            NumFmt::Dec1 => &self.dec1,
            NumFmt::Dec3 => &self.dec3,
        }
    }
}

/// Writes `cell` at (row, col).
pub fn put(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    num: NumFmt,
    f: &Formats,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Text(s) if s.is_empty() => ws.write_blank(row, col, &f.text)?,
        Cell::Text(s) => ws.write_string_with_format(row, col, s, &f.text)?,
        Cell::Num(v) => ws.write_number_with_format(row, col, *v, f.number(num))?,
        Cell::Blank => ws.write_blank(row, col, &f.text)?,
    };
    Ok(())
}

/// Writes the header at `row`: two rows with merged groups when `two_rows`, else one row
/// whose names already carry their group (黄色预警减排措施). Returns the first data row.
pub fn header<R>(
    ws: &mut Worksheet,
    row: u32,
    cols: &[Col<'_, R>],
    two_rows: bool,
    f: &Formats,
) -> Result<u32, XlsxError> {
    for (i, c) in cols.iter().enumerate() {
        ws.set_column_width(i as u16, c.width)?;
    }
    if !two_rows {
        for (i, c) in cols.iter().enumerate() {
            let text = format!("{}{}", c.group.as_deref().unwrap_or(""), c.name);
            ws.write_string_with_format(row, i as u16, &text, &f.header)?;
        }
        ws.set_row_height(row, 42)?;
        return Ok(row + 1);
    }
    // Top row first (its merges reach down into the second row), then the second row.
    let mut i = 0;
    while i < cols.len() {
        let col = i as u16;
        match &cols[i].group {
            None => {
                ws.merge_range(row, col, row + 1, col, &cols[i].name, &f.header)?;
                i += 1;
            }
            Some(g) => {
                let end = cols[i..]
                    .iter()
                    .position(|c| c.group.as_ref() != Some(g))
                    .map_or(cols.len(), |n| i + n);
                if end - i > 1 {
                    ws.merge_range(row, col, row, (end - 1) as u16, g, &f.header)?;
                } else {
                    ws.write_string_with_format(row, col, g, &f.header)?;
                }
                i = end;
            }
        }
    }
    for (i, c) in cols.iter().enumerate() {
        if c.group.is_some() {
            ws.write_string_with_format(row + 1, i as u16, &c.name, &f.header)?;
        }
    }
    ws.set_row_height(row + 1, 30)?;
    Ok(row + 2)
}

/// Writes the rows of each group (an enterprise's lines, or single rows) from `row` on and
/// returns the row after the last.
pub fn rows<R>(
    ws: &mut Worksheet,
    mut row: u32,
    cols: &[Col<'_, R>],
    groups: impl IntoIterator<Item = Vec<R>>,
    entity: EntityCells,
    f: &Formats,
) -> Result<u32, XlsxError> {
    for group in groups {
        let last = row + group.len() as u32 - 1;
        for (k, r) in group.iter().enumerate() {
            let at = row + k as u32;
            for (i, c) in cols.iter().enumerate() {
                let col = i as u16;
                if !c.entity || k == 0 && (last == row || entity == EntityCells::FirstOnly) {
                    put(ws, at, col, &(c.get)(r), c.num, f)?;
                } else if k == 0 {
                    // Merge over the enterprise's rows, then give the first cell its value.
                    ws.merge_range(at, col, last, col, "", &f.text)?;
                    put(ws, at, col, &(c.get)(r), c.num, f)?;
                }
            }
        }
        row = last + 1;
    }
    Ok(row)
}
