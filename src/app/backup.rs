//! `backup list` and `backup restore`: the whole-file backups beside the store.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use super::error::AppError;
use crate::store::{backups_dir, list_backups, resolve_db_path, BackupInfo, Store, StoreError};

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
        let reason = match b.reason.as_str() {
            "import" => "导入前",
            "restore" => "恢复前",
            "daily" => "每日",
            other => other,
        };
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
