//! Turning [`ExtractionFeatures`] into compact profiles of interned term and name identifiers.

use rustc_hash::FxHashMap;

use crate::cluster_error::excerpt;
use crate::text_words::for_each_word;
use crate::words::gazetteer::{CODES_IN_PROSE, PLACES, bloc_of};
use crate::words::lexicon::{CONCEPTS, DIRECTION_PHRASES, HEDGES};
use crate::words::{
    WordStemmer, content_key, direction_words, expand_abbreviations, normalise_name, thesis_words,
};
use crate::{ClusterError, ExtractionFeatures};

/// An extraction reduced to what similarity needs: sorted, deduplicated identifiers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Profile {
    /// Stemmed content words of the thesis, with lexicon phrases folded into concepts.
    pub(crate) terms: Box<[u32]>,
    /// Normalised actor names.
    pub(crate) actors: Box<[u32]>,
    /// Places: the region list and the places the thesis names, folded to codes.
    pub(crate) regions: Box<[u32]>,
    /// For each place in `regions`, the bloc it belongs to (`NO_BLOC` if none).
    pub(crate) region_blocs: Box<[u32]>,
    /// Normalised tags.
    pub(crate) tags: Box<[u32]>,
    /// The actors the thesis itself names (its subjects), a subset of `actors`.
    pub(crate) subjects: Box<[u32]>,
    /// Lexicon concepts with a role, as `(role, concept term)`, sorted.
    pub(crate) roles: Box<[(u8, u32)]>,
    /// Direction bits of the thesis (see `words::directions_conflict`).
    pub(crate) direction: u32,
}

/// Marks a place without a bloc.
pub(crate) const NO_BLOC: u32 = u32::MAX;

/// The concept of phrases that are dropped (hedges).
const DROPPED: u32 = u32::MAX;

/// A lexicon phrase after its first term: the remaining terms and the concept it folds into.
type Phrase = (Box<[u32]>, Concept);

/// What a lexicon phrase folds into.
#[derive(Debug, Clone, Copy)]
struct Concept {
    term: u32,
}

/// Interns words and names; caches the stem of every distinct surface word so that stemming
/// runs once per vocabulary entry rather than once per occurrence, and folds lexicon phrases,
/// place names and directional words into concept terms.
#[derive(Debug)]
pub(crate) struct Analyzer {
    stemmer: WordStemmer,
    /// Surface word as written → term, `None` for words without content.
    surface: FxHashMap<Box<str>, Option<u32>>,
    stems: FxHashMap<Box<str>, u32>,
    term_direction: Vec<u32>,
    /// Per term: role of its concept plus one (0 for plain words).
    term_role: Vec<u8>,
    /// Per term: the place it names (`u32::MAX` for none).
    term_place: Vec<u32>,
    /// Phrases by first term: the remaining terms and the concept, longest first.
    phrases: FxHashMap<u32, Vec<Phrase>>,
    /// Normalised place name → code.
    place_codes: FxHashMap<String, &'static str>,
    /// Per region identifier, its bloc's identifier (`NO_BLOC` for none).
    region_bloc: Vec<u32>,
    actors: NameTable,
    /// Per actor, the term sequences it is written with (see `intern_actor`).
    actor_terms: FxHashMap<u32, Vec<Box<[u32]>>>,
    regions: NameTable,
    tags: NameTable,
    tokens: Vec<u32>,
    /// Reused while a profile is built.
    buffer: Vec<u32>,
}

#[derive(Debug, Default)]
struct NameTable {
    raw: FxHashMap<Box<str>, Option<u32>>,
    normalised: FxHashMap<String, u32>,
}

impl NameTable {
    fn intern_normalised(&mut self, normalised: String) -> (u32, bool) {
        let next = u32::try_from(self.normalised.len()).unwrap_or(u32::MAX);
        let id = *self.normalised.entry(normalised).or_insert(next);
        (id, id == next)
    }
}

impl Default for Analyzer {
    fn default() -> Self {
        let mut analyzer = Self {
            stemmer: WordStemmer::default(),
            surface: FxHashMap::default(),
            stems: FxHashMap::default(),
            term_direction: Vec::new(),
            term_role: Vec::new(),
            term_place: Vec::new(),
            phrases: FxHashMap::default(),
            place_codes: FxHashMap::default(),
            region_bloc: Vec::new(),
            actors: NameTable::default(),
            actor_terms: FxHashMap::default(),
            regions: NameTable::default(),
            tags: NameTable::default(),
            tokens: Vec::new(),
            buffer: Vec::new(),
        };
        analyzer.load_lexicon();
        analyzer
    }
}

impl Analyzer {
    /// Interns concept terms and the phrases that fold into them.
    fn load_lexicon(&mut self) {
        for (role, name, phrases) in CONCEPTS {
            let term = self.concept_term(&format!("\u{1}{name}"));
            if let Some(slot) = self.term_role.get_mut(term as usize) {
                *slot = *role as u8 + 1;
            }
            for phrase in *phrases {
                self.add_phrase(phrase, Concept { term });
            }
        }
        for (code, names) in PLACES {
            let term = self.concept_term(&format!("\u{2}{code}"));
            let region = self.region_id(code);
            if let Some(slot) = self.term_place.get_mut(term as usize) {
                *slot = region;
            }
            for (position, name) in names.iter().enumerate() {
                self.place_codes.insert(normalise_name(name), code);
                // The first name is the code: in prose only a few codes are words.
                if position > 0 || CODES_IN_PROSE.contains(code) {
                    self.add_phrase(name, Concept { term });
                }
            }
        }
        let mut direction_terms = Vec::new();
        for group in 0..16u32 {
            for up in [true, false] {
                let term = self.concept_term(&format!("\u{3}{group}{up}"));
                let bits = 1 << (2 * group + u32::from(!up));
                if let Some(slot) = self.term_direction.get_mut(term as usize) {
                    *slot = bits;
                }
                direction_terms.push(term);
            }
        }
        let direction_term = |group: usize, up: bool| {
            direction_terms
                .get(2 * group + usize::from(!up))
                .copied()
                .unwrap_or(0)
        };
        for (word, group, up) in direction_words() {
            self.add_phrase(
                word,
                Concept {
                    term: direction_term(group, up),
                },
            );
        }
        for (group, up, phrase) in DIRECTION_PHRASES {
            self.add_phrase(
                phrase,
                Concept {
                    term: direction_term(*group, *up),
                },
            );
        }
        for hedge in HEDGES {
            self.add_phrase(hedge, Concept { term: DROPPED });
        }
        for list in self.phrases.values_mut() {
            list.sort_by_key(|phrase| std::cmp::Reverse(phrase.0.len()));
        }
    }

    fn new_term(&mut self, key: Box<str>, direction: u32) -> u32 {
        let term = u32::try_from(self.term_direction.len()).unwrap_or(u32::MAX);
        self.term_direction.push(direction);
        self.term_role.push(0);
        self.term_place.push(u32::MAX);
        self.stems.insert(key, term);
        term
    }

    fn concept_term(&mut self, key: &str) -> u32 {
        match self.stems.get(key) {
            Some(term) => *term,
            None => self.new_term(key.into(), 0),
        }
    }

    fn add_phrase(&mut self, phrase: &str, concept: Concept) {
        let mut forms = vec![phrase.to_owned()];
        let lower = phrase.to_lowercase();
        if lower != phrase {
            forms.push(lower);
        }
        for form in forms {
            let terms: Vec<u32> = thesis_words(&form)
                .filter_map(|word| self.intern_word(word))
                .collect();
            if let Some((first, rest)) = terms.split_first() {
                let list = self.phrases.entry(*first).or_default();
                if !list.iter().any(|(known, _)| known.as_ref() == rest) {
                    list.push((rest.into(), concept));
                }
            }
        }
    }

    fn intern_word(&mut self, raw: &str) -> Option<u32> {
        if let Some(known) = self.surface.get(raw) {
            return *known;
        }
        let term = content_key(raw).map(|key| {
            let stem = self.stemmer.stem(&key);
            match self.stems.get(stem.as_str()) {
                Some(term) => *term,
                None => {
                    let direction = self.stemmer.direction_bits(&stem);
                    self.new_term(stem.into_boxed_str(), direction)
                }
            }
        });
        self.surface.insert(raw.into(), term);
        term
    }

    /// The identifier of a region code, recording its bloc.
    fn region_id(&mut self, code: &str) -> u32 {
        let (id, new) = self.regions.intern_normalised(code.to_owned());
        if new {
            let bloc = bloc_of(code).map_or(NO_BLOC, |bloc| self.region_id(bloc));
            let index = id as usize;
            if self.region_bloc.len() <= index {
                self.region_bloc.resize(index + 1, NO_BLOC);
            }
            if let Some(slot) = self.region_bloc.get_mut(index) {
                *slot = bloc;
            }
        }
        id
    }

    fn intern_region(&mut self, name: &str) -> Option<u32> {
        if let Some(known) = self.regions.raw.get(name) {
            return *known;
        }
        let normalised = normalise_name(name);
        let id = if normalised.is_empty() {
            None
        } else {
            let code = self
                .place_codes
                .get(&normalised)
                .map_or(normalised.clone(), |code| (*code).to_owned());
            Some(self.region_id(&code))
        };
        self.regions.raw.insert(name.into(), id);
        id
    }

    /// Interns an actor name; the first time a spelling is seen, records the term sequences
    /// the actor is written with in a thesis: as listed and lower-cased (`MOFCOM` in the actor
    /// list is `Mofcom's` in a headline).
    fn intern_actor(&mut self, name: &str) -> Option<u32> {
        if let Some(known) = self.actors.raw.get(name) {
            return *known;
        }
        let id = Self::intern_name(&mut self.actors, name)?;
        for form in [name.to_owned(), name.to_lowercase()] {
            let words: Box<[u32]> = thesis_words(&form)
                .filter_map(|word| self.intern_word(word))
                .collect();
            let forms = self.actor_terms.entry(id).or_default();
            if !words.is_empty() && !forms.contains(&words) {
                forms.push(words);
            }
        }
        Some(id)
    }

    fn intern_name(table: &mut NameTable, name: &str) -> Option<u32> {
        if let Some(known) = table.raw.get(name) {
            return *known;
        }
        let normalised = normalise_name(name);
        let id = (!normalised.is_empty()).then(|| table.intern_normalised(normalised).0);
        table.raw.insert(name.into(), id);
        id
    }

    /// Whether a term is a plain word: no lexicon concept, place or direction.
    pub(crate) fn is_plain(&self, term: u32) -> bool {
        let index = term as usize;
        self.term_role.get(index).is_some_and(|role| *role == 0)
            && self
                .term_place
                .get(index)
                .is_some_and(|place| *place == u32::MAX)
            && self
                .term_direction
                .get(index)
                .is_some_and(|bits| *bits == 0)
    }

    /// The key of every term, by term: the stem of a word, `\u{1}name` for a lexicon concept.
    pub(crate) fn term_keys(&self) -> Vec<&str> {
        let mut keys = vec![""; self.term_role.len()];
        for (key, term) in &self.stems {
            if let Some(slot) = keys.get_mut(*term as usize) {
                *slot = key;
            }
        }
        keys
    }

    /// The term of a plain word's stem, if it has been seen.
    pub(crate) fn word_term(&self, stem: &str) -> Option<u32> {
        self.stems
            .get(stem)
            .copied()
            .filter(|term| self.is_plain(*term))
    }

    /// The term and role of a lexicon concept by name.
    pub(crate) fn concept(&self, name: &str) -> Option<(u8, u32)> {
        let term = *self.stems.get(format!("\u{1}{name}").as_str())?;
        let role = self
            .term_role
            .get(term as usize)
            .copied()
            .filter(|r| *r != 0)?;
        Some((role, term))
    }

    /// Checks an extraction and reduces it to a profile, interning new words and names.
    ///
    /// Rejects empty identifiers and theses without content words.
    pub(crate) fn profile(
        &mut self,
        features: &ExtractionFeatures,
    ) -> Result<Profile, ClusterError> {
        for (field, value) in [
            ("extraction_id", &features.extraction_id),
            ("article_id", &features.article_id),
        ] {
            if value.trim().is_empty() {
                return Err(ClusterError::EmptyIdentifier {
                    field,
                    extraction_id: features.extraction_id.clone(),
                });
            }
        }
        let mut tokens = std::mem::take(&mut self.tokens);
        tokens.clear();
        let thesis = expand_abbreviations(&features.thesis);
        // The same words as `thesis_words`, found without the full segmentation tables when
        // a stretch of the thesis is plain ASCII.
        for_each_word(&thesis, |word, _| {
            if let Some(term) = self.intern_word(word) {
                tokens.push(term);
            }
        });
        // Each field is gathered in a reused buffer and boxed at its exact size: one
        // allocation per non-empty field, none for an empty one.
        let mut buffer = std::mem::take(&mut self.buffer);
        self.fold(&tokens, &mut buffer);
        if buffer.is_empty() {
            self.tokens = tokens;
            self.buffer = buffer;
            return Err(ClusterError::EmptyThesis {
                extraction_id: features.extraction_id.clone(),
                thesis: excerpt(&features.thesis),
            });
        }
        let terms: Box<[u32]> = buffer.as_slice().into();
        buffer.clear();
        for name in &features.actors {
            if let Some(id) = self.intern_actor(name) {
                buffer.push(id);
            }
        }
        buffer.sort_unstable();
        buffer.dedup();
        let actors: Box<[u32]> = buffer.as_slice().into();
        // Actors are sorted and deduplicated, so their subjects are too.
        buffer.clear();
        for id in &actors {
            let named = self.actor_terms.get(id).is_some_and(|forms| {
                forms
                    .iter()
                    .any(|words| tokens.windows(words.len()).any(|window| window == &**words))
            });
            if named {
                buffer.push(*id);
            }
        }
        let subjects: Box<[u32]> = buffer.as_slice().into();
        self.tokens = tokens;
        buffer.clear();
        for name in &features.regions {
            if let Some(id) = self.intern_region(name) {
                buffer.push(id);
            }
        }
        let mut roles = Vec::new();
        let mut direction = 0;
        for term in &terms {
            let index = *term as usize;
            direction |= self.term_direction.get(index).copied().unwrap_or(0);
            if let Some(place) = self.term_place.get(index).filter(|p| **p != u32::MAX) {
                buffer.push(*place);
            }
            if let Some(role) = self.term_role.get(index).filter(|r| **r != 0) {
                roles.push((*role, *term));
            }
        }
        buffer.sort_unstable();
        buffer.dedup();
        let regions: Box<[u32]> = buffer.as_slice().into();
        roles.sort_unstable();
        let region_blocs: Box<[u32]> = regions
            .iter()
            .map(|id| {
                self.region_bloc
                    .get(*id as usize)
                    .copied()
                    .unwrap_or(NO_BLOC)
            })
            .collect();
        buffer.clear();
        for name in &features.tags {
            if let Some(id) = Self::intern_name(&mut self.tags, name) {
                buffer.push(id);
            }
        }
        buffer.sort_unstable();
        buffer.dedup();
        let tags: Box<[u32]> = buffer.as_slice().into();
        self.buffer = buffer;
        Ok(Profile {
            terms,
            actors,
            regions,
            region_blocs,
            tags,
            subjects,
            roles: roles.into_boxed_slice(),
            direction,
        })
    }

    /// Folds lexicon phrases (longest match first) into their concepts, into `terms`; sorted,
    /// deduplicated.
    fn fold(&self, tokens: &[u32], terms: &mut Vec<u32>) {
        terms.clear();
        let mut position = 0;
        while let Some((first, after)) = tokens.get(position..).and_then(<[u32]>::split_first) {
            let matched = self.phrases.get(first).and_then(|list| {
                list.iter()
                    .find(|(rest, _)| after.starts_with(rest))
                    .map(|(rest, concept)| (rest.len(), concept.term))
            });
            match matched {
                Some((length, term)) => {
                    if term != DROPPED {
                        terms.push(term);
                    }
                    position += 1 + length;
                }
                None => {
                    terms.push(*first);
                    position += 1;
                }
            }
        }
        terms.sort_unstable();
        terms.dedup();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paraphrase_inflections_share_terms() {
        let mut analyzer = Analyzer::default();
        let left = analyzer
            .profile(&ExtractionFeatures::new(
                "1",
                "a",
                "U.S. export controls are accelerating China’s chip industry",
            ))
            .unwrap();
        let right = analyzer
            .profile(&ExtractionFeatures::new(
                "2",
                "b",
                "US export control accelerates the Chinese chips industry",
            ))
            .unwrap();
        assert_eq!(
            left.terms, right.terms,
            "US, export controls, accelerating, China/Chinese and chip industry fold to the same concepts"
        );
        assert_eq!(left.terms.len(), 5);
        assert!(left.direction != 0);
        assert_eq!(left.regions.len(), 2, "US and China named in the thesis");
    }

    #[test]
    fn rejects_thesis_made_of_stop_words() {
        let mut analyzer = Analyzer::default();
        let error = analyzer
            .profile(&ExtractionFeatures::new(
                "x",
                "a",
                "It is what it is, and so on.",
            ))
            .unwrap_err();
        assert!(matches!(error, ClusterError::EmptyThesis { .. }));
    }

    #[test]
    fn rejects_blank_article_id() {
        let mut analyzer = Analyzer::default();
        let error = analyzer
            .profile(&ExtractionFeatures::new("x", "  ", "Chips matter"))
            .unwrap_err();
        assert!(matches!(
            error,
            ClusterError::EmptyIdentifier {
                field: "article_id",
                ..
            }
        ));
    }

    #[test]
    fn names_are_folded_before_interning() {
        let mut analyzer = Analyzer::default();
        let profile = analyzer
            .profile(
                &ExtractionFeatures::new("x", "a", "Chips")
                    .with_regions(["U.S.", "us", " US ", ""]),
            )
            .unwrap();
        assert_eq!(profile.regions.len(), 1);
    }
}
