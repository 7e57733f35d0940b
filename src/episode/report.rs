//! The numbers of the two reports: 每日应急处置工作信息 (Pingdingshan 4.5) and 总结评估报告
//! (Pingdingshan 4.7). The .docx writers and `--json` both print these, so the document and
//! the JSON can never disagree.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::power::PowerCheck;
use super::{show_time, Addressee, Day, Episode, InspectionResult, NoticeState, Time};
use crate::model::{Amounts, Level, List};
use crate::reduce::{source_reduction, tidy};

/// Notices issued, confirmed and overdue.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeCounts {
    /// Notices issued.
    pub issued: usize,
    /// Confirmed (in time or late).
    pub confirmed: usize,
    /// Confirmed before the deadline.
    pub confirmed_in_time: usize,
    /// 超时: confirmed late, or not confirmed when the deadline had passed.
    pub overdue: usize,
}

/// Inspections counted by result.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectionCounts {
    /// Records that stand (corrected ones left out).
    pub total: usize,
    /// By result word (落实 / 部分落实 / 未落实 / 停产核实), every word present.
    pub by_result: BTreeMap<String, usize>,
}

/// A problem found by an inspection, with its 整改.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// Inspection id.
    pub id: i64,
    /// The enterprise's code (else name) or the site's name.
    pub code: String,
    /// Name.
    pub name: String,
    /// When, `YYYY-MM-DD HH:MM`.
    pub at: String,
    /// Result word.
    pub result: String,
    /// 问题.
    pub problem: String,
    /// 整改要求.
    pub rectification: String,
}

/// Enterprises, sites and fleets by what they do at a level.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasuresInForce {
    /// Enterprises whose every line stops (停产).
    pub stop: usize,
    /// Enterprises that limit production (限产) on at least one line.
    pub limit: usize,
    /// Enterprises reducing on their own (自主减排, A grade and leading).
    pub self_chosen: usize,
    /// The others (no reduction readable, or other measures).
    pub other: usize,
    /// Construction sites stopped.
    pub sites_stopped: usize,
    /// Fleets with a transport restriction.
    pub fleets_restricted: usize,
}

/// 每日应急处置工作信息 of a day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DailyReport {
    /// Episode id.
    pub episode: i64,
    /// The day reported.
    pub date: Day,
    /// 预警启动时间.
    pub started_at: String,
    /// Level at the end of the day (or at the end of the episode).
    pub level: Level,
    /// Since when.
    pub level_since: String,
    /// 主要污染物.
    pub pollutant: String,
    /// What the list makes enterprises, sites and fleets do at the level.
    pub measures: MeasuresInForce,
    /// Notices issued up to the end of the day, as they stood then.
    pub notices: NoticeCounts,
    /// The day's inspections.
    pub inspections: InspectionCounts,
    /// The day's problems.
    pub problems: Vec<Problem>,
    /// Electricity flags of the day.
    pub power_flags: usize,
    /// When it is due (the next morning).
    pub due: String,
}

/// One level held during the episode, with the reduction the list promised at it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LevelHeld {
    /// The level.
    pub level: Level,
    /// From.
    pub from: String,
    /// To (the next change or the end).
    pub to: String,
    /// Hours held.
    pub hours: f64,
    /// The list's reduction at the level, t/d per pollutant.
    pub promised: Amounts,
}

/// 总结评估报告 of an episode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvaluationReport {
    /// Episode id.
    pub episode: i64,
    /// 发布机关.
    pub issuer: String,
    /// 文号.
    pub doc_no: String,
    /// 主要污染物.
    pub pollutant: String,
    /// Start.
    pub started_at: String,
    /// End.
    pub ended_at: String,
    /// Hours from start to end.
    pub duration_hours: f64,
    /// The level timeline.
    pub levels: Vec<LevelHeld>,
    /// Notices of all rounds.
    pub notices: NoticeCounts,
    /// Share of notices confirmed in time (0–1).
    pub confirmed_in_time_share: f64,
    /// Inspections by result.
    pub inspections: InspectionCounts,
    /// Every 未落实 and 部分落实 with its 整改.
    pub violations: Vec<Problem>,
    /// Enterprises with a 未落实 record: 降级 candidates.
    pub downgrade_candidates: Vec<String>,
    /// 保障类 enterprises with a 未落实 record: 移出保障类 candidates.
    pub guarantee_candidates: Vec<String>,
    /// Enterprises judged by the electricity check.
    pub power_judged: usize,
    /// Flagged days.
    pub power_flagged: usize,
    /// Enterprises flagged at least once.
    pub power_flagged_enterprises: usize,
    /// Enterprises with readings but no normal use (无法核查).
    pub power_no_normal: usize,
    /// When it is due.
    pub due: String,
}

/// Counts the notices issued up to `until`, their states judged at `until`.
pub fn notice_counts(episode: &Episode, until: Time) -> NoticeCounts {
    let issued_by = |level_id: i64| {
        episode
            .levels
            .iter()
            .find(|l| l.id == level_id)
            .is_some_and(|l| l.at <= until)
    };
    let mut c = NoticeCounts::default();
    for n in episode.notices.iter().filter(|n| issued_by(n.level_id)) {
        c.issued += 1;
        let confirmed = n.confirmed.as_ref().filter(|(at, _)| *at <= until);
        if confirmed.is_some() {
            c.confirmed += 1;
        }
        let seen = super::Notice {
            confirmed: confirmed.cloned(),
            ..n.clone()
        };
        match seen.state(until) {
            NoticeState::Confirmed => c.confirmed_in_time += 1,
            NoticeState::Overdue => c.overdue += 1,
            _ => {}
        }
    }
    c
}

fn problem(i: &super::Inspection) -> Problem {
    Problem {
        id: i.id,
        code: i.key.clone(),
        name: i.name.clone(),
        at: show_time(i.at),
        result: i.result.name_zh().to_string(),
        problem: i.problem.clone(),
        rectification: i.rectification.clone(),
    }
}

fn count_inspections<'a>(records: impl Iterator<Item = &'a super::Inspection>) -> InspectionCounts {
    let mut c = InspectionCounts::default();
    for r in InspectionResult::ALL {
        c.by_result.insert(r.name_zh().to_string(), 0);
    }
    for i in records {
        c.total += 1;
        *c.by_result
            .entry(i.result.name_zh().to_string())
            .or_default() += 1;
    }
    c
}

/// What the list makes its enterprises, sites and fleets do at `level`.
pub fn measures_in_force(list: &List, level: Level) -> MeasuresInForce {
    let mut m = MeasuresInForce::default();
    for e in list.enterprises.iter().filter(|e| !e.shut_down) {
        let shares: Vec<f64> = e
            .sources
            .iter()
            .map(|s| *source_reduction(s).shares.get(level))
            .collect();
        let self_chosen = e.grade.is_some_and(|g| g.is_self_chosen())
            || e.sources
                .iter()
                .any(|s| s.measures.get(level).text.contains("自主减排"));
        if !shares.is_empty() && shares.iter().all(|s| *s >= 1.0 - 1e-9) {
            m.stop += 1;
        } else if shares.iter().any(|s| *s > 1e-9) {
            m.limit += 1;
        } else if self_chosen {
            m.self_chosen += 1;
        } else {
            m.other += 1;
        }
    }
    m.sites_stopped = list
        .sites
        .iter()
        .filter(|s| {
            *source_reduction(&s.source).shares.get(level) >= 1.0 - 1e-9
                || text_in_force(&s.source, level).contains("停工")
        })
        .count();
    m.fleets_restricted = list
        .fleets
        .iter()
        .filter(|f| {
            source_reduction(&f.source).reductions.get(level).total() > 0.0
                || !text_in_force(&f.source, level).is_empty()
        })
        .count();
    m
}

/// The measure text a source carries at `level`, inherited from the lower level when blank.
fn text_in_force(source: &crate::model::Source, level: Level) -> &str {
    let mut l = Some(level);
    while let Some(lv) = l {
        let t = source.measures.get(lv).text.trim();
        if !t.is_empty() {
            return t;
        }
        l = lv.lower();
    }
    ""
}

/// The daily report of `date` (`now` judges notices of a day not yet over).
pub fn daily_report(
    list: &List,
    episode: &Episode,
    power: &PowerCheck,
    date: Day,
    due: &str,
    now: Time,
) -> DailyReport {
    let day_end = date.and_hms_opt(23, 59, 59).expect("a valid time");
    let until = episode
        .ended_at
        .map_or(day_end, |e| e.min(day_end))
        .min(now.max(episode.started_at()));
    let level = episode.level_at(until);
    let today: Vec<_> = episode
        .standing_inspections()
        .filter(|i| i.at.date() == date)
        .collect();
    DailyReport {
        episode: episode.id,
        date,
        started_at: show_time(episode.started_at()),
        level: level.level,
        level_since: show_time(level.at),
        pollutant: episode.pollutant.clone(),
        measures: measures_in_force(list, level.level),
        notices: notice_counts(episode, until),
        inspections: count_inspections(today.iter().copied()),
        problems: today
            .iter()
            .filter(|i| i.result.is_violation() || !i.problem.trim().is_empty())
            .map(|i| problem(i))
            .collect(),
        power_flags: power.flagged.iter().filter(|f| f.date == date).count(),
        due: format!("{} {due}", date.succ_opt().unwrap_or(date)),
    }
}

/// The evaluation report of an ended episode (`now` for one still open).
pub fn evaluation_report(
    list: &List,
    episode: &Episode,
    power: &PowerCheck,
    due_days: u32,
    now: Time,
) -> EvaluationReport {
    let end = episode.ended_at.unwrap_or(now);
    let hours = |a: Time, b: Time| tidy((b - a).num_seconds() as f64 / 3600.0);
    let check = crate::reduce::check(list);
    let levels = episode
        .levels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let to = episode.levels.get(i + 1).map_or(end, |n| n.at);
            LevelHeld {
                level: l.level,
                from: show_time(l.at),
                to: show_time(to),
                hours: hours(l.at, to),
                promised: check
                    .levels
                    .iter()
                    .find(|c| c.level == l.level)
                    .map_or(Amounts::ZERO, |c| c.reduction),
            }
        })
        .collect();
    let notices = notice_counts(episode, end);
    let standing: Vec<_> = episode.standing_inspections().collect();
    let mut downgrade = Vec::new();
    let mut guarantee = Vec::new();
    for i in standing
        .iter()
        .filter(|i| i.result == InspectionResult::NotDone && i.kind == Addressee::Enterprise)
    {
        if downgrade.contains(&i.name) {
            continue;
        }
        downgrade.push(i.name.clone());
        if list
            .enterprises
            .iter()
            .any(|e| e.key() == i.key && e.is_guarantee())
        {
            guarantee.push(i.name.clone());
        }
    }
    let mut flagged_enterprises: Vec<&str> =
        power.flagged.iter().map(|f| f.code.as_str()).collect();
    flagged_enterprises.sort_unstable();
    flagged_enterprises.dedup();
    EvaluationReport {
        episode: episode.id,
        issuer: episode.issuer.clone(),
        doc_no: episode.doc_no.clone(),
        pollutant: episode.pollutant.clone(),
        started_at: show_time(episode.started_at()),
        ended_at: show_time(end),
        duration_hours: hours(episode.started_at(), end),
        levels,
        confirmed_in_time_share: if notices.issued == 0 {
            0.0
        } else {
            tidy(notices.confirmed_in_time as f64 / notices.issued as f64)
        },
        notices,
        inspections: count_inspections(standing.iter().copied()),
        violations: standing
            .iter()
            .filter(|i| i.result.is_violation())
            .map(|i| problem(i))
            .collect(),
        downgrade_candidates: downgrade,
        guarantee_candidates: guarantee,
        power_judged: power.judged.len(),
        power_flagged: power.flagged.len(),
        power_flagged_enterprises: flagged_enterprises.len(),
        power_no_normal: power.no_normal.len(),
        due: (end.date() + chrono::Days::new(u64::from(due_days))).to_string(),
    }
}
