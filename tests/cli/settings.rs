//! `jianpai settings`: the store's preferences (the import's plausible-emission bound, how many
//! backups are kept) change what `import` accepts and what backup pruning keeps.

use std::path::Path;

use serde_json::Value;

use super::commands::{assert_valid, jianpai, run, schema, worked_example};

fn settings_json(db: &Path) -> Value {
    let (code, stdout, stderr) = run(jianpai().arg("--db").arg(db).args(["settings", "--json"]));
    assert_eq!(code, 0, "{stderr}");
    let value: Value = serde_json::from_str(&stdout).unwrap();
    assert_valid(&schema("settings.schema.json"), &value);
    value
}

fn value_of(settings: &Value, key: &str) -> f64 {
    settings
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["key"] == key)
        .unwrap_or_else(|| panic!("{key} missing"))["value"]
        .as_f64()
        .unwrap()
}

#[test]
fn settings_before_any_import_shows_the_defaults_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    let settings = settings_json(&db);
    assert_eq!(value_of(&settings, "max-emission"), 1e6);
    assert_eq!(value_of(&settings, "keep-backups"), 20.0);
    assert!(
        !db.exists(),
        "listing the settings must not create a data file"
    );
    let (code, text, _) = run(jianpai().arg("--db").arg(&db).arg("settings"));
    assert_eq!(code, 0);
    assert!(
        text.contains("max-emission  单条生产线排放量（减排量）上限 = 1,000,000 吨/年（默认；可设 1 到 100,000,000）"),
        "{text}"
    );
    // Resetting needs a data file, as every command that changes one without importing.
    let (code, _, stderr) = run(jianpai().arg("--db").arg(&db).args(["settings", "reset"]));
    assert_eq!(code, 1, "{stderr}");
}

#[test]
fn a_lowered_bound_refuses_what_the_default_accepts_located_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    let book = worked_example(dir.path());
    // The worked example's largest line emits 900 t/a NOx: within the default bound.
    let (code, stdout, stderr) = run(jianpai().arg("--db").arg(&db).args([
        "settings",
        "set",
        "max-emission",
        "500",
        "--json",
    ]));
    assert_eq!(code, 0, "{stderr}");
    let set: Value = serde_json::from_str(&stdout).unwrap();
    assert_valid(&schema("settings.schema.json"), &set);
    assert_eq!(
        (set["value"].as_f64(), set["default"].as_f64()),
        (Some(500.0), Some(1e6))
    );

    for dry in [true, false] {
        let mut cmd = jianpai();
        cmd.arg("--db").arg(&db).arg("import").arg(&book);
        if dry {
            cmd.arg("--dry-run");
        }
        let (code, _, stderr) = run(&mut cmd);
        assert_eq!(code, 65, "dry run {dry}: {stderr}");
        assert!(
            stderr.contains("工业源清单")
                && stderr.contains("第2行")
                && stderr.contains("氮氧化物排放量")
                && stderr.contains("上限500吨/年"),
            "dry run {dry}: {stderr}"
        );
    }
    let store = jianpai::store::Store::open_existing(&db).unwrap();
    assert!(
        store.load().unwrap().enterprises.is_empty(),
        "nothing written"
    );
    drop(store);

    // `check FILE` involves no store: it reads with the default bound.
    let (code, stdout, stderr) = run(jianpai()
        .arg("--db")
        .arg(&db)
        .arg("check")
        .arg(&book)
        .arg("--json"));
    assert!(code == 0 || code == 3, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["counts"]["enterprises"], 2, "{report:#}");

    let (code, text, stderr) =
        run(jianpai()
            .arg("--db")
            .arg(&db)
            .args(["settings", "reset", "max-emission"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(text.contains("清除 1 项修改"), "{text}");
    let (code, _, stderr) = run(jianpai().arg("--db").arg(&db).arg("import").arg(&book));
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn bad_values_name_the_key_and_its_range_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    for (key, bad) in [
        ("max-emission", "0"),
        ("max-emission", "很多"),
        ("max-emission", "1e12"),
        ("keep-backups", "0"),
        ("keep-backups", "2.5"),
    ] {
        let (code, _, stderr) = run(jianpai()
            .arg("--db")
            .arg(&db)
            .args(["settings", "set", key, bad]));
        assert_eq!(code, 65, "{key} {bad}: {stderr}");
        assert!(
            stderr.contains(key) && stderr.contains("之间的"),
            "{stderr}"
        );
    }
    let (code, _, stderr) =
        run(jianpai()
            .arg("--db")
            .arg(&db)
            .args(["settings", "set", "keep-backups", "1001"]));
    assert_eq!(code, 65);
    assert!(stderr.contains("1 到 1,000 之间的整数"), "{stderr}");
    let (code, _, stderr) =
        run(jianpai()
            .arg("--db")
            .arg(&db)
            .args(["settings", "set", "max_tonnes", "5"]));
    assert_eq!(code, 2, "an unknown key is a usage error: {stderr}");
    assert!(stderr.contains("max-emission、keep-backups"), "{stderr}");
    let settings = settings_json(&db);
    assert_eq!(value_of(&settings, "max-emission"), 1e6);
    assert_eq!(value_of(&settings, "keep-backups"), 20.0);
}

#[test]
fn keep_backups_three_leaves_three_files() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    let book = worked_example(dir.path());
    let (code, _, stderr) =
        run(jianpai()
            .arg("--db")
            .arg(&db)
            .args(["settings", "set", "keep-backups", "3"]));
    assert_eq!(code, 0, "{stderr}");
    // The first import finds an empty list (nothing to back up); each later one backs up.
    for _ in 0..6 {
        let (code, _, stderr) = run(jianpai().arg("--db").arg(&db).arg("import").arg(&book));
        assert_eq!(code, 0, "{stderr}");
    }
    let (code, stdout, stderr) = run(jianpai()
        .arg("--db")
        .arg(&db)
        .args(["backup", "list", "--json"]));
    assert_eq!(code, 0, "{stderr}");
    let backups: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(backups.as_array().unwrap().len(), 3, "{backups:#}");
    let files = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .count();
    assert_eq!(files, 3);
    assert_eq!(value_of(&settings_json(&db), "keep-backups"), 3.0);
}
