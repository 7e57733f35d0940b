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

use std::path::Path;

use chrono::Local;
use docx_rs::{Docx, Paragraph, TableRow, VMergeType};

use crate::model::{
    Amounts, Contact, Enterprise, Fleet, Heating, Level, List, Measure, Pollutant, Source,
};
use crate::reduce::measure_text::{read_measure, MeasureKind};
use crate::reduce::{source_reduction, SourceReduction, DEFAULT_DAYS};

use super::content::{self, percent, source_label, BoardContent};
use super::fill::{Filler, PLACEHOLDER};
use super::typeset::{self, cell, size, CellStyle};
use super::{DocError, Missing};

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
    let e = content::find_enterprise(list, code)?;
    let plan = Plan::new(list, e);
    let (docx, missing) = plan.document();
    typeset::save(docx, path)?;
    Ok(missing)
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
    rows: Vec<Row<'a>>,
    board: BoardContent,
    board_fill: Filler,
    place: String,
}

impl<'a> Plan<'a> {
    fn new(list: &'a List, e: &'a Enterprise) -> Self {
        let fleet = content::find_fleet(list, e);
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
        let board = content::enterprise_board(list, e, &mut board_fill);
        let place = if e.name.trim().is_empty() {
            "（未命名企业）".to_string()
        } else {
            e.name.trim().to_string()
        };
        Plan {
            e,
            fleet,
            heating: content::find_heating(list, e),
            rows,
            board,
            board_fill,
            place,
        }
    }

    /// The industrial rows only (the fleet's row is last when present).
    fn source_rows(&self) -> &[Row<'a>] {
        let n = self.e.sources.len();
        &self.rows[..n]
    }

    fn document(self) -> (Docx, Vec<Missing>) {
        let mut fill = Filler::default();
        let mut docx = typeset::new_document(typeset::A4, false, MARGIN);
        let mut n = 0;
        let mut next = || {
            n += 1;
            typeset::numeral(n)
        };
        docx = self.cover(docx, &mut fill);
        docx = self.basics(
            docx.add_paragraph(typeset::heading1(&format!("{}、企业基本情况", next()))),
            &mut fill,
        );
        docx = self.process(
            docx.add_paragraph(typeset::heading1(&format!("{}、主要生产工艺流程", next()))),
            &mut fill,
        );
        docx = self.emissions(docx.add_paragraph(typeset::heading1(&format!(
            "{}、主要涉气产排污环节及排放情况",
            next()
        ))));
        docx = self.measures(
            docx.add_paragraph(typeset::heading1(&format!("{}、分级减排措施", next()))),
            &mut fill,
        );
        docx = self.people(
            docx.add_paragraph(typeset::heading1(&format!("{}、责任人", next()))),
            &mut fill,
        );
        docx = self.verification(
            docx.add_paragraph(typeset::heading1(&format!("{}、监测与核查", next()))),
        );
        docx = self.attachment(docx);
        fill.absorb(self.board_fill);
        (docx, fill.finish())
    }

    // ----- cover -----

    fn cover(&self, docx: Docx, fill: &mut Filler) -> Docx {
        let name = fill.text(&self.e.name, "企业名称", &self.place);
        let county = fill.text(&self.e.county, "所属县（市、区）", &self.place);
        let date = Local::now().date_naive().format("%Y年%m月%d日").to_string();
        let spacer = || Paragraph::new().add_run(typeset::run(" ").size(size::ERHAO));
        let mut d = docx;
        for _ in 0..4 {
            d = d.add_paragraph(spacer());
        }
        d = d
            .add_paragraph(typeset::title(&name, size::ERHAO))
            .add_paragraph(typeset::title("重污染天气应急响应操作方案", size::ERHAO))
            .add_paragraph(typeset::title("（一厂一策）", size::SANHAO));
        for _ in 0..5 {
            d = d.add_paragraph(spacer());
        }
        let centred = |t: String| {
            Paragraph::new()
                .align(docx_rs::AlignmentType::Center)
                .add_run(typeset::run(&t).size(size::SIHAO))
        };
        d.add_paragraph(centred(format!("所属县（市、区）：{county}")))
            .add_paragraph(centred(format!("编制单位：{name}")))
            .add_paragraph(centred(format!("编制日期：{date}")))
            .add_paragraph(spacer())
            .add_paragraph(centred(
                "编制：__________  审核：__________  审批：__________".into(),
            ))
            .add_paragraph(typeset::page_break())
    }

    // ----- 一、企业基本情况 -----

    fn basics(&self, docx: Docx, fill: &mut Filler) -> Docx {
        let e = self.e;
        let place = &self.place;
        let products = distinct(e.sources.iter().map(|s| s.product.trim()));
        let cems = match e.cems {
            Some(true) => "是".to_string(),
            Some(false) => "否".to_string(),
            None => fill.text("", "是否安装CEMS", place),
        };
        let class = e
            .class
            .map(|c| c.name_zh().to_string())
            .unwrap_or_else(|| fill.text("", "企业类型", place));
        let rows = vec![
            ("企业名称", fill.text(&e.name, "企业名称", place)),
            (
                "统一社会信用代码",
                fill.text(&e.code, "统一社会信用代码", place),
            ),
            (
                "所属县（市、区）",
                fill.text(&e.county, "所属县（市、区）", place),
            ),
            ("乡镇（街道）", fill.text(&e.town, "乡镇（街道）", place)),
            ("企业地址", fill.text(&e.address, "企业地址", place)),
            ("行业类别", fill.text(&e.industry, "行业类别", place)),
            (
                "是否属于重点行业",
                if e.is_key_industry() { "是" } else { "否" }.to_string(),
            ),
            ("绩效等级", content::grade_text(e, fill)),
            ("企业类型", class),
            ("主要产品", fill.text(&products, "主要产品", place)),
            ("是否安装CEMS（在线监测）", cems),
        ];
        let widths = [WIDTH * 3 / 10, WIDTH - WIDTH * 3 / 10];
        let table_rows: Vec<Vec<String>> = rows
            .into_iter()
            .map(|(l, v)| vec![l.to_string(), v])
            .collect();
        let mut table_rows = table_rows;
        if let Some(h) = self.heating {
            table_rows.push(vec!["协同供暖（以热定产）".to_string(), heating_text(h)]);
        }
        let mut d = docx.add_table(label_table(&widths, &table_rows));
        if e.shut_down {
            d = d.add_paragraph(typeset::body(
                "本企业长期停产，预警期间不排放大气污染物；复产或试生产前须向县（市、区）、市两级报告，经同意后方可进行。",
            ));
        }
        d
    }

    // ----- 二、主要生产工艺流程 -----

    fn process(&self, docx: Docx, fill: &mut Filler) -> Docx {
        let n = self.e.sources.len();
        let intro = if n == 0 {
            fill.note("生产线（工序、设施）", &self.place);
            format!("清单中尚未登记本企业的生产线（工序、设施）{PLACEHOLDER}。")
        } else {
            format!("本企业共有{n}条生产线（工序、设施）纳入重污染天气应急减排清单，主要生产工艺流程及产能如下：")
        };
        let mut rows = vec![vec![
            "序号".to_string(),
            "生产线（工序、设施）".to_string(),
            "主要产品".to_string(),
            "设计产能".to_string(),
            "年生产天数".to_string(),
        ]];
        for (i, s) in self.e.sources.iter().enumerate() {
            let place = format!("{} / {}", self.place, source_label(s));
            let days = match s.days {
                Some(d) if d > 0.0 => fmt(d, 0),
                _ => format!(
                    "{}（按{}天测算）",
                    fill.text("", "年生产天数", &place),
                    fmt(DEFAULT_DAYS, 0)
                ),
            };
            rows.push(vec![
                (i + 1).to_string(),
                source_label(s),
                fill.text(&s.product, "主要产品", &place),
                fill.text(&s.capacity, "设计产能", &place),
                days,
            ]);
        }
        let w = [WIDTH / 12, WIDTH * 4 / 12, WIDTH * 3 / 12, WIDTH * 2 / 12];
        let widths = [w[0], w[1], w[2], w[3], WIDTH - w.iter().sum::<usize>()];
        let d = docx.add_paragraph(typeset::body(&intro));
        if n == 0 {
            d
        } else {
            d.add_table(typeset::grid(&widths, &rows, 1, size::WUHAO))
        }
    }

    // ----- 三、主要涉气产排污环节及排放情况 -----

    fn emissions(&self, docx: Docx) -> Docx {
        let mut d = docx
            .add_paragraph(typeset::heading2("（一）生产线（工序、设施）排放情况"))
            .add_paragraph(typeset::body(
                "各生产线（工序、设施）二氧化硫、氮氧化物、颗粒物和挥发性有机物排放量如下（日排放量按年排放量除以年生产天数计算，与应急减排清单测算一致）：",
            ));
        if !self.source_rows().is_empty() {
            d = d.add_table(self.emission_table());
        }
        d = d.add_paragraph(typeset::heading2("（二）运输车辆及非道路移动机械"));
        match self.fleet {
            Some(f) => self.fleet_part(d, f),
            None => d.add_paragraph(typeset::body(
                "本企业未列入移动源清单（日均进出重型货车10辆次及以上的用车大户）。如有重型运输车辆或非道路移动机械，应补充车辆和机械的数量、排放阶段及使用情况。",
            )),
        }
    }

    fn emission_table(&self) -> docx_rs::Table {
        let name_w = WIDTH * 2 / 10;
        let num_w = (WIDTH - name_w) / 8;
        let mut widths = vec![name_w];
        widths.extend([num_w; 8]);
        let h = CellStyle::header(size::XIAOWU);
        let t = CellStyle::text(size::XIAOWU).centered();
        let mut rows = vec![
            TableRow::new(vec![
                cell("生产线（工序、设施）", name_w, h).vertical_merge(VMergeType::Restart),
                cell("年排放量（t/a）", num_w * 4, h).grid_span(4),
                cell("日排放量（t/d）", num_w * 4, h).grid_span(4),
            ]),
            TableRow::new(
                std::iter::once(cell("", name_w, h).vertical_merge(VMergeType::Continue))
                    .chain(
                        Pollutant::ALL
                            .iter()
                            .chain(Pollutant::ALL.iter())
                            .map(|p| cell(p.name_zh(), num_w, h)),
                    )
                    .collect(),
            ),
        ];
        let mut annual_total = Amounts::ZERO;
        let mut daily_total = Amounts::ZERO;
        for r in self.source_rows() {
            let annual = annual_of(r.source, &r.reduction);
            annual_total.add(&annual);
            daily_total.add(&r.reduction.daily);
            rows.push(amount_row(
                &r.label,
                &annual,
                &r.reduction.daily,
                &widths,
                t,
            ));
        }
        rows.push(amount_row("合计", &annual_total, &daily_total, &widths, t));
        typeset::fixed_table(&widths, rows)
    }

    fn fleet_part(&self, docx: Docx, f: &Fleet) -> Docx {
        let trips = f
            .daily_trips
            .map(|t| format!("{}辆次", fmt(t, 0)))
            .unwrap_or_else(|| "未填写".to_string());
        let r = source_reduction(&f.source);
        let v = &f.vehicles;
        let count = |c: Option<u32>| c.map_or("—".to_string(), |n| n.to_string());
        let rows = vec![
            vec![
                "日均进出车辆".to_string(),
                "国三及以下".to_string(),
                "国四".to_string(),
                "国五".to_string(),
                "国六".to_string(),
                "新能源".to_string(),
            ],
            vec![
                trips.clone(),
                count(v.guo3_or_older),
                count(v.guo4),
                count(v.guo5),
                count(v.guo6),
                count(v.new_energy),
            ],
        ];
        let widths = [
            WIDTH / 6,
            WIDTH / 6,
            WIDTH / 6,
            WIDTH / 6,
            WIDTH / 6,
            WIDTH - 5 * (WIDTH / 6),
        ];
        docx.add_paragraph(typeset::body(&format!(
            "本企业列入移动源清单（用车大户），日均进出车辆{trips}，运输车辆按排放阶段统计如下（辆）：",
        )))
        .add_table(typeset::grid(&widths, &rows, 1, size::WUHAO))
        .add_paragraph(typeset::body(&format!(
            "运输车辆日排放量：氮氧化物{} t/d，颗粒物{} t/d。本清单未单列非道路移动机械，厂内如使用装载机、叉车等非道路移动机械，应登记数量和排放阶段，橙色及以上预警期间停止使用国二及以下非道路移动机械。",
            fmt(r.daily.nox, 4),
            fmt(r.daily.pm, 4)
        )))
    }

    // ----- 四、分级减排措施 -----

    fn measures(&self, docx: Docx, fill: &mut Filler) -> Docx {
        let mut d = docx.add_paragraph(typeset::body(
            "各级预警措施逐级叠加：橙色预警在落实黄色预警措施的基础上执行，红色预警在落实橙色预警措施的基础上执行。某级未单列措施的生产线，按下一级预警措施执行。",
        ));
        if self.e.shut_down {
            return d.add_paragraph(typeset::body(
                "本企业长期停产，各级预警期间均不得擅自恢复生产。",
            ));
        }
        for (i, level) in Level::ALL.into_iter().enumerate() {
            d = d.add_paragraph(typeset::heading2(&format!(
                "（{}）{}（{}）",
                typeset::numeral(i + 1),
                level.name_zh(),
                response(level)
            )));
            d = self.level_table(d, level, fill);
        }
        self.engine_notes(d)
    }

    fn level_table(&self, docx: Docx, level: Level, fill: &mut Filler) -> Docx {
        let widths = measure_widths();
        let mut rows = vec![vec![
            "生产线（工序、设施）".to_string(),
            "减排措施".to_string(),
            "减排比例".to_string(),
            "SO2".to_string(),
            "NOx".to_string(),
            "颗粒物".to_string(),
            "VOCs".to_string(),
            "关键性指标".to_string(),
            "应急准备时间".to_string(),
            "工序责任人及联系方式".to_string(),
        ]];
        let mut total = Amounts::ZERO;
        for r in &self.rows {
            let place = format!("{} / {} / {}", self.place, r.label, level.name_zh());
            let red = r.reduction.reductions.get(level);
            total.add(red);
            let text = content::measure_cell(r.source, level, &self.place, fill);
            let (owning, m) = effective_level(r.source, level);
            let share = *r.reduction.shares.get(level);
            self.check_understood(r, level, &place, fill);
            // An inherited level's gaps are reported once, at the level that owns the measure.
            let place = format!("{} / {} / {}", self.place, r.label, owning.name_zh());
            let (indicator, prep, owner) = if share > 0.0 || red.total() > 0.0 {
                (
                    fill.text(&m.key_indicator, "关键性指标", &place),
                    fill.text(&m.prep_time, "应急准备时间", &place),
                    fill.contact(&m.owner, "工序责任人", &place),
                )
            } else {
                (
                    or_dash(&m.key_indicator),
                    or_dash(&m.prep_time),
                    contact_or_dash(&m.owner),
                )
            };
            rows.push(vec![
                r.label.clone(),
                text,
                percent(share),
                fmt(red.so2, 4),
                fmt(red.nox, 4),
                fmt(red.pm, 4),
                fmt(red.vocs, 4),
                indicator,
                prep,
                owner,
            ]);
        }
        rows.push(vec![
            "合计".to_string(),
            String::new(),
            String::new(),
            fmt(total.so2, 4),
            fmt(total.nox, 4),
            fmt(total.pm, 4),
            fmt(total.vocs, 4),
            String::new(),
            String::new(),
            String::new(),
        ]);
        let mut d = docx.add_table(typeset::grid(&widths, &rows, 1, size::XIAOWU));
        if let Some(h) = self.heating {
            let m = h.measures.get(level).trim();
            if !m.is_empty() {
                d = d.add_paragraph(typeset::body(&format!("协同供暖（以热定产）：{m}")));
            }
        }
        d.add_paragraph(typeset::body(&format!(
                "{}期间本企业合计日减排量（t/d，含运输）：二氧化硫{}，氮氧化物{}，颗粒物{}，挥发性有机物{}。",
                level.name_zh(),
                fmt(total.so2, 4),
                fmt(total.nox, 4),
                fmt(total.pm, 4),
                fmt(total.vocs, 4)
            )))
    }

    /// A level whose only basis is a text the engine cannot read reduces nothing: the
    /// enterprise must state the share.
    fn check_understood(&self, r: &Row<'_>, level: Level, place: &str, fill: &mut Filler) {
        let m = r.source.measures.get(level);
        let has_number =
            m.share.is_some() || Pollutant::ALL.iter().any(|&p| m.amounts.get(p).is_some());
        if !m.text.trim().is_empty() && !has_number && !read_measure(&m.text).understood() {
            fill.note("减排比例（措施文字未能识别出减排比例，请填写）", place);
        }
    }

    /// The engine's corrections of impossible data, so the plan does not hide them.
    fn engine_notes(&self, docx: Docx) -> Docx {
        let notes: Vec<String> = self
            .rows
            .iter()
            .flat_map(|r| r.reduction.errors.iter())
            .map(|d| d.message.clone())
            .collect();
        if notes.is_empty() {
            return docx;
        }
        let mut d = docx.add_paragraph(typeset::body(
            "说明：以下数据不合理，测算已按规则修正，请核实后在清单中更正：",
        ));
        for n in notes {
            d = d.add_paragraph(typeset::body(&format!("· {n}")));
        }
        d
    }

    // ----- 五、责任人 -----

    fn people(&self, docx: Docx, fill: &mut Filler) -> Docx {
        let e = self.e;
        let place = &self.place;
        let mut rows = vec![vec![
            "职责".to_string(),
            "姓名".to_string(),
            "联系电话".to_string(),
        ]];
        let mut person = |role: &str, c: &Contact, required: bool, fill: &mut Filler| {
            let (name, phone) = if required {
                (
                    fill.text(&c.name, &format!("{role}姓名"), place),
                    fill.text(&c.phone, &format!("{role}联系电话"), place),
                )
            } else {
                (or_dash(&c.name), or_dash(&c.phone))
            };
            rows.push(vec![role.to_string(), name, phone]);
        };
        person("企业法定代表人", &e.legal, true, fill);
        person("应急减排责任人", &e.responsible, true, fill);
        person("监督人", &e.supervisor, true, fill);
        for r in &self.rows {
            for (role, c) in owners(r) {
                person(&role, &c, true, fill);
            }
        }
        let widths = [WIDTH / 2, WIDTH / 4, WIDTH - WIDTH / 2 - WIDTH / 4];
        docx.add_paragraph(typeset::body(
            "应急减排责任人负责组织落实各级预警措施；监督人负责监督措施落实并如实记录；各工序责任人负责本工序停产、限产及治污设施运行。联系方式如有变化，应及时报县（市、区）生态环境部门更新。",
        ))
        .add_table(typeset::grid(&widths, &rows, 1, size::WUHAO))
        .add_paragraph(typeset::body(
            "属地及行业主管部门责任人（清单未登记，由属地乡镇（街道）和行业主管部门填写）：",
        ))
        .add_paragraph(typeset::body(
            "属地责任人：____________  联系电话：____________",
        ))
        .add_paragraph(typeset::body(
            "行业主管部门负责人：____________  联系电话：____________",
        ))
    }

    // ----- 六、监测与核查 -----

    fn verification(&self, docx: Docx) -> Docx {
        let mut d = docx.add_paragraph(typeset::body(
            "预警期间企业如实记录生产设施、污染治理设施运行情况及用电量、原辅材料用量、产品产量和运输车辆进出台账，台账保存不少于一年。生产工序停止后，配套污染治理设施继续运行不少于3小时。各项措施按以下方式核查：",
        ));
        let mut n = 0;
        for r in &self.rows {
            // Levels with the same words are verified the same way: one item for them all.
            let mut items: Vec<(Vec<Level>, String)> = Vec::new();
            for level in Level::ALL {
                if let Some(text) = self.verify_text(r, level) {
                    match items.iter_mut().find(|(_, t)| *t == text) {
                        Some((levels, _)) => levels.push(level),
                        None => items.push((vec![level], text)),
                    }
                }
            }
            for (levels, text) in items {
                n += 1;
                let names: Vec<&str> = levels.iter().map(|l| l.name_zh()).collect();
                d = d.add_paragraph(typeset::body(&format!(
                    "{n}. {}·{}{text}",
                    names.join("、"),
                    r.label
                )));
            }
        }
        if n == 0 {
            d = d.add_paragraph(typeset::body(&format!(
                "本企业尚无可核查的减排措施{PLACEHOLDER}。"
            )));
        }
        d
    }

    /// How one level's measure of one row is verified, from its kind, the key indicator and
    /// whether the enterprise has CEMS, as "（措施）：核查…". Inherited levels are verified as
    /// the lower level and give `None`.
    fn verify_text(&self, r: &Row<'_>, level: Level) -> Option<String> {
        if *r.reduction.inherited.get(level) {
            return None;
        }
        let m = r.source.measures.get(level);
        if m.is_blank() {
            return None;
        }
        let share = *r.reduction.shares.get(level);
        let text = content::measure_cell(r.source, level, &self.place, &mut Filler::default());
        let head = format!("（{text}）");
        let ki = m.key_indicator.trim();
        let is_transport = self
            .fleet
            .is_some_and(|f| std::ptr::eq(r.source, &f.source));
        if is_transport {
            return Some(format!(
                "{head}：核查门禁及视频监控系统的车辆进出台账（车牌号、排放阶段、进出时间）{}，预警期间不得有不符合要求的车辆进出。",
                indicator_clause(ki)
            ));
        }
        let kind = read_measure(&m.text).kind;
        let cems = self.e.cems == Some(true);
        let body = if share >= 0.999 || kind == MeasureKind::Stop {
            format!(
                "该生产线（工序）停产。核查{}：停产期间用电量应降至仅维持保温、照明等辅助用电的水平，主要生产设备电流为零，生产记录和出入库台账无产品产出{}。",
                if ki.is_empty() { "该生产线分表用电量".to_string() } else { ki.to_string() },
                if cems { "；在线监测（CEMS）数据显示该排放口烟气流量降至停运水平" } else { "" }
            )
        } else if share > 0.0 {
            let keep = percent(1.0 - share);
            let cut = percent(share);
            let monitor = if cems {
                format!(
                    "以在线监测（CEMS）数据核算，预警期间污染物日排放量较预警前下降不低于{cut}；"
                )
            } else {
                String::new()
            };
            let ki_text = if ki.is_empty() {
                "用电量、原料投加量或产品产量".to_string()
            } else {
                ki.to_string()
            };
            let mut s = format!(
                "{monitor}以{ki_text}核算生产负荷，应不高于正常生产水平的{keep}；保存DCS（分散控制系统）运行记录备查。"
            );
            if !cems && treatment_measure(&m.text) {
                s.push_str("本企业未安装CEMS：以强化治理、降低负荷方式减排的，应安装在线监测设施并保存一年以上DCS数据，否则应改为停产或限产措施。");
            }
            s
        } else if m.text.contains("轮流") {
            format!(
                "轮流停产：按不超过3个批次安排，每批停产的生产线在批次计划中列明；核查当批停产生产线的{}。",
                if ki.is_empty() { "用电量" } else { ki }
            )
        } else {
            format!(
                "不涉及停产、限产，核查{}。",
                if ki.is_empty() {
                    "企业生产台账和治污设施运行记录"
                } else {
                    ki
                }
            )
        };
        Some(format!("{head}：{body}"))
    }

    // ----- 附件：公示牌 -----

    fn attachment(&self, docx: Docx) -> Docx {
        let b = &self.board;
        let label_w = WIDTH * 3 / 10;
        let rows: Vec<Vec<String>> = b
            .fields
            .iter()
            .map(|(l, v)| vec![l.clone(), v.clone()])
            .collect();
        let col = WIDTH / 3;
        let widths = [col, col, WIDTH - 2 * col];
        let fills = [
            ("FFFF00", "FFFDE0"),
            ("FFA500", "FFEBCC"),
            ("FF0000", "FFE0E0"),
        ];
        let header = TableRow::new(
            Level::ALL
                .iter()
                .zip(widths)
                .zip(fills)
                .map(|((l, w), (strong, _))| {
                    cell(l.name_zh(), w, CellStyle::header(size::WUHAO).on(strong))
                })
                .collect(),
        );
        let body = TableRow::new(
            Level::ALL
                .iter()
                .zip(widths)
                .zip(fills)
                .map(|((l, w), (_, tint))| {
                    cell(
                        &b.levels.get(*l).join("\n"),
                        w,
                        CellStyle::text(size::XIAOWU).on(tint).at_top(),
                    )
                })
                .collect(),
        );
        docx.add_paragraph(typeset::page_break())
            .add_paragraph(typeset::heading1("附件  重污染天气应急减排措施公示牌"))
            .add_paragraph(typeset::body(
                "公示牌按A3幅面制作，置于企业入口显眼位置；可用 jianpai 生成单独的公示牌文件。内容如下：",
            ))
            .add_table(label_table(&[label_w, WIDTH - label_w], &rows))
            .add_paragraph(Paragraph::new())
            .add_table(typeset::fixed_table(&widths, vec![header, body]))
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

/// The step owners of one row, one entry per distinct person (named with the levels they
/// answer for when these differ).
fn owners(r: &Row<'_>) -> Vec<(String, Contact)> {
    let mut out: Vec<(Vec<Level>, Contact)> = Vec::new();
    for level in Level::ALL {
        let m = effective_measure(r.source, level);
        if m.owner.is_empty() {
            continue;
        }
        match out.iter_mut().find(|(_, c)| *c == m.owner) {
            Some((levels, _)) => levels.push(level),
            None => out.push((vec![level], m.owner.clone())),
        }
    }
    let single = out.len() == 1;
    out.into_iter()
        .map(|(levels, c)| {
            let role = if single {
                format!("工序责任人（{}）", r.label)
            } else {
                let names: Vec<&str> = levels.iter().map(|l| l.name_zh()).collect();
                format!("工序责任人（{}，{}）", r.label, names.join("、"))
            };
            (role, c)
        })
        .collect()
}

/// The heating facts as one line: area, maximum load and the rule they follow.
fn heating_text(h: &Heating) -> String {
    let area = h.area_10k_m2.map_or("未填写".to_string(), |a| {
        format!("{}万平方米", fmt(a, 2))
    });
    let load = h.max_load.map_or("未填写".to_string(), percent);
    format!("供暖面积{area}，核定最大生产负荷{load}；预警期间以热定产，按供暖需求确定生产负荷")
}

/// True for measures that cut by better treatment or lower load rather than stopping.
fn treatment_measure(text: &str) -> bool {
    ["治理", "提标", "强化", "超低", "提效", "降低负荷", "降负荷"]
        .iter()
        .any(|w| text.contains(w))
}

fn indicator_clause(ki: &str) -> String {
    if ki.is_empty() {
        String::new()
    } else {
        format!("及{ki}")
    }
}

/// Annual emissions as given; a blank pollutant is daily × days so the table has no gaps.
fn annual_of(source: &Source, r: &SourceReduction) -> Amounts {
    let days = source
        .days
        .filter(|d| *d > 0.0 && *d <= 366.0)
        .unwrap_or(DEFAULT_DAYS);
    Amounts::from_fn(|p| source.annual.get(p).unwrap_or(r.daily.get(p) * days))
}

fn amount_row(
    label: &str,
    annual: &Amounts,
    daily: &Amounts,
    widths: &[usize],
    style: CellStyle,
) -> TableRow {
    let mut cells = vec![cell(label, widths[0], CellStyle::text(style.size))];
    for p in Pollutant::ALL {
        cells.push(cell(&fmt(*annual.get(p), 3), widths[1], style));
    }
    for p in Pollutant::ALL {
        cells.push(cell(&fmt(*daily.get(p), 4), widths[1], style));
    }
    TableRow::new(cells).cant_split()
}

/// Column widths of a level's measure table.
fn measure_widths() -> Vec<usize> {
    let fixed = [1000, 1400, 560, 760, 760, 760, 760, 1100, 640];
    let mut w = fixed.to_vec();
    w.push(WIDTH - fixed.iter().sum::<usize>());
    w
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
fn distinct<'s>(values: impl Iterator<Item = &'s str>) -> String {
    let mut out: Vec<&str> = Vec::new();
    for v in values.filter(|v| !v.is_empty()) {
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
    fn owners_are_listed_once_per_person() {
        let mut s = Source {
            name: "窑".into(),
            ..Default::default()
        };
        let a = Contact {
            name: "甲".into(),
            phone: "1".into(),
        };
        s.measures.yellow.text = "限产30%".into();
        s.measures.yellow.owner = a.clone();
        s.measures.red.text = "停产".into();
        s.measures.red.owner = a;
        let r = Row {
            label: "窑".into(),
            source: &s,
            reduction: source_reduction(&s),
        };
        let o = owners(&r);
        assert_eq!(o.len(), 1);
        assert_eq!(o[0].0, "工序责任人（窑）");
    }

    #[test]
    fn inherited_levels_use_the_lower_measure() {
        let mut s = Source::default();
        s.measures.yellow.text = "限产30%".into();
        s.measures.yellow.key_indicator = "用电量".into();
        assert_eq!(effective_measure(&s, Level::Red).key_indicator, "用电量");
    }
}
