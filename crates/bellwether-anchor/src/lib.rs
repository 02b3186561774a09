//! Prove that a quote occurs in its article, and exactly where: tolerant, fast quote anchoring for any script.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub use notation::{NotatedQuote, NotationError, QuoteStyle, format_block, parse_block};
pub use overlap::{
    MergedQuote, Overlap, OverlapError, OverlapKind, PlacedQuote, find_overlaps, merge_overlapping,
};

mod notation;
mod overlap;
