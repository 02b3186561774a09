//! The seed signal scores exactly `str 8` on 2026-05-26 and falls afterwards.

use bellwether_score::{Evidence, Grade, Ledger, Scorer};
use chrono::{DateTime, TimeDelta, Utc};
use serde::Deserialize;

#[derive(Deserialize)]
struct Seed {
    expected_strength: u8,
    articles: Vec<SeedArticle>,
}

#[derive(Deserialize)]
struct SeedArticle {
    article: String,
    extraction: String,
    outlet: String,
    published: DateTime<Utc>,
    grade: String,
    match_confidence: f64,
    text: String,
}

fn seed() -> (Ledger, u8) {
    let seed: Seed = serde_json::from_str(include_str!("../../testdata/seed_signal.json")).unwrap();
    let mut ledger = Ledger::new();
    for a in seed.articles {
        let evidence = Evidence::builder()
            .article(a.article)
            .extraction(a.extraction)
            .outlet(a.outlet)
            .published(a.published)
            .grade(a.grade.parse::<Grade>().unwrap())
            .match_confidence(a.match_confidence)
            .text(a.text)
            .build()
            .unwrap();
        ledger.insert(evidence).unwrap();
    }
    (ledger, seed.expected_strength)
}

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

#[test]
fn seed_signal_scores_eight_throughout_its_last_reinforcement_day() {
    let (ledger, expected) = seed();
    let scorer = Scorer::default();
    for now in [
        "2026-05-26T14:05:00Z",
        "2026-05-26T18:00:00Z",
        "2026-05-26T23:59:59.999999999Z",
    ] {
        assert_eq!(
            scorer.score(&ledger, at(now)).unwrap().strength.get(),
            expected,
            "at {now}"
        );
    }
}

#[test]
fn seed_signal_explanation_matches_the_page() {
    let (ledger, _) = seed();
    let e = Scorer::default()
        .explain(&ledger, at("2026-05-26T14:05:00Z"))
        .unwrap();
    assert_eq!(e.strength.get(), 8);
    assert_eq!(e.article_count, 3);
    assert_eq!(e.extraction_count, 3);
    assert_eq!(e.origins.len(), 3, "three independent origins");
    assert_eq!(e.first_seen, Some(at("2026-05-12T09:30:00Z")));
    assert_eq!(e.last_reinforced, Some(at("2026-05-26T14:05:00Z")));
    assert!(
        (e.total.to_f64() - 1.794).abs() < 0.001,
        "total {}",
        e.total
    );
    assert!(e.effective_sources > 2.7 && e.effective_sources < 2.9);
    let drop = e.next_drop.unwrap();
    assert!(
        drop > at("2026-05-28T00:00:00Z") && drop < at("2026-05-29T00:00:00Z"),
        "{drop}"
    );
}

#[test]
fn seed_signal_falls_over_the_following_weeks() {
    let (ledger, _) = seed();
    let scorer = Scorer::default();
    let start = at("2026-05-26T14:05:00Z");
    let strengths: Vec<u8> = (0..=6)
        .map(|week| {
            scorer
                .score(&ledger, start + TimeDelta::weeks(week))
                .unwrap()
                .strength
                .get()
        })
        .collect();
    assert!(strengths.windows(2).all(|w| w[1] <= w[0]), "{strengths:?}");
    assert!(strengths[1] < 8, "{strengths:?}");
    assert!(strengths[6] <= 3, "{strengths:?}");
}
