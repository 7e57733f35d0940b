//! `jianpai diff` and `jianpai coverage`: the yearly revision's comparisons.

use std::path::PathBuf;

use clap::Args;
use jianpai::app::{self, AppError, DiffSide};

/// `diff OLD [NEW] [--json] [--docx 修订说明.docx] [--tolerance PCT]`.
#[derive(Args)]
pub struct DiffArgs {
    /// 修订前：清单工作簿或快照编号
    old: String,
    /// 修订后：清单工作簿或快照编号（默认：当前清单）
    new: Option<String>,
    /// 以 JSON 输出
    #[arg(long)]
    json: bool,
    /// 同时生成修订说明（Word 文档）
    #[arg(long, value_name = "修订说明.docx")]
    docx: Option<PathBuf>,
    /// 排放量变化超过该百分数才列出（默认：数据文件中的设置，初始 5）
    #[arg(long, value_name = "PCT")]
    tolerance: Option<f64>,
    /// 把 --tolerance 保存为数据文件的设置
    #[arg(long, requires = "tolerance")]
    save_tolerance: bool,
}

pub fn diff(db: Option<PathBuf>, args: DiffArgs) -> Result<i32, AppError> {
    let tolerance = args.tolerance.map(|pct| pct / 100.0);
    if let (true, Some(t)) = (args.save_tolerance, tolerance) {
        app::save_emission_tolerance(&mut app::open_existing_store(db.clone())?, t)?;
    }
    let old = DiffSide::parse(&args.old);
    let new = args.new.as_deref().map_or(DiffSide::Store, DiffSide::parse);
    let outcome = app::run_diff(db, &old, &new, tolerance)?;
    if args.json {
        super::json(&outcome.diff)?;
    } else {
        super::out(&app::render_diff(&outcome.diff))?;
    }
    if let Some(path) = args.docx {
        let written = app::write_revision_note(&outcome, &path)?;
        let text = app::render_written(&written);
        if args.json {
            eprint!("{text}");
        } else {
            super::out(&text)?;
        }
    }
    Ok(app::EXIT_OK)
}

/// `coverage FILE [--json]`.
#[derive(Args)]
pub struct CoverageArgs {
    /// 排污许可、污染源普查或工商注册名录（.xlsx/.xls/.ods）
    file: PathBuf,
    /// 以 JSON 输出
    #[arg(long)]
    json: bool,
}

pub fn coverage(db: Option<PathBuf>, args: CoverageArgs) -> Result<i32, AppError> {
    let report = app::run_coverage(db, &args.file)?;
    if args.json {
        super::json(&report)?;
    } else {
        super::out(&app::render_coverage(&report))?;
    }
    Ok(app::EXIT_OK)
}
