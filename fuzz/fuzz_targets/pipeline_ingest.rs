//! The whole pipeline on arbitrary articles and extractions: a sequence of ingests (one by one
//! and in batches, with repeats), settles and composes at arbitrary instants, and save/load
//! round trips.
//!
//! Checked after every step:
//! - nothing panics, and every error is a typed error other than `Error::Serialize`;
//! - a failed ingest leaves the state exactly as it was (byte-identical state JSON);
//! - an accepted quote's span lies inside its article, on character boundaries, and every
//!   proposed quote is either accepted or rejected;
//! - ingesting a kept delivery again reports `AlreadyIngested`, and no repeat changes anything;
//! - settle and compose never fail once ingests have succeeded (no state can wedge them);
//! - a saved state loads back to the same state, and composes alike afterwards;
//! - at the end, the signals equal those of a fresh pipeline fed the accepted deliveries in
//!   reverse order, and of two shards absorbed into one.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use arbitrary::Arbitrary;
use bellwether::signal::{
    Actor, ActorKind, ArticleId, Domain, Extraction, Nature, ProposedQuote, Region,
    ReliabilityGrade, Strength, Tags, Topic, WebUrl,
};
use bellwether::{Article, Error, IngestOutcome, IngestReport, Pipeline};
use chrono::{DateTime, Duration, Utc};
use libfuzzer_sys::fuzz_target;

/// Real prose for articles, so that quotes cut from them are long enough to be located and
/// theses share words.
const PROSE: [&str; 3] = [
    "Officials said on Tuesday that capability now propagates through software, and software \
     is not what export-control architectures were built to govern. The launch of DeepSeek, \
     the large language model created in China, performs comparably to American equivalents.",
    "The Bureau of Industry and Security tightened controls on advanced chips again, while \
     Huawei expanded domestic production lines. Analysts expect self-reliance to accelerate \
     as hardware denial compresses adversary innovation timelines.",
    "In Brussels, the European Union agreed new subsidies for semiconductor fabrication. \
     \u{201C}We cannot depend on a single supplier,\u{201D} the commissioner said, \u{2014} \
     citing shortages that idled car factories across Germany and Japan.",
];

const THESES: [&str; 4] = [
    "Export controls push China toward chip self-reliance",
    "Export controls push China to build its own chips",
    "Capability now moves as software beyond export controls",
    "Europe subsidises chip fabs to end supply dependence",
];

/// Names and aliases that overlap across entries, so that actors known apart in one
/// extraction are named as one in another.
const ACTORS: [(&str, ActorKind, &[&str]); 6] = [
    ("BIS", ActorKind::GovernmentBody, &[]),
    ("Commerce Bureau", ActorKind::GovernmentBody, &[]),
    (
        "Bureau of Industry and Security",
        ActorKind::GovernmentBody,
        &["BIS", "Commerce Bureau"],
    ),
    ("DeepSeek", ActorKind::Company, &["Deep Seek AI"]),
    ("Huawei", ActorKind::Company, &[]),
    ("European Commission", ActorKind::GovernmentBody, &["EC"]),
];

const REGIONS: [&str; 5] = ["US", "CN", "EU", "DE", "JP"];

#[derive(Debug, Arbitrary)]
struct ArticleSpec {
    prose: u8,
    extra_text: String,
    outlet: u8,
    published_hours: u16,
    grade: Option<u8>,
    with_url: bool,
}

#[derive(Debug, Arbitrary)]
struct QuoteSpec {
    start: u16,
    len: u16,
    /// Replaces the character at this offset of the quote, to make a misquote.
    typo: Option<u8>,
    anchor: Option<String>,
}

#[derive(Debug, Arbitrary)]
struct Delivery {
    article: u8,
    thesis: u8,
    custom_thesis: Option<String>,
    strength: u8,
    extracted_hours: u16,
    quotes: Vec<QuoteSpec>,
    raw_quote: Option<String>,
    actors: Vec<u8>,
    regions: Vec<u8>,
    nature: Vec<u8>,
    topic: Option<String>,
    reasoning: Vec<String>,
    /// An extraction as raw JSON, used instead of the structured one when it parses.
    raw_json: Option<String>,
}

#[derive(Debug, Arbitrary)]
enum Step {
    Ingest(Delivery),
    Batch(Vec<Delivery>),
    Repeat(u8),
    Settle(u16),
    Compose(u16),
    SaveLoad,
}

#[derive(Debug, Arbitrary)]
struct Input {
    articles: Vec<ArticleSpec>,
    steps: Vec<Step>,
}

fn base() -> DateTime<Utc> {
    DateTime::from_timestamp(1_767_225_600, 0).unwrap_or_default() // 2026-01-01T00:00:00Z
}

fn at(hours: u16) -> DateTime<Utc> {
    base() + Duration::hours(i64::from(hours))
}

fn scratch() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        std::env::temp_dir().join(format!(
            "bellwether-fuzz-ingest-{}.json",
            std::process::id()
        ))
    })
}

fn build_article(index: usize, spec: &ArticleSpec) -> Option<Article> {
    let prose = PROSE[usize::from(spec.prose) % PROSE.len()];
    let text = format!("{prose} {}", spec.extra_text);
    let id = ArticleId::new(&format!("article-{index}")).ok()?;
    let outlet =
        ["Pacific Policy Review", "Strategy Quarterly", "Wire"][usize::from(spec.outlet) % 3];
    let mut article = Article::new(id, "A title", outlet, at(spec.published_hours), &text).ok()?;
    if let Some(grade) = spec.grade {
        article = article.with_reliability(ReliabilityGrade::ALL[usize::from(grade) % 6]);
    }
    if spec.with_url {
        let url = WebUrl::new(&format!("https://example.com/{index}")).ok()?;
        article = article.with_url(url);
    }
    Some(article)
}

/// A passage of `text` cut at character boundaries, possibly with one character changed.
fn cut(text: &str, spec: &QuoteSpec) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return String::new();
    }
    let start = usize::from(spec.start) % chars.len();
    let end = (start + usize::from(spec.len) % 400 + 1).min(chars.len());
    let mut quote: Vec<char> = chars[start..end].to_vec();
    if let Some(typo) = spec.typo {
        let at = usize::from(typo) % quote.len();
        quote[at] = 'x';
    }
    quote.into_iter().collect()
}

fn build_extraction(article: &Article, delivery: &Delivery) -> Option<Extraction> {
    if let Some(raw) = &delivery.raw_json
        && let Ok(extraction) = serde_json::from_str::<Extraction>(raw)
    {
        return Some(extraction);
    }
    let thesis = match &delivery.custom_thesis {
        Some(custom) => custom.as_str(),
        None => THESES[usize::from(delivery.thesis) % THESES.len()],
    };
    let strength = Strength::new(delivery.strength % 10 + 1).ok()?;
    let mut builder = Extraction::builder(
        article.id().clone(),
        thesis,
        strength,
        at(delivery.extracted_hours),
    );
    for spec in delivery.quotes.iter().take(8) {
        let text = cut(article.text(), spec);
        let anchors: Vec<&str> = spec.anchor.iter().map(String::as_str).collect();
        let quote = ProposedQuote::new(&text, &anchors)
            .or_else(|_| ProposedQuote::new(&text, &[]))
            .ok()?;
        builder = builder.quote(quote);
    }
    if let Some(raw) = &delivery.raw_quote {
        builder = builder.quote(ProposedQuote::new(raw, &[]).ok()?);
    }
    let mut seen = Vec::new();
    for &actor in delivery.actors.iter().take(4) {
        let (name, kind, aliases) = ACTORS[usize::from(actor) % ACTORS.len()];
        if !seen.contains(&name) {
            seen.push(name);
            builder = builder.actor(Actor::new(name, kind, aliases).ok()?);
        }
    }
    let mut regions = Vec::new();
    for &region in delivery.regions.iter().take(4) {
        let region = Region::new(REGIONS[usize::from(region) % REGIONS.len()]).ok()?;
        if !regions.contains(&region) {
            regions.push(region);
            builder = builder.region(region);
        }
    }
    let mut nature = Vec::new();
    for &n in delivery.nature.iter().take(3) {
        let value = Nature::KNOWN[usize::from(n) % Nature::KNOWN.len()].clone();
        if !nature.contains(&value) {
            nature.push(value);
        }
    }
    let topics = match &delivery.topic {
        Some(topic) => vec![Topic::new(topic).ok()?],
        None => Vec::new(),
    };
    builder = builder.tags(Tags::new(nature, vec![Domain::Technological], topics).ok()?);
    for paragraph in delivery.reasoning.iter().take(3) {
        builder = builder.reasoning(paragraph);
    }
    builder.build().ok()
}

fn state(pipeline: &Pipeline) -> String {
    pipeline
        .to_json()
        .unwrap_or_else(|e| panic!("the state does not serialize: {e}"))
}

fn signals(pipeline: &Pipeline) -> String {
    let all: Vec<_> = pipeline.signals().collect();
    serde_json::to_string(&all).unwrap_or_else(|e| panic!("signals do not serialize: {e}"))
}

fn check_error(error: &Error, what: &str) {
    assert!(
        !matches!(error, Error::Serialize { .. }),
        "{what} failed to serialize: {error}"
    );
    let message = error.to_string();
    assert!(!message.is_empty(), "{what}: empty error message");
}

fn check_report(article: &Article, extraction: &Extraction, report: &IngestReport) {
    if matches!(report.outcome, IngestOutcome::AlreadyIngested { .. }) {
        return;
    }
    assert_eq!(
        report.accepted.len() + report.rejected.len(),
        extraction.quotes().len(),
        "a proposed quote is neither accepted nor rejected"
    );
    let text = article.text();
    for accepted in &report.accepted {
        let span = accepted
            .quote
            .span()
            .unwrap_or_else(|| panic!("an accepted quote has no span"));
        assert!(
            span.end() <= text.len(),
            "span {span:?} is past the article's end"
        );
        assert!(
            text.is_char_boundary(span.start()) && text.is_char_boundary(span.end()),
            "span {span:?} cuts a character"
        );
        // The quote shows the article's words: its pieces lie in order within its span, and
        // every word of each piece is in the quote shown.
        let shown = accepted.quote.text();
        let mut previous_end = span.start();
        for piece in &accepted.pieces {
            assert!(
                previous_end <= piece.start() && piece.end() <= span.end(),
                "piece {piece:?} out of order or outside {span:?}"
            );
            previous_end = piece.end();
            let words = text.get(piece.start()..piece.end()).unwrap_or_else(|| {
                panic!("piece {piece:?} cuts a character");
            });
            for word in words.split_whitespace() {
                let word: String = word
                    .chars()
                    .filter(|c| {
                        !matches!(
                            c,
                            '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
                        )
                    })
                    .collect();
                let word = word.trim_end_matches(['-', '\u{2010}']);
                assert!(
                    word.is_empty() || shown.contains(word),
                    "{word:?} of the article is not in the quote shown {shown:?}"
                );
            }
        }
    }
}

/// Ingests one pair; returns whether it was accepted into the state. Sets `full` when a
/// per-article limit refused it (acceptance then depends on order).
fn ingest(
    pipeline: &mut Pipeline,
    article: &Article,
    extraction: &Extraction,
    now: DateTime<Utc>,
    full: &mut bool,
) -> bool {
    let before = state(pipeline);
    match pipeline.ingest(article, extraction, now) {
        Ok(report) => {
            check_report(article, extraction, &report);
            let after = state(pipeline);
            let again = pipeline
                .ingest(article, extraction, now)
                .unwrap_or_else(|e| panic!("a repeated ingest fails: {e}"));
            // An extraction with no accepted quote is not kept, so only a kept one is
            // recognised; either way the state stays as it was.
            if matches!(
                report.outcome,
                IngestOutcome::Created { .. }
                    | IngestOutcome::Reinforced { .. }
                    | IngestOutcome::Challenged { .. }
            ) {
                assert!(
                    matches!(again.outcome, IngestOutcome::AlreadyIngested { .. }),
                    "a repeated ingest is not recognised: {:?}",
                    again.outcome
                );
            }
            assert_eq!(
                state(pipeline),
                after,
                "a repeated ingest changes the state"
            );
            report.signal().is_some()
        }
        Err(error) => {
            check_error(&error, "ingest");
            *full |= matches!(error, Error::ArticleFull { .. });
            assert_eq!(
                state(pipeline),
                before,
                "a failed ingest changed the state: {error}"
            );
            false
        }
    }
}

fuzz_target!(|input: Input| {
    let articles: Vec<Article> = input
        .articles
        .iter()
        .take(4)
        .enumerate()
        .filter_map(|(i, spec)| build_article(i, spec))
        .collect();
    if articles.is_empty() {
        return;
    }
    let mut pipeline = Pipeline::new();
    let mut accepted: Vec<(Article, Extraction)> = Vec::new();
    let mut tried: Vec<(Article, Extraction)> = Vec::new();
    let mut full = false;
    let mut now = base();
    for step in input.steps.iter().take(16) {
        match step {
            Step::Ingest(delivery) => {
                let article = &articles[usize::from(delivery.article) % articles.len()];
                let Some(extraction) = build_extraction(article, delivery) else {
                    continue;
                };
                if ingest(&mut pipeline, article, &extraction, now, &mut full) {
                    accepted.push((article.clone(), extraction.clone()));
                }
                tried.push((article.clone(), extraction));
            }
            Step::Batch(deliveries) => {
                let batch: Vec<(Article, Extraction)> = deliveries
                    .iter()
                    .take(6)
                    .filter_map(|d| {
                        let article = &articles[usize::from(d.article) % articles.len()];
                        build_extraction(article, d).map(|e| (article.clone(), e))
                    })
                    .collect();
                for ((article, extraction), result) in
                    batch.iter().zip(pipeline.ingest_batch(&batch, now))
                {
                    match result {
                        Ok(report) => {
                            check_report(article, extraction, &report);
                            if report.signal().is_some()
                                && !matches!(report.outcome, IngestOutcome::AlreadyIngested { .. })
                            {
                                accepted.push((article.clone(), extraction.clone()));
                            }
                        }
                        Err(error) => {
                            check_error(&error, "batch ingest");
                            full |= matches!(error, Error::ArticleFull { .. });
                        }
                    }
                    tried.push((article.clone(), extraction.clone()));
                }
            }
            Step::Repeat(index) => {
                if let Some((article, extraction)) =
                    tried.get(usize::from(*index) % tried.len().max(1))
                {
                    let before = state(&pipeline);
                    match pipeline.ingest(article, extraction, now) {
                        Ok(report) => {
                            if matches!(report.outcome, IngestOutcome::AlreadyIngested { .. }) {
                                assert_eq!(state(&pipeline), before, "a repeat changed the state");
                            } else if report.signal().is_some() {
                                accepted.push((article.clone(), extraction.clone()));
                            }
                        }
                        Err(error) => {
                            check_error(&error, "repeated ingest");
                            full |= matches!(error, Error::ArticleFull { .. });
                            assert_eq!(
                                state(&pipeline),
                                before,
                                "a failed ingest changed the state"
                            );
                        }
                    }
                }
            }
            Step::Settle(hours) => {
                now = at(*hours);
                pipeline
                    .settle(now)
                    .unwrap_or_else(|e| panic!("settle fails after successful ingests: {e}"));
            }
            Step::Compose(hours) => {
                now = at(*hours);
                let composed = pipeline
                    .compose(now)
                    .unwrap_or_else(|e| panic!("compose fails after successful ingests: {e}"));
                if let bellwether::brief::Composed::Brief(brief) = &composed {
                    pipeline
                        .record_delivery(brief)
                        .unwrap_or_else(|e| panic!("recording a fresh brief fails: {e}"));
                }
            }
            Step::SaveLoad => {
                let path = scratch();
                pipeline
                    .save(path)
                    .unwrap_or_else(|e| panic!("save fails: {e}"));
                let mut loaded = Pipeline::load(path)
                    .unwrap_or_else(|e| panic!("a saved state is rejected: {e}"));
                assert_eq!(
                    state(&loaded),
                    state(&pipeline),
                    "the state changes across save and load"
                );
                let ours = pipeline.compose(now).map(|c| c.is_quiet());
                let theirs = loaded.compose(now).map(|c| c.is_quiet());
                assert_eq!(
                    ours.as_ref().ok(),
                    theirs.as_ref().ok(),
                    "a loaded state composes differently"
                );
                assert_eq!(
                    state(&loaded),
                    state(&pipeline),
                    "a loaded state settles differently"
                );
                pipeline = loaded;
            }
        }
    }

    // The signals depend only on what was accepted, not on order or sharding (unless a
    // per-article limit made acceptance itself depend on order).
    if full || accepted.is_empty() {
        return;
    }
    pipeline
        .settle(now)
        .unwrap_or_else(|e| panic!("settle fails after successful ingests: {e}"));
    let mut reversed = Pipeline::new();
    for (article, extraction) in accepted.iter().rev() {
        reversed
            .ingest(article, extraction, now)
            .unwrap_or_else(|e| panic!("an accepted delivery is rejected in another order: {e}"));
    }
    reversed
        .settle(now)
        .unwrap_or_else(|e| panic!("settle fails: {e}"));
    assert_eq!(
        signals(&reversed),
        signals(&pipeline),
        "signals depend on the order of ingests"
    );

    let (left, right) = accepted.split_at(accepted.len() / 2);
    let mut shards = [Pipeline::new(), Pipeline::new()];
    for (shard, part) in shards.iter_mut().zip([left, right]) {
        for (article, extraction) in part {
            shard
                .ingest(article, extraction, now)
                .unwrap_or_else(|e| panic!("an accepted delivery is rejected in a shard: {e}"));
        }
    }
    let mut joined = Pipeline::new();
    for shard in shards.iter().rev() {
        joined
            .absorb(shard)
            .unwrap_or_else(|e| panic!("absorbing a shard fails: {e}"));
    }
    joined
        .settle(now)
        .unwrap_or_else(|e| panic!("settle fails: {e}"));
    assert_eq!(
        signals(&joined),
        signals(&pipeline),
        "absorbed shards give other signals"
    );
});
