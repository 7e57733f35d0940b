//! Section 未达标原因及申请 of the note: for each level that misses its target, what a
//! reviewer needs before granting a lower ratio (Jiyuan: "确实无法达到的，应当尽最大能力减排，
//! 在提供详细的测算说明和清单的基础上，可酌情降低减排比例"): the ceiling the list can reach at
//! all (listed emissions ÷ whole society), the part exempt from stopping and why, the sources
//! already stopped, the largest reductions still possible, and the county's own reasons and
//! requested ratio.

use crate::model::{Amounts, EnterpriseClass, Level, List, NoteRequest, PerLevel, Pollutant};
use crate::reduce::{source_reduction, Report};

use super::{amount, para, percent, section, table, Block, Section};

/// How many of the largest remaining reductions the note lists per level and pollutant.
pub const REMAINING_LISTED: usize = 20;

/// Why an enterprise is not asked to stop, in the words the seeds use.
const GUARANTEE_REASON: &str = "保障类企业（民生、城市运行或战略保障），原则上不停产";
const SMALL_REASON: &str = "小微涉气企业，排放量小，原则上不停产";

/// The placeholder a filed document shows where the county has not yet stated its part.
const NOT_STATED: &str = "【待补充】";

/// One counted source with what the note needs of it.
struct Candidate {
    who: String,
    line: String,
    exempt: Option<&'static str>,
    daily: Amounts,
    reductions: PerLevel<Amounts>,
    measures: PerLevel<String>,
}

/// Every source the engine counts (shut-down enterprises emit nothing and are left out).
fn candidates(list: &List) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut push = |who: &str, exempt, s: &crate::model::Source| {
        let r = source_reduction(s);
        out.push(Candidate {
            who: who.to_string(),
            line: s.name.trim().to_string(),
            exempt,
            daily: r.daily,
            reductions: r.reductions,
            measures: PerLevel::from_fn(|l| {
                let mut at = Some(l);
                while let Some(level) = at {
                    let t = s.measures.get(level).text.trim();
                    if !t.is_empty() {
                        return t.to_string();
                    }
                    at = level.lower();
                }
                "—".to_string()
            }),
        });
    };
    for e in list.enterprises.iter().filter(|e| !e.shut_down) {
        let exempt = if e.is_guarantee() {
            Some(GUARANTEE_REASON)
        } else if e.class == Some(EnterpriseClass::SmallMicro) {
            Some(SMALL_REASON)
        } else {
            None
        };
        for s in &e.sources {
            push(&e.name, exempt, s);
        }
    }
    for site in &list.sites {
        push(&site.name, None, &site.source);
    }
    for f in &list.fleets {
        push(&f.name, None, &f.source);
    }
    out
}

/// The pollutants a failing level is short of: each one below target, and SO2 and NOx both
/// when only their pair condition fails.
fn short_pollutants(report: &Report, level: Level) -> Vec<Pollutant> {
    let Some(lc) = report.levels.iter().find(|l| l.level == level) else {
        return Vec::new();
    };
    let Some(s) = lc.shortfall else {
        return Vec::new();
    };
    Pollutant::ALL
        .into_iter()
        .filter(|&p| {
            s.get(p) > 0.0
                || (s.so2_nox_points > 0.0 && matches!(p, Pollutant::So2 | Pollutant::Nox))
        })
        .collect()
}

/// The section, or `None` when every level passes or no ratio can be computed.
pub(super) fn section_for(
    list: &List,
    report: &Report,
    requests: &PerLevel<Option<NoteRequest>>,
    caption: &mut impl FnMut(&str) -> String,
) -> Option<Section> {
    let base = report.baseline?;
    let failing: Vec<Level> = report
        .levels
        .iter()
        .filter(|l| l.ratio.is_some() && !l.pass.level)
        .map(|l| l.level)
        .collect();
    if failing.is_empty() {
        return None;
    }
    let all = candidates(list);
    let mut blocks = Vec::new();
    for level in failing {
        let name = level.name_zh();
        let pollutants = short_pollutants(report, level);
        blocks.push(para(format!(
            "{name}：以下说明{}未达到目标的原因。",
            pollutants
                .iter()
                .map(|p| p.name_zh())
                .collect::<Vec<_>>()
                .join("、")
        )));
        for &p in &pollutants {
            let b = *base.get(p);
            let listed: f64 = all.iter().map(|c| *c.daily.get(p)).sum();
            let remaining =
                |c: &Candidate| (c.daily.get(p) - c.reductions.get(level).get(p)).max(0.0);
            let exempt_left: f64 = all
                .iter()
                .filter(|c| c.exempt.is_some())
                .map(remaining)
                .sum();
            let stopped: Vec<&Candidate> = all
                .iter()
                .filter(|c| *c.daily.get(p) > 0.0 && remaining(c) <= c.daily.get(p) * 1e-3)
                .collect();
            let stopped_amount: f64 = stopped.iter().map(|c| *c.daily.get(p)).sum();
            let ratio = |x: f64| {
                if b > 0.0 {
                    percent(x / b)
                } else {
                    "—".to_string()
                }
            };
            blocks.push(para(format!(
                "{name}{}：清单内全部污染源日排放量合计{} t/d，占全社会日排放量（{} t/d）的{}，即清单全部停产时减排比例的上限；其中豁免停产的保障类、小微企业尚有{} t/d未减，扣除后可达到的最高减排比例为{}。已全部减排（停产或减排100%）的污染源{}个，日排放量合计{} t/d。",
                p.name_zh(),
                amount(listed),
                amount(b),
                ratio(listed),
                amount(exempt_left),
                ratio(listed - exempt_left),
                stopped.len(),
                amount(stopped_amount),
            )));
            let exempt_rows: Vec<Vec<String>> = all
                .iter()
                .filter(|c| c.exempt.is_some() && remaining(c) > 0.0)
                .take(REMAINING_LISTED)
                .map(|c| {
                    vec![
                        c.who.clone(),
                        c.line.clone(),
                        amount(remaining(c)),
                        c.exempt.unwrap_or_default().to_string(),
                    ]
                })
                .collect();
            if !exempt_rows.is_empty() {
                blocks.push(table(
                    caption(&format!("{name}{}豁免停产的污染源", p.name_zh())),
                    &["企业名称", "生产线/工序", "尚未减排(t/d)", "豁免理由"],
                    exempt_rows,
                ));
            }
            let mut open: Vec<&Candidate> = all
                .iter()
                .filter(|c| c.exempt.is_none() && remaining(c) > 0.0)
                .collect();
            open.sort_by(|a, b| remaining(b).total_cmp(&remaining(a)));
            open.truncate(REMAINING_LISTED);
            if open.is_empty() {
                blocks.push(para(format!(
                    "{name}{}：除豁免停产的污染源外，清单内污染源均已全部减排，无可再增加的减排量。",
                    p.name_zh()
                )));
            } else {
                let rows = open
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        vec![
                            (i + 1).to_string(),
                            c.who.clone(),
                            c.line.clone(),
                            c.measures.get(level).clone(),
                            amount(remaining(c)),
                            ratio(remaining(c)),
                        ]
                    })
                    .collect();
                blocks.push(table(
                    caption(&format!(
                        "{name}{}尚可增加的减排量（前{}位）",
                        p.name_zh(),
                        open.len()
                    )),
                    &[
                        "序号",
                        "企业(项目)名称",
                        "生产线/工序",
                        "现有措施",
                        "停产可增加减排量(t/d)",
                        "可提高减排比例",
                    ],
                    rows,
                ));
            }
        }
        blocks.extend(statement(level, requests.get(level).as_ref()));
    }
    Some(section("未达标原因及申请", blocks))
}

/// The county's reasons and requested ratio for `level`, or 【待补充】 where not yet stated.
fn statement(level: Level, request: Option<&NoteRequest>) -> Vec<Block> {
    let name = level.name_zh();
    let reason = request
        .map(|r| r.reason.trim())
        .filter(|r| !r.is_empty())
        .unwrap_or(NOT_STATED);
    let requested = match request.and_then(|r| r.requested) {
        Some(r) => format!("申请将{name}减排比例调整为{}。", percent(r)),
        None => format!("申请调整后的{name}减排比例：{NOT_STATED}。"),
    };
    vec![
        para(format!("{name}未达标原因（县（市、区）说明）：{reason}")),
        para(requested),
    ]
}
