//! Reading a reduction share out of the free text of a 减排措施 cell (`docs/method.md`,
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

/// Characters that end a clause: a percentage or quantity never reaches across them. An
/// opening bracket does not: 限产（30%） is 30 %.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        ',' | '，' | ';' | '；' | '。' | '、' | '\n' | ')' | '/' | '|'
    )
}

/// Whether a character is changed or dropped by [`normalise`].
fn needs_folding(c: char) -> bool {
    c.is_whitespace() || ('\u{FF01}'..='\u{FF5E}').contains(&c)
}

/// Full-width forms (０-９, ％, ．, ｔ, （ …) to their half-width characters, as NFKC does for
/// them, and every kind of space (the ideographic one too) removed. Borrows the text when
/// nothing changes; the fold is done by hand because full NFKC costs more than the rest of
/// the reading and the patterns only care about this block.
fn normalise(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_folding) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_whitespace() {
            continue;
        }
        if ('\u{FF01}'..='\u{FF5E}').contains(&c) {
            out.push(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
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
        // Units may hold a slash (吨/天, t/d); nothing else that ends a clause.
        if gap >= 10 || c.is_ascii_digit() || (is_separator(c) && c != '/') {
            return None;
        }
    }
    None
}

/// The shares found in one text: the largest, whether they differ, how many. Kept on the
/// stack: `check` reads one text per level of every source.
#[derive(Default)]
struct Found {
    count: usize,
    first: f64,
    largest: f64,
    kind: Option<MeasureKind>,
    differ: bool,
}

impl Found {
    fn push(&mut self, share: f64, kind: MeasureKind) {
        if self.count == 0 {
            self.first = share;
        } else if (share - self.first).abs() > 1e-9 {
            self.differ = true;
        }
        if self.count == 0 || share > self.largest {
            self.largest = share;
            self.kind = Some(kind);
        }
        self.count += 1;
    }
}

/// A few byte positions, on the stack (texts hold a handful of measures at most; beyond
/// 16 the extra positions are simply not remembered).
#[derive(Default)]
struct Positions {
    at: [usize; 16],
    len: usize,
}

impl Positions {
    fn push(&mut self, i: usize) {
        if self.len < self.at.len() {
            self.at[self.len] = i;
            self.len += 1;
        }
    }

    fn contains(&self, i: usize) -> bool {
        self.at[..self.len].contains(&i)
    }
}

/// First characters of `LOWER_VERBS`: only there can a verb start.
fn may_start_verb(c: char) -> bool {
    matches!(c, '降' | '下' | '减' | '压' | '调')
}

/// What one pass over the text finds.
#[derive(Default)]
struct Scan {
    found: Found,
    /// 停产 / 停止生产 / 关停 without a percentage and not negated by 不.
    bare_stops: usize,
    /// 轮流: a rotation, so a bare stop is not a whole stop.
    rotation: bool,
    /// 不停产 / 正常生产.
    keeps_running: bool,
    /// 自主减排.
    self_chosen: bool,
}

/// One pass over the text; the patterns are tried only where their first character is, so
/// that a list's 180,000 measure cells read quickly.
fn scan(t: &str) -> Scan {
    let mut sc = Scan::default();
    let mut used_verbs = Positions::default();
    for (i, c) in t.char_indices() {
        let rest = &t[i..];
        let negated = || t[..i].ends_with('不');
        match c {
            '停' | '限' if rest.starts_with("停产") || rest.starts_with("限产") => {
                if let Some(s) = percent_after(&rest["停产".len()..]) {
                    sc.found.push(s, MeasureKind::Percentage);
                } else if c == '停' && !negated() {
                    sc.bare_stops += 1;
                } else if c == '停' {
                    sc.keeps_running = true;
                }
            }
            '停' if rest.starts_with("停止生产") && !negated() => sc.bare_stops += 1,
            '关' if rest.starts_with("关停") && !negated() => sc.bare_stops += 1,
            '由' => {
                if let Some((share, verb)) = lowered_from(t, i) {
                    if let Some(s) = share {
                        sc.found.push(s, MeasureKind::Lowered);
                    }
                    used_verbs.push(verb);
                }
            }
            '轮' if rest.starts_with("轮流") => sc.rotation = true,
            '正' if rest.starts_with("正常生产") => sc.keeps_running = true,
            '自' if rest.starts_with("自主减排") => sc.self_chosen = true,
            c if may_start_verb(c) && !used_verbs.contains(i) => {
                if let Some(verb) = lower_verb_at(rest) {
                    let after = &rest[verb.len()..];
                    if let Some((v, len)) = number_at(after) {
                        if after[len..].starts_with('%') && v <= 100.0 {
                            sc.found.push(1.0 - v / 100.0, MeasureKind::Lowered);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if !sc.rotation {
        for _ in 0..sc.bare_stops {
            sc.found.push(1.0, MeasureKind::Stop);
        }
    }
    if sc.found.count > 0 && sc.keeps_running {
        sc.found.push(0.0, MeasureKind::NoReduction);
    }
    sc
}

/// True when the text says, in so many words, that nothing is cut.
fn says_no_reduction(t: &str, sc: &Scan) -> bool {
    let bare = t.trim_matches(|c: char| c.is_ascii_punctuation() || "。，；、".contains(c));
    sc.self_chosen || sc.keeps_running || matches!(bare, "无" | "无措施" | "暂无")
}

/// Reads a measure text (`docs/method.md`, step 3).
///
/// Full-width characters are normalised first. The patterns, in order: 停产/限产 + a
/// percentage; a quantity lowered from A to B (`1 − B/A`); a whole stop (停产, 停止生产,
/// 全厂停产, 全部停产, 关停, not 轮流) = 100 %; 自主减排 / 无 / 不停产 / 正常生产 = 0 %;
/// anything else is 0 % and not understood. Several different shares: the largest counts
/// and `several` is set.
pub fn read_measure(text: &str) -> MeasureReading {
    let t = normalise(text);
    let sc = scan(&t);
    let found = &sc.found;
    if let Some(kind) = found.kind {
        return MeasureReading {
            share: found.largest.clamp(0.0, 1.0),
            kind,
            several: found.differ,
        };
    }
    let kind = if says_no_reduction(&t, &sc) {
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
        assert!(close(share("限产（30%）"), 0.3));
        assert!(close(share("停产，限产"), 1.0));
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
        assert!(close(share("产量由1000吨/天降至500吨/天"), 0.5));
        assert!(close(share("日用电量由5万kWh降至3万kWh"), 0.4));
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
