//! The list-wide settings as one value: what the 总览 edits and undoes together, and what
//! the store saves in one transaction.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Baseline, Level, List, PerLevel};

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

/// Whether a list's targets and SO2/NOx trade switch were stated (written in the workbook's
/// 总表) or are the defaults the importer filled in. An import that merges into a stored
/// list takes stated values and keeps the stored ones where the file was silent — even
/// when the file states exactly the defaults (10/20/30 %, trade on).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Stated {
    /// The three targets were written in the file.
    pub targets: bool,
    /// The trade switch was written in the file.
    pub trade: bool,
}

impl Stated {
    /// For a list that does not say (one built in code): a value is taken as stated where
    /// it differs from the default, since a default says nothing.
    pub fn guessed_from(list: &List) -> Stated {
        Stated {
            targets: list.targets != default_targets(),
            trade: list.so2_nox_trade != DEFAULT_TRADE,
        }
    }
}

/// The SO2/NOx trade is on unless an area switches it off.
pub const DEFAULT_TRADE: bool = true;

/// 10 / 20 / 30 % for yellow, orange and red: the one place the default targets are defined.
pub fn default_targets() -> PerLevel<f64> {
    PerLevel::from_fn(Level::default_target)
}
