//! Integration tests of bellwether-brief: composing and rendering the seed and
//! generated signals.

// Tests may panic on a broken expectation: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod compose;
mod delivery;
mod feed_checks;
mod fixtures;
mod hostile;
mod limits;
mod markup_checks;
mod render_feeds;
mod render_html;
mod render_json;
mod render_markdown;
mod render_text;
mod ungrounded;
