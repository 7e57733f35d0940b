//! Typesets a [`PlanContent`] as an A4 Word document: cover, numbered chapters, the 承诺书
//! page and the board annex. Only layout lives here; every word comes from the content.

use docx_rs::{AlignmentType, Docx, Paragraph, TableRow, VMergeType};

use super::content::{PlanBlock, PlanContent, PlanTable};
use super::{label_table, MARGIN, WIDTH};
use crate::docs::content::BoardContent;
use crate::docs::typeset::{self, cell, size, CellStyle};
use crate::model::Level;

/// The plan as a document.
pub(super) fn document(plan: &PlanContent) -> Docx {
    let mut docx = cover(typeset::new_document(typeset::A4, false, MARGIN), plan);
    for (i, chapter) in plan.chapters.iter().enumerate() {
        docx = docx.add_paragraph(typeset::heading1(&format!(
            "{}、{}",
            typeset::numeral(i + 1),
            chapter.heading
        )));
        for block in &chapter.blocks {
            docx = add_block(docx, block);
        }
    }
    docx = pledge(docx, &plan.pledge);
    annex(docx, &plan.annex)
}

fn add_block(docx: Docx, block: &PlanBlock) -> Docx {
    match block {
        PlanBlock::Subheading(t) => docx.add_paragraph(typeset::heading2(t)),
        PlanBlock::Paragraph(t) => docx.add_paragraph(typeset::body(t)),
        PlanBlock::Facts(rows) => {
            let rows: Vec<Vec<String>> = rows.iter().map(|r| r.to_vec()).collect();
            let label = WIDTH * 3 / 10;
            docx.add_table(label_table(&[label, WIDTH - label], &rows))
        }
        PlanBlock::Table(t) => docx.add_table(table(t)),
    }
}

/// Column widths in twips: the weights scaled to the page, the last column taking the rest.
fn widths(t: &PlanTable) -> Vec<usize> {
    let sum: usize = t.columns.iter().map(|c| c.weight).sum::<usize>().max(1);
    let mut w: Vec<usize> = t.columns.iter().map(|c| c.weight * WIDTH / sum).collect();
    let others: usize = w.iter().rev().skip(1).sum();
    if let Some(last) = w.last_mut() {
        *last = WIDTH - others;
    }
    w
}

/// A table; grouped columns get a two-row header whose upper cell spans the group.
fn table(t: &PlanTable) -> docx_rs::Table {
    let sz = if t.small { size::XIAOWU } else { size::WUHAO };
    let widths = widths(t);
    let h = CellStyle::header(sz);
    let mut rows = header_rows(t, &widths, h);
    for r in &t.rows {
        let cells = r
            .iter()
            .zip(&widths)
            .zip(&t.columns)
            .map(|((text, &w), col)| {
                let style = if col.numeric {
                    CellStyle::text(sz).centered()
                } else {
                    CellStyle::text(sz)
                };
                cell(text, w, style)
            })
            .collect();
        rows.push(TableRow::new(cells).cant_split());
    }
    typeset::fixed_table(&widths, rows)
}

fn header_rows(t: &PlanTable, widths: &[usize], h: CellStyle) -> Vec<TableRow> {
    if t.columns.iter().all(|c| c.group.is_none()) {
        let cells = t
            .columns
            .iter()
            .zip(widths)
            .map(|(c, &w)| cell(&c.title, w, h))
            .collect();
        return vec![TableRow::new(cells).cant_split()];
    }
    let (mut upper, mut lower) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < t.columns.len() {
        let c = &t.columns[i];
        match &c.group {
            None => {
                upper.push(cell(&c.title, widths[i], h).vertical_merge(VMergeType::Restart));
                lower.push(cell("", widths[i], h).vertical_merge(VMergeType::Continue));
                i += 1;
            }
            Some(group) => {
                let n = t.columns[i..]
                    .iter()
                    .take_while(|d| d.group.as_ref() == Some(group))
                    .count();
                let span: usize = widths[i..i + n].iter().sum();
                upper.push(cell(group, span, h).grid_span(n));
                for (d, &w) in t.columns[i..i + n].iter().zip(&widths[i..i + n]) {
                    lower.push(cell(&d.title, w, h));
                }
                i += n;
            }
        }
    }
    vec![TableRow::new(upper), TableRow::new(lower)]
}

fn cover(docx: Docx, plan: &PlanContent) -> Docx {
    let c = &plan.cover;
    let spacer = || Paragraph::new().add_run(typeset::run(" ").size(size::ERHAO));
    let mut d = docx;
    for _ in 0..4 {
        d = d.add_paragraph(spacer());
    }
    d = d
        .add_paragraph(typeset::title(&c.name, size::ERHAO))
        .add_paragraph(typeset::title("重污染天气应急响应操作方案", size::ERHAO))
        .add_paragraph(typeset::title("（一厂一策）", size::SANHAO));
    for _ in 0..5 {
        d = d.add_paragraph(spacer());
    }
    let centred = |t: String| {
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(typeset::run(&t).size(size::SIHAO))
    };
    d.add_paragraph(centred(format!("所属县（市、区）：{}", c.county)))
        .add_paragraph(centred(format!("编制单位：{}", c.name)))
        .add_paragraph(centred(format!("编制日期：{}", c.date)))
        .add_paragraph(spacer())
        .add_paragraph(centred(
            "编制：__________  审核：__________  审批：__________".into(),
        ))
        .add_paragraph(typeset::page_break())
}

fn pledge(docx: Docx, paragraphs: &[String]) -> Docx {
    let mut d = docx
        .add_paragraph(typeset::page_break())
        .add_paragraph(typeset::title("重污染天气应急减排承诺书", size::ERHAO));
    for p in paragraphs {
        d = d.add_paragraph(typeset::body(if p.is_empty() { " " } else { p }));
    }
    d
}

/// The board as the plan's annex: its fields, then the three levels side by side in their
/// colours.
fn annex(docx: Docx, b: &BoardContent) -> Docx {
    let label_w = WIDTH * 3 / 10;
    let rows: Vec<Vec<String>> = b
        .fields
        .iter()
        .map(|f| vec![f.label.clone(), f.value.clone()])
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
            "公示牌按A3幅面制作，置于企业入口显眼位置，内容如下：",
        ))
        .add_table(label_table(&[label_w, WIDTH - label_w], &rows))
        .add_paragraph(Paragraph::new())
        .add_table(typeset::fixed_table(&widths, vec![header, body]))
}
