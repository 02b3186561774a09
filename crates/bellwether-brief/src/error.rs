//! Typed errors for composing and rendering briefs.

use bellwether_signal::SignalId;

/// Why a brief could not be composed, a policy built or a snapshot read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ComposeError {
    /// A policy setting is out of its range.
    #[error("policy setting `{setting}` = {value} is invalid; use {expected}")]
    InvalidPolicy {
        /// The setting's name, as in the builder method (`max_items`).
        setting: &'static str,
        /// The rejected value.
        value: String,
        /// What is accepted instead.
        expected: &'static str,
    },
    /// The same signal id appears twice among the signals to compose.
    #[error("signal `{id}` appears more than once in the input; merge or drop the duplicate")]
    DuplicateSignal {
        /// The repeated id.
        id: SignalId,
    },
    /// A source article was published after the signal was last reinforced, so the
    /// dates a brief would print contradict the sources it would list.
    #[error(
        "signal `{id}` was last reinforced {last_reinforced}, before its source article \
         `{article}` was published ({published}); set `last_reinforced` to the newest \
         source's time or later"
    )]
    SourceAfterReinforcement {
        /// The signal.
        id: SignalId,
        /// The article published too late.
        article: String,
        /// When that article was published (RFC 3339).
        published: String,
        /// When the signal was last reinforced (RFC 3339).
        last_reinforced: String,
    },
    /// A snapshot is not one this version can read or is inconsistent.
    #[error("snapshot is invalid: {problem}; compose without a previous snapshot to start afresh")]
    InvalidSnapshot {
        /// What is wrong with it.
        problem: String,
    },
    /// A serialized brief is inconsistent (for example, it has no items).
    #[error("brief is invalid: {problem}")]
    InvalidBrief {
        /// What is wrong with it.
        problem: String,
    },
}

/// Why a document could not be rendered.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// A renderer or context option is out of range.
    #[error("option `{option}` = {value} is invalid; use {expected}")]
    InvalidOption {
        /// The option's name, as in the setter (`width`).
        option: &'static str,
        /// The rejected value.
        value: String,
        /// What is accepted instead.
        expected: &'static str,
    },
    /// A link or link template given in a [`LinkPolicy`](crate::LinkPolicy) is unsafe or malformed.
    #[error("link `{link}` is rejected: {reason}")]
    InvalidLink {
        /// The rejected link, as given.
        link: String,
        /// Why it is rejected.
        reason: &'static str,
    },
    /// The output writer failed.
    #[error("the output writer failed")]
    Write(#[from] std::fmt::Error),
    /// An email address or display name is not one a message can carry safely (see
    /// `Mailbox`, feature `email`).
    #[error("email address {address:?} is rejected: {reason}")]
    InvalidAddress {
        /// The rejected address (its first 300 characters).
        address: String,
        /// Why it is rejected.
        reason: &'static str,
    },
    /// Building an email message failed (feature `email`).
    #[error("building the email message failed")]
    Message {
        /// The message builder's error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// Serializing to JSON failed.
    #[error("serializing to json failed")]
    Json {
        /// The serializer's error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}
