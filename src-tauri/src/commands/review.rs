//! 审核: the findings of the rules (by the settings stored with the list, as `jianpai
//! review`) and the engine's warnings on the session's list, each with the record it is
//! about; the rules' titles; and 设置's rule editor (`jianpai rules`).

use super::Shared;
use crate::error::IpcError;
use jianpai::app::{
    place_diagnostics, rule_titles, FindingRow, PlacedDiagnostic, RuleEntry, RuleTitle, RuleView,
};
use tauri::State;

/// Reviews the current list: errors first, then warnings, each in rule order.
#[tauri::command]
pub async fn review_findings(shared: State<'_, Shared>) -> Result<Vec<FindingRow>, IpcError> {
    shared.with(|s| s.findings()).await
}

/// How many of the review's findings are errors (总览's badge), without sending them.
#[tauri::command]
pub async fn review_error_count(shared: State<'_, Shared>) -> Result<usize, IpcError> {
    shared.with(|s| s.review_error_count()).await
}

/// The engine's warnings of the current report (测算提示), each with its record.
#[tauri::command]
pub async fn report_warnings(shared: State<'_, Shared>) -> Result<Vec<PlacedDiagnostic>, IpcError> {
    shared
        .with(|s| Ok(place_diagnostics(s.list(), &s.report().warnings)))
        .await
}

/// The built-in rules in the order they run.
#[tauri::command]
pub fn review_rules() -> Vec<RuleTitle> {
    rule_titles()
}

/// Every rule as it applies to the list, beside its defaults.
#[tauri::command]
pub async fn rule_entries(shared: State<'_, Shared>) -> Result<Vec<RuleEntry>, IpcError> {
    shared.with(|s| s.rule_entries()).await
}

/// Changes one setting (`enabled`, `severity` or a threshold) of a rule.
#[tauri::command]
pub async fn set_rule(
    shared: State<'_, Shared>,
    id: String,
    key: String,
    value: String,
) -> Result<RuleView, IpcError> {
    shared.with(move |s| s.set_rule(&id, &key, &value)).await
}

/// Brings back the defaults of one rule (`id`) or of all (`null`).
#[tauri::command]
pub async fn reset_rules(shared: State<'_, Shared>, id: Option<String>) -> Result<usize, IpcError> {
    shared.with(move |s| s.reset_rules(id.as_deref())).await
}
