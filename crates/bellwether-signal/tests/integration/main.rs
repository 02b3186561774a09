//! Integration tests of the signal model: the seed signal, bad input, and properties.

// Tests may panic on a broken expectation: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod bad_input;
mod grounding_tally;
mod limits;
mod properties;
mod seed;
