//! The app's session: the open store, an in-memory copy of its list, the current report and
//! the undo stack. Every edit is saved through the store in one transaction first; only
//! when that succeeded is the in-memory list changed and the report recomputed
//! (`reduce::check`, tens of milliseconds at 60,000 sources), so the 总览 the UI shows is
//! always the stored list's.
//!
//! Nothing here knows about Tauri: the commands are thin wrappers, and this is tested
//! directly on an in-memory store.

use crate::error::{AppError, ErrorCode};
use crate::records::{find, Record, RecordKind};
use jianpai::model::{Baseline, List, PerLevel};
use jianpai::reduce::{self, Report};
use jianpai::store::Store;
use std::path::{Path, PathBuf};

/// How many edits Ctrl+Z can take back.
const UNDO_DEPTH: usize = 200;

/// A step that takes one edit back: it restores the previous record (or removes an added
/// one) through the store and says what it touched.
type UndoFn = Box<dyn FnOnce(&mut AppState) -> Result<(RecordKind, i64), AppError> + Send>;

struct UndoStep {
    label: String,
    apply: UndoFn,
}

/// A workbook read by a dry run, kept so that the import that follows writes exactly what
/// was shown (and does not read a large file twice).
pub struct PendingImport {
    /// The file that was read.
    pub path: PathBuf,
    /// What it holds.
    pub list: List,
}

/// The open data file and everything derived from it.
pub struct AppState {
    /// The SQLite store (same file as the CLI's).
    pub store: Store,
    /// Where it is (shown in 设置); `None` for an in-memory store.
    pub db_path: Option<PathBuf>,
    /// The stored list, kept in memory for instant reads and recomputes.
    pub list: List,
    /// `reduce::check(&list)`, recomputed after every change.
    pub report: Report,
    /// The last dry-run import, if any.
    pub pending: Option<PendingImport>,
    undo: Vec<UndoStep>,
}

impl AppState {
    /// Opens (or creates) the data file at `path` and loads its list.
    ///
    /// # Errors
    /// `store.io` when the file cannot be opened or read.
    pub fn open(path: &Path) -> Result<AppState, AppError> {
        let store = Store::open(path)?;
        AppState::with_store(store, Some(path.to_path_buf()))
    }

    /// A session over an already open store.
    ///
    /// # Errors
    /// `store.io` when the list cannot be loaded.
    pub fn with_store(store: Store, db_path: Option<PathBuf>) -> Result<AppState, AppError> {
        let list = store.load()?;
        let report = reduce::check(&list);
        Ok(AppState {
            store,
            db_path,
            list,
            report,
            pending: None,
            undo: Vec::new(),
        })
    }

    /// True when the list has no source of any kind (first run: offer a sample).
    pub fn is_empty(&self) -> bool {
        self.list.enterprises.is_empty() && self.list.sites.is_empty() && self.list.fleets.is_empty()
    }

    /// What the next Ctrl+Z would take back, if anything.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    fn recompute(&mut self) {
        self.report = reduce::check(&self.list);
    }

    fn push_undo(&mut self, label: String, apply: UndoFn) {
        self.undo.push(UndoStep { label, apply });
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
    }

    /// Saves an edited or new record, refusing invalid input; Ctrl+Z restores the previous
    /// version (or removes the new record).
    ///
    /// # Errors
    /// `input.invalid` with the refused fields; `not_found` for an unknown id; `store.io`.
    pub fn save<R: Record>(&mut self, record: R) -> Result<R, AppError> {
        let problems = record.problems();
        if !problems.is_empty() {
            return Err(AppError::invalid(problems));
        }
        let before = if record.id() == 0 {
            None
        } else {
            Some(find::<R>(&mut self.list, record.id())?.clone())
        };
        let saved = R::save(&mut self.store, &record)?;
        self.put(saved.clone());
        self.recompute();
        let label = format!("撤销对{}的修改", R::NOUN);
        let id = saved.id();
        self.push_undo(
            label,
            Box::new(move |s: &mut AppState| match before {
                Some(previous) => {
                    let restored = R::save(&mut s.store, &previous)?;
                    let id = restored.id();
                    s.put(restored);
                    Ok((R::KIND, id))
                }
                None => {
                    R::delete(&mut s.store, id)?;
                    R::all(&mut s.list).retain(|r| r.id() != id);
                    Ok((R::KIND, id))
                }
            }),
        );
        Ok(saved)
    }

    /// Deletes a record; Ctrl+Z inserts it again (with new ids).
    ///
    /// # Errors
    /// `not_found` for an unknown id; `store.io`.
    pub fn delete<R: Record>(&mut self, id: i64) -> Result<(), AppError> {
        let mut before = find::<R>(&mut self.list, id)?.clone();
        R::delete(&mut self.store, id)?;
        R::all(&mut self.list).retain(|r| r.id() != id);
        self.recompute();
        self.push_undo(
            format!("撤销删除{}", R::NOUN),
            Box::new(move |s: &mut AppState| {
                before.clear_ids();
                let again = R::save(&mut s.store, &before)?;
                let id = again.id();
                s.put(again);
                Ok((R::KIND, id))
            }),
        );
        Ok(())
    }

    /// Replaces the record with the same id in the list, or appends it.
    fn put<R: Record>(&mut self, record: R) {
        let all = R::all(&mut self.list);
        match all.iter_mut().find(|r| r.id() == record.id()) {
            Some(slot) => *slot = record,
            None => all.push(record),
        }
    }

    /// Changes the list's settings (baseline, targets, trade, area and year) at once;
    /// Ctrl+Z restores the previous ones.
    ///
    /// # Errors
    /// `input.invalid` for a target outside 0–100 % or a negative baseline; `store.io`.
    pub fn set_settings(&mut self, new: Settings) -> Result<(), AppError> {
        let problems = new.problems();
        if !problems.is_empty() {
            return Err(AppError::invalid(problems));
        }
        let old = Settings::of(&self.list);
        self.write_settings(&new)?;
        self.push_undo(
            "撤销对基准与目标的修改".into(),
            Box::new(move |s: &mut AppState| {
                s.write_settings(&old)?;
                Ok((RecordKind::Settings, 0))
            }),
        );
        Ok(())
    }

    fn write_settings(&mut self, new: &Settings) -> Result<(), AppError> {
        self.store.set_baseline(new.baseline)?;
        self.store.set_targets(new.targets)?;
        self.store.set_trade(new.so2_nox_trade)?;
        self.store.set_area(&new.area, new.year)?;
        self.list.baseline = new.baseline;
        self.list.targets = new.targets;
        self.list.so2_nox_trade = new.so2_nox_trade;
        self.list.area = new.area.clone();
        self.list.year = new.year;
        self.recompute();
        Ok(())
    }

    /// Takes the last edit back.
    ///
    /// # Errors
    /// `undo.empty` when there is nothing to undo; the store's failure.
    pub fn undo(&mut self) -> Result<(RecordKind, i64), AppError> {
        let step = self
            .undo
            .pop()
            .ok_or_else(|| AppError::new(ErrorCode::UndoEmpty, "没有可以撤销的修改"))?;
        let touched = (step.apply)(self)?;
        self.recompute();
        Ok(touched)
    }

    /// Writes a whole list into the store (merge or replace), reloads it and forgets the
    /// undo history (an import is taken back from the automatic backup instead).
    ///
    /// # Errors
    /// `store.io`.
    pub fn import(&mut self, list: &List, mode: jianpai::store::ImportMode) -> Result<(), AppError> {
        self.store.import(list, mode)?;
        self.reload()
    }

    /// Reloads the list from the store.
    ///
    /// # Errors
    /// `store.io`.
    pub fn reload(&mut self) -> Result<(), AppError> {
        self.list = self.store.load()?;
        self.recompute();
        self.undo.clear();
        self.pending = None;
        Ok(())
    }
}

/// The list-wide settings edited on the 总览 (and their undo).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Settings {
    /// 地区 / 区县.
    pub area: String,
    /// 年度.
    pub year: Option<i32>,
    /// Whole-society emissions; `None` until the inventory's figures are entered.
    pub baseline: Option<Baseline>,
    /// Targets per level as fractions.
    pub targets: PerLevel<f64>,
    /// The SO2/NOx trade.
    pub so2_nox_trade: bool,
}

impl Settings {
    /// The settings of `list`.
    pub fn of(list: &List) -> Settings {
        Settings {
            area: list.area.clone(),
            year: list.year,
            baseline: list.baseline,
            targets: list.targets,
            so2_nox_trade: list.so2_nox_trade,
        }
    }

    fn problems(&self) -> Vec<crate::error::FieldProblem> {
        use crate::error::FieldProblem;
        use jianpai::model::{Level, Pollutant};
        let mut out = Vec::new();
        for l in Level::ALL {
            let t = *self.targets.get(l);
            if !(t > 0.0 && t <= 1.0) {
                out.push(FieldProblem::new(
                    format!("targets.{}", l.key()),
                    format!("{}目标减排比例应大于0%且不超过100%", l.name_zh()),
                ));
            }
        }
        if let Some(b) = &self.baseline {
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
}
