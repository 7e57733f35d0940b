//! Failures of a use-case, the exit code each means for the CLI (`docs/cli.md`) and the
//! stable code each has for the desktop app: one error type for both front ends, so a
//! locked data file or a refused edit is named the same way wherever it happens.

use std::path::PathBuf;

use serde::Serialize;
use ts_rs::TS;

use crate::model::Diagnostic;

/// Done; for `check` every level passes.
pub const EXIT_OK: i32 = 0;
/// A failure outside the input (I/O, a broken or locked store).
pub const EXIT_FAILURE: i32 = 1;
/// A usage error (unknown flag, missing or malformed argument).
pub const EXIT_USAGE: i32 = 2;
/// `check`: a level falls short or no baseline; `review`: a finding of severity error.
pub const EXIT_SHORT: i32 = 3;
/// The input is invalid; nothing was written.
pub const EXIT_INVALID: i32 = 65;

/// Why a use-case could not do its work.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The data file could not be opened, read or written.
    #[error("{0}")]
    Store(#[from] crate::store::StoreError),
    /// The input file does not exist (or is not a file).
    #[error("找不到文件“{}”，请检查路径与文件名", .path.display())]
    InputMissing {
        /// The path as given.
        path: PathBuf,
    },
    /// The input workbook is invalid (or no spreadsheet at all): nothing was written.
    #[error("{message}")]
    Invalid {
        /// A one-line summary in Chinese.
        message: String,
        /// Every error, placed at sheet/row/column.
        errors: Vec<Diagnostic>,
        /// The warnings found alongside.
        warnings: Vec<Diagnostic>,
    },
    /// An edited record or setting was refused: each problem names its field. Nothing was
    /// saved.
    #[error("{}", refused_message(.0))]
    Refused(Vec<FieldProblem>),
    /// The record asked for is not (or no longer) in the list.
    #[error("找不到{what}（编号{id}），可能已被删除；请刷新后重试")]
    NotFound {
        /// 企业, 扬尘源 …
        what: &'static str,
        /// The id asked for.
        id: i64,
    },
    /// Nothing left to undo.
    #[error("没有可以撤销的修改")]
    UndoEmpty,
    /// No data file is open (opening it at start failed); another one must be chosen.
    #[error("数据文件未能打开：请在“设置”中打开或新建一个数据文件")]
    Closed,
    /// The workbook could not be written.
    #[error("{0}")]
    Export(#[from] crate::export::ExportError),
    /// A document could not be written.
    #[error("{0}")]
    Doc(#[from] crate::docs::DocError),
    /// An argument value that the parser could not refuse by itself.
    #[error("{0}")]
    Usage(String),
    /// Writing the output failed (a closed pipe, a full disk).
    #[error("无法输出结果：{0}")]
    Output(#[from] std::io::Error),
}

/// The one-line summary of a refused edit: the problem itself when there is one.
fn refused_message(problems: &[FieldProblem]) -> String {
    match problems {
        [one] => format!("{}，未保存", one.message),
        many => format!("有{}处输入不符合要求，未保存", many.len()),
    }
}

/// What kind of failure it was, as a front end switches on it (never on message text);
/// serialised as the dotted words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub enum ErrorCode {
    /// The data file could not be opened, read or written.
    #[serde(rename = "store.io")]
    StoreIo,
    /// Another program holds the data file's lock: close it and retry.
    #[serde(rename = "store.locked")]
    StoreLocked,
    /// The file is no jianpai data file, or holds values this program cannot read.
    #[serde(rename = "store.corrupt")]
    StoreCorrupt,
    /// The data file was written by a newer jianpai: upgrade the program.
    #[serde(rename = "store.newer_schema")]
    StoreNewerSchema,
    /// No data file is open; another one must be opened or created.
    #[serde(rename = "store.closed")]
    StoreClosed,
    /// The input file does not exist.
    #[serde(rename = "input.missing")]
    InputMissing,
    /// The workbook has errors (or is no spreadsheet); `diagnostics` lists every one.
    #[serde(rename = "import.invalid")]
    ImportInvalid,
    /// An edit was refused: `fields` says which field and why.
    #[serde(rename = "input.invalid")]
    InputInvalid,
    /// The record (enterprise, site …) asked for does not exist.
    #[serde(rename = "not_found")]
    NotFound,
    /// Writing a workbook failed.
    #[serde(rename = "export.failed")]
    ExportFailed,
    /// Writing a 一厂一策, 公示牌 or 测算说明 document failed.
    #[serde(rename = "docs.failed")]
    DocsFailed,
    /// Nothing left to undo.
    #[serde(rename = "undo.empty")]
    UndoEmpty,
    /// A malformed argument.
    #[serde(rename = "usage")]
    Usage,
    /// The result could not be written out.
    #[serde(rename = "output.failed")]
    OutputFailed,
}

/// One refused field of an edit: where it is in the record and why it was refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FieldProblem {
    /// Path in the record as the UI names it: `code`, `sources.2.days`,
    /// `sources.0.measures.orange.share`, `baseline.so2`, `targets.red` …
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

impl From<crate::import::ImportError> for AppError {
    fn from(e: crate::import::ImportError) -> Self {
        use crate::import::ImportError;
        let message = e.to_string();
        let (errors, warnings) = match e {
            ImportError::Unreadable(d) => (vec![d], Vec::new()),
            ImportError::Invalid { errors, warnings } => (errors, warnings),
        };
        AppError::Invalid {
            message,
            errors,
            warnings,
        }
    }
}

impl AppError {
    /// The process exit code for this failure (`docs/cli.md`): 65 when the input is invalid
    /// (including an enterprise code, site name or snapshot number the list does not have,
    /// or a refused edit: nothing was written), 2 for a usage error, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        use crate::docs::DocError;
        use crate::export::ExportError;
        match self {
            AppError::Invalid { .. } | AppError::Refused(_) | AppError::NotFound { .. } => {
                EXIT_INVALID
            }
            AppError::Export(ExportError::UnknownEnterprise { .. }) => EXIT_INVALID,
            AppError::Doc(DocError::UnknownEnterprise(_) | DocError::UnknownSite(_)) => {
                EXIT_INVALID
            }
            AppError::Store(crate::store::StoreError::NoSnapshot { .. }) => EXIT_INVALID,
            AppError::Usage(_) => EXIT_USAGE,
            AppError::Store(_)
            | AppError::InputMissing { .. }
            | AppError::UndoEmpty
            | AppError::Closed
            | AppError::Export(_)
            | AppError::Doc(_)
            | AppError::Output(_) => EXIT_FAILURE,
        }
    }

    /// The stable code a front end switches on.
    pub fn code(&self) -> ErrorCode {
        use crate::docs::DocError;
        use crate::export::ExportError;
        use crate::store::StoreError;
        match self {
            AppError::Store(e) => match e {
                StoreError::Locked { .. } => ErrorCode::StoreLocked,
                StoreError::NewerVersion { .. } => ErrorCode::StoreNewerSchema,
                StoreError::NotJianpai { .. }
                | StoreError::Corrupt { .. }
                | StoreError::Damaged { .. } => ErrorCode::StoreCorrupt,
                StoreError::NotFound { .. }
                | StoreError::Missing { .. }
                | StoreError::NoSnapshot { .. } => ErrorCode::NotFound,
                StoreError::Snapshot(_) => ErrorCode::StoreCorrupt,
                StoreError::Io { .. }
                | StoreError::Open { .. }
                | StoreError::ReadOnly { .. }
                | StoreError::Sqlite(_) => ErrorCode::StoreIo,
            },
            AppError::InputMissing { .. } => ErrorCode::InputMissing,
            AppError::Invalid { .. } => ErrorCode::ImportInvalid,
            AppError::Refused(_) => ErrorCode::InputInvalid,
            AppError::NotFound { .. }
            | AppError::Export(ExportError::UnknownEnterprise { .. })
            | AppError::Doc(DocError::UnknownEnterprise(_) | DocError::UnknownSite(_)) => {
                ErrorCode::NotFound
            }
            AppError::UndoEmpty => ErrorCode::UndoEmpty,
            AppError::Closed => ErrorCode::StoreClosed,
            AppError::Export(_) => ErrorCode::ExportFailed,
            AppError::Doc(_) => ErrorCode::DocsFailed,
            AppError::Usage(_) => ErrorCode::Usage,
            AppError::Output(_) => ErrorCode::OutputFailed,
        }
    }

    /// The placed errors of an invalid workbook; empty for other failures.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            AppError::Invalid { errors, .. } => errors,
            _ => &[],
        }
    }

    /// The refused fields of an edit; empty for other failures.
    pub fn fields(&self) -> &[FieldProblem] {
        match self {
            AppError::Refused(problems) => problems,
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::StoreError;

    #[test]
    fn one_problem_is_its_own_message() {
        let d = FieldProblem::new("name", "企业名称不能为空");
        let one = AppError::Refused(vec![d.clone()]);
        assert_eq!(one.to_string(), "企业名称不能为空，未保存");
        assert_eq!(one.fields()[0].field, "name");
        let two = AppError::Refused(vec![d.clone(), d]);
        assert_eq!(two.code(), ErrorCode::InputInvalid);
        assert_eq!(two.exit_code(), EXIT_INVALID);
        assert_eq!(two.to_string(), "有2处输入不符合要求，未保存");
    }

    #[test]
    fn store_failures_keep_their_kind() {
        let path = PathBuf::from("/tmp/x.sqlite");
        let locked = AppError::from(StoreError::Locked { path: path.clone() });
        assert_eq!(locked.code(), ErrorCode::StoreLocked);
        assert_eq!(locked.exit_code(), EXIT_FAILURE);
        let newer = AppError::from(StoreError::NewerVersion {
            path: path.clone(),
            found: 9,
            supported: 3,
        });
        assert_eq!(newer.code(), ErrorCode::StoreNewerSchema);
        let alien = AppError::from(StoreError::NotJianpai { path });
        assert_eq!(alien.code(), ErrorCode::StoreCorrupt);
        let gone = AppError::from(StoreError::NotFound {
            kind: "企业",
            id: 4,
        });
        assert_eq!(gone.code(), ErrorCode::NotFound);
    }

    #[test]
    fn codes_serialise_as_dotted_words() {
        let words: Vec<String> = [
            ErrorCode::StoreNewerSchema,
            ErrorCode::InputInvalid,
            ErrorCode::NotFound,
        ]
        .iter()
        .map(|c| serde_json::to_string(c).unwrap())
        .collect();
        assert_eq!(
            words,
            [
                "\"store.newer_schema\"",
                "\"input.invalid\"",
                "\"not_found\""
            ]
        );
        let missing = AppError::NotFound {
            what: "企业",
            id: 7,
        };
        assert!(missing.to_string().contains("编号7"));
        assert_eq!(AppError::UndoEmpty.code(), ErrorCode::UndoEmpty);
        assert_eq!(AppError::Closed.code(), ErrorCode::StoreClosed);
    }
}
