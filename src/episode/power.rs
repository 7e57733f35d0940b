//! The electricity check (用电量核查, Jiyuan 十八): reading the power company's daily use and
//! judging each day against the enterprise's cap at that day's level.
//!
//! Two layouts are read (`docs/episode.md`): **long** (one row per account and day: an account
//! column — 户号 / 统一社会信用代码 / 企业名称 — then 日期 and 日用电量) and **wide** (one row per
//! account, one column per date). Reading is all or nothing like `import`: every problem is
//! collected with its sheet, row and column, and nothing is written when there is one.
//!
//! Which level judges a day: the level in force when the day begins, or the start level on
//! the first day (measures take hours to take effect, so a day is held to the level that was
//! in force for it from the morning). Days after the end are not judged either.

use std::collections::HashMap;
use std::path::Path;

use calamine::{open_workbook_auto, Data, DataType, Reader};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Day, Episode};
use crate::model::{Diagnostic, Level, PerLevel};

/// What the list says about an enterprise's electricity use.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PowerProfile {
    /// The enterprise's key (code, else name).
    pub key: String,
    /// 统一社会信用代码.
    pub code: String,
    /// 企业名称.
    pub name: String,
    /// 电力户号 (empty where the list has none).
    pub account: String,
    /// 正常日用电量 (kWh).
    pub normal: Option<f64>,
    /// Stated 日用电量上限 per level (kWh).
    pub caps: PerLevel<Option<f64>>,
    /// `s`: its total reduction over its total emission per level (four pollutants, t/d;
    /// fleets excluded).
    pub shares: PerLevel<f64>,
}

impl PowerProfile {
    /// The cap at `level`: the stated 上限, else `normal × max(1 − s, k)`; `None` without a
    /// normal use.
    pub fn cap(&self, level: Level, standby: f64) -> Option<f64> {
        if let Some(c) = self.caps.get(level) {
            return Some(*c);
        }
        self.normal
            .map(|n| n * (1.0 - self.shares.get(level)).max(standby))
    }
}

/// A row of electricity data as read, before matching.
#[derive(Clone, Debug, PartialEq)]
pub struct RawReading {
    /// Where it came from.
    pub sheet: String,
    /// 1-based row.
    pub row: u32,
    /// The account text (户号, code or name).
    pub account: String,
    /// The day.
    pub day: Day,
    /// kWh.
    pub use_kwh: f64,
}

/// Headers of the account column, in the order they are preferred.
const ACCOUNT_HEADERS: [&str; 7] = [
    "电力户号",
    "户号",
    "用电户号",
    "统一社会信用代码",
    "企业名称",
    "户名",
    "用户名称",
];
const DATE_HEADERS: [&str; 3] = ["日期", "用电日期", "抄表日期"];
const USE_PREFIXES: [&str; 3] = ["日用电量", "用电量", "电量"];

fn norm(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => other.to_string().trim().to_string(),
    }
}

/// A date cell or text (2026-12-05, 2026/12/5, 2026年12月5日, 12月5日 — the episode's year).
pub fn read_date(d: &Data, year: i32) -> Option<Day> {
    match d {
        Data::DateTime(_) | Data::DateTimeIso(_) => d.as_datetime().map(|t| t.date()),
        Data::String(s) => parse_date_text(s, year),
        _ => None,
    }
}

fn parse_date_text(s: &str, year: i32) -> Option<Day> {
    if let Some(d) = crate::model::parse_date(s) {
        return Some(d);
    }
    // 12月5日: the episode's year.
    let t = norm(s);
    let t = t.trim_end_matches('日').trim_end_matches('号');
    let (m, d) = t.split_once('月')?;
    NaiveDate::from_ymd_opt(year, m.parse().ok()?, d.parse().ok()?)
}

fn read_use(d: &Data) -> Result<Option<f64>, String> {
    let v = match d {
        Data::Empty => return Ok(None),
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        Data::String(s) if s.trim().is_empty() => return Ok(None),
        Data::String(s) => norm(s)
            .replace(',', "")
            .trim_end_matches("kWh")
            .trim_end_matches("千瓦时")
            .trim_end_matches("度")
            .parse::<f64>()
            .map_err(|_| format!("“{}”不是数字：日用电量应填写千瓦时数，请改正", s.trim()))?,
        other => return Err(format!("“{other}”不是数字：日用电量应填写千瓦时数，请改正")),
    };
    if !v.is_finite() || v < 0.0 {
        return Err(format!("日用电量{v}为负数或无效，请改正"));
    }
    Ok(Some(v))
}

/// Reads every sheet of an electricity workbook that has an account column. `year` is the
/// episode's, for dates written without one.
///
/// # Errors
/// Every problem found, placed at sheet/row/column (unreadable file, no sheet with an account
/// column, a date or a use that cannot be read, a layout that is neither long nor wide).
pub fn read_power_file(path: &Path, year: i32) -> Result<Vec<RawReading>, Vec<Diagnostic>> {
    let mut wb = open_workbook_auto(path).map_err(|e| {
        vec![Diagnostic::general(format!(
            "无法读取用电量文件“{}”：{e}。请确认它是 .xlsx/.xls/.ods 工作簿",
            path.display()
        ))]
    })?;
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut found = false;
    for name in wb.sheet_names().to_vec() {
        let Ok(range) = wb.worksheet_range(&name) else {
            continue;
        };
        let rows: Vec<&[Data]> = range.rows().collect();
        let start_row = range.start().map_or(0, |(r, _)| r) + 1;
        let Some((h, acc_col)) = rows.iter().take(10).enumerate().find_map(|(i, r)| {
            ACCOUNT_HEADERS.iter().find_map(|want| {
                r.iter()
                    .position(|c| norm(&cell_text(c)) == *want)
                    .map(|c| (i, c))
            })
        }) else {
            continue;
        };
        found = true;
        let header = rows[h];
        let excel_row = |i: usize| start_row + i as u32;
        let head_text = |c: usize| cell_text(&header[c]);
        let date_col = header
            .iter()
            .position(|c| DATE_HEADERS.contains(&norm(&cell_text(c)).as_str()));
        let use_col = header.iter().position(|c| {
            let t = norm(&cell_text(c));
            USE_PREFIXES.iter().any(|p| t.starts_with(p))
        });
        let wide_cols: Vec<(usize, Day)> = header
            .iter()
            .enumerate()
            .filter(|(c, _)| *c != acc_col)
            .filter_map(|(c, d)| read_date(d, year).map(|day| (c, day)))
            .collect();
        for (i, r) in rows.iter().enumerate().skip(h + 1) {
            let account = r.get(acc_col).map(cell_text).unwrap_or_default();
            if account.is_empty() {
                continue;
            }
            let row = excel_row(i);
            let mut push = |day: Day, c: usize| match read_use(r.get(c).unwrap_or(&Data::Empty)) {
                Ok(Some(v)) => out.push(RawReading {
                    sheet: name.clone(),
                    row,
                    account: account.clone(),
                    day,
                    use_kwh: v,
                }),
                Ok(None) => {}
                Err(m) => errors.push(Diagnostic::cell(&name, row, &head_text(c), m)),
            };
            match (date_col, use_col) {
                (Some(dc), Some(uc)) => {
                    let cell = r.get(dc).unwrap_or(&Data::Empty);
                    match read_date(cell, year) {
                        Some(day) => push(day, uc),
                        None => errors.push(Diagnostic::cell(
                            &name,
                            row,
                            &head_text(dc),
                            format!(
                                "日期“{}”无法识别，请写成 2026-12-05、2026/12/5 或 12月5日",
                                cell_text(cell)
                            ),
                        )),
                    }
                }
                _ if !wide_cols.is_empty() => {
                    for (c, day) in &wide_cols {
                        push(*day, *c);
                    }
                }
                _ => {
                    errors.push(Diagnostic::sheet(
                        &name,
                        "既没有“日期”和“日用电量”两列（长表），也没有以日期为表头的列（宽表），请按说明整理后再导入",
                    ));
                    break;
                }
            }
        }
    }
    if !found {
        errors.push(Diagnostic::general(format!(
            "用电量文件“{}”中没有找到户号、统一社会信用代码或企业名称列，请在表头写明其中之一",
            path.display()
        )));
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Matches an account text to an enterprise: by 电力户号, else code, else name.
pub fn match_account<'a>(profiles: &'a [PowerProfile], account: &str) -> Option<&'a PowerProfile> {
    let a = norm(account);
    profiles
        .iter()
        .find(|p| !p.account.is_empty() && norm(&p.account) == a)
        .or_else(|| {
            profiles
                .iter()
                .find(|p| !p.code.is_empty() && p.code == a.to_uppercase())
        })
        .or_else(|| profiles.iter().find(|p| norm(&p.name) == a))
}

/// A day whose use exceeded the cap by more than the tolerance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PowerFlag {
    /// 统一社会信用代码 (else the name).
    pub code: String,
    /// 企业名称.
    pub name: String,
    /// The day.
    pub date: Day,
    /// The level that judged it.
    pub level: Level,
    /// Use, kWh.
    #[serde(rename = "use")]
    pub use_kwh: f64,
    /// Cap, kWh.
    pub cap: f64,
}

/// The electricity check of an episode.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PowerCheck {
    /// Enterprises with at least one judged day.
    pub judged: Vec<String>,
    /// Flagged days, by day then name.
    pub flagged: Vec<PowerFlag>,
    /// Enterprises with readings but no 正常日用电量 (无法核查).
    pub no_normal: Vec<String>,
}

/// Judges every reading of the episode (`docs/episode.md`, Electricity check).
pub fn judge_power(
    episode: &Episode,
    profiles: &[PowerProfile],
    standby: f64,
    tolerance: f64,
) -> PowerCheck {
    let by_key: HashMap<&str, &PowerProfile> =
        profiles.iter().map(|p| (p.key.as_str(), p)).collect();
    let first = episode.started_at().date();
    let last = episode.ended_at.map(|t| t.date());
    let mut out = PowerCheck::default();
    let mut readings: Vec<_> = episode.readings.iter().collect();
    readings.sort_by(|a, b| a.day.cmp(&b.day).then(a.key.cmp(&b.key)));
    for r in readings {
        if r.day < first || last.is_some_and(|l| r.day > l) {
            continue;
        }
        let Some(p) = by_key.get(r.key.as_str()) else {
            continue;
        };
        let shown = if p.code.is_empty() { &p.name } else { &p.code };
        let level = day_level(episode, r.day);
        let Some(cap) = p.normal.is_some().then(|| p.cap(level, standby)).flatten() else {
            if !out.no_normal.contains(shown) {
                out.no_normal.push(shown.clone());
            }
            continue;
        };
        if !out.judged.contains(shown) {
            out.judged.push(shown.clone());
        }
        if r.use_kwh > cap * (1.0 + tolerance) + 1e-9 {
            out.flagged.push(PowerFlag {
                code: shown.clone(),
                name: p.name.clone(),
                date: r.day,
                level,
                use_kwh: r.use_kwh,
                cap: crate::reduce::tidy(cap),
            });
        }
    }
    out
}

/// The level that judges a day: in force at its beginning, or the start level on the first day.
pub fn day_level(episode: &Episode, day: Day) -> Level {
    let start = day.and_hms_opt(0, 0, 0).expect("midnight exists");
    episode.level_at(start.max(episode.started_at())).level
}

/// The episode's year, for dates written without one.
pub fn episode_year(episode: &Episode) -> i32 {
    episode.started_at().year()
}

/// The power profile of every enterprise of the list that is not 长期停产: its account, normal
/// use and caps from the industrial sheet, and `s` per level from the reduction engine
/// (industrial sources only: fleets do not enter `s`).
pub fn profiles_of(list: &crate::model::List) -> Vec<PowerProfile> {
    list.enterprises
        .iter()
        .filter(|e| !e.shut_down)
        .map(|e| {
            let mut emitted = 0.0;
            let mut reduced = PerLevel::<f64>::default();
            for s in &e.sources {
                let r = crate::reduce::source_reduction(s);
                emitted += r.daily.total();
                for l in Level::ALL {
                    *reduced.get_mut(l) += r.reductions.get(l).total();
                }
            }
            PowerProfile {
                key: e.key(),
                code: e.code.clone(),
                name: e.name.clone(),
                account: e.power_account.clone(),
                normal: e.normal_daily_kwh,
                caps: e.daily_kwh_cap,
                shares: PerLevel::from_fn(|l| {
                    if emitted > 0.0 {
                        (reduced.get(l) / emitted).min(1.0)
                    } else {
                        0.0
                    }
                }),
            }
        })
        .collect()
}
