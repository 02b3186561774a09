//! Integration tests for bellwether-score: one binary, one module per area.

// Test helpers outside `#[test]` functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accuracy;
mod calibration;
mod common;
mod explanation;
mod independence;
mod ledger_laws;
mod limits;
mod lineage;
mod properties;
mod seed;
mod stream;
mod strength_laws;
mod synonyms;
