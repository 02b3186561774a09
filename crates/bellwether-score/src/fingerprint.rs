//! Near-duplicate fingerprints of article bodies, for detecting syndicated copies.
//!
//! An article body is reduced to the set of its word 3-shingles (words found by Unicode
//! segmentation, lowercased). MinHash estimates the Jaccard similarity of two such sets with
//! 64 hash functions; locality-sensitive hashing groups those into [`FINGERPRINT_BANDS`]
//! bands of 4 rows and keeps one 64-bit key per band. Two bodies are *copies* when they
//! share a band key: that happens with probability `1 − (1 − J⁴)¹⁶` for Jaccard similarity `J`,
//! i.e. about 0.89 at J = 0.6, 0.988 at J = 0.7, 0.9998 at J = 0.8, and 0.0016 at J = 0.1
//! (independent reports on one story rarely share even a tenth of their 3-shingles).
//!
//! All hashing is specified here (FNV-1a and the SplitMix64 finaliser), so fingerprints are
//! stable across platforms, Rust versions and releases of this crate's dependencies, and can be
//! stored.

use std::hash::Hasher;

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use crate::error::ScoreError;

/// Number of MinHash permutations.
pub(crate) const PERMUTATIONS: usize = BANDS * ROWS;
/// Number of LSH bands (band keys per fingerprint).
pub const FINGERPRINT_BANDS: usize = 16;
pub(crate) const BANDS: usize = FINGERPRINT_BANDS;
/// MinHash values per band.
pub(crate) const ROWS: usize = 4;
/// Words per shingle.
pub(crate) const SHINGLE_WORDS: usize = 3;

/// A near-duplicate fingerprint of an article body: one locality-sensitive key per band.
///
/// # Example
///
/// ```
/// use bellwether_score::Fingerprint;
///
/// let wire = "The commerce department tightened export rules on advanced chips on Tuesday, \
///             officials said, citing national security concerns about military use.";
/// let copy = format!("{wire} Reporting by the wire desk.");
/// let other = "A separate report describes how model distillation moves capability across borders.";
/// let a = Fingerprint::of_text(wire)?;
/// assert!(a.is_copy_of(&Fingerprint::of_text(&copy)?));
/// assert!(!a.is_copy_of(&Fingerprint::of_text(other)?));
/// assert!(Fingerprint::of_text(" … ").is_err());
/// # Ok::<(), bellwether_score::ScoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Fingerprint {
    bands: [u64; BANDS],
}

impl Fingerprint {
    /// Fingerprints an article body.
    ///
    /// Texts of fewer than three words are fingerprinted as one shingle.
    ///
    /// # Errors
    ///
    /// [`ScoreError::TextWithoutWords`] if the text contains no words (only spaces, punctuation
    /// or symbols).
    pub fn of_text(text: &str) -> Result<Fingerprint, ScoreError> {
        let words: Vec<u64> = text.unicode_words().map(word_hash).collect();
        if words.is_empty() {
            return Err(ScoreError::TextWithoutWords);
        }
        let mut minimums = [u64::MAX; PERMUTATIONS];
        let width = SHINGLE_WORDS.min(words.len());
        for shingle in words.windows(width) {
            let base = shingle_hash(shingle);
            for (slot, seed) in minimums.iter_mut().zip(PERMUTATION_SEEDS.iter()) {
                let h = mix64(base ^ seed);
                if h < *slot {
                    *slot = h;
                }
            }
        }
        let mut bands = [0u64; BANDS];
        for (band, (key, rows)) in bands
            .iter_mut()
            .zip(minimums.chunks_exact(ROWS))
            .enumerate()
        {
            let mut h = mix64(band as u64 ^ 0x9e37_79b9_7f4a_7c15);
            for row in rows {
                h = mix64(h ^ row);
            }
            *key = h;
        }
        Ok(Fingerprint { bands })
    }

    /// Builds a fingerprint from stored band keys.
    pub fn from_bands(bands: [u64; BANDS]) -> Fingerprint {
        Fingerprint { bands }
    }

    /// The band keys.
    pub fn bands(&self) -> &[u64; BANDS] {
        &self.bands
    }

    /// Whether the two bodies are near-identical copies (they share at least one band key).
    pub fn is_copy_of(&self, other: &Fingerprint) -> bool {
        self.bands
            .iter()
            .zip(other.bands.iter())
            .any(|(a, b)| a == b)
    }

    /// The index keys of this fingerprint: each band key tagged with its band, so equal keys in
    /// different bands never collide.
    pub(crate) fn index_keys(&self) -> impl Iterator<Item = u64> + '_ {
        self.bands
            .iter()
            .enumerate()
            .map(|(band, key)| mix64(key ^ (band as u64).wrapping_mul(0xa076_1d64_78bd_642f)))
    }
}

/// FNV-1a over the word's lowercased UTF-8, finalised.
fn word_hash(word: &str) -> u64 {
    let mut hasher = fnv::FnvHasher::default();
    let mut buffer = [0u8; 4];
    for c in word.chars().flat_map(char::to_lowercase) {
        hasher.write(c.encode_utf8(&mut buffer).as_bytes());
    }
    mix64(hasher.finish())
}

/// Combines the word hashes of a shingle, in order.
fn shingle_hash(words: &[u64]) -> u64 {
    words
        .iter()
        .fold(0x2545_f491_4f6c_dd1d, |h, &w| mix64(h.rotate_left(23) ^ w))
}

/// The SplitMix64 finaliser: a bijection on `u64` with full avalanche.
const fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// One seed per permutation, from the SplitMix64 sequence.
const PERMUTATION_SEEDS: [u64; PERMUTATIONS] = {
    let mut seeds = [0u64; PERMUTATIONS];
    let mut state: u64 = 0x6a09_e667_f3bc_c908;
    let mut i = 0;
    while i < PERMUTATIONS {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        seeds[i] = mix64(state);
        i += 1;
    }
    seeds
};

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "Chinese AI firms are relying on distillation attacks to offset deficits in \
        AI computing power and illicitly reproduce the core capabilities of US models, the White \
        House said on Thursday, describing an industrial-scale campaign that officials say has \
        targeted several American laboratories over the past year.";

    #[test]
    fn identical_texts_have_identical_fingerprints() {
        assert_eq!(
            Fingerprint::of_text(BODY).unwrap(),
            Fingerprint::of_text(BODY).unwrap()
        );
    }

    #[test]
    fn case_and_punctuation_do_not_matter() {
        let shouted = BODY.to_uppercase().replace(',', " ;");
        assert_eq!(
            Fingerprint::of_text(BODY).unwrap(),
            Fingerprint::of_text(&shouted).unwrap()
        );
    }

    #[test]
    fn lightly_edited_copy_is_a_copy() {
        let copy = format!("WASHINGTON (Wire) — {BODY} Additional reporting by staff.");
        assert!(
            Fingerprint::of_text(BODY)
                .unwrap()
                .is_copy_of(&Fingerprint::of_text(&copy).unwrap())
        );
    }

    #[test]
    fn independent_report_is_not_a_copy() {
        let other = "DeepSeek, the large language model created in China, performs comparably to \
            American equivalents at a fraction of the price, a development that export controls on \
            advanced chips were meant to prevent and that analysts now read as a sign of adaptation.";
        assert!(
            !Fingerprint::of_text(BODY)
                .unwrap()
                .is_copy_of(&Fingerprint::of_text(other).unwrap())
        );
    }

    #[test]
    fn rejects_text_without_words() {
        assert_eq!(
            Fingerprint::of_text("  — … !! "),
            Err(ScoreError::TextWithoutWords)
        );
    }

    #[test]
    fn short_texts_are_fingerprinted() {
        assert!(Fingerprint::of_text("hello world").is_ok());
    }
}
