//! Import tests: layouts, errors, formats, samples, round trip and speed (one test binary).

mod errors;
mod formats;
mod layouts;
mod plan_columns;
mod roundtrip;
mod samples;
mod speed;
mod support;
