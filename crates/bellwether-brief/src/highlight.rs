//! Finding a quote's anchor phrases inside it, so that renderers can highlight them.

use std::ops::Range;

use crate::byte_scan::find_byte;

/// The byte ranges of `quote` to highlight for `anchors`, sorted, disjoint and never touching
/// (overlapping or adjacent occurrences of several anchors merge into one range).
///
/// Anchors match case-insensitively (simple per-character lowercase). An anchor is highlighted
/// wherever it occurs as whole words; when it never does, at its first occurrence inside a word
/// (so `AI` does not light up every "said", yet an anchor that only occurs mid-word still shows).
/// An anchor that does not occur at all, or is blank, adds nothing; see [`missing_anchors`].
pub(crate) fn anchor_ranges<S: AsRef<str>>(quote: &str, anchors: &[S]) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = anchors
        .iter()
        .flat_map(|anchor| occurrences_to_highlight(quote, anchor.as_ref()))
        .collect();
    ranges.sort_by_key(|range| (range.start, range.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

/// The anchors that occur nowhere in `quote` (case-insensitively), in their given order;
/// renderers show them after the quote so that no anchor is silently lost.
pub(crate) fn missing_anchors<'a, S: AsRef<str>>(
    quote: &str,
    anchors: &'a [S],
) -> impl Iterator<Item = &'a str> {
    anchors
        .iter()
        .map(AsRef::as_ref)
        .filter(move |anchor| !anchor.trim().is_empty() && find_from(quote, anchor, 0).is_none())
}

/// A piece of a quote: plain, or part of an anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Segment<'a> {
    /// Text outside every anchor.
    Plain(&'a str),
    /// Text inside an anchor.
    Anchor(&'a str),
}

/// Splits `quote` into plain and anchor segments (see [`anchor_ranges`]), in order, none
/// empty; they concatenate back to `quote`.
pub(crate) fn segments<'a, S: AsRef<str>>(quote: &'a str, anchors: &[S]) -> Vec<Segment<'a>> {
    let mut pieces = Vec::new();
    let mut position = 0;
    for range in anchor_ranges(quote, anchors) {
        if range.start > position {
            pieces.push(Segment::Plain(&quote[position..range.start]));
        }
        pieces.push(Segment::Anchor(&quote[range.clone()]));
        position = range.end;
    }
    if position < quote.len() {
        pieces.push(Segment::Plain(&quote[position..]));
    }
    pieces
}

/// The occurrences of one anchor to highlight, as described on [`anchor_ranges`].
fn occurrences_to_highlight(quote: &str, anchor: &str) -> Vec<Range<usize>> {
    let anchor = anchor.trim();
    if anchor.is_empty() {
        return Vec::new();
    }
    let mut whole_words = Vec::new();
    let mut first = None;
    let mut from = 0;
    while let Some(found) = find_from(quote, anchor, from) {
        first.get_or_insert(found.clone());
        // Continue one character further, so overlapping occurrences are seen too.
        from = found.start
            + quote[found.start..]
                .chars()
                .next()
                .map_or(1, char::len_utf8);
        if is_whole_words(quote, &found) {
            whole_words.push(found);
        }
    }
    if whole_words.is_empty() {
        first.into_iter().collect()
    } else {
        whole_words
    }
}

/// Whether `range` neither starts nor ends inside a word of `text`.
fn is_whole_words(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let first = text[range.clone()].chars().next();
    let last = text[range.clone()].chars().next_back();
    let after = text[range.end..].chars().next();
    let splits_word = |outside: Option<char>, inside: Option<char>| {
        outside.is_some_and(char::is_alphanumeric) && inside.is_some_and(char::is_alphanumeric)
    };
    !splits_word(before, first) && !splits_word(after, last)
}

/// The first occurrence of `needle` in `haystack` starting at a character boundary at or after
/// `from`, comparing characters by their lowercase forms.
///
/// Candidates are found a block of bytes at a time: for an ASCII first character, its two
/// cases and the lead bytes of longer characters (which may still match: the Kelvin sign
/// matches `k`); otherwise every character boundary.
fn find_from(haystack: &str, needle: &str, from: usize) -> Option<Range<usize>> {
    let first_needle = needle.chars().next()?;
    let bytes = haystack.as_bytes();
    let (lower, upper, any_boundary) = if first_needle.is_ascii() {
        let byte = first_needle as u8;
        (byte.to_ascii_lowercase(), byte.to_ascii_uppercase(), false)
    } else {
        (0, 0, true)
    };
    let is_candidate =
        |b: u8| (b == lower) | (b == upper) | (b >= 0xC0) | (any_boundary & (b < 0x80));
    let mut at = from;
    while let Some(found) = find_byte(bytes, at, is_candidate) {
        let rest = &haystack[found..];
        let starts_like_needle = rest
            .chars()
            .next()
            .is_some_and(|c| same_ignoring_case(c, first_needle));
        if starts_like_needle && let Some(len) = match_len(rest, needle) {
            return Some(found..found + len);
        }
        at = found + 1;
    }
    None
}

/// The byte length of the prefix of `text` that equals `needle` ignoring case, if any.
fn match_len(text: &str, needle: &str) -> Option<usize> {
    // While both sides are ASCII, a byte is a character and comparing ignoring case is
    // comparing bytes ignoring ASCII case; the characters from the first non-ASCII byte on
    // are compared one by one.
    let mut prefix = 0;
    for (got, wanted) in text.bytes().zip(needle.bytes()) {
        if !(got.is_ascii() && wanted.is_ascii()) {
            break;
        }
        if !got.eq_ignore_ascii_case(&wanted) {
            return None;
        }
        prefix += 1;
    }
    if prefix == needle.len() {
        return Some(prefix);
    }
    Some(prefix + match_chars(&text[prefix..], &needle[prefix..])?)
}

/// [`match_len`] character by character.
fn match_chars(text: &str, needle: &str) -> Option<usize> {
    let mut text_chars = text.char_indices();
    for wanted in needle.chars() {
        let (_, got) = text_chars.next()?;
        if !same_ignoring_case(got, wanted) {
            return None;
        }
    }
    Some(text_chars.next().map_or(text.len(), |(offset, _)| offset))
}

fn same_ignoring_case(a: char, b: char) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(&b);
    }
    a == b || a.to_lowercase().eq(b.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn highlighted<'a>(quote: &'a str, anchors: &[&str]) -> Vec<&'a str> {
        anchor_ranges(quote, anchors)
            .into_iter()
            .map(|range| &quote[range])
            .collect()
    }

    #[test]
    fn finds_the_seed_anchors() {
        assert_eq!(
            highlighted(
                "Chinese AI firms are relying on distillation attacks to offset deficits in AI computing power",
                &["distillation attacks"]
            ),
            ["distillation attacks"]
        );
        assert_eq!(
            highlighted(
                "The launch of DeepSeek, the large language model created in China",
                &["deepseek"]
            ),
            ["DeepSeek"]
        );
    }

    #[test]
    fn highlights_every_whole_word_occurrence() {
        assert_eq!(
            highlighted("AI said: AI is AI-driven, not AIR", &["ai"]),
            ["AI", "AI", "AI"]
        );
    }

    #[test]
    fn falls_back_to_a_mid_word_occurrence() {
        assert_eq!(highlighted("unbelievable", &["believ"]), ["believ"]);
    }

    #[test]
    fn merges_overlapping_and_adjacent_anchors() {
        assert_eq!(
            highlighted(
                "distillation attacks to offset deficits in AI computing power",
                &["attacks to offset", "offset deficits", "distillation"]
            ),
            ["distillation", "attacks to offset deficits"]
        );
        assert_eq!(highlighted("x a-b y", &["a-", "b"]), ["a-b"]);
        assert_eq!(highlighted("abcabc", &["abc"]), ["abc"]);
        assert_eq!(highlighted("aaaa", &["aa"]), ["aa"]);
        assert_eq!(highlighted("a-a-a", &["A-a"]), ["a-a-a"]);
    }

    #[test]
    fn splits_into_segments() {
        assert_eq!(
            segments("a DeepSeek b", &["deepseek"]),
            [
                Segment::Plain("a "),
                Segment::Anchor("DeepSeek"),
                Segment::Plain(" b")
            ]
        );
        assert_eq!(segments("", &["x"]), []);
    }

    #[test]
    fn reports_anchors_absent_from_the_quote() {
        let anchors = ["present", "absent", " "];
        assert_eq!(
            missing_anchors("Present here", &anchors).collect::<Vec<_>>(),
            ["absent"]
        );
    }

    #[test]
    fn matches_non_ascii_case_insensitively() {
        assert_eq!(
            highlighted("Über ÉTAT", &["über", "état"]),
            ["Über", "ÉTAT"]
        );
    }

    /// Every occurrence of `anchor` in `quote`, found the obvious way: lowercase both, compare
    /// at each character boundary.
    fn naive_occurrences(quote: &str, anchor: &str) -> Vec<Range<usize>> {
        let anchor: Vec<String> = anchor.chars().map(|c| c.to_lowercase().collect()).collect();
        let chars: Vec<(usize, char)> = quote.char_indices().collect();
        let mut found = Vec::new();
        if anchor.is_empty() {
            return found;
        }
        for start in 0..chars.len() {
            if start + anchor.len() > chars.len() {
                break;
            }
            let window = &chars[start..start + anchor.len()];
            if window
                .iter()
                .zip(&anchor)
                .all(|(&(_, c), a)| c.to_lowercase().collect::<String>() == *a)
            {
                let end = chars
                    .get(start + anchor.len())
                    .map_or(quote.len(), |&(offset, _)| offset);
                found.push(window[0].0..end);
            }
        }
        found
    }

    fn quote_and_anchors() -> impl Strategy<Value = (String, Vec<String>)> {
        "[abAB ÄäΣσς.kK\u{212A}-]{0,24}".prop_flat_map(|quote| {
            let len = quote.chars().count();
            let anchor = (0..=len, 0..=4usize).prop_map({
                let quote = quote.clone();
                move |(start, width)| quote.chars().skip(start).take(width).collect::<String>()
            });
            (
                Just(quote),
                proptest::collection::vec(prop_oneof![anchor, "[abAB]{1,3}"], 0..4),
            )
        })
    }

    /// The first match at or after `from`, found by comparing at every character boundary.
    fn naive_find_from(haystack: &str, needle: &str, from: usize) -> Option<Range<usize>> {
        if needle.is_empty() {
            return None;
        }
        haystack[from..].char_indices().find_map(|(offset, _)| {
            let start = from + offset;
            match_len(&haystack[start..], needle).map(|len| start..start + len)
        })
    }

    #[test]
    fn the_kelvin_sign_matches_k() {
        assert_eq!(find_from("a \u{212A}m", "km", 0), Some(2..6));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn finds_what_a_comparison_at_every_boundary_finds(
            (haystack, needles) in quote_and_anchors(),
            from in 0usize..30,
        ) {
            let from = (0..=from.min(haystack.len())).rev().find(|&at| haystack.is_char_boundary(at)).unwrap_or(0);
            for needle in needles.iter().chain([&"\u{212A}".to_owned(), &"k".to_owned()]) {
                prop_assert_eq!(find_from(&haystack, needle, from), naive_find_from(&haystack, needle, from));
            }
        }

        #[test]
        fn ranges_are_sorted_disjoint_and_made_of_occurrences((quote, anchors) in quote_and_anchors()) {
            let ranges = anchor_ranges(&quote, &anchors);
            let occurrences: Vec<Range<usize>> = anchors
                .iter()
                .map(|anchor| anchor.trim())
                .flat_map(|anchor| naive_occurrences(&quote, anchor))
                .collect();
            for pair in ranges.windows(2) {
                prop_assert!(pair[0].end < pair[1].start);
            }
            for range in &ranges {
                prop_assert!(quote.is_char_boundary(range.start) && quote.is_char_boundary(range.end));
                prop_assert!(range.start < range.end);
                // Every byte highlighted lies in some occurrence of some anchor.
                for offset in range.clone().filter(|&o| quote.is_char_boundary(o)) {
                    prop_assert!(occurrences.iter().any(|o| o.start <= offset && offset < o.end));
                }
            }
            // Every anchor that occurs has at least one occurrence inside one range, and every
            // whole-word occurrence is inside one.
            for anchor in anchors.iter().map(|a| a.trim()).filter(|a| !a.is_empty()) {
                let found = naive_occurrences(&quote, anchor);
                let covered = |o: &Range<usize>| ranges.iter().any(|r| r.start <= o.start && o.end <= r.end);
                if !found.is_empty() {
                    prop_assert!(found.iter().any(covered), "{anchor:?} not highlighted in {quote:?}");
                }
                for occurrence in found.iter().filter(|o| is_whole_words(&quote, o)) {
                    prop_assert!(covered(occurrence));
                }
                prop_assert_eq!(
                    missing_anchors(&quote, &[anchor]).count(),
                    usize::from(found.is_empty())
                );
            }
            // Segments put the quote back together.
            let joined: String = segments(&quote, &anchors)
                .into_iter()
                .map(|s| match s { Segment::Plain(t) | Segment::Anchor(t) => t })
                .collect();
            prop_assert_eq!(joined, quote);
        }
    }
}
