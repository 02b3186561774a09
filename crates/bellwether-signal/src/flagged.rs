//! Claims of model-written prose that their article does not bear out.

use serde::{Deserialize, Serialize};

use crate::SignalError;
use crate::source::checked_paragraph;

/// A name, number, date or attribution in an analysis or reasoning paragraph that the grounding
/// check did not find in the paragraph's article, or found contradicted there.
///
/// ```
/// use bellwether_signal::FlaggedClaim;
///
/// let claim = FlaggedClaim::new(0, "3 plants", true, "the article gives two plants")?;
/// assert!(claim.contradicted());
/// # Ok::<(), bellwether_signal::SignalError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawFlaggedClaim", into = "RawFlaggedClaim")]
pub struct FlaggedClaim {
    raw: RawFlaggedClaim,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFlaggedClaim {
    paragraph: usize,
    text: String,
    #[serde(default)]
    contradicted: bool,
    reason: String,
}

impl FlaggedClaim {
    /// A flagged claim of paragraph `paragraph` (its position among the source's reasoning
    /// paragraphs, or 0 for the analysis), as written, with why it was flagged.
    ///
    /// # Errors
    ///
    /// The text errors ([`SignalError::Empty`], [`SignalError::TooLong`],
    /// [`SignalError::ControlCharacter`]) for the claim or the reason, each at most
    /// [`MAX_PROSE_BYTES`](crate::limits::MAX_PROSE_BYTES).
    pub fn new(
        paragraph: usize,
        text: &str,
        contradicted: bool,
        reason: &str,
    ) -> Result<Self, SignalError> {
        Self::try_from(RawFlaggedClaim {
            paragraph,
            text: text.to_owned(),
            contradicted,
            reason: reason.to_owned(),
        })
    }

    /// The same claim, placed in paragraph `paragraph` (where its paragraph stands in another
    /// list, as when a signal gathers the reasoning of several extractions).
    pub fn in_paragraph(&self, paragraph: usize) -> Self {
        let mut raw = self.raw.clone();
        raw.paragraph = paragraph;
        Self { raw }
    }

    /// The paragraph it is in.
    pub fn paragraph(&self) -> usize {
        self.raw.paragraph
    }

    /// The claim as written.
    pub fn text(&self) -> &str {
        &self.raw.text
    }

    /// Whether the article says otherwise (a different number for the same thing), rather than
    /// nothing.
    pub fn contradicted(&self) -> bool {
        self.raw.contradicted
    }

    /// Why it was flagged.
    pub fn reason(&self) -> &str {
        &self.raw.reason
    }
}

impl TryFrom<RawFlaggedClaim> for FlaggedClaim {
    type Error = SignalError;
    fn try_from(mut raw: RawFlaggedClaim) -> Result<Self, Self::Error> {
        raw.text = checked_paragraph("flagged claim", &raw.text)?;
        raw.reason = checked_paragraph("flagged claim reason", &raw.reason)?;
        Ok(Self { raw })
    }
}

impl From<FlaggedClaim> for RawFlaggedClaim {
    fn from(claim: FlaggedClaim) -> Self {
        claim.raw
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ArticleId, SourceArticle};

    fn article() -> SourceArticle {
        let published = "2026-05-14T08:00:00Z".parse().unwrap_or_default();
        match SourceArticle::new(
            ArticleId::new("a").unwrap_or_else(|e| panic!("{e}")),
            "T",
            "O",
            published,
        ) {
            Ok(a) => a,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn a_claim_belongs_to_a_paragraph_that_exists() -> Result<(), SignalError> {
        let claim = FlaggedClaim::new(1, "Germany", false, "not in the article")?;
        let one = article().with_reasoning("Only one paragraph.")?;
        assert_eq!(
            one.clone().with_flagged_claim(claim.clone()),
            Err(SignalError::FlaggedParagraphOutOfRange {
                paragraph: 1,
                paragraphs: 1
            })
        );
        let two = one
            .with_reasoning("A second, naming Germany.")?
            .with_flagged_claim(claim)?;
        let json = serde_json::to_string(&two).unwrap_or_default();
        assert!(
            json.contains(r#""flagged":[{"paragraph":1,"text":"Germany","contradicted":false"#),
            "{json}"
        );
        let back: SourceArticle = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, two);
        let bad = json.replace(r#""paragraph":1"#, r#""paragraph":2"#);
        assert!(serde_json::from_str::<SourceArticle>(&bad).is_err());
        Ok(())
    }

    #[test]
    fn an_empty_claim_or_reason_is_refused() {
        assert!(matches!(
            FlaggedClaim::new(0, "", false, "why"),
            Err(SignalError::Empty { .. })
        ));
        assert!(matches!(
            FlaggedClaim::new(0, "x", true, " "),
            Err(SignalError::Empty { .. })
        ));
    }
}
