//! The outcome of composing: a brief worth sending, or a quiet day and why.

use std::fmt;

use bellwether_signal::{SignalId, Strength};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::change::plural;
use crate::policy::MAX_BRIEF_ITEMS;
use crate::{BriefItem, Change, ComposeError, Coverage, Snapshot};

/// What [`Composer::compose`](crate::Composer::compose) decided.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)] // Both variants are moved once, never stored in bulk.
pub enum Composed {
    /// Something is worth saying.
    Brief(Brief),
    /// Nothing is; the value says why.
    Quiet(Quiet),
}

impl Composed {
    /// The brief, if there is one.
    pub fn brief(&self) -> Option<&Brief> {
        match self {
            Composed::Brief(brief) => Some(brief),
            Composed::Quiet(_) => None,
        }
    }

    /// The quiet outcome, if nothing is worth saying.
    pub fn quiet(&self) -> Option<&Quiet> {
        match self {
            Composed::Brief(_) => None,
            Composed::Quiet(quiet) => Some(quiet),
        }
    }

    /// Whether nothing is worth saying.
    pub fn is_quiet(&self) -> bool {
        matches!(self, Composed::Quiet(_))
    }

    /// The snapshot to persist for the next composition: the brief's new one, or on a
    /// quiet day the previous one unchanged (`None` if there was none).
    pub fn snapshot(&self) -> Option<&Snapshot> {
        match self {
            Composed::Brief(brief) => Some(brief.snapshot()),
            Composed::Quiet(quiet) => quiet.snapshot(),
        }
    }
}

/// A brief with at least one item: the only thing renderers accept, so an empty brief
/// cannot be sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawBrief")]
pub struct Brief {
    number: u64,
    composed_at: DateTime<Utc>,
    items: Vec<BriefItem>,
    coverage: Coverage,
    omissions: Omissions,
    snapshot: Snapshot,
}

impl Brief {
    pub(crate) fn new(
        number: u64,
        composed_at: DateTime<Utc>,
        items: Vec<BriefItem>,
        coverage: Coverage,
        omissions: Omissions,
        snapshot: Snapshot,
    ) -> Self {
        Brief {
            number,
            composed_at,
            items,
            coverage,
            omissions,
            snapshot,
        }
    }

    /// The brief's sequence number: 1 for the first, then one more than the previous
    /// snapshot's. Feeds use it (with the time) for stable entry ids.
    pub fn number(&self) -> u64 {
        self.number
    }

    /// When it was composed (the `now` given to the composer).
    pub fn composed_at(&self) -> DateTime<Utc> {
        self.composed_at
    }

    /// The items, in the policy's order; never empty.
    pub fn items(&self) -> &[BriefItem] {
        &self.items
    }

    /// How much was read.
    pub fn coverage(&self) -> Coverage {
        self.coverage
    }

    /// Replaces the coverage figures (for pipelines that read articles which yielded
    /// no signal).
    pub fn with_coverage(mut self, coverage: Coverage) -> Self {
        self.coverage = coverage;
        self
    }

    /// What the policy left out.
    pub fn omissions(&self) -> Omissions {
        self.omissions
    }

    /// The snapshot to persist once this brief is sent.
    pub fn snapshot(&self) -> &Snapshot {
        &self.snapshot
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBrief {
    number: u64,
    composed_at: DateTime<Utc>,
    items: Vec<BriefItem>,
    coverage: Coverage,
    omissions: Omissions,
    snapshot: Snapshot,
}

impl TryFrom<RawBrief> for Brief {
    type Error = ComposeError;

    fn try_from(raw: RawBrief) -> Result<Self, Self::Error> {
        if raw.items.is_empty() {
            return Err(ComposeError::InvalidBrief {
                problem: "it has no items; a day with nothing to say is a `Quiet` outcome".into(),
            });
        }
        if raw.items.len() > MAX_BRIEF_ITEMS {
            return Err(ComposeError::InvalidBrief {
                problem: format!(
                    "it has {} items, over the limit of {MAX_BRIEF_ITEMS}; a brief holds at most that many",
                    raw.items.len()
                ),
            });
        }
        if raw.snapshot.brief_number() != raw.number {
            return Err(ComposeError::InvalidBrief {
                problem: format!(
                    "its number is {} but its snapshot belongs to brief {}",
                    raw.number,
                    raw.snapshot.brief_number()
                ),
            });
        }
        Ok(Brief::new(
            raw.number,
            raw.composed_at,
            raw.items,
            raw.coverage,
            raw.omissions,
            raw.snapshot,
        ))
    }
}

/// How many signals a brief left out, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Omissions {
    min_strength: Strength,
    below_strength: usize,
    unchanged: usize,
    over_limit: usize,
}

impl Omissions {
    pub(crate) fn new(
        min_strength: Strength,
        below_strength: usize,
        unchanged: usize,
        over_limit: usize,
    ) -> Self {
        Omissions {
            min_strength,
            below_strength,
            unchanged,
            over_limit,
        }
    }

    /// The strength bar that applied.
    pub fn min_strength(&self) -> Strength {
        self.min_strength
    }

    /// Signals weaker than the bar.
    pub fn below_strength(&self) -> usize {
        self.below_strength
    }

    /// Signals left out because nothing changed since the previous brief.
    pub fn unchanged(&self) -> usize {
        self.unchanged
    }

    /// Signals that qualified but did not fit under the item limit.
    pub fn over_limit(&self) -> usize {
        self.over_limit
    }

    /// The total left out.
    pub fn total(&self) -> usize {
        self.below_strength + self.unchanged + self.over_limit
    }
}

/// Describes the omissions: `2 signals below strength 6; 1 unchanged since the last
/// brief; 3 over the item limit`, or `none` when nothing was left out.
impl fmt::Display for Omissions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if self.below_strength > 0 {
            parts.push(format!(
                "{} {} below strength {}",
                self.below_strength,
                plural(self.below_strength, "signal"),
                self.min_strength.value()
            ));
        }
        if self.unchanged > 0 {
            parts.push(format!("{} unchanged since the last brief", self.unchanged));
        }
        if self.over_limit > 0 {
            parts.push(format!("{} over the item limit", self.over_limit));
        }
        if parts.is_empty() {
            f.write_str("none")
        } else {
            f.write_str(&parts.join("; "))
        }
    }
}

/// Nothing worth saying: why, and what fell below the bar.
///
/// Its `Display` is the reason in one line, e.g.
/// `3 signals below strength 6; 2 unchanged since the last brief`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quiet {
    composed_at: DateTime<Utc>,
    reasons: Vec<QuietReason>,
    left_out: Vec<LeftOut>,
    coverage: Coverage,
    previous: Option<Snapshot>,
}

impl Quiet {
    pub(crate) fn new(
        composed_at: DateTime<Utc>,
        reasons: Vec<QuietReason>,
        left_out: Vec<LeftOut>,
        coverage: Coverage,
        previous: Option<Snapshot>,
    ) -> Self {
        Quiet {
            composed_at,
            reasons,
            left_out,
            coverage,
            previous,
        }
    }

    /// When the composer decided (the `now` it was given).
    pub fn composed_at(&self) -> DateTime<Utc> {
        self.composed_at
    }

    /// Why nothing is worth saying; never empty.
    pub fn reasons(&self) -> &[QuietReason] {
        &self.reasons
    }

    /// Every signal considered and left out, strongest first, with its reason.
    pub fn left_out(&self) -> &[LeftOut] {
        &self.left_out
    }

    /// How much was read.
    pub fn coverage(&self) -> Coverage {
        self.coverage
    }

    /// The previous snapshot, unchanged: keep persisting it.
    pub fn snapshot(&self) -> Option<&Snapshot> {
        self.previous.as_ref()
    }
}

impl fmt::Display for Quiet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, reason) in self.reasons.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{reason}")?;
        }
        Ok(())
    }
}

/// One reason for a quiet outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum QuietReason {
    /// There were no signals to consider.
    NoSignals,
    /// `count` signals were weaker than `min_strength`.
    BelowStrength {
        /// How many.
        count: usize,
        /// The bar.
        min_strength: Strength,
    },
    /// `count` signals had not changed since the previous brief.
    Unchanged {
        /// How many.
        count: usize,
    },
}

/// `no signals to consider`, `3 signals below strength 6`, `2 unchanged since the last brief`.
impl fmt::Display for QuietReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QuietReason::NoSignals => f.write_str("no signals to consider"),
            QuietReason::BelowStrength {
                count,
                min_strength,
            } => write!(
                f,
                "{count} {} below strength {}",
                plural(*count, "signal"),
                min_strength.value()
            ),
            QuietReason::Unchanged { count } => {
                write!(f, "{count} unchanged since the last brief")
            }
        }
    }
}

/// A signal the policy left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LeftOut {
    id: SignalId,
    thesis: String,
    strength: Strength,
    change: Change,
    reason: LeftOutReason,
}

impl LeftOut {
    pub(crate) fn new(
        id: SignalId,
        thesis: String,
        strength: Strength,
        change: Change,
        reason: LeftOutReason,
    ) -> Self {
        LeftOut {
            id,
            thesis,
            strength,
            change,
            reason,
        }
    }

    /// The signal's id.
    pub fn id(&self) -> &SignalId {
        &self.id
    }

    /// Its thesis.
    pub fn thesis(&self) -> &str {
        &self.thesis
    }

    /// Its strength.
    pub fn strength(&self) -> Strength {
        self.strength
    }

    /// What changed since the previous brief.
    pub fn change(&self) -> Change {
        self.change
    }

    /// Why it was left out.
    pub fn reason(&self) -> LeftOutReason {
        self.reason
    }
}

/// Why a signal was left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LeftOutReason {
    /// Weaker than the policy's minimum strength.
    BelowStrength,
    /// Not new, reinforced or strengthened since the previous brief.
    Unchanged,
    /// Qualified, but the brief was full.
    OverLimit,
}
