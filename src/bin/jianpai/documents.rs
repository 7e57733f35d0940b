//! `plan` and `board`: the per-enterprise documents, one at a time or all into a folder with
//! a progress line per file on stderr (stdout keeps the list of files written).

use std::path::PathBuf;

use clap::{Args, CommandFactory};
use jianpai::app::{self, AppError, BoardTarget, PlanTarget};

use super::{written, Cli};

/// `plan CODE OUT.docx` | `plan --all DIR`.
#[derive(Args)]
pub struct PlanArgs {
    /// 为全部企业生成，写入该目录
    #[arg(long, value_name = "DIR")]
    all: Option<PathBuf>,
    /// 企业统一社会信用代码与输出文件（.docx）
    #[arg(value_name = "CODE OUT.docx", conflicts_with = "all", num_args = 0..=2)]
    args: Vec<String>,
}

/// `board CODE OUT.docx` | `board --site NAME OUT.docx` | `board --all DIR`.
#[derive(Args)]
pub struct BoardArgs {
    /// 施工工地（扬尘源）项目名称
    #[arg(long, value_name = "NAME", conflicts_with = "all")]
    site: Option<String>,
    /// 为全部企业和工地生成，写入该目录
    #[arg(long, value_name = "DIR")]
    all: Option<PathBuf>,
    /// 企业统一社会信用代码与输出文件；用 --site 时只需输出文件
    #[arg(value_name = "CODE OUT.docx", conflicts_with = "all", num_args = 0..=2)]
    args: Vec<String>,
}

/// A wrong combination of arguments: a usage error (exit 2) reported by clap.
fn usage(msg: &str) -> ! {
    Cli::command()
        .error(clap::error::ErrorKind::WrongNumberOfValues, msg)
        .exit()
}

/// One line per file written, on stderr, so a long batch shows it is moving.
fn progress_line(done: usize, total: usize, file: &str) {
    eprintln!("[{done}/{total}] 已生成 {file}");
}

/// Runs `plan`.
pub fn plan(db: Option<PathBuf>, a: PlanArgs) -> Result<i32, AppError> {
    let target = match (a.all, a.args.as_slice()) {
        (Some(dir), []) => PlanTarget::All { dir },
        (None, [code, out]) => PlanTarget::Enterprise {
            code: code.clone(),
            out: PathBuf::from(out),
        },
        _ => usage("用法：jianpai plan CODE OUT.docx | plan --all DIR"),
    };
    let list = app::list_of(db, None)?;
    written(app::run_plan(&list, &target, &mut progress_line)?)
}

/// Runs `board`.
pub fn board(db: Option<PathBuf>, a: BoardArgs) -> Result<i32, AppError> {
    let target = match (a.site, a.all, a.args.as_slice()) {
        (None, Some(dir), []) => BoardTarget::All { dir },
        (Some(name), None, [out]) => BoardTarget::Site {
            name,
            out: PathBuf::from(out),
        },
        (None, None, [code, out]) => BoardTarget::Enterprise {
            code: code.clone(),
            out: PathBuf::from(out),
        },
        (Some(_), _, _) => usage("用法：jianpai board --site 项目名称 OUT.docx"),
        _ => usage(
            "用法：jianpai board CODE OUT.docx | board --site NAME OUT.docx | board --all DIR",
        ),
    };
    let list = app::list_of(db, None)?;
    written(app::run_board(&list, &target, &mut progress_line)?)
}
