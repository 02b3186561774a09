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

fn check_anchor_count(count: usize) -> Result<(), SignalError> {
    if count > MAX_LIST_LEN {
        return Err(SignalError::TooMany {
            field: "anchors",
            len: count,
            max: MAX_LIST_LEN,
        });
    }
    Ok(())
}

/// The limits a model's anchors are held to: how many, and how long each (so that an
/// extraction's size stays bounded); nothing about what they say.
fn check_proposed_anchors(anchors: &[String]) -> Result<(), SignalError> {
    check_anchor_count(anchors.len())?;
    match anchors.iter().find(|a| a.len() > MAX_ANCHOR_BYTES) {
        Some(long) => Err(SignalError::TooLong {
            field: "anchor",
            len: long.len(),
            max: MAX_ANCHOR_BYTES,
            unit: "bytes",
        }),
        None => Ok(()),
    }
}

/// A quote as a language model proposes it: text and anchor phrases, not yet located.
///
/// The anchors are kept as the model wrote them, held only to the limits that bound an
/// extraction's size (at most [`MAX_LIST_LEN`](crate::limits::MAX_LIST_LEN), each at most
/// [`MAX_ANCHOR_BYTES`](crate::limits::MAX_ANCHOR_BYTES)): whether one occurs in the quote, is
/// blank or repeats another is for whoever verifies the quote, who places each in the quote's
/// words or drops it with a reason (the `bellwether` pipeline does so with the anchor crate's
/// rules, which fold case and typography). So an anchor copied with a straight apostrophe, a
/// stray space or a typo costs that anchor, never the extraction. Anchors may be missing (the
/// pipeline then suggests some).
///
/// ```
/// use bellwether_signal::ProposedQuote;
/// let quote = ProposedQuote::new("software is not what it was built for", &["built"])?;
/// assert_eq!(quote.anchors(), ["built"]);
/// // An anchor that is not in the quote is the verifier's to drop, not a malformed quote.
/// assert!(ProposedQuote::new("China\u{2019}s dominance", &["China's dominance"]).is_ok());
/// assert!(ProposedQuote::new(" ", &[]).is_err());
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
    /// [`SignalError::Empty`], [`SignalError::TooLong`] (over
    /// [`MAX_QUOTE_BYTES`](crate::limits::MAX_QUOTE_BYTES)) or
    /// [`SignalError::ControlCharacter`] for the text; [`SignalError::TooMany`] past
    /// [`MAX_LIST_LEN`](crate::limits::MAX_LIST_LEN) anchors; [`SignalError::TooLong`] for an
    /// anchor over [`MAX_ANCHOR_BYTES`](crate::limits::MAX_ANCHOR_BYTES). What the anchors say
    /// is not checked (see the type's documentation).
    pub fn new(text: &str, anchors: &[&str]) -> Result<Self, SignalError> {
        let anchors: Vec<String> = anchors.iter().map(|a| (*a).to_owned()).collect();
        Self::try_from(RawProposedQuote {
            text: text.to_owned(),
            anchors,
        })
    }

    /// The quote's text, as the model wrote it (trimmed).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The anchor phrases, as the model wrote them, possibly none.
    pub fn anchors(&self) -> &[String] {
        &self.anchors
    }
}

impl TryFrom<RawProposedQuote> for ProposedQuote {
    type Error = SignalError;
    fn try_from(raw: RawProposedQuote) -> Result<Self, Self::Error> {
        let text = checked_quote_text(&raw.text)?;
        check_proposed_anchors(&raw.anchors)?;
        Ok(ProposedQuote {
            text,
            anchors: raw.anchors,
        })
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

/// A quote held by a signal's source article: its text, one or more anchors placed in it, and,
/// once the pipeline has verified it, where it is in the article and how well it matched.
///
/// The pipeline gives a quote the article's own words at its span (see `bellwether`'s
/// `AcceptedQuote`), never the model's wording, and places its anchors once, as byte spans of
/// that text ([`Quote::anchor_spans`]); renderers highlight those spans and search nothing.
///
/// The model checks that every anchor span is a non-empty range of the text on char
/// boundaries, and that no span is given twice; each anchor phrase ([`Quote::anchors`]) is the
/// text at its span. A quote written by hand may give its anchors as phrases instead
/// ([`Quote::new`], or JSON without `anchor_spans`): each is then placed at its first
/// occurrence as whole words of the text (else its first occurrence at all), matched exactly,
/// else ignoring case (character by character), and becomes the text found there. In JSON,
/// `anchor_spans` is written only when some anchor is not where its words would be placed so,
/// and a quote reads back exactly as written.
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
/// assert_eq!(quote.anchor_spans(), [ByteSpan::new(15, 42)?]);
/// assert!(Quote::new("Capability now propagates.", &[]).is_err());
///
/// // Placed by span: the second "software", not the first.
/// let text = "software is software";
/// let quote = Quote::anchored(text, &[ByteSpan::new(12, 20)?])?;
/// assert_eq!(quote.anchors(), ["software"]);
/// assert!(serde_json::to_string(&quote)?.contains(r#""anchor_spans":[{"start":12,"end":20}]"#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawQuote", into = "RawQuote")]
pub struct Quote {
    text: String,
    /// The text at each of `anchor_spans`, in the same order.
    anchors: Vec<String>,
    anchor_spans: Vec<ByteSpan>,
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
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "bounded::optional_anchor_spans"
    )]
    anchor_spans: Option<Vec<ByteSpan>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    span: Option<ByteSpan>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    match_quality: Option<MatchQuality>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    deep_link: Option<WebUrl>,
}

impl Quote {
    /// A quote with its anchors given as phrases of `text`, each placed as the type's
    /// documentation says (first as whole words, exactly, else ignoring case); no span, match
    /// quality or deep link yet.
    ///
    /// # Errors
    ///
    /// [`SignalError::Empty`], [`SignalError::TooLong`] or [`SignalError::ControlCharacter`]
    /// for the text (as [`ProposedQuote::new`]) or an anchor (over
    /// [`MAX_ANCHOR_BYTES`](crate::limits::MAX_ANCHOR_BYTES)); [`SignalError::MissingAnchor`]
    /// when `anchors` is empty; [`SignalError::TooMany`] past
    /// [`MAX_LIST_LEN`](crate::limits::MAX_LIST_LEN) anchors;
    /// [`SignalError::AnchorNotInQuote`] for an anchor that does not occur in the text;
    /// [`SignalError::DuplicateValue`] for two anchors placed on the same words.
    pub fn new(text: &str, anchors: &[&str]) -> Result<Self, SignalError> {
        let text = checked_quote_text(text)?;
        check_anchor_count(anchors.len())?;
        let spans = anchors
            .iter()
            .map(|anchor| place_anchor(&text, anchor))
            .collect::<Result<Vec<_>, _>>()?;
        Quote::anchored(&text, &spans)
    }

    /// A quote with its anchors given as byte spans of `text` (once trimmed, as the text is
    /// stored); no span, match quality or deep link yet.
    ///
    /// # Errors
    ///
    /// As [`Quote::new`] for the text; [`SignalError::MissingAnchor`] for no span,
    /// [`SignalError::TooMany`] past [`MAX_LIST_LEN`](crate::limits::MAX_LIST_LEN) spans,
    /// [`SignalError::AnchorSpanOutsideQuote`] for an empty span, one past the end of the
    /// text, one that cuts a character or one that starts or ends with white space, [`SignalError::TooLong`] for a span over
    /// [`MAX_ANCHOR_BYTES`](crate::limits::MAX_ANCHOR_BYTES), and
    /// [`SignalError::DuplicateValue`] for a span given twice.
    pub fn anchored(text: &str, anchor_spans: &[ByteSpan]) -> Result<Self, SignalError> {
        let text = checked_quote_text(text)?;
        if anchor_spans.is_empty() {
            return Err(SignalError::MissingAnchor {
                quote: excerpt(&text),
            });
        }
        check_anchor_count(anchor_spans.len())?;
        let mut anchors = Vec::with_capacity(anchor_spans.len());
        for (i, span) in anchor_spans.iter().enumerate() {
            let outside = SignalError::AnchorSpanOutsideQuote {
                start: span.start(),
                end: span.end(),
                len: text.len(),
            };
            let Some(words) = text.get(span.start()..span.end()) else {
                return Err(outside);
            };
            // Surrounding white space would not survive being written as a phrase and read
            // back (phrases are trimmed), nor is it worth highlighting.
            if words.is_empty() || words.trim().len() != words.len() {
                return Err(outside);
            }
            if words.len() > MAX_ANCHOR_BYTES {
                return Err(SignalError::TooLong {
                    field: "anchor",
                    len: words.len(),
                    max: MAX_ANCHOR_BYTES,
                    unit: "bytes",
                });
            }
            if anchor_spans[..i].contains(span) {
                return Err(SignalError::DuplicateValue {
                    field: "anchors",
                    value: words.to_owned(),
                });
            }
            anchors.push(words.to_owned());
        }
        Ok(Quote {
            anchors,
            anchor_spans: anchor_spans.to_vec(),
            text,
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

    /// The quote's words: for a quote the pipeline accepted, the article's words at its span.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The anchor phrases, at least one: the text at each of [`Quote::anchor_spans`].
    pub fn anchors(&self) -> &[String] {
        &self.anchors
    }

    /// Where each anchor lies in [`Quote::text`], as byte spans on char boundaries, in the
    /// order of [`Quote::anchors`]: what renderers highlight.
    pub fn anchor_spans(&self) -> &[ByteSpan] {
        &self.anchor_spans
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

/// Where the phrase `anchor` (trimmed) is placed in `text`: its first occurrence as whole words
/// (not inside a longer word), else its first occurrence anywhere; in each case matched exactly
/// first, else ignoring case character by character (so that byte offsets stay those of
/// `text`).
fn place_anchor(text: &str, anchor: &str) -> Result<ByteSpan, SignalError> {
    let anchor = checked_text("anchor", anchor, Bound::Bytes(MAX_ANCHOR_BYTES), false)?;
    let exact = |start: usize| {
        text[start..]
            .starts_with(anchor.as_str())
            .then_some(anchor.len())
    };
    let caseless = |start: usize| caseless_prefix_len(&text[start..], &anchor);
    let whole = |range: &std::ops::Range<usize>| is_whole_words(text, range);
    let first = |matcher: &dyn Fn(usize) -> Option<usize>, words_only: bool| {
        text.char_indices()
            .filter_map(|(start, _)| matcher(start).map(|len| start..start + len))
            .find(|range| !words_only || whole(range))
    };
    let found = first(&exact, true)
        .or_else(|| first(&caseless, true))
        .or_else(|| first(&exact, false))
        .or_else(|| first(&caseless, false));
    match found {
        Some(range) => ByteSpan::new(range.start, range.end),
        None => Err(SignalError::AnchorNotInQuote {
            anchor,
            quote: excerpt(text),
        }),
    }
}

/// Whether `range` of `text` neither starts nor ends inside a word.
fn is_whole_words(text: &str, range: &std::ops::Range<usize>) -> bool {
    let inside = &text[range.clone()];
    let splits = |outside: Option<char>, inside: Option<char>| {
        outside.is_some_and(char::is_alphanumeric) && inside.is_some_and(char::is_alphanumeric)
    };
    !splits(
        text[..range.start].chars().next_back(),
        inside.chars().next(),
    ) && !splits(text[range.end..].chars().next(), inside.chars().next_back())
}

/// The byte length of the prefix of `text` that equals `needle` comparing characters by their
/// lowercase forms, if any.
fn caseless_prefix_len(text: &str, needle: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    for wanted in needle.chars() {
        let (_, got) = chars.next()?;
        if got != wanted && !got.to_lowercase().eq(wanted.to_lowercase()) {
            return None;
        }
    }
    Some(chars.next().map_or(text.len(), |(offset, _)| offset))
}

impl TryFrom<RawQuote> for Quote {
    type Error = SignalError;
    fn try_from(raw: RawQuote) -> Result<Self, Self::Error> {
        let quote = match raw.anchor_spans {
            None => {
                let anchors: Vec<&str> = raw.anchors.iter().map(String::as_str).collect();
                Quote::new(&raw.text, &anchors)?
            }
            Some(spans) => {
                let quote = Quote::anchored(&raw.text, &spans)?;
                if quote.anchors != raw.anchors {
                    return Err(SignalError::AnchorSpansMismatch {
                        anchors: raw.anchors.iter().map(|a| excerpt(a)).collect(),
                        quote: excerpt(&quote.text),
                    });
                }
                quote
            }
        };
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
        // Spans are written only when placing the phrases would not find them again.
        let placed_by_phrase = q
            .anchors
            .iter()
            .zip(&q.anchor_spans)
            .all(|(anchor, span)| place_anchor(&q.text, anchor).ok() == Some(*span));
        RawQuote {
            anchor_spans: (!placed_by_phrase).then_some(q.anchor_spans),
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
    fn a_proposed_anchor_is_the_verifiers_to_place_not_a_reason_to_refuse_the_quote() {
        // The sample data's slip: a straight apostrophe where the quote has a curly one.
        let json = r#"{"text": "China\u2019s dominance of the supply chain", "anchors": ["China's dominance", "", "China's dominance"]}"#;
        let quote: ProposedQuote = serde_json::from_str(json).unwrap();
        assert_eq!(
            quote.anchors(),
            ["China's dominance", "", "China's dominance"]
        );
        // The list and each anchor's length stay bounded.
        let at_limit = "a".repeat(MAX_ANCHOR_BYTES);
        assert!(ProposedQuote::new("a quote", &[&at_limit]).is_ok());
        let over = "a".repeat(MAX_ANCHOR_BYTES + 1);
        assert!(matches!(
            ProposedQuote::new("a quote", &[&over]),
            Err(SignalError::TooLong {
                field: "anchor",
                ..
            })
        ));
        let many: Vec<String> = (0..=MAX_LIST_LEN).map(|i| i.to_string()).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert!(matches!(
            ProposedQuote::new("a quote", &many),
            Err(SignalError::TooMany { .. })
        ));
    }

    #[test]
    fn anchors_given_as_phrases_become_the_quotes_words_at_their_first_occurrence() {
        let quote =
            Quote::new("The launch of DeepSeek, and DeepSeek again", &["deepseek"]).unwrap();
        assert_eq!(quote.anchors(), ["DeepSeek"]);
        assert_eq!(quote.anchor_spans(), [ByteSpan::new(14, 22).unwrap()]);
        // Exact occurrences come first, even after a caseless one; whole words before both.
        let quote = Quote::new("AI and ai", &["ai"]).unwrap();
        assert_eq!(quote.anchor_spans(), [ByteSpan::new(7, 9).unwrap()]);
        let quote = Quote::new("they said AI-first", &["ai"]).unwrap();
        assert_eq!(quote.anchors(), ["AI"]);
        let quote = Quote::new("unbelievable", &["believ"]).unwrap();
        assert_eq!(quote.anchors(), ["believ"]);
        // Lowercasing that changes byte lengths keeps the text's offsets.
        let quote = Quote::new("\u{212A}elvin scale", &["kelvin"]).unwrap();
        assert_eq!(quote.anchors(), ["\u{212A}elvin"]);
        assert!(matches!(
            Quote::new("a b", &["b", "B"]),
            Err(SignalError::DuplicateValue { .. })
        ));
    }

    #[test]
    fn anchor_spans_must_pick_whole_characters_of_the_quote() {
        let span = |a, b| ByteSpan::new(a, b).unwrap();
        assert!(Quote::anchored("café au lait", &[span(0, 5)]).is_ok());
        for bad in [span(0, 4), span(3, 3), span(6, 99), span(0, 6), span(5, 8)] {
            assert!(
                matches!(
                    Quote::anchored("café au lait", &[bad]),
                    Err(SignalError::AnchorSpanOutsideQuote { .. })
                ),
                "{bad:?}"
            );
        }
        assert!(matches!(
            Quote::anchored("café", &[]),
            Err(SignalError::MissingAnchor { .. })
        ));
        assert!(matches!(
            Quote::anchored("a b", &[span(0, 1), span(0, 1)]),
            Err(SignalError::DuplicateValue { .. })
        ));
    }

    #[test]
    fn anchor_spans_are_written_only_when_the_phrases_would_not_find_them_again() {
        let span = |a, b| ByteSpan::new(a, b).unwrap();
        let first = Quote::anchored("ab ab", &[span(0, 2)]).unwrap();
        assert_eq!(
            serde_json::to_string(&first).unwrap(),
            r#"{"text":"ab ab","anchors":["ab"]}"#
        );
        let second = Quote::anchored("ab ab", &[span(3, 5)]).unwrap();
        let json = serde_json::to_string(&second).unwrap();
        assert_eq!(
            json,
            r#"{"text":"ab ab","anchors":["ab"],"anchor_spans":[{"start":3,"end":5}]}"#
        );
        assert_eq!(serde_json::from_str::<Quote>(&json).unwrap(), second);
        for bad in [
            r#"{"text":"ab ab","anchors":["ab"],"anchor_spans":[{"start":2,"end":5}]}"#,
            r#"{"text":"ab ab","anchors":["ab","b"],"anchor_spans":[{"start":3,"end":5}]}"#,
            r#"{"text":"ab ab","anchors":["ab"],"anchor_spans":[{"start":3,"end":9}]}"#,
        ] {
            assert!(serde_json::from_str::<Quote>(bad).is_err(), "{bad}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_anchor_spans_round_trip_through_json(
            text in "[aAé ]{0,6}[a-z][aAé ]{0,6}",
            picks in proptest::collection::vec((0usize..14, 1usize..4), 1..4),
        ) {
            let text = text.trim().to_owned();
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let mut spans: Vec<ByteSpan> = Vec::new();
            for (start, len) in picks {
                let start = start % (bounds.len() - 1);
                let end = (start + len).min(bounds.len() - 1);
                let span = ByteSpan::new(bounds[start], bounds[end]).unwrap();
                let words = &text[span.start()..span.end()];
                if words.trim() == words && !spans.contains(&span) {
                    spans.push(span);
                }
            }
            proptest::prop_assume!(!spans.is_empty());
            let quote = Quote::anchored(&text, &spans).unwrap();
            for (anchor, span) in quote.anchors().iter().zip(quote.anchor_spans()) {
                proptest::prop_assert_eq!(anchor.as_str(), &text[span.start()..span.end()]);
            }
            let json = serde_json::to_string(&quote).unwrap();
            proptest::prop_assert_eq!(serde_json::from_str::<Quote>(&json).unwrap(), quote);
        }
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
