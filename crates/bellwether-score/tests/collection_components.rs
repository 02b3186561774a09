//! Batch clustering cut into pieces gives exactly the batch: statistics gathered per partition and
//! merged, links searched per slice, clustering per connected component, one global numbering.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};

use bellwether_score::{
    ClusterConfig, ClusterError, ClusteredExtraction, CollectionStatistics, ExtractionFeatures,
    PairLink, SignalClusters, SignalId, SimilarityGraph, connected_components, number_signals,
};
use proptest::prelude::*;

/// Words of generated theses: lexicon concepts, a word the lexicon does not know (`quadcopters`,
/// which induction can learn), direction words and plain words; low indices are drawn more.
const WORDS: &[&str] = &[
    "export",
    "controls",
    "chips",
    "China",
    "accelerate",
    "self-sufficiency",
    "drones",
    "quadcopters",
    "tariffs",
    "slow",
    "investment",
    "sanctions",
    "oil",
    "prices",
    "rise",
    "fall",
    "steel",
    "wheat",
    "drought",
    "models",
    "domestic",
    "production",
    "innovation",
    "hardware",
];

/// Word, actor, region and tag indices of one drawn extraction.
type RawExtraction = (Vec<usize>, Vec<usize>, Vec<usize>, Vec<usize>);

fn extraction() -> impl Strategy<Value = RawExtraction> {
    let word = (0usize..WORDS.len(), 0usize..WORDS.len()).prop_map(|(a, b)| a.min(b));
    (
        proptest::collection::vec(word, 2..8),
        proptest::collection::vec(0usize..3, 0..2),
        proptest::collection::vec(0usize..3, 0..3),
        proptest::collection::vec(0usize..2, 0..2),
    )
}

/// The extractions drawn, named so that identifier order differs from drawing order.
fn extractions_from(raw: &[RawExtraction]) -> Vec<ExtractionFeatures> {
    raw.iter()
        .enumerate()
        .map(|(i, (words, actors, regions, tags))| {
            let thesis: Vec<&str> = words.iter().map(|w| WORDS[*w]).collect();
            ExtractionFeatures::new(
                format!("x{:03}", (i * 37) % 1000),
                format!("a{}", i / 2),
                thesis.join(" "),
            )
            .with_actors(actors.iter().map(|a| ["BIS", "DeepSeek", "Nvidia"][*a]))
            .with_regions(regions.iter().map(|r| ["US", "CN", "RU"][*r]))
            .with_tags(tags.iter().map(|t| ["trade", "energy"][*t]))
        })
        .collect()
}

fn config(postings_limit: usize, min_support: f64) -> ClusterConfig {
    ClusterConfig::builder()
        .postings_limit(postings_limit)
        .min_support(min_support)
        .build()
        .unwrap()
}

/// Each extraction's signal after one batch over all of them, and the saved state.
fn batch_signals(
    config: ClusterConfig,
    all: &[ExtractionFeatures],
) -> (BTreeMap<String, SignalId>, String) {
    let clusters = SignalClusters::batch(config, all.to_vec()).unwrap();
    let signals = all
        .iter()
        .map(|f| {
            let signal = clusters.signal_of(&f.extraction_id).unwrap();
            (f.extraction_id.clone(), signal)
        })
        .collect();
    (signals, serde_json::to_string(&clusters).unwrap())
}

/// The pieces an engine would run, each partition on its own: statistics per partition merged
/// in `merge_order`, links searched per partition, components clustered `per_call` at a time.
fn in_pieces(
    config: ClusterConfig,
    partitions: &[Vec<ExtractionFeatures>],
    merge_order: &[usize],
    per_call: usize,
) -> (Vec<PairLink>, BTreeMap<String, SignalId>, String) {
    let partials: Vec<CollectionStatistics> = partitions
        .iter()
        .map(|partition| {
            let mut statistics = CollectionStatistics::new();
            for features in partition {
                statistics.observe(features.clone()).unwrap();
            }
            statistics
        })
        .collect();
    let mut statistics = CollectionStatistics::new();
    for index in merge_order {
        statistics.merge(partials[*index].clone()).unwrap();
    }
    let model = statistics.model(config).unwrap();
    let mut links = Vec::new();
    for partition in partitions {
        let ids: Vec<&str> = partition.iter().map(|f| f.extraction_id.as_str()).collect();
        links.extend(model.links_for(&ids).unwrap());
    }
    let all_ids: Vec<&str> = model
        .extractions()
        .iter()
        .map(|f| f.extraction_id.as_str())
        .collect();
    let components = connected_components(&all_ids, &links).unwrap();
    let mut clustered: Vec<ClusteredExtraction> = Vec::new();
    // Later components first: the numbering must not depend on the order pieces finish in.
    for group in components.rchunks(per_call.max(1)) {
        let ids: Vec<&String> = group.iter().flatten().collect();
        let members: BTreeSet<&String> = ids.iter().copied().collect();
        let inside: Vec<PairLink> = links
            .iter()
            .filter(|link| members.contains(&link.left))
            .cloned()
            .collect();
        clustered.extend(model.cluster(&ids, &inside).unwrap());
    }
    let signals = number_signals(clustered).unwrap();
    let state = serde_json::to_string(&model.into_clusters(&signals).unwrap()).unwrap();
    (links, signals, state)
}

/// The links of one batch over all extractions, by identifier.
fn batch_links(config: ClusterConfig, all: &[ExtractionFeatures]) -> Vec<(String, String, u64)> {
    let graph = SimilarityGraph::build(config, all.to_vec()).unwrap();
    let ids = graph.extractions();
    let mut links: Vec<(String, String, u64)> = graph
        .links()
        .iter()
        .map(|l| {
            (
                ids[l.left].extraction_id.clone(),
                ids[l.right].extraction_id.clone(),
                l.similarity.to_bits(),
            )
        })
        .collect();
    links.sort();
    links
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn clustering_each_component_with_the_collections_statistics_is_the_batch(
        raw in proptest::collection::vec(extraction(), 1..48),
        duplicates in proptest::collection::vec(0usize..48, 0..24),
        partition_of in proptest::collection::vec(0usize..8, 72),
        partitions in 1usize..=8,
        merge_seed in any::<u64>(),
        per_call in 1usize..4,
        postings_limit in prop_oneof![Just(usize::MAX), Just(500usize), 1usize..6],
        min_support in 0.3f64..0.9,
    ) {
        // Repeated theses (other extractions of the same claim) make components larger.
        let mut raw = raw;
        for index in duplicates {
            if let Some(copy) = raw.get(index % raw.len()).cloned() {
                raw.push(copy);
            }
        }
        let all = extractions_from(&raw);
        let config = config(postings_limit, min_support);
        let mut split = vec![Vec::new(); partitions];
        for (i, features) in all.iter().enumerate() {
            split[partition_of[i % partition_of.len()] % partitions].push(features.clone());
        }
        let mut merge_order: Vec<usize> = (0..partitions).collect();
        merge_order.rotate_left((merge_seed as usize) % partitions);
        if merge_seed % 2 == 1 {
            merge_order.reverse();
        }

        let (links, signals, state) = in_pieces(config, &split, &merge_order, per_call);
        let mut found: Vec<(String, String, u64)> = links
            .iter()
            .map(|l| (l.left.clone(), l.right.clone(), l.similarity.to_bits()))
            .collect();
        found.sort();
        prop_assert_eq!(found, batch_links(config, &all));
        let (batch_signals, batch_state) = batch_signals(config, &all);
        prop_assert_eq!(signals, batch_signals);
        // The state rebuilt from the numbering saves byte for byte as the batch's.
        prop_assert_eq!(state, batch_state);
    }

    #[test]
    fn merging_statistics_is_commutative_associative_and_idempotent(
        raw in proptest::collection::vec(extraction(), 0..24),
        cut in 0usize..24,
    ) {
        let all = extractions_from(&raw);
        let (left, right) = all.split_at(cut.min(all.len()));
        let of = |part: &[ExtractionFeatures]| {
            let mut statistics = CollectionStatistics::new();
            for features in part {
                statistics.observe(features.clone()).unwrap();
            }
            statistics
        };
        let mut left_right = of(left);
        left_right.merge(of(right)).unwrap();
        let mut right_left = of(right);
        right_left.merge(of(left)).unwrap();
        prop_assert_eq!(&left_right, &right_left);
        let again = left_right.clone();
        left_right.merge(again).unwrap();
        left_right.merge(of(left)).unwrap();
        prop_assert_eq!(&left_right, &right_left);
        prop_assert_eq!(left_right, of(&all));
    }
}

#[test]
fn learned_synonyms_come_from_the_whole_collection() {
    let theses = [
        (
            "a1",
            "Export controls on drones spur Chinese self-sufficiency",
            ["US", "CN"],
        ),
        (
            "a2",
            "Export controls on quadcopters spur Chinese self-sufficiency",
            ["US", "CN"],
        ),
        (
            "b1",
            "Tariffs on drones hold back Indian investment",
            ["US", "IN"],
        ),
        (
            "b2",
            "Tariffs on quadcopters hold back Indian investment",
            ["US", "IN"],
        ),
    ];
    let all: Vec<ExtractionFeatures> = theses
        .iter()
        .map(|(id, thesis, regions)| {
            ExtractionFeatures::new(*id, format!("article-{id}"), *thesis).with_regions(*regions)
        })
        .collect();
    // Each partition alone has one context for `quadcopters`; learning needs two.
    let mut statistics = CollectionStatistics::new();
    for features in &all {
        let mut partition = CollectionStatistics::new();
        partition.observe(features.clone()).unwrap();
        statistics.merge(partition).unwrap();
    }
    let model = statistics.model(ClusterConfig::default()).unwrap();
    let batch = SignalClusters::batch(ClusterConfig::default(), all).unwrap();
    assert_eq!(model.learned_synonyms(), batch.learned_synonyms());
    assert_eq!(model.learned_synonyms().len(), 1);
}

#[test]
fn statistics_refuse_two_extractions_with_one_identifier() {
    let mut statistics = CollectionStatistics::new();
    statistics
        .observe(ExtractionFeatures::new(
            "x1",
            "a1",
            "Export controls spur chip self-reliance",
        ))
        .unwrap();
    statistics
        .observe(ExtractionFeatures::new(
            "x1",
            "a1",
            "Export controls spur chip self-reliance",
        ))
        .unwrap();
    let other = ExtractionFeatures::new("x1", "a2", "Oil prices rise");
    assert!(matches!(
        statistics.observe(other.clone()),
        Err(ClusterError::DuplicateExtraction { extraction_id }) if extraction_id == "x1"
    ));
    let mut conflicting = CollectionStatistics::new();
    conflicting.observe(other).unwrap();
    let before = statistics.clone();
    assert!(statistics.merge(conflicting).is_err());
    assert_eq!(statistics, before);
}

#[test]
fn the_model_refuses_unknown_extractions_and_links_leaving_the_component() {
    let mut statistics = CollectionStatistics::new();
    for (id, thesis) in [
        ("x1", "Export curbs spur Chinese chip self-reliance"),
        ("x2", "Chip export curbs spur self-reliance in China"),
        ("x3", "Oil prices rise on Russian sanctions"),
    ] {
        statistics
            .observe(ExtractionFeatures::new(id, id, thesis))
            .unwrap();
    }
    let model = statistics.model(ClusterConfig::default()).unwrap();
    assert!(matches!(
        model.link("x1", "nope"),
        Err(ClusterError::UnknownExtraction { extraction_id }) if extraction_id == "nope"
    ));
    let links = model.links_for(&["x1", "x2", "x3"]).unwrap();
    assert_eq!(links.len(), 1);
    assert!(matches!(
        model.cluster(&["x1"], &links),
        Err(ClusterError::UnknownExtraction { extraction_id }) if extraction_id == "x2"
    ));
    assert!(matches!(
        model.cluster(&["x3", "x3"], &[]),
        Err(ClusterError::DuplicateExtraction { .. })
    ));
    let one = model.cluster(&["x2", "x1"], &links).unwrap();
    assert_eq!(one.len(), 2);
    assert_eq!(one[0].leader, one[1].leader);
    let mut clustered = one.clone();
    clustered.extend(model.cluster(&["x3"], &[]).unwrap());
    clustered.extend(one); // the same piece again counts once
    let signals = number_signals(clustered).unwrap();
    assert_eq!(signals["x1"], signals["x2"]);
    assert_ne!(signals["x1"], signals["x3"]);
    assert_eq!(
        signals["x1"],
        SignalId::new(0),
        "the linked pair leads in pivot order"
    );
}
