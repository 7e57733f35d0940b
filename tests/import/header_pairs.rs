//! Two-row headers as real templates write them (issue: the single lower row used to win the
//! header search and the sheet lost 企业名称): the pair is weighed as one header, and a group
//! already named in the cell below is not doubled.

use super::support::*;
use jianpai::model::{Level, PerPollutant};

/// 企业名称 only in the top row (not merged down), level groups over cells that repeat them.
#[test]
fn a_group_repeated_in_the_cell_below_is_not_doubled() {
    let mut b = Book::new();
    let ws = b.sheet(
        "工业源清单",
        0,
        0,
        &[
            &[
                "企业名称",
                "生产线",
                "SO2排放量(t/a)",
                "黄色预警",
                "",
                "橙色预警",
                "",
            ],
            &[
                "",
                "",
                "",
                "黄色预警减排措施",
                "黄色预警减排比例(%)",
                "橙色预警减排措施",
                "橙色预警减排比例(%)",
            ],
            &["甲公司", "1#窑", "365", "限产", "20", "限产", "40"],
        ],
    );
    merge(ws, 0, 3, 0, 4, "黄色预警");
    merge(ws, 0, 5, 0, 6, "橙色预警");
    let imported = ok(&b.save("重复分组.xlsx"));
    let e = &imported.list.enterprises[0];
    assert_eq!(e.name, "甲公司");
    let s = &e.sources[0];
    assert_eq!(s.name, "1#窑");
    assert_eq!(s.annual.so2, Some(365.0));
    assert_eq!(s.measures.get(Level::Yellow).share, Some(0.2));
    assert_eq!(s.measures.get(Level::Orange).share, Some(0.4));
    assert_eq!(s.measures.get(Level::Orange).text, "限产");
    assert!(imported.warnings.is_empty(), "{:#?}", imported.warnings);
}

/// A generic group word over the emission columns, merged or written once over the first.
#[test]
fn a_generic_group_over_named_columns_keeps_the_names_below() {
    for merged in [true, false] {
        let mut b = Book::new();
        let ws = b.sheet(
            "工业源清单",
            0,
            0,
            &[
                &["企业名称", "正常工况排放量", "", "黄色预警", ""],
                &[
                    "",
                    "SO2排放量(t/a)",
                    "NOx排放量(t/a)",
                    "减排措施",
                    "减排比例",
                ],
                &["甲公司", "365", "730", "停产", "100"],
            ],
        );
        if merged {
            merge(ws, 0, 1, 0, 2, "正常工况排放量");
            merge(ws, 0, 3, 0, 4, "黄色预警");
        }
        let imported = ok(&b.save("通用分组.xlsx"));
        let s = &imported.list.enterprises[0].sources[0];
        assert_eq!(
            s.annual,
            PerPollutant {
                so2: Some(365.0),
                nox: Some(730.0),
                pm: None,
                vocs: None
            },
            "merged: {merged}"
        );
        assert_eq!(s.measures.yellow.share, Some(1.0), "merged: {merged}");
    }
}

/// A known emission group over cells that already say 排放量: SO2排放量 under 排放量(t/d).
#[test]
fn an_emission_group_over_full_names_keeps_its_unit() {
    let mut b = Book::new();
    let ws = b.sheet(
        "工业源清单",
        0,
        0,
        &[
            &["企业名称", "排放量(t/d)", ""],
            &["", "SO2排放量", "颗粒物"],
            &["甲公司", "0.5", "0.25"],
        ],
    );
    merge(ws, 0, 1, 0, 2, "排放量(t/d)");
    let s = ok(&b.save("排放量分组.xlsx")).list.enterprises[0].sources[0].clone();
    assert_eq!(s.daily.so2, Some(0.5));
    assert_eq!(s.daily.pm, Some(0.25));
    assert_eq!(s.annual.so2, None);
}
