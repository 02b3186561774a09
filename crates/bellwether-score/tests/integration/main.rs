//! Integration tests for bellwether-score: one binary, one module per area.

mod accuracy;
mod calibration;
mod common;
mod explanation;
mod independence;
mod ledger_laws;
mod lineage;
mod properties;
mod seed;
mod stream;
mod strength_laws;
