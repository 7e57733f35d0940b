//! Import tests: layouts, errors, formats, samples, round trip and speed (one test binary).

mod errors;
mod filing_columns;
mod formats;
mod header_pairs;
mod layouts;
mod ods_limits;
mod plan_columns;
mod robust;
mod roundtrip;
mod samples;
mod speed;
mod summaries;
mod support;
mod xls_limits;
