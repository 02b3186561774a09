//! The seed signal (shared/seed/000_4e6fc79684614b7f.txt): its three extractions, worded as a
//! model reading each source article would word them, cluster into one signal; sibling theses
//! that share most of their words do not join it.

use bellwether_score::{ClusterConfig, ExtractionFeatures, SignalClusters};

const TAGS: [&str; 4] = ["structural", "regulatory", "technological", "AI"];

/// One extraction per source article of the seed signal.
fn seed_extractions() -> Vec<ExtractionFeatures> {
    vec![
        ExtractionFeatures::new(
            "seed-x1",
            "the-software-layer-of-china-us-tech-diplomacy",
            "US export controls on AI chips are being outrun: capability moves through software and \
             distillation, accelerating adversary AI self-sufficiency",
        )
        .with_actors(["BIS", "Anthropic"])
        .with_regions(["US", "CN"])
        .with_tags(TAGS),
        ExtractionFeatures::new(
            "seed-x2",
            "white-house-accuses-china-of-industrial-scale-theft",
            "Chip export controls push Chinese AI firms to distillation attacks on US models, \
             accelerating China’s AI self-sufficiency rather than freezing capabilities",
        )
        .with_actors(["OpenAI", "Anthropic", "BIS"])
        .with_regions(["US", "CN"])
        .with_tags(TAGS),
        ExtractionFeatures::new(
            "seed-x3",
            "the-g-2-reality",
            "U.S. chip export controls accelerate Chinese AI self-sufficiency: DeepSeek shows \
             hardware denial compresses innovation timelines",
        )
        .with_actors(["DeepSeek"])
        .with_regions(["US", "CN"])
        .with_tags(["structural", "technological", "AI"]),
    ]
}

/// Theses that share most words with the seed's but claim something else.
fn siblings() -> Vec<ExtractionFeatures> {
    vec![
        // The opposite effect.
        ExtractionFeatures::new(
            "sibling-slow",
            "article-slow",
            "US chip export controls slow Chinese AI self-sufficiency: DeepSeek shows hardware \
             denial stalls innovation timelines",
        )
        .with_actors(["DeepSeek", "BIS"])
        .with_regions(["US", "CN"])
        .with_tags(TAGS),
        // Another country.
        ExtractionFeatures::new(
            "sibling-russia",
            "article-russia",
            "US chip export controls accelerate Russian AI self-sufficiency",
        )
        .with_actors(["BIS"])
        .with_regions(["US", "RU"])
        .with_tags(TAGS),
    ]
}

#[test]
fn seed_extractions_form_one_signal_in_batch_and_siblings_stay_apart() {
    let mut all = seed_extractions();
    all.extend(siblings());
    let clusters = SignalClusters::batch(ClusterConfig::default(), all).unwrap();
    let signal = clusters.signal_of("seed-x1").unwrap();
    assert_eq!(clusters.signal_of("seed-x2"), Some(signal));
    assert_eq!(clusters.signal_of("seed-x3"), Some(signal));
    assert_ne!(clusters.signal_of("sibling-slow"), Some(signal));
    assert_ne!(clusters.signal_of("sibling-russia"), Some(signal));
    assert_eq!(clusters.members(signal).unwrap().count(), 3);
    assert_eq!(
        clusters.articles(signal).unwrap(),
        [
            "the-g-2-reality",
            "the-software-layer-of-china-us-tech-diplomacy",
            "white-house-accuses-china-of-industrial-scale-theft"
        ]
    );
}

#[test]
fn seed_extractions_reinforce_one_signal_when_assigned_one_by_one() {
    let mut clusters = SignalClusters::new(ClusterConfig::default());
    let mut extractions = seed_extractions().into_iter();
    let first = clusters.assign(extractions.next().unwrap()).unwrap();
    assert!(!first.is_reinforcement());
    for extraction in extractions {
        let assignment = clusters.assign(extraction).unwrap();
        assert!(assignment.is_reinforcement());
        assert_eq!(assignment.signal, first.signal);
    }
    for sibling in siblings() {
        let assignment = clusters.assign(sibling).unwrap();
        assert!(!assignment.is_reinforcement(), "{assignment:?}");
        assert_ne!(assignment.signal, first.signal);
    }
    assert_eq!(clusters.signal_count(), 3);
}
