//! The documented bounds on every text and list of the model.
//!
//! Bounds keep memory and rendering time predictable whatever a language model emits: a value
//! over its bound is rejected with [`SignalError::TooLong`](crate::SignalError::TooLong) or
//! [`SignalError::TooMany`](crate::SignalError::TooMany), never truncated.

/// Longest label (tag, topic, actor name or alias, outlet), in characters.
pub const MAX_LABEL_CHARS: usize = 200;
/// Longest identifier (signal id, article id), in bytes.
pub const MAX_ID_BYTES: usize = 128;
/// Longest thesis or article title, in characters.
pub const MAX_THESIS_CHARS: usize = 1_000;
/// Longest analysis or reasoning paragraph, in bytes.
pub const MAX_PROSE_BYTES: usize = 32 * 1024;
/// Longest quote, in bytes.
pub const MAX_QUOTE_BYTES: usize = 8 * 1024;
/// Longest anchor phrase of a quote, in bytes: an anchor is a key phrase, not a passage, and
/// the bound keeps a quote's anchors (at most [`MAX_LIST_LEN`]) small beside it. The same as
/// the anchor crate's `MAX_ANCHOR_BYTES`, so an anchor the model accepts can be located.
pub const MAX_ANCHOR_BYTES: usize = 512;
/// Most quote text in one extraction, in bytes (all its quotes together). Locating a quote
/// costs time proportional to the article's length times the quote's, so this bounds the time
/// one extraction's verification can take: at most 8 quotes of the longest size, or hundreds
/// of ordinary ones.
pub const MAX_EXTRACTION_QUOTE_BYTES: usize = 64 * 1024;
/// Longest URL, in bytes.
pub const MAX_URL_BYTES: usize = 4 * 1024;
/// Most tags in one facet, regions, actors, aliases of one actor, anchors of one quote.
pub const MAX_LIST_LEN: usize = 64;
/// Most quotes or reasoning paragraphs of one article or extraction.
pub const MAX_QUOTES: usize = 256;
/// Most source articles of one signal.
pub const MAX_SOURCES: usize = 10_000;
