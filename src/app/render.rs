//! Human-readable Chinese output of the commands: aligned tables and placed diagnostics.

use std::fmt::Write;

use super::documents::Written;
use super::error::AppError;
use super::import::ImportOutcome;
use super::width::{pad_left, pad_right};
use crate::model::{Diagnostic, Pollutant};
use crate::reduce::{Counts, LevelCheck, Report};
use crate::review::{FindingStatus, ReviewReport, Severity};

const MARK_PASS: &str = "✓";
const MARK_FAIL: &str = "✗";

fn mark(ok: bool) -> &'static str {
    if ok {
        MARK_PASS
    } else {
        MARK_FAIL
    }
}

use crate::model::numbers::{amount, percent};

/// "工业源清单 第7行 [年生产天数]" — where a diagnostic points, or "全表" for the whole file.
pub(super) fn place(d: &Diagnostic) -> String {
    let mut out = String::new();
    if let Some(sheet) = &d.sheet {
        out.push_str(sheet);
    }
    if let Some(row) = d.row {
        let _ = write!(out, " 第{row}行");
    }
    if let Some(column) = &d.column {
        let _ = write!(out, " [{column}]");
    }
    if out.is_empty() {
        out.push_str("整个文件");
    }
    out.trim().to_string()
}

fn diagnostics(out: &mut String, title: &str, list: &[Diagnostic]) {
    if list.is_empty() {
        return;
    }
    let _ = writeln!(out, "{title}（{} 条）：", list.len());
    for d in list {
        let _ = writeln!(out, "  - {}：{}", place(d), d.message);
    }
}

fn counts_line(c: &Counts) -> String {
    format!(
        "企业 {} 家，工业源 {} 条，扬尘源 {} 条，移动源 {} 条",
        c.enterprises, c.industrial_sources, c.dust_sources, c.mobile_sources
    )
}

/// The `check` table: per level each pollutant's reduction (t/d), ratio (two decimals),
/// target and ✓/✗, the SO2+NOx line (`trade`: whether the area allows the trade), the
/// shortfalls; then the verdict and every warning.
pub fn render_check(report: &Report, trade: bool) -> String {
    let mut out = String::new();
    let area = if report.area.is_empty() {
        "（未命名地区）"
    } else {
        report.area.as_str()
    };
    let _ = writeln!(out, "{area} 重污染天气应急减排测算");
    match &report.baseline {
        Some(b) => {
            let parts: Vec<String> = Pollutant::ALL
                .iter()
                .map(|p| format!("{} {}", p.symbol(), amount(*b.get(*p))))
                .collect();
            let _ = writeln!(out, "全社会日排放量（t/d）：{}", parts.join("  "));
        }
        None => {
            let _ = writeln!(out, "全社会排放量：未设置（无法计算减排比例）");
        }
    }
    let _ = writeln!(out, "清单：{}", counts_line(&report.counts));
    for level in &report.levels {
        out.push('\n');
        render_level(&mut out, level, trade);
    }
    render_counties(&mut out, report);
    out.push('\n');
    let failing_counties: Vec<String> = report
        .failing_counties()
        .iter()
        .map(|c| {
            let levels: Vec<&str> = c
                .levels
                .iter()
                .filter(|l| l.pass.is_some_and(|p| !p.level))
                .map(|l| l.level.name_zh())
                .collect();
            format!("{}（{}）", c.county, levels.join("、"))
        })
        .collect();
    let verdict = if report.all_pass() {
        format!("结论：{MARK_PASS} 三个预警级别均达到减排目标")
    } else {
        let mut failing: Vec<String> = report
            .levels
            .iter()
            .filter(|l| !l.pass.level)
            .map(|l| l.level.name_zh().to_string())
            .collect();
        failing.extend(failing_counties);
        format!("结论：{MARK_FAIL} 未达标：{}", failing.join("、"))
    };
    let _ = writeln!(out, "{verdict}");
    if !report.warnings.is_empty() {
        out.push('\n');
        diagnostics(&mut out, "警告", &report.warnings);
    }
    out
}

/// Counties with their own baseline: per level the ratios and mark, and what is missing.
fn render_counties(out: &mut String, report: &Report) {
    let own: Vec<_> = report
        .by_county
        .iter()
        .filter(|c| c.baseline.is_some())
        .collect();
    if own.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n分区县（按各区县自己的全社会排放量）");
    for c in own {
        for l in &c.levels {
            let (Some(ratio), Some(pass)) = (l.ratio, l.pass) else {
                continue;
            };
            let ratios: Vec<String> = Pollutant::ALL
                .iter()
                .map(|p| format!("{} {}", p.symbol(), percent(*ratio.get(*p))))
                .collect();
            let mut line = format!(
                "  {} {}：{}  {}",
                c.county,
                l.level.name_zh(),
                ratios.join("  "),
                mark(pass.level)
            );
            if let Some(s) = l.shortfall.filter(|_| !pass.level) {
                let gaps: Vec<String> = Pollutant::ALL
                    .iter()
                    .filter(|p| s.get(**p) > 0.0)
                    .map(|p| format!("{} {} t/d", p.symbol(), amount(s.get(*p))))
                    .collect();
                if !gaps.is_empty() {
                    line.push_str(&format!("（缺口：{}）", gaps.join("；")));
                }
            }
            let _ = writeln!(out, "{line}");
        }
    }
}

const WIDTHS: [usize; 5] = [8, 12, 10, 10, 6];

fn row(out: &mut String, cells: [&str; 5]) {
    let _ = writeln!(
        out,
        "  {}{}{}{}{}",
        pad_right(cells[0], WIDTHS[0]),
        pad_left(cells[1], WIDTHS[1]),
        pad_left(cells[2], WIDTHS[2]),
        pad_left(cells[3], WIDTHS[3]),
        pad_left(cells[4], WIDTHS[4]),
    );
}

fn render_level(out: &mut String, l: &LevelCheck, trade: bool) {
    let verdict = if l.pass.level {
        format!("{MARK_PASS} 达标")
    } else {
        format!("{MARK_FAIL} 未达标")
    };
    let _ = writeln!(
        out,
        "{}（目标 {}）  {verdict}",
        l.level.name_zh(),
        percent(l.target)
    );
    row(out, ["污染物", "减排量(t/d)", "减排比例", "目标", "结果"]);
    let target = percent(l.target);
    for p in Pollutant::ALL {
        let ratio = l.ratio.map(|r| *r.get(p));
        let ok = match p {
            Pollutant::So2 => l.pass.so2,
            Pollutant::Nox => l.pass.nox,
            Pollutant::Pm => l.pass.pm,
            Pollutant::Vocs => l.pass.vocs,
        };
        row(
            out,
            [
                p.symbol(),
                &amount(*l.reduction.get(p)),
                &ratio.map_or("—".to_string(), percent),
                &target,
                if ratio.is_some() { mark(ok) } else { "—" },
            ],
        );
    }
    let pair = l.ratio.map(|r| r.so2 + r.nox);
    let pair_text = match (pair, trade) {
        (Some(sum), true) => format!(
            "SO2+NOx 合计 {}，替代条件需 {}（SO2、NOx 可相互替代）  {}",
            percent(sum),
            percent(2.0 * l.target),
            mark(l.pass.so2_nox)
        ),
        (Some(_), false) => format!(
            "SO2、NOx 须各自达到 {}（未启用相互替代）  {}",
            percent(l.target),
            mark(l.pass.so2_nox)
        ),
        (None, _) => "SO2+NOx：无全社会排放量，无法判断".to_string(),
    };
    let _ = writeln!(out, "  {pair_text}");
    if let Some(s) = &l.shortfall {
        let mut gaps: Vec<String> = Pollutant::ALL
            .iter()
            .filter(|p| s.get(**p) > 0.0)
            .map(|p| format!("{} {} t/d", p.symbol(), amount(s.get(*p))))
            .collect();
        if s.so2_nox_points > 0.0 {
            gaps.push(format!(
                "SO2+NOx 还差 {} 个百分点",
                format_points(s.so2_nox_points)
            ));
        }
        if !gaps.is_empty() {
            let _ = writeln!(out, "  缺口：{}", gaps.join("；"));
        }
    }
}

fn format_points(fraction: f64) -> String {
    crate::model::numbers::points(fraction)
}

/// The `import` result: what was (or would be) written, or every error; then warnings.
pub fn render_import(o: &ImportOutcome, dry_run: bool) -> String {
    let mut out = String::new();
    if !o.errors.is_empty() {
        let _ = writeln!(
            out,
            "“{}”有 {} 处错误，未导入任何数据。请按下列位置改正后重新导入：",
            o.file,
            o.errors.len()
        );
        for d in &o.errors {
            let _ = writeln!(out, "  - {}：{}", place(d), d.message);
        }
    } else if o.written {
        let _ = writeln!(out, "已导入“{}”：{}", o.file, counts_line(&o.counts));
        if let Some(s) = &o.summary {
            let _ = writeln!(
                out,
                "  企业新增 {}、替换 {}；扬尘源新增 {}、替换 {}；移动源新增 {}、替换 {}；协同供暖新增 {}、替换 {}{}",
                s.enterprises_added,
                s.enterprises_replaced,
                s.sites_added,
                s.sites_replaced,
                s.fleets_added,
                s.fleets_replaced,
                s.heating_added,
                s.heating_replaced,
                if s.baseline_set { "；已更新全社会排放量" } else { "" }
            );
            if s.machinery_written > 0 {
                let _ = writeln!(out, "  非道路移动机械 {} 行", s.machinery_written);
            }
        }
    } else if dry_run {
        let _ = writeln!(
            out,
            "“{}”检查无误（试运行，未写入）：{}",
            o.file,
            counts_line(&o.counts)
        );
    }
    super::warnings::render_grouped(&mut out, "警告", &o.warnings);
    out
}

/// The `review` findings, one line each, errors first as the reviewer ordered them.
pub fn render_findings(report: &ReviewReport) -> String {
    let mut out = String::new();
    if report.findings.is_empty() {
        let _ = writeln!(out, "审核通过：未发现问题");
        return out;
    }
    let fixed = report
        .findings
        .iter()
        .filter(|f| f.status == Some(FindingStatus::Fixed))
        .count();
    let errors = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error && f.status != Some(FindingStatus::Fixed))
        .count();
    let open = report.findings.len() - fixed;
    let fixed_note = if fixed > 0 {
        format!("，另有 {fixed} 条已整改")
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "审核发现 {} 个问题（错误 {}，提醒 {}{fixed_note}）：",
        open,
        errors,
        open - errors
    );
    for f in &report.findings {
        let severity = match f.severity {
            Severity::Error => "错误",
            Severity::Warning => "提醒",
        };
        let mut at = String::new();
        if let Some(sheet) = &f.sheet {
            at.push_str(sheet);
        }
        if let Some(row) = f.row {
            let _ = write!(at, " 第{row}行");
        }
        if let Some(name) = &f.enterprise {
            let _ = write!(at, " {name}");
        }
        // A machine user that is no listed enterprise carries its own name as the code
        // (`nonroad-stage`): print it once.
        if let Some(code) = f
            .code
            .as_ref()
            .filter(|c| Some(*c) != f.enterprise.as_ref())
        {
            let _ = write!(at, "（{code}）");
        }
        let at = if at.trim().is_empty() {
            "全清单".to_string()
        } else {
            at.trim().to_string()
        };
        let status = match f.status {
            Some(FindingStatus::New) => "[新增]",
            Some(FindingStatus::Open) => "[未整改]",
            Some(FindingStatus::Fixed) => "[已整改]",
            None => "",
        };
        let _ = writeln!(out, "  [{severity}]{status} {} {at}：{}", f.rule, f.message);
    }
    out
}

/// An error for the terminal: its message and, for an invalid workbook, every error placed.
pub fn render_error(e: &AppError) -> String {
    let mut out = format!("错误：{e}\n");
    if let AppError::Invalid {
        errors, warnings, ..
    } = e
    {
        for d in errors {
            let _ = writeln!(out, "  - {}：{}", place(d), d.message);
        }
        diagnostics(&mut out, "警告", warnings);
    }
    // One refused value is the headline itself; several are each named below it.
    if let AppError::Refused(problems) = e {
        if problems.len() > 1 {
            for p in problems {
                let _ = writeln!(out, "  - {}", p.message);
            }
        }
    }
    out
}

/// The files a document command wrote and the fields still to complete.
pub fn render_written(w: &Written) -> String {
    let mut out = String::new();
    for f in &w.files {
        let _ = writeln!(out, "已生成：{}", f.display());
    }
    if !w.missing.is_empty() {
        let _ = writeln!(
            out,
            "以下 {} 项内容缺失，文档中已标为【待补充】：",
            w.missing.len()
        );
        for m in &w.missing {
            let _ = writeln!(out, "  - {}：{}", m.place, m.field);
        }
    }
    out
}
