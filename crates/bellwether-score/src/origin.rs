//! Grouping articles into origins: syndicated copies of one report.
//!
//! Two articles belong to one origin when their fingerprints share a band key (see
//! [`Fingerprint`](crate::Fingerprint)); origins are the connected components of that relation,
//! kept incrementally in a union-find. Components of a graph do not depend on the order its
//! edges were added, so origins are a pure function of the set of articles in a ledger.

use rustc_hash::FxHashMap;

use crate::fingerprint::Fingerprint;

/// Union-find over dense article indices, plus the band-key index that finds copies.
#[derive(Debug, Clone, Default)]
pub(crate) struct Origins {
    parent: Vec<u32>,
    size: Vec<u32>,
    /// Band key → some article holding it.
    band_index: FxHashMap<u64, u32>,
}

impl Origins {
    /// Registers article `index` (the next dense index) and joins it with known copies.
    pub(crate) fn add(&mut self, index: u32, fingerprint: Option<&Fingerprint>) {
        debug_assert_eq!(index as usize, self.parent.len());
        self.parent.push(index);
        self.size.push(1);
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

    /// Rebuilds everything from scratch (after an article's fingerprint changed).
    pub(crate) fn rebuild<'a>(
        fingerprints: impl Iterator<Item = Option<&'a Fingerprint>>,
    ) -> Origins {
        let mut origins = Origins::default();
        for (index, fingerprint) in fingerprints.enumerate() {
            // Dense indices are bounded by the ledger's u32 capacity.
            origins.add(index as u32, fingerprint);
        }
        origins
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
}
