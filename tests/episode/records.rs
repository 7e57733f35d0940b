//! What the 台账 keeps: notices keep the copy they were sent with when the list changes,
//! photos are kept once by content, sites are inspected like enterprises, and a start opens
//! with its round of notices through the library as well as the CLI.

use jianpai::app::episode::{self as ep, RecordArgs, StartArgs, Target};
use jianpai::model::Level;
use jianpai::store::Store;

use super::common::*;

#[test]
fn a_list_edit_after_the_start_does_not_rewrite_the_notices() {
    let dir = tempfile::tempdir().unwrap();
    let db = county_store(dir.path());
    let mut store = Store::open(&db).unwrap();
    let args = StartArgs {
        at: "2025-12-05 20:00".into(),
        ..Default::default()
    };
    ep::start_episode(&mut store, Level::Yellow, &args).unwrap();

    let mut list = store.load().unwrap();
    let e = list.enterprises.iter_mut().find(|e| e.code == C2).unwrap();
    e.responsible.phone = "13999999999".into();
    e.sources[0].measures.yellow.text = "停产".into();
    let edited = e.clone();
    store.save_enterprise(&edited).unwrap();

    let shown = ep::show_episode(&store, None).unwrap();
    let n = shown.current_notices.iter().find(|n| n.code == C2).unwrap();
    assert_eq!(n.phone, "13800000000");
    assert_eq!(n.measures, ["反应釜：限产30%"]);
    // The next round is computed from the list as it is then.
    ep::adjust_episode(&mut store, Level::Orange, "2025-12-06 12:00", "").unwrap();
    let shown = ep::show_episode(&store, None).unwrap();
    let n = shown.current_notices.iter().find(|n| n.code == C2).unwrap();
    assert_eq!(n.phone, "13999999999");
}

#[test]
fn photos_are_kept_once_by_content_and_sites_are_inspected() {
    let dir = tempfile::tempdir().unwrap();
    let db = county_store(dir.path());
    let mut store = Store::open(&db).unwrap();
    let start = StartArgs {
        at: "2025-12-05 20:00".into(),
        ..Default::default()
    };
    ep::start_episode(&mut store, Level::Orange, &start).unwrap();
    let a = dir.path().join("a.PNG");
    let b = dir.path().join("b.png");
    std::fs::write(&a, b"same picture").unwrap();
    std::fs::write(&b, b"same picture").unwrap();
    let args = RecordArgs {
        at: "2025-12-06 09:00".into(),
        result: "未落实".into(),
        photos: vec![a, b],
        problem: "未停止土石方作业".into(),
        rectification: "立即停工".into(),
        ..Default::default()
    };
    let r = ep::inspect_record(&mut store, &Target::Site(SITE.into()), &args).unwrap();
    assert_eq!(r.photos.len(), 2);
    assert_eq!(r.photos[0], r.photos[1]);
    assert!(r.photos[0].ends_with(".png"));
    let files = std::fs::read_dir(dir.path().join("photos"))
        .unwrap()
        .count();
    assert_eq!(files, 1);
    assert_eq!(r.name, SITE);

    // A site's 未落实 is a problem of the day but not a 降级 candidate (sites have no grade),
    // and sites are not planned.
    ep::end_episode(&mut store, "2025-12-07 00:00").unwrap();
    let eval = ep::report_evaluation(&store, None, None).unwrap();
    assert_eq!(eval.violations.len(), 1);
    assert!(eval.downgrade_candidates.is_empty());
}

#[test]
fn the_notices_by_township_name_each_addressee() {
    let dir = tempfile::tempdir().unwrap();
    let db = county_store(dir.path());
    run(
        &db,
        &[
            "episode",
            "start",
            "--level",
            "red",
            "--at",
            "2025-12-05 20:00",
        ],
    )
    .success();
    let out = dir.path().join("docx");
    run(&db, &["notify", "--docx", out.to_str().unwrap()]).success();
    let town = out.join("城关镇-红色预警通知.docx");
    let file = std::fs::File::open(&town).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains("甲钢铁") && xml.contains("乙化工"));
    assert!(!xml.contains("丙建材"), "丙建材 is in 南乡");
    assert!(xml.contains("2025-12-05 23:00"), "the deadline");
}

/// A drill entered ahead of the clock: a confirmation dated after "now" counts as confirmed
/// in the counts, as the notice's own state shows it (the app's tick relies on both agreeing).
#[test]
fn confirmations_ahead_of_the_clock_are_counted_as_the_notice_shows_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = county_store(dir.path());
    run(
        &db,
        &[
            "episode",
            "start",
            "--level",
            "orange",
            "--at",
            "2099-12-05 20:00",
        ],
    )
    .success();
    run(
        &db,
        &["ack", C1, "--at", "2099-12-05 21:10", "--by", "李明"],
    )
    .success();
    let show = json(&db, &["episode", "show", "--json"]);
    assert_eq!(show["notices"]["confirmed"], 1);
    assert_eq!(show["notices"]["overdue"], 0);
    let confirmed: Vec<&serde_json::Value> = show["current_notices"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["state"] == "confirmed")
        .collect();
    assert_eq!(confirmed.len(), 1);
    assert_eq!(confirmed[0]["confirmed_by"], "李明");
}
