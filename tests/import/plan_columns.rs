//! The columns for plans, transport, machinery and the episode (workbook.md): read under
//! their aliases and units, and the non-road machinery sheet with its errors.

use super::support::*;
use jianpai::model::{NonroadStage, PerLevel};

#[test]
fn enterprise_and_line_columns_under_their_aliases_and_units() {
    let mut b = Book::new();
    let ws = b.sheet(
        "工业源清单",
        0,
        0,
        &[
            &[
                "企业名称",
                "生产地址",
                "国民经济行业代码",
                "所属重点行业",
                "用电户号",
                "日均用电量(万kWh)",
                "生产线",
                "排口编号",
                "污染治理设施",
                "排放标准",
                "SO2排放量(t/a)",
                "黄色预警",
                "",
                "",
                "橙色预警",
            ],
            &[
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "减排措施",
                "浓度限值(mg/m³)",
                "用电量上限(kWh/d)",
                "用电量上限(度)",
            ],
            &[
                "甲焦化有限公司",
                "示例路1号",
                "'2521",
                "焦化",
                "'0012345",
                "1.5",
                "1#焦炉",
                "DA001",
                "SCR脱硝",
                "GB 16171-2012",
                "600",
                "限产30%",
                "35",
                "9000",
                "7000",
            ],
        ],
    );
    merge(ws, 0, 11, 0, 13, "黄色预警");
    for c in 0..11 {
        let text = match c {
            0 => "企业名称",
            1 => "生产地址",
            2 => "国民经济行业代码",
            3 => "所属重点行业",
            4 => "用电户号",
            5 => "日均用电量(万kWh)",
            6 => "生产线",
            7 => "排口编号",
            8 => "污染治理设施",
            9 => "排放标准",
            _ => "SO2排放量(t/a)",
        };
        merge(ws, 0, c, 1, c, text);
    }
    let path = b.save("新列.xlsx");
    let imported = ok(&path);
    let e = &imported.list.enterprises[0];
    assert_eq!(e.address, "示例路1号");
    assert_eq!(e.industry_code, "2521");
    assert_eq!(e.key_industry, "焦化");
    assert_eq!(e.power_account, "0012345");
    assert_eq!(e.normal_daily_kwh, Some(15_000.0));
    assert_eq!(
        e.daily_kwh_cap,
        PerLevel {
            yellow: Some(9000.0),
            orange: Some(7000.0),
            red: None
        }
    );
    let s = &e.sources[0];
    assert_eq!(
        (s.outlet.as_str(), s.treatment.as_str(), s.standard.as_str()),
        ("DA001", "SCR脱硝", "GB 16171-2012")
    );
    assert_eq!(s.measures.yellow.concentration_limit, Some(35.0));
    assert_eq!(s.measures.orange.concentration_limit, None);
    assert!(
        imported.warnings.is_empty(),
        "every column is known: {:#?}",
        imported.warnings
    );
}

#[test]
fn dust_sheet_reads_the_approval_of_a_key_project() {
    let mut b = Book::new();
    b.sheet(
        "扬尘源清单",
        0,
        0,
        &[
            &["项目名称", "批准文号", "颗粒物排放量(t/a)"],
            &["市第一医院迁建工程", "市发改〔2026〕3号", "2"],
        ],
    );
    let list = ok(&b.save("工地.xlsx")).list;
    assert_eq!(list.sites[0].approval, "市发改〔2026〕3号");
}

#[test]
fn machinery_sheet_is_read_with_stage_forms_and_aliases() {
    let mut b = Book::new();
    b.sheet(
        "工业源清单",
        0,
        0,
        &[&["企业名称", "SO2排放量"], &["甲厂", "1"]],
    );
    b.sheet(
        "非道路移动机械",
        0,
        0,
        &[
            &[
                "所属区县",
                "使用单位",
                "机械种类",
                "排放标准",
                "台数",
                "燃料类型",
                "黄色预警管控措施",
                "橙色预警管控措施",
                "红色预警管控措施",
            ],
            &[
                "示例县",
                "甲厂",
                "叉车",
                "第二阶段",
                "3",
                "柴油",
                "",
                "停止使用",
                "停止使用",
            ],
            &[
                "示例县",
                "一号工地",
                "挖掘机",
                "国Ⅳ",
                "1",
                "柴油",
                "",
                "",
                "",
            ],
            &["示例县", "一号工地", "装载机", "", "", "电", "", "", ""],
        ],
    );
    let imported = ok(&b.save("机械.xlsx"));
    let m = &imported.list.machinery;
    assert_eq!(m.len(), 3);
    assert_eq!(
        (
            m[0].user.as_str(),
            m[0].kind.as_str(),
            m[0].stage,
            m[0].count
        ),
        ("甲厂", "叉车", NonroadStage::Guo2, Some(3))
    );
    assert_eq!(m[0].fuel, "柴油");
    assert_eq!(m[0].measures.orange, "停止使用");
    assert_eq!(m[1].stage, NonroadStage::Guo4);
    assert_eq!((m[2].stage, m[2].count), (NonroadStage::Unknown, None));
    assert!(imported.warnings.is_empty(), "{:#?}", imported.warnings);
}

#[test]
fn machinery_rows_without_a_user_or_with_an_unknown_stage_are_errors() {
    let mut b = Book::new();
    b.sheet(
        "工业源清单",
        0,
        0,
        &[&["企业名称", "SO2排放量"], &["甲厂", "1"]],
    );
    b.sheet(
        "非道路移动机械清单",
        0,
        0,
        &[
            &["使用单位", "机械类型", "排放阶段", "数量"],
            &["", "叉车", "国三", "1"],
            &["甲厂", "挖掘机", "国五", "1"],
            &["甲厂", "挖掘机", "国三", "1.5"],
        ],
    );
    let (errors, _) = invalid(&b.save("机械错.xlsx"));
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert_eq!(errors[0].row, Some(2));
    assert_eq!(errors[0].column.as_deref(), Some("使用单位"));
    assert!(errors[0].message.contains("使用单位为空"));
    assert_eq!(errors[1].row, Some(3));
    assert_eq!(errors[1].column.as_deref(), Some("排放阶段"));
    assert!(errors[1].message.contains("国五"), "{}", errors[1].message);
    assert_eq!(errors[2].row, Some(4));
    assert_eq!(errors[2].column.as_deref(), Some("数量"));
}

#[test]
fn machinery_sheet_without_a_user_column_is_an_error_naming_it() {
    let mut b = Book::new();
    b.sheet(
        "工业源清单",
        0,
        0,
        &[&["企业名称", "SO2排放量"], &["甲厂", "1"]],
    );
    b.sheet(
        "非道路移动机械清单",
        0,
        0,
        &[&["机械类型", "排放阶段"], &["叉车", "国三"]],
    );
    let (errors, _) = invalid(&b.save("机械无单位.xlsx"));
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].message.contains("没有“使用单位”列"),
        "{}",
        errors[0].message
    );
}
