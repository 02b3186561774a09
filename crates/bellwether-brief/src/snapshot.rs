//! What the reader was last shown, persisted between briefs to tell what changed.

use std::collections::{BTreeMap, BTreeSet};

use bellwether_signal::limits::MAX_SOURCES;
use bellwether_signal::{ArticleId, Signal, SignalId, Strength};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ComposeError;

/// The version of the snapshot format written by this crate.
pub const SNAPSHOT_VERSION: u32 = 1;

/// The state of every signal a reader has been shown, as of the latest brief.
///
/// A [`Brief`](crate::Brief) carries the snapshot to persist after it is sent; pass
/// it back to [`Composer::compose`](crate::Composer::compose) next time so each item
/// can say what changed. A quiet outcome leaves the previous snapshot as it was.
/// Entries of signals the reader saw stay in the snapshot even when a signal is absent
/// from a later input, so a signal that returns is not announced as new;
/// [`Snapshot::prune_before`] bounds its size.
///
/// Serialized (JSON) as
/// `{"version":1,"brief_number":12,"composed_at":"…","entries":[{"id":"…","strength":8,
/// "extraction_count":3,"last_reinforced":"…","articles":["…"],"shown_at":"…"}]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawSnapshot", into = "RawSnapshot")]
pub struct Snapshot {
    brief_number: u64,
    composed_at: DateTime<Utc>,
    // Keyed by the id's text, so the order (and the serialized form) is stable.
    entries: BTreeMap<String, SnapshotEntry>,
}

/// What the reader was shown of one signal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotEntry {
    id: SignalId,
    strength: Strength,
    extraction_count: u32,
    last_reinforced: DateTime<Utc>,
    articles: BTreeSet<String>,
    shown_at: DateTime<Utc>,
}

impl SnapshotEntry {
    /// Records `signal` as shown at `shown_at`.
    pub fn from_signal(signal: &Signal, shown_at: DateTime<Utc>) -> Self {
        SnapshotEntry {
            id: signal.id().clone(),
            strength: signal.strength(),
            extraction_count: signal.extraction_count(),
            last_reinforced: signal.last_reinforced(),
            articles: signal
                .sources()
                .iter()
                .map(|source| source.id().as_str().to_owned())
                .collect(),
            shown_at,
        }
    }

    /// The signal's id.
    pub fn id(&self) -> &SignalId {
        &self.id
    }

    /// Its strength when shown.
    pub fn strength(&self) -> Strength {
        self.strength
    }

    /// Its extraction count when shown.
    pub fn extraction_count(&self) -> u32 {
        self.extraction_count
    }

    /// Its last-reinforced time when shown.
    pub fn last_reinforced(&self) -> DateTime<Utc> {
        self.last_reinforced
    }

    /// The ids of its source articles when shown, in id order.
    pub fn articles(&self) -> impl ExactSizeIterator<Item = &str> {
        self.articles.iter().map(String::as_str)
    }

    /// Whether `article` was among its sources when shown.
    pub fn had_article(&self, article: &ArticleId) -> bool {
        self.articles.contains(article.as_str())
    }

    /// When the reader was last shown it (the brief's composition time).
    pub fn shown_at(&self) -> DateTime<Utc> {
        self.shown_at
    }
}

impl Snapshot {
    /// An empty snapshot, as if brief number `brief_number` had shown nothing.
    pub fn empty(brief_number: u64, composed_at: DateTime<Utc>) -> Self {
        Snapshot {
            brief_number,
            composed_at,
            entries: BTreeMap::new(),
        }
    }

    /// The number of the brief this snapshot was taken after (the first brief is 1).
    pub fn brief_number(&self) -> u64 {
        self.brief_number
    }

    /// When that brief was composed.
    pub fn composed_at(&self) -> DateTime<Utc> {
        self.composed_at
    }

    /// What the reader was shown of the signal `id`, if anything.
    pub fn entry(&self, id: &SignalId) -> Option<&SnapshotEntry> {
        self.entries.get(id.as_str())
    }

    /// All entries, in id order.
    pub fn entries(&self) -> impl ExactSizeIterator<Item = &SnapshotEntry> {
        self.entries.values()
    }

    /// The number of signals recorded.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no signal is recorded.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Drops the entries of signals last shown before `cutoff`; returns how many.
    ///
    /// A dropped signal that comes back is announced as new.
    pub fn prune_before(&mut self, cutoff: DateTime<Utc>) -> usize {
        let before = self.entries.len();
        self.entries.retain(|_, entry| entry.shown_at >= cutoff);
        before - self.entries.len()
    }

    /// The snapshot after brief `brief_number`, composed at `composed_at`, showed
    /// `shown`: the previous entries, overwritten by the shown signals' current state.
    pub(crate) fn advance<'a>(
        previous: Option<&Snapshot>,
        brief_number: u64,
        composed_at: DateTime<Utc>,
        shown: impl IntoIterator<Item = &'a Signal>,
    ) -> Snapshot {
        let mut entries = previous
            .map(|snapshot| snapshot.entries.clone())
            .unwrap_or_default();
        for signal in shown {
            entries.insert(
                signal.id().as_str().to_owned(),
                SnapshotEntry::from_signal(signal, composed_at),
            );
        }
        Snapshot {
            brief_number,
            composed_at,
            entries,
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSnapshot {
    version: u32,
    brief_number: u64,
    composed_at: DateTime<Utc>,
    entries: Vec<SnapshotEntry>,
}

impl TryFrom<RawSnapshot> for Snapshot {
    type Error = ComposeError;

    fn try_from(raw: RawSnapshot) -> Result<Self, Self::Error> {
        if raw.version != SNAPSHOT_VERSION {
            return Err(ComposeError::InvalidSnapshot {
                problem: format!(
                    "version {} is not supported (this crate reads version {SNAPSHOT_VERSION})",
                    raw.version
                ),
            });
        }
        let mut entries = BTreeMap::new();
        for entry in raw.entries {
            check_articles(&entry)?;
            let key = entry.id.as_str().to_owned();
            if entries.contains_key(&key) {
                return Err(ComposeError::InvalidSnapshot {
                    problem: format!("signal `{key}` is recorded twice"),
                });
            }
            entries.insert(key, entry);
        }
        Ok(Snapshot {
            brief_number: raw.brief_number,
            composed_at: raw.composed_at,
            entries,
        })
    }
}

/// An entry's articles are what a signal's sources were: at most
/// [`MAX_SOURCES`](bellwether_signal::limits::MAX_SOURCES) valid article ids.
fn check_articles(entry: &SnapshotEntry) -> Result<(), ComposeError> {
    if entry.articles.len() > MAX_SOURCES {
        return Err(ComposeError::InvalidSnapshot {
            problem: format!(
                "signal `{}` lists {} articles, over the limit of {MAX_SOURCES}",
                entry.id,
                entry.articles.len()
            ),
        });
    }
    for article in &entry.articles {
        if let Err(err) = ArticleId::new(article) {
            return Err(ComposeError::InvalidSnapshot {
                problem: format!("signal `{}` lists an invalid article: {err}", entry.id),
            });
        }
    }
    Ok(())
}

impl From<Snapshot> for RawSnapshot {
    fn from(snapshot: Snapshot) -> Self {
        RawSnapshot {
            version: SNAPSHOT_VERSION,
            brief_number: snapshot.brief_number,
            composed_at: snapshot.composed_at,
            entries: snapshot.entries.into_values().collect(),
        }
    }
}
