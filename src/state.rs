//! Saving and loading a pipeline's whole state as versioned JSON, atomically.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::assemble::{ArticleRecord, VerifiedExtraction};
use crate::brief::Snapshot;
use crate::persist::write_atomically;
use crate::score::Ledger;
use crate::signal::Signal;
use crate::{Error, Pipeline, PipelineConfig};

/// The `format` field of every state file.
pub const STATE_FORMAT: &str = "bellwether-state";
/// The state format version this build reads and writes.
///
/// Version 3 stores each accepted quote as the article's words at its span, with its anchors
/// as spans of those words. A version 2 file holds quotes in the model's wording (a fuzzy match
/// kept the model's words, misquotes included), and a version 1 file also holds article
/// fingerprints of an older scheme, which can never match new articles' fingerprints
/// ([`FINGERPRINT_SCHEME`](crate::score::FINGERPRINT_SCHEME) 2 is current). Neither holds the
/// article texts needed to recover the article's words or recompute the fingerprints, so
/// loading one fails with [`Error::StateOutdated`] rather than keep misquotes (or stop
/// recognising syndicated copies) silently: re-ingest the articles into a new state.
pub const STATE_VERSION: u32 = 3;

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

    /// Saves the whole state to `path` atomically: a temporary file beside it is written,
    /// flushed and synced, then renamed over it, so a crash at any moment leaves the previous
    /// state or the new one, whole.
    ///
    /// # Errors
    ///
    /// [`Error::StateIo`] when the file cannot be written, [`Error::StateTooLarge`] when the
    /// state is over [`MAX_STATE_BYTES`]; the previous state is then intact.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), Error> {
        self.save_within(path.as_ref(), MAX_STATE_BYTES)
    }

    /// [`Pipeline::save`] with a limit of `max` bytes. The state is serialized into a buffer
    /// that keeps at most `max` bytes (past them it only counts), so a state over the limit
    /// costs no more memory than one at it, and is refused with its exact size.
    pub(crate) fn save_within(&self, path: &Path, max: u64) -> Result<(), Error> {
        let mut buffer = BoundedBuffer::new(max);
        serde_json::to_writer_pretty(&mut buffer, &self.state_file())
            .map_err(|source| Error::Serialize { source })?;
        let json = match buffer.into_bytes() {
            Ok(json) => json,
            Err(len) => {
                return Err(Error::StateTooLarge {
                    path: path.to_owned(),
                    len,
                    max,
                });
            }
        };
        write_atomically(path, &json).map_err(|source| Error::StateIo {
            path: path.to_owned(),
            action: "writing",
            source,
        })
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
        if header.version < STATE_VERSION {
            return Err(Error::StateOutdated {
                path: path.to_owned(),
                found: header.version,
                supported: STATE_VERSION,
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
fn read_bounded(path: &Path) -> Result<String, Error> {
    let io = |action| {
        move |source| Error::StateIo {
            path: path.to_owned(),
            action,
            source,
        }
    };
    let too_large = |len| Error::StateTooLarge {
        path: path.to_owned(),
        len,
        max: MAX_STATE_BYTES,
    };
    let file = std::fs::File::open(path).map_err(io("opening"))?;
    let len = file.metadata().map_err(io("reading"))?.len();
    if len > MAX_STATE_BYTES {
        return Err(too_large(len));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(MAX_STATE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io("reading"))?;
    if bytes.len() as u64 > MAX_STATE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    String::from_utf8(bytes)
        .map_err(|err| io("reading")(std::io::Error::new(std::io::ErrorKind::InvalidData, err)))
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
        match pipeline.save_within(&path, len - 1) {
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
        assert!(!crate::persist::temporary_path(&path).exists());

        // At the limit exactly, the state is saved, byte for byte as `to_json` gives it.
        pipeline.save_within(&path, len).unwrap();
        assert_eq!(
            std::fs::read(&path).unwrap(),
            pipeline.to_json().unwrap().as_bytes()
        );
        // `save` is `save_within` at MAX_STATE_BYTES.
        pipeline.save(&path).unwrap();
        assert_eq!(
            std::fs::read(&path).unwrap(),
            pipeline.to_json().unwrap().as_bytes()
        );
    }
}
