//! The words of an article body, exactly as UAX #29 finds them (`unicode_words`), found fast.
//!
//! Most of a news article is ASCII letters and digits between spaces and punctuation, with a
//! few typographic characters (curly quotes and apostrophes, dashes, no-break spaces). For
//! those characters the word-break rules reduce to a small state machine, run here over a
//! byte-class table: letters and digits always join each other (rules WB5, WB8–WB10); a single
//! mid-word character joins two letters (`:`, and the MidNumLet `.` `'` `‘` `’`, WB6–WB7) or two
//! digits (`,` `;` and the MidNumLet ones, WB11–WB12); every other character here is a *hard*
//! boundary (word-break class `Other`, `WSegSpace`, `CR`, `LF` or `Newline`) that no rule joins
//! to a neighbour except an `Extend`, `Format` or `ZWJ` character right after it (WB4) or
//! another space (WB3d, which never makes a word).
//!
//! Any other character (an accented letter, a combining mark, `_`, an emoji …) sends the rest
//! of its *piece* to `unicode-segmentation`: the text from the end of the last word already
//! found up to the next hard boundary that is followed by a character of the fast set. Both
//! ends are boundaries that no rule looks across, so segmenting the piece on its own gives the
//! same words as segmenting the whole text.

use unicode_segmentation::UnicodeSegmentation;

/// Calls `emit` with each word of `text`, in order: the same words as
/// `text.unicode_words()`. With a word known to be made of ASCII letters and digits only
/// comes the text from the word's start on, for [`ascii_alphanumeric_prefix_hash`] (it may
/// come without it for such a word too).
///
/// [`ascii_alphanumeric_prefix_hash`]: crate::word_hash::ascii_alphanumeric_prefix_hash
// Inlined into its one caller, so that the caller's word state stays in registers.
#[inline(always)]
pub(crate) fn for_each_word<'a>(text: &'a str, mut emit: impl FnMut(&'a str, Option<&'a [u8]>)) {
    let bytes = text.as_bytes();
    // Where the words not emitted yet begin: the start of the piece or the end of its last
    // emitted word.
    let mut resume = 0;
    // Whether the piece holds a character outside the fast set: its words from `resume` on
    // are left to `unicode-segmentation`.
    let mut mixed = false;
    // The word being read: its start (`NONE` if there is none), the class (`LETTER` or
    // `DIGIT`) of its last character, whether it holds mid-word punctuation, and a mid-word
    // character right after it (at `pending`, `NONE` if there is none) that may join it to
    // the next run.
    let (mut start, mut last, mut punctuated) = (NONE, LETTER, false);
    let (mut pending, mut pending_class) = (NONE, MID_NUM_LET);
    let mut i = 0;
    while i < bytes.len() {
        let mut class = CLASS[usize::from(bytes[i])];
        let mut width = 1;
        if class == NON_ASCII {
            width = utf8_width(bytes[i]);
            class = non_ascii_class(bytes, i);
        }
        match class {
            LETTER | DIGIT => {
                // The rest of the run, the bulk of the text.
                let run = i;
                i += 1;
                while bytes
                    .get(i)
                    .is_some_and(|&b| CLASS[usize::from(b)] <= DIGIT)
                {
                    i += 1;
                }
                if mixed {
                    continue;
                }
                let run_last = CLASS[usize::from(bytes[i - 1])];
                if start != NONE && pending != NONE {
                    if joins(last, pending_class, class) {
                        punctuated = true;
                        pending = NONE;
                        last = run_last;
                        continue;
                    }
                    emit_word(text, start, pending, punctuated, &mut emit);
                    resume = pending;
                    (start, punctuated, pending) = (NONE, false, NONE);
                }
                if start == NONE {
                    start = run;
                }
                last = run_last;
            }
            MID_LETTER | MID_NUM | MID_NUM_LET => {
                if !mixed && start != NONE {
                    if pending == NONE {
                        (pending, pending_class) = (i, class);
                    } else {
                        // Two in a row: nothing joins across them.
                        emit_word(text, start, pending, punctuated, &mut emit);
                        resume = pending;
                        (start, punctuated, pending) = (NONE, false, NONE);
                    }
                }
                i += width;
            }
            HARD => {
                // A word before the boundary ends there, whatever follows the boundary.
                if !mixed && start != NONE {
                    let end = pending.min(i);
                    emit_word(text, start, end, punctuated, &mut emit);
                    (start, punctuated, pending) = (NONE, false, NONE);
                }
                // Spaces stay together (WB3d), and a mark after the last one joins them all
                // (WB4): the piece ends here only if the character after the run is in the
                // fast set.
                let mut after = i + width;
                if bytes[i] == b' ' {
                    while bytes.get(after) == Some(&b' ') {
                        after += 1;
                    }
                }
                if is_cut_safe_at(bytes, after) {
                    if mixed {
                        if let Some(piece) = text.get(resume..i) {
                            piece.unicode_words().for_each(|word| emit(word, None));
                        }
                        mixed = false;
                    }
                    resume = after;
                } else if !mixed {
                    mixed = true;
                    resume = i;
                }
                i = after;
            }
            _ => {
                // Outside the fast set: the rest of the piece goes to unicode-segmentation,
                // from the end of its last emitted word.
                mixed = true;
                (start, punctuated, pending) = (NONE, false, NONE);
                i += width;
            }
        }
    }
    if mixed {
        if let Some(piece) = text.get(resume..) {
            piece.unicode_words().for_each(|word| emit(word, None));
        }
    } else if start != NONE {
        emit_word(text, start, pending.min(bytes.len()), punctuated, &mut emit);
    }
}

/// No position.
const NONE: usize = usize::MAX;

/// Emits the word at `start..end` (character boundaries: the fast path only steps over whole
/// characters), with the text from its start on if it has no mid-word punctuation.
#[inline]
fn emit_word<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    punctuated: bool,
    emit: &mut impl FnMut(&'a str, Option<&'a [u8]>),
) {
    if let Some(word) = text.get(start..end) {
        let plain = match punctuated {
            false => text.as_bytes().get(start..),
            true => None,
        };
        emit(word, plain);
    }
}

/// Whether a mid-word character of class `mid` joins a word ending with a `last` character to
/// a run starting with a `next` one (WB6–WB7, WB11–WB12).
fn joins(last: u8, mid: u8, next: u8) -> bool {
    match mid {
        MID_NUM_LET => last == next,
        MID_LETTER => last == LETTER && next == LETTER,
        _ => last == DIGIT && next == DIGIT,
    }
}

/// Byte classes. `LETTER` and `DIGIT` come first so that one comparison tests for both.
const LETTER: u8 = 0;
const DIGIT: u8 = 1;
/// `:` (MidLetter).
const MID_LETTER: u8 = 2;
/// `,` `;` (MidNum).
const MID_NUM: u8 = 3;
/// `.` `'` (MidNumLet and Single_Quote, which act alike without Hebrew letters).
const MID_NUM_LET: u8 = 4;
/// ASCII of the classes Other, WSegSpace, CR, LF and Newline.
const HARD: u8 = 5;
/// `_` (ExtendNumLet), left to `unicode-segmentation`.
const OTHER_ASCII: u8 = 6;
/// A byte of a multi-byte character.
const NON_ASCII: u8 = 7;

/// The class of each byte.
static CLASS: [u8; 256] = {
    let mut table = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            b'0'..=b'9' => DIGIT,
            b':' => MID_LETTER,
            b',' | b';' => MID_NUM,
            b'.' | b'\'' => MID_NUM_LET,
            b'_' => OTHER_ASCII,
            _ => HARD,
        };
        b += 1;
    }
    table
};

/// The class of the non-ASCII character at byte `i`: `MID_NUM_LET` for the curly single
/// quotes, `HARD` for the `Other` characters news text is full of (no-break space, en and em
/// dashes, curly double quotes, ellipsis, euro sign), `NON_ASCII` for anything else.
fn non_ascii_class(bytes: &[u8], i: usize) -> u8 {
    match bytes.get(i..i + 2) {
        Some([0xC2, 0xA0]) => HARD,
        Some([0xE2, 0x80]) => match bytes.get(i + 2) {
            Some(0x98 | 0x99) => MID_NUM_LET,
            Some(0x93 | 0x94 | 0x9C | 0x9D | 0xA6) => HARD,
            _ => NON_ASCII,
        },
        Some([0xE2, 0x82]) if bytes.get(i + 2) == Some(&0xAC) => HARD,
        _ => NON_ASCII,
    }
}

/// Whether the character at byte `i` (or the end of the text) is in the fast set, so that it
/// cannot attach to a hard boundary before it (it is not `Extend`, `Format` or `ZWJ`).
fn is_cut_safe_at(bytes: &[u8], i: usize) -> bool {
    match bytes.get(i) {
        None => true,
        Some(b) if b.is_ascii() => true,
        Some(_) => non_ascii_class(bytes, i) != NON_ASCII,
    }
}

/// The length of the UTF-8 sequence that `lead` starts (1 for ASCII and for continuation bytes,
/// which never start a character in a `&str` scan that steps by this width).
fn utf8_width(lead: u8) -> usize {
    match lead {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        for_each_word(text, |w, plain| {
            if let Some(rest) = plain {
                assert!(w.bytes().all(|b| b.is_ascii_alphanumeric()), "{w:?}");
                assert!(rest.starts_with(w.as_bytes()), "{w:?}");
            }
            out.push(w)
        });
        out
    }

    #[test]
    fn splits_plain_text_on_spaces_and_punctuation() {
        assert_eq!(
            words("The U.S. said, on Tuesday—“don’t”—that 1,000.5 chips (e.g. H20s) moved."),
            vec![
                "The", "U.S", "said", "on", "Tuesday", "don’t", "that", "1,000.5", "chips", "e.g",
                "H20s", "moved"
            ]
        );
    }

    #[test]
    fn keeps_combining_marks_after_a_boundary_with_their_base() {
        // U+0903 (Devanagari visarga) is alphabetic and attaches to the dash before it (WB4).
        let text = "a -\u{0903} b";
        assert_eq!(words(text), text.unicode_words().collect::<Vec<_>>());
    }

    /// Characters chosen to exercise every rule near a cut: ASCII of every class, the
    /// non-ASCII boundaries the fast path knows, and characters that attach (Extend, Format,
    /// ZWJ), join (Hebrew with quotes, narrow no-break space, Katakana) or pair (regional
    /// indicators).
    fn alphabet() -> impl Strategy<Value = char> {
        prop_oneof![
            4 => prop::char::range('a', 'z'),
            1 => prop::char::range('A', 'Z'),
            1 => prop::char::range('0', '9'),
            3 => Just(' '),
            2 => prop::char::range('!', '/'),
            1 => prop::char::range(':', '@'),
            1 => prop::sample::select(vec!['[', '\\', ']', '^', '_', '`', '{', '|', '}', '~']),
            1 => prop::sample::select(vec!['\n', '\r', '\t', '\u{B}', '\u{C}', '\u{7F}']),
            2 => prop::sample::select(vec![
                '\u{A0}', '\u{2013}', '\u{2014}', '\u{2018}', '\u{2019}', '\u{201C}',
                '\u{201D}', '\u{2026}', '\u{202F}', '\u{3000}', '\u{2003}', '\u{85}',
            ]),
            2 => prop::sample::select(vec![
                '\u{301}', '\u{903}', '\u{AD}', '\u{200D}', '\u{200C}', '\u{FE0F}', '€', '·',
                '\u{2024}',
                'é', 'ß', 'İ', 'א', 'ב', 'ア', '中', '文', '👍', '🇺', '🇸', '٣', '²',
            ]),
        ]
    }

    /// News-like text: runs of letters or digits joined by the mid-word characters, between
    /// the separators the fast path knows, with now and then a character it leaves to
    /// `unicode-segmentation` (accents, marks, `_`, Hebrew, CJK, a middle dot).
    fn newsy_text() -> impl Strategy<Value = String> {
        let run = prop_oneof![
            3 => "[a-zA-Z]{1,6}",
            2 => "[0-9]{1,4}",
            1 => "[a-z0-9]{1,3}",
        ];
        let joint = prop_oneof![
            6 => Just(String::new()),
            2 => prop::sample::select(vec![".", "'", "’", "‘", ",", ";", ":"]).prop_map(str::to_owned),
            1 => prop::sample::select(vec!["..", ".’", "’’", ",.", "'.", ":’"]).prop_map(str::to_owned),
            3 => prop::sample::select(vec![" ", "  ", "—", " “", "” ", "\u{A0}", " €", "…", "\n", "\r\n", "(", ") ", "-", "/"])
                .prop_map(str::to_owned),
            1 => prop::sample::select(vec![
                "é", "\u{301}", "_", "א", "\"", "中", "\u{AD}", "·", "\u{200D}", " \u{903}", "\u{2024}",
            ])
            .prop_map(str::to_owned),
        ];
        prop::collection::vec((run, joint), 0..40)
            .prop_map(|parts| parts.into_iter().flat_map(|(r, j)| [r, j]).collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn finds_the_same_words_in_news_like_text(text in newsy_text()) {
            prop_assert_eq!(words(&text), text.unicode_words().collect::<Vec<_>>());
        }

        #[test]
        fn finds_the_same_words_as_unicode_segmentation(
            text in prop::collection::vec(alphabet(), 0..80).prop_map(String::from_iter)
        ) {
            prop_assert_eq!(words(&text), text.unicode_words().collect::<Vec<_>>());
        }

        #[test]
        fn finds_the_same_words_in_arbitrary_text(text in any::<String>()) {
            prop_assert_eq!(words(&text), text.unicode_words().collect::<Vec<_>>());
        }
    }
}
