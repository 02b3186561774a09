//! Benchmarks for `bellwether::score`: `cargo bench --bench score`.
//!
//! Each area of the crate adds its own group function; inputs are built outside the timed
//! closures.

// criterion_group! generates an undocumented public function; fixed, valid inputs unwrap.
#![allow(missing_docs, clippy::unwrap_used)]

use std::hint::black_box;

use bellwether::score::{Evidence, FINGERPRINT_BANDS, Fingerprint, Grade, Ledger, Scorer, Stance};
use chrono::{DateTime, TimeDelta, Utc};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

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

criterion_group!(benches, score_ledger, explain_ledger, fingerprint_text);
criterion_main!(benches);
