//! 历史, 对比, coverage on 审核 and 备案: each command calls the session's revision use cases
//! (`jianpai::app::Session::{history, restore, compare, coverage, set_filing}`).

use super::Shared;
use crate::error::IpcError;
use jianpai::app::{CompareWith, EnterpriseRow, FileWritten, HistoryRestored};
use jianpai::revision::{Coverage, ListDiff};
use jianpai::store::{FilingState, SnapshotInfo};
use std::path::PathBuf;
use tauri::State;

/// Every snapshot of the list, newest first.
#[tauri::command]
pub async fn history(shared: State<'_, Shared>) -> Result<Vec<SnapshotInfo>, IpcError> {
    shared.with(|s| s.history()).await
}

/// Keeps the list as it now is, noted `note`.
#[tauri::command]
pub async fn history_save(
    shared: State<'_, Shared>,
    note: String,
) -> Result<Vec<SnapshotInfo>, IpcError> {
    shared.with(move |s| s.save_to_history(&note)).await
}

/// Restores snapshot `id` (the list it replaces is kept first).
#[tauri::command]
pub async fn history_restore(
    shared: State<'_, Shared>,
    id: i64,
) -> Result<HistoryRestored, IpcError> {
    shared.with(move |s| s.restore(id)).await
}

/// The list against a workbook or a snapshot.
#[tauri::command]
pub async fn compare(shared: State<'_, Shared>, old: CompareWith) -> Result<ListDiff, IpcError> {
    shared.with(move |s| s.compare(&old)).await
}

/// Writes the 修订说明 of the list against `old`.
#[tauri::command]
pub async fn write_revision_note(
    shared: State<'_, Shared>,
    old: CompareWith,
    path: String,
) -> Result<FileWritten, IpcError> {
    shared
        .with(move |s| s.write_revision_note(&old, &PathBuf::from(path)))
        .await
}

/// The list against a register extract: who is missing, who is not in the extract.
#[tauri::command]
pub async fn coverage(shared: State<'_, Shared>, path: String) -> Result<Coverage, IpcError> {
    shared.with(move |s| s.coverage(&PathBuf::from(path))).await
}

/// Sets an enterprise's 备案; its grid line after it.
#[tauri::command]
pub async fn set_filing(
    shared: State<'_, Shared>,
    id: i64,
    state: FilingState,
    date: String,
    number: String,
) -> Result<EnterpriseRow, IpcError> {
    shared
        .with(move |s| s.set_filing(id, state, &date, &number))
        .await
}
