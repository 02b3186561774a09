//! Bellwether turns what a language model proposes about news articles into trustworthy,
//! explainable signals, and composes a morning brief only when the sources say something worth
//! saying.
//!
//! This crate is the facade: one dependency that re-exports each member crate as a module,
//! behind a feature of the same name.
//!
//! ```
//! use bellwether::signal::{Signal, Strength};
//!
//! let json = include_str!("../tests/data/seed/signal.json");
//! let signal: Signal = serde_json::from_str(json)?;
//! assert_eq!(signal.strength(), Strength::new(8)?);
//! assert_eq!(signal.actors().len(), 4);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Overview
//!
//! - [`signal`]: the shared model (always present).
//! - `anchor` (feature `anchor`): prove quotes occur in their articles, and where.
//! - `score` (feature `score`): reinforcement scoring, decay, clustering, explanations.
//! - `brief` (feature `brief`): compose and render the morning brief.
//! - [`days`]: read a data directory in the sample layout (one JSON file per day, naming its
//!   articles' text files and carrying the extractions).
//! - `job` (feature `pipeline`): a scheduled job's run, shared by the main job and the
//!   `bellwether` command line: where the pipeline is kept between runs (`job::Backend`) and the
//!   morning's compose → save → deliver → record → save (`job::run_morning`).
//! - `ground` (feature `ground`): find every name, number, date and attribution of model prose
//!   in its sources, or flag it; the pipeline grounds each extraction's analysis and reasoning
//!   and lists the flagged claims in its [`IngestReport`].
//!
//! # Limits and cost
//!
//! Every input is bounded, and every bound is a documented constant: the member crates' (in
//! `signal::limits`, `score::limits`, `brief::MAX_BRIEF_ITEMS` and the anchor crate's docs)
//! plus the facade's own, below. A value past a bound is a typed [`Error`] naming the value,
//! its size and the limit; nothing is truncated silently. A failed ingest leaves the state
//! exactly as it was.
//!
//! | Operation | Limit | Worst-case cost |
//! |---|---|---|
//! | [`Article::new`], deserializing an `Article` | text ≤ [`MAX_ARTICLE_BYTES`] = 16 MiB, not blank ([`Error::ArticleText`]) | O(1) past the limit |
//! | `Pipeline::ingest` | the extraction's own limits (≤ 256 quotes of ≤ 8 KiB, ≤ 64 KiB of quote text in all, …); per article over all its extractions ≤ 1,024 extractions and ≤ 256 distinct quotes and reasoning paragraphs (`Error::ArticleFull`) | quote location as the anchor crate documents it (time ∝ article × quote length), for ≤ 64 KiB of quotes against the ≤ 16 MiB article, a quote past the locator's limits rejected as `Rejection::OverLimit`; one fingerprint of the article (linear); one clustering step; the new extraction folded into its signal and the signal built again, linear in the signal's size (a rebuild from every member, `O(m log m)` for `m` members, only when the article is older than one already in the signal) |
//! | `Pipeline::ingest_batch` | as `ingest`, per pair | as `ingest`, the quote checks spread over every core, and each signal built once at the end of the batch |
//! | `Pipeline::settle`, `Pipeline::compose` | a signal shows ≤ 64 regions and actors (the most mentioned), ≤ 256 quotes and paragraphs per source, the latest ≤ 10,000 sources; its strength counts the latest ≤ 1,000,000 articles | batch re-clustering of every extraction, then one rebuild per signal: `O(E log E)` plus clustering for `E` extractions |
//! | `Pipeline::absorb` | as `settle` | `O(E log E)` to join, plus one `settle` |
//! | `Pipeline::save`, `StateLock::save`, `Pipeline::write_json` | state ≤ `MAX_STATE_BYTES` = 256 MiB (`Error::StateTooLarge`; the previous file stays) | linear in the state, two `fsync`s (file and directory) |
//! | `Pipeline::load`, `Pipeline::read_json` | file ≤ `MAX_STATE_BYTES`, refused by its length before reading, and streams cut off one byte past it | parse linear in the file (JSON nesting is limited to 128 levels), then one `settle` |
//! | `Pipeline::retract`, `Pipeline::forget_before` | — | one `settle` |
//! | `Pipeline::clone` | — | linear in the state, plus replaying the clustering's saved form |
//! | `StoredPipeline::ingest` (feature `store`) | as `Pipeline::ingest` | as `Pipeline::ingest`, plus one store transaction of two records (logarithmic in the store's size, one `fsync`) |
//!
//! # Crate features
//!
//! `anchor`, `score`, `brief`, one per member crate, and `pipeline` (default), which enables all
//! three; `tz` adds named IANA time zones to the brief crate; `email` (off by default) adds the
//! brief crate's `EmailRenderer` (complete RFC 5322 messages); `store` (off by default) adds
//! [`store`]: the pipeline kept in an embedded redb database, committed per ingest. Features
//! only add items.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[doc(inline)]
pub use bellwether_signal as signal;

/// The date and time crate of the public API (instants are `chrono::DateTime<Utc>`), re-exported
/// so that a user names the same version as Bellwether without adding it to `Cargo.toml`.
pub use chrono;

#[cfg(feature = "anchor")]
#[doc(inline)]
pub use bellwether_anchor as anchor;

#[cfg(feature = "score")]
#[doc(inline)]
pub use bellwether_score as score;

#[cfg(feature = "brief")]
#[doc(inline)]
pub use bellwether_brief as brief;

#[cfg(feature = "ground")]
#[doc(inline)]
pub use bellwether_ground as ground;

pub use article::{Article, MAX_ARTICLE_BYTES};

pub mod days;
#[cfg(feature = "pipeline")]
pub mod job;
pub mod prompt;
pub mod schema;
#[cfg(feature = "pipeline")]
pub use dates::DateBounds;
#[cfg(feature = "pipeline")]
pub use distributed::VerifiedRecord;
pub use error::Error;
#[cfg(feature = "pipeline")]
pub use explanation::SignalExplanation;
#[cfg(feature = "pipeline")]
pub use grounding::{Paragraph, ParagraphGrounding};
pub use intake::{MalformedExtraction, read_extraction, read_extractions};
#[cfg(feature = "pipeline")]
pub use lock::StateLock;
#[cfg(feature = "pipeline")]
pub use pipeline::{Pipeline, PipelineConfig};
#[cfg(feature = "pipeline")]
pub use report::{
    AbsorbReport, ClusteringChoice, IgnoredReason, IngestOutcome, IngestReport, VerdictOutcome,
};
#[cfg(feature = "pipeline")]
pub use state::{MAX_STATE_BYTES, OLDEST_STATE_VERSION, STATE_FORMAT, STATE_VERSION};
#[cfg(feature = "pipeline")]
pub use verify::{AcceptedQuote, DroppedAnchor, RejectedQuote, Rejection};
#[cfg(feature = "pipeline")]
pub use word_diff::WordChange;

#[cfg(feature = "pipeline")]
mod absorb;
mod article;
#[cfg(feature = "pipeline")]
mod article_words;
#[cfg(feature = "pipeline")]
mod assemble;
#[cfg(feature = "pipeline")]
mod dates;
#[cfg(feature = "pipeline")]
mod distributed;
mod error;
#[cfg(feature = "pipeline")]
mod explanation;
#[cfg(feature = "pipeline")]
mod grounding;
#[cfg(feature = "pipeline")]
mod identity;
mod intake;
#[cfg(feature = "pipeline")]
mod lock;
#[cfg(feature = "pipeline")]
mod persist;
#[cfg(feature = "pipeline")]
mod pipeline;
#[cfg(feature = "pipeline")]
mod references;
#[cfg(feature = "pipeline")]
mod report;
#[cfg(feature = "pipeline")]
mod retention;
#[cfg(feature = "pipeline")]
mod state;
#[cfg(feature = "pipeline")]
mod verify;
#[cfg(feature = "pipeline")]
mod word_diff;

#[cfg(feature = "store")]
pub mod store;

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
