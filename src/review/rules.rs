//! The rules themselves, one function each, run in [`RULE_IDS`](super::RULE_IDS) order.

use std::collections::{BTreeMap, HashMap};

use super::names::{normalise_enterprise_name, rotation_batches};
use super::stages::{banned_up_to, stage_name, ALL_FOSSIL};
use super::{Finding, Rules, Severity};
use crate::model::{
    numbers, validate_code, Amounts, Enterprise, EnterpriseClass, Grade, Level, List, NonroadStage,
    Origin, PerLevel, Pollutant, Source,
};
use crate::reduce::measure_text::{read_measure, MeasureKind};
use crate::reduce::{check, source_reduction, SourceReduction, DEFAULT_DAYS};

/// A percentage for a message: 2 decimals, as the 测算说明 prints it (17.50%).
fn pct(x: f64) -> String {
    numbers::percent(x)
}

/// Percentage points for a message: 2 decimals, like [`pct`] (10.00).
fn points(x: f64) -> String {
    numbers::points(x)
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
    let steps: [(&str, Step); 22] = [
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
        ("text-share-mismatch", text_share_mismatch),
        ("baseline-below-listed", baseline_below_listed),
        ("site-earthworks", site_earthworks),
        ("truck-ban", truck_ban),
        ("d-grade-transport", d_grade_transport),
        ("nonroad-stage", nonroad_stage),
        ("key-industry-ungraded", key_industry_ungraded),
        ("heating-mismatch", heating_mismatch),
        ("fleet-share-bound", fleet_share_bound),
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
                        e.name, level.name_zh(), pct(s), county, industry, grade.label(), pct(med), points(max_diff)
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
                "“{}”为小微涉气企业，但二氧化硫、氮氧化物、颗粒物、挥发性有机物年排放量合计{:.1}千克，达到{:.1}千克，不符合小微涉气企业条件，请核实排放量或改为其他企业类型",
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

/// Key-industry lines with an outlet (排放口编号) that cut by treatment or load rather than by
/// stopping need CEMS; a line without an outlet (输煤系统, 粉磨站 …) has nothing to monitor.
fn cems_required(r: &mut Review) {
    let mut out = Vec::new();
    for (e, c) in r
        .active()
        .filter(|(e, _)| e.is_key_industry() && e.cems != Some(true))
    {
        for (s, c) in e.sources.iter().zip(c) {
            if s.outlet.trim().is_empty() {
                continue;
            }
            let levels: Vec<Level> = Level::ALL
                .into_iter()
                .filter(|l| {
                    let share = *c.shares.get(*l);
                    !s.measures.get(*l).is_blank() && share > 1e-9 && share < 1.0 - 1e-9
                })
                .collect();
            if !levels.is_empty() {
                out.push((at(s, e.origin.as_ref()), e, format!(
                    "重点行业企业“{}”的{}（排放口{}）在{}下以限产或提高治理效率（非停产）方式减排，但未安装CEMS在线监测，无法核查减排效果，请安装CEMS或改为停产措施",
                    e.name, source_label(s), s.outlet.trim(), level_names(&levels)
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
                    "{}减排比例{}，低于目标{}，尚缺{}",
                    p.name_zh(),
                    pct(*ratio.get(p)),
                    pct(l.target),
                    tpd(short.get(p))
                ));
            }
        }
        if !l.pass.so2_nox {
            parts.push(format!(
                "二氧化硫与氮氧化物合计尚缺{}个百分点",
                points(short.so2_nox_points)
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

/// A daily amount for a message: t/d with 4 decimals, as the 测算说明 prints it.
fn tpd(x: f64) -> String {
    format!("{}吨/日", numbers::amount(x))
}

/// The measure a level works with: its own, or, where it is wholly blank, the next-lower
/// level's (levels are cumulative).
fn effective(s: &Source, level: Level) -> &crate::model::Measure {
    let mut l = level;
    loop {
        let m = s.measures.get(l);
        match l.lower() {
            Some(lower) if m.is_blank() => l = lower,
            _ => return m,
        }
    }
}

/// The text says the whole line stops (停产, 全部停产, 停止生产; not 轮流停产) and the level
/// cuts less than all of it; or it says 限产X% and the 减排比例 given differs from X by more
/// than `max_difference_points`.
fn text_share_mismatch(r: &mut Review) {
    const ID: &str = "text-share-mismatch";
    let max_diff = r.rules.threshold(ID, "max_difference_points", 1.0) / 100.0;
    let mut out = Vec::new();
    let mut judge = |o: Option<&Origin>,
                     name: &str,
                     code: &str,
                     s: &Source,
                     c: &SourceReduction| {
        for level in Level::ALL {
            let m = s.measures.get(level);
            let stated =
                m.share.is_some() || Pollutant::ALL.iter().any(|p| m.amounts.get(*p).is_some());
            // Without a share or amounts the engine reads the text itself: nothing to disagree.
            if !stated || m.text.trim().is_empty() {
                continue;
            }
            let reading = read_measure(&m.text);
            if reading.several {
                continue;
            }
            let problem = match reading.kind {
                MeasureKind::Stop if min_share(c, level) < 1.0 - 1e-9 => Some(format!(
                    "措施写“{}”（全部停产），但减排比例或减排量只有{}，请改为100%或如实写明限产比例",
                    m.text.trim(),
                    pct(min_share(c, level))
                )),
                MeasureKind::Percentage => m
                    .share
                    .filter(|given| (given - reading.share).abs() > max_diff + 1e-9)
                    .map(|given| {
                        format!(
                            "措施写“{}”（{}），但减排比例填的是{}，相差超过{}个百分点，请核实后使两者一致",
                            m.text.trim(),
                            pct(reading.share),
                            pct(given),
                            points(max_diff)
                        )
                    }),
                _ => None,
            };
            if let Some(p) = problem {
                out.push((
                    o.cloned(),
                    name.to_string(),
                    code.to_string(),
                    format!("“{name}”的{}在{}下{p}", source_label(s), level.name_zh()),
                ));
            }
        }
    };
    for (e, computed) in r.active() {
        for (s, c) in e.sources.iter().zip(computed) {
            judge(at(s, e.origin.as_ref()), &e.name, &e.code, s, c);
        }
    }
    for site in &r.list.sites {
        let c = source_reduction(&site.source);
        let o = site.origin.as_ref().or(site.source.origin.as_ref());
        judge(o, &site.name, "", &site.source, &c);
    }
    for f in &r.list.fleets {
        let c = source_reduction(&f.source);
        let o = f.origin.as_ref().or(f.source.origin.as_ref());
        judge(o, &f.name, &f.code, &f.source, &c);
    }
    for (o, name, code, m) in out {
        r.push(ID, o.as_ref(), Some((&name, &code)), m);
    }
}

/// Daily emissions of everything on the list (active enterprises, sites, fleets) in
/// `county`, or in the whole area for `None`, t/d.
fn listed_daily(r: &Review, county: Option<&str>) -> Amounts {
    let mut total = Amounts::default();
    let mut add = |c: &str, a: &Amounts| {
        if county.is_none_or(|want| want == c.trim()) {
            for p in Pollutant::ALL {
                *total.get_mut(p) += a.get(p);
            }
        }
    };
    for (e, computed) in r.active() {
        computed.iter().for_each(|c| add(&e.county, &c.daily));
    }
    for site in &r.list.sites {
        add(&site.county, &source_reduction(&site.source).daily);
    }
    for f in &r.list.fleets {
        add(&f.county, &source_reduction(&f.source).daily);
    }
    total
}

/// The listed sources are part of the whole society: their emissions cannot exceed the
/// whole-society emission, of the area and of each county that has its own.
fn baseline_below_listed(r: &mut Review) {
    let mut areas: Vec<(String, Option<String>, Amounts)> = Vec::new();
    if let Some(baseline) = r.list.baseline {
        let name = if r.list.area.is_empty() {
            "本地区".to_string()
        } else {
            r.list.area.clone()
        };
        areas.push((name, None, baseline.daily()));
    }
    for c in &r.list.county_baselines {
        let county = c.county.trim().to_string();
        areas.push((county.clone(), Some(county), c.baseline.daily()));
    }
    for (name, county, whole) in areas {
        let listed = listed_daily(r, county.as_deref());
        baseline_exceeded(r, &name, &listed, &whole);
    }
}

/// One finding when `listed` exceeds `whole` for some pollutant of the area `name`.
fn baseline_exceeded(r: &mut Review, name: &str, listed: &Amounts, whole: &Amounts) {
    const ID: &str = "baseline-below-listed";
    let over: Vec<String> = Pollutant::ALL
        .into_iter()
        .filter(|p| *listed.get(*p) > whole.get(*p) * (1.0 + 1e-9) + 1e-12)
        .map(|p| {
            let share = if *whole.get(p) > 0.0 {
                format!("（为全社会的{}）", pct(listed.get(p) / whole.get(p)))
            } else {
                String::new()
            };
            format!(
                "{}清单排放量{}超过全社会排放量{}{share}",
                p.name_zh(),
                tpd(*listed.get(p)),
                tpd(*whole.get(p))
            )
        })
        .collect();
    if !over.is_empty() {
        let m = format!(
            "{name}：{}。清单内的源只是全社会排放的一部分，减排比例因此不可信，请核实全社会排放量（总表）或清单排放量的单位",
            over.join("；")
        );
        r.push(ID, None, None, m);
    }
}

/// Words by which a site's measure stops earthworks (or all work).
fn stops_earthworks(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let whole_stop = [
        "停工",
        "停止施工",
        "暂停施工",
        "停止一切施工",
        "全部停止作业",
    ]
    .iter()
    .any(|w| t.contains(w));
    let earth = (t.contains("土石方") || t.contains("土方"))
        && ["停止", "禁止", "暂停", "停"].iter().any(|w| t.contains(w));
    whole_stop || earth
}

/// Construction sites stop earthworks from yellow on, unless approved as a key project.
fn site_earthworks(r: &mut Review) {
    const ID: &str = "site-earthworks";
    let mut out = Vec::new();
    for site in &r.list.sites {
        if !site.approval.trim().is_empty() {
            continue;
        }
        let m = effective(&site.source, Level::Yellow);
        if !stops_earthworks(&m.text) {
            let said = if m.text.trim().is_empty() {
                "未填写措施".to_string()
            } else {
                format!("措施为“{}”", m.text.trim())
            };
            out.push((site.origin.clone().or(site.source.origin.clone()), site.name.clone(), format!(
                "施工工地“{}”黄色预警{said}，没有停止土石方作业；施工工地自黄色预警起应停止土石方作业（含建筑拆除、土石方开挖、回填、场内倒运等），请补充该措施，或为经批准继续作业的重点工程填写重点工程批准文号",
                site.name
            )));
        }
    }
    for (o, name, m) in out {
        r.push(ID, o.as_ref(), Some((&name, "")), m);
    }
}

/// The stage weights of a fleet's vehicles: (stage, count) for 国三及以下 (3) … 国六 (6) and
/// new-energy ([`ALL_FOSSIL`] + 1, never banned).
fn fleet_stages(f: &crate::model::Fleet) -> [(u8, u32); 5] {
    let v = f.vehicles;
    [
        (3, v.guo3_or_older.unwrap_or(0)),
        (4, v.guo4.unwrap_or(0)),
        (5, v.guo5.unwrap_or(0)),
        (6, v.guo6.unwrap_or(0)),
        (ALL_FOSSIL + 1, v.new_energy.unwrap_or(0)),
    ]
}

/// Heavy-vehicle users (≥ `min_daily_trips` entries a day) with 国四-or-older trucks stop
/// them from orange on.
fn truck_ban(r: &mut Review) {
    const ID: &str = "truck-ban";
    let min_trips = r.rules.threshold(ID, "min_daily_trips", 10.0);
    let mut out = Vec::new();
    for f in &r.list.fleets {
        if f.daily_trips.unwrap_or(0.0) < min_trips - 1e-9 {
            continue;
        }
        let Some(oldest_needed) = fleet_stages(f)
            .iter()
            .filter(|(stage, n)| *stage <= 4 && *n > 0)
            .map(|(stage, _)| *stage)
            .max()
        else {
            continue;
        };
        let c = source_reduction(&f.source);
        let short: Vec<Level> = [Level::Orange, Level::Red]
            .into_iter()
            .filter(|l| {
                let banned = banned_up_to(&effective(&f.source, *l).text).unwrap_or(0);
                banned < oldest_needed && *c.shares.get(*l) < 1.0 - 1e-9
            })
            .collect();
        if !short.is_empty() {
            let v = f.vehicles;
            let old: Vec<String> = [("国三及以下", v.guo3_or_older), ("国四", v.guo4)]
                .into_iter()
                .filter(|(_, n)| n.unwrap_or(0) > 0)
                .map(|(stage, n)| format!("{stage}{}辆", n.unwrap_or(0)))
                .collect();
            out.push((f.origin.clone().or(f.source.origin.clone()), f.name.clone(), f.code.clone(), format!(
                "用车大户“{}”日均进出车辆{}辆次，有{}重型货车，但{}措施未停用国四及以下重型载货车辆；橙色预警起日进出{}辆次及以上的企业应停止使用国四及以下重型载货车辆运输，请补充该措施",
                f.name,
                f.daily_trips.unwrap_or(0.0),
                old.join("、"),
                level_names(&short),
                min_trips
            )));
        }
    }
    for (o, name, code, m) in out {
        r.push(ID, o.as_ref(), Some((&name, &code)), m);
    }
}

/// D-grade enterprises stop road transport except new-energy vehicles from orange on.
fn d_grade_transport(r: &mut Review) {
    const ID: &str = "d-grade-transport";
    let mut out = Vec::new();
    for (e, _) in r.active().filter(|(e, _)| e.grade == Some(Grade::D)) {
        let key = e.key();
        let fleets: Vec<&crate::model::Fleet> =
            r.list.fleets.iter().filter(|f| f.key() == key).collect();
        if fleets.is_empty() {
            let said_on_sheet = e.sources.iter().any(|s| {
                [Level::Orange, Level::Red]
                    .iter()
                    .all(|l| banned_up_to(&effective(s, *l).text) == Some(ALL_FOSSIL))
            });
            if !said_on_sheet {
                out.push((e.origin.clone(), e.name.clone(), e.code.clone(), Severity::Warning, format!(
                    "D级企业“{}”在移动源清单中没有运输记录，措施中也未写明停止新能源车以外的公路运输；D级企业橙色、红色预警期间应停止新能源车以外的公路运输，请在移动源清单补充其运输及措施，或确认该企业没有公路运输",
                    e.name
                )));
            }
            continue;
        }
        for f in fleets {
            let c = source_reduction(&f.source);
            let short: Vec<Level> = [Level::Orange, Level::Red]
                .into_iter()
                .filter(|l| {
                    banned_up_to(&effective(&f.source, *l).text) != Some(ALL_FOSSIL)
                        && min_share(&c, *l) < 1.0 - 1e-9
                })
                .collect();
            if !short.is_empty() {
                out.push((f.origin.clone().or(f.source.origin.clone()), e.name.clone(), e.code.clone(), Severity::Error, format!(
                    "D级企业“{}”的运输在{}下未停止新能源车以外的公路运输（措施为“{}”）；D级企业橙色、红色预警期间应停止新能源车以外的公路运输，请改为该措施",
                    e.name,
                    level_names(&short),
                    effective(&f.source, short[0]).text.trim()
                )));
            }
        }
    }
    for (o, name, code, at_most, m) in out {
        r.push(ID, o.as_ref(), Some((&name, &code)), m);
        // A missing transport row is a doubt, not a proven breach: at most a warning, and
        // never more severe than the user set the rule.
        if let Some(f) = r.findings.last_mut().filter(|f| f.rule == ID) {
            f.severity = f.severity.max(at_most);
        }
    }
}

/// Whether a machinery measure text stops a machine of stage `n`: a ban that reaches its
/// stage, or, where the text names no stage, a plain stop (停止使用, 停用 …).
fn machine_stopped(text: &str, n: u8) -> bool {
    match banned_up_to(text) {
        Some(b) => b >= n,
        None => [
            "停止使用",
            "停用",
            "禁止使用",
            "停止作业",
            "不得使用",
            "禁用",
            "停工",
            "停止施工",
        ]
        .iter()
        .any(|w| text.contains(w)),
    }
}

/// Non-road machinery below 国三 (`min_stage`) is not used on sites and in plants during
/// warnings, and from orange machinery up to 国二 (`orange_stop_up_to_stage`) is stopped.
fn nonroad_stage(r: &mut Review) {
    const ID: &str = "nonroad-stage";
    let min_stage = r.rules.threshold(ID, "min_stage", 3.0);
    let orange_up_to = r.rules.threshold(ID, "orange_stop_up_to_stage", 2.0);
    let mut out = Vec::new();
    for m in &r.list.machinery {
        let n: u8 = match m.stage {
            NonroadStage::Guo1 => 1,
            NonroadStage::Guo2 => 2,
            NonroadStage::Guo3 => 3,
            NonroadStage::Guo4 => 4,
            NonroadStage::NewEnergy | NonroadStage::Unknown => continue,
        };
        if m.count == Some(0) {
            continue;
        }
        let below_min = f64::from(n) < min_stage - 1e-9;
        let mut text = String::new();
        let short: Vec<Level> = Level::ALL
            .into_iter()
            .filter(|l| {
                let own = m.measures.get(*l).trim();
                if !own.is_empty() {
                    text = own.to_string();
                }
                let must_stop =
                    below_min || (*l != Level::Yellow && f64::from(n) <= orange_up_to + 1e-9);
                must_stop && !machine_stopped(&text, n)
            })
            .collect();
        if short.is_empty() {
            continue;
        }
        let user = m.user.trim();
        let listed = r.list.enterprises.iter().find(|e| e.name.trim() == user);
        let code = listed.map_or(user.to_string(), |e| e.code.clone());
        let why = if below_min {
            format!(
                "施工工地、工业企业厂区内禁止使用{}以下排放阶段的非道路移动机械",
                stage_name(min_stage as u8)
            )
        } else {
            format!(
                "橙色预警起应停止使用{}及以下排放阶段的非道路移动机械",
                stage_name(orange_up_to as u8)
            )
        };
        let count = m.count.map_or(String::new(), |c| format!("，{c}台"));
        out.push((
            m.origin.clone(),
            user.to_string(),
            code,
            format!(
                "“{user}”的{}（{}{count}）在{}下未停止使用；{why}，请停用或更换为达标机械",
                if m.kind.trim().is_empty() {
                    "非道路移动机械"
                } else {
                    m.kind.trim()
                },
                m.stage.name_zh(),
                level_names(&short)
            ),
        ));
    }
    for (o, name, code, msg) in out {
        r.push(ID, o.as_ref(), Some((&name, &code)), msg);
    }
}

/// Enterprises of the 39 key industries must have a performance grade.
fn key_industry_ungraded(r: &mut Review) {
    const ID: &str = "key-industry-ungraded";
    let mut out = Vec::new();
    for (e, _) in r.active() {
        if e.is_key_industry() && matches!(e.grade, None | Some(Grade::Unrated)) {
            let given = e
                .grade
                .map_or("未填写".to_string(), |g| g.label().to_string());
            out.push((e, format!(
                "“{}”属重点行业（{}），绩效等级为“{given}”；39个重点行业的企业应开展绩效分级，请填写绩效等级（A、B、C、D或引领性）",
                e.name, e.industry
            )));
        }
    }
    for (e, m) in out {
        r.push(ID, e.origin.as_ref(), Some((&e.name, &e.code)), m);
    }
}

/// The 协同供暖 sheet and the industrial sheet agree on each heating enterprise: the share a
/// heating measure states is one of the enterprise's lines' shares at that level, and a
/// heating enterprise never stops entirely.
fn heating_mismatch(r: &mut Review) {
    const ID: &str = "heating-mismatch";
    let max_diff = r.rules.threshold(ID, "max_difference_points", 5.0) / 100.0;
    let mut out = Vec::new();
    for h in &r.list.heating {
        let key = h.key();
        let Some((e, computed)) = r.active().find(|(e, _)| e.key() == key) else {
            continue;
        };
        if computed.is_empty() {
            continue;
        }
        let mut problems = Vec::new();
        for level in Level::ALL {
            let stopped = computed.iter().all(|c| min_share(c, level) >= 1.0 - 1e-9);
            if stopped {
                problems.push(format!(
                    "工业源清单中{}下全部停产，而协同供暖企业应以热定产、保障供暖",
                    level.name_zh()
                ));
                continue;
            }
            let reading = read_measure(h.measures.get(level));
            if reading.several
                || !matches!(
                    reading.kind,
                    MeasureKind::Percentage | MeasureKind::Lowered | MeasureKind::Stop
                )
            {
                continue;
            }
            let agrees = computed
                .iter()
                .any(|c| (c.shares.get(level) - reading.share).abs() <= max_diff + 1e-9);
            if !agrees {
                let shares: Vec<String> =
                    computed.iter().map(|c| pct(*c.shares.get(level))).collect();
                problems.push(format!(
                    "{}协同供暖清单措施“{}”为{}，工业源清单各生产线为{}",
                    level.name_zh(),
                    h.measures.get(level).trim(),
                    pct(reading.share),
                    shares.join("、")
                ));
            }
        }
        if !problems.is_empty() {
            out.push((
                h.origin.clone().or(e.origin.clone()),
                e.name.clone(),
                e.code.clone(),
                format!(
                "协同供暖企业“{}”两张清单不一致：{}。请核实后使协同供暖企业清单与工业源清单一致",
                e.name,
                problems.join("；")
            ),
            ));
        }
    }
    for (o, name, code, m) in out {
        r.push(ID, o.as_ref(), Some((&name, &code)), m);
    }
}

/// A fleet's share at a level cannot exceed the emission share of the vehicles it bans,
/// stages weighted by the per-vehicle factors of the rule's settings.
fn fleet_share_bound(r: &mut Review) {
    const ID: &str = "fleet-share-bound";
    let factor = |stage: u8| match stage {
        3 => r.rules.threshold(ID, "factor_guo3_or_older", 5.0),
        4 => r.rules.threshold(ID, "factor_guo4", 3.5),
        5 => r.rules.threshold(ID, "factor_guo5", 2.0),
        6 => r.rules.threshold(ID, "factor_guo6", 0.4),
        _ => r.rules.threshold(ID, "factor_new_energy", 0.0),
    };
    let mut out = Vec::new();
    for f in &r.list.fleets {
        let stages = fleet_stages(f);
        let total: f64 = stages.iter().map(|(s, n)| factor(*s) * f64::from(*n)).sum();
        if total <= 0.0 {
            continue;
        }
        let c = source_reduction(&f.source);
        for level in Level::ALL {
            let Some(banned) = banned_up_to(&effective(&f.source, level).text) else {
                continue;
            };
            let bound: f64 = stages
                .iter()
                .filter(|(s, _)| *s <= banned)
                .map(|(s, n)| factor(*s) * f64::from(*n))
                .sum::<f64>()
                / total;
            let share = *c.shares.get(level);
            if share > bound + 1e-6 {
                let what = if banned >= ALL_FOSSIL {
                    "新能源以外的车辆".to_string()
                } else {
                    format!("{}及以下车辆", stage_name(banned))
                };
                out.push((f.origin.clone().or(f.source.origin.clone()), f.name.clone(), f.code.clone(), format!(
                    "车队“{}”在{}下减排比例为{}，但措施停用的{what}按单车排放权重只占其运输排放的{}，减排比例不可能高于此值；请核实车辆构成或按停用车辆重新测算减排比例",
                    f.name,
                    level.name_zh(),
                    pct(share),
                    pct(bound)
                )));
            }
        }
    }
    for (o, name, code, m) in out {
        r.push(ID, o.as_ref(), Some((&name, &code)), m);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(pct(0.1125), "11.25%");
        assert_eq!(pct(0.2), "20.00%");
        assert_eq!(points(0.01), "1.00");
        assert_eq!(tpd(0.275481367272), "0.2755吨/日");
        assert_eq!(median(vec![3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), 2.5);
    }
}
