//! Faceted tags: the signal's nature, its domains and free topics.
//!
//! Known natures and domains are enum variants; any other value is accepted as a validated
//! custom [`Label`] (`Nature::Custom`, `Domain::Custom`) so that a model's new vocabulary is kept
//! rather than lost, and renderers still show it. Known values match case-insensitively and are
//! written in lowercase, as on the seed page.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::bounded;
use crate::limits::MAX_LIST_LEN;
use crate::{Label, SignalError};

macro_rules! facet {
    ($(#[$doc:meta])* $name:ident, $field:literal, { $($(#[$vdoc:meta])* $variant:ident => $text:literal,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
            /// A value outside the known list, kept as a validated label.
            Custom(Label),
        }

        impl $name {
            /// Every known value, in documentation order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),*];

            /// Parses a value: a known one (any case, surrounding white space ignored) or a
            /// custom label.
            ///
            /// # Errors
            ///
            /// The [`Label`] errors for a custom value: empty, too long, control characters.
            pub fn new(value: &str) -> Result<Self, SignalError> {
                let label = Label::for_field($field, value)?;
                $(if label.as_str().eq_ignore_ascii_case($text) {
                    return Ok($name::$variant);
                })*
                Ok($name::Custom(label))
            }

            /// The value as written on the page.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)*
                    $name::Custom(label) => label.as_str(),
                }
            }

            /// Whether this is a custom value rather than a known one.
            pub fn is_custom(&self) -> bool {
                matches!(self, $name::Custom(_))
            }
        }

        impl TryFrom<String> for $name {
            type Error = SignalError;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                $name::new(&value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.as_str().to_owned()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

facet!(
    /// What kind of change a signal describes: the seed's `structural`.
    Nature, "nature tag", {
        /// A lasting change in how a system works.
        Structural => "structural",
        /// A change that comes and goes with a cycle.
        Cyclical => "cyclical",
        /// Something new and still forming.
        Emerging => "emerging",
        /// A single event.
        Event => "event",
        /// A long, steady trend.
        Secular => "secular",
    }
);

facet!(
    /// The field a signal belongs to: the seed's `regulatory` and `technological`.
    Domain, "domain tag", {
        /// Rules, regulators and their enforcement.
        Regulatory => "regulatory",
        /// Technology and its development.
        Technological => "technological",
        /// The economy, trade and industry.
        Economic => "economic",
        /// Relations between states.
        Geopolitical => "geopolitical",
        /// Security and defence.
        Security => "security",
        /// Society and culture.
        Social => "social",
        /// Climate and the environment.
        Environmental => "environmental",
        /// Law and the courts.
        Legal => "legal",
        /// Markets and finance.
        Financial => "financial",
        /// Domestic politics.
        Political => "political",
        /// Health and medicine.
        Health => "health",
        /// Science and research.
        Scientific => "scientific",
    }
);

/// A free topic, such as the seed's `AI`; its case is kept.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Topic(Label);

impl Topic {
    /// Validates a topic.
    ///
    /// # Errors
    ///
    /// The [`Label`] errors: empty, too long, control characters.
    pub fn new(value: &str) -> Result<Self, SignalError> {
        Label::for_field("topic", value).map(Topic)
    }

    /// The topic's text.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl TryFrom<String> for Topic {
    type Error = SignalError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Topic::new(&value)
    }
}

impl From<Topic> for String {
    fn from(topic: Topic) -> String {
        topic.0.into()
    }
}

impl fmt::Display for Topic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A signal's tags in three facets, in the order the page shows them.
///
/// No facet holds the same value twice (compared case-insensitively) or more than
/// [`MAX_LIST_LEN`] values.
///
/// # Example
///
/// ```
/// use bellwether_signal::{Domain, Nature, Tags, Topic};
///
/// let tags = Tags::new(
///     vec![Nature::Structural],
///     vec![Domain::Regulatory, Domain::Technological],
///     vec![Topic::new("AI")?],
/// )?;
/// let line: Vec<&str> = tags.labels().collect();
/// assert_eq!(line.join(" · "), "structural · regulatory · technological · AI");
/// # Ok::<(), bellwether_signal::SignalError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawTags", into = "RawTags")]
pub struct Tags {
    nature: Vec<Nature>,
    domains: Vec<Domain>,
    topics: Vec<Topic>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTags {
    #[serde(default, deserialize_with = "bounded::nature_tags")]
    nature: Vec<Nature>,
    #[serde(default, deserialize_with = "bounded::domain_tags")]
    domains: Vec<Domain>,
    #[serde(default, deserialize_with = "bounded::topics")]
    topics: Vec<Topic>,
}

impl Tags {
    /// Builds tags from the three facets.
    ///
    /// # Errors
    ///
    /// [`SignalError::DuplicateValue`] when a facet repeats a value, [`SignalError::TooMany`]
    /// over [`MAX_LIST_LEN`] values in a facet.
    pub fn new(
        nature: Vec<Nature>,
        domains: Vec<Domain>,
        topics: Vec<Topic>,
    ) -> Result<Self, SignalError> {
        check_facet("nature tags", nature.iter().map(Nature::as_str))?;
        check_facet("domain tags", domains.iter().map(Domain::as_str))?;
        check_facet("topics", topics.iter().map(Topic::as_str))?;
        Ok(Tags {
            nature,
            domains,
            topics,
        })
    }

    /// The nature facet.
    pub fn nature(&self) -> &[Nature] {
        &self.nature
    }

    /// The domain facet.
    pub fn domains(&self) -> &[Domain] {
        &self.domains
    }

    /// The free topics.
    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    /// Every tag's text in page order: nature, then domains, then topics.
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        let nature = self.nature.iter().map(Nature::as_str);
        let domains = self.domains.iter().map(Domain::as_str);
        nature
            .chain(domains)
            .chain(self.topics.iter().map(Topic::as_str))
    }

    /// Whether there are no tags at all.
    pub fn is_empty(&self) -> bool {
        self.nature.is_empty() && self.domains.is_empty() && self.topics.is_empty()
    }

    /// These tags followed by those of `other` that are not already here, facet by facet.
    pub fn union(&self, other: &Tags) -> Tags {
        fn merged<T: Clone>(ours: &[T], theirs: &[T], label: impl Fn(&T) -> &str) -> Vec<T> {
            let mut out = ours.to_vec();
            for value in theirs {
                let value_label = label(value);
                if out.len() < MAX_LIST_LEN
                    && !out.iter().any(|v| same_label(label(v), value_label))
                {
                    out.push(value.clone());
                }
            }
            out
        }
        Tags {
            nature: merged(&self.nature, &other.nature, |v| v.as_str()),
            domains: merged(&self.domains, &other.domains, |v| v.as_str()),
            topics: merged(&self.topics, &other.topics, |v| v.as_str()),
        }
    }
}

/// Whether two labels are the same ignoring case: equal once lowercased, compared without
/// allocating when both are ASCII (the usual case).
fn same_label(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

fn check_facet<'a>(
    field: &'static str,
    values: impl ExactSizeIterator<Item = &'a str>,
) -> Result<(), SignalError> {
    if values.len() > MAX_LIST_LEN {
        return Err(SignalError::TooMany {
            field,
            len: values.len(),
            max: MAX_LIST_LEN,
        });
    }
    let mut seen: Vec<String> = Vec::new();
    for value in values {
        let key = value.to_lowercase();
        if seen.contains(&key) {
            return Err(SignalError::DuplicateValue {
                field,
                value: value.to_owned(),
            });
        }
        seen.push(key);
    }
    Ok(())
}

impl TryFrom<RawTags> for Tags {
    type Error = SignalError;
    fn try_from(raw: RawTags) -> Result<Self, Self::Error> {
        Tags::new(raw.nature, raw.domains, raw.topics)
    }
}

impl From<Tags> for RawTags {
    fn from(tags: Tags) -> Self {
        RawTags {
            nature: tags.nature,
            domains: tags.domains,
            topics: tags.topics,
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn same_label_is_equality_of_lowercased_labels(
            a in "[aAσΣςİiı ]{0,4}", b in "[aAσΣςİiı ]{0,4}", ascii in "[a-zA-Z ]{0,4}"
        ) {
            for (x, y) in [(&a, &b), (&ascii, &ascii.to_uppercase()), (&a, &ascii)] {
                prop_assert_eq!(same_label(x, y), x.to_lowercase() == y.to_lowercase());
            }
        }
    }

    #[test]
    fn known_values_match_any_case_and_unknown_become_custom() {
        assert_eq!(Nature::new(" Structural ").unwrap(), Nature::Structural);
        assert_eq!(Domain::new("REGULATORY").unwrap(), Domain::Regulatory);
        let custom = Domain::new("maritime").unwrap();
        assert!(custom.is_custom());
        assert_eq!(custom.to_string(), "maritime");
        assert!(Domain::new("").is_err());
        assert!(Domain::new("bad\u{0}tag").is_err());
    }

    #[test]
    fn rejects_repeated_values_in_a_facet() {
        let err = Tags::new(
            vec![],
            vec![],
            vec![Topic::new("AI").unwrap(), Topic::new("ai").unwrap()],
        )
        .unwrap_err();
        assert_eq!(
            err,
            SignalError::DuplicateValue {
                field: "topics",
                value: "ai".into()
            }
        );
    }

    #[test]
    fn union_keeps_order_and_drops_repeats() {
        let a = Tags::new(vec![Nature::Structural], vec![Domain::Regulatory], vec![]).unwrap();
        let b = Tags::new(
            vec![Nature::Structural],
            vec![Domain::Economic],
            vec![Topic::new("AI").unwrap()],
        )
        .unwrap();
        let line: Vec<_> = a.union(&b).labels().map(str::to_owned).collect();
        assert_eq!(line, ["structural", "regulatory", "economic", "AI"]);
    }

    #[test]
    fn serde_uses_plain_strings() {
        let tags: Tags = serde_json::from_str(
            r#"{"nature":["structural"],"domains":["regulatory","space"],"topics":["AI"]}"#,
        )
        .unwrap();
        assert_eq!(
            tags.domains()[1],
            Domain::Custom(Label::new("space").unwrap())
        );
        let back = serde_json::to_string(&tags).unwrap();
        assert_eq!(
            back,
            r#"{"nature":["structural"],"domains":["regulatory","space"],"topics":["AI"]}"#
        );
    }
}
