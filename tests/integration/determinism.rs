//! The same articles in any order, and split into shards ingested apart and then absorbed, give
//! the same state and the same brief, byte for byte.

use bellwether::brief::{Composed, JsonRenderer, Render, RenderContext, TextRenderer};
use bellwether::signal::Extraction;
use bellwether::{Article, Pipeline};
use chrono::{DateTime, Utc};
use proptest::prelude::*;

/// The sample data plus extractions with verdicts (contradicting, reinforcing against
/// clustering, naming an unknown signal), so that every law below holds with references too.
fn deliveries() -> Vec<(Article, Extraction)> {
    let mut deliveries = crate::verdict::sample_deliveries();
    let extra = crate::verdict::verdict_deliveries(&deliveries);
    deliveries.extend(extra);
    deliveries
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
    render(&mut pipeline, now)
}

/// Splits the deliveries into shards (delivery `i` goes to shard `assignment[i]`), ingests
/// each shard in its own pipeline with `ingest_batch`, then absorbs the shards into one pipeline
/// in `merge_order`, composes once, and returns the saved state and the rendered brief.
fn run_sharded(
    deliveries: &[(Article, Extraction)],
    assignment: &[usize],
    merge_order: &[usize],
) -> (String, String) {
    let now: DateTime<Utc> = "2026-05-28T07:00:00Z".parse().unwrap();
    let shards: Vec<Pipeline> = (0..merge_order.len())
        .map(|shard| {
            let batch: Vec<(Article, Extraction)> = deliveries
                .iter()
                .zip(assignment)
                .filter(|(_, s)| **s == shard)
                .map(|(d, _)| d.clone())
                .collect();
            let mut pipeline = Pipeline::new();
            for result in pipeline.ingest_batch(&batch, now) {
                result.unwrap();
            }
            pipeline
        })
        .collect();
    let mut combined = Pipeline::new();
    for &shard in merge_order {
        combined.absorb(&shards[shard]).unwrap();
    }
    render(&mut combined, now)
}

/// Composes at `now` and returns the saved state and the brief as text and JSON.
fn render(pipeline: &mut Pipeline, now: DateTime<Utc>) -> (String, String) {
    let composed = pipeline.compose(now).unwrap();
    if let Composed::Brief(brief) = &composed {
        pipeline.record_delivery(brief).unwrap();
    }
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

/// A permutation of `0..len` drawn from `seed` (Fisher–Yates over a simple LCG), so that
/// proptest shrinks a seed rather than a vector.
fn permutation(len: usize, seed: u64) -> Vec<usize> {
    let mut shuffled: Vec<usize> = (0..len).collect();
    let mut state = seed;
    for i in (1..shuffled.len()).rev() {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        shuffled.swap(i, (state >> 33) as usize % (i + 1));
    }
    shuffled
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn any_shard_split_gives_identical_state_and_brief(
        shard_count in 1usize..=4,
        assignment_seed in any::<u64>(),
        merge_seed in any::<u64>(),
    ) {
        let deliveries = deliveries();
        // Each delivery to a shard drawn from the seed; some shards may stay empty.
        let mut state = assignment_seed;
        let assignment: Vec<usize> = (0..deliveries.len())
            .map(|_| {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                (state >> 33) as usize % shard_count
            })
            .collect();
        let merge_order = permutation(shard_count, merge_seed);
        let forward: Vec<usize> = (0..deliveries.len()).collect();
        let expected = run(&deliveries, &forward);
        let actual = run_sharded(&deliveries, &assignment, &merge_order);
        prop_assert_eq!(&actual.0, &expected.0);
        prop_assert_eq!(&actual.1, &expected.1);
    }
}

#[test]
fn absorbing_is_idempotent_and_absorbing_oneself_changes_nothing() {
    let deliveries = deliveries();
    let now: DateTime<Utc> = "2026-05-28T07:00:00Z".parse().unwrap();
    let mut pipeline = Pipeline::new();
    for result in pipeline.ingest_batch(&deliveries, now) {
        result.unwrap();
    }
    pipeline.compose(now).unwrap();
    let before = pipeline.to_json().unwrap();
    let path = std::env::temp_dir().join(format!(
        "bellwether-absorb-self-{}.json",
        std::process::id()
    ));
    pipeline.save(&path).unwrap();
    let copy = Pipeline::load(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    let report = pipeline.absorb(&copy).unwrap();
    assert!(report.is_unchanged(), "{report:?}");
    assert_eq!(pipeline.to_json().unwrap(), before);
}

#[test]
fn an_article_recorded_differently_in_two_shards_resolves_the_same_either_way() {
    let deliveries = deliveries();
    let now: DateTime<Utc> = "2026-05-28T07:00:00Z".parse().unwrap();
    let (article, extraction) = &deliveries[0];
    // The same article id from another outlet: a conflict both sides must resolve alike.
    let renamed = Article::new(
        article.id().clone(),
        article.source().title(),
        "Another Outlet",
        article.source().published(),
        article.text(),
    )
    .unwrap();
    let mut left = Pipeline::new();
    left.ingest(article, extraction, now).unwrap();
    let mut right = Pipeline::new();
    right.ingest(&renamed, extraction, now).unwrap();
    let mut left_right = Pipeline::new();
    left_right.absorb(&left).unwrap();
    let report = left_right.absorb(&right).unwrap();
    assert_eq!(report.conflicts, [article.id().clone()]);
    let mut right_left = Pipeline::new();
    right_left.absorb(&right).unwrap();
    right_left.absorb(&left).unwrap();
    assert_eq!(render(&mut left_right, now), render(&mut right_left, now));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn any_order_gives_identical_state_and_brief(seed in any::<u64>()) {
        let deliveries = deliveries();
        let forward: Vec<usize> = (0..deliveries.len()).collect();
        let shuffled = permutation(deliveries.len(), seed);
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
