//! Commands over the list: the report, the settings, the four kinds of record, undo.

use super::Session;
use crate::dto::{CodeCheck, EnterpriseRow, Saved, Shown, Snapshot, Undone};
use crate::error::AppError;
use crate::records::{find, Record};
use crate::state::Settings;
use jianpai::model::{normalise_code, validate_code, Enterprise, Fleet, Heating, Site, Source};
use tauri::State;

/// The report and settings (总览).
#[tauri::command]
pub async fn snapshot(session: State<'_, Session>) -> Result<Snapshot, AppError> {
    session.with(|s| Ok(Snapshot::of(s))).await
}

/// Changes baseline, targets, trade, area and year.
#[tauri::command]
pub async fn set_settings(
    session: State<'_, Session>,
    settings: Settings,
) -> Result<Snapshot, AppError> {
    session
        .with(move |s| {
            s.set_settings(settings)?;
            Ok(Snapshot::of(s))
        })
        .await
}

/// Takes the last edit back (Ctrl+Z).
#[tauri::command]
pub async fn undo(session: State<'_, Session>) -> Result<Undone, AppError> {
    session
        .with(|s| {
            let (kind, id) = s.undo()?;
            Ok(Undone {
                kind,
                id,
                snapshot: Snapshot::of(s),
            })
        })
        .await
}

/// The 工业源 grid: one line per enterprise.
#[tauri::command]
pub async fn enterprise_rows(session: State<'_, Session>) -> Result<Vec<EnterpriseRow>, AppError> {
    session
        .with(|s| Ok(s.list.enterprises.iter().map(EnterpriseRow::of).collect()))
        .await
}

/// One enterprise with its sources' effects.
#[tauri::command]
pub async fn enterprise(
    session: State<'_, Session>,
    id: i64,
) -> Result<Shown<Enterprise>, AppError> {
    get::<Enterprise>(&session, id).await
}

/// Saves an enterprise (new when its id is 0).
#[tauri::command]
pub async fn save_enterprise(
    session: State<'_, Session>,
    record: Enterprise,
) -> Result<Saved<Enterprise>, AppError> {
    save(&session, record).await
}

/// Deletes an enterprise and its sources.
#[tauri::command]
pub async fn delete_enterprise(session: State<'_, Session>, id: i64) -> Result<Snapshot, AppError> {
    delete::<Enterprise>(&session, id).await
}

/// The 扬尘源 list.
#[tauri::command]
pub async fn sites(session: State<'_, Session>) -> Result<Vec<Shown<Site>>, AppError> {
    all::<Site>(&session).await
}

/// Saves a dust source.
#[tauri::command]
pub async fn save_site(session: State<'_, Session>, record: Site) -> Result<Saved<Site>, AppError> {
    save(&session, record).await
}

/// Deletes a dust source.
#[tauri::command]
pub async fn delete_site(session: State<'_, Session>, id: i64) -> Result<Snapshot, AppError> {
    delete::<Site>(&session, id).await
}

/// The 移动源 list.
#[tauri::command]
pub async fn fleets(session: State<'_, Session>) -> Result<Vec<Shown<Fleet>>, AppError> {
    all::<Fleet>(&session).await
}

/// Saves a heavy-vehicle user.
#[tauri::command]
pub async fn save_fleet(
    session: State<'_, Session>,
    record: Fleet,
) -> Result<Saved<Fleet>, AppError> {
    save(&session, record).await
}

/// Deletes a heavy-vehicle user.
#[tauri::command]
pub async fn delete_fleet(session: State<'_, Session>, id: i64) -> Result<Snapshot, AppError> {
    delete::<Fleet>(&session, id).await
}

/// The 协同供暖 list.
#[tauri::command]
pub async fn heating(session: State<'_, Session>) -> Result<Vec<Shown<Heating>>, AppError> {
    all::<Heating>(&session).await
}

/// Saves a heating row.
#[tauri::command]
pub async fn save_heating(
    session: State<'_, Session>,
    record: Heating,
) -> Result<Saved<Heating>, AppError> {
    save(&session, record).await
}

/// Deletes a heating row.
#[tauri::command]
pub async fn delete_heating(session: State<'_, Session>, id: i64) -> Result<Snapshot, AppError> {
    delete::<Heating>(&session, id).await
}

/// What a source would reduce as edited, before it is saved (live figures while typing).
#[tauri::command]
pub fn preview_source(source: Source) -> jianpai::reduce::SourceReduction {
    jianpai::reduce::source_reduction(&source)
}

/// The GB 32100 check of a credit code as typed.
#[tauri::command]
pub fn check_code(code: String) -> CodeCheck {
    let normalised = normalise_code(&code);
    let problem = validate_code(&normalised).err();
    CodeCheck {
        message: problem.as_ref().map(|p| p.message(&normalised)),
        warning_only: problem.as_ref().is_some_and(|p| !p.is_error()),
        normalised,
    }
}

async fn get<R>(session: &Session, id: i64) -> Result<Shown<R>, AppError>
where
    R: Record + ts_rs::TS + crate::dto::Effects,
{
    session
        .with(move |s| Ok(Shown::of(find::<R>(&mut s.list, id)?.clone())))
        .await
}

async fn all<R>(session: &Session) -> Result<Vec<Shown<R>>, AppError>
where
    R: Record + ts_rs::TS + crate::dto::Effects,
{
    session
        .with(|s| Ok(R::all(&mut s.list).iter().cloned().map(Shown::of).collect()))
        .await
}

async fn save<R>(session: &Session, record: R) -> Result<Saved<R>, AppError>
where
    R: Record + ts_rs::TS + crate::dto::Effects,
{
    session
        .with(move |s| {
            let saved = s.save(record)?;
            Ok(Saved::of(s, saved))
        })
        .await
}

async fn delete<R: Record>(session: &Session, id: i64) -> Result<Snapshot, AppError> {
    session
        .with(move |s| {
            s.delete::<R>(id)?;
            Ok(Snapshot::of(s))
        })
        .await
}
