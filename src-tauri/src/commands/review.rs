//! 审核: the findings of the built-in rules and the engine's warnings on the session's
//! list, each with the record it is about; and the rules' titles (`schemas/rules.json`).

use super::Shared;
use crate::error::IpcError;
use jianpai::app::{
    findings, place_diagnostics, rule_titles, FindingRow, PlacedDiagnostic, RuleTitle,
};
use tauri::State;

/// Reviews the current list: errors first, then warnings, each in rule order.
#[tauri::command]
pub async fn review_findings(shared: State<'_, Shared>) -> Result<Vec<FindingRow>, IpcError> {
    shared.with(|s| Ok(findings(s.list()))).await
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
