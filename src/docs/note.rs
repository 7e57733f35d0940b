//! The calculation note (测算说明) as a Word document.
//!
//! An area that cannot reach a target must hand in a detailed note with its list
//! (`docs/documents.md`). The content is [`crate::export::note::calculation_note`] — the same sections
//! the submission workbook writes as its 测算说明 sheet — so sheet and document always agree;
//! this module only typesets it: the title, sections numbered 一、二、…, paragraphs, and
//! captioned tables whose columns are as wide as their text needs.

use std::path::Path;

use docx_rs::{Docx, LineSpacing};

use crate::export::note::{calculation_note_with, Block, CalcNote, Table};
use crate::model::{List, NoteRequest, PerLevel};

use super::typeset::{self, size};
use super::DocError;

/// Page margin of the note (2.2 cm).
const MARGIN: i32 = 1247;
/// Usable width of the A4 portrait page.
const WIDTH: usize = (typeset::A4.0 as i32 - 2 * MARGIN) as usize;

/// Writes the calculation note of `list` to `path`.
///
/// # Errors
/// Write errors only: a list without baseline still gets a note that says so.
pub fn write_note(list: &List, path: &Path) -> Result<(), DocError> {
    write_note_with(list, &PerLevel::from_fn(|_| None), path)
}

/// Writes the calculation note with the county's stated reasons and requested ratios.
///
/// # Errors
/// Write errors only.
pub fn write_note_with(
    list: &List,
    requests: &PerLevel<Option<NoteRequest>>,
    path: &Path,
) -> Result<(), DocError> {
    write_sections(&calculation_note_with(list, requests), path)
}

/// Typesets any content in the note's shape (title, numbered sections of paragraphs and
/// captioned tables) to `path`: the calculation note, and the 修订说明 of `diff`
/// ([`crate::revision::note`]), which a county files alongside it.
///
/// # Errors
/// Write errors only.
pub fn write_sections(note: &CalcNote, path: &Path) -> Result<(), DocError> {
    let mut docx = typeset::new_document(typeset::A4, false, MARGIN).add_paragraph(
        typeset::title(&note.title, size::ERHAO).line_spacing(LineSpacing::new().after(360)),
    );
    for (i, section) in note.sections.iter().enumerate() {
        docx = docx.add_paragraph(typeset::heading1(&format!(
            "{}、{}",
            typeset::numeral(i + 1),
            section.heading
        )));
        for block in &section.blocks {
            docx = match block {
                Block::Paragraph(text) => docx.add_paragraph(typeset::body(text)),
                Block::Table(t) => add_table(docx, t),
            };
        }
    }
    typeset::save(docx, path)
}

/// A captioned table; wide tables get the smaller type.
fn add_table(docx: Docx, t: &Table) -> Docx {
    let sz = if t.header.len() > 5 {
        size::XIAOWU
    } else {
        size::WUHAO
    };
    let mut rows = Vec::with_capacity(t.rows.len() + 1);
    rows.push(t.header.clone());
    rows.extend(t.rows.iter().cloned());
    let widths = column_widths(&rows, WIDTH);
    docx.add_paragraph(
        typeset::title(&t.caption, size::WUHAO)
            .keep_next(true)
            .line_spacing(LineSpacing::new().before(120)),
    )
    .add_table(typeset::grid(&widths, &rows, 1, sz))
    .add_paragraph(docx_rs::Paragraph::new())
}

/// Column widths summing to `total`, in proportion to each column's longest text (in em,
/// capped at 24 so one long cell does not starve the others) with a floor of 2 em.
fn column_widths(rows: &[Vec<String>], total: usize) -> Vec<usize> {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let need: Vec<f64> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|t| ems(t))
                .fold(2.0, f64::max)
                .min(24.0)
        })
        .collect();
    let sum: f64 = need.iter().sum();
    let mut widths: Vec<usize> = need
        .iter()
        .map(|n| (n / sum * total as f64).floor() as usize)
        .collect();
    let used: usize = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last += total - used;
    }
    widths
}

/// Display width in em: CJK characters 1, others 0.6.
fn ems(text: &str) -> f64 {
    text.chars()
        .map(|c| if (c as u32) < 0x2E80 { 0.6 } else { 1.0 })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_text_and_fill_the_page() {
        let rows = vec![
            vec!["序号".to_string(), "企业名称".to_string()],
            vec![
                "1".to_string(),
                "示例水泥有限公司示例水泥有限公司".to_string(),
            ],
        ];
        let w = column_widths(&rows, 9000);
        assert_eq!(w.iter().sum::<usize>(), 9000);
        assert!(w[1] > 3 * w[0]);
    }
}
