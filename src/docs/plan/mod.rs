//! The 一厂一策 operation plan (重污染天气应急响应操作方案) of one enterprise, with the
//! contents Jiyuan, Pingdingshan and Jiaozuo require: basic information, production process,
//! air-emitting steps with their emissions (transport included), the measures of every level
//! with key indicators, preparation time and the person responsible for each step, the people
//! responsible, how each measure is verified, and the notice board as attachment.
//!
//! Every reduction figure comes from [`crate::reduce::source_reduction`], so the plan shows
//! the same numbers as `check` and the exported list. Choices where the seeds are silent:
//! - a blank level inherits the lower level's measure, key indicator, preparation time and
//!   owner, and says so ("同黄色预警措施");
//! - key indicator, preparation time and owner are required only where the level reduces
//!   something (a row that keeps producing has nothing to prove);
//! - the fleet's transport measures appear as their own row under each level, and the
//!   enterprise's totals include them;
//! - annual emissions the list leaves blank are shown as daily × days, so the table has no
//!   silent gaps.

mod basics;
mod content;
mod cover;
mod emissions;
mod measures;
mod people;
mod pledge;
mod process;
mod render;
mod response;
mod self_chosen;
mod transport;
mod verification;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use docx_rs::TableRow;

use crate::model::{Contact, Enterprise, Fleet, Heating, Level, List, Machinery, Measure, Source};
use crate::reduce::{source_reduction, SourceReduction};

use super::batch;
use super::content::{self as board_content, source_label, BoardContent};
use super::fill::Filler;
use super::typeset::{self, cell, size, CellStyle};

use super::{DocError, Missing};
pub use content::{PlanBlock, PlanChapter, PlanColumn, PlanContent, PlanCover, PlanTable};

/// Page margin of the plan (2.2 cm).
const MARGIN: i32 = 1247;
/// Usable width of the A4 portrait page.
const WIDTH: usize = (typeset::A4.0 as i32 - 2 * MARGIN) as usize;

/// Writes the operation plan of the enterprise with credit code (or name) `code`.
///
/// Returns the required fields that were empty and show as 【待补充】.
///
/// # Errors
/// [`DocError::UnknownEnterprise`] when the list has no such enterprise; write errors.
pub fn write_plan(list: &List, code: &str, path: &Path) -> Result<Vec<Missing>, DocError> {
    let plan = plan_content(list, code)?;
    typeset::save(render::document(&plan), path)?;
    Ok(plan.missing)
}

/// What the plan of the enterprise with credit code (or name) `code` says, as data: the
/// document writer typesets it, a preview shows it.
///
/// # Errors
/// [`DocError::UnknownEnterprise`] when the list has no such enterprise.
pub fn plan_content(list: &List, code: &str) -> Result<PlanContent, DocError> {
    let e = board_content::find_enterprise(list, code)?;
    Ok(Plan::new(list, e).content())
}

/// Writes the plan of `e` (an enterprise of `list`) to `path`: the batches, which already
/// hold the enterprise, use it instead of looking it up by code again.
///
/// # Errors
/// Write errors.
pub(crate) fn write_plan_of(
    list: &List,
    e: &Enterprise,
    path: &Path,
) -> Result<Vec<Missing>, DocError> {
    let plan = Plan::new(list, e).content();
    typeset::save(render::document(&plan), path)?;
    Ok(plan.missing)
}

/// Writes the plan of every enterprise of the industrial sheet into `dir` (created when
/// missing), one file each, named `<name>-一厂一策.docx` (a second enterprise of the same name
/// gets its credit code, else a number, appended). `progress(done, total, file)` is called
/// after each file so a front end can show a bar. Shut-down enterprises get a plan too: it
/// says they stay shut during warnings, which the county files like any other.
///
/// One plan that cannot be written does not stop the others: every plan is attempted, and
/// the failures are reported together at the end.
///
/// # Errors
/// [`DocError::Write`] when the folder cannot be created; [`DocError::Batch`] listing every
/// plan that could not be written (the others are written).
pub fn write_all_plans(
    list: &List,
    dir: &Path,
    mut progress: impl FnMut(usize, usize, &str),
) -> Result<Vec<(PathBuf, Vec<Missing>)>, DocError> {
    batch::create_dir(dir)?;
    let total = list.enterprises.len();
    let mut used = HashSet::new();
    let mut out = Vec::with_capacity(total);
    let mut failures = Vec::new();
    for (i, e) in list.enterprises.iter().enumerate() {
        let file = batch::unique_name(&mut used, &e.name, &e.code, "一厂一策");
        let path = dir.join(&file);
        match write_plan_of(list, e, &path) {
            Ok(missing) => out.push((path, missing)),
            Err(err) => failures.push(err),
        }
        progress(i + 1, total, &file);
    }
    batch::finish(out, failures)
}

/// One row of the measures: an industrial source or the enterprise's transport.
struct Row<'a> {
    label: String,
    source: &'a Source,
    reduction: SourceReduction,
}

/// Everything the plan needs, computed once.
struct Plan<'a> {
    e: &'a Enterprise,
    fleet: Option<&'a Fleet>,
    heating: Option<&'a Heating>,
    /// The enterprise's rows of the 非道路移动机械 sheet (使用单位 is its name or code).
    machinery: Vec<&'a Machinery>,
    rows: Vec<Row<'a>>,
    board: BoardContent,
    board_fill: Filler,
    place: String,
}

impl<'a> Plan<'a> {
    fn new(list: &'a List, e: &'a Enterprise) -> Self {
        let fleet = board_content::find_fleet(list, e);
        let mut rows: Vec<Row<'a>> = e
            .sources
            .iter()
            .map(|s| Row {
                label: source_label(s),
                source: s,
                reduction: source_reduction(s),
            })
            .collect();
        if let Some(f) = fleet {
            rows.push(Row {
                label: "运输车辆（移动源）".to_string(),
                source: &f.source,
                reduction: source_reduction(&f.source),
            });
        }
        let mut board_fill = Filler::default();
        let board = board_content::enterprise_board(list, e, &mut board_fill);
        let place = if e.name.trim().is_empty() {
            "（未命名企业）".to_string()
        } else {
            e.name.trim().to_string()
        };
        Plan {
            e,
            fleet,
            heating: board_content::find_heating(list, e),
            machinery: list
                .machinery
                .iter()
                .filter(|m| {
                    let user = m.user.trim();
                    !user.is_empty()
                        && (user == e.name.trim() || (!e.code.is_empty() && user == e.code))
                })
                .collect(),
            rows,
            board,
            board_fill,
            place,
        }
    }

    /// True when `source` has continuous monitoring (CEMS) of its own: the enterprise has CEMS
    /// and the line has an outlet; a list without any outlet column falls back to the
    /// enterprise's answer, as it cannot say which line is monitored.
    fn line_has_cems(&self, source: &Source) -> bool {
        let any_outlet = self.e.sources.iter().any(|s| !s.outlet.trim().is_empty());
        self.e.cems == Some(true) && (!any_outlet || !source.outlet.trim().is_empty())
    }

    /// The key indicator as the plan prints it for `source`: a line without CEMS cannot be
    /// checked by online monitoring, so parts naming it (在线监测, CEMS, 自动监控) are left out.
    fn indicator_of(&self, source: &Source, text: &str) -> String {
        if self.line_has_cems(source) {
            return text.trim().to_string();
        }
        text.split(['、', '，', ',', '；', ';'])
            .map(str::trim)
            .filter(|p| {
                !p.is_empty()
                    && !["在线监测", "CEMS", "自动监控", "在线监控"]
                        .iter()
                        .any(|w| p.contains(w))
            })
            .collect::<Vec<_>>()
            .join("、")
    }

    /// The industrial rows only (the fleet's row is last when present).
    fn source_rows(&self) -> &[Row<'a>] {
        let n = self.e.sources.len();
        &self.rows[..n]
    }

    /// The plan's content. Chapters are built in reading order, so the required fields
    /// it lacks are listed in the order a reader meets them.
    fn content(self) -> PlanContent {
        let mut fill = Filler::default();
        let cover = self.cover(&mut fill);
        let chapter = |heading: &str, blocks| PlanChapter {
            heading: heading.to_string(),
            blocks,
        };
        let mut chapters = vec![
            chapter("企业基本情况", self.basics(&mut fill)),
            chapter("生产工艺与排污节点", self.process(&mut fill)),
            chapter("主要涉气产排污环节及排放情况", self.emissions()),
            chapter("分级减排措施", self.measures(&mut fill)),
            chapter("运输管控", self.transport(&mut fill)),
            chapter("应急响应程序", self.response(&mut fill)),
        ];
        if self.self_chosen() {
            chapters.push(chapter("自主减排", self.self_chosen_chapter()));
        }
        chapters.push(chapter("责任人", self.people(&mut fill)));
        chapters.push(chapter("监测与核查", self.verification()));
        let pledge = self.pledge(&mut fill);
        fill.absorb(self.board_fill);
        PlanContent {
            cover,
            chapters,
            pledge,
            annex: self.board,
            missing: fill.finish(),
        }
    }
}

/// The measure whose key indicator, preparation time and owner apply at `level`: the level's
/// own, or the lower level's it inherits.
fn effective_measure(source: &Source, level: Level) -> &Measure {
    effective_level(source, level).1
}

/// The level that owns the measure applying at `level`, and that measure (the level itself
/// when nothing below says anything either).
fn effective_level(source: &Source, level: Level) -> (Level, &Measure) {
    let mut at = level;
    loop {
        let m = source.measures.get(at);
        if !m.is_blank() {
            return (at, m);
        }
        match at.lower() {
            Some(l) => at = l,
            None => return (level, source.measures.get(level)),
        }
    }
}

/// A two-column table of labels (grey, bold) and values.
fn label_table(widths: &[usize], rows: &[Vec<String>]) -> docx_rs::Table {
    let label = CellStyle::header(size::WUHAO).on("F2F2F2");
    let value = CellStyle::text(size::WUHAO);
    let rows = rows
        .iter()
        .map(|r| {
            TableRow::new(vec![
                cell(&r[0], widths[0], label),
                cell(&r[1], widths[1], value),
            ])
            .cant_split()
        })
        .collect();
    typeset::fixed_table(widths, rows)
}

/// Distinct non-empty values joined with 、.
/// Cell values lists use for "nothing here"; joined lists leave them out rather than print
/// "电力、蒸汽、—".
fn is_filler(v: &str) -> bool {
    matches!(v.trim(), "" | "—" | "-" | "--" | "/" | "无" | "／" | "——")
}

/// Distinct values joined with 、, leaving out blanks and filler marks.
fn distinct<'s>(values: impl Iterator<Item = &'s str>) -> String {
    let mut out: Vec<&str> = Vec::new();
    for v in values.filter(|v| !is_filler(v)) {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out.join("、")
}

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".to_string()
    } else {
        s.trim().to_string()
    }
}

fn contact_or_dash(c: &Contact) -> String {
    if c.is_empty() {
        "—".to_string()
    } else {
        format!("{} {}", c.name.trim(), c.phone.trim())
            .trim()
            .to_string()
    }
}

/// A number with at most `decimals` decimals, trailing zeros dropped.
fn fmt(x: f64, decimals: usize) -> String {
    let s = format!("{x:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" {
        "0".to_string()
    } else {
        s
    }
}

/// The response grade of a level.
fn response(level: Level) -> &'static str {
    match level {
        Level::Yellow => "Ⅲ级响应",
        Level::Orange => "Ⅱ级响应",
        Level::Red => "Ⅰ级响应",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_drop_trailing_zeros() {
        assert_eq!(fmt(2.0, 4), "2");
        assert_eq!(fmt(0.12345, 4), "0.1235");
        assert_eq!(fmt(300.0, 0), "300");
        assert_eq!(fmt(-0.00001, 3), "0");
    }

    #[test]
    fn inherited_levels_use_the_lower_measure() {
        let mut s = Source::default();
        s.measures.yellow.text = "限产30%".into();
        s.measures.yellow.key_indicator = "用电量".into();
        assert_eq!(effective_measure(&s, Level::Red).key_indicator, "用电量");
    }

    #[test]
    fn monitoring_indicators_only_for_lines_with_cems_and_no_filler_marks() {
        let line = |name: &str, outlet: &str| Source {
            name: name.into(),
            outlet: outlet.into(),
            ..Default::default()
        };
        let mut e = Enterprise {
            name: "甲厂".into(),
            cems: Some(true),
            sources: vec![line("锅炉", "DA001"), line("破碎", "")],
            ..Default::default()
        };
        let list = List::default();
        let plan = Plan::new(&list, &e);
        let ki = "DCS记录、在线监测数据";
        assert_eq!(plan.indicator_of(&e.sources[0], ki), ki);
        assert_eq!(plan.indicator_of(&e.sources[1], ki), "DCS记录");
        e.cems = Some(false);
        let plan = Plan::new(&list, &e);
        assert_eq!(plan.indicator_of(&e.sources[0], ki), "DCS记录");
        assert_eq!(
            distinct(["电力", "蒸汽", "—", "电力", ""].into_iter()),
            "电力、蒸汽"
        );
    }
}
