//! Integration tests for bellwether-score: one binary, one module per area.

mod calibration;
mod common;
mod explanation;
mod independence;
mod ledger_laws;
mod strength_laws;
