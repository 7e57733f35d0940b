//! 审核: the reviewer's rules (`jianpai::review`, built-in `schemas/rules.json`) run over the
//! session's in-memory list. Each finding comes with the county and the id of the enterprise
//! it names, so the 审核 screen can filter by county and open the enterprise on a click
//! without matching names itself.

use super::Session;
use crate::error::AppError;
use jianpai::model::List;
use jianpai::review::{review, Finding, Rules, Severity};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

/// One finding as the 审核 screen lists it.
#[derive(Clone, Debug, Serialize, TS)]
#[ts(export)]
pub struct FindingRow {
    /// What the rule found (as `jianpai review --json` prints it).
    pub finding: Finding,
    /// The enterprise's id when the finding names one in the list (by credit code, else
    /// name); `None` for sites and area-wide findings.
    #[ts(type = "number | null")]
    pub enterprise_id: Option<i64>,
    /// The county of that enterprise or site; empty when unknown or area-wide.
    pub county: String,
}

/// The rule titles of the built-in set, so the UI's labels can follow `rules.json`.
#[derive(Clone, Debug, Serialize, TS)]
#[ts(export)]
pub struct RuleTitle {
    /// Stable rule id.
    pub id: String,
    /// Chinese title.
    pub title: String,
}

/// Reviews the current list with the built-in rules: errors first, then warnings, each in
/// rule order.
#[tauri::command]
pub async fn review_findings(session: State<'_, Session>) -> Result<Vec<FindingRow>, AppError> {
    session.with(|s| Ok(findings(&s.list))).await
}

/// The built-in rules' titles, in the order the rules run.
#[tauri::command]
pub fn review_rules() -> Vec<RuleTitle> {
    rule_titles()
}

/// The plain function under [`review_findings`].
pub fn findings(list: &List) -> Vec<FindingRow> {
    let mut rows: Vec<FindingRow> = review(list, &Rules::builtin())
        .into_iter()
        .map(|f| place(list, f))
        .collect();
    // A stable sort keeps the engine's rule order within each severity.
    rows.sort_by_key(|r| r.finding.severity != Severity::Error);
    rows
}

/// The plain function under [`review_rules`].
pub fn rule_titles() -> Vec<RuleTitle> {
    let rules = Rules::builtin();
    jianpai::review::RULE_IDS
        .iter()
        .filter_map(|id| {
            rules.rules.get(*id).map(|r| RuleTitle {
                id: (*id).to_string(),
                title: r.title.clone(),
            })
        })
        .collect()
}

/// Finds the enterprise (credit code first, then name) or site a finding names.
fn place(list: &List, finding: Finding) -> FindingRow {
    let code = finding.code.as_deref().unwrap_or("").trim();
    let name = finding.enterprise.as_deref().unwrap_or("").trim();
    let by_code = (!code.is_empty())
        .then(|| list.enterprises.iter().find(|e| e.code == code))
        .flatten();
    let by_name = || {
        (!name.is_empty())
            .then(|| list.enterprises.iter().find(|e| e.name.trim() == name))
            .flatten()
    };
    let (enterprise_id, county) = match by_code.or_else(by_name) {
        Some(e) => (Some(e.id), e.county.clone()),
        None => {
            let site = (!name.is_empty())
                .then(|| list.sites.iter().find(|s| s.name.trim() == name))
                .flatten();
            (None, site.map(|s| s.county.clone()).unwrap_or_default())
        }
    };
    FindingRow {
        finding,
        enterprise_id,
        county,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::AppState;
    use jianpai::model::{Enterprise, Grade, Source};
    use jianpai::store::{ImportMode, Store};

    /// A D-grade enterprise that only limits production: `d-grade-not-stopped` must fire.
    fn session() -> AppState {
        let mut source = Source {
            name: "1#窑".into(),
            days: Some(300.0),
            ..Source::default()
        };
        source.annual.pm = Some(30.0);
        source.annual.nox = Some(60.0);
        source.measures.yellow.text = "限产30%".into();
        source.measures.orange.text = "限产50%".into();
        source.measures.red.text = "限产50%".into();
        let e = Enterprise {
            name: "示例水泥有限公司".into(),
            county: "东城县".into(),
            industry: "水泥".into(),
            grade: Some(Grade::D),
            sources: vec![source],
            ..Enterprise::default()
        };
        let list = List {
            area: "示例市".into(),
            enterprises: vec![e],
            ..List::default()
        };
        let mut store = Store::open_in_memory().unwrap();
        store.import(&list, ImportMode::Replace).unwrap();
        AppState::with_store(store, None).unwrap()
    }

    #[test]
    fn findings_name_the_stored_enterprise_and_its_county() {
        let s = session();
        let rows = findings(&s.list);
        let d = rows
            .iter()
            .find(|r| r.finding.rule == "d-grade-not-stopped")
            .expect("D级企业限产应被审核指出");
        assert_eq!(d.finding.severity, Severity::Error);
        assert_eq!(d.enterprise_id, Some(s.list.enterprises[0].id));
        assert!(d.enterprise_id.unwrap() > 0);
        assert_eq!(d.county, "东城县");
    }

    #[test]
    fn errors_come_before_warnings() {
        let rows = findings(&session().list);
        let first_warning = rows
            .iter()
            .position(|r| r.finding.severity == Severity::Warning)
            .unwrap_or(rows.len());
        assert!(rows[first_warning..]
            .iter()
            .all(|r| r.finding.severity == Severity::Warning));
        assert!(first_warning > 0);
    }

    #[test]
    fn every_rule_has_a_chinese_title() {
        let titles = rule_titles();
        assert_eq!(titles.len(), jianpai::review::RULE_IDS.len());
        let d = titles
            .iter()
            .find(|t| t.id == "d-grade-not-stopped")
            .unwrap();
        assert_eq!(d.title, "D级企业未全部停产");
    }
}
