//! A reproducible stream of made-up claims and their wordings, labelled by claim: the
//! clustering and candidate benchmarks' input, and the labelled data of the candidate recall
//! example (`cargo run --release --example candidate_recall`).
//!
//! Each claim has made-up subject, sector and outcome words (each with two variants a writer
//! may use instead, drawn Zipf-like from a 120,000-word vocabulary), an instrument from a
//! short list, a direction, two regions, two to four actors and tags. A wording picks a
//! variant per word, a verb of the claim's direction, one of three sentence shapes and
//! sometimes a qualifier.

#![allow(dead_code)]

use bellwether::score::ExtractionFeatures;

#[path = "split_mix.rs"]
mod split_mix;
pub(crate) use split_mix::Rng;

impl Rng {
    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// Roughly Zipf-distributed index below `n`: a few items are very common, most are rare.
    pub(crate) fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }
}

/// A pronounceable made-up word: stands in for the names and specific nouns of a large news
/// vocabulary (companies, places, products, programmes).
pub(crate) fn made_up_word(mut number: usize) -> String {
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

pub(crate) const VERBS_UP: &[&str] = &["accelerate", "spur", "boost", "fuel", "speed up", "hasten"];
pub(crate) const VERBS_DOWN: &[&str] =
    &["slow", "delay", "stifle", "dampen", "hamper", "hold back"];
pub(crate) const INSTRUMENTS: &[&str] = &[
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
pub(crate) const QUALIFIERS: &[&str] = &[
    "analysts warn",
    "over the long term",
    "for now",
    "despite official denials",
    "according to industry data",
    "faster than expected",
];
pub(crate) const TAGS: &[&str] = &[
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
pub(crate) struct Claim {
    pub(crate) words: [[String; 3]; 3],
    pub(crate) instrument: usize,
    pub(crate) up: bool,
    pub(crate) regions: [String; 2],
    pub(crate) actors: Vec<String>,
    pub(crate) tags: Vec<&'static str>,
}

pub(crate) fn claim(rng: &mut Rng) -> Claim {
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

pub(crate) fn wording(
    rng: &mut Rng,
    claim: &Claim,
    id: usize,
    article: usize,
) -> ExtractionFeatures {
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
pub(crate) fn stream(seed: u64, count: usize) -> Vec<ExtractionFeatures> {
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

/// Common words an article surrounds its claim with.
const FILLER: &[&str] = &[
    "the",
    "officials",
    "said",
    "on",
    "tuesday",
    "that",
    "market",
    "government",
    "new",
    "plans",
    "would",
    "analysts",
    "expect",
    "industry",
    "report",
    "year",
    "growth",
    "prices",
    "policy",
    "minister",
    "companies",
    "week",
    "data",
    "according",
    "people",
    "familiar",
    "with",
    "matter",
    "statement",
    "further",
    "months",
    "sources",
    "meeting",
    "agreement",
    "however",
    "since",
];

/// A made-up article of about `words` words reporting `claim`: one wording's thesis, its
/// actors, and sentences of common words and rarer vocabulary (names, places, products) that
/// have nothing to do with the claim.
pub(crate) fn article_text(rng: &mut Rng, claim: &Claim, words: usize) -> String {
    let reported = wording(rng, claim, 0, 0);
    let mut text = format!("{}. ", reported.thesis);
    for actor in &reported.actors {
        text.push_str(&format!("{actor} declined to comment. "));
    }
    let mut count = text.split(' ').count();
    while count < words {
        for i in 0..12 {
            if i > 0 {
                text.push(' ');
            }
            if rng.chance(25) {
                text.push_str(&made_up_word(rng.zipf(120_000)));
            } else {
                text.push_str(FILLER[rng.below(FILLER.len())]);
            }
        }
        text.push_str(". ");
        count += 12;
    }
    text
}

/// What a signal of `claim` is indexed by: the thesis of its first wording, its actors, tags
/// and regions.
pub(crate) fn description(features: &ExtractionFeatures) -> String {
    let mut text = features.thesis.clone();
    for part in features
        .actors
        .iter()
        .chain(&features.tags)
        .chain(&features.regions)
    {
        text.push_str(" · ");
        text.push_str(part);
    }
    text
}
