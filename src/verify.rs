//! Quote verification: every proposed quote is located in its article; accepted quotes get their
//! span, match quality, located anchors and a deep link; the others are reported with why.

use serde::{Deserialize, Serialize};

use crate::anchor::{self, LocateError, Locator, PreparedText, QuoteMatch, Rung, TextFragmenter};
use crate::article_words::{ShownWords, shown_words};
use crate::signal::{
    ByteSpan, MatchMethod, MatchQuality, ProposedQuote, Quote, SignalError, SourceArticle, WebUrl,
};
use crate::word_diff::{WordChange, word_changes};

/// A quote that was found in its article and kept.
///
/// The quote that goes into the signal shows the article's words at its span, never the
/// model's (see [`AcceptedQuote::quote`]); what the model wrote stays here, in
/// [`AcceptedQuote::proposed`], and in the extraction the pipeline keeps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AcceptedQuote {
    /// The quote as it goes into the signal: the article's words at its span (hard wraps and
    /// line-end hyphenation joined, soft hyphens dropped, white space made single spaces,
    /// typography as the article has it; pieces of an elided quote joined by `…`, the model's
    /// bracketed insertions kept in brackets), its anchors placed as spans of those words, the
    /// span, match quality and deep link.
    pub quote: Quote,
    /// The quote as the model wrote it.
    pub proposed: String,
    /// The byte span of each piece of the article the quote shows, in order: one for a quote
    /// found whole, one per piece for an elided quote. The quote's span runs from the first
    /// piece's start to the last one's end.
    pub pieces: Vec<ByteSpan>,
    /// Where the model's words differ from the article's ("the model wrote 'was', the article
    /// says 'is'"), ignoring case, typographic quotes and dashes, and punctuation; empty when
    /// the model quoted the article word for word.
    pub differences: Vec<WordChange>,
    /// Anchors the model gave that could not be placed on whole words of the quote shown,
    /// dropped with why.
    pub dropped_anchors: Vec<DroppedAnchor>,
    /// Whether the anchors were suggested because the model gave none that held.
    pub anchors_suggested: bool,
    /// How many times the quote occurs in the article (the span is the first).
    pub occurrences: usize,
}

/// An anchor phrase that could not be placed in its quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DroppedAnchor {
    /// The anchor as the model gave it.
    pub anchor: String,
    /// Why it was dropped, and what to do about it.
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
    /// The quote was found but could not be recorded: no anchor could be placed or suggested on
    /// the article's words it shows, or those words are past the signal model's quote limit.
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
    let bytes = found.span().bytes();
    let pieces: Vec<std::ops::Range<usize>> = match found.rung() {
        Rung::Elided { segments, .. } if !segments.is_empty() => {
            segments.iter().map(anchor::Span::bytes).collect()
        }
        _ => vec![bytes.clone()],
    };
    let shown = shown_words(text.original(), &pieces, proposed.text());
    let (spans, dropped_anchors) = place_anchors(&shown, proposed.anchors());
    let anchors_suggested = spans.is_empty();
    let spans = if anchors_suggested {
        suggested_anchor(&shown).into_iter().collect()
    } else {
        spans
    };
    let quality = MatchQuality::new(method(found.rung()), found.score())?;
    let mut quote = Quote::anchored(&shown.text, &spans)?
        .with_span(ByteSpan::new(bytes.start, bytes.end)?)
        .with_match_quality(quality);
    if let Some(url) = article.url() {
        let fragmenter = fragmenter.get_or_insert_with(|| TextFragmenter::new(text.original()));
        if let Some(link) = deep_link(url, fragmenter, bytes) {
            quote = quote.with_deep_link(link);
        }
    }
    Ok(AcceptedQuote {
        differences: word_changes(proposed.text(), quote.text()),
        quote,
        proposed: proposed.text().to_owned(),
        pieces: pieces
            .iter()
            .map(|piece| ByteSpan::new(piece.start, piece.end))
            .collect::<Result<_, _>>()?,
        dropped_anchors,
        anchors_suggested,
        occurrences: found.occurrence_count(),
    })
}

/// Places each of the model's anchors on whole words of the quote shown, by the anchor
/// crate's rules (case and typography folded, word boundaries), once; an anchor that cannot be
/// placed, that falls on the model's markers rather than the article's words, or that lands
/// on words another anchor already holds, is dropped with the reason.
fn place_anchors(shown: &ShownWords, anchors: &[String]) -> (Vec<ByteSpan>, Vec<DroppedAnchor>) {
    let mut spans: Vec<ByteSpan> = Vec::new();
    let mut dropped = Vec::new();
    let prepared = PreparedText::new(&shown.text);
    for written in anchors {
        let placed = anchor::locate_anchor_prepared(&prepared, written)
            .map_err(|err| err.to_string())
            .and_then(|found| {
                if !within_a_piece(shown, &found.span) {
                    return Err(format!(
                        "the anchor {written:?} falls on an elision or an editorial insertion, \
                         not on the article's words; copy the anchor from the quoted words"
                    ));
                }
                let span = ByteSpan::new(found.span.start, found.span.end)
                    .map_err(|err| err.to_string())?;
                if spans.contains(&span) {
                    return Err(format!(
                        "the anchor {written:?} is the same words ({:?}) as an earlier anchor; \
                         list each anchor once",
                        found.text
                    ));
                }
                Ok(span)
            });
        match placed {
            Ok(span) => spans.push(span),
            Err(reason) => dropped.push(DroppedAnchor {
                anchor: written.clone(),
                reason,
            }),
        }
    }
    (spans, dropped)
}

/// Whether `span` of the shown text lies within one of its article pieces.
fn within_a_piece(shown: &ShownWords, span: &std::ops::Range<usize>) -> bool {
    shown
        .pieces
        .iter()
        .any(|piece| piece.start <= span.start && span.end <= piece.end)
}

/// The best-ranked phrase of the article's words suggested as anchor (one anchor is what the
/// notation asks of a model).
fn suggested_anchor(shown: &ShownWords) -> Option<ByteSpan> {
    anchor::suggest_anchors(&shown.text)
        .into_iter()
        .filter(|s| within_a_piece(shown, &s.span))
        .find_map(|s| ByteSpan::new(s.span.start, s.span.end).ok())
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
