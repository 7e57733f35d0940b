//! Pollutants and warning levels: the two axes of every number in the list.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One of the four pollutants whose whole-society emissions must fall (`docs/method.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Pollutant {
    /// 二氧化硫
    So2,
    /// 氮氧化物
    Nox,
    /// 颗粒物 (as the list states it)
    Pm,
    /// 挥发性有机物
    Vocs,
}

impl Pollutant {
    /// All four, in the order every table of the list uses.
    pub const ALL: [Pollutant; 4] = [
        Pollutant::So2,
        Pollutant::Nox,
        Pollutant::Pm,
        Pollutant::Vocs,
    ];

    /// The Chinese name used in canonical column headers (二氧化硫, 氮氧化物, 颗粒物, 挥发性有机物).
    pub fn name_zh(self) -> &'static str {
        match self {
            Pollutant::So2 => "二氧化硫",
            Pollutant::Nox => "氮氧化物",
            Pollutant::Pm => "颗粒物",
            Pollutant::Vocs => "挥发性有机物",
        }
    }

    /// The short symbol (SO2, NOx, PM, VOCs) used in tables and charts.
    pub fn symbol(self) -> &'static str {
        match self {
            Pollutant::So2 => "SO2",
            Pollutant::Nox => "NOx",
            Pollutant::Pm => "PM",
            Pollutant::Vocs => "VOCs",
        }
    }

    /// The JSON key (`so2`, `nox`, `pm`, `vocs`) of `docs/cli.md`.
    pub fn key(self) -> &'static str {
        match self {
            Pollutant::So2 => "so2",
            Pollutant::Nox => "nox",
            Pollutant::Pm => "pm",
            Pollutant::Vocs => "vocs",
        }
    }
}

/// A value for each pollutant; serialises as `{"so2":…, "nox":…, "pm":…, "vocs":…}`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PerPollutant<T> {
    /// 二氧化硫
    pub so2: T,
    /// 氮氧化物
    pub nox: T,
    /// 颗粒物
    pub pm: T,
    /// 挥发性有机物
    pub vocs: T,
}

/// Amounts of the four pollutants (t/a or t/d as the field says).
pub type Amounts = PerPollutant<f64>;

impl<T> PerPollutant<T> {
    /// Builds one from a function of the pollutant.
    pub fn from_fn(mut f: impl FnMut(Pollutant) -> T) -> Self {
        PerPollutant {
            so2: f(Pollutant::So2),
            nox: f(Pollutant::Nox),
            pm: f(Pollutant::Pm),
            vocs: f(Pollutant::Vocs),
        }
    }

    /// The value for `p`.
    pub fn get(&self, p: Pollutant) -> &T {
        match p {
            Pollutant::So2 => &self.so2,
            Pollutant::Nox => &self.nox,
            Pollutant::Pm => &self.pm,
            Pollutant::Vocs => &self.vocs,
        }
    }

    /// The value for `p`, mutably.
    pub fn get_mut(&mut self, p: Pollutant) -> &mut T {
        match p {
            Pollutant::So2 => &mut self.so2,
            Pollutant::Nox => &mut self.nox,
            Pollutant::Pm => &mut self.pm,
            Pollutant::Vocs => &mut self.vocs,
        }
    }

    /// Applies `f` to every value.
    pub fn map<U>(&self, mut f: impl FnMut(Pollutant, &T) -> U) -> PerPollutant<U> {
        PerPollutant::from_fn(|p| f(p, self.get(p)))
    }
}

impl Amounts {
    /// All four zero.
    pub const ZERO: Amounts = PerPollutant {
        so2: 0.0,
        nox: 0.0,
        pm: 0.0,
        vocs: 0.0,
    };

    /// Adds `other` pollutant by pollutant.
    pub fn add(&mut self, other: &Amounts) {
        for p in Pollutant::ALL {
            *self.get_mut(p) += other.get(p);
        }
    }

    /// Multiplies every pollutant by `k`.
    pub fn scaled(&self, k: f64) -> Amounts {
        self.map(|_, v| v * k)
    }

    /// The sum of the four pollutants.
    pub fn total(&self) -> f64 {
        self.so2 + self.nox + self.pm + self.vocs
    }
}

/// A warning level (预警级别). Levels are cumulative: each adds to the one below.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Level {
    /// 黄色预警, Ⅲ级响应
    Yellow,
    /// 橙色预警, Ⅱ级响应
    Orange,
    /// 红色预警, Ⅰ级响应
    Red,
}

impl Level {
    /// Yellow, orange, red: the order of `check --json`'s `levels`.
    pub const ALL: [Level; 3] = [Level::Yellow, Level::Orange, Level::Red];

    /// 黄色预警 / 橙色预警 / 红色预警: the group header of the canonical workbook.
    pub fn name_zh(self) -> &'static str {
        match self {
            Level::Yellow => "黄色预警",
            Level::Orange => "橙色预警",
            Level::Red => "红色预警",
        }
    }

    /// The JSON word (`yellow`, `orange`, `red`).
    pub fn key(self) -> &'static str {
        match self {
            Level::Yellow => "yellow",
            Level::Orange => "orange",
            Level::Red => "red",
        }
    }

    /// The next-lower level, whose reductions a blank level inherits.
    pub fn lower(self) -> Option<Level> {
        match self {
            Level::Yellow => None,
            Level::Orange => Some(Level::Yellow),
            Level::Red => Some(Level::Orange),
        }
    }

    /// The default whole-society target: 10 / 20 / 30 %.
    pub fn default_target(self) -> f64 {
        match self {
            Level::Yellow => 0.10,
            Level::Orange => 0.20,
            Level::Red => 0.30,
        }
    }
}

/// A value for each warning level.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PerLevel<T> {
    /// 黄色预警
    pub yellow: T,
    /// 橙色预警
    pub orange: T,
    /// 红色预警
    pub red: T,
}

impl<T> PerLevel<T> {
    /// Builds one from a function of the level.
    pub fn from_fn(mut f: impl FnMut(Level) -> T) -> Self {
        PerLevel {
            yellow: f(Level::Yellow),
            orange: f(Level::Orange),
            red: f(Level::Red),
        }
    }

    /// The value for `l`.
    pub fn get(&self, l: Level) -> &T {
        match l {
            Level::Yellow => &self.yellow,
            Level::Orange => &self.orange,
            Level::Red => &self.red,
        }
    }

    /// The value for `l`, mutably.
    pub fn get_mut(&mut self, l: Level) -> &mut T {
        match l {
            Level::Yellow => &mut self.yellow,
            Level::Orange => &mut self.orange,
            Level::Red => &mut self.red,
        }
    }
}
