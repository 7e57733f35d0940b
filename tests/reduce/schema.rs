//! `check --json` output against `schemas/check.schema.json`, and the schema's strictness.

use jianpai::model::{
    Amounts, Baseline, BaselineUnit, Enterprise, List, Measure, Origin, Site, Source,
};
use jianpai::reduce::check;
use serde_json::{json, Value};

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(include_str!("../../schemas/check.schema.json"))
        .expect("schema is JSON");
    jsonschema::draft202012::new(&schema).expect("schema compiles")
}

fn assert_valid(v: &jsonschema::Validator, instance: &Value) {
    let errors: Vec<String> = v
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

fn list() -> List {
    let mut s = Source {
        name: "1号窑".into(),
        annual: jianpai::model::PerPollutant {
            so2: Some(365.0),
            nox: Some(100.0),
            pm: None,
            vocs: None,
        },
        origin: Some(Origin {
            sheet: "工业源清单".into(),
            row: 7,
        }),
        ..Source::default()
    };
    s.measures.yellow = Measure {
        text: "错峰运输".into(),
        ..Measure::default()
    };
    s.measures.orange.text = "停产".into();
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
        enterprises: vec![Enterprise {
            name: "甲".into(),
            sources: vec![s.clone()],
            ..Enterprise::default()
        }],
        sites: vec![Site {
            name: "工地".into(),
            source: s,
            ..Site::default()
        }],
        ..List::default()
    }
}

#[test]
fn reports_validate() {
    let v = validator();
    let report = serde_json::to_value(check(&list())).unwrap();
    assert!(!report["warnings"].as_array().unwrap().is_empty());
    assert_valid(&v, &report);
    let mut no_baseline = list();
    no_baseline.baseline = None;
    assert_valid(&v, &serde_json::to_value(check(&no_baseline)).unwrap());
    assert_valid(&v, &serde_json::to_value(check(&List::default())).unwrap());
}

#[test]
fn the_schema_is_strict() {
    let v = validator();
    let good = serde_json::to_value(check(&list())).unwrap();
    let mut extra = good.clone();
    extra["levels"][0]["extra"] = json!(1);
    assert!(!v.is_valid(&extra), "unknown keys are refused");
    let mut missing = good.clone();
    missing["levels"][1]["pass"]
        .as_object_mut()
        .unwrap()
        .remove("so2_nox");
    assert!(!v.is_valid(&missing), "required keys");
    let mut order = good.clone();
    order["levels"].as_array_mut().unwrap().swap(0, 2);
    assert!(!v.is_valid(&order), "levels in yellow, orange, red order");
    let mut category = good;
    category["by_category"][0]["category"] = json!("工业源");
    assert!(!v.is_valid(&category));
}
