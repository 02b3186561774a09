//! Validated short texts: labels and identifiers.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::SignalError;
use crate::limits::{MAX_ID_BYTES, MAX_LABEL_CHARS};
use crate::text::{Bound, checked_text, excerpt};

/// A short display text: a tag, topic, actor name, alias or outlet.
///
/// Trimmed, non-empty, at most [`MAX_LABEL_CHARS`] characters, no control characters.
///
/// # Example
///
/// ```
/// use bellwether_signal::Label;
///
/// assert_eq!(Label::new("  AI ")?.as_str(), "AI");
/// assert!(Label::new("").is_err());
/// assert!(Label::new("two\nlines").is_err());
/// # Ok::<(), bellwether_signal::SignalError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Label(pub(crate) String);

impl Label {
    /// Validates and trims a label.
    ///
    /// # Errors
    ///
    /// [`SignalError::Empty`] for an empty or blank value, [`SignalError::TooLong`] over
    /// [`MAX_LABEL_CHARS`] characters, [`SignalError::ControlCharacter`] for any control character.
    pub fn new(value: &str) -> Result<Self, SignalError> {
        Self::for_field("label", value)
    }

    pub(crate) fn for_field(field: &'static str, value: &str) -> Result<Self, SignalError> {
        checked_text(field, value, Bound::Chars(MAX_LABEL_CHARS), false).map(Label)
    }

    /// The label's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Label {
    type Error = SignalError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Label::new(&value)
    }
}

impl From<Label> for String {
    fn from(label: Label) -> String {
        label.0
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Label {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

fn checked_identifier(field: &'static str, value: &str) -> Result<String, SignalError> {
    if value.is_empty() {
        return Err(SignalError::Empty { field });
    }
    if value.len() > MAX_ID_BYTES {
        return Err(SignalError::TooLong {
            field,
            len: value.len(),
            max: MAX_ID_BYTES,
            unit: "bytes",
        });
    }
    if let Some(found) = value
        .chars()
        .find(|&c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':' | '/')))
    {
        return Err(SignalError::InvalidIdentifier {
            field,
            value: excerpt(value),
            found,
        });
    }
    Ok(value.to_owned())
}

macro_rules! identifier {
    ($(#[$doc:meta])* $name:ident, $field:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Validates an identifier: 1 to [`MAX_ID_BYTES`] bytes of letters, digits and
            /// `- _ . : /`.
            ///
            /// # Errors
            ///
            /// [`SignalError::Empty`], [`SignalError::TooLong`] or
            /// [`SignalError::InvalidIdentifier`] (white space, punctuation other than the
            /// allowed five, control characters).
            pub fn new(value: &str) -> Result<Self, SignalError> {
                checked_identifier($field, value).map($name)
            }

            /// The identifier's text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = SignalError;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                $name::new(&value)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

identifier!(
    /// The stable identifier of a signal, e.g. `us-chip-export-controls-adversary-ai-self-sufficiency`.
    ///
    /// ```
    /// use bellwether_signal::SignalId;
    /// assert!(SignalId::new("chips-2026").is_ok());
    /// assert!(SignalId::new("has space").is_err());
    /// ```
    SignalId,
    "signal id"
);

identifier!(
    /// The stable identifier of a source article, unique within a signal.
    ///
    /// ```
    /// use bellwether_signal::ArticleId;
    /// assert!(ArticleId::new("the-g-2-reality").is_ok());
    /// assert!(ArticleId::new("").is_err());
    /// ```
    ArticleId,
    "article id"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_reject_whitespace_and_markup() {
        for bad in ["a b", "a\tb", "<script>", "a\"b"] {
            assert!(
                matches!(
                    ArticleId::new(bad),
                    Err(SignalError::InvalidIdentifier { .. })
                ),
                "{bad}"
            );
        }
        assert!(matches!(
            SignalId::new(&"a".repeat(MAX_ID_BYTES + 1)),
            Err(SignalError::TooLong { .. })
        ));
    }

    #[test]
    fn label_deserialize_runs_the_same_checks() {
        let ok: Label = serde_json::from_str("\" AI \"").unwrap();
        assert_eq!(ok.as_str(), "AI");
        assert!(serde_json::from_str::<Label>("\"\"").is_err());
    }
}
