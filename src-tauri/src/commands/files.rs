//! Commands that read or write files: import (dry run, then write), export, backup, and
//! opening another data file.

use super::Session;
use crate::dto::{AppInfo, ImportCounts, ImportPreview, Snapshot, Written};
use crate::error::{AppError, ErrorCode};
use crate::state::{AppState, PendingImport};
use jianpai::import::{read_workbook, ImportError};
use jianpai::store::ImportMode;
use serde::Deserialize;
use std::path::{Path, PathBuf};
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
    session: State<'_, Session>,
    path: String,
) -> Result<ImportPreview, AppError> {
    session
        .with(move |s| {
            let path = PathBuf::from(path);
            let preview = preview(&path);
            s.pending = preview.1.map(|list| PendingImport {
                path: path.clone(),
                list,
            });
            Ok(preview.0)
        })
        .await
}

/// Imports the workbook shown by the last dry run (or reads it again), after copying the
/// data file to a backup next to it.
#[tauri::command]
pub async fn import_commit(
    session: State<'_, Session>,
    path: String,
    how: ImportHow,
) -> Result<Snapshot, AppError> {
    session
        .with(move |s| {
            let path = PathBuf::from(path);
            let list = match s.pending.take() {
                Some(p) if p.path == path => p.list,
                _ => read_workbook(&path)?.list,
            };
            backup_before_import(s)?;
            let mode = match how {
                ImportHow::Merge => ImportMode::Merge,
                ImportHow::Replace => ImportMode::Replace,
            };
            s.import(&list, mode)?;
            Ok(Snapshot::of(s))
        })
        .await
}

/// Reads `path` as the dry run shows it, and the list when it has no errors.
pub fn preview(path: &Path) -> (ImportPreview, Option<jianpai::model::List>) {
    let mut shown = ImportPreview {
        path: path.display().to_string(),
        counts: ImportCounts::default(),
        errors: Vec::new(),
        warnings: Vec::new(),
        area: String::new(),
        year: None,
        has_baseline: false,
    };
    match read_workbook(path) {
        Ok(imported) => {
            shown.counts = ImportCounts::of(&imported.list);
            shown.warnings = imported.warnings;
            shown.area = imported.list.area.clone();
            shown.year = imported.list.year;
            shown.has_baseline = imported.list.baseline.is_some();
            (shown, Some(imported.list))
        }
        Err(ImportError::Unreadable(d)) => {
            shown.errors = vec![d];
            (shown, None)
        }
        Err(ImportError::Invalid { errors, warnings }) => {
            shown.errors = errors;
            shown.warnings = warnings;
            (shown, None)
        }
    }
}

/// Copies a non-empty data file to `<file>.before-import-<unix time>.sqlite` so an import
/// can be taken back (it is not on the undo stack).
fn backup_before_import(s: &mut AppState) -> Result<(), AppError> {
    let Some(db) = s.db_path.clone() else {
        return Ok(());
    };
    if s.is_empty() {
        return Ok(());
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let target = db.with_extension(format!("before-import-{secs}.sqlite"));
    s.store.backup_to(&target)?;
    Ok(())
}

pub(crate) fn written(path: &Path) -> Result<Written, AppError> {
    let bytes = std::fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| AppError::new(ErrorCode::ExportFailed, format!("写出的文件无法读取：{e}")))?;
    Ok(Written {
        path: path.display().to_string(),
        bytes,
    })
}

/// Writes the annual submission workbook (with its 测算说明 sheet).
#[tauri::command]
pub async fn export_submission(
    session: State<'_, Session>,
    path: String,
) -> Result<Written, AppError> {
    session
        .with(move |s| {
            let path = PathBuf::from(path);
            jianpai::export::write_submission(&s.list, &path)?;
            written(&path)
        })
        .await
}

/// Writes one enterprise's workbook for it to fill in.
#[tauri::command]
pub async fn export_enterprise(
    session: State<'_, Session>,
    code: String,
    path: String,
) -> Result<Written, AppError> {
    session
        .with(move |s| {
            let path = PathBuf::from(path);
            jianpai::export::write_enterprise_workbook(&s.list, &code, &path)?;
            written(&path)
        })
        .await
}

/// Copies the data file to `path` (设置 → 备份).
#[tauri::command]
pub async fn backup(session: State<'_, Session>, path: String) -> Result<Written, AppError> {
    session
        .with(move |s| {
            let path = PathBuf::from(path);
            s.store.backup_to(&path)?;
            written(&path)
        })
        .await
}

/// Opens (or creates) another data file and makes it the current one.
#[tauri::command]
pub async fn open_data_file(
    session: State<'_, Session>,
    path: String,
) -> Result<Snapshot, AppError> {
    let path = PathBuf::from(path);
    let state = tauri::async_runtime::spawn_blocking(move || AppState::open(&path))
        .await
        .map_err(|e| AppError::new(ErrorCode::StoreIo, format!("后台任务失败：{e}")))??;
    let snapshot = Snapshot::of(&state);
    session.replace(state);
    Ok(snapshot)
}

/// Where the data is, the samples on offer and a start-up failure.
#[tauri::command]
pub fn app_info(session: State<'_, Session>) -> AppInfo {
    let open_error = session
        .open_error
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    let db_path = match &open_error {
        Some((p, _)) => p.display().to_string(),
        None => session
            .with_sync(|s| Ok(s.db_path.clone()))
            .ok()
            .flatten()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
    };
    AppInfo {
        db_path,
        samples: crate::startup::sample_lists()
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        open_error: open_error.map(|(_, e)| e),
        version: env!("CARGO_PKG_VERSION").to_string(),
    }
}
