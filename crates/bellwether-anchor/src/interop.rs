//! Pointing other tools at a located quote: W3C Web Annotation selectors (here) and URL text
//! fragments (`fragment.rs`, matched as browsers do in `fragment_match.rs`).
//!
//! [`annotation_selectors`] gives the two selectors of the W3C Web Annotation Data Model that
//! describe a span of a plain text: a `TextQuoteSelector` (the exact text with some context before
//! and after) and a `TextPositionSelector` (start and end counted in Unicode code points).

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::fragment::MAX_CONTEXT_WORDS;

/// Code points of context on each side of a [`TextQuoteSelector`] (as Hypothesis uses).
pub const SELECTOR_CONTEXT_CHARS: usize = 32;

/// Why a selector, text directive or fragment URL could not be made or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InteropError {
    /// The span is empty, blank, reversed, past the end or not on char boundaries.
    #[error(
        "span {start}..{end} is not a non-blank range on char boundaries of the {len}-byte \
         article; pass the span reported when the quote was located"
    )]
    InvalidSpan {
        /// Start of the span.
        start: usize,
        /// End of the span.
        end: usize,
        /// Length of the article in bytes.
        len: usize,
    },
    /// No directive within the context limit selects the span first (the article repeats the
    /// passage with the same surroundings, or the span starts or ends inside a word).
    #[error(
        "no text directive selects span {start}..{end} before any other match, even with \
         {MAX_CONTEXT_WORDS} words of context; widen the span to whole words or link without a \
         fragment"
    )]
    Ambiguous {
        /// Start of the span.
        start: usize,
        /// End of the span.
        end: usize,
    },
    /// A text directive term is empty.
    #[error("the text directive's {term} is empty; every given term needs at least one character")]
    EmptyTerm {
        /// Which term: `prefix`, `start`, `end` or `suffix`.
        term: &'static str,
    },
    /// A text directive could not be parsed.
    #[error(
        "{directive:?} is not a valid text directive ({reason}); expected text=[prefix-,]start[,end][,-suffix]"
    )]
    InvalidDirective {
        /// The directive as given.
        directive: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The URL is not an absolute http or https URL.
    #[error(
        "{url:?} cannot carry a text fragment: {reason}; pass the article's http:// or https:// address"
    )]
    UnsupportedUrl {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        reason: &'static str,
    },
}

/// W3C Web Annotation `TextQuoteSelector`: the exact text and its context.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TextQuoteSelector {
    /// The selected text, verbatim.
    pub exact: String,
    /// Up to [`SELECTOR_CONTEXT_CHARS`] code points just before it (omitted at the start).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// Up to [`SELECTOR_CONTEXT_CHARS`] code points just after it (omitted at the end).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
}

/// W3C Web Annotation `TextPositionSelector`: offsets in Unicode code points, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TextPositionSelector {
    /// Code points before the selection.
    pub start: usize,
    /// Code points before the end of the selection.
    pub end: usize,
}

/// A Web Annotation selector, serialised with its `type` as the data model requires
/// (`{"type": "TextQuoteSelector", "exact": …}`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type")]
#[non_exhaustive]
pub enum Selector {
    /// A `TextQuoteSelector`.
    TextQuoteSelector(TextQuoteSelector),
    /// A `TextPositionSelector`.
    TextPositionSelector(TextPositionSelector),
}

/// The two Web Annotation selectors of one span of an article.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AnnotationSelectors {
    /// The exact text with its context.
    pub quote: TextQuoteSelector,
    /// The code point offsets.
    pub position: TextPositionSelector,
}

impl AnnotationSelectors {
    /// Both selectors in the data model's form, for an annotation target's `"selector"` array.
    pub fn to_selectors(&self) -> [Selector; 2] {
        [
            Selector::TextQuoteSelector(self.quote.clone()),
            Selector::TextPositionSelector(self.position),
        ]
    }
}

/// Describes a span of an article with the two Web Annotation selectors for plain text.
///
/// # Errors
///
/// [`InteropError::InvalidSpan`] when the span is empty, reversed, past the end or not on char
/// boundaries.
///
/// # Example
///
/// ```
/// use bellwether_anchor::annotation_selectors;
///
/// let article = "Caf\u{e9} owners say DeepSeek changed everything.";
/// let start = article.find("DeepSeek").unwrap();
/// assert_eq!(start, 17); // bytes: `é` takes two
/// let selectors = annotation_selectors(article, start..start + 8)?;
/// assert_eq!((selectors.position.start, selectors.position.end), (16, 24)); // code points
/// assert_eq!(selectors.quote.suffix.as_deref(), Some(" changed everything."));
/// let json = serde_json::to_string(&selectors.to_selectors()).unwrap();
/// assert!(json.starts_with(r#"[{"type":"TextQuoteSelector","exact":"DeepSeek""#));
/// assert!(annotation_selectors(article, 4..6).is_err()); // byte 4 is inside `é`
/// # Ok::<(), bellwether_anchor::InteropError>(())
/// ```
///
/// Cost: O(span.end) to count the code points before the span's end, and memory for the span
/// and its context.
pub fn annotation_selectors(
    article: &str,
    span: Range<usize>,
) -> Result<AnnotationSelectors, InteropError> {
    let span = checked_span(article, span, false)?;
    let before = &article[..span.start];
    let after = &article[span.end..];
    let prefix_start = before
        .char_indices()
        .rev()
        .nth(SELECTOR_CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let suffix_end = after
        .char_indices()
        .nth(SELECTOR_CONTEXT_CHARS)
        .map_or(after.len(), |(i, _)| i);
    let non_empty = |text: &str| (!text.is_empty()).then(|| text.to_owned());
    let start = before.chars().count();
    let quote = TextQuoteSelector {
        exact: article[span.clone()].to_owned(),
        prefix: non_empty(&before[prefix_start..]),
        suffix: non_empty(&after[..suffix_end]),
    };
    let position = TextPositionSelector {
        start,
        end: start + article[span].chars().count(),
    };
    Ok(AnnotationSelectors { quote, position })
}

/// Checks that `span` is a non-empty range of `article` on char boundaries; with `trim`, also
/// not blank, and returns it without its surrounding white space.
pub(crate) fn checked_span(
    article: &str,
    span: Range<usize>,
    trim: bool,
) -> Result<Range<usize>, InteropError> {
    let invalid = InteropError::InvalidSpan {
        start: span.start,
        end: span.end,
        len: article.len(),
    };
    let Some(text) = article.get(span.clone()) else {
        return Err(invalid);
    };
    if text.is_empty() || (trim && text.trim().is_empty()) {
        return Err(invalid);
    }
    if !trim {
        return Ok(span);
    }
    let start = span.start + (text.len() - text.trim_start().len());
    Ok(start..start + text.trim().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_carry_context_and_code_point_offsets() {
        let article = "é".repeat(40) + " DeepSeek " + &"ü".repeat(40);
        let start = article.find("DeepSeek").unwrap();
        let selectors = annotation_selectors(&article, start..start + 8).unwrap();
        let quote = &selectors.quote;
        assert_eq!(quote.prefix.as_deref().map(|p| p.chars().count()), Some(32));
        assert!(quote.prefix.as_deref().unwrap().ends_with("é "));
        assert_eq!(quote.suffix.as_deref().map(|s| s.chars().count()), Some(32));
        assert_eq!(
            selectors.position,
            TextPositionSelector { start: 41, end: 49 }
        );
        let [_, position] = selectors.to_selectors();
        let json = serde_json::to_value(&position).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"type": "TextPositionSelector", "start": 41, "end": 49})
        );
    }
}
