//! Commands that read or write files: import (dry run, then write), export, backup, opening
//! another data file, and what the app knows at start.

use super::Shared;
use crate::error::IpcError;
use jianpai::app::{FileWritten, ImportPreview, Session, Snapshot};
use jianpai::store::ImportMode;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use tauri::State;
use ts_rs::TS;

/// How an import meets the list already stored.
#[derive(Clone, Copy, Debug, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ImportHow {
    /// 合并: enterprises matched by credit code (else name) are replaced, others added.
    Merge,
    /// 替换: the stored list is replaced by the workbook's.
    Replace,
}

/// Reads a workbook without writing anything: counts, errors and warnings.
#[tauri::command]
pub async fn import_preview(
    shared: State<'_, Shared>,
    path: String,
) -> Result<ImportPreview, IpcError> {
    shared
        .with(move |s| Ok(s.import_preview(&PathBuf::from(path))))
        .await
}

/// Imports the workbook shown by the last dry run (or reads it again), after backing the
/// data file up.
#[tauri::command]
pub async fn import_commit(
    shared: State<'_, Shared>,
    path: String,
    how: ImportHow,
) -> Result<Snapshot, IpcError> {
    let mode = match how {
        ImportHow::Merge => ImportMode::Merge,
        ImportHow::Replace => ImportMode::Replace,
    };
    shared
        .with(move |s| s.import(&PathBuf::from(path), mode))
        .await
}

/// Writes the annual submission workbook (with its 测算说明 sheet).
#[tauri::command]
pub async fn export_submission(
    shared: State<'_, Shared>,
    path: String,
) -> Result<FileWritten, IpcError> {
    export(&shared, None, path).await
}

/// Writes one enterprise's workbook for it to fill in.
#[tauri::command]
pub async fn export_enterprise(
    shared: State<'_, Shared>,
    code: String,
    path: String,
) -> Result<FileWritten, IpcError> {
    export(&shared, Some(code), path).await
}

async fn export(
    shared: &Shared,
    code: Option<String>,
    path: String,
) -> Result<FileWritten, IpcError> {
    shared
        .with(move |s| s.export(code.as_deref(), &PathBuf::from(path)))
        .await
}

/// Copies the data file to `path` (设置 → 备份).
#[tauri::command]
pub async fn backup(shared: State<'_, Shared>, path: String) -> Result<FileWritten, IpcError> {
    shared.with(move |s| s.backup(&PathBuf::from(path))).await
}

/// Opens (or creates) another data file and makes it the current one.
#[tauri::command]
pub async fn open_data_file(shared: State<'_, Shared>, path: String) -> Result<Snapshot, IpcError> {
    let path = PathBuf::from(path);
    let session = tauri::async_runtime::spawn_blocking(move || Session::open(&path))
        .await
        .map_err(IpcError::task)??;
    let snapshot = session.snapshot();
    shared.replace(session);
    Ok(snapshot)
}

/// What the app knows at start: where its data is, samples it can offer, and a failure to
/// open the data file (the app still starts, so 设置 can open another one).
#[derive(Clone, Debug, Serialize, TS)]
#[ts(export)]
pub struct AppInfo {
    /// The data file in use (or that failed to open).
    pub db_path: String,
    /// Sample list workbooks found next to the program (first-run offer).
    pub samples: Vec<String>,
    /// Why the data file could not be opened, if it could not.
    pub open_error: Option<IpcError>,
    /// The app's version.
    pub version: String,
}

/// Where the data is, the samples on offer and a start-up failure. Asks the session first:
/// that waits for the data file to be opened, so a failure to open it is known here.
#[tauri::command]
pub async fn app_info(shared: State<'_, Shared>) -> Result<AppInfo, IpcError> {
    let opened = shared
        .with(|s| Ok(s.db_path().map(|p| p.display().to_string())))
        .await;
    let open_error = shared
        .open_error
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    let db_path = match &open_error {
        Some((p, _)) => p.display().to_string(),
        None => opened.ok().flatten().unwrap_or_default(),
    };
    Ok(AppInfo {
        db_path,
        samples: crate::startup::sample_lists()
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        open_error: open_error.map(|(_, e)| e),
        version: env!("CARGO_PKG_VERSION").to_string(),
    })
}
