//! Column alignment for terminal tables with Chinese text: CJK characters take two columns.

/// The number of terminal columns `s` takes (East Asian wide characters count two).
pub(super) fn display_width(s: &str) -> usize {
    s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6)
}

/// `s` followed by spaces up to `width` columns.
pub(super) fn pad_right(s: &str, width: usize) -> String {
    let fill = width.saturating_sub(display_width(s));
    format!("{s}{}", " ".repeat(fill))
}

/// Spaces then `s`, right-aligned in `width` columns.
pub(super) fn pad_left(s: &str, width: usize) -> String {
    let fill = width.saturating_sub(display_width(s));
    format!("{}{s}", " ".repeat(fill))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counts_double_and_ascii_single() {
        assert_eq!(display_width("SO2"), 3);
        assert_eq!(display_width("减排量"), 6);
        assert_eq!(display_width("（t/d）"), 7);
        assert_eq!(pad_right("污染物", 8), "污染物  ");
        assert_eq!(pad_left("5.00%", 8), "   5.00%");
    }
}
