//! 导出 → 全部导出: every document the county files, written into one folder as one batch —
//! the submission workbook and the 测算说明 at the top, each enterprise's 一厂一策 in
//! `一厂一策/`, and every 公示牌 (enterprises, enterprises only on the 移动源 sheet, sites) in
//! `公示牌/`. Subfolders keep a county's several hundred files apart by kind, so the office
//! can hand the boards to the printer as one folder.
//!
//! The desktop app drives it with a progress bar and a cancel button, so the batch reports
//! after every document and checks a cancel flag before each: what was written stays, and
//! the outcome says how many were written and that the batch was cancelled. One document
//! that cannot be written does not stop the others; the failures are listed at the end
//! (`docs/exportui.md`).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;
use ts_rs::TS;

use super::error::AppError;
use crate::docs::content::Board;
use crate::docs::{batch, board, note, plan, typeset};
use crate::model::{Enterprise, Filings, List, NoteRequest, PerLevel};

/// The subfolder of the plans.
pub const PLANS_DIR: &str = "一厂一策";
/// The subfolder of the notice boards.
pub const BOARDS_DIR: &str = "公示牌";

/// One document of the batch done (written or failed), for a progress bar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BatchStep {
    /// Documents done so far, this one included.
    pub done: usize,
    /// Documents in the whole batch.
    pub total: usize,
    /// The file, relative to the chosen folder (e.g. `一厂一策/甲厂-一厂一策.docx`).
    pub file: String,
    /// True when this document could not be written.
    pub failed: bool,
}

/// A document of the batch that could not be written, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BatchFailure {
    /// The file, relative to the chosen folder.
    pub file: String,
    /// Why, in Chinese (the operating system's reason included).
    pub message: String,
}

/// What a batch wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BatchOutcome {
    /// The chosen folder.
    pub dir: String,
    /// Documents the whole batch has (workbook, note, plans, boards).
    pub total: usize,
    /// The files written, relative to the folder, in the order written.
    pub written: Vec<String>,
    /// Plans written.
    pub plans: usize,
    /// Boards written.
    pub boards: usize,
    /// Required fields shown as 【待补充】 across the written plans and boards.
    pub missing: usize,
    /// True when the batch was cancelled before its end (the files written stay).
    pub cancelled: bool,
    /// The documents that could not be written.
    pub failures: Vec<BatchFailure>,
    /// The submission workbook, when it was written (the app keeps it as a snapshot).
    #[ts(skip)]
    #[serde(skip)]
    pub workbook: Option<PathBuf>,
}

/// One document to write.
enum Job<'a> {
    Workbook,
    Note,
    Plan(&'a Enterprise),
    Board(Board),
}

/// The submission workbook's and the note's names: `<area><year>年…`, as the 导出 screen
/// proposes them for a single export.
fn top_names(list: &List) -> (String, String) {
    let area = if list.area.trim().is_empty() {
        "本地区".to_string()
    } else {
        list.area.trim().to_string()
    };
    let year = list.year.map(|y| format!("{y}年")).unwrap_or_default();
    let stem = typeset::file_name(&format!("{area}{year}"));
    (
        format!("{stem}重污染天气应急减排清单.xlsx"),
        format!("{stem}减排清单测算说明.docx"),
    )
}

/// Every document of the batch with its file name relative to the folder.
fn jobs(list: &List) -> Vec<(String, Job<'_>)> {
    let (workbook, note_name) = top_names(list);
    let mut out = vec![(workbook, Job::Workbook), (note_name, Job::Note)];
    let mut used = std::collections::HashSet::new();
    for e in &list.enterprises {
        let file = batch::unique_name(&mut used, &e.name, &e.code, "一厂一策");
        out.push((format!("{PLANS_DIR}/{file}"), Job::Plan(e)));
    }
    for (file, b) in board::all_boards(list) {
        out.push((format!("{BOARDS_DIR}/{file}"), Job::Board(b)));
    }
    out
}

/// Writes every document of the list into `dir` (created when missing): the submission
/// workbook (with the 备案 columns from `filings`), the 测算说明 (both with the county's
/// stated reasons, `requests`), one plan per
/// enterprise and one board per enterprise, transport-only enterprise and site.
///
/// `progress` is called after each document; `cancel` is read before each, and once set the
/// batch stops there (what was written stays, [`BatchOutcome::cancelled`] says so). A
/// document that cannot be written is listed in [`BatchOutcome::failures`] and the batch
/// goes on.
///
/// # Errors
/// [`AppError::Doc`] when the folder or its subfolders cannot be created (nothing written).
pub fn export_all(
    list: &List,
    requests: &PerLevel<Option<NoteRequest>>,
    filings: &Filings,
    dir: &Path,
    progress: &mut dyn FnMut(&BatchStep),
    cancel: &AtomicBool,
) -> Result<BatchOutcome, AppError> {
    for sub in [PLANS_DIR, BOARDS_DIR] {
        batch::create_dir(&dir.join(sub))?;
    }
    let jobs = jobs(list);
    let mut outcome = BatchOutcome {
        dir: dir.display().to_string(),
        total: jobs.len(),
        written: Vec::new(),
        plans: 0,
        boards: 0,
        missing: 0,
        cancelled: false,
        failures: Vec::new(),
        workbook: None,
    };
    for (i, (file, job)) in jobs.into_iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            outcome.cancelled = true;
            break;
        }
        let path = dir.join(&file);
        let result: Result<usize, AppError> = match &job {
            Job::Workbook => {
                crate::export::write_submission_with(list, requests, Some(filings), &path)
                    .map(|()| 0)
                    .map_err(AppError::from)
            }
            Job::Note => note::write_note_with(list, requests, &path)
                .map(|()| 0)
                .map_err(AppError::from),
            Job::Plan(e) => plan::write_plan_of(list, e, &path)
                .map(|m| m.len())
                .map_err(AppError::from),
            Job::Board(b) => board::write_board(b, &path)
                .map(|()| b.missing.len())
                .map_err(AppError::from),
        };
        let failed = match result {
            Ok(missing) => {
                outcome.missing += missing;
                match job {
                    Job::Workbook => outcome.workbook = Some(path),
                    Job::Plan(_) => outcome.plans += 1,
                    Job::Board(_) => outcome.boards += 1,
                    Job::Note => {}
                }
                outcome.written.push(file.clone());
                false
            }
            Err(e) => {
                outcome.failures.push(BatchFailure {
                    file: file.clone(),
                    message: e.to_string(),
                });
                true
            }
        };
        progress(&BatchStep {
            done: i + 1,
            total: outcome.total,
            file,
            failed,
        });
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Fleet, Site, Source};

    /// Three enterprises (two of the same name), one fleet-only enterprise, one site.
    fn list() -> List {
        let mut source = Source {
            name: "1#线".into(),
            ..Source::default()
        };
        source.annual.pm = Some(3.0);
        source.measures.red.text = "停产".into();
        let e = |name: &str, code: &str| Enterprise {
            name: name.into(),
            code: code.into(),
            county: "东城县".into(),
            sources: vec![source.clone()],
            ..Enterprise::default()
        };
        List {
            area: "示例县".into(),
            year: Some(2026),
            enterprises: vec![e("甲厂", "X1"), e("甲厂", "X2"), e("乙厂", "")],
            fleets: vec![Fleet {
                name: "丙物流".into(),
                ..Fleet::default()
            }],
            sites: vec![Site {
                name: "示例小区二期".into(),
                source,
                ..Site::default()
            }],
            ..List::default()
        }
    }

    fn none() -> PerLevel<Option<NoteRequest>> {
        PerLevel::from_fn(|_| None)
    }

    fn files_in(dir: &Path) -> usize {
        std::fs::read_dir(dir).unwrap().count()
    }

    #[test]
    fn writes_everything_with_progress() {
        let tmp = tempfile::tempdir().unwrap();
        let mut steps = Vec::new();
        let out = export_all(
            &list(),
            &none(),
            &Filings::new(),
            tmp.path(),
            &mut |s| steps.push(s.clone()),
            &AtomicBool::new(false),
        )
        .unwrap();
        // workbook + note + 3 plans + (3 enterprise + 1 fleet + 1 site) boards.
        assert_eq!(out.total, 10);
        assert_eq!((out.plans, out.boards), (3, 5));
        assert_eq!(out.written.len(), 10);
        assert!(!out.cancelled && out.failures.is_empty());
        assert_eq!(
            steps.iter().map(|s| s.done).collect::<Vec<_>>(),
            (1..=10).collect::<Vec<_>>()
        );
        assert!(steps.iter().all(|s| s.total == 10 && !s.failed));
        assert_eq!(files_in(&tmp.path().join(PLANS_DIR)), 3);
        assert_eq!(files_in(&tmp.path().join(BOARDS_DIR)), 5);
        let workbook = tmp.path().join("示例县2026年重污染天气应急减排清单.xlsx");
        assert_eq!(out.workbook.as_deref(), Some(workbook.as_path()));
        assert!(workbook.is_file());
        assert!(tmp
            .path()
            .join("示例县2026年减排清单测算说明.docx")
            .is_file());
        assert!(tmp.path().join("一厂一策/甲厂-X2-一厂一策.docx").is_file());
        assert!(out.missing > 0, "the sample lacks contacts");
    }

    #[test]
    fn cancel_after_n_keeps_what_was_written() {
        let tmp = tempfile::tempdir().unwrap();
        let cancel = AtomicBool::new(false);
        let mut last = 0;
        let out = export_all(
            &list(),
            &none(),
            &Filings::new(),
            tmp.path(),
            &mut |s| {
                last = s.done;
                if s.done == 4 {
                    cancel.store(true, Ordering::Relaxed);
                }
            },
            &cancel,
        )
        .unwrap();
        assert!(out.cancelled);
        assert_eq!(last, 4);
        assert_eq!(out.written.len(), 4);
        assert_eq!((out.plans, out.boards), (2, 0));
        assert_eq!(files_in(&tmp.path().join(PLANS_DIR)), 2);
        assert_eq!(files_in(&tmp.path().join(BOARDS_DIR)), 0);
    }

    #[test]
    fn a_failure_in_the_middle_still_writes_the_rest() {
        let tmp = tempfile::tempdir().unwrap();
        // A folder where the second plan would go: that one file cannot be written.
        let blocked = tmp.path().join(PLANS_DIR).join("甲厂-X2-一厂一策.docx");
        std::fs::create_dir_all(&blocked).unwrap();
        let mut failed = Vec::new();
        let out = export_all(
            &list(),
            &none(),
            &Filings::new(),
            tmp.path(),
            &mut |s| {
                if s.failed {
                    failed.push(s.file.clone());
                }
            },
            &AtomicBool::new(false),
        )
        .unwrap();
        assert_eq!(failed, vec!["一厂一策/甲厂-X2-一厂一策.docx".to_string()]);
        assert_eq!(out.failures.len(), 1);
        assert_eq!(out.failures[0].file, failed[0]);
        assert!(
            out.failures[0].message.contains("甲厂-X2-一厂一策.docx"),
            "{}",
            out.failures[0].message
        );
        assert_eq!(out.written.len(), 9);
        assert_eq!((out.plans, out.boards), (2, 5));
        assert!(tmp.path().join("一厂一策/乙厂-一厂一策.docx").is_file());
    }

    #[test]
    fn a_folder_that_cannot_be_made_writes_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("f");
        std::fs::write(&file, "x").unwrap();
        let mut called = false;
        let err = export_all(
            &list(),
            &none(),
            &Filings::new(),
            &file.join("out"),
            &mut |_| called = true,
            &AtomicBool::new(false),
        )
        .unwrap_err();
        assert!(err.to_string().contains("out"), "{err}");
        assert!(!called);
    }

    #[test]
    fn an_unnamed_area_is_named_for_the_files() {
        let (w, n) = top_names(&List::default());
        assert_eq!(w, "本地区重污染天气应急减排清单.xlsx");
        assert_eq!(n, "本地区减排清单测算说明.docx");
    }
}
