//! 一厂一策, 公示牌 and 测算说明 from the app: the core's document use-cases on the
//! session's list. Plans and boards come back with the required fields that show as
//! 【待补充】, so the UI can say what the enterprise still has to supply; the board preview
//! is the core's board content as data, which the UI only renders.

use super::Shared;
use crate::error::IpcError;
use jianpai::app::{write_document, DocKind, DocWritten, FileWritten};
use jianpai::docs::board::{self, BoardPreview};
use std::path::PathBuf;
use tauri::State;

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
