//! Measures how often the candidates a prompt would list hold the signal an article really
//! belongs to (recall at 1, 5 and 10), on two labelled sets:
//!
//! 1. **Synthetic** (`benches/support/claims.rs`): 100,000 signals, one per made-up claim,
//!    each indexed by one wording of its claim with its actors, tags and regions; queried with
//!    2,000 *other* wordings of random claims (draft theses) and 1,000 made-up articles of about
//!    400 words that report a claim amid unrelated vocabulary. The label is the claim.
//! 2. **Bundled sample data** (`examples/data`), leave one out: every article of a signal with
//!    two or more articles is queried with its full text against all signals, its own signal
//!    described only by its *other* articles' extractions. The label is the signal clustering
//!    put the article in. Small (a handful of signals), so it shows the method works on real
//!    prose, not how it scales.
//!
//! ```text
//! cargo run --release --example candidate_recall
//! ```

#[path = "../benches/support/claims.rs"]
mod claims;
#[path = "morning_brief/data.rs"]
#[allow(dead_code)]
mod data;

use std::collections::BTreeMap;
use std::error::Error;
use std::path::Path;

use bellwether::Pipeline;
use bellwether::score::CandidateIndex;
use bellwether::signal::Extraction;
use claims::{Rng, article_text, claim, description, wording};

/// Hits at 1, 5 and 10, and queries.
#[derive(Default)]
struct Recall {
    at: [usize; 3],
    queries: usize,
}

impl Recall {
    fn add(&mut self, rank: Option<usize>) {
        self.queries += 1;
        for (slot, k) in [1, 5, 10].into_iter().enumerate() {
            if rank.is_some_and(|r| r < k) {
                self.at[slot] += 1;
            }
        }
    }

    fn line(&self, name: &str) -> String {
        let pct = |hits: usize| 100.0 * hits as f64 / self.queries.max(1) as f64;
        format!(
            "{name}: {} queries, recall@1 {:.1}%, @5 {:.1}%, @10 {:.1}%",
            self.queries,
            pct(self.at[0]),
            pct(self.at[1]),
            pct(self.at[2])
        )
    }
}

fn synthetic() {
    const SIGNALS: usize = 100_000;
    let mut rng = Rng(11);
    let mut index = CandidateIndex::new();
    let mut claims = Vec::with_capacity(SIGNALS);
    for id in 0..SIGNALS {
        let claim = claim(&mut rng);
        index.insert(
            &format!("s{id}"),
            &description(&wording(&mut rng, &claim, id, id)),
        );
        claims.push(claim);
    }
    let mut theses = Recall::default();
    let mut articles = Recall::default();
    let mut rng = Rng(12);
    for round in 0..3_000 {
        let target = rng.below(SIGNALS);
        let claim = &claims[target];
        let (query, recall) = match round % 3 {
            2 => (article_text(&mut rng, claim, 400), &mut articles),
            _ => (wording(&mut rng, claim, 0, 0).thesis, &mut theses),
        };
        let id = format!("s{target}");
        let found = index.top(&query, 10);
        recall.add(found.iter().position(|c| c.id == id));
    }
    println!(
        "{}",
        theses.line("synthetic, draft theses, 100,000 signals")
    );
    println!(
        "{}",
        articles.line("synthetic, 400-word articles, 100,000 signals")
    );
}

/// The words a group of extractions is found by: the first one's thesis, then every tag,
/// actor (with aliases) and region (code and name) of all of them, as the pipeline describes a
/// signal.
fn describe(members: &[&Extraction]) -> String {
    let mut text = members
        .first()
        .map_or(String::new(), |m| m.thesis().to_owned());
    for member in members {
        for part in member.tags().labels() {
            text.push_str(" · ");
            text.push_str(part);
        }
        for actor in member.actors() {
            text.push_str(" · ");
            text.push_str(actor.name());
            for alias in actor.aliases() {
                text.push_str(" · ");
                text.push_str(alias.as_str());
            }
        }
        for region in member.regions() {
            text.push_str(&format!(" · {} · {}", region.as_str(), region.name()));
        }
    }
    text
}

fn bundled() -> Result<(), Box<dyn Error>> {
    let days = data::load_days(Path::new(data::DEFAULT_DATA_DIR))?;
    let now = "2026-05-28T07:00:00Z".parse()?;
    let mut pipeline = Pipeline::new();
    let mut texts = BTreeMap::new();
    let mut extractions: Vec<Extraction> = Vec::new();
    for day in &days {
        for extraction in &day.extractions {
            let article = day
                .article_of(extraction)
                .ok_or("an extraction without its article")?;
            pipeline.ingest(article, extraction, now)?;
            texts.insert(article.id().clone(), article.text().to_owned());
            extractions.push(extraction.clone());
        }
    }
    pipeline.settle(now)?;
    // Each signal's member extractions, by its sources.
    let signals: Vec<(String, Vec<&Extraction>)> = pipeline
        .signals()
        .map(|signal| {
            let members = extractions
                .iter()
                .filter(|e| signal.sources().iter().any(|s| s.id() == e.article_id()))
                .collect();
            (signal.id().to_string(), members)
        })
        .collect();
    let mut recall = Recall::default();
    for (id, members) in &signals {
        let articles: Vec<_> = members.iter().map(|m| m.article_id().clone()).collect();
        let mut distinct = articles.clone();
        distinct.dedup();
        if distinct.len() < 2 {
            continue;
        }
        for left_out in &distinct {
            let mut index = CandidateIndex::new();
            for (other, other_members) in &signals {
                let kept: Vec<&Extraction> = other_members
                    .iter()
                    .copied()
                    .filter(|m| other != id || m.article_id() != left_out)
                    .collect();
                index.insert(other, &describe(&kept));
            }
            let found = index.top(&texts[left_out], 10);
            recall.add(found.iter().position(|c| &c.id == id));
        }
    }
    println!(
        "{} ({} signals)",
        recall.line("bundled sample data, article texts, leave one out"),
        signals.len()
    );
    Ok(())
}

fn main() -> Result<(), Box<dyn Error>> {
    synthetic();
    bundled()
}
