//! Reinforcement scoring for Bellwether signals: independent corroboration, decay, clustering and explanations.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub use crate::cluster_config::{ClusterConfig, ClusterConfigBuilder};
pub use crate::cluster_error::ClusterError;
pub use crate::features::{ExtractionFeatures, SignalId};
pub use crate::lineage::{LineageEdge, LineageEvent, LineageNode};
pub use crate::signal_clusters::{Assignment, SignalClusters, SignalMatch};
pub use crate::similarity_graph::{Link, SimilarityGraph};

mod cluster_config;
mod cluster_error;
mod features;
mod index;
mod lineage;
mod profile;
mod signal_clusters;
mod similarity;
mod similarity_graph;
mod words;
