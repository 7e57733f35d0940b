//! Helpers shared by the revision tests.

use std::collections::HashSet;

use assert_cmd::Command;
use jianpai::model::List;

/// The CLI with no data file inherited from the environment.
pub fn jianpai() -> Command {
    let mut cmd = Command::cargo_bin("jianpai").unwrap();
    cmd.env_remove("JIANPAI_DB");
    cmd
}

/// A county sample list of the generator (150 enterprises, planted faults included).
pub fn sample_list() -> List {
    jianpai_samples::county(jianpai_samples::SAMPLES[0]).list
}

/// The validator of `schemas/<name>`.
pub fn schema(name: &str) -> jsonschema::Validator {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schemas")
        .join(name);
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

/// Fails with every schema error of `value`.
pub fn assert_valid(name: &str, value: &serde_json::Value) {
    let validator = schema(name);
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{value:#}");
}

/// A fault-free county list of the generator: planted faults and every enterprise sharing a
/// code or name with another are dropped, so that only the changes made here are news.
pub fn last_year() -> List {
    let sample = jianpai_samples::county(jianpai_samples::SAMPLES[0]);
    let faulty: HashSet<String> = sample
        .faults
        .iter()
        .flat_map(|f| [f.enterprise.clone(), f.code.clone()])
        .collect();
    let mut list = sample.list;
    let count = |key: &str, list: &List| {
        list.enterprises
            .iter()
            .filter(|e| e.code == key || e.name == key)
            .count()
    };
    let keep: Vec<bool> = list
        .enterprises
        .iter()
        .map(|e| {
            !faulty.contains(&e.name)
                && !faulty.contains(&e.code)
                && !e.code.is_empty()
                && count(&e.code, &list) == 1
                && count(&e.name, &list) == 1
        })
        .collect();
    let mut i = 0;
    list.enterprises.retain(|_| {
        i += 1;
        keep[i - 1]
    });
    list.year = Some(2025);
    list
}
