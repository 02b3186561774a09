//! Pathological inputs (issue 7, "bounded time"): how long the public operations take on the
//! inputs an adversary or a broken scraper would send. Each case is sized so that the smoke run
//! (`cargo test --benches`) stays quick; the names carry the size so that the cost per byte can
//! be read off and extrapolated to the model's limits.
//!
//! The anchor cases cover issue 7's list: a 10 MB article (normalise, then locate a quote that is
//! there, misquoted or absent), 100 KB quotes (rejected by the 8 KiB limit) and an 8 KB misquote
//! at the limit, `aaaa…` (including the bound's worst case, every block live), thousands of
//! ellipses and insertions (rejected past 64 pieces) and 64 pieces at the limit, deeply nested
//! brackets and 4 MiB of notation, an absent anchor at its limits, 1 MB of combining marks, and
//! the two slow quotes the fuzzer found.
//!
//! `cargo bench --bench pathological`; the limits of the pipeline and the model alone:
//! `cargo bench --bench pathological -- 'pathological/(pipeline|model|state)'`

// criterion_group! and criterion_main! generate undocumented public functions.
#![allow(missing_docs)]

use std::hint::black_box;

use bellwether::anchor::{Locator, PreparedText, locate_anchor, parse_block};
use bellwether::signal::{ArticleId, Extraction, Label, ProposedQuote, Signal, Strength};
use bellwether::{Article, MAX_ARTICLE_BYTES, MAX_STATE_BYTES, Pipeline};
use chrono::{DateTime, Utc};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

/// A quote of 3.4 KB spliced by the `locate_quote` fuzz target from a 4 KB sample article
/// (`quote\0article`): misquoted everywhere, so every rung of the ladder runs to the end.
const FUZZED: &[u8] =
    include_bytes!("../tests/data/fuzz/locate_quote-slow-3k-quote-4k-article.bin");

/// An 890-byte quote against a 2.2 KB article, found by the same target on the final code.
const FUZZED_SHORT: &[u8] =
    include_bytes!("../tests/data/fuzz/locate_quote-slow-890b-quote-2k-article.bin");

fn fuzzed_pair(bytes: &[u8]) -> (String, String) {
    let text = String::from_utf8_lossy(bytes);
    match text.split_once('\0') {
        Some((quote, article)) => (quote.to_owned(), article.to_owned()),
        None => (text.into_owned(), String::new()),
    }
}

fn locate(c: &mut Criterion) {
    let locator = Locator::new();
    let mut group = c.benchmark_group("pathological/locate");
    group.sample_size(10);

    let (quote, article) = fuzzed_pair(FUZZED_SHORT);
    let text = PreparedText::new(&article);
    group.bench_function("fuzzed-890b-quote/2kb-article", |b| {
        b.iter(|| black_box(locator.locate(black_box(&text), black_box(&quote))))
    });

    let (quote, article) = fuzzed_pair(FUZZED);
    for copies in [1, 2] {
        let text = PreparedText::new(&article.repeat(copies));
        let name = format!("fuzzed-3kb-quote/{}kb-article", 4 * copies);
        group.throughput(Throughput::Bytes(text.original().len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| black_box(locator.locate(black_box(&text), black_box(&quote))))
        });
    }

    // One letter repeated: every position is an equally good start.
    let text = PreparedText::new(&"a".repeat(64 * 1024));
    let quote = format!("{}b", "a".repeat(1023));
    group.throughput(Throughput::Bytes(64 * 1024));
    group.bench_function("aaaa/1kb-quote/64kb-article", |b| {
        b.iter(|| black_box(locator.locate(black_box(&text), black_box(&quote))))
    });

    // The bound's worst case: every block of a quote at the 8 KiB limit stays live.
    let text = PreparedText::new(&"a".repeat(1024 * 1024));
    let quote = format!("{}b", "a".repeat(8 * 1024 - 1));
    group.throughput(Throughput::Bytes(1024 * 1024));
    group.bench_function("aaaa/8kb-quote/1mb-article", |b| {
        b.iter(|| black_box(locator.locate(black_box(&text), black_box(&quote))))
    });

    // Thousands of elisions: a quote that is mostly gaps.
    let article: String = (0..4000).map(|i| format!("word{} ", i % 97)).collect();
    let text = PreparedText::new(&article);
    let quote: String = (0..2000).map(|i| format!("word{} … ", i % 97)).collect();
    group.throughput(Throughput::Bytes(article.len() as u64));
    group.bench_function("2000-ellipses/quote", |b| {
        b.iter(|| black_box(locator.locate(black_box(&text), black_box(&quote))))
    });

    // At the piece limit: 64 pieces, each elision searched in a 2 KB gap.
    let quote: String = (0..64)
        .map(|i| format!("word{} word{}", (i * 2) % 97, (i * 2 + 1) % 97))
        .collect::<Vec<_>>()
        .join(" … ");
    group.bench_function("64-piece-elided/quote", |b| {
        b.iter(|| black_box(locator.locate(black_box(&text), black_box(&quote))))
    });

    // Editorial insertions everywhere: `[x]` repeated.
    let quote: String = (0..500)
        .map(|i| format!("word{} [the firm] ", i % 97))
        .collect();
    group.bench_function("500-insertions/quote", |b| {
        b.iter(|| black_box(locator.locate(black_box(&text), black_box(&quote))))
    });

    // 100 KB quotes: past the 8 KiB quote limit, rejected before any search.
    let article =
        PreparedText::new(&"The committee met and voted to approve the plan. ".repeat(200));
    let quote = "approve the plan and ".repeat(5 * 1024);
    group.throughput(Throughput::Bytes(quote.len() as u64));
    group.bench_function("100kb-quote/rejected", |b| {
        b.iter(|| black_box(locator.locate(black_box(&article), black_box(&quote))))
    });
    // At the limit: an 8 KB misquote of a 10 KB article (every third word changed).
    let source: String = (0..1400).map(|i| format!("w{} ", i * 7 % 1009)).collect();
    let article = PreparedText::new(&source);
    let quote: String = source
        .split(' ')
        .take(1100)
        .enumerate()
        .map(|(i, w)| if i % 3 == 0 { "zz" } else { w })
        .collect::<Vec<_>>()
        .join(" ");
    let quote = &quote[..quote.len().min(8 * 1024)];
    group.throughput(Throughput::Bytes(quote.len() as u64));
    group.bench_function("8kb-misquote/10kb-article", |b| {
        b.iter(|| black_box(locator.locate(black_box(&article), black_box(quote))))
    });
    group.finish();
}

/// About 10 MB of varied prose (typographic quotes, dashes, accents) with a known passage.
fn ten_megabytes() -> String {
    let paragraph = "The minister said \u{201C}exports would fall sharply\u{201D} next year \u{2014} \
                     a view the central bank\u{2019}s governor, Ms Müller, did not share. ";
    let mut text = String::with_capacity(10 * 1024 * 1024 + 512);
    let mut i = 0u64;
    while text.len() < 10 * 1024 * 1024 {
        text.push_str(paragraph);
        text.push_str(&format!("Item {i} was noted.\n"));
        i += 1;
    }
    text
}

fn large(c: &mut Criterion) {
    let mut group = c.benchmark_group("pathological/10mb");
    group.sample_size(10);
    let article = ten_megabytes();
    group.throughput(Throughput::Bytes(article.len() as u64));
    group.bench_function("normalise", |b| {
        b.iter(|| black_box(PreparedText::new(black_box(&article))))
    });
    let text = PreparedText::new(&article);
    let locator = Locator::new();
    // Found exactly once, near the end; misquoted; and absent.
    let present = format!("Item {} was noted.", article.len() / 200);
    let misquote = "the minister said imports would fall sharply next year";
    let absent = "nothing of the sort was ever said by anyone at the ministry";
    for (name, quote) in [
        ("locate-exact", present.as_str()),
        ("locate-misquote", misquote),
        ("locate-absent", absent),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| black_box(locator.locate(black_box(&text), black_box(quote))))
        });
    }
    group.finish();
}

fn prepare(c: &mut Criterion) {
    let mut group = c.benchmark_group("pathological/prepare");
    group.sample_size(10);
    // 1 MB of combining marks on a single base letter.
    let marks = format!("e{}", "\u{301}".repeat(512 * 1024));
    group.throughput(Throughput::Bytes(marks.len() as u64));
    group.bench_function("1mb-combining-marks", |b| {
        b.iter(|| black_box(PreparedText::new(black_box(&marks))))
    });
    group.finish();
}

fn notation(c: &mut Criterion) {
    let mut group = c.benchmark_group("pathological/notation");
    group.sample_size(10);
    // 100 KB of nested brackets after one quote.
    let block = format!("\"q\" {}{}", "[".repeat(50 * 1024), "]".repeat(50 * 1024));
    group.throughput(Throughput::Bytes(block.len() as u64));
    group.bench_function("100kb-nested-brackets", |b| {
        b.iter(|| black_box(parse_block(black_box(&block))))
    });
    // 100 KB of anchors: rejected at the 65th.
    let block = format!("\"q\"{}", " [q]".repeat(25 * 1024));
    group.bench_function("25k-anchors", |b| {
        b.iter(|| black_box(parse_block(black_box(&block))))
    });
    // 4 MiB of records at the notation limit, each with an anchor nested 8 deep.
    let record = "\"a quote\" [[[[[[[[x]]]]]]]]\n";
    let block = record.repeat(4 * 1024 * 1024 / record.len());
    group.throughput(Throughput::Bytes(block.len() as u64));
    group.bench_function("4mb-block-nested-anchors", |b| {
        b.iter(|| black_box(parse_block(black_box(&block))))
    });
    // An absent 512-byte anchor in an 8 KB quote: the closest-phrase search at its limits.
    let quote: String = (0..2400).map(|i| format!("w{} ", i % 509)).collect();
    let quote = &quote[..quote.len().min(8 * 1024)];
    let anchor: String = (0..200).map(|i| format!("v{i} ")).collect();
    let anchor = &anchor[..anchor.len().min(512)];
    group.throughput(Throughput::Bytes(quote.len() as u64));
    group.bench_function("absent-512b-anchor/8kb-quote", |b| {
        b.iter(|| black_box(locate_anchor(black_box(quote), black_box(anchor))))
    });
    group.finish();
}

fn model_json(c: &mut Criterion) {
    let mut group = c.benchmark_group("pathological/json");
    group.sample_size(10);
    // A thesis of 1 MB of lone surrogate escapes: rejected by the JSON reader.
    let seed = include_str!("../tests/data/seed/signal.json");
    let lone = "\\ud800".repeat(170 * 1024);
    let json = seed.replacen("\"thesis\": \"", &format!("\"thesis\": \"{lone}"), 1);
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.bench_function("1mb-lone-surrogates", |b| {
        b.iter(|| black_box(serde_json::from_str::<Signal>(black_box(&json)).is_err()))
    });
    // A thesis of 10 MB: rejected by the length limit.
    let long = "x".repeat(10 * 1024 * 1024);
    let json = seed.replacen("\"thesis\": \"", &format!("\"thesis\": \"{long}"), 1);
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.bench_function("10mb-thesis", |b| {
        b.iter(|| black_box(serde_json::from_str::<Signal>(black_box(&json)).is_err()))
    });
    group.finish();
}

// ---------------------------------------------------------------------------------------------
// The pipeline's and the model's limits (the facade, signal, score and brief crates): each input
// is past a documented limit or at the largest size one is accepted, and each case names its
// size. In the smoke run (`cargo test --benches`, a debug build) the largest inputs are a tenth
// of their size so that CI stays quick; `cargo bench` measures them at full size.

/// `full` in a benchmark run, a tenth of it in the debug smoke run.
fn sized(full: usize) -> usize {
    if cfg!(debug_assertions) {
        full / 10
    } else {
        full
    }
}

fn mib(bytes: usize) -> String {
    format!("{}mb", bytes >> 20)
}

/// Prose that reads like an article, repeated to `len` bytes.
fn article_text(len: usize) -> String {
    const PARAGRAPH: &str = "Officials said on Tuesday that capability now propagates through \
        software, and software is not what export-control architectures were built to govern. \
        The launch of DeepSeek, the large language model created in China, performs comparably \
        to American equivalents at a fraction of the price. ";
    let mut text = String::with_capacity(len + PARAGRAPH.len());
    let mut n = 0;
    while text.len() < len {
        // Numbered, so that the article is not one paragraph repeated (as no real one is).
        text.push_str(&format!("Paragraph {n}. "));
        text.push_str(PARAGRAPH);
        n += 1;
    }
    // The prose is ASCII, so any length is a character boundary.
    text.truncate(len);
    text
}

fn pipeline_limits(c: &mut Criterion) {
    let mut group = c.benchmark_group("pathological/pipeline");
    group.sample_size(10);
    let published: DateTime<Utc> = "2026-05-12T09:30:00Z".parse().unwrap_or_default();
    let now: DateTime<Utc> = "2026-05-13T07:00:00Z".parse().unwrap_or_default();

    // A 10 MB article through `Pipeline::ingest`, with a quote found near its end, a misquote
    // and a fabricated quote: preparing, locating each quote, fingerprinting, clustering.
    let len = sized(10 << 20);
    let text = article_text(len);
    let tail_start = len - 300;
    let tail = text[tail_start..]
        .split(". ")
        .nth(1)
        .unwrap_or("software")
        .to_owned();
    let article = Article::new(
        ArticleId::new("big").unwrap_or_else(|e| panic!("{e}")),
        "A very long article",
        "Pacific Policy Review",
        published,
        &text,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let quotes = [
        tail.as_str(),
        "capability now propagates through hardware, and hardware is what they govern",
        "the ministry announced a complete ban on all foreign semiconductors from next year",
    ];
    let mut builder = Extraction::builder(
        article.id().clone(),
        "Export controls cannot govern capability that moves as software",
        Strength::new(6).unwrap_or_else(|e| panic!("{e}")),
        published,
    );
    for quote in quotes {
        builder = builder.quote(ProposedQuote::new(quote, &[]).unwrap_or_else(|e| panic!("{e}")));
    }
    let extraction = builder.build().unwrap_or_else(|e| panic!("{e}"));
    // What is measured: the true quote is found and the other two are not.
    let report = Pipeline::new()
        .ingest(&article, &extraction, now)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((report.accepted.len(), report.rejected.len()), (1, 2));
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function(format!("ingest-{}-article-3-quotes", mib(len)), |b| {
        b.iter_batched(
            Pipeline::new,
            |mut pipeline| {
                black_box(pipeline.ingest(black_box(&article), black_box(&extraction), now))
            },
            BatchSize::LargeInput,
        )
    });
    // One byte past the article limit: refused by its length.
    let over = "a".repeat(MAX_ARTICLE_BYTES + 1);
    let id = ArticleId::new("over").unwrap_or_else(|e| panic!("{e}"));
    assert!(Article::new(id, "t", "o", published, &over).is_err());
    group.throughput(Throughput::Bytes(over.len() as u64));
    group.bench_function("article-16mb-plus-1", |b| {
        b.iter(|| {
            black_box(Article::new(
                ArticleId::new("over").unwrap_or_else(|e| panic!("{e}")),
                "t",
                "o",
                published,
                black_box(&over),
            ))
        })
    });
    group.finish();
}

/// Checks, before timing it, that `json` is refused as an extraction.
fn refused(json: &str) {
    assert!(serde_json::from_str::<Extraction>(json).is_err());
}

fn model_limits(c: &mut Criterion) {
    let mut group = c.benchmark_group("pathological/model");
    group.sample_size(10);
    let published: DateTime<Utc> = "2026-05-12T09:30:00Z".parse().unwrap_or_default();
    let extraction = |field: &str| {
        format!(
            r#"{{"article_id":"a1","extracted_at":"2026-05-12T13:00:00Z","thesis":"Export controls backfire","strength":6,{field},"quotes":[{{"text":"capability propagates"}}]}}"#
        )
    };

    // A 10 MB thesis, built in code and read from JSON: refused by its length.
    let thesis = "x".repeat(10 << 20);
    group.throughput(Throughput::Bytes(thesis.len() as u64));
    group.bench_function("10mb-thesis-builder", |b| {
        b.iter(|| {
            black_box(
                Extraction::builder(
                    ArticleId::new("a1").unwrap_or_else(|e| panic!("{e}")),
                    black_box(&thesis),
                    Strength::new(6).unwrap_or_else(|e| panic!("{e}")),
                    published,
                )
                .build(),
            )
        })
    });
    let json = extraction(&format!(r#""analysis":"{thesis}""#));
    refused(&json);
    group.bench_function("10mb-analysis-json", |b| {
        b.iter(|| black_box(serde_json::from_str::<Extraction>(black_box(&json)).is_err()))
    });

    // 1 MB of combining marks on one letter, as a label and as a thesis.
    let marks = format!("e{}", "\u{301}".repeat(512 * 1024));
    group.throughput(Throughput::Bytes(marks.len() as u64));
    group.bench_function("1mb-combining-marks-label", |b| {
        b.iter(|| black_box(Label::new(black_box(&marks))))
    });
    let json = extraction(&format!(
        r#""analysis":"ok","tags":{{"topics":["{marks}"]}}"#
    ));
    group.bench_function("1mb-combining-marks-topic-json", |b| {
        b.iter(|| black_box(serde_json::from_str::<Extraction>(black_box(&json)).is_err()))
    });

    // 1 MB of lone surrogate escapes in an extraction's analysis.
    let lone = "\\ud800".repeat(170 * 1024);
    let json = extraction(&format!(r#""analysis":"{lone}""#));
    refused(&json);
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.bench_function("1mb-lone-surrogates-extraction", |b| {
        b.iter(|| black_box(serde_json::from_str::<Extraction>(black_box(&json)).is_err()))
    });

    // A million topics: the list stops being kept at its limit of 64 and the rest is counted.
    let topics = vec!["\"t\""; 1 << 20].join(",");
    let json = extraction(&format!(r#""tags":{{"topics":[{topics}]}}"#));
    refused(&json);
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.bench_function("1m-topics-json", |b| {
        b.iter(|| black_box(serde_json::from_str::<Extraction>(black_box(&json)).is_err()))
    });

    // JSON nested a million levels deep where a list of topics belongs, and as a whole
    // document: refused at serde_json's depth limit of 128.
    let nested = format!("{}{}", "[".repeat(1 << 20), "]".repeat(1 << 20));
    let json = extraction(&format!(r#""tags":{{"topics":{nested}}}"#));
    refused(&json);
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.bench_function("1m-deep-nesting-json", |b| {
        b.iter(|| black_box(serde_json::from_str::<Extraction>(black_box(&json)).is_err()))
    });
    group.finish();
}

fn state_limits(c: &mut Criterion) {
    let mut group = c.benchmark_group("pathological/state");
    group.sample_size(10);
    let dir = std::env::temp_dir().join(format!("bellwether-bench-state-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));

    // 100 MB of junk shaped like a state: a valid header, then one huge unknown field, so the
    // header is read through to the end before the file is refused.
    let len = sized(100 << 20);
    let junk = dir.join("junk.json");
    let body = "x".repeat(len);
    let file = format!(r#"{{"format":"bellwether-state","version":1,"junk":"{body}"}}"#);
    std::fs::write(&junk, &file).unwrap_or_else(|e| panic!("{e}"));
    drop((body, file));
    assert!(Pipeline::load(&junk).is_err());
    group.throughput(Throughput::Bytes(len as u64));
    group.bench_function(format!("load-{}-junk-state", mib(len)), |b| {
        b.iter(|| black_box(Pipeline::load(black_box(&junk)).is_err()))
    });
    // 100 MB of bytes that are not JSON at all.
    let binary = dir.join("binary.json");
    std::fs::write(&binary, vec![0xA5u8; len]).unwrap_or_else(|e| panic!("{e}"));
    group.bench_function(format!("load-{}-binary", mib(len)), |b| {
        b.iter(|| black_box(Pipeline::load(black_box(&binary)).is_err()))
    });
    // A file past the limit (sparse): refused by its length, unread.
    let huge = dir.join("huge.json");
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(MAX_STATE_BYTES + 1))
        .unwrap_or_else(|e| panic!("{e}"));
    group.throughput(Throughput::Elements(1));
    group.bench_function("load-over-limit-sparse", |b| {
        b.iter(|| black_box(Pipeline::load(black_box(&huge)).is_err()))
    });
    // A state nested a million levels deep.
    let nested = dir.join("nested.json");
    let depth = 1 << 20;
    std::fs::write(
        &nested,
        format!("{}{}", "[".repeat(depth), "]".repeat(depth)),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    group.bench_function("load-1m-deep-nesting", |b| {
        b.iter(|| black_box(Pipeline::load(black_box(&nested)).is_err()))
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, locate, large, prepare, notation, model_json);
criterion_group!(limits, pipeline_limits, model_limits, state_limits);
criterion_main!(benches, limits);
