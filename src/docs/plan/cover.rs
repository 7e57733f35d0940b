//! The cover page: name, county and date (the layout is the renderer's).

use chrono::Local;

use super::{Plan, PlanCover};
use crate::docs::fill::Filler;

impl Plan<'_> {
    pub(super) fn cover(&self, fill: &mut Filler) -> PlanCover {
        PlanCover {
            name: fill.text(&self.e.name, "企业名称", &self.place),
            county: fill.text(&self.e.county, "所属县（市、区）", &self.place),
            date: Local::now().date_naive().format("%Y年%m月%d日").to_string(),
        }
    }
}
