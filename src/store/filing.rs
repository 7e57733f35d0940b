//! 备案: the filing state of each enterprise's plan (`docs/revision.md`).

use chrono::NaiveDate;
use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::StoreError;

/// Where an enterprise's plan stands with the authority.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum FilingState {
    /// Not yet handed in (the state of every enterprise with no record).
    #[default]
    #[serde(rename = "未提交")]
    NotSubmitted,
    /// Handed in, not yet confirmed.
    #[serde(rename = "已提交")]
    Submitted,
    /// Filed (已备案).
    #[serde(rename = "已备案")]
    Filed,
}

impl FilingState {
    /// The value as written in the list and stored.
    pub fn name_zh(self) -> &'static str {
        match self {
            FilingState::NotSubmitted => "未提交",
            FilingState::Submitted => "已提交",
            FilingState::Filed => "已备案",
        }
    }

    /// Reads 未提交 / 已提交 / 已备案 (surrounding spaces ignored).
    pub fn parse(text: &str) -> Option<FilingState> {
        [
            FilingState::NotSubmitted,
            FilingState::Submitted,
            FilingState::Filed,
        ]
        .into_iter()
        .find(|s| s.name_zh() == text.trim())
    }
}

/// One enterprise's filing record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Filing {
    /// The enterprise's key: 统一社会信用代码, else its name.
    pub enterprise: String,
    /// The state.
    pub state: FilingState,
    /// The date of the last step (submitted or filed); `None` where not given.
    #[ts(type = "string | null")]
    pub date: Option<NaiveDate>,
    /// 备案文号 (empty where none).
    pub number: String,
}

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
