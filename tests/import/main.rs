//! Import tests: layouts, errors, formats, samples, round trip and speed (one test binary).

mod errors;
mod formats;
mod layouts;
mod robust;
mod roundtrip;
mod samples;
mod speed;
mod support;
