//! Reads the bundled sample data: one JSON file per day, naming its articles' text files and
//! carrying the model's extractions (layout in `examples/data/README.md`).

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};

use bellwether::chrono::{DateTime, NaiveDate, Utc};
use bellwether::signal::{ArticleId, Extraction, ReliabilityGrade, WebUrl};
use bellwether::{Article, MalformedExtraction, read_extraction};
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
    /// The extractions that could not be read, each with its article and field: a malformed
    /// extraction costs only itself, not its day.
    pub(crate) malformed: Vec<MalformedExtraction>,
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
    /// Read one by one (see [`read_extraction`]).
    extractions: Vec<serde_json::Value>,
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
/// Any unreadable file, malformed JSON or invalid article, naming the file. An invalid
/// extraction is not an error: it is listed in its day's `malformed`.
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

/// `text_file` inside `dir`: a relative path of plain components (no `..`, no root, no drive),
/// which, once symbolic links are resolved, still lies inside `dir`. A day file cannot make the
/// loader read anything outside the data directory.
///
/// # Errors
///
/// A message naming the path, for an absolute path or one with `..`, a path that does not
/// exist, or one that leads outside `dir` through a symbolic link.
pub(crate) fn confined(dir: &Path, text_file: &Path) -> Result<PathBuf, String> {
    use std::path::Component;
    let plain = text_file
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !plain || text_file.as_os_str().is_empty() {
        return Err(format!(
            "text_file {:?} must be a relative path inside the data directory, without \"..\"",
            text_file.display().to_string()
        ));
    }
    let root = fs::canonicalize(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let joined = dir.join(text_file);
    let resolved = fs::canonicalize(&joined).map_err(|e| format!("{}: {e}", joined.display()))?;
    if !resolved.starts_with(&root) {
        return Err(format!(
            "text_file {:?} leads outside the data directory (to {}) through a symbolic link",
            text_file.display().to_string(),
            resolved.display()
        ));
    }
    Ok(resolved)
}

fn load_day(dir: &Path, path: &Path) -> Result<Day, Box<dyn Error>> {
    let context = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    let json = fs::read_to_string(path).map_err(|e| context(&e))?;
    let file: DayFile = serde_json::from_str(&json).map_err(|e| context(&e))?;
    let mut articles = Vec::with_capacity(file.articles.len());
    for entry in file.articles {
        let text_path = confined(dir, &entry.text_file).map_err(|e| context(&e))?;
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
    let (mut extractions, mut malformed) = (Vec::new(), Vec::new());
    for (index, value) in file.extractions.iter().enumerate() {
        match read_extraction(index, value) {
            Ok(extraction) => extractions.push(extraction),
            Err(error) => malformed.push(error),
        }
    }
    Ok(Day {
        date: file.date,
        articles,
        extractions,
        malformed,
    })
}
