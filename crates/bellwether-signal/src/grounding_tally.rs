//! How much of a signal's model-written prose its sources bear out: the counts behind an
//! explanation's "2 claims in 1 of 4 paragraphs are not found in the sources".

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::signal::Signal;

/// The flagged claims of a signal's analysis and reasoning, counted.
///
/// A paragraph counts once however many of its claims are flagged; a claim is either
/// unsupported (nothing in the article says it) or contradicted (the article says otherwise).
///
/// ```
/// use bellwether_signal::{FlaggedClaim, GroundingTally, Signal};
///
/// let json = include_str!("../testdata/seed/signal.json");
/// let signal: Signal = serde_json::from_str(json)?;
/// let tally = GroundingTally::of(&signal);
/// assert_eq!(tally.flagged_claims(), 0);
/// assert_eq!(tally.to_string(), format!("all {} paragraphs grounded in their sources", tally.paragraphs));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GroundingTally {
    /// Paragraphs of model prose: the analysis (when there is one) and every source's reasoning
    /// paragraphs.
    pub paragraphs: usize,
    /// Paragraphs with at least one flagged claim.
    pub flagged_paragraphs: usize,
    /// Claims their article does not mention.
    pub unsupported: usize,
    /// Claims their article contradicts (the same thing with another number, say).
    pub contradicted: usize,
}

impl GroundingTally {
    /// Counts the flagged claims `signal` records for its analysis and its sources' reasoning.
    ///
    /// Cost: linear in the number of flagged claims and sources.
    pub fn of(signal: &Signal) -> Self {
        let mut tally = Self {
            paragraphs: usize::from(signal.analysis().is_some())
                + signal
                    .sources()
                    .iter()
                    .map(|s| s.reasoning().len())
                    .sum::<usize>(),
            ..Self::default()
        };
        let analysis = signal.analysis_flagged_claims();
        tally.count(analysis.iter().map(|c| c.contradicted()));
        tally.flagged_paragraphs += usize::from(!analysis.is_empty());
        for source in signal.sources() {
            let claims = source.flagged_claims();
            tally.count(claims.iter().map(|c| c.contradicted()));
            let paragraphs: BTreeSet<usize> = claims.iter().map(|c| c.paragraph()).collect();
            tally.flagged_paragraphs += paragraphs.len();
        }
        tally
    }

    fn count(&mut self, contradicted: impl Iterator<Item = bool>) {
        for contradicted in contradicted {
            if contradicted {
                self.contradicted += 1;
            } else {
                self.unsupported += 1;
            }
        }
    }

    /// Unsupported and contradicted claims together.
    pub fn flagged_claims(&self) -> usize {
        self.unsupported + self.contradicted
    }
}

impl fmt::Display for GroundingTally {
    /// "all 4 paragraphs grounded in their sources", or "3 claims in 2 of 4 paragraphs not
    /// found in their sources (1 contradicted)".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural =
            |n: usize, one: &'static str, many: &'static str| if n == 1 { one } else { many };
        if self.flagged_claims() == 0 {
            return match self.paragraphs {
                0 => f.write_str("no model prose to ground"),
                1 => f.write_str("the one paragraph grounded in its sources"),
                n => write!(f, "all {n} paragraphs grounded in their sources"),
            };
        }
        write!(
            f,
            "{} {} in {} of {} {} not found in their sources",
            self.flagged_claims(),
            plural(self.flagged_claims(), "claim", "claims"),
            self.flagged_paragraphs,
            self.paragraphs,
            plural(self.paragraphs, "paragraph", "paragraphs"),
        )?;
        if self.contradicted > 0 {
            write!(f, " ({} contradicted)", self.contradicted)?;
        }
        Ok(())
    }
}
