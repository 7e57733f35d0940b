//! Lists shared by the export tests: one that fills every field the model holds, with text
//! that looks like formulas, CJK, Option fields blank and set, and the worked example of
//! `docs/method.md`.
#![allow(dead_code)]

use std::path::Path;

use calamine::{open_workbook, Data, Range, Reader, Xlsx};
use jianpai::export::write_submission;
use jianpai::import::read_workbook;
use jianpai::model::{
    check_character, Baseline, BaselineUnit, Contact, Enterprise, EnterpriseClass, Fleet, Grade,
    Heating, List, Machinery, Measure, NonroadStage, PerLevel, PerPollutant, Site, Source,
    VehicleCounts,
};

/// A valid 统一社会信用代码 from its first 17 characters.
pub fn code(first17: &str) -> String {
    let c = check_character(first17).expect("valid characters");
    format!("{first17}{c}")
}

pub fn contact(name: &str, phone: &str) -> Contact {
    Contact {
        name: name.into(),
        phone: phone.into(),
    }
}

pub fn measure(text: &str, share: Option<f64>) -> Measure {
    Measure {
        text: text.into(),
        share,
        ..Measure::default()
    }
}

/// A measure with every field set.
pub fn full_measure(text: &str, share: f64, so2: f64, owner: &str) -> Measure {
    Measure {
        text: text.into(),
        share: Some(share),
        amounts: PerPollutant {
            so2: Some(so2),
            nox: None,
            pm: Some(0.0),
            vocs: None,
        },
        key_indicator: "用电量下降至日均8000千瓦时".into(),
        prep_time: "2小时".into(),
        owner: contact(owner, "13912345678"),
        concentration_limit: Some(35.5),
    }
}

pub fn source(name: &str, annual: [Option<f64>; 4], days: Option<f64>) -> Source {
    Source {
        name: name.into(),
        product: "焦炭".into(),
        capacity: "年产100万吨".into(),
        days,
        annual: PerPollutant {
            so2: annual[0],
            nox: annual[1],
            pm: annual[2],
            vocs: annual[3],
        },
        ..Source::default()
    }
}

/// Every field of the model filled somewhere, with formula-looking and CJK text.
pub fn full_list() -> List {
    let mut line1 = source(
        "1#焦炉",
        [Some(600.0), Some(900.0), Some(150.0), None],
        Some(300.0),
    );
    line1.measures = PerLevel {
        yellow: full_measure("限产50%", 0.5, 0.9, "王五"),
        orange: full_measure("=限产70%", 0.7, 1.4, "赵六"),
        red: full_measure("停产", 1.0, 2.0, "+钱七"),
    };
    line1.daily.pm = Some(0.5);
    line1.outlet = "DA001".into();
    line1.treatment = "=SCR脱硝+布袋除尘".into();
    line1.standard = "GB 16171-2012".into();
    line1.measures.yellow.concentration_limit = Some(50.0);
    let mut line2 = source(
        "-2#焦炉",
        [Some(0.0), None, Some(60.0), Some(900.0)],
        Some(300.0),
    );
    line2.measures.yellow = measure("停产", None);
    let e1 = Enterprise {
        name: "=SUM(A1)".into(),
        code: code("91410800MA3X4Y5W6"),
        county: "示例县".into(),
        town: "城关镇".into(),
        address: "+工业园区1号".into(),
        industry: "焦化".into(),
        grade: Some(Grade::B),
        class: Some(EnterpriseClass::Key),
        guarantee: true,
        shut_down: false,
        cems: Some(true),
        legal: contact("@张三", "0391-1234567"),
        responsible: contact("李四", "13800000000"),
        supervisor: contact("周八", "13700000000"),
        industry_code: "2521".into(),
        key_industry: "焦化".into(),
        power_account: "0123456789".into(),
        normal_daily_kwh: Some(86_400.5),
        daily_kwh_cap: PerLevel {
            yellow: Some(43_200.25),
            orange: None,
            red: Some(0.0),
        },
        sources: vec![line1, line2],
        ..Enterprise::default()
    };
    let e2 = Enterprise {
        name: "示例停产砖厂".into(),
        code: code("91410800MA3X4Y5W7"),
        county: "示例县".into(),
        industry: "砖瓦窑".into(),
        class: Some(EnterpriseClass::Other),
        shut_down: true,
        cems: Some(false),
        sources: vec![source("轮窑", [None, None, Some(10.0), None], None)],
        ..Enterprise::default()
    };
    let mut boiler = Source {
        name: "供热锅炉".into(),
        daily: PerPollutant {
            so2: Some(0.2),
            nox: Some(0.3),
            pm: Some(0.05),
            vocs: None,
        },
        ..Source::default()
    };
    boiler.measures.yellow = measure("以热定产，负荷由100%降至80%", None);
    boiler.measures.red = measure("强化治理", None);
    let e3 = Enterprise {
        name: "示例热电有限公司".into(),
        code: code("91410800MA3X4Y5W8"),
        county: "东区".into(),
        town: "东街道".into(),
        industry: "热力生产和供应".into(),
        grade: Some(Grade::A),
        class: Some(EnterpriseClass::Guarantee),
        guarantee: true,
        sources: vec![boiler],
        ..Enterprise::default()
    };
    let mut site_source = Source {
        days: Some(200.0),
        ..Source::default()
    };
    site_source.annual.pm = Some(12.5);
    site_source.measures.yellow = measure("停止土石方作业", Some(0.3));
    site_source.measures.orange = measure("停止土石方作业和拆除作业", Some(0.5));
    let site = Site {
        county: "示例县".into(),
        name: "@示例小区二期工程".into(),
        kind: "房屋建筑".into(),
        address: "示例路8号".into(),
        builder: "示例置业有限公司".into(),
        contractor: "示例建工集团".into(),
        manager: contact("孙九", "13600000000"),
        responsible: contact("吴十", "13500000000"),
        approval: "豫发改设计〔2026〕12号".into(),
        source: site_source,
        ..Site::default()
    };
    let mut fleet_source = Source {
        daily: PerPollutant {
            so2: None,
            nox: Some(0.012),
            pm: Some(0.001),
            vocs: None,
        },
        ..Source::default()
    };
    fleet_source.measures.orange = measure("国四及以下重型货车停止运输", Some(0.4));
    let fleet = Fleet {
        county: "示例县".into(),
        name: "=SUM(A1)".into(),
        code: e1.code.clone(),
        daily_trips: Some(120.0),
        vehicles: VehicleCounts {
            guo3_or_older: Some(0),
            guo4: Some(12),
            guo5: Some(30),
            guo6: Some(45),
            new_energy: None,
        },
        source: fleet_source,
        ..Fleet::default()
    };
    let heating = Heating {
        name: e3.name.clone(),
        code: e3.code.clone(),
        area_10k_m2: Some(350.5),
        max_load: Some(0.7),
        measures: PerLevel {
            yellow: "以热定产".into(),
            orange: "以热定产，负荷不超过80%".into(),
            red: "以热定产，负荷不超过70%".into(),
        },
        ..Heating::default()
    };
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
        enterprises: vec![e1, e2, e3],
        sites: vec![site],
        fleets: vec![fleet],
        heating: vec![heating],
        machinery: vec![
            Machinery {
                county: "示例县".into(),
                user: "@示例小区二期工程".into(),
                kind: "挖掘机".into(),
                stage: NonroadStage::Guo2,
                count: Some(3),
                fuel: "柴油".into(),
                measures: PerLevel {
                    yellow: "".into(),
                    orange: "国二及以下停止使用".into(),
                    red: "全部停止使用".into(),
                },
                ..Machinery::default()
            },
            Machinery {
                county: "示例县".into(),
                user: "=SUM(A1)".into(),
                kind: "叉车".into(),
                stage: NonroadStage::Unknown,
                count: None,
                fuel: "".into(),
                ..Machinery::default()
            },
            Machinery {
                county: "".into(),
                user: "示例热电有限公司".into(),
                kind: "装载机".into(),
                stage: NonroadStage::NewEnergy,
                count: Some(1),
                fuel: "电".into(),
                ..Machinery::default()
            },
        ],
        ..List::default()
    }
}

/// The worked example of `docs/method.md` (baseline in t/d).
pub fn worked_example() -> List {
    let mut l1 = source(
        "line 1",
        [Some(600.0), Some(900.0), Some(150.0), Some(0.0)],
        Some(300.0),
    );
    l1.measures.yellow = measure("限产50%", None);
    l1.measures.red = measure("停产", None);
    let mut l2 = source(
        "line 2",
        [Some(0.0), Some(0.0), Some(60.0), Some(900.0)],
        Some(300.0),
    );
    l2.measures.yellow = measure("停产", None);
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
        enterprises: vec![Enterprise {
            name: "示例企业".into(),
            code: code("91410800MA3X4Y5W9"),
            county: "示例县".into(),
            sources: vec![l1, l2],
            ..Enterprise::default()
        }],
        ..List::default()
    }
}

/// Opens an exported workbook with calamine (a second reader).
pub fn open(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).expect("calamine opens the export")
}

/// A sheet's cells.
pub fn range(path: &Path, sheet: &str) -> Range<Data> {
    open(path).worksheet_range(sheet).expect("sheet exists")
}

/// The text of a cell ("" for empty, numbers printed).
pub fn cell(range: &Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// The column whose header (row 1, or group in row 1 + sub-column in row 2) is `name`.
pub fn column(range: &Range<Data>, group: Option<&str>, name: &str) -> u32 {
    let width = range.end().map_or(0, |e| e.1 + 1);
    let mut current_group = String::new();
    for c in 0..width {
        let top = cell(range, 1, c);
        if !top.is_empty() {
            current_group = top.clone();
        }
        let found = match group {
            None => top == name,
            Some(g) => current_group == g && cell(range, 2, c) == name,
        };
        if found {
            return c;
        }
    }
    panic!("no column {group:?} {name}");
}

/// Exports and imports `list`, panicking with the importer's diagnostics on failure.
pub fn round_trip(list: &List) -> List {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("清单.xlsx");
    write_submission(list, &path).expect("export");
    match read_workbook(&path) {
        Ok(imported) => imported.list.without_provenance(),
        Err(e) => panic!("import of the export failed: {e:?}"),
    }
}

/// Compares record by record first, for a readable failure.
pub fn assert_same(got: &List, want: &List) {
    assert_eq!(got.area, want.area, "area");
    assert_eq!(got.year, want.year, "year");
    assert_eq!(got.baseline, want.baseline, "baseline");
    assert_eq!(
        got.county_baselines, want.county_baselines,
        "county baselines"
    );
    assert_eq!(got.targets, want.targets, "targets");
    assert_eq!(got.so2_nox_trade, want.so2_nox_trade, "trade");
    assert_eq!(
        got.enterprises.len(),
        want.enterprises.len(),
        "enterprise count"
    );
    for (g, w) in got.enterprises.iter().zip(&want.enterprises) {
        assert_eq!(
            Enterprise {
                sources: vec![],
                ..g.clone()
            },
            Enterprise {
                sources: vec![],
                ..w.clone()
            },
            "enterprise {}",
            w.name
        );
        assert_eq!(g.sources.len(), w.sources.len(), "sources of {}", w.name);
        for (gs, ws) in g.sources.iter().zip(&w.sources) {
            assert_eq!(gs, ws, "source {} of {}", ws.name, w.name);
        }
    }
    assert_eq!(got.sites, want.sites, "sites");
    assert_eq!(got.fleets, want.fleets, "fleets");
    assert_eq!(got.heating, want.heating, "heating");
    assert_eq!(got.machinery, want.machinery, "machinery");
    assert_eq!(got, want);
}
