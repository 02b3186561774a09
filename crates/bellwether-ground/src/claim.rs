//! What a passage claims and whether its sources bear it out.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::quantity::{NewsDate, Quantity};

/// A checkable statement in a passage: a number, a date, a name or an attribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// What kind of claim, with its reading.
    pub kind: ClaimKind,
    /// The claim as written in the passage.
    pub text: String,
    /// Where it is in the passage, in bytes.
    pub span: Range<usize>,
    /// What the sources say about it.
    pub verdict: Verdict,
}

impl Claim {
    /// Whether the sources do not bear the claim out (unsupported or contradicted).
    pub fn is_flagged(&self) -> bool {
        !matches!(self.verdict, Verdict::Supported(_))
    }
}

/// The kinds of claim the check reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ClaimKind {
    /// A number with its unit and magnitude (money, share, count, year).
    Quantity(Quantity),
    /// A calendar date.
    Date(NewsDate),
    /// A name: a person, organisation or place.
    Entity,
    /// Words attributed to a speaker (`X said …`, `according to X`).
    Attribution {
        /// The speaker as written.
        speaker: String,
    },
}

/// Where a source bears a claim out, or shows otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The source's index in the list the [`Sources`](crate::Sources) were built from.
    pub source: usize,
    /// The byte range in that source's original text.
    pub span: Range<usize>,
}

/// What the sources say about a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Verdict {
    /// A source says it, at this place.
    Supported(Evidence),
    /// No source says it.
    Unsupported {
        /// Why, in a sentence.
        reason: String,
    },
    /// A source gives the same thing a different number (`3 plants` where it says `two
    /// plants`).
    Contradicted {
        /// Where the source says otherwise.
        evidence: Evidence,
        /// What it says instead, in a sentence.
        reason: String,
    },
}

/// Every claim found in one passage, in passage order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Grounding {
    /// The claims.
    pub claims: Vec<Claim>,
}

impl Grounding {
    /// The claims the sources do not bear out.
    pub fn flagged(&self) -> impl Iterator<Item = &Claim> {
        self.claims.iter().filter(|c| c.is_flagged())
    }

    /// How many claims are unsupported.
    pub fn unsupported_count(&self) -> usize {
        self.claims
            .iter()
            .filter(|c| matches!(c.verdict, Verdict::Unsupported { .. }))
            .count()
    }

    /// How many claims are contradicted.
    pub fn contradicted_count(&self) -> usize {
        self.claims
            .iter()
            .filter(|c| matches!(c.verdict, Verdict::Contradicted { .. }))
            .count()
    }

    /// Whether every claim is supported (true for a passage with no claims).
    pub fn is_grounded(&self) -> bool {
        self.flagged().next().is_none()
    }
}
