//! The `jianpai` command-line program (`docs/cli.md`): argument parsing and printing only; the
//! work is done by [`jianpai::app`].

mod allocator;
mod backup;
mod documents;
mod episode;
mod filing;
mod history;
mod revision;
mod rules;
mod settings;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use jianpai::app::{self, AppError, ImportOutcome};
use jianpai::model::{Amounts, BaselineUnit};
use jianpai::review::Rules;
use jianpai::store::ImportMode;

/// 重污染天气应急减排清单：导入、测算、审核、导出与文书生成。
#[derive(Parser)]
#[command(name = "jianpai", version)]
struct Cli {
    // JIANPAI_DB is read by the core (`store::resolve_db_path`), not by clap's `env`, so that
    // an empty value counts as unset instead of an empty path.
    /// 清单数据文件（默认：环境变量 JIANPAI_DB，否则系统数据目录下 jianpai/list.sqlite）
    #[arg(long, global = true, value_name = "PATH")]
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
    /// 生成测算说明（Word 文档）；note set 写明未达标原因与申请的减排比例
    Note(documents::NoteArgs),
    /// 审核清单，列出问题（规则、严重程度、位置、修改建议）
    Review {
        /// 清单工作簿（可选）
        file: Option<PathBuf>,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
        /// 按区县各生成一份审核意见表（.xlsx）写入该目录，并记下已下发的意见
        #[arg(long, value_name = "DIR", conflicts_with = "file")]
        export_by_county: Option<PathBuf>,
    },
    /// 生成企业“一厂一策”应急响应操作方案：plan CODE OUT.docx | plan --all DIR
    Plan(documents::PlanArgs),
    /// 生成公示牌：board CODE OUT.docx | board --site NAME OUT.docx | board --all DIR
    Board(documents::BoardArgs),
    /// 审核规则及其设置：列出；rules set RULE KEY VALUE 修改；rules reset 恢复默认
    Rules {
        #[command(subcommand)]
        action: Option<rules::RulesAction>,
        /// 以 JSON 输出
        #[arg(long, global = true)]
        json: bool,
    },
    /// 清单快照：列出、保存（history save --note 说明）、恢复（history restore 编号）
    History(history::HistoryArgs),
    /// 对比两份清单（工作簿或快照编号；不给 NEW 时与当前清单对比），可生成修订说明
    Diff(revision::DiffArgs),
    /// 与排污许可、污染源普查或工商注册名录比对，列出应纳入而未纳入清单的企业
    Coverage(revision::CoverageArgs),
    /// 一厂一策备案：列出、登记（filing set 代码 --state 已备案）、截止日期（filing deadline 日期）
    Filing(filing::FilingArgs),
    /// 设置（排放量上限、保留备份个数）：列出；settings set KEY VALUE 修改；settings reset 恢复默认
    Settings {
        #[command(subcommand)]
        action: Option<settings::SettingsAction>,
        /// 以 JSON 输出
        #[arg(long, global = true)]
        json: bool,
    },
    /// 数据文件的备份：list 列出，restore 恢复
    Backup {
        #[command(subcommand)]
        action: backup::BackupAction,
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
    allocator::tune();
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
            export_by_county: Some(dir),
            ..
        } => written(app::export_review_by_county(
            &mut app::open_existing_store(db)?,
            &dir,
        )?),
        Command::Review {
            file,
            json: as_json,
            export_by_county: None,
        } => {
            // A workbook reviewed on its own is judged by the built-in rules; the store's
            // list by the settings stored with it, and its findings are tracked per county.
            let report = match file.as_deref() {
                Some(f) => app::run_review(&app::list_of(None, Some(f))?, &Rules::builtin()),
                None => app::run_review_tracked(&app::open_existing_store(db)?)?,
            };
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
            let mut store = app::open_existing_store(db)?;
            let (list, requests) = (store.load()?, store.note_requests()?);
            let filings = app::stored_filings(&store)?;
            let done = app::run_export(&list, &requests, &filings, enterprise.as_deref(), &to)?;
            if enterprise.is_none() {
                app::record_submission(&mut store, &to)?;
            }
            written(done)
        }
        Command::Rules {
            action,
            json: as_json,
        } => rules::run(db, action, as_json),
        Command::Note(args) => documents::note(db, args),
        Command::Plan(args) => documents::plan(db, args),
        Command::Board(args) => documents::board(db, args),
        Command::History(args) => history::run(db, args),
        Command::Filing(args) => filing::run(db, args),
        Command::Diff(args) => revision::diff(db, args),
        Command::Coverage(args) => revision::coverage(db, args),
        Command::Settings {
            action,
            json: as_json,
        } => settings::run(db, action, as_json),
        Command::Backup { action } => backup::run(db, action),
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
    // The store's bound on emissions, also for a dry run; the defaults before the first import.
    let mut outcome = match app::preferences_at(db.clone()) {
        Ok(prefs) => ImportOutcome::read(&file, &prefs.limits()),
        Err(e) if as_json => ImportOutcome::failed(&file, &e),
        Err(e) => return Err(e),
    };
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
    // The process ends next and the system takes its memory back whole: freeing a
    // 60,000-line list piece by piece first would cost a fiftieth of the import.
    std::mem::forget(outcome);
    Ok(code)
}

fn written(w: app::Written) -> Result<i32, AppError> {
    out(&app::render_written(&w))?;
    Ok(app::EXIT_OK)
}
