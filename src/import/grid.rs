//! One sheet's cells in a form every format can fill and every sheet role can read.
//!
//! Rows and columns are the spreadsheet's own (0-based here, shown 1-based): calamine's ranges
//! may start anywhere, so every builder places cells at their absolute position and a
//! diagnostic's row is simply `index + 1`. Text borrows from the workbook where calamine lets
//! it (shared strings), so building a grid allocates little beyond one vector per row.

use std::borrow::Cow;

use calamine::{Data, DataRef, Dimensions, Range};

/// One cell's value as the importer needs it.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) enum Value<'a> {
    /// Blank.
    #[default]
    Empty,
    /// A number; `percent` is true when the cell is formatted as a percentage (xlsx only:
    /// calamine exposes number formats for xlsx alone).
    Number { value: f64, percent: bool },
    /// Text (or a date/boolean shown as text).
    Text(Cow<'a, str>),
    /// An error value such as #N/A or #DIV/0! (boxed: a grid holds millions of values, and
    /// a `String` here would make every one of them a word larger).
    Error(Box<str>),
}

impl<'a> Value<'a> {
    /// True for a blank cell or one holding only spaces.
    pub(crate) fn is_blank(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, trimmed: numbers without a trailing `.0`, errors as Excel shows them.
    pub(crate) fn text(&self) -> Cow<'_, str> {
        match self {
            Value::Empty => Cow::Borrowed(""),
            Value::Text(t) => Cow::Borrowed(t.trim()),
            Value::Number { value, .. } => Cow::Owned(number_text(*value)),
            Value::Error(e) => Cow::Borrowed(e),
        }
    }

    fn from_data(d: &'a Data) -> Self {
        match d {
            Data::Empty => Value::Empty,
            Data::Int(i) => Value::Number {
                value: *i as f64,
                percent: false,
            },
            Data::Float(f) => Value::Number {
                value: *f,
                percent: false,
            },
            Data::String(s) => Value::Text(Cow::Borrowed(s.as_str())),
            Data::Bool(b) => Value::Text(Cow::Borrowed(if *b { "是" } else { "否" })),
            Data::DateTime(dt) => Value::Text(Cow::Owned(date_text(dt))),
            Data::DateTimeIso(s) | Data::DurationIso(s) => Value::Text(Cow::Borrowed(s.as_str())),
            Data::Error(e) => Value::Error(e.to_string().into()),
        }
    }

    fn from_data_ref(d: DataRef<'a>, percent: bool) -> Self {
        match d {
            DataRef::Empty => Value::Empty,
            DataRef::Int(i) => Value::Number {
                value: i as f64,
                percent,
            },
            DataRef::Float(f) => Value::Number { value: f, percent },
            DataRef::String(s) => Value::Text(Cow::Owned(s)),
            DataRef::SharedString(s) => Value::Text(Cow::Borrowed(s)),
            DataRef::Bool(b) => Value::Text(Cow::Borrowed(if b { "是" } else { "否" })),
            DataRef::DateTime(dt) => Value::Text(Cow::Owned(date_text(&dt))),
            DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Value::Text(Cow::Owned(s)),
            DataRef::Error(e) => Value::Error(e.to_string().into()),
        }
    }
}

/// A number as a person would type it (30, not 30.0).
pub(crate) fn number_text(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn date_text(dt: &calamine::ExcelDateTime) -> String {
    match dt.as_datetime() {
        Some(d) if d.time() == chrono::NaiveTime::MIN => d.date().to_string(),
        Some(d) => d.to_string(),
        None => dt.to_string(),
    }
}

static EMPTY: Value<'static> = Value::Empty;

/// Excel's sheet size: 1,048,576 rows, 16,384 columns (A … XFD). A reference beyond it is
/// no cell a spreadsheet program could have written: a located error, never an allocation.
pub(crate) const MAX_ROWS: u32 = 1_048_576;
/// See [`MAX_ROWS`].
pub(crate) const MAX_COLS: u32 = 16_384;

/// The grid stores rows densely (cheap for real lists, whose rows are nearly full). A file
/// can place a few cells so far apart that the dense rows would need gigabytes (20,000 cells
/// in column XFD); the grid therefore allows at most `SLACK_SLOTS` slots beyond
/// `SLOTS_PER_CELL` per cell actually held, and refuses the sheet beyond that
/// (`docs/limits.md`). A real list uses one to two slots per cell.
const SLACK_SLOTS: usize = 4_000_000;
/// See [`SLACK_SLOTS`].
const SLOTS_PER_CELL: usize = 8;

/// Why a sheet's cells could not all be placed; the reader turns it into a located error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Overflow {
    /// A cell reference past Excel's limits (0-based row and column as found).
    OutOfBounds { row: u32, col: u32 },
    /// Cells so scattered that the sheet would not fit in memory; the first cell refused.
    TooSparse { row: u32, col: u32 },
    /// An .ods sheet whose repeated cells (`number-rows-repeated`, `number-columns-repeated`)
    /// would add more than the reader's budget; the cell where it ran out.
    Repeated { row: u32, col: u32 },
}

/// Excel's letters for a 0-based column (0 → A, 16,383 → XFD).
pub(crate) fn column_letters(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// A sheet's cells, row by row, at their absolute positions, and its merged regions.
#[derive(Debug, Default)]
pub(crate) struct Grid<'a> {
    /// The sheet's name as in the workbook.
    pub(crate) name: String,
    rows: Vec<Vec<Value<'a>>>,
    /// Merged regions (absolute, inclusive), sorted and without repeats.
    pub(crate) merges: Vec<Dimensions>,
    /// Row vectors plus cell slots allocated (vector capacities), against the limit of
    /// [`SLACK_SLOTS`].
    slots: usize,
    /// Non-empty cells placed.
    cells: usize,
    /// The first cell that could not be placed, if any.
    pub(crate) overflow: Option<Overflow>,
    /// Rows up to the last one the sheet has any cell in, empty (styled) cells included:
    /// the used range that merges are clipped to.
    used_rows: usize,
}

impl<'a> Grid<'a> {
    /// An empty grid for `name`.
    pub(crate) fn new(name: &str, mut merges: Vec<Dimensions>) -> Self {
        // A file may repeat one merge thousands of times; each would be spread again.
        merges.sort_unstable_by_key(|m| (m.start, m.end));
        merges.dedup();
        Grid {
            name: name.to_string(),
            rows: Vec::new(),
            merges,
            slots: 0,
            cells: 0,
            overflow: None,
            used_rows: 0,
        }
    }

    /// Fills a grid from a calamine range (xls, xlsb), borrowing its strings.
    pub(crate) fn from_range(name: &str, range: &'a Range<Data>, merges: Vec<Dimensions>) -> Self {
        let mut grid = Grid::new(name, merges);
        let (r0, c0) = range.start().unwrap_or((0, 0));
        if let Some((end, _)) = range.end() {
            grid.mark_used(end);
        }
        for (r, c, d) in range.used_cells() {
            grid.put(r as u32 + r0, c as u32 + c0, Value::from_data(d));
        }
        grid
    }

    /// Places a streamed xlsx cell.
    pub(crate) fn put_ref(&mut self, row: u32, col: u32, d: DataRef<'a>, percent: bool) {
        self.mark_used(row);
        if !matches!(d, DataRef::Empty) {
            self.put(row, col, Value::from_data_ref(d, percent));
        }
    }

    /// Places a value at an absolute position. A position past Excel's limits, or one that
    /// would make the grid too sparse, is not placed but kept as [`Grid::overflow`] (the
    /// first one) for the reader to report.
    pub(crate) fn put(&mut self, row: u32, col: u32, v: Value<'a>) {
        if matches!(v, Value::Empty) || self.overflow.is_some() {
            return;
        }
        if row >= MAX_ROWS || col >= MAX_COLS {
            self.overflow = Some(Overflow::OutOfBounds { row, col });
            return;
        }
        let (r, c) = (row as usize, col as usize);
        let new_rows = (r + 1).saturating_sub(self.rows.len());
        let (len, capacity) = self
            .rows
            .get(r)
            .map_or((0, 0), |cells| (cells.len(), cells.capacity()));
        let grown = self.row_capacity(r, c, capacity);
        let slots = self.slots + new_rows + (grown - capacity);
        if slots > SLACK_SLOTS + SLOTS_PER_CELL * (self.cells + 1) {
            self.overflow = Some(Overflow::TooSparse { row, col });
            return;
        }
        self.slots = slots;
        if self.rows.len() <= r {
            self.rows.resize_with(r + 1, Vec::new);
        }
        let cells = &mut self.rows[r];
        if cells.len() <= c {
            cells.reserve_exact(grown - len);
            cells.resize(c + 1, Value::Empty);
        }
        if matches!(cells[c], Value::Empty) {
            self.cells += 1;
        }
        cells[c] = v;
    }

    /// The capacity row `r` (now of `capacity` slots) needs for a cell in column `c`. A list's
    /// rows are about as wide as each other, so a new row is given the row above's width at
    /// once; grown cell by cell, vectors end up to half unused (a third of the grid's memory
    /// on a 60,000-line list). A row outgrowing its vector doubles it, as a vector would.
    fn row_capacity(&self, r: usize, c: usize, capacity: usize) -> usize {
        if c < capacity {
            capacity
        } else if capacity == 0 {
            let above = r
                .checked_sub(1)
                .and_then(|a| self.rows.get(a))
                .map_or(0, Vec::len);
            above.max(c + 1)
        } else {
            (2 * capacity).max(c + 1)
        }
    }

    /// Notes that the sheet has a cell (perhaps empty, with a border) in `row`.
    fn mark_used(&mut self, row: u32) {
        if row < MAX_ROWS {
            self.used_rows = self.used_rows.max(row as usize + 1);
        }
    }

    /// Number of rows up to the last one holding anything.
    pub(crate) fn height(&self) -> usize {
        self.rows.len()
    }

    /// The cells of row `row` (absolute, 0-based); empty beyond the data.
    pub(crate) fn row(&self, row: usize) -> &[Value<'a>] {
        self.rows.get(row).map(Vec::as_slice).unwrap_or(&[])
    }

    /// One cell (absolute, 0-based).
    pub(crate) fn cell(&self, row: usize, col: usize) -> &Value<'a> {
        self.row(row).get(col).unwrap_or(&EMPTY)
    }

    /// The widest row's width.
    pub(crate) fn width(&self, rows: std::ops::Range<usize>) -> usize {
        rows.map(|r| self.row(r).len()).max().unwrap_or(0)
    }

    /// Gives every cell of a vertically merged region the value of its top cell, for regions
    /// that start at or below `from_row` (the data rows): `docs/workbook.md` says a merged
    /// enterprise cell belongs to every row it covers. Only the region's first column is
    /// filled, so a merge across columns does not copy text into neighbouring numeric columns.
    ///
    /// A merge is clipped to the sheet's used range (the rows that have any cell, values or
    /// empty bordered ones): an enterprise cell merged down to the sheet's last row does not
    /// make a million empty sources, and a merge with an absurd row range costs nothing; a
    /// bordered blank line under an enterprise, as export writes it, is kept.
    pub(crate) fn spread_vertical_merges(&mut self, from_row: usize) {
        let merges = std::mem::take(&mut self.merges);
        let last = self.height().max(self.used_rows).saturating_sub(1);
        for m in &merges {
            let (top, col) = (m.start.0 as usize, m.start.1 as usize);
            if top < from_row || m.end.0 == m.start.0 || top >= last {
                continue;
            }
            let v = self.cell(top, col).clone();
            if v.is_blank() {
                continue;
            }
            for r in top + 1..=(m.end.0 as usize).min(last) {
                if self.cell(r, col).is_blank() {
                    self.put(r as u32, col as u32, v.clone());
                }
            }
        }
        self.merges = merges;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_cells_at_absolute_positions() {
        let mut range = Range::new((3, 2), (4, 3));
        range.set_value((3, 2), Data::String("企业名称".into()));
        range.set_value((4, 3), Data::Float(1.5));
        let g = Grid::from_range("s", &range, Vec::new());
        assert_eq!(g.cell(3, 2).text(), "企业名称");
        assert_eq!(
            g.cell(4, 3),
            &Value::Number {
                value: 1.5,
                percent: false
            }
        );
        assert!(g.cell(0, 0).is_blank());
        assert_eq!(g.height(), 5);
    }

    #[test]
    fn spreads_vertical_merges_down_the_first_column() {
        let mut g = Grid::new(
            "s",
            vec![
                Dimensions::new((2, 0), (4, 1)),
                Dimensions::new((0, 0), (1, 0)),
            ],
        );
        g.put(0, 0, Value::Text("表头".into()));
        g.put(2, 0, Value::Text("甲公司".into()));
        g.put(4, 2, Value::Text("3#窑".into()));
        g.spread_vertical_merges(2);
        assert_eq!(g.cell(4, 0).text(), "甲公司");
        assert!(g.cell(3, 1).is_blank());
        assert!(g.cell(1, 0).is_blank(), "header merges are left alone");
    }

    #[test]
    fn refuses_references_past_excel_limits_without_allocating() {
        let mut g = Grid::new("s", Vec::new());
        g.put(1_999_999_999, 0, Value::Text("远".into()));
        assert_eq!(
            g.overflow,
            Some(Overflow::OutOfBounds {
                row: 1_999_999_999,
                col: 0
            })
        );
        assert_eq!(g.height(), 0);
    }

    #[test]
    fn refuses_a_sheet_too_sparse_to_hold() {
        let mut g = Grid::new("s", Vec::new());
        for r in 0..20_000 {
            g.put(r, MAX_COLS - 1, Value::Text("x".into()));
        }
        assert!(matches!(g.overflow, Some(Overflow::TooSparse { .. })));
        assert!(g.slots <= SLACK_SLOTS + SLOTS_PER_CELL * g.cells);
    }

    /// Three words: a 60,000-line list's grid holds millions of values.
    #[test]
    fn a_value_is_three_words() {
        assert_eq!(std::mem::size_of::<Value<'_>>(), 24);
    }

    #[test]
    fn a_new_row_gets_the_width_of_the_row_above_at_once() {
        let mut g = Grid::new("s", Vec::new());
        for r in 0..3 {
            for c in 0..40 {
                g.put(r, c, Value::Text("x".into()));
            }
        }
        assert_eq!(
            g.rows[0].capacity(),
            64,
            "the first row grows as a vector does"
        );
        assert_eq!(g.rows[1].capacity(), 40);
        assert_eq!(g.rows[2].capacity(), 40);
        let allocated: usize = g.rows.iter().map(Vec::capacity).sum();
        assert_eq!(
            g.slots,
            g.rows.len() + allocated,
            "slots count what is allocated"
        );
    }

    #[test]
    fn one_stray_far_cell_does_not_make_a_list_too_sparse() {
        let mut g = Grid::new("s", Vec::new());
        g.put(0, MAX_COLS - 1, Value::Text("批注".into()));
        for r in 1..60_000 {
            for c in 0..20 {
                g.put(
                    r,
                    c,
                    Value::Number {
                        value: 1.0,
                        percent: false,
                    },
                );
            }
        }
        assert_eq!(g.overflow, None);
        assert_eq!(
            g.rows[1].capacity(),
            MAX_COLS as usize,
            "once, below the stray cell"
        );
        assert_eq!(g.rows[2].capacity(), 20);
    }

    #[test]
    fn merges_are_deduplicated_and_clipped_to_the_data() {
        let m = Dimensions::new((1, 0), (MAX_ROWS - 1, 0));
        let mut g = Grid::new("s", vec![m; 20_000]);
        assert_eq!(g.merges.len(), 1);
        g.put(1, 0, Value::Text("甲公司".into()));
        g.put(3, 1, Value::Text("1#窑".into()));
        g.spread_vertical_merges(1);
        assert_eq!(g.height(), 4, "no row beyond the data is made");
        assert_eq!(g.cell(3, 0).text(), "甲公司");
    }

    #[test]
    fn names_columns_as_excel_does() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(MAX_COLS - 1), "XFD");
    }

    #[test]
    fn shows_numbers_as_typed() {
        assert_eq!(number_text(30.0), "30");
        assert_eq!(number_text(0.25), "0.25");
    }
}
