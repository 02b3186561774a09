//! Inverted index from thesis terms to extractions, with candidate generation that probes only
//! the rarest terms a match must share (a weighted prefix filter), so nothing compares all pairs.

use crate::profile::EntityKey;
use crate::similarity::TermStats;

/// Postings: for each term, the slots of the extractions whose thesis holds it, in insertion order.
#[derive(Debug, Clone, Default)]
pub(crate) struct TermIndex {
    postings: Vec<Vec<u32>>,
}

impl TermIndex {
    /// Adds an extraction's terms under its slot.
    pub(crate) fn insert(&mut self, slot: u32, terms: &[u32]) {
        for term in terms {
            let term = *term as usize;
            if term >= self.postings.len() {
                self.postings.resize_with(term + 1, Vec::new);
            }
            if let Some(list) = self.postings.get_mut(term) {
                list.push(slot);
            }
        }
    }

    /// The postings of a term (slots are never removed).
    fn postings(&self, term: u32) -> &[u32] {
        self.postings.get(term as usize).map_or(&[], Vec::as_slice)
    }

    /// Collects into `out` (sorted, deduplicated) the indexed slots that could reach a weighted
    /// Dice similarity of `thesis_floor` with `query`, sharing at least one term found in at most
    /// `postings_limit` extractions.
    ///
    /// A match needs shared weight `o ≥ floor · W(query) / (2 − floor)` (the other side weighs at
    /// least `o`). Terms are probed from the heaviest (rarest) down, accumulating each slot's
    /// shared weight; no new slot is taken once the terms left weigh less than the bound (a slot
    /// sharing none of the probed terms shares at most that much), and a slot is kept only if its
    /// accumulated weight plus everything not probed reaches the bound. Below the postings limit
    /// this finds every match (a prefix filter); terms above it (the commonest words of a large
    /// collection) are not probed, so pairs sharing only such words are not proposed.
    pub(crate) fn candidates(
        &self,
        query: &[u32],
        search: &Search<'_>,
        scratch: &mut Scratch,
        out: &mut Vec<u32>,
    ) {
        let Search {
            stats,
            thesis_floor,
            postings_limit,
            entity_guard,
            slot_totals,
        } = *search;
        out.clear();
        let mut weighted: Vec<(u64, u32)> = query
            .iter()
            .map(|term| (stats.weight(*term), *term))
            .collect();
        weighted.sort_unstable_by(|a, b| b.cmp(a));
        let total: u64 = weighted.iter().map(|(weight, _)| weight).sum();
        let floor = thesis_floor.clamp(0.0, 1.0);
        #[allow(
            clippy::cast_precision_loss,
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss
        )]
        // One unit of slack keeps rounding on the safe side (keeping more, never less).
        let needed = ((floor * total as f64 / (2.0 - floor)).floor() as u64)
            .saturating_sub(1)
            .max(1);
        let mut from_here = total;
        let mut unprobed = total;
        for (weight, term) in weighted {
            // Once the terms left weigh less than the bound, no new slot can qualify; their
            // postings still add to the slots already found, so that the bound below is tight.
            let admitting = from_here >= needed;
            from_here -= weight;
            let postings = self.postings(term);
            if postings.len() > postings_limit {
                continue;
            }
            unprobed -= weight;
            for slot in postings {
                let index = *slot as usize;
                if index >= scratch.shared.len() {
                    scratch.shared.resize(index + 1, 0);
                }
                if let Some(shared) = scratch.shared.get_mut(index) {
                    if *shared == 0 {
                        if !admitting {
                            continue;
                        }
                        scratch.touched.push(*slot);
                    }
                    *shared += weight;
                }
            }
        }
        // With the other side's weight known, the bound tightens to `floor · (W(query) + W(slot)) / 2`.
        for slot in scratch.touched.drain(..) {
            if let Some(shared) = scratch.shared.get_mut(slot as usize) {
                let possible = *shared + unprobed;
                #[allow(
                    clippy::cast_precision_loss,
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss
                )]
                let sized = (floor * (total + slot_totals.lower_bound(slot)) as f64 / 2.0) as u64;
                let guard =
                    entity_guard.is_none_or(|query| slot_totals.may_share_entity(slot, &query));
                if guard && possible >= needed && possible + 1 >= sized {
                    out.push(slot);
                }
                *shared = 0;
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
    /// The query's entities when the shared-entity guard is on.
    pub(crate) entity_guard: Option<EntityKey>,
    /// Total weight and entity signature of every slot.
    pub(crate) slot_totals: &'a SlotTotals,
}

/// The thesis weight of every indexed slot, as of the last refresh, for the size bound of
/// [`TermIndex::candidates`].
///
/// In a batch the weights never change and the totals are exact. While extractions are assigned
/// one by one, term weights drift as document frequencies grow; the totals are recomputed whenever
/// the collection has grown by a quarter since the last refresh, and between refreshes only
/// `SLACK_PERCENT` of a cached total is relied on.
#[derive(Debug, Clone, Default)]
pub(crate) struct SlotTotals {
    totals: Vec<u64>,
    /// Entities per slot, for the shared-entity guard.
    signatures: Vec<EntityKey>,
    exact: bool,
    refreshed_at: usize,
}

/// Share of a cached total relied on between refreshes.
const SLACK_PERCENT: u64 = 75;

impl SlotTotals {
    /// Exact totals for a fixed set of weights.
    pub(crate) fn exact(totals: Vec<u64>, signatures: Vec<EntityKey>) -> Self {
        Self {
            refreshed_at: totals.len(),
            totals,
            signatures,
            exact: true,
        }
    }

    /// Whether a slot can pass the shared-entity guard against a query with these entities.
    fn may_share_entity(&self, slot: u32, query: &EntityKey) -> bool {
        self.signatures
            .get(slot as usize)
            .is_none_or(|key| key.may_share(query))
    }

    /// A lower bound on a slot's current total weight.
    fn lower_bound(&self, slot: u32) -> u64 {
        let total = self.totals.get(slot as usize).copied().unwrap_or(0);
        if self.exact {
            total
        } else {
            total * SLACK_PERCENT / 100
        }
    }

    /// Appends the total of a new slot; returns whether every total should now be recomputed.
    pub(crate) fn push(&mut self, total: u64, signature: EntityKey) -> bool {
        self.totals.push(total);
        self.signatures.push(signature);
        self.exact = false;
        self.totals.len() >= self.refreshed_at + self.refreshed_at / 4 + 64
    }

    /// Replaces every total after a refresh.
    pub(crate) fn refresh(&mut self, totals: Vec<u64>) {
        self.refreshed_at = totals.len();
        self.totals = totals;
    }
}

/// Reusable per-slot accumulators for [`TermIndex::candidates`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Scratch {
    shared: Vec<u64>,
    touched: Vec<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_slots_sharing_rare_terms_and_skips_common_only_overlap() {
        let mut stats = TermStats::new();
        let mut index = TermIndex::default();
        // Term 0 is everywhere; terms 10.. are rare.
        for slot in 0..200u32 {
            let terms = [0, 10 + slot];
            stats.add(&terms);
            index.insert(slot, &terms);
        }
        let mut out = Vec::new();
        let mut scratch = Scratch::default();
        let totals = SlotTotals::exact(vec![0; 200], vec![EntityKey::default(); 200]);
        let search = |thesis_floor, postings_limit| Search {
            stats: &stats,
            thesis_floor,
            postings_limit,
            entity_guard: None,
            slot_totals: &totals,
        };
        index.candidates(
            &[0, 10 + 7],
            &search(0.8, usize::MAX),
            &mut scratch,
            &mut out,
        );
        assert_eq!(out, vec![7]);
        index.candidates(
            &[0, 10 + 7],
            &search(0.0, usize::MAX),
            &mut scratch,
            &mut out,
        );
        assert_eq!(out.len(), 200);
        // With a postings limit below 200 the common term is not probed.
        index.candidates(&[0, 10 + 7], &search(0.0, 100), &mut scratch, &mut out);
        assert_eq!(out, vec![7]);
    }
}
