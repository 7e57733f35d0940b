//! `episode settings`: the defaults the spec gives, a change that the next round, plan and
//! electricity check follow, and values out of range refused with 65 and nothing written.

use predicates::str::contains;

use super::common::*;

#[test]
fn settings_show_the_defaults_and_a_change_governs_the_next_round_and_plan() {
    let dir = tempfile::tempdir().unwrap();
    let db = county_store(dir.path());
    let shown = json(&db, &["episode", "settings", "--json"]);
    valid("episode-settings", &shown);
    assert_eq!(
        shown,
        serde_json::json!({
            "notify_window_hours": 3.0, "daily_quota": 5, "standby_load": 0.1,
            "power_tolerance": 0.1, "daily_report_due": "08:30", "evaluation_due_days": 5
        })
    );

    let set = json(
        &db,
        &[
            "episode",
            "settings",
            "--notify-hours",
            "1.5",
            "--quota",
            "2",
            "--standby",
            "20%",
            "--tolerance",
            "0.05",
            "--report-due",
            "9:00",
            "--evaluation-days",
            "3",
            "--json",
        ],
    );
    valid("episode-settings", &set);
    assert_eq!(set["notify_window_hours"], 1.5);
    assert_eq!(set["daily_quota"], 2);
    assert!((set["standby_load"].as_f64().unwrap() - 0.2).abs() < 1e-12);
    assert_eq!(set["power_tolerance"], 0.05);
    assert_eq!(set["daily_report_due"], "09:00", "the time is normalised");
    assert_eq!(set["evaluation_due_days"], 3);
    // Stored with the list: a new process reads the same.
    assert_eq!(json(&db, &["episode", "settings", "--json"]), set);

    run(
        &db,
        &[
            "episode",
            "start",
            "--level",
            "orange",
            "--at",
            "2025-12-05 20:00",
        ],
    )
    .success();
    let show = json(&db, &["episode", "show", "--json"]);
    for n in show["current_notices"].as_array().unwrap() {
        assert_eq!(
            n["deadline"], "2025-12-05 21:30",
            "deadline = issue + 1.5 h"
        );
    }
    let plan = json(&db, &["inspect", "plan", "--date", "2025-12-06", "--json"]);
    assert_eq!(plan["entries"].as_array().unwrap().len(), 2, "quota 2");

    // A change while the episode is open leaves the issued deadlines as they were.
    run(&db, &["episode", "settings", "--notify-hours", "4"]).success();
    let again = json(&db, &["episode", "show", "--json"]);
    assert_eq!(
        again["current_notices"][0]["deadline"], "2025-12-05 21:30",
        "a notice keeps the deadline it was issued with"
    );
    run(
        &db,
        &[
            "episode",
            "adjust",
            "--level",
            "red",
            "--at",
            "2025-12-06 08:00",
        ],
    )
    .success();
    let red = json(&db, &["episode", "show", "--json"]);
    assert_eq!(red["current_notices"][0]["deadline"], "2025-12-06 12:00");
}

#[test]
fn settings_out_of_range_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = county_store(dir.path());
    for (args, says) in [
        (vec!["--quota", "0"], "每日抽查家数 0 不在 1 到 1000 之间"),
        (vec!["--notify-hours", "0"], "通知回复时限 0.00 小时"),
        (vec!["--standby", "100%"], "停产企业保安用电比例 100.00%"),
        (vec!["--tolerance", "150%"], "用电量超限容差 150.00%"),
        (
            vec!["--report-due", "25:00"],
            "每日信息报送时间“25:00”无法识别",
        ),
        (vec!["--evaluation-days", "0"], "总结评估报送期限 0 天"),
    ] {
        let before = dump(&db);
        let mut all = vec!["episode", "settings"];
        all.extend(args.iter().copied());
        run(&db, &all).code(65).stderr(contains(says));
        assert_eq!(dump(&db), before, "{args:?} changed the store");
    }
    // Two bad values at once: both named, nothing saved.
    run(
        &db,
        &["episode", "settings", "--quota", "0", "--standby=-0.5"],
    )
    .code(65)
    .stderr(contains("每日抽查家数"))
    .stderr(contains("停产企业保安用电比例"));
    // Not a share at all: a usage error.
    run(&db, &["episode", "settings", "--standby", "一成"])
        .code(2)
        .stderr(contains("请写成 10% 或 0.1"));
    assert_eq!(
        json(&db, &["episode", "settings", "--json"])["daily_quota"],
        5
    );
}
