//! Deterministic generator of the sample list workbooks in `sample-lists/`.
//!
//! Writes county workbooks directly with rust_xlsxwriter in the messy layouts people really
//! send (`docs/workbook.md`), not through the project's exporter, so that the importer, the
//! reduction check and the reviewer are tested against input they did not produce. Each
//! sample plants one enterprise per review rule and records it in `<stem>.faults.json`;
//! everything else is clean. The whole-society baseline is chosen so that yellow passes and
//! red fails.
//!
//! A library crate of the workspace, used by `examples/generate_samples.rs`, the integration
//! tests (`tests/cli/sample_lists.rs` checks the committed files) and `benches/budgets.rs`.

mod build;
mod layout;
mod names;
pub mod power;
mod profiles;
mod table;
mod tally;

use std::path::{Path, PathBuf};

pub use build::{big_list, county, CountySpec, Fault, Layout, Sample};
pub use tally::{ratios, reductions, verdict};

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

/// The folder, inside the samples folder, of the sample electricity data (`用电量/`).
pub const POWER_DIR: &str = "用电量";

/// The committed samples.
pub const SAMPLES: [CountySpec; 2] = [
    CountySpec {
        stem: "洹水县-2026-模板甲",
        county: "洹水县",
        region: "410529",
        area_code: "0372",
        year: 2026,
        seed: 20_260_901,
        layout: Layout::Jia,
        enterprises: 150,
        sites: 30,
        fleets: 15,
        district: None,
    },
    CountySpec {
        stem: "淇河县-2026-模板乙",
        county: "淇河县",
        region: "410623",
        area_code: "0392",
        year: 2026,
        seed: 20_260_902,
        layout: Layout::Yi,
        enterprises: 150,
        sites: 30,
        fleets: 15,
        district: Some("淇河产业集聚区"),
    },
];

/// What can go wrong writing the samples.
#[derive(Debug, thiserror::Error)]
pub enum GenError {
    /// rust_xlsxwriter refused or failed.
    #[error("写入工作簿失败：{0}")]
    Xlsx(#[from] XlsxError),
    /// Writing the manifest failed.
    #[error("写入文件失败：{0}")]
    Io(#[from] std::io::Error),
    /// The manifest could not be serialised.
    #[error("生成问题清单失败：{0}")]
    Json(#[from] serde_json::Error),
}

/// Writes every sample workbook and its fault manifest into `dir`; returns the paths written.
pub fn write_samples(dir: &Path) -> Result<Vec<PathBuf>, GenError> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for spec in SAMPLES {
        let sample = county(spec);
        let xlsx = dir.join(format!("{}.xlsx", spec.stem));
        write_workbook(&sample.list, spec.layout, &xlsx, false)?;
        let faults = dir.join(format!("{}.faults.json", spec.stem));
        std::fs::write(
            &faults,
            serde_json::to_string_pretty(&sample.faults)? + "\n",
        )?;
        written.push(xlsx);
        written.push(faults);
        let power_dir = dir.join(POWER_DIR);
        std::fs::create_dir_all(&power_dir)?;
        written.extend(power::write_power_files(&sample.list, spec, &power_dir)?);
    }
    Ok(written)
}

/// Writes a workbook of layout 甲 with `n_sources` industrial sources (60,000 for the
/// benchmarks), streaming rows in rust_xlsxwriter's `constant_memory` mode.
pub fn big_list_workbook(path: &Path, n_sources: usize) -> Result<List, GenError> {
    let list = big_list(n_sources);
    write_workbook(&list, Layout::Jia, path, true)?;
    Ok(list)
}

use jianpai::model::List;

/// Writes `list` in `layout` with a fixed creation date, so that the same list gives the
/// same bytes.
pub fn write_workbook(
    list: &List,
    layout: Layout,
    path: &Path,
    constant_memory: bool,
) -> Result<(), GenError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2026, 8, 20)?;
    let props = DocProperties::new()
        .set_title(format!(
            "{}{}年重污染天气应急减排清单",
            list.area,
            list.year.unwrap_or(2026)
        ))
        .set_author(format!("{}生态环境分局", list.area))
        .set_creation_datetime(&created);
    wb.set_properties(&props);
    layout::write_list(&mut wb, list, layout, constant_memory)?;
    wb.save(path)?;
    Ok(())
}
