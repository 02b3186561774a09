//! Grounding: an extraction's analysis and reasoning checked against its article, claim by
//! claim, with the extraction's actors (names and aliases) as known entities.

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::ground::{Claim, Grounder, Grounding, Sources, Verdict};
use crate::signal::{Extraction, FlaggedClaim};

/// Which paragraph of an extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "index", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Paragraph {
    /// The analysis.
    Analysis,
    /// A reasoning paragraph, by its position (from 0).
    Reasoning(usize),
}

/// One paragraph's claims and what the article says of each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParagraphGrounding {
    /// Which paragraph.
    pub paragraph: Paragraph,
    /// Every claim read in it, supported or not, with where the article bears it out.
    pub grounding: Grounding,
}

impl ParagraphGrounding {
    /// The claims the article does not bear out: unsupported or contradicted.
    pub fn flagged(&self) -> impl Iterator<Item = &Claim> {
        self.grounding.flagged()
    }
}

/// The flagged claims of the paragraphs `which` selects, as the signal model records them: a
/// reasoning paragraph by its position, the analysis as paragraph 0.
///
/// # Errors
///
/// [`Error::Signal`] for a claim the signal model refuses (a claim over its prose limit, which
/// a paragraph within that limit cannot hold).
pub(crate) fn flagged_claims(
    grounding: &[ParagraphGrounding],
    which: impl Fn(Paragraph) -> bool,
) -> Result<Vec<FlaggedClaim>, Error> {
    let mut out = Vec::new();
    for paragraph in grounding.iter().filter(|p| which(p.paragraph)) {
        let index = match paragraph.paragraph {
            Paragraph::Reasoning(i) => i,
            Paragraph::Analysis => 0,
        };
        for claim in paragraph.flagged() {
            let (contradicted, reason) = match &claim.verdict {
                Verdict::Contradicted { reason, .. } => (true, reason.as_str()),
                Verdict::Unsupported { reason } => (false, reason.as_str()),
                _ => (false, "not borne out by the article"),
            };
            out.push(FlaggedClaim::new(index, &claim.text, contradicted, reason)?);
        }
    }
    Ok(out)
}

/// Grounds the extraction's analysis and each reasoning paragraph in the article text.
///
/// # Errors
///
/// [`Error::Ground`] for a text past the grounding limits, which the signal model's limits keep
/// out (articles ≤ 16 MiB, paragraphs ≤ 32 KiB).
pub(crate) fn ground_extraction(
    article_text: &str,
    extraction: &Extraction,
) -> Result<Vec<ParagraphGrounding>, Error> {
    let paragraphs: Vec<(Paragraph, &str)> = extraction
        .analysis()
        .map(|a| (Paragraph::Analysis, a))
        .into_iter()
        .chain(
            extraction
                .reasoning()
                .iter()
                .enumerate()
                .map(|(i, p)| (Paragraph::Reasoning(i), p.as_str())),
        )
        .collect();
    if paragraphs.is_empty() {
        return Ok(Vec::new());
    }
    let sources = Sources::new(&[article_text])?;
    let mut grounder = Grounder::new();
    for actor in extraction.actors() {
        let names: Vec<&str> = std::iter::once(actor.name())
            .chain(actor.aliases().iter().map(|a| a.as_str()))
            .collect();
        grounder = grounder.known_entity(&names)?;
    }
    paragraphs
        .into_iter()
        .map(|(paragraph, text)| {
            Ok(ParagraphGrounding {
                paragraph,
                grounding: grounder.check(&sources, text)?,
            })
        })
        .collect()
}
