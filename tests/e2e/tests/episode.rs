//! The 应急响应 screen driven as county staff would during a warning: on an imported sample
//! list, start an orange episode, confirm two notices by ticking, export the notification
//! workbook, record an inspection with a photo, import the power company's file, write the
//! daily report, end the episode and write the evaluation — a screenshot at each step. Then
//! the CLI, on the same data file, must tell the same story (notice counts, 2 confirmed, one
//! inspection with its photo, the flagged days), and both .docx must open and carry the
//! numbers the screen showed.

use std::path::{Path, PathBuf};

use jianpai_e2e::*;
use serde_json::Value;

/// A 1×1 PNG: the smallest real picture an inspector could attach.
const PNG: [u8; 70] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
    0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// `jianpai --db DB args… --json`, which must succeed.
fn cli_json(db: &Path, args: &[&str]) -> Value {
    let cli = std::env::var("JIANPAI_CLI").expect("JIANPAI_CLI: run tests/e2e/run.sh");
    let out = std::process::Command::new(cli)
        .env_remove("JIANPAI_DB")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the jianpai CLI runs");
    assert!(
        out.status.success(),
        "jianpai {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("--json prints JSON")
}

/// The text of a .docx (its main part with the markup stripped): the file is a real Word
/// package whose document part reads.
fn docx_text(path: &Path) -> String {
    let file = std::fs::File::open(path).expect("the .docx exists");
    let mut zip = zip::ZipArchive::new(file).expect("the .docx is a zip package");
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip
            .by_name("word/document.xml")
            .expect("the .docx has a document part"),
        &mut xml,
    )
    .unwrap();
    let mut text = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

impl Screen<'_> {
    /// A number the screen carries in `data-<attr>` of `css` (`data-value` by default).
    async fn number(&self, css: &str, attr: &str) -> u64 {
        let v = self
            .0
            .js(&format!(
                "const e = document.querySelector('{css}'); return e ? e.dataset.{attr} ?? null : null"
            ))
            .await;
        v.as_str()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("{css} data-{attr}: {v}"))
    }

    /// Waits until the number in `data-<attr>` of `css` is `want`.
    async fn number_is(&self, css: &str, attr: &str, want: u64) {
        let what = format!("{css} {attr} = {want}");
        self.0
            .until(&what, || async {
                let v = self
                    .0
                    .js(&format!(
                        "const e = document.querySelector('{css}'); return e ? e.dataset.{attr} ?? null : null"
                    ))
                    .await;
                v.as_str() == Some(&want.to_string())
            })
            .await;
    }
}

/// The app, with the episode screen's readers.
struct Screen<'a>(&'a App);

fn sample(dir: &Path) -> (PathBuf, PathBuf) {
    let list = sample_lists()
        .into_iter()
        .next()
        .expect("sample-lists/ holds a sample list");
    let stem = list.file_stem().unwrap().to_string_lossy().into_owned();
    let power = list
        .parent()
        .unwrap()
        .join("用电量")
        .join(format!("{stem}-用电量-长表.xlsx"));
    assert!(power.is_file(), "{} exists", power.display());
    let _ = dir;
    (list, power)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn episode_from_start_to_evaluation_agrees_with_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    let (workbook, power) = sample(dir.path());
    let photo = dir.path().join("现场照片.png");
    std::fs::write(&photo, PNG).unwrap();
    let notify = dir.path().join("通知.xlsx");
    let daily = dir.path().join("工作信息-2026-12-06.docx");
    let evaluation = dir.path().join("总结评估报告.docx");

    let app = App::start(&db).await;
    let screen = Screen(&app);
    app.import(&workbook).await;

    // 1. Start an orange warning (the screen's default level) at 20:00.
    app.menu("episode").await;
    app.wait("[data-test=episode-start]").await;
    app.screenshot("ep-01-before-start").await;
    app.type_into("[data-test=start-at]", "2026-12-05 20:00")
        .await;
    app.type_into("[data-test=start-issuer]", "市重污染天气应急指挥部办公室")
        .await;
    app.type_into("[data-test=start-doc]", "安环攻坚办〔2026〕45号")
        .await;
    app.click("[data-test=start]").await;
    let bar = app.wait("[data-test=episode-bar]").await;
    assert_eq!(
        bar.attr("data-level").await.unwrap().as_deref(),
        Some("orange")
    );
    assert!(bar.text().await.unwrap().contains("橙色预警"));
    let framed = app
        .js("return document.querySelector('.window').dataset.level")
        .await;
    assert_eq!(
        framed.as_str(),
        Some("orange"),
        "the window is framed orange"
    );
    app.wait("[data-test=notices] .el-table__body tr").await;
    let issued = screen.number("[data-test=count-issued]", "value").await;
    assert!(issued > 0, "notices issued from the list");
    app.screenshot("ep-02-started-orange").await;

    // 2. Confirm two notices by ticking, recorded at 21:10 by 李明.
    app.type_into("[data-test=ack-at]", "2026-12-05 21:10")
        .await;
    app.type_into("[data-test=ack-by]", "李明").await;
    let ticks = app
        .js("return [...document.querySelectorAll('[data-test=notices] [data-confirmed=false]')].slice(0, 2).map(e => e.dataset.test)")
        .await;
    let ticks: Vec<String> = ticks
        .as_array()
        .expect("tick boxes")
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(ticks.len(), 2);
    for (i, t) in ticks.iter().enumerate() {
        app.click(&format!("[data-test=\"{t}\"]")).await;
        screen
            .number_is("[data-test=count-confirmed]", "value", i as u64 + 1)
            .await;
    }
    for t in &ticks {
        let state = app
            .js(&format!(
                "return document.querySelector('[data-test=\"{t}\"]').dataset.confirmed"
            ))
            .await;
        assert_eq!(state.as_str(), Some("true"), "{t} is ticked");
    }
    app.screenshot("ep-03-two-confirmed").await;

    // The notification workbook to a typed path: one sheet per township, then 短信.
    app.type_into("[data-test=notify-path]", &notify.display().to_string())
        .await;
    app.click("[data-test=export-notices]").await;
    app.until("the notification workbook is written", || async {
        notify.is_file()
    })
    .await;
    {
        use calamine::{open_workbook_auto, Reader};
        let mut wb = open_workbook_auto(&notify).expect("the notification workbook opens");
        let sms = wb.worksheet_range("短信").expect("a 短信 sheet");
        assert_eq!(
            sms.rows().count() as u64 - 1,
            issued,
            "one message per notice"
        );
    }
    app.screenshot("ep-04-notices-exported").await;

    // 3. Today's plan (2026-12-06) and an inspection of its first entry, with a photo.
    app.click("#tab-inspect").await;
    app.type_into("[data-test=plan-date]", "2026-12-06").await;
    app.click("[data-test=load-plan]").await;
    app.wait("[data-test=plan] .el-table__body tr").await;
    let planned = app
        .js("return document.querySelectorAll('[data-test=plan] .el-table__body tr').length")
        .await;
    assert_eq!(planned.as_u64(), Some(5), "the default quota is 5");
    app.click("[data-test=plan-record-0]").await;
    let code = app
        .js("return document.querySelector('[data-test=record-code] input, input[data-test=record-code]').value")
        .await;
    let code = code.as_str().unwrap_or_default().to_string();
    assert!(!code.is_empty(), "记录 fills the enterprise");
    app.type_into("[data-test=record-at]", "2026-12-06 09:30")
        .await;
    app.click("[data-test=\"result-未落实\"]").await;
    app.type_into("[data-test=record-by]", "王强、赵敏").await;
    app.type_into("[data-test=record-problem]", "窑炉未降负荷")
        .await;
    app.type_into("[data-test=record-rectification]", "立即限产50%")
        .await;
    app.type_into("[data-test=photo-path]", &photo.display().to_string())
        .await;
    app.click("[data-test=add-photo-path]").await;
    app.wait("[data-test=photo]").await;
    app.screenshot("ep-05-record-form").await;
    app.click("[data-test=record]").await;
    screen
        .number_is("[data-test=count-inspections]", "value", 1)
        .await;
    let photos = app
        .js("return document.querySelector('[data-test=records] [data-test=record-photos]').textContent")
        .await;
    assert_eq!(photos.as_str().map(str::trim), Some("1"));
    app.screenshot("ep-06-inspection-recorded").await;

    // 4. The power company's file (long layout) by typed path; flagged days listed.
    app.click("#tab-power").await;
    app.type_into("[data-test=power-path]", &power.display().to_string())
        .await;
    app.click("[data-test=power-import]").await;
    app.wait("[data-test=power-result]").await;
    let flagged_open = screen.number("[data-test=count-flags]", "value").await;
    assert!(
        flagged_open > 0,
        "the sample has enterprises over their caps"
    );
    let rows = app
        .js("return document.querySelectorAll('[data-test=flags] .el-table__body tr').length")
        .await;
    assert_eq!(rows.as_u64(), Some(flagged_open));
    app.screenshot("ep-07-power-flags").await;

    // 5. The daily report of 2026-12-06 to a typed path.
    app.click("#tab-reports").await;
    app.type_into("[data-test=report-date]", "2026-12-06").await;
    app.type_into("[data-test=daily-path]", &daily.display().to_string())
        .await;
    app.click("[data-test=report-daily]").await;
    app.wait("[data-test=daily-result]").await;
    let daily_shown: Vec<u64> = {
        let mut v = Vec::new();
        for a in ["issued", "confirmed", "inspections", "flags"] {
            v.push(screen.number("[data-test=daily-result]", a).await);
        }
        v
    };
    assert!(daily.is_file());
    app.screenshot("ep-08-daily-report").await;

    // 6. End the warning: the colour leaves the window; then the evaluation.
    app.click("#tab-notices").await;
    app.type_into("[data-test=end-at]", "2026-12-08 10:00")
        .await;
    app.click("[data-test=end]").await;
    app.wait("[data-test=ended]").await;
    app.until("the level bar is gone", || async {
        app.js("return document.querySelector('[data-test=episode-bar]') === null")
            .await
            .as_bool()
            == Some(true)
    })
    .await;
    app.screenshot("ep-09-ended").await;
    let shown_after = [
        screen.number("[data-test=count-issued]", "value").await,
        screen.number("[data-test=count-confirmed]", "value").await,
        screen
            .number("[data-test=count-inspections]", "value")
            .await,
        screen.number("[data-test=count-flags]", "value").await,
    ];
    app.click("#tab-reports").await;
    app.type_into(
        "[data-test=evaluation-path]",
        &evaluation.display().to_string(),
    )
    .await;
    app.click("[data-test=report-evaluation]").await;
    app.wait("[data-test=evaluation-result]").await;
    let evaluation_shown: Vec<u64> = {
        let mut v = Vec::new();
        for a in ["issued", "confirmed", "inspections", "flags"] {
            v.push(screen.number("[data-test=evaluation-result]", a).await);
        }
        v
    };
    app.screenshot("ep-10-evaluation").await;
    app.quit().await;

    // The CLI on the same data file tells the same story.
    let show = cli_json(&db, &["episode", "show", "--json"]);
    assert_eq!(show["notices"]["issued"].as_u64(), Some(shown_after[0]));
    assert_eq!(shown_after[0], issued, "the end issues no notices");
    assert_eq!(show["notices"]["confirmed"].as_u64(), Some(2));
    assert_eq!(shown_after[1], 2);
    assert_eq!(show["inspections"]["total"].as_u64(), Some(1));
    assert_eq!(shown_after[2], 1);
    assert_eq!(
        show["flags"].as_array().map(|f| f.len() as u64),
        Some(shown_after[3])
    );
    assert_eq!(show["levels"][0]["level"], "orange");
    assert_eq!(show["levels"][0]["at"], "2026-12-05 20:00");
    assert_eq!(show["ended_at"], "2026-12-08 10:00");
    let record = &show["records"][0];
    assert_eq!(record["result"], "未落实");
    assert_eq!(record["code"], code.as_str());
    assert_eq!(record["by"], "王强、赵敏");
    let stored = record["photos"][0].as_str().expect("one photo listed");
    assert_eq!(
        std::fs::read(dir.path().join(stored)).unwrap(),
        PNG,
        "the photo is kept beside the data file"
    );
    let confirmed_by: Vec<&Value> = show["current_notices"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| !n["confirmed_at"].is_null())
        .collect();
    assert_eq!(confirmed_by.len(), 2);
    for n in confirmed_by {
        assert_eq!(n["confirmed_at"], "2026-12-05 21:10");
        assert_eq!(n["confirmed_by"], "李明");
    }

    let d = cli_json(&db, &["report", "daily", "--date", "2026-12-06", "--json"]);
    assert_eq!(
        daily_shown,
        vec![
            d["notices"]["issued"].as_u64().unwrap(),
            d["notices"]["confirmed"].as_u64().unwrap(),
            d["inspections"]["total"].as_u64().unwrap(),
            d["power_flags"].as_u64().unwrap(),
        ]
    );
    let e = cli_json(&db, &["report", "evaluation", "--json"]);
    assert_eq!(
        evaluation_shown,
        vec![
            e["notices"]["issued"].as_u64().unwrap(),
            e["notices"]["confirmed"].as_u64().unwrap(),
            e["inspections"]["total"].as_u64().unwrap(),
            e["power_flagged"].as_u64().unwrap(),
        ]
    );
    assert_eq!(evaluation_shown[3], shown_after[3]);
    assert_eq!(
        e["downgrade_candidates"].as_array().map(Vec::len),
        Some(1),
        "the 未落实 makes one 降级 candidate"
    );

    // Both documents open and carry the screen's numbers.
    let text = docx_text(&daily);
    assert!(
        text.contains(&format!("共发出通知{issued}份，已确认2份")),
        "daily report: {text}"
    );
    let text = docx_text(&evaluation);
    assert!(
        text.contains(&format!("共发出通知{issued}份，已确认2份")),
        "evaluation report: {text}"
    );
}
