//! The yearly revision in the real window: 历史 lists the import's snapshot and restoring it
//! brings back the first numbers; 对比 against the imported workbook shows an edited
//! measure; 审核 → 排查遗漏 finds exactly the planted missing enterprise; a 备案 set on the
//! enterprise page shows in the 工业源 grid, and Ctrl+Z takes its last change back. Screenshots in artifacts/e2e/revision-*.png.

use jianpai_e2e::{fixture_workbook, App};
use std::path::{Path, PathBuf};

/// An extract of the 排污许可 register: the fixture's three enterprises, one key-industry
/// enterprise that is not on the list (planted), and one that is neither key industry nor
/// air-emitting (must not be reported).
fn extract(dir: &Path) -> PathBuf {
    let path = dir.join("排污许可名录.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let rows = [
        ["单位名称", "统一社会信用代码", "行业类别"],
        ["示例水泥有限公司", "91110000802100433B", "水泥制造"],
        ["示例包装印刷有限公司", "91310000MA1FL4B24G", "包装装潢印刷"],
        ["示例砖瓦厂", "", "砖瓦制造"],
        ["示例新建水泥有限公司", "91410529MA9XXXXX1Y", "水泥制造"],
        ["示例软件有限公司", "", "软件开发"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save(&path).unwrap();
    path
}

async fn text(app: &App, css: &str) -> String {
    app.wait(css).await;
    app.js(&format!("return document.querySelector('{css}').innerText"))
        .await
        .as_str()
        .unwrap_or("")
        .to_string()
}

/// Opens the brick works (the fixture's third enterprise) from the 工业源 grid.
async fn open_brick_works(app: &App) {
    app.menu("industry").await;
    app.type_into("[data-test=search]", "砖瓦").await;
    app.until("one row left", || async {
        app.js("return document.querySelectorAll('[data-test=grid] [data-test=grid-row]').length")
            .await
            == 1
    })
    .await;
    app.click("[data-test=grid] [data-test=grid-row]").await;
    app.wait("[data-test=enterprise-name]").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_compare_coverage_and_filing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    let workbook = fixture_workbook(dir.path());
    let app = App::start(&db).await;
    app.import(&workbook).await;
    let first = app.overview_numbers().await;

    // Edit a measure: 隧道窑's yellow 限产30% becomes 限产80%.
    open_brick_works(&app).await;
    app.type_into("[data-test=measure-0-yellow]", "限产80%")
        .await;
    app.until("the edit reaches the 总览", || async {
        app.overview_numbers().await != first
    })
    .await;

    // 历史 lists the import's snapshot.
    app.menu("history").await;
    app.until("the import snapshot is listed", || async {
        let t = text(&app, "[data-test=history]").await;
        t.contains("导入") && t.contains("示例县2026减排清单.xlsx")
    })
    .await;
    app.screenshot("revision-01-history").await;

    // 对比 against the imported workbook shows the measure change.
    app.menu("compare").await;
    app.type_into("[data-test=compare-path]", &workbook.display().to_string())
        .await;
    app.click("[data-test=compare-run]").await;
    let measures = text(&app, "[data-test=compare-measures]").await;
    assert!(
        measures.contains("示例砖瓦厂")
            && measures.contains("隧道窑")
            && measures.contains("限产30%")
            && measures.contains("限产80%"),
        "{measures}"
    );
    assert_eq!(
        app.js("return document.querySelectorAll('[data-test=compare-measures] .el-table__body tr').length")
            .await,
        1,
        "exactly the one edited measure"
    );
    app.screenshot("revision-02-compare").await;

    // Restore the import's snapshot (the only row, after confirmation): the 总览 shows the
    // first numbers again.
    app.menu("history").await;
    app.click("[data-test=history] .el-table__body tr:last-child [data-test^=history-restore-]")
        .await;
    app.click(".el-message-box__btns .el-button--primary").await;
    app.until("a restore snapshot is listed", || async {
        text(&app, "[data-test=history]").await.contains("恢复前")
    })
    .await;
    app.screenshot("revision-03-restored").await;
    let again = app.overview_numbers().await;
    assert_eq!(again, first, "restoring the import gives back its numbers");

    // 审核 → 排查遗漏 lists exactly the planted missing enterprise.
    let extract = extract(dir.path());
    app.menu("review").await;
    app.click("#tab-coverage").await;
    app.type_into("[data-test=coverage-path]", &extract.display().to_string())
        .await;
    app.click("[data-test=coverage-run]").await;
    app.wait("[data-test=coverage-summary]").await;
    let missing = app
        .js("return [...document.querySelectorAll('[data-test=coverage-missing] .el-table__body tr')].map(r => r.innerText)")
        .await;
    let missing: Vec<String> = missing
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(
        missing[0].contains("示例新建水泥有限公司") && missing[0].contains("重点行业"),
        "{missing:?}"
    );
    app.screenshot("revision-04-coverage").await;

    // 备案: a bad date is refused in place; a good one shows in the 工业源 grid.
    open_brick_works(&app).await;
    app.click("[data-test=filing-已备案]").await;
    app.type_into("[data-test=filing-date]", "九月二十日").await;
    app.until("the bad date is refused", || async {
        text(&app, "[data-test=filing]").await.contains("不是日期")
    })
    .await;
    app.type_into("[data-test=filing-date]", "2026-09-20").await;
    app.type_into("[data-test=filing-number]", "示环备〔2026〕12号")
        .await;
    app.until("the error is gone", || async {
        !text(&app, "[data-test=filing]").await.contains("不是日期")
    })
    .await;
    app.menu("industry").await;
    app.type_into("[data-test=search]", "砖瓦").await;
    app.until("the grid shows the filing", || async {
        app.js("return document.querySelector('[data-test=grid] [data-test=grid-row] [data-test=filing-cell]')?.innerText ?? ''")
            .await
            .as_str()
            .unwrap_or("")
            == "已备案 2026-09-20 示环备〔2026〕12号"
    })
    .await;
    app.screenshot("revision-05-filing").await;

    // Ctrl+Z takes the last 备案 change (the 文号) back, and the message names what it undid.
    app.driver
        .action_chain()
        .key_down(thirtyfour::Key::Control)
        .send_keys("z")
        .key_up(thirtyfour::Key::Control)
        .perform()
        .await
        .unwrap();
    app.until("Ctrl+Z takes the 文号 back", || async {
        app.js("return document.querySelector('[data-test=grid] [data-test=grid-row] [data-test=filing-cell]')?.innerText ?? ''")
            .await
            .as_str()
            .unwrap_or("")
            == "已备案 2026-09-20"
    })
    .await;
    app.until("the message names the filing", || async {
        app.js("return [...document.querySelectorAll('.el-message')].map((m) => m.innerText).join('|')")
            .await
            .as_str()
            .unwrap_or("")
            .contains("备案的修改")
    })
    .await;
    app.quit().await;
}
