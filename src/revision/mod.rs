//! The yearly revision of the list (`docs/revision.md`): what changed between two lists
//! ([`diff`]) and who is missing from it ([`coverage`]).
//!
//! Both are pure functions over [`crate::model::List`]s: the caller decides where each list
//! comes from (a workbook, a history snapshot, the store), so the CLI and the app share them.

pub mod city;
pub mod coverage;
pub mod diff;
pub mod note;

pub use coverage::{coverage, read_extract, Coverage, ExtractRow};
pub use diff::{diff, ListDiff, DEFAULT_EMISSION_TOLERANCE};
pub use note::revision_note;
