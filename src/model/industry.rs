//! The 39 key industries of the national technical guide (技术指南 2020, Liaocheng's list),
//! and how an enterprise's key industry is decided: from an explicit 重点行业类别, else from
//! 行业类别 or 行业代码 through the table in `schemas/key-industries.json` — exact names and
//! documented aliases, GB/T 4754 codes — never by substring ("化工" is no key industry, and
//! "化学药品原料药制造" is 制药 because the table says so, not because it contains a word).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

/// The 39 key industries, as named in `docs/method.md` (the table's names, in its order).
pub const KEY_INDUSTRIES: [&str; 39] = [
    "长流程联合钢铁",
    "短流程钢铁",
    "铁合金",
    "焦化",
    "石灰窑",
    "铸造",
    "氧化铝",
    "电解铝",
    "炭素",
    "铜冶炼",
    "铅锌冶炼",
    "钼冶炼",
    "再生铜铝铅锌",
    "有色金属压延",
    "水泥",
    "砖瓦窑",
    "陶瓷",
    "耐火材料",
    "玻璃",
    "岩矿棉",
    "玻璃钢",
    "防水建筑材料制造",
    "炼油与石油化工",
    "炭黑制造",
    "煤制氮肥",
    "制药",
    "农药制造",
    "涂料制造",
    "油墨制造",
    "纤维素醚",
    "包装印刷",
    "人造板制造",
    "塑料人造革与合成革制造",
    "橡胶制品制造",
    "制鞋",
    "家具制造",
    "汽车整车制造",
    "工程机械整机制造",
    "工业涂装",
];

/// What the list says, or the table derives, about an enterprise's key industry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyIndustry {
    /// One of the 39 (its name as in [`KEY_INDUSTRIES`]).
    Key(&'static str),
    /// None of the 39 (非重点行业, or an industry the table knows is none of them).
    NotKey,
    /// Nothing decides it: the stated value, the industry and the code are unknown to the
    /// table (未判定).
    Undetermined,
}

impl KeyIndustry {
    /// The value as the list writes it: the industry's name, 非重点行业 or 未判定.
    pub fn name_zh(self) -> &'static str {
        match self {
            KeyIndustry::Key(name) => name,
            KeyIndustry::NotKey => "非重点行业",
            KeyIndustry::Undetermined => "未判定",
        }
    }
}

#[derive(Deserialize)]
struct TableFile {
    industries: Vec<Entry>,
    non_key: Vec<String>,
    ambiguous_codes: Vec<String>,
}

#[derive(Deserialize)]
struct Entry {
    name: String,
    aliases: Vec<String>,
    codes: Vec<String>,
}

/// The table, normalised once.
struct Table {
    by_name: HashMap<String, &'static str>,
    non_key: Vec<String>,
    by_code: HashMap<String, &'static str>,
    ambiguous_codes: Vec<String>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let file: TableFile =
            serde_json::from_str(include_str!("../../schemas/key-industries.json"))
                .expect("schemas/key-industries.json is valid");
        let mut by_name = HashMap::new();
        let mut by_code = HashMap::new();
        for e in &file.industries {
            let name = KEY_INDUSTRIES
                .iter()
                .copied()
                .find(|k| *k == e.name)
                .expect("key-industries.json names only the 39 industries");
            for n in std::iter::once(&e.name).chain(&e.aliases) {
                by_name.insert(normalise(n), name);
            }
            for c in &e.codes {
                by_code.insert(c.clone(), name);
            }
        }
        Table {
            by_name,
            non_key: file.non_key.iter().map(|n| normalise(n)).collect(),
            by_code,
            ambiguous_codes: file.ambiguous_codes,
        }
    })
}

/// Names compare after NFKC (full-width to half-width), without spaces, Latin lower-cased.
fn normalise(s: &str) -> String {
    s.nfkc()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A GB/T 4754 class code as written: 3011, C3011 or 3011.0 all give 3011; `None` for
/// anything that is not a four-digit class.
fn class_code(code: &str) -> Option<String> {
    let t = normalise(code);
    let t = t.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let t = t.strip_suffix(".0").unwrap_or(t);
    (t.len() == 4 && t.chars().all(|c| c.is_ascii_digit())).then(|| t.to_string())
}

/// A 行业类别 that starts with its GB/T 4754 class code, split into the code and the name
/// after it; otherwise no code and the whole text.
fn split_leading_code(industry: &str) -> (Option<String>, &str) {
    let text = industry.trim();
    match text.split_once(char::is_whitespace) {
        Some((lead, rest)) => match class_code(lead) {
            Some(code) => (Some(code), rest.trim()),
            None => (None, text),
        },
        None => (None, text),
    }
}

/// A name of the table (one of the 39, an alias, or a known non-key industry).
fn by_name(name: &str) -> Option<KeyIndustry> {
    let n = normalise(name);
    if n.is_empty() {
        return None;
    }
    let t = table();
    if let Some(k) = t.by_name.get(&n) {
        return Some(KeyIndustry::Key(k));
    }
    t.non_key.contains(&n).then_some(KeyIndustry::NotKey)
}

/// Reads a stated 重点行业类别: one of the 39 (or an alias), 非重点行业 (非重点, 否, 无);
/// `None` for anything else.
pub fn parse_key_industry(stated: &str) -> Option<KeyIndustry> {
    match normalise(stated).as_str() {
        "非重点行业" | "非重点" | "否" | "无" | "一般行业" => {
            Some(KeyIndustry::NotKey)
        }
        _ => by_name(stated).filter(|k| matches!(k, KeyIndustry::Key(_))),
    }
}

/// The key industry of an enterprise: its stated 重点行业类别 where given (an unreadable
/// value is 未判定), else its 行业类别 by the table, else its 行业代码 (a four-digit class
/// not among the key codes and not shared by several industries means 非重点行业), else
/// 未判定.
pub fn key_industry_of(stated: &str, industry: &str, code: &str) -> KeyIndustry {
    if !stated.trim().is_empty() {
        return parse_key_industry(stated).unwrap_or(KeyIndustry::Undetermined);
    }
    if let Some(k) = by_name(industry) {
        return k;
    }
    // Registers often write the class code before the name ("C3391 黑色金属铸造").
    let (lead_code, name) = split_leading_code(industry);
    if let Some(k) = by_name(name) {
        return k;
    }
    let Some(code) = class_code(code).or(lead_code) else {
        return KeyIndustry::Undetermined;
    };
    let t = table();
    match t.by_code.get(&code) {
        Some(k) => KeyIndustry::Key(k),
        None if t.ambiguous_codes.contains(&code) => KeyIndustry::Undetermined,
        None => KeyIndustry::NotKey,
    }
}

/// True when `industry` (a 行业类别 as written) is one of the 39 by the table.
pub fn is_key_industry(industry: &str) -> bool {
    matches!(key_industry_of("", industry, ""), KeyIndustry::Key(_))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_class_code_before_the_name_is_read() {
        assert!(matches!(
            key_industry_of("", "C3391 黑色金属铸造", ""),
            KeyIndustry::Key("铸造")
        ));
        assert!(matches!(
            key_industry_of("", "3391 某某加工", ""),
            KeyIndustry::Key("铸造")
        ));
        assert!(matches!(
            key_industry_of("", "化工 产品", ""),
            KeyIndustry::Undetermined
        ));
    }

    #[test]
    fn the_table_names_the_39_in_order() {
        let file: TableFile =
            serde_json::from_str(include_str!("../../schemas/key-industries.json")).unwrap();
        let names: Vec<&str> = file.industries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, KEY_INDUSTRIES);
        let mut seen = HashMap::new();
        for e in &file.industries {
            for n in std::iter::once(&e.name).chain(&e.aliases) {
                assert!(seen.insert(normalise(n), &e.name).is_none(), "{n} twice");
            }
        }
    }

    #[test]
    fn names_and_aliases_match_exactly_never_by_substring() {
        assert!(is_key_industry("水泥"));
        assert!(is_key_industry("水泥制造"));
        assert!(is_key_industry("家具制造"));
        assert!(is_key_industry("包装印刷"));
        assert!(is_key_industry("铸造"));
        assert!(is_key_industry("化学药品原料药制造"));
        assert!(is_key_industry("钢铁(长流程)"));
        assert!(is_key_industry("钢铁（长流程）"));
        assert!(!is_key_industry("化工"));
        assert!(!is_key_industry("水泥制品"));
        assert!(!is_key_industry("食品加工"));
        assert!(!is_key_industry(""));
        assert!(!is_key_industry("金属制品"));
    }

    #[test]
    fn stated_value_wins_then_name_then_code() {
        use KeyIndustry::*;
        assert_eq!(key_industry_of("焦化", "食品加工", "1310"), Key("焦化"));
        assert_eq!(key_industry_of("非重点行业", "水泥", ""), NotKey);
        assert_eq!(key_industry_of("化工", "水泥", ""), Undetermined);
        assert_eq!(key_industry_of("", "水泥", ""), Key("水泥"));
        assert_eq!(key_industry_of("", "食品加工", ""), NotKey);
        assert_eq!(key_industry_of("", "某某加工", "C3011"), Key("水泥"));
        assert_eq!(key_industry_of("", "某某加工", "1310"), NotKey);
        assert_eq!(key_industry_of("", "某某加工", "3216"), Undetermined);
        assert_eq!(key_industry_of("", "化工", ""), Undetermined);
        assert_eq!(key_industry_of("", "", "30"), Undetermined);
        assert_eq!(Undetermined.name_zh(), "未判定");
    }
}
