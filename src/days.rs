//! Reads a data directory in the layout of the bundled sample data: one JSON file per day
//! (`days/<YYYY-MM-DD>.json`) naming its articles' text files (`articles/<id>.txt`) and
//! carrying the model's extractions (the layout is described in `examples/data/README.md`).
//!
//! ```
//! let days = bellwether::days::load_days(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data").as_ref())?;
//! assert_eq!(days.len(), 8);
//! assert_eq!(days[0].date.to_string(), "2026-05-12");
//! let first = &days[0].extractions[0];
//! assert!(days[0].article_of(first).is_some());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fs;
use std::path::{Component, Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

use crate::signal::{ArticleId, Extraction, ReliabilityGrade, WebUrl};
use crate::{Article, MalformedExtraction, read_extraction};

/// One day of news: its articles and the model's extractions for them.
#[derive(Debug)]
#[non_exhaustive]
pub struct Day {
    /// The calendar day.
    pub date: NaiveDate,
    /// The articles published that day.
    pub articles: Vec<Article>,
    /// The extractions, each naming its article.
    pub extractions: Vec<Extraction>,
    /// The extractions that could not be read, each with its article and field: a malformed
    /// extraction costs only itself, not its day.
    pub malformed: Vec<MalformedExtraction>,
}

impl Day {
    /// The article an extraction was made from, if the day has it.
    pub fn article_of(&self, extraction: &Extraction) -> Option<&Article> {
        self.articles
            .iter()
            .find(|a| a.id() == extraction.article_id())
    }
}

/// Why a data directory could not be read. Each names the file at fault.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DaysError {
    /// A directory or file could not be read.
    #[error("{}: cannot read it", path.display())]
    Read {
        /// The directory or file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A day file is not the JSON of a day (`date`, `articles`, `extractions`; no other field).
    #[error("{}: not a day file", path.display())]
    Json {
        /// The day file.
        path: PathBuf,
        /// Where and why the JSON is wrong.
        #[source]
        source: serde_json::Error,
    },
    /// An article's `text_file` is absolute, holds `..`, or leads outside the data directory
    /// through a symbolic link.
    #[error("{}: text_file {text_file:?} {problem}", path.display())]
    TextFile {
        /// The day file.
        path: PathBuf,
        /// The `text_file` as given.
        text_file: String,
        /// What is wrong with it.
        problem: &'static str,
    },
    /// An article is refused (a blank or too long text).
    #[error("{}: article {id} is refused", path.display())]
    Article {
        /// The day file.
        path: PathBuf,
        /// The article's id.
        id: String,
        /// Why (boxed: the facade's error is large).
        #[source]
        source: Box<crate::Error>,
    },
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

/// Loads every `days/*.json` of `dir`, in the order of their file names (dates).
///
/// # Errors
///
/// [`DaysError`] for an unreadable file, malformed day JSON, a `text_file` outside `dir` or an
/// invalid article, naming the file. An invalid extraction is not an error: it is listed in its
/// day's `malformed`.
pub fn load_days(dir: &Path) -> Result<Vec<Day>, DaysError> {
    let days_dir = dir.join("days");
    let read_error = |source| DaysError::Read {
        path: days_dir.clone(),
        source,
    };
    let mut paths: Vec<PathBuf> = fs::read_dir(&days_dir)
        .map_err(read_error)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(read_error)?
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
fn confined(dir: &Path, day_file: &Path, text_file: &Path) -> Result<PathBuf, DaysError> {
    let problem = |problem| DaysError::TextFile {
        path: day_file.to_owned(),
        text_file: text_file.display().to_string(),
        problem,
    };
    let plain = text_file
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !plain || text_file.as_os_str().is_empty() {
        return Err(problem(
            "must be a relative path inside the data directory, without \"..\"",
        ));
    }
    let root = fs::canonicalize(dir).map_err(|source| DaysError::Read {
        path: dir.to_owned(),
        source,
    })?;
    let joined = dir.join(text_file);
    let resolved = fs::canonicalize(&joined).map_err(|source| DaysError::Read {
        path: joined.clone(),
        source,
    })?;
    if !resolved.starts_with(&root) {
        return Err(problem(
            "leads outside the data directory through a symbolic link",
        ));
    }
    Ok(resolved)
}

fn load_day(dir: &Path, path: &Path) -> Result<Day, DaysError> {
    let json = fs::read_to_string(path).map_err(|source| DaysError::Read {
        path: path.to_owned(),
        source,
    })?;
    let file: DayFile = serde_json::from_str(&json).map_err(|source| DaysError::Json {
        path: path.to_owned(),
        source,
    })?;
    let mut articles = Vec::with_capacity(file.articles.len());
    for entry in file.articles {
        let text_path = confined(dir, path, &entry.text_file)?;
        let text = fs::read_to_string(&text_path).map_err(|source| DaysError::Read {
            path: text_path.clone(),
            source,
        })?;
        let id = entry.id.as_str().to_owned();
        let mut article = Article::new(
            entry.id,
            &entry.title,
            &entry.outlet,
            entry.published,
            &text,
        )
        .map_err(|source| DaysError::Article {
            path: path.to_owned(),
            id,
            source: Box::new(source),
        })?;
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

#[cfg(test)]
mod tests {
    // Tests may panic on a broken expectation: that is how they fail.
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    fn data_with(day: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("days")).unwrap();
        fs::create_dir_all(dir.path().join("articles")).unwrap();
        fs::write(dir.path().join("articles/a.txt"), "Officials said so.").unwrap();
        fs::write(dir.path().join("days/2026-05-12.json"), day).unwrap();
        dir
    }

    fn day(text_file: &str) -> String {
        format!(
            r#"{{"date": "2026-05-12", "articles": [{{"id": "a", "outlet": "O", "title": "T",
                "published": "2026-05-12T09:30:00Z", "text_file": {text_file:?}}}],
                "extractions": [{{"article_id": "a", "strength": 11}}]}}"#
        )
    }

    #[test]
    fn a_text_file_outside_the_directory_is_refused_with_the_day_file_named() {
        for outside in ["../secret.txt", "/etc/passwd", ""] {
            let dir = data_with(&day(outside));
            let error = load_days(dir.path()).unwrap_err();
            assert!(
                matches!(error, DaysError::TextFile { .. }),
                "{outside}: {error}"
            );
            assert!(error.to_string().contains("2026-05-12.json"), "{error}");
        }
    }

    #[test]
    fn a_malformed_day_is_an_error_and_a_malformed_extraction_costs_only_itself() {
        let dir = data_with("{\"date\": \"2026-05-12\", \"articles\": [");
        assert!(matches!(load_days(dir.path()), Err(DaysError::Json { .. })));
        let dir = data_with(&day("articles/a.txt"));
        let days = load_days(dir.path()).unwrap();
        assert_eq!(days[0].articles.len(), 1);
        assert!(days[0].extractions.is_empty());
        assert_eq!(days[0].malformed.len(), 1);
    }

    #[test]
    fn a_missing_directory_is_a_read_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            load_days(&dir.path().join("nowhere")),
            Err(DaysError::Read { .. })
        ));
    }
}
