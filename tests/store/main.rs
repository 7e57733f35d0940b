//! Store tests: the API, the schema snapshot and speed (one test binary).

mod api;
mod perf;
mod robust;
mod schema;
mod stated;
