//! Chapter 企业基本情况: identity, grade, class, products and CEMS.

use crate::model::Heating;

use super::{distinct, fmt, Plan, PlanBlock};
use crate::docs::content::{self, percent};
use crate::docs::fill::Filler;

impl Plan<'_> {
    pub(super) fn basics(&self, fill: &mut Filler) -> Vec<PlanBlock> {
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
        let mut facts: Vec<[String; 2]> =
            rows.into_iter().map(|(l, v)| [l.to_string(), v]).collect();
        if let Some(h) = self.heating {
            facts.push(["协同供暖（以热定产）".to_string(), heating_text(h)]);
        }
        let mut d = vec![PlanBlock::Facts(facts)];
        if e.shut_down {
            d.push(PlanBlock::text(
                "本企业长期停产，预警期间不排放大气污染物；复产或试生产前须向县（市、区）、市两级报告，经同意后方可进行。",
            ));
        }
        d
    }
}

/// The heating facts as one line: area, maximum load and the rule they follow.
fn heating_text(h: &Heating) -> String {
    let area = h.area_10k_m2.map_or("未填写".to_string(), |a| {
        format!("{}万平方米", fmt(a, 2))
    });
    let load = h.max_load.map_or("未填写".to_string(), percent);
    format!("供暖面积{area}，核定最大生产负荷{load}；预警期间以热定产，按供暖需求确定生产负荷")
}
