//! Reading a reduction share out of the free text of a 减排措施 cell (`reduction-method.md`,
//! step 3).
//!
//! Lists write measures as prose (停产50%, 日投料量由960t降至768t, 全厂停产 …). Only a few
//! shapes carry a number we can trust; everything else is reported as not understood so that
//! the county asks for an explicit 减排比例 rather than the engine guessing.
//!
//! Choices beyond the spec, written down so that they can be argued with:
//! - 限产至70% / 限产到70% (production limited *to* 70 %) is read as a share of 30 %.
//! - A lowering verb followed by a percentage without 由 (负荷降至70%) is read as `1 − 70 %`.
//! - Where a text holds several measures, a bare stop (停产 without a percentage) and
//!   不停产 / 正常生产 count as shares of 100 % and 0 % among them; the largest share counts
//!   and a split warning is raised only when the shares differ (two lines both at 50 % are
//!   correctly a 50 % row).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// How a share was read from the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MeasureKind {
    /// 停产 / 限产 followed by a percentage.
    Percentage,
    /// A quantity lowered from A to B: `1 − B/A`.
    Lowered,
    /// A whole stop (停产, 停止生产, 关停 … without 轮流): 100 %.
    Stop,
    /// Explicitly no reduction (自主减排, 无, 不停产, 正常生产): 0 %.
    NoReduction,
    /// Nothing we can read a share from: 0 % and a warning.
    NotUnderstood,
}

/// What the measure text says about the share of emissions cut.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MeasureReading {
    /// The share as a fraction (0.3 for 30 %); 0 when not understood.
    pub share: f64,
    /// How the (largest) share was read.
    pub kind: MeasureKind,
    /// True when the text holds several different shares: the largest was taken and the row
    /// should be split by process step.
    pub several: bool,
}

impl MeasureReading {
    /// True when the text gave a share (possibly 0 %) the engine can stand behind.
    pub fn understood(&self) -> bool {
        self.kind != MeasureKind::NotUnderstood
    }
}

/// Words that lower a quantity: 由A降至B.
const LOWER_VERBS: [&str; 18] = [
    "降低到",
    "降低至",
    "降低为",
    "下降到",
    "下降至",
    "下降为",
    "减少到",
    "减少至",
    "减少为",
    "压减到",
    "压减至",
    "调减至",
    "降至",
    "降到",
    "降为",
    "减至",
    "减到",
    "压至",
];

/// Stop words that mean the whole row stops when no percentage follows them.
const STOP_WORDS: [&str; 3] = ["停产", "停止生产", "关停"];

/// Characters that end a clause: a percentage or quantity never reaches across them.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        ',' | '，' | ';' | '；' | '。' | '、' | '\n' | '(' | ')' | '/' | '|'
    )
}

/// Full-width characters to half-width (NFKC) and every kind of space removed, without
/// allocating for the common already-clean text.
fn normalise(text: &str) -> Cow<'_, str> {
    let clean =
        is_nfkc_quick(text.chars()) == IsNormalized::Yes && !text.chars().any(char::is_whitespace);
    if clean {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfkc().filter(|c| !c.is_whitespace()).collect())
    }
}

/// A plain decimal number at the start of `s`: its value and byte length.
fn number_at(s: &str) -> Option<(f64, usize)> {
    let mut end = 0;
    let mut dot = false;
    for (i, c) in s.char_indices() {
        if c.is_ascii_digit() {
            end = i + 1;
        } else if c == '.' && !dot && end == i && end > 0 {
            dot = true;
        } else {
            break;
        }
    }
    if end == 0 {
        return None;
    }
    s[..end].parse().ok().map(|v| (v, end))
}

/// After 停产/限产: a short gap (不低于, 比例为, 至 …) then `N%`. Returns the share.
fn percent_after(rest: &str) -> Option<f64> {
    let mut to = false;
    for (gap, (i, c)) in rest.char_indices().enumerate() {
        if c.is_ascii_digit() {
            let (v, len) = number_at(&rest[i..])?;
            if !rest[i + len..].starts_with('%') || !(0.0..=100.0).contains(&v) {
                return None;
            }
            let v = v / 100.0;
            return Some(if to { 1.0 - v } else { v });
        }
        if gap >= 8 || is_separator(c) || c == '%' {
            return None;
        }
        if c == '至' || c == '到' {
            to = true;
        }
    }
    None
}

/// The verb of `LOWER_VERBS` that `s` starts with.
fn lower_verb_at(s: &str) -> Option<&'static str> {
    LOWER_VERBS.iter().copied().find(|v| s.starts_with(v))
}

/// 由A…降至B…: the share `1 − B/A` (`None` where B is not below A) and the byte position of
/// the verb (so that the verb is not read a second time on its own).
fn lowered_from(t: &str, at: usize) -> Option<(Option<f64>, usize)> {
    let rest = &t[at + '由'.len_utf8()..];
    let (a, len) = number_at(rest)?;
    let after_a = &rest[len..];
    for (gap, (i, c)) in after_a.char_indices().enumerate() {
        if let Some(verb) = lower_verb_at(&after_a[i..]) {
            let (b, _) = number_at(&after_a[i + verb.len()..])?;
            let verb_pos = at + '由'.len_utf8() + len + i;
            let share = (a > 0.0 && b <= a).then(|| 1.0 - b / a);
            return Some((share, verb_pos));
        }
        if gap >= 8 || c.is_ascii_digit() || is_separator(c) {
            return None;
        }
    }
    None
}

/// Every share the text states, with its kind.
fn shares_in(t: &str) -> Vec<(f64, MeasureKind)> {
    let mut found = Vec::new();
    let mut used_stops = Vec::new();
    for kw in ["停产", "限产"] {
        for (i, _) in t.match_indices(kw) {
            if let Some(s) = percent_after(&t[i + kw.len()..]) {
                found.push((s, MeasureKind::Percentage));
                used_stops.push(i);
            }
        }
    }
    let mut used_verbs = Vec::new();
    for (i, _) in t.match_indices('由') {
        if let Some((share, verb)) = lowered_from(t, i) {
            if let Some(s) = share {
                found.push((s, MeasureKind::Lowered));
            }
            used_verbs.push(verb);
        }
    }
    for (i, _) in t.char_indices() {
        if used_verbs.contains(&i) {
            continue;
        }
        if let Some(verb) = lower_verb_at(&t[i..]) {
            let after = &t[i + verb.len()..];
            if let Some((v, len)) = number_at(after) {
                if after[len..].starts_with('%') && v <= 100.0 {
                    found.push((1.0 - v / 100.0, MeasureKind::Lowered));
                }
            }
        }
    }
    if !t.contains("轮流") {
        for w in STOP_WORDS {
            for (i, _) in t.match_indices(w) {
                let negated = t[..i].ends_with('不');
                if !negated && !used_stops.contains(&i) {
                    found.push((1.0, MeasureKind::Stop));
                }
            }
        }
    }
    if !found.is_empty() && (t.contains("不停产") || t.contains("正常生产")) {
        found.push((0.0, MeasureKind::NoReduction));
    }
    found
}

/// True when the text says, in so many words, that nothing is cut.
fn says_no_reduction(t: &str) -> bool {
    let bare = t.trim_matches(|c: char| c.is_ascii_punctuation() || "。，；、".contains(c));
    t.contains("自主减排")
        || t.contains("不停产")
        || t.contains("正常生产")
        || matches!(bare, "无" | "无措施" | "暂无")
}

/// Reads a measure text (`reduction-method.md`, step 3).
///
/// Full-width characters are normalised first. The patterns, in order: 停产/限产 + a
/// percentage; a quantity lowered from A to B (`1 − B/A`); a whole stop (停产, 停止生产,
/// 全厂停产, 全部停产, 关停, not 轮流) = 100 %; 自主减排 / 无 / 不停产 / 正常生产 = 0 %;
/// anything else is 0 % and not understood. Several different shares: the largest counts
/// and `several` is set.
pub fn read_measure(text: &str) -> MeasureReading {
    let t = normalise(text);
    let found = shares_in(&t);
    if let Some(&(first, _)) = found.first() {
        let (share, kind) = found.iter().copied().fold(
            (f64::NEG_INFINITY, MeasureKind::NotUnderstood),
            |acc, x| {
                if x.0 > acc.0 {
                    x
                } else {
                    acc
                }
            },
        );
        let several = found.iter().any(|(s, _)| (s - first).abs() > 1e-9);
        return MeasureReading {
            share: share.clamp(0.0, 1.0),
            kind,
            several,
        };
    }
    let kind = if says_no_reduction(&t) {
        MeasureKind::NoReduction
    } else {
        MeasureKind::NotUnderstood
    };
    MeasureReading {
        share: 0.0,
        kind,
        several: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share(text: &str) -> f64 {
        let r = read_measure(text);
        assert!(r.understood(), "{text} not understood");
        r.share
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn percentages_after_stop_or_limit() {
        assert!(close(share("停产50%"), 0.5));
        assert!(close(share("限产不低于30%"), 0.3));
        assert!(close(share("限产 20 %"), 0.2));
        assert!(close(share("限产30%以上"), 0.3));
        assert!(close(share("限产３０％"), 0.3));
        assert!(close(share("限产比例为 12.5%"), 0.125));
        assert_eq!(read_measure("停产50%").kind, MeasureKind::Percentage);
    }

    #[test]
    fn limited_to_a_level_is_the_rest() {
        assert!(close(share("限产至70%"), 0.3));
    }

    #[test]
    fn lowered_quantities() {
        assert!(close(share("由960吨降低到768吨"), 0.2));
        assert!(close(share("日投料量由 960 t 降至 768 t"), 0.2));
        assert!(close(share("负荷由100%降至70%"), 0.3));
        assert!(close(share("日投料量由９６０ｔ降至７６８ｔ"), 0.2));
        assert!(close(share("生产负荷降至60%"), 0.4));
        assert_eq!(read_measure("负荷由100%降至70%").kind, MeasureKind::Lowered);
    }

    #[test]
    fn a_rise_is_not_a_lowering() {
        assert!(!read_measure("由70%降至100%").understood());
    }

    #[test]
    fn whole_stops() {
        for t in [
            "停产",
            "停止生产",
            "全厂停产",
            "全部停产",
            "关停",
            "窑炉停产。",
        ] {
            let r = read_measure(t);
            assert_eq!(r.kind, MeasureKind::Stop, "{t}");
            assert!(close(r.share, 1.0), "{t}");
        }
    }

    #[test]
    fn rotation_without_share_is_not_understood() {
        let r = read_measure("轮流停产");
        assert!(!r.understood());
        assert_eq!(r.share, 0.0);
        assert!(close(share("分两批轮流停产，每批停产50%"), 0.5));
    }

    #[test]
    fn explicit_no_reduction() {
        for t in ["自主减排", "无", "不停产", "正常生产", " 无 ", "无。"] {
            let r = read_measure(t);
            assert_eq!(r.kind, MeasureKind::NoReduction, "{t}");
            assert_eq!(r.share, 0.0);
        }
    }

    #[test]
    fn anything_else_is_not_understood() {
        for t in [
            "错峰运输",
            "强化治理",
            "加强管理，减少排放",
            "无组织排放加强管控",
        ] {
            let r = read_measure(t);
            assert_eq!(r.kind, MeasureKind::NotUnderstood, "{t}");
            assert_eq!(r.share, 0.0);
            assert!(!r.several);
        }
    }

    #[test]
    fn several_shares_take_the_largest() {
        let r = read_measure("1号线限产30%，2号线停产50%");
        assert!(close(r.share, 0.5));
        assert!(r.several);
        let r = read_measure("1号线不停产，2号线停产");
        assert!(close(r.share, 1.0));
        assert!(r.several);
        let r = read_measure("1号线停产50%，2号线停产50%");
        assert!(close(r.share, 0.5));
        assert!(!r.several);
    }

    #[test]
    fn numbers_that_are_not_shares_are_ignored() {
        let r = read_measure("停产1条生产线");
        assert_eq!(r.kind, MeasureKind::Stop);
        assert!(!read_measure("限产150%").understood());
    }
}
