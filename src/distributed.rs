//! Verified evidence as records that an engine can verify anywhere and gather into one
//! pipeline: [`VerifiedRecord`], [`Pipeline::verify_record`] and [`Pipeline::from_records`].

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::assemble::{ArticleRecord, VerifiedExtraction};
use crate::signal::Extraction;
use crate::{Article, Error, Pipeline, PipelineConfig};

/// One extraction whose quotes were checked against its article, with the article's record
/// (source, fingerprint, identity): what [`Pipeline::ingest`] keeps of an accepted extraction.
/// Records are independent of each other, so any number of workers can make them, and they
/// serialise (as JSON, for example) to travel between them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerifiedRecord {
    article: ArticleRecord,
    extraction: VerifiedExtraction,
}

impl VerifiedRecord {
    /// The extraction's key (`article#hash` of the extraction), unique per extraction.
    pub fn key(&self) -> &str {
        &self.extraction.key
    }

    /// The article's identifier.
    pub fn article_id(&self) -> &str {
        self.extraction.extraction.article_id().as_str()
    }
}

impl Pipeline {
    /// Checks `extraction` against `article` as [`Pipeline::ingest`] does into an empty
    /// pipeline with `config`, and returns what the pipeline keeps: `None` when no quote is
    /// accepted.
    ///
    /// Checks that involve other extractions (the same article id with other content, the
    /// most extractions one article holds) are made when records are gathered
    /// ([`Pipeline::from_records`]).
    ///
    /// # Errors
    ///
    /// As [`Pipeline::ingest`].
    pub fn verify_record(
        config: &PipelineConfig,
        article: &Article,
        extraction: &Extraction,
        now: DateTime<Utc>,
    ) -> Result<Option<VerifiedRecord>, Error> {
        let mut pipeline = Pipeline::with_config(config.clone());
        pipeline.ingest(article, extraction, now)?;
        let (Some((_, article)), Some((_, extraction))) = (
            pipeline.articles.pop_first(),
            pipeline.extractions.pop_first(),
        ) else {
            return Ok(None);
        };
        Ok(Some(VerifiedRecord {
            article,
            extraction,
        }))
    }

    /// A pipeline with `config` holding the evidence of `records`, not yet settled (call
    /// [`Pipeline::settle`] or [`Pipeline::settle_clustered`]). A record given twice counts
    /// once, so replayed input changes nothing.
    ///
    /// # Errors
    ///
    /// [`Error::ArticleConflict`] when two records hold different articles under one id;
    /// [`Error::ArticleFull`] when an article would hold more extractions than
    /// [`MAX_READINGS_PER_ARTICLE`](crate::score::limits::MAX_READINGS_PER_ARTICLE).
    pub fn from_records(
        config: PipelineConfig,
        records: impl IntoIterator<Item = VerifiedRecord>,
    ) -> Result<Pipeline, Error> {
        let mut pipeline = Pipeline::with_config(config);
        for record in records {
            let id = record.article.source.id().clone();
            match pipeline.articles.get(&id) {
                Some(known) if *known != record.article => {
                    let (ours, theirs) = (&known.source, &record.article.source);
                    let mut fields = Vec::new();
                    if ours.url() != theirs.url() {
                        fields.push("url");
                    }
                    if ours.outlet() != theirs.outlet() {
                        fields.push("outlet");
                    }
                    if ours.published() != theirs.published() {
                        fields.push("published");
                    }
                    if fields.is_empty() {
                        fields.push("text");
                    }
                    return Err(Error::ArticleConflict {
                        article: id.to_string(),
                        fields,
                    });
                }
                Some(_) => {}
                None => {
                    pipeline.articles.insert(id.clone(), record.article);
                }
            }
            pipeline
                .extractions
                .entry(record.extraction.key.clone())
                .or_insert(record.extraction);
        }
        let limit = crate::score::limits::MAX_READINGS_PER_ARTICLE;
        let mut per_article: std::collections::BTreeMap<&str, usize> = Default::default();
        for verified in pipeline.extractions.values() {
            let count = per_article
                .entry(verified.extraction.article_id().as_str())
                .or_default();
            *count += 1;
            if *count > limit {
                return Err(Error::ArticleFull {
                    article: verified.extraction.article_id().to_string(),
                    what: "extractions",
                    count: *count,
                    max: limit,
                });
            }
        }
        Ok(pipeline)
    }
}
