//! Inputs the fuzz targets (`fuzz/`, see README "Fuzzing") found to misbehave, kept as ordinary
//! tests so that each bug stays fixed without running the fuzzer. Each names its target.

use bellwether::anchor::{Locator, PreparedText};

/// `locate_quote`: a fuzzy match whose reported span is not the first of its equally good
/// occurrences, although `QuoteMatch::occurrences` promises "every equally good occurrence in
/// text order; the first is `span`". Minimised from a fuzzer crash on the seed's G-2 article.
#[test]
#[ignore = "bellwether-anchor: for this fuzzy match `span()` is 95..184 but `occurrences()` is \
            [0..92, 95..184]; the span must be the first occurrence (or the list must start with it)"]
fn fuzzy_match_span_is_its_first_occurrence() {
    let article = "he lau Dee languae eat performs compa-\nrably to American equivalents at a \
                   fraction of thriceunch f Dee langel cCh performs comparably to American \
                   equivalents at a fraction of the price";
    let quote = "he lauf ee lang c Cat prom comparably to American equivalents at a fraction of \
                 the price";
    let text = PreparedText::new(article);
    let found = Locator::new().locate(&text, quote).unwrap();
    assert_eq!(found.occurrences().first(), Some(found.span()));
}
