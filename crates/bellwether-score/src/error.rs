//! Typed errors for evidence, ledgers and scoring.

use chrono::{DateTime, Utc};

/// What went wrong while building evidence, configuring a [`Scorer`](crate::Scorer) or scoring.
///
/// Every variant carries the offending value so a caller can report it without re-parsing a
/// message; messages are lowercase and say what to do.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ScoreError {
    /// A weight-like number (match confidence, reliability weight, discount) was NaN or infinite.
    #[error("{what} {value} is not a finite number; use a value from 0.0 to 1.0")]
    NonFiniteWeight {
        /// Which quantity was rejected, e.g. `"match confidence"`.
        what: &'static str,
        /// The rejected value.
        value: f64,
    },
    /// A weight-like number was outside `0.0..=1.0`.
    #[error("{what} {value} is out of range; use a value from 0.0 to 1.0")]
    WeightOutOfRange {
        /// Which quantity was rejected.
        what: &'static str,
        /// The rejected value.
        value: f64,
    },
    /// A half-life was zero or negative.
    #[error("half-life of {nanoseconds} ns is not positive; use a duration greater than zero")]
    NonPositiveHalfLife {
        /// The rejected half-life in nanoseconds.
        nanoseconds: i64,
    },
    /// A half-life was too long to express in nanoseconds.
    #[error("half-life of {seconds} s is too long; use at most about 292 years")]
    HalfLifeTooLong {
        /// The rejected half-life in whole seconds.
        seconds: i64,
    },
    /// A timestamp lies outside the range that can be expressed in nanoseconds since 1970.
    #[error(
        "{what} {timestamp} is out of range; use an instant between 1677-09-21 and 2262-04-11 UTC"
    )]
    TimestampOutOfRange {
        /// Which timestamp was rejected, e.g. `"published time"` or `"now"`.
        what: &'static str,
        /// The rejected instant.
        timestamp: DateTime<Utc>,
    },
    /// An identifier (article, extraction, outlet, category) was empty after trimming.
    #[error("{what} is empty; give a non-empty identifier")]
    EmptyIdentifier {
        /// Which identifier was empty.
        what: &'static str,
    },
    /// An identifier (article, extraction, outlet) longer than
    /// [`MAX_IDENTIFIER_BYTES`](crate::limits::MAX_IDENTIFIER_BYTES).
    #[error("{what} is {len} bytes long, over the limit of {max}; use a shorter identifier")]
    IdentifierTooLong {
        /// Which identifier was too long.
        what: &'static str,
        /// Its length in bytes.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// An article already holding
    /// [`MAX_READINGS_PER_ARTICLE`](crate::limits::MAX_READINGS_PER_ARTICLE) readings was given
    /// another.
    #[error(
        "article {article} already holds {max} readings (extraction and stance), the limit; \
         keep re-extractions of one article to a few"
    )]
    TooManyReadings {
        /// The article id.
        article: String,
        /// The limit.
        max: usize,
    },
    /// An article text contained no words, so it cannot be fingerprinted.
    #[error("article text has no words to fingerprint; pass the article body, or no text at all")]
    TextWithoutWords,
    /// A stored fingerprint was made by another fingerprinting scheme, so it could never match
    /// a fingerprint made now (see [`FINGERPRINT_SCHEME`](crate::FINGERPRINT_SCHEME)).
    #[error(
        "fingerprint of scheme {found} cannot be compared with this version's scheme \
         {supported}; fingerprint the article text again"
    )]
    FingerprintScheme {
        /// The scheme the fingerprint was made with (1 when it records none).
        found: u32,
        /// The scheme this version makes and reads.
        supported: u32,
    },
    /// A required field was not set on an [`EvidenceBuilder`](crate::EvidenceBuilder).
    #[error("evidence is missing its {field}; set it on the builder before calling build")]
    MissingField {
        /// The missing field's name.
        field: &'static str,
    },
    /// An article already in the ledger was inserted again with different article facts.
    #[error(
        "article {article} is already recorded with a different {field}; \
         an article id must always carry the same outlet, published time, grade and text"
    )]
    ConflictingArticle {
        /// The article id.
        article: String,
        /// The first field that differs.
        field: &'static str,
    },
    /// Strength thresholds were not strictly increasing or not positive.
    #[error(
        "strength threshold for level {level} ({value}) must be positive and greater than the \
         threshold below it; give nine strictly increasing positive evidence masses"
    )]
    ThresholdsNotIncreasing {
        /// The strength level (2..=10) whose threshold was rejected.
        level: u8,
        /// The rejected threshold, in units of evidence mass.
        value: f64,
    },
    /// An evidence mass (threshold) was NaN, infinite or too large for fixed point.
    #[error("evidence mass {value} is not representable; use a finite value from 0 to 1000000")]
    MassOutOfRange {
        /// The rejected value.
        value: f64,
    },
    /// The same-outlet discount exponent was too large.
    #[error("same-outlet halvings {halvings} is too large; use a whole number from 0 to 32")]
    DiscountOutOfRange {
        /// The rejected number of halvings per rank.
        halvings: u32,
    },
    /// A strength outside 1..=10 was given.
    #[error("strength {value} is out of range; use a whole number from 1 to 10")]
    StrengthOutOfRange {
        /// The rejected value.
        value: i64,
    },
    /// The ledger already holds as many articles as it can index.
    #[error(
        "ledger is full at {capacity} articles; one signal holds at most this many, split the evidence across several ledgers"
    )]
    LedgerFull {
        /// The maximum number of articles.
        capacity: u64,
    },
    /// A reliability grade letter was not one of A–F.
    #[error("reliability grade {value:?} is not a NATO Admiralty grade; use a letter from A to F")]
    UnknownGrade {
        /// The rejected text.
        value: String,
    },
}
