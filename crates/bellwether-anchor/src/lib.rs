//! Prove that a quote occurs in its article, and exactly where: tolerant, fast quote anchoring
//! for any script.
//!
//! ```
//! use bellwether_anchor::{Locator, PreparedText, Rung};
//!
//! let article = PreparedText::new("The White House said rivals were \u{201C}relying on distilla-\ntion attacks\u{201D} to catch up.");
//! let locator = Locator::new();
//! let found = locator.locate(&article, "relying on distillation attacks")?;
//! assert_eq!(found.rung(), &Rung::Normalized);
//! assert_eq!(
//!     &article.original()[found.span().bytes()],
//!     "relying on distilla-\ntion attacks"
//! );
//! # Ok::<(), bellwether_anchor::LocateError>(())
//! ```
//!
//! # Overview
//!
//! - [`PreparedText`] normalises an article once (Unicode compatibility forms, case, quotes,
//!   dashes, white space, hyphenation) and maps every normalised range back to the original.
//! - [`Locator`] (or the shortcut [`locate_quote`]) finds a quote: exactly, after normalisation,
//!   approximately with a bit-parallel edit-distance search, or as ordered pieces around
//!   elisions (`…`, `[...]`) and editorial insertions (`[the firm]`).
//! - [`QuoteMatch`] reports the [`Span`] (bytes, chars and UTF-16 units), the [`Rung`] that
//!   matched, and every equally good occurrence.
//! - [`LocateError`] says why a quote was rejected: empty, too short, [misquoted] with the
//!   differing words, or [not found] with the closest passage.
//! - [`locate_anchor`] and [`locate_anchor_in`] place a quote's anchor phrase on whole words
//!   (UAX #29) of the quote or of the quote's span in the article, ignoring case and typography;
//!   [`AnchorSuggester`] ranks anchors for a quote that has none, by a documented score.
//! - [`NotatedQuote`] and [`parse_block`] read and write the `"quote" [anchor]` notation of the
//!   signal pages, exactly.
//! - [`find_overlaps`] and [`merge_overlapping`] find quotes of one article that overlap and join
//!   them, keeping every anchor.
//! - [`annotation_selectors`] gives W3C Web Annotation selectors, and [`text_fragment`] with
//!   [`fragment_url`] a link that opens the article with the quote highlighted
//!   (`#:~:text=…`), checked against the browsers' matching rules by [`find_text_directive`].
//!
//! [misquoted]: LocateError::Misquoted
//! [not found]: LocateError::NotFound
//!
//! # Crate features
//!
//! None: the crate always has serde support for its reports and errors' parts.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

pub use crate::anchor::{
    AnchorError, AnchorMatch, MAX_ANCHOR_BYTES, MAX_ANCHOR_QUOTE_BYTES, MAX_ANCHORS, locate_anchor,
    locate_anchor_in, locate_anchor_prepared, locate_anchors,
};
pub use crate::error::{Candidate, ConfigError, LocateError, WordDifference};
pub use crate::fragment::{
    EXACT_FORM_MAX_CHARS, TextDirective, TextFragmenter, fragment_url, text_directives_in_url,
    text_fragment,
};
pub use crate::fragment_match::find_text_directive;
pub use crate::interop::{
    AnnotationSelectors, InteropError, SELECTOR_CONTEXT_CHARS, Selector, TextPositionSelector,
    TextQuoteSelector, annotation_selectors,
};
pub use crate::locate::{
    DEFAULT_ACCEPT_BAR, DEFAULT_MAX_ELISION_GAP, DEFAULT_MAX_INSERTION_GAP, DEFAULT_MAX_PIECES,
    DEFAULT_MAX_QUOTE_BYTES, DEFAULT_MAX_TEXT_BYTES, DEFAULT_MIN_QUOTE_CHARS, DEFAULT_MISQUOTE_BAR,
    Locator, LocatorBuilder, MAX_GAP_CEILING, MAX_PIECES_CEILING, MAX_QUOTE_BYTES_CEILING,
    MAX_TEXT_BYTES_CEILING, locate_quote,
};
pub use crate::notation::{
    MAX_BRACKET_DEPTH, MAX_NOTATION_BYTES, NotatedQuote, NotationError, QuoteStyle, format_block,
    parse_block,
};
pub use crate::overlap::{
    MergedQuote, Overlap, OverlapError, OverlapKind, PlacedQuote, find_overlaps, merge_overlapping,
};
pub use crate::prepare::PreparedText;
pub use crate::report::{QuoteMatch, Rung, Span, SpanError};
pub use crate::suggest::{AnchorSuggester, AnchorSuggestion, suggest_anchors};

mod anchor;
mod elision;
mod error;
mod fragment;
mod fragment_match;
mod index;
mod interop;
mod locate;
mod myers;
mod notation;
mod overlap;
mod prepare;
mod report;
mod search;
mod suggest;
mod words;
