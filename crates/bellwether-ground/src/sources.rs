//! Source articles prepared once for checking many passages.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::OnceLock;

use crate::error::{GroundError, MAX_SOURCE_BYTES, MAX_SOURCES};
use crate::fold::{Folded, find_word_bounded};
use crate::quantity::{Found, find_all};

/// How far into a source its headline, byline or dateline reach, in bytes: a speaker named
/// there is the author of the whole text (a speech, an interview, an op-ed).
const OPENING_BYTES: usize = 300;

/// One source, folded and indexed.
#[derive(Debug, Clone)]
pub(crate) struct Doc {
    original: String,
    pub(crate) folded: Folded,
    pub(crate) readings: Vec<Found>,
    /// Each folded word's first occurrence.
    words: WordIndex,
    /// Multi-word names by their lower-cased initials (`sia` → `Semiconductor Industry
    /// Association`), built the first time a passage writes an initialism.
    expansions: OnceLock<HashMap<String, Range<usize>>>,
}

impl Doc {
    /// The original text of an original byte range (empty if out of range).
    pub(crate) fn original_text(&self, range: Range<usize>) -> &str {
        self.original.get(range).unwrap_or_default()
    }

    /// The original byte range of a folded range.
    pub(crate) fn original(&self, (start, end): (usize, usize)) -> Range<usize> {
        self.folded.original_range(start, end)
    }

    /// The first word-bounded occurrence of a folded phrase.
    pub(crate) fn find(&self, folded_phrase: &str) -> Option<(usize, usize)> {
        if !folded_phrase.contains(|c: char| !c.is_alphanumeric()) {
            return self.words.first(self.folded.text(), folded_phrase);
        }
        find_word_bounded(self.folded.text(), folded_phrase)
    }

    /// The first multi-word name whose capitalised words' initials spell `initials` (folded,
    /// lower case), as an original byte range: how a passage's `SIA` is found in a source that
    /// writes only `Semiconductor Industry Association`.
    ///
    /// Cost: the first call reads the source's words once (O(length)); later calls are one
    /// lookup.
    pub(crate) fn expansion(&self, initials: &str) -> Option<Range<usize>> {
        self.expansions
            .get_or_init(|| name_initials(&self.original))
            .get(initials)
            .cloned()
    }

    /// Whether a folded position lies in the opening lines.
    pub(crate) fn in_opening(&self, folded_at: usize) -> bool {
        self.folded.original_range(folded_at, folded_at + 1).start < OPENING_BYTES
    }
}

/// The texts of a passage's source articles, folded and indexed once.
///
/// ```
/// use bellwether_ground::Sources;
///
/// let sources = Sources::new(&["Lenders will fund two plants for \u{0024}2.1\u{00A0}billion."])?;
/// assert_eq!(sources.len(), 1);
/// # Ok::<(), bellwether_ground::GroundError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Sources {
    pub(crate) docs: Vec<Doc>,
}

impl Sources {
    /// Folds and indexes the texts. O(total length).
    ///
    /// # Errors
    ///
    /// [`GroundError::TooManySources`] for more than [`MAX_SOURCES`] texts and
    /// [`GroundError::SourceTooLong`] for a text over [`MAX_SOURCE_BYTES`].
    pub fn new<S: AsRef<str>>(texts: &[S]) -> Result<Self, GroundError> {
        if texts.len() > MAX_SOURCES {
            return Err(GroundError::TooManySources {
                count: texts.len(),
                max: MAX_SOURCES,
            });
        }
        if let Some((index, text)) = texts
            .iter()
            .enumerate()
            .find(|(_, t)| t.as_ref().len() > MAX_SOURCE_BYTES)
        {
            return Err(GroundError::SourceTooLong {
                index,
                len: text.as_ref().len(),
                max: MAX_SOURCE_BYTES,
            });
        }
        let docs = texts
            .iter()
            .map(|text| {
                let text = text.as_ref();
                let folded = Folded::new(text);
                let readings = find_all(folded.text());
                let words = WordIndex::new(folded.text());
                Doc {
                    original: text.to_owned(),
                    folded,
                    readings,
                    words,
                    expansions: OnceLock::new(),
                }
            })
            .collect();
        Ok(Self { docs })
    }

    /// How many sources there are.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether some source writes the folded word starting with a lower-case letter: a common
    /// word, not a name.
    pub(crate) fn writes_in_lower_case(&self, folded_word: &str) -> bool {
        self.docs.iter().any(|doc| {
            doc.words.first(doc.folded.text(), folded_word).is_some()
                && crate::check::mentions(doc, folded_word)
                    .into_iter()
                    .any(|range| {
                        let span = doc.original(range);
                        doc.original_text(span)
                            .chars()
                            .next()
                            .is_some_and(char::is_lowercase)
                    })
        })
    }

    /// Whether there are none (every claim is then unsupported).
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}

/// Every name of two or more capitalised words (connectors such as `of` skipped) by its
/// lower-cased initials; the first such name wins.
fn name_initials(original: &str) -> HashMap<String, Range<usize>> {
    let words = crate::entity::words(original);
    let mut out = HashMap::new();
    for span in crate::entity::name_spans(&words) {
        let mut name = &words[span.first..span.end];
        // `The Semiconductor Industry Association` at a sentence start is `SIA`.
        while let [first, rest @ ..] = name
            && crate::lexicon::is_stop_word(&first.text.to_lowercase())
        {
            name = rest;
        }
        let capitalised: Vec<_> = name.iter().filter(|w| w.is_capitalised()).collect();
        if capitalised.len() < 2 {
            continue;
        }
        let initials: String = capitalised
            .iter()
            .filter_map(|w| w.text.chars().next())
            .flat_map(char::to_lowercase)
            .collect();
        if let (Some(first), Some(last)) = (name.first(), name.last()) {
            out.entry(initials).or_insert(first.start..last.end);
        }
    }
    out
}

/// FNV-1a: the word index hashes thousands of short words per article, where SipHash's
/// resistance to chosen keys buys nothing (a source only slows its own check).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Each folded word's first occurrence, keyed by the word's hash so that indexing a text
/// allocates nothing per word; a lookup checks the text at the stored range, and a word whose
/// hash another word took first is found by a search instead.
#[derive(Debug, Clone)]
struct WordIndex {
    first: HashMap<u64, (u32, u32), BuildHasherDefault<Identity>>,
}

impl WordIndex {
    /// Indexes the words (runs of letters and digits) of a folded text of at most `u32::MAX`
    /// bytes.
    fn new(folded: &str) -> Self {
        let mut first: HashMap<u64, (u32, u32), BuildHasherDefault<Identity>> =
            HashMap::with_capacity_and_hasher(folded.len() / 16, BuildHasherDefault::default());
        let bytes = folded.as_bytes();
        let mut at = 0;
        let mut start = None;
        let mut hash = Fnv::default();
        while at <= bytes.len() {
            let (word_char, len) = match bytes.get(at) {
                None => (false, 1),
                Some(b) if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
                Some(_) => folded[at..]
                    .chars()
                    .next()
                    .map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8())),
            };
            match (word_char, start) {
                (true, None) => {
                    start = Some(at);
                    hash = Fnv::default();
                    hash.write(&bytes[at..at + len]);
                }
                (true, Some(_)) => hash.write(&bytes[at..at + len]),
                (false, Some(s)) => {
                    first.entry(hash.finish()).or_insert((s as u32, at as u32));
                    start = None;
                }
                (false, None) => {}
            }
            at += len;
        }
        Self { first }
    }

    /// Where the folded word first occurs in `folded` (the text indexed).
    fn first(&self, folded: &str, word: &str) -> Option<(usize, usize)> {
        let mut hash = Fnv::default();
        hash.write(word.as_bytes());
        let &(start, end) = self.first.get(&hash.finish())?;
        let (start, end) = (start as usize, end as usize);
        if folded.get(start..end) == Some(word) {
            Some((start, end))
        } else {
            // Another word has this hash: rare, and still answered right.
            find_word_bounded(folded, word)
        }
    }
}

/// The word index's keys are already FNV hashes.
#[derive(Debug, Clone, Copy, Default)]
struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Adds every word that `text` writes starting with a lower-case letter.
pub(crate) fn collect_lower_case(text: &str, into: &mut HashSet<String>) {
    let mut start = None;
    for (at, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let word_char = c.is_alphanumeric() || c == '\u{00AD}';
        match (word_char, start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                let word = &text[s..at];
                if word.chars().next().is_some_and(char::is_lowercase) {
                    into.insert(word.replace('\u{00AD}', "").to_lowercase());
                }
                start = None;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn hash(word: &str) -> u64 {
        let mut h = Fnv::default();
        h.write(word.as_bytes());
        h.finish()
    }

    proptest! {
        /// The index answers every word with its first word-bounded occurrence, as a search of
        /// the text would, and answers a non-word with nothing.
        #[test]
        fn the_index_finds_each_words_first_occurrence(
            words in prop::collection::vec(prop::sample::select(vec![
                "plant", "plants", "two", "2026", "\u{00e9}t\u{00e9}", "us", "a", "\u{4e2d}", "x1",
            ]), 1..30),
            separators in prop::collection::vec(prop::sample::select(vec![" ", ", ", "-", "'", ". "]), 30),
        ) {
            let text: String = words
                .iter()
                .zip(&separators)
                .map(|(w, s)| format!("{w}{s}"))
                .collect();
            let index = WordIndex::new(&text);
            for word in &words {
                prop_assert_eq!(index.first(&text, word), find_word_bounded(&text, word));
            }
            prop_assert_eq!(index.first(&text, "absent"), None);
        }
    }

    #[test]
    fn a_word_whose_hash_another_took_is_still_found() {
        let text = "two plants and two more plants";
        let mut index = WordIndex::new(text);
        // Pretend `plants` collided with `and`: its slot holds the range of `and`.
        index.first.insert(hash("plants"), (11, 14));
        assert_eq!(index.first(text, "plants"), Some((4, 10)));
        assert_eq!(index.first(text, "and"), Some((11, 14)));
    }
}
