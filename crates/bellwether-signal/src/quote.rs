//! Quotes: verbatim passages of an article with their anchor phrases, and where they were found.

use serde::{Deserialize, Serialize};

use crate::bounded;
use crate::limits::{MAX_ANCHOR_BYTES, MAX_LIST_LEN, MAX_QUOTE_BYTES};
use crate::text::{Bound, checked_text, excerpt};
use crate::{SignalError, WebUrl};

/// A byte range `start..end` in an article's original text.
///
/// ```
/// use bellwether_signal::ByteSpan;
/// assert_eq!(ByteSpan::new(3, 10)?.len(), 7);
/// assert!(ByteSpan::new(10, 3).is_err());
/// # Ok::<(), bellwether_signal::SignalError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawSpan", into = "RawSpan")]
pub struct ByteSpan {
    start: usize,
    end: usize,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpan {
    start: usize,
    end: usize,
}

impl ByteSpan {
    /// A span from `start` (inclusive) to `end` (exclusive).
    ///
    /// # Errors
    ///
    /// [`SignalError::InvalidSpan`] when `end < start`.
    pub fn new(start: usize, end: usize) -> Result<Self, SignalError> {
        if end < start {
            return Err(SignalError::InvalidSpan { start, end });
        }
        Ok(ByteSpan { start, end })
    }

    /// The first byte.
    pub fn start(self) -> usize {
        self.start
    }

    /// One past the last byte.
    pub fn end(self) -> usize {
        self.end
    }

    /// The number of bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span holds no byte.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

impl TryFrom<RawSpan> for ByteSpan {
    type Error = SignalError;
    fn try_from(raw: RawSpan) -> Result<Self, Self::Error> {
        ByteSpan::new(raw.start, raw.end)
    }
}

impl From<ByteSpan> for RawSpan {
    fn from(span: ByteSpan) -> Self {
        RawSpan {
            start: span.start,
            end: span.end,
        }
    }
}

/// How a quote was found in its article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MatchMethod {
    /// Byte for byte.
    Exact,
    /// After normalising case, quotes, dashes and white space.
    Normalized,
    /// With a few edits (typos, small slips).
    Fuzzy,
    /// As ordered segments around an elision (`…`).
    Elided,
}

/// How well a quote matched its article: the method and a score from 0 to 1.
///
/// ```
/// use bellwether_signal::{MatchMethod, MatchQuality};
/// assert_eq!(MatchQuality::new(MatchMethod::Fuzzy, 0.93)?.score(), 0.93);
/// assert!(MatchQuality::new(MatchMethod::Exact, 1.5).is_err());
/// # Ok::<(), bellwether_signal::SignalError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawQuality", into = "RawQuality")]
pub struct MatchQuality {
    method: MatchMethod,
    score: f64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuality {
    method: MatchMethod,
    score: f64,
}

impl MatchQuality {
    /// A match quality.
    ///
    /// # Errors
    ///
    /// [`SignalError::InvalidScore`] for a score outside 0..=1 or not finite.
    pub fn new(method: MatchMethod, score: f64) -> Result<Self, SignalError> {
        if !(0.0..=1.0).contains(&score) {
            return Err(SignalError::InvalidScore { value: score });
        }
        Ok(MatchQuality { method, score })
    }

    /// How the quote was found.
    pub fn method(self) -> MatchMethod {
        self.method
    }

    /// The score, 1 for a perfect match.
    pub fn score(self) -> f64 {
        self.score
    }
}

impl TryFrom<RawQuality> for MatchQuality {
    type Error = SignalError;
    fn try_from(raw: RawQuality) -> Result<Self, Self::Error> {
        MatchQuality::new(raw.method, raw.score)
    }
}

impl From<MatchQuality> for RawQuality {
    fn from(q: MatchQuality) -> Self {
        RawQuality {
            method: q.method,
            score: q.score,
        }
    }
}

fn checked_quote_text(text: &str) -> Result<String, SignalError> {
    checked_text("quote", text, Bound::Bytes(MAX_QUOTE_BYTES), true)
}

/// Checks that every anchor is a non-empty phrase found in `text`, ignoring case.
fn checked_anchors(text: &str, anchors: &[String]) -> Result<Vec<String>, SignalError> {
    if anchors.len() > MAX_LIST_LEN {
        return Err(SignalError::TooMany {
            field: "anchors",
            len: anchors.len(),
            max: MAX_LIST_LEN,
        });
    }
    let folded = text.to_lowercase();
    let mut out = Vec::with_capacity(anchors.len());
    for anchor in anchors {
        let anchor = checked_text("anchor", anchor, Bound::Bytes(MAX_ANCHOR_BYTES), false)?;
        if !folded.contains(&anchor.to_lowercase()) {
            return Err(SignalError::AnchorNotInQuote {
                anchor,
                quote: excerpt(text),
            });
        }
        if out.contains(&anchor) {
            return Err(SignalError::DuplicateValue {
                field: "anchors",
                value: anchor,
            });
        }
        out.push(anchor);
    }
    Ok(out)
}

/// A quote as a language model proposes it: text and anchor phrases, not yet located.
///
/// Anchors may be missing (the pipeline then suggests some), but any given must occur in the
/// quote, ignoring case.
///
/// ```
/// use bellwether_signal::ProposedQuote;
/// let quote = ProposedQuote::new("software is not what it was built for", &["built"])?;
/// assert_eq!(quote.anchors(), ["built"]);
/// assert!(ProposedQuote::new("software", &["hardware"]).is_err());
/// # Ok::<(), bellwether_signal::SignalError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawProposedQuote", into = "RawProposedQuote")]
pub struct ProposedQuote {
    text: String,
    anchors: Vec<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProposedQuote {
    text: String,
    #[serde(default, deserialize_with = "bounded::anchors")]
    anchors: Vec<String>,
}

impl ProposedQuote {
    /// A proposed quote.
    ///
    /// # Errors
    ///
    /// [`SignalError::Empty`], [`SignalError::TooLong`] (a text over
    /// [`MAX_QUOTE_BYTES`](crate::limits::MAX_QUOTE_BYTES), an anchor over
    /// [`MAX_ANCHOR_BYTES`](crate::limits::MAX_ANCHOR_BYTES)) or
    /// [`SignalError::ControlCharacter`] for the text or an anchor; [`SignalError::TooMany`]
    /// past [`MAX_LIST_LEN`](crate::limits::MAX_LIST_LEN) anchors;
    /// [`SignalError::AnchorNotInQuote`]; [`SignalError::DuplicateValue`] for a repeated anchor.
    pub fn new(text: &str, anchors: &[&str]) -> Result<Self, SignalError> {
        let anchors: Vec<String> = anchors.iter().map(|a| (*a).to_owned()).collect();
        Self::try_from(RawProposedQuote {
            text: text.to_owned(),
            anchors,
        })
    }

    /// The quote's text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The anchor phrases, possibly none.
    pub fn anchors(&self) -> &[String] {
        &self.anchors
    }
}

impl TryFrom<RawProposedQuote> for ProposedQuote {
    type Error = SignalError;
    fn try_from(raw: RawProposedQuote) -> Result<Self, Self::Error> {
        let text = checked_quote_text(&raw.text)?;
        let anchors = checked_anchors(&text, &raw.anchors)?;
        Ok(ProposedQuote { text, anchors })
    }
}

impl From<ProposedQuote> for RawProposedQuote {
    fn from(q: ProposedQuote) -> Self {
        RawProposedQuote {
            text: q.text,
            anchors: q.anchors,
        }
    }
}

/// A quote held by a signal's source article: its text, one or more anchor phrases, and, once
/// the pipeline has verified it, where it is in the article and how well it matched.
///
/// # Example
///
/// ```
/// use bellwether_signal::{ByteSpan, MatchMethod, MatchQuality, Quote};
///
/// let quote = Quote::new(
///     "Capability now propagates through software.",
///     &["propagates through software"],
/// )?
/// .with_span(ByteSpan::new(120, 164)?)
/// .with_match_quality(MatchQuality::new(MatchMethod::Exact, 1.0)?);
/// assert_eq!(quote.span().map(|s| s.len()), Some(44));
/// assert!(Quote::new("Capability now propagates.", &[]).is_err());
/// # Ok::<(), bellwether_signal::SignalError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawQuote", into = "RawQuote")]
pub struct Quote {
    text: String,
    anchors: Vec<String>,
    span: Option<ByteSpan>,
    match_quality: Option<MatchQuality>,
    deep_link: Option<WebUrl>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuote {
    text: String,
    #[serde(deserialize_with = "bounded::anchors")]
    anchors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    span: Option<ByteSpan>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    match_quality: Option<MatchQuality>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    deep_link: Option<WebUrl>,
}

impl Quote {
    /// A quote with its anchors; no span, match quality or deep link yet.
    ///
    /// # Errors
    ///
    /// As [`ProposedQuote::new`], plus [`SignalError::MissingAnchor`] when `anchors` is empty.
    pub fn new(text: &str, anchors: &[&str]) -> Result<Self, SignalError> {
        Quote::from_proposed(ProposedQuote::new(text, anchors)?)
    }

    /// A quote from a proposed one.
    ///
    /// # Errors
    ///
    /// [`SignalError::MissingAnchor`] when the proposed quote has no anchor.
    pub fn from_proposed(proposed: ProposedQuote) -> Result<Self, SignalError> {
        if proposed.anchors.is_empty() {
            return Err(SignalError::MissingAnchor {
                quote: excerpt(&proposed.text),
            });
        }
        Ok(Quote {
            text: proposed.text,
            anchors: proposed.anchors,
            span: None,
            match_quality: None,
            deep_link: None,
        })
    }

    /// This quote located at `span` of its article's original text.
    pub fn with_span(mut self, span: ByteSpan) -> Self {
        self.span = Some(span);
        self
    }

    /// This quote with the quality of its match.
    pub fn with_match_quality(mut self, quality: MatchQuality) -> Self {
        self.match_quality = Some(quality);
        self
    }

    /// This quote with a link that opens its article at the quote.
    pub fn with_deep_link(mut self, link: WebUrl) -> Self {
        self.deep_link = Some(link);
        self
    }

    /// The verbatim text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The anchor phrases, at least one.
    pub fn anchors(&self) -> &[String] {
        &self.anchors
    }

    /// Where the quote is in its article's original text, once verified.
    pub fn span(&self) -> Option<ByteSpan> {
        self.span
    }

    /// How well it matched, once verified.
    pub fn match_quality(&self) -> Option<MatchQuality> {
        self.match_quality
    }

    /// A link that opens the article at the quote.
    pub fn deep_link(&self) -> Option<&WebUrl> {
        self.deep_link.as_ref()
    }
}

impl TryFrom<RawQuote> for Quote {
    type Error = SignalError;
    fn try_from(raw: RawQuote) -> Result<Self, Self::Error> {
        let proposed = ProposedQuote::try_from(RawProposedQuote {
            text: raw.text,
            anchors: raw.anchors,
        })?;
        let quote = Quote::from_proposed(proposed)?;
        Ok(Quote {
            span: raw.span,
            match_quality: raw.match_quality,
            deep_link: raw.deep_link,
            ..quote
        })
    }
}

impl From<Quote> for RawQuote {
    fn from(q: Quote) -> Self {
        RawQuote {
            text: q.text,
            anchors: q.anchors,
            span: q.span,
            match_quality: q.match_quality,
            deep_link: q.deep_link,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchor_must_occur_in_its_quote_ignoring_case() {
        assert!(Quote::new("The launch of DeepSeek", &["deepseek"]).is_ok());
        let err = Quote::new("The launch of DeepSeek", &["OpenAI"]).unwrap_err();
        assert!(matches!(err, SignalError::AnchorNotInQuote { .. }));
        assert!(
            err.to_string()
                .contains("use a phrase copied from the quote")
        );
    }

    #[test]
    fn quote_json_omits_what_is_not_known() {
        let quote = Quote::new("a b c", &["b"]).unwrap();
        assert_eq!(
            serde_json::to_string(&quote).unwrap(),
            r#"{"text":"a b c","anchors":["b"]}"#
        );
        let bad = r#"{"text":"a b c","anchors":["b"],"span":{"start":5,"end":1}}"#;
        assert!(serde_json::from_str::<Quote>(bad).is_err());
        let bad =
            r#"{"text":"a b c","anchors":["b"],"match_quality":{"method":"exact","score":2}}"#;
        assert!(serde_json::from_str::<Quote>(bad).is_err());
        let bad = r#"{"text":"a b c","anchors":["b"],"deep_link":"javascript:alert(1)"}"#;
        assert!(serde_json::from_str::<Quote>(bad).is_err());
    }

    #[test]
    fn scores_must_be_finite_and_in_range() {
        for bad in [-0.1, 1.01, f64::NAN, f64::INFINITY] {
            assert!(MatchQuality::new(MatchMethod::Fuzzy, bad).is_err(), "{bad}");
        }
    }
}
