//! Characters that must never reach a reader as they are: controls that terminals, XML and HTML
//! parsers reject or act on, and the bidirectional overrides behind "Trojan Source" spoofing.

use std::borrow::Cow;

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

/// The byte offset of the first character of `text` that is `\r` or dropped from text.
///
/// Scans bytes: every such character is ASCII below `0x20` or `0x7F`, or starts with one of
/// the lead bytes `0xC2` (C1 controls), `0xE2` (bidirectional controls), `0xEF` (noncharacters
/// U+FDD0..U+FDEF, U+FFFE, U+FFFF) or `0xF0..=0xF4` (noncharacters of the other planes); only
/// there is the character decoded and checked.
fn first_suspect(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut offset = 0;
    while let Some(found) = bytes[offset..]
        .iter()
        .position(|&b| SUSPECT_BYTES[usize::from(b)])
    {
        offset += found;
        // `offset` is a character boundary: lead bytes and ASCII always are.
        let c = text[offset..].chars().next()?;
        if c == '\r' || is_dropped_from_text(c) {
            return Some(offset);
        }
        offset += 1;
    }
    None
}

/// The bytes [`first_suspect`] stops at, as a table so that the scan is one load per byte.
static SUSPECT_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] =
            matches!(byte, 0x00..=0x08 | 0x0B..=0x1F | 0x7F | 0xC2 | 0xE2 | 0xEF | 0xF0..=0xF4);
        byte += 1;
    }
    table
};

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
