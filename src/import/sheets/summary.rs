//! The summary sheet (总表): the area, the year, the whole-society emissions and, where the
//! sheet states them, the targets and the SO2/NOx trade switch.
//!
//! A summary is small and laid out freely, so it is scanned cell by cell rather than through
//! one header: label cells (地区, 年度 …) take the value in the same cell after a colon, else
//! the next cell to the right, else the cell below. The whole-society emissions are either a
//! table (a 污染物 column and a 全社会排放量 column) or one row under headers that name the
//! pollutants.

use crate::model::{Amounts, Baseline, BaselineUnit, CountyBaseline, Level, PerLevel, Pollutant};

use super::super::cells::{self, Share};
use super::super::grid::{Grid, Value};
use super::super::header::{normalise_header, normalise_text, Aliases, Field, Period, Plain, Unit};
use super::super::{Diags, Limits};

/// What a summary sheet says.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Summary {
    /// 地区 / 区县.
    pub area: Option<String>,
    /// 年度.
    pub year: Option<i32>,
    /// 全社会排放量.
    pub baseline: Option<Baseline>,
    /// Each county's own 全社会排放量, where the summary has one row or table per county.
    pub counties: Vec<CountyBaseline>,
    /// 目标减排比例 per level, where all three are given.
    pub targets: Option<PerLevel<f64>>,
    /// SO2/NOx互补 是/否.
    pub trade: Option<bool>,
}

/// Reads a summary sheet.
pub(crate) fn read(
    grid: &Grid<'_>,
    formats_known: bool,
    limits: &Limits,
    diags: &mut Diags,
) -> Summary {
    let max = limits.max_tonnes_per_year;
    let labels = Labels::scan(grid);
    let mut s = Summary {
        area: labels.value(grid, Plain::Area),
        year: labels.value(grid, Plain::Year).and_then(|y| parse_year(&y)),
        ..Summary::default()
    };
    s.baseline = baseline_table(grid, &labels, max, diags);
    if s.baseline.is_none() {
        let found = baseline_rows(grid, &labels, max, diags);
        (s.baseline, s.counties) = settle_counties(found);
    }
    if s.counties.is_empty() {
        // One area: a 区县 label names the area itself.
        s.area = s.area.or_else(|| labels.value(grid, Plain::County));
    }
    s.targets = targets(grid, formats_known);
    s.trade = trade(grid);
    if s.baseline.is_none() {
        diags.warnings.push(crate::model::Diagnostic::sheet(
            &grid.name,
            "总表中没有找到全社会排放量（“污染物”列和“全社会排放量”列，或以污染物为表头的一行）：导入后请用“设置全社会排放量”补上，否则无法计算减排比例",
        ));
    }
    s
}

/// Reads a year such as 2026, 2026年, 2026年度.
pub(crate) fn parse_year(text: &str) -> Option<i32> {
    let digits: String = text
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let y: i32 = digits.parse().ok()?;
    (1990..=2100).contains(&y).then_some(y)
}

/// Every cell of the sheet that is a known label, with its position and unit.
struct Labels {
    cells: Vec<(usize, usize, Field, Option<Unit>)>,
}

impl Labels {
    fn scan(grid: &Grid<'_>) -> Labels {
        let aliases = Aliases::get();
        let mut cells = Vec::new();
        for r in 0..grid.height() {
            for (c, v) in grid.row(r).iter().enumerate() {
                if let Value::Text(t) = v {
                    let label = t.split([':', '：']).next().unwrap_or("");
                    let h = normalise_header(label);
                    if let Some(f) = aliases.resolve(&h.name) {
                        cells.push((r, c, f, h.unit));
                    }
                }
            }
        }
        Labels { cells }
    }

    /// The value of the last 区县 / 地区 label in rows `from..to` (the county a table under
    /// it belongs to).
    fn county_between(&self, grid: &Grid<'_>, from: usize, to: usize) -> Option<String> {
        self.cells
            .iter()
            .rev()
            .filter(|(r, _, f, _)| {
                (from..to).contains(r) && matches!(f, Field::Plain(Plain::County | Plain::Area))
            })
            .find_map(|(r, c, _, _)| label_value(grid, *r, *c))
            .filter(|v| Aliases::get().resolve(&normalise_header(v).name).is_none())
    }

    /// The value of the first label naming `p`.
    fn value(&self, grid: &Grid<'_>, p: Plain) -> Option<String> {
        self.cells
            .iter()
            .filter(|(_, _, f, _)| *f == Field::Plain(p))
            .find_map(|(r, c, _, _)| label_value(grid, *r, *c))
    }
}

/// The value belonging to a label cell: after its colon, else to its right, else below.
fn label_value(grid: &Grid<'_>, r: usize, c: usize) -> Option<String> {
    let own = grid.cell(r, c).text();
    if let Some((_, after)) = own.split_once([':', '：']) {
        let after = after.trim();
        if !after.is_empty() {
            return Some(after.to_string());
        }
    }
    // A label whose right neighbour is another label heads a column (地区 | 年度 | SO2 …):
    // its value is below.
    let right = grid.cell(r, c + 1);
    let cands = if is_label(right) {
        [grid.cell(r + 1, c), &Value::Empty]
    } else {
        [right, grid.cell(r + 1, c)]
    };
    cands
        .into_iter()
        .map(|v| v.text().into_owned())
        .find(|t| !t.is_empty())
}

fn is_label(v: &Value<'_>) -> bool {
    match v {
        Value::Text(t) => Aliases::get().resolve(&normalise_header(t).name).is_some(),
        _ => false,
    }
}

fn baseline_unit(field: Field, unit: Option<Unit>) -> (f64, BaselineUnit) {
    let daily_name = field == Field::Plain(Plain::WholeSocietyDaily);
    match unit {
        Some(Unit::Mass { to_tonnes, per }) => {
            let day = per.map_or(daily_name, |p| p == Period::Day);
            (
                to_tonnes,
                if day {
                    BaselineUnit::PerDay
                } else {
                    BaselineUnit::PerYear
                },
            )
        }
        _ if daily_name => (1.0, BaselineUnit::PerDay),
        _ => (1.0, BaselineUnit::PerYear),
    }
}

/// The pollutant a cell names (二氧化硫, SO2, 颗粒物排放量 …).
fn pollutant_in(v: &Value<'_>) -> Option<Pollutant> {
    let Value::Text(t) = v else { return None };
    let name = normalise_header(t).name.replace("全社会", "");
    let aliases = Aliases::get();
    if let Some(p) = aliases.pollutant(&name) {
        return Some(p);
    }
    match aliases.resolve(&name) {
        Some(Field::Emission(p, _)) => Some(p),
        _ => None,
    }
}

/// Shape one: a 全社会排放量 column with a pollutant named on each row; the candidate that
/// yields the most pollutants wins (a heading cell above the table yields none).
fn baseline_table(
    grid: &Grid<'_>,
    labels: &Labels,
    max: f64,
    diags: &mut Diags,
) -> Option<Baseline> {
    let mut best: Option<(usize, Amounts, BaselineUnit, Vec<crate::model::Diagnostic>)> = None;
    for &(r, c, f, unit) in &labels.cells {
        if !matches!(
            f,
            Field::Plain(Plain::WholeSociety) | Field::Plain(Plain::WholeSocietyDaily)
        ) {
            continue;
        }
        let (scale, bunit) = baseline_unit(f, unit);
        let column = grid.cell(r, c).text().into_owned();
        let mut amounts = Amounts::ZERO;
        let mut found = 0;
        let mut problems = Vec::new();
        for row in r + 1..(r + 12).min(grid.height()) {
            let Some(p) = (0..c).rev().find_map(|cc| pollutant_in(grid.cell(row, cc))) else {
                continue;
            };
            match cells::number(
                grid.cell(row, c),
                Unit::Mass {
                    to_tonnes: scale,
                    per: None,
                },
                max,
            ) {
                Ok(Some(v)) => {
                    *amounts.get_mut(p) = v * scale;
                    found += 1;
                }
                Ok(None) => {}
                Err(e) => problems.push(crate::model::Diagnostic::cell(
                    &grid.name,
                    row as u32 + 1,
                    &column,
                    format!("{column}：{}", e.message()),
                )),
            }
        }
        if found + problems.len() > best.as_ref().map_or(0, |b| b.0) {
            best = Some((found + problems.len(), amounts, bunit, problems));
        }
    }
    let (_, amounts, unit, problems) = best?;
    let ok = problems.is_empty();
    diags.errors.extend(problems);
    ok.then_some(Baseline { amounts, unit })
}

/// A baseline found in the one-row shape, with the county it belongs to.
struct Found {
    /// The county named on its row or above its table; `None` for none.
    county: Option<String>,
    /// A 合计 / 全市 row: the whole area's, stated.
    total: bool,
    baseline: Baseline,
}

/// Rows that state the whole area (合计, 全市 …) in a county column.
fn is_total(name: &str) -> bool {
    let n = normalise_text(name);
    matches!(
        n.as_str(),
        "合计" | "总计" | "全市" | "全市合计" | "合计(全市)" | "全县" | "全区" | "全域"
    )
}

/// Shape two: one header row naming pollutants (SO2, SO2全社会日排放量(t/d) …) with the
/// values in a row below — the row labelled 全社会排放量 where several follow, else the first
/// row holding numbers. Title rows and a 区县 / 地区 row may stand above. A header row with a
/// 区县 column holds one row per county (and perhaps a 合计 / 全市 row); a header row without
/// one belongs to the county labelled above it (one such table per county).
fn baseline_rows(grid: &Grid<'_>, labels: &Labels, max: f64, diags: &mut Diags) -> Vec<Found> {
    let mut out = Vec::new();
    let mut after = 0;
    let mut r = 0;
    while r < grid.height() {
        let heads = pollutant_heads(grid, r);
        if heads.len() < 2 {
            r += 1;
            continue;
        }
        let county_col = grid.row(r).iter().position(|v| {
            matches!(v, Value::Text(t) if matches!(
                Aliases::get().resolve(&normalise_header(t).name),
                Some(Field::Plain(Plain::County | Plain::Area))
            ))
        });
        let mut last = r;
        match county_col {
            Some(cc) => {
                for row in r + 1..grid.height() {
                    if pollutant_heads(grid, row).len() >= 2 {
                        break;
                    }
                    if !numeric(grid, row, &heads) {
                        // A units row may sit under the header; a row without numbers after
                        // the counties ends the table.
                        if last > r {
                            break;
                        }
                        continue;
                    }
                    let name = grid.cell(row, cc).text().trim().to_string();
                    let baseline = row_baseline(grid, row, &heads, max, diags);
                    out.push(Found {
                        total: name.is_empty() || is_total(&name),
                        county: (!name.is_empty()).then_some(name),
                        baseline,
                    });
                    last = row;
                }
            }
            None => {
                let cols: Vec<usize> = heads.iter().map(|h| h.col).collect();
                if let Some(vr) = value_row(grid, r, &cols) {
                    let county = labels.county_between(grid, after, r);
                    out.push(Found {
                        total: county.as_deref().is_some_and(is_total),
                        county,
                        baseline: row_baseline(grid, vr, &heads, max, diags),
                    });
                    last = vr;
                }
            }
        }
        after = last + 1;
        r = last + 1;
    }
    out
}

/// The area's baseline and the counties' own: one baseline alone is the area's; several
/// named counties each keep theirs, and the area's is the stated 合计 / 全市 row, else their
/// sum.
fn settle_counties(found: Vec<Found>) -> (Option<Baseline>, Vec<CountyBaseline>) {
    let counties: Vec<CountyBaseline> = found
        .iter()
        .filter(|f| !f.total)
        .filter_map(|f| {
            f.county.clone().map(|county| CountyBaseline {
                county,
                baseline: f.baseline,
            })
        })
        .collect();
    if counties.len() < 2 {
        let area = found
            .iter()
            .find(|f| f.total)
            .or_else(|| found.first())
            .map(|f| f.baseline);
        return (area, Vec::new());
    }
    let stated = found.iter().find(|f| f.total).map(|f| f.baseline);
    let area = stated.unwrap_or_else(|| sum_baselines(&counties));
    (Some(area), counties)
}

/// The sum of the counties' baselines, in their unit where they share one, else in t/d.
fn sum_baselines(counties: &[CountyBaseline]) -> Baseline {
    let unit = counties[0].baseline.unit;
    let same = counties.iter().all(|c| c.baseline.unit == unit);
    let mut amounts = Amounts::ZERO;
    for c in counties {
        amounts.add(&if same {
            c.baseline.amounts
        } else {
            c.baseline.daily()
        });
    }
    Baseline {
        amounts,
        unit: if same { unit } else { BaselineUnit::PerDay },
    }
}

/// A pollutant heading of a summary row.
struct Head {
    col: usize,
    pollutant: Pollutant,
    unit: Option<Unit>,
    period: Period,
    label: String,
}

/// The cells of row `r` that name a pollutant.
fn pollutant_heads(grid: &Grid<'_>, r: usize) -> Vec<Head> {
    let aliases = Aliases::get();
    grid.row(r)
        .iter()
        .enumerate()
        .filter_map(|(col, v)| {
            let pollutant = pollutant_in(v)?;
            let h = normalise_header(&v.text());
            let name = h.name.replace("全社会", "");
            let period = match aliases.resolve(&name) {
                Some(Field::Emission(_, per)) => per,
                _ => Period::Year,
            };
            Some(Head {
                col,
                pollutant,
                unit: h.unit,
                period,
                label: v.text().into_owned(),
            })
        })
        .collect()
}

/// True when row `r` holds a number under some heading.
fn numeric(grid: &Grid<'_>, r: usize, heads: &[Head]) -> bool {
    heads
        .iter()
        .any(|h| matches!(grid.cell(r, h.col), Value::Number { .. }))
}

/// The baseline stated on row `r` under `heads`; problems are errors at their cells.
fn row_baseline(
    grid: &Grid<'_>,
    r: usize,
    heads: &[Head],
    max: f64,
    diags: &mut Diags,
) -> Baseline {
    let (row_field, row_unit) = row_label(grid, r);
    let mut amounts = Amounts::ZERO;
    let mut unit_seen = None;
    for h in heads {
        let field = row_field.unwrap_or(if h.period == Period::Day {
            Field::Plain(Plain::WholeSocietyDaily)
        } else {
            Field::Plain(Plain::WholeSociety)
        });
        let (scale, bunit) = baseline_unit(field, h.unit.or(row_unit));
        unit_seen.get_or_insert(bunit);
        match cells::number(
            grid.cell(r, h.col),
            Unit::Mass {
                to_tonnes: scale,
                per: None,
            },
            max,
        ) {
            Ok(v) => *amounts.get_mut(h.pollutant) = v.unwrap_or(0.0) * scale,
            Err(e) => diags.errors.push(crate::model::Diagnostic::cell(
                &grid.name,
                r as u32 + 1,
                &h.label,
                format!("{}：{}", h.label, e.message()),
            )),
        }
    }
    Baseline {
        amounts,
        unit: unit_seen.unwrap_or(BaselineUnit::PerYear),
    }
}

/// The row under a pollutant header that holds the whole-society values.
fn value_row(grid: &Grid<'_>, header: usize, cols: &[usize]) -> Option<usize> {
    let numeric = |r: usize| {
        cols.iter()
            .any(|c| matches!(grid.cell(r, *c), Value::Number { .. }))
    };
    let rows: Vec<usize> = (header + 1..grid.height().min(header + 8))
        .filter(|r| numeric(*r))
        .collect();
    rows.iter()
        .copied()
        .find(|r| row_label(grid, *r).0.is_some())
        .or_else(|| rows.first().copied())
}

/// The 全社会排放量 label at the start of a row, if any.
fn row_label(grid: &Grid<'_>, r: usize) -> (Option<Field>, Option<Unit>) {
    for v in grid.row(r) {
        if let Value::Text(t) = v {
            let h = normalise_header(t);
            return match Aliases::get().resolve(&h.name) {
                Some(f @ Field::Plain(Plain::WholeSociety | Plain::WholeSocietyDaily)) => {
                    (Some(f), h.unit)
                }
                _ => (None, None),
            };
        }
    }
    (None, None)
}

/// 目标减排比例 per level: a column headed 目标减排比例 with a level named on each row.
fn targets(grid: &Grid<'_>, formats_known: bool) -> Option<PerLevel<f64>> {
    for r in 0..grid.height() {
        for (c, v) in grid.row(r).iter().enumerate() {
            let Value::Text(t) = v else { continue };
            if !normalise_header(t).name.starts_with("目标减排比例") {
                continue;
            }
            let mut found: PerLevel<Option<f64>> = PerLevel::default();
            for row in r + 1..(r + 5).min(grid.height()) {
                let Some(level) = (0..c).find_map(|cc| level_in(grid.cell(row, cc))) else {
                    continue;
                };
                if let Ok(Some(s)) = cells::share(grid.cell(row, c), formats_known) {
                    *found.get_mut(level) = Some(Share::fraction(s));
                }
            }
            if let (Some(y), Some(o), Some(rd)) = (found.yellow, found.orange, found.red) {
                return Some(PerLevel {
                    yellow: y,
                    orange: o,
                    red: rd,
                });
            }
        }
    }
    None
}

fn level_in(v: &Value<'_>) -> Option<Level> {
    let Value::Text(t) = v else { return None };
    match Aliases::get().group(&normalise_text(t)) {
        Some(super::super::header::Group::Level(l)) => Some(l),
        _ => None,
    }
}

/// SO2/NOx互补: 是 / 否 to the right of the label.
fn trade(grid: &Grid<'_>) -> Option<bool> {
    for r in 0..grid.height() {
        for (c, v) in grid.row(r).iter().enumerate() {
            let Value::Text(t) = v else { continue };
            let n = normalise_text(t);
            if n.contains("互补") && n.contains("so2") {
                return cells::yes_no(grid.cell(r, c + 1)).ok().flatten();
            }
        }
    }
    None
}

/// Reads the area and year from a title such as 某某县2026年重污染天气应急减排清单: the text
/// before the four-digit year is the area.
pub(crate) fn area_from_title(title: &str) -> Option<(String, Option<i32>)> {
    let t: String = title.split_whitespace().collect();
    let chars: Vec<char> = t.chars().collect();
    for i in 0..chars.len().saturating_sub(4) {
        let four: String = chars[i..i + 4].iter().collect();
        if four.chars().all(|c| c.is_ascii_digit()) && chars.get(i + 4) == Some(&'年') {
            let area: String = chars[..i].iter().collect();
            let area = area.trim_end_matches(['(', '（']).to_string();
            if area.is_empty() {
                return None;
            }
            return Some((area, parse_year(&four)));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_titles() {
        assert_eq!(
            area_from_title("某某县2026年重污染天气应急减排清单"),
            Some(("某某县".into(), Some(2026)))
        );
        assert_eq!(area_from_title("重污染天气应急减排清单"), None);
        assert_eq!(area_from_title("2026年清单"), None);
    }

    #[test]
    fn reads_years() {
        assert_eq!(parse_year("2026"), Some(2026));
        assert_eq!(parse_year("2026年度"), Some(2026));
        assert_eq!(parse_year("去年"), None);
    }
}
