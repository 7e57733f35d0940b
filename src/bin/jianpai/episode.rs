//! The episode's commands (`docs/episode.md`): `episode`, `notify`, `ack`, `inspect`, `power`
//! and `report`. Parsing and printing only; the work is [`jianpai::app::episode`].

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use jianpai::app::episode::{self as ep, RecordArgs, StartArgs, Target};
use jianpai::app::{self, AppError};
use jianpai::model::Level;

use super::{json, out};

/// A warning level on the command line.
#[derive(Clone, Copy, ValueEnum)]
pub enum LevelArg {
    /// 黄色预警
    #[value(alias = "黄色")]
    Yellow,
    /// 橙色预警
    #[value(alias = "橙色")]
    Orange,
    /// 红色预警
    #[value(alias = "红色")]
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

/// `jianpai episode …`
#[derive(Subcommand)]
pub enum EpisodeAction {
    /// 启动预警：开启应急响应过程并按当前清单发出通知
    Start {
        /// 预警级别：yellow/orange/red（黄色/橙色/红色）
        #[arg(long)]
        level: LevelArg,
        /// 启动时间 YYYY-MM-DD HH:MM
        #[arg(long)]
        at: String,
        /// 文号
        #[arg(long, default_value = "")]
        doc: String,
        /// 发布机关
        #[arg(long, default_value = "")]
        issuer: String,
        /// 主要污染物
        #[arg(long, default_value = "")]
        pollutant: String,
        /// 预计解除时间
        #[arg(long)]
        until: Option<String>,
    },
    /// 调整预警级别并发出新一轮通知
    Adjust {
        /// 新级别
        #[arg(long)]
        level: LevelArg,
        /// 调整时间
        #[arg(long)]
        at: String,
        /// 文号
        #[arg(long, default_value = "")]
        doc: String,
    },
    /// 解除预警
    End {
        /// 解除时间
        #[arg(long)]
        at: String,
    },
    /// 查看进行中（否则最近一次）的应急响应过程
    Show {
        /// 过程编号
        id: Option<i64>,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 应急响应设置：不带选项时显示；带选项时修改（从下一轮通知、计划、核查、报告起生效）
    Settings(SettingsArgs),
}

/// `jianpai episode settings [--notify-hours H] [--quota N] …`
#[derive(Args)]
pub struct SettingsArgs {
    /// 通知回复时限（小时，默认 3）
    #[arg(long, value_name = "H")]
    notify_hours: Option<f64>,
    /// 每日抽查家数（默认 5）
    #[arg(long, value_name = "N")]
    quota: Option<usize>,
    /// 停产企业保安用电比例 k（如 10% 或 0.1）
    #[arg(long, value_name = "P", value_parser = share)]
    standby: Option<f64>,
    /// 用电量超限容差（如 10% 或 0.1）
    #[arg(long, value_name = "P", value_parser = share)]
    tolerance: Option<f64>,
    /// 每日信息次日报送时间 HH:MM（默认 08:30）
    #[arg(long, value_name = "HH:MM")]
    report_due: Option<String>,
    /// 总结评估报告在解除后几天内报送（默认 5）
    #[arg(long, value_name = "N")]
    evaluation_days: Option<u32>,
    /// 以 JSON 输出
    #[arg(long)]
    json: bool,
}

/// A share written `10%` or `0.1`.
fn share(text: &str) -> Result<f64, String> {
    let t = text.trim();
    let (number, scale) = match t.strip_suffix('%') {
        Some(n) => (n.trim(), 100.0),
        None => (t, 1.0),
    };
    number
        .parse::<f64>()
        .map(|v| v / scale)
        .map_err(|_| format!("“{text}”不是比例，请写成 10% 或 0.1"))
}

/// `jianpai notify OUT.xlsx | --docx DIR`
#[derive(Args)]
pub struct NotifyArgs {
    /// 通知工作簿（.xlsx）
    #[arg(required_unless_present = "docx", conflicts_with = "docx")]
    out: Option<PathBuf>,
    /// 按乡镇生成 Word 通知，写入该目录
    #[arg(long, value_name = "DIR")]
    docx: Option<PathBuf>,
}

/// `jianpai ack CODE | --site NAME --at T [--by NAME]` | `ack --file FILE`
#[derive(Args)]
pub struct AckArgs {
    /// 企业统一社会信用代码（或名称）
    #[arg(conflicts_with_all = ["site", "file"], required_unless_present_any = ["site", "file"])]
    code: Option<String>,
    /// 施工工地项目名称
    #[arg(long, conflicts_with = "file")]
    site: Option<String>,
    /// 确认时间
    #[arg(long, required_unless_present = "file")]
    at: Option<String>,
    /// 确认人
    #[arg(long, default_value = "")]
    by: String,
    /// 填好“确认时间”的回执通知工作簿
    #[arg(long, value_name = "FILE")]
    file: Option<PathBuf>,
}

/// `jianpai inspect …`
#[derive(Subcommand)]
pub enum InspectAction {
    /// 当日抽查计划
    Plan {
        /// 日期 YYYY-MM-DD（默认今天）
        #[arg(long)]
        date: Option<String>,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 记录一次检查
    Record(Box<RecordCli>),
}

/// `jianpai inspect record …`
#[derive(Args)]
pub struct RecordCli {
    /// 企业统一社会信用代码（或名称）
    #[arg(required_unless_present = "site", conflicts_with = "site")]
    code: Option<String>,
    /// 施工工地项目名称
    #[arg(long)]
    site: Option<String>,
    /// 检查时间
    #[arg(long)]
    at: String,
    /// 结果：落实 / 部分落实 / 未落实 / 停产核实
    #[arg(long)]
    result: String,
    /// 检查人员
    #[arg(long, default_value = "")]
    by: String,
    /// 现场情况
    #[arg(long, default_value = "")]
    seen: String,
    /// 电表读数（kWh）
    #[arg(long)]
    reading: Option<f64>,
    /// 照片（可多次）
    #[arg(long)]
    photo: Vec<PathBuf>,
    /// 发现的问题
    #[arg(long, default_value = "")]
    problem: String,
    /// 整改要求
    #[arg(long, default_value = "")]
    rectify: String,
    /// 更正的记录编号
    #[arg(long)]
    corrects: Option<i64>,
    /// 以 JSON 输出
    #[arg(long)]
    json: bool,
}

/// `jianpai power import FILE`
#[derive(Subcommand)]
pub enum PowerAction {
    /// 导入用电量数据（长表或宽表），全部无误才写入
    Import {
        /// 用电量工作簿
        file: PathBuf,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
}

/// `jianpai report …`
#[derive(Subcommand)]
pub enum ReportAction {
    /// 每日应急处置工作信息
    Daily {
        /// 输出文件（.docx）；用 --json 时可省略
        #[arg(required_unless_present = "json")]
        out: Option<PathBuf>,
        /// 日期（默认今天）
        #[arg(long)]
        date: Option<String>,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 总结评估报告
    Evaluation {
        /// 输出文件（.docx）；用 --json 时可省略
        #[arg(required_unless_present = "json")]
        out: Option<PathBuf>,
        /// 过程编号（默认最近一次）
        id: Option<i64>,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
}

fn written(files: &[PathBuf]) -> Result<i32, AppError> {
    for f in files {
        out(&format!("已生成 {}\n", f.display()))?;
    }
    Ok(app::EXIT_OK)
}

fn print_summary(s: &ep::EpisodeSummary) -> Result<(), AppError> {
    let mut text = format!("应急响应过程 {}", s.id);
    if !s.issuer.is_empty() || !s.doc.is_empty() {
        text.push_str(&format!("（{} {}）", s.issuer, s.doc));
    }
    text.push('\n');
    for l in &s.levels {
        text.push_str(&format!("  {} 起 {}\n", l.at, l.level.name_zh()));
    }
    match &s.ended_at {
        Some(t) => text.push_str(&format!("  {t} 解除\n")),
        None => text.push_str("  进行中\n"),
    }
    text.push_str(&format!(
        "通知：发出 {}，已确认 {}，超时 {}\n检查：{} 家次",
        s.notices.issued, s.notices.confirmed, s.notices.overdue, s.inspections.total
    ));
    for (k, v) in &s.inspections.by_result {
        text.push_str(&format!("，{k} {v}"));
    }
    text.push('\n');
    for f in &s.flags {
        text.push_str(&format!(
            "用电超限：{} {} 用电 {:.2} kWh，上限 {:.2} kWh\n",
            f.date, f.name, f.use_kwh, f.cap
        ));
    }
    out(&text)
}

/// `episode …`
pub fn episode(db: Option<PathBuf>, action: EpisodeAction) -> Result<i32, AppError> {
    let mut store = app::open_existing_store(db)?;
    let episode = match action {
        EpisodeAction::Start {
            level,
            at,
            doc,
            issuer,
            pollutant,
            until,
        } => {
            let args = StartArgs {
                at,
                doc_no: doc,
                issuer,
                pollutant,
                until,
            };
            ep::start_episode(&mut store, level.into(), &args)?
        }
        EpisodeAction::Adjust { level, at, doc } => {
            ep::adjust_episode(&mut store, level.into(), &at, &doc)?
        }
        EpisodeAction::End { at } => ep::end_episode(&mut store, &at)?,
        EpisodeAction::Show { id, json: as_json } => {
            let s = ep::show_episode(&store, id)?;
            if as_json {
                json(&s)?;
            } else {
                print_summary(&s)?;
            }
            return Ok(app::EXIT_OK);
        }
        EpisodeAction::Settings(args) => return settings(&mut store, args),
    };
    let s = ep::show_episode(&store, Some(episode.id))?;
    print_summary(&s)?;
    Ok(app::EXIT_OK)
}

/// `episode settings`: shows, or changes what is given and shows the result.
fn settings(store: &mut jianpai::store::Store, args: SettingsArgs) -> Result<i32, AppError> {
    let mut s = ep::episode_settings(store)?;
    let before = s.clone();
    if let Some(v) = args.notify_hours {
        s.notify_window_hours = v;
    }
    if let Some(v) = args.quota {
        s.daily_quota = v;
    }
    if let Some(v) = args.standby {
        s.standby_load = v;
    }
    if let Some(v) = args.tolerance {
        s.power_tolerance = v;
    }
    if let Some(v) = args.report_due {
        s.daily_report_due = v;
    }
    if let Some(v) = args.evaluation_days {
        s.evaluation_due_days = v;
    }
    if s != before {
        s = ep::set_episode_settings(store, &s)?;
    }
    if args.json {
        return json(&s).map(|()| app::EXIT_OK);
    }
    out(&format!(
        "通知回复时限 {:.2} 小时\n每日抽查 {} 家\n停产企业保安用电比例 {:.2}%\n用电量超限容差 {:.2}%\n\
         每日信息次日 {} 前报送\n总结评估报告解除后 {} 天内报送\n",
        s.notify_window_hours,
        s.daily_quota,
        s.standby_load * 100.0,
        s.power_tolerance * 100.0,
        s.daily_report_due,
        s.evaluation_due_days
    ))?;
    Ok(app::EXIT_OK)
}

/// `notify …`
pub fn notify(db: Option<PathBuf>, args: NotifyArgs) -> Result<i32, AppError> {
    let mut store = app::open_existing_store(db)?;
    match (args.out, args.docx) {
        (_, Some(dir)) => written(&ep::notify_docx(&mut store, &dir)?),
        (Some(file), None) => {
            let n = ep::notify_workbook(&mut store, &file)?;
            out(&format!("已生成 {}（{n} 份通知）\n", file.display()))?;
            Ok(app::EXIT_OK)
        }
        (None, None) => unreachable!("clap requires OUT or --docx"),
    }
}

/// `ack …`
pub fn ack(db: Option<PathBuf>, args: AckArgs) -> Result<i32, AppError> {
    let mut store = app::open_existing_store(db)?;
    if let Some(file) = args.file {
        let n = ep::ack_file(&mut store, &file)?;
        out(&format!("已记录 {n} 份确认\n"))?;
        return Ok(app::EXIT_OK);
    }
    let target = match (args.code, args.site) {
        (_, Some(site)) => Target::Site(site),
        (Some(code), None) => Target::Enterprise(code),
        (None, None) => unreachable!("clap requires CODE or --site"),
    };
    let at = args.at.unwrap_or_default();
    let n = ep::ack(&mut store, &target, &at, &args.by)?;
    out(&format!(
        "已确认：{}（通知编号 {}，{}）\n",
        n.name,
        n.id,
        jianpai::episode::NoticeState::name_zh(n.state)
    ))?;
    Ok(app::EXIT_OK)
}

/// `inspect …`
pub fn inspect(db: Option<PathBuf>, action: InspectAction) -> Result<i32, AppError> {
    let mut store = app::open_existing_store(db)?;
    match action {
        InspectAction::Plan {
            date,
            json: as_json,
        } => {
            let plan = ep::inspect_plan(&store, date.as_deref())?;
            if as_json {
                json(&plan)?;
            } else {
                let mut text = format!("{} 抽查计划（{}）\n", plan.date, plan.level.name_zh());
                for (i, e) in plan.entries.iter().enumerate() {
                    text.push_str(&format!(
                        "{:>2}. {} {}  {}（限产减排量 {:.4} t/d）\n",
                        i + 1,
                        e.name,
                        e.code,
                        e.reason.name_zh(),
                        e.score
                    ));
                }
                out(&text)?;
            }
        }
        InspectAction::Record(record) => {
            let RecordCli {
                code,
                site,
                at,
                result,
                by,
                seen,
                reading,
                photo,
                problem,
                rectify,
                corrects,
                json: as_json,
            } = *record;
            let target = match (code, site) {
                (_, Some(site)) => Target::Site(site),
                (Some(code), None) => Target::Enterprise(code),
                (None, None) => unreachable!("clap requires CODE or --site"),
            };
            let args = RecordArgs {
                at,
                result,
                by,
                seen,
                reading,
                photos: photo,
                problem,
                rectification: rectify,
                corrects,
            };
            let r = ep::inspect_record(&mut store, &target, &args)?;
            if as_json {
                json(&r)?;
            } else {
                out(&format!(
                    "已记录检查 {}：{} {} {}\n",
                    r.id, r.at, r.name, r.result
                ))?;
            }
        }
    }
    Ok(app::EXIT_OK)
}

/// `power import …`
pub fn power(db: Option<PathBuf>, action: PowerAction) -> Result<i32, AppError> {
    let PowerAction::Import {
        file,
        json: as_json,
    } = action;
    let mut store = app::open_existing_store(db)?;
    let r = ep::power_import(&mut store, &file)?;
    if as_json {
        json(&r)?;
    } else {
        let mut text = format!(
            "已写入 {} 条日用电量（{} 天），核查企业 {} 家，超限 {} 天次，无法核查 {} 家，未匹配 {} 行\n",
            r.written,
            r.days,
            r.judged,
            r.flagged.len(),
            r.no_normal.len(),
            r.unmatched
        );
        for f in &r.flagged {
            text.push_str(&format!(
                "  {} {} 用电 {:.2} kWh，上限 {:.2} kWh\n",
                f.date, f.name, f.use_kwh, f.cap
            ));
        }
        out(&text)?;
        for w in &r.warnings {
            eprintln!(
                "警告：{} 第{}行：{}",
                w.sheet.as_deref().unwrap_or(""),
                w.row.unwrap_or(0),
                w.message
            );
        }
    }
    Ok(app::EXIT_OK)
}

/// `report …`
pub fn report(db: Option<PathBuf>, action: ReportAction) -> Result<i32, AppError> {
    let store = app::open_existing_store(db)?;
    match action {
        ReportAction::Daily {
            out: file,
            date,
            json: as_json,
        } => {
            let r = ep::report_daily(&store, date.as_deref(), file.as_deref())?;
            if as_json {
                json(&r)?;
            } else if let Some(f) = file {
                written(&[f])?;
            }
        }
        ReportAction::Evaluation {
            out: file,
            id,
            json: as_json,
        } => {
            let r = ep::report_evaluation(&store, id, file.as_deref())?;
            if as_json {
                json(&r)?;
            } else if let Some(f) = file {
                written(&[f])?;
            }
        }
    }
    Ok(app::EXIT_OK)
}
