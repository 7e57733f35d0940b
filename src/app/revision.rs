//! `diff`: what changed between two lists, each a workbook, a history snapshot or the store
//! (`docs/revision.md`).

use std::fmt::Write;
use std::path::{Path, PathBuf};

use super::documents::Written;
use super::error::AppError;
use crate::model::List;
use crate::review::ReviewReport;
use crate::revision::city;
use crate::revision::{
    coverage, diff, read_extract, revision_note, Coverage, ExtractRow, ListDiff,
    DEFAULT_EMISSION_TOLERANCE,
};
use crate::store::{resolve_db_path, Store};

/// One side of a `diff`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiffSide {
    /// A list workbook.
    File(PathBuf),
    /// A history snapshot by number.
    Snapshot(i64),
    /// The stored list as it is now.
    Store,
}

impl DiffSide {
    /// Reads an argument: a number that is not the name of an existing file is a snapshot,
    /// anything else a workbook.
    pub fn parse(text: &str) -> DiffSide {
        match text.trim().parse::<i64>() {
            Ok(id) if !Path::new(text).exists() => DiffSide::Snapshot(id),
            _ => DiffSide::File(PathBuf::from(text)),
        }
    }

    /// How the 修订说明 names this side.
    pub(super) fn label(&self) -> String {
        match self {
            DiffSide::File(p) => format!(
                "“{}”",
                p.file_name().map_or_else(
                    || p.display().to_string(),
                    |n| n.to_string_lossy().into_owned()
                )
            ),
            DiffSide::Snapshot(id) => format!("第 {id} 号快照"),
            DiffSide::Store => "当前清单".into(),
        }
    }
}

/// A finished comparison: the changes and both lists (for the 修订说明's names).
#[derive(Clone, Debug, PartialEq)]
pub struct DiffOutcome {
    /// The changes.
    pub diff: ListDiff,
    /// The older list.
    pub old: List,
    /// The newer list.
    pub new: List,
    /// How the older side is named in the 修订说明.
    pub old_label: String,
}

fn load(db: &Option<PathBuf>, side: &DiffSide) -> Result<List, AppError> {
    match side {
        DiffSide::File(file) => super::list_of(None, Some(file)),
        DiffSide::Snapshot(id) => Ok(super::open_store(db.clone())?.snapshot_list(*id)?),
        DiffSide::Store => super::list_of(db.clone(), None),
    }
}

/// Compares `old` with `new`. The emission tolerance is `tolerance` when given (a fraction),
/// else the store's setting when the data file exists, else 5 %.
///
/// # Errors
/// [`AppError::Usage`] for a negative tolerance; as [`super::list_of`] for a workbook that
/// is missing or invalid; [`AppError::Store`] for an unknown snapshot (exit 65) or a store
/// that cannot be read.
pub fn run_diff(
    db: Option<PathBuf>,
    old: &DiffSide,
    new: &DiffSide,
    tolerance: Option<f64>,
) -> Result<DiffOutcome, AppError> {
    let tolerance = match tolerance {
        Some(t) if !t.is_finite() || t < 0.0 => {
            return Err(AppError::Usage(
                "排放量容差必须是不小于0的百分数，例如 --tolerance 5".into(),
            ))
        }
        Some(t) => t,
        None if resolve_db_path(db.clone()).is_file() => {
            super::open_store(db.clone())?.emission_tolerance()?
        }
        None => DEFAULT_EMISSION_TOLERANCE,
    };
    let old_list = load(&db, old)?;
    let new_list = load(&db, new)?;
    Ok(DiffOutcome {
        diff: diff(&old_list, &new_list, tolerance),
        old: old_list,
        new: new_list,
        old_label: old.label(),
    })
}

/// Stores the emission tolerance of `diff` (a fraction, e.g. 0.05).
///
/// # Errors
/// [`AppError::Usage`] for a negative or non-finite value; [`AppError::Store`] when the write
/// fails.
pub fn save_emission_tolerance(store: &mut Store, tolerance: f64) -> Result<(), AppError> {
    if !tolerance.is_finite() || tolerance < 0.0 {
        return Err(AppError::Usage(
            "排放量容差必须是不小于0的百分数，例如 --tolerance 5".into(),
        ));
    }
    Ok(store.set_emission_tolerance(tolerance)?)
}

/// Writes the 修订说明 of a comparison to `out`.
///
/// # Errors
/// [`AppError::Doc`] when the file cannot be written.
pub fn write_revision_note(outcome: &DiffOutcome, out: &Path) -> Result<Written, AppError> {
    let note = revision_note(
        &outcome.diff,
        &outcome.old,
        &outcome.new,
        &outcome.old_label,
    );
    crate::docs::note::write_sections(&note, out)?;
    Ok(Written {
        files: vec![out.to_path_buf()],
        missing: Vec::new(),
    })
}

/// The changes as text, grouped as the 修订说明 groups them.
pub fn render_diff(d: &ListDiff) -> String {
    let mut out = String::new();
    if d.is_empty() {
        out.push_str("两份清单的企业、工地、车队、等级、生产线、措施、排放量和联系人均无变化。\n");
    }
    let e = &d.enterprises;
    for x in &e.added {
        let _ = writeln!(out, "新增企业：{}（{}）", x.name, x.code);
    }
    for x in &e.removed {
        let _ = writeln!(out, "删除企业：{}（{}）", x.name, x.code);
    }
    for x in &e.renamed {
        let _ = writeln!(out, "企业更名：{} → {}（{}）", x.from, x.to, x.code);
    }
    for (kind, c) in [("扬尘源", &d.sites), ("移动源", &d.fleets)] {
        for n in &c.added {
            let _ = writeln!(out, "新增{kind}：{n}");
        }
        for n in &c.removed {
            let _ = writeln!(out, "删除{kind}：{n}");
        }
    }
    let blank = |v: &Option<String>| v.clone().unwrap_or_else(|| "（空）".into());
    for c in &d.grade_changes {
        let _ = writeln!(
            out,
            "绩效等级：{} {} → {}",
            c.code,
            blank(&c.from),
            blank(&c.to)
        );
    }
    for c in &d.class_changes {
        let _ = writeln!(
            out,
            "企业类型：{} {} → {}",
            c.code,
            blank(&c.from),
            blank(&c.to)
        );
    }
    for c in &d.line_changes {
        let _ = writeln!(
            out,
            "生产线：{} 新增［{}］删除［{}］",
            c.code,
            c.added.join("、"),
            c.removed.join("、")
        );
    }
    for c in &d.measure_changes {
        let _ = writeln!(
            out,
            "措施：{} {} {}：“{}” → “{}”",
            c.code,
            c.line,
            c.level.name_zh(),
            c.from,
            c.to
        );
    }
    let t = |v: Option<f64>| v.map_or_else(|| "（空）".into(), |x| format!("{x:.4}"));
    for c in &d.emission_changes {
        let _ = writeln!(
            out,
            "排放量：{} {} {} {} → {} 吨/年",
            c.code,
            c.line,
            c.pollutant.symbol(),
            t(c.from),
            t(c.to)
        );
    }
    for c in &d.contact_changes {
        let _ = writeln!(
            out,
            "联系人：{} {}：{} {} → {} {}",
            c.code, c.role, c.from.name, c.from.phone, c.to.name, c.to.phone
        );
    }
    let p = |v: Option<f64>| v.map_or_else(|| "—".into(), |x| format!("{:.2}%", x * 100.0));
    out.push_str("减排比例（修订前 → 修订后）：\n");
    for r in &d.ratios {
        let _ = writeln!(
            out,
            "  {} {}：{} → {}",
            r.level.name_zh(),
            r.pollutant.symbol(),
            p(r.before),
            p(r.after)
        );
    }
    out
}

/// `coverage FILE`: the stored list against an extract of the 排污许可 register, the census
/// or business registrations.
///
/// # Errors
/// [`AppError::InputMissing`] when the file does not exist; [`AppError::Invalid`] (exit 65)
/// when it is no spreadsheet or has no usable header; [`AppError::Store`] when the store
/// cannot be read.
pub fn run_coverage(db: Option<PathBuf>, file: &Path) -> Result<Coverage, AppError> {
    let extract = read_extract_file(file)?;
    let list = super::list_of(db, None)?;
    Ok(coverage(&list, &extract))
}

/// Reads an extract of the 排污许可 register, the census or business registrations.
///
/// # Errors
/// [`AppError::InputMissing`] when the file does not exist; [`AppError::Invalid`] (exit 65)
/// when it is no spreadsheet or has no usable header.
pub(super) fn read_extract_file(file: &Path) -> Result<Vec<ExtractRow>, AppError> {
    if !file.is_file() {
        return Err(AppError::InputMissing {
            path: file.to_path_buf(),
        });
    }
    read_extract(file).map_err(|d| AppError::Invalid {
        message: d.message.clone(),
        errors: vec![d],
        warnings: Vec::new(),
    })
}

/// The coverage report as text.
pub fn render_coverage(c: &Coverage) -> String {
    let mut out = String::new();
    if c.missing.is_empty() {
        out.push_str("名录中的重点行业和涉气企业均已纳入清单。\n");
    } else {
        let _ = writeln!(
            out,
            "名录中有 {} 家重点行业或涉气企业未纳入清单，请逐一排查后补录：",
            c.missing.len()
        );
        for m in &c.missing {
            let key = if m.key_industry {
                "重点行业"
            } else {
                "涉气"
            };
            let _ = writeln!(out, "  - {}（{}）{} [{}]", m.name, m.code, m.industry, key);
        }
    }
    if !c.not_in_extract.is_empty() {
        let _ = writeln!(
            out,
            "清单中有 {} 家企业不在名录中（请核对统一社会信用代码、企业名称或是否已关停）：",
            c.not_in_extract.len()
        );
        for u in &c.not_in_extract {
            let _ = writeln!(out, "  - {}（{}）", u.name, u.code);
        }
    }
    out
}

/// The review of the stored list — the rules and the `plan-not-filed` warnings of the filing
/// deadline — with each finding's status against the sheets sent to the counties (`new` /
/// `open` / `fixed`; none where no sheet was sent).
///
/// # Errors
/// [`AppError::Store`] when the store cannot be read.
pub fn run_review_tracked(store: &Store) -> Result<ReviewReport, AppError> {
    review_stored(store, &store.load()?)
}

/// [`run_review_tracked`] of `list`, which must be `store`'s list as loaded: the app keeps
/// it in memory and so reviews it without reading it again, by the rule settings, filings
/// and sent sheets stored with it — the same review as the CLI's.
///
/// # Errors
/// [`AppError::Store`] when the settings, filings or sent sheets cannot be read.
pub fn review_stored(store: &Store, list: &List) -> Result<ReviewReport, AppError> {
    let mut findings = super::run_review(list, &super::rules_of(store)?).findings;
    findings.extend(super::filing_findings(
        list,
        store.filings()?,
        store.filing_deadline()?,
    ));
    Ok(ReviewReport {
        findings: city::with_status(list, findings, &store.sent_findings()?),
    })
}

/// `review --export-by-county DIR`: one 审核意见表 per county of the stored list (an empty
/// one where the county has no finding), each recorded as sent so that a later review marks
/// its findings fixed or open.
///
/// # Errors
/// [`AppError::Output`] when the folder cannot be created, [`AppError::Export`] when a
/// workbook cannot be written, [`AppError::Store`] when the store cannot be read or written.
pub fn export_review_by_county(store: &mut Store, dir: &Path) -> Result<Written, AppError> {
    let list = store.load()?;
    let mut findings = super::run_review(&list, &super::rules_of(store)?).findings;
    findings.extend(super::filing_findings(
        &list,
        store.filings()?,
        store.filing_deadline()?,
    ));
    let mut groups = city::by_county(&list, &findings);
    let counties = list
        .enterprises
        .iter()
        .map(|e| e.county.as_str())
        .chain(list.sites.iter().map(|s| s.county.as_str()))
        .chain(list.fleets.iter().map(|f| f.county.as_str()));
    for county in counties {
        let county = county.trim();
        let county = if county.is_empty() {
            city::NO_COUNTY
        } else {
            county
        };
        groups.entry(county.to_string()).or_default();
    }
    std::fs::create_dir_all(dir)?;
    let mut written = Written::default();
    for (county, found) in &groups {
        let path = city::sheet_file(dir, county);
        city::write_review_sheet(&path, county, list.year, found)?;
        let sent: Vec<(String, crate::review::Finding)> = found
            .iter()
            .map(|f| (city::fingerprint(f), f.clone()))
            .collect();
        store.record_sent_findings(county, &sent)?;
        written.files.push(path);
    }
    Ok(written)
}
