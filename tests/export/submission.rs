//! The submission workbook read back with calamine: sheet order, header, merges, values,
//! formula-looking text kept as text, and the 总表 numbers equal to `reduce::check`.

use super::common::*;
use calamine::{Data, Reader};
use jianpai::export::write_submission;
use jianpai::model::{List, Pollutant};
use jianpai::reduce;

fn export(list: &List) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("清单.xlsx");
    write_submission(list, &path).expect("export succeeds");
    (dir, path)
}

#[test]
fn sheets_in_order() {
    let (_dir, path) = export(&full_list());
    let names = open(&path).sheet_names();
    assert_eq!(
        names,
        [
            "总表",
            "工业源清单",
            "扬尘源清单",
            "移动源清单",
            "协同供暖企业清单",
            "非道路移动机械清单",
            "测算说明"
        ]
    );
}

#[test]
fn industrial_header_is_two_rows_with_merged_groups() {
    let (_dir, path) = export(&full_list());
    let r = range(&path, "工业源清单");
    let title = cell(&r, 0, 0);
    assert!(title.starts_with("示例县2026年重污染天气应急减排清单——工业源清单（导出日期："));
    assert_eq!(cell(&r, 1, 0), "所属区县");
    assert_eq!(cell(&r, 1, 2), "企业名称");
    assert_eq!(cell(&r, 1, 3), "统一社会信用代码");
    let so2 = column(&r, None, "二氧化硫排放量(t/a)");
    assert_eq!(cell(&r, 1, so2 + 4), "二氧化硫日排放量(t/d)");
    let yellow = column(&r, None, "黄色预警");
    assert_eq!(cell(&r, 2, yellow), "减排措施");
    assert_eq!(cell(&r, 2, yellow + 1), "减排比例(%)");
    assert_eq!(cell(&r, 2, yellow + 2), "二氧化硫减排量(t/d)");
    assert_eq!(cell(&r, 2, yellow + 6), "关键性指标");
    assert_eq!(cell(&r, 2, yellow + 9), "工序责任人电话");
    assert_eq!(cell(&r, 2, yellow + 10), "排放浓度限值(mg/m3)");
    assert_eq!(cell(&r, 2, yellow + 11), "日用电量上限(kWh/d)");
    assert_eq!(cell(&r, 1, yellow + 12), "橙色预警");
    assert_eq!(cell(&r, 1, yellow + 24), "红色预警");

    let merges = open(&path).merge_cells_by_sheet_name("工业源清单").unwrap();
    let has = |s: (u32, u32), e: (u32, u32)| merges.iter().any(|d| d.start == s && d.end == e);
    let last = yellow + 35;
    assert!(has((0, 0), (0, last)), "title merged across the table");
    assert!(has((1, 2), (2, 2)), "企业名称 merged over both header rows");
    assert!(
        has((1, yellow), (1, yellow + 11)),
        "黄色预警 merged over its 12 columns"
    );
    assert!(has((1, yellow + 24), (1, last)), "红色预警 merged");
    // 日用电量上限 is the enterprise's: merged over its two lines like its name.
    assert!(
        has((3, yellow + 11), (4, yellow + 11)),
        "kWh cap merged over the lines"
    );
    assert!(
        !has((3, yellow + 10), (4, yellow + 10)),
        "concentration limits are the lines'"
    );
    // The first enterprise has two lines: its cells are merged over rows 4–5 (0-based 3–4).
    assert!(has((3, 2), (4, 2)), "enterprise name merged over its lines");
    assert!(has((3, 3), (4, 3)), "code merged over its lines");
    let line = column(&r, None, "生产线名称");
    assert!(!has((3, line), (4, line)), "source cells are not merged");
}

#[test]
fn values_are_written_exactly_and_text_stays_text() {
    let list = full_list();
    let (_dir, path) = export(&list);
    let r = range(&path, "工业源清单");
    assert_eq!(r.get_value((3, 2)), Some(&Data::String("=SUM(A1)".into())));
    let address = column(&r, None, "企业地址");
    assert_eq!(cell(&r, 3, address), "+工业园区1号");
    assert_eq!(cell(&r, 3, column(&r, None, "绩效等级")), "保障类-B");
    assert_eq!(cell(&r, 5, column(&r, None, "绩效等级")), "长期停产");
    assert_eq!(cell(&r, 3, column(&r, None, "是否安装CEMS")), "是");
    assert_eq!(cell(&r, 5, column(&r, None, "是否安装CEMS")), "否");
    assert_eq!(cell(&r, 3, column(&r, None, "法定代表人")), "@张三");
    assert_eq!(cell(&r, 4, column(&r, None, "生产线名称")), "-2#焦炉");
    let so2 = column(&r, None, "二氧化硫排放量(t/a)");
    assert_eq!(r.get_value((3, so2)), Some(&Data::Float(600.0)));
    assert_eq!(r.get_value((3, so2 + 1)), Some(&Data::Float(900.0)));
    assert_eq!(cell(&r, 3, so2 + 3), "", "blank VOCs stays blank");
    let pm_daily = column(&r, None, "颗粒物日排放量(t/d)");
    assert_eq!(r.get_value((3, pm_daily)), Some(&Data::Float(0.5)));
    let orange = column(&r, None, "橙色预警");
    assert_eq!(cell(&r, 3, orange), "=限产70%");
    assert_eq!(
        r.get_value((3, orange + 1)),
        Some(&Data::Float(70.0)),
        "share as percent"
    );
    assert_eq!(r.get_value((3, orange + 2)), Some(&Data::Float(1.4)));
    let red = column(&r, None, "红色预警");
    assert_eq!(cell(&r, 3, red + 8), "+钱七");

    let d = range(&path, "扬尘源清单");
    assert_eq!(cell(&d, 1, 1), "项目名称");
    assert_eq!(cell(&d, 3, 1), "@示例小区二期工程");
    assert_eq!(
        d.get_value((3, column(&d, None, "颗粒物排放量(t/a)"))),
        Some(&Data::Float(12.5))
    );
    assert_eq!(cell(&d, 3, column(&d, None, "年施工天数")), "200");

    let m = range(&path, "移动源清单");
    assert_eq!(cell(&m, 3, column(&m, None, "企业名称")), "=SUM(A1)");
    assert_eq!(cell(&m, 3, column(&m, None, "国四(辆)")), "12");
    assert_eq!(cell(&m, 3, column(&m, None, "国三及以下(辆)")), "0");
    assert_eq!(cell(&m, 3, column(&m, None, "新能源(辆)")), "");
    assert_eq!(
        m.get_value((3, column(&m, None, "氮氧化物日排放量(t/d)"))),
        Some(&Data::Float(0.012))
    );

    let h = range(&path, "协同供暖企业清单");
    assert_eq!(cell(&h, 1, 2), "供暖面积(万平方米)");
    assert_eq!(cell(&h, 3, 0), "示例热电有限公司");
    assert_eq!(h.get_value((3, 2)), Some(&Data::Float(350.5)));
    assert_eq!(h.get_value((3, 3)), Some(&Data::Float(70.0)));
    assert_eq!(cell(&h, 1, 6), "红色预警减排措施");
    assert_eq!(cell(&h, 3, 6), "以热定产，负荷不超过70%");
}

/// Finds the row whose column A says `label` (and column B `second` where given).
fn find_row(r: &calamine::Range<Data>, a: &str, b: Option<&str>) -> u32 {
    let rows = r.end().unwrap().0;
    (0..=rows)
        .find(|&row| cell(r, row, 0) == a && b.is_none_or(|b| cell(r, row, 1) == b))
        .unwrap_or_else(|| panic!("no row {a} {b:?}"))
}

fn number(r: &calamine::Range<Data>, row: u32, col: u32) -> f64 {
    match r.get_value((row, col)) {
        Some(Data::Float(v)) => *v,
        other => panic!("({row},{col}) is {other:?}"),
    }
}

#[test]
fn summary_numbers_equal_check() {
    let list = worked_example();
    let report = reduce::check(&list);
    let (_dir, path) = export(&list);
    let r = range(&path, "总表");
    assert_eq!(cell(&r, find_row(&r, "地区", None), 1), "示例县");
    assert_eq!(number(&r, find_row(&r, "年度", None), 1), 2026.0);
    let header = find_row(&r, "污染物", None);
    assert_eq!(cell(&r, header, 1), "全社会日排放量(t/d)");
    assert_eq!(cell(&r, header + 1, 0), "二氧化硫");
    assert_eq!(number(&r, header + 1, 1), 20.0);
    assert_eq!(number(&r, header + 4, 1), 12.0);
    assert_eq!(number(&r, find_row(&r, "黄色预警", None), 1), 10.0);
    assert_eq!(cell(&r, find_row(&r, "SO2/NOx互补", None), 1), "是");

    for lc in &report.levels {
        let level = lc.level.name_zh();
        for p in Pollutant::ALL {
            let row = find_row(&r, level, Some(p.name_zh()));
            assert_eq!(number(&r, row, 2), *lc.reduction.get(p), "{level} {p:?}");
            let ratio = number(&r, row, 4) / 100.0;
            assert_eq!(ratio, *lc.ratio.unwrap().get(p), "{level} {p:?} ratio");
            assert_eq!(number(&r, row, 6), lc.shortfall.unwrap().get(p));
        }
        let verdict = cell(&r, find_row(&r, level, Some("整体")), 7);
        assert_eq!(
            verdict,
            if lc.pass.level {
                "✓ 达标"
            } else {
                "✗ 未达标"
            }
        );
        let pair = cell(&r, find_row(&r, level, Some("二氧化硫+氮氧化物(互补)")), 7);
        assert_eq!(
            pair,
            if lc.pass.so2_nox {
                "✓ 达标"
            } else {
                "✗ 未达标"
            }
        );
    }
    // The worked example: yellow passes through the trade, orange and red fail.
    assert_eq!(
        cell(&r, find_row(&r, "黄色预警", Some("二氧化硫")), 7),
        "✗ 未达标"
    );
    assert_eq!(
        cell(&r, find_row(&r, "黄色预警", Some("整体")), 7),
        "✓ 达标"
    );
    assert_eq!(
        cell(&r, find_row(&r, "红色预警", Some("整体")), 7),
        "✗ 未达标"
    );
    let red_pm = find_row(&r, "红色预警", Some("颗粒物"));
    assert!(
        (number(&r, red_pm, 6) - 0.5).abs() < 1e-12,
        "PM shortfall 0.5 t/d"
    );
}

#[test]
fn note_sheet_states_method_shortfalls_and_assumptions() {
    let list = worked_example();
    let (_dir, path) = export(&list);
    let r = range(&path, "测算说明");
    let all: Vec<String> = r
        .rows()
        .flat_map(|row| row.iter().map(|c| c.to_string()))
        .collect();
    let text = all.join("\n");
    assert!(text.contains("示例县2026年重污染天气应急减排清单测算说明"));
    assert!(text.contains("一、测算方法"));
    assert!(text.contains("红色预警颗粒物：减排比例17.50%，低于目标30.00%，尚缺0.5000 t/d"));
    assert!(text.contains("沿用下一级别"));
    assert!(text.contains("颗粒物减排量前"));
}

#[test]
fn without_baseline_the_summary_says_so() {
    let mut list = worked_example();
    list.baseline = None;
    let (_dir, path) = export(&list);
    let r = range(&path, "总表");
    let text: String = r
        .rows()
        .flat_map(|row| row.iter().map(|c| c.to_string()))
        .collect();
    assert!(text.contains("未设置全社会排放量"));
    assert!(text.contains("无基数"));
}

#[test]
fn empty_list_still_writes_every_sheet() {
    let list = List::default();
    let (_dir, path) = export(&list);
    assert_eq!(open(&path).sheet_names().len(), 7);
    let r = range(&path, "工业源清单");
    assert_eq!(cell(&r, 1, 2), "企业名称");
    assert_eq!(cell(&r, 3, 2), "", "no data rows");
}

/// Issue 10: the 总表 and the 测算说明 show per level what the enterprises do and how much of
/// the whole society the list covers.
#[test]
fn summary_and_note_show_measure_counts_and_coverage() {
    let list = worked_example();
    let (_dir, path) = export(&list);
    let r = range(&path, "总表");
    let rows: Vec<Vec<String>> = (0..r.height() as u32)
        .map(|i| (0..8).map(|c| cell(&r, i, c)).collect())
        .collect();
    let at = rows
        .iter()
        .position(|row| row[0] == "各级预警措施统计")
        .expect("measure counts heading");
    assert_eq!(rows[at + 1][1], "停产企业");
    // One enterprise with two lines: one stops and one limits at yellow, both stop at red.
    assert_eq!(rows[at + 2][..3], ["黄色预警", "0", "1"]);
    assert_eq!(rows[at + 4][..3], ["红色预警", "1", "0"]);
    let cov: Vec<&Vec<String>> = rows.iter().filter(|row| row[0] == "清单占比").collect();
    assert_eq!(cov.len(), 4);
    assert_eq!(cov[1][1], "氮氧化物");
    assert_eq!(cov[1][2], "30", "a percent number, shown with two decimals");

    let note = jianpai::export::calculation_note(&list);
    let text = format!("{note:?}");
    assert!(
        text.contains("黄色预警：停产企业0家，限产企业1家"),
        "{text}"
    );
    assert!(text.contains("二氧化硫10.00%"), "{text}");
}

#[test]
fn filing_columns_trail_the_industrial_sheet() {
    use jianpai::model::{Filing, FilingState, Filings, PerLevel};
    let list = full_list();
    let first = &list.enterprises[0];
    let date = chrono::NaiveDate::from_ymd_opt(2026, 9, 20).unwrap();
    let filings: Filings = [(
        first.key(),
        Filing {
            enterprise: first.key(),
            state: FilingState::Filed,
            date: Some(date),
            number: "环备〔2026〕12号".into(),
        },
    )]
    .into_iter()
    .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("清单.xlsx");
    jianpai::export::write_submission_with(
        &list,
        &PerLevel::from_fn(|_| None),
        Some(&filings),
        &path,
    )
    .unwrap();
    let r = range(&path, "工业源清单");
    let red = column(&r, None, "红色预警");
    // The workbook.md layout ends with the red group's 12 columns; the three follow it.
    let state = red + 12;
    assert_eq!(cell(&r, 1, state), "备案状态");
    assert_eq!(cell(&r, 1, state + 1), "备案日期");
    assert_eq!(cell(&r, 1, state + 2), "备案文号");
    assert_eq!(r.end().unwrap().1, state + 2, "nothing after them");
    assert_eq!(
        [0, 1, 2].map(|i| cell(&r, 3, state + i)),
        ["已备案", "2026-09-20", "环备〔2026〕12号"]
    );
    // An enterprise without a record: 未提交, no date, no 文号.
    let second = 3 + first.sources.len() as u32;
    assert_eq!(cell(&r, second, 2), list.enterprises[1].name);
    assert_eq!(
        [0, 1, 2].map(|i| cell(&r, second, state + i)),
        ["未提交", "", ""]
    );
    // The enterprise's own cells: merged over its lines, header over both header rows.
    let merges = open(&path).merge_cells_by_sheet_name("工业源清单").unwrap();
    let has = |s: (u32, u32), e: (u32, u32)| merges.iter().any(|d| d.start == s && d.end == e);
    assert!(first.sources.len() > 1);
    let last_line = 3 + first.sources.len() as u32 - 1;
    for c in state..=state + 2 {
        assert!(has((1, c), (2, c)), "header of column {c}");
        assert!(
            has((3, c), (last_line, c)),
            "column {c} merged over the lines"
        );
    }
    assert!(has((0, 0), (0, state + 2)), "title across the whole table");

    // Without the store's records (a list exported on its own) the sheet has no such columns.
    let (_dir, plain) = export(&list);
    let r = range(&plain, "工业源清单");
    assert_eq!(r.end().unwrap().1, column(&r, None, "红色预警") + 11);
}
