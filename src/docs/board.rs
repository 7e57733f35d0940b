//! 公示牌 notice boards: one A3 landscape page posted at the enterprise's or site's gate, with
//! exactly the fields of Pingdingshan 4.2.1(6) / Jiaozuo and the three levels' measures side
//! by side on yellow, orange and red.
//!
//! A board must stay one page however many lines an enterprise has: sources with the same
//! measure share one line ("1#线、2#线：停产"), the font shrinks step by step from 三号 to
//! 6 pt until the longest column fits, and only when even that fails are the last lines
//! replaced by a pointer to the operation plan.

use std::path::{Path, PathBuf};

use std::collections::HashSet;

use docx_rs::{Docx, HeightRule, LineSpacing, Paragraph, TableRow};
use serde::Serialize;
use ts_rs::TS;

use crate::model::{Level, List, PerLevel};

use super::batch;
use super::content::{self, Board, BoardContent, BoardField};
use super::fill::Filler;
use super::typeset::{self, cell, CellStyle};
use super::{DocError, Missing};

/// The board's heading.
pub const BOARD_TITLE: &str = "重污染天气应急减排措施公示牌";

/// Page margin of the board (15 mm).
const MARGIN: i32 = 850;
/// Usable width of the A3 landscape page.
const WIDTH: usize = (typeset::A3_LANDSCAPE.0 as i32 - 2 * MARGIN) as usize;
/// Usable height of the page.
const HEIGHT: usize = (typeset::A3_LANDSCAPE.1 as i32 - 2 * MARGIN) as usize;
/// Width of a field's label column (18 % of the page width).
const LABEL_WIDTH: usize = WIDTH * 9 / 50;
/// Default left + right cell padding (Word's 0.08" each side).
const CELL_PADDING: usize = 216;
/// A line's height as a multiple of the font size. Noto CJK, which LibreOffice substitutes
/// for 宋体 on Linux, is the tallest of the faces in play (≈ 1.45 em); 1.5 leaves room.
const LINE_FACTOR: f64 = 1.5;
/// Font sizes tried for the fields and measures, in half-points, largest first: 二号 down to
/// 8 pt, the smallest still legible on a board read standing at the gate.
const SIZES: [usize; 8] = [44, 36, 32, 28, 24, 21, 18, 16];

/// The level's header colour and the lighter tint of its measure cell.
fn level_colours(level: Level) -> (&'static str, &'static str) {
    match level {
        Level::Yellow => ("FFFF00", "FFFDE0"),
        Level::Orange => ("FFA500", "FFEBCC"),
        Level::Red => ("FF0000", "FFE0E0"),
    }
}

/// The response grade printed under each level's name.
fn response(level: Level) -> &'static str {
    match level {
        Level::Yellow => "Ⅲ级响应",
        Level::Orange => "Ⅱ级响应",
        Level::Red => "Ⅰ级响应",
    }
}

/// A board's content as format-free data: what the Word board prints, for a screen that
/// renders it itself (the desktop app's printable preview), so the words exist once.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BoardPreview {
    /// The heading ([`BOARD_TITLE`]).
    pub title: String,
    /// The fields in the order of the board; a blank required one reads 【待补充】.
    pub fields: Vec<BoardField>,
    /// Yellow, orange and red, in that order.
    pub levels: Vec<BoardLevel>,
    /// The required fields shown as 【待补充】, in board order.
    pub missing: Vec<String>,
}

/// One level's column of a board.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BoardLevel {
    /// Which level.
    pub level: Level,
    /// 黄色预警 …
    pub name: String,
    /// Ⅲ级响应 …
    pub response: String,
    /// One line per group of sources with the same measure.
    pub lines: Vec<String>,
}

impl BoardPreview {
    fn of(board: BoardContent, fill: Filler) -> BoardPreview {
        BoardPreview {
            title: BOARD_TITLE.to_string(),
            fields: board.fields,
            levels: Level::ALL
                .into_iter()
                .map(|l| BoardLevel {
                    level: l,
                    name: l.name_zh().to_string(),
                    response: response(l).to_string(),
                    lines: board.levels.get(l).clone(),
                })
                .collect(),
            missing: fill.finish().into_iter().map(|m| m.field).collect(),
        }
    }
}

/// The board of the enterprise with credit code (or name) `code`, as data.
///
/// # Errors
/// [`DocError::UnknownEnterprise`] when the list has no such enterprise.
pub fn enterprise_board_preview(list: &List, code: &str) -> Result<BoardPreview, DocError> {
    let e = content::find_enterprise(list, code)?;
    let mut fill = Filler::default();
    let board = content::enterprise_board(list, e, &mut fill);
    Ok(BoardPreview::of(board, fill))
}

/// The board of the construction site named `site_name`, as data.
///
/// # Errors
/// [`DocError::UnknownSite`] when the list has no such site.
pub fn site_board_preview(list: &List, site_name: &str) -> Result<BoardPreview, DocError> {
    let site = content::find_site(list, site_name)?;
    let mut fill = Filler::default();
    let board = content::site_board(site, &mut fill);
    Ok(BoardPreview::of(board, fill))
}

/// Writes the notice board of the enterprise with credit code (or name) `code`.
///
/// Returns the required fields that were empty and show as 【待补充】.
///
/// # Errors
/// [`DocError::UnknownEnterprise`] when the list has no such enterprise; write errors.
pub fn write_enterprise_board(
    list: &List,
    code: &str,
    path: &Path,
) -> Result<Vec<Missing>, DocError> {
    let board = content::board_of_enterprise(list, code)?;
    typeset::save(board_document(&board.content), path)?;
    Ok(board.missing)
}

/// Writes the notice board of the construction site (扬尘源) named `site_name`.
///
/// # Errors
/// [`DocError::UnknownSite`] when the list has no such site; write errors.
pub fn write_site_board(
    list: &List,
    site_name: &str,
    path: &Path,
) -> Result<Vec<Missing>, DocError> {
    let board = content::board_of_site(list, site_name)?;
    typeset::save(board_document(&board.content), path)?;
    Ok(board.missing)
}

/// Every board of the list, with the name its file is given: each enterprise of the
/// industrial sheet (shut-down ones included, their board says 长期停产: the county decides
/// what to post), each enterprise found only on the 移动源 sheet (a transport board), and
/// each site once.
pub fn all_boards(list: &List) -> Vec<(String, Board)> {
    let mut out = Vec::new();
    for e in &list.enterprises {
        let mut fill = Filler::default();
        let content = content::enterprise_board(list, e, &mut fill);
        out.push((e.name.clone(), e.code.clone(), content, fill));
    }
    for f in content::fleets_without_enterprise(list) {
        let mut fill = Filler::default();
        let content = content::fleet_board(f, &mut fill);
        out.push((f.name.clone(), f.code.clone(), content, fill));
    }
    for s in content::distinct_sites(list) {
        let mut fill = Filler::default();
        let content = content::site_board(s, &mut fill);
        out.push((s.name.clone(), String::new(), content, fill));
    }
    let mut used = HashSet::new();
    out.into_iter()
        .map(|(name, code, content, fill)| {
            let file = batch::unique_name(&mut used, &name, &code, "公示牌");
            (
                file,
                Board {
                    content,
                    missing: fill.finish(),
                },
            )
        })
        .collect()
}

/// Writes every board of [`all_boards`] into `dir` (created when missing), one file each,
/// named `<name>-公示牌.docx` (a second of the same name gets its credit code, else a
/// number, appended; a name longer than a file name may be is cut, by bytes, to fit).
/// `progress(done, total, name)` is called after each file so a front end can show a bar.
///
/// One board that cannot be written does not stop the others: every board is attempted, and
/// the failures are reported together at the end.
///
/// # Errors
/// [`DocError::Write`] when the folder cannot be created; [`DocError::Batch`] listing every
/// board that could not be written (the others are written).
pub fn write_all_boards(
    list: &List,
    dir: &Path,
    mut progress: impl FnMut(usize, usize, &str),
) -> Result<Vec<(PathBuf, Vec<Missing>)>, DocError> {
    batch::create_dir(dir)?;
    let boards = all_boards(list);
    let total = boards.len();
    let mut out = Vec::with_capacity(total);
    let mut failures = Vec::new();
    for (i, (file, board)) in boards.into_iter().enumerate() {
        let path = dir.join(&file);
        match write_board(&board, &path) {
            Ok(()) => out.push((path, board.missing)),
            Err(err) => failures.push(err),
        }
        progress(i + 1, total, &file);
    }
    batch::finish(out, failures)
}

/// Writes one board of [`all_boards`] to `path`.
///
/// # Errors
/// Write errors.
pub(crate) fn write_board(board: &Board, path: &Path) -> Result<(), DocError> {
    typeset::save(board_document(&board.content), path)
}

/// The board as an A3 landscape document.
fn board_document(board: &BoardContent) -> Docx {
    let layout = fit(board);
    let mut docx = typeset::new_document(typeset::A3_LANDSCAPE, true, MARGIN)
        .add_paragraph(
            typeset::title(BOARD_TITLE, typeset::size::XIAOCHU)
                .line_spacing(LineSpacing::new().after(240)),
        )
        .add_table(fields_table(board, layout.field_size))
        .add_paragraph(Paragraph::new().line_spacing(LineSpacing::new().after(0).line(120)));
    docx = docx.add_table(measures_table(&layout));
    docx
}

/// The fields two by two; the first (the name) and an odd last one take the whole row.
fn fields_table(board: &BoardContent, sz: usize) -> docx_rs::Table {
    let label_w = LABEL_WIDTH;
    let value_w = WIDTH / 2 - label_w;
    let widths = [label_w, value_w, label_w, WIDTH - 2 * label_w - value_w];
    let label = CellStyle::header(sz).on("F2F2F2");
    let value = CellStyle::text(sz);
    let mut rows = Vec::new();
    let (first, rest) = board.fields.split_first().expect("a board has fields");
    rows.push(TableRow::new(vec![
        cell(&first.label, label_w, label),
        cell(&first.value, WIDTH - label_w, value).grid_span(3),
    ]));
    for pair in rest.chunks(2) {
        let mut cells = vec![cell(&pair[0].label, label_w, label)];
        match pair.get(1) {
            Some(second) => {
                cells.push(cell(&pair[0].value, value_w, value));
                cells.push(cell(&second.label, label_w, label));
                cells.push(cell(&second.value, widths[3], value));
            }
            None => cells.push(cell(&pair[0].value, WIDTH - label_w, value).grid_span(3)),
        }
        rows.push(TableRow::new(cells).cant_split());
    }
    typeset::fixed_table(&widths, rows)
}

/// The three levels side by side: coloured headers, tinted measure cells.
fn measures_table(layout: &Layout) -> docx_rs::Table {
    let col = WIDTH / 3;
    let widths = [col, col, WIDTH - 2 * col];
    let header = TableRow::new(
        Level::ALL
            .iter()
            .zip(widths)
            .map(|(&l, w)| {
                let (strong, _) = level_colours(l);
                let text = format!("{}（{}）", l.name_zh(), response(l));
                cell(&text, w, CellStyle::header(layout.field_size).on(strong))
            })
            .collect(),
    );
    let body = TableRow::new(
        Level::ALL
            .iter()
            .zip(widths)
            .map(|(&l, w)| {
                let (_, tint) = level_colours(l);
                let text = layout.lines.get(l).join("\n");
                cell(
                    &text,
                    w,
                    CellStyle::text(layout.measure_size).on(tint).at_top(),
                )
            })
            .collect(),
    )
    .row_height(layout.body_height as f32)
    .height_rule(HeightRule::AtLeast);
    typeset::fixed_table(&widths, vec![header, body])
}

/// Font sizes and (possibly shortened) lines that fit one page.
#[derive(Debug)]
struct Layout {
    field_size: usize,
    measure_size: usize,
    lines: PerLevel<Vec<String>>,
    /// Height of the measures row: the rest of the page, so the colours fill the board.
    body_height: usize,
}

/// Estimated display width of `text` in em: CJK and full-width characters count 1, others
/// 0.6 (Latin glyphs of the CJK faces are proportional, digits about 0.55 em).
fn ems(text: &str) -> f64 {
    text.chars()
        .map(|c| if (c as u32) < 0x2E80 { 0.6 } else { 1.0 })
        .sum()
}

/// Lines `text` takes in a column `width` twips wide at `sz` half-points.
fn wrapped_lines(text: &str, width: usize, sz: usize) -> usize {
    let em = sz as f64 * 10.0; // twips per em
                               // 5 % slack: line breaking keeps closing punctuation off a line's start, so real lines
                               // hold a little less than the width allows.
    let per_line = ((width.saturating_sub(CELL_PADDING)) as f64 / em * 0.95)
        .floor()
        .max(1.0);
    (ems(text) / per_line).ceil().max(1.0) as usize
}

/// Height in twips of `lines` lines at `sz` half-points.
fn height(lines: usize, sz: usize) -> usize {
    (lines as f64 * sz as f64 * 10.0 * LINE_FACTOR).ceil() as usize
}

/// Height of the fields table at `sz`.
fn fields_height(board: &BoardContent, sz: usize) -> usize {
    let label_w = LABEL_WIDTH;
    let value_w = WIDTH / 2 - label_w;
    let (first, rest) = board.fields.split_first().expect("a board has fields");
    let mut lines = wrapped_lines(&first.value, WIDTH - label_w, sz).max(wrapped_lines(
        &first.label,
        label_w,
        sz,
    ));
    for pair in rest.chunks(2) {
        lines += pair
            .iter()
            .flat_map(|f| {
                [
                    wrapped_lines(&f.label, label_w, sz),
                    wrapped_lines(&f.value, value_w, sz),
                ]
            })
            .max()
            .unwrap_or(1);
    }
    height(lines, sz) + 60 * (board.fields.len() / 2 + 1)
}

/// Height of the tallest measure column at `sz`.
fn measures_height(lines: &PerLevel<Vec<String>>, sz: usize) -> usize {
    let col = WIDTH / 3;
    let tallest = Level::ALL
        .iter()
        .map(|&l| {
            lines
                .get(l)
                .iter()
                .map(|t| wrapped_lines(t, col, sz))
                .sum::<usize>()
        })
        .max()
        .unwrap_or(1);
    height(tallest, sz)
}

/// Smallest size of the fields: 四号 stays readable from a few steps away.
const MIN_FIELD_SIZE: usize = 28;

/// Chooses the largest size that fits fields and measures together (the fields never below
/// 四号); shortens the columns when even 8 pt does not fit.
fn fit(board: &BoardContent) -> Layout {
    // Title (小初 plus space after), the gap paragraph, the header row of the measures table
    // and a safety margin for rounding in the renderer.
    let fixed = height(1, typeset::size::XIAOCHU) + 240 + 180 + 600;
    let available = HEIGHT.saturating_sub(fixed);
    let layout = |field_size: usize, measure_size: usize, lines: PerLevel<Vec<String>>| {
        let left = available
            .saturating_sub(fields_height(board, field_size))
            .saturating_sub(height(1, field_size));
        Layout {
            field_size,
            measure_size,
            lines,
            body_height: left * 9 / 10,
        }
    };
    for &sz in &SIZES {
        let field_size = sz.max(MIN_FIELD_SIZE);
        let need = fields_height(board, field_size)
            + height(1, field_size)
            + measures_height(&board.levels, sz);
        if need <= available {
            return layout(field_size, sz, board.levels.clone());
        }
    }
    let sz = *SIZES.last().expect("sizes");
    let left = available
        .saturating_sub(fields_height(board, MIN_FIELD_SIZE))
        .saturating_sub(height(1, MIN_FIELD_SIZE));
    let lines = PerLevel::from_fn(|l| shorten(board.levels.get(l), WIDTH / 3, sz, left));
    layout(MIN_FIELD_SIZE, sz, lines)
}

/// Keeps the first lines that fit `left` twips and points to the plan for the rest.
fn shorten(lines: &[String], width: usize, sz: usize, left: usize) -> Vec<String> {
    let mut kept = Vec::new();
    let mut used = 1; // the closing pointer line
    for line in lines {
        let n = wrapped_lines(line, width, sz);
        if height(used + n, sz) > left {
            break;
        }
        used += n;
        kept.push(line.clone());
    }
    if kept.len() < lines.len() {
        kept.push(format!(
            "……另有{}项措施，详见本单位重污染天气应急响应操作方案（一厂一策）",
            lines.len() - kept.len()
        ));
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn board(lines: usize, len: usize) -> BoardContent {
        BoardContent {
            fields: vec![
                ("企业名称", "甲厂"),
                ("所属县（市、区）", "示例县"),
                ("行业类型", "水泥"),
            ]
            .into_iter()
            .map(|(label, value)| content::BoardField {
                label: label.into(),
                value: value.into(),
            })
            .collect(),
            kind: content::BoardKind::Enterprise,
            levels: PerLevel::from_fn(|_| {
                (0..lines)
                    .map(|i| format!("{i}#线：{}", "停".repeat(len)))
                    .collect()
            }),
        }
    }

    #[test]
    fn short_boards_get_large_type() {
        let l = fit(&board(3, 4));
        assert_eq!(l.field_size, 44);
        assert_eq!(l.measure_size, 44);
    }

    #[test]
    fn long_boards_shrink_then_shorten() {
        let l = fit(&board(40, 30));
        assert!(l.measure_size < 24);
        let l = fit(&board(400, 60));
        assert_eq!(l.measure_size, 16);
        let kept = &l.lines.yellow;
        assert!(kept.len() < 400);
        assert!(kept.last().unwrap().contains("详见"));
    }

    #[test]
    fn the_preview_holds_what_the_word_board_prints() {
        use crate::model::{Contact, Enterprise, Source};
        let mut line = Source {
            name: "1#线".into(),
            ..Source::default()
        };
        line.measures.yellow.text = "限产30%".into();
        line.measures.red.text = "停产".into();
        let e = Enterprise {
            name: "示例铸造有限公司".into(),
            industry: "铸造".into(),
            legal: Contact {
                name: "张三".into(),
                phone: "13800000000".into(),
            },
            sources: vec![line],
            ..Enterprise::default()
        };
        let list = List {
            enterprises: vec![e],
            ..List::default()
        };
        let p = enterprise_board_preview(&list, "示例铸造有限公司").unwrap();
        assert_eq!(p.title, BOARD_TITLE);
        assert!(p
            .fields
            .iter()
            .any(|f| f.label == "企业名称" && f.value == "示例铸造有限公司"));
        let names: Vec<_> = p.levels.iter().map(|l| l.response.as_str()).collect();
        assert_eq!(names, ["Ⅲ级响应", "Ⅱ级响应", "Ⅰ级响应"]);
        assert!(p.levels[0].lines[0].contains("限产30%"));
        assert!(p.missing.iter().any(|m| m == "监督人及联系方式"));
        assert!(matches!(
            enterprise_board_preview(&list, "没有这家"),
            Err(DocError::UnknownEnterprise(_))
        ));
        assert!(matches!(
            site_board_preview(&list, "没有的工地"),
            Err(DocError::UnknownSite(_))
        ));
    }
}
