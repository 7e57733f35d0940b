//! Failures of a command and the exit code each means (`docs/cli.md`).

use std::path::PathBuf;

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

/// Why a command could not do its work.
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

impl AppError {
    /// The process exit code for this failure (`docs/cli.md`): 65 when the input is invalid
    /// (including an enterprise code, site name or snapshot number the list does not have:
    /// nothing was written), 2 for a usage error, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        use crate::docs::DocError;
        use crate::export::ExportError;
        match self {
            AppError::Invalid { .. } => EXIT_INVALID,
            AppError::Export(ExportError::UnknownEnterprise { .. }) => EXIT_INVALID,
            AppError::Doc(DocError::UnknownEnterprise(_) | DocError::UnknownSite(_)) => {
                EXIT_INVALID
            }
            AppError::Store(crate::store::StoreError::NoSnapshot { .. }) => EXIT_INVALID,
            AppError::Usage(_) => EXIT_USAGE,
            AppError::Store(_)
            | AppError::InputMissing { .. }
            | AppError::Export(_)
            | AppError::Doc(_)
            | AppError::Output(_) => EXIT_FAILURE,
        }
    }
}
