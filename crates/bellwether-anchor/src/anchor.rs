//! Anchors: find the bracketed anchor phrase inside its quote, on whole words.
//!
//! An anchor is the phrase of a quote that carries its point (`[distillation attacks]`). It must be
//! a run of whole words of the quote: `[export]` anchors `"export controls"`, but `[port]` does not.
//! Matching is insensitive to everything [`PreparedText`] normalises (case, typographic quotes,
//! dashes, white space, …), and words are those of Unicode's default word boundaries (UAX #29),
//! found on the normalised text so that a word hyphenated across a line (`govern-\nment`) counts
//! as one word.

use std::ops::Range;

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use crate::locate::DEFAULT_MAX_QUOTE_BYTES;
use crate::myers::Pattern;
use crate::prepare::PreparedText;

/// Longest anchor accepted, in bytes as written: an anchor is a phrase of its quote.
pub const MAX_ANCHOR_BYTES: usize = 512;
/// Most anchors of one quote (the signal model's list limit).
pub const MAX_ANCHORS: usize = 64;
/// Longest quote an anchor is looked for in, in bytes: the locator's default quote limit.
pub const MAX_ANCHOR_QUOTE_BYTES: usize = DEFAULT_MAX_QUOTE_BYTES;

/// Where an anchor lies in the text searched (a quote, or an article through
/// [`locate_anchor_in`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AnchorMatch {
    /// Byte span of the first whole-word occurrence, in the original text searched, on `char`
    /// boundaries. For char and UTF-16 offsets, pass it to
    /// [`PreparedText::span`](crate::PreparedText::span) of that text.
    pub span: Range<usize>,
    /// The original text on `span` (which may differ from the anchor as written, e.g. in case).
    pub text: String,
    /// How many whole-word occurrences the text holds (at least 1).
    pub occurrences: usize,
    /// Whether `text` is byte for byte the anchor as written (after trimming white space).
    pub exact: bool,
}

/// Why an anchor could not be placed in its quote.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AnchorError {
    /// The anchor is empty or only white space.
    #[error(
        "the anchor is empty; write a phrase copied from the quote, e.g. [distillation attacks]"
    )]
    EmptyAnchor,
    /// The anchor does not occur in the quote, even after normalisation.
    #[error(
        "the anchor {anchor:?} does not occur in the quote{}; copy the anchor from the quote's \
         own words",
        nearest.as_ref().map(|n| format!(" (closest phrase: {n:?})")).unwrap_or_default()
    )]
    NotInQuote {
        /// The anchor as written.
        anchor: String,
        /// The quote's phrase of the same number of words that is closest in spelling, if any.
        nearest: Option<String>,
    },
    /// The anchor occurs only inside longer words.
    #[error(
        "the anchor {anchor:?} only matches part of a word, inside {word:?} at byte {offset} of \
         the quote; extend the anchor to whole words"
    )]
    PartOfWord {
        /// The anchor as written.
        anchor: String,
        /// The whole word or words around the first partial occurrence, as in the quote.
        word: String,
        /// Byte offset of `word` in the quote.
        offset: usize,
    },
    /// The quote is longer than [`MAX_ANCHOR_QUOTE_BYTES`].
    #[error(
        "the quote has {bytes} bytes, more than the limit of {max} for placing anchors; quote a \
         shorter passage"
    )]
    QuoteTooLong {
        /// The quote's length in bytes.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// The anchor is longer than [`MAX_ANCHOR_BYTES`].
    #[error(
        "the anchor has {bytes} bytes, more than the limit of {max}; an anchor is a short phrase \
         of the quote, e.g. [distillation attacks]"
    )]
    AnchorTooLong {
        /// The anchor's length in bytes, as written.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// More anchors than [`MAX_ANCHORS`] for one quote.
    #[error(
        "the quote has {count} anchors, more than the limit of {max}; keep the ones that matter"
    )]
    TooManyAnchors {
        /// The number of anchors given.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// The quote span passed to [`locate_anchor_in`] is not a valid range of the article.
    #[error(
        "the quote span {start}..{end} is not a range on char boundaries of the {len}-byte \
         article; pass the span reported when the quote was located"
    )]
    InvalidQuoteSpan {
        /// Start of the span.
        start: usize,
        /// End of the span.
        end: usize,
        /// Length of the article in bytes.
        len: usize,
    },
}

/// Locates an anchor in a quote, on whole words, ignoring case and typographic differences.
///
/// # Errors
///
/// [`AnchorError::QuoteTooLong`] for a quote over [`MAX_ANCHOR_QUOTE_BYTES`],
/// [`AnchorError::AnchorTooLong`] for an anchor over [`MAX_ANCHOR_BYTES`],
/// [`AnchorError::EmptyAnchor`] for a blank anchor, [`AnchorError::NotInQuote`] when the anchor
/// does not occur (with the closest phrase of the quote), and [`AnchorError::PartOfWord`] when it
/// occurs only inside longer words.
///
/// Cost: for a quote of `q` bytes (`w` words) and an anchor of `a` bytes, O(q + a) to normalise
/// and find whole-word matches (O(q·a) if the anchor overlaps itself at every position), and,
/// only when the anchor is absent, O(w·q·⌈a/64⌉) bit-parallel steps to name the closest phrase;
/// O(q + a) memory. With the limits, a few milliseconds at worst.
///
/// # Example
///
/// ```
/// use bellwether_anchor::{AnchorError, locate_anchor};
///
/// let quote = "Software is not what export\u{2011}control architectures were built to govern.";
/// let anchor = locate_anchor(quote, "Export-control architectures")?;
/// assert_eq!(&quote[anchor.span.clone()], "export\u{2011}control architectures");
/// assert!(!anchor.exact);
///
/// assert!(matches!(locate_anchor(quote, "archit"), Err(AnchorError::PartOfWord { .. })));
/// assert!(matches!(locate_anchor(quote, "hardware"), Err(AnchorError::NotInQuote { .. })));
/// # Ok::<(), AnchorError>(())
/// ```
pub fn locate_anchor(quote: &str, anchor: &str) -> Result<AnchorMatch, AnchorError> {
    check_quote(quote)?;
    check_anchor(anchor)?;
    locate_anchor_prepared(&PreparedText::new(quote), anchor)
}

fn check_quote(quote: &str) -> Result<(), AnchorError> {
    if quote.len() > MAX_ANCHOR_QUOTE_BYTES {
        return Err(AnchorError::QuoteTooLong {
            bytes: quote.len(),
            max: MAX_ANCHOR_QUOTE_BYTES,
        });
    }
    Ok(())
}

fn check_anchor(anchor: &str) -> Result<(), AnchorError> {
    if anchor.len() > MAX_ANCHOR_BYTES {
        return Err(AnchorError::AnchorTooLong {
            bytes: anchor.len(),
            max: MAX_ANCHOR_BYTES,
        });
    }
    Ok(())
}

/// Locates several anchors in one quote, preparing the quote once.
///
/// # Errors
///
/// [`AnchorError::TooManyAnchors`] for more than [`MAX_ANCHORS`] anchors; otherwise the first
/// anchor's error, as for [`locate_anchor`].
///
/// Cost: one normalisation of the quote, then as [`locate_anchor`] per anchor.
pub fn locate_anchors<S: AsRef<str>>(
    quote: &str,
    anchors: &[S],
) -> Result<Vec<AnchorMatch>, AnchorError> {
    if anchors.len() > MAX_ANCHORS {
        return Err(AnchorError::TooManyAnchors {
            count: anchors.len(),
            max: MAX_ANCHORS,
        });
    }
    check_quote(quote)?;
    let prepared = PreparedText::new(quote);
    anchors
        .iter()
        .map(|anchor| locate_anchor_prepared(&prepared, anchor.as_ref()))
        .collect()
}

/// Locates an anchor in the part of an article where its quote was found, and reports the span in
/// article bytes.
///
/// Use this rather than shifting a span found in the quote as written: the model's quote may
/// differ from the article in case, quotation marks or spacing, so offsets in one are not offsets
/// in the other. Words are judged within the quote's span, as if the span were the whole text.
///
/// # Errors
///
/// [`AnchorError::InvalidQuoteSpan`] when `quote_span` is reversed, past the end or not on char
/// boundaries; otherwise as [`locate_anchor`] (the span's text is the quote).
///
/// Cost: as [`locate_anchor`] on the span's text.
///
/// # Example
///
/// ```
/// use bellwether_anchor::locate_anchor_in;
///
/// let article = "Officials said \u{201C}The launch of DeepSeek, the large language model\u{201D}.";
/// let quote_span = 18..article.len() - 4;
/// let anchor = locate_anchor_in(article, quote_span, "deepseek")?;
/// assert_eq!(&article[anchor.span], "DeepSeek");
/// # Ok::<(), bellwether_anchor::AnchorError>(())
/// ```
pub fn locate_anchor_in(
    article: &str,
    quote_span: Range<usize>,
    anchor: &str,
) -> Result<AnchorMatch, AnchorError> {
    let Range { start, end } = quote_span;
    let Some(quote) = article.get(start..end) else {
        return Err(AnchorError::InvalidQuoteSpan {
            start,
            end,
            len: article.len(),
        });
    };
    let mut found = locate_anchor(quote, anchor)?;
    found.span = found.span.start + start..found.span.end + start;
    Ok(found)
}

/// Locates an anchor in an already prepared quote (see [`locate_anchor`]).
///
/// # Errors
///
/// As [`locate_anchor`], the quote's length being that of its original text.
///
/// Cost: as [`locate_anchor`] without the quote's normalisation.
pub fn locate_anchor_prepared(
    quote: &PreparedText,
    anchor: &str,
) -> Result<AnchorMatch, AnchorError> {
    check_quote(quote.original())?;
    check_anchor(anchor)?;
    let written = anchor.trim();
    if written.is_empty() {
        return Err(AnchorError::EmptyAnchor);
    }
    let prepared_anchor = PreparedText::new(written);
    let needle = prepared_anchor.normalized().trim();
    if needle.is_empty() {
        return Err(AnchorError::EmptyAnchor);
    }
    let haystack = quote.normalized();
    let bounds = word_bounds(haystack);
    let is_bound = |offset: usize| bounds.binary_search(&offset).is_ok();
    let mut first_whole = None;
    let mut first_partial = None;
    let mut occurrences = 0;
    for start in overlapping_matches(haystack, needle) {
        let end = start + needle.len();
        if is_bound(start) && is_bound(end) {
            occurrences += 1;
            first_whole.get_or_insert(start..end);
        } else {
            first_partial.get_or_insert(start..end);
        }
    }
    if let Some(found) = first_whole {
        let span = quote.to_original(found);
        let text = quote.original()[span.clone()].to_owned();
        let exact = text == written;
        return Ok(AnchorMatch {
            span,
            text,
            occurrences,
            exact,
        });
    }
    if let Some(partial) = first_partial {
        let widened = widen_to_bounds(&bounds, partial);
        let span = quote.to_original(widened);
        return Err(AnchorError::PartOfWord {
            anchor: written.to_owned(),
            word: quote.original()[span.clone()].to_owned(),
            offset: span.start,
        });
    }
    Err(AnchorError::NotInQuote {
        anchor: written.to_owned(),
        nearest: nearest_phrase(quote, needle),
    })
}

/// Start offsets of every occurrence of `needle` in `haystack`, overlapping ones included (a
/// partial-word match must not hide a whole-word one that overlaps it: `é` in `aé é`).
pub(crate) fn overlapping_matches<'a>(
    haystack: &'a str,
    needle: &'a str,
) -> impl Iterator<Item = usize> + 'a {
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    let mut from = 0;
    std::iter::from_fn(move || {
        if needle.is_empty() || from > haystack.len() {
            return None;
        }
        let start = from + finder.find(&haystack.as_bytes()[from..])?;
        // Resume at the next char boundary: every match starts on one.
        from = start + haystack[start..].chars().next().map_or(1, char::len_utf8);
        Some(start)
    })
}

/// Byte offsets of the UAX #29 word boundaries of `text`, ascending, including 0 and the length.
pub(crate) fn word_bounds(text: &str) -> Vec<usize> {
    let mut bounds: Vec<usize> = text.split_word_bound_indices().map(|(i, _)| i).collect();
    bounds.push(text.len());
    bounds
}

/// Widens `range` to the nearest word boundaries outside it.
fn widen_to_bounds(bounds: &[usize], range: Range<usize>) -> Range<usize> {
    let start = match bounds.binary_search(&range.start) {
        Ok(i) => bounds[i],
        Err(i) => bounds[i.saturating_sub(1)],
    };
    let end = match bounds.binary_search(&range.end) {
        Ok(i) => bounds[i],
        Err(i) => bounds.get(i).copied().unwrap_or(range.end),
    };
    start..end
}

/// The quote's run of words, as many as the anchor has, closest to it in edit distance; `None`
/// when the quote has no words or nothing is within half the anchor's length.
fn nearest_phrase(quote: &PreparedText, needle: &str) -> Option<String> {
    let text = quote.normalized();
    let words: Vec<(usize, &str)> = text
        .split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
        .collect();
    let wanted = needle
        .split_word_bounds()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    if words.is_empty() || wanted == 0 {
        return None;
    }
    let width = wanted.min(words.len());
    // Chars as small ids, so the bit-parallel byte search measures distance in chars.
    let mut ids: Vec<char> = Vec::new();
    let mut id_of = |c: char, add: bool| -> u8 {
        match ids.iter().position(|&k| k == c) {
            Some(i) => u8::try_from(i + 1).unwrap_or(u8::MAX),
            None if add => {
                ids.push(c);
                u8::try_from(ids.len()).unwrap_or(u8::MAX)
            }
            None => 0,
        }
    };
    let needle_ids: Vec<u8> = needle.chars().map(|c| id_of(c, true)).collect();
    let pattern = Pattern::new(&needle_ids);
    let needle_len = needle_ids.len();
    let mut best: Option<(usize, Range<usize>)> = None;
    for window in words.windows(width) {
        let (start, _) = window[0];
        let (last, last_word) = window[width - 1];
        let range = start..last + last_word.len();
        let candidate: Vec<u8> = text[range.clone()]
            .chars()
            .map(|c| id_of(c, false))
            .collect();
        let distance = pattern.global_distance(&candidate);
        if best.as_ref().is_none_or(|(d, _)| distance < *d) {
            best = Some((distance, range));
        }
    }
    let (distance, range) = best?;
    (distance * 2 <= needle_len).then(|| quote.original()[quote.to_original(range)].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Levenshtein distance between two char sequences (two-row dynamic programme).
    fn edit_distance(a: &[char], b: &[char]) -> usize {
        let mut previous: Vec<usize> = (0..=b.len()).collect();
        let mut current = vec![0; b.len() + 1];
        for (i, &ca) in a.iter().enumerate() {
            current[0] = i + 1;
            for (j, &cb) in b.iter().enumerate() {
                let substitution = previous[j] + usize::from(ca != cb);
                current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
            }
            std::mem::swap(&mut previous, &mut current);
        }
        previous[b.len()]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn closest_phrase_distance_counts_chars(
            quote in "[a-cé中 ]{0,40}",
            anchor in "[a-dé中 ]{1,12}",
        ) {
            let prepared = PreparedText::new(&quote);
            let needle = PreparedText::new(&anchor).normalized().trim().to_owned();
            prop_assume!(!needle.is_empty());
            if let Some(found) = nearest_phrase(&prepared, &needle) {
                let normalized = PreparedText::new(&found).normalized().to_owned();
                let a: Vec<char> = needle.chars().collect();
                let b: Vec<char> = normalized.chars().collect();
                prop_assert!(edit_distance(&a, &b) * 2 <= a.len());
            }
        }
    }

    const WHITE_HOUSE: &str = "Chinese AI firms are relying on distillation attacks to offset \
        deficits in AI computing power and illicitly reproduce the core capabilities of US models.";

    #[test]
    fn finds_seed_anchor_exactly() {
        let found = locate_anchor(WHITE_HOUSE, "distillation attacks").unwrap();
        assert_eq!(&WHITE_HOUSE[found.span.clone()], "distillation attacks");
        assert!(found.exact);
        assert_eq!(found.occurrences, 1);
    }

    #[test]
    fn ignores_case_quotes_dashes_and_spacing() {
        let quote = "the \u{201C}export\u{2014}control\u{201D}\n   architectures";
        let found = locate_anchor(quote, "\"Export-Control\" architectures").unwrap();
        assert_eq!(found.span, 4..quote.len());
        assert_eq!(
            found.text,
            "\u{201C}export\u{2014}control\u{201D}\n   architectures"
        );
        assert!(!found.exact);
    }

    #[test]
    fn partial_match_does_not_hide_an_overlapping_whole_word_match() {
        let found = locate_anchor("acbé é é é", "É É É").unwrap();
        assert_eq!(found.span, 6..14);
        assert_eq!(found.occurrences, 1);
    }

    #[test]
    fn counts_whole_word_occurrences_only() {
        let found = locate_anchor("AI and AIs and AI", "ai").unwrap();
        assert_eq!(found.span, 0..2);
        assert_eq!(found.occurrences, 2);
    }

    #[test]
    fn rejects_partial_word_with_the_whole_word() {
        assert_eq!(
            locate_anchor(WHITE_HOUSE, "still"),
            Err(AnchorError::PartOfWord {
                anchor: "still".into(),
                word: "distillation".into(),
                offset: 32
            })
        );
        assert!(matches!(
            locate_anchor(WHITE_HOUSE, "AI firm"),
            Err(AnchorError::PartOfWord { .. })
        ));
    }

    #[test]
    fn rejects_absent_anchor_with_nearest_phrase() {
        let error = locate_anchor(WHITE_HOUSE, "distilation attack").unwrap_err();
        assert_eq!(
            error,
            AnchorError::NotInQuote {
                anchor: "distilation attack".into(),
                nearest: Some("distillation attacks".into())
            }
        );
        assert!(
            error
                .to_string()
                .contains("closest phrase: \"distillation attacks\"")
        );
        assert!(matches!(
            locate_anchor(WHITE_HOUSE, "semiconductor"),
            Err(AnchorError::NotInQuote { nearest: None, .. })
        ));
        assert_eq!(
            locate_anchor(WHITE_HOUSE, " \n"),
            Err(AnchorError::EmptyAnchor)
        );
    }

    #[test]
    fn word_broken_across_a_line_is_one_word() {
        let quote = "the govern-\nment said";
        assert!(matches!(
            locate_anchor(quote, "govern"),
            Err(AnchorError::PartOfWord { .. })
        ));
        let found = locate_anchor(quote, "government").unwrap();
        assert_eq!(&quote[found.span], "govern-\nment");
    }

    #[test]
    fn works_in_cjk_text() {
        let quote = "中国人工智能公司依靠蒸馏攻击";
        let found = locate_anchor(quote, "蒸馏攻击").unwrap();
        assert_eq!(&quote[found.span], "蒸馏攻击");
    }

    #[test]
    fn maps_anchor_into_the_article() {
        let article = format!("Officials said: \u{201C}{WHITE_HOUSE}\u{201D} on Tuesday.");
        let start = article.find("Chinese").unwrap();
        let span = start..start + WHITE_HOUSE.len();
        let found =
            locate_anchor_in(&article, span, "offset deficits in AI computing power").unwrap();
        assert_eq!(
            &article[found.span],
            "offset deficits in AI computing power"
        );
        assert!(matches!(
            locate_anchor_in(&article, 17..article.len() + 1, "AI"),
            Err(AnchorError::InvalidQuoteSpan { .. })
        ));
    }
}
