//! Inverted index from thesis terms to extractions, with candidate generation that probes only
//! the rarest terms a match must share (a weighted prefix filter), so nothing compares all pairs.

use crate::profile::Profile;
use crate::similarity::{TermStats, places_conflict};
use crate::words::directions_conflict;

/// One entry of a [`TermIndex`] posting list, with what the guards need stored inline so that
/// candidates are filtered while the list is read front to back.
#[derive(Debug, Clone, Copy)]
struct Entry {
    slot: u32,
    direction: u32,
    entities: u128,
}

/// Postings: for each term, the extractions whose thesis holds it, in insertion order. Every term
/// of every extraction is indexed, so that searches stay exact while term weights drift as
/// extractions are added one by one.
#[derive(Debug, Clone, Default)]
pub(crate) struct TermIndex {
    postings: Vec<Vec<Entry>>,
    /// Per slot, its places (see [`PlaceSummary`]).
    places: Vec<PlaceSummary>,
}

/// A profile as a [`TermIndex`] search or insertion sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct IndexQuery<'a> {
    /// The thesis terms.
    pub(crate) terms: &'a [u32],
    /// Direction bits.
    pub(crate) direction: u32,
    /// Entity mask (see [`entity_mask`]).
    pub(crate) entities: u128,
    /// Entity keys (see [`entity_keys`]).
    pub(crate) entity_keys: &'a [u128],
    /// Places, sorted.
    pub(crate) regions: &'a [u32],
    /// The bloc of each place.
    pub(crate) region_blocs: &'a [u32],
}

impl<'a> IndexQuery<'a> {
    /// The query for `profile`, whose entity keys ([`entity_keys`]) the caller keeps in `keys`.
    pub(crate) fn of_profile(profile: &'a Profile, keys: &'a [u128]) -> Self {
        IndexQuery {
            terms: &profile.terms,
            direction: profile.direction,
            entities: entity_mask(keys),
            entity_keys: keys,
            regions: &profile.regions,
            region_blocs: &profile.region_blocs,
        }
    }
}

/// The places of an indexed extraction when it names at most two, so that the region-conflict
/// guard can be applied to a candidate without reading its profile.
#[derive(Debug, Clone, Copy, Default)]
struct PlaceSummary {
    /// How many places (`MANY_PLACES`: more than fit).
    count: u8,
    regions: [u32; 2],
    blocs: [u32; 2],
}

/// Marks a [`PlaceSummary`] of an extraction naming more places than it holds.
const MANY_PLACES: u8 = u8::MAX;

impl PlaceSummary {
    fn of(regions: &[u32], blocs: &[u32]) -> Self {
        let mut summary = Self::default();
        if regions.len() > summary.regions.len() || blocs.len() != regions.len() {
            summary.count = MANY_PLACES;
            return summary;
        }
        for (i, (region, bloc)) in regions.iter().zip(blocs).enumerate() {
            if let (Some(r), Some(b)) = (summary.regions.get_mut(i), summary.blocs.get_mut(i)) {
                *r = *region;
                *b = *bloc;
            }
        }
        summary.count = u8::try_from(regions.len()).unwrap_or(MANY_PLACES);
        summary
    }

    /// Whether the region-conflict guard rejects this extraction against these places (never
    /// when it names more places than the summary holds: the full check decides then).
    fn conflicts_with(&self, regions: &[u32], blocs: &[u32]) -> bool {
        if self.count == MANY_PLACES {
            return false;
        }
        let count = usize::from(self.count);
        let mine = (
            self.regions.get(..count).unwrap_or_default(),
            self.blocs.get(..count).unwrap_or_default(),
        );
        places_conflict(mine, (regions, blocs))
    }
}

impl TermIndex {
    /// Adds an extraction's terms under its slot.
    pub(crate) fn insert(&mut self, slot: u32, query: &IndexQuery<'_>) {
        let entry = Entry {
            slot,
            direction: query.direction,
            entities: query.entities,
        };
        let index = slot as usize;
        if index >= self.places.len() {
            self.places.resize(index + 1, PlaceSummary::default());
        }
        if let Some(places) = self.places.get_mut(index) {
            *places = PlaceSummary::of(query.regions, query.region_blocs);
        }
        for term in query.terms {
            let term = *term as usize;
            if term >= self.postings.len() {
                self.postings.resize_with(term + 1, Vec::new);
            }
            if let Some(list) = self.postings.get_mut(term) {
                list.push(entry);
            }
        }
    }

    /// Makes room for the terms of `profiles`, so that inserting them all moves no posting list.
    pub(crate) fn reserve_for(&mut self, profiles: &[Profile]) {
        let mut counts: Vec<usize> = Vec::new();
        for term in profiles.iter().flat_map(|profile| profile.terms.iter()) {
            let term = *term as usize;
            if term >= counts.len() {
                counts.resize(term + 1, 0);
            }
            if let Some(count) = counts.get_mut(term) {
                *count += 1;
            }
        }
        if counts.len() > self.postings.len() {
            self.postings.resize_with(counts.len(), Vec::new);
        }
        for (list, count) in self.postings.iter_mut().zip(counts) {
            list.reserve_exact(count);
        }
    }

    /// The postings of a term (slots are never removed).
    fn postings(&self, term: u32) -> &[Entry] {
        self.postings.get(term as usize).map_or(&[], Vec::as_slice)
    }

    /// Collects into `out` (sorted, deduplicated) the indexed slots that could reach a weighted
    /// Dice similarity of `thesis_floor` with `query` and pass the shared-entity, direction and
    /// region-conflict guards (the last checked exactly for slots naming at most two places), sharing at least one term found in at most `postings_limit` extractions.
    ///
    /// A match needs shared weight `o ≥ floor · W(query) / (2 − floor)` (the other side weighs at
    /// least `o`). Only the query's prefix is probed: its terms from the heaviest (rarest) down
    /// until the terms left weigh less than that bound, so that a match shares at least one
    /// probed term; each slot reached accumulates the weight it shares over probed terms, and is
    /// kept only if that plus everything not probed reaches the bound, and reaches
    /// Below the postings limit this finds every match; terms above it (the commonest words of a
    /// large collection) are not probed, so pairs sharing only such words are not proposed.
    pub(crate) fn candidates(
        &self,
        query: &IndexQuery<'_>,
        search: &Search<'_>,
        scratch: &mut Scratch,
        out: &mut Vec<u32>,
    ) {
        out.clear();
        scratch.weighted.clear();
        scratch.weighted.extend(
            query
                .terms
                .iter()
                .map(|term| (search.stats.weight(*term), *term)),
        );
        scratch.weighted.sort_unstable_by(|a, b| b.cmp(a));
        let total: u64 = scratch.weighted.iter().map(|(weight, _)| weight).sum();
        let floor = search.thesis_floor.clamp(0.0, 1.0);
        let needed = share_needed(total, floor);
        let mut rest = total;
        let mut unprobed = 0;
        let guards = InlineGuards {
            shared_entity: search.shared_entity,
            direction: search.direction,
            entity_keys: query.entity_keys,
            entities: query.entities,
            query_direction: query.direction,
        };
        for (weight, term) in &scratch.weighted {
            if rest < needed {
                break;
            }
            rest -= weight;
            let postings = self.postings(*term);
            if postings.len() > search.postings_limit {
                unprobed += weight;
                continue;
            }
            for entry in postings {
                if !guards.admit(entry.entities, entry.direction) {
                    continue;
                }
                let index = entry.slot as usize;
                if index >= scratch.shared.len() {
                    scratch.shared.resize(index + 1, 0);
                }
                if let Some(shared) = scratch.shared.get_mut(index) {
                    if *shared == 0 {
                        scratch.touched.push(entry.slot);
                    }
                    *shared += weight;
                }
            }
        }
        // Only the query's own weight bounds the overlap: a slot's weight drifts as extractions
        // arrive, and no cached value of it is a safe lower bound.
        for slot in scratch.touched.drain(..) {
            if let Some(shared) = scratch.shared.get_mut(slot as usize) {
                let possible = *shared + unprobed + rest;
                *shared = 0;
                // Most candidates that share a region still name a place each the other does
                // not: the guard rules them out here, before their profiles are read.
                let conflict = search.region_conflict
                    && self.places.get(slot as usize).is_some_and(|places| {
                        places.conflicts_with(query.regions, query.region_blocs)
                    });
                if possible >= needed && !conflict {
                    out.push(slot);
                }
            }
        }
        out.sort_unstable();
    }
}

/// Puts into `weighted` the terms of a profile ordered for prefix filtering, heaviest (rarest)
/// first with ties by decreasing term, each with its weight, and returns the length of the
/// prefix that any match must share a term with.
///
/// A match with weighted Dice similarity at least `floor` shares weight
/// `o ≥ floor · W / (2 − floor)` with this profile (the other side weighs at least `o`), so
/// the prefix runs until the terms after it weigh less than that: at least one shared term lies
/// in it. When both sides order their terms the same way (weights fixed, as in a batch), the
/// first shared term in that order lies in both prefixes, so indexing and probing prefixes
/// only still finds every match (the prefix filter of Chaudhuri et al. and Bayardo et al.).
pub(crate) fn ordered_prefix(
    terms: &[u32],
    stats: &TermStats,
    floor: f64,
    weighted: &mut Vec<(u64, u32)>,
) -> usize {
    weighted.clear();
    weighted.extend(terms.iter().map(|term| (stats.weight(*term), *term)));
    weighted.sort_unstable_by(|a, b| b.cmp(a));
    let total: u64 = weighted.iter().map(|(weight, _)| weight).sum();
    let needed = share_needed(total, floor);
    let mut rest = total;
    let mut prefix = 0;
    for (weight, _) in weighted.iter() {
        if rest < needed {
            break;
        }
        rest -= weight;
        prefix += 1;
    }
    prefix
}

/// The least shared weight a match of a profile of total weight `total` can have, with one
/// unit of slack so that rounding keeps more candidates, never fewer.
fn share_needed(total: u64, floor: f64) -> u64 {
    let floor = floor.clamp(0.0, 1.0);
    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    let needed = (floor * total as f64 / (2.0 - floor)).floor() as u64;
    needed.saturating_sub(1).max(1)
}

/// One entry of a [`PrefixIndex`]: what the candidate filter needs, stored inline so that a
/// posting list is read front to back without touching per-slot tables.
#[derive(Debug, Clone, Copy)]
struct Posting {
    slot: u32,
    /// Total thesis weight of the slot (saturated to `u32`).
    total: u32,
    /// Weight of the slot's terms after its prefix.
    suffix: u32,
    /// Direction bits of the slot's thesis.
    direction: u32,
    /// Bloom mask of the slot's actors and regions; 0 when it names none.
    entities: u128,
}

/// An index of the prefixes of a fixed set of profiles (see [`ordered_prefix`]), for the
/// all-pairs search of a batch: each profile is indexed under its prefix terms, in slot order, and
/// each is probed only against the slots before it, so each pair is considered once. Searches
/// only read the index, so several threads can probe it at once, each with its own
/// [`PrefixScratch`].
#[derive(Debug, Clone, Default)]
pub(crate) struct PrefixIndex {
    /// Per term, its postings in increasing slot order.
    postings: Vec<Vec<Posting>>,
    /// Per slot, its places (see [`PlaceSummary`]).
    places: Vec<PlaceSummary>,
}

/// Reusable per-search accumulators for [`PrefixIndex::candidates`].
#[derive(Debug, Clone, Default)]
pub(crate) struct PrefixScratch {
    /// Per slot, the weight shared with the current query over prefix terms (0: not reached).
    shared: Vec<u32>,
    touched: Vec<Posting>,
}

/// The two bits of one entity identifier in a 128-bit Bloom mask; always two distinct bits, so
/// that a mask holding fewer than two bits of a query's mask can be rejected at once.
fn entity_bits(id: u64) -> u128 {
    let hash = id.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let first = hash >> 57;
    // The second position is drawn from the 127 others.
    let second = (first + 1 + ((hash >> 50) & 127) % 127) & 127;
    (1u128 << first) | (1u128 << second)
}

/// The Bloom bits of each actor and region (actors marked apart from regions).
pub(crate) fn entity_keys(actors: &[u32], regions: &[u32]) -> Vec<u128> {
    let mut keys = Vec::with_capacity(actors.len() + regions.len());
    entity_keys_into(actors, regions, &mut keys);
    keys
}

/// [`entity_keys`] into a reused buffer.
pub(crate) fn entity_keys_into(actors: &[u32], regions: &[u32], keys: &mut Vec<u128>) {
    keys.clear();
    keys.extend(
        actors
            .iter()
            .map(|id| entity_bits(u64::from(*id) | 1 << 40))
            .chain(regions.iter().map(|id| entity_bits(u64::from(*id)))),
    );
}

/// The 128-bit Bloom mask of a profile's entities (0 when it names none).
pub(crate) fn entity_mask(keys: &[u128]) -> u128 {
    keys.iter().fold(0, |mask, bits| mask | bits)
}

/// Whether a profile with these entity keys (whose union is `keys_mask`) and one with this mask
/// can pass the shared-entity guard: both name nothing, or some key of the first has both its
/// bits in the second (always so when they share an entity; otherwise a false positive the exact
/// check removes).
///
/// Most pairs share fewer than two mask bits; they are rejected before the keys are read.
#[inline]
fn may_share(keys: &[u128], keys_mask: u128, mask: u128) -> bool {
    let common = keys_mask & mask;
    if common & common.wrapping_sub(1) == 0 {
        // At most one shared bit: no key (two distinct bits) can be whole in `mask`.
        return keys_mask == 0 && mask == 0;
    }
    keys.iter().any(|bits| common & bits == *bits)
}

/// The guards both indexes check on each posting as a list is read, with what the posting
/// stores inline: a shared entity (by Bloom masks: false positives only) and directions that
/// do not conflict.
#[derive(Debug, Clone, Copy)]
struct InlineGuards<'a> {
    /// Whether a match must share an entity when either side names one.
    shared_entity: bool,
    /// Whether opposite directions rule a match out.
    direction: bool,
    /// The query's entity keys (see [`entity_keys`]).
    entity_keys: &'a [u128],
    /// The query's entity mask (see [`entity_mask`]).
    entities: u128,
    /// The query's direction bits.
    query_direction: u32,
}

impl InlineGuards<'_> {
    /// Whether a posting with these entity mask and direction bits may still match.
    #[inline]
    fn admit(&self, entities: u128, direction: u32) -> bool {
        (!self.shared_entity || may_share(self.entity_keys, self.entities, entities))
            && !(self.direction && directions_conflict(self.query_direction, direction))
    }
}

/// A profile as a [`PrefixIndex`] sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PrefixQuery<'a> {
    /// The prefix (heaviest terms first, with their weights).
    pub(crate) prefix: &'a [(u64, u32)],
    /// The total thesis weight.
    pub(crate) total: u64,
    /// The weight of the terms after the prefix.
    pub(crate) suffix: u64,
    /// Direction bits.
    pub(crate) direction: u32,
    /// Entity mask (see [`entity_mask`]).
    pub(crate) entities: u128,
    /// Entity keys (see [`entity_keys`]).
    pub(crate) entity_keys: &'a [u128],
    /// Places, sorted.
    pub(crate) regions: &'a [u32],
    /// The bloc of each place.
    pub(crate) region_blocs: &'a [u32],
}

/// Which of the guards the candidate filter applies (it applies each exactly as `link_score`
/// does, or more loosely).
#[derive(Debug, Clone, Copy)]
pub(crate) struct PrefixFilter {
    /// The lowest thesis similarity of a match.
    pub(crate) floor: f64,
    /// Terms with more postings than this are not probed.
    pub(crate) postings_limit: usize,
    /// Whether a match must share an entity when either side names one.
    pub(crate) shared_entity: bool,
    /// Whether opposite directions rule a match out.
    pub(crate) direction: bool,
    /// Whether places that conflict rule a match out.
    pub(crate) region_conflict: bool,
}

fn saturate(value: u64) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

impl PrefixIndex {
    /// Indexes a slot under its prefix terms. Slots must be inserted in increasing order.
    pub(crate) fn insert(&mut self, slot: u32, query: &PrefixQuery<'_>) {
        let posting = Posting {
            slot,
            total: saturate(query.total),
            suffix: saturate(query.suffix),
            direction: query.direction,
            entities: query.entities,
        };
        let index = slot as usize;
        if index >= self.places.len() {
            self.places.resize(index + 1, PlaceSummary::default());
        }
        if let Some(places) = self.places.get_mut(index) {
            *places = PlaceSummary::of(query.regions, query.region_blocs);
        }
        for (_, term) in query.prefix {
            let term = *term as usize;
            if term >= self.postings.len() {
                self.postings.resize_with(term + 1, Vec::new);
            }
            if let Some(list) = self.postings.get_mut(term) {
                list.push(posting);
            }
        }
    }

    /// Collects into `out` (sorted, deduplicated) the indexed slots below `below` that may match
    /// the query: sharing a prefix term, passing the shared-entity and direction guards (the
    /// entity check has Bloom false positives only), with a total weight a match allows (a
    /// match has `o ≤ min(W, W')` and `o ≥ floor · (W + W') / 2`, so each total is at least
    /// `floor / (2 − floor)` times the other), and whose weight shared over prefix terms plus
    /// both suffixes (a bound on the full overlap) reaches `floor · (W + W') / 2`. Terms with
    /// more than `postings_limit` postings below `below` are not probed. Slots naming at most
    /// two places also pass the region-conflict guard, checked exactly.
    ///
    /// The answer is the one an index holding only the slots below `below` would give, so
    /// probing every slot against the full index finds the same pairs as probing each slot
    /// before inserting it.
    pub(crate) fn candidates(
        &self,
        query: &PrefixQuery<'_>,
        below: u32,
        filter: &PrefixFilter,
        scratch: &mut PrefixScratch,
        out: &mut Vec<u32>,
    ) {
        out.clear();
        let floor = filter.floor.clamp(f64::MIN_POSITIVE, 1.0);
        let least = share_needed(query.total, floor);
        #[allow(
            clippy::cast_precision_loss,
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss
        )]
        let most = ((2.0 - floor) / floor * query.total as f64).ceil() as u64 + 1;
        // Weight of prefix terms not probed: a slot may share them unseen.
        let mut unprobed = 0;
        let guards = InlineGuards {
            shared_entity: filter.shared_entity,
            direction: filter.direction,
            entity_keys: query.entity_keys,
            entities: query.entities,
            query_direction: query.direction,
        };
        for (weight, term) in query.prefix {
            let Some(list) = self.postings.get(*term as usize) else {
                continue;
            };
            let list = list
                .get(..list.partition_point(|posting| posting.slot < below))
                .unwrap_or_default();
            if list.len() > filter.postings_limit {
                unprobed += weight;
                continue;
            }
            let weight = saturate(*weight);
            for posting in list {
                let total = u64::from(posting.total);
                if total < least || total > most {
                    continue;
                }
                if !guards.admit(posting.entities, posting.direction) {
                    continue;
                }
                let index = posting.slot as usize;
                if index >= scratch.shared.len() {
                    scratch.shared.resize(index + 1, 0);
                }
                if let Some(shared) = scratch.shared.get_mut(index) {
                    if *shared == 0 {
                        scratch.touched.push(*posting);
                    }
                    *shared = shared.saturating_add(weight);
                }
            }
        }
        for posting in scratch.touched.drain(..) {
            let Some(shared) = scratch.shared.get_mut(posting.slot as usize) else {
                continue;
            };
            let possible = u64::from(*shared) + unprobed + query.suffix + u64::from(posting.suffix);
            *shared = 0;
            #[allow(
                clippy::cast_precision_loss,
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss
            )]
            let sized = (floor * (query.total + u64::from(posting.total)) as f64 / 2.0) as u64;
            // One unit of slack keeps rounding on the side of keeping candidates.
            if possible + 1 < sized {
                continue;
            }
            let conflict = filter.region_conflict
                && self
                    .places
                    .get(posting.slot as usize)
                    .is_some_and(|places| places.conflicts_with(query.regions, query.region_blocs));
            if !conflict {
                out.push(posting.slot);
            }
        }
        out.sort_unstable();
    }
}

/// What a candidate search needs besides the query: term weights, bounds and slot summaries.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Search<'a> {
    /// Term weights.
    pub(crate) stats: &'a TermStats,
    /// The lowest thesis similarity a match can have.
    pub(crate) thesis_floor: f64,
    /// Terms with more postings than this are not probed.
    pub(crate) postings_limit: usize,
    /// Whether a match must share an entity when either side names one.
    pub(crate) shared_entity: bool,
    /// Whether opposite directions rule a match out.
    pub(crate) direction: bool,
    /// Whether places that conflict rule a match out.
    pub(crate) region_conflict: bool,
}

/// Reusable per-slot accumulators for [`TermIndex::candidates`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Scratch {
    shared: Vec<u64>,
    touched: Vec<u32>,
    weighted: Vec<(u64, u32)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_slots_sharing_rare_terms_and_skips_common_only_overlap() {
        let mut stats = TermStats::new();
        let mut index = TermIndex::default();
        let entry = |terms: &'static [u32]| IndexQuery {
            terms,
            direction: 0,
            entities: 0,
            entity_keys: &[],
            regions: &[],
            region_blocs: &[],
        };
        // Term 0 is everywhere; terms 10.. are rare.
        let all: Vec<[u32; 2]> = (0..200u32).map(|slot| [0, 10 + slot]).collect();
        let all: &'static [[u32; 2]] = Box::leak(all.into_boxed_slice());
        for (slot, terms) in (0u32..).zip(all) {
            stats.add(terms);
            index.insert(slot, &entry(terms));
        }
        let mut out = Vec::new();
        let mut scratch = Scratch::default();
        let search = |thesis_floor, postings_limit| Search {
            stats: &stats,
            thesis_floor,
            postings_limit,
            shared_entity: true,
            direction: true,
            region_conflict: true,
        };
        let query = entry(&[0, 17]);
        index.candidates(&query, &search(0.8, usize::MAX), &mut scratch, &mut out);
        assert_eq!(out, vec![7]);
        index.candidates(&query, &search(0.0, usize::MAX), &mut scratch, &mut out);
        assert_eq!(out.len(), 200);
        // With a postings limit below 200 the common term is not probed.
        index.candidates(&query, &search(0.0, 100), &mut scratch, &mut out);
        assert_eq!(out, vec![7]);
    }

    mod place_summary {
        use proptest::prelude::*;

        use super::super::*;
        use crate::profile::NO_BLOC;

        /// Sorted, deduplicated places below 6, each with a bloc (6 or 7) or none.
        fn places() -> impl Strategy<Value = (Vec<u32>, Vec<u32>)> {
            proptest::collection::btree_map(0u32..6, prop_oneof![Just(NO_BLOC), 6u32..8], 0..4)
                .prop_map(|places| places.into_iter().unzip())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            /// The summary rejects exactly the pairs the full guard rejects when it holds every
            /// place, and none when it cannot.
            #[test]
            fn summary_rejects_as_the_region_guard_does(
                (regions, blocs) in places(),
                (other_regions, other_blocs) in places(),
            ) {
                let summary = PlaceSummary::of(&regions, &blocs);
                let full = places_conflict((&regions, &blocs), (&other_regions, &other_blocs));
                let quick = summary.conflicts_with(&other_regions, &other_blocs);
                if regions.len() <= 2 {
                    prop_assert_eq!(quick, full);
                } else {
                    prop_assert!(!quick);
                }
            }
        }
    }

    mod incremental_search {
        use proptest::prelude::*;

        use super::super::*;
        use crate::profile::Analyzer;
        use crate::similarity::link_score;
        use crate::{ClusterConfig, ExtractionFeatures};

        const WORDS: &[&str] = &[
            "export",
            "controls",
            "chips",
            "China",
            "accelerate",
            "slow",
            "sanctions",
            "Russia",
            "oil",
            "prices",
            "tariffs",
            "steel",
            "wheat",
            "drought",
            "DeepSeek",
            "models",
            "Nvidia",
            "sales",
            "semiconductors",
            "domestic",
            "production",
            "innovation",
            "hardware",
            "US",
            "industry",
            "investment",
            "rules",
            "quadcopters",
            "brine",
        ];

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]

            /// While extractions arrive one by one and term weights drift, the search still
            /// proposes every earlier extraction that the query links to.
            #[test]
            fn incremental_search_proposes_every_linked_extraction(
                raw in proptest::collection::vec(
                    (
                        proptest::collection::vec(0usize..WORDS.len(), 1..9),
                        proptest::collection::vec(0usize..3, 0..3),
                        proptest::collection::vec(0usize..3, 0..3),
                    ),
                    1..60,
                ),
                threshold in 0.4f64..0.9,
            ) {
                let config = ClusterConfig::builder().threshold(threshold).build().unwrap();
                let mut analyzer = Analyzer::default();
                let mut stats = TermStats::new();
                let mut index = TermIndex::default();
                let mut profiles = Vec::new();
                let mut scratch = Scratch::default();
                let mut out = Vec::new();
                for (i, (words, actors, regions)) in raw.iter().enumerate() {
                    let thesis: Vec<&str> = words.iter().map(|w| WORDS[*w]).collect();
                    let features = ExtractionFeatures::new(format!("x{i}"), "a", thesis.join(" "))
                        .with_actors(actors.iter().map(|a| ["BIS", "OpenAI", "Nvidia"][*a]))
                        .with_regions(regions.iter().map(|r| ["US", "CN", "RU"][*r]));
                    let Ok(profile) = analyzer.profile(&features) else { continue };
                    let keys = entity_keys(&profile.actors, &profile.regions);
                    let query = IndexQuery::of_profile(&profile, &keys);
                    let search = Search {
                        stats: &stats,
                        thesis_floor: config.thesis_floor(),
                        postings_limit: usize::MAX,
                        shared_entity: config.require_shared_entity(),
                        direction: config.reject_direction_conflict(),
                        region_conflict: config.reject_region_conflict(),
                    };
                    index.candidates(&query, &search, &mut scratch, &mut out);
                    for (slot, earlier) in (0u32..).zip(&profiles) {
                        if link_score(&config, &stats, earlier, &profile).is_some() {
                            prop_assert!(out.contains(&slot), "slot {} missed", slot);
                        }
                    }
                    let slot = u32::try_from(profiles.len()).unwrap();
                    stats.add(&profile.terms);
                    index.insert(slot, &query);
                    profiles.push(profile);
                }
            }
        }
    }
}
