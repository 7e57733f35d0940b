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

pub(super) fn load(conn: &Connection) -> Result<Vec<Filing>, StoreError> {
    let mut stmt =
        conn.prepare("SELECT enterprise, state, date, number FROM filings ORDER BY enterprise")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (enterprise, state, date, number) = row?;
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
        out.push(Filing {
            enterprise,
            state,
            date,
            number,
        });
    }
    Ok(out)
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
