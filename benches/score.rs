//! Benchmarks of `bellwether::score`, through the facade's public API only.
//!
//! Run with `cargo bench --bench score` (add a filter such as `score/cluster` to run one group).

// `criterion_group!` generates an undocumented public function.
#![allow(missing_docs)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use bellwether::score::{ClusterConfig, ExtractionFeatures, SignalClusters};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

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
    let mut group = c.benchmark_group("score/cluster");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));

    let extractions = stream(1, 100_000);
    group.throughput(Throughput::Elements(extractions.len() as u64));
    group.bench_function("batch/100000", |b| {
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
    let mut claims = Vec::with_capacity(100_000);
    for id in 0..100_000 {
        let claim = claim(&mut rng);
        existing.assign(wording(&mut rng, &claim, id, id)).unwrap();
        claims.push(claim);
    }
    let signals = existing.signal_count();
    assert!(signals > 90_000, "{signals} signals");
    let mut next_id = 100_000;
    group.throughput(Throughput::Elements(1));
    group.bench_function("assign/100000-signals", |b| {
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

criterion_group!(benches, clustering);
criterion_main!(benches);
