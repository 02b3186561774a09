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
//! - [`Extraction`]: one model output for one article, with [`ProposedQuote`]s.
//! - [`SourceArticle`] and [`Quote`], with [`ByteSpan`], [`MatchQuality`] and a [`WebUrl`]
//!   deep link once verified.
//! - [`Strength`] with replaceable [`StrengthBands`]; [`Nature`], [`Domain`], [`Topic`];
//!   [`Region`] (ISO 3166-1, plus conversion from GDELT's FIPS 10-4); [`ActorKind`],
//!   [`ActorKey`]; [`ReliabilityGrade`] (NATO Admiralty A–F); [`Label`], [`SignalId`],
//!   [`ArticleId`].
//! - [`SignalError`]: every way a value can be wrong; [`limits`]: every documented bound.
//!
//! # Crate features
//!
//! None: the crate always depends on serde, chrono, thiserror and url.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub use actor::{Actor, ActorKey, ActorKind};
pub use error::SignalError;
pub use extraction::{Extraction, ExtractionBuilder};
pub use label::{ArticleId, Label, SignalId};
pub use quote::{ByteSpan, MatchMethod, MatchQuality, ProposedQuote, Quote};
pub use region::Region;
pub use reliability::ReliabilityGrade;
pub use signal::{Signal, SignalBuilder};
pub use source::SourceArticle;
pub use strength::{Strength, StrengthBand, StrengthBands};
pub use tags::{Domain, Nature, Tags, Topic};
pub use web_url::WebUrl;

pub mod limits;

mod actor;
mod bounded;
mod error;
mod extraction;
mod label;
mod quote;
mod region;
mod reliability;
mod signal;
mod source;
mod strength;
mod tags;
mod text;
mod web_url;
