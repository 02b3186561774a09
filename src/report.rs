//! What one ingest did: the quotes kept and dropped, and the signal it reinforced or created.

use serde::{Deserialize, Serialize};

use crate::grounding::ParagraphGrounding;
use crate::score::Explanation;
use crate::signal::{ArticleId, SignalId, Strength, Verdict};
use crate::verify::{AcceptedQuote, RejectedQuote};

/// The outcome of [`Pipeline::ingest`](crate::Pipeline::ingest) for one article's extraction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IngestReport {
    /// The article the extraction came from.
    pub article: ArticleId,
    /// Quotes found in the article and kept, with their spans and deep links.
    pub accepted: Vec<AcceptedQuote>,
    /// Quotes dropped, with the reason and the closest passage.
    pub rejected: Vec<RejectedQuote>,
    /// The extraction's analysis and reasoning paragraphs checked against the article: every
    /// name, number, date and attribution, supported or flagged (empty for an extraction
    /// ingested before).
    #[serde(default)]
    pub grounding: Vec<ParagraphGrounding>,
    /// What happened to the signal model.
    pub outcome: IngestOutcome,
    /// How the model's reference to a signal was read, when the extraction named one
    /// (`None` for no verdict or the verdict `new`: then clustering decides).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<VerdictOutcome>,
}

/// How the pipeline read an extraction's reference to a signal ([`Verdict::Reinforces`] or
/// [`Verdict::Contradicts`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum VerdictOutcome {
    /// The extraction joined the signal it named, with the stance it gave.
    Honoured {
        /// The model's verdict.
        verdict: Verdict,
        /// The signal it joined (its id now, which may differ from the one named when the
        /// signal has since taken in an older article).
        signal: SignalId,
        /// Where clustering alone would have put it.
        clustering: ClusteringChoice,
    },
    /// The reference was ignored and clustering decided, as for an extraction with no verdict.
    Ignored {
        /// The model's verdict.
        verdict: Verdict,
        /// Why.
        reason: IgnoredReason,
    },
}

impl VerdictOutcome {
    /// Whether the reference put the extraction somewhere clustering alone would not have.
    pub fn overrides_clustering(&self) -> bool {
        matches!(self, VerdictOutcome::Honoured { clustering, .. } if *clustering != ClusteringChoice::Same)
    }
}

/// Where clustering alone would have put an extraction whose reference was honoured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ClusteringChoice {
    /// In the signal it named: the reference agrees with clustering.
    Same,
    /// In another signal.
    Other {
        /// That signal.
        signal: SignalId,
    },
    /// In a new signal of its own.
    NewSignal,
}

/// Why a reference to a signal was ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum IgnoredReason {
    /// No signal has (or had) this id: a typo, an id from another state, or a signal whose
    /// evidence has not been ingested yet (a later settle honours the reference once it is).
    UnknownSignal {
        /// The id named.
        signal: SignalId,
    },
    /// The reference leads back to the extraction itself through other references.
    Cycle,
}

impl std::fmt::Display for IgnoredReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IgnoredReason::UnknownSignal { signal } => write!(
                f,
                "no signal has the id {signal:?}; clustering decided instead"
            ),
            IgnoredReason::Cycle => f.write_str(
                "the reference leads back to this extraction through other references; clustering decided instead",
            ),
        }
    }
}

/// What an ingest did to the signals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum IngestOutcome {
    /// The extraction started a new signal.
    Created {
        /// The new signal.
        signal: SignalId,
        /// Its strength.
        strength: Strength,
        /// How the strength was reached.
        explanation: Box<Explanation>,
    },
    /// The extraction contradicts an existing signal it named: its evidence counts against
    /// the thesis.
    Challenged {
        /// The challenged signal.
        signal: SignalId,
        /// Its strength before the extraction, at the same instant.
        before: Strength,
        /// Its strength after.
        after: Strength,
        /// How the new strength was reached; the extraction's article is among the
        /// contradicting contributions.
        explanation: Box<Explanation>,
    },
    /// The extraction reinforced an existing signal.
    Reinforced {
        /// The reinforced signal.
        signal: SignalId,
        /// Its strength before the extraction, at the same instant.
        before: Strength,
        /// Its strength after.
        after: Strength,
        /// How the new strength was reached.
        explanation: Box<Explanation>,
    },
    /// The same extraction was ingested before: nothing changed.
    AlreadyIngested {
        /// The signal it went to.
        signal: Option<SignalId>,
    },
    /// Every quote was rejected, so the extraction reinforces nothing.
    NoQuoteAccepted,
}

impl IngestReport {
    /// The signal the extraction went to, if any.
    pub fn signal(&self) -> Option<&SignalId> {
        match &self.outcome {
            IngestOutcome::Created { signal, .. }
            | IngestOutcome::Reinforced { signal, .. }
            | IngestOutcome::Challenged { signal, .. } => Some(signal),
            IngestOutcome::AlreadyIngested { signal } => signal.as_ref(),
            IngestOutcome::NoQuoteAccepted => None,
        }
    }
}

/// What [`Pipeline::absorb`](crate::Pipeline::absorb) joined.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AbsorbReport {
    /// Articles the other side held and this one did not.
    pub new_articles: usize,
    /// Verified extractions the other side held and this one did not.
    pub new_extractions: usize,
    /// Articles recorded differently on the two sides (outlet, time, grade or text), sorted;
    /// each keeps one record, the same whatever the order of absorbing.
    pub conflicts: Vec<ArticleId>,
}

impl AbsorbReport {
    /// Whether the other side brought nothing new.
    pub fn is_unchanged(&self) -> bool {
        self.new_articles == 0 && self.new_extractions == 0 && self.conflicts.is_empty()
    }
}
