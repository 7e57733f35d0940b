//! `coverage`: who should be on the list and is not (`docs/revision.md`).
//!
//! Liaocheng asks counties to "比对当年新建项目、工商注册、排污许可等清单" so that every key
//! industrial air emitter is on the list. The county exports an extract of the 排污许可
//! register, the pollution census or business registrations; this module reads it with the
//! list's own column aliases (企业名称, 统一社会信用代码, 行业类别, 所属区县 …) plus the
//! register's columns (行业代码, 许可证编号, 管理类别, 是否涉气) and compares.
//!
//! Who counts as missing: an extract enterprise not on the list (matched by code, else name)
//! that is in a key industry, or is air-emitting by the extract — 管理类别 重点管理 or 简化管理
//! (a permit held under key or simplified management), or 是否涉气 = 是. Business
//! registrations with neither column can only show key industries. Where the extract has
//! 所属区县, rows of counties that are not on the list (a city-wide register) are ignored.
//!
//! Key industries are recognised by name ([`crate::model::is_key_industry`]) from 行业类别,
//! else from 行业代码's text; a table by national industry code is a later refinement.

use std::collections::HashSet;
use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::import::header::{normalise_header, Aliases, Field, Plain};
use crate::model::{is_key_industry, normalise_code, Diagnostic, List};

/// Rows searched for the header row.
const HEADER_ROWS: usize = 15;

/// One enterprise of the extract.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExtractRow {
    /// 企业名称.
    pub name: String,
    /// 统一社会信用代码, normalised; empty where none.
    pub code: String,
    /// 行业类别 (else 行业代码) as written.
    pub industry: String,
    /// 所属区县; empty where the extract has none.
    pub county: String,
    /// Air-emitting by the extract (管理类别 重点/简化管理, 是否涉气 = 是); `None` where the
    /// extract says nothing about it.
    pub air: Option<bool>,
    /// Sheet and 1-based row, for messages.
    pub row: u32,
}

/// An enterprise that should be on the list and is not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MissingEnterprise {
    /// 统一社会信用代码 (empty where the extract has none).
    pub code: String,
    /// 企业名称.
    pub name: String,
    /// 行业类别 as the extract writes it.
    pub industry: String,
    /// True when the industry is one of the 39 key industries.
    pub key_industry: bool,
}

/// A listed enterprise the extract does not have.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Unmatched {
    /// 统一社会信用代码 as in the list.
    pub code: String,
    /// 企业名称.
    pub name: String,
}

/// `coverage --json`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Coverage {
    /// Key-industry and air-emitting enterprises of the extract missing from the list.
    pub missing: Vec<MissingEnterprise>,
    /// Listed enterprises absent from the extract (no permit, closed, or a wrong code).
    pub not_in_extract: Vec<Unmatched>,
}

/// Columns of an extract beyond the list's aliases.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Name,
    Code,
    Industry,
    IndustryCode,
    County,
    Management,
    Air,
}

fn column_of(raw: &str) -> Option<Column> {
    let header = normalise_header(raw);
    match Aliases::get().resolve(&header.name) {
        Some(Field::Plain(Plain::Name)) => return Some(Column::Name),
        Some(Field::Plain(Plain::Code)) => return Some(Column::Code),
        Some(Field::Plain(Plain::Industry)) => return Some(Column::Industry),
        Some(Field::Plain(Plain::County)) => return Some(Column::County),
        _ => {}
    }
    match header.name.as_str() {
        "行业代码" | "行业类别代码" | "国民经济行业代码" | "行业类别(代码)" => {
            Some(Column::IndustryCode)
        }
        "管理类别" | "许可管理类别" | "管理类型" | "排污许可管理类别" => {
            Some(Column::Management)
        }
        "是否涉气" | "涉气" | "是否涉气企业" => Some(Column::Air),
        _ => None,
    }
}

/// Reads an extract: the first sheet whose header row (within the first 15 rows) has
/// 企业名称 and either 统一社会信用代码 or 行业类别 / 行业代码.
///
/// # Errors
/// A [`Diagnostic`] when the file is no spreadsheet or no sheet has such a header.
pub fn read_extract(path: &Path) -> Result<Vec<ExtractRow>, Diagnostic> {
    let mut wb = open_workbook_auto(path).map_err(|e| {
        Diagnostic::general(format!(
            "无法读取“{}”：{e}。请确认它是 .xlsx/.xls/.ods 表格",
            path.display()
        ))
    })?;
    for sheet in wb.sheet_names() {
        let Ok(range) = wb.worksheet_range(&sheet) else {
            continue;
        };
        let rows: Vec<&[Data]> = range.rows().collect();
        let start = range.start().map_or(0, |(r, _)| r);
        for (h, header) in rows.iter().enumerate().take(HEADER_ROWS) {
            let columns: Vec<Option<Column>> =
                header.iter().map(|c| column_of(&c.to_string())).collect();
            let has = |k: Column| columns.contains(&Some(k));
            if !has(Column::Name)
                || !(has(Column::Code) || has(Column::Industry) || has(Column::IndustryCode))
            {
                continue;
            }
            let out = rows[h + 1..]
                .iter()
                .enumerate()
                .filter_map(|(i, cells)| row_of(&columns, cells, start + (h + i + 2) as u32))
                .collect();
            return Ok(out);
        }
    }
    Err(Diagnostic::general(format!(
        "“{}”中没有找到含“企业名称”和“统一社会信用代码”或“行业类别”的表头。请导出带这些列的排污许可、污染源普查或工商注册名录",
        path.display()
    )))
}

fn row_of(columns: &[Option<Column>], cells: &[Data], row: u32) -> Option<ExtractRow> {
    let mut out = ExtractRow {
        row,
        ..ExtractRow::default()
    };
    let mut industry_code = String::new();
    for (column, cell) in columns.iter().zip(cells) {
        let text = cell.to_string().trim().to_string();
        match column {
            Some(Column::Name) => out.name = text,
            Some(Column::Code) => out.code = normalise_code(&text),
            Some(Column::Industry) => out.industry = text,
            Some(Column::IndustryCode) => industry_code = text,
            Some(Column::County) => out.county = text,
            Some(Column::Management) if !text.is_empty() => {
                let air = text.contains("重点") || text.contains("简化");
                out.air = Some(out.air.unwrap_or(false) || air);
            }
            Some(Column::Air) if !text.is_empty() => {
                let air = matches!(text.as_str(), "是" | "Y" | "y" | "涉气" | "√");
                out.air = Some(out.air.unwrap_or(false) || air);
            }
            _ => {}
        }
    }
    if out.industry.is_empty() {
        out.industry = industry_code;
    }
    (!out.name.is_empty()).then_some(out)
}

/// Compares the list with an extract.
pub fn coverage(list: &List, extract: &[ExtractRow]) -> Coverage {
    let counties: HashSet<&str> = list
        .enterprises
        .iter()
        .map(|e| e.county.trim())
        .chain([list.area.trim()])
        .filter(|c| !c.is_empty())
        .collect();
    let relevant: Vec<&ExtractRow> = extract
        .iter()
        .filter(|r| {
            r.county.is_empty() || counties.is_empty() || counties.contains(r.county.trim())
        })
        .collect();
    let by_code: HashSet<&str> = list
        .enterprises
        .iter()
        .filter(|e| !e.code.is_empty())
        .map(|e| e.code.as_str())
        .collect();
    let by_name: HashSet<&str> = list.enterprises.iter().map(|e| e.name.trim()).collect();
    let mut out = Coverage::default();
    let mut seen_codes = HashSet::new();
    let mut seen_names = HashSet::new();
    for r in &relevant {
        seen_names.insert(r.name.trim());
        if !r.code.is_empty() {
            seen_codes.insert(r.code.as_str());
        }
        let listed = (!r.code.is_empty() && by_code.contains(r.code.as_str()))
            || by_name.contains(r.name.trim());
        if listed {
            continue;
        }
        let key_industry = is_key_industry(&r.industry);
        if key_industry || r.air == Some(true) {
            out.missing.push(MissingEnterprise {
                code: r.code.clone(),
                name: r.name.clone(),
                industry: r.industry.clone(),
                key_industry,
            });
        }
    }
    for e in &list.enterprises {
        let found = (!e.code.is_empty() && seen_codes.contains(e.code.as_str()))
            || seen_names.contains(e.name.trim());
        if !found {
            out.not_in_extract.push(Unmatched {
                code: e.code.clone(),
                name: e.name.clone(),
            });
        }
    }
    out
}
