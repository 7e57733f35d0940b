//! Reading emission stages (国三, 国Ⅳ, 第二阶段 …) and the vehicle bans of a measure text
//! (停止使用国四及以下重型载货车辆, 仅允许国六及新能源车辆运输, 停止新能源车以外的公路运输).
//!
//! Stages are numbers 1–6; [`ALL_FOSSIL`] stands for "everything but new-energy vehicles".
//! "X及以下" includes X; a bare "X以下" (国三阶段以下) excludes it, as the seeds use it
//! ("禁止使用国三阶段以下排放标准" is read as 国一 and 国二).

/// A ban of every vehicle that is not new-energy (停止新能源车以外的公路运输, 停止公路运输).
pub const ALL_FOSSIL: u8 = 7;

/// Verbs that stop or forbid something in a measure text.
const STOP_VERBS: [&str; 7] = ["停止", "禁止", "停用", "禁用", "不得", "停运", "不使用"];

/// The stage written right at the start of `s` (after 国 or 第): 一…六, Ⅰ…Ⅵ, I…VI, 1…6;
/// with its byte length.
fn stage_at(s: &str) -> Option<(u8, usize)> {
    const FORMS: [(&str, u8); 24] = [
        ("VI", 6),
        ("IV", 4),
        ("V", 5),
        ("III", 3),
        ("II", 2),
        ("I", 1),
        ("Ⅵ", 6),
        ("Ⅴ", 5),
        ("Ⅳ", 4),
        ("Ⅲ", 3),
        ("Ⅱ", 2),
        ("Ⅰ", 1),
        ("六", 6),
        ("五", 5),
        ("四", 4),
        ("三", 3),
        ("二", 2),
        ("一", 1),
        ("6", 6),
        ("5", 5),
        ("4", 4),
        ("3", 3),
        ("2", 2),
        ("1", 1),
    ];
    FORMS
        .iter()
        .find(|(f, _)| s.starts_with(f))
        .map(|(f, n)| (*n, f.len()))
}

/// The name of a stage for messages.
pub fn stage_name(n: u8) -> &'static str {
    ["国零", "国一", "国二", "国三", "国四", "国五", "国六"]
        .get(usize::from(n))
        .copied()
        .unwrap_or("新能源以外")
}

/// The highest stage a measure text bans (every stage up to it is banned too), or `None`
/// where it bans no vehicles.
pub fn banned_up_to(text: &str) -> Option<u8> {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    let stops = STOP_VERBS.iter().any(|v| t.contains(v));
    let only = ["仅允许", "只允许", "仅使用", "只使用", "仅限"]
        .iter()
        .any(|v| t.contains(v));
    let mut best: Option<u8> = None;
    let mut raise = |n: u8| best = Some(best.map_or(n, |b| b.max(n)));
    if t.contains("新能源") && (only || t.contains("以外") || t.contains("除外")) && (stops || only)
    {
        // 停止新能源车以外的公路运输 / 仅允许新能源车辆: only new-energy vehicles run.
        if !t.contains("国五") && !t.contains("国六") && !t.contains("国Ⅵ") && !t.contains("国VI")
        {
            raise(ALL_FOSSIL);
        }
    }
    if stops && (t.contains("停止公路运输") || t.contains("停止运输") || t.contains("全部停运"))
    {
        raise(ALL_FOSSIL);
    }
    for (i, _) in t.match_indices('国') {
        let Some((n, len)) = stage_at(&t[i + '国'.len_utf8()..]) else {
            continue;
        };
        let after = &t[i + '国'.len_utf8() + len..];
        let after = after
            .trim_start_matches("阶段")
            .trim_start_matches("排放标准");
        if only {
            // 仅允许国五及以上 / 仅允许国六及新能源: everything older is banned.
            raise(n - 1);
        } else if stops && after.starts_with("及以下") {
            raise(n);
        } else if stops && after.starts_with("以下") {
            raise(n - 1);
        } else if stops {
            raise(n);
        }
    }
    best.filter(|n| *n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bans() {
        assert_eq!(banned_up_to("国四及以下重型柴油货车停止进出厂区"), Some(4));
        assert_eq!(
            banned_up_to("停止使用国Ⅳ及以下排放标准重型载货车辆（含燃气）运输"),
            Some(4)
        );
        assert_eq!(banned_up_to("仅允许国六及新能源车辆运输"), Some(5));
        assert_eq!(banned_up_to("停止新能源车以外的公路运输"), Some(ALL_FOSSIL));
        assert_eq!(banned_up_to("停止公路运输"), Some(ALL_FOSSIL));
        assert_eq!(banned_up_to("禁止使用国三阶段以下非道路移动机械"), Some(2));
        assert_eq!(banned_up_to("错峰运输，减少重型柴油货车进出厂区"), None);
        assert_eq!(banned_up_to("国四车辆照常运输"), None);
    }
}
