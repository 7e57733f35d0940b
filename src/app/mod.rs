//! The one use-case layer of jianpai: the CLI binary and the desktop app's Tauri commands
//! both only parse their input, call these functions and present the typed result.
//!
//! - one-shot commands over a list or a store (`import`, `check`, `review`, `export`,
//!   documents): the functions of this module;
//! - a working [`Session`] over one data file for the desktop app: record edits with their
//!   validation (the engine's own checks), settings, undo, dry-run import, backups;
//! - what a screen shows ([`Snapshot`], [`EnterpriseRow`], [`FindingRow`] …), exported to
//!   TypeScript with ts-rs;
//! - one error type, [`AppError`], with the CLI's exit code ([`AppError::exit_code`]) and
//!   the stable code a front end switches on ([`AppError::code`]).

mod backup;
mod documents;
pub mod episode;
mod episode_files;
mod error;
mod export_all;
mod filing;
mod history;
mod import;
mod preferences;
mod records;
mod render;
mod review;
mod revision;
mod rules;
mod session;
pub mod validate;
mod views;
mod warnings;
mod width;

use std::path::{Path, PathBuf};

pub use backup::{about, render_backups, run_backup_list, run_restore, About, BackupRow};
pub use documents::{
    run_board, run_export, run_note, run_plan, set_note_request, write_document, BoardTarget,
    DocKind, DocWritten, MissingField, PlanTarget, Progress, Written,
};
pub use error::{
    AppError, ErrorCode, FieldProblem, EXIT_FAILURE, EXIT_INVALID, EXIT_OK, EXIT_SHORT, EXIT_USAGE,
};
pub use export_all::{export_all, BatchFailure, BatchOutcome, BatchStep, BOARDS_DIR, PLANS_DIR};
pub use filing::{
    export_filing, filing_findings, render_filing, run_filing, set_filing, stored_filings,
    FilingReport, FilingRow, PLAN_NOT_FILED,
};
pub use history::{
    record_submission, render_history, render_restored, restore_snapshot, run_history,
    save_snapshot, History, Restored,
};
pub use import::{read_list_file, run_import, ImportOutcome};
pub use preferences::{
    preference_views, preferences_at, render_preferences, reset_preferences, set_preference,
    PreferenceView,
};
pub use records::{Record, RecordKind};
pub use render::{render_check, render_error, render_findings, render_import, render_written};
pub use review::{
    findings, place_diagnostics, rule_titles, FindingRow, PlacedDiagnostic, RecordRef, RuleTitle,
};
pub use revision::{
    export_review_by_county, render_coverage, render_diff, review_stored, run_coverage, run_diff,
    run_review_tracked, save_emission_tolerance, write_revision_note, DiffOutcome, DiffSide,
};
pub use rules::{
    render_rules, reset_rules, rule_entries, rule_views, rules_of, set_rule, RuleEntry, RuleView,
};
pub use session::{file_written, Session};
pub use views::{
    CompareWith, EnterpriseRow, FileWritten, HistoryRestored, ImportCounts, ImportPreview, Saved,
    Shown, Snapshot, Undone,
};
pub use warnings::{group_warnings, WarningGroup, FIRST_ROWS};

use crate::model::{Amounts, Baseline, BaselineUnit, List};
use crate::reduce::Report;
use crate::review::{Finding, ReviewReport, Rules};
use crate::store::{resolve_db_path, ImportMode, Store};

/// Opens the data file chosen by `--db`, else `JIANPAI_DB`, else the platform default,
/// creating it when missing: only `import` (and the app's first run) do this.
///
/// # Errors
/// [`AppError::Store`] when it cannot be opened (exit 1).
pub fn open_store(flag: Option<PathBuf>) -> Result<Store, AppError> {
    Ok(daily_backup(Store::open(&resolve_db_path(flag))?))
}

/// Takes the day's backup on the first open of the day. Best effort: a store in a read-only
/// place, or a full disk, must not stop the command from reading the list; the backup before
/// an import, which does matter, reports its failure.
fn daily_backup(store: Store) -> Store {
    let _ = store.backup_daily();
    store
}

/// Opens the chosen data file, which must exist: every command other than `import` uses
/// this, so that a mistyped path is an error instead of an empty list.
///
/// # Errors
/// [`AppError::Store`] when there is no file there or it cannot be opened (exit 1).
pub fn open_existing_store(flag: Option<PathBuf>) -> Result<Store, AppError> {
    Ok(daily_backup(Store::open_existing(&resolve_db_path(flag))?))
}

/// The list to work on: the workbook `file` as an import would store it (the real store is
/// not opened at all), else the stored list. A file whose records each become a row of their
/// own is that list already; one whose records fold together by code or name (as an import
/// folds them) goes through a throw-away in-memory store, so `check FILE` always says what
/// `import` then `check` would.
///
/// # Errors
/// [`AppError::Invalid`] when the workbook has errors (exit 65), [`AppError::InputMissing`]
/// when it does not exist, [`AppError::Store`] when the store cannot be read.
pub fn list_of(db: Option<PathBuf>, file: Option<&Path>) -> Result<List, AppError> {
    match file {
        Some(file) => {
            let (list, _warnings) = read_list_file(file)?;
            if crate::store::writes_as_is(&list) {
                return Ok(list);
            }
            let mut scratch = Store::open_in_memory()?;
            scratch.import(&list, ImportMode::Replace)?;
            Ok(scratch.load()?)
        }
        None => Ok(open_existing_store(db)?.load()?),
    }
}

/// The reduction check of a list (`docs/method.md`); a thin name over
/// [`crate::reduce::check`] so that front ends need only this module.
pub fn run_check(list: &List) -> Report {
    crate::reduce::check(list)
}

/// Exit code of `check`: 0 when every level passes, for the area and for every county with
/// its own baseline; else 3 (also without a baseline).
pub fn check_exit_code(report: &Report) -> i32 {
    if report.all_pass() {
        EXIT_OK
    } else {
        EXIT_SHORT
    }
}

/// The review findings of a list by `rules` (the store's, [`rules_of`], or the built-in
/// [`Rules::builtin`] for a workbook reviewed on its own).
pub fn run_review(list: &List, rules: &Rules) -> ReviewReport {
    let findings: Vec<Finding> = crate::review::review(list, rules);
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
