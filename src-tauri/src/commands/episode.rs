//! The 应急响应 screen's commands: each calls the core's episode use-cases
//! ([`jianpai::app::episode`]) on the session's store, exactly as the CLI does, so a refusal
//! (no open episode, a time before the start, an unknown code, a broken electricity file)
//! is the same refusal with the same message, and nothing is written.

use std::path::PathBuf;

use jianpai::app::episode::{self as ep, RecordForm, StartArgs, Target};
use jianpai::episode::{DailyReport, EpisodeSettings, EvaluationReport, SpotCheckPlan};
use jianpai::model::Level;
use tauri::State;

use super::Shared;
use crate::error::IpcError;

/// The episode `id`, else the open one, else the last; `None` when none was ever started.
#[tauri::command]
pub async fn episode_show(
    shared: State<'_, Shared>,
    id: Option<i64>,
) -> Result<Option<ep::EpisodeSummary>, IpcError> {
    shared
        .with(move |s| {
            if s.store().episode_ids()?.is_empty() {
                return Ok(None);
            }
            Ok(Some(ep::show_episode(s.store(), id)?))
        })
        .await
}

/// 启动预警: opens an episode and issues its notices from the list as it is.
#[tauri::command]
pub async fn episode_start(
    shared: State<'_, Shared>,
    level: Level,
    at: String,
    doc: String,
    issuer: String,
    pollutant: String,
) -> Result<ep::EpisodeSummary, IpcError> {
    shared
        .with(move |s| {
            let args = StartArgs {
                at,
                doc_no: doc,
                issuer,
                pollutant,
                until: None,
            };
            let e = ep::start_episode(s.store_mut(), level, &args)?;
            ep::show_episode(s.store(), Some(e.id))
        })
        .await
}

/// 调整: a new level and a new round of notices.
#[tauri::command]
pub async fn episode_adjust(
    shared: State<'_, Shared>,
    level: Level,
    at: String,
    doc: String,
) -> Result<ep::EpisodeSummary, IpcError> {
    shared
        .with(move |s| {
            let e = ep::adjust_episode(s.store_mut(), level, &at, &doc)?;
            ep::show_episode(s.store(), Some(e.id))
        })
        .await
}

/// 解除.
#[tauri::command]
pub async fn episode_end(
    shared: State<'_, Shared>,
    at: String,
) -> Result<ep::EpisodeSummary, IpcError> {
    shared
        .with(move |s| {
            let e = ep::end_episode(s.store_mut(), &at)?;
            ep::show_episode(s.store(), Some(e.id))
        })
        .await
}

/// The 已确认 tick of the notice table.
#[tauri::command]
pub async fn notice_ack(
    shared: State<'_, Shared>,
    code: Option<String>,
    site: Option<String>,
    at: String,
    by: String,
) -> Result<ep::NoticeJson, IpcError> {
    shared
        .with(move |s| ep::ack(s.store_mut(), &Target::of(code, site)?, &at, &by))
        .await
}

/// Exports the current round's notification workbook; returns the number of notices.
#[tauri::command]
pub async fn notify_export(shared: State<'_, Shared>, path: String) -> Result<usize, IpcError> {
    shared
        .with(move |s| ep::notify_workbook(s.store_mut(), &PathBuf::from(path)))
        .await
}

/// Writes one .docx 通知 per township into `dir`; returns the files.
#[tauri::command]
pub async fn notify_docx(shared: State<'_, Shared>, dir: String) -> Result<Vec<String>, IpcError> {
    shared
        .with(move |s| {
            let files = ep::notify_docx(s.store_mut(), &PathBuf::from(dir))?;
            Ok(files.iter().map(|f| f.display().to_string()).collect())
        })
        .await
}

/// The day's spot-check plan (`date` YYYY-MM-DD, today when empty).
#[tauri::command]
pub async fn inspect_plan(
    shared: State<'_, Shared>,
    date: Option<String>,
) -> Result<SpotCheckPlan, IpcError> {
    shared
        .with(move |s| ep::inspect_plan(s.store(), date.as_deref()))
        .await
}

/// Records an inspection; photos are copied beside the data file.
#[tauri::command]
pub async fn inspect_record(
    shared: State<'_, Shared>,
    form: RecordForm,
) -> Result<ep::InspectionJson, IpcError> {
    shared
        .with(move |s| {
            let t = Target::of(form.code, form.site)?;
            ep::inspect_record(s.store_mut(), &t, &form.record)
        })
        .await
}

/// Imports an electricity file (all or nothing) and returns the flagged days.
#[tauri::command]
pub async fn power_import(
    shared: State<'_, Shared>,
    path: String,
) -> Result<ep::PowerImport, IpcError> {
    shared
        .with(move |s| ep::power_import(s.store_mut(), &PathBuf::from(path)))
        .await
}

/// Writes the 每日应急处置工作信息 of `date` to `path`.
#[tauri::command]
pub async fn report_daily(
    shared: State<'_, Shared>,
    path: String,
    date: Option<String>,
) -> Result<DailyReport, IpcError> {
    shared
        .with(move |s| {
            let out = PathBuf::from(path);
            ep::report_daily(s.store(), date.as_deref(), Some(&out))
        })
        .await
}

/// Writes the 总结评估报告 of episode `id` (the last when none) to `path`.
#[tauri::command]
pub async fn report_evaluation(
    shared: State<'_, Shared>,
    path: String,
    id: Option<i64>,
) -> Result<EvaluationReport, IpcError> {
    shared
        .with(move |s| {
            let out = PathBuf::from(path);
            ep::report_evaluation(s.store(), id, Some(&out))
        })
        .await
}

/// The episode settings (notification window, daily quota, standby load, tolerance …).
#[tauri::command]
pub async fn episode_settings(shared: State<'_, Shared>) -> Result<EpisodeSettings, IpcError> {
    shared.with(|s| ep::episode_settings(s.store())).await
}

/// Saves the episode settings after the core's checks; returns what is stored.
#[tauri::command]
pub async fn set_episode_settings(
    shared: State<'_, Shared>,
    settings: EpisodeSettings,
) -> Result<EpisodeSettings, IpcError> {
    shared
        .with(move |s| ep::set_episode_settings(s.store_mut(), &settings))
        .await
}
