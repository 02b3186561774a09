//! Aggregate functions: the collection's statistics (mergeable, so DataFusion aggregates them
//! per partition and merges the partial states), and the clustering of a connected component.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use bellwether_score::{
    CollectionModel, CollectionStatistics, ExtractionFeatures, Ledger, PairLink,
};
use datafusion::arrow::array::{Array, ArrayRef, AsArray};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{DataFusionError, Result, ScalarValue};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{
    Accumulator, AggregateUDF, AggregateUDFImpl, Signature, Volatility,
};

fn failed(name: &str, error: impl std::fmt::Display) -> DataFusionError {
    DataFusionError::Execution(format!("{name}: {error}"))
}

/// The non-null strings of a column (of any string type).
fn strings(values: &[ArrayRef], index: usize, name: &str) -> Result<Vec<String>> {
    let array = values
        .get(index)
        .ok_or_else(|| failed(name, format!("argument {index} missing")))?;
    let array = datafusion::arrow::compute::cast(array, &DataType::Utf8)?;
    let strings = array.as_string::<i32>();
    Ok((0..strings.len())
        .filter(|i| strings.is_valid(*i))
        .map(|i| strings.value(i).to_owned())
        .collect())
}

/// `bellwether_statistics(features)`: the [`CollectionStatistics`] of the extractions whose
/// [`ExtractionFeatures`] (as JSON) it aggregates, as JSON. Its state is the statistics
/// themselves, merged with [`CollectionStatistics::merge`].
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct StatisticsUdaf {
    signature: Signature,
}

impl Default for StatisticsUdaf {
    fn default() -> Self {
        Self {
            signature: Signature::any(1, Volatility::Immutable),
        }
    }
}

const STATISTICS: &str = "bellwether_statistics";

impl AggregateUDFImpl for StatisticsUdaf {
    fn name(&self) -> &str {
        STATISTICS
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn return_type(&self, _args: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }
    fn accumulator(&self, _args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::<StatisticsAccumulator>::default())
    }
    fn state_fields(&self, _args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![Arc::new(Field::new(
            "statistics",
            DataType::Utf8,
            true,
        ))])
    }
}

#[derive(Debug, Default)]
struct StatisticsAccumulator {
    statistics: CollectionStatistics,
}

impl StatisticsAccumulator {
    fn json(&self) -> Result<ScalarValue> {
        let json = serde_json::to_string(&self.statistics).map_err(|e| failed(STATISTICS, e))?;
        Ok(ScalarValue::Utf8(Some(json)))
    }
}

impl Accumulator for StatisticsAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        for json in strings(values, 0, STATISTICS)? {
            let features: ExtractionFeatures =
                serde_json::from_str(&json).map_err(|e| failed(STATISTICS, e))?;
            self.statistics
                .observe(features)
                .map_err(|e| failed(STATISTICS, e))?;
        }
        Ok(())
    }
    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        for json in strings(states, 0, STATISTICS)? {
            let partial: CollectionStatistics =
                serde_json::from_str(&json).map_err(|e| failed(STATISTICS, e))?;
            self.statistics
                .merge(partial)
                .map_err(|e| failed(STATISTICS, e))?;
        }
        Ok(())
    }
    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![self.json()?])
    }
    fn evaluate(&mut self) -> Result<ScalarValue> {
        self.json()
    }
    fn size(&self) -> usize {
        std::mem::size_of_val(self)
            + self
                .statistics
                .extractions()
                .map(|f| f.thesis.len() + f.extraction_id.len() + 64)
                .sum::<usize>()
    }
}

/// `bellwether_cluster(extraction_id, links)`: clusters the extractions it aggregates (grouped
/// by connected component, or any union of whole components) with
/// [`CollectionModel::cluster`], given each extraction's links to those before it (a JSON array
/// of [`PairLink`], as `bellwether_links` returns them). Returns the clustered extractions
/// as a JSON array of [`bellwether_score::ClusteredExtraction`].
#[derive(Debug)]
pub struct ClusterUdaf {
    model: Arc<CollectionModel>,
    signature: Signature,
}

impl ClusterUdaf {
    /// The function over `model`.
    pub fn new(model: Arc<CollectionModel>) -> Self {
        Self {
            model,
            signature: Signature::any(2, Volatility::Immutable),
        }
    }
}

impl PartialEq for ClusterUdaf {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.model, &other.model)
    }
}
impl Eq for ClusterUdaf {}
impl Hash for ClusterUdaf {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.model.len().hash(state);
    }
}

const CLUSTER: &str = "bellwether_cluster";

impl AggregateUDFImpl for ClusterUdaf {
    fn name(&self) -> &str {
        CLUSTER
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn return_type(&self, _args: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }
    fn accumulator(&self, _args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(ClusterAccumulator {
            model: Arc::clone(&self.model),
            ids: Vec::new(),
            links: Vec::new(),
        }))
    }
    fn state_fields(&self, _args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![
            Arc::new(Field::new("ids", DataType::Utf8, true)),
            Arc::new(Field::new("links", DataType::Utf8, true)),
        ])
    }
}

#[derive(Debug)]
struct ClusterAccumulator {
    model: Arc<CollectionModel>,
    ids: Vec<String>,
    links: Vec<PairLink>,
}

impl Accumulator for ClusterAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        self.ids.extend(strings(values, 0, CLUSTER)?);
        for json in strings(values, 1, CLUSTER)? {
            let links: Vec<PairLink> =
                serde_json::from_str(&json).map_err(|e| failed(CLUSTER, e))?;
            self.links.extend(links);
        }
        Ok(())
    }
    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        for json in strings(states, 0, CLUSTER)? {
            let ids: Vec<String> = serde_json::from_str(&json).map_err(|e| failed(CLUSTER, e))?;
            self.ids.extend(ids);
        }
        for json in strings(states, 1, CLUSTER)? {
            let links: Vec<PairLink> =
                serde_json::from_str(&json).map_err(|e| failed(CLUSTER, e))?;
            self.links.extend(links);
        }
        Ok(())
    }
    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        let ids = serde_json::to_string(&self.ids).map_err(|e| failed(CLUSTER, e))?;
        let links = serde_json::to_string(&self.links).map_err(|e| failed(CLUSTER, e))?;
        Ok(vec![
            ScalarValue::Utf8(Some(ids)),
            ScalarValue::Utf8(Some(links)),
        ])
    }
    fn evaluate(&mut self) -> Result<ScalarValue> {
        // A replayed row appears twice: each extraction and link counts once.
        self.ids.sort_unstable();
        self.ids.dedup();
        self.links
            .sort_by(|a, b| (&a.left, &a.right).cmp(&(&b.left, &b.right)));
        self.links
            .dedup_by(|a, b| (&a.left, &a.right) == (&b.left, &b.right));
        let clustered = self
            .model
            .cluster(&self.ids, &self.links)
            .map_err(|e| failed(CLUSTER, e))?;
        let json = serde_json::to_string(&clustered).map_err(|e| failed(CLUSTER, e))?;
        Ok(ScalarValue::Utf8(Some(json)))
    }
    fn size(&self) -> usize {
        std::mem::size_of_val(self)
            + self.ids.iter().map(|id| id.len() + 24).sum::<usize>()
            + self.links.len() * 64
    }
}

/// `bellwether_ledger(ledger)`: the [`Ledger`] (as JSON) holding the evidence of every ledger
/// it aggregates, merged with [`Ledger::merge`] (commutative, associative and idempotent, so
/// shards of a signal's evidence merge in any order and grouping into the same ledger).
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct LedgerUdaf {
    signature: Signature,
}

impl Default for LedgerUdaf {
    fn default() -> Self {
        Self {
            signature: Signature::any(1, Volatility::Immutable),
        }
    }
}

const LEDGER: &str = "bellwether_ledger";

impl AggregateUDFImpl for LedgerUdaf {
    fn name(&self) -> &str {
        LEDGER
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn return_type(&self, _args: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }
    fn accumulator(&self, _args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::<LedgerAccumulator>::default())
    }
    fn state_fields(&self, _args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![Arc::new(Field::new("ledger", DataType::Utf8, true))])
    }
}

#[derive(Debug, Default)]
struct LedgerAccumulator {
    ledger: Ledger,
}

impl LedgerAccumulator {
    fn absorb(&mut self, values: &[ArrayRef]) -> Result<()> {
        for json in strings(values, 0, LEDGER)? {
            let other: Ledger = serde_json::from_str(&json).map_err(|e| failed(LEDGER, e))?;
            let report = self.ledger.merge(&other);
            // Past the ledger's limits evidence would be lost: refuse rather than drop it.
            if !report.rejected.is_empty() {
                return Err(failed(
                    LEDGER,
                    format!(
                        "{} pieces of evidence do not fit the ledger",
                        report.rejected.len()
                    ),
                ));
            }
        }
        Ok(())
    }

    fn json(&self) -> Result<ScalarValue> {
        let json = serde_json::to_string(&self.ledger).map_err(|e| failed(LEDGER, e))?;
        Ok(ScalarValue::Utf8(Some(json)))
    }
}

impl Accumulator for LedgerAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        self.absorb(values)
    }
    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        self.absorb(states)
    }
    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![self.json()?])
    }
    fn evaluate(&mut self) -> Result<ScalarValue> {
        self.json()
    }
    fn size(&self) -> usize {
        std::mem::size_of_val(self) + self.ledger.extraction_count() * 256
    }
}

/// The aggregate functions as DataFusion sees them.
pub fn aggregate(udaf: impl AggregateUDFImpl + 'static) -> AggregateUDF {
    AggregateUDF::new_from_impl(udaf)
}
