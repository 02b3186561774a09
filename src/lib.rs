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
//!
//! # Crate features
//!
//! `anchor`, `score`, `brief`, one per member crate, and `pipeline` (default), which enables all
//! three. Features only add items.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[doc(inline)]
pub use bellwether_signal as signal;

#[cfg(feature = "anchor")]
#[doc(inline)]
pub use bellwether_anchor as anchor;

#[cfg(feature = "score")]
#[doc(inline)]
pub use bellwether_score as score;

#[cfg(feature = "brief")]
#[doc(inline)]
pub use bellwether_brief as brief;

pub use article::{Article, MAX_ARTICLE_BYTES};
pub use error::Error;
#[cfg(feature = "pipeline")]
pub use pipeline::{Pipeline, PipelineConfig};
#[cfg(feature = "pipeline")]
pub use report::{AbsorbReport, IngestOutcome, IngestReport};
#[cfg(feature = "pipeline")]
pub use state::{MAX_STATE_BYTES, STATE_FORMAT, STATE_VERSION};
#[cfg(feature = "pipeline")]
pub use verify::{AcceptedQuote, DroppedAnchor, RejectedQuote, Rejection};

#[cfg(feature = "pipeline")]
mod absorb;
mod article;
#[cfg(feature = "pipeline")]
mod assemble;
mod error;
#[cfg(feature = "pipeline")]
mod persist;
#[cfg(feature = "pipeline")]
mod pipeline;
#[cfg(feature = "pipeline")]
mod report;
#[cfg(feature = "pipeline")]
mod state;
#[cfg(feature = "pipeline")]
mod verify;

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
