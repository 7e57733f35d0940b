//! Typesetting shared by the three documents: page sizes, Chinese fonts, headings, tables,
//! and writing the package.
//!
//! Fonts follow Chinese government document practice: 宋体 for body text, 黑体 for headings.
//! Runs name them by their family names SimSun and SimHei, which Word and WPS show as 宋体 and
//! 黑体, and which LibreOffice's substitution table maps to Noto Serif / Sans CJK on Linux
//! (with the Chinese names LibreOffice falls back to a sans face for body text, measured
//! with `pdffonts`). docx-rs writes a fixed font table (Times New Roman, Symbol, Arial), so
//! [`save`] replaces it with one that declares SimSun/SimHei with their Chinese names as
//! alternates, 宋体/黑体 themselves, and the Noto CJK faces, so that every office suite finds a
//! Chinese face instead of drawing boxes.

use std::io::Cursor;
use std::path::Path;

use docx_rs::{
    AlignmentType, BreakType, Docx, LineSpacing, PageMargin, PageOrientationType, Paragraph, Run,
    RunFonts, Shading, SpecialIndentType, Style, StyleType, Table, TableCell, TableLayoutType,
    TableRow, VAlignType, WidthType,
};

use super::DocError;

/// A4 portrait in twips (210 × 297 mm).
pub const A4: (u32, u32) = (11906, 16838);
/// A3 landscape in twips (420 × 297 mm), as Word writes it.
pub const A3_LANDSCAPE: (u32, u32) = (23811, 16838);

/// Font sizes in half-points, by their Chinese names.
pub mod size {
    /// 小初 (36 pt): the board's title.
    pub const XIAOCHU: usize = 72;
    /// 二号 (22 pt): a cover's title.
    pub const ERHAO: usize = 44;
    /// 三号 (16 pt): first-level headings.
    pub const SANHAO: usize = 32;
    /// 四号 (14 pt): second-level headings.
    pub const SIHAO: usize = 28;
    /// 小四 (12 pt): body text.
    pub const XIAOSI: usize = 24;
    /// 五号 (10.5 pt): tables.
    pub const WUHAO: usize = 21;
    /// 小五 (9 pt): wide tables.
    pub const XIAOWU: usize = 18;
}

/// Body face: 宋体 (SimSun) for Chinese, Times New Roman for Latin letters and digits.
pub fn body_fonts() -> RunFonts {
    RunFonts::new()
        .east_asia("SimSun")
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .cs("Times New Roman")
        .hint("eastAsia")
}

/// Heading face: 黑体 (SimHei).
pub fn heading_fonts() -> RunFonts {
    RunFonts::new()
        .east_asia("SimHei")
        .ascii("Arial")
        .hi_ansi("Arial")
        .cs("Arial")
        .hint("eastAsia")
}

/// A new document with the page, margins, fonts and heading styles every document shares.
/// `margin` is in twips on all four sides.
pub fn new_document(page: (u32, u32), landscape: bool, margin: i32) -> Docx {
    let mut docx = Docx::new().page_size(page.0, page.1).page_margin(
        PageMargin::new()
            .top(margin)
            .bottom(margin)
            .left(margin)
            .right(margin)
            .header(567)
            .footer(567),
    );
    if landscape {
        docx = docx.page_orient(PageOrientationType::Landscape);
    }
    docx.default_fonts(body_fonts())
        .default_size(size::XIAOSI)
        .add_style(heading_style("Heading1", "heading 1", size::SANHAO, 0))
        .add_style(heading_style("Heading2", "heading 2", size::SIHAO, 1))
}

fn heading_style(id: &str, name: &str, sz: usize, level: usize) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next("Normal")
        .fonts(heading_fonts())
        .size(sz)
        .outline_lvl(level)
        .line_spacing(LineSpacing::new().before(240).after(120))
}

/// Removes characters XML 1.0 cannot carry (control characters pasted from Excel).
pub fn clean(s: &str) -> String {
    s.chars()
        .filter(|&c| c == '\t' || c == '\n' || !c.is_control())
        .collect()
}

/// A run of body text; line breaks in `text` become breaks in the run.
pub fn run(text: &str) -> Run {
    let mut r = Run::new().fonts(body_fonts());
    for (i, line) in clean(text).split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(BreakType::TextWrapping);
        }
        r = r.add_text(line);
    }
    r
}

/// A body paragraph with the customary two-character first-line indent.
pub fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text))
        .indent(None, Some(SpecialIndentType::FirstLine(480)), None, None)
        .first_line_chars(200)
        .line_spacing(LineSpacing::new().after(60))
}

/// A first-level heading: 一、… in 黑体 三号.
pub fn heading1(text: &str) -> Paragraph {
    Paragraph::new()
        .style("Heading1")
        .keep_next(true)
        .add_run(run(text).fonts(heading_fonts()).size(size::SANHAO))
}

/// A second-level heading: （一）… in 黑体 四号.
pub fn heading2(text: &str) -> Paragraph {
    Paragraph::new()
        .style("Heading2")
        .keep_next(true)
        .add_run(run(text).fonts(heading_fonts()).size(size::SIHAO))
}

/// A centred title in 黑体 of the given size.
pub fn title(text: &str, sz: usize) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Center)
        .add_run(run(text).fonts(heading_fonts()).size(sz))
}

/// An empty paragraph that starts a new page.
pub fn page_break() -> Paragraph {
    Paragraph::new().add_run(Run::new().add_break(BreakType::Page))
}

/// The Chinese numeral for a heading counter (1 → 一, 12 → 十二).
pub fn numeral(n: usize) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[n - 10]),
        20..=99 if n.is_multiple_of(10) => format!("{}十", D[n / 10]),
        20..=99 => format!("{}十{}", D[n / 10], D[n % 10]),
        _ => n.to_string(),
    }
}

/// Background of header cells; [`save`] marks rows starting with such a cell as header rows
/// that repeat on every page a table spans.
const HEADER_FILL: &str = "D9D9D9";

/// How a table cell looks.
#[derive(Clone, Copy, Debug)]
pub struct CellStyle {
    /// Font size in half-points.
    pub size: usize,
    /// Heading text (header cells): 黑体, which Chinese forms use instead of bold 宋体.
    pub bold: bool,
    /// Centred text.
    pub center: bool,
    /// Background colour as RRGGBB.
    pub fill: Option<&'static str>,
    /// Text at the top of the cell instead of centred vertically.
    pub top: bool,
}

impl CellStyle {
    /// Ordinary left-aligned text at `size`.
    pub const fn text(size: usize) -> Self {
        CellStyle {
            size,
            bold: false,
            center: false,
            fill: None,
            top: false,
        }
    }

    /// A grey, bold, centred header cell at `size`.
    pub const fn header(size: usize) -> Self {
        CellStyle {
            size,
            bold: true,
            center: true,
            fill: Some(HEADER_FILL),
            top: false,
        }
    }

    /// The same, centred.
    pub const fn centered(self) -> Self {
        CellStyle {
            center: true,
            ..self
        }
    }

    /// The same, at the top of the cell.
    pub const fn at_top(self) -> Self {
        CellStyle { top: true, ..self }
    }

    /// The same, on `fill`.
    pub const fn on(self, fill: &'static str) -> Self {
        CellStyle {
            fill: Some(fill),
            ..self
        }
    }
}

/// A table cell `width` twips wide holding `text` (one paragraph per line).
pub fn cell(text: &str, width: usize, style: CellStyle) -> TableCell {
    let valign = if style.top {
        VAlignType::Top
    } else {
        VAlignType::Center
    };
    let mut c = TableCell::new()
        .width(width, WidthType::Dxa)
        .vertical_align(valign);
    for line in clean(text).split('\n') {
        let mut r = run(line).size(style.size);
        if style.bold {
            r = r.fonts(heading_fonts());
        }
        let mut p = Paragraph::new().add_run(r);
        if style.center {
            p = p.align(AlignmentType::Center);
        }
        c = c.add_paragraph(p);
    }
    if let Some(fill) = style.fill {
        c = c.shading(Shading::new().fill(fill).color("auto"));
    }
    c
}

/// A fixed-layout table with the given column widths (twips); `rows` hold one text per
/// column, the first `header_rows` of them styled as headers.
pub fn grid(widths: &[usize], rows: &[Vec<String>], header_rows: usize, sz: usize) -> Table {
    let body_rows = rows.iter().enumerate().map(|(i, row)| {
        let style = if i < header_rows {
            CellStyle::header(sz)
        } else {
            CellStyle::text(sz)
        };
        let cells = row
            .iter()
            .zip(widths)
            .map(|(t, &w)| cell(t, w, style))
            .collect();
        TableRow::new(cells).cant_split()
    });
    fixed_table(widths, body_rows.collect())
}

/// A fixed-layout, full-width table from ready rows.
pub fn fixed_table(widths: &[usize], rows: Vec<TableRow>) -> Table {
    Table::new(rows)
        .set_grid(widths.to_vec())
        .layout(TableLayoutType::Fixed)
        .width(widths.iter().sum(), WidthType::Dxa)
}

/// The font table written instead of docx-rs's fixed one (see the module docs).
const FONT_TABLE: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
    r#"<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/>"#,
    r#"<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>"#,
    r#"<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/>"#,
    r#"<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
    r#"<w:font w:name="SimSun"><w:altName w:val="宋体"/><w:panose1 w:val="02010600030101010101"/>"#,
    r#"<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>"#,
    r#"<w:font w:name="SimHei"><w:altName w:val="黑体"/><w:panose1 w:val="02010609060101010101"/>"#,
    r#"<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
    r#"<w:font w:name="Noto Serif CJK SC"><w:charset w:val="86"/><w:family w:val="roman"/>"#,
    r#"<w:pitch w:val="variable"/></w:font>"#,
    r#"<w:font w:name="Noto Sans CJK SC"><w:charset w:val="86"/><w:family w:val="swiss"/>"#,
    r#"<w:pitch w:val="variable"/></w:font>"#,
    r#"<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/>"#,
    r#"<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>"#,
    r#"<w:font w:name="Arial"><w:panose1 w:val="020B0604020202020204"/>"#,
    r#"<w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>"#,
    r#"</w:fonts>"#
);

/// Packs `docx` with the Chinese font table and writes it to `path`.
///
/// # Errors
/// [`DocError::Package`] when the package cannot be assembled, [`DocError::Write`] when the
/// file cannot be written.
pub fn save(docx: Docx, path: &Path) -> Result<(), DocError> {
    let mut parts = docx.build();
    parts.font_table = FONT_TABLE.as_bytes().to_vec();
    if let Ok(xml) = std::str::from_utf8(&parts.document) {
        parts.document = repeat_header_rows(xml).into_bytes();
    }
    if let Ok(xml) = std::str::from_utf8(&parts.styles) {
        parts.styles = declare_chinese(xml).into_bytes();
    }
    let mut buf = Cursor::new(Vec::new());
    parts.pack(&mut buf).map_err(|e| DocError::Package {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    crate::files::write_atomic(path, &buf.into_inner()).map_err(|source| DocError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// Declares the text as Simplified Chinese in the document defaults (docx-rs has no
/// `w:lang`). Without it LibreOffice substitutes the Japanese variant of the CJK face for 宋体,
/// which draws some characters in their Japanese forms.
fn declare_chinese(styles: &str) -> String {
    styles.replacen(
        "</w:rPr></w:rPrDefault>",
        r#"<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA" /></w:rPr></w:rPrDefault>"#,
        1,
    )
}

/// Marks every table row whose first cell has the header background as a repeating header
/// row (`w:tblHeader`), which docx-rs cannot express: long tables of the plan and the note
/// then show their column headings on every page.
fn repeat_header_rows(xml: &str) -> String {
    const ROW: &str = "<w:tr>";
    let header_fill = format!("w:fill=\"{HEADER_FILL}\"");
    let mut out = String::with_capacity(xml.len() + 4096);
    let mut rest = xml;
    while let Some(i) = rest.find(ROW) {
        out.push_str(&rest[..i]);
        let row = &rest[i + ROW.len()..];
        let row_end = row.find("</w:tr>").unwrap_or(row.len());
        let first_cell = row[..row_end].find("</w:tc>").unwrap_or(0);
        out.push_str(ROW);
        rest = row;
        if row[..first_cell].contains(&header_fill) {
            match row.strip_prefix("<w:trPr>") {
                Some(after) => {
                    out.push_str("<w:trPr><w:tblHeader />");
                    rest = after;
                }
                None => out.push_str("<w:trPr><w:tblHeader /></w:trPr>"),
            }
        }
    }
    out.push_str(rest);
    out
}

/// A file name from a document's subject: characters Windows forbids and control characters
/// become "_", surrounding dots and spaces go, and an empty result becomes "未命名".
pub fn file_name(subject: &str) -> String {
    let s: String = subject
        .trim()
        .chars()
        .map(|c| {
            if c.is_control() || "\\/:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let s = s.trim_matches(|c: char| c == '.' || c.is_whitespace());
    if s.is_empty() {
        "未命名".to_string()
    } else {
        s.chars().take(100).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        assert_eq!(numeral(1), "一");
        assert_eq!(numeral(6), "六");
        assert_eq!(numeral(10), "十");
        assert_eq!(numeral(14), "十四");
        assert_eq!(numeral(20), "二十");
        assert_eq!(numeral(23), "二十三");
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(file_name("甲/乙:丙*公司"), "甲_乙_丙_公司");
        assert_eq!(file_name(" .. "), "未命名");
        assert_eq!(file_name("a\u{0}b"), "a_b");
    }

    #[test]
    fn header_rows_repeat() {
        let xml = concat!(
            r#"<w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr><w:tc><w:tcPr><w:shd w:fill="D9D9D9" /></w:tcPr></w:tc></w:tr>"#,
            r#"<w:tr><w:tc><w:tcPr><w:shd w:fill="D9D9D9" /></w:tcPr></w:tc></w:tr>"#,
            r#"<w:tr><w:tc><w:tcPr /><w:p/></w:tc><w:tc><w:tcPr><w:shd w:fill="D9D9D9" /></w:tcPr></w:tc></w:tr></w:tbl>"#
        );
        let out = repeat_header_rows(xml);
        assert_eq!(out.matches("<w:tblHeader />").count(), 2);
        assert!(out.starts_with("<w:tbl><w:tr><w:trPr><w:tblHeader /><w:cantSplit />"));
        assert!(out.contains("<w:tr><w:trPr><w:tblHeader /></w:trPr><w:tc>"));
    }

    #[test]
    fn clean_drops_control_characters() {
        assert_eq!(clean("a\u{1}b\nc"), "ab\nc");
    }
}
