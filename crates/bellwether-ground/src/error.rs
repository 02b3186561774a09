//! Why a passage or its sources could not be checked.

/// The largest passage checked at once, in bytes (a paragraph is far smaller).
pub const MAX_PASSAGE_BYTES: usize = 64 * 1024;
/// The largest source text, in bytes.
pub const MAX_SOURCE_BYTES: usize = 16 * 1024 * 1024;
/// The most sources one passage is checked against.
pub const MAX_SOURCES: usize = 256;
/// The most names (with aliases) known to a [`Grounder`](crate::Grounder).
pub const MAX_KNOWN_NAMES: usize = 4096;
/// The longest known name, in bytes.
pub const MAX_KNOWN_NAME_BYTES: usize = 512;

/// Input the check refuses, before doing any work that grows with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GroundError {
    /// The passage is longer than [`MAX_PASSAGE_BYTES`].
    #[error(
        "passage is {len} bytes, more than the {max}-byte limit; check it paragraph by paragraph"
    )]
    PassageTooLong {
        /// The passage's length in bytes.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// A source is longer than [`MAX_SOURCE_BYTES`].
    #[error(
        "source {index} is {len} bytes, more than the {max}-byte limit; pass the article text, not a dump"
    )]
    SourceTooLong {
        /// The source's position in the list given.
        index: usize,
        /// Its length in bytes.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// More than [`MAX_SOURCES`] sources.
    #[error(
        "{count} sources given, more than the limit of {max}; pass only the passage's own articles"
    )]
    TooManySources {
        /// How many were given.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// More than [`MAX_KNOWN_NAMES`] known names.
    #[error("{count} known names given, more than the limit of {max}")]
    TooManyKnownNames {
        /// How many were given.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// A known name is empty, only white space or punctuation, or longer than
    /// [`MAX_KNOWN_NAME_BYTES`].
    #[error(
        "known name {name:?} is empty or longer than {max} bytes; give each name and alias as written"
    )]
    InvalidKnownName {
        /// The name as given (cut to 64 characters).
        name: String,
        /// The length limit.
        max: usize,
    },
}
