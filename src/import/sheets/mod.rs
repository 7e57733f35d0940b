//! The sheets of a list workbook, one module per role, and what they share: the role table,
//! the per-sheet reading context and the reading of a source row (emissions and measures).

pub(crate) mod dust;
pub(crate) mod heating;
pub(crate) mod industrial;
pub(crate) mod mobile;
pub(crate) mod nonroad;
pub(crate) mod summary;

use std::borrow::Cow;

use crate::model::{
    numbers, Contact, Diagnostic, Level, Measure, Origin, PerLevel, PerPollutant, Pollutant, Source,
};

use super::cells::{self, CellProblem, Share};
use super::grid::{Grid, Value};
use super::header::{Column, Field, Layout, LevelField, Period, Plain, Unit};
use super::{Diags, Limits};

pub use super::role::Role;

const PLAIN_SLOTS: usize = Plain::Ignored as usize + 1;
const EMISSION_BASE: usize = PLAIN_SLOTS;
const LEVEL_BASE: usize = EMISSION_BASE + 8;
/// Slots per level: six text and share fields, two limits, four reductions.
const LEVEL_STRIDE: usize = 12;
const SLOTS: usize = LEVEL_BASE + 3 * LEVEL_STRIDE;

fn pollutant_index(p: Pollutant) -> usize {
    Pollutant::ALL.iter().position(|q| *q == p).unwrap_or(0)
}

/// A dense index for a field, so each row finds its columns without hashing.
fn slot(f: Field) -> usize {
    match f {
        Field::Plain(p) => p as usize,
        Field::Emission(p, per) => {
            EMISSION_BASE + pollutant_index(p) * 2 + usize::from(per == Period::Day)
        }
        Field::Level(l, lf) => {
            let li = Level::ALL.iter().position(|x| *x == l).unwrap_or(0);
            let fi = match lf {
                LevelField::Measure => 0,
                LevelField::Share => 1,
                LevelField::KeyIndicator => 2,
                LevelField::PrepTime => 3,
                LevelField::OwnerName => 4,
                LevelField::OwnerPhone => 5,
                LevelField::KwhCap => 6,
                LevelField::ConcentrationLimit => 7,
                LevelField::Reduction(p) => 8 + pollutant_index(p),
            };
            LEVEL_BASE + li * LEVEL_STRIDE + fi
        }
    }
}

const TONNES_PER_YEAR: Unit = Unit::Mass {
    to_tonnes: 1.0,
    per: Some(Period::Year),
};
const TONNES_PER_DAY: Unit = Unit::Mass {
    to_tonnes: 1.0,
    per: Some(Period::Day),
};

/// Reading one sheet: its grid, its header layout and where diagnostics go.
pub(crate) struct SheetCtx<'g, 'a> {
    /// The sheet's cells.
    pub grid: &'g Grid<'a>,
    /// Its header.
    pub layout: &'g Layout,
    slots: Vec<Option<usize>>,
    /// False for xls, whose number formats calamine does not expose.
    pub formats_known: bool,
    /// Errors and warnings of the whole import.
    pub diags: &'g mut Diags,
    share_warned: Vec<usize>,
    /// The largest mass accepted for one line, t/a (the store's preference or the default).
    max_tonnes: f64,
}

impl<'g, 'a> SheetCtx<'g, 'a> {
    /// A context for reading the data rows of `grid` under `layout`.
    pub(crate) fn new(
        grid: &'g Grid<'a>,
        layout: &'g Layout,
        formats_known: bool,
        limits: &Limits,
        diags: &'g mut Diags,
    ) -> Self {
        let mut slots = vec![None; SLOTS];
        for (i, c) in layout.columns.iter().enumerate() {
            slots[slot(c.field)] = Some(i);
        }
        SheetCtx {
            grid,
            layout,
            slots,
            formats_known,
            diags,
            share_warned: Vec::new(),
            max_tonnes: limits.max_tonnes_per_year,
        }
    }

    /// The column holding `f`, if any.
    pub(crate) fn column(&self, f: Field) -> Option<&'g Column> {
        let layout: &'g Layout = self.layout;
        self.slots[slot(f)].map(|i| &layout.columns[i])
    }

    /// The cell of row `r` in the column of `f` (blank where the sheet has no such column).
    pub(crate) fn value(&self, r: usize, f: Field) -> Option<(&'g Column, &'g Value<'a>)> {
        let c = self.column(f)?;
        let grid: &'g Grid<'a> = self.grid;
        Some((c, grid.cell(r, c.col)))
    }

    /// The trimmed text of a cell.
    pub(crate) fn text(&self, r: usize, f: Field) -> Cow<'g, str> {
        match self.value(r, f) {
            Some((_, v)) => v.text(),
            None => Cow::Borrowed(""),
        }
    }

    /// The text of a plain column, owned.
    pub(crate) fn string(&self, r: usize, p: Plain) -> String {
        self.text(r, Field::Plain(p)).into_owned()
    }

    /// An error at a cell of row `r` (0-based) in `column`.
    pub(crate) fn error_at(&mut self, r: usize, column: &str, message: String) {
        let d = Diagnostic::cell(&self.grid.name, r as u32 + 1, column, message);
        self.diags.errors.push(d);
    }

    /// A warning at a cell of row `r` (0-based) in `column`.
    pub(crate) fn warn_at(&mut self, r: usize, column: &str, message: String) {
        let d = Diagnostic::cell(&self.grid.name, r as u32 + 1, column, message);
        self.diags.warnings.push(d);
    }

    fn problem(&mut self, r: usize, c: &Column, p: CellProblem) {
        self.error_at(r, &c.label, format!("{}：{}", c.label, p.message()));
    }

    /// A number in the column of `f`, converted by the column's unit (`default` where the
    /// header gives none). Problems become errors; the value is then `None`.
    pub(crate) fn number(&mut self, r: usize, f: Field, default: Unit) -> Option<f64> {
        let (c, v) = self.value(r, f)?;
        let unit = c.unit.filter(|u| same_kind(*u, default)).unwrap_or(default);
        match cells::number(v, unit, self.max_tonnes) {
            Ok(n) => n.map(|n| n * scale(unit)),
            Err(p) => {
                self.problem(r, c, p);
                None
            }
        }
    }

    /// A share (fraction) in the column of `f`; doubtful readings are warned about.
    pub(crate) fn share(&mut self, r: usize, f: Field) -> Option<f64> {
        let (c, v) = self.value(r, f)?;
        match cells::share(v, self.formats_known) {
            Ok(None) => None,
            Ok(Some(s)) => {
                self.warn_share(r, c, v, s);
                Some(s.fraction())
            }
            Err(p) => {
                self.problem(r, c, p);
                None
            }
        }
    }

    fn warn_share(&mut self, r: usize, c: &Column, v: &Value<'_>, s: Share) {
        match s {
            Share::Sure(_) => {}
            Share::TinyPercent(f) => self.warn_at(
                r,
                &c.label,
                format!(
                    "{}填写为{}，按{}%计（比例按百分数填写）；如本意是{}%，请改填{}",
                    c.label,
                    v.text(),
                    v.text(),
                    super::grid::number_text(f * 10000.0),
                    super::grid::number_text(f * 10000.0)
                ),
            ),
            Share::AssumedFraction(_) => {
                if !self.share_warned.contains(&c.col) {
                    self.share_warned.push(c.col);
                    self.warn_at(
                        r,
                        &c.label,
                        format!(
                            "本文件格式（xls）无法读取单元格的百分比格式：{}列中0到1之间的数值按百分比格式理解（0.3即30%）；如实为不足1%的比例，请写成“0.3%”",
                            c.label
                        ),
                    );
                }
            }
        }
    }

    /// A phone cell's text; a number that is neither a mobile nor a landline with area code
    /// is warned about.
    pub(crate) fn phone(&mut self, r: usize, f: Field) -> String {
        let Some((c, v)) = self.value(r, f) else {
            return String::new();
        };
        let t = v.text().into_owned();
        self.check_phone(r, c, &t);
        t
    }

    /// A contact from its name and phone columns, or from one 某某及联系方式 column holding
    /// both (张三 13800138000) where the sheet has no name column.
    pub(crate) fn contact(&mut self, r: usize, name: Plain, phone: Plain, both: Plain) -> Contact {
        if self.column(Field::Plain(name)).is_none() {
            if let Some((c, v)) = self.value(r, Field::Plain(both)) {
                let (name, phone) = cells::split_contact(&v.text());
                self.check_phone(r, c, &phone);
                return Contact { name, phone };
            }
        }
        Contact {
            name: self.string(r, name),
            phone: self.phone(r, Field::Plain(phone)),
        }
    }

    fn check_phone(&mut self, r: usize, c: &Column, t: &str) {
        if !t.is_empty() && !cells::phone_ok(t) {
            self.warn_at(
                r,
                &c.label,
                format!("电话“{t}”不像11位手机号或带区号的固定电话，请核对（应急时需要能联系上）"),
            );
        }
    }

    /// The row's origin for records.
    pub(crate) fn origin(&self, r: usize) -> Origin {
        Origin {
            sheet: self.grid.name.clone(),
            row: r as u32 + 1,
        }
    }

    /// The data rows to read: from below the header to the last row with a value, leaving out
    /// wholly empty rows, 合计/小计/总计 rows and a row of column numbers under the header.
    ///
    /// Also left out: rows with nothing in any recognised column (a footer such as
    /// 填表人：… written under 序号) and rows opening with 注： / 填表人 / 审核人 …, which
    /// county sheets put below the data.
    pub(crate) fn data_rows(&self) -> Vec<usize> {
        let start = self.layout.data_row;
        (start..self.grid.height())
            .filter(|&r| !skip_row(self.grid.row(r), r, start) && self.has_data(r))
            .collect()
    }

    fn has_data(&self, r: usize) -> bool {
        self.layout
            .columns
            .iter()
            .any(|c| !self.grid.cell(r, c.col).is_blank())
    }

    /// Reads a source row: name, product, capacity, days, emissions and measures.
    pub(crate) fn source(&mut self, r: usize) -> Source {
        let days = self.days(r);
        let mut source = Source {
            name: self.string(r, Plain::SourceName),
            product: self.string(r, Plain::Product),
            capacity: self.string(r, Plain::Capacity),
            days,
            outlet: self.string(r, Plain::Outlet),
            treatment: self.string(r, Plain::Treatment),
            standard: self.string(r, Plain::Standard),
            origin: Some(self.origin(r)),
            ..Source::default()
        };
        for p in Pollutant::ALL {
            *source.annual.get_mut(p) =
                self.number(r, Field::Emission(p, Period::Year), TONNES_PER_YEAR);
            *source.daily.get_mut(p) =
                self.number(r, Field::Emission(p, Period::Day), TONNES_PER_DAY);
        }
        source.measures = PerLevel::from_fn(|l| self.measure(r, l, days));
        self.amounts_within_emission(r, &source);
        source
    }

    /// An explicit 减排量 above the line's own daily emission is an error at its cell
    /// (`docs/method.md`: a source cannot cut more than it emits); the engine's rule and
    /// its 0.1 % rounding slack decide.
    fn amounts_within_emission(&mut self, r: usize, source: &Source) {
        for x in crate::reduce::amounts_above_emission(source) {
            let field = Field::Level(x.level, LevelField::Reduction(x.pollutant));
            let canonical = format!("{}{}减排量", x.level.name_zh(), x.pollutant.name_zh());
            let label = self.column(field).map_or(canonical, |c| c.label.clone());
            self.error_at(
                r,
                &label,
                format!(
                    "{}{}减排量{}吨/日超过该行{}日排放量{}吨/日：减排量不能大于排放量，请改正减排量（或核对排放量、年生产天数）",
                    x.level.name_zh(),
                    x.pollutant.name_zh(),
                    numbers::amount(x.amount),
                    x.pollutant.name_zh(),
                    numbers::amount(x.emission)
                ),
            );
        }
    }

    fn days(&mut self, r: usize) -> Option<f64> {
        let d = self.number(r, Field::Plain(Plain::Days), Unit::Days)?;
        if d > 366.0 {
            let label = self
                .column(Field::Plain(Plain::Days))
                .map(|c| c.label.clone());
            self.error_at(
                r,
                label.as_deref().unwrap_or("年生产天数"),
                format!("年生产天数{d}超过366天，请改正"),
            );
            return None;
        }
        Some(d)
    }

    fn measure(&mut self, r: usize, l: Level, days: Option<f64>) -> Measure {
        let lf = |f| Field::Level(l, f);
        Measure {
            text: self.text(r, lf(LevelField::Measure)).into_owned(),
            share: self.share(r, lf(LevelField::Share)),
            amounts: PerPollutant::from_fn(|p| self.reduction(r, l, p, days)),
            key_indicator: self.text(r, lf(LevelField::KeyIndicator)).into_owned(),
            prep_time: self.text(r, lf(LevelField::PrepTime)).into_owned(),
            owner: crate::model::Contact {
                name: self.text(r, lf(LevelField::OwnerName)).into_owned(),
                phone: self.phone(r, lf(LevelField::OwnerPhone)),
            },
            concentration_limit: self.number(
                r,
                lf(LevelField::ConcentrationLimit),
                Unit::Concentration,
            ),
        }
    }

    /// A reduction amount in t/d; a column in t/a is spread over the row's days (365 where
    /// the row gives none), since the method works in t/d.
    fn reduction(&mut self, r: usize, l: Level, p: Pollutant, days: Option<f64>) -> Option<f64> {
        let f = Field::Level(l, LevelField::Reduction(p));
        let per_year = matches!(
            self.column(f)?.unit,
            Some(Unit::Mass {
                per: Some(Period::Year),
                ..
            })
        );
        let v = self.number(r, f, TONNES_PER_DAY)?;
        Some(if per_year {
            v / days.filter(|d| *d > 0.0).unwrap_or(365.0)
        } else {
            v
        })
    }
}

fn same_kind(a: Unit, b: Unit) -> bool {
    std::mem::discriminant(&a) == std::mem::discriminant(&b)
}

fn scale(u: Unit) -> f64 {
    match u {
        Unit::Mass { to_tonnes, .. } => to_tonnes,
        Unit::Energy { to_kwh } => to_kwh,
        _ => 1.0,
    }
}

/// Words that open a row holding no data: totals, notes and the signature lines under a
/// table.
const SKIP_WORDS: [&str; 14] = [
    "合计",
    "小计",
    "总计",
    "注：",
    "注:",
    "备注：",
    "备注:",
    "说明：",
    "说明:",
    "填表人",
    "填报人",
    "审核人",
    "制表人",
    "负责人：",
];

/// True for a row that holds no data: wholly empty, a 合计/小计/总计 row, or — right under the
/// header — a row of column numbers (1, 2, 3 … or (1), (2) …) as many templates have.
fn skip_row(row: &[Value<'_>], r: usize, data_start: usize) -> bool {
    let Some(first) = row.iter().find(|v| !v.is_blank()) else {
        return true;
    };
    if let Value::Text(t) = first {
        let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        if SKIP_WORDS.iter().any(|w| t.starts_with(w)) {
            return true;
        }
    }
    r < data_start + 2 && is_numbering_row(row)
}

fn is_numbering_row(row: &[Value<'_>]) -> bool {
    let mut last = 0.0;
    let mut n = 0;
    for v in row.iter().filter(|v| !v.is_blank()) {
        let x = match v {
            Value::Number { value, .. } => *value,
            Value::Text(t) => {
                let t = t
                    .trim()
                    .trim_start_matches(['(', '（'])
                    .trim_end_matches([')', '）']);
                match t.parse::<f64>() {
                    Ok(x) => x,
                    Err(_) => return false,
                }
            }
            _ => return false,
        };
        if x.fract() != 0.0 || x <= last {
            return false;
        }
        last = x;
        n += 1;
    }
    n >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_follow_the_table_order() {
        assert_eq!(Role::of_sheet(" 总表 "), Some(Role::Summary));
        assert_eq!(Role::of_sheet("工业源汇总"), Some(Role::Summary));
        assert_eq!(Role::of_sheet("工业源清单"), Some(Role::Industrial));
        assert_eq!(Role::of_sheet("施工工地扬尘"), Some(Role::Dust));
        assert_eq!(Role::of_sheet("重点用车企业"), Some(Role::Mobile));
        assert_eq!(Role::of_sheet("协同供暖企业清单"), Some(Role::Heating));
        assert_eq!(Role::of_sheet("Sheet1"), None);
    }

    #[test]
    fn slots_are_distinct() {
        let mut seen = std::collections::HashSet::new();
        let mut fields = vec![];
        for l in Level::ALL {
            for lf in [
                LevelField::Measure,
                LevelField::Share,
                LevelField::KeyIndicator,
                LevelField::PrepTime,
                LevelField::OwnerName,
                LevelField::OwnerPhone,
                LevelField::KwhCap,
                LevelField::ConcentrationLimit,
            ] {
                fields.push(Field::Level(l, lf));
            }
            for p in Pollutant::ALL {
                fields.push(Field::Level(l, LevelField::Reduction(p)));
            }
        }
        for p in Pollutant::ALL {
            fields.push(Field::Emission(p, Period::Year));
            fields.push(Field::Emission(p, Period::Day));
        }
        fields.push(Field::Plain(Plain::County));
        fields.push(Field::Plain(Plain::Ignored));
        for f in fields {
            let s = slot(f);
            assert!(s < SLOTS);
            assert!(seen.insert(s), "{f:?}");
        }
    }

    #[test]
    fn skips_totals_and_numbering_rows() {
        let t = |s: &'static str| Value::Text(Cow::Borrowed(s));
        let n = |v: f64| Value::Number {
            value: v,
            percent: false,
        };
        assert!(skip_row(&[], 5, 3));
        assert!(skip_row(&[Value::Empty, t("合 计"), n(3.0)], 9, 3));
        assert!(skip_row(&[n(1.0), n(2.0), n(3.0), t("(4)")], 3, 3));
        assert!(!skip_row(&[n(1.0), t("甲公司"), n(3.0)], 3, 3));
        assert!(!skip_row(&[n(1.0), n(2.0), n(3.0)], 9, 3));
        assert!(skip_row(&[t("注：排放量单位为吨/年")], 9, 3));
        assert!(skip_row(&[Value::Empty, t("填表人：张三")], 9, 3));
    }
}
