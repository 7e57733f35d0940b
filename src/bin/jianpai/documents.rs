//! `note`, `plan` and `board`: the calculation note with the county's stated reasons
//! (`note set`), and the per-enterprise documents, one at a time or all into a folder with a
//! progress line per file on stderr (stdout keeps the list of files written).

use std::path::PathBuf;

use clap::{Args, CommandFactory, Subcommand, ValueEnum};
use jianpai::app::{self, AppError, BoardTarget, PlanTarget};
use jianpai::model::Level;

use super::{out, written, Cli};

/// `note OUT.docx` | `note set --level L --reason TEXT [--requested RATIO]`.
#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct NoteArgs {
    #[command(subcommand)]
    action: Option<NoteAction>,
    /// 输出文件（.docx）
    out: Option<PathBuf>,
}

#[derive(Subcommand)]
enum NoteAction {
    /// 写明某级预警未达标的原因和申请的减排比例（随清单保存，写入测算说明）
    Set {
        /// 预警级别：yellow/orange/red（黄色/橙色/红色）
        #[arg(long)]
        level: LevelArg,
        /// 未达标原因（县（市、区）的说明）
        #[arg(long)]
        reason: String,
        /// 申请的减排比例：0.25 或 25%
        #[arg(long, value_parser = ratio)]
        requested: Option<f64>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum LevelArg {
    #[value(alias = "黄色", alias = "黄色预警")]
    Yellow,
    #[value(alias = "橙色", alias = "橙色预警")]
    Orange,
    #[value(alias = "红色", alias = "红色预警")]
    Red,
}

impl From<LevelArg> for Level {
    fn from(l: LevelArg) -> Level {
        match l {
            LevelArg::Yellow => Level::Yellow,
            LevelArg::Orange => Level::Orange,
            LevelArg::Red => Level::Red,
        }
    }
}

/// A ratio written as a fraction (0.25) or a percentage (25%).
fn ratio(text: &str) -> Result<f64, String> {
    let t = text.trim();
    let (number, scale) = match t.strip_suffix(['%', '％']) {
        Some(n) => (n.trim(), 100.0),
        None => (t, 1.0),
    };
    match number.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v / scale),
        _ => Err(format!("“{text}”不是比例：请写 0.25 或 25%")),
    }
}

/// Runs `note`.
pub fn note(db: Option<PathBuf>, a: NoteArgs) -> Result<i32, AppError> {
    match (a.action, a.out) {
        (
            Some(NoteAction::Set {
                level,
                reason,
                requested,
            }),
            _,
        ) => {
            let level = Level::from(level);
            let mut store = app::open_existing_store(db)?;
            let r = app::set_note_request(&mut store, level, &reason, requested)?;
            let asked = r.requested.map_or("未申请具体比例".to_string(), |x| {
                format!("申请减排比例{:.2}%", x * 100.0)
            });
            out(&format!(
                "已保存{}未达标原因（{asked}），将写入测算说明\n",
                level.name_zh()
            ))?;
            Ok(app::EXIT_OK)
        }
        (None, Some(to)) => {
            let store = app::open_existing_store(db)?;
            let list = store.load()?;
            written(app::run_note(&list, &store.note_requests()?, &to)?)
        }
        (None, None) => usage(
            "用法：jianpai note OUT.docx | note set --level L --reason TEXT [--requested RATIO]",
        ),
    }
}

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
