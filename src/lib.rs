//! Bellwether turns what a language model proposes about news articles into
//! trustworthy, explainable signals, and composes a morning brief only when the
//! sources say something worth saying.
//!
//! This crate is the facade: it re-exports each member crate behind a feature.

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
