//! Source articles prepared once for checking many passages.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::OnceLock;

use crate::error::{GroundError, MAX_SOURCE_BYTES, MAX_SOURCES};
use crate::fold::{Folded, find_word_bounded};
use crate::quantity::{Found, Reading, find_all};

/// How far into a source its headline, byline or dateline reach, in bytes: a speaker named
/// there is the author of the whole text (a speech, an interview, an op-ed).
const OPENING_BYTES: usize = 300;

/// From this size on, a source keeps every word's positions once a phrase is looked up in it:
/// a search of a smaller one costs about as much as a lookup.
const POSTINGS_FROM_BYTES: usize = 64 * 1024;

/// One source, folded and indexed.
#[derive(Debug, Clone)]
pub(crate) struct Doc {
    original: String,
    pub(crate) folded: Folded,
    pub(crate) readings: Vec<Found>,
    /// The readings looked up by value, by year and by counted word.
    pub(crate) reading_index: ReadingIndex,
    /// Each folded word's first occurrence.
    words: WordIndex,
    /// Every word's starts, for a source over [`POSTINGS_FROM_BYTES`]; built on first need.
    postings: OnceLock<Postings>,
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
        self.mentions(folded_phrase, 1).first().copied()
    }

    /// The first `limit` word-bounded occurrences of a folded phrase, in text order.
    ///
    /// Cost: one lookup per word of the phrase when one of them is not in the source (a
    /// fabricated name costs nothing more); otherwise a pass over a source of up to
    /// [`POSTINGS_FROM_BYTES`], or, over a larger one, a check at each occurrence of the
    /// phrase's rarest word — so a passage of many claims costs its claims, not claims × the
    /// source's length.
    pub(crate) fn mentions(&self, folded_phrase: &str, limit: usize) -> Vec<(usize, usize)> {
        let hay = self.folded.text();
        let words: Vec<(usize, usize, u64)> = words_of(folded_phrase).collect();
        let counts: Vec<u32> = words
            .iter()
            .map(|&(s, e, _)| self.words.count(&folded_phrase[s..e]))
            .collect();
        if counts.contains(&0) {
            return Vec::new();
        }
        let rarest = counts
            .iter()
            .enumerate()
            .min_by_key(|&(_, c)| *c)
            .and_then(|(i, _)| words.get(i));
        let bounded = |s: usize| {
            let e = s + folded_phrase.len();
            (hay.get(s..e) == Some(folded_phrase)
                && crate::fold::boundary_before(hay, s)
                && crate::fold::boundary_after(hay, e))
            .then_some((s, e))
        };
        match rarest {
            Some(&(offset, _, hash)) if hay.len() > POSTINGS_FROM_BYTES => self
                .postings
                .get_or_init(|| Postings::new(hay))
                .starts
                .get(&hash)
                .into_iter()
                .flatten()
                .filter_map(|&at| (at as usize).checked_sub(offset))
                .filter_map(bounded)
                .take(limit)
                .collect(),
            _ => {
                if folded_phrase.is_empty() {
                    return Vec::new();
                }
                memchr::memmem::find_iter(hay.as_bytes(), folded_phrase.as_bytes())
                    .filter_map(bounded)
                    .take(limit)
                    .collect()
            }
        }
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
                let reading_index = ReadingIndex::new(&readings);
                let words = WordIndex::new(folded.text());
                Doc {
                    original: text.to_owned(),
                    folded,
                    readings,
                    reading_index,
                    words,
                    postings: OnceLock::new(),
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
                && doc.mentions(folded_word, 64).into_iter().any(|range| {
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

/// A source's readings by what a claim looks them up by, so that a claim costs the readings
/// that could match it rather than all of them. Each list holds positions in the readings.
#[derive(Debug, Clone, Default)]
pub(crate) struct ReadingIndex {
    /// Quantities sorted by value (ties in text order).
    by_value: Vec<(f64, u32)>,
    /// Dates with a year, sorted by year (ties in text order).
    by_year: Vec<(i32, u32)>,
    /// Quantities by each word they count, in text order.
    by_counted: HashMap<String, Vec<u32>>,
}

impl ReadingIndex {
    fn new(readings: &[Found]) -> Self {
        let mut index = Self::default();
        for (at, found) in readings.iter().enumerate() {
            let at = at as u32;
            match &found.what {
                Reading::Quantity(q) => {
                    index.by_value.push((q.value, at));
                    for word in &found.following {
                        index.by_counted.entry(word.clone()).or_default().push(at);
                    }
                }
                Reading::Date(d) => {
                    if let Some(year) = d.year {
                        index.by_year.push((year, at));
                    }
                }
            }
        }
        index
            .by_value
            .sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        index.by_year.sort_unstable();
        index
    }

    /// Positions of quantities whose value lies in `low..=high`, in no particular order.
    pub(crate) fn valued(&self, low: f64, high: f64) -> impl Iterator<Item = usize> + '_ {
        let from = self.by_value.partition_point(|(v, _)| *v < low);
        self.by_value[from..]
            .iter()
            .take_while(move |(v, _)| *v <= high)
            .map(|&(_, at)| at as usize)
    }

    /// Positions of dates in `year`, in text order.
    pub(crate) fn dated(&self, year: i32) -> impl Iterator<Item = usize> + '_ {
        let from = self.by_year.partition_point(|(y, _)| *y < year);
        self.by_year[from..]
            .iter()
            .take_while(move |(y, _)| *y == year)
            .map(|&(_, at)| at as usize)
    }

    /// Positions of quantities that count `word`, in text order.
    pub(crate) fn counting(&self, word: &str) -> &[u32] {
        self.by_counted.get(word).map_or(&[], Vec::as_slice)
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

/// The words (runs of letters and digits) of a folded text: each one's range and FNV hash.
fn words_of(folded: &str) -> impl Iterator<Item = (usize, usize, u64)> + '_ {
    let bytes = folded.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
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
            let here = at;
            at += len;
            match (word_char, start) {
                (true, None) => {
                    start = Some(here);
                    hash.write(&bytes[here..here + len]);
                }
                (true, Some(_)) => hash.write(&bytes[here..here + len]),
                (false, Some(s)) => return Some((s, here, hash.finish())),
                (false, None) => {}
            }
        }
        None
    })
}

/// The FNV hash of one folded word, as [`words_of`] computes it.
fn word_hash(word: &str) -> u64 {
    let mut hash = Fnv::default();
    hash.write(word.as_bytes());
    hash.finish()
}

/// Each folded word's first occurrence and count, keyed by the word's hash so that indexing a
/// text allocates nothing per word; a lookup checks the text at the stored range, and a word
/// whose hash another word took first is found by a search instead.
#[derive(Debug, Clone)]
struct WordIndex {
    first: HashMap<u64, Entry, BuildHasherDefault<Identity>>,
}

/// A word's first range and how many times its hash occurs.
#[derive(Debug, Clone, Copy)]
struct Entry {
    start: u32,
    end: u32,
    count: u32,
}

impl WordIndex {
    /// Indexes the words of a folded text of at most `u32::MAX` bytes.
    fn new(folded: &str) -> Self {
        let mut first: HashMap<u64, Entry, BuildHasherDefault<Identity>> =
            HashMap::with_capacity_and_hasher(folded.len() / 16, BuildHasherDefault::default());
        for (start, end, hash) in words_of(folded) {
            first
                .entry(hash)
                .and_modify(|e| e.count = e.count.saturating_add(1))
                .or_insert(Entry {
                    start: start as u32,
                    end: end as u32,
                    count: 1,
                });
        }
        Self { first }
    }

    /// Where the folded word first occurs in `folded` (the text indexed).
    fn first(&self, folded: &str, word: &str) -> Option<(usize, usize)> {
        let entry = self.first.get(&word_hash(word))?;
        let (start, end) = (entry.start as usize, entry.end as usize);
        if folded.get(start..end) == Some(word) {
            Some((start, end))
        } else {
            // Another word has this hash: rare, and still answered right.
            find_word_bounded(folded, word)
        }
    }

    /// How many times words with this word's hash occur: 0 when the word is not in the text,
    /// at least its true count otherwise.
    fn count(&self, word: &str) -> u32 {
        self.first.get(&word_hash(word)).map_or(0, |e| e.count)
    }
}

/// Where every word starts, by the word's hash: built for a large source the first time a
/// phrase is looked up in it, so that a phrase costs the occurrences of its rarest word rather
/// than a pass over the text.
#[derive(Debug, Clone, Default)]
struct Postings {
    starts: HashMap<u64, Vec<u32>, BuildHasherDefault<Identity>>,
}

impl Postings {
    fn new(folded: &str) -> Self {
        let mut starts: HashMap<u64, Vec<u32>, BuildHasherDefault<Identity>> =
            HashMap::with_hasher(BuildHasherDefault::default());
        for (start, _, hash) in words_of(folded) {
            starts.entry(hash).or_default().push(start as u32);
        }
        Self { starts }
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
        word_hash(word)
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

    /// Every word-bounded occurrence by a plain search: the oracle of `Doc::mentions`.
    fn searched(hay: &str, phrase: &str, limit: usize) -> Vec<(usize, usize)> {
        memchr::memmem::find_iter(hay.as_bytes(), phrase.as_bytes())
            .map(|s| (s, s + phrase.len()))
            .filter(|&(s, e)| {
                hay.is_char_boundary(s)
                    && hay.is_char_boundary(e)
                    && crate::fold::boundary_before(hay, s)
                    && crate::fold::boundary_after(hay, e)
            })
            .take(limit)
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// A phrase's mentions are those a search of the whole text finds, in a small source
        /// (searched) and in a large one (through the rarest word's positions).
        #[test]
        fn mentions_are_what_a_search_finds(
            words in prop::collection::vec(prop::sample::select(vec![
                "two", "plants", "kanto", "magnet", "works", "2026", "\u{e9}t\u{e9}", "a", "us",
            ]), 1..40),
            separators in prop::collection::vec(prop::sample::select(vec![" ", ", ", "-", ". "]), 40),
            phrase in prop::collection::vec(prop::sample::select(vec![
                "two", "plants", "kanto", "magnet", "works", "2026", "absent",
            ]), 1..4),
            padded in any::<bool>(),
        ) {
            let mut text: String = words
                .iter()
                .zip(&separators)
                .map(|(w, s)| format!("{w}{s}"))
                .collect();
            if padded {
                let unit = text.clone() + "filler text ";
                while text.len() <= POSTINGS_FROM_BYTES {
                    text.push_str(&unit);
                }
            }
            let sources = Sources::new(&[text.as_str()]).unwrap();
            let doc = &sources.docs[0];
            let hay = doc.folded.text();
            for phrase in [phrase.join(" "), phrase.join("-")] {
                for limit in [1, 64] {
                    prop_assert_eq!(doc.mentions(&phrase, limit), searched(hay, &phrase, limit));
                }
                prop_assert_eq!(doc.find(&phrase), searched(hay, &phrase, 1).first().copied());
            }
        }
    }

    #[test]
    fn a_word_whose_hash_another_took_is_still_found() {
        let text = "two plants and two more plants";
        let mut index = WordIndex::new(text);
        // Pretend `plants` collided with `and`: its slot holds the range of `and`.
        index.first.insert(
            hash("plants"),
            Entry {
                start: 11,
                end: 14,
                count: 2,
            },
        );
        assert_eq!(index.first(text, "plants"), Some((4, 10)));
        assert_eq!(index.first(text, "and"), Some((11, 14)));
    }
}
