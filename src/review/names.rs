//! Text helpers of the rules: enterprise names compared loosely, rotation batches read from a
//! measure text.

/// Full-width forms to half-width; the ideographic space to a space.
fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// An enterprise name as compared for duplicates: half-width, without spaces or brackets
/// (their content kept), Latin letters upper-cased, and 有限责任公司 written as 有限公司 —
/// so that 甲（河南）化工有限责任公司 and 甲(河南)化工 有限公司 are one name.
pub fn normalise_enterprise_name(name: &str) -> String {
    name.chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace() && !"()[]{}【】〔〕<>《》".contains(*c))
        .collect::<String>()
        .to_uppercase()
        .replace("有限责任公司", "有限公司")
}

/// A Chinese or Arabic count at the start of `s` (分四批, 4个批次): its value and byte length.
fn count_at(s: &str) -> Option<(u32, usize)> {
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        return digits.parse().ok().map(|n| (n, digits.len()));
    }
    let c = s.chars().next()?;
    let n = match c {
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 10,
        _ => return None,
    };
    Some((n, c.len_utf8()))
}

/// The number of batches of a rotating stop (轮流停产 / 轮停 / 轮换), from 分4批, 4个批次,
/// 4批次, 四批轮流 …; `None` where the text does not rotate or names no count.
pub fn rotation_batches(text: &str) -> Option<u32> {
    let t: String = text
        .chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace())
        .collect();
    if !t.contains('轮') {
        return None;
    }
    let mut most = None;
    for (i, _) in t.char_indices() {
        if let Some((n, len)) = count_at(&t[i..]) {
            let after = &t[i + len..];
            let after = after.strip_prefix('个').unwrap_or(after);
            if after.starts_with('批') || after.starts_with("组轮") {
                most = Some(most.map_or(n, |m: u32| m.max(n)));
            }
        }
    }
    most
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_loosely() {
        assert_eq!(
            normalise_enterprise_name("甲（河南）化工有限责任公司"),
            normalise_enterprise_name("甲(河南)化工 有限公司")
        );
        assert_eq!(
            normalise_enterprise_name("ＡＢＣ建材有限公司"),
            normalise_enterprise_name("abc建材有限公司")
        );
        assert_ne!(
            normalise_enterprise_name("甲化工有限公司"),
            normalise_enterprise_name("乙化工有限公司")
        );
    }

    #[test]
    fn reads_batches() {
        assert_eq!(rotation_batches("分4批轮流停产"), Some(4));
        assert_eq!(rotation_batches("轮流停产，共4个批次"), Some(4));
        assert_eq!(rotation_batches("分四批轮流停产"), Some(4));
        assert_eq!(rotation_batches("分 ４ 批 轮流停产"), Some(4));
        assert_eq!(rotation_batches("分3批次轮流停产"), Some(3));
        assert_eq!(rotation_batches("分两批轮停"), Some(2));
        assert_eq!(rotation_batches("轮流停产"), None);
        assert_eq!(rotation_batches("分4批停产"), None, "not a rotation");
    }
}
