//! The job: verification as a map over article–extraction pairs, settling as statistics,
//! link search, components and per-component clustering spread over partitions.

use std::collections::BTreeMap;
use std::sync::Arc;

use bellwether::chrono::{DateTime, Utc};
use bellwether::{Pipeline, PipelineConfig, VerifiedRecord};
use bellwether_score::{
    ClusteredExtraction, CollectionModel, CollectionStatistics, PairLink, connected_components,
    number_signals,
};
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, Float64Array, RecordBatch, StringArray, UInt8Array, UInt64Array,
};
use datafusion::arrow::datatypes::DataType;
use datafusion::catalog::MemTable;
use datafusion::common::JoinType;
use datafusion::dataframe::DataFrame;
use datafusion::functions::core::expr_fn::get_field;
use datafusion::prelude::{SessionContext, col};

use crate::udaf::{ClusterUdaf, StatisticsUdaf, aggregate};
use crate::udf::{LinksUdf, VerifyUdf, scalar};
use crate::{EngineError, schema};

/// Checks every extraction against its article (joined on `article_id`), as
/// [`Pipeline::ingest`] would at `now`, on every partition at once. Returns a table of
/// [`schema::verified`]: a row per extraction whose article is in `articles`.
///
/// `articles` must have the columns of [`schema::articles`], `extractions` those of
/// [`schema::extractions`].
///
/// # Errors
///
/// [`EngineError::DataFusion`] when a table lacks a column (the plan is checked here; rows are
/// checked when the returned frame runs, and a row the pipeline refuses is reported in its
/// `refused` column, not as an error).
pub fn verify(
    articles: DataFrame,
    extractions: DataFrame,
    config: PipelineConfig,
    now: DateTime<Utc>,
) -> Result<DataFrame, EngineError> {
    let verify = scalar(VerifyUdf::new(config, now));
    let articles = articles.with_column_renamed("article_id", "article")?;
    let joined = extractions.join(
        articles,
        JoinType::Inner,
        &["article_id"],
        &["article"],
        None,
    )?;
    let outcome = verify.call(
        [
            "article",
            "title",
            "outlet",
            "url",
            "published",
            "reliability",
            "text",
            "extraction",
        ]
        .into_iter()
        .map(col)
        .collect(),
    );
    let with_outcome = joined.select(vec![col("article_id"), outcome.alias("outcome")])?;
    Ok(with_outcome.select(vec![
        col("article_id"),
        get_field(col("outcome"), "key").alias("key"),
        get_field(col("outcome"), "record").alias("record"),
        get_field(col("outcome"), "refused").alias("refused"),
    ])?)
}

/// The settled state: the pipeline it amounts to, and its tables.
#[derive(Debug)]
pub struct Settled {
    pipeline: Pipeline,
    /// The signals with their ledgers ([`schema::signals`]).
    pub signals: DataFrame,
    /// Every link between clustered extractions ([`schema::links`]).
    pub links: DataFrame,
    /// Every clustered extraction with its component and signal ([`schema::assignments`]).
    pub assignments: DataFrame,
    /// How many extractions the largest connected component holds.
    pub largest_component: usize,
}

/// The pipeline a settled job amounts to: the same state, byte for byte, as one [`Pipeline`]
/// fed the same articles and extractions and settled at the same instant.
pub fn to_pipeline(settled: Settled) -> Pipeline {
    settled.pipeline
}

fn strings_of(
    batches: &[RecordBatch],
    column: &'static str,
) -> Result<Vec<Option<String>>, EngineError> {
    let mut out = Vec::new();
    for batch in batches {
        let array = batch.column_by_name(column).ok_or(EngineError::Column {
            column,
            expected: "a string",
        })?;
        let array = datafusion::arrow::compute::cast(array, &DataType::Utf8)?;
        let strings = array.as_string::<i32>();
        out.extend(
            (0..strings.len()).map(|i| strings.is_valid(i).then(|| strings.value(i).to_owned())),
        );
    }
    Ok(out)
}

/// A table of `columns` cut round-robin into `partitions` partitions.
fn partitioned(
    ctx: &SessionContext,
    columns: Vec<(&str, Vec<ArrayRef>)>,
    partitions: usize,
) -> Result<DataFrame, EngineError> {
    let names: Vec<&str> = columns.iter().map(|(name, _)| *name).collect();
    let mut batches = Vec::new();
    let parts = columns.first().map_or(0, |(_, parts)| parts.len());
    for part in 0..parts {
        let arrays: Vec<(&str, ArrayRef)> = columns
            .iter()
            .filter_map(|(name, parts)| parts.get(part).map(|a| (*name, Arc::clone(a))))
            .collect();
        batches.push(RecordBatch::try_from_iter(arrays)?);
    }
    let schema = match batches.first() {
        Some(batch) => batch.schema(),
        None => {
            return Err(EngineError::Column {
                column: "partitions",
                expected: "at least one",
            });
        }
    };
    let _ = names;
    let mut slots: Vec<Vec<RecordBatch>> = vec![Vec::new(); partitions.max(1)];
    for (index, batch) in batches.into_iter().enumerate() {
        if let Some(slot) = slots.get_mut(index % partitions.max(1)) {
            slot.push(batch);
        }
    }
    let table = MemTable::try_new(schema, slots)?;
    Ok(ctx.read_table(Arc::new(table))?)
}

/// Splits `values` round-robin into `partitions` string arrays.
fn split_strings(values: &[String], partitions: usize) -> Vec<ArrayRef> {
    let partitions = partitions.max(1);
    (0..partitions)
        .map(|part| {
            let array: StringArray = values
                .iter()
                .skip(part)
                .step_by(partitions)
                .map(|v| Some(v.as_str()))
                .collect();
            Arc::new(array) as ArrayRef
        })
        .collect()
}

/// Settles the verified extractions at `now`, as [`Pipeline::settle`] would, with the
/// expensive part spread over the session's target partitions: term statistics aggregated per
/// partition and merged, links searched per partition, and each connected component of the
/// link graph clustered on its own. Resolving the model's references and numbering the
/// signals are global steps.
///
/// `verified` has the columns of [`schema::verified`] (as [`verify`] returns); rows without
/// a record are skipped, and a record given twice counts once.
///
/// # Errors
///
/// [`EngineError::Json`] for a record that is not a [`VerifiedRecord`];
/// [`EngineError::Pipeline`] when the records conflict (see [`Pipeline::from_records`]) or
/// settling fails; [`EngineError::DataFusion`] when a step's plan fails.
pub async fn settle(
    ctx: &SessionContext,
    verified: DataFrame,
    config: PipelineConfig,
    now: DateTime<Utc>,
) -> Result<Settled, EngineError> {
    let partitions = ctx.state().config().target_partitions();
    let batches = verified.select(vec![col("record")])?.collect().await?;
    let mut records = Vec::new();
    for json in strings_of(&batches, "record")?.into_iter().flatten() {
        let record: VerifiedRecord =
            serde_json::from_str(&json).map_err(|source| EngineError::Json {
                column: "record",
                source,
            })?;
        records.push(record);
    }
    let mut pipeline = Pipeline::from_records(config.clone(), records)?;
    let input = pipeline.clustering_input()?;
    let ids: Vec<String> = input.iter().map(|f| f.extraction_id.clone()).collect();
    let mut features = Vec::with_capacity(input.len());
    for f in &input {
        features.push(
            serde_json::to_string(f).map_err(|source| EngineError::Json {
                column: "features",
                source,
            })?,
        );
    }
    let model = if ids.is_empty() {
        Arc::new(CollectionStatistics::new().model(config.clusters)?)
    } else {
        let table = partitioned(
            ctx,
            vec![
                ("extraction_id", split_strings(&ids, partitions)),
                ("features", split_strings(&features, partitions)),
            ],
            partitions,
        )?;
        let statistics = aggregate(StatisticsUdaf::default());
        let merged = table
            .aggregate(
                vec![],
                vec![statistics.call(vec![col("features")]).alias("statistics")],
            )?
            .collect()
            .await?;
        let json = strings_of(&merged, "statistics")?
            .into_iter()
            .flatten()
            .next()
            .unwrap_or_else(|| "{}".to_owned());
        let statistics: CollectionStatistics =
            serde_json::from_str(&json).map_err(|source| EngineError::Json {
                column: "statistics",
                source,
            })?;
        Arc::new(statistics.model(config.clusters)?)
    };

    // Links: a map over extractions, each searching the shared model.
    let (links, components, clustered) = if ids.is_empty() {
        (Vec::new(), Vec::new(), Vec::new())
    } else {
        let table = partitioned(
            ctx,
            vec![("extraction_id", split_strings(&ids, partitions))],
            partitions,
        )?;
        let search = scalar(LinksUdf::new(Arc::clone(&model)));
        let found = table
            .select(vec![
                col("extraction_id"),
                search.call(vec![col("extraction_id")]).alias("links"),
            ])?
            .collect()
            .await?;
        let row_ids = strings_of(&found, "extraction_id")?;
        let row_links = strings_of(&found, "links")?;
        let mut links: Vec<PairLink> = Vec::new();
        for json in row_links.iter().flatten() {
            let some: Vec<PairLink> =
                serde_json::from_str(json).map_err(|source| EngineError::Json {
                    column: "links",
                    source,
                })?;
            links.extend(some);
        }
        let components = connected_components(&ids, &links)?;
        let component_of: BTreeMap<&str, u64> = components
            .iter()
            .zip(0u64..)
            .flat_map(|(members, number)| members.iter().map(move |id| (id.as_str(), number)))
            .collect();
        // Each component clustered on its own, wherever its rows are.
        let row_components: Vec<u64> = row_ids
            .iter()
            .map(|id| {
                id.as_deref()
                    .and_then(|id| component_of.get(id))
                    .copied()
                    .unwrap_or(0)
            })
            .collect();
        let id_values: Vec<String> = row_ids
            .iter()
            .map(|id| id.clone().unwrap_or_default())
            .collect();
        let link_values: Vec<String> = row_links
            .iter()
            .map(|l| l.clone().unwrap_or_else(|| "[]".to_owned()))
            .collect();
        let component_parts: Vec<ArrayRef> = (0..partitions.max(1))
            .map(|part| {
                let array: UInt64Array = row_components
                    .iter()
                    .skip(part)
                    .step_by(partitions.max(1))
                    .copied()
                    .map(Some)
                    .collect();
                Arc::new(array) as ArrayRef
            })
            .collect();
        let table = partitioned(
            ctx,
            vec![
                ("extraction_id", split_strings(&id_values, partitions)),
                ("component", component_parts),
                ("links", split_strings(&link_values, partitions)),
            ],
            partitions,
        )?;
        let cluster = aggregate(ClusterUdaf::new(Arc::clone(&model)));
        let groups = table
            .aggregate(
                vec![col("component")],
                vec![
                    cluster
                        .call(vec![col("extraction_id"), col("links")])
                        .alias("clustered"),
                ],
            )?
            .collect()
            .await?;
        let mut clustered: Vec<ClusteredExtraction> = Vec::new();
        for json in strings_of(&groups, "clustered")?.into_iter().flatten() {
            let some: Vec<ClusteredExtraction> =
                serde_json::from_str(&json).map_err(|source| EngineError::Json {
                    column: "clustered",
                    source,
                })?;
            clustered.extend(some);
        }
        (links, components, clustered)
    };
    let numbering = number_signals(clustered)?;
    let largest_component = components.iter().map(Vec::len).max().unwrap_or(0);
    let model = match Arc::try_unwrap(model) {
        Ok(model) => model,
        // Still shared (a frame kept a function): build an identical one.
        Err(shared) => rebuild(&shared)?,
    };
    let clusters = model.into_clusters(&numbering)?;
    pipeline.settle_clustered(clusters, now)?;

    let component_of: BTreeMap<&str, u64> = components
        .iter()
        .zip(0u64..)
        .flat_map(|(members, number)| members.iter().map(move |id| (id.as_str(), number)))
        .collect();
    let assignment_ids: Vec<&String> = numbering.keys().collect();
    let assignments = RecordBatch::try_new(
        schema::assignments(),
        vec![
            Arc::new(
                assignment_ids
                    .iter()
                    .map(|id| Some(id.as_str()))
                    .collect::<StringArray>(),
            ),
            Arc::new(
                assignment_ids
                    .iter()
                    .map(|id| component_of.get(id.as_str()).copied())
                    .collect::<UInt64Array>(),
            ),
            Arc::new(
                numbering
                    .values()
                    .map(|s| Some(s.get()))
                    .collect::<UInt64Array>(),
            ),
        ],
    )?;
    let links_batch = RecordBatch::try_new(
        schema::links(),
        vec![
            Arc::new(
                links
                    .iter()
                    .map(|l| Some(l.left.as_str()))
                    .collect::<StringArray>(),
            ),
            Arc::new(
                links
                    .iter()
                    .map(|l| Some(l.right.as_str()))
                    .collect::<StringArray>(),
            ),
            Arc::new(
                links
                    .iter()
                    .map(|l| Some(l.similarity))
                    .collect::<Float64Array>(),
            ),
        ],
    )?;
    let signals = signal_table(&pipeline)?;
    Ok(Settled {
        signals: ctx.read_batch(signals)?,
        links: ctx.read_batch(links_batch)?,
        assignments: ctx.read_batch(assignments)?,
        pipeline,
        largest_component,
    })
}

fn rebuild(model: &CollectionModel) -> Result<CollectionModel, EngineError> {
    let mut statistics = CollectionStatistics::new();
    for features in model.extractions() {
        statistics.observe(features.clone())?;
    }
    Ok(statistics.model(*model.config())?)
}

/// The signals of a settled pipeline with their ledgers, as the state file holds them.
fn signal_table(pipeline: &Pipeline) -> Result<RecordBatch, EngineError> {
    let state: serde_json::Value =
        serde_json::from_str(&pipeline.to_json()?).map_err(|source| EngineError::Json {
            column: "signal",
            source,
        })?;
    let empty = Vec::new();
    let signals = state
        .get("signals")
        .and_then(|s| s.as_array())
        .unwrap_or(&empty);
    let ledgers = state.get("ledgers");
    let (mut ids, mut strengths, mut jsons, mut ledger_jsons) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for signal in pipeline.signals() {
        let id = signal.id().to_string();
        let json = signals
            .iter()
            .find(|s| s.get("id").and_then(|v| v.as_str()) == Some(id.as_str()))
            .map(|s| s.to_string())
            .unwrap_or_default();
        let ledger = ledgers
            .and_then(|l| l.get(&id))
            .map(|l| l.to_string())
            .unwrap_or_default();
        strengths.push(signal.strength().value());
        ids.push(id);
        jsons.push(json);
        ledger_jsons.push(ledger);
    }
    Ok(RecordBatch::try_new(
        schema::signals(),
        vec![
            Arc::new(StringArray::from(ids)),
            Arc::new(UInt8Array::from(strengths)),
            Arc::new(StringArray::from(jsons)),
            Arc::new(StringArray::from(ledger_jsons)),
        ],
    )?)
}
