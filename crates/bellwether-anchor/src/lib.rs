//! Prove that a quote occurs in its article, and exactly where: tolerant, fast quote anchoring
//! for any script.
//!
//! ```
//! use bellwether_anchor::PreparedText;
//!
//! let article = PreparedText::new("The \u{201C}Govern-\nment\u{201D} said so.");
//! assert_eq!(article.normalized(), "the \"government\" said so.");
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub use crate::anchor::{
    AnchorError, AnchorMatch, locate_anchor, locate_anchor_in, locate_anchor_prepared,
    locate_anchors,
};
pub use crate::fragment::{
    EXACT_FORM_MAX_CHARS, TextDirective, fragment_url, text_directives_in_url, text_fragment,
};
pub use crate::fragment_match::find_text_directive;
pub use crate::interop::{
    InteropError, SELECTOR_CONTEXT_CHARS, Selector, TextPositionSelector, TextQuoteSelector,
    annotation_selectors,
};
pub use crate::notation::{NotatedQuote, NotationError, QuoteStyle, format_block, parse_block};
pub use crate::overlap::{
    MergedQuote, Overlap, OverlapError, OverlapKind, PlacedQuote, find_overlaps, merge_overlapping,
};
pub use crate::prepare::PreparedText;
pub use crate::suggest::{AnchorSuggester, AnchorSuggestion, suggest_anchors};

mod anchor;
mod fragment;
mod fragment_match;
mod interop;
mod notation;
mod overlap;
mod prepare;
mod suggest;
