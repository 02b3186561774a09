//! Escaping user text for each markup language the renderers write.
//!
//! Every piece of text that comes from a signal (thesis, analysis, titles, outlets, quotes,
//! anchors, reasoning, actor names, tags) passes through exactly one of these before it is
//! written, so that no input can become markup.

mod block;
mod chars;
mod html;
mod markdown;
mod mrkdwn;

pub(crate) use block::BlockEscaper;
pub(crate) use chars::{char_len, dropped_len, is_suspect_byte, strip_unsafe_chars};
pub(crate) use html::{
    MarkupAttr, MarkupText, escaping_writer, write_markup_attr, write_markup_text,
};
pub(crate) use markdown::{
    MarkdownText, split_paragraphs, write_markdown_paragraphs, write_markdown_run,
};
pub(crate) use mrkdwn::{Mrkdwn, mrkdwn_text};
