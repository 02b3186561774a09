//! A stable 64-bit hash of a word's *canonical form*: compatibility-normalised (NFKC),
//! lowercased, and stripped of everything but letters and digits, so that case, typography
//! (`don’t` and `don't`, ligatures, full-width forms, composed or decomposed accents, a soft
//! hyphen) and word-internal punctuation (`U.S` and `US`) do not tell two copies apart.
//!
//! The hash is specified here, byte for byte: the canonical UTF-8 is read in little-endian
//! 8-byte blocks (the last one zero-padded), each folded in with a multiply and a rotation, and
//! the result finalised with SplitMix64 together with the length. It is the same on every
//! platform and Rust version, as stored fingerprints require.

use unicode_normalization::UnicodeNormalization;

use crate::fingerprint::mix64;

/// The hash of `word`'s canonical form.
pub(crate) fn word_hash(word: &str) -> u64 {
    let bytes = word.as_bytes();
    if bytes.iter().all(u8::is_ascii_alphanumeric) {
        return ascii_alphanumeric_hash(bytes);
    }
    let mut hasher = WordHasher::default();
    if word
        .chars()
        .all(|c| c.is_ascii() || matches!(c, '\u{AD}' | '\u{2018}' | '\u{2019}'))
    {
        // NFKC and lowercasing leave these characters as ASCII or drop them as punctuation.
        for b in bytes.iter().filter(|b| b.is_ascii_alphanumeric()) {
            hasher.push(b.to_ascii_lowercase());
        }
    } else {
        let mut buffer = [0u8; 4];
        for c in word
            .nfkc()
            .flat_map(char::to_lowercase)
            .filter(|c| c.is_alphanumeric())
        {
            for &b in c.encode_utf8(&mut buffer).as_bytes() {
                hasher.push(b);
            }
        }
    }
    hasher.finish()
}

/// [`word_hash`] of a word of ASCII letters and digits only, a block at a time.
pub(crate) fn ascii_alphanumeric_hash(bytes: &[u8]) -> u64 {
    ascii_alphanumeric_prefix_hash(bytes, bytes.len())
}

/// [`word_hash`] of the word of ASCII letters and digits that is the first `len` bytes of
/// `bytes` (all of `bytes` if it is shorter). The bytes after the word, where there are
/// enough of them, let the last partial block be read in one load and masked.
pub(crate) fn ascii_alphanumeric_prefix_hash(bytes: &[u8], len: usize) -> u64 {
    // ASCII letters have bit 0x40 set and digits clear; setting 0x20 on letters lowercases
    // them and leaves zero padding alone.
    let lower = |block: u64| block | ((block & 0x4040_4040_4040_4040) >> 1);
    let len = len.min(bytes.len());
    let mut h = SEED;
    let mut at = 0;
    while let Some(block) = bytes.get(at..len).and_then(<[u8]>::first_chunk::<8>) {
        h = absorb(h, lower(u64::from_le_bytes(*block)));
        at += 8;
    }
    let rest = len - at;
    if rest > 0 {
        let block = match bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
            // Little-endian: the word's bytes are the low ones; the mask zeroes the others.
            Some(block) => u64::from_le_bytes(*block) & (u64::MAX >> (64 - 8 * rest)),
            None => bytes
                .get(at..len)
                .unwrap_or_default()
                .iter()
                .rev()
                .fold(0u64, |block, &b| block << 8 | u64::from(b)),
        };
        h = absorb(h, lower(block));
    }
    mix64(h ^ len as u64)
}

const SEED: u64 = 0x243f_6a88_85a3_08d3;

fn absorb(h: u64, block: u64) -> u64 {
    (h ^ block)
        .wrapping_mul(0x9e37_79b9_7f4a_7c15)
        .rotate_left(26)
}

/// Feeds canonical bytes one at a time into the same blocks as [`ascii_alphanumeric_hash`].
#[derive(Default)]
struct WordHasher {
    h: Option<u64>,
    block: u64,
    len: u64,
}

impl WordHasher {
    fn push(&mut self, byte: u8) {
        self.block |= u64::from(byte) << (8 * (self.len % 8));
        self.len += 1;
        if self.len.is_multiple_of(8) {
            self.h = Some(absorb(self.h.unwrap_or(SEED), self.block));
            self.block = 0;
        }
    }

    fn finish(self) -> u64 {
        let mut h = self.h.unwrap_or(SEED);
        if !self.len.is_multiple_of(8) {
            h = absorb(h, self.block);
        }
        mix64(h ^ self.len)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The canonical form, spelled out.
    fn canonical(word: &str) -> String {
        word.nfkc()
            .flat_map(char::to_lowercase)
            .filter(|c| c.is_alphanumeric())
            .collect()
    }

    fn streamed(bytes: &[u8]) -> u64 {
        let mut hasher = WordHasher::default();
        bytes.iter().for_each(|&b| hasher.push(b));
        hasher.finish()
    }

    #[test]
    fn case_typography_and_inner_punctuation_do_not_change_the_hash() {
        let same = [
            ["don't", "Don’t", "DON'T"],
            ["us", "U.S", "U\u{AD}S"],
            ["office", "o\u{FB03}ce", "ＯＦＦＩＣＥ"],
            ["café", "cafe\u{301}", "CAFÉ"],
        ];
        for group in same {
            assert!(
                group.iter().all(|w| word_hash(w) == word_hash(group[0])),
                "{group:?}"
            );
        }
        assert_ne!(word_hash("cafe"), word_hash("café"));
        assert_ne!(word_hash("chips"), word_hash("chip"));
    }

    #[test]
    fn is_pinned_across_platforms_and_releases() {
        // Stored fingerprints depend on these values: changing them is a format change.
        assert_eq!(word_hash("export"), 0x4853_f655_8fbf_a84c);
        assert_eq!(word_hash("Semiconductor"), 0xbbdc_54e0_da8b_c7fe);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn every_path_hashes_the_canonical_form(word in "\\PC{1,24}") {
            let canonical = canonical(&word);
            prop_assert_eq!(word_hash(&word), streamed(canonical.as_bytes()));
        }

        #[test]
        fn the_block_path_equals_the_byte_path(word in "[A-Za-z0-9]{1,40}") {
            let lower = word.to_ascii_lowercase();
            prop_assert_eq!(word_hash(&word), streamed(lower.as_bytes()));
        }

        #[test]
        fn the_prefix_path_ignores_what_follows_the_word(
            word in "[A-Za-z0-9]{1,40}",
            after in prop::collection::vec(any::<u8>(), 0..20),
        ) {
            let mut bytes = word.clone().into_bytes();
            bytes.extend_from_slice(&after);
            prop_assert_eq!(
                ascii_alphanumeric_prefix_hash(&bytes, word.len()),
                word_hash(&word)
            );
        }
    }
}
