//! The durable [`Store`]: one [redb](https://www.redb.org) database file.
//!
//! Why redb rather than SQLite: it is pure Rust (no C library to build or link, and the crate
//! keeps `unsafe` out of our own code), its transactions are ACID with copy-on-write B-trees
//! and a checksummed commit slot, so a crash at any moment leaves the last committed
//! transaction (a torn write is detected and rolled back on open), and it takes an exclusive
//! lock on its file, so two processes cannot open one store. The records are key → JSON bytes
//! with no queries beyond "read a table" and "put or delete by key", which is exactly what a
//! B-tree key-value store gives; SQLite's SQL engine, schema and C build would add cost and
//! nothing we use. redb 2.x is used because 3.x needs a newer Rust than this workspace's
//! 1.88.

use std::path::{Path, PathBuf};

use redb::{Database, Durability, ReadableTable, TableDefinition};

use super::{Change, Store, Table, store_error};
use crate::Error;

/// Turns any redb error into [`Error::Store`] for the store at `path`, doing `action`.
fn fail<'a, E: Into<redb::Error>>(
    path: &'a Path,
    action: &'static str,
) -> impl Fn(E) -> Error + 'a {
    move |e| store_error(path, action, e.into())
}

fn definition(table: Table) -> TableDefinition<'static, &'static str, &'static [u8]> {
    TableDefinition::new(table.name())
}

/// A [`Store`] in a redb database file: every [`Change`] is one write transaction, durable
/// when [`Store::commit`] returns (fsync, `Durability::Immediate`).
///
/// # Example
///
/// ```
/// use bellwether::store::{RedbStore, StoredPipeline};
///
/// # let dir = std::env::temp_dir().join(format!("bellwether-redb-doc-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir)?;
/// let store = RedbStore::open(dir.join("bellwether.redb"))?;
/// let stored = StoredPipeline::open(store, Default::default())?;
/// assert_eq!(stored.pipeline().article_count(), 0);
/// // A second opening of the same file, while this one is open, is refused.
/// assert!(RedbStore::open(dir.join("bellwether.redb")).is_err());
/// # drop(stored);
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct RedbStore {
    database: Database,
    path: PathBuf,
    durability: Durability,
}

impl RedbStore {
    /// Opens the store at `path`, creating it if missing. After a crash, opening recovers the
    /// last committed transaction (this can take time proportional to the file).
    ///
    /// # Errors
    ///
    /// [`Error::Store`] when the file cannot be created or opened: another process (or
    /// another `RedbStore` here) has it open, it is not a redb database, or its directory is
    /// missing or read-only.
    pub fn open(path: impl AsRef<Path>) -> Result<RedbStore, Error> {
        let path = path.as_ref().to_owned();
        let database = Database::create(&path).map_err(|e| store_error(&path, "opening", e))?;
        let store = RedbStore {
            database,
            path,
            durability: Durability::Immediate,
        };
        // Every table exists from the start, so reading never meets a missing one.
        store.commit_writes(&Change::new())?;
        Ok(store)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Commits `change` without waiting for the disk: for bulk loading (a crash can lose
    /// such commits, never corrupt the store). End a bulk load with an ordinary
    /// [`Store::commit`], which makes everything before it durable.
    ///
    /// # Errors
    ///
    /// As [`Store::commit`].
    pub fn commit_without_sync(&mut self, change: &Change) -> Result<(), Error> {
        self.durability = Durability::None;
        let result = self.commit_writes(change);
        self.durability = Durability::Immediate;
        result
    }

    fn commit_writes(&self, change: &Change) -> Result<(), Error> {
        let path = self.path.as_path();
        let mut transaction = self
            .database
            .begin_write()
            .map_err(fail(path, "starting a transaction"))?;
        transaction.set_durability(self.durability);
        for table in Table::ALL {
            let mut rows = transaction
                .open_table(definition(table))
                .map_err(fail(path, "opening a table"))?;
            for (_, key, value) in change.writes().filter(|(t, _, _)| *t == table) {
                match value {
                    Some(value) => rows.insert(key, value).map(drop),
                    None => rows.remove(key).map(drop),
                }
                .map_err(fail(path, "writing"))?;
            }
        }
        transaction.commit().map_err(fail(path, "committing"))
    }
}

impl Store for RedbStore {
    fn read_table(&self, table: Table) -> Result<Vec<(String, Vec<u8>)>, Error> {
        let path = self.path.as_path();
        let transaction = self
            .database
            .begin_read()
            .map_err(fail(path, "starting a read"))?;
        let rows = transaction
            .open_table(definition(table))
            .map_err(fail(path, "opening a table"))?;
        let mut records = Vec::new();
        for row in rows.iter().map_err(fail(path, "reading"))? {
            let (key, value) = row.map_err(fail(path, "reading"))?;
            records.push((key.value().to_owned(), value.value().to_owned()));
        }
        Ok(records)
    }

    fn commit(&mut self, change: &Change) -> Result<(), Error> {
        self.commit_writes(change)
    }
}
