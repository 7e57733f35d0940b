//! The list store: one SQLite file that the CLI and the desktop app share (`cli.md`, "Where
//! the data lives").
//!
//! Why SQLite: a county's list (tens of thousands of source rows) must survive crashes and be
//! edited record by record from the app while the CLI can still read it. The file is opened in
//! WAL mode with `synchronous=NORMAL` (durable at each commit, cheap), `foreign_keys=ON` (a
//! deleted enterprise takes its sources and measures with it) and a busy timeout, so that a
//! second process waits instead of failing at once.
//!
//! **Every write is one transaction**: an import, a save or a delete either happens entirely
//! or leaves the file exactly as it was. The schema is versioned by embedded migrations
//! (`migrations/*.sql`, run in a transaction by `rusqlite_migration`); changes are additive.
//! The file carries SQLite's `application_id` so that a foreign database is refused instead
//! of being "upgraded".

mod episode;
mod error;
mod merge;
mod read;
mod write;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{params, Connection, OpenFlags, Transaction, TransactionBehavior};
use rusqlite_migration::{Migrations, M};

pub use episode::{EpisodeStart, NewInspection};
pub use error::StoreError;
pub use merge::{ImportMode, ImportSummary};

use crate::model::{Baseline, Enterprise, Fleet, Heating, List, Machinery, PerLevel, Site};

/// `PRAGMA application_id` of a jianpai data file ('JPAI').
pub const APPLICATION_ID: i32 = 0x4A50_4149;

/// The environment variable that names the data file when `--db` is not given.
pub const DB_ENV: &str = "JIANPAI_DB";

/// How long a connection waits for another process's write lock before reporting
/// [`StoreError::Locked`].
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The schema migrations, oldest first. Only ever append: a file's `user_version` is the
/// number of migrations applied to it.
const MIGRATION_SQL: &[&str] = &[
    include_str!("migrations/001_init.sql"),
    include_str!("migrations/002_fields.sql"),
    include_str!("migrations/003_episode.sql"),
];

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATION_SQL.iter().map(|sql| M::up(sql)).collect())
}

/// The newest schema version this build knows.
pub fn schema_version() -> i64 {
    MIGRATION_SQL.len() as i64
}

/// The platform's default data file, `<data dir>/jianpai/list.sqlite` (e.g.
/// `~/.local/share/jianpai/list.sqlite` on Linux, `%APPDATA%\jianpai\list.sqlite` on Windows).
/// Where the platform has no data directory, `jianpai/list.sqlite` under the current folder.
pub fn default_db_path() -> PathBuf {
    let base = directories::BaseDirs::new()
        .map(|dirs| dirs.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("jianpai").join("list.sqlite")
}

/// The data file to use: the `--db` flag, else `JIANPAI_DB` (when set and not empty), else
/// [`default_db_path`]. The CLI and the app both call this so that they see one list.
pub fn resolve_db_path(flag: Option<PathBuf>) -> PathBuf {
    flag.or_else(|| {
        std::env::var_os(DB_ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    })
    .unwrap_or_else(default_db_path)
}

/// An open list store. Reads take `&self`; every write takes `&mut self` and runs as one
/// transaction.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Store {
    /// Opens (creating where missing, with its parent folders) the data file at `path` and
    /// brings its schema up to date.
    ///
    /// # Errors
    /// [`StoreError::NotJianpai`] for a file that is some other database or not a database,
    /// [`StoreError::NewerVersion`] for a file of a newer jianpai, [`StoreError::Locked`] when
    /// another process keeps it locked, [`StoreError::Open`] / [`StoreError::Io`] when it
    /// cannot be opened or created.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::Io {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        Store::prepare(conn, Some(path.to_path_buf()))
    }

    /// A store that lives in memory only: for `check FILE` (a throw-away list) and tests.
    ///
    /// # Errors
    /// Only if SQLite cannot allocate the database.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory()?;
        Store::prepare(conn, None)
    }

    /// The data file, `None` for an in-memory store.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn prepare(mut conn: Connection, path: Option<PathBuf>) -> Result<Store, StoreError> {
        let shown = path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        let classify = |e: rusqlite::Error| classify(&shown, e);
        conn.busy_timeout(BUSY_TIMEOUT).map_err(classify)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(classify)?;
        check_identity(&conn, &shown)?;
        if path.is_some() {
            let _mode: String = conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
                .map_err(classify)?;
        }
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(classify)?;
        migrations().to_latest(&mut conn).map_err(|e| match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => classify(err),
            other => StoreError::Migration(other),
        })?;
        Ok(Store { conn, path })
    }

    /// Runs `f` in one immediate transaction and commits; any error rolls everything back.
    fn write<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let shown = self
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from(":memory:"));
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| classify(&shown, e))?;
        let value = f(&tx)?;
        tx.commit().map_err(|e| classify(&shown, e))?;
        Ok(value)
    }

    /// The whole list as stored, ids assigned, in the order it was stored.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] when the file cannot be read, [`StoreError::Corrupt`] for a value
    /// this program did not write.
    pub fn load(&self) -> Result<List, StoreError> {
        read::load(&self.conn)
    }

    /// Brings a list (usually a freshly read workbook) into the store; see [`ImportMode`] for
    /// what is replaced and what is kept. All or nothing.
    ///
    /// # Errors
    /// Any [`StoreError`] of a write; the store is then unchanged.
    pub fn import(
        &mut self,
        incoming: &List,
        mode: ImportMode,
    ) -> Result<ImportSummary, StoreError> {
        self.write(|tx| merge::import(tx, incoming, mode))
    }

    /// Sets or clears the whole-society emissions (全社会排放量).
    ///
    /// # Errors
    /// Any [`StoreError`] of a write; the store is then unchanged.
    pub fn set_baseline(&mut self, baseline: Option<Baseline>) -> Result<(), StoreError> {
        self.write(|tx| write::set_baseline(tx, baseline.as_ref()))
    }

    /// Sets the target ratio per level (fractions: 0.10 for 10 %).
    ///
    /// # Errors
    /// Any [`StoreError`] of a write; the store is then unchanged.
    pub fn set_targets(&mut self, targets: PerLevel<f64>) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE settings SET target_yellow = ?1, target_orange = ?2, target_red = ?3",
                params![targets.yellow, targets.orange, targets.red],
            )?;
            Ok(())
        })
    }

    /// Switches the SO2/NOx trade on or off for the area.
    ///
    /// # Errors
    /// Any [`StoreError`] of a write; the store is then unchanged.
    pub fn set_trade(&mut self, on: bool) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute("UPDATE settings SET so2_nox_trade = ?1", params![on])?;
            Ok(())
        })
    }

    /// Sets the area's name and the list's year.
    ///
    /// # Errors
    /// Any [`StoreError`] of a write; the store is then unchanged.
    pub fn set_area(&mut self, name: &str, year: Option<i32>) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE settings SET area = ?1, year = ?2",
                params![name, year],
            )?;
            Ok(())
        })
    }

    /// Inserts (id 0) or updates an enterprise with its sources and their measures: sources
    /// with id 0 are inserted, known ones updated, stored ones missing from `enterprise` are
    /// deleted. Returns the enterprise as stored, ids assigned.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] when updating an id that is not stored; any write error. The
    /// store is then unchanged.
    pub fn save_enterprise(&mut self, enterprise: &Enterprise) -> Result<Enterprise, StoreError> {
        self.write(|tx| write::save_enterprise(tx, enterprise))
    }

    /// Deletes an enterprise with its sources and measures.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] when the id is not stored.
    pub fn delete_enterprise(&mut self, id: i64) -> Result<(), StoreError> {
        self.write(|tx| write::delete(tx, write::Table::Enterprises, id))
    }

    /// Inserts (id 0) or updates a dust source (construction site …) with its source row.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] when updating an id that is not stored; any write error.
    pub fn save_site(&mut self, site: &Site) -> Result<Site, StoreError> {
        self.write(|tx| write::save_site(tx, site))
    }

    /// Deletes a dust source.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] when the id is not stored.
    pub fn delete_site(&mut self, id: i64) -> Result<(), StoreError> {
        self.write(|tx| write::delete(tx, write::Table::Sites, id))
    }

    /// Inserts (id 0) or updates a heavy-vehicle user with its transport source.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] when updating an id that is not stored; any write error.
    pub fn save_fleet(&mut self, fleet: &Fleet) -> Result<Fleet, StoreError> {
        self.write(|tx| write::save_fleet(tx, fleet))
    }

    /// Deletes a heavy-vehicle user.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] when the id is not stored.
    pub fn delete_fleet(&mut self, id: i64) -> Result<(), StoreError> {
        self.write(|tx| write::delete(tx, write::Table::Fleets, id))
    }

    /// Inserts (id 0) or updates a row of the 协同供暖企业清单.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] when updating an id that is not stored; any write error.
    pub fn save_heating(&mut self, heating: &Heating) -> Result<Heating, StoreError> {
        self.write(|tx| write::save_heating(tx, heating))
    }

    /// Deletes a row of the 协同供暖企业清单.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] when the id is not stored.
    pub fn delete_heating(&mut self, id: i64) -> Result<(), StoreError> {
        self.write(|tx| write::delete(tx, write::Table::Heating, id))
    }

    /// Inserts (id 0) or updates a row of the 非道路移动机械清单.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] when updating an id that is not stored; any write error.
    pub fn save_machinery(&mut self, machinery: &Machinery) -> Result<Machinery, StoreError> {
        self.write(|tx| write::save_machinery(tx, machinery))
    }

    /// Deletes a row of the 非道路移动机械清单.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] when the id is not stored.
    pub fn delete_machinery(&mut self, id: i64) -> Result<(), StoreError> {
        self.write(|tx| write::delete(tx, write::Table::Machinery, id))
    }

    /// Writes a consistent copy of the whole store to `path` (`VACUUM INTO`), replacing a file
    /// already there only once the copy is complete.
    ///
    /// # Errors
    /// [`StoreError::Io`] when the copy cannot be moved into place; [`StoreError::Sqlite`]
    /// when SQLite cannot write it.
    pub fn backup_to(&self, path: &Path) -> Result<(), StoreError> {
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(".jianpai-tmp");
        let tmp = PathBuf::from(tmp);
        let _ = std::fs::remove_file(&tmp);
        let tmp_text = tmp.to_string_lossy().into_owned();
        self.conn.execute("VACUUM INTO ?1", params![tmp_text])?;
        std::fs::rename(&tmp, path).map_err(|source| {
            let _ = std::fs::remove_file(&tmp);
            StoreError::Io {
                path: path.to_path_buf(),
                source,
            }
        })
    }

    /// The schema (`sqlite_master` rows other than SQLite's own), one statement per line in
    /// a stable order: what the migration snapshot test compares.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] when the file cannot be read.
    pub fn schema_sql(&self) -> Result<String, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT type, name, sql FROM sqlite_master \
             WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(format!(
                "-- {} {}\n{};\n",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?
            ))
        })?;
        let mut out = String::new();
        for row in rows {
            out.push_str(&row?);
        }
        Ok(out)
    }
}

/// The identity check before any migration: a file must be empty or carry our
/// `application_id`; and not come from a newer version.
fn check_identity(conn: &Connection, shown: &Path) -> Result<(), StoreError> {
    let classify = |e: rusqlite::Error| classify(shown, e);
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(classify)?;
    let objects: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(classify)?;
    if app_id != APPLICATION_ID && !(app_id == 0 && objects == 0) {
        return Err(StoreError::NotJianpai {
            path: shown.to_path_buf(),
        });
    }
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(classify)?;
    if version > schema_version() {
        return Err(StoreError::NewerVersion {
            path: shown.to_path_buf(),
            found: version,
            supported: schema_version(),
        });
    }
    Ok(())
}

/// Turns SQLite's codes for "not a database" and "busy/locked" into their own errors.
fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotJianpai {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => StoreError::Locked {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::CannotOpen) | Some(ErrorCode::PermissionDenied) => StoreError::Open {
            path: path.to_path_buf(),
            source: e,
        },
        _ => StoreError::Sqlite(e),
    }
}
