//! Loading the whole list: one pass per table, stitched together in memory (a query per
//! enterprise would make 60,000 round trips).

use std::collections::HashMap;

use rusqlite::{Connection, Row};

use super::{write, StoreError};
use crate::model::{
    default_targets, Baseline, BaselineUnit, Contact, CountyBaseline, Enterprise, EnterpriseClass,
    Fleet, Grade, Heating, List, Machinery, Measure, NonroadStage, Origin, PerLevel, PerPollutant,
    Site, Source, VehicleCounts, DEFAULT_TRADE,
};

pub(super) fn load(conn: &Connection) -> Result<List, StoreError> {
    let mut list = settings(conn)?;
    let mut owned = load_sources(conn)?;
    list.enterprises = load_enterprises(conn, &mut owned.enterprises)?;
    list.sites = load_sites(conn, &mut owned.sites)?;
    list.fleets = load_fleets(conn, &mut owned.fleets)?;
    list.heating = load_heating(conn)?;
    list.machinery = load_machinery(conn)?;
    Ok(list)
}

/// The list's settings (area, year, baselines, targets, trade switch) without its records.
pub(super) fn settings(conn: &Connection) -> Result<List, StoreError> {
    let mut list = load_settings(conn)?;
    list.county_baselines = load_county_baselines(conn)?;
    Ok(list)
}

fn load_settings(conn: &Connection) -> Result<List, StoreError> {
    let defaults = default_targets();
    let (list, unit) = conn.query_row(
        "SELECT area, year, baseline_so2, baseline_nox, baseline_pm, baseline_vocs, \
         baseline_unit, target_yellow, target_orange, target_red, so2_nox_trade \
         FROM settings WHERE id = 1",
        [],
        |r| {
            let amounts: PerPollutant<Option<f64>> = PerPollutant {
                so2: r.get(2)?,
                nox: r.get(3)?,
                pm: r.get(4)?,
                vocs: r.get(5)?,
            };
            let unit: Option<String> = r.get(6)?;
            let list = List {
                area: r.get(0)?,
                year: r.get(1)?,
                baseline: None,
                // NULL: the county has not chosen; the program's default applies.
                targets: PerLevel {
                    yellow: r.get::<_, Option<f64>>(7)?.unwrap_or(defaults.yellow),
                    orange: r.get::<_, Option<f64>>(8)?.unwrap_or(defaults.orange),
                    red: r.get::<_, Option<f64>>(9)?.unwrap_or(defaults.red),
                },
                so2_nox_trade: r.get::<_, Option<bool>>(10)?.unwrap_or(DEFAULT_TRADE),
                ..List::default()
            };
            Ok((list, unit.map(|u| (u, amounts))))
        },
    )?;
    let mut list = list;
    if let Some((unit, amounts)) = unit {
        let unit = match unit.as_str() {
            "t/a" => BaselineUnit::PerYear,
            "t/d" => BaselineUnit::PerDay,
            _ => return Err(corrupt("settings", "baseline_unit", unit)),
        };
        list.baseline = Some(Baseline {
            amounts: amounts.map(|_, v| v.unwrap_or(0.0)),
            unit,
        });
    }
    Ok(list)
}

fn corrupt(table: &'static str, column: &'static str, value: String) -> StoreError {
    StoreError::Corrupt {
        table,
        column,
        value,
    }
}

fn origin(r: &Row<'_>, sheet: usize) -> rusqlite::Result<Option<Origin>> {
    let name: Option<String> = r.get(sheet)?;
    let row: Option<u32> = r.get(sheet + 1)?;
    Ok(match (name, row) {
        (Some(sheet), Some(row)) => Some(Origin { sheet, row }),
        _ => None,
    })
}

fn contact(r: &Row<'_>, at: usize) -> rusqlite::Result<Contact> {
    Ok(Contact {
        name: r.get(at)?,
        phone: r.get(at + 1)?,
    })
}

fn amounts(r: &Row<'_>, at: usize) -> rusqlite::Result<PerPollutant<Option<f64>>> {
    Ok(PerPollutant {
        so2: r.get(at)?,
        nox: r.get(at + 1)?,
        pm: r.get(at + 2)?,
        vocs: r.get(at + 3)?,
    })
}

/// The three levels' measures from the row's measure columns, the first at `at` (in the
/// order of [`write::measure_columns`]).
fn measures(r: &Row<'_>, at: usize) -> rusqlite::Result<PerLevel<Measure>> {
    let one = |at: usize| -> rusqlite::Result<Measure> {
        Ok(Measure {
            text: r.get(at)?,
            share: r.get(at + 1)?,
            amounts: amounts(r, at + 2)?,
            key_indicator: r.get(at + 6)?,
            prep_time: r.get(at + 7)?,
            owner: contact(r, at + 8)?,
            concentration_limit: r.get(at + 10)?,
        })
    };
    let n = write::MEASURE_FIELDS.len();
    Ok(PerLevel {
        yellow: one(at)?,
        orange: one(at + n)?,
        red: one(at + 2 * n)?,
    })
}

/// Sources grouped by the id of their owner.
#[derive(Default)]
struct Owned {
    enterprises: HashMap<i64, Vec<Source>>,
    sites: HashMap<i64, Vec<Source>>,
    fleets: HashMap<i64, Vec<Source>>,
}

fn load_sources(conn: &Connection) -> Result<Owned, StoreError> {
    let measure_columns: Vec<String> = write::measure_columns().collect();
    let mut stmt = conn.prepare(&format!(
        "SELECT id, enterprise_id, site_id, fleet_id, name, product, capacity, days, \
         annual_so2, annual_nox, annual_pm, annual_vocs, daily_so2, daily_nox, daily_pm, \
         daily_vocs, origin_sheet, origin_row, outlet, treatment, standard, {} FROM sources \
         ORDER BY position, id",
        measure_columns.join(", ")
    ))?;
    let mut rows = stmt.query([])?;
    let mut owned = Owned::default();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let source = Source {
            id,
            name: r.get(4)?,
            product: r.get(5)?,
            capacity: r.get(6)?,
            days: r.get(7)?,
            outlet: r.get(18)?,
            treatment: r.get(19)?,
            standard: r.get(20)?,
            annual: amounts(r, 8)?,
            daily: amounts(r, 12)?,
            measures: measures(r, 21)?,
            origin: origin(r, 16)?,
        };
        let owners: [Option<i64>; 3] = [r.get(1)?, r.get(2)?, r.get(3)?];
        let slot = match owners {
            [Some(e), _, _] => owned.enterprises.entry(e),
            [_, Some(s), _] => owned.sites.entry(s),
            [_, _, Some(f)] => owned.fleets.entry(f),
            _ => return Err(corrupt("sources", "enterprise_id", format!("{id}"))),
        };
        slot.or_default().push(source);
    }
    Ok(owned)
}

fn single_source(sources: &mut HashMap<i64, Vec<Source>>, owner: i64) -> Source {
    sources
        .remove(&owner)
        .and_then(|v| v.into_iter().next())
        .unwrap_or_default()
}

pub(super) fn grade_from_label(label: &str) -> Option<Grade> {
    Grade::ALL.into_iter().find(|g| g.label() == label)
}

pub(super) fn class_from_name(name: &str) -> Option<EnterpriseClass> {
    EnterpriseClass::ALL
        .into_iter()
        .find(|c| c.name_zh() == name)
}

fn load_enterprises(
    conn: &Connection,
    sources: &mut HashMap<i64, Vec<Source>>,
) -> Result<Vec<Enterprise>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT id, name, code, county, town, address, industry, grade, class, guarantee, \
         shut_down, cems, legal_name, legal_phone, responsible_name, responsible_phone, \
         supervisor_name, supervisor_phone, origin_sheet, origin_row, industry_code, \
         key_industry, power_account, normal_daily_kwh, kwh_cap_yellow, kwh_cap_orange, \
         kwh_cap_red FROM enterprises ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let grade = match r.get::<_, Option<String>>(7)? {
            None => None,
            Some(g) => {
                Some(grade_from_label(&g).ok_or_else(|| corrupt("enterprises", "grade", g))?)
            }
        };
        let class = match r.get::<_, Option<String>>(8)? {
            None => None,
            Some(c) => Some(class_from_name(&c).ok_or_else(|| corrupt("enterprises", "class", c))?),
        };
        out.push(Enterprise {
            id,
            name: r.get(1)?,
            code: r.get(2)?,
            county: r.get(3)?,
            town: r.get(4)?,
            address: r.get(5)?,
            industry: r.get(6)?,
            industry_code: r.get(20)?,
            key_industry: r.get(21)?,
            power_account: r.get(22)?,
            normal_daily_kwh: r.get(23)?,
            daily_kwh_cap: PerLevel {
                yellow: r.get(24)?,
                orange: r.get(25)?,
                red: r.get(26)?,
            },
            grade,
            class,
            guarantee: r.get(9)?,
            shut_down: r.get(10)?,
            cems: r.get(11)?,
            legal: contact(r, 12)?,
            responsible: contact(r, 14)?,
            supervisor: contact(r, 16)?,
            sources: sources.remove(&id).unwrap_or_default(),
            origin: origin(r, 18)?,
        });
    }
    Ok(out)
}

fn load_sites(
    conn: &Connection,
    sources: &mut HashMap<i64, Vec<Source>>,
) -> Result<Vec<Site>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT id, county, name, kind, address, builder, contractor, manager_name, \
         manager_phone, responsible_name, responsible_phone, origin_sheet, origin_row, approval \
         FROM sites ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        out.push(Site {
            id,
            county: r.get(1)?,
            name: r.get(2)?,
            kind: r.get(3)?,
            address: r.get(4)?,
            builder: r.get(5)?,
            contractor: r.get(6)?,
            manager: contact(r, 7)?,
            responsible: contact(r, 9)?,
            approval: r.get(13)?,
            source: single_source(sources, id),
            origin: origin(r, 11)?,
        });
    }
    Ok(out)
}

fn load_fleets(
    conn: &Connection,
    sources: &mut HashMap<i64, Vec<Source>>,
) -> Result<Vec<Fleet>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT id, county, name, code, daily_trips, guo3_or_older, guo4, guo5, guo6, \
         new_energy, origin_sheet, origin_row FROM fleets ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        out.push(Fleet {
            id,
            county: r.get(1)?,
            name: r.get(2)?,
            code: r.get(3)?,
            daily_trips: r.get(4)?,
            vehicles: VehicleCounts {
                guo3_or_older: r.get(5)?,
                guo4: r.get(6)?,
                guo5: r.get(7)?,
                guo6: r.get(8)?,
                new_energy: r.get(9)?,
            },
            source: single_source(sources, id),
            origin: origin(r, 10)?,
        });
    }
    Ok(out)
}

fn load_heating(conn: &Connection) -> Result<Vec<Heating>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT id, name, code, area_10k_m2, max_load, measure_yellow, measure_orange, \
         measure_red, origin_sheet, origin_row FROM heating ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Heating {
            id: r.get(0)?,
            name: r.get(1)?,
            code: r.get(2)?,
            area_10k_m2: r.get(3)?,
            max_load: r.get(4)?,
            measures: PerLevel {
                yellow: r.get(5)?,
                orange: r.get(6)?,
                red: r.get(7)?,
            },
            origin: origin(r, 8)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn load_machinery(conn: &Connection) -> Result<Vec<Machinery>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT id, county, user_name, kind, stage, count, fuel, measure_yellow, measure_orange, \
         measure_red, origin_sheet, origin_row FROM machinery ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let stage: String = r.get(4)?;
        let stage = NonroadStage::ALL
            .into_iter()
            .find(|s| s.name_zh() == stage)
            .ok_or_else(|| corrupt("machinery", "stage", stage))?;
        out.push(Machinery {
            id: r.get(0)?,
            county: r.get(1)?,
            user: r.get(2)?,
            kind: r.get(3)?,
            stage,
            count: r.get(5)?,
            fuel: r.get(6)?,
            measures: PerLevel {
                yellow: r.get(7)?,
                orange: r.get(8)?,
                red: r.get(9)?,
            },
            origin: origin(r, 10)?,
        });
    }
    Ok(out)
}

fn load_county_baselines(conn: &Connection) -> Result<Vec<CountyBaseline>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT county, so2, nox, pm, vocs, unit FROM county_baselines ORDER BY position",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let unit: String = r.get(5)?;
        let unit = match unit.as_str() {
            "t/a" => BaselineUnit::PerYear,
            "t/d" => BaselineUnit::PerDay,
            _ => return Err(corrupt("county_baselines", "unit", unit)),
        };
        out.push(CountyBaseline {
            county: r.get(0)?,
            baseline: Baseline {
                amounts: PerPollutant {
                    so2: r.get(1)?,
                    nox: r.get(2)?,
                    pm: r.get(3)?,
                    vocs: r.get(4)?,
                },
                unit,
            },
        });
    }
    Ok(out)
}
