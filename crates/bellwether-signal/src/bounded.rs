//! Deserializing lists with a bound: past its limit a list is rejected as it is read, before
//! any more of it is held in memory.
//!
//! Every list field of the model deserializes through one of the functions declared here, so a
//! JSON document with a million tags costs one pass over its text and no more than the limit's
//! worth of values, not a million values that validation would reject afterwards.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserializer, IgnoredAny, SeqAccess, Visitor};
use serde::{Deserialize, de};

use crate::SignalError;

struct BoundedVisitor<T> {
    field: &'static str,
    max: usize,
    marker: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for BoundedVisitor<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a list of at most {} {}", self.max, self.field)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut values = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(self.max));
        while values.len() < self.max {
            match seq.next_element()? {
                Some(value) => values.push(value),
                None => return Ok(values),
            }
        }
        // At the limit: anything more is counted, not kept (nor checked), so the message gives
        // the real length.
        let mut len = self.max;
        while seq.next_element::<IgnoredAny>()?.is_some() {
            len += 1;
        }
        if len > self.max {
            return Err(de::Error::custom(SignalError::TooMany {
                field: self.field,
                len,
                max: self.max,
            }));
        }
        Ok(values)
    }
}

/// Deserializes a list of at most `max` values, failing with [`SignalError::TooMany`] (as the
/// deserializer's error) past it.
pub(crate) fn bounded_vec<'de, D, T>(
    deserializer: D,
    field: &'static str,
    max: usize,
) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    deserializer.deserialize_seq(BoundedVisitor {
        field,
        max,
        marker: PhantomData,
    })
}

/// Declares `fn $name(deserializer) -> Result<Vec<T>, _>` for `#[serde(deserialize_with)]`.
macro_rules! bounded_list {
    ($($name:ident: $field:literal, $max:path;)*) => {
        $(
            pub(crate) fn $name<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
            where
                D: serde::Deserializer<'de>,
                T: serde::Deserialize<'de>,
            {
                bounded_vec(deserializer, $field, $max)
            }
        )*
    };
}

use crate::limits::{MAX_LIST_LEN, MAX_QUOTES, MAX_SOURCES};

bounded_list! {
    nature_tags: "nature tags", MAX_LIST_LEN;
    domain_tags: "domain tags", MAX_LIST_LEN;
    topics: "topics", MAX_LIST_LEN;
    regions: "regions", MAX_LIST_LEN;
    actors: "actors", MAX_LIST_LEN;
    aliases: "actor aliases", MAX_LIST_LEN;
    anchors: "anchors", MAX_LIST_LEN;
    quotes: "quotes", MAX_QUOTES;
    reasoning: "reasoning paragraphs", MAX_QUOTES;
    sources: "sources", MAX_SOURCES;
    flagged: "flagged claims", MAX_QUOTES;
}

/// An optional list of anchor spans, bounded as [`anchors`] is.
pub(crate) fn optional_anchor_spans<'de, D, T>(deserializer: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Spans<T>(Vec<T>);
    impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spans<T> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            bounded_vec(d, "anchor spans", MAX_LIST_LEN).map(Spans)
        }
    }
    Ok(Option::<Spans<T>>::deserialize(deserializer)?.map(|spans| spans.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Three {
        #[serde(deserialize_with = "three")]
        values: Vec<u32>,
    }

    fn three<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u32>, D::Error> {
        bounded_vec(d, "values", 3)
    }

    #[test]
    fn accepts_up_to_the_limit_and_counts_past_it() {
        let ok: Three = serde_json::from_str(r#"{"values":[1,2,3]}"#).unwrap();
        assert_eq!(ok.values, [1, 2, 3]);
        let err = serde_json::from_str::<Three>(r#"{"values":[1,2,3,4,[5,{"x":6}],7]}"#)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("values has 6 entries, over the limit of 3"),
            "{err}"
        );
    }

    #[test]
    fn a_bad_value_past_the_limit_is_still_a_syntax_error() {
        assert!(serde_json::from_str::<Three>(r#"{"values":[1,2,3,4,"#).is_err());
    }
}
