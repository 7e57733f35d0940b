//! `export`, `note`, `plan` and `board`: the files written from the stored list.

use std::path::{Path, PathBuf};

use super::error::AppError;
use crate::docs::{board, note, plan, Missing};
use crate::model::{Level, List, NoteRequest, PerLevel};
use crate::store::Store;

/// What a document command wrote, and the required fields that showed as 【待补充】.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Written {
    /// The files written, in order.
    pub files: Vec<PathBuf>,
    /// Fields the documents lack (for plans and boards), to complete in the list.
    pub missing: Vec<Missing>,
}

/// Which notice boards to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BoardTarget {
    /// The enterprise with this 统一社会信用代码 (or name), to the file.
    Enterprise {
        /// Credit code or name.
        code: String,
        /// The .docx to write.
        out: PathBuf,
    },
    /// The construction site (扬尘源) with this 项目名称, to the file.
    Site {
        /// 项目名称.
        name: String,
        /// The .docx to write.
        out: PathBuf,
    },
    /// Every enterprise's and site's board into this folder.
    All {
        /// The folder (created when missing).
        dir: PathBuf,
    },
}

/// Stores the county's reasons and requested ratio for `level` (`note set`), which the
/// 测算说明 sheet and document then carry where that level misses its target.
///
/// # Errors
/// [`AppError::Usage`] for an empty reason or a ratio outside (0, 100 %] (exit 2);
/// [`AppError::Store`] when it cannot be saved.
pub fn set_note_request(
    store: &mut Store,
    level: Level,
    reason: &str,
    requested: Option<f64>,
) -> Result<NoteRequest, AppError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::Usage(format!(
            "{}未达标原因不能为空：请用 --reason 写明原因",
            level.name_zh()
        )));
    }
    if let Some(r) = requested {
        if !(r.is_finite() && r > 0.0 && r <= 1.0) {
            return Err(AppError::Usage(format!(
                "申请的减排比例必须大于0且不超过100%（例如 0.25 或 25%），而不是{}",
                crate::export::note::percent(r)
            )));
        }
    }
    let request = NoteRequest {
        reason: reason.to_string(),
        requested,
    };
    store.set_note_request(level, Some(&request))?;
    Ok(request)
}

/// Writes the annual submission workbook, or with `enterprise` one enterprise's workbook.
///
/// # Errors
/// [`AppError::Export`]: an unknown code (exit 65) or a write failure (exit 1).
pub fn run_export(
    list: &List,
    requests: &PerLevel<Option<NoteRequest>>,
    enterprise: Option<&str>,
    out: &Path,
) -> Result<Written, AppError> {
    match enterprise {
        Some(code) => crate::export::write_enterprise_workbook(list, code, out)?,
        None => crate::export::write_submission_with(list, requests, out)?,
    }
    Ok(Written {
        files: vec![out.to_path_buf()],
        missing: Vec::new(),
    })
}

/// Writes the calculation note (测算说明) as a document.
///
/// # Errors
/// [`AppError::Doc`] when it cannot be written.
pub fn run_note(
    list: &List,
    requests: &PerLevel<Option<NoteRequest>>,
    out: &Path,
) -> Result<Written, AppError> {
    note::write_note_with(list, requests, out)?;
    Ok(Written {
        files: vec![out.to_path_buf()],
        missing: Vec::new(),
    })
}

/// Which operation plans to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanTarget {
    /// The enterprise with this 统一社会信用代码 (or name), to the file.
    Enterprise {
        /// Credit code or name.
        code: String,
        /// The .docx to write.
        out: PathBuf,
    },
    /// Every enterprise's plan into this folder.
    All {
        /// The folder (created when missing).
        dir: PathBuf,
    },
}

/// Called after each file of a batch with (files done, files in all, file name), so a front
/// end can show progress.
pub type Progress<'p> = &'p mut dyn FnMut(usize, usize, &str);

/// Writes 一厂一策 operation plans.
///
/// # Errors
/// [`AppError::Doc`]: an unknown enterprise (exit 65) or a write failure (exit 1).
pub fn run_plan(list: &List, target: &PlanTarget, progress: Progress) -> Result<Written, AppError> {
    Ok(match target {
        PlanTarget::Enterprise { code, out } => Written {
            missing: plan::write_plan(list, code, out)?,
            files: vec![out.clone()],
        },
        PlanTarget::All { dir } => collect(plan::write_all_plans(list, dir, progress)?),
    })
}

fn collect(written: Vec<(PathBuf, Vec<Missing>)>) -> Written {
    let mut all = Written::default();
    for (file, missing) in written {
        all.files.push(file);
        all.missing.extend(missing);
    }
    all
}

/// Writes notice boards (公示牌).
///
/// # Errors
/// [`AppError::Doc`]: an unknown enterprise or site (exit 65) or a write failure (exit 1).
pub fn run_board(
    list: &List,
    target: &BoardTarget,
    progress: Progress,
) -> Result<Written, AppError> {
    Ok(match target {
        BoardTarget::Enterprise { code, out } => Written {
            missing: board::write_enterprise_board(list, code, out)?,
            files: vec![out.clone()],
        },
        BoardTarget::Site { name, out } => Written {
            missing: board::write_site_board(list, name, out)?,
            files: vec![out.clone()],
        },
        BoardTarget::All { dir } => collect(board::write_all_boards(list, dir, progress)?),
    })
}
