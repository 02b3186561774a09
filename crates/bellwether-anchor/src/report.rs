//! What a successful match reports: where, how, and how often.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::prepare::PreparedText;

/// A span of an original text, counted three ways: UTF-8 bytes, Unicode scalar values (chars)
/// and UTF-16 code units (what JavaScript and browsers count).
///
/// Every span that this crate returns lies on `char` boundaries of the text it was found in.
///
/// # Example
///
/// ```
/// use bellwether_anchor::PreparedText;
///
/// let text = PreparedText::new("café au lait");
/// let span = text.span(6..8)?;
/// assert_eq!((span.bytes(), span.chars(), span.utf16()), (6..8, 5..7, 5..7));
/// assert!(text.span(4..5).is_err()); // inside `é`
/// # Ok::<(), bellwether_anchor::SpanError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "SpanRepr", into = "SpanRepr")]
pub struct Span {
    bytes: Range<usize>,
    chars: Range<usize>,
    utf16: Range<usize>,
}

/// A span whose three ranges disagree, or a byte range that is not on char boundaries.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SpanError {
    /// The range is reversed, past the end, or cuts a character.
    #[error(
        "byte range {start}..{end} is not a span of the {len}-byte text on char boundaries; \
         pass offsets at the start of characters, start no greater than end"
    )]
    InvalidRange {
        /// Start of the rejected range.
        start: usize,
        /// End of the rejected range.
        end: usize,
        /// Length of the text in bytes.
        len: usize,
    },
    /// The deserialised counts cannot describe one piece of text.
    #[error(
        "span counts are inconsistent (bytes {bytes:?}, chars {chars:?}, utf16 {utf16:?}); \
         each range needs start <= end, and the piece needs chars <= bytes and \
         chars <= utf16 units <= 2 x chars"
    )]
    Inconsistent {
        /// The byte range given.
        bytes: Range<usize>,
        /// The char range given.
        chars: Range<usize>,
        /// The UTF-16 range given.
        utf16: Range<usize>,
    },
}

#[derive(Serialize, Deserialize)]
struct SpanRepr {
    bytes: Range<usize>,
    chars: Range<usize>,
    utf16: Range<usize>,
}

impl TryFrom<SpanRepr> for Span {
    type Error = SpanError;

    fn try_from(raw: SpanRepr) -> Result<Self, SpanError> {
        let ordered = raw.bytes.start <= raw.bytes.end
            && raw.chars.start <= raw.chars.end
            && raw.utf16.start <= raw.utf16.end;
        let consistent = ordered
            && raw.chars.len() <= raw.bytes.len()
            && raw.chars.len() <= raw.utf16.len()
            && raw.utf16.len() <= 2 * raw.chars.len()
            && raw.chars.start <= raw.bytes.start
            && raw.chars.start <= raw.utf16.start;
        if consistent {
            Ok(Self {
                bytes: raw.bytes,
                chars: raw.chars,
                utf16: raw.utf16,
            })
        } else {
            Err(SpanError::Inconsistent {
                bytes: raw.bytes,
                chars: raw.chars,
                utf16: raw.utf16,
            })
        }
    }
}

impl From<Span> for SpanRepr {
    fn from(span: Span) -> Self {
        Self {
            bytes: span.bytes,
            chars: span.chars,
            utf16: span.utf16,
        }
    }
}

impl Span {
    /// Byte range in the original text (UTF-8).
    #[must_use]
    pub fn bytes(&self) -> Range<usize> {
        self.bytes.clone()
    }

    /// Range in Unicode scalar values (Rust `char`s, Python string indices).
    #[must_use]
    pub fn chars(&self) -> Range<usize> {
        self.chars.clone()
    }

    /// Range in UTF-16 code units (JavaScript string indices, DOM offsets).
    #[must_use]
    pub fn utf16(&self) -> Range<usize> {
        self.utf16.clone()
    }

    /// The spanned piece of `text`, or `None` if the span does not fit that text.
    #[must_use]
    pub fn text<'a>(&self, text: &'a str) -> Option<&'a str> {
        text.get(self.bytes.clone())
    }
}

impl PreparedText {
    /// The [`Span`] of the original text at byte range `bytes`.
    ///
    /// # Errors
    ///
    /// [`SpanError::InvalidRange`] if the range is reversed, runs past the end of the original
    /// text, or starts or ends inside a character.
    pub fn span(&self, bytes: Range<usize>) -> Result<Span, SpanError> {
        let text = self.original();
        if bytes.start > bytes.end
            || bytes.end > text.len()
            || !text.is_char_boundary(bytes.start)
            || !text.is_char_boundary(bytes.end)
        {
            return Err(SpanError::InvalidRange {
                start: bytes.start,
                end: bytes.end,
                len: text.len(),
            });
        }
        Ok(self.span_unchecked(bytes))
    }

    /// The span of a range already known to lie on char boundaries.
    pub(crate) fn span_unchecked(&self, bytes: Range<usize>) -> Span {
        let ((c0, u0), (c1, u1)) = self.counts_between(bytes.start, bytes.end);
        let (chars, utf16) = (c0..c1, u0..u1);
        Span {
            bytes,
            chars,
            utf16,
        }
    }
}

/// Which rung of the matching ladder found a quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rung", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Rung {
    /// The quote occurs byte for byte in the original text.
    Exact,
    /// The quote occurs once both are normalised (case, quotes, dashes, white space …; see
    /// [`PreparedText`]).
    Normalized,
    /// The quote matches approximately.
    Fuzzy {
        /// Byte edits (insertions, deletions, substitutions) between the normalised quote and
        /// the normalised span.
        edits: usize,
        /// `1 − edits / quote length` (normalised bytes), from 0 to 1.
        score: f64,
    },
    /// The quote has the passage's words with some swapped (a model's reordering): the same
    /// words as multisets, at most `max(2, words / 5)` adjacent swaps away.
    Reordered {
        /// Adjacent word swaps between the passage's order and the quote's.
        transpositions: usize,
        /// Byte edits between the normalised quote and the normalised span.
        edits: usize,
        /// `1 − edits / quote length` (normalised bytes): low, as swaps cost many byte edits.
        score: f64,
    },
    /// The quote was split by elisions (`...`, `…`, `[…]`) or editorial insertions (`[the
    /// firm]`), and its pieces were found in order within the allowed gap.
    Elided {
        /// The span of each piece, in order.
        segments: Vec<Span>,
        /// Total byte edits over all pieces (0 when every piece matched after normalisation).
        edits: usize,
        /// `1 − edits / total length of the pieces`, from 0 to 1.
        score: f64,
    },
}

impl Rung {
    /// The match score from 0 to 1: 1 for exact and normalised matches.
    #[must_use]
    pub fn score(&self) -> f64 {
        match self {
            Self::Exact | Self::Normalized => 1.0,
            Self::Fuzzy { score, .. }
            | Self::Elided { score, .. }
            | Self::Reordered { score, .. } => *score,
        }
    }

    /// Byte edits between the normalised quote and the span: 0 for exact and normalised matches.
    #[must_use]
    pub fn edits(&self) -> usize {
        match self {
            Self::Exact | Self::Normalized => 0,
            Self::Fuzzy { edits, .. }
            | Self::Elided { edits, .. }
            | Self::Reordered { edits, .. } => *edits,
        }
    }
}

/// Where a quote was found, how, and how often.
///
/// Produced by [`Locator::locate`](crate::Locator::locate) and [`locate_quote`](crate::locate_quote).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteMatch {
    pub(crate) span: Span,
    pub(crate) rung: Rung,
    pub(crate) occurrences: Vec<Span>,
}

impl QuoteMatch {
    /// The span of the (first) best occurrence in the original text, whole quote including any
    /// elided gaps.
    #[must_use]
    pub fn span(&self) -> &Span {
        &self.span
    }

    /// The rung of the ladder that matched.
    #[must_use]
    pub fn rung(&self) -> &Rung {
        &self.rung
    }

    /// The match score from 0 to 1 (see [`Rung::score`]).
    #[must_use]
    pub fn score(&self) -> f64 {
        self.rung.score()
    }

    /// How many places in the text match the quote equally well (at least 1).
    #[must_use]
    pub fn occurrence_count(&self) -> usize {
        self.occurrences.len().max(1)
    }

    /// Every equally good occurrence, in text order. [`span`](Self::span) is one of them: the one
    /// that kept the quote's own final punctuation, then the shortest, then the first.
    #[must_use]
    pub fn occurrences(&self) -> &[Span] {
        &self.occurrences
    }

    /// Whether the quote matched in more than one place.
    #[must_use]
    pub fn is_ambiguous(&self) -> bool {
        self.occurrences.len() > 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_counts_three_ways() -> Result<(), SpanError> {
        let text = PreparedText::new("\u{1F600} ok");
        let span = text.span(5..7)?;
        assert_eq!(span.chars(), 2..4);
        assert_eq!(span.utf16(), 3..5);
        assert_eq!(span.text(text.original()), Some("ok"));
        Ok(())
    }

    #[test]
    fn rejects_ranges_off_char_boundaries() {
        let text = PreparedText::new("\u{1F600} ok");
        assert!(matches!(
            text.span(1..5),
            Err(SpanError::InvalidRange { start: 1, .. })
        ));
        let (start, end) = (3, 2);
        assert!(text.span(start..end).is_err());
        assert!(text.span(0..99).is_err());
    }

    #[test]
    fn span_round_trips_through_serde_and_rejects_nonsense()
    -> Result<(), Box<dyn std::error::Error>> {
        let text = PreparedText::new("h\u{00E9}llo");
        let span = text.span(0..3)?;
        let json = serde_json::to_string(&span)?;
        assert_eq!(serde_json::from_str::<Span>(&json)?, span);
        let bad = r#"{"bytes":{"start":0,"end":1},"chars":{"start":0,"end":5},"utf16":{"start":0,"end":5}}"#;
        assert!(serde_json::from_str::<Span>(bad).is_err());
        Ok(())
    }
}
