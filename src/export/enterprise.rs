//! One enterprise's workbook, for the enterprise to check and fill in: its rows of the
//! 工业源清单 (and of the 移动源清单 and 协同供暖企业清单 where it has any) in the canonical
//! layout, plus a 填表说明 sheet. Importing the filled workbook back (the store's Merge) updates
//! that enterprise only, because the workbook holds nothing else.

use std::path::Path;

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::columns::{Field, SheetKind};
use super::lists::{self, HEATING, INDUSTRIAL, MOBILE};
use super::sheet::{write_list_sheet, ListSheet};
use super::style::{text_width, Styles};
use super::ExportError;
use crate::model::{normalise_code, Enterprise, List};

/// The instructions sheet's name.
const INSTRUCTIONS: &str = "填表说明";

/// Writes the workbook of the enterprise whose 统一社会信用代码 is `code` (spaces and case
/// ignored).
///
/// # Errors
/// [`ExportError::UnknownEnterprise`] when no enterprise has that code;
/// [`ExportError::Write`] when the file cannot be written.
pub fn write_enterprise_workbook(list: &List, code: &str, path: &Path) -> Result<(), ExportError> {
    let wanted = normalise_code(code);
    let enterprise = list
        .enterprises
        .iter()
        .find(|e| !e.code.is_empty() && e.code == wanted)
        .ok_or_else(|| ExportError::UnknownEnterprise {
            code: code.trim().to_string(),
        })?;
    build(list, enterprise, path).map_err(ExportError::write(path))
}

fn build(list: &List, e: &Enterprise, path: &Path) -> Result<(), XlsxError> {
    let styles = Styles::new();
    let own = List {
        enterprises: vec![e.clone()],
        fleets: list
            .fleets
            .iter()
            .filter(|f| f.code == e.code)
            .cloned()
            .collect(),
        heating: list
            .heating
            .iter()
            .filter(|h| h.code == e.code)
            .cloned()
            .collect(),
        sites: Vec::new(),
        ..settings_of(list)
    };
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(INDUSTRIAL)?;
    // No 备案 columns: the enterprise fills this workbook in, and the filing state is the
    // authority's to record, not something a re-import of the enterprise's copy should set.
    let mut sheet = lists::industrial(&own, false);
    sheet.title = enterprise_title(&own, e, INDUSTRIAL);
    write_list_sheet(ws, &styles, &sheet, &own.enterprises)?;
    let mut mobile = None;
    if !own.fleets.is_empty() {
        let ws = wb.add_worksheet();
        ws.set_name(MOBILE)?;
        let mut sheet = lists::mobile(&own, &own.fleets);
        sheet.title = enterprise_title(&own, e, MOBILE);
        write_list_sheet(ws, &styles, &sheet, &own.fleets)?;
        mobile = Some(sheet);
    }
    if !own.heating.is_empty() {
        let ws = wb.add_worksheet();
        ws.set_name(HEATING)?;
        lists::write_heating(ws, &styles, &own)?;
    }
    let ws = wb.add_worksheet();
    ws.set_name(INSTRUCTIONS)?;
    write_instructions(ws, &styles, &sheet, mobile.as_ref())?;
    crate::files::write_atomic_with(path, |w| wb.save_to_writer(w))
}

/// The list's area, year, baseline, targets and trade switch without any record.
fn settings_of(list: &List) -> List {
    List {
        area: list.area.clone(),
        year: list.year,
        baseline: list.baseline,
        targets: list.targets,
        so2_nox_trade: list.so2_nox_trade,
        ..List::default()
    }
}

fn enterprise_title(list: &List, e: &Enterprise, sheet: &str) -> String {
    let year = list.year.map(|y| format!("{y}年")).unwrap_or_default();
    let date = chrono::Local::now().format("%Y-%m-%d");
    format!(
        "{}{}重污染天气应急减排清单——{}（{}，导出日期：{}）",
        list.area, year, sheet, e.name, date
    )
}

/// General rules shown above the column table.
const RULES: [&str; 9] = [
    "1. 请勿修改表头（第2、3行）的列名，也不要增删列；表头下方每一行填写一条生产线、工序或生产设施。",
    "2. 企业名称、统一社会信用代码等企业信息只需填在本企业的第一行（已合并单元格的保持合并即可）；新增生产线时在本企业行下方插入整行，企业信息可留空。",
    "3. 排放量可填年排放量（t/a，同时填写年生产天数）或日排放量（t/d），两者都填的以日排放量为准；没有的污染物留空，不要填文字。",
    "4. 减排比例按百分数填写：30 表示 30%，不要填 0.3；也可不填比例而直接填各污染物减排量（t/d），减排量不能大于日排放量。",
    "5. 减排措施要具体到生产线、工序或设施，写清楚停产、限产比例或负荷变化，例如：“停产”“限产50%”“窑炉负荷由100%降至70%”“日投料量由960吨降至768吨”。只写“轮流停产”“强化治理”而无比例的，按0计算，须另填减排比例。",
    "6. 预警级别逐级叠加：橙色预警措施不得弱于黄色预警，红色预警不得弱于橙色预警；某级别全部留空的，视为沿用下一级别的措施。",
    "7. 绩效等级填 A、A+、B、B-、C、D、引领性、非引领性或未评级；保障类（民生豁免）企业在等级前加“保障类-”，如“保障类-B”；长期停产企业填“长期停产”。",
    "8. 电话请填11位手机号或带区号的固定电话。",
    "9. 文字以等号、加号、减号或@开头的，系统按文字保存，不会当作公式计算。",
];

fn describe(field: Field) -> (&'static str, &'static str) {
    match field {
        Field::County => ("企业所在的县（市、区）", ""),
        Field::Town => ("企业所在的乡镇或街道", ""),
        Field::Name => ("营业执照上的企业全称", ""),
        Field::Code => ("18位统一社会信用代码，字母大写", ""),
        Field::Address => ("企业生产经营地址", ""),
        Field::Industry => ("所属行业，重点行业按技术指南39个行业名称填写", ""),
        Field::IndustryCode => ("国民经济行业分类（GB/T 4754）代码，如3011", ""),
        Field::KeyIndustry => ("39个重点行业之一，或“非重点行业”；不清楚可留空", ""),
        Field::PowerAccount => ("供电公司的电力户号，用于核对应急期间用电量", ""),
        Field::NormalDailyKwh => ("正常生产时的日用电量", "kWh/d"),
        Field::KwhCap(_) => ("该级别预警下全厂日用电量不超过的数值", "kWh/d"),
        Field::Approval => ("重点工程、民生工程的批准文号", ""),
        Field::Outlet => ("该生产线的排放口编号，如DA001；无排放口的留空", ""),
        Field::Treatment => ("污染治理设施或治理工艺", ""),
        Field::Standard => ("执行的排放标准", ""),
        Field::ConcentrationLimit(_) => ("该级别预警下排放口执行的排放浓度限值", "mg/m³"),
        Field::Grade => ("重污染天气绩效等级（见第7条）", ""),
        Field::Class => ("重点企业、小微涉气企业、保障类企业或其他企业", ""),
        Field::Cems => ("是否安装大气污染物在线监测（CEMS），填“是”或“否”", ""),
        Field::LegalName | Field::LegalPhone => ("法定代表人姓名及电话", ""),
        Field::ResponsibleName | Field::ResponsiblePhone => ("应急减排责任人姓名及电话", ""),
        Field::SupervisorName | Field::SupervisorPhone => ("属地监督人姓名及电话", ""),
        Field::DailyTrips => ("日均进出厂区的重型运输车辆", "辆次"),
        Field::Vehicles(_) => ("按排放阶段统计的运输车辆数", "辆"),
        Field::SourceName => ("生产线、工序或生产设施名称", ""),
        Field::Product => ("该生产线的主要产品", ""),
        Field::Capacity => ("设计产能，如“年产10万吨”", ""),
        Field::Days => ("全年实际生产（运行）天数", "天"),
        Field::Annual(_) => ("该生产线全年排放量", "t/a"),
        Field::Daily(_) => ("该生产线每日排放量（与年排放量二选一）", "t/d"),
        Field::MeasureText(_) => ("该级别预警下的具体减排措施（见第5条）", ""),
        Field::Share(_) => ("该级别预警下的减排比例（30表示30%）", "%"),
        Field::Amount(..) => ("该级别预警下的日减排量（可不填，填写后优先采用）", "t/d"),
        Field::KeyIndicator(_) => ("可核查措施落实的指标，如用电量、用气量、产量", ""),
        Field::PrepTime(_) => ("接到预警后落实措施所需时间，如“2小时”", ""),
        Field::OwnerName(_) | Field::OwnerPhone(_) => ("负责落实该工序措施的人员及电话", ""),
        Field::SiteKind | Field::Builder | Field::Contractor => ("施工工地信息", ""),
        Field::ManagerName | Field::ManagerPhone => ("项目负责人及电话", ""),
        Field::FilingState => (
            "一厂一策备案状态：未提交、已提交或已备案（由主管部门填写）",
            "",
        ),
        Field::FilingDate => ("提交或备案的日期，如2026-09-20", ""),
        Field::FilingNumber => ("备案文号", ""),
    }
}

fn write_instructions(
    ws: &mut Worksheet,
    styles: &Styles,
    industrial: &ListSheet,
    mobile: Option<&ListSheet>,
) -> Result<(), XlsxError> {
    ws.set_column_width(0, 14)?;
    ws.set_column_width(1, 30)?;
    ws.set_column_width(2, 50)?;
    ws.set_column_width(3, 10)?;
    ws.merge_range(0, 0, 0, 3, "填表说明", &styles.title)?;
    let mut row = 2;
    for rule in RULES {
        let lines = text_width(rule).div_ceil(100).max(1);
        ws.set_row_height(row, 16.0 * lines as f64)?;
        ws.merge_range(row, 0, row, 3, rule, &styles.paragraph)?;
        row += 1;
    }
    row += 1;
    for sheet in std::iter::once(industrial).chain(mobile) {
        row = column_table(ws, styles, row, sheet)? + 1;
    }
    Ok(())
}

fn column_table(
    ws: &mut Worksheet,
    styles: &Styles,
    mut row: u32,
    sheet: &ListSheet,
) -> Result<u32, XlsxError> {
    let name = match sheet.kind {
        SheetKind::Mobile => MOBILE,
        _ => INDUSTRIAL,
    };
    ws.write_string_with_format(row, 0, format!("{name}各列"), &styles.heading)?;
    row += 1;
    for (c, h) in ["预警级别", "列名", "含义", "单位"].iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, &styles.header)?;
    }
    row += 1;
    for field in &sheet.fields {
        let (meaning, unit) = describe(*field);
        let level = field.level().map_or("", |l| l.name_zh());
        ws.write_string_with_format(row, 0, level, &styles.wrapped)?;
        ws.write_string_with_format(row, 1, field.header(sheet.kind), &styles.wrapped)?;
        ws.write_string_with_format(row, 2, meaning, &styles.wrapped)?;
        ws.write_string_with_format(row, 3, unit, &styles.wrapped)?;
        row += 1;
    }
    Ok(row)
}
