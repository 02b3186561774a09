//! Where the main job keeps its pipeline between runs: nowhere, a JSON state file (held under
//! its writer lock for the whole run and saved whole), or the embedded store (feature `store`:
//! every change committed as it happens).

use std::error::Error;
use std::path::Path;

use bellwether::brief::{Brief, Composed};
use bellwether::chrono::{DateTime, Utc};
use bellwether::signal::Extraction;
use bellwether::{Article, IngestReport, Pipeline, PipelineConfig, StateLock};

/// The pipeline and where it is kept.
pub(crate) enum Backend {
    /// In memory; saved whole to the state file of `lock`, if any.
    File {
        pipeline: Pipeline,
        lock: Option<StateLock>,
    },
    /// In the embedded store, committed change by change.
    #[cfg(feature = "store")]
    Store(bellwether::store::StoredPipeline<bellwether::store::RedbStore>),
}

impl Backend {
    /// Opens the state file or the store, if given. A preview keeps a copy in memory only and
    /// holds nothing.
    pub(crate) fn open(
        state: Option<&Path>,
        store: Option<&Path>,
        preview: bool,
    ) -> Result<Backend, Box<dyn Error>> {
        let config = PipelineConfig::default();
        match (state, store) {
            (Some(_), Some(_)) => Err("give --state or --store, not both".into()),
            (Some(path), None) => {
                let lock = StateLock::acquire(path)?;
                let pipeline = lock.load(config)?.unwrap_or_default();
                let lock = if preview { None } else { Some(lock) };
                Ok(Backend::File { pipeline, lock })
            }
            #[cfg(feature = "store")]
            (None, Some(path)) => {
                use bellwether::store::{RedbStore, StoredPipeline};
                let stored = StoredPipeline::open(RedbStore::open(path)?, config)?;
                Ok(match preview {
                    true => Backend::File {
                        pipeline: stored.pipeline().clone(),
                        lock: None,
                    },
                    false => Backend::Store(stored),
                })
            }
            #[cfg(not(feature = "store"))]
            (None, Some(_)) => Err(
                "--store needs the store feature: cargo run --release --features store --example morning_brief -- --store FILE"
                    .into(),
            ),
            (None, None) => Ok(Backend::File {
                pipeline: Pipeline::new(),
                lock: None,
            }),
        }
    }

    pub(crate) fn pipeline(&self) -> &Pipeline {
        match self {
            Backend::File { pipeline, .. } => pipeline,
            #[cfg(feature = "store")]
            Backend::Store(stored) => stored.pipeline(),
        }
    }

    pub(crate) fn ingest(
        &mut self,
        article: &Article,
        extraction: &Extraction,
        now: DateTime<Utc>,
    ) -> Result<IngestReport, Box<dyn Error>> {
        Ok(match self {
            Backend::File { pipeline, .. } => pipeline.ingest(article, extraction, now)?,
            #[cfg(feature = "store")]
            Backend::Store(stored) => stored.ingest(article, extraction, now)?,
        })
    }

    pub(crate) fn compose(&mut self, now: DateTime<Utc>) -> Result<Composed, Box<dyn Error>> {
        Ok(match self {
            Backend::File { pipeline, .. } => pipeline.compose(now)?,
            #[cfg(feature = "store")]
            Backend::Store(stored) => stored.compose(now)?,
        })
    }

    pub(crate) fn record_delivery(&mut self, brief: &Brief) -> Result<(), Box<dyn Error>> {
        match self {
            Backend::File { pipeline, .. } => pipeline.record_delivery(brief)?,
            #[cfg(feature = "store")]
            Backend::Store(stored) => stored.record_delivery(brief)?,
        }
        Ok(())
    }

    /// Makes everything so far durable: saves the state file whole (the store has committed
    /// each change already).
    pub(crate) fn commit(&self) -> Result<(), Box<dyn Error>> {
        match self {
            Backend::File {
                pipeline,
                lock: Some(lock),
            } => Ok(lock.save(pipeline)?),
            _ => Ok(()),
        }
    }
}
