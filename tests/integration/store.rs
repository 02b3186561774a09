//! The embedded store: incremental commits give the state a whole-state save would, a store
//! survives `kill -9` at any moment, and the JSON state file converts both ways.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use bellwether::brief::Composed;
use bellwether::signal::{ArticleId, Extraction};
use bellwether::store::{Change, MemoryStore, RedbStore, Store, StoredPipeline, Table};
use bellwether::{Article, Error, Pipeline, PipelineConfig};
use chrono::{DateTime, Utc};

use proptest::prelude::Strategy;

use crate::data::{DEFAULT_DATA_DIR, load_days};

const CHILD_STORE: &str = "BELLWETHER_STORE_CHILD_PATH";

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bellwether-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn deliveries() -> Vec<(Article, Extraction)> {
    let mut pairs = Vec::new();
    for day in load_days(Path::new(DEFAULT_DATA_DIR)).unwrap() {
        for extraction in &day.extractions {
            pairs.push((
                day.article_of(extraction).unwrap().clone(),
                extraction.clone(),
            ));
        }
    }
    pairs
}

/// Delivery `n` of an endless stream: the sample deliveries again and again, each round under
/// fresh article ids (`<id>-<tag>-<round>`), so every one adds records.
fn endless(pairs: &[(Article, Extraction)], tag: &str, n: usize) -> (Article, Extraction) {
    let (article, extraction) = &pairs[n % pairs.len()];
    let id = ArticleId::new(&format!("{}-{tag}-{}", article.id(), n / pairs.len())).unwrap();
    let source = article.source();
    let mut renamed = Article::new(
        id.clone(),
        source.title(),
        source.outlet(),
        source.published(),
        article.text(),
    )
    .unwrap();
    if let Some(grade) = source.reliability() {
        renamed = renamed.with_reliability(grade);
    }
    let mut json = serde_json::to_value(extraction).unwrap();
    json["article_id"] = id.as_str().into();
    (renamed, serde_json::from_value(json).unwrap())
}

#[test]
fn a_stored_pipeline_reopens_to_the_state_a_state_file_would_hold() {
    let path = scratch("reopen").join("bellwether.redb");
    let mut plain = Pipeline::new();
    let mut stored =
        StoredPipeline::open(RedbStore::open(&path).unwrap(), Default::default()).unwrap();
    let morning: DateTime<Utc> = "2026-05-28T07:00:00Z".parse().unwrap();
    for (article, extraction) in deliveries() {
        let now = extraction.extracted_at();
        let ours = stored.ingest(&article, &extraction, now).unwrap();
        assert_eq!(ours, plain.ingest(&article, &extraction, now).unwrap());
    }
    if let Composed::Brief(brief) = stored.compose(morning).unwrap() {
        stored.record_delivery(&brief).unwrap();
        plain.compose(morning).unwrap();
        plain.record_delivery(&brief).unwrap();
    }
    drop(stored);
    let reopened =
        StoredPipeline::open(RedbStore::open(&path).unwrap(), Default::default()).unwrap();
    assert_eq!(
        reopened.pipeline().to_json().unwrap(),
        plain.to_json().unwrap()
    );
    // Export, then import into an empty store: the same state again.
    let mut exported = Vec::new();
    reopened.export_json(&mut exported).unwrap();
    let mut imported = StoredPipeline::open(MemoryStore::new(), Default::default()).unwrap();
    imported.import_json(&exported[..]).unwrap();
    let again = StoredPipeline::open(imported.into_store(), Default::default()).unwrap();
    assert_eq!(
        again.pipeline().to_json().unwrap(),
        plain.to_json().unwrap()
    );
}

#[test]
fn an_ingest_commits_only_its_own_records() {
    let pairs = deliveries();
    let mut stored = StoredPipeline::open(MemoryStore::new(), Default::default()).unwrap();
    for (article, extraction) in &pairs[..4] {
        stored
            .ingest(article, extraction, extraction.extracted_at())
            .unwrap();
    }
    let before = stored.store().clone();
    let (article, extraction) = &pairs[4];
    stored
        .ingest(article, extraction, extraction.extracted_at())
        .unwrap();
    let after = &stored.store().clone();
    let count = |store: &MemoryStore, table| store.read_table(table).unwrap().len();
    assert_eq!(
        count(after, Table::Extractions),
        count(&before, Table::Extractions) + 1
    );
    assert_eq!(
        count(after, Table::Articles),
        count(&before, Table::Articles) + 1
    );
    // Every earlier record is byte for byte what it was: nothing was rewritten.
    for table in Table::ALL {
        let now: std::collections::BTreeMap<_, _> =
            after.read_table(table).unwrap().into_iter().collect();
        for (key, value) in before.read_table(table).unwrap() {
            assert_eq!(now.get(&key), Some(&value), "{table:?} {key}");
        }
    }
    // A repeat commits nothing.
    stored
        .ingest(article, extraction, extraction.extracted_at())
        .unwrap();
    assert_eq!(stored.store(), after);
}

#[test]
fn retraction_deletes_the_articles_records_from_the_store() {
    let mut stored = StoredPipeline::open(MemoryStore::new(), Default::default()).unwrap();
    for (article, extraction) in deliveries() {
        stored
            .ingest(&article, &extraction, extraction.extracted_at())
            .unwrap();
    }
    let id = ArticleId::new("the-g-2-reality").unwrap();
    assert_eq!(stored.retract(&id).unwrap(), 2);
    let store = stored.store();
    assert!(
        store
            .read_table(Table::Extractions)
            .unwrap()
            .iter()
            .all(|(key, _)| !key.starts_with("the-g-2-reality#"))
    );
    let reopened = StoredPipeline::open(store.clone(), Default::default()).unwrap();
    assert_eq!(
        reopened.pipeline().to_json().unwrap(),
        stored.pipeline().to_json().unwrap()
    );
}

/// A store that fails every commit after the first `ok` ones.
#[derive(Debug)]
struct FailingStore {
    inner: MemoryStore,
    ok: usize,
}

impl Store for FailingStore {
    fn read_table(&self, table: Table) -> Result<Vec<(String, Vec<u8>)>, Error> {
        self.inner.read_table(table)
    }
    fn commit(&mut self, change: &Change) -> Result<(), Error> {
        if self.ok == 0 {
            // Any error will do: the store's own error type is the implementor's business.
            return Err(Error::StorePoisoned);
        }
        self.ok -= 1;
        self.inner.commit(change)
    }
}

#[test]
fn a_failed_commit_poisons_the_stored_pipeline_and_the_store_keeps_what_was_committed() {
    let pairs = deliveries();
    let store = FailingStore {
        inner: MemoryStore::new(),
        ok: 2,
    };
    let mut stored = StoredPipeline::open(store, Default::default()).unwrap();
    for (article, extraction) in &pairs[..2] {
        stored
            .ingest(article, extraction, extraction.extracted_at())
            .unwrap();
    }
    let (article, extraction) = &pairs[2];
    assert!(
        stored
            .ingest(article, extraction, extraction.extracted_at())
            .is_err()
    );
    assert!(matches!(
        stored.ingest(&pairs[3].0, &pairs[3].1, pairs[3].1.extracted_at()),
        Err(Error::StorePoisoned)
    ));
    let reopened =
        StoredPipeline::open(stored.into_store().inner, PipelineConfig::default()).unwrap();
    assert_eq!(reopened.pipeline().article_count(), 2);
}

#[test]
fn a_corrupt_record_is_refused_naming_it() {
    let mut store = MemoryStore::new();
    let mut change = Change::new();
    change.put(Table::Extractions, "x#1", b"{not json".to_vec());
    store.commit(&change).unwrap();
    match StoredPipeline::open(store, Default::default()) {
        Err(Error::StoreCorrupt { table, key, .. }) => {
            assert_eq!((table, key.as_str()), ("extractions", "x#1"));
        }
        other => panic!("expected StoreCorrupt, got {other:?}"),
    }
}

/// Child: ingests an endless stream into the store, one commit per ingest, printing after each
/// how many articles the store holds, until killed.
#[test]
#[ignore = "run as a child process by the kill-during-write test"]
fn child_writes_to_the_store_until_killed() {
    let Some(path) = std::env::var_os(CHILD_STORE) else {
        return;
    };
    let pairs = deliveries();
    let store = RedbStore::open(PathBuf::from(path)).unwrap();
    let mut stored = StoredPipeline::open(store, Default::default()).unwrap();
    println!("committed {}", stored.pipeline().article_count());
    let tag = format!("p{}", std::process::id());
    for n in 0.. {
        let (article, extraction) = endless(&pairs, &tag, n);
        stored
            .ingest(&article, &extraction, extraction.extracted_at())
            .unwrap();
        println!("committed {}", stored.pipeline().article_count());
    }
}

#[test]
fn kill_9_at_any_moment_leaves_a_valid_store_holding_every_acknowledged_commit() {
    let path = scratch("kill").join("bellwether.redb");
    let started = Instant::now();
    let mut rounds = 0;
    let mut delays_ms = [3u64, 40, 11, 75, 1, 23, 57, 7, 90, 31, 15, 64]
        .into_iter()
        .cycle();
    // Bounded: a dozen rounds, or four seconds, whichever comes first (after at least five).
    // `BELLWETHER_KILL_ROUNDS=N` runs exactly N rounds instead, for a longer soak.
    let soak: Option<usize> = std::env::var("BELLWETHER_KILL_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok());
    let more = |rounds: usize| match soak {
        Some(n) => rounds < n,
        None => rounds < 12 && (rounds < 5 || started.elapsed() < Duration::from_secs(4)),
    };
    while more(rounds) {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--ignored",
                "--exact",
                "store::child_writes_to_the_store_until_killed",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_STORE, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, receiver) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                // libtest may print "test <name> ... " on the same line first.
                if let Some((_, n)) = line.split_once("committed ") {
                    let _ = sender.send(n.trim().parse::<usize>().unwrap());
                }
            }
        });
        // Wait until the child is writing, then kill it a varied moment later.
        let first = receiver.recv_timeout(Duration::from_secs(60)).unwrap();
        std::thread::sleep(Duration::from_millis(delays_ms.next().unwrap()));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        reader.join().unwrap();
        let acknowledged = receiver.try_iter().last().unwrap_or(first);

        let store = RedbStore::open(&path).unwrap();
        let stored = StoredPipeline::open(store, Default::default())
            .unwrap_or_else(|e| panic!("round {rounds}: the store is invalid: {e}"));
        let held = stored.pipeline().article_count();
        // Every acknowledged commit is there, and at most the one in flight besides.
        assert!(
            held == acknowledged || held == acknowledged + 1,
            "round {rounds}: {held} articles, {acknowledged} acknowledged"
        );
        rounds += 1;
    }
    // Shown with --nocapture: how far the loop got.
    println!("{rounds} kill -9 rounds in {:?}", started.elapsed());
    assert!(rounds >= soak.unwrap_or(5));
}

#[test]
fn a_second_process_cannot_open_a_store_another_is_writing() {
    let path = scratch("two-processes").join("bellwether.redb");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            "store::child_writes_to_the_store_until_killed",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_STORE, &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    // Wait until the child holds the store and has committed an ingest.
    let committed = |line: &str| {
        line.split_once("committed ")
            .is_some_and(|(_, n)| n.trim().parse::<usize>().is_ok_and(|n| n > 0))
    };
    assert!(lines.any(|line| line.is_ok_and(|l| committed(&l))));
    let refused = RedbStore::open(&path);
    child.kill().unwrap();
    child.wait().unwrap();
    match refused {
        Err(error @ Error::Store { .. }) => assert!(!error.to_string().is_empty()),
        Err(other) => panic!("expected Error::Store, got {other}"),
        Ok(_) => panic!("a second process opened a store another was writing"),
    }
    // Once the writer is gone, the store opens and holds what it committed.
    let store = RedbStore::open(&path).unwrap();
    let stored = StoredPipeline::open(store, Default::default()).unwrap();
    assert!(stored.pipeline().article_count() > 0);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(12))]

    /// Whatever is ingested, retracted or forgotten, in whatever order, reopening the store
    /// gives the pipeline that made the changes.
    #[test]
    fn reopening_a_store_gives_the_pipeline_that_wrote_it(
        order in proptest::sample::subsequence((0..20usize).collect::<Vec<_>>(), 0..20)
            .prop_shuffle(),
        retracted in proptest::option::of(0..20usize),
        horizon_hours in proptest::option::of(0i64..400),
    ) {
        let pairs = deliveries();
        let mut stored = StoredPipeline::open(MemoryStore::new(), Default::default()).unwrap();
        for &i in &order {
            let (article, extraction) = &pairs[i % pairs.len()];
            stored.ingest(article, extraction, extraction.extracted_at()).unwrap();
        }
        if let Some(i) = retracted {
            stored.retract(pairs[i % pairs.len()].0.id()).unwrap();
        }
        if let Some(hours) = horizon_hours {
            let start: DateTime<Utc> = "2026-05-11T00:00:00Z".parse().unwrap();
            stored.forget_before(start + chrono::TimeDelta::hours(hours)).unwrap();
        }
        let now: DateTime<Utc> = "2026-05-28T07:00:00Z".parse().unwrap();
        stored.compose(now).unwrap();
        let reopened = StoredPipeline::open(stored.store().clone(), Default::default()).unwrap();
        proptest::prop_assert_eq!(
            reopened.pipeline().to_json().unwrap(),
            stored.pipeline().to_json().unwrap()
        );
    }
}
