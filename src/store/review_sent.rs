//! The review findings last sent to each county (`docs/revision.md`, City merge).

use rusqlite::{params, Connection, Transaction};

use super::StoreError;
use crate::review::Finding;

/// A finding as sent to a county.
#[derive(Clone, Debug, PartialEq)]
pub struct SentFinding {
    /// The county it was sent to.
    pub county: String,
    /// What identifies it across re-imports.
    pub fingerprint: String,
    /// The finding as sent.
    pub finding: Finding,
}

/// Replaces the findings on record for `county` by `sent`.
pub(super) fn record(
    tx: &Transaction<'_>,
    county: &str,
    sent: &[(String, Finding)],
) -> Result<(), StoreError> {
    tx.execute("DELETE FROM review_sent WHERE county = ?1", [county])?;
    let now = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    let mut stmt = tx.prepare_cached(
        "INSERT INTO review_sent (county, fingerprint, sent_at, finding) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (fingerprint, finding) in sent {
        let json =
            serde_json::to_string(finding).map_err(|e| StoreError::Snapshot(e.to_string()))?;
        stmt.execute(params![county, fingerprint, now, json])?;
    }
    Ok(())
}

/// Every finding on record, by county then in the order sent.
pub(super) fn load(conn: &Connection) -> Result<Vec<SentFinding>, StoreError> {
    let mut stmt =
        conn.prepare("SELECT county, fingerprint, finding FROM review_sent ORDER BY county, id")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (county, fingerprint, json) = row?;
        let finding = serde_json::from_str(&json).map_err(|_| StoreError::Corrupt {
            table: "review_sent",
            column: "finding",
            value: json.chars().take(80).collect(),
        })?;
        out.push(SentFinding {
            county,
            fingerprint,
            finding,
        });
    }
    Ok(out)
}
