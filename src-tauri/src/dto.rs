//! What the commands hand the UI, shaped for its screens (transport types at the edge,
//! `docs/architecture.md`). The model types themselves cross as they are; these add what a
//! screen needs next to them (the report after an edit, each source's reduction, grid rows).
//! All derive ts-rs and are exported to `ui/src/bindings/` by `cargo test`.

use crate::error::AppError;
use crate::records::RecordKind;
use crate::state::{AppState, Settings};
use jianpai::model::{
    Amounts, Diagnostic, Enterprise, EnterpriseClass, Fleet, Grade, Heating, PerLevel, Site,
};
use jianpai::reduce::{self, source_reduction, Report, SourceReduction};
use serde::Serialize;
use ts_rs::TS;

/// The state every screen shows after any change: the report (`check --json`'s shape) and
/// the list's settings.
#[derive(Clone, Debug, Serialize, TS)]
#[ts(export)]
pub struct Snapshot {
    /// `reduce::check` of the stored list, exactly as `jianpai check --json` prints it.
    pub report: Report,
    /// Area, year, baseline, targets, trade.
    pub settings: Settings,
    /// The data file (empty for an in-memory store).
    pub db_path: String,
    /// True when the list has no source yet (first run).
    pub empty: bool,
    /// What Ctrl+Z would take back; `None` when nothing.
    pub undo: Option<String>,
}

impl Snapshot {
    /// The snapshot of a session.
    pub fn of(s: &AppState) -> Snapshot {
        Snapshot {
            report: s.report.clone(),
            settings: Settings::of(&s.list),
            db_path: s
                .db_path
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            empty: s.is_empty(),
            undo: s.undo_label().map(str::to_string),
        }
    }
}

/// A saved record, its sources' effects and the new report.
#[derive(Clone, Debug, Serialize, TS)]
#[ts(export)]
pub struct Saved<T: TS> {
    /// The record as stored (ids assigned).
    pub record: T,
    /// What each source reduces (`reduce::source_reduction`): one per source of an
    /// enterprise, one for a site or fleet, none for a heating row.
    pub effects: Vec<SourceReduction>,
    /// The report after the save.
    pub snapshot: Snapshot,
}

/// A record with its sources' effects, as the list screens show it.
#[derive(Clone, Debug, Serialize, TS)]
#[ts(export)]
pub struct Shown<T: TS> {
    /// The record.
    pub record: T,
    /// One effect per source.
    pub effects: Vec<SourceReduction>,
}

/// Effects of the sources a record carries.
pub trait Effects {
    /// One per source.
    fn effects(&self) -> Vec<SourceReduction>;
}

impl Effects for Enterprise {
    fn effects(&self) -> Vec<SourceReduction> {
        self.sources.iter().map(source_reduction).collect()
    }
}
impl Effects for Site {
    fn effects(&self) -> Vec<SourceReduction> {
        vec![source_reduction(&self.source)]
    }
}
impl Effects for Fleet {
    fn effects(&self) -> Vec<SourceReduction> {
        vec![source_reduction(&self.source)]
    }
}
impl Effects for Heating {
    fn effects(&self) -> Vec<SourceReduction> {
        Vec::new()
    }
}

impl<T: TS + Effects> Shown<T> {
    /// A record and its effects.
    pub fn of(record: T) -> Self {
        Shown {
            effects: record.effects(),
            record,
        }
    }
}

impl<T: TS + Effects> Saved<T> {
    /// A record just saved in session `s`.
    pub fn of(s: &AppState, record: T) -> Self {
        Saved {
            effects: record.effects(),
            record,
            snapshot: Snapshot::of(s),
        }
    }
}

/// One line of the 工业源 grid: an enterprise's identity and totals, without its sources.
#[derive(Clone, Debug, Serialize, TS)]
#[ts(export)]
pub struct EnterpriseRow {
    /// Store id.
    #[ts(type = "number")]
    pub id: i64,
    /// 企业名称.
    pub name: String,
    /// 统一社会信用代码.
    pub code: String,
    /// 所属区县.
    pub county: String,
    /// 乡镇(街道).
    pub town: String,
    /// 行业类别.
    pub industry: String,
    /// 绩效等级.
    pub grade: Option<Grade>,
    /// 企业类型.
    pub class: Option<EnterpriseClass>,
    /// 长期停产.
    pub shut_down: bool,
    /// Number of sources.
    pub sources: u32,
    /// Sum of the sources' daily emissions, t/d.
    pub daily: Amounts,
    /// Sum of the sources' daily reductions per level, t/d (0 for a shut-down enterprise).
    pub reductions: PerLevel<Amounts>,
}

impl EnterpriseRow {
    /// The grid line of `e`.
    pub fn of(e: &Enterprise) -> EnterpriseRow {
        let mut daily = Amounts::ZERO;
        let mut reductions = PerLevel::from_fn(|_| Amounts::ZERO);
        if !e.shut_down {
            for s in &e.sources {
                let r = reduce::source_reduction(s);
                daily.add(&r.daily);
                for l in jianpai::model::Level::ALL {
                    reductions.get_mut(l).add(r.reductions.get(l));
                }
            }
        }
        EnterpriseRow {
            id: e.id,
            name: e.name.clone(),
            code: e.code.clone(),
            county: e.county.clone(),
            town: e.town.clone(),
            industry: e.industry.clone(),
            grade: e.grade,
            class: e.class,
            shut_down: e.shut_down,
            sources: e.sources.len() as u32,
            daily,
            reductions,
        }
    }
}

/// What a workbook holds: the counts of `check --json` plus the heating rows.
#[derive(Clone, Debug, Default, Serialize, TS)]
#[ts(export)]
pub struct ImportCounts {
    /// Distinct enterprises (by code, else name) on the industrial and mobile sheets.
    pub enterprises: u32,
    /// 工业源 rows.
    pub industrial_sources: u32,
    /// 扬尘源 rows.
    pub dust_sources: u32,
    /// 移动源 rows.
    pub mobile_sources: u32,
    /// 协同供暖 rows.
    pub heating: u32,
}

impl ImportCounts {
    /// Counts of `list`.
    pub fn of(list: &jianpai::model::List) -> ImportCounts {
        let mut keys: std::collections::HashSet<String> =
            list.enterprises.iter().map(Enterprise::key).collect();
        keys.extend(list.fleets.iter().map(Fleet::key));
        ImportCounts {
            enterprises: keys.len() as u32,
            industrial_sources: list
                .enterprises
                .iter()
                .map(|e| e.sources.len() as u32)
                .sum(),
            dust_sources: list.sites.len() as u32,
            mobile_sources: list.fleets.len() as u32,
            heating: list.heating.len() as u32,
        }
    }
}

/// What a dry-run import found; the 导入 screen shows it before anything is written.
#[derive(Clone, Debug, Serialize, TS)]
#[ts(export)]
pub struct ImportPreview {
    /// The file read.
    pub path: String,
    /// What would be imported (zero when the workbook has errors).
    pub counts: ImportCounts,
    /// Every error (sheet, row, column, message); importing is refused while any remain.
    pub errors: Vec<Diagnostic>,
    /// Warnings: imported anyway.
    pub warnings: Vec<Diagnostic>,
    /// The list's area and year as the workbook's summary sheet says.
    pub area: String,
    /// 年度.
    pub year: Option<i32>,
    /// True when the workbook gives the whole-society emissions.
    pub has_baseline: bool,
}

/// The result of Ctrl+Z: what was restored, and the report after it.
#[derive(Clone, Debug, Serialize, TS)]
#[ts(export)]
pub struct Undone {
    /// The kind of record restored.
    pub kind: RecordKind,
    /// Its id after restoring (0 for settings).
    #[ts(type = "number")]
    pub id: i64,
    /// The report after the undo.
    pub snapshot: Snapshot,
}

/// A file the app wrote.
#[derive(Clone, Debug, Serialize, TS)]
#[ts(export)]
pub struct Written {
    /// Where.
    pub path: String,
    /// Its size in bytes.
    #[ts(type = "number")]
    pub bytes: u64,
}

/// What the app knows at start: where its data is, samples it can offer, and a failure to
/// open the data file (the app still starts, so 设置 can open another one).
#[derive(Clone, Debug, Serialize, TS)]
#[ts(export)]
pub struct AppInfo {
    /// The data file in use (or that failed to open).
    pub db_path: String,
    /// Sample list workbooks found next to the program (first-run offer).
    pub samples: Vec<String>,
    /// Why the data file could not be opened, if it could not.
    pub open_error: Option<AppError>,
    /// The app's version.
    pub version: String,
}

/// The GB 32100 verdict on a credit code as typed: `None` when it is fine.
#[derive(Clone, Debug, Serialize, TS)]
#[ts(export)]
pub struct CodeCheck {
    /// The code normalised (upper case, no spaces).
    pub normalised: String,
    /// What is wrong, in Chinese.
    pub message: Option<String>,
    /// True when it is only the check character (a warning: the code is still accepted).
    pub warning_only: bool,
}
