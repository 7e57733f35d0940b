//! `jianpai backup list | restore FILE`.

use std::path::PathBuf;

use clap::Subcommand;
use jianpai::app::{self, AppError};

/// The backup actions.
#[derive(Subcommand)]
pub(crate) enum BackupAction {
    /// 列出数据文件的备份（导入前、恢复前、每天首次打开时自动备份）
    List {
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 用备份替换当前清单（替换前先备份当前状态）
    Restore {
        /// 备份文件：路径，或 backup list 列出的文件名
        file: PathBuf,
    },
}

pub(crate) fn run(db: Option<PathBuf>, action: BackupAction) -> Result<i32, AppError> {
    match action {
        BackupAction::List { json } => {
            let (path, backups) = app::run_backup_list(db)?;
            if json {
                super::json(&backups)?;
            } else {
                super::out(&app::render_backups(&path, &backups))?;
            }
        }
        BackupAction::Restore { file } => {
            let before = app::run_restore(db, &file)?;
            let mut text = format!("已从备份 {} 恢复清单\n", file.display());
            if let Some(b) = before {
                text.push_str(&format!("恢复前的清单已备份为 {}\n", b.display()));
            }
            super::out(&text)?;
        }
    }
    Ok(app::EXIT_OK)
}
