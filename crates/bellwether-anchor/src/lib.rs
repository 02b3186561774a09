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
//! # Limits and cost
//!
//! Everything this crate reads may come from a scraper or a language model, so every operation
//! has a documented limit, enforced with a typed error before any work that could grow with it,
//! and a worst-case cost. `n` is the text's length in bytes, `m` the quote's (normalised), `a` an
//! anchor's, `w` the quote's words.
//!
//! | Operation | Limit (default; constant) | Worst-case time | Memory |
//! |---|---|---|---|
//! | [`PreparedText::new`] | none (the locator checks the length) | O(n); ≤ 30 combining marks are normalised together (UAX #15 stream-safe) | ≈ 2n + 32 B per mapping change |
//! | [`Locator::locate`] | text ≤ 16 MiB ([`DEFAULT_MAX_TEXT_BYTES`]), quote ≤ 8 KiB as given and normalised ([`DEFAULT_MAX_QUOTE_BYTES`]), ≤ 64 pieces ([`DEFAULT_MAX_PIECES`]), elision gap ≤ 2,000 B; all configurable on [`LocatorBuilder`] up to the `*_CEILING` constants | O(n·⌈m/64⌉) (see below) + O(m²/64) for recounts + O(m·d) for the verdict on a close miss (`d` ≤ m/4 edits) | O(n) q-gram index (4 B per byte + ≤ 1 MiB) + O(m·d) bytes |
//! | [`locate_anchor`], [`locate_anchors`], [`locate_anchor_in`], [`locate_anchor_prepared`] | quote ≤ 8 KiB ([`MAX_ANCHOR_QUOTE_BYTES`]), anchor ≤ 512 B ([`MAX_ANCHOR_BYTES`]), ≤ 64 anchors ([`MAX_ANCHORS`]) | O(m + a) (O(m·a) for a self-overlapping anchor); O(w·m·⌈a/64⌉) to name the closest phrase of an absent anchor | O(m + a) |
//! | [`parse_block`], [`NotatedQuote::parse`], [`NotatedQuote::new`] | input ≤ 4 MiB ([`MAX_NOTATION_BYTES`]), bracket nesting ≤ 8 ([`MAX_BRACKET_DEPTH`]), ≤ 64 anchors of ≤ 512 B per record | O(input); too-deep brackets are rejected after 8 | O(input) |
//! | [`AnchorSuggester::suggest`] | the suggester's `max_words` (default 6; 1 to [`MAX_SUGGESTED_WORDS`]) and `limit` (default 3; 1 to [`MAX_SUGGESTIONS`]), checked when set | O(w·max_words·(limit + t)), `t` the occurrences of taken anchors | O(w·max_words) |
//! | [`TextFragmenter::new`], [`text_fragment`], [`find_text_directive`] | none | fold O(n); a directive tries at most 171 candidates (9 forms × 19 contexts), each O(n·r) for `r` restarts of the browser's matching | ≈ 1.3n bytes on prose (measured 1.2n–1.6n); ≈ 22n at worst (`éxéx…`; 36n at the peak while folding) |
//! | [`annotation_selectors`] | none | O(span end) | O(span + context) |
//! | [`find_overlaps`] | none | O(k log k + pairs) for `k` spans | O(k + pairs) |
//! | [`merge_overlapping`] | none | O(k log k + merged text + anchors²) | O(merged text) |
//!
//! **How [`Locator::locate`] stays within O(n·⌈m/64⌉).** The exact rungs are a `memchr::memmem`
//! scan or a q-gram look-up, O(n + m). The approximate rung is Myers' bit-parallel algorithm
//! (Hyyrö's blocked form, with Ukkonen's cut-off): O(n·⌈m/64⌉) word operations per pass, and a
//! plain quote takes one pass at the acceptance budget (in a text of 4 KiB or more, only over
//! the regions the exact q-gram filter leaves). A quote not found within it (fabricated,
//! misquoted) costs bounded work whatever `n`: the misquote budget is searched in the 4 windows
//! sharing the most of its 4-grams, the closest passage in the one sharing most, each
//! O((m + d)·⌈m/64⌉) after counting the quote's grams, O(m·(n / 256)) at worst; in a shorter
//! text both scan it whole. Each
//! occurrence found is resolved from at most 2 of its ends (its first and last), occurrences start at least `m − d`
//! apart (so at most `n / (m − d) + 1` of them, and at most 64), and each costs a reverse search
//! and a recount of O((m + d)·⌈m/64⌉): O(n·⌈m/64⌉) in all, since `d ≤ m / 2`. An elided quote
//! adds, for each of at most 16 places of its longest piece, a bounded-window search per piece:
//! O(16·p·(gap + m)·⌈m/64⌉) for `p` pieces. The verdict on a close miss (transpositions, dense
//! edits) is a banded alignment, O(m·d) time and at most `m·(2d + 1)` bytes; word differences
//! are a table of at most 2²⁰ cells. The limits are checked first, in O(1).
//!
//! The bound is reached when every block stays within the budget, as for a quote of `aaa…ab`
//! in a text of `aaaa…`: about 1.1 s for an 8 KiB quote in 1 MiB on a shared 2-core machine,
//! so about 18 s for the default limits (16 MiB, 8 KiB); lower `max_quote_bytes` or
//! `max_text_bytes` where that is too long. On text, the cut-off keeps one or two blocks live:
//! the fuzzer's 3.4 KB misquote against its 4 KB article takes about 20–40 ms and its 890-byte
//! one about 1–2 ms (`cargo bench --bench pathological`, which also measures a 10 MB article,
//! 100 KB quotes, thousands of ellipses, nested brackets and 1 MB of combining marks).
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
pub use crate::suggest::{
    AnchorSuggester, AnchorSuggestion, MAX_SUGGESTED_WORDS, MAX_SUGGESTIONS, suggest_anchors,
};

mod anchor;
mod elision;
mod error;
mod fragment;
mod fragment_match;
mod index;
mod interop;
mod locate;
mod myers;
#[cfg(test)]
mod naive_distance;
mod normalize;
mod notation;
mod overlap;
mod prepare;
mod report;
mod search;
mod suggest;
mod words;
