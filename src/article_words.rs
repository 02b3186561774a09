//! The words a quote shows: the article's own, at the span where the quote was found.
//!
//! A quote the pipeline accepts is shown as the article has it, never as the model wrote it.
//! The article's text at each piece's span is made fit to print:
//!
//! - soft hyphens and zero-width characters (U+00AD, U+200B–U+200D, U+2060, U+FEFF) are
//!   dropped;
//! - a hyphen that ends a line between a letter and a lower-case letter (`govern-\nment`) is
//!   joined with its line break, as the anchor crate reads it;
//! - every run of white space (hard wraps, tabs, non-breaking and other Unicode spaces) becomes
//!   one space, and the ends are trimmed.
//!
//! Everything else is kept as the article has it: letters and case, typographic quotes and
//! apostrophes, dashes, punctuation. (White space between characters of scripts written without
//! spaces, such as a wrapped line of Chinese, is kept as one space.)
//!
//! A quote found in pieces (an elided quote, or one with an editorial insertion) shows each
//! piece so, with the model's markers between them: `…` for each elision, whatever form the
//! model wrote it in, and each bracketed insertion as written (`[the firm]`), so that no word
//! between quotation marks is the model's without brackets around it. Markers at either end are
//! kept too. `[sic]` is dropped (the article's own spelling is shown), and a bracket attached to
//! a word (`[T]he`) gives way to the article's word. When the model's markers cannot be matched
//! to the pieces found (the locator read the quote otherwise), the pieces are joined with ` … `.

use std::ops::Range;

/// The elision mark shown between pieces.
pub(crate) const ELISION: &str = "…";

/// A quote's words as shown, and where each article piece lies in them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ShownWords {
    /// The text to show.
    pub(crate) text: String,
    /// The byte range of each article piece within `text`, in order.
    pub(crate) pieces: Vec<Range<usize>>,
}

/// The article's words in `original`, made fit to print (see the module documentation).
pub(crate) fn article_words(original: &str) -> String {
    let mut out = String::with_capacity(original.len());
    let mut pending_space = false;
    let mut chars = original.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if is_invisible(c) {
            continue;
        }
        if is_hyphen(c) && joins_line_end(original, at, at + c.len_utf8()) {
            // Skip the hyphen and the white space (one line break with its indentation).
            while chars.peek().is_some_and(|&(_, next)| next.is_whitespace()) {
                chars.next();
            }
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}')
}

/// Whether the hyphen at `hyphen..after` of `text` ends a line inside a word: a letter before
/// it, then only spaces or tabs, one line break, indentation, and a lower-case letter.
fn joins_line_end(text: &str, hyphen: usize, after: usize) -> bool {
    let letter_before = text[..hyphen]
        .chars()
        .next_back()
        .is_some_and(char::is_alphabetic);
    if !letter_before {
        return false;
    }
    let rest = text[after..].trim_start_matches([' ', '\t']);
    let Some(rest) = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))
        .or_else(|| rest.strip_prefix('\r'))
    else {
        return false;
    };
    rest.trim_start_matches([' ', '\t'])
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// A mark of the model's between the pieces of a quote.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Marker {
    /// Words left out.
    Elision,
    /// Words put in, as written between the brackets.
    Insertion(String),
}

/// The model's quote read as the locator reads it: pieces of words, and the markers before,
/// between and after them.
#[derive(Debug, Default)]
struct Notation {
    /// `markers[i]` come before piece `i`; the last entry comes after the last piece.
    markers: Vec<Vec<Marker>>,
    pieces: usize,
}

/// Reads the elisions and editorial brackets of `proposed`, by the anchor crate's rules (see
/// its `Rung::Elided`): `…`, `...`, `. . .`, `[...]`, `[…]` and `(...)` are elisions; a
/// bracket of several words, or not attached to a word, is an insertion; `[sic]` and brackets
/// attached to a word (`[T]he`) are part of the words.
fn read_notation(proposed: &str) -> Notation {
    let mut notation = Notation {
        markers: vec![Vec::new()],
        pieces: 0,
    };
    let mut in_piece = false;
    let mut rest = proposed;
    let mut last_char: Option<char> = None;
    while let Some(c) = rest.chars().next() {
        if let Some(len) = elision_len(rest) {
            push_marker(&mut notation, &mut in_piece, Marker::Elision);
            rest = &rest[len..];
            last_char = Some(' ');
            continue;
        }
        if c == '['
            && let Some(close) = rest.find(']')
        {
            let inner = &rest[1..close];
            let after = &rest[close + 1..];
            let attached = last_char.is_some_and(char::is_alphanumeric)
                || after.chars().next().is_some_and(char::is_alphanumeric);
            if !inner.contains('[') {
                if inner.trim() == "sic" || (attached && !inner.contains(' ')) {
                    // Part of the words: the piece goes on (or begins).
                    if inner.trim() != "sic" && !inner.trim().is_empty() {
                        start_piece(&mut notation, &mut in_piece);
                    }
                    rest = after;
                    last_char = inner.chars().next_back().or(last_char);
                    continue;
                }
                push_marker(
                    &mut notation,
                    &mut in_piece,
                    Marker::Insertion(inner.to_owned()),
                );
                rest = after;
                last_char = Some(' ');
                continue;
            }
        }
        if !c.is_whitespace() {
            start_piece(&mut notation, &mut in_piece);
        }
        last_char = Some(c);
        rest = &rest[c.len_utf8()..];
    }
    notation
}

fn start_piece(notation: &mut Notation, in_piece: &mut bool) {
    if !*in_piece {
        *in_piece = true;
        notation.pieces += 1;
        notation.markers.push(Vec::new());
    }
}

fn push_marker(notation: &mut Notation, in_piece: &mut bool, marker: Marker) {
    *in_piece = false;
    if let Some(last) = notation.markers.last_mut() {
        last.push(marker);
    }
}

/// The byte length of an elision marker at the start of `s`, if one is there.
fn elision_len(s: &str) -> Option<usize> {
    if s.starts_with(ELISION) {
        return Some(ELISION.len());
    }
    let bytes = s.as_bytes();
    if let Some(&open @ (b'[' | b'(')) = bytes.first() {
        let close = if open == b'[' { b']' } else { b')' };
        let mut at = 1;
        while bytes.get(at) == Some(&b' ') {
            at += 1;
        }
        let inner = if s[at..].starts_with(ELISION) {
            ELISION.len()
        } else {
            dots_len(&bytes[at..])?
        };
        at += inner;
        while bytes.get(at) == Some(&b' ') {
            at += 1;
        }
        return (bytes.get(at) == Some(&close)).then_some(at + 1);
    }
    dots_len(bytes)
}

/// The length of a run of at least three dots, optionally separated by single spaces, at the
/// start of `bytes`.
fn dots_len(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    let mut dots = 0;
    let mut end = 0;
    while bytes.get(at) == Some(&b'.') {
        dots += 1;
        at += 1;
        end = at;
        if bytes.get(at) == Some(&b' ') && bytes.get(at + 1) == Some(&b'.') {
            at += 1;
        }
    }
    (dots >= 3).then_some(end)
}

/// The words to show for a quote the model wrote as `proposed` and that was found at
/// `pieces` (byte ranges of `article`, in order; one for a quote found whole).
pub(crate) fn shown_words(article: &str, pieces: &[Range<usize>], proposed: &str) -> ShownWords {
    let words: Vec<String> = pieces
        .iter()
        .map(|piece| {
            article
                .get(piece.clone())
                .map(article_words)
                .unwrap_or_default()
        })
        .collect();
    let notation = read_notation(proposed);
    let markers = if notation.pieces == words.len() {
        notation.markers
    } else {
        // The locator read the quote otherwise: an elision between every two pieces.
        let mut markers = vec![Vec::new()];
        markers.extend((1..words.len()).map(|_| vec![Marker::Elision]));
        markers.push(Vec::new());
        markers
    };
    let mut text = String::new();
    let mut ranges = Vec::with_capacity(words.len());
    let write_markers = |text: &mut String, markers: &[Marker]| {
        for marker in markers {
            if !text.is_empty() {
                text.push(' ');
            }
            match marker {
                Marker::Elision => text.push_str(ELISION),
                Marker::Insertion(inner) => {
                    text.push('[');
                    text.push_str(inner.trim());
                    text.push(']');
                }
            }
        }
    };
    for (i, piece) in words.iter().enumerate() {
        write_markers(&mut text, markers.get(i).map_or(&[][..], Vec::as_slice));
        if !text.is_empty() && !piece.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(piece);
        ranges.push(start..text.len());
    }
    write_markers(
        &mut text,
        markers.get(words.len()).map_or(&[][..], Vec::as_slice),
    );
    ShownWords {
        text,
        pieces: ranges,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_wraps_and_line_end_hyphenation_and_drops_soft_hyphens() {
        assert_eq!(
            article_words("relying on distilla-\n  tion\tattacks,\r\nthe\u{AD}ory"),
            "relying on distillation attacks, theory"
        );
        // A hyphen before a capital, a digit or inside a line is a real hyphen.
        assert_eq!(article_words("export-\nControl"), "export- Control");
        assert_eq!(article_words("G-\n20 and self-made"), "G- 20 and self-made");
        // Typography is the article's.
        assert_eq!(
            article_words("  \u{201C}China\u{2019}s\u{00A0}lead\u{201D} \u{2014} it "),
            "\u{201C}China\u{2019}s lead\u{201D} \u{2014} it"
        );
    }

    #[test]
    fn pieces_keep_the_models_markers_between_them() {
        let article = "He said the firm would grow. Later, profits rose sharply.";
        let shown = shown_words(
            article,
            &[0..7, 17..27, 36..57],
            "He said [the company] would grow ... profits rose sharply.",
        );
        assert_eq!(
            shown.text,
            "He said [the company] would grow … profits rose sharply."
        );
        let pieces: Vec<&str> = shown
            .pieces
            .iter()
            .map(|r| &shown.text[r.clone()])
            .collect();
        assert_eq!(pieces, ["He said", "would grow", "profits rose sharply."]);
    }

    #[test]
    fn markers_at_the_ends_and_attached_brackets() {
        let article = "The firm would grow.";
        let whole = std::slice::from_ref(&(0..19));
        let shown = shown_words(article, whole, "… [t]he firm would grow [sic] [...]");
        assert_eq!(shown.text, "… The firm would grow …");
        assert_eq!(&shown.text[shown.pieces[0].clone()], "The firm would grow");
    }

    #[test]
    fn unmatched_markers_fall_back_to_elisions() {
        let shown = shown_words("one two three four", &[0..3, 8..13], "one three");
        assert_eq!(shown.text, "one … three");
    }
}
