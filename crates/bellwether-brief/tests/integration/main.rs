//! Integration tests of bellwether-brief: composing and rendering the seed and
//! generated signals.

mod compose;
mod feed_checks;
mod fixtures;
mod hostile;
mod markup_checks;
mod render_json;
mod render_markdown;
mod render_text;
