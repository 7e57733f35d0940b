//! The user's review-rule settings (`jianpai rules`, the app's 设置 screen): the built-in
//! defaults of `schemas/rules.json` with what the user changed on top, kept in the list's
//! store so that the CLI and the app judge the list by the same rules.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::AppError;
use crate::review::{Rules, Severity, RULE_IDS};
use crate::store::{Store, StoreError};

/// One rule as `rules --json` prints it and the settings screen shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RuleView {
    /// The stable rule id (`truck-ban` …).
    pub id: String,
    /// A short Chinese title.
    pub title: String,
    /// `error` or `warning`.
    pub severity: Severity,
    /// Whether the rule runs.
    pub enabled: bool,
    /// The rule's named numbers, as they apply now.
    pub settings: BTreeMap<String, f64>,
    /// The seed-plan passage the rule enforces.
    pub source: String,
}

/// The rules the store's list is reviewed by: the built-in ones with the stored settings
/// applied.
///
/// # Errors
/// [`AppError::Store`] when the settings cannot be read, or when a stored setting no longer
/// fits its rule (the file was edited by another tool).
pub fn rules_of(store: &Store) -> Result<Rules, AppError> {
    let mut rules = Rules::builtin();
    for (rule, key, value) in store.rule_settings()? {
        rules
            .set(&rule, &key, &value)
            .map_err(|_| StoreError::Corrupt {
                table: "rule_settings",
                column: "value",
                value: format!("{rule} {key} {value}"),
            })?;
    }
    Ok(rules)
}

/// Every rule, in the order the rules run, with its settings as they apply.
pub fn rule_views(rules: &Rules) -> Vec<RuleView> {
    RULE_IDS
        .iter()
        .filter_map(|id| {
            rules.rules.get(*id).map(|r| RuleView {
                id: (*id).to_string(),
                title: r.title.clone(),
                severity: r.severity,
                enabled: r.enabled,
                settings: r.thresholds.clone(),
                source: r.source.clone(),
            })
        })
        .collect()
}

/// A rule as the settings screen edits it: as it applies now, and the defaults a reset
/// brings back, so that the screen can show each changed value beside its default.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RuleEntry {
    /// The rule with the settings stored with the list applied.
    pub rule: RuleView,
    /// The same rule as `schemas/rules.json` ships it.
    pub default: RuleView,
}

/// Every rule of `rules` (the store's, [`rules_of`]) beside its built-in defaults, in the
/// order the rules run.
pub fn rule_entries(rules: &Rules) -> Vec<RuleEntry> {
    rule_views(rules)
        .into_iter()
        .zip(rule_views(&Rules::builtin()))
        .map(|(rule, default)| RuleEntry { rule, default })
        .collect()
}

/// Changes one setting of a rule and stores it; returns the rule as it now applies.
///
/// # Errors
/// [`AppError::Usage`] (exit 2) for an unknown rule or key or a value the key does not take
/// (nothing is stored then); [`AppError::Store`] when the write fails.
pub fn set_rule(store: &mut Store, id: &str, key: &str, value: &str) -> Result<RuleView, AppError> {
    let mut rules = rules_of(store)?;
    rules
        .set(id, key, value)
        .map_err(|e| AppError::Usage(e.to_string()))?;
    let rule = &rules.rules[id];
    // Stored in the canonical spelling, so that 启用 and true are one value.
    let canonical = match key {
        "enabled" => rule.enabled.to_string(),
        "severity" => match rule.severity {
            Severity::Error => "error".to_string(),
            Severity::Warning => "warning".to_string(),
        },
        _ => rule.thresholds[key].to_string(),
    };
    store.set_rule_setting(id, key, &canonical)?;
    Ok(rule_views(&rules)
        .into_iter()
        .find(|v| v.id == id)
        .expect("the rule was just set"))
}

/// Forgets the stored settings of `id` (or of every rule) so that the defaults apply again;
/// returns how many settings were forgotten.
///
/// # Errors
/// [`AppError::Usage`] for an unknown rule id; [`AppError::Store`] when the write fails.
pub fn reset_rules(store: &mut Store, id: Option<&str>) -> Result<usize, AppError> {
    if let Some(id) = id.filter(|id| !RULE_IDS.contains(id)) {
        return Err(AppError::Usage(
            crate::review::RulesError::UnknownRule(id.to_string()).to_string(),
        ));
    }
    Ok(store.reset_rule_settings(id)?)
}

/// `jianpai rules` for people: one block per rule with its state, settings and source.
pub fn render_rules(views: &[RuleView]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for v in views {
        let state = if v.enabled { "启用" } else { "停用" };
        let severity = match v.severity {
            Severity::Error => "错误",
            Severity::Warning => "提醒",
        };
        let _ = writeln!(out, "{}  {}（{state}，{severity}）", v.id, v.title);
        if !v.settings.is_empty() {
            let settings: Vec<String> = v
                .settings
                .iter()
                .map(|(k, n)| format!("{k} = {n}"))
                .collect();
            let _ = writeln!(out, "    设置：{}", settings.join("，"));
        }
        let _ = writeln!(out, "    依据：{}", v.source);
    }
    out
}
