//! The list-wide settings as one value: what the 总览 edits and undoes together, and what
//! the store saves in one transaction.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Baseline, List, PerLevel};

/// Area, year, whole-society emissions, targets and the SO2/NOx trade of a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Settings {
    /// 地区 / 区县.
    pub area: String,
    /// 年度.
    pub year: Option<i32>,
    /// Whole-society emissions; `None` until the inventory's figures are entered.
    pub baseline: Option<Baseline>,
    /// Targets per level as fractions.
    pub targets: PerLevel<f64>,
    /// The SO2/NOx trade.
    pub so2_nox_trade: bool,
}

impl Settings {
    /// The settings of `list`.
    pub fn of(list: &List) -> Settings {
        Settings {
            area: list.area.clone(),
            year: list.year,
            baseline: list.baseline,
            targets: list.targets,
            so2_nox_trade: list.so2_nox_trade,
        }
    }

    /// Puts these settings into `list`.
    pub fn apply_to(&self, list: &mut List) {
        list.area = self.area.clone();
        list.year = self.year;
        list.baseline = self.baseline;
        list.targets = self.targets;
        list.so2_nox_trade = self.so2_nox_trade;
    }
}
