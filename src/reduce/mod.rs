//! The reduction engine (`reduction-method.md`): one pure computation, no I/O, that every
//! number about reductions comes from — the CLI's `check`, the desktop app, the exported 总表
//! and the 测算说明.
//!
//! [`source_reduction`] computes one row; [`check`] sums every source of the list, divides by
//! the whole-society baseline and judges each level.
//!
//! Where the spec is silent, these are the choices (a county official should not be
//! surprised by any of them):
//! - **The engine never fails.** Impossible data — days outside 0–366, an explicit amount
//!   above the emission, a share above 100 %, a negative number — is corrected (365 days,
//!   clamped to the emission, to 100 %, to 0) and reported; the importer already refuses most
//!   of it, but lists edited in the app reach the engine directly. `SourceReduction` keeps
//!   such errors apart in `errors`; the report has only `warnings` (as `cli.md` defines it),
//!   so they are listed there with messages that say 请核对.
//! - **Shut-down enterprises** (长期停产) emit and reduce nothing: they are skipped in sums,
//!   breakdowns and warnings, but still counted in `counts` (they are on the list).
//! - **Numbers are rounded** to 12 significant digits when the report is built ([`tidy`]),
//!   so that 0.25 + 0.2 prints as 0.45; verdicts use the unrounded values with a tolerance
//!   of 1e-9.
//! - **Without a baseline** `baseline`, every `ratio` and every `shortfall` are `null`, every
//!   pass flag is false. A pollutant whose baseline is 0 has ratio 0 and fails, with a
//!   warning (a whole-society emission of 0 is a data error, not a free pass).
//! - **The pair shortfall** is `2T − R_SO2 − R_NOx` with the trade on; with it off it is the
//!   sum of each one's own gap to `T`, which is what still has to be found.
//! - **Breakdowns**: counties and industries in the order they first appear; blank names
//!   are grouped as 未填写; `by_category` lists only categories that have sources (as the
//!   `cli.md` example does); `by_industry` and `by_grade` cover the industrial sheet, where
//!   industry and grade exist.
//! - **Warnings** are placed at the source's row, else the record's; a record with no
//!   origin at all (entered in the app) gets its name in front of the message.

mod breakdown;
pub mod measure_text;
mod report;
mod source;

pub use report::{
    tidy, tidy_amounts, Category, CategoryReduction, Counts, CountyReduction, GradeReduction,
    IndustryReduction, LevelCheck, LevelPass, LevelReduction, Report, Shortfall, TopSource,
    TopSources,
};
pub use source::{source_reduction, SourceReduction, DEFAULT_DAYS};

use breakdown::Totals;

use crate::model::{Amounts, Diagnostic, Level, List, Origin, PerLevel, Pollutant, Source};

/// Tolerance of every comparison with a target (`reduction-method.md`).
pub const TOLERANCE: f64 = 1e-9;

/// The warning given when the whole-society emissions are missing.
pub const NO_BASELINE: &str =
    "未设置全社会排放量，无法计算减排比例，请在总表中填写全社会排放量或用 jianpai baseline set 设置";

/// Checks the whole list: reductions per level, ratios against the whole-society baseline,
/// the pass rule with the SO2/NOx trade (`list.so2_nox_trade`), shortfalls, breakdowns and
/// every warning. Without a baseline the ratios and shortfalls are `None`, nothing passes and
/// a warning says so.
pub fn check(list: &List) -> Report {
    let mut totals = Totals::default();
    let mut warnings = Vec::new();
    let baseline = list.baseline.map(|b| b.daily());
    if baseline.is_none() {
        warnings.push(Diagnostic::general(NO_BASELINE));
    }
    if let Some(b) = &baseline {
        for p in Pollutant::ALL {
            if b.get(p).is_nan() || *b.get(p) <= 0.0 {
                warnings.push(Diagnostic::general(format!(
                    "全社会{}排放量为0，无法计算该污染物的减排比例，请在总表中填写",
                    p.name_zh()
                )));
            }
        }
    }
    for e in list
        .enterprises
        .iter()
        .filter(|e| !e.shut_down && !e.sources.is_empty())
    {
        let mut sum = PerLevel::<Amounts>::default();
        for s in &e.sources {
            let r = reduce_one(s, (e.origin.as_ref(), &e.name), &mut warnings);
            add_levels(&mut sum, &r);
            totals.top.offer(breakdown::Contributor {
                category: Category::Industrial,
                enterprise: &e.name,
                source: &s.name,
                county: &e.county,
                reductions: r,
            });
        }
        let grade = e.grade.map_or(breakdown::BLANK, |g| g.label());
        totals.add(
            Category::Industrial,
            &e.county,
            Some((&e.industry, grade)),
            &sum,
        );
    }
    for site in &list.sites {
        let r = reduce_one(
            &site.source,
            (site.origin.as_ref(), &site.name),
            &mut warnings,
        );
        totals.add(Category::Dust, &site.county, None, &r);
        totals.top.offer(breakdown::Contributor {
            category: Category::Dust,
            enterprise: &site.name,
            source: &site.source.name,
            county: &site.county,
            reductions: r,
        });
    }
    for fleet in &list.fleets {
        let r = reduce_one(
            &fleet.source,
            (fleet.origin.as_ref(), &fleet.name),
            &mut warnings,
        );
        totals.add(Category::Mobile, &fleet.county, None, &r);
        totals.top.offer(breakdown::Contributor {
            category: Category::Mobile,
            enterprise: &fleet.name,
            source: &fleet.source.name,
            county: &fleet.county,
            reductions: r,
        });
    }
    let levels: Vec<LevelCheck> = Level::ALL
        .iter()
        .map(|&l| judge(list, l, totals.total.get(l), baseline.as_ref()))
        .collect();
    Report {
        area: list.area.clone(),
        baseline: baseline.as_ref().map(tidy_amounts),
        pass: levels.iter().all(|l| l.pass.level),
        levels,
        counts: breakdown::counts(list),
        by_county: totals.by_county(),
        by_category: totals.by_category(),
        by_industry: totals.by_industry(),
        by_grade: totals.by_grade(),
        top: totals.top.into_report(),
        warnings,
    }
}

/// One source's reductions; its diagnostics go to `warnings`, placed at the record's origin
/// where the source has none of its own. Records entered in the app have no origin at all:
/// their messages then start with the enterprise (or site) and line, so that they can still
/// be found.
fn reduce_one(
    source: &Source,
    (origin, name): (Option<&Origin>, &str),
    warnings: &mut Vec<Diagnostic>,
) -> PerLevel<Amounts> {
    let r = source_reduction(source);
    for mut d in r.errors.into_iter().chain(r.warnings) {
        if d.sheet.is_none() {
            match origin {
                Some(o) => {
                    d.sheet = Some(o.sheet.clone());
                    d.row = Some(o.row);
                }
                None if source.name.trim().is_empty() => {
                    d.message = format!("“{name}”：{}", d.message);
                }
                None => {
                    d.message = format!("“{name}”的“{}”：{}", source.name.trim(), d.message);
                }
            }
        }
        warnings.push(d);
    }
    r.reductions
}

/// Adds per-level amounts.
fn add_levels(sum: &mut PerLevel<Amounts>, r: &PerLevel<Amounts>) {
    for l in Level::ALL {
        sum.get_mut(l).add(r.get(l));
    }
}

/// The verdict of one level (`reduction-method.md`, Area totals and ratios).
fn judge(list: &List, level: Level, reduction: &Amounts, baseline: Option<&Amounts>) -> LevelCheck {
    let target = *list.targets.get(level);
    let Some(b) = baseline else {
        return LevelCheck {
            level,
            target: tidy(target),
            reduction: tidy_amounts(reduction),
            ratio: None,
            pass: LevelPass::default(),
            shortfall: None,
        };
    };
    let ratio = Amounts::from_fn(|p| {
        let base = *b.get(p);
        if base > 0.0 {
            reduction.get(p) / base
        } else {
            0.0
        }
    });
    // A ratio that is not a finite number (amounts beyond f64, which JSON shows as null) never
    // counts as reached: no pass stands next to a ratio nobody can read.
    let reaches = |p: Pollutant| {
        *b.get(p) > 0.0 && ratio.get(p).is_finite() && *ratio.get(p) >= target - TOLERANCE
    };
    let (so2, nox) = (reaches(Pollutant::So2), reaches(Pollutant::Nox));
    let pair_sum = ratio.so2 + ratio.nox;
    let traded = list.so2_nox_trade
        && b.so2 > 0.0
        && b.nox > 0.0
        && pair_sum.is_finite()
        && pair_sum >= 2.0 * target - TOLERANCE;
    let so2_nox = (so2 && nox) || traded;
    let pass = LevelPass {
        so2,
        nox,
        so2_nox,
        pm: reaches(Pollutant::Pm),
        vocs: reaches(Pollutant::Vocs),
        level: so2_nox && reaches(Pollutant::Pm) && reaches(Pollutant::Vocs),
    };
    let missing = |p: Pollutant| {
        if reaches(p) {
            0.0
        } else {
            (target * b.get(p) - reduction.get(p)).max(0.0)
        }
    };
    let so2_nox_points = if so2_nox {
        0.0
    } else if list.so2_nox_trade {
        (2.0 * target - pair_sum).max(0.0)
    } else {
        (target - ratio.so2).max(0.0) + (target - ratio.nox).max(0.0)
    };
    LevelCheck {
        level,
        target: tidy(target),
        reduction: tidy_amounts(reduction),
        ratio: Some(tidy_amounts(&ratio)),
        pass,
        shortfall: Some(Shortfall {
            so2: tidy(missing(Pollutant::So2)),
            nox: tidy(missing(Pollutant::Nox)),
            pm: tidy(missing(Pollutant::Pm)),
            vocs: tidy(missing(Pollutant::Vocs)),
            so2_nox_points: tidy(so2_nox_points),
        }),
    }
}
