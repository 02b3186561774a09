//! Invariants of clustering, checked with proptest on generated streams.

use std::collections::BTreeMap;

use bellwether_score::{ClusterConfig, ExtractionFeatures, SignalClusters, SimilarityGraph};
use petgraph::graph::UnGraph;
use proptest::prelude::*;

use crate::stream::{StreamShape, generate};

const SMALL: StreamShape = StreamShape {
    claims: 25,
    sibling_rate: 0.4,
    mean_extra: 3.0,
};

fn small_stream(seed: u64) -> Vec<ExtractionFeatures> {
    generate(seed, &SMALL)
        .into_iter()
        .map(|l| l.features)
        .collect()
}

fn labels(clusters: &SignalClusters) -> BTreeMap<String, u64> {
    clusters
        .signals()
        .flat_map(|signal| {
            clusters
                .members(signal)
                .unwrap()
                .map(move |m| (m.extraction_id.clone(), signal.get()))
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn batch_labels_do_not_depend_on_input_order(
        (stream, shuffled) in any::<u64>().prop_flat_map(|seed| {
            let stream = small_stream(seed);
            (Just(stream.clone()), Just(stream).prop_shuffle())
        })
    ) {
        let config = ClusterConfig::default();
        let first = SignalClusters::batch(config, stream).unwrap();
        let second = SignalClusters::batch(config, shuffled).unwrap();
        prop_assert_eq!(labels(&first), labels(&second));
        prop_assert_eq!(
            serde_json::to_string(&first).unwrap(),
            serde_json::to_string(&second).unwrap()
        );
    }

    #[test]
    fn union_find_components_equal_petgraph_strongly_connected_components(seed in any::<u64>()) {
        // A loose configuration so that components are large and chain together.
        let config = ClusterConfig::builder().threshold(0.3).actor_weight(0.1).tag_weight(0.1)
            .region_weight(0.05).build().unwrap();
        let graph = SimilarityGraph::build(config, small_stream(seed)).unwrap();
        let mut petgraph_graph = UnGraph::<(), ()>::new_undirected();
        let nodes: Vec<_> = (0..graph.extractions().len()).map(|_| petgraph_graph.add_node(())).collect();
        for link in graph.links() {
            petgraph_graph.add_edge(nodes[link.left], nodes[link.right], ());
        }
        let mut expected: Vec<Vec<usize>> = petgraph::algo::kosaraju_scc(&petgraph_graph)
            .into_iter()
            .map(|component| {
                let mut positions: Vec<usize> = component.into_iter().map(|n| n.index()).collect();
                positions.sort_unstable();
                positions
            })
            .collect();
        expected.sort();
        prop_assert_eq!(graph.components(), expected);
        prop_assert_eq!(
            graph.components().len(),
            petgraph::algo::connected_components(&petgraph_graph)
        );
    }

    #[test]
    fn every_batch_signal_member_is_linked_to_min_support_of_the_others_in_one_component(
        seed in any::<u64>()
    ) {
        let config = ClusterConfig::default();
        let graph = SimilarityGraph::build(config, small_stream(seed)).unwrap();
        let mut component_of: BTreeMap<String, usize> = BTreeMap::new();
        for (c, members) in graph.components().iter().enumerate() {
            for m in members {
                component_of.insert(graph.extractions()[*m].extraction_id.clone(), c);
            }
        }
        let linked: std::collections::BTreeSet<(String, String)> = graph
            .links()
            .iter()
            .map(|l| {
                let (a, b) = (&graph.extractions()[l.left].extraction_id, &graph.extractions()[l.right].extraction_id);
                (a.clone().min(b.clone()), a.clone().max(b.clone()))
            })
            .collect();
        let clusters = SignalClusters::from_graph(graph);
        for signal in clusters.signals() {
            let members: Vec<String> =
                clusters.members(signal).unwrap().map(|m| m.extraction_id.clone()).collect();
            // No member hangs on by a chain: each is linked to at least `min_support` of the rest.
            for member in &members {
                let links = members
                    .iter()
                    .filter(|m| *m != member && linked.contains(&(member.clone().min((*m).clone()), member.clone().max((*m).clone()))))
                    .count();
                #[allow(clippy::cast_precision_loss)]
                let needed = config.min_support() * (members.len() - 1) as f64;
                #[allow(clippy::cast_precision_loss)]
                let enough = links as f64 >= needed;
                prop_assert!(enough, "{member} in signal {signal} is linked to {links} of {} others: {members:?}", members.len() - 1);
            }
            let components: std::collections::BTreeSet<usize> =
                members.iter().map(|m| component_of[m]).collect();
            prop_assert_eq!(components.len(), 1);
        }
    }

    #[test]
    fn saved_state_round_trips_after_assignments_merges_and_splits(
        seed in any::<u64>(),
        operations in proptest::collection::vec((0usize..3, any::<u16>(), any::<u16>()), 0..12),
    ) {
        let mut clusters = SignalClusters::new(ClusterConfig::default());
        let mut stream = small_stream(seed).into_iter();
        for (kind, a, b) in operations {
            let signals: Vec<_> = clusters.signals().collect();
            match kind {
                0 => {
                    for features in stream.by_ref().take(8) {
                        clusters.assign(features).unwrap();
                    }
                }
                1 if signals.len() >= 2 => {
                    let kept = signals[a as usize % signals.len()];
                    let absorbed = signals[b as usize % signals.len()];
                    if kept != absorbed {
                        clusters.merge(kept, absorbed).unwrap();
                    }
                }
                _ if !signals.is_empty() => {
                    let signal = signals[a as usize % signals.len()];
                    let members: Vec<String> =
                        clusters.members(signal).unwrap().map(|m| m.extraction_id.clone()).collect();
                    if members.len() >= 2 {
                        let take = 1 + b as usize % (members.len() - 1);
                        clusters.split(signal, &members[..take]).unwrap();
                    }
                }
                _ => {}
            }
        }
        let json = serde_json::to_string(&clusters).unwrap();
        let restored: SignalClusters = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(labels(&restored), labels(&clusters));
        prop_assert_eq!(restored.lineage_events(), clusters.lineage_events());
        prop_assert_eq!(serde_json::to_string(&restored).unwrap(), json);
        // Every extraction keeps its article.
        for signal in clusters.signals() {
            for member in clusters.members(signal).unwrap() {
                prop_assert!(member.article_id.starts_with("article-"));
            }
        }
        // Assigning the rest after a restore gives the same result as without one.
        let mut continued = clusters;
        let mut restored = restored;
        for features in stream.take(10) {
            prop_assert_eq!(continued.assign(features.clone()).unwrap(), restored.assign(features).unwrap());
        }
    }
}
