//! The "all signals" index and the single-signal page.

use bellwether_signal::{Signal, SignalId, Strength};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Badge, Change, Coverage};

/// Every known signal in one list: the page behind the seed's `← all signals`.
///
/// Built by [`Composer::index`](crate::Composer::index).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignalIndex {
    entries: Vec<IndexEntry>,
    coverage: Coverage,
}

impl SignalIndex {
    pub(crate) fn new(entries: Vec<IndexEntry>, coverage: Coverage) -> Self {
        SignalIndex { entries, coverage }
    }

    /// The entries, in the policy's order (may be empty).
    pub fn entries(&self) -> &[IndexEntry] {
        &self.entries
    }

    /// How much was read.
    pub fn coverage(&self) -> Coverage {
        self.coverage
    }
}

/// One line of the [`SignalIndex`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IndexEntry {
    id: SignalId,
    thesis: String,
    strength: Strength,
    extraction_count: u32,
    article_count: usize,
    first_seen: DateTime<Utc>,
    last_reinforced: DateTime<Utc>,
    change: Change,
}

impl IndexEntry {
    pub(crate) fn new(signal: &Signal, change: Change) -> Self {
        IndexEntry {
            id: signal.id().clone(),
            thesis: signal.thesis().to_owned(),
            strength: signal.strength(),
            extraction_count: signal.extraction_count(),
            article_count: signal.article_count(),
            first_seen: signal.first_seen(),
            last_reinforced: signal.last_reinforced(),
            change,
        }
    }

    /// The signal's id (for its page's link).
    pub fn id(&self) -> &SignalId {
        &self.id
    }

    /// Its thesis (the headline).
    pub fn thesis(&self) -> &str {
        &self.thesis
    }

    /// Its strength.
    pub fn strength(&self) -> Strength {
        self.strength
    }

    /// How many extractions were merged into it.
    pub fn extraction_count(&self) -> u32 {
        self.extraction_count
    }

    /// How many distinct source articles back it.
    pub fn article_count(&self) -> usize {
        self.article_count
    }

    /// When it was first seen.
    pub fn first_seen(&self) -> DateTime<Utc> {
        self.first_seen
    }

    /// When it was last reinforced.
    pub fn last_reinforced(&self) -> DateTime<Utc> {
        self.last_reinforced
    }

    /// What changed since the previous brief.
    pub fn change(&self) -> Change {
        self.change
    }

    /// The badge for the change.
    pub fn badge(&self) -> Badge {
        self.change.badge()
    }
}

/// One signal on its own page, as on the seed page.
///
/// Built by [`Composer::page`](crate::Composer::page).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignalPage {
    signal: Signal,
    change: Change,
}

impl SignalPage {
    pub(crate) fn new(signal: Signal, change: Change) -> Self {
        SignalPage { signal, change }
    }

    /// The signal.
    pub fn signal(&self) -> &Signal {
        &self.signal
    }

    /// What changed since the previous brief.
    pub fn change(&self) -> Change {
        self.change
    }
}
