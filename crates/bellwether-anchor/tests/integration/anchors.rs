//! Anchor location checked against a naive whole-word search.

use bellwether_anchor::{AnchorError, locate_anchor};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// Byte offsets where a UAX #29 word boundary falls, including both ends.
fn bounds(text: &str) -> Vec<usize> {
    let mut b: Vec<usize> = text.split_word_bound_indices().map(|(i, _)| i).collect();
    b.push(text.len());
    b
}

/// The first whole-word occurrence of `needle` in `text`, by trying every offset.
fn naive_whole_word(text: &str, needle: &str) -> Option<std::ops::Range<usize>> {
    let b = bounds(text);
    (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .find_map(|i| {
            let end = i + needle.len();
            (text[i..].starts_with(needle) && b.contains(&i) && b.contains(&end)).then_some(i..end)
        })
}

fn quote_words() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[abcé]{1,4}", 1..12)
}

fn join(words: &[String], separators: &[bool]) -> String {
    let mut quote = String::new();
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            quote.push_str(if separators[i % separators.len()] {
                ", "
            } else {
                " "
            });
        }
        quote.push_str(word);
    }
    quote
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn run_of_whole_words_is_found_at_its_first_whole_word_span(
        words in quote_words(),
        separators in prop::collection::vec(any::<bool>(), 1..4),
        pick in any::<(prop::sample::Index, prop::sample::Index)>(),
        shout in any::<bool>(),
    ) {
        let quote = join(&words, &separators);
        let (a, b) = (pick.0.index(words.len()), pick.1.index(words.len()));
        let (first, last) = (a.min(b), a.max(b));
        // The true span of words first..=last, found by walking the quote's words.
        let starts: Vec<usize> = quote.unicode_word_indices().map(|(i, _)| i).collect();
        let true_start = starts[first];
        let true_end = starts[last] + words[last].len();
        let anchor = &quote[true_start..true_end];
        let written = if shout { anchor.to_uppercase() } else { anchor.to_owned() };
        let found = locate_anchor(&quote, &written).unwrap();
        let expected = naive_whole_word(&quote, anchor).unwrap();
        prop_assert_eq!(found.span.clone(), expected.clone());
        prop_assert!(expected.start <= true_start);
        prop_assert_eq!(&quote[found.span], anchor);
    }

    #[test]
    fn part_of_a_word_is_rejected_unless_it_is_also_a_whole_word(
        words in quote_words(),
        pick in any::<prop::sample::Index>(),
        cut in 1usize..4,
        from_end in any::<bool>(),
    ) {
        let quote = words.join(" ");
        let word: Vec<char> = words[pick.index(words.len())].chars().collect();
        prop_assume!(word.len() >= 2);
        let cut = cut.min(word.len() - 1);
        let part: String = if from_end {
            word[cut..].iter().collect()
        } else {
            word[..word.len() - cut].iter().collect()
        };
        match (locate_anchor(&quote, &part), naive_whole_word(&quote, &part)) {
            (Ok(found), Some(expected)) => prop_assert_eq!(found.span, expected),
            (Err(AnchorError::PartOfWord { word: whole, .. }), None) => {
                prop_assert!(whole.contains(&part));
                prop_assert!(whole.len() > part.len());
            }
            (result, oracle) => prop_assert!(false, "{:?} vs oracle {:?}", result, oracle),
        }
    }

    #[test]
    fn never_panics_and_spans_are_on_char_boundaries(quote in "\\PC{0,40}", anchor in "\\PC{0,8}") {
        if let Ok(found) = locate_anchor(&quote, &anchor) {
            prop_assert!(quote.is_char_boundary(found.span.start));
            prop_assert!(quote.is_char_boundary(found.span.end));
            prop_assert!(found.occurrences >= 1);
        }
    }
}
