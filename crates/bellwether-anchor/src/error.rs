//! Why a quote could not be located, with what was closest.

use serde::{Deserialize, Serialize};

use crate::report::Span;

/// The closest passage found for a quote that was not accepted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// Where the passage is in the original text.
    pub span: Span,
    /// The passage as it appears in the original text.
    pub text: String,
    /// Byte edits between the normalised quote and the normalised passage.
    pub edits: usize,
    /// `1 − edits / quote length`, from 0 to 1.
    pub score: f64,
}

/// A run of words that differs between a quote and the passage it was compared with.
///
/// Words are compared after normalisation; `quoted` is empty for words the quote leaves out and
/// `found` is empty for words the text does not have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordDifference {
    /// The quote's words (normalised), space-separated.
    pub quoted: String,
    /// The text's words at that place (normalised), space-separated.
    pub found: String,
}

/// A quote that could not be located.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum LocateError {
    /// The quote has nothing to look for.
    #[error("quote is empty or only white space; pass the quoted words")]
    EmptyQuote,
    /// The quote is too short to be located unambiguously.
    #[error(
        "quote {quote:?} has {chars} characters after normalisation, fewer than the minimum of \
         {min}; quote a longer passage, or lower the minimum with LocatorBuilder::min_quote_chars"
    )]
    QuoteTooShort {
        /// The quote as given.
        quote: String,
        /// Its length in chars after normalisation, not counting white space or elisions.
        chars: usize,
        /// The configured minimum.
        min: usize,
    },
    /// The quote is longer than the locator's limit, as given or after normalisation.
    #[error(
        "quote has {bytes} bytes, more than the limit of {max}; quote a shorter passage, or raise \
         the limit with LocatorBuilder::max_quote_bytes"
    )]
    QuoteTooLong {
        /// The quote's length in bytes (as given, or normalised when that is what exceeds).
        bytes: usize,
        /// The configured limit.
        max: usize,
    },
    /// The text searched is longer than the locator's limit.
    #[error(
        "text has {bytes} bytes, more than the limit of {max}; split the article, or raise the \
         limit with LocatorBuilder::max_text_bytes"
    )]
    TextTooLong {
        /// The original text's length in bytes.
        bytes: usize,
        /// The configured limit.
        max: usize,
    },
    /// The quote has more pieces (parts between elisions or insertions) than the limit.
    #[error(
        "quote has {pieces} pieces between elisions and insertions, more than the limit of {max}; \
         quote fewer separate passages, or raise the limit with LocatorBuilder::max_pieces"
    )]
    TooManyPieces {
        /// The quote's number of pieces.
        pieces: usize,
        /// The configured limit.
        max: usize,
    },
    /// Nothing in the text comes close to the quote.
    #[error(
        "quote {quote:?} is not in the text: the closest passage{} scores {score:.3}, below the \
         misquote bar of {misquote_bar:.2}; check that the quote comes from this article",
        best.as_ref().map(|c| format!(" {:?}", c.text)).unwrap_or_default()
    )]
    NotFound {
        /// The quote as given.
        quote: String,
        /// The closest passage, if the text has any.
        best: Option<Box<Candidate>>,
        /// The closest passage's score (0 when there is none).
        score: f64,
        /// The configured misquote bar.
        misquote_bar: f64,
    },
    /// The text has a passage close to the quote, but not close enough to accept it.
    #[error(
        "quote {quote:?} is misquoted: the closest passage {:?} scores {:.3}, below the acceptance \
         bar of {accept_bar:.2}; it differs in {}; quote the passage as written",
        best.text,
        best.score,
        describe(differences)
    )]
    Misquoted {
        /// The quote as given.
        quote: String,
        /// The closest passage.
        best: Box<Candidate>,
        /// The runs of words that differ, quote against passage.
        differences: Vec<WordDifference>,
        /// The configured acceptance bar.
        accept_bar: f64,
    },
}

fn describe(differences: &[WordDifference]) -> String {
    if differences.is_empty() {
        return "spelling or punctuation only".to_owned();
    }
    let parts: Vec<String> = differences
        .iter()
        .take(5)
        .map(|d| match (d.quoted.is_empty(), d.found.is_empty()) {
            (true, _) => format!("missing {:?}", d.found),
            (_, true) => format!("extra {:?}", d.quoted),
            _ => format!("{:?} for {:?}", d.quoted, d.found),
        })
        .collect();
    let more = differences.len().saturating_sub(5);
    if more > 0 {
        format!("{} and {more} more", parts.join(", "))
    } else {
        parts.join(", ")
    }
}

/// A [`Locator`](crate::Locator) or [`AnchorSuggester`](crate::AnchorSuggester) setting that
/// cannot work.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A score bar outside 0 to 1, or the misquote bar above the acceptance bar.
    #[error(
        "score bars must satisfy 0 <= misquote bar ({misquote_bar}) <= acceptance bar \
         ({accept_bar}) <= 1; choose bars in that order"
    )]
    Bars {
        /// The acceptance bar given.
        accept_bar: f64,
        /// The misquote bar given.
        misquote_bar: f64,
    },
    /// A minimum quote length of zero.
    #[error("minimum quote length must be at least 1 character; 10 is the default")]
    ZeroMinimum,
    /// A limit outside the range it must lie in.
    #[error("{limit} is {value}, outside {min} to {max}; choose a value in that range")]
    LimitOutOfRange {
        /// The setting, e.g. `max_quote_bytes` or `max_words`.
        limit: &'static str,
        /// The value given.
        value: usize,
        /// The least value allowed.
        min: usize,
        /// The greatest value allowed.
        max: usize,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_lowercase_and_say_what_to_do() {
        let e = LocateError::QuoteTooShort {
            quote: "ok".into(),
            chars: 2,
            min: 10,
        };
        let msg = e.to_string();
        assert!(msg.starts_with("quote \"ok\" has 2 characters"));
        assert!(msg.contains("quote a longer passage"));
        let d = describe(&[WordDifference {
            quoted: "cats".into(),
            found: "dogs".into(),
        }]);
        assert_eq!(d, "\"cats\" for \"dogs\"");
    }
}
