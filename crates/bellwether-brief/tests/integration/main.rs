//! Integration tests of bellwether-brief: composing and rendering the seed and
//! generated signals.

mod compose;
mod fixtures;
mod render_json;
mod render_markdown;
mod render_text;
