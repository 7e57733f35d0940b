//! Review tests: every rule both ways and the planted faults of the sample lists (one test binary).

mod rules;
mod samples;
mod seed_rules;
