//! Each rule of `docs/method.md` on a small list built in code.

use jianpai::model::{
    Amounts, Baseline, BaselineUnit, Enterprise, Fleet, Level, List, Measure, Origin, PerPollutant,
    Site, Source,
};
use jianpai::reduce::{check, source_reduction};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn daily(so2: f64, nox: f64, pm: f64, vocs: f64) -> PerPollutant<Option<f64>> {
    PerPollutant {
        so2: Some(so2),
        nox: Some(nox),
        pm: Some(pm),
        vocs: Some(vocs),
    }
}

fn at_row(row: u32) -> Option<Origin> {
    Some(Origin {
        sheet: "工业源清单".into(),
        row,
    })
}

/// A source emitting 1 t/d of each pollutant.
fn unit_source() -> Source {
    Source {
        daily: daily(1.0, 1.0, 1.0, 1.0),
        origin: at_row(7),
        ..Source::default()
    }
}

fn text(t: &str) -> Measure {
    Measure {
        text: t.into(),
        ..Measure::default()
    }
}

fn share(s: f64) -> Measure {
    Measure {
        share: Some(s),
        ..Measure::default()
    }
}

fn list_of(sources: Vec<Source>, baseline: Amounts) -> List {
    List {
        area: "示例县".into(),
        baseline: Some(Baseline {
            amounts: baseline,
            unit: BaselineUnit::PerDay,
        }),
        enterprises: vec![Enterprise {
            name: "甲公司".into(),
            county: "示例县".into(),
            sources,
            ..Enterprise::default()
        }],
        ..List::default()
    }
}

#[test]
fn blank_levels_inherit_the_lower_level() {
    let mut s = unit_source();
    s.measures.yellow = share(0.3);
    let r = source_reduction(&s);
    for l in Level::ALL {
        assert!(close(r.reductions.get(l).pm, 0.3), "{l:?}");
        assert!(close(*r.shares.get(l), 0.3));
    }
    assert!(!r.inherited.yellow && r.inherited.orange && r.inherited.red);
    assert!(r.warnings.is_empty());
}

#[test]
fn a_blank_yellow_level_is_zero() {
    let mut s = unit_source();
    s.measures.orange = share(0.5);
    let r = source_reduction(&s);
    assert_eq!(r.reductions.yellow, Amounts::ZERO);
    assert!(!r.inherited.yellow);
    assert!(close(r.reductions.orange.so2, 0.5));
    assert!(close(r.reductions.red.so2, 0.5));
}

#[test]
fn amount_beats_share_beats_text_beats_inheritance() {
    let mut s = unit_source();
    s.measures.yellow = share(0.1);
    s.measures.orange = Measure {
        text: "停产".into(),
        share: Some(0.4),
        amounts: PerPollutant {
            so2: Some(0.9),
            ..PerPollutant::default()
        },
        ..Measure::default()
    };
    s.measures.red = Measure {
        text: "停产".into(),
        amounts: PerPollutant {
            nox: Some(0.7),
            ..PerPollutant::default()
        },
        ..Measure::default()
    };
    let r = source_reduction(&s);
    let o = r.reductions.orange;
    assert!(close(o.so2, 0.9), "explicit amount wins");
    assert!(close(o.nox, 0.4) && close(o.pm, 0.4), "share before text");
    assert!(close(*r.shares.get(Level::Orange), 0.4));
    let red = r.reductions.red;
    assert!(close(red.nox, 0.7), "amount before text");
    assert!(
        close(red.so2, 1.0) && close(red.vocs, 1.0),
        "text 停产 = 100 %"
    );
}

#[test]
fn pollutants_without_anything_inherit_one_by_one() {
    let mut s = unit_source();
    s.measures.yellow = share(0.2);
    s.measures.orange = Measure {
        amounts: PerPollutant {
            so2: Some(0.6),
            ..PerPollutant::default()
        },
        ..Measure::default()
    };
    let r = source_reduction(&s);
    assert!(close(r.reductions.orange.so2, 0.6));
    assert!(close(r.reductions.orange.nox, 0.2));
    assert!(!r.inherited.orange, "the level was not blank");
    assert!(close(r.shares.orange, 0.6), "amounts only: largest r/e");
}

#[test]
fn an_amount_above_the_emission_is_an_error_and_clamped() {
    let mut s = unit_source();
    s.measures.yellow = Measure {
        amounts: PerPollutant {
            so2: Some(1.5),
            nox: Some(1.0005),
            pm: Some(0.5),
            vocs: Some(0.0),
        },
        ..Measure::default()
    };
    let r = source_reduction(&s);
    assert!(close(r.reductions.yellow.so2, 1.0));
    assert!(
        close(r.reductions.yellow.nox, 1.0),
        "within 0.1 % is rounding"
    );
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    let e = &r.errors[0];
    assert_eq!(e.column.as_deref(), Some("黄色预警二氧化硫减排量"));
    assert_eq!(e.row, Some(7));
    assert!(e.message.contains("不能大于排放量"), "{}", e.message);
}

#[test]
fn daily_wins_over_annual_and_disagreement_warns() {
    let mut s = Source {
        days: Some(300.0),
        annual: daily(300.0, 300.0, 300.0, 0.0),
        daily: PerPollutant {
            so2: Some(1.0),
            nox: Some(1.005),
            pm: Some(2.0),
            vocs: None,
        },
        origin: at_row(9),
        ..Source::default()
    };
    s.measures.yellow = share(1.0);
    let r = source_reduction(&s);
    assert!(close(r.daily.so2, 1.0) && close(r.daily.nox, 1.005) && close(r.daily.pm, 2.0));
    assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
    assert_eq!(r.warnings[0].column.as_deref(), Some("颗粒物日排放量"));
    assert!(r.warnings[0].message.contains("相差超过1%"));
}

#[test]
fn missing_days_default_to_365_with_the_cli_md_warning() {
    let s = Source {
        annual: daily(365.0, 0.0, 0.0, 0.0),
        origin: at_row(7),
        ..Source::default()
    };
    let r = source_reduction(&s);
    assert!(close(r.daily.so2, 1.0));
    assert_eq!(r.warnings.len(), 1);
    let w = &r.warnings[0];
    assert_eq!(
        (
            w.sheet.as_deref(),
            w.row,
            w.column.as_deref(),
            w.message.as_str()
        ),
        (
            Some("工业源清单"),
            Some(7),
            Some("年生产天数"),
            "年生产天数为空，按365天计"
        )
    );
    let zero = Source {
        days: Some(0.0),
        ..s.clone()
    };
    let r = source_reduction(&zero);
    assert!(close(r.daily.so2, 1.0));
    assert_eq!(r.warnings[0].message, "年生产天数为0，按365天计");
}

#[test]
fn days_outside_the_year_are_an_error_but_never_a_panic() {
    for days in [400.0, -5.0, f64::NAN] {
        let s = Source {
            days: Some(days),
            annual: daily(365.0, 0.0, 0.0, 0.0),
            ..Source::default()
        };
        let r = source_reduction(&s);
        assert!(close(r.daily.so2, 1.0), "{days}: treated as 365");
        assert_eq!(r.errors.len(), 1);
        assert_eq!(r.errors[0].column.as_deref(), Some("年生产天数"));
    }
}

#[test]
fn days_do_not_matter_where_only_daily_figures_are_given() {
    let s = Source {
        annual: daily(365.0, 0.0, 0.0, 0.0),
        daily: daily(1.0, 0.0, 0.0, 0.0),
        ..Source::default()
    };
    assert!(source_reduction(&s).warnings.is_empty());
}

#[test]
fn unreadable_and_split_texts_warn() {
    let mut s = unit_source();
    s.measures.yellow = text("错峰运输");
    s.measures.orange = text("1号线限产30%，2号线停产");
    let r = source_reduction(&s);
    assert_eq!(r.reductions.yellow, Amounts::ZERO);
    assert!(close(r.reductions.orange.pm, 1.0));
    let cols: Vec<_> = r.warnings.iter().map(|w| w.column.as_deref()).collect();
    assert_eq!(cols, [Some("黄色预警减排措施"), Some("橙色预警减排措施")]);
    assert!(r.warnings[0].message.contains("请填写黄色预警减排比例"));
    assert!(r.warnings[1].message.contains("拆分"));
}

#[test]
fn a_weaker_higher_level_warns_once_per_source() {
    let mut s = unit_source();
    s.measures.yellow = share(0.5);
    s.measures.orange = share(0.3);
    s.measures.red = share(0.2);
    let r = source_reduction(&s);
    assert_eq!(r.warnings.len(), 1);
    let m = &r.warnings[0].message;
    assert!(
        m.contains("橙色预警减排量低于黄色预警") && m.contains("红色预警减排量低于橙色预警"),
        "{m}"
    );
    s.measures.orange = share(0.5);
    s.measures.red = share(0.6);
    assert!(source_reduction(&s).warnings.is_empty());
}

#[test]
fn the_trade_can_be_switched_off() {
    let mut s = unit_source();
    s.measures.yellow = share(1.0);
    // SO2 5 %, NOx 15 %, PM and VOCs 25 %: passes only through the trade.
    let baseline = Amounts {
        so2: 20.0,
        nox: 1.0 / 0.15,
        pm: 4.0,
        vocs: 4.0,
    };
    let mut list = list_of(vec![s], baseline);
    let on = check(&list);
    assert!(on.levels[0].pass.so2_nox && on.levels[0].pass.level);
    list.so2_nox_trade = false;
    let off = check(&list);
    let y = &off.levels[0];
    assert!(!y.pass.so2_nox && !y.pass.level && y.pass.nox && !y.pass.so2);
    let short = y.shortfall.unwrap();
    assert!(close(short.so2, 1.0));
    assert!(close(short.so2_nox_points, 0.05), "SO2's own gap only");
}

#[test]
fn shut_down_enterprises_emit_and_reduce_nothing() {
    let mut s = unit_source();
    s.measures.yellow = text("停产");
    s.days = Some(900.0);
    let mut list = list_of(
        vec![s],
        Amounts {
            so2: 1.0,
            nox: 1.0,
            pm: 1.0,
            vocs: 1.0,
        },
    );
    list.enterprises[0].shut_down = true;
    let report = check(&list);
    assert_eq!(report.levels[0].reduction, Amounts::ZERO);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert!(report.by_county.is_empty() && report.by_category.is_empty());
    assert_eq!(report.counts.enterprises, 1, "still on the list");
    assert_eq!(report.counts.industrial_sources, 1);
}

#[test]
fn without_a_baseline_nothing_passes() {
    let mut s = unit_source();
    s.measures.yellow = text("停产");
    let mut list = list_of(vec![s], Amounts::ZERO);
    list.baseline = None;
    let report = check(&list);
    assert!(!report.pass);
    assert!(report.baseline.is_none());
    for l in &report.levels {
        assert!(l.ratio.is_none() && l.shortfall.is_none() && !l.pass.level);
    }
    assert!(
        close(report.levels[0].reduction.so2, 1.0),
        "amounts still shown"
    );
    assert_eq!(report.warnings.len(), 1);
    assert!(report.warnings[0].message.contains("全社会排放量"));
    let json = serde_json::to_value(&report).unwrap();
    assert!(json["baseline"].is_null() && json["levels"][0]["ratio"].is_null());
}

#[test]
fn an_annual_baseline_is_divided_by_365() {
    let mut s = unit_source();
    s.measures.yellow = share(0.5);
    let mut list = list_of(vec![s], Amounts::ZERO);
    list.baseline = Some(Baseline {
        amounts: Amounts {
            so2: 365.0,
            nox: 365.0,
            pm: 365.0,
            vocs: 365.0,
        },
        unit: BaselineUnit::PerYear,
    });
    let report = check(&list);
    assert_eq!(report.baseline.unwrap().so2, 1.0);
    assert!(report.pass);
    assert!(report
        .levels
        .iter()
        .all(|l| close(l.ratio.unwrap().pm, 0.5)));
}

#[test]
fn a_zero_baseline_pollutant_fails_with_a_warning() {
    let mut s = unit_source();
    s.measures.yellow = share(1.0);
    let list = list_of(
        vec![s],
        Amounts {
            so2: 10.0,
            nox: 10.0,
            pm: 0.0,
            vocs: 10.0,
        },
    );
    let report = check(&list);
    assert!(!report.levels[0].pass.pm);
    assert!(report
        .warnings
        .iter()
        .any(|w| w.message.contains("全社会颗粒物排放量为0")));
}

#[test]
fn targets_come_from_the_list() {
    let mut s = unit_source();
    s.measures.yellow = share(0.15);
    let mut list = list_of(
        vec![s],
        Amounts {
            so2: 1.0,
            nox: 1.0,
            pm: 1.0,
            vocs: 1.0,
        },
    );
    list.targets.yellow = 0.2;
    let report = check(&list);
    assert_eq!(report.levels[0].target, 0.2);
    assert!(!report.levels[0].pass.level);
    assert!(close(report.levels[0].shortfall.unwrap().pm, 0.05));
}

#[test]
fn counts_and_categories_cover_every_sheet() {
    let mut s = unit_source();
    s.measures.yellow = share(0.1);
    let mut list = list_of(
        vec![s.clone(), s.clone()],
        Amounts {
            so2: 1.0,
            nox: 1.0,
            pm: 1.0,
            vocs: 1.0,
        },
    );
    list.enterprises[0].code = "91110000802100433B".into();
    list.sites.push(Site {
        name: "某工地".into(),
        county: "乙区".into(),
        source: s.clone(),
        ..Site::default()
    });
    list.fleets.push(Fleet {
        name: "甲公司".into(),
        county: "示例县".into(),
        source: s.clone(),
        ..Fleet::default()
    });
    list.fleets.push(Fleet {
        name: "丙物流".into(),
        code: "91310000MA1FL4B24G".into(),
        county: "示例县".into(),
        source: s,
        ..Fleet::default()
    });
    let report = check(&list);
    let c = report.counts;
    assert_eq!(
        (
            c.enterprises,
            c.industrial_sources,
            c.dust_sources,
            c.mobile_sources
        ),
        (3, 2, 1, 2)
    );
    let cats: Vec<_> = report
        .by_category
        .iter()
        .map(|c| c.category.name_zh())
        .collect();
    assert_eq!(cats, ["工业源", "扬尘源", "移动源"]);
    let counties: Vec<_> = report.by_county.iter().map(|c| c.county.as_str()).collect();
    assert_eq!(counties, ["示例县", "乙区"]);
    assert!(close(report.by_county[0].levels[0].reduction.so2, 0.4));
    assert!(close(report.levels[0].reduction.so2, 0.5));
    assert_eq!(report.by_industry.len(), 1, "industrial sheet only");
}

#[test]
fn diagnostics_without_their_own_origin_take_the_record_origin() {
    let s = Source {
        annual: daily(365.0, 0.0, 0.0, 0.0),
        ..Source::default()
    };
    let mut list = list_of(
        vec![],
        Amounts {
            so2: 1.0,
            nox: 1.0,
            pm: 1.0,
            vocs: 1.0,
        },
    );
    list.sites.push(Site {
        name: "某工地".into(),
        source: s,
        origin: Some(Origin {
            sheet: "扬尘源清单".into(),
            row: 4,
        }),
        ..Site::default()
    });
    let report = check(&list);
    let w = &report.warnings[0];
    assert_eq!((w.sheet.as_deref(), w.row), (Some("扬尘源清单"), Some(4)));
}

#[test]
fn diagnostics_without_any_origin_name_the_record() {
    let s = Source {
        name: "1号窑".into(),
        annual: daily(365.0, 0.0, 0.0, 0.0),
        ..Source::default()
    };
    let list = list_of(
        vec![s],
        Amounts {
            so2: 1.0,
            nox: 1.0,
            pm: 1.0,
            vocs: 1.0,
        },
    );
    let report = check(&list);
    assert_eq!(
        report.warnings[0].message,
        "“甲公司”的“1号窑”：年生产天数为空，按365天计"
    );
    assert_eq!(report.warnings[0].column.as_deref(), Some("年生产天数"));
}

#[test]
fn amounts_beyond_f64_never_pass_next_to_a_null_ratio() {
    // Two sources of 1e308 t/d, fully cut: the sum overflows to infinity, which JSON shows as
    // null. Such a level must not pass.
    let mut huge = unit_source();
    huge.daily = daily(1e308, 1e308, 1e308, 1e308);
    huge.measures.yellow = share(1.0);
    huge.measures.orange = share(1.0);
    huge.measures.red = share(1.0);
    let list = list_of(
        vec![huge.clone(), huge],
        Amounts {
            so2: 1.0,
            nox: 1.0,
            pm: 1.0,
            vocs: 1.0,
        },
    );
    let report = check(&list);
    for level in &report.levels {
        let json = serde_json::to_value(level).unwrap();
        let ratio_null = json["ratio"]["so2"].is_null();
        assert!(ratio_null, "the overflowing ratio shows as null: {json}");
        assert!(!level.pass.so2 && !level.pass.so2_nox && !level.pass.level);
    }
    assert!(!report.pass);
}
