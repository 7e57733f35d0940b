//! The 修订说明: the changes of [`super::ListDiff`] worded as a county writes them for the
//! city, in the calculation note's shape (numbered sections of paragraphs and tables) so that
//! [`crate::docs::note::write_sections`] typesets both alike.

use std::collections::HashMap;

use super::diff::ListDiff;
use crate::export::note::{Block, CalcNote, Section, Table};
use crate::model::{Contact, List};

/// The 修订说明 of `diff` from `old` (described as `old_label`, e.g. "2025年报送清单") to
/// `new`: a summary, then one section per kind of change (无 where none), then the ratios.
pub fn revision_note(diff: &ListDiff, old: &List, new: &List, old_label: &str) -> CalcNote {
    let names = names(old, new);
    let name = |code: &str| names.get(code).cloned().unwrap_or_else(|| code.to_string());
    let year = new.year.map(|y| format!("{y}年")).unwrap_or_default();
    let mut sections = vec![Section {
        heading: "修订概况".into(),
        blocks: vec![Block::Paragraph(summary(diff, old_label))],
    }];

    let mut rows = Vec::new();
    for e in &diff.enterprises.added {
        rows.push(vec!["新增".into(), e.code.clone(), e.name.clone()]);
    }
    for e in &diff.enterprises.removed {
        rows.push(vec!["删除".into(), e.code.clone(), e.name.clone()]);
    }
    for r in &diff.enterprises.renamed {
        rows.push(vec![
            "更名".into(),
            r.code.clone(),
            format!("{} → {}", r.from, r.to),
        ]);
    }
    sections.push(section(
        "工业企业增减与更名",
        "表1 工业企业增减与更名",
        &["变动", "统一社会信用代码", "企业名称"],
        rows,
    ));

    let mut rows = Vec::new();
    for (kind, changed) in [("扬尘源", &diff.sites), ("移动源", &diff.fleets)] {
        for n in &changed.added {
            rows.push(vec![kind.to_string(), "新增".into(), n.clone()]);
        }
        for n in &changed.removed {
            rows.push(vec![kind.to_string(), "删除".into(), n.clone()]);
        }
    }
    sections.push(section(
        "扬尘源与移动源增减",
        "表2 扬尘源与移动源增减",
        &["类别", "变动", "名称"],
        rows,
    ));

    let blank = |v: &Option<String>| v.clone().unwrap_or_else(|| "（空）".into());
    let mut rows = Vec::new();
    for (what, changes) in [
        ("绩效等级", &diff.grade_changes),
        ("企业类型", &diff.class_changes),
    ] {
        for c in changes {
            rows.push(vec![
                name(&c.code),
                what.into(),
                blank(&c.from),
                blank(&c.to),
            ]);
        }
    }
    sections.push(section(
        "绩效等级与企业类型调整",
        "表3 绩效等级与企业类型调整",
        &["企业名称", "项目", "修订前", "修订后"],
        rows,
    ));

    let rows = diff
        .line_changes
        .iter()
        .map(|c| vec![name(&c.code), c.added.join("、"), c.removed.join("、")])
        .collect();
    sections.push(section(
        "生产线增减",
        "表4 生产线增减",
        &["企业名称", "新增生产线", "删除生产线"],
        rows,
    ));

    let rows = diff
        .measure_changes
        .iter()
        .map(|c| {
            vec![
                name(&c.code),
                c.line.clone(),
                c.level.name_zh().to_string(),
                c.from.clone(),
                c.to.clone(),
            ]
        })
        .collect();
    sections.push(section(
        "减排措施调整",
        "表5 减排措施调整",
        &["企业名称", "生产线", "预警级别", "修订前措施", "修订后措施"],
        rows,
    ));

    let tonnes = |v: Option<f64>| v.map_or_else(|| "（空）".into(), |t| format!("{t:.4}"));
    let rows = diff
        .emission_changes
        .iter()
        .map(|c| {
            vec![
                name(&c.code),
                c.line.clone(),
                c.pollutant.name_zh().to_string(),
                tonnes(c.from),
                tonnes(c.to),
            ]
        })
        .collect();
    sections.push(section(
        "排放量变化",
        &format!(
            "表6 排放量变化（超过{:.2}%，吨/年）",
            diff.tolerance * 100.0
        ),
        &["企业名称", "生产线", "污染物", "修订前", "修订后"],
        rows,
    ));

    let person = |c: &Contact| {
        format!("{} {}", c.name.trim(), c.phone.trim())
            .trim()
            .to_string()
    };
    let rows = diff
        .contact_changes
        .iter()
        .map(|c| {
            let role = match c.role.as_str() {
                "legal" => "法定代表人",
                "responsible" => "应急减排责任人",
                _ => "监督人",
            };
            vec![name(&c.code), role.into(), person(&c.from), person(&c.to)]
        })
        .collect();
    sections.push(section(
        "联系人变更",
        "表7 联系人变更",
        &["企业名称", "联系人", "修订前", "修订后"],
        rows,
    ));

    sections.push(ratio_section(diff));
    CalcNote {
        title: format!("{}{year}重污染天气应急减排清单修订说明", new.area),
        sections,
    }
}

/// Code → name over both lists (the newer name wins), for tables that show names.
fn names(old: &List, new: &List) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for e in old.enterprises.iter().chain(&new.enterprises) {
        map.insert(e.key(), e.name.clone());
    }
    map
}

fn summary(diff: &ListDiff, old_label: &str) -> String {
    let e = &diff.enterprises;
    format!(
        "与{old_label}相比，本次清单工业企业新增 {} 家、删除 {} 家、更名 {} 家；扬尘源新增 {} 个、删除 {} 个；\
         移动源（用车大户）新增 {} 家、删除 {} 家；绩效等级调整 {} 家，企业类型调整 {} 家；\
         {} 家企业的生产线有增减；减排措施调整 {} 处；排放量变化超过{:.2}%的 {} 处；联系人变更 {} 处。",
        e.added.len(),
        e.removed.len(),
        e.renamed.len(),
        diff.sites.added.len(),
        diff.sites.removed.len(),
        diff.fleets.added.len(),
        diff.fleets.removed.len(),
        diff.grade_changes.len(),
        diff.class_changes.len(),
        diff.line_changes.len(),
        diff.measure_changes.len(),
        diff.tolerance * 100.0,
        diff.emission_changes.len(),
        diff.contact_changes.len(),
    )
}

fn section(heading: &str, caption: &str, header: &[&str], rows: Vec<Vec<String>>) -> Section {
    let blocks = if rows.is_empty() {
        vec![Block::Paragraph("无。".into())]
    } else {
        vec![Block::Table(Table {
            caption: caption.into(),
            header: header.iter().map(|h| h.to_string()).collect(),
            rows,
        })]
    };
    Section {
        heading: heading.into(),
        blocks,
    }
}

fn percent(v: Option<f64>) -> String {
    v.map_or_else(|| "—".into(), |r| format!("{:.2}%", r * 100.0))
}

fn ratio_section(diff: &ListDiff) -> Section {
    let mut rows = Vec::new();
    let mut blocks = Vec::new();
    for r in &diff.ratios {
        let change = match (r.before, r.after) {
            (Some(b), Some(a)) => format!("{:+.2}", (a - b) * 100.0),
            _ => "—".into(),
        };
        rows.push(vec![
            r.level.name_zh().to_string(),
            r.pollutant.name_zh().to_string(),
            percent(r.before),
            percent(r.after),
            change,
        ]);
    }
    blocks.push(Block::Table(Table {
        caption: "表8 各级预警减排比例修订前后对比".into(),
        header: ["预警级别", "污染物", "修订前", "修订后", "变化（百分点）"]
            .iter()
            .map(|h| h.to_string())
            .collect(),
        rows,
    }));
    let mut rows = Vec::new();
    for r in &diff.ratios {
        for m in &r.movers {
            rows.push(vec![
                r.level.name_zh().to_string(),
                r.pollutant.name_zh().to_string(),
                m.name.clone(),
                format!("{:.4}", m.before),
                format!("{:.4}", m.after),
                m.ratio_change
                    .map_or_else(|| "—".into(), |c| format!("{:+.2}", c * 100.0)),
            ]);
        }
    }
    if rows.is_empty() {
        blocks.push(Block::Paragraph(
            "各企业、工地和车队的减排量均无变化。".into(),
        ));
    } else {
        blocks.push(Block::Paragraph(
            "下表按预警级别和污染物列出减排量变化最大的（至多 10 个）企业、工地或车队。".into(),
        ));
        blocks.push(Block::Table(Table {
            caption: "表9 减排量变化最大的企业、工地和车队".into(),
            header: [
                "预警级别",
                "污染物",
                "名称",
                "修订前（吨/日）",
                "修订后（吨/日）",
                "比例变化（百分点）",
            ]
            .iter()
            .map(|h| h.to_string())
            .collect(),
            rows,
        }));
    }
    Section {
        heading: "减排比例变化".into(),
        blocks,
    }
}
