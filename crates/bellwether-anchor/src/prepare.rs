//! A text normalised once for matching, with an exact map back to its original bytes.

use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::index::{GramIndex, MIN_INDEXED_LEN};
use crate::normalize::{Segment, normalize};

/// A text prepared for quote matching: the original, its normalised form, and a map between them.
///
/// Prepare an article once and reuse it for all of its quotes; preparing a quote the same way
/// makes any comparison insensitive to the differences listed below. The normalisation ladder,
/// applied in one pass:
///
/// 1. **Compatibility normalisation** (Unicode NFKC): ligatures (`ﬁ` → `fi`), full-width forms
///    (`Ａ` → `A`), the ellipsis (`…` → `...`) and composed/decomposed accents become one form.
/// 2. **Case folding**: lower case (`char::to_lowercase`), with final sigma folded to `σ` and
///    `ß` to `ss`.
/// 3. **Quotes and apostrophes**: typographic single quotes, primes and accents (`‘ ’ ‚ ‛ ′ ´` and
///    the back-tick) become `'`; double ones (`“ ” „ ‟ ″ « »`, CJK corner brackets) become `"`.
/// 4. **Dashes**: every dash, hyphen and minus sign (`‐ ‑ ‒ – — ― − ⁃ ﹘ ﹣`) becomes `-`.
/// 5. **White space**: every run of white space (spaces, tabs, line breaks, NBSP and the other
///    Unicode spaces) becomes one ASCII space.
/// 6. **Invisible characters**: soft hyphens and zero-width characters (U+200B–U+200D, U+2060,
///    U+FEFF) are removed; next to white space they simply join its run.
/// 7. **Unspaced scripts**: white space between two characters of a script written without
///    spaces (Chinese, Japanese, Thai …), such as a line break in wrapped Chinese text, is removed.
/// 8. **Line-end hyphenation**: a hyphen that ends a line between a letter and a lower-case
///    letter (`govern-\nment`), or a soft hyphen before a line break, is removed with the break.
///
/// Combining marks are normalised together with the character they follow. Hangul jamo
/// sequences are not composed across characters (modern text uses precomposed syllables).
///
/// Every range that [`to_original`](Self::to_original) returns is a byte range of the original
/// text on `char` boundaries.
///
/// # Example
///
/// ```
/// use bellwether_anchor::PreparedText;
///
/// let text = PreparedText::new("The \u{201C}Govern-\nment\u{201D}\u{00A0}said\u{2014}no.");
/// assert_eq!(text.normalized(), "the \"government\" said-no.");
/// let span = text.normalized().find("government").map(|s| s..s + "government".len());
/// let original = text.to_original(span.unwrap_or(0..0));
/// assert_eq!(&text.original()[original], "Govern-\nment");
/// ```
#[derive(Debug)]
pub struct PreparedText {
    original: String,
    normalized: String,
    /// Pieces of the normalised text in order; each starts where the previous one ends.
    segments: Vec<Segment>,
    /// Counts of chars and UTF-16 units before every `CHECKPOINT`-th original byte.
    checkpoints: Vec<Checkpoint>,
    /// The q-gram index of the normalised text, built on first need for large texts.
    grams: OnceLock<Option<GramIndex>>,
    /// Searches asked for the index so far (it is built from the second on).
    searches: AtomicUsize,
}

/// Texts at least this long get their q-gram index on the first search.
const EAGER_INDEX_LEN: usize = 256 * 1024;

// The search counter is a heuristic, not state: clones start afresh.
impl Clone for PreparedText {
    fn clone(&self) -> Self {
        Self {
            original: self.original.clone(),
            normalized: self.normalized.clone(),
            segments: self.segments.clone(),
            checkpoints: self.checkpoints.clone(),
            grams: self.grams.clone(),
            searches: AtomicUsize::new(0),
        }
    }
}

// Everything else is derived from the original text.
impl PartialEq for PreparedText {
    fn eq(&self, other: &Self) -> bool {
        self.original == other.original
    }
}

impl Eq for PreparedText {}

/// Bytes between two checkpoints of the char and UTF-16 counts.
const CHECKPOINT: usize = 256;

/// Chars and UTF-16 code units before a byte offset of the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Checkpoint {
    byte: usize,
    chars: usize,
    utf16: usize,
}

impl PreparedText {
    /// Normalises `text` once (see the type's documentation for the ladder).
    ///
    /// Never fails: any UTF-8 text can be prepared; limits on what is searched are the
    /// [`Locator`](crate::Locator)'s.
    ///
    /// Cost: O(n) time for a text of `n` bytes, with a fast path for ASCII (at most 30
    /// combining marks are normalised with their base, as in Unicode's stream-safe format, so
    /// stacked marks stay linear); memory about `n` for the normalised copy plus 32 bytes per
    /// change of mapping (one per non-ASCII character or white-space run at worst), and the
    /// q-gram index (8 bytes per byte of a text of 4 KiB or more) built on the first searches.
    #[must_use]
    pub fn new(text: &str) -> Self {
        let (normalized, segments) = normalize(text);
        Self {
            original: text.to_owned(),
            normalized,
            segments,
            checkpoints: checkpoints(text),
            grams: OnceLock::new(),
            searches: AtomicUsize::new(0),
        }
    }

    /// The text as given.
    #[must_use]
    pub fn original(&self) -> &str {
        &self.original
    }

    /// The normalised text that searches run on.
    #[must_use]
    pub fn normalized(&self) -> &str {
        &self.normalized
    }

    /// The number of Unicode scalar values (chars) in the original text before byte `offset`.
    ///
    /// An offset inside a character counts that character as not yet begun; offsets past the
    /// end count the whole text.
    ///
    /// Cost: O(log n) to find the checkpoint, then at most 256 bytes counted.
    #[must_use]
    pub fn char_offset(&self, offset: usize) -> usize {
        self.counts_before(offset).0
    }

    /// The number of UTF-16 code units (what JavaScript and browsers count) in the original
    /// text before byte `offset`; offsets are clamped and floored like [`char_offset`](Self::char_offset).
    ///
    /// Cost: as [`char_offset`](Self::char_offset).
    #[must_use]
    pub fn utf16_offset(&self, offset: usize) -> usize {
        self.counts_before(offset).1
    }

    /// Chars and UTF-16 units before `offset`, and before `end` (at or after `offset`).
    pub(crate) fn counts_between(
        &self,
        offset: usize,
        end: usize,
    ) -> ((usize, usize), (usize, usize)) {
        let (chars, utf16) = self.counts_before(offset);
        let from = floor_boundary(&self.original, offset);
        let end = floor_boundary(&self.original, end.max(from));
        let (dc, du) = count_units(self.original.as_bytes().get(from..end).unwrap_or_default());
        ((chars, utf16), (chars + dc, utf16 + du))
    }

    fn counts_before(&self, offset: usize) -> (usize, usize) {
        let offset = floor_boundary(&self.original, offset);
        let index = self.checkpoints.partition_point(|c| c.byte <= offset);
        let base = index
            .checked_sub(1)
            .and_then(|i| self.checkpoints.get(i))
            .copied()
            .unwrap_or(Checkpoint {
                byte: 0,
                chars: 0,
                utf16: 0,
            });
        let (chars, utf16) = count_units(
            self.original
                .as_bytes()
                .get(base.byte..offset)
                .unwrap_or_default(),
        );
        (base.chars + chars, base.utf16 + utf16)
    }

    /// The q-gram index of the normalised text, built once when it pays: for a text of 4 KiB
    /// or more, on the second search (a text searched once is cheaper to scan), or at once for
    /// a text of 256 KiB or more. `None` until then, and for shorter texts.
    pub(crate) fn gram_index(&self) -> Option<&GramIndex> {
        if let Some(built) = self.grams.get() {
            return built.as_ref();
        }
        let len = self.normalized.len();
        if len < MIN_INDEXED_LEN {
            return None;
        }
        let searches = self.searches.fetch_add(1, Ordering::Relaxed);
        if searches == 0 && len < EAGER_INDEX_LEN {
            return None;
        }
        self.grams
            .get_or_init(|| GramIndex::new(self.normalized.as_bytes()))
            .as_ref()
    }

    /// The q-gram index of the normalised text, built now if it is not yet (`None` for a text
    /// shorter than 4 KiB): for searches that would otherwise scan the whole text with a wide
    /// budget (a quote not found within the acceptance budget), which cost more than the index.
    pub(crate) fn gram_index_now(&self) -> Option<&GramIndex> {
        if self.normalized.len() < MIN_INDEXED_LEN {
            return None;
        }
        self.grams
            .get_or_init(|| GramIndex::new(self.normalized.as_bytes()))
            .as_ref()
    }

    /// Whether the normalised text is empty or only white space.
    #[must_use]
    pub fn is_blank(&self) -> bool {
        self.normalized.bytes().all(|b| b == b' ')
    }

    /// Maps a byte range of the normalised text to the byte range of the original text it came
    /// from, widened to `char` boundaries of the original.
    ///
    /// A range that starts or ends inside the output of one original character (for example
    /// inside the `...` that `…` became) covers that whole character. Offsets past the end are
    /// clamped; a reversed range is treated as empty at its start.
    ///
    /// Cost: O(log s) for `s` pieces of the offset map (binary search).
    #[must_use]
    pub fn to_original(&self, normalized: Range<usize>) -> Range<usize> {
        let len = self.normalized.len();
        let start = normalized.start.min(len);
        let end = normalized.end.clamp(start, len);
        let orig_start = self.map_start(start);
        let orig_end = if end == start {
            orig_start
        } else {
            self.map_end(end).max(orig_start)
        };
        floor_boundary(&self.original, orig_start)..ceil_boundary(&self.original, orig_end)
    }

    /// Maps a byte offset of the normalised text to the original offset where its character
    /// starts (the original length for the end of the text).
    ///
    /// Cost: O(log s), as [`to_original`](Self::to_original).
    #[must_use]
    pub fn original_offset(&self, normalized: usize) -> usize {
        let offset = self.map_start(normalized.min(self.normalized.len()));
        floor_boundary(&self.original, offset)
    }

    /// Maps a byte range of the original text to the smallest byte range of the normalised text
    /// that covers everything produced from it.
    ///
    /// Offsets past the end are clamped; a reversed range is treated as empty at its start.
    ///
    /// Cost: O(log s), as [`to_original`](Self::to_original).
    #[must_use]
    pub fn to_normalized(&self, original: Range<usize>) -> Range<usize> {
        let len = self.original.len();
        let start = original.start.min(len);
        let end = original.end.clamp(start, len);
        let norm_start = self.map_back(start, false);
        let norm_end = if end == start {
            norm_start
        } else {
            self.map_back(end, true).max(norm_start)
        };
        floor_boundary(&self.normalized, norm_start)..ceil_boundary(&self.normalized, norm_end)
    }

    fn segment_at(&self, normalized: usize) -> Option<(usize, &Segment)> {
        let index = self
            .segments
            .partition_point(|s| s.normalized <= normalized)
            .checked_sub(1)?;
        self.segments.get(index).map(|s| (index, s))
    }

    fn segment_end(&self, index: usize) -> usize {
        self.segments
            .get(index + 1)
            .map_or(self.normalized.len(), |s| s.normalized)
    }

    fn map_start(&self, pos: usize) -> usize {
        if pos >= self.normalized.len() {
            return self.original.len();
        }
        match self.segment_at(pos) {
            Some((_, s)) if s.linear => s.original + (pos - s.normalized),
            Some((_, s)) => s.original,
            None => 0,
        }
    }

    fn map_end(&self, end: usize) -> usize {
        // The end maps through the piece holding the last byte of the range.
        match self.segment_at(end.saturating_sub(1)) {
            Some((_, s)) if s.linear => s.original + (end - s.normalized),
            Some((_, s)) => s.original_end,
            None => 0,
        }
    }

    /// Maps an original offset to a normalised one; `is_end` rounds up inside a piece.
    fn map_back(&self, pos: usize, is_end: bool) -> usize {
        let index = self.segments.partition_point(|s| s.original <= pos);
        let Some(index) = index.checked_sub(1) else {
            return 0;
        };
        let Some(s) = self.segments.get(index) else {
            return 0;
        };
        let seg_end = self.segment_end(index);
        if s.linear {
            (s.normalized + (pos - s.original)).min(seg_end)
        } else if pos == s.original || (!is_end && pos < s.original_end) {
            s.normalized
        } else {
            seg_end
        }
    }
}

/// Chars and UTF-16 code units in whole UTF-8 `bytes`.
fn count_units(bytes: &[u8]) -> (usize, usize) {
    if bytes.is_ascii() {
        return (bytes.len(), bytes.len());
    }
    // A char starts at every byte that is not a continuation byte (0x80 to 0xBF); chars of
    // four bytes (lead byte 0xF0 and up) take two UTF-16 units. Counted in byte-sized lanes
    // over pieces short enough not to overflow them, so that the count vectorises.
    let (mut chars, mut astral) = (0usize, 0usize);
    for piece in bytes.chunks(128) {
        let (piece_chars, piece_astral) = piece.iter().fold((0u8, 0u8), |(c, a), &b| {
            (c + u8::from(b as i8 >= -0x40), a + u8::from(b >= 0xF0))
        });
        chars += usize::from(piece_chars);
        astral += usize::from(piece_astral);
    }
    (chars, chars + astral)
}

/// Checkpoints of the char and UTF-16 counts every `CHECKPOINT` bytes of `text`.
fn checkpoints(text: &str) -> Vec<Checkpoint> {
    let mut out = Vec::with_capacity(text.len() / CHECKPOINT + 1);
    let mut at = Checkpoint {
        byte: 0,
        chars: 0,
        utf16: 0,
    };
    out.push(at);
    loop {
        let next = floor_boundary(text, at.byte + CHECKPOINT);
        if next <= at.byte || next >= text.len() {
            break;
        }
        let (chars, utf16) = count_units(text.as_bytes().get(at.byte..next).unwrap_or_default());
        at = Checkpoint {
            byte: next,
            chars: at.chars + chars,
            utf16: at.utf16 + utf16,
        };
        out.push(at);
    }
    out
}

/// Largest char boundary of `text` at or below `pos`.
pub(crate) fn floor_boundary(text: &str, pos: usize) -> usize {
    let mut pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

/// Smallest char boundary of `text` at or above `pos`.
pub(crate) fn ceil_boundary(text: &str, pos: usize) -> usize {
    let mut pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos += 1;
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        PreparedText::new(s).normalized().to_owned()
    }

    #[test]
    fn folds_case_and_collapses_ascii_whitespace() {
        assert_eq!(norm("Hello   World\n\tAgain"), "hello world again");
    }

    #[test]
    fn applies_nfkc() {
        assert_eq!(norm("ﬁne Ａpple…"), "fine apple...");
        assert_eq!(norm("e\u{0301}"), "\u{00E9}");
    }

    #[test]
    fn plains_quotes_and_dashes() {
        assert_eq!(
            norm("\u{201C}It\u{2019}s\u{201D} \u{2014} a \u{2212}1 \u{2013} «x»"),
            "\"it's\" - a -1 - \"x\""
        );
    }

    #[test]
    fn straightens_the_back_tick_whatever_follows_it() {
        // Before ASCII the bulk copy folds it, before a non-ASCII character the ladder does:
        // both must agree, or a quote typed with one would miss an article using the other.
        assert_eq!(norm("`a` `\u{e9}` `"), "'a' '\u{e9}' '");
    }

    #[test]
    fn collapses_unicode_whitespace_and_drops_invisibles() {
        assert_eq!(norm("a\u{00A0}\u{200B} \u{2003}b"), "a b");
        assert_eq!(norm("gov\u{00AD}ern\u{200B}ment"), "government");
    }

    #[test]
    fn drops_white_space_inside_unspaced_scripts() {
        assert_eq!(
            norm("兰叶春葳蕤，\n桂华秋皎洁。 ok"),
            "兰叶春葳蕤,桂华秋皎洁。 ok"
        );
        assert_eq!(norm("中 文"), "中文");
    }

    #[test]
    fn joins_line_end_hyphenation() {
        assert_eq!(norm("govern-\nment"), "government");
        assert_eq!(norm("govern-  \r\n   ment"), "government");
        assert_eq!(norm("govern\u{00AD}\nment"), "government");
        // A hyphen before a capital or a digit is a real hyphen.
        assert_eq!(norm("US-\nChina"), "us- china");
        assert_eq!(norm("well- known"), "well- known");
    }

    #[test]
    fn maps_ranges_back_to_original() {
        let t = PreparedText::new("A  \u{201C}Caf\u{00E9}\u{201D}\u{2026} ok");
        assert_eq!(t.normalized(), "a \"café\"... ok");
        let n = t.normalized();
        let s = n.find("café").unwrap_or(0);
        let r = t.to_original(s..s + "café".len());
        assert_eq!(&t.original()[r], "Caf\u{00E9}");
        // Inside the ellipsis: the whole character.
        let dots = n.find("...").unwrap_or(0);
        let r = t.to_original(dots + 1..dots + 2);
        assert_eq!(&t.original()[r.clone()], "\u{2026}");
        let whole = t.to_original(0..n.len());
        assert_eq!(whole, 0..t.original().len());
        let back = t.to_normalized(r);
        assert_eq!(&n[back], "...");
    }

    #[test]
    fn counts_chars_and_utf16_units() {
        let text = "a\u{00E9}\u{4E2D}\u{1F600}b".repeat(2000);
        let t = PreparedText::new(&text);
        let (mut bytes, mut utf16) = (0, 0);
        for (chars, c) in text.chars().enumerate() {
            if chars % 97 == 0 {
                assert_eq!(t.char_offset(bytes), chars);
                assert_eq!(t.utf16_offset(bytes), utf16);
            }
            bytes += c.len_utf8();
            utf16 += c.len_utf16();
        }
        assert_eq!(t.char_offset(text.len()), text.chars().count());
    }

    /// Obviously correct for ASCII without hyphens: lower case, white-space runs to one space,
    /// the back-tick as `'`.
    fn ascii_oracle(text: &str) -> String {
        let mut out = String::new();
        let mut in_space = false;
        for c in text.chars() {
            if c.is_ascii_whitespace() || c == '\u{0B}' {
                if !in_space {
                    out.push(' ');
                }
                in_space = true;
            } else {
                out.push(if c == '`' {
                    '\''
                } else {
                    c.to_ascii_lowercase()
                });
                in_space = false;
            }
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        #[test]
        fn ascii_text_normalises_like_the_oracle(text in "[a-zA-Z0-9.,;'`\" \t\n\r]{0,120}") {
            let prepared = PreparedText::new(&text);
            proptest::prop_assert_eq!(prepared.normalized(), ascii_oracle(&text));
            for (i, b) in prepared.normalized().bytes().enumerate() {
                let r = prepared.to_original(i..i + 1);
                let source = &text[r];
                if b == b' ' {
                    proptest::prop_assert!(source.chars().all(|c| c.is_ascii_whitespace()));
                } else {
                    let folded = source.to_ascii_lowercase().replace('`', "'");
                    proptest::prop_assert_eq!(folded.into_bytes(), vec![b]);
                }
            }
        }
    }

    #[test]
    fn empty_and_blank_texts() {
        assert!(PreparedText::new("").is_blank());
        assert!(PreparedText::new(" \u{00A0}\n").is_blank());
        assert_eq!(PreparedText::new("").to_original(0..5), 0..0);
    }
}
