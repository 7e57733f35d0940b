//! The electricity side of the samples: each working enterprise's 电力户号 (most of them; the
//! rest are matched by credit code) and 正常日用电量 on the list, and for each sample the power
//! company's daily use over a sample episode in both layouts the program reads (long: one
//! row per account and day; wide: one column per day), with some enterprises over their caps.
//!
//! The sample episode (README walk-through): yellow from 12-05 20:00, orange from 12-06 12:00,
//! lifted 12-08 10:00 of the list's year. Use is drawn below the cap the program computes
//! (`jianpai::episode::power`), except every 12th enterprise, which runs at 130–160 % of its
//! cap on the orange days.

use std::path::{Path, PathBuf};

use jianpai::episode::power::profiles_of;
use jianpai::model::{Level, List};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

use crate::build::CountySpec;

/// The standby load the caps are computed with (the program's default).
const STANDBY: f64 = 0.10;

/// Gives every working enterprise a normal daily use and most of them an account. Drawn from
/// a generator of its own, so the rest of the sample is what it was without electricity.
pub fn add_power_profiles(list: &mut List, spec: CountySpec) {
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed ^ 0x9E37_79B9);
    for (i, e) in list.enterprises.iter_mut().enumerate() {
        if e.shut_down {
            continue;
        }
        let emitted: f64 = e
            .sources
            .iter()
            .map(|s| jianpai::reduce::source_reduction(s).daily.total())
            .sum();
        let kwh = (emitted * rng.random_range(20_000.0..60_000.0)).max(800.0);
        e.normal_daily_kwh = Some((kwh / 10.0).round() * 10.0);
        if i % 5 != 4 {
            e.power_account = format!("{}{:07}", spec.region, 1_000 + i * 7);
        }
    }
}

/// The days of the sample episode and the level that judges each (in force at 00:00; the
/// start level on the first day).
fn days(year: i32) -> [(ExcelDateTime, String, Level); 4] {
    let d = |day: u8| ExcelDateTime::from_ymd(year as u16, 12, day).expect("a valid date");
    [
        (d(5), format!("{year}-12-05"), Level::Yellow),
        (d(6), format!("{year}/12/6"), Level::Yellow),
        (d(7), "12月7日".to_string(), Level::Orange),
        (d(8), format!("{year}-12-08"), Level::Orange),
    ]
}

/// One enterprise's daily use over the sample days.
struct Series {
    account: String,
    code: String,
    name: String,
    uses: [f64; 4],
}

fn series(list: &List, spec: CountySpec) -> Vec<Series> {
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed ^ 0x5EED_E1EC);
    let year = list.year.unwrap_or(spec.year);
    let profiles = profiles_of(list);
    profiles
        .iter()
        .enumerate()
        .filter(|(_, p)| p.normal.is_some())
        .map(|(i, p)| {
            let over = i % 12 == 5;
            let uses = days(year).map(|(_, _, level)| {
                let cap = p.cap(level, STANDBY).expect("a normal use");
                let factor = if over && level == Level::Orange {
                    rng.random_range(1.3..1.6)
                } else {
                    rng.random_range(0.6..1.0)
                };
                (cap * factor).round()
            });
            Series {
                account: p.account.clone(),
                code: p.code.clone(),
                name: p.name.clone(),
                uses,
            }
        })
        .collect()
}

/// Writes `<stem>-用电量-长表.xlsx` and `<stem>-用电量-宽表.xlsx` into `dir` (the `用电量/`
/// folder of the samples, so that a folder of list workbooks holds only lists).
///
/// # Errors
/// rust_xlsxwriter's.
pub fn write_power_files(
    list: &List,
    spec: CountySpec,
    dir: &Path,
) -> Result<Vec<PathBuf>, XlsxError> {
    let year = list.year.unwrap_or(spec.year);
    let all = series(list, spec);
    let days = days(year);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let bold = Format::new().set_bold();
    let created = ExcelDateTime::from_ymd(2026, 8, 20)?;
    let props = rust_xlsxwriter::DocProperties::new()
        .set_title("日用电量")
        .set_creation_datetime(&created);

    let long_path = dir.join(format!("{}-用电量-长表.xlsx", spec.stem));
    let mut wb = Workbook::new();
    wb.set_properties(&props);
    let ws = wb.add_worksheet();
    ws.set_name("日用电量")?;
    for (c, h) in ["户号", "户名", "日期", "日用电量(kWh)"].iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    ws.set_column_width(1, 30)?;
    let mut r = 1;
    for s in &all {
        let account = if s.account.is_empty() {
            &s.code
        } else {
            &s.account
        };
        for ((d, _, _), use_kwh) in days.iter().zip(s.uses) {
            ws.write_string(r, 0, account)?;
            ws.write_string(r, 1, &s.name)?;
            ws.write_datetime_with_format(r, 2, d, &date)?;
            ws.write_number(r, 3, use_kwh)?;
            r += 1;
        }
    }
    wb.save(&long_path)?;

    let wide_path = dir.join(format!("{}-用电量-宽表.xlsx", spec.stem));
    let mut wb = Workbook::new();
    wb.set_properties(&props);
    let ws = wb.add_worksheet();
    ws.set_name("用电量汇总")?;
    ws.write_string_with_format(0, 0, "统一社会信用代码", &bold)?;
    ws.write_string_with_format(0, 1, "企业名称", &bold)?;
    ws.set_column_width(0, 21)?;
    ws.set_column_width(1, 30)?;
    for (c, (d, text, _)) in days.iter().enumerate() {
        let c = (c + 2) as u16;
        if c.is_multiple_of(2) {
            ws.write_datetime_with_format(0, c, d, &date)?;
        } else {
            ws.write_string_with_format(0, c, text, &bold)?;
        }
    }
    for (i, s) in all.iter().enumerate() {
        let r = (i + 1) as u32;
        ws.write_string(r, 0, if s.code.is_empty() { &s.name } else { &s.code })?;
        ws.write_string(r, 1, &s.name)?;
        for (c, use_kwh) in s.uses.iter().enumerate() {
            ws.write_number(r, (c + 2) as u16, *use_kwh)?;
        }
    }
    wb.save(&wide_path)?;
    Ok(vec![long_path, wide_path])
}
