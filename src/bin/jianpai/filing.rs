//! `jianpai filing`: the 备案 state of each enterprise's plan.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use jianpai::app::{self, AppError};
use jianpai::store::FilingState;

/// `filing [--json | --export FILE]`, `filing set CODE --state S [--date D] [--number N]`,
/// `filing deadline DATE | --clear`.
#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct FilingArgs {
    /// 以 JSON 输出
    #[arg(long)]
    json: bool,
    /// 导出备案情况工作簿（.xlsx）
    #[arg(long, value_name = "FILE")]
    export: Option<PathBuf>,
    #[command(subcommand)]
    action: Option<FilingAction>,
}

#[derive(Subcommand)]
enum FilingAction {
    /// 登记一家企业一厂一策的备案状态
    Set {
        /// 企业统一社会信用代码（或名称）
        code: String,
        /// 未提交、已提交或已备案
        #[arg(long, value_parser = state)]
        state: FilingState,
        /// 日期（YYYY-MM-DD）
        #[arg(long)]
        date: Option<NaiveDate>,
        /// 备案文号
        #[arg(long, default_value = "")]
        number: String,
    },
    /// 设置备案截止日期：审核时对逾期未备案的企业给出提醒
    Deadline {
        /// 截止日期（YYYY-MM-DD）
        #[arg(required_unless_present = "clear")]
        date: Option<NaiveDate>,
        /// 取消截止日期
        #[arg(long, conflicts_with = "date")]
        clear: bool,
    },
}

fn state(text: &str) -> Result<FilingState, String> {
    FilingState::parse(text)
        .ok_or_else(|| format!("“{text}”不是备案状态：请写 未提交、已提交 或 已备案"))
}

pub fn run(db: Option<PathBuf>, args: FilingArgs) -> Result<i32, AppError> {
    let mut store = app::open_existing_store(db)?;
    match args.action {
        None => {
            let report = app::run_filing(&store)?;
            if let Some(path) = &args.export {
                app::export_filing(&report, path)?;
                super::out(&format!("已生成：{}\n", path.display()))?;
            } else if args.json {
                super::json(&report)?;
            } else {
                super::out(&app::render_filing(&report))?;
            }
        }
        Some(FilingAction::Set {
            code,
            state,
            date,
            number,
        }) => {
            let row = app::set_filing(&mut store, &code, state, date, &number)?;
            super::out(&format!(
                "已登记：{}（{}）{}\n",
                row.name,
                row.code,
                row.state.name_zh()
            ))?;
        }
        Some(FilingAction::Deadline { date, .. }) => {
            store.set_filing_deadline(date)?;
            match date {
                Some(d) => super::out(&format!("备案截止日期已设为 {d}\n"))?,
                None => super::out("已取消备案截止日期\n")?,
            }
        }
    }
    Ok(app::EXIT_OK)
}
