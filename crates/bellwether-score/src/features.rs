//! The clustering input: what an extraction looks like to the clusterer, and signal identifiers.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What the clusterer needs to know about one extraction: its identity, the article it came
/// from, its thesis and the actors, regions and tags the model attached to it.
///
/// All fields are plain strings so that any signal model converts into it; names are compared
/// after case, typography and whitespace folding, so `U.S.` and `US` are the same region.
/// Validation happens when the extraction is clustered: see [`SignalClusters::assign`].
///
/// [`SignalClusters::assign`]: crate::SignalClusters::assign
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct ExtractionFeatures {
    /// Unique identifier of the extraction (unique across everything clustered together).
    pub extraction_id: String,
    /// Identifier of the article the extraction was read from.
    pub article_id: String,
    /// The thesis the model proposed, as written.
    pub thesis: String,
    /// Key actors (companies, agencies, people).
    #[serde(default)]
    pub actors: Vec<String>,
    /// Regions, usually ISO country codes such as `US` or `CN`.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Category tags such as `structural` or `regulatory`.
    #[serde(default)]
    pub tags: Vec<String>,
}

impl ExtractionFeatures {
    /// An extraction with a thesis and no actors, regions or tags yet.
    ///
    /// # Example
    ///
    /// ```
    /// use bellwether_score::ExtractionFeatures;
    ///
    /// let features = ExtractionFeatures::new("x1", "a1", "Export controls spur chip self-reliance")
    ///     .with_actors(["BIS"])
    ///     .with_regions(["US", "CN"])
    ///     .with_tags(["regulatory"]);
    /// assert_eq!(features.regions, ["US", "CN"]);
    /// ```
    pub fn new(
        extraction_id: impl Into<String>,
        article_id: impl Into<String>,
        thesis: impl Into<String>,
    ) -> Self {
        Self {
            extraction_id: extraction_id.into(),
            article_id: article_id.into(),
            thesis: thesis.into(),
            actors: Vec::new(),
            regions: Vec::new(),
            tags: Vec::new(),
        }
    }

    /// Replaces the actors.
    #[must_use]
    pub fn with_actors<I, S>(mut self, actors: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.actors = actors.into_iter().map(Into::into).collect();
        self
    }

    /// Replaces the regions.
    #[must_use]
    pub fn with_regions<I, S>(mut self, regions: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.regions = regions.into_iter().map(Into::into).collect();
        self
    }

    /// Replaces the tags.
    #[must_use]
    pub fn with_tags<I, S>(mut self, tags: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.tags = tags.into_iter().map(Into::into).collect();
        self
    }
}

/// Identifier of a signal (a cluster of extractions that make the same claim).
///
/// Identifiers are handed out by [`SignalClusters`](crate::SignalClusters) in increasing order and
/// never reused, so they stay valid across save and restore; a signal merged into another keeps
/// its identifier in the lineage and [`SignalClusters::resolve`](crate::SignalClusters::resolve)
/// leads to the signal that absorbed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SignalId(u64);

impl SignalId {
    /// The identifier with this number.
    pub const fn new(number: u64) -> Self {
        Self(number)
    }

    /// The number of this identifier.
    pub const fn get(self) -> u64 {
        self.0
    }
}

impl fmt::Display for SignalId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "signal {}", self.0)
    }
}
