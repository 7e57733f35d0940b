//! Chapter 应急响应程序: what happens between the warning notice and the report back — who
//! receives it, who acts, the order in which lines stop (with each step's preparation time and
//! owner), waste-gas treatment kept running at least 3 hours after a stop, the records kept,
//! and how the enterprise reports. A reviewer checks that each step names a person.

use crate::docs::content;
use crate::docs::fill::Filler;
use crate::model::Level;

use super::{effective_level, Plan, PlanBlock};

/// The records (台账) kept during a warning, as Jiyuan and Liaocheng list them.
pub(super) const LEDGERS: [&str; 6] = [
    "生产设施启停时间及运行记录",
    "污染治理设施运行记录（含停产后继续运行时间）",
    "用电量（总表及生产线分表）",
    "原辅材料用量及燃料用量",
    "产品产量及出入库记录",
    "运输车辆进出台账（车牌号、排放阶段、进出时间）",
];

impl Plan<'_> {
    pub(super) fn response(&self, fill: &mut Filler) -> Vec<PlanBlock> {
        let e = self.e;
        let place = &self.place;
        let responsible = fill.contact(&e.responsible, "应急减排责任人", place);
        let legal = fill.contact(&e.legal, "企业法定代表人", place);
        let supervisor = fill.contact(&e.supervisor, "监督人", place);
        let mut d = vec![
            PlanBlock::sub("（一）接收预警"),
            PlanBlock::text(format!(
                "应急减排责任人（{responsible}）负责接收县（市、区）重污染天气应急指挥部办公室及属地乡镇（街道）发布的预警信息（电话、短信或工作群），接到通知后立即报告企业法定代表人（{legal}），并通知各工序责任人和监督人（{supervisor}）。"
            )),
            PlanBlock::sub("（二）启动响应与停限产顺序"),
            PlanBlock::text(
                "各工序责任人在预警信息规定的响应时间前完成以下措施，准备时间自接到通知起计算。各级预警按下列顺序执行：",
            ),
        ];
        if e.shut_down {
            d.push(PlanBlock::text(
                "本企业长期停产，预警期间保持停产状态，不得擅自恢复生产。",
            ));
        } else {
            for level in Level::ALL {
                let mut steps = Vec::new();
                for r in &self.rows {
                    let Some(shown) = content::shown_measure(r.source, level) else {
                        continue;
                    };
                    let (_, m) = effective_level(r.source, level);
                    let prep = m.prep_time.trim();
                    let owner = if m.owner.is_empty() {
                        String::new()
                    } else {
                        format!("，责任人{}", m.owner.name.trim())
                    };
                    let prep = if prep.is_empty() {
                        String::new()
                    } else {
                        format!("，准备时间{prep}")
                    };
                    steps.push(format!("{}：{}{prep}{owner}", r.label, shown.text));
                }
                let text = if steps.is_empty() {
                    "无".to_string()
                } else {
                    steps
                        .iter()
                        .enumerate()
                        .map(|(i, s)| format!("{}. {s}", i + 1))
                        .collect::<Vec<_>>()
                        .join("；")
                };
                d.push(PlanBlock::text(format!("{}：{text}。", level.name_zh())));
            }
        }
        d.extend([
            PlanBlock::sub("（三）污染治理设施"),
            PlanBlock::text(
                "生产工序停止后，配套废气污染治理设施继续运行不少于3小时，待污染物排放稳定后方可停运；限产期间治理设施保持正常运行，不得停运或减少治理药剂用量。",
            ),
            PlanBlock::sub("（四）台账记录"),
            PlanBlock::text("预警期间如实记录以下台账，保存不少于一年，供检查核实："),
        ]);
        for (i, l) in LEDGERS.iter().enumerate() {
            d.push(PlanBlock::text(format!("{}. {l}；", i + 1)));
        }
        d.extend([
            PlanBlock::sub("（五）报告"),
            PlanBlock::text(
                "各项措施落实后，应急减排责任人向属地乡镇（街道）和县（市、区）生态环境部门报告落实情况；预警期间接受检查并如实提供台账；预警解除后方可按正常生产组织恢复，恢复情况同时报告。",
            ),
        ]);
        d
    }
}
