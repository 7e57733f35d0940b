//! Sums by county, category, industry and grade, the top contributors, and the counts —
//! keyed by borrowed `&str` so that a 60,000-row list costs no per-source allocation.

use std::collections::HashSet;

use super::report::{
    tidy, tidy_amounts, Category, CategoryReduction, Counts, GradeReduction, IndustryReduction,
    LevelReduction, TopSource, TopSources,
};
use crate::model::{Amounts, Level, List, PerLevel, Pollutant};

/// The maps of the sums: keyed by short names and looked up once per record and breakdown
/// (a check of a 60,000-line list does ~100,000 lookups, and an edit in the app runs one),
/// with a fast fixed hash instead of SipHash — the keys are the list's own names, not input
/// an attacker chooses to collide.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

/// Key used where the list leaves a county, industry or grade blank.
pub(super) const BLANK: &str = "未填写";

/// How many sources `top` keeps per level and pollutant.
pub(super) const TOP_N: usize = 20;

/// The key a record is grouped under: its name, or 未填写 where blank. A name that starts
/// with a visible character is not blank, which saves trimming it (three keys per enterprise
/// at every check).
fn group_key(key: &str) -> &str {
    let visible_first = key.chars().next().is_some_and(|c| !c.is_whitespace());
    if !visible_first && key.trim().is_empty() {
        BLANK
    } else {
        key
    }
}

/// Per-level sums keyed by a name, in first-seen order.
#[derive(Default)]
pub(super) struct Groups<'a> {
    index: HashMap<&'a str, usize>,
    rows: Vec<(&'a str, PerLevel<Amounts>)>,
}

impl<'a> Groups<'a> {
    /// Adds `r` to the sums of `key`; returns the key's row.
    fn add(&mut self, key: &'a str, r: &PerLevel<Amounts>) -> usize {
        let key = group_key(key);
        let i = *self.index.entry(key).or_insert_with(|| {
            self.rows.push((key, PerLevel::default()));
            self.rows.len() - 1
        });
        let sum = &mut self.rows[i].1;
        for l in Level::ALL {
            sum.get_mut(l).add(r.get(l));
        }
        i
    }

    fn into_rows(self) -> impl Iterator<Item = (&'a str, Vec<LevelReduction>)> {
        self.rows.into_iter().map(|(k, r)| (k, level_rows(&r)))
    }
}

/// Yellow, orange, red rows of a breakdown entry, tidied.
fn level_rows(r: &PerLevel<Amounts>) -> Vec<LevelReduction> {
    Level::ALL
        .iter()
        .map(|&level| LevelReduction {
            level,
            reduction: tidy_amounts(r.get(level)),
        })
        .collect()
}

/// A source offered to the top lists.
#[derive(Clone, Copy)]
pub(super) struct Contributor<'a> {
    pub category: Category,
    pub enterprise: &'a str,
    pub source: &'a str,
    pub county: &'a str,
    pub reductions: PerLevel<Amounts>,
}

/// The largest contributors per level and pollutant: 12 bounded lists, largest first.
#[derive(Default)]
pub(super) struct Top<'a> {
    lists: [[Vec<(f64, Contributor<'a>)>; 4]; 3],
}

impl<'a> Top<'a> {
    /// Considers one source for every level and pollutant.
    pub fn offer(&mut self, c: Contributor<'a>) {
        for (li, level) in Level::ALL.iter().enumerate() {
            for (pi, p) in Pollutant::ALL.iter().enumerate() {
                let v = *c.reductions.get(*level).get(*p);
                let list = &mut self.lists[li][pi];
                if v <= 0.0 || (list.len() == TOP_N && v <= list[TOP_N - 1].0) {
                    continue;
                }
                let at = list.partition_point(|(x, _)| *x >= v);
                list.insert(at, (v, c));
                list.truncate(TOP_N);
            }
        }
    }

    /// The report's `top`.
    pub fn into_report(self) -> Vec<TopSources> {
        let mut out = Vec::with_capacity(12);
        for (li, lists) in self.lists.into_iter().enumerate() {
            for (pi, list) in lists.into_iter().enumerate() {
                out.push(TopSources {
                    level: Level::ALL[li],
                    pollutant: Pollutant::ALL[pi],
                    sources: list
                        .into_iter()
                        .map(|(v, c)| TopSource {
                            category: c.category,
                            enterprise: c.enterprise.to_string(),
                            source: c.source.to_string(),
                            county: c.county.to_string(),
                            reduction: tidy(v),
                        })
                        .collect(),
                });
            }
        }
        out
    }
}

/// Everything summed over the list.
#[derive(Default)]
pub(super) struct Totals<'a> {
    pub total: PerLevel<Amounts>,
    /// Listed daily emissions `Σ e_p`.
    pub emission: Amounts,
    county: Groups<'a>,
    /// Listed daily emissions per county, by the county's row in `county`.
    county_emission: Vec<Amounts>,
    category: [Option<PerLevel<Amounts>>; 3],
    industry: Groups<'a>,
    grade: Groups<'a>,
    pub top: Top<'a>,
}

impl<'a> Totals<'a> {
    /// Adds one record's reductions (an enterprise's summed over its sources, a site's, a
    /// fleet's). `industry_grade` is given for industrial enterprises only.
    pub fn add(
        &mut self,
        category: Category,
        county: &'a str,
        industry_grade: Option<(&'a str, &'a str)>,
        r: &PerLevel<Amounts>,
        daily: &Amounts,
    ) {
        for l in Level::ALL {
            self.total.get_mut(l).add(r.get(l));
        }
        self.emission.add(daily);
        let row = self.county.add(county, r);
        if row == self.county_emission.len() {
            self.county_emission.push(Amounts::ZERO);
        }
        self.county_emission[row].add(daily);
        let slot = self.category[category as usize].get_or_insert_with(PerLevel::default);
        for l in Level::ALL {
            slot.get_mut(l).add(r.get(l));
        }
        if let Some((industry, grade)) = industry_grade {
            self.industry.add(industry, r);
            self.grade.add(grade, r);
        }
    }

    /// Per county, in first-seen order: its name, its untidied per-level sums (to be judged
    /// against its own baseline) and its listed daily emissions.
    pub fn by_county(&mut self) -> Vec<(String, PerLevel<Amounts>, Amounts)> {
        let emission = std::mem::take(&mut self.county_emission);
        std::mem::take(&mut self.county)
            .rows
            .into_iter()
            .zip(emission)
            .map(|((county, sums), e)| (county.to_string(), sums, e))
            .collect()
    }

    /// `by_category`: only categories that have at least one source.
    pub fn by_category(&self) -> Vec<CategoryReduction> {
        Category::ALL
            .iter()
            .filter_map(|&c| {
                self.category[c as usize]
                    .as_ref()
                    .map(|r| CategoryReduction {
                        category: c,
                        levels: level_rows(r),
                    })
            })
            .collect()
    }

    /// `by_industry` (industrial sheet only).
    pub fn by_industry(&mut self) -> Vec<IndustryReduction> {
        std::mem::take(&mut self.industry)
            .into_rows()
            .map(|(industry, levels)| IndustryReduction {
                industry: industry.to_string(),
                levels,
            })
            .collect()
    }

    /// `by_grade` (industrial sheet only).
    pub fn by_grade(&mut self) -> Vec<GradeReduction> {
        std::mem::take(&mut self.grade)
            .into_rows()
            .map(|(grade, levels)| GradeReduction {
                grade: grade.to_string(),
                levels,
            })
            .collect()
    }
}

/// `counts`: distinct enterprises over the industrial and mobile sheets, each keyed by its
/// credit code, else by its name — literally as `docs/cli.md` says, so that an enterprise written
/// with its code on one sheet and without it on the other counts twice (the review's
/// duplicate rule is where such pairs are caught); rows per sheet.
pub(super) fn counts(list: &List) -> Counts {
    fn key<'a>(code: &'a str, name: &'a str) -> (bool, &'a str) {
        if code.is_empty() {
            (false, name.trim())
        } else {
            (true, code)
        }
    }
    let distinct: HashSet<(bool, &str), foldhash::fast::FixedState> = list
        .enterprises
        .iter()
        .map(|e| key(&e.code, &e.name))
        .chain(list.fleets.iter().map(|f| key(&f.code, &f.name)))
        .collect();
    let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
    Counts {
        enterprises: n(distinct.len()),
        industrial_sources: n(list.enterprises.iter().map(|e| e.sources.len()).sum()),
        dust_sources: n(list.sites.len()),
        mobile_sources: n(list.fleets.len()),
    }
}
