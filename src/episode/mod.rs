//! The episode (应急响应, `docs/episode.md`): what the county does while a warning is in force —
//! the level timeline, the notices issued from the list, confirmations, the day's spot-check
//! plan, inspection records, the electricity check and the two reports.
//!
//! This module is pure (no store, no files except the electricity workbook it is handed): the
//! store keeps what is recorded ([`crate::store::Store`]'s episode methods) and
//! [`crate::app::episode`] joins the two for the CLI and the app.
//!
//! Why the copy in each notice: a notice is a record of what was sent. When the list changes
//! after a warning, the 台账 must still show the names, phones and measures the enterprise was
//! told, so every notice carries its own copy instead of pointing at the list.

mod notices;
mod plan;
pub mod power;
pub mod report;
mod time;

pub use notices::{draft_round, sms_text, NoticeDraft};
pub use plan::{spot_check_plan, PlanEntry, PlanReason, SpotCheckPlan};
pub use power::{judge_power, PowerCheck, PowerFlag, PowerProfile};
pub use report::{daily_report, evaluation_report, DailyReport, EvaluationReport};
pub use time::{parse_day, parse_time, show_time, Day, Time};

use serde::{Deserialize, Serialize};

use crate::model::Level;

/// The settings an episode works with (each with the default the spec gives).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EpisodeSettings {
    /// Hours from a notice's issue to its deadline (Liaocheng 4.2: 3 h).
    pub notify_window_hours: f64,
    /// Entries of the day's spot-check plan (Jiaozuo 6: at least 5).
    pub daily_quota: usize,
    /// The share of normal electricity use a stopped plant still draws (`k`).
    pub standby_load: f64,
    /// How far above its cap a day's use may go before it is flagged.
    pub power_tolerance: f64,
    /// When the daily report is due on the next morning (`HH:MM`).
    pub daily_report_due: String,
    /// Days after the end within which the evaluation is due.
    pub evaluation_due_days: u32,
}

impl Default for EpisodeSettings {
    fn default() -> Self {
        EpisodeSettings {
            notify_window_hours: 3.0,
            daily_quota: 5,
            standby_load: 0.10,
            power_tolerance: 0.10,
            daily_report_due: "08:30".to_string(),
            evaluation_due_days: 5,
        }
    }
}

/// One step of the level timeline: the start, or an adjustment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LevelChange {
    /// Store id (the notices of this round point at it).
    pub id: i64,
    /// The level from then on.
    pub level: Level,
    /// When it took effect.
    pub at: Time,
    /// 文号 of the warning or adjustment, as given (may be empty).
    pub doc_no: String,
}

/// An episode (一次重污染天气过程) with everything recorded under it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Episode {
    /// Store id.
    pub id: i64,
    /// 发布机关.
    pub issuer: String,
    /// 文号 of the start.
    pub doc_no: String,
    /// 主要污染物 (free text, e.g. PM2.5).
    pub pollutant: String,
    /// 预计解除时间.
    pub expected_end: Option<Time>,
    /// 解除时间; `None` while the episode is open.
    pub ended_at: Option<Time>,
    /// The levels in the order they took effect; never empty.
    pub levels: Vec<LevelChange>,
    /// Every notice of every round.
    pub notices: Vec<Notice>,
    /// Every inspection record, oldest first, corrections included.
    pub inspections: Vec<Inspection>,
    /// Electricity readings (kWh per enterprise and day).
    pub readings: Vec<Reading>,
}

impl Episode {
    /// When the episode started (its first level).
    pub fn started_at(&self) -> Time {
        self.levels[0].at
    }

    /// The level in force at `t` (the start level for a time before the start).
    pub fn level_at(&self, t: Time) -> &LevelChange {
        self.levels
            .iter()
            .rev()
            .find(|l| l.at <= t)
            .unwrap_or(&self.levels[0])
    }

    /// The last level change: the current round of notices.
    pub fn current(&self) -> &LevelChange {
        self.levels.last().expect("an episode has a level")
    }

    /// The notices of one round.
    pub fn round(&self, level_id: i64) -> impl Iterator<Item = &Notice> {
        self.notices.iter().filter(move |n| n.level_id == level_id)
    }

    /// The inspections that stand: those no later record corrects.
    pub fn standing_inspections(&self) -> impl Iterator<Item = &Inspection> {
        self.inspections
            .iter()
            .filter(|i| !self.inspections.iter().any(|c| c.corrects == Some(i.id)))
    }
}

/// Whether a notice goes to an enterprise (its industrial and mobile rows merged) or a site.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Addressee {
    /// An enterprise of the industrial and/or mobile sheet.
    Enterprise,
    /// A construction site (扬尘源).
    Site,
}

impl Addressee {
    /// The stored word.
    pub fn key(self) -> &'static str {
        match self {
            Addressee::Enterprise => "enterprise",
            Addressee::Site => "site",
        }
    }
}

/// A notice as issued, with the copy it was sent with and its confirmation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Notice {
    /// Store id (the 通知编号 of the notification workbook).
    pub id: i64,
    /// The level change that issued it.
    pub level_id: i64,
    /// The copy of what was sent.
    pub draft: NoticeDraft,
    /// Issue time plus the notification window.
    pub deadline: Time,
    /// When the notification sheet carrying it was written (已通知).
    pub notified_at: Option<Time>,
    /// The first confirmation (已确认): when and by whom.
    pub confirmed: Option<(Time, String)>,
}

/// A notice's state at a moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeState {
    /// 待通知.
    Pending,
    /// 已通知, not yet confirmed and still within the window.
    Notified,
    /// 已确认 within the window.
    Confirmed,
    /// 超时: confirmed after the deadline, or not confirmed when the deadline has passed.
    Overdue,
}

impl NoticeState {
    /// 待通知 / 已通知 / 已确认 / 超时.
    pub fn name_zh(self) -> &'static str {
        match self {
            NoticeState::Pending => "待通知",
            NoticeState::Notified => "已通知",
            NoticeState::Confirmed => "已确认",
            NoticeState::Overdue => "超时",
        }
    }
}

impl Notice {
    /// The state as seen at `now`: a notice confirmed late stays 超时 for good.
    pub fn state(&self, now: Time) -> NoticeState {
        match &self.confirmed {
            Some((at, _)) if *at <= self.deadline => NoticeState::Confirmed,
            Some(_) => NoticeState::Overdue,
            None if now > self.deadline => NoticeState::Overdue,
            None if self.notified_at.is_some() => NoticeState::Notified,
            None => NoticeState::Pending,
        }
    }
}

/// The result of an inspection (落实 / 部分落实 / 未落实 / 停产核实).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum InspectionResult {
    /// 落实: the measures are carried out.
    #[serde(rename = "落实")]
    Done,
    /// 部分落实.
    #[serde(rename = "部分落实")]
    Partly,
    /// 未落实.
    #[serde(rename = "未落实")]
    NotDone,
    /// 停产核实: found stopped.
    #[serde(rename = "停产核实")]
    Stopped,
}

impl InspectionResult {
    /// Every result, in report order.
    pub const ALL: [InspectionResult; 4] = [
        InspectionResult::Done,
        InspectionResult::Partly,
        InspectionResult::NotDone,
        InspectionResult::Stopped,
    ];

    /// The word as written.
    pub fn name_zh(self) -> &'static str {
        match self {
            InspectionResult::Done => "落实",
            InspectionResult::Partly => "部分落实",
            InspectionResult::NotDone => "未落实",
            InspectionResult::Stopped => "停产核实",
        }
    }

    /// Reads a result word.
    pub fn parse(text: &str) -> Option<InspectionResult> {
        let t = text.trim();
        InspectionResult::ALL.into_iter().find(|r| r.name_zh() == t)
    }

    /// 部分落实 and 未落实 send the enterprise back to the top of the next plan.
    pub fn is_violation(self) -> bool {
        matches!(self, InspectionResult::Partly | InspectionResult::NotDone)
    }
}

/// An inspection record (append-only; a correction names the record it corrects).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Inspection {
    /// Store id.
    pub id: i64,
    /// Enterprise or site.
    pub kind: Addressee,
    /// The enterprise's code (else name) or the site's name.
    pub key: String,
    /// Name at the time of the record.
    pub name: String,
    /// When.
    pub at: Time,
    /// 检查人员, as given.
    pub inspectors: String,
    /// What was found.
    pub result: InspectionResult,
    /// What was seen.
    pub seen: String,
    /// A meter reading in kWh.
    pub reading_kwh: Option<f64>,
    /// Photo files, relative to the data folder (`photos/<sha256>.<ext>`).
    pub photos: Vec<String>,
    /// 问题.
    pub problem: String,
    /// 整改要求.
    pub rectification: String,
    /// The record this one corrects.
    pub corrects: Option<i64>,
}

/// One day's electricity use of one enterprise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    /// The enterprise's key (code, else name).
    pub key: String,
    /// The day.
    pub day: Day,
    /// kWh.
    pub use_kwh: f64,
    /// The account (户号) or name the row was matched by.
    pub account: String,
}
