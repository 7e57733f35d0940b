//! The 总表 (summary sheet).
//!
//! Top to bottom: title; 年度 and 地区 (label in column A, value in B); the whole-society
//! emissions as the two-column table the importer reads (污染物 | 全社会排放量(t/a), or
//! 全社会日排放量(t/d) for a daily baseline); the targets (预警级别 | 目标减排比例(%), one row
//! per level) and the trade switch (SO2/NOx互补 | 是/否); counts of the list, by enterprise
//! class and by grade; then the check's reductions, ratios, targets, shortfalls and pass marks
//! per level and pollutant (with the SO2+NOx trade line and the level's verdict), and the
//! reductions by county and by category.
//!
//! Where the counties have their own whole-society emissions, the baseline is written in the
//! per-county form instead (one table per county, then the 全市 one), which the importer reads
//! back as the same counties and the same stated area total.
//!
//! Round trip: the importer reads back area, year, the baseline, the targets (a
//! 目标减排比例 column with a level named on each row) and the trade switch (是/否 right of
//! SO2/NOx互补); an importer that ignored the last two would give the defaults (10/20/30 %,
//! trade on).
//!
//! Later tables never use the words 全社会排放量 / 地区 / 区县 / 行政区 alone in their headers (分区县,
//! 日排放基数), so the importer cannot mistake them for the baseline or the area.

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use super::columns::{share_number, share_to_percent};
use super::lists::{title, SUMMARY};
use super::note::mark;
use super::style::Styles;
use crate::model::{Amounts, BaselineUnit, EnterpriseClass, Grade, Level, List, Pollutant};
use crate::reduce::{Category, LevelCheck, Report};

/// Columns the summary uses.
const COLUMNS: u16 = 8;

struct Writer<'a> {
    ws: &'a mut Worksheet,
    styles: &'a Styles,
    row: u32,
}

impl Writer<'_> {
    fn text(&mut self, col: u16, s: &str, format: &Format) -> Result<(), XlsxError> {
        if s.is_empty() {
            self.ws.write_blank(self.row, col, format)?;
        } else {
            self.ws.write_string_with_format(self.row, col, s, format)?;
        }
        Ok(())
    }

    fn number(&mut self, col: u16, v: Option<f64>, format: &Format) -> Result<(), XlsxError> {
        match v {
            Some(v) if v.is_finite() => {
                self.ws.write_number_with_format(self.row, col, v, format)?;
            }
            _ => {
                self.ws.write_blank(self.row, col, format)?;
            }
        }
        Ok(())
    }

    fn heading(&mut self, s: &str) -> Result<(), XlsxError> {
        self.row += 1;
        self.ws
            .write_string_with_format(self.row, 0, s, &self.styles.heading)?;
        self.row += 1;
        Ok(())
    }

    fn header(&mut self, names: &[&str]) -> Result<(), XlsxError> {
        for (c, name) in names.iter().enumerate() {
            let f = &self.styles.header;
            self.ws
                .write_string_with_format(self.row, c as u16, *name, f)?;
        }
        self.row += 1;
        Ok(())
    }

    /// A label | count row.
    fn count(&mut self, label: &str, n: usize) -> Result<(), XlsxError> {
        let styles = self.styles;
        self.text(0, label, &styles.text)?;
        self.number(1, Some(n as f64), &styles.whole)?;
        self.row += 1;
        Ok(())
    }
}

/// Writes the 总表 of `list` with the numbers of `report` (= `reduce::check(list)`).
pub(crate) fn write_summary(
    ws: &mut Worksheet,
    styles: &Styles,
    list: &List,
    report: &Report,
) -> Result<(), XlsxError> {
    ws.set_column_width(0, 22)?;
    for c in 1..COLUMNS {
        ws.set_column_width(c, 16)?;
    }
    ws.set_row_height(0, 30)?;
    ws.merge_range(0, 0, 0, COLUMNS - 1, &title(list, SUMMARY), &styles.title)?;
    let mut w = Writer { ws, styles, row: 2 };
    area(&mut w, list)?;
    baseline(&mut w, list)?;
    targets(&mut w, list)?;
    counts(&mut w, list, report)?;
    levels(&mut w, report)?;
    breakdowns(&mut w, report)?;
    Ok(())
}

/// 年度 above 地区: the importer takes the cell below a label whose right cell is blank, and
/// below 地区 there is nothing to mistake for an area.
fn area(w: &mut Writer<'_>, list: &List) -> Result<(), XlsxError> {
    let s = w.styles;
    w.text(0, "年度", &s.header)?;
    w.number(1, list.year.map(f64::from), &s.whole)?;
    w.row += 1;
    w.text(0, "地区", &s.header)?;
    w.text(1, &list.area, &s.text)?;
    w.row += 1;
    Ok(())
}

fn baseline(w: &mut Writer<'_>, list: &List) -> Result<(), XlsxError> {
    let s = w.styles;
    w.heading("全社会排放量")?;
    if !list.county_baselines.is_empty() {
        return county_baselines(w, list);
    }
    let Some(b) = &list.baseline else {
        w.text(0, crate::reduce::NO_BASELINE, &s.paragraph)?;
        w.row += 1;
        return Ok(());
    };
    let (name, format) = match b.unit {
        BaselineUnit::PerYear => ("全社会排放量(t/a)", &s.fixed4),
        BaselineUnit::PerDay => ("全社会日排放量(t/d)", &s.fixed6),
    };
    w.header(&["污染物", name])?;
    for p in Pollutant::ALL {
        w.text(0, p.name_zh(), &s.text)?;
        w.number(1, Some(*b.amounts.get(p)), format)?;
        w.row += 1;
    }
    Ok(())
}

/// A city whose counties have their own whole-society emissions: one table per county in
/// the importer's per-county form (a 区县 label, a row of pollutant headings with the unit,
/// the values below), then the area's own under 区县 | 全市 so that a stated city total that
/// differs from the counties' sum comes back as stated. Each table carries its own unit.
fn county_baselines(w: &mut Writer<'_>, list: &List) -> Result<(), XlsxError> {
    let tables = list
        .county_baselines
        .iter()
        .map(|c| (c.county.as_str(), &c.baseline))
        .chain(list.baseline.as_ref().map(|b| ("全市", b)));
    for (county, b) in tables {
        let s = w.styles;
        w.text(0, "区县", &s.header)?;
        w.text(1, county, &s.text)?;
        w.row += 1;
        let (kind, unit, format) = match b.unit {
            BaselineUnit::PerYear => ("全社会排放量", "t/a", &s.fixed4),
            BaselineUnit::PerDay => ("全社会日排放量", "t/d", &s.fixed6),
        };
        for (c, p) in Pollutant::ALL.into_iter().enumerate() {
            let name = format!("{}{kind}({unit})", p.name_zh());
            w.text(c as u16, &name, &s.header)?;
        }
        w.row += 1;
        for (c, p) in Pollutant::ALL.into_iter().enumerate() {
            w.number(c as u16, Some(*b.amounts.get(p)), format)?;
        }
        w.row += 2;
    }
    Ok(())
}

fn targets(w: &mut Writer<'_>, list: &List) -> Result<(), XlsxError> {
    let s = w.styles;
    w.heading("减排目标")?;
    w.header(&["预警级别", "目标减排比例(%)"])?;
    for level in Level::ALL {
        w.text(0, level.name_zh(), &s.text)?;
        let (v, style) = share_number(*list.targets.get(level));
        w.number(1, Some(v), s.number(style))?;
        w.row += 1;
    }
    w.text(0, "SO2/NOx互补", &s.text)?;
    w.text(1, if list.so2_nox_trade { "是" } else { "否" }, &s.text)?;
    w.row += 1;
    Ok(())
}

fn counts(w: &mut Writer<'_>, list: &List, report: &Report) -> Result<(), XlsxError> {
    let c = &report.counts;
    w.heading("清单构成")?;
    w.header(&["项目", "数量"])?;
    w.count("企业数", c.enterprises as usize)?;
    w.count("工业源数(生产线/工序/设施)", c.industrial_sources as usize)?;
    w.count("扬尘源数", c.dust_sources as usize)?;
    w.count("移动源数", c.mobile_sources as usize)?;
    w.count("协同供暖企业数", list.heating.len())?;

    let ents = &list.enterprises;
    w.heading("按企业类型统计")?;
    w.header(&["企业类型", "企业数"])?;
    for class in EnterpriseClass::ALL {
        w.count(
            class.name_zh(),
            ents.iter().filter(|e| e.class == Some(class)).count(),
        )?;
    }
    w.count("未填写", ents.iter().filter(|e| e.class.is_none()).count())?;

    w.heading("按绩效等级统计")?;
    w.header(&["绩效等级", "企业数"])?;
    let live = || ents.iter().filter(|e| !e.shut_down);
    for grade in Grade::ALL {
        w.count(
            grade.label(),
            live().filter(|e| e.grade == Some(grade)).count(),
        )?;
    }
    w.count("未填写", live().filter(|e| e.grade.is_none()).count())?;
    w.count("长期停产", ents.iter().filter(|e| e.shut_down).count())?;
    w.count(
        "其中保障类(含民生豁免)",
        ents.iter().filter(|e| e.is_guarantee()).count(),
    )?;
    measure_counts(w, report)?;
    coverage(w, report)
}

/// Per level, how many enterprises stop, limit, reduce on their own or cut nothing, and how
/// many sites stop.
fn measure_counts(w: &mut Writer<'_>, report: &Report) -> Result<(), XlsxError> {
    let s = w.styles;
    w.heading("各级预警措施统计")?;
    w.header(&[
        "预警级别",
        "停产企业",
        "限产企业",
        "自主减排企业",
        "无减排企业",
        "停工工地",
    ])?;
    for lc in &report.levels {
        let m = &lc.measures;
        w.text(0, lc.level.name_zh(), &s.text)?;
        let counts = [m.stop, m.limit, m.self_reduce, m.other, m.sites_stopped];
        for (i, n) in counts.into_iter().enumerate() {
            w.number(1 + i as u16, Some(f64::from(n)), &s.whole)?;
        }
        w.row += 1;
    }
    Ok(())
}

/// The listed daily emissions as a share of the whole society's, per pollutant: the ceiling
/// any list can reach. One pollutant per row behind a 清单占比 label, so that neither a row
/// of pollutant headings nor a row opening with a pollutant stands where a reader looks for
/// the baseline.
fn coverage(w: &mut Writer<'_>, report: &Report) -> Result<(), XlsxError> {
    let Some(cov) = report.coverage else {
        return Ok(());
    };
    let s = w.styles;
    w.heading("清单排放量占全社会比例（可达到的最高减排比例）")?;
    w.header(&["项目", "污染物", "清单占比(%)"])?;
    for p in Pollutant::ALL {
        w.text(0, "清单占比", &s.text)?;
        w.text(1, p.name_zh(), &s.text)?;
        w.number(2, Some(percent(*cov.get(p))), &s.percent)?;
        w.row += 1;
    }
    Ok(())
}

fn levels(w: &mut Writer<'_>, report: &Report) -> Result<(), XlsxError> {
    w.heading("各级预警减排情况")?;
    w.header(&[
        "预警级别",
        "污染物",
        "日减排量(t/d)",
        "日排放基数(t/d)",
        "减排比例(%)",
        "目标比例(%)",
        "缺口(t/d)",
        "是否达标",
    ])?;
    for lc in &report.levels {
        for p in Pollutant::ALL {
            pollutant_row(w, report, lc, p)?;
            if p == Pollutant::Nox {
                trade_row(w, lc)?;
            }
        }
        verdict_row(w, lc)?;
    }
    Ok(())
}

fn pollutant_row(
    w: &mut Writer<'_>,
    report: &Report,
    lc: &LevelCheck,
    p: Pollutant,
) -> Result<(), XlsxError> {
    let s = w.styles;
    let pass = match p {
        Pollutant::So2 => lc.pass.so2,
        Pollutant::Nox => lc.pass.nox,
        Pollutant::Pm => lc.pass.pm,
        Pollutant::Vocs => lc.pass.vocs,
    };
    w.text(0, lc.level.name_zh(), &s.text)?;
    w.text(1, p.name_zh(), &s.text)?;
    w.number(2, Some(*lc.reduction.get(p)), &s.fixed6)?;
    w.number(3, report.baseline.map(|b| *b.get(p)), &s.fixed6)?;
    w.number(4, lc.ratio.map(|r| percent(*r.get(p))), &s.percent)?;
    w.number(5, Some(percent(lc.target)), &s.percent)?;
    w.number(6, lc.shortfall.map(|f| f.get(p)), &s.fixed6)?;
    mark_cell(w, 7, lc.ratio.is_some(), pass)?;
    w.row += 1;
    Ok(())
}

/// The SO2+NOx line: the pair's summed ratio against twice the target.
fn trade_row(w: &mut Writer<'_>, lc: &LevelCheck) -> Result<(), XlsxError> {
    let s = w.styles;
    w.text(0, lc.level.name_zh(), &s.text)?;
    w.text(1, "二氧化硫+氮氧化物(互补)", &s.text)?;
    w.number(2, Some(lc.reduction.so2 + lc.reduction.nox), &s.fixed6)?;
    w.text(3, "", &s.text)?;
    w.number(4, lc.ratio.map(|r| (r.so2 + r.nox) * 100.0), &s.percent)?;
    w.number(5, Some(percent(2.0 * lc.target)), &s.percent)?;
    w.text(6, "", &s.text)?;
    mark_cell(w, 7, lc.ratio.is_some(), lc.pass.so2_nox)?;
    w.row += 1;
    Ok(())
}

fn verdict_row(w: &mut Writer<'_>, lc: &LevelCheck) -> Result<(), XlsxError> {
    let s = w.styles;
    w.text(0, lc.level.name_zh(), &s.header)?;
    w.text(1, "整体", &s.header)?;
    for c in 2..7 {
        w.text(c, "", &s.text)?;
    }
    mark_cell(w, 7, lc.ratio.is_some(), lc.pass.level)?;
    w.row += 1;
    Ok(())
}

/// A ratio as a percent number for display: exact back to the fraction where possible.
fn percent(fraction: f64) -> f64 {
    share_to_percent(fraction).unwrap_or(fraction * 100.0)
}

fn mark_cell(w: &mut Writer<'_>, col: u16, known: bool, pass: bool) -> Result<(), XlsxError> {
    let s = w.styles;
    if !known {
        return w.text(col, "无基数", &s.text);
    }
    let format = if pass { &s.pass } else { &s.fail };
    w.text(col, mark(pass), format)
}

fn breakdowns(w: &mut Writer<'_>, report: &Report) -> Result<(), XlsxError> {
    w.heading("分区县减排量")?;
    w.header(&[
        "行政区",
        "预警级别",
        "污染物",
        "日减排量(t/d)",
        "占全社会比例(%)",
    ])?;
    for county in &report.by_county {
        // A county with its own baseline shows its own share of it.
        let base = county.baseline.or(report.baseline);
        let levels = county.levels.iter().map(|l| (l.level, &l.reduction));
        breakdown_rows(w, base, &county.county, levels)?;
    }
    w.heading("分类别减排量")?;
    w.header(&[
        "类别",
        "预警级别",
        "污染物",
        "日减排量(t/d)",
        "占全社会比例(%)",
    ])?;
    for category in Category::ALL {
        let Some(c) = report.by_category.iter().find(|c| c.category == category) else {
            continue;
        };
        let levels = c.levels.iter().map(|l| (l.level, &l.reduction));
        breakdown_rows(w, report.baseline, category.name_zh(), levels)?;
    }
    Ok(())
}

fn breakdown_rows<'r>(
    w: &mut Writer<'_>,
    baseline: Option<Amounts>,
    name: &str,
    levels: impl Iterator<Item = (Level, &'r Amounts)>,
) -> Result<(), XlsxError> {
    let s = w.styles;
    for (level, reduction) in levels {
        for p in Pollutant::ALL {
            let v = *reduction.get(p);
            let ratio = baseline.and_then(|b| (*b.get(p) > 0.0).then(|| v / b.get(p) * 100.0));
            w.text(0, name, &s.text)?;
            w.text(1, level.name_zh(), &s.text)?;
            w.text(2, p.name_zh(), &s.text)?;
            w.number(3, Some(v), &s.fixed6)?;
            w.number(4, ratio, &s.percent)?;
            w.row += 1;
        }
    }
    Ok(())
}
