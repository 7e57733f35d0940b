//! The per-county verdicts on 总览 and the rule editor in 设置, in the real window: after
//! importing the sample list whose 汇总表 gives its 产业集聚区 its own whole-society baseline,
//! 总览 shows each county's ratios, verdict and shortfall exactly as `jianpai check --json`'s
//! by_county[]; a rule switched off in 设置 drops its findings from 审核, and the command line
//! on the same data file sees it switched off.

use std::path::{Path, PathBuf};
use std::process::Command;

use jianpai_e2e::*;
use serde_json::Value;

const POLLUTANTS: [&str; 4] = ["so2", "nox", "pm", "vocs"];

/// The committed sample with county baselines (模板乙).
fn multi_county_sample() -> PathBuf {
    sample_lists()
        .into_iter()
        .find(|p| p.to_string_lossy().contains("模板乙"))
        .expect("sample-lists/淇河县-2026-模板乙.xlsx is committed")
}

/// Runs the CLI on `db` with `args` and parses its JSON output.
fn cli_json(db: &Path, args: &[&str]) -> Value {
    let cli = std::env::var("JIANPAI_CLI").expect("JIANPAI_CLI is set by tests/e2e/run.sh");
    let out = Command::new(cli)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the jianpai CLI runs");
    assert!(
        matches!(out.status.code(), Some(0) | Some(3)),
        "jianpai {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

/// One county row as compared: county, level, ratios, level passes, shortfall per pollutant.
type CountyRow = (String, String, Vec<f64>, bool, Vec<f64>);

fn county_rows_of_cli(check: &Value) -> Vec<CountyRow> {
    let mut rows = Vec::new();
    for c in check["by_county"].as_array().expect("by_county") {
        if c["baseline"].is_null() {
            continue;
        }
        for l in c["levels"].as_array().unwrap() {
            rows.push((
                c["county"].as_str().unwrap().to_string(),
                l["level"].as_str().unwrap().to_string(),
                POLLUTANTS
                    .iter()
                    .map(|p| l["ratio"][p].as_f64().unwrap())
                    .collect(),
                l["pass"]["level"].as_bool().unwrap(),
                POLLUTANTS
                    .iter()
                    .map(|p| {
                        let v = l["shortfall"][p].as_f64().unwrap();
                        // The page lists only what is missing (more than 1e-9 t/d).
                        if v > 1e-9 {
                            v
                        } else {
                            0.0
                        }
                    })
                    .collect(),
            ));
        }
    }
    rows
}

async fn county_rows_of_page(app: &App) -> Vec<CountyRow> {
    let v = app
        .js("return [...document.querySelectorAll('[data-test=county-verdicts] tr[data-county]')].map(r => [
               r.dataset.county, r.dataset.level,
               ['so2','nox','pm','vocs'].map(p => Number(r.querySelector(`td[data-ratio=${p}]`).dataset.value)),
               r.querySelector('[data-pass]').dataset.pass === 'true',
               ['so2','nox','pm','vocs'].map(p => { const s = r.querySelector(`[data-short=${p}]`); return s ? Number(s.dataset.value) : 0 }),
             ])")
        .await;
    v.as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            let nums = |x: &Value| {
                x.as_array()
                    .unwrap()
                    .iter()
                    .map(|n| n.as_f64().unwrap())
                    .collect()
            };
            (
                r[0].as_str().unwrap().to_string(),
                r[1].as_str().unwrap().to_string(),
                nums(&r[2]),
                r[3].as_bool().unwrap(),
                nums(&r[4]),
            )
        })
        .collect()
}

async fn review_total(app: &App) -> usize {
    let summary = app.wait("[data-test=review-summary]").await;
    let text = summary.text().await.unwrap_or_default();
    let digits: String = text
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("summary {text:?}"))
}

#[tokio::test]
async fn county_verdicts_and_rule_settings_follow_the_core() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    let workbook = multi_county_sample();

    let app = App::start(&db).await;
    app.import(&workbook).await;
    app.menu("overview").await;
    app.wait("[data-test=county-verdicts] tr[data-county]")
        .await;
    let page = county_rows_of_page(&app).await;
    let cli = county_rows_of_cli(&cli_check(Some(&db), None));
    assert!(
        cli.len() >= 6,
        "two counties with their own baseline: {cli:?}"
    );
    assert_eq!(page.len(), cli.len(), "page {page:?}\nCLI {cli:?}");
    for (p, c) in page.iter().zip(&cli) {
        assert_eq!(
            (&p.0, &p.1, p.3),
            (&c.0, &c.1, c.3),
            "page {p:?}, CLI {c:?}"
        );
        for (x, y) in p.2.iter().chain(&p.4).zip(c.2.iter().chain(&c.4)) {
            assert!((x - y).abs() < 1e-12, "page {p:?}, CLI {c:?}");
        }
    }
    assert!(cli.iter().any(|c| !c.3), "the 产业集聚区 fails: {cli:?}");
    app.screenshot("30-overview-county-verdicts").await;

    // 审核 lists the site-earthworks finding; switched off in 设置 it is gone.
    const RULE: &str = "site-earthworks";
    let review = cli_json(&db, &["review", "--json"]);
    let of_rule = review["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == RULE)
        .count();
    assert!(of_rule > 0, "the sample plants a {RULE} fault");
    app.menu("review").await;
    let total = review["findings"].as_array().unwrap().len();
    app.until("审核 lists every finding of the CLI's review", || async {
        review_total(&app).await == total
    })
    .await;

    app.menu("settings").await;
    let switch = format!("[data-test=rules-panel] tr[data-rule={RULE}] [data-test=rule-enabled]");
    app.click(&switch).await;
    let off = format!(
        "return !document.querySelector('{switch}').classList.contains('is-checked') && !document.querySelector('[data-test=rules-reset-all]').disabled"
    );
    app.until("the switch is off and saved", || async {
        app.js(&off).await.as_bool() == Some(true)
    })
    .await;
    app.screenshot("31-settings-rule-off").await;

    let rules = cli_json(&db, &["rules", "--json"]);
    let rule = rules
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == RULE)
        .expect("the rule is listed");
    assert_eq!(rule["enabled"], false, "{rule}");

    app.menu("review").await;
    app.until("审核 drops the rule's findings", || async {
        review_total(&app).await == total - of_rule
    })
    .await;
    app.screenshot("32-review-without-rule").await;
    app.quit().await;
}
