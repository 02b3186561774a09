//! Benchmarks for `bellwether::score`: `cargo bench --bench score`.
//!
//! Each area of the crate adds its own group function; inputs are built outside the timed
//! closures.

// criterion_group! generates an undocumented public function; fixed, valid inputs unwrap.
#![allow(missing_docs, clippy::unwrap_used)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use bellwether::score::{
    CandidateIndex, ClusterConfig, Evidence, ExtractionFeatures, FINGERPRINT_BANDS, Fingerprint,
    Grade, Ledger, Scorer, SignalClusters, Stance,
};
use chrono::{DateTime, TimeDelta, Utc};
use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

/// A deterministic pseudo-random sequence (xorshift64*), so every run scores the same ledger.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// `entries` evidence entries: `entries / copies` origins, each syndicated `copies` times
/// (copies == 1: every article its own story), spread over 2,000 outlets and 40 days, one in ten
/// contradicting.
fn ledger(entries: usize, copies: usize) -> Ledger {
    let base: DateTime<Utc> = "2026-05-01T00:00:00Z".parse().unwrap();
    let mut seq = Sequence(0x9e37_79b9_7f4a_7c15);
    let mut ledger = Ledger::new();
    let mut fingerprint = Fingerprint::from_bands([0; FINGERPRINT_BANDS]);
    let mut first = base;
    for i in 0..entries {
        if i.is_multiple_of(copies) {
            let mut bands = [0u64; FINGERPRINT_BANDS];
            bands.iter_mut().for_each(|b| *b = seq.next());
            fingerprint = Fingerprint::from_bands(bands);
            first = base + TimeDelta::seconds((seq.next() % (40 * 86_400)) as i64);
        }
        let evidence = Evidence::builder()
            .article(format!("article-{i}"))
            .outlet(format!("outlet-{}", seq.next() % 2_000))
            .published(first + TimeDelta::minutes((i % copies) as i64 * 30))
            .grade(Grade::ALL[(seq.next() % 6) as usize])
            .match_confidence((seq.next() % 1_000) as f64 / 1_000.0)
            .stance(if seq.next().is_multiple_of(10) {
                Stance::Contradicts
            } else {
                Stance::Supports
            })
            .fingerprint(fingerprint)
            .build()
            .unwrap();
        ledger.insert(evidence).unwrap();
    }
    ledger
}

/// Entries in the large ledger: 1,000,000 when benchmarking (`cargo bench` passes `--bench`),
/// 10,000 in the `cargo test --benches` smoke run, which builds without optimisation.
fn large_ledger_entries() -> usize {
    if std::env::args().any(|arg| arg == "--bench") {
        1_000_000
    } else {
        10_000
    }
}

fn score_ledger(c: &mut Criterion) {
    let mut group = c.benchmark_group("score/ledger");
    group.sample_size(20);
    let scorer = Scorer::default();
    let now: DateTime<Utc> = "2026-06-15T00:00:00Z".parse().unwrap();
    for (name, copies) in [("syndicated4", 4), ("distinct", 1)] {
        let entries = large_ledger_entries();
        let ledger = ledger(entries, copies);
        group.bench_with_input(BenchmarkId::new(name, entries), &ledger, |b, ledger| {
            b.iter(|| black_box(scorer.score(black_box(ledger), black_box(now)).unwrap()))
        });
    }
    group.finish();
}

fn explain_ledger(c: &mut Criterion) {
    let mut group = c.benchmark_group("score/explain");
    let scorer = Scorer::default();
    let now: DateTime<Utc> = "2026-06-15T00:00:00Z".parse().unwrap();
    for entries in [100, 10_000] {
        let ledger = ledger(entries, 4);
        group.bench_with_input(
            BenchmarkId::new("syndicated4", entries),
            &ledger,
            |b, ledger| {
                b.iter(|| black_box(scorer.explain(black_box(ledger), black_box(now)).unwrap()))
            },
        );
    }
    group.finish();
}

fn fingerprint_text(c: &mut Criterion) {
    let body = "Chinese AI firms are relying on distillation attacks to offset deficits in AI \
        computing power and illicitly reproduce the core capabilities of US models. "
        .repeat(20);
    c.bench_function("score/fingerprint/article_600_words", |b| {
        b.iter(|| black_box(Fingerprint::of_text(black_box(&body)).unwrap()))
    });
}

// ---- Clustering extractions into signals ----

#[path = "support/claims.rs"]
mod claims;

use claims::{Rng, article_text, claim, description, stream, wording};

/// Batch clustering of 100,000 extractions (target: ≤ 1 s), and incremental assignment against
/// 100,000 existing signals (target: ≤ 20 µs per extraction).
fn clustering(c: &mut Criterion) {
    let config = ClusterConfig::default();
    // `cargo test --benches` runs each benchmark once, unoptimised: keep that smoke run small.
    let size = if std::env::args().any(|arg| arg == "--bench") {
        100_000
    } else {
        2_000
    };
    let mut group = c.benchmark_group("score/cluster");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));

    let extractions = stream(1, size);
    group.throughput(Throughput::Elements(extractions.len() as u64));
    group.bench_function(format!("batch/{size}"), |b| {
        b.iter_batched(
            || extractions.clone(),
            |input| black_box(SignalClusters::batch(config, black_box(input)).unwrap()),
            BatchSize::PerIteration,
        )
    });

    // 100,000 signals of one extraction each, then new extractions: half of them paraphrase an
    // existing claim, half start a new one.
    let mut existing = SignalClusters::new(config);
    let mut rng = Rng(7);
    let mut claims = Vec::with_capacity(size);
    for id in 0..size {
        let claim = claim(&mut rng);
        existing.assign(wording(&mut rng, &claim, id, id)).unwrap();
        claims.push(claim);
    }
    let signals = existing.signal_count();
    assert!(signals > size * 9 / 10, "{signals} signals");
    let mut next_id = size;
    group.throughput(Throughput::Elements(1));
    group.bench_function(format!("assign/{size}-signals"), |b| {
        b.iter_custom(|iterations| {
            let queries: Vec<ExtractionFeatures> = (0..iterations)
                .map(|_| {
                    next_id += 1;
                    if rng.chance(50) {
                        let claim = &claims[rng.below(claims.len())];
                        wording(&mut rng, claim, next_id, next_id)
                    } else {
                        let claim = claim(&mut rng);
                        wording(&mut rng, &claim, next_id, next_id)
                    }
                })
                .collect();
            let start = Instant::now();
            for query in queries {
                black_box(existing.assign(black_box(query)).unwrap());
            }
            start.elapsed()
        })
    });
    group.finish();
}

/// Candidate signals for a draft thesis and for an article of about 400 words, among
/// 100,000 signals (target: ≤ 1 ms per query).
fn candidates(c: &mut Criterion) {
    let size = if std::env::args().any(|arg| arg == "--bench") {
        100_000
    } else {
        2_000
    };
    let mut rng = Rng(11);
    let mut index = CandidateIndex::new();
    let mut claims = Vec::with_capacity(size);
    for id in 0..size {
        let claim = claim(&mut rng);
        index.insert(
            &format!("s{id}"),
            &description(&wording(&mut rng, &claim, id, id)),
        );
        claims.push(claim);
    }
    let mut group = c.benchmark_group("score/candidates");
    group.throughput(Throughput::Elements(1));
    for kind in ["thesis", "article"] {
        group.bench_function(format!("{kind}/{size}-signals/top-10"), |b| {
            b.iter_custom(|iterations| {
                let queries: Vec<String> = (0..iterations)
                    .map(|_| {
                        let claim = &claims[rng.below(claims.len())];
                        match kind {
                            "thesis" => wording(&mut rng, claim, 0, 0).thesis,
                            _ => article_text(&mut rng, claim, 400),
                        }
                    })
                    .collect();
                let start = Instant::now();
                for query in &queries {
                    black_box(index.top(black_box(query), 10));
                }
                start.elapsed()
            })
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    score_ledger,
    explain_ledger,
    fingerprint_text,
    clustering,
    candidates
);
criterion_main!(benches);
