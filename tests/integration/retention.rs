//! Retraction and retention: removing evidence gives the state of never having ingested it,
//! whatever the order of removals.

use std::path::Path;

use bellwether::Article;
use bellwether::Pipeline;
use bellwether::signal::{ArticleId, Extraction};
use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;

use crate::data::{DEFAULT_DATA_DIR, load_days};

/// Every (article, extraction) pair of the sample data, in delivery order.
fn deliveries() -> Vec<(Article, Extraction)> {
    let mut pairs = Vec::new();
    for day in load_days(Path::new(DEFAULT_DATA_DIR)).unwrap() {
        for extraction in &day.extractions {
            pairs.push((
                day.article_of(extraction).unwrap().clone(),
                extraction.clone(),
            ));
        }
    }
    pairs
}

fn now() -> DateTime<Utc> {
    "2026-05-28T07:00:00Z".parse().unwrap()
}

/// A pipeline fed the deliveries `keep` accepts, settled at `now()`.
fn fed(pairs: &[(Article, Extraction)], keep: impl Fn(&Article) -> bool) -> Pipeline {
    let mut pipeline = Pipeline::new();
    for (article, extraction) in pairs.iter().filter(|(a, _)| keep(a)) {
        pipeline
            .ingest(article, extraction, extraction.extracted_at())
            .unwrap();
    }
    pipeline.settle(now()).unwrap();
    pipeline
}

fn article_ids(pairs: &[(Article, Extraction)]) -> Vec<ArticleId> {
    let mut ids: Vec<ArticleId> = pairs.iter().map(|(a, _)| a.id().clone()).collect();
    ids.sort();
    ids.dedup();
    ids
}

#[test]
fn a_retracted_article_leaves_every_signal() {
    let pairs = deliveries();
    let mut pipeline = fed(&pairs, |_| true);
    let id = ArticleId::new("the-g-2-reality").unwrap();
    // The G-2 Reality has two extractions, in two signals.
    assert_eq!(pipeline.retract(&id).unwrap(), 2);
    assert!(
        pipeline
            .signals()
            .all(|s| s.sources().iter().all(|source| source.id() != &id))
    );
    assert_eq!(
        pipeline.retract(&id).unwrap(),
        0,
        "a second retraction changes nothing"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn retracting_in_any_order_is_never_having_ingested(
        chosen in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
        seed in any::<u64>(),
    ) {
        let pairs = deliveries();
        let ids = article_ids(&pairs);
        let mut retracted: Vec<ArticleId> =
            chosen.iter().map(|i| ids[i.index(ids.len())].clone()).collect();
        let mut forwards = fed(&pairs, |_| true);
        for id in &retracted {
            forwards.retract(id).unwrap();
        }
        // Another order: rotated by the seed, and reversed.
        if !retracted.is_empty() {
            let by = (seed as usize) % retracted.len();
            retracted.rotate_left(by);
        }
        let mut backwards = fed(&pairs, |_| true);
        for id in retracted.iter().rev() {
            backwards.retract(id).unwrap();
        }
        let never = fed(&pairs, |a| !retracted.contains(a.id()));
        prop_assert_eq!(forwards.to_json().unwrap(), never.to_json().unwrap());
        prop_assert_eq!(backwards.to_json().unwrap(), never.to_json().unwrap());
    }

    #[test]
    fn forgetting_before_two_horizons_in_any_order_is_keeping_only_the_newer(
        first in 0i64..20 * 24,
        second in 0i64..20 * 24,
    ) {
        let pairs = deliveries();
        let start: DateTime<Utc> = "2026-05-11T00:00:00Z".parse().unwrap();
        let (h1, h2) = (start + TimeDelta::hours(first), start + TimeDelta::hours(second));
        let mut one_then_two = fed(&pairs, |_| true);
        one_then_two.forget_before(h1).unwrap();
        one_then_two.forget_before(h2).unwrap();
        let mut two_then_one = fed(&pairs, |_| true);
        two_then_one.forget_before(h2).unwrap();
        two_then_one.forget_before(h1).unwrap();
        let horizon = h1.max(h2);
        let newer = fed(&pairs, |a| a.source().published() >= horizon);
        prop_assert_eq!(one_then_two.to_json().unwrap(), newer.to_json().unwrap());
        prop_assert_eq!(two_then_one.to_json().unwrap(), newer.to_json().unwrap());
    }
}

#[test]
fn a_clone_is_equal_and_independent_even_unsettled() {
    let pairs = deliveries();
    let (head, tail) = pairs.split_at(pairs.len() / 2);
    let mut original = Pipeline::new();
    for (article, extraction) in head {
        original
            .ingest(article, extraction, extraction.extracted_at())
            .unwrap();
    }
    let mut copy = original.clone();
    assert_eq!(copy.to_json().unwrap(), original.to_json().unwrap());
    // The incremental clustering is copied too: both go on to the same state.
    for (article, extraction) in tail {
        let ours = original
            .ingest(article, extraction, extraction.extracted_at())
            .unwrap();
        let theirs = copy
            .ingest(article, extraction, extraction.extracted_at())
            .unwrap();
        assert_eq!(ours, theirs);
    }
    assert_eq!(copy.to_json().unwrap(), original.to_json().unwrap());
    copy.retract(head[0].0.id()).unwrap();
    assert_ne!(copy.to_json().unwrap(), original.to_json().unwrap());
}
