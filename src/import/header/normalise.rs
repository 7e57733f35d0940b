//! Normalising what people write in a header (`docs/workbook.md`, Finding the header): NFKC,
//! spaces and line breaks removed, Latin lower-cased, and a trailing unit in brackets split
//! off and kept. Depends on nothing else of the importer, so cells and vocabulary can use it.

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

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

/// Normalises a header (`docs/workbook.md`, Finding the header) and splits off a trailing unit in
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
