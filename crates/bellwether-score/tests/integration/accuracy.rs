//! Pairwise precision and recall on labelled generated streams (see `stream.rs`), with the
//! errors broken down by case kind.
//!
//! Targets from the issue: precision ≥ 0.99 and recall ≥ 0.93. The defaults (including the
//! thresholds of synonym induction) were chosen on seeds 1–4 (`tuning_seeds_report`); seeds
//! 11–14 are held out and reported here. On them the defaults reach P 0.989–0.998,
//! R 0.974–0.992 (batch) and P 0.981–0.999, R 0.928–0.955 (incremental); without synonym
//! induction they reached P 0.964–0.994, R 0.907–0.941 (batch) and P 0.974–0.995,
//! R 0.872–0.926 (incremental).
//!
//! Nearly every remaining error involves a wording outside the synonym lexicon
//! (`UNCOMMON_RATE` in `stream.rs`). Synonym induction learns most of them from the stream
//! itself (a word that takes one concept's place in several otherwise matching theses), but
//! not a wording seen in a single context, which still looks like a paraphrase using a synonym
//! nobody knows. Incremental assignment trails the batch: it cannot revisit an extraction
//! placed before a word it uses was learned. The breakdown printed with `--nocapture` shows
//! it. The floors asserted here are what is reached, with a small margin, so that a regression
//! fails the build.

use std::collections::BTreeMap;

use bellwether_score::{ClusterConfig, SignalClusters};

use crate::stream::{
    Labelled, Origin, StreamShape, generate, pairwise_precision_recall, uses_uncommon_wording,
};

const SHAPE: StreamShape = StreamShape {
    claims: 300,
    sibling_rate: 0.35,
    mean_extra: 3.0,
};

/// Held-out seeds (not used when choosing the defaults).
const SEEDS: [u64; 4] = [11, 12, 13, 14];

/// Seeds the defaults are chosen on.
const TUNING_SEEDS: [u64; 4] = [1, 2, 3, 4];

/// Counts of wrongly merged and wrongly separated pairs by kind of case; a kind ends in
/// `+uncommon` when either extraction uses a wording outside the lexicon.
fn breakdown(
    stream: &[Labelled],
    predicted: &[u64],
) -> (BTreeMap<String, u64>, BTreeMap<String, u64>) {
    let mut merged = BTreeMap::new();
    let mut separated = BTreeMap::new();
    let uncommon: Vec<bool> = stream
        .iter()
        .map(|l| uses_uncommon_wording(&l.features.thesis))
        .collect();
    for (i, a) in stream.iter().enumerate() {
        for (j, b) in stream.iter().enumerate().take(i) {
            let same = predicted[i] == predicted[j];
            if same == (a.label == b.label) {
                continue;
            }
            let uncommon = uncommon[i] || uncommon[j];
            let suffix = if uncommon { "+uncommon" } else { "" };
            if same && a.label != b.label {
                let kind = match (a.sibling_of, b.sibling_of) {
                    (Some((parent, kind)), _) if parent == b.label => format!("sibling {kind:?}"),
                    (_, Some((parent, kind))) if parent == a.label => format!("sibling {kind:?}"),
                    _ => "unrelated claims".to_owned(),
                };
                *merged.entry(format!("{kind}{suffix}")).or_default() += 1;
            } else if !same && a.label == b.label {
                let follows = a.follows.as_deref() == Some(b.features.extraction_id.as_str())
                    || b.follows.as_deref() == Some(a.features.extraction_id.as_str());
                let kind = if follows {
                    let origin = if a.origin == Origin::Wording {
                        b.origin
                    } else {
                        a.origin
                    };
                    format!("{origin:?}")
                } else {
                    "paraphrase".to_owned()
                };
                *separated.entry(format!("{kind}{suffix}")).or_default() += 1;
            }
        }
    }
    (merged, separated)
}

/// How a stream is clustered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// All at once with [`SignalClusters::batch`].
    Batch,
    /// One by one, in stream order, with [`SignalClusters::assign`].
    Incremental,
}

/// Clusters one stream, prints pairwise precision and recall with the breakdown of errors by
/// case kind, and returns `(precision, recall)`.
fn measure(mode: Mode, label: &str, seed: u64, stream: &[Labelled]) -> (f64, f64) {
    let (predicted, signals): (Vec<u64>, usize) = match mode {
        Mode::Batch => {
            let clusters = SignalClusters::batch(
                ClusterConfig::default(),
                stream.iter().map(|l| l.features.clone()).collect(),
            )
            .unwrap();
            let predicted = stream
                .iter()
                .map(|l| clusters.signal_of(&l.features.extraction_id).unwrap().get())
                .collect();
            (predicted, clusters.signal_count())
        }
        Mode::Incremental => {
            let mut clusters = SignalClusters::new(ClusterConfig::default());
            let predicted = stream
                .iter()
                .map(|l| clusters.assign(l.features.clone()).unwrap().signal.get())
                .collect();
            (predicted, clusters.signal_count())
        }
    };
    let truth: Vec<usize> = stream.iter().map(|l| l.label).collect();
    let (precision, recall, both, predicted_pairs, true_pairs) =
        pairwise_precision_recall(&truth, &predicted);
    let (merged, separated) = breakdown(stream, &predicted);
    println!(
        "{label} seed {seed}: {} extractions, {signals} signals; pairwise precision {precision:.3} recall {recall:.3} ({both} correct of {predicted_pairs} predicted pairs, {true_pairs} true pairs)\n  wrongly merged pairs: {merged:?}\n  wrongly separated pairs: {separated:?}",
        stream.len(),
    );
    (precision, recall)
}

/// Measures every seed in `mode` and asserts the floors.
fn assert_floors(mode: Mode, seeds: &[u64], min_precision: f64, min_recall: f64) {
    let label = match mode {
        Mode::Batch => "batch",
        Mode::Incremental => "incremental",
    };
    for seed in seeds {
        let (precision, recall) = measure(mode, label, *seed, &generate(*seed, &SHAPE));
        assert!(
            precision >= min_precision,
            "{label} seed {seed}: precision {precision:.3} fell below {min_precision}"
        );
        assert!(
            recall >= min_recall,
            "{label} seed {seed}: recall {recall:.3} fell below {min_recall}"
        );
    }
}

#[test]
fn batch_clustering_pairwise_precision_and_recall_on_generated_streams() {
    assert_floors(Mode::Batch, &SEEDS, 0.985, 0.97);
}

#[test]
fn incremental_assignment_pairwise_precision_and_recall_on_generated_streams() {
    assert_floors(Mode::Incremental, &SEEDS, 0.975, 0.92);
}

/// The figures on the seeds the defaults are tuned on; run with
/// `cargo test -p bellwether-score --test integration tuning_seeds -- --ignored --nocapture`.
#[test]
#[ignore = "a report for tuning, not a check"]
fn tuning_seeds_report() {
    for mode in [Mode::Batch, Mode::Incremental] {
        assert_floors(mode, &TUNING_SEEDS, 0.0, 0.0);
    }
}

#[test]
fn without_uncommon_wordings_every_claim_is_recovered_almost_exactly() {
    // The same streams with the out-of-lexicon wordings left out: what the lexicon and guards
    // reach when the vocabulary is known.
    for seed in SEEDS {
        let stream: Vec<Labelled> = generate(seed, &SHAPE)
            .into_iter()
            .filter(|l| !uses_uncommon_wording(&l.features.thesis))
            .collect();
        let (precision, recall) =
            measure(Mode::Batch, "batch, lexicon wordings only,", seed, &stream);
        assert!(
            precision >= 0.99,
            "precision {precision:.3} fell below 0.99"
        );
        assert!(recall >= 0.99, "recall {recall:.3} fell below 0.99");
    }
}

#[test]
fn generated_streams_are_reproducible_and_hold_every_kind_of_case() {
    let first = generate(5, &SHAPE);
    let again = generate(5, &SHAPE);
    assert_eq!(
        first.iter().map(|l| &l.features).collect::<Vec<_>>(),
        again.iter().map(|l| &l.features).collect::<Vec<_>>()
    );
    let origins: std::collections::BTreeSet<Origin> = first.iter().map(|l| l.origin).collect();
    assert_eq!(
        origins.len(),
        3,
        "wordings, syndicated copies and same-outlet repeats"
    );
    // Syndicated copies: same thesis, different article.
    let syndicated = first.iter().any(|a| {
        first.iter().any(|b| {
            a.features.thesis == b.features.thesis && a.features.article_id != b.features.article_id
        })
    });
    assert!(syndicated);
    let sibling_kinds: std::collections::BTreeSet<_> = first
        .iter()
        .filter_map(|l| l.sibling_of.map(|(_, kind)| kind))
        .collect();
    assert_eq!(
        sibling_kinds.len(),
        4,
        "target, direction, sector and company siblings"
    );
    let uncommon = first
        .iter()
        .filter(|l| uses_uncommon_wording(&l.features.thesis))
        .count();
    assert!(
        uncommon * 5 > first.len(),
        "about a third of the wordings use a word outside the lexicon: {uncommon} of {}",
        first.len()
    );
    // Entity-poor extractions: a single actor and at most one region.
    assert!(
        first
            .iter()
            .any(|l| l.features.actors.len() == 1 && l.features.regions.len() == 1)
    );
    let labels: std::collections::BTreeSet<usize> = first.iter().map(|l| l.label).collect();
    assert!(
        labels.len() > 250,
        "most claims have at least one extraction"
    );
}
