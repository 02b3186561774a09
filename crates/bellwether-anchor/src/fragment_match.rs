//! The browser's text directive matching, run on a plain-text article.

use std::ops::Range;
use std::sync::OnceLock;

use unicode_segmentation::UnicodeSegmentation;

use crate::fragment::TextDirective;
use crate::normalize::Segment;
use crate::prepare::{ceil_boundary, floor_boundary};

/// Finds the span of `article` that a browser would highlight for `directive`, following the
/// WICG matching algorithm: terms match on word boundaries, ignoring case and accents, white
/// space runs count as one space, white space may separate context terms from the match, and
/// the first match wins. `None` when nothing matches.
///
/// The article is taken as its rendered text; a real page may render differently (hidden text,
/// block boundaries), which no text-only tool can know.
///
/// Cost: folding is O(n) for `n` bytes (memory about 1.3n bytes on prose; see
/// [`TextFragmenter::new`](crate::TextFragmenter::new)); the search is the WICG
/// algorithm's, a `memmem` scan per term that restarts after every match of the first term,
/// so O(n·r) for `r` such restarts in the worst case.
pub fn find_text_directive(article: &str, directive: &TextDirective) -> Option<Range<usize>> {
    Folded::new(article).find(directive)
}

/// A text folded as a browser compares it: lower case, accents dropped, white space runs as one
/// space; with a map from each folded byte to the original character it came from.
///
/// This is deliberately not [`PreparedText`](crate::PreparedText): browsers compare at the
/// collation's primary level, which drops accents but keeps `’` and `'` distinct.
#[derive(Debug)]
pub(crate) struct Folded<'a> {
    original: &'a str,
    text: String,
    /// The offset map, in order of `text`. In a linear piece every character folded to as many
    /// bytes as it has, so a folded byte's character is the original one at the same distance
    /// from the piece's start; every byte of an atomic piece comes from all of its original
    /// range (a character that changed length, or a run of white space).
    pieces: Vec<Segment>,
    /// Every word boundary of `text` as a bit set, computed only for a text where the words
    /// around an offset could not be segmented alone (no spaces: Chinese, Japanese).
    bounds: OnceLock<Vec<u64>>,
}

/// Most bytes scanned from an offset for a place where word segmentation restarts; beyond it
/// the whole text is segmented once.
const MAX_LOCAL_SCAN: usize = 256;

/// Builds the pieces of a [`Folded`] text one character at a time.
#[derive(Default)]
struct PieceMap {
    pieces: Vec<Segment>,
    /// The last character with output, not yet added: white space after it may still join it.
    last: Option<FoldedChar>,
}

/// Where one original character's folded bytes start and end, and what it covers.
struct FoldedChar {
    folded: Range<usize>,
    original: Range<usize>,
}

impl PieceMap {
    /// Records that `original` folded to `folded` (nothing is recorded for no output).
    fn push(&mut self, folded: Range<usize>, original: Range<usize>) {
        if folded.is_empty() {
            return;
        }
        self.flush();
        self.last = Some(FoldedChar { folded, original });
    }

    /// Widens the last character's original range to `end` (white space joining a run).
    fn extend_last(&mut self, end: usize) {
        if let Some(last) = &mut self.last {
            last.original.end = end;
        }
    }

    fn flush(&mut self) {
        let Some(FoldedChar { folded, original }) = self.last.take() else {
            return;
        };
        let linear = folded.len() == original.len();
        if linear
            && let Some(open) = self.pieces.last()
            && open.linear
            && open.original + (folded.start - open.normalized) == original.start
        {
            return;
        }
        self.pieces.push(Segment {
            normalized: folded.start,
            original: original.start,
            original_end: original.end,
            linear,
        });
    }

    fn finish(mut self) -> Vec<Segment> {
        self.flush();
        self.pieces.shrink_to_fit();
        self.pieces
    }
}

impl<'a> Folded<'a> {
    pub(crate) fn new(original: &'a str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut map = PieceMap::default();
        let bytes = original.as_bytes();
        let mut next = 0;
        while next < bytes.len() {
            // A run of ASCII letters, digits and marks, with lone spaces between, folds to
            // itself lower-cased, byte for byte: one linear piece, pushed at once.
            let mut end = next;
            while let Some(&b) = bytes.get(end) {
                let space = |b: u8| matches!(b, b' ' | b'\t'..=b'\r');
                let lone_space = b == b' '
                    && end > next
                    && bytes
                        .get(end + 1)
                        .is_some_and(|&n| n.is_ascii() && !space(n));
                if !b.is_ascii() || (space(b) && !lone_space) {
                    break;
                }
                end += 1;
            }
            let run = end - next;
            if run > 0 {
                let at = text.len();
                text.push_str(&original[next..next + run]);
                text[at..].make_ascii_lowercase();
                map.push(at..text.len(), next..next + run);
                next += run;
                continue;
            }
            let Some(c) = original[next..].chars().next() else {
                break;
            };
            let i = next;
            next += c.len_utf8();
            let from = i..i + c.len_utf8();
            let at = text.len();
            if c.is_whitespace() {
                if text.ends_with(' ') {
                    map.extend_last(from.end);
                } else {
                    text.push(' ');
                    map.push(at..at + 1, from);
                }
                continue;
            }
            if c.is_ascii() {
                text.push(c.to_ascii_lowercase());
            } else {
                fold_char(c, |folded| text.push(folded));
            }
            map.push(at..text.len(), from);
        }
        Self {
            original,
            text,
            pieces: map.finish(),
            bounds: OnceLock::new(),
        }
    }

    /// Every word boundary of the text, as a bit set (offset `i` at bit `i`, the end included).
    fn all_bounds(&self) -> &[u64] {
        self.bounds.get_or_init(|| {
            let mut bounds = vec![0u64; self.text.len() / 64 + 1];
            let offsets = self.text.split_word_bound_indices().map(|(i, _)| i);
            for offset in offsets.chain([self.text.len()]) {
                if let Some(word) = bounds.get_mut(offset / 64) {
                    *word |= 1 << (offset % 64);
                }
            }
            bounds
        })
    }

    fn fold_term(term: &str) -> String {
        let mut folded = String::with_capacity(term.len());
        for c in term.chars() {
            if c.is_whitespace() {
                if !folded.ends_with(' ') {
                    folded.push(' ');
                }
                continue;
            }
            fold_char(c, |f| folded.push(f));
        }
        folded
    }

    /// Whether `offset` is a word boundary (UAX #29), found by segmenting only the words around
    /// it: a link costs the words near its quote, not a pass over the article.
    ///
    /// Segmentation restarts where an ASCII letter or digit follows a space: there is always a
    /// boundary, and no rule looks back past it (the letter is neither ignorable, a regional
    /// indicator nor a mid-word mark). It is likewise unaffected by what follows a space that
    /// follows a letter or digit. So the boundaries of the slice between two such places are
    /// the text's own there. A text without such places near `offset` is segmented whole, once.
    fn is_bound(&self, offset: usize) -> bool {
        let text = self.text.as_bytes();
        if offset == 0 || offset == text.len() {
            return true;
        }
        if offset > text.len() || !self.text.is_char_boundary(offset) {
            return false;
        }
        let restarts_before = |p: usize| text[p - 1] == b' ' && text[p].is_ascii_alphanumeric();
        let lowest = offset.saturating_sub(MAX_LOCAL_SCAN);
        let start = (lowest.max(1)..=offset)
            .rev()
            .find(|&p| restarts_before(p))
            .or((lowest == 0).then_some(0));
        let highest = (offset + MAX_LOCAL_SCAN).min(text.len());
        let end = (offset..highest)
            .find(|&q| text[q] == b' ' && q > 0 && text[q - 1].is_ascii_alphanumeric())
            .or((highest == text.len()).then_some(text.len()));
        let (Some(start), Some(end)) = (start, end) else {
            return self
                .all_bounds()
                .get(offset / 64)
                .is_some_and(|word| word & (1 << (offset % 64)) != 0);
        };
        if start == offset || end == offset {
            return true;
        }
        self.text.get(start..end).is_some_and(|slice| {
            slice
                .split_word_bound_indices()
                .any(|(i, _)| start + i == offset)
        })
    }

    /// The next char boundary after `offset`.
    fn next_char(&self, offset: usize) -> usize {
        (offset + 1..=self.text.len())
            .find(|&i| self.text.is_char_boundary(i))
            .unwrap_or(self.text.len())
    }

    fn skip_space(&self, offset: usize) -> usize {
        if self.text[offset..].starts_with(' ') {
            offset + 1
        } else {
            offset
        }
    }

    /// The spec's "find a string in range", from `from` to the end of the text.
    fn find_from(
        &self,
        query: &str,
        mut from: usize,
        start_bounded: bool,
        end_bounded: bool,
        at_beginning: bool,
    ) -> Option<Range<usize>> {
        if query.is_empty() {
            return None;
        }
        loop {
            let rest = self.text.get(from..)?;
            let index = if at_beginning {
                // Only a match right here counts: test it instead of searching the rest.
                rest.starts_with(query).then_some(from)?
            } else {
                from + rest.find(query)?
            };
            let end = index + query.len();
            if (start_bounded && !self.is_bound(index)) || (end_bounded && !self.is_bound(end)) {
                if at_beginning {
                    return None;
                }
                from = self.next_char(index);
                continue;
            }
            return Some(index..end);
        }
    }

    /// The spec's "find a range from a text directive", on the folded text.
    pub(crate) fn find(&self, directive: &TextDirective) -> Option<Range<usize>> {
        let prefix = directive.prefix().map(Self::fold_term);
        let start = Self::fold_term(directive.start());
        let end = directive.end().map(Self::fold_term);
        let suffix = directive.suffix().map(Self::fold_term);
        let must_end_bounded = end.is_some() || suffix.is_none();
        let mut search_start = 0;
        while search_start < self.text.len() {
            let mut potential = if let Some(prefix) = &prefix {
                let prefix_match = self.find_from(prefix, search_start, true, false, false)?;
                search_start = self.next_char(prefix_match.start);
                let match_start = self.skip_space(prefix_match.end);
                if match_start >= self.text.len() {
                    return None;
                }
                match self.find_from(&start, match_start, false, must_end_bounded, true) {
                    Some(found) => found,
                    None => continue,
                }
            } else {
                let found = self.find_from(&start, search_start, true, must_end_bounded, false)?;
                search_start = self.next_char(found.start);
                found
            };
            if end.is_none() && suffix.is_none() {
                return Some(self.to_original(potential));
            }
            let mut end_search = potential.end;
            while end_search < self.text.len() {
                if let Some(end) = &end {
                    let end_match =
                        self.find_from(end, end_search, true, suffix.is_none(), false)?;
                    potential.end = end_match.end;
                }
                let Some(suffix) = &suffix else {
                    return Some(self.to_original(potential));
                };
                let suffix_start = self.skip_space(potential.end);
                if self
                    .find_from(suffix, suffix_start, false, true, true)
                    .is_some()
                {
                    return Some(self.to_original(potential));
                }
                if end.is_none() {
                    break;
                }
                end_search = potential.end;
            }
            if end.is_some() && end_search >= self.text.len() {
                return None;
            }
        }
        None
    }

    fn to_original(&self, folded: Range<usize>) -> Range<usize> {
        let start = self.source(folded.start).map_or(0, |r| r.start);
        let end = folded
            .end
            .checked_sub(1)
            .and_then(|i| self.source(i))
            .map_or(start, |r| r.end);
        start..end
    }

    /// The original range of the character (or white-space run) that folded byte `i` came from.
    fn source(&self, i: usize) -> Option<Range<usize>> {
        if i >= self.text.len() {
            return None;
        }
        let index = self
            .pieces
            .partition_point(|p| p.normalized <= i)
            .checked_sub(1)?;
        let piece = self.pieces.get(index)?;
        if piece.linear {
            let at = piece.original + (i - piece.normalized);
            Some(floor_boundary(self.original, at)..ceil_boundary(self.original, at + 1))
        } else {
            Some(piece.original..piece.original_end)
        }
    }
}

/// Folds one character: canonical decomposition without combining marks, then lower case.
fn fold_char(c: char, mut push: impl FnMut(char)) {
    unicode_normalization::char::decompose_canonical(c, |base| {
        if !unicode_normalization::char::is_combining_mark(base) {
            base.to_lowercase().for_each(&mut push);
        }
    });
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A directive from decoded terms, for tests.
    pub(crate) fn directive(
        prefix: Option<&str>,
        start: &str,
        end: Option<&str>,
        suffix: Option<&str>,
    ) -> TextDirective {
        TextDirective::new(
            prefix.map(Into::into),
            start.into(),
            end.map(Into::into),
            suffix.map(Into::into),
        )
        .unwrap()
    }

    /// Obviously correct: the folded text with each byte's source range listed one by one.
    fn fold_byte_by_byte(original: &str) -> (String, Vec<Range<usize>>) {
        let mut text = String::new();
        let mut source: Vec<Range<usize>> = Vec::new();
        for (i, c) in original.char_indices() {
            let from = i..i + c.len_utf8();
            if c.is_whitespace() {
                if !text.ends_with(' ') {
                    text.push(' ');
                    source.push(from);
                } else if let Some(last) = source.last_mut() {
                    last.end = from.end;
                }
                continue;
            }
            fold_char(c, |folded| {
                text.push(folded);
                source.extend(std::iter::repeat_n(from.clone(), folded.len_utf8()));
            });
        }
        (text, source)
    }

    fn article_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            "a",
            "Z",
            " ",
            "  ",
            "\n\n",
            "\t",
            "-",
            ".",
            "\u{00E9}",
            "e\u{0301}",
            "\u{0301}",
            "\u{00C5}",
            "\u{1E9E}",
            "\u{0130}",
            "\u{2019}",
            "\u{2014}",
            "\u{00A0}",
            "\u{3000}",
            "\u{4E2D}",
            "\u{AC00}",
            "\u{0414}",
            "\u{1F600}",
            "\u{FB01}",
            "\u{212B}",
            "1",
            "'",
            ":",
            ",",
            "\u{200D}",
            "\u{1F1FA}",
            "\u{00AD}",
        ]);
        prop_oneof![
            any::<String>(),
            prop::collection::vec(pieces, 0..40).prop_map(|p| p.concat()),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        #[test]
        fn piece_map_gives_every_byte_its_source_character(original in article_text()) {
            let folded = Folded::new(&original);
            let (text, source) = fold_byte_by_byte(&original);
            proptest::prop_assert_eq!(&folded.text, &text);
            for (i, expected) in source.iter().enumerate() {
                proptest::prop_assert_eq!(folded.source(i), Some(expected.clone()), "byte {}", i);
            }
            proptest::prop_assert_eq!(folded.source(text.len()), None);
            let bounds: Vec<usize> = text.split_word_bound_indices().map(|(i, _)| i).collect();
            for offset in 0..=text.len() + 65 {
                let expected = offset == text.len() || bounds.binary_search(&offset).is_ok();
                proptest::prop_assert_eq!(folded.is_bound(offset), expected, "offset {}", offset);
            }
        }
    }

    #[test]
    fn browser_matching_is_case_accent_and_word_insensitive_as_specified() {
        let article = "An impressive mountain ranger met the Mountain Rânge.";
        let found = find_text_directive(article, &directive(None, "mountain range", None, None));
        assert_eq!(found.map(|r| &article[r]), Some("Mountain Rânge"));
        assert_eq!(
            find_text_directive("color orange", &directive(None, "range", None, None)),
            None
        );
    }

    #[test]
    fn range_form_selects_from_start_to_first_end_after_it() {
        let article = "one two three four five six seven eight nine";
        let found = find_text_directive(article, &directive(None, "two three", Some("six"), None));
        assert_eq!(found.map(|r| &article[r]), Some("two three four five six"));
    }

    #[test]
    fn context_terms_allow_white_space_between() {
        let article = "alpha beta gamma.\n\n  alpha beta delta";
        let d = directive(Some("gamma."), "alpha beta", None, None);
        assert_eq!(find_text_directive(article, &d), Some(21..31));
        let d = directive(None, "alpha beta", None, Some("delta"));
        assert_eq!(find_text_directive(article, &d), Some(21..31));
    }
}
