//! The reviewer's rules: what a city reviewer sends back to a county before the list is
//! accepted (D-grade enterprises not stopped, levels getting weaker, peers treated
//! differently, rotations over 3 batches, unverifiable measures, missing people …).
//!
//! Each rule has a stable id, a severity and thresholds from `schemas/rules.json`
//! ([`Rules::builtin`]); [`review`] runs the enabled ones over a [`List`] and returns
//! [`Finding`]s whose Chinese messages name the enterprise, the source and the level and say
//! what to change. Findings are placed at the record's `origin` (sheet and row), a source's
//! own row where it has one.
//!
//! How the rules read the list, where the issue left room:
//! - Shares are the engine's ([`crate::reduce::source_reduction`]), so a rule sees what the
//!   check counts. "Below 100 %" (`d-grade-not-stopped`) means some emitted pollutant is cut
//!   by less than all of it; "limiting" (`cems-required`) a level whose share is strictly
//!   between 0 and 100 %.
//! - Shut-down enterprises (长期停产) are judged only on identity (`duplicate-enterprise`,
//!   `credit-code-check`): they have no measures to carry out.
//! - One finding per source lists all the levels concerned, except `level-weaker` (one per
//!   level pair) and `peer-inconsistent` (one per enterprise and level).
//! - `peer-inconsistent`: an enterprise's share at a level is its total reduction over its
//!   total emission (all pollutants, t/d); the median is over the whole group of one
//!   county, industry and grade, which must have at least `min_peers` members with
//!   emissions (the enterprise judged included).
//! - `small-micro-too-large`: annual emissions are the annual figures, else daily × days
//!   (365 where blank).
//! - `level-weaker` covers every sheet; `missing-responsible` covers enterprises and
//!   construction sites (the mobile sheet has no such column); `not-verifiable`, `cems-*`,
//!   grades and classes concern the industrial sheet.
//! - `duplicate-enterprise` reports the later enterprise of a pair, naming the earlier one.
//! - `credit-code-check` also reports a wrong length or character (normally refused at
//!   import, but possible in records entered in the app).
//! - `target-missed` gives one finding per failing level, or a single one when no baseline
//!   is set.

mod names;
mod rules;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{List, Origin};

pub use names::{normalise_enterprise_name, rotation_batches};

/// Every rule id, in the order the rules run and findings are listed.
pub const RULE_IDS: [&str; 13] = [
    "d-grade-not-stopped",
    "level-weaker",
    "peer-inconsistent",
    "guarantee-below-b",
    "small-micro-too-large",
    "small-micro-restricted",
    "rotation-over-3-batches",
    "not-verifiable",
    "missing-responsible",
    "cems-required",
    "duplicate-enterprise",
    "credit-code-check",
    "target-missed",
];

/// How serious a finding is: an error fails `jianpai review` (exit 3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Severity {
    /// Must be fixed before submission.
    Error,
    /// Should be looked at.
    Warning,
}

/// One rule's settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Rule {
    /// Whether the rule runs.
    pub enabled: bool,
    /// The severity of its findings.
    pub severity: Severity,
    /// A short Chinese title for lists and settings screens.
    pub title: String,
    /// Named numbers the rule uses (e.g. `max_batches`); missing ones take the built-in value.
    #[serde(default)]
    pub thresholds: BTreeMap<String, f64>,
}

/// The rule set: settings per rule id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Rules {
    /// Settings per rule id.
    pub rules: BTreeMap<String, Rule>,
}

/// Why a rule set could not be read.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    /// Not JSON of the rules shape.
    #[error("审核规则文件格式错误：{0}")]
    Json(#[from] serde_json::Error),
    /// An id that is not a known rule.
    #[error("审核规则文件含未知规则“{0}”，可用的规则为：{known}", known = RULE_IDS.join("、"))]
    UnknownRule(String),
}

/// The built-in rules, as shipped in `schemas/rules.json`.
const BUILTIN: &str = include_str!("../../schemas/rules.json");

impl Rules {
    /// The built-in rule set (`schemas/rules.json`).
    pub fn builtin() -> Rules {
        Rules::from_json(BUILTIN).expect("schemas/rules.json is valid; a test checks it")
    }

    /// Reads a rule set; rules it leaves out keep their built-in settings.
    ///
    /// # Errors
    /// [`RulesError::Json`] for malformed JSON, [`RulesError::UnknownRule`] for an id that is
    /// not a rule.
    pub fn from_json(text: &str) -> Result<Rules, RulesError> {
        let read: Rules = serde_json::from_str(text)?;
        if let Some(bad) = read.rules.keys().find(|k| !RULE_IDS.contains(&k.as_str())) {
            return Err(RulesError::UnknownRule(bad.clone()));
        }
        if text == BUILTIN {
            return Ok(read);
        }
        let mut rules = Rules::builtin();
        rules.rules.extend(read.rules);
        Ok(rules)
    }

    /// The settings of `id` when the rule is enabled.
    pub fn enabled(&self, id: &str) -> Option<&Rule> {
        self.rules.get(id).filter(|r| r.enabled)
    }

    /// A threshold of a rule, or `default` where not set.
    pub fn threshold(&self, id: &str, name: &str, default: f64) -> f64 {
        self.rules
            .get(id)
            .and_then(|r| r.thresholds.get(name))
            .copied()
            .unwrap_or(default)
    }
}

/// One thing the reviewer wants changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Finding {
    /// The rule id (`d-grade-not-stopped` …).
    pub rule: String,
    /// `error` or `warning`.
    pub severity: Severity,
    /// Sheet of the record; `None` where it has no origin or the finding is about the area.
    pub sheet: Option<String>,
    /// 1-based spreadsheet row of the record.
    pub row: Option<u32>,
    /// The enterprise (or site) name; `None` for area-wide findings.
    pub enterprise: Option<String>,
    /// Its 统一社会信用代码; `None` where it has none.
    pub code: Option<String>,
    /// What is wrong and what to change, in Chinese.
    pub message: String,
    /// Against the review sheet last sent to the county (`review --export-by-county`):
    /// `new`, still `open`, or `fixed` (已整改); absent where none was sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub status: Option<FindingStatus>,
}

/// A finding compared with the review sheet a county was sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum FindingStatus {
    /// Not on the sheet sent.
    New,
    /// On the sheet sent and still found (未整改).
    Open,
    /// On the sheet sent and no longer found (已整改).
    Fixed,
}

impl Finding {
    /// A finding of `rule` placed at `origin`.
    fn new(
        rule: &str,
        settings: &Rule,
        origin: Option<&Origin>,
        enterprise: Option<&str>,
        code: &str,
        message: String,
    ) -> Finding {
        Finding {
            rule: rule.to_string(),
            severity: settings.severity,
            sheet: origin.map(|o| o.sheet.clone()),
            row: origin.map(|o| o.row),
            enterprise: enterprise.map(str::to_string),
            code: (!code.is_empty()).then(|| code.to_string()),
            message,
            status: None,
        }
    }
}

/// What `jianpai review --json` prints: `{"findings": [...]}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReviewReport {
    /// Every finding, grouped by rule in [`RULE_IDS`] order, records in list order.
    pub findings: Vec<Finding>,
}

impl ReviewReport {
    /// True when a finding has severity error (one already fixed does not count).
    pub fn has_errors(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.severity == Severity::Error && f.status != Some(FindingStatus::Fixed))
    }
}

/// Runs every enabled rule over the list.
pub fn review(list: &List, rules: &Rules) -> Vec<Finding> {
    rules::run(list, rules)
}
