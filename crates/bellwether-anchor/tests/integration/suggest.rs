//! Invariants of anchor suggestions on arbitrary quotes.

use bellwether_anchor::{
    AnchorSuggester, ConfigError, MAX_SUGGESTED_WORDS, MAX_SUGGESTIONS, locate_anchor,
};
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
        let suggester = AnchorSuggester::new().limit(limit).unwrap().max_words(max_words).unwrap();
        let suggestions = suggester.suggest(&quote);
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

#[test]
fn settings_are_accepted_up_to_their_limits_and_rejected_past_them() {
    type Setter = fn(usize) -> Result<AnchorSuggester, ConfigError>;
    let table: [(&str, Setter, usize); 2] = [
        (
            "max_words",
            |v| AnchorSuggester::new().max_words(v),
            MAX_SUGGESTED_WORDS,
        ),
        (
            "limit",
            |v| AnchorSuggester::new().limit(v),
            MAX_SUGGESTIONS,
        ),
    ];
    for (name, set, max) in table {
        assert!(set(1).is_ok(), "{name} at 1");
        assert!(set(max).is_ok(), "{name} at its limit {max}");
        for bad in [0, max + 1, usize::MAX] {
            match set(bad) {
                Err(ConfigError::LimitOutOfRange {
                    limit,
                    value,
                    min,
                    max: reported,
                }) => assert_eq!((limit, value, min, reported), (name, bad, 1, max)),
                other => panic!("{name} = {bad} accepted: {other:?}"),
            }
        }
    }
}

#[test]
fn rejected_setting_says_what_to_choose() {
    let error = AnchorSuggester::new().max_words(0).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("max_words is 0, outside 1 to {MAX_SUGGESTED_WORDS}; choose a value in that range")
    );
}

#[test]
fn settings_at_their_limits_bound_the_suggestions() {
    let quote = "Officials said semiconductor export controls targeting advanced lithography \
                 equipment manufacturers reshaped global supply chains, while DeepSeek engineers \
                 quietly optimised training pipelines around older accelerator hardware, and \
                 regulators in Brussels, Tokyo, Seoul and Washington debated licensing regimes.";
    let longest = AnchorSuggester::new()
        .max_words(MAX_SUGGESTED_WORDS)
        .unwrap()
        .limit(MAX_SUGGESTIONS)
        .unwrap()
        .suggest(quote);
    assert!(longest.len() > 3 && longest.len() <= MAX_SUGGESTIONS);
    assert!(longest.iter().all(|s| s.words <= MAX_SUGGESTED_WORDS));
    assert!(longest.iter().any(|s| s.words > 6), "{longest:?}");
    let single = AnchorSuggester::new()
        .max_words(1)
        .unwrap()
        .limit(1)
        .unwrap();
    let one = single.suggest(quote);
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].words, 1);
}

#[test]
fn default_suggester_keeps_six_words_and_three_suggestions() {
    let quote = "Officials said semiconductor export controls targeting advanced lithography \
                 equipment manufacturers reshaped global supply chains";
    let default = AnchorSuggester::new().suggest(quote);
    let explicit = AnchorSuggester::new()
        .max_words(6)
        .unwrap()
        .limit(3)
        .unwrap()
        .suggest(quote);
    assert_eq!(default, explicit);
    assert_eq!(default.len(), 3);
}
