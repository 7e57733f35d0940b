//! The episode's use-cases (`docs/episode.md`): the CLI's `episode`, `notify`, `ack`,
//! `inspect`, `power` and `report` commands and the app's 应急响应 screen call these.
//!
//! Every refusal is checked **before** anything is written, and each write is one store
//! transaction, so a refused command changes nothing (exit 65, [`EpisodeError`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::error::AppError;
use crate::episode::power::{self, PowerProfile};
use crate::episode::{
    self as ep, draft_round, parse_day, parse_time, show_time, Addressee, Day, Episode, Inspection,
    InspectionResult, NoticeState, Reading, Time,
};
use crate::model::{Diagnostic, Level, List};
use crate::store::{EpisodeStart, NewInspection, Store};

/// Why an episode command refused its input (exit 65; nothing was written).
#[derive(Debug, thiserror::Error)]
pub enum EpisodeError {
    /// The command needs an open episode.
    #[error("当前没有进行中的应急响应过程，请先用 jianpai episode start 启动预警")]
    NoOpenEpisode,
    /// `start` while one is open.
    #[error("应急响应过程（编号 {id}，{since} 启动）尚未解除，不能再次启动；请先 jianpai episode end 解除，或用 episode adjust 调整级别")]
    AlreadyOpen {
        /// The open episode.
        id: i64,
        /// Its start.
        since: String,
    },
    /// No episode has this id (or none at all).
    #[error("没有编号为 {0} 的应急响应过程，请用 jianpai episode show 查看")]
    UnknownEpisode(i64),
    /// No episode was ever started.
    #[error("还没有任何应急响应过程，请先用 jianpai episode start 启动预警")]
    NoEpisode,
    /// A time or date that cannot be read.
    #[error("{0}")]
    BadTime(String),
    /// A time before the episode's start (or before its last change, for adjust and end).
    #[error("时间 {at} 早于{what}（{limit}），请核对时间")]
    TooEarly {
        /// The time given.
        at: String,
        /// 预警启动时间 / 最近一次调整时间.
        what: &'static str,
        /// That time.
        limit: String,
    },
    /// An adjustment to the level already in force.
    #[error("当前已是{0}，无需调整")]
    SameLevel(&'static str),
    /// No notice of the current round for this enterprise code or name.
    #[error("本轮通知中没有统一社会信用代码（或名称）为“{0}”的企业，请核对代码")]
    UnknownEnterprise(String),
    /// No notice of the current round for this site.
    #[error("本轮通知中没有名为“{0}”的施工工地，请核对项目名称")]
    UnknownSite(String),
    /// `--corrects` names a record of another episode or none.
    #[error("本次过程没有编号为 {0} 的检查记录，--corrects 须指向要更正的记录")]
    UnknownInspection(i64),
    /// An inspection result word not in the list.
    #[error("检查结果“{0}”无法识别，请填写 落实、部分落实、未落实 或 停产核实")]
    BadResult(String),
    /// A photo file that cannot be read.
    #[error("无法读取照片“{}”：{source}。请检查路径", .path.display())]
    Photo {
        /// The path given.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// Photos need a data file on disk to sit beside.
    #[error("内存中的数据不能保存照片，请用 --db 指定数据文件")]
    NoDataFolder,
    /// A returned notification workbook or an electricity file with errors.
    #[error("{message}")]
    File {
        /// One line.
        message: String,
        /// Every error, placed at sheet/row/column.
        errors: Vec<Diagnostic>,
    },
}

impl From<EpisodeError> for AppError {
    fn from(e: EpisodeError) -> Self {
        match e {
            EpisodeError::File { message, errors } => AppError::Invalid {
                message,
                errors,
                warnings: Vec::new(),
            },
            other => AppError::Invalid {
                message: other.to_string(),
                errors: Vec::new(),
                warnings: Vec::new(),
            },
        }
    }
}

/// The wall clock, local time: what judges 超时 of an episode still open.
pub fn now() -> Time {
    chrono::Local::now().naive_local()
}

fn time(text: &str) -> Result<Time, EpisodeError> {
    parse_time(text).map_err(EpisodeError::BadTime)
}

/// Reads a `--date`, or today.
///
/// # Errors
/// [`EpisodeError::BadTime`].
pub fn day_or_today(text: Option<&str>) -> Result<Day, EpisodeError> {
    match text {
        Some(t) => parse_day(t).map_err(EpisodeError::BadTime),
        None => Ok(now().date()),
    }
}

fn open_episode(store: &Store) -> Result<Episode, AppError> {
    let id = store
        .open_episode_id()?
        .ok_or(EpisodeError::NoOpenEpisode)?;
    Ok(store
        .load_episode(id)?
        .ok_or(EpisodeError::UnknownEpisode(id))?)
}

/// The episode `id`, else the open one, else the last one.
///
/// # Errors
/// [`EpisodeError::UnknownEpisode`] / [`EpisodeError::NoEpisode`] (exit 65).
pub fn episode_or_last(store: &Store, id: Option<i64>) -> Result<Episode, AppError> {
    let id = match id {
        Some(id) => id,
        None => match store.open_episode_id()? {
            Some(id) => id,
            None => *store
                .episode_ids()?
                .first()
                .ok_or(EpisodeError::NoEpisode)?,
        },
    };
    Ok(store
        .load_episode(id)?
        .ok_or(EpisodeError::UnknownEpisode(id))?)
}

fn not_before(at: Time, limit: Time, what: &'static str) -> Result<(), EpisodeError> {
    if at < limit {
        return Err(EpisodeError::TooEarly {
            at: show_time(at),
            what,
            limit: show_time(limit),
        });
    }
    Ok(())
}

/// The episode settings as stored with the list.
///
/// # Errors
/// Store errors.
pub fn episode_settings(store: &Store) -> Result<ep::EpisodeSettings, AppError> {
    Ok(store.episode_settings()?)
}

/// Replaces the episode settings after checking every value; returns what is stored. They
/// apply from the next round of notices, plan, electricity check or report on (a notice
/// keeps the deadline it was issued with).
///
/// # Errors
/// [`AppError::Refused`] naming each field out of range (exit 65, nothing written); store
/// errors.
pub fn set_episode_settings(
    store: &mut Store,
    settings: &ep::EpisodeSettings,
) -> Result<ep::EpisodeSettings, AppError> {
    let mut problems = Vec::new();
    let mut bad = |field: &str, message: String| {
        problems.push(super::FieldProblem::new(field, message));
    };
    let s = settings;
    // A notice window beyond a week would make every notice of a short episode "in time".
    if !(s.notify_window_hours > 0.0 && s.notify_window_hours <= 168.0) {
        bad(
            "notify_window_hours",
            format!(
                "通知回复时限 {:.2} 小时不在 0 到 168 小时之间，请填写如 3",
                s.notify_window_hours
            ),
        );
    }
    if !(1..=1000).contains(&s.daily_quota) {
        bad(
            "daily_quota",
            format!(
                "每日抽查家数 {} 不在 1 到 1000 之间，请填写如 5",
                s.daily_quota
            ),
        );
    }
    if !(0.0..1.0).contains(&s.standby_load) {
        bad(
            "standby_load",
            format!(
                "停产企业保安用电比例 {:.2}% 须不小于 0% 且小于 100%，请填写如 10%",
                s.standby_load * 100.0
            ),
        );
    }
    if !(0.0..=1.0).contains(&s.power_tolerance) {
        bad(
            "power_tolerance",
            format!(
                "用电量超限容差 {:.2}% 不在 0% 到 100% 之间，请填写如 10%",
                s.power_tolerance * 100.0
            ),
        );
    }
    let due = chrono::NaiveTime::parse_from_str(s.daily_report_due.trim(), "%H:%M");
    if due.is_err() {
        bad(
            "daily_report_due",
            format!(
                "每日信息报送时间“{}”无法识别，请按 HH:MM 填写，如 08:30",
                s.daily_report_due
            ),
        );
    }
    if !(1..=365).contains(&s.evaluation_due_days) {
        bad(
            "evaluation_due_days",
            format!(
                "总结评估报送期限 {} 天不在 1 到 365 天之间，请填写如 5",
                s.evaluation_due_days
            ),
        );
    }
    if !problems.is_empty() {
        return Err(AppError::Refused(problems));
    }
    let clean = ep::EpisodeSettings {
        daily_report_due: due.map_or_else(|_| String::new(), |t| t.format("%H:%M").to_string()),
        ..s.clone()
    };
    store.set_episode_settings(&clean)?;
    Ok(store.episode_settings()?)
}

/// What `episode start` is given.
#[derive(Clone, Debug, Default)]
pub struct StartArgs {
    /// `--at`.
    pub at: String,
    /// `--doc`.
    pub doc_no: String,
    /// `--issuer`.
    pub issuer: String,
    /// `--pollutant`.
    pub pollutant: String,
    /// `--until`.
    pub until: Option<String>,
}

/// Opens an episode and issues its notices from the list as it is now.
///
/// # Errors
/// [`EpisodeError::AlreadyOpen`], [`EpisodeError::BadTime`] (exit 65); store errors.
pub fn start_episode(
    store: &mut Store,
    level: Level,
    args: &StartArgs,
) -> Result<Episode, AppError> {
    if let Some(id) = store.open_episode_id()? {
        let open = episode_or_last(store, Some(id))?;
        return Err(EpisodeError::AlreadyOpen {
            id,
            since: show_time(open.started_at()),
        }
        .into());
    }
    let at = time(&args.at)?;
    let expected_end = args.until.as_deref().map(time).transpose()?;
    if let Some(until) = expected_end {
        not_before(until, at, "预警启动时间")?;
    }
    let list = store.load()?;
    let settings = store.episode_settings()?;
    let start = EpisodeStart {
        issuer: args.issuer.clone(),
        doc_no: args.doc_no.clone(),
        pollutant: args.pollutant.clone(),
        expected_end,
    };
    let drafts = draft_round(&list, level);
    let id = store.start_episode(&start, level, at, &drafts, settings.notify_window_hours)?;
    episode_or_last(store, Some(id))
}

/// Changes the open episode's level and issues a new round of notices.
///
/// # Errors
/// No open episode, a time before the last change, the same level (exit 65); store errors.
pub fn adjust_episode(
    store: &mut Store,
    level: Level,
    at: &str,
    doc_no: &str,
) -> Result<Episode, AppError> {
    let episode = open_episode(store)?;
    let at = time(at)?;
    not_before(at, episode.started_at(), "预警启动时间")?;
    not_before(at, episode.current().at, "最近一次级别调整时间")?;
    if episode.current().level == level {
        return Err(EpisodeError::SameLevel(level.name_zh()).into());
    }
    let list = store.load()?;
    let settings = store.episode_settings()?;
    let drafts = draft_round(&list, level);
    store.adjust_episode(
        episode.id,
        level,
        at,
        doc_no,
        &drafts,
        settings.notify_window_hours,
    )?;
    episode_or_last(store, Some(episode.id))
}

/// Lifts the warning.
///
/// # Errors
/// No open episode, an end before the last change (exit 65); store errors.
pub fn end_episode(store: &mut Store, at: &str) -> Result<Episode, AppError> {
    let episode = open_episode(store)?;
    let at = time(at)?;
    not_before(at, episode.started_at(), "预警启动时间")?;
    not_before(at, episode.current().at, "最近一次级别调整时间")?;
    store.end_episode(episode.id, at)?;
    episode_or_last(store, Some(episode.id))
}

/// A level change as `episode show --json` prints it.
#[derive(Clone, Debug, Serialize)]
pub struct LevelJson {
    /// yellow / orange / red.
    pub level: Level,
    /// When.
    pub at: String,
    /// 文号.
    pub doc: String,
}

/// A notice as shown.
#[derive(Clone, Debug, Serialize)]
pub struct NoticeJson {
    /// 通知编号.
    pub id: i64,
    /// The round's level.
    pub level: Level,
    /// enterprise / site.
    pub kind: Addressee,
    /// Code, else name.
    pub code: String,
    /// Name.
    pub name: String,
    /// Township.
    pub town: String,
    /// Responsible person.
    pub responsible: String,
    /// Phone.
    pub phone: String,
    /// Measures sent.
    pub measures: Vec<String>,
    /// Deadline.
    pub deadline: String,
    /// pending / notified / confirmed / overdue.
    pub state: NoticeState,
    /// When confirmed.
    pub confirmed_at: Option<String>,
    /// By whom.
    pub confirmed_by: Option<String>,
}

/// `episode show --json`.
#[derive(Clone, Debug, Serialize)]
pub struct EpisodeSummary {
    /// Episode id.
    pub id: i64,
    /// 发布机关.
    pub issuer: String,
    /// 文号.
    pub doc: String,
    /// 主要污染物.
    pub pollutant: String,
    /// 预计解除时间.
    pub expected_end: Option<String>,
    /// The level timeline.
    pub levels: Vec<LevelJson>,
    /// 解除时间.
    pub ended_at: Option<String>,
    /// Counts of all rounds.
    pub notices: ep::report::NoticeCounts,
    /// The current round's notices.
    pub current_notices: Vec<NoticeJson>,
    /// Inspection counts.
    pub inspections: ep::report::InspectionCounts,
    /// Inspection records, corrections included.
    pub records: Vec<InspectionJson>,
    /// Electricity flags.
    pub flags: Vec<power::PowerFlag>,
    /// Every episode id, newest first (past episodes, read-only).
    pub all: Vec<i64>,
}

/// An inspection record as shown.
#[derive(Clone, Debug, Serialize)]
pub struct InspectionJson {
    /// Record id.
    pub id: i64,
    /// Code or site name.
    pub code: String,
    /// Name.
    pub name: String,
    /// Time.
    pub at: String,
    /// Result word.
    pub result: String,
    /// Inspectors.
    pub by: String,
    /// Seen.
    pub seen: String,
    /// Meter reading.
    pub reading: Option<f64>,
    /// Photo files relative to the data folder.
    pub photos: Vec<String>,
    /// Problem.
    pub problem: String,
    /// 整改要求.
    pub rectification: String,
    /// The record it corrects.
    pub corrects: Option<i64>,
}

fn inspection_json(i: &Inspection) -> InspectionJson {
    InspectionJson {
        id: i.id,
        code: i.key.clone(),
        name: i.name.clone(),
        at: show_time(i.at),
        result: i.result.name_zh().to_string(),
        by: i.inspectors.clone(),
        seen: i.seen.clone(),
        reading: i.reading_kwh,
        photos: i.photos.clone(),
        problem: i.problem.clone(),
        rectification: i.rectification.clone(),
        corrects: i.corrects,
    }
}

/// The moment notices are judged at: the end of a closed episode, else now — but never before
/// the last level change nor the last confirmation, so a round and its confirmations entered
/// ahead of the clock (a drill, a clock behind) count as issued and confirmed, as each
/// notice's own state already shows them.
fn judge_at(episode: &Episode) -> Time {
    episode.ended_at.unwrap_or_else(|| {
        let last_ack = episode
            .notices
            .iter()
            .filter_map(|n| n.confirmed.as_ref().map(|(t, _)| *t))
            .max();
        now()
            .max(episode.current().at)
            .max(last_ack.unwrap_or(episode.current().at))
    })
}

/// The electricity check of an episode against the list as it is.
pub fn power_check(
    list: &List,
    episode: &Episode,
    settings: &ep::EpisodeSettings,
) -> power::PowerCheck {
    ep::judge_power(
        episode,
        &power::profiles_of(list),
        settings.standby_load,
        settings.power_tolerance,
    )
}

/// `episode show`: the episode `id`, else the open one, else the last.
///
/// # Errors
/// No episode (exit 65); store errors.
pub fn show_episode(store: &Store, id: Option<i64>) -> Result<EpisodeSummary, AppError> {
    let episode = episode_or_last(store, id)?;
    let list = store.load()?;
    let settings = store.episode_settings()?;
    let at = judge_at(&episode);
    let current = episode.current();
    let standing: Vec<&Inspection> = episode.standing_inspections().collect();
    let mut by_result = BTreeMap::new();
    for r in InspectionResult::ALL {
        by_result.insert(
            r.name_zh().to_string(),
            standing.iter().filter(|i| i.result == r).count(),
        );
    }
    Ok(EpisodeSummary {
        id: episode.id,
        issuer: episode.issuer.clone(),
        doc: episode.doc_no.clone(),
        pollutant: episode.pollutant.clone(),
        expected_end: episode.expected_end.map(show_time),
        levels: episode
            .levels
            .iter()
            .map(|l| LevelJson {
                level: l.level,
                at: show_time(l.at),
                doc: l.doc_no.clone(),
            })
            .collect(),
        ended_at: episode.ended_at.map(show_time),
        notices: ep::report::notice_counts(&episode, at),
        current_notices: episode
            .round(current.id)
            .map(|n| NoticeJson {
                id: n.id,
                level: current.level,
                kind: n.draft.addressee(),
                code: n.draft.key.clone(),
                name: n.draft.name.clone(),
                town: n.draft.town.clone(),
                responsible: n.draft.responsible.name.clone(),
                phone: n.draft.responsible.phone.clone(),
                measures: n.draft.measures.clone(),
                deadline: show_time(n.deadline),
                state: n.state(at),
                confirmed_at: n.confirmed.as_ref().map(|(t, _)| show_time(*t)),
                confirmed_by: n.confirmed.as_ref().map(|(_, b)| b.clone()),
            })
            .collect(),
        inspections: ep::report::InspectionCounts {
            total: standing.len(),
            by_result,
        },
        records: episode.inspections.iter().map(inspection_json).collect(),
        flags: power_check(&list, &episode, &settings).flagged,
        all: store.episode_ids()?,
    })
}

/// Whom a confirmation or an inspection is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// An enterprise by credit code (or name).
    Enterprise(String),
    /// A construction site by 项目名称.
    Site(String),
}

impl Target {
    /// A site when `site` names one, else the enterprise `code`.
    ///
    /// # Errors
    /// [`AppError::Refused`] (field `code`) when neither is given.
    pub fn of(code: Option<String>, site: Option<String>) -> Result<Target, AppError> {
        match (code, site) {
            (_, Some(site)) => Ok(Target::Site(site)),
            (Some(code), None) => Ok(Target::Enterprise(code)),
            (None, None) => Err(AppError::Refused(vec![super::FieldProblem::new(
                "code",
                "请选择企业或施工工地",
            )])),
        }
    }
}

fn find_notice<'a>(episode: &'a Episode, target: &Target) -> Result<&'a ep::Notice, EpisodeError> {
    let mut round = episode.round(episode.current().id);
    match target {
        Target::Enterprise(code) => {
            let c = code.trim();
            round
                .find(|n| {
                    n.draft.addressee() == Addressee::Enterprise
                        && (n.draft.key.eq_ignore_ascii_case(c)
                            || n.draft.code.eq_ignore_ascii_case(c)
                            || n.draft.name == c)
                })
                .ok_or_else(|| EpisodeError::UnknownEnterprise(c.to_string()))
        }
        Target::Site(name) => round
            .find(|n| n.draft.addressee() == Addressee::Site && n.draft.name == name.trim())
            .ok_or_else(|| EpisodeError::UnknownSite(name.trim().to_string())),
    }
}

/// `ack CODE | --site NAME --at T [--by NAME]`: confirms a notice of the current round.
///
/// # Errors
/// No open episode, an unknown code or site, a time before the round (exit 65).
pub fn ack(store: &mut Store, target: &Target, at: &str, by: &str) -> Result<NoticeJson, AppError> {
    let episode = open_episode(store)?;
    let at = time(at)?;
    not_before(at, episode.current().at, "本轮通知发出时间")?;
    let notice = find_notice(&episode, target)?;
    store.confirm_notices(&[(notice.id, at, by.to_string())])?;
    let id = notice.id;
    let summary = show_episode(store, Some(episode.id))?;
    Ok(summary
        .current_notices
        .into_iter()
        .find(|n| n.id == id)
        .expect("the confirmed notice is in the round"))
}

/// `ack --file`: confirmations from a returned notification workbook (rows whose 确认时间 is
/// filled); all or nothing. Returns how many were recorded.
///
/// # Errors
/// No open episode; the file's errors placed at sheet/row/column (exit 65).
pub fn ack_file(store: &mut Store, file: &Path) -> Result<usize, AppError> {
    if !file.is_file() {
        return Err(AppError::InputMissing {
            path: file.to_path_buf(),
        });
    }
    let episode = open_episode(store)?;
    let rows = super::episode_files::read_returned(file)?;
    let round_start = episode.current().at;
    let mut acks = Vec::new();
    let mut errors = Vec::new();
    for r in rows {
        let place = |m: String| Diagnostic::cell(&r.sheet, r.row, "确认时间", m);
        let at = match parse_time(&r.confirmed_at) {
            Ok(t) => t,
            Err(m) => {
                errors.push(place(m));
                continue;
            }
        };
        let Some(n) = episode.notices.iter().find(|n| n.id == r.notice_id) else {
            errors.push(Diagnostic::cell(
                &r.sheet,
                r.row,
                "通知编号",
                format!(
                    "通知编号 {} 不属于当前应急响应过程，请使用本程序导出的通知表",
                    r.notice_id
                ),
            ));
            continue;
        };
        let issued = episode
            .levels
            .iter()
            .find(|l| l.id == n.level_id)
            .map_or(round_start, |l| l.at);
        if at < issued {
            errors.push(place(format!(
                "确认时间 {} 早于通知发出时间 {}，请核对",
                show_time(at),
                show_time(issued)
            )));
            continue;
        }
        if n.confirmed.is_none() {
            acks.push((n.id, at, r.by));
        }
    }
    if !errors.is_empty() {
        return Err(EpisodeError::File {
            message: format!("回执工作簿有 {} 处错误，未记录任何确认", errors.len()),
            errors,
        }
        .into());
    }
    store.confirm_notices(&acks)?;
    Ok(acks.len())
}

/// `notify OUT.xlsx`: the current round's notification workbook (one sheet per township, then
/// 短信); marks the round 已通知.
///
/// # Errors
/// No open episode (exit 65); write errors.
pub fn notify_workbook(store: &mut Store, out: &Path) -> Result<usize, AppError> {
    let episode = open_episode(store)?;
    let area = store.load()?.area;
    let n = super::episode_files::write_notify_workbook(&episode, &area, out)?;
    store.mark_notified(episode.current().id, now().max(episode.current().at))?;
    Ok(n)
}

/// `notify --docx DIR`: one .docx 通知 per township; marks the round 已通知.
///
/// # Errors
/// No open episode (exit 65); write errors.
pub fn notify_docx(store: &mut Store, dir: &Path) -> Result<Vec<PathBuf>, AppError> {
    let episode = open_episode(store)?;
    let area = store.load()?.area;
    std::fs::create_dir_all(dir).map_err(|source| crate::docs::DocError::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let current = episode.current();
    let mut files = Vec::new();
    for (town, notices) in super::episode_files::by_town(&episode) {
        let path = dir.join(format!("{}-{}通知.docx", town, current.level.name_zh()));
        crate::docs::episode::write_notices(
            &area,
            &town,
            current.level,
            episode.started_at(),
            &notices,
            &path,
        )?;
        files.push(path);
    }
    store.mark_notified(current.id, now().max(current.at))?;
    Ok(files)
}

/// `inspect plan [--date D]`.
///
/// # Errors
/// No open episode, a bad date (exit 65).
pub fn inspect_plan(store: &Store, date: Option<&str>) -> Result<ep::SpotCheckPlan, AppError> {
    let episode = open_episode(store)?;
    let date = day_or_today(date)?;
    not_before(
        date.and_hms_opt(23, 59, 59).expect("valid"),
        episode.started_at(),
        "预警启动时间",
    )?;
    let settings = store.episode_settings()?;
    Ok(ep::spot_check_plan(
        &store.load()?,
        &episode,
        date,
        settings.daily_quota,
    ))
}

/// What `inspect record` is given (the CLI's flags, the app's record form).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct RecordArgs {
    /// `--at`.
    pub at: String,
    /// `--result`.
    pub result: String,
    /// `--by`.
    pub by: String,
    /// `--seen`.
    pub seen: String,
    /// `--reading`.
    pub reading: Option<f64>,
    /// `--photo` files.
    pub photos: Vec<PathBuf>,
    /// `--problem`.
    pub problem: String,
    /// `--rectify` (整改要求).
    pub rectification: String,
    /// `--corrects`.
    pub corrects: Option<i64>,
}

/// The app's record form: whom the record is about, and the record.
#[derive(Clone, Debug, Deserialize)]
pub struct RecordForm {
    /// An enterprise's code or name.
    pub code: Option<String>,
    /// A site's name (wins over `code`).
    pub site: Option<String>,
    /// The record itself.
    #[serde(flatten)]
    pub record: RecordArgs,
}

/// `inspect record`: appends an inspection record; photos are copied beside the store as
/// `photos/<sha256>.<ext>`.
///
/// # Errors
/// No open episode, unknown code or site, bad time or result, a time before the start, an
/// unknown `--corrects`, an unreadable photo (exit 65).
pub fn inspect_record(
    store: &mut Store,
    target: &Target,
    args: &RecordArgs,
) -> Result<InspectionJson, AppError> {
    let episode = open_episode(store)?;
    let at = time(&args.at)?;
    not_before(at, episode.started_at(), "预警启动时间")?;
    let result = InspectionResult::parse(&args.result)
        .ok_or_else(|| EpisodeError::BadResult(args.result.clone()))?;
    if let Some(c) = args.corrects {
        if !episode.inspections.iter().any(|i| i.id == c) {
            return Err(EpisodeError::UnknownInspection(c).into());
        }
    }
    let list = store.load()?;
    let (kind, key, name) = resolve_target(&list, target)?;
    let mut contents = Vec::new();
    for p in &args.photos {
        let bytes = std::fs::read(p).map_err(|source| EpisodeError::Photo {
            path: p.clone(),
            source,
        })?;
        contents.push((p, bytes));
    }
    let folder = match store.path() {
        Some(db) => db.parent().unwrap_or(Path::new(".")).join("photos"),
        None if contents.is_empty() => PathBuf::new(),
        None => return Err(EpisodeError::NoDataFolder.into()),
    };
    let mut photos = Vec::new();
    let mut names = Vec::new();
    for (p, bytes) in &contents {
        let file = super::episode_files::store_photo(&folder, p, bytes)?;
        photos.push(file);
        names.push(
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        );
    }
    let record = Inspection {
        id: 0,
        kind,
        key,
        name,
        at,
        inspectors: args.by.clone(),
        result,
        seen: args.seen.clone(),
        reading_kwh: args.reading,
        photos,
        problem: args.problem.clone(),
        rectification: args.rectification.clone(),
        corrects: args.corrects,
    };
    let id = store.record_inspection(
        episode.id,
        &NewInspection {
            record: record.clone(),
            photo_names: names,
        },
    )?;
    Ok(inspection_json(&Inspection { id, ..record }))
}

fn resolve_target(
    list: &List,
    target: &Target,
) -> Result<(Addressee, String, String), EpisodeError> {
    match target {
        Target::Enterprise(code) => {
            let c = code.trim();
            list.enterprises
                .iter()
                .find(|e| e.code.eq_ignore_ascii_case(c) || e.name == c)
                .map(|e| (Addressee::Enterprise, e.key(), e.name.clone()))
                .or_else(|| {
                    list.fleets
                        .iter()
                        .find(|f| f.code.eq_ignore_ascii_case(c) || f.name == c)
                        .map(|f| (Addressee::Enterprise, f.key(), f.name.clone()))
                })
                .ok_or_else(|| EpisodeError::UnknownEnterprise(c.to_string()))
        }
        Target::Site(name) => list
            .sites
            .iter()
            .find(|s| s.name == name.trim())
            .map(|s| (Addressee::Site, s.name.clone(), s.name.clone()))
            .ok_or_else(|| EpisodeError::UnknownSite(name.trim().to_string())),
    }
}

/// `power import --json`.
#[derive(Clone, Debug, Serialize)]
pub struct PowerImport {
    /// Readings written.
    pub written: usize,
    /// Distinct days in the file.
    pub days: usize,
    /// Enterprises judged (over the whole episode).
    pub judged: usize,
    /// Flagged days (over the whole episode).
    pub flagged: Vec<power::PowerFlag>,
    /// Rows whose account matched no enterprise.
    pub unmatched: usize,
    /// Enterprises with readings but no normal use (无法核查).
    pub no_normal: Vec<String>,
    /// Unmatched rows, placed.
    pub warnings: Vec<Diagnostic>,
}

/// `power import FILE`: reads electricity data into the open episode, all or nothing.
///
/// # Errors
/// No open episode; a missing file (exit 1); a broken file, every error placed (exit 65).
pub fn power_import(store: &mut Store, file: &Path) -> Result<PowerImport, AppError> {
    if !file.is_file() {
        return Err(AppError::InputMissing {
            path: file.to_path_buf(),
        });
    }
    let episode = open_episode(store)?;
    let raw = power::read_power_file(file, power::episode_year(&episode)).map_err(|errors| {
        EpisodeError::File {
            message: format!("用电量文件有 {} 处错误，未写入任何数据", errors.len()),
            errors,
        }
    })?;
    let list = store.load()?;
    let profiles: Vec<PowerProfile> = power::profiles_of(&list);
    let mut readings: Vec<Reading> = Vec::new();
    let mut warnings = Vec::new();
    let mut days: Vec<Day> = Vec::new();
    for r in &raw {
        if !days.contains(&r.day) {
            days.push(r.day);
        }
        match power::match_account(&profiles, &r.account) {
            Some(p) => {
                readings.retain(|x| !(x.key == p.key && x.day == r.day));
                readings.push(Reading {
                    key: p.key.clone(),
                    day: r.day,
                    use_kwh: r.use_kwh,
                    account: r.account.clone(),
                });
            }
            None => warnings.push(Diagnostic::row(
                &r.sheet,
                r.row,
                format!(
                    "“{}”与清单中的电力户号、统一社会信用代码、企业名称都对不上，已跳过；请在清单中补填电力户号",
                    r.account
                ),
            )),
        }
    }
    let written = store.write_readings(episode.id, &readings)?;
    let episode = episode_or_last(store, Some(episode.id))?;
    let settings = store.episode_settings()?;
    let check = power_check(&list, &episode, &settings);
    Ok(PowerImport {
        written,
        days: days.len(),
        judged: check.judged.len(),
        flagged: check.flagged,
        unmatched: warnings.len(),
        no_normal: check.no_normal,
        warnings,
    })
}

/// `report daily [OUT.docx] [--date D]`: the numbers, and the document when `out` is given.
///
/// # Errors
/// No episode, a bad date or one before the start (exit 65); write errors.
pub fn report_daily(
    store: &Store,
    date: Option<&str>,
    out: Option<&Path>,
) -> Result<ep::DailyReport, AppError> {
    let episode = episode_or_last(store, None)?;
    let date = day_or_today(date)?;
    not_before(
        date.and_hms_opt(23, 59, 59).expect("valid"),
        episode.started_at(),
        "预警启动时间",
    )?;
    let list = store.load()?;
    let settings = store.episode_settings()?;
    let check = power_check(&list, &episode, &settings);
    let report = ep::daily_report(
        &list,
        &episode,
        &check,
        date,
        &settings.daily_report_due,
        judge_at(&episode),
    );
    if let Some(out) = out {
        crate::docs::episode::write_daily(&list.area, &report, out)?;
    }
    Ok(report)
}

/// `report evaluation [OUT.docx] [ID]`.
///
/// # Errors
/// No episode or an unknown id (exit 65); write errors.
pub fn report_evaluation(
    store: &Store,
    id: Option<i64>,
    out: Option<&Path>,
) -> Result<ep::EvaluationReport, AppError> {
    let episode = episode_or_last(store, id)?;
    let list = store.load()?;
    let settings = store.episode_settings()?;
    let check = power_check(&list, &episode, &settings);
    let report = ep::evaluation_report(
        &list,
        &episode,
        &check,
        settings.evaluation_due_days,
        judge_at(&episode),
    );
    if let Some(out) = out {
        crate::docs::episode::write_evaluation(&list.area, &report, out)?;
    }
    Ok(report)
}
