//! The list store: one SQLite file that the CLI and the desktop app share (`docs/cli.md`, "Where
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
//! (`migrations/*.sql`), applied inside one *immediate* transaction so that two programs opening
//! a new file at once take turns instead of racing (the second waits, then finds the schema up
//! to date); changes are additive. The file carries SQLite's `application_id` so that a foreign
//! database is refused instead of being "upgraded".
//!
//! The path is always a plain file name, never a SQLite URI (`file:x?mode=memory` is a file
//! called that). Commands that only read use [`Store::open_existing`], which refuses a file that
//! does not exist instead of creating an empty list, and falls back to a read-only connection
//! when the file lies in a place this user may not write. Before the first write of a
//! connection, `PRAGMA quick_check` makes sure the file is not damaged, so that a damaged store
//! is reported as such (with the way out: restore a backup) instead of being written into.

mod backup;
mod episode;
mod error;
mod filing;
mod history;
mod journal;
mod merge;
mod note;
mod preferences;
mod read;
mod review_sent;
mod write;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{params, Connection, OpenFlags, Transaction, TransactionBehavior};

pub use crate::model::{Filing, FilingState};
pub use backup::{backups_dir, list_backups, BackupInfo, BackupReason, BACKUPS_DIR, KEEP_BACKUPS};
pub use episode::{EpisodeStart, NewInspection};
pub use error::StoreError;
pub use history::{SnapshotInfo, SnapshotKind};
pub use merge::{writes_as_is, ImportMode, ImportSummary};
pub use preferences::{PreferenceKey, Preferences};
pub use review_sent::SentFinding;

use crate::model::{
    Baseline, Enterprise, Fleet, Heating, List, Machinery, PerLevel, Settings, Site, Stated,
};

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
    include_str!("migrations/003_county_baselines.sql"),
    include_str!("migrations/004_rules.sql"),
    include_str!("migrations/005_note.sql"),
    include_str!("migrations/006_revision.sql"),
    include_str!("migrations/007_episode.sql"),
    include_str!("migrations/008_preferences.sql"),
    include_str!("migrations/009_defaults_in_code.sql"),
    include_str!("migrations/010_partial_source_indexes.sql"),
    include_str!("migrations/011_measure_columns.sql"),
    include_str!("migrations/012_snapshot_encoding.sql"),
];

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
    /// Whether this connection has already passed `PRAGMA quick_check` before a write.
    checked: bool,
    /// A `quick_check` running on a connection of its own ([`Store::verify_in_background`]),
    /// whose answer the first write takes instead of checking again.
    /// `None` from the thread: it could not open the file, and the write checks itself.
    checking: Option<std::thread::JoinHandle<Option<Result<(), StoreError>>>>,
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
        Store::open_with(path, OpenFlags::SQLITE_OPEN_CREATE)
    }

    /// Opens the data file at `path`, which must already exist: what every command that only
    /// reads the list uses, so that a mistyped `--db` is an error instead of an empty list.
    /// Where the file or its folder may not be written (a read-only share, a CD), the file is
    /// opened read-only and unchanging, so it can still be read.
    ///
    /// # Errors
    /// [`StoreError::Missing`] when there is no file at `path`; otherwise as [`Store::open`].
    pub fn open_existing(path: &Path) -> Result<Store, StoreError> {
        if !path.exists() {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        match Store::open_with(path, OpenFlags::empty()) {
            Err(e) if e.is_read_only() => Store::open_read_only(path).map_err(|_| e),
            other => other,
        }
    }

    /// Opens and prepares the file. A file that is new or still empty may be in the middle
    /// of another program's first open (creating the header, switching to WAL, migrating);
    /// SQLite can then report it as busy or even as "not a database" for a moment, so such a
    /// first open is retried for up to the busy timeout instead of failing as if the file were
    /// foreign.
    fn open_with(path: &Path, extra: OpenFlags) -> Result<Store, StoreError> {
        let started = std::time::Instant::now();
        loop {
            let fresh = std::fs::metadata(path).map_or(true, |m| m.len() == 0);
            match Store::open_once(path, extra) {
                Err(StoreError::NotJianpai { .. } | StoreError::Locked { .. })
                    if fresh && started.elapsed() < BUSY_TIMEOUT =>
                {
                    std::thread::sleep(Duration::from_millis(20));
                }
                other => return other,
            }
        }
    }

    fn open_once(path: &Path, extra: OpenFlags) -> Result<Store, StoreError> {
        // No SQLITE_OPEN_URI: the path is a file name, whatever it looks like. The bundled
        // SQLite is built with URIs on by default, so a name starting with `file:` is given as
        // `./file:…`, which SQLite takes literally.
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | extra;
        let literal = if path.as_os_str().as_encoded_bytes().starts_with(b"file:") {
            Path::new(".").join(path)
        } else {
            path.to_path_buf()
        };
        let conn =
            Connection::open_with_flags(&literal, flags).map_err(|source| StoreError::Open {
                path: path.to_path_buf(),
                source,
            })?;
        Store::prepare(conn, Some(path.to_path_buf()))
    }

    /// A read-only connection that tells SQLite the file will not change (`immutable=1`), so
    /// that it needs neither a lock nor the WAL index file beside it, which could not be
    /// created in a read-only folder. The URI is built here from the path, percent-encoded.
    fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let absolute = std::path::absolute(path).map_err(|source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let uri = format!("file:{}?immutable=1", percent_encode(&absolute));
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&uri, flags).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        let shown = path.to_path_buf();
        check_identity(&conn, &shown)?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| classify(&shown, e))?;
        if version != schema_version() {
            return Err(StoreError::ReadOnly { path: shown });
        }
        Ok(Store {
            conn,
            path: Some(shown),
            checked: false,
            checking: None,
        })
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
        migrate(&mut conn).map_err(classify)?;
        Ok(Store {
            conn,
            path,
            checked: false,
            checking: None,
        })
    }

    /// Checks the file with `PRAGMA quick_check` (the structure of every page, not the
    /// indexes' content: seconds at most even for a large list).
    ///
    /// # Errors
    /// [`StoreError::Damaged`] when SQLite reports a problem.
    pub fn verify(&self) -> Result<(), StoreError> {
        quick_check(&self.conn, self.path.as_deref())
    }

    /// Starts the check the first write makes ([`Store::verify`]) now, on a read-only
    /// connection of its own in another thread. The app calls this on opening a data file:
    /// `quick_check` of a 60,000-line list takes about a fifth of a second, which the first
    /// edit would otherwise wait for. The first write waits for the answer (by then long
    /// there) and refuses a damaged file as before. A store in memory checks when it writes.
    pub fn verify_in_background(&mut self) {
        let Some(path) = self.path.clone() else {
            return;
        };
        if self.checked || self.checking.is_some() {
            return;
        }
        self.checking = Some(std::thread::spawn(move || {
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            let conn = Connection::open_with_flags(&path, flags).ok()?;
            conn.busy_timeout(BUSY_TIMEOUT).ok()?;
            Some(quick_check(&conn, Some(&path)))
        }));
    }

    /// Runs [`Store::verify`] once per connection, before its first write, or takes the
    /// answer of the check [`Store::verify_in_background`] started.
    fn ensure_checked(&mut self) -> Result<(), StoreError> {
        if !self.checked {
            match self.checking.take() {
                Some(running) => match running.join() {
                    Ok(Some(answer)) => answer?,
                    _ => self.verify()?,
                },
                None => self.verify()?,
            }
            self.checked = true;
        }
        Ok(())
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
        self.ensure_checked()?;
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

    /// Brings a list built in code into the store; see [`ImportMode`] for what is replaced
    /// and what is kept. Its targets and trade switch count as stated where they differ
    /// from the defaults ([`Stated::guessed_from`]); a workbook read by the importer, which
    /// knows, goes through [`Store::import_stated`]. All or nothing. A store file that already
    /// holds a list is first backed up whole ([`Store::backup`]), so a wrong import can be
    /// undone with `jianpai backup restore`.
    ///
    /// # Errors
    /// Any [`StoreError`] of the backup or the write; the store is then unchanged.
    pub fn import(
        &mut self,
        incoming: &List,
        mode: ImportMode,
    ) -> Result<ImportSummary, StoreError> {
        self.import_stated(incoming, Stated::guessed_from(incoming), mode)
    }

    /// Brings a list read from a workbook into the store, taking the targets and the trade
    /// switch in a merge exactly where the workbook stated them. All or nothing; a store that
    /// already holds a list is backed up first.
    ///
    /// # Errors
    /// Any [`StoreError`] of a write; the store is then unchanged.
    pub fn import_stated(
        &mut self,
        incoming: &List,
        stated: Stated,
        mode: ImportMode,
    ) -> Result<ImportSummary, StoreError> {
        self.write_import(|tx| {
            let all_new = merge::all_new(tx, incoming, mode)?;
            merge::import(tx, incoming, stated, mode, all_new)
        })
    }

    /// [`Store::import_stated`] and a snapshot of the resulting list (kind `import`, `note` usually
    /// the file name) in the same transaction: the history never misses an import and never
    /// records one that did not happen. Returns the summary and the snapshot's id.
    ///
    /// # Errors
    /// Any [`StoreError`] of a write; the store is then unchanged.
    pub fn import_recorded(
        &mut self,
        incoming: &List,
        stated: Stated,
        mode: ImportMode,
        note: &str,
    ) -> Result<(ImportSummary, i64), StoreError> {
        self.import_recorded_with(incoming, stated, mode, note, &[])
    }

    /// [`Store::import_recorded`] that also sets the filing records the workbook gave (its
    /// 备案 columns), in the same transaction: an import either brings list and 备案
    /// together or neither. Records of enterprises the workbook says nothing about stay.
    ///
    /// # Errors
    /// Any [`StoreError`] of a write; the store is then unchanged.
    pub fn import_recorded_with(
        &mut self,
        incoming: &List,
        stated: Stated,
        mode: ImportMode,
        note: &str,
        filings: &[Filing],
    ) -> Result<(ImportSummary, i64), StoreError> {
        self.write_import(|tx| {
            // Reading the list back for the snapshot costs a fifth of a large import; where
            // the store will hold exactly the file's records, the snapshot takes them in hand.
            let as_is = merge::all_new(tx, incoming, mode)?;
            let summary = merge::import(tx, incoming, stated, mode, as_is)?;
            for f in filings {
                filing::set(tx, f)?;
            }
            let id = if as_is {
                history::take_with_records(tx, SnapshotKind::Import, note, incoming)?
            } else {
                history::take(tx, SnapshotKind::Import, note)?
            };
            Ok((summary, id))
        })
    }

    /// Snapshots the list as it now is; returns the snapshot's id.
    ///
    /// # Errors
    /// Any [`StoreError`] of a write; the store is then unchanged.
    pub fn snapshot(&mut self, kind: SnapshotKind, note: &str) -> Result<i64, StoreError> {
        self.write(|tx| history::take(tx, kind, note))
    }

    /// Every snapshot, newest first.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] when the file cannot be read, [`StoreError::Corrupt`] for a kind
    /// this program did not write.
    pub fn snapshots(&self) -> Result<Vec<SnapshotInfo>, StoreError> {
        history::list(&self.conn)
    }

    /// The list kept in snapshot `id` (without store ids).
    ///
    /// # Errors
    /// [`StoreError::NoSnapshot`] when there is no such snapshot, [`StoreError::Snapshot`]
    /// when it cannot be read back.
    pub fn snapshot_list(&self, id: i64) -> Result<List, StoreError> {
        history::load(&self.conn, id)
    }

    /// Replaces the whole list by snapshot `id`, after snapshotting the list it replaces
    /// (kind `restore`), all in one transaction. Returns the id of that "before" snapshot,
    /// which undoes the restore.
    ///
    /// # Errors
    /// [`StoreError::NoSnapshot`] when there is no such snapshot (nothing is changed); any
    /// write error, the store then unchanged.
    pub fn restore_snapshot(&mut self, id: i64) -> Result<i64, StoreError> {
        self.write(|tx| history::restore(tx, id))
    }

    /// The relative change below which `diff` does not report an emission change
    /// (0.05 for 5 %).
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] when the file cannot be read.
    pub fn emission_tolerance(&self) -> Result<f64, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT emission_tolerance FROM settings WHERE id = 1",
                [],
                |r| r.get::<_, Option<f64>>(0),
            )?
            .unwrap_or(crate::revision::DEFAULT_EMISSION_TOLERANCE))
    }

    /// Sets the emission tolerance of `diff` (a fraction, not negative).
    ///
    /// # Errors
    /// Any [`StoreError`] of a write (a negative value breaks the column's CHECK); the store
    /// is then unchanged.
    pub fn set_emission_tolerance(&mut self, tolerance: f64) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE settings SET emission_tolerance = ?1",
                params![tolerance],
            )?;
            Ok(())
        })
    }

    /// Records the review findings sent to `county` as (fingerprint, finding) pairs,
    /// replacing what was on record for it.
    ///
    /// # Errors
    /// Any [`StoreError`] of a write; the store is then unchanged.
    pub fn record_sent_findings(
        &mut self,
        county: &str,
        sent: &[(String, crate::review::Finding)],
    ) -> Result<(), StoreError> {
        self.write(|tx| review_sent::record(tx, county, sent))
    }

    /// Every review finding on record as sent to a county.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] when the file cannot be read, [`StoreError::Corrupt`] for a row
    /// this program did not write.
    pub fn sent_findings(&self) -> Result<Vec<SentFinding>, StoreError> {
        review_sent::load(&self.conn)
    }

    /// Sets an enterprise's filing record (备案), replacing any earlier one.
    ///
    /// # Errors
    /// Any [`StoreError`] of a write; the store is then unchanged.
    pub fn set_filing(&mut self, filing: &Filing) -> Result<(), StoreError> {
        self.write(|tx| filing::set(tx, filing))
    }

    /// Forgets the filing record of the enterprise with key `enterprise` (it is then
    /// 未提交 with no date): what undoing the first 备案 of an enterprise comes back to.
    ///
    /// # Errors
    /// Any [`StoreError`] of a write; the store is then unchanged.
    pub fn clear_filing(&mut self, enterprise: &str) -> Result<(), StoreError> {
        self.write(|tx| filing::clear(tx, enterprise))
    }

    /// Every filing record, by enterprise key. Enterprises without one are 未提交.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] when the file cannot be read, [`StoreError::Corrupt`] for a
    /// value this program did not write.
    pub fn filings(&self) -> Result<Vec<Filing>, StoreError> {
        filing::load(&self.conn)
    }

    /// The filing record of the enterprise with key `enterprise` (see
    /// [`Enterprise::key`](crate::model::Enterprise::key)); `None`: 未提交.
    ///
    /// # Errors
    /// As [`Store::filings`].
    pub fn filing(&self, enterprise: &str) -> Result<Option<Filing>, StoreError> {
        filing::load_one(&self.conn, enterprise)
    }

    /// The date by which plans must be filed (review warns about the others); `None`: no
    /// such check.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] when the file cannot be read, [`StoreError::Corrupt`] for a
    /// value this program did not write.
    pub fn filing_deadline(&self) -> Result<Option<chrono::NaiveDate>, StoreError> {
        filing::deadline(&self.conn)
    }

    /// Sets or clears the filing deadline.
    ///
    /// # Errors
    /// Any [`StoreError`] of a write; the store is then unchanged.
    pub fn set_filing_deadline(
        &mut self,
        date: Option<chrono::NaiveDate>,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE settings SET filing_deadline = ?1",
                params![date.map(|d| d.to_string())],
            )?;
            Ok(())
        })
    }

    /// Sets or clears the whole-society emissions (全社会排放量).
    ///
    /// # Errors
    /// Any [`StoreError`] of a write; the store is then unchanged.
    pub fn set_baseline(&mut self, baseline: Option<Baseline>) -> Result<(), StoreError> {
        self.write(|tx| write::set_baseline(tx, baseline.as_ref()))
    }

    /// Saves every list-wide setting (area, year, baseline, targets, trade) in one
    /// transaction: an edit of the 总览 is stored whole or not at all.
    ///
    /// # Errors
    /// Any [`StoreError`] of a write; the store is then unchanged.
    pub fn set_settings(&mut self, settings: &Settings) -> Result<(), StoreError> {
        self.write(|tx| {
            write::set_baseline(tx, settings.baseline.as_ref())?;
            let t = &settings.targets;
            tx.execute(
                "UPDATE settings SET area = ?1, year = ?2, target_yellow = ?3, \
                 target_orange = ?4, target_red = ?5, so2_nox_trade = ?6",
                params![
                    settings.area,
                    settings.year,
                    t.yellow,
                    t.orange,
                    t.red,
                    settings.so2_nox_trade
                ],
            )?;
            Ok(())
        })
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

    /// The user's review-rule settings as stored: `(rule, key, value)` in rule and key order.
    /// They are kept as text and validated by [`crate::review::Rules::set`] when applied.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] when the file cannot be read.
    pub fn rule_settings(&self) -> Result<Vec<(String, String, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT rule, key, value FROM rule_settings ORDER BY rule, key")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Stores one review-rule setting, replacing an earlier value of the same rule and key.
    ///
    /// # Errors
    /// Any [`StoreError`] of a write; the store is then unchanged.
    pub fn set_rule_setting(
        &mut self,
        rule: &str,
        key: &str,
        value: &str,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO rule_settings (rule, key, value) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (rule, key) DO UPDATE SET value = excluded.value",
                params![rule, key, value],
            )?;
            Ok(())
        })
    }

    /// Forgets the stored review-rule settings of `rule`, or of every rule when `None`, so
    /// that the built-in defaults apply again. Returns how many settings were forgotten.
    ///
    /// # Errors
    /// Any [`StoreError`] of a write; the store is then unchanged.
    pub fn reset_rule_settings(&mut self, rule: Option<&str>) -> Result<usize, StoreError> {
        self.write(|tx| {
            Ok(match rule {
                Some(rule) => tx.execute("DELETE FROM rule_settings WHERE rule = ?1", [rule])?,
                None => tx.execute("DELETE FROM rule_settings", [])?,
            })
        })
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

/// Brings the schema up to date inside one immediate transaction: a second program opening
/// the same new file waits for the first one's migration (busy timeout) and then, reading the
/// version again inside its own transaction, finds nothing left to do. `user_version` is the
/// number of migrations applied.
fn migrate(conn: &mut Connection) -> Result<(), rusqlite::Error> {
    let latest = schema_version();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version >= latest {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version < latest {
        for sql in &MIGRATION_SQL[usize::try_from(version).unwrap_or(0)..] {
            tx.execute_batch(sql)?;
        }
        tx.pragma_update(None, "user_version", latest)?;
    }
    tx.commit()
}

/// Percent-encodes a path for a `file:` URI: everything but unreserved characters and `/`.
fn percent_encode(path: &Path) -> String {
    let mut text = path.to_string_lossy().replace('\\', "/");
    if !text.starts_with('/') {
        // A Windows drive path: `file:/C:/…`.
        text.insert(0, '/');
    }
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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

/// `PRAGMA quick_check` on `conn`: Ok when SQLite answers "ok", else [`StoreError::Damaged`]
/// with its first three complaints.
fn quick_check(conn: &Connection, path: Option<&Path>) -> Result<(), StoreError> {
    let shown = path.map_or_else(|| PathBuf::from(":memory:"), Path::to_path_buf);
    let damaged = |detail: String| StoreError::Damaged {
        path: shown.clone(),
        detail,
    };
    let mut stmt = conn
        .prepare("PRAGMA quick_check")
        .map_err(|e| damaged(e.to_string()))?;
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(|e| damaged(e.to_string()))?;
    if rows.len() == 1 && rows[0] == "ok" {
        Ok(())
    } else {
        Err(damaged(
            rows.into_iter().take(3).collect::<Vec<_>>().join("；"),
        ))
    }
}

/// Turns SQLite's codes for "not a database" and "busy/locked" into their own errors.
fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotJianpai {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Damaged {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => StoreError::Locked {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::CannotOpen)
        | Some(ErrorCode::PermissionDenied)
        | Some(ErrorCode::ReadOnly) => StoreError::Open {
            path: path.to_path_buf(),
            source: e,
        },
        _ => StoreError::Sqlite(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_read_only_fallback_reads_a_store_whatever_its_path() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("共享 盘#1?%");
        std::fs::create_dir(&folder).unwrap();
        let path = folder.join("list.sqlite");
        let mut store = Store::open(&path).unwrap();
        store.set_area("示例县", Some(2026)).unwrap();
        drop(store);
        let ro = Store::open_read_only(&path).unwrap();
        assert_eq!(ro.load().unwrap().area, "示例县");
        assert!(ro.conn.is_readonly(rusqlite::MAIN_DB).unwrap());
    }

    #[test]
    fn paths_are_percent_encoded() {
        assert_eq!(
            percent_encode(Path::new("/a b/列#?")),
            "/a%20b/%E5%88%97%23%3F"
        );
        assert_eq!(percent_encode(Path::new("C:\\x")), "/C%3A/x");
    }
}
