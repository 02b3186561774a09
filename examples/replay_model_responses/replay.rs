//! Replays recorded model responses: for each, the prompt its article gets now, the response
//! read as an extraction, the ingest; the bundled sample data is the history.

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};

use bellwether::prompt::{ExtractionPrompt, PROMPT_VERSION, parse_response};
use bellwether::signal::{ArticleId, ReliabilityGrade, WebUrl};
use bellwether::{Article, IngestReport, Pipeline};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::data::{DEFAULT_DATA_DIR, load_days};

/// The recorded responses.
pub(crate) const FIXTURES_DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/replay_model_responses/fixtures"
);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixtures {
    prompt_version: String,
    extracted_at: DateTime<Utc>,
    articles: Vec<ArticleEntry>,
    responses: Vec<ResponseEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticleEntry {
    id: ArticleId,
    outlet: String,
    title: String,
    url: Option<WebUrl>,
    published: DateTime<Utc>,
    reliability: Option<ReliabilityGrade>,
    text_file: PathBuf,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResponseEntry {
    article: ArticleId,
    file: PathBuf,
}

/// One recorded response, replayed.
pub(crate) struct Step {
    /// The response's file.
    pub(crate) file: PathBuf,
    /// The prompt its article gets from the pipeline as it stood.
    pub(crate) prompt: ExtractionPrompt,
    /// The ingest report, or why the response could not be read or ingested.
    pub(crate) outcome: Result<IngestReport, String>,
}

/// The history ingested, then every recorded response replayed in order at `now`.
///
/// # Errors
///
/// Unreadable fixtures or sample data, or fixtures recorded for another prompt version.
pub(crate) fn replay(now: DateTime<Utc>) -> Result<(Pipeline, Vec<Step>), Box<dyn Error>> {
    let mut pipeline = Pipeline::new();
    for day in load_days(Path::new(DEFAULT_DATA_DIR))? {
        for extraction in &day.extractions {
            let article = day
                .article_of(extraction)
                .ok_or("a sample extraction without its article")?;
            pipeline.ingest(article, extraction, now)?;
        }
    }
    pipeline.settle(now)?;

    let dir = Path::new(FIXTURES_DIR);
    let fixtures: Fixtures = serde_json::from_str(&fs::read_to_string(dir.join("fixtures.json"))?)?;
    if fixtures.prompt_version != PROMPT_VERSION {
        return Err(format!(
            "the responses answer prompt {}, this build renders {PROMPT_VERSION}: record them again",
            fixtures.prompt_version
        )
        .into());
    }
    let mut articles = Vec::new();
    for entry in fixtures.articles {
        let text = fs::read_to_string(dir.join(&entry.text_file))?;
        let mut article = Article::new(
            entry.id,
            &entry.title,
            &entry.outlet,
            entry.published,
            &text,
        )?;
        if let Some(url) = entry.url {
            article = article.with_url(url);
        }
        if let Some(grade) = entry.reliability {
            article = article.with_reliability(grade);
        }
        articles.push(article);
    }
    let mut steps = Vec::new();
    for response in fixtures.responses {
        let article = articles
            .iter()
            .find(|a| *a.id() == response.article)
            .ok_or_else(|| format!("no article {} in the fixtures", response.article))?;
        // What the model was shown: the candidates the pipeline ranks for this article now.
        let prompt = pipeline.prompt(article, fixtures.extracted_at, 5)?;
        let raw = fs::read_to_string(dir.join(&response.file))?;
        // A malformed response costs only itself.
        let outcome = parse_response(&raw)
            .map_err(|e| e.to_string())
            .and_then(|extraction| {
                pipeline
                    .ingest(article, &extraction, now)
                    .map_err(|e| e.to_string())
            });
        steps.push(Step {
            file: response.file,
            prompt,
            outcome,
        });
    }
    Ok((pipeline, steps))
}
