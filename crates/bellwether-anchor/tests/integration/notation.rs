//! Notation round trips for arbitrary quotes and anchors.

use bellwether_anchor::{NotatedQuote, QuoteStyle, format_block, parse_block};
use proptest::prelude::*;

fn style() -> impl Strategy<Value = QuoteStyle> {
    prop_oneof![Just(QuoteStyle::Straight), Just(QuoteStyle::Curly)]
}

/// Anchors whose brackets nest: plain text, optionally with a bracketed inner part.
fn anchor() -> impl Strategy<Value = String> {
    (
        "[a-z \"\u{201C}\u{201D}é]{0,6}",
        "[a-z \"]{1,6}",
        any::<bool>(),
        "[a-z]{1,4}",
    )
        .prop_map(|(before, inner, nested, after)| {
            if nested {
                format!("{before}[{inner}]{after}")
            } else {
                format!("{before}{after}")
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn format_then_parse_gives_back_the_same_quote(
        text in "[a-z \"\u{201C}\u{201D}\\[\\]\u{00e9}\n\t]{1,30}",
        anchors in prop::collection::vec(anchor(), 0..4),
        style in style(),
    ) {
        prop_assume!(!text.trim().is_empty());
        let quote = NotatedQuote::new(text, anchors, style).unwrap();
        let parsed = NotatedQuote::parse(&quote.to_string()).unwrap();
        prop_assert_eq!(parsed, quote);
    }

    #[test]
    fn block_format_then_parse_gives_back_every_quote(
        quotes in prop::collection::vec(
            ("[a-z \"\u{201C}\u{201D}\\[\\]]{1,20}", prop::collection::vec(anchor(), 0..3), style()),
            0..5,
        ),
    ) {
        let quotes: Vec<NotatedQuote> = quotes
            .into_iter()
            .filter(|(text, _, _)| !text.trim().is_empty())
            .map(|(text, anchors, style)| NotatedQuote::new(text, anchors, style).unwrap())
            .collect();
        let block = format_block(&quotes).unwrap();
        prop_assert_eq!(parse_block(&block).unwrap(), quotes);
    }

    #[test]
    fn parse_never_panics_and_canonical_records_reformat_exactly(record in "\\PC{0,40}") {
        if let Ok(quote) = NotatedQuote::parse(&record) {
            let again = NotatedQuote::parse(&quote.to_string()).unwrap();
            prop_assert_eq!(again, quote);
        }
    }
}
