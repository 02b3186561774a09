//! Batch clustering cut into independent pieces, for engines that spread it over partitions or
//! machines: the whole collection's statistics as a mergeable value, a model built from them once,
//! the link search for any slice of extractions, clustering of any union of connected components
//! of the link graph, and one global numbering of the signals.
//!
//! [`SignalClusters::batch`](crate::SignalClusters::batch) reads the whole collection in three
//! places: term weights (how many extractions use each term), the synonyms it learns (votes over
//! pairs of theses), and the links (pairs found through an index of every extraction). Pivot
//! clustering itself never looks past a connected component of the link graph, and its signal
//! numbers come from one order over all extractions (most links first, then content hash, then
//! identifier). So an engine can
//!
//! 1. gather [`CollectionStatistics`] per partition and [`merge`](CollectionStatistics::merge)
//!    them (in any order and grouping, any number of times),
//! 2. build one [`CollectionModel`] from the merged statistics and share it,
//! 3. search links for any slice of extractions with [`CollectionModel::links_for`] (each link
//!    decided by [`CollectionModel::link`]) and find the connected components,
//! 4. cluster each component, or any union of whole components, with
//!    [`CollectionModel::cluster`], and
//! 5. number the signals with [`number_signals`],
//!
//! and get exactly the signals of one `batch` over the whole collection (a property test checks
//! this against [`SignalClusters::batch`](crate::SignalClusters::batch)).

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::index::ordered_prefix;
use crate::profile::{Analyzer, Profile};
use crate::similarity::{TermStats, link_score_with_totals};
use crate::similarity_graph::content_hash;
use crate::synonym_induction::{Reading, SynonymInduction, induce};
use crate::{
    ClusterConfig, ClusterError, ExtractionFeatures, SignalClusters, SignalId, SimilarityGraph,
};

/// The statistics clustering reads from a whole collection, as a mergeable value: every
/// extraction's features, keyed by identifier.
///
/// Term weights and learned synonyms depend on the whole set of theses (synonym votes pair
/// theses with each other), so the value keeps the features they are computed from rather than
/// sums that would lose the pairing. [`merge`](Self::merge) is a set union: commutative,
/// associative and idempotent, so partitions can be merged in any order and grouping, and a
/// partition merged twice (a retried task, replayed input) changes nothing.
///
/// # Example
///
/// ```
/// use bellwether_score::{ClusterConfig, CollectionStatistics, ExtractionFeatures};
///
/// let mut left = CollectionStatistics::new();
/// left.observe(ExtractionFeatures::new("x1", "a1", "Export curbs spur Chinese chip self-reliance"))?;
/// let mut right = CollectionStatistics::new();
/// right.observe(ExtractionFeatures::new("x2", "a2", "Chip export curbs spur self-reliance in China"))?;
/// left.merge(right.clone())?;
/// left.merge(right)?; // again: nothing changes
/// assert_eq!(left.len(), 2);
/// let model = left.model(ClusterConfig::default())?;
/// assert!(model.link("x1", "x2")?.is_some());
/// # Ok::<(), bellwether_score::ClusterError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CollectionStatistics {
    extractions: BTreeMap<String, ExtractionFeatures>,
}

impl CollectionStatistics {
    /// Statistics of no extraction.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts one extraction. Counting the same extraction again changes nothing.
    ///
    /// # Errors
    ///
    /// [`ClusterError::DuplicateExtraction`] when another extraction with the same identifier
    /// (but other features) was counted; nothing changes then.
    pub fn observe(&mut self, features: ExtractionFeatures) -> Result<(), ClusterError> {
        match self.extractions.get(&features.extraction_id) {
            Some(known) if *known == features => Ok(()),
            Some(_) => Err(ClusterError::DuplicateExtraction {
                extraction_id: features.extraction_id,
            }),
            None => {
                self.extractions
                    .insert(features.extraction_id.clone(), features);
                Ok(())
            }
        }
    }

    /// Adds `other`'s extractions: the statistics of the union of both collections.
    ///
    /// # Errors
    ///
    /// [`ClusterError::DuplicateExtraction`] when both hold an extraction with the same
    /// identifier and different features; nothing changes then.
    pub fn merge(&mut self, other: CollectionStatistics) -> Result<(), ClusterError> {
        if let Some((id, _)) = other
            .extractions
            .iter()
            .find(|(id, features)| self.extractions.get(*id).is_some_and(|f| f != *features))
        {
            return Err(ClusterError::DuplicateExtraction {
                extraction_id: id.clone(),
            });
        }
        for (id, features) in other.extractions {
            self.extractions.entry(id).or_insert(features);
        }
        Ok(())
    }

    /// How many extractions were counted.
    pub fn len(&self) -> usize {
        self.extractions.len()
    }

    /// Whether no extraction was counted.
    pub fn is_empty(&self) -> bool {
        self.extractions.is_empty()
    }

    /// The extractions counted, by identifier.
    pub fn extractions(&self) -> impl Iterator<Item = &ExtractionFeatures> {
        self.extractions.values()
    }

    /// Analyses the collection once, as [`SignalClusters::batch`](crate::SignalClusters::batch)
    /// does before it links: term weights, learned synonyms and every extraction's profile.
    ///
    /// # Cost
    ///
    /// The analysis part of `batch`: `O(n w)` hash lookups for `n` extractions of at most `w`
    /// words, synonym induction, and one index entry per prefix term; no pair is compared.
    ///
    /// # Errors
    ///
    /// [`ClusterError::EmptyIdentifier`] or [`ClusterError::EmptyThesis`] for an extraction that
    /// cannot be clustered.
    pub fn model(&self, config: ClusterConfig) -> Result<CollectionModel, ClusterError> {
        CollectionModel::build(config, self.extractions.values().cloned().collect())
    }
}

/// A link between two extractions, by identifier (`left < right` in byte order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairLink {
    /// The identifier that sorts first.
    pub left: String,
    /// The identifier that sorts last.
    pub right: String,
    /// Their similarity (at least the configured threshold).
    pub similarity: f64,
}

/// Where an extraction stands in the order pivot clustering takes pivots in, and in which
/// signals are numbered: most links first, then lowest content hash, then lowest identifier.
///
/// The derived order is that order (so `degree` is stored reversed).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PivotKey {
    /// `u64::MAX` minus the number of links of the extraction.
    pub reversed_degree: u64,
    /// The content hash of its thesis, article and identifier.
    pub content_hash: u64,
    /// Its identifier.
    pub extraction_id: String,
}

impl PivotKey {
    /// The number of links of the extraction.
    pub fn degree(&self) -> u64 {
        u64::MAX - self.reversed_degree
    }
}

/// One extraction's place in the clustering of its component: the extraction and the first
/// member of its signal in pivot order, which names the signal across components.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusteredExtraction {
    /// The extraction.
    pub extraction_id: String,
    /// The first member of its signal in pivot order.
    pub leader: PivotKey,
}

/// The analysed collection: every extraction's profile, read with the term weights and learned
/// synonyms of the whole collection (see [`CollectionStatistics::model`]). Shared by every
/// partition of a clustering job.
#[derive(Debug)]
pub struct CollectionModel {
    config: ClusterConfig,
    stats: TermStats,
    extractions: Vec<ExtractionFeatures>,
    profiles: Vec<Profile>,
    positions: FxHashMap<String, u32>,
    /// Per extraction, its total thesis weight.
    totals: Vec<u64>,
    /// Per extraction, its prefix terms (those the candidate search probes and indexes).
    prefixes: Vec<Box<[u32]>>,
    /// Per term, the positions of the extractions whose prefix holds it, ascending.
    postings: FxHashMap<u32, Vec<u32>>,
    /// What synonym induction learned (kept for [`CollectionModel::learned_synonyms`]).
    induction: SynonymInduction,
    analyzer: Analyzer,
    /// Per extraction, the learned readings applied to its profile.
    readings: Vec<Box<[Reading]>>,
}

fn to_position(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

impl CollectionModel {
    fn build(
        config: ClusterConfig,
        mut extractions: Vec<ExtractionFeatures>,
    ) -> Result<Self, ClusterError> {
        // The analysis `SimilarityGraph::build` runs, in the same order (by identifier), so
        // that terms are numbered alike and every tie breaks alike.
        extractions.sort_unstable_by(|a, b| a.extraction_id.cmp(&b.extraction_id));
        if let Some(pair) = extractions
            .windows(2)
            .find(|pair| pair[0].extraction_id == pair[1].extraction_id)
        {
            return Err(ClusterError::DuplicateExtraction {
                extraction_id: pair[0].extraction_id.clone(),
            });
        }
        let mut analyzer = Analyzer::default();
        let mut profiles = Vec::with_capacity(extractions.len());
        for features in &extractions {
            profiles.push(analyzer.profile(features)?);
        }
        let (induction, readings) = induce(&analyzer, &mut profiles);
        let mut stats = TermStats::new();
        for profile in &profiles {
            stats.add(&profile.terms);
        }
        let floor = config.thesis_floor();
        let mut ordered = Vec::new();
        let mut totals = Vec::with_capacity(profiles.len());
        let mut prefixes = Vec::with_capacity(profiles.len());
        let mut postings: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
        for (position, profile) in profiles.iter().enumerate() {
            let prefix = ordered_prefix(&profile.terms, &stats, floor, &mut ordered);
            totals.push(ordered.iter().map(|(weight, _)| weight).sum());
            let terms: Box<[u32]> = ordered.iter().take(prefix).map(|(_, t)| *t).collect();
            for term in terms.iter() {
                postings
                    .entry(*term)
                    .or_default()
                    .push(to_position(position));
            }
            prefixes.push(terms);
        }
        let positions = extractions
            .iter()
            .enumerate()
            .map(|(position, f)| (f.extraction_id.clone(), to_position(position)))
            .collect();
        Ok(Self {
            config,
            stats,
            extractions,
            profiles,
            positions,
            totals,
            prefixes,
            postings,
            induction,
            analyzer,
            readings,
        })
    }

    /// The configuration the model was built with.
    pub fn config(&self) -> &ClusterConfig {
        &self.config
    }

    /// How many extractions the collection holds.
    pub fn len(&self) -> usize {
        self.extractions.len()
    }

    /// Whether the collection is empty.
    pub fn is_empty(&self) -> bool {
        self.extractions.is_empty()
    }

    /// The extractions, sorted by identifier.
    pub fn extractions(&self) -> &[ExtractionFeatures] {
        &self.extractions
    }

    /// The words the collection taught the clusterer to read as lexicon concepts (as
    /// [`SignalClusters::learned_synonyms`](crate::SignalClusters::learned_synonyms) after a
    /// batch over the same collection).
    pub fn learned_synonyms(&self) -> Vec<crate::LearnedSynonym> {
        self.induction.learned(&self.analyzer)
    }

    fn position(&self, extraction_id: &str) -> Result<usize, ClusterError> {
        self.positions
            .get(extraction_id)
            .map(|position| *position as usize)
            .ok_or_else(|| ClusterError::UnknownExtraction {
                extraction_id: extraction_id.to_owned(),
            })
    }

    fn link_at(&self, left: usize, right: usize) -> Option<f64> {
        let (profile_left, profile_right) = (self.profiles.get(left)?, self.profiles.get(right)?);
        let totals = (self.totals.get(left)?, self.totals.get(right)?);
        link_score_with_totals(
            &self.config,
            &self.stats,
            profile_left,
            profile_right,
            Some((*totals.0, *totals.1)),
        )
    }

    /// The link decision: the similarity of two extractions of the collection if they should be
    /// linked, `None` if a guard objects or they are not similar enough. Symmetric.
    ///
    /// # Errors
    ///
    /// [`ClusterError::UnknownExtraction`] for an identifier not in the collection.
    pub fn link(&self, left: &str, right: &str) -> Result<Option<f64>, ClusterError> {
        let (left, right) = (self.position(left)?, self.position(right)?);
        Ok(self.link_at(left, right))
    }

    /// The links that [`SignalClusters::batch`](crate::SignalClusters::batch) finds from each
    /// of `right_ids` to the extractions sorting before it: the pairs sharing a prefix term
    /// held by at most [`postings_limit`](ClusterConfig::postings_limit) extractions before it,
    /// that [`link`](Self::link) links. Over slices that cover the collection, the links found
    /// are the batch's links, each once; slices may be searched in any order, anywhere the model
    /// is.
    ///
    /// # Cost
    ///
    /// Per extraction of the slice, at most `t L` candidates for `t` prefix terms and `L` the
    /// postings limit, each decided by [`link`](Self::link).
    ///
    /// # Errors
    ///
    /// [`ClusterError::UnknownExtraction`] for an identifier not in the collection.
    pub fn links_for<S: AsRef<str>>(&self, right_ids: &[S]) -> Result<Vec<PairLink>, ClusterError> {
        let limit = self.config.postings_limit();
        let mut links = Vec::new();
        let mut candidates: Vec<u32> = Vec::new();
        for right_id in right_ids {
            let right = self.position(right_id.as_ref())?;
            let below = to_position(right);
            candidates.clear();
            for term in self.prefixes.get(right).map_or(&[][..], |p| p) {
                let Some(list) = self.postings.get(term) else {
                    continue;
                };
                let before = list.get(..list.partition_point(|p| *p < below));
                let Some(before) = before.filter(|before| before.len() <= limit) else {
                    continue;
                };
                candidates.extend_from_slice(before);
            }
            candidates.sort_unstable();
            candidates.dedup();
            for left in &candidates {
                let left = *left as usize;
                if let (Some(similarity), Some(left_features)) =
                    (self.link_at(left, right), self.extractions.get(left))
                {
                    links.push(PairLink {
                        left: left_features.extraction_id.clone(),
                        right: right_id.as_ref().to_owned(),
                        similarity,
                    });
                }
            }
        }
        Ok(links)
    }

    /// Pivot-clusters `extraction_ids` on `links`, exactly as
    /// [`SignalClusters::batch`](crate::SignalClusters::batch) clusters them within the whole
    /// collection, provided that they are a union of whole connected components of the
    /// collection's link graph and `links` are all the links among them (as
    /// [`links_for`](Self::links_for) finds them). Each extraction is returned with the first
    /// member of its signal in pivot order (see [`number_signals`]), sorted by identifier.
    ///
    /// # Cost
    ///
    /// As the pivoting and refinement of `batch`, for `k` extractions and their links.
    ///
    /// # Errors
    ///
    /// [`ClusterError::UnknownExtraction`] for an identifier not in the collection, or a link
    /// with an end outside `extraction_ids`; [`ClusterError::DuplicateExtraction`] when an
    /// identifier is named twice.
    pub fn cluster<S: AsRef<str>>(
        &self,
        extraction_ids: &[S],
        links: &[PairLink],
    ) -> Result<Vec<ClusteredExtraction>, ClusterError> {
        let mut positions = Vec::with_capacity(extraction_ids.len());
        for id in extraction_ids {
            positions.push(self.position(id.as_ref())?);
        }
        // Positions follow identifier order, so local positions keep the global order.
        positions.sort_unstable();
        if let Some(pair) = positions.windows(2).find(|pair| pair[0] == pair[1]) {
            return Err(ClusterError::DuplicateExtraction {
                extraction_id: self
                    .extractions
                    .get(pair[0])
                    .map(|f| f.extraction_id.clone())
                    .unwrap_or_default(),
            });
        }
        let local = |id: &str| -> Result<usize, ClusterError> {
            let global = self.position(id)?;
            positions
                .binary_search(&global)
                .map_err(|_| ClusterError::UnknownExtraction {
                    extraction_id: id.to_owned(),
                })
        };
        let mut graph_links = Vec::with_capacity(links.len());
        for link in links {
            let (a, b) = (local(&link.left)?, local(&link.right)?);
            graph_links.push(crate::Link {
                left: a.min(b),
                right: a.max(b),
                similarity: link.similarity,
            });
        }
        // Pivot order reads links as the batch orders them: by `right`, then `left`.
        graph_links.sort_unstable_by_key(|link| (link.right, link.left));
        graph_links.dedup_by_key(|link| (link.right, link.left));
        let extractions: Vec<ExtractionFeatures> = positions
            .iter()
            .filter_map(|position| self.extractions.get(*position).cloned())
            .collect();
        let mut degrees = vec![0u64; extractions.len()];
        for link in &graph_links {
            for end in [link.left, link.right] {
                if let Some(degree) = degrees.get_mut(end) {
                    *degree += 1;
                }
            }
        }
        // Pivot clustering reads only the configuration, the extractions and the links.
        let graph = SimilarityGraph {
            config: self.config,
            analyzer: Analyzer::default(),
            stats: TermStats::new(),
            extractions,
            profiles: Vec::new(),
            links: graph_links,
            induction: SynonymInduction::default(),
            readings: Vec::new(),
        };
        let labels = graph.pivot_clusters();
        let keys: Vec<PivotKey> = graph
            .extractions
            .iter()
            .zip(&degrees)
            .map(|(features, degree)| PivotKey {
                reversed_degree: u64::MAX - degree,
                content_hash: content_hash(features),
                extraction_id: features.extraction_id.clone(),
            })
            .collect();
        let mut leaders: BTreeMap<u32, &PivotKey> = BTreeMap::new();
        for (label, key) in labels.iter().zip(&keys) {
            leaders
                .entry(*label)
                .and_modify(|leader| {
                    if key < *leader {
                        *leader = key;
                    }
                })
                .or_insert(key);
        }
        Ok(labels
            .iter()
            .zip(&keys)
            .filter_map(|(label, key)| {
                Some(ClusteredExtraction {
                    extraction_id: key.extraction_id.clone(),
                    leader: (*leaders.get(label)?).clone(),
                })
            })
            .collect())
    }
}

impl CollectionModel {
    /// The clustering state with every extraction of the collection in the signal `signals`
    /// gives it (from [`number_signals`]): the same state, lookups and learned synonyms as
    /// [`SignalClusters::batch`](crate::SignalClusters::batch) over the collection when the
    /// numbering came from clustering its components, ready for
    /// [`assign`](SignalClusters::assign) and for saving.
    ///
    /// # Errors
    ///
    /// [`ClusterError::UnknownExtraction`] for a numbered extraction not in the collection, or
    /// an extraction of the collection without a number; [`ClusterError::SignalBeyondCounter`]
    /// for a signal number that is not below the number of extractions (signals are numbered
    /// from 0 without gaps, so there are never more signals than extractions).
    pub fn into_clusters(
        self,
        signals: &BTreeMap<String, SignalId>,
    ) -> Result<SignalClusters, ClusterError> {
        if let Some(unknown) = signals.keys().find(|id| !self.positions.contains_key(*id)) {
            return Err(ClusterError::UnknownExtraction {
                extraction_id: unknown.clone(),
            });
        }
        let count = self.extractions.len() as u64;
        let mut labels = Vec::with_capacity(self.extractions.len());
        for features in &self.extractions {
            let signal = signals.get(&features.extraction_id).ok_or_else(|| {
                ClusterError::UnknownExtraction {
                    extraction_id: features.extraction_id.clone(),
                }
            })?;
            let label = u32::try_from(signal.get())
                .ok()
                .filter(|label| u64::from(*label) < count)
                .ok_or(ClusterError::SignalBeyondCounter {
                    signal: *signal,
                    next: count,
                })?;
            labels.push(label);
        }
        let graph = SimilarityGraph {
            config: self.config,
            analyzer: self.analyzer,
            stats: self.stats,
            extractions: self.extractions,
            profiles: self.profiles,
            links: Vec::new(),
            induction: self.induction,
            readings: self.readings,
        };
        Ok(SignalClusters::from_labels(graph, labels))
    }
}

/// Numbers the signals of a whole collection from the clusterings of its components (from
/// [`CollectionModel::cluster`], in any order): signals are numbered from 0 by their first
/// member in pivot order, as [`SignalClusters::batch`](crate::SignalClusters::batch) numbers
/// them. Returns every extraction's signal, by identifier.
///
/// # Errors
///
/// [`ClusterError::DuplicateExtraction`] when an extraction is given twice with different
/// leaders (its components overlapped); given twice with the same leader, it counts once.
pub fn number_signals<I>(clustered: I) -> Result<BTreeMap<String, SignalId>, ClusterError>
where
    I: IntoIterator<Item = ClusteredExtraction>,
{
    let mut leader_of: BTreeMap<String, PivotKey> = BTreeMap::new();
    for item in clustered {
        match leader_of.get(&item.extraction_id) {
            Some(leader) if *leader == item.leader => {}
            Some(_) => {
                return Err(ClusterError::DuplicateExtraction {
                    extraction_id: item.extraction_id,
                });
            }
            None => {
                leader_of.insert(item.extraction_id, item.leader);
            }
        }
    }
    let mut leaders: Vec<&PivotKey> = leader_of.values().collect();
    leaders.sort_unstable();
    leaders.dedup();
    let numbers: BTreeMap<&PivotKey, SignalId> = leaders
        .into_iter()
        .zip(0u64..)
        .map(|(leader, number)| (leader, SignalId::new(number)))
        .collect();
    Ok(leader_of
        .iter()
        .filter_map(|(id, leader)| Some((id.clone(), *numbers.get(leader)?)))
        .collect())
}

/// The connected components of the link graph over `extraction_ids` (found with a union-find),
/// each sorted by identifier, ordered by their first identifier; an extraction without links is
/// a component of its own.
///
/// # Errors
///
/// [`ClusterError::UnknownExtraction`] for a link with an end outside `extraction_ids`.
pub fn connected_components<S: AsRef<str>>(
    extraction_ids: &[S],
    links: &[PairLink],
) -> Result<Vec<Vec<String>>, ClusterError> {
    let mut ids: Vec<&str> = extraction_ids.iter().map(AsRef::as_ref).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut sets = petgraph::unionfind::UnionFind::<usize>::new(ids.len());
    for link in links {
        let find = |id: &str| {
            ids.binary_search(&id)
                .map_err(|_| ClusterError::UnknownExtraction {
                    extraction_id: id.to_owned(),
                })
        };
        sets.union(find(&link.left)?, find(&link.right)?);
    }
    let mut by_root: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (position, id) in ids.iter().enumerate() {
        by_root
            .entry(sets.find(position))
            .or_default()
            .push((*id).to_owned());
    }
    let mut components: Vec<Vec<String>> = by_root.into_values().collect();
    components.sort_unstable_by(|a, b| a.first().cmp(&b.first()));
    Ok(components)
}
