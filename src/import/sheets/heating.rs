//! The heating sheet (协同供暖企业清单): heating facts of enterprises that are also on the
//! industrial sheet (以热定产). Rows carry no emissions, so nothing is counted twice.

use crate::model::{normalise_code, Enterprise, Heating, Level, PerLevel};

use super::super::header::{Field, LevelField, Plain, Unit};
use super::industrial::check_code;
use super::SheetCtx;

/// Reads every data row of a heating sheet into `out`, warning about rows whose enterprise
/// is not among `enterprises` (the industrial sheets, read first).
pub(crate) fn read(ctx: &mut SheetCtx<'_, '_>, enterprises: &[Enterprise], out: &mut Vec<Heating>) {
    for r in ctx.data_rows() {
        let name: String = ctx
            .text(r, Field::Plain(Plain::Name))
            .split_whitespace()
            .collect();
        let code = normalise_code(&ctx.text(r, Field::Plain(Plain::Code)));
        if name.is_empty() && code.is_empty() {
            let label = ctx
                .column(Field::Plain(Plain::Name))
                .map_or("企业名称".to_string(), |c| c.label.clone());
            ctx.error_at(
                r,
                &label,
                "企业名称和统一社会信用代码都为空：请填写协同供暖企业".into(),
            );
            continue;
        }
        check_code(ctx, r, &code);
        let heating = Heating {
            name,
            code,
            area_10k_m2: area(ctx, r),
            max_load: ctx.share(r, Field::Plain(Plain::MaxLoad)),
            measures: PerLevel::from_fn(|l: Level| {
                ctx.text(r, Field::Level(l, LevelField::Measure))
                    .into_owned()
            }),
            origin: Some(ctx.origin(r)),
            ..Heating::default()
        };
        if !on_industrial_sheet(&heating, enterprises) {
            let label = ctx
                .column(Field::Plain(Plain::Name))
                .or_else(|| ctx.column(Field::Plain(Plain::Code)))
                .map_or("企业名称".to_string(), |c| c.label.clone());
            ctx.warn_at(
                r,
                &label,
                format!(
                    "协同供暖企业“{}”不在工业源清单中（按统一社会信用代码、无代码时按名称匹配）：请把该企业补入工业源清单，或核对名称和代码",
                    heating.name
                ),
            );
        }
        out.push(heating);
    }
}

/// 供暖面积 in 万平方米; a column headed in 平方米 is converted.
fn area(ctx: &mut SheetCtx<'_, '_>, r: usize) -> Option<f64> {
    let f = Field::Plain(Plain::HeatingArea);
    if ctx.column(f)?.unit == Some(Unit::SquareMetres) {
        ctx.number(r, f, Unit::SquareMetres).map(|m2| m2 / 10_000.0)
    } else {
        ctx.number(r, f, Unit::TenThousandSquareMetres)
    }
}

/// True when the heating row's enterprise is on the industrial sheet: by code where both
/// have one, else by name.
fn on_industrial_sheet(h: &Heating, enterprises: &[Enterprise]) -> bool {
    enterprises.iter().any(|e| {
        if h.code.is_empty() || e.code.is_empty() {
            e.name == h.name
        } else {
            e.code == h.code
        }
    })
}
