//! The four kinds of record a person edits (enterprise, site, fleet, heating row), behind one
//! trait so that saving, deleting and undoing are written once: each kind says where it
//! lives in the [`List`], how the store saves it, how its input is checked and what its
//! sources reduce.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::error::{AppError, FieldProblem};
use super::validate;
use crate::model::{Enterprise, Fleet, Heating, List, Site};
use crate::reduce::{source_reduction, SourceReduction};
use crate::store::{Store, StoreError};

/// Which kind of record an edit or an undo touched, so a front end refreshes the right view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum RecordKind {
    /// 工业源 enterprise.
    Enterprise,
    /// 扬尘源 site.
    Site,
    /// 移动源 fleet.
    Fleet,
    /// 协同供暖 row.
    Heating,
    /// The list's settings (baseline, targets, trade, area).
    Settings,
}

/// A record of the list that is edited as a whole.
pub trait Record: Clone + Send + TS + 'static {
    /// Its kind.
    const KIND: RecordKind;
    /// Its name in messages (企业, 工地 …).
    const NOUN: &'static str;
    /// Store id (0 when not stored).
    fn id(&self) -> i64;
    /// Forgets every id (its own and its sources'), to insert it again as new.
    fn clear_ids(&mut self);
    /// The records of this kind in the list.
    fn all(list: &List) -> &Vec<Self>;
    /// The records of this kind in the list, to change.
    fn all_mut(list: &mut List) -> &mut Vec<Self>;
    /// Saves it in one transaction; returns it with ids assigned.
    ///
    /// # Errors
    /// The store's failure.
    fn save(store: &mut Store, record: &Self) -> Result<Self, StoreError>;
    /// Deletes the record `id` (with its sources).
    ///
    /// # Errors
    /// The store's failure.
    fn delete(store: &mut Store, id: i64) -> Result<(), StoreError>;
    /// Why the input cannot be saved (empty when it can).
    fn problems(&self) -> Vec<FieldProblem>;
    /// What each of its sources reduces: one per source of an enterprise, one for a site or
    /// fleet, none for a heating row.
    fn effects(&self) -> Vec<SourceReduction>;
}

macro_rules! record {
    ($ty:ty, $kind:ident, $noun:literal, $field:ident, $save:ident, $delete:ident, $check:path,
     |$r:ident| $clear:block, |$e:ident| $effects:expr) => {
        impl Record for $ty {
            const KIND: RecordKind = RecordKind::$kind;
            const NOUN: &'static str = $noun;
            fn id(&self) -> i64 {
                self.id
            }
            fn clear_ids(&mut self) {
                let $r = self;
                $r.id = 0;
                $clear
            }
            fn all(list: &List) -> &Vec<Self> {
                &list.$field
            }
            fn all_mut(list: &mut List) -> &mut Vec<Self> {
                &mut list.$field
            }
            fn save(store: &mut Store, record: &Self) -> Result<Self, StoreError> {
                store.$save(record)
            }
            fn delete(store: &mut Store, id: i64) -> Result<(), StoreError> {
                store.$delete(id)
            }
            fn problems(&self) -> Vec<FieldProblem> {
                $check(self)
            }
            fn effects(&self) -> Vec<SourceReduction> {
                let $e = self;
                $effects
            }
        }
    };
}

record!(
    Enterprise,
    Enterprise,
    "企业",
    enterprises,
    save_enterprise,
    delete_enterprise,
    validate::enterprise,
    |e| {
        e.sources.iter_mut().for_each(|s| s.id = 0);
    },
    |e| e.sources.iter().map(source_reduction).collect()
);
record!(
    Site,
    Site,
    "扬尘源",
    sites,
    save_site,
    delete_site,
    validate::site,
    |s| {
        s.source.id = 0;
    },
    |s| vec![source_reduction(&s.source)]
);
record!(
    Fleet,
    Fleet,
    "移动源",
    fleets,
    save_fleet,
    delete_fleet,
    validate::fleet,
    |f| {
        f.source.id = 0;
    },
    |f| vec![source_reduction(&f.source)]
);
record!(
    Heating,
    Heating,
    "协同供暖企业",
    heating,
    save_heating,
    delete_heating,
    validate::heating,
    |_h| {},
    |_h| Vec::new()
);

/// The record `id` of kind `R` in the list.
///
/// # Errors
/// [`AppError::NotFound`] when the list has no such record.
pub fn find<R: Record>(list: &List, id: i64) -> Result<&R, AppError> {
    R::all(list)
        .iter()
        .find(|r| r.id() == id)
        .ok_or(AppError::NotFound { what: R::NOUN, id })
}
