//! The reduction engine (`docs/method.md`): one pure computation, no I/O, that every
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
//!   such errors apart in `errors`; the report has only `warnings` (as `docs/cli.md` defines it),
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
//!   `docs/cli.md` example does); `by_industry` and `by_grade` cover the industrial sheet, where
//!   industry and grade exist.
//! - **Warnings** are placed at the source's row, else the record's; a record with no
//!   origin at all (entered in the app) gets its name in front of the message.

mod breakdown;
pub mod measure_text;
mod report;
mod source;

pub use report::{
    tidy, tidy_amounts, Category, CategoryReduction, Counts, CountyLevel, CountyReduction,
    GradeReduction, IndustryReduction, LevelCheck, LevelPass, LevelReduction, MeasureCounts,
    Report, Shortfall, TopSource, TopSources,
};
pub use source::{
    amounts_above_emission, source_reduction, AmountAboveEmission, SourceReduction, DEFAULT_DAYS,
};

use std::borrow::Cow;
use std::sync::LazyLock;

use breakdown::Totals;
use memchr::memmem;

use crate::model::{
    numbers, Amounts, Diagnostic, Enterprise, Level, List, Measure, Origin, PerLevel, Pollutant,
    Source,
};

/// Tolerance of every comparison with a target (`docs/method.md`).
pub const TOLERANCE: f64 = 1e-9;

/// The warning given when the whole-society emissions are missing.
pub const NO_BASELINE: &str =
    "未设置全社会排放量，无法计算减排比例，请在总表中填写全社会排放量或用 jianpai baseline set 设置";

/// What the list holds ([`Report::counts`]) without checking it: an import reports its counts
/// and leaves the check to whoever shows the list (on a 60,000-line list the whole check
/// costs a thirtieth of the import).
pub fn counts(list: &List) -> Counts {
    breakdown::counts(list)
}

/// Checks the whole list: reductions per level, ratios against the whole-society baseline,
/// the pass rule with the SO2/NOx trade (`list.so2_nox_trade`), shortfalls, breakdowns and
/// every warning. Without a baseline the ratios and shortfalls are `None`, nothing passes and
/// a warning says so.
pub fn check(list: &List) -> Report {
    report_of(list, |e| Cow::Owned(enterprise_outcome(e)))
}

/// [`check`], taking each enterprise's own part from `memo` where it is remembered and
/// remembering the rest: after an edit of one enterprise (forgotten with [`Memo::forget`])
/// only its lines are computed again, and the sums, breakdowns and verdicts over the whole
/// list are rebuilt from the remembered parts. The report equals [`check`]'s.
pub fn check_memo(list: &List, memo: &mut Memo) -> Report {
    for e in list
        .enterprises
        .iter()
        .filter(|e| !e.shut_down && e.id != 0)
    {
        let fresh = memo
            .outcomes
            .get(&e.id)
            .is_some_and(|o| o.reductions.len() == e.sources.len());
        if !fresh {
            memo.outcomes.insert(e.id, enterprise_outcome(e));
        }
    }
    report_of(list, |e| match memo.outcomes.get(&e.id) {
        Some(o) => Cow::Borrowed(o),
        None => Cow::Owned(enterprise_outcome(e)),
    })
}

/// The parts of a check that depend on one industrial enterprise alone, kept by the desktop
/// session between edits (a check of 60,000 lines spends about half its time computing
/// lines; an edit changes the lines of one enterprise). Keyed by the enterprise's store id:
/// whoever changes an enterprise must [`Memo::forget`] it, and [`Memo::clear`] everything
/// when the list is replaced as a whole. Enterprises without an id (0: not stored) are never
/// remembered.
#[derive(Default)]
pub struct Memo {
    outcomes: std::collections::HashMap<i64, EnterpriseOutcome, foldhash::fast::FixedState>,
}

impl Memo {
    /// Forgets enterprise `id` (edited, added or deleted): the next check computes it again.
    pub fn forget(&mut self, id: i64) {
        self.outcomes.remove(&id);
    }

    /// Forgets every enterprise (the list was loaded or replaced as a whole).
    pub fn clear(&mut self) {
        self.outcomes.clear();
    }
}

/// What one enterprise contributes, computed from its lines alone.
#[derive(Clone, Debug)]
struct EnterpriseOutcome {
    /// Its lines' reductions summed, per level.
    sum: PerLevel<Amounts>,
    /// Its lines' daily emissions summed.
    daily: Amounts,
    /// Each line's reductions, in line order (offered to the top lists).
    reductions: Vec<PerLevel<Amounts>>,
    /// How it counts at each level (stops, 自主, limits, nothing).
    counted: PerLevel<Counted>,
    /// Its lines' diagnostics, placed as [`reduce_one`] places them.
    warnings: Vec<Diagnostic>,
}

/// How an enterprise counts at one level in [`MeasureCounts`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Counted {
    Stop,
    SelfReduce,
    Limit,
    #[default]
    Other,
}

/// Computes [`EnterpriseOutcome`] of `e` (whether or not it is shut down: the check skips
/// shut-down enterprises itself).
fn enterprise_outcome(e: &Enterprise) -> EnterpriseOutcome {
    let mut warnings = Vec::new();
    let mut sum = PerLevel::<Amounts>::default();
    let mut daily = Amounts::ZERO;
    let done: Vec<SourceReduction> = e
        .sources
        .iter()
        .map(|s| {
            let r = reduce_one(s, (e.origin.as_ref(), &e.name), &mut warnings);
            add_levels(&mut sum, &r.reductions);
            daily.add(&r.daily);
            r
        })
        .collect();
    let mut counted = PerLevel::<Counted>::default();
    for level in Level::ALL {
        *counted.get_mut(level) = count_enterprise(&e.sources, &done, level);
    }
    EnterpriseOutcome {
        sum,
        daily,
        reductions: done.into_iter().map(|r| r.reductions).collect(),
        counted,
        warnings,
    }
}

/// The report of `list`, taking each industrial enterprise's part from `outcome`.
fn report_of<'m>(
    list: &List,
    outcome: impl Fn(&Enterprise) -> Cow<'m, EnterpriseOutcome>,
) -> Report {
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
    let mut measures = PerLevel::<MeasureCounts>::default();
    for e in list.enterprises.iter().filter(|e| !e.shut_down) {
        let mut o = outcome(e);
        // A part computed for this check gives its warnings up; a remembered one lends copies.
        match &mut o {
            Cow::Owned(own) => warnings.append(&mut own.warnings),
            Cow::Borrowed(kept) => warnings.extend_from_slice(&kept.warnings),
        }
        for (s, reductions) in e.sources.iter().zip(&o.reductions) {
            totals.top.offer(breakdown::Contributor {
                category: Category::Industrial,
                enterprise: &e.name,
                source: &s.name,
                county: &e.county,
                reductions: *reductions,
            });
        }
        for level in Level::ALL {
            measures.get_mut(level).count(*o.counted.get(level));
        }
        if e.sources.is_empty() {
            continue;
        }
        let grade = e.grade.map_or(breakdown::BLANK, |g| g.label());
        totals.add(
            Category::Industrial,
            &e.county,
            Some((&e.industry, grade)),
            &o.sum,
            &o.daily,
        );
    }
    for site in &list.sites {
        let r = reduce_one(
            &site.source,
            (site.origin.as_ref(), &site.name),
            &mut warnings,
        );
        for level in Level::ALL {
            if stops(&r, level) {
                measures.get_mut(level).sites_stopped += 1;
            }
        }
        totals.add(Category::Dust, &site.county, None, &r.reductions, &r.daily);
        totals.top.offer(breakdown::Contributor {
            category: Category::Dust,
            enterprise: &site.name,
            source: &site.source.name,
            county: &site.county,
            reductions: r.reductions,
        });
    }
    for fleet in &list.fleets {
        let r = reduce_one(
            &fleet.source,
            (fleet.origin.as_ref(), &fleet.name),
            &mut warnings,
        );
        totals.add(
            Category::Mobile,
            &fleet.county,
            None,
            &r.reductions,
            &r.daily,
        );
        totals.top.offer(breakdown::Contributor {
            category: Category::Mobile,
            enterprise: &fleet.name,
            source: &fleet.source.name,
            county: &fleet.county,
            reductions: r.reductions,
        });
    }
    if let Some(b) = &baseline {
        for p in Pollutant::ALL {
            if *b.get(p) > 0.0 && *totals.emission.get(p) > *b.get(p) * (1.0 + TOLERANCE) {
                warnings.push(Diagnostic::general(format!(
                    "清单中的{}日排放量{}吨/日大于全社会日排放量{}吨/日（占{}），减排比例不可信，按未达标处理：请核对总表中的全社会排放量",
                    p.name_zh(),
                    numbers::amount(*totals.emission.get(p)),
                    numbers::amount(*b.get(p)),
                    numbers::percent(totals.emission.get(p) / b.get(p))
                )));
            }
        }
    }
    let levels: Vec<LevelCheck> = Level::ALL
        .iter()
        .map(|&l| LevelCheck {
            measures: *measures.get(l),
            ..judge(
                list,
                l,
                totals.total.get(l),
                baseline.as_ref(),
                &totals.emission,
            )
        })
        .collect();
    let by_county = totals
        .by_county()
        .into_iter()
        .map(|(county, sums, emission)| {
            let own = list.county_baseline(&county);
            CountyReduction {
                baseline: own.as_ref().map(tidy_amounts),
                coverage: own.as_ref().map(|b| coverage(&emission, b)),
                levels: Level::ALL
                    .iter()
                    .map(|&l| {
                        let reduction = sums.get(l);
                        match own.as_ref() {
                            Some(b) => {
                                let judged = judge(list, l, reduction, Some(b), &emission);
                                CountyLevel {
                                    level: l,
                                    reduction: judged.reduction,
                                    ratio: judged.ratio,
                                    pass: Some(judged.pass),
                                    shortfall: judged.shortfall,
                                }
                            }
                            None => CountyLevel {
                                level: l,
                                reduction: tidy_amounts(reduction),
                                ratio: None,
                                pass: None,
                                shortfall: None,
                            },
                        }
                    })
                    .collect(),
                county,
            }
        })
        .collect();
    Report {
        area: list.area.clone(),
        baseline: baseline.as_ref().map(tidy_amounts),
        coverage: baseline.as_ref().map(|b| coverage(&totals.emission, b)),
        pass: levels.iter().all(|l| l.pass.level),
        levels,
        counts: breakdown::counts(list),
        by_county,
        by_category: totals.by_category(),
        by_industry: totals.by_industry(),
        by_grade: totals.by_grade(),
        top: totals.top.into_report(),
        warnings,
    }
}

/// Listed daily emissions over the whole society's, per pollutant (0 where the baseline is
/// 0: no ratio exists there, and the zero-baseline warning already says so).
fn coverage(listed: &Amounts, baseline: &Amounts) -> Amounts {
    tidy_amounts(&Amounts::from_fn(|p| {
        let b = *baseline.get(p);
        if b > 0.0 {
            listed.get(p) / b
        } else {
            0.0
        }
    }))
}

/// Shares this close to 1 count as a stop (amounts equal to the emission, rounding).
const WHOLE: f64 = 1.0 - TOLERANCE;

/// True when the source cuts everything at `level`.
fn stops(r: &SourceReduction, level: Level) -> bool {
    *r.shares.get(level) >= WHOLE
}

/// The measure a source works with at `level`: its own, else the next lower level's that
/// says anything (levels are cumulative).
fn effective_measure(source: &Source, level: Level) -> &Measure {
    let mut l = level;
    loop {
        let m = source.measures.get(l);
        match l.lower() {
            Some(lower) if m.is_blank() => l = lower,
            _ => return m,
        }
    }
}

/// True when a measure text mentions 自主 (自主减排). A prebuilt searcher: `str::contains`
/// sets one up on every call, and a check asks this of every line at every level.
fn says_self_chosen(text: &str) -> bool {
    static SELF_CHOSEN: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new("自主"));
    SELF_CHOSEN.find(text.as_bytes()).is_some()
}

/// How one enterprise (not shut down) counts at `level` (see [`MeasureCounts`]): it stops
/// when every line stops; 自主减排 in a line's measure makes it `self`; any cut makes it
/// `limit`.
fn count_enterprise(sources: &[Source], done: &[SourceReduction], level: Level) -> Counted {
    let cuts = |r: &SourceReduction| {
        *r.shares.get(level) > 0.0
            || Pollutant::ALL
                .iter()
                .any(|p| *r.reductions.get(level).get(*p) > 0.0)
    };
    if !done.is_empty() && done.iter().all(|r| stops(r, level)) {
        Counted::Stop
    } else if sources
        .iter()
        .any(|s| says_self_chosen(&effective_measure(s, level).text))
    {
        Counted::SelfReduce
    } else if done.iter().any(cuts) {
        Counted::Limit
    } else {
        Counted::Other
    }
}

impl MeasureCounts {
    /// Counts one enterprise as `how`.
    fn count(&mut self, how: Counted) {
        match how {
            Counted::Stop => self.stop += 1,
            Counted::SelfReduce => self.self_reduce += 1,
            Counted::Limit => self.limit += 1,
            Counted::Other => self.other += 1,
        }
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
) -> SourceReduction {
    let mut r = source_reduction(source);
    let found = std::mem::take(&mut r.errors)
        .into_iter()
        .chain(std::mem::take(&mut r.warnings));
    for mut d in found {
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
    r
}

/// Adds per-level amounts.
fn add_levels(sum: &mut PerLevel<Amounts>, r: &PerLevel<Amounts>) {
    for l in Level::ALL {
        sum.get_mut(l).add(r.get(l));
    }
}

/// The verdict of one level (`docs/method.md`, Area totals and ratios).
///
/// A pollutant whose listed emissions exceed the whole society's (coverage above 1) never
/// reaches its target: its ratio compares with a baseline that cannot be true.
fn judge(
    list: &List,
    level: Level,
    reduction: &Amounts,
    baseline: Option<&Amounts>,
    listed: &Amounts,
) -> LevelCheck {
    let target = *list.targets.get(level);
    let Some(b) = baseline else {
        return LevelCheck {
            level,
            target: tidy(target),
            reduction: tidy_amounts(reduction),
            ratio: None,
            pass: LevelPass::default(),
            shortfall: None,
            measures: MeasureCounts::default(),
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
    let believable = |p: Pollutant| *listed.get(p) <= *b.get(p) * (1.0 + TOLERANCE);
    // A ratio that is not a finite number (amounts beyond f64, which JSON shows as null) never
    // counts as reached: no pass stands next to a ratio nobody can read.
    let reaches = |p: Pollutant| {
        *b.get(p) > 0.0
            && believable(p)
            && ratio.get(p).is_finite()
            && *ratio.get(p) >= target - TOLERANCE
    };
    let (so2, nox) = (reaches(Pollutant::So2), reaches(Pollutant::Nox));
    let pair_sum = ratio.so2 + ratio.nox;
    let traded = list.so2_nox_trade
        && b.so2 > 0.0
        && b.nox > 0.0
        && believable(Pollutant::So2)
        && believable(Pollutant::Nox)
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
        measures: MeasureCounts::default(),
    }
}
