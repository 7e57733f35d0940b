//! The day's spot-check plan (督导检查, Jiaozuo 6: 每日至少要抽查5家企业), computed, not typed.
//!
//! Choices where the spec is silent (`docs/episode.md`):
//! - The plan of a day looks only at records made **before** that day, so it does not change
//!   while the day's inspections are being entered.
//! - The level is the one in force when the day begins (or the start level on the first
//!   day).
//! - Enterprises of the industrial sheet that are not 长期停产 enter the plan; sites are
//!   inspected but not planned.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{Day, Episode, Time};
use crate::model::{Enterprise, Grade, Level, List};
use crate::reduce::{source_reduction, tidy};

/// Why an enterprise is in the plan, in the order the plan ranks them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanReason {
    /// Its last inspection found 未落实 or 部分落实 and it was not inspected since.
    Violation,
    /// D grade (or managed as D) and not yet inspected in this episode.
    DGrade,
    /// Not yet inspected; ranked by its reduction from measures that limit production.
    Limiting,
    /// Inspected before; least recently inspected first.
    Rotation,
}

impl PlanReason {
    /// The reason as the plan shows it.
    pub fn name_zh(self) -> &'static str {
        match self {
            PlanReason::Violation => "上次检查未落实或部分落实，需复查",
            PlanReason::DGrade => "D级（按D级管理）企业，本次过程尚未检查",
            PlanReason::Limiting => "尚未检查，限产减排量大",
            PlanReason::Rotation => "轮查：距上次检查时间最久",
        }
    }
}

/// One entry of the plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanEntry {
    /// 统一社会信用代码 (empty where the list has none).
    pub code: String,
    /// The enterprise's key (code, else name): what `inspect record` takes.
    pub key: String,
    /// 企业名称.
    pub name: String,
    /// 乡镇.
    pub town: String,
    /// Why it is planned.
    pub reason: PlanReason,
    /// Its reduction at the level from measures that limit (not stop) production, t/d over
    /// the four pollutants.
    pub score: f64,
    /// Its last inspection in this episode before the day.
    pub last_inspected: Option<Time>,
}

/// The plan of a day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpotCheckPlan {
    /// The day.
    pub date: Day,
    /// The level the ranking uses.
    pub level: Level,
    /// The entries, in order; at most the daily quota.
    pub entries: Vec<PlanEntry>,
}

/// An enterprise's reduction at `level` from sources whose measure limits rather than stops
/// production (their share is below 100 %), t/d over the four pollutants.
pub fn limiting_reduction(e: &Enterprise, level: Level) -> f64 {
    e.sources
        .iter()
        .map(source_reduction)
        .filter(|r| *r.shares.get(level) < 1.0 - 1e-9)
        .map(|r| r.reductions.get(level).total())
        .sum()
}

/// True for D grade, and for enterprises whose measures say they are managed as D (按D级管理).
fn managed_as_d(e: &Enterprise) -> bool {
    e.grade == Some(Grade::D)
        || e.sources.iter().any(|s| {
            crate::model::Level::ALL
                .iter()
                .any(|l| s.measures.get(*l).text.contains("按D级管理"))
        })
}

/// The plan of `date` (`docs/episode.md`, Inspection): violations first, then D grade not yet
/// inspected, then not yet inspected by limiting reduction (largest first), then the rest by
/// least recent inspection; ties by name; `quota` entries or all when fewer remain.
pub fn spot_check_plan(list: &List, episode: &Episode, date: Day, quota: usize) -> SpotCheckPlan {
    let day_start = date.and_hms_opt(0, 0, 0).expect("midnight exists");
    let level = episode.level_at(day_start.max(episode.started_at())).level;
    let mut last: HashMap<&str, (Time, bool)> = HashMap::new();
    for i in episode.standing_inspections() {
        if i.kind != super::Addressee::Enterprise || i.at >= day_start {
            continue;
        }
        let entry = last.entry(i.key.as_str()).or_insert((i.at, false));
        if i.at >= entry.0 {
            *entry = (i.at, i.result.is_violation());
        }
    }
    let mut entries: Vec<PlanEntry> = list
        .enterprises
        .iter()
        .filter(|e| !e.shut_down)
        .map(|e| {
            let key = e.key();
            let seen = last.get(key.as_str()).copied();
            let reason = match seen {
                Some((_, true)) => PlanReason::Violation,
                Some(_) => PlanReason::Rotation,
                None if managed_as_d(e) => PlanReason::DGrade,
                None => PlanReason::Limiting,
            };
            PlanEntry {
                code: e.code.clone(),
                key,
                name: e.name.clone(),
                town: e.town.clone(),
                reason,
                score: tidy(limiting_reduction(e, level)),
                last_inspected: seen.map(|(t, _)| t),
            }
        })
        .collect();
    entries.sort_by(|a, b| {
        a.reason
            .cmp(&b.reason)
            .then_with(|| match a.reason {
                PlanReason::Limiting => b.score.total_cmp(&a.score),
                PlanReason::Rotation => a.last_inspected.cmp(&b.last_inspected),
                _ => std::cmp::Ordering::Equal,
            })
            .then_with(|| a.name.cmp(&b.name))
    });
    entries.truncate(quota);
    SpotCheckPlan {
        date,
        level,
        entries,
    }
}
