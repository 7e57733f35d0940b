//! The `jianpai` command-line program (`cli.md`): argument parsing and printing only; the
//! work is done by [`jianpai::app`].

mod episode;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use jianpai::app::{self, AppError, BoardTarget, ImportOutcome};
use jianpai::model::{Amounts, BaselineUnit};
use jianpai::store::ImportMode;

/// 重污染天气应急减排清单：导入、测算、审核、导出与文书生成。
#[derive(Parser)]
#[command(name = "jianpai", version)]
struct Cli {
    /// 清单数据文件（默认：环境变量 JIANPAI_DB，否则系统数据目录下 jianpai/list.sqlite）
    #[arg(long, global = true, env = "JIANPAI_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 导入清单工作簿（.xlsx/.xls/.xlsm/.ods），全部无误才写入
    Import {
        /// 清单工作簿
        file: PathBuf,
        /// 只检查，不写入
        #[arg(long)]
        dry_run: bool,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
        /// 先清空现有清单再导入（默认：按企业/工地合并替换）
        #[arg(long)]
        replace: bool,
    },
    /// 测算各预警级别减排量与减排比例；给出 FILE 时只测算该文件，不动数据文件
    Check {
        /// 清单工作簿（可选）
        file: Option<PathBuf>,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 导出年度报送工作簿，或 --enterprise 导出一家企业的填报工作簿
    Export {
        /// 企业统一社会信用代码
        #[arg(long, value_name = "CODE")]
        enterprise: Option<String>,
        /// 输出文件（.xlsx）
        out: PathBuf,
    },
    /// 生成测算说明（Word 文档）
    Note {
        /// 输出文件（.docx）
        out: PathBuf,
    },
    /// 审核清单，列出问题（规则、严重程度、位置、修改建议）
    Review {
        /// 清单工作簿（可选）
        file: Option<PathBuf>,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 生成企业“一厂一策”应急响应操作方案
    Plan {
        /// 企业统一社会信用代码
        code: String,
        /// 输出文件（.docx）
        out: PathBuf,
    },
    /// 生成公示牌：board CODE OUT.docx | board --site NAME OUT.docx | board --all DIR
    Board {
        /// 施工工地（扬尘源）项目名称
        #[arg(long, value_name = "NAME", conflicts_with = "all")]
        site: Option<String>,
        /// 为全部企业和工地生成，写入该目录
        #[arg(long, value_name = "DIR")]
        all: Option<PathBuf>,
        /// 企业统一社会信用代码与输出文件；用 --site 时只需输出文件
        #[arg(value_name = "CODE OUT.docx", conflicts_with = "all", num_args = 0..=2)]
        args: Vec<String>,
    },
    /// 全社会排放量
    Baseline {
        #[command(subcommand)]
        action: BaselineAction,
    },
    /// 应急响应过程：启动、调整、解除、查看
    Episode {
        #[command(subcommand)]
        action: episode::EpisodeAction,
    },
    /// 导出本轮通知（工作簿含短信表，或 --docx 按乡镇生成 Word 通知）
    Notify(episode::NotifyArgs),
    /// 记录通知确认
    Ack(episode::AckArgs),
    /// 督导检查：抽查计划与检查记录
    Inspect {
        #[command(subcommand)]
        action: episode::InspectAction,
    },
    /// 用电量核查
    Power {
        #[command(subcommand)]
        action: episode::PowerAction,
    },
    /// 每日工作信息与总结评估报告
    Report {
        #[command(subcommand)]
        action: episode::ReportAction,
    },
}

#[derive(Subcommand)]
enum BaselineAction {
    /// 设置全社会排放量
    Set {
        /// 二氧化硫
        #[arg(long, value_parser = non_negative)]
        so2: f64,
        /// 氮氧化物
        #[arg(long, value_parser = non_negative)]
        nox: f64,
        /// 颗粒物
        #[arg(long, value_parser = non_negative)]
        pm: f64,
        /// 挥发性有机物
        #[arg(long, value_parser = non_negative)]
        vocs: f64,
        /// 单位：t/a（吨/年）或 t/d（吨/日）
        #[arg(long)]
        unit: Unit,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Unit {
    #[value(name = "t/a")]
    PerYear,
    #[value(name = "t/d")]
    PerDay,
}

fn non_negative(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(format!("“{text}”不是不小于0的数字")),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprint!("{}", app::render_error(&e));
            e.exit_code()
        }
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

fn out(text: &str) -> Result<(), AppError> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(())
}

fn json(value: &impl serde::Serialize) -> Result<(), AppError> {
    let text = serde_json::to_string_pretty(value).map_err(std::io::Error::other)?;
    out(&format!("{text}\n"))
}

fn run(cli: Cli) -> Result<i32, AppError> {
    let db = cli.db;
    match cli.command {
        Command::Import {
            file,
            dry_run,
            json: as_json,
            replace,
        } => import(db, file, dry_run, as_json, replace),
        Command::Check {
            file,
            json: as_json,
        } => {
            let list = app::list_of(db, file.as_deref())?;
            let report = app::run_check(&list);
            if as_json {
                json(&report)?;
            } else {
                out(&app::render_check(&report, list.so2_nox_trade))?;
            }
            Ok(app::check_exit_code(&report))
        }
        Command::Review {
            file,
            json: as_json,
        } => {
            let report = app::run_review(&app::list_of(db, file.as_deref())?);
            if as_json {
                json(&report)?;
            } else {
                out(&app::render_findings(&report))?;
            }
            Ok(app::review_exit_code(&report))
        }
        Command::Export {
            enterprise,
            out: to,
        } => {
            let list = app::list_of(db, None)?;
            written(app::run_export(&list, enterprise.as_deref(), &to)?)
        }
        Command::Note { out: to } => written(app::run_note(&app::list_of(db, None)?, &to)?),
        Command::Plan { code, out: to } => {
            written(app::run_plan(&app::list_of(db, None)?, &code, &to)?)
        }
        Command::Board { site, all, args } => {
            let target = board_target(site, all, args);
            written(app::run_board(&app::list_of(db, None)?, &target)?)
        }
        Command::Episode { action } => episode::episode(db, action),
        Command::Notify(args) => episode::notify(db, args),
        Command::Ack(args) => episode::ack(db, args),
        Command::Inspect { action } => episode::inspect(db, action),
        Command::Power { action } => episode::power(db, action),
        Command::Report { action } => episode::report(db, action),
        Command::Baseline {
            action:
                BaselineAction::Set {
                    so2,
                    nox,
                    pm,
                    vocs,
                    unit,
                },
        } => {
            let unit = match unit {
                Unit::PerYear => BaselineUnit::PerYear,
                Unit::PerDay => BaselineUnit::PerDay,
            };
            let mut store = app::open_store(db)?;
            let amounts = Amounts { so2, nox, pm, vocs };
            app::set_baseline(&mut store, amounts, unit)?;
            let label = if unit == BaselineUnit::PerYear {
                "t/a"
            } else {
                "t/d"
            };
            out(&format!(
                "已设置全社会排放量（{label}）：SO2 {so2}  NOx {nox}  PM {pm}  VOCs {vocs}\n"
            ))?;
            Ok(app::EXIT_OK)
        }
    }
}

fn import(
    db: Option<PathBuf>,
    file: PathBuf,
    dry_run: bool,
    as_json: bool,
    replace: bool,
) -> Result<i32, AppError> {
    let mut outcome = ImportOutcome::read(&file);
    let mut code = outcome.exit_code();
    if code == app::EXIT_OK && !dry_run {
        let mode = if replace {
            ImportMode::Replace
        } else {
            ImportMode::Merge
        };
        if let Err(e) = app::open_store(db).and_then(|mut store| outcome.write(&mut store, mode)) {
            if !as_json {
                return Err(e);
            }
            code = e.exit_code();
            outcome
                .errors
                .push(jianpai::model::Diagnostic::general(e.to_string()));
        }
    }
    if as_json {
        json(&outcome)?;
    } else if code == app::EXIT_OK {
        out(&app::render_import(&outcome, dry_run))?;
    } else {
        eprint!("{}", app::render_import(&outcome, dry_run));
    }
    Ok(code)
}

/// `board CODE OUT` | `board --site NAME OUT` | `board --all DIR`; anything else is a usage
/// error (exit 2) reported by clap.
fn board_target(site: Option<String>, all: Option<PathBuf>, args: Vec<String>) -> BoardTarget {
    let usage = |msg: &str| -> ! {
        Cli::command()
            .error(clap::error::ErrorKind::WrongNumberOfValues, msg)
            .exit()
    };
    match (site, all, args.as_slice()) {
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
    }
}

fn written(w: app::Written) -> Result<i32, AppError> {
    out(&app::render_written(&w))?;
    Ok(app::EXIT_OK)
}
