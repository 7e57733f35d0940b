//! The window at county and city size (issue 15, item 3): a data file with 20,000 enterprises
//! and 60,000 industrial sources, opened in the real app, and what a user feels of it
//! measured in the page and printed:
//!
//! - cold start: from starting the app to the 总览's levels table showing numbers (≤ 2 s);
//! - scrolling the 工业源 grid from top to bottom, two screens per frame: frame times from
//!   `requestAnimationFrame`, p50 / p95 / max (p95 ≤ 33 ms);
//! - typing a filter into the grid's search box: each keystroke's input event to the frame
//!   that shows the updated grid (≤ 150 ms);
//! - editing one measure's share: the change event to the enterprise page showing the new
//!   reduction, which arrives in the same answer as the recomputed 总览 (≤ 100 ms); the 总览
//!   is then checked to show the new ratio;
//! - resident memory (VmRSS, and PSS, which does not count shared pages twice) of the app and
//!   every process under it (WebKitWebProcess, WebKitNetworkProcess), reported only.
//!
//! Part of the default suite (CI runs it on the release build, after the package test has
//! started the same binary); alone: `JIANPAI_E2E_RELEASE=1 tests/e2e/run.sh window`.
//!
//! Each figure is printed and appended as one line to `artifacts/e2e/window-budgets.txt`.
//! **The time budgets are asserted only with `JIANPAI_E2E_RELEASE=1`** (the release build,
//! as CI runs it), and not under `tests/e2e/saturated.sh` (`JIANPAI_E2E_SATURATED`): a debug
//! build of the app, or a machine loaded on purpose, prints the same figures and asserts
//! nothing about time, only that every step happened (the grid reached its last row, the
//! filter changed the row count, the edit changed the 总览).

use jianpai::model::List;
use jianpai::store::{ImportMode, Store};
use jianpai_e2e::*;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

const ENTERPRISES: usize = 20_000;
const SOURCES: usize = 60_000;

/// The budgets of issue 15, in milliseconds.
const COLD_START_MS: f64 = 2000.0;
const SCROLL_P95_MS: f64 = 33.0;
const FILTER_MS: f64 = 150.0;
const EDIT_MS: f64 = 100.0;

/// A county-size list: the benchmark generator's clean enterprises (layout 甲), exactly
/// `enterprises` of them with exactly `sources` lines in all. The generator draws whole
/// enterprises until it has the lines asked for, so enough are drawn, the first
/// `enterprises` kept, and lines trimmed or repeated round the list to the exact count.
fn county_list(enterprises: usize, sources: usize) -> List {
    let mut asked = sources;
    let mut list = loop {
        let list = jianpai_samples::big_list(asked);
        if list.enterprises.len() >= enterprises {
            break list;
        }
        asked = asked * enterprises / list.enterprises.len().max(1) + 1_000;
    };
    list.enterprises.truncate(enterprises);
    let mut total: usize = list.enterprises.iter().map(|e| e.sources.len()).sum();
    let mut i = 0;
    while total > sources {
        let e = &mut list.enterprises[i % enterprises];
        if e.sources.len() > 1 {
            e.sources.pop();
            total -= 1;
        }
        i += 1;
    }
    while total < sources {
        let e = &mut list.enterprises[i % enterprises];
        let mut copy = e.sources[0].clone();
        copy.name = format!("{}#{}", copy.name, e.sources.len() + 1);
        e.sources.push(copy);
        total += 1;
        i += 1;
    }
    list
}

/// Milliseconds with one decimal, as printed.
fn ms(v: f64) -> String {
    format!("{v:.1} ms")
}

/// The `q` quantile (nearest rank) of `v`, sorted in place.
fn quantile(v: &mut [f64], q: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    let rank = ((q * v.len() as f64).ceil() as usize).clamp(1, v.len());
    v[rank - 1]
}

/// Processes as (pid, parent pid, name), from /proc.
fn processes() -> Vec<(u32, u32, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // "pid (name) state ppid …": the name may hold spaces and parentheses.
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else {
            continue;
        };
        let name = stat[open + 1..close].to_string();
        let ppid = stat[close + 1..]
            .split_whitespace()
            .nth(1)
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        out.push((pid, ppid, name));
    }
    out
}

/// The app started on `db` (found by its command line) and every process under it.
fn app_process_tree(db: &Path) -> Vec<(u32, String)> {
    let all = processes();
    let db = db.display().to_string();
    let app = all.iter().find(|(pid, _, _)| {
        std::fs::read(format!("/proc/{pid}/cmdline"))
            .map(|c| {
                let args: Vec<String> = c
                    .split(|b| *b == 0)
                    .map(|a| String::from_utf8_lossy(a).into_owned())
                    .collect();
                args.iter().any(|a| a == &db) && args.iter().any(|a| a.ends_with("jianpai-app"))
            })
            .unwrap_or(false)
    });
    let Some(&(root, _, ref name)) = app else {
        return Vec::new();
    };
    let mut tree = vec![(root, name.clone())];
    let mut i = 0;
    while i < tree.len() {
        let parent = tree[i].0;
        tree.extend(
            all.iter()
                .filter(|(_, ppid, _)| *ppid == parent)
                .map(|(pid, _, name)| (*pid, name.clone())),
        );
        i += 1;
    }
    tree
}

/// A `kB` field of a /proc file (VmRSS of `status`, Pss of `smaps_rollup`), in MiB.
fn proc_mib(pid: u32, file: &str, field: &str) -> Option<f64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/{file}")).ok()?;
    let line = text.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line[field.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

/// Appends one line to `artifacts/e2e/window-budgets.txt`.
fn record(line: &str) {
    use std::io::Write;
    let dir = std::env::var("E2E_ARTIFACTS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| "artifacts/e2e".into());
    let _ = std::fs::create_dir_all(&dir);
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("window-budgets.txt"))
        .expect("window-budgets.txt opens");
    writeln!(f, "{line}").expect("window-budgets.txt written");
}

fn f64_of(v: &Value, key: &str) -> f64 {
    v[key]
        .as_f64()
        .unwrap_or_else(|| panic!("{key} missing in {v}"))
}

/// Runs an asynchronous script (its last argument is the callback) and returns its value.
async fn js_async(app: &App, script: &str) -> Value {
    app.driver
        .execute_async(script, Vec::new())
        .await
        .expect("script")
        .json()
        .clone()
}

/// Runs `script` until it returns something other than null, and returns that.
async fn poll(app: &App, script: &str, what: &str) -> Value {
    let started = Instant::now();
    loop {
        let v = app.js(script).await;
        if !v.is_null() {
            return v;
        }
        if started.elapsed() > PATIENCE {
            app.screenshot(&format!("timeout-{}", what.replace(' ', "-")))
                .await;
            panic!("{what}: not within {PATIENCE:?}");
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Scrolls the 工业源 grid from top to bottom, two screens per animation frame, and returns
/// the frame intervals with where the scroll ended.
const SCROLL_SCRIPT: &str = r#"
const done = arguments[arguments.length - 1];
const grid = document.querySelector('[data-test=grid]');
const box = [...grid.querySelectorAll('*')]
  .filter((e) => e.scrollHeight > e.clientHeight + 100)
  .sort((a, b) => b.scrollHeight - a.scrollHeight)[0];
box.scrollTop = 0;
const step = 2 * box.clientHeight;
const frames = [];
let last = null;
const started = performance.now();
function tick(t) {
  if (last !== null) frames.push(t - last);
  last = t;
  const atEnd = box.scrollTop + box.clientHeight >= box.scrollHeight - 1;
  if (atEnd || performance.now() - started > 100000) {
    // Two more frames so the last screen is rendered, then read its rows.
    requestAnimationFrame(() => requestAnimationFrame(() => {
      const rows = [...grid.querySelectorAll('[data-test=grid-row]')];
      done({ frames, atEnd, scrollHeight: box.scrollHeight, rows: rows.length,
             lastRow: rows.length ? rows[rows.length - 1].innerText : '' });
    }));
    return;
  }
  box.scrollTop += step;
  requestAnimationFrame(tick);
}
requestAnimationFrame(tick);
"#;

/// Frame intervals of a page where nothing changes: 60 animation frames, p50 and max — the
/// floor any animation on this display can reach.
const IDLE_FRAMES: &str = r#"
const done = arguments[arguments.length - 1];
const frames = [];
let last = null;
function tick(t) {
  if (last !== null) frames.push(t - last);
  last = t;
  if (frames.length < 60) requestAnimationFrame(tick);
  else { frames.sort((a, b) => a - b); done({ p50: frames[30], max: frames[59] }); }
}
requestAnimationFrame(tick);
"#;

/// Watches the search box: for each input event, the time to the next frame after it was
/// handled (the grid is re-rendered in the microtasks after the event, before that frame),
/// and the row count then shown.
const FILTER_WATCH: &str = r#"
window.__filter = [];
const input = document.querySelector('[data-test=search] input, input[data-test=search]');
input.addEventListener('input', (ev) => {
  const now = performance.now();
  // The event's own time stamp includes the wait in the queue behind earlier keystrokes.
  const t0 = Math.abs(ev.timeStamp - now) < 60000 ? Math.min(ev.timeStamp, now) : now;
  requestAnimationFrame(() => setTimeout(() => {
    window.__filter.push({ ms: performance.now() - t0,
      count: document.querySelector('[data-test=count]').innerText });
  }, 0));
}, true);
return document.querySelector('[data-test=count]').innerText;
"#;

/// Watches the first line's yellow reduction: the change event of its share field to the
/// frame after the cell shows the saved, recomputed value.
const EDIT_WATCH: &str = r#"
window.__edit = null;
const cell = document.querySelector('[data-effect="0-yellow"]');
const before = cell.innerText;
let t0 = null;
document.addEventListener('change', (ev) => {
  if (t0 === null && ev.target.closest('[data-test="share-0-yellow"]')) t0 = performance.now();
}, true);
new MutationObserver((_, obs) => {
  if (t0 === null || cell.innerText === before) return;
  obs.disconnect();
  requestAnimationFrame(() => setTimeout(() => {
    window.__edit = { ms: performance.now() - t0, t0, shown: cell.innerText };
  }, 0));
}).observe(cell, { childList: true, subtree: true, characterData: true });
return before;
"#;

/// Times command round trips from the page, median of several: an empty command, the report,
/// the enterprise shown, and saving it unchanged — where an edit's time goes besides the core.
const IPC_PROBE: &str = r#"
const done = arguments[arguments.length - 1];
const invoke = window.__TAURI_INTERNALS__.invoke;
const median = (v) => { v.sort((a, b) => a - b); return v[Math.floor(v.length / 2)]; };
async function time(n, f) {
  const v = [];
  for (let i = 0; i < n; i++) { const t = performance.now(); await f(); v.push(performance.now() - t); }
  return Math.round(median(v) * 10) / 10;
}
(async () => {
  const r = {};
  r.check_code = await time(9, () => invoke('check_code', { code: 'x' }));
  r.snapshot = await time(5, () => invoke('snapshot'));
  const rows = await invoke('enterprise_rows');
  const id = rows[Math.floor(rows.length / 2)].id;
  r.enterprise = await time(5, () => invoke('enterprise', { id }));
  const shown = await invoke('enterprise', { id });
  r.save_enterprise = await time(5, () => invoke('save_enterprise', { record: shown.record }));
  r.review_error_count = await time(3, () => invoke('review_error_count'));
  r.enterprise_rows = await time(3, () => invoke('enterprise_rows'));
  done(r);
})().catch((e) => done({ error: String(e) }));
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_county_size_list_stays_within_the_window_budgets() {
    let release = std::env::var("JIANPAI_E2E_RELEASE").as_deref() == Ok("1");
    let build = if release { "release" } else { "debug" };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("county.sqlite");
    let list = county_list(ENTERPRISES, SOURCES);
    let probe = list.enterprises[ENTERPRISES / 2].code.clone();
    Store::open(&db)
        .expect("data file")
        .import(&list, ImportMode::Replace)
        .expect("the county list is stored");
    drop(list);
    let mut lines: Vec<String> = Vec::new();
    let mut say = |label: &str, value: String| {
        println!("{label}: {value}");
        lines.push(format!("{label}={value}"));
    };

    // — Cold start: the app process starts and the 总览 shows the red SO2 ratio. —
    let started = Instant::now();
    let app = App::start(&db).await;
    let page_ms = loop {
        let v = app
            .js("const c = document.querySelector('[data-test=levels] tr[data-level=red] td[data-ratio=so2]');
                 return c && c.dataset.value !== '' ? performance.now() : null;")
            .await;
        if let Some(t) = v.as_f64() {
            break t;
        }
        assert!(
            started.elapsed() < PATIENCE,
            "the 总览 shows no numbers within {PATIENCE:?}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    };
    let cold = started.elapsed().as_secs_f64() * 1000.0;
    say("冷启动到总览显示数字 cold start to 总览", ms(cold));
    say("其中页面加载后 of which in the page", ms(page_ms));
    let marks = app
        .js("const n = performance.getEntriesByType('navigation')[0];
             const at = (name) => { const m = performance.getEntriesByName(name)[0]; return m ? m.startTime : null; };
             return { html: n ? n.responseEnd : null, dom: n ? n.domContentLoadedEventEnd : null,
                      bundle: at('jianpai:bundle-evaluated'), session: at('jianpai:session-open'),
                      snapshot: at('jianpai:snapshot') };")
        .await;
    let mark = |key: &str| marks[key].as_f64().map_or("—".to_string(), ms);
    say(
        "页面内各步 in the page: 页面取到 html / 脚本执行完 bundle evaluated / 数据文件已打开 session / 总览数据 snapshot",
        format!(
            "{} / {} / {} / {}",
            mark("html"),
            mark("bundle"),
            mark("session"),
            mark("snapshot")
        ),
    );
    app.screenshot("window-01-overview").await;
    let overview_before = app.overview_numbers().await;

    // — The 工业源 grid: open it, then scroll top to bottom. —
    let t = Instant::now();
    app.menu("industry").await;
    app.wait("[data-test=grid] [data-test=grid-row]").await;
    say(
        "打开工业源到表格显示 open 工业源 grid",
        ms(t.elapsed().as_secs_f64() * 1000.0),
    );
    let full = app
        .js("return document.querySelector('[data-test=count]').innerText")
        .await;
    assert!(
        full.as_str()
            .unwrap_or("")
            .contains(&ENTERPRISES.to_string()),
        "the grid counts every enterprise: {full}"
    );
    app.driver
        .set_script_timeout(Duration::from_secs(120))
        .await
        .expect("script timeout");
    let idle = js_async(&app, IDLE_FRAMES).await;
    say(
        "静止时帧间隔 idle frame interval (工业源)",
        idle.to_string(),
    );
    let scrolled = js_async(&app, SCROLL_SCRIPT).await;
    assert_eq!(
        scrolled["atEnd"],
        Value::Bool(true),
        "the grid scrolled to its end: {scrolled}"
    );
    assert!(
        scrolled["rows"].as_u64().unwrap_or(0) > 0,
        "rows are rendered at the end: {scrolled}"
    );
    let mut frames: Vec<f64> = scrolled["frames"]
        .as_array()
        .expect("frames")
        .iter()
        .filter_map(Value::as_f64)
        .collect();
    let n_frames = frames.len();
    let p50 = quantile(&mut frames, 0.50);
    let p95 = quantile(&mut frames, 0.95);
    let max = quantile(&mut frames, 1.0);
    say(
        "滚动工业源表格帧间隔 scroll frame times",
        format!(
            "p50 {} / p95 {} / max {} ({n_frames} frames)",
            ms(p50),
            ms(p95),
            ms(max)
        ),
    );
    app.screenshot("window-02-grid-bottom").await;

    // — Typing a filter: a fragment of one enterprise's credit code, key by key. —
    let typed: String = probe.chars().skip(probe.chars().count() - 6).collect();
    let before = app.js(FILTER_WATCH).await;
    let search = app
        .interactable("[data-test=search] input, input[data-test=search]")
        .await;
    search.click().await.expect("search box focused");
    search.send_keys(&typed).await.expect("filter typed");
    let keys = poll(
        &app,
        &format!(
            "return window.__filter.length >= {} ? window.__filter : null",
            typed.chars().count()
        ),
        "every keystroke updated the grid",
    )
    .await;
    let keys = keys.as_array().expect("keystrokes");
    let mut per_key: Vec<f64> = keys.iter().map(|k| f64_of(k, "ms")).collect();
    let last = keys.last().expect("a keystroke")["count"].clone();
    assert_ne!(last, before, "the filter changed the row count");
    let filter_max = quantile(&mut per_key, 1.0);
    let filter_p50 = quantile(&mut per_key, 0.5);
    say(
        "输入筛选到表格更新 filter keystroke to updated grid",
        format!(
            "max {} / median {} ({} keys, {} → {})",
            ms(filter_max),
            ms(filter_p50),
            keys.len(),
            before.as_str().unwrap_or(""),
            last.as_str().unwrap_or("")
        ),
    );
    app.screenshot("window-03-filtered").await;

    // — An edit: the first line's yellow share of the enterprise found, to the new figures. —
    app.click("[data-test=grid] [data-test=grid-row]").await;
    app.wait("[data-effect=\"0-yellow\"]").await;
    let shown_before = app.js(EDIT_WATCH).await;
    let share = if shown_before.as_str().unwrap_or("").contains("77.00%") {
        "66"
    } else {
        "77"
    };
    app.type_into("[data-test=share-0-yellow]", share).await;
    let edit = poll(&app, "return window.__edit", "the edit is shown").await;
    let edit_ms = f64_of(&edit, "ms");
    assert!(
        edit["shown"]
            .as_str()
            .unwrap_or("")
            .contains(&format!("{share}.00%")),
        "the saved share is shown: {edit}"
    );
    say(
        "修改一条措施到重新测算完成 edit to recomputed 总览",
        ms(edit_ms),
    );
    let answered = app
        .js("const at = (n) => { const m = performance.getEntriesByName(n).pop(); return m ? m.startTime : null; };
             const sent = at('jianpai:save-sent'), got = at('jianpai:save-answered');
             const e = window.__edit;
             return sent === null || got === null ? null
               : { to_send: sent - e.t0, round_trip: got - sent,
                   rendered: at('jianpai:save-rendered') - got,
                   to_shown: e.t0 + e.ms - got };")
        .await;
    say(
        "其中保存命令往返 of which the save command's round trip",
        answered.to_string(),
    );
    let ipc = js_async(&app, IPC_PROBE).await;
    say("IPC 往返 round trips (median ms)", ipc.to_string());
    let t = Instant::now();
    let overview_after = app.overview_numbers().await;
    say(
        "切换到总览 switch to 总览",
        ms(t.elapsed().as_secs_f64() * 1000.0),
    );
    assert_ne!(
        overview_after[0], overview_before[0],
        "the yellow level of the 总览 follows the edit"
    );
    app.screenshot("window-04-overview-after-edit").await;

    // — Memory of the app and its webview processes. —
    let tree = app_process_tree(&db);
    assert!(!tree.is_empty(), "the app process is found by its --db");
    let mut by_name: HashMap<String, (f64, f64)> = HashMap::new();
    for (pid, name) in &tree {
        let rss = proc_mib(*pid, "status", "VmRSS:").unwrap_or(0.0);
        let pss = proc_mib(*pid, "smaps_rollup", "Pss:").unwrap_or(0.0);
        let slot = by_name.entry(name.clone()).or_default();
        slot.0 += rss;
        slot.1 += pss;
    }
    let mut names: Vec<_> = by_name.into_iter().collect();
    names.sort_by(|a, b| b.1 .0.total_cmp(&a.1 .0));
    let (rss, pss) = names
        .iter()
        .fold((0.0, 0.0), |a, (_, (r, p))| (a.0 + r, a.1 + p));
    let detail: Vec<String> = names
        .iter()
        .map(|(n, (r, p))| format!("{n} {r:.0}/{p:.0}"))
        .collect();
    say(
        "常驻内存 VmRSS/PSS MiB",
        format!("total {rss:.0}/{pss:.0} ({})", detail.join(", ")),
    );
    app.quit().await;

    record(&format!(
        "{} build={build} enterprises={ENTERPRISES} sources={SOURCES} {}",
        chrono::Local::now().format("%Y-%m-%d %H:%M"),
        lines.join(" | ")
    ));

    // tests/e2e/saturated.sh keeps every processor busy on purpose (the waits must hold
    // there); time budgets are not judged on a machine loaded like that.
    let loaded = std::env::var_os("JIANPAI_E2E_SATURATED").is_some();
    if release && !loaded {
        assert!(cold <= COLD_START_MS, "cold start {} > 2 s", ms(cold));
        assert!(p95 <= SCROLL_P95_MS, "scroll p95 {} > 33 ms", ms(p95));
        assert!(
            filter_max <= FILTER_MS,
            "filter {} > 150 ms",
            ms(filter_max)
        );
        assert!(edit_ms <= EDIT_MS, "edit {} > 100 ms", ms(edit_ms));
    } else if loaded {
        println!("（处理器被有意占满：只报告数字，不检查时间预算）");
    } else {
        println!("（debug 构建：只报告数字，不检查时间预算；JIANPAI_E2E_RELEASE=1 时检查）");
    }
}
