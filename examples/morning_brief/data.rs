//! Reads the bundled sample data: one JSON file per day, naming its articles' text files and
//! carrying the model's extractions (layout in `examples/data/README.md`).

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};

use bellwether::Article;
use bellwether::chrono::{DateTime, NaiveDate, Utc};
use bellwether::signal::{ArticleId, Extraction, ReliabilityGrade, WebUrl};
use serde::Deserialize;

/// The bundled sample data.
pub(crate) const DEFAULT_DATA_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data");

/// One day of news: its articles and the model's extractions for them.
#[derive(Debug)]
pub(crate) struct Day {
    /// The calendar day.
    pub(crate) date: NaiveDate,
    /// The articles published that day.
    pub(crate) articles: Vec<Article>,
    /// The extractions, each naming its article.
    pub(crate) extractions: Vec<Extraction>,
}

impl Day {
    /// The article an extraction was made from.
    pub(crate) fn article_of(&self, extraction: &Extraction) -> Option<&Article> {
        self.articles
            .iter()
            .find(|a| a.id() == extraction.article_id())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DayFile {
    date: NaiveDate,
    articles: Vec<ArticleEntry>,
    extractions: Vec<Extraction>,
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

/// Loads every `days/*.json` of `dir`, in date order.
///
/// # Errors
///
/// Any unreadable file, malformed JSON, or invalid article or extraction, naming the file.
pub(crate) fn load_days(dir: &Path) -> Result<Vec<Day>, Box<dyn Error>> {
    let days_dir = dir.join("days");
    let mut paths: Vec<PathBuf> = fs::read_dir(&days_dir)
        .map_err(|e| format!("{}: {e}", days_dir.display()))?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    paths.iter().map(|path| load_day(dir, path)).collect()
}

fn load_day(dir: &Path, path: &Path) -> Result<Day, Box<dyn Error>> {
    let context = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    let json = fs::read_to_string(path).map_err(|e| context(&e))?;
    let file: DayFile = serde_json::from_str(&json).map_err(|e| context(&e))?;
    let mut articles = Vec::with_capacity(file.articles.len());
    for entry in file.articles {
        let text_path = dir.join(&entry.text_file);
        let text =
            fs::read_to_string(&text_path).map_err(|e| format!("{}: {e}", text_path.display()))?;
        let mut article = Article::new(
            entry.id,
            &entry.title,
            &entry.outlet,
            entry.published,
            &text,
        )
        .map_err(|e| context(&e))?;
        if let Some(url) = entry.url {
            article = article.with_url(url);
        }
        if let Some(grade) = entry.reliability {
            article = article.with_reliability(grade);
        }
        articles.push(article);
    }
    Ok(Day {
        date: file.date,
        articles,
        extractions: file.extractions,
    })
}
