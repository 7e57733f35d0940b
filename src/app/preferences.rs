//! `jianpai settings` and the app's 设置: the store's preferences (the plausible-emission
//! bound of an import, how many backups are kept) with their defaults and allowed ranges
//! (`docs/limits.md`).

use std::fmt::Write;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::error::{AppError, FieldProblem};
use super::session::Session;
use crate::store::{resolve_db_path, PreferenceKey, Preferences, Store};

/// One preference as `settings --json` prints it and the 设置 screen edits it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PreferenceView {
    /// The key as typed: `max-emission`, `keep-backups`.
    pub key: String,
    /// The Chinese label.
    pub label: String,
    /// The unit of the value, in Chinese (吨/年, 个).
    pub unit: String,
    /// The value in force.
    pub value: f64,
    /// The built-in default.
    pub default: f64,
    /// The smallest value accepted.
    pub min: f64,
    /// The largest value accepted.
    pub max: f64,
    /// Whether only whole numbers are accepted.
    pub whole: bool,
}

/// Every preference with the value in force, in the order shown.
pub fn preference_views(prefs: &Preferences) -> Vec<PreferenceView> {
    PreferenceKey::ALL
        .into_iter()
        .map(|k| {
            let (min, max) = k.range();
            PreferenceView {
                key: k.word().to_string(),
                label: k.label().to_string(),
                unit: k.unit().to_string(),
                value: prefs.get(k),
                default: k.default_value(),
                min,
                max,
                whole: k.whole(),
            }
        })
        .collect()
}

/// The preferences of the chosen data file, or the defaults when there is no file yet (an
/// import's dry run, `settings` before the first import): nothing is created.
///
/// # Errors
/// [`AppError::Store`] when the file exists but cannot be opened or read.
pub fn preferences_at(db: Option<PathBuf>) -> Result<Preferences, AppError> {
    let path = resolve_db_path(db);
    if !path.exists() {
        return Ok(Preferences::default());
    }
    Ok(Store::open_existing(&path)?.preferences()?)
}

fn key_of(word: &str) -> Result<PreferenceKey, AppError> {
    PreferenceKey::parse(word).ok_or_else(|| {
        let known: Vec<&str> = PreferenceKey::ALL.iter().map(|k| k.word()).collect();
        AppError::Usage(format!(
            "没有设置项“{word}”：可设置的有 {}（jianpai settings 列出全部）",
            known.join("、")
        ))
    })
}

/// Sets one preference from its text (as typed) and stores it; returns it as it now applies.
///
/// # Errors
/// [`AppError::Usage`] (exit 2) for an unknown key; [`AppError::Refused`] (exit 65) naming the
/// key and its allowed range for a value that is no number, out of range or not whole where a
/// whole number is needed — nothing is stored then; [`AppError::Store`] when the write fails.
pub fn set_preference(
    store: &mut Store,
    key: &str,
    value: &str,
) -> Result<PreferenceView, AppError> {
    let key = key_of(key)?;
    let parsed = value.trim().replace([',', '，'], "").parse::<f64>().ok();
    let Some(number) = parsed.filter(|v| key.accepts(*v)) else {
        let (min, max) = key.range();
        let kind = if key.whole() { "整数" } else { "数" };
        return Err(AppError::Refused(vec![FieldProblem::new(
            key.word(),
            format!(
                "设置项 {}（{}）的值“{}”无效：应为 {} 到 {} 之间的{kind}（{}），默认 {}",
                key.word(),
                key.label(),
                value.trim(),
                shown(min),
                shown(max),
                key.unit(),
                shown(key.default_value())
            ),
        )]));
    };
    store.set_preference(key, number)?;
    let prefs = store.preferences()?;
    Ok(preference_views(&prefs)
        .into_iter()
        .find(|v| v.key == key.word())
        .expect("every key has a view"))
}

/// Forgets the stored value of `key` (or of every preference) so that the default applies
/// again; returns how many values were forgotten.
///
/// # Errors
/// [`AppError::Usage`] for an unknown key; [`AppError::Store`] when the write fails.
pub fn reset_preferences(store: &mut Store, key: Option<&str>) -> Result<usize, AppError> {
    let key = key.map(key_of).transpose()?;
    Ok(store.reset_preferences(key)?)
}

impl Session {
    /// The preferences of the open data file, as 设置 shows them.
    ///
    /// # Errors
    /// [`AppError::Store`] when they cannot be read.
    pub fn preferences(&self) -> Result<Vec<PreferenceView>, AppError> {
        Ok(preference_views(&self.store().preferences()?))
    }

    /// Sets one preference (as [`set_preference`]); a workbook read by a dry run is read
    /// again by the import that follows, under the new bound. Returns every preference.
    ///
    /// # Errors
    /// As [`set_preference`].
    pub fn set_preference(
        &mut self,
        key: &str,
        value: &str,
    ) -> Result<Vec<PreferenceView>, AppError> {
        set_preference(self.store_mut(), key, value)?;
        self.forget_pending();
        self.preferences()
    }

    /// Restores the default of `key` (or of every preference); returns every preference.
    ///
    /// # Errors
    /// As [`reset_preferences`].
    pub fn reset_preferences(
        &mut self,
        key: Option<&str>,
    ) -> Result<Vec<PreferenceView>, AppError> {
        reset_preferences(self.store_mut(), key)?;
        self.forget_pending();
        self.preferences()
    }
}

/// `jianpai settings` for people: one line per preference with its default and range.
pub fn render_preferences(views: &[PreferenceView]) -> String {
    let mut out = String::new();
    for v in views {
        let changed = if v.value == v.default {
            "默认".to_string()
        } else {
            format!("默认 {}", shown(v.default))
        };
        let _ = writeln!(
            out,
            "{}  {} = {} {}（{changed}；可设 {} 到 {}）",
            v.key,
            v.label,
            shown(v.value),
            v.unit,
            shown(v.min),
            shown(v.max)
        );
    }
    out
}

/// A number as people read it: thousands separated, at most 4 decimals.
fn shown(v: f64) -> String {
    let text = format!("{v:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_shown_grouped() {
        assert_eq!(shown(1e6), "1,000,000");
        assert_eq!(shown(100_000_000.0), "100,000,000");
        assert_eq!(shown(20.0), "20");
        assert_eq!(shown(1234.5), "1,234.5");
        assert_eq!(shown(0.12345), "0.1235");
    }

    #[test]
    fn a_bad_value_names_the_key_and_the_range_and_stores_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        for bad in ["0", "abc", "1e9", "NaN"] {
            let err = set_preference(&mut store, "max-emission", bad).unwrap_err();
            assert_eq!(err.exit_code(), super::super::EXIT_INVALID);
            let text = err.to_string();
            assert!(
                text.contains("max-emission") && text.contains("1 到 100,000,000"),
                "{text}"
            );
        }
        let err = set_preference(&mut store, "keep-backups", "2.5").unwrap_err();
        assert!(err.to_string().contains("整数"), "{err}");
        let err = set_preference(&mut store, "keep", "3").unwrap_err();
        assert_eq!(err.exit_code(), super::super::EXIT_USAGE);
        assert!(err.to_string().contains("max-emission、keep-backups"));
        assert!(matches!(
            reset_preferences(&mut store, Some("nope")),
            Err(AppError::Usage(_))
        ));
        assert_eq!(store.preferences().unwrap(), Preferences::default());
    }

    #[test]
    fn the_session_imports_under_the_stores_bound_and_rereads_after_a_change() {
        use crate::store::ImportMode;
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::open(&dir.path().join("list.sqlite")).unwrap();
        let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sample-lists/洹水县-2026-模板甲.xlsx");
        // Read under the default bound, then the bound is lowered before the import: the
        // import reads again and refuses.
        assert!(s.import_preview(&sample).errors.is_empty());
        let views = s.set_preference("max-emission", "1").unwrap();
        assert_eq!(views[0].value, 1.0);
        let err = s.import(&sample, ImportMode::Replace).unwrap_err();
        assert_eq!(err.exit_code(), super::super::EXIT_INVALID);
        let preview = s.import_preview(&sample);
        assert!(
            preview
                .errors
                .iter()
                .any(|d| d.message.contains("上限1吨/年")),
            "{:?}",
            preview.errors.first()
        );
        assert!(s.is_empty(), "nothing written");
        let views = s.reset_preferences(None).unwrap();
        assert_eq!(views[0].value, 1e6);
        assert!(s.import_preview(&sample).errors.is_empty());
        s.import(&sample, ImportMode::Replace).unwrap();
        assert!(!s.is_empty());
    }

    #[test]
    fn set_and_render() {
        let mut store = Store::open_in_memory().unwrap();
        let v = set_preference(&mut store, "max-emission", "50,000").unwrap();
        assert_eq!((v.value, v.default), (50_000.0, 1e6));
        let text = render_preferences(&preference_views(&store.preferences().unwrap()));
        assert!(text.contains("max-emission"), "{text}");
        assert!(
            text.contains("= 50,000 吨/年（默认 1,000,000；可设 1 到 100,000,000）"),
            "{text}"
        );
        assert!(
            text.contains("keep-backups  保留的自动备份个数 = 20 个（默认；"),
            "{text}"
        );
    }
}
