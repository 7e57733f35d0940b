//! The episode (应急响应): the scripted episode of issue 12's "Done when", refusals that change
//! nothing, the electricity layouts, and the reports as documents LibreOffice opens.

mod common;
mod power;
mod records;
mod refusals;
mod samples;
mod scripted;
mod settings;
