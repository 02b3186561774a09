//! The `"quote" [anchor]` notation, both ways, on arbitrary input.
//!
//! - The input read as a block: `parse_block` returns records or a typed error; records that
//!   parse format back (`format_block`) to a block that parses to the same records, and each
//!   record's own `Display` parses back to it. A rejected block's error names one of its lines
//!   and byte offsets of the block, on char boundaries, at the characters it reports.
//! - The input split at NULs into a quote and its anchors: whatever `NotatedQuote::new`
//!   accepts, formatting then parsing gives back (the type's documented promise), through
//!   `Display`/`parse` and through serde.

#![no_main]

use bellwether::anchor::{NotatedQuote, NotationError, QuoteStyle, format_block, parse_block};
use libfuzzer_sys::fuzz_target;

/// Offsets in a block's errors are byte offsets of that block, on char boundaries, and point at
/// what they describe.
fn check_error_offsets(block: &str, error: &NotationError) {
    let offsets: Vec<usize> = match error {
        NotationError::InLine { line, source } => {
            assert!(
                *line >= 1 && *line <= block.split('\n').count(),
                "line {line} of {block:?}"
            );
            return check_error_offsets(block, source);
        }
        NotationError::MissingOpeningQuote { offset, found } => {
            assert_eq!(
                block.get(*offset..).and_then(|t| t.chars().next()),
                Some(*found)
            );
            vec![*offset]
        }
        NotationError::MismatchedQuoteMarks {
            open,
            open_offset,
            close,
            close_offset,
        } => {
            assert_eq!(
                block.get(*open_offset..).and_then(|t| t.chars().next()),
                Some(*open)
            );
            assert_eq!(
                block.get(*close_offset..).and_then(|t| t.chars().next()),
                Some(*close)
            );
            vec![*open_offset, *close_offset]
        }
        NotationError::UnclosedQuote { offset }
        | NotationError::EmptyQuote { offset }
        | NotationError::UnclosedBracket { offset }
        | NotationError::UnopenedBracket { offset }
        | NotationError::EmptyAnchor { offset }
        | NotationError::TrailingText { offset, .. }
        | NotationError::NestedTooDeep { offset, .. }
        | NotationError::AnchorTooLong { offset, .. }
        | NotationError::TooManyAnchors { offset, .. } => vec![*offset],
        _ => Vec::new(),
    };
    for offset in offsets {
        assert!(
            offset < block.len() && block.is_char_boundary(offset),
            "{error:?}: offset {offset} is not a char of the {}-byte block",
            block.len()
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);

    match parse_block(&text) {
        Ok(quotes) => {
            for quote in &quotes {
                let record = quote.to_string();
                let reparsed = NotatedQuote::parse(&record)
                    .unwrap_or_else(|e| panic!("record {record:?} does not parse back: {e}"));
                assert_eq!(&reparsed, quote, "record {record:?}");
            }
            match format_block(&quotes) {
                Ok(block) => {
                    let again = parse_block(&block)
                        .unwrap_or_else(|e| panic!("block {block:?} does not parse back: {e}"));
                    assert_eq!(again, quotes, "block {block:?}");
                }
                // A `\r` inside a record survives `parse_block` (it splits at `\n` only) but a
                // block cannot hold it: that is the documented, typed refusal.
                Err(error) => {
                    assert!(
                        quotes.iter().any(|q| q.text().contains('\r')
                            || q.anchors().iter().any(|a| a.contains('\r'))),
                        "format_block refused {quotes:?}: {error}"
                    );
                }
            }
        }
        Err(error) => {
            let _ = error.to_string();
            check_error_offsets(&text, &error);
        }
    }

    let mut parts = text.split('\0');
    let quote_text = parts.next().unwrap_or_default().to_owned();
    let anchors: Vec<String> = parts.map(str::to_owned).collect();
    let style = if data.len().is_multiple_of(2) {
        QuoteStyle::Straight
    } else {
        QuoteStyle::Curly
    };
    if let Ok(quote) = NotatedQuote::new(quote_text, anchors, style) {
        let record = quote.to_string();
        match NotatedQuote::parse(&record) {
            Ok(parsed) => assert_eq!(parsed, quote, "record {record:?}"),
            Err(error) => panic!("{quote:?} formats as {record:?}, which does not parse: {error}"),
        }
        let json = serde_json::to_string(&quote).unwrap_or_else(|e| panic!("serialize: {e}"));
        let back: NotatedQuote =
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json} does not load: {e}"));
        assert_eq!(back, quote);
    }
});
