//! The one error type that crosses the IPC boundary: a stable `code` the UI can switch on and
//! a Chinese `message` it shows as is. The UI never matches message text
//! (`docs/architecture.md`: errors name what went wrong), so every failure of a command maps
//! to one of [`ErrorCode`].

use jianpai::model::Diagnostic;
use serde::Serialize;
use ts_rs::TS;

/// What kind of failure it was; serialised as the dotted words the UI switches on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub enum ErrorCode {
    /// The data file could not be opened, read or written.
    #[serde(rename = "store.io")]
    StoreIo,
    /// No data file is open (opening it at start failed); 设置 offers to open another.
    #[serde(rename = "store.closed")]
    StoreClosed,
    /// The workbook cannot be opened at all (not a spreadsheet, encrypted, missing).
    #[serde(rename = "import.unreadable")]
    ImportUnreadable,
    /// The workbook has errors; `diagnostics` lists every one, nothing was written.
    #[serde(rename = "import.invalid")]
    ImportInvalid,
    /// Writing a workbook or document failed.
    #[serde(rename = "export.failed")]
    ExportFailed,
    /// Writing a 一厂一策, 公示牌 or 测算说明 document failed.
    #[serde(rename = "docs.failed")]
    DocsFailed,
    /// An edit was refused: `diagnostics` says which field and why.
    #[serde(rename = "input.invalid")]
    InputInvalid,
    /// The record asked for does not exist (deleted meanwhile, or a stale id).
    #[serde(rename = "not_found")]
    NotFound,
    /// Nothing left to undo.
    #[serde(rename = "undo.empty")]
    UndoEmpty,
}

/// A failed command, as the UI receives it.
#[derive(Clone, Debug, PartialEq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
#[ts(export)]
pub struct AppError {
    /// Stable kind of failure.
    pub code: ErrorCode,
    /// What went wrong and what to do, in Chinese.
    pub message: String,
    /// Placed details (sheet, row, column) of a workbook's errors; empty otherwise.
    pub diagnostics: Vec<Diagnostic>,
    /// The fields of a refused edit and why, so the UI can mark each in place.
    pub fields: Vec<FieldProblem>,
}

/// One refused field of an edit: where it is in the record and why it was refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FieldProblem {
    /// Path in the record as the UI names it: `code`, `sources.2.days`,
    /// `sources.0.measures.orange.share`, `source.annual.pm` …
    pub field: String,
    /// Why, in Chinese (names the line and the column as the workbook says it).
    pub message: String,
}

impl FieldProblem {
    /// A problem of `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldProblem {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl AppError {
    /// An error without placed details.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        AppError {
            code,
            message: message.into(),
            diagnostics: Vec::new(),
            fields: Vec::new(),
        }
    }

    /// An edit refused because of `problems`; nothing was saved.
    pub fn invalid(problems: Vec<FieldProblem>) -> Self {
        let message = match problems.as_slice() {
            [one] => format!("{}，未保存", one.message),
            many => format!("有{}处输入不符合要求，未保存", many.len()),
        };
        AppError {
            code: ErrorCode::InputInvalid,
            message,
            diagnostics: Vec::new(),
            fields: problems,
        }
    }

    /// A record that is not (or no longer) in the list.
    pub fn not_found(what: &str, id: i64) -> Self {
        AppError::new(
            ErrorCode::NotFound,
            format!("找不到{what}（编号{id}），可能已被删除；请刷新后重试"),
        )
    }
}

impl From<jianpai::store::StoreError> for AppError {
    fn from(e: jianpai::store::StoreError) -> Self {
        AppError::new(ErrorCode::StoreIo, format!("数据文件读写失败：{e}"))
    }
}

impl From<jianpai::import::ImportError> for AppError {
    fn from(e: jianpai::import::ImportError) -> Self {
        use jianpai::import::ImportError;
        match e {
            ImportError::Unreadable(d) => AppError {
                code: ErrorCode::ImportUnreadable,
                message: d.message.clone(),
                diagnostics: vec![d],
                fields: Vec::new(),
            },
            ImportError::Invalid { errors, .. } => AppError {
                code: ErrorCode::ImportInvalid,
                message: format!("工作簿有{}处错误，未导入任何数据", errors.len()),
                diagnostics: errors,
                fields: Vec::new(),
            },
        }
    }
}

impl From<jianpai::export::ExportError> for AppError {
    fn from(e: jianpai::export::ExportError) -> Self {
        AppError::new(ErrorCode::ExportFailed, format!("导出失败：{e}"))
    }
}

impl From<jianpai::docs::DocError> for AppError {
    fn from(e: jianpai::docs::DocError) -> Self {
        use jianpai::docs::DocError;
        let code = match e {
            DocError::UnknownEnterprise(_) | DocError::UnknownSite(_) => ErrorCode::NotFound,
            _ => ErrorCode::DocsFailed,
        };
        AppError::new(code, e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_code_and_message() {
        let e = AppError::not_found("企业", 7);
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "not_found");
        assert!(json["message"].as_str().unwrap().contains("编号7"));
        assert_eq!(json["diagnostics"], serde_json::json!([]));
    }

    #[test]
    fn one_problem_is_its_own_message() {
        let d = FieldProblem::new("name", "企业名称不能为空");
        assert_eq!(
            AppError::invalid(vec![d.clone()]).message,
            "企业名称不能为空，未保存"
        );
        let two = AppError::invalid(vec![d.clone(), d]);
        assert_eq!(two.code, ErrorCode::InputInvalid);
        assert!(two.message.contains('2'));
    }
}
