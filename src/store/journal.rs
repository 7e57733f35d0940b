//! How an import reaches the file. A store file runs in write-ahead-log mode: readers (the
//! app, a second CLI) keep reading while someone writes, and a write commits with one append.
//! The price is that every page is written twice — into the log, then copied into the file
//! by the checkpoint. For the first import into a new store that is the whole list twice
//! over (a 60,000-line list: 40 MB into the log and 40 MB again, a tenth of the import).
//!
//! So an import into a file that holds no records yet writes straight into the file under a
//! rollback journal, as atomic as the log: a crash leaves a journal from which the next open
//! rolls back. The journal holds only the few pages the empty file already had, and
//! `synchronous = FULL` syncs it before the file is touched (what a rollback journal needs to
//! survive a power cut; the log's NORMAL is not enough there). Afterwards the file returns to
//! the log. Switching needs the file to itself: when any other connection has it open, the
//! import simply goes through the log as every other write does.
//!
//! Into such a store the indexes of the record tables are also built once after the rows
//! are in (one sort each) rather than entry by entry as each row arrives: a tenth of the
//! SQLite time of a 60,000-line import.

use std::time::Duration;

use rusqlite::Transaction;

use super::{Store, StoreError, BUSY_TIMEOUT};

impl Store {
    /// Runs an import's write transaction `f`, after the file check and the backup of a
    /// store that holds a list, writing straight into a store file without records (see
    /// the module's doc).
    pub(super) fn write_import<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.ensure_checked()?;
        if self.path.is_none() {
            return self.write(f);
        }
        if !self.is_empty()? {
            self.backup(super::BackupReason::Import)?;
            return self.write(f);
        }
        let direct = self.leave_log();
        let result = self.write(|tx| with_indexes_built_after(tx, f));
        if direct {
            self.return_to_log();
        }
        result
    }

    /// Switches this connection's file to a rollback journal with full syncs; false (and
    /// nothing changed) when another connection has the file open.
    fn leave_log(&mut self) -> bool {
        // Waiting for the others would only delay an import that works without the switch.
        if self.conn.busy_timeout(Duration::ZERO).is_err() {
            return false;
        }
        let mode = self
            .conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| {
                r.get::<_, String>(0)
            });
        let direct = mode.is_ok_and(|m| m.eq_ignore_ascii_case("delete"))
            && self.conn.pragma_update(None, "synchronous", "FULL").is_ok();
        // Restoring the timeout cannot fail where setting it succeeded a moment ago.
        let _ = self.conn.busy_timeout(BUSY_TIMEOUT);
        if !direct {
            self.return_to_log();
        }
        direct
    }

    /// Back to the write-ahead log. Should another program have opened the file meanwhile
    /// and hold it, the file stays under the rollback journal with full syncs — as safe,
    /// only slower — until the next open, which always asks for the log.
    fn return_to_log(&mut self) {
        let mode = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0));
        if mode.is_ok_and(|m| m.eq_ignore_ascii_case("wal")) {
            let _ = self.conn.pragma_update(None, "synchronous", "NORMAL");
        }
    }
}

/// Runs `f` with the indexes of the record tables dropped, and creates them again, from the
/// very statements the schema holds, before the transaction ends: one sort per index instead
/// of an insertion into it per row. All inside the caller's transaction, so an error undoes
/// the drop as well.
fn with_indexes_built_after<T>(
    tx: &Transaction<'_>,
    f: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    let indexes: Vec<(String, String)> = tx
        .prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL \
             AND tbl_name IN ('enterprises', 'sources', 'sites', 'fleets', 'heating', 'machinery')",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (name, _) in &indexes {
        tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }
    let value = f(tx)?;
    for (_, sql) in &indexes {
        tx.execute_batch(sql)?;
    }
    Ok(value)
}
