//! Workbook export: the annual submission workbook (总表, the four list sheets and the
//! 测算说明) and one enterprise's workbook to fill in.
//!
//! The list sheets use the canonical layout of `docs/workbook.md` so that the importer reads an
//! exported workbook back to the same [`List`] (round trip): canonical column names, a
//! two-row header with the level groups merged, the record's own cells merged down over its
//! source rows, every field the model holds, exact f64 values shown with fixed decimals.
//! Shares are percent numbers (30 for 30 %) chosen so that the importer's `v / 100` gives
//! the same f64 back; the rare fraction no percent number reaches (1/3) is written as the
//! fraction in a percentage-formatted cell, which the importer takes as that fraction.
//! User text is always written as a string, so a name like `=SUM(A1)` never becomes a formula.
//! The 总表 carries area, year, baseline, targets and the SO2/NOx trade switch in shapes the
//! importer reads (see `summary`).
//!
//! What the cells cannot say, and so does not round-trip:
//! - an enterprise that is 长期停产 *and* has a grade: the grade cell says only 长期停产;
//! - the guarantee mark of an enterprise without a grade: `保障类-` alone is no valid grade,
//!   so the mark lives on only through 企业类型 = 保障类企业;
//! - an enterprise without sources is written as one row with empty source cells and reads
//!   back with one empty source;
//! - an empty area reads back as whatever the importer falls back to (the file name);
//! - 生产线名称 / 主要产品 / 设计产能 of a dust or mobile row: written (where any row has
//!   them) but the importer reads those columns on the industrial sheet only.
//!
//! The big list sheets are written in constant-memory mode (rows streamed to a temp file);
//! formats are built once (`style::Styles`) and passed by reference.
//!
//! The zip container keeps rust_xlsxwriter's default deflate level (6). Measured on a
//! 60,000-source list: level 1 exports about a quarter faster but the file grows from 18 to
//! 30 MB (level 3: 22 MB); the submission is mailed and uploaded once a year, where size
//! matters more than a second. Most of the remaining time is the writer's own (deflate, and
//! hashing each cell's `Format` to find its style index); `benches/budgets.rs` compares the
//! export with rust_xlsxwriter writing the same cells, formats and merges.

mod columns;
mod enterprise;
mod lists;
pub mod note;
mod note_sheet;
mod sheet;
mod style;
mod summary;

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Workbook, XlsxError};

use crate::model::{Filings, List, NoteRequest, PerLevel};

pub use enterprise::write_enterprise_workbook;
pub use note::{calculation_note, calculation_note_with, CalcNote};

/// Why a workbook could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The workbook could not be built or saved (disk full, no permission, a path in a
    /// folder that does not exist, the file open in Excel …).
    #[error("无法写入工作簿 {path}：{source}。请检查文件夹是否存在、是否有写入权限，以及该文件是否正在被 Excel 或 WPS 打开")]
    Write {
        /// The file being written.
        path: PathBuf,
        /// What the writer reported.
        #[source]
        source: XlsxError,
    },
    /// No enterprise of the list has the requested credit code.
    #[error("清单中没有统一社会信用代码为 {code} 的企业，请核对代码（18位）或先导入该企业")]
    UnknownEnterprise {
        /// The code as given.
        code: String,
    },
}

impl ExportError {
    fn write(path: &Path) -> impl FnOnce(XlsxError) -> ExportError + '_ {
        move |source| ExportError::Write {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Writes the annual submission workbook: 总表, 工业源清单, 扬尘源清单, 移动源清单,
/// 协同供暖企业清单, 非道路移动机械清单 and 测算说明, in that order. The 总表 and 测算说明 numbers come from
/// [`crate::reduce::check`].
///
/// # Errors
/// [`ExportError::Write`] when the file cannot be written.
pub fn write_submission(list: &List, path: &Path) -> Result<(), ExportError> {
    write_submission_with(list, &PerLevel::from_fn(|_| None), None, path)
}

/// [`write_submission`] with the county's stated reasons and requested ratios, which the
/// 测算说明 sheet carries for each level that misses its target, and — with `filings`, the
/// store's 备案 records by enterprise key — the 备案状态, 备案日期 and 备案文号 columns at the
/// end of the 工业源清单 (未提交 for an enterprise without a record), which the importer
/// reads back. Without `filings` the sheet has no such columns.
///
/// # Errors
/// [`ExportError::Write`] when the file cannot be written.
pub fn write_submission_with(
    list: &List,
    requests: &PerLevel<Option<NoteRequest>>,
    filings: Option<&Filings>,
    path: &Path,
) -> Result<(), ExportError> {
    build_submission(list, requests, filings, path).map_err(ExportError::write(path))
}

fn build_submission(
    list: &List,
    requests: &PerLevel<Option<NoteRequest>>,
    filings: Option<&Filings>,
    path: &Path,
) -> Result<(), XlsxError> {
    let styles = style::Styles::new();
    let report = crate::reduce::check(list);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(lists::SUMMARY)?;
    summary::write_summary(ws, &styles, list, &report)?;

    let ws = wb.add_worksheet_with_constant_memory()?;
    ws.set_name(lists::INDUSTRIAL)?;
    match filings {
        Some(filings) => {
            let filed: Vec<columns::Filed<'_>> = list
                .enterprises
                .iter()
                .map(|e| columns::Filed {
                    enterprise: e,
                    filing: filings.get(&e.key()),
                })
                .collect();
            sheet::write_list_sheet(ws, &styles, &lists::industrial(list, true), &filed)?;
        }
        None => sheet::write_list_sheet(
            ws,
            &styles,
            &lists::industrial(list, false),
            &list.enterprises,
        )?,
    }

    let ws = wb.add_worksheet_with_constant_memory()?;
    ws.set_name(lists::DUST)?;
    sheet::write_list_sheet(ws, &styles, &lists::dust(list, &list.sites), &list.sites)?;

    let ws = wb.add_worksheet_with_constant_memory()?;
    ws.set_name(lists::MOBILE)?;
    sheet::write_list_sheet(
        ws,
        &styles,
        &lists::mobile(list, &list.fleets),
        &list.fleets,
    )?;

    let ws = wb.add_worksheet_with_constant_memory()?;
    ws.set_name(lists::HEATING)?;
    lists::write_heating(ws, &styles, list)?;

    let ws = wb.add_worksheet_with_constant_memory()?;
    ws.set_name(lists::NONROAD)?;
    lists::write_nonroad(ws, &styles, list)?;

    let ws = wb.add_worksheet();
    ws.set_name(lists::NOTE)?;
    note_sheet::write_note(
        ws,
        &styles,
        &note::note_from_report(list, &report, requests),
    )?;

    wb.set_properties(&properties(list));
    crate::files::write_atomic_with(path, |w| wb.save_to_writer(w))
}

fn properties(list: &List) -> rust_xlsxwriter::DocProperties {
    rust_xlsxwriter::DocProperties::new()
        .set_title(format!("{}重污染天气应急减排清单", list.area))
        .set_author("jianpai")
}
