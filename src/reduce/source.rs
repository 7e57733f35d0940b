//! One source's daily emission and its reductions per level (`docs/method.md`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::measure_text::read_measure;
use crate::model::{numbers, Amounts, Diagnostic, Level, Measure, PerLevel, Pollutant, Source};

/// Operating days assumed when a source gives none (or an impossible number).
pub const DEFAULT_DAYS: f64 = 365.0;

/// An explicit amount may exceed the emission by this much (rounding in the list).
const AMOUNT_SLACK: f64 = 0.001;

/// Daily figure and annual / days may differ by this much before we warn.
const DAILY_DISAGREEMENT: f64 = 0.01;

/// What the engine makes of one source.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SourceReduction {
    /// Daily emission `e_p` in t/d.
    pub daily: Amounts,
    /// Daily reduction `r_{p,L}` in t/d, never above `e_p`.
    pub reductions: PerLevel<Amounts>,
    /// The share the level works with, for display: the 减排比例 or the share read from the
    /// text; where only amounts are given, the largest `r/e` over pollutants (0 where nothing
    /// is emitted); an inherited level shows the lower level's.
    pub shares: PerLevel<f64>,
    /// The level gave nothing at all and took the next-lower level's reductions (never for
    /// yellow: a blank yellow level is 0).
    pub inherited: PerLevel<bool>,
    /// Assumptions the engine made (days defaulted, text not understood, levels weaker …).
    pub warnings: Vec<Diagnostic>,
    /// Data the engine had to correct because it is impossible (an amount above the
    /// emission, days outside 0–366, a share above 100 %): the computed numbers use the
    /// corrected value, the list must still be fixed.
    pub errors: Vec<Diagnostic>,
}

/// The days to divide annual emissions by, with what was assumed.
enum Days {
    Given(f64),
    /// Blank or 0: 365 with a warning.
    Missing(Option<f64>),
    /// Outside 0–366: 365 with an error.
    Impossible(f64),
}

impl Days {
    fn of(source: &Source) -> Days {
        match source.days {
            None => Days::Missing(None),
            Some(0.0) => Days::Missing(Some(0.0)),
            Some(d) if !(0.0..=366.0).contains(&d) || d.is_nan() => Days::Impossible(d),
            Some(d) => Days::Given(d),
        }
    }

    fn value(&self) -> f64 {
        match self {
            Days::Given(d) => *d,
            _ => DEFAULT_DAYS,
        }
    }
}

/// A non-negative finite value, or 0 with an error noting it. The column name is built only
/// when needed: this runs for every cell of every source.
fn clean(
    v: f64,
    errors: &mut Vec<Diagnostic>,
    source: &Source,
    column: impl FnOnce() -> String,
) -> f64 {
    if v.is_finite() && v >= 0.0 {
        return v;
    }
    let column = column();
    errors.push(Diagnostic::at(
        source.origin.as_ref(),
        Some(&column),
        format!(
            "{column}为{}，不能为负数，按0计，请核对",
            numbers::quantity(v)
        ),
    ));
    0.0
}

/// `e_p`: the daily figure where given (checked against annual / days), else annual / days.
fn daily_emission(
    source: &Source,
    warnings: &mut Vec<Diagnostic>,
    errors: &mut Vec<Diagnostic>,
) -> Amounts {
    let days = Days::of(source);
    let mut used_annual = false;
    let daily = Amounts::from_fn(|p| {
        let annual = source
            .annual
            .get(p)
            .map(|a| clean(a, errors, source, || format!("{}排放量", p.name_zh())));
        match *source.daily.get(p) {
            Some(d) => {
                let d = clean(d, errors, source, || format!("{}日排放量", p.name_zh()));
                if let (Some(a), Days::Given(days)) = (annual, &days) {
                    compare_daily(source, p, d, a, *days, warnings);
                }
                d
            }
            None => match annual {
                Some(a) => {
                    used_annual |= a > 0.0;
                    a / days.value()
                }
                None => 0.0,
            },
        }
    });
    if used_annual {
        match days {
            Days::Given(_) => {}
            Days::Missing(None) => warnings.push(Diagnostic::at(
                source.origin.as_ref(),
                Some("年生产天数"),
                "年生产天数为空，按365天计",
            )),
            Days::Missing(Some(_)) => warnings.push(Diagnostic::at(
                source.origin.as_ref(),
                Some("年生产天数"),
                "年生产天数为0，按365天计",
            )),
            Days::Impossible(d) => errors.push(Diagnostic::at(
                source.origin.as_ref(),
                Some("年生产天数"),
                format!(
                    "年生产天数为{}，应在0到366天之间，暂按365天计，请核对",
                    numbers::quantity(d)
                ),
            )),
        }
    }
    daily
}

/// Warns where the daily figure and annual / days differ by more than 1 %.
fn compare_daily(
    source: &Source,
    p: Pollutant,
    daily: f64,
    annual: f64,
    days: f64,
    warnings: &mut Vec<Diagnostic>,
) {
    let derived = annual / days;
    let scale = daily.abs().max(derived.abs());
    if scale > 0.0 && (daily - derived).abs() > DAILY_DISAGREEMENT * scale {
        let name = p.name_zh();
        warnings.push(Diagnostic::at(
            source.origin.as_ref(),
            Some(&format!("{name}日排放量")),
            format!(
                "{name}日排放量{}吨/日与年排放量折算值{}吨/日（{}吨÷{}天）相差超过1%，按日排放量计，请核对",
                numbers::amount(daily),
                numbers::amount(derived),
                numbers::amount(annual),
                numbers::quantity(days)
            ),
        ));
    }
}

/// The share a level applies to pollutants without an explicit amount: the 减排比例, else the
/// share read from the text (with its warnings), else `None` (inherit).
fn level_share(
    source: &Source,
    level: Level,
    m: &Measure,
    out: &mut SourceReduction,
) -> Option<f64> {
    let (warnings, errors) = (&mut out.warnings, &mut out.errors);
    if let Some(s) = m.share {
        if (0.0..=1.0).contains(&s) {
            return Some(s);
        }
        let col = format!("{}减排比例", level.name_zh());
        let fixed = if s.is_nan() { 0.0 } else { s.clamp(0.0, 1.0) };
        errors.push(Diagnostic::at(
            source.origin.as_ref(),
            Some(&col),
            format!(
                "{col}为{}，应在0%到100%之间，暂按{}计，请核对",
                numbers::percent(s),
                numbers::percent(fixed)
            ),
        ));
        return Some(fixed);
    }
    if m.text.trim().is_empty() {
        return None;
    }
    let reading = read_measure(&m.text);
    let col = || format!("{}减排措施", level.name_zh());
    if !reading.understood() {
        warnings.push(Diagnostic::at(
            source.origin.as_ref(),
            Some(&col()),
            format!(
                "减排措施“{}”无法识别减排比例，暂按0%计，请填写{}减排比例",
                m.text.trim(),
                level.name_zh()
            ),
        ));
    } else if reading.several {
        warnings.push(Diagnostic::at(
            source.origin.as_ref(),
            Some(&col()),
            format!(
                "减排措施“{}”含多个减排比例，按最大的{}计，请按生产线或工序拆分为多行",
                m.text.trim(),
                numbers::percent(reading.share)
            ),
        ));
    }
    Some(reading.share)
}

/// Computes one source (`docs/method.md`): its daily emission and, per level and
/// pollutant, the reduction from the first of: explicit amount (clamped to the emission, an
/// error above it beyond 0.1 %), 减排比例, the measure text, the next-lower level (0 for
/// yellow). Warns when a higher level cuts less than a lower one.
///
/// Days missing or 0 mean 365 (warning); days outside 0–366 also mean 365 but are an error
/// in `errors` — the engine never fails, so that `check` can still show the rest of the list.
pub fn source_reduction(source: &Source) -> SourceReduction {
    let mut out = SourceReduction::default();
    out.daily = daily_emission(source, &mut out.warnings, &mut out.errors);
    for level in Level::ALL {
        let m = source.measures.get(level);
        let lower = level.lower();
        let below = lower
            .map(|l| *out.reductions.get(l))
            .unwrap_or(Amounts::ZERO);
        if m.is_blank() {
            *out.reductions.get_mut(level) = below;
            if let Some(l) = lower {
                *out.shares.get_mut(level) = *out.shares.get(l);
                *out.inherited.get_mut(level) = true;
            }
            continue;
        }
        let needs_share = Pollutant::ALL.iter().any(|p| m.amounts.get(*p).is_none());
        let share = if needs_share {
            level_share(source, level, m, &mut out)
        } else {
            None
        };
        let r = Amounts::from_fn(|p| {
            let e = *out.daily.get(p);
            match (*m.amounts.get(p), share) {
                (Some(a), _) => explicit_amount(source, level, p, a, e, &mut out.errors),
                (None, Some(s)) => e * s,
                (None, None) => *below.get(p),
            }
        });
        *out.reductions.get_mut(level) = r;
        *out.shares.get_mut(level) = share.unwrap_or_else(|| largest_share(&r, &out.daily));
    }
    if let Some(w) = weaker_levels(source, &out.reductions) {
        out.warnings.push(w);
    }
    out
}

/// An explicit 减排量 above the line's own daily emission, beyond the 0.1 % rounding slack of
/// `docs/method.md`: what the importer refuses (a source cannot cut more than it emits).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AmountAboveEmission {
    /// The level whose amount it is.
    pub level: Level,
    /// The pollutant.
    pub pollutant: Pollutant,
    /// The explicit amount in t/d.
    pub amount: f64,
    /// The line's daily emission `e_p` in t/d.
    pub emission: f64,
}

/// Every explicit amount of `source` above its daily emission (see [`AmountAboveEmission`]),
/// by the same rule and slack as [`source_reduction`], so the importer and the engine never
/// disagree on what is too much.
pub fn amounts_above_emission(source: &Source) -> Vec<AmountAboveEmission> {
    let daily = daily_emission(source, &mut Vec::new(), &mut Vec::new());
    let mut out = Vec::new();
    for level in Level::ALL {
        for p in Pollutant::ALL {
            let Some(a) = *source.measures.get(level).amounts.get(p) else {
                continue;
            };
            let e = *daily.get(p);
            if exceeds(a, e) {
                out.push(AmountAboveEmission {
                    level,
                    pollutant: p,
                    amount: a,
                    emission: e,
                });
            }
        }
    }
    out
}

/// True when `amount` is above `emission` beyond the rounding slack.
fn exceeds(amount: f64, emission: f64) -> bool {
    amount > emission * (1.0 + AMOUNT_SLACK) + 1e-12
}

/// An explicit amount, clamped to `[0, e]`; above `e` beyond 0.1 % is an error.
fn explicit_amount(
    source: &Source,
    level: Level,
    p: Pollutant,
    a: f64,
    e: f64,
    errors: &mut Vec<Diagnostic>,
) -> f64 {
    let col = || format!("{}{}减排量", level.name_zh(), p.name_zh());
    let a = clean(a, errors, source, col);
    if exceeds(a, e) {
        let col = col();
        errors.push(Diagnostic::at(
            source.origin.as_ref(),
            Some(&col),
            format!(
                "{col}{}吨/日超过该生产线{}日排放量{}吨/日，减排量不能大于排放量，暂按{}吨/日计，请核对",
                numbers::amount(a),
                p.name_zh(),
                numbers::amount(e),
                numbers::amount(e)
            ),
        ));
    }
    a.min(e)
}

/// The largest `r/e` over pollutants that are emitted; 0 where none is.
fn largest_share(r: &Amounts, e: &Amounts) -> f64 {
    Pollutant::ALL
        .iter()
        .filter(|p| *e.get(**p) > 0.0)
        .map(|p| r.get(*p) / e.get(*p))
        .fold(0.0, f64::max)
}

/// One warning naming every level that cuts less than the one below, and the pollutants.
fn weaker_levels(source: &Source, r: &PerLevel<Amounts>) -> Option<Diagnostic> {
    let mut parts = Vec::new();
    for level in [Level::Orange, Level::Red] {
        let lower = level.lower().expect("orange and red have a lower level");
        let (hi, lo) = (r.get(level), r.get(lower));
        let weaker: Vec<&str> = Pollutant::ALL
            .iter()
            .filter(|p| *hi.get(**p) < lo.get(**p) * (1.0 - 1e-9) - 1e-12)
            .map(|p| p.name_zh())
            .collect();
        if !weaker.is_empty() {
            parts.push(format!(
                "{}减排量低于{}（{}）",
                level.name_zh(),
                lower.name_zh(),
                weaker.join("、")
            ));
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(Diagnostic::at(
        source.origin.as_ref(),
        None,
        format!(
            "{}；预警级别越高措施应越严，请加严高级别措施",
            parts.join("；")
        ),
    ))
}
