//! The cover page: name, title, county and date, with the sign-off line.

use chrono::Local;
use docx_rs::{Docx, Paragraph};

use super::Plan;
use crate::docs::fill::Filler;
use crate::docs::typeset::{self, size};

impl Plan<'_> {
    pub(super) fn cover(&self, docx: Docx, fill: &mut Filler) -> Docx {
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
}
