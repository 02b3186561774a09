//! Errors of extraction clustering and signal lineage.

use crate::SignalId;

/// Why a clustering operation was rejected. Nothing is changed when an error is returned.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ClusterError {
    /// An identifier field was empty or only whitespace.
    #[error(
        "{field} of extraction {extraction_id:?} is empty; give every extraction a non-empty {field}"
    )]
    EmptyIdentifier {
        /// Which field was empty (`extraction_id` or `article_id`).
        field: &'static str,
        /// The extraction's identifier (may itself be the empty one).
        extraction_id: String,
    },
    /// The thesis had no content word left after removing stop words and punctuation.
    #[error(
        "thesis {thesis:?} of extraction {extraction_id:?} has no content words; a thesis must state a claim in words"
    )]
    EmptyThesis {
        /// The extraction whose thesis was empty.
        extraction_id: String,
        /// The thesis as given (truncated to 80 characters).
        thesis: String,
    },
    /// The same extraction identifier was given twice.
    #[error(
        "extraction {extraction_id:?} is already clustered; extraction identifiers must be unique"
    )]
    DuplicateExtraction {
        /// The repeated identifier.
        extraction_id: String,
    },
    /// No extraction with this identifier is clustered.
    #[error("extraction {extraction_id:?} is not clustered; assign it before referring to it")]
    UnknownExtraction {
        /// The unknown identifier.
        extraction_id: String,
    },
    /// No signal with this identifier exists.
    #[error("{signal} does not exist; use an identifier returned by assignment, merge or split")]
    UnknownSignal {
        /// The unknown identifier.
        signal: SignalId,
    },
    /// The signal was merged into another and no longer holds extractions.
    #[error("{signal} was merged into {merged_into}; use the signal it was merged into")]
    RetiredSignal {
        /// The retired signal.
        signal: SignalId,
        /// The live signal that absorbed it.
        merged_into: SignalId,
    },
    /// A signal cannot be merged with itself.
    #[error("cannot merge {signal} with itself; give two different signals")]
    SelfMerge {
        /// The signal given twice.
        signal: SignalId,
    },
    /// A split named an extraction that belongs to another signal.
    #[error(
        "extraction {extraction_id:?} belongs to {actual}, not {signal}; split only a signal's own extractions"
    )]
    NotInSignal {
        /// The extraction named in the split.
        extraction_id: String,
        /// The signal being split.
        signal: SignalId,
        /// The signal the extraction actually belongs to.
        actual: SignalId,
    },
    /// A split named no extraction, or all of them.
    #[error(
        "split of {signal} moves {moving} of its {members} extractions; move at least one and leave at least one"
    )]
    InvalidSplit {
        /// The signal being split.
        signal: SignalId,
        /// How many distinct extractions the split named.
        moving: usize,
        /// How many extractions the signal holds.
        members: usize,
    },
    /// A configuration value was not finite or out of its range.
    #[error("{name} {value} is out of range; use a finite number in {range}")]
    InvalidParameter {
        /// The parameter's name.
        name: &'static str,
        /// The rejected value.
        value: f64,
        /// The accepted range, written out.
        range: &'static str,
    },
    /// The entity bonuses alone could reach the threshold, so the thesis would not matter.
    #[error(
        "threshold {threshold} does not exceed the sum {bonus} of actor, region and tag weights; raise the threshold or lower the weights so that theses must share words"
    )]
    ThresholdBelowBonus {
        /// The similarity threshold.
        threshold: f64,
        /// The sum of the entity weights.
        bonus: f64,
    },
    /// A restored state referred to a signal number at or above its own next free number.
    #[error(
        "saved state uses {signal} but its next free signal number is {next}; the state is corrupt"
    )]
    SignalBeyondCounter {
        /// The offending signal.
        signal: SignalId,
        /// The saved next free number.
        next: u64,
    },
    /// A restored state's lineage event is inconsistent with its membership.
    #[error("saved lineage event {index} is inconsistent: {reason}; the state is corrupt")]
    InconsistentLineage {
        /// Position of the event in the saved list.
        index: usize,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A restored extraction's saved reading of a word as a lexicon concept does not apply to
    /// its thesis.
    #[error(
        "saved reading of {word:?} as {concept:?} does not apply to the thesis of extraction {extraction_id:?}; the state is corrupt"
    )]
    InvalidReading {
        /// The extraction whose thesis was read.
        extraction_id: String,
        /// The word as saved (its stem).
        word: String,
        /// The concept it was read as.
        concept: String,
    },
}

/// Shortens a thesis for an error message, on a character boundary.
pub(crate) fn excerpt(text: &str) -> String {
    const LIMIT: usize = 80;
    match text.char_indices().nth(LIMIT) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}
