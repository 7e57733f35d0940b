//! The four kinds of record a person edits (enterprise, site, fleet, heating row), behind one
//! trait so that saving, deleting and undoing are written once: each kind says where it
//! lives in the [`List`], how the store saves it and how its input is checked.

use crate::error::{AppError, FieldProblem};
use crate::validate;
use jianpai::model::{Enterprise, Fleet, Heating, List, Site};
use jianpai::store::{Store, StoreError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which kind of record an edit or an undo touched, so the UI refreshes the right screen.
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

/// A record of the list that the app edits as a whole.
pub trait Record: Clone + Send + 'static {
    /// Its kind.
    const KIND: RecordKind;
    /// Its name in messages (企业, 工地 …).
    const NOUN: &'static str;
    /// Store id (0 when not stored).
    fn id(&self) -> i64;
    /// Forgets every id (its own and its sources'), to insert it again as new.
    fn clear_ids(&mut self);
    /// The records of this kind in the list.
    fn all(list: &mut List) -> &mut Vec<Self>;
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
}

macro_rules! record {
    ($ty:ty, $kind:ident, $noun:literal, $field:ident, $save:ident, $delete:ident, $check:path, |$r:ident| $clear:block) => {
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
            fn all(list: &mut List) -> &mut Vec<Self> {
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
    }
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
    }
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
    }
);
record!(
    Heating,
    Heating,
    "协同供暖企业",
    heating,
    save_heating,
    delete_heating,
    validate::heating,
    |_h| {}
);

/// The record `id` of kind `R` in the list.
///
/// # Errors
/// `not_found` when the list has no such record.
pub fn find<R: Record>(list: &mut List, id: i64) -> Result<&mut R, AppError> {
    R::all(list)
        .iter_mut()
        .find(|r| r.id() == id)
        .ok_or_else(|| AppError::not_found(R::NOUN, id))
}
