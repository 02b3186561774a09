//! Near-duplicate fingerprints of article bodies, for detecting syndicated copies.
//!
//! An article body is reduced to the set of its word 3-shingles: its words as Unicode
//! segmentation (UAX #29) finds them, each in a canonical form that ignores case, typography
//! and word-internal punctuation. A *one-permutation MinHash* sketch of 64 bins estimates the
//! Jaccard similarity of two such sets (Li, Owen & Zhang 2012): each shingle is hashed once,
//! the top 6 bits of the hash choose its bin, and each bin keeps its smallest hash. Bins that no
//! shingle reached (short texts) are filled by *optimal densification* (Shrivastava 2017): an
//! empty bin takes the value of the first non-empty bin in a pseudo-random probe sequence of its
//! own, the same for every text, so that two sketches agree in any one bin with probability
//! equal to the Jaccard similarity `J`, as with 64 independent permutations, for a
//! sixty-fourth of the hashing cost. The share of agreeing bins estimates `J` with a standard
//! deviation of about `√(J(1 − J)/64)` (at most 0.0625); the tests hold it within five of those
//! plus two bins of the exact shingle Jaccard on random texts, and to a mean error under 0.01.
//!
//! Locality-sensitive hashing groups the 64 bins into [`FINGERPRINT_BANDS`] bands of 4 rows and
//! keeps one 64-bit key per band. Two bodies are *copies* when they share a band key: that
//! happens with probability about `1 − (1 − J⁴)¹⁶`, i.e. about 0.89 at J = 0.6, 0.988 at
//! J = 0.7, 0.9998 at J = 0.8, and 0.0016 at J = 0.1 (independent reports on one story rarely
//! share even a tenth of their 3-shingles). One-permutation bins are drawn without replacement,
//! so rows of a band agree a little less often than `J⁴` on sets of a few dozen shingles and
//! indistinguishably from it on article-length texts.
//!
//! All hashing is specified here and in the word hash (a multiply-rotate block hash and the
//! SplitMix64 finaliser), so fingerprints are stable across platforms, Rust versions and
//! releases of this crate's dependencies, and can be stored. They are stored with their
//! [`FINGERPRINT_SCHEME`]: a fingerprint of another scheme is refused when read, because it
//! would never match a fingerprint of this one.

use serde::{Deserialize, Serialize};

use crate::error::ScoreError;
use crate::text_words::for_each_word;
use crate::word_hash::{ascii_alphanumeric_prefix_hash, word_hash};

/// Number of one-permutation MinHash bins.
pub(crate) const BINS: usize = BANDS * ROWS;
/// Number of LSH bands (band keys per fingerprint).
pub const FINGERPRINT_BANDS: usize = 16;
pub(crate) const BANDS: usize = FINGERPRINT_BANDS;
/// MinHash values per band.
pub(crate) const ROWS: usize = 4;
/// Words per shingle.
pub(crate) const SHINGLE_WORDS: usize = 3;
/// The bits of a shingle hash that choose its bin: `BINS` = 2⁶.
const BIN_SHIFT: u32 = 64 - BINS.trailing_zeros();

/// The version of the fingerprinting scheme (words, word canonical form, hashes, sketch, bands).
///
/// Scheme 1 (bellwether-score 0.1 before this scheme) used 64 MinHash permutations over
/// FNV-hashed lowercased words; scheme 2 is one-permutation MinHash with optimal
/// densification over canonical words. Fingerprints of different schemes are never compared.
pub const FINGERPRINT_SCHEME: u32 = 2;

/// A near-duplicate fingerprint of an article body: one locality-sensitive key per band.
///
/// Serialized as `{"scheme": 2, "bands": [...]}`; reading a fingerprint of another scheme
/// (or one without a scheme: scheme 1) fails with [`ScoreError::FingerprintScheme`].
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
#[serde(try_from = "FingerprintRepr", into = "FingerprintRepr")]
pub struct Fingerprint {
    bands: [u64; BANDS],
}

/// The serialized form: the scheme, then the band keys.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FingerprintRepr {
    /// Absent in fingerprints written before schemes were recorded: scheme 1.
    #[serde(default = "first_scheme")]
    scheme: u32,
    bands: [u64; BANDS],
}

fn first_scheme() -> u32 {
    1
}

impl TryFrom<FingerprintRepr> for Fingerprint {
    type Error = ScoreError;

    fn try_from(repr: FingerprintRepr) -> Result<Fingerprint, ScoreError> {
        match repr.scheme {
            FINGERPRINT_SCHEME => Ok(Fingerprint { bands: repr.bands }),
            found => Err(ScoreError::FingerprintScheme {
                found,
                supported: FINGERPRINT_SCHEME,
            }),
        }
    }
}

impl From<Fingerprint> for FingerprintRepr {
    fn from(fingerprint: Fingerprint) -> FingerprintRepr {
        FingerprintRepr {
            scheme: FINGERPRINT_SCHEME,
            bands: fingerprint.bands,
        }
    }
}

impl Fingerprint {
    /// Fingerprints an article body.
    ///
    /// Texts of fewer than three words are fingerprinted as one shingle. The cost is one pass
    /// over the text and one hash per word and per shingle.
    ///
    /// # Errors
    ///
    /// [`ScoreError::TextWithoutWords`] if the text contains no words (only spaces, punctuation
    /// or symbols).
    pub fn of_text(text: &str) -> Result<Fingerprint, ScoreError> {
        let sketch = sketch(text)?;
        let mut bands = [0u64; BANDS];
        for (band, (key, rows)) in bands.iter_mut().zip(sketch.chunks_exact(ROWS)).enumerate() {
            let mut h = mix64(band as u64 ^ 0x9e37_79b9_7f4a_7c15);
            for row in rows {
                h = mix64(h ^ row);
            }
            *key = h;
        }
        Ok(Fingerprint { bands })
    }

    /// Builds a fingerprint from stored band keys (of scheme [`FINGERPRINT_SCHEME`]).
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

/// The densified one-permutation MinHash sketch of `text`'s word 3-shingles.
pub(crate) fn sketch(text: &str) -> Result<[u64; BINS], ScoreError> {
    let mut minimums = [u64::MAX; BINS];
    let mut add = |shingle: u64| {
        let h = mix64(shingle);
        let bin = (h >> BIN_SHIFT) as usize;
        // Every hash in a bin has the same top bits, so the smallest hash has the smallest rest.
        minimums[bin] = minimums[bin].min(h);
    };
    // The last two words, for the shingle that the next word completes.
    let (mut older, mut newer, mut count) = (0u64, 0u64, 0usize);
    for_each_word(text, |word, plain| {
        let w = match plain {
            Some(rest) => ascii_alphanumeric_prefix_hash(rest, word.len()),
            None => word_hash(word),
        };
        if count >= SHINGLE_WORDS - 1 {
            add(shingle_hash(older, newer, w));
        }
        (older, newer) = (newer, w);
        count += 1;
    });
    match count {
        0 => return Err(ScoreError::TextWithoutWords),
        1 => add(short_shingle_hash(&[newer])),
        2 => add(short_shingle_hash(&[older, newer])),
        _ => {}
    }
    densify(&mut minimums);
    Ok(minimums)
}

/// The hash of the shingle `a b c`: word order matters (each word rotated by its position) and
/// the final mix in [`sketch`] spreads every bit over the whole hash.
fn shingle_hash(a: u64, b: u64, c: u64) -> u64 {
    a ^ b.rotate_left(21) ^ c.rotate_left(42) ^ 0x2545_f491_4f6c_dd1d
}

/// The hash of the one shingle of a text of one or two words.
fn short_shingle_hash(words: &[u64]) -> u64 {
    words.iter().fold(words.len() as u64, |h, &w| mix64(h ^ w))
}

/// Fills every empty bin with the value of the first non-empty bin in the bin's own probe
/// sequence (optimal densification). The sequence depends only on the bin, never on the text,
/// so two texts agree in a filled bin exactly when they agree in the bin it borrows from.
fn densify(minimums: &mut [u64; BINS]) {
    let original = *minimums;
    for (bin, slot) in minimums.iter_mut().enumerate() {
        if *slot != u64::MAX {
            continue;
        }
        let mut attempt = 1u64;
        *slot = loop {
            let probe = mix64(((bin as u64) << 32 | attempt) ^ 0x3c6e_f372_fe94_f82b);
            let candidate = original[(probe >> BIN_SHIFT) as usize];
            if candidate != u64::MAX {
                break candidate;
            }
            if attempt == 4 * BINS as u64 {
                // Nearly every bin is empty (a very short text): take the next non-empty bin
                // in index order, a rule that is just as independent of the text.
                let next = (1..BINS)
                    .map(|step| original[(bin + step) % BINS])
                    .find(|&value| value != u64::MAX);
                break next.unwrap_or(u64::MAX);
            }
            attempt += 1;
        };
    }
}

/// The SplitMix64 finaliser: a bijection on `u64` with full avalanche.
pub(crate) const fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use proptest::prelude::*;
    use proptest::strategy::ValueTree;
    use unicode_segmentation::UnicodeSegmentation;

    use super::*;

    const BODY: &str = "Chinese AI firms are relying on distillation attacks to offset deficits in \
        AI computing power and illicitly reproduce the core capabilities of US models, the White \
        House said on Thursday, describing an industrial-scale campaign that officials say has \
        targeted several American laboratories over the past year.";

    const OTHER: &str = "DeepSeek, the large language model created in China, performs comparably \
        to American equivalents at a fraction of the price, a development that export controls on \
        advanced chips were meant to prevent and that analysts now read as a sign of adaptation.";

    /// The exact Jaccard similarity of two texts' shingle sets, computed naively: the words by
    /// `unicode_words`, canonical forms spelled out, shingles as word triples.
    fn exact_jaccard(a: &str, b: &str) -> f64 {
        fn shingles(text: &str) -> HashSet<Vec<String>> {
            use unicode_normalization::UnicodeNormalization;
            let words: Vec<String> = text
                .unicode_words()
                .map(|w| {
                    w.nfkc()
                        .flat_map(char::to_lowercase)
                        .filter(|c| c.is_alphanumeric())
                        .collect()
                })
                .collect();
            let width = SHINGLE_WORDS.min(words.len());
            words
                .windows(width.max(1))
                .map(<[String]>::to_vec)
                .collect()
        }
        let (a, b) = (shingles(a), shingles(b));
        let union = a.union(&b).count();
        match union {
            0 => 1.0,
            _ => a.intersection(&b).count() as f64 / union as f64,
        }
    }

    /// The fraction of sketch bins in which the two texts agree: the MinHash estimate of their
    /// Jaccard similarity.
    fn estimated_jaccard(a: &str, b: &str) -> f64 {
        let (a, b) = (sketch(a).unwrap(), sketch(b).unwrap());
        a.iter().zip(b.iter()).filter(|(x, y)| x == y).count() as f64 / BINS as f64
    }

    /// The tolerance the estimate is held to: five standard deviations of a 64-sample
    /// Bernoulli mean, plus two bins for the finite-set correction of one-permutation bins.
    fn tolerance(j: f64) -> f64 {
        5.0 * (j * (1.0 - j) / BINS as f64).sqrt() + 2.0 / BINS as f64
    }

    #[test]
    fn identical_texts_have_identical_fingerprints() {
        assert_eq!(
            Fingerprint::of_text(BODY).unwrap(),
            Fingerprint::of_text(BODY).unwrap()
        );
    }

    #[test]
    fn case_punctuation_and_typography_do_not_matter() {
        let shouted = BODY.to_uppercase().replace(',', " ;");
        let typeset = BODY
            .replace(' ', "\u{A0}")
            .replace("industrial-scale", "industrial–scale")
            .replace("US", "U.S.");
        for variant in [shouted, typeset] {
            assert_eq!(
                Fingerprint::of_text(BODY).unwrap(),
                Fingerprint::of_text(&variant).unwrap(),
                "{variant}"
            );
        }
        assert_eq!(
            Fingerprint::of_text("It's the office's call, don't wait.").unwrap(),
            Fingerprint::of_text("IT’S THE O\u{FB03}CE’S CALL — DON’T WAIT…").unwrap()
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
    fn copy_with_changed_words_and_an_added_paragraph_is_a_copy() {
        let long = [BODY, OTHER, BODY].join("\n\n");
        let edited = long
            .replacen("Thursday", "Friday", 1)
            .replacen("several", "three", 1)
            .replacen("fraction", "small fraction", 1)
            + "\n\nThe embassy did not respond to a request for comment on Friday.";
        assert!(
            Fingerprint::of_text(&long)
                .unwrap()
                .is_copy_of(&Fingerprint::of_text(&edited).unwrap())
        );
    }

    #[test]
    fn independent_report_is_not_a_copy() {
        assert!(
            !Fingerprint::of_text(BODY)
                .unwrap()
                .is_copy_of(&Fingerprint::of_text(OTHER).unwrap())
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
        let one = Fingerprint::of_text("hello").unwrap();
        let two = Fingerprint::of_text("hello world").unwrap();
        assert_ne!(one, two);
        assert_eq!(two, Fingerprint::of_text("Hello, World!").unwrap());
    }

    #[test]
    fn serializes_with_its_scheme_and_refuses_other_schemes() {
        let fingerprint = Fingerprint::of_text(BODY).unwrap();
        let json = serde_json::to_string(&fingerprint).unwrap();
        assert!(json.starts_with(r#"{"scheme":2,"bands":["#), "{json}");
        assert_eq!(
            serde_json::from_str::<Fingerprint>(&json).unwrap(),
            fingerprint
        );
        let unversioned = json.replace(r#""scheme":2,"#, "");
        let err = serde_json::from_str::<Fingerprint>(&unversioned).unwrap_err();
        assert!(
            err.to_string()
                .contains("fingerprint of scheme 1 cannot be compared"),
            "{err}"
        );
        let future = json.replace(r#""scheme":2"#, r#""scheme":3"#);
        assert!(serde_json::from_str::<Fingerprint>(&future).is_err());
    }

    #[test]
    fn is_pinned_across_platforms_and_releases() {
        // Stored fingerprints depend on this value: changing it is a new FINGERPRINT_SCHEME.
        let bands = Fingerprint::of_text(BODY).unwrap().bands;
        assert_eq!(bands[0], 0xc314_d340_fdd7_2086);
    }

    #[test]
    fn copy_probability_follows_the_banding_curve() {
        // Pairs of 600-shingle texts with a controlled exact Jaccard similarity: the share of
        // pairs detected as copies matches 1 − (1 − J⁴)¹⁶ within sampling error.
        let mut seed = 0x5eed_u64;
        let mut next = move || {
            seed = mix64(seed.wrapping_add(0x9e37_79b9_7f4a_7c15));
            seed
        };
        for target in [0.3, 0.5, 0.7] {
            // The stride is whole, so the Jaccard it gives is a little off the target.
            let stride = stride_for(target);
            let j = (stride as f64 - 3.0) / (stride as f64 + 3.0);
            let expected = 1.0 - (1.0 - j.powi(ROWS as i32)).powi(BANDS as i32);
            let pairs = 300;
            let mut copies = 0;
            for _ in 0..pairs {
                let shared: Vec<String> = (0..600).map(|_| format!("w{:x}", next())).collect();
                // Replacing every k-th word of a copy keeps about the target Jaccard.
                let mut edited = shared.clone();
                for word in edited.iter_mut().step_by(stride) {
                    *word = format!("x{:x}", next());
                }
                let (a, b) = (shared.join(" "), edited.join(" "));
                copies += usize::from(
                    Fingerprint::of_text(&a)
                        .unwrap()
                        .is_copy_of(&Fingerprint::of_text(&b).unwrap()),
                );
            }
            let rate = copies as f64 / pairs as f64;
            println!("J = {j:.3}: {rate:.3} of pairs are copies (curve: {expected:.3})");
            let sd = (expected * (1.0 - expected) / pairs as f64).sqrt();
            assert!(
                (rate - expected).abs() <= 4.0 * sd + 0.02,
                "J = {j}: {rate} copies, expected {expected}"
            );
        }
    }

    /// Replacing every `stride`-th word removes 3 shingles per replacement from each side:
    /// J = (n − 3n/s) / (n + 3n/s) = (s − 3) / (s + 3), so s = 3(1 + J) / (1 − J).
    fn stride_for(j: f64) -> usize {
        (3.0 * (1.0 + j) / (1.0 - j)).round() as usize
    }

    #[test]
    fn stride_gives_the_targeted_jaccard() {
        let words: Vec<String> = (0..600).map(|i| format!("w{i}")).collect();
        let mut edited = words.clone();
        for word in edited.iter_mut().step_by(stride_for(0.5)) {
            word.push('x');
        }
        let j = exact_jaccard(&words.join(" "), &edited.join(" "));
        assert!((j - 0.5).abs() < 0.05, "{j}");
    }

    /// Texts over a small vocabulary, so that shingles repeat and pairs overlap in every
    /// proportion; the second text is the first with some words replaced, dropped or added.
    fn text_pair() -> impl Strategy<Value = (String, String)> {
        let word = prop::sample::select(vec![
            "chips",
            "export",
            "rules",
            "the",
            "Commerce",
            "said",
            "on",
            "Tuesday",
            "U.S.",
            "don’t",
            "firms",
            "model",
            "AI",
            "of",
            "and",
            "officials",
            "—",
            "1,000",
            "EU",
            "fab",
        ]);
        (
            prop::collection::vec(word.clone(), 1..400),
            prop::collection::vec((0usize..400, prop::option::of(word)), 0..120),
        )
            .prop_map(|(words, edits)| {
                let mut edited = words.clone();
                for (at, replacement) in edits {
                    let at = at % edited.len().max(1);
                    match replacement {
                        Some(w) if at % 3 == 0 => edited.insert(at, w),
                        Some(w) => {
                            if let Some(slot) = edited.get_mut(at) {
                                *slot = w;
                            }
                        }
                        None if edited.len() > 1 => {
                            edited.remove(at);
                        }
                        None => {}
                    }
                }
                (words.join(" "), edited.join(" "))
            })
    }

    /// The sketch computed the obvious way: the words by `unicode_words`, each hashed by the
    /// general word hash, then the same shingles, bins and densification.
    fn oracle_sketch(text: &str) -> Result<[u64; BINS], ScoreError> {
        let words: Vec<u64> = text.unicode_words().map(word_hash).collect();
        let mut minimums = [u64::MAX; BINS];
        let mut add = |shingle: u64| {
            let h = mix64(shingle);
            let bin = (h >> BIN_SHIFT) as usize;
            minimums[bin] = minimums[bin].min(h);
        };
        match words.len() {
            0 => return Err(ScoreError::TextWithoutWords),
            1 | 2 => add(short_shingle_hash(&words)),
            _ => words
                .windows(SHINGLE_WORDS)
                .for_each(|w| add(shingle_hash(w[0], w[1], w[2]))),
        }
        densify(&mut minimums);
        Ok(minimums)
    }

    /// Text rich in what the fast word pass treats specially: apostrophes, inner periods and
    /// commas, digits, typographic punctuation, and characters of other scripts.
    fn typeset_text() -> impl Strategy<Value = String> {
        let token = prop::sample::select(vec![
            "don’t",
            "U.S.",
            "e.g.",
            "1,000.5",
            "it's",
            "O’Brien’s",
            "3:30",
            "a.m.",
            "said,",
            "“Yes”",
            "—",
            "café",
            "naïve",
            "Straße",
            "中文",
            "שָׁלוֹם",
            "x_y",
            "…",
            "€15",
            "·",
            "rock’n’roll",
            "‘quoted’",
            "12.5%",
            "Q3",
            "ｆｕｌｌ",
            "o\u{FB03}ce",
            "e\u{301}",
            "\u{A0}",
            "chips",
            "the",
            "export",
            "rules",
        ]);
        let gap = prop::sample::select(vec![" ", " ", " ", "", "\n\n", "\u{A0}", "—"]);
        prop::collection::vec((token, gap), 0..120)
            .prop_map(|parts| parts.into_iter().flat_map(|(t, g)| [t, g]).collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn sketch_equals_the_obvious_computation(text in typeset_text()) {
            prop_assert_eq!(sketch(&text), oracle_sketch(&text));
        }

        #[test]
        fn sketch_equals_the_obvious_computation_on_any_text(text in any::<String>()) {
            prop_assert_eq!(sketch(&text), oracle_sketch(&text));
        }

        #[test]
        fn estimated_jaccard_tracks_the_exact_shingle_jaccard((a, b) in text_pair()) {
            prop_assume!(Fingerprint::of_text(&a).is_ok() && Fingerprint::of_text(&b).is_ok());
            let exact = exact_jaccard(&a, &b);
            let estimate = estimated_jaccard(&a, &b);
            prop_assert!(
                (estimate - exact).abs() <= tolerance(exact),
                "estimate {} vs exact {}", estimate, exact
            );
        }

        #[test]
        fn fingerprint_depends_only_on_the_shingle_set((a, _) in text_pair()) {
            // The same shingles in another case and typography: the same fingerprint.
            let retyped = a.to_uppercase().replace("'", "’");
            prop_assert_eq!(Fingerprint::of_text(&a), Fingerprint::of_text(&retyped));
        }
    }

    #[test]
    fn estimate_is_unbiased_over_many_pairs() {
        // A fixed sample, so the figure is reproducible: mean error and mean absolute error.
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let (mut bias, mut absolute, mut n) = (0.0, 0.0, 0.0);
        for _ in 0..400 {
            let (a, b) = text_pair().new_tree(&mut runner).unwrap().current();
            if Fingerprint::of_text(&a).is_err() || Fingerprint::of_text(&b).is_err() {
                continue;
            }
            let error = estimated_jaccard(&a, &b) - exact_jaccard(&a, &b);
            bias += error;
            absolute += error.abs();
            n += 1.0;
        }
        let (bias, absolute) = (bias / n, absolute / n);
        assert!(
            bias.abs() < 0.01 && absolute < 0.05,
            "bias {bias}, mean |error| {absolute}"
        );
    }
}
