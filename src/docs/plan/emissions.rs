//! Chapter 主要涉气产排污环节及排放情况: emissions per line and the fleet.

use crate::model::{Amounts, Fleet, Pollutant, Source};
use crate::reduce::{source_reduction, SourceReduction, DEFAULT_DAYS};

use super::{fmt, Plan, PlanBlock, PlanColumn, PlanTable, WIDTH};

impl Plan<'_> {
    pub(super) fn emissions(&self) -> Vec<PlanBlock> {
        let mut d = vec![
            PlanBlock::sub("（一）生产线（工序、设施）排放情况"),
            PlanBlock::text(
                "各生产线（工序、设施）二氧化硫、氮氧化物、颗粒物和挥发性有机物排放量如下（日排放量按年排放量除以年生产天数计算，与应急减排清单测算一致）：",
            ),
        ];
        if !self.source_rows().is_empty() {
            d.push(self.emission_table());
        }
        d.push(PlanBlock::sub("（二）运输车辆及非道路移动机械"));
        match self.fleet {
            Some(f) => d.extend(self.fleet_part(f)),
            None => d.push(PlanBlock::text(
                "本企业未列入移动源清单（日均进出重型货车10辆次及以上的用车大户）。",
            )),
        }
        d.extend(self.machinery_part());
        d
    }

    /// The enterprise's non-road machinery as the 非道路移动机械 sheet lists it, with each
    /// level's measure; without rows, what the enterprise must register.
    fn machinery_part(&self) -> Vec<PlanBlock> {
        if self.machinery.is_empty() {
            return vec![PlanBlock::text(
                "非道路移动机械清单中未登记本企业的机械。厂内如使用装载机、叉车等非道路移动机械，应登记数量和排放阶段；橙色及以上预警期间停止使用国二及以下排放标准非道路移动机械。",
            )];
        }
        let mut rows = vec![[
            "机械类型",
            "排放阶段",
            "数量（台）",
            "燃料",
            "黄色预警",
            "橙色预警",
            "红色预警",
        ]
        .iter()
        .map(|h| h.to_string())
        .collect::<Vec<_>>()];
        for m in &self.machinery {
            let mut row = vec![
                super::or_dash(&m.kind),
                m.stage.name_zh().to_string(),
                m.count.map_or("—".to_string(), |c| c.to_string()),
                super::or_dash(&m.fuel),
            ];
            row.extend(crate::model::Level::ALL.map(|l| super::or_dash(m.measures.get(l))));
            rows.push(row);
        }
        let narrow = WIDTH / 10;
        let wide = (WIDTH - 4 * narrow) / 3;
        let widths = [
            narrow,
            narrow,
            narrow,
            narrow,
            wide,
            wide,
            WIDTH - 4 * narrow - 2 * wide,
        ];
        vec![
            PlanBlock::text("本企业登记的非道路移动机械及各级预警管控措施如下："),
            PlanBlock::grid(&widths, rows, true),
        ]
    }

    /// Annual and daily emissions per line, under 年排放量 and 日排放量 group headers.
    pub(super) fn emission_table(&self) -> PlanBlock {
        let name_w = WIDTH * 2 / 10;
        let num_w = (WIDTH - name_w) / 8;
        let mut columns = vec![PlanColumn {
            title: "生产线（工序、设施）".to_string(),
            group: None,
            weight: name_w,
            numeric: false,
        }];
        for group in ["年排放量（t/a）", "日排放量（t/d）"] {
            columns.extend(Pollutant::ALL.iter().map(|p| PlanColumn {
                title: p.name_zh().to_string(),
                group: Some(group.to_string()),
                weight: num_w,
                numeric: true,
            }));
        }
        let mut rows = Vec::new();
        let mut annual_total = Amounts::ZERO;
        let mut daily_total = Amounts::ZERO;
        for r in self.source_rows() {
            let annual = annual_of(r.source, &r.reduction);
            annual_total.add(&annual);
            daily_total.add(&r.reduction.daily);
            rows.push(amount_row(&r.label, &annual, &r.reduction.daily));
        }
        rows.push(amount_row("合计", &annual_total, &daily_total));
        PlanBlock::Table(PlanTable {
            columns,
            rows,
            small: true,
        })
    }

    pub(super) fn fleet_part(&self, f: &Fleet) -> Vec<PlanBlock> {
        let trips = f
            .daily_trips
            .map(|t| format!("{}辆次", fmt(t, 0)))
            .unwrap_or_else(|| "未填写".to_string());
        let r = source_reduction(&f.source);
        let v = &f.vehicles;
        let count = |c: Option<u32>| c.map_or("—".to_string(), |n| n.to_string());
        let rows = vec![
            vec![
                "日均进出车辆".to_string(),
                "国三及以下".to_string(),
                "国四".to_string(),
                "国五".to_string(),
                "国六".to_string(),
                "新能源".to_string(),
            ],
            vec![
                trips.clone(),
                count(v.guo3_or_older),
                count(v.guo4),
                count(v.guo5),
                count(v.guo6),
                count(v.new_energy),
            ],
        ];
        let widths = [
            WIDTH / 6,
            WIDTH / 6,
            WIDTH / 6,
            WIDTH / 6,
            WIDTH / 6,
            WIDTH - 5 * (WIDTH / 6),
        ];
        vec![
            PlanBlock::text(format!(
                "本企业列入移动源清单（用车大户），日均进出车辆{trips}，运输车辆按排放阶段统计如下（辆）：",
            )),
            PlanBlock::grid(&widths, rows, false),
            PlanBlock::text(format!(
                "运输车辆日排放量：氮氧化物{} t/d，颗粒物{} t/d。",
                fmt(r.daily.nox, 4),
                fmt(r.daily.pm, 4)
            )),
        ]
    }
}

/// Annual emissions as given; a blank pollutant is daily × days so the table has no gaps.
fn annual_of(source: &Source, r: &SourceReduction) -> Amounts {
    let days = source
        .days
        .filter(|d| *d > 0.0 && *d <= 366.0)
        .unwrap_or(DEFAULT_DAYS);
    Amounts::from_fn(|p| source.annual.get(p).unwrap_or(r.daily.get(p) * days))
}

fn amount_row(label: &str, annual: &Amounts, daily: &Amounts) -> Vec<String> {
    let mut row = vec![label.to_string()];
    row.extend(Pollutant::ALL.map(|p| fmt(*annual.get(p), 3)));
    row.extend(Pollutant::ALL.map(|p| fmt(*daily.get(p), 4)));
    row
}
