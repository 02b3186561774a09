//! Pairwise precision and recall on labelled generated streams (see `stream.rs`).
//!
//! Targets from the issue: precision ≥ 0.99 and recall ≥ 0.93. The default configuration does
//! not reach them on this generator (see the crate's notes); the floors asserted here are what it
//! does reach with a margin, so that a regression fails the build. Seeds 11 and 12 were not used
//! when choosing the defaults.

use bellwether_score::{ClusterConfig, SignalClusters};

use crate::stream::{StreamShape, generate, pairwise_precision_recall};

const SHAPE: StreamShape = StreamShape {
    claims: 300,
    sibling_rate: 0.35,
    mean_extra: 3.0,
};

#[test]
fn batch_clustering_pairwise_precision_and_recall_on_generated_streams() {
    for seed in [11, 12] {
        let stream = generate(seed, &SHAPE);
        let truth: Vec<usize> = stream.iter().map(|l| l.label).collect();
        let clusters = SignalClusters::batch(
            ClusterConfig::default(),
            stream.iter().map(|l| l.features.clone()).collect(),
        )
        .unwrap();
        let predicted: Vec<u64> = stream
            .iter()
            .map(|l| clusters.signal_of(&l.features.extraction_id).unwrap().get())
            .collect();
        let (precision, recall, both, predicted_pairs, true_pairs) =
            pairwise_precision_recall(&truth, &predicted);
        println!(
            "batch seed {seed}: {} extractions of {} claims, {} signals; pairwise precision {precision:.3} recall {recall:.3} ({both} correct of {predicted_pairs} predicted pairs, {true_pairs} true pairs)",
            stream.len(),
            SHAPE.claims,
            clusters.signal_count()
        );
        assert!(
            precision >= 0.85,
            "precision {precision:.3} fell below 0.85"
        );
        assert!(recall >= 0.84, "recall {recall:.3} fell below 0.84");
    }
}

#[test]
fn incremental_assignment_pairwise_precision_and_recall_on_generated_streams() {
    for seed in [11, 12] {
        let stream = generate(seed, &SHAPE);
        let truth: Vec<usize> = stream.iter().map(|l| l.label).collect();
        let mut clusters = SignalClusters::new(ClusterConfig::default());
        let predicted: Vec<u64> = stream
            .iter()
            .map(|l| clusters.assign(l.features.clone()).unwrap().signal.get())
            .collect();
        let (precision, recall, both, predicted_pairs, true_pairs) =
            pairwise_precision_recall(&truth, &predicted);
        println!(
            "incremental seed {seed}: {} extractions, {} signals; pairwise precision {precision:.3} recall {recall:.3} ({both} correct of {predicted_pairs} predicted pairs, {true_pairs} true pairs)",
            stream.len(),
            clusters.signal_count()
        );
        assert!(
            precision >= 0.90,
            "precision {precision:.3} fell below 0.90"
        );
        assert!(recall >= 0.75, "recall {recall:.3} fell below 0.75");
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
    // Syndicated copies: same thesis, different article.
    let syndicated = first.iter().any(|a| {
        first.iter().any(|b| {
            a.features.thesis == b.features.thesis && a.features.article_id != b.features.article_id
        })
    });
    assert!(syndicated);
    let labels: std::collections::BTreeSet<usize> = first.iter().map(|l| l.label).collect();
    assert!(
        labels.len() > 250,
        "most claims have at least one extraction"
    );
}
