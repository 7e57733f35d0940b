//! `jianpai history`: the list's snapshots (list, save, restore).

use std::path::PathBuf;

use clap::{Args, Subcommand};
use jianpai::app::{self, AppError};

/// `history [--json]`, `history save --note TEXT`, `history restore ID`.
#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct HistoryArgs {
    /// 以 JSON 输出快照列表
    #[arg(long)]
    json: bool,
    #[command(subcommand)]
    action: Option<HistoryAction>,
}

#[derive(Subcommand)]
enum HistoryAction {
    /// 保存当前清单的快照
    Save {
        /// 这次保存的说明
        #[arg(long)]
        note: String,
    },
    /// 恢复到某个快照（恢复前先保存当前清单，可再恢复回来）
    Restore {
        /// 快照编号（见 jianpai history）
        id: i64,
    },
}

pub fn run(db: Option<PathBuf>, args: HistoryArgs) -> Result<i32, AppError> {
    let mut store = app::open_existing_store(db)?;
    match args.action {
        None => {
            let history = app::run_history(&store)?;
            if args.json {
                super::json(&history)?;
            } else {
                super::out(&app::render_history(&history))?;
            }
        }
        Some(HistoryAction::Save { note }) => {
            let id = app::save_snapshot(&mut store, &note)?;
            super::out(&format!("已保存清单快照，编号 {id}\n"))?;
        }
        Some(HistoryAction::Restore { id }) => {
            let restored = app::restore_snapshot(&mut store, id)?;
            super::out(&app::render_restored(&restored))?;
        }
    }
    Ok(app::EXIT_OK)
}
