//! Bringing a list read from a workbook into the store.

use std::collections::HashSet;

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::write::{self, Owner};
use super::StoreError;
use crate::model::{Enterprise, Fleet, Heating, List, Machinery, Site, Stated};

/// What an import does with the records already stored.
///
/// Targets and the SO2/NOx trade switch: a workbook's 总表 may state them (减排目标,
/// SO2/NOx互补); the importer gives the defaults (10/20/30 %, trade on) where it does not and
/// says which were stated ([`Stated`]). `Replace` takes the file's values as they are.
/// `Merge` takes them only where the file stated them — the defaults too, when written — so
/// a corrected sheet for a few enterprises does not undo targets set in the app.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportMode {
    /// Replaces the records the file contains and keeps the others (a county sends a
    /// corrected sheet for a few enterprises):
    /// - an enterprise is matched by 统一社会信用代码; one without a code in the file is
    ///   matched by name; one with a code matches a stored enterprise with that code, else a
    ///   stored one of the same name that has no code yet. A matched enterprise keeps its id
    ///   and gets the file's fields and sources (its old sources are deleted);
    /// - a site is matched by 所属区县 + 项目名称; a fleet and a heating row like an enterprise;
    /// - machinery rows have no identity of their own: the file's rows of a 使用单位 (with
    ///   its 所属区县) replace every stored row of that unit;
    /// - the baseline is replaced when the file has one, else kept; so are the counties'
    ///   own baselines (all of them, when the file has any);
    /// - the area's name is taken when the file has one (else kept), the year likewise.
    #[default]
    Merge,
    /// Empties the list first (records, baseline, area and year), then writes the file's,
    /// targets and trade switch included.
    Replace,
}

/// What an import did, for the user's confirmation line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    /// Enterprises newly added.
    pub enterprises_added: usize,
    /// Stored enterprises replaced by the file's.
    pub enterprises_replaced: usize,
    /// Sources (lines, sites' and fleets' rows) written.
    pub sources_written: usize,
    /// Sites newly added.
    pub sites_added: usize,
    /// Stored sites replaced.
    pub sites_replaced: usize,
    /// Fleets newly added.
    pub fleets_added: usize,
    /// Stored fleets replaced.
    pub fleets_replaced: usize,
    /// Heating rows newly added.
    pub heating_added: usize,
    /// Stored heating rows replaced.
    pub heating_replaced: usize,
    /// Non-road machinery rows written.
    pub machinery_written: usize,
    /// True when the file's baseline replaced (or set) the stored one.
    pub baseline_set: bool,
}

/// Writes `incoming` into the store as `mode` says. `all_new` ([`all_new`]) tells that no
/// record of the file matches a stored one, so none is looked up: a 20,000-enterprise list
/// into an empty store would otherwise ask 40,000 times for a match that cannot be there.
pub(super) fn import(
    tx: &Transaction<'_>,
    incoming: &List,
    stated: Stated,
    mode: ImportMode,
    all_new: bool,
) -> Result<ImportSummary, StoreError> {
    if mode == ImportMode::Replace {
        clear(tx)?;
    }
    let mut summary = ImportSummary::default();
    import_settings(tx, incoming, stated, mode, &mut summary)?;
    let keys = Keys { all_new };
    for e in &incoming.enterprises {
        import_enterprise(tx, keys, e, &mut summary)?;
    }
    for s in &incoming.sites {
        import_site(tx, keys, s, &mut summary)?;
    }
    for f in &incoming.fleets {
        import_fleet(tx, keys, f, &mut summary)?;
    }
    for h in &incoming.heating {
        import_heating(tx, keys, h, &mut summary)?;
    }
    import_machinery(tx, &incoming.machinery, &mut summary)?;
    Ok(summary)
}

/// Whether an import of `incoming` into a store holding no records writes every record of the
/// file as a row of its own: no record matches an earlier one of the file by the keys
/// [`ImportMode::Merge`] matches by. The store then holds `incoming` exactly, but for the
/// store ids (`tests/store` checks this on every sample list), so a caller that has the
/// list in hand need not read it back: `check FILE` and the import's history snapshot.
pub fn writes_as_is(incoming: &List) -> bool {
    let mut sites = HashSet::new();
    keys_unique(incoming.enterprises.iter().map(|e| (&*e.code, &*e.name)))
        && keys_unique(incoming.fleets.iter().map(|f| (&*f.code, &*f.name)))
        && keys_unique(incoming.heating.iter().map(|h| (&*h.code, &*h.name)))
        && incoming
            .sites
            .iter()
            .all(|s| sites.insert((&*s.county, &*s.name)))
}

/// True when no (code, name) matches an earlier one as [`match_by_key`] would match it:
/// with a code, an earlier record of that code or a codeless one of that name; without a
/// code, any earlier record of that name.
fn keys_unique<'a>(records: impl Iterator<Item = (&'a str, &'a str)>) -> bool {
    let mut codes = HashSet::new();
    let mut codeless_names = HashSet::new();
    let mut names = HashSet::new();
    for (code, name) in records {
        let matched = if code.is_empty() {
            names.contains(name)
        } else {
            codes.contains(code) || codeless_names.contains(name)
        };
        if matched {
            return false;
        }
        if code.is_empty() {
            codeless_names.insert(name);
        } else {
            codes.insert(code);
        }
        names.insert(name);
    }
    true
}

/// Whether importing `incoming` by `mode` writes every record of the file as a new row: the
/// store holds no records (or `Replace` empties it) and [`writes_as_is`] holds. Asked before
/// the import, in its transaction.
pub(super) fn all_new(
    tx: &Transaction<'_>,
    incoming: &List,
    mode: ImportMode,
) -> Result<bool, StoreError> {
    Ok((mode == ImportMode::Replace || holds_no_records(tx)?) && writes_as_is(incoming))
}

/// How the stored record a file's record replaces is found ([`ImportMode::Merge`]).
#[derive(Clone, Copy)]
struct Keys {
    /// No record can match ([`all_new`]): nothing is looked up.
    all_new: bool,
}

impl Keys {
    /// The stored id of the record with this code / name in `table`, by [`match_by_key`].
    fn find(
        self,
        tx: &Transaction<'_>,
        table: &str,
        code: &str,
        name: &str,
    ) -> Result<Option<i64>, StoreError> {
        if self.all_new {
            return Ok(None);
        }
        match_by_key(tx, table, code, name)
    }

    /// The stored site of this county and name.
    fn site(self, tx: &Transaction<'_>, s: &Site) -> Result<Option<i64>, StoreError> {
        if self.all_new {
            return Ok(None);
        }
        Ok(tx
            .prepare_cached(
                "SELECT id FROM sites WHERE county = ?1 AND name = ?2 ORDER BY id LIMIT 1",
            )?
            .query_row([&s.county, &s.name], |r| r.get(0))
            .optional()?)
    }
}

/// True when the store holds no record of any sheet (its settings may be set).
fn holds_no_records(tx: &Transaction<'_>) -> Result<bool, StoreError> {
    let any: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM enterprises) OR EXISTS (SELECT 1 FROM sites) \
         OR EXISTS (SELECT 1 FROM fleets) OR EXISTS (SELECT 1 FROM heating) \
         OR EXISTS (SELECT 1 FROM machinery)",
        [],
        |r| r.get(0),
    )?;
    Ok(!any)
}

pub(super) fn clear(tx: &Transaction<'_>) -> Result<(), StoreError> {
    tx.execute_batch(
        "DELETE FROM sources; DELETE FROM enterprises; \
         DELETE FROM sites; DELETE FROM fleets; DELETE FROM heating; DELETE FROM machinery; \
         DELETE FROM county_baselines; \
         UPDATE settings SET area = '', year = NULL, baseline_so2 = NULL, baseline_nox = NULL, \
         baseline_pm = NULL, baseline_vocs = NULL, baseline_unit = NULL;",
    )?;
    Ok(())
}

fn import_settings(
    tx: &Transaction<'_>,
    incoming: &List,
    stated: Stated,
    mode: ImportMode,
    summary: &mut ImportSummary,
) -> Result<(), StoreError> {
    if !incoming.area.trim().is_empty() {
        tx.execute("UPDATE settings SET area = ?1", params![incoming.area])?;
    }
    if let Some(year) = incoming.year {
        tx.execute("UPDATE settings SET year = ?1", params![year])?;
    }
    if mode == ImportMode::Replace || stated.targets {
        let t = &incoming.targets;
        tx.execute(
            "UPDATE settings SET target_yellow = ?1, target_orange = ?2, target_red = ?3",
            params![t.yellow, t.orange, t.red],
        )?;
    }
    if mode == ImportMode::Replace || stated.trade {
        tx.execute(
            "UPDATE settings SET so2_nox_trade = ?1",
            params![incoming.so2_nox_trade],
        )?;
    }
    if let Some(baseline) = &incoming.baseline {
        write::set_baseline(tx, Some(baseline))?;
        summary.baseline_set = true;
    }
    if !incoming.county_baselines.is_empty() {
        write::set_county_baselines(tx, &incoming.county_baselines)?;
        summary.baseline_set = true;
    }
    Ok(())
}

/// The stored id of the record with this code / name in `table` (see [`ImportMode::Merge`]).
fn match_by_key(
    tx: &Transaction<'_>,
    table: &str,
    code: &str,
    name: &str,
) -> Result<Option<i64>, StoreError> {
    if !code.is_empty() {
        let sql = format!("SELECT id FROM {table} WHERE code = ?1 ORDER BY id LIMIT 1");
        let found = tx
            .prepare_cached(&sql)?
            .query_row([code], |r| r.get(0))
            .optional()?;
        if found.is_some() {
            return Ok(found);
        }
        let sql =
            format!("SELECT id FROM {table} WHERE code = '' AND name = ?1 ORDER BY id LIMIT 1");
        return Ok(tx
            .prepare_cached(&sql)?
            .query_row([name], |r| r.get(0))
            .optional()?);
    }
    let sql = format!("SELECT id FROM {table} WHERE name = ?1 ORDER BY id LIMIT 1");
    Ok(tx
        .prepare_cached(&sql)?
        .query_row([name], |r| r.get(0))
        .optional()?)
}

fn import_enterprise(
    tx: &Transaction<'_>,
    keys: Keys,
    e: &Enterprise,
    summary: &mut ImportSummary,
) -> Result<(), StoreError> {
    let existing = keys.find(tx, "enterprises", &e.code, &e.name)?;
    let id = write::put_enterprise_row(tx, existing.unwrap_or(0), e)?;
    if existing.is_some() {
        write::clear_sources(tx, Owner::Enterprise(id))?;
        summary.enterprises_replaced += 1;
    } else {
        summary.enterprises_added += 1;
    }
    for (position, s) in e.sources.iter().enumerate() {
        write::insert_source(tx, Owner::Enterprise(id), position, s)?;
    }
    summary.sources_written += e.sources.len();
    Ok(())
}

fn import_site(
    tx: &Transaction<'_>,
    keys: Keys,
    s: &Site,
    summary: &mut ImportSummary,
) -> Result<(), StoreError> {
    let existing = keys.site(tx, s)?;
    let id = write::put_site_row(
        tx,
        &Site {
            id: existing.unwrap_or(0),
            ..s.clone()
        },
    )?;
    if existing.is_some() {
        write::clear_sources(tx, Owner::Site(id))?;
        summary.sites_replaced += 1;
    } else {
        summary.sites_added += 1;
    }
    write::insert_source(tx, Owner::Site(id), 0, &s.source)?;
    summary.sources_written += 1;
    Ok(())
}

fn import_fleet(
    tx: &Transaction<'_>,
    keys: Keys,
    f: &Fleet,
    summary: &mut ImportSummary,
) -> Result<(), StoreError> {
    let existing = keys.find(tx, "fleets", &f.code, &f.name)?;
    let id = write::put_fleet_row(
        tx,
        &Fleet {
            id: existing.unwrap_or(0),
            ..f.clone()
        },
    )?;
    if existing.is_some() {
        write::clear_sources(tx, Owner::Fleet(id))?;
        summary.fleets_replaced += 1;
    } else {
        summary.fleets_added += 1;
    }
    write::insert_source(tx, Owner::Fleet(id), 0, &f.source)?;
    summary.sources_written += 1;
    Ok(())
}

fn import_heating(
    tx: &Transaction<'_>,
    keys: Keys,
    h: &Heating,
    summary: &mut ImportSummary,
) -> Result<(), StoreError> {
    let existing = keys.find(tx, "heating", &h.code, &h.name)?;
    write::save_heating(
        tx,
        &Heating {
            id: existing.unwrap_or(0),
            ..h.clone()
        },
    )?;
    if existing.is_some() {
        summary.heating_replaced += 1;
    } else {
        summary.heating_added += 1;
    }
    Ok(())
}

/// Replaces the stored rows of every 使用单位 the file lists (see [`ImportMode::Merge`]).
fn import_machinery(
    tx: &Transaction<'_>,
    rows: &[Machinery],
    summary: &mut ImportSummary,
) -> Result<(), StoreError> {
    let mut cleared = std::collections::HashSet::new();
    let mut delete =
        tx.prepare_cached("DELETE FROM machinery WHERE county = ?1 AND user_name = ?2")?;
    for m in rows {
        if cleared.insert((m.county.as_str(), m.user.as_str())) {
            delete.execute([&m.county, &m.user])?;
        }
    }
    for m in rows {
        write::save_machinery(tx, &Machinery { id: 0, ..m.clone() })?;
    }
    summary.machinery_written += rows.len();
    Ok(())
}
