//! Whole-file backups of the store in a `backups/` folder beside it (`docs/robustness.md`).
//!
//! Why: the store survives crashes by itself (one transaction per write), but not a wrong
//! import, a file damaged on disk or a mistaken `--replace`. Before every import into a store
//! that holds a list, before every restore, and once a day on first open, the whole file
//! (list, settings, everything) is copied with SQLite's online backup, which gives a consistent
//! copy even while another program reads or writes. The copy is written to a temporary name
//! and renamed, so a backup under its final name is always complete. The newest N are kept:
//! the store's `keep-backups` preference, [`KEEP_BACKUPS`] by default.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, MAIN_DB};
use serde::Serialize;

use super::{Store, StoreError, APPLICATION_ID};

/// How many backups are kept by default (the `keep-backups` preference changes it); older
/// ones are deleted after each new backup.
pub const KEEP_BACKUPS: usize = 20;

/// The folder of backups beside the store.
pub const BACKUPS_DIR: &str = "backups";

/// Why a backup was taken: part of its file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackupReason {
    /// Before an import.
    Import,
    /// Before a restore replaced the list.
    Restore,
    /// The first open of the day.
    Daily,
}

impl BackupReason {
    fn word(self) -> &'static str {
        match self {
            BackupReason::Import => "import",
            BackupReason::Restore => "restore",
            BackupReason::Daily => "daily",
        }
    }
}

/// One backup file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BackupInfo {
    /// The file.
    pub path: PathBuf,
    /// When it was taken, local time, `YYYY-MM-DD HH:MM:SS`.
    pub taken: String,
    /// Why: import, restore or daily.
    pub reason: String,
    /// Its size in bytes.
    pub bytes: u64,
}

/// The backups folder of the store at `db`.
pub fn backups_dir(db: &Path) -> PathBuf {
    match db.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join(BACKUPS_DIR),
        _ => PathBuf::from(BACKUPS_DIR),
    }
}

/// The backups of the store at `db`, oldest first. A missing folder is no backups.
///
/// # Errors
/// [`StoreError::Io`] when the folder exists but cannot be read.
pub fn list_backups(db: &Path) -> Result<Vec<BackupInfo>, StoreError> {
    let dir = backups_dir(db);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(StoreError::Io { path: dir, source }),
    };
    let stem = file_stem(db);
    let mut out: Vec<BackupInfo> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let (taken, reason) = parse_name(&name, &stem)?;
            let bytes = e.metadata().ok()?.len();
            Some(BackupInfo {
                path: e.path(),
                taken,
                reason,
                bytes,
            })
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn file_stem(db: &Path) -> String {
    db.file_stem()
        .map_or_else(|| "list".to_string(), |s| s.to_string_lossy().into_owned())
}

/// `<stem>-YYYYMMDD-HHMMSS-mmm-<reason>.sqlite` → ("YYYY-MM-DD HH:MM:SS", reason).
fn parse_name(name: &str, stem: &str) -> Option<(String, String)> {
    let rest = name.strip_prefix(stem)?.strip_prefix('-')?;
    let rest = rest.strip_suffix(".sqlite")?;
    let mut parts = rest.splitn(4, '-');
    let (date, time, _ms, reason) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if date.len() != 8
        || time.len() != 6
        || !date.bytes().chain(time.bytes()).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    Some((
        format!(
            "{}-{}-{} {}:{}:{}",
            &date[..4],
            &date[4..6],
            &date[6..],
            &time[..2],
            &time[2..4],
            &time[4..]
        ),
        reason.to_string(),
    ))
}

impl Store {
    /// Copies the whole store into its backups folder now and deletes the oldest backups
    /// beyond the store's `keep-backups` preference. Returns the new backup's path; `None` for
    /// an in-memory store.
    ///
    /// # Errors
    /// [`StoreError::Io`] when the folder or file cannot be written, [`StoreError::Sqlite`]
    /// when SQLite cannot copy; the store itself is never touched.
    pub fn backup(&self, reason: BackupReason) -> Result<Option<PathBuf>, StoreError> {
        let Some(db) = self.path.clone() else {
            return Ok(None);
        };
        // Read before copying: a store whose preferences cannot be read is not pruned by a
        // guess, and the error names the table.
        let keep = self.preferences()?.keep_backups;
        let dir = backups_dir(&db);
        std::fs::create_dir_all(&dir).map_err(|source| StoreError::Io {
            path: dir.clone(),
            source,
        })?;
        let now = chrono::Local::now();
        let name = format!(
            "{}-{}-{}.sqlite",
            file_stem(&db),
            now.format("%Y%m%d-%H%M%S-%3f"),
            reason.word()
        );
        let target = dir.join(name);
        let tmp = dir.join(format!(".backup-{}.tmp", std::process::id()));
        let _ = std::fs::remove_file(&tmp);
        let copied = self
            .conn
            .backup(MAIN_DB, &tmp, None)
            .map_err(StoreError::Sqlite)
            .and_then(|()| {
                std::fs::rename(&tmp, &target).map_err(|source| StoreError::Io {
                    path: target.clone(),
                    source,
                })
            });
        if let Err(e) = copied {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        prune(&db, keep)?;
        Ok(Some(target))
    }

    /// Takes the daily backup when the newest backup is not from today and the store holds a
    /// list. Returns the backup taken, if any.
    ///
    /// # Errors
    /// As [`Store::backup`].
    pub fn backup_daily(&self) -> Result<Option<PathBuf>, StoreError> {
        let Some(db) = self.path.as_deref() else {
            return Ok(None);
        };
        let today = chrono::Local::now().format("%Y-%m-%d").to_string();
        let done_today = list_backups(db)?
            .last()
            .is_some_and(|b| b.taken.starts_with(&today));
        if done_today || self.is_empty()? {
            return Ok(None);
        }
        self.backup(BackupReason::Daily)
    }

    /// Whether the store holds no record at all (nothing to lose).
    pub(crate) fn is_empty(&self) -> Result<bool, StoreError> {
        let any: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM enterprises) OR EXISTS (SELECT 1 FROM sites) \
             OR EXISTS (SELECT 1 FROM fleets) OR EXISTS (SELECT 1 FROM heating)",
            [],
            |r| r.get(0),
        )?;
        Ok(!any)
    }

    /// Replaces the whole store by the backup at `from` (SQLite's online backup, page by page
    /// into the live file, so other readers see the old or the new list). The current store is
    /// backed up first; the backup to restore is checked to be an intact jianpai store before
    /// anything changes. Returns the backup of the state before the restore.
    ///
    /// # Errors
    /// [`StoreError::NotJianpai`] / [`StoreError::Damaged`] for an unusable backup (the store
    /// is then unchanged); any error of [`Store::backup`] or of the copy.
    pub fn restore_backup(&mut self, from: &Path) -> Result<Option<PathBuf>, StoreError> {
        check_backup(from)?;
        let before = self.backup(BackupReason::Restore)?;
        self.conn
            .restore(MAIN_DB, from, None::<fn(rusqlite::backup::Progress)>)
            .map_err(StoreError::Sqlite)?;
        super::migrate(&mut self.conn).map_err(StoreError::Sqlite)?;
        Ok(before)
    }
}

/// A backup must be a jianpai store that passes `PRAGMA quick_check`; opened read-only so the
/// check cannot change it.
fn check_backup(path: &Path) -> Result<(), StoreError> {
    if !path.is_file() {
        return Err(StoreError::Missing {
            path: path.to_path_buf(),
        });
    }
    let conn =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|source| {
            StoreError::Open {
                path: path.to_path_buf(),
                source,
            }
        })?;
    let not_ours = || StoreError::NotJianpai {
        path: path.to_path_buf(),
    };
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|_| not_ours())?;
    if app_id != APPLICATION_ID {
        return Err(not_ours());
    }
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| StoreError::Damaged {
            path: path.to_path_buf(),
            detail: e.to_string(),
        })?;
    if check != "ok" {
        return Err(StoreError::Damaged {
            path: path.to_path_buf(),
            detail: check,
        });
    }
    Ok(())
}

/// Deletes the oldest backups beyond the newest `keep`.
fn prune(db: &Path, keep: usize) -> Result<(), StoreError> {
    let all = list_backups(db)?;
    let excess = all.len().saturating_sub(keep);
    for old in &all[..excess] {
        std::fs::remove_file(&old.path).map_err(|source| StoreError::Io {
            path: old.path.clone(),
            source,
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_back() {
        assert_eq!(
            parse_name("list-20261201-173000-123-import.sqlite", "list"),
            Some(("2026-12-01 17:30:00".to_string(), "import".to_string()))
        );
        assert_eq!(
            parse_name("other-20261201-173000-123-import.sqlite", "list"),
            None
        );
        assert_eq!(parse_name("list-notes.sqlite", "list"), None);
    }
}
