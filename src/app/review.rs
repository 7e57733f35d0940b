//! 审核 for a front end: the findings of the built-in rules and the engine's warnings, each
//! with a reference to the record it is about, so a click opens the right enterprise (and
//! line), site or fleet without reading message text; and the rules' titles and settings
//! as `schemas/rules.json` gives them, so no front end keeps its own list of rule ids.

use serde::Serialize;
use ts_rs::TS;

use super::records::RecordKind;
use crate::model::{Diagnostic, List, Origin};
use crate::review::{Finding, Rules, Severity, RULE_IDS};

/// The record a finding or diagnostic is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RecordRef {
    /// Enterprise, site, fleet or heating row.
    pub kind: RecordKind,
    /// Its store id.
    #[ts(type = "number")]
    pub id: i64,
    /// Its 统一社会信用代码 (empty for a site or a record without one).
    pub code: String,
    /// The enterprise's source (production line) concerned, when the finding is about one.
    #[ts(type = "number | null")]
    pub source_id: Option<i64>,
    /// The county of the record (empty when not filled in).
    pub county: String,
}

/// One finding as the 审核 screen lists it.
#[derive(Clone, Debug, Serialize, TS)]
#[ts(export)]
pub struct FindingRow {
    /// What the rule found (as `jianpai review --json` prints it).
    pub finding: Finding,
    /// The record it is about; `None` for area-wide findings.
    pub record: Option<RecordRef>,
}

/// One of the engine's warnings or errors with the record it is about.
#[derive(Clone, Debug, Serialize, TS)]
#[ts(export)]
pub struct PlacedDiagnostic {
    /// Sheet, row, column and message as `check --json` prints them.
    pub diagnostic: Diagnostic,
    /// The record at that sheet and row; `None` for list-wide diagnostics.
    pub record: Option<RecordRef>,
}

/// A rule of the built-in set as settings screens and filters show it.
#[derive(Clone, Debug, Serialize, TS)]
#[ts(export)]
pub struct RuleTitle {
    /// Stable rule id.
    pub id: String,
    /// Chinese title.
    pub title: String,
    /// The severity of its findings.
    pub severity: Severity,
    /// Whether it runs.
    pub enabled: bool,
}

/// The findings `found` of a review of `list` (the store's review, [`super::review_stored`],
/// or [`crate::review::review`] by some rules) with their records: errors first, then
/// warnings, each in rule order.
pub fn findings(list: &List, found: Vec<Finding>) -> Vec<FindingRow> {
    let mut rows: Vec<FindingRow> = found
        .into_iter()
        .map(|finding| FindingRow {
            record: locate(
                list,
                finding.sheet.as_deref().zip(finding.row),
                finding.code.as_deref(),
                finding.enterprise.as_deref(),
            ),
            finding,
        })
        .collect();
    // A stable sort keeps the engine's rule order within each severity.
    rows.sort_by_key(|r| r.finding.severity != Severity::Error);
    rows
}

/// The diagnostics `diagnostics` of `list` (e.g. the report's warnings) with their records.
pub fn place_diagnostics(list: &List, diagnostics: &[Diagnostic]) -> Vec<PlacedDiagnostic> {
    diagnostics
        .iter()
        .map(|d| PlacedDiagnostic {
            record: locate(list, d.sheet.as_deref().zip(d.row), None, None),
            diagnostic: d.clone(),
        })
        .collect()
}

/// The built-in rules in the order they run.
pub fn rule_titles() -> Vec<RuleTitle> {
    let rules = Rules::builtin();
    RULE_IDS
        .iter()
        .filter_map(|id| {
            rules.rules.get(*id).map(|r| RuleTitle {
                id: (*id).to_string(),
                title: r.title.clone(),
                severity: r.severity,
                enabled: r.enabled,
            })
        })
        .collect()
}

/// The record at `at` (sheet, row: where it was imported from), else the enterprise with
/// credit code `code`, else the enterprise or site named `name`.
fn locate(
    list: &List,
    at: Option<(&str, u32)>,
    code: Option<&str>,
    name: Option<&str>,
) -> Option<RecordRef> {
    let here = |o: &Option<Origin>| {
        at.is_some_and(|(sheet, row)| o.as_ref().is_some_and(|o| o.sheet == sheet && o.row == row))
    };
    let enterprise = |e: &crate::model::Enterprise, source_id| RecordRef {
        kind: RecordKind::Enterprise,
        id: e.id,
        code: e.code.clone(),
        source_id,
        county: e.county.clone(),
    };
    for e in &list.enterprises {
        if let Some(s) = e.sources.iter().find(|s| here(&s.origin)) {
            return Some(enterprise(e, Some(s.id)));
        }
        if here(&e.origin) {
            return Some(enterprise(e, None));
        }
    }
    if let Some(s) = list.sites.iter().find(|s| here(&s.origin)) {
        return Some(RecordRef {
            kind: RecordKind::Site,
            id: s.id,
            code: String::new(),
            source_id: None,
            county: s.county.clone(),
        });
    }
    if let Some(f) = list.fleets.iter().find(|f| here(&f.origin)) {
        return Some(RecordRef {
            kind: RecordKind::Fleet,
            id: f.id,
            code: f.code.clone(),
            source_id: None,
            county: f.county.clone(),
        });
    }
    if let Some(h) = list.heating.iter().find(|h| here(&h.origin)) {
        return Some(RecordRef {
            kind: RecordKind::Heating,
            id: h.id,
            code: h.code.clone(),
            source_id: None,
            county: String::new(),
        });
    }
    let code = code.map(str::trim).filter(|c| !c.is_empty());
    if let Some(e) = code.and_then(|c| list.enterprises.iter().find(|e| e.code == c)) {
        return Some(enterprise(e, None));
    }
    let name = name.map(str::trim).filter(|n| !n.is_empty())?;
    if let Some(e) = list.enterprises.iter().find(|e| e.name.trim() == name) {
        return Some(enterprise(e, None));
    }
    list.sites
        .iter()
        .find(|s| s.name.trim() == name)
        .map(|s| RecordRef {
            kind: RecordKind::Site,
            id: s.id,
            code: String::new(),
            source_id: None,
            county: s.county.clone(),
        })
}

#[cfg(test)]
mod tests;
