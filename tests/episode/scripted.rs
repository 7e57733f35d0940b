//! Issue 12's "Done when": a scripted episode — start yellow, adjust to orange, confirmations
//! by command and by the returned workbook, two days of inspections with a 未落实 and its
//! re-check and a correction, two electricity files, end — checked against what was recorded
//! and against hand computations.

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};
use rust_xlsxwriter::Workbook;
use serde_json::{json, Value};

use super::common::*;
use super::power::{long_file, wide_file};

fn codes(plan: &Value) -> Vec<(String, String)> {
    plan["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["code"].as_str().unwrap().to_string(),
                e["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn plan(c: &str, reason: &str) -> (String, String) {
    (c.to_string(), reason.to_string())
}

/// Copies the notification workbook, filling 确认时间 / 确认人 of the rows whose credit code
/// is in `fill`: what a township sends back.
fn fill_returned(from: &Path, to: &Path, fill: &[(&str, &str)]) {
    let mut src = open_workbook_auto(from).unwrap();
    let mut wb = Workbook::new();
    for name in src.sheet_names().to_vec() {
        let range = src.worksheet_range(&name).unwrap();
        let ws = wb.add_worksheet();
        ws.set_name(&name).unwrap();
        let header: Vec<String> = range
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        let col = |h: &str| header.iter().position(|x| x == h);
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    Data::Float(f) => ws.write_number(r as u32, c as u16, *f).map(|_| ()),
                    Data::Empty => Ok(()),
                    other => ws
                        .write_string(r as u32, c as u16, other.to_string())
                        .map(|_| ()),
                }
                .unwrap();
            }
            if let (Some(code_col), Some(at_col)) = (col("统一社会信用代码"), col("确认时间"))
            {
                let code = row.get(code_col).map(|c| c.to_string()).unwrap_or_default();
                if let Some((_, at)) = fill.iter().find(|(c, _)| *c == code) {
                    ws.write_string(r as u32, at_col as u16, *at).unwrap();
                    ws.write_string(r as u32, col("确认人").unwrap() as u16, "乡镇联络员")
                        .unwrap();
                }
            }
        }
    }
    wb.save(to).unwrap();
}

#[test]
fn a_scripted_episode_records_and_reports_exactly_what_happened() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let db = county_store(d);

    // Day 0, 20:00: the city's yellow warning arrives.
    run(
        &db,
        &[
            "episode",
            "start",
            "--level",
            "yellow",
            "--at",
            "2025-12-05 20:00",
            "--doc",
            "市应急〔2025〕3号",
            "--issuer",
            "市重污染天气应急指挥部",
            "--pollutant",
            "PM2.5",
        ],
    )
    .success();
    let shown = json(&db, &["episode", "show", "--json"]);
    // Notices = the enterprises (industrial and mobile rows merged) and sites, minus 长期停产.
    let mut notified: Vec<&str> = shown["current_notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["code"].as_str().unwrap())
        .collect();
    notified.sort_unstable();
    let mut expected = vec![C1, C2, C3, C4, C6, C7, SITE];
    expected.sort_unstable();
    assert_eq!(notified, expected);
    let c1 = &shown["current_notices"][0];
    assert_eq!(c1["code"], C1);
    assert_eq!(c1["deadline"], "2025-12-05 23:00");
    assert_eq!(
        c1["measures"],
        json!(["1#烧结：停产", "运输：国四及以下车辆停运"])
    );

    // Round 1 confirmations: two in time, the site late.
    run(
        &db,
        &["ack", C1, "--at", "2025-12-05 21:00", "--by", "张三"],
    )
    .success();
    run(&db, &["ack", C2, "--at", "2025-12-05 22:30"]).success();
    run(&db, &["ack", "--site", SITE, "--at", "2025-12-05 23:30"]).success();

    // Day 1, 12:00: raised to orange; a new round.
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
    let sheet = d.join("通知.xlsx");
    run(&db, &["notify", sheet.to_str().unwrap()]).success();
    let mut wb = open_workbook_auto(&sheet).unwrap();
    let names = wb.sheet_names().to_vec();
    assert_eq!(names, ["城关镇", "南乡", "未填写乡镇", "短信"]);
    let sms = wb.worksheet_range("短信").unwrap();
    assert_eq!(sms.height(), 8, "a header and one message per notice");
    for row in sms.rows().skip(1) {
        let text = row[1].to_string();
        assert!(text.chars().count() < 300);
        assert!(
            text.contains("橙色预警") && text.contains("2025-12-05 20:00"),
            "{text}"
        );
    }
    let docx_dir = d.join("通知");
    run(&db, &["notify", "--docx", docx_dir.to_str().unwrap()]).success();
    assert_eq!(std::fs::read_dir(&docx_dir).unwrap().count(), 3);

    let returned = d.join("回执.xlsx");
    fill_returned(
        &sheet,
        &returned,
        &[
            (C1, "2025-12-06 13:00"),
            (C2, "2025-12-06 14:00"),
            (C3, "2025-12-06 16:00"),
        ],
    );
    run(&db, &["ack", "--file", returned.to_str().unwrap()])
        .success()
        .stdout(predicates::str::contains("3 份"));
    run(&db, &["ack", "丁家具", "--at", "2025-12-06 12:30"]).success();

    // Day 1's plan: nothing inspected yet; the level when the day began is yellow.
    let p1 = json(&db, &["inspect", "plan", "--date", "2025-12-06", "--json"]);
    valid("inspect-plan", &p1);
    assert_eq!(
        codes(&p1),
        [
            plan(C1, "d_grade"),
            plan(C2, "limiting"),
            plan(C3, "limiting"),
            plan(C4, "limiting"),
            plan(C6, "limiting"),
        ]
    );
    // 乙化工: 30 % of 4 t/d; 丙建材: 20 % of 2 t/d; stops and 自主减排 limit nothing.
    let scores: Vec<f64> = p1["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["score"].as_f64().unwrap())
        .collect();
    assert_eq!(scores, [0.0, 1.2, 0.4, 0.0, 0.0]);

    let photo = d.join("现场.jpg");
    std::fs::write(&photo, b"\xff\xd8\xff fake jpeg bytes").unwrap();
    run(
        &db,
        &[
            "inspect",
            "record",
            C1,
            "--at",
            "2025-12-06 09:00",
            "--result",
            "落实",
            "--by",
            "王五,赵六",
        ],
    )
    .success();
    let bad = json(
        &db,
        &[
            "inspect",
            "record",
            C2,
            "--at",
            "2025-12-06 10:00",
            "--result",
            "未落实",
            "--seen",
            "反应釜满负荷运行",
            "--reading",
            "15300",
            "--photo",
            photo.to_str().unwrap(),
            "--problem",
            "未按要求限产",
            "--rectify",
            "立即限产50%",
            "--json",
        ],
    );
    let stored = bad["photos"][0].as_str().unwrap();
    assert!(stored.starts_with("photos/") && stored.ends_with(".jpg"));
    assert_eq!(
        std::fs::read(d.join(stored)).unwrap(),
        std::fs::read(&photo).unwrap()
    );
    run(
        &db,
        &[
            "inspect",
            "record",
            C3,
            "--at",
            "2025-12-06 11:00",
            "--result",
            "部分落实",
            "--problem",
            "窑炉未降负荷",
        ],
    )
    .success();
    let wrong = json(
        &db,
        &[
            "inspect",
            "record",
            "己印刷",
            "--at",
            "2025-12-06 11:30",
            "--result",
            "落实",
            "--json",
        ],
    );
    let id = wrong["id"].as_i64().unwrap().to_string();
    run(
        &db,
        &[
            "inspect",
            "record",
            C6,
            "--at",
            "2025-12-06 11:45",
            "--result",
            "停产核实",
            "--corrects",
            &id,
        ],
    )
    .success();

    // Day 2's plan: the two violations (ties by name: 丙 before 乙), the one never inspected,
    // then the rest least recently inspected first.
    let p2 = json(&db, &["inspect", "plan", "--date", "2025-12-07", "--json"]);
    assert_eq!(
        codes(&p2),
        [
            plan(C3, "violation"),
            plan(C2, "violation"),
            plan(C4, "limiting"),
            plan(C1, "rotation"),
            plan(C6, "rotation"),
        ]
    );
    run(
        &db,
        &[
            "inspect",
            "record",
            C2,
            "--at",
            "2025-12-07 09:00",
            "--result",
            "落实",
            "--seen",
            "已限产50%",
        ],
    )
    .success();
    run(
        &db,
        &[
            "inspect",
            "record",
            C3,
            "--at",
            "2025-12-07 10:00",
            "--result",
            "落实",
        ],
    )
    .success();
    let p3 = json(&db, &["inspect", "plan", "--date", "2025-12-08", "--json"]);
    assert_eq!(
        codes(&p3),
        [
            plan(C4, "limiting"),
            plan(C1, "rotation"),
            plan(C6, "rotation"),
            plan(C2, "rotation"),
            plan(C3, "rotation"),
        ]
    );

    // Electricity: the long file, then the wide one.
    let long = json(
        &db,
        &["power", "import", long_file(d).to_str().unwrap(), "--json"],
    );
    assert_eq!(long["written"], 10);
    assert_eq!(long["unmatched"], 1);
    let wide = json(
        &db,
        &["power", "import", wide_file(d).to_str().unwrap(), "--json"],
    );
    valid("power-import", &long);
    valid("power-import", &wide);
    assert_eq!(wide["written"], 7);
    assert_eq!(wide["days"], 4);
    assert_eq!(wide["no_normal"], json!([C4]));
    // By hand: the day's level is the one in force at 00:00 (start day: the start level),
    // cap = stated 上限, else normal × max(1 − s, 0.10); flagged when use > cap × 1.10.
    //   甲钢铁  stops (s = 1): cap 10000 × 0.10 = 1000 → flag above 1100:
    //           12-04 before the start; 12-05 1050 no; 12-06 1200 yes; 12-07 1100 no; 12-08 900 no.
    //   乙化工  s = 0.3 yellow → 14000 (15400), s = 0.5 orange → 10000 (11000):
    //           12-05 15000 no; 12-06 (yellow) 15500 yes; 12-07 12000 yes; 12-08 10900 no;
    //           12-09 30000 yes while the episode is open (judged again after the end: no).
    //   丙建材  stated 4500 (4950) / 4000 (4400): 12-05 5000 yes; 12-06 4900 no; 12-07 4500 yes;
    //           12-08 4400 no.
    //   己印刷  stops: 800 (880): 12-06 880 no; 12-07 1000 yes.
    let hand = [
        (C3, "2025-12-05", 5000.0, 4500.0),
        (C1, "2025-12-06", 1200.0, 1000.0),
        (C2, "2025-12-06", 15500.0, 14000.0),
        (C2, "2025-12-07", 12000.0, 10000.0),
        (C3, "2025-12-07", 4500.0, 4000.0),
        (C6, "2025-12-07", 1000.0, 800.0),
        (C2, "2025-12-09", 30000.0, 10000.0),
    ];
    let mut flags: Vec<(String, String, f64, f64)> = wide["flagged"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["date"].as_str().unwrap().to_string(),
                f["use"].as_f64().unwrap(),
                f["cap"].as_f64().unwrap(),
            )
        })
        .collect();
    flags.sort_by(|a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
    let mut hand: Vec<(String, String, f64, f64)> = hand
        .iter()
        .map(|(c, d, u, cap)| (c.to_string(), d.to_string(), *u, *cap))
        .collect();
    hand.sort_by(|a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
    assert_eq!(flags, hand);
    assert_eq!(wide["judged"], 4);

    // Day 3, 10:00: lifted.
    run(&db, &["episode", "end", "--at", "2025-12-08 10:00"]).success();

    let shown = json(&db, &["episode", "show", "--json"]);
    valid("episode-show", &shown);
    assert_eq!(
        shown["levels"],
        json!([
            {"level": "yellow", "at": "2025-12-05 20:00", "doc": "市应急〔2025〕3号"},
            {"level": "orange", "at": "2025-12-06 12:00", "doc": ""}
        ])
    );
    assert_eq!(shown["ended_at"], "2025-12-08 10:00");
    // Round 1: 7 issued, 甲钢铁 and 乙化工 in time, the site late, four never → 5 超时.
    // Round 2: 7 issued, 甲钢铁 乙化工 丁家具 in time, 丙建材 late, three never → 4 超时.
    assert_eq!(
        shown["notices"],
        json!({"issued": 14, "confirmed": 7, "confirmed_in_time": 5, "overdue": 9})
    );
    let states: Vec<(&str, &str)> = shown["current_notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["code"].as_str().unwrap(), n["state"].as_str().unwrap()))
        .collect();
    assert!(states.contains(&(C3, "overdue")));
    assert!(states.contains(&(C4, "confirmed")));
    assert!(states.contains(&(SITE, "overdue")));
    // Six records stand: the corrected 落实 of 己印刷 is replaced by its 停产核实.
    assert_eq!(
        shown["inspections"],
        json!({"total": 6, "by_result": {"落实": 3, "部分落实": 1, "未落实": 1, "停产核实": 1}})
    );
    assert_eq!(shown["records"].as_array().unwrap().len(), 7);

    // The daily report of day 1 counts what was recorded on that day.
    let daily_docx = d.join("工作信息.docx");
    let daily = json(
        &db,
        &[
            "report",
            "daily",
            daily_docx.to_str().unwrap(),
            "--date",
            "2025-12-06",
            "--json",
        ],
    );
    valid("report-daily", &daily);
    assert_eq!(daily["level"], "orange");
    assert_eq!(daily["level_since"], "2025-12-06 12:00");
    assert_eq!(daily["started_at"], "2025-12-05 20:00");
    assert_eq!(daily["pollutant"], "PM2.5");
    assert_eq!(
        daily["notices"],
        json!({"issued": 14, "confirmed": 7, "confirmed_in_time": 5, "overdue": 9})
    );
    assert_eq!(
        daily["inspections"],
        json!({"total": 4, "by_result": {"落实": 1, "部分落实": 1, "未落实": 1, "停产核实": 1}})
    );
    assert_eq!(daily["problems"].as_array().unwrap().len(), 2);
    assert_eq!(daily["power_flags"], 2);
    assert_eq!(
        daily["measures"],
        json!({"stop": 2, "limit": 2, "self_chosen": 1, "other": 0,
               "sites_stopped": 1, "fleets_restricted": 2})
    );
    assert_eq!(daily["due"], "2025-12-07 08:30");

    let eval_docx = d.join("总结评估.docx");
    let eval = json(
        &db,
        &[
            "report",
            "evaluation",
            eval_docx.to_str().unwrap(),
            "--json",
        ],
    );
    valid("report-evaluation", &eval);
    assert_eq!(eval["duration_hours"], 62.0);
    assert_eq!(eval["levels"][0]["hours"], 16.0);
    assert_eq!(eval["levels"][1]["hours"], 46.0);
    assert_eq!(eval["notices"], shown["notices"]);
    assert_eq!(
        eval["confirmed_in_time_share"].as_f64().unwrap(),
        jianpai::reduce::tidy(5.0 / 14.0)
    );
    assert_eq!(eval["inspections"], shown["inspections"]);
    let violations: Vec<(&str, &str)> = eval["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["code"].as_str().unwrap(),
                v["rectification"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(violations, [(C2, "立即限产50%"), (C3, "")]);
    assert_eq!(eval["downgrade_candidates"], json!(["乙化工"]));
    assert_eq!(eval["guarantee_candidates"], json!(["乙化工"]));
    assert_eq!(eval["power_judged"], 4);
    assert_eq!(eval["power_flagged"], 6);
    assert_eq!(eval["power_flagged_enterprises"], 4);
    assert_eq!(eval["power_no_normal"], 1);
    assert_eq!(eval["due"], "2025-12-13");
    // The promised reduction at each level is the engine's.
    let list = jianpai::store::Store::open(&db).unwrap().load().unwrap();
    let check = jianpai::reduce::check(&list);
    assert_eq!(
        eval["levels"][1]["promised"],
        serde_json::to_value(check.levels[1].reduction).unwrap()
    );

    for doc in [&daily_docx, &eval_docx] {
        opens_in_libreoffice(doc);
    }
}

/// LibreOffice converts the document to PDF (skipped, with a note, where it is not installed,
/// unless `JIANPAI_REQUIRE_SOFFICE=1`).
fn opens_in_libreoffice(docx: &Path) {
    let ok = std::process::Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var("JIANPAI_REQUIRE_SOFFICE").as_deref() != Ok("1"),
            "JIANPAI_REQUIRE_SOFFICE=1 but soffice is not on PATH"
        );
        eprintln!("soffice not on PATH: not opening {}", docx.display());
        return;
    }
    let out = docx.parent().unwrap();
    let status = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            out.join("lo-profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out)
        .arg(docx)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let pdf = docx.with_extension("pdf");
    assert!(std::fs::metadata(&pdf)
        .map(|m| m.len() > 1000)
        .unwrap_or(false));
}
