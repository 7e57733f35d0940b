//! 导出 as a county office uses it before the September filing: 全部导出 writes the workbook,
//! the 测算说明, one 一厂一策 per enterprise and one 公示牌 per enterprise and site into one
//! folder with a progress bar; a run cancelled early writes fewer files and says so; one
//! enterprise is picked by name (not a typed credit code) and its plan written. The import's
//! success message does not follow to the next page.

use jianpai::docs::board::all_boards;
use jianpai_e2e::*;
use std::path::Path;
use std::time::{Duration, Instant};

/// A whole batch of a 150-enterprise list takes a while in a debug build on a busy machine.
const BATCH_PATIENCE: Duration = Duration::from_secs(300);

fn count(dir: &Path) -> usize {
    std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0)
}

/// The text of the batch's result line, once it shows.
async fn batch_result(app: &App) -> String {
    let started = Instant::now();
    loop {
        let text = app
            .js("return document.querySelector('[data-test=batch-result]')?.innerText ?? ''")
            .await;
        let text = text.as_str().unwrap_or_default().to_string();
        if !text.is_empty() {
            return text;
        }
        if started.elapsed() > BATCH_PATIENCE {
            app.screenshot("timeout-batch-result").await;
            panic!("全部导出 did not finish within {BATCH_PATIENCE:?}");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn docx_opens(path: &Path) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    docx_rs::read_docx(&bytes).unwrap_or_else(|e| panic!("{} opens: {e:?}", path.display()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_all_writes_every_document_and_a_cancelled_run_fewer() {
    use calamine::{open_workbook_auto, Reader};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    let workbook = sample_lists()
        .into_iter()
        .next()
        .expect("the repository's sample lists");
    let list = jianpai::import::read_workbook(&workbook)
        .expect("the sample list imports")
        .list;
    let plans = list.enterprises.len();
    let boards = all_boards(&list).len();
    let total = plans + boards + 2;

    let app = App::start(&db).await;
    app.import(&workbook).await;
    app.menu("export").await;
    let out = dir.path().join("全部导出");
    app.type_into("[data-test=batch-dir]", &out.display().to_string())
        .await;
    app.click("[data-test=export-all]").await;
    // The bar moves while the batch runs.
    app.wait("[data-test=batch-step]").await;
    app.screenshot("20-export-all-running").await;
    let text = batch_result(&app).await;
    assert!(
        text.contains(&format!("已写入 {total} / {total} 个文件")),
        "{text}"
    );
    let bar = app
        .js("return document.querySelector('[data-test=batch-progress]').getAttribute('aria-valuenow')")
        .await;
    assert_eq!(
        bar.as_str().unwrap_or_default(),
        "100",
        "the bar reaches the end"
    );
    app.screenshot("21-export-all-done").await;

    assert_eq!(
        count(&out.join("一厂一策")),
        plans,
        "one plan per enterprise"
    );
    assert_eq!(
        count(&out.join("公示牌")),
        boards,
        "one board per enterprise, transport-only enterprise and site"
    );
    let top: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    let xlsx = top
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .expect("the submission workbook");
    let mut wb = open_workbook_auto(xlsx).expect("the workbook opens");
    assert!(
        wb.sheet_names().iter().any(|n| n == "工业源清单"),
        "{:?}",
        wb.sheet_names()
    );
    assert!(wb.worksheet_range("工业源清单").unwrap().height() > plans);
    let note = top
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "docx"))
        .expect("the 测算说明");
    docx_opens(note);
    for sub in ["一厂一策", "公示牌"] {
        let first = std::fs::read_dir(out.join(sub))
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        docx_opens(&first);
    }

    // A second run, cancelled at once: fewer files, and the result says so.
    let again = dir.path().join("取消");
    app.type_into("[data-test=batch-dir]", &again.display().to_string())
        .await;
    app.click("[data-test=export-all]").await;
    app.click("[data-test=cancel-all]").await;
    let text = batch_result(&app).await;
    app.screenshot("22-export-all-cancelled").await;
    assert!(text.contains("已取消"), "{text}");
    let written = count(&again.join("一厂一策")) + count(&again.join("公示牌")) + 2;
    assert!(written < total, "cancelled early: {written} of {total}");
    assert!(
        text.contains(&format!("/ {total} 个文件")),
        "the result says how many of how many: {text}"
    );
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_one_enterprise_picked_by_name_gets_its_plan() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    let app = App::start(&db).await;
    app.import(&fixture_workbook(dir.path())).await;

    // "已导入 N 家企业" shows on the 总览 and does not follow to the next page.
    app.menu("export").await;
    app.until("the import message is gone", || async {
        app.js("return document.querySelectorAll('.el-message').length")
            .await
            .as_u64()
            == Some(0)
    })
    .await;

    app.click("[data-test=enterprise-pick]").await;
    let input = app.interactable("[data-test=enterprise-pick] input").await;
    input.send_keys("水泥").await.expect("typing in the picker");
    app.until("the picker narrows to the one enterprise", || async {
        app.js("return [...document.querySelectorAll('.el-select-dropdown__item')].filter(e => e.offsetParent !== null).map(e => e.innerText).join('|')")
            .await
            .as_str()
            .is_some_and(|t| t.contains("示例水泥有限公司") && !t.contains("示例砖瓦厂"))
    })
    .await;
    app.screenshot("23-export-pick-enterprise").await;
    app.js("const o = [...document.querySelectorAll('.el-select-dropdown__item')].find(e => e.offsetParent !== null && e.innerText.includes('示例水泥有限公司')); o.setAttribute('data-test', 'picked'); return true")
        .await;
    app.click("[data-test=picked]").await;

    let out = dir.path().join("水泥-一厂一策.docx");
    app.type_into("[data-test=one-path]", &out.display().to_string())
        .await;
    app.click("[data-test=export-one]").await;
    app.wait("[data-test=exported]").await;
    app.screenshot("24-export-one-plan").await;
    docx_opens(&out);
    app.quit().await;
}
