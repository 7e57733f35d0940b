//! Chapter 监测与核查: how each level's measure is verified.

use crate::model::Level;
use crate::reduce::measure_text::{read_measure, MeasureKind};

use super::{Plan, PlanBlock, Row};
use crate::docs::content::{self, percent};
use crate::docs::fill::{Filler, PLACEHOLDER};

impl Plan<'_> {
    pub(super) fn verification(&self) -> Vec<PlanBlock> {
        let mut d = vec![PlanBlock::text(
            "预警期间企业如实记录生产设施、污染治理设施运行情况及用电量、原辅材料用量、产品产量和运输车辆进出台账，台账保存不少于一年。生产工序停止后，配套污染治理设施继续运行不少于3小时。各项措施按以下方式核查：",
        )];
        let mut n = 0;
        for r in &self.rows {
            // Levels with the same words are verified the same way: one item for them all.
            let mut items: Vec<(Vec<Level>, String)> = Vec::new();
            for level in Level::ALL {
                if let Some(text) = self.verify_text(r, level) {
                    match items.iter_mut().find(|(_, t)| *t == text) {
                        Some((levels, _)) => levels.push(level),
                        None => items.push((vec![level], text)),
                    }
                }
            }
            for (levels, text) in items {
                n += 1;
                let names: Vec<&str> = levels.iter().map(|l| l.name_zh()).collect();
                d.push(PlanBlock::text(format!(
                    "{n}. {}·{}{text}",
                    names.join("、"),
                    r.label
                )));
            }
        }
        if n == 0 {
            d.push(PlanBlock::text(format!(
                "本企业尚无可核查的减排措施{PLACEHOLDER}。"
            )));
        }
        d
    }

    /// How one level's measure of one row is verified, from its kind, the key indicator and
    /// whether the enterprise has CEMS, as "（措施）：核查…". Inherited levels are verified as
    /// the lower level and give `None`.
    pub(super) fn verify_text(&self, r: &Row<'_>, level: Level) -> Option<String> {
        if *r.reduction.inherited.get(level) {
            return None;
        }
        let m = r.source.measures.get(level);
        if m.is_blank() {
            return None;
        }
        let share = *r.reduction.shares.get(level);
        let text = content::measure_cell(r.source, level, &self.place, &mut Filler::default());
        let head = format!("（{text}）");
        let ki = self.indicator_of(r.source, &m.key_indicator);
        let ki = ki.as_str();
        let is_transport = self
            .fleet
            .is_some_and(|f| std::ptr::eq(r.source, &f.source));
        if is_transport {
            return Some(format!(
                "{head}：核查门禁及视频监控系统的车辆进出台账（车牌号、排放阶段、进出时间）{}，预警期间不得有不符合要求的车辆进出。",
                indicator_clause(ki)
            ));
        }
        let kind = read_measure(&m.text).kind;
        let cems = self.line_has_cems(r.source);
        let body = if share >= 0.999 || kind == MeasureKind::Stop {
            format!(
                "该生产线（工序）停产。核查{}：停产期间用电量应降至仅维持保温、照明等辅助用电的水平，主要生产设备电流为零，生产记录和出入库台账无产品产出{}。",
                if ki.is_empty() { "该生产线分表用电量".to_string() } else { ki.to_string() },
                if cems { "；在线监测（CEMS）数据显示该排放口烟气流量降至停运水平" } else { "" }
            )
        } else if share > 0.0 {
            let keep = percent(1.0 - share);
            let cut = percent(share);
            let monitor = if cems {
                format!(
                    "以在线监测（CEMS）数据核算，预警期间污染物日排放量较预警前下降不低于{cut}；"
                )
            } else {
                String::new()
            };
            let ki_text = if ki.is_empty() {
                "用电量、原料投加量或产品产量".to_string()
            } else {
                ki.to_string()
            };
            let mut s = format!(
                "{monitor}以{ki_text}核算生产负荷，应不高于正常生产水平的{keep}；保存DCS（分散控制系统）运行记录备查。"
            );
            if !cems && treatment_measure(&m.text) {
                s.push_str("本企业未安装CEMS：以强化治理、降低负荷方式减排的，应安装在线监测设施并保存一年以上DCS数据，否则应改为停产或限产措施。");
            }
            s
        } else if m.text.contains("轮流") {
            format!(
                "轮流停产：按不超过3个批次安排，每批停产的生产线在批次计划中列明；核查当批停产生产线的{}。",
                if ki.is_empty() { "用电量" } else { ki }
            )
        } else {
            format!(
                "不涉及停产、限产，核查{}。",
                if ki.is_empty() {
                    "企业生产台账和治污设施运行记录"
                } else {
                    ki
                }
            )
        };
        Some(format!("{head}：{body}"))
    }
}

/// True for measures that cut by better treatment or lower load rather than stopping.
pub(super) fn treatment_measure(text: &str) -> bool {
    ["治理", "提标", "强化", "超低", "提效", "降低负荷", "降负荷"]
        .iter()
        .any(|w| text.contains(w))
}

fn indicator_clause(ki: &str) -> String {
    if ki.is_empty() {
        String::new()
    } else {
        format!("及{ki}")
    }
}
