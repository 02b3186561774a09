//! Case and typography folding with a map back to the original bytes.
//!
//! The same rules as quote anchoring, kept small: curly quotes and apostrophes become straight,
//! dashes become `-`, every run of white space (no-break spaces and line ends included) becomes
//! one space, soft hyphens vanish, a hyphen at a line end between two letters is a hyphenation
//! and is removed, dots inside capital initialisms (`U.S.`) are dropped, and letters are
//! lower-cased.

/// Text folded for matching, with the original byte offset of every folded byte.
#[derive(Debug, Clone)]
pub(crate) struct Folded {
    text: String,
    /// `map[i]` is the original offset of folded byte `i`; `map[text.len()]` is the original
    /// length, so a folded range `a..b` maps to `map[a]..end_of(b)`.
    map: Vec<u32>,
    /// `ends[i]`: the original offset just past the character that produced folded byte `i`.
    ends: Vec<u32>,
}

impl Folded {
    /// Folds `original` (at most `u32::MAX` bytes; callers check their limits first).
    pub(crate) fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut map = Vec::with_capacity(original.len() + 1);
        let mut ends = Vec::with_capacity(original.len() + 1);
        let bytes = original.as_bytes();
        let mut at = 0;
        while let Some(&b) = bytes.get(at) {
            // Most of a news text: an ASCII letter, digit or punctuation mark no rule below
            // touches, folded to itself lower-cased (one byte for one byte).
            if b.is_ascii_alphanumeric()
                || (b.is_ascii_punctuation() && !matches!(b, b'-' | b'.' | b'`'))
            {
                text.push(char::from(b.to_ascii_lowercase()));
                map.push(at as u32);
                ends.push(at as u32 + 1);
                at += 1;
                continue;
            }
            // `at` advances by whole characters, so it is always a boundary.
            let Some(c) = original[at..].chars().next() else {
                break;
            };
            let end = at + c.len_utf8();
            let push = |text: &mut String, map: &mut Vec<u32>, ends: &mut Vec<u32>, c: char| {
                let before = text.len();
                text.push(c);
                for _ in before..text.len() {
                    map.push(at as u32);
                    ends.push(end as u32);
                }
            };
            match c {
                '\u{00AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' => {}
                _ if c.is_whitespace() => {
                    if !text.is_empty() && !text.ends_with(' ') {
                        push(&mut text, &mut map, &mut ends, ' ');
                    }
                }
                '-' | '\u{2010}' if hyphenation_end(original, at, end).is_some() => {
                    // Skip the hyphen and the line break after it: `distilla-\ntion`.
                    at = hyphenation_end(original, at, end).unwrap_or(end);
                    continue;
                }
                '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`'
                | '\u{00B4}' => push(&mut text, &mut map, &mut ends, '\''),
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
                | '\u{00BB}' => push(&mut text, &mut map, &mut ends, '"'),
                '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
                | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => {
                    push(&mut text, &mut map, &mut ends, '-')
                }
                '.' if is_initialism_dot(original, at, end) => {}
                _ => {
                    for lower in c.to_lowercase() {
                        push(&mut text, &mut map, &mut ends, lower);
                    }
                }
            }
            at = end;
        }
        map.push(original.len() as u32);
        ends.push(original.len() as u32);
        Self { text, map, ends }
    }

    /// The folded text.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The original byte range of the folded range `start..end` (`start < end`).
    pub(crate) fn original_range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let from = self.map.get(start).copied().unwrap_or(0) as usize;
        let to = if end == 0 {
            from
        } else {
            self.ends.get(end - 1).copied().unwrap_or(0) as usize
        };
        from..to.max(from)
    }
}

/// Where the text resumes when the hyphen at `at..end` ends a line between two letters
/// (`distilla-⏎tion`): past the line break and any white space around it.
fn hyphenation_end(original: &str, at: usize, end: usize) -> Option<usize> {
    if !original[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphabetic)
    {
        return None;
    }
    let mut saw_line_end = false;
    let mut resume = end;
    for c in original[end..].chars() {
        if !c.is_whitespace() {
            return (saw_line_end && c.is_alphabetic()).then_some(resume);
        }
        saw_line_end |= matches!(c, '\n' | '\r' | '\u{2028}');
        resume += c.len_utf8();
    }
    None
}

/// A dot inside a capital initialism (`U.S.`): after a capital that starts a word, before
/// another capital or after an earlier dot of the same initialism.
fn is_initialism_dot(original: &str, at: usize, end: usize) -> bool {
    let mut before = original[..at].chars().rev();
    let prev = before.next();
    let prev2 = before.next();
    let next = original[end..].chars().next();
    prev.is_some_and(char::is_uppercase)
        && !prev2.is_some_and(char::is_alphanumeric)
        && (next.is_some_and(char::is_uppercase) || prev2 == Some('.'))
}

/// Whether `text[at]` starts a word: no letter or digit just before it.
pub(crate) fn boundary_before(text: &str, at: usize) -> bool {
    !text[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// Whether `text[at]` ends a word: no letter or digit just after it.
pub(crate) fn boundary_after(text: &str, at: usize) -> bool {
    !text[at..].chars().next().is_some_and(char::is_alphanumeric)
}

/// Finds `needle` (already folded) in `hay` on word boundaries; returns the folded range.
pub(crate) fn find_word_bounded(hay: &str, needle: &str) -> Option<(usize, usize)> {
    if needle.is_empty() {
        return None;
    }
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    for start in finder.find_iter(hay.as_bytes()) {
        let end = start + needle.len();
        if hay.is_char_boundary(start)
            && hay.is_char_boundary(end)
            && boundary_before(hay, start)
            && boundary_after(hay, end)
        {
            return Some((start, end));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The fold as first written, character by character with no fast path: the oracle the
    /// byte-wise fast path must agree with.
    #[allow(clippy::cast_possible_truncation)]
    fn reference_fold(original: &str) -> (String, Vec<u32>, Vec<u32>) {
        let mut text = String::with_capacity(original.len());
        let mut map = Vec::with_capacity(original.len() + 1);
        let mut ends = Vec::with_capacity(original.len() + 1);
        let chars: Vec<(usize, char)> = original.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (at, c) = chars[i];
            let end = chars.get(i + 1).map_or(original.len(), |&(next, _)| next);
            let prev = i.checked_sub(1).map(|p| chars[p].1);
            let prev2 = i.checked_sub(2).map(|p| chars[p].1);
            let next = chars.get(i + 1).map(|&(_, n)| n);
            let push = |text: &mut String, map: &mut Vec<u32>, ends: &mut Vec<u32>, c: char| {
                let before = text.len();
                text.push(c);
                for _ in before..text.len() {
                    map.push(at as u32);
                    ends.push(end as u32);
                }
            };
            match c {
                '\u{00AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' => {}
                _ if c.is_whitespace() => {
                    if !text.is_empty() && !text.ends_with(' ') {
                        push(&mut text, &mut map, &mut ends, ' ');
                    }
                }
                '-' | '\u{2010}' if reference_is_hyphenation(&chars, i) => {
                    // Skip the hyphen and the line break after it: `distilla-\ntion`.
                    let mut j = i + 1;
                    while j < chars.len() && chars[j].1.is_whitespace() {
                        j += 1;
                    }
                    i = j;
                    continue;
                }
                '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`'
                | '\u{00B4}' => push(&mut text, &mut map, &mut ends, '\''),
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
                | '\u{00BB}' => push(&mut text, &mut map, &mut ends, '"'),
                '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
                | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => {
                    push(&mut text, &mut map, &mut ends, '-')
                }
                '.' if prev.is_some_and(char::is_uppercase)
                    && !prev2.is_some_and(char::is_alphanumeric)
                    && (next.is_some_and(char::is_uppercase) || prev2 == Some('.')) => {}
                _ => {
                    for lower in c.to_lowercase() {
                        push(&mut text, &mut map, &mut ends, lower);
                    }
                }
            }
            i += 1;
        }
        map.push(original.len() as u32);
        ends.push(original.len() as u32);
        (text, map, ends)
    }

    fn reference_is_hyphenation(chars: &[(usize, char)], i: usize) -> bool {
        let before = i.checked_sub(1).map(|p| chars[p].1);
        if !before.is_some_and(char::is_alphabetic) {
            return false;
        }
        let mut j = i + 1;
        let mut saw_line_end = false;
        while j < chars.len() && chars[j].1.is_whitespace() {
            saw_line_end |= matches!(chars[j].1, '\n' | '\r' | '\u{2028}');
            j += 1;
        }
        saw_line_end && chars.get(j).is_some_and(|&(_, c)| c.is_alphabetic())
    }

    proptest! {
        /// The fast fold and the oracle give the same text and the same map back to the
        /// original, on text mixing ASCII, typography, white space, hyphenation and initialisms.
        #[test]
        fn the_fast_fold_agrees_with_the_oracle(
            pieces in prop::collection::vec(prop::sample::select(vec![
                "a", "B", "7", " ", "  ", "\n", "-", "-\n", "- \n ", ".", "U.", "S.", "Dr.", "`",
                "\u{2019}", "\u{201C}", "\u{2014}", "\u{2010}", "\u{00A0}", "\u{00AD}", "\u{200B}",
                "\u{0130}", "\u{00C9}t\u{00E9}", "\u{00DF}", "\u{2028}", ",", "'", "\"", "$", "%",
                "\u{4E2D}\u{6587}", "\r\n", "\t",
            ]), 0..40),
        ) {
            let original: String = pieces.concat();
            let fast = Folded::new(&original);
            let (text, map, ends) = reference_fold(&original);
            prop_assert_eq!(fast.text(), text.as_str());
            prop_assert_eq!(&fast.map, &map);
            prop_assert_eq!(&fast.ends, &ends);
        }
    }

    #[test]
    fn folds_typography_case_and_hyphenation() {
        let f = Folded::new(
            "The \u{201C}U.S.\u{201D}\u{00A0}firm\u{2019}s distilla-\n  tion \u{2014} ok",
        );
        assert_eq!(f.text(), "the \"us\" firm's distillation - ok");
    }

    #[test]
    fn maps_folded_ranges_back_to_original_bytes() {
        let original = "Big \u{201C}Deal\u{201D} here";
        let f = Folded::new(original);
        let start = f.text().find("deal").unwrap_or(0);
        let range = f.original_range(start, start + 4);
        assert_eq!(&original[range], "Deal");
    }

    #[test]
    fn keeps_a_sentence_final_capital_dot() {
        assert_eq!(Folded::new("Plan B. Then").text(), "plan b. then");
    }
}
