//! Elisions and editorial brackets in a normalised quote.
//!
//! A quote may leave words out (`...`, `…`, `. . .`, `[...]`, `[…]`) or put words in (`[the
//! firm]`). Each marker splits the quote into pieces that must appear in order in the text, the
//! next starting within a bounded gap after the previous one ends: the gap for an elision is
//! long (whole sentences may be skipped), for an insertion short (it replaces a few words, or
//! none). `[sic]` is dropped, and a bracket attached to a word (`[T]he`, `wom[a]n`) is the
//! editor's spelling of that word: its brackets are dropped and its letters kept.

/// What separates a piece from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gap {
    /// The first piece: no constraint.
    Start,
    /// Words left out: up to the locator's elision gap.
    Elision,
    /// An editorial insertion that replaced a few words (or none).
    Insertion,
}

/// One piece of a quote, normalised, to be found in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Piece {
    /// The piece's normalised text, trimmed of white space.
    pub(crate) text: String,
    /// What separates it from the previous piece.
    pub(crate) gap: Gap,
}

/// Splits a normalised quote at its elision and insertion markers.
///
/// Markers at either end are dropped, empty pieces are skipped, and a gap that follows an
/// elision and an insertion together counts as an elision.
pub(crate) fn split_pieces(quote: &str) -> Vec<Piece> {
    if !quote.contains(['.', '[', '(']) {
        let text = quote.trim_matches(' ');
        return if text.is_empty() {
            Vec::new()
        } else {
            vec![Piece {
                text: text.to_owned(),
                gap: Gap::Start,
            }]
        };
    }
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut pending = Gap::Start;
    let mut rest = quote;
    // Once a `[` finds no `]` after it, no later one will: stop looking (linear, not quadratic,
    // in a quote of many `[`).
    let mut closes_ahead = true;
    while let Some(c) = rest.chars().next() {
        if let Some(len) = elision_len(rest) {
            close(&mut pieces, &mut current, &mut pending, Gap::Elision);
            rest = &rest[len..];
            continue;
        }
        let close_at = if c == '[' && closes_ahead {
            rest.find(']')
        } else {
            None
        };
        closes_ahead &= c != '[' || close_at.is_some();
        if let Some(close_at) = close_at {
            {
                let inner = &rest[1..close_at];
                let after = &rest[close_at + 1..];
                let before_attached = current
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
                let after_attached = after.chars().next().is_some_and(char::is_alphanumeric);
                if inner.trim() == "sic" {
                    // Drop `[sic]` and one of the spaces around it.
                    rest = after
                        .strip_prefix(' ')
                        .filter(|_| current.ends_with(' '))
                        .unwrap_or(after);
                    continue;
                }
                if !inner.contains('[')
                    && (before_attached || after_attached)
                    && !inner.contains(' ')
                {
                    current.push_str(inner);
                    rest = after;
                    continue;
                }
                if !inner.contains('[') {
                    close(&mut pieces, &mut current, &mut pending, Gap::Insertion);
                    rest = after;
                    continue;
                }
            }
        }
        current.push(c);
        rest = &rest[c.len_utf8()..];
    }
    close(&mut pieces, &mut current, &mut pending, Gap::Start);
    pieces
}

/// Ends the current piece; `next` is the gap the marker just read puts before the next one.
fn close(pieces: &mut Vec<Piece>, current: &mut String, pending: &mut Gap, next: Gap) {
    let text = current.trim_matches(' ');
    if text.is_empty() {
        // Two markers in a row: the wider gap wins (but never before the first piece).
        if (*pending != Gap::Start || !pieces.is_empty()) && next == Gap::Elision {
            *pending = Gap::Elision;
        }
    } else {
        let gap = if pieces.is_empty() {
            Gap::Start
        } else {
            *pending
        };
        pieces.push(Piece {
            text: text.to_owned(),
            gap,
        });
        *pending = next;
    }
    current.clear();
}

/// The byte length of an elision marker at the start of `s`, if one is there.
fn elision_len(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    // `[...]` / `(...)` with optional spaces inside.
    if let Some(&open @ (b'[' | b'(')) = bytes.first() {
        let close = if open == b'[' { b']' } else { b')' };
        let inner_len = dots_len(&bytes[1..])?;
        let mut at = 1 + inner_len;
        while bytes.get(at) == Some(&b' ') {
            at += 1;
        }
        return (bytes.get(at) == Some(&close)).then_some(at + 1);
    }
    dots_len(bytes)
}

/// The length of a run of at least three dots, optionally separated by single spaces
/// (`...`, `. . .`, `....`), at the start of `bytes`.
fn dots_len(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    while bytes.get(at) == Some(&b' ') {
        at += 1;
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(q: &str) -> Vec<(String, Gap)> {
        split_pieces(q)
            .into_iter()
            .map(|p| (p.text, p.gap))
            .collect()
    }

    #[test]
    fn splits_at_every_elision_form() {
        for q in [
            "one two ... three four",
            "one two...three four",
            "one two . . . three four",
            "one two [...] three four",
            "one two [ ... ] three four",
            "one two (...) three four",
        ] {
            assert_eq!(
                texts(q),
                vec![
                    ("one two".to_owned(), Gap::Start),
                    ("three four".to_owned(), Gap::Elision)
                ],
                "{q}"
            );
        }
    }

    #[test]
    fn drops_markers_at_the_ends_and_sic() {
        assert_eq!(
            texts("... one two [sic] three ..."),
            vec![("one two three".to_owned(), Gap::Start)]
        );
        assert_eq!(texts("one. two"), vec![("one. two".to_owned(), Gap::Start)]);
    }

    #[test]
    fn keeps_attached_brackets_and_splits_insertions() {
        assert_eq!(
            texts("[t]he firm"),
            vec![("the firm".to_owned(), Gap::Start)]
        );
        assert_eq!(
            texts("he said [the firm] would grow"),
            vec![
                ("he said".to_owned(), Gap::Start),
                ("would grow".to_owned(), Gap::Insertion)
            ]
        );
        assert_eq!(
            texts("[the firm] would grow"),
            vec![("would grow".to_owned(), Gap::Start)]
        );
        // An unclosed bracket is text.
        assert_eq!(texts("a [b c"), vec![("a [b c".to_owned(), Gap::Start)]);
    }

    #[test]
    fn an_elision_next_to_an_insertion_is_an_elision() {
        assert_eq!(
            texts("one two ... [the firm] three"),
            vec![
                ("one two".to_owned(), Gap::Start),
                ("three".to_owned(), Gap::Elision)
            ]
        );
    }
}
