//! Inverted index from thesis terms to extractions, with candidate generation that probes only
//! the rarest terms a match must share (a weighted prefix filter), so nothing compares all pairs.

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

    /// Removes nothing: slots are permanent. Returns the postings of a term.
    fn postings(&self, term: u32) -> &[u32] {
        self.postings.get(term as usize).map_or(&[], Vec::as_slice)
    }

    /// Collects into `out` (sorted, deduplicated) every indexed slot that could reach a weighted
    /// Dice similarity of `thesis_floor` with `query`.
    ///
    /// A match needs shared weight `o ≥ floor · W(query) / (2 − floor)` (the other side weighs at
    /// least `o`). Probing the query's terms from the heaviest down and stopping once the terms
    /// left weigh less than that bound cannot miss a match: a slot sharing none of the probed terms
    /// shares at most the weight of the terms left.
    pub(crate) fn candidates(
        &self,
        query: &[u32],
        stats: &TermStats,
        thesis_floor: f64,
        out: &mut Vec<u32>,
    ) {
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
        // One unit of slack keeps rounding on the safe side (probing more, never less).
        let needed = ((floor * total as f64 / (2.0 - floor)).floor() as u64).saturating_sub(1);
        let mut left = total;
        for (weight, term) in weighted {
            if left < needed.max(1) {
                break;
            }
            out.extend_from_slice(self.postings(term));
            left -= weight;
        }
        out.sort_unstable();
        out.dedup();
    }
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
        index.candidates(&[0, 10 + 7], &stats, 0.8, &mut out);
        assert_eq!(out, vec![7]);
        index.candidates(&[0, 10 + 7], &stats, 0.0, &mut out);
        assert_eq!(out.len(), 200);
    }
}
