//! Every refusal exits 65 with a message saying what is wrong, and writes nothing.

use std::path::Path;

use predicates::str::contains;

use super::common::*;
use super::power::{sheet, V};

/// Runs a command that must be refused with 65 and leave the store as it was.
fn refused(db: &Path, args: &[&str], says: &str) {
    let before = dump(db);
    run(db, args).code(65).stderr(contains(says));
    assert_eq!(dump(db), before, "{args:?} changed the store");
}

#[test]
fn commands_that_need_an_open_episode_refuse_without_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = county_store(dir.path());
    let out = dir.path().join("n.xlsx");
    let power = dir.path().join("p.xlsx");
    sheet(
        &power,
        "S",
        &[vec![V::T("户号"), V::T("日期"), V::T("日用电量")]],
    );
    for args in [
        vec![
            "episode",
            "adjust",
            "--level",
            "red",
            "--at",
            "2025-12-06 12:00",
        ],
        vec!["episode", "end", "--at", "2025-12-06 12:00"],
        vec!["ack", C1, "--at", "2025-12-06 12:00"],
        vec!["inspect", "plan", "--date", "2025-12-06"],
        vec![
            "inspect",
            "record",
            C1,
            "--at",
            "2025-12-06 12:00",
            "--result",
            "落实",
        ],
        vec!["notify", out.to_str().unwrap()],
        vec!["power", "import", power.to_str().unwrap()],
    ] {
        refused(&db, &args, "没有进行中的应急响应过程");
    }
    assert!(!out.exists());
    refused(
        &db,
        &["report", "daily", "--json"],
        "还没有任何应急响应过程",
    );
}

#[test]
fn bad_times_codes_results_and_files_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let db = county_store(d);
    refused(
        &db,
        &[
            "episode",
            "start",
            "--level",
            "orange",
            "--at",
            "12月5日 20点",
        ],
        "无法识别",
    );
    run(
        &db,
        &[
            "episode",
            "start",
            "--level",
            "yellow",
            "--at",
            "2025-12-05 20:00",
        ],
    )
    .success();
    run(
        &db,
        &[
            "episode",
            "adjust",
            "--level",
            "orange",
            "--at",
            "2025-12-06 12:00",
        ],
    )
    .success();

    refused(
        &db,
        &[
            "episode",
            "start",
            "--level",
            "red",
            "--at",
            "2025-12-07 00:00",
        ],
        "尚未解除",
    );
    refused(
        &db,
        &[
            "episode",
            "adjust",
            "--level",
            "red",
            "--at",
            "2025-12-05 19:00",
        ],
        "早于预警启动时间",
    );
    refused(
        &db,
        &[
            "episode",
            "adjust",
            "--level",
            "red",
            "--at",
            "2025-12-06 08:00",
        ],
        "早于最近一次级别调整时间",
    );
    refused(
        &db,
        &[
            "episode",
            "adjust",
            "--level",
            "orange",
            "--at",
            "2025-12-06 18:00",
        ],
        "当前已是橙色预警",
    );
    refused(
        &db,
        &["episode", "end", "--at", "2025-12-06 11:00"],
        "早于最近一次级别调整时间",
    );
    refused(
        &db,
        &["ack", "91410500000000099Z", "--at", "2025-12-06 13:00"],
        "91410500000000099Z",
    );
    refused(
        &db,
        &["ack", "--site", "不存在的工地", "--at", "2025-12-06 13:00"],
        "不存在的工地",
    );
    refused(
        &db,
        &["ack", C1, "--at", "2025-12-06 11:00"],
        "早于本轮通知发出时间",
    );
    refused(
        &db,
        &[
            "inspect",
            "record",
            "91410500000000099Z",
            "--at",
            "2025-12-06 13:00",
            "--result",
            "落实",
        ],
        "91410500000000099Z",
    );
    refused(
        &db,
        &[
            "inspect",
            "record",
            C1,
            "--at",
            "2025-12-05 19:59",
            "--result",
            "落实",
        ],
        "早于预警启动时间",
    );
    refused(
        &db,
        &[
            "inspect",
            "record",
            C1,
            "--at",
            "2025-12-06 13:00",
            "--result",
            "很好",
        ],
        "很好",
    );
    refused(
        &db,
        &[
            "inspect",
            "record",
            C1,
            "--at",
            "2025-12-06 13:00",
            "--result",
            "落实",
            "--corrects",
            "999",
        ],
        "999",
    );
    let missing_photo = d.join("没有.jpg");
    refused(
        &db,
        &[
            "inspect",
            "record",
            C1,
            "--at",
            "2025-12-06 13:00",
            "--result",
            "落实",
            "--photo",
            missing_photo.to_str().unwrap(),
        ],
        "没有.jpg",
    );
    refused(
        &db,
        &["inspect", "plan", "--date", "2025-12-04"],
        "早于预警启动时间",
    );

    // A broken electricity file: every error located, nothing written.
    let broken = sheet(
        &d.join("坏.xlsx"),
        "日用电量",
        &[
            vec![V::T("户号"), V::T("日期"), V::T("日用电量")],
            vec![V::T("P001"), V::T("2025-12-06"), V::N(100.0)],
            vec![V::T("P002"), V::T("前天"), V::N(100.0)],
        ],
    );
    let before = dump(&db);
    let out = run(
        &db,
        &["power", "import", broken.to_str().unwrap(), "--json"],
    )
    .code(65)
    .get_output()
    .clone();
    let text =
        String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("前天") && text.contains("日用电量") && text.contains('3'),
        "{text}"
    );
    assert_eq!(dump(&db), before);

    // A returned workbook with a time that cannot be read: no confirmation at all.
    let returned = sheet(
        &d.join("回执.xlsx"),
        "城关镇",
        &[
            vec![V::T("通知编号"), V::T("确认时间"), V::T("确认人")],
            vec![V::N(8.0), V::T("2025-12-06 13:00"), V::T("甲")],
            vec![V::N(9.0), V::T("下午"), V::T("乙")],
        ],
    );
    refused(
        &db,
        &["ack", "--file", returned.to_str().unwrap()],
        "未记录任何确认",
    );
}
