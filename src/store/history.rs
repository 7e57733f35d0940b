//! The list's history (`docs/revision.md`): snapshots of the whole list, one compressed row
//! each, so that a county can see and undo what an import, a submission or an edit changed.
//!
//! Why a whole copy and not a change log: a county's list is small once compressed (its
//! encoding deflates six- to eightfold: 10 MB for 60,000 lines), a copy restores exactly
//! with no replay logic, and `diff` can compare any two snapshots with the same code that
//! compares two workbooks.
//!
//! What a snapshot holds: the list as it is right after the operation it is named after —
//! an import's snapshot is the list with that workbook merged in, an export's the list as
//! submitted, a named save the list at that moment. A restore first snapshots the list it
//! is about to replace (kind `restore`), so the restore itself can be undone.

use std::io::{Read, Write};

use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::Compression;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::write::{self, Owner};
use super::{merge, StoreError};
use crate::model::{
    Baseline, CountyBaseline, Enterprise, Fleet, Heating, List, Machinery, PerLevel, Site,
};

/// Why a snapshot was taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum SnapshotKind {
    /// After an import of a workbook.
    Import,
    /// After the annual submission workbook was written.
    Export,
    /// A save the user asked for, with a note.
    Save,
    /// The list as it was just before a restore replaced it.
    Restore,
}

impl SnapshotKind {
    /// The value stored in the `kind` column and shown in JSON.
    pub fn key(self) -> &'static str {
        match self {
            SnapshotKind::Import => "import",
            SnapshotKind::Export => "export",
            SnapshotKind::Save => "save",
            SnapshotKind::Restore => "restore",
        }
    }

    /// The kind's name in Chinese, for lists shown to the user.
    pub fn name_zh(self) -> &'static str {
        match self {
            SnapshotKind::Import => "导入",
            SnapshotKind::Export => "报送导出",
            SnapshotKind::Save => "手动保存",
            SnapshotKind::Restore => "恢复前",
        }
    }

    fn parse(key: &str) -> Option<SnapshotKind> {
        [
            SnapshotKind::Import,
            SnapshotKind::Export,
            SnapshotKind::Save,
            SnapshotKind::Restore,
        ]
        .into_iter()
        .find(|k| k.key() == key)
    }
}

/// One snapshot as listed (without the list itself).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SnapshotInfo {
    /// Its number, used by `history restore ID` and `diff ID`.
    #[ts(type = "number")]
    pub id: i64,
    /// When it was taken: RFC 3339 with the local offset, to the second.
    pub taken_at: String,
    /// Why it was taken.
    pub kind: SnapshotKind,
    /// The user's note, or what was imported / exported.
    pub note: String,
    /// Enterprises on the industrial sheet.
    pub enterprises: u32,
    /// Dust sources.
    pub sites: u32,
    /// Heavy-vehicle users.
    pub fleets: u32,
}

/// Snapshots the list as it now is in `tx`; returns the new snapshot's id.
pub(super) fn take(
    tx: &Transaction<'_>,
    kind: SnapshotKind,
    note: &str,
) -> Result<i64, StoreError> {
    let list = super::read::load(tx)?;
    insert(tx, kind, note, &ListParts::of(&list, &list))
}

/// Snapshots the list in `tx` whose records are known to be exactly `records`' (but for
/// the store ids): an import that wrote every record of a file as a row of its own
/// ([`super::merge::writes_as_is`]). The settings are read from `tx`, the records are not.
pub(super) fn take_with_records(
    tx: &Transaction<'_>,
    kind: SnapshotKind,
    note: &str,
    records: &List,
) -> Result<i64, StoreError> {
    let settings = super::read::settings(tx)?;
    insert(tx, kind, note, &ListParts::of(&settings, records))
}

fn insert(
    tx: &Transaction<'_>,
    kind: SnapshotKind,
    note: &str,
    list: &ListParts<'_>,
) -> Result<i64, StoreError> {
    let blob = compress(list)?;
    let taken_at = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    tx.execute(
        "INSERT INTO snapshots (taken_at, kind, note, enterprises, sites, fleets, list, \
         encoding) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            taken_at,
            kind.key(),
            note,
            list.enterprises.len() as i64,
            list.sites.len() as i64,
            list.fleets.len() as i64,
            blob,
            Encoding::MessagePack.key(),
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// A [`List`] serialised from borrowed parts: its settings from one list and its records
/// from another, so that a snapshot never copies a list it has in hand. The fields are
/// [`List`]'s, in its order, so the snapshot reads back as a [`List`] (a unit test compares).
#[derive(Serialize)]
struct ListParts<'a> {
    area: &'a str,
    year: Option<i32>,
    baseline: &'a Option<Baseline>,
    county_baselines: &'a [CountyBaseline],
    targets: &'a PerLevel<f64>,
    so2_nox_trade: bool,
    enterprises: &'a [Enterprise],
    sites: &'a [Site],
    fleets: &'a [Fleet],
    heating: &'a [Heating],
    machinery: &'a [Machinery],
}

impl<'a> ListParts<'a> {
    fn of(settings: &'a List, records: &'a List) -> ListParts<'a> {
        ListParts {
            area: &settings.area,
            year: settings.year,
            baseline: &settings.baseline,
            county_baselines: &settings.county_baselines,
            targets: &settings.targets,
            so2_nox_trade: settings.so2_nox_trade,
            enterprises: &records.enterprises,
            sites: &records.sites,
            fleets: &records.fleets,
            heating: &records.heating,
            machinery: &records.machinery,
        }
    }
}

/// Every snapshot, newest first.
pub(super) fn list(conn: &Connection) -> Result<Vec<SnapshotInfo>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT id, taken_at, kind, note, enterprises, sites, fleets FROM snapshots \
         ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, u32>(4)?,
            r.get::<_, u32>(5)?,
            r.get::<_, u32>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, taken_at, kind, note, enterprises, sites, fleets) = row?;
        let kind = SnapshotKind::parse(&kind).ok_or(StoreError::Corrupt {
            table: "snapshots",
            column: "kind",
            value: kind,
        })?;
        out.push(SnapshotInfo {
            id,
            taken_at,
            kind,
            note,
            enterprises,
            sites,
            fleets,
        });
    }
    Ok(out)
}

/// The list of snapshot `id`, without store ids: a snapshot an import took from the file in
/// hand has none, and a restore assigns them afresh anyway.
pub(super) fn load(conn: &Connection, id: i64) -> Result<List, StoreError> {
    let row: Option<(Vec<u8>, String)> = conn
        .query_row(
            "SELECT list, encoding FROM snapshots WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (blob, encoding) = row.ok_or(StoreError::NoSnapshot { id })?;
    let encoding = Encoding::parse(&encoding).ok_or(StoreError::Corrupt {
        table: "snapshots",
        column: "encoding",
        value: encoding,
    })?;
    Ok(decompress(&blob, encoding)?.without_ids())
}

/// Replaces the list in `tx` by snapshot `id`, after snapshotting the list it replaces.
/// Returns the id of that "before" snapshot.
pub(super) fn restore(tx: &Transaction<'_>, id: i64) -> Result<i64, StoreError> {
    let list = load(tx, id)?;
    let before = take(
        tx,
        SnapshotKind::Restore,
        &format!("恢复到第 {id} 号快照之前"),
    )?;
    write_whole(tx, &list)?;
    Ok(before)
}

/// Empties the list and writes `list` record by record, each as its own row (no matching by
/// code or name, which would fold together two records a list wrongly gives one code), with
/// its settings exactly as they are. Store ids are assigned afresh. Every part of the
/// [`List`] must be written here: the round-trip test of `tests/revision` compares whole
/// lists, so a part added to the model and forgotten here fails it.
fn write_whole(tx: &Transaction<'_>, list: &List) -> Result<(), StoreError> {
    merge::clear(tx)?;
    let t = &list.targets;
    tx.execute(
        "UPDATE settings SET area = ?1, year = ?2, target_yellow = ?3, target_orange = ?4, \
         target_red = ?5, so2_nox_trade = ?6",
        params![
            list.area,
            list.year,
            t.yellow,
            t.orange,
            t.red,
            list.so2_nox_trade
        ],
    )?;
    write::set_baseline(tx, list.baseline.as_ref())?;
    for e in &list.enterprises {
        let id = write::put_enterprise_row(tx, 0, e)?;
        for (position, s) in e.sources.iter().enumerate() {
            write::insert_source(tx, Owner::Enterprise(id), position, s)?;
        }
    }
    for s in &list.sites {
        let id = write::put_site_row(tx, &crate::model::Site { id: 0, ..s.clone() })?;
        write::insert_source(tx, Owner::Site(id), 0, &s.source)?;
    }
    for f in &list.fleets {
        let id = write::put_fleet_row(tx, &crate::model::Fleet { id: 0, ..f.clone() })?;
        write::insert_source(tx, Owner::Fleet(id), 0, &f.source)?;
    }
    for h in &list.heating {
        write::save_heating(tx, &Heating { id: 0, ..h.clone() })?;
    }
    for m in &list.machinery {
        write::save_machinery(tx, &crate::model::Machinery { id: 0, ..m.clone() })?;
    }
    write::set_county_baselines(tx, &list.county_baselines)?;
    Ok(())
}

/// How a snapshot's list is encoded before it is deflated (column `encoding`, migration 012).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    /// JSON: every snapshot taken before migration 012.
    Json,
    /// MessagePack with field names (`rmp_serde::to_vec_named`): self-describing like the
    /// JSON (fields found by name, so a model field added with `#[serde(default)]` still
    /// reads older snapshots), without JSON's text escaping and number formatting.
    MessagePack,
}

impl Encoding {
    fn key(self) -> &'static str {
        match self {
            Encoding::Json => "json",
            Encoding::MessagePack => "msgpack",
        }
    }

    fn parse(key: &str) -> Option<Encoding> {
        [Encoding::Json, Encoding::MessagePack]
            .into_iter()
            .find(|e| e.key() == key)
    }
}

/// The list as deflated MessagePack. It is streamed into the encoder, never held whole: for a
/// 60,000-source list it would be tens of megabytes on top of the two lists an import holds.
fn compress(list: &impl Serialize) -> Result<Vec<u8>, StoreError> {
    let failed = |e: &dyn std::fmt::Display| StoreError::Snapshot(e.to_string());
    let mut encoder = DeflateEncoder::new(Vec::new(), Compression::fast());
    let mut out = std::io::BufWriter::new(&mut encoder);
    list.serialize(&mut rmp_serde::Serializer::new(&mut out).with_struct_map())
        .map_err(|e| failed(&e))?;
    out.flush().map_err(|e| failed(&e))?;
    drop(out);
    encoder.finish().map_err(|e| failed(&e))
}

fn decompress(blob: &[u8], encoding: Encoding) -> Result<List, StoreError> {
    let failed = |e: &dyn std::fmt::Display| StoreError::Snapshot(e.to_string());
    let mut bytes = Vec::new();
    DeflateDecoder::new(blob)
        .read_to_end(&mut bytes)
        .map_err(|e| failed(&e))?;
    match encoding {
        Encoding::Json => serde_json::from_slice(&bytes).map_err(|e| failed(&e)),
        Encoding::MessagePack => rmp_serde::from_slice(&bytes).map_err(|e| failed(&e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A field added to [`List`] and forgotten in [`ListParts`] would be lost from every
    /// snapshot an import takes: the two must serialise alike.
    #[test]
    fn list_parts_serialise_as_the_list() {
        let mut list = List {
            area: "示例县".into(),
            year: Some(2026),
            ..List::default()
        };
        list.enterprises.push(Enterprise {
            name: "甲厂".into(),
            ..Enterprise::default()
        });
        list.sites.push(Site::default());
        list.fleets.push(Fleet::default());
        list.heating.push(Heating::default());
        list.machinery.push(Machinery::default());
        let baseline = Baseline {
            amounts: crate::model::Amounts {
                so2: 1.0,
                nox: 2.0,
                pm: 3.0,
                vocs: 4.0,
            },
            unit: crate::model::BaselineUnit::PerYear,
        };
        list.baseline = Some(baseline);
        list.county_baselines.push(CountyBaseline {
            county: "甲县".into(),
            baseline,
        });
        let view = serde_json::to_value(ListParts::of(&list, &list)).unwrap();
        assert_eq!(view, serde_json::to_value(&list).unwrap());
        assert_eq!(
            rmp_serde::to_vec_named(&ListParts::of(&list, &list)).unwrap(),
            rmp_serde::to_vec_named(&list).unwrap(),
            "the MessagePack of the parts is the list's"
        );
        let back = decompress(
            &compress(&ListParts::of(&list, &list)).unwrap(),
            Encoding::MessagePack,
        );
        assert_eq!(back.unwrap(), list);
    }

    /// Why MessagePack *with field names*: a snapshot taken before a model field existed
    /// still reads once the field is added with `#[serde(default)]`, and one taken before a
    /// field was removed still reads too — fields are matched by name, not by position.
    #[test]
    fn a_snapshot_reads_across_a_field_added_or_removed() {
        #[derive(Serialize, Deserialize, Debug, PartialEq)]
        struct Before {
            name: String,
            share: Option<f64>,
        }
        #[derive(Serialize, Deserialize, Debug, PartialEq)]
        struct After {
            #[serde(default)]
            outlet: String,
            name: String,
        }
        let old = Before {
            name: "甲厂".into(),
            share: Some(0.3),
        };
        let mut bytes = Vec::new();
        DeflateDecoder::new(compress(&old).unwrap().as_slice())
            .read_to_end(&mut bytes)
            .unwrap();
        let new: After = rmp_serde::from_slice(&bytes).unwrap();
        assert_eq!(
            new,
            After {
                outlet: String::new(),
                name: "甲厂".into()
            }
        );
    }

    /// Snapshots taken before migration 012 are deflated JSON and read as before.
    #[test]
    fn a_json_snapshot_still_reads() {
        let mut list = List {
            area: "示例县".into(),
            ..List::default()
        };
        list.enterprises.push(Enterprise {
            name: "甲厂".into(),
            ..Enterprise::default()
        });
        let mut encoder = DeflateEncoder::new(Vec::new(), Compression::fast());
        serde_json::to_writer(&mut encoder, &list).unwrap();
        let blob = encoder.finish().unwrap();
        assert_eq!(decompress(&blob, Encoding::Json).unwrap(), list);
        assert!(decompress(&blob, Encoding::MessagePack).is_err());
    }
}
