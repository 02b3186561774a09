//! Turning [`ExtractionFeatures`] into compact profiles of interned term and name identifiers.

use rustc_hash::FxHashMap;

use crate::cluster_error::excerpt;
use crate::words::{WordStemmer, content_key, normalise_name, thesis_words};
use crate::{ClusterError, ExtractionFeatures};

/// An extraction reduced to what similarity needs: sorted, deduplicated identifiers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Profile {
    /// Stemmed content words of the thesis.
    pub(crate) terms: Box<[u32]>,
    /// Normalised actor names.
    pub(crate) actors: Box<[u32]>,
    /// Normalised region names.
    pub(crate) regions: Box<[u32]>,
    /// Normalised tags.
    pub(crate) tags: Box<[u32]>,
    /// Direction bits of the thesis (see `words::directions_conflict`).
    pub(crate) direction: u32,
}

impl Profile {
    /// The actors and regions in a fixed-size key for the shared-entity guard.
    pub(crate) fn entity_key(&self) -> EntityKey {
        let mut key = EntityKey::default();
        let ids = self
            .actors
            .iter()
            .map(|id| id | ACTOR_BIT)
            .chain(self.regions.iter().map(|id| id & !ACTOR_BIT));
        for id in ids {
            match key.ids.get_mut(usize::from(key.len)) {
                Some(slot) => {
                    *slot = id;
                    key.len += 1;
                }
                None => {
                    key.len = EntityKey::OVERFLOW;
                    return key;
                }
            }
        }
        key
    }
}

/// Marks actor identifiers apart from region identifiers inside an [`EntityKey`].
const ACTOR_BIT: u32 = 1 << 31;

/// Up to six actor and region identifiers of a profile, stored inline so that the shared-entity
/// guard can be checked without touching the profile.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct EntityKey {
    ids: [u32; 6],
    len: u8,
}

impl EntityKey {
    const OVERFLOW: u8 = u8::MAX;

    /// Whether two profiles with these keys can pass the shared-entity guard (exact unless a
    /// profile has more than six actors and regions, in which case it answers yes).
    pub(crate) fn may_share(&self, other: &EntityKey) -> bool {
        if self.len == Self::OVERFLOW || other.len == Self::OVERFLOW {
            return true;
        }
        if self.len == 0 && other.len == 0 {
            return true;
        }
        let mine = self.ids.get(..usize::from(self.len)).unwrap_or(&[]);
        let theirs = other.ids.get(..usize::from(other.len)).unwrap_or(&[]);
        mine.iter().any(|id| theirs.contains(id))
    }
}

/// Interns words and names; caches the stem of every distinct surface word so that stemming
/// runs once per vocabulary entry rather than once per occurrence.
#[derive(Debug, Default)]
pub(crate) struct Analyzer {
    stemmer: WordStemmer,
    /// Surface word as written → term, `None` for words without content.
    surface: FxHashMap<Box<str>, Option<u32>>,
    stems: FxHashMap<Box<str>, u32>,
    term_direction: Vec<u32>,
    actors: NameTable,
    regions: NameTable,
    tags: NameTable,
}

#[derive(Debug, Default)]
struct NameTable {
    raw: FxHashMap<Box<str>, Option<u32>>,
    normalised: FxHashMap<String, u32>,
}

impl NameTable {
    fn intern(&mut self, name: &str) -> Option<u32> {
        if let Some(known) = self.raw.get(name) {
            return *known;
        }
        let normalised = normalise_name(name);
        let id = if normalised.is_empty() {
            None
        } else {
            let next = u32::try_from(self.normalised.len()).unwrap_or(u32::MAX);
            Some(*self.normalised.entry(normalised).or_insert(next))
        };
        self.raw.insert(name.into(), id);
        id
    }

    fn profile(&mut self, names: &[String]) -> Box<[u32]> {
        let mut ids: Vec<u32> = names.iter().filter_map(|name| self.intern(name)).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.into_boxed_slice()
    }
}

impl Analyzer {
    fn intern_word(&mut self, raw: &str) -> Option<u32> {
        if let Some(known) = self.surface.get(raw) {
            return *known;
        }
        let term = content_key(raw).map(|key| {
            let stem = self.stemmer.stem(&key);
            match self.stems.get(stem.as_str()) {
                Some(term) => *term,
                None => {
                    let term = u32::try_from(self.term_direction.len()).unwrap_or(u32::MAX);
                    self.term_direction.push(self.stemmer.direction_bits(&stem));
                    self.stems.insert(stem.into_boxed_str(), term);
                    term
                }
            }
        });
        self.surface.insert(raw.into(), term);
        term
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
        let mut terms: Vec<u32> = Vec::with_capacity(16);
        for word in thesis_words(&features.thesis) {
            if let Some(term) = self.intern_word(word) {
                terms.push(term);
            }
        }
        terms.sort_unstable();
        terms.dedup();
        if terms.is_empty() {
            return Err(ClusterError::EmptyThesis {
                extraction_id: features.extraction_id.clone(),
                thesis: excerpt(&features.thesis),
            });
        }
        let direction = terms.iter().fold(0, |bits, term| {
            bits | self
                .term_direction
                .get(*term as usize)
                .copied()
                .unwrap_or(0)
        });
        Ok(Profile {
            terms: terms.into_boxed_slice(),
            actors: self.actors.profile(&features.actors),
            regions: self.regions.profile(&features.regions),
            tags: self.tags.profile(&features.tags),
            direction,
        })
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
        let shared = left
            .terms
            .iter()
            .filter(|term| right.terms.contains(term))
            .count();
        assert_eq!(
            shared, 6,
            "us, export, control, acceler, chip, industri; china and chinese differ"
        );
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
