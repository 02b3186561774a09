//! Invariants of anchor suggestions on arbitrary quotes.

use bellwether_anchor::{AnchorSuggester, locate_anchor};
use proptest::prelude::*;

fn quote() -> impl Strategy<Value = String> {
    let words = [
        "the",
        "of",
        "and",
        "DeepSeek",
        "export",
        "controls",
        "AI",
        "US",
        "were",
        "chips",
        "built",
        "quickly",
        "reshaping",
        "China",
        "中国",
        "芯片",
        "-",
        ",",
        ".",
        "“",
        "”",
    ];
    prop::collection::vec(prop::sample::select(words.to_vec()), 1..30).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn suggestions_are_whole_words_of_the_quote_ranked_and_disjoint(
        quote in quote(),
        limit in 1usize..6,
        max_words in 1usize..7,
    ) {
        let suggestions = AnchorSuggester::new().limit(limit).max_words(max_words).suggest(&quote);
        prop_assert!(suggestions.len() <= limit);
        for (i, s) in suggestions.iter().enumerate() {
            prop_assert_eq!(&quote[s.span.clone()], s.text.as_str());
            prop_assert!(s.words >= 1 && s.words <= max_words);
            prop_assert!(locate_anchor(&quote, &s.text).is_ok(), "{:?}", s);
            for t in &suggestions[i + 1..] {
                prop_assert!(s.score >= t.score);
                prop_assert!(s.span.end <= t.span.start || t.span.end <= s.span.start);
            }
        }
    }
}
