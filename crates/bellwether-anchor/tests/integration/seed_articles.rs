//! The seed's quotes and anchors, found in article texts printed the way newspapers print them.

use bellwether_anchor::{
    Locator, OverlapKind, PlacedQuote, PreparedText, annotation_selectors, find_overlaps,
    find_text_directive, fragment_url, locate_anchor_in, merge_overlapping, text_directives_in_url,
    text_fragment,
};

use crate::seed::seed_articles;

fn article_text(id: &str) -> &'static str {
    match id {
        "software-layer-china-us-tech-diplomacy" => {
            include_str!("../../testdata/seed/software-layer-china-us-tech-diplomacy.txt")
        }
        "white-house-industrial-scale-theft" => {
            include_str!("../../testdata/seed/white-house-industrial-scale-theft.txt")
        }
        "the-g-2-reality" => include_str!("../../testdata/seed/the-g-2-reality.txt"),
        other => panic!("no article text for {other}"),
    }
}

/// Same words once normalised: what a reader would call the same text.
fn same_text(a: &str, b: &str) -> bool {
    PreparedText::new(a).normalized().trim() == PreparedText::new(b).normalized().trim()
}

#[test]
fn every_seed_quote_and_anchor_is_located_in_its_article() {
    let locator = Locator::new();
    for (id, quotes) in seed_articles() {
        let article = article_text(id);
        let prepared = PreparedText::new(article);
        for quote in quotes {
            let found = locator.locate(&prepared, quote.text()).unwrap();
            let span = found.span().bytes();
            assert!(
                same_text(&article[span.clone()], quote.text()),
                "{id}: {:?}",
                &article[span]
            );
            for anchor in quote.anchors() {
                let placed = locate_anchor_in(article, span.clone(), anchor).unwrap();
                assert!(same_text(&article[placed.span.clone()], anchor));
                assert!(span.start <= placed.span.start && placed.span.end <= span.end);
            }
        }
    }
}

#[test]
fn white_house_quotes_merge_into_one_with_both_anchors() {
    let (id, quotes) = &seed_articles()[1];
    let article = article_text(id);
    let prepared = PreparedText::new(article);
    let locator = Locator::new();
    let placed: Vec<PlacedQuote> = quotes
        .iter()
        .map(|q| PlacedQuote {
            span: locator.locate(&prepared, q.text()).unwrap().span().bytes(),
            anchors: q.anchors().to_vec(),
        })
        .collect();
    let spans: Vec<_> = placed.iter().map(|p| p.span.clone()).collect();
    let overlaps = find_overlaps(&spans);
    assert_eq!(overlaps.len(), 1);
    assert_eq!(overlaps[0].kind, OverlapKind::Contains);
    let merged = merge_overlapping(article, &placed).unwrap();
    assert_eq!(merged.len(), 1);
    assert_eq!(merged[0].span, spans[0]);
    assert_eq!(
        merged[0].anchors,
        [
            "distillation attacks",
            "offset deficits in AI computing power"
        ]
    );
}

#[test]
fn every_seed_quote_gets_a_fragment_url_that_selects_it() {
    let urls = [
        "https://pacificpolicy.example/2026/05/software-layer-china-us-tech-diplomacy",
        "https://eveningledger.example/world/2026/may/20/white-house-china-ai-theft",
        "https://strategyquarterly.example/articles/the-g-2-reality",
    ];
    let locator = Locator::new();
    for ((id, quotes), url) in seed_articles().into_iter().zip(urls) {
        let article = article_text(id);
        let prepared = PreparedText::new(article);
        for quote in quotes {
            let span = locator
                .locate(&prepared, quote.text())
                .unwrap()
                .span()
                .bytes();
            let directive = text_fragment(article, span.clone()).unwrap();
            let link = fragment_url(url, &directive).unwrap();
            assert!(
                link.starts_with(url) && link.contains("#:~:text="),
                "{link}"
            );
            let read_back = text_directives_in_url(&link).unwrap();
            assert_eq!(
                find_text_directive(article, &read_back[0]),
                Some(span.clone())
            );
            let selector = annotation_selectors(article, span.clone()).unwrap().quote;
            assert_eq!(selector.exact, &article[span]);
        }
    }
}

#[test]
fn inner_white_house_quote_gets_a_directive_for_its_own_shorter_span() {
    // The inner quote lies inside the outer one: its directive must select its own span, not the
    // outer quote's.
    let (id, quotes) = &seed_articles()[1];
    let article = article_text(id);
    let span = Locator::new()
        .locate(&PreparedText::new(article), quotes[1].text())
        .unwrap()
        .span()
        .bytes();
    let directive = text_fragment(article, span.clone()).unwrap();
    assert_eq!(find_text_directive(article, &directive), Some(span));
    assert!(
        directive.end().is_some(),
        "a 120-character quote uses the start,end form"
    );
}

#[test]
fn seed_anchors_stay_in_the_top_three_when_weighed_against_their_articles() {
    for (id, quotes) in seed_articles() {
        let suggester = bellwether_anchor::AnchorSuggester::new().article(article_text(id));
        for quote in quotes {
            let texts: Vec<String> = suggester
                .suggest(quote.text())
                .into_iter()
                .map(|s| s.text)
                .collect();
            assert!(texts.contains(&quote.anchors()[0]), "{id}: {texts:?}");
        }
    }
}
