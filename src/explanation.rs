//! A signal's explanation: the numbers behind its strength, and how much of its model-written
//! prose its sources bear out.

use std::fmt;

use chrono::SecondsFormat;
use serde::{Deserialize, Serialize};

use crate::score::{Explanation, Stance};
use crate::signal::{GroundingTally, SignalId};

/// Everything behind one signal: its strength explained origin by origin, and the grounding of
/// its analysis and reasoning counted. Built by [`Pipeline::explain`](crate::Pipeline::explain).
///
/// Its `Display` is the text a reader sees:
///
/// ```text
/// signal hardware-denial: strength 8 at 2026-05-26T14:05:00Z (mass 3.42)
///   3 origins, 3 articles, 3 extractions; 2.81 effective independent sources
///   +1.234 the-g-2-reality (Strategy Quarterly)
///   …
///   next drop: 2026-06-09T10:00:00Z
///   grounding: 1 claim in 1 of 4 paragraphs not found in their sources
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SignalExplanation {
    /// The signal explained.
    pub signal: SignalId,
    /// How its strength is reached: every origin's contribution, the effective number of
    /// independent sources, and when it next drops.
    pub strength: Explanation,
    /// How many claims of its analysis and reasoning the grounding check flagged.
    pub grounding: GroundingTally,
}

impl fmt::Display for SignalExplanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = &self.strength;
        writeln!(
            f,
            "signal {}: strength {} at {} (mass {:.2})",
            self.signal,
            e.strength.get(),
            e.now.to_rfc3339_opts(SecondsFormat::Secs, true),
            e.total.to_f64(),
        )?;
        writeln!(
            f,
            "  {}, {}, {}; {:.2} effective independent sources",
            counted(e.origins.len(), "origin"),
            counted(e.article_count, "article"),
            counted(e.extraction_count, "extraction"),
            e.effective_sources,
        )?;
        for origin in &e.origins {
            let outlets: Vec<&str> = origin.outlets.iter().map(|o| o.as_str()).collect();
            let against = match origin.stance {
                Stance::Contradicts => ", contradicts",
                _ => "",
            };
            writeln!(
                f,
                "  {:+.3} {} ({}{against})",
                origin.contribution.to_f64(),
                origin.origin,
                outlets.join(", "),
            )?;
        }
        match e.next_drop {
            Some(at) => writeln!(
                f,
                "  next drop: {}",
                at.to_rfc3339_opts(SecondsFormat::Secs, true)
            )?,
            None => writeln!(f, "  next drop: none")?,
        }
        write!(f, "  grounding: {}", self.grounding)
    }
}

/// "1 article", "3 articles".
fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
