//! The use-cases behind the `jianpai` command line (`cli.md`), as library functions that
//! return typed results: the CLI binary only parses arguments, calls these and prints; the
//! desktop shell can call the same functions.
//!
//! Exit codes live here too ([`AppError::exit_code`], [`check_exit_code`],
//! [`review_exit_code`]) so that every front end agrees on what counts as failure.

mod documents;
pub mod episode;
mod episode_files;
mod error;
mod import;
mod render;
mod width;

use std::path::{Path, PathBuf};

pub use documents::{run_board, run_export, run_note, run_plan, BoardTarget, Written};
pub use error::{AppError, EXIT_FAILURE, EXIT_INVALID, EXIT_OK, EXIT_SHORT, EXIT_USAGE};
pub use import::{read_list_file, run_import, ImportOutcome};
pub use render::{render_check, render_error, render_findings, render_import, render_written};

use crate::model::{Amounts, Baseline, BaselineUnit, List};
use crate::reduce::Report;
use crate::review::{Finding, ReviewReport, Rules};
use crate::store::{resolve_db_path, ImportMode, Store};

/// Opens the data file chosen by `--db`, else `JIANPAI_DB`, else the platform default.
///
/// # Errors
/// [`AppError::Store`] when it cannot be opened (exit 1).
pub fn open_store(flag: Option<PathBuf>) -> Result<Store, AppError> {
    Ok(Store::open(&resolve_db_path(flag))?)
}

/// The list to work on: the workbook `file` read into a throw-away in-memory store (the real
/// store is not opened at all), else the stored list.
///
/// # Errors
/// [`AppError::Invalid`] when the workbook has errors (exit 65), [`AppError::InputMissing`]
/// when it does not exist, [`AppError::Store`] when the store cannot be read.
pub fn list_of(db: Option<PathBuf>, file: Option<&Path>) -> Result<List, AppError> {
    match file {
        Some(file) => {
            let (list, _warnings) = read_list_file(file)?;
            let mut scratch = Store::open_in_memory()?;
            scratch.import(&list, ImportMode::Replace)?;
            Ok(scratch.load()?)
        }
        None => Ok(open_store(db)?.load()?),
    }
}

/// The reduction check of a list (`reduction-method.md`); a thin name over
/// [`crate::reduce::check`] so that front ends need only this module.
pub fn run_check(list: &List) -> Report {
    crate::reduce::check(list)
}

/// Exit code of `check`: 0 when every level passes, else 3 (also without a baseline).
pub fn check_exit_code(report: &Report) -> i32 {
    if report.pass {
        EXIT_OK
    } else {
        EXIT_SHORT
    }
}

/// The review findings of a list with the built-in rules (`schemas/rules.json`).
pub fn run_review(list: &List) -> ReviewReport {
    let findings: Vec<Finding> = crate::review::review(list, &Rules::builtin());
    ReviewReport { findings }
}

/// Exit code of `review`: 3 when a finding has severity error, else 0.
pub fn review_exit_code(report: &ReviewReport) -> i32 {
    if report.has_errors() {
        EXIT_SHORT
    } else {
        EXIT_OK
    }
}

/// Sets the whole-society emissions (`baseline set`). Amounts must be finite and not
/// negative; the CLI's parser already refuses others, this guards other callers.
///
/// # Errors
/// [`AppError::Usage`] for a negative or non-finite amount; [`AppError::Store`] when the
/// write fails (the store is then unchanged).
pub fn set_baseline(
    store: &mut Store,
    amounts: Amounts,
    unit: BaselineUnit,
) -> Result<Baseline, AppError> {
    if let Some(bad) = crate::model::Pollutant::ALL
        .into_iter()
        .find(|p| !amounts.get(*p).is_finite() || *amounts.get(*p) < 0.0)
    {
        return Err(AppError::Usage(format!(
            "{}排放量必须是不小于0的数字",
            bad.symbol()
        )));
    }
    let baseline = Baseline { amounts, unit };
    store.set_baseline(Some(baseline))?;
    Ok(baseline)
}
