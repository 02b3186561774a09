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
    /// The state file could not be read or written.
    #[error("state file {path}: {action} failed; check the path and its permissions")]
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
    /// The state file was written by an older Bellwether whose article fingerprints this
    /// version cannot compare with new ones (and the file holds no texts to recompute them).
    #[error(
        "state file {path} has format version {found}, older than the {supported} this version reads; its article fingerprints cannot be compared with new ones, so re-ingest the articles into a new state (or keep using the bellwether version that wrote it)"
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
