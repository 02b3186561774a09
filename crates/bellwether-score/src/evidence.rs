//! One piece of evidence: an article's extraction, as the ledger records it.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::ScoreError;
use crate::fingerprint::Fingerprint;
use crate::limits::MAX_IDENTIFIER_BYTES;
use crate::reliability::Grade;
use crate::weight::Weight;

macro_rules! identifier {
    ($(#[$doc:meta])* $name:ident, $what:literal, $normalise:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Validates and normalises an identifier.
            ///
            /// # Errors
            ///
            #[doc = concat!("[`ScoreError::EmptyIdentifier`] if the ", $what, " is empty after trimming; ")]
            #[doc = "[`ScoreError::IdentifierTooLong`] over [`MAX_IDENTIFIER_BYTES`] bytes."]
            pub fn new(id: impl AsRef<str>) -> Result<$name, ScoreError> {
                let trimmed = id.as_ref().trim();
                if trimmed.is_empty() {
                    return Err(ScoreError::EmptyIdentifier { what: $what });
                }
                let too_long = |len| ScoreError::IdentifierTooLong {
                    what: $what,
                    len,
                    max: MAX_IDENTIFIER_BYTES,
                };
                // Checked before normalising, so a huge identifier costs nothing more, and
                // after, since lowercasing can lengthen text ('İ' is 2 bytes, "i̇" 3).
                if trimmed.len() > MAX_IDENTIFIER_BYTES {
                    return Err(too_long(trimmed.len()));
                }
                let normalise: fn(&str) -> String = $normalise;
                let normalised = normalise(trimmed);
                if normalised.len() > MAX_IDENTIFIER_BYTES {
                    return Err(too_long(normalised.len()));
                }
                Ok($name(normalised))
            }

            /// The identifier as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = ScoreError;
            fn try_from(id: String) -> Result<$name, ScoreError> {
                $name::new(id)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = ScoreError;
            fn try_from(id: &str) -> Result<$name, ScoreError> {
                $name::new(id)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

identifier!(
    /// Identifies an article (a URL or a stable id). Case-sensitive; surrounding whitespace is
    /// trimmed.
    ArticleId,
    "article id",
    str::to_owned
);
identifier!(
    /// Identifies one extraction (one model reading of an article). Case-sensitive.
    ExtractionId,
    "extraction id",
    str::to_owned
);
identifier!(
    /// Identifies an outlet (a publication, ideally its domain). Case-insensitive: stored
    /// lowercased, so `"Reuters.com"` and `"reuters.com"` are one outlet.
    Outlet,
    "outlet",
    str::to_lowercase
);

/// Whether an extraction supports or contradicts the signal's thesis.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    /// The article backs the thesis: adds evidence mass.
    #[default]
    Supports,
    /// The article contradicts the thesis: subtracts evidence mass.
    Contradicts,
}

/// Earliest and latest instants this crate accepts: those expressible in `i64` nanoseconds.
pub(crate) fn to_nanos(what: &'static str, at: DateTime<Utc>) -> Result<i64, ScoreError> {
    at.timestamp_nanos_opt()
        .ok_or(ScoreError::TimestampOutOfRange {
            what,
            timestamp: at,
        })
}

/// An instant from nanoseconds since 1970 (always representable).
pub(crate) fn from_nanos(nanos: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_nanos(nanos)
}

/// One extraction of one article, ready to add to a [`Ledger`](crate::Ledger).
///
/// Build it with [`Evidence::builder`]. Its *weight* is the outlet's reliability (from the
/// [`Grade`], weighted by the [`Scorer`](crate::Scorer)'s
/// [`ReliabilityTable`](crate::ReliabilityTable)) times the match confidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub(crate) article: ArticleId,
    pub(crate) extraction: ExtractionId,
    pub(crate) outlet: Outlet,
    pub(crate) published: i64,
    pub(crate) grade: Grade,
    pub(crate) confidence: Weight,
    pub(crate) stance: Stance,
    pub(crate) fingerprint: Option<Fingerprint>,
}

impl Evidence {
    /// Starts building evidence.
    pub fn builder() -> EvidenceBuilder {
        EvidenceBuilder::default()
    }

    /// The article.
    pub fn article(&self) -> &ArticleId {
        &self.article
    }

    /// The extraction (defaults to the article id: one extraction per article).
    pub fn extraction(&self) -> &ExtractionId {
        &self.extraction
    }

    /// The outlet that published the article.
    pub fn outlet(&self) -> &Outlet {
        &self.outlet
    }

    /// When the article was published.
    pub fn published(&self) -> DateTime<Utc> {
        from_nanos(self.published)
    }

    /// The outlet's reliability grade.
    pub fn grade(&self) -> Grade {
        self.grade
    }

    /// How well the extraction matches the article (e.g. the quote-anchoring score).
    pub fn match_confidence(&self) -> Weight {
        self.confidence
    }

    /// Whether it supports or contradicts the thesis.
    pub fn stance(&self) -> Stance {
        self.stance
    }

    /// The article body's near-duplicate fingerprint, if a text was given.
    pub fn fingerprint(&self) -> Option<&Fingerprint> {
        self.fingerprint.as_ref()
    }
}

/// Builds [`Evidence`], validating every field in [`EvidenceBuilder::build`].
///
/// Required: article, outlet, published, grade, match confidence. Optional: stance (default
/// supports), extraction id (default: the article id), article text or fingerprint (without
/// one the article can never be recognised as a syndicated copy).
///
/// # Example
///
/// ```
/// use bellwether_score::{Evidence, Grade, Stance};
///
/// let evidence = Evidence::builder()
///     .article("https://example.com/g2-reality")
///     .extraction("extraction-3")
///     .outlet("example.com")
///     .published("2026-05-26T14:05:00Z".parse()?)
///     .grade(Grade::B)
///     .match_confidence(1.0)
///     .stance(Stance::Supports)
///     .text("The launch of DeepSeek, the large language model created in China ...")
///     .build()?;
/// assert_eq!(evidence.grade(), Grade::B);
///
/// let missing = Evidence::builder().article("a").build();
/// assert!(missing.is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct EvidenceBuilder {
    article: Option<String>,
    extraction: Option<String>,
    outlet: Option<String>,
    published: Option<DateTime<Utc>>,
    grade: Option<Grade>,
    confidence: Option<f64>,
    stance: Stance,
    text: Option<String>,
    fingerprint: Option<Fingerprint>,
}

impl EvidenceBuilder {
    /// Sets the article id.
    pub fn article(mut self, id: impl Into<String>) -> EvidenceBuilder {
        self.article = Some(id.into());
        self
    }

    /// Sets the extraction id. Different extractions of one article count once in the score but
    /// are counted in [`Explanation::extraction_count`](crate::Explanation::extraction_count).
    pub fn extraction(mut self, id: impl Into<String>) -> EvidenceBuilder {
        self.extraction = Some(id.into());
        self
    }

    /// Sets the outlet id.
    pub fn outlet(mut self, id: impl Into<String>) -> EvidenceBuilder {
        self.outlet = Some(id.into());
        self
    }

    /// Sets the publication instant.
    pub fn published(mut self, at: DateTime<Utc>) -> EvidenceBuilder {
        self.published = Some(at);
        self
    }

    /// Sets the outlet's reliability grade.
    pub fn grade(mut self, grade: Grade) -> EvidenceBuilder {
        self.grade = Some(grade);
        self
    }

    /// Sets the match confidence, from 0.0 to 1.0.
    pub fn match_confidence(mut self, confidence: f64) -> EvidenceBuilder {
        self.confidence = Some(confidence);
        self
    }

    /// Sets the stance.
    pub fn stance(mut self, stance: Stance) -> EvidenceBuilder {
        self.stance = stance;
        self
    }

    /// Sets the article body, to be fingerprinted in [`build`](EvidenceBuilder::build).
    pub fn text(mut self, body: impl Into<String>) -> EvidenceBuilder {
        self.text = Some(body.into());
        self
    }

    /// Sets a precomputed fingerprint (takes precedence over [`text`](EvidenceBuilder::text)).
    pub fn fingerprint(mut self, fingerprint: Fingerprint) -> EvidenceBuilder {
        self.fingerprint = Some(fingerprint);
        self
    }

    /// Validates the fields and builds the evidence.
    ///
    /// # Errors
    ///
    /// - [`ScoreError::MissingField`] if article, outlet, published, grade or match confidence
    ///   was not set;
    /// - [`ScoreError::EmptyIdentifier`] for an empty article, extraction or outlet id;
    /// - [`ScoreError::TimestampOutOfRange`] for a publication instant outside 1677–2262;
    /// - [`ScoreError::NonFiniteWeight`] / [`ScoreError::WeightOutOfRange`] for a match
    ///   confidence that is not a number from 0.0 to 1.0;
    /// - [`ScoreError::TextWithoutWords`] for a text with no words.
    pub fn build(self) -> Result<Evidence, ScoreError> {
        let article = ArticleId::new(self.article.ok_or(missing("article id"))?)?;
        let extraction = match self.extraction {
            Some(id) => ExtractionId::new(id)?,
            None => ExtractionId(article.0.clone()),
        };
        let outlet = Outlet::new(self.outlet.ok_or(missing("outlet"))?)?;
        let published = to_nanos(
            "published time",
            self.published.ok_or(missing("published time"))?,
        )?;
        let grade = self.grade.ok_or(missing("reliability grade"))?;
        let confidence = Weight::named(
            "match confidence",
            self.confidence.ok_or(missing("match confidence"))?,
        )?;
        let fingerprint = match (self.fingerprint, self.text) {
            (Some(fingerprint), _) => Some(fingerprint),
            (None, Some(text)) => Some(Fingerprint::of_text(&text)?),
            (None, None) => None,
        };
        Ok(Evidence {
            article,
            extraction,
            outlet,
            published,
            grade,
            confidence,
            stance: self.stance,
            fingerprint,
        })
    }
}

fn missing(field: &'static str) -> ScoreError {
    ScoreError::MissingField { field }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> EvidenceBuilder {
        Evidence::builder()
            .article("a1")
            .outlet("Example.COM ")
            .published("2026-05-12T09:30:00Z".parse().unwrap())
            .grade(Grade::B)
            .match_confidence(0.9)
    }

    #[test]
    fn builds_with_defaults() {
        let e = complete().build().unwrap();
        assert_eq!(e.stance(), Stance::Supports);
        assert_eq!(e.extraction().as_str(), "a1");
        assert_eq!(e.outlet().as_str(), "example.com");
        assert!(e.fingerprint().is_none());
    }

    #[test]
    fn rejects_missing_fields() {
        let err = Evidence::builder().article("a").build().unwrap_err();
        assert_eq!(err, ScoreError::MissingField { field: "outlet" });
    }

    #[test]
    fn rejects_empty_ids_and_bad_confidence() {
        assert!(matches!(
            complete().article("  ").build(),
            Err(ScoreError::EmptyIdentifier { what: "article id" })
        ));
        assert!(matches!(
            complete().match_confidence(f64::NAN).build(),
            Err(ScoreError::NonFiniteWeight {
                what: "match confidence",
                ..
            })
        ));
        assert!(matches!(
            complete().match_confidence(1.5).build(),
            Err(ScoreError::WeightOutOfRange { .. })
        ));
    }

    #[test]
    fn rejects_timestamps_out_of_range() {
        let far: DateTime<Utc> = "2300-01-01T00:00:00Z".parse().unwrap();
        assert!(matches!(
            complete().published(far).build(),
            Err(ScoreError::TimestampOutOfRange {
                what: "published time",
                ..
            })
        ));
    }

    #[test]
    fn fingerprints_the_text() {
        let e = complete()
            .text("some article body with words")
            .build()
            .unwrap();
        assert!(e.fingerprint().is_some());
        assert_eq!(
            complete().text("…").build(),
            Err(ScoreError::TextWithoutWords)
        );
    }

    #[test]
    fn identifier_serde_validates() {
        assert!(serde_json::from_str::<Outlet>("\"  \"").is_err());
        let o: Outlet = serde_json::from_str("\"Reuters\"").unwrap();
        assert_eq!(o.as_str(), "reuters");
    }
}
