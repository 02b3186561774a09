//! The evidence ledger: a mergeable record of which articles back or contradict one signal.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::error::ScoreError;
use crate::evidence::{ArticleId, Evidence, ExtractionId, Outlet, Stance, from_nanos, to_nanos};
use crate::fingerprint::Fingerprint;
use crate::limits::{MAX_LEDGER_ARTICLES, MAX_READINGS_PER_ARTICLE};
use crate::origin::{OriginStats, Origins};
use crate::reliability::Grade;
use crate::weight::Weight;

/// Everything the ledger knows about one article.
#[derive(Debug, Clone)]
pub(crate) struct ArticleRecord {
    pub(crate) article: ArticleId,
    pub(crate) outlet: u32,
    pub(crate) published: i64,
    pub(crate) grade: Grade,
    pub(crate) fingerprint: Option<Fingerprint>,
    /// Highest match confidence of each extraction, per stance (an extraction delivered once as
    /// supporting and once as contradicting keeps both: a join never loses a reading).
    pub(crate) extractions: BTreeMap<(ExtractionId, Stance), Weight>,
    /// Highest match confidence among supporting extractions.
    pub(crate) support: Option<Weight>,
    /// Highest match confidence among contradicting extractions.
    pub(crate) contradict: Option<Weight>,
}

impl ArticleRecord {
    fn refresh_stances(&mut self) {
        let best = |stance| {
            self.extractions
                .iter()
                .filter(|((_, s), _)| *s == stance)
                .map(|(_, &confidence)| confidence)
                .max()
        };
        self.support = best(Stance::Supports);
        self.contradict = best(Stance::Contradicts);
    }
}

/// The facts of an article that must not differ between its extractions, in the order used to
/// resolve a conflict during [`Ledger::merge`] (the greatest wins).
type Facts<'a> = (&'a Outlet, i64, Grade, Option<&'a Fingerprint>);

/// A mergeable record of the evidence for one signal, keyed by article.
///
/// The ledger is a state-based CRDT: [`Ledger::merge`] is commutative, associative and
/// idempotent, and every score is a pure function of the ledger's contents. Work can therefore be
/// split across threads or machines and merged in any order with bit-identical results.
///
/// * The same article extracted twice counts once: its weight uses the highest match confidence
///   among its extractions of each stance, and its extractions are kept (by
///   [`ExtractionId`]) only to be counted.
/// * Syndicated copies (articles whose bodies share a [`Fingerprint`] band) are grouped into one
///   *origin* as they arrive.
/// * It only grows: evidence is never removed (a retraction is contradicting evidence), which is
///   what lets replicas merge without coordination.
///
/// # Example
///
/// ```
/// use bellwether_score::{Evidence, Grade, Ledger};
///
/// let evidence = |id: &str, outlet: &str| {
///     Evidence::builder()
///         .article(id)
///         .outlet(outlet)
///         .published("2026-05-20T16:45:00Z".parse().unwrap())
///         .grade(Grade::B)
///         .match_confidence(1.0)
///         .build()
/// };
/// let mut left = Ledger::new();
/// left.insert(evidence("a1", "outlet-one")?)?;
/// let mut right = Ledger::new();
/// right.insert(evidence("a2", "outlet-two")?)?;
/// right.insert(evidence("a1", "outlet-one")?)?; // delivered twice: counts once
///
/// let mut merged = left.clone();
/// merged.merge(&right);
/// let mut other_way = right.clone();
/// other_way.merge(&left);
/// assert_eq!(merged, other_way);
/// assert_eq!(merged.article_count(), 2);
/// # Ok::<(), bellwether_score::ScoreError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    records: Vec<ArticleRecord>,
    by_article: FxHashMap<ArticleId, u32>,
    outlets: Vec<Outlet>,
    outlet_ids: FxHashMap<Outlet, u32>,
    origins: Origins,
    extraction_count: usize,
    capacity: Capacity,
}

/// How much a ledger holds: the public limits, smaller in unit tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Capacity {
    articles: usize,
    readings: usize,
}

impl Default for Capacity {
    fn default() -> Self {
        Capacity {
            articles: MAX_LEDGER_ARTICLES,
            readings: MAX_READINGS_PER_ARTICLE,
        }
    }
}

/// What [`Ledger::merge`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct MergeReport {
    /// Articles recorded on both sides with different facts (outlet, published time, grade or
    /// fingerprint). Each was resolved deterministically by keeping the greatest facts in the
    /// order (outlet, published, grade, fingerprint), so the merge stays order-independent; the
    /// list tells you the input was inconsistent.
    pub conflicts: Vec<ArticleId>,
    /// Articles that could not be added because this ledger is full
    /// ([`MAX_LEDGER_ARTICLES`]), or whose readings could not all be added because the article
    /// holds [`MAX_READINGS_PER_ARTICLE`]; empty in any realistic use. Past these limits the
    /// merged contents depend on the order of merging.
    pub rejected: Vec<ArticleId>,
}

impl Ledger {
    /// An empty ledger.
    pub fn new() -> Ledger {
        Ledger::default()
    }

    /// Number of distinct articles.
    pub fn article_count(&self) -> usize {
        self.records.len()
    }

    /// Number of distinct extractions (by [`ExtractionId`] within each article).
    pub fn extraction_count(&self) -> usize {
        self.extraction_count
    }

    /// Whether the ledger holds no evidence.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Adds one extraction of one article.
    ///
    /// Returns whether the ledger changed: adding evidence that is already recorded (the same
    /// extraction of the same article, with no higher confidence) changes nothing.
    ///
    /// # Errors
    ///
    /// - [`ScoreError::ConflictingArticle`] if the article is already recorded with a different
    ///   outlet, published time, grade or fingerprint (the ledger is left unchanged);
    /// - [`ScoreError::LedgerFull`] for a new article beyond [`MAX_LEDGER_ARTICLES`];
    /// - [`ScoreError::TooManyReadings`] for a new reading of an article that already holds
    ///   [`MAX_READINGS_PER_ARTICLE`].
    ///
    /// Cost: `O(log n + r)` for `n` articles and the article's `r` readings, plus the
    /// fingerprint's band lookups.
    pub fn insert(&mut self, evidence: Evidence) -> Result<bool, ScoreError> {
        let (stance, confidence) = (evidence.stance, evidence.confidence);
        let facts = (
            &evidence.outlet,
            evidence.published,
            evidence.grade,
            evidence.fingerprint.as_ref(),
        );
        if let Some(&index) = self.by_article.get(&evidence.article) {
            if let Some(field) = differing_field(self.facts(index), facts) {
                return Err(ScoreError::ConflictingArticle {
                    article: evidence.article.to_string(),
                    field,
                });
            }
            return self.add_reading(index, evidence.extraction, stance, confidence);
        }
        let index = self.push_article(
            evidence.article,
            &evidence.outlet,
            evidence.published,
            evidence.grade,
            evidence.fingerprint,
        )?;
        self.add_reading(index, evidence.extraction, stance, confidence)
    }

    /// Merges another ledger into this one (set union of the evidence).
    ///
    /// Commutative, associative and idempotent on the ledger's contents. Never fails: articles
    /// recorded with different facts on the two sides are resolved deterministically and listed
    /// in the report (as are articles beyond the ledger's capacity, which are left out).
    pub fn merge(&mut self, other: &Ledger) -> MergeReport {
        let mut report = MergeReport::default();
        for theirs in &other.records {
            let their_facts = other.facts_of(theirs);
            let index = match self.by_article.get(&theirs.article) {
                Some(&index) => {
                    let ours = self.facts(index);
                    if differing_field(ours, their_facts).is_some() {
                        report.conflicts.push(theirs.article.clone());
                        if their_facts > ours {
                            let outlet = self.outlet_id(their_facts.0);
                            let record = &mut self.records[index as usize];
                            record.outlet = outlet;
                            record.published = theirs.published;
                            record.grade = theirs.grade;
                            record.fingerprint = theirs.fingerprint;
                        }
                    }
                    index
                }
                None => match self.push_article(
                    theirs.article.clone(),
                    their_facts.0,
                    theirs.published,
                    theirs.grade,
                    theirs.fingerprint,
                ) {
                    Ok(index) => index,
                    // A full ledger cannot take more articles: report them, and still join
                    // what fits.
                    Err(_) => {
                        report.rejected.push(theirs.article.clone());
                        continue;
                    }
                },
            };
            for ((id, stance), &confidence) in &theirs.extractions {
                if self
                    .add_reading(index, id.clone(), *stance, confidence)
                    .is_err()
                {
                    report.rejected.push(theirs.article.clone());
                    break;
                }
            }
        }
        if !report.conflicts.is_empty() {
            self.rebuild_origins();
        }
        report.conflicts.sort();
        report.rejected.sort();
        report.rejected.dedup();
        report
    }

    /// Every recorded extraction as [`Evidence`], ordered by article then extraction id.
    ///
    /// Inserting these into an empty ledger rebuilds an equal ledger.
    pub fn evidence(&self) -> Vec<Evidence> {
        let mut out = Vec::with_capacity(self.extraction_count);
        for record in self.sorted_records() {
            for ((id, stance), &confidence) in &record.extractions {
                out.push(Evidence {
                    article: record.article.clone(),
                    extraction: id.clone(),
                    outlet: self.outlets[record.outlet as usize].clone(),
                    published: record.published,
                    grade: record.grade,
                    confidence,
                    stance: *stance,
                    fingerprint: record.fingerprint,
                });
            }
        }
        out
    }

    pub(crate) fn records(&self) -> &[ArticleRecord] {
        &self.records
    }

    pub(crate) fn outlet(&self, id: u32) -> &Outlet {
        &self.outlets[id as usize]
    }

    pub(crate) fn origin_root(&self, index: u32) -> u32 {
        self.origins.root(index)
    }

    /// Origin summaries of one stance.
    pub(crate) fn origin_stats(&self, stance: Stance) -> &[OriginStats] {
        self.origins.stats(stance)
    }

    /// Number of distinct outlets ever recorded (outlet ids are below this).
    pub(crate) fn outlet_count(&self) -> usize {
        self.outlets.len()
    }

    /// Recomputes origins from scratch, after a merge replaced some article's facts.
    fn rebuild_origins(&mut self) {
        self.origins = Origins::default();
        for (index, record) in (0u32..).zip(&self.records) {
            self.origins.add(index, record.fingerprint.as_ref());
        }
        for index in 0..self.records.len() {
            self.observe(index as u32);
        }
    }

    /// Feeds an article's current best readings into its origin's summaries.
    fn observe(&mut self, index: u32) {
        let record = &self.records[index as usize];
        for (stance, confidence) in [
            (Stance::Supports, record.support),
            (Stance::Contradicts, record.contradict),
        ] {
            if let Some(confidence) = confidence {
                self.origins.observe(
                    index,
                    stance,
                    record.published,
                    record.outlet,
                    record.grade,
                    confidence,
                );
            }
        }
    }

    fn sorted_records(&self) -> Vec<&ArticleRecord> {
        let mut sorted: Vec<&ArticleRecord> = self.records.iter().collect();
        sorted.sort_by(|a, b| a.article.cmp(&b.article));
        sorted
    }

    fn facts(&self, index: u32) -> Facts<'_> {
        self.facts_of(&self.records[index as usize])
    }

    fn facts_of<'a>(&'a self, record: &'a ArticleRecord) -> Facts<'a> {
        (
            &self.outlets[record.outlet as usize],
            record.published,
            record.grade,
            record.fingerprint.as_ref(),
        )
    }

    fn outlet_id(&mut self, outlet: &Outlet) -> u32 {
        if let Some(&id) = self.outlet_ids.get(outlet) {
            return id;
        }
        // Outlets never outnumber articles, whose count is checked against u32.
        let id = self.outlets.len() as u32;
        self.outlets.push(outlet.clone());
        self.outlet_ids.insert(outlet.clone(), id);
        id
    }

    fn push_article(
        &mut self,
        article: ArticleId,
        outlet: &Outlet,
        published: i64,
        grade: Grade,
        fingerprint: Option<Fingerprint>,
    ) -> Result<u32, ScoreError> {
        let full = ScoreError::LedgerFull {
            capacity: self.capacity.articles as u64,
        };
        if self.records.len() >= self.capacity.articles {
            return Err(full);
        }
        let index = u32::try_from(self.records.len()).map_err(|_| full)?;
        let outlet = self.outlet_id(outlet);
        self.origins.add(index, fingerprint.as_ref());
        self.by_article.insert(article.clone(), index);
        self.records.push(ArticleRecord {
            article,
            outlet,
            published,
            grade,
            fingerprint,
            extractions: BTreeMap::new(),
            support: None,
            contradict: None,
        });
        Ok(index)
    }

    /// Joins one reading into an article; returns whether anything changed.
    fn add_reading(
        &mut self,
        index: u32,
        id: ExtractionId,
        stance: Stance,
        confidence: Weight,
    ) -> Result<bool, ScoreError> {
        let record = &mut self.records[index as usize];
        let key = (id, stance);
        if !record.extractions.contains_key(&key)
            && record.extractions.len() >= self.capacity.readings
        {
            return Err(ScoreError::TooManyReadings {
                article: record.article.to_string(),
                max: self.capacity.readings,
            });
        }
        let other = match stance {
            Stance::Supports => Stance::Contradicts,
            Stance::Contradicts => Stance::Supports,
        };
        let changed = match record.extractions.get_mut(&key) {
            Some(existing) if *existing >= confidence => false,
            Some(existing) => {
                *existing = confidence;
                true
            }
            None => {
                if !record.extractions.contains_key(&(key.0.clone(), other)) {
                    self.extraction_count += 1;
                }
                record.extractions.insert(key, confidence);
                true
            }
        };
        if changed {
            record.refresh_stances();
            self.observe(index);
        }
        Ok(changed)
    }
}

fn differing_field(ours: Facts<'_>, theirs: Facts<'_>) -> Option<&'static str> {
    if ours.0 != theirs.0 {
        Some("outlet")
    } else if ours.1 != theirs.1 {
        Some("published time")
    } else if ours.2 != theirs.2 {
        Some("reliability grade")
    } else if ours.3 != theirs.3 {
        Some("text fingerprint")
    } else {
        None
    }
}

impl PartialEq for Ledger {
    /// Two ledgers are equal when they hold the same evidence, however it was inserted.
    fn eq(&self, other: &Ledger) -> bool {
        self.records.len() == other.records.len()
            && self.extraction_count == other.extraction_count
            && self.records.iter().all(|ours| {
                other.by_article.get(&ours.article).is_some_and(|&index| {
                    let theirs = &other.records[index as usize];
                    self.facts_of(ours) == other.facts_of(theirs)
                        && ours.extractions == theirs.extractions
                })
            })
    }
}

impl Eq for Ledger {}

/// Serialized form of a ledger: its articles sorted by id.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LedgerRepr {
    articles: Vec<ArticleRepr>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticleRepr {
    article: ArticleId,
    outlet: Outlet,
    published: DateTime<Utc>,
    grade: Grade,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    fingerprint: Option<Fingerprint>,
    extractions: Vec<ExtractionRepr>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExtractionRepr {
    id: ExtractionId,
    match_confidence: Weight,
    stance: Stance,
}

impl Serialize for Ledger {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let articles = self
            .sorted_records()
            .into_iter()
            .map(|record| ArticleRepr {
                article: record.article.clone(),
                outlet: self.outlets[record.outlet as usize].clone(),
                published: from_nanos(record.published),
                grade: record.grade,
                fingerprint: record.fingerprint,
                extractions: record
                    .extractions
                    .iter()
                    .map(|((id, stance), &confidence)| ExtractionRepr {
                        id: id.clone(),
                        match_confidence: confidence,
                        stance: *stance,
                    })
                    .collect(),
            })
            .collect();
        LedgerRepr { articles }.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Ledger {
    /// Rebuilds a ledger, validating every article as [`Ledger::insert`] does.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Ledger, D::Error> {
        let repr = LedgerRepr::deserialize(deserializer)?;
        let mut ledger = Ledger::new();
        for article in repr.articles {
            let published =
                to_nanos("published time", article.published).map_err(serde::de::Error::custom)?;
            for extraction in article.extractions {
                let evidence = Evidence {
                    article: article.article.clone(),
                    extraction: extraction.id,
                    outlet: article.outlet.clone(),
                    published,
                    grade: article.grade,
                    confidence: extraction.match_confidence,
                    stance: extraction.stance,
                    fingerprint: article.fingerprint,
                };
                ledger.insert(evidence).map_err(serde::de::Error::custom)?;
            }
        }
        Ok(ledger)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(article: &str, extraction: &str, outlet: &str, confidence: f64) -> Evidence {
        Evidence::builder()
            .article(article)
            .extraction(extraction)
            .outlet(outlet)
            .published("2026-05-12T09:30:00Z".parse().unwrap())
            .grade(Grade::B)
            .match_confidence(confidence)
            .build()
            .unwrap()
    }

    #[test]
    fn same_article_twice_counts_once_but_extractions_are_counted() {
        let mut ledger = Ledger::new();
        assert!(ledger.insert(evidence("a", "x1", "o", 0.5)).unwrap());
        assert!(ledger.insert(evidence("a", "x2", "o", 0.9)).unwrap());
        assert!(!ledger.insert(evidence("a", "x2", "o", 0.9)).unwrap());
        assert_eq!(ledger.article_count(), 1);
        assert_eq!(ledger.extraction_count(), 2);
        assert_eq!(ledger.records()[0].support, Some(Weight::new(0.9).unwrap()));
    }

    #[test]
    fn an_extraction_delivered_with_both_stances_keeps_both_readings() {
        let mut ledger = Ledger::new();
        ledger.insert(evidence("a", "x1", "o", 0.5)).unwrap();
        let mut contra = evidence("a", "x1", "o", 0.3);
        contra.stance = Stance::Contradicts;
        assert!(ledger.insert(contra).unwrap());
        assert_eq!(ledger.extraction_count(), 1);
        let record = &ledger.records()[0];
        assert_eq!(record.support, Some(Weight::new(0.5).unwrap()));
        assert_eq!(record.contradict, Some(Weight::new(0.3).unwrap()));
    }

    #[test]
    fn rejects_conflicting_article_facts() {
        let mut ledger = Ledger::new();
        ledger.insert(evidence("a", "x1", "o", 0.5)).unwrap();
        let err = ledger
            .insert(evidence("a", "x2", "other", 0.5))
            .unwrap_err();
        assert_eq!(
            err,
            ScoreError::ConflictingArticle {
                article: "a".into(),
                field: "outlet"
            }
        );
        assert_eq!(ledger.extraction_count(), 1);
    }

    #[test]
    fn merge_resolves_conflicts_symmetrically() {
        let mut left = Ledger::new();
        left.insert(evidence("a", "x1", "alpha", 0.5)).unwrap();
        let mut right = Ledger::new();
        right.insert(evidence("a", "x2", "beta", 0.7)).unwrap();
        let mut lr = left.clone();
        let report = lr.merge(&right);
        let mut rl = right.clone();
        rl.merge(&left);
        assert_eq!(lr, rl);
        assert_eq!(report.conflicts, vec![ArticleId::new("a").unwrap()]);
        assert_eq!(lr.evidence()[0].outlet().as_str(), "beta");
    }

    #[test]
    fn serde_round_trip_preserves_contents() {
        let mut ledger = Ledger::new();
        ledger.insert(evidence("b", "x1", "o", 0.25)).unwrap();
        ledger.insert(evidence("a", "x2", "p", 1.0)).unwrap();
        let json = serde_json::to_string(&ledger).unwrap();
        let back: Ledger = serde_json::from_str(&json).unwrap();
        assert_eq!(back, ledger);
        assert_eq!(serde_json::to_string(&back).unwrap(), json);
    }

    #[test]
    fn capacity_defaults_to_the_documented_limits() {
        let capacity = Ledger::new().capacity;
        assert_eq!(capacity.articles, MAX_LEDGER_ARTICLES);
        assert_eq!(capacity.readings, MAX_READINGS_PER_ARTICLE);
    }

    #[test]
    fn a_full_ledger_takes_no_new_article_but_still_takes_readings_of_known_ones() {
        let mut ledger = Ledger::new();
        ledger.capacity.articles = 3;
        for article in ["a", "b", "c"] {
            ledger.insert(evidence(article, "x", "o", 0.5)).unwrap();
        }
        let before = ledger.clone();
        assert_eq!(
            ledger.insert(evidence("d", "x", "o", 0.5)),
            Err(ScoreError::LedgerFull { capacity: 3 })
        );
        assert_eq!(ledger, before);
        assert!(ledger.insert(evidence("a", "y", "o", 0.5)).unwrap());
        // A merge past the limit joins what fits and reports the rest.
        let mut other = Ledger::new();
        other.insert(evidence("e", "x", "o", 0.5)).unwrap();
        other.insert(evidence("b", "z", "o", 0.5)).unwrap();
        let report = ledger.merge(&other);
        assert_eq!(report.rejected, [ArticleId::new("e").unwrap()]);
        assert_eq!(ledger.article_count(), 3);
        assert_eq!(ledger.extraction_count(), 5);
    }

    #[test]
    fn an_article_holds_at_most_its_reading_limit() {
        let mut ledger = Ledger::new();
        ledger.capacity.readings = 2;
        ledger.insert(evidence("a", "x1", "o", 0.5)).unwrap();
        ledger.insert(evidence("a", "x2", "o", 0.5)).unwrap();
        // A known reading may still rise in confidence.
        assert!(ledger.insert(evidence("a", "x2", "o", 0.9)).unwrap());
        let before = ledger.clone();
        assert_eq!(
            ledger.insert(evidence("a", "x3", "o", 0.5)),
            Err(ScoreError::TooManyReadings {
                article: "a".into(),
                max: 2
            })
        );
        assert_eq!(ledger, before);
        let mut other = Ledger::new();
        other.insert(evidence("a", "x4", "o", 0.5)).unwrap();
        assert_eq!(
            ledger.merge(&other).rejected,
            [ArticleId::new("a").unwrap()]
        );
        assert_eq!(ledger.extraction_count(), 2);
    }

    #[test]
    fn deserialization_rejects_bad_confidence() {
        let json = r#"{"articles":[{"article":"a","outlet":"o","published":"2026-05-12T09:30:00Z",
            "grade":"B","extractions":[{"id":"x","match_confidence":2.0,"stance":"supports"}]}]}"#;
        assert!(serde_json::from_str::<Ledger>(json).is_err());
    }
}
