//! A bounds check of an .xls (BIFF) workbook before calamine opens it.
//!
//! Why: calamine parses every sheet of an .xls when it is opened and builds each as a dense
//! range spanning its cells' extent, after reserving the extent its DIMENSIONS record declares.
//! A record declaring four billion rows, or two cells placed 60,000 columns apart, make it
//! reserve or fill gigabytes and abort the process from a file of a few kilobytes. So the
//! workbook stream is walked first, record by record (a few bytes read per record, nothing
//! held but the sheet names), and refused with a located error where:
//! - a DIMENSIONS record declares more than the format's 65,536 rows or 256 columns, or a last
//!   row or column before the first;
//! - a cell lies past column IV (256 columns: BIFF8's limit);
//! - a sheet's cells span a rectangle larger than the grid's rule for sparse sheets allows
//!   (4,000,000 slots plus 8 per cell, `docs/limits.md`), which is what calamine would fill.
//!
//! A file this walk cannot read (no OLE container, no workbook stream) passes through: calamine
//! then gives its own error.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use crate::model::Diagnostic;

use super::grid::column_letters;

/// BIFF8's sheet size: 65,536 rows, 256 columns (A … IV).
const XLS_ROWS: u64 = 65_536;
/// See [`XLS_ROWS`].
const XLS_COLS: u64 = 256;
/// The same allowance as the grid's for scattered cells.
const SLACK_SLOTS: u64 = 4_000_000;
/// See [`SLACK_SLOTS`].
const SLOTS_PER_CELL: u64 = 8;

/// Checks the workbook at `path`; the first problem found as a diagnostic naming the sheet
/// (and the row and column where there is one).
pub(crate) fn check(path: &Path) -> Result<(), Diagnostic> {
    let Some(stream) = workbook_stream(path) else {
        return Ok(());
    };
    let mut names: HashMap<u32, String> = HashMap::new();
    let mut sheet: Option<Sheet> = None;
    let mut sheets_seen = 0;
    let mut pos = 0usize;
    while pos + 4 <= stream.len() {
        let typ = u16::from_le_bytes([stream[pos], stream[pos + 1]]);
        let len = usize::from(u16::from_le_bytes([stream[pos + 2], stream[pos + 3]]));
        let data = &stream[pos + 4..(pos + 4 + len).min(stream.len())];
        match typ {
            // BoundSheet8: where each sheet's substream starts, and its name.
            0x0085 if data.len() >= 8 => {
                let at = u32::from_le_bytes([data[0], data[1], data[2], data[3]]);
                names.insert(at, sheet_name(&data[6..]));
            }
            // BOF: a sheet's substream starts (the globals' BOF is at 0).
            0x0809 if pos > 0 => {
                sheets_seen += 1;
                let name = u32::try_from(pos)
                    .ok()
                    .and_then(|p| names.get(&p).cloned())
                    .unwrap_or_else(|| format!("第{sheets_seen}个工作表"));
                sheet = Some(Sheet::new(name));
            }
            // EOF of a sheet: its extent is known.
            0x000A => {
                if let Some(s) = sheet.take() {
                    s.check_extent()?;
                }
            }
            0x0200 => {
                if let Some(s) = &sheet {
                    s.check_dimensions(data)?;
                }
            }
            // Number, Label, RString, BoolErr, RK, LabelSst, Formula: one cell each.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 if data.len() >= 4 => {
                if let Some(s) = &mut sheet {
                    let (row, col) = (u16_at(data, 0), u16_at(data, 2));
                    s.cell(row, col)?;
                }
            }
            // MulRk: a row of cells from the first column to the last.
            0x00BD if data.len() >= 6 => {
                if let Some(s) = &mut sheet {
                    let row = u16_at(data, 0);
                    let first = u16_at(data, 2);
                    let last = u16_at(data, data.len() - 2);
                    s.cell(row, first)?;
                    s.cell(row, last.max(first))?;
                    s.cells += u64::from(last.saturating_sub(first));
                }
            }
            _ => {}
        }
        pos += 4 + len;
    }
    if let Some(s) = sheet {
        s.check_extent()?;
    }
    Ok(())
}

fn u16_at(data: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([data[at], data[at + 1]])
}

/// The `Workbook` (BIFF8) or `Book` (BIFF5) stream, or `None` when there is none to read.
fn workbook_stream(path: &Path) -> Option<Vec<u8>> {
    let mut cfb = cfb::open(path).ok()?;
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| cfb.is_stream(n))?;
    let mut stream = cfb.open_stream(name).ok()?;
    let mut out = Vec::new();
    stream.read_to_end(&mut out).ok()?;
    Some(out)
}

/// A BIFF8 ShortXLUnicodeString (count, flags, then Latin-1 or UTF-16LE); BIFF5 names, which
/// have no flags byte, come out close enough for a message.
fn sheet_name(data: &[u8]) -> String {
    let Some((&count, rest)) = data.split_first() else {
        return String::new();
    };
    let count = usize::from(count);
    match rest.split_first() {
        Some((&flags, chars)) if flags & 1 == 1 => {
            let units: Vec<u16> = chars
                .chunks_exact(2)
                .take(count)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        Some((&0, chars)) => chars.iter().take(count).map(|&b| char::from(b)).collect(),
        _ => String::from_utf8_lossy(&rest[..count.min(rest.len())]).into_owned(),
    }
}

/// The cells of one sheet seen so far.
struct Sheet {
    name: String,
    cells: u64,
    rows: (u64, u64),
    cols: (u64, u64),
    /// The cell that last pushed the last row or column further: where a too-large extent
    /// is reported (a far cell lies beyond the list, not before it).
    last_far: (u64, u64),
}

impl Sheet {
    fn new(name: String) -> Sheet {
        Sheet {
            name,
            cells: 0,
            rows: (u64::MAX, 0),
            cols: (u64::MAX, 0),
            last_far: (0, 0),
        }
    }

    fn cell(&mut self, row: u16, col: u16) -> Result<(), Diagnostic> {
        let (row, col) = (u64::from(row), u64::from(col));
        if col >= XLS_COLS {
            return Err(Diagnostic::cell(
                &self.name,
                u32::try_from(row + 1).unwrap_or(u32::MAX),
                &column_letters(u32::try_from(col).unwrap_or(u32::MAX)),
                format!(
                    "工作表“{}”中有单元格位于第{}行第{}列，超出.xls格式的范围（最多{XLS_ROWS}行、{XLS_COLS}列，即A至IV列）：文件已损坏或非Excel所写，请用Excel或WPS打开后另存为.xlsx再导入",
                    self.name,
                    row + 1,
                    col + 1
                ),
            ));
        }
        self.cells += 1;
        if self.cells == 1 || row > self.rows.1 || col > self.cols.1 {
            self.last_far = (row, col);
        }
        self.rows = (self.rows.0.min(row), self.rows.1.max(row));
        self.cols = (self.cols.0.min(col), self.cols.1.max(col));
        Ok(())
    }

    /// The rectangle calamine would fill must fit the grid's rule for scattered cells.
    fn check_extent(&self) -> Result<(), Diagnostic> {
        if self.cells == 0 {
            return Ok(());
        }
        let area = (self.rows.1 - self.rows.0 + 1) * (self.cols.1 - self.cols.0 + 1);
        if area <= SLACK_SLOTS + SLOTS_PER_CELL * self.cells {
            return Ok(());
        }
        let (row, col) = self.last_far;
        let column = column_letters(u32::try_from(col).unwrap_or(u32::MAX));
        Err(Diagnostic::cell(
            &self.name,
            u32::try_from(row + 1).unwrap_or(u32::MAX),
            &column,
            format!(
                "工作表“{}”的单元格分布过于分散（如第{}行{column}列远离其余数据），无法读取：请删除清单以外的空白行列和零散单元格后重新导入",
                self.name,
                row + 1
            ),
        ))
    }

    /// A DIMENSIONS record (BIFF8: first row, last row + 1 as u32, first and last column + 1
    /// as u16; BIFF5: the rows as u16) must describe a sheet of the format's size.
    fn check_dimensions(&self, data: &[u8]) -> Result<(), Diagnostic> {
        let (first_row, rows_end, first_col, cols_end) = match data.len() {
            14 | 16 => (
                u64::from(u32::from_le_bytes([data[0], data[1], data[2], data[3]])),
                u64::from(u32::from_le_bytes([data[4], data[5], data[6], data[7]])),
                u64::from(u16_at(data, 8)),
                u64::from(u16_at(data, 10)),
            ),
            10 => (
                u64::from(u16_at(data, 0)),
                u64::from(u16_at(data, 2)),
                u64::from(u16_at(data, 4)),
                u64::from(u16_at(data, 6)),
            ),
            _ => return Ok(()),
        };
        if rows_end <= XLS_ROWS
            && cols_end <= XLS_COLS
            && first_row <= rows_end
            && first_col <= cols_end
        {
            return Ok(());
        }
        Err(Diagnostic::sheet(
            &self.name,
            format!(
                "工作表“{}”的尺寸记录声明了第{}至{}行、第{}至{}列，超出.xls格式的范围（最多{XLS_ROWS}行、{XLS_COLS}列）或前后颠倒：文件已损坏或非Excel所写，请用Excel或WPS打开后另存为.xlsx再导入",
                self.name,
                first_row + 1,
                rows_end,
                first_col + 1,
                cols_end
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_read_in_both_encodings() {
        assert_eq!(sheet_name(&[2, 0, b'a', b'b']), "ab");
        let utf16: Vec<u8> = "工业源".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let mut data = vec![3, 1];
        data.extend(utf16);
        assert_eq!(sheet_name(&data), "工业源");
    }

    #[test]
    fn extents_and_dimensions_are_judged() {
        let mut s = Sheet::new("工业源清单".into());
        s.cell(0, 0).unwrap();
        s.cell(10, 5).unwrap();
        s.check_extent().unwrap();
        s.cell(65_535, 255).unwrap();
        // 65,536 × 256 = 16.7 million slots for three cells.
        let d = s.check_extent().unwrap_err();
        assert_eq!((d.row, d.column.as_deref()), (Some(65_536), Some("IV")));
        let d = s.cell(3, 300).unwrap_err();
        assert_eq!((d.row, d.column.as_deref()), (Some(4), Some("KO")));
        let biff8 = |rows_end: u32, cols_end: u16| {
            let mut v = Vec::new();
            v.extend(0u32.to_le_bytes());
            v.extend(rows_end.to_le_bytes());
            v.extend(0u16.to_le_bytes());
            v.extend(cols_end.to_le_bytes());
            v.extend(0u16.to_le_bytes());
            v
        };
        s.check_dimensions(&biff8(65_536, 256)).unwrap();
        assert!(s.check_dimensions(&biff8(u32::MAX, 10)).is_err());
        assert!(s.check_dimensions(&biff8(10, 60_000)).is_err());
    }
}
