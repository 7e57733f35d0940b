//! A working session over one data file, as the desktop app holds it: the open store, an
//! in-memory copy of its list, the current report and the undo stack. Every edit is saved
//! through the store in one transaction first; only when that succeeded is the in-memory
//! list changed and the report recomputed, so what a screen shows is always the stored
//! list's. The recompute keeps each enterprise's own part of the check ([`reduce::Memo`]) and
//! computes again only the enterprises an edit touched: every change of an enterprise in
//! the list goes through [`Session::put`], [`Session::remove`] or [`Session::reload`], which
//! forget what they changed.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use super::error::{AppError, FieldProblem};
use super::export_all::{BatchOutcome, BatchStep};
use super::import::{import_note, read_imported, ImportOutcome};
use super::records::{find, Record, RecordKind};
use super::review::FindingRow;
use super::rules::{RuleEntry, RuleView};
use super::views::{
    EnterpriseRow, FileWritten, ImportCounts, ImportPreview, Saved, Shown, Snapshot, Undone,
};
use super::warnings::group_warnings;
use crate::model::{Filing, Level, List, Pollutant, Settings, Stated};
use crate::reduce::{self, Report};
use crate::store::{ImportMode, Store};

/// How many edits Ctrl+Z can take back.
const UNDO_DEPTH: usize = 200;

/// A step that takes one edit back: it restores the previous record (or removes an added
/// one) through the store and says what it touched.
type UndoFn = Box<dyn FnOnce(&mut Session) -> Result<(RecordKind, i64), AppError> + Send>;

struct UndoStep {
    label: String,
    apply: UndoFn,
}

/// A workbook read by a dry run, kept so that the import that follows writes exactly what
/// was shown (and does not read a large file twice).
struct PendingImport {
    path: PathBuf,
    list: List,
    stated: Stated,
    filings: Vec<Filing>,
}

/// The open data file and everything derived from it.
pub struct Session {
    store: Store,
    db_path: Option<PathBuf>,
    list: List,
    report: Report,
    /// The enterprises' parts of `report`, for the next recompute.
    memo: reduce::Memo,
    pending: Option<PendingImport>,
    undo: Vec<UndoStep>,
}

impl Session {
    /// Opens (or creates) the data file at `path` and loads its list.
    ///
    /// # Errors
    /// [`AppError::Store`] when the file cannot be opened or read (locked, newer, not a
    /// data file …).
    pub fn open(path: &Path) -> Result<Session, AppError> {
        let store = Store::open(path)?;
        Session::with_store(store, Some(path.to_path_buf()))
    }

    /// A session over an already open store; `db_path` is where it is (`None` in memory).
    ///
    /// # Errors
    /// [`AppError::Store`] when the list cannot be loaded.
    pub fn with_store(store: Store, db_path: Option<PathBuf>) -> Result<Session, AppError> {
        let list = store.load()?;
        let mut memo = reduce::Memo::default();
        let report = reduce::check_memo(&list, &mut memo);
        Ok(Session {
            store,
            db_path,
            list,
            report,
            memo,
            pending: None,
            undo: Vec::new(),
        })
    }

    /// The stored list, as kept in memory.
    pub fn list(&self) -> &List {
        &self.list
    }

    /// The report of the stored list.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The store, for records that live beside the list (the episode's 台账): reading them
    /// needs no list reload.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The store, for writing records that live beside the list (the episode's 台账).
    /// Nothing written through it may change the list itself: the session's copy of the list
    /// and its report would then be stale.
    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// Writes the 测算说明 of the list, with the county's stated reasons and requested
    /// ratios, to `path`.
    ///
    /// # Errors
    /// [`AppError::Store`] when the reasons cannot be read, [`AppError::Doc`] on a write error.
    pub fn write_note(&self, path: &Path) -> Result<FileWritten, AppError> {
        super::run_note(&self.list, &self.store.note_requests()?, path)?;
        file_written(path)
    }

    /// Writes the annual submission with the stored 备案 as columns (or, with `enterprise`,
    /// that enterprise's workbook) to `path`; a submission is kept as a snapshot of the list,
    /// as the CLI keeps it.
    ///
    /// # Errors
    /// [`AppError::Export`] on a write error or an unknown enterprise, [`AppError::Store`]
    /// when the snapshot cannot be taken.
    pub fn export(
        &mut self,
        enterprise: Option<&str>,
        path: &Path,
    ) -> Result<FileWritten, AppError> {
        super::run_export(
            &self.list,
            &self.store.note_requests()?,
            &super::stored_filings(&self.store)?,
            enterprise,
            path,
        )?;
        if enterprise.is_none() {
            super::record_submission(&mut self.store, path)?;
        }
        file_written(path)
    }

    /// Writes every document into `dir` (导出 → 全部导出, [`super::export_all`]) with the
    /// county's stated reasons; a submission workbook written is kept as a snapshot of the
    /// list, as a single export keeps it.
    ///
    /// # Errors
    /// [`AppError::Doc`] when the folder cannot be created, [`AppError::Store`] when the
    /// reasons cannot be read or the snapshot cannot be taken.
    pub fn export_all(
        &mut self,
        dir: &Path,
        progress: &mut dyn FnMut(&BatchStep),
        cancel: &AtomicBool,
    ) -> Result<BatchOutcome, AppError> {
        let requests = self.store.note_requests()?;
        let filings = super::stored_filings(&self.store)?;
        let outcome = super::export_all(&self.list, &requests, &filings, dir, progress, cancel)?;
        if let Some(workbook) = &outcome.workbook {
            super::record_submission(&mut self.store, workbook)?;
        }
        Ok(outcome)
    }

    /// The data file (`None` for an in-memory store).
    pub fn db_path(&self) -> Option<&Path> {
        self.db_path.as_deref()
    }

    /// True when the list has no source of any kind (first run: offer a sample).
    pub fn is_empty(&self) -> bool {
        self.list.enterprises.is_empty()
            && self.list.sites.is_empty()
            && self.list.fleets.is_empty()
    }

    /// Loads the list again after the store's list was replaced as a whole (an import, a
    /// snapshot or a backup restored): the report is recomputed, and the undo history (which
    /// names records of the old list) and a pending dry run are forgotten.
    ///
    /// # Errors
    /// [`AppError::Store`] when the list cannot be read.
    pub(super) fn reload(&mut self) -> Result<(), AppError> {
        self.list = self.store.load()?;
        self.memo.clear();
        self.recompute();
        self.undo.clear();
        self.pending = None;
        Ok(())
    }

    /// Forgets a workbook read by a dry run, so that the import that follows reads it again
    /// (the bounds it was read with have changed).
    pub(super) fn forget_pending(&mut self) {
        self.pending = None;
    }

    /// What the next Ctrl+Z would take back, if anything.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// The report, the settings and the undo label: what every screen refreshes from.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            report: self.report.clone(),
            settings: Settings::of(&self.list),
            db_path: self
                .db_path
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            empty: self.is_empty(),
            undo: self.undo_label().map(str::to_string),
        }
    }

    /// How many findings of [`Session::findings`] are open errors — not marked fixed against
    /// a sent sheet — for 总览's badge: the same review, without placing every finding on its
    /// record and sending thousands of them only to be counted.
    ///
    /// # Errors
    /// As [`Session::findings`].
    pub fn review_error_count(&self) -> Result<usize, AppError> {
        let found = super::review_stored(&self.store, &self.list)?.findings;
        Ok(found.iter().filter(|f| f.is_open_error()).count())
    }

    /// The review of the list as `jianpai review` gives it — by the rule settings stored
    /// with the list, with the filing warnings and the status against sent sheets — each
    /// finding with the record it is about.
    ///
    /// # Errors
    /// [`AppError::Store`] when the settings, filings or sent sheets cannot be read.
    pub fn findings(&self) -> Result<Vec<FindingRow>, AppError> {
        let found = super::review_stored(&self.store, &self.list)?.findings;
        Ok(super::findings(&self.list, found))
    }

    /// Every review rule as it applies to this list, beside its defaults (设置).
    ///
    /// # Errors
    /// [`AppError::Store`] when the stored settings cannot be read.
    pub fn rule_entries(&self) -> Result<Vec<RuleEntry>, AppError> {
        Ok(super::rule_entries(&super::rules_of(&self.store)?))
    }

    /// Changes one setting of a review rule (kept with the list, as `jianpai rules set`);
    /// the list and its report are unchanged, only the next review differs.
    ///
    /// # Errors
    /// [`AppError::Usage`] for an unknown rule or key or a value it does not take (nothing
    /// stored); [`AppError::Store`] when the write fails.
    pub fn set_rule(&mut self, id: &str, key: &str, value: &str) -> Result<RuleView, AppError> {
        super::set_rule(&mut self.store, id, key, value)
    }

    /// Brings back the defaults of rule `id`, or of every rule (`jianpai rules reset`);
    /// returns how many stored settings were forgotten.
    ///
    /// # Errors
    /// [`AppError::Usage`] for an unknown rule id; [`AppError::Store`] when the write fails.
    pub fn reset_rules(&mut self, id: Option<&str>) -> Result<usize, AppError> {
        super::reset_rules(&mut self.store, id)
    }

    /// The 工业源 grid: one line per enterprise, with its 备案.
    ///
    /// # Errors
    /// [`AppError::Store`] when the filing records cannot be read.
    pub fn enterprise_rows(&self) -> Result<Vec<EnterpriseRow>, AppError> {
        let filings = self.filings()?;
        Ok(self
            .list
            .enterprises
            .iter()
            .map(|e| EnterpriseRow::of(e, filings.get(&e.key())))
            .collect())
    }

    /// The record `id` of kind `R` with its sources' effects.
    ///
    /// # Errors
    /// [`AppError::NotFound`] for an unknown id.
    pub fn shown<R: Record>(&self, id: i64) -> Result<Shown<R>, AppError> {
        Ok(Shown::of(find::<R>(&self.list, id)?.clone()))
    }

    /// Every record of kind `R` with its sources' effects.
    pub fn all<R: Record>(&self) -> Vec<Shown<R>> {
        R::all(&self.list).iter().cloned().map(Shown::of).collect()
    }

    fn recompute(&mut self) {
        self.report = reduce::check_memo(&self.list, &mut self.memo);
    }

    fn push_undo(&mut self, label: String, apply: UndoFn) {
        self.undo.push(UndoStep { label, apply });
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
    }

    /// Saves an edited or new (id 0) record, refusing invalid input; Ctrl+Z restores the
    /// previous version (or removes the new record).
    ///
    /// # Errors
    /// [`AppError::Refused`] with the refused fields (nothing saved); [`AppError::NotFound`]
    /// for an unknown id; [`AppError::Store`].
    pub fn save<R: Record>(&mut self, record: R) -> Result<Saved<R>, AppError> {
        let problems = record.problems();
        if !problems.is_empty() {
            return Err(AppError::Refused(problems));
        }
        let before = if record.id() == 0 {
            None
        } else {
            Some(find::<R>(&self.list, record.id())?.clone())
        };
        let saved = R::save(&mut self.store, &record)?;
        self.put(saved.clone());
        self.recompute();
        let id = saved.id();
        self.push_undo(
            format!("撤销对{}的修改", R::NOUN),
            Box::new(move |s: &mut Session| match before {
                Some(previous) => {
                    let restored = R::save(&mut s.store, &previous)?;
                    let id = restored.id();
                    s.put(restored);
                    Ok((R::KIND, id))
                }
                None => {
                    R::delete(&mut s.store, id)?;
                    s.remove::<R>(id);
                    Ok((R::KIND, id))
                }
            }),
        );
        let row = match (R::KIND == RecordKind::Enterprise)
            .then(|| self.list.enterprises.iter().find(|e| e.id == id))
            .flatten()
        {
            Some(e) => Some(EnterpriseRow::of(e, self.store.filing(&e.key())?.as_ref())),
            None => None,
        };
        Ok(Saved {
            effects: saved.effects(),
            record: saved,
            row,
            snapshot: self.snapshot(),
        })
    }

    /// Deletes a record; Ctrl+Z inserts it again (with new ids).
    ///
    /// # Errors
    /// [`AppError::NotFound`] for an unknown id; [`AppError::Store`].
    pub fn delete<R: Record>(&mut self, id: i64) -> Result<Snapshot, AppError> {
        let mut before = find::<R>(&self.list, id)?.clone();
        R::delete(&mut self.store, id)?;
        self.remove::<R>(id);
        self.recompute();
        self.push_undo(
            format!("撤销删除{}", R::NOUN),
            Box::new(move |s: &mut Session| {
                before.clear_ids();
                let again = R::save(&mut s.store, &before)?;
                let id = again.id();
                s.put(again);
                Ok((R::KIND, id))
            }),
        );
        Ok(self.snapshot())
    }

    /// Replaces the record with the same id in the list, or appends it.
    fn put<R: Record>(&mut self, record: R) {
        self.forget::<R>(record.id());
        let all = R::all_mut(&mut self.list);
        match all.iter_mut().find(|r| r.id() == record.id()) {
            Some(slot) => *slot = record,
            None => all.push(record),
        }
    }

    /// Takes the record `id` of kind `R` out of the list.
    fn remove<R: Record>(&mut self, id: i64) {
        self.forget::<R>(id);
        R::all_mut(&mut self.list).retain(|r| r.id() != id);
    }

    /// Forgets the remembered check of enterprise `id` (other kinds are not remembered).
    fn forget<R: Record>(&mut self, id: i64) {
        if R::KIND == RecordKind::Enterprise {
            self.memo.forget(id);
        }
    }

    /// Changes the list's settings (baseline, targets, trade, area and year) at once, in
    /// one transaction; Ctrl+Z restores the previous ones.
    ///
    /// # Errors
    /// [`AppError::Refused`] for a target outside 0–100 % or a negative baseline;
    /// [`AppError::Store`].
    pub fn set_settings(&mut self, new: Settings) -> Result<Snapshot, AppError> {
        let problems = settings_problems(&new);
        if !problems.is_empty() {
            return Err(AppError::Refused(problems));
        }
        let old = Settings::of(&self.list);
        self.write_settings(&new)?;
        self.push_undo(
            "撤销对基准与目标的修改".into(),
            Box::new(move |s: &mut Session| {
                s.write_settings(&old)?;
                Ok((RecordKind::Settings, 0))
            }),
        );
        Ok(self.snapshot())
    }

    fn write_settings(&mut self, new: &Settings) -> Result<(), AppError> {
        self.store.set_settings(new)?;
        new.apply_to(&mut self.list);
        self.recompute();
        Ok(())
    }

    /// Takes the last edit back.
    ///
    /// # Errors
    /// [`AppError::UndoEmpty`] when there is nothing to undo; the store's failure.
    pub fn undo(&mut self) -> Result<Undone, AppError> {
        let step = self.undo.pop().ok_or(AppError::UndoEmpty)?;
        let (kind, id) = (step.apply)(self)?;
        self.recompute();
        Ok(Undone {
            kind,
            id,
            snapshot: self.snapshot(),
        })
    }

    /// Reads a workbook without writing anything (the CLI's `import --dry-run`): counts,
    /// errors and warnings. A valid list is kept for the [`Session::import`] that follows.
    pub fn import_preview(&mut self, path: &Path) -> ImportPreview {
        let outcome = match self.store.preferences() {
            Ok(prefs) => ImportOutcome::read(path, &prefs.limits()),
            Err(e) => ImportOutcome::failed(path, &e.into()),
        };
        let list = outcome.list.as_ref();
        let preview = ImportPreview {
            path: path.display().to_string(),
            counts: ImportCounts::of(outcome.counts, list),
            area: list.map(|l| l.area.clone()).unwrap_or_default(),
            year: list.and_then(|l| l.year),
            has_baseline: list.is_some_and(|l| l.baseline.is_some()),
            errors: outcome.errors,
            warning_count: outcome.warnings.len(),
            warnings: group_warnings(&outcome.warnings),
        };
        let stated = outcome.stated;
        let filings = outcome.filings;
        self.pending = outcome.list.map(|list| PendingImport {
            path: path.to_path_buf(),
            list,
            stated,
            filings,
        });
        preview
    }

    /// Imports the workbook shown by the last dry run (or reads it again) exactly as
    /// `jianpai import` does: the store backs a non-empty data file up first (`backups/`)
    /// and keeps a history snapshot noted with the file's name in the same transaction (an
    /// import is not on the undo stack; 历史 can restore the list before it), and sets the
    /// 备案 the workbook's columns give in the same transaction. Forgets the undo history.
    ///
    /// # Errors
    /// [`AppError::Invalid`] when the workbook has errors (nothing written);
    /// [`AppError::Store`].
    pub fn import(&mut self, path: &Path, mode: ImportMode) -> Result<Snapshot, AppError> {
        let (list, stated, filings) = match self.pending.take() {
            Some(p) if p.path == path => (p.list, p.stated, p.filings),
            _ => {
                let limits = self.store.preferences()?.limits();
                let imported = read_imported(path, &limits)?;
                (imported.list, imported.stated, imported.filings)
            }
        };
        self.import_list(&list, stated, &filings, mode, &import_note(path))?;
        Ok(self.snapshot())
    }

    /// Writes a whole list into the store (merge or replace; in a merge the targets and
    /// trade switch only where `stated`) with the 备案 records `filings` and a history
    /// snapshot noted `note`, all in one transaction, reloads it and forgets the undo history.
    ///
    /// # Errors
    /// [`AppError::Store`].
    pub fn import_list(
        &mut self,
        list: &List,
        stated: Stated,
        filings: &[Filing],
        mode: ImportMode,
        note: &str,
    ) -> Result<i64, AppError> {
        let (_, snapshot) = self
            .store
            .import_recorded_with(list, stated, mode, note, filings)?;
        self.reload()?;
        Ok(snapshot)
    }

    /// Copies the data file to `path` (设置 → 备份).
    ///
    /// # Errors
    /// [`AppError::Store`] when the copy cannot be written.
    pub fn backup(&self, path: &Path) -> Result<FileWritten, AppError> {
        self.store.backup_to(path)?;
        file_written(path)
    }
}

/// The written file with its size, as a front end reports it.
///
/// # Errors
/// [`AppError::Output`] when the file just written cannot be read back.
pub fn file_written(path: &Path) -> Result<FileWritten, AppError> {
    let bytes = std::fs::metadata(path)?.len();
    Ok(FileWritten {
        path: path.display().to_string(),
        bytes,
    })
}

/// Why new settings cannot be saved: a target outside (0, 100 %], a negative baseline.
fn settings_problems(s: &Settings) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    for l in Level::ALL {
        let t = *s.targets.get(l);
        if !(t > 0.0 && t <= 1.0) {
            out.push(FieldProblem::new(
                format!("targets.{}", l.key()),
                format!("{}目标减排比例应大于0%且不超过100%", l.name_zh()),
            ));
        }
    }
    if let Some(b) = &s.baseline {
        for p in Pollutant::ALL {
            let v = *b.amounts.get(p);
            if !(v >= 0.0 && v.is_finite()) {
                out.push(FieldProblem::new(
                    format!("baseline.{}", p.key()),
                    format!("全社会{}排放量不能为负数", p.name_zh()),
                ));
            }
        }
    }
    out
}

mod revision;
#[cfg(test)]
mod tests;
