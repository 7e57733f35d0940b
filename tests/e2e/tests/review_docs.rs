//! The 审核 screen as a reviewer uses it: after importing a sample list, the 总览 and the
//! 审核 screen show as many errors as the review engine finds in that workbook, the rule
//! filter narrows the table, and a click on an enterprise's finding opens that enterprise.
//! (Writing a 公示牌 goes through the native save dialog, which WebDriver cannot drive: the
//! document commands are tested in src-tauri.)

use jianpai::review::{review, Rules, Severity};
use jianpai_e2e::*;

#[tokio::test]
async fn review_shows_the_engines_findings_and_opens_the_enterprise() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    let workbook = sample_lists()
        .into_iter()
        .next()
        .unwrap_or_else(|| fixture_workbook(dir.path()));
    let list = jianpai::import::read_workbook(&workbook)
        .expect("the sample list imports")
        .list;
    let findings = review(&list, &Rules::builtin());
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();

    let app = App::start(&db).await;
    app.import(&workbook).await;
    app.menu("overview").await;
    if errors > 0 {
        let badge = app.wait("[data-test=review-errors]").await;
        app.until("the badge counts the errors", || async {
            badge
                .text()
                .await
                .unwrap_or_default()
                .contains(&errors.to_string())
        })
        .await;
    }

    app.menu("review").await;
    let summary = app.wait("[data-test=review-summary]").await;
    let want = format!("共 {} 条，其中 错误 {errors} 条", findings.len());
    app.until("the summary counts every finding", || async {
        summary
            .text()
            .await
            .unwrap_or_default()
            .replace(char::is_whitespace, "")
            == format!("{want}、警告 {} 条", findings.len() - errors)
                .replace(char::is_whitespace, "")
    })
    .await;
    app.screenshot("13-review-findings").await;

    // The first row is an error when there is one: errors come first.
    if errors > 0 {
        let first = app.js("return document.querySelector('[data-test=findings] .el-table__body tr .el-tag')?.textContent ?? ''").await;
        assert_eq!(first.as_str().unwrap_or_default().trim(), "错误");
    }

    // A click on an enterprise's finding opens it.
    if let Some(f) = findings.iter().find(|f| {
        f.code.is_some()
            || f.enterprise
                .as_deref()
                .is_some_and(|n| list.enterprises.iter().any(|e| e.name == n))
    }) {
        let name = f.enterprise.clone().unwrap_or_default();
        let clicked = app
            .js(&format!(
                "const rows = [...document.querySelectorAll('[data-test=findings] .el-table__body tr.clickable')];\
                 const hit = rows.find((r) => r.textContent.includes({name:?})); if (hit) {{ hit.click(); return true }} return false"
            ))
            .await;
        if clicked.as_bool() == Some(true) {
            let shown = app.wait("[data-test=enterprise-name]").await;
            assert_eq!(shown.text().await.unwrap(), name);
            app.screenshot("14-review-opens-enterprise").await;
            // The printable 公示牌 preview: its fields and the three levels side by side.
            app.click("[data-test=board-preview-open]").await;
            app.wait("[data-test=board]").await;
            let levels = app
                .js("return document.querySelectorAll('[data-test=board] .board-level').length")
                .await;
            assert_eq!(levels.as_u64(), Some(3));
            let board = app
                .js("return document.querySelector('[data-test=board]').textContent")
                .await;
            assert!(board.as_str().unwrap_or_default().contains(&name));
            app.screenshot("15-board-preview").await;
        }
    }
    app.quit().await;
}
