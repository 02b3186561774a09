//! Quote anchoring speed: normalisation, locating quotes in news-sized articles and in a 1 MB
//! document, with `memchr::memmem` on the same text as the physical limit of the exact path.
//!
//! Run: `cargo bench --bench anchor --features anchor -- anchor/`

#![allow(missing_docs)] // criterion_group! generates undocumented items

use std::hint::black_box;

use bellwether::anchor::{
    AnchorSuggester, Locator, PreparedText, TextFragmenter, locate_anchor, parse_block,
    text_fragment,
};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const BOOKS: [&str; 6] = [
    include_str!("../crates/bellwether-anchor/testdata/corpus/austen-sense-and-sensibility.txt"),
    include_str!("../crates/bellwether-anchor/testdata/corpus/austen-pride-and-prejudice.txt"),
    include_str!("../crates/bellwether-anchor/testdata/corpus/austen-mansfield-park.txt"),
    include_str!("../crates/bellwether-anchor/testdata/corpus/austen-emma.txt"),
    include_str!("../crates/bellwether-anchor/testdata/corpus/austen-northanger-abbey.txt"),
    include_str!("../crates/bellwether-anchor/testdata/corpus/austen-persuasion.txt"),
];

/// SplitMix64, so the inputs are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Articles of 5–20 KB cut at paragraph breaks, typeset with curly quotes and em dashes.
fn articles() -> Vec<String> {
    let mut rng = Rng(7);
    let mut out = Vec::new();
    for book in BOOKS {
        let mut current = String::new();
        let mut target = 5_000 + rng.below(15_000);
        for paragraph in book.split("\n\n") {
            current.push_str(paragraph);
            current.push_str("\n\n");
            if current.len() >= target {
                out.push(typeset(&std::mem::take(&mut current)));
                target = 5_000 + rng.below(15_000);
            }
        }
    }
    out
}

fn typeset(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 10);
    let mut prev = ' ';
    for c in text.chars() {
        match c {
            '"' if prev.is_whitespace() => out.push('\u{201C}'),
            '"' => out.push('\u{201D}'),
            '\'' => out.push('\u{2019}'),
            c => out.push(c),
        }
        prev = c;
    }
    out.replace("--", "\u{2014}")
}

/// A realistic mix of quotes from `text`: 60% exact after normalisation (straight quotes, one
/// line), 25% with one to three typos, 15% elided.
fn quotes(text: &str, count: usize, seed: u64) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut rng = Rng(seed);
    (0..count)
        .map(|i| {
            let len = 8 + rng.below(22);
            let start = rng.below(words.len().saturating_sub(len + 12));
            let run = words[start..start + len].join(" ");
            let plain = run
                .replace(['\u{201C}', '\u{201D}'], "\"")
                .replace('\u{2019}', "'");
            match i % 20 {
                0..12 => plain,
                12..17 => {
                    let mut chars: Vec<char> = plain.chars().collect();
                    for _ in 0..1 + rng.below(3) {
                        let at = 1 + rng.below(chars.len() - 2);
                        chars[at] = if chars[at] == 'e' { 'a' } else { 'e' };
                    }
                    chars.into_iter().collect()
                }
                _ => {
                    let head = words[start..start + 5].join(" ");
                    let tail = words[start + len - 4..start + len + 3].join(" ");
                    format!("{head} \u{2026} {tail}")
                }
            }
        })
        .collect()
}

/// About 1 MB: the six excerpts, then filler prose made of their words in random order, so the
/// quotes (taken from the excerpts) occur once.
fn megabyte() -> String {
    let mut text: String = BOOKS
        .iter()
        .map(|b| typeset(b))
        .collect::<Vec<_>>()
        .join("\n\n");
    let vocabulary: Vec<&str> = BOOKS.iter().flat_map(|b| b.split_whitespace()).collect();
    let mut rng = Rng(11);
    while text.len() < 1 << 20 {
        text.push_str(vocabulary[rng.below(vocabulary.len())]);
        text.push(if rng.below(12) == 0 { '\n' } else { ' ' });
    }
    text
}

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

fn locate_articles(c: &mut Criterion) {
    let locator = Locator::new();
    let prepared: Vec<(PreparedText, Vec<String>)> = articles()
        .iter()
        .enumerate()
        .map(|(i, a)| (PreparedText::new(a), quotes(a, 20, i as u64)))
        .collect();
    let total: usize = prepared.iter().map(|(_, q)| q.len()).sum();
    let mut group = c.benchmark_group("anchor/locate");
    group.throughput(Throughput::Elements(total as u64));
    group.bench_function("articles-5-20kb/mix", |b| {
        b.iter(|| {
            for (text, quotes) in &prepared {
                for quote in quotes {
                    let _ = black_box(locator.locate(text, black_box(quote)));
                }
            }
        })
    });
    // The exact path's physical limit: one memmem scan of the same texts per exact quote.
    let exact: Vec<(String, Vec<String>)> = prepared
        .iter()
        .map(|(text, quotes)| {
            let normalized: Vec<String> = quotes
                .iter()
                .take(12)
                .map(|q| PreparedText::new(q).normalized().to_owned())
                .collect();
            (text.normalized().to_owned(), normalized)
        })
        .collect();
    let exact_total: usize = exact.iter().map(|(_, q)| q.len()).sum();
    group.throughput(Throughput::Elements(exact_total as u64));
    group.bench_function("articles-5-20kb/exact-only", |b| {
        b.iter(|| {
            for (text, quotes) in &prepared {
                for quote in quotes.iter().take(12) {
                    let _ = black_box(locator.locate(text, black_box(quote)));
                }
            }
        })
    });
    group.bench_function("articles-5-20kb/memchr-memmem", |b| {
        b.iter(|| {
            for (text, quotes) in &exact {
                for quote in quotes {
                    black_box(memchr::memmem::find_iter(text.as_bytes(), quote.as_bytes()).count());
                }
            }
        })
    });
    let cold: Vec<(&str, &Vec<String>)> = articles()
        .iter()
        .zip(&prepared)
        .map(|(a, (_, q))| (a.as_str(), q))
        .map(|(a, q)| (Box::leak(a.to_owned().into_boxed_str()) as &str, q))
        .collect();
    group.throughput(Throughput::Elements(total as u64));
    group.bench_function("articles-5-20kb/cold-normalise-per-call", |b| {
        b.iter(|| {
            for (article, quotes) in &cold {
                for quote in quotes.iter() {
                    let text = PreparedText::new(black_box(article));
                    let _ = black_box(locator.locate(&text, black_box(quote)));
                }
            }
        })
    });
    group.finish();
}

fn locate_megabyte(c: &mut Criterion) {
    let locator = Locator::new();
    let big = megabyte();
    let excerpts_len: usize = BOOKS.iter().map(|b| b.len()).sum();
    let text = PreparedText::new(&big);
    let quotes = quotes(&big[..excerpts_len], 40, 99);
    let mut group = c.benchmark_group("anchor/locate");
    group.sample_size(10);
    group.throughput(Throughput::Elements(quotes.len() as u64));
    group.bench_function("1mb/mix", |b| {
        b.iter(|| {
            for quote in &quotes {
                let _ = black_box(locator.locate(&text, black_box(quote)));
            }
        })
    });
    let exact: Vec<String> = quotes
        .iter()
        .take(12)
        .map(|q| PreparedText::new(q).normalized().to_owned())
        .collect();
    group.throughput(Throughput::Elements(exact.len() as u64));
    group.bench_function("1mb/memchr-memmem", |b| {
        b.iter(|| {
            for quote in &exact {
                black_box(
                    memchr::memmem::find_iter(text.normalized().as_bytes(), quote.as_bytes())
                        .count(),
                );
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
            let spans = quotes(&article, 12, i as u64)
                .iter()
                .filter_map(|q| locator.locate(&prepared, q).ok())
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
