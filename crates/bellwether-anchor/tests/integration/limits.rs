//! Every documented limit is enforced at limit + 1 with a typed error, and accepted at the
//! limit; arbitrary input within the limits always returns, never panics.

use bellwether_anchor::{
    AnchorError, ConfigError, DEFAULT_MAX_PIECES, DEFAULT_MAX_QUOTE_BYTES, DEFAULT_MAX_TEXT_BYTES,
    LocateError, Locator, MAX_ANCHOR_BYTES, MAX_ANCHOR_QUOTE_BYTES, MAX_ANCHORS, MAX_BRACKET_DEPTH,
    MAX_GAP_CEILING, MAX_NOTATION_BYTES, MAX_PIECES_CEILING, MAX_QUOTE_BYTES_CEILING, NotatedQuote,
    NotationError, PreparedText, QuoteStyle, locate_anchor, locate_anchor_in, locate_anchors,
    parse_block,
};
use proptest::prelude::*;

/// Plain words `w0 w1 …` filling exactly `bytes` bytes (padding the last word).
fn words_of_len(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes);
    let mut i = 0;
    while text.len() + 8 < bytes {
        text.push_str(&format!("w{} ", i % 1000));
        i += 1;
    }
    while text.len() < bytes {
        text.push('x');
    }
    text
}

#[test]
fn quote_length_is_enforced_at_the_limit_and_one_past_it() {
    let quote = words_of_len(DEFAULT_MAX_QUOTE_BYTES);
    let article = PreparedText::new(&format!("Before. {quote} After."));
    let locator = Locator::new();
    let found = locator
        .locate(&article, &quote)
        .expect("a quote at the limit is located");
    assert_eq!(found.span().text(article.original()), Some(quote.as_str()));

    let over = format!("{quote}y");
    assert_eq!(
        locator.locate(&article, &over),
        Err(LocateError::QuoteTooLong {
            bytes: DEFAULT_MAX_QUOTE_BYTES + 1,
            max: DEFAULT_MAX_QUOTE_BYTES
        })
    );
}

#[test]
fn a_quote_that_grows_past_the_limit_when_normalised_is_rejected() {
    // U+FDFA is 3 bytes and 33 once normalised.
    let locator = Locator::builder()
        .max_quote_bytes(40)
        .build()
        .expect("valid");
    let article = PreparedText::new("some article text");
    match locator.locate(&article, "\u{FDFA} and more") {
        Err(LocateError::QuoteTooLong { bytes, max: 40 }) => assert!(bytes > 40),
        other => panic!("expected QuoteTooLong, got {other:?}"),
    }
}

#[test]
fn a_100_kb_quote_is_rejected_naming_the_limit() {
    let quote = "a".repeat(100 * 1024);
    let article = PreparedText::new("short article");
    let error = Locator::new()
        .locate(&article, &quote)
        .expect_err("too long");
    assert_eq!(
        error,
        LocateError::QuoteTooLong {
            bytes: 100 * 1024,
            max: DEFAULT_MAX_QUOTE_BYTES
        }
    );
    assert!(error.to_string().contains("limit of 8192"), "{error}");
}

#[test]
fn text_length_is_enforced_at_the_limit_and_one_past_it() {
    let locator = Locator::builder()
        .max_text_bytes(64)
        .build()
        .expect("valid");
    let at = PreparedText::new(&words_of_len(64));
    assert!(locator.locate(&at, "w1 w2 w3 w4 w5").is_ok());
    let over = PreparedText::new(&words_of_len(65));
    assert_eq!(
        locator.locate(&over, "w1 w2 w3 w4 w5"),
        Err(LocateError::TextTooLong { bytes: 65, max: 64 })
    );
    assert_eq!(Locator::new().max_text_bytes(), DEFAULT_MAX_TEXT_BYTES);
}

#[test]
fn pieces_are_enforced_at_the_limit_and_one_past_it() {
    let article: String = (0..200).map(|i| format!("word{i} and then ")).collect();
    let text = PreparedText::new(&article);
    let quote = |pieces: usize| -> String {
        (0..pieces)
            .map(|i| format!("word{} and", i * 2))
            .collect::<Vec<_>>()
            .join(" … ")
    };
    let locator = Locator::new();
    let found = locator.locate(&text, &quote(DEFAULT_MAX_PIECES));
    assert!(found.is_ok(), "{found:?}");
    assert_eq!(
        locator.locate(&text, &quote(DEFAULT_MAX_PIECES + 1)),
        Err(LocateError::TooManyPieces {
            pieces: DEFAULT_MAX_PIECES + 1,
            max: DEFAULT_MAX_PIECES
        })
    );
}

#[test]
fn builder_validates_every_limit_at_its_bounds() {
    type Setter = fn(usize) -> Result<Locator, ConfigError>;
    let table: [(&str, Setter, usize, usize); 4] = [
        (
            "max_quote_bytes",
            |v| Locator::builder().max_quote_bytes(v).build(),
            10,
            MAX_QUOTE_BYTES_CEILING,
        ),
        (
            "max_pieces",
            |v| Locator::builder().max_pieces(v).build(),
            1,
            MAX_PIECES_CEILING,
        ),
        (
            "max_elision_gap",
            |v| Locator::builder().max_elision_gap(v).build(),
            0,
            MAX_GAP_CEILING,
        ),
        (
            "max_insertion_gap",
            |v| Locator::builder().max_insertion_gap(v).build(),
            0,
            MAX_GAP_CEILING,
        ),
    ];
    for (name, set, min, max) in table {
        assert!(set(min).is_ok(), "{name} at its minimum {min}");
        assert!(set(max).is_ok(), "{name} at its ceiling {max}");
        match set(max + 1) {
            Err(ConfigError::LimitOutOfRange { limit, value, .. }) => {
                assert_eq!((limit, value), (name, max + 1));
            }
            other => panic!("{name} one past its ceiling: {other:?}"),
        }
        if min > 0 {
            assert!(
                matches!(set(min - 1), Err(ConfigError::LimitOutOfRange { limit, .. }) if limit == name),
                "{name} one below its minimum"
            );
        }
    }
    assert!(matches!(
        Locator::builder().max_text_bytes(0).build(),
        Err(ConfigError::LimitOutOfRange {
            limit: "max_text_bytes",
            ..
        })
    ));
    // The quote limit may not fall below the minimum quote length.
    assert!(
        Locator::builder()
            .min_quote_chars(50)
            .max_quote_bytes(49)
            .build()
            .is_err()
    );
}

#[test]
fn anchor_limits_are_enforced_at_the_limit_and_one_past_it() {
    let anchor = "a".repeat(MAX_ANCHOR_BYTES);
    let quote = format!("the {anchor} word");
    assert!(locate_anchor(&quote, &anchor).is_ok());
    let long = format!("{anchor}a");
    assert_eq!(
        locate_anchor(&format!("the {long} word"), &long),
        Err(AnchorError::AnchorTooLong {
            bytes: MAX_ANCHOR_BYTES + 1,
            max: MAX_ANCHOR_BYTES
        })
    );

    let quote = words_of_len(MAX_ANCHOR_QUOTE_BYTES);
    assert!(locate_anchor(&quote, "w1 w2").is_ok());
    let over = format!("{quote}y");
    assert_eq!(
        locate_anchor(&over, "w1 w2"),
        Err(AnchorError::QuoteTooLong {
            bytes: MAX_ANCHOR_QUOTE_BYTES + 1,
            max: MAX_ANCHOR_QUOTE_BYTES
        })
    );
    assert!(matches!(
        locate_anchor_in(&format!("x {over}"), 2..over.len() + 2, "w1 w2"),
        Err(AnchorError::QuoteTooLong { .. })
    ));

    let anchors = vec!["w1"; MAX_ANCHORS];
    assert_eq!(
        locate_anchors(&quote, &anchors).map(|found| found.len()),
        Ok(MAX_ANCHORS)
    );
    let anchors = vec!["w1"; MAX_ANCHORS + 1];
    assert_eq!(
        locate_anchors(&quote, &anchors),
        Err(AnchorError::TooManyAnchors {
            count: MAX_ANCHORS + 1,
            max: MAX_ANCHORS
        })
    );
}

/// An anchor whose brackets nest `depth` deep, counting its own.
fn nested(depth: usize) -> String {
    format!("{}x{}", "[".repeat(depth - 1), "]".repeat(depth - 1))
}

#[test]
fn bracket_nesting_is_enforced_at_the_limit_and_one_past_it() {
    let record = format!("\"a quote\" [{}]", nested(MAX_BRACKET_DEPTH));
    let parsed = NotatedQuote::parse(&record).expect("at the limit");
    assert_eq!(parsed.anchors(), [nested(MAX_BRACKET_DEPTH)]);
    let record = format!("\"a quote\" [{}]", nested(MAX_BRACKET_DEPTH + 1));
    assert!(matches!(
        NotatedQuote::parse(&record),
        Err(NotationError::NestedTooDeep {
            max: MAX_BRACKET_DEPTH,
            ..
        })
    ));
    assert!(NotatedQuote::new("q", vec![nested(MAX_BRACKET_DEPTH)], QuoteStyle::Straight).is_ok());
    assert!(matches!(
        NotatedQuote::new(
            "q",
            vec![nested(MAX_BRACKET_DEPTH + 1)],
            QuoteStyle::Straight
        ),
        Err(NotationError::NestedTooDeep { .. })
    ));
    // 100 KB of nested brackets: rejected, in a block too, naming the line.
    let block = format!(
        "\"q\" [x]\n\"q\" {}{}",
        "[".repeat(50 * 1024),
        "]".repeat(50 * 1024)
    );
    assert!(matches!(
        parse_block(&block),
        Err(NotationError::InLine { line: 2, source }) if matches!(*source, NotationError::NestedTooDeep { .. })
    ));
}

#[test]
fn anchors_per_record_and_anchor_length_are_enforced() {
    let record = |count: usize| format!("\"q\"{}", " [a]".repeat(count));
    assert_eq!(
        NotatedQuote::parse(&record(MAX_ANCHORS)).map(|q| q.anchors().len()),
        Ok(MAX_ANCHORS)
    );
    assert!(matches!(
        NotatedQuote::parse(&record(MAX_ANCHORS + 1)),
        Err(NotationError::TooManyAnchors {
            max: MAX_ANCHORS,
            ..
        })
    ));
    assert!(matches!(
        NotatedQuote::new("q", vec!["a".to_owned(); MAX_ANCHORS + 1], QuoteStyle::Curly),
        Err(NotationError::TooManyAnchors { count, .. }) if count == MAX_ANCHORS + 1
    ));
    let long = "a".repeat(MAX_ANCHOR_BYTES);
    assert!(NotatedQuote::parse(&format!("\"q\" [{long}]")).is_ok());
    assert!(matches!(
        NotatedQuote::parse(&format!("\"q\" [{long}a]")),
        Err(NotationError::AnchorTooLong { offset: 4, bytes, .. }) if bytes == MAX_ANCHOR_BYTES + 1
    ));
}

#[test]
fn notation_input_size_is_enforced_at_the_limit_and_one_past_it() {
    let record = "\"q\" [q]\n";
    let mut block = record.repeat(MAX_NOTATION_BYTES / record.len());
    while block.len() < MAX_NOTATION_BYTES {
        block.push('\n');
    }
    assert_eq!(
        parse_block(&block).map(|quotes| quotes.len()),
        Ok(MAX_NOTATION_BYTES / record.len())
    );
    // A record built in code must parse back, so it is held to the same limit when written.
    let text = "q".repeat(MAX_NOTATION_BYTES - 2 - 4);
    let quote = NotatedQuote::new(text.clone(), vec!["q".to_owned()], QuoteStyle::Straight)
        .expect("written at the limit");
    assert_eq!(quote.to_string().len(), MAX_NOTATION_BYTES);
    assert!(NotatedQuote::parse(&quote.to_string()).is_ok());
    assert_eq!(
        NotatedQuote::new(
            format!("{text}q"),
            vec!["q".to_owned()],
            QuoteStyle::Straight
        ),
        Err(NotationError::TooLong {
            bytes: MAX_NOTATION_BYTES + 1,
            max: MAX_NOTATION_BYTES
        })
    );

    block.push('\n');
    assert_eq!(
        parse_block(&block),
        Err(NotationError::TooLong {
            bytes: MAX_NOTATION_BYTES + 1,
            max: MAX_NOTATION_BYTES
        })
    );
}

/// Text made of few letters, spaces, elision and bracket marks, quote marks and combining marks:
/// what drives the locator into its slow paths.
fn adversarial(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(vec!["a", "b", "ab", "ba", "aaaa"]),
            2 => Just(" "),
            1 => prop::sample::select(vec!["…", "...", "[", "]", "[…]", "[the firm]", "\"", "\u{201C}", "\u{301}", "-\n", "ﬁ", "\u{FDFA}"]),
        ],
        0..max,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn locate_always_returns_within_limits(
        article in adversarial(400),
        quote in adversarial(120),
    ) {
        let text = PreparedText::new(&article);
        let locator = Locator::builder().max_quote_bytes(200).max_pieces(6).build().expect("valid");
        match locator.locate(&text, &quote) {
            Ok(found) => {
                let span = found.span().bytes();
                prop_assert!(span.end <= article.len());
                prop_assert!(article.is_char_boundary(span.start) && article.is_char_boundary(span.end));
            }
            Err(LocateError::QuoteTooLong { bytes, max }) => prop_assert!(bytes > max),
            Err(LocateError::TooManyPieces { pieces, max }) => prop_assert!(pieces > max),
            Err(error) => prop_assert!(!error.to_string().is_empty()),
        }
    }

    #[test]
    fn anchors_and_notation_always_return(
        quote in adversarial(200),
        anchor in adversarial(40),
    ) {
        let _ = locate_anchor(&quote, &anchor);
        let record = format!("\"{quote}\" [{anchor}]");
        if let Ok(parsed) = NotatedQuote::parse(&record) {
            prop_assert!(parsed.anchors().len() <= MAX_ANCHORS);
            prop_assert!(parsed.to_string().parse::<NotatedQuote>().is_ok());
        }
        let _ = parse_block(&format!("{record}\n{anchor}\n{quote}"));
    }
}
