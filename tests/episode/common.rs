//! A small county list every episode test uses, the CLI runner and a dump of the store.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use jianpai::model::{
    Contact, Enterprise, Fleet, Grade, List, Measure, PerLevel, PerPollutant, Site, Source,
};
use jianpai::store::{ImportMode, Store};
use serde_json::Value;

pub fn measure(text: &str) -> Measure {
    Measure {
        text: text.into(),
        ..Default::default()
    }
}

/// A line emitting `daily` t/d (SO2, NOx, PM, VOCs) with the three levels' measure texts.
pub fn line(name: &str, daily: [f64; 4], levels: [&str; 3]) -> Source {
    Source {
        name: name.into(),
        days: Some(300.0),
        daily: PerPollutant {
            so2: Some(daily[0]),
            nox: Some(daily[1]),
            pm: Some(daily[2]),
            vocs: Some(daily[3]),
        },
        measures: PerLevel {
            yellow: measure(levels[0]),
            orange: measure(levels[1]),
            red: measure(levels[2]),
        },
        ..Default::default()
    }
}

fn enterprise(
    name: &str,
    code: &str,
    town: &str,
    grade: Grade,
    sources: Vec<Source>,
) -> Enterprise {
    Enterprise {
        name: name.into(),
        code: code.into(),
        county: "示例县".into(),
        town: town.into(),
        grade: Some(grade),
        responsible: Contact {
            name: format!("{name}责任人"),
            phone: "13800000000".into(),
        },
        sources,
        ..Default::default()
    }
}

pub const C1: &str = "91410500000000001A";
pub const C2: &str = "91410500000000002B";
pub const C3: &str = "91410500000000003C";
pub const C4: &str = "91410500000000004D";
pub const C5: &str = "91410500000000005E";
pub const C6: &str = "91410500000000006F";
pub const C7: &str = "91410500000000007G";
pub const SITE: &str = "一号工地";

/// Five working enterprises, one 长期停产, a fleet of the first and a fleet of its own, a site.
///
/// - 甲钢铁 (C1) D grade, stops at every level; normal use 10000 kWh via account P001.
/// - 乙化工 (C2) B, 保障类, 4 t/d, limits 30 % / 50 %; normal 20000 via P002.
/// - 丙建材 (C3) C, 2 t/d, limits 20 % (orange blank: inherits); normal 5000, stated caps
///   4500 / 4000; no account (matched by code).
/// - 丁家具 (C4) A, 自主减排; no normal use (无法核查).
/// - 戊厂 (C5) 长期停产.
/// - 己印刷 (C6) B, stops; normal 8000, matched by name.
pub fn county_list() -> List {
    let mut e1 = enterprise(
        "甲钢铁",
        C1,
        "城关镇",
        Grade::D,
        vec![line(
            "1#烧结",
            [1.0, 1.0, 0.5, 0.0],
            ["停产", "停产", "停产"],
        )],
    );
    e1.power_account = "P001".into();
    e1.normal_daily_kwh = Some(10000.0);
    let mut e2 = enterprise(
        "乙化工",
        C2,
        "城关镇",
        Grade::B,
        vec![line(
            "反应釜",
            [1.0, 1.0, 0.0, 2.0],
            ["限产30%", "限产50%", "停产"],
        )],
    );
    e2.guarantee = true;
    e2.power_account = "P002".into();
    e2.normal_daily_kwh = Some(20000.0);
    let mut e3 = enterprise(
        "丙建材",
        C3,
        "南乡",
        Grade::C,
        vec![line("窑炉", [0.5, 1.0, 0.5, 0.0], ["限产20%", "", "停产"])],
    );
    e3.normal_daily_kwh = Some(5000.0);
    e3.daily_kwh_cap = PerLevel {
        yellow: Some(4500.0),
        orange: Some(4000.0),
        red: None,
    };
    let e4 = enterprise(
        "丁家具",
        C4,
        "南乡",
        Grade::A,
        vec![line(
            "喷涂",
            [0.0, 0.0, 0.0, 0.5],
            ["自主减排", "自主减排", "自主减排"],
        )],
    );
    let mut e5 = enterprise(
        "戊厂",
        C5,
        "南乡",
        Grade::C,
        vec![line("旧线", [1.0, 0.0, 0.0, 0.0], ["停产", "停产", "停产"])],
    );
    e5.shut_down = true;
    e5.grade = None;
    let mut e6 = enterprise(
        "己印刷",
        C6,
        "",
        Grade::B,
        vec![line(
            "印刷机",
            [0.0, 0.0, 0.0, 1.0],
            ["停产", "停产", "停产"],
        )],
    );
    e6.normal_daily_kwh = Some(8000.0);
    List {
        area: "示例县".into(),
        year: Some(2025),
        enterprises: vec![e1, e2, e3, e4, e5, e6],
        fleets: vec![
            Fleet {
                name: "甲钢铁".into(),
                code: C1.into(),
                county: "示例县".into(),
                source: line("运输", [0.0, 0.2, 0.0, 0.0], ["国四及以下车辆停运", "", ""]),
                ..Default::default()
            },
            Fleet {
                name: "庚物流".into(),
                code: C7.into(),
                county: "示例县".into(),
                source: line("运输", [0.0, 0.3, 0.0, 0.0], ["减少运输50%", "", ""]),
                ..Default::default()
            },
        ],
        sites: vec![Site {
            name: SITE.into(),
            county: "示例县".into(),
            responsible: Contact {
                name: "工地责任人".into(),
                phone: "13900000000".into(),
            },
            source: line(
                "施工",
                [0.0, 0.0, 0.2, 0.0],
                ["停止土石方作业", "停工", "停工"],
            ),
            ..Default::default()
        }],
        ..Default::default()
    }
}

/// A data file holding [`county_list`].
pub fn county_store(dir: &Path) -> PathBuf {
    let db = dir.join("list.sqlite");
    let mut store = Store::open(&db).unwrap();
    store.import(&county_list(), ImportMode::Replace).unwrap();
    db
}

/// `jianpai --db DB args…`
pub fn run(db: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    let mut cmd = Command::cargo_bin("jianpai").unwrap();
    cmd.env_remove("JIANPAI_DB").arg("--db").arg(db).args(args);
    cmd.assert()
}

/// Runs a command that must succeed with JSON on stdout.
pub fn json(db: &Path, args: &[&str]) -> Value {
    let out = run(db, args).success().get_output().stdout.clone();
    serde_json::from_slice(&out).unwrap_or_else(|e| {
        panic!(
            "{args:?}: not JSON ({e}): {}",
            String::from_utf8_lossy(&out)
        )
    })
}

/// Every row of every table, as text: two equal dumps mean nothing was written.
pub fn dump(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out = String::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            out.push_str(&t);
            for i in 0..n {
                let v: rusqlite::types::Value = r.get(i).unwrap();
                out.push_str(&format!("|{v:?}"));
            }
            out.push('\n');
        }
    }
    out
}

/// Checks `value` against `schemas/NAME.schema.json`.
pub fn valid(name: &str, value: &Value) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schemas")
        .join(format!("{name}.schema.json"));
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:?}");
}
