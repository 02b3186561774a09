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

use crate::byte_scan::find_byte;
use crate::escape::{char_len, dropped_len, is_suspect_byte, strip_unsafe_chars};

/// The display width of `text` in a terminal.
#[inline]
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

/// A fast pre-check for [`sanitize`]: false only when `text` has no tab, carriage return or
/// character that `strip_unsafe_chars` would drop. Bytes are skipped a block at a time, and
/// a character is looked at only where its lead byte may start one of those.
fn may_need_cleaning(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(found) = find_byte(bytes, at, |b| (b == b'\t') | is_suspect_byte(b)) {
        if matches!(bytes[found], b'\t' | b'\r') || dropped_len(bytes, found).is_some() {
            return true;
        }
        at = found + char_len(bytes[found]);
    }
    false
}

/// Whether a token is a link that must stay whole so it still works when copied.
fn is_unbreakable(token: &str) -> bool {
    token.contains("://") || token.starts_with("www.") || token.starts_with("mailto:")
}

/// Greedy line filling over one paragraph, writing each finished line at once.
struct Filler<'a, 'o, W: ?Sized> {
    out: &'o mut W,
    text: &'a str,
    indent: &'a str,
    rest: &'a str,
    /// Columns left after the current line's indent.
    room: usize,
    /// Columns left after `rest`, the indent of every line after the first.
    rest_room: usize,
    /// The byte range of the current line in `text`, if it has begun.
    line: Option<(usize, usize)>,
    used: usize,
    /// Whether ASCII stretches are filled a line at a time and non-ASCII words that fit the
    /// line are placed whole (off only to check those shortcuts against placing word by word,
    /// every non-ASCII word split at its line-break opportunities).
    shortcuts: bool,
}

/// The columns left on a line of `width` after `indent` (at least one).
fn room_after(width: usize, indent: &str) -> usize {
    width.saturating_sub(display_width(indent)).max(1)
}

impl<'a, 'o, W: fmt::Write + ?Sized> Filler<'a, 'o, W> {
    /// A filler for one paragraph, its first line indented by `first`, the others by `rest`.
    fn new(out: &'o mut W, text: &'a str, width: usize, first: &'a str, rest: &'a str) -> Self {
        Filler {
            out,
            text,
            indent: first,
            rest,
            room: room_after(width, first),
            rest_room: room_after(width, rest),
            line: None,
            used: 0,
            shortcuts: true,
        }
    }

    /// Places every word on its own, never a line at a time, and splits every non-ASCII word
    /// at its line-break opportunities: the reference layout.
    #[cfg(test)]
    fn word_by_word(mut self) -> Self {
        self.shortcuts = false;
        self
    }

    fn room(&self) -> usize {
        self.room
    }

    fn flush(&mut self) -> fmt::Result {
        if let Some((start, end)) = self.line.take() {
            self.out.write_str(self.indent)?;
            self.out.write_str(&self.text[start..end])?;
            self.out.write_str("\n")?;
            self.indent = self.rest;
            self.room = self.rest_room;
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
    /// opportunities when they hold non-ASCII text. Stretches of printable ASCII still take
    /// a line at a time (see [`Filler::ascii_line`]).
    fn fill_words(mut self) -> fmt::Result {
        let text = self.text;
        let bytes = text.as_bytes();
        let end_of_text = text.trim_end_matches(' ').len();
        let mut at = 0;
        // Where the last line-at-a-time attempt met non-ASCII text: word by word until past it.
        let mut word_by_word_until = 0;
        // A byte loop: spaces are ASCII, and UTF-8 never uses ASCII bytes inside a
        // multi-byte character, so every cut below falls on a character boundary.
        while at < bytes.len() {
            if self.shortcuts && at >= word_by_word_until {
                match self.ascii_line(at, end_of_text)? {
                    AsciiLine::Filled(next) => {
                        at = next;
                        continue;
                    }
                    AsciiLine::Ended => return self.flush(),
                    AsciiLine::NotAscii(offset) => word_by_word_until = offset,
                    AsciiLine::NoRoom => {}
                }
            }
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
            } else if let Some(width) = self.whole_word_width(word_start, word) {
                self.place(word_start, at, width)?;
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

    /// The width of `word`, starting at `start`, if it fits whole on the current line (or, with
    /// no line begun, on a line of its own). Its pieces between line-break opportunities would
    /// then all go on that line one after another, so finding them (the Unicode line-breaking
    /// algorithm, the costliest step of filling) can be skipped: the breaks only matter for a
    /// word that crosses the end of a line.
    fn whole_word_width(&self, start: usize, word: &str) -> Option<usize> {
        if !self.shortcuts {
            return None;
        }
        let width = display_width(word);
        let used = match self.line {
            Some((_, line_end)) => self.used + (start - line_end),
            None => 0,
        };
        (used + width <= self.room).then_some(width)
    }

    /// Fills the rest of the current line (or a new one) at once when the text from `at`
    /// that could go on it is printable ASCII, where a byte is a column: the line then ends
    /// at the last space within the room left, exactly where placing word by word would end
    /// it. `at` is where the current line ends, or the start of a word when no line has
    /// begun; `end_of_text` is the paragraph's end without trailing spaces.
    fn ascii_line(&mut self, at: usize, end_of_text: usize) -> Result<AsciiLine, fmt::Error> {
        let bytes = self.text.as_bytes();
        let (at, line_start, room) = match self.line {
            None => {
                let start = at + bytes[at..].iter().take_while(|&&b| b == b' ').count();
                if start >= end_of_text {
                    return Ok(AsciiLine::NoRoom);
                }
                (start, start, self.room)
            }
            Some((start, end)) if end == at && self.used < self.room => {
                (at, start, self.room - self.used)
            }
            Some(_) => return Ok(AsciiLine::NoRoom),
        };
        // A word ending at `e` fits when `e - at <= room`.
        let limit = at + room;
        if limit >= end_of_text {
            return Ok(match first_non_ascii(&bytes[at..end_of_text]) {
                None => {
                    self.line = Some((line_start, end_of_text));
                    AsciiLine::Ended
                }
                Some(offset) => AsciiLine::NotAscii(at + offset),
            });
        }
        // The word that straddles the limit must be ASCII too: a non-ASCII word may break
        // inside, and a piece of it might still fit.
        let straddle_end = bytes[limit..]
            .iter()
            .position(|&b| b == b' ')
            .map_or(bytes.len(), |offset| limit + offset);
        if let Some(offset) = first_non_ascii(&bytes[at..straddle_end]) {
            return Ok(AsciiLine::NotAscii(at + offset));
        }
        let Some(space) = bytes[at..=limit].iter().rposition(|&b| b == b' ') else {
            return Ok(AsciiLine::NoRoom);
        };
        let end = self.text[..at + space].trim_end_matches(' ').len();
        if end <= at {
            // Not even the next word fits.
            return Ok(AsciiLine::NoRoom);
        }
        self.line = Some((line_start, end));
        self.flush()?;
        Ok(AsciiLine::Filled(at + space))
    }
}

/// What [`Filler::ascii_line`] did.
enum AsciiLine {
    /// Filled and wrote a line; words continue at this offset.
    Filled(usize),
    /// Put the rest of the paragraph on the current line.
    Ended,
    /// Did nothing: the text that could go on the line has a non-ASCII byte at this offset.
    NotAscii(usize),
    /// Did nothing: no further word fits on the current line.
    NoRoom,
}

/// The offset of the first non-ASCII byte in `bytes`.
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    if bytes.is_ascii() {
        None
    } else {
        bytes.iter().position(|b| !b.is_ascii())
    }
}

/// Writes `text` filled to `width` columns: the first line starts with `first`, the
/// others with `rest`. Each `\n` in `text` starts a new paragraph line. Every line
/// ends with `\n`. A line exceeds `width` only when it holds a single URL wider than
/// the room left by the indent.
pub(crate) fn fill<W: fmt::Write + ?Sized>(
    out: &mut W,
    text: &str,
    width: usize,
    first: &str,
    rest: &str,
) -> fmt::Result {
    let text = sanitize(text);
    let mut indent = first;
    for paragraph in text.split('\n') {
        Filler::new(&mut *out, paragraph, width, indent, rest).fill()?;
        indent = rest;
    }
    Ok(())
}

/// Like [`fill`] for a list of units that must each stay whole when they fit on a
/// line (meta parts, tags, names), joined by `separator` (e.g. ` · `): a line break
/// replaces the separator's trailing space, so lines end with `·`.
pub(crate) fn fill_units<W: fmt::Write + ?Sized, S: AsRef<str>>(
    out: &mut W,
    units: &[S],
    separator: &str,
    width: usize,
    first: &str,
    rest: &str,
) -> fmt::Result {
    let mark = separator.trim_end();
    let gap = separator.len() - mark.len();
    // A line is the units (each with the separator's mark unless last) joined by `gap`
    // spaces; `unit` holds the next one while it is measured.
    let mut line = String::new();
    let mut unit = String::new();
    let mut line_width = 0;
    let mut indent = first;
    for (i, text) in units.iter().enumerate() {
        unit.clear();
        let clean = sanitize(text.as_ref());
        if clean.contains('\n') {
            unit.push_str(&clean.replace('\n', " "));
        } else {
            unit.push_str(&clean);
        }
        if i + 1 < units.len() {
            unit.push_str(mark);
        }
        let width_of_unit = display_width(&unit);
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
        line.push_str(&unit);
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
        Filler::new(&mut out, text, width, first, rest)
            .word_by_word()
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
            Filler::new(&mut fast, &text, width, &first, &rest)
            .fill_ascii()
            .unwrap();
            prop_assert_eq!(fast, filled_word_by_word(&text, width, &first, &rest));
        }

        /// Filling ASCII stretches a line at a time and placing non-ASCII words that fit
        /// whole lays out mixed text exactly as placing every word, piece by piece, does.
        #[test]
        fn line_at_a_time_lays_out_like_word_by_word(
            parts in proptest::collection::vec(prop_oneof![
                4 => "[a-z]{1,9}",
                1 => "[a-z]{0,4}(—|‘|’|漢字|é)[a-z]{0,4}",
                1 => "[a-z]{0,3}(—|–|‘|’|“|”|×|·|…|漢字。|한국어|e\u{301}|❤\u{FE0F}|👍🏽|👨\u{200D}👩|🇫🇷|لا|\u{AD}|\u{200B}|/|-){1,4}[a-z]{0,3}",
                1 => Just("https://x.example/a/long/path".to_owned()),
                1 => Just(String::new()),
            ], 0..40),
            width in 1usize..40,
            first in " {0,4}",
            rest in " {0,4}",
        ) {
            let text = parts.join(" ");
            let mut fast = String::new();
            Filler::new(&mut fast, &text, width, &first, &rest)
            .fill_words()
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
