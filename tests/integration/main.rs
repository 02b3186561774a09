//! End-to-end tests of the facade, through its public API only.

// Tests may panic on a broken expectation: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../examples/morning_brief/data.rs"]
#[allow(dead_code)]
mod data;

mod copy_detection;
mod determinism;
mod fuzz_regressions;
mod grounding;
mod hostile;
mod limits;
mod markup;
mod sample_run;
mod seed;
mod state;
