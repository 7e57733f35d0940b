//! jianpai — 重污染天气应急减排清单.
//!
//! The core of the desktop app and the `jianpai` CLI: the domain [`model`], the SQLite
//! [`store`], workbook [`import`] and [`export`], the reduction engine [`reduce`], the
//! [`review`] rules and the documents ([`docs`]: 一厂一策 and 公示牌).
#![deny(missing_docs)]

pub mod app;
pub mod docs;
pub mod episode;
pub mod export;
pub mod files;
pub mod import;
pub mod model;
pub mod reduce;
pub mod review;
pub mod revision;
pub mod store;
