//! The similarity graph of a batch: every pair of extractions that should be linked, found through
//! the inverted index rather than by comparing all pairs, and its connected components.

use std::ops::Range;

use petgraph::unionfind::UnionFind;

use crate::index::{
    PrefixFilter, PrefixIndex, PrefixQuery, PrefixScratch, entity_keys, entity_mask, ordered_prefix,
};
use crate::parallel::{batch_threads, map_chunks};
use crate::profile::{Analyzer, Profile};
use crate::similarity::{TermStats, link_score_with_totals};
use crate::synonym_induction::{LearnedSynonym, Reading, SynonymInduction, induce};
use crate::{ClusterConfig, ClusterError, ExtractionFeatures};

/// Extractions per unit of work of the parallel candidate search: small enough to balance two
/// cores (later extractions meet longer posting lists), large enough that taking one is cheap.
const SEARCH_CHUNK: usize = 1_024;

fn to_slot(position: usize) -> u32 {
    u32::try_from(position).unwrap_or(u32::MAX)
}

/// The extractions in increasing order of identifier (byte order, as `String` compares).
///
/// Sorting moves small keys rather than whole extractions: the first eight bytes of each
/// identifier as a big-endian number, which orders as the bytes do, with the full identifiers
/// compared only when those are equal.
fn sorted_by_identifier(extractions: Vec<ExtractionFeatures>) -> Vec<ExtractionFeatures> {
    let head = |id: &str| {
        let mut bytes = [0u8; 8];
        for (to, from) in bytes.iter_mut().zip(id.bytes()) {
            *to = from;
        }
        u64::from_be_bytes(bytes)
    };
    let mut keys: Vec<(u64, usize)> = extractions
        .iter()
        .enumerate()
        .map(|(position, features)| (head(&features.extraction_id), position))
        .collect();
    let id = |position: usize| {
        extractions
            .get(position)
            .map_or("", |features| features.extraction_id.as_str())
    };
    keys.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| id(a.1).cmp(id(b.1))));
    let mut taken: Vec<Option<ExtractionFeatures>> = extractions.into_iter().map(Some).collect();
    keys.iter()
        .filter_map(|(_, position)| taken.get_mut(*position).and_then(Option::take))
        .collect()
}

/// What the prefix filter needs of every profile of a batch, computed once and stored flat.
#[derive(Debug, Default)]
struct PrefixQueries {
    /// Every profile's prefix terms with their weights, one after another.
    prefix_terms: Vec<(u64, u32)>,
    /// Where each profile's prefix terms end in `prefix_terms`.
    prefix_ends: Vec<usize>,
    /// Every profile's entity keys, one after another.
    keys: Vec<u128>,
    /// Where each profile's keys end in `keys`.
    key_ends: Vec<usize>,
    /// Each profile's entity mask.
    masks: Vec<u128>,
    /// Each profile's total thesis weight.
    totals: Vec<u64>,
    /// Each profile's weight after its prefix.
    suffixes: Vec<u64>,
}

impl PrefixQueries {
    fn new(profiles: &[Profile], stats: &TermStats, floor: f64) -> Self {
        let mut queries = Self::default();
        let mut ordered = Vec::new();
        for profile in profiles {
            let prefix = ordered_prefix(&profile.terms, stats, floor, &mut ordered);
            let total: u64 = ordered.iter().map(|(weight, _)| weight).sum();
            let prefix_terms = ordered.get(..prefix).unwrap_or(&ordered);
            let prefix_weight: u64 = prefix_terms.iter().map(|(weight, _)| weight).sum();
            queries.prefix_terms.extend_from_slice(prefix_terms);
            queries.prefix_ends.push(queries.prefix_terms.len());
            let keys = entity_keys(&profile.actors, &profile.regions);
            queries.masks.push(entity_mask(&keys));
            queries.keys.extend_from_slice(&keys);
            queries.key_ends.push(queries.keys.len());
            queries.totals.push(total);
            queries.suffixes.push(total.saturating_sub(prefix_weight));
        }
        queries
    }

    /// The query of the profile at `position` (of the slice given to [`new`](Self::new)).
    fn query<'a>(&'a self, position: usize, profiles: &'a [Profile]) -> PrefixQuery<'a> {
        let span = |ends: &[usize]| {
            let start = position
                .checked_sub(1)
                .and_then(|before| ends.get(before))
                .copied()
                .unwrap_or(0);
            start..ends.get(position).copied().unwrap_or(start)
        };
        PrefixQuery {
            prefix: self
                .prefix_terms
                .get(span(&self.prefix_ends))
                .unwrap_or_default(),
            total: self.totals.get(position).copied().unwrap_or(0),
            suffix: self.suffixes.get(position).copied().unwrap_or(0),
            direction: profiles
                .get(position)
                .map_or(0, |profile| profile.direction),
            entities: self.masks.get(position).copied().unwrap_or(0),
            entity_keys: self.keys.get(span(&self.key_ends)).unwrap_or_default(),
            regions: profiles
                .get(position)
                .map_or(&[], |profile| &profile.regions),
            region_blocs: profiles
                .get(position)
                .map_or(&[], |profile| &profile.region_blocs),
        }
    }
}

/// A link between two extractions of a [`SimilarityGraph`], by position in
/// [`SimilarityGraph::extractions`] (`left < right`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    /// Position of the first extraction.
    pub left: usize,
    /// Position of the second extraction.
    pub right: usize,
    /// Their similarity (at least the configured threshold).
    pub similarity: f64,
}

/// Every linked pair of a set of extractions, independent of the order they were given in.
///
/// Extractions are held sorted by identifier and term weights come from the whole set, so the
/// graph is a function of the set alone. [`SignalClusters::batch`](crate::SignalClusters::batch)
/// clusters it; it is public so that links can be inspected.
///
/// # Example
///
/// ```
/// use bellwether_score::{ClusterConfig, ExtractionFeatures, SimilarityGraph};
///
/// let graph = SimilarityGraph::build(ClusterConfig::default(), vec![
///     ExtractionFeatures::new("b", "a2", "Export curbs spur Chinese chip self-reliance").with_regions(["US", "CN"]),
///     ExtractionFeatures::new("a", "a1", "Chip export curbs spur self-reliance in China").with_regions(["US", "CN"]),
/// ])?;
/// assert_eq!(graph.extractions()[0].extraction_id, "a");
/// assert_eq!(graph.links().len(), 1);
/// assert_eq!(graph.components(), vec![vec![0, 1]]);
/// # Ok::<(), bellwether_score::ClusterError>(())
/// ```
#[derive(Debug)]
pub struct SimilarityGraph {
    pub(crate) config: ClusterConfig,
    pub(crate) analyzer: Analyzer,
    pub(crate) stats: TermStats,
    pub(crate) extractions: Vec<ExtractionFeatures>,
    pub(crate) profiles: Vec<Profile>,
    pub(crate) links: Vec<Link>,
    /// What synonym induction learned from the set.
    pub(crate) induction: SynonymInduction,
    /// Per extraction, the learned readings applied to its profile.
    pub(crate) readings: Vec<Box<[Reading]>>,
}

impl SimilarityGraph {
    /// Links every pair of extractions whose similarity reaches the threshold.
    ///
    /// # Errors
    ///
    /// [`ClusterError::DuplicateExtraction`] when two extractions share an identifier;
    /// [`ClusterError::EmptyIdentifier`] or [`ClusterError::EmptyThesis`] for an extraction that
    /// cannot be clustered.
    pub fn build(
        config: ClusterConfig,
        extractions: Vec<ExtractionFeatures>,
    ) -> Result<Self, ClusterError> {
        let threads = batch_threads(extractions.len());
        Self::build_on_threads(config, extractions, threads, SEARCH_CHUNK)
    }

    /// [`build`](Self::build) with the candidate search cut into units of `chunk` extractions
    /// spread over up to `threads` threads; the graph is the same for any number of either.
    pub(crate) fn build_on_threads(
        config: ClusterConfig,
        extractions: Vec<ExtractionFeatures>,
        threads: usize,
        chunk: usize,
    ) -> Result<Self, ClusterError> {
        let extractions = sorted_by_identifier(extractions);
        if let Some(pair) = extractions
            .windows(2)
            .find(|pair| pair[0].extraction_id == pair[1].extraction_id)
        {
            return Err(ClusterError::DuplicateExtraction {
                extraction_id: pair[0].extraction_id.clone(),
            });
        }
        let mut analyzer = Analyzer::default();
        let mut stats = TermStats::new();
        let mut profiles = Vec::with_capacity(extractions.len());
        for features in &extractions {
            profiles.push(analyzer.profile(features)?);
        }
        let (induction, readings) = induce(&analyzer, &mut profiles);
        for profile in &profiles {
            stats.add(&profile.terms);
        }
        let floor = config.thesis_floor();
        let queries = PrefixQueries::new(&profiles, &stats, floor);
        // Weights are fixed for the whole set, so prefixes can be both indexed and probed; each
        // slot is probed against the slots before it only, so each pair is considered once.
        let mut index = PrefixIndex::default();
        for slot in 0..profiles.len() {
            index.insert(to_slot(slot), &queries.query(slot, &profiles));
        }
        let filter = PrefixFilter {
            floor,
            postings_limit: config.postings_limit(),
            shared_entity: config.require_shared_entity(),
            direction: config.reject_direction_conflict(),
            region_conflict: config.reject_region_conflict(),
        };
        let search = |(scratch, candidates): &mut (PrefixScratch, Vec<u32>),
                      rights: Range<usize>| {
            let mut links = Vec::new();
            for right in rights {
                let (Some(profile), Some(right_total)) =
                    (profiles.get(right), queries.totals.get(right))
                else {
                    continue;
                };
                let query = queries.query(right, &profiles);
                index.candidates(&query, to_slot(right), &filter, scratch, candidates);
                for left in candidates.iter() {
                    let left = *left as usize;
                    if let (Some(other), Some(left_total)) =
                        (profiles.get(left), queries.totals.get(left))
                    {
                        let pair_totals = Some((*left_total, *right_total));
                        if let Some(similarity) =
                            link_score_with_totals(&config, &stats, other, profile, pair_totals)
                        {
                            links.push(Link {
                                left,
                                right,
                                similarity,
                            });
                        }
                    }
                }
            }
            links
        };
        let links = map_chunks(profiles.len(), chunk, threads, search).concat();
        Ok(Self {
            config,
            analyzer,
            stats,
            extractions,
            profiles,
            links,
            induction,
            readings,
        })
    }

    /// The extractions, sorted by identifier; links refer to positions in this slice.
    pub fn extractions(&self) -> &[ExtractionFeatures] {
        &self.extractions
    }

    /// The words outside the lexicon that this set taught the clusterer to read as lexicon
    /// concepts, with the evidence for each (see [`LearnedSynonym`]), sorted by word.
    pub fn learned_synonyms(&self) -> Vec<LearnedSynonym> {
        self.induction.learned(&self.analyzer)
    }

    /// Every linked pair, ordered by `right` then `left`.
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    /// The connected components (found with a union-find), each sorted, ordered by first element.
    ///
    /// Single-linkage clustering would return these as signals; they chain sibling theses
    /// together through intermediate paraphrases, which is why
    /// [`SignalClusters::batch`](crate::SignalClusters::batch) uses pivot clustering instead.
    pub fn components(&self) -> Vec<Vec<usize>> {
        let mut sets = UnionFind::<usize>::new(self.extractions.len());
        for link in &self.links {
            sets.union(link.left, link.right);
        }
        let labels = sets.into_labeling();
        let mut by_root: Vec<Vec<usize>> = vec![Vec::new(); labels.len()];
        for (position, root) in labels.iter().enumerate() {
            if let Some(component) = by_root.get_mut(*root) {
                component.push(position);
            }
        }
        by_root.retain(|component| !component.is_empty());
        by_root.sort_unstable_by_key(|component| component.first().copied());
        by_root
    }

    /// Pivot clustering (KwikCluster with a deterministic pivot order and a support check)
    /// followed by a local refinement; returns, per extraction, its cluster number.
    ///
    /// Pivots are taken by decreasing number of links, then content hash, then identifier; each
    /// pivot claims those of its unclaimed neighbours that are also linked to at least
    /// `min_support` of the pivot's other unclaimed neighbours. Every first cluster is a star
    /// around its pivot, so no chain of paraphrases can pull two unrelated theses together.
    ///
    /// A pivot that bridges two sibling theses (a wording that names neither's distinguishing
    /// word) can still claim members of both. The refinement then visits the extractions in
    /// identifier order, moving each to the cluster (or a new one of its own) that maximises
    /// `links − min_support × size` over the cluster's other members, until a full pass moves
    /// nothing (at most `REFINE_ROUNDS` passes). Each move strictly raises the sum over
    /// clusters of that quantity, so the passes end; members of a mixed cluster that are not
    /// linked to most of it leave it. Both steps depend only on the set of extractions, never on
    /// their input order. A last pass leaves alone any member still linked to fewer than
    /// `min_support` of its cluster's other members (possible only when the refinement stops at
    /// its round limit), so that holds for every cluster the function returns. Clusters are
    /// numbered by their first member in pivot order.
    pub(crate) fn pivot_clusters(&self) -> Vec<u32> {
        let count = self.extractions.len();
        let neighbours = Adjacency::of_links(count, &self.links);
        let threads = batch_threads(count);
        let hashes: Vec<u64> = map_chunks(count, HASH_CHUNK, threads, |_: &mut (), range| {
            self.extractions
                .get(range)
                .unwrap_or_default()
                .iter()
                .map(content_hash)
                .collect::<Vec<u64>>()
        })
        .concat();
        // Identifiers are unique, so this order is total and depends on the set alone: by
        // decreasing degree, then increasing hash, then increasing position.
        let mut keyed: Vec<(usize, u64, u32)> = (0..count)
            .map(|i| {
                let degree = neighbours.of(i).len();
                let hash = hashes.get(i).copied().unwrap_or(0);
                (usize::MAX - degree, hash, to_slot(i))
            })
            .collect();
        keyed.sort_unstable();
        let order: Vec<usize> = keyed.iter().map(|(_, _, i)| *i as usize).collect();
        drop(keyed);
        let support = self.config.min_support();
        let mut label = vec![u32::MAX; count];
        let mut stamp = vec![usize::MAX; count];
        let mut next = 0u32;
        let mut claim = Vec::new();
        for pivot in order.iter().copied() {
            if label.get(pivot).is_none_or(|l| *l != u32::MAX) {
                continue;
            }
            claim.clear();
            for neighbour in neighbours.of(pivot) {
                let neighbour = *neighbour as usize;
                if label.get(neighbour).is_some_and(|l| *l == u32::MAX) {
                    claim.push(neighbour);
                    if let Some(mark) = stamp.get_mut(neighbour) {
                        *mark = pivot;
                    }
                }
            }
            #[allow(clippy::cast_precision_loss)]
            let others = claim.len().saturating_sub(1) as f64;
            if let Some(slot) = label.get_mut(pivot) {
                *slot = next;
            }
            for member in &claim {
                #[allow(clippy::cast_precision_loss)]
                let backing = neighbours
                    .of(*member)
                    .iter()
                    .filter(|other| stamp.get(**other as usize) == Some(&pivot))
                    .count() as f64;
                if backing >= (support * others).ceil()
                    && let Some(slot) = label.get_mut(*member)
                {
                    *slot = next;
                }
            }
            next += 1;
        }
        let next = refine(&neighbours, &mut label, next, support);
        let next = eject_unsupported(&neighbours, &mut label, next, support);
        // Number clusters by their first member in pivot order.
        let mut renumber = vec![u32::MAX; next as usize];
        let mut fresh = 0u32;
        for position in order {
            if let Some(old) = label.get(position).copied()
                && let Some(new) = renumber.get_mut(old as usize)
            {
                if *new == u32::MAX {
                    *new = fresh;
                    fresh += 1;
                }
                if let Some(slot) = label.get_mut(position) {
                    *slot = *new;
                }
            }
        }
        label
    }
}

/// Extractions per unit of work when hashing them in parallel.
const HASH_CHUNK: usize = 8_192;

/// The linked neighbours of every extraction, sorted, stored flat: those of `i` are
/// `targets[starts[i]..starts[i + 1]]`.
#[derive(Debug)]
struct Adjacency {
    starts: Vec<usize>,
    targets: Vec<u32>,
}

impl Adjacency {
    fn of_links(count: usize, links: &[Link]) -> Self {
        let mut starts = vec![0usize; count + 1];
        for link in links {
            for end in [link.left, link.right] {
                if let Some(start) = starts.get_mut(end + 1) {
                    *start += 1;
                }
            }
        }
        for i in 0..count {
            let before = starts.get(i).copied().unwrap_or(0);
            if let Some(start) = starts.get_mut(i + 1) {
                *start += before;
            }
        }
        let mut fill = starts.clone();
        let mut targets = vec![0u32; starts.last().copied().unwrap_or(0)];
        for link in links {
            for (end, other) in [(link.left, link.right), (link.right, link.left)] {
                if let Some(at) = fill.get_mut(end) {
                    if let Some(target) = targets.get_mut(*at) {
                        *target = to_slot(other);
                    }
                    *at += 1;
                }
            }
        }
        let mut adjacency = Self { starts, targets };
        // Links ordered by right then left already give sorted lists; any other order is sorted
        // here.
        for i in 0..count {
            let range = adjacency.range(i);
            if let Some(list) = adjacency.targets.get_mut(range)
                && !list.is_sorted()
            {
                list.sort_unstable();
            }
        }
        adjacency
    }

    fn range(&self, i: usize) -> std::ops::Range<usize> {
        let start = self.starts.get(i).copied().unwrap_or(0);
        start..self.starts.get(i + 1).copied().unwrap_or(start)
    }

    /// The neighbours of `i`, sorted.
    fn of(&self, i: usize) -> &[u32] {
        self.targets.get(self.range(i)).unwrap_or_default()
    }

    /// The neighbour lists of every extraction, in position order.
    fn lists(&self) -> impl Iterator<Item = &[u32]> {
        (0..self.starts.len().saturating_sub(1)).map(|i| self.of(i))
    }
}

/// Most refinement passes over all extractions.
const REFINE_ROUNDS: usize = 16;

/// Local search for [`SimilarityGraph::pivot_clusters`]: moves single extractions to the
/// cluster where `links − support × size` is largest, in position order, until nothing moves.
///
/// `label` holds cluster numbers below `next`; new clusters (an extraction leaving to be alone)
/// take numbers from `next` up. Returns the number after the highest cluster number used.
fn refine(neighbours: &Adjacency, label: &mut [u32], mut next: u32, support: f64) -> u32 {
    let mut sizes: Vec<usize> = vec![0; next as usize];
    for l in label.iter() {
        if let Some(size) = sizes.get_mut(*l as usize) {
            *size += 1;
        }
    }
    // Links from the extraction being visited into each cluster.
    let mut links: Vec<(u32, usize)> = Vec::new();
    for _ in 0..REFINE_ROUNDS {
        let mut moved = false;
        for (position, list) in neighbours.lists().enumerate() {
            let Some(current) = label.get(position).copied() else {
                continue;
            };
            links.clear();
            for neighbour in list {
                if let Some(l) = label.get(*neighbour as usize).copied() {
                    match links.iter_mut().find(|(cluster, _)| *cluster == l) {
                        Some(entry) => entry.1 += 1,
                        None => links.push((l, 1)),
                    }
                }
            }
            #[allow(clippy::cast_precision_loss)]
            let gain = |cluster: u32, linked: usize| {
                let size = sizes.get(cluster as usize).copied().unwrap_or(0);
                let others = if cluster == current { size - 1 } else { size };
                linked as f64 - support * others as f64
            };
            let here = links
                .iter()
                .find(|(cluster, _)| *cluster == current)
                .map_or(0, |(_, n)| *n);
            let mut best = (gain(current, here), current);
            // Being alone gains nothing; leave only for a strictly better place.
            let alone = sizes.get(current as usize).copied().unwrap_or(1) > 1;
            if alone && 0.0 > best.0 {
                best = (0.0, u32::MAX);
            }
            links.sort_unstable();
            for (cluster, linked) in &links {
                let value = gain(*cluster, *linked);
                if *cluster != current && value > best.0 {
                    best = (value, *cluster);
                }
            }
            if best.1 == current {
                continue;
            }
            let target = if best.1 == u32::MAX {
                sizes.push(0);
                next += 1;
                next - 1
            } else {
                best.1
            };
            if let Some(size) = sizes.get_mut(current as usize) {
                *size -= 1;
            }
            if let Some(size) = sizes.get_mut(target as usize) {
                *size += 1;
            }
            if let Some(slot) = label.get_mut(position) {
                *slot = target;
            }
            moved = true;
        }
        if !moved {
            break;
        }
    }
    next
}

/// Makes every member of a cluster linked to at least `support` of the cluster's other members,
/// by moving members that are not into clusters of their own, in position order, until none is
/// left. A refinement that converges already guarantees this; the pass matters only when
/// [`REFINE_ROUNDS`] ran out first, and it keeps the guarantee unconditional.
///
/// Each move leaves one extraction alone for good, so there are at most `n` moves; each check
/// costs the extraction's links. Returns the number after the highest cluster number used.
fn eject_unsupported(
    neighbours: &Adjacency,
    label: &mut [u32],
    mut next: u32,
    support: f64,
) -> u32 {
    let mut sizes: Vec<usize> = vec![0; next as usize];
    for l in label.iter() {
        if let Some(size) = sizes.get_mut(*l as usize) {
            *size += 1;
        }
    }
    loop {
        let mut moved = false;
        for (position, list) in neighbours.lists().enumerate() {
            let Some(current) = label.get(position).copied() else {
                continue;
            };
            let size = sizes.get(current as usize).copied().unwrap_or(1);
            if size <= 1 {
                continue;
            }
            let linked = list
                .iter()
                .filter(|n| label.get(**n as usize) == Some(&current))
                .count();
            #[allow(clippy::cast_precision_loss)]
            let unsupported = (linked as f64) < support * (size - 1) as f64;
            if unsupported {
                if let Some(slot) = sizes.get_mut(current as usize) {
                    *slot -= 1;
                }
                sizes.push(1);
                if let Some(slot) = label.get_mut(position) {
                    *slot = next;
                }
                next += 1;
                moved = true;
            }
        }
        if !moved {
            return next;
        }
    }
}

/// FNV-1a over an extraction's thesis, article and identifier: a stable, platform-independent
/// hash that orders pivots without favouring any input position.
pub(crate) fn content_hash(features: &ExtractionFeatures) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for part in [
        &features.thesis,
        &features.article_id,
        &features.extraction_id,
    ] {
        for byte in part.bytes().chain(std::iter::once(0xff)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::similarity::link_score;

    const WORDS: &[&str] = &[
        "export",
        "controls",
        "chips",
        "China",
        "AI",
        "accelerate",
        "slow",
        "self-sufficiency",
        "sanctions",
        "Russia",
        "oil",
        "prices",
        "rise",
        "fall",
        "tariffs",
        "steel",
        "Europe",
        "wheat",
        "drought",
        "DeepSeek",
        "distillation",
        "models",
        "Nvidia",
        "sales",
        "curbs",
        "semiconductors",
        "domestic",
        "production",
        "innovation",
        "timelines",
        "hardware",
        "denial",
        "capabilities",
        "freezing",
        "US",
        "industry",
        "investment",
        "rules",
    ];

    /// Word, actor, region and tag indices of one drawn extraction.
    type RawExtraction = (Vec<usize>, Vec<usize>, Vec<usize>, Vec<usize>);

    /// The extractions that drawn indices stand for, named `x000`, `x001`, … from articles `a0`, ….
    fn extractions_from(raw: &[RawExtraction]) -> Vec<ExtractionFeatures> {
        raw.iter()
            .enumerate()
            .map(|(i, (words, actors, regions, tags))| {
                let thesis: Vec<&str> = words.iter().map(|w| WORDS[*w]).collect();
                ExtractionFeatures::new(format!("x{i:03}"), format!("a{i}"), thesis.join(" "))
                    .with_actors(
                        actors
                            .iter()
                            .map(|a| ["BIS", "OpenAI", "DeepSeek", "Nvidia"][*a]),
                    )
                    .with_regions(regions.iter().map(|r| ["US", "CN", "RU"][*r]))
                    .with_tags(tags.iter().map(|t| ["AI", "trade", "energy"][*t]))
            })
            .collect()
    }

    fn extraction() -> impl Strategy<Value = RawExtraction> {
        // Low word indices are drawn far more often, like a real vocabulary.
        let word = (0usize..WORDS.len(), 0usize..WORDS.len()).prop_map(|(a, b)| a.min(b));
        (
            proptest::collection::vec(word, 1..9),
            proptest::collection::vec(0usize..4, 0..3),
            proptest::collection::vec(0usize..3, 0..3),
            proptest::collection::vec(0usize..3, 0..3),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        #[test]
        fn index_finds_exactly_the_pairs_that_comparing_all_pairs_finds(
            raw in proptest::collection::vec(extraction(), 1..40),
            threshold in 0.3f64..0.9,
            actor_weight in 0.0f64..0.1,
            tag_weight in 0.0f64..0.1,
            guards in any::<bool>(),
        ) {
            let config = ClusterConfig::builder()
                .threshold(threshold)
                .actor_weight(actor_weight)
                .tag_weight(tag_weight)
                .region_weight(0.05)
                .require_shared_entity(guards)
                .reject_region_conflict(guards)
                .build()
                .unwrap();
            let extractions = extractions_from(&raw);
            let graph = SimilarityGraph::build(config, extractions).unwrap();
            let mut expected = Vec::new();
            for right in 0..graph.profiles.len() {
                for left in 0..right {
                    if let Some(similarity) =
                        link_score(&config, &graph.stats, &graph.profiles[left], &graph.profiles[right])
                    {
                        expected.push((left, right, similarity));
                    }
                }
            }
            let mut found: Vec<(usize, usize, f64)> =
                graph.links().iter().map(|l| (l.left, l.right, l.similarity)).collect();
            found.sort_by_key(|link| (link.1, link.0));
            prop_assert_eq!(found, expected);
        }

        #[test]
        fn sorting_by_identifier_keys_orders_as_strings_do(
            ids in proptest::collection::vec("[a-c\u{e9}\u{0}]{0,11}", 0..40),
        ) {
            let extractions: Vec<ExtractionFeatures> = ids
                .iter()
                .map(|id| ExtractionFeatures::new(id.clone(), "a", "t"))
                .collect();
            let mut expected = ids.clone();
            expected.sort();
            let sorted: Vec<String> = sorted_by_identifier(extractions)
                .into_iter()
                .map(|features| features.extraction_id)
                .collect();
            prop_assert_eq!(sorted, expected);
        }

        #[test]
        fn graph_and_clusters_do_not_depend_on_the_number_of_threads(
            raw in proptest::collection::vec(extraction(), 1..60),
            threads in 2usize..5,
            chunk in 1usize..9,
        ) {
            let extractions = extractions_from(&raw);
            let config = ClusterConfig::default();
            let one = SimilarityGraph::build_on_threads(config, extractions.clone(), 1, SEARCH_CHUNK)
                .unwrap();
            let many = SimilarityGraph::build_on_threads(config, extractions, threads, chunk).unwrap();
            prop_assert_eq!(one.links(), many.links());
            prop_assert_eq!(one.pivot_clusters(), many.pivot_clusters());
        }
    }
}
