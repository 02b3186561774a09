//! The 1–10 strength scale and the thresholds that map evidence mass onto it.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::ScoreError;
use crate::weight::EvidenceMass;

/// A signal's strength, a whole number from 1 (barely supported) to 10 (overwhelming).
///
/// # Example
///
/// ```
/// use bellwether_score::Strength;
///
/// assert_eq!(Strength::new(8)?.get(), 8);
/// assert!(Strength::new(0).is_err());
/// assert!(Strength::new(11).is_err());
/// # Ok::<(), bellwether_score::ScoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Strength(u8);

impl Strength {
    /// The lowest strength.
    pub const MIN: Strength = Strength(1);
    /// The highest strength.
    pub const MAX: Strength = Strength(10);

    /// A strength from 1 to 10.
    ///
    /// # Errors
    ///
    /// [`ScoreError::StrengthOutOfRange`] outside 1..=10.
    pub fn new(value: u8) -> Result<Strength, ScoreError> {
        if (1..=10).contains(&value) {
            Ok(Strength(value))
        } else {
            Err(ScoreError::StrengthOutOfRange {
                value: i64::from(value),
            })
        }
    }

    /// The strength as a number.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Strength {
    type Error = ScoreError;
    fn try_from(value: u8) -> Result<Strength, ScoreError> {
        Strength::new(value)
    }
}

impl From<Strength> for u8 {
    fn from(strength: Strength) -> u8 {
        strength.0
    }
}

impl fmt::Display for Strength {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The evidence mass needed for each strength from 2 to 10 (below the first: strength 1).
///
/// Evidence mass `E` combines independent sources like a noisy-OR: read `1 − e^(−E)` as the
/// confidence that the thesis is backed, each source `i` adding `−ln(1 − pᵢ)`. The default
/// thresholds ask for these confidences:
///
/// | strength | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 |
/// |---|---|---|---|---|---|---|---|---|---|
/// | confidence `1 − e^(−E)` | 0.10 | 0.20 | 0.30 | 0.40 | 0.50 | 0.65 | 0.80 | 0.90 | 0.97 |
/// | mass `E` | 0.105 | 0.223 | 0.357 | 0.511 | 0.693 | 1.050 | 1.609 | 2.303 | 3.507 |
///
/// so each further level needs more evidence than the last (diminishing returns): one fresh
/// report from a usually reliable (B) outlet gives strength 6, two give 7, three give 9 (three
/// spread over two weeks, like the seed signal's, give 8), and strength 10 needs the equivalent
/// of three and a half fresh, fully reliable, independent reports.
/// The masses are stored as fixed-point integers, so every strength decision is an integer
/// comparison.
///
/// # Example
///
/// ```
/// use bellwether_score::{EvidenceMass, Thresholds};
///
/// let t = Thresholds::default();
/// assert_eq!(t.strength(EvidenceMass::from_f64(1.7)?).get(), 8);
/// assert_eq!(t.strength(EvidenceMass::from_f64(-3.0)?).get(), 1);
/// assert!(Thresholds::new([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.8]).is_err());
/// # Ok::<(), bellwether_score::ScoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "[EvidenceMass; 9]", into = "[EvidenceMass; 9]")]
pub struct Thresholds {
    masses: [EvidenceMass; 9],
}

/// `round(−ln(1 − p) · 2³²)` for the documented confidences `p`.
const DEFAULT_RAW: [i64; 9] = [
    452_519_969,
    958_394_255,
    1_531_907_220,
    2_193_979_348,
    2_977_044_472,
    4_508_951_691,
    6_912_483_199,
    9_889_527_671,
    15_060_551_491,
];

impl Thresholds {
    /// Thresholds for strengths 2 to 10, as evidence masses.
    ///
    /// # Errors
    ///
    /// [`ScoreError::MassOutOfRange`] for a mass that is not a finite number up to 1,000,000;
    /// [`ScoreError::ThresholdsNotIncreasing`] unless the masses are positive and strictly
    /// increasing.
    pub fn new(masses: [f64; 9]) -> Result<Thresholds, ScoreError> {
        let mut out = [EvidenceMass::ZERO; 9];
        for (slot, value) in out.iter_mut().zip(masses) {
            *slot = EvidenceMass::from_f64(value)?;
        }
        Thresholds::try_from(out)
    }

    /// The mass needed for `strength` (`None` for strength 1, which needs nothing).
    pub fn mass_for(&self, strength: Strength) -> Option<EvidenceMass> {
        usize::from(strength.get())
            .checked_sub(2)
            .map(|i| self.masses[i])
    }

    /// The strength a total evidence mass earns.
    pub fn strength(&self, total: EvidenceMass) -> Strength {
        let passed = self.masses.iter().filter(|&&m| total >= m).count();
        // At most nine thresholds are passed, so the level is 1..=10.
        Strength(1 + passed as u8)
    }
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            masses: DEFAULT_RAW.map(EvidenceMass::from_raw),
        }
    }
}

impl TryFrom<[EvidenceMass; 9]> for Thresholds {
    type Error = ScoreError;
    fn try_from(masses: [EvidenceMass; 9]) -> Result<Thresholds, ScoreError> {
        let mut below = EvidenceMass::ZERO;
        for (level, &mass) in (2u8..).zip(masses.iter()) {
            if mass <= below {
                return Err(ScoreError::ThresholdsNotIncreasing {
                    level,
                    value: mass.to_f64(),
                });
            }
            below = mass;
        }
        Ok(Thresholds { masses })
    }
}

impl From<Thresholds> for [EvidenceMass; 9] {
    fn from(t: Thresholds) -> [EvidenceMass; 9] {
        t.masses
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_thresholds_match_documented_confidences() {
        let p = [0.10, 0.20, 0.30, 0.40, 0.50, 0.65, 0.80, 0.90, 0.97];
        for (raw, p) in DEFAULT_RAW.iter().zip(p) {
            #[allow(clippy::cast_precision_loss)]
            let mass = *raw as f64 / 4_294_967_296.0;
            assert!((mass - -(1.0f64 - p).ln()).abs() < 1e-9, "p {p}");
        }
        assert!(Thresholds::try_from(DEFAULT_RAW.map(EvidenceMass::from_raw)).is_ok());
    }

    #[test]
    fn strength_is_one_plus_thresholds_passed() {
        let t = Thresholds::default();
        assert_eq!(t.strength(EvidenceMass::ZERO), Strength::MIN);
        assert_eq!(t.strength(EvidenceMass::from_raw(DEFAULT_RAW[6])).get(), 8);
        assert_eq!(
            t.strength(EvidenceMass::from_raw(DEFAULT_RAW[6] - 1)).get(),
            7
        );
        assert_eq!(t.strength(EvidenceMass::from_raw(i64::MAX)), Strength::MAX);
    }

    #[test]
    fn rejects_non_increasing_or_non_positive_thresholds() {
        assert!(matches!(
            Thresholds::new([0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]),
            Err(ScoreError::ThresholdsNotIncreasing { level: 2, .. })
        ));
        assert!(Thresholds::new([0.1, 0.2, f64::NAN, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]).is_err());
    }

    #[test]
    fn strength_serde_validates() {
        assert!(serde_json::from_str::<Strength>("0").is_err());
        assert_eq!(serde_json::from_str::<Strength>("7").unwrap().get(), 7);
    }
}
