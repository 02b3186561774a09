//! Strength: how strongly the sources back a signal, on a 1–10 scale, and its labelled bands.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{Label, SignalError};

/// How strongly the sources back a signal: a whole number from 1 to 10.
///
/// `Display` writes the page's form, `str 8`; the alternate form (`{:#}`) writes the bare number.
///
/// # Example
///
/// ```
/// use bellwether_signal::Strength;
///
/// let strength = Strength::new(8)?;
/// assert_eq!(strength.to_string(), "str 8");
/// assert_eq!(format!("{strength:#}"), "8");
/// assert!(Strength::new(0).is_err());
/// assert!(Strength::new(11).is_err());
/// # Ok::<(), bellwether_signal::SignalError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Strength(u8);

impl Strength {
    /// The weakest strength, 1.
    pub const MIN: Strength = Strength(1);
    /// The strongest strength, 10.
    pub const MAX: Strength = Strength(10);

    /// Checks that `value` is in 1..=10.
    ///
    /// # Errors
    ///
    /// [`SignalError::StrengthOutOfRange`] for 0 and anything above 10.
    pub fn new(value: u8) -> Result<Self, SignalError> {
        if (1..=10).contains(&value) {
            Ok(Strength(value))
        } else {
            Err(SignalError::StrengthOutOfRange {
                value: i64::from(value),
            })
        }
    }

    /// The strength as a number from 1 to 10.
    pub fn value(self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for Strength {
    type Error = SignalError;
    /// # Errors
    ///
    /// [`SignalError::StrengthOutOfRange`] outside 1..=10 (including negative values).
    fn try_from(value: i64) -> Result<Self, Self::Error> {
        u8::try_from(value)
            .ok()
            .and_then(|v| Strength::new(v).ok())
            .ok_or(SignalError::StrengthOutOfRange { value })
    }
}

impl TryFrom<f64> for Strength {
    type Error = SignalError;
    /// # Errors
    ///
    /// [`SignalError::StrengthNotWhole`] for a fractional or non-finite value,
    /// [`SignalError::StrengthOutOfRange`] for a whole one outside 1..=10.
    fn try_from(value: f64) -> Result<Self, Self::Error> {
        if !value.is_finite() || value.fract() != 0.0 {
            return Err(SignalError::StrengthNotWhole { value });
        }
        if !(1.0..=10.0).contains(&value) {
            // Whole and finite: the saturating cast keeps the sign and order for the message.
            return Err(SignalError::StrengthOutOfRange {
                value: value as i64,
            });
        }
        Strength::try_from(value as i64)
    }
}

impl fmt::Display for Strength {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            write!(f, "{}", self.0)
        } else {
            write!(f, "str {}", self.0)
        }
    }
}

impl Serialize for Strength {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.0)
    }
}

impl<'de> Deserialize<'de> for Strength {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrengthVisitor)
    }
}

struct StrengthVisitor;

impl<'de> Visitor<'de> for StrengthVisitor {
    type Value = Strength;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a whole number from 1 to 10")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Strength, E> {
        Strength::try_from(v).map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Strength, E> {
        Strength::try_from(i64::try_from(v).unwrap_or(i64::MAX)).map_err(E::custom)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Strength, E> {
        Strength::try_from(v).map_err(E::custom)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Strength, E> {
        Err(E::custom(SignalError::StrengthNotNumber {
            found: format!("the string {v:?}"),
        }))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Strength, E> {
        Err(E::custom(SignalError::StrengthNotNumber {
            found: format!("the boolean {v}"),
        }))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Strength, E> {
        Err(E::custom(SignalError::StrengthNotNumber {
            found: "null".to_owned(),
        }))
    }
}

/// One labelled range of strengths, e.g. 8–10 "very strong".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrengthBand {
    /// The lowest strength in the band.
    pub from: Strength,
    /// The highest strength in the band.
    pub to: Strength,
    /// What readers call strengths in the band.
    pub label: Label,
}

/// Labelled bands that cover 1..=10 exactly once, in order; data a user can replace.
///
/// The default is 1–3 `weak`, 4–5 `moderate`, 6–7 `strong`, 8–10 `very strong`.
///
/// # Example
///
/// ```
/// use bellwether_signal::{Label, Strength, StrengthBand, StrengthBands};
///
/// let bands = StrengthBands::default();
/// assert_eq!(bands.label(Strength::new(8)?), "very strong");
///
/// let two = StrengthBands::new(vec![
///     StrengthBand { from: Strength::new(1)?, to: Strength::new(5)?, label: Label::new("low")? },
///     StrengthBand { from: Strength::new(6)?, to: Strength::new(10)?, label: Label::new("high")? },
/// ])?;
/// assert_eq!(two.label(Strength::new(6)?), "high");
/// # Ok::<(), bellwether_signal::SignalError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<StrengthBand>", into = "Vec<StrengthBand>")]
pub struct StrengthBands(Vec<StrengthBand>);

impl StrengthBands {
    /// Checks that `bands` start at 1, end at 10, and follow each other without gap or overlap.
    ///
    /// # Errors
    ///
    /// [`SignalError::InvalidBands`] when they do not.
    pub fn new(bands: Vec<StrengthBand>) -> Result<Self, SignalError> {
        let invalid = |reason| Err(SignalError::InvalidBands { reason });
        let mut next = 1u8;
        for band in &bands {
            if band.from.value() != next {
                return invalid("a band does not start right after the previous one");
            }
            if band.to < band.from {
                return invalid("a band ends before it starts");
            }
            next = band.to.value() + 1;
        }
        if next != 11 {
            return invalid("the bands do not reach 10");
        }
        Ok(StrengthBands(bands))
    }

    /// The label of the band that holds `strength`.
    pub fn label(&self, strength: Strength) -> &str {
        self.band(strength).label.as_str()
    }

    /// The band that holds `strength`.
    pub fn band(&self, strength: Strength) -> &StrengthBand {
        // The constructor guarantees full coverage, so the search always finds a band; the
        // fallback to the last band only exists to avoid a panic path.
        let index = self
            .0
            .iter()
            .position(|b| b.to >= strength)
            .unwrap_or(self.0.len() - 1);
        &self.0[index]
    }

    /// The bands in order.
    pub fn bands(&self) -> &[StrengthBand] {
        &self.0
    }
}

impl Default for StrengthBands {
    fn default() -> Self {
        let band = |from, to, label: &str| StrengthBand {
            from: Strength(from),
            to: Strength(to),
            label: Label(label.to_owned()),
        };
        StrengthBands(vec![
            band(1, 3, "weak"),
            band(4, 5, "moderate"),
            band(6, 7, "strong"),
            band(8, 10, "very strong"),
        ])
    }
}

impl TryFrom<Vec<StrengthBand>> for StrengthBands {
    type Error = SignalError;
    fn try_from(bands: Vec<StrengthBand>) -> Result<Self, Self::Error> {
        StrengthBands::new(bands)
    }
}

impl From<StrengthBands> for Vec<StrengthBand> {
    fn from(bands: StrengthBands) -> Self {
        bands.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_table_of_bad_strengths_names_the_right_problem() {
        let cases = [
            ("0", "strength 0 is out of range"),
            ("11", "strength 11 is out of range"),
            ("-1", "strength -1 is out of range"),
            ("8.5", "strength 8.5 is not a whole number"),
            ("\"8\"", "strength must be a JSON number"),
            ("null", "strength must be a JSON number"),
        ];
        for (json, expected) in cases {
            let err = serde_json::from_str::<Strength>(json)
                .unwrap_err()
                .to_string();
            assert!(err.contains(expected), "{json}: {err}");
        }
        assert_eq!(serde_json::from_str::<Strength>("8").unwrap().value(), 8);
        assert_eq!(serde_json::from_str::<Strength>("8.0").unwrap().value(), 8);
    }

    #[test]
    fn rust_constructors_reject_out_of_range() {
        assert_eq!(
            Strength::new(0),
            Err(SignalError::StrengthOutOfRange { value: 0 })
        );
        assert_eq!(
            Strength::try_from(-1i64),
            Err(SignalError::StrengthOutOfRange { value: -1 })
        );
        assert!(matches!(
            Strength::try_from(8.5),
            Err(SignalError::StrengthNotWhole { .. })
        ));
        assert!(matches!(
            Strength::try_from(f64::NAN),
            Err(SignalError::StrengthNotWhole { .. })
        ));
        assert!(matches!(
            Strength::try_from(1e30),
            Err(SignalError::StrengthOutOfRange { .. })
        ));
    }

    #[test]
    fn default_bands_cover_every_strength() {
        let bands = StrengthBands::default();
        assert!(StrengthBands::new(bands.bands().to_vec()).is_ok());
        let labels: Vec<_> = (1..=10).map(|v| bands.label(Strength(v))).collect();
        assert_eq!(labels[0], "weak");
        assert_eq!(labels[4], "moderate");
        assert_eq!(labels[6], "strong");
        assert_eq!(labels[9], "very strong");
    }

    #[test]
    fn bands_with_gaps_or_overlaps_are_rejected() {
        let band = |from, to| StrengthBand {
            from: Strength(from),
            to: Strength(to),
            label: Label::new("x").unwrap(),
        };
        for bands in [
            vec![band(1, 4), band(6, 10)],
            vec![band(1, 6), band(5, 10)],
            vec![band(1, 9)],
            vec![band(2, 10)],
            vec![],
        ] {
            assert!(matches!(
                StrengthBands::new(bands),
                Err(SignalError::InvalidBands { .. })
            ));
        }
    }
}
