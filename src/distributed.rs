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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::{ClusterError, SignalClusters};
    use crate::signal::ArticleId;

    const TEXT: &str = "Officials said on Tuesday that \u{201C}capability now propagates through \
        software, and software is not what export-control architectures were built to \
        govern.\u{201D} Rivals said chips still decide who leads.";

    fn article(id: &str, outlet: &str) -> Article {
        Article::new(
            ArticleId::new(id).unwrap(),
            "The software layer",
            outlet,
            "2026-05-12T09:30:00Z".parse().unwrap(),
            TEXT,
        )
        .unwrap()
    }

    fn extraction(id: &str, thesis: &str, quote: &str) -> Extraction {
        serde_json::from_value(serde_json::json!({
            "article_id": id, "extracted_at": "2026-05-12T13:00:00Z",
            "thesis": thesis, "strength": 6, "regions": ["US", "CN"],
            "quotes": [{"text": quote, "anchors": ["software"]}]
        }))
        .unwrap()
    }

    fn now() -> DateTime<Utc> {
        "2026-05-12T18:00:00Z".parse().unwrap()
    }

    fn records() -> Vec<VerifiedRecord> {
        let config = PipelineConfig::default();
        [
            (
                "a1",
                "Export controls cannot govern capability that moves as software",
            ),
            (
                "a2",
                "Export controls cannot govern software-borne capability",
            ),
            ("a3", "Chip leadership still decides the AI race"),
        ]
        .into_iter()
        .map(|(id, thesis)| {
            let quote = "software is not what export-control architectures were built to govern";
            Pipeline::verify_record(
                &config,
                &article(id, "Review"),
                &extraction(id, thesis, quote),
                now(),
            )
            .unwrap()
            .unwrap()
        })
        .collect()
    }

    #[test]
    fn records_settled_with_the_batch_clustering_are_the_settled_pipeline() {
        let mut settled = Pipeline::from_records(PipelineConfig::default(), records()).unwrap();
        settled.settle(now()).unwrap();
        let mut pieces = Pipeline::from_records(PipelineConfig::default(), records()).unwrap();
        let input = pieces.clustering_input().unwrap();
        assert_eq!(input.len(), 3);
        let clusters = SignalClusters::batch(pieces.config().clusters, input).unwrap();
        pieces.settle_clustered(clusters, now()).unwrap();
        assert_eq!(pieces.to_json().unwrap(), settled.to_json().unwrap());
        assert!(settled.signals().count() >= 2);
    }

    #[test]
    fn a_clustering_of_other_extractions_is_refused() {
        let mut pipeline = Pipeline::from_records(PipelineConfig::default(), records()).unwrap();
        pipeline.settle(now()).unwrap();
        let before = pipeline.to_json().unwrap();
        let mut input = pipeline.clustering_input().unwrap();
        let dropped = input.pop().unwrap();
        let clusters = SignalClusters::batch(pipeline.config().clusters, input.clone()).unwrap();
        assert!(matches!(
            pipeline.settle_clustered(clusters, now()),
            Err(Error::Cluster(ClusterError::UnknownExtraction { extraction_id }))
                if extraction_id == dropped.extraction_id
        ));
        input.push(dropped);
        input.push(crate::score::ExtractionFeatures::new(
            "stranger",
            "a9",
            "Oil prices rise",
        ));
        let clusters = SignalClusters::batch(pipeline.config().clusters, input).unwrap();
        assert!(matches!(
            pipeline.settle_clustered(clusters, now()),
            Err(Error::Cluster(ClusterError::UnknownExtraction { extraction_id }))
                if extraction_id == "stranger"
        ));
        assert_eq!(pipeline.to_json().unwrap(), before);
    }

    #[test]
    fn replayed_records_count_once_and_conflicting_articles_are_refused() {
        let mut twice = records();
        twice.extend(records());
        let mut once = Pipeline::from_records(PipelineConfig::default(), records()).unwrap();
        let mut replayed = Pipeline::from_records(PipelineConfig::default(), twice).unwrap();
        once.settle(now()).unwrap();
        replayed.settle(now()).unwrap();
        assert_eq!(once.to_json().unwrap(), replayed.to_json().unwrap());

        let config = PipelineConfig::default();
        let quote = "software is not what export-control architectures were built to govern";
        let other = Pipeline::verify_record(
            &config,
            &article("a1", "Another outlet"),
            &extraction("a1", "Software escapes export controls", quote),
            now(),
        )
        .unwrap()
        .unwrap();
        let mut conflicting = records();
        conflicting.push(other);
        assert!(matches!(
            Pipeline::from_records(config, conflicting),
            Err(Error::ArticleConflict { article, fields }) if article == "a1" && fields == ["outlet"]
        ));
    }

    #[test]
    fn an_extraction_without_an_accepted_quote_makes_no_record() {
        let fabricated = extraction(
            "a1",
            "Chips decide",
            "chips are the only lever that matters",
        );
        let record = Pipeline::verify_record(
            &PipelineConfig::default(),
            &article("a1", "Review"),
            &fabricated,
            now(),
        )
        .unwrap();
        assert_eq!(record, None);
        let record = records().remove(0);
        assert_eq!(record.article_id(), "a1");
        assert!(record.key().starts_with("a1#"));
    }
}
