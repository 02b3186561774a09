//! The facade's one error type, wrapping the member crates' errors.

use std::path::PathBuf;

use crate::signal::SignalError;

/// Everything the facade can fail with.
///
/// Rejected quotes are not errors: they are listed in the
/// [`IngestReport`](crate::IngestReport) of the article they came from.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An invalid value of the signal model.
    #[error(transparent)]
    Signal(#[from] SignalError),
    /// An article text that is blank or too large.
    #[error(
        "article {article:?} has {len} bytes of text; give between 1 and {max} bytes of non-blank text"
    )]
    ArticleText {
        /// The article's id.
        article: String,
        /// The text's length in bytes.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// An extraction that would give its article more extractions, or more distinct quotes or
    /// reasoning paragraphs over all its extractions, than the limits allow.
    #[error(
        "article {article:?} would hold {count} {what}, over the limit of {max}; keep re-extractions of one article to a few, each with its strongest quotes"
    )]
    ArticleFull {
        /// The article's id.
        article: String,
        /// What is counted: `"extractions"`, `"distinct quotes"` or
        /// `"distinct reasoning paragraphs"`.
        what: &'static str,
        /// How many there would be.
        count: usize,
        /// The limit (`MAX_READINGS_PER_ARTICLE` of the score crate for extractions,
        /// [`MAX_QUOTES`](crate::signal::limits::MAX_QUOTES) for the others).
        max: usize,
    },
    /// An extraction handed in with an article it was not made from.
    #[error(
        "extraction for article {extraction:?} was given with article {article:?}; pass each extraction with its own article"
    )]
    WrongArticle {
        /// The article the extraction names.
        extraction: String,
        /// The article it was given with.
        article: String,
    },
    /// Model prose or its article past a limit of the grounding check (unreachable with the
    /// signal model's own limits, which are lower).
    #[cfg(feature = "ground")]
    #[error(transparent)]
    Ground(#[from] crate::ground::GroundError),
    /// An invalid quote locator configuration.
    #[cfg(feature = "anchor")]
    #[error(transparent)]
    AnchorConfig(#[from] crate::anchor::ConfigError),
    /// A scoring failure (bad weights, timestamps out of range, …).
    #[cfg(feature = "score")]
    #[error(transparent)]
    Score(#[from] crate::score::ScoreError),
    /// A clustering failure (bad thresholds, unknown signal, …).
    #[cfg(feature = "score")]
    #[error(transparent)]
    Cluster(#[from] crate::score::ClusterError),
    /// A brief that could not be composed.
    #[cfg(feature = "brief")]
    #[error(transparent)]
    Compose(#[from] crate::brief::ComposeError),
    /// A brief that could not be rendered.
    #[cfg(feature = "brief")]
    #[error(transparent)]
    Render(#[from] crate::brief::RenderError),
    /// A value could not be turned into JSON (only a map with non-string keys or a failing
    /// custom serializer can cause this).
    #[error("could not serialize to JSON; this is a bug, please report it")]
    Serialize {
        /// The serializer's error.
        #[source]
        source: serde_json::Error,
    },
    /// A saved state whose derived signals disagree with its own evidence.
    #[error(
        "state file {path} is inconsistent: {detail}; it was edited by hand or corrupted, restore it from a backup"
    )]
    StateInconsistent {
        /// The state file.
        path: PathBuf,
        /// What disagrees.
        detail: String,
    },
    /// The state file (or its lock file) could not be read or written; the source is the
    /// operating system's error (a full disk, a missing directory, no permission, a symbolic
    /// link where the lock file should be, text that is not UTF-8 …).
    #[error("state file {path}: {action} failed")]
    StateIo {
        /// The state file.
        path: PathBuf,
        /// What was being done.
        action: &'static str,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The state file is not valid state JSON: truncated, corrupt or not a state file.
    #[error(
        "state file {path} is not a valid Bellwether state (line {line}, column {column}); restore it from a backup or start afresh"
    )]
    StateCorrupt {
        /// The state file.
        path: PathBuf,
        /// Where parsing failed.
        line: usize,
        /// Where parsing failed.
        column: usize,
        /// The parser's error.
        #[source]
        source: serde_json::Error,
    },
    /// Another writer holds the state file's lock (see [`StateLock`](crate::StateLock)).
    #[cfg(feature = "pipeline")]
    #[error(
        "state file {path} is locked by {holder}; wait for that run to finish (the lock is released when its process exits), or use another state file"
    )]
    StateLocked {
        /// The state file.
        path: PathBuf,
        /// The holder's description of itself, as written in the lock file.
        holder: String,
    },
    /// An article id already ingested with other content: another text, URL, outlet or
    /// publication time. An id names one article; nothing is replaced silently.
    #[error(
        "article {article:?} was ingested before with a different {}; give the changed or other article an id of its own (for a revised article, a versioned id such as \"{article}-v2\"), or retract the old one first",
        fields.join(", ")
    )]
    ArticleConflict {
        /// The article's id.
        article: String,
        /// What differs: some of `"text"`, `"url"`, `"outlet"`, `"published"`.
        fields: Vec<&'static str>,
    },
    /// An article dated implausibly: further in the future than the configured tolerance
    /// allows, or before the configured floor (see
    /// [`DateBounds`](crate::DateBounds)).
    #[cfg(feature = "pipeline")]
    #[error(
        "article {article:?} is dated {published}, {reason}; check the feed's dates, or widen PipelineConfig::dates"
    )]
    ArticleDate {
        /// The article's id.
        article: String,
        /// Its publication time.
        published: chrono::DateTime<chrono::Utc>,
        /// Why it is refused.
        reason: String,
    },
    /// A brief recorded as delivered that does not follow the last one delivered.
    #[cfg(feature = "pipeline")]
    #[error(
        "brief number {found} cannot be recorded as delivered: the next brief is number {expected}; compose again and deliver the new brief"
    )]
    DeliveryOutOfOrder {
        /// The brief's number.
        found: u64,
        /// The number the next delivered brief must have.
        expected: u64,
    },
    /// A store operation failed; the source is the store's (or the operating system's) error.
    #[cfg(feature = "store")]
    #[error("store {path}: {action} failed")]
    Store {
        /// The store's file.
        path: PathBuf,
        /// What was being done.
        action: &'static str,
        /// The underlying error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A record in a store that cannot be read back.
    #[cfg(feature = "store")]
    #[error(
        "store record {key:?} of table {table} is invalid: {detail}; the store was changed by another program or is damaged, restore it from an export"
    )]
    StoreCorrupt {
        /// The table.
        table: &'static str,
        /// The record's key.
        key: String,
        /// What is wrong.
        detail: String,
    },
    /// A [`StoredPipeline`](crate::store::StoredPipeline) whose last commit failed, so that
    /// memory and store may disagree.
    #[cfg(feature = "store")]
    #[error(
        "an earlier commit to the store failed, so this pipeline may hold changes the store does not; reopen the store"
    )]
    StorePoisoned,
    /// A state file over [`MAX_STATE_BYTES`](crate::MAX_STATE_BYTES), when loading or saving.
    #[cfg(feature = "pipeline")]
    #[error(
        "state file {path} is {len} bytes, over the limit of {max}; it is not a Bellwether state, or the state must be split across several pipelines"
    )]
    StateTooLarge {
        /// The state file.
        path: PathBuf,
        /// Its size in bytes (at least `max + 1` when read from a stream of unknown length).
        len: u64,
        /// The limit.
        max: u64,
    },
    /// The state file was written by a newer version of Bellwether.
    #[error(
        "state file {path} has format version {found}, newer than the {supported} this version reads; upgrade bellwether"
    )]
    StateVersion {
        /// The state file.
        path: PathBuf,
        /// The version found in the file.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// The state file was written by an older Bellwether, in a format this version cannot
    /// convert without the article texts it does not hold: its quotes may show the model's
    /// wording rather than the article's (before version 3), and its article fingerprints
    /// cannot be compared with new ones (before version 2). See
    /// [`STATE_VERSION`](crate::STATE_VERSION).
    #[error(
        "state file {path} has format version {found}, older than the {supported} this version reads; it may hold quotes in the model's wording rather than the article's and cannot be converted without the article texts, so re-ingest the articles into a new state (or keep using the bellwether version that wrote it)"
    )]
    StateOutdated {
        /// The state file.
        path: PathBuf,
        /// The version found in the file.
        found: u32,
        /// The version this build reads.
        supported: u32,
    },
}

impl Error {
    /// Whether this error refuses only the extraction or article it came from (a reused id, an
    /// absurd date, a full article, an invalid value …), so that a job can report it and go on,
    /// rather than a failure to keep the state (I/O, a corrupt or locked state, the store),
    /// after which a job must stop.
    ///
    /// ```
    /// use bellwether::Error;
    ///
    /// let refused = Error::ArticleText { article: "a1".into(), len: 0, max: 16 };
    /// assert!(refused.costs_only_itself());
    /// ```
    pub fn costs_only_itself(&self) -> bool {
        match self {
            Error::StateIo { .. }
            | Error::StateCorrupt { .. }
            | Error::StateInconsistent { .. }
            | Error::StateVersion { .. }
            | Error::StateOutdated { .. }
            | Error::Serialize { .. } => false,
            #[cfg(feature = "pipeline")]
            Error::StateLocked { .. }
            | Error::StateTooLarge { .. }
            | Error::DeliveryOutOfOrder { .. } => false,
            #[cfg(feature = "store")]
            Error::Store { .. } | Error::StoreCorrupt { .. } | Error::StorePoisoned => false,
            _ => true,
        }
    }
}
