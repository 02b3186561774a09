//! What changed in a signal since the previous brief, and the badge that says so.

use std::fmt;

use bellwether_signal::{Signal, Strength};
use serde::{Deserialize, Serialize};

use crate::{Snapshot, SnapshotEntry};

/// What changed in a signal since the reader last saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Change {
    /// The reader has not been shown this signal before.
    New,
    /// The signal was shown before and has changed since.
    Updated(Update),
    /// The signal was shown before and nothing the reader would notice has changed.
    Unchanged,
}

/// How a signal changed since it was last shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Update {
    added_articles: usize,
    added_extractions: u32,
    reinforced: bool,
    previous_strength: Strength,
    strength: Strength,
}

impl Update {
    /// Source articles the signal gained since it was last shown.
    pub fn added_articles(&self) -> usize {
        self.added_articles
    }

    /// Extractions the signal gained since it was last shown (0 if it lost some).
    pub fn added_extractions(&self) -> u32 {
        self.added_extractions
    }

    /// Whether new evidence arrived: new articles, new extractions or a later
    /// last-reinforced time.
    pub fn is_reinforced(&self) -> bool {
        self.reinforced
    }

    /// The strength the reader last saw.
    pub fn previous_strength(&self) -> Strength {
        self.previous_strength
    }

    /// The strength now.
    pub fn strength(&self) -> Strength {
        self.strength
    }

    /// Whether the strength rose.
    pub fn is_strengthened(&self) -> bool {
        self.strength > self.previous_strength
    }

    /// Whether the strength fell.
    pub fn is_weakened(&self) -> bool {
        self.strength < self.previous_strength
    }
}

impl Change {
    /// Compares `signal` with what `previous` recorded of it.
    pub fn detect(signal: &Signal, previous: Option<&Snapshot>) -> Change {
        match previous.and_then(|snapshot| snapshot.entry(signal.id())) {
            None => Change::New,
            Some(entry) => Change::since(entry, signal),
        }
    }

    /// Compares `signal` with one recorded entry.
    pub fn since(entry: &SnapshotEntry, signal: &Signal) -> Change {
        let added_articles = signal
            .sources()
            .iter()
            .filter(|source| !entry.had_article(source.id()))
            .count();
        let added_extractions = signal
            .extraction_count()
            .saturating_sub(entry.extraction_count());
        let reinforced = added_articles > 0
            || added_extractions > 0
            || signal.last_reinforced() > entry.last_reinforced();
        let update = Update {
            added_articles,
            added_extractions,
            reinforced,
            previous_strength: entry.strength(),
            strength: signal.strength(),
        };
        if reinforced || update.previous_strength != update.strength {
            Change::Updated(update)
        } else {
            Change::Unchanged
        }
    }

    /// Whether this change is news under
    /// [`Novelty::NewOrReinforced`](crate::Novelty::NewOrReinforced): new, reinforced
    /// or strengthened (a signal that only weakened is not).
    pub fn is_news(&self) -> bool {
        match self {
            Change::New => true,
            Change::Updated(update) => update.is_reinforced() || update.is_strengthened(),
            Change::Unchanged => false,
        }
    }

    /// The one-word badge for this change.
    pub fn badge(&self) -> Badge {
        match self {
            Change::New => Badge::New,
            Change::Updated(update) if update.is_strengthened() => Badge::Strengthened,
            Change::Updated(update) if update.is_reinforced() => Badge::Reinforced,
            Change::Updated(update) if update.is_weakened() => Badge::Weakened,
            Change::Updated(_) | Change::Unchanged => Badge::Unchanged,
        }
    }
}

/// Describes the change: `new`; `reinforced (+2 articles)`;
/// `reinforced (+1 article) · strengthened 7 → 8`; `weakened 8 → 7`;
/// `unchanged since the last brief`.
impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::New => f.write_str("new"),
            Change::Unchanged => f.write_str("unchanged since the last brief"),
            Change::Updated(update) => {
                let mut wrote = false;
                if update.is_reinforced() {
                    f.write_str("reinforced")?;
                    match (update.added_articles, update.added_extractions) {
                        (0, 0) => {}
                        (0, n) => write!(f, " (+{n} {})", plural(n as usize, "extraction"))?,
                        (n, _) => write!(f, " (+{n} {})", plural(n, "article"))?,
                    }
                    wrote = true;
                }
                if update.previous_strength != update.strength {
                    if wrote {
                        f.write_str(" · ")?;
                    }
                    let verb = if update.is_strengthened() {
                        "strengthened"
                    } else {
                        "weakened"
                    };
                    write!(
                        f,
                        "{verb} {} → {}",
                        update.previous_strength.value(),
                        update.strength.value()
                    )?;
                    wrote = true;
                }
                if !wrote {
                    f.write_str("unchanged since the last brief")?;
                }
                Ok(())
            }
        }
    }
}

pub(crate) fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        noun.to_owned()
    } else {
        format!("{noun}s")
    }
}

/// A one-word label for an item's change, shown before its headline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Badge {
    /// First time shown.
    New,
    /// Stronger than last shown (possibly also reinforced).
    Strengthened,
    /// New evidence at the same or a lower strength.
    Reinforced,
    /// Weaker than last shown, with no new evidence.
    Weakened,
    /// Nothing changed.
    Unchanged,
}

impl Badge {
    /// The badge's label: `new`, `strengthened`, `reinforced`, `weakened`, `unchanged`.
    pub fn label(self) -> &'static str {
        match self {
            Badge::New => "new",
            Badge::Strengthened => "strengthened",
            Badge::Reinforced => "reinforced",
            Badge::Weakened => "weakened",
            Badge::Unchanged => "unchanged",
        }
    }
}

impl fmt::Display for Badge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}
