//! 设置: the data file's automatic backups (list, restore), its preferences and the 关于
//! dialog's facts, each a call into the core's session.

use super::Shared;
use crate::error::IpcError;
use jianpai::app::{About, BackupRow, PreferenceView, Snapshot};
use tauri::State;

/// The automatic backups of the data file, newest first.
#[tauri::command]
pub async fn backups(shared: State<'_, Shared>) -> Result<Vec<BackupRow>, IpcError> {
    shared.with(|s| s.backups()).await
}

/// Replaces the list by the backup `file` (the state before is backed up first).
#[tauri::command]
pub async fn restore_backup(shared: State<'_, Shared>, file: String) -> Result<Snapshot, IpcError> {
    shared.with(move |s| s.restore_backup(&file)).await
}

/// The preferences with their defaults and ranges.
#[tauri::command]
pub async fn preferences(shared: State<'_, Shared>) -> Result<Vec<PreferenceView>, IpcError> {
    shared.with(|s| s.preferences()).await
}

/// Sets one preference from its text; returns them all.
#[tauri::command]
pub async fn set_preference(
    shared: State<'_, Shared>,
    key: String,
    value: String,
) -> Result<Vec<PreferenceView>, IpcError> {
    shared.with(move |s| s.set_preference(&key, &value)).await
}

/// Restores the default of one preference (or all); returns them all.
#[tauri::command]
pub async fn reset_preferences(
    shared: State<'_, Shared>,
    key: Option<String>,
) -> Result<Vec<PreferenceView>, IpcError> {
    shared
        .with(move |s| s.reset_preferences(key.as_deref()))
        .await
}

/// Version, data file, data folder and backups folder.
#[tauri::command]
pub async fn about(shared: State<'_, Shared>) -> Result<About, IpcError> {
    shared.with(|s| Ok(s.about())).await
}
