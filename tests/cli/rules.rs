//! `jianpai rules`: the settings are the user's, stored with the list and used by `review`.

use serde_json::Value;

use super::commands::{assert_valid, jianpai, run, schema, worked_example};

fn rules_json(db: &std::path::Path) -> Value {
    let (code, stdout, stderr) = run(jianpai().arg("--db").arg(db).args(["rules", "--json"]));
    assert_eq!(code, 0, "{stderr}");
    let rules: Value = serde_json::from_str(&stdout).unwrap();
    assert_valid(&schema("rules-list.schema.json"), &rules);
    rules
}

fn rule<'a>(rules: &'a Value, id: &str) -> &'a Value {
    rules
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("{id} missing"))
}

#[test]
fn rules_lists_every_rule_with_its_settings_and_seed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    // Rule settings live in a list's data file: only `import` (or the app) creates one.
    drop(jianpai::store::Store::open(&db).unwrap());
    let rules = rules_json(&db);
    assert_eq!(
        rules.as_array().unwrap().len(),
        jianpai::review::RULE_IDS.len()
    );
    let truck = rule(&rules, "truck-ban");
    assert_eq!(truck["severity"], "error");
    assert_eq!(truck["enabled"], true);
    assert_eq!(truck["settings"]["min_daily_trips"], 10.0);
    assert!(truck["source"].as_str().unwrap().contains("国四及以下"));
    let (code, text, _) = run(jianpai().arg("--db").arg(&db).arg("rules"));
    assert_eq!(code, 0);
    assert!(
        text.contains("truck-ban")
            && text.contains("min_daily_trips = 10")
            && text.contains("依据："),
        "{text}"
    );
}

#[test]
fn set_is_stored_used_by_review_and_reset() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    // Rule settings live in a list's data file: only `import` (or the app) creates one.
    drop(jianpai::store::Store::open(&db).unwrap());
    let book = worked_example(dir.path());
    let (code, _, stderr) = run(jianpai().arg("--db").arg(&db).arg("import").arg(&book));
    assert_eq!(code, 0, "{stderr}");
    let review = |db: &std::path::Path| -> Vec<String> {
        let (_, stdout, _) = run(jianpai().arg("--db").arg(db).args(["review", "--json"]));
        let report: Value = serde_json::from_str(&stdout).unwrap();
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                format!(
                    "{} {}",
                    f["rule"].as_str().unwrap(),
                    f["severity"].as_str().unwrap()
                )
            })
            .collect()
    };
    let before = review(&db);
    assert!(
        before.iter().any(|f| f == "missing-responsible error"),
        "{before:#?}"
    );

    // Severity lowered: the findings stay but as warnings.
    let (code, stdout, _) = run(jianpai().arg("--db").arg(&db).args([
        "rules",
        "set",
        "missing-responsible",
        "severity",
        "warning",
        "--json",
    ]));
    assert_eq!(code, 0);
    let one: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(one["severity"], "warning");
    assert!(review(&db)
        .iter()
        .any(|f| f == "missing-responsible warning"));

    // Switched off: gone from the review, and the listing says so.
    let (code, stdout, _) = run(jianpai().arg("--db").arg(&db).args([
        "rules",
        "set",
        "missing-responsible",
        "enabled",
        "false",
    ]));
    assert_eq!(code, 0);
    assert!(
        stdout.contains("已修改") && stdout.contains("停用"),
        "{stdout}"
    );
    assert!(!review(&db)
        .iter()
        .any(|f| f.starts_with("missing-responsible")));
    assert_eq!(
        rule(&rules_json(&db), "missing-responsible")["enabled"],
        false
    );

    // A threshold.
    let (code, _, _) = run(jianpai().arg("--db").arg(&db).args([
        "rules",
        "set",
        "truck-ban",
        "min_daily_trips",
        "20",
    ]));
    assert_eq!(code, 0);
    assert_eq!(
        rule(&rules_json(&db), "truck-ban")["settings"]["min_daily_trips"],
        20.0
    );

    // Reset one rule, then all.
    let (code, stdout, _) =
        run(jianpai()
            .arg("--db")
            .arg(&db)
            .args(["rules", "reset", "truck-ban"]));
    assert_eq!(code, 0);
    assert!(stdout.contains("清除 1 项"), "{stdout}");
    assert_eq!(
        rule(&rules_json(&db), "truck-ban")["settings"]["min_daily_trips"],
        10.0
    );
    assert_eq!(
        rule(&rules_json(&db), "missing-responsible")["enabled"],
        false
    );
    let (code, stdout, _) = run(jianpai().arg("--db").arg(&db).args(["rules", "reset"]));
    assert_eq!(code, 0);
    assert!(stdout.contains("清除 2 项"), "{stdout}");
    assert_eq!(review(&db), before);
}

#[test]
fn bad_settings_exit_2_and_store_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    // Rule settings live in a list's data file: only `import` (or the app) creates one.
    drop(jianpai::store::Store::open(&db).unwrap());
    let before = rules_json(&db);
    for (args, says) in [
        (
            ["no-such-rule", "enabled", "false"],
            "没有审核规则“no-such-rule”",
        ),
        (["truck-ban", "max_batches", "3"], "没有设置项“max_batches”"),
        (
            ["truck-ban", "min_daily_trips", "很多"],
            "应为不小于0的数字",
        ),
        (["truck-ban", "severity", "fatal"], "应为 error 或 warning"),
        (["truck-ban", "enabled", "maybe"], "应为 true 或 false"),
    ] {
        let (code, _, stderr) = run(jianpai()
            .arg("--db")
            .arg(&db)
            .args(["rules", "set"])
            .args(args));
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
    let (code, _, stderr) =
        run(jianpai()
            .arg("--db")
            .arg(&db)
            .args(["rules", "reset", "no-such-rule"]));
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(rules_json(&db), before);
}

#[test]
fn a_stored_setting_that_no_longer_fits_is_reported_not_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    // Rule settings live in a list's data file: only `import` (or the app) creates one.
    drop(jianpai::store::Store::open(&db).unwrap());
    rules_json(&db);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "INSERT INTO rule_settings (rule, key, value) VALUES ('truck-ban', 'min_daily_trips', 'x')",
        [],
    )
    .unwrap();
    drop(conn);
    let (code, _, stderr) = run(jianpai().arg("--db").arg(&db).arg("rules"));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("rule_settings") && stderr.contains("truck-ban min_daily_trips x"),
        "{stderr}"
    );
    let (code, _, stderr) = run(jianpai().arg("--db").arg(&db).arg("review"));
    assert_eq!(code, 1, "{stderr}");
}

#[test]
fn a_site_named_as_its_own_code_is_printed_once() {
    let book = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-lists")
        .join("淇河县-2026-模板乙.xlsx");
    let (code, stdout, stderr) = run(jianpai().arg("review").arg(&book));
    assert_eq!(code, 3, "{stderr}");
    let line = stdout
        .lines()
        .find(|l| l.contains("nonroad-stage"))
        .unwrap_or_else(|| panic!("{stdout}"));
    let name = "淇河县灌区续建配套项目（2号地块）";
    assert_eq!(line.matches(name).count(), 2, "{line}");
    assert!(!line.contains(&format!("{name}（{name}）")), "{line}");
}
