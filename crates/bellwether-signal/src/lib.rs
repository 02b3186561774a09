//! The signal model of Bellwether: the shared, validated vocabulary of signals, their tags,
//! regions, actors, source articles and quotes, and the language-model extractions they are
//! built from.
//!
//! Every value with an invariant is a type whose constructor checks it, and deserializing runs
//! the same checks, so a [`Signal`] read from JSON is as trustworthy as one built in code.
//!
//! ```
//! use bellwether_signal::{Region, Signal, Strength};
//!
//! let json = include_str!("../testdata/seed/signal.json");
//! let signal: Signal = serde_json::from_str(json)?;
//! assert_eq!(signal.strength(), Strength::new(8)?);
//! assert_eq!((signal.extraction_count(), signal.article_count()), (3, 3));
//! let tags: Vec<&str> = signal.tags().labels().collect();
//! assert_eq!(tags, ["structural", "regulatory", "technological", "AI"]);
//! assert_eq!(signal.regions(), [Region::new("US")?, Region::new("CN")?]);
//! assert!(serde_json::from_str::<Signal>(&json.replace("\"strength\": 8", "\"strength\": 11")).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Overview
//!
//! - [`Signal`] (built with [`SignalBuilder`]): thesis, analysis, [`Strength`], [`Tags`],
//!   [`Region`]s, [`Actor`]s, [`SourceArticle`]s, counts and dates.
//! - [`Extraction`]: one model output for one article, with [`ProposedQuote`]s and the model's
//!   [`Verdict`] on the candidate signals it was shown.
//! - [`SourceArticle`] and [`Quote`], with [`ByteSpan`], [`MatchQuality`] and a [`WebUrl`]
//!   deep link once verified.
//! - [`Strength`] with replaceable [`StrengthBands`]; [`Nature`], [`Domain`], [`Topic`];
//!   [`Region`] (ISO 3166-1, plus conversion from GDELT's FIPS 10-4); [`ActorKind`],
//!   [`ActorKey`]; [`ReliabilityGrade`] (NATO Admiralty A–F); [`Label`], [`SignalId`],
//!   [`ArticleId`].
//! - [`SignalError`]: every way a value can be wrong; [`limits`]: every documented bound.
//!
//! # Limits and cost
//!
//! Every text and list has a documented bound in [`limits`]; constructors and deserializers
//! reject a value over it with [`SignalError::TooLong`] or [`SignalError::TooMany`] (naming
//! the field, the length and the limit), never truncating it. Lengths are checked before any
//! other work, and a list being deserialized is cut off at its limit: the rest is counted
//! (for the message), not kept. So the cost of a rejected value is one pass over its JSON text,
//! and an accepted value is bounded by the table below, whatever a model emits.
//!
//! | Value | Limit | Worst-case check |
//! |---|---|---|
//! | [`Label`], [`Topic`], custom [`Nature`]/[`Domain`], actor name or alias, outlet | [`MAX_LABEL_CHARS`](limits::MAX_LABEL_CHARS) = 200 characters | one pass over the input |
//! | [`SignalId`], [`ArticleId`] | [`MAX_ID_BYTES`](limits::MAX_ID_BYTES) = 128 bytes | O(1) past the limit, else one pass |
//! | thesis, article title | [`MAX_THESIS_CHARS`](limits::MAX_THESIS_CHARS) = 1,000 characters | one pass (a 10 MB thesis: one count of its characters) |
//! | analysis, reasoning paragraph | [`MAX_PROSE_BYTES`](limits::MAX_PROSE_BYTES) = 32 KiB | O(1) past the limit, else one pass |
//! | quote text | [`MAX_QUOTE_BYTES`](limits::MAX_QUOTE_BYTES) = 8 KiB | O(1) past the limit, else one pass |
//! | anchor phrase | [`MAX_ANCHOR_BYTES`](limits::MAX_ANCHOR_BYTES) = 512 bytes | a model's ([`ProposedQuote`]): O(1); a [`Quote`]'s given as a span: O(1); given as a phrase, placed in its quote by a comparison at each character, at most four passes: linear on prose, O(q·a) at worst (8 KiB × 512 B) |
//! | all quote text of one [`Extraction`] | [`MAX_EXTRACTION_QUOTE_BYTES`](limits::MAX_EXTRACTION_QUOTE_BYTES) = 64 KiB | linear |
//! | [`WebUrl`] | [`MAX_URL_BYTES`](limits::MAX_URL_BYTES) = 4 KiB, as given and once percent-encoded | one parse |
//! | tags per facet, regions, actors, aliases per actor, anchors per quote | [`MAX_LIST_LEN`](limits::MAX_LIST_LEN) = 64 | duplicates: ≤ 64² comparisons; actors: one hash per name and alias (≤ 64 × 65) |
//! | quotes, reasoning paragraphs of an extraction or source | [`MAX_QUOTES`](limits::MAX_QUOTES) = 256 | linear |
//! | sources of a signal | [`MAX_SOURCES`](limits::MAX_SOURCES) = 10,000 | sort of the ids: O(n log n) |
//!
//! Memory: an [`Extraction`] holds at most about 16 MiB of text (64 KiB of quotes with up to
//! 64 anchors of 512 bytes each, 256 paragraphs of 32 KiB, a thesis and an analysis); in
//! practice a few KiB. A [`Signal`] may hold up to 10,000 such sources, so deserializing one costs time
//! and memory linear in its JSON: bound the JSON you read (the `bellwether` facade bounds state
//! files). JSON nesting is bounded by `serde_json`'s recursion limit (128 levels), and no model
//! type nests deeper than six, so deeply nested input is an error, never a stack overflow. JSON
//! strings with unpaired surrogate escapes (`"\ud800"`) are rejected by `serde_json`.
//!
//! # Crate features
//!
//! None: the crate always depends on serde, chrono, thiserror and url.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub use actor::{Actor, ActorKey, ActorKind};
pub use error::SignalError;
pub use extraction::{Extraction, ExtractionBuilder};
pub use flagged::FlaggedClaim;
pub use grounding_tally::GroundingTally;
pub use label::{ArticleId, Label, SignalId};
pub use quote::{ByteSpan, MatchMethod, MatchQuality, ProposedQuote, Quote};
pub use region::Region;
pub use reliability::ReliabilityGrade;
pub use signal::{Signal, SignalBuilder};
pub use source::SourceArticle;
pub use strength::{Strength, StrengthBand, StrengthBands};
pub use tags::{Domain, Nature, Tags, Topic};
pub use verdict::Verdict;
pub use web_url::WebUrl;

pub mod limits;

mod actor;
mod bounded;
mod error;
mod extraction;
mod flagged;
mod grounding_tally;
mod label;
mod quote;
mod region;
mod reliability;
mod signal;
mod source;
mod strength;
mod tags;
mod text;
mod verdict;
mod web_url;
