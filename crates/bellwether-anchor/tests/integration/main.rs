//! Integration tests of bellwether-anchor: the seed, the labelled accuracy set, and properties
//! checked against oracles.

// Helpers shared by tests may panic on bad fixtures, like the tests themselves.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accuracy;
mod anchors;
mod corpus;
mod interop;
mod limits;
mod notation;
mod overlap;
mod properties;
mod seed;
mod seed_articles;
mod seed_spans;
mod suggest;
