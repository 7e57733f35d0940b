//! A fully filled enterprise's plan, rendered by LibreOffice: no 【待补充】, its outlets and a
//! numeric electricity cap for every level, and no number broken across two lines.

use jianpai::docs::{plan, PLACEHOLDER};

use super::{document_text, rendered_pages, sample_list, soffice_available, CODE};

/// The numbers of a text with at least `min` characters (digits and a decimal point).
fn numbers(text: &str, min: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() || (c == '.' && !cur.is_empty()) {
            cur.push(c);
        } else {
            let n = cur.trim_end_matches('.').to_string();
            if n.len() >= min && !out.contains(&n) {
                out.push(n);
            }
            cur.clear();
        }
    }
    out
}

#[test]
fn a_fully_filled_plan_has_no_gaps_and_renders_without_split_numbers() {
    let list = sample_list();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.docx");
    let missing = plan::write_plan(&list, CODE, &path).unwrap();
    assert!(missing.is_empty(), "{missing:?}");
    let text = document_text(&path);
    assert!(!text.contains(PLACEHOLDER), "{text}");
    for want in [
        "排污节点",
        "DA005",
        "袋式除尘+SCR脱硝",
        "GB 4915-2013",
        "黄色预警关键性指标：全厂日用电量不高于84000 kWh",
        "橙色预警关键性指标：全厂日用电量不高于60000 kWh",
        "红色预警关键性指标：全厂日用电量不高于",
    ] {
        assert!(text.contains(want), "plan lacks {want}\n{text}");
    }

    if !soffice_available() {
        assert!(
            std::env::var_os("JIANPAI_REQUIRE_SOFFICE").is_none(),
            "JIANPAI_REQUIRE_SOFFICE=1 but soffice is not on PATH: install LibreOffice"
        );
        eprintln!("soffice not on PATH: skipping the PDF checks");
        return;
    }
    let pages = rendered_pages(&path);
    assert!((5..=20).contains(&pages), "{pages} pages");
    let pdf = path.with_extension("pdf");
    let out = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let pdf_text = String::from_utf8_lossy(&out.stdout);
    assert!(!pdf_text.contains(PLACEHOLDER));
    // Every number of four or more characters the document holds is whole in the PDF: a
    // number wrapped inside a narrow cell would come out as two pieces on two lines.
    let broken: Vec<String> = numbers(&text, 4)
        .into_iter()
        .filter(|n| !pdf_text.contains(n.as_str()))
        .collect();
    assert!(broken.is_empty(), "numbers split in the PDF: {broken:?}");
}

/// Converts `docx` and returns the PDF's text (`None` when soffice is absent and not required).
fn pdf_text(docx: &std::path::Path) -> Option<(usize, String)> {
    if !soffice_available() {
        assert!(
            std::env::var_os("JIANPAI_REQUIRE_SOFFICE").is_none(),
            "JIANPAI_REQUIRE_SOFFICE=1 but soffice is not on PATH: install LibreOffice"
        );
        eprintln!("soffice not on PATH: skipping the PDF checks");
        return None;
    }
    let pages = rendered_pages(docx);
    let out = std::process::Command::new("pdftotext")
        .arg(docx.with_extension("pdf"))
        .arg("-")
        .output()
        .expect("pdftotext runs");
    Some((pages, String::from_utf8_lossy(&out.stdout).into_owned()))
}

#[test]
fn the_note_and_a_transport_board_render_too() {
    let mut list = sample_list();
    list.baseline = Some(jianpai::model::Baseline {
        amounts: jianpai::model::Amounts {
            so2: 3000.0,
            nox: 5000.0,
            pm: 1500.0,
            vocs: 60.0,
        },
        unit: jianpai::model::BaselineUnit::PerYear,
    });
    let mut logistics = jianpai::model::Fleet {
        name: "示例物流有限公司".into(),
        county: "示例县".into(),
        ..Default::default()
    };
    logistics.source.measures.orange.text = "停止国四及以下车辆运输".into();
    list.fleets.push(logistics);
    let dir = tempfile::tempdir().unwrap();

    let note = dir.path().join("note.docx");
    jianpai::docs::note::write_note(&list, &note).unwrap();
    let text = document_text(&note);
    assert!(text.contains("未达标原因及申请"));
    if let Some((pages, pdf)) = pdf_text(&note) {
        assert!(pages >= 2, "{pages}");
        let broken: Vec<String> = numbers(&text, 4)
            .into_iter()
            .filter(|n| !pdf.contains(n.as_str()))
            .collect();
        assert!(
            broken.is_empty(),
            "numbers split in the note's PDF: {broken:?}"
        );
    }

    let boards = dir.path().join("boards");
    jianpai::docs::board::write_all_boards(&list, &boards, |_, _, _| {}).unwrap();
    let transport = boards.join("示例物流有限公司-公示牌.docx");
    assert!(document_text(&transport).contains("运输车辆：停止国四及以下车辆运输"));
    if let Some((pages, _)) = pdf_text(&transport) {
        assert_eq!(pages, 1);
    }
}
