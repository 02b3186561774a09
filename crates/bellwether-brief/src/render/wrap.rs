//! Filling paragraphs by display width: CJK and emoji count two columns, URLs never
//! break, anything else too long for a line breaks between grapheme clusters.

use std::borrow::Cow;
use std::fmt;

use textwrap::WordSeparator;

use crate::escape::strip_unsafe_chars;
use textwrap::core::Fragment;
use textwrap::wrap_algorithms::wrap_first_fit;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The display width of `text` in a terminal.
pub(crate) fn display_width(text: &str) -> usize {
    text.width()
}

/// Drops characters that could act on a terminal or reorder text (C0/C1 controls such
/// as ESC, bidirectional overrides, noncharacters: the crate-wide rule of
/// `strip_unsafe_chars`), turns `\r\n` into `\n` and tabs into spaces. Newlines are
/// kept; callers treat them as paragraph breaks.
pub(crate) fn sanitize(text: &str) -> Cow<'_, str> {
    match strip_unsafe_chars(text) {
        Cow::Borrowed(clean) if !clean.contains('\t') => Cow::Borrowed(clean),
        clean => Cow::Owned(clean.replace('\t', " ")),
    }
}

/// One unit to place on a line, with the spaces that follow it if it is not last.
#[derive(Debug)]
struct Piece<'a> {
    text: &'a str,
    width: usize,
    space: usize,
}

impl Fragment for Piece<'_> {
    fn width(&self) -> f64 {
        self.width as f64
    }

    fn whitespace_width(&self) -> f64 {
        self.space as f64
    }

    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Whether a token is a link that must stay whole so it still works when copied.
fn is_unbreakable(token: &str) -> bool {
    token.contains("://") || token.starts_with("www.") || token.starts_with("mailto:")
}

/// Splits a line into pieces: at runs of spaces, then (for non-ASCII tokens) at
/// Unicode line-break opportunities, then long words between grapheme clusters.
fn pieces<'a>(line: &'a str, room: usize, out: &mut Vec<Piece<'a>>) {
    for token in line.split_inclusive(' ') {
        let word = token.trim_end_matches(' ');
        if word.is_empty() {
            // A run of spaces: widen the previous piece's gap.
            if let Some(last) = out.last_mut() {
                last.space += token.len();
            }
            continue;
        }
        let space = token.len() - word.len();
        if word.is_ascii() || is_unbreakable(word) {
            push_word(word, space, room, out);
        } else {
            let words: Vec<_> = WordSeparator::UnicodeBreakProperties
                .find_words(word)
                .collect();
            let count = words.len();
            for (i, found) in words.into_iter().enumerate() {
                let part = found.word.trim_end_matches(' ');
                let gap = found.word.len() - part.len() + found.whitespace.len();
                let gap = if i + 1 == count { gap + space } else { gap };
                push_word(part, gap, room, out);
            }
        }
    }
}

fn push_word<'a>(word: &'a str, space: usize, room: usize, out: &mut Vec<Piece<'a>>) {
    let width = display_width(word);
    if width <= room || is_unbreakable(word) {
        out.push(Piece {
            text: word,
            width,
            space,
        });
        return;
    }
    // Too long for any line: cut between grapheme clusters.
    let mut start = 0;
    let mut used = 0;
    for (at, grapheme) in word.grapheme_indices(true) {
        let w = display_width(grapheme);
        if used + w > room && at > start {
            out.push(Piece {
                text: &word[start..at],
                width: used,
                space: 0,
            });
            start = at;
            used = 0;
        }
        used += w;
    }
    out.push(Piece {
        text: &word[start..],
        width: used,
        space,
    });
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
        let room = width.saturating_sub(display_width(indent)).max(1);
        let room_rest = width.saturating_sub(display_width(rest)).max(1);
        let mut found = Vec::new();
        pieces(paragraph, room.min(room_rest), &mut found);
        write_lines(out, &found, &[room as f64, room_rest as f64], indent, rest)?;
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
    let room = width.saturating_sub(display_width(first)).max(1);
    let room_rest = width.saturating_sub(display_width(rest)).max(1);
    let joined: Vec<String> = units
        .iter()
        .enumerate()
        .map(|(i, unit)| {
            let unit = sanitize(unit.as_ref()).replace('\n', " ");
            if i + 1 < units.len() {
                format!("{unit}{}", separator.trim_end())
            } else {
                unit
            }
        })
        .collect();
    let gap = separator.len() - separator.trim_end().len();
    let mut found = Vec::new();
    for unit in &joined {
        let width = display_width(unit);
        if width <= room.min(room_rest) {
            found.push(Piece {
                text: unit,
                width,
                space: gap,
            });
        } else {
            // A unit too long for a line wraps like prose.
            pieces(unit, room.min(room_rest), &mut found);
            if let Some(last) = found.last_mut() {
                last.space = gap;
            }
        }
    }
    write_lines(out, &found, &[room as f64, room_rest as f64], first, rest)
}

fn write_lines(
    out: &mut dyn fmt::Write,
    pieces: &[Piece<'_>],
    widths: &[f64],
    first: &str,
    rest: &str,
) -> fmt::Result {
    if pieces.is_empty() {
        return out
            .write_str(first.trim_end())
            .and_then(|()| out.write_str("\n"));
    }
    for (n, line) in wrap_first_fit(pieces, widths).into_iter().enumerate() {
        out.write_str(if n == 0 { first } else { rest })?;
        for (i, piece) in line.iter().enumerate() {
            out.write_str(piece.text)?;
            if i + 1 < line.len() {
                for _ in 0..piece.space {
                    out.write_char(' ')?;
                }
            }
        }
        out.write_char('\n')?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
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
