//! 备案: the filing state of each enterprise's plan (`docs/revision.md`). The records live
//! beside the list (the store keeps them by enterprise key), not in [`super::List`]; they are
//! model types because the importer reads them from a workbook's 备案 columns and the
//! exporter writes them there.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where an enterprise's plan stands with the authority.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum FilingState {
    /// Not yet handed in (the state of every enterprise with no record).
    #[default]
    #[serde(rename = "未提交")]
    NotSubmitted,
    /// Handed in, not yet confirmed.
    #[serde(rename = "已提交")]
    Submitted,
    /// Filed (已备案).
    #[serde(rename = "已备案")]
    Filed,
}

impl FilingState {
    /// The value as written in the list and stored.
    pub fn name_zh(self) -> &'static str {
        match self {
            FilingState::NotSubmitted => "未提交",
            FilingState::Submitted => "已提交",
            FilingState::Filed => "已备案",
        }
    }

    /// Reads 未提交 / 已提交 / 已备案 (surrounding spaces ignored).
    pub fn parse(text: &str) -> Option<FilingState> {
        [
            FilingState::NotSubmitted,
            FilingState::Submitted,
            FilingState::Filed,
        ]
        .into_iter()
        .find(|s| s.name_zh() == text.trim())
    }
}

/// One enterprise's filing record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Filing {
    /// The enterprise's key: 统一社会信用代码, else its name.
    pub enterprise: String,
    /// The state.
    pub state: FilingState,
    /// The date of the last step (submitted or filed); `None` where not given.
    #[ts(type = "string | null")]
    pub date: Option<NaiveDate>,
    /// 备案文号 (empty where none).
    pub number: String,
}

/// Filing records by enterprise key ([`super::Enterprise::key`]).
pub type Filings = HashMap<String, Filing>;

/// Reads a date as counties write it: `2026-09-20`, `2026/9/20`, `2026.9.20` or
/// `2026年9月20日` (spaces ignored); an Excel date cell reaches here as `2026-09-20`, an
/// .ods one or an ISO date-time at midnight as `2026-09-20T00:00:00`. `None` for anything
/// else, including a date without its year.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let text = text
        .strip_suffix("T00:00:00")
        .or_else(|| text.strip_suffix(" 00:00:00"))
        .unwrap_or(text);
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .replace(['/', '.'], "-");
    if let Ok(d) = NaiveDate::parse_from_str(&t, "%Y-%m-%d") {
        return Some(d);
    }
    let t = t.trim_end_matches('日').trim_end_matches('号');
    let (y, rest) = t.split_once('年')?;
    let (m, d) = rest.split_once('月')?;
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_usual_forms() {
        let d = NaiveDate::from_ymd_opt(2026, 9, 5).unwrap();
        for t in [
            "2026-09-05",
            "2026/9/5",
            "2026.09.05",
            "2026年9月5日",
            " 2026 年 9 月 5 号 ",
            "2026-09-05T00:00:00",
            "2026-09-05 00:00:00",
        ] {
            assert_eq!(parse_date(t), Some(d), "{t}");
        }
        for t in [
            "",
            "9月5日",
            "2026-13-01",
            "明天",
            "46270",
            "2026年2月30日",
            "2026-09-05T10:30:00",
        ] {
            assert_eq!(parse_date(t), None, "{t}");
        }
    }

    #[test]
    fn states_by_their_names() {
        assert_eq!(FilingState::parse(" 已备案 "), Some(FilingState::Filed));
        assert_eq!(FilingState::parse("已提交"), Some(FilingState::Submitted));
        assert_eq!(
            FilingState::parse("未提交"),
            Some(FilingState::NotSubmitted)
        );
        assert_eq!(FilingState::parse("备案了"), None);
    }
}
