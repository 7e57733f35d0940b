//! `import`: read a workbook, and only when it has no error write it to the store.

use std::path::Path;

use serde::Serialize;

use super::error::{AppError, EXIT_FAILURE, EXIT_INVALID, EXIT_OK};
use crate::import::{read_workbook_with, Imported, Limits};
use crate::model::{Diagnostic, Filing, List, Stated};
use crate::reduce::Counts;
use crate::store::{ImportMode, ImportSummary, Store};

/// What `import` did, serialised exactly as `import --json` of `docs/cli.md`
/// (`file`, `written`, `counts`, `errors`, `warnings`); the other fields are for callers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ImportOutcome {
    /// The file name as given on the command line.
    pub file: String,
    /// True once the list is in the store (false for a dry run or any error).
    pub written: bool,
    /// What the workbook holds (zeros when it could not be read).
    pub counts: Counts,
    /// Every error, placed at sheet/row/column; empty when the workbook is valid.
    pub errors: Vec<Diagnostic>,
    /// Every warning.
    pub warnings: Vec<Diagnostic>,
    /// The list read (None when it had errors).
    #[serde(skip)]
    pub list: Option<List>,
    /// Whether the workbook stated its targets and trade switch (merge takes only those).
    #[serde(skip)]
    pub stated: Stated,
    /// The 备案 the workbook's columns give (written with the list).
    #[serde(skip)]
    pub filings: Vec<Filing>,
    /// What the store did with it (None until written).
    #[serde(skip)]
    pub summary: Option<ImportSummary>,
    /// The history snapshot taken with the write (None until written).
    #[serde(skip)]
    pub snapshot: Option<i64>,
    /// True when the file itself was missing (exit 1, not 65: the input was never seen).
    #[serde(skip)]
    pub missing: bool,
}

impl ImportOutcome {
    /// Reads `file` and validates it against `limits` (the store's preferences); nothing is
    /// written. A missing file, a file that is no spreadsheet and a workbook with errors all
    /// give an outcome with `errors`.
    pub fn read(file: &Path, limits: &Limits) -> ImportOutcome {
        match read_imported(file, limits) {
            Ok(imported) => {
                let mut outcome = ImportOutcome::empty(file);
                outcome.counts = crate::reduce::counts(&imported.list);
                outcome.warnings = imported.warnings;
                outcome.list = Some(imported.list);
                outcome.stated = imported.stated;
                outcome.filings = imported.filings;
                outcome
            }
            Err(AppError::Invalid {
                errors, warnings, ..
            }) => {
                let mut outcome = ImportOutcome::empty(file);
                outcome.errors = errors;
                outcome.warnings = warnings;
                outcome
            }
            Err(other) => ImportOutcome::failed(file, &other),
        }
    }

    /// The outcome of an import that could not even start (the file is missing, the store's
    /// preferences cannot be read): one general error, exit code 1.
    pub fn failed(file: &Path, error: &AppError) -> ImportOutcome {
        let mut outcome = ImportOutcome::empty(file);
        outcome.missing = true;
        outcome.errors = vec![Diagnostic::general(error.to_string())];
        outcome
    }

    fn empty(file: &Path) -> ImportOutcome {
        ImportOutcome {
            file: file.display().to_string(),
            written: false,
            counts: Counts::default(),
            errors: Vec::new(),
            warnings: Vec::new(),
            list: None,
            stated: Stated::default(),
            filings: Vec::new(),
            summary: None,
            snapshot: None,
            missing: false,
        }
    }

    /// Writes the list read into `store` as one transaction, with the 备案 its columns gave
    /// and a history snapshot of the result noted with the file's name.
    ///
    /// # Errors
    /// [`AppError::Invalid`] when the workbook had errors (nothing is written);
    /// [`AppError::Store`] when the write fails (the store is then unchanged).
    pub fn write(&mut self, store: &mut Store, mode: ImportMode) -> Result<(), AppError> {
        let Some(list) = &self.list else {
            return Err(AppError::Invalid {
                message: "清单有错误，未导入任何数据".into(),
                errors: self.errors.clone(),
                warnings: self.warnings.clone(),
            });
        };
        let note = import_note(Path::new(&self.file));
        let (summary, snapshot) =
            store.import_recorded_with(list, self.stated, mode, &note, &self.filings)?;
        self.summary = Some(summary);
        self.snapshot = Some(snapshot);
        self.written = true;
        Ok(())
    }

    /// 0 when valid, 65 when the workbook is invalid, 1 when the file was missing.
    pub fn exit_code(&self) -> i32 {
        if self.missing {
            EXIT_FAILURE
        } else if self.errors.is_empty() {
            EXIT_OK
        } else {
            EXIT_INVALID
        }
    }
}

/// The note of an import's history snapshot: the workbook's file name. The CLI and the app
/// both note an import so, and `history` then reads the same for either.
pub(super) fn import_note(file: &Path) -> String {
    file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Reads `file` with the store's bounds and, unless `dry_run`, writes it into `store`: the
/// whole `import` command for front ends that already hold an open store.
///
/// # Errors
/// As [`ImportOutcome::write`], and [`AppError::Store`] when the store's preferences cannot
/// be read; an invalid workbook is not an error here but an outcome with `errors` (exit
/// code 65).
pub fn run_import(
    store: &mut Store,
    file: &Path,
    dry_run: bool,
    mode: ImportMode,
) -> Result<ImportOutcome, AppError> {
    let limits = store.preferences()?.limits();
    let mut outcome = ImportOutcome::read(file, &limits);
    if !dry_run && outcome.list.is_some() {
        outcome.write(store, mode)?;
    }
    Ok(outcome)
}

/// Reads a list workbook with the default bounds (no store is involved: `check FILE`,
/// `diff FILE`); the list and its warnings.
///
/// # Errors
/// [`AppError::InputMissing`] when the path is no file; [`AppError::Invalid`] with every
/// error when the workbook is unreadable or has errors.
pub fn read_list_file(file: &Path) -> Result<(List, Vec<Diagnostic>), AppError> {
    let imported = read_imported(file, &Limits::default())?;
    Ok((imported.list, imported.warnings))
}

/// Reads a list workbook within `limits`, with everything the importer knows about it.
///
/// # Errors
/// As [`read_list_file`].
pub(super) fn read_imported(file: &Path, limits: &Limits) -> Result<Imported, AppError> {
    if !file.is_file() {
        return Err(AppError::InputMissing {
            path: file.to_path_buf(),
        });
    }
    Ok(read_workbook_with(file, limits)?)
}
