//! 一厂一策, 公示牌 and 测算说明 from the app: the core's document use-cases on the
//! session's list. Plans and boards come back with the required fields that show as
//! 【待补充】, so the UI can say what the enterprise still has to supply; the board preview
//! is the core's board content as data, which the UI only renders.

use super::Shared;
use crate::error::IpcError;
use jianpai::app::{write_document, BatchOutcome, BatchStep, DocKind, DocWritten, FileWritten};
use jianpai::docs::board::{self, BoardPreview};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tauri::ipc::Channel;
use tauri::State;

/// The cancel flag of the running 全部导出: kept outside the session, which the batch holds
/// while it runs.
#[derive(Default)]
pub struct ExportCancel(Arc<AtomicBool>);

/// Writes the workbook, the note, every plan and every board into `dir`, sending a step to
/// `on_step` after each document (the core's batch; the shell only forwards its progress).
#[tauri::command]
pub async fn export_all(
    shared: State<'_, Shared>,
    cancel: State<'_, ExportCancel>,
    dir: String,
    on_step: Channel<BatchStep>,
) -> Result<BatchOutcome, IpcError> {
    let flag = cancel.0.clone();
    flag.store(false, Ordering::Relaxed);
    shared
        .with(move |s| {
            let mut send = |step: &BatchStep| {
                // A closed window no longer listens; the batch goes on regardless.
                let _ = on_step.send(step.clone());
            };
            s.export_all(&PathBuf::from(dir), &mut send, &flag)
        })
        .await
}

/// Asks the running 全部导出 to stop before its next document.
#[tauri::command]
pub fn cancel_export(cancel: State<'_, ExportCancel>) {
    cancel.0.store(true, Ordering::Relaxed);
}

async fn write(
    shared: State<'_, Shared>,
    kind: DocKind,
    who: String,
    path: String,
) -> Result<DocWritten, IpcError> {
    shared
        .with(move |s| write_document(s.list(), kind, &who, &PathBuf::from(path)))
        .await
}

/// Writes the 一厂一策 plan of the enterprise with credit code (or name) `code`.
#[tauri::command]
pub async fn write_plan(
    shared: State<'_, Shared>,
    code: String,
    path: String,
) -> Result<DocWritten, IpcError> {
    write(shared, DocKind::Plan, code, path).await
}

/// Writes the 公示牌 of the enterprise with credit code (or name) `code`.
#[tauri::command]
pub async fn write_enterprise_board(
    shared: State<'_, Shared>,
    code: String,
    path: String,
) -> Result<DocWritten, IpcError> {
    write(shared, DocKind::EnterpriseBoard, code, path).await
}

/// Writes the 公示牌 of the construction site named `name`.
#[tauri::command]
pub async fn write_site_board(
    shared: State<'_, Shared>,
    name: String,
    path: String,
) -> Result<DocWritten, IpcError> {
    write(shared, DocKind::SiteBoard, name, path).await
}

/// Writes the 测算说明 calculation note of the whole list.
#[tauri::command]
pub async fn write_note(shared: State<'_, Shared>, path: String) -> Result<FileWritten, IpcError> {
    shared
        .with(move |s| s.write_note(&PathBuf::from(path)))
        .await
}

/// The 公示牌 of the enterprise with credit code (or name) `code`, as data for the preview.
#[tauri::command]
pub async fn enterprise_board_preview(
    shared: State<'_, Shared>,
    code: String,
) -> Result<BoardPreview, IpcError> {
    shared
        .with(move |s| Ok(board::enterprise_board_preview(s.list(), &code)?))
        .await
}

/// The 公示牌 of the construction site named `name`, as data for the preview.
#[tauri::command]
pub async fn site_board_preview(
    shared: State<'_, Shared>,
    name: String,
) -> Result<BoardPreview, IpcError> {
    shared
        .with(move |s| Ok(board::site_board_preview(s.list(), &name)?))
        .await
}
