//! The industrial sheet (工业源清单): enterprises and their production lines.
//!
//! Each data row is one source. Rows are grouped into enterprises by 统一社会信用代码, or by
//! name where the code is empty; a row with neither belongs to the enterprise above (its
//! cells were merged or left blank under the first row). An enterprise's own fields are read
//! from its first row.

use std::collections::HashMap;

use crate::model::{
    normalise_code, parse_date, parse_grade, validate_code, Enterprise, EnterpriseClass, Filing,
    FilingState, KeyIndustry, Level, PerLevel, Source,
};

use super::super::cells;
use super::super::header::{Field, LevelField, Plain, Unit};
use super::SheetCtx;

/// Where enterprises already read sit in the output, by code and by name.
#[derive(Default)]
struct Index {
    by_code: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
}

/// Reads every data row of an industrial sheet into `out`, and each enterprise's 备案 columns
/// (where the sheet has them and its first row fills them) into `filings`.
pub(crate) fn read(
    ctx: &mut SheetCtx<'_, '_>,
    out: &mut Vec<Enterprise>,
    filings: &mut Vec<Filing>,
) {
    let mut index = Index::default();
    let mut current: Option<usize> = None;
    // The current enterprise's lines, handed over when another enterprise's row comes: each
    // enterprise's vector is then allocated once at its size (grown line by line, a large
    // list's vectors were reallocated and copied two or three times, then shrunk).
    let mut lines: Vec<Source> = Vec::new();
    for r in ctx.data_rows() {
        let name = ctx.text(r, Field::Plain(Plain::Name));
        let raw_code = ctx.text(r, Field::Plain(Plain::Code));
        let at = if name.is_empty() && raw_code.is_empty() {
            match current {
                Some(i) => i,
                None => {
                    no_enterprise(ctx, r);
                    continue;
                }
            }
        } else {
            let code = normalise_code(&raw_code);
            let name = squeeze(&name);
            find_or_add(ctx, r, (&name, &code), &mut index, out, filings)
        };
        if let Some(done) = current.filter(|&c| c != at) {
            hand_over(&mut lines, &mut out[done].sources);
        }
        current = Some(at);
        lines.push(ctx.source(r));
    }
    if let Some(done) = current {
        hand_over(&mut lines, &mut out[done].sources);
    }
}

/// Moves `lines` to the end of an enterprise's `sources`, growing it by exactly their number
/// (an enterprise whose rows come in two places gets both runs, in sheet order).
fn hand_over(lines: &mut Vec<Source>, sources: &mut Vec<Source>) {
    sources.reserve_exact(lines.len());
    sources.append(lines);
}

/// Names compare without spaces, as people retype them.
fn squeeze(name: &str) -> String {
    name.split_whitespace().collect()
}

fn no_enterprise(ctx: &mut SheetCtx<'_, '_>, r: usize) {
    let label = ctx
        .column(Field::Plain(Plain::Name))
        .map_or("企业名称".to_string(), |c| c.label.clone());
    ctx.error_at(
        r,
        &label,
        "企业名称和统一社会信用代码都为空，且上方没有企业可归属：请填写此行所属企业".to_string(),
    );
}

/// The enterprise this row belongs to: found by code (else name), or added from this row.
fn find_or_add(
    ctx: &mut SheetCtx<'_, '_>,
    r: usize,
    (name, code): (&str, &str),
    index: &mut Index,
    out: &mut Vec<Enterprise>,
    filings: &mut Vec<Filing>,
) -> usize {
    let found = if code.is_empty() {
        index.by_name.get(name).copied()
    } else {
        index.by_code.get(code).copied()
    };
    if let Some(i) = found {
        if !code.is_empty() && !name.is_empty() && out[i].name != name {
            two_names(ctx, r, code, &out[i], name);
        }
        return i;
    }
    let e = enterprise(ctx, r, name, code);
    filings.extend(filing(ctx, r, &e));
    let i = out.len();
    if !code.is_empty() {
        index.by_code.insert(code.to_string(), i);
    }
    if !name.is_empty() {
        index.by_name.entry(name.to_string()).or_insert(i);
    }
    out.push(e);
    i
}

fn two_names(ctx: &mut SheetCtx<'_, '_>, r: usize, code: &str, first: &Enterprise, name: &str) {
    let label = ctx
        .column(Field::Plain(Plain::Code))
        .map_or("统一社会信用代码".to_string(), |c| c.label.clone());
    let first_row = first.origin.as_ref().map_or(0, |o| o.row);
    ctx.error_at(
        r,
        &label,
        format!(
            "统一社会信用代码“{code}”在第{first_row}行属于“{}”，此行却是“{name}”：同一代码不能对应两个企业名称，请核对代码或统一企业名称",
            first.name
        ),
    );
}

/// An enterprise from its first row: identity, grade, class, CEMS and contacts.
fn enterprise(ctx: &mut SheetCtx<'_, '_>, r: usize, name: &str, code: &str) -> Enterprise {
    check_code(ctx, r, code);
    if name.is_empty() {
        let label = ctx
            .column(Field::Plain(Plain::Name))
            .map_or("企业名称".to_string(), |c| c.label.clone());
        ctx.error_at(
            r,
            &label,
            format!("统一社会信用代码为“{code}”的企业名称为空，请填写企业名称"),
        );
    }
    let mut e = Enterprise {
        name: name.to_string(),
        code: code.to_string(),
        county: ctx.string(r, Plain::County),
        town: ctx.string(r, Plain::Town),
        address: ctx.string(r, Plain::Address),
        industry: ctx.string(r, Plain::Industry),
        industry_code: ctx.string(r, Plain::IndustryCode),
        key_industry: ctx.string(r, Plain::KeyIndustry),
        power_account: ctx.string(r, Plain::PowerAccount),
        normal_daily_kwh: ctx.number(r, Field::Plain(Plain::NormalDailyKwh), KWH),
        daily_kwh_cap: PerLevel::from_fn(|l: Level| {
            ctx.number(r, Field::Level(l, LevelField::KwhCap), KWH)
        }),
        legal: ctx.contact(r, Plain::LegalName, Plain::LegalPhone, Plain::LegalContact),
        responsible: ctx.contact(
            r,
            Plain::ResponsibleName,
            Plain::ResponsiblePhone,
            Plain::ResponsibleContact,
        ),
        supervisor: ctx.contact(
            r,
            Plain::SupervisorName,
            Plain::SupervisorPhone,
            Plain::SupervisorContact,
        ),
        origin: Some(ctx.origin(r)),
        ..Enterprise::default()
    };
    read_grade(ctx, r, &mut e);
    read_class(ctx, r, &mut e);
    e.cems = yes_no(ctx, r, Plain::Cems);
    warn_undetermined_key_industry(ctx, r, &e);
    e
}

/// 未判定 is a warning where the sheet tries to say the industry (it has a 重点行业类别,
/// 行业类别 or 行业代码 column) and neither the stated value nor the table decides it; a sheet
/// without any of those columns says nothing to warn about.
fn warn_undetermined_key_industry(ctx: &mut SheetCtx<'_, '_>, r: usize, e: &Enterprise) {
    if e.key_industry_class() != KeyIndustry::Undetermined {
        return;
    }
    let stated = !e.key_industry.trim().is_empty();
    let column = [Plain::KeyIndustry, Plain::Industry, Plain::IndustryCode]
        .into_iter()
        .filter(|p| stated || *p != Plain::KeyIndustry)
        .find_map(|p| ctx.column(Field::Plain(p)).map(|c| c.label.clone()));
    let Some(column) = column else {
        return;
    };
    let message = if stated {
        format!(
            "重点行业类别“{}”不是39个重点行业之一，也不是“非重点行业”，按“未判定”处理：请填写39个重点行业名称之一或“非重点行业”",
            e.key_industry.trim()
        )
    } else {
        format!(
            "无法判定“{}”是否属于重点行业（行业类别“{}”、行业代码“{}”不在重点行业对照表中），按“未判定”处理：请填写“重点行业类别”（39个重点行业之一或“非重点行业”）或国民经济行业代码",
            e.name,
            e.industry.trim(),
            e.industry_code.trim()
        )
    };
    ctx.warn_at(r, &column, message);
}

/// The enterprise's 备案 from its first row: `None` where the sheet has no 备案 columns or
/// leaves them empty (the stored record is then left alone). A state that is not 未提交 /
/// 已提交 / 已备案, a date that is no date, or a date or 文号 without a state are errors at
/// their cells.
fn filing(ctx: &mut SheetCtx<'_, '_>, r: usize, e: &Enterprise) -> Option<Filing> {
    let state_text = ctx.string(r, Plain::FilingState);
    let date_text = ctx.string(r, Plain::FilingDate);
    let number = ctx.string(r, Plain::FilingNumber);
    if state_text.is_empty() && date_text.is_empty() && number.is_empty() {
        return None;
    }
    let label = |ctx: &SheetCtx<'_, '_>, p: Plain| {
        ctx.column(Field::Plain(p))
            .map_or_else(|| p.canonical().to_string(), |c| c.label.clone())
    };
    let date = if date_text.is_empty() {
        None
    } else {
        let date = parse_date(&date_text);
        if date.is_none() {
            let at = label(ctx, Plain::FilingDate);
            ctx.error_at(
                r,
                &at,
                format!(
                    "“{}”的{at}“{date_text}”不是日期：请写成 2026-09-20、2026/9/20 或 2026年9月20日（或留空）",
                    e.name
                ),
            );
        }
        date
    };
    let at = label(ctx, Plain::FilingState);
    let state = if state_text.is_empty() {
        ctx.error_at(
            r,
            &at,
            format!(
                "“{}”填写了备案日期或备案文号，但{at}为空：请填写未提交、已提交或已备案",
                e.name
            ),
        );
        None
    } else {
        let state = FilingState::parse(&state_text);
        if state.is_none() {
            ctx.error_at(
                r,
                &at,
                format!(
                    "“{}”的{at}“{state_text}”无法识别：应为未提交、已提交或已备案，请改正",
                    e.name
                ),
            );
        }
        state
    };
    Some(Filing {
        enterprise: e.key(),
        state: state?,
        date,
        number,
    })
}

/// Electricity columns default to kWh (a header may say 万kWh).
const KWH: Unit = Unit::Energy { to_kwh: 1.0 };

/// Checks a normalised code: wrong length or characters are errors, a wrong check
/// character a warning (real registered codes that fail the check exist).
pub(crate) fn check_code(ctx: &mut SheetCtx<'_, '_>, r: usize, code: &str) {
    if code.is_empty() {
        return;
    }
    let Err(problem) = validate_code(code) else {
        return;
    };
    let label = ctx
        .column(Field::Plain(Plain::Code))
        .map_or("统一社会信用代码".to_string(), |c| c.label.clone());
    if problem.is_error() {
        ctx.error_at(r, &label, problem.message(code));
    } else {
        ctx.warn_at(r, &label, problem.message(code));
    }
}

fn read_grade(ctx: &mut SheetCtx<'_, '_>, r: usize, e: &mut Enterprise) {
    let Some((c, v)) = ctx.value(r, Field::Plain(Plain::Grade)) else {
        return;
    };
    match parse_grade(&v.text()) {
        Ok(cell) => {
            e.grade = cell.grade;
            e.guarantee |= cell.guarantee;
            e.shut_down = cell.shut_down;
        }
        Err(value) => ctx.error_at(
            r,
            &c.label,
            format!(
                "绩效等级“{value}”无法识别：应为A、A+、B、B-、C、D、引领性、非引领性、未评级或长期停产（可带“民生豁免-”“保障类-”前缀），请改正"
            ),
        ),
    }
}

fn read_class(ctx: &mut SheetCtx<'_, '_>, r: usize, e: &mut Enterprise) {
    let Some((c, v)) = ctx.value(r, Field::Plain(Plain::Class)) else {
        return;
    };
    let t = v.text();
    if t.is_empty() {
        return;
    }
    match EnterpriseClass::parse(&t) {
        Some(class) => {
            e.class = Some(class);
            e.guarantee |= class == EnterpriseClass::Guarantee;
        }
        None => ctx.error_at(
            r,
            &c.label,
            format!(
                "企业类型“{t}”无法识别：应为重点企业、小微涉气企业、保障类企业或其他企业，请改正"
            ),
        ),
    }
}

fn yes_no(ctx: &mut SheetCtx<'_, '_>, r: usize, p: Plain) -> Option<bool> {
    let (c, v) = ctx.value(r, Field::Plain(p))?;
    match cells::yes_no(v) {
        Ok(b) => b,
        Err(problem) => {
            ctx.error_at(r, &c.label, format!("{}：{}", c.label, problem.message()));
            None
        }
    }
}
