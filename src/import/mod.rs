//! Reading list workbooks (.xlsx, .xlsm, .xls, .ods) into a [`List`] (`workbook.md`).
//!
//! Counties receive lists made by many hands, so the importer finds each sheet's role by its
//! name, finds its header within the first 15 rows (one row or two, with merged level groups),
//! matches columns through the alias table in `schemas/column-aliases.json`, and reads every
//! row, collecting **all** errors and warnings before it answers. Any error makes the import
//! [`ImportError::Invalid`]: the caller writes nothing.
//!
//! Each sheet's cells are read once. For xlsx they are streamed with their style ids (to know
//! which cells are percentage-formatted) and shared strings are borrowed, not copied; the
//! merged regions come from one byte search over the sheet XML (`xlsx_merges`), not from a
//! second full parse. Formats differ in what calamine exposes: xlsx gives merges and number
//! formats, xls merges only, ods neither — its merges are read from content.xml
//! (`ods_merges`). Where no merges are known, a merged header group is still recognised by a
//! known group name followed by blank cells, and merged enterprise cells by the
//! empty-name-and-code rule. For xls and ods a share cell from 0 to 1 is taken as a
//! percentage-formatted fraction (with one warning per column).
//!
//! Choices where `workbook.md` is silent (each also in the function that makes it):
//! - a blank numeric cell stays `None` (the model keeps blanks so export writes back what was
//!   read; the reduction reads it as 0); the marks `/`, `-`, `—` in a numeric cell are blanks;
//! - a share above 100 %, and 年生产天数 above 366, are errors; a plain share below 1 in a
//!   cell not formatted as a percentage is read as that many percent, with a warning;
//! - a 减排量 column in t/a is spread over the row's 年生产天数 (365 where blank);
//! - an empty list sheet is a warning; a non-empty one without a recognisable header an
//!   error;
//! - on the mobile sheet a row with neither name nor code continues the fleet above in its
//!   identity; on the dust sheet a row without 项目名称 is an error;
//! - the 总表 may also give 目标减排比例 per level and SO2/NOx互补 (是/否), as export writes
//!   them; they are read when present;
//! - the area falls back to a title row (某某县2026年…清单), then to the file stem with a
//!   leading or trailing year split off as the year.

mod cells;
mod grid;
pub mod header;
mod ods_merges;
mod sheets;
mod xlsx_merges;

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use calamine::{open_workbook_auto, Dimensions, Reader, Sheets};

use crate::model::{Diagnostic, List};

use grid::Grid;
use header::Layout;
pub use sheets::Role;
use sheets::SheetCtx;

/// A workbook read without errors: the list and the warnings to show.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The list as read (ids 0: nothing stored yet).
    pub list: List,
    /// Everything worth a look that did not stop the import.
    pub warnings: Vec<Diagnostic>,
}

/// Why a workbook could not be imported.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ImportError {
    /// Not a spreadsheet, encrypted, or unopenable: one diagnostic naming the file.
    #[error("{}", .0.message)]
    Unreadable(Diagnostic),
    /// The workbook was read but has errors; every error and warning, all at once.
    #[error("清单有{}处错误，未导入任何数据，请按提示改正后重新导入", errors.len())]
    Invalid {
        /// Every error found.
        errors: Vec<Diagnostic>,
        /// Every warning found.
        warnings: Vec<Diagnostic>,
    },
}

/// Errors and warnings gathered while reading.
#[derive(Debug, Default)]
pub(crate) struct Diags {
    pub(crate) errors: Vec<Diagnostic>,
    pub(crate) warnings: Vec<Diagnostic>,
}

type Workbook = Sheets<BufReader<File>>;

/// Reads a list workbook.
///
/// The list's area and year come from the summary sheet (地区 / 区县, 年度); without them,
/// from a title row such as 某某县2026年重污染天气应急减排清单 above any sheet's header; the
/// area falls back to the file's name (its stem, with a leading or trailing year taken as
/// the year).
///
/// # Errors
/// [`ImportError::Unreadable`] when the file is no spreadsheet calamine can open;
/// [`ImportError::Invalid`] with every error and warning when the content is wrong.
pub fn read_workbook(path: &Path) -> Result<Imported, ImportError> {
    let mut wb = open_workbook_auto(path).map_err(|e| unreadable(path, &e.to_string()))?;
    let mut diags = Diags::default();
    let sheets = roles(&wb, &mut diags);
    let mut list = List::default();
    let mut title: Option<String> = None;
    for role in [
        Role::Industrial,
        Role::Dust,
        Role::Mobile,
        Role::Heating,
        Role::Nonroad,
        Role::Summary,
    ] {
        for name in sheets.iter().filter(|(_, r)| *r == role).map(|(n, _)| n) {
            let t = read_sheet(&mut wb, path, name, role, &mut list, &mut diags)
                .map_err(|e| unreadable(path, &e))?;
            title = title.or(t);
        }
    }
    settle_area(&mut list, title.as_deref(), path);
    if diags.errors.is_empty() {
        Ok(Imported {
            list,
            warnings: diags.warnings,
        })
    } else {
        Err(ImportError::Invalid {
            errors: diags.errors,
            warnings: diags.warnings,
        })
    }
}

fn unreadable(path: &Path, detail: &str) -> ImportError {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    );
    ImportError::Unreadable(Diagnostic::general(format!(
        "无法打开文件“{file}”：它不是可读取的电子表格（支持.xlsx、.xlsm、.xls、.ods），或已加密、已损坏（{detail}）。请用Excel或WPS另存为.xlsx后重新导入"
    )))
}

/// Each sheet with a role; others are warned about. No source sheet at all is an error.
fn roles(wb: &Workbook, diags: &mut Diags) -> Vec<(String, Role)> {
    let mut out = Vec::new();
    for name in wb.sheet_names() {
        match Role::of_sheet(&name) {
            Some(r) => out.push((name, r)),
            None => diags.warnings.push(Diagnostic::sheet(
                &name,
                format!("工作表“{name}”的名称不含总表、工业源、扬尘源、移动源、协同供暖等字样，未读取；如需导入，请按内容重命名"),
            )),
        }
    }
    let has_source = out
        .iter()
        .any(|(_, r)| matches!(r, Role::Industrial | Role::Dust | Role::Mobile));
    if !has_source {
        diags.errors.push(Diagnostic::general(
            "工作簿中没有工业源、扬尘源或移动源工作表：请把清单工作表命名为“工业源清单”“扬尘源清单”或“移动源清单”后重新导入",
        ));
    }
    out
}

/// Reads one sheet into the list; returns a title found above its header, if any.
fn read_sheet(
    wb: &mut Workbook,
    path: &Path,
    name: &str,
    role: Role,
    list: &mut List,
    diags: &mut Diags,
) -> Result<Option<String>, String> {
    let merges = merges(wb, path, name).map_err(|e| e.to_string())?;
    let formats_known = matches!(wb, Sheets::Xlsx(_));
    match wb {
        Sheets::Xlsx(x) => {
            let mut reader = x.worksheet_cells_reader(name).map_err(|e| e.to_string())?;
            let percent: Vec<bool> = reader.styles().iter().map(is_percent_style).collect();
            let mut grid = Grid::new(name, merges);
            while let Some((cell, style)) = reader
                .next_cell_with_style_id()
                .map_err(|e| e.to_string())?
            {
                let (r, c) = cell.get_position();
                let pct = percent.get(style).copied().unwrap_or(false);
                grid.put_ref(r, c, cell.get_value().clone(), pct);
            }
            Ok(read_grid(grid, role, formats_known, list, diags))
        }
        other => {
            let range = other.worksheet_range(name).map_err(|e| e.to_string())?;
            let grid = Grid::from_range(name, &range, merges);
            Ok(read_grid(grid, role, formats_known, list, diags))
        }
    }
}

fn is_percent_style(s: &calamine::Style) -> bool {
    s.number_format
        .as_ref()
        .is_some_and(|f| f.format_code.contains('%'))
}

/// The merged regions of a sheet: xlsx by the fast scan of [`xlsx_merges`] (calamine's full
/// parse only when it fails), xls from calamine, ods from its content.xml ([`ods_merges`]);
/// xlsb has none.
fn merges(wb: &mut Workbook, path: &Path, name: &str) -> Result<Vec<Dimensions>, calamine::Error> {
    Ok(match wb {
        Sheets::Xlsx(x) => match xlsx_merges::merged_regions(path, name) {
            Some(m) => m,
            None => x.merge_cells_by_sheet_name(name)?,
        },
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name)?,
        Sheets::Ods(_) => ods_merges::merged_regions(path, name).unwrap_or_default(),
        Sheets::Xlsb(_) => Vec::new(),
    })
}

fn read_grid(
    mut grid: Grid<'_>,
    role: Role,
    formats_known: bool,
    list: &mut List,
    diags: &mut Diags,
) -> Option<String> {
    let title = title_above(&grid);
    if role == Role::Summary {
        apply_summary(sheets::summary::read(&grid, formats_known, diags), list);
        return title;
    }
    if (0..grid.height()).all(|r| grid.row(r).iter().all(grid::Value::is_blank)) {
        // An empty sheet (a county without construction sites) holds nothing to read.
        diags.warnings.push(Diagnostic::sheet(
            &grid.name,
            format!(
                "工作表“{}”是空的，未读取任何{}数据",
                grid.name,
                role.name_zh()
            ),
        ));
        return title;
    }
    let Some(layout) = header::detect(&grid, role) else {
        diags.errors.push(Diagnostic::sheet(
            &grid.name,
            format!(
                "工作表“{}”的前{}行中找不到表头（没有可识别的列名）：请确认表头在前{}行内，列名参照{}模板",
                grid.name,
                header::HEADER_SEARCH_ROWS,
                header::HEADER_SEARCH_ROWS,
                role.name_zh()
            ),
        ));
        return title;
    };
    if !check_layout(&grid, &layout, role, diags) {
        return title;
    }
    grid.spread_vertical_merges(layout.data_row);
    let mut ctx = SheetCtx::new(&grid, &layout, formats_known, diags);
    match role {
        Role::Industrial => sheets::industrial::read(&mut ctx, &mut list.enterprises),
        Role::Dust => sheets::dust::read(&mut ctx, &mut list.sites),
        Role::Mobile => sheets::mobile::read(&mut ctx, &mut list.fleets),
        Role::Heating => sheets::heating::read(&mut ctx, &list.enterprises, &mut list.heating),
        Role::Nonroad => sheets::nonroad::read(&mut ctx, &mut list.machinery),
        Role::Summary => {}
    }
    title.or_else(|| title_in(&grid, layout.header_row))
}

/// Warns about unknown and repeated columns and checks the required one; false when the
/// sheet cannot be read.
fn check_layout(grid: &Grid<'_>, layout: &Layout, role: Role, diags: &mut Diags) -> bool {
    let header_row = layout.header_row as u32 + 1;
    for (_, label) in &layout.unknown {
        diags.warnings.push(Diagnostic::cell(
            &grid.name,
            header_row,
            label,
            format!(
                "列“{label}”不是{}的已知列，已忽略；如是需要的数据，请按模板列名修改表头",
                role.name_zh()
            ),
        ));
    }
    for (_, label) in &layout.duplicates {
        diags.warnings.push(Diagnostic::cell(
            &grid.name,
            header_row,
            label,
            format!("列“{label}”与左侧的列含义相同，只读取左侧那一列，此列已忽略"),
        ));
    }
    match role.required() {
        Some((field, canonical)) if layout.find(field).is_none() => {
            diags.errors.push(Diagnostic::sheet(
                &grid.name,
                format!(
                    "{}工作表“{}”没有“{canonical}”列：请在表头加上“{canonical}”列（或其别名）后重新导入",
                    role.name_zh(),
                    grid.name
                ),
            ));
            false
        }
        _ => true,
    }
}

/// The first text cell of the first row, when it reads like a title with a year.
fn title_above(grid: &Grid<'_>) -> Option<String> {
    title_in(grid, 3.min(grid.height()))
}

fn title_in(grid: &Grid<'_>, below: usize) -> Option<String> {
    (0..below).find_map(|r| {
        grid.row(r)
            .iter()
            .map(|v| v.text())
            .find(|t| !t.is_empty())
            .filter(|t| sheets::summary::area_from_title(t).is_some())
            .map(|t| t.into_owned())
    })
}

fn apply_summary(s: sheets::summary::Summary, list: &mut List) {
    if let Some(a) = s.area.filter(|a| !a.is_empty()) {
        list.area = a;
    }
    list.year = list.year.or(s.year);
    list.baseline = list.baseline.or(s.baseline);
    if let Some(t) = s.targets {
        list.targets = t;
    }
    if let Some(t) = s.trade {
        list.so2_nox_trade = t;
    }
}

/// Area and year where the summary did not give them: from a title row, else the file name.
fn settle_area(list: &mut List, title: Option<&str>, path: &Path) {
    if let Some((area, year)) = title.and_then(sheets::summary::area_from_title) {
        if list.area.is_empty() {
            list.area = area;
        }
        list.year = list.year.or(year);
    }
    if list.area.is_empty() {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (area, year) = split_year(&stem);
        list.area = area;
        list.year = list.year.or(year);
    }
}

/// Splits a leading or trailing four-digit year off a file stem: 示例县2026 → (示例县, 2026).
fn split_year(stem: &str) -> (String, Option<i32>) {
    let t = stem.trim();
    let digits_end: String = t
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if digits_end.len() == 4 {
        let area = t[..t.len() - 4]
            .trim_end_matches(['-', '_', ' '])
            .to_string();
        return (area, sheets::summary::parse_year(&digits_end));
    }
    if let Some(y) = sheets::summary::parse_year(t).filter(|_| t.len() > 4) {
        let rest = t[4..].trim_start_matches(['年', '-', '_', ' ']).to_string();
        return (rest, Some(y));
    }
    (t.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_years_off_file_stems() {
        assert_eq!(split_year("示例县2026"), ("示例县".into(), Some(2026)));
        assert_eq!(split_year("示例县_2026"), ("示例县".into(), Some(2026)));
        assert_eq!(split_year("2026年示例县"), ("示例县".into(), Some(2026)));
        assert_eq!(split_year("示例县"), ("示例县".into(), None));
    }
}
