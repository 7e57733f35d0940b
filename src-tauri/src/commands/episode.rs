//! The 应急响应 screen's commands: each calls the core's episode use-cases
//! ([`jianpai::app::episode`]) on the session's store, exactly as the CLI does, so a refusal
//! (no open episode, a time before the start, an unknown code, a broken electricity file)
//! is the same refusal with the same message, and nothing is written.

use std::path::PathBuf;

use jianpai::app::episode::{self as ep, RecordArgs, StartArgs, Target};
use jianpai::episode::{DailyReport, EvaluationReport, SpotCheckPlan};
use jianpai::model::Level;
use tauri::State;

use super::Session;
use crate::error::{AppError, ErrorCode};

impl From<jianpai::app::AppError> for AppError {
    fn from(e: jianpai::app::AppError) -> Self {
        use jianpai::app::AppError as Core;
        match e {
            Core::Invalid {
                message, errors, ..
            } => AppError {
                code: ErrorCode::InputInvalid,
                message,
                diagnostics: errors,
                fields: Vec::new(),
            },
            Core::InputMissing { .. } => AppError::new(ErrorCode::NotFound, e.to_string()),
            Core::Doc(d) => d.into(),
            Core::Export(x) => x.into(),
            other => AppError::new(ErrorCode::StoreIo, other.to_string()),
        }
    }
}

/// Whom a tick or a record is about: an enterprise by code (or name), else a site by name.
fn target(code: Option<String>, site: Option<String>) -> Result<Target, AppError> {
    match (code, site) {
        (_, Some(site)) => Ok(Target::Site(site)),
        (Some(code), None) => Ok(Target::Enterprise(code)),
        (None, None) => Err(AppError::new(
            ErrorCode::InputInvalid,
            "请选择企业或施工工地",
        )),
    }
}

/// The episode `id`, else the open one, else the last; `None` when none was ever started.
#[tauri::command]
pub async fn episode_show(
    session: State<'_, Session>,
    id: Option<i64>,
) -> Result<Option<ep::EpisodeSummary>, AppError> {
    session
        .with(move |s| {
            if s.store.episode_ids()?.is_empty() {
                return Ok(None);
            }
            Ok(Some(ep::show_episode(&s.store, id)?))
        })
        .await
}

/// 启动预警: opens an episode and issues its notices from the list as it is.
#[tauri::command]
pub async fn episode_start(
    session: State<'_, Session>,
    level: Level,
    at: String,
    doc: String,
    issuer: String,
    pollutant: String,
) -> Result<ep::EpisodeSummary, AppError> {
    session
        .with(move |s| {
            let args = StartArgs {
                at,
                doc_no: doc,
                issuer,
                pollutant,
                until: None,
            };
            let e = ep::start_episode(&mut s.store, level, &args)?;
            Ok(ep::show_episode(&s.store, Some(e.id))?)
        })
        .await
}

/// 调整: a new level and a new round of notices.
#[tauri::command]
pub async fn episode_adjust(
    session: State<'_, Session>,
    level: Level,
    at: String,
    doc: String,
) -> Result<ep::EpisodeSummary, AppError> {
    session
        .with(move |s| {
            let e = ep::adjust_episode(&mut s.store, level, &at, &doc)?;
            Ok(ep::show_episode(&s.store, Some(e.id))?)
        })
        .await
}

/// 解除.
#[tauri::command]
pub async fn episode_end(
    session: State<'_, Session>,
    at: String,
) -> Result<ep::EpisodeSummary, AppError> {
    session
        .with(move |s| {
            let e = ep::end_episode(&mut s.store, &at)?;
            Ok(ep::show_episode(&s.store, Some(e.id))?)
        })
        .await
}

/// The 已确认 tick of the notice table.
#[tauri::command]
pub async fn notice_ack(
    session: State<'_, Session>,
    code: Option<String>,
    site: Option<String>,
    at: String,
    by: String,
) -> Result<ep::NoticeJson, AppError> {
    session
        .with(move |s| Ok(ep::ack(&mut s.store, &target(code, site)?, &at, &by)?))
        .await
}

/// Exports the current round's notification workbook; returns the number of notices.
#[tauri::command]
pub async fn notify_export(session: State<'_, Session>, path: String) -> Result<usize, AppError> {
    session
        .with(move |s| Ok(ep::notify_workbook(&mut s.store, &PathBuf::from(path))?))
        .await
}

/// Writes one .docx 通知 per township into `dir`; returns the files.
#[tauri::command]
pub async fn notify_docx(
    session: State<'_, Session>,
    dir: String,
) -> Result<Vec<String>, AppError> {
    session
        .with(move |s| {
            let files = ep::notify_docx(&mut s.store, &PathBuf::from(dir))?;
            Ok(files.iter().map(|f| f.display().to_string()).collect())
        })
        .await
}

/// The day's spot-check plan (`date` YYYY-MM-DD, today when empty).
#[tauri::command]
pub async fn inspect_plan(
    session: State<'_, Session>,
    date: Option<String>,
) -> Result<SpotCheckPlan, AppError> {
    session
        .with(move |s| Ok(ep::inspect_plan(&s.store, date.as_deref())?))
        .await
}

/// What the record form sends.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct RecordForm {
    /// An enterprise's code or name.
    pub code: Option<String>,
    /// A site's name.
    pub site: Option<String>,
    /// 检查时间.
    pub at: String,
    /// 落实 / 部分落实 / 未落实 / 停产核实.
    pub result: String,
    /// 检查人员.
    pub by: String,
    /// 现场情况.
    pub seen: String,
    /// 电表读数.
    pub reading: Option<f64>,
    /// Photo files picked or dropped.
    pub photos: Vec<String>,
    /// 问题.
    pub problem: String,
    /// 整改要求.
    pub rectification: String,
    /// The record corrected.
    pub corrects: Option<i64>,
}

/// Records an inspection; photos are copied beside the data file.
#[tauri::command]
pub async fn inspect_record(
    session: State<'_, Session>,
    form: RecordForm,
) -> Result<ep::InspectionJson, AppError> {
    session
        .with(move |s| {
            let args = RecordArgs {
                at: form.at,
                result: form.result,
                by: form.by,
                seen: form.seen,
                reading: form.reading,
                photos: form.photos.into_iter().map(PathBuf::from).collect(),
                problem: form.problem,
                rectification: form.rectification,
                corrects: form.corrects,
            };
            let t = target(form.code, form.site)?;
            Ok(ep::inspect_record(&mut s.store, &t, &args)?)
        })
        .await
}

/// Imports an electricity file (all or nothing) and returns the flagged days.
#[tauri::command]
pub async fn power_import(
    session: State<'_, Session>,
    path: String,
) -> Result<ep::PowerImport, AppError> {
    session
        .with(move |s| Ok(ep::power_import(&mut s.store, &PathBuf::from(path))?))
        .await
}

/// Writes the 每日应急处置工作信息 of `date` to `path`.
#[tauri::command]
pub async fn report_daily(
    session: State<'_, Session>,
    path: String,
    date: Option<String>,
) -> Result<DailyReport, AppError> {
    session
        .with(move |s| {
            let out = PathBuf::from(path);
            Ok(ep::report_daily(&s.store, date.as_deref(), Some(&out))?)
        })
        .await
}

/// Writes the 总结评估报告 of episode `id` (the last when none) to `path`.
#[tauri::command]
pub async fn report_evaluation(
    session: State<'_, Session>,
    path: String,
    id: Option<i64>,
) -> Result<EvaluationReport, AppError> {
    session
        .with(move |s| {
            let out = PathBuf::from(path);
            Ok(ep::report_evaluation(&s.store, id, Some(&out))?)
        })
        .await
}
