//! Round trip: a list written by `export::write_submission` reads back to the same list.

use jianpai::export::write_submission;
use jianpai::import::read_workbook;
use jianpai::model::{
    Baseline, BaselineUnit, Contact, Enterprise, EnterpriseClass, Fleet, Grade, Heating, Level,
    List, Measure, PerLevel, PerPollutant, Site, Source, VehicleCounts,
};

fn source(name: &str, k: f64) -> Source {
    Source {
        name: name.into(),
        product: "水泥熟料".into(),
        capacity: "年产10万吨".into(),
        days: Some(300.0),
        annual: PerPollutant {
            so2: Some(600.0 * k),
            nox: Some(900.5 * k),
            pm: Some(150.0 * k),
            vocs: None,
        },
        daily: PerPollutant {
            so2: None,
            nox: None,
            pm: Some(0.123456 * k),
            vocs: None,
        },
        measures: PerLevel::from_fn(|l| match l {
            Level::Yellow => Measure {
                text: "限产30%".into(),
                share: Some(0.3),
                amounts: PerPollutant {
                    so2: Some(0.6),
                    ..PerPollutant::default()
                },
                key_indicator: "天然气用量".into(),
                prep_time: "2小时".into(),
                owner: Contact {
                    name: "赵六".into(),
                    phone: "13700137000".into(),
                },
                concentration_limit: Some(50.0),
            },
            Level::Orange => Measure::default(),
            Level::Red => Measure {
                text: "停产".into(),
                share: Some(1.0),
                ..Measure::default()
            },
        }),
        ..Source::default()
    }
}

fn list() -> List {
    List {
        area: "示例县".into(),
        year: Some(2026),
        baseline: Some(Baseline {
            amounts: PerPollutant {
                so2: 7300.0,
                nox: 3650.0,
                pm: 1460.0,
                vocs: 4380.0,
            },
            unit: BaselineUnit::PerYear,
        }),
        enterprises: vec![
            Enterprise {
                name: "甲水泥有限公司".into(),
                code: "91110000802100433B".into(),
                county: "示例县".into(),
                town: "城关镇".into(),
                address: "工业路1号".into(),
                industry: "水泥".into(),
                grade: Some(Grade::B),
                class: Some(EnterpriseClass::Key),
                cems: Some(true),
                legal: Contact {
                    name: "张三".into(),
                    phone: "13800138000".into(),
                },
                responsible: Contact {
                    name: "李四".into(),
                    phone: "0371-12345678".into(),
                },
                supervisor: Contact {
                    name: "王五".into(),
                    phone: "13900139000".into(),
                },
                sources: vec![
                    source("1#窑", 1.0),
                    source("2#磨", 0.5),
                    source("3#线", 0.25),
                ],
                ..Enterprise::default()
            },
            Enterprise {
                name: "乙铸造厂".into(),
                county: "示例县".into(),
                industry: "铸造".into(),
                grade: Some(Grade::C),
                guarantee: true,
                class: Some(EnterpriseClass::Guarantee),
                sources: vec![source("熔炼", 0.1)],
                ..Enterprise::default()
            },
        ],
        sites: vec![Site {
            county: "示例县".into(),
            name: "一号工地".into(),
            kind: "房屋建筑".into(),
            address: "北路".into(),
            builder: "建设公司".into(),
            contractor: "施工公司".into(),
            manager: Contact {
                name: "钱七".into(),
                phone: "13800000001".into(),
            },
            responsible: Contact {
                name: "孙八".into(),
                phone: "13800000002".into(),
            },
            source: Source {
                days: Some(200.0),
                annual: PerPollutant {
                    pm: Some(3.65),
                    ..PerPollutant::default()
                },
                ..Source::default()
            },
            ..Site::default()
        }],
        fleets: vec![Fleet {
            county: "示例县".into(),
            name: "甲水泥有限公司".into(),
            code: "91110000802100433B".into(),
            daily_trips: Some(40.0),
            vehicles: VehicleCounts {
                guo3_or_older: Some(0),
                guo4: Some(5),
                guo5: Some(10),
                guo6: Some(20),
                new_energy: Some(5),
            },
            source: Source {
                daily: PerPollutant {
                    nox: Some(0.02),
                    pm: Some(0.001),
                    ..PerPollutant::default()
                },
                ..Source::default()
            },
            ..Fleet::default()
        }],
        heating: vec![Heating {
            name: "甲水泥有限公司".into(),
            code: "91110000802100433B".into(),
            area_10k_m2: Some(120.0),
            max_load: Some(0.7),
            measures: PerLevel {
                yellow: "以热定产".into(),
                orange: String::new(),
                red: "以热定产，负荷不超过70%".into(),
            },
            ..Heating::default()
        }],
        ..List::default()
    }
}

#[test]
fn an_exported_list_reads_back_to_the_same_list() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("示例县2026.xlsx");
    let original = list();
    write_submission(&original, &path).unwrap();
    let imported = match read_workbook(&path) {
        Ok(i) => i,
        Err(e) => panic!("{e:#?}"),
    };
    let sheets: Vec<_> = imported
        .warnings
        .iter()
        .map(|w| w.sheet.as_deref())
        .collect();
    assert_eq!(sheets, [Some("测算说明")], "{:#?}", imported.warnings);
    let back = imported.list.without_provenance();
    assert_eq!(back.area, original.area);
    assert_eq!(back.baseline, original.baseline);
    assert_eq!(back.enterprises, original.enterprises);
    assert_eq!(back.sites, original.sites);
    assert_eq!(back.fleets, original.fleets);
    assert_eq!(back.heating, original.heating);
    assert_eq!(back, original);
}
