//! The engine's result is one pipeline's, byte for byte: the state (signals, ledgers,
//! evidence) and the brief, for the bundled data and generated workloads, for any number of
//! partitions; and re-running or replaying input changes nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use bellwether::chrono::{DateTime, Utc};
use bellwether::signal::{ArticleId, ReliabilityGrade, WebUrl};
use bellwether::{Article, Pipeline, PipelineConfig, read_extraction};
use bellwether_datafusion::udaf::{LedgerUdaf, aggregate};
use bellwether_datafusion::{schema, settle, to_pipeline, verify};
use bellwether_score::Ledger;
use datafusion::arrow::array::{RecordBatch, StringArray, TimestampMicrosecondArray};
use datafusion::catalog::MemTable;
use datafusion::dataframe::DataFrameWriteOptions;
use datafusion::prelude::{ParquetReadOptions, SessionConfig, SessionContext, col};
use proptest::prelude::*;

/// One article row: id, title, outlet, url, published, reliability, text.
type ArticleRow = (
    String,
    String,
    String,
    Option<String>,
    DateTime<Utc>,
    Option<String>,
    String,
);

/// Articles and extractions (as the model's JSON) of a workload.
#[derive(Debug, Clone, Default)]
struct Workload {
    articles: Vec<ArticleRow>,
    extractions: Vec<(String, String)>,
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/data")
}

/// The bundled sample data: every day's articles and extractions.
fn bundled() -> Workload {
    let dir = data_dir();
    let mut days: Vec<PathBuf> = std::fs::read_dir(dir.join("days"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    days.sort();
    let mut workload = Workload::default();
    for day in days {
        let file: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(day).unwrap()).unwrap();
        for article in file["articles"].as_array().unwrap() {
            let text =
                std::fs::read_to_string(dir.join(article["text_file"].as_str().unwrap())).unwrap();
            let string = |key: &str| article[key].as_str().map(str::to_owned);
            workload.articles.push((
                string("id").unwrap(),
                string("title").unwrap(),
                string("outlet").unwrap(),
                string("url"),
                string("published").unwrap().parse().unwrap(),
                string("reliability"),
                text,
            ));
        }
        for extraction in file["extractions"].as_array().unwrap() {
            let article = extraction["article_id"].as_str().unwrap_or("").to_owned();
            workload
                .extractions
                .push((article, serde_json::to_string(extraction).unwrap()));
        }
    }
    workload
}

fn article(row: &ArticleRow) -> Article {
    let (id, title, outlet, url, published, reliability, text) = row;
    let mut article = Article::new(
        ArticleId::new(id.as_str()).unwrap(),
        title,
        outlet,
        *published,
        text,
    )
    .unwrap();
    if let Some(url) = url {
        let url: WebUrl = serde_json::from_value(serde_json::Value::from(url.as_str())).unwrap();
        article = article.with_url(url);
    }
    if let Some(grade) = reliability {
        let grade: ReliabilityGrade =
            serde_json::from_value(serde_json::Value::from(grade.as_str())).unwrap();
        article = article.with_reliability(grade);
    }
    article
}

/// One pipeline fed every extraction with its article (refusals skipped, as a job does),
/// settled and composed at `now`: its state and its brief.
fn one_process(workload: &Workload, now: DateTime<Utc>) -> (String, String) {
    let mut pipeline = Pipeline::with_config(PipelineConfig::default());
    for (article_id, json) in &workload.extractions {
        let Some(row) = workload.articles.iter().find(|a| &a.0 == article_id) else {
            continue;
        };
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        let Ok(extraction) = read_extraction(0, &value) else {
            continue;
        };
        let _ = pipeline.ingest(&article(row), &extraction, now);
    }
    pipeline.settle(now).unwrap();
    (pipeline.to_json().unwrap(), brief(&pipeline, now))
}

/// The brief due at `now` from the pipeline's signals as they are (what
/// [`Pipeline::compose`] returns after settling, without settling again).
fn brief(pipeline: &Pipeline, now: DateTime<Utc>) -> String {
    let signals = pipeline.signals().cloned().collect();
    let composed = pipeline
        .config()
        .composer
        .compose_owned(signals, pipeline.last_brief(), now)
        .unwrap();
    format!("{composed:?}")
}

fn tables(workload: &Workload) -> (RecordBatch, RecordBatch) {
    let a = &workload.articles;
    let articles = RecordBatch::try_new(
        schema::articles(),
        vec![
            Arc::new(StringArray::from_iter_values(
                a.iter().map(|r| r.0.as_str()),
            )),
            Arc::new(StringArray::from_iter_values(
                a.iter().map(|r| r.1.as_str()),
            )),
            Arc::new(StringArray::from_iter_values(
                a.iter().map(|r| r.2.as_str()),
            )),
            Arc::new(StringArray::from_iter(a.iter().map(|r| r.3.as_deref()))),
            Arc::new(
                TimestampMicrosecondArray::from_iter_values(
                    a.iter().map(|r| r.4.timestamp_micros()),
                )
                .with_timezone("UTC"),
            ),
            Arc::new(StringArray::from_iter(a.iter().map(|r| r.5.as_deref()))),
            Arc::new(StringArray::from_iter_values(
                a.iter().map(|r| r.6.as_str()),
            )),
        ],
    )
    .unwrap();
    let e = &workload.extractions;
    let extractions = RecordBatch::try_new(
        schema::extractions(),
        vec![
            Arc::new(StringArray::from_iter_values(
                e.iter().map(|r| r.0.as_str()),
            )),
            Arc::new(StringArray::from_iter_values(
                e.iter().map(|r| r.1.as_str()),
            )),
        ],
    )
    .unwrap();
    (articles, extractions)
}

/// The engine over `partitions` partitions: its pipeline's state and brief.
async fn engine(workload: &Workload, partitions: usize, now: DateTime<Utc>) -> (String, String) {
    let ctx =
        SessionContext::new_with_config(SessionConfig::new().with_target_partitions(partitions));
    let (articles, extractions) = tables(workload);
    let config = PipelineConfig::default();
    let verified = verify(
        ctx.read_batch(articles).unwrap(),
        ctx.read_batch(extractions)
            .unwrap()
            .repartition(datafusion::logical_expr::Partitioning::RoundRobinBatch(
                partitions,
            ))
            .unwrap(),
        config.clone(),
        now,
    )
    .unwrap();
    let settled = settle(&ctx, verified, config, now).await.unwrap();
    // Nothing here settles again: the state is the engine's.
    let pipeline = to_pipeline(settled);
    (pipeline.to_json().unwrap(), brief(&pipeline, now))
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .unwrap()
}

fn bundled_now() -> DateTime<Utc> {
    "2026-05-28T07:00:00Z".parse().unwrap()
}

#[test]
fn the_bundled_data_settles_as_one_pipeline_does() {
    let workload = bundled();
    assert!(workload.extractions.len() > 10);
    let (state, brief) = one_process(&workload, bundled_now());
    assert!(state.contains("\"signals\""));
    assert!(brief.starts_with("Brief("), "a brief is due: {brief}");
    let (engine_state, engine_brief) = runtime().block_on(engine(&workload, 3, bundled_now()));
    assert_eq!(engine_state, state);
    assert_eq!(engine_brief, brief);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn any_partitioning_and_input_order_gives_the_same_state_and_brief(
        partitions in 1usize..=8,
        rotate in 0usize..64,
    ) {
        let mut workload = bundled();
        let shift = rotate % workload.extractions.len();
        workload.extractions.rotate_left(shift);
        let (state, brief) = one_process(&workload, bundled_now());
        let (engine_state, engine_brief) =
            runtime().block_on(engine(&workload, partitions, bundled_now()));
        prop_assert_eq!(engine_state, state);
        prop_assert_eq!(engine_brief, brief);
    }
}

/// Theses drawn from a small vocabulary so that some are paraphrases of each other.
const THESIS_WORDS: &[&str] = &[
    "export",
    "controls",
    "chips",
    "accelerate",
    "Chinese",
    "self-sufficiency",
    "drones",
    "tariffs",
    "slow",
    "investment",
    "rare",
    "earths",
    "supply",
    "diversification",
    "data",
    "centre",
    "permits",
    "paused",
    "subsidies",
    "fabs",
];

/// A generated extraction: article index, thesis words, quote sentence index (or a
/// fabricated quote), regions.
type RawExtraction = (usize, Vec<usize>, Option<usize>, Vec<usize>);

fn generated(raw: &[RawExtraction]) -> Workload {
    let base = bundled();
    let mut workload = Workload {
        articles: base.articles.clone(),
        extractions: Vec::new(),
    };
    for (i, (article, words, sentence, regions)) in raw.iter().enumerate() {
        let row = &base.articles[article % base.articles.len()];
        let sentences: Vec<&str> = row
            .6
            .split(". ")
            .map(str::trim)
            .filter(|s| s.split_whitespace().count() >= 8 && !s.contains('\n'))
            .collect();
        let quote = match sentence {
            Some(index) if !sentences.is_empty() => {
                let words: Vec<&str> = sentences[index % sentences.len()]
                    .split_whitespace()
                    .collect();
                words[..words.len().min(12)].join(" ")
            }
            // Fabricated: words the article does not hold in this order.
            _ => format!(
                "officials denied every report of {} plans",
                THESIS_WORDS[i % THESIS_WORDS.len()]
            ),
        };
        let anchor = quote
            .split_whitespace()
            .max_by_key(|w| w.len())
            .unwrap_or("")
            .to_owned();
        let thesis: Vec<&str> = words.iter().map(|w| THESIS_WORDS[*w]).collect();
        let extraction = serde_json::json!({
            "article_id": row.0,
            "extracted_at": "2026-05-27T12:00:00Z",
            "thesis": format!("{} {}", thesis.join(" "), i % 3),
            "strength": 5,
            "regions": regions.iter().map(|r| ["US", "CN", "EU"][*r]).collect::<Vec<_>>(),
            "quotes": [{"text": quote, "anchors": [anchor]}],
        });
        workload
            .extractions
            .push((row.0.clone(), extraction.to_string()));
    }
    workload
}

fn raw_extraction() -> impl Strategy<Value = RawExtraction> {
    let word = (0usize..THESIS_WORDS.len(), 0usize..THESIS_WORDS.len()).prop_map(|(a, b)| a.min(b));
    (
        0usize..64,
        proptest::collection::vec(word, 3..8),
        prop_oneof![4 => (0usize..32).prop_map(Some), 1 => Just(None)],
        proptest::collection::vec(0usize..3, 1..3),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn generated_workloads_settle_as_one_pipeline_does_for_any_partitioning(
        raw in proptest::collection::vec(raw_extraction(), 1..60),
        partitions in 1usize..=8,
    ) {
        let workload = generated(&raw);
        let (state, brief) = one_process(&workload, bundled_now());
        let (engine_state, engine_brief) =
            runtime().block_on(engine(&workload, partitions, bundled_now()));
        prop_assert_eq!(engine_state, state);
        prop_assert_eq!(engine_brief, brief);
    }
}

#[test]
fn replayed_input_and_a_rerun_change_nothing() {
    let workload = bundled();
    let mut replayed = workload.clone();
    // Every extraction delivered twice, and one day's articles again.
    replayed
        .extractions
        .extend(workload.extractions.iter().cloned());
    let (once, brief) = runtime().block_on(engine(&workload, 2, bundled_now()));
    let (twice, brief_twice) = runtime().block_on(engine(&replayed, 4, bundled_now()));
    assert_eq!(once, twice);
    assert_eq!(brief, brief_twice);
    let (again, _) = runtime().block_on(engine(&workload, 2, bundled_now()));
    assert_eq!(once, again);
}

#[test]
fn verified_quotes_round_trip_through_parquet() {
    let workload = bundled();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("verified");
    let now = bundled_now();
    let state = runtime().block_on(async {
        let ctx = SessionContext::new_with_config(SessionConfig::new().with_target_partitions(2));
        let (articles, extractions) = tables(&workload);
        let config = PipelineConfig::default();
        let verified = verify(
            ctx.read_batch(articles).unwrap(),
            ctx.read_batch(extractions).unwrap(),
            config.clone(),
            now,
        )
        .unwrap();
        verified
            .write_parquet(path.to_str().unwrap(), DataFrameWriteOptions::new(), None)
            .await
            .unwrap();
        let read = ctx
            .read_parquet(path.to_str().unwrap(), ParquetReadOptions::default())
            .await
            .unwrap();
        let settled = settle(&ctx, read, config, now).await.unwrap();
        let signals = settled.signals.clone().count().await.unwrap();
        let pipeline = to_pipeline(settled);
        assert_eq!(signals, pipeline.signals().count());
        pipeline.to_json().unwrap()
    });
    let mut single = Pipeline::new();
    for (article_id, json) in &workload.extractions {
        let Some(row) = workload.articles.iter().find(|a| &a.0 == article_id) else {
            continue;
        };
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        if let Ok(extraction) = read_extraction(0, &value) {
            let _ = single.ingest(&article(row), &extraction, now);
        }
    }
    single.settle(now).unwrap();
    assert_eq!(state, single.to_json().unwrap());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]

    #[test]
    fn ledgers_cut_into_single_pieces_of_evidence_merge_back_on_any_partitioning(
        partitions in 1usize..=8,
        rotate in 0usize..32,
    ) {
        let workload = bundled();
        let now = bundled_now();
        let (expected, merged) = runtime().block_on(async {
            let ctx = SessionContext::new_with_config(
                SessionConfig::new().with_target_partitions(partitions),
            );
            let (articles, extractions) = tables(&workload);
            let config = PipelineConfig::default();
            let verified = verify(
                ctx.read_batch(articles).unwrap(),
                ctx.read_batch(extractions).unwrap(),
                config.clone(),
                now,
            )
            .unwrap();
            let settled = settle(&ctx, verified, config, now).await.unwrap();
            let batches = settled.signals.clone().collect().await.unwrap();
            let mut expected = Vec::new();
            // One row per piece of evidence (each as a ledger of its own), replayed once.
            let mut rows: Vec<(String, String)> = Vec::new();
            for batch in &batches {
                let ids = batch.column_by_name("signal_id").unwrap();
                let ids = ids.as_any().downcast_ref::<StringArray>().unwrap();
                let ledgers = batch.column_by_name("ledger").unwrap();
                let ledgers = ledgers.as_any().downcast_ref::<StringArray>().unwrap();
                for row in 0..batch.num_rows() {
                    let ledger: Ledger = serde_json::from_str(ledgers.value(row)).unwrap();
                    expected.push((ids.value(row).to_owned(), serde_json::to_string(&ledger).unwrap()));
                    for evidence in ledger.evidence() {
                        let mut piece = Ledger::new();
                        piece.insert(evidence).unwrap();
                        rows.push((ids.value(row).to_owned(), serde_json::to_string(&piece).unwrap()));
                    }
                }
            }
            assert!(rows.len() > expected.len(), "some signal has more than one piece");
            rows.extend(rows.clone());
            let shift = rotate % rows.len();
            rows.rotate_left(shift);
            let schema = Arc::new(datafusion::arrow::datatypes::Schema::new(vec![
                datafusion::arrow::datatypes::Field::new("signal_id", datafusion::arrow::datatypes::DataType::Utf8, false),
                datafusion::arrow::datatypes::Field::new("ledger", datafusion::arrow::datatypes::DataType::Utf8, false),
            ]));
            let parts: Vec<Vec<RecordBatch>> = (0..partitions)
                .map(|part| {
                    let mine: Vec<&(String, String)> = rows.iter().skip(part).step_by(partitions).collect();
                    vec![RecordBatch::try_new(Arc::clone(&schema), vec![
                        Arc::new(StringArray::from_iter_values(mine.iter().map(|r| r.0.as_str()))),
                        Arc::new(StringArray::from_iter_values(mine.iter().map(|r| r.1.as_str()))),
                    ]).unwrap()]
                })
                .collect();
            let table = MemTable::try_new(schema, parts).unwrap();
            let merge = aggregate(LedgerUdaf::default());
            let out = ctx
                .read_table(Arc::new(table))
                .unwrap()
                .aggregate(vec![col("signal_id")], vec![merge.call(vec![col("ledger")]).alias("ledger")])
                .unwrap()
                .collect()
                .await
                .unwrap();
            let mut merged = Vec::new();
            for batch in &out {
                let ids = batch.column_by_name("signal_id").unwrap();
                let ids = datafusion::arrow::compute::cast(ids, &datafusion::arrow::datatypes::DataType::Utf8).unwrap();
                let ids = ids.as_any().downcast_ref::<StringArray>().unwrap();
                let ledgers = batch.column_by_name("ledger").unwrap();
                let ledgers = ledgers.as_any().downcast_ref::<StringArray>().unwrap();
                for row in 0..batch.num_rows() {
                    merged.push((ids.value(row).to_owned(), ledgers.value(row).to_owned()));
                }
            }
            expected.sort();
            merged.sort();
            (expected, merged)
        });
        prop_assert_eq!(merged, expected);
    }
}
