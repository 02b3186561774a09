//! NATO Admiralty source-reliability grades and their weights.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::ScoreError;
use crate::weight::Weight;

/// Source reliability on the NATO Admiralty scale (STANAG 2511 / AJP-2.1).
///
/// The letter rates the *source* (the outlet), not the individual report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Grade {
    /// Completely reliable: no doubt of authenticity, trustworthiness or competency.
    A,
    /// Usually reliable: minor doubt; a history of mostly valid information.
    B,
    /// Fairly reliable: doubt; has provided valid information in the past.
    C,
    /// Not usually reliable: significant doubt; has provided valid information in the past.
    D,
    /// Unreliable: lacking in authenticity, trustworthiness and competency.
    E,
    /// Reliability cannot be judged: no basis for evaluating the source.
    F,
}

impl Grade {
    /// All grades, best first.
    pub const ALL: [Grade; 6] = [Grade::A, Grade::B, Grade::C, Grade::D, Grade::E, Grade::F];

    /// The grade's letter.
    pub fn letter(self) -> char {
        match self {
            Grade::A => 'A',
            Grade::B => 'B',
            Grade::C => 'C',
            Grade::D => 'D',
            Grade::E => 'E',
            Grade::F => 'F',
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.letter())
    }
}

impl FromStr for Grade {
    type Err = ScoreError;

    /// Parses `"A"`..`"F"` (either case, surrounding whitespace ignored).
    fn from_str(text: &str) -> Result<Grade, ScoreError> {
        match text.trim() {
            "A" | "a" => Ok(Grade::A),
            "B" | "b" => Ok(Grade::B),
            "C" | "c" => Ok(Grade::C),
            "D" | "d" => Ok(Grade::D),
            "E" | "e" => Ok(Grade::E),
            "F" | "f" => Ok(Grade::F),
            _ => Err(ScoreError::UnknownGrade {
                value: text.to_owned(),
            }),
        }
    }
}

/// The weight given to each [`Grade`]: how much one report from such a source is worth.
///
/// The defaults space the five judged grades evenly and put "cannot be judged" in the middle:
///
/// | grade | meaning | default weight |
/// |---|---|---|
/// | A | completely reliable | 1.0 |
/// | B | usually reliable | 0.8 |
/// | C | fairly reliable | 0.6 |
/// | D | not usually reliable | 0.4 |
/// | E | unreliable | 0.2 |
/// | F | cannot be judged | 0.5 |
///
/// Replace them with [`ReliabilityTable::new`] or [`ReliabilityTable::with`]; the strength
/// calibration of the crate (see [`Scorer`](crate::Scorer)) assumes the defaults.
///
/// # Example
///
/// ```
/// use bellwether_score::{Grade, ReliabilityTable};
///
/// let table = ReliabilityTable::default().with(Grade::F, 0.3)?;
/// assert!((table.weight(Grade::F).to_f64() - 0.3).abs() < 1e-9);
/// assert!(table.with(Grade::A, 1.2).is_err());
/// # Ok::<(), bellwether_score::ScoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReliabilityTable {
    weights: [Weight; 6],
}

impl ReliabilityTable {
    /// A table with the given weights for A, B, C, D, E and F, in that order.
    ///
    /// # Errors
    ///
    /// [`ScoreError::NonFiniteWeight`] or [`ScoreError::WeightOutOfRange`] for any weight not
    /// in `0.0..=1.0`.
    pub fn new(weights: [f64; 6]) -> Result<ReliabilityTable, ScoreError> {
        let mut out = [Weight::ZERO; 6];
        for (slot, value) in out.iter_mut().zip(weights) {
            *slot = Weight::named("reliability weight", value)?;
        }
        Ok(ReliabilityTable { weights: out })
    }

    /// This table with one grade's weight replaced.
    ///
    /// # Errors
    ///
    /// As [`ReliabilityTable::new`].
    pub fn with(mut self, grade: Grade, weight: f64) -> Result<ReliabilityTable, ScoreError> {
        self.weights[grade.index()] = Weight::named("reliability weight", weight)?;
        Ok(self)
    }

    /// The weight of a grade.
    pub fn weight(&self, grade: Grade) -> Weight {
        self.weights[grade.index()]
    }
}

impl Default for ReliabilityTable {
    fn default() -> ReliabilityTable {
        // Exact integer ratios: the same fixed-point weights on every platform.
        let w = |tenths: u64| Weight::from_ratio(tenths, 10);
        ReliabilityTable {
            weights: [w(10), w(8), w(6), w(4), w(2), w(5)],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_weights_are_documented_values() {
        let t = ReliabilityTable::default();
        let expect = [1.0, 0.8, 0.6, 0.4, 0.2, 0.5];
        for (g, e) in Grade::ALL.into_iter().zip(expect) {
            assert_eq!(t.weight(g), Weight::new(e).unwrap(), "grade {g}");
        }
    }

    #[test]
    fn parses_grade_letters_case_insensitively() {
        assert_eq!("b".parse::<Grade>().unwrap(), Grade::B);
        assert_eq!(" F ".parse::<Grade>().unwrap(), Grade::F);
        assert!(matches!(
            "G".parse::<Grade>(),
            Err(ScoreError::UnknownGrade { .. })
        ));
    }

    #[test]
    fn rejects_out_of_range_table_weights() {
        assert!(ReliabilityTable::new([1.0, 0.8, 0.6, 0.4, 0.2, f64::NAN]).is_err());
        assert!(ReliabilityTable::default().with(Grade::A, -1.0).is_err());
    }
}
