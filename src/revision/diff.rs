//! `diff`: the changes between last year's list and this year's, record by record, as a
//! county states them to the city (修订说明).
//!
//! Matching, in this order:
//! - **enterprises** by 统一社会信用代码 where both sides have one; the rest by 企业名称. A code
//!   found on both sides under a different name is a **rename**, not a removal and an addition;
//!   an enterprise that gained (or corrected) its code keeps its name and is matched by it.
//!   Several records with one key (a list fault the review reports) are paired in list order;
//! - **lines** within a matched enterprise by 生产线名称 (trimmed), paired in order;
//! - **sites** by 所属区县 + 项目名称, **fleets** by code, else name.
//!
//! Changes are reported under the record's code (its name where it has none). Emissions are
//! compared as t/a (the annual figure, else daily × days with 365 days where none are given);
//! a change is reported only when it exceeds the tolerance, a fraction of the larger figure
//! (a setting, 5 % by default), so that rounding in a re-typed workbook is not news — except
//! a figure that appears or disappears, which is always reported.
//!
//! Ratios: per level and pollutant the reduction ratio of each side (`docs/method.md`,
//! `null` without a baseline) and the ten records whose daily reduction changed most, with
//! how much of the ratio each moved (against the newer side's baseline).

use std::collections::{HashMap, VecDeque};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Amounts, Contact, Enterprise, Level, List, PerLevel, Pollutant, Source};
use crate::reduce::{source_reduction, DEFAULT_DAYS};

/// The emission tolerance when the store has none set: 5 % of the larger figure.
pub const DEFAULT_EMISSION_TOLERANCE: f64 = 0.05;

/// How many records `ratios` names per level and pollutant.
const MOVERS: usize = 10;

/// Changes smaller than this (t/a or t/d) are noise of floating point, never news.
const EPSILON: f64 = 1e-9;

/// Everything that changed between two lists; the JSON of `diff --json`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ListDiff {
    /// Enterprises of the industrial sheet added, removed and renamed.
    pub enterprises: EnterpriseChanges,
    /// Dust sources (by 项目名称) added and removed.
    pub sites: NamesChanged,
    /// Heavy-vehicle users (by 企业名称) added and removed.
    pub fleets: NamesChanged,
    /// 绩效等级 changes of enterprises on both sides (canonical grades, `null` for blank).
    pub grade_changes: Vec<ValueChange>,
    /// 企业类型 changes (重点企业 …, `null` for blank).
    pub class_changes: Vec<ValueChange>,
    /// Lines added and removed within enterprises on both sides.
    pub line_changes: Vec<LineChange>,
    /// 减排措施 text changes per line and level.
    pub measure_changes: Vec<MeasureChange>,
    /// Annual emissions changed beyond the tolerance, per line and pollutant.
    pub emission_changes: Vec<EmissionChange>,
    /// Contacts (法定代表人, 应急减排责任人, 监督人) changed.
    pub contact_changes: Vec<ContactChange>,
    /// Per level and pollutant: the ratio before and after and what moved it.
    pub ratios: Vec<RatioChange>,
    /// The emission tolerance used (fraction of the larger figure).
    pub tolerance: f64,
}

impl ListDiff {
    /// True when nothing at all changed (ratios aside: they are always listed).
    pub fn is_empty(&self) -> bool {
        self.enterprises.added.is_empty()
            && self.enterprises.removed.is_empty()
            && self.enterprises.renamed.is_empty()
            && self.sites.added.is_empty()
            && self.sites.removed.is_empty()
            && self.fleets.added.is_empty()
            && self.fleets.removed.is_empty()
            && self.grade_changes.is_empty()
            && self.class_changes.is_empty()
            && self.line_changes.is_empty()
            && self.measure_changes.is_empty()
            && self.emission_changes.is_empty()
            && self.contact_changes.is_empty()
    }
}

/// Enterprises added, removed and renamed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EnterpriseChanges {
    /// On the newer list only.
    pub added: Vec<EnterpriseRef>,
    /// On the older list only.
    pub removed: Vec<EnterpriseRef>,
    /// The same credit code under a new name.
    pub renamed: Vec<Renamed>,
}

/// An enterprise by code and name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EnterpriseRef {
    /// 统一社会信用代码 as in the list (empty where it has none).
    pub code: String,
    /// 企业名称.
    pub name: String,
}

/// A rename: one credit code, two names.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Renamed {
    /// The credit code.
    pub code: String,
    /// Last year's name.
    pub from: String,
    /// This year's name.
    pub to: String,
}

/// Records (by name) added and removed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NamesChanged {
    /// On the newer list only.
    pub added: Vec<String>,
    /// On the older list only.
    pub removed: Vec<String>,
}

/// A field of an enterprise that changed (grade, class).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ValueChange {
    /// The enterprise's code (its name where it has none).
    pub code: String,
    /// Before; `null` where blank.
    pub from: Option<String>,
    /// After; `null` where blank.
    pub to: Option<String>,
}

/// Lines added and removed within one enterprise.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LineChange {
    /// The enterprise's code (its name where it has none).
    pub code: String,
    /// Line names on the newer list only.
    pub added: Vec<String>,
    /// Line names on the older list only.
    pub removed: Vec<String>,
}

/// A measure whose text changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MeasureChange {
    /// The enterprise's code (its name where it has none).
    pub code: String,
    /// 生产线名称.
    pub line: String,
    /// The warning level.
    pub level: Level,
    /// Last year's text (empty where blank).
    pub from: String,
    /// This year's text.
    pub to: String,
}

/// An annual emission that changed beyond the tolerance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EmissionChange {
    /// The enterprise's code (its name where it has none).
    pub code: String,
    /// 生产线名称.
    pub line: String,
    /// The pollutant.
    pub pollutant: Pollutant,
    /// Last year's t/a; `null` where not given.
    pub from: Option<f64>,
    /// This year's t/a; `null` where not given.
    pub to: Option<f64>,
}

/// A contact that changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ContactChange {
    /// The enterprise's code (its name where it has none).
    pub code: String,
    /// `legal` (法定代表人), `responsible` (应急减排责任人) or `supervisor` (监督人).
    pub role: String,
    /// Before: name and phone.
    pub from: Contact,
    /// After.
    pub to: Contact,
}

/// One level and pollutant: the ratio on each side and the records that moved it most.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RatioChange {
    /// The warning level.
    pub level: Level,
    /// The pollutant.
    pub pollutant: Pollutant,
    /// Last year's ratio (fraction); `null` without a baseline.
    pub before: Option<f64>,
    /// This year's ratio; `null` without a baseline.
    pub after: Option<f64>,
    /// Up to ten records whose daily reduction changed most, largest change first.
    pub movers: Vec<Mover>,
}

/// A record whose reduction changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Mover {
    /// `enterprise`, `site` or `fleet`.
    pub kind: String,
    /// Its code (an enterprise's or fleet's; a site's or code-less record's name).
    pub code: String,
    /// Its name on the newer list (the older one's where it was removed).
    pub name: String,
    /// Daily reduction last year, t/d.
    pub before: f64,
    /// Daily reduction this year, t/d.
    pub after: f64,
    /// `(after − before) / B_p` with the newer side's baseline; `null` without one.
    pub ratio_change: Option<f64>,
}

/// The changes from `old` to `new`; emissions count as changed beyond `tolerance` (a
/// fraction of the larger figure, e.g. 0.05).
pub fn diff(old: &List, new: &List, tolerance: f64) -> ListDiff {
    let mut out = ListDiff {
        tolerance,
        ..ListDiff::default()
    };
    let pairs = match_enterprises(&old.enterprises, &new.enterprises);
    let mut movers = Vec::new();
    for (o, n) in &pairs.matched {
        let (o, n) = (&old.enterprises[*o], &new.enterprises[*n]);
        compare_enterprise(o, n, tolerance, &mut out);
        movers.push(record("enterprise", &n.key(), &n.name, Some(o), Some(n)));
    }
    for &i in &pairs.removed {
        let e = &old.enterprises[i];
        out.enterprises.removed.push(reference(e));
        movers.push(record("enterprise", &e.key(), &e.name, Some(e), None));
    }
    for &i in &pairs.added {
        let e = &new.enterprises[i];
        out.enterprises.added.push(reference(e));
        movers.push(record("enterprise", &e.key(), &e.name, None, Some(e)));
    }

    let site_key = |s: &crate::model::Site| format!("{}\u{1}{}", s.county.trim(), s.name.trim());
    let (sites, site_movers) = compare_simple("site", &old.sites, &new.sites, site_key, |s| {
        (s.name.clone(), &s.source)
    });
    out.sites = sites;
    movers.extend(site_movers);
    let (fleets, fleet_movers) = compare_simple(
        "fleet",
        &old.fleets,
        &new.fleets,
        |f| f.key(),
        |f| (f.name.clone(), &f.source),
    );
    out.fleets = fleets;
    movers.extend(fleet_movers);

    out.ratios = ratios(old, new, &movers);
    out
}

/// What one record reduces per level on each side (t/d); shut-down enterprises reduce
/// nothing, as in the check.
struct Record {
    kind: &'static str,
    code: String,
    name: String,
    before: PerLevel<Amounts>,
    after: PerLevel<Amounts>,
}

fn reductions<'a>(sources: impl IntoIterator<Item = &'a Source>) -> PerLevel<Amounts> {
    let mut sum = PerLevel::<Amounts>::default();
    for s in sources {
        let r = source_reduction(s).reductions;
        for l in Level::ALL {
            sum.get_mut(l).add(r.get(l));
        }
    }
    sum
}

fn enterprise_reductions(e: Option<&Enterprise>) -> PerLevel<Amounts> {
    match e {
        Some(e) if !e.shut_down => reductions(&e.sources),
        _ => PerLevel::default(),
    }
}

fn record(
    kind: &'static str,
    code: &str,
    name: &str,
    old: Option<&Enterprise>,
    new: Option<&Enterprise>,
) -> Record {
    Record {
        kind,
        code: code.to_string(),
        name: name.to_string(),
        before: enterprise_reductions(old),
        after: enterprise_reductions(new),
    }
}

fn reference(e: &Enterprise) -> EnterpriseRef {
    EnterpriseRef {
        code: e.code.clone(),
        name: e.name.clone(),
    }
}

/// Indices of matched, removed (old only) and added (new only) enterprises.
struct Pairs {
    matched: Vec<(usize, usize)>,
    removed: Vec<usize>,
    added: Vec<usize>,
}

/// Pairs records with equal keys in list order; returns the pairs and what is left.
fn pair_by<K: std::hash::Hash + Eq>(
    old: &[usize],
    new: &[usize],
    key_old: impl Fn(usize) -> Option<K>,
    key_new: impl Fn(usize) -> Option<K>,
) -> (Vec<(usize, usize)>, Vec<usize>, Vec<usize>) {
    let mut index: HashMap<K, VecDeque<usize>> = HashMap::new();
    for &n in new {
        if let Some(k) = key_new(n) {
            index.entry(k).or_default().push_back(n);
        }
    }
    let mut matched = Vec::new();
    let mut left_old = Vec::new();
    for &o in old {
        match key_old(o).and_then(|k| index.get_mut(&k).and_then(VecDeque::pop_front)) {
            Some(n) => matched.push((o, n)),
            None => left_old.push(o),
        }
    }
    let taken: std::collections::HashSet<usize> = matched.iter().map(|&(_, n)| n).collect();
    let left_new = new.iter().copied().filter(|n| !taken.contains(n)).collect();
    (matched, left_old, left_new)
}

fn match_enterprises(old: &[Enterprise], new: &[Enterprise]) -> Pairs {
    let all_old: Vec<usize> = (0..old.len()).collect();
    let all_new: Vec<usize> = (0..new.len()).collect();
    let code = |e: &Enterprise| (!e.code.is_empty()).then(|| e.code.clone());
    let (mut matched, left_old, left_new) =
        pair_by(&all_old, &all_new, |i| code(&old[i]), |i| code(&new[i]));
    let name = |e: &Enterprise| Some(e.name.trim().to_string());
    let (by_name, removed, added) =
        pair_by(&left_old, &left_new, |i| name(&old[i]), |i| name(&new[i]));
    matched.extend(by_name);
    matched.sort_unstable();
    Pairs {
        matched,
        removed,
        added,
    }
}

/// The annual emission of a source in t/a: the annual figure, else daily × days.
fn annual(s: &Source, p: Pollutant) -> Option<f64> {
    s.annual.get(p).or_else(|| {
        let days = s
            .days
            .filter(|d| *d > 0.0 && *d <= 366.0)
            .unwrap_or(DEFAULT_DAYS);
        s.daily.get(p).map(|d| d * days)
    })
}

/// True when the change from `from` to `to` is news: a figure that appears or disappears
/// (and is not 0), or one that moved by more than `tolerance` of the larger figure.
fn beyond(from: Option<f64>, to: Option<f64>, tolerance: f64) -> bool {
    let (a, b) = (from.unwrap_or(0.0), to.unwrap_or(0.0));
    let diff = (a - b).abs();
    if diff <= EPSILON {
        return false;
    }
    from.is_none() || to.is_none() || diff > tolerance * a.abs().max(b.abs())
}

fn compare_enterprise(o: &Enterprise, n: &Enterprise, tolerance: f64, out: &mut ListDiff) {
    let code = n.key();
    if !o.code.is_empty() && o.code == n.code && o.name.trim() != n.name.trim() {
        out.enterprises.renamed.push(Renamed {
            code: n.code.clone(),
            from: o.name.clone(),
            to: n.name.clone(),
        });
    }
    let grade = |e: &Enterprise| e.grade.map(|g| g.label().to_string());
    if grade(o) != grade(n) {
        out.grade_changes.push(ValueChange {
            code: code.clone(),
            from: grade(o),
            to: grade(n),
        });
    }
    let class = |e: &Enterprise| e.class.map(|c| c.name_zh().to_string());
    if class(o) != class(n) {
        out.class_changes.push(ValueChange {
            code: code.clone(),
            from: class(o),
            to: class(n),
        });
    }
    for (role, a, b) in [
        ("legal", &o.legal, &n.legal),
        ("responsible", &o.responsible, &n.responsible),
        ("supervisor", &o.supervisor, &n.supervisor),
    ] {
        if a.name.trim() != b.name.trim() || a.phone.trim() != b.phone.trim() {
            out.contact_changes.push(ContactChange {
                code: code.clone(),
                role: role.to_string(),
                from: a.clone(),
                to: b.clone(),
            });
        }
    }
    let all_old: Vec<usize> = (0..o.sources.len()).collect();
    let all_new: Vec<usize> = (0..n.sources.len()).collect();
    let line = |s: &Source| Some(s.name.trim().to_string());
    let (lines, removed, added) = pair_by(
        &all_old,
        &all_new,
        |i| line(&o.sources[i]),
        |i| line(&n.sources[i]),
    );
    if !added.is_empty() || !removed.is_empty() {
        out.line_changes.push(LineChange {
            code: code.clone(),
            added: added.iter().map(|&i| n.sources[i].name.clone()).collect(),
            removed: removed.iter().map(|&i| o.sources[i].name.clone()).collect(),
        });
    }
    for (a, b) in lines {
        let (a, b) = (&o.sources[a], &n.sources[b]);
        for level in Level::ALL {
            let (from, to) = (
                a.measures.get(level).text.trim(),
                b.measures.get(level).text.trim(),
            );
            if from != to {
                out.measure_changes.push(MeasureChange {
                    code: code.clone(),
                    line: b.name.clone(),
                    level,
                    from: from.to_string(),
                    to: to.to_string(),
                });
            }
        }
        for p in Pollutant::ALL {
            let (from, to) = (annual(a, p), annual(b, p));
            if beyond(from, to, tolerance) {
                out.emission_changes.push(EmissionChange {
                    code: code.clone(),
                    line: b.name.clone(),
                    pollutant: p,
                    from,
                    to,
                });
            }
        }
    }
}

/// Sites and fleets: added and removed names, and each record's reductions.
fn compare_simple<T>(
    kind: &'static str,
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> String,
    parts: impl Fn(&T) -> (String, &Source),
) -> (NamesChanged, Vec<Record>) {
    let all_old: Vec<usize> = (0..old.len()).collect();
    let all_new: Vec<usize> = (0..new.len()).collect();
    let (matched, removed, added) = pair_by(
        &all_old,
        &all_new,
        |i| Some(key(&old[i])),
        |i| Some(key(&new[i])),
    );
    let mut records = Vec::new();
    let mut names = NamesChanged::default();
    let code_of = |t: &T| {
        let k = key(t);
        // A site's key joins county and name: show the name.
        k.rsplit('\u{1}').next().unwrap_or(&k).to_string()
    };
    for (o, n) in matched {
        let (name, source) = parts(&new[n]);
        records.push(Record {
            kind,
            code: code_of(&new[n]),
            name,
            before: reductions([parts(&old[o]).1]),
            after: reductions([source]),
        });
    }
    for o in removed {
        let (name, source) = parts(&old[o]);
        names.removed.push(name.clone());
        records.push(Record {
            kind,
            code: code_of(&old[o]),
            name,
            before: reductions([source]),
            after: PerLevel::default(),
        });
    }
    for n in added {
        let (name, source) = parts(&new[n]);
        names.added.push(name.clone());
        records.push(Record {
            kind,
            code: code_of(&new[n]),
            name,
            before: PerLevel::default(),
            after: reductions([source]),
        });
    }
    (names, records)
}

fn ratios(old: &List, new: &List, records: &[Record]) -> Vec<RatioChange> {
    let before = crate::reduce::check(old);
    let after = crate::reduce::check(new);
    let ratio = |r: &crate::reduce::Report, l: Level, p: Pollutant| {
        r.levels
            .iter()
            .find(|c| c.level == l)
            .and_then(|c| c.ratio.as_ref())
            .map(|a| *a.get(p))
    };
    let baseline = new.baseline.map(|b| b.daily());
    let mut out = Vec::new();
    for level in Level::ALL {
        for p in Pollutant::ALL {
            let mut movers: Vec<Mover> = records
                .iter()
                .filter_map(|r| {
                    let (b, a) = (*r.before.get(level).get(p), *r.after.get(level).get(p));
                    ((a - b).abs() > EPSILON).then(|| Mover {
                        kind: r.kind.to_string(),
                        code: r.code.clone(),
                        name: r.name.clone(),
                        before: crate::reduce::tidy(b),
                        after: crate::reduce::tidy(a),
                        ratio_change: baseline
                            .as_ref()
                            .map(|base| *base.get(p))
                            .filter(|base| *base > 0.0)
                            .map(|base| crate::reduce::tidy((a - b) / base)),
                    })
                })
                .collect();
            movers.sort_by(|x, y| {
                let dx = (x.after - x.before).abs();
                let dy = (y.after - y.before).abs();
                dy.total_cmp(&dx).then_with(|| x.code.cmp(&y.code))
            });
            movers.truncate(MOVERS);
            out.push(RatioChange {
                level,
                pollutant: p,
                before: ratio(&before, level, p),
                after: ratio(&after, level, p),
                movers,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Enterprise, Grade};

    fn enterprise(code: &str, name: &str, lines: &[&str]) -> Enterprise {
        Enterprise {
            code: code.into(),
            name: name.into(),
            sources: lines
                .iter()
                .map(|l| Source {
                    name: l.to_string(),
                    annual: crate::model::PerPollutant {
                        so2: Some(10.0),
                        nox: None,
                        pm: None,
                        vocs: None,
                    },
                    ..Source::default()
                })
                .collect(),
            ..Enterprise::default()
        }
    }

    fn list(enterprises: Vec<Enterprise>) -> List {
        List {
            enterprises,
            ..List::default()
        }
    }

    #[test]
    fn a_code_gained_under_the_same_name_is_no_change() {
        let old = list(vec![enterprise("", "甲厂", &["1#"])]);
        let new = list(vec![enterprise("91410529MA47XK0Q3X", "甲厂", &["1#"])]);
        let d = diff(&old, &new, 0.05);
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn duplicates_pair_in_order_and_the_extra_one_is_added() {
        let old = list(vec![enterprise("X", "甲厂", &["1#"])]);
        let new = list(vec![
            enterprise("X", "甲厂", &["1#"]),
            enterprise("X", "甲厂分厂", &["2#"]),
        ]);
        let d = diff(&old, &new, 0.05);
        assert_eq!(
            d.enterprises.added,
            vec![EnterpriseRef {
                code: "X".into(),
                name: "甲厂分厂".into()
            }]
        );
        assert!(d.enterprises.renamed.is_empty());
    }

    #[test]
    fn tolerance_is_a_share_of_the_larger_figure() {
        let old = list(vec![enterprise("X", "甲厂", &["1#"])]);
        let mut new = old.clone();
        new.enterprises[0].sources[0].annual.so2 = Some(10.4);
        assert!(diff(&old, &new, 0.05).emission_changes.is_empty());
        new.enterprises[0].sources[0].annual.so2 = Some(10.6);
        assert_eq!(diff(&old, &new, 0.05).emission_changes.len(), 1);
        // A figure that appears where there was none is a change at any tolerance.
        new.enterprises[0].sources[0].annual.so2 = Some(10.0);
        new.enterprises[0].sources[0].annual.vocs = Some(0.5);
        let d = diff(&old, &new, 10.0);
        assert_eq!(d.emission_changes[0].from, None);
        assert_eq!(d.emission_changes[0].to, Some(0.5));
    }

    #[test]
    fn blank_grade_to_a_grade_is_reported_with_null() {
        let old = list(vec![enterprise("X", "甲厂", &["1#"])]);
        let mut new = old.clone();
        new.enterprises[0].grade = Some(Grade::APlus);
        let d = diff(&old, &new, 0.05);
        assert_eq!(
            d.grade_changes,
            vec![ValueChange {
                code: "X".into(),
                from: None,
                to: Some("A+".into())
            }]
        );
    }
}
