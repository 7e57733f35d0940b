//! `backup list` and `backup restore`: the whole-file backups beside the store.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

use super::error::AppError;
use super::session::Session;
use super::views::Snapshot;
use crate::store::{backups_dir, list_backups, resolve_db_path, BackupInfo, Store, StoreError};

/// One backup as the 设置 screen lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BackupRow {
    /// The file name inside the backups folder (what a restore names).
    pub file: String,
    /// When it was taken, local time, `YYYY-MM-DD HH:MM:SS`.
    pub taken: String,
    /// Why, as stored in the name: `import`, `restore` or `daily`.
    pub reason: String,
    /// Why, in Chinese: 导入前, 恢复前, 每日.
    pub reason_label: String,
    /// Its size in bytes (a JSON number: far below 2⁵³).
    #[ts(type = "number")]
    pub bytes: u64,
}

impl From<&BackupInfo> for BackupRow {
    fn from(b: &BackupInfo) -> Self {
        BackupRow {
            file: b
                .path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            taken: b.taken.clone(),
            reason: b.reason.clone(),
            reason_label: reason_label(&b.reason).to_string(),
            bytes: b.bytes,
        }
    }
}

/// Where the program keeps what, for the 关于 dialog.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct About {
    /// The program's version (`jianpai --version`).
    pub version: String,
    /// The data file in use.
    pub data_file: String,
    /// The folder holding it.
    pub data_dir: String,
    /// The folder of its automatic backups.
    pub backups_dir: String,
}

/// The version and the folders of the data file at `db`.
pub fn about(db: &Path) -> About {
    let dir = db
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    About {
        version: env!("CARGO_PKG_VERSION").to_string(),
        data_file: db.display().to_string(),
        data_dir: dir.display().to_string(),
        backups_dir: backups_dir(db).display().to_string(),
    }
}

/// The Chinese word for why a backup was taken.
fn reason_label(reason: &str) -> &str {
    match reason {
        "import" => "导入前",
        "restore" => "恢复前",
        "daily" => "每日",
        other => other,
    }
}

impl Session {
    /// The backups of the open data file, newest first (none for an in-memory store).
    ///
    /// # Errors
    /// [`AppError::Store`] when the backups folder cannot be read.
    pub fn backups(&self) -> Result<Vec<BackupRow>, AppError> {
        let Some(db) = self.db_path() else {
            return Ok(Vec::new());
        };
        Ok(list_backups(db)?
            .iter()
            .rev()
            .map(BackupRow::from)
            .collect())
    }

    /// Replaces the open list by the backup `file` (a name as [`Session::backups`] gives it),
    /// after backing up the state before; then everything is loaded again. Undo history is
    /// forgotten: the restore itself is undone by restoring the backup it took.
    ///
    /// # Errors
    /// [`AppError::Usage`] for a name that is not a plain file name; [`AppError::Store`] for
    /// a missing or unusable backup (the list is then unchanged) or a failed copy.
    pub fn restore_backup(&mut self, file: &str) -> Result<Snapshot, AppError> {
        let Some(db) = self.db_path().map(Path::to_path_buf) else {
            return Err(AppError::Closed);
        };
        if Path::new(file).file_name().and_then(|n| n.to_str()) != Some(file) {
            return Err(AppError::Usage(format!(
                "“{file}”不是备份文件名：请从备份列表中选择"
            )));
        }
        self.store_mut()
            .restore_backup(&backups_dir(&db).join(file))?;
        self.reload()?;
        Ok(self.snapshot())
    }

    /// The version and the folders of the open data file (empty paths in memory).
    pub fn about(&self) -> About {
        about(self.db_path().unwrap_or(Path::new("")))
    }
}

/// The backups of the chosen store, oldest first.
///
/// # Errors
/// [`AppError::Store`] when the backups folder cannot be read.
pub fn run_backup_list(db: Option<PathBuf>) -> Result<(PathBuf, Vec<BackupInfo>), AppError> {
    let path = resolve_db_path(db);
    let backups = list_backups(&path)?;
    Ok((path, backups))
}

/// Restores the chosen store from `backup`: a path, or a file name inside the store's
/// `backups/` folder (as `backup list` shows it). The store as it was is backed up first.
/// Returns that backup.
///
/// # Errors
/// [`AppError::Store`]: no such backup, an unusable backup (the store is then unchanged), or
/// a failed copy.
pub fn run_restore(db: Option<PathBuf>, backup: &Path) -> Result<Option<PathBuf>, AppError> {
    let path = resolve_db_path(db);
    let from = if backup.exists() {
        backup.to_path_buf()
    } else {
        backups_dir(&path).join(backup)
    };
    if !from.is_file() {
        return Err(StoreError::Missing { path: from }.into());
    }
    // Restoring creates the store when it is gone: that is what a restore is for.
    let mut store = Store::open(&path)?;
    Ok(store.restore_backup(&from)?)
}

/// The backups as a table: when, why, size, file.
pub fn render_backups(db: &Path, backups: &[BackupInfo]) -> String {
    let mut out = String::new();
    if backups.is_empty() {
        let _ = writeln!(
            out,
            "数据文件 {} 还没有备份（导入前、恢复前和每天首次打开时自动备份到 {}）",
            db.display(),
            backups_dir(db).display()
        );
        return out;
    }
    let _ = writeln!(
        out,
        "数据文件 {} 的备份（共 {} 个）：",
        db.display(),
        backups.len()
    );
    for b in backups {
        let reason = reason_label(&b.reason);
        let name = b
            .path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let _ = writeln!(
            out,
            "  {}  {:<4}  {:>8.1} KB  {}",
            b.taken,
            reason,
            b.bytes as f64 / 1024.0,
            name
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::ImportMode;

    #[test]
    fn the_session_lists_backups_and_restores_one_with_everything_reloaded() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("list.sqlite");
        let mut s = Session::open(&db).unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-lists");
        let first = root.join("洹水县-2026-模板甲.xlsx");
        let second = root.join("淇河县-2026-模板乙.xlsx");
        assert!(s.backups().unwrap().is_empty());
        s.import(&first, ImportMode::Replace).unwrap();
        let counts_first = s.snapshot().report.counts;
        s.import(&second, ImportMode::Replace).unwrap();
        assert_ne!(s.snapshot().report.counts, counts_first);
        let backups = s.backups().unwrap();
        assert_eq!(backups.len(), 1, "{backups:?}");
        assert_eq!(
            (backups[0].reason.as_str(), backups[0].reason_label.as_str()),
            ("import", "导入前")
        );
        assert!(backups[0].bytes > 0 && backups[0].file.ends_with("-import.sqlite"));

        let restored = s.restore_backup(&backups[0].file).unwrap();
        assert_eq!(restored.report.counts, counts_first);
        assert_eq!(s.snapshot().report.counts, counts_first);
        assert_eq!(s.undo_label(), None);
        // Newest first; the restore backed up the state before it.
        let after = s.backups().unwrap();
        assert_eq!(after.len(), 2);
        assert_eq!(after[0].reason, "restore");

        let err = s.restore_backup("../list.sqlite").unwrap_err();
        assert_eq!(err.exit_code(), crate::app::EXIT_USAGE);
        let err = s.restore_backup("没有这个备份.sqlite").unwrap_err();
        assert_eq!(err.exit_code(), crate::app::EXIT_FAILURE);
        assert_eq!(s.snapshot().report.counts, counts_first, "unchanged");

        let about = s.about();
        assert_eq!(about.version, env!("CARGO_PKG_VERSION"));
        assert_eq!(about.data_file, db.display().to_string());
        assert_eq!(about.data_dir, dir.path().display().to_string());
        assert_eq!(
            about.backups_dir,
            dir.path().join("backups").display().to_string()
        );
    }
}
