//! Articles: the full text a pipeline checks quotes against, with what is known of its source.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Error;
use crate::signal::{ArticleId, ReliabilityGrade, SourceArticle, WebUrl};

/// The longest article text the pipeline accepts, in bytes (16 MiB).
///
/// Quote location is linear in the article's length, so this bounds the time one quote can take.
pub const MAX_ARTICLE_BYTES: usize = 16 * 1024 * 1024;

/// One article as a scraper delivers it: identity, source, publication time and full text.
///
/// # Example
///
/// ```
/// use bellwether::Article;
/// use bellwether::signal::{ArticleId, ReliabilityGrade};
///
/// let article = Article::new(
///     ArticleId::new("the-g-2-reality")?,
///     "The G-2 Reality",
///     "Strategy Quarterly",
///     "2026-05-26T14:05:00Z".parse()?,
///     "The launch of DeepSeek, the large language model created in China, …",
/// )?
/// .with_reliability(ReliabilityGrade::B);
/// assert_eq!(article.source().outlet(), "Strategy Quarterly");
/// assert!(Article::new(ArticleId::new("x")?, "t", "o", "2026-05-26T14:05:00Z".parse()?, " ").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawArticle", into = "RawArticle")]
pub struct Article {
    source: SourceArticle,
    text: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArticle {
    id: ArticleId,
    outlet: String,
    title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    url: Option<WebUrl>,
    published: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reliability: Option<ReliabilityGrade>,
    text: String,
}

impl Article {
    /// An article with its full text.
    ///
    /// # Errors
    ///
    /// [`Error::Signal`] for a bad title or outlet (empty, too long, control characters);
    /// [`Error::ArticleText`] for a text that is blank or over [`MAX_ARTICLE_BYTES`].
    pub fn new(
        id: ArticleId,
        title: &str,
        outlet: &str,
        published: DateTime<Utc>,
        text: &str,
    ) -> Result<Self, Error> {
        let source = SourceArticle::new(id, title, outlet, published)?;
        check_text(&source, text)?;
        Ok(Article {
            source,
            text: text.to_owned(),
        })
    }

    /// This article with its web address.
    pub fn with_url(mut self, url: WebUrl) -> Self {
        self.source = self.source.with_url(url);
        self
    }

    /// This article with its source's reliability grade.
    pub fn with_reliability(mut self, grade: ReliabilityGrade) -> Self {
        self.source = self.source.with_reliability(grade);
        self
    }

    /// The article's identity and source, with no quotes or reasoning.
    pub fn source(&self) -> &SourceArticle {
        &self.source
    }

    /// The article's identifier.
    pub fn id(&self) -> &ArticleId {
        self.source.id()
    }

    /// The full original text.
    pub fn text(&self) -> &str {
        &self.text
    }
}

fn check_text(source: &SourceArticle, text: &str) -> Result<(), Error> {
    if text.trim().is_empty() || text.len() > MAX_ARTICLE_BYTES {
        return Err(Error::ArticleText {
            article: source.id().to_string(),
            len: text.len(),
            max: MAX_ARTICLE_BYTES,
        });
    }
    Ok(())
}

impl TryFrom<RawArticle> for Article {
    type Error = Error;
    fn try_from(raw: RawArticle) -> Result<Self, Self::Error> {
        let mut article = Article::new(raw.id, &raw.title, &raw.outlet, raw.published, &raw.text)?;
        if let Some(url) = raw.url {
            article = article.with_url(url);
        }
        if let Some(grade) = raw.reliability {
            article = article.with_reliability(grade);
        }
        Ok(article)
    }
}

impl From<Article> for RawArticle {
    fn from(article: Article) -> Self {
        let source = article.source;
        RawArticle {
            id: source.id().clone(),
            outlet: source.outlet().to_owned(),
            title: source.title().to_owned(),
            url: source.url().cloned(),
            published: source.published(),
            reliability: source.reliability(),
            text: article.text,
        }
    }
}
