//! Boards as a reviewer reads them (one spelling per measure, 全厂停产, the transport rule of a
//! D grade, transport-only and repeated records) and the batch commands that write every plan
//! and board with a progress line.

use assert_cmd::Command;
use jianpai::docs::content::{self, BoardKind, D_GRADE_TRANSPORT, GUO4_BAN, WHOLE_PLANT_STOP};
use jianpai::docs::{board, plan};
use jianpai::model::{Enterprise, Fleet, Grade, Level, List, Source};
use jianpai::store::{ImportMode, Store};

use super::{document_text, sample_list};

fn line(name: &str, yellow: &str, orange: &str, red: &str) -> Source {
    let mut s = Source {
        name: name.into(),
        ..Default::default()
    };
    s.measures.yellow.text = yellow.into();
    s.measures.orange.text = orange.into();
    s.measures.red.text = red.into();
    s
}

fn foundry(grade: Grade) -> Enterprise {
    Enterprise {
        name: "示例铸造厂".into(),
        code: "91410500MA44Y7XK2N".into(),
        county: "示例县".into(),
        industry: "铸造".into(),
        grade: Some(grade),
        sources: vec![
            line("1#电炉", "停产", "停止生产", "全部停产。"),
            line("2#电炉", "停止生产", "停 产", "停产"),
            line("抛丸线", "限产50％", "停产", "停产"),
        ],
        ..Default::default()
    }
}

#[test]
fn stop_synonyms_share_one_line_and_a_whole_stop_says_so() {
    let list = List {
        enterprises: vec![foundry(Grade::C)],
        ..Default::default()
    };
    let b = content::board_of_enterprise(&list, "示例铸造厂").unwrap();
    let yellow = &b.content.levels.yellow;
    assert_eq!(yellow[0], "1#电炉、2#电炉：停产");
    assert_eq!(yellow[1], "抛丸线：限产50%");
    // Every line stops at orange and red: one line for the plant, then its transport.
    for level in [Level::Orange, Level::Red] {
        let lines = b.content.levels.get(level);
        assert_eq!(lines[0], WHOLE_PLANT_STOP, "{level:?}");
        assert_eq!(lines.len(), 2, "{lines:?}");
    }
}

#[test]
fn a_d_grade_without_fleet_row_stops_its_trucks_from_orange() {
    let list = List {
        enterprises: vec![foundry(Grade::D)],
        ..Default::default()
    };
    let b = content::board_of_enterprise(&list, "91410500MA44Y7XK2N").unwrap();
    let transport = format!("运输车辆：{D_GRADE_TRANSPORT}");
    assert!(!b.content.levels.yellow.contains(&transport));
    assert!(b.content.levels.orange.contains(&transport));
    assert!(b.content.levels.red.contains(&transport));

    // The plan says it too, in its transport chapter.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.docx");
    plan::write_plan(&list, "91410500MA44Y7XK2N", &path).unwrap();
    let text = document_text(&path);
    assert!(text.contains("运输管控"), "{text}");
    assert!(text.contains(D_GRADE_TRANSPORT), "{text}");

    // A C grade without a fleet row is under the 国四 ban from orange on.
    let list = List {
        enterprises: vec![foundry(Grade::C)],
        ..Default::default()
    };
    let b = content::board_of_enterprise(&list, "示例铸造厂").unwrap();
    assert_eq!(
        b.content.levels.orange.last().unwrap(),
        &format!("运输车辆：{GUO4_BAN}")
    );
    assert!(b
        .content
        .levels
        .yellow
        .iter()
        .all(|l| !l.starts_with("运输车辆")));
}

/// The sample list plus a logistics firm only on the 移动源 sheet and the sample site repeated
/// on a second row.
fn list_with_transport_only_and_repeated_site() -> List {
    let mut list = sample_list();
    let mut logistics = Fleet {
        county: "示例县".into(),
        name: "示例物流有限公司".into(),
        code: "91410500MA9XYZ0001".into(),
        daily_trips: Some(40.0),
        ..Default::default()
    };
    logistics.source.measures.orange.text = "停止国四及以下车辆运输".into();
    list.fleets.push(logistics);
    let mut again = list.sites[0].clone();
    again.name = format!(" {} ", again.name);
    list.sites.push(again);
    list
}

#[test]
fn transport_only_enterprises_get_a_board_and_sites_get_one_each() {
    let list = list_with_transport_only_and_repeated_site();
    let boards = board::all_boards(&list);
    // Two enterprises, the logistics firm, one site (not two).
    assert_eq!(
        boards.len(),
        4,
        "{:?}",
        boards.iter().map(|b| &b.0).collect::<Vec<_>>()
    );
    let (file, logistics) = boards
        .iter()
        .find(|(_, b)| b.content.kind == BoardKind::Transport)
        .expect("a transport board");
    assert_eq!(file, "示例物流有限公司-公示牌.docx");
    assert_eq!(
        logistics.content.levels.orange,
        ["运输车辆：停止国四及以下车辆运输"]
    );
    // Red says nothing of its own and inherits orange's measure.
    assert_eq!(
        logistics.content.levels.red,
        ["运输车辆：停止国四及以下车辆运输"]
    );
    // Its people are not on the 移动源 sheet: they are asked for, not invented.
    assert!(logistics
        .missing
        .iter()
        .any(|m| m.field == "应急减排责任人及联系方式" && m.place == "示例物流有限公司"));
    assert_eq!(
        boards
            .iter()
            .filter(|(_, b)| b.content.kind == BoardKind::Site)
            .count(),
        1
    );
}

fn stored(list: &List) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    let mut store = Store::open(&db).unwrap();
    store.import(list, ImportMode::Replace).unwrap();
    (dir, db)
}

#[test]
fn plan_all_and_board_all_write_every_file_with_a_progress_line() {
    let list = list_with_transport_only_and_repeated_site();
    let (dir, db) = stored(&list);

    let plans = dir.path().join("方案");
    let out = Command::cargo_bin("jianpai")
        .unwrap()
        .arg("--db")
        .arg(&db)
        .args(["plan", "--all"])
        .arg(&plans)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("[1/2] 已生成 示例水泥有限公司-一厂一策.docx"),
        "{stderr}"
    );
    assert!(
        stderr.contains("[2/2] 已生成 无监督人家具厂-一厂一策.docx"),
        "{stderr}"
    );
    let mut files: Vec<String> = std::fs::read_dir(&plans)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "无监督人家具厂-一厂一策.docx",
            "示例水泥有限公司-一厂一策.docx"
        ]
    );

    let boards = dir.path().join("公示牌");
    let out = Command::cargo_bin("jianpai")
        .unwrap()
        .arg("--db")
        .arg(&db)
        .args(["board", "--all"])
        .arg(&boards)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("[4/4] 已生成"), "{stderr}");
    assert_eq!(std::fs::read_dir(&boards).unwrap().count(), 4);
    assert!(boards.join("示例物流有限公司-公示牌.docx").exists());
}

#[test]
fn plan_usage_errors_exit_2() {
    for args in [
        vec!["plan", "only-a-code"],
        vec!["plan", "--all"],
        vec!["plan"],
    ] {
        let out = Command::cargo_bin("jianpai")
            .unwrap()
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn a_batch_into_a_file_path_is_a_chinese_write_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    let err = plan::write_all_plans(&sample_list(), &file, |_, _, _| {}).unwrap_err();
    assert!(err.to_string().contains("无法写入"), "{err}");
}

#[test]
fn an_a_grade_plan_says_what_it_still_does_and_no_plan_names_the_program() {
    let mut list = List {
        enterprises: vec![foundry(Grade::A)],
        ..Default::default()
    };
    for s in &mut list.enterprises[0].sources {
        for level in Level::ALL {
            s.measures.get_mut(level).text = "自主减排".into();
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.docx");
    plan::write_plan(&list, "示例铸造厂", &path).unwrap();
    let text = document_text(&path);
    assert!(text.contains("七、自主减排"), "{text}");
    assert!(text.contains("自主减排不等于不减排"), "{text}");
    assert!(text.contains("见“自主减排”"), "{text}");
    assert!(!text.to_lowercase().contains("jianpai"), "{text}");

    let path = dir.path().join("b.docx");
    plan::write_plan(&sample_list(), super::CODE, &path).unwrap();
    let text = document_text(&path);
    assert!(!text.to_lowercase().contains("jianpai"));
    assert!(
        !text.contains("自主减排不等于不减排"),
        "only A grades get the chapter"
    );
}

#[test]
fn the_plan_lists_the_enterprise_s_non_road_machinery() {
    let mut machine = jianpai::model::Machinery {
        user: "示例铸造厂".into(),
        kind: "装载机".into(),
        stage: jianpai::model::NonroadStage::Guo2,
        count: Some(3),
        fuel: "柴油".into(),
        ..Default::default()
    };
    machine.measures.orange = "停止使用".into();
    let other = jianpai::model::Machinery {
        user: "别的工地".into(),
        kind: "挖掘机".into(),
        ..Default::default()
    };
    let list = List {
        enterprises: vec![foundry(Grade::C)],
        machinery: vec![machine, other],
        ..Default::default()
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.docx");
    plan::write_plan(&list, "示例铸造厂", &path).unwrap();
    let text = document_text(&path);
    for want in ["装载机", "国二", "柴油", "停止使用"] {
        assert!(text.contains(want), "plan lacks {want}\n{text}");
    }
    assert!(
        !text.contains("挖掘机"),
        "another user's machine is not this plan's"
    );
}
