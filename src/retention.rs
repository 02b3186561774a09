//! Removing evidence: retraction (one article and everything it contributed) and retention
//! (everything published before a horizon). Both rebuild every signal from what remains, so
//! the result is what ingesting only the remaining evidence would have given.

use chrono::{DateTime, Utc};

use crate::signal::ArticleId;
use crate::{Error, Pipeline};

impl Pipeline {
    /// Removes article `id` and every extraction of it: its quotes and evidence leave every
    /// signal, which are rebuilt from what remains (at the last settle instant, or left
    /// unsettled as before). Returns how many extractions were removed (0 for an unknown
    /// article, which changes nothing).
    ///
    /// Retracting several articles in any order gives the same state as never ingesting them.
    /// The last brief delivered is kept: the next brief reports the retracted evidence's
    /// signals as weakened or gone.
    ///
    /// Cost: one rebuild of every signal, as [`Pipeline::settle`].
    ///
    /// # Errors
    ///
    /// As [`Pipeline::settle`]; on error the pipeline is left as it was.
    ///
    /// # Example
    ///
    /// ```
    /// # use bellwether::{Article, Pipeline};
    /// # use bellwether::signal::{ArticleId, Extraction};
    /// # let text = "Officials said that capability now propagates through software today.";
    /// # let article = Article::new(ArticleId::new("a1")?, "Software", "Review",
    /// #     "2026-05-12T09:30:00Z".parse()?, text)?;
    /// # let extraction: Extraction = serde_json::from_str(r#"{"article_id": "a1",
    /// #     "extracted_at": "2026-05-12T13:00:00Z", "thesis": "Capability moves as software",
    /// #     "strength": 6, "quotes": [{"text": "capability now propagates through software"}]}"#)?;
    /// let mut pipeline = Pipeline::new();
    /// pipeline.ingest(&article, &extraction, "2026-05-13T07:00:00Z".parse()?)?;
    /// assert_eq!(pipeline.retract(article.id())?, 1);
    /// assert_eq!((pipeline.article_count(), pipeline.signals().count()), (0, 0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn retract(&mut self, id: &ArticleId) -> Result<usize, Error> {
        let keys: Vec<String> = self
            .extractions
            .iter()
            .filter(|(_, v)| v.extraction.article_id() == id)
            .map(|(key, _)| key.clone())
            .collect();
        if keys.is_empty() && !self.articles.contains_key(id) {
            return Ok(0);
        }
        let mut kept = self.clone_evidence();
        kept.articles.remove(id);
        for key in &keys {
            kept.extractions.remove(key);
        }
        kept.resettle(self.settled_at)?;
        *self = kept;
        Ok(keys.len())
    }

    /// Forgets every article published before `horizon` and every extraction of them; the
    /// signals are rebuilt from what remains (at the last settle instant, or left unsettled).
    /// Returns how many articles were forgotten.
    ///
    /// This is what keeps a long-running state bounded: forgetting before `h1` then before
    /// `h2` is forgetting before the later of the two, and the result equals ingesting only
    /// the articles published at or after the horizon.
    ///
    /// Cost: one rebuild of every signal, as [`Pipeline::settle`].
    ///
    /// # Errors
    ///
    /// As [`Pipeline::settle`]; on error the pipeline is left as it was.
    pub fn forget_before(&mut self, horizon: DateTime<Utc>) -> Result<usize, Error> {
        let old: Vec<ArticleId> = self
            .articles
            .iter()
            .filter(|(_, r)| r.source.published() < horizon)
            .map(|(id, _)| id.clone())
            .collect();
        if old.is_empty() {
            return Ok(0);
        }
        let mut kept = self.clone_evidence();
        for id in &old {
            kept.articles.remove(id);
        }
        kept.extractions
            .retain(|_, v| kept.articles.contains_key(v.extraction.article_id()));
        kept.resettle(self.settled_at)?;
        *self = kept;
        Ok(old.len())
    }

    /// A pipeline with this configuration, evidence and last brief, and no signals yet.
    fn clone_evidence(&self) -> Pipeline {
        let mut copy = Pipeline::with_config(self.config.clone());
        copy.articles = self.articles.clone();
        copy.extractions = self.extractions.clone();
        copy.last_brief = self.last_brief.clone();
        copy
    }
}
