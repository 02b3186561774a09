//! Properties of locating quotes, checked against what must be true by construction.

use std::ops::Range;

use bellwether_anchor::{Locator, PreparedText, Rung};
use proptest::prelude::*;

/// Words from several scripts, with cased letters, accents and astral characters.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z]{1,9}",
        "[a-zéèçñøß]{2,7}",
        "[α-ωΑ-Ω]{2,6}",
        "[а-яА-Я]{2,6}",
        "[\u{4E00}-\u{4FFF}]{1,4}",
        "[a-z]{1,4}[\u{1F600}-\u{1F64F}]",
        "[a-z]{2,5}'[a-z]{1,2}",
        "[a-z]{2,5}-[a-z]{2,5}",
    ]
}

/// A text of words separated by single spaces, with the byte range of every word.
fn text() -> impl Strategy<Value = (String, Vec<Range<usize>>)> {
    prop::collection::vec(word(), 12..120).prop_map(|words| {
        let mut text = String::new();
        let mut ranges = Vec::new();
        for w in words {
            if !text.is_empty() {
                text.push(' ');
            }
            ranges.push(text.len()..text.len() + w.len());
            text.push_str(&w);
        }
        (text, ranges)
    })
}

/// A text and a run of its words long enough to be a quote.
fn text_and_run() -> impl Strategy<Value = (String, Range<usize>)> {
    (text(), any::<prop::sample::Index>(), 4usize..12).prop_filter_map(
        "run too short to be a quote",
        |((text, words), at, len)| {
            let first = at.index(words.len());
            let last = (first + len).min(words.len()) - 1;
            let span = words[first].start..words[last].end;
            let long_enough = PreparedText::new(&text[span.clone()])
                .normalized()
                .chars()
                .filter(|&c| c != ' ')
                .count()
                >= 24;
            long_enough.then_some((text, span))
        },
    )
}

/// Rewrites a quote the way models and typesetters do: case, quote marks, dashes, spacing.
fn perturb(quote: &str, seed: u64) -> String {
    let mut out = String::new();
    for (i, c) in quote.chars().enumerate() {
        let roll = seed.rotate_left(i as u32 % 64) % 5;
        match c {
            '\'' if roll < 3 => out.push('\u{2019}'),
            '-' if roll < 2 => out.push('\u{2010}'),
            ' ' if roll == 0 => out.push_str("\n  "),
            ' ' if roll == 1 => out.push('\u{00A0}'),
            c if roll == 2 => out.extend(c.to_uppercase()),
            c => out.push(c),
        }
    }
    out
}

fn on_boundaries(text: &str, range: &Range<usize>) -> bool {
    range.start <= range.end
        && range.end <= text.len()
        && text.is_char_boundary(range.start)
        && text.is_char_boundary(range.end)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_run_of_words_is_found_exactly_at_its_span((text, span) in text_and_run()) {
        let prepared = PreparedText::new(&text);
        let found = Locator::new().locate(&prepared, &text[span.clone()]);
        let found = found.map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(found.rung(), &Rung::Exact);
        prop_assert!(found.occurrences().iter().any(|o| o.bytes() == span));
    }

    #[test]
    fn a_perturbed_run_is_found_at_the_same_span(
        (text, span) in text_and_run(),
        seed in any::<u64>(),
    ) {
        let prepared = PreparedText::new(&text);
        let quote = perturb(&text[span.clone()], seed);
        let found = Locator::new().locate(&prepared, &quote);
        let found = found.map_err(|e| TestCaseError::fail(format!("{quote:?}: {e}")))?;
        prop_assert!(matches!(found.rung(), Rung::Exact | Rung::Normalized), "{:?}", found.rung());
        prop_assert!(found.occurrences().iter().any(|o| o.bytes() == span));
    }

    #[test]
    fn an_elided_quote_spans_from_first_to_last_piece(
        (text, words) in text(),
        a in any::<prop::sample::Index>(),
        b in any::<prop::sample::Index>(),
    ) {
        prop_assume!(words.len() >= 16);
        let first = a.index(words.len() - 15);
        let second = first + 7 + b.index(words.len() - first - 11);
        let head = words[first].start..words[first + 3].end;
        let tail = words[second].start..words[second + 3].end;
        prop_assume!(tail.start > head.end + 1);
        let quote = format!("{} \u{2026} {}", &text[head.clone()], &text[tail.clone()]);
        let prepared = PreparedText::new(&text);
        let found = Locator::new().locate(&prepared, &quote);
        let found = found.map_err(|e| TestCaseError::fail(format!("{quote:?}: {e}")))?;
        let whole = head.start..tail.end;
        prop_assert!(found.occurrences().iter().any(|o| o.bytes() == whole), "{:?}", found);
    }

    #[test]
    fn spans_are_on_char_boundaries_and_nothing_panics(
        text in "\\PC{0,300}",
        quote in "\\PC{0,60}",
    ) {
        let prepared = PreparedText::new(&text);
        if let Ok(found) = Locator::new().locate(&prepared, &quote) {
            prop_assert!(on_boundaries(&text, &found.span().bytes()));
            for o in found.occurrences() {
                prop_assert!(on_boundaries(&text, &o.bytes()));
            }
            if let Rung::Elided { segments, .. } = found.rung() {
                for s in segments {
                    prop_assert!(on_boundaries(&text, &s.bytes()));
                }
            }
        }
    }

    #[test]
    fn quotes_cut_from_random_text_never_panic(
        text in "[a-c \u{00A0}\u{00AD}\u{200B}\u{2014}\u{201C}\u{201D}.\\[\\]\n-]{0,200}",
        cut in any::<(prop::sample::Index, prop::sample::Index)>(),
    ) {
        let (a, b) = (cut.0.index(text.len() + 1), cut.1.index(text.len() + 1));
        let (a, b) = (a.min(b), a.max(b));
        let quote: String = text.get(a..b).unwrap_or_default().to_owned();
        let prepared = PreparedText::new(&text);
        if let Ok(found) = Locator::builder().min_quote_chars(1).build().unwrap().locate(&prepared, &quote) {
            prop_assert!(on_boundaries(&text, &found.span().bytes()));
        }
    }

    #[test]
    fn the_offset_map_keeps_order_and_char_boundaries(
        text in "\\PC{0,200}",
        a in any::<prop::sample::Index>(),
        b in any::<prop::sample::Index>(),
    ) {
        let prepared = PreparedText::new(&text);
        let n = prepared.normalized().len();
        let (x, y) = (a.index(n + 1), b.index(n + 1));
        let (x, y) = (x.min(y), x.max(y));
        let r = prepared.to_original(x..y);
        prop_assert!(on_boundaries(&text, &r));
        let whole = prepared.to_original(0..n);
        prop_assert!(whole.start <= r.start && r.end <= whole.end.max(r.end));
        let later = prepared.to_original(y..n);
        prop_assert!(r.end <= later.start.max(r.end) && r.start <= later.start);
    }
}
