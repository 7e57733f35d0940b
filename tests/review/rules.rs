//! Every review rule on a list that triggers it and on a near miss that does not.

use jianpai::model::{
    Amounts, Baseline, BaselineUnit, Contact, Enterprise, EnterpriseClass, Grade, List, Measure,
    Origin, PerPollutant, Site, Source,
};
use jianpai::review::{review, Finding, ReviewReport, Rules, RulesError, Severity, RULE_IDS};
use serde_json::Value;

/// A source emitting 1 t/d of everything, doing `yellow` (orange and red inherit), with a
/// key indicator.
fn source(name: &str, yellow: &str, row: u32) -> Source {
    let mut s = Source {
        name: name.into(),
        daily: PerPollutant {
            so2: Some(1.0),
            nox: Some(1.0),
            pm: Some(1.0),
            vocs: Some(1.0),
        },
        origin: Some(Origin {
            sheet: "工业源清单".into(),
            row,
        }),
        ..Source::default()
    };
    s.measures.yellow = Measure {
        text: yellow.into(),
        key_indicator: "用电量".into(),
        ..Measure::default()
    };
    s
}

/// An enterprise that breaks no rule: grade B, not a key industry, a valid code, a
/// responsible person, one line that stops.
fn enterprise(name: &str, code: &str, row: u32) -> Enterprise {
    Enterprise {
        name: name.into(),
        code: code.into(),
        county: "示例县".into(),
        industry: "食品加工".into(),
        grade: Some(Grade::B),
        class: Some(EnterpriseClass::Other),
        responsible: Contact {
            name: "张三".into(),
            phone: "13800000000".into(),
        },
        sources: vec![source("1号线", "停产", row)],
        origin: Some(Origin {
            sheet: "工业源清单".into(),
            row,
        }),
        ..Enterprise::default()
    }
}

/// A list that passes every rule: one enterprise cutting 1 t/d of 2 t/d whole society.
fn clean_list() -> List {
    List {
        area: "示例县".into(),
        baseline: Some(Baseline {
            amounts: Amounts {
                so2: 2.0,
                nox: 2.0,
                pm: 2.0,
                vocs: 2.0,
            },
            unit: BaselineUnit::PerDay,
        }),
        enterprises: vec![enterprise("甲食品有限公司", "91110000802100433B", 5)],
        ..List::default()
    }
}

fn findings(list: &List, rule: &str) -> Vec<Finding> {
    review(list, &Rules::builtin())
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

/// Exactly one finding of `rule`, placed at the enterprise, naming it and what is given.
fn one(list: &List, rule: &str, mentions: &[&str]) -> Finding {
    let found = findings(list, rule);
    assert_eq!(found.len(), 1, "{rule}: {found:#?}");
    let f = found.into_iter().next().unwrap();
    for m in mentions {
        assert!(f.message.contains(m), "{rule}: “{}” lacks “{m}”", f.message);
    }
    f
}

fn none(list: &List, rule: &str) {
    let found = findings(list, rule);
    assert!(found.is_empty(), "{rule}: {found:#?}");
}

#[test]
fn a_clean_list_has_no_findings() {
    assert_eq!(
        review(&clean_list(), &Rules::builtin()),
        Vec::<Finding>::new()
    );
}

#[test]
fn d_grade_not_stopped() {
    let mut list = clean_list();
    list.enterprises[0].grade = Some(Grade::D);
    none(&list, "d-grade-not-stopped");
    list.enterprises[0].sources[0].measures.yellow.text = "限产50%".into();
    let f = one(
        &list,
        "d-grade-not-stopped",
        &[
            "甲食品有限公司",
            "1号线",
            "黄色预警、橙色预警、红色预警",
            "停产",
        ],
    );
    assert_eq!(f.severity, Severity::Error);
    assert_eq!((f.sheet.as_deref(), f.row), (Some("工业源清单"), Some(5)));
    assert_eq!(f.code.as_deref(), Some("91110000802100433B"));
    list.enterprises[0].grade = Some(Grade::C);
    none(&list, "d-grade-not-stopped");
}

#[test]
fn level_weaker() {
    let mut list = clean_list();
    let s = &mut list.enterprises[0].sources[0];
    s.measures.yellow.text = "限产50%".into();
    s.measures.orange = Measure {
        text: "限产30%".into(),
        key_indicator: "用电量".into(),
        ..Measure::default()
    };
    one(
        &list,
        "level-weaker",
        &["甲食品有限公司", "1号线", "橙色预警", "黄色预警"],
    );
    list.enterprises[0].sources[0].measures.orange.text = "限产50%".into();
    none(&list, "level-weaker");
}

#[test]
fn level_weaker_covers_sites() {
    let mut list = clean_list();
    let mut s = source("", "停产", 3);
    s.measures.red.text = "限产50%".into();
    list.sites.push(Site {
        name: "某工地".into(),
        responsible: Contact {
            name: "李四".into(),
            phone: "13900000000".into(),
        },
        source: s,
        ..Site::default()
    });
    one(&list, "level-weaker", &["某工地", "红色预警"]);
}

/// Four enterprises of one county, industry and grade; the last one does `last`.
fn peers(last: &str) -> List {
    let mut list = clean_list();
    list.enterprises = (0..4)
        .map(|i| {
            let mut e = enterprise(&format!("企业{i}"), "", 10 + i);
            if i == 3 {
                e.sources[0].measures.yellow.text = last.into();
            }
            e
        })
        .collect();
    list
}

#[test]
fn peer_inconsistent() {
    let found = findings(&peers("限产50%"), "peer-inconsistent");
    assert_eq!(found.len(), 3, "one per level: {found:#?}");
    assert!(found
        .iter()
        .all(|f| f.enterprise.as_deref() == Some("企业3")));
    assert!(found[0].message.contains("黄色预警") && found[0].message.contains("中位数100.00%"));
    none(&peers("限产95%"), "peer-inconsistent");
    let mut two = peers("限产50%");
    two.enterprises.truncate(2);
    two.enterprises[1].sources[0].measures.yellow.text = "限产50%".into();
    none(&two, "peer-inconsistent");
}

#[test]
fn guarantee_below_b() {
    let mut list = clean_list();
    let e = &mut list.enterprises[0];
    e.guarantee = true;
    e.industry = "水泥".into();
    e.cems = Some(true);
    none(&list, "guarantee-below-b");
    list.enterprises[0].grade = Some(Grade::C);
    one(
        &list,
        "guarantee-below-b",
        &["甲食品有限公司", "C级", "B级"],
    );
    list.enterprises[0].industry = "食品加工".into();
    none(&list, "guarantee-below-b");
}

fn small_micro(annual_t: f64, yellow: &str) -> List {
    let mut list = clean_list();
    let e = &mut list.enterprises[0];
    e.class = Some(EnterpriseClass::SmallMicro);
    let s = &mut e.sources[0];
    s.daily = PerPollutant::default();
    s.days = Some(300.0);
    s.annual = PerPollutant {
        so2: None,
        nox: None,
        pm: Some(annual_t / 2.0),
        vocs: Some(annual_t / 2.0),
    };
    s.measures.yellow.text = yellow.into();
    list
}

#[test]
fn small_micro_too_large() {
    one(
        &small_micro(0.11, "不停产"),
        "small-micro-too-large",
        &["甲食品有限公司", "110.0千克"],
    );
    none(&small_micro(0.09, "不停产"), "small-micro-too-large");
}

#[test]
fn small_micro_restricted() {
    one(
        &small_micro(0.05, "停产"),
        "small-micro-restricted",
        &["甲食品有限公司", "1号线", "黄色预警"],
    );
    none(&small_micro(0.05, "不停产"), "small-micro-restricted");
}

#[test]
fn rotation_over_3_batches() {
    let mut list = clean_list();
    list.enterprises[0].sources[0].measures.yellow.text = "分4批轮流停产，每批停产25%".into();
    one(
        &list,
        "rotation-over-3-batches",
        &["甲食品有限公司", "1号线", "黄色预警", "4批"],
    );
    list.enterprises[0].sources[0].measures.yellow.text = "4个批次轮流停产".into();
    one(&list, "rotation-over-3-batches", &["4批"]);
    list.enterprises[0].sources[0].measures.yellow.text = "分3批轮流停产，每批停产33%".into();
    none(&list, "rotation-over-3-batches");
}

#[test]
fn not_verifiable() {
    let mut list = clean_list();
    list.enterprises[0].sources[0].measures.yellow.key_indicator = String::new();
    one(
        &list,
        "not-verifiable",
        &["甲食品有限公司", "1号线", "黄色预警", "关键性指标"],
    );
    list.enterprises[0].sources[0].measures.yellow.text = "不停产".into();
    none(&list, "not-verifiable");
}

#[test]
fn missing_responsible() {
    let mut list = clean_list();
    list.enterprises[0].responsible.phone = String::new();
    one(
        &list,
        "missing-responsible",
        &["甲食品有限公司", "应急减排责任人电话"],
    );
    list.enterprises[0].responsible.phone = "13800000000".into();
    none(&list, "missing-responsible");
    list.sites.push(Site {
        name: "某工地".into(),
        source: source("", "停产", 3),
        ..Site::default()
    });
    one(
        &list,
        "missing-responsible",
        &["工地“某工地”", "应急减排责任人及电话"],
    );
}

#[test]
fn cems_required() {
    let mut list = clean_list();
    list.enterprises[0].industry = "水泥".into();
    none(&list, "cems-required");
    list.enterprises[0].sources[0].measures.yellow.text = "限产50%".into();
    one(
        &list,
        "cems-required",
        &["甲食品有限公司", "1号线", "黄色预警", "CEMS"],
    );
    list.enterprises[0].cems = Some(true);
    none(&list, "cems-required");
}

#[test]
fn duplicate_enterprise() {
    let mut list = clean_list();
    list.enterprises[0].name = "甲（河南）化工有限责任公司".into();
    list.enterprises
        .push(enterprise("甲(河南)化工 有限公司", "91310000MA1FL4B24G", 6));
    let f = one(
        &list,
        "duplicate-enterprise",
        &[
            "甲(河南)化工 有限公司",
            "甲（河南）化工有限责任公司",
            "91110000802100433B",
        ],
    );
    assert_eq!(f.row, Some(6));
    list.enterprises[1].name = "乙(河南)化工有限公司".into();
    none(&list, "duplicate-enterprise");
}

#[test]
fn credit_code_check() {
    let mut list = clean_list();
    list.enterprises[0].code = "91110000802100433A".into();
    let f = one(
        &list,
        "credit-code-check",
        &["甲食品有限公司", "校验位", "“B”"],
    );
    assert_eq!(f.severity, Severity::Warning);
    list.enterprises[0].code = "91110000802100433B".into();
    none(&list, "credit-code-check");
}

#[test]
fn target_missed() {
    let mut list = clean_list();
    list.baseline = Some(Baseline {
        amounts: Amounts {
            so2: 2.0,
            nox: 2.0,
            pm: 4.0,
            vocs: 2.0,
        },
        unit: BaselineUnit::PerDay,
    });
    let found = findings(&list, "target-missed");
    assert_eq!(
        found.len(),
        1,
        "only red misses PM (25 % < 30 %): {found:#?}"
    );
    let m = &found[0].message;
    assert!(
        m.contains("红色预警")
            && m.contains("颗粒物减排比例25.00%")
            && m.contains("尚缺0.2000吨/日"),
        "{m}"
    );
    assert!(found[0].sheet.is_none() && found[0].enterprise.is_none());
    none(&clean_list(), "target-missed");
    list.baseline = None;
    one(&list, "target-missed", &["全社会排放量"]);
}

#[test]
fn shut_down_enterprises_are_not_judged_on_measures() {
    let mut list = clean_list();
    let e = &mut list.enterprises[0];
    e.shut_down = true;
    e.grade = Some(Grade::D);
    e.responsible = Contact::default();
    e.sources[0].measures.yellow.text = "限产50%".into();
    e.sources[0].measures.yellow.key_indicator = String::new();
    let rules: Vec<String> = review(&list, &Rules::builtin())
        .into_iter()
        .map(|f| f.rule)
        .collect();
    assert_eq!(
        rules, ["target-missed"; 3],
        "it reduces nothing, so only the three levels' targets fail"
    );
}

#[test]
fn rules_can_be_switched_off_and_reweighted() {
    let mut list = clean_list();
    list.enterprises[0].responsible = Contact::default();
    let rules = Rules::from_json(
        r#"{"rules": {"missing-responsible": {"enabled": true, "severity": "warning", "title": "x"}}}"#,
    )
    .unwrap();
    let found = review(&list, &rules);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Warning);
    let off = Rules::from_json(
        r#"{"rules": {"missing-responsible": {"enabled": false, "severity": "error", "title": "x"}}}"#,
    )
    .unwrap();
    assert!(review(&list, &off).is_empty());
    assert!(matches!(
        Rules::from_json(
            r#"{"rules": {"no-such-rule": {"enabled": true, "severity": "error", "title": "x"}}}"#
        ),
        Err(RulesError::UnknownRule(_))
    ));
}

#[test]
fn builtin_rules_cover_every_id() {
    let rules = Rules::builtin();
    let ids: Vec<&str> = rules.rules.keys().map(String::as_str).collect();
    let mut expected = RULE_IDS.to_vec();
    expected.sort_unstable();
    assert_eq!(ids, expected);
    assert_eq!(
        rules.threshold("rotation-over-3-batches", "max_batches", 0.0),
        3.0
    );
}

#[test]
fn findings_serialise_to_the_review_schema() {
    let mut list = clean_list();
    list.enterprises[0].grade = Some(Grade::D);
    list.enterprises[0].sources[0].measures.yellow.text = "限产50%".into();
    list.baseline = None;
    let report = ReviewReport {
        findings: review(&list, &Rules::builtin()),
    };
    assert!(report.has_errors());
    let json = serde_json::to_value(&report).unwrap();
    let schema: Value =
        serde_json::from_str(include_str!("../../schemas/review.schema.json")).unwrap();
    let v = jsonschema::draft202012::new(&schema).unwrap();
    let errors: Vec<String> = v.iter_errors(&json).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let first = &json["findings"][0];
    assert_eq!(first["rule"], "d-grade-not-stopped");
    assert_eq!(first["severity"], "error");
    let area = json["findings"].as_array().unwrap().last().unwrap();
    assert!(area["sheet"].is_null() && area["enterprise"].is_null() && area["code"].is_null());
    let mut extra = json.clone();
    extra["findings"][0]["extra"] = Value::Bool(true);
    assert!(!v.is_valid(&extra));
}
