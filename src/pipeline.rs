//! The pipeline: article + extraction → anchored quotes → reinforced signal → brief.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use chrono::{DateTime, Utc};

use crate::anchor::{Locator, PreparedText};
use crate::assemble::{
    self, ArticleRecord, Assembly, VerifiedExtraction, founder, ledger, member_order,
    member_position, signal_id, stable_hash, to_signal_strength,
};
use crate::brief::{Brief, Composed, Composer, Snapshot};
use crate::grounding::{Paragraph, ParagraphGrounding, flagged_claims, ground_extraction};
use crate::identity::{ContentHash, differences};
use crate::prompt::{ExtractionPrompt, PromptCandidate, PromptError};
use crate::references::References;
use crate::report::{ClusteringChoice, IngestOutcome, IngestReport, VerdictOutcome};
use crate::score::limits::MAX_READINGS_PER_ARTICLE;
use crate::score::{
    self, Candidate, CandidateIndex, ClusterConfig, Explanation, ExtractionFeatures, Fingerprint,
    Ledger, Scorer, SignalClusters, Stance,
};
use crate::signal::limits::MAX_QUOTES;
use crate::signal::{ArticleId, Extraction, GroundingTally, Quote, Signal, SignalId, Strength};
use crate::verify::{AcceptedQuote, RejectedQuote, verify_quotes};
use crate::{Article, DateBounds, Error, SignalExplanation};

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
    /// Which publication times are believed (see [`DateBounds`]).
    pub dates: DateBounds,
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
    /// The article's identity.
    content: ContentHash,
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
/// - [`Pipeline::compose`] decides whether a brief is due at an instant;
///   [`Pipeline::record_delivery`], called once it is delivered, remembers what was sent, so
///   nothing repeats.
/// - [`Pipeline::save`] and [`Pipeline::load`] keep the state in a versioned JSON file, written
///   atomically under a writer lock ([`StateLock`](crate::StateLock));
///   [`Pipeline::write_json`] and [`Pipeline::read_json`] move it through any writer and
///   reader.
/// - [`Pipeline::retract`] and [`Pipeline::forget_before`] remove evidence.
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
    /// The model's references to signals, resolved: which extractions join a signal by
    /// reference rather than by clustering (those are not clustered).
    pub(crate) references: References,
    pub(crate) last_brief: Option<Snapshot>,
    pub(crate) settled_at: Option<DateTime<Utc>>,
}

impl Clone for Pipeline {
    /// An independent copy, signals and clustering included. The clustering is copied by
    /// replaying its saved form (linear in the extractions, plus their analysis); if that ever
    /// failed, the copy's clustering is rebuilt in one batch, as [`Pipeline::settle`] does.
    fn clone(&self) -> Self {
        let replayed = serde_json::to_value(&self.clusters)
            .ok()
            .and_then(|value| serde_json::from_value::<SignalClusters>(value).ok());
        let clusters = match replayed {
            Some(clusters) => clusters,
            None => {
                let features = self
                    .extractions
                    .values()
                    .filter(|v| !self.references.is_attached(&v.key))
                    .map(features)
                    .collect();
                SignalClusters::batch(self.config.clusters, features)
                    .unwrap_or_else(|_| SignalClusters::new(self.config.clusters))
            }
        };
        Pipeline {
            config: self.config.clone(),
            articles: self.articles.clone(),
            extractions: self.extractions.clone(),
            clusters,
            references: self.references.clone(),
            signals: self.signals.clone(),
            cluster_ids: self.cluster_ids.clone(),
            last_brief: self.last_brief.clone(),
            settled_at: self.settled_at,
        }
    }
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
            references: References::default(),
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
    /// [`Error::WrongArticle`] when the extraction names another article;
    /// [`Error::ArticleDate`] for an article dated outside the configured [`DateBounds`] at
    /// `now`; [`Error::ArticleConflict`] for an article whose id was ingested before with
    /// another text, URL, outlet or publication time (identity is bound to content: a revised
    /// article needs an id of its own); [`Error::Score`] or
    /// [`Error::Cluster`] when scoring or clustering rejects the evidence (e.g. a timestamp out
    /// of range); [`Error::Signal`] when the merged signal would break an invariant of the model
    /// (e.g. more than [`MAX_LIST_LEN`](crate::signal::limits::MAX_LIST_LEN) actors).
    pub fn ingest(
        &mut self,
        article: &Article,
        extraction: &Extraction,
        now: DateTime<Utc>,
    ) -> Result<IngestReport, Error> {
        let checked = self.check(article, extraction, now)?;
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
            match self.plan(article, extraction, now) {
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
                        (None, None) => self.check(article, extraction, now).and_then(|checked| {
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
    fn check(
        &self,
        article: &Article,
        extraction: &Extraction,
        now: DateTime<Utc>,
    ) -> Result<Checked, Error> {
        let plan = self.plan(article, extraction, now)?;
        check_quotes(&self.config.locator, article, extraction, &plan)
    }

    /// The extraction's key and what the state already knows of it and its article; refuses
    /// an extraction of another article and an article dated outside [`DateBounds`].
    fn plan(
        &self,
        article: &Article,
        extraction: &Extraction,
        now: DateTime<Utc>,
    ) -> Result<Plan, Error> {
        if extraction.article_id() != article.id() {
            return Err(Error::WrongArticle {
                extraction: extraction.article_id().to_string(),
                article: article.id().to_string(),
            });
        }
        let published = article.source().published();
        if let Err(reason) = self.config.dates.check(published, now) {
            return Err(Error::ArticleDate {
                article: article.id().to_string(),
                published,
                reason,
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
            content,
        } = checked;
        // An id names one article: the same id with other content is refused, whatever else.
        if let Some(record) = self.articles.get(article.id()) {
            let fields = differences(record, article, &content);
            if !fields.is_empty() {
                return Err(Error::ArticleConflict {
                    article: article.id().to_string(),
                    fields,
                });
            }
        }
        if self.extractions.contains_key(&key) {
            let signal = self
                .clusters
                .signal_of(self.references.root_of(&key))
                .and_then(|c| self.cluster_ids.get(&c).cloned());
            return Ok(IngestReport {
                article: article.id().clone(),
                accepted: Vec::new(),
                rejected: Vec::new(),
                grounding: Vec::new(),
                outcome: IngestOutcome::AlreadyIngested { signal },
                verdict: None,
            });
        }
        if accepted.is_empty() {
            return Ok(IngestReport {
                article: article.id().clone(),
                accepted,
                rejected,
                grounding,
                outcome: IngestOutcome::NoQuoteAccepted,
                verdict: None,
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
                content: Some(content),
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
            assemble::evidence(record, &verified, Stance::Supports)?;
        }
        self.config.scorer.score(&Ledger::new(), now)?;
        let own_id = signal_id(&verified)?;
        let resolution = self.references.lookup(&verified, &own_id);
        // A reference to a signal that exists decides; otherwise clustering does.
        let honoured = match &resolution {
            Some(Ok(root)) => self.clusters.signal_of(root),
            _ => None,
        };
        let (cluster, clustering) = match honoured {
            Some(cluster) => {
                // What clustering alone would have chosen, for the report.
                let choice = match self.clusters.probe(&features(&verified))? {
                    Some(m) if m.signal == cluster => ClusteringChoice::Same,
                    Some(m) => match self.cluster_ids.get(&m.signal) {
                        Some(signal) => ClusteringChoice::Other {
                            signal: signal.clone(),
                        },
                        None => ClusteringChoice::NewSignal,
                    },
                    None => ClusteringChoice::NewSignal,
                };
                (cluster, Some(choice))
            }
            // Clustering changes nothing when it fails.
            None => (self.clusters.assign(features(&verified))?.signal, None),
        };
        let stance = match (&clustering, extraction.verdict()) {
            (Some(_), Some(crate::signal::Verdict::Contradicts(_))) => Stance::Contradicts,
            _ => Stance::Supports,
        };
        let resolution = match (&resolution, clustering.is_some()) {
            // The root is not clustered (never the case): read it as unknown.
            (Some(Ok(_)), false) => extraction
                .verdict()
                .and_then(|v| v.signal())
                .map(|s| Err(crate::report::IgnoredReason::UnknownSignal { signal: s.clone() })),
            _ => resolution,
        };
        self.references
            .record(&verified, own_id, resolution.as_ref());

        if let Some(record) = new_record {
            self.articles.insert(article.id().clone(), record);
        }
        self.extractions.insert(key.clone(), verified);
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
        let verdict = match (extraction.verdict(), resolution, clustering) {
            (Some(verdict), Some(Ok(_)), Some(clustering)) => Some(VerdictOutcome::Honoured {
                verdict: verdict.clone(),
                signal: id.clone(),
                clustering,
            }),
            (Some(verdict), Some(Err(reason)), _) => Some(VerdictOutcome::Ignored {
                verdict: verdict.clone(),
                reason,
            }),
            _ => None,
        };
        let outcome = match before {
            Some(before) if stance == Stance::Contradicts => IngestOutcome::Challenged {
                signal: id,
                before,
                after,
                explanation,
            },
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
            verdict,
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
        let count: usize = members
            .map(|f| 1 + self.references.attached_to(&f.extraction_id).count())
            .sum();
        if count != entry.assembly.len() + 1 {
            return Ok(None);
        }
        let Some(record) = self.articles.get(member.extraction.article_id()) else {
            return Ok(None);
        };
        let stance = self.references.stance(key);
        // A refused insert leaves the ledger as it was.
        if entry
            .ledger
            .insert(assemble::evidence(record, member, stance)?)
            .is_err()
        {
            return Ok(None);
        }
        let explanation = self.config.scorer.explain(&entry.ledger, now)?;
        let strength = to_signal_strength(explanation.strength)?;
        entry.assembly.fold(&self.articles, member, stance);
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
        let mut members = self.members_of(cluster)?;
        members.sort_by(|a, b| member_order(&self.articles, a, b));
        let Some(first) = founder(&members, &self.references) else {
            return Err(score::ClusterError::UnknownSignal { signal: cluster }.into());
        };
        let id = signal_id(first)?;
        let ledger = ledger(&self.articles, &members, &self.references)?;
        let explanation = self.config.scorer.explain(&ledger, now)?;
        let strength = to_signal_strength(explanation.strength)?;
        let assembly = Assembly::of(&self.articles, &members, &self.references);
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

    /// The members of `cluster`: the extractions clustered there and those attached to them
    /// by reference, in no particular order.
    fn members_of(&self, cluster: score::SignalId) -> Result<Vec<&VerifiedExtraction>, Error> {
        let mut members = Vec::new();
        for features in self.clusters.members(cluster)? {
            let key = features.extraction_id.as_str();
            members.extend(self.extractions.get(key));
            members.extend(
                self.references
                    .attached_to(key)
                    .filter_map(|k| self.extractions.get(k)),
            );
        }
        Ok(members)
    }

    /// Re-clusters every verified extraction in one deterministic batch and rebuilds every
    /// signal scored at `now`, so that the state depends only on what was ingested, not on the
    /// order it arrived in.
    ///
    /// # Errors
    ///
    /// As [`Pipeline::ingest`].
    pub fn settle(&mut self, now: DateTime<Utc>) -> Result<(), Error> {
        let features = self.clustering_input()?;
        let clusters = SignalClusters::batch(self.config.clusters, features)?;
        self.rebuild_all(clusters, now)
    }

    /// What [`Pipeline::settle`] clusters: every verified extraction that does not join a
    /// signal by reference, as the clusterer sees it (its key is its `extraction_id`). Resolves
    /// the model's references first, as `settle` does.
    ///
    /// # Errors
    ///
    /// As [`Pipeline::settle`].
    pub fn clustering_input(&mut self) -> Result<Vec<ExtractionFeatures>, Error> {
        self.references = References::resolve(&self.extractions)?;
        Ok(self
            .extractions
            .values()
            .filter(|v| !self.references.is_attached(&v.key))
            .map(features)
            .collect())
    }

    /// [`Pipeline::settle`] with a clustering made elsewhere (by an engine that clusters
    /// [`Pipeline::clustering_input`] piece by piece, see
    /// [`CollectionModel`](crate::score::CollectionModel)): rebuilds every signal from
    /// `clusters`, scored at `now`. With the clustering `settle` would make, the state is the
    /// one `settle` leaves, byte for byte.
    ///
    /// # Errors
    ///
    /// [`Error::Cluster`] with [`UnknownExtraction`](score::ClusterError::UnknownExtraction)
    /// when `clusters` does not hold exactly the clustering input; otherwise as
    /// [`Pipeline::settle`]. A refused clustering changes no signal.
    pub fn settle_clustered(
        &mut self,
        clusters: SignalClusters,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        let input = self.clustering_input()?;
        if let Some(missing) = input
            .iter()
            .find(|f| clusters.signal_of(&f.extraction_id).is_none())
        {
            return Err(score::ClusterError::UnknownExtraction {
                extraction_id: missing.extraction_id.clone(),
            }
            .into());
        }
        if clusters.extraction_count() != input.len() {
            let expected: BTreeSet<&str> = input.iter().map(|f| f.extraction_id.as_str()).collect();
            let extra = clusters
                .signals()
                .filter_map(|signal| clusters.members(signal).ok())
                .flatten()
                .find(|f| !expected.contains(f.extraction_id.as_str()))
                .map(|f| f.extraction_id.clone())
                .unwrap_or_default();
            return Err(score::ClusterError::UnknownExtraction {
                extraction_id: extra,
            }
            .into());
        }
        self.rebuild_all(clusters, now)
    }

    /// Takes `clusters` (a clustering of the clustering input, references resolved) and
    /// rebuilds every signal from it, scored at `now`.
    fn rebuild_all(&mut self, clusters: SignalClusters, now: DateTime<Utc>) -> Result<(), Error> {
        self.clusters = clusters;
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
    /// delivered. Composing records nothing: until [`Pipeline::record_delivery`] is called
    /// with it, a brief is a preview, and composing again gives it again.
    ///
    /// Deliver in this order, so that a failure never loses evidence nor marks an undelivered
    /// brief as sent: compose; save the state (the ingests are then safe); deliver the brief;
    /// record the delivery; save again. A crash between delivering and the last save sends
    /// the brief again on the next run (at least once, never zero times).
    ///
    /// # Errors
    ///
    /// As [`Pipeline::settle`], and [`Error::Compose`] when the composer rejects a signal.
    pub fn compose(&mut self, now: DateTime<Utc>) -> Result<Composed, Error> {
        self.settle(now)?;
        let signals: Vec<Signal> = self.signals.values().map(|e| e.signal.clone()).collect();
        Ok(self
            .config
            .composer
            .compose_owned(signals, self.last_brief.as_ref(), now)?)
    }

    /// Records that `brief` (from [`Pipeline::compose`]) was delivered: it becomes the last
    /// brief, so the next one reports only what changed since. Recording the last brief again
    /// changes nothing.
    ///
    /// # Errors
    ///
    /// [`Error::DeliveryOutOfOrder`] for a brief that does not follow the last one delivered
    /// (composed before another delivery was recorded, or from another pipeline); nothing is
    /// recorded then.
    pub fn record_delivery(&mut self, brief: &Brief) -> Result<(), Error> {
        let snapshot = brief.snapshot();
        if self.last_brief.as_ref() == Some(snapshot) {
            return Ok(());
        }
        let expected = self.last_brief.as_ref().map_or(1, |s| s.brief_number() + 1);
        if snapshot.brief_number() != expected {
            return Err(Error::DeliveryOutOfOrder {
                found: snapshot.brief_number(),
                expected,
            });
        }
        self.last_brief = Some(snapshot.clone());
        Ok(())
    }

    /// Every signal, by id.
    pub fn signals(&self) -> impl Iterator<Item = &Signal> {
        self.signals.values().map(|e| &e.signal)
    }

    /// The signal with `id`.
    pub fn signal(&self, id: &SignalId) -> Option<&Signal> {
        self.signals.get(id).map(|e| &e.signal)
    }

    /// How the strength of signal `id` is reached at `now` (every origin's contribution, the
    /// effective number of independent sources, when it will next drop) and how many claims of
    /// its analysis and reasoning the grounding check flagged. Its `Display` is the text to
    /// show a reader.
    ///
    /// Returns `Ok(None)` for an unknown id.
    ///
    /// # Errors
    ///
    /// [`Error::Score`] when `now` is out of the scorer's range.
    pub fn explain(
        &self,
        id: &SignalId,
        now: DateTime<Utc>,
    ) -> Result<Option<SignalExplanation>, Error> {
        match self.signals.get(id) {
            Some(entry) => Ok(Some(SignalExplanation {
                signal: id.clone(),
                strength: self.config.scorer.explain(&entry.ledger, now)?,
                grounding: GroundingTally::of(&entry.signal),
            })),
            None => Ok(None),
        }
    }

    /// An index of the signals' descriptions (thesis, tags, actors with their aliases,
    /// regions by code and name) for finding the [`candidates`](Pipeline::candidates) of many
    /// texts: build it once, query it many times (on the benchmark, about 0.05 ms for a draft
    /// thesis and 0.45 ms for a 400-word article among 100,000 signals). Candidate ids are the
    /// signals' ids.
    ///
    /// Cost: linear in the signals' descriptions.
    pub fn candidate_index(&self) -> CandidateIndex {
        let mut index = CandidateIndex::new();
        for signal in self.signals() {
            index.insert(signal.id().as_str(), &description(signal));
        }
        index
    }

    /// The `k` signals an article's text (or a draft thesis) most likely reinforces or
    /// contradicts, best first, each with its match score and the words that matched; fewer
    /// when fewer share a telling word. These are what a prompt lists as candidates.
    ///
    /// Builds a [`candidate_index`](Pipeline::candidate_index) each call; to query many
    /// texts, build the index once.
    ///
    /// ```
    /// # use bellwether::{Article, Pipeline};
    /// # use bellwether::signal::{ArticleId, Extraction};
    /// # let text = "Officials said that capability now propagates through software today.";
    /// # let article = Article::new(ArticleId::new("a1")?, "Software", "Review",
    /// #     "2026-05-12T09:30:00Z".parse()?, text)?;
    /// # let extraction: Extraction = serde_json::from_str(r#"{"article_id": "a1",
    /// #     "extracted_at": "2026-05-12T13:00:00Z", "thesis": "Capability moves as software",
    /// #     "strength": 6, "quotes": [{"text": "capability now propagates through software"}]}"#)?;
    /// let mut pipeline = Pipeline::new();
    /// pipeline.ingest(&article, &extraction, "2026-05-13T07:00:00Z".parse()?)?;
    /// let found = pipeline.candidates("Software now carries capability across borders", 5);
    /// assert_eq!(found[0].0.thesis(), "Capability moves as software");
    /// assert!(found[0].1.matched.contains(&"software".to_owned()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn candidates(&self, text: &str, k: usize) -> Vec<(&Signal, Candidate)> {
        self.candidate_index()
            .top(text, k)
            .into_iter()
            .filter_map(|candidate| {
                let id = SignalId::new(&candidate.id).ok()?;
                Some((self.signals.get(&id).map(|e| &e.signal)?, candidate))
            })
            .collect()
    }

    /// The prompt for extracting from `article`, listing as candidates the `k` signals its
    /// text most likely reinforces or contradicts ([`Pipeline::candidates`]), at most
    /// [`MAX_PROMPT_CANDIDATES`](crate::prompt::MAX_PROMPT_CANDIDATES).
    ///
    /// # Errors
    ///
    /// As [`ExtractionPromptBuilder::build`](crate::prompt::ExtractionPromptBuilder::build)
    /// (which `k` is capped to avoid).
    pub fn prompt(
        &self,
        article: &Article,
        extracted_at: DateTime<Utc>,
        k: usize,
    ) -> Result<ExtractionPrompt, PromptError> {
        let k = k.min(crate::prompt::MAX_PROMPT_CANDIDATES);
        let candidates = self
            .candidates(article.text(), k)
            .into_iter()
            .map(|(signal, _)| PromptCandidate::from(signal));
        ExtractionPrompt::builder(article, extracted_at)
            .candidates(candidates)
            .build()
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
pub(crate) fn extraction_key(extraction: &Extraction) -> Result<String, Error> {
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
    let content = ContentHash::of(article);
    if plan.known_extraction {
        return Ok(Checked {
            key,
            accepted: Vec::new(),
            rejected: Vec::new(),
            grounding: Vec::new(),
            fingerprint: None,
            content,
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
        content,
    })
}

/// What a signal is found by among candidates: its thesis, tags, actors (names and
/// aliases) and regions (codes and names).
fn description(signal: &Signal) -> String {
    let mut text = signal.thesis().to_owned();
    let mut add = |part: &str| {
        text.push_str(" · ");
        text.push_str(part);
    };
    for label in signal.tags().labels() {
        add(label);
    }
    for actor in signal.actors() {
        add(actor.name());
        for alias in actor.aliases() {
            add(alias.as_str());
        }
    }
    for region in signal.regions() {
        add(region.as_str());
        add(region.name());
    }
    text
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
    use crate::signal::{Actor, FlaggedClaim, Region, SourceArticle, Tags, Verdict};

    /// A source of the oracle: the article, its quotes, reasoning and flagged claims.
    type OracleSource = (SourceArticle, Vec<Quote>, Vec<String>, Vec<FlaggedClaim>);

    /// The signal of `members` (in member order) built from scratch, member by member: the
    /// obviously correct oracle the folded assembly must agree with.
    fn assemble_from_scratch(
        id: SignalId,
        articles: &BTreeMap<ArticleId, ArticleRecord>,
        members: &[&VerifiedExtraction],
        challenging: &BTreeSet<&str>,
        strength: Strength,
    ) -> Signal {
        fn most_mentioned<T: Clone>(values: Vec<(T, usize)>, limit: usize) -> Vec<T> {
            let mut order: Vec<usize> = (0..values.len()).collect();
            order.sort_by_key(|&i| std::cmp::Reverse(values[i].1));
            let mut kept: Vec<usize> = order.into_iter().take(limit).collect();
            kept.sort_unstable();
            kept.into_iter().map(|i| values[i].0.clone()).collect()
        }
        // Challenging members count and are sources, but do not describe the signal.
        let backing: Vec<&VerifiedExtraction> = members
            .iter()
            .copied()
            .filter(|m| !challenging.contains(m.key.as_str()))
            .collect();
        let first = &backing[0].extraction;
        let mut builder =
            Signal::builder(id, first.thesis(), strength).extraction_count(members.len() as u32);
        if let Some(member) = backing
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
        for member in &backing {
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
        }
        for member in members {
            let extraction = &member.extraction;
            let record = &articles[extraction.article_id()];
            let at = match sources.iter().position(|s| s.0.id() == record.source.id()) {
                Some(at) => at,
                None => {
                    sources.push((record.source.clone(), Vec::new(), Vec::new(), Vec::new()));
                    sources.len() - 1
                }
            };
            let (source, quotes, reasoning, flagged) = &mut sources[at];
            if challenging.contains(member.key.as_str()) {
                *source = source.clone().contradicting();
            }
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
            // Members: the clustered extractions and those attached to them by reference.
            let mut members: Vec<&VerifiedExtraction> = Vec::new();
            for features in pipeline.clusters.members(cluster).unwrap() {
                members.push(&pipeline.extractions[&features.extraction_id]);
                for key in pipeline.extractions.keys() {
                    if pipeline.references.is_attached(key)
                        && pipeline.references.root_of(key) == features.extraction_id
                    {
                        members.push(&pipeline.extractions[key]);
                    }
                }
            }
            members.sort_by(|a, b| member_order(&pipeline.articles, a, b));
            let challenging: BTreeSet<&str> = members
                .iter()
                .filter(|m| pipeline.references.stance(&m.key) == Stance::Contradicts)
                .map(|m| m.key.as_str())
                .collect();
            let first = members
                .iter()
                .find(|m| !challenging.contains(m.key.as_str()))
                .unwrap();
            let id = signal_id(first).unwrap();
            assert_eq!(pipeline.cluster_ids[&cluster], id);
            let entry = &pipeline.signals[&id];
            let expected_ledger =
                ledger(&pipeline.articles, &members, &pipeline.references).unwrap();
            assert_eq!(entry.ledger, expected_ledger);
            assert_eq!(
                serde_json::to_string(&entry.ledger).unwrap(),
                serde_json::to_string(&expected_ledger).unwrap()
            );
            let strength = pipeline.config.scorer.score(&expected_ledger, now).unwrap();
            let strength = to_signal_strength(strength.strength).unwrap();
            let expected =
                assemble_from_scratch(id, &pipeline.articles, &members, &challenging, strength);
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

    /// Theses of three unrelated claims, so that clustering keeps several signals apart.
    const THESES: [&str; 3] = [
        "Export rules push production toward neighbouring countries",
        "Drought cuts the wheat harvest across the southern plains",
        "Central bank signals further interest rate increases this year",
    ];

    /// The deliveries with the verdicts their choices ask for: none, reinforcing or
    /// contradicting the signal an earlier delivery would found, or naming an unknown id.
    fn with_verdicts(
        deliveries: Vec<(Delivery, (Article, Extraction))>,
    ) -> Vec<(Article, Extraction)> {
        let mut out: Vec<(Article, Extraction)> = Vec::new();
        for ((_, _, _, choices), (article, extraction)) in deliveries {
            let which = choices[5] >> 2;
            let founded_by = |j: usize| {
                let (_, earlier) = &out[j];
                let verified = VerifiedExtraction {
                    key: extraction_key(earlier).unwrap(),
                    extraction: earlier.clone(),
                    quotes: Vec::new(),
                    confidence: 1.0,
                    analysis_flagged: Vec::new(),
                    reasoning_flagged: Vec::new(),
                };
                signal_id(&verified).unwrap()
            };
            let verdict = match (which % 4, out.len()) {
                (1, n) if n > 0 => {
                    Some(Verdict::Reinforces(founded_by(usize::from(which >> 2) % n)))
                }
                (2, n) if n > 0 => Some(Verdict::Contradicts(founded_by(
                    usize::from(which >> 2) % n,
                ))),
                (3, _) => Some(Verdict::Reinforces(
                    SignalId::new("no-such-signal-00000000").unwrap(),
                )),
                _ => None,
            };
            let extraction = match verdict {
                Some(verdict) => {
                    let mut json = serde_json::to_value(&extraction).unwrap();
                    json["verdict"] = serde_json::to_value(verdict).unwrap();
                    serde_json::from_value(json).unwrap()
                }
                None => extraction,
            };
            out.push((article, extraction));
        }
        out
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
        let thesis = THESES[usize::from(choices[5] % 3)];
        let json = format!(
            r#"{{"article_id": {id:?}, "extracted_at": "2026-05-13T06:00:00Z",
                "thesis": {thesis:?},
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
                with_verdicts(deliveries.into_iter().map(|d| (d, build(d))).collect());
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
            // Settled, any order gives the same state: references are resolved from the whole
            // set, not as they arrived. (Only the deliveries of the article record ingested
            // first: another record of an article is refused, which depends on the order.)
            let mut first_record: BTreeMap<ArticleId, &Article> = BTreeMap::new();
            for (article, _) in &deliveries {
                first_record.entry(article.id().clone()).or_insert(article);
            }
            let consistent: Vec<&(Article, Extraction)> = deliveries
                .iter()
                .filter(|(article, _)| first_record[article.id()].source() == article.source()
                    && first_record[article.id()].text() == article.text())
                .collect();
            let mut forward = Pipeline::new();
            let mut reversed = Pipeline::new();
            for (article, extraction) in consistent.iter().copied() {
                forward.ingest(article, extraction, now).unwrap();
            }
            for (article, extraction) in consistent.iter().rev().copied() {
                reversed.ingest(article, extraction, now).unwrap();
            }
            for pipeline in [&mut forward, &mut reversed] {
                pipeline.settle(now).unwrap();
                assert_signals_match_their_members(pipeline, now);
            }
            prop_assert_eq!(reversed.to_json().unwrap(), forward.to_json().unwrap());
        }
    }
}
