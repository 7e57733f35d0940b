//! Chapter 分级减排措施: one table per level with reductions and key indicators.

use crate::model::{Amounts, Level, Pollutant};
use crate::reduce::measure_text::read_measure;

use super::verification::treatment_measure;
use super::{
    contact_or_dash, effective_level, fmt, or_dash, response, Plan, PlanBlock, Row, WIDTH,
};
use crate::docs::content::{self, percent};
use crate::docs::fill::Filler;
use crate::docs::typeset;

impl Plan<'_> {
    pub(super) fn measures(&self, fill: &mut Filler) -> Vec<PlanBlock> {
        let mut d = vec![PlanBlock::text(
            "各级预警措施逐级叠加：橙色预警在落实黄色预警措施的基础上执行，红色预警在落实橙色预警措施的基础上执行。某级未单列措施的生产线，按下一级预警措施执行。",
        )];
        if self.e.shut_down {
            d.push(PlanBlock::text(
                "本企业长期停产，各级预警期间均不得擅自恢复生产。",
            ));
            return d;
        }
        for (i, level) in Level::ALL.into_iter().enumerate() {
            d.push(PlanBlock::sub(format!(
                "（{}）{}（{}）",
                typeset::numeral(i + 1),
                level.name_zh(),
                response(level)
            )));
            d.extend(self.level_table(level, fill));
            d.push(self.indicators(level, fill));
        }
        d.extend(self.engine_notes());
        d
    }

    /// The level's key indicators as numbers a check can hold the enterprise to: the daily
    /// electricity cap (stated, else the normal day scaled by the enterprise's cut) and the
    /// concentration limit of each line that cuts by treatment or load rather than stopping.
    fn indicators(&self, level: Level, fill: &mut Filler) -> PlanBlock {
        let place = format!("{} / {}", self.place, level.name_zh());
        let e = self.e;
        let (daily, reduced) = self.source_rows().iter().fold((0.0, 0.0), |(d, r), row| {
            (
                d + row.reduction.daily.total(),
                r + row.reduction.reductions.get(level).total(),
            )
        });
        let cut = if daily > 0.0 { reduced / daily } else { 0.0 };
        let power = match (*e.daily_kwh_cap.get(level), e.normal_daily_kwh) {
            (Some(cap), normal) => format!(
                "全厂日用电量不高于{} kWh{}",
                fmt(cap, 0),
                normal.map_or(String::new(), |n| format!(
                    "（正常生产日用电量{} kWh）",
                    fmt(n, 0)
                ))
            ),
            (None, Some(normal)) => format!(
                "全厂日用电量不高于{} kWh（正常生产日用电量{} kWh × (1 − 减排比例{})）",
                fmt(normal * (1.0 - cut), 0),
                fmt(normal, 0),
                percent(cut)
            ),
            (None, None) => format!(
                "全厂日用电量上限{}",
                fill.text("", "正常日用电量或日用电量上限", &place)
            ),
        };
        let mut items = vec![power];
        for r in self.source_rows() {
            let share = *r.reduction.shares.get(level);
            if share <= 0.0 || content::stops_at(r.source, level) {
                continue;
            }
            let (owning, m) = effective_level(r.source, level);
            let outlet = r.source.outlet.trim();
            let at = if outlet.is_empty() {
                String::new()
            } else {
                format!("排放口{outlet}")
            };
            match m.concentration_limit {
                Some(limit) => items.push(format!(
                    "{}{at}污染物排放浓度不高于{} mg/m³",
                    r.label,
                    fmt(limit, 2)
                )),
                None if treatment_measure(&m.text) => {
                    let place = format!("{} / {} / {}", self.place, r.label, owning.name_zh());
                    items.push(format!(
                        "{}{at}排放浓度限值{}",
                        r.label,
                        fill.text("", "排放浓度限值", &place)
                    ));
                }
                None => {}
            }
            items.push(format!(
                "{}生产负荷不高于正常水平的{}",
                r.label,
                percent(1.0 - share)
            ));
        }
        PlanBlock::text(format!(
            "{}关键性指标：{}。",
            level.name_zh(),
            items.join("；")
        ))
    }

    pub(super) fn level_table(&self, level: Level, fill: &mut Filler) -> Vec<PlanBlock> {
        let widths = measure_widths();
        let mut rows = vec![vec![
            "生产线（工序、设施）".to_string(),
            "减排措施".to_string(),
            "减排比例".to_string(),
            "SO2".to_string(),
            "NOx".to_string(),
            "颗粒物".to_string(),
            "VOCs".to_string(),
            "关键性指标".to_string(),
            "应急准备时间".to_string(),
            "工序责任人及联系方式".to_string(),
        ]];
        let mut total = Amounts::ZERO;
        for r in &self.rows {
            let place = format!("{} / {} / {}", self.place, r.label, level.name_zh());
            let red = r.reduction.reductions.get(level);
            total.add(red);
            let text = content::measure_cell(r.source, level, &self.place, fill);
            let (owning, m) = effective_level(r.source, level);
            let share = *r.reduction.shares.get(level);
            self.check_understood(r, level, &place, fill);
            // An inherited level's gaps are reported once, at the level that owns the measure.
            let place = format!("{} / {} / {}", self.place, r.label, owning.name_zh());
            let ki = self.indicator_of(r.source, &m.key_indicator);
            let (indicator, prep, owner) = if share > 0.0 || red.total() > 0.0 {
                (
                    fill.text(&ki, "关键性指标", &place),
                    fill.text(&m.prep_time, "应急准备时间", &place),
                    fill.contact(&m.owner, "工序责任人", &place),
                )
            } else {
                (
                    or_dash(&ki),
                    or_dash(&m.prep_time),
                    contact_or_dash(&m.owner),
                )
            };
            // A self-chosen grade's line that cuts nothing is not "0 % / —": it points to the
            // chapter that says what the enterprise still does.
            let idle = share <= 0.0 && red.total() <= 0.0;
            let (ratio, indicator) = if idle && self.self_chosen() {
                ("自主减排".to_string(), "见“自主减排”".to_string())
            } else {
                (percent(share), indicator)
            };
            rows.push(vec![
                r.label.clone(),
                text,
                ratio,
                fmt(red.so2, 4),
                fmt(red.nox, 4),
                fmt(red.pm, 4),
                fmt(red.vocs, 4),
                indicator,
                prep,
                owner,
            ]);
        }
        rows.push(vec![
            "合计".to_string(),
            String::new(),
            String::new(),
            fmt(total.so2, 4),
            fmt(total.nox, 4),
            fmt(total.pm, 4),
            fmt(total.vocs, 4),
            String::new(),
            String::new(),
            String::new(),
        ]);
        let mut d = vec![PlanBlock::grid(&widths, rows, true)];
        if let Some(h) = self.heating {
            let m = h.measures.get(level).trim();
            if !m.is_empty() {
                d.push(PlanBlock::text(format!("协同供暖（以热定产）：{m}")));
            }
        }
        d.push(PlanBlock::text(format!(
                "{}期间本企业合计日减排量（t/d，含运输）：二氧化硫{}，氮氧化物{}，颗粒物{}，挥发性有机物{}。",
                level.name_zh(),
                fmt(total.so2, 4),
                fmt(total.nox, 4),
                fmt(total.pm, 4),
                fmt(total.vocs, 4)
            )));
        d
    }

    /// A level whose only basis is a text the engine cannot read reduces nothing: the
    /// enterprise must state the share.
    pub(super) fn check_understood(
        &self,
        r: &Row<'_>,
        level: Level,
        place: &str,
        fill: &mut Filler,
    ) {
        let m = r.source.measures.get(level);
        let has_number =
            m.share.is_some() || Pollutant::ALL.iter().any(|&p| m.amounts.get(p).is_some());
        if !m.text.trim().is_empty() && !has_number && !read_measure(&m.text).understood() {
            fill.note("减排比例（措施文字未能识别出减排比例，请填写）", place);
        }
    }

    /// The engine's corrections of impossible data, so the plan does not hide them.
    pub(super) fn engine_notes(&self) -> Vec<PlanBlock> {
        let notes: Vec<String> = self
            .rows
            .iter()
            .flat_map(|r| r.reduction.errors.iter())
            .map(|d| d.message.clone())
            .collect();
        if notes.is_empty() {
            return Vec::new();
        }
        let mut d = vec![PlanBlock::text(
            "说明：以下数据不合理，测算已按规则修正，请核实后在清单中更正：",
        )];
        d.extend(notes.into_iter().map(|n| PlanBlock::text(format!("· {n}"))));
        d
    }
}

/// Column widths of a level's measure table.
fn measure_widths() -> Vec<usize> {
    let fixed = [1000, 1400, 560, 760, 760, 760, 760, 1100, 640];
    let mut w = fixed.to_vec();
    w.push(WIDTH - fixed.iter().sum::<usize>());
    w
}
