//! The pipeline: article + extraction → anchored quotes → reinforced signal → brief.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use chrono::{DateTime, Utc};

use crate::anchor::{Locator, PreparedText};
use crate::assemble::{
    self, ArticleRecord, VerifiedExtraction, assemble, ledger, member_order, signal_id,
    stable_hash, to_signal_strength,
};
use crate::brief::{Composed, Composer, Snapshot};
use crate::report::{IngestOutcome, IngestReport};
use crate::score::limits::MAX_READINGS_PER_ARTICLE;
use crate::score::{
    self, ClusterConfig, Explanation, ExtractionFeatures, Fingerprint, Ledger, Scorer,
    SignalClusters,
};
use crate::signal::limits::MAX_QUOTES;
use crate::signal::{ArticleId, Extraction, Quote, Signal, SignalId};
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
    /// The article's fingerprint, when it will be needed.
    fingerprint: Option<Fingerprint>,
}

/// One signal with the ledger behind its strength.
#[derive(Debug, Clone)]
pub(crate) struct SignalEntry {
    pub(crate) signal: Signal,
    pub(crate) ledger: Ledger,
}

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
        self.apply(article, extraction, checked, now)
    }

    /// Ingests many articles' extractions at once, checking quotes on every core, then assigning
    /// in the order given; returns one result per pair, in that order.
    ///
    /// The outcome is the same as calling [`Pipeline::ingest`] on each pair in turn. Checking
    /// quotes and fingerprinting articles (which read no state) run on worker threads while
    /// this thread assigns the pairs already checked, in order, so the two overlap.
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
        let (sender, receiver) = mpsc::channel::<(usize, Option<Result<Checked, Error>>)>();
        std::thread::scope(|scope| {
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
                    results.push(match (checked, error) {
                        (Some(checked), _) => checked
                            .and_then(|checked| self.apply(article, extraction, checked, now)),
                        (None, Some(error)) => Err(error),
                        // Every pair has a plan or an error; ingesting afresh is still right.
                        (None, None) => self.ingest(article, extraction, now),
                    });
                }
            }
            results
        })
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

    /// The part of an ingest that changes state.
    fn apply(
        &mut self,
        article: &Article,
        extraction: &Extraction,
        checked: Checked,
        now: DateTime<Utc>,
    ) -> Result<IngestReport, Error> {
        let Checked {
            key,
            accepted,
            rejected,
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
                outcome: IngestOutcome::AlreadyIngested { signal },
            });
        }
        let report = |outcome| IngestReport {
            article: article.id().clone(),
            accepted: accepted.clone(),
            rejected: rejected.clone(),
            outcome,
        };
        if accepted.is_empty() {
            return Ok(report(IngestOutcome::NoQuoteAccepted));
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
        self.extractions.insert(key, verified);
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
        let (id, explanation) = self.rebuild(cluster, now)?;
        let after = self.signals.get(&id).map(|e| e.signal.strength());
        let explanation = Box::new(explanation);
        let outcome = match (before, after) {
            (Some(before), Some(after)) => IngestOutcome::Reinforced {
                signal: id,
                before,
                after,
                explanation,
            },
            (_, Some(strength)) => IngestOutcome::Created {
                signal: id,
                strength,
                explanation,
            },
            (_, None) => IngestOutcome::NoQuoteAccepted,
        };
        Ok(report(outcome))
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
        let signal = assemble(id.clone(), &self.articles, &members, strength)?;
        if let Some(old) = self.cluster_ids.insert(cluster, id.clone())
            && old != id
        {
            self.signals.remove(&old);
        }
        self.signals
            .insert(id.clone(), SignalEntry { signal, ledger });
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

/// Checks `extraction`'s quotes against `article` and fingerprints the article when it will be
/// needed, as `plan` says: work that reads no state, so it can run on any thread.
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
    Ok(Checked {
        key,
        accepted,
        rejected,
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
