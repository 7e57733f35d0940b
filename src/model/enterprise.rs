//! Enterprises (企业) of the industrial sheet, with their identity, grade, class and contacts.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Contact, Grade, Origin, PerLevel, Source};

/// The four enterprise classes (Kuitun's, used by all seeds in substance).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum EnterpriseClass {
    /// 重点企业: one of the 39 key industries, graded A–D.
    #[serde(rename = "重点企业")]
    Key,
    /// 小微涉气企业: tiny single-pollutant emitters, < 100 kg a year.
    #[serde(rename = "小微涉气企业")]
    SmallMicro,
    /// 保障类企业: livelihood, city operation or strategic.
    #[serde(rename = "保障类企业")]
    Guarantee,
    /// 其他企业.
    #[serde(rename = "其他企业")]
    Other,
}

impl EnterpriseClass {
    /// All classes in the order of the 总表.
    pub const ALL: [EnterpriseClass; 4] = [
        EnterpriseClass::Key,
        EnterpriseClass::SmallMicro,
        EnterpriseClass::Guarantee,
        EnterpriseClass::Other,
    ];

    /// The value as written in the list (重点企业 …).
    pub fn name_zh(self) -> &'static str {
        match self {
            EnterpriseClass::Key => "重点企业",
            EnterpriseClass::SmallMicro => "小微涉气企业",
            EnterpriseClass::Guarantee => "保障类企业",
            EnterpriseClass::Other => "其他企业",
        }
    }

    /// Reads a class value; accepts the short forms 重点, 小微, 保障类, 其他.
    pub fn parse(text: &str) -> Option<EnterpriseClass> {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let t = t.trim_end_matches("企业").trim_end_matches("类");
        match t {
            "重点" => Some(EnterpriseClass::Key),
            "小微涉气" | "小微" => Some(EnterpriseClass::SmallMicro),
            "保障" => Some(EnterpriseClass::Guarantee),
            "其他" | "一般" => Some(EnterpriseClass::Other),
            _ => None,
        }
    }
}

/// An enterprise of the industrial sheet and its sources.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Enterprise {
    /// Store row id; 0 for an enterprise not yet stored.
    #[ts(type = "number")]
    pub id: i64,
    /// 企业名称.
    pub name: String,
    /// 统一社会信用代码, upper-cased with spaces removed; empty where the list has none.
    pub code: String,
    /// 所属区县.
    pub county: String,
    /// 乡镇(街道).
    pub town: String,
    /// 企业地址 (地址, 生产地址): where the plan and the board say the enterprise is.
    pub address: String,
    /// 行业类别, as written.
    pub industry: String,
    /// 行业代码: the GB/T 4754 code as written (e.g. 3011); with 行业类别 it is what the key
    /// industry is derived from when 重点行业类别 is blank.
    pub industry_code: String,
    /// 重点行业类别 as written: one of the 39 key industries or 非重点行业; empty where the
    /// list has no such cell (the key industry is then derived, see `docs/import.md`).
    pub key_industry: String,
    /// 电力户号: the account the electricity data of an episode is matched by.
    pub power_account: String,
    /// 正常日用电量 in kWh/d: the normal day the electricity check compares against.
    pub normal_daily_kwh: Option<f64>,
    /// 日用电量上限 per level in kWh/d: the 关键性指标 an electricity check holds the
    /// enterprise to during an episode.
    pub daily_kwh_cap: PerLevel<Option<f64>>,
    /// 绩效等级; `None` where blank.
    pub grade: Option<Grade>,
    /// 企业类型; `None` where blank.
    pub class: Option<EnterpriseClass>,
    /// Marked as a guarantee enterprise (class 保障类, or a 民生豁免- / 保障类- grade prefix).
    pub guarantee: bool,
    /// 长期停产: shut down for good; emits and reduces nothing.
    pub shut_down: bool,
    /// 是否安装CEMS; `None` where blank.
    pub cems: Option<bool>,
    /// 法定代表人 and phone.
    pub legal: Contact,
    /// 应急减排责任人 and phone.
    pub responsible: Contact,
    /// 监督人 and phone.
    pub supervisor: Contact,
    /// Production lines, process steps and facilities.
    pub sources: Vec<Source>,
    /// Where the enterprise's first row came from.
    pub origin: Option<Origin>,
}

impl Enterprise {
    /// The identity rows are grouped and matched by: the credit code, else the name.
    pub fn key(&self) -> String {
        if self.code.is_empty() {
            self.name.clone()
        } else {
            self.code.clone()
        }
    }

    /// True when the industry is one of the 39 key industries (`domain.md`).
    pub fn is_key_industry(&self) -> bool {
        super::industry::is_key_industry(&self.industry)
    }

    /// True when the enterprise is a guarantee enterprise by class or by mark.
    pub fn is_guarantee(&self) -> bool {
        self.guarantee || self.class == Some(EnterpriseClass::Guarantee)
    }
}
