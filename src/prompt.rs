//! The prompt kit: the instructions a language model needs to extract from one article, in
//! Bellwether's notation, with the schema and the candidate signals the article may reinforce
//! or contradict.
//!
//! Rendering is deterministic (the same article, instant and candidates give the same text,
//! byte for byte) and versioned ([`PROMPT_VERSION`]); Bellwether makes no network call: send
//! [`ExtractionPrompt::system`] and [`ExtractionPrompt::user`] with your own model client.

use std::fmt::Write as _;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use crate::Article;
use crate::schema::{extraction_schema, strict_extraction_schema};
use crate::signal::{ActorKind, Domain, Extraction, Nature, Signal, SignalId, Strength};

/// The version of the instructions: it changes whenever their wording, the notation or the
/// schema changes, so a recorded response can be traced to the prompt it answered.
pub const PROMPT_VERSION: &str = "bellwether-extraction-prompt/1";

/// Most candidate signals one prompt lists: more dilute the model's attention and lengthen
/// the prompt for little gain (see [`crate::Pipeline::candidates`] for ranking them).
pub const MAX_PROMPT_CANDIDATES: usize = 50;

/// A signal as the model sees it among the candidates: id, thesis, strength and when it was
/// last reinforced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromptCandidate {
    /// The id the model names in its verdict.
    pub id: SignalId,
    /// The signal's thesis.
    pub thesis: String,
    /// Its strength now.
    pub strength: Strength,
    /// When it was last reinforced.
    pub last_reinforced: DateTime<Utc>,
}

impl From<&Signal> for PromptCandidate {
    fn from(signal: &Signal) -> Self {
        PromptCandidate {
            id: signal.id().clone(),
            thesis: signal.thesis().to_owned(),
            strength: signal.strength(),
            last_reinforced: signal.last_reinforced(),
        }
    }
}

/// The messages to send a model for one article: system instructions (notation, rules,
/// schema) and the user message (the article and the candidate signals).
///
/// # Example
///
/// ```
/// use bellwether::Article;
/// use bellwether::prompt::{ExtractionPrompt, PROMPT_VERSION};
/// use bellwether::signal::ArticleId;
///
/// let article = Article::new(
///     ArticleId::new("a1")?, "The software layer", "Pacific Policy Review",
///     "2026-05-12T09:30:00Z".parse()?, "Capability now propagates through software.",
/// )?;
/// let prompt = ExtractionPrompt::builder(&article, "2026-05-12T13:00:00Z".parse()?).build()?;
/// assert_eq!(prompt.version, PROMPT_VERSION);
/// assert!(prompt.system.contains("copied character for character"));
/// assert!(prompt.user.contains("Capability now propagates through software."));
/// assert!(prompt.user.contains("No candidate signals"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtractionPrompt {
    /// [`PROMPT_VERSION`].
    pub version: String,
    /// The system message: what to extract and how to write it, and the schema.
    pub system: String,
    /// The user message: the article and the candidate signals.
    pub user: String,
}

/// Builds an [`ExtractionPrompt`].
#[derive(Debug, Clone)]
pub struct ExtractionPromptBuilder<'a> {
    article: &'a Article,
    extracted_at: DateTime<Utc>,
    candidates: Vec<PromptCandidate>,
    strict: bool,
}

/// Why a prompt cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PromptError {
    /// More candidates than [`MAX_PROMPT_CANDIDATES`].
    #[error(
        "{count} candidate signals given, more than the {max} a prompt lists; pass the best {max} (Pipeline::candidates ranks them)"
    )]
    TooManyCandidates {
        /// How many were given.
        count: usize,
        /// [`MAX_PROMPT_CANDIDATES`].
        max: usize,
    },
    /// The same signal listed twice.
    #[error("signal {id} is listed twice among the candidates; list each once")]
    DuplicateCandidate {
        /// The repeated id.
        id: String,
    },
}

/// A model's response that is not an extraction.
#[derive(Debug, thiserror::Error)]
#[error(
    "the model's response is not a valid extraction (line {line}, column {column}): {source}; ask again, or check the response against the schema"
)]
pub struct ResponseError {
    /// The line of the JSON where reading stopped.
    pub line: usize,
    /// The column.
    pub column: usize,
    /// What was wrong.
    #[source]
    pub source: serde_json::Error,
}

/// Reads a model's response to an [`ExtractionPrompt`]: one JSON extraction, bare or inside a
/// Markdown code fence (` ```json … ``` `) as chat models often wrap it; white space around it
/// is ignored, anything else is not.
///
/// # Errors
///
/// [`ResponseError`] for anything that is not one valid [`Extraction`] (the model's limits,
/// regions, tags and verdict included), with where reading stopped.
///
/// ```
/// let response = "```json\n{\"article_id\": \"a1\", \"extracted_at\": \"2026-05-12T13:00:00Z\",
///     \"thesis\": \"Capability moves as software\", \"strength\": 6}\n```";
/// let extraction = bellwether::prompt::parse_response(response)?;
/// assert_eq!(extraction.strength().value(), 6);
/// assert!(bellwether::prompt::parse_response("Sure! Here it is: {}").is_err());
/// # Ok::<(), bellwether::prompt::ResponseError>(())
/// ```
pub fn parse_response(text: &str) -> Result<Extraction, ResponseError> {
    let trimmed = text.trim();
    let json = trimmed
        .strip_prefix("```json")
        .or_else(|| trimmed.strip_prefix("```"))
        .and_then(|body| body.strip_suffix("```"))
        .unwrap_or(trimmed);
    serde_json::from_str(json).map_err(|source| ResponseError {
        line: source.line(),
        column: source.column(),
        source,
    })
}

impl ExtractionPrompt {
    /// Starts the prompt for `article`, telling the model to write `extracted_at` as the
    /// extraction's time.
    pub fn builder(article: &Article, extracted_at: DateTime<Utc>) -> ExtractionPromptBuilder<'_> {
        ExtractionPromptBuilder {
            article,
            extracted_at,
            candidates: Vec::new(),
            strict: false,
        }
    }
}

impl<'a> ExtractionPromptBuilder<'a> {
    /// Lists these signals as candidates, in this order (best first).
    pub fn candidates(mut self, candidates: impl IntoIterator<Item = PromptCandidate>) -> Self {
        self.candidates.extend(candidates);
        self
    }

    /// Embeds the strict schema ([`strict_extraction_schema`]) rather than the full one:
    /// choose it when the same schema goes to the API's structured-output mode, so that the
    /// model reads what constrains it.
    pub fn strict_schema(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Renders the prompt.
    ///
    /// # Errors
    ///
    /// [`PromptError::TooManyCandidates`] past [`MAX_PROMPT_CANDIDATES`];
    /// [`PromptError::DuplicateCandidate`] for a signal listed twice.
    pub fn build(self) -> Result<ExtractionPrompt, PromptError> {
        if self.candidates.len() > MAX_PROMPT_CANDIDATES {
            return Err(PromptError::TooManyCandidates {
                count: self.candidates.len(),
                max: MAX_PROMPT_CANDIDATES,
            });
        }
        for (i, candidate) in self.candidates.iter().enumerate() {
            if self.candidates[..i].iter().any(|c| c.id == candidate.id) {
                return Err(PromptError::DuplicateCandidate {
                    id: candidate.id.to_string(),
                });
            }
        }
        Ok(ExtractionPrompt {
            version: PROMPT_VERSION.to_owned(),
            system: system(self.strict),
            user: user(self.article, self.extracted_at, &self.candidates),
        })
    }
}

fn quoted_list<'a>(values: impl Iterator<Item = &'a str>) -> String {
    values
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The instructions: notation, what not to judge, the verdict, the schema.
fn system(strict: bool) -> String {
    let natures = quoted_list(Nature::KNOWN.iter().map(Nature::as_str));
    let domains = quoted_list(Domain::KNOWN.iter().map(Domain::as_str));
    let kinds = quoted_list(ActorKind::ALL.iter().map(|k| k.as_str()));
    let schema = match strict {
        true => strict_extraction_schema(),
        false => extraction_schema(),
    };
    // `Value`'s Display is compact JSON: deterministic, as its maps are sorted.
    let schema = schema.to_string();
    format!(
        "You extract signals from news articles for Bellwether ({PROMPT_VERSION}).

Read the article in the user message and answer with one JSON object that follows the schema at the end, and nothing else.

What to write:
- thesis: the claim the article supports, in one sentence, in your own words.
- analysis (optional): why the claim matters, in a short paragraph.
- strength: how strongly this article alone supports the thesis, from 1 (barely) to 10 (conclusively).
- quotes: passages that support the thesis, each copied character for character from the article: the same words, spelling, punctuation and capitals, even where the article has a typo. Never paraphrase, translate, correct or merge sentences. Mark a cut inside a passage with … and an insertion of your own with [square brackets]. Give no quote you cannot find in the article: every quote is checked against the article, and one that is not there is thrown away.
- anchors: one to three key phrases of each quote, each copied exactly from that quote (not from elsewhere in the article).
- regions: ISO 3166-1 alpha-2 codes in capitals (`US`, `CN`, `DE`); also `EU`, `UN`, `XK` (Kosovo) and `GLOBAL`. Never FIPS or GDELT codes: China is `CN`, not `CH` (Switzerland).
- tags: nature, one or more of {natures}; domains, one or more of {domains}; topics, short free labels such as `AI`.
- actors: who the claim is about, each with a kind, one of {kinds}, and the other names the article uses for them as aliases.
- reasoning: how the article supports the thesis, one short paragraph per step.
- article_id and extracted_at: copy the values given in the user message.

What not to judge: the reliability of the outlet or the author, how strong the signal is overall, whether other outlets copied the article, or when it was published. Bellwether decides those from the sources themselves; write only what this article says.

Your verdict on the candidate signals listed in the user message:
- {{\"kind\": \"reinforces\", \"signal\": \"<id>\"}} when the article supports the thesis of that candidate;
- {{\"kind\": \"contradicts\", \"signal\": \"<id>\"}} when it argues against that thesis;
- {{\"kind\": \"new\"}} when no candidate makes the article's claim{strict_new}.
Name only ids from the list, copied exactly. Even when you name a candidate, write the thesis this article supports.

Schema (JSON Schema draft 2020-12):
{schema}
",
        strict_new = if strict { " (with \"signal\": null)" } else { "" },
    )
}

/// A delimiter line that does not occur in `text`: the article cannot close its own block.
fn delimiter(text: &str) -> String {
    let mut marker = String::from("=====");
    while text.contains(&marker) {
        marker.push('=');
    }
    marker
}

fn time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// The article and the candidates.
fn user(article: &Article, extracted_at: DateTime<Utc>, candidates: &[PromptCandidate]) -> String {
    let source = article.source();
    let fence = delimiter(article.text());
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(out, "article_id: {}", source.id());
    let _ = writeln!(out, "extracted_at: {}", time(extracted_at));
    let _ = writeln!(out, "title: {}", source.title());
    let _ = writeln!(out, "outlet: {}", source.outlet());
    let _ = writeln!(out, "published: {}", time(source.published()));
    let _ = writeln!(out);
    let _ = writeln!(out, "The article's text is between the two {fence} lines:");
    let _ = writeln!(out, "{fence}");
    let _ = writeln!(out, "{}", article.text());
    let _ = writeln!(out, "{fence}");
    let _ = writeln!(out);
    if candidates.is_empty() {
        let _ = writeln!(
            out,
            "No candidate signals: give the verdict {{\"kind\": \"new\"}}."
        );
    } else {
        let _ = writeln!(
            out,
            "Candidate signals this article may reinforce or contradict (best match first):"
        );
        for candidate in candidates {
            let _ = writeln!(out, "- id: {}", candidate.id);
            let _ = writeln!(out, "  thesis: {}", candidate.thesis);
            let _ = writeln!(out, "  strength: {}", candidate.strength.value());
            let _ = writeln!(
                out,
                "  last reinforced: {}",
                time(candidate.last_reinforced)
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_never_occurs_in_the_article() {
        assert_eq!(delimiter("plain text"), "=====");
        assert_eq!(delimiter("a ===== b"), "======");
        assert_eq!(delimiter("a ====== b ===== c"), "=======");
    }
}
