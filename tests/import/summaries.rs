//! The 总表 shapes of issue 10: the one-row form under title rows and a 区县 row, and a city's
//! summary with one row (or one table) per county, each county keeping its own baseline.

use super::support::*;
use jianpai::model::{BaselineUnit, PerPollutant};

fn industrial(b: &mut Book) {
    b.sheet(
        "工业源清单",
        0,
        0,
        &[
            &["企业名称", "所属区县", "SO2排放量"],
            &["甲厂", "甲县", "1"],
        ],
    );
}

#[test]
fn one_row_summary_under_title_rows_and_a_county_row() {
    let mut b = Book::new();
    industrial(&mut b);
    b.sheet(
        "汇总",
        0,
        0,
        &[
            &["示例县2026年重污染天气应急减排清单汇总表"],
            &["区县", "示例县"],
            &[
                "SO2全社会日排放量(t/d)",
                "NOx全社会日排放量(t/d)",
                "颗粒物全社会日排放量(t/d)",
                "VOCs全社会日排放量(t/d)",
            ],
            &["20", "10", "4", "12"],
        ],
    );
    let list = ok(&b.save("一行汇总.xlsx")).list;
    let base = list.baseline.expect("baseline read");
    assert_eq!(base.unit, BaselineUnit::PerDay);
    assert_eq!(
        base.amounts,
        PerPollutant {
            so2: 20.0,
            nox: 10.0,
            pm: 4.0,
            vocs: 12.0
        }
    );
    assert_eq!(list.area, "示例县");
    assert!(list.county_baselines.is_empty());
}

#[test]
fn a_city_summary_with_one_row_per_county_and_a_stated_total() {
    let mut b = Book::new();
    industrial(&mut b);
    b.sheet(
        "总表",
        0,
        0,
        &[
            &["地区", "示例市"],
            &["区县", "SO2(t/a)", "NOx(t/a)", "颗粒物(t/a)", "VOCs(t/a)"],
            &["甲县", "365", "730", "1095", "1460"],
            &["乙县", "730", "730", "365", "365"],
            &["全市", "2000", "2000", "2000", "2000"],
        ],
    );
    let list = ok(&b.save("市汇总.xlsx")).list;
    assert_eq!(list.area, "示例市");
    let counties: Vec<(&str, f64)> = list
        .county_baselines
        .iter()
        .map(|c| (c.county.as_str(), c.baseline.amounts.so2))
        .collect();
    assert_eq!(counties, [("甲县", 365.0), ("乙县", 730.0)]);
    assert_eq!(
        list.county_baselines[0].baseline.unit,
        BaselineUnit::PerYear
    );
    assert_eq!(
        list.baseline.unwrap().amounts.so2,
        2000.0,
        "the stated 全市 row"
    );
    assert_eq!(
        list.county_baseline(" 甲县").map(|a| a.vocs),
        Some(4.0),
        "daily figure by county"
    );
}

#[test]
fn one_table_per_county_sums_to_the_city() {
    let mut b = Book::new();
    industrial(&mut b);
    b.sheet(
        "总表",
        0,
        0,
        &[
            &["区县：甲县"],
            &["SO2(t/d)", "NOx(t/d)", "颗粒物(t/d)", "VOCs(t/d)"],
            &["1", "2", "3", "4"],
            &[""],
            &["区县：乙县"],
            &["SO2(t/d)", "NOx(t/d)", "颗粒物(t/d)", "VOCs(t/d)"],
            &["10", "20", "30", "40"],
        ],
    );
    let list = ok(&b.save("分县汇总.xlsx")).list;
    assert_eq!(list.county_baselines.len(), 2);
    assert_eq!(list.county_baselines[1].county, "乙县");
    assert_eq!(list.county_baselines[1].baseline.amounts.vocs, 40.0);
    let city = list.baseline.unwrap();
    assert_eq!(city.unit, BaselineUnit::PerDay);
    assert_eq!(
        city.amounts,
        PerPollutant {
            so2: 11.0,
            nox: 22.0,
            pm: 33.0,
            vocs: 44.0
        }
    );
}

/// A whole-society total is the sum of every line: a province-sized 1,531,200 t/a (the
/// 60,000-source benchmark list's) or 5,000 t/d is not refused by the per-line bound of
/// 10⁶ t/a, in either summary shape; a line's own emission still is.
#[test]
fn whole_society_totals_are_not_held_to_one_lines_bound() {
    let mut b = Book::new();
    industrial(&mut b);
    b.sheet(
        "总表",
        0,
        0,
        &[
            &["污染物", "全社会排放量(t/a)"],
            &["SO2", "1531200"],
            &["NOx", "2400000"],
            &["颗粒物", "900000"],
            &["VOCs", "1200000"],
        ],
    );
    let list = ok(&b.save("大总表.xlsx")).list;
    let base = list.baseline.expect("baseline read");
    assert_eq!(base.amounts.so2, 1_531_200.0);
    assert_eq!(base.amounts.nox, 2_400_000.0);

    let mut b = Book::new();
    industrial(&mut b);
    b.sheet(
        "汇总",
        0,
        0,
        &[
            &["SO2全社会日排放量(t/d)", "NOx全社会日排放量(t/d)"],
            &["5000", "6000"],
        ],
    );
    let list = ok(&b.save("大总表一行.xlsx")).list;
    assert_eq!(list.baseline.expect("baseline read").amounts.nox, 6000.0);

    let mut b = Book::new();
    b.sheet(
        "工业源清单",
        0,
        0,
        &[
            &["企业名称", "所属区县", "SO2排放量(t/a)"],
            &["甲厂", "甲县", "1531200"],
        ],
    );
    let (errors, _) = invalid(&b.save("一条线过大.xlsx"));
    assert!(
        errors.iter().any(|e| e.message.contains("合理上限")),
        "{errors:?}"
    );
}
