//! The words of an article body, exactly as UAX #29 finds them (`unicode_words`), found fast.
//!
//! Most of a news article is ASCII letters and digits between spaces. UAX #29 never breaks
//! inside a run of ASCII letters and digits, and some characters are *hard* boundaries: they
//! belong to the word-break class `Other`, `WSegSpace`, `CR`, `LF` or `Newline`, which no rule
//! joins to a neighbour except an `Extend`, `Format` or `ZWJ` character right after them
//! (rule WB4) — or another space (WB3d), which never makes a word. So where such a character is
//! followed by a character that is none of those, the text can be cut, and each piece segmented
//! on its own gives the same words as the whole. Pieces made only of ASCII letters and digits
//! are words as they stand; any other piece goes to `unicode-segmentation`, whose own ASCII path
//! handles `said,` or `U.S.` and whose full tables handle everything else.

use unicode_segmentation::UnicodeSegmentation;

/// Calls `emit` with each word of `text`, in order: the same words as
/// `text.unicode_words()`. The flag is `true` when the word is known to be made of ASCII
/// letters and digits only (it may be `false` for such a word too).
pub(crate) fn for_each_word<'a>(text: &'a str, mut emit: impl FnMut(&'a str, bool)) {
    let bytes = text.as_bytes();
    let mut start = 0;
    // Where trailing mid-word punctuation (`said,` `end.`) began in the piece, if it did.
    let mut trail = usize::MAX;
    // Whether the piece holds anything but ASCII letters and digits and trailing punctuation.
    let mut mixed = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            mixed |= trail != usize::MAX;
            // The rest of the run, the bulk of the text.
            i += 1;
            while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                i += 1;
            }
            continue;
        }
        if matches!(b, b'.' | b',' | b';' | b':' | b'\'') {
            trail = trail.min(i);
            i += 1;
            continue;
        }
        let width = utf8_width(b);
        if is_hard_boundary(bytes, i) {
            // Spaces stay together (WB3d), and a mark after the last one joins them all (WB4):
            // look past the run.
            let mut after = i + width;
            if b == b' ' {
                while bytes.get(after) == Some(&b' ') {
                    after += 1;
                }
            }
            if is_cut_safe_after(bytes, after) {
                // `i` and `after` are character boundaries: each starts a character or ends
                // the text.
                emit_piece(&text[start..i], mixed, trail.min(i) - start, &mut emit);
                start = after;
                trail = usize::MAX;
                mixed = false;
                i = after;
                continue;
            }
        }
        mixed = true;
        i += width;
    }
    emit_piece(
        &text[start..],
        mixed,
        trail.min(bytes.len()) - start,
        &mut emit,
    );
}

/// Emits the words of one piece of text cut at hard boundaries. A piece that is not `mixed` is
/// ASCII letters and digits up to `word_end`, then mid-word punctuation that nothing follows,
/// so nothing joins to it (rules WB6, WB7, WB11, WB12 need a letter or digit after it).
fn emit_piece<'a>(
    piece: &'a str,
    mixed: bool,
    word_end: usize,
    emit: &mut impl FnMut(&'a str, bool),
) {
    if mixed {
        piece.unicode_words().for_each(|word| emit(word, false));
    } else if let Some(word) = piece.get(..word_end).filter(|w| !w.is_empty()) {
        emit(word, true);
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

/// Whether the character at byte `i` is a hard word boundary: an ASCII character other than a
/// letter, digit or one of `. , ; : ' _` (the mid-word and connector classes), or one of the
/// non-ASCII `Other` characters news text is full of (no-break space, en and em dashes, curly
/// double quotes, ellipsis).
fn is_hard_boundary(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'.' | b',' | b';' | b':' | b'\'' | b'_' => false,
        b if b.is_ascii() => !b.is_ascii_alphanumeric(),
        _ => matches!(
            lead_char(bytes, i),
            Some('\u{A0}' | '\u{2013}' | '\u{2014}' | '\u{201C}' | '\u{201D}' | '\u{2026}')
        ),
    }
}

/// Whether the character at byte `i` (or the end of the text) cannot be attached to the hard
/// boundary before it: it is ASCII, or a common punctuation character known not to be
/// `Extend`, `Format` or `ZWJ`.
fn is_cut_safe_after(bytes: &[u8], i: usize) -> bool {
    match bytes.get(i) {
        None => true,
        Some(b) if b.is_ascii() => true,
        Some(_) => matches!(
            lead_char(bytes, i),
            Some(
                '\u{A0}'
                    | '\u{2013}'
                    | '\u{2014}'
                    | '\u{2018}'
                    | '\u{2019}'
                    | '\u{201C}'
                    | '\u{201D}'
                    | '\u{2026}'
            )
        ),
    }
}

/// The character starting at byte `i`, for the two- and three-byte characters above.
fn lead_char(bytes: &[u8], i: usize) -> Option<char> {
    let end = (i + utf8_width(bytes[i])).min(bytes.len());
    std::str::from_utf8(bytes.get(i..end)?).ok()?.chars().next()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        for_each_word(text, |w, plain| {
            assert!(
                !plain || w.bytes().all(|b| b.is_ascii_alphanumeric()),
                "{w:?}"
            );
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
                '\u{301}', '\u{903}', '\u{AD}', '\u{200D}', '\u{200C}', '\u{FE0F}',
                'é', 'ß', 'İ', 'א', 'ב', 'ア', '中', '文', '👍', '🇺', '🇸', '٣', '²',
            ]),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

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
