//! The seed's four quotes land on exactly the right bytes of their articles, through curly
//! quotes, a non-breaking hyphen, line wrapping and words hyphenated across lines.

use bellwether_anchor::{PreparedText, Rung, locate_quote};

use crate::seed::seed_articles;

/// Each seed quote's passage, cut by hand from the article files.
fn expected_passages() -> Vec<(&'static str, &'static str, &'static str)> {
    vec![
        (
            include_str!("../../testdata/seed/software-layer-china-us-tech-diplomacy.txt"),
            "Capability now propagates",
            "Capability now\npropagates through software, and software is not what export\u{2011}control\narchitec-\ntures were built to govern.",
        ),
        (
            include_str!("../../testdata/seed/white-house-industrial-scale-theft.txt"),
            "Chinese AI firms",
            "Chinese\nAI firms are relying on distillation attacks to offset deficits in AI\ncomputing power and illicitly reproduce the core capabilities of US\nmodels.",
        ),
        (
            include_str!("../../testdata/seed/white-house-industrial-scale-theft.txt"),
            "distillation attacks to",
            "distillation attacks to offset deficits in AI\ncomputing power and illicitly reproduce the core capabilities of US\nmodels",
        ),
        (
            include_str!("../../testdata/seed/the-g-2-reality.txt"),
            "The launch of DeepSeek",
            "The launch of DeepSeek, the large language model created in China\nthat performs compa-\nrably to American equivalents at a fraction of the price",
        ),
    ]
}

#[test]
fn locates_every_seed_quote_on_its_exact_bytes() {
    let quotes: Vec<String> = seed_articles()
        .into_iter()
        .flat_map(|(_, quotes)| quotes.into_iter().map(|q| q.text().to_owned()))
        .collect();
    for (article, opening, passage) in expected_passages() {
        let quote = quotes.iter().find(|q| q.starts_with(opening)).unwrap();
        let text = PreparedText::new(article);
        let found = locate_quote(&text, quote).unwrap();
        let start = article.find(passage).unwrap();
        assert_eq!(
            found.span().bytes(),
            start..start + passage.len(),
            "{quote}"
        );
        assert_eq!(found.rung(), &Rung::Normalized, "{quote}");
        assert_eq!(found.occurrence_count(), 1);
        let chars_before = article[..start].chars().count();
        let utf16_before: usize = article[..start].chars().map(char::len_utf16).sum();
        assert_eq!(found.span().chars().start, chars_before);
        assert_eq!(found.span().utf16().start, utf16_before);
        assert_eq!(found.span().chars().len(), passage.chars().count());
    }
}

#[test]
fn the_inner_white_house_quote_lies_inside_the_outer_one() {
    let article = include_str!("../../testdata/seed/white-house-industrial-scale-theft.txt");
    let text = PreparedText::new(article);
    let (_, quotes) = &seed_articles()[1];
    let outer = locate_quote(&text, quotes[0].text()).unwrap();
    let inner = locate_quote(&text, quotes[1].text()).unwrap();
    let (o, i) = (outer.span().bytes(), inner.span().bytes());
    assert!(o.start < i.start && i.end < o.end, "{o:?} {i:?}");
}
