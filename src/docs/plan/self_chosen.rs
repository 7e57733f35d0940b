//! Chapter 自主减排, for grades that choose their own measures (A+, A, 引领性): a table of
//! "自主减排 / 0 %" says nothing to a reviewer, so the chapter spells out what the enterprise
//! still does during a warning.

use super::{Plan, PlanBlock};

impl Plan<'_> {
    /// True when the enterprise's grade lets it choose its own measures.
    pub(super) fn self_chosen(&self) -> bool {
        !self.e.shut_down && self.e.grade.is_some_and(|g| g.is_self_chosen())
    }

    pub(super) fn self_chosen_chapter(&self) -> Vec<PlanBlock> {
        let grade = self.e.grade.map(|g| g.label()).unwrap_or_default();
        let mut d = vec![PlanBlock::text(format!(
            "本企业绩效等级为{grade}级，按规定在重污染天气预警期间自主采取减排措施，不强制停产、限产。自主减排不等于不减排，预警期间本企业仍做到："
        ))];
        for (i, item) in [
            "各生产线按“分级减排措施”所列措施执行；列为“自主减排”的生产线保持污染治理设施高效稳定运行，污染物排放浓度稳定达到绩效等级对应的排放限值；",
            "不开展检修、开停炉等非正常工况作业（生产安全必需的除外），确需开展的提前报告属地生态环境部门；",
            "运输按“运输管控”执行，使用国五及以上排放标准或新能源重型载货车辆，厂内非道路移动机械使用国三及以上排放标准或新能源机械；",
            "按“应急响应程序”记录台账，保持在线监测、视频监控和门禁系统正常运行，接受检查；",
            "绩效等级发生变化的，按变化后的等级执行相应减排措施，并及时修订本方案。",
        ]
        .iter()
        .enumerate()
        {
            d.push(PlanBlock::text(format!("{}. {item}", i + 1)));
        }
        d
    }
}
