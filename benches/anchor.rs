//! Quote anchoring speed: normalisation, locating quotes in news-sized articles and in a 1 MB
//! document, with `memchr::memmem` on the same text as the physical limit of the exact path.
//!
//! The quotes are the mix a real stream of model output has (see [`class_of`]): one in five
//! fabricated, one in ten misquoted; throughput is reported for the mix and for each class.
//!
//! Run: `cargo bench --bench anchor --features anchor -- anchor/`

#![allow(missing_docs)] // criterion_group! generates undocumented items

use std::hint::black_box;

use bellwether::anchor::{
    AnchorSuggester, Locator, PreparedText, TextFragmenter, locate_anchor, parse_block,
    text_fragment,
};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

mod mix;

use mix::{BOOKS, CLASSES, NEWS, articles, hyphenate, megabyte, quotes, typeset};

fn normalize(c: &mut Criterion) {
    let article = articles().swap_remove(3);
    // The same kind of prose as plain ASCII (straight quotes, `--`): the fast path alone.
    let ascii = BOOKS[3].to_owned();
    let big = megabyte();
    let mut group = c.benchmark_group("anchor/normalize");
    for (name, text) in [("article", &article), ("ascii-31kb", &ascii), ("1mb", &big)] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| b.iter(|| PreparedText::new(black_box(text))));
    }
    group.finish();
}

/// A text's quotes, each with its class.
type Quotes = Vec<(&'static str, String)>;

/// Prepared articles (hyphenated) with 20 quotes each in the real mix; the fabricated
/// "foreign" quotes of an article come from an article of another book.
fn article_cases() -> (Vec<String>, Vec<Quotes>) {
    let articles = articles();
    let n = articles.len();
    let quotes = (0..n)
        .map(|i| quotes(&articles[i], &articles[(i + n / 2) % n], 20, i as u64))
        .collect();
    (articles.iter().map(|a| hyphenate(a)).collect(), quotes)
}

/// Locates every quote of `class` (all of them for `None`) in its text.
fn locate_all(locator: &Locator, cases: &[(PreparedText, Quotes)], class: Option<&str>) {
    for (text, quotes) in cases {
        for (_, quote) in quotes.iter().filter(|(c, _)| class.is_none_or(|k| k == *c)) {
            let _ = black_box(locator.locate(text, black_box(quote)));
        }
    }
}

fn count(cases: &[(PreparedText, Quotes)], class: Option<&str>) -> u64 {
    cases
        .iter()
        .flat_map(|(_, q)| q)
        .filter(|(c, _)| class.is_none_or(|k| k == *c))
        .count() as u64
}

fn locate_articles(c: &mut Criterion) {
    let locator = Locator::new();
    let (texts, quotes) = article_cases();
    let prepared: Vec<(PreparedText, Quotes)> = texts
        .iter()
        .zip(quotes)
        .map(|(a, q)| {
            let text = PreparedText::new(a);
            // Warm: the q-gram index is built on first need, once per text.
            let _ = locator.locate(&text, "warm the index of this text");
            (text, q)
        })
        .collect();
    let mut group = c.benchmark_group("anchor/locate/articles-5-20kb");
    for class in std::iter::once(None).chain(CLASSES.iter().map(|c| Some(*c))) {
        group.throughput(Throughput::Elements(count(&prepared, class)));
        group.bench_function(class.unwrap_or("mix"), |b| {
            b.iter(|| locate_all(&locator, &prepared, class))
        });
    }
    // The exact path's physical limit: one memmem scan of the same texts per exact quote.
    let exact: Vec<(String, Vec<String>)> = prepared
        .iter()
        .map(|(text, quotes)| {
            let normalized: Vec<String> = quotes
                .iter()
                .filter(|(c, _)| *c == "exact")
                .map(|(_, q)| PreparedText::new(q).normalized().to_owned())
                .collect();
            (text.normalized().to_owned(), normalized)
        })
        .collect();
    let exact_total: usize = exact.iter().map(|(_, q)| q.len()).sum();
    group.throughput(Throughput::Elements(exact_total as u64));
    group.bench_function("memchr-memmem", |b| {
        b.iter(|| {
            for (text, quotes) in &exact {
                for quote in quotes {
                    black_box(memchr::memmem::find_iter(text.as_bytes(), quote.as_bytes()).count());
                }
            }
        })
    });
    // Cold: the article prepared (normalised, indexed on need) for every quote.
    group.throughput(Throughput::Elements(count(&prepared, None)));
    group.bench_function("mix-cold-prepare-per-quote", |b| {
        b.iter(|| {
            for (article, (_, quotes)) in texts.iter().zip(&prepared) {
                for (_, quote) in quotes {
                    let text = PreparedText::new(black_box(article));
                    let _ = black_box(locator.locate(&text, black_box(quote)));
                }
            }
        })
    });
    // Cold per article: prepared once, then its 20 quotes.
    group.bench_function("mix-cold-prepare-per-article", |b| {
        b.iter(|| {
            for (article, (_, quotes)) in texts.iter().zip(&prepared) {
                let text = PreparedText::new(black_box(article));
                for (_, quote) in quotes {
                    let _ = black_box(locator.locate(&text, black_box(quote)));
                }
            }
        })
    });
    group.finish();
}

fn locate_megabyte(c: &mut Criterion) {
    let locator = Locator::new();
    let big = hyphenate(&megabyte());
    let excerpts: String = BOOKS
        .iter()
        .map(|b| typeset(b))
        .collect::<Vec<_>>()
        .join("\n\n");
    let news = NEWS.join("\n\n");
    let text = PreparedText::new(&big);
    let _ = locator.locate(&text, "warm the index of this text");
    let cases = vec![(text, quotes(&excerpts, &news, 60, 99))];
    let mut group = c.benchmark_group("anchor/locate/1mb");
    group.sample_size(10);
    for class in std::iter::once(None).chain(CLASSES.iter().map(|c| Some(*c))) {
        group.throughput(Throughput::Elements(count(&cases, class)));
        group.bench_function(class.unwrap_or("mix"), |b| {
            b.iter(|| locate_all(&locator, &cases, class))
        });
    }
    group.throughput(Throughput::Elements(count(&cases, None)));
    group.bench_function("mix-cold-prepare-once", |b| {
        b.iter(|| {
            let text = PreparedText::new(black_box(&big));
            for (_, quote) in &cases[0].1 {
                let _ = black_box(locator.locate(&text, black_box(quote)));
            }
        })
    });
    group.finish();
}

/// The seed's quotes (notation lines) with their article texts.
const SEED: [(&str, &str); 3] = [
    (
        include_str!(
            "../crates/bellwether-anchor/testdata/seed/software-layer-china-us-tech-diplomacy.quotes"
        ),
        include_str!(
            "../crates/bellwether-anchor/testdata/seed/software-layer-china-us-tech-diplomacy.txt"
        ),
    ),
    (
        include_str!(
            "../crates/bellwether-anchor/testdata/seed/white-house-industrial-scale-theft.quotes"
        ),
        include_str!(
            "../crates/bellwether-anchor/testdata/seed/white-house-industrial-scale-theft.txt"
        ),
    ),
    (
        include_str!("../crates/bellwether-anchor/testdata/seed/the-g-2-reality.quotes"),
        include_str!("../crates/bellwether-anchor/testdata/seed/the-g-2-reality.txt"),
    ),
];

/// Anchors, suggestions, notation and text-fragment links, per quote.
fn anchors_and_links(c: &mut Criterion) {
    let blocks: String = SEED.iter().map(|(quotes, _)| *quotes).collect();
    let seed = parse_block(&blocks).unwrap_or_default();
    let mut group = c.benchmark_group("anchor/phrase");
    group.throughput(Throughput::Elements(seed.len() as u64));
    group.bench_function("seed/locate-anchor", |b| {
        b.iter(|| {
            for quote in &seed {
                let _ = black_box(locate_anchor(black_box(quote.text()), &quote.anchors()[0]));
            }
        })
    });
    let suggester = AnchorSuggester::new();
    group.bench_function("seed/suggest", |b| {
        b.iter(|| {
            for quote in &seed {
                black_box(suggester.suggest(black_box(quote.text())));
            }
        })
    });
    group.bench_function("seed/parse-notation", |b| {
        b.iter(|| black_box(parse_block(black_box(&blocks))))
    });
    group.finish();

    // Text fragments for exactly located quotes of news-sized articles.
    let locator = Locator::new();
    let spans: Vec<(String, Vec<std::ops::Range<usize>>)> = articles()
        .into_iter()
        .enumerate()
        .map(|(i, article)| {
            let prepared = PreparedText::new(&article);
            let spans = quotes(&article, &article, 12, i as u64)
                .iter()
                .filter_map(|(_, q)| locator.locate(&prepared, q).ok())
                .map(|found| found.span().bytes())
                .collect();
            (article, spans)
        })
        .collect();
    let total: usize = spans.iter().map(|(_, s)| s.len()).sum();
    let mut group = c.benchmark_group("anchor/link");
    group.throughput(Throughput::Elements(total as u64));
    group.bench_function("articles-5-20kb/text-fragment", |b| {
        b.iter(|| {
            for (article, spans) in &spans {
                let fragmenter = TextFragmenter::new(black_box(article));
                for span in spans {
                    let _ = black_box(fragmenter.text_fragment(span.clone()));
                }
            }
        })
    });
    // Cold: the article folded again for every quote.
    group.bench_function("articles-5-20kb/text-fragment-cold", |b| {
        b.iter(|| {
            for (article, spans) in &spans {
                for span in spans {
                    let _ = black_box(text_fragment(black_box(article), span.clone()));
                }
            }
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    normalize,
    locate_articles,
    locate_megabyte,
    anchors_and_links
);
criterion_main!(benches);
