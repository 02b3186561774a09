//! Reading a model's extractions one by one, so that a malformed one costs only itself.

use serde_json::Value;

use crate::signal::Extraction;

/// An extraction that could not be read: which one, for which article, which field, and why.
///
/// A model's output is read one extraction at a time ([`read_extraction`],
/// [`read_extractions`]): a malformed extraction is reported with this and the others go on.
///
/// ```
/// use bellwether::read_extractions;
///
/// let json = r#"[
///     {"article_id": "a1", "extracted_at": "2026-05-12T13:00:00Z", "thesis": "T", "strength": 11,
///      "quotes": [{"text": "q"}]},
///     {"article_id": "a2", "extracted_at": "2026-05-12T13:00:00Z", "thesis": "T", "strength": 6,
///      "quotes": [{"text": "q"}]}
/// ]"#;
/// let read = read_extractions(json)?;
/// let bad = read[0].as_ref().unwrap_err();
/// assert_eq!((bad.index, bad.article.as_deref(), bad.field.as_str()), (0, Some("a1"), "strength"));
/// assert!(read[1].is_ok());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "extraction {index}{} is malformed at {field}: {message}; fix or re-request this extraction, the others are read",
    article.as_ref().map(|a| format!(" (article {a:?})")).unwrap_or_default()
)]
#[non_exhaustive]
pub struct MalformedExtraction {
    /// Its position in the list it came in (0 for one read alone).
    pub index: usize,
    /// The article it names, when its `article_id` is a string.
    pub article: Option<String>,
    /// Where in the extraction the problem is, as a path such as `quotes[2]` or `strength`
    /// (`.` for the extraction as a whole).
    pub field: String,
    /// What is wrong, as the signal model words it.
    pub message: String,
}

/// Reads one extraction from its JSON value; `index` is its position in its list, for the
/// report.
///
/// # Errors
///
/// [`MalformedExtraction`] for anything [`Extraction`]'s deserialization rejects: a missing or
/// unknown field, a value out of range (strength, region, …), a quote without text, a list over
/// its limit. Anchors are not checked here: the pipeline places each or drops it with a reason.
pub fn read_extraction(index: usize, value: &Value) -> Result<Extraction, MalformedExtraction> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let field = error.path().to_string();
        MalformedExtraction {
            index,
            article: value
                .get("article_id")
                .and_then(Value::as_str)
                .map(str::to_owned),
            field,
            message: error.into_inner().to_string(),
        }
    })
}

/// Reads a JSON array of extractions, each on its own: one result per element, in order.
///
/// # Errors
///
/// The outer error is for JSON that is not an array of values (nothing could be read); each
/// element's error is its own ([`read_extraction`]).
pub fn read_extractions(
    json: &str,
) -> Result<Vec<Result<Extraction, MalformedExtraction>>, serde_json::Error> {
    let values: Vec<Value> = serde_json::from_str(json)?;
    Ok(values
        .iter()
        .enumerate()
        .map(|(index, value)| read_extraction(index, value))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extraction(quotes: &str) -> Value {
        serde_json::from_str(&format!(
            r#"{{"article_id": "a1", "extracted_at": "2026-05-12T13:00:00Z", "thesis": "T",
                "strength": 6, "regions": ["US"], "quotes": {quotes}}}"#
        ))
        .unwrap()
    }

    #[test]
    fn an_anchor_with_a_straight_apostrophe_is_no_reason_to_refuse_the_extraction() {
        let value = extraction(
            r#"[{"text": "China\u2019s dominance of processing", "anchors": ["China's dominance"]}]"#,
        );
        assert!(read_extraction(0, &value).is_ok());
    }

    #[test]
    fn a_malformed_extraction_names_its_article_and_field() {
        let value = extraction(r#"[{"text": "fine"}, {"text": "   "}]"#);
        let err = read_extraction(3, &value).unwrap_err();
        assert_eq!(err.index, 3);
        assert_eq!(err.article.as_deref(), Some("a1"));
        assert_eq!(err.field, "quotes[1]");
        assert!(err.to_string().contains("article \"a1\""), "{err}");
        let mut value = extraction("[]");
        value["regions"] = serde_json::json!(["XX"]);
        assert_eq!(read_extraction(0, &value).unwrap_err().field, "regions[0]");
        let err = read_extraction(0, &serde_json::json!(42)).unwrap_err();
        assert_eq!((err.article, err.field.as_str()), (None, "."));
    }

    #[test]
    fn a_list_reads_each_extraction_on_its_own() {
        let json = format!(
            "[{}, {}, {}]",
            extraction(r#"[{"text": "one"}]"#),
            serde_json::json!({"article_id": "a2"}),
            extraction(r#"[{"text": "three"}]"#)
        );
        let read = read_extractions(&json).unwrap();
        assert_eq!(read.len(), 3);
        assert!(read[0].is_ok() && read[2].is_ok());
        let err = read[1].as_ref().unwrap_err();
        assert_eq!((err.index, err.article.as_deref()), (1, Some("a2")));
        assert!(read_extractions("{}").is_err());
    }
}
