//! The column vocabulary: every column the importer knows and the names it goes by, from
//! `schemas/column-aliases.json` (the first name of each list is the canonical one, which the
//! exporter writes). Import resolves headers through it; export takes its headers from it.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::model::{Level, Pollutant};

use super::normalise::{normalise_header, Period};

/// A column the importer knows that is not per level nor an emission.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)] // names follow the canonical columns of docs/workbook.md one to one
pub enum Plain {
    County,
    Town,
    Name,
    Code,
    Address,
    Industry,
    IndustryCode,
    KeyIndustry,
    PowerAccount,
    NormalDailyKwh,
    Grade,
    Class,
    LegalName,
    LegalPhone,
    ResponsibleName,
    ResponsiblePhone,
    SupervisorName,
    SupervisorPhone,
    Cems,
    SourceName,
    Product,
    Capacity,
    Days,
    Outlet,
    Treatment,
    Standard,
    ProjectName,
    ProjectKind,
    ProjectAddress,
    Builder,
    Contractor,
    ManagerName,
    ManagerPhone,
    Approval,
    DailyTrips,
    Guo3,
    Guo4,
    Guo5,
    Guo6,
    NewEnergy,
    MachineUser,
    MachineKind,
    MachineStage,
    MachineCount,
    Fuel,
    HeatingArea,
    MaxLoad,
    Area,
    Year,
    Pollutant,
    WholeSociety,
    WholeSocietyDaily,
    /// A bare 电话 / 联系方式: the phone of the contact in the column to its left.
    Phone,
    /// 法定代表人及联系方式: name and phone in one cell.
    LegalContact,
    /// 应急减排责任人及联系方式.
    ResponsibleContact,
    /// 监督人及联系方式.
    SupervisorContact,
    /// 项目负责人及联系方式.
    ManagerContact,
    /// 备案状态 of the enterprise's 一厂一策 (未提交 / 已提交 / 已备案).
    FilingState,
    /// 备案日期.
    FilingDate,
    /// 备案文号.
    FilingNumber,
    /// 序号, 备注 …: known, read nowhere, not warned about (stays last: it sizes the slots).
    Ignored,
}

/// What a per-level column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)] // names follow the canonical per-level columns of docs/workbook.md
pub enum LevelField {
    Measure,
    Share,
    KeyIndicator,
    PrepTime,
    OwnerName,
    OwnerPhone,
    /// 日用电量上限 (kWh/d): the enterprise's, not a line's.
    KwhCap,
    /// 排放浓度限值 (mg/m³) of the line.
    ConcentrationLimit,
    /// 减排量 of one pollutant.
    #[serde(skip)]
    Reduction(Pollutant),
}

/// What a recognised column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// An enterprise, site, fleet, heating or summary column.
    Plain(Plain),
    /// An emission of one pollutant; the period its name implies (日排放量 → day).
    Emission(Pollutant, Period),
    /// A column of one warning level.
    Level(Level, LevelField),
}

/// A group named by a merged top header cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// 黄色预警 / 橙色预警 / 红色预警 and their aliases.
    Level(Level),
    /// 排放量 and its kin.
    Emission,
}

#[derive(Deserialize)]
struct AliasFile {
    plain: HashMap<Plain, Vec<String>>,
    pollutants: HashMap<String, Vec<String>>,
    emission_suffixes: HashMap<String, Period>,
    emission_groups: Vec<String>,
    levels: HashMap<String, Vec<String>>,
    level_fields: HashMap<LevelField, Vec<String>>,
    reduction_suffixes: Vec<String>,
}

/// The alias table, normalised once.
pub struct Aliases {
    plain: HashMap<String, Plain>,
    /// Each plain column's canonical name as written in the table.
    canonical: HashMap<Plain, String>,
    pollutants: Vec<(String, Pollutant)>,
    emission_suffixes: Vec<(String, Period)>,
    emission_groups: Vec<String>,
    /// Level names, longest first so III级 is tried before II级.
    levels: Vec<(String, Level)>,
    level_fields: HashMap<String, LevelField>,
    reduction_suffixes: Vec<String>,
}

fn pollutant_of(key: &str) -> Pollutant {
    match key {
        "so2" => Pollutant::So2,
        "nox" => Pollutant::Nox,
        "pm" => Pollutant::Pm,
        "vocs" => Pollutant::Vocs,
        other => panic!("column-aliases.json: unknown pollutant key {other}"),
    }
}

fn level_of(key: &str) -> Level {
    match key {
        "yellow" => Level::Yellow,
        "orange" => Level::Orange,
        "red" => Level::Red,
        other => panic!("column-aliases.json: unknown level key {other}"),
    }
}

fn norm(s: &str) -> String {
    normalise_header(s).name
}

impl Aliases {
    /// The table from `schemas/column-aliases.json`, loaded and normalised on first use.
    pub fn get() -> &'static Aliases {
        static TABLE: OnceLock<Aliases> = OnceLock::new();
        TABLE.get_or_init(|| {
            let file: AliasFile =
                serde_json::from_str(include_str!("../../../schemas/column-aliases.json"))
                    .expect("schemas/column-aliases.json is valid");
            Aliases::build(file)
        })
    }

    fn build(file: AliasFile) -> Aliases {
        let plain = file
            .plain
            .iter()
            .flat_map(|(f, names)| names.iter().map(move |n| (norm(n), *f)))
            .collect();
        let mut pollutants: Vec<(String, Pollutant)> = file
            .pollutants
            .iter()
            .flat_map(|(k, names)| names.iter().map(move |n| (norm(n), pollutant_of(k))))
            .collect();
        pollutants.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
        let mut levels: Vec<(String, Level)> = file
            .levels
            .iter()
            .flat_map(|(k, names)| names.iter().map(move |n| (norm(n), level_of(k))))
            .collect();
        levels.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
        let level_fields = file
            .level_fields
            .iter()
            .flat_map(|(f, names)| names.iter().map(move |n| (norm(n), *f)))
            .collect();
        let mut emission_suffixes: Vec<(String, Period)> = file
            .emission_suffixes
            .into_iter()
            .map(|(s, p)| (norm(&s), p))
            .collect();
        emission_suffixes.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
        let canonical = file
            .plain
            .iter()
            .filter_map(|(f, names)| names.first().map(|n| (*f, n.clone())))
            .collect();
        Aliases {
            plain,
            canonical,
            pollutants,
            emission_suffixes,
            emission_groups: file.emission_groups.iter().map(|s| norm(s)).collect(),
            levels,
            level_fields,
            reduction_suffixes: file.reduction_suffixes.iter().map(|s| norm(s)).collect(),
        }
    }

    /// The field a normalised header name stands for, if any.
    pub fn resolve(&self, name: &str) -> Option<Field> {
        if let Some(p) = self.plain.get(name) {
            return Some(Field::Plain(*p));
        }
        if let Some((p, period)) = self.emission(name) {
            return Some(Field::Emission(p, period));
        }
        let (level, rest) = self.split_level(name)?;
        self.level_field(rest).map(|f| Field::Level(level, f))
    }

    /// The group a merged top cell names (黄色预警, Ⅱ级, 排放量 …).
    pub fn group(&self, name: &str) -> Option<Group> {
        if self.emission_groups.iter().any(|g| g == name) {
            return Some(Group::Emission);
        }
        match self.split_level(name) {
            Some((level, "")) => Some(Group::Level(level)),
            Some((level, rest)) if self.level_suffix_only(rest) => Some(Group::Level(level)),
            _ => None,
        }
    }

    /// Words that may follow a level name in a group cell without naming a column.
    fn level_suffix_only(&self, rest: &str) -> bool {
        matches!(
            rest,
            "预警" | "期间" | "响应" | "应急减排" | "减排" | "应急响应" | "管控" | "应急管控"
        )
    }

    /// The pollutant a name such as 二氧化硫 / SO2 stands for.
    pub fn pollutant(&self, name: &str) -> Option<Pollutant> {
        self.pollutants
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, p)| *p)
    }

    /// A pollutant name followed by 排放量 / 年排放量 / 日排放量 (or nothing), or preceded by
    /// an emission group name (排放量 + SO2 from a two-row header).
    fn emission(&self, name: &str) -> Option<(Pollutant, Period)> {
        for (pname, p) in &self.pollutants {
            if let Some(rest) = name.strip_prefix(pname.as_str()) {
                if let Some((_, period)) = self.emission_suffixes.iter().find(|(s, _)| s == rest) {
                    return Some((*p, *period));
                }
            }
        }
        for g in &self.emission_groups {
            if let Some(rest) = name.strip_prefix(g.as_str()) {
                if let Some(p) = self.pollutant(rest) {
                    let period = if g.contains("日") {
                        Period::Day
                    } else {
                        Period::Year
                    };
                    return Some((p, period));
                }
            }
        }
        None
    }

    /// Splits a level name off the front (黄色预警减排措施) or a bracketed one off the end
    /// (减排措施(黄色预警)).
    fn split_level<'n>(&self, name: &'n str) -> Option<(Level, &'n str)> {
        for (lname, level) in &self.levels {
            if let Some(rest) = name.strip_prefix(lname.as_str()) {
                return Some((*level, rest));
            }
        }
        if let Some(body) = name.strip_suffix(')') {
            let open = body.rfind('(')?;
            let inner = &body[open + 1..];
            let (level, rest) = self.split_level(inner)?;
            if rest.is_empty() || self.level_suffix_only(rest) {
                return Some((level, &body[..open]));
            }
        }
        None
    }

    fn level_field(&self, rest: &str) -> Option<LevelField> {
        if let Some(f) = self.level_fields.get(rest) {
            return Some(*f);
        }
        // Under a level group a bare pollutant (黄色预警 over SO2, NOx …) is its reduction.
        if let Some(p) = self.pollutant(rest) {
            return Some(LevelField::Reduction(p));
        }
        for suffix in &self.reduction_suffixes {
            if let Some(pname) = rest.strip_suffix(suffix.as_str()) {
                if let Some(p) = self.pollutant(pname) {
                    return Some(LevelField::Reduction(p));
                }
            }
            if let Some(pname) = rest.strip_prefix(suffix.as_str()) {
                if let Some(p) = self.pollutant(pname) {
                    return Some(LevelField::Reduction(p));
                }
            }
        }
        None
    }
}

impl Plain {
    /// The canonical name of the column (the first of its names in
    /// `schemas/column-aliases.json`), as export writes it.
    pub fn canonical(self) -> &'static str {
        Aliases::get()
            .canonical
            .get(&self)
            .map(String::as_str)
            .unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_table_has_no_name_twice() {
        let file: AliasFile =
            serde_json::from_str(include_str!("../../../schemas/column-aliases.json")).unwrap();
        let mut seen = HashMap::new();
        for (f, names) in &file.plain {
            for n in names {
                if let Some(other) = seen.insert(norm(n), *f) {
                    panic!("{n} names both {other:?} and {f:?}");
                }
            }
        }
    }

    #[test]
    fn canonical_names_are_the_first_of_each_list() {
        assert_eq!(Plain::Address.canonical(), "企业地址");
        assert_eq!(Plain::KeyIndustry.canonical(), "重点行业类别");
        assert_eq!(Plain::Approval.canonical(), "重点工程批准文号");
    }
}
