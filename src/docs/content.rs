//! What the documents say, apart from how they are typeset: finding the enterprise, site and
//! fleet, the measure text each level shows, and the notice board's fields and lines (shared
//! by the board file and the plan's attachment).

use crate::model::{
    normalise_code, Enterprise, Fleet, Heating, Level, List, Measure, PerLevel, Site, Source,
};

use super::fill::Filler;
use super::DocError;

/// Finds an enterprise by its credit code (normalised as the importer stores it), or by its
/// exact name for enterprises the list gives without a code.
///
/// # Errors
/// [`DocError::UnknownEnterprise`] naming what was asked for.
pub fn find_enterprise<'a>(list: &'a List, code: &str) -> Result<&'a Enterprise, DocError> {
    let norm = normalise_code(code);
    let name = code.trim();
    list.enterprises
        .iter()
        .find(|e| !e.code.is_empty() && e.code == norm)
        .or_else(|| list.enterprises.iter().find(|e| e.name.trim() == name))
        .ok_or_else(|| DocError::UnknownEnterprise(name.to_string()))
}

/// Finds a site by its project name (spaces ignored).
///
/// # Errors
/// [`DocError::UnknownSite`] naming what was asked for.
pub fn find_site<'a>(list: &'a List, name: &str) -> Result<&'a Site, DocError> {
    let want = squeeze(name);
    list.sites
        .iter()
        .find(|s| squeeze(&s.name) == want)
        .ok_or_else(|| DocError::UnknownSite(name.trim().to_string()))
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The enterprise's heavy-vehicle fleet on the 移动源 sheet: matched by credit code where both
/// have one, else by name.
pub fn find_fleet<'a>(list: &'a List, e: &Enterprise) -> Option<&'a Fleet> {
    if !e.code.is_empty() {
        if let Some(f) = list.fleets.iter().find(|f| f.code == e.code) {
            return Some(f);
        }
    }
    let name = e.name.trim();
    list.fleets
        .iter()
        .find(|f| !name.is_empty() && f.name.trim() == name)
}

/// The enterprise's row on the 协同供暖 sheet, matched like its fleet.
pub fn find_heating<'a>(list: &'a List, e: &Enterprise) -> Option<&'a Heating> {
    if !e.code.is_empty() {
        if let Some(h) = list.heating.iter().find(|h| h.code == e.code) {
            return Some(h);
        }
    }
    let name = e.name.trim();
    list.heating
        .iter()
        .find(|h| !name.is_empty() && h.name.trim() == name)
}

/// A measure as a document shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    /// The text to print (the measure itself, or the inherited one).
    pub text: String,
    /// The lower level whose measure applies because this level is blank.
    pub inherited_from: Option<Level>,
}

/// What `source` does at `level`: its own measure text, or — for a blank level, which
/// inherits the next-lower level's reductions (`docs/method.md`) — that level's text.
/// `None` when neither this level nor any lower one says anything.
pub fn shown_measure(source: &Source, level: Level) -> Option<Shown> {
    let mut at = level;
    loop {
        let m = source.measures.get(at);
        if !m.is_blank() {
            return Some(Shown {
                text: measure_text(m),
                inherited_from: (at != level).then_some(at),
            });
        }
        at = at.lower()?;
    }
}

/// The words of a measure; a measure given only as a share or amounts is described by them.
fn measure_text(m: &Measure) -> String {
    let t = m.text.trim();
    if !t.is_empty() {
        return t.to_string();
    }
    match m.share {
        Some(s) => format!("减排{}", percent(s)),
        None => "按核定减排量减排".to_string(),
    }
}

/// A fraction as a percentage without needless decimals (0.5 → 50%, 0.125 → 12.5%).
pub fn percent(f: f64) -> String {
    let p = f * 100.0;
    let s = format!("{p:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s}%")
}

/// A measure's display text for one level with its inheritance spelt out, or 【待补充】 (and a
/// record) when no level up to this one says anything.
pub fn measure_cell(source: &Source, level: Level, place: &str, fill: &mut Filler) -> String {
    match shown_measure(source, level) {
        Some(Shown {
            text,
            inherited_from: None,
        }) => text,
        Some(Shown {
            text,
            inherited_from: Some(lower),
        }) => format!("同{}措施：{text}", lower.name_zh()),
        None => fill.text(
            "",
            &format!("{}减排措施", level.name_zh()),
            &format!("{place} / {}", source_label(source)),
        ),
    }
}

/// A source's name as documents print it (生产线 / 工序 / 设施); unnamed rows are labelled by
/// their sheet and row.
pub fn source_label(s: &Source) -> String {
    let n = s.name.trim();
    if !n.is_empty() {
        return n.to_string();
    }
    match &s.origin {
        Some(o) => format!("（未命名，{}第{}行）", o.sheet, o.row),
        None => "（未命名生产线）".to_string(),
    }
}

/// The notice board's content: the fields listed in `docs/cli.md` (Board), in order, and the
/// measure lines per level.
#[derive(Clone, Debug)]
pub struct BoardContent {
    /// (label, value) in the order of Pingdingshan 4.2.1(6).
    pub fields: Vec<(String, String)>,
    /// One line per group of sources with the same measure ("生产线：措施").
    pub levels: PerLevel<Vec<String>>,
}

/// The performance grade as the board prints it. A blank grade is missing only for a key
/// industry: other industries are not graded, which the board says in words.
pub fn grade_text(e: &Enterprise, fill: &mut Filler) -> String {
    if e.shut_down {
        return "长期停产".to_string();
    }
    let mark = if e.is_guarantee() {
        "（保障类）"
    } else {
        ""
    };
    match e.grade {
        Some(g) => format!("{}{mark}", g.label()),
        None if !e.is_key_industry() && !e.industry.trim().is_empty() => {
            format!("非重点行业，未分级{mark}")
        }
        None => fill.text("", "绩效等级", &e.name),
    }
}

/// The enterprise board's fields and lines.
pub fn enterprise_board(list: &List, e: &Enterprise, fill: &mut Filler) -> BoardContent {
    let place = board_place(&e.name, "企业");
    let fields = vec![
        ("企业名称".into(), fill.text(&e.name, "企业名称", &place)),
        (
            "所属县（市、区）".into(),
            fill.text(&e.county, "所属县（市、区）", &place),
        ),
        (
            "行业类型".into(),
            fill.text(&e.industry, "行业类型", &place),
        ),
        ("绩效等级".into(), grade_text(e, fill)),
        (
            "企业法定代表人及联系方式".into(),
            fill.contact(&e.legal, "企业法定代表人", &place),
        ),
        (
            "应急减排责任人及联系方式".into(),
            fill.contact(&e.responsible, "应急减排责任人", &place),
        ),
        (
            "监督人及联系方式".into(),
            fill.contact(&e.supervisor, "监督人", &place),
        ),
    ];
    let fleet = find_fleet(list, e);
    let levels = PerLevel::from_fn(|level| enterprise_lines(e, fleet, level, &place, fill));
    BoardContent { fields, levels }
}

fn board_place(name: &str, what: &str) -> String {
    let n = name.trim();
    if n.is_empty() {
        format!("（未命名{what}）")
    } else {
        n.to_string()
    }
}

/// One line per group of sources sharing a measure: "1#线、2#线：停产". The fleet's
/// transport measure, when it has one, closes the list.
fn enterprise_lines(
    e: &Enterprise,
    fleet: Option<&Fleet>,
    level: Level,
    place: &str,
    fill: &mut Filler,
) -> Vec<String> {
    if e.shut_down {
        return vec!["长期停产，预警期间不得擅自恢复生产".to_string()];
    }
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for s in &e.sources {
        let text = measure_cell(s, level, place, fill);
        let label = source_label(s);
        match groups.iter_mut().find(|(t, _)| *t == text) {
            Some((_, names)) => names.push(label),
            None => groups.push((text, vec![label])),
        }
    }
    let mut lines: Vec<String> = groups
        .into_iter()
        .map(|(text, names)| format!("{}：{text}", names.join("、")))
        .collect();
    if let Some(f) = fleet {
        if let Some(shown) = shown_measure(&f.source, level) {
            lines.push(format!("运输车辆：{}", shown.text));
        }
    }
    if lines.is_empty() {
        lines.push(fill.text("", &format!("{}减排措施", level.name_zh()), place));
    }
    lines
}

/// The site board's fields and lines.
pub fn site_board(site: &Site, fill: &mut Filler) -> BoardContent {
    let place = board_place(&site.name, "工地");
    let fields = vec![
        ("项目名称".into(), fill.text(&site.name, "项目名称", &place)),
        ("项目类型".into(), fill.text(&site.kind, "项目类型", &place)),
        (
            "项目地址".into(),
            fill.text(&site.address, "项目地址", &place),
        ),
        (
            "项目负责人及联系方式".into(),
            fill.contact(&site.manager, "项目负责人", &place),
        ),
        (
            "应急减排责任人及联系方式".into(),
            fill.contact(&site.responsible, "应急减排责任人", &place),
        ),
    ];
    let levels = PerLevel::from_fn(|level| site_lines(site, level, &place, fill));
    BoardContent { fields, levels }
}

/// A site's measure split into its clauses (sites write one long sentence of 停止… ；…).
fn site_lines(site: &Site, level: Level, place: &str, fill: &mut Filler) -> Vec<String> {
    match shown_measure(&site.source, level) {
        Some(shown) => {
            let mut lines: Vec<String> = shown
                .text
                .split(['；', ';', '\n'])
                .map(|l| l.trim().trim_end_matches('。').to_string())
                .filter(|l| !l.is_empty())
                .collect();
            if let (Some(lower), Some(first)) = (shown.inherited_from, lines.first_mut()) {
                *first = format!("同{}措施：{first}", lower.name_zh());
            }
            lines
        }
        None => vec![fill.text("", &format!("{}减排措施", level.name_zh()), place)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(name: &str, y: &str, o: &str, r: &str) -> Source {
        let mut s = Source {
            name: name.into(),
            ..Default::default()
        };
        s.measures.yellow.text = y.into();
        s.measures.orange.text = o.into();
        s.measures.red.text = r.into();
        s
    }

    #[test]
    fn blank_levels_show_the_lower_measure() {
        let s = source("1#线", "限产50%", "", "停产");
        assert_eq!(shown_measure(&s, Level::Yellow).unwrap().text, "限产50%");
        let o = shown_measure(&s, Level::Orange).unwrap();
        assert_eq!(o.inherited_from, Some(Level::Yellow));
        assert_eq!(o.text, "限产50%");
        assert_eq!(shown_measure(&s, Level::Red).unwrap().inherited_from, None);
        assert!(shown_measure(&source("x", "", "", ""), Level::Red).is_none());
    }

    #[test]
    fn shares_without_text_are_described() {
        let mut s = source("窑", "", "", "");
        s.measures.yellow.share = Some(0.3);
        assert_eq!(shown_measure(&s, Level::Yellow).unwrap().text, "减排30%");
        assert_eq!(percent(0.125), "12.5%");
        assert_eq!(percent(1.0), "100%");
    }

    #[test]
    fn board_lines_group_equal_measures() {
        let e = Enterprise {
            name: "甲厂".into(),
            sources: vec![
                source("1#线", "停产", "停产", "停产"),
                source("2#线", "停产", "停产", "停产"),
                source("锅炉", "自主减排", "", ""),
            ],
            ..Default::default()
        };
        let mut fill = Filler::default();
        let b = enterprise_board(&List::default(), &e, &mut fill);
        assert_eq!(b.levels.yellow, ["1#线、2#线：停产", "锅炉：自主减排"]);
        assert_eq!(b.levels.red[1], "锅炉：同黄色预警措施：自主减排");
        assert!(fill.finish().iter().any(|m| m.field == "监督人及联系方式"));
    }
}
