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
//!
//! [misquoted]: LocateError::Misquoted
//! [not found]: LocateError::NotFound
//!
//! # Crate features
//!
//! None: the crate always has serde support for its reports and errors' parts.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub use crate::error::{Candidate, ConfigError, LocateError, WordDifference};
pub use crate::locate::{
    DEFAULT_ACCEPT_BAR, DEFAULT_MAX_ELISION_GAP, DEFAULT_MAX_INSERTION_GAP,
    DEFAULT_MIN_QUOTE_CHARS, DEFAULT_MISQUOTE_BAR, Locator, LocatorBuilder, locate_quote,
};
pub use crate::prepare::PreparedText;
pub use crate::report::{QuoteMatch, Rung, Span, SpanError};

mod elision;
mod error;
mod locate;
mod myers;
mod prepare;
mod report;
mod search;
mod words;
