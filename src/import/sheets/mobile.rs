//! The mobile sheet (移动源清单): heavy-vehicle users (用车大户) and their transport.
//!
//! Each data row is one fleet. A row with neither name nor code continues the fleet above
//! only in its identity (merged cells in a format whose merges calamine cannot read): it
//! takes that fleet's county, name and code and is read as a fleet of its own.

use std::collections::HashMap;

use crate::model::{normalise_code, Fleet, VehicleCounts};

use super::super::cells;
use super::super::header::{Field, Plain, Unit};
use super::industrial::check_code;
use super::SheetCtx;

/// Reads every data row of a mobile sheet into `out`.
pub(crate) fn read(ctx: &mut SheetCtx<'_, '_>, out: &mut Vec<Fleet>) {
    let mut names_by_code: HashMap<String, (String, u32)> = HashMap::new();
    let mut above: Option<(String, String, String)> = None;
    for r in ctx.data_rows() {
        let mut name: String = ctx
            .text(r, Field::Plain(Plain::Name))
            .split_whitespace()
            .collect();
        let mut code = normalise_code(&ctx.text(r, Field::Plain(Plain::Code)));
        let mut county = ctx.string(r, Plain::County);
        if name.is_empty() && code.is_empty() {
            match &above {
                Some((n, c, k)) => {
                    (name, code) = (n.clone(), c.clone());
                    if county.is_empty() {
                        county = k.clone();
                    }
                }
                None => {
                    let label = label(ctx, Plain::Name, "企业名称");
                    ctx.error_at(
                        r,
                        &label,
                        "企业名称和统一社会信用代码都为空：请填写用车企业".into(),
                    );
                    continue;
                }
            }
        } else {
            check_code(ctx, r, &code);
            check_two_names(ctx, r, &name, &code, &mut names_by_code);
        }
        above = Some((name.clone(), code.clone(), county.clone()));
        let fleet = Fleet {
            county,
            name,
            code,
            daily_trips: ctx.number(r, Field::Plain(Plain::DailyTrips), Unit::Vehicles),
            vehicles: vehicles(ctx, r),
            source: ctx.source(r),
            origin: Some(ctx.origin(r)),
            ..Fleet::default()
        };
        out.push(fleet);
    }
}

fn label(ctx: &SheetCtx<'_, '_>, p: Plain, default: &str) -> String {
    ctx.column(Field::Plain(p))
        .map_or(default.to_string(), |c| c.label.clone())
}

fn check_two_names(
    ctx: &mut SheetCtx<'_, '_>,
    r: usize,
    name: &str,
    code: &str,
    seen: &mut HashMap<String, (String, u32)>,
) {
    if code.is_empty() {
        return;
    }
    match seen.get(code) {
        Some((first, row)) if first != name => {
            let msg = format!(
                "统一社会信用代码“{code}”在第{row}行属于“{first}”，此行却是“{name}”：同一代码不能对应两个企业名称，请核对"
            );
            let label = label(ctx, Plain::Code, "统一社会信用代码");
            ctx.error_at(r, &label, msg);
        }
        Some(_) => {}
        None => {
            seen.insert(code.to_string(), (name.to_string(), r as u32 + 1));
        }
    }
}

fn vehicles(ctx: &mut SheetCtx<'_, '_>, r: usize) -> VehicleCounts {
    let mut count = |p: Plain| {
        let (c, v) = ctx.value(r, Field::Plain(p))?;
        match cells::count(v) {
            Ok(n) => n,
            Err(problem) => {
                ctx.error_at(r, &c.label, format!("{}：{}", c.label, problem.message()));
                None
            }
        }
    };
    VehicleCounts {
        guo3_or_older: count(Plain::Guo3),
        guo4: count(Plain::Guo4),
        guo5: count(Plain::Guo5),
        guo6: count(Plain::Guo6),
        new_energy: count(Plain::NewEnergy),
    }
}
