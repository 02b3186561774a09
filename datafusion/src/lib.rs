//! Bellwether on [Apache DataFusion](https://datafusion.apache.org): the journey from articles
//! and model extractions to settled signals as a dataflow job over partitions, with a result
//! identical to one [`bellwether::Pipeline`] fed the same input.
//!
//! * [`schema`] gives the Arrow schemas of the tables: articles, extractions, verified quotes,
//!   clustering features, links, assignments and signals with their ledgers.
//! * [`verify`] checks every extraction against its article (a join on `article_id` and the
//!   scalar function [`udf::VerifyUdf`]), on every partition at once.
//! * [`settle`] settles the verified extractions: term statistics are an aggregate
//!   ([`udaf::StatisticsUdaf`], whose partial states merge), candidate links a map over
//!   extractions against the shared model ([`udf::LinksUdf`], each pair decided by the link
//!   decision that [`udf::SimilarityUdf`] also exposes), and clustering an aggregate per
//!   connected component of the link graph ([`udaf::ClusterUdaf`]); signals are numbered by
//!   one global order; ledgers of a signal's shards merge with [`udaf::LedgerUdaf`]
//!   ([`bellwether_score::Ledger::merge`]). See [`bellwether_score::CollectionModel`] for why the pieces give
//!   exactly the batch.
//! * [`to_pipeline`] turns the settled job into the [`bellwether::Pipeline`] it amounts to, to
//!   compose briefs, save the state or keep ingesting.
//! * Tables read from and write to Parquet with DataFusion's own
//!   [`SessionContext::read_parquet`](datafusion::prelude::SessionContext::read_parquet) and
//!   [`DataFrame::write_parquet`](datafusion::dataframe::DataFrame::write_parquet).
//!
//! # Example
//!
//! ```
//! use std::sync::Arc;
//! use bellwether::{Pipeline, PipelineConfig};
//! use bellwether_datafusion::{schema, settle, to_pipeline, verify};
//! use datafusion::arrow::array::{RecordBatch, StringArray, TimestampMicrosecondArray};
//! use datafusion::prelude::{SessionConfig, SessionContext};
//!
//! # tokio::runtime::Runtime::new()?.block_on(async {
//! let ctx = SessionContext::new_with_config(SessionConfig::new().with_target_partitions(2));
//! let text = "Officials said on Tuesday that \u{201C}capability now propagates through software, \
//!             and software is not what export-control architectures were built to govern.\u{201D}";
//! let published = "2026-05-12T09:30:00Z".parse::<bellwether::chrono::DateTime<bellwether::chrono::Utc>>()?;
//! let articles = RecordBatch::try_new(schema::articles(), vec![
//!     Arc::new(StringArray::from(vec!["a1"])),
//!     Arc::new(StringArray::from(vec!["The software layer"])),
//!     Arc::new(StringArray::from(vec!["Pacific Policy Review"])),
//!     Arc::new(StringArray::from(vec![None::<&str>])),
//!     Arc::new(TimestampMicrosecondArray::from(vec![published.timestamp_micros()]).with_timezone("UTC")),
//!     Arc::new(StringArray::from(vec![Some("B")])),
//!     Arc::new(StringArray::from(vec![text])),
//! ])?;
//! let extraction = r#"{"article_id": "a1", "extracted_at": "2026-05-12T13:00:00Z",
//!     "thesis": "Export controls cannot govern capability that moves as software",
//!     "strength": 6, "regions": ["US", "CN"],
//!     "quotes": [{"text": "software is not what export-control architectures were built to govern",
//!                 "anchors": ["export-control architectures"]}]}"#;
//! let extractions = RecordBatch::try_new(schema::extractions(), vec![
//!     Arc::new(StringArray::from(vec!["a1"])),
//!     Arc::new(StringArray::from(vec![extraction])),
//! ])?;
//! let now = "2026-05-12T18:00:00Z".parse()?;
//! let config = PipelineConfig::default();
//! let verified = verify(ctx.read_batch(articles)?, ctx.read_batch(extractions)?, config.clone(), now)?;
//! let settled = settle(&ctx, verified, config, now).await?;
//! let pipeline: Pipeline = to_pipeline(settled);
//! assert_eq!(pipeline.signals().count(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! # })?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub use datafusion;

pub use error::EngineError;
pub use job::{Settled, settle, to_pipeline, verify};

pub mod schema;
pub mod udaf;
pub mod udf;

mod error;
mod job;
