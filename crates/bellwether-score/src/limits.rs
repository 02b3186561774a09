//! The documented bounds of evidence and ledgers.
//!
//! They keep every operation's cost predictable whatever the input: a value over its bound is
//! rejected with a typed [`ScoreError`](crate::ScoreError), never truncated.

/// Longest article id, extraction id or outlet, in bytes (after trimming and, for outlets,
/// lowercasing).
pub const MAX_IDENTIFIER_BYTES: usize = 1024;
/// Most articles one [`Ledger`](crate::Ledger) holds (one signal's evidence).
pub const MAX_LEDGER_ARTICLES: usize = 1_000_000;
/// Most readings (an extraction's stance) one article of a [`Ledger`](crate::Ledger) holds:
/// each new reading rescans its article's readings, so the bound keeps that scan short.
pub const MAX_READINGS_PER_ARTICLE: usize = 1024;
