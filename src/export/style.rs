//! Cell formats, built once per workbook and passed by reference (a `Format` clone per cell
//! would cost more than writing the cell), and the column-width estimate.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

use super::columns::NumberStyle;

/// Every format the exporter uses.
pub(crate) struct Styles {
    /// Sheet title: large, bold, centred over the table.
    pub title: Format,
    /// Header cells: bold, centred, wrapped, shaded.
    pub header: Format,
    /// Plain text cells.
    pub text: Format,
    /// Text cells merged over several rows: vertically centred.
    pub merged: Format,
    /// Bordered text that wraps (tables of the 测算说明 and 填表说明).
    pub wrapped: Format,
    /// Paragraph text of the 测算说明 and 填表说明: wrapped, top-aligned, no border.
    pub paragraph: Format,
    /// Section headings of the 测算说明.
    pub heading: Format,
    /// Four decimals.
    pub fixed4: Format,
    /// Six decimals (t/d).
    pub fixed6: Format,
    /// Percent numbers with two decimals (30.00 for 30 %).
    pub percent: Format,
    /// Fractions shown as percentages (0.3 as 30.00%).
    pub fraction_percent: Format,
    /// Whole numbers.
    pub whole: Format,
    /// A passed check (✓ 达标): green.
    pub pass: Format,
    /// A failed check (✗ 未达标): red.
    pub fail: Format,
}

impl Styles {
    /// Builds the formats.
    pub(crate) fn new() -> Styles {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        Styles {
            title: Format::new()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xDDEBF7)),
            text: cell.clone(),
            merged: cell.clone().set_align(FormatAlign::VerticalCenter),
            wrapped: cell.clone().set_text_wrap(),
            paragraph: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            heading: Format::new().set_bold().set_font_size(12),
            fixed4: cell.clone().set_num_format("0.0000"),
            fixed6: cell.clone().set_num_format("0.000000"),
            percent: cell.clone().set_num_format("0.00"),
            fraction_percent: cell.clone().set_num_format("0.00%"),
            whole: cell.clone().set_num_format("0"),
            pass: cell
                .clone()
                .set_font_color(Color::RGB(0x006100))
                .set_background_color(Color::RGB(0xC6EFCE)),
            fail: cell
                .set_font_color(Color::RGB(0x9C0006))
                .set_background_color(Color::RGB(0xFFC7CE)),
        }
    }

    /// The format of a number style.
    pub(crate) fn number(&self, style: NumberStyle) -> &Format {
        match style {
            NumberStyle::Fixed4 => &self.fixed4,
            NumberStyle::Fixed6 => &self.fixed6,
            NumberStyle::Percent => &self.percent,
            NumberStyle::FractionPercent => &self.fraction_percent,
            NumberStyle::Whole => &self.whole,
        }
    }
}

/// Display width of a text in Excel's character units: CJK and other wide characters count
/// 2, everything else 1. Only the longest line of a wrapped text counts.
pub(crate) fn text_width(text: &str) -> usize {
    if text.is_ascii() && !text.contains('\n') {
        return text.len();
    }
    text.lines()
        .map(|line| line.chars().map(char_width).sum())
        .max()
        .unwrap_or(0)
}

fn char_width(c: char) -> usize {
    let u = c as u32;
    let wide = matches!(u,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
    if wide {
        2
    } else {
        1
    }
}

/// The width a number shows with in its style (for column widths).
pub(crate) fn number_width(v: f64, style: NumberStyle) -> usize {
    let digits = if v.abs() >= 1.0 {
        (v.abs().log10().floor() as usize) + 1
    } else {
        1
    };
    let decimals = match style {
        NumberStyle::Fixed4 => 5,
        NumberStyle::Fixed6 => 7,
        NumberStyle::Percent => 3,
        NumberStyle::FractionPercent => return 8,
        NumberStyle::Whole => 0,
    };
    digits + decimals + usize::from(v < 0.0)
}

/// Tracks the widest cell of every column while rows are written; set once at the end.
pub(crate) struct Widths {
    widths: Vec<usize>,
}

impl Widths {
    /// Starts every column at `min` characters.
    pub(crate) fn new(columns: usize, min: usize) -> Widths {
        Widths {
            widths: vec![min; columns],
        }
    }

    /// Notes a cell of `width` characters in column `col`.
    pub(crate) fn note(&mut self, col: usize, width: usize) {
        if let Some(w) = self.widths.get_mut(col) {
            if width > *w {
                *w = width;
            }
        }
    }

    /// Notes a text cell in column `col`. A text's display width is never more than its
    /// length in UTF-8 bytes (a wide character takes 3 or 4 bytes and counts 2), so once the
    /// column is at least that wide the text cannot widen it and is not measured: at 60,000
    /// rows most cells are skipped this way.
    pub(crate) fn note_text(&mut self, col: usize, text: &str) {
        if self.widths.get(col).is_some_and(|w| text.len() > *w) {
            self.note(col, text_width(text));
        }
    }

    /// The final widths, capped so one long text cannot make a column unusable.
    pub(crate) fn finish(&self, max: usize) -> impl Iterator<Item = (u16, f64)> + '_ {
        self.widths
            .iter()
            .enumerate()
            .map(move |(i, &w)| (i as u16, (w.min(max) + 2) as f64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_counts_double() {
        assert_eq!(text_width("abc"), 3);
        assert_eq!(text_width("企业名称"), 8);
        assert_eq!(text_width("A级（引领性）"), 13);
        assert_eq!(text_width("短\n很长的一行"), 10);
    }

    #[test]
    fn text_widths_skip_only_what_cannot_widen() {
        let mut w = Widths::new(1, 6);
        w.note_text(0, "企业"); // 6 bytes, width 4: no change
        w.note_text(0, "企业名称"); // width 8
        w.note_text(0, "abcdefg"); // 7 bytes ≤ 8: skipped, and could not widen
        w.note_text(0, "\u{20000}\u{20000}\u{20000}\u{20000}\u{20000}"); // 20 bytes, width 10
        assert_eq!(w.finish(40).collect::<Vec<_>>(), vec![(0, 12.0)]);
    }

    #[test]
    fn number_widths() {
        assert_eq!(number_width(123.4, NumberStyle::Fixed4), 8);
        assert_eq!(number_width(0.5, NumberStyle::Percent), 4);
        assert_eq!(number_width(365.0, NumberStyle::Whole), 3);
    }
}
