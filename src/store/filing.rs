//! 备案: the filing state of each enterprise's plan (`docs/revision.md`).

use chrono::NaiveDate;
use rusqlite::{params, Connection, Transaction};

use super::StoreError;
use crate::model::{Filing, FilingState};

pub(super) fn set(tx: &Transaction<'_>, f: &Filing) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO filings (enterprise, state, date, number) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (enterprise) DO UPDATE SET state = ?2, date = ?3, number = ?4",
        params![
            f.enterprise,
            f.state.name_zh(),
            f.date.map(|d| d.to_string()),
            f.number
        ],
    )?;
    Ok(())
}

pub(super) fn clear(tx: &Transaction<'_>, enterprise: &str) -> Result<(), StoreError> {
    tx.execute(
        "DELETE FROM filings WHERE enterprise = ?1",
        params![enterprise],
    )?;
    Ok(())
}

/// A `filings` row as read: enterprise, state, date, number.
type Row = (String, String, Option<String>, String);

const COLUMNS: &str = "SELECT enterprise, state, date, number FROM filings";

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
}

pub(super) fn load(conn: &Connection) -> Result<Vec<Filing>, StoreError> {
    let mut stmt = conn.prepare(&format!("{COLUMNS} ORDER BY enterprise"))?;
    let rows = stmt.query_map([], read_row)?;
    rows.map(|row| filing(row?)).collect()
}

/// The filing of one enterprise (by its key), if any: what a save of that enterprise shows
/// in its grid line, without reading every enterprise's.
pub(super) fn load_one(conn: &Connection, enterprise: &str) -> Result<Option<Filing>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("{COLUMNS} WHERE enterprise = ?1"))?;
    let mut rows = stmt.query_map(params![enterprise], read_row)?;
    rows.next().map(|row| filing(row?)).transpose()
}

fn filing((enterprise, state, date, number): Row) -> Result<Filing, StoreError> {
    let state = FilingState::parse(&state).ok_or(StoreError::Corrupt {
        table: "filings",
        column: "state",
        value: state,
    })?;
    let date = match date {
        Some(d) => Some(d.parse::<NaiveDate>().map_err(|_| StoreError::Corrupt {
            table: "filings",
            column: "date",
            value: d,
        })?),
        None => None,
    };
    Ok(Filing {
        enterprise,
        state,
        date,
        number,
    })
}

pub(super) fn deadline(conn: &Connection) -> Result<Option<NaiveDate>, StoreError> {
    let text: Option<String> = conn.query_row(
        "SELECT filing_deadline FROM settings WHERE id = 1",
        [],
        |r| r.get(0),
    )?;
    text.map(|t| {
        t.parse::<NaiveDate>().map_err(|_| StoreError::Corrupt {
            table: "settings",
            column: "filing_deadline",
            value: t,
        })
    })
    .transpose()
}
