//! Source reliability on the NATO Admiralty scale.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::SignalError;

/// How reliable a source is, on the NATO Admiralty (STANAG 2511) scale.
///
/// # Example
///
/// ```
/// use bellwether_signal::ReliabilityGrade;
///
/// assert_eq!(ReliabilityGrade::new("b")?, ReliabilityGrade::B);
/// assert_eq!(ReliabilityGrade::B.description(), "usually reliable");
/// assert!(ReliabilityGrade::new("G").is_err());
/// # Ok::<(), bellwether_signal::SignalError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum ReliabilityGrade {
    /// Completely reliable.
    A,
    /// Usually reliable.
    B,
    /// Fairly reliable.
    C,
    /// Not usually reliable.
    D,
    /// Unreliable.
    E,
    /// Reliability cannot be judged.
    F,
}

impl ReliabilityGrade {
    /// Every grade from most to least reliable.
    pub const ALL: [ReliabilityGrade; 6] = [
        ReliabilityGrade::A,
        ReliabilityGrade::B,
        ReliabilityGrade::C,
        ReliabilityGrade::D,
        ReliabilityGrade::E,
        ReliabilityGrade::F,
    ];

    /// Parses one letter A–F, ignoring case and surrounding white space.
    ///
    /// # Errors
    ///
    /// [`SignalError::UnknownReliability`] for anything else.
    pub fn new(value: &str) -> Result<Self, SignalError> {
        let grade = match value.trim() {
            "A" | "a" => ReliabilityGrade::A,
            "B" | "b" => ReliabilityGrade::B,
            "C" | "c" => ReliabilityGrade::C,
            "D" | "d" => ReliabilityGrade::D,
            "E" | "e" => ReliabilityGrade::E,
            "F" | "f" => ReliabilityGrade::F,
            _ => {
                return Err(SignalError::UnknownReliability {
                    value: crate::text::excerpt(value),
                });
            }
        };
        Ok(grade)
    }

    /// The letter, e.g. `"B"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ReliabilityGrade::A => "A",
            ReliabilityGrade::B => "B",
            ReliabilityGrade::C => "C",
            ReliabilityGrade::D => "D",
            ReliabilityGrade::E => "E",
            ReliabilityGrade::F => "F",
        }
    }

    /// The scale's wording for the grade.
    pub fn description(self) -> &'static str {
        match self {
            ReliabilityGrade::A => "completely reliable",
            ReliabilityGrade::B => "usually reliable",
            ReliabilityGrade::C => "fairly reliable",
            ReliabilityGrade::D => "not usually reliable",
            ReliabilityGrade::E => "unreliable",
            ReliabilityGrade::F => "reliability cannot be judged",
        }
    }
}

impl TryFrom<String> for ReliabilityGrade {
    type Error = SignalError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        ReliabilityGrade::new(&value)
    }
}

impl From<ReliabilityGrade> for &'static str {
    fn from(grade: ReliabilityGrade) -> &'static str {
        grade.as_str()
    }
}

impl fmt::Display for ReliabilityGrade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
