//! The non-road machinery sheet (非道路移动机械清单): one row per unit, kind and stage of
//! machine. It carries no emissions: the rows are checked (which stages may work at which
//! level), never summed.

use crate::model::{Level, Machinery, NonroadStage, PerLevel};

use super::super::cells;
use super::super::header::{Field, LevelField, Plain};
use super::SheetCtx;

/// Reads every data row of a machinery sheet into `out`. A row without 使用单位 is an error,
/// and so is a 排放阶段 that names no stage.
pub(crate) fn read(ctx: &mut SheetCtx<'_, '_>, out: &mut Vec<Machinery>) {
    for r in ctx.data_rows() {
        let user = ctx.string(r, Plain::MachineUser);
        if user.is_empty() {
            let label = label(ctx, Plain::MachineUser, "使用单位");
            ctx.error_at(
                r,
                &label,
                "使用单位为空：请填写使用这些机械的企业名称或工地（项目）名称".into(),
            );
            continue;
        }
        let machinery = Machinery {
            county: ctx.string(r, Plain::County),
            user,
            kind: ctx.string(r, Plain::MachineKind),
            stage: stage(ctx, r),
            count: count(ctx, r),
            fuel: ctx.string(r, Plain::Fuel),
            measures: PerLevel::from_fn(|l: Level| {
                ctx.text(r, Field::Level(l, LevelField::Measure))
                    .into_owned()
            }),
            origin: Some(ctx.origin(r)),
            ..Machinery::default()
        };
        out.push(machinery);
    }
}

fn label(ctx: &SheetCtx<'_, '_>, p: Plain, canonical: &str) -> String {
    ctx.column(Field::Plain(p))
        .map_or(canonical.to_string(), |c| c.label.clone())
}

fn stage(ctx: &mut SheetCtx<'_, '_>, r: usize) -> NonroadStage {
    let text = ctx.string(r, Plain::MachineStage);
    match NonroadStage::parse(&text) {
        Some(stage) => stage,
        None => {
            let label = label(ctx, Plain::MachineStage, "排放阶段");
            ctx.error_at(
                r,
                &label,
                format!(
                    "排放阶段“{text}”无法识别：应为国一、国二、国三、国四（或第一阶段至第四阶段）、新能源，不清楚的留空，请改正"
                ),
            );
            NonroadStage::Unknown
        }
    }
}

fn count(ctx: &mut SheetCtx<'_, '_>, r: usize) -> Option<u32> {
    let (c, v) = ctx.value(r, Field::Plain(Plain::MachineCount))?;
    match cells::count(v) {
        Ok(n) => n,
        Err(problem) => {
            let label = c.label.clone();
            ctx.error_at(r, &label, format!("{label}：{}", problem.message()));
            None
        }
    }
}
