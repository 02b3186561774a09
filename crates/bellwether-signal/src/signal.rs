//! Signals: a thesis with the evidence behind it, as the brief shows it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::actor::check_distinct;
use crate::bounded;
use crate::limits::{MAX_LIST_LEN, MAX_QUOTES, MAX_SOURCES};
use crate::source::{check_count, check_paragraph_index, checked_paragraph, checked_title};
use crate::{Actor, FlaggedClaim, Region, SignalError, SignalId, SourceArticle, Strength, Tags};

/// A thesis the sources keep saying, with its strength, tags, regions, actors and the source
/// articles (with quotes and reasoning) that back it.
///
/// The counts the page shows are defined as:
/// - **extracted N×** ([`Signal::extraction_count`]): how many extractions were merged into the
///   signal. An article extracted twice counts twice here;
/// - **N articles** ([`Signal::article_count`]): how many distinct source articles it holds.
///
/// Invariants, checked on construction and on deserialize: at least one source; no two sources
/// with the same id; extraction count ≥ article count; last reinforced ≥ first seen; no two
/// actors with the same identity; no repeated region; texts within [`limits`](crate::limits).
///
/// # Example
///
/// ```
/// use bellwether_signal::{ArticleId, Quote, Signal, SignalId, SourceArticle, Strength};
///
/// let source = SourceArticle::new(
///     ArticleId::new("a1")?,
///     "Chip controls tighten",
///     "Pacific Policy Review",
///     "2026-05-12T09:30:00Z".parse().expect("a valid time"),
/// )?
/// .with_quote(Quote::new("Capability now propagates through software.", &["software"])?)?;
/// let signal = Signal::builder(SignalId::new("chips")?, "Hardware denial backfires", Strength::new(6)?)
///     .source(source)
///     .build()?;
/// assert_eq!((signal.extraction_count(), signal.article_count()), (1, 1));
/// assert_eq!(signal.first_seen(), signal.last_reinforced());
/// # Ok::<(), bellwether_signal::SignalError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawSignal", into = "RawSignal")]
pub struct Signal {
    raw: RawSignal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSignal {
    id: SignalId,
    thesis: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    analysis: Option<String>,
    /// Claims of the analysis its articles do not bear out (paragraph 0).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "bounded::flagged"
    )]
    analysis_flagged: Vec<FlaggedClaim>,
    strength: Strength,
    extraction_count: u32,
    first_seen: DateTime<Utc>,
    last_reinforced: DateTime<Utc>,
    #[serde(default)]
    tags: Tags,
    #[serde(default, deserialize_with = "bounded::regions")]
    regions: Vec<Region>,
    #[serde(default, deserialize_with = "bounded::actors")]
    actors: Vec<Actor>,
    #[serde(deserialize_with = "bounded::sources")]
    sources: Vec<SourceArticle>,
}

pub(crate) fn checked_analysis(value: &str) -> Result<String, SignalError> {
    checked_paragraph("analysis", value)
}

pub(crate) fn check_regions(regions: &[Region]) -> Result<(), SignalError> {
    check_count("regions", regions.len(), MAX_LIST_LEN)?;
    for (i, region) in regions.iter().enumerate() {
        if regions[..i].contains(region) {
            return Err(SignalError::DuplicateValue {
                field: "regions",
                value: region.to_string(),
            });
        }
    }
    Ok(())
}

impl Signal {
    /// Starts a signal; at least one [`SignalBuilder::source`] is needed before
    /// [`SignalBuilder::build`].
    pub fn builder(id: SignalId, thesis: &str, strength: Strength) -> SignalBuilder {
        SignalBuilder {
            id,
            thesis: thesis.to_owned(),
            analysis: None,
            analysis_flagged: Vec::new(),
            strength,
            extraction_count: None,
            first_seen: None,
            last_reinforced: None,
            tags: Tags::default(),
            regions: Vec::new(),
            actors: Vec::new(),
            sources: Vec::new(),
        }
    }

    /// A builder holding this signal's values, to change some and build again.
    pub fn to_builder(&self) -> SignalBuilder {
        let raw = self.raw.clone();
        SignalBuilder {
            id: raw.id,
            thesis: raw.thesis,
            analysis: raw.analysis,
            analysis_flagged: raw.analysis_flagged,
            strength: raw.strength,
            extraction_count: Some(raw.extraction_count),
            first_seen: Some(raw.first_seen),
            last_reinforced: Some(raw.last_reinforced),
            tags: raw.tags,
            regions: raw.regions,
            actors: raw.actors,
            sources: raw.sources,
        }
    }

    /// The signal's identifier.
    pub fn id(&self) -> &SignalId {
        &self.raw.id
    }

    /// The thesis, shown as the headline.
    pub fn thesis(&self) -> &str {
        &self.raw.thesis
    }

    /// The claims of the analysis that its articles do not bear out.
    pub fn analysis_flagged_claims(&self) -> &[FlaggedClaim] {
        &self.raw.analysis_flagged
    }

    /// The analysis paragraph, if any.
    pub fn analysis(&self) -> Option<&str> {
        self.raw.analysis.as_deref()
    }

    /// How strongly the sources back it.
    pub fn strength(&self) -> Strength {
        self.raw.strength
    }

    /// "extracted N×": how many extractions were merged into the signal.
    pub fn extraction_count(&self) -> u32 {
        self.raw.extraction_count
    }

    /// "N articles": how many distinct source articles back it.
    pub fn article_count(&self) -> usize {
        self.raw.sources.len()
    }

    /// How many of its source articles argue against its thesis (see
    /// [`SourceArticle::contradicts`]): a brief shows the signal as "challenged by N
    /// articles".
    pub fn challenged_by(&self) -> usize {
        self.raw.sources.iter().filter(|s| s.contradicts()).count()
    }

    /// When it was first seen.
    pub fn first_seen(&self) -> DateTime<Utc> {
        self.raw.first_seen
    }

    /// When new evidence last reinforced it.
    pub fn last_reinforced(&self) -> DateTime<Utc> {
        self.raw.last_reinforced
    }

    /// Its tags.
    pub fn tags(&self) -> &Tags {
        &self.raw.tags
    }

    /// The regions it concerns.
    pub fn regions(&self) -> &[Region] {
        &self.raw.regions
    }

    /// The key actors.
    pub fn actors(&self) -> &[Actor] {
        &self.raw.actors
    }

    /// The source articles, each with its quotes and reasoning.
    pub fn sources(&self) -> &[SourceArticle] {
        &self.raw.sources
    }

    /// Every reasoning paragraph, source by source.
    pub fn reasoning(&self) -> impl Iterator<Item = &str> {
        self.raw
            .sources
            .iter()
            .flat_map(|s| s.reasoning().iter().map(String::as_str))
    }
}

/// Chained construction of a [`Signal`]; [`SignalBuilder::build`] runs every check.
///
/// Left unset, the extraction count is the number of sources, first seen is the earliest
/// source's publication time and last reinforced the latest one's.
#[derive(Debug, Clone)]
pub struct SignalBuilder {
    id: SignalId,
    thesis: String,
    analysis: Option<String>,
    analysis_flagged: Vec<FlaggedClaim>,
    strength: Strength,
    extraction_count: Option<u32>,
    first_seen: Option<DateTime<Utc>>,
    last_reinforced: Option<DateTime<Utc>>,
    tags: Tags,
    regions: Vec<Region>,
    actors: Vec<Actor>,
    sources: Vec<SourceArticle>,
}

impl SignalBuilder {
    /// Sets the thesis.
    pub fn thesis(mut self, thesis: &str) -> Self {
        thesis.clone_into(&mut self.thesis);
        self
    }

    /// Sets the analysis.
    pub fn analysis(mut self, analysis: &str) -> Self {
        self.analysis = Some(analysis.to_owned());
        self
    }

    /// Removes the analysis and its flagged claims.
    pub fn without_analysis(mut self) -> Self {
        self.analysis = None;
        self.analysis_flagged.clear();
        self
    }

    /// Adds a claim of the analysis that its articles do not bear out (its paragraph is 0).
    pub fn analysis_flagged_claim(mut self, claim: FlaggedClaim) -> Self {
        self.analysis_flagged.push(claim);
        self
    }

    /// Sets the strength.
    pub fn strength(mut self, strength: Strength) -> Self {
        self.strength = strength;
        self
    }

    /// Sets the extraction count ("extracted N×").
    pub fn extraction_count(mut self, count: u32) -> Self {
        self.extraction_count = Some(count);
        self
    }

    /// Sets when the signal was first seen.
    pub fn first_seen(mut self, at: DateTime<Utc>) -> Self {
        self.first_seen = Some(at);
        self
    }

    /// Sets when the signal was last reinforced.
    pub fn last_reinforced(mut self, at: DateTime<Utc>) -> Self {
        self.last_reinforced = Some(at);
        self
    }

    /// Sets the tags.
    pub fn tags(mut self, tags: Tags) -> Self {
        self.tags = tags;
        self
    }

    /// Adds a region.
    pub fn region(mut self, region: Region) -> Self {
        self.regions.push(region);
        self
    }

    /// Replaces the regions.
    pub fn regions(mut self, regions: Vec<Region>) -> Self {
        self.regions = regions;
        self
    }

    /// Adds an actor.
    pub fn actor(mut self, actor: Actor) -> Self {
        self.actors.push(actor);
        self
    }

    /// Replaces the actors.
    pub fn actors(mut self, actors: Vec<Actor>) -> Self {
        self.actors = actors;
        self
    }

    /// Adds a source article.
    pub fn source(mut self, source: SourceArticle) -> Self {
        self.sources.push(source);
        self
    }

    /// Replaces the source articles.
    pub fn sources(mut self, sources: Vec<SourceArticle>) -> Self {
        self.sources = sources;
        self
    }

    /// Checks every invariant and builds the signal.
    ///
    /// # Errors
    ///
    /// [`SignalError::NoSources`] without a source; [`SignalError::DuplicateArticle`] for two
    /// sources with one id; [`SignalError::CountMismatch`] when the extraction count is below
    /// the number of articles; [`SignalError::ReinforcedBeforeSeen`];
    /// [`SignalError::DuplicateActor`]; [`SignalError::DuplicateValue`] for a repeated region;
    /// the text errors for the thesis and analysis; [`SignalError::TooMany`] past the limits.
    pub fn build(self) -> Result<Signal, SignalError> {
        let earliest = self.sources.iter().map(SourceArticle::published).min();
        let latest = self.sources.iter().map(SourceArticle::published).max();
        let (Some(earliest), Some(latest)) = (earliest, latest) else {
            return Err(SignalError::NoSources {
                id: self.id.to_string(),
            });
        };
        let article_count = u32::try_from(self.sources.len()).unwrap_or(u32::MAX);
        Signal::try_from(RawSignal {
            id: self.id,
            thesis: self.thesis,
            analysis: self.analysis,
            analysis_flagged: self.analysis_flagged,
            strength: self.strength,
            extraction_count: self.extraction_count.unwrap_or(article_count),
            first_seen: self.first_seen.unwrap_or(earliest),
            last_reinforced: self.last_reinforced.unwrap_or(latest),
            tags: self.tags,
            regions: self.regions,
            actors: self.actors,
            sources: self.sources,
        })
    }
}

impl TryFrom<RawSignal> for Signal {
    type Error = SignalError;
    fn try_from(mut raw: RawSignal) -> Result<Self, Self::Error> {
        raw.thesis = checked_title("thesis", &raw.thesis)?;
        raw.analysis = raw.analysis.as_deref().map(checked_analysis).transpose()?;
        check_count("flagged claims", raw.analysis_flagged.len(), MAX_QUOTES)?;
        for claim in &raw.analysis_flagged {
            check_paragraph_index(claim.paragraph(), usize::from(raw.analysis.is_some()))?;
        }
        check_regions(&raw.regions)?;
        check_distinct(&raw.actors)?;
        if raw.sources.is_empty() {
            return Err(SignalError::NoSources {
                id: raw.id.to_string(),
            });
        }
        check_count("sources", raw.sources.len(), MAX_SOURCES)?;
        let mut ids: Vec<_> = raw.sources.iter().map(SourceArticle::id).collect();
        ids.sort_unstable();
        if let Some(pair) = ids.windows(2).find(|pair| pair[0] == pair[1]) {
            return Err(SignalError::DuplicateArticle {
                id: pair[0].to_string(),
            });
        }
        if (raw.extraction_count as usize) < raw.sources.len() {
            return Err(SignalError::CountMismatch {
                id: raw.id.to_string(),
                extraction_count: raw.extraction_count,
                article_count: raw.sources.len(),
            });
        }
        if raw.last_reinforced < raw.first_seen {
            return Err(SignalError::ReinforcedBeforeSeen {
                first_seen: raw.first_seen.to_rfc3339(),
                last_reinforced: raw.last_reinforced.to_rfc3339(),
            });
        }
        Ok(Signal { raw })
    }
}

impl From<Signal> for RawSignal {
    fn from(signal: Signal) -> Self {
        signal.raw
    }
}
