//! Reduction engine tests: the worked example, every rule, properties and the JSON schema (one test binary).

mod properties;
mod rules;
mod schema;
mod worked_example;
