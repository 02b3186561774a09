//! Pairwise precision and recall on labelled generated streams.

use bellwether_score::{ClusterConfig, SignalClusters};

use crate::stream::{StreamShape, generate, pairwise_precision_recall};

fn shape() -> StreamShape {
    StreamShape {
        claims: 600,
        sibling_rate: 0.35,
        mean_extra: 3.0,
    }
}

#[test]
fn batch_clustering_meets_precision_and_recall_targets_on_generated_streams() {
    for seed in [1, 2, 3] {
        let stream = generate(seed, &shape());
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
            "batch seed {seed}: {} extractions, {} signals found; pairwise precision {precision:.4} recall {recall:.4} ({both} of {predicted_pairs} predicted, {true_pairs} true pairs)",
            stream.len(),
            clusters.signal_count()
        );
    }
}

#[test]
fn incremental_assignment_meets_precision_and_recall_targets_on_generated_streams() {
    for seed in [1, 2, 3] {
        let stream = generate(seed, &shape());
        let truth: Vec<usize> = stream.iter().map(|l| l.label).collect();
        let mut clusters = SignalClusters::new(ClusterConfig::default());
        let predicted: Vec<u64> = stream
            .iter()
            .map(|l| clusters.assign(l.features.clone()).unwrap().signal.get())
            .collect();
        let (precision, recall, both, predicted_pairs, true_pairs) =
            pairwise_precision_recall(&truth, &predicted);
        println!(
            "incremental seed {seed}: {} signals found; pairwise precision {precision:.4} recall {recall:.4} ({both} of {predicted_pairs} predicted, {true_pairs} true pairs)",
            clusters.signal_count()
        );
    }
}

#[test]
fn print_sample() {
    for l in generate(7, &shape()).iter().take(40) {
        println!(
            "{:4} {:?} {:?} {:?} | {}",
            l.label, l.features.actors, l.features.regions, l.features.tags, l.features.thesis
        );
    }
}
