//! Reading one cell's value: numbers with units, shares, phones, yes/no.
//!
//! Each function returns the value or a [`CellProblem`]; the sheet readers turn problems into
//! diagnostics that name the sheet, row and column.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

use super::grid::{number_text, Value};
use super::header::normalise::Unit;

/// What is wrong with a cell; `message` is the Chinese explanation without the place.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum CellProblem {
    /// Text that is not a number (the text).
    NotANumber(String),
    /// A number with a unit that does not match the header's (the text).
    WrongUnit(String),
    /// A negative number (the value as shown).
    Negative(String),
    /// An error value such as #N/A.
    ErrorValue(String),
    /// A share above 100 % (the value as shown).
    ShareAbove100(String),
    /// A count that is not a whole number.
    NotWhole(String),
    /// A yes/no cell with another value.
    NotYesNo(String),
    /// A number too large to be a number at all (overflows to infinity); the text, shortened.
    Overflow(String),
    /// An amount beyond the bound in force (the value in t/a as shown, and the bound in t/a):
    /// [`MAX_TONNES_PER_YEAR`] unless the store's preferences say otherwise.
    Implausible(String, f64),
}

/// The default largest emission or reduction amount accepted for one line, in t/a (a t/d
/// amount is counted at 365 days): the largest plants emit some 10⁴ t/a of one pollutant, so
/// anything beyond 10⁶ t/a is a typo or a unit mix-up (kg for t), not a measurement
/// (`docs/limits.md`). A store may set another bound (`jianpai settings set max-emission`).
pub const MAX_TONNES_PER_YEAR: f64 = 1e6;

impl CellProblem {
    /// The Chinese message: what is wrong and what to do.
    pub(crate) fn message(&self) -> String {
        match self {
            CellProblem::NotANumber(t) => format!(
                "“{t}”不是数字：此列应填写数字（可带千位分隔符，或带与表头一致的单位，如“30吨”），请改为数字或清空"
            ),
            CellProblem::WrongUnit(t) => format!(
                "“{t}”的单位与表头的单位不一致，请按表头单位换算后只填写数字"
            ),
            CellProblem::Negative(t) => {
                format!("数值{t}为负数：排放量、减排量、天数、比例等不能为负，请改正")
            }
            CellProblem::ErrorValue(t) => {
                format!("单元格为错误值{t}（公式出错），请改为数值或清空")
            }
            CellProblem::ShareAbove100(t) => {
                format!("比例{t}超过100%，请填写0到100之间的百分数（如30或30%）")
            }
            CellProblem::NotWhole(t) => format!("“{t}”不是整数：车辆数应为整数，请改正"),
            CellProblem::Overflow(t) => format!(
                "“{t}”超出了数值的范围（位数过多），不是有效的数字，请改正"
            ),
            CellProblem::Implausible(t, max) => format!(
                "数值折合{t}吨/年，超过单条生产线的合理上限{}吨/年：请检查单位（如千克误填为吨）或小数点；确属实情时可在“设置”中调高上限（jianpai settings set max-emission）",
                super::grid::number_text(*max)
            ),
            CellProblem::NotYesNo(t) => {
                format!("“{t}”无法识别，请填写“是”或“否”（也可写有/无、已安装/未安装）")
            }
        }
    }
}

/// Marks that people write in a numeric cell to mean "nothing here": read as blank.
const BLANK_MARKS: [&str; 5] = ["/", "-", "--", "—", "——"];

/// A parsed number and whether it carried a `%` (text "30%" or a percentage-formatted cell).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Reading {
    /// The number as written (30 for "30%"; 0.3 for a 30 % formatted cell).
    pub value: f64,
    /// The number is a fraction from a percentage-formatted cell.
    pub formatted_percent: bool,
    /// The text ended in %.
    pub typed_percent: bool,
    /// The unit typed after the number, if any.
    pub unit: Option<Unit>,
}

/// Reads a number: a numeric cell, or text that is a plain number, optionally with thousands
/// separators and a trailing unit. Blank (and the marks / - —) gives `None`.
///
/// # Errors
/// Text that is no number, a negative number, an error value.
pub(crate) fn reading(v: &Value<'_>) -> Result<Option<Reading>, CellProblem> {
    let r = match v {
        Value::Empty => return Ok(None),
        Value::Error(e) => return Err(CellProblem::ErrorValue(e.to_string())),
        Value::Number { value, percent } => Reading {
            value: *value,
            formatted_percent: *percent,
            typed_percent: false,
            unit: None,
        },
        Value::Text(t) => match text_reading(t)? {
            Some(r) => r,
            None => return Ok(None),
        },
    };
    if r.value < 0.0 {
        return Err(CellProblem::Negative(number_text(r.value)));
    }
    if !r.value.is_finite() {
        return Err(CellProblem::Overflow(v.text().chars().take(20).collect()));
    }
    Ok(Some(r))
}

fn text_reading(raw: &str) -> Result<Option<Reading>, CellProblem> {
    let t: String = raw
        .nfkc()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .collect();
    if t.is_empty() || BLANK_MARKS.contains(&t.as_str()) {
        return Ok(None);
    }
    let end = t
        .char_indices()
        .find(|(i, c)| !(c.is_ascii_digit() || *c == '.' || ((*c == '-' || *c == '+') && *i == 0)))
        .map_or(t.len(), |(i, _)| i);
    let (num, rest) = t.split_at(end);
    let value: f64 = num
        .parse()
        .map_err(|_| CellProblem::NotANumber(raw.trim().to_string()))?;
    if !value.is_finite() {
        let shown: String = raw.trim().chars().take(20).collect();
        return Err(CellProblem::Overflow(format!("{shown}…")));
    }
    let (typed_percent, unit) = match rest {
        "" => (false, None),
        "%" => (true, Some(Unit::Percent)),
        other => match Unit::parse(&other.to_ascii_lowercase()) {
            Some(u) => (false, Some(u)),
            None => return Err(CellProblem::NotANumber(raw.trim().to_string())),
        },
    };
    Ok(Some(Reading {
        value,
        formatted_percent: false,
        typed_percent,
        unit,
    }))
}

/// True when a unit typed in a cell agrees with the column's unit: the same kind, the same
/// mass scale, and no contradicting period.
pub(crate) fn unit_agrees(typed: Unit, column: Unit) -> bool {
    match (typed, column) {
        (
            Unit::Mass {
                to_tonnes: a,
                per: pa,
            },
            Unit::Mass {
                to_tonnes: b,
                per: pb,
            },
        ) => a == b && (pa.is_none() || pb.is_none() || pa == pb),
        (a, b) => a == b,
    }
}

/// Reads a number in a column whose unit is `column_unit`; a mass beyond `max_tonnes` t/a is
/// refused.
///
/// # Errors
/// As [`reading`], a typed unit that disagrees with the column's, and an implausible mass.
pub(crate) fn number(
    v: &Value<'_>,
    column_unit: Unit,
    max_tonnes: f64,
) -> Result<Option<f64>, CellProblem> {
    let Some(r) = reading(v)? else {
        return Ok(None);
    };
    match r.unit {
        Some(u) if !unit_agrees(u, column_unit) => Err(CellProblem::WrongUnit(v.text().into())),
        _ => plausible(r.value, column_unit, max_tonnes).map(Some),
    }
}

/// Reads a whole-society total (总表): as [`number`] but without the per-line bound, since
/// an area's total is the sum of every line and may be far above one line's plausible
/// maximum. Non-finite and over-long numbers are still refused by [`reading`].
///
/// # Errors
/// As [`reading`], and a typed unit that disagrees with the column's.
pub(crate) fn total(v: &Value<'_>, column_unit: Unit) -> Result<Option<f64>, CellProblem> {
    let Some(r) = reading(v)? else {
        return Ok(None);
    };
    match r.unit {
        Some(u) if !unit_agrees(u, column_unit) => Err(CellProblem::WrongUnit(v.text().into())),
        _ => Ok(Some(r.value)),
    }
}

/// Refuses a mass beyond `max_tonnes` once converted to t/a (a per-day amount at 365 days);
/// other units pass.
fn plausible(value: f64, unit: Unit, max_tonnes: f64) -> Result<f64, CellProblem> {
    let Unit::Mass { to_tonnes, per } = unit else {
        return Ok(value);
    };
    let days = if per == Some(super::header::Period::Day) {
        365.0
    } else {
        1.0
    };
    let per_year = value * to_tonnes * days;
    if per_year > max_tonnes {
        Err(CellProblem::Implausible(
            format!("{per_year:.4e}"),
            max_tonnes,
        ))
    } else {
        Ok(value)
    }
}

/// How a share was read, so the caller can warn about doubtful cases.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Share {
    /// Clear: a percentage-formatted cell, text with %, or a number from 1 to 100.
    Sure(f64),
    /// A plain number below 1 read as that many percent (0.3 → 0.3 %), as the spec says:
    /// probably meant as a fraction; the caller warns.
    TinyPercent(f64),
    /// A number from 0 to 1 in a format whose number formats calamine cannot read (xls):
    /// taken as a fraction (0.3 → 30 %), as a percentage-formatted cell would be; the caller
    /// warns once per column.
    AssumedFraction(f64),
}

impl Share {
    /// The fraction read.
    pub(crate) fn fraction(self) -> f64 {
        match self {
            Share::Sure(f) | Share::TinyPercent(f) | Share::AssumedFraction(f) => f,
        }
    }
}

/// Reads a share: 30 or "30%" mean 30 %; a value in 0..1 in a percentage-formatted cell is
/// that fraction. `formats_known` is false for formats whose number formats calamine does
/// not expose (xls): there a number from 0 to 1 is taken as a fraction.
///
/// # Errors
/// As [`reading`], and a share above 100 %.
pub(crate) fn share(v: &Value<'_>, formats_known: bool) -> Result<Option<Share>, CellProblem> {
    let Some(r) = reading(v)? else {
        return Ok(None);
    };
    if let Some(u) = r.unit.filter(|u| *u != Unit::Percent) {
        let _ = u;
        return Err(CellProblem::WrongUnit(v.text().into()));
    }
    let is_number_cell = matches!(v, Value::Number { .. });
    let s = if r.formatted_percent {
        Share::Sure(r.value)
    } else if r.typed_percent {
        Share::Sure(r.value / 100.0)
    } else if is_number_cell && !formats_known && r.value <= 1.0 && r.value > 0.0 {
        Share::AssumedFraction(r.value)
    } else if r.value > 0.0 && r.value < 1.0 {
        Share::TinyPercent(r.value / 100.0)
    } else {
        Share::Sure(r.value / 100.0)
    };
    if s.fraction() > 1.0 + 1e-9 {
        return Err(CellProblem::ShareAbove100(if r.formatted_percent {
            format!("{}%", number_text(r.value * 100.0))
        } else {
            v.text().into()
        }));
    }
    Ok(Some(s))
}

/// Reads a whole count (vehicles).
///
/// # Errors
/// As [`number`], and a fraction.
pub(crate) fn count(v: &Value<'_>) -> Result<Option<u32>, CellProblem> {
    // Vehicles are no mass: the bound on masses does not apply.
    match number(v, Unit::Vehicles, f64::INFINITY)? {
        None => Ok(None),
        Some(n) if n.fract() != 0.0 || n > u32::MAX as f64 => {
            Err(CellProblem::NotWhole(v.text().into()))
        }
        Some(n) => Ok(Some(n as u32)),
    }
}

/// Reads 是否安装CEMS: 是/否, 有/无, 已安装/未安装 (and √/×, Y/N).
///
/// # Errors
/// Any other text.
pub(crate) fn yes_no(v: &Value<'_>) -> Result<Option<bool>, CellProblem> {
    let t: String = v
        .text()
        .nfkc()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    match t.as_str() {
        "" => Ok(None),
        "是" | "有" | "已安装" | "安装" | "√" | "y" | "yes" | "true" | "1" => {
            Ok(Some(true))
        }
        "否" | "无" | "未安装" | "没有" | "×" | "n" | "no" | "false" | "0" => {
            Ok(Some(false))
        }
        _ => Err(CellProblem::NotYesNo(v.text().into())),
    }
}

/// Splits 张三 13800138000 / 张三：0371-12345678 / 张三(13800138000) into name and phone:
/// the phone starts at the first digit (or a bracket or + right before one).
pub(crate) fn split_contact(text: &str) -> (String, String) {
    let t = text.trim();
    let start = t.char_indices().find(|(i, c)| {
        c.is_ascii_digit()
            || (matches!(c, '(' | '（' | '+')
                && t[i + c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit()))
    });
    let Some((i, _)) = start else {
        return (t.to_string(), String::new());
    };
    let seps: &[char] = &[' ', ':', '：', ',', '，', '/', '、', '-', '—', '\u{3000}'];
    let name = t[..i].trim_end_matches(seps).trim().to_string();
    let phone = t[i..]
        .trim()
        .trim_end_matches([')', '）'])
        .trim_start_matches(['(', '（'])
        .to_string();
    (name, phone)
}

/// True when every number in a phone cell is an 11-digit mobile (1xxxxxxxxxx) or a landline
/// with its area code (0xxx-xxxxxxx, extensions allowed). Several numbers may be separated by
/// / 、 , ; or spaces.
pub(crate) fn phone_ok(raw: &str) -> bool {
    // Most cells hold one plain mobile number; the check runs for every contact and measure
    // owner of a list (hundreds of thousands of cells at county size), so that case is
    // answered without normalising. An ASCII text is its own NFKC form.
    if is_plain_mobile(raw) {
        return true;
    }
    let t: Cow<str> = if raw.is_ascii() {
        Cow::Borrowed(raw)
    } else {
        Cow::Owned(raw.nfkc().collect())
    };
    let parts: Vec<&str> = t
        .split(['/', '、', ',', ';', ' ', '\n'])
        .filter(|p| !p.trim().is_empty())
        .collect();
    !parts.is_empty() && parts.iter().all(|p| one_phone_ok(p.trim()))
}

/// Exactly eleven ASCII digits starting with 1: what [`one_phone_ok`] calls a mobile.
fn is_plain_mobile(raw: &str) -> bool {
    raw.len() == 11 && raw.starts_with('1') && raw.bytes().all(|b| b.is_ascii_digit())
}

fn one_phone_ok(p: &str) -> bool {
    // An extension (转123 / ext / -123 after a full number) does not matter for reaching them.
    let main = p.split(['转', '#']).next().unwrap_or(p);
    let main = main.trim_start_matches("+86").trim_start_matches("86-");
    let digits: String = main.chars().filter(char::is_ascii_digit).collect();
    let only_phone_chars = main
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '(' | ')'));
    if !only_phone_chars {
        return false;
    }
    let mobile = digits.len() == 11 && digits.starts_with('1') && !main.contains('-');
    let landline = digits.starts_with('0') && (10..=12).contains(&digits.len())
        || landline_with_extension(main);
    mobile || landline
}

/// 0xxx-xxxxxxx-123: area code, number and an extension.
fn landline_with_extension(main: &str) -> bool {
    let groups: Vec<&str> = main.split('-').collect();
    groups.len() == 3
        && groups[0].starts_with('0')
        && (3..=4).contains(&groups[0].len())
        && (7..=8).contains(&groups[1].len())
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::header::normalise::Period;
    use std::borrow::Cow;

    fn text(s: &str) -> Value<'_> {
        Value::Text(Cow::Borrowed(s))
    }
    fn num(v: f64) -> Value<'static> {
        Value::Number {
            value: v,
            percent: false,
        }
    }
    const TA: Unit = Unit::Mass {
        to_tonnes: 1.0,
        per: Some(Period::Year),
    };

    #[test]
    fn reads_plain_numbers() {
        assert_eq!(number(&num(12.5), TA, MAX_TONNES_PER_YEAR), Ok(Some(12.5)));
        assert_eq!(
            number(&text(" 1,234.5 "), TA, MAX_TONNES_PER_YEAR),
            Ok(Some(1234.5))
        );
        assert_eq!(
            number(&text("１２"), TA, MAX_TONNES_PER_YEAR),
            Ok(Some(12.0))
        );
        assert_eq!(number(&Value::Empty, TA, MAX_TONNES_PER_YEAR), Ok(None));
        assert_eq!(number(&text("/"), TA, MAX_TONNES_PER_YEAR), Ok(None));
        assert_eq!(number(&text("  "), TA, MAX_TONNES_PER_YEAR), Ok(None));
    }

    #[test]
    fn accepts_a_trailing_unit_that_matches() {
        assert_eq!(
            number(&text("30吨"), TA, MAX_TONNES_PER_YEAR),
            Ok(Some(30.0))
        );
        assert_eq!(
            number(&text("30t/a"), TA, MAX_TONNES_PER_YEAR),
            Ok(Some(30.0))
        );
        assert_eq!(
            number(&text("30 吨/年"), TA, MAX_TONNES_PER_YEAR),
            Ok(Some(30.0))
        );
        assert_eq!(
            number(&text("30kg"), TA, MAX_TONNES_PER_YEAR),
            Err(CellProblem::WrongUnit("30kg".into()))
        );
        assert_eq!(
            number(&text("30t/d"), TA, MAX_TONNES_PER_YEAR),
            Err(CellProblem::WrongUnit("30t/d".into()))
        );
        assert_eq!(
            number(&text("300天"), Unit::Days, MAX_TONNES_PER_YEAR),
            Ok(Some(300.0))
        );
    }

    #[test]
    fn refuses_other_text_negatives_and_errors() {
        assert_eq!(
            number(&text("约30"), TA, MAX_TONNES_PER_YEAR),
            Err(CellProblem::NotANumber("约30".into()))
        );
        assert_eq!(
            number(&text("三十"), TA, MAX_TONNES_PER_YEAR),
            Err(CellProblem::NotANumber("三十".into()))
        );
        assert_eq!(
            number(&num(-1.0), TA, MAX_TONNES_PER_YEAR),
            Err(CellProblem::Negative("-1".into()))
        );
        assert_eq!(
            number(&text("-2.5"), TA, MAX_TONNES_PER_YEAR),
            Err(CellProblem::Negative("-2.5".into()))
        );
        assert_eq!(
            number(&Value::Error("#N/A".into()), TA, MAX_TONNES_PER_YEAR),
            Err(CellProblem::ErrorValue("#N/A".into()))
        );
        assert!(CellProblem::NotANumber("x".into()).message().contains("x"));
    }

    #[test]
    fn reads_shares_in_every_form() {
        let f = |v: &Value<'_>, known| share(v, known).unwrap().map(Share::fraction);
        assert_eq!(f(&num(30.0), true), Some(0.3));
        assert_eq!(f(&text("30%"), true), Some(0.3));
        assert_eq!(f(&text("30％"), true), Some(0.3));
        assert_eq!(f(&text("30"), true), Some(0.3));
        let pct = Value::Number {
            value: 0.3,
            percent: true,
        };
        assert_eq!(share(&pct, true), Ok(Some(Share::Sure(0.3))));
        assert_eq!(share(&num(0.5), true), Ok(Some(Share::TinyPercent(0.005))));
        assert_eq!(
            share(&num(0.5), false),
            Ok(Some(Share::AssumedFraction(0.5)))
        );
        assert_eq!(
            share(&num(1.0), false),
            Ok(Some(Share::AssumedFraction(1.0)))
        );
        assert_eq!(f(&num(100.0), true), Some(1.0));
        assert_eq!(f(&Value::Empty, true), None);
        assert_eq!(
            share(&num(150.0), true),
            Err(CellProblem::ShareAbove100("150".into()))
        );
        assert_eq!(
            share(&text("-5%"), true),
            Err(CellProblem::Negative("-5".into()))
        );
        assert!(share(&text("不低于30%"), true).is_err());
    }

    #[test]
    fn refuses_overflowing_and_implausible_amounts() {
        let t_a = Unit::Mass {
            to_tonnes: 1.0,
            per: Some(super::super::header::Period::Year),
        };
        let long = "9".repeat(400);
        assert!(matches!(
            number(&text(&long), t_a, MAX_TONNES_PER_YEAR),
            Err(CellProblem::Overflow(t)) if t.starts_with("99999") && !t.contains("inf")
        ));
        assert!(matches!(
            number(&num(1e308), t_a, MAX_TONNES_PER_YEAR),
            Err(CellProblem::Implausible(_, max)) if max == MAX_TONNES_PER_YEAR
        ));
        assert_eq!(
            number(&num(999_999.0), t_a, MAX_TONNES_PER_YEAR),
            Ok(Some(999_999.0))
        );
        let kg_d = Unit::Mass {
            to_tonnes: 0.001,
            per: Some(super::super::header::Period::Day),
        };
        assert_eq!(
            number(&num(1_000_000.0), kg_d, MAX_TONNES_PER_YEAR),
            Ok(Some(1_000_000.0))
        );
        let t_d = Unit::Mass {
            to_tonnes: 1.0,
            per: Some(super::super::header::Period::Day),
        };
        assert!(
            number(&num(3_000.0), t_d, MAX_TONNES_PER_YEAR).is_err(),
            "3,000 t/d is 1.1 Mt/a"
        );
        // A store's lowered bound refuses what the default accepts, and says its own bound.
        let lowered = number(&num(999_999.0), t_a, 5_000.0).unwrap_err();
        assert!(
            lowered.message().contains("上限5000吨/年"),
            "{}",
            lowered.message()
        );
        assert_eq!(number(&num(5_000.0), t_a, 5_000.0), Ok(Some(5_000.0)));
    }

    #[test]
    fn reads_counts_and_yes_no() {
        assert_eq!(count(&num(12.0)), Ok(Some(12)));
        assert_eq!(count(&text("12辆")), Ok(Some(12)));
        assert!(count(&num(1.5)).is_err());
        for y in ["是", "有", "已安装", "√"] {
            assert_eq!(yes_no(&text(y)), Ok(Some(true)), "{y}");
        }
        for n in ["否", "无", "未安装"] {
            assert_eq!(yes_no(&text(n)), Ok(Some(false)), "{n}");
        }
        assert!(yes_no(&text("不清楚")).is_err());
        assert_eq!(yes_no(&Value::Empty), Ok(None));
    }

    #[test]
    fn splits_name_and_phone() {
        let s = |t: &str| split_contact(t);
        assert_eq!(s("张三 13800138000"), ("张三".into(), "13800138000".into()));
        assert_eq!(
            s("张三：0371-12345678"),
            ("张三".into(), "0371-12345678".into())
        );
        assert_eq!(
            s("张三(13800138000)"),
            ("张三".into(), "13800138000".into())
        );
        assert_eq!(s("张三"), ("张三".into(), String::new()));
        assert_eq!(s("13800138000"), (String::new(), "13800138000".into()));
    }

    #[test]
    fn checks_phones() {
        assert!(phone_ok("13800138000"));
        assert!(phone_ok("0371-12345678"));
        assert!(phone_ok("037112345678"));
        assert!(phone_ok("0371-1234567-801"));
        assert!(phone_ok("13800138000/0371-12345678"));
        assert!(phone_ok("（0371）12345678"));
        assert!(!phone_ok("12345678"), "no area code");
        assert!(!phone_ok("1380013800"), "10-digit mobile");
        assert!(!phone_ok("张三"));
        assert!(!phone_ok(""));
        assert!(phone_ok("１３８００１３８０００"), "full-width digits");
        assert!(!phone_ok("23800138000"), "11 digits not starting with 1");
    }

    /// The shortcut for a plain mobile says what the full check says.
    #[test]
    fn the_plain_mobile_shortcut_agrees_with_the_full_check() {
        for n in [
            "13800138000",
            "19999999999",
            "10000000000",
            "23800138000",
            "03711234567",
        ] {
            assert!(!is_plain_mobile(n) || one_phone_ok(n), "{n}");
            assert_eq!(phone_ok(n), one_phone_ok(n), "{n}");
        }
        assert!(!is_plain_mobile("1380013800a"));
        assert!(!is_plain_mobile("１３８００１３８０００"));
    }
}
