//! Characters that must never reach a reader as they are: controls that terminals, XML and HTML
//! parsers reject or act on, and the bidirectional overrides behind "Trojan Source" spoofing.

use std::borrow::Cow;
use std::fmt;

use crate::byte_scan::find_byte;

/// Whether `c` is one of the nine bidirectional embedding, override and isolate controls
/// (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI).
///
/// They reorder the text around them until closed, so an unclosed one in a title can flip the
/// reading order of everything that follows it on the page (CVE-2021-42574).
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` is a Unicode noncharacter (U+FDD0..=U+FDEF and the last two code points of every
/// plane); HTML parsers report them as errors and XML forbids U+FFFE and U+FFFF.
pub(crate) fn is_noncharacter(c: char) -> bool {
    let code = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE
}

/// Whether `c` is dropped from rendered text: C0 controls other than tab and line feed
/// (carriage returns are turned into line feeds first), DEL, C1 controls, bidirectional
/// controls and noncharacters.
///
/// What remains is valid XML 1.0 character data, raises no HTML5 parse error, and cannot move
/// a terminal's cursor or reorder the text around it.
pub(crate) fn is_dropped_from_text(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || is_bidi_control(c) || is_noncharacter(c)
}

/// The byte length of the character starting at `bytes[at]` when [`is_dropped_from_text`]
/// names it, read from its UTF-8 bytes without decoding it; `None` for any other character
/// (and for `\r`, which callers turn into a line feed).
///
/// Every dropped character is ASCII below `0x20` (but tab and line feed) or `0x7F`, a C1
/// control (`C2 80..=9F`), a bidirectional control (`E2 80 AA..=AE`, `E2 81 A6..=A9`), a
/// noncharacter of the Basic Multilingual Plane (`EF B7 90..=AF`, `EF BF BE..=BF`) or the last
/// two code points of another plane (`F0..=F4 x? BF BE..=BF` with the low four bits of the
/// second byte set). `at` must be a character boundary.
#[inline]
pub(crate) fn dropped_len(bytes: &[u8], at: usize) -> Option<usize> {
    let next = |offset: usize| bytes.get(at + offset).copied().unwrap_or(0);
    let dropped = match bytes[at] {
        0x00..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F | 0x7F => 1,
        0xC2 if matches!(next(1), 0x80..=0x9F) => 2,
        0xE2 if matches!(
            (next(1), next(2)),
            (0x80, 0xAA..=0xAE) | (0x81, 0xA6..=0xA9)
        ) =>
        {
            3
        }
        0xEF if matches!(
            (next(1), next(2)),
            (0xB7, 0x90..=0xAF) | (0xBF, 0xBE | 0xBF)
        ) =>
        {
            3
        }
        0xF0..=0xF4 if next(1) & 0x0F == 0x0F && next(2) == 0xBF && next(3) & 0xFE == 0xBE => 4,
        _ => return None,
    };
    Some(dropped)
}

/// Whether `byte` is anything but printable ASCII (a space to `~`): a quick filter that holds
/// for every byte that may start a character that is `\r` or dropped from text (see
/// [`dropped_len`] for the exact answer). Two operations, so that block scans vectorise well
/// (see [`find_byte`]).
#[inline(always)]
pub(crate) fn is_suspect_byte(byte: u8) -> bool {
    byte.wrapping_sub(0x20) >= 0x5F
}

/// The length of the UTF-8 character whose first byte is `lead`, so that a scan that found a
/// character it keeps passes over the character's other bytes in one step.
#[inline(always)]
pub(crate) fn char_len(lead: u8) -> usize {
    match lead {
        0x00..=0xBF => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// The byte offset of the first character of `text` that is `\r` or dropped from text.
fn first_suspect(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut offset = 0;
    while let Some(found) = find_byte(bytes, offset, is_suspect_byte) {
        offset = found;
        if bytes[offset] == b'\r' || dropped_len(bytes, offset).is_some() {
            return Some(offset);
        }
        offset += char_len(bytes[offset]);
    }
    None
}

/// Writes `text` as [`strip_unsafe_chars`] would return it, except that each byte `b` for
/// which `entity(b)` is `Some` (only ever an ASCII byte) is written as that replacement: the
/// cleaning and escaping of one markup language in a single pass that writes unchanged
/// stretches whole.
///
/// `notable` must hold for every byte [`is_suspect_byte`] holds for and every byte `entity`
/// replaces.
#[inline(always)]
pub(crate) fn write_cleaned(
    out: &mut (impl fmt::Write + ?Sized),
    text: &str,
    notable: impl Fn(u8) -> bool,
    entity: impl Fn(u8) -> Option<&'static str>,
) -> fmt::Result {
    let bytes = text.as_bytes();
    let mut pending = 0;
    let mut at = 0;
    while let Some(found) = find_byte(bytes, at, &notable) {
        at = found;
        let byte = bytes[at];
        let (replacement, len) = if let Some(entity) = entity(byte) {
            (entity, 1)
        } else if byte == b'\r' {
            // `\r\n` and a lone `\r` both end a line once.
            let lone = bytes.get(at + 1) != Some(&b'\n');
            (if lone { "\n" } else { "" }, 1)
        } else if let Some(len) = dropped_len(bytes, at) {
            ("", len)
        } else {
            at += char_len(byte);
            continue;
        };
        out.write_str(&text[pending..at])?;
        out.write_str(replacement)?;
        at += len;
        pending = at;
    }
    out.write_str(&text[pending..])
}

/// Returns `text` without the characters [`is_dropped_from_text`] names, with `\r\n` and lone
/// `\r` turned into `\n`; borrows when there is nothing to change.
pub(crate) fn strip_unsafe_chars(text: &str) -> Cow<'_, str> {
    let Some(first) = first_suspect(text) else {
        return Cow::Borrowed(text);
    };
    let mut cleaned = String::with_capacity(text.len());
    cleaned.push_str(&text[..first]);
    let mut chars = text[first..].chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() != Some(&'\n') {
                cleaned.push('\n');
            }
        } else if !is_dropped_from_text(c) {
            cleaned.push(c);
        }
    }
    Cow::Owned(cleaned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn borrows_clean_text() {
        assert!(matches!(
            strip_unsafe_chars("plain « text » 中文 🙂"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn drops_bidi_overrides_and_controls() {
        let hostile = "a\u{202E}b\u{2066}c\u{0}d\u{1b}[31me\u{85}f\u{FFFF}g\u{FDD0}h";
        assert_eq!(strip_unsafe_chars(hostile), "abcd[31mefgh");
    }

    #[test]
    fn keeps_tabs_newlines_and_joiners() {
        let text = "a\tb\nc 👩\u{200D}💻 \u{200C}";
        assert_eq!(strip_unsafe_chars(text), text);
    }

    #[test]
    fn turns_carriage_returns_into_line_feeds() {
        assert_eq!(strip_unsafe_chars("a\r\nb\rc\n\rd"), "a\nb\nc\n\nd");
    }

    fn is_xml_char(c: char) -> bool {
        matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
    }

    /// Strings dense in the characters whose bytes [`dropped_len`] reads.
    fn suspect_text() -> impl Strategy<Value = String> {
        proptest::string::string_regex(
            "[\\x00-\\x{7f}\\x{80}-\\x{a0}\\x{2020}-\\x{2070}\\x{fdc0}-\\x{fdf0}\\x{fff0}-\\x{ffff}\\x{1fffd}-\\x{1ffff}\\x{10fffd}-\\x{10ffff}a—‘’]{0,24}",
        )
        .expect("valid regex")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn reads_dropped_characters_from_their_bytes_as_decoding_would(
            text in prop_oneof![suspect_text(), any::<String>()]
        ) {
            for (at, c) in text.char_indices() {
                let expected = (c != '\r' && is_dropped_from_text(c)).then_some(c.len_utf8());
                prop_assert_eq!(dropped_len(text.as_bytes(), at), expected, "{:?}", c);
            }
        }

        /// The quick filter holds for the first byte of every character that is `\r` or
        /// dropped, so scans that skip the bytes it rejects miss none.
        #[test]
        fn every_dropped_character_starts_with_a_suspect_byte(
            text in prop_oneof![suspect_text(), any::<String>()]
        ) {
            for (at, c) in text.char_indices() {
                if c == '\r' || is_dropped_from_text(c) {
                    prop_assert!(is_suspect_byte(text.as_bytes()[at]), "{:?}", c);
                }
            }
        }

        #[test]
        fn writes_cleaned_text_as_strip_unsafe_chars_returns_it(
            text in prop_oneof![suspect_text(), any::<String>()]
        ) {
            let mut out = String::new();
            write_cleaned(&mut out, &text, is_suspect_byte, |_| None).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(out, strip_unsafe_chars(&text));
        }
    }

    proptest! {
        #[test]
        fn finds_the_first_suspect_as_a_character_scan_would(text in any::<String>()) {
            let expected = text.find(|c: char| c == '\r' || is_dropped_from_text(c));
            prop_assert_eq!(first_suspect(&text), expected);
        }

        #[test]
        fn output_is_input_minus_dropped_chars(text in any::<String>()) {
            let cleaned = strip_unsafe_chars(&text);
            let expected: String = text
                .replace("\r\n", "\n")
                .replace('\r', "\n")
                .chars()
                .filter(|&c| !is_dropped_from_text(c))
                .collect();
            prop_assert_eq!(cleaned.as_ref(), expected.as_str());
            prop_assert!(cleaned.chars().all(is_xml_char));
            prop_assert!(!cleaned.chars().any(is_bidi_control));
        }
    }
}
