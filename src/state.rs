//! Saving and loading a pipeline's whole state as versioned JSON, atomically.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::assemble::{ArticleRecord, VerifiedExtraction};
use crate::brief::Snapshot;
use crate::score::Ledger;
use crate::signal::Signal;
use crate::{Error, Pipeline, PipelineConfig};

/// The path errors name for a state read from a reader or written to a writer.
const STREAM: &str = "<stream>";

/// The `format` field of every state file.
pub const STATE_FORMAT: &str = "bellwether-state";
/// The state format version this build reads and writes.
///
/// Version 3 stores each accepted quote as the article's words at its span, with its anchors
/// as spans of those words, and binds each article's id to its content (a hash of its text, URL,
/// outlet and publication time), so that an id reused for another article is refused. A
/// version 2 file holds quotes in the model's wording (a fuzzy match kept the model's words,
/// misquotes included), and a version 1 file also holds article fingerprints of an older
/// scheme, which can never match new articles' fingerprints
/// ([`FINGERPRINT_SCHEME`](crate::score::FINGERPRINT_SCHEME) 2 is current). Neither holds the
/// article texts needed to recover the article's words or recompute the fingerprints, so
/// loading one fails with [`Error::StateOutdated`] rather than keep misquotes (or stop
/// recognising syndicated copies) silently: re-ingest the articles into a new state.
pub const STATE_VERSION: u32 = 3;

/// The oldest state format version this build reads (see [`STATE_VERSION`]).
pub const OLDEST_STATE_VERSION: u32 = 3;

/// The largest state file [`Pipeline::load`] reads and [`Pipeline::save`] writes, in bytes
/// (256 MiB).
///
/// A state holds each verified extraction (a few KiB) and each article's record, not article
/// texts: 256 MiB is tens of thousands of extractions. Loading parses and re-settles in time
/// linear in the file (plus clustering), with memory a small multiple of its size; the bound
/// keeps a wrong path (a video, `/dev/zero`) from exhausting memory. A state that grows past it
/// is refused by `save`, leaving the previous file intact.
pub const MAX_STATE_BYTES: u64 = 256 * 1024 * 1024;

/// Enough of a state file to know whether it can be read at all.
#[derive(Deserialize)]
struct Header {
    format: String,
    version: u32,
}

/// The file: canonical evidence (articles and verified extractions), the signals and ledgers
/// derived from it at `settled_at`, and the last brief sent.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StateFile {
    format: String,
    version: u32,
    settled_at: Option<DateTime<Utc>>,
    articles: Vec<ArticleRecord>,
    extractions: Vec<VerifiedExtraction>,
    signals: Vec<Signal>,
    ledgers: BTreeMap<String, Ledger>,
    last_brief: Option<Snapshot>,
}

impl Pipeline {
    /// The whole state as JSON (format version [`STATE_VERSION`]).
    ///
    /// # Errors
    ///
    /// [`Error::Serialize`], which only a bug can cause.
    pub fn to_json(&self) -> Result<String, Error> {
        serde_json::to_string_pretty(&self.state_file())
            .map_err(|source| Error::Serialize { source })
    }

    /// The whole state, as it is saved.
    fn state_file(&self) -> StateFile {
        StateFile {
            format: STATE_FORMAT.to_owned(),
            version: STATE_VERSION,
            settled_at: self.settled_at,
            articles: self.articles.values().cloned().collect(),
            extractions: self.extractions.values().cloned().collect(),
            signals: self.signals.values().map(|e| e.signal.clone()).collect(),
            ledgers: self
                .signals
                .iter()
                .map(|(id, e)| (id.to_string(), e.ledger.clone()))
                .collect(),
            last_brief: self.last_brief.clone(),
        }
    }

    /// Saves the whole state to `path` atomically: a fresh temporary file beside it (created
    /// exclusively under a unique name, never through a symbolic link) is written, flushed and
    /// synced, then renamed over it, so a crash at any moment leaves the previous state or the
    /// new one, whole; on any failure the temporary file is removed. The writer lock
    /// ([`StateLock`](crate::StateLock)) is taken for the duration of the write.
    ///
    /// A job that loads, changes and saves a state should hold a [`StateLock`](crate::StateLock)
    /// across all three (and save through it): locking only the write cannot stop two runs
    /// from each loading the same state and the second save dropping the first run's update.
    ///
    /// # Errors
    ///
    /// [`Error::StateLocked`] when another writer holds the lock; [`Error::StateIo`] when the
    /// file cannot be written (its source is the operating system's error: a full disk, a
    /// missing directory, no permission); [`Error::StateTooLarge`] when the state is over
    /// [`MAX_STATE_BYTES`]. The previous state is then intact.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), Error> {
        crate::StateLock::acquire(path)?.save(self)
    }

    /// Writes the whole state as JSON (the bytes [`Pipeline::save`] writes) to `writer`: to
    /// export it, send it elsewhere, or store it in another medium. Nothing is synced or
    /// renamed: atomicity is the writer's business.
    ///
    /// # Errors
    ///
    /// [`Error::StateTooLarge`] when the state is over [`MAX_STATE_BYTES`] (nothing is written
    /// then); [`Error::StateIo`] (path `<stream>`, action `"writing"`) when the writer fails.
    pub fn write_json(&self, mut writer: impl std::io::Write) -> Result<(), Error> {
        let stream = Path::new(STREAM);
        let json = self.to_json_within(stream, MAX_STATE_BYTES)?;
        writer
            .write_all(&json)
            .and_then(|()| writer.flush())
            .map_err(|source| Error::StateIo {
                path: stream.to_owned(),
                action: "writing",
                source,
            })
    }

    /// The state serialized into a buffer that keeps at most `max` bytes (past them it only
    /// counts), so a state over the limit costs no more memory than one at it, and is refused
    /// with its exact size, naming `path`.
    pub(crate) fn to_json_within(&self, path: &Path, max: u64) -> Result<Vec<u8>, Error> {
        let mut buffer = BoundedBuffer::new(max);
        serde_json::to_writer_pretty(&mut buffer, &self.state_file())
            .map_err(|source| Error::Serialize { source })?;
        buffer.into_bytes().map_err(|len| Error::StateTooLarge {
            path: path.to_owned(),
            len,
            max,
        })
    }

    /// Reads a state written by [`Pipeline::write_json`] (or [`Pipeline::save`]) from `reader`,
    /// into a pipeline with `config`.
    ///
    /// # Errors
    ///
    /// As [`Pipeline::load_with_config`], with the path `<stream>`: a stream is cut off one
    /// byte past [`MAX_STATE_BYTES`].
    pub fn read_json(reader: impl Read, config: PipelineConfig) -> Result<Pipeline, Error> {
        let stream = Path::new(STREAM);
        let json = read_text_bounded(reader, stream, None)?;
        Pipeline::from_json_at(&json, stream, config)
    }

    /// Loads a state saved by [`Pipeline::save`], with the default configuration.
    ///
    /// # Errors
    ///
    /// As [`Pipeline::load_with_config`].
    pub fn load(path: impl AsRef<Path>) -> Result<Pipeline, Error> {
        Pipeline::load_with_config(path, PipelineConfig::default())
    }

    /// Loads a state saved by [`Pipeline::save`] into a pipeline with `config`.
    ///
    /// Nothing is changed on disk.
    ///
    /// # Errors
    ///
    /// [`Error::StateIo`] when the file cannot be read; [`Error::StateTooLarge`] for a file (or
    /// stream) over [`MAX_STATE_BYTES`], rejected before it is parsed; [`Error::StateVersion`]
    /// for a file written by a newer version; [`Error::StateOutdated`] for a file of an older
    /// format, whose quotes and fingerprints this version cannot trust (see [`STATE_VERSION`]);
    /// [`Error::StateCorrupt`] for a truncated, corrupt or foreign
    /// file; [`Error::StateInconsistent`] when its signals disagree with its own evidence.
    pub fn load_with_config(
        path: impl AsRef<Path>,
        config: PipelineConfig,
    ) -> Result<Pipeline, Error> {
        let path = path.as_ref();
        let json = read_bounded(path)?;
        Pipeline::from_json_at(&json, path, config)
    }

    pub(crate) fn from_json_at(
        json: &str,
        path: &Path,
        config: PipelineConfig,
    ) -> Result<Pipeline, Error> {
        let corrupt = |source: serde_json::Error| Error::StateCorrupt {
            path: path.to_owned(),
            line: source.line(),
            column: source.column(),
            source,
        };
        let header: Header = serde_json::from_str(json).map_err(corrupt)?;
        if header.format != STATE_FORMAT {
            let source = <serde_json::Error as serde::de::Error>::custom(format!(
                "format is {:?}, not {STATE_FORMAT:?}",
                header.format
            ));
            return Err(corrupt(source));
        }
        if header.version > STATE_VERSION {
            return Err(Error::StateVersion {
                path: path.to_owned(),
                found: header.version,
                supported: STATE_VERSION,
            });
        }
        if header.version < OLDEST_STATE_VERSION {
            return Err(Error::StateOutdated {
                path: path.to_owned(),
                found: header.version,
                supported: OLDEST_STATE_VERSION,
            });
        }
        let file: StateFile = serde_json::from_str(json).map_err(corrupt)?;

        let mut pipeline = Pipeline::with_config(config);
        pipeline.articles = file
            .articles
            .into_iter()
            .map(|r| (r.source.id().clone(), r))
            .collect();
        pipeline.extractions = file
            .extractions
            .into_iter()
            .map(|v| (v.key.clone(), v))
            .collect();
        pipeline.last_brief = file.last_brief;
        pipeline.resettle(file.settled_at)?;
        let rebuilt: Vec<&Signal> = pipeline.signals().collect();
        let saved: Vec<&Signal> = file.signals.iter().collect();
        if file.settled_at.is_some() && rebuilt != saved {
            return Err(Error::StateInconsistent {
                path: path.to_owned(),
                detail: format!(
                    "it holds {} signals, but its evidence yields {} different ones",
                    saved.len(),
                    rebuilt.len()
                ),
            });
        }
        Ok(pipeline)
    }
}

impl Pipeline {
    /// Rebuilds every signal from the evidence: at `settled_at`, or, for a state never
    /// settled, at the newest article's publication (leaving it unsettled).
    pub(crate) fn resettle(&mut self, settled_at: Option<DateTime<Utc>>) -> Result<(), Error> {
        if let Some(at) = settled_at {
            return self.settle(at);
        }
        let newest = self.articles.values().map(|r| r.source.published()).max();
        if let Some(newest) = newest {
            self.settle(newest)?;
        }
        self.settled_at = None;
        Ok(())
    }
}

/// A byte buffer that keeps at most `max` bytes: past them it drops what it is given and only
/// counts.
#[derive(Debug)]
struct BoundedBuffer {
    bytes: Vec<u8>,
    len: u64,
    max: u64,
}

impl BoundedBuffer {
    fn new(max: u64) -> BoundedBuffer {
        BoundedBuffer {
            bytes: Vec::new(),
            len: 0,
            max,
        }
    }

    /// The bytes written, or how many there were when they are over the limit.
    fn into_bytes(self) -> Result<Vec<u8>, u64> {
        match self.len > self.max {
            true => Err(self.len),
            false => Ok(self.bytes),
        }
    }
}

impl std::io::Write for BoundedBuffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.len = self.len.saturating_add(buf.len() as u64);
        if self.len <= self.max {
            self.bytes.extend_from_slice(buf);
        } else if !self.bytes.is_empty() {
            // Over the limit: the bytes will not be written, so free them now.
            self.bytes = Vec::new();
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Reads the text of `path`, refusing more than [`MAX_STATE_BYTES`] before reading them: a
/// file by its length, a stream (a pipe, `/dev/zero`) once one byte past the limit is read.
pub(crate) fn read_bounded(path: &Path) -> Result<String, Error> {
    let file = std::fs::File::open(path).map_err(|source| Error::StateIo {
        path: path.to_owned(),
        action: "opening",
        source,
    })?;
    let len = file
        .metadata()
        .map_err(|source| Error::StateIo {
            path: path.to_owned(),
            action: "reading",
            source,
        })?
        .len();
    read_text_bounded(file, path, Some(len))
}

/// Reads the text of `reader` (known as `path`, `len` bytes long if known), refusing more than
/// [`MAX_STATE_BYTES`]: by the length before reading, else once one byte past the limit is read.
fn read_text_bounded(reader: impl Read, path: &Path, len: Option<u64>) -> Result<String, Error> {
    let io = |source| Error::StateIo {
        path: path.to_owned(),
        action: "reading",
        source,
    };
    let too_large = |len| Error::StateTooLarge {
        path: path.to_owned(),
        len,
        max: MAX_STATE_BYTES,
    };
    if let Some(len) = len
        && len > MAX_STATE_BYTES
    {
        return Err(too_large(len));
    }
    let capacity = len.map_or(0, |len| usize::try_from(len).unwrap_or(0));
    let mut bytes = Vec::with_capacity(capacity);
    reader
        .take(MAX_STATE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_STATE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    String::from_utf8(bytes)
        .map_err(|err| io(std::io::Error::new(std::io::ErrorKind::InvalidData, err)))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;
    use crate::Article;
    use crate::signal::{ArticleId, Extraction};

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("bellwether-state-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("state.json")
    }

    fn pipeline() -> Pipeline {
        let text = "Officials said that capability now propagates through software today.";
        let article = Article::new(
            ArticleId::new("a1").unwrap(),
            "Software",
            "Review",
            "2026-05-12T09:30:00Z".parse().unwrap(),
            text,
        )
        .unwrap();
        let extraction: Extraction = serde_json::from_str(
            r#"{"article_id": "a1", "extracted_at": "2026-05-12T13:00:00Z",
                "thesis": "Capability moves as software", "strength": 6,
                "quotes": [{"text": "capability now propagates through software"}]}"#,
        )
        .unwrap();
        let mut pipeline = Pipeline::new();
        let now = "2026-05-13T07:00:00Z".parse().unwrap();
        pipeline.ingest(&article, &extraction, now).unwrap();
        pipeline
    }

    #[test]
    fn bounded_buffer_keeps_bytes_up_to_its_limit_and_counts_past_it() {
        let mut at_limit = BoundedBuffer::new(6);
        at_limit.write_all(b"abc").unwrap();
        at_limit.write_all(b"def").unwrap();
        assert_eq!(at_limit.into_bytes(), Ok(b"abcdef".to_vec()));
        let mut over = BoundedBuffer::new(6);
        for chunk in [&b"abcd"[..], b"efg", b"hij"] {
            over.write_all(chunk).unwrap();
        }
        assert!(over.bytes.is_empty());
        assert_eq!(over.into_bytes(), Err(10));
    }

    #[test]
    fn save_refuses_a_state_over_the_limit_with_its_size_and_keeps_the_previous_file() {
        let path = scratch("over-limit");
        let empty = Pipeline::new();
        empty.save(&path).unwrap();
        let previous = std::fs::read(&path).unwrap();

        let pipeline = pipeline();
        let len = pipeline.to_json().unwrap().len() as u64;
        let lock = crate::StateLock::acquire(&path).unwrap();
        let save_within = |max| lock.save_with(&pipeline, max, crate::persist::write_atomically);
        match save_within(len - 1) {
            Err(Error::StateTooLarge {
                path: at,
                len: found,
                max,
            }) => {
                assert_eq!((at.as_path(), found, max), (path.as_path(), len, len - 1));
            }
            other => panic!("expected StateTooLarge, got {other:?}"),
        }
        assert_eq!(std::fs::read(&path).unwrap(), previous);
        // At the limit exactly, the state is saved, byte for byte as `to_json` gives it.
        save_within(len).unwrap();
        assert_eq!(
            std::fs::read(&path).unwrap(),
            pipeline.to_json().unwrap().as_bytes()
        );
        // `save` is `save_within` at MAX_STATE_BYTES.
        drop(lock);
        pipeline.save(&path).unwrap();
        assert_eq!(
            std::fs::read(&path).unwrap(),
            pipeline.to_json().unwrap().as_bytes()
        );
    }

    #[test]
    fn a_full_disk_while_saving_is_a_state_io_error_with_its_cause_and_keeps_the_state() {
        let path = scratch("full-disk");
        Pipeline::new().save(&path).unwrap();
        let previous = std::fs::read(&path).unwrap();
        let lock = crate::StateLock::acquire(&path).unwrap();
        let full_disk = |path: &Path, bytes: &[u8]| {
            crate::persist::write_atomically_with(path, bytes, &mut |_| Ok(()), &mut |file, b| {
                file.write_all(&b[..b.len() / 2])?;
                Err(std::io::Error::new(
                    std::io::ErrorKind::StorageFull,
                    "No space left on device",
                ))
            })
        };
        let error = lock
            .save_with(&pipeline(), MAX_STATE_BYTES, full_disk)
            .unwrap_err();
        let cause = std::error::Error::source(&error).map(ToString::to_string);
        assert_eq!(cause.as_deref(), Some("No space left on device"), "{error}");
        assert_eq!(std::fs::read(&path).unwrap(), previous);
        let beside: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            beside.len(),
            2,
            "only the state and its lock file: {beside:?}"
        );
    }

    #[test]
    fn a_state_round_trips_through_a_writer_and_a_reader() {
        let pipeline = pipeline();
        let mut bytes = Vec::new();
        pipeline.write_json(&mut bytes).unwrap();
        assert_eq!(bytes, pipeline.to_json().unwrap().as_bytes());
        let read = Pipeline::read_json(&bytes[..], PipelineConfig::default()).unwrap();
        assert_eq!(read.to_json().unwrap(), pipeline.to_json().unwrap());
        match Pipeline::read_json(&bytes[..bytes.len() / 2], PipelineConfig::default()) {
            Err(Error::StateCorrupt { path, .. }) => assert_eq!(path, Path::new("<stream>")),
            other => panic!("expected StateCorrupt, got {other:?}"),
        }
    }
}
