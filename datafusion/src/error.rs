//! The engine's typed error.

use thiserror::Error;

/// What can go wrong running Bellwether on DataFusion.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum EngineError {
    /// DataFusion or Arrow refused a plan or failed executing it (a missing column, a column of
    /// the wrong type, an unreadable Parquet file).
    #[error("DataFusion: {0}")]
    DataFusion(#[from] datafusion::error::DataFusionError),
    /// Arrow refused a batch (columns of different lengths or wrong types).
    #[error("Arrow: {0}")]
    Arrow(#[from] datafusion::arrow::error::ArrowError),
    /// The pipeline refused the evidence (see [`bellwether::Error`]).
    #[error("pipeline: {0}")]
    Pipeline(#[from] bellwether::Error),
    /// Clustering refused the extractions (see [`bellwether_score::ClusterError`]).
    #[error("clustering: {0}")]
    Cluster(#[from] bellwether_score::ClusterError),
    /// A JSON column did not hold what it should (a verified record, features, a link).
    #[error("column {column}: {source}")]
    Json {
        /// The column.
        column: &'static str,
        /// What the parser said.
        source: serde_json::Error,
    },
    /// A column a table must have is missing or of another type.
    #[error("column {column} is missing or not {expected}")]
    Column {
        /// The column.
        column: &'static str,
        /// The type it must have.
        expected: &'static str,
    },
}
