//! The seed signal's quotes and anchors, as printed on its page.

use bellwether_anchor::{AnchorSuggester, NotatedQuote, find_overlaps, locate_anchor, parse_block};

/// The seed page's quote lines, one group per source article.
pub(crate) fn seed_articles() -> Vec<(&'static str, Vec<NotatedQuote>)> {
    [
        (
            "software-layer-china-us-tech-diplomacy",
            include_str!("../../testdata/seed/software-layer-china-us-tech-diplomacy.quotes"),
        ),
        (
            "white-house-industrial-scale-theft",
            include_str!("../../testdata/seed/white-house-industrial-scale-theft.quotes"),
        ),
        (
            "the-g-2-reality",
            include_str!("../../testdata/seed/the-g-2-reality.quotes"),
        ),
    ]
    .into_iter()
    .map(|(id, block)| (id, parse_block(block).expect("seed quotes parse")))
    .collect()
}

#[test]
fn seed_page_has_four_quotes_with_one_anchor_each() {
    let quotes: Vec<NotatedQuote> = seed_articles().into_iter().flat_map(|(_, q)| q).collect();
    assert_eq!(quotes.len(), 4);
    assert!(quotes.iter().all(|q| q.anchors().len() == 1));
}

#[test]
fn every_seed_anchor_is_found_on_whole_words_of_its_quote() {
    for (_, quotes) in seed_articles() {
        for quote in quotes {
            let found = locate_anchor(quote.text(), &quote.anchors()[0]).unwrap();
            assert_eq!(&quote.text()[found.span.clone()], quote.anchors()[0]);
            assert!(found.exact);
        }
    }
}

#[test]
fn seed_anchors_are_among_the_top_three_suggestions() {
    for (article, quotes) in seed_articles() {
        let mut taken: Vec<String> = Vec::new();
        for quote in quotes {
            let suggestions = AnchorSuggester::new()
                .limit(3)
                .unwrap()
                .taken(&taken)
                .suggest(quote.text());
            let texts: Vec<&str> = suggestions.iter().map(|s| s.text.as_str()).collect();
            let anchor = &quote.anchors()[0];
            assert!(
                texts.contains(&anchor.as_str()),
                "{article}: {anchor:?} not in {texts:?}"
            );
            taken.extend(quote.anchors().iter().cloned());
        }
    }
}

#[test]
fn seed_anchors_rank_in_top_three_without_knowing_sibling_anchors() {
    for (_, quotes) in seed_articles() {
        for quote in quotes {
            let texts: Vec<String> = AnchorSuggester::new()
                .suggest(quote.text())
                .into_iter()
                .map(|s| s.text)
                .collect();
            assert!(texts.contains(&quote.anchors()[0]), "{texts:?}");
        }
    }
}

#[test]
fn white_house_quotes_overlap_one_inside_the_other() {
    let (_, quotes) = &seed_articles()[1];
    let article = format!(
        "WASHINGTON \u{2014} The White House said on Tuesday that \u{201C}{}\u{201D} Officials \
         declined to name the firms.",
        quotes[0].text()
    );
    let spans: Vec<_> = quotes
        .iter()
        .map(|q| {
            let start = article.find(q.text()).unwrap();
            start..start + q.text().len()
        })
        .collect();
    let overlaps = find_overlaps(&spans);
    assert_eq!(overlaps.len(), 1);
    assert_eq!(overlaps[0].kind, bellwether_anchor::OverlapKind::Contains);
}
