//! `history`: list, save and restore snapshots of the list (`docs/revision.md`).

use std::fmt::Write;
use std::path::Path;

use serde::Serialize;

use super::error::AppError;
use crate::store::{SnapshotInfo, SnapshotKind, Store};

/// `history --json`: every snapshot, newest first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct History {
    /// The snapshots, newest first.
    pub snapshots: Vec<SnapshotInfo>,
}

/// What `history restore` did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Restored {
    /// The snapshot now in force.
    pub restored: i64,
    /// The snapshot of the list it replaced: restore this one to undo.
    pub before: i64,
}

/// Every snapshot of the store, newest first.
///
/// # Errors
/// [`AppError::Store`] when the file cannot be read.
pub fn run_history(store: &Store) -> Result<History, AppError> {
    Ok(History {
        snapshots: store.snapshots()?,
    })
}

/// A named save of the list as it now is (`history save --note`); the new snapshot's id.
///
/// # Errors
/// [`AppError::Usage`] for an empty note (a save is found again by its note);
/// [`AppError::Store`] when the write fails.
pub fn save_snapshot(store: &mut Store, note: &str) -> Result<i64, AppError> {
    let note = note.trim();
    if note.is_empty() {
        return Err(AppError::Usage(
            "请用 --note 写明这次保存的说明，例如 --note \"报市局前定稿\"".into(),
        ));
    }
    Ok(store.snapshot(SnapshotKind::Save, note)?)
}

/// Restores snapshot `id` (after snapshotting the list it replaces).
///
/// # Errors
/// [`AppError::Store`] with [`crate::store::StoreError::NoSnapshot`] for an unknown id (exit
/// 65, nothing written), or when the write fails.
pub fn restore_snapshot(store: &mut Store, id: i64) -> Result<Restored, AppError> {
    let before = store.restore_snapshot(id)?;
    Ok(Restored {
        restored: id,
        before,
    })
}

/// Records the submission just written to `file` as an `export` snapshot of the stored list.
///
/// # Errors
/// [`AppError::Store`] when the write fails.
pub fn record_submission(store: &mut Store, file: &Path) -> Result<i64, AppError> {
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok(store.snapshot(SnapshotKind::Export, &name)?)
}

/// The history as a table: number, time, kind, counts, note.
pub fn render_history(history: &History) -> String {
    let mut out = String::new();
    if history.snapshots.is_empty() {
        out.push_str(
            "还没有快照：导入、报送导出或 jianpai history save --note 说明 时会保存清单快照。\n",
        );
        return out;
    }
    let _ = writeln!(
        out,
        "清单快照（共 {} 个，最新在前）：",
        history.snapshots.len()
    );
    for s in &history.snapshots {
        let _ = writeln!(
            out,
            "  #{:<4} {}  {:<4}  企业 {} 家，扬尘源 {} 条，移动源 {} 条  {}",
            s.id,
            s.taken_at.replace('T', " "),
            s.kind.name_zh(),
            s.enterprises,
            s.sites,
            s.fleets,
            s.note
        );
    }
    out.push_str("恢复某个快照：jianpai history restore 编号（恢复前会先保存当前清单）\n");
    out
}

/// The confirmation line of a restore, with how to undo it.
pub fn render_restored(r: &Restored) -> String {
    format!(
        "已恢复到第 {} 号快照。恢复前的清单已保存为第 {} 号快照，如需撤销请运行 jianpai history restore {}\n",
        r.restored, r.before, r.before
    )
}
