//! Performance grades (绩效分级) and the grade cell's value rules (`docs/workbook.md`, Values).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A performance grade.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum Grade {
    /// A+ (above A where a province uses it).
    #[serde(rename = "A+")]
    APlus,
    /// A
    #[serde(rename = "A")]
    A,
    /// B
    #[serde(rename = "B")]
    B,
    /// B-
    #[serde(rename = "B-")]
    BMinus,
    /// C
    #[serde(rename = "C")]
    C,
    /// D: stops entirely during warnings.
    #[serde(rename = "D")]
    D,
    /// 引领性 (leading): chooses its own measures like A.
    #[serde(rename = "引领性")]
    Leading,
    /// 非引领性.
    #[serde(rename = "非引领性")]
    NonLeading,
    /// 未评级.
    #[serde(rename = "未评级")]
    Unrated,
}

impl Grade {
    /// Every grade, in the order of the 总表.
    pub const ALL: [Grade; 9] = [
        Grade::APlus,
        Grade::A,
        Grade::B,
        Grade::BMinus,
        Grade::C,
        Grade::D,
        Grade::Leading,
        Grade::NonLeading,
        Grade::Unrated,
    ];

    /// The canonical spelling written on export (A+, A, B, B-, C, D, 引领性, 非引领性, 未评级).
    pub fn label(self) -> &'static str {
        match self {
            Grade::APlus => "A+",
            Grade::A => "A",
            Grade::B => "B",
            Grade::BMinus => "B-",
            Grade::C => "C",
            Grade::D => "D",
            Grade::Leading => "引领性",
            Grade::NonLeading => "非引领性",
            Grade::Unrated => "未评级",
        }
    }

    /// True for grades that may choose their own measures (A+, A, 引领性).
    pub fn is_self_chosen(self) -> bool {
        matches!(self, Grade::APlus | Grade::A | Grade::Leading)
    }
}

/// What a grade cell says: the grade itself and the marks that ride on it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GradeCell {
    /// The grade; `None` for a blank cell or 长期停产.
    pub grade: Option<Grade>,
    /// A 民生豁免- / 保障类- prefix marked a guarantee enterprise.
    pub guarantee: bool,
    /// 长期停产: shut down for good.
    pub shut_down: bool,
}

/// Reads a grade cell: A, A+, B, B-, C, D, 引领性, 非引领性, 未评级, written also as A级, B-级,
/// 绩效引领性, A级(引领性), 按D级管理 …, optionally behind a 民生豁免- or 保障类- prefix; 长期停产.
///
/// # Errors
/// Returns the normalised text when it is none of these; the importer turns it into an error
/// naming the cell.
pub fn parse_grade(text: &str) -> Result<GradeCell, String> {
    let mut t: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '－' | '—' | '–' | '_' => '-',
            '＋' => '+',
            'ａ'..='ｚ' | 'Ａ'..='Ｚ' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect::<String>()
        .to_uppercase();
    let mut cell = GradeCell::default();
    if t.is_empty() {
        return Ok(cell);
    }
    if t.contains("长期停产") {
        cell.shut_down = true;
        return Ok(cell);
    }
    for prefix in ["民生豁免", "保障类", "保障"] {
        if let Some(rest) = t.strip_prefix(prefix) {
            cell.guarantee = true;
            t = rest.trim_start_matches(['-', ':', '：']).to_string();
            break;
        }
    }
    let bare = t.replace("绩效", "").replace("等级", "").replace('级', "");
    // 按D级管理 (济源: "绩效分级D级和按D级管理企业"): managed as D, so it is D.
    let bare = match bare.strip_prefix('按').and_then(|r| r.strip_suffix("管理")) {
        Some(managed) => managed.to_string(),
        None => bare,
    };
    cell.grade = Some(match bare.as_str() {
        "A+" => Grade::APlus,
        "A" => Grade::A,
        "B" => Grade::B,
        "B-" => Grade::BMinus,
        "C" => Grade::C,
        "D" => Grade::D,
        "引领性" | "A(引领性)" | "引领" => Grade::Leading,
        "非引领性" | "非引领" => Grade::NonLeading,
        "未评" | "未评定" | "无" | "未评价" => Grade::Unrated,
        _ => return Err(text.trim().to_string()),
    });
    Ok(cell)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(s: &str) -> Option<Grade> {
        parse_grade(s).unwrap().grade
    }

    #[test]
    fn reads_every_spelling() {
        assert_eq!(g("A"), Some(Grade::A));
        assert_eq!(g("A级"), Some(Grade::A));
        assert_eq!(g("a+"), Some(Grade::APlus));
        assert_eq!(g("B-级"), Some(Grade::BMinus));
        assert_eq!(g("B－"), Some(Grade::BMinus));
        assert_eq!(g("C级"), Some(Grade::C));
        assert_eq!(g("D"), Some(Grade::D));
        assert_eq!(g("绩效引领性"), Some(Grade::Leading));
        assert_eq!(g("A级(引领性)"), Some(Grade::Leading));
        assert_eq!(g("A级（引领性）"), Some(Grade::Leading));
        assert_eq!(g("非引领性"), Some(Grade::NonLeading));
        assert_eq!(g("未评级"), Some(Grade::Unrated));
        assert_eq!(g("按D级管理"), Some(Grade::D));
        assert_eq!(g(""), None);
    }

    #[test]
    fn reads_prefixes_and_shutdown() {
        let c = parse_grade("民生豁免-B").unwrap();
        assert!(c.guarantee);
        assert_eq!(c.grade, Some(Grade::B));
        let c = parse_grade("保障类-C级").unwrap();
        assert!(c.guarantee);
        assert_eq!(c.grade, Some(Grade::C));
        let c = parse_grade("长期停产").unwrap();
        assert!(c.shut_down);
        assert_eq!(c.grade, None);
    }

    #[test]
    fn refuses_unknown() {
        assert_eq!(parse_grade("E级"), Err("E级".to_string()));
        assert!(parse_grade("优秀").is_err());
    }
}
