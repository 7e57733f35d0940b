//! The result of [`check`](super::check): exactly the `check --json` shape of `docs/cli.md`, plus
//! the breakdowns `by_industry`, `by_grade` and `top`.
//!
//! Numbers in a report are rounded to 12 significant digits when the report is built, so
//! that sums such as 0.25 + 0.2 print as 0.45 in JSON and in tables. Pass/fail is decided on
//! the unrounded values (tolerance 1e-9), so rounding never changes a verdict.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Amounts, Diagnostic, Level, Pollutant};

/// The whole check of a list: per level totals, ratios and verdicts, breakdowns, warnings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Report {
    /// The area's name.
    pub area: String,
    /// Whole-society daily emissions `B_p` in t/d; `None` where not set.
    pub baseline: Option<Amounts>,
    /// The listed daily emissions (every source not shut down) as a share of the whole
    /// society's, per pollutant: the ceiling any list can reach. Above 1 the baseline is
    /// smaller than what the list itself emits. `None` without a baseline; 0 for a
    /// pollutant whose baseline is 0.
    pub coverage: Option<Amounts>,
    /// Yellow, orange and red, always in that order.
    pub levels: Vec<LevelCheck>,
    /// All three levels pass.
    pub pass: bool,
    /// What the list holds.
    pub counts: Counts,
    /// Reductions per county (所属区县), in the order counties first appear in the list.
    pub by_county: Vec<CountyReduction>,
    /// Reductions per source category, only categories that have sources.
    pub by_category: Vec<CategoryReduction>,
    /// Reductions per industry (行业类别) of the industrial sheet.
    pub by_industry: Vec<IndustryReduction>,
    /// Reductions per performance grade (绩效等级) of the industrial sheet.
    pub by_grade: Vec<GradeReduction>,
    /// The 20 sources contributing most, per level and pollutant (levels in order, then
    /// SO2, NOx, PM, VOCs).
    pub top: Vec<TopSources>,
    /// Everything the engine had to assume or correct, placed at sheet/row/column.
    pub warnings: Vec<Diagnostic>,
}

/// One level's totals and verdict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LevelCheck {
    /// The level.
    pub level: Level,
    /// Target ratio `T_L` as a fraction.
    pub target: f64,
    /// `Σ r_{p,L}` in t/d.
    pub reduction: Amounts,
    /// `R_{p,L}` as fractions; `None` without a baseline.
    pub ratio: Option<Amounts>,
    /// Which conditions hold.
    pub pass: LevelPass,
    /// What is still missing; `None` without a baseline (no target amount exists).
    pub shortfall: Option<Shortfall>,
    /// What the records do at this level.
    pub measures: MeasureCounts,
}

/// How many records do what at one level: enterprises of the industrial sheet (not shut
/// down) by their lines' effective measures, and construction sites that stop.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MeasureCounts {
    /// Enterprises whose every line stops (100 % at this level).
    pub stop: u32,
    /// Enterprises that cut something but do not stop entirely.
    pub limit: u32,
    /// Enterprises whose measure is 自主减排 (reducing by their own choice, as A-grade and
    /// 引领性 enterprises do); counted here even where they state a share.
    #[serde(rename = "self")]
    pub self_reduce: u32,
    /// Enterprises that cut nothing at this level (blank, 0, or a text without a share).
    pub other: u32,
    /// Dust sources (sites) that stop at this level (100 %).
    pub sites_stopped: u32,
}

/// The conditions of one level (`docs/cli.md`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LevelPass {
    /// SO2 alone reaches the target.
    pub so2: bool,
    /// NOx alone reaches the target.
    pub nox: bool,
    /// Both alone, or (with the trade on) their sum reaches twice the target.
    pub so2_nox: bool,
    /// PM reaches the target.
    pub pm: bool,
    /// VOCs reach the target.
    pub vocs: bool,
    /// The whole level passes.
    pub level: bool,
}

/// What a level still needs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Shortfall {
    /// t/d of SO2 still missing for SO2 alone (`T×B − Σr`, 0 where reached).
    pub so2: f64,
    /// t/d of NOx still missing for NOx alone.
    pub nox: f64,
    /// t/d of PM still missing.
    pub pm: f64,
    /// t/d of VOCs still missing.
    pub vocs: f64,
    /// Fraction still missing for the SO2/NOx pair (0 where it holds): `2T − R_SO2 − R_NOx`
    /// with the trade on; with it off, the sum of each one's own gap to `T`.
    pub so2_nox_points: f64,
}

impl Shortfall {
    /// The shortfall amount of a pollutant.
    pub fn get(&self, p: Pollutant) -> f64 {
        match p {
            Pollutant::So2 => self.so2,
            Pollutant::Nox => self.nox,
            Pollutant::Pm => self.pm,
            Pollutant::Vocs => self.vocs,
        }
    }
}

/// Counts of the list (`docs/cli.md`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Counts {
    /// Distinct enterprises (by credit code, else by name) on the industrial and mobile
    /// sheets, shut-down ones included (they are on the list). An enterprise with its code
    /// on one sheet and without it on the other counts twice, as the key says.
    pub enterprises: u32,
    /// Rows of the industrial sheet (every source of every enterprise).
    pub industrial_sources: u32,
    /// Rows of the dust sheet.
    pub dust_sources: u32,
    /// Rows of the mobile sheet.
    pub mobile_sources: u32,
}

impl Report {
    /// True when the area passes every level and so does every county with its own
    /// baseline: what `check` exits 0 on.
    pub fn all_pass(&self) -> bool {
        self.pass
            && self
                .by_county
                .iter()
                .all(|c| c.levels.iter().all(|l| l.pass.is_none_or(|p| p.level)))
    }

    /// The counties with their own baseline that fall short at some level.
    pub fn failing_counties(&self) -> Vec<&CountyReduction> {
        self.by_county
            .iter()
            .filter(|c| c.levels.iter().any(|l| l.pass.is_some_and(|p| !p.level)))
            .collect()
    }
}

/// One level's reduction inside a breakdown row.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LevelReduction {
    /// The level.
    pub level: Level,
    /// Reductions in t/d.
    pub reduction: Amounts,
}

/// Reductions of one county, judged against its own baseline where it has one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CountyReduction {
    /// 所属区县 as written (未填写 where blank).
    pub county: String,
    /// The county's own whole-society daily emissions in t/d; `None` where it has none (it
    /// then counts only towards the area).
    pub baseline: Option<Amounts>,
    /// The county's listed daily emissions over its own baseline; `None` without one.
    pub coverage: Option<Amounts>,
    /// Yellow, orange, red.
    pub levels: Vec<CountyLevel>,
}

/// One level of a county: its reduction and, where the county has its own baseline, its
/// ratios, conditions and shortfall (`null` otherwise).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CountyLevel {
    /// The level.
    pub level: Level,
    /// Reductions in t/d.
    pub reduction: Amounts,
    /// `R_{p,L}` against the county's baseline.
    pub ratio: Option<Amounts>,
    /// The same conditions as the area's `pass`.
    pub pass: Option<LevelPass>,
    /// What the county still needs.
    pub shortfall: Option<Shortfall>,
}

/// Reductions of one source category.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CategoryReduction {
    /// The category.
    pub category: Category,
    /// Yellow, orange, red.
    pub levels: Vec<LevelReduction>,
}

/// Reductions of one industry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IndustryReduction {
    /// 行业类别 as written (未填写 where blank).
    pub industry: String,
    /// Yellow, orange, red.
    pub levels: Vec<LevelReduction>,
}

/// Reductions of one performance grade.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GradeReduction {
    /// The grade's label (A, B-, 引领性 …; 未填写 where blank).
    pub grade: String,
    /// Yellow, orange, red.
    pub levels: Vec<LevelReduction>,
}

/// The three source categories of the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Category {
    /// 工业源.
    Industrial,
    /// 扬尘源.
    Dust,
    /// 移动源.
    Mobile,
}

impl Category {
    /// Industrial, dust, mobile.
    pub const ALL: [Category; 3] = [Category::Industrial, Category::Dust, Category::Mobile];

    /// 工业源 / 扬尘源 / 移动源.
    pub fn name_zh(self) -> &'static str {
        match self {
            Category::Industrial => "工业源",
            Category::Dust => "扬尘源",
            Category::Mobile => "移动源",
        }
    }
}

/// The largest contributors for one level and pollutant.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TopSources {
    /// The level.
    pub level: Level,
    /// The pollutant.
    pub pollutant: Pollutant,
    /// Up to 20 sources with a reduction above 0, largest first (list order among equals).
    pub sources: Vec<TopSource>,
}

/// One contributing source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TopSource {
    /// Its category.
    pub category: Category,
    /// The enterprise (项目名称 for a dust source).
    pub enterprise: String,
    /// The line / step / facility name (may be empty).
    pub source: String,
    /// 所属区县.
    pub county: String,
    /// Its reduction in t/d.
    pub reduction: f64,
}

/// Rounds to 12 significant digits: removes the binary noise of sums (0.25 + 0.2) while
/// keeping far more precision than any list states.
pub fn tidy(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return if x.is_finite() { 0.0 } else { x };
    }
    // Printing with 12 significant digits and reading back gives the double nearest to that
    // decimal, which prints as the decimal.
    format!("{x:.11e}").parse().unwrap_or(x)
}

/// [`tidy`] applied to all four pollutants.
pub fn tidy_amounts(a: &Amounts) -> Amounts {
    a.map(|_, v| tidy(*v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_removes_sum_noise() {
        assert_eq!(tidy(0.1 + 0.2), 0.3);
        assert_eq!(tidy(0.25 + 0.2), 0.45);
        assert_eq!(tidy(0.45 / 4.0), 0.1125);
        assert_eq!(tidy(-0.0), 0.0);
        assert_eq!(tidy(123456.789), 123456.789);
        assert_eq!(tidy(1e-20), 1e-20);
    }
}
