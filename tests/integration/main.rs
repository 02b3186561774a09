//! End-to-end tests of the facade, through its public API only.

// Tests may panic on a broken expectation: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../examples/morning_brief/data.rs"]
#[allow(dead_code)]
mod data;

#[path = "../../examples/morning_brief/summary.rs"]
#[allow(dead_code)]
mod summary;

#[path = "../../examples/morning_brief/job.rs"]
#[allow(dead_code)]
mod job;

mod copy_detection;
mod determinism;
mod fuzz_regressions;
mod grounding;
mod hostile;
mod limits;
mod markup;
mod prompt;
mod quote_truth;
mod replay;
mod retention;
mod safety;
mod sample_run;
mod schema;
mod seed;
mod state;
#[cfg(feature = "store")]
mod store;
mod verdict;
