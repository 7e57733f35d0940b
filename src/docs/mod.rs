//! Documents the county hands to enterprises and files with its list, as Word (.docx) files:
//! the 一厂一策 operation plan ([`plan`]), the 公示牌 notice board posted at the gate
//! ([`board`]) and the 测算说明 calculation note ([`note`]).
//!
//! Why .docx and not PDF: enterprises edit the plan (signatures, their own flow charts) before
//! filing it, and county staff open everything in WPS or Word.
//!
//! Missing data never leaves a silent blank: where a field the seeds require is empty the
//! document shows 【待补充】 and the writer returns a [`Missing`] entry for it, so the CLI can
//! list what the enterprise still has to supply.

pub(crate) mod batch;
pub mod board;
pub mod content;
pub mod episode;
mod fill;
pub mod note;
pub mod plan;
pub(crate) mod typeset;

use std::path::PathBuf;

use serde::Serialize;

pub use fill::PLACEHOLDER;

/// A required field that was empty and shows as 【待补充】 in a document.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Missing {
    /// What is missing, in Chinese (e.g. 监督人联系电话).
    pub field: String,
    /// Where: the enterprise or site and, for a source's field, the production line and level
    /// (e.g. 某某公司 / 1#窑 / 黄色预警).
    pub place: String,
}

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}：缺少“{}”，文档中已标为【待补充】，请在清单中补全后重新生成",
            self.place, self.field
        )
    }
}

/// Why a document could not be written. Messages are Chinese and say what to do.
#[derive(Debug, thiserror::Error)]
pub enum DocError {
    /// No enterprise has this credit code (or name).
    #[error("清单中没有统一社会信用代码（或名称）为“{0}”的企业，请核对代码或先导入该企业")]
    UnknownEnterprise(String),
    /// No site has this name.
    #[error("清单中没有名为“{0}”的施工工地（扬尘源），请核对项目名称或先导入该工地")]
    UnknownSite(String),
    /// The file or its folder could not be written.
    #[error(
        "无法写入文件“{path}”：{source}。请确认目录存在、有写入权限，且该文件未被 Word/WPS 打开"
    )]
    Write {
        /// The file being written.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// Some files of a batch (`board --all`) could not be written; the others were.
    #[error("{}", batch_message(written, failures))]
    Batch {
        /// The files that were written.
        written: Vec<PathBuf>,
        /// Why each of the others could not be written.
        failures: Vec<DocError>,
    },
    /// The .docx package could not be assembled (an internal fault of the writer).
    #[error("生成 Word 文件“{path}”时出错：{message}")]
    Package {
        /// The file being written.
        path: PathBuf,
        /// What the packer reported.
        message: String,
    },
}

/// "N 个文件未能写入（其余 M 个已写入）：" and one line per failure.
fn batch_message(written: &[PathBuf], failures: &[DocError]) -> String {
    let mut out = format!(
        "{} 个文件未能写入（其余 {} 个已写入）：",
        failures.len(),
        written.len()
    );
    for f in failures {
        out.push_str("\n  - ");
        out.push_str(&f.to_string());
    }
    out
}
