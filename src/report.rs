//! What one ingest did: the quotes kept and dropped, and the signal it reinforced or created.

use serde::{Deserialize, Serialize};

use crate::grounding::ParagraphGrounding;
use crate::score::Explanation;
use crate::signal::{ArticleId, SignalId, Strength};
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
            IngestOutcome::Created { signal, .. } | IngestOutcome::Reinforced { signal, .. } => {
                Some(signal)
            }
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
