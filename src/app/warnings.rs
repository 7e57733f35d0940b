//! Warnings grouped by kind, for people: a workbook where every credit code has a wrong check
//! character draws 60,000 warnings of one kind, which a screen or a terminal should show as
//! one line with its count and the first rows, not as 60,000 lines. The CLI's `import` (human
//! output) and the app's import preview both use [`group_warnings`]; `import --json` still
//! lists every warning, as `docs/cli.md` requires.
//!
//! Diagnostics carry no code, so the kind is read from the text: the same sheet, the same
//! column and the same message once the values it quotes (“…”) and the numbers in it are
//! taken out.

use std::collections::HashMap;
use std::fmt::Write;

use serde::Serialize;
use ts_rs::TS;

use super::render::place;
use crate::model::Diagnostic;

/// How many warnings of each kind are shown in full.
pub const FIRST_ROWS: usize = 5;

/// The warnings of one kind.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct WarningGroup {
    /// The sheet (`None` for the whole file).
    pub sheet: Option<String>,
    /// The column's header (`None` for a whole row or sheet).
    pub column: Option<String>,
    /// What is wrong: the first warning's message with the values it quotes shown as “…”.
    pub kind: String,
    /// How many warnings of this kind.
    pub count: usize,
    /// The first [`FIRST_ROWS`] of them, in the workbook's order.
    pub first: Vec<Diagnostic>,
}

/// `message` with every quoted value (“…”) replaced by “…”.
fn without_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(open) = rest.find('“') {
        out.push_str(&rest[..open]);
        let after = &rest[open + '“'.len_utf8()..];
        match after.find('”') {
            Some(close) => {
                out.push_str("“…”");
                rest = &after[close + '”'.len_utf8()..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The grouping key of a message, in one pass: quoted values out (an unclosed quote keeps
/// the rest), every run of digits one `#`.
fn shape(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    let mut in_number = false;
    while let Some(c) = rest.chars().next() {
        let width = c.len_utf8();
        if c == '“' {
            if let Some(close) = rest[width..].find('”') {
                out.push_str("“…”");
                rest = &rest[width + close + '”'.len_utf8()..];
                in_number = false;
                continue;
            }
        }
        if c.is_ascii_digit() || (in_number && c == '.') {
            if !in_number {
                out.push('#');
                in_number = true;
            }
        } else {
            in_number = false;
            out.push(c);
        }
        rest = &rest[width..];
    }
    out
}

/// `warnings` grouped by kind (sheet, column and message shape), the groups in the order
/// of their first warning.
pub fn group_warnings(warnings: &[Diagnostic]) -> Vec<WarningGroup> {
    let mut index: HashMap<(Option<&str>, Option<&str>, String), usize> = HashMap::new();
    let mut groups: Vec<WarningGroup> = Vec::new();
    for w in warnings {
        let key = (w.sheet.as_deref(), w.column.as_deref(), shape(&w.message));
        let i = *index.entry(key).or_insert_with(|| {
            groups.push(WarningGroup {
                sheet: w.sheet.clone(),
                column: w.column.clone(),
                kind: without_quoted(&w.message),
                count: 0,
                first: Vec::new(),
            });
            groups.len() - 1
        });
        let g = &mut groups[i];
        g.count += 1;
        if g.first.len() < FIRST_ROWS {
            g.first.push(w.clone());
        }
    }
    groups
}

/// The warnings for a terminal: a kind seen once is one line as before; a kind seen more
/// often is one line with its count, its first rows, and how many more there are.
pub(super) fn render_grouped(out: &mut String, title: &str, warnings: &[Diagnostic]) {
    if warnings.is_empty() {
        return;
    }
    let groups = group_warnings(warnings);
    let _ = writeln!(
        out,
        "{title}（{} 条，{} 类）：",
        warnings.len(),
        groups.len()
    );
    for g in &groups {
        if g.count == 1 {
            let d = &g.first[0];
            let _ = writeln!(out, "  - {}：{}", place(d), d.message);
            continue;
        }
        let whole = Diagnostic {
            sheet: g.sheet.clone(),
            row: None,
            column: g.column.clone(),
            message: String::new(),
        };
        let _ = writeln!(out, "  - {}：{}（{} 条）", place(&whole), g.kind, g.count);
        for d in &g.first {
            let _ = writeln!(out, "      {}：{}", place(d), d.message);
        }
        if g.count > g.first.len() {
            let _ = writeln!(
                out,
                "      …另有 {} 条同类警告（--json 列出全部）",
                g.count - g.first.len()
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    fn bad_code(row: u32) -> Diagnostic {
        let code = format!("91410529MA5KR{row:05}");
        Diagnostic::cell(
            "工业源清单",
            row,
            "统一社会信用代码",
            format!(
                "统一社会信用代码“{code}”校验位不符（按GB 32100-2015应为“{}”），请核对营业执照",
                row % 10
            ),
        )
    }

    #[test]
    fn sixty_thousand_bad_check_characters_are_one_group_quickly() {
        let warnings: Vec<Diagnostic> = (2..60_002).map(bad_code).collect();
        let start = Instant::now();
        let groups = group_warnings(&warnings);
        let mut text = String::new();
        render_grouped(&mut text, "警告", &warnings);
        let took = start.elapsed();
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].count, 60_000);
        assert_eq!(
            groups[0].first.iter().map(|d| d.row).collect::<Vec<_>>(),
            (2..7).map(Some).collect::<Vec<_>>()
        );
        assert_eq!(
            groups[0].kind,
            "统一社会信用代码“…”校验位不符（按GB 32100-2015应为“…”），请核对营业执照"
        );
        assert_eq!(text.lines().count(), 1 + 1 + FIRST_ROWS + 1, "{text}");
        assert!(text.contains("（60000 条）"), "{text}");
        assert!(text.contains("…另有 59995 条同类警告"), "{text}");
        // A guard against anything quadratic in an unoptimised build on a busy machine; the
        // release figure is in docs/exportui.md.
        assert!(took.as_secs() < 3, "grouping took {took:?}");
    }

    #[test]
    fn kinds_differ_by_column_sheet_and_wording() {
        let mut w = vec![bad_code(2), bad_code(3)];
        w.push(Diagnostic::cell(
            "工业源清单",
            4,
            "联系电话",
            "电话“123”不像11位手机号或带区号的固定电话，请核对（应急时需要能联系上）",
        ));
        w.push(Diagnostic::cell(
            "工业源清单",
            5,
            "比例",
            "比例填写为0.5，按0.5%计（比例按百分数填写）；如本意是50%，请改填50",
        ));
        w.push(Diagnostic::cell(
            "工业源清单",
            6,
            "比例",
            "比例填写为0.25，按0.25%计（比例按百分数填写）；如本意是25%，请改填25",
        ));
        w.push(Diagnostic::sheet("说明", "工作表“说明”的名称不含总表…"));
        let groups = group_warnings(&w);
        assert_eq!(
            groups.iter().map(|g| g.count).collect::<Vec<_>>(),
            vec![2, 1, 2, 1]
        );
        let mut text = String::new();
        render_grouped(&mut text, "警告", &w);
        // A kind seen once keeps its one line with its place.
        assert!(
            text.contains("  - 说明：工作表“说明”的名称不含总表…"),
            "{text}"
        );
        assert!(text.starts_with("警告（6 条，4 类）："), "{text}");
        assert!(!text.contains("另有"), "{text}");
    }

    #[test]
    fn an_unclosed_quote_is_kept() {
        assert_eq!(without_quoted("值“abc"), "值“abc");
        assert_eq!(shape("第12.5行“x”"), "第#行“…”");
    }

    #[test]
    fn no_warnings_print_nothing() {
        let mut text = String::new();
        render_grouped(&mut text, "警告", &[]);
        assert!(text.is_empty());
        assert!(group_warnings(&[]).is_empty());
    }
}
