//! Inputs the fuzz targets (`fuzz/`, see README "Fuzzing") found to misbehave, kept as ordinary
//! tests so that each bug stays fixed without running the fuzzer. Each names its target.

use bellwether::anchor::{LocateError, Locator, PreparedText};

/// `locate_quote`: a fuzzy match whose preferred span (95..184, the shorter) is not the first of
/// its equally good occurrences ([0..92, 95..184]). The documentation promised the first; it now
/// says what the locator does: occurrences in text order, the span being the preferred one.
/// Minimised from a fuzzer crash on the seed's G-2 article.
#[test]
fn fuzzy_match_span_is_one_of_its_occurrences_in_text_order() {
    let article = "he lau Dee languae eat performs compa-\nrably to American equivalents at a \
                   fraction of thriceunch f Dee langel cCh performs comparably to American \
                   equivalents at a fraction of the price";
    let quote = "he lauf ee lang c Cat prom comparably to American equivalents at a fraction of \
                 the price";
    let text = PreparedText::new(article);
    // Five of the quote's fifteen words are changed for others (`lang` for `languae`, `prom`
    // for `performs`), so since words are counted it is a misquote; were it located, its span
    // must be one of its occurrences, in text order.
    let found = match Locator::new().locate(&text, quote) {
        Ok(found) => found,
        Err(LocateError::Misquoted { differences, .. }) => {
            let changed: usize = differences
                .iter()
                .map(|d| d.quoted.split(' ').count())
                .sum();
            assert!(changed >= 2, "{differences:?}");
            return;
        }
        Err(e) => panic!("{e}"),
    };
    assert!(found.occurrences().contains(found.span()));
    let starts: Vec<usize> = found
        .occurrences()
        .iter()
        .map(|o| o.bytes().start)
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]));
}
