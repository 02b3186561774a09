//! The Arrow schemas of the engine's tables.

use std::sync::Arc;

use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef, TimeUnit};

/// Articles: one row per article, with its full text.
///
/// `article_id`, `title`, `outlet`, `published` (UTC, microseconds) and `text` are required;
/// `url` and `reliability` (an Admiralty grade `A`–`F`) may be null.
pub fn articles() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("article_id", DataType::Utf8, false),
        Field::new("title", DataType::Utf8, false),
        Field::new("outlet", DataType::Utf8, false),
        Field::new("url", DataType::Utf8, true),
        Field::new(
            "published",
            DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
            false,
        ),
        Field::new("reliability", DataType::Utf8, true),
        Field::new("text", DataType::Utf8, false),
    ]))
}

/// Extractions: one row per model extraction, as the model's JSON (see
/// [`bellwether::read_extraction`]), with the article it names.
pub fn extractions() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("article_id", DataType::Utf8, false),
        Field::new("extraction", DataType::Utf8, false),
    ]))
}

/// Verified quotes: one row per extraction checked against its article. `record` is the
/// [`bellwether::VerifiedRecord`] as JSON when a quote was accepted; `refused` says why the
/// pipeline refused the extraction; both are null when no quote was accepted.
pub fn verified() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("article_id", DataType::Utf8, false),
        Field::new("key", DataType::Utf8, true),
        Field::new("record", DataType::Utf8, true),
        Field::new("refused", DataType::Utf8, true),
    ]))
}

/// What clustering reads of each verified extraction: its key as `extraction_id` and its
/// [`bellwether_score::ExtractionFeatures`] as JSON.
pub fn features() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("extraction_id", DataType::Utf8, false),
        Field::new("features", DataType::Utf8, false),
    ]))
}

/// Links between extractions (`left < right`) with their similarity.
pub fn links() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("left", DataType::Utf8, false),
        Field::new("right", DataType::Utf8, false),
        Field::new("similarity", DataType::Float64, false),
    ]))
}

/// Each clustered extraction with its connected component (numbered from 0 by first
/// identifier) and its signal number.
pub fn assignments() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("extraction_id", DataType::Utf8, false),
        Field::new("component", DataType::UInt64, false),
        Field::new("cluster", DataType::UInt64, false),
    ]))
}

/// Signals with their evidence: one row per signal, its id, strength, the
/// [`bellwether::signal::Signal`] as JSON and its ledger (the evidence behind its strength) as
/// JSON.
pub fn signals() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("signal_id", DataType::Utf8, false),
        Field::new("strength", DataType::UInt8, false),
        Field::new("signal", DataType::Utf8, false),
        Field::new("ledger", DataType::Utf8, false),
    ]))
}
