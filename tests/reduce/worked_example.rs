//! The worked example of `docs/method.md`, checked number by number, and the JSON of
//! `docs/cli.md`'s `check --json` example.

use jianpai::model::{
    Amounts, Baseline, BaselineUnit, Enterprise, List, Measure, Origin, PerPollutant, Source,
};
use jianpai::reduce::check;
use serde_json::{json, Value};

fn annual(so2: f64, nox: f64, pm: f64, vocs: f64) -> PerPollutant<Option<f64>> {
    PerPollutant {
        so2: Some(so2),
        nox: Some(nox),
        pm: Some(pm),
        vocs: Some(vocs),
    }
}

fn text(t: &str) -> Measure {
    Measure {
        text: t.to_string(),
        ..Measure::default()
    }
}

fn line(name: &str, e: PerPollutant<Option<f64>>, y: &str, o: &str, r: &str, row: u32) -> Source {
    let mut s = Source {
        name: name.to_string(),
        days: Some(300.0),
        annual: e,
        origin: Some(Origin {
            sheet: "工业源清单".into(),
            row,
        }),
        ..Source::default()
    };
    s.measures.yellow = text(y);
    s.measures.orange = text(o);
    s.measures.red = text(r);
    s
}

fn enterprise(name: &str, code: &str, source: Source) -> Enterprise {
    Enterprise {
        name: name.to_string(),
        code: code.to_string(),
        county: "示例县".to_string(),
        industry: "水泥".to_string(),
        sources: vec![source],
        ..Enterprise::default()
    }
}

fn example() -> List {
    List {
        area: "示例县".into(),
        baseline: Some(Baseline {
            amounts: Amounts {
                so2: 20.0,
                nox: 10.0,
                pm: 4.0,
                vocs: 12.0,
            },
            unit: BaselineUnit::PerDay,
        }),
        enterprises: vec![
            enterprise(
                "甲水泥有限公司",
                "91110000802100433B",
                line(
                    "line 1",
                    annual(600.0, 900.0, 150.0, 0.0),
                    "限产50%",
                    "",
                    "停产",
                    5,
                ),
            ),
            enterprise(
                "乙化工有限公司",
                "91310000MA1FL4B24G",
                line("line 2", annual(0.0, 0.0, 60.0, 900.0), "停产", "", "", 6),
            ),
        ],
        ..List::default()
    }
}

fn level(report: &Value, i: usize) -> &Value {
    &report["levels"][i]
}

#[test]
fn yellow_level_json_is_the_spec_example() {
    let report = serde_json::to_value(check(&example())).unwrap();
    assert_eq!(
        level(&report, 0),
        &json!({
            "level": "yellow",
            "target": 0.10,
            "reduction": {"so2": 1.0, "nox": 1.5, "pm": 0.45, "vocs": 3.0},
            "ratio": {"so2": 0.05, "nox": 0.15, "pm": 0.1125, "vocs": 0.25},
            "pass": {"so2": false, "nox": true, "so2_nox": true, "pm": true, "vocs": true, "level": true},
            "shortfall": {"so2": 1.0, "nox": 0.0, "pm": 0.0, "vocs": 0.0, "so2_nox_points": 0.0},
            "measures": {"stop": 1, "limit": 1, "self": 0, "other": 0, "sites_stopped": 0}
        })
    );
}

#[test]
fn orange_inherits_yellow_and_fails() {
    let report = serde_json::to_value(check(&example())).unwrap();
    assert_eq!(
        level(&report, 1),
        &json!({
            "level": "orange",
            "target": 0.20,
            "reduction": {"so2": 1.0, "nox": 1.5, "pm": 0.45, "vocs": 3.0},
            "ratio": {"so2": 0.05, "nox": 0.15, "pm": 0.1125, "vocs": 0.25},
            "pass": {"so2": false, "nox": false, "so2_nox": false, "pm": false, "vocs": true, "level": false},
            "shortfall": {"so2": 3.0, "nox": 0.5, "pm": 0.35, "vocs": 0.0, "so2_nox_points": 0.2},
            "measures": {"stop": 1, "limit": 1, "self": 0, "other": 0, "sites_stopped": 0}
        })
    );
}

#[test]
fn red_fails_with_the_spec_shortfalls() {
    let report = serde_json::to_value(check(&example())).unwrap();
    assert_eq!(
        level(&report, 2),
        &json!({
            "level": "red",
            "target": 0.30,
            "reduction": {"so2": 2.0, "nox": 3.0, "pm": 0.7, "vocs": 3.0},
            "ratio": {"so2": 0.1, "nox": 0.3, "pm": 0.175, "vocs": 0.25},
            "pass": {"so2": false, "nox": true, "so2_nox": false, "pm": false, "vocs": false, "level": false},
            "shortfall": {"so2": 4.0, "nox": 0.0, "pm": 0.5, "vocs": 0.6, "so2_nox_points": 0.2},
            "measures": {"stop": 2, "limit": 0, "self": 0, "other": 0, "sites_stopped": 0}
        })
    );
}

#[test]
fn the_rest_of_the_report_matches_cli_md() {
    let report = serde_json::to_value(check(&example())).unwrap();
    assert_eq!(report["area"], json!("示例县"));
    assert_eq!(
        report["baseline"],
        json!({"so2": 20.0, "nox": 10.0, "pm": 4.0, "vocs": 12.0})
    );
    assert_eq!(report["pass"], json!(false));
    assert_eq!(
        report["counts"],
        json!({"enterprises": 2, "industrial_sources": 2, "dust_sources": 0, "mobile_sources": 0})
    );
    let yellow =
        json!({"level": "yellow", "reduction": {"so2": 1.0, "nox": 1.5, "pm": 0.45, "vocs": 3.0}});
    let orange =
        json!({"level": "orange", "reduction": {"so2": 1.0, "nox": 1.5, "pm": 0.45, "vocs": 3.0}});
    let red =
        json!({"level": "red", "reduction": {"so2": 2.0, "nox": 3.0, "pm": 0.7, "vocs": 3.0}});
    // The county has no baseline of its own: no ratio, pass or shortfall of its own.
    let own = |mut l: Value| {
        for k in ["ratio", "pass", "shortfall"] {
            l[k] = Value::Null;
        }
        l
    };
    assert_eq!(
        report["by_county"],
        json!([{
            "county": "示例县",
            "baseline": null,
            "coverage": null,
            "levels": [own(yellow.clone()), own(orange.clone()), own(red.clone())]
        }])
    );
    assert_eq!(
        report["coverage"],
        json!({"so2": 0.1, "nox": 0.3, "pm": 0.175, "vocs": 0.25})
    );
    assert_eq!(
        report["by_category"],
        json!([{"category": "industrial", "levels": [yellow, orange, red]}])
    );
    assert_eq!(
        report["by_industry"],
        json!([{"industry": "水泥", "levels": [yellow, orange, red]}])
    );
    assert_eq!(
        report["by_grade"],
        json!([{"grade": "未填写", "levels": [yellow, orange, red]}])
    );
    assert_eq!(report["warnings"], json!([]));
    let levels: Vec<&str> = report["levels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["level"].as_str().unwrap())
        .collect();
    assert_eq!(levels, ["yellow", "orange", "red"]);
}

#[test]
fn top_lists_rank_the_contributors() {
    let report = check(&example());
    assert_eq!(report.top.len(), 12);
    let red_pm = report
        .top
        .iter()
        .find(|t| t.level.key() == "red" && t.pollutant.key() == "pm")
        .unwrap();
    let got: Vec<(&str, f64)> = red_pm
        .sources
        .iter()
        .map(|s| (s.enterprise.as_str(), s.reduction))
        .collect();
    assert_eq!(got, [("甲水泥有限公司", 0.5), ("乙化工有限公司", 0.2)]);
    let yellow_so2 = &report.top[0];
    assert_eq!(
        yellow_so2.sources.len(),
        1,
        "sources without a reduction are left out"
    );
    assert_eq!(yellow_so2.sources[0].source, "line 1");
    assert_eq!(yellow_so2.sources[0].county, "示例县");
}

#[test]
fn report_round_trips_through_json() {
    let report = check(&example());
    let text = serde_json::to_string(&report).unwrap();
    assert!(
        text.contains(r#""reduction":{"so2":1.0,"nox":1.5,"pm":0.45,"vocs":3.0}"#),
        "sums print as clean decimals: {text}"
    );
    assert!(text.contains(r#""ratio":{"so2":0.05,"nox":0.15,"pm":0.1125,"vocs":0.25}"#));
    let back: jianpai::reduce::Report = serde_json::from_str(&text).unwrap();
    assert_eq!(back, report);
}

/// Issue 10: a baseline smaller than the listed emissions printed "5024% ✓ 达标". Coverage
/// above 1 is exposed, the pollutant never passes, and a warning names it.
#[test]
fn a_baseline_below_the_listed_emissions_never_passes() {
    let mut list = example();
    if let Some(b) = &mut list.baseline {
        b.amounts.vocs = 0.06; // listed VOCs: 3 t/d
    }
    let report = jianpai::reduce::check(&list);
    let coverage = report.coverage.unwrap();
    assert_eq!(coverage.vocs, 50.0);
    assert_eq!(coverage.so2, 0.1);
    assert!(report.levels.iter().all(|l| !l.pass.vocs && !l.pass.level));
    assert!(report
        .warnings
        .iter()
        .any(|w| w.message.contains("大于全社会日排放量") && w.message.contains("5000.00%")));
}
