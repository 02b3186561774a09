//! Merging and splitting signals, their errors, and the lineage they leave.

use bellwether_score::{
    ClusterConfig, ClusterError, ExtractionFeatures, LineageEdge, LineageEvent, LineageNode,
    SignalClusters, SignalId,
};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};

fn two_signals() -> (SignalClusters, SignalId, SignalId) {
    let mut clusters = SignalClusters::new(ClusterConfig::default());
    let chips = clusters
        .assign(
            ExtractionFeatures::new(
                "c1",
                "a1",
                "US chip export controls accelerate Chinese AI self-sufficiency",
            )
            .with_actors(["BIS"])
            .with_regions(["US", "CN"]),
        )
        .unwrap()
        .signal;
    clusters
        .assign(
            ExtractionFeatures::new(
                "c2",
                "a2",
                "Chip export controls accelerate China's AI self-sufficiency",
            )
            .with_actors(["BIS"])
            .with_regions(["US", "CN"]),
        )
        .unwrap();
    let wheat = clusters
        .assign(
            ExtractionFeatures::new("w1", "a3", "Drought lifts wheat prices across Europe")
                .with_regions(["EU"]),
        )
        .unwrap()
        .signal;
    (clusters, chips, wheat)
}

#[test]
fn merge_moves_members_and_retires_the_absorbed_signal() {
    let (mut clusters, chips, wheat) = two_signals();
    assert_eq!(clusters.merge(chips, wheat).unwrap(), chips);
    assert_eq!(clusters.signal_of("w1"), Some(chips));
    assert_eq!(clusters.signal_count(), 1);
    assert_eq!(clusters.resolve(wheat).unwrap(), chips);
    assert_eq!(
        clusters.articles(wheat).unwrap_err(),
        ClusterError::RetiredSignal {
            signal: wheat,
            merged_into: chips
        }
    );
    assert_eq!(
        clusters.lineage_events(),
        [LineageEvent::Merged {
            from: wheat,
            into: chips
        }]
    );
}

#[test]
fn rejects_merging_a_signal_with_itself_or_an_unknown_one() {
    let (mut clusters, chips, _) = two_signals();
    assert_eq!(
        clusters.merge(chips, chips).unwrap_err(),
        ClusterError::SelfMerge { signal: chips }
    );
    let unknown = SignalId::new(99);
    assert_eq!(
        clusters.merge(chips, unknown).unwrap_err(),
        ClusterError::UnknownSignal { signal: unknown }
    );
    assert_eq!(clusters.signal_count(), 2, "nothing changed");
}

#[test]
fn split_moves_named_extractions_to_a_new_signal() {
    let (mut clusters, chips, _) = two_signals();
    let new = clusters.split(chips, &["c2"]).unwrap();
    assert_ne!(new, chips);
    assert_eq!(clusters.signal_of("c2"), Some(new));
    assert_eq!(clusters.signal_of("c1"), Some(chips));
    assert_eq!(clusters.articles(new).unwrap(), ["a2"]);
}

#[test]
fn rejects_splits_that_move_nothing_everything_or_foreign_extractions() {
    let (mut clusters, chips, wheat) = two_signals();
    let none: [&str; 0] = [];
    assert!(matches!(
        clusters.split(chips, &none).unwrap_err(),
        ClusterError::InvalidSplit {
            moving: 0,
            members: 2,
            ..
        }
    ));
    assert!(matches!(
        clusters.split(chips, &["c1", "c2"]).unwrap_err(),
        ClusterError::InvalidSplit {
            moving: 2,
            members: 2,
            ..
        }
    ));
    assert_eq!(
        clusters.split(chips, &["w1"]).unwrap_err(),
        ClusterError::NotInSignal {
            extraction_id: "w1".into(),
            signal: chips,
            actual: wheat
        }
    );
    assert_eq!(
        clusters.split(chips, &["nope"]).unwrap_err(),
        ClusterError::UnknownExtraction {
            extraction_id: "nope".into()
        }
    );
}

#[test]
fn lineage_graph_keeps_every_extraction_with_its_article_through_merge_and_split() {
    let (mut clusters, chips, wheat) = two_signals();
    clusters.merge(wheat, chips).unwrap();
    let split = clusters.split(wheat, &["c1"]).unwrap();
    let graph = clusters.lineage();
    let mut seen = Vec::new();
    for node in graph.node_indices() {
        if let LineageNode::Extraction {
            extraction_id,
            article_id,
        } = &graph[node]
        {
            let owners: Vec<_> = graph
                .edges_directed(node, petgraph::Direction::Incoming)
                .filter(|edge| *edge.weight() == LineageEdge::Contains)
                .map(|edge| graph[edge.source()].clone())
                .collect();
            let expected = clusters.signal_of(extraction_id).unwrap();
            assert_eq!(owners, [LineageNode::Signal(expected)]);
            seen.push((extraction_id.clone(), article_id.clone()));
        }
    }
    seen.sort();
    assert_eq!(
        seen,
        [
            ("c1".into(), "a1".into()),
            ("c2".into(), "a2".into()),
            ("w1".into(), "a3".into())
        ]
    );
    let former = graph
        .edge_references()
        .filter(|edge| *edge.weight() == LineageEdge::FormerlyContained)
        .count();
    assert_eq!(former, 3, "c1 and c2 left chips, then c1 left wheat");
    assert_eq!(clusters.signal_of("c1"), Some(split));
}

#[test]
fn rejects_duplicate_and_empty_extractions_without_changing_anything() {
    let (mut clusters, _, _) = two_signals();
    assert_eq!(
        clusters
            .assign(ExtractionFeatures::new("c1", "a9", "Anything at all"))
            .unwrap_err(),
        ClusterError::DuplicateExtraction {
            extraction_id: "c1".into()
        }
    );
    assert!(matches!(
        clusters
            .assign(ExtractionFeatures::new("e", "a9", "  — , . "))
            .unwrap_err(),
        ClusterError::EmptyThesis { .. }
    ));
    assert_eq!(clusters.extraction_count(), 3);
}

#[test]
fn saved_state_restores_memberships_and_lineage() {
    let (mut clusters, chips, wheat) = two_signals();
    clusters.merge(chips, wheat).unwrap();
    let split = clusters.split(chips, &["w1"]).unwrap();
    clusters
        .assign(
            ExtractionFeatures::new("w2", "a4", "Drought lifts wheat prices in Europe")
                .with_regions(["EU"]),
        )
        .unwrap();
    let json = serde_json::to_string(&clusters).unwrap();
    let restored: SignalClusters = serde_json::from_str(&json).unwrap();
    for id in ["c1", "c2", "w1", "w2"] {
        assert_eq!(restored.signal_of(id), clusters.signal_of(id), "{id}");
    }
    assert_eq!(restored.signal_of("w2"), Some(split));
    assert_eq!(restored.lineage_events(), clusters.lineage_events());
    assert_eq!(serde_json::to_string(&restored).unwrap(), json);
}

#[test]
fn rejects_a_saved_state_whose_memberships_do_not_follow_from_its_events() {
    let (clusters, _, _) = two_signals();
    let mut value: serde_json::Value = serde_json::to_value(&clusters).unwrap();
    value["extractions"][2]["signal"] = serde_json::json!(0);
    let error = serde_json::from_value::<SignalClusters>(value).unwrap_err();
    assert!(error.to_string().contains("corrupt"), "{error}");
}
