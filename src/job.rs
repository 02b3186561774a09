//! A scheduled job's run: where the pipeline is kept between runs, and the morning's order of
//! compose, save, deliver, record, save, so that a failure never marks an unsent brief as sent.
//!
//! The main job (`examples/morning_brief`) and the `bellwether` command line both run on this.
//!
//! ```
//! use bellwether::brief::{Composed, Render, RenderContext, TextRenderer};
//! use bellwether::job::{Backend, Morning, run_morning};
//!
//! let dir = tempfile::tempdir()?;
//! let state = dir.path().join("state.json");
//! let mut backend = Backend::open(Some(&state), None, Default::default(), false)?;
//! let now = "2026-05-13T07:00:00Z".parse()?;
//! // An empty state has nothing to say: a quiet morning, saved, nothing delivered.
//! let morning = run_morning(&mut backend, now, |brief| {
//!     TextRenderer::new().render_to_string(brief, &RenderContext::new(now)).map(drop)
//! })?;
//! assert!(matches!(morning, Morning::Quiet(_)));
//! assert!(state.exists());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, Utc};

use crate::brief::{Brief, Composed, Quiet};
use crate::signal::{ArticleId, Extraction};
use crate::{Article, Error, IngestReport, Pipeline, PipelineConfig, StateLock};

/// Where a job keeps its pipeline between runs.
#[derive(Debug)]
#[non_exhaustive]
pub enum Backend {
    /// In memory: nothing is kept after the run (no state given).
    Memory(Pipeline),
    /// A preview: a copy in memory, and nothing is recorded, not even in memory, so every
    /// morning composes as if no brief had been delivered since the state was saved.
    Preview(Pipeline),
    /// A JSON state file, held under its writer lock for the whole run and saved whole by
    /// [`Backend::commit`].
    File {
        /// The pipeline.
        pipeline: Pipeline,
        /// The state file's writer lock.
        lock: StateLock,
    },
    /// The embedded store (feature `store`): every change committed as it happens.
    #[cfg(feature = "store")]
    Store(Box<crate::store::StoredPipeline<crate::store::RedbStore>>),
}

impl Backend {
    /// Opens the JSON state file `state` (taking its writer lock, loading it if it exists) or
    /// the store file `store` (feature `store`), or neither: an empty pipeline in memory.
    ///
    /// A `preview` loads the state but keeps only a copy in memory: it takes no lock (the state
    /// file is replaced whole by each save, so it reads a whole state), and nothing it does is
    /// saved or recorded.
    ///
    /// # Errors
    ///
    /// [`Error::StateLocked`] when another process holds the state; the errors of
    /// [`StateLock::load`] (unreadable, corrupt or too large a state) and of opening the store;
    /// [`Error::StateIo`] when both `state` and `store` are given, or `store` without the
    /// `store` feature.
    pub fn open(
        state: Option<&Path>,
        store: Option<&Path>,
        config: PipelineConfig,
        preview: bool,
    ) -> Result<Backend, Error> {
        match (state, store) {
            (Some(path), Some(_)) => Err(Error::StateIo {
                path: path.to_owned(),
                action: "opening (a store was given too)",
                source: std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "give a state file or a store, not both",
                ),
            }),
            (Some(path), None) if preview => {
                // A preview takes no lock: saves are atomic renames, so it reads a whole state,
                // and it neither waits for nor blocks a run.
                let pipeline = match std::fs::symlink_metadata(path) {
                    Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                        Pipeline::with_config(config)
                    }
                    _ => Pipeline::load_with_config(path, config)?,
                };
                Ok(Backend::Preview(pipeline))
            }
            (Some(path), None) => {
                let lock = StateLock::acquire(path)?;
                let pipeline = match lock.load(config.clone())? {
                    Some(pipeline) => pipeline,
                    None => Pipeline::with_config(config),
                };
                Ok(Backend::File { pipeline, lock })
            }
            #[cfg(feature = "store")]
            (None, Some(path)) => {
                use crate::store::{RedbStore, StoredPipeline};
                let stored = StoredPipeline::open(RedbStore::open(path)?, config)?;
                Ok(match preview {
                    true => Backend::Preview(stored.pipeline().clone()),
                    false => Backend::Store(Box::new(stored)),
                })
            }
            #[cfg(not(feature = "store"))]
            (None, Some(path)) => Err(Error::StateIo {
                path: path.to_owned(),
                action: "opening the store",
                source: std::io::Error::new(
                    std::io::ErrorKind::Unsupported,
                    "a store needs the `store` feature of bellwether",
                ),
            }),
            (None, None) => Ok(Backend::Memory(Pipeline::with_config(config))),
        }
    }

    /// The pipeline.
    pub fn pipeline(&self) -> &Pipeline {
        match self {
            Backend::Memory(pipeline)
            | Backend::Preview(pipeline)
            | Backend::File { pipeline, .. } => pipeline,
            #[cfg(feature = "store")]
            Backend::Store(stored) => stored.pipeline(),
        }
    }

    /// Whether nothing this backend does is kept after the run.
    pub fn is_ephemeral(&self) -> bool {
        matches!(self, Backend::Memory(_) | Backend::Preview(_))
    }

    /// Whether this is a preview, which records no delivery.
    pub fn is_preview(&self) -> bool {
        matches!(self, Backend::Preview(_))
    }

    /// [`Pipeline::ingest`], committed at once in the store.
    ///
    /// # Errors
    ///
    /// As [`Pipeline::ingest`]; a store's write errors.
    pub fn ingest(
        &mut self,
        article: &Article,
        extraction: &Extraction,
        now: DateTime<Utc>,
    ) -> Result<IngestReport, Error> {
        match self {
            Backend::Memory(pipeline)
            | Backend::Preview(pipeline)
            | Backend::File { pipeline, .. } => pipeline.ingest(article, extraction, now),
            #[cfg(feature = "store")]
            Backend::Store(stored) => stored.ingest(article, extraction, now),
        }
    }

    /// [`Pipeline::compose`].
    ///
    /// # Errors
    ///
    /// As [`Pipeline::compose`].
    pub fn compose(&mut self, now: DateTime<Utc>) -> Result<Composed, Error> {
        match self {
            Backend::Memory(pipeline)
            | Backend::Preview(pipeline)
            | Backend::File { pipeline, .. } => pipeline.compose(now),
            #[cfg(feature = "store")]
            Backend::Store(stored) => stored.compose(now),
        }
    }

    /// [`Pipeline::record_delivery`].
    ///
    /// # Errors
    ///
    /// As [`Pipeline::record_delivery`].
    pub fn record_delivery(&mut self, brief: &Brief) -> Result<(), Error> {
        match self {
            Backend::Memory(pipeline)
            | Backend::Preview(pipeline)
            | Backend::File { pipeline, .. } => pipeline.record_delivery(brief),
            #[cfg(feature = "store")]
            Backend::Store(stored) => stored.record_delivery(brief),
        }
    }

    /// [`Pipeline::retract`]: removes an article and its evidence; returns how many
    /// extractions went with it.
    ///
    /// # Errors
    ///
    /// As [`Pipeline::retract`].
    pub fn retract(&mut self, id: &ArticleId) -> Result<usize, Error> {
        match self {
            Backend::Memory(pipeline)
            | Backend::Preview(pipeline)
            | Backend::File { pipeline, .. } => pipeline.retract(id),
            #[cfg(feature = "store")]
            Backend::Store(stored) => stored.retract(id),
        }
    }

    /// [`Pipeline::forget_before`]: forgets what was published before `horizon`; returns how
    /// many articles went.
    ///
    /// # Errors
    ///
    /// As [`Pipeline::forget_before`].
    pub fn forget_before(&mut self, horizon: DateTime<Utc>) -> Result<usize, Error> {
        match self {
            Backend::Memory(pipeline)
            | Backend::Preview(pipeline)
            | Backend::File { pipeline, .. } => pipeline.forget_before(horizon),
            #[cfg(feature = "store")]
            Backend::Store(stored) => stored.forget_before(horizon),
        }
    }

    /// Makes everything so far durable: saves the state file whole (atomically, under its
    /// lock). The store has committed each change already; memory keeps nothing.
    ///
    /// # Errors
    ///
    /// As [`StateLock::save`].
    pub fn commit(&self) -> Result<(), Error> {
        match self {
            Backend::File { pipeline, lock } => lock.save(pipeline),
            _ => Ok(()),
        }
    }
}

/// What a morning came to.
#[derive(Debug)]
#[non_exhaustive]
pub enum Morning {
    /// A brief was due, delivered and recorded (a preview records nothing).
    Delivered(Brief),
    /// No brief was due, and why: a success, not a failure.
    Quiet(Quiet),
}

/// Why a morning failed: keeping the state, or delivering the brief.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MorningError<E: std::error::Error + 'static> {
    /// Composing, saving or recording failed; the state holds what was saved before.
    #[error(transparent)]
    State(#[from] Error),
    /// Delivering the brief failed: it is not recorded as sent, and the next run composes it
    /// again.
    #[error("delivering brief {number} failed; it is not recorded as sent")]
    Deliver {
        /// The brief's number.
        number: u64,
        /// The delivery's error.
        #[source]
        source: E,
    },
}

/// One morning: composes at `now`, saves the state (the ingests are safe), and if a brief is
/// due delivers it with `deliver`, then records the delivery and saves again.
///
/// A failure never marks an undelivered brief as sent: a failed delivery records nothing, and
/// a crash between delivery and the last save sends that brief again on the next run. Without
/// a state the delivery is recorded in memory only; a [`Backend::Preview`] records nothing.
///
/// # Errors
///
/// [`MorningError::State`] when composing, saving or recording fails;
/// [`MorningError::Deliver`] when `deliver` fails.
pub fn run_morning<E: std::error::Error + 'static>(
    backend: &mut Backend,
    now: DateTime<Utc>,
    deliver: impl FnOnce(&Brief) -> Result<(), E>,
) -> Result<Morning, MorningError<E>> {
    let composed = backend.compose(now)?;
    backend.commit()?;
    match composed {
        Composed::Brief(brief) => {
            deliver(&brief).map_err(|source| MorningError::Deliver {
                number: brief.number(),
                source,
            })?;
            if !backend.is_preview() {
                backend.record_delivery(&brief)?;
                backend.commit()?;
            }
            Ok(Morning::Delivered(brief))
        }
        Composed::Quiet(quiet) => Ok(Morning::Quiet(quiet)),
    }
}

/// Writes `bytes` to `path` atomically: a fresh temporary file beside it, synced, then renamed
/// over it; on failure the temporary file is removed and `path` is as it was. The file keeps
/// the permissions of the one it replaces, else is owner read-write and world-readable (a
/// brief is for reading).
///
/// # Errors
///
/// The I/O error of creating, writing, syncing or renaming the temporary file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    let permissions = match std::fs::metadata(path) {
        Ok(metadata) => metadata.permissions(),
        Err(_) => {
            #[cfg(unix)]
            let permissions = std::os::unix::fs::PermissionsExt::from_mode(0o644);
            #[cfg(not(unix))]
            let permissions = file.as_file().metadata()?.permissions();
            permissions
        }
    };
    file.as_file().set_permissions(permissions)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// `error: …` and one `  caused by: …` line per cause under it, so that the underlying error
/// (a full disk, a directory where a file should be, invalid UTF-8) is always shown.
pub fn describe(error: &dyn std::error::Error) -> String {
    let mut text = format!("error: {error}\n");
    let mut cause = error.source();
    while let Some(error) = cause {
        text.push_str(&format!("  caused by: {error}\n"));
        cause = error.source();
    }
    text
}

#[cfg(test)]
mod tests {
    // Tests may panic on a broken expectation: that is how they fail.
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("the channel is down")]
    struct Down;

    /// A configuration whose briefs take a signal of any strength, so one article makes one.
    fn any_strength() -> PipelineConfig {
        let policy = crate::brief::Policy::builder()
            .min_strength(crate::signal::Strength::new(1).unwrap())
            .build()
            .unwrap();
        PipelineConfig {
            composer: crate::brief::Composer::new(policy),
            ..PipelineConfig::default()
        }
    }

    fn ingested(backend: &mut Backend) {
        let article = Article::new(
            ArticleId::new("a1").unwrap(),
            "The software layer",
            "Pacific Policy Review",
            "2026-05-12T09:30:00Z".parse().unwrap(),
            "Officials said capability now propagates through software, and software is not \
             what export-control architectures were built to govern.",
        )
        .unwrap();
        let extraction: Extraction = serde_json::from_str(
            r#"{"article_id": "a1", "extracted_at": "2026-05-12T13:00:00Z", "strength": 8,
                "thesis": "Export controls cannot govern capability that moves as software",
                "quotes": [{"text": "software is not what export-control architectures were built to govern"}]}"#,
        )
        .unwrap();
        backend
            .ingest(
                &article,
                &extraction,
                "2026-05-12T18:00:00Z".parse().unwrap(),
            )
            .unwrap();
    }

    #[test]
    fn a_failed_delivery_is_not_recorded_and_the_next_run_sends_the_brief_again() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state.json");
        let now = "2026-05-13T07:00:00Z".parse().unwrap();
        let mut backend = Backend::open(Some(&state), None, any_strength(), false).unwrap();
        ingested(&mut backend);
        let failed = run_morning(&mut backend, now, |_| Err(Down));
        assert!(matches!(
            failed,
            Err(MorningError::Deliver { number: 1, .. })
        ));
        drop(backend);
        // The ingest was saved; the brief was not recorded, so it is due again.
        let mut backend = Backend::open(Some(&state), None, any_strength(), false).unwrap();
        assert_eq!(backend.pipeline().article_count(), 1);
        let morning = run_morning(&mut backend, now, |_| Ok::<(), Down>(())).unwrap();
        assert!(matches!(&morning, Morning::Delivered(brief) if brief.number() == 1));
        drop(backend);
        // Delivered and recorded: the same morning is now quiet.
        let mut backend = Backend::open(Some(&state), None, any_strength(), false).unwrap();
        let again = run_morning(&mut backend, now, |_| Ok::<(), Down>(())).unwrap();
        assert!(matches!(again, Morning::Quiet(_)));
    }

    #[test]
    fn a_preview_holds_no_lock_and_saves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state.json");
        let mut writer = Backend::open(Some(&state), None, any_strength(), false).unwrap();
        ingested(&mut writer);
        writer.commit().unwrap();
        let saved = std::fs::read(&state).unwrap();
        // A second writer is refused while the first holds the state …
        assert!(matches!(
            Backend::open(Some(&state), None, any_strength(), false),
            Err(Error::StateLocked { .. })
        ));
        // … a preview is not, and leaves the file as it was.
        let mut preview = Backend::open(Some(&state), None, any_strength(), true).unwrap();
        assert!(preview.is_ephemeral());
        let morning = run_morning(
            &mut preview,
            "2026-05-13T07:00:00Z".parse().unwrap(),
            |_| Ok::<(), Down>(()),
        )
        .unwrap();
        assert!(matches!(morning, Morning::Delivered(_)));
        assert_eq!(std::fs::read(&state).unwrap(), saved);
        drop(writer);
    }

    #[test]
    fn an_atomic_write_replaces_the_file_whole_or_leaves_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("brief.txt");
        write_atomically(&path, b"first").unwrap();
        write_atomically(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let missing = dir.path().join("no-such-dir").join("brief.txt");
        assert!(write_atomically(&missing, b"x").is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn describe_names_every_cause() {
        let error = MorningError::Deliver {
            number: 3,
            source: Down,
        };
        assert_eq!(
            describe(&error),
            "error: delivering brief 3 failed; it is not recorded as sent\n  caused by: the channel is down\n"
        );
    }
}
