//! The single pass that normalises a text and records the offset map behind [`PreparedText`].
//!
//! Most of a news article is ASCII that only needs lower-casing, so the pass finds, sixteen
//! bytes at a time, the next place where the ladder has something to decide (a non-ASCII character or
//! the ASCII byte before one, a run of white space, a hyphen before white space), copies the
//! stretch before it folded in bulk as one linear piece of the map, and treats that place one
//! character at a time.
//!
//! [`PreparedText`]: crate::PreparedText

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use crate::words::is_unspaced;

/// One piece of the offset map: pieces are in order, each starts where the previous one ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Segment {
    /// Byte offset in the normalised text where this piece starts.
    pub(crate) normalized: usize,
    /// Byte offset in the original text where this piece's source starts.
    pub(crate) original: usize,
    /// Byte offset in the original text where this piece's source ends (used when not linear).
    pub(crate) original_end: usize,
    /// Whether the piece maps byte for byte (same length, offsets shift by a constant).
    pub(crate) linear: bool,
}

/// Most combining marks normalised together with the character they follow (UAX #15's
/// stream-safe limit).
const MAX_CLUSTER_MARKS: usize = 30;

/// Normalises `text` by the ladder documented on [`PreparedText`](crate::PreparedText); returns
/// the normalised text and its offset map.
pub(crate) fn normalize(text: &str) -> (String, Vec<Segment>) {
    Normalizer::new(text, true).run()
}

/// Each byte as it appears inside a stretch that maps byte for byte: lower case, white space as
/// one ASCII space (a lone white-space byte between two such bytes is a run of one), the
/// back-tick as `'` (as [`plain_punctuation`] maps it wherever it stands).
fn fold_ascii(b: u8) -> u8 {
    // Arithmetic rather than a table, so that the bulk copy vectorises.
    if b == b' ' || b.wrapping_sub(b'\t') < 5 {
        b' '
    } else if b == b'`' {
        b'\''
    } else {
        b.to_ascii_lowercase()
    }
}

/// Appends `source` folded byte by byte to `out`.
// Not inlined: as a function of its own, `source` and `out` are known not to overlap, so the
// copy compiles to vector instructions.
#[inline(never)]
fn extend_folded(out: &mut Vec<u8>, source: &[u8]) {
    out.extend(source.iter().map(|&b| fold_ascii(b)));
}

/// Whether an ASCII byte is white space for the ladder.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

/// Whether the ladder must look at the byte `b`, followed by `next` (0 at the end of the text),
/// on its own: `b` is not ASCII, or is the last ASCII byte before a non-ASCII character (which
/// may be a combining mark), or starts a run of white space longer than one byte, or is a
/// hyphen before white space (which may end a hyphenated line). Every other byte maps to
/// [`fold_ascii`] of itself, whatever precedes it.
fn is_decision(b: u8, next: u8) -> bool {
    (b | next) >= 0x80 || (is_ascii_space(next) && (is_ascii_space(b) || b == b'-'))
}

/// Bytes looked at together by [`next_decision`]'s block test.
const BLOCK: usize = 16;

/// Whether the block may hold a decision for any of its first [`BLOCK`] bytes (the last byte
/// is only the one that follows them). Never misses one; may flag a block whose only
/// candidates are control characters next to white space, which [`is_decision`] then rules
/// out. Written lane by lane with no early exit so that it compiles to vector instructions.
fn block_may_decide(block: &[u8; BLOCK + 1]) -> bool {
    let mut flags = [0u8; BLOCK];
    for (k, flag) in flags.iter_mut().enumerate() {
        let (b, next) = (block[k], block[k + 1]);
        // White space is at most b' ' here: the control characters are rare enough that a
        // wider test is worth its simplicity. All-ones masks, not bools, keep it in lanes.
        let next_spacing = if next <= b' ' { 0xFF } else { 0 };
        let spacing = if b <= b' ' || b == b'-' { 0xFF } else { 0 };
        *flag = ((b | next) & 0x80) | (next_spacing & spacing);
    }
    // An OR over the lanes, not `any`, so that nothing exits early.
    flags.iter().fold(0, |any, &flag| any | flag) != 0
}

/// The first offset at or after `start` where [`is_decision`] holds, or the end of `bytes`.
fn next_decision(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    loop {
        while let Some(chunk) = bytes.get(i..i + BLOCK + 1) {
            let mut block = [0u8; BLOCK + 1];
            block.copy_from_slice(chunk);
            if block_may_decide(&block) {
                break;
            }
            i += BLOCK;
        }
        // The flagged block byte by byte (or the tail, shorter than a block and its next
        // byte); a block flagged for control characters only goes back to the block test.
        let stop = (i + BLOCK).min(bytes.len());
        while i < stop {
            if is_decision(bytes[i], bytes.get(i + 1).copied().unwrap_or(0)) {
                return i;
            }
            i += 1;
        }
        if i == bytes.len() {
            return i;
        }
    }
}

/// Characters removed outright: soft hyphen and zero-width characters.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Maps typographic punctuation to its plain form, after NFKC and case folding.
fn plain_punctuation(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{2035}'
        | '\u{00B4}' | '`' | '\u{02BC}' | '\u{02BB}' | '\u{02B9}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{2036}'
        | '\u{00AB}' | '\u{00BB}' | '\u{300C}' | '\u{300D}' | '\u{300E}' | '\u{300F}'
        | '\u{301D}' | '\u{301E}' | '\u{301F}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{2043}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' | '\u{2E3A}'
        | '\u{2E3B}' => '-',
        '\u{03C2}' => '\u{03C3}',
        other => other,
    }
}

/// The plain form of a typographic quote mark or dash, if `c` is one (already NFKC and caseless).
fn typographic(c: char) -> Option<char> {
    matches!(c, '\u{2010}'..='\u{2015}' | '\u{2018}'..='\u{201F}' | '\u{2212}')
        .then(|| plain_punctuation(c))
        .filter(|&plain| plain != c)
}

/// Scripts written without case or compatibility variants, copied through unchanged.
fn is_stable_char(c: char) -> bool {
    matches!(c,
        '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}')
}

/// The single-pass normaliser behind [`normalize`].
struct Normalizer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    out: Vec<u8>,
    segments: Vec<Segment>,
    /// Whether the last pushed segment is linear and still extendable.
    linear_open: bool,
    /// The original offset that the next linear byte must come from to extend the open piece.
    linear_next: usize,
    /// Reused buffer for the normalised form of one character and its marks.
    cluster_out: String,
    /// Whether to copy the stretches between decisions in bulk (off only to test that doing
    /// so changes nothing).
    bulk: bool,
}

impl<'a> Normalizer<'a> {
    fn new(text: &'a str, bulk: bool) -> Self {
        Self {
            text,
            bytes: text.as_bytes(),
            out: Vec::with_capacity(text.len()),
            segments: Vec::new(),
            linear_open: false,
            linear_next: 0,
            cluster_out: String::new(),
            bulk,
        }
    }

    fn run(mut self) -> (String, Vec<Segment>) {
        let mut i = 0;
        while i < self.bytes.len() {
            if self.bulk {
                let end = next_decision(self.bytes, i);
                if end > i {
                    self.push_folded(i, end);
                    i = end;
                    continue;
                }
            }
            i = self.step(i);
        }
        // Only whole UTF-8 sequences are ever pushed, so this cannot fail; fall back to a
        // lossy copy rather than panic if it somehow did.
        let normalized = String::from_utf8(self.out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        (normalized, self.segments)
    }

    /// Normalises what starts at `i` (a char boundary) one character or run at a time; returns
    /// where it ends.
    fn step(&mut self, i: usize) -> usize {
        let Some(&b) = self.bytes.get(i) else {
            return i + 1;
        };
        if b < 0x80 {
            return if is_ascii_space(b) {
                self.whitespace_run(i)
            } else if b == b'-' && self.joins_line_end(i, i + 1) {
                self.skip_line_break(i + 1)
            } else if self.bytes.get(i + 1).is_some_and(|&next| next >= 0x80) {
                // A combining mark may follow: normalise them together.
                self.cluster(i, char::from(b))
            } else {
                self.push_linear(i, fold_ascii(b));
                i + 1
            };
        }
        let Some(c) = self.char_at(i) else {
            // Not a char boundary: cannot happen, as every step ends on one.
            return self.bytes.len();
        };
        let len = c.len_utf8();
        if c.is_whitespace() {
            self.whitespace_run(i)
        } else if c == '\u{00AD}' {
            // A soft hyphen marks a hyphenation point: at a line end it joins the word.
            let after = i + len;
            if self.is_line_end(after) {
                self.skip_line_break(after)
            } else {
                after
            }
        } else if is_invisible(c) {
            i + len
        } else if matches!(c, '\u{2010}' | '\u{2011}') && self.joins_line_end(i, i + len) {
            self.skip_line_break(i + len)
        } else if let Some(plain) = typographic(c)
            && self.bytes.get(i + len).is_none_or(|&next| next < 0x80)
        {
            // Typographic quotes and dashes before ASCII: no combining mark can follow.
            let mut buf = [0u8; 4];
            self.push_atomic(i, i + len, plain.encode_utf8(&mut buf).as_bytes());
            i + len
        } else if is_stable_char(c) {
            self.push_linear_bytes(i, i + len);
            i + len
        } else {
            self.cluster(i, c)
        }
    }

    /// Starts a linear piece at original offset `start`, unless the open one continues there.
    fn open_linear(&mut self, start: usize) {
        if !(self.linear_open && self.linear_next == start) {
            self.segments.push(Segment {
                normalized: self.out.len(),
                original: start,
                original_end: start,
                linear: true,
            });
            self.linear_open = true;
        }
    }

    /// Copies `start..end` (ASCII with no decision in it) folded, as one linear piece.
    fn push_folded(&mut self, start: usize, end: usize) {
        self.open_linear(start);
        extend_folded(
            &mut self.out,
            self.bytes.get(start..end).unwrap_or_default(),
        );
        self.linear_next = end;
    }

    /// Appends `byte`, the normalised form of the one original byte at `orig`.
    fn push_linear(&mut self, orig: usize, byte: u8) {
        self.open_linear(orig);
        self.out.push(byte);
        self.linear_next = orig + 1;
    }

    /// Copies `start..end` of the original unchanged.
    fn push_linear_bytes(&mut self, start: usize, end: usize) {
        self.open_linear(start);
        let source = self.bytes.get(start..end).unwrap_or_default();
        self.out.extend_from_slice(source);
        self.linear_next = end;
    }

    fn push_atomic(&mut self, start: usize, end: usize, output: &[u8]) {
        if output.is_empty() {
            return;
        }
        self.segments.push(Segment {
            normalized: self.out.len(),
            original: start,
            original_end: end,
            linear: false,
        });
        self.out.extend_from_slice(output);
        self.linear_open = false;
    }

    /// Decodes the character at `pos`, if any.
    fn char_at(&self, pos: usize) -> Option<char> {
        self.text.get(pos..).and_then(|rest| rest.chars().next())
    }

    /// Whether white space (no line break needed) then a line break start at `pos`.
    fn is_line_end(&self, mut pos: usize) -> bool {
        while let Some(&b) = self.bytes.get(pos) {
            match b {
                b' ' | b'\t' => pos += 1,
                b'\n' | b'\r' => return true,
                _ => return false,
            }
        }
        false
    }

    /// Whether the hyphen at `hyphen..after` ends a line inside a word (`govern-\nment`).
    fn joins_line_end(&self, hyphen: usize, after: usize) -> bool {
        if !self.is_line_end(after) {
            return false;
        }
        let before = self
            .text
            .get(..hyphen)
            .and_then(|s| s.chars().next_back())
            .is_some_and(char::is_alphabetic);
        if !before {
            return false;
        }
        let next = self.skip_line_break(after);
        self.char_at(next).is_some_and(char::is_lowercase)
    }

    /// Skips spaces, one line break and the indentation after it.
    fn skip_line_break(&self, mut pos: usize) -> usize {
        while let Some(&b) = self.bytes.get(pos) {
            if b == b' ' || b == b'\t' {
                pos += 1;
            } else {
                break;
            }
        }
        if self.bytes.get(pos) == Some(&b'\r') {
            pos += 1;
        }
        if self.bytes.get(pos) == Some(&b'\n') {
            pos += 1;
        }
        while let Some(&b) = self.bytes.get(pos) {
            if b == b' ' || b == b'\t' {
                pos += 1;
            } else {
                break;
            }
        }
        pos
    }

    /// Collapses the white-space run starting at `start` to one space; returns where it ends.
    fn whitespace_run(&mut self, start: usize) -> usize {
        let mut end = start;
        loop {
            match self.bytes.get(end) {
                Some(&b) if is_ascii_space(b) => end += 1,
                Some(&b) if b >= 0x80 => match self.char_at(end) {
                    Some(c) if c.is_whitespace() || is_invisible(c) => end += c.len_utf8(),
                    _ => break,
                },
                _ => break,
            }
        }
        // Between two characters of a script written without spaces (a wrapped Chinese line),
        // white space means nothing.
        let prev_unspaced = self
            .text
            .get(..start)
            .and_then(|s| s.chars().next_back())
            .is_some_and(is_unspaced);
        if prev_unspaced && self.char_at(end).is_some_and(is_unspaced) {
            self.linear_open = false;
            return end;
        }
        if end - start == 1 {
            self.push_linear(start, b' ');
        } else {
            self.push_atomic(start, end, b" ");
        }
        end
    }

    /// Normalises the character at `start` with its combining marks; returns where it ends.
    fn cluster(&mut self, start: usize, first: char) -> usize {
        let mut end = start + first.len_utf8();
        let mut marks = 0;
        while let Some(c) = self.char_at(end) {
            // Unicode's stream-safe format (UAX #15): at most 30 marks are normalised with their
            // base; the rest start a cluster of their own, so normalisation stays linear and
            // its buffers small, however many marks an adversary stacks.
            if canonical_combining_class(c) == 0 || marks == MAX_CLUSTER_MARKS {
                break;
            }
            marks += 1;
            end += c.len_utf8();
        }
        let source = self.text.get(start..end).unwrap_or_default();
        let mut output = std::mem::take(&mut self.cluster_out);
        output.clear();
        if is_nfkc_quick(source.chars()) == IsNormalized::Yes {
            fold_into(source.chars(), &mut output);
        } else {
            fold_into(source.nfkc(), &mut output);
        }
        if output.as_bytes() == source.as_bytes() {
            self.push_linear_bytes(start, end);
        } else {
            self.push_atomic(start, end, output.as_bytes());
        }
        self.cluster_out = output;
        end
    }
}

/// Case-folds and plains the punctuation of `chars`, appending to `out`.
fn fold_into(chars: impl Iterator<Item = char>, out: &mut String) {
    for c in chars {
        if c.is_whitespace() {
            // NFKC can produce spaces (e.g. from U+00A8); keep them single.
            if !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        for lower in c.to_lowercase() {
            // Full case folding: `ß` and `ẞ` fold to `ss`, as upper-casing `ß` gives `SS`.
            if lower == '\u{00DF}' {
                out.push_str("ss");
            } else {
                out.push(plain_punctuation(lower));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The normaliser one character at a time, with no bulk copies.
    fn normalize_char_by_char(text: &str) -> (String, Vec<Segment>) {
        Normalizer::new(text, false).run()
    }

    #[test]
    fn blocks_with_a_decision_are_flagged() {
        let plain = *b"the quick brown f";
        assert!(!block_may_decide(&plain));
        for (at, bytes) in [
            (0, &b"\xc3"[..]),
            (16, b"\xc3"),
            (15, b"  "),
            (3, b"-\n"),
            (7, b"\r\n"),
            (16, b"\x0b"),
        ] {
            let mut block = plain;
            let end = (at + bytes.len()).min(BLOCK + 1);
            block[at..end].copy_from_slice(&bytes[..end - at]);
            if at == 16 {
                // Only the byte after the block: a decision for the block's last byte.
                block[15] = b' ';
            }
            assert!(block_may_decide(&block), "{block:?}");
        }
    }

    #[test]
    fn control_characters_next_to_white_space_are_passed_over() {
        // Every block is flagged for `\x01 `, none holds a decision until the double space.
        let mut text = b"word\x01 next ".repeat(20);
        let at = text.len();
        text.extend_from_slice(b"  end");
        assert_eq!(next_decision(&text, 0), at - 1);
        assert_eq!(next_decision(&text[..at - 1], 3), at - 1);
    }

    #[test]
    fn fold_ascii_lowers_case_spaces_white_space_and_straightens_the_back_tick() {
        for b in 0..0x80u8 {
            let expected = if is_ascii_space(b) {
                b' '
            } else if b == b'`' {
                b'\''
            } else {
                b.to_ascii_lowercase()
            };
            assert_eq!(fold_ascii(b), expected, "{b:#04x}");
        }
    }

    /// Text rich in what the ladder decides on: ASCII white space and hyphens next to letters,
    /// typographic marks, combining marks, Unicode spaces, invisibles and CJK.
    fn ladder_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a",
            "B",
            "z",
            "Q",
            "`",
            "-",
            " ",
            "  ",
            "\t",
            "\n",
            "\r\n",
            "\x0b",
            "\x0c",
            "-\n",
            "- \n",
            ".",
            "\u{201C}",
            "\u{2019}",
            "\u{2014}",
            "\u{2010}",
            "\u{00AD}",
            "\u{200B}",
            "\u{00A0}",
            "\u{3000}",
            "\u{0301}",
            "\u{0308}",
            "\u{00E9}",
            "\u{00C9}",
            "\u{1E9E}",
            "\u{00DF}",
            "\u{03A3}",
            "\u{FB01}",
            "\u{FF21}",
            "\u{2026}",
            "\u{4E2D}",
            "\u{3002}",
            "\u{0E01}",
            "\u{1F600}",
            "\u{212B}",
            "\u{00A8}",
        ]);
        prop::collection::vec(pieces, 0..48).prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn bulk_copies_change_nothing_on_any_text(text in any::<String>()) {
            prop_assert_eq!(normalize(&text), normalize_char_by_char(&text));
        }

        #[test]
        fn bulk_copies_change_nothing_where_the_ladder_decides(text in ladder_text()) {
            prop_assert_eq!(normalize(&text), normalize_char_by_char(&text));
        }

        #[test]
        fn bulk_copies_change_nothing_on_mostly_ascii_text(
            text in "([a-zA-Z0-9.,;'`\"\\- \t\n\r]{0,40}[\u{80}-\u{10FFFF}]?){0,6}",
        ) {
            prop_assert_eq!(normalize(&text), normalize_char_by_char(&text));
        }

        #[test]
        fn block_test_never_misses_a_decision(bytes in any::<[u8; BLOCK + 1]>()) {
            let decides = (0..BLOCK).any(|k| is_decision(bytes[k], bytes[k + 1]));
            prop_assert!(!decides || block_may_decide(&bytes));
        }

        #[test]
        fn next_decision_finds_the_first_decision(bytes in prop::collection::vec(
            prop::sample::select(vec![b'a', b'Z', b' ', b'\n', b'\r', b'\t', b'-', 0x01, 0x80, 0xE2]),
            0..120,
        ), start in 0usize..120) {
            let start = start.min(bytes.len());
            let expected = (start..bytes.len())
                .find(|&i| is_decision(bytes[i], bytes.get(i + 1).copied().unwrap_or(0)))
                .unwrap_or(bytes.len());
            prop_assert_eq!(next_decision(&bytes, start), expected);
        }
    }
}
