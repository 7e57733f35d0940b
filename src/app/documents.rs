//! `export`, `note`, `plan` and `board`: the files written from the stored list, for the
//! CLI (several at once) and for the desktop app (one document, with what it still lacks).

use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

use super::error::AppError;
use crate::docs::{board, note, plan, Missing};
use crate::model::{Filings, Level, List, NoteRequest, PerLevel};
use crate::store::Store;

/// What a document command wrote, and the required fields that showed as 【待补充】.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Written {
    /// The files written, in order.
    pub files: Vec<PathBuf>,
    /// Fields the documents lack (for plans and boards), to complete in the list.
    pub missing: Vec<Missing>,
}

/// Which notice boards to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BoardTarget {
    /// The enterprise with this 统一社会信用代码 (or name), to the file.
    Enterprise {
        /// Credit code or name.
        code: String,
        /// The .docx to write.
        out: PathBuf,
    },
    /// The construction site (扬尘源) with this 项目名称, to the file.
    Site {
        /// 项目名称.
        name: String,
        /// The .docx to write.
        out: PathBuf,
    },
    /// Every enterprise's and site's board into this folder.
    All {
        /// The folder (created when missing).
        dir: PathBuf,
    },
}

/// Stores the county's reasons and requested ratio for `level` (`note set`), which the
/// 测算说明 sheet and document then carry where that level misses its target.
///
/// # Errors
/// [`AppError::Usage`] for an empty reason or a ratio outside (0, 100 %] (exit 2);
/// [`AppError::Store`] when it cannot be saved.
pub fn set_note_request(
    store: &mut Store,
    level: Level,
    reason: &str,
    requested: Option<f64>,
) -> Result<NoteRequest, AppError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::Usage(format!(
            "{}未达标原因不能为空：请用 --reason 写明原因",
            level.name_zh()
        )));
    }
    if let Some(r) = requested {
        if !(r.is_finite() && r > 0.0 && r <= 1.0) {
            return Err(AppError::Usage(format!(
                "申请的减排比例必须大于0且不超过100%（例如 0.25 或 25%），而不是{}",
                crate::export::note::percent(r)
            )));
        }
    }
    let request = NoteRequest {
        reason: reason.to_string(),
        requested,
    };
    store.set_note_request(level, Some(&request))?;
    Ok(request)
}

/// Writes the annual submission workbook (with the 备案 columns from `filings`, the store's
/// records by enterprise key), or with `enterprise` one enterprise's workbook.
///
/// # Errors
/// [`AppError::Export`]: an unknown code (exit 65) or a write failure (exit 1).
pub fn run_export(
    list: &List,
    requests: &PerLevel<Option<NoteRequest>>,
    filings: &Filings,
    enterprise: Option<&str>,
    out: &Path,
) -> Result<Written, AppError> {
    match enterprise {
        Some(code) => crate::export::write_enterprise_workbook(list, code, out)?,
        None => crate::export::write_submission_with(list, requests, Some(filings), out)?,
    }
    Ok(Written {
        files: vec![out.to_path_buf()],
        missing: Vec::new(),
    })
}

/// Writes the calculation note (测算说明) as a document.
///
/// # Errors
/// [`AppError::Doc`] when it cannot be written.
pub fn run_note(
    list: &List,
    requests: &PerLevel<Option<NoteRequest>>,
    out: &Path,
) -> Result<Written, AppError> {
    note::write_note_with(list, requests, out)?;
    Ok(Written {
        files: vec![out.to_path_buf()],
        missing: Vec::new(),
    })
}

/// Which operation plans to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanTarget {
    /// The enterprise with this 统一社会信用代码 (or name), to the file.
    Enterprise {
        /// Credit code or name.
        code: String,
        /// The .docx to write.
        out: PathBuf,
    },
    /// Every enterprise's plan into this folder.
    All {
        /// The folder (created when missing).
        dir: PathBuf,
    },
}

/// Called after each file of a batch with (files done, files in all, file name), so a front
/// end can show progress.
pub type Progress<'p> = &'p mut dyn FnMut(usize, usize, &str);

/// Writes 一厂一策 operation plans.
///
/// # Errors
/// [`AppError::Doc`]: an unknown enterprise (exit 65) or a write failure (exit 1).
pub fn run_plan(list: &List, target: &PlanTarget, progress: Progress) -> Result<Written, AppError> {
    Ok(match target {
        PlanTarget::Enterprise { code, out } => Written {
            missing: plan::write_plan(list, code, out)?,
            files: vec![out.clone()],
        },
        PlanTarget::All { dir } => collect(plan::write_all_plans(list, dir, progress)?),
    })
}

fn collect(written: Vec<(PathBuf, Vec<Missing>)>) -> Written {
    let mut all = Written::default();
    for (file, missing) in written {
        all.files.push(file);
        all.missing.extend(missing);
    }
    all
}

/// Writes notice boards (公示牌).
///
/// # Errors
/// [`AppError::Doc`]: an unknown enterprise or site (exit 65) or a write failure (exit 1).
pub fn run_board(
    list: &List,
    target: &BoardTarget,
    progress: Progress,
) -> Result<Written, AppError> {
    Ok(match target {
        BoardTarget::Enterprise { code, out } => Written {
            missing: board::write_enterprise_board(list, code, out)?,
            files: vec![out.clone()],
        },
        BoardTarget::Site { name, out } => Written {
            missing: board::write_site_board(list, name, out)?,
            files: vec![out.clone()],
        },
        BoardTarget::All { dir } => collect(board::write_all_boards(list, dir, progress)?),
    })
}

/// A required field that was empty and shows as 【待补充】 in the document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MissingField {
    /// What is missing (e.g. 监督人联系电话).
    pub field: String,
    /// Where: the enterprise or site, and for a line's field the line and level.
    pub place: String,
}

/// One document written for a front end: where, and what it still lacks.
#[derive(Clone, Debug, Serialize, TS)]
#[ts(export)]
pub struct DocWritten {
    /// The file written.
    pub path: String,
    /// Fields shown as 【待补充】, in the order the document shows them.
    pub missing: Vec<MissingField>,
}

/// Which single document to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocKind {
    /// The enterprise's 一厂一策 operation plan.
    Plan,
    /// The enterprise's 公示牌.
    EnterpriseBoard,
    /// A construction site's 公示牌 (`who` is the project name).
    SiteBoard,
}

/// Writes `kind` for `who` (credit code or name of an enterprise, project name of a site)
/// to `path`, and says which required fields show as 【待补充】.
///
/// # Errors
/// [`AppError::Doc`]: an unknown enterprise or site (code `not_found`) or a write failure.
pub fn write_document(
    list: &List,
    kind: DocKind,
    who: &str,
    path: &Path,
) -> Result<DocWritten, AppError> {
    let missing = match kind {
        DocKind::Plan => plan::write_plan(list, who, path)?,
        DocKind::EnterpriseBoard => board::write_enterprise_board(list, who, path)?,
        DocKind::SiteBoard => board::write_site_board(list, who, path)?,
    };
    Ok(DocWritten {
        path: path.display().to_string(),
        missing: missing
            .into_iter()
            .map(|m| MissingField {
                field: m.field,
                place: m.place,
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::ErrorCode;
    use crate::model::{Contact, Enterprise, Site, Source};

    fn list() -> List {
        let mut source = Source {
            name: "1#线".into(),
            ..Source::default()
        };
        source.annual.pm = Some(3.0);
        source.measures.yellow.text = "限产30%".into();
        source.measures.red.text = "停产".into();
        let e = Enterprise {
            name: "示例铸造有限公司".into(),
            county: "东城县".into(),
            industry: "铸造".into(),
            legal: Contact {
                name: "张三".into(),
                phone: "13800000000".into(),
            },
            sources: vec![source.clone()],
            ..Enterprise::default()
        };
        let site = Site {
            name: "示例小区二期".into(),
            county: "东城县".into(),
            kind: "房屋建筑".into(),
            source,
            ..Site::default()
        };
        List {
            area: "示例市".into(),
            enterprises: vec![e],
            sites: vec![site],
            ..List::default()
        }
    }

    #[test]
    fn board_lists_the_empty_supervisor_as_missing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("board.docx");
        let w =
            write_document(&list(), DocKind::EnterpriseBoard, "示例铸造有限公司", &path).unwrap();
        assert!(std::fs::metadata(&path).unwrap().len() > 0);
        assert!(w
            .missing
            .iter()
            .any(|m| m.field == "监督人及联系方式" && m.place == "示例铸造有限公司"));
        assert!(!w
            .missing
            .iter()
            .any(|m| m.field.starts_with("企业法定代表人")));
    }

    #[test]
    fn plan_and_site_board_are_written() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("plan.docx");
        write_document(&list(), DocKind::Plan, "示例铸造有限公司", &plan).unwrap();
        assert!(std::fs::metadata(&plan).unwrap().len() > 0);
        let board = dir.path().join("site.docx");
        let w = write_document(&list(), DocKind::SiteBoard, "示例小区二期", &board).unwrap();
        assert!(w.missing.iter().any(|m| m.field == "项目地址"));
    }

    #[test]
    fn unknown_enterprise_is_not_found() {
        let dir = tempfile::tempdir().unwrap();
        let e = write_document(
            &list(),
            DocKind::Plan,
            "没有这家",
            &dir.path().join("x.docx"),
        )
        .unwrap_err();
        assert_eq!(e.code(), ErrorCode::NotFound);
        assert!(e.to_string().contains("没有这家"));
    }
}
