//! Transductive synonym induction: words outside the lexicon learned, per collection, as
//! wordings of a lexicon concept, from the way the collection's theses use them.
//!
//! A model often words a sector, an instrument or an outcome in a way the small lexicon does not
//! know (`quadcopters` for drones). Such a thesis leaves that role empty: it shares fewer terms
//! with its claim's other wordings, and gives the role guard nothing to compare with a sibling
//! claim about another sector. Paraphrase mining fills the gap from the collection itself: when
//! a thesis leaves a role open and another thesis matches it in every other role and names one
//! of its places, while filling that role with concept `C`, each plain word of the first thesis
//! is evidence of substituting `C` *in that context* (the concepts of the other roles and the
//! places). A sibling claim makes one context ambiguous (`quadcopters` fits both `chips` and
//! `drones` there), but across contexts only the true concept keeps fitting. A word is read as
//! `C` when
//!
//! - it substitutes `C` in at least [`MIN_CONTEXTS`] distinct contexts,
//! - in at least [`DOMINANCE`] times as many contexts as any other concept of that role, and
//! - it rarely appears beside a concept of that role (at most one in [`COOCCURRENCE_DIVISOR`]
//!   of its theses): synonyms replace each other, while words that merely accompany a role's
//!   concepts (`industry`, `producers`, a company's name) appear with them.
//!
//! A word that substitutes one concept in at least [`MIN_CONTEXTS`] contexts and in more
//! contexts than any other, but not [`DOMINANCE`] times as many, *leans* towards it: the leaning
//! fills the role for the role guard only (it can keep two theses apart, never bring them
//! together).
//!
//! A reading is applied only to theses that leave the role open, so it can add a concept to a
//! thesis but never changes or removes one the lexicon found: two theses whose lexicon concepts
//! conflict still conflict. The statistics are sums over pairs of theses, so they depend on the
//! set of theses seen, never on the order they came in: the batch learns from the whole set, and
//! incremental assignment, which learns as it goes, reaches the same state once it has seen the
//! same set.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};
use serde::{Deserialize, Serialize};

use crate::profile::{Analyzer, Profile};

/// Fewest distinct contexts in which a word must substitute a concept to be read as it.
pub(crate) const MIN_CONTEXTS: usize = 2;

/// How many times more contexts the learned concept needs than any rival concept of its role.
pub(crate) const DOMINANCE: usize = 2;

/// A word is no synonym of a role's concepts if more than one in this many of its theses
/// already fill the role with a lexicon concept.
pub(crate) const COOCCURRENCE_DIVISOR: u32 = 4;

/// The roles of the lexicon as profiles store them (`Role as u8 + 1`).
const ROLES: [u8; 3] = [1, 2, 3];

/// A word outside the lexicon read, in this collection, as a wording of a lexicon concept, with
/// the evidence for it.
///
/// # Example
///
/// ```
/// use bellwether_score::{ClusterConfig, ExtractionFeatures, SignalClusters};
///
/// // `quadcopters` is not in the lexicon; it takes the place of `drones` in two claims.
/// let theses = [
///     ("a1", "Export controls on drones spur Chinese self-sufficiency", ["US", "CN"]),
///     ("a2", "Export controls on quadcopters spur Chinese self-sufficiency", ["US", "CN"]),
///     ("b1", "Tariffs on drones hold back Indian investment", ["US", "IN"]),
///     ("b2", "Tariffs on quadcopters hold back Indian investment", ["US", "IN"]),
/// ];
/// let extractions = theses.iter().map(|(id, thesis, regions)| {
///     ExtractionFeatures::new(*id, format!("article-{id}"), *thesis).with_regions(*regions)
/// });
/// let clusters = SignalClusters::batch(ClusterConfig::default(), extractions.collect())?;
/// let learned = clusters.learned_synonyms();
/// assert_eq!(learned.len(), 1);
/// assert_eq!((learned[0].word.as_str(), learned[0].concept.as_str()), ("quadcopt", "drones"));
/// assert_eq!(learned[0].contexts, 2);
/// # Ok::<(), bellwether_score::ClusterError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnedSynonym {
    /// The word, as the clusterer keys it (folded, lower case, stemmed).
    pub word: String,
    /// The lexicon concept it is read as (`drones`, `export-controls`).
    pub concept: String,
    /// In how many distinct contexts (other roles' concepts and places) it took the concept's
    /// place.
    pub contexts: usize,
    /// The concept of the same role with the next most contexts, if any, and their number.
    pub runner_up: Option<(String, usize)>,
    /// How many theses use the word.
    pub theses: u32,
}

/// One reading applied to a profile: the word's term, the role and the concept's term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Reading {
    pub(crate) term: u32,
    pub(crate) role: u8,
    pub(crate) concept: u32,
    /// A firm reading replaces the word with the concept. A leaning (the word substituted
    /// the concept in more contexts than any other, but too few to be sure) only fills the
    /// role for the role guard: it can keep theses apart, never bring them together.
    pub(crate) firm: bool,
}

/// Where a thesis fills or leaves open a role: the role, the concepts of its other roles, one
/// of its places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Slot {
    role: u8,
    others: u64,
    place: u32,
}

/// A thesis that leaves a role open: its plain words and its context.
#[derive(Debug, Clone)]
struct Opening {
    words: Box<[u32]>,
    context: u64,
}

/// How often a plain word is used, and how often beside a concept of each role.
#[derive(Debug, Clone, Copy, Default)]
struct Usage {
    theses: u32,
    beside_role: [u32; 3],
}

/// Per word and role: each concept the word substituted, with its sorted distinct contexts.
type Votes = FxHashMap<(u32, u8), Vec<(u32, Vec<u64>)>>;

/// A decision about a word: the reading, its number of contexts, and the runner-up concept
/// with its number of contexts.
type Decision = (Reading, usize, Option<(u32, usize)>);

/// The statistics of synonym induction over the theses seen so far (see the module docs).
#[derive(Debug, Clone, Default)]
pub(crate) struct SynonymInduction {
    /// Concepts seen filling a slot, with counts.
    fillers: FxHashMap<Slot, Vec<(u32, u32)>>,
    /// Theses seen leaving a slot open.
    openings: FxHashMap<Slot, Vec<u32>>,
    /// The theses that leave some slot open, referred to by position from `openings`.
    opened: Vec<Opening>,
    /// Per word (by term), its usage; words never seen in a thesis have none.
    usage: Vec<Usage>,
    /// Per word and role: each concept it substituted, with the sorted distinct contexts.
    votes: Votes,
    /// The words whose evidence changed since the decisions were last brought up to date.
    touched: Vec<u32>,
    /// The current reading of every word the evidence settles.
    decided: FxHashMap<u32, Reading>,
}

fn hash_of(value: &impl Hash) -> u64 {
    let mut hasher = FxHasher::default();
    value.hash(&mut hasher);
    hasher.finish()
}

/// The hash of a profile's concepts outside `role` (0 for every role: all of them).
fn others_hash(roles: &[(u8, u32)], role: u8) -> u64 {
    let mut hasher = FxHasher::default();
    for entry in roles.iter().filter(|(r, _)| *r != role) {
        entry.hash(&mut hasher);
    }
    hasher.finish()
}

/// A profile's plain words (those outside the lexicon, gazetteer and direction words).
fn plain_words(analyzer: &Analyzer, profile: &Profile) -> Box<[u32]> {
    profile
        .terms
        .iter()
        .copied()
        .filter(|term| analyzer.is_plain(*term))
        .collect()
}

/// Records that `words` substituted `concept` in `role` in `context`.
fn vote(
    votes: &mut Votes,
    touched: &mut Vec<u32>,
    words: &[u32],
    role: u8,
    concept: u32,
    context: u64,
) {
    touched.extend_from_slice(words);
    for word in words {
        let list = votes.entry((*word, role)).or_default();
        let index = match list.iter().position(|(c, _)| *c == concept) {
            Some(index) => index,
            None => {
                list.push((concept, Vec::new()));
                list.len() - 1
            }
        };
        if let Some((_, contexts)) = list.get_mut(index)
            && let Err(at) = contexts.binary_search(&context)
        {
            contexts.insert(at, context);
        }
    }
}

impl SynonymInduction {
    /// Adds one thesis (as the lexicon reads it, before any learned reading) to the statistics,
    /// pairing it with the theses seen before.
    pub(crate) fn observe(&mut self, analyzer: &Analyzer, profile: &Profile) {
        let words = plain_words(analyzer, profile);
        self.count_usage(profile, &words);
        self.open(profile, &words, true);
        self.fill(profile, true);
        self.settle();
    }

    /// Decides every word afresh (cheaper than sorting the touched words after a whole batch).
    fn settle_all(&mut self) {
        self.touched.clear();
        self.decided.clear();
        for word in 0..self.usage.len() {
            if let Ok(word) = u32::try_from(word)
                && let Some((reading, _, _)) = self.decide(word)
            {
                self.decided.insert(word, reading);
            }
        }
    }

    /// Brings the decisions of the touched words up to date.
    fn settle(&mut self) {
        let mut touched = std::mem::take(&mut self.touched);
        touched.sort_unstable();
        touched.dedup();
        for word in &touched {
            match self.decide(*word) {
                Some((reading, _, _)) => self.decided.insert(*word, reading),
                None => self.decided.remove(word),
            };
        }
        touched.clear();
        self.touched = touched;
    }

    fn count_usage(&mut self, profile: &Profile, words: &[u32]) {
        self.touched.extend_from_slice(words);
        for word in words {
            let index = *word as usize;
            if self.usage.len() <= index {
                self.usage.resize(index + 1, Usage::default());
            }
            let Some(usage) = self.usage.get_mut(index) else {
                continue;
            };
            usage.theses += 1;
            for (role, count) in ROLES.iter().zip(usage.beside_role.iter_mut()) {
                if profile.roles.iter().any(|(r, _)| r == role) {
                    *count += 1;
                }
            }
        }
    }

    /// Records the slots a thesis fills; with `pair`, votes for the openings seen before.
    fn fill(&mut self, profile: &Profile, pair: bool) {
        for role in ROLES {
            let first = profile.roles.iter().position(|(r, _)| *r == role);
            let Some(first) = first else {
                continue;
            };
            let end = profile.roles[first..]
                .iter()
                .position(|(r, _)| *r != role)
                .map_or(profile.roles.len(), |n| first + n);
            let concepts: &[(u8, u32)] = profile.roles.get(first..end).unwrap_or_default();
            let others = others_hash(&profile.roles, role);
            for place in &profile.regions {
                let slot = Slot {
                    role,
                    others,
                    place: *place,
                };
                let list = self.fillers.entry(slot).or_default();
                for (_, concept) in concepts {
                    match list.iter_mut().find(|(c, _)| c == concept) {
                        Some(entry) => entry.1 += 1,
                        None => {
                            list.push((*concept, 1));
                            // Only a concept new to the slot brings new votes: the openings
                            // already there voted for the others when they or those came.
                            if !pair {
                                continue;
                            }
                            for position in self.openings.get(&slot).into_iter().flatten() {
                                let Some(opening) = self.opened.get(*position as usize) else {
                                    continue;
                                };
                                vote(
                                    &mut self.votes,
                                    &mut self.touched,
                                    &opening.words,
                                    role,
                                    *concept,
                                    opening.context,
                                );
                            }
                        }
                    }
                }
            }
        }
    }

    /// Votes for the concepts seen filling the slots a thesis leaves open; with `keep`, keeps
    /// the thesis for the fillers still to come.
    fn open(&mut self, profile: &Profile, words: &[u32], keep: bool) {
        if profile.roles.is_empty() || words.is_empty() {
            return;
        }
        let context = hash_of(&(&profile.roles, &profile.regions));
        let others = others_hash(&profile.roles, 0);
        let position = u32::try_from(self.opened.len()).unwrap_or(u32::MAX);
        let mut kept = false;
        for role in ROLES {
            if profile.roles.iter().any(|(r, _)| *r == role) {
                continue;
            }
            for place in &profile.regions {
                let slot = Slot {
                    role,
                    others,
                    place: *place,
                };
                for (concept, _) in self.fillers.get(&slot).into_iter().flatten() {
                    vote(
                        &mut self.votes,
                        &mut self.touched,
                        words,
                        role,
                        *concept,
                        context,
                    );
                }
                if keep {
                    self.openings.entry(slot).or_default().push(position);
                    kept = true;
                }
            }
        }
        if kept {
            self.opened.push(Opening {
                words: words.into(),
                context,
            });
        }
    }

    /// The role and concept a word is read as, with its number of contexts, the runner-up
    /// concept and its number of contexts; `None` when the evidence does not settle it even
    /// as a leaning (see [`Reading::firm`]).
    fn decide(&self, word: u32) -> Option<Decision> {
        let usage = self.usage.get(word as usize).filter(|u| u.theses > 0)?;
        // The strongest role wins (firm before leaning, then by contexts); a tie settles
        // nothing.
        let mut decided: Option<(bool, Decision)> = None;
        let mut contested = false;
        for (index, role) in ROLES.iter().enumerate() {
            let beside = usage.beside_role.get(index).copied().unwrap_or(0);
            if beside * COOCCURRENCE_DIVISOR > usage.theses {
                continue;
            }
            let Some(list) = self.votes.get(&(word, *role)) else {
                continue;
            };
            // Best and runner-up by contexts, ties to the lower concept term.
            let mut ranked: Vec<(usize, u32)> = list
                .iter()
                .map(|(concept, contexts)| (contexts.len(), *concept))
                .collect();
            ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let Some((best, concept)) = ranked.first().copied() else {
                continue;
            };
            let runner_up = ranked.get(1).map(|(n, c)| (*c, *n));
            let rival = runner_up.map_or(0, |(_, n)| n);
            if best <= rival || best < MIN_CONTEXTS {
                continue;
            }
            let firm = best >= DOMINANCE * rival;
            let reading = Reading {
                term: word,
                role: *role,
                concept,
                firm,
            };
            match decided {
                Some((f, (_, contexts, _))) if (f, contexts) == (firm, best) => contested = true,
                Some((f, (_, contexts, _))) if (f, contexts) > (firm, best) => {}
                _ => {
                    contested = false;
                    decided = Some((firm, (reading, best, runner_up)));
                }
            }
        }
        decided.filter(|_| !contested).map(|(_, decision)| decision)
    }

    /// The learned readings that apply to a profile: its plain words read as a concept of a
    /// role the profile leaves open. Sorted.
    pub(crate) fn readings(&self, analyzer: &Analyzer, profile: &Profile) -> Vec<Reading> {
        if self.decided.is_empty() {
            return Vec::new();
        }
        let mut readings: Vec<Reading> = profile
            .terms
            .iter()
            .filter(|term| analyzer.is_plain(**term))
            .filter_map(|term| self.decided.get(term).copied())
            .filter(|reading| !profile.roles.iter().any(|(r, _)| *r == reading.role))
            .collect();
        // A firm reading of a role makes leanings about it moot.
        let firm_roles: Vec<u8> = readings.iter().filter(|r| r.firm).map(|r| r.role).collect();
        readings.retain(|reading| reading.firm || !firm_roles.contains(&reading.role));
        readings.sort_unstable();
        readings
    }

    /// A profile with the readings learned since it was made applied, if there are any.
    pub(crate) fn reread(&self, analyzer: &Analyzer, profile: &Profile) -> Option<Profile> {
        let readings = self.readings(analyzer, profile);
        if readings.is_empty() {
            return None;
        }
        let mut reread = profile.clone();
        apply_readings(&mut reread, &readings);
        Some(reread)
    }

    /// Every word read as a concept, with its evidence, sorted by word.
    pub(crate) fn learned(&self, analyzer: &Analyzer) -> Vec<LearnedSynonym> {
        let keys = analyzer.term_keys();
        let name = |term: u32| -> String {
            keys.get(term as usize)
                .map(|key| key.trim_start_matches('\u{1}').to_owned())
                .unwrap_or_default()
        };
        let words = (0..self.usage.len()).filter_map(|word| u32::try_from(word).ok());
        let mut learned: Vec<LearnedSynonym> = words
            .into_iter()
            .filter_map(|word| {
                let (reading, contexts, runner_up) =
                    self.decide(word).filter(|(reading, _, _)| reading.firm)?;
                Some(LearnedSynonym {
                    word: name(word),
                    concept: name(reading.concept),
                    contexts,
                    runner_up: runner_up.map(|(concept, n)| (name(concept), n)),
                    theses: self.usage.get(word as usize).map_or(0, |u| u.theses),
                })
            })
            .collect();
        learned.sort_unstable_by(|a, b| a.word.cmp(&b.word));
        learned
    }
}

/// Applies readings to a profile: each word is replaced by its concept, which fills its role.
pub(crate) fn apply_readings(profile: &mut Profile, readings: &[Reading]) {
    if readings.is_empty() {
        return;
    }
    let mut terms: Vec<u32> = profile
        .terms
        .iter()
        .copied()
        .filter(|term| !readings.iter().any(|r| r.firm && r.term == *term))
        .collect();
    let mut roles = profile.roles.to_vec();
    for reading in readings {
        if reading.firm {
            terms.push(reading.concept);
        }
        roles.push((reading.role, reading.concept));
    }
    terms.sort_unstable();
    terms.dedup();
    roles.sort_unstable();
    roles.dedup();
    profile.terms = terms.into_boxed_slice();
    profile.roles = roles.into_boxed_slice();
}

/// Learns from a whole set of profiles and applies what it learned to each; returns the
/// statistics and, per profile, the readings applied. Depends on the set, not on its order.
pub(crate) fn induce(
    analyzer: &Analyzer,
    profiles: &mut [Profile],
) -> (SynonymInduction, Vec<Box<[Reading]>>) {
    // Fillers first, then every opening against all of them: the same votes as observing
    // the theses one by one, without keeping the openings. Openings are kept anyway, for
    // incremental assignment after the batch.
    let mut induction = SynonymInduction::default();
    for profile in profiles.iter() {
        induction.fill(profile, false);
    }
    for profile in profiles.iter() {
        let words = plain_words(analyzer, profile);
        induction.count_usage(profile, &words);
        induction.open(profile, &words, true);
    }
    induction.settle_all();
    let readings = profiles
        .iter_mut()
        .map(|profile| {
            let readings = induction.readings(analyzer, profile);
            apply_readings(profile, &readings);
            readings.into_boxed_slice()
        })
        .collect();
    (induction, readings)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::similarity::roles_conflict;
    use crate::{ClusterConfig, ExtractionFeatures, SimilarityGraph};

    fn profiles(theses: &[(&str, &[&str])]) -> (Analyzer, Vec<Profile>) {
        let mut analyzer = Analyzer::default();
        let profiles = theses
            .iter()
            .enumerate()
            .map(|(i, (thesis, regions))| {
                let features = ExtractionFeatures::new(format!("x{i}"), format!("a{i}"), *thesis)
                    .with_regions(regions.iter().copied());
                analyzer.profile(&features).unwrap()
            })
            .collect();
        (analyzer, profiles)
    }

    fn learned(theses: &[(&str, &[&str])]) -> Vec<(String, String)> {
        let (analyzer, mut profiles) = profiles(theses);
        let (induction, _) = induce(&analyzer, &mut profiles);
        induction
            .learned(&analyzer)
            .into_iter()
            .map(|l| (l.word, l.concept))
            .collect()
    }

    const TWO_CONTEXTS: &[(&str, &[&str])] = &[
        (
            "Export controls on drones spur Chinese self-sufficiency",
            &["US", "CN"],
        ),
        (
            "Export controls on quadcopters spur Chinese self-sufficiency",
            &["US", "CN"],
        ),
        (
            "Tariffs on drones hold back Indian investment",
            &["US", "IN"],
        ),
        (
            "Tariffs on quadcopters hold back Indian investment",
            &["US", "IN"],
        ),
    ];

    #[test]
    fn learns_a_word_that_takes_one_concepts_place_in_two_contexts() {
        assert_eq!(
            learned(TWO_CONTEXTS),
            [("quadcopt".to_owned(), "drones".to_owned())]
        );
    }

    #[test]
    fn one_context_is_not_enough() {
        assert_eq!(learned(&TWO_CONTEXTS[..3]), []);
    }

    #[test]
    fn a_sibling_claim_in_one_context_does_not_outvote_the_others() {
        let mut theses = TWO_CONTEXTS.to_vec();
        // A sibling about chips in the first context makes it ambiguous; a third context
        // keeps `drones` twice as strong.
        theses.push((
            "Export controls on chips spur Chinese self-sufficiency",
            &["US", "CN"],
        ));
        theses.push(("Subsidies for drones boost Japanese innovation", &["JP"]));
        theses.push((
            "Subsidies for quadcopters boost Japanese innovation",
            &["JP"],
        ));
        assert_eq!(
            learned(&theses),
            [("quadcopt".to_owned(), "drones".to_owned())]
        );
    }

    #[test]
    fn a_word_used_beside_the_roles_concepts_is_no_synonym() {
        let mut theses = TWO_CONTEXTS.to_vec();
        // `quadcopters` also appears beside a sector concept in most of its other theses.
        for _ in 0..4 {
            theses.push(("Quadcopters and chips draw Korean investment", &["KR"]));
        }
        assert_eq!(learned(&theses), []);
    }

    #[test]
    fn readings_fill_only_open_roles_and_replace_the_word() {
        let (analyzer, mut profiles) = profiles(TWO_CONTEXTS);
        let before = profiles.clone();
        let (_, readings) = induce(&analyzer, &mut profiles);
        assert_eq!(readings[0].len(), 0, "the lexicon already fills the sector");
        assert_eq!(readings[1].len(), 1);
        assert_eq!(
            profiles[1].terms, before[0].terms,
            "now the same terms as its paraphrase"
        );
        assert_eq!(profiles[1].roles, before[0].roles);
    }

    /// Theses built from lexicon phrases and words outside it, over a few places.
    fn thesis() -> impl Strategy<Value = (String, Vec<&'static str>)> {
        let instrument = prop::sample::select(vec![
            "export controls",
            "tariffs",
            "subsidies",
            "",
            "soft loans",
            "deal vetting",
        ]);
        let sector = prop::sample::select(vec![
            "chips",
            "drones",
            "steel",
            "",
            "quadcopters",
            "rebar",
            "wafers",
        ]);
        let outcome = prop::sample::select(vec![
            "investment",
            "smuggling",
            "",
            "buffer stocks",
            "fresh funding",
        ]);
        let verb = prop::sample::select(vec!["spur", "slow"]);
        let regions = prop::sample::subsequence(vec!["US", "CN", "JP"], 1..3);
        (instrument, sector, outcome, verb, regions)
            .prop_map(|(i, s, o, v, r)| (format!("{i} on {s} {v} {o} gains"), r))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn a_learned_reading_never_links_theses_whose_lexicon_concepts_conflict(
            theses in prop::collection::vec(thesis(), 2..60)
        ) {
            let extractions: Vec<ExtractionFeatures> = theses
                .iter()
                .enumerate()
                .map(|(i, (thesis, regions))| {
                    ExtractionFeatures::new(format!("x{i:03}"), format!("a{i}"), thesis.as_str())
                        .with_regions(regions.iter().copied())
                })
                .collect();
            let graph = SimilarityGraph::build(ClusterConfig::default(), extractions).unwrap();
            // The lexicon's own reading of each thesis (concept terms are the same in every
            // analyzer: the lexicon is interned first).
            let mut analyzer = Analyzer::default();
            let lexicon: Vec<Profile> = graph
                .extractions()
                .iter()
                .map(|features| analyzer.profile(features).unwrap())
                .collect();
            for link in graph.links() {
                prop_assert!(!roles_conflict(&lexicon[link.left].roles, &lexicon[link.right].roles));
            }
            // Readings only ever add concepts to roles the lexicon left open.
            for (profile, read) in lexicon.iter().zip(&graph.profiles) {
                for (role, concept) in profile.roles.iter() {
                    prop_assert!(read.roles.contains(&(*role, *concept)));
                }
                for (role, _) in read.roles.iter() {
                    let filled_by_lexicon = profile.roles.iter().any(|(r, _)| r == role);
                    let added: Vec<_> = read.roles.iter().filter(|(r, c)| r == role && !profile.roles.contains(&(*r, *c))).collect();
                    prop_assert!(!filled_by_lexicon || added.is_empty());
                }
            }
        }
    }
}
