//! The documents as files: plans, boards and the calculation note are valid .docx packages
//! whose text carries every field and measure, boards are one A3 landscape page, and missing
//! data shows as 【待补充】 and is reported.

mod batch;
mod note_short;
mod plan_pdf;

use std::io::Read;
use std::path::Path;
use std::process::Command;

use jianpai::docs::{board, DocError, PLACEHOLDER};
use jianpai::model::{
    Baseline, BaselineUnit, Contact, Enterprise, EnterpriseClass, Fleet, Grade, Heating, Level,
    List, Measure, Origin, PerPollutant, Site, Source, VehicleCounts,
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
        outlet: format!("DA{row:03}"),
        treatment: "袋式除尘+SCR脱硝".into(),
        standard: "GB 4915-2013".into(),
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
        normal_daily_kwh: Some(120000.0),
        daily_kwh_cap: jianpai::model::PerLevel {
            yellow: Some(84000.0),
            orange: Some(60000.0),
            red: None,
        },
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
                    measure("包装线停产", None, "包装车间用电量", "吴包"),
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
                measure("加强废气收集", None, "", "钱法人"),
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
                yellow: measure("错峰运输", Some(0.2), "门禁车辆进出记录", "郑运"),
                orange: measure(
                    "停止国四及以下重型柴油货车运输",
                    Some(0.5),
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
        heating: vec![Heating {
            name: "示例水泥有限公司".into(),
            code: CODE.into(),
            area_10k_m2: Some(120.5),
            max_load: Some(0.7),
            measures: jianpai::model::PerLevel {
                yellow: "以热定产，负荷不超过70%".into(),
                orange: "以热定产，负荷不超过60%".into(),
                red: String::new(),
            },
            ..Default::default()
        }],
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
        "2#水泥粉磨：停产",
        "包装线：限产20%",
        "包装线：同黄色预警措施：限产20%",
        // At red every line stops, which the board says in two words.
        "全厂停产",
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
    assert!(xml.contains("w:eastAsia=\"SimSun\""));
    assert!(xml.contains("w:eastAsia=\"SimHei\""));
    let fonts = part(&path, "word/fontTable.xml");
    xml_text(&fonts);
    for f in ["宋体", "SimSun", "Noto Serif CJK SC", "黑体", "SimHei"] {
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
    assert!(text.contains("喷漆线：同橙色预警措施：加强废气收集"));
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
        // CI (scripts/test.sh) sets JIANPAI_REQUIRE_SOFFICE=1: there a missing soffice fails.
        assert!(
            std::env::var("JIANPAI_REQUIRE_SOFFICE").as_deref() != Ok("1"),
            "JIANPAI_REQUIRE_SOFFICE=1 but soffice is not on PATH: install LibreOffice"
        );
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
    // The large enterprise's plan: long tables break across pages with repeated headings.
    let large_plan = dir.path().join("big-plan.docx");
    jianpai::docs::plan::write_plan(&list, CODE, &large_plan).unwrap();
    assert!(rendered_pages(&large_plan) > 6);
    // The plan converts too: cover, sections and attachment take several pages.
    let plan = dir.path().join("plan.docx");
    jianpai::docs::plan::write_plan(&sample_list(), CODE, &plan).unwrap();
    assert!(rendered_pages(&plan) >= 3, "plan lost its pages");
    let note = dir.path().join("note.docx");
    jianpai::docs::note::write_note(&sample_list(), &note).unwrap();
    assert!(rendered_pages(&note) >= 1);
}

#[test]
fn plan_has_every_section_field_source_and_level() {
    let list = sample_list();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.docx");
    let missing = jianpai::docs::plan::write_plan(&list, CODE, &path).unwrap();
    assert!(missing.is_empty(), "unexpected missing: {missing:?}");
    let xml = part(&path, "word/document.xml");
    // A4 portrait.
    assert!(xml.contains(r#"w:w="11906" w:h="16838""#));
    let text = xml_text(&xml);
    for heading in [
        "一、企业基本情况",
        "二、生产工艺与排污节点",
        "三、主要涉气产排污环节及排放情况",
        "四、分级减排措施",
        "五、运输管控",
        "六、应急响应程序",
        "七、责任人",
        "八、监测与核查",
        "重污染天气应急减排承诺书",
        "企业法定代表人（签字）",
        "继续运行不少于3小时",
        "附件",
        "编制：",
        "审核：",
        "审批：",
    ] {
        assert!(text.contains(heading), "plan lacks {heading}");
    }
    let e = &list.enterprises[0];
    for field in [
        e.name.as_str(),
        e.code.as_str(),
        e.county.as_str(),
        e.town.as_str(),
        e.address.as_str(),
        e.industry.as_str(),
        "重点企业",
        "水泥熟料",
        "年产100万吨",
        "王法人",
        "李责任",
        "赵监督",
        "13800000003",
        "120辆次",
    ] {
        assert!(text.contains(field), "plan lacks {field}");
    }
    for s in &e.sources {
        assert!(text.contains(&s.name), "plan lacks source {}", s.name);
        for level in Level::ALL {
            let m = s.measures.get(level);
            for part in [&m.text, &m.key_indicator, &m.owner.name] {
                assert!(text.contains(part.as_str()), "plan lacks {part}");
            }
        }
    }
    for level in Level::ALL {
        assert!(text.contains(level.name_zh()));
    }
    // The blank orange level of 包装线 inherits yellow and says so.
    assert!(text.contains("同黄色预警措施：限产20%"));
    // Yellow totals from the engine: 1# line 限产30% of 2 t/d SO2 and 3 t/d NOx, plus 20 % of
    // the fleet's 0.1 t/d NOx.
    assert!(
        text.contains("黄色预警期间本企业合计日减排量（t/d，含运输）：二氧化硫0.6，氮氧化物0.92"),
        "{text}"
    );
    // Red: 1# and 2# stop, 包装线 stops; the fleet inherits orange's 50 %.
    assert!(text.contains("红色预警期间本企业合计日减排量（t/d，含运输）：二氧化硫2，氮氧化物3.05"));
    // Verification is generated from the data: the stop by electricity, the limit by CEMS.
    assert!(text.contains("熟料线用电量"));
    assert!(text.contains("在线监测（CEMS）"));
    // The notice board is attached.
    assert!(text.contains("监督人及联系方式"));
    // Column headings repeat on every page a long table spans.
    assert!(xml.contains("<w:tblHeader />"));
    // Heating facts of the 协同供暖 sheet.
    assert!(text.contains("供暖面积120.5万平方米，核定最大生产负荷70%"));
    assert!(text.contains("协同供暖（以热定产）：以热定产，负荷不超过60%"));
}

#[test]
fn plan_of_enterprise_without_supervisor_reports_it() {
    let list = sample_list();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.docx");
    let missing = jianpai::docs::plan::write_plan(&list, "91310000MA1FL4B24G", &path).unwrap();
    let text = document_text(&path);
    assert!(text.contains(PLACEHOLDER));
    assert!(
        missing.iter().any(|m| m.field.starts_with("监督人")),
        "{missing:?}"
    );
    // Fields the fixture leaves blank are reported too, never silently empty.
    for field in ["企业地址", "乡镇（街道）", "是否安装CEMS"] {
        assert!(
            missing.iter().any(|m| m.field == field),
            "{field} not reported"
        );
    }
    // A measure the engine cannot read a share from must get one; its missing key
    // indicator is not asked for, since it reduces nothing as written.
    assert!(missing
        .iter()
        .any(|m| m.field.starts_with("减排比例") && m.place.ends_with("喷漆线 / 橙色预警")));
    assert!(missing
        .iter()
        .all(|m| m.place.starts_with("无监督人家具厂")));
    let err = jianpai::docs::plan::write_plan(&list, "没有这家", &path).unwrap_err();
    assert!(err.to_string().contains("没有这家"));
}

/// Every text of a plan's content: cover, chapter headings, paragraphs, facts, table
/// headers and cells, the pledge and the annex.
fn plan_texts(plan: &jianpai::docs::plan::PlanContent) -> Vec<String> {
    use jianpai::docs::plan::PlanBlock;
    let mut out = vec![plan.cover.name.clone(), plan.cover.county.clone()];
    for c in &plan.chapters {
        out.push(c.heading.clone());
        for b in &c.blocks {
            match b {
                PlanBlock::Subheading(t) | PlanBlock::Paragraph(t) => out.push(t.clone()),
                PlanBlock::Facts(rows) => out.extend(rows.iter().flatten().cloned()),
                PlanBlock::Table(t) => {
                    for col in &t.columns {
                        out.push(col.title.clone());
                        out.extend(col.group.clone());
                    }
                    out.extend(t.rows.iter().flatten().cloned());
                }
            }
        }
    }
    out.extend(plan.pledge.iter().cloned());
    out.extend(
        plan.annex
            .fields
            .iter()
            .flat_map(|f| [f.label.clone(), f.value.clone()]),
    );
    out
}

/// The plan is data first: the document shows every text of [`plan_content`] (so a preview
/// of the content shows what the filed document says), and the content carries the
/// numbers a reviewer checks.
#[test]
fn plan_document_typesets_exactly_its_content() {
    let list = sample_list();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.docx");
    let plan = jianpai::docs::plan::plan_content(&list, CODE).unwrap();
    let missing = jianpai::docs::plan::write_plan(&list, CODE, &path).unwrap();
    assert_eq!(missing, plan.missing);
    let text = document_text(&path);
    let texts = plan_texts(&plan);
    assert!(texts.len() > 100, "the plan has content");
    for t in texts.iter().filter(|t| !t.trim().is_empty()) {
        // Cell text is split at line breaks in the document.
        for line in t.lines().filter(|l| !l.trim().is_empty()) {
            assert!(text.contains(line.trim()), "plan document lacks {line}");
        }
    }
    let headings: Vec<&str> = plan.chapters.iter().map(|c| c.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "企业基本情况",
            "生产工艺与排污节点",
            "主要涉气产排污环节及排放情况",
            "分级减排措施",
            "运输管控",
            "应急响应程序",
            "责任人",
            "监测与核查"
        ]
    );
    // The emission table groups its columns under 年排放量 and 日排放量, numbers centred.
    let emissions = &plan.chapters[2];
    let table = emissions
        .blocks
        .iter()
        .find_map(|b| match b {
            jianpai::docs::plan::PlanBlock::Table(t) => Some(t),
            _ => None,
        })
        .expect("emission table");
    assert_eq!(table.columns.len(), 9);
    assert_eq!(table.columns[1].group.as_deref(), Some("年排放量（t/a）"));
    assert_eq!(table.columns[8].group.as_deref(), Some("日排放量（t/d）"));
    assert!(table.columns[1].numeric && !table.columns[0].numeric);
    assert_eq!(table.rows.last().unwrap()[0], "合计");
    // The same yellow totals the document test reads, here as data.
    assert!(plan.chapters[3].blocks.iter().any(|b| matches!(b,
        jianpai::docs::plan::PlanBlock::Paragraph(p)
            if p.contains("二氧化硫0.6，氮氧化物0.92"))));
    // Serialised for a front end: tagged blocks.
    let json = serde_json::to_value(&plan).unwrap();
    assert_eq!(json["chapters"][0]["blocks"][0]["kind"], "facts");
}

/// Every paragraph and table cell of the shared note content, in order.
fn note_texts(note: &jianpai::export::note::CalcNote) -> Vec<String> {
    use jianpai::export::note::Block;
    let mut out = vec![note.title.clone()];
    for s in &note.sections {
        out.push(s.heading.clone());
        for b in &s.blocks {
            match b {
                Block::Paragraph(p) => out.push(p.clone()),
                Block::Table(t) => {
                    out.push(t.caption.clone());
                    out.extend(t.header.iter().cloned());
                    out.extend(t.rows.iter().flatten().cloned());
                }
            }
        }
    }
    out
}

#[test]
fn note_document_carries_the_same_content_as_the_sheet() {
    let list = sample_list();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("note.docx");
    jianpai::docs::note::write_note(&list, &path).unwrap();
    let text = document_text(&path);
    let note = jianpai::export::note::calculation_note(&list);
    let texts = note_texts(&note);
    assert!(texts.len() > 20, "the note has content");
    for t in texts.iter().filter(|t| !t.is_empty()) {
        assert!(text.contains(t.as_str()), "note document lacks {t}");
    }
    for s in [
        "一、",
        "二、",
        "测算方法",
        "黄色预警",
        "红色预警",
        "1#熟料生产线",
    ] {
        assert!(text.contains(s), "note lacks {s}");
    }
    // The engine's own totals appear: yellow SO2 0.6 t/d of 20 t/d is 3.00 %.
    assert!(text.contains("3.00%"));
}

#[test]
fn note_without_baseline_says_so() {
    let mut list = sample_list();
    list.baseline = None;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("note.docx");
    jianpai::docs::note::write_note(&list, &path).unwrap();
    assert!(document_text(&path).contains("未设置全社会排放量"));
}

#[test]
fn odd_data_still_gives_well_formed_documents() {
    let mut list = sample_list();
    // XML's special characters and a control character pasted from Excel.
    let odd = Enterprise {
        name: "A&B<化工>\"厂'\u{1}".into(),
        shut_down: true,
        ..Default::default()
    };
    let empty_site = Site::default();
    list.enterprises.push(odd);
    list.sites.push(empty_site);
    let dir = tempfile::tempdir().unwrap();

    let plan = dir.path().join("odd-plan.docx");
    let missing = jianpai::docs::plan::write_plan(&list, "A&B<化工>\"厂'\u{1}", &plan).unwrap();
    let text = document_text(&plan);
    assert!(
        text.contains("A&B<化工>\"厂'"),
        "special characters survive"
    );
    assert!(text.contains("长期停产"));
    assert!(missing.iter().any(|m| m.field == "所属县（市、区）"));

    let written = board::write_all_boards(&list, dir.path(), |_, _, _| {}).unwrap();
    assert_eq!(written.len(), list.enterprises.len() + list.sites.len());
    for (path, _) in &written {
        document_text(path);
    }
    let (site_path, site_missing) = written.last().unwrap();
    assert!(site_path.to_string_lossy().contains("未命名"));
    let site_text = document_text(site_path);
    assert!(site_text.contains(PLACEHOLDER));
    for field in [
        "项目名称",
        "项目类型",
        "项目地址",
        "项目负责人及联系方式",
        "黄色预警减排措施",
    ] {
        assert!(
            site_missing.iter().any(|m| m.field == field),
            "{field} not reported: {site_missing:?}"
        );
    }

    let note = dir.path().join("odd-note.docx");
    jianpai::docs::note::write_note(&list, &note).unwrap();
    document_text(&note);
}

#[test]
fn unwritable_path_is_a_chinese_error() {
    let list = sample_list();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-dir").join("b.docx");
    let err = board::write_enterprise_board(&list, CODE, &path).unwrap_err();
    assert!(matches!(err, DocError::Write { .. }));
    assert!(err.to_string().contains("无法写入文件"));
}

#[test]
fn inherited_gaps_are_reported_once() {
    let mut list = sample_list();
    // 包装线 orange is blank and inherits yellow; yellow now lacks its key indicator.
    list.enterprises[0].sources[2].measures.yellow.key_indicator = String::new();
    let dir = tempfile::tempdir().unwrap();
    let missing = jianpai::docs::plan::write_plan(&list, CODE, &dir.path().join("p.docx")).unwrap();
    let gaps: Vec<_> = missing
        .iter()
        .filter(|m| m.field == "关键性指标")
        .map(|m| m.place.as_str())
        .collect();
    assert_eq!(gaps, ["示例水泥有限公司 / 包装线 / 黄色预警"]);
}
