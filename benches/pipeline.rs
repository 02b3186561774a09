//! Pipeline throughput: ingesting articles of 5–20 KB, each with a URL (so deep links are
//! built) and an extraction of 5 quotes in the real mix of model output (a fifth fabricated,
//! a tenth misquoted; see benches/mix), and the cost of the article fingerprint (syndication
//! detection) on the same texts.
//!
//! `cargo bench --bench pipeline` (`-- pipeline/fingerprint` for the fingerprint alone)

// criterion_group! and criterion_main! generate undocumented public functions.
#![allow(missing_docs)]

use std::hint::black_box;
use std::path::Path;

use bellwether::score::Fingerprint;
use bellwether::signal::{Extraction, WebUrl};
use bellwether::{Article, Pipeline};
use chrono::{DateTime, Utc};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

mod mix;

const ARTICLES: usize = 200;

/// Sample article texts, read once.
fn sample_texts() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/articles");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

/// The anchor a model would give: the quote's longest word.
fn anchor_of(quote: &str) -> String {
    quote
        .split_whitespace()
        .filter(|w| w.chars().all(char::is_alphanumeric))
        .max_by_key(|w| w.len())
        .unwrap_or("the")
        .to_owned()
}

/// `ARTICLES` articles of 5–20 KB (sample texts joined), each with a URL and an extraction
/// carrying five quotes of the real mix.
fn corpus() -> Vec<(Article, Extraction)> {
    let texts = sample_texts();
    let published: DateTime<Utc> = "2026-05-12T09:00:00Z".parse().unwrap_or_default();
    let mut out = Vec::with_capacity(ARTICLES);
    for i in 0..ARTICLES {
        let mut text = String::new();
        let mut k = i;
        while text.len() < 5_000 + (i * 7_919) % 15_000 {
            text.push_str(&texts[k % texts.len()]);
            text.push_str("\n\n");
            k += 5;
        }
        // Quotes in the real mix (see benches/mix): over every four articles, 20 quotes of
        // every class, a fifth of them fabricated; the text is hyphenated as print is.
        let others = &texts[(i + 3) % texts.len()];
        let quotes: Vec<String> = mix::quotes_from(&text, others, 5 * i, 5, i as u64)
            .into_iter()
            .map(|(_, q)| q)
            .collect();
        let text = mix::hyphenate(&text);
        let thesis = format!(
            "Topic {} shifting as {} responds to policy pressure on sector {}",
            i % 40,
            ["regulators", "manufacturers", "governments", "investors"][i % 4],
            i % 13
        );
        let id = format!("bench-{i:04}");
        let region = ["US", "CN", "DE", "JP"][i % 4];
        let extraction = serde_json::json!({
            "article_id": id,
            "extracted_at": "2026-05-12T12:00:00Z",
            "thesis": thesis,
            "strength": 6,
            "tags": {"nature": ["structural"], "domains": ["economic"], "topics": [format!("topic {}", i % 40)]},
            "regions": [region],
            "actors": [{"name": format!("Actor {}", i % 40), "kind": "company"}],
            "quotes": quotes.iter().map(|q| serde_json::json!({"text": q, "anchors": [anchor_of(q)]})).collect::<Vec<_>>(),
        });
        let extraction = match serde_json::from_value::<Extraction>(extraction) {
            Ok(extraction) => extraction,
            Err(err) => panic!("bench corpus: {err}"),
        };
        let Ok(article_id) = bellwether::signal::ArticleId::new(&id) else {
            continue;
        };
        let published = published + chrono::TimeDelta::minutes(i as i64);
        let Ok(article) = Article::new(
            article_id,
            &format!("Article {i}"),
            &format!("Outlet {}", i % 25),
            published,
            &text,
        ) else {
            continue;
        };
        // Every article has a URL, as every sample article has: deep links are built.
        let Ok(url) = WebUrl::new(&format!("https://news.example/{}/article-{i}", i % 25)) else {
            continue;
        };
        let article = article.with_url(url);
        out.push((article, extraction));
    }
    out
}

fn ingest(c: &mut Criterion) {
    let corpus = corpus();
    let now: DateTime<Utc> = "2026-05-13T07:00:00Z".parse().unwrap_or_default();
    let mut group = c.benchmark_group("pipeline/ingest");
    group.sample_size(10);
    group.throughput(Throughput::Elements(corpus.len() as u64));
    group.bench_function(format!("one_by_one/{}_articles", corpus.len()), |b| {
        b.iter_batched(
            Pipeline::new,
            |mut pipeline| {
                for (article, extraction) in &corpus {
                    black_box(pipeline.ingest(article, extraction, now).ok());
                }
                pipeline
            },
            BatchSize::LargeInput,
        )
    });
    group.bench_function(format!("batch/{}_articles", corpus.len()), |b| {
        b.iter_batched(
            Pipeline::new,
            |mut pipeline| {
                black_box(pipeline.ingest_batch(&corpus, now));
                pipeline
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();

    let mut group = c.benchmark_group("pipeline/compose");
    group.sample_size(10);
    let mut pipeline = Pipeline::new();
    for result in pipeline.ingest_batch(&corpus, now) {
        black_box(result.ok());
    }
    group.bench_function(
        format!("settle_and_compose/{}_articles", corpus.len()),
        |b| b.iter(|| black_box(pipeline.compose(now).ok())),
    );
    group.finish();
}

/// `Fingerprint::of_text` over the corpus's article texts (5–20 KB each), in bytes per second.
fn fingerprint(c: &mut Criterion) {
    let corpus = corpus();
    let texts: Vec<&str> = corpus.iter().map(|(article, _)| article.text()).collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let mut group = c.benchmark_group("pipeline/fingerprint");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(format!("of_text/{}_articles", texts.len()), |b| {
        b.iter(|| {
            for text in &texts {
                black_box(Fingerprint::of_text(black_box(text)).ok());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, ingest, fingerprint);
criterion_main!(benches);
