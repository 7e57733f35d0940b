//! The rules themselves, one function each, run in [`RULE_IDS`](super::RULE_IDS) order.

use std::collections::{BTreeMap, HashMap};

use super::names::{normalise_enterprise_name, rotation_batches};
use super::{Finding, Rules};
use crate::model::{
    validate_code, Amounts, Enterprise, EnterpriseClass, Grade, Level, List, Origin, PerLevel,
    Pollutant, Source,
};
use crate::reduce::{check, source_reduction, SourceReduction, DEFAULT_DAYS};

/// A percentage for a message, as the 测算说明 writes it (two decimals).
fn pct(x: f64) -> String {
    crate::model::numbers::percent(x)
}

/// 黄色预警、橙色预警 …
fn level_names(levels: &[Level]) -> String {
    levels
        .iter()
        .map(|l| l.name_zh())
        .collect::<Vec<_>>()
        .join("、")
}

/// “1号窑” or, for a nameless row, 第N行.
fn source_label(s: &Source) -> String {
    match (&s.name.trim(), &s.origin) {
        (n, _) if !n.is_empty() => format!("生产线“{n}”"),
        (_, Some(o)) => format!("第{}行", o.row),
        _ => "生产线（未填写名称）".to_string(),
    }
}

/// The share a level really cuts for every pollutant the source emits: the smallest `r/e`
/// (the level's displayed share where it emits nothing).
fn min_share(r: &SourceReduction, level: Level) -> f64 {
    let red = r.reductions.get(level);
    Pollutant::ALL
        .iter()
        .filter(|p| *r.daily.get(**p) > 0.0)
        .map(|p| red.get(*p) / r.daily.get(*p))
        .reduce(f64::min)
        .unwrap_or(*r.shares.get(level))
}

/// Everything the rules share: the list, the settings, each source computed once.
struct Review<'a> {
    list: &'a List,
    rules: &'a Rules,
    /// Per enterprise (same order as the list), per source.
    computed: Vec<Vec<SourceReduction>>,
    findings: Vec<Finding>,
}

impl<'a> Review<'a> {
    fn push(&mut self, id: &str, origin: Option<&Origin>, e: Option<(&str, &str)>, msg: String) {
        if let Some(settings) = self.rules.enabled(id) {
            let (name, code) = e.unwrap_or(("", ""));
            let name = e.map(|_| name);
            self.findings
                .push(Finding::new(id, settings, origin, name, code, msg));
        }
    }

    /// Active enterprises (not shut down) with their computed sources.
    fn active(&self) -> impl Iterator<Item = (&'a Enterprise, &[SourceReduction])> + '_ {
        let list = self.list;
        list.enterprises
            .iter()
            .zip(self.computed.iter())
            .filter(|(e, _)| !e.shut_down)
            .map(|(e, c)| (e, c.as_slice()))
    }
}

/// Where a source's finding goes: its own row, else its enterprise's.
fn at<'o>(s: &'o Source, e: Option<&'o Origin>) -> Option<&'o Origin> {
    s.origin.as_ref().or(e)
}

/// A rule's check over the shared review state.
type Step = fn(&mut Review);

/// County, industry and grade: the group whose members should have like measures.
type PeerKey = (String, String, Grade);

/// Members of a peer group with their computed sources.
type Peers<'a> = Vec<(&'a Enterprise, &'a [SourceReduction])>;

/// Runs every enabled rule.
pub(super) fn run(list: &List, rules: &Rules) -> Vec<Finding> {
    let computed = list
        .enterprises
        .iter()
        .map(|e| e.sources.iter().map(source_reduction).collect())
        .collect();
    let mut r = Review {
        list,
        rules,
        computed,
        findings: Vec::new(),
    };
    let steps: [(&str, Step); 13] = [
        ("d-grade-not-stopped", d_grade_not_stopped),
        ("level-weaker", level_weaker),
        ("peer-inconsistent", peer_inconsistent),
        ("guarantee-below-b", guarantee_below_b),
        ("small-micro-too-large", small_micro_too_large),
        ("small-micro-restricted", small_micro_restricted),
        ("rotation-over-3-batches", rotation_over_3_batches),
        ("not-verifiable", not_verifiable),
        ("missing-responsible", missing_responsible),
        ("cems-required", cems_required),
        ("duplicate-enterprise", duplicate_enterprise),
        ("credit-code-check", credit_code_check),
        ("target-missed", target_missed),
    ];
    for (id, step) in steps {
        if rules.enabled(id).is_some() {
            step(&mut r);
        }
    }
    r.findings
}

/// D-grade enterprises stop entirely during every warning.
fn d_grade_not_stopped(r: &mut Review) {
    let mut out = Vec::new();
    for (e, computed) in r.active().filter(|(e, _)| e.grade == Some(Grade::D)) {
        for (s, c) in e.sources.iter().zip(computed) {
            let short: Vec<Level> = Level::ALL
                .into_iter()
                .filter(|l| min_share(c, *l) < 1.0 - 1e-9)
                .collect();
            if let Some(first) = short.first() {
                out.push((at(s, e.origin.as_ref()), e, format!(
                    "D级企业“{}”的{}在{}下未全部停产（{}减排比例{}），D级企业预警期间应全部停产，请将措施改为停产",
                    e.name, source_label(s), level_names(&short), first.name_zh(), pct(min_share(c, *first))
                )));
            }
        }
    }
    for (o, e, m) in out {
        r.push("d-grade-not-stopped", o, Some((&e.name, &e.code)), m);
    }
}

/// The levels of a source whose reduction is below the next-lower level's, with pollutants.
fn weaker(reductions: &PerLevel<Amounts>) -> Vec<(Level, Vec<&'static str>)> {
    [Level::Orange, Level::Red]
        .into_iter()
        .filter_map(|l| {
            let lower = l.lower()?;
            let (hi, lo) = (reductions.get(l), reductions.get(lower));
            let ps: Vec<&str> = Pollutant::ALL
                .iter()
                .filter(|p| *hi.get(**p) < lo.get(**p) * (1.0 - 1e-9) - 1e-12)
                .map(|p| p.name_zh())
                .collect();
            (!ps.is_empty()).then_some((l, ps))
        })
        .collect()
}

/// A higher level never cuts less than the lower one; on every sheet.
fn level_weaker(r: &mut Review) {
    let mut out = Vec::new();
    let mut add =
        |o: Option<&Origin>, name: &str, code: &str, s: &Source, red: &PerLevel<Amounts>| {
            for (l, ps) in weaker(red) {
                let lower = l.lower().expect("orange and red have a lower level");
                out.push((
                    o.cloned(),
                    name.to_string(),
                    code.to_string(),
                    format!(
                        "“{name}”的{}在{}下的{}减排量低于{}，预警级别越高措施应越严，请加严{}措施",
                        source_label(s),
                        l.name_zh(),
                        ps.join("、"),
                        lower.name_zh(),
                        l.name_zh()
                    ),
                ));
            }
        };
    for (e, computed) in r.active() {
        for (s, c) in e.sources.iter().zip(computed) {
            add(at(s, e.origin.as_ref()), &e.name, &e.code, s, &c.reductions);
        }
    }
    for site in &r.list.sites {
        let c = source_reduction(&site.source);
        add(
            site.origin.as_ref().or(site.source.origin.as_ref()),
            &site.name,
            "",
            &site.source,
            &c.reductions,
        );
    }
    for f in &r.list.fleets {
        let c = source_reduction(&f.source);
        add(
            f.origin.as_ref().or(f.source.origin.as_ref()),
            &f.name,
            &f.code,
            &f.source,
            &c.reductions,
        );
    }
    for (o, name, code, m) in out {
        r.push("level-weaker", o.as_ref(), Some((&name, &code)), m);
    }
}

/// An enterprise's share at a level: reductions over emissions, all pollutants together;
/// `None` where it emits nothing.
fn enterprise_share(computed: &[SourceReduction], level: Level) -> Option<f64> {
    let (mut red, mut emitted) = (0.0, 0.0);
    for c in computed {
        red += c.reductions.get(level).total();
        emitted += c.daily.total();
    }
    (emitted > 0.0).then(|| red / emitted)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Enterprises of one county, industry and grade should have broadly the same measures:
/// a share more than `max_difference_points` from the group's median, in groups of at least
/// `min_peers` enterprises (the one judged included).
fn peer_inconsistent(r: &mut Review) {
    const ID: &str = "peer-inconsistent";
    let max_diff = r.rules.threshold(ID, "max_difference_points", 10.0) / 100.0;
    let min_peers = r.rules.threshold(ID, "min_peers", 3.0);
    let mut groups: BTreeMap<PeerKey, Peers> = BTreeMap::new();
    for (e, c) in r.active() {
        let (Some(grade), false) = (e.grade, e.industry.trim().is_empty()) else {
            continue;
        };
        let key = (
            e.county.trim().to_string(),
            e.industry.trim().to_string(),
            grade,
        );
        groups.entry(key).or_default().push((e, c));
    }
    let mut out = Vec::new();
    for ((county, industry, grade), members) in &groups {
        if (members.len() as f64) < min_peers {
            continue;
        }
        for level in Level::ALL {
            let shares: Vec<(&Enterprise, f64)> = members
                .iter()
                .filter_map(|(e, c)| enterprise_share(c, level).map(|s| (*e, s)))
                .collect();
            if (shares.len() as f64) < min_peers {
                continue;
            }
            let med = median(shares.iter().map(|(_, s)| *s).collect());
            for (e, s) in shares {
                if (s - med).abs() > max_diff + 1e-9 {
                    out.push((e.origin.clone(), e.name.clone(), e.code.clone(), format!(
                        "“{}”在{}下的减排比例为{}，与{}{}行业{}级企业的中位数{}相差超过{}个百分点，同区县同行业同等级企业措施应基本一致，请核实并调整",
                        e.name, level.name_zh(), pct(s), county, industry, grade.label(), pct(med), max_diff * 100.0
                    )));
                }
            }
        }
    }
    for (o, name, code, m) in out {
        r.push(ID, o.as_ref(), Some((&name, &code)), m);
    }
}

/// A guarantee enterprise in a key industry must be graded B or better.
fn guarantee_below_b(r: &mut Review) {
    let mut out = Vec::new();
    for (e, _) in r.active() {
        if e.is_guarantee() && e.is_key_industry() && matches!(e.grade, Some(Grade::C | Grade::D)) {
            let grade = e.grade.map_or("", |g| g.label());
            out.push((e, format!(
                "保障类企业“{}”属重点行业（{}），绩效等级为{grade}级；重点行业保障类企业须达到B级及以上，请核实绩效等级或取消保障类认定",
                e.name, e.industry
            )));
        }
    }
    for (e, m) in out {
        r.push(
            "guarantee-below-b",
            e.origin.as_ref(),
            Some((&e.name, &e.code)),
            m,
        );
    }
}

/// Annual emissions of a source in t/a: the annual figure, else daily × days (365 where
/// not given).
fn annual_total(s: &Source, c: &SourceReduction) -> f64 {
    let days = s
        .days
        .filter(|d| *d > 0.0 && *d <= 366.0)
        .unwrap_or(DEFAULT_DAYS);
    Pollutant::ALL
        .iter()
        .map(|p| match (s.annual.get(*p), s.daily.get(*p)) {
            (Some(a), _) => a.max(0.0),
            (None, Some(_)) => c.daily.get(*p) * days,
            (None, None) => 0.0,
        })
        .sum()
}

/// 小微涉气 means under 100 kg of SO2+NOx+PM+VOCs a year.
fn small_micro_too_large(r: &mut Review) {
    const ID: &str = "small-micro-too-large";
    let max_kg = r.rules.threshold(ID, "max_annual_kg", 100.0);
    let mut out = Vec::new();
    for (e, c) in r
        .active()
        .filter(|(e, _)| e.class == Some(EnterpriseClass::SmallMicro))
    {
        let kg: f64 = e
            .sources
            .iter()
            .zip(c)
            .map(|(s, c)| annual_total(s, c))
            .sum::<f64>()
            * 1000.0;
        if kg >= max_kg - 1e-9 {
            out.push((e, format!(
                "“{}”为小微涉气企业，但二氧化硫、氮氧化物、颗粒物、挥发性有机物年排放量合计{:.1}千克，达到{}千克，不符合小微涉气企业条件，请核实排放量或改为其他企业类型",
                e.name, kg, max_kg
            )));
        }
    }
    for (e, m) in out {
        r.push(ID, e.origin.as_ref(), Some((&e.name, &e.code)), m);
    }
}

/// 小微涉气 enterprises are in principle not stopped or limited.
fn small_micro_restricted(r: &mut Review) {
    let mut out = Vec::new();
    for (e, c) in r
        .active()
        .filter(|(e, _)| e.class == Some(EnterpriseClass::SmallMicro))
    {
        for (s, c) in e.sources.iter().zip(c) {
            let levels: Vec<Level> = Level::ALL
                .into_iter()
                .filter(|l| c.reductions.get(*l).total() > 0.0 || *c.shares.get(*l) > 0.0)
                .collect();
            if !levels.is_empty() {
                out.push((at(s, e.origin.as_ref()), e, format!(
                    "小微涉气企业“{}”的{}在{}下有停产限产措施，小微涉气企业原则上不停产限产，请核实后改为不停产或调整企业类型",
                    e.name, source_label(s), level_names(&levels)
                )));
            }
        }
    }
    for (o, e, m) in out {
        r.push("small-micro-restricted", o, Some((&e.name, &e.code)), m);
    }
}

/// Rotating stops use at most 3 batches.
fn rotation_over_3_batches(r: &mut Review) {
    const ID: &str = "rotation-over-3-batches";
    let max = r.rules.threshold(ID, "max_batches", 3.0);
    let mut out = Vec::new();
    for (e, _) in r.active() {
        for s in &e.sources {
            let over: Vec<(Level, u32)> = Level::ALL
                .into_iter()
                .filter_map(|l| rotation_batches(&s.measures.get(l).text).map(|n| (l, n)))
                .filter(|(_, n)| f64::from(*n) > max)
                .collect();
            if let Some((_, n)) = over.first() {
                let levels: Vec<Level> = over.iter().map(|(l, _)| *l).collect();
                out.push((
                    at(s, e.origin.as_ref()),
                    e,
                    format!(
                        "“{}”的{}在{}下分{n}批轮流停产，轮流停产不得超过{max}个批次，请合并批次",
                        e.name,
                        source_label(s),
                        level_names(&levels)
                    ),
                ));
            }
        }
    }
    for (o, e, m) in out {
        r.push(ID, o, Some((&e.name, &e.code)), m);
    }
}

/// A measure that cuts something must name the key indicator that proves it.
fn not_verifiable(r: &mut Review) {
    let mut out = Vec::new();
    for (e, c) in r.active() {
        for (s, c) in e.sources.iter().zip(c) {
            let levels: Vec<Level> = Level::ALL
                .into_iter()
                .filter(|l| {
                    let m = s.measures.get(*l);
                    !m.is_blank() && *c.shares.get(*l) > 0.0 && m.key_indicator.trim().is_empty()
                })
                .collect();
            if !levels.is_empty() {
                out.push((at(s, e.origin.as_ref()), e, format!(
                    "“{}”的{}在{}下有减排措施但未填写关键性指标（如用电量、用气量、产量），措施无法核查，请补填关键性指标",
                    e.name, source_label(s), level_names(&levels)
                )));
            }
        }
    }
    for (o, e, m) in out {
        r.push("not-verifiable", o, Some((&e.name, &e.code)), m);
    }
}

/// Every enterprise and construction site names its emergency-reduction responsible person
/// and phone.
fn missing_responsible(r: &mut Review) {
    let mut out = Vec::new();
    let missing = |name: &str, phone: &str| match (name.trim().is_empty(), phone.trim().is_empty())
    {
        (true, true) => Some("应急减排责任人及电话"),
        (true, false) => Some("应急减排责任人姓名"),
        (false, true) => Some("应急减排责任人电话"),
        (false, false) => None,
    };
    for (e, _) in r.active() {
        if let Some(what) = missing(&e.responsible.name, &e.responsible.phone) {
            out.push((
                e.origin.clone(),
                e.name.clone(),
                e.code.clone(),
                format!(
                    "企业“{}”未填写{what}，请补填（应急响应时须能联系到责任人）",
                    e.name
                ),
            ));
        }
    }
    for site in &r.list.sites {
        if let Some(what) = missing(&site.responsible.name, &site.responsible.phone) {
            out.push((
                site.origin.clone(),
                site.name.clone(),
                String::new(),
                format!(
                    "工地“{}”未填写{what}，请补填（应急响应时须能联系到责任人）",
                    site.name
                ),
            ));
        }
    }
    for (o, name, code, m) in out {
        r.push("missing-responsible", o.as_ref(), Some((&name, &code)), m);
    }
}

/// Key-industry sources that reduce by limiting load rather than stopping need CEMS.
fn cems_required(r: &mut Review) {
    let mut out = Vec::new();
    for (e, c) in r
        .active()
        .filter(|(e, _)| e.is_key_industry() && e.cems != Some(true))
    {
        for (s, c) in e.sources.iter().zip(c) {
            let levels: Vec<Level> = Level::ALL
                .into_iter()
                .filter(|l| {
                    let share = *c.shares.get(*l);
                    !s.measures.get(*l).is_blank() && share > 1e-9 && share < 1.0 - 1e-9
                })
                .collect();
            if !levels.is_empty() {
                out.push((at(s, e.origin.as_ref()), e, format!(
                    "重点行业企业“{}”的{}在{}下以限产（非停产）方式减排，但未安装CEMS在线监测，无法核查减排效果，请安装CEMS或改为停产措施",
                    e.name, source_label(s), level_names(&levels)
                )));
            }
        }
    }
    for (o, e, m) in out {
        r.push("cems-required", o, Some((&e.name, &e.code)), m);
    }
}

/// Two enterprises whose names are equal after normalising but whose codes differ.
fn duplicate_enterprise(r: &mut Review) {
    let mut first: HashMap<String, &Enterprise> = HashMap::new();
    let mut out = Vec::new();
    for e in &r.list.enterprises {
        let key = normalise_enterprise_name(&e.name);
        if key.is_empty() {
            continue;
        }
        match first.get(&key) {
            Some(other) if other.code != e.code => {
                let code = |c: &str| {
                    if c.is_empty() {
                        "（未填写）".to_string()
                    } else {
                        c.to_string()
                    }
                };
                out.push((e, format!(
                    "企业“{}”（信用代码{}）与“{}”（信用代码{}）名称相同而信用代码不同，疑为同一企业重复填报，请核对营业执照后合并或更正",
                    e.name, code(&e.code), other.name, code(&other.code)
                )));
            }
            Some(_) => {}
            None => {
                first.insert(key, e);
            }
        }
    }
    for (e, m) in out {
        r.push(
            "duplicate-enterprise",
            e.origin.as_ref(),
            Some((&e.name, &e.code)),
            m,
        );
    }
}

/// Credit codes whose check character (or form) is wrong.
fn credit_code_check(r: &mut Review) {
    let coded = r
        .list
        .enterprises
        .iter()
        .map(|e| (e.origin.as_ref(), e.name.as_str(), e.code.as_str()))
        .chain(
            r.list
                .fleets
                .iter()
                .map(|f| (f.origin.as_ref(), f.name.as_str(), f.code.as_str())),
        );
    let mut out = Vec::new();
    for (o, name, code) in coded.filter(|(_, _, c)| !c.is_empty()) {
        if let Err(problem) = validate_code(code) {
            out.push((
                o.cloned(),
                name.to_string(),
                code.to_string(),
                format!("企业“{name}”的{}", problem.message(code)),
            ));
        }
    }
    for (o, name, code, m) in out {
        r.push("credit-code-check", o.as_ref(), Some((&name, &code)), m);
    }
}

/// A level that fails the check, with what is missing.
fn target_missed(r: &mut Review) {
    let report = check(r.list);
    if report.baseline.is_none() {
        let m =
            "未设置全社会排放量，无法判断各预警级别减排比例是否达标，请在总表中填写全社会排放量"
                .to_string();
        r.push("target-missed", None, None, m);
        return;
    }
    let mut out = Vec::new();
    for l in report.levels.iter().filter(|l| !l.pass.level) {
        let (Some(ratio), Some(short)) = (l.ratio, l.shortfall) else {
            continue;
        };
        let mut parts = Vec::new();
        for p in Pollutant::ALL {
            let paired = matches!(p, Pollutant::So2 | Pollutant::Nox) && l.pass.so2_nox;
            if short.get(p) > 0.0 && !paired {
                parts.push(format!(
                    "{}减排比例{}，低于目标{}，尚缺{}吨/日",
                    p.name_zh(),
                    pct(*ratio.get(p)),
                    pct(l.target),
                    crate::model::numbers::amount(short.get(p))
                ));
            }
        }
        if !l.pass.so2_nox {
            parts.push(format!(
                "二氧化硫与氮氧化物合计尚缺{}个百分点",
                crate::model::numbers::points(short.so2_nox_points)
            ));
        }
        out.push(format!(
            "{}未达标：{}。请增加减排措施或核实全社会排放量",
            l.level.name_zh(),
            parts.join("；")
        ));
    }
    for m in out {
        r.push("target-missed", None, None, m);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(pct(0.1125), "11.25%");
        assert_eq!(pct(0.2), "20.00%");
        assert_eq!(median(vec![3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), 2.5);
    }
}
