//! The plan as format-free data: chapters of paragraphs, sub-headings, label/value facts and
//! tables, the cover, the pledge and the board annex. The .docx writer ([`super::render`])
//! typesets exactly this, and a preview can show the same words without reading a document.

use serde::Serialize;

use crate::docs::content::BoardContent;
use crate::docs::Missing;

/// Everything the 一厂一策 of one enterprise says, in reading order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanContent {
    /// The cover page.
    pub cover: PlanCover,
    /// The numbered chapters (一、企业基本情况 …); headings without their numeral.
    pub chapters: Vec<PlanChapter>,
    /// The 承诺书 the legal representative signs: its paragraphs, signature lines included.
    pub pledge: Vec<String>,
    /// The notice board, printed as the plan's annex.
    pub annex: BoardContent,
    /// The required fields that were empty and show as 【待补充】.
    pub missing: Vec<Missing>,
}

/// The cover: whose plan, where, when.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanCover {
    /// The enterprise's name (or 【待补充】).
    pub name: String,
    /// 所属县（市、区）.
    pub county: String,
    /// 编制日期, as printed (2026年12月01日).
    pub date: String,
}

/// One numbered chapter.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanChapter {
    /// The chapter's title without its numeral (企业基本情况).
    pub heading: String,
    /// Its content in order.
    pub blocks: Vec<PlanBlock>,
}

/// One piece of a chapter.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum PlanBlock {
    /// A sub-heading such as （一）接收预警.
    Subheading(String),
    /// A paragraph of body text.
    Paragraph(String),
    /// Label / value pairs (企业名称 | 某某公司), printed as a two-column table.
    Facts(Vec<[String; 2]>),
    /// A table with a header.
    Table(PlanTable),
}

/// A table of the plan: column titles (with an optional group spanning neighbouring
/// columns, as 年排放量 over SO2 … VOCs), the body rows, and the relative column widths a
/// renderer scales to its page.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanTable {
    /// The columns.
    pub columns: Vec<PlanColumn>,
    /// The body rows, one text per column.
    pub rows: Vec<Vec<String>>,
    /// Wide tables use the smaller type (小五 instead of 五号).
    pub small: bool,
}

/// One column of a [`PlanTable`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanColumn {
    /// Its title.
    pub title: String,
    /// The group title shared with the neighbouring columns of the same group.
    pub group: Option<String>,
    /// Its width relative to the others' (a renderer scales the sum to the page width).
    pub weight: usize,
    /// Numbers: centred.
    pub numeric: bool,
}

impl PlanTable {
    /// A table whose first row of `rows` holds the column titles, with `weights`.
    pub(super) fn with_header(weights: &[usize], mut rows: Vec<Vec<String>>, small: bool) -> Self {
        let header = if rows.is_empty() {
            Vec::new()
        } else {
            rows.remove(0)
        };
        PlanTable {
            columns: header
                .into_iter()
                .zip(weights)
                .map(|(title, &weight)| PlanColumn {
                    title,
                    group: None,
                    weight,
                    numeric: false,
                })
                .collect(),
            rows,
            small,
        }
    }
}

impl PlanBlock {
    /// A paragraph of `text`.
    pub(super) fn text(text: impl Into<String>) -> Self {
        PlanBlock::Paragraph(text.into())
    }

    /// A sub-heading.
    pub(super) fn sub(text: impl Into<String>) -> Self {
        PlanBlock::Subheading(text.into())
    }

    /// A table whose first row holds the column titles.
    pub(super) fn grid(weights: &[usize], rows: Vec<Vec<String>>, small: bool) -> Self {
        PlanBlock::Table(PlanTable::with_header(weights, rows, small))
    }
}
