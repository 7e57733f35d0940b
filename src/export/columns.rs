//! The columns of the canonical list sheets: what each is called (the canonical names of the
//! one column vocabulary, `import::header::vocabulary`, so the importer finds them without
//! aliases), which record field it holds, and how its value is written.

use std::borrow::Cow;

use crate::import::header::vocabulary::Plain;
use crate::model::{
    Contact, Enterprise, Filing, Fleet, Level, Measure, PerLevel, Pollutant, Site, Source,
};

/// Vehicle emission stages of the 移动源 sheet, in the order of its columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stage {
    /// 国三及以下.
    Guo3,
    /// 国四.
    Guo4,
    /// 国五.
    Guo5,
    /// 国六.
    Guo6,
    /// 新能源.
    NewEnergy,
}

impl Stage {
    /// Every stage, oldest first.
    pub(crate) const ALL: [Stage; 5] = [
        Stage::Guo3,
        Stage::Guo4,
        Stage::Guo5,
        Stage::Guo6,
        Stage::NewEnergy,
    ];

    /// The stage as the list names it.
    pub(crate) fn name_zh(self) -> &'static str {
        match self {
            Stage::Guo3 => "国三及以下",
            Stage::Guo4 => "国四",
            Stage::Guo5 => "国五",
            Stage::Guo6 => "国六",
            Stage::NewEnergy => "新能源",
        }
    }
}

/// One column of a list sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    /// 所属区县 (enterprise, site or fleet).
    County,
    /// 乡镇(街道).
    Town,
    /// 企业名称 / 项目名称.
    Name,
    /// 统一社会信用代码.
    Code,
    /// 企业地址 / 项目地址.
    Address,
    /// 行业类别.
    Industry,
    /// 行业代码 (GB/T 4754).
    IndustryCode,
    /// 重点行业类别, as the list stated it.
    KeyIndustry,
    /// 电力户号.
    PowerAccount,
    /// 正常日用电量(kWh/d).
    NormalDailyKwh,
    /// 日用电量上限(kWh/d) of a level: the enterprise's, merged over its rows.
    KwhCap(Level),
    /// 重点工程批准文号 of a site.
    Approval,
    /// 绩效等级 (with the 保障类- mark or 长期停产).
    Grade,
    /// 企业类型.
    Class,
    /// 是否安装CEMS.
    Cems,
    /// 法定代表人.
    LegalName,
    /// 法定代表人电话.
    LegalPhone,
    /// 应急减排责任人.
    ResponsibleName,
    /// 应急减排责任人电话.
    ResponsiblePhone,
    /// 监督人.
    SupervisorName,
    /// 监督人电话.
    SupervisorPhone,
    /// 项目类型.
    SiteKind,
    /// 建设单位.
    Builder,
    /// 施工单位.
    Contractor,
    /// 项目负责人.
    ManagerName,
    /// 项目负责人电话.
    ManagerPhone,
    /// 日均进出车辆(辆次).
    DailyTrips,
    /// Vehicles of one stage (辆).
    Vehicles(Stage),
    /// 生产线名称.
    SourceName,
    /// 主要产品.
    Product,
    /// 设计产能.
    Capacity,
    /// 年生产天数 (the sheet picks its own word, see [`Field::header`]).
    Days,
    /// 排放口编号.
    Outlet,
    /// 治理设施.
    Treatment,
    /// 执行标准.
    Standard,
    /// Annual emission in t/a.
    Annual(Pollutant),
    /// Daily emission in t/d.
    Daily(Pollutant),
    /// 减排措施 of a level.
    MeasureText(Level),
    /// 减排比例(%) of a level.
    Share(Level),
    /// Explicit reduction amount (t/d) of a level.
    Amount(Level, Pollutant),
    /// 关键性指标 of a level.
    KeyIndicator(Level),
    /// 应急准备时间 of a level.
    PrepTime(Level),
    /// 工序责任人 of a level.
    OwnerName(Level),
    /// 工序责任人电话 of a level.
    OwnerPhone(Level),
    /// 排放浓度限值(mg/m³) of a level.
    ConcentrationLimit(Level),
    /// 备案状态 of the enterprise's 一厂一策 (a [`Filed`] enterprise's).
    FilingState,
    /// 备案日期, `YYYY-MM-DD`.
    FilingDate,
    /// 备案文号.
    FilingNumber,
}

/// How a column's numbers look (the stored value is always the exact f64).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NumberStyle {
    /// Annual amounts and other quantities: four decimals.
    Fixed4,
    /// Daily amounts (t/d), often small: six decimals.
    Fixed6,
    /// Percent numbers (30 for 30 %): two decimals.
    Percent,
    /// A fraction in a percentage-formatted cell (0.3 shown as 30.00%): only for the rare
    /// share no percent number gives back exactly (see [`share_number`]).
    FractionPercent,
    /// Whole numbers (days, vehicles, trips).
    Whole,
}

/// A value to write into one cell.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value<'a> {
    /// Text, always written as a string (never as a formula).
    Text(Cow<'a, str>),
    /// A number (blank where `None`) and its look.
    Number(Option<f64>, NumberStyle),
}

/// Which list sheet a column sits on; a few headers differ by sheet (项目名称, 年施工天数 …).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SheetKind {
    /// 工业源清单.
    Industrial,
    /// 扬尘源清单.
    Dust,
    /// 移动源清单.
    Mobile,
}

impl Field {
    /// The level group the column sits under in the two-row header, if any.
    pub(crate) fn level(self) -> Option<Level> {
        match self {
            Field::MeasureText(l)
            | Field::Share(l)
            | Field::Amount(l, _)
            | Field::KeyIndicator(l)
            | Field::PrepTime(l)
            | Field::OwnerName(l)
            | Field::OwnerPhone(l)
            | Field::ConcentrationLimit(l)
            | Field::KwhCap(l) => Some(l),
            _ => None,
        }
    }

    /// True for columns of the row's source (one per row); false for the record's own
    /// columns, which are merged vertically over the record's rows.
    pub(crate) fn is_source(self) -> bool {
        matches!(
            self,
            Field::SourceName
                | Field::Product
                | Field::Capacity
                | Field::Days
                | Field::Outlet
                | Field::Treatment
                | Field::Standard
                | Field::Annual(_)
                | Field::Daily(_)
        ) || (self.level().is_some() && !matches!(self, Field::KwhCap(_)))
    }

    /// The header text: the full canonical name for ungrouped columns, the part below the
    /// level group for grouped ones. Units sit in brackets at the end, where the importer
    /// splits them off.
    pub(crate) fn header(self, sheet: SheetKind) -> Cow<'static, str> {
        // Record and line columns take their canonical name from the import vocabulary
        // (schemas/column-aliases.json), so the two sides cannot drift apart.
        let s: &'static str = match self {
            Field::County => Plain::County.canonical(),
            Field::Town => Plain::Town.canonical(),
            Field::Name => match sheet {
                SheetKind::Dust => Plain::ProjectName.canonical(),
                _ => Plain::Name.canonical(),
            },
            Field::Code => Plain::Code.canonical(),
            Field::Address => match sheet {
                SheetKind::Dust => Plain::ProjectAddress.canonical(),
                _ => Plain::Address.canonical(),
            },
            Field::Industry => Plain::Industry.canonical(),
            Field::IndustryCode => Plain::IndustryCode.canonical(),
            Field::KeyIndustry => Plain::KeyIndustry.canonical(),
            Field::PowerAccount => Plain::PowerAccount.canonical(),
            Field::NormalDailyKwh => {
                return format!("{}(kWh/d)", Plain::NormalDailyKwh.canonical()).into()
            }
            Field::KwhCap(_) => "日用电量上限(kWh/d)",
            Field::Approval => Plain::Approval.canonical(),
            Field::Outlet => Plain::Outlet.canonical(),
            Field::Treatment => Plain::Treatment.canonical(),
            Field::Standard => Plain::Standard.canonical(),
            Field::ConcentrationLimit(_) => "排放浓度限值(mg/m3)",
            Field::Grade => Plain::Grade.canonical(),
            Field::Class => Plain::Class.canonical(),
            Field::Cems => Plain::Cems.canonical(),
            Field::LegalName => Plain::LegalName.canonical(),
            Field::LegalPhone => Plain::LegalPhone.canonical(),
            Field::ResponsibleName => Plain::ResponsibleName.canonical(),
            Field::ResponsiblePhone => Plain::ResponsiblePhone.canonical(),
            Field::SupervisorName => Plain::SupervisorName.canonical(),
            Field::SupervisorPhone => Plain::SupervisorPhone.canonical(),
            Field::SiteKind => Plain::ProjectKind.canonical(),
            Field::Builder => Plain::Builder.canonical(),
            Field::Contractor => Plain::Contractor.canonical(),
            Field::ManagerName => Plain::ManagerName.canonical(),
            Field::ManagerPhone => Plain::ManagerPhone.canonical(),
            Field::DailyTrips => "日均进出车辆(辆次)",
            Field::Vehicles(stage) => return format!("{}(辆)", stage.name_zh()).into(),
            Field::SourceName => Plain::SourceName.canonical(),
            Field::Product => Plain::Product.canonical(),
            Field::Capacity => Plain::Capacity.canonical(),
            Field::Days => match sheet {
                SheetKind::Industrial => Plain::Days.canonical(),
                SheetKind::Dust => "年施工天数",
                SheetKind::Mobile => "年运行天数",
            },
            Field::Annual(p) => return format!("{}排放量(t/a)", p.name_zh()).into(),
            Field::Daily(p) => return format!("{}日排放量(t/d)", p.name_zh()).into(),
            Field::MeasureText(_) => "减排措施",
            Field::Share(_) => "减排比例(%)",
            Field::Amount(_, p) => return format!("{}减排量(t/d)", p.name_zh()).into(),
            Field::KeyIndicator(_) => "关键性指标",
            Field::PrepTime(_) => "应急准备时间",
            Field::OwnerName(_) => "工序责任人",
            Field::OwnerPhone(_) => "工序责任人电话",
            Field::FilingState => Plain::FilingState.canonical(),
            Field::FilingDate => Plain::FilingDate.canonical(),
            Field::FilingNumber => Plain::FilingNumber.canonical(),
        };
        Cow::Borrowed(s)
    }

    /// The value of a source column for `source` (`None` for record columns).
    pub(crate) fn source_value(self, source: &Source) -> Option<Value<'_>> {
        let v = match self {
            Field::SourceName => text(&source.name),
            Field::Product => text(&source.product),
            Field::Capacity => text(&source.capacity),
            Field::Days => Value::Number(source.days, NumberStyle::Whole),
            Field::Outlet => text(&source.outlet),
            Field::Treatment => text(&source.treatment),
            Field::Standard => text(&source.standard),
            Field::ConcentrationLimit(l) => Value::Number(
                measure(&source.measures, l).concentration_limit,
                NumberStyle::Fixed4,
            ),
            Field::Annual(p) => Value::Number(*source.annual.get(p), NumberStyle::Fixed4),
            Field::Daily(p) => Value::Number(*source.daily.get(p), NumberStyle::Fixed6),
            Field::MeasureText(l) => text(&measure(&source.measures, l).text),
            Field::Share(l) => share_value(measure(&source.measures, l).share),
            Field::Amount(l, p) => Value::Number(
                *measure(&source.measures, l).amounts.get(p),
                NumberStyle::Fixed6,
            ),
            Field::KeyIndicator(l) => text(&measure(&source.measures, l).key_indicator),
            Field::PrepTime(l) => text(&measure(&source.measures, l).prep_time),
            Field::OwnerName(l) => text(&measure(&source.measures, l).owner.name),
            Field::OwnerPhone(l) => text(&measure(&source.measures, l).owner.phone),
            _ => return None,
        };
        Some(v)
    }
}

fn measure(measures: &PerLevel<Measure>, level: Level) -> &Measure {
    measures.get(level)
}

fn text(s: &str) -> Value<'_> {
    Value::Text(Cow::Borrowed(s))
}

/// The percent number to write for a share (a fraction), so that the importer's rule
/// "30 means 30 %" (`v / 100`) gives back exactly the same f64; `None` where no f64 does.
///
/// `share * 100` is not always right: 0.07 × 100 is 7.000000000000001. We take the shortest
/// decimal whose value divided by 100 is the share again (7 for 0.07), which is also what a
/// person wants to see, else a neighbouring float of `share * 100`. About one arbitrary
/// fraction in seven (1/3 is one) is the image of no float under `/ 100`; every share that
/// was itself read as `v / 100` is.
pub(crate) fn share_to_percent(share: f64) -> Option<f64> {
    let scaled = share * 100.0;
    if !scaled.is_finite() {
        return None;
    }
    // Fast path, the same answer as the loop's first step without formatting a string: the
    // whole number nearest to `scaled` (what `{:.0}` gives when it is nearer than a half).
    let whole = scaled.round();
    if (whole - scaled).abs() < 0.5 && whole / 100.0 == share {
        return Some(whole);
    }
    for decimals in 0..=17 {
        if let Ok(x) = format!("{scaled:.decimals$}").parse::<f64>() {
            if x / 100.0 == share {
                return Some(x);
            }
        }
    }
    let mut up = scaled;
    let mut down = scaled;
    for _ in 0..4 {
        up = up.next_up();
        down = down.next_down();
        for x in [up, down] {
            if x / 100.0 == share {
                return Some(x);
            }
        }
    }
    None
}

/// How a share is written: as a percent number (30 for 30 %), or — where no percent number
/// reads back exactly — as the fraction itself in a percentage-formatted cell, which the
/// importer takes as that fraction (`docs/workbook.md`, Values). Either way the round trip is
/// exact and the cell shows the percentage.
pub(crate) fn share_number(share: f64) -> (f64, NumberStyle) {
    match share_to_percent(share) {
        Some(x) => (x, NumberStyle::Percent),
        None => (share, NumberStyle::FractionPercent),
    }
}

/// The cell of an optional share (blank where `None`).
pub(crate) fn share_value(share: Option<f64>) -> Value<'static> {
    match share.map(share_number) {
        Some((x, style)) => Value::Number(Some(x), style),
        None => Value::Number(None, NumberStyle::Percent),
    }
}

/// The 绩效等级 cell of an enterprise.
///
/// 长期停产 wins (the importer then sets no grade); otherwise the grade's label, behind a
/// 保障类- prefix whenever the enterprise carries the guarantee mark, so the mark reads back
/// whatever the class says. A guarantee mark without a grade cannot be written in this cell
/// (保障类- alone is not a valid grade) and is left to the 企业类型 column.
pub(crate) fn grade_text(e: &Enterprise) -> Cow<'static, str> {
    if e.shut_down {
        return Cow::Borrowed("长期停产");
    }
    match e.grade {
        Some(g) if e.guarantee => Cow::Owned(format!("保障类-{}", g.label())),
        Some(g) => Cow::Borrowed(g.label()),
        None => Cow::Borrowed(""),
    }
}

fn yes_no(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "是",
        Some(false) => "否",
        None => "",
    }
}

fn contact(c: &Contact, phone: bool) -> Value<'_> {
    if phone {
        text(&c.phone)
    } else {
        text(&c.name)
    }
}

/// A record of a list sheet: one enterprise, site or fleet, with the sources written on its
/// rows. Its own columns are merged over those rows.
pub(crate) trait Record {
    /// The value of one of the record's own columns.
    fn value(&self, field: Field) -> Value<'_>;
    /// The sources, one per row.
    fn sources(&self) -> &[Source];
}

impl Record for Enterprise {
    fn value(&self, field: Field) -> Value<'_> {
        match field {
            Field::County => text(&self.county),
            Field::Town => text(&self.town),
            Field::Name => text(&self.name),
            Field::Code => text(&self.code),
            Field::Address => text(&self.address),
            Field::Industry => text(&self.industry),
            Field::IndustryCode => text(&self.industry_code),
            Field::KeyIndustry => text(&self.key_industry),
            Field::PowerAccount => text(&self.power_account),
            Field::NormalDailyKwh => Value::Number(self.normal_daily_kwh, NumberStyle::Fixed4),
            Field::KwhCap(l) => Value::Number(*self.daily_kwh_cap.get(l), NumberStyle::Fixed4),
            Field::Grade => Value::Text(grade_text(self)),
            Field::Class => text(self.class.map(|c| c.name_zh()).unwrap_or("")),
            Field::Cems => text(yes_no(self.cems)),
            Field::LegalName | Field::LegalPhone => {
                contact(&self.legal, field == Field::LegalPhone)
            }
            Field::ResponsibleName | Field::ResponsiblePhone => {
                contact(&self.responsible, field == Field::ResponsiblePhone)
            }
            Field::SupervisorName | Field::SupervisorPhone => {
                contact(&self.supervisor, field == Field::SupervisorPhone)
            }
            _ => text(""),
        }
    }

    fn sources(&self) -> &[Source] {
        &self.sources
    }
}

/// An enterprise with its filing record (`None`: none kept, so 未提交), for the industrial
/// sheet's 备案 columns: the record lives beside the list, not in [`Enterprise`].
pub(crate) struct Filed<'a> {
    /// The enterprise.
    pub enterprise: &'a Enterprise,
    /// Its 备案.
    pub filing: Option<&'a Filing>,
}

impl Record for Filed<'_> {
    fn value(&self, field: Field) -> Value<'_> {
        let f = self.filing;
        match field {
            Field::FilingState => text(f.map(|f| f.state).unwrap_or_default().name_zh()),
            Field::FilingDate => Value::Text(Cow::Owned(
                f.and_then(|f| f.date)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            )),
            Field::FilingNumber => text(f.map_or("", |f| f.number.as_str())),
            other => self.enterprise.value(other),
        }
    }

    fn sources(&self) -> &[Source] {
        &self.enterprise.sources
    }
}

impl Record for Site {
    fn value(&self, field: Field) -> Value<'_> {
        match field {
            Field::County => text(&self.county),
            Field::Name => text(&self.name),
            Field::SiteKind => text(&self.kind),
            Field::Address => text(&self.address),
            Field::Builder => text(&self.builder),
            Field::Contractor => text(&self.contractor),
            Field::Approval => text(&self.approval),
            Field::ManagerName | Field::ManagerPhone => {
                contact(&self.manager, field == Field::ManagerPhone)
            }
            Field::ResponsibleName | Field::ResponsiblePhone => {
                contact(&self.responsible, field == Field::ResponsiblePhone)
            }
            _ => text(""),
        }
    }

    fn sources(&self) -> &[Source] {
        std::slice::from_ref(&self.source)
    }
}

impl Record for Fleet {
    fn value(&self, field: Field) -> Value<'_> {
        match field {
            Field::County => text(&self.county),
            Field::Name => text(&self.name),
            Field::Code => text(&self.code),
            Field::DailyTrips => Value::Number(self.daily_trips, NumberStyle::Whole),
            Field::Vehicles(stage) => {
                let v = &self.vehicles;
                let n = match stage {
                    Stage::Guo3 => v.guo3_or_older,
                    Stage::Guo4 => v.guo4,
                    Stage::Guo5 => v.guo5,
                    Stage::Guo6 => v.guo6,
                    Stage::NewEnergy => v.new_energy,
                };
                Value::Number(n.map(f64::from), NumberStyle::Whole)
            }
            _ => text(""),
        }
    }

    fn sources(&self) -> &[Source] {
        std::slice::from_ref(&self.source)
    }
}

/// The per-level columns of one level, in the order of the canonical header, for the
/// pollutants the sheet shows.
pub(crate) fn level_fields(level: Level, pollutants: &[Pollutant]) -> Vec<Field> {
    let mut out = vec![Field::MeasureText(level), Field::Share(level)];
    out.extend(pollutants.iter().map(|&p| Field::Amount(level, p)));
    out.extend([
        Field::KeyIndicator(level),
        Field::PrepTime(level),
        Field::OwnerName(level),
        Field::OwnerPhone(level),
    ]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EnterpriseClass, Grade};

    #[test]
    fn percent_reads_back_exactly() {
        for share in [0.3, 0.07, 0.5, 1.0, 0.0, 0.123456789, 0.29, 0.57] {
            let x = share_to_percent(share).unwrap();
            assert_eq!(x / 100.0, share, "share {share} written as {x}");
        }
        assert_eq!(share_to_percent(0.3), Some(30.0));
        assert_eq!(share_to_percent(0.07), Some(7.0));
        // Every share read as v / 100 is written back as a v that gives it again.
        let mut x = 0.0;
        while x <= 100.0 {
            assert_eq!(
                share_to_percent(x / 100.0).map(|p| p / 100.0),
                Some(x / 100.0)
            );
            x += 0.37;
        }
    }

    #[test]
    fn unreachable_shares_become_percent_formatted_fractions() {
        let third = 1.0 / 3.0;
        assert_eq!(share_to_percent(third), None);
        assert_eq!(share_number(third), (third, NumberStyle::FractionPercent));
        assert_eq!(share_number(0.3), (30.0, NumberStyle::Percent));
    }

    #[test]
    fn grade_cell_carries_marks() {
        let mut e = Enterprise {
            grade: Some(Grade::B),
            guarantee: true,
            class: Some(EnterpriseClass::Key),
            ..Enterprise::default()
        };
        assert_eq!(grade_text(&e), "保障类-B");
        let cell = crate::model::parse_grade(&grade_text(&e)).unwrap();
        assert!(cell.guarantee);
        assert_eq!(cell.grade, Some(Grade::B));
        e.shut_down = true;
        assert_eq!(grade_text(&e), "长期停产");
        e.shut_down = false;
        e.guarantee = false;
        e.grade = Some(Grade::BMinus);
        assert_eq!(grade_text(&e), "B-");
    }
}
