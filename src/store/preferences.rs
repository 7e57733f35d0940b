//! The user's preferences: bounds the program holds to that a county may change, kept in the
//! store with the list so that the CLI and the app (and a restored backup) apply the same ones
//! (`docs/limits.md`, `jianpai settings`).
//!
//! Only values that differ from the built-in defaults are stored; a reset deletes them, so a
//! newer program's changed default reaches every store that never set the key.

use rusqlite::params;

use super::backup::KEEP_BACKUPS;
use super::{Store, StoreError};
use crate::import::{Limits, MAX_TONNES_PER_YEAR};

/// The preferences in force: the defaults with the store's values on top.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Preferences {
    /// The largest emission or reduction amount one line may state, t/a; larger values are
    /// import errors (a unit mix-up, not a measurement).
    pub max_tonnes_per_year: f64,
    /// How many whole-file backups are kept beside the store.
    pub keep_backups: usize,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            max_tonnes_per_year: MAX_TONNES_PER_YEAR,
            keep_backups: KEEP_BACKUPS,
        }
    }
}

impl Preferences {
    /// The bounds an import reads with.
    pub fn limits(&self) -> Limits {
        Limits {
            max_tonnes_per_year: self.max_tonnes_per_year,
        }
    }

    /// The value of `key`, as a number.
    pub fn get(&self, key: PreferenceKey) -> f64 {
        match key {
            PreferenceKey::MaxEmission => self.max_tonnes_per_year,
            PreferenceKey::KeepBackups => self.keep_backups as f64,
        }
    }

    /// Sets `key` to a value already accepted by [`PreferenceKey::accepts`].
    fn set(&mut self, key: PreferenceKey, value: f64) {
        match key {
            PreferenceKey::MaxEmission => self.max_tonnes_per_year = value,
            PreferenceKey::KeepBackups => self.keep_backups = value as usize,
        }
    }
}

/// One preference: its key on the command line and in the store, its Chinese label, unit,
/// default and allowed range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PreferenceKey {
    /// `max-emission`: the largest plausible amount of one line, t/a.
    MaxEmission,
    /// `keep-backups`: how many backups are kept.
    KeepBackups,
}

impl PreferenceKey {
    /// Every preference, in the order they are shown.
    pub const ALL: [PreferenceKey; 2] = [PreferenceKey::MaxEmission, PreferenceKey::KeepBackups];

    /// The key as typed (`jianpai settings set max-emission 50000`) and stored.
    pub fn word(self) -> &'static str {
        match self {
            PreferenceKey::MaxEmission => "max-emission",
            PreferenceKey::KeepBackups => "keep-backups",
        }
    }

    /// The key of `word`, if there is one.
    pub fn parse(word: &str) -> Option<PreferenceKey> {
        PreferenceKey::ALL.into_iter().find(|k| k.word() == word)
    }

    /// The Chinese label the CLI and the 设置 screen show.
    pub fn label(self) -> &'static str {
        match self {
            PreferenceKey::MaxEmission => "单条生产线排放量（减排量）上限",
            PreferenceKey::KeepBackups => "保留的自动备份个数",
        }
    }

    /// The unit of the value, in Chinese.
    pub fn unit(self) -> &'static str {
        match self {
            PreferenceKey::MaxEmission => "吨/年",
            PreferenceKey::KeepBackups => "个",
        }
    }

    /// The built-in default.
    pub fn default_value(self) -> f64 {
        Preferences::default().get(self)
    }

    /// The smallest and largest values accepted. Why these: below 1 t/a every real plant
    /// would be refused, above 10⁸ t/a (the whole country's SO2 is some 3 × 10⁶ t/a) the bound
    /// no longer catches a kg-for-t mix-up; at least one backup must survive the pruning that
    /// follows each backup, and a thousand whole copies already fill a laptop's disk.
    pub fn range(self) -> (f64, f64) {
        match self {
            PreferenceKey::MaxEmission => (1.0, 1e8),
            PreferenceKey::KeepBackups => (1.0, 1000.0),
        }
    }

    /// Whether the value must be a whole number.
    pub fn whole(self) -> bool {
        matches!(self, PreferenceKey::KeepBackups)
    }

    /// Whether `value` may be stored for this key: finite, within [`PreferenceKey::range`],
    /// whole where [`PreferenceKey::whole`].
    pub fn accepts(self, value: f64) -> bool {
        let (min, max) = self.range();
        value.is_finite() && (min..=max).contains(&value) && (!self.whole() || value.fract() == 0.0)
    }
}

impl Store {
    /// The preferences in force: the defaults with the stored values on top.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] when the file cannot be read; [`StoreError::Corrupt`] for a
    /// stored key or value this program does not accept (the file was edited by another tool).
    pub fn preferences(&self) -> Result<Preferences, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT key, value FROM preferences ORDER BY key")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, f64>(1)?)))?;
        let mut prefs = Preferences::default();
        for row in rows {
            let (word, value) = row?;
            match PreferenceKey::parse(&word).filter(|k| k.accepts(value)) {
                Some(key) => prefs.set(key, value),
                None => {
                    return Err(StoreError::Corrupt {
                        table: "preferences",
                        column: "value",
                        value: format!("{word} {value}"),
                    })
                }
            }
        }
        Ok(prefs)
    }

    /// Stores `value` for `key`; a value equal to the default removes the stored row, so that
    /// the key follows the default again.
    ///
    /// # Errors
    /// [`StoreError::Corrupt`] for a value the key does not accept (callers check first with
    /// [`PreferenceKey::accepts`]; nothing is written); any [`StoreError`] of a write.
    pub fn set_preference(&mut self, key: PreferenceKey, value: f64) -> Result<(), StoreError> {
        if !key.accepts(value) {
            return Err(StoreError::Corrupt {
                table: "preferences",
                column: "value",
                value: format!("{} {value}", key.word()),
            });
        }
        self.write(|tx| {
            if value == key.default_value() {
                tx.execute("DELETE FROM preferences WHERE key = ?1", [key.word()])?;
            } else {
                tx.execute(
                    "INSERT INTO preferences (key, value) VALUES (?1, ?2) \
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![key.word(), value],
                )?;
            }
            Ok(())
        })
    }

    /// Forgets the stored value of `key`, or of every key when `None`, so that the defaults
    /// apply again. Returns how many values were forgotten.
    ///
    /// # Errors
    /// Any [`StoreError`] of a write; the store is then unchanged.
    pub fn reset_preferences(&mut self, key: Option<PreferenceKey>) -> Result<usize, StoreError> {
        self.write(|tx| {
            Ok(match key {
                Some(key) => tx.execute("DELETE FROM preferences WHERE key = ?1", [key.word()])?,
                None => tx.execute("DELETE FROM preferences", [])?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_values_override_the_defaults_and_reset_forgets_them() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.preferences().unwrap(), Preferences::default());
        store
            .set_preference(PreferenceKey::MaxEmission, 5_000.0)
            .unwrap();
        store
            .set_preference(PreferenceKey::KeepBackups, 3.0)
            .unwrap();
        let p = store.preferences().unwrap();
        assert_eq!((p.max_tonnes_per_year, p.keep_backups), (5_000.0, 3));
        assert_eq!(p.limits().max_tonnes_per_year, 5_000.0);
        assert_eq!(
            store
                .reset_preferences(Some(PreferenceKey::MaxEmission))
                .unwrap(),
            1
        );
        let p = store.preferences().unwrap();
        assert_eq!(
            (p.max_tonnes_per_year, p.keep_backups),
            (MAX_TONNES_PER_YEAR, 3)
        );
        assert_eq!(store.reset_preferences(None).unwrap(), 1);
        assert_eq!(store.preferences().unwrap(), Preferences::default());
    }

    #[test]
    fn refuses_values_out_of_range_and_unreadable_rows() {
        let mut store = Store::open_in_memory().unwrap();
        for (key, bad) in [
            (PreferenceKey::MaxEmission, 0.5),
            (PreferenceKey::MaxEmission, f64::INFINITY),
            (PreferenceKey::KeepBackups, 0.0),
            (PreferenceKey::KeepBackups, 2.5),
        ] {
            assert!(matches!(
                store.set_preference(key, bad),
                Err(StoreError::Corrupt { .. })
            ));
        }
        assert_eq!(store.preferences().unwrap(), Preferences::default());
        store
            .conn
            .execute(
                "INSERT INTO preferences (key, value) VALUES ('keep-backups', -4)",
                [],
            )
            .unwrap();
        assert!(matches!(
            store.preferences(),
            Err(StoreError::Corrupt {
                table: "preferences",
                ..
            })
        ));
    }

    #[test]
    fn keys_read_back_from_their_words() {
        for key in PreferenceKey::ALL {
            assert_eq!(PreferenceKey::parse(key.word()), Some(key));
            assert!(key.accepts(key.default_value()));
        }
        assert_eq!(PreferenceKey::parse("max_emission"), None);
    }
}
