//! Filling paragraphs by display width: CJK and emoji count two columns, URLs never
//! break, anything else too long for a line breaks between grapheme clusters.
//!
//! Lines are filled greedily (first fit). Breaks fall at spaces and, inside runs of
//! non-ASCII text such as CJK, at the Unicode line-break opportunities textwrap finds
//! (UAX #14). Every line written is a contiguous slice of the (cleaned) input, so the
//! filler only measures and never copies word by word.

use std::borrow::Cow;
use std::fmt;

use textwrap::WordSeparator;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::escape::strip_unsafe_chars;

/// The display width of `text` in a terminal.
pub(crate) fn display_width(text: &str) -> usize {
    // Printable ASCII (control characters are stripped before wrapping) is one column
    // per byte; checking that is far cheaper than the Unicode tables.
    if text.is_ascii() {
        text.len()
    } else {
        text.width()
    }
}

/// Drops characters that could act on a terminal or reorder text (C0/C1 controls such
/// as ESC, bidirectional overrides, noncharacters: the crate-wide rule of
/// `strip_unsafe_chars`), turns `\r\n` into `\n` and tabs into spaces. Newlines are
/// kept; callers treat them as paragraph breaks.
pub(crate) fn sanitize(text: &str) -> Cow<'_, str> {
    if !may_need_cleaning(text) {
        return Cow::Borrowed(text);
    }
    match strip_unsafe_chars(text) {
        Cow::Borrowed(clean) if !clean.contains('\t') => Cow::Borrowed(clean),
        clean => Cow::Owned(clean.replace('\t', " ")),
    }
}

/// A fast, conservative pre-check for [`sanitize`]: false only when `text` has no tab,
/// carriage return or character that `strip_unsafe_chars` would drop. It looks at bytes
/// and decodes a character only at the lead bytes those characters can start with
/// (C0/DEL, C1 after 0xC2, bidi controls after 0xE2, noncharacters after 0xEF or a
/// four-byte lead).
fn may_need_cleaning(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Skip whole blocks of printable ASCII at once (the compiler vectorizes this); look
    // closer only at blocks holding anything else.
    const BLOCK: usize = 32;
    // No early exit inside a block, so the check compiles to vector instructions.
    let odd = |block: &[u8]| {
        block.iter().fold(false, |odd, &b| {
            odd | (!(0x20..0x7F).contains(&b) && b != b'\n')
        })
    };
    bytes
        .chunks(BLOCK)
        .enumerate()
        .filter(|(_, block)| odd(block))
        .any(|(index, block)| {
            let base = index * BLOCK;
            block
                .iter()
                .enumerate()
                .any(|(offset, &byte)| needs_cleaning_at(text, base + offset, byte))
        })
}

/// Whether the character starting with `byte` at `at` in `text` would be cleaned.
fn needs_cleaning_at(text: &str, at: usize, byte: u8) -> bool {
    match byte {
        0x20..=0x7E | b'\n' => false,
        0x00..=0x1F | 0x7F => true,
        0xC2 | 0xE2 | 0xEF | 0xF0..=0xF4 => text
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| strip_unsafe_chars(c.encode_utf8(&mut [0; 4])).len() != c.len_utf8()),
        _ => false,
    }
}

/// Whether a token is a link that must stay whole so it still works when copied.
fn is_unbreakable(token: &str) -> bool {
    token.contains("://") || token.starts_with("www.") || token.starts_with("mailto:")
}

/// Greedy line filling over one paragraph, writing each finished line at once.
struct Filler<'a, 'o> {
    out: &'o mut dyn fmt::Write,
    text: &'a str,
    width: usize,
    indent: &'a str,
    rest: &'a str,
    /// Columns left after the current line's indent.
    room: usize,
    /// The byte range of the current line in `text`, if it has begun.
    line: Option<(usize, usize)>,
    used: usize,
}

/// The columns left on a line of `width` after `indent` (at least one).
fn room_after(width: usize, indent: &str) -> usize {
    width.saturating_sub(display_width(indent)).max(1)
}

impl<'a> Filler<'a, '_> {
    fn room(&self) -> usize {
        self.room
    }

    fn flush(&mut self) -> fmt::Result {
        if let Some((start, end)) = self.line.take() {
            self.out.write_str(self.indent)?;
            self.out.write_str(&self.text[start..end])?;
            self.out.write_str("\n")?;
            self.indent = self.rest;
            self.room = room_after(self.width, self.rest);
            self.used = 0;
        }
        Ok(())
    }

    /// Places the piece `text[start..end]`, `width` columns wide, after the spaces
    /// (if any) between the current line's end and `start`.
    fn place(&mut self, start: usize, end: usize, width: usize) -> fmt::Result {
        if let Some((line_start, line_end)) = self.line {
            let gap = start - line_end;
            if self.used + gap + width <= self.room() {
                self.line = Some((line_start, end));
                self.used += gap + width;
                return Ok(());
            }
            self.flush()?;
        }
        if width > self.room() && !is_unbreakable(&self.text[start..end]) {
            return self.place_in_graphemes(start, end);
        }
        self.line = Some((start, end));
        self.used = width;
        Ok(())
    }

    /// Cuts a piece too wide for any line between grapheme clusters.
    fn place_in_graphemes(&mut self, start: usize, end: usize) -> fmt::Result {
        let text = self.text;
        let mut chunk = start;
        let mut used = 0;
        for (offset, grapheme) in text[start..end].grapheme_indices(true) {
            let at = start + offset;
            let width = display_width(grapheme);
            if used + width > self.room() && at > chunk {
                self.line = Some((chunk, at));
                self.flush()?;
                chunk = at;
                used = 0;
            }
            used += width;
        }
        self.line = Some((chunk, end));
        self.used = used;
        Ok(())
    }

    /// Fills the paragraph: printable ASCII by the fast path, anything else word by word.
    fn fill(self) -> fmt::Result {
        if self.text.is_ascii() {
            self.fill_ascii()
        } else {
            self.fill_words()
        }
    }

    /// The fast path for printable ASCII, where a byte is a column: each line is found
    /// with one backward search for a space in the window of bytes that fits, instead
    /// of word by word. It lays out exactly as [`Filler::fill_words`] does.
    fn fill_ascii(mut self) -> fmt::Result {
        let text = self.text;
        let bytes = text.as_bytes();
        let skip_spaces = |mut at: usize| {
            while at < bytes.len() && bytes[at] == b' ' {
                at += 1;
            }
            at
        };
        let end_of_text = text.trim_end_matches(' ').len();
        let mut at = skip_spaces(0);
        while at < end_of_text {
            let room = self.room;
            if end_of_text - at <= room {
                self.line = Some((at, end_of_text));
                break;
            }
            // A word ending at `e` fits when `e - at <= room`: look for the last space
            // at or before `at + room`.
            match bytes[at..=at + room].iter().rposition(|&b| b == b' ') {
                Some(space) => {
                    let end = text[..at + space].trim_end_matches(' ').len();
                    self.line = Some((at, end));
                    self.flush()?;
                    at = skip_spaces(at + space);
                }
                None => {
                    // The first word is wider than the line.
                    let word_end = bytes[at..]
                        .iter()
                        .position(|&b| b == b' ')
                        .map_or(bytes.len(), |offset| at + offset);
                    if is_unbreakable(&text[at..word_end]) {
                        self.line = Some((at, word_end));
                        self.flush()?;
                        at = skip_spaces(word_end);
                    } else {
                        // Cut off a full line; the rest of the word starts the next.
                        self.line = Some((at, at + room));
                        self.flush()?;
                        at += room;
                    }
                }
            }
        }
        if self.line.is_none() && end_of_text == 0 {
            self.out.write_str(self.indent.trim_end())?;
            return self.out.write_str("\n");
        }
        self.flush()
    }

    /// The general path: words between spaces, split further at Unicode line-break
    /// opportunities when they hold non-ASCII text.
    fn fill_words(mut self) -> fmt::Result {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut at = 0;
        // A byte loop: spaces are ASCII, and UTF-8 never uses ASCII bytes inside a
        // multi-byte character, so every cut below falls on a character boundary.
        while at < bytes.len() {
            while at < bytes.len() && bytes[at] == b' ' {
                at += 1;
            }
            if at == bytes.len() {
                break;
            }
            let word_start = at;
            at = bytes[at..]
                .iter()
                .position(|&b| b == b' ')
                .map_or(bytes.len(), |offset| at + offset);
            let word = &text[word_start..at];
            if word.is_ascii() {
                self.place(word_start, at, word.len())?;
            } else if is_unbreakable(word) {
                self.place(word_start, at, display_width(word))?;
            } else {
                let mut piece_start = word_start;
                for found in WordSeparator::UnicodeBreakProperties.find_words(word) {
                    let piece_end = piece_start + found.word.len();
                    if piece_end > piece_start {
                        self.place(piece_start, piece_end, display_width(found.word))?;
                    }
                    piece_start = piece_end + found.whitespace.len();
                }
            }
        }
        if self.line.is_none() {
            // A paragraph without words still takes its line.
            self.out.write_str(self.indent.trim_end())?;
            return self.out.write_str("\n");
        }
        self.flush()
    }
}

/// Writes `text` filled to `width` columns: the first line starts with `first`, the
/// others with `rest`. Each `\n` in `text` starts a new paragraph line. Every line
/// ends with `\n`. A line exceeds `width` only when it holds a single URL wider than
/// the room left by the indent.
pub(crate) fn fill(
    out: &mut dyn fmt::Write,
    text: &str,
    width: usize,
    first: &str,
    rest: &str,
) -> fmt::Result {
    let text = sanitize(text);
    let mut indent = first;
    for paragraph in text.split('\n') {
        Filler {
            out: &mut *out,
            text: paragraph,
            width,
            indent,
            rest,
            room: room_after(width, indent),
            line: None,
            used: 0,
        }
        .fill()?;
        indent = rest;
    }
    Ok(())
}

/// Like [`fill`] for a list of units that must each stay whole when they fit on a
/// line (meta parts, tags, names), joined by `separator` (e.g. ` · `): a line break
/// replaces the separator's trailing space, so lines end with `·`.
pub(crate) fn fill_units<S: AsRef<str>>(
    out: &mut dyn fmt::Write,
    units: &[S],
    separator: &str,
    width: usize,
    first: &str,
    rest: &str,
) -> fmt::Result {
    let mark = separator.trim_end();
    let gap = separator.len() - mark.len();
    // Each unit (with the separator's mark unless last) as one string; a line is those
    // strings joined by `gap` spaces.
    let joined: Vec<String> = units
        .iter()
        .enumerate()
        .map(|(i, unit)| {
            let unit = sanitize(unit.as_ref()).replace('\n', " ");
            if i + 1 < units.len() {
                format!("{unit}{mark}")
            } else {
                unit
            }
        })
        .collect();
    let mut line = String::new();
    let mut line_width = 0;
    let mut indent = first;
    for unit in &joined {
        let width_of_unit = display_width(unit);
        let room = width.saturating_sub(display_width(indent)).max(1);
        if !line.is_empty() && line_width + gap + width_of_unit > room {
            fill(out, &line, width, indent, rest)?;
            indent = rest;
            line.clear();
            line_width = 0;
        }
        if !line.is_empty() {
            line.extend(std::iter::repeat_n(' ', gap));
            line_width += gap;
        }
        line.push_str(unit);
        line_width += width_of_unit;
    }
    // `fill` also breaks a unit too long for a line on its own.
    fill(out, &line, width, indent, rest)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::escape::strip_unsafe_chars;

    fn filled(text: &str, width: usize, first: &str, rest: &str) -> String {
        let mut out = String::new();
        fill(&mut out, text, width, first, rest).unwrap();
        out
    }

    #[test]
    fn wraps_at_spaces_within_the_width() {
        assert_eq!(
            filled("the quick brown fox jumps over", 10, "", ""),
            "the quick\nbrown fox\njumps over\n"
        );
    }

    #[test]
    fn indents_first_and_later_lines() {
        assert_eq!(
            filled("aaa bbb ccc", 7, "1. ", "   "),
            "1. aaa\n   bbb\n   ccc\n"
        );
    }

    #[test]
    fn counts_wide_characters_as_two_columns() {
        // Six CJK characters are twelve columns: two lines of five columns' room.
        let out = filled("漢字漢字漢字", 5, "", "");
        for line in out.lines() {
            assert!(display_width(line) <= 5, "{line:?}");
        }
        assert_eq!(out.replace('\n', ""), "漢字漢字漢字");
    }

    #[test]
    fn never_breaks_a_url() {
        let url = "https://example.com/a/very/long/path-with-hyphens?and=query";
        let out = filled(&format!("see {url} now"), 20, "  ", "  ");
        assert!(out.lines().any(|line| line.trim() == url), "{out}");
    }

    #[test]
    fn breaks_an_overlong_word_between_graphemes() {
        assert_eq!(filled("abcdefghij", 4, "", ""), "abcd\nefgh\nij\n");
    }

    #[test]
    fn neutralizes_terminal_escapes_and_bidi_overrides() {
        let out = filled("a\u{1b}[31mred\u{202E}x", 40, "", "");
        assert!(!out.contains('\u{1b}') && !out.contains('\u{202E}'));
        assert!(out.contains("a[31mredx"));
    }

    #[test]
    fn keeps_units_whole() {
        let mut out = String::new();
        fill_units(
            &mut out,
            &["str 8", "extracted 3×", "first seen 2026-05-12"],
            " · ",
            24,
            "",
            "",
        )
        .unwrap();
        assert_eq!(out, "str 8 · extracted 3× ·\nfirst seen 2026-05-12\n");
    }

    fn text_piece() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-z]{1,12}",
            "[漢字仮名한국어]{1,8}",
            "[😀🎉👍🏽❤\u{FE0F}]{1,4}",
            "e\u{301}[a-z]{0,3}",
            Just("https://example.com/some/long/path?q=1".to_owned()),
            Just("\u{1b}[1m".to_owned()),
            " {1,3}",
        ]
    }

    fn filled_word_by_word(text: &str, width: usize, first: &str, rest: &str) -> String {
        let mut out = String::new();
        Filler {
            out: &mut out,
            text,
            width,
            indent: first,
            rest,
            room: room_after(width, first),
            line: None,
            used: 0,
        }
        .fill_words()
        .unwrap();
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn the_ascii_path_lays_out_like_the_word_path(
            text in "[a-z ]{0,60}|([a-z]{1,9} {1,2}){0,12}(https://x[.]example/[a-z/]{0,30})?[a-z ]{0,20}",
            width in 1usize..30,
            first in " {0,4}",
            rest in " {0,4}",
        ) {
            prop_assume!(text.is_ascii());
            let mut fast = String::new();
            Filler {
                out: &mut fast,
                text: &text,
                width,
                indent: &first,
                rest: &rest,
                room: room_after(width, &first),
                line: None,
                used: 0,
            }
            .fill_ascii()
            .unwrap();
            prop_assert_eq!(fast, filled_word_by_word(&text, width, &first, &rest));
        }

        #[test]
        fn the_pre_check_never_misses_what_needs_cleaning(text in "\\PC{0,12}|[\\x00-\\x{7f}\\x{80}-\\x{9f}\\x{2028}-\\x{206f}\\x{fdd0}-\\x{ffff}\\x{1fffe}\\x{10ffff}]{0,12}") {
            let needs = strip_unsafe_chars(&text) != text.as_str() || text.contains('\t');
            prop_assert!(!needs || may_need_cleaning(&text), "{:?}", text);
        }

        #[test]
        fn lines_fit_the_width_unless_they_hold_one_url(
            parts in proptest::collection::vec(text_piece(), 0..30),
            width in 8usize..60,
        ) {
            let text = parts.join(" ");
            let out = filled(&text, width, "  ", "    ");
            for line in out.lines() {
                let fits = display_width(line) <= width;
                let lone_url = is_unbreakable(line.trim());
                prop_assert!(fits || lone_url, "line {:?} is {} wide for {}", line, display_width(line), width);
            }
            // Nothing is lost: the words come back in order.
            let words = |s: &str| s.split_whitespace().collect::<String>();
            prop_assert_eq!(words(&out), words(&sanitize(&text)));
        }
    }
}
