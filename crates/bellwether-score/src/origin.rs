//! Grouping articles into origins (syndicated copies of one report) and keeping each origin's
//! first appearance up to date.
//!
//! Two articles belong to one origin when their fingerprints share a band key (see
//! [`Fingerprint`](crate::Fingerprint)); origins are the connected components of that relation,
//! kept incrementally in a union-find. Components of a graph do not depend on the order its
//! edges were added, and each origin's summary is a join (minimum time, maximum confidences,
//! "more than one outlet"), so both are pure functions of the set of articles in a ledger.
//! Keeping the summaries here makes scoring a pass over origins rather than articles.

use rustc_hash::FxHashMap;

use crate::evidence::Stance;
use crate::fingerprint::Fingerprint;
use crate::reliability::{Grade, ReliabilityTable};
use crate::weight::Weight;

/// One origin of one stance, as counted: its first appearance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct OriginStats {
    /// Union-find root of the origin's articles.
    pub(crate) root: u32,
    /// Earliest publication among its copies of this stance (nanoseconds).
    pub(crate) first: i64,
    /// Outlet of the first appearance (the only outlet, unless `syndicated`).
    pub(crate) outlet: u32,
    /// Whether two or more outlets carry it.
    pub(crate) syndicated: bool,
    /// Highest match confidence per grade among the copies published at `first`.
    pub(crate) best: [Weight; 6],
    /// Bit `g` set when some copy of grade `g` was published at `first` (usually one bit).
    grades: u8,
}

impl OriginStats {
    fn new(
        root: u32,
        published: i64,
        outlet: u32,
        grade: Grade,
        confidence: Weight,
    ) -> OriginStats {
        let mut best = [Weight::ZERO; 6];
        best[grade as usize] = confidence;
        OriginStats {
            root,
            first: published,
            outlet,
            syndicated: false,
            best,
            grades: 1 << grade as u8,
        }
    }

    /// Weight of the first appearance: the best reliability × confidence among its copies.
    pub(crate) fn weight(&self, table: &ReliabilityTable) -> Weight {
        let mut best = Weight::ZERO;
        let mut grades = self.grades;
        while grades != 0 {
            let g = grades.trailing_zeros() as usize;
            grades &= grades - 1;
            if let (Some(&grade), Some(&confidence)) = (Grade::ALL.get(g), self.best.get(g)) {
                best = best.max(table.weight(grade) * confidence);
            }
        }
        best
    }

    fn join(&mut self, other: &OriginStats) {
        self.syndicated |= other.syndicated || self.outlet != other.outlet;
        if other.first < self.first {
            self.first = other.first;
            self.outlet = other.outlet;
            self.best = other.best;
            self.grades = other.grades;
        } else if other.first == self.first {
            self.grades |= other.grades;
            for (mine, theirs) in self.best.iter_mut().zip(other.best) {
                *mine = (*mine).max(theirs);
            }
        }
    }
}

/// The origins of one stance: a compact list of summaries and where each root's summary is.
#[derive(Debug, Clone, Default)]
struct Pool {
    stats: Vec<OriginStats>,
    /// Per article index: the slot in `stats` of the origin it roots, or `u32::MAX`.
    slot_of_root: Vec<u32>,
}

impl Pool {
    fn observe(
        &mut self,
        root: u32,
        published: i64,
        outlet: u32,
        grade: Grade,
        confidence: Weight,
    ) {
        let incoming = OriginStats::new(root, published, outlet, grade, confidence);
        match self.slot_of_root[root as usize] {
            u32::MAX => {
                // Fewer origins than articles, whose count fits in u32.
                self.slot_of_root[root as usize] = self.stats.len() as u32;
                self.stats.push(incoming);
            }
            slot => self.stats[slot as usize].join(&incoming),
        }
    }

    fn union(&mut self, kept: u32, gone: u32) {
        let gone_slot = std::mem::replace(&mut self.slot_of_root[gone as usize], u32::MAX);
        if gone_slot == u32::MAX {
            return;
        }
        let mut moved = self.stats.swap_remove(gone_slot as usize);
        if let Some(shifted) = self.stats.get(gone_slot as usize) {
            self.slot_of_root[shifted.root as usize] = gone_slot;
        }
        match self.slot_of_root[kept as usize] {
            u32::MAX => {
                moved.root = kept;
                self.slot_of_root[kept as usize] = self.stats.len() as u32;
                self.stats.push(moved);
            }
            slot => self.stats[slot as usize].join(&moved),
        }
    }
}

/// Union-find over dense article indices, the band-key index that finds copies, and the
/// per-stance origin summaries.
#[derive(Debug, Clone, Default)]
pub(crate) struct Origins {
    parent: Vec<u32>,
    size: Vec<u32>,
    /// Band key → some article holding it.
    band_index: FxHashMap<u64, u32>,
    support: Pool,
    contradict: Pool,
}

impl Origins {
    /// Registers article `index` (the next dense index) and joins it with known copies.
    pub(crate) fn add(&mut self, index: u32, fingerprint: Option<&Fingerprint>) {
        debug_assert_eq!(index as usize, self.parent.len());
        self.parent.push(index);
        self.size.push(1);
        self.support.slot_of_root.push(u32::MAX);
        self.contradict.slot_of_root.push(u32::MAX);
        let Some(fingerprint) = fingerprint else {
            return;
        };
        for key in fingerprint.index_keys() {
            match self.band_index.get(&key) {
                Some(&other) => self.union(index, other),
                None => {
                    self.band_index.insert(key, index);
                }
            }
        }
    }

    /// Records that article `index` has a reading of `stance` with this confidence.
    pub(crate) fn observe(
        &mut self,
        index: u32,
        stance: Stance,
        published: i64,
        outlet: u32,
        grade: Grade,
        confidence: Weight,
    ) {
        let root = self.root(index);
        self.pool_mut(stance)
            .observe(root, published, outlet, grade, confidence);
    }

    /// The origin summaries of one stance.
    pub(crate) fn stats(&self, stance: Stance) -> &[OriginStats] {
        match stance {
            Stance::Supports => &self.support.stats,
            Stance::Contradicts => &self.contradict.stats,
        }
    }

    fn pool_mut(&mut self, stance: Stance) -> &mut Pool {
        match stance {
            Stance::Supports => &mut self.support,
            Stance::Contradicts => &mut self.contradict,
        }
    }

    /// The root of `index`'s origin (no path compression: callable through `&self`).
    pub(crate) fn root(&self, mut index: u32) -> u32 {
        while let Some(&parent) = self.parent.get(index as usize) {
            if parent == index {
                break;
            }
            index = parent;
        }
        index
    }

    fn root_compressing(&mut self, mut index: u32) -> u32 {
        loop {
            let parent = self.parent[index as usize];
            if parent == index {
                return index;
            }
            let grandparent = self.parent[parent as usize];
            self.parent[index as usize] = grandparent;
            index = grandparent;
        }
    }

    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.root_compressing(a), self.root_compressing(b));
        if ra == rb {
            return;
        }
        let (big, small) = if self.size[ra as usize] >= self.size[rb as usize] {
            (ra, rb)
        } else {
            (rb, ra)
        };
        self.parent[small as usize] = big;
        self.size[big as usize] += self.size[small as usize];
        self.support.union(big, small);
        self.contradict.union(big, small);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp(text: &str) -> Fingerprint {
        Fingerprint::of_text(text).unwrap()
    }

    #[test]
    fn copies_share_a_root_and_others_do_not() {
        let wire = "officials announced new export rules for advanced chips on tuesday citing \
                    security concerns and the risk of military use by foreign laboratories";
        let copy = format!("{wire} reporting by the wire desk");
        let other = "a separate analysis argues that software now carries capability across \
                     borders in ways hardware controls were never designed to govern at all";
        let mut origins = Origins::default();
        origins.add(0, Some(&fp(wire)));
        origins.add(1, Some(&fp(other)));
        origins.add(2, Some(&fp(&copy)));
        origins.add(3, None);
        assert_eq!(origins.root(0), origins.root(2));
        assert_ne!(origins.root(0), origins.root(1));
        assert_eq!(origins.root(3), 3);
    }

    #[test]
    fn summaries_follow_unions_in_any_order() {
        let body = fp("one two three four five six seven eight nine ten eleven twelve");
        let half = Weight::new(0.5).unwrap();
        let mut a = Origins::default();
        // Article 0 observed before its copy (article 1) arrives.
        a.add(0, Some(&body));
        a.observe(0, Stance::Supports, 20, 7, Grade::B, half);
        a.add(1, Some(&body));
        a.observe(1, Stance::Supports, 10, 8, Grade::C, Weight::ONE);
        let stats = a.stats(Stance::Supports);
        assert_eq!(stats.len(), 1);
        assert_eq!(
            (stats[0].first, stats[0].outlet, stats[0].syndicated),
            (10, 8, true)
        );
        assert_eq!(stats[0].root, a.root(0));
        assert_eq!(stats[0].best[Grade::C as usize], Weight::ONE);
        assert_eq!(stats[0].best[Grade::B as usize], Weight::ZERO);
        assert!(a.stats(Stance::Contradicts).is_empty());
    }
}

#[cfg(test)]
mod invariant_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn every_summary_sits_at_a_root(ops in prop::collection::vec((prop::option::of(0u64..4), 0i64..5, any::<bool>()), 1..30)) {
            let mut o = Origins::default();
            for (i, (body, t, contra)) in ops.iter().enumerate() {
                let fp = body.map(|b| Fingerprint::from_bands([b; 16]));
                o.add(i as u32, fp.as_ref());
                let stance = if *contra { Stance::Contradicts } else { Stance::Supports };
                o.observe(i as u32, stance, *t, 0, Grade::A, Weight::ONE);
                for s in [Stance::Supports, Stance::Contradicts] {
                    for st in o.stats(s) {
                        prop_assert_eq!(o.root(st.root), st.root, "after op {}", i);
                    }
                }
            }
        }
    }
}
