//! Benchmarks for `bellwether::score`: `cargo bench --bench score`.
//!
//! Each area of the crate adds its own group function; inputs are built outside the timed
//! closures.

// criterion_group! generates an undocumented public function; fixed, valid inputs unwrap.
#![allow(missing_docs, clippy::unwrap_used)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use bellwether::score::{
    ClusterConfig, Evidence, ExtractionFeatures, FINGERPRINT_BANDS, Fingerprint, Grade, Ledger,
    Scorer, SignalClusters, Stance,
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

/// SplitMix64: seeded and reproducible.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// Roughly Zipf-distributed index below `n`: a few items are very common, most are rare.
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }
}

/// A pronounceable made-up word: stands in for the names and specific nouns of a large news
/// vocabulary (companies, places, products, programmes).
fn made_up_word(mut number: usize) -> String {
    const SYLLABLES: &[&str] = &[
        "ka", "lo", "mi", "ter", "son", "va", "rex", "dan", "ol", "pri", "sta", "nu", "gor", "bel",
        "qui", "zen", "tra", "mon", "fi", "cor", "len", "hax", "du", "ria",
    ];
    let mut word = String::new();
    for _ in 0..3 {
        word.push_str(SYLLABLES[number % SYLLABLES.len()]);
        number /= SYLLABLES.len();
    }
    word
}

const VERBS_UP: &[&str] = &["accelerate", "spur", "boost", "fuel", "speed up", "hasten"];
const VERBS_DOWN: &[&str] = &["slow", "delay", "stifle", "dampen", "hamper", "hold back"];
const INSTRUMENTS: &[&str] = &[
    "export controls",
    "sanctions",
    "tariffs",
    "subsidies",
    "price caps",
    "investment screening",
    "visa rules",
    "data rules",
    "antitrust probes",
    "procurement bans",
    "rate hikes",
    "quotas",
];
const QUALIFIERS: &[&str] = &[
    "analysts warn",
    "over the long term",
    "for now",
    "despite official denials",
    "according to industry data",
    "faster than expected",
];
const TAGS: &[&str] = &[
    "structural",
    "regulatory",
    "technological",
    "economic",
    "geopolitical",
    "trade",
    "energy",
    "AI",
    "security",
    "market",
    "labour",
    "climate",
];

/// One claim of the stream: made-up subject, sector and outcome words (each with two variants a
/// writer may use instead), an instrument, a direction, regions, actors and tags.
struct Claim {
    words: [[String; 3]; 3],
    instrument: usize,
    up: bool,
    regions: [String; 2],
    actors: Vec<String>,
    tags: Vec<&'static str>,
}

fn claim(rng: &mut Rng) -> Claim {
    let mut variants = || {
        let base = rng.zipf(40_000);
        [
            made_up_word(base),
            made_up_word(base + 40_000),
            made_up_word(base + 80_000),
        ]
    };
    let words = [variants(), variants(), variants()];
    let source = rng.below(60);
    let target = (source + 1 + rng.below(59)) % 60;
    let actors = (0..2 + rng.below(3))
        .map(|_| format!("{} Corp", made_up_word(200_000 + rng.zipf(20_000))))
        .collect();
    let tags = (0..2 + rng.below(2))
        .map(|_| TAGS[rng.below(TAGS.len())])
        .collect();
    Claim {
        words,
        instrument: rng.below(INSTRUMENTS.len()),
        up: rng.chance(60),
        regions: [format!("R{source}"), format!("R{target}")],
        actors,
        tags,
    }
}

fn wording(rng: &mut Rng, claim: &Claim, id: usize, article: usize) -> ExtractionFeatures {
    let mut pick = |slot: &[String; 3]| {
        if rng.chance(60) {
            slot[0].clone()
        } else {
            slot[1 + rng.below(2)].clone()
        }
    };
    let [subject, sector, outcome] = [
        pick(&claim.words[0]),
        pick(&claim.words[1]),
        pick(&claim.words[2]),
    ];
    let verbs = if claim.up { VERBS_UP } else { VERBS_DOWN };
    let verb = verbs[rng.below(verbs.len())];
    let instrument = INSTRUMENTS[claim.instrument];
    let mut thesis = match rng.below(3) {
        0 => format!("{instrument} on {sector} {verb} {subject} {outcome}"),
        1 => format!("{subject} {outcome} in {sector}: {instrument} {verb} it"),
        _ => format!("How {instrument} {verb} {outcome} for {subject} in the {sector} industry"),
    };
    if rng.chance(40) {
        thesis = format!("{thesis}, {}", QUALIFIERS[rng.below(QUALIFIERS.len())]);
    }
    let actors: Vec<String> = claim
        .actors
        .iter()
        .filter(|_| rng.chance(70))
        .cloned()
        .collect();
    let actors = if actors.is_empty() {
        vec![claim.actors[0].clone()]
    } else {
        actors
    };
    ExtractionFeatures::new(format!("x{id:07}"), format!("article-{article:07}"), thesis)
        .with_actors(actors)
        .with_regions(claim.regions.clone())
        .with_tags(claim.tags.iter().copied())
}

/// `count` extractions of about `count / 4` claims, in arrival order.
fn stream(seed: u64, count: usize) -> Vec<ExtractionFeatures> {
    let mut rng = Rng(seed);
    let mut out = Vec::with_capacity(count);
    while out.len() < count {
        let claim = claim(&mut rng);
        let extractions = 1 + rng.below(7);
        for _ in 0..extractions.min(count - out.len()) {
            let id = out.len();
            out.push(wording(&mut rng, &claim, id, id));
        }
    }
    for i in (1..out.len()).rev() {
        let j = rng.below(i + 1);
        out.swap(i, j);
    }
    out
}

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

criterion_group!(
    benches,
    score_ledger,
    explain_ledger,
    fingerprint_text,
    clustering
);
criterion_main!(benches);
