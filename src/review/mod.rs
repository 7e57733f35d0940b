//! The reviewer's rules: what a city reviewer sends back to a county before the list is
//! accepted (D-grade enterprises not stopped, levels getting weaker, peers treated
//! differently, rotations over 3 batches, unverifiable measures, missing people …).
//!
//! Each rule has a stable id, a severity, thresholds and the seed passage it enforces from
//! `schemas/rules.json` ([`Rules::builtin`]); the user may change them ([`Rules::set`], kept
//! with the list by the store, `jianpai rules`). [`review`] runs the enabled ones over a [`List`] and returns
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
//! - Where a rule reads a level's measure, a wholly blank level takes the next-lower level's
//!   (levels are cumulative), as the engine does.
//! - `text-share-mismatch` reads the text with the engine's reader
//!   ([`crate::reduce::measure_text::read_measure`]): a whole stop (not 轮流停产) must cut
//!   every emitted pollutant entirely; 限产X% must agree with a 减排比例 that is given. Texts
//!   naming several different measures are left alone.
//! - `baseline-below-listed` compares the daily emissions of everything on the list (active
//!   enterprises, sites, fleets) with the whole-society baseline, pollutant by pollutant; and
//!   for each county with its own baseline, the records whose 所属区县 is that county.
//! - Vehicle bans are read from the text ([`banned_up_to`]): 国四及以下 … 停止, 仅允许国六及
//!   新能源, 停止新能源车以外的公路运输. `truck-ban` needs, from orange, a ban reaching the
//!   oldest of the fleet's 国三及以下 / 国四 trucks (or the whole transport cut);
//!   `d-grade-transport` needs a ban of everything but new-energy vehicles on the D-grade
//!   enterprise's fleet rows, or, without any, in its own orange and red measures (else a
//!   warning that its transport is not on the list).
//! - `fleet-share-bound`: the share the banned stages can give is their count × per-vehicle
//!   factor over the fleet's total. The default factors are the heavy-diesel NOx type-approval
//!   limits in g/kWh (GB 17691-2005 ESC for 国三 5.0 / 国四 3.5 / 国五 2.0; GB 17691-2018
//!   WHSC for 国六 0.4; new-energy 0); 国三及以下 takes the 国三 limit, which understates older
//!   trucks and so errs towards not warning. They are settings, to be replaced by a local
//!   inventory's factors where one exists.
//! - `heating-mismatch` reads the heating row's text per level; it disagrees when no line of
//!   the enterprise has a share within `max_difference_points` of it, or when every line of
//!   the enterprise stops at a level. The heating sheet carries no grade, so grades are not
//!   compared.

mod names;
mod rules;
mod stages;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{List, Origin};

pub use names::{normalise_enterprise_name, rotation_batches};
pub use stages::{banned_up_to, ALL_FOSSIL};

/// Every rule id, in the order the rules run and findings are listed.
pub const RULE_IDS: [&str; 22] = [
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
    "text-share-mismatch",
    "baseline-below-listed",
    "site-earthworks",
    "truck-ban",
    "d-grade-transport",
    "nonroad-stage",
    "key-industry-ungraded",
    "heating-mismatch",
    "fleet-share-bound",
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
    /// The seed-plan passage the rule enforces, quoted (plan and section), so that a reviewer
    /// can see why the list is judged so.
    #[serde(default)]
    pub source: String,
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
    #[error("没有审核规则“{0}”，可用的规则为：{known}", known = RULE_IDS.join("、"))]
    UnknownRule(String),
    /// A setting name the rule does not have.
    #[error("审核规则“{rule}”没有设置项“{key}”，可设置的有：{known}")]
    UnknownSetting {
        /// The rule id.
        rule: String,
        /// The key asked for.
        key: String,
        /// The rule's keys, joined for the message.
        known: String,
    },
    /// A value that does not fit the setting.
    #[error("审核规则“{rule}”的设置项“{key}”不能取“{value}”：{expected}")]
    BadValue {
        /// The rule id.
        rule: String,
        /// The setting's key.
        key: String,
        /// The value as given.
        value: String,
        /// What the setting accepts, in Chinese.
        expected: &'static str,
    },
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

    /// Changes one setting of rule `id`: `enabled` (true/false), `severity` (error/warning) or
    /// one of its thresholds (a finite number not below 0). The value is text because it
    /// comes from the command line or the store, where settings are kept as text.
    ///
    /// # Errors
    /// [`RulesError::UnknownRule`], [`RulesError::UnknownSetting`] for a key the rule does not
    /// have, [`RulesError::BadValue`] for a value the key does not accept. The rule set is
    /// then unchanged.
    pub fn set(&mut self, id: &str, key: &str, value: &str) -> Result<(), RulesError> {
        let rule = self
            .rules
            .get_mut(id)
            .ok_or_else(|| RulesError::UnknownRule(id.to_string()))?;
        let bad = |expected| RulesError::BadValue {
            rule: id.to_string(),
            key: key.to_string(),
            value: value.to_string(),
            expected,
        };
        let v = value.trim();
        match key {
            "enabled" => {
                rule.enabled = match v {
                    "true" | "on" | "1" | "是" | "启用" => true,
                    "false" | "off" | "0" | "否" | "停用" => false,
                    _ => return Err(bad("应为 true 或 false")),
                }
            }
            "severity" => {
                rule.severity = match v {
                    "error" | "错误" => Severity::Error,
                    "warning" | "提醒" => Severity::Warning,
                    _ => return Err(bad("应为 error 或 warning")),
                }
            }
            _ => {
                let Some(slot) = rule.thresholds.get_mut(key) else {
                    let mut known = vec!["enabled", "severity"];
                    known.extend(rule.thresholds.keys().map(String::as_str));
                    return Err(RulesError::UnknownSetting {
                        rule: id.to_string(),
                        key: key.to_string(),
                        known: known.join("、"),
                    });
                };
                match v.parse::<f64>() {
                    Ok(n) if n.is_finite() && n >= 0.0 => *slot = n,
                    _ => return Err(bad("应为不小于0的数字")),
                }
            }
        }
        Ok(())
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
    /// True for a finding that still counts against the list: an error not marked fixed
    /// against a sent sheet.
    pub fn is_open_error(&self) -> bool {
        self.severity == Severity::Error && self.status != Some(FindingStatus::Fixed)
    }

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
        self.findings.iter().any(Finding::is_open_error)
    }
}

/// Runs every enabled rule over the list.
pub fn review(list: &List, rules: &Rules) -> Vec<Finding> {
    rules::run(list, rules)
}
