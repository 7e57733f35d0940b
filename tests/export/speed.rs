//! Speed: exporting a 60,000-source list must take at most twice what rust_xlsxwriter alone
//! takes to write the same cells — the industrial sheet written by hand with prebuilt
//! formats and the same merges. The export adds everything else: mapping the model to
//! columns, column widths, the other sheets, `reduce::check` and the 测算说明.
//!
//! Ignored by default (it writes two ~15 MB files); run with
//! `cargo test --release --test export -- speed --ignored --nocapture`.

use std::time::{Duration, Instant};

use super::common::{code, full_measure, source};
use jianpai::model::{Enterprise, Grade, List, PerLevel, Pollutant, Source};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet};

pub fn big_list(enterprises: usize, lines: usize) -> List {
    let mut list = super::common::full_list();
    list.enterprises = (0..enterprises)
        .map(|i| {
            let sources = (0..lines)
                .map(|j| {
                    let mut s = source(
                        &format!("{j}#生产线"),
                        [Some(12.5 + i as f64), Some(30.25), Some(4.125), None],
                        Some(300.0),
                    );
                    s.measures = PerLevel {
                        yellow: full_measure("限产30%", 0.3, 0.01, "王五"),
                        orange: full_measure("限产50%", 0.5, 0.02, "王五"),
                        red: full_measure("停产", 1.0, 0.04, "王五"),
                    };
                    s
                })
                .collect();
            Enterprise {
                name: format!("示例第{i}号有限公司"),
                code: code(&format!("914108{:011}", i)),
                county: "示例县".into(),
                town: "城关镇".into(),
                address: format!("示例路{i}号"),
                industry: "焦化".into(),
                grade: Some(Grade::B),
                legal: super::common::contact("张三", "13800000000"),
                responsible: super::common::contact("李四", "13800000001"),
                supervisor: super::common::contact("周八", "13800000002"),
                sources,
                ..Enterprise::default()
            }
        })
        .collect();
    list
}

/// The formats a hand-written program would prebuild for the same sheet.
struct Formats {
    text: Format,
    merged: Format,
    fixed4: Format,
    fixed6: Format,
    percent: Format,
}

impl Formats {
    fn new() -> Formats {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        Formats {
            text: cell.clone(),
            merged: cell.clone().set_align(FormatAlign::VerticalCenter),
            fixed4: cell.clone().set_num_format("0.0000"),
            fixed6: cell.clone().set_num_format("0.000000"),
            percent: cell.set_num_format("0.00"),
        }
    }
}

/// A cursor over one row of the hand-written sheet.
struct Plain<'a> {
    ws: &'a mut Worksheet,
    f: &'a Formats,
    row: u32,
    col: u16,
}

impl Plain<'_> {
    fn text(&mut self, t: &str) {
        if t.is_empty() {
            self.ws
                .write_blank(self.row, self.col, &self.f.text)
                .unwrap();
        } else {
            self.ws
                .write_string_with_format(self.row, self.col, t, &self.f.text)
                .unwrap();
        }
        self.col += 1;
    }

    fn num(&mut self, v: Option<f64>, format: &Format) {
        match v {
            Some(v) => self
                .ws
                .write_number_with_format(self.row, self.col, v, format),
            None => self.ws.write_blank(self.row, self.col, format),
        }
        .unwrap();
        self.col += 1;
    }
}

/// rust_xlsxwriter alone writing the same industrial sheet by hand: the same cells with the
/// same kind of prebuilt formats, the enterprise cells merged over their lines, nothing else
/// (no model mapping, no widths, no 总表, no check, no note).
fn plain_write(list: &List, path: &std::path::Path) -> Duration {
    let start = Instant::now();
    let f = Formats::new();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet_with_constant_memory().unwrap();
    let mut row = 3;
    for e in &list.enterprises {
        let n = e.sources.len() as u32;
        for (i, s) in e.sources.iter().enumerate() {
            if i == 0 {
                let cells = [
                    &e.county,
                    &e.town,
                    &e.name,
                    &e.code,
                    &e.address,
                    &e.industry,
                    "B",
                    "",
                    "",
                    &e.legal.name,
                    &e.legal.phone,
                    &e.responsible.name,
                    &e.responsible.phone,
                    &e.supervisor.name,
                    &e.supervisor.phone,
                ];
                for (c, t) in cells.iter().enumerate() {
                    ws.merge_range(row, c as u16, row + n - 1, c as u16, t, &f.merged)
                        .unwrap();
                }
            }
            let mut p = Plain {
                ws: &mut *ws,
                f: &f,
                row,
                col: 15,
            };
            write_source(&mut p, s);
            row += 1;
        }
    }
    wb.save(path).unwrap();
    start.elapsed()
}

fn write_source(p: &mut Plain<'_>, s: &Source) {
    let f = p.f;
    p.text(&s.name);
    p.text(&s.product);
    p.text(&s.capacity);
    p.num(s.days, &f.fixed4);
    for q in Pollutant::ALL {
        p.num(*s.annual.get(q), &f.fixed4);
    }
    for q in Pollutant::ALL {
        p.num(*s.daily.get(q), &f.fixed6);
    }
    for m in [&s.measures.yellow, &s.measures.orange, &s.measures.red] {
        p.text(&m.text);
        p.num(m.share.map(|v| v * 100.0), &f.percent);
        for q in Pollutant::ALL {
            p.num(*m.amounts.get(q), &f.fixed6);
        }
        for t in [
            &m.key_indicator,
            &m.prep_time,
            &m.owner.name,
            &m.owner.phone,
        ] {
            p.text(t);
        }
    }
}

#[test]
#[ignore = "timing: run with --release --ignored"]
fn sixty_thousand_sources_within_twice_plain_writing() {
    let list = big_list(20_000, 3);
    let dir = tempfile::tempdir().unwrap();
    let plain = plain_write(&list, &dir.path().join("plain.xlsx"));
    let start = Instant::now();
    jianpai::export::write_submission(&list, &dir.path().join("export.xlsx")).unwrap();
    let ours = start.elapsed();
    let ratio = ours.as_secs_f64() / plain.as_secs_f64();
    println!("plain rust_xlsxwriter {plain:?}, export {ours:?}, ratio {ratio:.2}");
    assert!(
        ratio <= 2.0,
        "export {ours:?} is {ratio:.2}× plain writing {plain:?}"
    );
}

#[test]
#[ignore = "timing: run with --release --ignored"]
fn filing_columns_add_little_to_the_export() {
    use jianpai::model::{Filing, FilingState, Filings};
    let list = big_list(20_000, 3);
    let date = chrono::NaiveDate::from_ymd_opt(2026, 9, 20);
    let filings: Filings = list
        .enterprises
        .iter()
        .map(|e| {
            let f = Filing {
                enterprise: e.key(),
                state: FilingState::Filed,
                date,
                number: "环备〔2026〕12号".into(),
            };
            (e.key(), f)
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let none = PerLevel::from_fn(|_| None);
    let time = |filings: Option<&Filings>, file: &str| {
        let start = Instant::now();
        jianpai::export::write_submission_with(&list, &none, filings, &dir.path().join(file))
            .unwrap();
        start.elapsed()
    };
    let without = time(None, "without.xlsx");
    let with = time(Some(&filings), "with.xlsx");
    let ratio = with.as_secs_f64() / without.as_secs_f64();
    println!("export without 备案 columns {without:?}, with {with:?}, ratio {ratio:.2}");
    // Three merged cells per enterprise beside some 100 per line: a few percent, with room
    // for a busy machine's noise.
    assert!(ratio <= 1.3, "the 备案 columns cost {ratio:.2}×");
}
