//! The list as a whole: area settings, the whole-society baseline and the four source sheets.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Amounts, Contact, Enterprise, Machinery, Origin, PerLevel, Source};

/// The county's (or city's) emission-reduction list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct List {
    /// The area's name (地区 / 区县), e.g. 示例县.
    pub area: String,
    /// 年度 of the list.
    pub year: Option<i32>,
    /// Whole-society emissions (全社会排放量); without it no ratio exists.
    pub baseline: Option<Baseline>,
    /// Whole-society emissions of each county that has its own (a city's summary with one
    /// row or table per county): each such county gets its own ratios and pass or fail.
    pub county_baselines: Vec<CountyBaseline>,
    /// Target reduction ratio per level as a fraction (0.10 / 0.20 / 0.30 by default).
    pub targets: PerLevel<f64>,
    /// Whether SO2 and NOx may be traded against each other (on by default).
    pub so2_nox_trade: bool,
    /// 工业源清单.
    pub enterprises: Vec<Enterprise>,
    /// 扬尘源清单.
    pub sites: Vec<Site>,
    /// 移动源清单.
    pub fleets: Vec<Fleet>,
    /// 协同供暖企业清单: heating facts of enterprises also on the industrial sheet.
    pub heating: Vec<Heating>,
    /// 非道路移动机械清单: machinery used on sites and in plants; checked, never summed.
    pub machinery: Vec<Machinery>,
}

impl Default for List {
    fn default() -> Self {
        List {
            area: String::new(),
            year: None,
            baseline: None,
            county_baselines: Vec::new(),
            targets: super::default_targets(),
            so2_nox_trade: super::DEFAULT_TRADE,
            enterprises: Vec::new(),
            sites: Vec::new(),
            fleets: Vec::new(),
            heating: Vec::new(),
            machinery: Vec::new(),
        }
    }
}

impl List {
    /// The same list without store ids and origins: what two lists must agree on to hold the
    /// same data, whichever store or sheet row each record came from (round trips, imports).
    pub fn without_provenance(mut self) -> List {
        fn source(s: &mut Source) {
            s.id = 0;
            s.origin = None;
        }
        for e in &mut self.enterprises {
            (e.id, e.origin) = (0, None);
            e.sources.iter_mut().for_each(source);
        }
        for s in &mut self.sites {
            (s.id, s.origin) = (0, None);
            source(&mut s.source);
        }
        for f in &mut self.fleets {
            (f.id, f.origin) = (0, None);
            source(&mut f.source);
        }
        for h in &mut self.heating {
            (h.id, h.origin) = (0, None);
        }
        for m in &mut self.machinery {
            (m.id, m.origin) = (0, None);
        }
        self
    }
}

/// The unit the whole-society emissions were given in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum BaselineUnit {
    /// t/a: divided by 365 for the daily figure.
    #[serde(rename = "t/a")]
    PerYear,
    /// t/d.
    #[serde(rename = "t/d")]
    PerDay,
}

/// Whole-society emissions of the area, as given.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Baseline {
    /// The four amounts in `unit`.
    pub amounts: Amounts,
    /// t/a or t/d.
    pub unit: BaselineUnit,
}

impl Baseline {
    /// Daily whole-society emissions `B_p` in t/d (annual figures over 365 days).
    pub fn daily(&self) -> Amounts {
        match self.unit {
            BaselineUnit::PerYear => self.amounts.scaled(1.0 / 365.0),
            BaselineUnit::PerDay => self.amounts,
        }
    }
}

/// The whole-society emissions of one county of the area.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CountyBaseline {
    /// 所属区县, as the records name it (matched after trimming).
    pub county: String,
    /// Its whole-society emissions.
    pub baseline: Baseline,
}

impl List {
    /// The list with every store id set to 0: what a history snapshot holds (a restore
    /// assigns ids afresh), and how a stored list compares with the file it was read from.
    pub fn without_ids(mut self) -> List {
        for e in &mut self.enterprises {
            e.id = 0;
            e.sources.iter_mut().for_each(|s| s.id = 0);
        }
        for s in &mut self.sites {
            s.id = 0;
            s.source.id = 0;
        }
        for f in &mut self.fleets {
            f.id = 0;
            f.source.id = 0;
        }
        self.heating.iter_mut().for_each(|h| h.id = 0);
        self.machinery.iter_mut().for_each(|m| m.id = 0);
        self
    }

    /// The daily whole-society emissions of `county`, where it has its own.
    pub fn county_baseline(&self, county: &str) -> Option<Amounts> {
        let county = county.trim();
        self.county_baselines
            .iter()
            .find(|c| c.county.trim() == county)
            .map(|c| c.baseline.daily())
    }
}

/// A dust source of the 扬尘源 sheet: a construction site, mine, sand-and-gravel yard …
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Site {
    /// Store row id; 0 until stored.
    #[ts(type = "number")]
    pub id: i64,
    /// 所属区县.
    pub county: String,
    /// 项目名称.
    pub name: String,
    /// 项目类型 (房屋建筑, 市政, 矿山 …).
    pub kind: String,
    /// 项目地址.
    pub address: String,
    /// 建设单位.
    pub builder: String,
    /// 施工单位.
    pub contractor: String,
    /// 项目负责人 and phone.
    pub manager: Contact,
    /// 应急减排责任人 and phone.
    pub responsible: Contact,
    /// 重点工程批准文号: the approval of a 重点工程 / 民生工程 allowed to keep working during
    /// an episode; empty for an ordinary site.
    pub approval: String,
    /// Its emissions (PM, with 年施工天数) and measures.
    pub source: Source,
    /// Where the row came from.
    pub origin: Option<Origin>,
}

/// Vehicle counts by emission stage (国三及以下 … 新能源).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct VehicleCounts {
    /// 国三及以下.
    pub guo3_or_older: Option<u32>,
    /// 国四.
    pub guo4: Option<u32>,
    /// 国五.
    pub guo5: Option<u32>,
    /// 国六.
    pub guo6: Option<u32>,
    /// 新能源.
    pub new_energy: Option<u32>,
}

/// A heavy-vehicle user of the 移动源 sheet (用车大户) and its transport.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Fleet {
    /// Store row id; 0 until stored.
    #[ts(type = "number")]
    pub id: i64,
    /// 所属区县.
    pub county: String,
    /// 企业名称.
    pub name: String,
    /// 统一社会信用代码 (normalised; empty where none).
    pub code: String,
    /// 日均进出车辆 (辆次).
    pub daily_trips: Option<f64>,
    /// Vehicles by emission stage.
    pub vehicles: VehicleCounts,
    /// Transport emissions (NOx, PM) and measures.
    pub source: Source,
    /// Where the row came from.
    pub origin: Option<Origin>,
}

impl Fleet {
    /// Matched and counted by the credit code, else the name.
    pub fn key(&self) -> String {
        if self.code.is_empty() {
            self.name.clone()
        } else {
            self.code.clone()
        }
    }
}

/// A row of the 协同供暖企业清单: heating facts of an enterprise (以热定产); no emissions of its
/// own, so nothing is counted twice.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Heating {
    /// Store row id; 0 until stored.
    #[ts(type = "number")]
    pub id: i64,
    /// 企业名称.
    pub name: String,
    /// 统一社会信用代码 (normalised; empty where none).
    pub code: String,
    /// 供暖面积 in 万平方米.
    pub area_10k_m2: Option<f64>,
    /// 核定最大生产负荷 as a fraction (0.7 for 70 %).
    pub max_load: Option<f64>,
    /// 减排措施 text per level.
    pub measures: PerLevel<String>,
    /// Where the row came from.
    pub origin: Option<Origin>,
}

impl Heating {
    /// Matched to its enterprise by the credit code, else the name.
    pub fn key(&self) -> String {
        if self.code.is_empty() {
            self.name.clone()
        } else {
            self.code.clone()
        }
    }
}
