//! The IPC edge of errors: every failure of a command is the core's one error type
//! (`jianpai::app::AppError`), mapped here, once, to `{code, message, diagnostics, fields}`.
//! The UI switches on `code` (`docs/architecture.md`) and shows `message`.

use jianpai::app::{AppError, ErrorCode, FieldProblem};
use jianpai::model::Diagnostic;
use serde::Serialize;
use ts_rs::TS;

/// A failed command, as the UI receives it.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export, rename = "AppError")]
pub struct IpcError {
    /// Stable kind of failure.
    pub code: ErrorCode,
    /// What went wrong and what to do, in Chinese.
    pub message: String,
    /// Placed details (sheet, row, column) of a workbook's errors; empty otherwise.
    pub diagnostics: Vec<Diagnostic>,
    /// The fields of a refused edit and why, so the UI can mark each in place.
    pub fields: Vec<FieldProblem>,
}

impl From<AppError> for IpcError {
    fn from(e: AppError) -> Self {
        IpcError {
            code: e.code(),
            message: e.to_string(),
            diagnostics: e.diagnostics().to_vec(),
            fields: e.fields().to_vec(),
        }
    }
}

impl IpcError {
    /// A background task that died before answering (a panic in the core).
    pub fn task(e: impl std::fmt::Display) -> Self {
        IpcError {
            code: ErrorCode::StoreIo,
            message: format!("后台任务失败：{e}"),
            diagnostics: Vec::new(),
            fields: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_code_message_and_fields() {
        let e = IpcError::from(AppError::Refused(vec![FieldProblem::new(
            "name",
            "企业名称不能为空",
        )]));
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "input.invalid");
        assert_eq!(json["message"], "企业名称不能为空，未保存");
        assert_eq!(json["fields"][0]["field"], "name");
        assert_eq!(json["diagnostics"], serde_json::json!([]));
        let gone = IpcError::from(AppError::NotFound {
            what: "企业",
            id: 7,
        });
        assert_eq!(serde_json::to_value(&gone).unwrap()["code"], "not_found");
    }
}
