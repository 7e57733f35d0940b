//! The yearly revision (issue 13): history snapshots, diff, coverage (one test binary).

mod city;
mod common;
mod coverage;
mod diff;
mod filing;
mod history;
