//! Chapter 生产工艺与排污节点: the lines with products, capacity and days, then each line's
//! emission points as a flow line → outlet → treatment → standard, so a reviewer can see where
//! each line's waste gas leaves and what it must meet.

use crate::reduce::DEFAULT_DAYS;

use super::{fmt, Plan, PlanBlock, WIDTH};
use crate::docs::content::source_label;
use crate::docs::fill::{Filler, PLACEHOLDER};

impl Plan<'_> {
    pub(super) fn process(&self, fill: &mut Filler) -> Vec<PlanBlock> {
        let n = self.e.sources.len();
        let intro = if n == 0 {
            fill.note("生产线（工序、设施）", &self.place);
            format!("清单中尚未登记本企业的生产线（工序、设施）{PLACEHOLDER}。")
        } else {
            format!("本企业共有{n}条生产线（工序、设施）纳入重污染天气应急减排清单，主要生产工艺流程及产能如下：")
        };
        let mut rows = vec![vec![
            "序号".to_string(),
            "生产线（工序、设施）".to_string(),
            "主要产品".to_string(),
            "设计产能".to_string(),
            "年生产天数".to_string(),
        ]];
        for (i, s) in self.e.sources.iter().enumerate() {
            let place = format!("{} / {}", self.place, source_label(s));
            let days = match s.days {
                Some(d) if d > 0.0 => fmt(d, 0),
                _ => format!(
                    "{}（按{}天测算）",
                    fill.text("", "年生产天数", &place),
                    fmt(DEFAULT_DAYS, 0)
                ),
            };
            rows.push(vec![
                (i + 1).to_string(),
                source_label(s),
                fill.text(&s.product, "主要产品", &place),
                fill.text(&s.capacity, "设计产能", &place),
                days,
            ]);
        }
        let w = [WIDTH / 12, WIDTH * 4 / 12, WIDTH * 3 / 12, WIDTH * 2 / 12];
        let widths = [w[0], w[1], w[2], w[3], WIDTH - w.iter().sum::<usize>()];
        if n == 0 {
            return vec![PlanBlock::text(intro)];
        }
        vec![
            PlanBlock::text(intro),
            PlanBlock::grid(&widths, rows, false),
            PlanBlock::sub("排污节点"),
            PlanBlock::text(
                "各生产线（工序、设施）废气经以下治理设施处理后由排放口排放（生产线 → 排放口 → 治理设施 → 执行标准）：",
            ),
            self.outlet_table(fill),
        ]
    }

    /// Line → outlet → treatment → standard, one row per line. Lines that emit nothing to
    /// air need no outlet; for the others a blank is 【待补充】.
    fn outlet_table(&self, fill: &mut Filler) -> PlanBlock {
        let mut rows = vec![vec![
            "生产线（工序、设施）".to_string(),
            "排放口编号".to_string(),
            "污染治理设施".to_string(),
            "执行标准".to_string(),
        ]];
        for r in self.source_rows() {
            let place = format!("{} / {}", self.place, r.label);
            let emits = r.reduction.daily.total() > 0.0;
            let value = |v: &str, field: &str, fill: &mut Filler| {
                if emits {
                    fill.text(v, field, &place)
                } else {
                    super::or_dash(v)
                }
            };
            rows.push(vec![
                r.label.clone(),
                value(&r.source.outlet, "排放口编号", fill),
                value(&r.source.treatment, "治理设施", fill),
                value(&r.source.standard, "执行标准", fill),
            ]);
        }
        let w = [WIDTH * 3 / 12, WIDTH * 2 / 12, WIDTH * 4 / 12];
        let widths = [w[0], w[1], w[2], WIDTH - w.iter().sum::<usize>()];
        PlanBlock::grid(&widths, rows, false)
    }
}
