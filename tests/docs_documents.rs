//! The documents as files: plans, boards and the calculation note are valid .docx packages
//! whose text carries every field and measure, boards are one A3 landscape page, and missing
//! data shows as 【待补充】 and is reported.

use std::io::Read;
use std::path::Path;
use std::process::Command;

use jianpai::docs::{board, DocError, PLACEHOLDER};
use jianpai::model::{
    Baseline, BaselineUnit, Contact, Enterprise, EnterpriseClass, Fleet, Grade, Level, List,
    Measure, Origin, PerPollutant, Site, Source, VehicleCounts,
};

const CODE: &str = "91110000802100433B";

fn contact(name: &str, phone: &str) -> Contact {
    Contact {
        name: name.into(),
        phone: phone.into(),
    }
}

fn measure(text: &str, share: Option<f64>, indicator: &str, owner: &str) -> Measure {
    Measure {
        text: text.into(),
        share,
        key_indicator: indicator.into(),
        prep_time: "2小时".into(),
        owner: contact(owner, "13900000001"),
        ..Default::default()
    }
}

fn source(name: &str, annual: [f64; 4], levels: [Measure; 3], row: u32) -> Source {
    let [yellow, orange, red] = levels;
    Source {
        name: name.into(),
        product: "水泥熟料".into(),
        capacity: "年产100万吨".into(),
        days: Some(300.0),
        annual: PerPollutant {
            so2: Some(annual[0]),
            nox: Some(annual[1]),
            pm: Some(annual[2]),
            vocs: Some(annual[3]),
        },
        measures: jianpai::model::PerLevel {
            yellow,
            orange,
            red,
        },
        origin: Some(Origin {
            sheet: "工业源清单".into(),
            row,
        }),
        ..Default::default()
    }
}

/// A cement works with three lines (one inheriting orange from yellow), a fleet, a site, and
/// an enterprise without supervisor.
fn sample_list() -> List {
    let cement = Enterprise {
        name: "示例水泥有限公司".into(),
        code: CODE.into(),
        county: "示例县".into(),
        town: "城关镇".into(),
        address: "示例县工业园区纬一路8号".into(),
        industry: "水泥".into(),
        grade: Some(Grade::B),
        class: Some(EnterpriseClass::Key),
        cems: Some(true),
        legal: contact("王法人", "13800000001"),
        responsible: contact("李责任", "13800000002"),
        supervisor: contact("赵监督", "13800000003"),
        sources: vec![
            source(
                "1#熟料生产线",
                [600.0, 900.0, 150.0, 0.0],
                [
                    measure("限产30%", None, "窑头喂料量", "孙窑"),
                    measure("限产50%", None, "窑头喂料量", "孙窑"),
                    measure("停产", None, "熟料线用电量", "孙窑"),
                ],
                5,
            ),
            source(
                "2#水泥粉磨",
                [0.0, 0.0, 60.0, 0.0],
                [
                    measure("停产", None, "粉磨系统用电量", "周磨"),
                    measure("停产", None, "粉磨系统用电量", "周磨"),
                    measure("停产", None, "粉磨系统用电量", "周磨"),
                ],
                6,
            ),
            source(
                "包装线",
                [0.0, 0.0, 12.0, 3.0],
                [
                    measure("限产20%", Some(0.2), "包装机台数", "吴包"),
                    Measure::default(),
                    measure("停止包装作业", None, "包装车间用电量", "吴包"),
                ],
                7,
            ),
        ],
        origin: Some(Origin {
            sheet: "工业源清单".into(),
            row: 5,
        }),
        ..Default::default()
    };
    let unsupervised = Enterprise {
        name: "无监督人家具厂".into(),
        code: "91310000MA1FL4B24G".into(),
        county: "示例县".into(),
        industry: "家具制造".into(),
        grade: Some(Grade::C),
        legal: contact("钱法人", "13800000011"),
        responsible: contact("钱法人", "13800000011"),
        sources: vec![source(
            "喷漆线",
            [0.0, 0.0, 1.0, 6.0],
            [
                measure("停产", None, "喷漆房用电量", "钱法人"),
                Measure::default(),
                Measure::default(),
            ],
            8,
        )],
        ..Default::default()
    };
    let fleet = Fleet {
        county: "示例县".into(),
        name: "示例水泥有限公司".into(),
        code: CODE.into(),
        daily_trips: Some(120.0),
        vehicles: VehicleCounts {
            guo3_or_older: Some(0),
            guo4: Some(10),
            guo5: Some(30),
            guo6: Some(50),
            new_energy: Some(5),
        },
        source: Source {
            name: "运输".into(),
            days: Some(300.0),
            annual: PerPollutant {
                nox: Some(30.0),
                pm: Some(3.0),
                ..Default::default()
            },
            measures: jianpai::model::PerLevel {
                yellow: measure("错峰运输", None, "门禁车辆进出记录", "郑运"),
                orange: measure(
                    "停止国四及以下重型柴油货车运输",
                    None,
                    "门禁车辆进出记录",
                    "郑运",
                ),
                red: Measure::default(),
            },
            ..Default::default()
        },
        ..Default::default()
    };
    let site = Site {
        county: "示例县".into(),
        name: "示例花园三期".into(),
        kind: "房屋建筑".into(),
        address: "示例县人民路18号".into(),
        builder: "示例置业".into(),
        contractor: "示例建工".into(),
        manager: contact("冯经理", "13700000001"),
        responsible: contact("陈安全", "13700000002"),
        source: Source {
            name: "示例花园三期".into(),
            days: Some(240.0),
            annual: PerPollutant {
                pm: Some(2.4),
                ..Default::default()
            },
            measures: jianpai::model::PerLevel {
                yellow: measure("停止土石方作业；停止拆除工程", None, "视频监控", "陈安全"),
                orange: measure(
                    "停止土石方作业；停止拆除工程；停止建筑垃圾和渣土运输",
                    None,
                    "视频监控",
                    "陈安全",
                ),
                red: measure("停止一切室外施工作业", None, "视频监控", "陈安全"),
            },
            ..Default::default()
        },
        ..Default::default()
    };
    List {
        area: "示例县".into(),
        year: Some(2026),
        baseline: Some(Baseline {
            amounts: PerPollutant {
                so2: 20.0,
                nox: 10.0,
                pm: 4.0,
                vocs: 12.0,
            },
            unit: BaselineUnit::PerDay,
        }),
        enterprises: vec![cement, unsupervised],
        sites: vec![site],
        fleets: vec![fleet],
        ..Default::default()
    }
}

/// A part of a .docx package as text.
fn part(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).expect("docx written");
    let mut zip = zip::ZipArchive::new(file).expect("a zip package");
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} in package"))
        .read_to_string(&mut s)
        .expect("utf-8 part");
    s
}

/// Parses `xml` completely (panicking on any well-formedness error) and returns its text
/// content, paragraphs separated by newlines.
fn xml_text(xml: &str) -> String {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Text(t) => out.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => out.push_str(match r.xml10_content().as_ref() {
                "amp" => "&",
                "lt" => "<",
                "gt" => ">",
                "quot" => "\"",
                "apos" => "'",
                other => panic!("unexpected entity {other}"),
            }),
            Event::End(e) if e.local_name().as_ref() == "p" => out.push('\n'),
            _ => {}
        }
    }
    out
}

fn document_text(path: &Path) -> String {
    xml_text(&part(path, "word/document.xml"))
}

#[test]
fn enterprise_board_has_every_field_and_measure_on_a3_landscape() {
    let list = sample_list();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.docx");
    let missing = board::write_enterprise_board(&list, CODE, &path).unwrap();
    assert!(missing.is_empty(), "unexpected missing: {missing:?}");

    let xml = part(&path, "word/document.xml");
    assert!(
        xml.contains(r#"<w:pgSz w:w="23811" w:h="16838" w:orient="landscape" />"#)
            || xml.contains(r#"<w:pgSz w:w="23811" w:h="16838" w:orient="landscape"/>"#),
        "page is not A3 landscape"
    );
    let text = xml_text(&xml);
    for label in [
        "企业名称",
        "所属县（市、区）",
        "行业类型",
        "绩效等级",
        "企业法定代表人及联系方式",
        "应急减排责任人及联系方式",
        "监督人及联系方式",
        "黄色预警",
        "橙色预警",
        "红色预警",
    ] {
        assert!(text.contains(label), "board lacks {label}");
    }
    for value in [
        "示例水泥有限公司",
        "示例县",
        "水泥",
        "B",
        "王法人",
        "13800000001",
        "李责任",
        "13800000002",
        "赵监督",
        "13800000003",
        "1#熟料生产线：限产30%",
        "1#熟料生产线：限产50%",
        "1#熟料生产线、2#水泥粉磨：停产",
        "2#水泥粉磨：停产",
        "包装线：限产20%",
        "包装线：同黄色预警措施：限产20%",
        "包装线：停止包装作业",
        "运输车辆：错峰运输",
        "运输车辆：停止国四及以下重型柴油货车运输",
    ] {
        assert!(text.contains(value), "board lacks {value}\n{text}");
    }
    // Yellow, orange and red header shading.
    for fill in ["FFFF00", "FFA500", "FF0000"] {
        assert!(
            xml.contains(&format!("w:fill=\"{fill}\"")),
            "no {fill} shading"
        );
    }
    // Chinese fonts are declared, with fallbacks in the font table.
    assert!(xml.contains("w:eastAsia=\"宋体\""));
    let fonts = part(&path, "word/fontTable.xml");
    xml_text(&fonts);
    for f in ["宋体", "SimSun", "Noto Serif CJK SC", "黑体"] {
        assert!(fonts.contains(f), "font table lacks {f}");
    }
}

#[test]
fn site_board_has_every_field() {
    let list = sample_list();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("site.docx");
    let missing = board::write_site_board(&list, " 示例花园三期 ", &path).unwrap();
    assert!(missing.is_empty(), "{missing:?}");
    let text = document_text(&path);
    for s in [
        "项目名称",
        "项目类型",
        "项目地址",
        "项目负责人及联系方式",
        "应急减排责任人及联系方式",
        "示例花园三期",
        "房屋建筑",
        "示例县人民路18号",
        "冯经理",
        "13700000001",
        "陈安全",
        "停止土石方作业",
        "停止建筑垃圾和渣土运输",
        "停止一切室外施工作业",
    ] {
        assert!(text.contains(s), "site board lacks {s}");
    }
    // A site board has no enterprise fields.
    assert!(!text.contains("绩效等级"));
}

#[test]
fn missing_supervisor_is_marked_and_reported() {
    let list = sample_list();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.docx");
    let missing = board::write_enterprise_board(&list, "91310000MA1FL4B24G", &path).unwrap();
    let text = document_text(&path);
    assert!(text.contains(PLACEHOLDER));
    let m = missing
        .iter()
        .find(|m| m.field == "监督人及联系方式")
        .expect("supervisor reported missing");
    assert_eq!(m.place, "无监督人家具厂");
    assert!(m.to_string().contains("【待补充】"));
    // The inherited levels are spelt out, not blank.
    assert!(text.contains("喷漆线：同黄色预警措施：停产"));
}

#[test]
fn unknown_enterprise_and_site_are_named() {
    let list = sample_list();
    let dir = tempfile::tempdir().unwrap();
    let err = board::write_enterprise_board(&list, "91000000000000000X", &dir.path().join("x"))
        .unwrap_err();
    assert!(matches!(err, DocError::UnknownEnterprise(_)));
    assert!(err.to_string().contains("91000000000000000X"));
    let err = board::write_site_board(&list, "不存在的工地", &dir.path().join("y")).unwrap_err();
    assert!(err.to_string().contains("不存在的工地"));
}

#[test]
fn all_boards_one_file_each() {
    let mut list = sample_list();
    // A second enterprise of the same name must not overwrite the first's board.
    let mut twin = list.enterprises[1].clone();
    twin.code = String::new();
    list.enterprises.push(twin);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("boards");
    let mut calls = Vec::new();
    let written = board::write_all_boards(&list, &out, |done, total, name| {
        calls.push((done, total, name.to_string()))
    })
    .unwrap();
    assert_eq!(written.len(), 4);
    assert_eq!(calls.last().unwrap().0, 4);
    assert_eq!(calls[0].1, 4);
    let names: std::collections::HashSet<_> = written.iter().map(|(p, _)| p.clone()).collect();
    assert_eq!(names.len(), 4);
    for (p, _) in &written {
        assert!(p.exists());
        assert!(p.to_string_lossy().ends_with("-公示牌.docx"));
    }
    assert!(written
        .iter()
        .any(|(p, m)| p.to_string_lossy().contains("无监督人家具厂") && !m.is_empty()));
}

/// Pages of a PDF: `pdfinfo` when present, else a count of page objects.
fn pdf_pages(pdf: &Path) -> usize {
    if let Ok(out) = Command::new("pdfinfo").arg(pdf).output() {
        if out.status.success() {
            let info = String::from_utf8_lossy(&out.stdout);
            if let Some(line) = info.lines().find(|l| l.starts_with("Pages:")) {
                return line[6..].trim().parse().expect("page count");
            }
        }
    }
    let bytes = std::fs::read(pdf).unwrap();
    let s = String::from_utf8_lossy(&bytes);
    s.matches("/Type /Page").count() - s.matches("/Type /Pages").count()
}

fn soffice_available() -> bool {
    Command::new("soffice")
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// Converts `docx` to PDF with LibreOffice and returns the page count.
fn rendered_pages(docx: &Path) -> usize {
    let out = docx.parent().unwrap();
    // A private profile so parallel runs and a user's open LibreOffice do not interfere.
    let profile = out.join("lo-profile");
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out)
        .arg(docx)
        .output()
        .expect("soffice runs");
    assert!(
        status.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let pdf = docx.with_extension("pdf");
    assert!(pdf.exists(), "no PDF from soffice");
    // JIANPAI_KEEP_DOCS=<dir> keeps the documents and PDFs for a look by eye.
    if let Some(keep) = std::env::var_os("JIANPAI_KEEP_DOCS") {
        let keep = Path::new(&keep);
        std::fs::create_dir_all(keep).unwrap();
        for f in [docx, pdf.as_path()] {
            std::fs::copy(f, keep.join(f.file_name().unwrap())).unwrap();
        }
    }
    pdf_pages(&pdf)
}

#[test]
fn boards_render_to_exactly_one_page() {
    if !soffice_available() {
        eprintln!("soffice not on PATH: skipping the PDF page-count check");
        return;
    }
    let mut list = sample_list();
    // A large enterprise: 45 lines with long, different measures must still fit one page.
    let big = &mut list.enterprises[0];
    let template = big.sources[0].clone();
    big.sources = (1..=45)
        .map(|i| {
            let mut s = template.clone();
            s.name = format!("{i}#生产线干燥窑及配套破碎筛分输送系统");
            for (k, l) in Level::ALL.iter().enumerate() {
                s.measures.get_mut(*l).text = format!(
                    "{}号线限产{}%，日投料量由960吨降至{}吨，停止原料破碎、筛分及物料倒运作业",
                    i,
                    (k + 1) * 20 + i % 7,
                    900 - i
                );
            }
            s
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let small = dir.path().join("site.docx");
    board::write_site_board(&list, "示例花园三期", &small).unwrap();
    assert_eq!(rendered_pages(&small), 1, "site board is not one page");
    let large = dir.path().join("big.docx");
    board::write_enterprise_board(&list, CODE, &large).unwrap();
    assert_eq!(rendered_pages(&large), 1, "large board is not one page");
}
