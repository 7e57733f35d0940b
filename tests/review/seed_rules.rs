//! The rules of issue 10 (the seed plans' transport, site, machinery, key-industry, heating and
//! baseline rules), each on a list that plants it and on its near miss.

use jianpai::model::{
    Amounts, Baseline, BaselineUnit, Contact, CountyBaseline, Fleet, Grade, Heating, Level,
    Machinery, Measure, NonroadStage, Origin, PerLevel, PerPollutant, Site, Source, VehicleCounts,
};
use jianpai::review::{review, Rules, Severity};

use super::rules::{clean_list, none, one};

/// A measure with text and an explicit share.
fn measure(text: &str, share: f64) -> Measure {
    Measure {
        text: text.into(),
        share: Some(share),
        key_indicator: "门禁记录".into(),
        ..Measure::default()
    }
}

/// A heavy-vehicle user with 58 trucks (国四 1, 国五 20, 国六 37), 30 trips a day, banning
/// 国四 and older from orange.
fn fleet(name: &str, code: &str) -> Fleet {
    Fleet {
        county: "示例县".into(),
        name: name.into(),
        code: code.into(),
        daily_trips: Some(30.0),
        vehicles: VehicleCounts {
            guo3_or_older: Some(0),
            guo4: Some(1),
            guo5: Some(20),
            guo6: Some(37),
            new_energy: Some(0),
        },
        source: Source {
            daily: PerPollutant {
                so2: None,
                nox: Some(0.1),
                pm: Some(0.01),
                vocs: None,
            },
            measures: PerLevel {
                yellow: measure("错峰运输", 0.0),
                orange: measure("国四及以下重型柴油货车停止进出厂区", 0.02),
                red: measure("国四及以下重型柴油货车停止进出厂区", 0.02),
            },
            ..Source::default()
        },
        origin: Some(Origin {
            sheet: "移动源清单".into(),
            row: 4,
        }),
        ..Fleet::default()
    }
}

/// A construction site stopping earthworks at yellow.
fn site(name: &str, yellow: &str) -> Site {
    Site {
        county: "示例县".into(),
        name: name.into(),
        responsible: Contact {
            name: "李四".into(),
            phone: "13900000000".into(),
        },
        source: Source {
            daily: PerPollutant {
                so2: None,
                nox: None,
                pm: Some(0.01),
                vocs: None,
            },
            measures: PerLevel {
                yellow: measure(yellow, 0.5),
                orange: measure("全部停工", 1.0),
                red: measure("全部停工", 1.0),
            },
            ..Source::default()
        },
        origin: Some(Origin {
            sheet: "扬尘源清单".into(),
            row: 6,
        }),
        ..Site::default()
    }
}

#[test]
fn text_share_mismatch() {
    let mut list = clean_list();
    // 停产 with the share left blank: the engine reads 100 %, nothing to report.
    none(&list, "text-share-mismatch");
    list.enterprises[0].sources[0].measures.yellow.share = Some(0.5);
    one(
        &list,
        "text-share-mismatch",
        &["甲食品有限公司", "1号线", "黄色预警", "停产", "50.00%"],
    );
    // 限产30% with 30.5 % given is within a point; 35 % is not.
    list.enterprises[0].sources[0].measures.yellow = measure("限产30%", 0.305);
    none(&list, "text-share-mismatch");
    list.enterprises[0].sources[0].measures.yellow.share = Some(0.35);
    let f = one(
        &list,
        "text-share-mismatch",
        &["限产30%", "35.00%", "1.00个百分点"],
    );
    assert_eq!(f.severity, Severity::Error);
    // Rotating stops are not a whole stop.
    list.enterprises[0].sources[0].measures.yellow = measure("分3批轮流停产", 0.34);
    none(&list, "text-share-mismatch");
}

#[test]
fn baseline_below_listed() {
    let mut list = clean_list();
    none(&list, "baseline-below-listed");
    // The enterprise emits 1 t/d of each; a whole-society SO2 of 0.8 t/d cannot be.
    list.baseline = Some(Baseline {
        amounts: Amounts {
            so2: 0.8,
            nox: 2.0,
            pm: 2.0,
            vocs: 2.0,
        },
        unit: BaselineUnit::PerDay,
    });
    let f = one(
        &list,
        "baseline-below-listed",
        &["二氧化硫", "1.0000吨/日", "0.8000吨/日", "125.00%"],
    );
    assert!(f.sheet.is_none() && f.code.is_none());
    assert!(!f.message.contains("氮氧化物"), "{}", f.message);
}

#[test]
fn baseline_below_listed_per_county() {
    let mut list = clean_list();
    let county = |name: &str, pm: f64| CountyBaseline {
        county: name.into(),
        baseline: Baseline {
            amounts: Amounts {
                so2: 2.0,
                nox: 2.0,
                pm,
                vocs: 2.0,
            },
            unit: BaselineUnit::PerDay,
        },
    };
    // 示例县 holds the enterprise (1 t/d of PM); 另一县 holds nothing.
    list.county_baselines = vec![county("示例县", 1.5), county("另一县", 0.1)];
    none(&list, "baseline-below-listed");
    list.county_baselines[0] = county("示例县", 0.5);
    let f = one(
        &list,
        "baseline-below-listed",
        &["示例县", "颗粒物", "1.0000吨/日", "0.5000吨/日", "200.00%"],
    );
    assert!(!f.message.contains("二氧化硫"), "{}", f.message);
}

#[test]
fn site_earthworks() {
    let mut list = clean_list();
    list.sites
        .push(site("示例县人民医院项目", "停止土石方作业、拆除作业"));
    list.sites.push(site("示例县滨河公园项目", "全部停工"));
    none(&list, "site-earthworks");
    list.sites[0].source.measures.yellow.text = "增加洒水频次".into();
    let f = one(
        &list,
        "site-earthworks",
        &["示例县人民医院项目", "增加洒水频次", "土石方"],
    );
    assert_eq!(f.enterprise.as_deref(), Some("示例县人民医院项目"));
    assert_eq!((f.sheet.as_deref(), f.row), (Some("扬尘源清单"), Some(6)));
    // A wholly blank yellow measure does not stop earthworks either.
    list.sites[0].source.measures.yellow = Measure::default();
    one(&list, "site-earthworks", &["未填写措施"]);
    // A key project approved to keep working.
    list.sites[0].approval = "示发改〔2026〕12号".into();
    none(&list, "site-earthworks");
}

/// A machine row of the non-road sheet.
fn machine(user: &str, stage: NonroadStage, measures: [&str; 3]) -> Machinery {
    Machinery {
        county: "示例县".into(),
        user: user.into(),
        kind: "挖掘机".into(),
        stage,
        count: Some(2),
        fuel: "柴油".into(),
        measures: PerLevel::from_fn(|l| measures[l as usize].to_string()),
        origin: Some(Origin {
            sheet: "非道路移动机械清单".into(),
            row: 3,
        }),
        ..Machinery::default()
    }
}

#[test]
fn nonroad_stage() {
    let mut list = clean_list();
    list.sites
        .push(site("示例县人民医院项目", "停止土石方作业"));
    list.machinery.push(machine(
        "示例县人民医院项目",
        NonroadStage::Guo3,
        ["", "", ""],
    ));
    list.machinery.push(machine(
        "甲食品有限公司",
        NonroadStage::Guo2,
        ["停止使用", "", ""],
    ));
    none(&list, "nonroad-stage");
    // A 国二 machine still working at yellow: below 国三, named by its user's credit code.
    list.machinery[1].measures.yellow = "正常作业".into();
    let f = one(
        &list,
        "nonroad-stage",
        &[
            "甲食品有限公司",
            "挖掘机",
            "国二",
            "2台",
            "黄色预警",
            "国三以下",
        ],
    );
    assert_eq!(f.code.as_deref(), Some("91110000802100433B"));
    // The same on a site: the site's name stands where a credit code would.
    list.machinery[1].user = "示例县人民医院项目".into();
    let f = one(&list, "nonroad-stage", &["示例县人民医院项目"]);
    assert_eq!(f.code.as_deref(), Some("示例县人民医院项目"));
    assert_eq!(f.enterprise.as_deref(), Some("示例县人民医院项目"));
    // A ban naming the stage counts; one that stops only older machines does not.
    list.machinery[1].measures.yellow = "国二及以下停止使用".into();
    none(&list, "nonroad-stage");
    list.machinery[1].measures.yellow = "国一停止使用".into();
    one(&list, "nonroad-stage", &["黄色预警、橙色预警、红色预警"]);
    // With the lenient setting (国二 allowed at yellow), only orange and red are judged.
    let mut rules = Rules::builtin();
    rules.set("nonroad-stage", "min_stage", "2").unwrap();
    let found: Vec<_> = review(&list, &rules)
        .into_iter()
        .filter(|f| f.rule == "nonroad-stage")
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].message.contains("橙色预警、红色预警") && !found[0].message.contains("黄色"),
        "{}",
        found[0].message
    );
    // New-energy and unknown stages are not judged.
    list.machinery[1].stage = NonroadStage::NewEnergy;
    none(&list, "nonroad-stage");
}

#[test]
fn truck_ban() {
    let mut list = clean_list();
    list.fleets
        .push(fleet("甲物流有限公司", "91110000802100433B"));
    none(&list, "truck-ban");
    list.fleets[0].source.measures.orange = measure("错峰运输", 0.0);
    let f = one(
        &list,
        "truck-ban",
        &["甲物流有限公司", "30辆次", "国四1辆", "橙色预警"],
    );
    assert!(!f.message.contains("红色预警"), "{}", f.message);
    // Fewer than 10 trips a day: not a heavy-vehicle user.
    list.fleets[0].daily_trips = Some(8.0);
    none(&list, "truck-ban");
    // 仅允许国六及新能源 bans 国四 as well.
    list.fleets[0].daily_trips = Some(30.0);
    list.fleets[0].source.measures.orange = measure("仅允许国六及新能源车辆运输", 0.02);
    none(&list, "truck-ban");
}

#[test]
fn d_grade_transport() {
    let mut list = clean_list();
    list.enterprises[0].grade = Some(Grade::D);
    // No transport on the list: a warning.
    let f = one(
        &list,
        "d-grade-transport",
        &["甲食品有限公司", "移动源清单"],
    );
    assert_eq!(f.severity, Severity::Warning);
    // Stated on the industrial sheet: nothing to report.
    for level in [Level::Orange, Level::Red] {
        *list.enterprises[0].sources[0].measures.get_mut(level) =
            measure("全部停产，停止新能源车以外的公路运输", 1.0);
    }
    none(&list, "d-grade-transport");
    // Its fleet only bans 国四 and older: an error naming both levels.
    let code = list.enterprises[0].code.clone();
    list.fleets.push(fleet("甲食品有限公司", &code));
    let f = one(
        &list,
        "d-grade-transport",
        &["甲食品有限公司", "橙色预警、红色预警", "新能源"],
    );
    assert_eq!(f.severity, Severity::Error);
    for level in [Level::Orange, Level::Red] {
        *list.fleets[0].source.measures.get_mut(level) = measure("停止新能源车以外的公路运输", 1.0);
    }
    none(&list, "d-grade-transport");
}

#[test]
fn key_industry_ungraded() {
    let mut list = clean_list();
    list.enterprises[0].industry = "家具制造".into();
    none(&list, "key-industry-ungraded");
    list.enterprises[0].grade = None;
    one(
        &list,
        "key-industry-ungraded",
        &["甲食品有限公司", "家具制造", "未填写"],
    );
    list.enterprises[0].grade = Some(Grade::Unrated);
    one(&list, "key-industry-ungraded", &["未评级"]);
    list.enterprises[0].industry = "食品加工".into();
    none(&list, "key-industry-ungraded");
}

#[test]
fn heating_mismatch() {
    let mut list = clean_list();
    let e = &mut list.enterprises[0];
    for level in Level::ALL {
        *e.sources[0].measures.get_mut(level) = measure("负荷由100%降至80%", 0.2);
    }
    list.heating.push(Heating {
        name: e.name.clone(),
        code: e.code.clone(),
        measures: PerLevel::from_fn(|_| "以热定产，负荷由100%降至80%".to_string()),
        origin: Some(Origin {
            sheet: "协同供暖企业清单".into(),
            row: 5,
        }),
        ..Heating::default()
    });
    none(&list, "heating-mismatch");
    list.heating[0].measures.orange = "以热定产，负荷由100%降至50%".into();
    let f = one(
        &list,
        "heating-mismatch",
        &["甲食品有限公司", "橙色预警", "50.00%", "20.00%"],
    );
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.sheet.as_deref(), Some("协同供暖企业清单"));
    // A heating enterprise stopped entirely at red.
    list.heating[0].measures.orange = "以热定产，负荷由100%降至80%".into();
    list.enterprises[0].sources[0].measures.red = measure("停产", 1.0);
    one(&list, "heating-mismatch", &["红色预警下全部停产"]);
}

#[test]
fn fleet_share_bound() {
    let mut list = clean_list();
    list.fleets
        .push(fleet("甲物流有限公司", "91110000802100433B"));
    // One 国四 truck of 58: 3.5 / (3.5 + 40 + 14.8) = 6.00 % of the emission.
    none(&list, "fleet-share-bound");
    list.fleets[0].source.measures.orange.share = Some(0.4);
    let f = one(
        &list,
        "fleet-share-bound",
        &["甲物流有限公司", "橙色预警", "40.00%", "6.00%"],
    );
    assert_eq!(f.severity, Severity::Warning);
    // The factors are settings: with 国四 weighted 0 its ban gives nothing, so even the
    // 2 % of orange and red is too much.
    let mut rules = Rules::builtin();
    rules.set("fleet-share-bound", "factor_guo4", "0").unwrap();
    list.fleets[0].source.measures.orange.share = Some(0.02);
    let found: Vec<_> = review(&list, &rules)
        .into_iter()
        .filter(|f| f.rule == "fleet-share-bound")
        .collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].message.contains("只占其运输排放的0.00%"),
        "{}",
        found[0].message
    );
}

#[test]
fn rule_settings_are_checked() {
    let mut rules = Rules::builtin();
    rules.set("truck-ban", "min_daily_trips", "20").unwrap();
    assert_eq!(rules.threshold("truck-ban", "min_daily_trips", 0.0), 20.0);
    rules.set("truck-ban", "severity", "warning").unwrap();
    rules.set("truck-ban", "enabled", "false").unwrap();
    assert!(rules.enabled("truck-ban").is_none());
    let unknown = rules.set("no-such-rule", "enabled", "true").unwrap_err();
    assert!(unknown.to_string().contains("no-such-rule"));
    let key = rules.set("truck-ban", "max_batches", "3").unwrap_err();
    assert!(key.to_string().contains("min_daily_trips"), "{key}");
    let value = rules.set("truck-ban", "min_daily_trips", "-1").unwrap_err();
    assert!(value.to_string().contains("不小于0"), "{value}");
    let severity = rules.set("truck-ban", "severity", "fatal").unwrap_err();
    assert!(
        severity.to_string().contains("error 或 warning"),
        "{severity}"
    );
    let enabled = rules.set("truck-ban", "enabled", "maybe").unwrap_err();
    assert!(enabled.to_string().contains("true 或 false"), "{enabled}");
    // A failed change leaves the rule as it was.
    assert_eq!(rules.threshold("truck-ban", "min_daily_trips", 0.0), 20.0);
}

#[test]
fn every_rule_quotes_its_seed() {
    for (id, rule) in &Rules::builtin().rules {
        assert!(rule.source.contains('“'), "{id}: {}", rule.source);
    }
}
