//! Integration tests of bellwether-brief: composing and rendering the seed and
//! generated signals.

// Tests may panic on a broken expectation: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod compose;
mod fixtures;
mod render_json;
mod render_text;
