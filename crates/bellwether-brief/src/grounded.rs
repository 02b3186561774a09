//! What a brief does with analysis and reasoning whose claims the grounding check flagged.

use std::fmt::Write as _;

use bellwether_signal::{FlaggedClaim, Signal, SourceArticle};
use serde::{Deserialize, Serialize};

use crate::error::ComposeError;

/// What a brief does with a paragraph holding a claim its article does not bear out (a name,
/// number, date or attribution the grounding check flagged).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum UngroundedClaims {
    /// Keep the paragraph and mark the claims after it, in every format (the default).
    #[default]
    Mark,
    /// Leave the paragraph out of the brief.
    Omit,
}

/// `signal` without its flagged paragraphs: the analysis if any of its claims is flagged, and
/// each reasoning paragraph with a flagged claim.
///
/// # Errors
///
/// [`ComposeError::InvalidBrief`] if the signal cannot be rebuilt, which a valid signal always
/// can.
pub(crate) fn without_flagged_paragraphs(signal: &Signal) -> Result<Signal, ComposeError> {
    let flagged_sources = signal
        .sources()
        .iter()
        .any(|s| !s.flagged_claims().is_empty());
    if signal.analysis_flagged_claims().is_empty() && !flagged_sources {
        return Ok(signal.clone());
    }
    let invalid = |err: bellwether_signal::SignalError| ComposeError::InvalidBrief {
        problem: format!(
            "signal {} without its flagged paragraphs: {err}",
            signal.id()
        ),
    };
    let mut sources = Vec::with_capacity(signal.sources().len());
    for source in signal.sources() {
        sources.push(without_flagged_reasoning(source).map_err(invalid)?);
    }
    let mut builder = signal.to_builder().sources(sources);
    if !signal.analysis_flagged_claims().is_empty() {
        builder = builder.without_analysis();
    }
    builder.build().map_err(invalid)
}

fn without_flagged_reasoning(
    source: &SourceArticle,
) -> Result<SourceArticle, bellwether_signal::SignalError> {
    if source.flagged_claims().is_empty() {
        return Ok(source.clone());
    }
    let mut kept = SourceArticle::new(
        source.id().clone(),
        source.title(),
        source.outlet(),
        source.published(),
    )?;
    if let Some(url) = source.url() {
        kept = kept.with_url(url.clone());
    }
    if let Some(grade) = source.reliability() {
        kept = kept.with_reliability(grade);
    }
    for quote in source.quotes() {
        kept = kept.with_quote(quote.clone())?;
    }
    for (index, paragraph) in source.reasoning().iter().enumerate() {
        if source
            .flagged_claims()
            .iter()
            .all(|c| c.paragraph() != index)
        {
            kept = kept.with_reasoning(paragraph)?;
        }
    }
    Ok(kept)
}

/// `paragraph` with its flagged claims marked after it, as plain text every format escapes:
/// ` [Not found in its article: “Germany”. Contradicted by its article: “3 plants”.]`.
pub(crate) fn marked(paragraph: &str, claims: &[&FlaggedClaim]) -> String {
    if claims.is_empty() {
        return paragraph.to_owned();
    }
    let mut out = String::with_capacity(paragraph.len() + 64);
    out.push_str(paragraph);
    out.push_str(" [");
    let groups = [
        ("Not found in its article", false),
        ("Contradicted by its article", true),
    ];
    let mut first = true;
    for (label, contradicted) in groups {
        let texts: Vec<String> = claims
            .iter()
            .filter(|c| c.contradicted() == contradicted)
            .map(|c| format!("\u{201C}{}\u{201D}", c.text()))
            .collect();
        if texts.is_empty() {
            continue;
        }
        if !first {
            out.push(' ');
        }
        first = false;
        let _ = write!(out, "{label}: {}.", texts.join(", "));
    }
    out.push(']');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_name_each_kind_of_flag() -> Result<(), bellwether_signal::SignalError> {
        let missing = FlaggedClaim::new(0, "Germany", false, "not in the article")?;
        let wrong = FlaggedClaim::new(0, "3 plants", true, "the article says two")?;
        assert_eq!(marked("Text.", &[]), "Text.");
        assert_eq!(
            marked("Text.", &[&missing, &wrong]),
            "Text. [Not found in its article: \u{201C}Germany\u{201D}. Contradicted by its article: \u{201C}3 plants\u{201D}.]"
        );
        Ok(())
    }
}
