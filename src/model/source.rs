//! Sources: the rows of the list that emit and can reduce (a production line, process step or
//! facility of an enterprise; a construction site; a fleet's transport).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Contact, Origin, PerLevel, PerPollutant};

/// One emitting row and its measures under the three warning levels.
///
/// Emissions are kept as the list gave them (annual and/or daily, per pollutant, `None` where
/// the cell was blank), already converted to tonnes, so that export writes back exactly what
/// was read; `reduce` derives the daily figures by `reduction-method.md`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Source {
    /// Store row id; 0 for a source not yet stored.
    #[ts(type = "number")]
    pub id: i64,
    /// 生产线名称 (生产线 / 工序 / 生产环节 / 生产设施).
    pub name: String,
    /// 主要产品.
    pub product: String,
    /// 设计产能, as written (e.g. "年产10万吨").
    pub capacity: String,
    /// 年生产天数 / 年运行天数 / 年施工天数.
    pub days: Option<f64>,
    /// 排放口编号 (e.g. DA001): the plan's 排污节点; a line with an outlet is one where
    /// continuous monitoring (CEMS) can apply.
    pub outlet: String,
    /// 治理设施 (污染治理设施, 治理工艺), as written, for the plan.
    pub treatment: String,
    /// 执行标准 (排放标准), as written, for the plan.
    pub standard: String,
    /// Annual emissions in t/a.
    pub annual: PerPollutant<Option<f64>>,
    /// Daily emissions in t/d.
    pub daily: PerPollutant<Option<f64>>,
    /// What the source does under each warning level.
    pub measures: PerLevel<Measure>,
    /// Where the row came from, for messages.
    pub origin: Option<Origin>,
}

/// A source's measure under one warning level (减排措施 and its companions).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Measure {
    /// 减排措施, as written.
    pub text: String,
    /// 减排比例 / 限产比例 as a fraction (0.3 for 30 %); `None` where blank.
    pub share: Option<f64>,
    /// Explicit daily reduction amounts in t/d (减排量); `None` where blank.
    pub amounts: PerPollutant<Option<f64>>,
    /// 关键性指标: what proves the measure (gas use, electricity use, …).
    pub key_indicator: String,
    /// 应急准备时间, as written.
    pub prep_time: String,
    /// 工序责任人 and phone.
    pub owner: Contact,
    /// 排放浓度限值 in mg/m³ at this level, for lines that cut by treatment or load: what
    /// the outlet's monitoring must stay under. It reduces nothing by itself.
    pub concentration_limit: Option<f64>,
}

impl Measure {
    /// True when the level gives nothing at all (no amount, no share, no text): it then
    /// inherits the next-lower level's reductions.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
            && self.share.is_none()
            && self.amounts.so2.is_none()
            && self.amounts.nox.is_none()
            && self.amounts.pm.is_none()
            && self.amounts.vocs.is_none()
    }
}
