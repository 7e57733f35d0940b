//! The columns of the four list sheets and the 协同供暖 sheet.
//!
//! The industrial sheet always shows all four pollutants. The dust sheet shows 颗粒物 and the
//! mobile sheet 氮氧化物 and 颗粒物 (what `docs/workbook.md` names for them), plus any other
//! pollutant that one of their rows gives a value for, so that nothing the list holds is lost
//! and the sheets stay narrow in the usual case. Likewise 生产线名称 / 主要产品 / 设计产能
//! appear on the dust and mobile sheets only where a row fills them.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::columns::{level_fields, share_number, Field, NumberStyle, SheetKind, Stage};
use super::sheet::{ListSheet, HEADER_ROWS};
use super::style::{number_width, text_width, Styles, Widths};
use crate::model::{Fleet, Heating, Level, List, Machinery, Pollutant, Site, Source};

/// The sheet names of the submission workbook, in order (`docs/workbook.md`).
pub(crate) const SUMMARY: &str = "总表";
/// 工业源清单.
pub(crate) const INDUSTRIAL: &str = "工业源清单";
/// 扬尘源清单.
pub(crate) const DUST: &str = "扬尘源清单";
/// 移动源清单.
pub(crate) const MOBILE: &str = "移动源清单";
/// 协同供暖企业清单.
pub(crate) const HEATING: &str = "协同供暖企业清单";
/// 非道路移动机械清单.
pub(crate) const NONROAD: &str = "非道路移动机械清单";
/// 测算说明.
pub(crate) const NOTE: &str = "测算说明";

/// "示例县2026年重污染天气应急减排清单——工业源清单（导出日期：2026-11-22）".
pub(crate) fn title(list: &List, sheet: &str) -> String {
    let year = list.year.map(|y| format!("{y}年")).unwrap_or_default();
    let date = chrono::Local::now().format("%Y-%m-%d");
    format!(
        "{}{}重污染天气应急减排清单——{}（导出日期：{}）",
        list.area, year, sheet, date
    )
}

/// The industrial sheet's columns; `filing` adds 备案状态, 备案日期 and 备案文号 at the end
/// (after the level groups, so the layout of `docs/workbook.md` stays as it is).
pub(crate) fn industrial(list: &List, filing: bool) -> ListSheet {
    let mut fields = vec![
        Field::County,
        Field::Town,
        Field::Name,
        Field::Code,
        Field::Address,
        Field::Industry,
        Field::IndustryCode,
        Field::KeyIndustry,
        Field::Grade,
        Field::Class,
        Field::Cems,
        Field::PowerAccount,
        Field::NormalDailyKwh,
        Field::LegalName,
        Field::LegalPhone,
        Field::ResponsibleName,
        Field::ResponsiblePhone,
        Field::SupervisorName,
        Field::SupervisorPhone,
        Field::SourceName,
        Field::Product,
        Field::Capacity,
        Field::Days,
        Field::Outlet,
        Field::Treatment,
        Field::Standard,
    ];
    push_emissions_and_levels(&mut fields, &Pollutant::ALL, SheetKind::Industrial);
    if filing {
        fields.extend([Field::FilingState, Field::FilingDate, Field::FilingNumber]);
    }
    ListSheet {
        kind: SheetKind::Industrial,
        title: title(list, INDUSTRIAL),
        fields,
        frozen_columns: 3,
    }
}

/// The dust sheet's columns.
pub(crate) fn dust(list: &List, sites: &[Site]) -> ListSheet {
    let mut fields = vec![
        Field::County,
        Field::Name,
        Field::SiteKind,
        Field::Address,
        Field::Builder,
        Field::Contractor,
        Field::ManagerName,
        Field::ManagerPhone,
        Field::ResponsibleName,
        Field::ResponsiblePhone,
        Field::Approval,
    ];
    let sources: Vec<&Source> = sites.iter().map(|s| &s.source).collect();
    push_source_identity(&mut fields, &sources);
    fields.push(Field::Days);
    let pollutants = pollutants_shown(&[Pollutant::Pm], &sources);
    push_emissions_and_levels(&mut fields, &pollutants, SheetKind::Dust);
    ListSheet {
        kind: SheetKind::Dust,
        title: title(list, DUST),
        fields,
        frozen_columns: 2,
    }
}

/// The mobile sheet's columns.
pub(crate) fn mobile(list: &List, fleets: &[Fleet]) -> ListSheet {
    let mut fields = vec![Field::County, Field::Name, Field::Code, Field::DailyTrips];
    fields.extend(Stage::ALL.map(Field::Vehicles));
    let sources: Vec<&Source> = fleets.iter().map(|f| &f.source).collect();
    push_source_identity(&mut fields, &sources);
    fields.push(Field::Days);
    let pollutants = pollutants_shown(&[Pollutant::Nox, Pollutant::Pm], &sources);
    push_emissions_and_levels(&mut fields, &pollutants, SheetKind::Mobile);
    ListSheet {
        kind: SheetKind::Mobile,
        title: title(list, MOBILE),
        fields,
        frozen_columns: 2,
    }
}

fn push_source_identity(fields: &mut Vec<Field>, sources: &[&Source]) {
    if sources.iter().any(|s| !s.name.is_empty()) {
        fields.push(Field::SourceName);
    }
    if sources.iter().any(|s| !s.product.is_empty()) {
        fields.push(Field::Product);
    }
    if sources.iter().any(|s| !s.capacity.is_empty()) {
        fields.push(Field::Capacity);
    }
}

/// Emissions, then each level's group; the industrial sheet's groups also hold the line's
/// 排放浓度限值 and the enterprise's 日用电量上限, which only enterprises have.
fn push_emissions_and_levels(fields: &mut Vec<Field>, pollutants: &[Pollutant], kind: SheetKind) {
    fields.extend(pollutants.iter().map(|&p| Field::Annual(p)));
    fields.extend(pollutants.iter().map(|&p| Field::Daily(p)));
    for level in Level::ALL {
        fields.extend(level_fields(level, pollutants));
        if kind == SheetKind::Industrial {
            fields.extend([Field::ConcentrationLimit(level), Field::KwhCap(level)]);
        }
    }
}

/// The sheet's usual pollutants plus every other one some source gives a value for, in the
/// standard order.
fn pollutants_shown(usual: &[Pollutant], sources: &[&Source]) -> Vec<Pollutant> {
    Pollutant::ALL
        .into_iter()
        .filter(|&p| {
            usual.contains(&p)
                || sources.iter().any(|s| {
                    s.annual.get(p).is_some()
                        || s.daily.get(p).is_some()
                        || Level::ALL
                            .iter()
                            .any(|&l| s.measures.get(l).amounts.get(p).is_some())
                })
        })
        .collect()
}

/// The heating sheet: one row per enterprise, single-level columns merged down over both
/// header rows with their full names (黄色预警减排措施): a level group of one column cannot be
/// merged across, and the importer reads the full name as the same column.
pub(crate) fn write_heating(
    ws: &mut Worksheet,
    styles: &Styles,
    list: &List,
) -> Result<(), XlsxError> {
    let mut headers: Vec<String> = vec![
        "企业名称".into(),
        "统一社会信用代码".into(),
        "供暖面积(万平方米)".into(),
        "核定最大生产负荷(%)".into(),
    ];
    headers.extend(Level::ALL.map(|l| format!("{}减排措施", l.name_zh())));
    let last = headers.len() as u16 - 1;
    let rows = list.heating.len() as u32;
    ws.set_freeze_panes(HEADER_ROWS, 1)?;
    ws.autofilter(HEADER_ROWS - 1, 0, HEADER_ROWS - 1 + rows.max(1), last)?;
    ws.set_row_height(0, 30)?;
    ws.merge_range(0, 0, 0, last, &title(list, HEATING), &styles.title)?;
    let mut widths = Widths::new(headers.len(), 8);
    for (c, h) in headers.iter().enumerate() {
        widths.note(c, text_width(h).min(16));
        ws.merge_range(1, c as u16, 2, c as u16, h, &styles.header)?;
    }
    for (i, h) in list.heating.iter().enumerate() {
        write_heating_row(ws, styles, HEADER_ROWS + i as u32, h, &mut widths)?;
    }
    for (col, width) in widths.finish(50) {
        ws.set_column_width(col, width)?;
    }
    Ok(())
}

fn write_heating_row(
    ws: &mut Worksheet,
    styles: &Styles,
    row: u32,
    h: &Heating,
    widths: &mut Widths,
) -> Result<(), XlsxError> {
    let texts = [
        (0u16, h.name.as_str()),
        (1, h.code.as_str()),
        (4, h.measures.yellow.as_str()),
        (5, h.measures.orange.as_str()),
        (6, h.measures.red.as_str()),
    ];
    let load = h.max_load.map(share_number);
    let numbers = [
        (2u16, h.area_10k_m2, NumberStyle::Fixed4),
        (
            3,
            load.map(|l| l.0),
            load.map_or(NumberStyle::Percent, |l| l.1),
        ),
    ];
    for (col, text) in texts.iter().take(2) {
        write_text(ws, styles, row, *col, text, widths)?;
    }
    for (col, value, style) in numbers {
        let format = styles.number(style);
        match value {
            Some(v) => {
                widths.note(col as usize, number_width(v, style));
                ws.write_number_with_format(row, col, v, format)?;
            }
            None => {
                ws.write_blank(row, col, format)?;
            }
        }
    }
    for (col, text) in texts.iter().skip(2) {
        write_text(ws, styles, row, *col, text, widths)?;
    }
    Ok(())
}

/// The machinery sheet: one row per unit, kind and stage, every header merged down over both
/// header rows with its full name (黄色预警管控措施), like the heating sheet.
pub(crate) fn write_nonroad(
    ws: &mut Worksheet,
    styles: &Styles,
    list: &List,
) -> Result<(), XlsxError> {
    let mut headers: Vec<String> = [
        "所属区县",
        "使用单位",
        "机械类型",
        "排放阶段",
        "数量(台)",
        "燃料",
    ]
    .map(String::from)
    .to_vec();
    headers.extend(Level::ALL.map(|l| format!("{}管控措施", l.name_zh())));
    let last = headers.len() as u16 - 1;
    let rows = list.machinery.len() as u32;
    ws.set_freeze_panes(HEADER_ROWS, 2)?;
    ws.autofilter(HEADER_ROWS - 1, 0, HEADER_ROWS - 1 + rows.max(1), last)?;
    ws.set_row_height(0, 30)?;
    ws.merge_range(0, 0, 0, last, &title(list, NONROAD), &styles.title)?;
    let mut widths = Widths::new(headers.len(), 8);
    for (c, h) in headers.iter().enumerate() {
        widths.note(c, text_width(h).min(16));
        ws.merge_range(1, c as u16, 2, c as u16, h, &styles.header)?;
    }
    for (i, m) in list.machinery.iter().enumerate() {
        write_nonroad_row(ws, styles, HEADER_ROWS + i as u32, m, &mut widths)?;
    }
    for (col, width) in widths.finish(50) {
        ws.set_column_width(col, width)?;
    }
    Ok(())
}

fn write_nonroad_row(
    ws: &mut Worksheet,
    styles: &Styles,
    row: u32,
    m: &Machinery,
    widths: &mut Widths,
) -> Result<(), XlsxError> {
    let before = [
        m.county.as_str(),
        m.user.as_str(),
        m.kind.as_str(),
        m.stage.name_zh(),
    ];
    for (col, text) in before.into_iter().enumerate() {
        write_text(ws, styles, row, col as u16, text, widths)?;
    }
    let format = styles.number(NumberStyle::Whole);
    match m.count {
        Some(n) => {
            widths.note(4, number_width(f64::from(n), NumberStyle::Whole));
            ws.write_number_with_format(row, 4, f64::from(n), format)?;
        }
        None => {
            ws.write_blank(row, 4, format)?;
        }
    }
    let after = [
        m.fuel.as_str(),
        m.measures.yellow.as_str(),
        m.measures.orange.as_str(),
        m.measures.red.as_str(),
    ];
    for (i, text) in after.into_iter().enumerate() {
        write_text(ws, styles, row, 5 + i as u16, text, widths)?;
    }
    Ok(())
}

fn write_text(
    ws: &mut Worksheet,
    styles: &Styles,
    row: u32,
    col: u16,
    text: &str,
    widths: &mut Widths,
) -> Result<(), XlsxError> {
    if text.is_empty() {
        ws.write_blank(row, col, &styles.text)?;
    } else {
        widths.note_text(col as usize, text);
        ws.write_string_with_format(row, col, text, &styles.text)?;
    }
    Ok(())
}
