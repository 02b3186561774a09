//! The clustering state: extractions grouped into signals, incremental assignment, merge, split
//! and save/restore.

use std::collections::BTreeMap;

use petgraph::stable_graph::StableDiGraph;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::index::{IndexQuery, Scratch, Search, TermIndex, entity_keys, entity_keys_into};
use crate::lineage::Lineage;
use crate::parallel::batch_threads;
use crate::profile::{Analyzer, Profile};
use crate::similarity::{TermStats, link_score_with_totals};
use crate::synonym_induction::{LearnedSynonym, Reading, SynonymInduction, apply_readings};
use crate::{
    ClusterConfig, ClusterError, ExtractionFeatures, LineageEdge, LineageEvent, LineageNode,
    SignalId, SimilarityGraph,
};

/// How an extraction was placed by [`SignalClusters::assign`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    /// The signal the extraction now belongs to.
    pub signal: SignalId,
    /// The similarity to the closest extraction of that signal, `None` when it started the signal.
    pub similarity: Option<f64>,
    /// Other live signals the extraction also linked to, best first: evidence that they may be
    /// the same signal as [`signal`](Self::signal) (see [`SignalClusters::merge`]).
    pub also_matches: Vec<SignalMatch>,
}

impl Assignment {
    /// Whether the extraction reinforced an existing signal (rather than starting one).
    pub fn is_reinforcement(&self) -> bool {
        self.similarity.is_some()
    }
}

/// A signal an extraction linked to, with the best similarity to one of its extractions.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SignalMatch {
    /// The signal.
    pub signal: SignalId,
    /// The best similarity to one of its extractions.
    pub similarity: f64,
}

#[derive(Debug, Clone)]
struct Entry {
    features: ExtractionFeatures,
    profile: Profile,
    /// The signal it was first assigned to (replayed on restore).
    first_signal: SignalId,
    signal: SignalId,
    /// Learned synonyms read in its thesis (see [`SignalClusters::learned_synonyms`]).
    readings: Box<[Reading]>,
}

/// Extractions clustered into signals, with their lineage.
///
/// Build it empty with [`new`](Self::new) and feed extractions one by one with
/// [`assign`](Self::assign), or cluster a whole set at once with [`batch`](Self::batch) (whose
/// result does not depend on the order of its input). Merge and split signals when evidence shows
/// they are one or two. The whole state round-trips through serde (for example as JSON), so a
/// pipeline can save it between runs.
///
/// Candidates for a new extraction come from an inverted index over thesis terms probed from the
/// rarest term down, stopping as soon as the unprobed terms could no longer reach the threshold,
/// so an assignment looks at a small fraction of the existing extractions.
///
/// # Example
///
/// ```
/// use bellwether_score::{ClusterConfig, ExtractionFeatures, SignalClusters};
///
/// let mut clusters = SignalClusters::new(ClusterConfig::default());
/// let first = clusters.assign(
///     ExtractionFeatures::new("x1", "article-1", "US chip export controls accelerate Chinese AI self-sufficiency")
///         .with_actors(["BIS"]).with_regions(["US", "CN"]),
/// )?;
/// let second = clusters.assign(
///     ExtractionFeatures::new("x2", "article-2", "Export controls on chips are accelerating China's push for AI self-sufficiency")
///         .with_actors(["DeepSeek"]).with_regions(["US", "CN"]),
/// )?;
/// assert!(second.is_reinforcement());
/// assert_eq!(second.signal, first.signal);
///
/// let saved = serde_json::to_string(&clusters).unwrap();
/// let restored: SignalClusters = serde_json::from_str(&saved).unwrap();
/// assert_eq!(restored.signal_of("x2"), Some(first.signal));
///
/// assert!(clusters.assign(ExtractionFeatures::new("x2", "article-3", "Anything")).is_err());
/// # Ok::<(), bellwether_score::ClusterError>(())
/// ```
#[derive(Debug, Deserialize)]
#[serde(try_from = "ClusterState")]
pub struct SignalClusters {
    config: ClusterConfig,
    analyzer: Analyzer,
    stats: TermStats,
    index: TermIndex,
    entries: Vec<Entry>,
    slots: FxHashMap<String, u32>,
    members: BTreeMap<SignalId, Vec<u32>>,
    lineage: Lineage,
    next_signal: u64,
    candidates: Vec<u32>,
    scratch: Scratch,
    /// Reused for the entity keys of the extraction being added.
    keys: Vec<u128>,
    induction: SynonymInduction,
}

impl SignalClusters {
    /// An empty clustering.
    pub fn new(config: ClusterConfig) -> Self {
        Self {
            config,
            analyzer: Analyzer::default(),
            stats: TermStats::new(),
            index: TermIndex::default(),
            entries: Vec::new(),
            slots: FxHashMap::default(),
            members: BTreeMap::new(),
            lineage: Lineage::default(),
            next_signal: 0,
            candidates: Vec::new(),
            scratch: Scratch::default(),
            keys: Vec::new(),
            induction: SynonymInduction::default(),
        }
    }

    /// Clusters a whole set of extractions at once, deterministically: the signals (their
    /// members and their numbers) depend on the set, not on the order of `extractions`.
    ///
    /// Links come from [`SimilarityGraph::build`]; signals from pivot clustering on it (pivots by
    /// decreasing number of links, then content hash, then identifier; each pivot takes those
    /// unclaimed neighbours that are linked to at least [`min_support`] of the others), so no
    /// chain of paraphrases merges unrelated theses, followed by a refinement that moves single
    /// extractions to the signal where their links minus `min_support` × its size is largest
    /// (visiting in identifier order until nothing moves, at most 16 passes), which takes apart
    /// signals a bridging wording has joined. Signals are numbered from 0 in pivot order.
    ///
    /// Before linking, the batch learns from the whole set which words outside the lexicon
    /// stand for a lexicon concept (see [`LearnedSynonym`]) and reads them so.
    ///
    /// # Cost
    ///
    /// For `n` extractions of at most `w` words, `t` content terms each and `L` the
    /// [`postings_limit`]: sorting is `O(n log n)` identifier comparisons and analysis `O(n w)`
    /// hash lookups. The candidate search probes, per extraction, only the terms of its prefix
    /// (at most `t`) and reads at most `L` index entries per term, so it reads at most
    /// `n t L` entries and checks at most that many candidate pairs, each in `O(t + a)` for `a`
    /// actors, regions and tags; in practice far fewer (on the 100,000-extraction benchmark
    /// stream, about 1.4 links per extraction). Synonym induction is one pass before the
    /// search: per extraction, a hash lookup per role and place, and per role it leaves open
    /// a vote per plain word and concept seen filling that role in the same context (at most
    /// the lexicon's concepts of one role), so `O(n t c)` expected for `c` such concepts.
    /// Pivoting and each refinement pass are linear in `n` plus the number of links
    /// `E ≤ n t L`. From 4,096 extractions on, the candidate search, the content hashes that
    /// order pivots and the lookup structures kept for [`assign`](Self::assign) are spread
    /// over every available core; the work is cut the same way whatever the number of cores,
    /// so the result does not depend on it. Memory is `O(n (w + t + a) + E)`: the
    /// extractions, their profiles, one 32-byte index entry per prefix term, a 20-byte place
    /// summary per extraction and one 24-byte record per link, plus the state kept for later
    /// [`assign`](Self::assign) calls (an index entry of 32 bytes per term).
    ///
    /// [`min_support`]: ClusterConfig::min_support
    /// [`postings_limit`]: ClusterConfig::postings_limit
    ///
    /// # Errors
    ///
    /// As [`SimilarityGraph::build`].
    pub fn batch(
        config: ClusterConfig,
        extractions: Vec<ExtractionFeatures>,
    ) -> Result<Self, ClusterError> {
        let graph = SimilarityGraph::build(config, extractions)?;
        Ok(Self::from_graph(graph))
    }

    /// Pivot-clusters a similarity graph (see [`batch`](Self::batch)).
    pub fn from_graph(graph: SimilarityGraph) -> Self {
        // Clustering needs only the links, the lookup structures only the extractions: on
        // several cores they are built at the same time.
        let (labels, (index, slots)) = if batch_threads(graph.extractions.len()) > 1 {
            std::thread::scope(|scope| {
                let clustering = scope.spawn(|| graph.pivot_clusters());
                let lookups = lookups(&graph.extractions, &graph.profiles);
                match clustering.join() {
                    Ok(labels) => (labels, lookups),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            })
        } else {
            (
                graph.pivot_clusters(),
                lookups(&graph.extractions, &graph.profiles),
            )
        };
        Self::from_labelled(graph, labels, index, slots)
    }

    /// The clustering of `graph`'s extractions into the signals `labels` numbers (one label
    /// per extraction, in graph order), with the lookup structures made from them.
    pub(crate) fn from_labels(graph: SimilarityGraph, labels: Vec<u32>) -> Self {
        let (index, slots) = lookups(&graph.extractions, &graph.profiles);
        Self::from_labelled(graph, labels, index, slots)
    }

    fn from_labelled(
        graph: SimilarityGraph,
        labels: Vec<u32>,
        index: TermIndex,
        slots: FxHashMap<String, u32>,
    ) -> Self {
        let SimilarityGraph {
            config,
            analyzer,
            stats,
            extractions,
            profiles,
            induction,
            readings,
            ..
        } = graph;
        let mut clusters = Self {
            config,
            analyzer,
            stats,
            index,
            entries: Vec::with_capacity(extractions.len()),
            slots,
            members: BTreeMap::new(),
            lineage: Lineage::default(),
            next_signal: 0,
            candidates: Vec::new(),
            scratch: Scratch::default(),
            keys: Vec::new(),
            induction,
        };
        clusters.lineage.reserve(extractions.len());
        for (((features, profile), label), readings) in extractions
            .into_iter()
            .zip(profiles)
            .zip(labels)
            .zip(readings)
        {
            let signal = SignalId::new(u64::from(label));
            clusters.next_signal = clusters.next_signal.max(u64::from(label) + 1);
            let slot = u32::try_from(clusters.entries.len()).unwrap_or(u32::MAX);
            clusters
                .lineage
                .add_extraction(signal, &features.extraction_id, &features.article_id);
            clusters.members.entry(signal).or_default().push(slot);
            clusters.entries.push(Entry {
                features,
                profile,
                first_signal: signal,
                signal,
                readings,
            });
        }
        clusters
    }

    /// The configuration in force.
    pub fn config(&self) -> &ClusterConfig {
        &self.config
    }

    /// Adds an extraction: it joins the live signal holding the most similar linked extraction
    /// among the signals where it is also linked to at least
    /// [`min_support`](ClusterConfig::min_support) of the other members (ties go to the lower
    /// signal number), or starts a new signal when there is none.
    ///
    /// The extraction first adds to the evidence of synonym induction and is read with the
    /// synonyms learned so far (see [`learned_synonyms`](Self::learned_synonyms)); earlier
    /// extractions are compared as they would be read now. Learning as it goes, assignment
    /// cannot revisit an extraction placed before a word it uses was learned, which is why it
    /// is less accurate than [`batch`](Self::batch) on the same set.
    ///
    /// # Cost
    ///
    /// With `n` extractions already clustered, `w` words and `t` content terms in the new
    /// thesis and `L` the [`postings_limit`](ClusterConfig::postings_limit): analysis is `O(w)`
    /// hash lookups; the candidate search probes the thesis' prefix (at most `t` terms) and
    /// reads at most `L` index entries per probed term, so at most `t L` entries (about 2,500
    /// for a ten-term thesis at the default limit), whatever `n` is; each candidate that passes
    /// the inline entity and direction filters and the region-conflict check of its place
    /// summary costs one similarity check, `O(t + a)` for `a` actors, regions and tags of the
    /// pair, plus `O(t)` hash lookups to reread it with the synonyms learned since. Synonym induction adds a vote per plain word and concept seen
    /// in the context of each role the thesis leaves open; the first extraction to fill a role
    /// with a concept in a context also votes for each earlier thesis that left it open there
    /// (once per context and concept over the collection's life). Adding the extraction
    /// appends one 32-byte index entry per term and a 20-byte place summary, and counts its
    /// terms in the weights (`O(t)`). Memory grows by the extraction, its profile, its index
    /// entries and its induction evidence: `O(w + t + a)`.
    ///
    /// # Errors
    ///
    /// [`ClusterError::DuplicateExtraction`] when its identifier is already clustered;
    /// [`ClusterError::EmptyIdentifier`] or [`ClusterError::EmptyThesis`] when it cannot be
    /// clustered. Nothing changes on error.
    pub fn assign(&mut self, features: ExtractionFeatures) -> Result<Assignment, ClusterError> {
        if self.slots.contains_key(&features.extraction_id) {
            return Err(ClusterError::DuplicateExtraction {
                extraction_id: features.extraction_id,
            });
        }
        let mut profile = self.analyzer.profile(&features)?;
        self.induction.observe(&self.analyzer, &profile);
        let readings = self.induction.readings(&self.analyzer, &profile);
        apply_readings(&mut profile, &readings);
        let mut candidates = std::mem::take(&mut self.candidates);
        let mut scratch = std::mem::take(&mut self.scratch);
        let mut keys = std::mem::take(&mut self.keys);
        let (chosen, matches) =
            self.linked_signals(&profile, &mut scratch, &mut candidates, &mut keys);
        self.candidates = candidates;
        self.scratch = scratch;
        self.keys = keys;
        let (signal, similarity) = match chosen {
            Some(best) => (best.signal, Some(best.similarity)),
            None => {
                let signal = SignalId::new(self.next_signal);
                self.next_signal += 1;
                (signal, None)
            }
        };
        self.insert(features, profile, readings.into_boxed_slice(), signal, true);
        Ok(Assignment {
            signal,
            similarity,
            also_matches: matches,
        })
    }

    /// The signal [`assign`](Self::assign) would put an extraction with `profile` in (`None`:
    /// a new one), and the other signals it links to, best first; the buffers are scratch
    /// space.
    fn linked_signals(
        &self,
        profile: &Profile,
        scratch: &mut Scratch,
        candidates: &mut Vec<u32>,
        keys: &mut Vec<u128>,
    ) -> (Option<SignalMatch>, Vec<SignalMatch>) {
        let search = Search {
            stats: &self.stats,
            thesis_floor: self.config.thesis_floor(),
            postings_limit: self.config.postings_limit(),
            shared_entity: self.config.require_shared_entity(),
            direction: self.config.reject_direction_conflict(),
            region_conflict: self.config.reject_region_conflict(),
        };
        entity_keys_into(&profile.actors, &profile.regions, keys);
        let query = IndexQuery::of_profile(profile, keys);
        self.index.candidates(&query, &search, scratch, candidates);
        // Per linked signal: best similarity and number of linked members.
        let mut linked: BTreeMap<SignalId, (f64, usize)> = BTreeMap::new();
        let total = self.stats.total(&profile.terms);
        for slot in candidates.iter() {
            let Some(entry) = self.entries.get(*slot as usize) else {
                continue;
            };
            // An earlier thesis may use a word learned since it was read.
            let reread = self.induction.reread(&self.analyzer, &entry.profile);
            let other = reread.as_ref().unwrap_or(&entry.profile);
            let totals = Some((self.stats.total(&other.terms), total));
            if let Some(similarity) =
                link_score_with_totals(&self.config, &self.stats, other, profile, totals)
            {
                let (best, links) = linked.entry(entry.signal).or_insert((similarity, 0));
                *best = best.max(similarity);
                *links += 1;
            }
        }
        let support = self.config.min_support();
        let mut chosen: Option<SignalMatch> = None;
        let mut matches: Vec<SignalMatch> = Vec::with_capacity(linked.len());
        for (signal, (similarity, links)) in linked {
            let members = self.members.get(&signal).map_or(1, Vec::len);
            #[allow(clippy::cast_precision_loss)]
            let supported = (links - 1) as f64 >= (support * (members - 1) as f64).ceil();
            let candidate = SignalMatch { signal, similarity };
            // Signals come in increasing order, so ties keep the lower signal.
            if supported && chosen.is_none_or(|best| similarity > best.similarity) {
                if let Some(previous) = chosen.replace(candidate) {
                    matches.push(previous);
                }
            } else {
                matches.push(candidate);
            }
        }
        matches.sort_by(|a, b| {
            b.similarity
                .total_cmp(&a.similarity)
                .then(a.signal.cmp(&b.signal))
        });
        (chosen, matches)
    }

    /// The signal [`assign`](Self::assign) would put `features` in now, with the similarity
    /// to its closest extraction, or `None` when it would start a new signal. No assignment,
    /// signal or lineage changes (the analyzer may remember the probe's words, as it does any
    /// text it reads).
    ///
    /// Unlike `assign`, the probe learns no synonym from `features` (it reads its thesis with
    /// the synonyms learned so far), so in rare cases the two may differ.
    ///
    /// # Errors
    ///
    /// As [`assign`](Self::assign), except that an extraction id already clustered is
    /// accepted.
    pub fn probe(
        &mut self,
        features: &ExtractionFeatures,
    ) -> Result<Option<SignalMatch>, ClusterError> {
        let mut profile = self.analyzer.profile(features)?;
        let readings = self.induction.readings(&self.analyzer, &profile);
        apply_readings(&mut profile, &readings);
        let (chosen, _) = self.linked_signals(
            &profile,
            &mut Scratch::default(),
            &mut Vec::new(),
            &mut Vec::new(),
        );
        Ok(chosen)
    }

    fn insert(
        &mut self,
        features: ExtractionFeatures,
        profile: Profile,
        readings: Box<[Reading]>,
        signal: SignalId,
        count: bool,
    ) {
        let slot = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
        if count {
            self.stats.add(&profile.terms);
        }
        let mut keys = std::mem::take(&mut self.keys);
        entity_keys_into(&profile.actors, &profile.regions, &mut keys);
        self.index
            .insert(slot, &IndexQuery::of_profile(&profile, &keys));
        self.keys = keys;
        self.lineage
            .add_extraction(signal, &features.extraction_id, &features.article_id);
        self.slots.insert(features.extraction_id.clone(), slot);
        self.members.entry(signal).or_default().push(slot);
        self.entries.push(Entry {
            features,
            profile,
            first_signal: signal,
            signal,
            readings,
        });
    }

    /// The words outside the lexicon that the extractions seen so far taught the clusterer to
    /// read as lexicon concepts, with the evidence for each, sorted by word.
    ///
    /// Learning is transductive (see [`LearnedSynonym`]): [`batch`](Self::batch) learns from
    /// the whole set before linking, [`assign`](Self::assign) learns as extractions arrive and
    /// applies what it knows so far to each new one. Both reach the same list for the same set
    /// of extractions, whatever their order.
    pub fn learned_synonyms(&self) -> Vec<LearnedSynonym> {
        self.induction.learned(&self.analyzer)
    }

    /// The learned synonyms read in one extraction's thesis when it was placed, as
    /// `(word, concept)` pairs; `None` if no such extraction is clustered.
    pub fn readings_of(&self, extraction_id: &str) -> Option<Vec<(String, String)>> {
        let slot = *self.slots.get(extraction_id)?;
        let entry = self.entries.get(slot as usize)?;
        let keys = self.analyzer.term_keys();
        Some(named_readings(&keys, &entry.readings, true))
    }

    /// The live signal an extraction belongs to.
    pub fn signal_of(&self, extraction_id: &str) -> Option<SignalId> {
        let slot = *self.slots.get(extraction_id)?;
        self.entries.get(slot as usize).map(|entry| entry.signal)
    }

    /// The live signals, in increasing order.
    pub fn signals(&self) -> impl Iterator<Item = SignalId> + '_ {
        self.members.keys().copied()
    }

    /// The number of live signals.
    pub fn signal_count(&self) -> usize {
        self.members.len()
    }

    /// The number of clustered extractions.
    pub fn extraction_count(&self) -> usize {
        self.entries.len()
    }

    /// The extractions of a live signal, in the order they were added.
    ///
    /// # Errors
    ///
    /// [`ClusterError::UnknownSignal`] or [`ClusterError::RetiredSignal`].
    pub fn members(
        &self,
        signal: SignalId,
    ) -> Result<impl Iterator<Item = &ExtractionFeatures> + '_, ClusterError> {
        let slots = self.live_members(signal)?;
        Ok(slots
            .iter()
            .filter_map(|slot| self.entries.get(*slot as usize))
            .map(|entry| &entry.features))
    }

    /// The distinct articles behind a live signal, sorted.
    ///
    /// # Errors
    ///
    /// [`ClusterError::UnknownSignal`] or [`ClusterError::RetiredSignal`].
    pub fn articles(&self, signal: SignalId) -> Result<Vec<&str>, ClusterError> {
        let mut articles: Vec<&str> = self
            .members(signal)?
            .map(|features| features.article_id.as_str())
            .collect();
        articles.sort_unstable();
        articles.dedup();
        Ok(articles)
    }

    /// The live signal a signal is now part of: itself if live, else the end of its merges.
    ///
    /// # Errors
    ///
    /// [`ClusterError::UnknownSignal`] when the signal never existed.
    pub fn resolve(&self, signal: SignalId) -> Result<SignalId, ClusterError> {
        let mut current = signal;
        // Each merge retires one signal, so the chain is shorter than the number of signals.
        for _ in 0..=self.lineage.events().len() {
            if self.members.contains_key(&current) {
                return Ok(current);
            }
            match self.lineage.merged_into(current) {
                Some(next) => current = next,
                None => break,
            }
        }
        Err(ClusterError::UnknownSignal { signal })
    }

    fn live_members(&self, signal: SignalId) -> Result<&Vec<u32>, ClusterError> {
        if let Some(slots) = self.members.get(&signal) {
            return Ok(slots);
        }
        match self.resolve(signal) {
            Ok(merged_into) if merged_into != signal => Err(ClusterError::RetiredSignal {
                signal,
                merged_into,
            }),
            _ => Err(ClusterError::UnknownSignal { signal }),
        }
    }

    /// Merges `absorbed` into `kept`: its extractions move to `kept`, it is retired, and the
    /// lineage records the merge. Returns `kept`.
    ///
    /// # Errors
    ///
    /// [`ClusterError::SelfMerge`] when both are the same; [`ClusterError::UnknownSignal`] or
    /// [`ClusterError::RetiredSignal`] when either is not live. Nothing changes on error.
    pub fn merge(&mut self, kept: SignalId, absorbed: SignalId) -> Result<SignalId, ClusterError> {
        if kept == absorbed {
            return Err(ClusterError::SelfMerge { signal: kept });
        }
        self.live_members(kept)?;
        self.live_members(absorbed)?;
        let moving = self.members.remove(&absorbed).unwrap_or_default();
        for slot in &moving {
            if let Some(entry) = self.entries.get_mut(*slot as usize) {
                entry.signal = kept;
            }
            self.lineage.move_extraction(*slot, absorbed, kept);
        }
        let target = self.members.entry(kept).or_default();
        target.extend(moving);
        target.sort_unstable();
        self.lineage.record_merge(absorbed, kept);
        Ok(kept)
    }

    /// Moves the named extractions of `signal` to a new signal and returns it.
    ///
    /// # Errors
    ///
    /// [`ClusterError::UnknownSignal`] or [`ClusterError::RetiredSignal`] when `signal` is not
    /// live; [`ClusterError::UnknownExtraction`] or [`ClusterError::NotInSignal`] for a named
    /// extraction that is not one of its own; [`ClusterError::InvalidSplit`] when the split names
    /// none of them or all of them. Nothing changes on error.
    pub fn split<S: AsRef<str>>(
        &mut self,
        signal: SignalId,
        extraction_ids: &[S],
    ) -> Result<SignalId, ClusterError> {
        let member_count = self.live_members(signal)?.len();
        let mut moving: Vec<u32> = Vec::with_capacity(extraction_ids.len());
        for id in extraction_ids {
            let id = id.as_ref();
            let slot = *self
                .slots
                .get(id)
                .ok_or_else(|| ClusterError::UnknownExtraction {
                    extraction_id: id.to_owned(),
                })?;
            let actual = self.entries.get(slot as usize).map_or(signal, |e| e.signal);
            if actual != signal {
                return Err(ClusterError::NotInSignal {
                    extraction_id: id.to_owned(),
                    signal,
                    actual,
                });
            }
            moving.push(slot);
        }
        moving.sort_unstable();
        moving.dedup();
        if moving.is_empty() || moving.len() >= member_count {
            return Err(ClusterError::InvalidSplit {
                signal,
                moving: moving.len(),
                members: member_count,
            });
        }
        let into = SignalId::new(self.next_signal);
        self.next_signal += 1;
        if let Some(slots) = self.members.get_mut(&signal) {
            slots.retain(|slot| moving.binary_search(slot).is_err());
        }
        for slot in &moving {
            if let Some(entry) = self.entries.get_mut(*slot as usize) {
                entry.signal = into;
            }
            self.lineage.move_extraction(*slot, signal, into);
        }
        self.members.insert(into, moving);
        self.lineage.record_split(
            signal,
            into,
            extraction_ids
                .iter()
                .map(|id| id.as_ref().to_owned())
                .collect(),
        );
        Ok(into)
    }

    /// The lineage graph: signals, extractions (with their articles), and the `Contains`,
    /// `FormerlyContained`, `MergedInto` and `SplitInto` edges between them. It only grows.
    pub fn lineage(&self) -> &StableDiGraph<LineageNode, LineageEdge> {
        self.lineage.graph()
    }

    /// Every merge and split, in the order they happened.
    pub fn lineage_events(&self) -> &[LineageEvent] {
        self.lineage.events()
    }
}

/// The term index and the identifier lookup of extractions about to fill slots `0..n` in order:
/// what [`SignalClusters::insert`] would build for them one by one.
fn lookups(
    extractions: &[ExtractionFeatures],
    profiles: &[Profile],
) -> (TermIndex, FxHashMap<String, u32>) {
    let mut index = TermIndex::default();
    index.reserve_for(profiles);
    let mut slots = FxHashMap::default();
    slots.reserve(extractions.len());
    for (slot, (features, profile)) in (0u32..).zip(extractions.iter().zip(profiles)) {
        let keys = entity_keys(&profile.actors, &profile.regions);
        index.insert(slot, &IndexQuery::of_profile(profile, &keys));
        slots.insert(features.extraction_id.clone(), slot);
    }
    (index, slots)
}

/// The saved form of [`SignalClusters`]: the configuration, every extraction with the signal it
/// first joined and the one it belongs to now, and the merges and splits with the number of
/// extractions present when each happened. Restoring replays them and checks that the replay ends
/// where the save did.
#[derive(Debug, Serialize, Deserialize)]
struct ClusterState {
    config: ClusterConfig,
    next_signal: u64,
    extractions: Vec<SavedExtraction>,
    events: Vec<SavedEvent>,
}

#[derive(Debug, Serialize, Deserialize)]
struct SavedExtraction {
    #[serde(flatten)]
    features: ExtractionFeatures,
    first_signal: SignalId,
    signal: SignalId,
    /// Learned synonyms read in the thesis, as `(word, concept)`.
    #[serde(default)]
    read_as: Vec<(String, String)>,
    /// Words of the thesis leaning towards a concept, as `(word, concept)`.
    #[serde(default)]
    leans_to: Vec<(String, String)>,
}

#[derive(Debug, Serialize, Deserialize)]
struct SavedEvent {
    after_extractions: usize,
    #[serde(flatten)]
    event: LineageEvent,
}

#[derive(Serialize)]
struct ClusterStateRef<'a> {
    config: &'a ClusterConfig,
    next_signal: u64,
    extractions: Vec<SavedExtractionRef<'a>>,
    events: Vec<SavedEventRef<'a>>,
}

#[derive(Serialize)]
struct SavedExtractionRef<'a> {
    #[serde(flatten)]
    features: &'a ExtractionFeatures,
    first_signal: SignalId,
    signal: SignalId,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    read_as: Vec<(String, String)>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    leans_to: Vec<(String, String)>,
}

/// Firm readings or leanings as `(word, concept)` names, given every term's key.
fn named_readings(keys: &[&str], readings: &[Reading], firm: bool) -> Vec<(String, String)> {
    let name = |term: u32| {
        keys.get(term as usize)
            .map(|key| key.trim_start_matches('\u{1}').to_owned())
            .unwrap_or_default()
    };
    readings
        .iter()
        .filter(|reading| reading.firm == firm)
        .map(|reading| (name(reading.term), name(reading.concept)))
        .collect()
}

#[derive(Serialize)]
struct SavedEventRef<'a> {
    after_extractions: usize,
    #[serde(flatten)]
    event: &'a LineageEvent,
}

impl Serialize for SignalClusters {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let keys = self.analyzer.term_keys();
        ClusterStateRef {
            config: &self.config,
            next_signal: self.next_signal,
            extractions: self
                .entries
                .iter()
                .map(|entry| SavedExtractionRef {
                    features: &entry.features,
                    first_signal: entry.first_signal,
                    signal: entry.signal,
                    read_as: named_readings(&keys, &entry.readings, true),
                    leans_to: named_readings(&keys, &entry.readings, false),
                })
                .collect(),
            events: self
                .lineage
                .events()
                .iter()
                .zip(self.lineage.event_positions())
                .map(|(event, position)| SavedEventRef {
                    after_extractions: *position,
                    event,
                })
                .collect(),
        }
        .serialize(serializer)
    }
}

impl SignalClusters {
    /// Resolves the saved readings of an extraction: each word must be a plain word of its
    /// thesis and each concept a lexicon concept of a role the thesis leaves open.
    fn saved_readings(
        &self,
        saved: &SavedExtraction,
        profile: &Profile,
    ) -> Result<Vec<Reading>, ClusterError> {
        let mut readings = Vec::with_capacity(saved.read_as.len() + saved.leans_to.len());
        let firm = saved.read_as.iter().map(|pair| (pair, true));
        let leaning = saved.leans_to.iter().map(|pair| (pair, false));
        for ((word, concept), firm) in firm.chain(leaning) {
            let invalid = || ClusterError::InvalidReading {
                extraction_id: saved.features.extraction_id.clone(),
                word: word.clone(),
                concept: concept.clone(),
            };
            let term = self
                .analyzer
                .word_term(word)
                .filter(|term| profile.terms.binary_search(term).is_ok())
                .ok_or_else(invalid)?;
            let (role, concept) = self.analyzer.concept(concept).ok_or_else(invalid)?;
            if profile.roles.iter().any(|(r, _)| *r == role) {
                return Err(invalid());
            }
            readings.push(Reading {
                term,
                role,
                concept,
                firm,
            });
        }
        readings.sort_unstable();
        Ok(readings)
    }

    /// Replays one saved merge or split during a restore.
    fn replay(
        &mut self,
        index: usize,
        event: LineageEvent,
        saved_next: u64,
    ) -> Result<(), ClusterError> {
        let inconsistent = |reason| ClusterError::InconsistentLineage { index, reason };
        match event {
            LineageEvent::Merged { from, into } => {
                self.merge(into, from)
                    .map_err(|_| inconsistent("merge of signals that were not both live"))?;
            }
            LineageEvent::Split {
                from,
                into,
                extractions,
            } => {
                if into.get() >= saved_next {
                    return Err(inconsistent("split into a signal beyond the counter"));
                }
                if self.lineage.knows(into) {
                    return Err(inconsistent("split into a signal that already existed"));
                }
                self.next_signal = into.get();
                let made = self
                    .split(from, &extractions)
                    .map_err(|_| inconsistent("split that does not apply to its signal"))?;
                self.next_signal = saved_next;
                if made != into {
                    return Err(inconsistent("split into an unexpected signal"));
                }
            }
        }
        Ok(())
    }
}

impl TryFrom<ClusterState> for SignalClusters {
    type Error = ClusterError;

    fn try_from(state: ClusterState) -> Result<Self, Self::Error> {
        let mut clusters = Self::new(state.config);
        clusters.next_signal = state.next_signal;
        let total = state.extractions.len();
        let mut expected = Vec::with_capacity(total);
        let mut events = state.events.into_iter().enumerate().peekable();
        let mut last_position = 0;
        for (position, saved) in state.extractions.into_iter().enumerate() {
            while let Some((index, event)) =
                events.next_if(|(_, e)| e.after_extractions <= position)
            {
                if event.after_extractions < last_position {
                    return Err(ClusterError::InconsistentLineage {
                        index,
                        reason: "events are not in the order they happened",
                    });
                }
                last_position = event.after_extractions;
                clusters.replay(index, event.event, state.next_signal)?;
            }
            for signal in [saved.first_signal, saved.signal] {
                if signal.get() >= state.next_signal {
                    return Err(ClusterError::SignalBeyondCounter {
                        signal,
                        next: state.next_signal,
                    });
                }
            }
            if clusters.slots.contains_key(&saved.features.extraction_id) {
                return Err(ClusterError::DuplicateExtraction {
                    extraction_id: saved.features.extraction_id,
                });
            }
            if clusters.lineage.merged_into(saved.first_signal).is_some() {
                return Err(ClusterError::InconsistentLineage {
                    index: last_position,
                    reason: "extraction added to a signal already merged away",
                });
            }
            let mut profile = clusters.analyzer.profile(&saved.features)?;
            clusters.induction.observe(&clusters.analyzer, &profile);
            let readings = clusters.saved_readings(&saved, &profile)?;
            apply_readings(&mut profile, &readings);
            expected.push(saved.signal);
            clusters.insert(
                saved.features,
                profile,
                readings.into_boxed_slice(),
                saved.first_signal,
                true,
            );
        }
        for (index, event) in events {
            if event.after_extractions != total || event.after_extractions < last_position {
                return Err(ClusterError::InconsistentLineage {
                    index,
                    reason: "event placed after more extractions than were saved",
                });
            }
            clusters.replay(index, event.event, state.next_signal)?;
        }
        let replayed: Vec<SignalId> = clusters.entries.iter().map(|entry| entry.signal).collect();
        if replayed != expected {
            return Err(ClusterError::InconsistentLineage {
                index: clusters.lineage.events().len(),
                reason: "replaying the events does not give the saved memberships",
            });
        }
        Ok(clusters)
    }
}
