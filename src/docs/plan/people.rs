//! Chapter 责任人: the enterprise's people and each step's owner.

use crate::model::{Contact, Level};

use super::{effective_measure, or_dash, Plan, PlanBlock, Row, WIDTH};
use crate::docs::fill::Filler;

impl Plan<'_> {
    pub(super) fn people(&self, fill: &mut Filler) -> Vec<PlanBlock> {
        let e = self.e;
        let place = &self.place;
        let mut rows = vec![vec![
            "职责".to_string(),
            "姓名".to_string(),
            "联系电话".to_string(),
        ]];
        let mut person = |role: &str, c: &Contact, required: bool, fill: &mut Filler| {
            let (name, phone) = if required {
                (
                    fill.text(&c.name, &format!("{role}姓名"), place),
                    fill.text(&c.phone, &format!("{role}联系电话"), place),
                )
            } else {
                (or_dash(&c.name), or_dash(&c.phone))
            };
            rows.push(vec![role.to_string(), name, phone]);
        };
        person("企业法定代表人", &e.legal, true, fill);
        person("应急减排责任人", &e.responsible, true, fill);
        person("监督人", &e.supervisor, true, fill);
        for r in &self.rows {
            for (role, c) in owners(r) {
                person(&role, &c, true, fill);
            }
        }
        let widths = [WIDTH / 2, WIDTH / 4, WIDTH - WIDTH / 2 - WIDTH / 4];
        vec![
            PlanBlock::text(
                "应急减排责任人负责组织落实各级预警措施；监督人负责监督措施落实并如实记录；各工序责任人负责本工序停产、限产及治污设施运行。联系方式如有变化，应及时报县（市、区）生态环境部门更新。",
            ),
            PlanBlock::grid(&widths, rows, false),
            PlanBlock::text(
                "属地及行业主管部门责任人（清单未登记，由属地乡镇（街道）和行业主管部门填写）：",
            ),
            PlanBlock::text("属地责任人：____________  联系电话：____________"),
            PlanBlock::text("行业主管部门负责人：____________  联系电话：____________"),
        ]
    }
}

/// The step owners of one row, one entry per distinct person (named with the levels they
/// answer for when these differ).
fn owners(r: &Row<'_>) -> Vec<(String, Contact)> {
    let mut out: Vec<(Vec<Level>, Contact)> = Vec::new();
    for level in Level::ALL {
        let m = effective_measure(r.source, level);
        if m.owner.is_empty() {
            continue;
        }
        match out.iter_mut().find(|(_, c)| *c == m.owner) {
            Some((levels, _)) => levels.push(level),
            None => out.push((vec![level], m.owner.clone())),
        }
    }
    let single = out.len() == 1;
    out.into_iter()
        .map(|(levels, c)| {
            let role = if single {
                format!("工序责任人（{}）", r.label)
            } else {
                let names: Vec<&str> = levels.iter().map(|l| l.name_zh()).collect();
                format!("工序责任人（{}，{}）", r.label, names.join("、"))
            };
            (role, c)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Source;
    use crate::reduce::source_reduction;

    #[test]
    fn owners_are_listed_once_per_person() {
        let mut s = Source {
            name: "窑".into(),
            ..Default::default()
        };
        let a = Contact {
            name: "甲".into(),
            phone: "1".into(),
        };
        s.measures.yellow.text = "限产30%".into();
        s.measures.yellow.owner = a.clone();
        s.measures.red.text = "停产".into();
        s.measures.red.owner = a;
        let r = Row {
            label: "窑".into(),
            source: &s,
            reduction: source_reduction(&s),
        };
        let o = owners(&r);
        assert_eq!(o.len(), 1);
        assert_eq!(o[0].0, "工序责任人（窑）");
    }
}
