//! What can go wrong with the data file, said so that a county official knows what to do.

use std::path::PathBuf;

/// An error of the list store. Messages are Chinese and name the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The folder for the data file could not be created, or a backup could not be moved.
    #[error("无法创建或写入 {path}：{source}。请检查路径与写入权限。")]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The file exists but is not a jianpai data file (another database, a workbook …).
    #[error("{path} 不是 jianpai 数据文件（清单数据库）。请用 --db 指定正确的数据文件，或换一个新文件名。")]
    NotJianpai {
        /// The file concerned.
        path: PathBuf,
    },
    /// Another program holds the file's write lock longer than the busy timeout.
    #[error(
        "数据文件 {path} 正被其他程序占用（已锁定）。请关闭正在使用它的 jianpai 窗口或命令后重试。"
    )]
    Locked {
        /// The file concerned.
        path: PathBuf,
    },
    /// The file was written by a newer jianpai whose schema this program does not know.
    #[error("数据文件 {path} 由更新版本的 jianpai 创建（数据版本 {found}，本程序支持到 {supported}）。请升级 jianpai 后再打开。")]
    NewerVersion {
        /// The file concerned.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
    /// The file could not be opened at all (a folder, no permission, a broken disk …).
    #[error("无法打开数据文件 {path}：{source}。请检查路径是否为文件、是否有读写权限。")]
    Open {
        /// The file concerned.
        path: PathBuf,
        /// SQLite's own error.
        #[source]
        source: rusqlite::Error,
    },
    /// A command that only reads was pointed at a file that does not exist: rather than an
    /// empty list (and empty output files), say so.
    #[error("找不到清单数据文件 {path}（no list at {path}）。请检查 --db 或 JIANPAI_DB 指定的路径，或先用 jianpai import 导入清单。")]
    Missing {
        /// The path as resolved.
        path: PathBuf,
    },
    /// SQLite's integrity check found the file damaged (a disk fault, a copy cut short).
    #[error("数据文件 {path} 已损坏（{detail}）。为免损失扩大，本次未写入任何内容。请用 jianpai backup list 查看备份，再用 jianpai backup restore 恢复最近的完好备份。")]
    Damaged {
        /// The file concerned.
        path: PathBuf,
        /// What SQLite reported.
        detail: String,
    },
    /// The file lies in a read-only place and needs a schema upgrade that cannot be written.
    #[error("数据文件 {path} 位于只读位置，且需要升级数据结构后才能读取。请把它复制到可写的文件夹后再打开。")]
    ReadOnly {
        /// The file concerned.
        path: PathBuf,
    },
    /// A read or write failed; a failed write leaves the file as it was.
    #[error("数据文件读写失败（本次修改未保存，文件保持原样）：{0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A record to update or delete is not in the list (deleted meanwhile, or a wrong id).
    #[error("要修改的{kind}（编号 {id}）不在清单中，可能已被删除。请刷新后重试。")]
    NotFound {
        /// 企业, 扬尘源, 移动源 or 协同供暖企业.
        kind: &'static str,
        /// The id asked for.
        id: i64,
    },
    /// A stored value that this program cannot read back (the file was edited by hand).
    #[error("数据文件内容无法识别：表 {table} 的 {column} 为“{value}”。文件可能被其他工具改动过，请从备份恢复。")]
    Corrupt {
        /// Table name.
        table: &'static str,
        /// Column name.
        column: &'static str,
        /// The value found.
        value: String,
    },
    /// `history restore` / `diff` named a snapshot that does not exist.
    #[error("没有第 {id} 号快照。请用 jianpai history 查看现有快照的编号。")]
    NoSnapshot {
        /// The id asked for.
        id: i64,
    },
    /// A snapshot could not be written or read back (compression or serialisation failed).
    #[error("清单快照无法保存或读取：{0}。数据文件可能被其他工具改动过，请从备份恢复。")]
    Snapshot(String),
}

impl StoreError {
    /// Whether the failure comes from a file or folder this user may not write, so that a
    /// reading command can retry read-only.
    pub(crate) fn is_read_only(&self) -> bool {
        use rusqlite::ErrorCode;
        let code = match self {
            StoreError::Open { source, .. } | StoreError::Sqlite(source) => {
                source.sqlite_error_code()
            }
            _ => None,
        };
        matches!(
            code,
            Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied)
        )
    }
}
