//! Quote verification: every proposed quote is located in its article; accepted quotes get their
//! span, match quality, located anchors and a deep link; the others are reported with why.

use serde::{Deserialize, Serialize};

use crate::anchor::{self, LocateError, Locator, PreparedText, QuoteMatch, Rung, TextFragmenter};
use crate::signal::{
    ByteSpan, MatchMethod, MatchQuality, ProposedQuote, Quote, SignalError, SourceArticle, WebUrl,
};

/// A quote that was found in its article and kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AcceptedQuote {
    /// The quote as it goes into the signal: text, anchors, span, match quality, deep link.
    pub quote: Quote,
    /// Anchors the model gave that were not whole phrases of the quote, dropped with why.
    pub dropped_anchors: Vec<DroppedAnchor>,
    /// Whether the anchors were suggested because the model gave none that held.
    pub anchors_suggested: bool,
    /// How many times the quote occurs in the article (the span is the first).
    pub occurrences: usize,
}

/// An anchor phrase that could not be located in its quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DroppedAnchor {
    /// The anchor as the model gave it.
    pub anchor: String,
    /// Why it was dropped.
    pub reason: String,
}

/// A quote that was dropped, with the reason and the closest passage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RejectedQuote {
    /// The quote as the model gave it.
    pub text: String,
    /// Why it was rejected.
    pub reason: Rejection,
    /// The full explanation, as the anchor crate words it.
    pub message: String,
}

/// Why a quote was rejected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Rejection {
    /// The article has a close passage, but not close enough: the model changed words.
    Misquoted {
        /// The closest passage in the article.
        best_candidate: String,
        /// Its score, below the acceptance bar.
        score: f64,
    },
    /// Nothing in the article comes close: the quote is fabricated or from another article.
    NotFound {
        /// The closest passage, if any.
        best_candidate: Option<String>,
        /// Its score.
        score: f64,
    },
    /// The quote is empty or too short to be located unambiguously.
    TooShort,
    /// The quote or its article is past a limit of the quote locator (see the anchor crate's
    /// "Limits and cost"): the quote too long, in too many pieces, or the article too long.
    OverLimit {
        /// What is over: `"quote bytes"`, `"quote pieces"` or `"article bytes"`.
        what: String,
        /// Its size.
        size: usize,
        /// The locator's limit.
        limit: usize,
    },
    /// The quote was found but could not be recorded (e.g. no anchor could be placed).
    Unusable,
}

/// Checks each proposed quote against the prepared article text.
pub(crate) fn verify_quotes(
    locator: &Locator,
    article: &SourceArticle,
    text: &PreparedText,
    proposed: &[ProposedQuote],
) -> (Vec<AcceptedQuote>, Vec<RejectedQuote>) {
    let mut accepted = Vec::new();
    let mut rejected = Vec::new();
    // Preparing the article for text fragments costs more than locating a quote: do it once,
    // and only when a link will be made.
    let mut fragmenter = None;
    for quote in proposed {
        match locator.locate(text, quote.text()) {
            Ok(found) => match accept(article, text, &mut fragmenter, quote, &found) {
                Ok(quote) => accepted.push(quote),
                Err(err) => rejected.push(RejectedQuote {
                    text: quote.text().to_owned(),
                    reason: Rejection::Unusable,
                    message: err.to_string(),
                }),
            },
            Err(err) => rejected.push(reject(quote, &err)),
        }
    }
    (accepted, rejected)
}

fn over(what: &str, size: usize, limit: usize) -> Rejection {
    Rejection::OverLimit {
        what: what.to_owned(),
        size,
        limit,
    }
}

fn reject(quote: &ProposedQuote, err: &LocateError) -> RejectedQuote {
    let reason = match err {
        LocateError::Misquoted { best, .. } => Rejection::Misquoted {
            best_candidate: best.text.clone(),
            score: best.score,
        },
        LocateError::NotFound { best, score, .. } => Rejection::NotFound {
            best_candidate: best.as_ref().map(|c| c.text.clone()),
            score: *score,
        },
        LocateError::QuoteTooLong { bytes, max } => over("quote bytes", *bytes, *max),
        LocateError::TextTooLong { bytes, max } => over("article bytes", *bytes, *max),
        LocateError::TooManyPieces { pieces, max } => over("quote pieces", *pieces, *max),
        _ => Rejection::TooShort,
    };
    RejectedQuote {
        text: quote.text().to_owned(),
        reason,
        message: err.to_string(),
    }
}

fn accept<'a>(
    article: &SourceArticle,
    text: &'a PreparedText,
    fragmenter: &mut Option<TextFragmenter<'a>>,
    proposed: &ProposedQuote,
    found: &QuoteMatch,
) -> Result<AcceptedQuote, SignalError> {
    let mut anchors = Vec::new();
    let mut dropped_anchors = Vec::new();
    for anchor in proposed.anchors() {
        match anchor::locate_anchor(proposed.text(), anchor) {
            Ok(_) => anchors.push(anchor.as_str()),
            Err(err) => dropped_anchors.push(DroppedAnchor {
                anchor: anchor.clone(),
                reason: err.to_string(),
            }),
        }
    }
    let suggested;
    let anchors_suggested = anchors.is_empty();
    if anchors_suggested {
        // The best-ranked phrase only: one anchor is what the notation asks of a model.
        suggested = anchor::suggest_anchors(proposed.text())
            .into_iter()
            .next()
            .map(|s| s.text);
        anchors.extend(suggested.as_deref());
    }
    let bytes = found.span().bytes();
    let quality = MatchQuality::new(method(found.rung()), found.score())?;
    let mut quote = Quote::new(proposed.text(), &anchors)?
        .with_span(ByteSpan::new(bytes.start, bytes.end)?)
        .with_match_quality(quality);
    if let Some(url) = article.url() {
        let fragmenter = fragmenter.get_or_insert_with(|| TextFragmenter::new(text.original()));
        if let Some(link) = deep_link(url, fragmenter, bytes) {
            quote = quote.with_deep_link(link);
        }
    }
    Ok(AcceptedQuote {
        quote,
        dropped_anchors,
        anchors_suggested,
        occurrences: found.occurrence_count(),
    })
}

fn method(rung: &Rung) -> MatchMethod {
    match rung {
        Rung::Exact => MatchMethod::Exact,
        Rung::Normalized => MatchMethod::Normalized,
        Rung::Elided { .. } => MatchMethod::Elided,
        // Fuzzy and reordered matches both carry edits.
        _ => MatchMethod::Fuzzy,
    }
}

/// The article URL with a text fragment that opens it at the quote; `None` when no directive
/// can be built (the URL is then still linked without one by renderers).
fn deep_link(
    url: &WebUrl,
    fragmenter: &TextFragmenter<'_>,
    bytes: std::ops::Range<usize>,
) -> Option<WebUrl> {
    let directive = fragmenter.text_fragment(bytes).ok()?;
    let link = anchor::fragment_url(url.as_str(), &directive).ok()?;
    WebUrl::new(&link).ok()
}
