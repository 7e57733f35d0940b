//! `filing`: the 备案 state of each enterprise's plan, and the review warning for plans not
//! filed by the deadline (`docs/revision.md`).

use std::fmt::Write;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::error::AppError;
use rust_xlsxwriter::{Format, FormatBorder, Workbook};

use crate::export::ExportError;
use crate::model::{Filings, List};
use crate::review::{Finding, Severity};
use crate::store::{Filing, FilingState, Store};

/// The rule id of the review warning about plans not filed by the deadline.
pub const PLAN_NOT_FILED: &str = "plan-not-filed";

/// One enterprise's filing, as `filing --json` lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FilingRow {
    /// 所属区县.
    pub county: String,
    /// 统一社会信用代码 (empty where none).
    pub code: String,
    /// 企业名称.
    pub name: String,
    /// 未提交 / 已提交 / 已备案.
    pub state: FilingState,
    /// Date of the last step, `YYYY-MM-DD`.
    pub date: Option<NaiveDate>,
    /// 备案文号.
    pub number: String,
}

/// `filing --json`: the deadline and every listed enterprise's filing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FilingReport {
    /// Plans must be filed by this date; `null` where none is set.
    pub deadline: Option<NaiveDate>,
    /// Every enterprise of the list, in list order.
    pub enterprises: Vec<FilingRow>,
}

fn by_key(filings: Vec<Filing>) -> Filings {
    filings
        .into_iter()
        .map(|f| (f.enterprise.clone(), f))
        .collect()
}

/// The store's filing records by enterprise key, as the submission export takes them.
///
/// # Errors
/// [`AppError::Store`] when the store cannot be read.
pub fn stored_filings(store: &Store) -> Result<Filings, AppError> {
    Ok(by_key(store.filings()?))
}

/// Sets the filing of the enterprise with credit code (or name) `who`.
///
/// # Errors
/// [`AppError::Export`] with [`ExportError::UnknownEnterprise`] (exit 65) when the list has
/// no such enterprise; [`AppError::Store`] when the store cannot be read or written.
pub fn set_filing(
    store: &mut Store,
    who: &str,
    state: FilingState,
    date: Option<NaiveDate>,
    number: &str,
) -> Result<FilingRow, AppError> {
    let list = store.load()?;
    let who = who.trim();
    let code = crate::model::normalise_code(who);
    let e = list
        .enterprises
        .iter()
        .find(|e| !e.code.is_empty() && e.code == code)
        .or_else(|| list.enterprises.iter().find(|e| e.name.trim() == who))
        .ok_or_else(|| ExportError::UnknownEnterprise {
            code: who.to_string(),
        })?;
    let filing = Filing {
        enterprise: e.key(),
        state,
        date,
        number: number.trim().to_string(),
    };
    store.set_filing(&filing)?;
    Ok(FilingRow {
        county: e.county.clone(),
        code: e.code.clone(),
        name: e.name.clone(),
        state,
        date,
        number: filing.number,
    })
}

/// Every listed enterprise's filing and the deadline.
///
/// # Errors
/// [`AppError::Store`] when the store cannot be read.
pub fn run_filing(store: &Store) -> Result<FilingReport, AppError> {
    let list = store.load()?;
    let filings = by_key(store.filings()?);
    let enterprises = list
        .enterprises
        .iter()
        .map(|e| {
            let f = filings.get(&e.key()).cloned().unwrap_or_default();
            FilingRow {
                county: e.county.clone(),
                code: e.code.clone(),
                name: e.name.clone(),
                state: f.state,
                date: f.date,
                number: f.number,
            }
        })
        .collect();
    Ok(FilingReport {
        deadline: store.filing_deadline()?,
        enterprises,
    })
}

/// The `plan-not-filed` warnings: with a deadline set, every enterprise still on the list
/// (not shut down) whose plan is not 已备案, or was filed after the deadline.
pub fn filing_findings(
    list: &List,
    filings: Vec<Filing>,
    deadline: Option<NaiveDate>,
) -> Vec<Finding> {
    let Some(deadline) = deadline else {
        return Vec::new();
    };
    let filings = by_key(filings);
    let mut out = Vec::new();
    for e in list.enterprises.iter().filter(|e| !e.shut_down) {
        let f = filings.get(&e.key()).cloned().unwrap_or_default();
        let on_time = f.state == FilingState::Filed && f.date.is_none_or(|d| d <= deadline);
        if on_time {
            continue;
        }
        let now = match (f.state, f.date) {
            (FilingState::Filed, Some(d)) => format!("{d} 才备案"),
            (state, Some(d)) => format!("{}（{d}）", state.name_zh()),
            (state, None) => state.name_zh().to_string(),
        };
        let who = if e.code.is_empty() { &e.name } else { &e.code };
        out.push(Finding {
            rule: PLAN_NOT_FILED.into(),
            severity: Severity::Warning,
            sheet: e.origin.as_ref().map(|o| o.sheet.clone()),
            row: e.origin.as_ref().map(|o| o.row),
            enterprise: Some(e.name.clone()),
            code: (!e.code.is_empty()).then(|| e.code.clone()),
            message: format!(
                "“{}”的一厂一策应急响应操作方案应在 {deadline} 前备案，目前为{now}。请督促企业报送，备案后运行 jianpai filing set {who} --state 已备案 --date 日期 --number 文号 登记",
                e.name
            ),
            status: None,
        });
    }
    out
}

/// The filing list as text.
pub fn render_filing(r: &FilingReport) -> String {
    let mut out = String::new();
    match r.deadline {
        Some(d) => {
            let _ = writeln!(out, "一厂一策备案截止日期：{d}");
        }
        None => out.push_str("未设置备案截止日期（jianpai filing deadline 日期）\n"),
    }
    for e in &r.enterprises {
        let date = e.date.map(|d| d.to_string()).unwrap_or_default();
        let _ = writeln!(
            out,
            "  {} {}  {} {} {}",
            e.name,
            e.code,
            e.state.name_zh(),
            date,
            e.number
        );
    }
    out
}

/// Writes the filing report as a workbook (`filing --export`): one row per enterprise with
/// 所属区县, 企业名称, 统一社会信用代码, 备案状态, 日期 and 备案文号, the deadline in the title.
///
/// # Errors
/// [`AppError::Export`] when the workbook cannot be written.
pub fn export_filing(r: &FilingReport, path: &Path) -> Result<(), AppError> {
    let err = |source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("一厂一策备案情况").map_err(err)?;
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color("D9E1F2");
    let cell = Format::new().set_border(FormatBorder::Thin);
    let title = match r.deadline {
        Some(d) => format!("一厂一策应急响应操作方案备案情况（备案截止日期 {d}）"),
        None => "一厂一策应急响应操作方案备案情况".to_string(),
    };
    ws.write_string(0, 0, &title).map_err(err)?;
    let header = [
        ("序号", 6.0),
        ("所属区县", 12.0),
        ("企业名称", 32.0),
        ("统一社会信用代码", 21.0),
        ("备案状态", 10.0),
        ("日期", 12.0),
        ("备案文号", 24.0),
    ];
    for (c, (h, w)) in header.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, *h, &head)
            .map_err(err)?;
        ws.set_column_width(c as u16, *w).map_err(err)?;
    }
    for (i, e) in r.enterprises.iter().enumerate() {
        let row = 2 + i as u32;
        let values = [
            (i + 1).to_string(),
            e.county.clone(),
            e.name.clone(),
            e.code.clone(),
            e.state.name_zh().to_string(),
            e.date.map(|d| d.to_string()).unwrap_or_default(),
            e.number.clone(),
        ];
        for (c, v) in values.iter().enumerate() {
            ws.write_string_with_format(row, c as u16, v, &cell)
                .map_err(err)?;
        }
    }
    crate::files::write_atomic_with(path, |w| wb.save_to_writer(w)).map_err(err)?;
    Ok(())
}
