//! Integration tests of bellwether-anchor: the seed, and properties checked against oracles.

// Helpers shared by tests may panic on bad fixtures, like the tests themselves.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod anchors;
mod interop;
mod notation;
mod overlap;
mod seed;
mod seed_articles;
