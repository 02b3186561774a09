//! The pipeline: article + extraction → anchored quotes → reinforced signal → brief.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use chrono::{DateTime, Utc};

use crate::anchor::{Locator, PreparedText};
use crate::assemble::{
    self, ArticleRecord, Assembly, VerifiedExtraction, ledger, member_order, member_position,
    signal_id, stable_hash, to_signal_strength,
};
use crate::brief::{Composed, Composer, Snapshot};
use crate::grounding::{Paragraph, ParagraphGrounding, flagged_claims, ground_extraction};
use crate::report::{IngestOutcome, IngestReport};
use crate::score::limits::MAX_READINGS_PER_ARTICLE;
use crate::score::{
    self, ClusterConfig, Explanation, ExtractionFeatures, Fingerprint, Ledger, Scorer,
    SignalClusters,
};
use crate::signal::limits::MAX_QUOTES;
use crate::signal::{ArticleId, Extraction, Quote, Signal, SignalId, Strength};
use crate::verify::{AcceptedQuote, RejectedQuote, verify_quotes};
use crate::{Article, Error};

/// How a [`Pipeline`] verifies, scores, clusters and composes; every part has documented
/// defaults ([`PipelineConfig::default`]).
#[derive(Debug, Clone, Default)]
pub struct PipelineConfig {
    /// Quote location thresholds.
    pub locator: Locator,
    /// Strength scoring: reliability weights, decay, thresholds.
    pub scorer: Scorer,
    /// When an extraction joins an existing signal.
    pub clusters: ClusterConfig,
    /// When a brief is due and what goes in it.
    pub composer: Composer,
}

/// An extraction's key and what the state knew of it when its check was planned.
#[derive(Debug)]
struct Plan {
    key: String,
    known_extraction: bool,
    known_article: bool,
}

/// What checking an extraction against its article found, before any state changes.
#[derive(Debug)]
struct Checked {
    key: String,
    accepted: Vec<AcceptedQuote>,
    rejected: Vec<RejectedQuote>,
    /// The analysis and reasoning, claim by claim, checked against the article.
    grounding: Vec<ParagraphGrounding>,
    /// The article's fingerprint, when it will be needed.
    fingerprint: Option<Fingerprint>,
}

/// One signal with the ledger behind its strength and the assembly of its members it is built
/// from.
#[derive(Debug, Clone)]
pub(crate) struct SignalEntry {
    pub(crate) signal: Signal,
    pub(crate) ledger: Ledger,
    pub(crate) assembly: Assembly,
}

/// Signals that a batch ingest folded new members into, built once at the end of the batch:
/// each with its strength after its last fold and the batch position of that ingest.
type Unbuilt = BTreeMap<SignalId, (Strength, usize)>;

/// The whole journey from articles and model extractions to a morning brief, with state that
/// survives from one day to the next.
///
/// - [`Pipeline::ingest`] checks one extraction's quotes against its article, assigns it to a
///   signal and reports what happened.
/// - [`Pipeline::compose`] decides whether a brief is due at an instant and remembers what it
///   sent, so nothing repeats.
/// - [`Pipeline::save`] and [`Pipeline::load`] keep the state in a versioned JSON file, written
///   atomically.
///
/// The signals are a pure function of the set of verified extractions: after
/// [`Pipeline::settle`] (which `compose` runs), the same articles ingested in any order give the
/// same state and the same brief, byte for byte.
///
/// # Example
///
/// ```
/// use bellwether::{Article, Pipeline};
/// use bellwether::signal::{ArticleId, Extraction};
///
/// let text = "Officials said on Tuesday that \u{201C}capability now propagates through software, \
///             and software is not what export-control architectures were built to govern.\u{201D}";
/// let article = Article::new(
///     ArticleId::new("a1")?, "The software layer", "Pacific Policy Review",
///     "2026-05-12T09:30:00Z".parse()?, text,
/// )?;
/// let extraction: Extraction = serde_json::from_str(r#"{
///     "article_id": "a1", "extracted_at": "2026-05-12T13:00:00Z",
///     "thesis": "Export controls cannot govern capability that moves as software",
///     "strength": 6, "regions": ["US", "CN"],
///     "quotes": [
///         {"text": "software is not what export-control architectures were built to govern",
///          "anchors": ["export-control architectures"]},
///         {"text": "chips are the only lever that matters", "anchors": ["chips"]}
///     ]
/// }"#)?;
///
/// let mut pipeline = Pipeline::new();
/// let report = pipeline.ingest(&article, &extraction, "2026-05-12T18:00:00Z".parse()?)?;
/// assert_eq!((report.accepted.len(), report.rejected.len()), (1, 1)); // the second is fabricated
/// assert!(report.signal().is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Pipeline {
    pub(crate) config: PipelineConfig,
    pub(crate) articles: BTreeMap<ArticleId, ArticleRecord>,
    pub(crate) extractions: BTreeMap<String, VerifiedExtraction>,
    pub(crate) clusters: SignalClusters,
    pub(crate) signals: BTreeMap<SignalId, SignalEntry>,
    pub(crate) cluster_ids: BTreeMap<score::SignalId, SignalId>,
    pub(crate) last_brief: Option<Snapshot>,
    pub(crate) settled_at: Option<DateTime<Utc>>,
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::with_config(PipelineConfig::default())
    }
}

impl Pipeline {
    /// A pipeline with the default configuration and no state.
    pub fn new() -> Self {
        Pipeline::default()
    }

    /// A pipeline with `config` and no state.
    pub fn with_config(config: PipelineConfig) -> Self {
        let clusters = SignalClusters::new(config.clusters);
        Pipeline {
            config,
            articles: BTreeMap::new(),
            extractions: BTreeMap::new(),
            clusters,
            signals: BTreeMap::new(),
            cluster_ids: BTreeMap::new(),
            last_brief: None,
            settled_at: None,
        }
    }

    /// The configuration.
    pub fn config(&self) -> &PipelineConfig {
        &self.config
    }

    /// Checks `extraction`'s quotes against `article`, then adds it to the signal it reinforces
    /// (or a new one), scoring strengths at `now`.
    ///
    /// Misquoted and fabricated quotes are dropped and listed in the report; an extraction with
    /// no accepted quote reinforces nothing. Ingesting the same extraction again changes nothing.
    ///
    /// # Errors
    ///
    /// [`Error::WrongArticle`] when the extraction names another article; [`Error::Score`] or
    /// [`Error::Cluster`] when scoring or clustering rejects the evidence (e.g. a timestamp out
    /// of range); [`Error::Signal`] when the merged signal would break an invariant of the model
    /// (e.g. more than [`MAX_LIST_LEN`](crate::signal::limits::MAX_LIST_LEN) actors).
    pub fn ingest(
        &mut self,
        article: &Article,
        extraction: &Extraction,
        now: DateTime<Utc>,
    ) -> Result<IngestReport, Error> {
        let checked = self.check(article, extraction)?;
        self.apply(article, extraction, checked, now, None)
    }

    /// Ingests many articles' extractions at once, checking quotes on every core, then assigning
    /// in the order given; returns one result per pair, in that order.
    ///
    /// The outcome is the same as calling [`Pipeline::ingest`] on each pair in turn. Checking
    /// quotes and fingerprinting articles (which read no state) run on worker threads while
    /// this thread assigns the pairs already checked, in order, so the two overlap; a signal
    /// reinforced several times in the batch is built once, at the end.
    pub fn ingest_batch(
        &mut self,
        batch: &[(Article, Extraction)],
        now: DateTime<Utc>,
    ) -> Vec<Result<IngestReport, Error>> {
        // What the state knows before the batch, read now: the workers cannot read the state
        // while it changes (and `apply` checks both again).
        let (mut plans, mut errors) = (Vec::with_capacity(batch.len()), Vec::new());
        for (article, extraction) in batch {
            match self.plan(article, extraction) {
                Ok(plan) => {
                    plans.push(Some(plan));
                    errors.push(None);
                }
                Err(error) => {
                    plans.push(None);
                    errors.push(Some(error));
                }
            }
        }
        let locator = self.config.locator.clone();
        let workers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(batch.len())
            .max(1);
        let next = AtomicUsize::new(0);
        let mut unbuilt = Unbuilt::new();
        let (sender, receiver) = mpsc::channel::<(usize, Option<Result<Checked, Error>>)>();
        let mut results = std::thread::scope(|scope| {
            for _ in 0..workers {
                let (sender, next, plans, locator) = (sender.clone(), &next, &plans, &locator);
                scope.spawn(move || {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let (Some((article, extraction)), Some(plan)) =
                            (batch.get(i), plans.get(i))
                        else {
                            break;
                        };
                        let checked = plan
                            .as_ref()
                            .map(|plan| check_quotes(locator, article, extraction, plan));
                        if sender.send((i, checked)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(sender);
            let mut errors = errors.into_iter();
            let mut waiting: BTreeMap<usize, Option<Result<Checked, Error>>> = BTreeMap::new();
            let mut results = Vec::with_capacity(batch.len());
            for (i, checked) in receiver {
                waiting.insert(i, checked);
                while let Some(checked) = waiting.remove(&results.len()) {
                    let error = errors.next().flatten();
                    let Some((article, extraction)) = batch.get(results.len()) else {
                        break;
                    };
                    let position = results.len();
                    results.push(match (checked, error) {
                        (Some(checked), _) => checked.and_then(|checked| {
                            let unbuilt = Some((&mut unbuilt, position));
                            self.apply(article, extraction, checked, now, unbuilt)
                        }),
                        (None, Some(error)) => Err(error),
                        // Every pair has a plan or an error; checking afresh is still right.
                        (None, None) => self.check(article, extraction).and_then(|checked| {
                            let unbuilt = Some((&mut unbuilt, position));
                            self.apply(article, extraction, checked, now, unbuilt)
                        }),
                    });
                }
            }
            results
        });
        for (id, (strength, position)) in unbuilt {
            // The last ingest that reinforced the signal answers for it.
            if let Err(error) = self.build_signal(&id, strength)
                && let Some(result) = results.get_mut(position)
            {
                *result = Err(error);
            }
        }
        results
    }

    /// The part of an ingest that reads no state: the key, the quotes checked against the
    /// article, and the article's fingerprint.
    fn check(&self, article: &Article, extraction: &Extraction) -> Result<Checked, Error> {
        let plan = self.plan(article, extraction)?;
        check_quotes(&self.config.locator, article, extraction, &plan)
    }

    /// The extraction's key and what the state already knows of it and its article.
    fn plan(&self, article: &Article, extraction: &Extraction) -> Result<Plan, Error> {
        if extraction.article_id() != article.id() {
            return Err(Error::WrongArticle {
                extraction: extraction.article_id().to_string(),
                article: article.id().to_string(),
            });
        }
        let key = extraction_key(extraction)?;
        Ok(Plan {
            known_extraction: self.extractions.contains_key(&key),
            known_article: self.articles.contains_key(article.id()),
            key,
        })
    }

    /// The part of an ingest that changes state. With `unbuilt` (in a batch), a signal
    /// reinforced by folding the new member in is listed there to be built at the end of the
    /// batch rather than now.
    fn apply(
        &mut self,
        article: &Article,
        extraction: &Extraction,
        checked: Checked,
        now: DateTime<Utc>,
        unbuilt: Option<(&mut Unbuilt, usize)>,
    ) -> Result<IngestReport, Error> {
        let Checked {
            key,
            accepted,
            rejected,
            grounding,
            fingerprint,
        } = checked;
        if self.extractions.contains_key(&key) {
            let signal = self
                .clusters
                .signal_of(&key)
                .and_then(|c| self.cluster_ids.get(&c).cloned());
            return Ok(IngestReport {
                article: article.id().clone(),
                accepted: Vec::new(),
                rejected: Vec::new(),
                grounding: Vec::new(),
                outcome: IngestOutcome::AlreadyIngested { signal },
            });
        }
        if accepted.is_empty() {
            return Ok(IngestReport {
                article: article.id().clone(),
                accepted,
                rejected,
                grounding,
                outcome: IngestOutcome::NoQuoteAccepted,
            });
        }

        // Everything that can fail is checked before the state changes, so a failed ingest
        // leaves the pipeline exactly as it was (and later settles, composes and loads work).
        let new_record = match self.articles.contains_key(article.id()) {
            true => None,
            false => Some(ArticleRecord {
                source: article.source().clone(),
                fingerprint: match fingerprint {
                    Some(fingerprint) => fingerprint,
                    None => Fingerprint::of_text(article.text())?,
                },
            }),
        };
        let confidence = accepted
            .iter()
            .map(|a| a.quote.match_quality().map_or(0.0, |q| q.score()))
            .sum::<f64>()
            / accepted.len() as f64;
        let verified = VerifiedExtraction {
            key: key.clone(),
            extraction: extraction.clone(),
            quotes: accepted.iter().map(|a| a.quote.clone()).collect(),
            confidence,
            analysis_flagged: flagged_claims(&grounding, |p| p == Paragraph::Analysis)?,
            reasoning_flagged: flagged_claims(&grounding, |p| p != Paragraph::Analysis)?,
        };
        self.check_article_room(&verified)?;
        // Validates the publication time and confidence the ledger will hold, and `now`.
        if let Some(record) = new_record
            .as_ref()
            .or_else(|| self.articles.get(article.id()))
        {
            assemble::evidence(record, &verified)?;
        }
        self.config.scorer.score(&Ledger::new(), now)?;
        // Clustering changes nothing when it fails.
        let assignment = self.clusters.assign(features(&verified))?;

        if let Some(record) = new_record {
            self.articles.insert(article.id().clone(), record);
        }
        self.extractions.insert(key.clone(), verified);
        let cluster = assignment.signal;
        let before = match self
            .cluster_ids
            .get(&cluster)
            .and_then(|id| self.signals.get(id))
        {
            Some(entry) => Some(to_signal_strength(
                self.config.scorer.score(&entry.ledger, now)?.strength,
            )?),
            None => None,
        };
        let (id, explanation, after) = match self.fold_in(cluster, &key, now)? {
            Some((id, explanation, strength)) => {
                match unbuilt {
                    Some((unbuilt, position)) => {
                        unbuilt.insert(id.clone(), (strength, position));
                    }
                    None => self.build_signal(&id, strength)?,
                }
                (id, explanation, strength)
            }
            None => {
                let (id, explanation) = self.rebuild(cluster, now)?;
                if let Some((unbuilt, _)) = unbuilt {
                    unbuilt.remove(&id);
                }
                let strength = to_signal_strength(explanation.strength)?;
                (id, explanation, strength)
            }
        };
        let explanation = Box::new(explanation);
        let outcome = match before {
            Some(before) => IngestOutcome::Reinforced {
                signal: id,
                before,
                after,
                explanation,
            },
            None => IngestOutcome::Created {
                signal: id,
                strength: after,
                explanation,
            },
        };
        Ok(IngestReport {
            article: article.id().clone(),
            accepted,
            rejected,
            grounding,
            outcome,
        })
    }

    /// Folds the extraction `key`, just assigned to `cluster`, into the signal the cluster
    /// already has: its ledger takes the new evidence and its assembly the new member, scored
    /// at `now`; the signal itself is left to [`Pipeline::build_signal`]. Returns the signal's
    /// id, the explanation of its strength and the strength.
    ///
    /// Returns `None` when the signal must be rebuilt from all its members instead: the
    /// cluster is new, the member comes before one already folded in (an older article), the
    /// cluster holds members the assembly does not, or the ledger is full (a rebuild keeps the
    /// latest evidence).
    fn fold_in(
        &mut self,
        cluster: score::SignalId,
        key: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(SignalId, Explanation, Strength)>, Error> {
        let Some(id) = self.cluster_ids.get(&cluster) else {
            return Ok(None);
        };
        let (Some(entry), Some(member)) = (self.signals.get_mut(id), self.extractions.get(key))
        else {
            return Ok(None);
        };
        if !entry
            .assembly
            .precedes(&member_position(&self.articles, member))
        {
            return Ok(None);
        }
        let Ok(members) = self.clusters.members(cluster) else {
            return Ok(None);
        };
        if members.count() != entry.assembly.len() + 1 {
            return Ok(None);
        }
        let Some(record) = self.articles.get(member.extraction.article_id()) else {
            return Ok(None);
        };
        // A refused insert leaves the ledger as it was.
        if entry
            .ledger
            .insert(assemble::evidence(record, member)?)
            .is_err()
        {
            return Ok(None);
        }
        let explanation = self.config.scorer.explain(&entry.ledger, now)?;
        let strength = to_signal_strength(explanation.strength)?;
        entry.assembly.fold(&self.articles, member);
        Ok(Some((id.clone(), explanation, strength)))
    }

    /// Builds signal `id` from its assembly at `strength`.
    fn build_signal(&mut self, id: &SignalId, strength: Strength) -> Result<(), Error> {
        if let Some(entry) = self.signals.get_mut(id) {
            entry.signal = entry.assembly.build(id.clone(), strength)?;
        }
        Ok(())
    }

    /// Checks that `verified` keeps its article within [`MAX_READINGS_PER_ARTICLE`] extractions
    /// and [`MAX_QUOTES`] distinct quotes and reasoning paragraphs over all its extractions, the
    /// most one article's evidence and one source of a signal hold.
    fn check_article_room(&self, verified: &VerifiedExtraction) -> Result<(), Error> {
        let article = verified.extraction.article_id();
        // Keys are `article#hash`, and `$` follows `#`: the range holds this article's keys.
        let range = format!("{article}#")..format!("{article}$");
        let earlier: Vec<&VerifiedExtraction> =
            self.extractions.range(range).map(|(_, v)| v).collect();
        let mut quotes: BTreeSet<&str> = earlier
            .iter()
            .flat_map(|v| v.quotes.iter().map(Quote::text))
            .collect();
        quotes.extend(verified.quotes.iter().map(Quote::text));
        let mut reasoning: BTreeSet<&str> = earlier
            .iter()
            .flat_map(|v| v.extraction.reasoning().iter().map(String::as_str))
            .collect();
        reasoning.extend(verified.extraction.reasoning().iter().map(String::as_str));
        for (what, count, max) in [
            ("extractions", earlier.len() + 1, MAX_READINGS_PER_ARTICLE),
            ("distinct quotes", quotes.len(), MAX_QUOTES),
            ("distinct reasoning paragraphs", reasoning.len(), MAX_QUOTES),
        ] {
            if count > max {
                return Err(Error::ArticleFull {
                    article: article.to_string(),
                    what,
                    count,
                    max,
                });
            }
        }
        Ok(())
    }

    /// Rebuilds the signal of `cluster` from its members, scored at `now`; returns its id and
    /// the explanation of its strength.
    fn rebuild(
        &mut self,
        cluster: score::SignalId,
        now: DateTime<Utc>,
    ) -> Result<(SignalId, Explanation), Error> {
        let mut members: Vec<&VerifiedExtraction> = self
            .clusters
            .members(cluster)?
            .filter_map(|features| self.extractions.get(&features.extraction_id))
            .collect();
        members.sort_by(|a, b| member_order(&self.articles, a, b));
        let Some(first) = members.first() else {
            return Err(score::ClusterError::UnknownSignal { signal: cluster }.into());
        };
        let id = signal_id(first)?;
        let ledger = ledger(&self.articles, &members)?;
        let explanation = self.config.scorer.explain(&ledger, now)?;
        let strength = to_signal_strength(explanation.strength)?;
        let assembly = Assembly::of(&self.articles, &members);
        let signal = assembly.build(id.clone(), strength)?;
        if let Some(old) = self.cluster_ids.insert(cluster, id.clone())
            && old != id
        {
            self.signals.remove(&old);
        }
        self.signals.insert(
            id.clone(),
            SignalEntry {
                signal,
                ledger,
                assembly,
            },
        );
        Ok((id, explanation))
    }

    /// Re-clusters every verified extraction in one deterministic batch and rebuilds every
    /// signal scored at `now`, so that the state depends only on what was ingested, not on the
    /// order it arrived in.
    ///
    /// # Errors
    ///
    /// As [`Pipeline::ingest`].
    pub fn settle(&mut self, now: DateTime<Utc>) -> Result<(), Error> {
        let features: Vec<ExtractionFeatures> = self.extractions.values().map(features).collect();
        self.clusters = SignalClusters::batch(self.config.clusters, features)?;
        self.signals.clear();
        self.cluster_ids.clear();
        let clusters: Vec<score::SignalId> = self.clusters.signals().collect();
        for cluster in clusters {
            self.rebuild(cluster, now)?;
        }
        self.settled_at = Some(now);
        Ok(())
    }

    /// Settles the state at `now` and composes the brief due then, against the last brief
    /// sent; a brief becomes the new "last brief", so the next one reports only what changed.
    ///
    /// # Errors
    ///
    /// As [`Pipeline::settle`], and [`Error::Compose`] when the composer rejects a signal.
    pub fn compose(&mut self, now: DateTime<Utc>) -> Result<Composed, Error> {
        self.settle(now)?;
        let signals: Vec<Signal> = self.signals.values().map(|e| e.signal.clone()).collect();
        let composed =
            self.config
                .composer
                .compose_owned(signals, self.last_brief.as_ref(), now)?;
        if let Composed::Brief(brief) = &composed {
            self.last_brief = Some(brief.snapshot().clone());
        }
        Ok(composed)
    }

    /// Every signal, by id.
    pub fn signals(&self) -> impl Iterator<Item = &Signal> {
        self.signals.values().map(|e| &e.signal)
    }

    /// The signal with `id`.
    pub fn signal(&self, id: &SignalId) -> Option<&Signal> {
        self.signals.get(id).map(|e| &e.signal)
    }

    /// How the strength of signal `id` is reached at `now`: every origin's contribution, the
    /// effective number of independent sources, and when it will next drop.
    ///
    /// Returns `Ok(None)` for an unknown id.
    ///
    /// # Errors
    ///
    /// [`Error::Score`] when `now` is out of the scorer's range.
    pub fn explain(&self, id: &SignalId, now: DateTime<Utc>) -> Result<Option<Explanation>, Error> {
        match self.signals.get(id) {
            Some(entry) => Ok(Some(self.config.scorer.explain(&entry.ledger, now)?)),
            None => Ok(None),
        }
    }

    /// The instant of the last [`Pipeline::settle`] (or compose), if any.
    pub fn settled_at(&self) -> Option<DateTime<Utc>> {
        self.settled_at
    }

    /// The snapshot of the last brief composed, if any.
    pub fn last_brief(&self) -> Option<&Snapshot> {
        self.last_brief.as_ref()
    }

    /// How many distinct articles have contributed accepted quotes.
    pub fn article_count(&self) -> usize {
        self.articles.len()
    }
}

/// The key of an extraction: its article and a hash of its canonical JSON, so that the same
/// extraction delivered twice is recognised and different extractions of one article are not.
fn extraction_key(extraction: &Extraction) -> Result<String, Error> {
    let json = serde_json::to_vec(extraction).map_err(|source| Error::Serialize { source })?;
    Ok(format!(
        "{}#{:016x}",
        extraction.article_id(),
        stable_hash(&json)
    ))
}

/// Checks `extraction`'s quotes against `article`, grounds its analysis and reasoning there, and
/// fingerprints the article when it will be needed, as `plan` says: work that reads no state, so
/// it can run on any thread.
fn check_quotes(
    locator: &Locator,
    article: &Article,
    extraction: &Extraction,
    plan: &Plan,
) -> Result<Checked, Error> {
    let key = plan.key.clone();
    if plan.known_extraction {
        return Ok(Checked {
            key,
            accepted: Vec::new(),
            rejected: Vec::new(),
            grounding: Vec::new(),
            fingerprint: None,
        });
    }
    let prepared = PreparedText::new(article.text());
    let (accepted, rejected) =
        verify_quotes(locator, article.source(), &prepared, extraction.quotes());
    let fingerprint = match accepted.is_empty() || plan.known_article {
        true => None,
        false => Some(Fingerprint::of_text(article.text())?),
    };
    let grounding = ground_extraction(article.text(), extraction)?;
    Ok(Checked {
        key,
        accepted,
        rejected,
        grounding,
        fingerprint,
    })
}

/// What clustering compares: thesis, actor identities, region codes and tag labels.
fn features(verified: &VerifiedExtraction) -> ExtractionFeatures {
    let extraction = &verified.extraction;
    ExtractionFeatures::new(
        verified.key.as_str(),
        extraction.article_id().as_str(),
        extraction.thesis(),
    )
    .with_actors(
        extraction
            .actors()
            .iter()
            .map(|a| a.identity().as_str().to_owned()),
    )
    .with_regions(extraction.regions().iter().map(|r| r.as_str()))
    .with_tags(extraction.tags().labels().map(str::to_lowercase))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::signal::{Actor, FlaggedClaim, Region, SourceArticle, Tags};

    /// A source of the oracle: the article, its quotes, reasoning and flagged claims.
    type OracleSource = (SourceArticle, Vec<Quote>, Vec<String>, Vec<FlaggedClaim>);

    /// The signal of `members` (in member order) built from scratch, member by member: the
    /// obviously correct oracle the folded assembly must agree with.
    fn assemble_from_scratch(
        id: SignalId,
        articles: &BTreeMap<ArticleId, ArticleRecord>,
        members: &[&VerifiedExtraction],
        strength: Strength,
    ) -> Signal {
        fn most_mentioned<T: Clone>(values: Vec<(T, usize)>, limit: usize) -> Vec<T> {
            let mut order: Vec<usize> = (0..values.len()).collect();
            order.sort_by_key(|&i| std::cmp::Reverse(values[i].1));
            let mut kept: Vec<usize> = order.into_iter().take(limit).collect();
            kept.sort_unstable();
            kept.into_iter().map(|i| values[i].0.clone()).collect()
        }
        let first = &members[0].extraction;
        let mut builder =
            Signal::builder(id, first.thesis(), strength).extraction_count(members.len() as u32);
        if let Some(member) = members
            .iter()
            .rev()
            .find(|m| m.extraction.analysis().is_some())
        {
            builder = builder.analysis(member.extraction.analysis().unwrap());
            for claim in &member.analysis_flagged {
                builder = builder.analysis_flagged_claim(claim.clone());
            }
        }
        let mut tags = Tags::default();
        let mut regions: Vec<(Region, usize)> = Vec::new();
        let mut actors: Vec<(Actor, usize)> = Vec::new();
        let mut sources: Vec<OracleSource> = Vec::new();
        for member in members {
            let extraction = &member.extraction;
            tags = tags.union(extraction.tags());
            for region in extraction.regions() {
                match regions.iter_mut().find(|(r, _)| r == region) {
                    Some((_, n)) => *n += 1,
                    None => regions.push((*region, 1)),
                }
            }
            for actor in extraction.actors() {
                let same: Vec<usize> = (0..actors.len())
                    .filter(|&i| actors[i].0.is_same_as(actor))
                    .collect();
                if same.is_empty() {
                    actors.push((actor.clone(), 1));
                    continue;
                }
                let mut merged = actors[same[0]].0.absorb(actor);
                let mut mentions = actors[same[0]].1 + 1;
                for &other in &same[1..] {
                    merged = merged.absorb(&actors[other].0);
                    mentions += actors[other].1;
                }
                actors[same[0]] = (merged, mentions);
                for &other in same[1..].iter().rev() {
                    actors.remove(other);
                }
            }
            let record = &articles[extraction.article_id()];
            let at = match sources.iter().position(|s| s.0.id() == record.source.id()) {
                Some(at) => at,
                None => {
                    sources.push((record.source.clone(), Vec::new(), Vec::new(), Vec::new()));
                    sources.len() - 1
                }
            };
            let (_, quotes, reasoning, flagged) = &mut sources[at];
            for quote in &member.quotes {
                if quotes.len() < MAX_QUOTES && quotes.iter().all(|q| q.text() != quote.text()) {
                    quotes.push(quote.clone());
                }
            }
            for (index, paragraph) in extraction.reasoning().iter().enumerate() {
                if reasoning.len() < MAX_QUOTES && !reasoning.contains(paragraph) {
                    reasoning.push(paragraph.clone());
                }
                let Some(at) = reasoning.iter().position(|p| p == paragraph) else {
                    continue;
                };
                for claim in &member.reasoning_flagged {
                    let new = flagged
                        .iter()
                        .all(|f: &FlaggedClaim| f.paragraph() != at || f.text() != claim.text());
                    if claim.paragraph() == index && new && flagged.len() < MAX_QUOTES {
                        flagged.push(claim.in_paragraph(at));
                    }
                }
            }
        }
        let published = members
            .iter()
            .map(|m| articles[m.extraction.article_id()].source.published());
        builder = builder
            .first_seen(published.clone().min().unwrap())
            .last_reinforced(published.max().unwrap());
        let skip = sources
            .len()
            .saturating_sub(crate::signal::limits::MAX_SOURCES);
        let sources = sources
            .into_iter()
            .skip(skip)
            .map(|(mut source, quotes, reasoning, flagged)| {
                for quote in quotes {
                    source = source.with_quote(quote).unwrap();
                }
                for paragraph in reasoning {
                    source = source.with_reasoning(&paragraph).unwrap();
                }
                for claim in flagged {
                    source = source.with_flagged_claim(claim).unwrap();
                }
                source
            })
            .collect();
        builder
            .tags(tags)
            .regions(most_mentioned(regions, crate::signal::limits::MAX_LIST_LEN))
            .actors(most_mentioned(actors, crate::signal::limits::MAX_LIST_LEN))
            .sources(sources)
            .build()
            .unwrap()
    }

    /// Checks every signal of `pipeline` against the oracle built from all its members, and
    /// its ledger against one built from scratch.
    fn assert_signals_match_their_members(pipeline: &Pipeline, now: DateTime<Utc>) {
        assert_eq!(pipeline.signals.len(), pipeline.clusters.signal_count());
        for cluster in pipeline.clusters.signals() {
            let mut members: Vec<&VerifiedExtraction> = pipeline
                .clusters
                .members(cluster)
                .unwrap()
                .map(|f| &pipeline.extractions[&f.extraction_id])
                .collect();
            members.sort_by(|a, b| member_order(&pipeline.articles, a, b));
            let id = signal_id(members[0]).unwrap();
            assert_eq!(pipeline.cluster_ids[&cluster], id);
            let entry = &pipeline.signals[&id];
            let expected_ledger = ledger(&pipeline.articles, &members).unwrap();
            assert_eq!(entry.ledger, expected_ledger);
            assert_eq!(
                serde_json::to_string(&entry.ledger).unwrap(),
                serde_json::to_string(&expected_ledger).unwrap()
            );
            let strength = pipeline.config.scorer.score(&expected_ledger, now).unwrap();
            let strength = to_signal_strength(strength.strength).unwrap();
            let expected = assemble_from_scratch(id, &pipeline.articles, &members, strength);
            assert_eq!(
                serde_json::to_string(&entry.signal).unwrap(),
                serde_json::to_string(&expected).unwrap()
            );
        }
    }

    const SENTENCES: [&str; 6] = [
        "Officials said the new export rules would take effect at the start of next quarter.",
        "Manufacturers warned that the licensing backlog could delay shipments for months.",
        "Analysts expect the measures to push buyers toward suppliers in other regions.",
        "The ministry said it would review the rules again after consulting industry groups.",
        "Several firms have already moved part of their production to neighbouring countries.",
        "Diplomats described the talks as difficult but said a framework was within reach.",
    ];
    /// Two groups of spellings of one actor each: an extraction names at most one of a group.
    const ACTORS: [[&str; 3]; 2] = [
        [
            r#"{"name": "BIS", "kind": "government_body", "aliases": ["Bureau of Industry and Security"]}"#,
            r#"{"name": "Commerce Bureau", "kind": "government_body"}"#,
            r#"{"name": "Bureau of Industry and Security", "kind": "government_body", "aliases": ["BIS", "Commerce Bureau"]}"#,
        ],
        [
            r#"{"name": "OpenAI", "kind": "company"}"#,
            r#"{"name": "Open AI", "kind": "company", "aliases": ["OpenAI Inc"]}"#,
            r#"{"name": "Anthropic", "kind": "company"}"#,
        ],
    ];
    /// Topics: one spelling of "AI" at most (a list holds each value once, ignoring case).
    const TOPICS: [&str; 4] = ["\"AI\"", "\"ai\"", "\"Chips\"", "\"export controls\""];
    const REGIONS: [&str; 3] = ["\"US\"", "\"CN\"", "\"DE\""];

    /// One delivery: article number, minutes after a base instant it was published, outlet,
    /// and the choices (bit sets) of its extraction.
    type Delivery = (usize, u16, u8, [u8; 6]);

    fn delivery() -> impl Strategy<Value = Delivery> {
        (0usize..8, 0u16..3000, 0u8..3, any::<[u8; 6]>())
    }

    fn pick<'a>(options: &[&'a str], bits: u8) -> Vec<&'a str> {
        options
            .iter()
            .enumerate()
            .filter(|(i, _)| bits >> i & 1 == 1)
            .map(|(_, o)| *o)
            .collect()
    }

    fn build((number, minutes, outlet, choices): Delivery) -> (Article, Extraction) {
        let published = "2026-05-12T09:00:00Z".parse::<DateTime<Utc>>().unwrap()
            + chrono::TimeDelta::minutes(i64::from(minutes));
        let mut text = format!("Report number {number} from the desk. ");
        for k in 0..SENTENCES.len() {
            text.push_str(SENTENCES[(k + number) % SENTENCES.len()]);
            text.push(' ');
        }
        let id = format!("article-{number}");
        let article = Article::new(
            ArticleId::new(&id).unwrap(),
            "A report",
            ["Wire One", "Wire Two", "Daily Three"][usize::from(outlet)],
            published,
            &text,
        )
        .unwrap();
        let quotes: Vec<String> = pick(&SENTENCES, choices[0] | 1)
            .iter()
            .map(|q| format!(r#"{{"text": {q:?}}}"#))
            .collect();
        let reasoning = pick(
            &["\"One reading.\"", "\"Another reading.\""],
            choices[1] & 3,
        );
        let analysis = match choices[1] >> 2 & 3 {
            0 => String::new(),
            n => format!(r#""analysis": "Analysis {n}.","#),
        };
        let json = format!(
            r#"{{"article_id": {id:?}, "extracted_at": "2026-05-13T06:00:00Z",
                "thesis": "Export rules push production toward neighbouring countries",
                {analysis} "strength": 6,
                "tags": {{"nature": ["structural"], "domains": ["economic"], "topics": [{}]}},
                "regions": [{}], "actors": [{}], "quotes": [{}], "reasoning": [{}]}}"#,
            pick(
                &TOPICS,
                [0, 1, 2][usize::from(choices[2] % 3)] | choices[2] >> 2 & 0b1100
            )
            .join(","),
            pick(&REGIONS, choices[3]).join(","),
            ACTORS
                .iter()
                .zip([choices[4] % 4, choices[4] >> 2 & 3])
                .filter_map(|(group, choice)| group.get(usize::from(choice)))
                .copied()
                .collect::<Vec<_>>()
                .join(","),
            quotes.join(","),
            reasoning.join(","),
        );
        (article, serde_json::from_str(&json).unwrap())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn folded_signals_equal_signals_built_from_all_their_members(
            deliveries in prop::collection::vec(delivery(), 1..14),
        ) {
            let now: DateTime<Utc> = "2026-05-15T07:00:00Z".parse().unwrap();
            let deliveries: Vec<(Article, Extraction)> =
                deliveries.into_iter().map(build).collect();
            let mut one_by_one = Pipeline::new();
            for (article, extraction) in &deliveries {
                // Another record of an article already ingested is refused; that is fine here.
                let _ = one_by_one.ingest(article, extraction, now);
                assert_signals_match_their_members(&one_by_one, now);
            }
            let mut batched = Pipeline::new();
            let (head, tail) = deliveries.split_at(deliveries.len() / 2);
            for batch in [head, tail] {
                batched.ingest_batch(batch, now);
                assert_signals_match_their_members(&batched, now);
            }
            prop_assert_eq!(batched.to_json().unwrap(), one_by_one.to_json().unwrap());
        }
    }
}
