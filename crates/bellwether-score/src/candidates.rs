//! Candidate signals for a text: the existing signals an article (or a draft thesis) most
//! likely reinforces or contradicts, found through an inverted index of the signals'
//! descriptions, for a language model to choose among.

use std::sync::Mutex;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::text_words::for_each_word;
use crate::words::{WordStemmer, content_key, expand_abbreviations};

/// BM25's term-frequency saturation (descriptions hold most terms once, so it mostly sets how
/// much length matters).
const K1: f64 = 1.2;
/// BM25's length normalisation: long descriptions match more words by chance.
const B: f64 = 0.75;
/// A query term held by more than one signal in this many (and by more than
/// [`MIN_COMMON_DF`]) is skipped: it tells signals apart little, and its postings would cost
/// most of a query's time.
const COMMON_FRACTION: usize = 16;
/// Below this many signals holding it, no term is too common to read (small collections).
const MIN_COMMON_DF: usize = 256;

/// One candidate signal for a text, with why it was chosen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// The signal's identifier, as it was given to [`CandidateIndex::insert`].
    pub id: String,
    /// The match score (BM25 over the terms the text and the description share); higher is
    /// closer. Comparable between the candidates of one query only.
    pub score: f64,
    /// The words of the text that matched the signal's description, as the text writes them
    /// (lower-cased), most telling (rarest among the signals) first.
    pub matched: Vec<String>,
}

#[derive(Debug, Clone)]
struct Doc {
    id: Box<str>,
    /// Distinct terms of the description.
    len: u32,
}

/// An inverted index of signal descriptions (thesis, tags, actors, regions: any text that
/// says what the signal is about), queried with an article's text or a draft thesis for the
/// `k` signals that share the most telling words with it.
///
/// Words are read as clustering reads theses: folded typography and case, stop words dropped,
/// capitalised acronyms kept apart (`US` is not `us`), and Snowball English stems, so
/// `controls`, `controlled` and `controlling` meet. Scores are BM25 with each description
/// word counted once. Past 4,096 signals, a word held by more than one signal in 16 is not
/// scored: it tells signals apart too little for its cost.
///
/// # Cost
///
/// [`insert`](Self::insert) is linear in the description. [`top`](Self::top) reads the text
/// once (one hash lookup per word, a stem for a word never seen in a description), then the
/// postings of each distinct query term not too common (see above): `O(w + t · n/16 + c log
/// k)` for `w` words, `t` distinct scored terms, `n` signals and `c` signals touched, plus
/// an `n`-long score array. Memory: one 4-byte posting per distinct description term, plus the ids.
///
/// # Example
///
/// ```
/// use bellwether_score::CandidateIndex;
///
/// let mut index = CandidateIndex::new();
/// index.insert("chips", "US chip export controls accelerate Chinese AI self-sufficiency");
/// index.insert("rare-earths", "Allied buyers finance rare-earth separation outside China");
/// let found = index.top("Export controls on chips pushed DeepSeek to train cheaper models", 2);
/// assert_eq!(found[0].id, "chips");
/// assert!(found[0].matched.contains(&"export".to_owned()));
/// assert_eq!(found.len(), 1); // nothing ties the text to rare earths
/// ```
#[derive(Debug, Default)]
pub struct CandidateIndex {
    stemmer: WordStemmer,
    /// Content key → term, for every key read in a description.
    keys: FxHashMap<Box<str>, u32>,
    /// Stem → term.
    stems: FxHashMap<Box<str>, u32>,
    /// Term → the documents holding it, ascending, each once.
    postings: Vec<Vec<u32>>,
    docs: Vec<Doc>,
    ids: FxHashMap<Box<str>, u32>,
    total_len: u64,
    /// A zeroed score array for one query at a time (a query finding it busy allocates its
    /// own), so that a query does not allocate and clear one score per signal.
    scratch: Mutex<Vec<f64>>,
}

/// Reused per query.
#[derive(Debug, Default)]
struct QueryTerms {
    /// (term, surface word) of each distinct term of the text, in order of first use.
    terms: Vec<(u32, String)>,
}

impl CandidateIndex {
    /// An empty index.
    pub fn new() -> Self {
        CandidateIndex::default()
    }

    /// How many signals the index holds.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Adds the signal `id` described by `description`; a second description of the same id
    /// adds its words to the first.
    pub fn insert(&mut self, id: &str, description: &str) {
        let doc = match self.ids.get(id) {
            Some(&doc) => doc,
            None => {
                let doc = u32::try_from(self.docs.len()).unwrap_or(u32::MAX);
                self.ids.insert(id.into(), doc);
                self.docs.push(Doc {
                    id: id.into(),
                    len: 0,
                });
                doc
            }
        };
        let text = expand_abbreviations(description);
        let mut words: Vec<&str> = Vec::new();
        for_each_word(&text, |word, _| words.push(word));
        for word in words {
            let Some(key) = content_key(word) else {
                continue;
            };
            let term = match self.keys.get(key.as_str()) {
                Some(&term) => term,
                None => {
                    let stem = self.stemmer.stem(&key);
                    let term = match self.stems.get(stem.as_str()) {
                        Some(&term) => term,
                        None => {
                            let term = u32::try_from(self.postings.len()).unwrap_or(u32::MAX);
                            self.postings.push(Vec::new());
                            self.stems.insert(stem.into(), term);
                            term
                        }
                    };
                    self.keys.insert(key.into(), term);
                    term
                }
            };
            let Some(postings) = self.postings.get_mut(term as usize) else {
                continue;
            };
            // Documents arrive in increasing order, except a repeated id: keep each once.
            let added = match postings.last() {
                Some(&last) if last == doc => false,
                Some(&last) if last > doc => match postings.binary_search(&doc) {
                    Ok(_) => false,
                    Err(at) => {
                        postings.insert(at, doc);
                        true
                    }
                },
                _ => {
                    postings.push(doc);
                    true
                }
            };
            if added {
                if let Some(d) = self.docs.get_mut(doc as usize) {
                    d.len += 1;
                }
                self.total_len += 1;
            }
        }
    }

    /// The term of a word of a query, if any description holds it.
    fn term_of(&self, key: &str) -> Option<u32> {
        match self.keys.get(key) {
            Some(&term) => Some(term),
            None => self.stems.get(self.stemmer.stem(key).as_str()).copied(),
        }
    }

    fn query_terms(&self, text: &str) -> QueryTerms {
        let text = expand_abbreviations(text);
        // Each distinct word is read once: an article repeats most of its words.
        let mut read: FxHashMap<&str, ()> = FxHashMap::default();
        let mut seen: FxHashMap<u32, ()> = FxHashMap::default();
        let mut terms = Vec::new();
        for_each_word(&text, |word, _| {
            if read.insert(word, ()).is_some() {
                return;
            }
            let Some(key) = content_key(word) else {
                return;
            };
            if let Some(term) = self.term_of(&key)
                && seen.insert(term, ()).is_none()
            {
                terms.push((term, word.to_lowercase()));
            }
        });
        QueryTerms { terms }
    }

    /// The `k` signals whose descriptions share the most telling words with `text` (an
    /// article's text or a draft thesis), best first; ties go to the signal inserted first.
    /// Signals sharing no word are never returned, so fewer than `k` may come back.
    pub fn top(&self, text: &str, k: usize) -> Vec<Candidate> {
        let n = self.docs.len();
        if n == 0 || k == 0 {
            return Vec::new();
        }
        let query = self.query_terms(text);
        #[allow(clippy::cast_precision_loss)]
        let average = (self.total_len as f64 / n as f64).max(1.0);
        // Terms held by many signals tell little and cost the most: skip them.
        let common = (n / COMMON_FRACTION).max(MIN_COMMON_DF);
        let mut weights: Vec<(u32, f64)> = Vec::with_capacity(query.terms.len());
        for &(term, _) in &query.terms {
            let df = self.postings.get(term as usize).map_or(0, Vec::len);
            if df == 0 || df > common {
                continue;
            }
            #[allow(clippy::cast_precision_loss)]
            let idf = (1.0 + (n as f64 - df as f64 + 0.5) / (df as f64 + 0.5)).ln();
            weights.push((term, idf));
        }
        // BM25's length factor by description length, computed once per query.
        let longest = self.docs.iter().map(|d| d.len).max().unwrap_or(0) as usize;
        let factor: Vec<f64> = (0..=longest)
            .map(|len| {
                #[allow(clippy::cast_precision_loss)]
                let len = len as f64;
                (K1 + 1.0) / (1.0 + K1 * (1.0 - B + B * len / average))
            })
            .collect();
        // A dense accumulator: one add per posting read, no hashing.
        let mut guard = self.scratch.try_lock().ok();
        let mut own = Vec::new();
        let scores: &mut Vec<f64> = match guard.as_deref_mut() {
            Some(shared) => shared,
            None => &mut own,
        };
        if scores.len() != n {
            scores.clear();
            scores.resize(n, 0.0);
        }
        let mut touched: Vec<u32> = Vec::new();
        for &(term, idf) in &weights {
            let Some(postings) = self.postings.get(term as usize) else {
                continue;
            };
            for &doc in postings {
                let (Some(score), Some(d)) =
                    (scores.get_mut(doc as usize), self.docs.get(doc as usize))
                else {
                    continue;
                };
                if *score == 0.0 {
                    touched.push(doc);
                }
                *score += idf * factor.get(d.len as usize).copied().unwrap_or(0.0);
            }
        }
        let mut ranked: Vec<(u32, f64)> = Vec::with_capacity(touched.len());
        for doc in touched {
            if let Some(score) = scores.get_mut(doc as usize) {
                ranked.push((doc, *score));
                // Left zeroed for the next query.
                *score = 0.0;
            }
        }
        drop(guard);
        let order = |a: &(u32, f64), b: &(u32, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if ranked.len() > k {
            ranked.select_nth_unstable_by(k - 1, order);
            ranked.truncate(k);
        }
        ranked.sort_unstable_by(order);
        weights.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
            .into_iter()
            .filter_map(|(doc, score)| {
                let id = self.docs.get(doc as usize)?.id.to_string();
                let matched = weights
                    .iter()
                    .filter(|(term, _)| {
                        self.postings
                            .get(*term as usize)
                            .is_some_and(|p| p.binary_search(&doc).is_ok())
                    })
                    .filter_map(|(term, _)| {
                        query
                            .terms
                            .iter()
                            .find(|(t, _)| t == term)
                            .map(|(_, word)| word.clone())
                    })
                    .collect();
                Some(Candidate { id, score, matched })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn stems_and_acronyms_match_as_clustering_reads_them() {
        let mut index = CandidateIndex::new();
        index.insert("a", "Export controls accelerate US chip self-sufficiency");
        index.insert("b", "Drought cuts the wheat harvest");
        index.insert("c", "Central bank raises rates");
        let found = index.top("The controlled exports worried us", 3);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].id, "a");
        // `us` the pronoun is not `US` the country.
        assert_eq!(found[0].matched, ["exports", "controlled"]);
        assert!(index.top("", 3).is_empty());
        assert!(index.top("export", 0).is_empty());
    }

    #[test]
    fn a_repeated_id_extends_its_description_and_counts_words_once() {
        let mut index = CandidateIndex::new();
        index.insert("a", "wheat harvest");
        index.insert("b", "rice harvest");
        index.insert("c", "bank rates");
        index.insert("a", "drought wheat");
        assert_eq!(index.len(), 3);
        let found = index.top("drought", 3);
        assert_eq!(found[0].id, "a");
        assert_eq!(index.postings[index.keys["wheat"] as usize], [0]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// The top k are the k best of a brute-force scoring of every signal, in order.
        #[test]
        fn top_k_agrees_with_scoring_every_signal(
            descriptions in prop::collection::vec(
                prop::collection::vec(prop::sample::select(vec![
                    "export", "controls", "chips", "wheat", "harvest", "drought", "bank",
                    "rates", "China", "US", "magnets", "rare", "earths", "subsidies", "fabs",
                ]), 1..6),
                1..40,
            ),
            query in prop::collection::vec(prop::sample::select(vec![
                "export", "control", "chip", "harvests", "drought", "banks", "rate", "US",
                "magnet", "the", "of", "subsidy", "fab", "unknown",
            ]), 0..8),
            k in 1usize..6,
        ) {
            let mut index = CandidateIndex::new();
            for (i, words) in descriptions.iter().enumerate() {
                index.insert(&format!("s{i}"), &words.join(" "));
            }
            let query = query.join(" ");
            let top = index.top(&query, k);
            // Brute force, independent of the postings: every description's terms, the
            // document frequencies counted from them, BM25 summed term by term.
            let terms_of = |text: &str| -> Vec<u32> {
                let mut terms: Vec<u32> = text
                    .split(' ')
                    .filter_map(content_key)
                    .filter_map(|key| index.term_of(&key))
                    .collect();
                terms.sort_unstable();
                terms.dedup();
                terms
            };
            let docs: Vec<Vec<u32>> = descriptions.iter().map(|d| terms_of(&d.join(" "))).collect();
            let n = docs.len() as f64;
            let average = (docs.iter().map(Vec::len).sum::<usize>() as f64 / n).max(1.0);
            let asked = terms_of(&query);
            let mut all: Vec<(usize, f64)> = docs
                .iter()
                .enumerate()
                .filter_map(|(i, terms)| {
                    let norm = 1.0 - B + B * terms.len() as f64 / average;
                    let mut score = 0.0;
                    let mut hit = false;
                    for term in asked.iter().filter(|t| terms.contains(t)) {
                        let df = docs.iter().filter(|d| d.contains(term)).count() as f64;
                        if df > (n as usize / COMMON_FRACTION).max(MIN_COMMON_DF) as f64 {
                            continue;
                        }
                        hit = true;
                        score += (1.0 + (n - df + 0.5) / (df + 0.5)).ln() * (K1 + 1.0)
                            / (1.0 + K1 * norm);
                    }
                    hit.then_some((i, score))
                })
                .collect();
            all.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            prop_assert!(top.len() <= k);
            prop_assert_eq!(top.len(), all.len().min(k));
            for (candidate, (i, score)) in top.iter().zip(&all) {
                prop_assert!((candidate.score - score).abs() < 1e-9);
                // Equal scores may come in either order only if they are equal.
                if candidate.id != format!("s{i}") {
                    let same = all.iter().find(|(j, _)| format!("s{j}") == candidate.id);
                    prop_assert!(same.is_some_and(|(_, s)| (s - score).abs() < 1e-9));
                }
                prop_assert!(!candidate.matched.is_empty());
            }
        }
    }
}
