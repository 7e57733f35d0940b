//! 一厂一策 and 公示牌 from the app: the core's Word writers (`jianpai::docs`) on the
//! session's list. Each returns the written file and the required fields that were empty,
//! so the UI can say what shows as 【待补充】 and the enterprise still has to supply.

use super::files::written;
use super::Session;
use crate::dto::Written;
use crate::error::AppError;
use jianpai::docs::{self, Missing};
use jianpai::model::List;
use serde::Serialize;
use std::path::{Path, PathBuf};
use tauri::State;
use ts_rs::TS;

/// A required field that was empty and shows as 【待补充】 in the document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MissingField {
    /// What is missing (e.g. 监督人联系电话).
    pub field: String,
    /// Where: the enterprise or site, and for a line's field the line and level.
    pub place: String,
}

/// A document written: where, and what it still lacks.
#[derive(Clone, Debug, Serialize, TS)]
#[ts(export)]
pub struct DocWritten {
    /// The file written.
    pub path: String,
    /// Fields shown as 【待补充】, in the order the document shows them.
    pub missing: Vec<MissingField>,
}

/// Which document to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocKind {
    /// The enterprise's 一厂一策 operation plan.
    Plan,
    /// The enterprise's 公示牌.
    EnterpriseBoard,
    /// A construction site's 公示牌 (`who` is the project name).
    SiteBoard,
}

/// The plain function under the commands: writes `kind` for `who` (credit code or name of
/// an enterprise, project name of a site) to `path`.
///
/// # Errors
/// `not_found` for an unknown enterprise or site, `docs.failed` when the file cannot be
/// written.
pub fn write_document(
    list: &List,
    kind: DocKind,
    who: &str,
    path: &Path,
) -> Result<DocWritten, AppError> {
    let missing = match kind {
        DocKind::Plan => docs::plan::write_plan(list, who, path)?,
        DocKind::EnterpriseBoard => docs::board::write_enterprise_board(list, who, path)?,
        DocKind::SiteBoard => docs::board::write_site_board(list, who, path)?,
    };
    Ok(DocWritten {
        path: path.display().to_string(),
        missing: missing.into_iter().map(field).collect(),
    })
}

fn field(m: Missing) -> MissingField {
    MissingField {
        field: m.field,
        place: m.place,
    }
}

async fn write(
    session: State<'_, Session>,
    kind: DocKind,
    who: String,
    path: String,
) -> Result<DocWritten, AppError> {
    session
        .with(move |s| write_document(&s.list, kind, &who, &PathBuf::from(path)))
        .await
}

/// Writes the 一厂一策 plan of the enterprise with credit code (or name) `code`.
#[tauri::command]
pub async fn write_plan(
    session: State<'_, Session>,
    code: String,
    path: String,
) -> Result<DocWritten, AppError> {
    write(session, DocKind::Plan, code, path).await
}

/// Writes the 公示牌 of the enterprise with credit code (or name) `code`.
#[tauri::command]
pub async fn write_enterprise_board(
    session: State<'_, Session>,
    code: String,
    path: String,
) -> Result<DocWritten, AppError> {
    write(session, DocKind::EnterpriseBoard, code, path).await
}

/// Writes the 公示牌 of the construction site named `name`.
#[tauri::command]
pub async fn write_site_board(
    session: State<'_, Session>,
    name: String,
    path: String,
) -> Result<DocWritten, AppError> {
    write(session, DocKind::SiteBoard, name, path).await
}

/// Writes the 测算说明 calculation note of the whole list.
#[tauri::command]
pub async fn write_note(session: State<'_, Session>, path: String) -> Result<Written, AppError> {
    session
        .with(move |s| {
            let path = PathBuf::from(path);
            docs::note::write_note(&s.list, &path)?;
            written(&path)
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::state::AppState;
    use jianpai::model::{Contact, Enterprise, Site, Source};
    use jianpai::store::{ImportMode, Store};

    fn session() -> AppState {
        let mut source = Source {
            name: "1#线".into(),
            ..Source::default()
        };
        source.annual.pm = Some(3.0);
        source.measures.yellow.text = "限产30%".into();
        source.measures.red.text = "停产".into();
        let e = Enterprise {
            name: "示例铸造有限公司".into(),
            code: String::new(),
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
        let list = List {
            area: "示例市".into(),
            enterprises: vec![e],
            sites: vec![site],
            ..List::default()
        };
        let mut store = Store::open_in_memory().unwrap();
        store.import(&list, ImportMode::Replace).unwrap();
        AppState::with_store(store, None).unwrap()
    }

    fn tmp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("jianpai-app-docs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join(name)
    }

    #[test]
    fn board_lists_the_empty_supervisor_as_missing() {
        let s = session();
        let path = tmp("board.docx");
        let w =
            write_document(&s.list, DocKind::EnterpriseBoard, "示例铸造有限公司", &path).unwrap();
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
        let s = session();
        let plan = tmp("plan.docx");
        write_document(&s.list, DocKind::Plan, "示例铸造有限公司", &plan).unwrap();
        assert!(std::fs::metadata(&plan).unwrap().len() > 0);
        let board = tmp("site.docx");
        let w = write_document(&s.list, DocKind::SiteBoard, "示例小区二期", &board).unwrap();
        assert!(w.missing.iter().any(|m| m.field == "项目地址"));
    }

    #[test]
    fn unknown_enterprise_is_not_found() {
        let s = session();
        let e = write_document(&s.list, DocKind::Plan, "没有这家", &tmp("x.docx")).unwrap_err();
        assert_eq!(e.code, ErrorCode::NotFound);
        assert!(e.message.contains("没有这家"));
    }
}
