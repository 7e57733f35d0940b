//! The desktop app driven as a person would: import, read the 总览, edit a measure, restart,
//! refuse a bad workbook, export and read the file back. Each test has its own data file.

use jianpai_e2e::*;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imported_list_shows_the_same_numbers_as_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    let mut workbooks = vec![fixture_workbook(dir.path())];
    workbooks.extend(sample_lists().into_iter().take(1));
    for (i, workbook) in workbooks.iter().enumerate() {
        let db = dir.path().join(format!("list{i}.sqlite"));
        let app = App::start(&db).await;
        if i == 0 {
            app.screenshot("01-first-run").await;
        }
        app.menu("import").await;
        app.type_into("[data-test=import-path]", &workbook.display().to_string())
            .await;
        app.click("[data-test=dry-run]").await;
        app.wait("[data-test=preview]").await;
        if i == 0 {
            app.screenshot("02-import-dry-run").await;
        }
        app.click("[data-test=commit]").await;
        app.wait("[data-test=levels]").await;
        let shown = app.overview_numbers().await;
        let cli = cli_check(None, Some(workbook));
        assert_same(&shown, &cli_numbers(&cli));
        if i == 0 {
            app.screenshot("03-overview").await;
            app.menu("industry").await;
            app.wait("[data-test=grid] [data-test=grid-row]").await;
            app.screenshot("04-industry-grid").await;
            // The worked example: yellow passes through the trade, orange and red fail.
            assert_eq!(shown.iter().map(|l| l.1).collect::<Vec<_>>().len(), 3);
        }
        app.quit().await;
    }
    let _ = db;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edited_measure_changes_the_ratio_and_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    let workbook = fixture_workbook(dir.path());
    let app = App::start(&db).await;
    app.import(&workbook).await;
    let before = app.overview_numbers().await;

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
    // 隧道窑 (the first line) limits production by 30 % at yellow; give it an explicit 80 %.
    app.type_into("[data-test=share-0-yellow]", "80").await;
    app.until("the line's yellow reduction shows 80 %", || async {
        app.js("return document.querySelector('[data-effect=\"0-yellow\"]').innerText")
            .await
            .as_str()
            .unwrap_or("")
            .contains("80.00%")
    })
    .await;
    app.screenshot("05-enterprise-edited").await;

    let after = app.overview_numbers().await;
    assert!(
        after[0].0[0].unwrap() > before[0].0[0].unwrap(),
        "yellow SO2 ratio rises: {before:?} → {after:?}"
    );
    assert_eq!(after[2], before[2], "red (停产) is untouched");
    app.quit().await;

    // The CLI sees the stored edit, and a new session of the app shows it again.
    assert_same(&after, &cli_numbers(&cli_check(Some(&db), None)));
    let again = App::start(&db).await;
    assert_same(&again.overview_numbers().await, &after);

    // A further edit in this session, then Ctrl+Z takes it back to the stored state.
    again.menu("industry").await;
    again.click("[data-test=grid] [data-test=grid-row]").await;
    again.wait("[data-test=enterprise-name]").await;
    again.type_into("[data-test=share-0-red]", "10").await;
    again
        .until("the edit reaches the 总览", || async {
            again
                .js("return document.querySelector('[data-effect=\"0-red\"]').innerText")
                .await
                .as_str()
                .unwrap_or("")
                .contains("10.00%")
        })
        .await;
    let edited = again.overview_numbers().await;
    assert_ne!(edited, after, "a 10 % red share lowers the red reduction");
    again.click("[data-test=levels]").await;
    again
        .driver
        .action_chain()
        .key_down(thirtyfour::Key::Control)
        .send_keys("z")
        .key_up(thirtyfour::Key::Control)
        .perform()
        .await
        .unwrap();
    again
        .until("Ctrl+Z restores the stored list", || async {
            again.overview_numbers().await == after
        })
        .await;
    assert_same(&after, &cli_numbers(&cli_check(Some(&db), None)));
    again.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_workbook_shows_its_errors_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    let app = App::start(&db).await;
    app.import(&fixture_workbook(dir.path())).await;
    let before = app.overview_numbers().await;
    let stored = cli_check(Some(&db), None);

    app.menu("import").await;
    app.type_into(
        "[data-test=import-path]",
        &bad_workbook(dir.path()).display().to_string(),
    )
    .await;
    app.click("[data-test=dry-run]").await;
    app.wait("[data-test=errors-title]").await;
    let rows = app.js("return [...document.querySelectorAll('[data-test=errors] .el-table__body tr')].map(r => r.innerText)").await;
    let rows: Vec<String> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_string())
        .collect();
    assert!(rows.len() >= 2, "both errors listed: {rows:?}");
    assert!(
        rows.iter().all(|r| r.contains("工业源清单")),
        "each error names its sheet: {rows:?}"
    );
    assert!(
        rows.iter().any(|r| r.contains("统一社会信用代码")),
        "the code column is named: {rows:?}"
    );
    let commit = app
        .driver
        .find_all(thirtyfour::By::Css("[data-test=commit]"))
        .await
        .unwrap();
    assert!(
        commit.is_empty(),
        "no import offered while there are errors"
    );
    app.screenshot("06-import-errors").await;

    assert_same(&app.overview_numbers().await, &before);
    assert_eq!(cli_check(Some(&db), None), stored, "the store is untouched");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_export_is_a_workbook_that_reads_back() {
    use calamine::{open_workbook_auto, Reader};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    let app = App::start(&db).await;
    app.import(&fixture_workbook(dir.path())).await;

    let out = dir.path().join("报送清单.xlsx");
    app.menu("export").await;
    app.type_into("[data-test=submission-path]", &out.display().to_string())
        .await;
    app.click("[data-test=export-submission]").await;
    app.wait("[data-test=exported]").await;
    app.screenshot("07-export").await;

    let mut wb = open_workbook_auto(&out).expect("the exported workbook opens");
    let names = wb.sheet_names().to_vec();
    assert!(
        names.iter().any(|n| n == "总表") && names.iter().any(|n| n == "工业源清单"),
        "{names:?}"
    );
    let industrial = wb.worksheet_range("工业源清单").unwrap();
    let text: String = industrial
        .cells()
        .map(|(_, _, c)| c.to_string())
        .collect::<Vec<_>>()
        .join("|");
    for name in ["示例水泥有限公司", "示例包装印刷有限公司", "示例砖瓦厂"] {
        assert!(text.contains(name), "{name} in the export");
    }
    // The app's export equals the CLI's reading of it.
    assert_same(
        &app.overview_numbers().await,
        &cli_numbers(&cli_check(None, Some(&out))),
    );

    for (screen, shot) in [
        ("dust", "08-dust"),
        ("mobile", "09-mobile"),
        ("heating", "10-heating"),
        ("review", "11-review"),
        ("settings", "12-settings"),
    ] {
        app.menu(screen).await;
        tokio::time::sleep(Duration::from_millis(400)).await;
        app.screenshot(shot).await;
    }
    app.quit().await;
}
