//! Column headers: normalising what people write, matching it against the alias table
//! (`schemas/column-aliases.json`) and finding the header row (or pair of rows) of a sheet.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use crate::model::{Level, Pollutant};

use super::grid::Grid;
use super::sheets::Role;

/// A header's text after normalisation, with its unit split off.
#[derive(Clone, Debug, PartialEq)]
pub struct NormalisedHeader {
    /// The name compared against the aliases: no spaces or line breaks, half-width,
    /// subscripts as digits, Latin lower-cased.
    pub name: String,
    /// A trailing unit in brackets, such as `(t/a)` or `(%)`.
    pub unit: Option<Unit>,
}

/// A unit written in a header (or after a number in a cell).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Unit {
    /// A mass, optionally per year or per day: t/a, 吨/年, kg/a, t/d, 吨/日, kg/d, 吨 …
    Mass {
        /// Factor to tonnes: 1 for t, 0.001 for kg.
        to_tonnes: f64,
        /// The period, where the unit says one.
        per: Option<Period>,
    },
    /// %.
    Percent,
    /// 天.
    Days,
    /// 辆 / 辆次.
    Vehicles,
    /// 万平方米.
    TenThousandSquareMetres,
    /// 平方米 (a 供暖面积 column in m², divided by 10,000).
    SquareMetres,
    /// Electricity: kWh (度, 千瓦时), optionally per day; `to_kwh` is 10,000 for 万kWh.
    Energy {
        /// Factor to kWh.
        to_kwh: f64,
    },
    /// mg/m³, the unit of an 排放浓度限值.
    Concentration,
}

/// The period of an emission or reduction column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// Per year (t/a).
    Year,
    /// Per day (t/d).
    Day,
}

impl Unit {
    /// Reads a unit such as `t/a`, `吨/日`, `kg`, `%`, `天`, `万平方米`; text already normalised.
    pub fn parse(text: &str) -> Option<Unit> {
        let t = text.trim_start_matches("单位:").trim_start_matches("单位");
        let mass = |to_tonnes, per| Some(Unit::Mass { to_tonnes, per });
        match t {
            "t/a" | "t/y" | "t/yr" | "吨/年" | "吨/a" | "t/年" | "吨每年" => {
                mass(1.0, Some(Period::Year))
            }
            "kg/a" | "kg/y" | "千克/年" | "公斤/年" | "kg/年" => {
                mass(0.001, Some(Period::Year))
            }
            "t/d" | "吨/日" | "吨/天" | "t/日" | "t/天" | "吨/d" | "吨每日" | "吨每天" => {
                mass(1.0, Some(Period::Day))
            }
            "kg/d" | "千克/日" | "千克/天" | "公斤/日" | "公斤/天" | "kg/日" | "kg/天" => {
                mass(0.001, Some(Period::Day))
            }
            "t" | "吨" => mass(1.0, None),
            "kg" | "千克" | "公斤" => mass(0.001, None),
            "%" => Some(Unit::Percent),
            "天" | "d" | "天/年" | "d/a" => Some(Unit::Days),
            "辆" | "辆次" | "辆次/日" | "辆次/天" | "辆/日" | "辆/天" | "台" | "车次" => {
                Some(Unit::Vehicles)
            }
            "万平方米" | "万m2" | "万平米" => Some(Unit::TenThousandSquareMetres),
            "平方米" | "m2" | "平米" => Some(Unit::SquareMetres),
            "kwh" | "kwh/d" | "kwh/日" | "kwh/天" | "kw·h" | "kw·h/d" | "度" | "度/日"
            | "度/天" | "千瓦时" | "千瓦时/日" | "千瓦时/天" => {
                Some(Unit::Energy { to_kwh: 1.0 })
            }
            "万kwh" | "万kwh/d" | "万kwh/日" | "万kwh/天" | "万度" | "万度/日" | "万度/天"
            | "万千瓦时" | "万千瓦时/日" | "万千瓦时/天" => {
                Some(Unit::Energy { to_kwh: 10_000.0 })
            }
            "mg/m3" | "mg/nm3" | "毫克/立方米" | "毫克/标立方米" => {
                Some(Unit::Concentration)
            }
            _ => None,
        }
    }
}

/// Normalises text for comparison: NFKC (full-width to half-width, ₂ to 2, Ⅲ to III, （ to
/// (, ％ to %, ： to :), every space and line break removed, Latin letters lower-cased.
pub fn normalise_text(raw: &str) -> String {
    raw.nfkc()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '【' | '〔' => '(',
            '】' | '〕' => ')',
            '[' => '(',
            ']' => ')',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Normalises a header (`workbook.md`, Finding the header) and splits off a trailing unit in
/// brackets; brackets that hold no unit (县(市、区), 乡镇(街道)) stay part of the name.
pub fn normalise_header(raw: &str) -> NormalisedHeader {
    let mut name = normalise_text(raw);
    while name.ends_with(':') || name.ends_with('/') {
        name.pop();
    }
    let mut unit = None;
    if name.ends_with(')') {
        if let Some(open) = name.rfind('(') {
            let inner = &name[open + 1..name.len() - 1];
            if let Some(u) = Unit::parse(inner) {
                unit = Some(u);
                name.truncate(open);
                while name.ends_with('/') {
                    name.pop();
                }
            }
        }
    }
    NormalisedHeader { name, unit }
}

/// A column the importer knows that is not per level nor an emission.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)] // names follow the canonical columns of workbook.md one to one
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
    /// 序号, 备注 …: known, read nowhere, not warned about.
    Ignored,
}

/// What a per-level column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)] // names follow the canonical per-level columns of workbook.md
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
                serde_json::from_str(include_str!("../../schemas/column-aliases.json"))
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
        Aliases {
            plain,
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

/// A recognised column of a sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// 0-based absolute column.
    pub col: usize,
    /// The header text as written (group and name joined for two-row headers), for messages.
    pub label: String,
    /// What the column holds.
    pub field: Field,
    /// The unit from the header (or its group), if any.
    pub unit: Option<Unit>,
}

/// Where a sheet's header is and what its columns are.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// 0-based absolute row of the header (the top row of a two-row header).
    pub header_row: usize,
    /// 0-based absolute row of the first data row.
    pub data_row: usize,
    /// Recognised columns, left to right; each field at most once.
    pub columns: Vec<Column>,
    /// Headers that matched nothing, as written, with their 0-based column.
    pub unknown: Vec<(usize, String)>,
    /// Headers naming a field already taken by a column to their left.
    pub duplicates: Vec<(usize, String)>,
}

impl Layout {
    /// The column holding `field`, if the sheet has one.
    pub fn find(&self, field: Field) -> Option<&Column> {
        self.columns.iter().find(|c| c.field == field)
    }
}

/// How far down the header may be (`workbook.md`: within the first 15 rows).
pub const HEADER_SEARCH_ROWS: usize = 15;

/// A header cell after joining a two-row header.
struct Candidate {
    col: usize,
    label: String,
    name: String,
    unit: Option<Unit>,
}

/// Finds the header of a sheet: the row, or pair of rows, within the first 15 whose cells
/// match the most known columns for the sheet's role. A tie goes to the single row, so a
/// single-row header followed by data is not read as a pair.
pub(crate) fn detect(grid: &Grid<'_>, role: Role) -> Option<Layout> {
    let aliases = Aliases::get();
    let last = HEADER_SEARCH_ROWS.min(grid.height());
    let merges = header_merges(grid);
    let mut best: Option<(usize, Layout)> = None;
    for r in 0..last {
        for two in [false, true] {
            if two && r + 1 >= grid.height() {
                continue;
            }
            let cands = if two {
                pair_candidates(grid, &merges, r, aliases)
            } else {
                single_candidates(grid, r)
            };
            let layout = classify(cands, r, if two { r + 2 } else { r + 1 }, role, aliases);
            // More known columns wins; then fewer unknown ones (a title row above a
            // single-row header adds only noise); then the earlier, single-row candidate.
            let score = layout.columns.len() * 1000 + 999 - layout.unknown.len().min(999);
            if !layout.columns.is_empty() && best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, layout));
            }
        }
    }
    best.map(|(_, l)| l)
}

/// The merged regions that touch the header search area, gathered once.
fn header_merges(grid: &Grid<'_>) -> Vec<calamine::Dimensions> {
    grid.merges
        .iter()
        .filter(|m| (m.start.0 as usize) <= HEADER_SEARCH_ROWS + 1)
        .copied()
        .collect()
}

fn label_of(raw: &str) -> String {
    raw.chars()
        .filter(|c| *c != '\n' && *c != '\r')
        .collect::<String>()
        .trim()
        .to_string()
}

fn single_candidates(grid: &Grid<'_>, r: usize) -> Vec<Candidate> {
    grid.row(r)
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.is_blank())
        .map(|(col, v)| {
            let label = label_of(&v.text());
            let h = normalise_header(&label);
            Candidate {
                col,
                label,
                name: h.name,
                unit: h.unit,
            }
        })
        .collect()
}

/// The text of the group over column `col` in row `r`: the top-left text of a merge that
/// spans several columns, or — where the format gives no merges (ods) or the author only
/// centred across — a known group name to the left with blank cells up to this column.
fn group_over(
    grid: &Grid<'_>,
    merges: &[calamine::Dimensions],
    r: usize,
    col: usize,
    aliases: &Aliases,
) -> Option<String> {
    if let Some(m) = merges
        .iter()
        .find(|m| m.contains(r as u32, col as u32) && m.end.1 > m.start.1)
    {
        let text = grid.cell(m.start.0 as usize, m.start.1 as usize).text();
        return Some(label_of(&text));
    }
    let own = grid.cell(r, col);
    if !own.is_blank() {
        let label = label_of(&own.text());
        return aliases.group(&normalise_header(&label).name).map(|_| label);
    }
    let mut c = col;
    while c > 0 {
        c -= 1;
        let v = grid.cell(r, c);
        if merges.iter().any(|m| m.contains(r as u32, c as u32)) {
            return None;
        }
        if !v.is_blank() {
            let label = label_of(&v.text());
            return aliases.group(&normalise_header(&label).name).map(|_| label);
        }
        if grid.cell(r + 1, c).is_blank() {
            return None;
        }
    }
    None
}

fn named(label: String) -> (String, String, Option<Unit>) {
    let h = normalise_header(&label);
    (label, h.name, h.unit)
}

fn pair_candidates(
    grid: &Grid<'_>,
    merges: &[calamine::Dimensions],
    r: usize,
    aliases: &Aliases,
) -> Vec<Candidate> {
    let width = grid.width(r..r + 2);
    let mut out = Vec::new();
    for col in 0..width {
        let top = grid.cell(r, col);
        let bottom = grid.cell(r + 1, col);
        if let Some(m) = merges
            .iter()
            .find(|m| m.contains(r as u32, col as u32) && m.contains(r as u32 + 1, col as u32))
        {
            // One cell over both rows (企业名称 merged down): its own name, once.
            if m.start.1 as usize == col {
                let label = label_of(&grid.cell(m.start.0 as usize, col).text());
                let h = normalise_header(&label);
                out.push(Candidate {
                    col,
                    label,
                    name: h.name,
                    unit: h.unit,
                });
            }
            continue;
        }
        let group = group_over(grid, merges, r, col, aliases);
        let (label, name, unit) = match (&group, bottom.is_blank()) {
            (Some(g), false) => {
                let gh = normalise_header(g);
                let b = label_of(&bottom.text());
                let bh = normalise_header(&b);
                if aliases.group(&gh.name).is_some() {
                    // 黄色预警 + 减排措施 → 黄色预警减排措施; a unit on the group (排放量(t/a))
                    // applies to its columns unless a column gives its own.
                    (format!("{g}{b}"), gh.name + &bh.name, bh.unit.or(gh.unit))
                } else {
                    (b, bh.name, bh.unit)
                }
            }
            (Some(_), true) => continue,
            (None, _) if !top.is_blank() => named(label_of(&top.text())),
            (None, false) => named(label_of(&bottom.text())),
            (None, true) => continue,
        };
        out.push(Candidate {
            col,
            label,
            name,
            unit,
        });
    }
    out
}

/// Sorts candidates into recognised, unknown and duplicate columns for the role.
fn classify(
    cands: Vec<Candidate>,
    header_row: usize,
    data_row: usize,
    role: Role,
    aliases: &Aliases,
) -> Layout {
    let mut layout = Layout {
        header_row,
        data_row,
        columns: Vec::new(),
        unknown: Vec::new(),
        duplicates: Vec::new(),
    };
    for c in cands {
        let field = aliases
            .resolve(&c.name)
            .map(|f| bare_phone(f, &layout.columns, c.col))
            .map(|f| period_from_unit(f, c.unit))
            .map(|f| role.adapt(f))
            .filter(|f| role.accepts(*f));
        match field {
            Some(Field::Plain(Plain::Ignored)) => {}
            Some(f) if layout.find(f).is_some() => layout.duplicates.push((c.col, c.label)),
            Some(field) => layout.columns.push(Column {
                col: c.col,
                label: c.label,
                field,
                unit: c.unit,
            }),
            None => layout.unknown.push((c.col, c.label)),
        }
    }
    layout
}

/// An emission column's period follows its unit where the unit says one: 二氧化硫排放量(t/d)
/// holds daily emissions even though 排放量 alone means annual.
fn period_from_unit(field: Field, unit: Option<Unit>) -> Field {
    match (field, unit) {
        (Field::Emission(p, _), Some(Unit::Mass { per: Some(per), .. })) => Field::Emission(p, per),
        _ => field,
    }
}

/// A bare 电话 column is the phone of the contact to its left (法定代表人 | 电话).
fn bare_phone(field: Field, columns: &[Column], col: usize) -> Field {
    if field != Field::Plain(Plain::Phone) {
        return field;
    }
    let left = columns.last().filter(|c| c.col + 1 == col).map(|c| c.field);
    let phone = match left {
        Some(Field::Plain(Plain::LegalName)) => Plain::LegalPhone,
        Some(Field::Plain(Plain::ResponsibleName)) => Plain::ResponsiblePhone,
        Some(Field::Plain(Plain::SupervisorName)) => Plain::SupervisorPhone,
        Some(Field::Plain(Plain::ManagerName)) => Plain::ManagerPhone,
        Some(Field::Level(l, LevelField::OwnerName)) => {
            return Field::Level(l, LevelField::OwnerPhone)
        }
        _ => Plain::Phone,
    };
    Field::Plain(phone)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> Option<Field> {
        Aliases::get().resolve(&normalise_header(s).name)
    }

    #[test]
    fn removes_spaces_and_line_breaks() {
        assert_eq!(normalise_header(" 企业\n名称 ").name, "企业名称");
        assert_eq!(normalise_header("企业\u{3000}名称").name, "企业名称");
        assert_eq!(normalise_header("企业\r\n名称").name, "企业名称");
    }

    #[test]
    fn folds_full_width_to_half_width() {
        assert_eq!(normalise_header("县（市、区）").name, "县(市、区)");
        assert_eq!(normalise_header("减排比例（％）").unit, Some(Unit::Percent));
        assert_eq!(normalise_header("地区：").name, "地区");
        assert_eq!(normalise_header("ＳＯ２").name, "so2");
    }

    #[test]
    fn turns_subscripts_into_digits() {
        assert_eq!(normalise_header("SO₂排放量").name, "so2排放量");
        assert_eq!(
            r("SO₂"),
            Some(Field::Emission(Pollutant::So2, Period::Year))
        );
    }

    #[test]
    fn compares_latin_case_insensitively() {
        assert_eq!(r("NOX排放量"), r("nox排放量"));
        assert_eq!(
            r("VOCS"),
            Some(Field::Emission(Pollutant::Vocs, Period::Year))
        );
        assert_eq!(r("cems"), Some(Field::Plain(Plain::Cems)));
    }

    #[test]
    fn splits_a_trailing_unit_only_when_it_is_a_unit() {
        let h = normalise_header("颗粒物排放量（kg/a）");
        assert_eq!(h.name, "颗粒物排放量");
        assert_eq!(
            h.unit,
            Some(Unit::Mass {
                to_tonnes: 0.001,
                per: Some(Period::Year)
            })
        );
        let h = normalise_header("SO2日排放量(吨/日)");
        assert_eq!(
            h.unit,
            Some(Unit::Mass {
                to_tonnes: 1.0,
                per: Some(Period::Day)
            })
        );
        assert_eq!(normalise_header("乡镇(街道)").name, "乡镇(街道)");
        assert_eq!(normalise_header("乡镇(街道)").unit, None);
        assert_eq!(normalise_header("供暖面积(万平方米)").name, "供暖面积");
        assert_eq!(normalise_header("排放量[单位:t/d]").name, "排放量");
    }

    #[test]
    fn resolves_every_kind_of_alias() {
        assert_eq!(r("县(市、区)"), Some(Field::Plain(Plain::County)));
        assert_eq!(r("企业（单位）名称"), Some(Field::Plain(Plain::Name)));
        assert_eq!(r("组织机构代码"), Some(Field::Plain(Plain::Code)));
        assert_eq!(r("法人电话"), Some(Field::Plain(Plain::LegalPhone)));
        assert_eq!(r("生产线/工序"), Some(Field::Plain(Plain::SourceName)));
        assert_eq!(r("年运行天数"), Some(Field::Plain(Plain::Days)));
        assert_eq!(
            r("烟(粉)尘"),
            Some(Field::Emission(Pollutant::Pm, Period::Year))
        );
        assert_eq!(
            r("烟粉尘排放量"),
            Some(Field::Emission(Pollutant::Pm, Period::Year))
        );
        assert_eq!(
            r("颗粒物年排放量"),
            Some(Field::Emission(Pollutant::Pm, Period::Year))
        );
        assert_eq!(
            r("VOCs日排放量"),
            Some(Field::Emission(Pollutant::Vocs, Period::Day))
        );
        assert_eq!(
            r("排放量SO2"),
            Some(Field::Emission(Pollutant::So2, Period::Year))
        );
        assert_eq!(r("不存在的列"), None);
    }

    #[test]
    fn resolves_level_columns_in_every_spelling() {
        let m = |l| Some(Field::Level(l, LevelField::Measure));
        assert_eq!(r("黄色预警减排措施"), m(Level::Yellow));
        assert_eq!(r("Ⅲ级管控措施"), m(Level::Yellow));
        assert_eq!(r("III级措施"), m(Level::Yellow));
        assert_eq!(r("II级措施"), m(Level::Orange));
        assert_eq!(r("Ⅰ级措施"), m(Level::Red));
        assert_eq!(r("红色预警（Ⅰ级）应急减排措施"), m(Level::Red));
        assert_eq!(r("减排措施(橙色预警)"), m(Level::Orange));
        assert_eq!(
            r("橙色预警减排比例(%)"),
            Some(Field::Level(Level::Orange, LevelField::Share))
        );
        assert_eq!(
            r("红色SO2减排量"),
            Some(Field::Level(
                Level::Red,
                LevelField::Reduction(Pollutant::So2)
            ))
        );
        assert_eq!(
            r("黄色预警氮氧化物日减排量(t/d)"),
            Some(Field::Level(
                Level::Yellow,
                LevelField::Reduction(Pollutant::Nox)
            ))
        );
        assert_eq!(
            r("橙色预警VOCs"),
            Some(Field::Level(
                Level::Orange,
                LevelField::Reduction(Pollutant::Vocs)
            ))
        );
        assert_eq!(
            r("黄色预警工序责任人电话"),
            Some(Field::Level(Level::Yellow, LevelField::OwnerPhone))
        );
    }

    #[test]
    fn knows_group_names() {
        let a = Aliases::get();
        assert_eq!(a.group("黄色预警"), Some(Group::Level(Level::Yellow)));
        assert_eq!(a.group("iii级"), Some(Group::Level(Level::Yellow)));
        assert_eq!(a.group("橙色预警期间"), Some(Group::Level(Level::Orange)));
        assert_eq!(a.group("排放量"), Some(Group::Emission));
        assert_eq!(a.group("企业基本信息"), None);
    }

    #[test]
    fn alias_table_has_no_name_twice() {
        let file: AliasFile =
            serde_json::from_str(include_str!("../../schemas/column-aliases.json")).unwrap();
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
    fn units_parse() {
        assert_eq!(Unit::parse("天"), Some(Unit::Days));
        assert_eq!(Unit::parse("辆次"), Some(Unit::Vehicles));
        assert_eq!(
            Unit::parse("吨"),
            Some(Unit::Mass {
                to_tonnes: 1.0,
                per: None
            })
        );
        assert_eq!(Unit::parse("mg/m3"), Some(Unit::Concentration));
        assert_eq!(
            Unit::parse("万kwh"),
            Some(Unit::Energy { to_kwh: 10_000.0 })
        );
        assert_eq!(Unit::parse("mg/l"), None);
        assert_eq!(
            normalise_header("供暖面积(㎡)").unit,
            Some(Unit::SquareMetres)
        );
    }
}
