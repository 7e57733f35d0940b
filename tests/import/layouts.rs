//! Import of the layouts counties really send: one fixture per layout feature, built in code.

use super::support::*;
use jianpai::model::{BaselineUnit, EnterpriseClass, Grade, Level, Pollutant};
use rust_xlsxwriter::Format;

#[test]
fn title_rows_above_a_single_row_header_are_skipped() {
    let mut b = Book::new();
    let ws = b.sheet(
        "工业源清单",
        1,
        0,
        &[
            &[
                "填报单位：示例县生态环境分局",
                "",
                "",
                "填报日期：2026-08-01",
            ],
            &[
                "序号",
                "所属区县",
                "企业名称",
                "统一社会信用代码",
                "行业类别",
                "绩效等级",
                "生产线名称",
                "年生产天数",
                "二氧化硫排放量(t/a)",
                "颗粒物排放量(t/a)",
                "黄色预警减排措施",
                "黄色预警减排比例(%)",
            ],
            &[
                "1",
                "示例县",
                "甲公司",
                CODE_A,
                "水泥",
                "B级",
                "1#窑",
                "300",
                "600",
                "150",
                "限产50%",
                "50",
            ],
            &[
                "2",
                "示例县",
                "甲公司",
                CODE_A,
                "水泥",
                "B级",
                "2#磨",
                "300",
                "0",
                "60",
                "停产",
                "100",
            ],
            &[
                "3",
                "示例县",
                "乙公司",
                CODE_B,
                "铸造",
                "C",
                "熔炼",
                "250",
                "'1,200",
                "'30吨",
                "",
                "",
            ],
            &["合计", "", "", "", "", "", "", "", "1800", "240", "", ""],
        ],
    );
    merge(ws, 0, 0, 0, 11, "示例县2026年重污染天气应急减排清单");
    let path = b.save("清单.xlsx");
    let imported = ok(&path);
    let list = imported.list;
    assert_eq!(list.area, "示例县");
    assert_eq!(list.year, Some(2026));
    assert_eq!(list.enterprises.len(), 2);
    let jia = &list.enterprises[0];
    assert_eq!((jia.name.as_str(), jia.code.as_str()), ("甲公司", CODE_A));
    assert_eq!(jia.grade, Some(Grade::B));
    assert_eq!(jia.industry, "水泥");
    assert_eq!(jia.sources.len(), 2);
    let kiln = &jia.sources[0];
    assert_eq!(kiln.name, "1#窑");
    assert_eq!(kiln.days, Some(300.0));
    assert_eq!(kiln.annual.so2, Some(600.0));
    assert_eq!(kiln.annual.pm, Some(150.0));
    assert_eq!(kiln.annual.nox, None, "no column: blank");
    assert_eq!(kiln.measures.yellow.text, "限产50%");
    assert_eq!(kiln.measures.yellow.share, Some(0.5));
    assert_eq!(kiln.origin.as_ref().unwrap().row, 4);
    let yi = &list.enterprises[1].sources[0];
    assert_eq!(yi.annual.so2, Some(1200.0), "thousands separator");
    assert_eq!(
        yi.annual.pm,
        Some(30.0),
        "trailing unit matching the header"
    );
    assert_eq!(yi.measures.yellow.share, None);
    assert!(imported.warnings.is_empty(), "{:#?}", imported.warnings);
}

#[test]
fn two_row_header_with_merged_level_groups_in_red_first_order() {
    let mut b = two_row_header_book();
    let path = b.save("两行表头.xlsx");
    let imported = ok(&path);
    let e = &imported.list.enterprises[0];
    let s = &e.sources[0];
    assert_eq!(s.name, "窑");
    assert_eq!((s.annual.so2, s.annual.nox), (Some(600.0), Some(900.0)));
    let m = &s.measures;
    assert_eq!((m.red.text.as_str(), m.red.share), ("停产", Some(1.0)));
    assert_eq!(m.red.amounts.so2, Some(1.5));
    assert_eq!(
        (m.orange.text.as_str(), m.orange.share),
        ("限产", Some(0.5))
    );
    assert_eq!(m.orange.amounts.so2, Some(1.0));
    assert_eq!(m.yellow.share, Some(0.3));
    assert_eq!(m.yellow.amounts.so2, Some(0.6));
    let yi = &imported.list.enterprises[1].sources[0];
    assert_eq!(yi.measures.yellow.text, "自主减排");
    assert!(yi.measures.red.is_blank());
    assert!(imported.warnings.is_empty(), "{:#?}", imported.warnings);
    // The area falls back to the file's stem when there is no summary and no title.
    assert_eq!(imported.list.area, "两行表头");
}

#[test]
fn single_row_header_with_level_names_in_each_column() {
    let mut b = Book::new();
    b.sheet(
        "工业源",
        0,
        0,
        &[
            &[
                "企业名称",
                "生产线名称",
                "颗粒物排放量",
                "红色预警减排措施",
                "橙色预警减排措施",
                "黄色预警减排措施",
                "Ⅲ级减排比例",
                "Ⅱ级减排比例",
                "Ⅰ级减排比例",
            ],
            &[
                "甲公司",
                "破碎",
                "12",
                "停产",
                "限产50%",
                "限产30%",
                "30",
                "50",
                "100",
            ],
        ],
    );
    let path = b.save("a.xlsx");
    let s = ok(&path).list.enterprises[0].sources[0].clone();
    assert_eq!(s.measures.red.text, "停产");
    assert_eq!(s.measures.orange.text, "限产50%");
    assert_eq!(s.measures.yellow.text, "限产30%");
    assert_eq!(s.measures.yellow.share, Some(0.3));
    assert_eq!(s.measures.orange.share, Some(0.5));
    assert_eq!(s.measures.red.share, Some(1.0));
}

#[test]
fn vertically_merged_enterprise_cells_cover_every_line() {
    let mut b = Book::new();
    let ws = b.sheet(
        "工业源清单",
        0,
        0,
        &[
            &[
                "企业名称",
                "统一社会信用代码",
                "绩效等级",
                "生产线名称",
                "颗粒物排放量",
            ],
            &["", "", "", "L1", "10"],
            &["", "", "", "L2", "20"],
            &["", "", "", "L3", "30"],
            &["乙公司", CODE_B, "A", "L", "5"],
        ],
    );
    merge(ws, 1, 0, 3, 0, "甲公司");
    merge(ws, 1, 1, 3, 1, CODE_A);
    merge(ws, 1, 2, 3, 2, "B-级");
    let path = b.save("merged.xlsx");
    let list = ok(&path).list;
    assert_eq!(list.enterprises.len(), 2);
    let jia = &list.enterprises[0];
    assert_eq!(jia.grade, Some(Grade::BMinus));
    let pm: Vec<_> = jia.sources.iter().map(|s| s.annual.pm).collect();
    assert_eq!(pm, [Some(10.0), Some(20.0), Some(30.0)]);
    let rows: Vec<_> = jia
        .sources
        .iter()
        .map(|s| s.origin.as_ref().unwrap().row)
        .collect();
    assert_eq!(rows, [2, 3, 4]);
    assert_eq!(list.enterprises[1].grade, Some(Grade::A));
}

#[test]
fn enterprise_cells_on_the_first_row_only() {
    let mut b = Book::new();
    b.sheet(
        "工业源清单",
        0,
        0,
        &[
            &[
                "企业名称",
                "统一社会信用代码",
                "所属区县",
                "生产线名称",
                "颗粒物排放量",
            ],
            &["甲公司", CODE_A, "示例县", "L1", "10"],
            &["", "", "", "L2", "20"],
            &["乙公司", "", "示例县", "L", "5"],
            &["", "", "", "L2", "6"],
            &["乙公司", "", "", "L3", "7"],
        ],
    );
    let path = b.save("first-row.xlsx");
    let list = ok(&path).list;
    assert_eq!(list.enterprises.len(), 2);
    assert_eq!(list.enterprises[0].sources.len(), 2);
    assert_eq!(list.enterprises[0].county, "示例县");
    let yi = &list.enterprises[1];
    assert_eq!(yi.code, "");
    assert_eq!(
        yi.sources.len(),
        3,
        "grouped by name where the code is empty"
    );
}

#[test]
fn aliases_of_every_column_kind() {
    let mut b = Book::new();
    b.sheet(
        "工业企业",
        0,
        0,
        &[
            &[
                "县（市、区）",
                "乡镇",
                "单位名称",
                "社会信用代码",
                "地址",
                "所属行业",
                "绩效分级",
                "管控类型",
                "法人",
                "法人电话",
                "联系人",
                "联系电话",
                "属地监管人",
                "监管人电话",
                "在线监测",
                "工序",
                "产品",
                "产能",
                "年运行天数",
                "烟粉尘排放量",
                "NOx",
                "VOCs",
                "SO₂",
                "Ⅲ级管控措施",
                "Ⅱ级措施",
                "Ⅰ级措施",
                "黄色关键指标",
                "黄色准备时间",
                "黄色责任人",
                "电话",
                "序号",
            ],
            &[
                "示例县",
                "城关镇",
                "甲公司",
                "9111 0000 8021 00433b",
                "工业路1号",
                "玻璃",
                "民生豁免-B级",
                "保障类",
                "张三",
                "'13800138000",
                "李四",
                "0371-12345678",
                "王五",
                "'13900139000",
                "已安装",
                "熔窑",
                "平板玻璃",
                "年产10万吨",
                "'330天",
                "3",
                "4",
                "5",
                "1",
                "限产20%",
                "限产40%",
                "停产",
                "天然气用量",
                "2小时",
                "赵六",
                "'13700137000",
                "1",
            ],
        ],
    );
    let path = b.save("aliases.xlsx");
    let imported = ok(&path);
    assert!(imported.warnings.is_empty(), "{:#?}", imported.warnings);
    let e = &imported.list.enterprises[0];
    assert_eq!(e.county, "示例县");
    assert_eq!(e.town, "城关镇");
    assert_eq!(e.code, CODE_A, "spaces removed, upper-cased");
    assert_eq!(e.address, "工业路1号");
    assert_eq!(e.industry, "玻璃");
    assert_eq!(e.grade, Some(Grade::B));
    assert!(e.guarantee);
    assert_eq!(e.class, Some(EnterpriseClass::Guarantee));
    assert_eq!(
        (e.legal.name.as_str(), e.legal.phone.as_str()),
        ("张三", "13800138000")
    );
    assert_eq!(
        (e.responsible.name.as_str(), e.responsible.phone.as_str()),
        ("李四", "0371-12345678")
    );
    assert_eq!(
        (e.supervisor.name.as_str(), e.supervisor.phone.as_str()),
        ("王五", "13900139000")
    );
    assert_eq!(e.cems, Some(true));
    let s = &e.sources[0];
    assert_eq!(
        (s.name.as_str(), s.product.as_str(), s.capacity.as_str()),
        ("熔窑", "平板玻璃", "年产10万吨")
    );
    assert_eq!(s.days, Some(330.0));
    assert_eq!(
        (s.annual.pm, s.annual.nox, s.annual.vocs, s.annual.so2),
        (Some(3.0), Some(4.0), Some(5.0), Some(1.0))
    );
    assert_eq!(s.measures.yellow.text, "限产20%");
    assert_eq!(s.measures.orange.text, "限产40%");
    assert_eq!(s.measures.red.text, "停产");
    assert_eq!(s.measures.yellow.key_indicator, "天然气用量");
    assert_eq!(s.measures.yellow.prep_time, "2小时");
    assert_eq!(s.measures.yellow.owner.name, "赵六");
    assert_eq!(
        s.measures.yellow.owner.phone, "13700137000",
        "bare 电话 after 责任人"
    );
}

#[test]
fn units_in_headers_are_converted() {
    let mut b = Book::new();
    b.sheet(
        "工业源清单",
        0,
        0,
        &[
            &[
                "企业名称",
                "颗粒物排放量(kg/a)",
                "SO2日排放量",
                "NOx排放量（t/d）",
                "VOCs排放量(千克/年)",
                "黄色预警颗粒物减排量(kg/d)",
                "黄色预警SO2减排量",
                "橙色预警NOx减排量(t/a)",
                "年生产天数",
            ],
            &[
                "甲公司",
                "1500",
                "0.2",
                "0.3",
                "2000",
                "1",
                "0.05",
                "30",
                "300",
            ],
        ],
    );
    let path = b.save("units.xlsx");
    let s = ok(&path).list.enterprises[0].sources[0].clone();
    assert_eq!(s.annual.pm, Some(1.5));
    assert_eq!(s.daily.so2, Some(0.2), "日排放量 defaults to t/d");
    assert_eq!(s.daily.nox, Some(0.3));
    assert_eq!(s.annual.vocs, Some(2.0));
    assert_eq!(s.measures.yellow.amounts.pm, Some(0.001));
    assert_eq!(
        s.measures.yellow.amounts.so2,
        Some(0.05),
        "减排量 defaults to t/d"
    );
    assert_eq!(
        s.measures.orange.amounts.nox,
        Some(0.1),
        "t/a spread over 300 days"
    );
}

#[test]
fn shares_in_percent_formatted_cells_are_fractions() {
    let mut b = Book::new();
    let ws = b.sheet(
        "工业源清单",
        0,
        0,
        &[
            &[
                "企业名称",
                "黄色预警减排比例",
                "橙色预警减排比例",
                "红色预警减排比例",
            ],
            &["甲公司", "", "'60%", "0.5"],
        ],
    );
    let pct = Format::new().set_num_format("0%");
    ws.write_number_with_format(1, 1, 0.3, &pct).unwrap();
    let path = b.save("pct.xlsx");
    let imported = ok(&path);
    let m = &imported.list.enterprises[0].sources[0].measures;
    assert_eq!(m.yellow.share, Some(0.3));
    assert_eq!(m.orange.share, Some(0.6));
    assert_eq!(m.red.share, Some(0.005), "a plain 0.5 means 0.5 %");
    let w =
        at(&imported.warnings, "工业源清单", 2, "红色预警减排比例").expect("doubtful share warned");
    assert!(w.message.contains("0.5"), "{}", w.message);
}

#[test]
fn summary_as_a_table_with_area_and_year_labels() {
    let mut b = Book::new();
    let ws = b.sheet(
        "总表",
        2,
        0,
        &[
            &["地区", "示例县"],
            &["年度", "2026"],
            &[],
            &["全社会排放量"],
            &["污染物", "全社会排放量(t/a)"],
            &["二氧化硫", "7300"],
            &["氮氧化物", "3650"],
            &["颗粒物", "1460"],
            &["挥发性有机物", "4380"],
            &[],
            &["减排目标"],
            &["预警级别", "目标减排比例(%)"],
            &["黄色预警", "12"],
            &["橙色预警", "20"],
            &["红色预警", "30"],
            &["SO2/NOx互补", "否"],
            &[],
            &["预警级别", "污染物", "日减排量(t/d)"],
            &["黄色预警", "二氧化硫", "1.5"],
        ],
    );
    merge(ws, 0, 0, 0, 5, "示例县2026年重污染天气应急减排清单——总表");
    b.sheet(
        "工业源清单",
        0,
        0,
        &[&["企业名称", "颗粒物排放量"], &["甲公司", "1"]],
    );
    let path = b.save("x.xlsx");
    let list = ok(&path).list;
    assert_eq!(list.area, "示例县");
    assert_eq!(list.year, Some(2026));
    let base = list.baseline.expect("baseline");
    assert_eq!(base.unit, BaselineUnit::PerYear);
    assert_eq!(
        (
            base.amounts.so2,
            base.amounts.nox,
            base.amounts.pm,
            base.amounts.vocs
        ),
        (7300.0, 3650.0, 1460.0, 4380.0)
    );
    assert_eq!(*list.targets.get(Level::Yellow), 0.12);
    assert!(!list.so2_nox_trade);
}

#[test]
fn summary_as_one_row_under_pollutant_headers() {
    let mut b = Book::new();
    b.sheet(
        "汇总表",
        0,
        0,
        &[
            &[
                "区县",
                "年度",
                "SO2(t/d)",
                "NOx(t/d)",
                "颗粒物(t/d)",
                "VOCs(t/d)",
            ],
            &["示例县", "2026", "20", "10", "4", "12"],
        ],
    );
    b.sheet(
        "扬尘源清单",
        0,
        0,
        &[&["项目名称", "颗粒物排放量"], &["一号工地", "1"]],
    );
    let path = b.save("y.xlsx");
    let list = ok(&path).list;
    assert_eq!(list.area, "示例县");
    assert_eq!(list.year, Some(2026));
    let base = list.baseline.expect("baseline");
    assert_eq!(base.unit, BaselineUnit::PerDay);
    assert_eq!(*base.amounts.get(Pollutant::Vocs), 12.0);
    assert_eq!(*base.amounts.get(Pollutant::So2), 20.0);
}

#[test]
fn dust_mobile_and_heating_sheets() {
    let mut b = Book::new();
    b.sheet(
        "工业源清单",
        0,
        0,
        &[
            &["企业名称", "统一社会信用代码", "颗粒物排放量"],
            &["甲公司", CODE_A, "1"],
        ],
    );
    b.sheet(
        "扬尘源清单",
        0,
        0,
        &[
            &[
                "所属区县",
                "工地名称",
                "项目类型",
                "项目地址",
                "建设单位",
                "施工单位",
                "项目负责人",
                "电话",
                "应急减排责任人",
                "电话",
                "颗粒物排放量(t/a)",
                "年施工天数",
                "黄色预警减排措施",
                "红色预警减排措施",
            ],
            &[
                "示例县",
                "一号工地",
                "房屋建筑",
                "北路",
                "建设公司",
                "施工公司",
                "钱七",
                "'13800000001",
                "孙八",
                "'13800000002",
                "3.65",
                "200",
                "洒水降尘",
                "停止土石方作业",
            ],
        ],
    );
    b.sheet(
        "移动源清单",
        0,
        0,
        &[
            &[
                "所属区县",
                "企业名称",
                "统一社会信用代码",
                "日均进出车辆(辆次)",
                "国三及以下",
                "国四",
                "国五",
                "国六",
                "新能源",
                "氮氧化物排放量(t/d)",
                "颗粒物排放量(t/d)",
                "橙色预警减排措施",
            ],
            &[
                "示例县",
                "甲公司",
                CODE_A,
                "40",
                "0",
                "5",
                "10",
                "20",
                "5",
                "0.02",
                "0.001",
                "国四及以下车辆停驶",
            ],
        ],
    );
    b.sheet(
        "协同供暖企业清单",
        0,
        0,
        &[
            &[
                "企业名称",
                "统一社会信用代码",
                "供暖面积(万平方米)",
                "核定最大生产负荷(%)",
                "黄色预警减排措施",
            ],
            &["甲公司", CODE_A, "120", "70", "以热定产"],
            &["丙热力", "", "30", "'80%", "以热定产"],
        ],
    );
    let path = b.save("all.xlsx");
    let imported = ok(&path);
    let list = &imported.list;
    let site = &list.sites[0];
    assert_eq!(
        (site.name.as_str(), site.kind.as_str()),
        ("一号工地", "房屋建筑")
    );
    assert_eq!(
        (site.manager.name.as_str(), site.manager.phone.as_str()),
        ("钱七", "13800000001")
    );
    assert_eq!(site.responsible.phone, "13800000002");
    assert_eq!(site.source.annual.pm, Some(3.65));
    assert_eq!(site.source.days, Some(200.0));
    assert_eq!(site.source.measures.red.text, "停止土石方作业");
    let fleet = &list.fleets[0];
    assert_eq!(fleet.code, CODE_A);
    assert_eq!(fleet.daily_trips, Some(40.0));
    assert_eq!(fleet.vehicles.guo4, Some(5));
    assert_eq!(fleet.vehicles.guo3_or_older, Some(0));
    assert_eq!(fleet.source.daily.nox, Some(0.02));
    assert_eq!(fleet.source.measures.orange.text, "国四及以下车辆停驶");
    assert_eq!(list.heating.len(), 2, "unmatched rows are kept");
    assert_eq!(list.heating[0].area_10k_m2, Some(120.0));
    assert_eq!(list.heating[0].max_load, Some(0.7));
    assert_eq!(list.heating[1].max_load, Some(0.8));
    assert_eq!(list.heating[0].measures.yellow, "以热定产");
    let w = at(&imported.warnings, "协同供暖企业清单", 3, "企业名称")
        .expect("unmatched heating warned");
    assert!(w.message.contains("丙热力"));
    assert_eq!(imported.warnings.len(), 1, "{:#?}", imported.warnings);
}

#[test]
fn a_range_that_does_not_start_at_a1_keeps_excel_row_numbers() {
    let mut b = Book::new();
    b.sheet(
        "工业源清单",
        4,
        2,
        &[
            &["企业名称", "生产线名称", "颗粒物排放量"],
            &["甲公司", "L1", "1"],
            &["甲公司", "L2", "2"],
        ],
    );
    let path = b.save("offset.xlsx");
    let e = &ok(&path).list.enterprises[0];
    assert_eq!(e.origin.as_ref().unwrap().row, 6);
    assert_eq!(e.sources[1].origin.as_ref().unwrap().row, 7);
}

#[test]
fn warnings_for_unknown_columns_other_sheets_check_characters_and_phones() {
    let mut b = Book::new();
    b.sheet(
        "工业源清单",
        0,
        0,
        &[
            &[
                "企业名称",
                "统一社会信用代码",
                "法定代表人",
                "法定代表人电话",
                "排污许可证编号",
                "颗粒物排放量",
            ],
            &["甲公司", "91410100MA4422222A", "张三", "'12345", "X1", "1"],
            &["乙公司", "", "李四", "", "X2", "1"],
        ],
    );
    b.sheet("说明", 0, 0, &[&["填表说明"]]);
    let path = b.save("warn.xlsx");
    let imported = ok(&path);
    let w = &imported.warnings;
    assert!(at(w, "工业源清单", 2, "统一社会信用代码")
        .unwrap()
        .message
        .contains("校验位"));
    assert!(at(w, "工业源清单", 2, "法定代表人电话")
        .unwrap()
        .message
        .contains("12345"));
    let unknown: Vec<_> = w
        .iter()
        .filter(|d| d.column.as_deref() == Some("排污许可证编号"))
        .collect();
    assert_eq!(unknown.len(), 1, "warned once per sheet");
    assert_eq!(unknown[0].row, Some(1));
    assert!(w
        .iter()
        .any(|d| d.sheet.as_deref() == Some("说明") && d.row.is_none()));
    assert_eq!(w.len(), 4, "{w:#?}");
}

#[test]
fn footer_rows_under_the_table_are_not_read() {
    let mut b = Book::new();
    b.sheet(
        "工业源清单",
        0,
        0,
        &[
            &["序号", "企业名称", "生产线名称", "颗粒物排放量"],
            &["1", "甲公司", "L1", "1"],
            &["2", "", "L2", "2"],
            &[],
            &["填表人：张三    审核人：李四"],
            &["", "注：排放量单位为吨/年"],
        ],
    );
    let path = b.save("footer.xlsx");
    let imported = ok(&path);
    assert_eq!(imported.list.enterprises.len(), 1);
    assert_eq!(imported.list.enterprises[0].sources.len(), 2);
}

#[test]
fn name_and_phone_in_one_cell() {
    let mut b = Book::new();
    b.sheet(
        "工业源清单",
        0,
        0,
        &[
            &[
                "企业名称",
                "法定代表人及联系方式",
                "应急减排责任人及联系方式",
                "监督人及电话",
            ],
            &[
                "甲公司",
                "张三 13800138000",
                "李四：0371-12345678",
                "王五(1390013900)",
            ],
        ],
    );
    b.sheet(
        "扬尘源清单",
        0,
        0,
        &[
            &["项目名称", "项目负责人及联系方式"],
            &["一号工地", "钱七 13800000001"],
        ],
    );
    let path = b.save("contacts.xlsx");
    let imported = ok(&path);
    let e = &imported.list.enterprises[0];
    assert_eq!(
        (e.legal.name.as_str(), e.legal.phone.as_str()),
        ("张三", "13800138000")
    );
    assert_eq!(
        (e.responsible.name.as_str(), e.responsible.phone.as_str()),
        ("李四", "0371-12345678")
    );
    assert_eq!(e.supervisor.name, "王五");
    let site = &imported.list.sites[0];
    assert_eq!(
        (site.manager.name.as_str(), site.manager.phone.as_str()),
        ("钱七", "13800000001")
    );
    // The supervisor's number has 10 digits: warned about, in its column.
    assert!(at(&imported.warnings, "工业源清单", 2, "监督人及电话").is_some());
    assert_eq!(imported.warnings.len(), 1, "{:#?}", imported.warnings);
}

#[test]
fn heating_area_in_square_metres_is_converted() {
    let mut b = Book::new();
    b.sheet("工业源清单", 0, 0, &[&["企业名称"], &["甲公司"]]);
    b.sheet(
        "协同供暖",
        0,
        0,
        &[&["企业名称", "供暖面积（㎡）"], &["甲公司", "1200000"]],
    );
    let path = b.save("m2.xlsx");
    let list = ok(&path).list;
    assert_eq!(list.heating[0].area_10k_m2, Some(120.0));
}
