//! The yearly revision in the app (`docs/revision.md`): 历史 (list, save, restore snapshots),
//! 对比 (the list against a workbook or a snapshot, and its 修订说明), coverage against a
//! register extract on 审核, and the 备案 of each enterprise's plan. The same core functions
//! as the CLI's `history`, `diff`, `coverage` and `filing`, over the session's store and its
//! list in memory.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::Session;
use crate::app::error::{AppError, FieldProblem};
use crate::app::records::RecordKind;
use crate::app::revision::read_extract_file;
use crate::app::views::{CompareWith, EnterpriseRow, FileWritten, HistoryRestored};
use crate::app::{DiffOutcome, DiffSide};
use crate::revision::{coverage, diff, Coverage, ListDiff};
use crate::store::{Filing, FilingState, SnapshotInfo};

impl CompareWith {
    fn side(&self) -> DiffSide {
        match self {
            CompareWith::File(path) => DiffSide::File(PathBuf::from(path)),
            CompareWith::Snapshot(id) => DiffSide::Snapshot(*id),
        }
    }
}

impl Session {
    /// Every snapshot of the list, newest first (历史).
    ///
    /// # Errors
    /// [`AppError::Store`] when the file cannot be read.
    pub fn history(&self) -> Result<Vec<SnapshotInfo>, AppError> {
        Ok(self.store.snapshots()?)
    }

    /// Keeps the list as it now is as a snapshot noted `note`; the history after it.
    ///
    /// # Errors
    /// [`AppError::Refused`] on the field `note` when it is empty (a save is found again by
    /// its note); [`AppError::Store`] when the write fails.
    pub fn save_to_history(&mut self, note: &str) -> Result<Vec<SnapshotInfo>, AppError> {
        if note.trim().is_empty() {
            return Err(AppError::Refused(vec![FieldProblem::new(
                "note",
                "请写明这次保存的说明，例如“报市局前定稿”",
            )]));
        }
        crate::app::save_snapshot(&mut self.store, note)?;
        self.history()
    }

    /// Replaces the list by snapshot `id` after keeping the list it replaces as a snapshot
    /// (restoring that one undoes this), then reads everything again. The undo history goes:
    /// it names records of the replaced list.
    ///
    /// # Errors
    /// [`AppError::Store`] with `NoSnapshot` for an unknown id (nothing changed), or when the
    /// write fails (the store then unchanged).
    pub fn restore(&mut self, id: i64) -> Result<HistoryRestored, AppError> {
        let done = crate::app::restore_snapshot(&mut self.store, id)?;
        self.reload()?;
        Ok(HistoryRestored {
            restored: done.restored,
            before: done.before,
            snapshot: self.snapshot(),
        })
    }

    /// The list in the app against `old` (a workbook or a snapshot): what changed, with the
    /// store's emission tolerance.
    ///
    /// # Errors
    /// As [`crate::app::list_of`] for a workbook that is missing or invalid;
    /// [`AppError::Store`] for an unknown snapshot or a store that cannot be read.
    pub fn compare(&self, old: &CompareWith) -> Result<ListDiff, AppError> {
        Ok(self.compared(old)?.diff)
    }

    /// Writes the 修订说明 of the list in the app against `old` to `path`.
    ///
    /// # Errors
    /// As [`Session::compare`]; [`AppError::Doc`] when the file cannot be written.
    pub fn write_revision_note(
        &self,
        old: &CompareWith,
        path: &Path,
    ) -> Result<FileWritten, AppError> {
        crate::app::write_revision_note(&self.compared(old)?, path)?;
        super::file_written(path)
    }

    fn compared(&self, old: &CompareWith) -> Result<DiffOutcome, AppError> {
        let side = old.side();
        let old_list = match &side {
            DiffSide::File(file) => crate::app::list_of(None, Some(file))?,
            DiffSide::Snapshot(id) => self.store.snapshot_list(*id)?,
            DiffSide::Store => self.list.clone(),
        };
        let tolerance = self.store.emission_tolerance()?;
        Ok(DiffOutcome {
            diff: diff(&old_list, &self.list, tolerance),
            old: old_list,
            new: self.list.clone(),
            old_label: side.label(),
        })
    }

    /// The list in the app against an extract of the 排污许可 register, the census or
    /// business registrations (审核 → 排查遗漏).
    ///
    /// # Errors
    /// [`AppError::InputMissing`] when the file does not exist; [`AppError::Invalid`] when it
    /// is no spreadsheet or has no usable header.
    pub fn coverage(&self, file: &Path) -> Result<Coverage, AppError> {
        Ok(coverage(&self.list, &read_extract_file(file)?))
    }

    /// The filing records by enterprise key.
    pub(super) fn filings(&self) -> Result<HashMap<String, Filing>, AppError> {
        Ok(self
            .store
            .filings()?
            .into_iter()
            .map(|f| (f.enterprise.clone(), f))
            .collect())
    }

    /// Sets the 备案 of enterprise `id`: state, date (`YYYY-MM-DD`, empty for none) and
    /// 文号; the enterprise's grid line after it. Ctrl+Z brings back the record it replaced,
    /// or no record (未提交) where there was none.
    ///
    /// # Errors
    /// [`AppError::NotFound`] for an unknown id; [`AppError::Refused`] on the field
    /// `filing.date` for a date that is not `YYYY-MM-DD` (nothing written);
    /// [`AppError::Store`].
    pub fn set_filing(
        &mut self,
        id: i64,
        state: FilingState,
        date: &str,
        number: &str,
    ) -> Result<EnterpriseRow, AppError> {
        let e = super::find::<crate::model::Enterprise>(&self.list, id)?.clone();
        let date = date.trim();
        let parsed = if date.is_empty() {
            None
        } else {
            match NaiveDate::parse_from_str(date, "%Y-%m-%d") {
                Ok(d) => Some(d),
                Err(_) => {
                    return Err(AppError::Refused(vec![FieldProblem::new(
                        "filing.date",
                        format!(
                            "“{}”的备案日期“{date}”不是日期，请写成 2026-09-20 这样",
                            e.name
                        ),
                    )]))
                }
            }
        };
        let filing = Filing {
            enterprise: e.key(),
            state,
            date: parsed,
            number: number.trim().to_string(),
        };
        let before = self.store.filing(&filing.enterprise)?;
        self.store.set_filing(&filing)?;
        let (key, id) = (filing.enterprise.clone(), e.id);
        self.push_undo(
            format!("撤销对“{}”备案的修改", e.name),
            Box::new(move |s: &mut Session| {
                match before {
                    Some(previous) => s.store.set_filing(&previous)?,
                    None => s.store.clear_filing(&key)?,
                }
                Ok((RecordKind::Enterprise, id))
            }),
        );
        Ok(EnterpriseRow::of(&e, Some(&filing)))
    }
}

#[cfg(test)]
mod tests;
