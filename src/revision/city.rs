//! The city's review round (`docs/revision.md`, City merge): a city store holds several
//! counties' lists; the reviewer sends each county its own 审核意见表 and, when the county's
//! corrected list comes back, sees which findings are fixed (已整改), still open or new.
//!
//! - A finding belongs to the county of its record: the enterprise (by code, else name),
//!   else the site or fleet of that name. Findings about the whole area (no record, such as
//!   `target-missed`) are the city's own and go to no county sheet; a record with no county
//!   goes to 未填写区县.
//! - A finding is recognised across re-imports by its [`fingerprint`]: rule, record (code,
//!   else name) and message with its figures left out, so that a reworded number (a median
//!   that moved because a peer changed) does not turn an open finding into a fixed and a new
//!   one, while a finding about another line or level stays distinct.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};

use crate::export::ExportError;
use crate::model::List;
use crate::review::{Finding, FindingStatus, Severity};
use crate::store::SentFinding;

/// The county name used for records with a blank 所属区县.
pub const NO_COUNTY: &str = "未填写区县";

/// The county a finding is about; `None` for findings about the whole area.
pub fn county_of(list: &List, f: &Finding) -> Option<String> {
    let name = f.enterprise.as_deref()?;
    let county = list
        .enterprises
        .iter()
        .find(|e| f.code.as_deref().is_some_and(|c| c == e.code))
        .or_else(|| list.enterprises.iter().find(|e| e.name == name))
        .map(|e| e.county.clone())
        .or_else(|| {
            list.sites
                .iter()
                .find(|s| s.name == name)
                .map(|s| s.county.clone())
        })
        .or_else(|| {
            list.fleets
                .iter()
                .find(|x| x.name == name)
                .map(|x| x.county.clone())
        })?;
    let county = county.trim();
    Some(if county.is_empty() {
        NO_COUNTY.to_string()
    } else {
        county.to_string()
    })
}

/// What identifies a finding across re-imports: rule, record, and the message without its
/// digits.
pub fn fingerprint(f: &Finding) -> String {
    let record = f
        .code
        .clone()
        .or_else(|| f.enterprise.clone())
        .unwrap_or_default();
    let text: String = f
        .message
        .chars()
        .filter(|c| !c.is_ascii_digit() && *c != '.')
        .collect();
    format!("{}|{record}|{text}", f.rule)
}

/// The findings of `list` grouped by county (counties sorted by name); area-wide findings
/// are left out.
pub fn by_county(list: &List, findings: &[Finding]) -> BTreeMap<String, Vec<Finding>> {
    let mut out: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
    for f in findings {
        if let Some(county) = county_of(list, f) {
            out.entry(county).or_default().push(f.clone());
        }
    }
    out
}

/// Marks `findings` against the sheets sent: a finding of a county that was sent one is
/// `open` when it was on it, else `new`; every sent finding no longer found is appended as
/// `fixed`. Nothing changes when no sheet was ever sent.
pub fn with_status(list: &List, mut findings: Vec<Finding>, sent: &[SentFinding]) -> Vec<Finding> {
    if sent.is_empty() {
        return findings;
    }
    let counties: HashSet<&str> = sent.iter().map(|s| s.county.as_str()).collect();
    let sent_prints: HashSet<(&str, &str)> = sent
        .iter()
        .map(|s| (s.county.as_str(), s.fingerprint.as_str()))
        .collect();
    let mut current = HashSet::new();
    for f in &mut findings {
        let Some(county) = county_of(list, f) else {
            continue;
        };
        if !counties.contains(county.as_str()) {
            continue;
        }
        let print = fingerprint(f);
        f.status = Some(
            if sent_prints.contains(&(county.as_str(), print.as_str())) {
                FindingStatus::Open
            } else {
                FindingStatus::New
            },
        );
        current.insert((county, print));
    }
    for s in sent {
        if !current.contains(&(s.county.clone(), s.fingerprint.clone())) {
            let mut fixed = s.finding.clone();
            fixed.status = Some(FindingStatus::Fixed);
            findings.push(fixed);
        }
    }
    findings
}

/// The file name of a county's sheet: `<county>-审核意见表.xlsx`, characters Windows
/// forbids in file names replaced by `_`.
pub fn sheet_file(dir: &Path, county: &str) -> PathBuf {
    let safe: String = county
        .trim()
        .chars()
        .map(|c| {
            if c.is_control() || "\\/:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    dir.join(format!("{safe}-审核意见表.xlsx"))
}

/// Writes one county's 审核意见表: a title, then per finding its number, rule, severity,
/// record, where in the county's workbook, what is wrong and what to change, and an empty
/// 区县整改情况 column for the county's reply.
///
/// # Errors
/// [`ExportError::Write`] when the workbook cannot be written.
pub fn write_review_sheet(
    path: &Path,
    county: &str,
    year: Option<i32>,
    findings: &[Finding],
) -> Result<(), ExportError> {
    let err = |source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("审核意见表").map_err(err)?;
    let title = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center);
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color("D9E1F2")
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let header = [
        ("序号", 6.0),
        ("审核规则", 22.0),
        ("严重程度", 9.0),
        ("企业（项目）名称", 28.0),
        ("统一社会信用代码", 21.0),
        ("位置", 18.0),
        ("审核意见（问题及修改要求）", 60.0),
        ("区县整改情况", 30.0),
    ];
    let year = year.map(|y| format!("{y}年")).unwrap_or_default();
    ws.merge_range(
        0,
        0,
        0,
        header.len() as u16 - 1,
        &format!("{county}{year}重污染天气应急减排清单审核意见表"),
        &title,
    )
    .map_err(err)?;
    for (c, (text, width)) in header.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, *text, &head)
            .map_err(err)?;
        ws.set_column_width(c as u16, *width).map_err(err)?;
    }
    for (i, f) in findings.iter().enumerate() {
        let r = 2 + i as u32;
        let severity = match f.severity {
            Severity::Error => "错误",
            Severity::Warning => "提醒",
        };
        let place = match (&f.sheet, f.row) {
            (Some(sheet), Some(row)) => format!("{sheet} 第{row}行"),
            (Some(sheet), None) => sheet.clone(),
            _ => String::new(),
        };
        let values = [
            (i + 1).to_string(),
            f.rule.clone(),
            severity.to_string(),
            f.enterprise.clone().unwrap_or_default(),
            f.code.clone().unwrap_or_default(),
            place,
            f.message.clone(),
            String::new(),
        ];
        for (c, v) in values.iter().enumerate() {
            ws.write_string_with_format(r, c as u16, v, &cell)
                .map_err(err)?;
        }
    }
    ws.set_freeze_panes(2, 0).map_err(err)?;
    crate::files::write_atomic_with(path, |w| wb.save_to_writer(w)).map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: &str, code: &str, message: &str) -> Finding {
        Finding {
            rule: rule.into(),
            severity: Severity::Warning,
            sheet: None,
            row: None,
            enterprise: Some("甲厂".into()),
            code: Some(code.into()),
            message: message.into(),
            status: None,
        }
    }

    #[test]
    fn fingerprint_ignores_figures_but_not_the_record_or_rule() {
        let a = finding(
            "peer-inconsistent",
            "X",
            "黄色预警减排比例 12.5%，同行中位数 30.0%",
        );
        let b = finding(
            "peer-inconsistent",
            "X",
            "黄色预警减排比例 12.5%，同行中位数 28.4%",
        );
        assert_eq!(fingerprint(&a), fingerprint(&b));
        assert_ne!(
            fingerprint(&a),
            fingerprint(&finding("peer-inconsistent", "Y", &a.message))
        );
        assert_ne!(
            fingerprint(&a),
            fingerprint(&finding("level-weaker", "X", &a.message))
        );
    }

    #[test]
    fn sheet_file_names_are_safe() {
        let p = sheet_file(Path::new("/tmp"), "新区/开发区");
        assert_eq!(p, Path::new("/tmp/新区_开发区-审核意见表.xlsx"));
    }
}
