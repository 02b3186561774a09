//! Extractions: what a language model proposes for one article, the pipeline's input.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::actor::check_distinct;
use crate::bounded;
use crate::limits::{MAX_EXTRACTION_QUOTE_BYTES, MAX_QUOTES};
use crate::signal::{check_regions, checked_analysis};
use crate::source::{check_count, checked_paragraph, checked_title};
use crate::{Actor, ArticleId, ProposedQuote, Region, SignalError, Strength, Tags, Verdict};

/// One language-model extraction for one article: a thesis with its tags, regions and actors,
/// the quotes that support it (with anchors) and the reasoning drawn from the article.
///
/// Nothing here is trusted yet: the pipeline verifies every quote against the article before
/// any of it reaches a signal. Construct with [`Extraction::builder`] or deserialize:
///
/// ```
/// use bellwether_signal::Extraction;
///
/// let json = r#"{
///   "article_id": "the-g-2-reality",
///   "extracted_at": "2026-05-26T18:00:00Z",
///   "thesis": "Hardware denial compresses adversary innovation timelines",
///   "strength": 7,
///   "tags": {"nature": ["structural"], "domains": ["technological"], "topics": ["AI"]},
///   "regions": ["US", "CN"],
///   "actors": [{"name": "DeepSeek", "kind": "company"}],
///   "quotes": [{"text": "The launch of DeepSeek", "anchors": ["DeepSeek"]}],
///   "reasoning": ["Coercive tools produce adaptation rather than submission."],
///   "verdict": {"kind": "reinforces", "signal": "us-chip-export-controls-1a2b3c4d"}
/// }"#;
/// let extraction: Extraction = serde_json::from_str(json)?;
/// assert_eq!(extraction.strength().value(), 7);
/// assert_eq!(extraction.verdict().and_then(|v| v.signal()).map(|id| id.as_str()),
///            Some("us-chip-export-controls-1a2b3c4d"));
/// assert!(serde_json::from_str::<Extraction>(&json.replace("\"CN\"", "\"XX\"")).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawExtraction", into = "RawExtraction")]
pub struct Extraction {
    raw: RawExtraction,
}

/// The serialized form; fields in the order a model is asked to emit them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExtraction {
    article_id: ArticleId,
    extracted_at: DateTime<Utc>,
    thesis: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    analysis: Option<String>,
    strength: Strength,
    #[serde(default)]
    tags: Tags,
    #[serde(default, deserialize_with = "bounded::regions")]
    regions: Vec<Region>,
    #[serde(default, deserialize_with = "bounded::actors")]
    actors: Vec<Actor>,
    #[serde(default, deserialize_with = "bounded::quotes")]
    quotes: Vec<ProposedQuote>,
    #[serde(default, deserialize_with = "bounded::reasoning")]
    reasoning: Vec<String>,
    /// Absent in extractions written before verdicts existed, and then serialized as before,
    /// so their keys (hashes of this form) do not change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    verdict: Option<Verdict>,
}

impl Extraction {
    /// Starts an extraction of `article_id` made at `extracted_at`.
    pub fn builder(
        article_id: ArticleId,
        thesis: &str,
        strength: Strength,
        extracted_at: DateTime<Utc>,
    ) -> ExtractionBuilder {
        ExtractionBuilder {
            raw: RawExtraction {
                article_id,
                extracted_at,
                thesis: thesis.to_owned(),
                analysis: None,
                strength,
                tags: Tags::default(),
                regions: Vec::new(),
                actors: Vec::new(),
                quotes: Vec::new(),
                reasoning: Vec::new(),
                verdict: None,
            },
        }
    }

    /// The article this extraction was made from.
    pub fn article_id(&self) -> &ArticleId {
        &self.raw.article_id
    }

    /// When the model produced it.
    pub fn extracted_at(&self) -> DateTime<Utc> {
        self.raw.extracted_at
    }

    /// The proposed thesis.
    pub fn thesis(&self) -> &str {
        &self.raw.thesis
    }

    /// The proposed analysis, if any.
    pub fn analysis(&self) -> Option<&str> {
        self.raw.analysis.as_deref()
    }

    /// The strength the model proposes (scoring decides the signal's real strength).
    pub fn strength(&self) -> Strength {
        self.raw.strength
    }

    /// The proposed tags.
    pub fn tags(&self) -> &Tags {
        &self.raw.tags
    }

    /// The regions concerned.
    pub fn regions(&self) -> &[Region] {
        &self.raw.regions
    }

    /// The actors involved.
    pub fn actors(&self) -> &[Actor] {
        &self.raw.actors
    }

    /// The quotes offered as evidence.
    pub fn quotes(&self) -> &[ProposedQuote] {
        &self.raw.quotes
    }

    /// The reasoning paragraphs.
    pub fn reasoning(&self) -> &[String] {
        &self.raw.reasoning
    }

    /// What the model says this extraction does to the candidate signals it was shown, if it
    /// says anything: reinforce or contradict one (by id), or start a new one.
    pub fn verdict(&self) -> Option<&Verdict> {
        self.raw.verdict.as_ref()
    }
}

/// Chained construction of an [`Extraction`]; [`ExtractionBuilder::build`] runs every check.
#[derive(Debug, Clone)]
pub struct ExtractionBuilder {
    raw: RawExtraction,
}

impl ExtractionBuilder {
    /// Sets the analysis.
    pub fn analysis(mut self, analysis: &str) -> Self {
        self.raw.analysis = Some(analysis.to_owned());
        self
    }

    /// Sets the tags.
    pub fn tags(mut self, tags: Tags) -> Self {
        self.raw.tags = tags;
        self
    }

    /// Adds a region.
    pub fn region(mut self, region: Region) -> Self {
        self.raw.regions.push(region);
        self
    }

    /// Adds an actor.
    pub fn actor(mut self, actor: Actor) -> Self {
        self.raw.actors.push(actor);
        self
    }

    /// Adds a quote.
    pub fn quote(mut self, quote: ProposedQuote) -> Self {
        self.raw.quotes.push(quote);
        self
    }

    /// Adds a reasoning paragraph.
    pub fn reasoning(mut self, paragraph: &str) -> Self {
        self.raw.reasoning.push(paragraph.to_owned());
        self
    }

    /// Sets the model's verdict.
    pub fn verdict(mut self, verdict: Verdict) -> Self {
        self.raw.verdict = Some(verdict);
        self
    }

    /// Checks everything and builds the extraction.
    ///
    /// # Errors
    ///
    /// The text errors for the thesis (at most
    /// [`MAX_THESIS_CHARS`](crate::limits::MAX_THESIS_CHARS) characters), the analysis and each
    /// reasoning paragraph; [`SignalError::DuplicateValue`] for a repeated region;
    /// [`SignalError::DuplicateActor`] for two actors with one identity;
    /// [`SignalError::TooMany`] past the list limits of [`limits`](crate::limits);
    /// [`SignalError::TooLong`] for quotes over
    /// [`MAX_EXTRACTION_QUOTE_BYTES`](crate::limits::MAX_EXTRACTION_QUOTE_BYTES) together.
    pub fn build(self) -> Result<Extraction, SignalError> {
        Extraction::try_from(self.raw)
    }
}

impl TryFrom<RawExtraction> for Extraction {
    type Error = SignalError;
    fn try_from(mut raw: RawExtraction) -> Result<Self, Self::Error> {
        raw.thesis = checked_title("thesis", &raw.thesis)?;
        raw.analysis = raw.analysis.as_deref().map(checked_analysis).transpose()?;
        check_regions(&raw.regions)?;
        check_distinct(&raw.actors)?;
        check_count("quotes", raw.quotes.len(), MAX_QUOTES)?;
        let quote_bytes: usize = raw.quotes.iter().map(|q| q.text().len()).sum();
        if quote_bytes > MAX_EXTRACTION_QUOTE_BYTES {
            return Err(SignalError::TooLong {
                field: "the quotes of one extraction, together,",
                len: quote_bytes,
                max: MAX_EXTRACTION_QUOTE_BYTES,
                unit: "bytes",
            });
        }
        check_count("reasoning paragraphs", raw.reasoning.len(), MAX_QUOTES)?;
        raw.reasoning = raw
            .reasoning
            .iter()
            .map(|p| checked_paragraph("reasoning paragraph", p))
            .collect::<Result<_, _>>()?;
        Ok(Extraction { raw })
    }
}

impl From<Extraction> for RawExtraction {
    fn from(extraction: Extraction) -> Self {
        extraction.raw
    }
}
