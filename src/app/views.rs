//! What a front end shows about the session, shaped for its screens and exported to
//! TypeScript (ts-rs): the report after an edit, each source's reduction, the grid rows of
//! the 工业源 screen, a dry-run import. The model types themselves cross as they are.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::records::{Record, RecordKind};
use super::warnings::WarningGroup;
use crate::model::{
    Amounts, Diagnostic, Enterprise, EnterpriseClass, Grade, Level, List, PerLevel, Settings,
};
use crate::reduce::{source_reduction, Counts, Report, SourceReduction};
use crate::store::Filing;

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

/// A saved record, its sources' effects, its grid row (enterprises only) and the new report.
#[derive(Clone, Debug, Serialize, TS)]
#[ts(export)]
pub struct Saved<T: TS> {
    /// The record as stored (ids assigned).
    pub record: T,
    /// What each source reduces ([`source_reduction`]).
    pub effects: Vec<SourceReduction>,
    /// The 工业源 grid line of a saved enterprise, so the grid updates without a reload;
    /// `None` for other records.
    pub row: Option<EnterpriseRow>,
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

impl<T: Record> Shown<T> {
    /// A record and its effects.
    pub fn of(record: T) -> Self {
        Shown {
            effects: record.effects(),
            record,
        }
    }
}

/// One line of the 工业源 grid: an enterprise's identity and totals, without its sources.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
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
    /// The 备案 of its 一厂一策 (未提交 where none is recorded): the grid shows it as a column.
    pub filing: Filing,
}

impl EnterpriseRow {
    /// The grid line of `e`, whose filing record is `filing` (kept beside the list, by
    /// [`Enterprise::key`]; `None`: 未提交).
    pub fn of(e: &Enterprise, filing: Option<&Filing>) -> EnterpriseRow {
        let mut daily = Amounts::ZERO;
        let mut reductions = PerLevel::from_fn(|_| Amounts::ZERO);
        if !e.shut_down {
            for s in &e.sources {
                let r = source_reduction(s);
                daily.add(&r.daily);
                for l in Level::ALL {
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
            filing: filing.cloned().unwrap_or_else(|| Filing {
                enterprise: e.key(),
                ..Filing::default()
            }),
        }
    }
}

/// What a workbook holds: the counts of `check --json` plus the heating rows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, TS)]
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
    /// The engine's counts of a list, with its heating rows.
    pub fn of(counts: Counts, list: Option<&List>) -> ImportCounts {
        ImportCounts {
            enterprises: counts.enterprises,
            industrial_sources: counts.industrial_sources,
            dust_sources: counts.dust_sources,
            mobile_sources: counts.mobile_sources,
            heating: list.map_or(0, |l| l.heating.len() as u32),
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
    /// How many warnings (imported anyway).
    pub warning_count: usize,
    /// The warnings grouped by kind with their first rows: a list with a bad check
    /// character on 60,000 codes crosses to the window as one group, not 60,000 lines.
    pub warnings: Vec<WarningGroup>,
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

/// A file a front end asked for and the app wrote.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export, rename = "Written")]
pub struct FileWritten {
    /// Where.
    pub path: String,
    /// Its size in bytes.
    #[ts(type = "number")]
    pub bytes: u64,
}

/// What `历史 → 恢复` did: the snapshot now in force, the one taken of the list it replaced
/// (restoring that one undoes the restore) and the report of the restored list.
#[derive(Clone, Debug, Serialize, TS)]
#[ts(export)]
pub struct HistoryRestored {
    /// The snapshot restored.
    #[ts(type = "number")]
    pub restored: i64,
    /// The snapshot of the list it replaced.
    #[ts(type = "number")]
    pub before: i64,
    /// The report of the restored list.
    pub snapshot: Snapshot,
}

/// The older side of 对比 (the newer is always the list in the app): a list workbook, as
/// `{"file": path}`, or a history snapshot, as `{"snapshot": id}`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum CompareWith {
    /// A list workbook (last year's submission, a county's list).
    File(String),
    /// A history snapshot by number.
    Snapshot(#[ts(type = "number")] i64),
}
