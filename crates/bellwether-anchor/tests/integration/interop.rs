//! Text fragment directives: round trips, and the spans they select.

use bellwether_anchor::{
    InteropError, TextDirective, find_text_directive, fragment_url, text_directives_in_url,
    text_fragment,
};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

fn term() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,&\\-%#:~=!$'()*+./;?@_\u{e9}\u{4e2d}\u{201C}\n]{1,12}"
}

/// Articles of few distinct words, so that quotes repeat and need context.
fn article_words() -> impl Strategy<Value = Vec<&'static str>> {
    let vocabulary = [
        "export", "controls", "DeepSeek", "chips", "AI", "déjà", "the", "of",
    ];
    prop::collection::vec(prop::sample::select(vocabulary.to_vec()), 2..40)
}

/// First whole-word, case-insensitive occurrence of `needle` in an ASCII `text`.
fn naive_first(text: &str, needle: &str) -> Option<std::ops::Range<usize>> {
    let mut bounds: Vec<usize> = text.split_word_bound_indices().map(|(i, _)| i).collect();
    bounds.push(text.len());
    let (text, needle) = (text.to_lowercase(), needle.to_lowercase());
    (0..text.len()).find_map(|i| {
        let end = i + needle.len();
        (text[i..].starts_with(&needle) && bounds.contains(&i) && bounds.contains(&end))
            .then_some(i..end)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn directive_format_then_parse_gives_back_the_exact_terms(
        prefix in prop::option::of(term()),
        start in term(),
        end in prop::option::of(term()),
        suffix in prop::option::of(term()),
    ) {
        let directive = TextDirective::new(prefix, start, end, suffix).unwrap();
        let encoded = directive.to_string();
        prop_assert!(encoded.bytes().all(|b| b.is_ascii_graphic()));
        prop_assert_eq!(encoded[5..].matches('&').count(), 0);
        prop_assert_eq!(TextDirective::parse(&encoded).unwrap(), directive.clone());
        let url = fragment_url("https://news.example/a?b=c", &directive).unwrap();
        prop_assert_eq!(text_directives_in_url(&url).unwrap(), vec![directive]);
    }

    #[test]
    fn generated_directive_selects_exactly_the_quote(
        words in article_words(),
        pick in any::<(prop::sample::Index, prop::sample::Index)>(),
    ) {
        let article = words.join(" ");
        let starts: Vec<usize> = article.unicode_word_indices().map(|(i, _)| i).collect();
        let (a, b) = (pick.0.index(words.len()), pick.1.index(words.len()));
        let (first, last) = (a.min(b), a.max(b));
        let span = starts[first]..starts[last] + words[last].len();
        match text_fragment(&article, span.clone()) {
            Ok(directive) => {
                prop_assert_eq!(find_text_directive(&article, &directive), Some(span.clone()));
                let decoded = TextDirective::parse(&directive.to_string()).unwrap();
                if decoded.end().is_none() {
                    prop_assert_eq!(decoded.start(), &article[span]);
                } else {
                    prop_assert!(article[span.clone()].starts_with(decoded.start()));
                    prop_assert!(article[span].ends_with(decoded.end().unwrap()));
                }
            }
            // Possible only when the same words repeat around both places.
            Err(InteropError::Ambiguous { .. }) => prop_assert!(words.len() > 6),
            Err(other) => prop_assert!(false, "unexpected {:?}", other),
        }
    }

    #[test]
    fn exact_directive_matches_the_first_whole_word_occurrence(
        text in "[a-c]{1,3}( [a-cA-C]{1,3}){0,12}",
        needle in "[a-cA-C]{1,3}( [a-c]{1,3}){0,2}",
    ) {
        let directive = TextDirective::new(None, needle.clone(), None, None).unwrap();
        prop_assert_eq!(find_text_directive(&text, &directive), naive_first(&text, &needle));
    }
}
