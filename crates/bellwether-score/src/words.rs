//! Word normalisation for thesis similarity: typography folding, case, stop words, light stemming
//! and the small lexicon of directional words that tells sibling theses apart.

pub(crate) mod gazetteer;
pub(crate) mod lexicon;

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

/// English function words that carry no thesis content. Sorted for binary search.
///
/// Negations (`no`, `not`, `never`, `nor`, `without`) are deliberately absent: they change what a
/// thesis claims.
#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "again",
    "against",
    "all",
    "along",
    "also",
    "am",
    "amid",
    "among",
    "an",
    "and",
    "any",
    "are",
    "around",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "during",
    "each",
    "either",
    "even",
    "ever",
    "every",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "may",
    "me",
    "might",
    "much",
    "must",
    "my",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "onto",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "per",
    "rather",
    "s",
    "same",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "too",
    "toward",
    "towards",
    "under",
    "until",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "would",
    "yet",
    "you",
    "your",
];

/// Directional word groups: each group holds words that push something one way and words that
/// push it the other way. Two theses that use opposite sides of one group (and not both) make
/// opposite claims however many other words they share.
///
/// The first group is the broad promote/hinder axis that most theses about an effect use. Words
/// that usually name an instrument in headlines (`curbs`, `restrictions`) are left out: a thesis
/// about export curbs is not thereby about something going down.
#[rustfmt::skip]
const DIRECTION_GROUPS: &[(&[&str], &[&str])] = &[
    (
        &[
            "accelerate",
            "hasten",
            "quicken",
            "speed",
            "sped",
            "spur",
            "fuel",
            "fuelled",
            "fuelling",
            "boost",
            "increase",
            "rise",
            "grow",
            "growth",
            "surge",
            "soar",
            "climb",
            "expand",
            "gain",
            "widen",
            "jump",
            "strengthen",
            "bolster",
            "reinforce",
            "intensify",
            "escalate",
            "promote",
            "encourage",
            "foster",
            "stimulate",
            "revive",
            "raise",
            "higher",
            "more",
        ],
        &[
            "slow",
            "decelerate",
            "delay",
            "stall",
            "hinder",
            "hamper",
            "impede",
            "stifle",
            "dampen",
            "suppress",
            "thwart",
            "choke",
            "curtail",
            "undercut",
            "decrease",
            "fall",
            "decline",
            "drop",
            "shrink",
            "plunge",
            "slump",
            "contract",
            "reduce",
            "lower",
            "less",
            "fewer",
            "narrow",
            "lose",
            "loss",
            "cut",
            "weaken",
            "undermine",
            "erode",
            "deter",
            "discourage",
            "halt",
            "stop",
        ],
    ),
    (
        &["tighten", "harden", "impose", "introduce", "extend"],
        &[
            "loosen", "ease", "soften", "relax", "remove", "repeal", "scrap", "withdraw",
        ],
    ),
    (
        &["succeed", "success", "effective"],
        &["fail", "failure", "backfire", "ineffective"],
    ),
];

/// Largest number of direction groups a bit mask of `u32` can hold (two bits per group).
const _: () = assert!(DIRECTION_GROUPS.len() <= 16);

/// Every directional word: the word, its group, and whether it pushes up.
pub(crate) fn direction_words() -> impl Iterator<Item = (&'static str, usize, bool)> {
    DIRECTION_GROUPS
        .iter()
        .enumerate()
        .flat_map(|(group, (up, down))| {
            let up = up.iter().map(move |word| (*word, group, true));
            let down = down.iter().map(move |word| (*word, group, false));
            up.chain(down)
        })
}

/// Whether a word is an English stop word (expects lower case).
pub(crate) fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// Folds typographic variants to plain ASCII forms: curly apostrophes and quotes, the many dashes,
/// ligatures and the non-breaking hyphen. Case is lowered at the same time.
pub(crate) fn fold_typography(text: &str) -> Cow<'_, str> {
    let plain = text
        .bytes()
        .all(|byte| byte.is_ascii() && !byte.is_ascii_uppercase());
    if plain {
        return Cow::Borrowed(text);
    }
    let mut folded = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '`' => {
                folded.push('\'');
            }
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => {
                folded.push('"');
            }
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
            | '\u{2212}' => folded.push('-'),
            '\u{00A0}' | '\u{2007}' | '\u{202F}' => folded.push(' '),
            '\u{FB00}' => folded.push_str("ff"),
            '\u{FB01}' => folded.push_str("fi"),
            '\u{FB02}' => folded.push_str("fl"),
            '\u{FB03}' => folded.push_str("ffi"),
            '\u{FB04}' => folded.push_str("ffl"),
            other => folded.extend(other.to_lowercase()),
        }
    }
    Cow::Owned(folded)
}

/// Normalises a name (actor, region or tag) for comparison: typography and case folded, dots
/// dropped (`U.S.` equals `US`), inner whitespace collapsed to one space, ends trimmed.
pub(crate) fn normalise_name(name: &str) -> String {
    let folded = fold_typography(name);
    let mut normalised = String::with_capacity(folded.len());
    for part in folded.split_whitespace() {
        if !normalised.is_empty() {
            normalised.push(' ');
        }
        normalised.extend(part.chars().filter(|character| *character != '.'));
    }
    normalised
}

/// Abbreviations joined by an ampersand, which word segmentation would cut into lone letters.
const AMPERSAND_ABBREVIATIONS: &[(&str, &str)] = &[
    ("r&d", "research and development"),
    ("m&a", "mergers and acquisitions"),
];

/// Spells out `R&D` and `M&A` so that they survive word segmentation.
pub(crate) fn expand_abbreviations(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut expanded = text.to_owned();
    for (short, long) in AMPERSAND_ABBREVIATIONS {
        let mut from = 0;
        while let Some(found) = expanded
            .get(from..)
            .and_then(|rest| rest.to_ascii_lowercase().find(short))
        {
            let start = from + found;
            expanded.replace_range(start..start + short.len(), long);
            from = start + long.len();
        }
    }
    Cow::Owned(expanded)
}

/// Splits a thesis into Unicode words (UAX #29), keeping their original case.
pub(crate) fn thesis_words(thesis: &str) -> impl Iterator<Item = &str> {
    thesis.unicode_words()
}

/// The normalised key of a raw word: folded, lower case, possessive and dots removed.
/// Returns `None` for words that carry no content (stop words, lone letters).
///
/// Acronyms written in capitals (`US`, `U.S.`, `IT`) are kept even when their lower-case form is a
/// stop word: `US` the country is not `us` the pronoun.
pub(crate) fn content_key(raw: &str) -> Option<String> {
    // A possessive does not stop a word being an acronym (`MOFCOM's` is `MOFCOM`).
    let bare = ["'s", "’s", "'", "’"]
        .iter()
        .find_map(|suffix| raw.strip_suffix(suffix))
        .unwrap_or(raw);
    let is_acronym = bare.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && bare
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c.is_ascii_digit());
    let folded = fold_typography(raw);
    let mut key: String = folded.chars().filter(|c| *c != '.').collect();
    for suffix in ["'s", "'"] {
        if key.len() > suffix.len() && key.ends_with(suffix) {
            key.truncate(key.len() - suffix.len());
            break;
        }
    }
    if key.is_empty() {
        return None;
    }
    if is_acronym {
        // Marked so that the stemmer leaves it alone and it cannot collide with a common word.
        key.insert(0, '^');
        return Some(key);
    }
    if is_stop_word(&key) || (key.chars().count() == 1 && !key.chars().all(|c| c.is_numeric())) {
        return None;
    }
    Some(key)
}

/// Light stemming (Snowball English) so that `controls`, `controlled` and `controlling` meet.
pub(crate) struct WordStemmer {
    stemmer: Stemmer,
    direction: Vec<(String, u32)>,
}

impl std::fmt::Debug for WordStemmer {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("WordStemmer")
            .field("algorithm", &"snowball-english")
            .finish()
    }
}

impl Default for WordStemmer {
    fn default() -> Self {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut direction = Vec::new();
        for (group, (up, down)) in DIRECTION_GROUPS.iter().enumerate() {
            let group = u32::try_from(group).unwrap_or(15);
            for word in up.iter() {
                direction.push((stemmer.stem(word).into_owned(), 1 << (2 * group)));
            }
            for word in down.iter() {
                direction.push((stemmer.stem(word).into_owned(), 1 << (2 * group + 1)));
            }
        }
        direction.sort();
        direction.dedup_by(|a, b| a.0 == b.0);
        Self { stemmer, direction }
    }
}

impl WordStemmer {
    /// The stem of a content key produced by [`content_key`].
    pub(crate) fn stem(&self, key: &str) -> String {
        if key.starts_with('^') || key.chars().any(|c| c.is_ascii_digit()) {
            return key.to_owned();
        }
        self.stemmer.stem(key).into_owned()
    }

    /// The direction bits of a stem: bit `2g` if it pushes group `g` up, `2g + 1` if down.
    pub(crate) fn direction_bits(&self, stem: &str) -> u32 {
        match self
            .direction
            .binary_search_by(|(entry, _)| entry.as_str().cmp(stem))
        {
            Ok(position) => self.direction.get(position).map_or(0, |(_, bits)| *bits),
            Err(_) => 0,
        }
    }
}

/// Whether two direction masks make opposite claims: in some group one side only goes up while
/// the other only goes down.
pub(crate) fn directions_conflict(left: u32, right: u32) -> bool {
    const UP: u32 = 0x5555_5555;
    let left_up_only = left & UP & !(left >> 1);
    let left_down_only = (left >> 1) & UP & !left;
    let right_up_only = right & UP & !(right >> 1);
    let right_down_only = (right >> 1) & UP & !right;
    (left_up_only & right_down_only) != 0 || (left_down_only & right_up_only) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn folds_curly_apostrophes_dashes_and_case() {
        assert_eq!(
            fold_typography("China’s “AI” — Self‑Sufficiency"),
            "china's \"ai\" - self-sufficiency"
        );
        assert_eq!(fold_typography("plain"), "plain");
    }

    #[test]
    fn keeps_capital_acronyms_that_look_like_stop_words() {
        assert_eq!(content_key("US").as_deref(), Some("^us"));
        assert_eq!(content_key("U.S").as_deref(), Some("^us"));
        assert_eq!(content_key("us"), None);
        assert_eq!(content_key("The"), None);
        assert_eq!(content_key("China’s").as_deref(), Some("china"));
    }

    #[test]
    fn stems_inflections_together() {
        let stemmer = WordStemmer::default();
        assert_eq!(stemmer.stem("controls"), stemmer.stem("controlled"));
        assert_eq!(stemmer.stem("accelerating"), stemmer.stem("accelerates"));
        assert_eq!(stemmer.stem("^us"), "^us");
    }

    #[test]
    fn opposite_directions_conflict_and_mixed_ones_do_not() {
        let stemmer = WordStemmer::default();
        let up = stemmer.direction_bits(&stemmer.stem("accelerates"));
        let down = stemmer.direction_bits(&stemmer.stem("slows"));
        assert_ne!(up, 0);
        assert!(directions_conflict(up, down));
        assert!(!directions_conflict(up, up));
        assert!(!directions_conflict(up | down, down));
        assert!(!directions_conflict(0, down));
    }

    #[test]
    fn normalises_names() {
        assert_eq!(
            normalise_name("  U.S.  Commerce\u{a0}Dept "),
            "us commerce dept"
        );
        assert_eq!(normalise_name("OpenAI"), "openai");
    }
}
