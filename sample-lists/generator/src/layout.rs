//! The two real-world workbook layouts (`docs/workbook.md`): 模板甲 and 模板乙.

use jianpai::model::{
    Contact, Enterprise, Fleet, Grade, Heating, Level, List, Machinery, Measure, Pollutant, Site,
    Source,
};
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::build::Layout;
use super::table::{self, Cell, Col, EntityCells, Formats, NumFmt};

/// One row of the industrial sheet: an enterprise's line and the enterprise's number.
pub struct Line<'a> {
    n: usize,
    e: &'a Enterprise,
    s: &'a Source,
}

fn line_src<'r>(r: &'r Line<'_>) -> &'r Source {
    r.s
}

fn site_src<'r>(r: &'r (usize, &Site)) -> &'r Source {
    &r.1.source
}

fn fleet_src<'r>(r: &'r (usize, &Fleet)) -> &'r Source {
    &r.1.source
}

/// Writes every sheet of `list` into `wb` in `layout`.
///
/// `constant_memory` selects rust_xlsxwriter's streaming mode for big lists.
pub fn write_list(
    wb: &mut Workbook,
    list: &List,
    layout: Layout,
    constant_memory: bool,
) -> Result<(), XlsxError> {
    let f = Formats::new();
    let cm = constant_memory;
    match layout {
        Layout::Jia => {
            summary_jia(sheet(wb, "总表", cm)?, list, &f)?;
            industrial(sheet(wb, "工业源清单", cm)?, list, layout, &f)?;
            sites(sheet(wb, "扬尘源清单", cm)?, list, layout, &f)?;
            fleets(sheet(wb, "移动源清单", cm)?, list, layout, &f)?;
            heating(sheet(wb, "协同供暖企业清单", cm)?, list, layout, &f)?;
            machinery(sheet(wb, "非道路移动机械清单", cm)?, list, layout, &f)?;
        }
        Layout::Yi => {
            summary_yi(sheet(wb, "汇总表", cm)?, list, &f)?;
            industrial(sheet(wb, "工业企业", cm)?, list, layout, &f)?;
            sites(sheet(wb, "施工工地", cm)?, list, layout, &f)?;
            fleets(sheet(wb, "重点用车企业", cm)?, list, layout, &f)?;
            heating(sheet(wb, "供暖企业", cm)?, list, layout, &f)?;
            machinery(sheet(wb, "非道路机械", cm)?, list, layout, &f)?;
            instructions(sheet(wb, "填表说明", cm)?, &f)?;
        }
    }
    Ok(())
}

fn sheet<'w>(wb: &'w mut Workbook, name: &str, cm: bool) -> Result<&'w mut Worksheet, XlsxError> {
    let ws = if cm {
        wb.add_worksheet_with_constant_memory()?
    } else {
        wb.add_worksheet()
    };
    ws.set_name(name)
}

/// Level groups in the order the layout writes them.
fn levels(layout: Layout) -> [Level; 3] {
    match layout {
        Layout::Jia => Level::ALL,
        Layout::Yi => [Level::Red, Level::Orange, Level::Yellow],
    }
}

fn grade_text(grade: Option<Grade>, layout: Layout) -> String {
    let Some(g) = grade else {
        return String::new();
    };
    match (layout, g) {
        (Layout::Jia, _) => g.label().to_string(),
        (Layout::Yi, Grade::Leading) => "绩效引领性".to_string(),
        (Layout::Yi, Grade::Unrated | Grade::NonLeading) => g.label().to_string(),
        (Layout::Yi, _) => format!("{}级", g.label()),
    }
}

fn share_cell(m: &Measure, layout: Layout) -> Cell {
    match (m.share, layout) {
        (None, _) => Cell::Blank,
        (Some(s), Layout::Jia) => Cell::Num((s * 100.0).round()),
        (Some(s), Layout::Yi) => Cell::text(format!("{}%", (s * 100.0).round())),
    }
}

fn yes_no(v: Option<bool>) -> Cell {
    match v {
        Some(true) => Cell::text("是"),
        Some(false) => Cell::text("否"),
        None => Cell::Blank,
    }
}

fn name(c: &Contact) -> Cell {
    Cell::text(&c.name)
}

fn phone(c: &Contact) -> Cell {
    Cell::text(&c.phone)
}

/// The per-level columns of a source sheet (measure, share, indicator, time, owner).
fn level_cols<'a, R: 'a>(layout: Layout, source: fn(&R) -> &Source) -> Vec<Col<'a, R>> {
    let names: [&str; 6] = match layout {
        Layout::Jia => [
            "减排措施",
            "减排比例(%)",
            "关键性指标",
            "应急准备时间",
            "工序责任人",
            "工序责任人电话",
        ],
        Layout::Yi => [
            "减排措施",
            "限产比例",
            "核查指标",
            "准备时间",
            "工序责任人",
            "工序责任人电话",
        ],
    };
    let mut cols = Vec::new();
    for level in levels(layout) {
        let g = level.name_zh();
        let m = move |r: &R| source(r).measures.get(level).clone();
        cols.push(Col::new(names[0], 26.0, move |r| Cell::text(m(r).text)).group(g));
        cols.push(
            Col::new(names[1], 9.0, move |r| share_cell(&m(r), layout))
                .group(g)
                .num(NumFmt::Int),
        );
        cols.push(Col::new(names[2], 16.0, move |r| Cell::text(m(r).key_indicator)).group(g));
        cols.push(Col::new(names[3], 9.0, move |r| Cell::text(m(r).prep_time)).group(g));
        cols.push(Col::new(names[4], 9.0, move |r| name(&m(r).owner)).group(g));
        cols.push(Col::new(names[5], 13.0, move |r| phone(&m(r).owner)).group(g));
    }
    cols
}

/// Emission column of pollutant `p` in the layout's spelling.
fn emission_col<'a, R: 'a>(layout: Layout, p: Pollutant, source: fn(&R) -> &Source) -> Col<'a, R> {
    let header = match (layout, p) {
        (Layout::Jia, Pollutant::So2) => "二氧化硫排放量(t/a)",
        (Layout::Jia, Pollutant::Nox) => "氮氧化物排放量(t/a)",
        (Layout::Jia, Pollutant::Pm) => "颗粒物排放量(t/a)",
        (Layout::Jia, Pollutant::Vocs) => "挥发性有机物排放量(t/a)",
        (Layout::Yi, Pollutant::So2) => "SO2排放量",
        (Layout::Yi, Pollutant::Nox) => "NOx排放量",
        (Layout::Yi, Pollutant::Pm) => "烟粉尘排放量",
        (Layout::Yi, Pollutant::Vocs) => "VOCs排放量",
    };
    Col::new(header, 11.0, move |r| Cell::opt(*source(r).annual.get(p)))
}

fn title(
    ws: &mut Worksheet,
    list: &List,
    what: &str,
    width: u16,
    f: &Formats,
) -> Result<(), XlsxError> {
    let year = list.year.map(|y| y.to_string()).unwrap_or_default();
    let text = format!("{}{}年重污染天气应急减排清单（{}）", list.area, year, what);
    ws.merge_range(0, 0, 0, width.max(2) - 1, &text, &f.title)?;
    ws.set_row_height(0, 30)?;
    Ok(())
}

fn industrial(
    ws: &mut Worksheet,
    list: &List,
    layout: Layout,
    f: &Formats,
) -> Result<(), XlsxError> {
    let src = line_src;
    let mut cols: Vec<Col<Line>> = Vec::new();
    let jia = layout == Layout::Jia;
    cols.push(
        Col::new("序号", 5.0, |r: &Line| Cell::Num(r.n as f64))
            .entity()
            .num(NumFmt::Int),
    );
    if jia {
        cols.push(Col::new("所属区县", 8.0, |r: &Line| Cell::text(&r.e.county)).entity());
        cols.push(Col::new("乡镇(街道)", 10.0, |r: &Line| Cell::text(&r.e.town)).entity());
        cols.push(Col::new("企业名称", 28.0, |r: &Line| Cell::text(&r.e.name)).entity());
        cols.push(
            Col::new("统一社会信用代码", 21.0, |r: &Line| {
                Cell::text(&r.e.code)
            })
            .entity(),
        );
        cols.push(Col::new("行业类别", 12.0, |r: &Line| Cell::text(&r.e.industry)).entity());
        cols.push(
            Col::new("绩效等级", 7.0, |r: &Line| {
                Cell::text(grade_text(r.e.grade, Layout::Jia))
            })
            .entity(),
        );
        cols.push(
            Col::new("企业类型", 10.0, |r: &Line| {
                Cell::text(r.e.class.map(|c| c.name_zh()).unwrap_or(""))
            })
            .entity(),
        );
        cols.push(Col::new("是否安装CEMS", 7.0, |r: &Line| yes_no(r.e.cems)).entity());
        cols.push(Col::new("法定代表人", 8.0, |r: &Line| name(&r.e.legal)).entity());
        cols.push(Col::new("法定代表人电话", 13.0, |r: &Line| phone(&r.e.legal)).entity());
        cols.push(
            Col::new("应急减排责任人", 8.0, |r: &Line| {
                name(&r.e.responsible)
            })
            .entity(),
        );
        cols.push(
            Col::new("应急减排责任人电话", 13.0, |r: &Line| {
                phone(&r.e.responsible)
            })
            .entity(),
        );
        cols.push(Col::new("监督人", 8.0, |r: &Line| name(&r.e.supervisor)).entity());
        cols.push(Col::new("监督人电话", 13.0, |r: &Line| phone(&r.e.supervisor)).entity());
        cols.push(Col::new("生产线名称", 14.0, |r: &Line| {
            Cell::text(&r.s.name)
        }));
        cols.push(Col::new("主要产品", 10.0, |r: &Line| {
            Cell::text(&r.s.product)
        }));
        cols.push(Col::new("设计产能", 13.0, |r: &Line| {
            Cell::text(&r.s.capacity)
        }));
        cols.push(Col::new("排放口编号", 9.0, |r: &Line| {
            Cell::text(&r.s.outlet)
        }));
        // PM first, days after the emissions: the order of this city's template.
        for p in [
            Pollutant::Pm,
            Pollutant::So2,
            Pollutant::Nox,
            Pollutant::Vocs,
        ] {
            cols.push(emission_col(layout, p, src));
        }
        cols.push(Col::new("年生产天数", 7.0, |r: &Line| Cell::opt(r.s.days)).num(NumFmt::Int));
    } else {
        cols.push(Col::new("所属县区", 8.0, |r: &Line| Cell::text(&r.e.county)).entity());
        cols.push(Col::new("乡镇", 10.0, |r: &Line| Cell::text(&r.e.town)).entity());
        cols.push(Col::new("单位名称", 28.0, |r: &Line| Cell::text(&r.e.name)).entity());
        cols.push(Col::new("社会信用代码", 21.0, |r: &Line| Cell::text(&r.e.code)).entity());
        cols.push(Col::new("所属行业", 12.0, |r: &Line| Cell::text(&r.e.industry)).entity());
        cols.push(
            Col::new("企业分类", 10.0, |r: &Line| {
                Cell::text(r.e.class.map(|c| c.name_zh()).unwrap_or(""))
            })
            .entity(),
        );
        cols.push(
            Col::new("绩效分级", 8.0, |r: &Line| {
                Cell::text(grade_text(r.e.grade, Layout::Yi))
            })
            .entity(),
        );
        cols.push(Col::new("法人代表", 8.0, |r: &Line| name(&r.e.legal)).entity());
        cols.push(Col::new("法人电话", 13.0, |r: &Line| phone(&r.e.legal)).entity());
        cols.push(Col::new("环保负责人", 8.0, |r: &Line| name(&r.e.responsible)).entity());
        cols.push(Col::new("联系电话", 13.0, |r: &Line| phone(&r.e.responsible)).entity());
        cols.push(Col::new("属地监管人", 8.0, |r: &Line| name(&r.e.supervisor)).entity());
        cols.push(Col::new("监督人电话", 13.0, |r: &Line| phone(&r.e.supervisor)).entity());
        cols.push(Col::new("CEMS", 6.0, |r: &Line| yes_no(r.e.cems)).entity());
        cols.push(Col::new("生产线/工序", 14.0, |r: &Line| {
            Cell::text(&r.s.name)
        }));
        cols.push(Col::new("产品", 10.0, |r: &Line| {
            Cell::text(&r.s.product)
        }));
        cols.push(Col::new("产能", 13.0, |r: &Line| {
            Cell::text(&r.s.capacity)
        }));
        cols.push(Col::new("排口编号", 9.0, |r: &Line| {
            Cell::text(&r.s.outlet)
        }));
        cols.push(Col::new("年运行天数", 7.0, |r: &Line| Cell::opt(r.s.days)).num(NumFmt::Int));
        for p in Pollutant::ALL {
            cols.push(emission_col(layout, p, src));
        }
    }
    // The electricity check's columns (`docs/episode.md`), in both layouts.
    cols.push(
        Col::new("电力户号", 14.0, |r: &Line| {
            Cell::text(&r.e.power_account)
        })
        .entity(),
    );
    cols.push(
        Col::new("正常日用电量", 10.0, |r: &Line| {
            Cell::opt(r.e.normal_daily_kwh)
        })
        .entity()
        .num(NumFmt::Int),
    );
    cols.extend(level_cols(layout, src));

    let first = if jia {
        title(ws, list, "工业源", cols.len() as u16, f)?;
        ws.merge_range(
            1,
            0,
            1,
            8,
            &format!("填报单位（盖章）：{}生态环境分局", list.area),
            &f.note,
        )?;
        ws.merge_range(1, 9, 1, 16, "填报日期：2026年8月20日", &f.note)?;
        table::header(ws, 2, &cols, true, f)?
    } else {
        table::header(ws, 0, &cols, false, f)?
    };
    ws.set_freeze_panes(first, if jia { 5 } else { 4 })?;
    let groups = list.enterprises.iter().enumerate().map(|(i, e)| {
        e.sources
            .iter()
            .map(|s| Line { n: i + 1, e, s })
            .collect::<Vec<_>>()
    });
    let entity = if jia {
        EntityCells::Merge
    } else {
        EntityCells::FirstOnly
    };
    let end = table::rows(ws, first, &cols, groups, entity, f)?;
    if jia {
        total_row(ws, end, &cols, list, f)?;
    }
    Ok(())
}

/// The 合计 row under the industrial table: sums of the emission columns.
fn total_row(
    ws: &mut Worksheet,
    row: u32,
    cols: &[Col<Line>],
    list: &List,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(row, 0, "合计", &f.header)?;
    for (i, c) in cols.iter().enumerate().skip(1) {
        let p = Pollutant::ALL
            .into_iter()
            .find(|p| c.name.starts_with(p.name_zh()));
        match p {
            Some(p) => {
                let sum: f64 = list
                    .enterprises
                    .iter()
                    .flat_map(|e| &e.sources)
                    .filter_map(|s| *s.annual.get(p))
                    .sum();
                table::put(
                    ws,
                    row,
                    i as u16,
                    &Cell::Num((sum * 1000.0).round() / 1000.0),
                    NumFmt::Dec3,
                    f,
                )?;
            }
            None => table::put(ws, row, i as u16, &Cell::Blank, NumFmt::Dec3, f)?,
        }
    }
    Ok(())
}

fn sites(ws: &mut Worksheet, list: &List, layout: Layout, f: &Formats) -> Result<(), XlsxError> {
    let jia = layout == Layout::Jia;
    let src = site_src;
    let mut cols: Vec<Col<(usize, &Site)>> = vec![
        Col::new("序号", 5.0, |r: &(usize, &Site)| Cell::Num(r.0 as f64)).num(NumFmt::Int),
        Col::new(
            if jia { "所属区县" } else { "区县" },
            8.0,
            |r: &(usize, &Site)| Cell::text(&r.1.county),
        ),
        Col::new(
            if jia { "项目名称" } else { "工地名称" },
            30.0,
            |r: &(usize, &Site)| Cell::text(&r.1.name),
        ),
        Col::new("项目类型", 9.0, |r: &(usize, &Site)| {
            Cell::text(&r.1.kind)
        }),
        Col::new("项目地址", 16.0, |r: &(usize, &Site)| {
            Cell::text(&r.1.address)
        }),
        Col::new("建设单位", 22.0, |r: &(usize, &Site)| {
            Cell::text(&r.1.builder)
        }),
        Col::new("施工单位", 26.0, |r: &(usize, &Site)| {
            Cell::text(&r.1.contractor)
        }),
        Col::new("项目负责人", 8.0, |r: &(usize, &Site)| {
            name(&r.1.manager)
        }),
        Col::new("项目负责人电话", 13.0, |r: &(usize, &Site)| {
            phone(&r.1.manager)
        }),
        Col::new("应急减排责任人", 8.0, |r: &(usize, &Site)| {
            name(&r.1.responsible)
        }),
        Col::new("应急减排责任人电话", 13.0, |r: &(usize, &Site)| {
            phone(&r.1.responsible)
        }),
        Col::new(
            if jia {
                "重点工程批准文号"
            } else {
                "批准文号"
            },
            14.0,
            |r: &(usize, &Site)| Cell::text(&r.1.approval),
        ),
        Col::new("年施工天数", 7.0, |r: &(usize, &Site)| {
            Cell::opt(r.1.source.days)
        })
        .num(NumFmt::Int),
        emission_col(layout, Pollutant::Pm, src),
    ];
    cols.extend(level_cols(layout, src));
    let first = if jia {
        title(ws, list, "扬尘源", cols.len() as u16, f)?;
        table::header(ws, 1, &cols, true, f)?
    } else {
        table::header(ws, 0, &cols, false, f)?
    };
    ws.set_freeze_panes(first, 3)?;
    let groups = list.sites.iter().enumerate().map(|(i, s)| vec![(i + 1, s)]);
    table::rows(ws, first, &cols, groups, EntityCells::Merge, f)?;
    Ok(())
}

fn fleets(ws: &mut Worksheet, list: &List, layout: Layout, f: &Formats) -> Result<(), XlsxError> {
    type R<'a> = (usize, &'a Fleet);
    let jia = layout == Layout::Jia;
    let src = fleet_src;
    let count = |get: fn(&Fleet) -> Option<u32>| move |r: &R| Cell::opt(get(r.1).map(f64::from));
    let mut cols: Vec<Col<R>> = vec![
        Col::new("序号", 5.0, |r: &R| Cell::Num(r.0 as f64)).num(NumFmt::Int),
        Col::new("所属区县", 8.0, |r: &R| Cell::text(&r.1.county)),
        Col::new("企业名称", 28.0, |r: &R| Cell::text(&r.1.name)),
        Col::new("统一社会信用代码", 21.0, |r: &R| {
            Cell::text(&r.1.code)
        }),
        Col::new("日均进出车辆(辆次)", 10.0, |r: &R| {
            Cell::opt(r.1.daily_trips)
        })
        .num(NumFmt::Int),
        Col::new("国三及以下", 7.0, count(|v| v.vehicles.guo3_or_older)).num(NumFmt::Int),
        Col::new("国四", 7.0, count(|v| v.vehicles.guo4)).num(NumFmt::Int),
        Col::new("国五", 7.0, count(|v| v.vehicles.guo5)).num(NumFmt::Int),
        Col::new("国六", 7.0, count(|v| v.vehicles.guo6)).num(NumFmt::Int),
        Col::new("新能源", 7.0, count(|v| v.vehicles.new_energy)).num(NumFmt::Int),
        Col::new("年运行天数", 7.0, |r: &R| Cell::opt(r.1.source.days)).num(NumFmt::Int),
        emission_col(layout, Pollutant::Nox, src),
        emission_col(layout, Pollutant::Pm, src),
    ];
    cols.extend(level_cols(layout, src));
    let first = if jia {
        title(ws, list, "移动源", cols.len() as u16, f)?;
        table::header(ws, 1, &cols, true, f)?
    } else {
        table::header(ws, 0, &cols, false, f)?
    };
    ws.set_freeze_panes(first, 3)?;
    let groups = list
        .fleets
        .iter()
        .enumerate()
        .map(|(i, s)| vec![(i + 1, s)]);
    table::rows(ws, first, &cols, groups, EntityCells::Merge, f)?;
    Ok(())
}

/// The non-road machinery sheet: who uses which machines of which stage, and what they do
/// per level (checked by the reviewer, never summed).
fn machinery(
    ws: &mut Worksheet,
    list: &List,
    layout: Layout,
    f: &Formats,
) -> Result<(), XlsxError> {
    type R<'a> = (usize, &'a Machinery);
    let jia = layout == Layout::Jia;
    let mut cols: Vec<Col<R>> = vec![
        Col::new("序号", 5.0, |r: &R| Cell::Num(r.0 as f64)).num(NumFmt::Int),
        Col::new(if jia { "所属区县" } else { "区县" }, 8.0, |r: &R| {
            Cell::text(&r.1.county)
        }),
        Col::new("使用单位", 30.0, |r: &R| Cell::text(&r.1.user)),
        Col::new(
            if jia { "机械类型" } else { "机械种类" },
            10.0,
            |r: &R| Cell::text(&r.1.kind),
        ),
        Col::new("排放阶段", 8.0, |r: &R| Cell::text(r.1.stage.name_zh())),
        Col::new(if jia { "数量" } else { "台数" }, 6.0, |r: &R| {
            Cell::opt(r.1.count.map(f64::from))
        })
        .num(NumFmt::Int),
        Col::new("燃料", 6.0, |r: &R| Cell::text(&r.1.fuel)),
    ];
    for level in levels(layout) {
        let g = level.name_zh();
        cols.push(
            Col::new("管控措施", 24.0, move |r: &R| {
                Cell::text(r.1.measures.get(level))
            })
            .group(g),
        );
    }
    let first = if jia {
        title(ws, list, "非道路移动机械", cols.len() as u16, f)?;
        table::header(ws, 1, &cols, true, f)?
    } else {
        table::header(ws, 0, &cols, false, f)?
    };
    ws.set_freeze_panes(first, 3)?;
    let groups = list
        .machinery
        .iter()
        .enumerate()
        .map(|(i, m)| vec![(i + 1, m)]);
    table::rows(ws, first, &cols, groups, EntityCells::Merge, f)?;
    Ok(())
}

fn heating(ws: &mut Worksheet, list: &List, layout: Layout, f: &Formats) -> Result<(), XlsxError> {
    type R<'a> = (usize, &'a Heating);
    let jia = layout == Layout::Jia;
    let mut cols: Vec<Col<R>> = vec![
        Col::new("序号", 5.0, |r: &R| Cell::Num(r.0 as f64)).num(NumFmt::Int),
        Col::new("企业名称", 28.0, |r: &R| Cell::text(&r.1.name)),
        Col::new("统一社会信用代码", 21.0, |r: &R| {
            Cell::text(&r.1.code)
        }),
        Col::new("供暖面积(万平方米)", 10.0, |r: &R| {
            Cell::opt(r.1.area_10k_m2)
        })
        .num(NumFmt::Int),
        Col::new("核定最大生产负荷(%)", 10.0, move |r: &R| {
            match (r.1.max_load, jia) {
                (None, _) => Cell::Blank,
                (Some(l), true) => Cell::Num((l * 100.0).round()),
                (Some(l), false) => Cell::text(format!("{}%", (l * 100.0).round())),
            }
        })
        .num(NumFmt::Int),
    ];
    for level in levels(layout) {
        cols.push(
            Col::new("减排措施", 36.0, move |r: &R| {
                Cell::text(r.1.measures.get(level))
            })
            .group(level.name_zh()),
        );
    }
    let first = if jia {
        title(ws, list, "协同供暖企业", cols.len() as u16, f)?;
        table::header(ws, 1, &cols, true, f)?
    } else {
        table::header(ws, 0, &cols, false, f)?
    };
    let groups = list
        .heating
        .iter()
        .enumerate()
        .map(|(i, s)| vec![(i + 1, s)]);
    table::rows(ws, first, &cols, groups, EntityCells::Merge, f)?;
    Ok(())
}

/// 总表 of 模板甲: area and year, then the whole-society emissions as a table.
fn summary_jia(ws: &mut Worksheet, list: &List, f: &Formats) -> Result<(), XlsxError> {
    title(ws, list, "总表", 4, f)?;
    ws.set_column_width(0, 12)?;
    ws.set_column_width(1, 16)?;
    ws.set_column_width(2, 20)?;
    ws.set_column_width(3, 34)?;
    ws.write_string_with_format(1, 0, "地区", &f.header)?;
    ws.write_string_with_format(1, 1, &list.area, &f.text)?;
    ws.write_string_with_format(2, 0, "年度", &f.header)?;
    if let Some(year) = list.year {
        ws.write_number_with_format(2, 1, f64::from(year), &f.text)?;
    }
    let header = ["序号", "污染物", "全社会排放量(t/a)", "数据来源"];
    for (i, h) in header.iter().enumerate() {
        ws.write_string_with_format(4, i as u16, *h, &f.header)?;
    }
    let amounts = list.baseline.map(|b| b.amounts);
    for (i, p) in Pollutant::ALL.into_iter().enumerate() {
        let row = 5 + i as u32;
        table::put(ws, row, 0, &Cell::Num(i as f64 + 1.0), NumFmt::Int, f)?;
        table::put(ws, row, 1, &Cell::text(p.name_zh()), NumFmt::Int, f)?;
        table::put(
            ws,
            row,
            2,
            &Cell::opt(amounts.map(|a| *a.get(p))),
            NumFmt::Dec1,
            f,
        )?;
        let year = list.year.map_or(String::new(), |y| (y - 1).to_string());
        table::put(
            ws,
            row,
            3,
            &Cell::text(format!("{year}年{}大气污染源排放清单", list.area)),
            NumFmt::Int,
            f,
        )?;
    }
    Ok(())
}

/// 汇总表 of 模板乙: one row with the four whole-society emissions under pollutant headers;
/// where the area's units have their own (`county_baselines`), one row per unit and then the
/// area's stated 合计, under a 地区 row that names the area (the 区县 column then names the
/// units, not the area).
fn summary_yi(ws: &mut Worksheet, list: &List, f: &Formats) -> Result<(), XlsxError> {
    let top = u32::from(!list.county_baselines.is_empty());
    if top > 0 {
        ws.write_string_with_format(0, 0, "地区", &f.header)?;
        ws.write_string_with_format(0, 1, &list.area, &f.text)?;
    }
    let header = [
        "区县",
        "年度",
        "SO2(吨/年)",
        "NOx(吨/年)",
        "颗粒物(吨/年)",
        "VOCs(吨/年)",
    ];
    for (i, h) in header.iter().enumerate() {
        ws.set_column_width(i as u16, 14)?;
        ws.write_string_with_format(top, i as u16, *h, &f.header)?;
    }
    let mut rows: Vec<(&str, Option<_>)> = list
        .county_baselines
        .iter()
        .map(|c| (c.county.as_str(), Some(c.baseline.amounts)))
        .collect();
    let total = if rows.is_empty() {
        list.area.as_str()
    } else {
        "合计"
    };
    rows.push((total, list.baseline.map(|b| b.amounts)));
    for (r, (name, amounts)) in rows.into_iter().enumerate() {
        let r = top + 1 + r as u32;
        table::put(ws, r, 0, &Cell::text(name), NumFmt::Int, f)?;
        table::put(
            ws,
            r,
            1,
            &Cell::opt(list.year.map(f64::from)),
            NumFmt::Int,
            f,
        )?;
        for (i, p) in Pollutant::ALL.into_iter().enumerate() {
            table::put(
                ws,
                r,
                2 + i as u16,
                &Cell::opt(amounts.map(|a| *a.get(p))),
                NumFmt::Dec1,
                f,
            )?;
        }
    }
    Ok(())
}

/// A sheet the importer must ignore (with a warning naming it).
fn instructions(ws: &mut Worksheet, f: &Formats) -> Result<(), XlsxError> {
    ws.set_column_width(0, 90)?;
    let lines = [
        "填表说明",
        "1. 企业名称、统一社会信用代码等信息只在该企业第一行填写。",
        "2. 限产比例按百分数填写，停产填100%，自主减排填0%。",
        "3. 排放量单位为吨/年，按年运行天数折算日排放量。",
        "4. 轮流停产的企业批次不得超过3批。",
    ];
    for (i, l) in lines.iter().enumerate() {
        ws.write_string_with_format(i as u32, 0, *l, &f.note)?;
    }
    Ok(())
}
