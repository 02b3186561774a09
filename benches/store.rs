//! The cost of saving one ingest in the embedded store (`RedbStore`), as the store grows: one
//! durable write transaction holding one article record and one verified extraction (real
//! records of the sample data, about 2 KB of JSON together), committed with fsync.
//!
//! `cargo bench --features store --bench store -- --warm-up-time 1 --measurement-time 3`
//!
//! Measured so (shared 2-core machine, ext4 on a virtual disk): 5.0 ms at 10,000 articles
//! [4.0, 5.7], 4.4 ms at 1,000,000 [4.0, 4.9]. The cost does not grow with the store: it is
//! the fsync of one small transaction (B-tree depth grows by one level per ~100× records).
//!
//! The stores of 10,000 and 1,000,000 articles are built once per run by a bulk path (chunks
//! of 20,000 records, each one transaction committed without fsync, then one durable commit):
//! copies of the same real records under distinct keys, which is all the storage layer sees.
//! Building the 1,000,000-article store takes about a minute, 1.2 GB of memory and 4.3 GB of
//! disk (commits without fsync do not free pages; in the system temporary directory, removed
//! afterwards); the whole run took 1 min 19 s on a shared 2-core machine. Under `cargo test --benches` (criterion's test
//! mode) only a 1,000-article store is built. `BELLWETHER_STORE_BENCH_SIZES=10000,100000`
//! chooses other sizes.

// criterion_group! and criterion_main! generate undocumented public functions.
#![allow(missing_docs)]

use std::path::{Path, PathBuf};

use bellwether::Article;
use bellwether::signal::Extraction;
use bellwether::store::{Change, MemoryStore, RedbStore, Store, StoredPipeline, Table};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use serde::Deserialize;

const CHUNK: usize = 20_000;

#[derive(Deserialize)]
struct DayFile {
    articles: Vec<ArticleEntry>,
    extractions: Vec<Extraction>,
}

#[derive(Deserialize)]
struct ArticleEntry {
    id: bellwether::signal::ArticleId,
    outlet: String,
    title: String,
    published: chrono::DateTime<chrono::Utc>,
    text_file: PathBuf,
}

/// One real article record and one real verified extraction, as a store holds them.
fn template() -> (Vec<u8>, Vec<u8>) {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data");
    let json = std::fs::read_to_string(data.join("days/2026-05-12.json")).unwrap_or_default();
    let day: DayFile = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    let mut stored = StoredPipeline::open(MemoryStore::new(), Default::default())
        .unwrap_or_else(|e| panic!("{e}"));
    for extraction in &day.extractions {
        let Some(entry) = day
            .articles
            .iter()
            .find(|a| &a.id == extraction.article_id())
        else {
            continue;
        };
        let text = std::fs::read_to_string(data.join(&entry.text_file)).unwrap_or_default();
        let article = Article::new(
            entry.id.clone(),
            &entry.title,
            &entry.outlet,
            entry.published,
            &text,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let _ = stored.ingest(&article, extraction, extraction.extracted_at());
    }
    let first = |table| {
        stored
            .store()
            .read_table(table)
            .ok()
            .and_then(|rows| rows.into_iter().next())
            .map(|(_, value)| value)
            .unwrap_or_default()
    };
    (first(Table::Articles), first(Table::Extractions))
}

fn change(record: &(Vec<u8>, Vec<u8>), i: usize) -> Change {
    let mut change = Change::new();
    let id = format!("article-{i:09}");
    change.put(Table::Articles, id.as_str(), record.0.clone());
    change.put(
        Table::Extractions,
        format!("{id}#0123456789abcdef"),
        record.1.clone(),
    );
    change
}

/// A store of `n` articles (and `n` extractions), built by the bulk path.
fn build(path: &Path, n: usize, record: &(Vec<u8>, Vec<u8>)) -> RedbStore {
    let _ = std::fs::remove_file(path);
    let mut store = RedbStore::open(path).unwrap_or_else(|e| panic!("{e}"));
    let mut start = 0;
    while start < n {
        let mut bulk = Change::new();
        for i in start..(start + CHUNK).min(n) {
            for (table, key, value) in change(record, i).writes() {
                bulk.put(table, key, value.unwrap_or_default().to_vec());
            }
        }
        store
            .commit_without_sync(&bulk)
            .unwrap_or_else(|e| panic!("{e}"));
        start += CHUNK;
    }
    store
        .commit(&Change::new())
        .unwrap_or_else(|e| panic!("{e}"));
    store
}

fn sizes() -> Vec<usize> {
    if let Ok(list) = std::env::var("BELLWETHER_STORE_BENCH_SIZES") {
        return list
            .split(',')
            .filter_map(|s| s.trim().parse().ok())
            .collect();
    }
    match std::env::args().any(|a| a == "--bench") {
        true => vec![10_000, 1_000_000],
        false => vec![1_000],
    }
}

fn save_one_ingest(c: &mut Criterion) {
    let record = template();
    let dir = std::env::temp_dir().join(format!("bellwether-store-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let mut group = c.benchmark_group("store/save_one_ingest");
    group.sample_size(20);
    for n in sizes() {
        let path = dir.join(format!("{n}.redb"));
        let mut store = build(&path, n, &record);
        let mut next = n;
        group.bench_function(format!("{n}_articles"), |b| {
            b.iter_batched(
                || {
                    next += 1;
                    change(&record, next)
                },
                |change| store.commit(&change).unwrap_or_else(|e| panic!("{e}")),
                BatchSize::SmallInput,
            )
        });
        drop(store);
        let _ = std::fs::remove_file(&path);
    }
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, save_one_ingest);
criterion_main!(benches);
