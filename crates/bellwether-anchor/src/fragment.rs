//! URL text directives (`#:~:text=…`): encoding, parsing and choosing one that selects a quote.

use std::fmt;
use std::ops::Range;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use crate::fragment_match::Folded;
use crate::interop::{InteropError, checked_span};

/// Bytes written as they are in a text directive term; everything else is percent-encoded,
/// including `-`, `&` and `,`, which the directive syntax uses (WICG grammar,
/// `TextDirectiveExplicitChar`).
const TERM_ENCODE_SET: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'!')
    .remove(b'$')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b'.')
    .remove(b'/')
    .remove(b':')
    .remove(b';')
    .remove(b'=')
    .remove(b'?')
    .remove(b'@')
    .remove(b'_')
    .remove(b'~');

/// Whether a byte may stand unencoded in a term: the complement of [`TERM_ENCODE_SET`].
fn is_explicit_char(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!$'()*+./:;=?@_~".contains(&byte)
}

/// Quotes longer than this many code points get the `start,end` form.
pub const EXACT_FORM_MAX_CHARS: usize = 100;

/// Words in each of the `start` and `end` terms of the `start,end` form, at first.
const RANGE_FORM_MIN_WORDS: usize = 3;

/// Words of `prefix` or `suffix` context tried at most.
pub(crate) const MAX_CONTEXT_WORDS: usize = 6;

/// A URL text directive: `text=[prefix-,]start[,end][,-suffix]`, terms held decoded.
///
/// [`Display`](fmt::Display) writes the encoded form (`text=…`), and [`TextDirective::parse`]
/// reads it back to an equal value whatever the terms hold.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawTextDirective", into = "RawTextDirective")]
pub struct TextDirective {
    prefix: Option<String>,
    start: String,
    end: Option<String>,
    suffix: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct RawTextDirective {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    prefix: Option<String>,
    start: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    suffix: Option<String>,
}

impl TryFrom<RawTextDirective> for TextDirective {
    type Error = InteropError;

    fn try_from(raw: RawTextDirective) -> Result<Self, Self::Error> {
        Self::new(raw.prefix, raw.start, raw.end, raw.suffix)
    }
}

impl From<TextDirective> for RawTextDirective {
    fn from(d: TextDirective) -> Self {
        Self {
            prefix: d.prefix,
            start: d.start,
            end: d.end,
            suffix: d.suffix,
        }
    }
}

impl TextDirective {
    /// Builds a directive from decoded terms.
    ///
    /// # Errors
    ///
    /// [`InteropError::EmptyTerm`] when `start`, or any term given, is empty.
    pub fn new(
        prefix: Option<String>,
        start: String,
        end: Option<String>,
        suffix: Option<String>,
    ) -> Result<Self, InteropError> {
        for (term, value) in [
            ("prefix", prefix.as_deref()),
            ("start", Some(&start)),
            ("end", end.as_deref()),
            ("suffix", suffix.as_deref()),
        ] {
            if value == Some("") {
                return Err(InteropError::EmptyTerm { term });
            }
        }
        Ok(Self {
            prefix,
            start,
            end,
            suffix,
        })
    }

    /// Parses an encoded directive, with or without its leading `text=`.
    ///
    /// # Errors
    ///
    /// [`InteropError::InvalidDirective`] when the value has more than four terms, an empty
    /// term, a character the grammar does not allow unencoded (such as a space or `&`), a `%`
    /// not followed by two hex digits, or bytes that are not UTF-8 once decoded.
    ///
    /// # Example
    ///
    /// ```
    /// use bellwether_anchor::TextDirective;
    ///
    /// let directive = TextDirective::parse("text=said-,export%2Dcontrol,govern,-.")?;
    /// assert_eq!(directive.prefix(), Some("said"));
    /// assert_eq!(directive.start(), "export-control");
    /// assert_eq!(directive.end(), Some("govern"));
    /// assert_eq!(directive.suffix(), Some("."));
    /// assert!(TextDirective::parse("text=a b").is_err());
    /// # Ok::<(), bellwether_anchor::InteropError>(())
    /// ```
    pub fn parse(value: &str) -> Result<Self, InteropError> {
        let body = value.strip_prefix("text=").unwrap_or(value);
        let invalid = |reason| InteropError::InvalidDirective {
            directive: value.to_owned(),
            reason,
        };
        let mut tokens: Vec<&str> = body.split(',').collect();
        if tokens.len() > 4 {
            return Err(invalid("more than four terms"));
        }
        let mut prefix = None;
        let mut suffix = None;
        if let Some(first) = tokens.first().and_then(|t| t.strip_suffix('-')) {
            prefix = Some(first);
            tokens.remove(0);
        }
        if let Some(last) = tokens.last().and_then(|t| t.strip_prefix('-')) {
            suffix = Some(last);
            tokens.pop();
        }
        let (start, end) = match tokens.as_slice() {
            [start] => (*start, None),
            [start, end] => (*start, Some(*end)),
            [] => return Err(invalid("no start term")),
            _ => return Err(invalid("too many terms between prefix and suffix")),
        };
        let decode = |term: &str| -> Result<String, InteropError> {
            if term.is_empty() {
                return Err(invalid("an empty term"));
            }
            let bytes = term.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                let byte = bytes[i];
                if byte == b'%' {
                    let hex = bytes
                        .get(i + 1..i + 3)
                        .filter(|h| h.iter().all(u8::is_ascii_hexdigit));
                    if hex.is_none() {
                        return Err(invalid("a % not followed by two hex digits"));
                    }
                    i += 3;
                    continue;
                }
                if !is_explicit_char(byte) {
                    return Err(invalid("a character that must be percent-encoded"));
                }
                i += 1;
            }
            percent_decode_str(term)
                .decode_utf8()
                .map(|text| text.into_owned())
                .map_err(|_| invalid("bytes that are not UTF-8"))
        };
        Ok(Self {
            prefix: prefix.map(decode).transpose()?,
            start: decode(start)?,
            end: end.map(decode).transpose()?,
            suffix: suffix.map(decode).transpose()?,
        })
    }

    /// Text that must come just before the match, if any.
    pub fn prefix(&self) -> Option<&str> {
        self.prefix.as_deref()
    }

    /// The match's text, or its beginning in the `start,end` form.
    pub fn start(&self) -> &str {
        &self.start
    }

    /// The end of the match in the `start,end` form.
    pub fn end(&self) -> Option<&str> {
        self.end.as_deref()
    }

    /// Text that must come just after the match, if any.
    pub fn suffix(&self) -> Option<&str> {
        self.suffix.as_deref()
    }

    /// The fragment to append to a URL that has none: `#:~:text=…`.
    pub fn to_fragment(&self) -> String {
        format!("#:~:{self}")
    }
}

impl fmt::Display for TextDirective {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let encode = |term: &str| utf8_percent_encode(term, TERM_ENCODE_SET).to_string();
        f.write_str("text=")?;
        if let Some(prefix) = &self.prefix {
            write!(f, "{}-,", encode(prefix))?;
        }
        f.write_str(&encode(&self.start))?;
        if let Some(end) = &self.end {
            write!(f, ",{}", encode(end))?;
        }
        if let Some(suffix) = &self.suffix {
            write!(f, ",-{}", encode(suffix))?;
        }
        Ok(())
    }
}

/// Makes the text directive that selects `span` of `article` in a browser, checked with
/// [`find_text_directive`](crate::find_text_directive).
///
/// White space runs in the terms become one space (as in rendered text). Quotes of at most
/// [`EXACT_FORM_MAX_CHARS`] code points use the exact form (`text=whole%20quote`), longer ones
/// the `start,end` form with three or more words at each end; words of context are added before
/// (`prefix-,`) and after (`,-suffix`) until the directive's first match is the span.
///
/// # Errors
///
/// [`InteropError::InvalidSpan`] for an empty, blank or invalid span, and
/// [`InteropError::Ambiguous`] when no directive within the limits selects it first.
///
/// # Example
///
/// ```
/// use bellwether_anchor::text_fragment;
///
/// let article = "Export controls matter. Officials said export controls matter less now.";
/// let second = article.rfind("export controls matter").unwrap();
/// let directive = text_fragment(article, second..second + 22)?;
/// assert_eq!(directive.to_string(), "text=said-,export%20controls%20matter");
/// # Ok::<(), bellwether_anchor::InteropError>(())
/// ```
///
/// Cost: folding the article, O(n) time and about 1.3n bytes (reuse a [`TextFragmenter`] for
/// several quotes of one article), then as [`TextFragmenter::text_fragment`].
pub fn text_fragment(article: &str, span: Range<usize>) -> Result<TextDirective, InteropError> {
    TextFragmenter::new(article).text_fragment(span)
}

/// An article prepared for making and checking text directives: folded once as a browser
/// compares text, then reused for all of its quotes.
///
/// # Example
///
/// ```
/// use bellwether_anchor::TextFragmenter;
///
/// let article = "Export controls matter. Officials said export controls matter less now.";
/// let fragmenter = TextFragmenter::new(article);
/// let first = fragmenter.text_fragment(0..22)?;
/// assert_eq!(first.to_string(), "text=Export%20controls%20matter");
/// assert_eq!(fragmenter.find(&first), Some(0..22));
/// # Ok::<(), bellwether_anchor::InteropError>(())
/// ```
#[derive(Debug)]
pub struct TextFragmenter<'a> {
    article: &'a str,
    folded: Folded<'a>,
}

impl<'a> TextFragmenter<'a> {
    /// Folds `article` once.
    ///
    /// Cost: O(n) time for `n` bytes (folding; word boundaries are found later, only around
    /// the places a directive is checked, except in a text without spaces, which is segmented
    /// whole on first need). Memory: the folded text (about `n` bytes), a bit per folded byte
    /// for word boundaries in a text without spaces, and 32 bytes for each place where the folding changes
    /// a character's length (an accented letter, a run of white space): measured 1.2n to 1.6n
    /// bytes on the English and Chinese test corpus and on the 1 MB benchmark text (it was 21n
    /// with a source range per byte). The worst case, about 22n (36n at the peak while
    /// folding), is a text where every other character changes length (`éxéxéx…`). Never
    /// fails.
    pub fn new(article: &'a str) -> Self {
        Self {
            article,
            folded: Folded::new(article),
        }
    }

    /// The article as given.
    pub fn article(&self) -> &'a str {
        self.article
    }

    /// The span a browser would highlight for `directive` (see
    /// [`find_text_directive`](crate::find_text_directive)).
    pub fn find(&self, directive: &TextDirective) -> Option<Range<usize>> {
        self.folded.find(directive)
    }

    /// The text directive that selects `span`, as [`text_fragment`] describes.
    ///
    /// # Errors
    ///
    /// As [`text_fragment`].
    ///
    /// Cost: at most 9 forms (the exact form, or range forms of 3 to 10 words at each end) are
    /// each tried bare and with 1 to 6 words of context on either side or both, so at most 171
    /// candidate directives, each checked with the browser's matching, O(n·r) at worst (see
    /// [`find_text_directive`](crate::find_text_directive)); memory as [`TextFragmenter::new`].
    pub fn text_fragment(&self, span: Range<usize>) -> Result<TextDirective, InteropError> {
        let article = self.article;
        let span = checked_span(article, span, true)?;
        let quote = &article[span.clone()];
        let words: Vec<Range<usize>> = quote
            .unicode_word_indices()
            .map(|(i, w)| span.start + i..span.start + i + w.len())
            .collect();
        let term = |range: Range<usize>| collapse_white_space(&article[range]);
        let mut bases: Vec<(String, Option<String>)> = Vec::new();
        let long = quote.chars().count() > EXACT_FORM_MAX_CHARS;
        if long {
            let mut n = RANGE_FORM_MIN_WORDS;
            // Every base is tried with every context: a cap keeps a long quote from costing
            // hundreds of searches of the article.
            while 2 * n < words.len() && n < RANGE_FORM_MIN_WORDS + MAX_RANGE_FORMS {
                let start = term(span.start..words[n - 1].end);
                let end = term(words[words.len() - n].start..span.end);
                bases.push((start, Some(end)));
                n += 1;
            }
        }
        bases.push((term(span.clone()), None));
        let selects = |directive: &TextDirective| self.folded.find(directive) == Some(span.clone());
        let make = |prefix: Option<String>, (start, end): &(String, Option<String>), suffix| {
            TextDirective {
                prefix,
                start: start.clone(),
                end: end.clone(),
                suffix,
            }
        };
        for base in &bases {
            let directive = make(None, base, None);
            if selects(&directive) {
                return Ok(directive);
            }
        }
        let (before, after) = context_words(article, &span);
        let prefix_of = |k: usize| {
            let first = before.len().checked_sub(k)?;
            let text = collapse_white_space(article[before[first].start..span.start].trim_end());
            (!text.is_empty()).then_some(text)
        };
        let suffix_of = |k: usize| {
            let last = after.get(k - 1)?;
            let text = collapse_white_space(article[span.end..last.end].trim_start());
            (!text.is_empty()).then_some(text)
        };
        for k in 1..=MAX_CONTEXT_WORDS {
            let (prefix, suffix) = (prefix_of(k), suffix_of(k));
            let tries = [
                (prefix.clone(), None),
                (None, suffix.clone()),
                (prefix, suffix),
            ];
            for base in &bases {
                for (prefix, suffix) in tries.iter().cloned() {
                    if prefix.is_none() && suffix.is_none() {
                        continue;
                    }
                    let directive = make(prefix, base, suffix);
                    if selects(&directive) {
                        return Ok(directive);
                    }
                }
            }
        }
        Err(InteropError::Ambiguous {
            start: span.start,
            end: span.end,
        })
    }
}

/// Most range forms tried for a long quote (`start` and `end` of 3, 4, … words).
const MAX_RANGE_FORMS: usize = 8;

/// Bytes of article searched on each side of a quote for context words: ample for
/// [`MAX_CONTEXT_WORDS`] words, and it keeps the cost independent of the article's length.
const CONTEXT_WINDOW_BYTES: usize = 64 * MAX_CONTEXT_WORDS;

/// The words just before and just after `span`, within [`CONTEXT_WINDOW_BYTES`]; a word the
/// window may have cut is dropped.
fn context_words(article: &str, span: &Range<usize>) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let mut from = span.start.saturating_sub(CONTEXT_WINDOW_BYTES);
    while !article.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (span.end + CONTEXT_WINDOW_BYTES).min(article.len());
    while !article.is_char_boundary(to) {
        to += 1;
    }
    let mut before: Vec<Range<usize>> = article[from..span.start]
        .unicode_word_indices()
        .map(|(i, w)| from + i..from + i + w.len())
        .collect();
    if from > 0 && !before.is_empty() {
        before.remove(0);
    }
    let mut after: Vec<Range<usize>> = article[span.end..to]
        .unicode_word_indices()
        .map(|(i, w)| span.end + i..span.end + i + w.len())
        .collect();
    if to < article.len() {
        after.pop();
    }
    (before, after)
}

/// Appends a text directive to an article's URL, keeping any fragment it has (and replacing an
/// earlier directive).
///
/// # Errors
///
/// [`InteropError::UnsupportedUrl`] unless `url` is an absolute `http://` or `https://` URL
/// with a host and without white space or control characters.
///
/// # Example
///
/// ```
/// use bellwether_anchor::{TextDirective, fragment_url};
///
/// let directive = TextDirective::parse("text=DeepSeek")?;
/// assert_eq!(
///     fragment_url("https://example.com/g-2#top", &directive)?,
///     "https://example.com/g-2#top:~:text=DeepSeek"
/// );
/// assert!(fragment_url("javascript:alert(1)", &directive).is_err());
/// # Ok::<(), bellwether_anchor::InteropError>(())
/// ```
///
/// Cost: linear in the URL and the directive.
pub fn fragment_url(url: &str, directive: &TextDirective) -> Result<String, InteropError> {
    let unsupported = |reason| InteropError::UnsupportedUrl {
        url: url.to_owned(),
        reason,
    };
    let Some((scheme, rest)) = url.split_once(':') else {
        return Err(unsupported("it has no scheme"));
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Err(unsupported(
            "only http and https pages can be opened at a text fragment",
        ));
    }
    let Some(authority) = rest.strip_prefix("//") else {
        return Err(unsupported(
            "it is not an absolute URL (no // after the scheme)",
        ));
    };
    let host_end = authority.find(['/', '?', '#']).unwrap_or(authority.len());
    if authority[..host_end].is_empty() {
        return Err(unsupported("it has no host"));
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(unsupported("it contains white space or control characters"));
    }
    let base = match url.split_once(":~:") {
        Some((before, _)) if before.contains('#') => before,
        _ => url,
    };
    let separator = if base.contains('#') { "" } else { "#" };
    Ok(format!("{base}{separator}:~:{directive}"))
}

/// Reads the text directives of a URL's fragment directive (`#…:~:text=…&text=…`), skipping
/// other directives.
///
/// # Errors
///
/// [`InteropError::InvalidDirective`] when a `text=` directive does not parse.
///
/// Cost: linear in the URL.
pub fn text_directives_in_url(url: &str) -> Result<Vec<TextDirective>, InteropError> {
    let Some((_, fragment)) = url.split_once('#') else {
        return Ok(Vec::new());
    };
    let Some((_, directives)) = fragment.split_once(":~:") else {
        return Ok(Vec::new());
    };
    directives
        .split('&')
        .filter(|d| d.starts_with("text="))
        .map(TextDirective::parse)
        .collect()
}

/// Collapses every run of white space to one space, as rendered text shows it.
pub(crate) fn collapse_white_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fragment_match::find_text_directive;
    use crate::fragment_match::tests::directive;

    #[test]
    fn encodes_dash_ampersand_comma_and_space() {
        let d = directive(Some("a-b"), "x & y, z", None, Some("q"));
        assert_eq!(d.to_string(), "text=a%2Db-,x%20%26%20y%2C%20z,-q");
        assert_eq!(TextDirective::parse(&d.to_string()).unwrap(), d);
    }

    #[test]
    fn rejects_malformed_directives() {
        for bad in [
            "text=",
            "text=a,b,c",
            "text=a b",
            "text=%2",
            "text=%FF",
            "text=-a-",
            "text=a,,b",
            "text=p-,-s",
        ] {
            assert!(TextDirective::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            TextDirective::new(None, String::new(), None, None),
            Err(InteropError::EmptyTerm { term: "start" })
        );
    }

    #[test]
    fn long_quotes_use_the_start_end_form() {
        let quote = "Chinese AI firms are relying on distillation attacks to offset deficits in AI \
                     computing power and illicitly reproduce the core capabilities of US models.";
        let article = format!("The White House said \u{201C}{quote}\u{201D} on Tuesday.");
        let start = article.find("Chinese").unwrap();
        let d = text_fragment(&article, start..start + quote.len()).unwrap();
        assert_eq!(d.start(), "Chinese AI firms");
        assert_eq!(d.end(), Some("of US models."));
        assert_eq!(
            find_text_directive(&article, &d),
            Some(start..start + quote.len())
        );
    }

    #[test]
    fn selects_a_repeated_cjk_quote_with_context() {
        let article = "出口管制很重要。官员说，出口管制很重要。";
        let second = article.rfind("出口管制").unwrap();
        let span = second..second + "出口管制很重要".len();
        let d = text_fragment(article, span.clone()).unwrap();
        assert_eq!(d.prefix(), Some("说，")); // one ideograph is one word
        assert_eq!(find_text_directive(article, &d), Some(span));
    }

    #[test]
    fn rejects_spans_that_cannot_be_selected() {
        let article = "same words. same words.";
        assert!(matches!(
            text_fragment(article, 3..3),
            Err(InteropError::InvalidSpan { .. })
        ));
        assert_eq!(
            text_fragment(article, 12..22).unwrap().prefix(),
            Some("words.")
        );
        let repeated = "x ".repeat(20);
        assert!(matches!(
            text_fragment(&repeated, 20..21),
            Err(InteropError::Ambiguous { .. })
        ));
    }

    #[test]
    fn fragment_url_appends_or_replaces_and_rejects_other_schemes() {
        let d = directive(None, "DeepSeek", None, None);
        assert_eq!(
            fragment_url("https://a.example/x", &d).unwrap(),
            "https://a.example/x#:~:text=DeepSeek"
        );
        assert_eq!(
            fragment_url("HTTP://a.example/x#:~:text=old", &d).unwrap(),
            "HTTP://a.example/x#:~:text=DeepSeek"
        );
        for bad in [
            "ftp://a.example/x",
            "https:/x",
            "https:///x",
            "https://a.example/x y",
            "mailto:x@y",
        ] {
            assert!(
                matches!(
                    fragment_url(bad, &d),
                    Err(InteropError::UnsupportedUrl { .. })
                ),
                "{bad}"
            );
        }
        let url = fragment_url("https://a.example/x#top", &d).unwrap();
        assert_eq!(text_directives_in_url(&url).unwrap(), [d]);
    }
}
