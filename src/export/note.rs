//! The calculation note (测算说明) as plain data: sections of paragraphs and tables, every
//! cell already worded and formatted in Chinese.
//!
//! One content, two renderings: the submission workbook writes it as its 测算说明 sheet, and
//! the document writer (`docs::note`) writes the same [`CalcNote`] as a .docx. Neither
//! renderer computes anything; all numbers come from [`crate::reduce::check`] and the list.
//!
//! Sections, in order: 测算方法, 基本情况, 全社会排放量, 各级预警减排量及减排比例,
//! 未达标情况及缺口, 测算假设 (days defaulted to 365, measure texts not understood, levels
//! that inherit the lower level — each with its sheet and row), 减排贡献最大的源 (the 20
//! largest per pollutant at the red level), 警告 (every warning of the check).

use serde::Serialize;

mod short;

use crate::model::{Level, List, NoteRequest, Origin, PerLevel, Pollutant, Source};
use crate::reduce::{self, measure_text::read_measure, Report};

/// The whole note.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CalcNote {
    /// "示例县2026年重污染天气应急减排清单测算说明".
    pub title: String,
    /// The sections in reading order.
    pub sections: Vec<Section>,
}

/// A numbered section of the note.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Section {
    /// The heading without a number ("测算方法"); renderers number sections themselves.
    pub heading: String,
    /// Paragraphs and tables in reading order.
    pub blocks: Vec<Block>,
}

/// A piece of a section.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Block {
    /// A paragraph of text.
    Paragraph(String),
    /// A table with a header row.
    Table(Table),
}

/// A table: a caption, one header row and the body rows, all cells as display text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Table {
    /// Shown above the table ("表1 各级预警减排量").
    pub caption: String,
    /// Column headers.
    pub header: Vec<String>,
    /// Body rows, each as long as `header`.
    pub rows: Vec<Vec<String>>,
}

/// The mark for a condition that holds.
pub const PASS_MARK: &str = "✓ 达标";
/// The mark for a condition that fails.
pub const FAIL_MARK: &str = "✗ 未达标";

/// The pass/fail mark of a condition.
pub fn mark(pass: bool) -> &'static str {
    if pass {
        PASS_MARK
    } else {
        FAIL_MARK
    }
}

pub use crate::model::numbers::{amount, percent};

/// Builds the calculation note of `list`, running the reduction check, without any statement
/// of the county's (a level that misses shows 【待补充】 where its reasons go).
pub fn calculation_note(list: &List) -> CalcNote {
    calculation_note_with(list, &PerLevel::from_fn(|_| None))
}

/// Builds the calculation note of `list` with the county's stated reasons and requested
/// ratios (as stored by `note set`).
pub fn calculation_note_with(list: &List, requests: &PerLevel<Option<NoteRequest>>) -> CalcNote {
    note_from_report(list, &reduce::check(list), requests)
}

/// Builds the note from a check already run (the submission export runs it once for the 总表
/// and the note).
pub(crate) fn note_from_report(
    list: &List,
    report: &Report,
    requests: &PerLevel<Option<NoteRequest>>,
) -> CalcNote {
    let year = list.year.map(|y| format!("{y}年")).unwrap_or_default();
    let mut tables = 0;
    let mut caption = |text: &str| {
        tables += 1;
        format!("表{tables} {text}")
    };
    let mut sections = vec![
        method(list),
        overview(list, report),
        baseline(list, &mut caption),
        levels(report, &mut caption),
        shortfalls(report),
    ];
    sections.extend(short::section_for(list, report, requests, &mut caption));
    sections.extend([
        assumptions(list),
        top_sources(report, &mut caption),
        warnings(report, &mut caption),
    ]);
    CalcNote {
        title: format!("{}{}重污染天气应急减排清单测算说明", list.area, year),
        sections,
    }
}

fn section(heading: &str, blocks: Vec<Block>) -> Section {
    Section {
        heading: heading.to_string(),
        blocks,
    }
}

fn para(text: impl Into<String>) -> Block {
    Block::Paragraph(text.into())
}

fn table(caption: String, header: &[&str], rows: Vec<Vec<String>>) -> Block {
    Block::Table(Table {
        caption,
        header: header.iter().map(|h| h.to_string()).collect(),
        rows,
    })
}

fn method(list: &List) -> Section {
    let t = &list.targets;
    let trade = if list.so2_nox_trade {
        "二氧化硫与氮氧化物可互补：两者任一未达到目标时，两者减排比例之和达到目标的2倍即视为满足。"
    } else {
        "本地区不允许二氧化硫与氮氧化物互补，两者须各自达到目标。"
    };
    section(
        "测算方法",
        vec![
            para("各污染源（工业源的生产线、工序或生产设施，扬尘源，移动源）的日排放量按年排放量除以年生产天数计算；清单直接给出日排放量（t/d）的，以日排放量为准。"),
            para("各级预警下的日减排量依次取：填报的减排量；减排比例乘以日排放量；由减排措施文字识别出的比例（停产、限产X%、由A降至B等）乘以日排放量。某一级别未填写任何措施、比例或减排量的，沿用下一级别的减排量（预警级别逐级叠加）；黄色预警未填写的按0计。长期停产企业不计排放、不计减排。"),
            para("减排比例 = 全部污染源日减排量之和 ÷ 全社会日排放量（全社会排放量按年给出的除以365天）。"),
            para(format!(
                "减排目标：黄色预警{}，橙色预警{}，红色预警{}；颗粒物、挥发性有机物须各自达到目标。{}",
                percent(t.yellow),
                percent(t.orange),
                percent(t.red),
                trade
            )),
            para("是否达标按未经取整的计算结果判断，只忽略计算机浮点运算的微小误差；表中减排量保留四位小数（t/d）、比例保留两位小数显示，因此显示相同的比例仍可能一个达标、一个未达标。缺口 = 目标比例 × 全社会日排放量 − 日减排量之和（t/d）。"),
        ],
    )
}

fn overview(list: &List, report: &Report) -> Section {
    let c = &report.counts;
    let year = list
        .year
        .map(|y| format!("{y}年度"))
        .unwrap_or_else(|| "年度未填写".to_string());
    let mut blocks = vec![para(format!(
        "{}{}清单共有企业{}家，工业源{}个（生产线、工序或设施），扬尘源{}个，移动源{}个，协同供暖企业{}家。",
        if list.area.is_empty() { "本地区" } else { &list.area },
        year,
        c.enterprises,
        c.industrial_sources,
        c.dust_sources,
        c.mobile_sources,
        list.heating.len()
    ))];
    for lc in &report.levels {
        let m = &lc.measures;
        blocks.push(para(format!(
            "{}：停产企业{}家，限产企业{}家，自主减排企业{}家，无减排措施企业{}家；停工工地{}个。",
            lc.level.name_zh(),
            m.stop,
            m.limit,
            m.self_reduce,
            m.other,
            m.sites_stopped
        )));
    }
    if let Some(cov) = &report.coverage {
        let parts: Vec<String> = Pollutant::ALL
            .iter()
            .map(|p| format!("{}{}", p.name_zh(), percent(*cov.get(*p))))
            .collect();
        blocks.push(para(format!(
            "清单中各污染源的日排放量占全社会日排放量的比例（任何减排措施可达到的最高减排比例）：{}。",
            parts.join("，")
        )));
    }
    section("基本情况", blocks)
}

fn baseline(list: &List, caption: &mut impl FnMut(&str) -> String) -> Section {
    let Some(b) = &list.baseline else {
        return section("全社会排放量", vec![para(reduce::NO_BASELINE)]);
    };
    let unit = match b.unit {
        crate::model::BaselineUnit::PerYear => "t/a",
        crate::model::BaselineUnit::PerDay => "t/d",
    };
    let daily = b.daily();
    let rows = Pollutant::ALL
        .iter()
        .map(|&p| {
            vec![
                p.name_zh().to_string(),
                amount(*b.amounts.get(p)),
                amount(*daily.get(p)),
            ]
        })
        .collect();
    let given = format!("全社会排放量({unit})");
    section(
        "全社会排放量",
        vec![
            para(format!(
                "全社会排放量取自本地区大气污染物排放清单，按{unit}给出{}。",
                if unit == "t/a" {
                    "，日排放量按365天折算"
                } else {
                    ""
                }
            )),
            table(
                caption("全社会排放量"),
                &["污染物", &given, "全社会日排放量(t/d)"],
                rows,
            ),
        ],
    )
}

fn levels(report: &Report, caption: &mut impl FnMut(&str) -> String) -> Section {
    let mut rows = Vec::new();
    let mut paras = Vec::new();
    for lc in &report.levels {
        let ratio = |p: Pollutant| lc.ratio.map(|r| *r.get(p));
        let pass = |p: Pollutant| match p {
            Pollutant::So2 => lc.pass.so2,
            Pollutant::Nox => lc.pass.nox,
            Pollutant::Pm => lc.pass.pm,
            Pollutant::Vocs => lc.pass.vocs,
        };
        for p in Pollutant::ALL {
            rows.push(vec![
                lc.level.name_zh().to_string(),
                p.name_zh().to_string(),
                amount(*lc.reduction.get(p)),
                ratio(p).map_or("—".to_string(), percent),
                percent(lc.target),
                if lc.ratio.is_some() {
                    mark(pass(p))
                } else {
                    "—"
                }
                .to_string(),
            ]);
        }
        if let Some(r) = lc.ratio {
            rows.push(vec![
                lc.level.name_zh().to_string(),
                "二氧化硫+氮氧化物".to_string(),
                amount(lc.reduction.so2 + lc.reduction.nox),
                percent(r.so2 + r.nox),
                percent(2.0 * lc.target),
                mark(lc.pass.so2_nox).to_string(),
            ]);
        }
        paras.push(para(format!(
            "{}：{}",
            lc.level.name_zh(),
            if lc.ratio.is_none() {
                "未设置全社会排放量，无法判断是否达标".to_string()
            } else if lc.pass.level {
                "各项减排比例均达到目标，达标。".to_string()
            } else {
                "未达到减排目标，缺口见下节。".to_string()
            }
        )));
    }
    let mut blocks = vec![table(
        caption("各级预警减排量及减排比例"),
        &[
            "预警级别",
            "污染物",
            "日减排量(t/d)",
            "减排比例",
            "目标比例",
            "是否达标",
        ],
        rows,
    )];
    blocks.extend(paras);
    section("各级预警减排量及减排比例", blocks)
}

fn shortfalls(report: &Report) -> Section {
    let mut blocks = Vec::new();
    for lc in &report.levels {
        let (Some(r), Some(s)) = (lc.ratio, lc.shortfall) else {
            continue;
        };
        for p in Pollutant::ALL {
            if s.get(p) > 0.0 {
                blocks.push(para(format!(
                    "{}{}：减排比例{}，低于目标{}，尚缺{} t/d。",
                    lc.level.name_zh(),
                    p.name_zh(),
                    percent(*r.get(p)),
                    percent(lc.target),
                    amount(s.get(p))
                )));
            }
        }
        if s.so2_nox_points > 0.0 {
            blocks.push(para(format!(
                "{}二氧化硫+氮氧化物：减排比例之和{}，低于{}，尚缺{}个百分点。",
                lc.level.name_zh(),
                percent(r.so2 + r.nox),
                percent(2.0 * lc.target),
                crate::model::numbers::points(s.so2_nox_points)
            )));
        }
    }
    if blocks.is_empty() {
        let text = if report.baseline.is_none() {
            "未设置全社会排放量，无法计算缺口。"
        } else {
            "各级预警各项污染物均达到减排目标，无缺口。"
        };
        blocks.push(para(text));
    }
    section("未达标情况及缺口", blocks)
}

/// Where a source is, for the note: its sheet and row where known, else its record's name.
fn place(origin: Option<&Origin>, record: &str, source: &Source) -> String {
    let name = if source.name.is_empty() {
        record.to_string()
    } else {
        format!("{record}·{}", source.name)
    };
    match origin {
        Some(o) => format!("{} 第{}行（{}）", o.sheet, o.row, name),
        None => name,
    }
}

/// The sources of the list the engine counts, with their record's name and place.
fn counted_sources(list: &List) -> Vec<(String, &Source)> {
    let mut out = Vec::new();
    for e in list.enterprises.iter().filter(|e| !e.shut_down) {
        for s in &e.sources {
            out.push((
                place(s.origin.as_ref().or(e.origin.as_ref()), &e.name, s),
                s,
            ));
        }
    }
    for site in &list.sites {
        let origin = site.source.origin.as_ref().or(site.origin.as_ref());
        out.push((place(origin, &site.name, &site.source), &site.source));
    }
    for f in &list.fleets {
        let origin = f.source.origin.as_ref().or(f.origin.as_ref());
        out.push((place(origin, &f.name, &f.source), &f.source));
    }
    out
}

/// Annual emissions given without days, for a pollutant that has no daily figure: the
/// engine divides by 365.
fn days_defaulted(s: &Source) -> bool {
    let no_days = s.days.is_none_or(|d| d == 0.0);
    no_days
        && Pollutant::ALL
            .iter()
            .any(|&p| s.annual.get(p).is_some_and(|v| v > 0.0) && s.daily.get(p).is_none())
}

/// Levels whose measure text is the only thing the engine can use and says nothing it reads.
fn texts_not_understood(s: &Source) -> Vec<Level> {
    Level::ALL
        .into_iter()
        .filter(|&l| {
            let m = s.measures.get(l);
            let text_used =
                m.share.is_none() && Pollutant::ALL.iter().any(|&p| m.amounts.get(p).is_none());
            text_used && !m.text.trim().is_empty() && !read_measure(&m.text).understood()
        })
        .collect()
}

/// At most this many places are named in one assumption paragraph, so that a list of
/// 60,000 sources gives a readable note (and a cell below Excel's 32,767 characters).
const LISTED: usize = 100;

fn assumptions(list: &List) -> Section {
    let sources = counted_sources(list);
    let mut days = Vec::new();
    let mut texts = Vec::new();
    let mut inherited = Vec::new();
    for (place, s) in &sources {
        if days_defaulted(s) {
            days.push(place.clone());
        }
        for l in texts_not_understood(s) {
            texts.push(format!(
                "{place}{}：{}",
                l.name_zh(),
                s.measures.get(l).text
            ));
        }
        for l in [Level::Orange, Level::Red] {
            if s.measures.get(l).is_blank() {
                inherited.push(format!("{place}{}", l.name_zh()));
            }
        }
    }
    let mut blocks = Vec::new();
    let mut list_block = |intro: &str, none: &str, items: Vec<String>| {
        if items.is_empty() {
            blocks.push(para(none));
        } else if items.len() <= LISTED {
            blocks.push(para(format!(
                "{intro}（共{}处）：{}。",
                items.len(),
                items.join("；")
            )));
        } else {
            blocks.push(para(format!(
                "{intro}（共{}处，以下列出前{LISTED}处，其余从略）：{}……",
                items.len(),
                items[..LISTED].join("；")
            )));
        }
    };
    list_block(
        "以下污染源未填写年生产天数，日排放量按365天计算",
        "所有给出年排放量的污染源均填写了年生产天数。",
        days,
    );
    list_block(
        "以下减排措施文字未能识别出减排比例，按0计算，请补填减排比例",
        "所有减排措施文字均已识别。",
        texts,
    );
    list_block(
        "以下污染源在该级别未填写任何措施，沿用下一级别的减排量",
        "所有污染源均分别填写了橙色、红色预警措施。",
        inherited,
    );
    section("测算假设", blocks)
}

fn top_sources(report: &Report, caption: &mut impl FnMut(&str) -> String) -> Section {
    let mut blocks = vec![para(
        "红色预警下各污染物日减排量最大的20个污染源（不足20个的列出全部有减排的源）。",
    )];
    for top in report.top.iter().filter(|t| t.level == Level::Red) {
        let rows: Vec<Vec<String>> = top
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| {
                vec![
                    (i + 1).to_string(),
                    s.category.name_zh().to_string(),
                    s.county.clone(),
                    s.enterprise.clone(),
                    s.source.clone(),
                    amount(s.reduction),
                ]
            })
            .collect();
        if rows.is_empty() {
            blocks.push(para(format!(
                "{}：没有减排量大于0的污染源。",
                top.pollutant.name_zh()
            )));
            continue;
        }
        blocks.push(table(
            caption(&format!(
                "{}减排量前{}位",
                top.pollutant.name_zh(),
                rows.len()
            )),
            &[
                "序号",
                "类别",
                "所属区县",
                "企业(项目)名称",
                "生产线/工序",
                "日减排量(t/d)",
            ],
            rows,
        ));
    }
    section("减排贡献最大的污染源", blocks)
}

fn warnings(report: &Report, caption: &mut impl FnMut(&str) -> String) -> Section {
    if report.warnings.is_empty() {
        return section("警告", vec![para("测算中没有警告。")]);
    }
    let rows = report
        .warnings
        .iter()
        .map(|w| {
            vec![
                w.sheet.clone().unwrap_or_default(),
                w.row.map(|r| r.to_string()).unwrap_or_default(),
                w.column.clone().unwrap_or_default(),
                w.message.clone(),
            ]
        })
        .collect();
    section(
        "警告",
        vec![table(
            caption("测算警告"),
            &["工作表", "行", "列", "说明"],
            rows,
        )],
    )
}
