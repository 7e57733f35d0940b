//! `diff`: two workbooks of one county a year apart, built here with known changes, give
//! exactly those changes; the same from history snapshots; the 修订说明 opens in LibreOffice.

use std::collections::HashSet;
use std::path::Path;
use std::process::Command as Process;

use jianpai::export::write_submission;
use jianpai::model::{check_character, Grade, List, Site};
use serde_json::{json, Value};

use super::common::{assert_valid, jianpai, last_year};

fn code(body: &str) -> String {
    format!("{body}{}", check_character(body).unwrap())
}

/// This year's list and the `diff --json` the changes must give (ratios aside).
fn this_year(old: &List) -> (List, Value) {
    let mut new = old.clone();
    new.year = Some(2026);
    let e = &old.enterprises;
    // Removed: the first two enterprises.
    new.enterprises
        .retain(|x| x.code != e[0].code && x.code != e[1].code);
    let find = |list: &mut List, code: &str| -> usize {
        list.enterprises
            .iter()
            .position(|x| x.code == code)
            .unwrap()
    };
    // Added: a new enterprise, a copy of the third under a new code and name.
    let mut added = e[2].clone();
    added.id = 0;
    added.code = code("91410529MA47XK0Q3");
    added.name = "洹水县新建示范材料有限公司".into();
    new.enterprises.push(added.clone());
    // Renamed: the fourth keeps its code under a new name.
    let i = find(&mut new, &e[3].code);
    new.enterprises[i].name = format!("{}（更名）", e[3].name);
    // Grade: the fifth moves to another grade.
    let i = find(&mut new, &e[4].code);
    let to = if e[4].grade == Some(Grade::B) {
        Grade::C
    } else {
        Grade::B
    };
    new.enterprises[i].grade = Some(to);
    // Measure: the sixth's first line gets a new orange measure.
    let i = find(&mut new, &e[5].code);
    new.enterprises[i].sources[0].measures.orange.text = "全厂停产，仅保留保温".into();
    // Emissions: the first line with NOx from the seventh enterprise on (the ninth and
    // tenth aside) doubles it; the eighth's moves 1 % (below the 5 % tolerance: not reported).
    let nox_at = (6..e.len())
        .filter(|&k| k != 7 && k != 8)
        .find(|&k| e[k].sources[0].annual.nox.is_some())
        .expect("a sample line gives annual NOx");
    let i = find(&mut new, &e[nox_at].code);
    let nox_before = e[nox_at].sources[0]
        .annual
        .nox
        .expect("sample lines give annual NOx");
    new.enterprises[i].sources[0].annual.nox = Some(nox_before * 2.0);
    let i = find(&mut new, &e[7].code);
    if let Some(so2) = new.enterprises[i].sources[0].annual.so2.as_mut() {
        *so2 *= 1.01;
    }
    // Lines: the ninth gains a line.
    let i = find(&mut new, &e[8].code);
    let mut line = e[8].sources[0].clone();
    line.id = 0;
    line.name = "3#新建生产线".into();
    new.enterprises[i].sources.push(line);
    // Contacts: the tenth's responsible person changes phone.
    let i = find(&mut new, &e[9].code);
    new.enterprises[i].responsible.phone = "13900001111".into();
    // Sites: the first is finished, a new one starts.
    let gone = new.sites.remove(0);
    new.sites.push(Site {
        id: 0,
        name: "洹水县第二中学新校区建设项目".into(),
        source: jianpai::model::Source {
            id: 0,
            origin: None,
            ..gone.source.clone()
        },
        origin: None,
        ..gone.clone()
    });

    let level_text = |t: &str| t.trim().to_string();
    let expected = json!({
        "enterprises": {
            "added": [{"code": added.code, "name": added.name}],
            "removed": [
                {"code": e[0].code, "name": e[0].name},
                {"code": e[1].code, "name": e[1].name}
            ],
            "renamed": [{"code": e[3].code, "from": e[3].name, "to": format!("{}（更名）", e[3].name)}]
        },
        "sites": {"added": ["洹水县第二中学新校区建设项目"], "removed": [gone.name]},
        "fleets": {"added": [], "removed": []},
        "grade_changes": [{"code": e[4].code, "from": e[4].grade.map(|g| g.label()), "to": to.label()}],
        "class_changes": [],
        "line_changes": [{"code": e[8].code, "added": ["3#新建生产线"], "removed": []}],
        "measure_changes": [{
            "code": e[5].code, "line": e[5].sources[0].name, "level": "orange",
            "from": level_text(&e[5].sources[0].measures.orange.text),
            "to": "全厂停产，仅保留保温"
        }],
        "emission_changes": [{
            "code": e[nox_at].code, "line": e[nox_at].sources[0].name, "pollutant": "nox",
            "from": nox_before, "to": nox_before * 2.0
        }],
        "contact_changes": [{
            "code": e[9].code, "role": "responsible",
            "from": {"name": e[9].responsible.name, "phone": e[9].responsible.phone},
            "to": {"name": e[9].responsible.name, "phone": "13900001111"}
        }],
        "tolerance": 0.05
    });
    (new, expected)
}

fn run_json(db: &Path, args: &[&str]) -> Value {
    let out = jianpai().arg("--db").arg(db).args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn without_ratios(mut v: Value) -> Value {
    v.as_object_mut().unwrap().remove("ratios");
    v
}

#[test]
fn two_workbooks_a_year_apart_give_exactly_the_changes() {
    let dir = tempfile::tempdir().unwrap();
    let old = last_year();
    let (new, expected) = this_year(&old);
    let (old_file, new_file) = (dir.path().join("2025.xlsx"), dir.path().join("2026.xlsx"));
    write_submission(&old, &old_file).unwrap();
    write_submission(&new, &new_file).unwrap();
    let note = dir.path().join("修订说明.docx");
    let db = dir.path().join("unused.sqlite");
    let got = run_json(
        &db,
        &[
            "diff",
            old_file.to_str().unwrap(),
            new_file.to_str().unwrap(),
            "--json",
            "--docx",
            note.to_str().unwrap(),
        ],
    );
    assert_valid("diff.schema.json", &got);
    assert_eq!(without_ratios(got.clone()), expected);
    assert!(
        !db.exists(),
        "comparing two files must not create a data file"
    );

    // Ratios: 12 rows; the doubled emission and the new measure move records.
    let ratios = got["ratios"].as_array().unwrap();
    assert_eq!(ratios.len(), 12);
    assert!(ratios
        .iter()
        .all(|r| r["movers"].as_array().unwrap().len() <= 10));
    let yellow_nox = ratios
        .iter()
        .find(|r| r["level"] == "yellow" && r["pollutant"] == "nox")
        .unwrap();
    assert!(yellow_nox["before"].is_number() && yellow_nox["after"].is_number());
    let moved: HashSet<&str> = ratios
        .iter()
        .flat_map(|r| r["movers"].as_array().unwrap())
        .map(|m| m["code"].as_str().unwrap())
        .collect();
    assert!(
        moved.contains(old.enterprises[0].code.as_str()),
        "a removed enterprise moves ratios"
    );

    assert!(note.exists());
    libreoffice_reads(
        &note,
        &[
            &format!("{}（更名）", old.enterprises[3].name),
            "全厂停产，仅保留保温",
            "减排比例变化",
        ],
    );
}

#[test]
fn snapshots_and_the_store_as_sides() {
    let dir = tempfile::tempdir().unwrap();
    let old = last_year();
    let (new, expected) = this_year(&old);
    let (old_file, new_file) = (dir.path().join("2025.xlsx"), dir.path().join("2026.xlsx"));
    write_submission(&old, &old_file).unwrap();
    write_submission(&new, &new_file).unwrap();
    let db = dir.path().join("list.sqlite");
    for f in [&old_file, &new_file] {
        let out = jianpai()
            .arg("--db")
            .arg(&db)
            .args(["import", "--replace", f.to_str().unwrap()])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
    }
    // Snapshot 1 is last year's import, 2 this year's; NEW defaults to the store.
    assert_eq!(
        without_ratios(run_json(&db, &["diff", "1", "--json"])),
        expected
    );
    assert_eq!(
        without_ratios(run_json(&db, &["diff", "1", "2", "--json"])),
        expected
    );
    // A stored tolerance of 150 % hides the doubled emission.
    let quiet = run_json(
        &db,
        &[
            "diff",
            "1",
            "--json",
            "--tolerance",
            "150",
            "--save-tolerance",
        ],
    );
    assert_eq!(quiet["emission_changes"], json!([]));
    assert_eq!(
        run_json(&db, &["diff", "1", "--json"])["tolerance"],
        json!(1.5)
    );
    // No change: the text says so.
    let same = jianpai()
        .arg("--db")
        .arg(&db)
        .args(["diff", "2"])
        .output()
        .unwrap();
    assert_eq!(same.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&same.stdout).contains("均无变化"));
}

#[test]
fn diff_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    let run = |args: &[&str]| jianpai().arg("--db").arg(&db).args(args).output().unwrap();
    let out = run(&["diff", "7"]);
    assert_eq!(out.status.code(), Some(65));
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有第 7 号快照"));
    let out = run(&["diff", "不存在.xlsx"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("找不到文件"));
    let out = run(&["diff", "1", "--tolerance=-3"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("容差"));
}

/// LibreOffice opens the document and its text holds `needles`.
fn libreoffice_reads(docx: &Path, needles: &[&str]) {
    let available = Process::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        assert!(
            std::env::var("JIANPAI_REQUIRE_SOFFICE").as_deref() != Ok("1"),
            "JIANPAI_REQUIRE_SOFFICE=1 but soffice is not on PATH"
        );
        eprintln!("soffice not on PATH: skipping the LibreOffice check");
        return;
    }
    let out = docx.parent().unwrap();
    let status = Process::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            out.join("lo-profile").display()
        ))
        .args(["--headless", "--convert-to", "txt:Text", "--outdir"])
        .arg(out)
        .arg(docx)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let text = std::fs::read_to_string(docx.with_extension("txt")).expect("LibreOffice wrote text");
    for n in needles {
        assert!(text.contains(n), "修订说明 lacks {n}:\n{text}");
    }
    assert!(text.contains("修订说明"));
}
