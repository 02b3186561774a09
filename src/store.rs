//! Incremental, transactional storage of a pipeline's evidence, for long-running use: each
//! ingest writes its own records in one transaction instead of rewriting the whole state.
//!
//! What is stored is the canonical evidence only — article records, verified extractions, and
//! one meta record (the settle instant and the last brief delivered) — each as the JSON the
//! state file uses. Signals, ledgers and clusters are derived: [`StoredPipeline::open`]
//! rebuilds them, exactly as [`Pipeline::load`] does from a state file.
//!
//! [`Store`] is the seam: [`RedbStore`] (an embedded database file) is the durable one,
//! [`MemoryStore`] keeps the records in memory (for tests, or to stage an import). The JSON
//! state file stays the portable form: [`StoredPipeline::export_json`] and
//! [`StoredPipeline::import_json`] convert.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::assemble::{ArticleRecord, VerifiedExtraction};
use crate::brief::{Brief, Composed, Snapshot};
use crate::report::{IngestOutcome, IngestReport};
use crate::signal::{ArticleId, Extraction};
use crate::{Article, Error, Pipeline, PipelineConfig};

mod redb_store;

pub use redb_store::RedbStore;

/// The tables of a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Table {
    /// Article records by article id.
    Articles,
    /// Verified extractions by extraction key (`article id#hash`).
    Extractions,
    /// One record, [`META_KEY`]: the format, the settle instant and the last brief delivered.
    Meta,
}

impl Table {
    /// Every table.
    pub const ALL: [Table; 3] = [Table::Articles, Table::Extractions, Table::Meta];

    /// The table's name in a store.
    pub fn name(self) -> &'static str {
        match self {
            Table::Articles => "articles",
            Table::Extractions => "extractions",
            Table::Meta => "meta",
        }
    }
}

/// The key of the one record of [`Table::Meta`].
pub const META_KEY: &str = "meta";

/// The store format version this build reads and writes (the records are those of state
/// format [`STATE_VERSION`](crate::STATE_VERSION)).
pub const STORE_VERSION: u32 = 1;

/// One atomic change to a store: records to write (JSON bytes) and to delete, by table and key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    writes: Vec<(Table, String, Option<Vec<u8>>)>,
}

impl Change {
    /// An empty change.
    pub fn new() -> Change {
        Change::default()
    }

    /// Writes `value` under `key` in `table`, replacing what was there.
    pub fn put(&mut self, table: Table, key: impl Into<String>, value: Vec<u8>) {
        self.writes.push((table, key.into(), Some(value)));
    }

    /// Deletes `key` from `table` (nothing if absent).
    pub fn delete(&mut self, table: Table, key: impl Into<String>) {
        self.writes.push((table, key.into(), None));
    }

    /// The writes in order: `Some(bytes)` to put, `None` to delete.
    pub fn writes(&self) -> impl Iterator<Item = (Table, &str, Option<&[u8]>)> {
        self.writes
            .iter()
            .map(|(table, key, value)| (*table, key.as_str(), value.as_deref()))
    }

    /// Whether the change writes nothing.
    pub fn is_empty(&self) -> bool {
        self.writes.is_empty()
    }

    /// How many writes it holds.
    pub fn len(&self) -> usize {
        self.writes.len()
    }
}

/// Durable storage of records by table and key, changed only by whole atomic [`Change`]s.
///
/// An implementation must apply a change entirely or not at all, also across a crash, and
/// once `commit` returns `Ok` the change must survive a crash.
pub trait Store {
    /// Every record of `table`, by key.
    ///
    /// # Errors
    ///
    /// [`Error::Store`] when the store cannot be read.
    fn read_table(&self, table: Table) -> Result<Vec<(String, Vec<u8>)>, Error>;

    /// Applies `change` atomically and durably.
    ///
    /// # Errors
    ///
    /// [`Error::Store`] when it cannot be applied; nothing of it is then applied.
    fn commit(&mut self, change: &Change) -> Result<(), Error>;
}

/// A [`Store`] in memory: for tests, and to stage records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemoryStore {
    tables: BTreeMap<Table, BTreeMap<String, Vec<u8>>>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }
}

impl Store for MemoryStore {
    fn read_table(&self, table: Table) -> Result<Vec<(String, Vec<u8>)>, Error> {
        Ok(self
            .tables
            .get(&table)
            .map(|rows| rows.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default())
    }

    fn commit(&mut self, change: &Change) -> Result<(), Error> {
        for (table, key, value) in change.writes() {
            let rows = self.tables.entry(table).or_default();
            match value {
                Some(value) => rows.insert(key.to_owned(), value.to_owned()),
                None => rows.remove(key),
            };
        }
        Ok(())
    }
}

/// The meta record.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Meta {
    format: String,
    version: u32,
    settled_at: Option<DateTime<Utc>>,
    last_brief: Option<Snapshot>,
}

/// The `format` field of the meta record.
const STORE_FORMAT: &str = "bellwether-store";

/// A [`Pipeline`] whose every change is committed to a [`Store`] as it happens: an ingest
/// writes its article record (when new) and its verified extraction, in one transaction; a
/// settle or a recorded delivery writes the meta record; a retraction deletes records. Nothing
/// is ever rewritten whole.
///
/// When a commit fails after the pipeline in memory has changed, the two would disagree: the
/// `StoredPipeline` then refuses every further call with [`Error::StorePoisoned`]; reopen it
/// (the store holds every change committed before the failure).
///
/// # Example
///
/// ```
/// use bellwether::store::{MemoryStore, StoredPipeline};
/// # use bellwether::Article;
/// # use bellwether::signal::{ArticleId, Extraction};
/// # let text = "Officials said that capability now propagates through software today.";
/// # let article = Article::new(ArticleId::new("a1")?, "Software", "Review",
/// #     "2026-05-12T09:30:00Z".parse()?, text)?;
/// # let extraction: Extraction = serde_json::from_str(r#"{"article_id": "a1",
/// #     "extracted_at": "2026-05-12T13:00:00Z", "thesis": "Capability moves as software",
/// #     "strength": 6, "quotes": [{"text": "capability now propagates through software"}]}"#)?;
///
/// let mut stored = StoredPipeline::open(MemoryStore::new(), Default::default())?;
/// stored.ingest(&article, &extraction, "2026-05-13T07:00:00Z".parse()?)?;
/// // Reopening the store gives the same state.
/// let store = stored.into_store();
/// let reopened = StoredPipeline::open(store, Default::default())?;
/// assert_eq!(reopened.pipeline().article_count(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct StoredPipeline<S: Store> {
    store: S,
    pipeline: Pipeline,
    poisoned: bool,
}

impl<S: Store> StoredPipeline<S> {
    /// Opens `store`, rebuilding the pipeline (with `config`) from its records; an empty store
    /// gives an empty pipeline.
    ///
    /// Cost: reading every record, then one settle (as [`Pipeline::load`]).
    ///
    /// # Errors
    ///
    /// [`Error::Store`] when the store cannot be read; [`Error::StoreCorrupt`] for a record
    /// that is not valid JSON of its kind, a meta record of another format or a newer version,
    /// or an extraction whose article is missing; as [`Pipeline::settle`] when the evidence
    /// cannot be settled.
    pub fn open(store: S, config: PipelineConfig) -> Result<StoredPipeline<S>, Error> {
        let mut pipeline = Pipeline::with_config(config);
        let mut meta = None;
        for (key, value) in store.read_table(Table::Meta)? {
            if key == META_KEY {
                let found: Meta = decode(Table::Meta, &key, &value)?;
                if found.format != STORE_FORMAT || found.version > STORE_VERSION {
                    return Err(corrupt(
                        Table::Meta,
                        &key,
                        format!(
                            "format {:?} version {}, but this build reads {STORE_FORMAT:?} up to version {STORE_VERSION}",
                            found.format, found.version
                        ),
                    ));
                }
                meta = Some(found);
            }
        }
        for (key, value) in store.read_table(Table::Articles)? {
            let record: ArticleRecord = decode(Table::Articles, &key, &value)?;
            if record.source.id().as_str() != key {
                return Err(corrupt(Table::Articles, &key, "stored under another id"));
            }
            pipeline.articles.insert(record.source.id().clone(), record);
        }
        for (key, value) in store.read_table(Table::Extractions)? {
            let verified: VerifiedExtraction = decode(Table::Extractions, &key, &value)?;
            if verified.key != key {
                return Err(corrupt(
                    Table::Extractions,
                    &key,
                    "stored under another key",
                ));
            }
            if !pipeline
                .articles
                .contains_key(verified.extraction.article_id())
            {
                return Err(corrupt(Table::Extractions, &key, "its article is missing"));
            }
            pipeline.extractions.insert(key, verified);
        }
        let settled_at = meta.as_ref().and_then(|m| m.settled_at);
        pipeline.last_brief = meta.and_then(|m| m.last_brief);
        pipeline.resettle(settled_at)?;
        Ok(StoredPipeline {
            store,
            pipeline,
            poisoned: false,
        })
    }

    /// The pipeline, to read signals, explain, preview briefs on a clone …
    pub fn pipeline(&self) -> &Pipeline {
        &self.pipeline
    }

    /// The store.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The store, giving up the pipeline.
    pub fn into_store(self) -> S {
        self.store
    }

    /// [`Pipeline::ingest`], then commits what it added: the article record (when new) and
    /// the verified extraction, in one transaction. An ingest that changes nothing (a repeat,
    /// no quote accepted, an error) commits nothing.
    ///
    /// # Errors
    ///
    /// As [`Pipeline::ingest`] (the store is then untouched); [`Error::Store`] when the commit
    /// fails (this `StoredPipeline` is then poisoned); [`Error::StorePoisoned`] after an
    /// earlier failed commit.
    pub fn ingest(
        &mut self,
        article: &Article,
        extraction: &Extraction,
        now: DateTime<Utc>,
    ) -> Result<IngestReport, Error> {
        self.check_poison()?;
        let known_article = self.pipeline.articles.contains_key(article.id());
        let extractions_before = self.pipeline.extractions.len();
        let report = self.pipeline.ingest(article, extraction, now)?;
        if self.pipeline.extractions.len() == extractions_before {
            return Ok(report);
        }
        let mut change = Change::new();
        if !known_article {
            self.put_article(&mut change, article.id())?;
        }
        self.put_extraction(&mut change, &crate::pipeline::extraction_key(extraction)?)?;
        self.commit(&change)?;
        Ok(report)
    }

    /// [`Pipeline::ingest_batch`], then commits everything the batch added in one
    /// transaction.
    ///
    /// # Errors
    ///
    /// Per pair as [`Pipeline::ingest`]; the outer error is [`Error::Store`] when the commit
    /// fails (poisoning this `StoredPipeline`) or [`Error::StorePoisoned`].
    pub fn ingest_batch(
        &mut self,
        batch: &[(Article, Extraction)],
        now: DateTime<Utc>,
    ) -> Result<Vec<Result<IngestReport, Error>>, Error> {
        self.check_poison()?;
        let articles_before: Vec<bool> = batch
            .iter()
            .map(|(a, _)| self.pipeline.articles.contains_key(a.id()))
            .collect();
        let results = self.pipeline.ingest_batch(batch, now);
        let mut change = Change::new();
        for (((article, extraction), result), known) in
            batch.iter().zip(&results).zip(articles_before)
        {
            let Ok(report) = result else { continue };
            if matches!(
                report.outcome,
                IngestOutcome::Created { .. } | IngestOutcome::Reinforced { .. }
            ) {
                if !known {
                    self.put_article(&mut change, article.id())?;
                }
                self.put_extraction(&mut change, &crate::pipeline::extraction_key(extraction)?)?;
            }
        }
        self.commit(&change)?;
        Ok(results)
    }

    /// [`Pipeline::compose`], then commits the settle instant. Records no delivery.
    ///
    /// # Errors
    ///
    /// As [`Pipeline::compose`]; [`Error::Store`] or [`Error::StorePoisoned`] as
    /// [`StoredPipeline::ingest`].
    pub fn compose(&mut self, now: DateTime<Utc>) -> Result<Composed, Error> {
        self.check_poison()?;
        let composed = self.pipeline.compose(now)?;
        self.commit_meta()?;
        Ok(composed)
    }

    /// [`Pipeline::record_delivery`], then commits it.
    ///
    /// # Errors
    ///
    /// As [`Pipeline::record_delivery`]; [`Error::Store`] or [`Error::StorePoisoned`] as
    /// [`StoredPipeline::ingest`].
    pub fn record_delivery(&mut self, brief: &Brief) -> Result<(), Error> {
        self.check_poison()?;
        self.pipeline.record_delivery(brief)?;
        self.commit_meta()
    }

    /// [`Pipeline::retract`], then deletes the article's records in one transaction.
    ///
    /// # Errors
    ///
    /// As [`Pipeline::retract`]; [`Error::Store`] or [`Error::StorePoisoned`] as
    /// [`StoredPipeline::ingest`].
    pub fn retract(&mut self, id: &ArticleId) -> Result<usize, Error> {
        self.check_poison()?;
        let before: Vec<String> = self.pipeline.extractions.keys().cloned().collect();
        let removed = self.pipeline.retract(id)?;
        let mut change = Change::new();
        change.delete(Table::Articles, id.as_str());
        for key in before {
            if !self.pipeline.extractions.contains_key(&key) {
                change.delete(Table::Extractions, key);
            }
        }
        self.commit(&change)?;
        Ok(removed)
    }

    /// [`Pipeline::forget_before`], then deletes the forgotten records in one transaction.
    ///
    /// # Errors
    ///
    /// As [`Pipeline::forget_before`]; [`Error::Store`] or [`Error::StorePoisoned`] as
    /// [`StoredPipeline::ingest`].
    pub fn forget_before(&mut self, horizon: DateTime<Utc>) -> Result<usize, Error> {
        self.check_poison()?;
        let articles: Vec<ArticleId> = self.pipeline.articles.keys().cloned().collect();
        let extractions: Vec<String> = self.pipeline.extractions.keys().cloned().collect();
        let forgotten = self.pipeline.forget_before(horizon)?;
        let mut change = Change::new();
        for id in articles {
            if !self.pipeline.articles.contains_key(&id) {
                change.delete(Table::Articles, id.as_str());
            }
        }
        for key in extractions {
            if !self.pipeline.extractions.contains_key(&key) {
                change.delete(Table::Extractions, key);
            }
        }
        self.commit(&change)?;
        Ok(forgotten)
    }

    /// Writes the whole state as a portable JSON state file (see [`Pipeline::write_json`]).
    ///
    /// # Errors
    ///
    /// As [`Pipeline::write_json`].
    pub fn export_json(&self, writer: impl Write) -> Result<(), Error> {
        self.pipeline.write_json(writer)
    }

    /// Reads a JSON state file (see [`Pipeline::read_json`]) and joins its evidence into this
    /// store as [`Pipeline::absorb`] does, committing every new or changed record in one
    /// transaction. Into an empty store, this is an import.
    ///
    /// # Errors
    ///
    /// As [`Pipeline::read_json`] and [`Pipeline::absorb`] (the store is then untouched);
    /// [`Error::Store`] or [`Error::StorePoisoned`] as [`StoredPipeline::ingest`].
    pub fn import_json(&mut self, reader: impl Read) -> Result<crate::AbsorbReport, Error> {
        self.check_poison()?;
        let other = Pipeline::read_json(reader, self.pipeline.config.clone())?;
        let before = self.pipeline.clone_records();
        let report = self.pipeline.absorb(&other)?;
        let mut change = Change::new();
        for (id, record) in &self.pipeline.articles {
            if before.0.get(id) != Some(record) {
                change.put(Table::Articles, id.as_str(), encode(record)?);
            }
        }
        for (key, verified) in &self.pipeline.extractions {
            if before.1.get(key) != Some(verified) {
                change.put(Table::Extractions, key.as_str(), encode(verified)?);
            }
        }
        change.put(Table::Meta, META_KEY, self.meta_bytes()?);
        self.commit(&change)?;
        Ok(report)
    }

    fn check_poison(&self) -> Result<(), Error> {
        match self.poisoned {
            true => Err(Error::StorePoisoned),
            false => Ok(()),
        }
    }

    fn put_article(&self, change: &mut Change, id: &ArticleId) -> Result<(), Error> {
        if let Some(record) = self.pipeline.articles.get(id) {
            change.put(Table::Articles, id.as_str(), encode(record)?);
        }
        Ok(())
    }

    fn put_extraction(&self, change: &mut Change, key: &str) -> Result<(), Error> {
        if let Some(verified) = self.pipeline.extractions.get(key) {
            change.put(Table::Extractions, key, encode(verified)?);
        }
        Ok(())
    }

    fn meta_bytes(&self) -> Result<Vec<u8>, Error> {
        encode(&Meta {
            format: STORE_FORMAT.to_owned(),
            version: STORE_VERSION,
            settled_at: self.pipeline.settled_at,
            last_brief: self.pipeline.last_brief.clone(),
        })
    }

    fn commit_meta(&mut self) -> Result<(), Error> {
        let mut change = Change::new();
        change.put(Table::Meta, META_KEY, self.meta_bytes()?);
        self.commit(&change)
    }

    /// Commits `change`, poisoning this `StoredPipeline` when that fails.
    fn commit(&mut self, change: &Change) -> Result<(), Error> {
        if change.is_empty() {
            return Ok(());
        }
        let result = self.store.commit(change);
        self.poisoned = result.is_err();
        result
    }
}

impl Pipeline {
    /// Copies of the article records and verified extractions.
    fn clone_records(
        &self,
    ) -> (
        BTreeMap<ArticleId, ArticleRecord>,
        BTreeMap<String, VerifiedExtraction>,
    ) {
        (self.articles.clone(), self.extractions.clone())
    }
}

fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, Error> {
    serde_json::to_vec(value).map_err(|source| Error::Serialize { source })
}

fn decode<T: for<'de> Deserialize<'de>>(table: Table, key: &str, bytes: &[u8]) -> Result<T, Error> {
    serde_json::from_slice(bytes).map_err(|source| corrupt(table, key, source.to_string()))
}

fn corrupt(table: Table, key: &str, detail: impl Into<String>) -> Error {
    Error::StoreCorrupt {
        table: table.name(),
        key: key.to_owned(),
        detail: detail.into(),
    }
}

/// The error of a store operation on the store at `path`.
pub(crate) fn store_error(
    path: &std::path::Path,
    action: &'static str,
    source: impl std::error::Error + Send + Sync + 'static,
) -> Error {
    Error::Store {
        path: PathBuf::from(path),
        action,
        source: Box::new(source),
    }
}
