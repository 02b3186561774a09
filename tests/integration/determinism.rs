//! The same articles in any order give the same state and the same brief, byte for byte.

use std::path::Path;

use bellwether::brief::{Composed, JsonRenderer, Render, RenderContext, TextRenderer};
use bellwether::signal::Extraction;
use bellwether::{Article, Pipeline};
use chrono::{DateTime, Utc};
use proptest::prelude::*;

use crate::data::{DEFAULT_DATA_DIR, load_days};

fn deliveries() -> Vec<(Article, Extraction)> {
    let days = load_days(Path::new(DEFAULT_DATA_DIR)).unwrap();
    days.iter()
        .flat_map(|day| {
            day.extractions
                .iter()
                .map(|e| (day.article_of(e).unwrap().clone(), e.clone()))
        })
        .collect()
}

/// Ingests `order` at one fixed instant, composes once, and returns the saved state and the
/// brief rendered as text and JSON.
fn run(deliveries: &[(Article, Extraction)], order: &[usize]) -> (String, String) {
    let now: DateTime<Utc> = "2026-05-28T07:00:00Z".parse().unwrap();
    let mut pipeline = Pipeline::new();
    for &i in order {
        let (article, extraction) = &deliveries[i];
        pipeline.ingest(article, extraction, now).unwrap();
    }
    let composed = pipeline.compose(now).unwrap();
    let context = RenderContext::new(now);
    let rendered = match &composed {
        Composed::Brief(brief) => {
            TextRenderer::new()
                .render_to_string(brief, &context)
                .unwrap()
                + &JsonRenderer::new()
                    .render_to_string(brief, &context)
                    .unwrap()
        }
        Composed::Quiet(quiet) => quiet.to_string(),
    };
    (pipeline.to_json().unwrap(), rendered)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn any_order_gives_identical_state_and_brief(seed in any::<u64>()) {
        let deliveries = deliveries();
        let forward: Vec<usize> = (0..deliveries.len()).collect();
        // A permutation drawn from the seed (Fisher–Yates over a simple LCG), so that proptest
        // can shrink the seed rather than a vector.
        let mut shuffled = forward.clone();
        let mut state = seed;
        for i in (1..shuffled.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (state >> 33) as usize % (i + 1));
        }
        let expected = run(&deliveries, &forward);
        let actual = run(&deliveries, &shuffled);
        prop_assert_eq!(&actual.0, &expected.0);
        prop_assert_eq!(&actual.1, &expected.1);
    }
}

#[test]
fn duplicate_delivery_changes_nothing() {
    let deliveries = deliveries();
    let once: Vec<usize> = (0..deliveries.len()).collect();
    let twice: Vec<usize> = once.iter().chain(once.iter()).copied().collect();
    assert_eq!(run(&deliveries, &once), run(&deliveries, &twice));
}

#[test]
fn batch_ingest_equals_ingesting_one_by_one() {
    let deliveries = deliveries();
    let now: DateTime<Utc> = "2026-05-28T07:00:00Z".parse().unwrap();
    let mut one_by_one = Pipeline::new();
    let sequential: Vec<_> = deliveries
        .iter()
        .map(|(a, e)| one_by_one.ingest(a, e, now).unwrap())
        .collect();
    let mut batched = Pipeline::new();
    let batch: Vec<_> = batched
        .ingest_batch(&deliveries, now)
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(batch, sequential);
    assert_eq!(batched.to_json().unwrap(), one_by_one.to_json().unwrap());
}
