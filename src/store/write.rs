//! Row writers shared by the record saves and the import. All run inside the caller's
//! transaction with cached prepared statements (an import of 60,000 sources reuses one
//! statement per table).

use std::collections::HashSet;
use std::sync::LazyLock;

use rusqlite::{params, OptionalExtension, Statement, ToSql, Transaction};

use super::StoreError;
use crate::model::{
    Baseline, BaselineUnit, CountyBaseline, Enterprise, Fleet, Heating, Level, Machinery, Origin,
    Pollutant, Site, Source,
};

/// The tables a record can be deleted from.
#[derive(Clone, Copy, Debug)]
pub(super) enum Table {
    Enterprises,
    Sites,
    Fleets,
    Heating,
    Machinery,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Enterprises => "enterprises",
            Table::Sites => "sites",
            Table::Fleets => "fleets",
            Table::Heating => "heating",
            Table::Machinery => "machinery",
        }
    }

    /// The record's name in messages.
    fn kind_zh(self) -> &'static str {
        match self {
            Table::Enterprises => "企业",
            Table::Sites => "扬尘源",
            Table::Fleets => "移动源（用车大户）",
            Table::Heating => "协同供暖企业",
            Table::Machinery => "非道路移动机械",
        }
    }
}

/// Who a source belongs to.
#[derive(Clone, Copy, Debug)]
pub(super) enum Owner {
    Enterprise(i64),
    Site(i64),
    Fleet(i64),
}

impl Owner {
    fn ids(self) -> [Option<i64>; 3] {
        match self {
            Owner::Enterprise(id) => [Some(id), None, None],
            Owner::Site(id) => [None, Some(id), None],
            Owner::Fleet(id) => [None, None, Some(id)],
        }
    }

    fn column(self) -> &'static str {
        match self {
            Owner::Enterprise(_) => "enterprise_id",
            Owner::Site(_) => "site_id",
            Owner::Fleet(_) => "fleet_id",
        }
    }

    fn id(self) -> i64 {
        match self {
            Owner::Enterprise(id) | Owner::Site(id) | Owner::Fleet(id) => id,
        }
    }
}

fn origin_parts(origin: &Option<Origin>) -> (Option<&str>, Option<u32>) {
    match origin {
        Some(o) => (Some(o.sheet.as_str()), Some(o.row)),
        None => (None, None),
    }
}

pub(super) fn set_baseline(
    tx: &Transaction<'_>,
    baseline: Option<&Baseline>,
) -> Result<(), StoreError> {
    let (a, unit) = match baseline {
        Some(b) => (
            [
                Some(b.amounts.so2),
                Some(b.amounts.nox),
                Some(b.amounts.pm),
                Some(b.amounts.vocs),
            ],
            Some(unit_key(b.unit)),
        ),
        None => ([None; 4], None),
    };
    tx.execute(
        "UPDATE settings SET baseline_so2 = ?1, baseline_nox = ?2, baseline_pm = ?3, \
         baseline_vocs = ?4, baseline_unit = ?5",
        params![a[0], a[1], a[2], a[3], unit],
    )?;
    Ok(())
}

fn unit_key(unit: BaselineUnit) -> &'static str {
    match unit {
        BaselineUnit::PerYear => "t/a",
        BaselineUnit::PerDay => "t/d",
    }
}

/// Replaces every county's whole-society emissions with `counties`.
pub(super) fn set_county_baselines(
    tx: &Transaction<'_>,
    counties: &[CountyBaseline],
) -> Result<(), StoreError> {
    tx.execute("DELETE FROM county_baselines", [])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO county_baselines (position, county, so2, nox, pm, vocs, unit) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, c) in counties.iter().enumerate() {
        let a = &c.baseline.amounts;
        insert.execute(params![
            i as i64,
            c.county,
            a.so2,
            a.nox,
            a.pm,
            a.vocs,
            unit_key(c.baseline.unit)
        ])?;
    }
    Ok(())
}

pub(super) fn delete(tx: &Transaction<'_>, table: Table, id: i64) -> Result<(), StoreError> {
    let sql = format!("DELETE FROM {} WHERE id = ?1", table.name());
    let n = tx.prepare_cached(&sql)?.execute([id])?;
    if n == 0 {
        return Err(StoreError::NotFound {
            kind: table.kind_zh(),
            id,
        });
    }
    Ok(())
}

// ---------------------------------------------------------------- sources and measures

/// The columns of a source row that hold the line itself, after its owner and before its
/// measures, in the order [`bind_source`] binds them.
const LINE_COLUMNS: [&str; 18] = [
    "position",
    "name",
    "product",
    "capacity",
    "days",
    "annual_so2",
    "annual_nox",
    "annual_pm",
    "annual_vocs",
    "daily_so2",
    "daily_nox",
    "daily_pm",
    "daily_vocs",
    "origin_sheet",
    "origin_row",
    "outlet",
    "treatment",
    "standard",
];

/// The columns of a source row after its owner: the line, then each level's measure
/// (migration 011), in the order [`bind_source`] binds them.
static SOURCE_COLUMNS: LazyLock<String> = LazyLock::new(|| {
    let mut columns: Vec<String> = LINE_COLUMNS.map(String::from).to_vec();
    columns.extend(measure_columns());
    columns.join(", ")
});

/// How many columns [`SOURCE_COLUMNS`] names.
const SOURCE_COLUMN_COUNT: usize = LINE_COLUMNS.len() + Level::ALL.len() * MEASURE_FIELDS.len();

/// The fields of one level's measure, as the suffixes of its columns (`yellow_text`, …).
pub(super) const MEASURE_FIELDS: [&str; 11] = [
    "text",
    "share",
    "so2",
    "nox",
    "pm",
    "vocs",
    "key_indicator",
    "prep_time",
    "owner_name",
    "owner_phone",
    "concentration_limit",
];

/// Every measure column of a source row, level by level.
pub(super) fn measure_columns() -> impl Iterator<Item = String> {
    Level::ALL
        .into_iter()
        .flat_map(|l| MEASURE_FIELDS.map(|f| format!("{}_{f}", l.key())))
}

/// `INSERT INTO sources`: the three owner columns, then [`SOURCE_COLUMNS`].
static INSERT_SOURCE: LazyLock<String> = LazyLock::new(|| {
    let values: Vec<String> = (1..=3 + SOURCE_COLUMN_COUNT)
        .map(|i| format!("?{i}"))
        .collect();
    format!(
        "INSERT INTO sources (enterprise_id, site_id, fleet_id, {}) VALUES ({})",
        *SOURCE_COLUMNS,
        values.join(", ")
    )
});

/// `UPDATE sources` of every column in [`SOURCE_COLUMNS`], the id being `?1`.
static UPDATE_SOURCE: LazyLock<String> = LazyLock::new(|| {
    let sets: Vec<String> = SOURCE_COLUMNS
        .split(", ")
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 2))
        .collect();
    format!("UPDATE sources SET {} WHERE id = ?1", sets.join(", "))
});

/// Binds the source's columns ([`SOURCE_COLUMNS`]) from parameter `first` on. One bind per
/// value, no parameter array: an import binds 60,000 rows of 51 values.
fn bind_source(
    stmt: &mut Statement<'_>,
    first: usize,
    position: usize,
    s: &Source,
) -> rusqlite::Result<()> {
    let (sheet, row) = origin_parts(&s.origin);
    let mut at = first;
    let mut bind = |value: &dyn ToSql| -> rusqlite::Result<()> {
        stmt.raw_bind_parameter(at, value)?;
        at += 1;
        Ok(())
    };
    bind(&(position as i64))?;
    bind(&s.name)?;
    bind(&s.product)?;
    bind(&s.capacity)?;
    bind(&s.days)?;
    for amounts in [&s.annual, &s.daily] {
        for p in Pollutant::ALL {
            bind(amounts.get(p))?;
        }
    }
    bind(&sheet)?;
    bind(&row)?;
    bind(&s.outlet)?;
    bind(&s.treatment)?;
    bind(&s.standard)?;
    for level in Level::ALL {
        let m = s.measures.get(level);
        bind(&m.text)?;
        bind(&m.share)?;
        for p in Pollutant::ALL {
            bind(m.amounts.get(p))?;
        }
        bind(&m.key_indicator)?;
        bind(&m.prep_time)?;
        bind(&m.owner.name)?;
        bind(&m.owner.phone)?;
        bind(&m.concentration_limit)?;
    }
    debug_assert_eq!(at, first + SOURCE_COLUMN_COUNT);
    Ok(())
}

/// Inserts a source with its measures; returns its new id.
pub(super) fn insert_source(
    tx: &Transaction<'_>,
    owner: Owner,
    position: usize,
    s: &Source,
) -> Result<i64, StoreError> {
    let mut stmt = tx.prepare_cached(&INSERT_SOURCE)?;
    for (i, id) in owner.ids().into_iter().enumerate() {
        stmt.raw_bind_parameter(i + 1, id)?;
    }
    bind_source(&mut stmt, 4, position, s)?;
    stmt.raw_execute()?;
    Ok(tx.last_insert_rowid())
}

/// Rewrites a stored source in place (keeping its id), measures included.
fn update_source(
    tx: &Transaction<'_>,
    id: i64,
    position: usize,
    s: &Source,
) -> Result<(), StoreError> {
    let mut stmt = tx.prepare_cached(&UPDATE_SOURCE)?;
    stmt.raw_bind_parameter(1, id)?;
    bind_source(&mut stmt, 2, position, s)?;
    stmt.raw_execute()?;
    Ok(())
}

/// Makes the owner's stored sources match `sources`: known ids are updated in place, id 0
/// (or an id belonging to someone else) is inserted, stored sources not listed are deleted.
/// Returns the sources with their ids.
pub(super) fn sync_sources(
    tx: &Transaction<'_>,
    owner: Owner,
    sources: &[Source],
) -> Result<Vec<Source>, StoreError> {
    let sql = format!("SELECT id FROM sources WHERE {} = ?1", owner.column());
    let stored: HashSet<i64> = tx
        .prepare_cached(&sql)?
        .query_map([owner.id()], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut kept = HashSet::new();
    let mut out = Vec::with_capacity(sources.len());
    for (position, s) in sources.iter().enumerate() {
        let mut s = s.clone();
        if stored.contains(&s.id) && !kept.contains(&s.id) {
            update_source(tx, s.id, position, &s)?;
        } else {
            s.id = insert_source(tx, owner, position, &s)?;
        }
        kept.insert(s.id);
        out.push(s);
    }
    let mut delete = tx.prepare_cached("DELETE FROM sources WHERE id = ?1")?;
    for id in stored.difference(&kept) {
        delete.execute([id])?;
    }
    Ok(out)
}

/// Deletes every source of an owner (before an import writes the file's sources).
pub(super) fn clear_sources(tx: &Transaction<'_>, owner: Owner) -> Result<(), StoreError> {
    let sql = format!("DELETE FROM sources WHERE {} = ?1", owner.column());
    tx.prepare_cached(&sql)?.execute([owner.id()])?;
    Ok(())
}

fn not_found(table: Table, id: i64) -> StoreError {
    StoreError::NotFound {
        kind: table.kind_zh(),
        id,
    }
}

// ---------------------------------------------------------------- enterprises

/// Writes the enterprise's own row (not its sources) as record `id`: inserted when `id` is 0,
/// else updated in place. The id is passed apart from `e` so that callers writing a file's
/// enterprise under a stored id need not copy it (with all its lines) to change its id.
/// Returns the id; NotFound when an update finds no such record.
pub(super) fn put_enterprise_row(
    tx: &Transaction<'_>,
    id: i64,
    e: &Enterprise,
) -> Result<i64, StoreError> {
    let (sheet, row) = origin_parts(&e.origin);
    let grade = e.grade.map(|g| g.label());
    let class = e.class.map(|c| c.name_zh());
    let values = params![
        e.name,
        e.code,
        e.county,
        e.town,
        e.address,
        e.industry,
        grade,
        class,
        e.guarantee,
        e.shut_down,
        e.cems,
        e.legal.name,
        e.legal.phone,
        e.responsible.name,
        e.responsible.phone,
        e.supervisor.name,
        e.supervisor.phone,
        sheet,
        row,
        id,
        e.industry_code,
        e.key_industry,
        e.power_account,
        e.normal_daily_kwh,
        e.daily_kwh_cap.yellow,
        e.daily_kwh_cap.orange,
        e.daily_kwh_cap.red,
    ];
    if id == 0 {
        tx.prepare_cached(
            "INSERT INTO enterprises (id, name, code, county, town, address, industry, grade, class, \
             guarantee, shut_down, cems, legal_name, legal_phone, responsible_name, \
             responsible_phone, supervisor_name, supervisor_phone, origin_sheet, origin_row, \
             industry_code, key_industry, power_account, normal_daily_kwh, kwh_cap_yellow, \
             kwh_cap_orange, kwh_cap_red) \
             VALUES (NULLIF(?20, 0), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, \
             ?15, ?16, ?17, ?18, ?19, ?21, ?22, ?23, ?24, ?25, ?26, ?27)",
        )?
        .execute(values)?;
        return Ok(tx.last_insert_rowid());
    }
    let n = tx
        .prepare_cached(
            "UPDATE enterprises SET name = ?1, code = ?2, county = ?3, town = ?4, address = ?5, \
             industry = ?6, grade = ?7, class = ?8, guarantee = ?9, shut_down = ?10, cems = ?11, \
             legal_name = ?12, legal_phone = ?13, responsible_name = ?14, \
             responsible_phone = ?15, supervisor_name = ?16, supervisor_phone = ?17, \
             origin_sheet = ?18, origin_row = ?19, industry_code = ?21, key_industry = ?22, \
             power_account = ?23, normal_daily_kwh = ?24, kwh_cap_yellow = ?25, \
             kwh_cap_orange = ?26, kwh_cap_red = ?27 WHERE id = ?20",
        )?
        .execute(values)?;
    if n == 0 {
        return Err(not_found(Table::Enterprises, id));
    }
    Ok(id)
}

pub(super) fn save_enterprise(
    tx: &Transaction<'_>,
    e: &Enterprise,
) -> Result<Enterprise, StoreError> {
    let id = put_enterprise_row(tx, e.id, e)?;
    let sources = sync_sources(tx, Owner::Enterprise(id), &e.sources)?;
    Ok(Enterprise {
        id,
        sources,
        ..e.clone()
    })
}

// ---------------------------------------------------------------- sites

pub(super) fn put_site_row(tx: &Transaction<'_>, s: &Site) -> Result<i64, StoreError> {
    let (sheet, row) = origin_parts(&s.origin);
    let values = params![
        s.county,
        s.name,
        s.kind,
        s.address,
        s.builder,
        s.contractor,
        s.manager.name,
        s.manager.phone,
        s.responsible.name,
        s.responsible.phone,
        sheet,
        row,
        s.id,
        s.approval,
    ];
    if s.id == 0 {
        tx.prepare_cached(
            "INSERT INTO sites (id, county, name, kind, address, builder, contractor, manager_name, \
             manager_phone, responsible_name, responsible_phone, origin_sheet, origin_row, \
             approval) \
             VALUES (NULLIF(?13, 0), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?14)",
        )?
        .execute(values)?;
        return Ok(tx.last_insert_rowid());
    }
    let n = tx
        .prepare_cached(
            "UPDATE sites SET county = ?1, name = ?2, kind = ?3, address = ?4, builder = ?5, \
             contractor = ?6, manager_name = ?7, manager_phone = ?8, responsible_name = ?9, \
             responsible_phone = ?10, origin_sheet = ?11, origin_row = ?12, approval = ?14 \
             WHERE id = ?13",
        )?
        .execute(values)?;
    if n == 0 {
        return Err(not_found(Table::Sites, s.id));
    }
    Ok(s.id)
}

/// Keeps the owner's one source: updated in place when stored, else inserted.
fn sync_single_source(
    tx: &Transaction<'_>,
    owner: Owner,
    source: &Source,
) -> Result<Source, StoreError> {
    let sql = format!(
        "SELECT id FROM sources WHERE {} = ?1 ORDER BY id LIMIT 1",
        owner.column()
    );
    let stored: Option<i64> = tx
        .prepare_cached(&sql)?
        .query_row([owner.id()], |r| r.get(0))
        .optional()?;
    let mut s = source.clone();
    s.id = stored.unwrap_or(0);
    Ok(sync_sources(tx, owner, std::slice::from_ref(&s))?.remove(0))
}

pub(super) fn save_site(tx: &Transaction<'_>, s: &Site) -> Result<Site, StoreError> {
    let id = put_site_row(tx, s)?;
    let source = sync_single_source(tx, Owner::Site(id), &s.source)?;
    Ok(Site {
        id,
        source,
        ..s.clone()
    })
}

// ---------------------------------------------------------------- fleets

pub(super) fn put_fleet_row(tx: &Transaction<'_>, f: &Fleet) -> Result<i64, StoreError> {
    let (sheet, row) = origin_parts(&f.origin);
    let v = &f.vehicles;
    let values = params![
        f.county,
        f.name,
        f.code,
        f.daily_trips,
        v.guo3_or_older,
        v.guo4,
        v.guo5,
        v.guo6,
        v.new_energy,
        sheet,
        row,
        f.id,
    ];
    if f.id == 0 {
        tx.prepare_cached(
            "INSERT INTO fleets (id, county, name, code, daily_trips, guo3_or_older, guo4, guo5, \
             guo6, new_energy, origin_sheet, origin_row) \
             VALUES (NULLIF(?12, 0), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(values)?;
        return Ok(tx.last_insert_rowid());
    }
    let n = tx
        .prepare_cached(
            "UPDATE fleets SET county = ?1, name = ?2, code = ?3, daily_trips = ?4, \
             guo3_or_older = ?5, guo4 = ?6, guo5 = ?7, guo6 = ?8, new_energy = ?9, \
             origin_sheet = ?10, origin_row = ?11 WHERE id = ?12",
        )?
        .execute(values)?;
    if n == 0 {
        return Err(not_found(Table::Fleets, f.id));
    }
    Ok(f.id)
}

pub(super) fn save_fleet(tx: &Transaction<'_>, f: &Fleet) -> Result<Fleet, StoreError> {
    let id = put_fleet_row(tx, f)?;
    let source = sync_single_source(tx, Owner::Fleet(id), &f.source)?;
    Ok(Fleet {
        id,
        source,
        ..f.clone()
    })
}

// ---------------------------------------------------------------- heating

pub(super) fn save_heating(tx: &Transaction<'_>, h: &Heating) -> Result<Heating, StoreError> {
    let (sheet, row) = origin_parts(&h.origin);
    let values = params![
        h.name,
        h.code,
        h.area_10k_m2,
        h.max_load,
        h.measures.yellow,
        h.measures.orange,
        h.measures.red,
        sheet,
        row,
        h.id,
    ];
    let id = if h.id == 0 {
        tx.prepare_cached(
            "INSERT INTO heating (id, name, code, area_10k_m2, max_load, measure_yellow, \
             measure_orange, measure_red, origin_sheet, origin_row) \
             VALUES (NULLIF(?10, 0), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(values)?;
        tx.last_insert_rowid()
    } else {
        let n = tx
            .prepare_cached(
                "UPDATE heating SET name = ?1, code = ?2, area_10k_m2 = ?3, max_load = ?4, \
                 measure_yellow = ?5, measure_orange = ?6, measure_red = ?7, \
                 origin_sheet = ?8, origin_row = ?9 WHERE id = ?10",
            )?
            .execute(values)?;
        if n == 0 {
            return Err(not_found(Table::Heating, h.id));
        }
        h.id
    };
    Ok(Heating { id, ..h.clone() })
}

// ---------------------------------------------------------------- machinery

pub(super) fn save_machinery(tx: &Transaction<'_>, m: &Machinery) -> Result<Machinery, StoreError> {
    let (sheet, row) = origin_parts(&m.origin);
    let values = params![
        m.county,
        m.user,
        m.kind,
        m.stage.name_zh(),
        m.count,
        m.fuel,
        m.measures.yellow,
        m.measures.orange,
        m.measures.red,
        sheet,
        row,
        m.id,
    ];
    let id = if m.id == 0 {
        tx.prepare_cached(
            "INSERT INTO machinery (id, county, user_name, kind, stage, count, fuel, \
             measure_yellow, measure_orange, measure_red, origin_sheet, origin_row) \
             VALUES (NULLIF(?12, 0), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(values)?;
        tx.last_insert_rowid()
    } else {
        let n = tx
            .prepare_cached(
                "UPDATE machinery SET county = ?1, user_name = ?2, kind = ?3, stage = ?4, \
                 count = ?5, fuel = ?6, measure_yellow = ?7, measure_orange = ?8, \
                 measure_red = ?9, origin_sheet = ?10, origin_row = ?11 WHERE id = ?12",
            )?
            .execute(values)?;
        if n == 0 {
            return Err(not_found(Table::Machinery, m.id));
        }
        m.id
    };
    Ok(Machinery { id, ..m.clone() })
}
