//! Reinforcement scoring for Bellwether signals: independent corroboration, decay, clustering and explanations.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
