//! Signal lineage: which extraction (from which article) belongs to which signal, and how signals
//! were merged and split, kept as a petgraph graph that only ever grows.

use petgraph::Direction;
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::SignalId;

/// A node of the lineage graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum LineageNode {
    /// A signal, live or retired by a merge.
    Signal(SignalId),
    /// An extraction and the article it was read from.
    Extraction {
        /// The extraction's identifier.
        extraction_id: String,
        /// The article it came from.
        article_id: String,
    },
}

/// An edge of the lineage graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum LineageEdge {
    /// Signal → extraction: the extraction currently belongs to the signal.
    Contains,
    /// Signal → extraction: the extraction belonged to the signal before a merge or split.
    FormerlyContained,
    /// Signal → signal: the first was merged into the second and retired.
    MergedInto,
    /// Signal → signal: the second was split off the first.
    SplitInto,
}

/// One change of signal membership, in the order it happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum LineageEvent {
    /// `from` was found to be the same signal as `into` and merged into it.
    Merged {
        /// The retired signal.
        from: SignalId,
        /// The signal that absorbed it.
        into: SignalId,
    },
    /// The listed extractions were moved from `from` to the new signal `into`.
    Split {
        /// The signal that was split.
        from: SignalId,
        /// The new signal.
        into: SignalId,
        /// The extractions moved, in the order given.
        extractions: Vec<String>,
    },
}

/// The lineage graph and the indices into it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lineage {
    graph: StableDiGraph<LineageNode, LineageEdge>,
    /// Each signal's node; looked up once per added extraction, never iterated.
    signals: FxHashMap<SignalId, NodeIndex>,
    extractions: Vec<NodeIndex>,
    events: Vec<LineageEvent>,
    /// For each event, how many extractions had been added when it happened.
    event_positions: Vec<usize>,
}

impl Lineage {
    pub(crate) fn graph(&self) -> &StableDiGraph<LineageNode, LineageEdge> {
        &self.graph
    }

    pub(crate) fn events(&self) -> &[LineageEvent] {
        &self.events
    }

    pub(crate) fn event_positions(&self) -> &[usize] {
        &self.event_positions
    }

    /// Makes room for `extractions` more extractions, each in a signal of its own at worst.
    pub(crate) fn reserve(&mut self, extractions: usize) {
        self.graph.reserve_nodes(2 * extractions);
        self.graph.reserve_edges(extractions);
        self.extractions.reserve(extractions);
    }

    fn signal_node(&mut self, signal: SignalId) -> NodeIndex {
        *self
            .signals
            .entry(signal)
            .or_insert_with(|| self.graph.add_node(LineageNode::Signal(signal)))
    }

    /// Records a new extraction (slots are handed out densely from 0) as a member of `signal`.
    pub(crate) fn add_extraction(
        &mut self,
        signal: SignalId,
        extraction_id: &str,
        article_id: &str,
    ) {
        let node = self.graph.add_node(LineageNode::Extraction {
            extraction_id: extraction_id.to_owned(),
            article_id: article_id.to_owned(),
        });
        self.extractions.push(node);
        let signal_node = self.signal_node(signal);
        self.graph
            .add_edge(signal_node, node, LineageEdge::Contains);
    }

    /// Moves an extraction between signals, keeping a `FormerlyContained` edge from the old one.
    pub(crate) fn move_extraction(&mut self, slot: u32, from: SignalId, to: SignalId) {
        let Some(node) = self.extractions.get(slot as usize).copied() else {
            return;
        };
        let from_node = self.signal_node(from);
        let to_node = self.signal_node(to);
        let current: Vec<_> = self
            .graph
            .edges_directed(node, Direction::Incoming)
            .filter(|edge| edge.source() == from_node && *edge.weight() == LineageEdge::Contains)
            .map(|edge| edge.id())
            .collect();
        for edge in current {
            if let Some(weight) = self.graph.edge_weight_mut(edge) {
                *weight = LineageEdge::FormerlyContained;
            }
        }
        self.graph.add_edge(to_node, node, LineageEdge::Contains);
    }

    /// Records a merge event and its edge (membership moves are recorded separately).
    pub(crate) fn record_merge(&mut self, from: SignalId, into: SignalId) {
        let from_node = self.signal_node(from);
        let into_node = self.signal_node(into);
        self.graph
            .add_edge(from_node, into_node, LineageEdge::MergedInto);
        self.events.push(LineageEvent::Merged { from, into });
        self.event_positions.push(self.extractions.len());
    }

    /// Records a split event and its edge (membership moves are recorded separately).
    pub(crate) fn record_split(
        &mut self,
        from: SignalId,
        into: SignalId,
        extractions: Vec<String>,
    ) {
        let from_node = self.signal_node(from);
        let into_node = self.signal_node(into);
        self.graph
            .add_edge(from_node, into_node, LineageEdge::SplitInto);
        self.events.push(LineageEvent::Split {
            from,
            into,
            extractions,
        });
        self.event_positions.push(self.extractions.len());
    }

    /// The signal that `signal` was merged into, if it was.
    pub(crate) fn merged_into(&self, signal: SignalId) -> Option<SignalId> {
        let node = *self.signals.get(&signal)?;
        self.graph
            .edges_directed(node, Direction::Outgoing)
            .find(|edge| *edge.weight() == LineageEdge::MergedInto)
            .and_then(|edge| match self.graph.node_weight(edge.target()) {
                Some(LineageNode::Signal(into)) => Some(*into),
                _ => None,
            })
    }

    /// Every signal ever named in the lineage.
    pub(crate) fn knows(&self, signal: SignalId) -> bool {
        self.signals.contains_key(&signal)
    }
}
