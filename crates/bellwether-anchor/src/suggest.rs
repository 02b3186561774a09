//! Suggesting anchors for a quote that has none.
//!
//! See [`AnchorSuggester`] for the candidates, the score and the selection.

use std::collections::HashMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use crate::anchor::MAX_ANCHORS;
use crate::error::ConfigError;
use crate::prepare::PreparedText;

/// The longest anchor [`AnchorSuggester::max_words`] accepts, in words: a longer run is a
/// clause, not a phrase that points at the claim.
pub const MAX_SUGGESTED_WORDS: usize = 12;

/// The most suggestions [`AnchorSuggester::limit`] accepts: as many anchors as one quote may
/// carry ([`MAX_ANCHORS`]).
pub const MAX_SUGGESTIONS: usize = MAX_ANCHORS;

/// Anchors of up to this many words by default.
const DEFAULT_MAX_WORDS: usize = 6;

/// This many suggestions by default.
const DEFAULT_LIMIT: usize = 3;

/// English function words that may not start or end an anchor.
#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "either",
    "even", "ever", "every", "few", "for", "from", "further", "had", "has", "have", "having", "he",
    "her", "here", "hers", "herself", "him", "himself", "his", "how", "however", "i", "if", "in",
    "into", "is", "it", "its", "itself", "just", "let", "may", "me", "might", "more", "most",
    "much", "must", "my", "myself", "neither", "no", "nor", "not", "now", "of", "off", "on", "once",
    "only", "or", "other", "ought", "our", "ours", "ourselves", "out", "over", "own", "per",
    "rather", "same", "shall", "she", "should", "so", "some", "such", "than", "that", "the",
    "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those",
    "through", "thus", "to", "too", "under", "until", "up", "upon", "us", "very", "via", "was",
    "we", "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "whose",
    "why", "will", "with", "within", "without", "would", "yet", "you", "your", "yours", "yourself",
    "yourselves",
];

/// Stop words that may stand inside an anchor: articles and noun-phrase prepositions.
#[rustfmt::skip]
const LINKING_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "for", "on", "at", "with", "from", "by", "into", "per", "via",
    "against", "between", "within", "without", "over", "under", "through", "about",
];

const NAME_WEIGHT: f64 = 1.5;
const COINED_NAME_WEIGHT: f64 = 1.75;
const ADVERB_WEIGHT: f64 = 0.5;
const LENGTH_REWARD: f64 = 0.3;
const VERB_EDGE_WEIGHT: f64 = 0.8;

/// One suggested anchor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnchorSuggestion {
    /// The phrase as written in the quote.
    pub text: String,
    /// Its byte span in the quote.
    pub span: Range<usize>,
    /// Its score (see [`AnchorSuggester`]); higher is better.
    pub score: f64,
    /// How many words it has, stop words included.
    pub words: usize,
}

/// Ranks candidate anchors for quotes by a documented score.
///
/// # Candidates
///
/// The quote is split into words at Unicode word boundaries (UAX #29, on the normalised text).
/// A candidate is a run of 1 to [`max_words`](Self::max_words) consecutive words that
///
/// - does not cross punctuation other than a hyphen, apostrophe or slash inside a compound
///   (`export-control`), so a candidate never spans two clauses;
/// - neither starts nor ends with an English stop word (`the`, `of`, `is`, …);
/// - holds inside it only *linking* stop words — articles and the prepositions that build noun
///   phrases (`the`, `of`, `in`, `for`, …). Conjunctions (`and`), auxiliaries (`are`),
///   pronouns and the infinitive `to` end a candidate: they join clauses, not the words of one
///   phrase.
///
/// # Score
///
/// Each content word gets a salience, the phrase's score is their mean times a logarithmic
/// reward for length, and a few morphological cues stand in for a part-of-speech tagger:
///
/// ```text
/// salience(w) = ln(1 + chars(w))          longer words are rarer (Zipf's law of abbreviation)
///             × 1.5 if w is capitalised but not the first word of a sentence (a name)
///             × 1.75 instead if w has an inner capital or is an acronym (DeepSeek, AI, BIS)
///             × 0.5 if w is an adverb in -ly
///             × idf(w) when an article is given (see below)
/// score(p)    = mean salience of p's content words × (1 + 0.3 ln(number of content words))
///             × 0.8 for each end of p that is a verb form in -ing or -ed
/// idf(w)      = 0.5 + 0.5 ln((N + 1) / (df(w) + 1)) / ln(N + 1)
///               N sentences in the article, df(w) of them containing w
/// ```
///
/// The mean keeps a long phrase from winning on length alone; the logarithmic reward lets a
/// phrase of several strong words (`offset deficits in AI computing power`) beat any one of them.
/// With an article, words spread through many of its sentences weigh less, so the anchor points
/// at what is particular to this quote.
///
/// # Selection
///
/// Suggestions are picked best first, skipping any candidate that overlaps one already picked or
/// an occurrence of an anchor already taken by another quote of the same article: the list offers
/// alternatives, not variations of one phrase. Ties go to the earlier, then the shorter phrase.
///
/// # Example
///
/// ```
/// use bellwether_anchor::{AnchorSuggester, ConfigError};
///
/// let quote = "The launch of DeepSeek, the large language model created in China that performs \
///              comparably to American equivalents at a fraction of the price";
/// let suggestions = AnchorSuggester::new().suggest(quote);
/// assert_eq!(suggestions[0].text, "DeepSeek");
/// assert!(suggestions.len() <= 3);
///
/// // Settings are checked: no anchor has zero words.
/// let five = AnchorSuggester::new().max_words(4)?.limit(5)?;
/// assert!(five.suggest(quote).len() <= 5);
/// assert!(matches!(
///     AnchorSuggester::new().max_words(0),
///     Err(ConfigError::LimitOutOfRange { limit: "max_words", value: 0, .. })
/// ));
/// # Ok::<(), ConfigError>(())
/// ```
#[derive(Debug, Clone)]
pub struct AnchorSuggester {
    max_words: usize,
    limit: usize,
    taken: Vec<String>,
    sentences: usize,
    document_frequency: HashMap<String, usize>,
}

impl Default for AnchorSuggester {
    fn default() -> Self {
        Self::new()
    }
}

impl AnchorSuggester {
    /// A suggester with no article, up to 6 words per anchor and 3 suggestions.
    ///
    /// Six words because claim-bearing anchors run that long (the seed's
    /// `offset deficits in AI computing power`).
    pub fn new() -> Self {
        Self {
            max_words: DEFAULT_MAX_WORDS,
            limit: DEFAULT_LIMIT,
            taken: Vec::new(),
            sentences: 0,
            document_frequency: HashMap::new(),
        }
    }

    /// Sets the longest anchor, in words, stop words included (6 by default).
    ///
    /// # Errors
    ///
    /// [`ConfigError::LimitOutOfRange`] (with `limit: "max_words"`) for 0, or for more than
    /// [`MAX_SUGGESTED_WORDS`].
    pub fn max_words(mut self, max_words: usize) -> Result<Self, ConfigError> {
        self.max_words = checked_setting("max_words", max_words, MAX_SUGGESTED_WORDS)?;
        Ok(self)
    }

    /// Sets how many suggestions to return at most (3 by default).
    ///
    /// # Errors
    ///
    /// [`ConfigError::LimitOutOfRange`] (with `limit: "limit"`) for 0, or for more than
    /// [`MAX_SUGGESTIONS`].
    pub fn limit(mut self, limit: usize) -> Result<Self, ConfigError> {
        self.limit = checked_setting("limit", limit, MAX_SUGGESTIONS)?;
        Ok(self)
    }

    /// Declares anchors already used by other quotes of the same article; candidates overlapping
    /// their occurrences are not suggested.
    pub fn taken<S: AsRef<str>>(mut self, anchors: &[S]) -> Self {
        self.taken = anchors
            .iter()
            .map(|a| {
                PreparedText::new(a.as_ref().trim())
                    .normalized()
                    .trim()
                    .to_owned()
            })
            .collect();
        self
    }

    /// Weighs words by how particular they are to one sentence of `article` (the `idf` of the
    /// score). The article is read once; the suggester keeps only word counts.
    pub fn article(mut self, article: &str) -> Self {
        let prepared = PreparedText::new(article);
        self.document_frequency.clear();
        self.sentences = 0;
        // Sentences are found on the original: case is what tells `rose. Tariffs` apart.
        for (start, sentence) in article.split_sentence_bound_indices() {
            let range = prepared.to_normalized(start..start + sentence.len());
            let mut seen: Vec<&str> = prepared.normalized()[range].unicode_words().collect();
            if seen.is_empty() {
                continue;
            }
            self.sentences += 1;
            seen.sort_unstable();
            seen.dedup();
            for word in seen {
                *self.document_frequency.entry(word.to_owned()).or_default() += 1;
            }
        }
        self
    }

    /// Suggests anchors for `quote`, best first.
    ///
    /// Returns an empty list for a quote without words. Every suggestion is a run of whole words
    /// of the quote, so [`locate_anchor`](crate::locate_anchor) finds it. Never fails: any text
    /// can be read.
    ///
    /// Cost: for a quote of `w` words, O(w·max_words) candidates, each checked against the
    /// picks and the `t` occurrences of taken anchors: O(w·max_words·(limit + t)) time and
    /// O(w·max_words + t) memory. Pass quotes within the locator's quote limit.
    pub fn suggest(&self, quote: &str) -> Vec<AnchorSuggestion> {
        let prepared = PreparedText::new(quote);
        let words = split_words(&prepared);
        let blocked = self.taken_ranges(&prepared);
        let mut candidates = self.candidates(&prepared, &words);
        candidates.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.first.cmp(&b.first))
                .then(a.last.cmp(&b.last))
        });
        let mut picked: Vec<Candidate> = Vec::new();
        for candidate in candidates {
            if picked.len() >= self.limit {
                break;
            }
            let range = words[candidate.first].range.start..words[candidate.last].range.end;
            let clashes = |other: &Range<usize>| range.start < other.end && other.start < range.end;
            let overlaps_pick = picked
                .iter()
                .any(|p| clashes(&(words[p.first].range.start..words[p.last].range.end)));
            if overlaps_pick || blocked.iter().any(clashes) {
                continue;
            }
            picked.push(candidate);
        }
        picked
            .into_iter()
            .map(|candidate| {
                let normalized =
                    words[candidate.first].range.start..words[candidate.last].range.end;
                let span = prepared.to_original(normalized);
                AnchorSuggestion {
                    text: quote[span.clone()].to_owned(),
                    span,
                    score: candidate.score,
                    words: candidate.last - candidate.first + 1,
                }
            })
            .collect()
    }

    /// Normalised ranges of every whole-word occurrence of a taken anchor.
    fn taken_ranges(&self, prepared: &PreparedText) -> Vec<Range<usize>> {
        let text = prepared.normalized();
        let bounds = crate::anchor::word_bounds(text);
        let is_bound = |i: usize| bounds.binary_search(&i).is_ok();
        self.taken
            .iter()
            .filter(|anchor| !anchor.is_empty())
            .flat_map(|anchor| {
                crate::anchor::overlapping_matches(text, anchor)
                    .map(move |start| start..start + anchor.len())
                    .filter(|range| is_bound(range.start) && is_bound(range.end))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    fn candidates(&self, prepared: &PreparedText, words: &[Word]) -> Vec<Candidate> {
        let saliences: Vec<f64> = words.iter().map(|w| self.salience(prepared, w)).collect();
        let mut candidates = Vec::new();
        for first in 0..words.len() {
            if words[first].stop {
                continue;
            }
            let mut total = 0.0;
            let mut content = 0usize;
            for last in first..words.len().min(first + self.max_words) {
                let word = &words[last];
                if last > first && !word.joined_to_previous {
                    break;
                }
                if word.stop && !word.linking {
                    break;
                }
                if !word.stop {
                    total += saliences[last];
                    content += 1;
                    let mut score =
                        total / content as f64 * (1.0 + LENGTH_REWARD * (content as f64).ln());
                    for edge in [first, last] {
                        if words[edge].verb_form {
                            score *= VERB_EDGE_WEIGHT;
                        }
                    }
                    if first == last && words[first].verb_form {
                        // One word is both edges; weigh it once.
                        score /= VERB_EDGE_WEIGHT;
                    }
                    candidates.push(Candidate { first, last, score });
                }
            }
        }
        candidates
    }

    fn salience(&self, prepared: &PreparedText, word: &Word) -> f64 {
        let normalized = &prepared.normalized()[word.range.clone()];
        let mut salience = (1.0 + normalized.chars().count() as f64).ln();
        let original = &prepared.original()[prepared.to_original(word.range.clone())];
        let mut letters = original.chars().filter(|c| c.is_alphabetic());
        let first_upper = letters.next().is_some_and(char::is_uppercase);
        let rest: Vec<char> = letters.collect();
        let inner_upper = rest.iter().any(|c| c.is_uppercase());
        let all_upper = first_upper && !rest.is_empty() && rest.iter().all(|c| c.is_uppercase());
        if inner_upper || all_upper {
            salience *= COINED_NAME_WEIGHT;
        } else if first_upper && !word.starts_sentence {
            salience *= NAME_WEIGHT;
        }
        if word.adverb {
            salience *= ADVERB_WEIGHT;
        }
        if self.sentences > 0 {
            let n = self.sentences as f64;
            let df = self
                .document_frequency
                .get(normalized)
                .copied()
                .unwrap_or(0) as f64;
            salience *= 0.5 + 0.5 * ((n + 1.0) / (df + 1.0)).ln() / (n + 1.0).ln();
        }
        salience
    }
}

/// `value` if it lies from 1 to `max`.
fn checked_setting(limit: &'static str, value: usize, max: usize) -> Result<usize, ConfigError> {
    if (1..=max).contains(&value) {
        Ok(value)
    } else {
        Err(ConfigError::LimitOutOfRange {
            limit,
            value,
            min: 1,
            max,
        })
    }
}

/// Suggests up to three anchors for `quote` with the default [`AnchorSuggester`].
///
/// Cost: as [`AnchorSuggester::suggest`] with 6 words and 3 picks, O(w) for `w` words.
pub fn suggest_anchors(quote: &str) -> Vec<AnchorSuggestion> {
    AnchorSuggester::new().suggest(quote)
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    first: usize,
    last: usize,
    score: f64,
}

/// A word of the normalised quote and what the scorer needs to know about it.
#[derive(Debug)]
struct Word {
    range: Range<usize>,
    stop: bool,
    linking: bool,
    adverb: bool,
    verb_form: bool,
    starts_sentence: bool,
    joined_to_previous: bool,
}

fn split_words(prepared: &PreparedText) -> Vec<Word> {
    let text = prepared.normalized();
    let mut words: Vec<Word> = Vec::new();
    let mut gap_start = 0;
    for (start, segment) in text.split_word_bound_indices() {
        if !segment.chars().any(char::is_alphanumeric) {
            continue;
        }
        let gap = &text[gap_start..start];
        let joined = gap
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '-' | '\'' | '/'));
        let starts_sentence = words.is_empty()
            || gap
                .chars()
                .any(|c| matches!(c, '.' | '!' | '?' | ':' | ';'));
        let range = start..start + segment.len();
        let original = &prepared.original()[prepared.to_original(range.clone())];
        // An acronym is a name even when it spells a stop word (`US`, `IT`, `WHO`).
        let acronym = original.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && original
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
        let stop = !acronym && STOP_WORDS.binary_search(&segment).is_ok();
        let long = segment.chars().count() >= 5;
        words.push(Word {
            range,
            stop,
            linking: LINKING_WORDS.contains(&segment),
            adverb: !stop && long && segment.ends_with("ly"),
            verb_form: !stop && long && (segment.ends_with("ing") || segment.ends_with("ed")),
            starts_sentence,
            joined_to_previous: !words.is_empty() && joined,
        });
        gap_start = start + segment.len();
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(LINKING_WORDS.iter().all(|w| STOP_WORDS.contains(w)));
    }

    #[test]
    fn suggestions_never_start_or_end_with_stop_words_nor_overlap() {
        let quote = "Capability now propagates through software, and software is not what \
                     export-control architectures were built to govern.";
        let suggestions = AnchorSuggester::new().limit(10).unwrap().suggest(quote);
        assert!(suggestions.len() >= 3);
        for (i, s) in suggestions.iter().enumerate() {
            let first = s.text.unicode_words().next().unwrap().to_lowercase();
            let last = s.text.unicode_words().next_back().unwrap().to_lowercase();
            assert!(STOP_WORDS.binary_search(&first.as_str()).is_err(), "{s:?}");
            assert!(STOP_WORDS.binary_search(&last.as_str()).is_err(), "{s:?}");
            assert_eq!(&quote[s.span.clone()], s.text);
            for t in &suggestions[i + 1..] {
                assert!(s.span.end <= t.span.start || t.span.end <= s.span.start);
            }
        }
    }

    #[test]
    fn taken_anchors_are_not_suggested_again() {
        let quote = "distillation attacks to offset deficits in AI computing power";
        let suggestions = AnchorSuggester::new()
            .taken(&["Distillation attacks"])
            .suggest(quote);
        assert!(suggestions.iter().all(|s| !s.text.contains("distillation")));
    }

    #[test]
    fn article_frequency_lowers_words_spread_through_the_article() {
        let quote = "tariffs and rare earth magnets";
        let article =
            "Tariffs rose. Tariffs fell. Tariffs again. Officials cited rare earth magnets.";
        let score = |suggester: &AnchorSuggester, text: &str| {
            suggester
                .suggest(quote)
                .into_iter()
                .find(|s| s.text == text)
                .unwrap()
                .score
        };
        let plain = AnchorSuggester::new().limit(5).unwrap();
        let weighed = AnchorSuggester::new().limit(5).unwrap().article(article);
        let common = score(&weighed, "tariffs") / score(&plain, "tariffs");
        let particular =
            score(&weighed, "rare earth magnets") / score(&plain, "rare earth magnets");
        assert!(common < particular, "{common} vs {particular}");
    }

    #[test]
    fn quote_without_words_has_no_suggestions() {
        assert!(suggest_anchors("… — !").is_empty());
    }
}
