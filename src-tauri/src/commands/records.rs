//! Commands over the list: the report, the settings, the four kinds of record, undo, and
//! the credit-code check as typed.

use super::Shared;
use crate::error::IpcError;
use jianpai::app::{validate, EnterpriseRow, Record, Saved, Shown, Snapshot, Undone};
use jianpai::model::{Enterprise, Fleet, Heating, Settings, Site};
use tauri::State;

/// The report and settings (总览).
#[tauri::command]
pub async fn snapshot(shared: State<'_, Shared>) -> Result<Snapshot, IpcError> {
    shared.with(|s| Ok(s.snapshot())).await
}

/// Changes baseline, targets, trade, area and year together.
#[tauri::command]
pub async fn set_settings(
    shared: State<'_, Shared>,
    settings: Settings,
) -> Result<Snapshot, IpcError> {
    shared.with(move |s| s.set_settings(settings)).await
}

/// Takes the last edit back (Ctrl+Z).
#[tauri::command]
pub async fn undo(shared: State<'_, Shared>) -> Result<Undone, IpcError> {
    shared.with(|s| s.undo()).await
}

/// The 工业源 grid: one line per enterprise.
#[tauri::command]
pub async fn enterprise_rows(shared: State<'_, Shared>) -> Result<Vec<EnterpriseRow>, IpcError> {
    shared.with(|s| s.enterprise_rows()).await
}

/// One enterprise with its sources' effects.
#[tauri::command]
pub async fn enterprise(shared: State<'_, Shared>, id: i64) -> Result<Shown<Enterprise>, IpcError> {
    shared.with(move |s| s.shown(id)).await
}

/// Saves an enterprise (new when its id is 0).
#[tauri::command]
pub async fn save_enterprise(
    shared: State<'_, Shared>,
    record: Enterprise,
) -> Result<Saved<Enterprise>, IpcError> {
    save(&shared, record).await
}

/// Deletes an enterprise and its sources.
#[tauri::command]
pub async fn delete_enterprise(shared: State<'_, Shared>, id: i64) -> Result<Snapshot, IpcError> {
    delete::<Enterprise>(&shared, id).await
}

/// The 扬尘源 list.
#[tauri::command]
pub async fn sites(shared: State<'_, Shared>) -> Result<Vec<Shown<Site>>, IpcError> {
    all::<Site>(&shared).await
}

/// Saves a dust source.
#[tauri::command]
pub async fn save_site(shared: State<'_, Shared>, record: Site) -> Result<Saved<Site>, IpcError> {
    save(&shared, record).await
}

/// Deletes a dust source.
#[tauri::command]
pub async fn delete_site(shared: State<'_, Shared>, id: i64) -> Result<Snapshot, IpcError> {
    delete::<Site>(&shared, id).await
}

/// The 移动源 list.
#[tauri::command]
pub async fn fleets(shared: State<'_, Shared>) -> Result<Vec<Shown<Fleet>>, IpcError> {
    all::<Fleet>(&shared).await
}

/// Saves a heavy-vehicle user.
#[tauri::command]
pub async fn save_fleet(
    shared: State<'_, Shared>,
    record: Fleet,
) -> Result<Saved<Fleet>, IpcError> {
    save(&shared, record).await
}

/// Deletes a heavy-vehicle user.
#[tauri::command]
pub async fn delete_fleet(shared: State<'_, Shared>, id: i64) -> Result<Snapshot, IpcError> {
    delete::<Fleet>(&shared, id).await
}

/// The 协同供暖 list.
#[tauri::command]
pub async fn heating(shared: State<'_, Shared>) -> Result<Vec<Shown<Heating>>, IpcError> {
    all::<Heating>(&shared).await
}

/// Saves a heating row.
#[tauri::command]
pub async fn save_heating(
    shared: State<'_, Shared>,
    record: Heating,
) -> Result<Saved<Heating>, IpcError> {
    save(&shared, record).await
}

/// Deletes a heating row.
#[tauri::command]
pub async fn delete_heating(shared: State<'_, Shared>, id: i64) -> Result<Snapshot, IpcError> {
    delete::<Heating>(&shared, id).await
}

/// The GB 32100 check of a credit code as typed (the forms show it under the field).
#[tauri::command]
pub fn check_code(code: String) -> validate::CodeCheck {
    validate::check_code(&code)
}

async fn all<R: Record>(shared: &Shared) -> Result<Vec<Shown<R>>, IpcError> {
    shared.with(|s| Ok(s.all::<R>())).await
}

async fn save<R: Record>(shared: &Shared, record: R) -> Result<Saved<R>, IpcError> {
    shared.with(move |s| s.save(record)).await
}

async fn delete<R: Record>(shared: &Shared, id: i64) -> Result<Snapshot, IpcError> {
    shared.with(move |s| s.delete::<R>(id)).await
}
