//! Fixed-point weights and evidence masses.
//!
//! Every number that decides an integer strength is an integer: weights are quantised to
//! 32 fractional bits when they enter the crate, so that scoring is exact, platform independent
//! and unaffected by the order in which evidence was merged.

use serde::{Deserialize, Serialize};

use crate::error::ScoreError;

/// Number of fractional bits in a [`Weight`] and in an [`EvidenceMass`].
pub const FRACTION_BITS: u32 = 32;
/// The fixed-point value of 1.0.
pub(crate) const ONE: u64 = 1 << FRACTION_BITS;

/// A number in `0.0..=1.0`, held in fixed point with 32 fractional bits.
///
/// Used for match confidences, reliability weights and their product. Construction rounds to the
/// nearest representable value, so equal inputs give equal weights on every platform.
///
/// # Example
///
/// ```
/// use bellwether_score::Weight;
///
/// let w = Weight::new(0.8)?;
/// assert!((w.to_f64() - 0.8).abs() < 1e-9);
/// assert!(Weight::new(1.5).is_err());
/// assert!(Weight::new(f64::NAN).is_err());
/// # Ok::<(), bellwether_score::ScoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Weight(u64);

impl Weight {
    /// The weight 0.0.
    pub const ZERO: Weight = Weight(0);
    /// The weight 1.0.
    pub const ONE: Weight = Weight(ONE);

    /// Quantises `value` to fixed point.
    ///
    /// # Errors
    ///
    /// [`ScoreError::NonFiniteWeight`] for NaN or infinities, [`ScoreError::WeightOutOfRange`]
    /// for values below 0.0 or above 1.0.
    pub fn new(value: f64) -> Result<Weight, ScoreError> {
        Weight::named("weight", value)
    }

    /// Like [`Weight::new`], naming the quantity in the error.
    pub(crate) fn named(what: &'static str, value: f64) -> Result<Weight, ScoreError> {
        if !value.is_finite() {
            return Err(ScoreError::NonFiniteWeight { what, value });
        }
        if !(0.0..=1.0).contains(&value) {
            return Err(ScoreError::WeightOutOfRange { what, value });
        }
        // Multiplying by a power of two is exact and `round` is correctly rounded, so this is
        // the same integer everywhere. The cast cannot truncate: the product is at most 2^32.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let raw = (value * ONE as f64).round() as u64;
        Ok(Weight(raw))
    }

    /// Builds a weight from its raw fixed-point representation, saturating at 1.0.
    pub fn from_raw(raw: u64) -> Weight {
        Weight(raw.min(ONE))
    }

    /// `numerator / denominator` rounded to nearest, computed in integers (`numerator` at most
    /// `denominator`, `denominator` positive; saturates otherwise).
    pub(crate) fn from_ratio(numerator: u64, denominator: u64) -> Weight {
        let den = u128::from(denominator.max(1));
        let raw = (u128::from(numerator) * u128::from(ONE) * 2 + den) / (2 * den);
        Weight(u64::try_from(raw).unwrap_or(ONE).min(ONE))
    }

    /// The raw fixed-point value: `to_f64() * 2^32`.
    pub fn raw(self) -> u64 {
        self.0
    }

    /// The weight as a float (exact: every fixed-point weight is a float).
    #[allow(clippy::cast_precision_loss)]
    pub fn to_f64(self) -> f64 {
        self.0 as f64 / ONE as f64
    }
}

impl std::ops::Mul for Weight {
    type Output = Weight;

    /// The product of two weights, rounded down (both are at most 1.0, so it never overflows).
    fn mul(self, other: Weight) -> Weight {
        Weight(((u128::from(self.0) * u128::from(other.0)) >> FRACTION_BITS) as u64)
    }
}

impl TryFrom<f64> for Weight {
    type Error = ScoreError;
    fn try_from(value: f64) -> Result<Weight, ScoreError> {
        Weight::new(value)
    }
}

impl From<Weight> for f64 {
    fn from(weight: Weight) -> f64 {
        weight.to_f64()
    }
}

/// An amount of decayed, independent evidence, in fixed point with 32 fractional bits.
///
/// One fresh, fully reliable, fully confident independent report is worth a mass of 1.0.
/// Supporting evidence adds mass, contradicting evidence subtracts it, so a mass can be negative.
/// Masses add exactly (they are integers), which is what makes an explanation's contributions
/// add up to its total.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct EvidenceMass(i64);

/// Largest mass accepted from a float (thresholds): far beyond any reachable strength.
const MAX_MASS_F64: f64 = 1_000_000.0;

impl EvidenceMass {
    /// No evidence.
    pub const ZERO: EvidenceMass = EvidenceMass(0);

    /// Builds a mass from its raw fixed-point representation (`value * 2^32`).
    pub fn from_raw(raw: i64) -> EvidenceMass {
        EvidenceMass(raw)
    }

    /// Quantises a float mass, rounding to nearest.
    ///
    /// # Errors
    ///
    /// [`ScoreError::MassOutOfRange`] for NaN, infinities and magnitudes above 1,000,000.
    pub fn from_f64(value: f64) -> Result<EvidenceMass, ScoreError> {
        if !value.is_finite() || value.abs() > MAX_MASS_F64 {
            return Err(ScoreError::MassOutOfRange { value });
        }
        #[allow(clippy::cast_possible_truncation)]
        let raw = (value * ONE as f64).round() as i64;
        Ok(EvidenceMass(raw))
    }

    /// The raw fixed-point value.
    pub fn raw(self) -> i64 {
        self.0
    }

    /// The mass as a float, for display.
    #[allow(clippy::cast_precision_loss)]
    pub fn to_f64(self) -> f64 {
        self.0 as f64 / ONE as f64
    }

    /// Saturating sum.
    pub(crate) fn plus(self, other: EvidenceMass) -> EvidenceMass {
        EvidenceMass(self.0.saturating_add(other.0))
    }

    /// Saturating difference.
    pub(crate) fn minus(self, other: EvidenceMass) -> EvidenceMass {
        EvidenceMass(self.0.saturating_sub(other.0))
    }
}

impl std::iter::Sum for EvidenceMass {
    fn sum<I: Iterator<Item = EvidenceMass>>(iter: I) -> EvidenceMass {
        iter.fold(EvidenceMass::ZERO, EvidenceMass::plus)
    }
}

impl std::fmt::Display for EvidenceMass {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.3}", self.to_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantises_to_nearest_fixed_point() {
        assert_eq!(Weight::new(1.0).unwrap().raw(), ONE);
        assert_eq!(Weight::new(0.5).unwrap().raw(), ONE / 2);
        assert_eq!(Weight::new(0.0).unwrap(), Weight::ZERO);
    }

    #[test]
    fn rejects_non_finite_and_out_of_range_weights() {
        assert!(matches!(
            Weight::new(f64::NAN),
            Err(ScoreError::NonFiniteWeight { .. })
        ));
        assert!(matches!(
            Weight::new(f64::INFINITY),
            Err(ScoreError::NonFiniteWeight { .. })
        ));
        assert!(matches!(
            Weight::new(-0.1),
            Err(ScoreError::WeightOutOfRange { .. })
        ));
        assert!(matches!(
            Weight::new(1.0001),
            Err(ScoreError::WeightOutOfRange { .. })
        ));
    }

    #[test]
    fn weight_product_rounds_down() {
        let half = Weight::new(0.5).unwrap();
        assert_eq!((half * half).raw(), ONE / 4);
        assert_eq!(Weight::ONE * half, half);
    }

    #[test]
    fn rejects_unrepresentable_masses() {
        assert!(EvidenceMass::from_f64(f64::NAN).is_err());
        assert!(EvidenceMass::from_f64(2e6).is_err());
        assert_eq!(EvidenceMass::from_f64(1.0).unwrap().raw(), 1 << 32);
    }

    #[test]
    fn weight_serde_rejects_out_of_range() {
        assert!(serde_json::from_str::<Weight>("1.5").is_err());
        let w: Weight = serde_json::from_str("0.25").unwrap();
        assert_eq!(w.raw(), ONE / 4);
    }
}
