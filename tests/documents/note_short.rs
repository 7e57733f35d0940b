//! The 测算说明 of a list that misses red explains why — ceiling, exemptions, the sources
//! already stopped, the largest reductions still possible — and carries the county's stated
//! reasons and requested ratio, stored by `note set`.

use assert_cmd::Command;
use jianpai::export::note::{calculation_note, calculation_note_with};
use jianpai::model::{
    Amounts, Baseline, BaselineUnit, EnterpriseClass, Level, List, NoteRequest, PerLevel,
};
use jianpai::store::{ImportMode, Store};

use super::{document_text, note_texts, sample_list};

/// The sample list with a whole society large enough that red is missed, and the furniture
/// works marked 保障类 so that it is exempt from stopping.
fn short_list() -> List {
    let mut list = sample_list();
    list.baseline = Some(Baseline {
        amounts: Amounts {
            so2: 3000.0,
            nox: 5000.0,
            pm: 1500.0,
            vocs: 60.0,
        },
        unit: BaselineUnit::PerYear,
    });
    list.enterprises[1].class = Some(EnterpriseClass::Guarantee);
    list
}

#[test]
fn a_missed_level_is_explained_with_ceiling_exemptions_and_remaining_reductions() {
    let list = short_list();
    let report = jianpai::reduce::check(&list);
    assert!(
        !report.levels[2].pass.level,
        "red must be missed for this test"
    );
    let texts = note_texts(&calculation_note(&list)).join("\n");
    assert!(texts.contains("未达标原因及申请"), "{texts}");
    assert!(texts.contains("即清单全部停产时减排比例的上限"), "{texts}");
    assert!(
        texts.contains("保障类企业（民生、城市运行或战略保障），原则上不停产"),
        "{texts}"
    );
    assert!(texts.contains("无监督人家具厂"), "{texts}");
    assert!(texts.contains("尚可增加的减排量"), "{texts}");
    assert!(
        texts.contains("已全部减排（停产或减排100%）的污染源"),
        "{texts}"
    );
    // Nothing stated yet: the filed note asks for it instead of leaving a silent gap.
    assert!(
        texts.contains("红色预警未达标原因（县（市、区）说明）：【待补充】"),
        "{texts}"
    );
    assert!(!texts.contains("1e-9"));

    let mut requests: PerLevel<Option<NoteRequest>> = PerLevel::from_fn(|_| None);
    requests.red = Some(NoteRequest {
        reason: "本县工业以保障类企业为主".into(),
        requested: Some(0.25),
    });
    let texts = note_texts(&calculation_note_with(&list, &requests)).join("\n");
    assert!(texts.contains("本县工业以保障类企业为主"), "{texts}");
    assert!(
        texts.contains("申请将红色预警减排比例调整为25.00%"),
        "{texts}"
    );
}

#[test]
fn a_list_that_passes_has_no_such_section() {
    let mut list = short_list();
    list.baseline = None;
    let texts = note_texts(&calculation_note(&list)).join("\n");
    assert!(!texts.contains("未达标原因及申请"));
}

#[test]
fn note_set_is_stored_and_written_into_note_and_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("list.sqlite");
    Store::open(&db)
        .unwrap()
        .import(&short_list(), ImportMode::Replace)
        .unwrap();
    let jianpai = || {
        let mut c = Command::cargo_bin("jianpai").unwrap();
        c.arg("--db").arg(&db);
        c
    };
    let out = jianpai()
        .args([
            "note",
            "set",
            "--level",
            "red",
            "--reason",
            "保障类企业占比高",
            "--requested",
            "25%",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("申请减排比例25.00%"));

    let stored = Store::open(&db).unwrap().note_requests().unwrap();
    assert_eq!(
        stored
            .get(Level::Red)
            .as_ref()
            .map(|r| (r.reason.as_str(), r.requested)),
        Some(("保障类企业占比高", Some(0.25)))
    );
    assert!(stored.yellow.is_none());

    let docx = dir.path().join("测算说明.docx");
    let out = jianpai().arg("note").arg(&docx).output().unwrap();
    assert!(out.status.success());
    let text = document_text(&docx);
    assert!(text.contains("保障类企业占比高"), "{text}");
    assert!(text.contains("25.00%"), "{text}");

    // A ratio outside (0, 100 %] or an empty reason is a usage error, and nothing changes.
    for args in [
        vec![
            "note",
            "set",
            "--level",
            "red",
            "--reason",
            "x",
            "--requested",
            "150%",
        ],
        vec!["note", "set", "--level", "red", "--reason", "  "],
        vec![
            "note",
            "set",
            "--level",
            "red",
            "--reason",
            "x",
            "--requested",
            "abc",
        ],
        vec!["note"],
    ] {
        let out = jianpai().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    let again = Store::open(&db).unwrap().note_requests().unwrap();
    assert_eq!(again, stored);
}
