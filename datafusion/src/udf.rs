//! Scalar functions: verification of one extraction against its article, and the link decision
//! and link search of the clustering model.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use bellwether::chrono::{DateTime, TimeZone, Utc};
use bellwether::signal::{ArticleId, ReliabilityGrade, WebUrl};
use bellwether::{Article, Pipeline, PipelineConfig, read_extraction};
use bellwether_score::CollectionModel;
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, Float64Builder, StringBuilder, StructArray,
};
use datafusion::arrow::datatypes::{DataType, Field, Fields, TimeUnit, TimestampMicrosecondType};
use datafusion::common::{DataFusionError, Result};
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};

fn strings(arrays: &[ArrayRef], index: usize, name: &str) -> Result<Vec<Option<String>>> {
    let array = arrays
        .get(index)
        .ok_or_else(|| DataFusionError::Plan(format!("{name}: argument {index} missing")))?;
    let array = datafusion::arrow::compute::cast(array, &DataType::Utf8)?;
    let strings = array.as_string::<i32>();
    Ok((0..strings.len())
        .map(|i| strings.is_valid(i).then(|| strings.value(i).to_owned()))
        .collect())
}

fn json_error(column: &str, error: impl std::fmt::Display) -> DataFusionError {
    DataFusionError::Execution(format!("{column}: {error}"))
}

/// `bellwether_verify(article_id, title, outlet, url, published, reliability, text, extraction)`:
/// checks the extraction's quotes against the article as [`Pipeline::verify_record`] does,
/// returning a struct of `key`, `record` (the [`bellwether::VerifiedRecord`] as JSON) and
/// `refused` (why the pipeline refused the pair), each null when it does not apply.
#[derive(Debug)]
pub struct VerifyUdf {
    config: PipelineConfig,
    now: DateTime<Utc>,
    signature: Signature,
}

impl VerifyUdf {
    /// The function with the pipeline configuration and the instant `now` that date checks
    /// use.
    pub fn new(config: PipelineConfig, now: DateTime<Utc>) -> Self {
        Self {
            config,
            now,
            signature: Signature::any(8, Volatility::Immutable),
        }
    }

    /// The output struct's fields.
    pub fn fields() -> Fields {
        Fields::from(vec![
            Field::new("key", DataType::Utf8, true),
            Field::new("record", DataType::Utf8, true),
            Field::new("refused", DataType::Utf8, true),
        ])
    }

    fn verify_row(&self, row: &[Option<String>], published: Option<i64>) -> Verdict {
        let (Some(id), Some(title), Some(outlet), Some(text), Some(extraction), Some(micros)) = (
            row[0].as_deref(),
            row[1].as_deref(),
            row[2].as_deref(),
            row[6].as_deref(),
            row[7].as_deref(),
            published,
        ) else {
            return Verdict::Refused("a required column is null".to_owned());
        };
        let result = (|| -> std::result::Result<Verdict, String> {
            let published = Utc
                .timestamp_micros(micros)
                .single()
                .ok_or("publication time out of range")?;
            let id = ArticleId::new(id).map_err(|e| e.to_string())?;
            let mut article =
                Article::new(id, title, outlet, published, text).map_err(|e| e.to_string())?;
            if let Some(url) = row[3].as_deref() {
                let url: WebUrl = serde_json::from_value(serde_json::Value::from(url))
                    .map_err(|e| format!("url: {e}"))?;
                article = article.with_url(url);
            }
            if let Some(grade) = row[5].as_deref() {
                let grade: ReliabilityGrade =
                    serde_json::from_value(serde_json::Value::from(grade))
                        .map_err(|e| format!("reliability: {e}"))?;
                article = article.with_reliability(grade);
            }
            let value: serde_json::Value =
                serde_json::from_str(extraction).map_err(|e| format!("extraction: {e}"))?;
            let extraction = read_extraction(0, &value).map_err(|e| e.to_string())?;
            match Pipeline::verify_record(&self.config, &article, &extraction, self.now) {
                Ok(Some(record)) => {
                    let json = serde_json::to_string(&record).map_err(|e| e.to_string())?;
                    Ok(Verdict::Verified(record.key().to_owned(), json))
                }
                Ok(None) => Ok(Verdict::NoQuote),
                Err(error) => Ok(Verdict::Refused(error.to_string())),
            }
        })();
        result.unwrap_or_else(Verdict::Refused)
    }
}

enum Verdict {
    Verified(String, String),
    NoQuote,
    Refused(String),
}

impl PartialEq for VerifyUdf {
    fn eq(&self, other: &Self) -> bool {
        self.now == other.now && format!("{:?}", self.config) == format!("{:?}", other.config)
    }
}
impl Eq for VerifyUdf {}
impl Hash for VerifyUdf {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.now.hash(state);
    }
}

impl ScalarUDFImpl for VerifyUdf {
    fn name(&self) -> &str {
        "bellwether_verify"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn return_type(&self, _args: &[DataType]) -> Result<DataType> {
        Ok(DataType::Struct(Self::fields()))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let mut columns = Vec::with_capacity(8);
        for index in 0..8 {
            if index == 4 {
                columns.push(Vec::new());
                continue;
            }
            columns.push(strings(&arrays, index, "bellwether_verify")?);
        }
        let published = arrays
            .get(4)
            .map(|array| {
                datafusion::arrow::compute::cast(
                    array,
                    &DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
                )
            })
            .transpose()?
            .ok_or_else(|| json_error("published", "missing"))?;
        let published = published.as_primitive::<TimestampMicrosecondType>();
        let (mut keys, mut records, mut refused) = (
            StringBuilder::new(),
            StringBuilder::new(),
            StringBuilder::new(),
        );
        for row in 0..args.number_rows {
            let values: Vec<Option<String>> = columns
                .iter()
                .map(|column| column.get(row).cloned().flatten())
                .collect();
            let micros = published.is_valid(row).then(|| published.value(row));
            match self.verify_row(&values, micros) {
                Verdict::Verified(key, record) => {
                    keys.append_value(key);
                    records.append_value(record);
                    refused.append_null();
                }
                Verdict::NoQuote => {
                    keys.append_null();
                    records.append_null();
                    refused.append_null();
                }
                Verdict::Refused(reason) => {
                    keys.append_null();
                    records.append_null();
                    refused.append_value(reason);
                }
            }
        }
        let children: Vec<ArrayRef> = vec![
            Arc::new(keys.finish()),
            Arc::new(records.finish()),
            Arc::new(refused.finish()),
        ];
        let array = StructArray::try_new(Self::fields(), children, None)?;
        Ok(ColumnarValue::Array(Arc::new(array)))
    }
}

/// `bellwether_similarity(left, right)`: the link decision of the clustering model
/// ([`CollectionModel::link`]) for two extraction identifiers, null when they are not linked.
#[derive(Debug)]
pub struct SimilarityUdf {
    model: Arc<CollectionModel>,
    signature: Signature,
}

impl SimilarityUdf {
    /// The function over `model`.
    pub fn new(model: Arc<CollectionModel>) -> Self {
        Self {
            model,
            signature: Signature::any(2, Volatility::Immutable),
        }
    }
}

impl PartialEq for SimilarityUdf {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.model, &other.model)
    }
}
impl Eq for SimilarityUdf {}
impl Hash for SimilarityUdf {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.model.len().hash(state);
    }
}

impl ScalarUDFImpl for SimilarityUdf {
    fn name(&self) -> &str {
        "bellwether_similarity"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn return_type(&self, _args: &[DataType]) -> Result<DataType> {
        Ok(DataType::Float64)
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let (left, right) = (
            strings(&arrays, 0, self.name())?,
            strings(&arrays, 1, self.name())?,
        );
        let mut out = Float64Builder::with_capacity(left.len());
        for (left, right) in left.iter().zip(&right) {
            match (left, right) {
                (Some(left), Some(right)) => out.append_option(
                    self.model
                        .link(left, right)
                        .map_err(|e| json_error(self.name(), e))?,
                ),
                _ => out.append_null(),
            }
        }
        Ok(ColumnarValue::Array(Arc::new(out.finish())))
    }
}

/// `bellwether_links(extraction_id)`: the links the batch finds from the extraction to those
/// sorting before it ([`CollectionModel::links_for`]), as a JSON array of
/// [`bellwether_score::PairLink`].
#[derive(Debug)]
pub struct LinksUdf {
    model: Arc<CollectionModel>,
    signature: Signature,
}

impl LinksUdf {
    /// The function over `model`.
    pub fn new(model: Arc<CollectionModel>) -> Self {
        Self {
            model,
            signature: Signature::any(1, Volatility::Immutable),
        }
    }
}

impl PartialEq for LinksUdf {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.model, &other.model)
    }
}
impl Eq for LinksUdf {}
impl Hash for LinksUdf {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.model.len().hash(state);
    }
}

impl ScalarUDFImpl for LinksUdf {
    fn name(&self) -> &str {
        "bellwether_links"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn return_type(&self, _args: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let ids = strings(&arrays, 0, self.name())?;
        let mut out = StringBuilder::new();
        for id in &ids {
            match id {
                Some(id) => {
                    let links = self
                        .model
                        .links_for(&[id])
                        .map_err(|e| json_error(self.name(), e))?;
                    let json =
                        serde_json::to_string(&links).map_err(|e| json_error(self.name(), e))?;
                    out.append_value(json);
                }
                None => out.append_null(),
            }
        }
        Ok(ColumnarValue::Array(Arc::new(out.finish())))
    }
}

/// The scalar functions as DataFusion sees them.
pub fn scalar(udf: impl ScalarUDFImpl + 'static) -> ScalarUDF {
    ScalarUDF::new_from_impl(udf)
}
