//! Chapter 运输管控: what the enterprise's trucks and machinery do at each level, for every
//! enterprise — its fleet row where the 移动源 sheet has one, else what its grade requires
//! (a D grade stops road transport except new-energy vehicles from orange on; every other
//! enterprise is under the 国四 ban from orange on), so a plant without a fleet row still says
//! its trucks stop.

use crate::docs::content::{self, D_GRADE_TRANSPORT};
use crate::docs::fill::Filler;
use crate::model::{Grade, Level};

use super::{fmt, Plan, PlanBlock, WIDTH};

/// Non-road machinery rule from orange on (Liaocheng, Jiyuan).
const NONROAD_RULE: &str =
    "橙色及以上预警期间，厂内停止使用国二及以下排放标准非道路移动机械（清洁能源和紧急检修作业机械除外）。";

impl Plan<'_> {
    pub(super) fn transport(&self, fill: &mut Filler) -> Vec<PlanBlock> {
        let e = self.e;
        if e.shut_down {
            return vec![PlanBlock::text("本企业长期停产，预警期间无生产性运输。")];
        }
        let intro = match self.fleet {
            Some(f) => format!(
                "本企业列入移动源清单（用车大户），日均进出车辆{}。各级预警运输管控措施如下：",
                f.daily_trips
                    .map_or("未填写".to_string(), |t| format!("{}辆次", fmt(t, 0)))
            ),
            None if e.grade == Some(Grade::D) => format!(
                "本企业未列入移动源清单。本企业绩效等级为D级，橙色及以上预警期间{D_GRADE_TRANSPORT}。各级预警运输管控措施如下："
            ),
            None => "本企业未列入移动源清单（日均进出重型载货车辆不足10辆次）。各级预警运输管控措施如下：".to_string(),
        };
        let mut rows = vec![vec![
            "预警级别".to_string(),
            "运输管控措施".to_string(),
            "核查方式".to_string(),
        ]];
        for level in Level::ALL {
            let measure = content::transport_measure(e.grade, e.shut_down, self.fleet, level)
                .unwrap_or_else(|| {
                    if self.fleet.is_some() {
                        fill.text(
                            "",
                            &format!("{}运输管控措施", level.name_zh()),
                            &format!("{} / 运输车辆", self.place),
                        )
                    } else {
                        "无强制性运输管控要求，大宗物料运输合理安排错峰".to_string()
                    }
                });
            rows.push(vec![
                level.name_zh().to_string(),
                measure,
                "门禁及视频监控系统车辆进出台账（车牌号、排放阶段、进出时间）".to_string(),
            ]);
        }
        let widths = [WIDTH / 6, WIDTH / 2, WIDTH - WIDTH / 6 - WIDTH / 2];
        vec![
            PlanBlock::text(intro),
            PlanBlock::grid(&widths, rows, false),
            PlanBlock::text(NONROAD_RULE),
        ]
    }
}
