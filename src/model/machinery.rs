//! Non-road mobile machinery (非道路移动机械): excavators, loaders, forklifts … used on
//! construction sites and in plants. The sheet carries no emissions: it is checked (which
//! stages may work at which level), never summed into the reductions.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Origin, PerLevel};

/// The emission stage of a machine (GB 20891: 第一 … 第四阶段, written 国一 … 国四).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS,
)]
#[ts(export)]
pub enum NonroadStage {
    /// The cell was blank or said 未知: nothing can be concluded from the stage.
    #[default]
    #[serde(rename = "未知")]
    Unknown,
    /// 国一 (第一阶段).
    #[serde(rename = "国一")]
    Guo1,
    /// 国二 (第二阶段).
    #[serde(rename = "国二")]
    Guo2,
    /// 国三 (第三阶段).
    #[serde(rename = "国三")]
    Guo3,
    /// 国四 (第四阶段).
    #[serde(rename = "国四")]
    Guo4,
    /// 新能源 (electric and other machines without a combustion engine).
    #[serde(rename = "新能源")]
    NewEnergy,
}

impl NonroadStage {
    /// Every stage, unknown first, then oldest to cleanest.
    pub const ALL: [NonroadStage; 6] = [
        NonroadStage::Unknown,
        NonroadStage::Guo1,
        NonroadStage::Guo2,
        NonroadStage::Guo3,
        NonroadStage::Guo4,
        NonroadStage::NewEnergy,
    ];

    /// The stage as the list writes it (国一 …); empty for an unknown stage, so that a blank
    /// cell is written back blank.
    pub fn name_zh(self) -> &'static str {
        match self {
            NonroadStage::Unknown => "",
            NonroadStage::Guo1 => "国一",
            NonroadStage::Guo2 => "国二",
            NonroadStage::Guo3 => "国三",
            NonroadStage::Guo4 => "国四",
            NonroadStage::NewEnergy => "新能源",
        }
    }

    /// Reads a stage cell: 国一 … 国四, 第一阶段 … 第四阶段, 国Ⅱ / 国II / 国2, 新能源 / 电动;
    /// blank, 未知 or 不详 is [`NonroadStage::Unknown`]. `None` for anything else, which the
    /// importer reports as an error naming the value.
    pub fn parse(text: &str) -> Option<NonroadStage> {
        let t: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_uppercase();
        match t.as_str() {
            "" | "未知" | "不详" => return Some(NonroadStage::Unknown),
            "新能源" | "电动" | "纯电动" | "新能源(电动)" | "新能源（电动）" => {
                return Some(NonroadStage::NewEnergy)
            }
            _ => {}
        }
        let number = t
            .strip_prefix('国')
            .or_else(|| t.strip_prefix('第').and_then(|r| r.strip_suffix("阶段")))
            .or_else(|| t.strip_suffix("阶段"))?;
        let number = number.trim_end_matches("阶段");
        match number {
            "一" | "1" | "I" | "Ⅰ" => Some(NonroadStage::Guo1),
            "二" | "2" | "II" | "Ⅱ" => Some(NonroadStage::Guo2),
            "三" | "3" | "III" | "Ⅲ" => Some(NonroadStage::Guo3),
            "四" | "4" | "IV" | "Ⅳ" => Some(NonroadStage::Guo4),
            _ => None,
        }
    }
}

/// A row of the 非道路移动机械 sheet: machines of one kind and stage used by one unit.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Machinery {
    /// Store row id; 0 until stored.
    #[ts(type = "number")]
    pub id: i64,
    /// 所属区县.
    pub county: String,
    /// 使用单位: an enterprise's name or a site's 项目名称, as written.
    pub user: String,
    /// 机械类型 (挖掘机, 装载机, 叉车 …).
    pub kind: String,
    /// 排放阶段.
    pub stage: NonroadStage,
    /// 数量 (台); `None` where blank.
    pub count: Option<u32>,
    /// 燃料 (柴油, 电 …), as written.
    pub fuel: String,
    /// 管控措施 text per level.
    pub measures: PerLevel<String>,
    /// Where the row came from.
    pub origin: Option<Origin>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_written_form_of_a_stage() {
        use NonroadStage::*;
        for (text, stage) in [
            ("国一", Guo1),
            ("第二阶段", Guo2),
            ("国Ⅲ", Guo3),
            ("国III", Guo3),
            ("国 4", Guo4),
            ("国iv", Guo4),
            ("新能源", NewEnergy),
            ("电动", NewEnergy),
            ("", Unknown),
            ("未知", Unknown),
        ] {
            assert_eq!(NonroadStage::parse(text), Some(stage), "{text}");
        }
        assert_eq!(NonroadStage::parse("国五"), None);
        assert_eq!(NonroadStage::parse("柴油"), None);
    }

    #[test]
    fn written_names_read_back() {
        for stage in NonroadStage::ALL {
            assert_eq!(NonroadStage::parse(stage.name_zh()), Some(stage));
        }
    }
}
