//! A round of notices computed from the list as it is at that moment (`docs/episode.md`).

use serde::{Deserialize, Serialize};

use super::{show_time, Addressee, Time};
use crate::model::{Contact, Level, List, Source};

/// What a notice is sent with: a copy, so that a later list edit does not rewrite history.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NoticeDraft {
    /// Enterprise or site.
    pub kind: Option<Addressee>,
    /// Matching key: the credit code, else the name (a site: its name).
    pub key: String,
    /// 名称.
    pub name: String,
    /// 统一社会信用代码 (empty for sites and enterprises without one).
    pub code: String,
    /// 所属区县.
    pub county: String,
    /// 乡镇(街道).
    pub town: String,
    /// 应急减排责任人 and phone.
    pub responsible: Contact,
    /// What it must do at the level, one line per production line, site or transport.
    pub measures: Vec<String>,
}

impl NoticeDraft {
    /// Enterprise unless told otherwise.
    pub fn addressee(&self) -> Addressee {
        self.kind.unwrap_or(Addressee::Enterprise)
    }
}

/// The measure text a source carries at `level`, inherited from the lower level when blank.
fn measure_text(source: &Source, level: Level) -> Option<String> {
    let mut l = Some(level);
    while let Some(lv) = l {
        let text = source.measures.get(lv).text.trim();
        if !text.is_empty() {
            return Some(text.to_string());
        }
        if let Some(share) = source.measures.get(lv).share {
            return Some(format!("减排{}%", crate::reduce::tidy(share * 100.0)));
        }
        l = lv.lower();
    }
    None
}

fn line(label: &str, text: String) -> String {
    if label.trim().is_empty() {
        text
    } else {
        format!("{}：{text}", label.trim())
    }
}

/// The round of notices for `level`: one per enterprise (its industrial and mobile rows merged
/// by credit code, else name) and one per construction site, except 长期停产. Enterprises come
/// in list order, then mobile-only users, then sites.
pub fn draft_round(list: &List, level: Level) -> Vec<NoticeDraft> {
    let mut out: Vec<NoticeDraft> = Vec::new();
    let mut shut: Vec<String> = Vec::new();
    for e in &list.enterprises {
        if e.shut_down {
            shut.push(e.key());
            continue;
        }
        let lines = e
            .sources
            .iter()
            .filter_map(|s| measure_text(s, level).map(|t| line(&s.name, t)));
        if let Some(known) = out.iter_mut().find(|d| d.key == e.key()) {
            known.measures.extend(lines);
            continue;
        }
        out.push(NoticeDraft {
            kind: Some(Addressee::Enterprise),
            key: e.key(),
            name: e.name.clone(),
            code: e.code.clone(),
            county: e.county.clone(),
            town: e.town.clone(),
            responsible: e.responsible.clone(),
            measures: lines.collect(),
        });
    }
    for f in &list.fleets {
        if shut.contains(&f.key()) {
            continue;
        }
        let lines = measure_text(&f.source, level).map(|t| line("运输", t));
        if let Some(known) = out.iter_mut().find(|d| d.key == f.key()) {
            known.measures.extend(lines);
            continue;
        }
        out.push(NoticeDraft {
            kind: Some(Addressee::Enterprise),
            key: f.key(),
            name: f.name.clone(),
            code: f.code.clone(),
            county: f.county.clone(),
            town: String::new(),
            responsible: Contact::default(),
            measures: lines.into_iter().collect(),
        });
    }
    for s in &list.sites {
        out.push(NoticeDraft {
            kind: Some(Addressee::Site),
            key: s.name.clone(),
            name: s.name.clone(),
            code: String::new(),
            county: s.county.clone(),
            town: String::new(),
            responsible: s.responsible.clone(),
            measures: measure_text(&s.source, level).into_iter().collect(),
        });
    }
    out
}

/// The longest text message sent (characters).
pub const SMS_LIMIT: usize = 299;

/// The text message of a notice: the level, the start time and the measures in short, cut
/// to under 300 characters.
pub fn sms_text(draft: &NoticeDraft, level: Level, area: &str, started: Time) -> String {
    let head = format!(
        "【{area}重污染天气应急】{}起启动{}，{}：请立即落实：",
        show_time(started),
        level.name_zh(),
        draft.name
    );
    let tail = "。请回复确认。";
    let measures = if draft.measures.is_empty() {
        "清单所列减排措施".to_string()
    } else {
        draft.measures.join("；")
    };
    let room = SMS_LIMIT.saturating_sub(head.chars().count() + tail.chars().count());
    let measures: String = if measures.chars().count() > room {
        let mut cut: String = measures.chars().take(room.saturating_sub(1)).collect();
        cut.push('…');
        cut
    } else {
        measures
    };
    format!("{head}{measures}{tail}")
}
