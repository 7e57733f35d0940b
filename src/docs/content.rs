//! What the documents say, apart from how they are typeset: finding the enterprise, site and
//! fleet, the measure text each level shows, the transport rule every enterprise is under,
//! and the notice board's fields and lines (shared by the board file, the plan's annex and any
//! preview a front end draws: [`BoardContent`] is plain, serialisable data).

use serde::Serialize;

use crate::model::{
    normalise_code, Enterprise, Fleet, Grade, Heating, Level, List, Measure, PerLevel, Site, Source,
};
use crate::reduce::measure_text::{read_measure, MeasureKind};

use super::fill::Filler;
use super::{DocError, Missing};

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

/// Ways lists write "the line stops" that a reader takes as one measure: boards group lines
/// by their measure, and 停产 / 停止生产 / 全部停产 written by different clerks must not split
/// one group into three.
const STOP_SYNONYMS: [&str; 12] = [
    "停产",
    "停止生产",
    "全部停产",
    "全线停产",
    "全面停产",
    "停产停工",
    "停工停产",
    "停止生产作业",
    "生产线停产",
    "停机",
    "停机停产",
    "关停",
];

/// A measure text in the one spelling documents print: surrounding space and a closing 。 or
/// ；dropped, inner spaces removed, full-width ％ as %, and a bare stop in any of its
/// spellings as 停产. Anything else keeps its words: only exact synonyms are merged, never a
/// text that says more (停产1条生产线 stays as written).
pub fn normalise_measure(text: &str) -> String {
    let t: String = text
        .trim()
        .trim_end_matches(['。', '；', ';', '.'])
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '％' { '%' } else { c })
        .collect();
    if STOP_SYNONYMS.contains(&t.as_str()) {
        "停产".to_string()
    } else {
        t
    }
}

/// The words of a measure; a measure given only as a share or amounts is described by them.
fn measure_text(m: &Measure) -> String {
    let t = normalise_measure(&m.text);
    if !t.is_empty() {
        return t;
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
pub(crate) fn measure_cell(
    source: &Source,
    level: Level,
    place: &str,
    fill: &mut Filler,
) -> String {
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

/// One field of a board: its label and the value printed (or 【待补充】).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct BoardField {
    /// The label (企业名称 …), as Pingdingshan 4.2.1(6) spells it.
    pub label: String,
    /// The value; 【待补充】 where the list leaves it blank.
    pub value: String,
}

/// What a board is posted for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BoardKind {
    /// An enterprise of the industrial sheet.
    Enterprise,
    /// An enterprise that appears only on the 移动源 sheet: its board is about its trucks.
    Transport,
    /// A construction site (扬尘源).
    Site,
}

/// The notice board's content: the fields of `docs/documents.md` in order and the measure
/// lines per level. Format-free, so the .docx writer and a preview render the same words.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BoardContent {
    /// Whose board this is.
    pub kind: BoardKind,
    /// The fields in the order of Pingdingshan 4.2.1(6).
    pub fields: Vec<BoardField>,
    /// One line per group of sources with the same measure ("生产线：措施").
    pub levels: PerLevel<Vec<String>>,
}

/// A board with the required fields it lacks (they show as 【待补充】).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Board {
    /// What the board says.
    pub content: BoardContent,
    /// Fields that were empty.
    pub missing: Vec<Missing>,
}

fn field(label: &str, value: String) -> BoardField {
    BoardField {
        label: label.to_string(),
        value,
    }
}

/// The board of the enterprise with credit code (or name) `code`.
///
/// # Errors
/// [`DocError::UnknownEnterprise`] when the list has no such enterprise.
pub fn board_of_enterprise(list: &List, code: &str) -> Result<Board, DocError> {
    let e = find_enterprise(list, code)?;
    let mut fill = Filler::default();
    let content = enterprise_board(list, e, &mut fill);
    Ok(Board {
        content,
        missing: fill.finish(),
    })
}

/// The board of the construction site named `name`.
///
/// # Errors
/// [`DocError::UnknownSite`] when the list has no such site.
pub fn board_of_site(list: &List, name: &str) -> Result<Board, DocError> {
    let site = find_site(list, name)?;
    let mut fill = Filler::default();
    let content = site_board(site, &mut fill);
    Ok(Board {
        content,
        missing: fill.finish(),
    })
}

/// Fleets of the 移动源 sheet whose enterprise is not on the industrial sheet (logistics
/// firms, mines): they post a transport board of their own.
pub fn fleets_without_enterprise(list: &List) -> impl Iterator<Item = &Fleet> {
    list.fleets.iter().filter(move |f| {
        !list.enterprises.iter().any(|e| {
            (!e.code.is_empty() && e.code == f.code)
                || (!f.name.trim().is_empty() && e.name.trim() == f.name.trim())
        })
    })
}

/// One board per site: sites are matched by name as `board --site` finds them, so a site
/// the list repeats (one row per section) gets one board, that of its first row.
pub fn distinct_sites(list: &List) -> Vec<&Site> {
    let mut seen = std::collections::HashSet::new();
    list.sites
        .iter()
        .filter(|s| seen.insert(squeeze(&s.name)))
        .collect()
}

/// The measure a heavy-vehicle fleet follows at `level` when its enterprise is graded D: Jiyuan
/// stops road transport except new-energy vehicles for D grades from orange on.
pub const D_GRADE_TRANSPORT: &str = "停止新能源车以外的公路运输";

/// The rule for every enterprise's bulk transport from orange on (Liaocheng, Kuitun), where
/// the enterprise states no stricter measure of its own.
pub const GUO4_BAN: &str =
    "停止使用国四及以下排放标准重型载货车辆（含燃气）运输（特种车辆、危险化学品车辆除外）";

/// What the enterprise's transport does at `level`: the D-grade stop from orange on (the
/// city's rule outranks anything weaker the fleet row says), else the fleet row's own measure,
/// else from orange on the 国四 ban that applies to every industrial enterprise. `None` at
/// yellow where nothing is stated, and for an enterprise shut down for good.
pub fn transport_measure(
    grade: Option<Grade>,
    shut_down: bool,
    fleet: Option<&Fleet>,
    level: Level,
) -> Option<String> {
    if shut_down {
        return None;
    }
    let from_orange = level != Level::Yellow;
    if grade == Some(Grade::D) && from_orange {
        return Some(D_GRADE_TRANSPORT.to_string());
    }
    if let Some(shown) = fleet.and_then(|f| shown_measure(&f.source, level)) {
        return Some(shown.text);
    }
    from_orange.then(|| GUO4_BAN.to_string())
}

/// True when `source` stops altogether at `level`: a share of 100 %, or a text that reads as a
/// whole stop (停产, 窑炉停产 …).
pub fn stops_at(source: &Source, level: Level) -> bool {
    let Some(shown) = shown_measure(source, level) else {
        return false;
    };
    let (_, m) = owning_measure(source, level);
    if m.share.is_some_and(|s| s >= 0.999) {
        return true;
    }
    let r = read_measure(&shown.text);
    r.kind == MeasureKind::Stop && r.share >= 0.999
}

/// The measure that applies at `level` (its own or the lower one it inherits), with its level.
fn owning_measure(source: &Source, level: Level) -> (Level, &Measure) {
    let mut at = level;
    loop {
        let m = source.measures.get(at);
        if !m.is_blank() {
            return (at, m);
        }
        match at.lower() {
            Some(l) => at = l,
            None => return (level, source.measures.get(level)),
        }
    }
}

/// The performance grade as the board prints it. A blank grade is missing only for a key
/// industry: other industries are not graded, which the board says in words.
pub(crate) fn grade_text(e: &Enterprise, fill: &mut Filler) -> String {
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
pub(crate) fn enterprise_board(list: &List, e: &Enterprise, fill: &mut Filler) -> BoardContent {
    let place = board_place(&e.name, "企业");
    let fields = vec![
        field("企业名称", fill.text(&e.name, "企业名称", &place)),
        field(
            "所属县（市、区）",
            fill.text(&e.county, "所属县（市、区）", &place),
        ),
        field("行业类型", fill.text(&e.industry, "行业类型", &place)),
        field("绩效等级", grade_text(e, fill)),
        field(
            "企业法定代表人及联系方式",
            fill.contact(&e.legal, "企业法定代表人", &place),
        ),
        field(
            "应急减排责任人及联系方式",
            fill.contact(&e.responsible, "应急减排责任人", &place),
        ),
        field(
            "监督人及联系方式",
            fill.contact(&e.supervisor, "监督人", &place),
        ),
    ];
    let fleet = find_fleet(list, e);
    let levels = PerLevel::from_fn(|level| enterprise_lines(e, fleet, level, &place, fill));
    BoardContent {
        kind: BoardKind::Enterprise,
        fields,
        levels,
    }
}

/// The transport board of an enterprise that is only on the 移动源 sheet. The fleet row names
/// no people and no grade: those fields show as 【待补充】 for the enterprise to supply, except
/// the grade, which a firm outside the industrial list does not have.
pub(crate) fn fleet_board(f: &Fleet, fill: &mut Filler) -> BoardContent {
    let place = board_place(&f.name, "企业");
    let empty = crate::model::Contact::default();
    let fields = vec![
        field("企业名称", fill.text(&f.name, "企业名称", &place)),
        field(
            "所属县（市、区）",
            fill.text(&f.county, "所属县（市、区）", &place),
        ),
        field("行业类型", "运输（移动源清单）".to_string()),
        field("绩效等级", "未列入工业源清单，未分级".to_string()),
        field(
            "企业法定代表人及联系方式",
            fill.contact(&empty, "企业法定代表人", &place),
        ),
        field(
            "应急减排责任人及联系方式",
            fill.contact(&empty, "应急减排责任人", &place),
        ),
        field("监督人及联系方式", fill.contact(&empty, "监督人", &place)),
    ];
    let levels = PerLevel::from_fn(
        |level| match transport_measure(None, false, Some(f), level) {
            Some(t) => vec![format!("运输车辆：{t}")],
            None => vec![fill.text("", &format!("{}运输管控措施", level.name_zh()), &place)],
        },
    );
    BoardContent {
        kind: BoardKind::Transport,
        fields,
        levels,
    }
}

fn board_place(name: &str, what: &str) -> String {
    let n = name.trim();
    if n.is_empty() {
        format!("（未命名{what}）")
    } else {
        n.to_string()
    }
}

/// What the board says about a plant whose every line stops at a level.
pub const WHOLE_PLANT_STOP: &str = "全厂停产";

/// One line per group of sources sharing a measure: "1#线、2#线：停产", or 全厂停产 when every
/// line stops. The transport measure (the fleet's, or the grade's rule) closes the list.
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
    let mut lines: Vec<String> =
        if !e.sources.is_empty() && e.sources.iter().all(|s| stops_at(s, level)) {
            vec![WHOLE_PLANT_STOP.to_string()]
        } else {
            let mut groups: Vec<(String, Vec<String>)> = Vec::new();
            for s in &e.sources {
                let text = measure_cell(s, level, place, fill);
                let label = source_label(s);
                match groups.iter_mut().find(|(t, _)| *t == text) {
                    Some((_, names)) => names.push(label),
                    None => groups.push((text, vec![label])),
                }
            }
            groups
                .into_iter()
                .map(|(text, names)| format!("{}：{text}", names.join("、")))
                .collect()
        };
    if let Some(t) = transport_measure(e.grade, e.shut_down, fleet, level) {
        lines.push(format!("运输车辆：{t}"));
    }
    if lines.is_empty() {
        lines.push(fill.text("", &format!("{}减排措施", level.name_zh()), place));
    }
    lines
}

/// The site board's fields and lines.
pub(crate) fn site_board(site: &Site, fill: &mut Filler) -> BoardContent {
    let place = board_place(&site.name, "工地");
    let fields = vec![
        field("项目名称", fill.text(&site.name, "项目名称", &place)),
        field("项目类型", fill.text(&site.kind, "项目类型", &place)),
        field("项目地址", fill.text(&site.address, "项目地址", &place)),
        field(
            "项目负责人及联系方式",
            fill.contact(&site.manager, "项目负责人", &place),
        ),
        field(
            "应急减排责任人及联系方式",
            fill.contact(&site.responsible, "应急减排责任人", &place),
        ),
    ];
    let levels = PerLevel::from_fn(|level| site_lines(site, level, &place, fill));
    BoardContent {
        kind: BoardKind::Site,
        fields,
        levels,
    }
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
