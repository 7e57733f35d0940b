//! The episode's documents: the printable 通知 per township, the 每日应急处置工作信息 and the
//! 总结评估报告. Their numbers come from [`crate::episode`]'s report structs, which `--json`
//! prints too, so a document never says something the JSON does not.

use std::path::Path;

use docx_rs::LineSpacing;

use super::typeset::{self, size};
use super::DocError;
use crate::episode::{show_time, DailyReport, EvaluationReport, Notice, Time};
use crate::model::{Level, Pollutant};
use crate::reduce::tidy;

/// Page margin (2.5 cm).
const MARGIN: i32 = 1417;
/// Usable width of the A4 portrait page.
const WIDTH: usize = (typeset::A4.0 as i32 - 2 * MARGIN) as usize;

fn title(text: &str) -> docx_rs::Paragraph {
    typeset::title(text, size::ERHAO).line_spacing(LineSpacing::new().after(360))
}

fn table(docx: docx_rs::Docx, widths: &[usize], rows: Vec<Vec<String>>) -> docx_rs::Docx {
    let total: usize = widths.iter().sum();
    let scaled: Vec<usize> = widths.iter().map(|w| w * WIDTH / total).collect();
    docx.add_table(typeset::grid(&scaled, &rows, 1, size::WUHAO))
}

/// Writes the 通知 of one township: one notice per enterprise or site, each on its own page.
///
/// # Errors
/// [`DocError`] when the file cannot be written.
pub fn write_notices(
    area: &str,
    town: &str,
    level: Level,
    started: Time,
    notices: &[&Notice],
    path: &Path,
) -> Result<(), DocError> {
    let mut docx = typeset::new_document(typeset::A4, false, MARGIN);
    for (i, n) in notices.iter().enumerate() {
        if i > 0 {
            docx = docx.add_paragraph(typeset::page_break());
        }
        let d = &n.draft;
        docx = docx
            .add_paragraph(title(&format!("重污染天气{}应急减排通知", level.name_zh())))
            .add_paragraph(typeset::body(&format!("{}（{}）：", d.name, d.code)))
            .add_paragraph(typeset::body(&format!(
                "{area}自{}起启动重污染天气{}（{}）。请你单位接到通知后立即按应急减排清单落实以下措施，并于{}前回复确认。",
                show_time(started),
                level.name_zh(),
                town,
                show_time(n.deadline)
            )));
        let mut rows = vec![vec!["序号".to_string(), "应执行的减排措施".to_string()]];
        if d.measures.is_empty() {
            rows.push(vec!["1".into(), "按应急减排清单所列措施执行".into()]);
        }
        for (j, m) in d.measures.iter().enumerate() {
            rows.push(vec![(j + 1).to_string(), m.clone()]);
        }
        docx = table(docx, &[1, 9], rows);
        docx = docx.add_paragraph(typeset::body(&format!(
            "应急减排责任人：{}　联系电话：{}　所属乡镇：{}　通知编号：{}",
            d.responsible.name, d.responsible.phone, town, n.id
        )));
    }
    typeset::save(docx, path)
}

fn counts_line(r: &std::collections::BTreeMap<String, usize>) -> String {
    r.iter()
        .map(|(k, v)| format!("{k}{v}家次"))
        .collect::<Vec<_>>()
        .join("，")
}

/// Writes the 每日应急处置工作信息.
///
/// # Errors
/// [`DocError`] when the file cannot be written.
pub fn write_daily(area: &str, r: &DailyReport, path: &Path) -> Result<(), DocError> {
    let m = &r.measures;
    let mut docx = typeset::new_document(typeset::A4, false, MARGIN)
        .add_paragraph(title(&format!("{area}重污染天气应急处置工作信息")))
        .add_paragraph(typeset::body(&format!("（{}）", r.date)))
        .add_paragraph(typeset::heading1("一、预警启动情况"))
        .add_paragraph(typeset::body(&format!(
            "{}启动重污染天气预警，当前为{}（自{}起），主要污染物：{}。",
            r.started_at,
            r.level.name_zh(),
            r.level_since,
            if r.pollutant.is_empty() { "未注明" } else { &r.pollutant }
        )))
        .add_paragraph(typeset::heading1("二、采取的应急措施"))
        .add_paragraph(typeset::body(&format!(
            "按应急减排清单，工业企业停产{}家、限产{}家、自主减排{}家、其他{}家；施工工地停工{}处；用车大户限制运输{}家。",
            m.stop, m.limit, m.self_chosen, m.other, m.sites_stopped, m.fleets_restricted
        )))
        .add_paragraph(typeset::heading1("三、预警信息发布情况"))
        .add_paragraph(typeset::body(&format!(
            "共发出通知{}份，已确认{}份（按时确认{}份），超时{}份。",
            r.notices.issued, r.notices.confirmed, r.notices.confirmed_in_time, r.notices.overdue
        )))
        .add_paragraph(typeset::heading1("四、督导检查情况"))
        .add_paragraph(typeset::body(&format!(
            "当日检查{}家次：{}。发现问题{}个。",
            r.inspections.total,
            counts_line(&r.inspections.by_result),
            r.problems.len()
        )));
    if !r.problems.is_empty() {
        let mut rows = vec![["时间", "名称", "结果", "问题", "整改要求"]
            .map(String::from)
            .to_vec()];
        for p in &r.problems {
            rows.push(vec![
                p.at.clone(),
                p.name.clone(),
                p.result.clone(),
                p.problem.clone(),
                p.rectification.clone(),
            ]);
        }
        docx = table(docx, &[3, 4, 2, 4, 4], rows);
    }
    docx = docx
        .add_paragraph(typeset::heading1("五、用电量核查"))
        .add_paragraph(typeset::body(&format!(
            "当日用电量超过上限的企业{}家次。",
            r.power_flags
        )))
        .add_paragraph(typeset::body(&format!("报送时限：{}前。", r.due)));
    typeset::save(docx, path)
}

/// Writes the 总结评估报告.
///
/// # Errors
/// [`DocError`] when the file cannot be written.
pub fn write_evaluation(area: &str, r: &EvaluationReport, path: &Path) -> Result<(), DocError> {
    let mut docx = typeset::new_document(typeset::A4, false, MARGIN)
        .add_paragraph(title(&format!("{area}重污染天气应急响应总结评估报告")))
        .add_paragraph(typeset::heading1("一、过程概况"))
        .add_paragraph(typeset::body(&format!(
            "{}发布预警（文号：{}），{}启动，{}解除，历时{}小时，主要污染物：{}。",
            if r.issuer.is_empty() {
                "上级"
            } else {
                &r.issuer
            },
            if r.doc_no.is_empty() {
                "未注明"
            } else {
                &r.doc_no
            },
            r.started_at,
            r.ended_at,
            tidy(r.duration_hours),
            if r.pollutant.is_empty() {
                "未注明"
            } else {
                &r.pollutant
            }
        )));
    let mut rows = vec![["级别", "起", "止", "小时", "SO2", "NOx", "PM", "VOCs"]
        .map(String::from)
        .to_vec()];
    for l in &r.levels {
        let mut row = vec![
            l.level.name_zh().to_string(),
            l.from.clone(),
            l.to.clone(),
            format!("{:.2}", l.hours),
        ];
        row.extend(Pollutant::ALL.map(|p| format!("{:.4}", l.promised.get(p))));
        rows.push(row);
    }
    docx = table(docx, &[3, 4, 4, 2, 2, 2, 2, 2], rows).add_paragraph(typeset::body(
        "表中 SO2、NOx、PM、VOCs 为清单在该级别承诺的日减排量（吨/日）。",
    ));
    docx = docx
        .add_paragraph(typeset::heading1("二、通知落实"))
        .add_paragraph(typeset::body(&format!(
            "共发出通知{}份，已确认{}份，其中按时确认{}份（{:.2}%），超时{}份。",
            r.notices.issued,
            r.notices.confirmed,
            r.notices.confirmed_in_time,
            r.confirmed_in_time_share * 100.0,
            r.notices.overdue
        )))
        .add_paragraph(typeset::heading1("三、督导检查"))
        .add_paragraph(typeset::body(&format!(
            "共检查{}家次：{}。",
            r.inspections.total,
            counts_line(&r.inspections.by_result)
        )));
    if !r.violations.is_empty() {
        let mut rows = vec![["时间", "名称", "结果", "问题", "整改要求"]
            .map(String::from)
            .to_vec()];
        for p in &r.violations {
            rows.push(vec![
                p.at.clone(),
                p.name.clone(),
                p.result.clone(),
                p.problem.clone(),
                p.rectification.clone(),
            ]);
        }
        docx = table(docx, &[3, 4, 2, 4, 4], rows);
    }
    let names = |v: &[String]| {
        if v.is_empty() {
            "无".to_string()
        } else {
            v.join("、")
        }
    };
    docx = docx
        .add_paragraph(typeset::body(&format!(
            "降级候选企业：{}。移出保障类候选企业：{}。（候选仅供研究，经清单修订后生效。）",
            names(&r.downgrade_candidates),
            names(&r.guarantee_candidates)
        )))
        .add_paragraph(typeset::heading1("四、用电量核查"))
        .add_paragraph(typeset::body(&format!(
            "核查企业{}家，超过上限{}家（{}天次），无法核查（缺正常日用电量）{}家。",
            r.power_judged, r.power_flagged_enterprises, r.power_flagged, r.power_no_normal
        )))
        .add_paragraph(typeset::heading1("五、原因分析"))
        .add_paragraph(typeset::body("（待填写）"))
        .add_paragraph(typeset::heading1("六、改进建议"))
        .add_paragraph(typeset::body("（待填写）"))
        .add_paragraph(typeset::body(&format!("报送时限：{}前。", r.due)));
    typeset::save(docx, path)
}
