//! Helpers of the end-to-end tests: a session of the real app (through tauri-driver, which
//! `run.sh` starts under Xvfb), waiting for and reading elements, screenshots, the list
//! workbooks the tests import, and the `jianpai` CLI whose answers the app must match.
//!
//! Environment (set by `run.sh`): `TAURI_DRIVER_URL`, `JIANPAI_APP` (the app binary),
//! `JIANPAI_CLI` (the CLI binary), `E2E_ARTIFACTS` (screenshot folder).

use jianpai::model::{
    Baseline, BaselineUnit, Enterprise, EnterpriseClass, Grade, List, PerPollutant, Source,
};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;
use thirtyfour::Capabilities;

/// How long to wait for something to appear before failing.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// A step of the harness itself (a session, a quit, a screenshot) slower than this is
/// reported on stderr (shown by `run.sh`), so a slow CI log says which step the time went to.
const SLOW_STEP: Duration = Duration::from_secs(3);

/// Reports `step` when it took longer than [`SLOW_STEP`].
fn report_if_slow(step: &str, started: Instant) {
    let took = started.elapsed();
    if took > SLOW_STEP {
        eprintln!("慢步骤：{step} 用了 {:.1} 秒", took.as_secs_f64());
    }
}

fn env_path(name: &str) -> PathBuf {
    PathBuf::from(
        std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set: run tests/e2e/run.sh")),
    )
}

/// A running app on its own data file. Dropping it without [`App::quit`] (a failed
/// assertion) still ends the session, so the next test can start one.
pub struct App {
    /// The WebDriver session.
    pub driver: WebDriver,
    url: String,
    quitted: bool,
}

impl Drop for App {
    fn drop(&mut self) {
        if self.quitted {
            return;
        }
        // A plain HTTP DELETE: the async client cannot run inside drop during a panic.
        use std::io::{Read, Write};
        let session = self.driver.session_id().to_string();
        let hostport = self
            .url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        if let Ok(mut conn) = std::net::TcpStream::connect(&hostport) {
            let _ = conn.set_read_timeout(Some(Duration::from_secs(10)));
            let _ = write!(
                conn,
                "DELETE /session/{session} HTTP/1.1\r\nHost: {hostport}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            let mut answer = Vec::new();
            let _ = conn.read_to_end(&mut answer);
        }
    }
}

impl App {
    /// Starts the app with `--db db`.
    pub async fn start(db: &Path) -> App {
        let url =
            std::env::var("TAURI_DRIVER_URL").expect("TAURI_DRIVER_URL: run tests/e2e/run.sh");
        let mut caps = Capabilities::new();
        caps.set("browserName", "wry").expect("capability");
        caps.set(
            "tauri:options",
            json!({
                "application": env_path("JIANPAI_APP"),
                "args": ["--db", db],
            }),
        )
        .expect("capability");
        // On a saturated machine the driver may still be closing the previous test's app
        // when the next session is asked for: retry within the patience, then fail.
        let started = Instant::now();
        let driver = loop {
            match WebDriver::new(&url, caps.clone()).await {
                Ok(driver) => break driver,
                Err(e) if started.elapsed() < PATIENCE => {
                    eprintln!("新会话未能建立，稍后重试：{e}");
                    tokio::time::sleep(Duration::from_secs(2)).await;
                }
                Err(e) => panic!("a session of the app: {e:?}"),
            }
        };
        report_if_slow("建立会话（启动程序）", started);
        // A screenshot waits two animation frames; a page that paints no frames must not
        // hold it for WebDriver's default 30 s script timeout.
        driver
            .set_script_timeout(Duration::from_secs(5))
            .await
            .expect("script timeout");
        let app = App {
            driver,
            url,
            quitted: false,
        };
        let shown = Instant::now();
        app.wait("[data-menu=overview]").await;
        report_if_slow("等待首屏", shown);
        app
    }

    /// Ends the session (the app exits).
    pub async fn quit(mut self) {
        self.quitted = true;
        let started = Instant::now();
        self.driver.clone().quit().await.expect("app quits");
        report_if_slow("结束会话（程序退出）", started);
    }

    /// The first element matching `css`, waiting for it to appear.
    pub async fn wait(&self, css: &str) -> WebElement {
        let started = Instant::now();
        loop {
            if let Ok(found) = self.driver.find_all(By::Css(css)).await {
                for e in found {
                    if e.is_displayed().await.unwrap_or(false) {
                        return e;
                    }
                }
            }
            if started.elapsed() > PATIENCE {
                self.screenshot(&format!(
                    "timeout-{}",
                    css.replace(|c: char| !c.is_ascii_alphanumeric(), "_")
                ))
                .await;
                panic!("{css} did not appear within {PATIENCE:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until `check` holds for the page (polled), failing after [`PATIENCE`].
    pub async fn until<F, Fut>(&self, what: &str, mut check: F)
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        let started = Instant::now();
        while !check().await {
            if started.elapsed() > PATIENCE {
                self.screenshot(&format!("timeout-{what}")).await;
                panic!("{what}: not within {PATIENCE:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The first element matching `css` that can take a click or keys now: displayed,
    /// enabled, scrolled into view and not covered by another element at its centre (a
    /// closing dialog's mask, a loading overlay, a row still being laid out). Waits up to
    /// [`PATIENCE`]. On a loaded machine an element often exists well before it can be used:
    /// waiting only for it to exist gave "element not interactable".
    pub async fn interactable(&self, css: &str) -> WebElement {
        let started = Instant::now();
        loop {
            if let Ok(found) = self.driver.find_all(By::Css(css)).await {
                for e in found {
                    if self.usable(&e).await {
                        return e;
                    }
                }
            }
            if started.elapsed() > PATIENCE {
                self.screenshot(&format!(
                    "not-interactable-{}",
                    css.replace(|c: char| !c.is_ascii_alphanumeric(), "_")
                ))
                .await;
                panic!("{css} did not become displayed, enabled and uncovered within {PATIENCE:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Displayed, enabled, and the topmost element at its centre is itself or inside it.
    async fn usable(&self, e: &WebElement) -> bool {
        if !e.is_displayed().await.unwrap_or(false) || !e.is_enabled().await.unwrap_or(false) {
            return false;
        }
        let Ok(arg) = e.to_json() else {
            return false;
        };
        const UNCOVERED: &str = "const el = arguments[0];
            el.scrollIntoView({block: 'center', inline: 'center'});
            const r = el.getBoundingClientRect();
            if (r.width === 0 || r.height === 0) return false;
            const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return top !== null && (top === el || el.contains(top) || top.contains(el));";
        self.driver
            .execute(UNCOVERED, vec![arg])
            .await
            .map(|ret| ret.json().as_bool().unwrap_or(false))
            .unwrap_or(false)
    }

    /// Runs `act` on the element matching `css` once it is interactable, retrying (with a
    /// fresh lookup) when the driver still answers "not interactable", "click intercepted"
    /// or "stale element" — the page moved between the check and the action — until
    /// [`PATIENCE`] is spent.
    async fn act<F, Fut>(&self, css: &str, what: &str, mut act: F) -> WebElement
    where
        F: FnMut(WebElement) -> Fut,
        Fut: std::future::Future<Output = WebDriverResult<()>>,
    {
        let started = Instant::now();
        loop {
            let e = self.interactable(css).await;
            match act(e.clone()).await {
                Ok(()) => return e,
                Err(err) if started.elapsed() < PATIENCE && retryable(&err) => {
                    tokio::time::sleep(Duration::from_millis(150)).await;
                }
                Err(err) => {
                    self.screenshot(&format!(
                        "failed-{what}-{}",
                        css.replace(|c: char| !c.is_ascii_alphanumeric(), "_")
                    ))
                    .await;
                    panic!("{what} on {css}: {err}");
                }
            }
        }
    }

    /// Opens a screen from the left menu.
    pub async fn menu(&self, key: &str) {
        self.click(&format!("[data-menu={key}]")).await;
    }

    /// Replaces the text of the input inside `css` and leaves the field (fires `change`).
    pub async fn type_into(&self, css: &str, text: &str) {
        // Element Plus puts extra attributes on the native <input> itself.
        let field = format!("input{css}, textarea{css}, {css} input, {css} textarea");
        // Focus, select all and overwrite, so the field sees one change; all of it is retried
        // while the field is still being laid out.
        self.act(&field, "type", |input| async move {
            input.click().await?;
            input.send_keys(Key::Control + "a").await?;
            input.send_keys(text).await?;
            input.send_keys(Key::Tab).await
        })
        .await;
    }

    /// Clicks the element matching `css` once it is displayed, enabled and not covered.
    pub async fn click(&self, css: &str) {
        self.act(css, "click", |e| async move { e.click().await })
            .await;
    }

    /// Runs a script and returns its value.
    pub async fn js(&self, script: &str) -> Value {
        self.driver
            .execute(script, Vec::new())
            .await
            .expect("script")
            .json()
            .clone()
    }

    /// Saves a screenshot under `E2E_ARTIFACTS/<name>.png` after two animation frames (so
    /// it shows the current frame, not the previous one).
    ///
    /// WebKitWebDriver takes the picture at the page's next paint. The app paints without
    /// accelerated compositing (`src-tauri/src/startup.rs`), where a page that has stopped
    /// changing paints nothing more, so the screenshot of a still screen waited until some
    /// unrelated repaint — minutes on CI. While the picture is taken, a one-pixel mark in the
    /// bottom-right corner changes its shade (1–2 % grey) every 50 ms, so a paint always comes.
    pub async fn screenshot(&self, name: &str) {
        const KEEP_PAINTING: &str = "const done = arguments[arguments.length - 1];
            let mark = document.getElementById('e2e-paint');
            if (!mark) {
              mark = document.createElement('div');
              mark.id = 'e2e-paint';
              mark.style.cssText = 'position:fixed;right:0;bottom:0;width:1px;height:1px;pointer-events:none;z-index:2147483647';
              document.body.appendChild(mark);
            }
            let dark = false;
            clearInterval(window.__e2ePaint);
            window.__e2ePaint = setInterval(() => {
              dark = !dark;
              mark.style.background = dark ? 'rgba(0,0,0,0.02)' : 'rgba(0,0,0,0.01)';
            }, 50);
            requestAnimationFrame(() => requestAnimationFrame(() => done(true)));";
        const STOP_PAINTING: &str = "clearInterval(window.__e2ePaint);
            document.getElementById('e2e-paint')?.remove();";
        let started = Instant::now();
        let _ = self.driver.execute_async(KEEP_PAINTING, Vec::new()).await;
        let dir = std::env::var("E2E_ARTIFACTS")
            .map(PathBuf::from)
            .unwrap_or_else(|_| PathBuf::from("artifacts/e2e"));
        let _ = std::fs::create_dir_all(&dir);
        let _ = self
            .driver
            .screenshot(&dir.join(format!("{name}.png")))
            .await;
        let _ = self.driver.execute(STOP_PAINTING, Vec::new()).await;
        report_if_slow(&format!("截图 {name}"), started);
    }

    /// The 总览's ratios and verdicts as the page shows them: for each level,
    /// `(ratios so2/nox/pm/vocs (None without a baseline), level passes)`.
    pub async fn overview_numbers(&self) -> Vec<(Vec<Option<f64>>, bool)> {
        self.menu("overview").await;
        self.wait("[data-test=levels]").await;
        let v = self
            .js("return ['yellow','orange','red'].map(l => {
                   const row = document.querySelector(`[data-test=levels] tr[data-level=${l}]`);
                   const ratios = ['so2','nox','pm','vocs'].map(p => {
                     const v = row.querySelector(`td[data-ratio=${p}]`).dataset.value;
                     return v === '' ? null : Number(v);
                   });
                   return [ratios, row.querySelector('[data-pass]').dataset.pass === 'true'];
                 });")
            .await;
        v.as_array()
            .expect("three levels")
            .iter()
            .map(|l| {
                let ratios = l[0].as_array().unwrap().iter().map(Value::as_f64).collect();
                (ratios, l[1].as_bool().unwrap())
            })
            .collect()
    }

    /// Imports `workbook` through the 导入 screen (dry run, then import).
    pub async fn import(&self, workbook: &Path) {
        self.menu("import").await;
        self.type_into("[data-test=import-path]", &workbook.display().to_string())
            .await;
        self.click("[data-test=dry-run]").await;
        self.wait("[data-test=preview]").await;
        self.click("[data-test=commit]").await;
        self.wait("[data-test=levels]").await;
    }
}

/// Whether a WebDriver error means "try again in a moment": the element was found but the
/// page was not ready for it.
fn retryable(err: &WebDriverError) -> bool {
    let text = err.to_string().to_lowercase();
    [
        "not interactable",
        "intercepted",
        "stale element",
        "not clickable",
        "obscures",
    ]
    .iter()
    .any(|w| text.contains(w))
}

/// The same numbers from `jianpai check --json` (run on a file or, with `db`, a store).
pub fn cli_numbers(json: &Value) -> Vec<(Vec<Option<f64>>, bool)> {
    json["levels"]
        .as_array()
        .expect("levels")
        .iter()
        .map(|l| {
            let ratios = ["so2", "nox", "pm", "vocs"]
                .iter()
                .map(|p| l["ratio"][p].as_f64())
                .collect();
            (ratios, l["pass"]["level"].as_bool().unwrap())
        })
        .collect()
}

/// Runs `jianpai [--db DB] check [FILE] --json` and parses its output.
pub fn cli_check(db: Option<&Path>, file: Option<&Path>) -> Value {
    let mut cmd = std::process::Command::new(env_path("JIANPAI_CLI"));
    if let Some(db) = db {
        cmd.arg("--db").arg(db);
    }
    cmd.arg("check");
    if let Some(f) = file {
        cmd.arg(f);
    }
    let out = cmd.arg("--json").output().expect("the jianpai CLI runs");
    assert!(
        matches!(out.status.code(), Some(0) | Some(3)),
        "jianpai check failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("check --json prints JSON")
}

/// Ratios equal to the last bit the JSON carries (both come from the same engine).
pub fn assert_same(app: &[(Vec<Option<f64>>, bool)], cli: &[(Vec<Option<f64>>, bool)]) {
    assert_eq!(app.len(), 3);
    for (a, c) in app.iter().zip(cli) {
        assert_eq!(a.1, c.1, "level verdicts differ: app {app:?}, CLI {cli:?}");
        for (x, y) in a.0.iter().zip(&c.0) {
            match (x, y) {
                (Some(x), Some(y)) => assert!((x - y).abs() < 1e-12, "ratio {x} ≠ {y}"),
                (None, None) => {}
                _ => panic!("ratios differ: app {app:?}, CLI {cli:?}"),
            }
        }
    }
}

fn line(name: &str, annual: [f64; 4], days: f64, measures: [&str; 3]) -> Source {
    let mut s = Source {
        name: name.into(),
        days: Some(days),
        ..Source::default()
    };
    s.annual = PerPollutant {
        so2: Some(annual[0]),
        nox: Some(annual[1]),
        pm: Some(annual[2]),
        vocs: Some(annual[3]),
    };
    s.measures.yellow.text = measures[0].into();
    s.measures.orange.text = measures[1].into();
    s.measures.red.text = measures[2].into();
    s
}

/// A small list in the canonical layout: the worked example of `docs/method.md` plus
/// two more enterprises in a second county.
pub fn fixture_list() -> List {
    let e = |name: &str, code: &str, county: &str, industry: &str, sources| Enterprise {
        name: name.into(),
        code: code.into(),
        county: county.into(),
        industry: industry.into(),
        grade: Some(Grade::B),
        class: Some(EnterpriseClass::Key),
        sources,
        ..Enterprise::default()
    };
    List {
        area: "示例县".into(),
        year: Some(2026),
        baseline: Some(Baseline {
            amounts: PerPollutant {
                so2: 20.0,
                nox: 10.0,
                pm: 4.0,
                vocs: 12.0,
            },
            unit: BaselineUnit::PerDay,
        }),
        enterprises: vec![
            e(
                "示例水泥有限公司",
                "91110000802100433B",
                "东城区",
                "水泥",
                vec![line(
                    "1号熟料线",
                    [600.0, 900.0, 150.0, 0.0],
                    300.0,
                    ["限产50%", "", "停产"],
                )],
            ),
            e(
                "示例包装印刷有限公司",
                "91310000MA1FL4B24G",
                "东城区",
                "包装印刷",
                vec![line(
                    "印刷车间",
                    [0.0, 0.0, 60.0, 900.0],
                    300.0,
                    ["停产", "", ""],
                )],
            ),
            e(
                "示例砖瓦厂",
                "",
                "西城区",
                "砖瓦窑",
                vec![
                    line(
                        "隧道窑",
                        [120.0, 240.0, 30.0, 0.0],
                        300.0,
                        ["限产30%", "限产50%", "停产"],
                    ),
                    line("破碎工序", [0.0, 0.0, 12.0, 0.0], 300.0, ["停产", "", ""]),
                ],
            ),
        ],
        ..List::default()
    }
}

/// Writes the fixture list as a canonical workbook (the core's own exporter, which the
/// importer reads back) and returns its path.
pub fn fixture_workbook(dir: &Path) -> PathBuf {
    let path = dir.join("示例县2026减排清单.xlsx");
    jianpai::export::write_submission(&fixture_list(), &path).expect("fixture workbook");
    path
}

/// A workbook the importer must refuse: an industrial sheet with a negative emission and a
/// 18-character code with an illegal letter.
pub fn bad_workbook(dir: &Path) -> PathBuf {
    use rust_xlsxwriter::Workbook;
    let path = dir.join("有错误的清单.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("工业源清单").unwrap();
    let header = [
        "所属区县",
        "企业名称",
        "统一社会信用代码",
        "生产线名称",
        "年生产天数",
        "二氧化硫排放量(t/a)",
        "黄色预警减排措施",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write(0, c as u16, *h).unwrap();
    }
    ws.write(1, 0, "东城区").unwrap();
    ws.write(1, 1, "有问题的企业").unwrap();
    ws.write(1, 2, "91110000802100433I").unwrap();
    ws.write(1, 3, "1号线").unwrap();
    ws.write(1, 4, 300).unwrap();
    ws.write(1, 5, -5).unwrap();
    ws.write(1, 6, "停产").unwrap();
    wb.save(&path).unwrap();
    path
}

/// The sample lists of the repository (`sample-lists/*.xlsx`), if any.
pub fn sample_lists() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-lists");
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}
