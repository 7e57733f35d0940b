//! 设置 in the real window: the automatic backups of the data file are listed after an
//! import, restoring one brings the earlier list back (the 总览 shows its numbers again), and
//! the 关于 dialog shows the version and the folders.

use jianpai_e2e::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_is_listed_after_an_import_and_restoring_it_brings_the_list_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    let first = fixture_workbook(dir.path());
    let second = sample_lists().into_iter().next().expect("a sample list");
    let app = App::start(&db).await;
    app.import(&first).await;
    let before = app.overview_numbers().await;
    // The second import backs up the list of the first before writing.
    app.import(&second).await;
    let after = app.overview_numbers().await;
    assert_ne!(before, after, "the second list must show other numbers");

    app.menu("settings").await;
    app.wait("[data-test=backups-table] .el-table__body tr")
        .await;
    app.screenshot("settings-backups").await;
    let reasons = app
        .js("return [...document.querySelectorAll('[data-test=backups-table] .el-table__body tr')].map(r => r.innerText)")
        .await;
    let reasons = reasons.as_array().expect("rows");
    assert!(
        reasons
            .iter()
            .any(|r| r.as_str().unwrap_or("").contains("导入前")),
        "{reasons:?}"
    );
    app.click(
        "[data-test=backups-table] .el-table__body tr:first-child [data-test=backup-restore]",
    )
    .await;
    app.click(".el-message-box__btns .el-button--primary").await;
    app.until("the backup list shows the restore", || async {
        app.js("return [...document.querySelectorAll('[data-test=backups-table] .el-table__body tr')].some(r => r.innerText.includes('恢复前'))")
            .await
            == true
    })
    .await;
    let restored = app.overview_numbers().await;
    assert_eq!(restored, before, "the restored list is the first one");
    // And the CLI sees the same list in the same data file.
    assert_same(&restored, &cli_numbers(&cli_check(Some(&db), None)));

    // The preferences are shown with their defaults.
    app.menu("settings").await;
    app.wait("[data-test=pref-max-emission]").await;
    let value = app
        .js("return document.querySelector('[data-test=pref-max-emission] input, input[data-test=pref-max-emission]').value")
        .await;
    assert_eq!(value.as_str(), Some("1000000"));
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_about_dialog_shows_the_version_and_the_folders() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    let app = App::start(&db).await;
    app.click("[data-test=about-open]").await;
    app.wait("[data-test=about-version]").await;
    app.screenshot("about").await;
    let text = |css: &'static str| {
        let app = &app;
        async move {
            app.js(&format!("return document.querySelector('{css}').innerText"))
                .await
                .as_str()
                .unwrap_or("")
                .to_string()
        }
    };
    assert_eq!(
        text("[data-test=about-version]").await,
        env!("CARGO_PKG_VERSION")
    );
    assert_eq!(
        text("[data-test=about-data-file]").await,
        db.display().to_string()
    );
    assert_eq!(
        text("[data-test=about-data-dir]").await,
        dir.path().display().to_string()
    );
    assert_eq!(
        text("[data-test=about-backups-dir]").await,
        dir.path().join("backups").display().to_string()
    );
    app.click("[data-test=about-close]").await;
    // Also reachable from 设置.
    app.menu("settings").await;
    app.click("[data-test=backups-panel] [data-test=about-open]")
        .await;
    app.wait("[data-test=about-backups-dir]").await;
    app.quit().await;
}
