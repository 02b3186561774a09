//! The seed's `"quote" [anchor]` notation: parse it and format it back, exactly.
//!
//! A record is an opening quotation mark, the quote, the matching closing mark, then zero or more
//! anchors in square brackets, each preceded by white space:
//!
//! ```text
//! "Chinese AI firms are relying on distillation attacks …" [distillation attacks]
//! “The launch of DeepSeek …” [DeepSeek] [large language model]
//! ```
//!
//! The quote may itself contain quotation marks and brackets (`"he said "no" [sic]"`): a record is
//! read from its end, so the quote runs up to the last closing mark that is followed only by
//! bracketed anchors. Anchors may contain brackets only when they nest properly (`[a [b] c]`).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::anchor::{MAX_ANCHOR_BYTES, MAX_ANCHORS};

/// Longest input [`parse_block`] and [`NotatedQuote::parse`] read, in bytes (a full page of
/// quotes is far less); parsing is linear, the limit bounds memory.
pub const MAX_NOTATION_BYTES: usize = 4 * 1024 * 1024;
/// Deepest nesting of brackets in an anchor, counting the anchor's own (`[a [b] c]` is 2).
pub const MAX_BRACKET_DEPTH: usize = 8;

/// Which pair of quotation marks a record uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteStyle {
    /// `"…"` (U+0022 on both sides).
    #[default]
    Straight,
    /// `“…”` (U+201C and U+201D).
    Curly,
}

impl QuoteStyle {
    /// The opening mark.
    pub fn open(self) -> char {
        match self {
            Self::Straight => '"',
            Self::Curly => '\u{201C}',
        }
    }

    /// The closing mark.
    pub fn close(self) -> char {
        match self {
            Self::Straight => '"',
            Self::Curly => '\u{201D}',
        }
    }

    fn from_open(mark: char) -> Option<Self> {
        match mark {
            '"' => Some(Self::Straight),
            '\u{201C}' => Some(Self::Curly),
            _ => None,
        }
    }
}

/// Why a record or block in the `"quote" [anchor]` notation was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NotationError {
    /// The input holds nothing but white space.
    #[error("the record is empty; write a quote in quotation marks, e.g. \"text\" [anchor]")]
    EmptyRecord,
    /// The record does not start with `"` or `“`.
    #[error(
        "expected an opening quotation mark at byte {offset} but found {found:?}; start the record \
         with \" or \u{201C}"
    )]
    MissingOpeningQuote {
        /// Byte offset of the unexpected character.
        offset: usize,
        /// The character found there.
        found: char,
    },
    /// The opening mark has no closing mark after it.
    #[error(
        "the quote opened at byte {offset} is never closed; add the closing quotation mark before \
         the anchors"
    )]
    UnclosedQuote {
        /// Byte offset of the opening mark.
        offset: usize,
    },
    /// The closing mark does not pair with the opening one (`"…”`).
    #[error(
        "the quote opened with {open:?} at byte {open_offset} is closed with {close:?} at byte \
         {close_offset}; use \"…\" or \u{201C}…\u{201D}"
    )]
    MismatchedQuoteMarks {
        /// The opening mark.
        open: char,
        /// Byte offset of the opening mark.
        open_offset: usize,
        /// The closing mark.
        close: char,
        /// Byte offset of the closing mark.
        close_offset: usize,
    },
    /// The quotation marks enclose nothing (or only white space).
    #[error("the quote at byte {offset} is empty; put the quoted words between the marks")]
    EmptyQuote {
        /// Byte offset of the opening mark.
        offset: usize,
    },
    /// A `[` is never closed by a `]`.
    #[error("the bracket opened at byte {offset} is never closed; add the closing ]")]
    UnclosedBracket {
        /// Byte offset of the `[`.
        offset: usize,
    },
    /// A `]` has no `[` before it.
    #[error("the bracket closed at byte {offset} was never opened; add the opening [ or remove ]")]
    UnopenedBracket {
        /// Byte offset of the `]`.
        offset: usize,
    },
    /// A pair of brackets encloses nothing (or only white space).
    #[error("the anchor at byte {offset} is empty; write a phrase of the quote between [ and ]")]
    EmptyAnchor {
        /// Byte offset of the `[`.
        offset: usize,
    },
    /// Text other than bracketed anchors follows the closing quotation mark.
    #[error(
        "unexpected text {found:?} at byte {offset} after the quote; only anchors in brackets may \
         follow it"
    )]
    TrailingText {
        /// Byte offset of the first unexpected character.
        offset: usize,
        /// The unexpected text, up to the end of the record (at most 40 characters).
        found: String,
    },
    /// An anchor given to [`NotatedQuote::new`] has brackets that do not nest.
    #[error(
        "the anchor {anchor:?} has brackets that do not pair up; remove them or balance each [ \
         with a later ]"
    )]
    UnbalancedAnchor {
        /// The offending anchor.
        anchor: String,
    },
    /// The input is longer than [`MAX_NOTATION_BYTES`].
    #[error(
        "the notation has {bytes} bytes, more than the limit of {max}; split it into smaller blocks"
    )]
    TooLong {
        /// The input's length in bytes.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// An anchor's brackets nest deeper than [`MAX_BRACKET_DEPTH`].
    #[error(
        "the brackets at byte {offset} nest deeper than {max} levels; write the anchor as plain \
         words"
    )]
    NestedTooDeep {
        /// Byte offset of the bracket that went past the limit (0 for a record built by
        /// [`NotatedQuote::new`]).
        offset: usize,
        /// The limit.
        max: usize,
    },
    /// A record has more anchors than [`MAX_ANCHORS`].
    #[error(
        "the record has {count} anchors, more than the limit of {max}; keep the ones that matter"
    )]
    TooManyAnchors {
        /// Byte offset of the record's first anchor past the limit (0 for a record built by
        /// [`NotatedQuote::new`]).
        offset: usize,
        /// The number of anchors (at least; counting stops past the limit while parsing).
        count: usize,
        /// The limit.
        max: usize,
    },
    /// An anchor is longer than [`MAX_ANCHOR_BYTES`].
    #[error(
        "the anchor at byte {offset} has {bytes} bytes, more than the limit of {max}; an anchor \
         is a short phrase of the quote"
    )]
    AnchorTooLong {
        /// Byte offset of the anchor's `[` (0 for a record built by [`NotatedQuote::new`]).
        offset: usize,
        /// The anchor's length in bytes.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// A quote or anchor contains a line break, which a one-record-per-line block cannot hold.
    #[error(
        "record {index} contains a line break, which a block of one record per line cannot hold; \
         replace it with a space"
    )]
    LineBreakInBlock {
        /// Zero-based index of the record.
        index: usize,
    },
    /// A record of a block failed; `source` says why, with offsets into the whole block.
    #[error("line {line}: {source}")]
    InLine {
        /// One-based line number.
        line: usize,
        /// The record's own error, offsets counted from the start of the block.
        #[source]
        source: Box<NotationError>,
    },
}

/// A quote with its anchors, as written in the `"quote" [anchor]` notation.
///
/// A record is an opening quotation mark (`"` or `“`), the quote, the matching closing mark
/// (`"` or `”`), then zero or more anchors in square brackets, each after white space:
/// `"Chinese AI firms are relying on distillation attacks" [distillation attacks]`. The quote
/// may itself contain quotation marks and brackets (`"he said "no" [sic]"`): a record is read
/// from its end, so the quote runs up to the last closing mark followed only by bracketed
/// anchors. Anchors may hold brackets only when they nest (`[a [b] c]`).
///
/// Invariants (checked by [`NotatedQuote::new`] and by deserialisation): the quote is not blank;
/// every anchor is not blank and its brackets nest. Formatting then parsing gives back an equal
/// value, whatever the text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawNotatedQuote", into = "RawNotatedQuote")]
pub struct NotatedQuote {
    text: String,
    anchors: Vec<String>,
    style: QuoteStyle,
}

/// The unchecked serde form of [`NotatedQuote`].
#[derive(Debug, Clone, Serialize, Deserialize)]
struct RawNotatedQuote {
    text: String,
    #[serde(default)]
    anchors: Vec<String>,
    #[serde(default)]
    style: QuoteStyle,
}

impl TryFrom<RawNotatedQuote> for NotatedQuote {
    type Error = NotationError;

    fn try_from(raw: RawNotatedQuote) -> Result<Self, Self::Error> {
        Self::new(raw.text, raw.anchors, raw.style)
    }
}

impl From<NotatedQuote> for RawNotatedQuote {
    fn from(quote: NotatedQuote) -> Self {
        Self {
            text: quote.text,
            anchors: quote.anchors,
            style: quote.style,
        }
    }
}

impl NotatedQuote {
    /// Builds a record from a quote, its anchors and the quotation marks to write it with.
    ///
    /// # Errors
    ///
    /// [`NotationError::EmptyQuote`] when `text` is blank, [`NotationError::EmptyAnchor`] when an
    /// anchor is blank (offset 0: there is no source text yet),
    /// [`NotationError::UnbalancedAnchor`] when an anchor's brackets do not nest,
    /// [`NotationError::NestedTooDeep`] when they nest deeper than [`MAX_BRACKET_DEPTH`],
    /// [`NotationError::TooManyAnchors`] for more than [`MAX_ANCHORS`] anchors and
    /// [`NotationError::AnchorTooLong`] for an anchor over [`MAX_ANCHOR_BYTES`], and
    /// [`NotationError::TooLong`] when the written record would exceed [`MAX_NOTATION_BYTES`]
    /// (so that it parses back).
    ///
    /// Cost: linear in the text and anchors' length.
    ///
    /// # Example
    ///
    /// ```
    /// use bellwether_anchor::{NotatedQuote, QuoteStyle};
    ///
    /// let quote = NotatedQuote::new(
    ///     "DeepSeek performs comparably",
    ///     vec!["DeepSeek".to_owned()],
    ///     QuoteStyle::Curly,
    /// )?;
    /// assert_eq!(quote.to_string(), "\u{201C}DeepSeek performs comparably\u{201D} [DeepSeek]");
    /// assert!(NotatedQuote::new("text", vec!["a ] b".to_owned()], QuoteStyle::Straight).is_err());
    /// # Ok::<(), bellwether_anchor::NotationError>(())
    /// ```
    pub fn new(
        text: impl Into<String>,
        anchors: Vec<String>,
        style: QuoteStyle,
    ) -> Result<Self, NotationError> {
        let text = text.into();
        if text.trim().is_empty() {
            return Err(NotationError::EmptyQuote { offset: 0 });
        }
        // The record must parse back: its written form is within the input limit.
        let written = style.open().len_utf8()
            + style.close().len_utf8()
            + text.len()
            + anchors.iter().map(|a| a.len() + 3).sum::<usize>();
        if written > MAX_NOTATION_BYTES {
            return Err(NotationError::TooLong {
                bytes: written,
                max: MAX_NOTATION_BYTES,
            });
        }
        if anchors.len() > MAX_ANCHORS {
            return Err(NotationError::TooManyAnchors {
                offset: 0,
                count: anchors.len(),
                max: MAX_ANCHORS,
            });
        }
        for anchor in &anchors {
            if anchor.trim().is_empty() {
                return Err(NotationError::EmptyAnchor { offset: 0 });
            }
            if anchor.len() > MAX_ANCHOR_BYTES {
                return Err(NotationError::AnchorTooLong {
                    offset: 0,
                    bytes: anchor.len(),
                    max: MAX_ANCHOR_BYTES,
                });
            }
            match inner_depth(anchor) {
                None => {
                    return Err(NotationError::UnbalancedAnchor {
                        anchor: anchor.clone(),
                    });
                }
                Some(depth) if depth + 1 > MAX_BRACKET_DEPTH => {
                    return Err(NotationError::NestedTooDeep {
                        offset: 0,
                        max: MAX_BRACKET_DEPTH,
                    });
                }
                Some(_) => {}
            }
        }
        Ok(Self {
            text,
            anchors,
            style,
        })
    }

    /// Parses one record, e.g. `"quote" [anchor one] [anchor two]`.
    ///
    /// White space around the record and between its parts is allowed; the canonical form that
    /// [`Display`](fmt::Display) writes has exactly one space before each anchor, so formatting a
    /// parsed canonical record reproduces it byte for byte.
    ///
    /// # Errors
    ///
    /// A [`NotationError`] naming the byte offset of the fault: blank input, no opening mark, a
    /// quote never closed or closed with the wrong mark, an empty quote or anchor, a bracket never
    /// closed or never opened, or text after the quote that is not a bracketed anchor; and the
    /// limits: [`NotationError::TooLong`] for input over [`MAX_NOTATION_BYTES`],
    /// [`NotationError::NestedTooDeep`] for brackets nested deeper than [`MAX_BRACKET_DEPTH`],
    /// [`NotationError::TooManyAnchors`] for more than [`MAX_ANCHORS`] anchors and
    /// [`NotationError::AnchorTooLong`] for an anchor over [`MAX_ANCHOR_BYTES`].
    ///
    /// Cost: O(record length) time and memory; a run of nested brackets is rejected after at
    /// most [`MAX_BRACKET_DEPTH`] of them.
    ///
    /// # Example
    ///
    /// ```
    /// use bellwether_anchor::{NotatedQuote, NotationError};
    ///
    /// let quote = NotatedQuote::parse("\"software is not what export-control architectures \
    ///     were built to govern\" [export-control architectures]")?;
    /// assert_eq!(quote.anchors(), ["export-control architectures"]);
    ///
    /// let error = NotatedQuote::parse("\"unclosed [anchor]").unwrap_err();
    /// assert_eq!(error, NotationError::UnclosedQuote { offset: 0 });
    /// # Ok::<(), NotationError>(())
    /// ```
    pub fn parse(record: &str) -> Result<Self, NotationError> {
        check_length(record)?;
        parse_record(record, 0)
    }

    /// The quoted text, without its quotation marks.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The anchors, in the order written.
    pub fn anchors(&self) -> &[String] {
        &self.anchors
    }

    /// The quotation marks the record is written with.
    pub fn style(&self) -> QuoteStyle {
        self.style
    }

    /// Returns the record with its anchors replaced.
    ///
    /// # Errors
    ///
    /// As [`NotatedQuote::new`] for the anchors.
    pub fn with_anchors(self, anchors: Vec<String>) -> Result<Self, NotationError> {
        Self::new(self.text, anchors, self.style)
    }

    /// Splits the record into its quote, anchors and style.
    pub fn into_parts(self) -> (String, Vec<String>, QuoteStyle) {
        (self.text, self.anchors, self.style)
    }
}

impl fmt::Display for NotatedQuote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{}{}",
            self.style.open(),
            self.text,
            self.style.close()
        )?;
        for anchor in &self.anchors {
            write!(f, " [{anchor}]")?;
        }
        Ok(())
    }
}

impl std::str::FromStr for NotatedQuote {
    type Err = NotationError;

    fn from_str(record: &str) -> Result<Self, Self::Err> {
        Self::parse(record)
    }
}

/// Parses a block of records, one per line, as on the seed page; blank lines are skipped.
///
/// # Errors
///
/// [`NotationError::TooLong`] for a block over [`MAX_NOTATION_BYTES`]; otherwise
/// [`NotationError::InLine`] with the one-based line number and the record's own error (see
/// [`NotatedQuote::parse`], limits included), whose offsets count bytes from the start of
/// `block`.
///
/// Cost: O(block length) time and memory.
///
/// # Example
///
/// ```
/// use bellwether_anchor::parse_block;
///
/// let block = "\"first quote\" [first]\n\n\u{201C}second quote\u{201D} [second] [quote]\n";
/// let quotes = parse_block(block)?;
/// assert_eq!(quotes.len(), 2);
/// assert_eq!(quotes[1].anchors(), ["second", "quote"]);
/// assert!(parse_block("\"fine\" [ok]\n\"broken [x]").is_err());
/// # Ok::<(), bellwether_anchor::NotationError>(())
/// ```
pub fn parse_block(block: &str) -> Result<Vec<NotatedQuote>, NotationError> {
    check_length(block)?;
    let mut quotes = Vec::new();
    let mut line_start = 0;
    for (index, line) in block.split('\n').enumerate() {
        let offset = line_start;
        line_start += line.len() + 1;
        if line.trim().is_empty() {
            continue;
        }
        let quote = parse_record(line, offset).map_err(|error| NotationError::InLine {
            line: index + 1,
            source: Box::new(error),
        })?;
        quotes.push(quote);
    }
    Ok(quotes)
}

/// Formats records one per line (each line ends with `\n`), the inverse of [`parse_block`].
///
/// # Errors
///
/// [`NotationError::LineBreakInBlock`] when a quote or anchor contains `\n` or `\r`, which would
/// split its record across lines.
///
/// Cost: linear in the records' length.
pub fn format_block(quotes: &[NotatedQuote]) -> Result<String, NotationError> {
    let mut block = String::new();
    for (index, quote) in quotes.iter().enumerate() {
        let has_break = |text: &str| text.contains(['\n', '\r']);
        if has_break(&quote.text) || quote.anchors.iter().any(|anchor| has_break(anchor)) {
            return Err(NotationError::LineBreakInBlock { index });
        }
        block.push_str(&quote.to_string());
        block.push('\n');
    }
    Ok(block)
}

/// The deepest nesting of brackets in `text` when every `]` closes an earlier `[` and every `[`
/// is closed; `None` when they do not pair up.
fn inner_depth(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut deepest = 0;
    for c in text.bytes() {
        match c {
            b'[' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' => depth = depth.checked_sub(1)?,
            _ => {}
        }
    }
    (depth == 0).then_some(deepest)
}

fn check_length(input: &str) -> Result<(), NotationError> {
    if input.len() > MAX_NOTATION_BYTES {
        return Err(NotationError::TooLong {
            bytes: input.len(),
            max: MAX_NOTATION_BYTES,
        });
    }
    Ok(())
}

/// Parses one record; `base` is added to every reported offset.
fn parse_record(record: &str, base: usize) -> Result<NotatedQuote, NotationError> {
    let start = record.len() - record.trim_start().len();
    let trimmed = record.trim();
    if trimmed.is_empty() {
        return Err(NotationError::EmptyRecord);
    }
    let mut chars = trimmed.chars();
    let open = chars.next().ok_or(NotationError::EmptyRecord)?;
    let open_offset = base + start;
    let style = QuoteStyle::from_open(open).ok_or(NotationError::MissingOpeningQuote {
        offset: open_offset,
        found: open,
    })?;
    // `end` walks left over the anchors; everything is relative to `trimmed`.
    let body_start = open.len_utf8();
    let mut end = trimmed.len();
    let mut anchors = Vec::new();
    loop {
        let Some(last) = trimmed[..end].chars().next_back() else {
            return Err(NotationError::UnclosedQuote {
                offset: open_offset,
            });
        };
        if last == ']' {
            let close = end - 1;
            let open_bracket = match matching_open_bracket(&trimmed[..close]) {
                Ok(Some(open_bracket)) => open_bracket,
                Ok(None) => {
                    return Err(NotationError::UnopenedBracket {
                        offset: base + start + close,
                    });
                }
                Err(too_deep) => {
                    return Err(NotationError::NestedTooDeep {
                        offset: base + start + too_deep,
                        max: MAX_BRACKET_DEPTH,
                    });
                }
            };
            if open_bracket < body_start {
                return Err(NotationError::UnopenedBracket {
                    offset: base + start + close,
                });
            }
            let anchor = &trimmed[open_bracket + 1..close];
            if anchor.trim().is_empty() {
                return Err(NotationError::EmptyAnchor {
                    offset: base + start + open_bracket,
                });
            }
            if anchor.len() > MAX_ANCHOR_BYTES {
                return Err(NotationError::AnchorTooLong {
                    offset: base + start + open_bracket,
                    bytes: anchor.len(),
                    max: MAX_ANCHOR_BYTES,
                });
            }
            if anchors.len() == MAX_ANCHORS {
                return Err(NotationError::TooManyAnchors {
                    offset: base + start + open_bracket,
                    count: MAX_ANCHORS + 1,
                    max: MAX_ANCHORS,
                });
            }
            anchors.push(anchor.to_owned());
            end = trimmed[..open_bracket].trim_end().len();
            continue;
        }
        if end > body_start && is_closing_mark(last) {
            let close_offset = end - last.len_utf8();
            if last != style.close() {
                return Err(NotationError::MismatchedQuoteMarks {
                    open,
                    open_offset,
                    close: last,
                    close_offset: base + start + close_offset,
                });
            }
            let text = &trimmed[body_start..close_offset];
            if text.trim().is_empty() {
                return Err(NotationError::EmptyQuote {
                    offset: open_offset,
                });
            }
            anchors.reverse();
            return Ok(NotatedQuote {
                text: text.to_owned(),
                anchors,
                style,
            });
        }
        return Err(trailing_or_unclosed(trimmed, body_start, end, base + start));
    }
}

/// Explains why `trimmed[..end]` does not end with a closing mark or an anchor.
fn trailing_or_unclosed(
    trimmed: &str,
    body_start: usize,
    end: usize,
    base: usize,
) -> NotationError {
    let head = &trimmed[..end];
    // The last closing mark that could end the quote.
    let Some(close) = head[body_start..]
        .char_indices()
        .filter(|&(_, c)| is_closing_mark(c))
        .map(|(i, c)| body_start + i + c.len_utf8())
        .next_back()
    else {
        return NotationError::UnclosedQuote { offset: base };
    };
    let tail = &trimmed[close..];
    let skipped = tail.len() - tail.trim_start().len();
    let offset = close + skipped;
    // A `[` after the quote that is never closed is the likelier fault than stray text.
    let mut depth = Vec::new();
    for (i, c) in trimmed[offset..].char_indices() {
        match c {
            '[' => depth.push(offset + i),
            ']' => {
                depth.pop();
            }
            _ => {}
        }
    }
    if let Some(&unclosed) = depth.first() {
        return NotationError::UnclosedBracket {
            offset: base + unclosed,
        };
    }
    NotationError::TrailingText {
        offset: base + offset,
        found: trimmed[offset..].chars().take(40).collect(),
    }
}

/// The byte index of the `[` that the `]` just after `head` closes, if any; `Err` with the
/// index of the bracket that nests deeper than [`MAX_BRACKET_DEPTH`], found without reading
/// further (so `[[[[…]]]]` costs O(depth limit), not O(length)).
fn matching_open_bracket(head: &str) -> Result<Option<usize>, usize> {
    let mut depth = 0usize;
    for (i, c) in head.bytes().enumerate().rev() {
        match c {
            b']' => {
                depth += 1;
                // The closing bracket just after `head` is one more level.
                if depth + 1 > MAX_BRACKET_DEPTH {
                    return Err(i);
                }
            }
            b'[' if depth == 0 => return Ok(Some(i)),
            b'[' => depth -= 1,
            _ => {}
        }
    }
    Ok(None)
}

fn is_closing_mark(c: char) -> bool {
    matches!(c, '"' | '\u{201D}' | '\u{201C}')
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED_BLOCK: &str = "\"Chinese AI firms are relying on distillation attacks to offset \
deficits in AI computing power and illicitly reproduce the core capabilities of US models.\" \
[distillation attacks]\n\"distillation attacks to offset deficits in AI computing power and \
illicitly reproduce the core capabilities of US models\" [offset deficits in AI computing power]\n";

    #[test]
    fn parses_seed_block_and_formats_it_back_exactly() {
        let quotes = parse_block(SEED_BLOCK).unwrap();
        assert_eq!(quotes.len(), 2);
        assert_eq!(quotes[0].anchors(), ["distillation attacks"]);
        assert_eq!(
            quotes[1].anchors(),
            ["offset deficits in AI computing power"]
        );
        assert!(
            quotes[1]
                .text()
                .starts_with("distillation attacks to offset")
        );
        assert_eq!(format_block(&quotes).unwrap(), SEED_BLOCK);
    }

    #[test]
    fn parses_curly_quotes_and_several_anchors() {
        let quote =
            NotatedQuote::parse("  \u{201C}The launch of DeepSeek\u{201D}  [DeepSeek] [launch]  ")
                .unwrap();
        assert_eq!(quote.style(), QuoteStyle::Curly);
        assert_eq!(quote.text(), "The launch of DeepSeek");
        assert_eq!(quote.anchors(), ["DeepSeek", "launch"]);
        assert_eq!(
            quote.to_string(),
            "\u{201C}The launch of DeepSeek\u{201D} [DeepSeek] [launch]"
        );
    }

    #[test]
    fn quote_may_contain_quotation_marks_and_brackets() {
        let record = "\"He said \"no\" [sic] to [the firm]\" [the firm] [a [nested] one]";
        let quote = NotatedQuote::parse(record).unwrap();
        assert_eq!(quote.text(), "He said \"no\" [sic] to [the firm]");
        assert_eq!(quote.anchors(), ["the firm", "a [nested] one"]);
        assert_eq!(quote.to_string(), record);
    }

    #[test]
    fn quote_without_anchors_is_allowed() {
        let quote = NotatedQuote::parse("\"just a quote [with brackets]\"").unwrap();
        assert_eq!(quote.text(), "just a quote [with brackets]");
        assert!(quote.anchors().is_empty());
    }

    #[test]
    fn rejects_unclosed_quote_with_offset() {
        assert_eq!(
            NotatedQuote::parse("  \"never closed [a]"),
            Err(NotationError::UnclosedQuote { offset: 2 })
        );
    }

    #[test]
    fn rejects_unclosed_bracket_with_offset() {
        assert_eq!(
            NotatedQuote::parse("\"quote\" [anchor"),
            Err(NotationError::UnclosedBracket { offset: 8 })
        );
    }

    #[test]
    fn rejects_unopened_bracket_with_offset() {
        assert_eq!(
            NotatedQuote::parse("\"quote\" anchor]"),
            Err(NotationError::UnopenedBracket { offset: 14 })
        );
    }

    #[test]
    fn rejects_text_between_quote_and_anchor() {
        let error = NotatedQuote::parse("\"quote\" and [anchor]").unwrap_err();
        assert!(
            matches!(error, NotationError::TrailingText { offset: 8, .. }),
            "{error:?}"
        );
    }

    #[test]
    fn rejects_mismatched_marks_missing_open_and_empties() {
        assert!(matches!(
            NotatedQuote::parse("\"text\u{201D} [a]"),
            Err(NotationError::MismatchedQuoteMarks {
                open_offset: 0,
                close_offset: 5,
                ..
            })
        ));
        assert_eq!(
            NotatedQuote::parse("text [a]"),
            Err(NotationError::MissingOpeningQuote {
                offset: 0,
                found: 't'
            })
        );
        assert_eq!(
            NotatedQuote::parse("\" \" [a]"),
            Err(NotationError::EmptyQuote { offset: 0 })
        );
        assert_eq!(
            NotatedQuote::parse("\"q\" [ ]"),
            Err(NotationError::EmptyAnchor { offset: 4 })
        );
        assert_eq!(NotatedQuote::parse("   "), Err(NotationError::EmptyRecord));
    }

    #[test]
    fn block_errors_name_the_line_and_block_offset() {
        let error = parse_block("\"ok\" [ok]\n\"bad [x]\n").unwrap_err();
        assert_eq!(
            error,
            NotationError::InLine {
                line: 2,
                source: Box::new(NotationError::UnclosedQuote { offset: 10 })
            }
        );
        assert_eq!(
            error.to_string(),
            "line 2: the quote opened at byte 10 is never closed; add the closing quotation mark \
             before the anchors"
        );
    }

    #[test]
    fn rejects_unbalanced_anchor_and_line_breaks_when_formatting() {
        assert!(NotatedQuote::new("q", vec!["a] [b".into()], QuoteStyle::Straight).is_err());
        let quote = NotatedQuote::new("two\nlines", vec![], QuoteStyle::Straight).unwrap();
        assert_eq!(
            format_block(&[quote]),
            Err(NotationError::LineBreakInBlock { index: 0 })
        );
    }

    #[test]
    fn serde_goes_through_validation() {
        let quote = NotatedQuote::parse("\"q\" [q]").unwrap();
        let json = serde_json::to_string(&quote).unwrap();
        assert_eq!(serde_json::from_str::<NotatedQuote>(&json).unwrap(), quote);
        assert!(serde_json::from_str::<NotatedQuote>(r#"{"text":" ","anchors":[]}"#).is_err());
    }
}
