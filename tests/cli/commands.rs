//! The `jianpai` program as other tools see it: exit codes, `--db` / `JIANPAI_DB`, JSON
//! outputs against their schemas, and the worked example of `docs/method.md`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use jianpai::store::Store;
use rust_xlsxwriter::Workbook;
use serde_json::{json, Value};

pub(crate) fn jianpai() -> Command {
    let mut cmd = Command::cargo_bin("jianpai").unwrap();
    cmd.env_remove("JIANPAI_DB");
    cmd
}

#[derive(Clone, Copy)]
enum Cell<'a> {
    T(&'a str),
    N(f64),
}
use Cell::{N, T};

fn write_sheet(wb: &mut Workbook, name: &str, rows: &[&[Cell<'_>]]) {
    let ws = wb.add_worksheet();
    ws.set_name(name).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            match cell {
                T("") => Ok(()),
                T(text) => ws.write_string(r as u32, c as u16, *text).map(|_| ()),
                N(n) => ws.write_number(r as u32, c as u16, *n).map(|_| ()),
            }
            .unwrap();
        }
    }
}

const INDUSTRIAL_HEADER: [Cell<'static>; 11] = [
    T("企业名称"),
    T("生产线名称"),
    T("二氧化硫排放量"),
    T("氮氧化物排放量"),
    T("颗粒物排放量"),
    T("挥发性有机物排放量"),
    T("年生产天数"),
    T("黄色预警减排措施"),
    T("橙色预警减排措施"),
    T("红色预警减排措施"),
    T("绩效等级"),
];

/// The worked example: 总表 with the baseline 20/10/4/12 t/d and the two lines.
pub(crate) fn worked_example(dir: &Path) -> PathBuf {
    let mut wb = Workbook::new();
    write_sheet(
        &mut wb,
        "总表",
        &[
            &[
                T("区县"),
                T("年度"),
                T("SO2(t/d)"),
                T("NOx(t/d)"),
                T("颗粒物(t/d)"),
                T("VOCs(t/d)"),
            ],
            &[T("示例县"), N(2026.0), N(20.0), N(10.0), N(4.0), N(12.0)],
        ],
    );
    write_sheet(
        &mut wb,
        "工业源清单",
        &[
            &INDUSTRIAL_HEADER,
            &[
                T("甲公司"),
                T("1号线"),
                N(600.0),
                N(900.0),
                N(150.0),
                N(0.0),
                N(300.0),
                T("限产50%"),
                T(""),
                T("停产"),
                T("B"),
            ],
            &[
                T("乙公司"),
                T("2号线"),
                N(0.0),
                N(0.0),
                N(60.0),
                N(900.0),
                N(300.0),
                T("停产"),
                T(""),
                T(""),
                T("C"),
            ],
        ],
    );
    let path = dir.join("示例县2026.xlsx");
    wb.save(&path).unwrap();
    path
}

/// A workbook with errors: an unknown grade and text in a numeric column.
fn invalid_workbook(dir: &Path) -> PathBuf {
    let mut wb = Workbook::new();
    write_sheet(
        &mut wb,
        "工业源清单",
        &[
            &INDUSTRIAL_HEADER,
            &[
                T("丙公司"),
                T("1号线"),
                T("很多"),
                N(1.0),
                N(1.0),
                N(1.0),
                N(300.0),
                T("停产"),
                T(""),
                T(""),
                T("Z级"),
            ],
        ],
    );
    let path = dir.join("错误清单.xlsx");
    wb.save(&path).unwrap();
    path
}

pub(crate) fn schema(name: &str) -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schemas")
        .join(name);
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

pub(crate) fn assert_valid(validator: &jsonschema::Validator, value: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{value:#}");
}

/// Runs the command; returns (exit code, stdout as JSON when `json`, stdout text).
pub(crate) fn run(cmd: &mut Command) -> (i32, String, String) {
    let output = cmd.output().unwrap();
    (
        output.status.code().expect("exited"),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn expected_levels() -> Value {
    json!([
        {
            "level": "yellow", "target": 0.1,
            "reduction": {"so2": 1.0, "nox": 1.5, "pm": 0.45, "vocs": 3.0},
            "ratio": {"so2": 0.05, "nox": 0.15, "pm": 0.1125, "vocs": 0.25},
            "pass": {"so2": false, "nox": true, "so2_nox": true, "pm": true, "vocs": true, "level": true},
            "shortfall": {"so2": 1.0, "nox": 0.0, "pm": 0.0, "vocs": 0.0, "so2_nox_points": 0.0},
            "measures": {"stop": 1, "limit": 1, "self": 0, "other": 0, "sites_stopped": 0}
        },
        {
            "level": "orange", "target": 0.2,
            "reduction": {"so2": 1.0, "nox": 1.5, "pm": 0.45, "vocs": 3.0},
            "ratio": {"so2": 0.05, "nox": 0.15, "pm": 0.1125, "vocs": 0.25},
            "pass": {"so2": false, "nox": false, "so2_nox": false, "pm": false, "vocs": true, "level": false},
            "shortfall": {"so2": 3.0, "nox": 0.5, "pm": 0.35, "vocs": 0.0, "so2_nox_points": 0.2},
            "measures": {"stop": 1, "limit": 1, "self": 0, "other": 0, "sites_stopped": 0}
        },
        {
            "level": "red", "target": 0.3,
            "reduction": {"so2": 2.0, "nox": 3.0, "pm": 0.7, "vocs": 3.0},
            "ratio": {"so2": 0.1, "nox": 0.3, "pm": 0.175, "vocs": 0.25},
            "pass": {"so2": false, "nox": true, "so2_nox": false, "pm": false, "vocs": false, "level": false},
            "shortfall": {"so2": 4.0, "nox": 0.0, "pm": 0.5, "vocs": 0.6, "so2_nox_points": 0.2},
            "measures": {"stop": 2, "limit": 0, "self": 0, "other": 0, "sites_stopped": 0}
        }
    ])
}

#[test]
fn check_file_gives_the_worked_example_and_leaves_the_store_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let book = worked_example(dir.path());
    let db = dir.path().join("store/list.sqlite");
    let (code, stdout, stderr) = run(jianpai()
        .arg("check")
        .arg(&book)
        .arg("--json")
        .arg("--db")
        .arg(&db));
    assert_eq!(code, 3, "orange and red fail: {stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_valid(&schema("check.schema.json"), &report);
    assert_eq!(report["area"], "示例县");
    assert_eq!(
        report["baseline"],
        json!({"so2": 20.0, "nox": 10.0, "pm": 4.0, "vocs": 12.0})
    );
    assert_eq!(report["levels"], expected_levels());
    assert_eq!(report["pass"], false);
    assert_eq!(
        report["coverage"],
        json!({"so2": 0.1, "nox": 0.3, "pm": 0.175, "vocs": 0.25}),
        "listed daily emissions over the whole society's"
    );
    assert_eq!(
        report["by_county"][0]["baseline"],
        Value::Null,
        "no county has its own baseline"
    );
    assert_eq!(report["by_county"][0]["levels"][0]["pass"], Value::Null);
    assert_eq!(
        report["counts"],
        json!({"enterprises": 2, "industrial_sources": 2, "dust_sources": 0, "mobile_sources": 0})
    );
    assert!(
        !db.exists(),
        "check FILE must not create or touch the store"
    );
}

#[test]
fn import_json_then_check_the_store_with_db_after_the_command_word() {
    let dir = tempfile::tempdir().unwrap();
    let book = worked_example(dir.path());
    let db = dir.path().join("list.sqlite");
    let (code, stdout, stderr) = run(jianpai()
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&book)
        .arg("--json"));
    assert_eq!(code, 0, "{stdout}{stderr}");
    let outcome: Value = serde_json::from_str(&stdout).unwrap();
    assert_valid(&schema("import.schema.json"), &outcome);
    assert_eq!(outcome["file"], book.display().to_string());
    assert_eq!(outcome["written"], true);
    assert_eq!(outcome["errors"], json!([]));
    assert_eq!(
        outcome["counts"],
        json!({"enterprises": 2, "industrial_sources": 2, "dust_sources": 0, "mobile_sources": 0})
    );

    let (code, stdout, _) = run(jianpai().arg("check").arg("--json").arg("--db").arg(&db));
    assert_eq!(code, 3);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["levels"], expected_levels());

    let (code, text, _) = run(jianpai().arg("check").arg("--db").arg(&db));
    assert_eq!(code, 3);
    for expected in [
        "黄色预警",
        "✓ 达标",
        "✗ 未达标",
        "5.00%",
        "11.25%",
        "缺口",
        "SO2+NOx 合计 20.00%",
    ] {
        assert!(text.contains(expected), "{expected} missing in:\n{text}");
    }
}

#[test]
fn a_passing_list_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let book = worked_example(dir.path());
    let db = dir.path().join("list.sqlite");
    assert_eq!(
        run(jianpai().arg("import").arg(&book).arg("--db").arg(&db)).0,
        0
    );
    // A baseline above the listed emissions (2 / 3 / 0.7 / 3 t/d): a smaller one would pass
    // on ratios that cannot be true, which the engine refuses.
    let set = [
        "baseline", "set", "--so2", "3", "--nox", "4", "--pm", "1", "--vocs", "4", "--unit", "t/d",
    ];
    assert_eq!(run(jianpai().args(set).arg("--db").arg(&db)).0, 0);
    let (code, stdout, _) = run(jianpai().arg("check").arg("--json").arg("--db").arg(&db));
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(
        serde_json::from_str::<Value>(&stdout).unwrap()["pass"],
        true
    );
}

#[test]
fn an_invalid_workbook_exits_65_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    assert_eq!(
        run(jianpai()
            .arg("import")
            .arg(worked_example(dir.path()))
            .arg("--db")
            .arg(&db))
        .0,
        0
    );
    let before = Store::open(&db).unwrap().load().unwrap();

    let bad = invalid_workbook(dir.path());
    let (code, stdout, stderr) = run(jianpai()
        .arg("import")
        .arg(&bad)
        .arg("--json")
        .arg("--db")
        .arg(&db));
    assert_eq!(code, 65, "{stderr}");
    let outcome: Value = serde_json::from_str(&stdout).unwrap();
    assert_valid(&schema("import.schema.json"), &outcome);
    assert_eq!(outcome["written"], false);
    let errors = outcome["errors"].as_array().unwrap();
    assert!(errors.len() >= 2, "all errors at once: {errors:#?}");
    assert!(errors
        .iter()
        .all(|e| e["sheet"] == "工业源清单" && e["row"] == 2));
    assert!(errors.iter().any(|e| e["column"] == "绩效等级"));
    assert!(errors.iter().any(|e| e["column"] == "二氧化硫排放量"));

    let (code, _, stderr) = run(jianpai()
        .arg("import")
        .arg(&bad)
        .arg("--replace")
        .arg("--db")
        .arg(&db));
    assert_eq!(code, 65);
    assert!(stderr.contains("未导入任何数据"), "{stderr}");
    assert_eq!(Store::open(&db).unwrap().load().unwrap(), before);

    let (code, _, _) = run(jianpai().arg("check").arg(&bad).arg("--db").arg(&db));
    assert_eq!(code, 65);
}

/// The worked example with line 1 claiming more SO2 at yellow than it emits (2 t/d).
fn amount_above_emission_workbook(dir: &Path) -> PathBuf {
    let mut wb = Workbook::new();
    let mut header = INDUSTRIAL_HEADER.to_vec();
    header.push(T("黄色预警二氧化硫减排量(t/d)"));
    write_sheet(
        &mut wb,
        "工业源清单",
        &[
            &header,
            &[
                T("甲公司"),
                T("1号线"),
                N(600.0),
                N(900.0),
                N(150.0),
                N(0.0),
                N(300.0),
                T("限产50%"),
                T(""),
                T("停产"),
                T("B"),
                N(2.5),
            ],
        ],
    );
    let path = dir.join("减排量过大.xlsx");
    wb.save(&path).unwrap();
    path
}

#[test]
fn an_amount_above_the_emission_exits_65_and_leaves_the_store_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    let (code, _, stderr) = run(jianpai()
        .arg("import")
        .arg(worked_example(dir.path()))
        .arg("--db")
        .arg(&db));
    assert_eq!(code, 0, "{stderr}");
    let before = Store::open(&db).unwrap().load().unwrap();

    let bad = amount_above_emission_workbook(dir.path());
    for replace in [false, true] {
        let mut cmd = jianpai();
        cmd.arg("import")
            .arg(&bad)
            .arg("--json")
            .arg("--db")
            .arg(&db);
        if replace {
            cmd.arg("--replace");
        }
        let (code, stdout, stderr) = run(&mut cmd);
        assert_eq!(code, 65, "{stderr}");
        let outcome: Value = serde_json::from_str(&stdout).unwrap();
        assert_valid(&schema("import.schema.json"), &outcome);
        assert_eq!(outcome["written"], false);
        let errors = outcome["errors"].as_array().unwrap();
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert_eq!(errors[0]["sheet"], "工业源清单");
        assert_eq!(errors[0]["row"], 2);
        assert_eq!(errors[0]["column"], "黄色预警二氧化硫减排量(t/d)");
        assert_eq!(Store::open(&db).unwrap().load().unwrap(), before);
    }
}

/// A city of two counties with their own baselines: the city passes every level, 乙县
/// falls short at orange and red.
fn two_counties(dir: &Path) -> PathBuf {
    let mut wb = Workbook::new();
    write_sheet(
        &mut wb,
        "总表",
        &[
            &[T("地区"), T("示例市")],
            &[
                T("区县"),
                T("SO2(t/d)"),
                T("NOx(t/d)"),
                T("颗粒物(t/d)"),
                T("VOCs(t/d)"),
            ],
            &[T("甲县"), N(10.0), N(10.0), N(10.0), N(10.0)],
            &[T("乙县"), N(10.0), N(10.0), N(10.0), N(10.0)],
        ],
    );
    let daily = |name: &'static str, county: &'static str, yellow: &'static str| {
        vec![
            T(name),
            T(county),
            N(10.0),
            N(10.0),
            N(10.0),
            N(10.0),
            T(yellow),
        ]
    };
    write_sheet(
        &mut wb,
        "工业源清单",
        &[
            &[
                T("企业名称"),
                T("所属区县"),
                T("SO2日排放量(t/d)"),
                T("NOx日排放量(t/d)"),
                T("颗粒物日排放量(t/d)"),
                T("VOCs日排放量(t/d)"),
                T("黄色预警减排措施"),
            ],
            &daily("甲厂", "甲县", "停产"),
            &daily("乙厂", "乙县", "限产10%"),
        ],
    );
    let path = dir.join("示例市2026.xlsx");
    wb.save(&path).unwrap();
    path
}

#[test]
fn a_county_with_its_own_baseline_that_falls_short_makes_check_exit_3() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run(jianpai()
        .arg("check")
        .arg(two_counties(dir.path()))
        .arg("--json"));
    assert_eq!(code, 3, "乙县 falls short: {stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_valid(&schema("check.schema.json"), &report);
    assert_eq!(report["pass"], true, "the city itself passes");
    assert_eq!(
        report["baseline"],
        json!({"so2": 20.0, "nox": 20.0, "pm": 20.0, "vocs": 20.0}),
        "the counties' sum"
    );
    let counties = report["by_county"].as_array().unwrap();
    assert_eq!(counties[0]["county"], "甲县");
    assert_eq!(
        counties[0]["baseline"],
        json!({"so2": 10.0, "nox": 10.0, "pm": 10.0, "vocs": 10.0})
    );
    assert_eq!(
        counties[0]["coverage"],
        json!({"so2": 1.0, "nox": 1.0, "pm": 1.0, "vocs": 1.0})
    );
    assert_eq!(counties[0]["levels"][2]["pass"]["level"], true);
    let b = &counties[1]["levels"];
    assert_eq!(b[0]["pass"]["level"], true, "乙县 yellow 10 %");
    assert_eq!(b[1]["pass"]["level"], false);
    assert_eq!(
        b[1]["ratio"],
        json!({"so2": 0.1, "nox": 0.1, "pm": 0.1, "vocs": 0.1})
    );
    assert_eq!(b[1]["shortfall"]["pm"], 1.0, "20 % of 10 t/d less 1 t/d");
    assert_eq!(b[2]["shortfall"]["vocs"], 2.0);

    let (code, text, _) = run(jianpai().arg("check").arg(two_counties(dir.path())));
    assert_eq!(code, 3);
    assert!(text.contains("乙县"), "{text}");
}

#[test]
fn a_dry_run_reports_but_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    let book = worked_example(dir.path());
    let (code, stdout, _) = run(jianpai()
        .arg("import")
        .arg(&book)
        .arg("--dry-run")
        .arg("--json")
        .arg("--db")
        .arg(&db));
    assert_eq!(code, 0);
    let outcome: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(outcome["written"], false);
    assert_eq!(outcome["counts"]["industrial_sources"], 2);
    assert!(!db.exists());
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["check", "--frobnicate"],
        vec!["import"],
        vec![
            "baseline", "set", "--so2", "1", "--nox", "1", "--pm", "1", "--vocs", "1",
        ],
        vec![
            "baseline", "set", "--so2", "-1", "--nox", "1", "--pm", "1", "--vocs", "1", "--unit",
            "t/d",
        ],
        vec![
            "baseline", "set", "--so2", "1", "--nox", "1", "--pm", "1", "--vocs", "1", "--unit",
            "kg",
        ],
        vec!["board", "only-a-code"],
        vec![],
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (code, _, _) = run(jianpai()
            .args(&args)
            .arg("--db")
            .arg(dir.path().join("l.sqlite")));
        assert_eq!(code, 2, "{args:?}");
    }
}

#[test]
fn no_baseline_exits_3_with_a_null_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    // An existing, empty store: reading commands refuse a store that does not exist.
    drop(Store::open(&db).unwrap());
    let (code, stdout, _) = run(jianpai().arg("--db").arg(&db).arg("check").arg("--json"));
    assert_eq!(code, 3);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_valid(&schema("check.schema.json"), &report);
    assert_eq!(report["baseline"], Value::Null);
    assert_eq!(report["pass"], false);
    assert!(!report["warnings"].as_array().unwrap().is_empty());
}

#[test]
fn a_store_path_that_is_a_directory_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(jianpai().arg("check").arg("--db").arg(dir.path()));
    assert_eq!(code, 1);
    assert!(stderr.contains("错误"), "{stderr}");
    let (code, _, _) = run(jianpai()
        .arg("import")
        .arg(worked_example(dir.path()))
        .arg("--db")
        .arg(dir.path()));
    assert_eq!(code, 1);
}

#[test]
fn the_environment_names_the_store_and_the_flag_wins() {
    let dir = tempfile::tempdir().unwrap();
    let from_env = dir.path().join("env.sqlite");
    let set = [
        "baseline", "set", "--so2", "7300", "--nox", "3650", "--pm", "1460", "--vocs", "4380",
        "--unit", "t/a",
    ];
    let (code, _, stderr) = run(jianpai().args(set).env("JIANPAI_DB", &from_env));
    assert_eq!(code, 0, "{stderr}");
    let list = Store::open(&from_env).unwrap().load().unwrap();
    assert_eq!(list.baseline.unwrap().amounts.so2, 7300.0);

    let flag = dir.path().join("flag.sqlite");
    drop(Store::open(&flag).unwrap());
    let (code, stdout, _) = run(jianpai()
        .arg("--db")
        .arg(&flag)
        .arg("check")
        .arg("--json")
        .env("JIANPAI_DB", &from_env));
    assert_eq!(code, 3);
    assert_eq!(
        serde_json::from_str::<Value>(&stdout).unwrap()["baseline"],
        Value::Null
    );
    let (_, stdout, _) = run(jianpai()
        .arg("check")
        .arg("--json")
        .env("JIANPAI_DB", &from_env));
    let daily = serde_json::from_str::<Value>(&stdout).unwrap()["baseline"]["so2"].clone();
    assert_eq!(daily, json!(20.0));
}

#[test]
fn review_json_matches_its_schema_and_its_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let book = worked_example(dir.path());
    let (code, stdout, stderr) = run(jianpai().arg("review").arg(&book).arg("--json"));
    let report: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    assert_valid(&schema("review.schema.json"), &report);
    let has_error = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["severity"] == "error");
    assert_eq!(code, if has_error { 3 } else { 0 });
}

#[test]
fn documents_are_written_and_an_unknown_enterprise_exits_65() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    assert_eq!(
        run(jianpai()
            .arg("import")
            .arg(worked_example(dir.path()))
            .arg("--db")
            .arg(&db))
        .0,
        0
    );
    let xlsx = dir.path().join("报送.xlsx");
    let (code, _, stderr) = run(jianpai().arg("export").arg(&xlsx).arg("--db").arg(&db));
    assert_eq!(code, 0, "{stderr}");
    assert!(xlsx.is_file());
    let boards = dir.path().join("公示牌");
    let (code, _, stderr) = run(jianpai()
        .args(["board", "--all"])
        .arg(&boards)
        .arg("--db")
        .arg(&db));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(std::fs::read_dir(&boards).unwrap().count(), 2);
    let plan = dir.path().join("方案.docx");
    let (code, _, stderr) = run(jianpai()
        .arg("plan")
        .arg("91650000MA77ABCD1X")
        .arg(&plan)
        .arg("--db")
        .arg(&db));
    assert_eq!(code, 65, "{stderr}");
    assert!(!plan.exists());
}
