//! Reinforcement scoring for Bellwether signals: how many *independent* sources back a thesis,
//! how reliable they are and how recent, as a strength from 1 to 10 that anyone can check.
//!
//! ```
//! use bellwether_score::{Evidence, Grade, Ledger, Scorer, Stance};
//!
//! let mut ledger = Ledger::new();
//! for (article, outlet, published) in [
//!     ("software-layer", "outlet-a", "2026-05-12T09:30:00Z"),
//!     ("white-house", "outlet-b", "2026-05-20T16:45:00Z"),
//!     ("g2-reality", "outlet-c", "2026-05-26T14:05:00Z"),
//! ] {
//!     let evidence = Evidence::builder().article(article).outlet(outlet)
//!         .published(published.parse()?).grade(Grade::B).match_confidence(1.0)
//!         .stance(Stance::Supports).build()?;
//!     ledger.insert(evidence)?;
//! }
//! let explanation = Scorer::default().explain(&ledger, "2026-05-26T14:05:00Z".parse()?)?;
//! assert_eq!(explanation.strength.get(), 8);
//! println!("str {} until {:?}", explanation.strength, explanation.next_drop);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Overview
//!
//! * [`Evidence`] (built with [`EvidenceBuilder`]) is one extraction of one article: outlet,
//!   publication time, NATO Admiralty reliability [`Grade`], match confidence, [`Stance`] and a
//!   near-duplicate [`Fingerprint`] of the article body.
//! * [`Ledger`] collects the evidence for one signal. It is a mergeable state (a CRDT):
//!   [`Ledger::merge`] is commutative, associative and idempotent, so shards merged in any order
//!   give bit-identical scores; the same article counts once; syndicated copies form one origin.
//! * [`Scorer`] maps a ledger and an instant `now` (always passed in, never read from a clock) to
//!   a [`Score`]: decayed ([`HalfLife`], [`DecayPolicy`]), reliability-weighted
//!   ([`ReliabilityTable`]) independent evidence, combined with diminishing returns into an
//!   [`EvidenceMass`] and mapped to a [`Strength`] by [`Thresholds`]. All decisions are integer
//!   fixed-point arithmetic. The [`Scorer`] docs state the method and its guarantees.
//! * [`Explanation`] lists every origin's [`OriginContribution`] (they add up to the total), the
//!   effective number of independent sources, first seen, last reinforced, counts, and the exact
//!   instant the strength will next drop.
//! * [`ScoreError`] is the typed error for all of the above.
//! * [`CandidateIndex`] finds the existing signals an article or a draft thesis most likely
//!   reinforces or contradicts ([`Candidate`]s, with scores and the words that matched), to
//!   show a language model before it extracts.
//! * [`SignalClusters`] decides which signal an extraction ([`ExtractionFeatures`]) reinforces,
//!   or whether it starts a new one: incrementally with [`SignalClusters::assign`], or for a whole
//!   set at once, independent of input order, with [`SignalClusters::batch`]. Similarity
//!   ([`ClusterConfig`]) combines IDF-weighted overlap of normalised, stemmed thesis words with
//!   overlap of actors, regions and tags, and guards against sibling theses; candidates come from
//!   an inverted index, never from comparing all pairs. Words outside the synonym lexicon that
//!   the collection shows to be wordings of a lexicon concept are learned as such
//!   ([`LearnedSynonym`], [`SignalClusters::learned_synonyms`]). Signals can be merged and split; the
//!   lineage (a petgraph graph) keeps every extraction with its article. The state saves and
//!   restores with serde. [`ClusterError`] is its typed error.
//! * [`CollectionStatistics`], [`CollectionModel`], [`connected_components`] and
//!   [`number_signals`] cut a batch into pieces an engine can spread over machines: mergeable
//!   statistics, link search by slice, clustering by connected component, one global numbering;
//!   the pieces give exactly the signals of [`SignalClusters::batch`].
//!
//! # Limits and cost
//!
//! Limits are in [`limits`]; past them the typed [`ScoreError`] says which.
//!
//! | Operation | Limit | Worst-case cost |
//! |---|---|---|
//! | [`ArticleId`], [`ExtractionId`], [`Outlet`] | [`MAX_IDENTIFIER_BYTES`](limits::MAX_IDENTIFIER_BYTES) = 1 KiB, else [`ScoreError::IdentifierTooLong`] | O(1) past the limit, else one pass (outlets are lowercased) |
//! | [`EvidenceBuilder::build`] | as above | one pass; with a text, fingerprinting is linear in it |
//! | [`Ledger::insert`] into `n` articles | [`MAX_LEDGER_ARTICLES`](limits::MAX_LEDGER_ARTICLES) = 1,000,000 articles ([`ScoreError::LedgerFull`]); [`MAX_READINGS_PER_ARTICLE`](limits::MAX_READINGS_PER_ARTICLE) = 1,024 readings of one article ([`ScoreError::TooManyReadings`]) | `O(1)` expected (hashing) plus `O(r)` for the article's `r` readings and the fingerprint's band lookups |
//! | [`Ledger::merge`] of `m` articles | the same limits; what does not fit is listed in [`MergeReport::rejected`] | `O(m + r)` expected |
//! | [`Scorer::score`], [`Scorer::explain`] | — | `O(n log n)` in the ledger's articles, `O(n)` memory |
//! | serde of a [`Ledger`] | the same limits, checked as it is rebuilt | `O(n log n + total readings)` |
//!
//! # Crate features
//!
//! None: the crate has no optional parts.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub use candidates::{Candidate, CandidateIndex};
pub use cluster_config::{ClusterConfig, ClusterConfigBuilder};
pub use cluster_error::ClusterError;
pub use collection::{
    ClusteredExtraction, CollectionModel, CollectionStatistics, PairLink, PivotKey,
    connected_components, number_signals,
};
pub use decay::{DecayPolicy, HalfLife};
pub use error::ScoreError;
pub use evidence::{ArticleId, Evidence, EvidenceBuilder, ExtractionId, Outlet, Stance};
pub use explain::{DecayFactor, Explanation, OriginContribution};
pub use features::{ExtractionFeatures, SignalId};
pub use fingerprint::{FINGERPRINT_BANDS, FINGERPRINT_SCHEME, Fingerprint};
pub use ledger::{Ledger, MergeReport};
pub use lineage::{LineageEdge, LineageEvent, LineageNode};
pub use reliability::{Grade, ReliabilityTable};
pub use scorer::{Score, Scorer};
pub use signal_clusters::{Assignment, SignalClusters, SignalMatch};
pub use similarity_graph::{Link, SimilarityGraph};
pub use strength::{Strength, Thresholds};
pub use synonym_induction::LearnedSynonym;
pub use weight::{EvidenceMass, FRACTION_BITS, Weight};

pub mod limits;

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

mod candidates;
mod cluster_config;
mod cluster_error;
mod collection;
mod decay;
mod error;
mod evidence;
mod explain;
mod features;
mod fingerprint;
mod index;
mod ledger;
mod lineage;
mod mass;
mod origin;
mod parallel;
mod profile;
mod reliability;
mod scorer;
mod signal_clusters;
mod similarity;
mod similarity_graph;
mod strength;
mod synonym_induction;
mod text_words;
mod weight;
mod word_hash;
mod words;
