//! Exponential decay in integer arithmetic.
//!
//! The decay factor of evidence of age `a` under half-life `h` is `2^(-a/h)`. It is computed as
//! `frac(r) >> n` where `a = n·h + r`: the whole half-lives `n` are an exact right shift and the
//! fraction `2^(-r/h)` comes from a table product in 62-bit fixed point. Consequences, all exact:
//! the factor never rises with age, one more half-life halves it (rounding down), and every
//! platform computes the same integers.

use std::collections::BTreeMap;

use chrono::TimeDelta;
use serde::{Deserialize, Serialize};

use crate::error::ScoreError;

/// Fractional bits of a decay factor.
pub(crate) const DECAY_BITS: u32 = 62;
/// The decay factor of fresh evidence (1.0).
pub(crate) const DECAY_ONE: u64 = 1 << DECAY_BITS;

/// How long it takes evidence to lose half its weight.
///
/// # Example
///
/// ```
/// use bellwether_score::HalfLife;
/// use chrono::TimeDelta;
///
/// let two_weeks = HalfLife::new(TimeDelta::days(14))?;
/// assert_eq!(two_weeks.duration(), TimeDelta::days(14));
/// assert!(HalfLife::new(TimeDelta::zero()).is_err());
/// # Ok::<(), bellwether_score::ScoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "HalfLifeRepr", into = "HalfLifeRepr")]
pub struct HalfLife {
    nanos: i64,
}

/// Serialized form of a [`HalfLife`]: whole seconds plus nanoseconds.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct HalfLifeRepr {
    nanoseconds: i64,
}

impl HalfLife {
    /// The default half-life: 14 days.
    pub const DEFAULT: HalfLife = HalfLife {
        nanos: 14 * 86_400 * 1_000_000_000,
    };

    /// A half-life of the given duration.
    ///
    /// # Errors
    ///
    /// [`ScoreError::NonPositiveHalfLife`] for zero or negative durations,
    /// [`ScoreError::HalfLifeTooLong`] for durations beyond `i64` nanoseconds (~292 years).
    pub fn new(duration: TimeDelta) -> Result<HalfLife, ScoreError> {
        let nanos = duration
            .num_nanoseconds()
            .ok_or(ScoreError::HalfLifeTooLong {
                seconds: duration.num_seconds(),
            })?;
        HalfLife::from_nanos(nanos)
    }

    fn from_nanos(nanos: i64) -> Result<HalfLife, ScoreError> {
        if nanos <= 0 {
            return Err(ScoreError::NonPositiveHalfLife { nanoseconds: nanos });
        }
        Ok(HalfLife { nanos })
    }

    /// The half-life as a duration.
    pub fn duration(self) -> TimeDelta {
        TimeDelta::nanoseconds(self.nanos)
    }

    /// The half-life in nanoseconds (always positive).
    pub fn as_nanos(self) -> i64 {
        self.nanos
    }

    /// The decay factor for evidence `age_nanos` old, in 62-bit fixed point.
    ///
    /// Negative ages (evidence dated after the scoring instant) count as fresh.
    #[cfg(test)]
    pub(crate) fn factor(self, age_nanos: i64) -> u64 {
        self.clock().factor(age_nanos)
    }

    /// Precomputes the divisions for many [`DecayClock::factor`] calls.
    pub(crate) fn clock(self) -> DecayClock {
        let h = self.nanos.unsigned_abs();
        let scale = (64 - h.leading_zeros()).saturating_sub(32);
        DecayClock {
            half_life: Divider::new(h),
            scale,
            scaled: Divider::new(h >> scale),
        }
    }
}

/// Exact division by a fixed positive divisor, by multiplying with its reciprocal.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Divider {
    divisor: u64,
    /// `floor(2^64 / divisor)`, or 0 for divisor 1.
    reciprocal: u64,
}

impl Divider {
    fn new(divisor: u64) -> Divider {
        let divisor = divisor.max(1);
        let reciprocal = if divisor == 1 {
            0
        } else {
            ((1u128 << 64) / u128::from(divisor)) as u64
        };
        Divider {
            divisor,
            reciprocal,
        }
    }

    /// `(n / divisor, n % divisor)`, exactly.
    fn div_rem(self, n: u64) -> (u64, u64) {
        if self.divisor == 1 {
            return (n, 0);
        }
        // The estimate is the true quotient or one less.
        let mut q = ((u128::from(n) * u128::from(self.reciprocal)) >> 64) as u64;
        let mut r = n - q * self.divisor;
        if r >= self.divisor {
            q += 1;
            r -= self.divisor;
        }
        (q, r)
    }
}

/// A half-life with its divisions precomputed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DecayClock {
    half_life: Divider,
    /// Low bits dropped from long half-lives so the fraction needs only a 64-bit division.
    scale: u32,
    scaled: Divider,
}

impl DecayClock {
    /// The decay factor for evidence `age_nanos` old, in 62-bit fixed point: `frac(r) >> n` for
    /// `age = n·h + r`. Negative ages (evidence dated after the scoring instant) count as fresh.
    pub(crate) fn factor(&self, age_nanos: i64) -> u64 {
        let age = u64::try_from(age_nanos).unwrap_or(0);
        let (whole, rest) = self.half_life.div_rem(age);
        if whole > u64::from(DECAY_BITS) {
            return 0;
        }
        // The fraction rest/h in 32 bits, after dropping the same low bits from rest and h:
        // still a non-decreasing function of `rest`, at a resolution of 2^-31 half-life or finer.
        let (fraction, _) = self.scaled.div_rem((rest >> self.scale) << 32);
        let fraction = u32::try_from(fraction).unwrap_or(u32::MAX);
        exp2_neg_fraction(fraction) >> whole
    }
}

impl Default for HalfLife {
    fn default() -> HalfLife {
        HalfLife::DEFAULT
    }
}

impl TryFrom<HalfLifeRepr> for HalfLife {
    type Error = ScoreError;
    fn try_from(repr: HalfLifeRepr) -> Result<HalfLife, ScoreError> {
        HalfLife::from_nanos(repr.nanoseconds)
    }
}

impl From<HalfLife> for HalfLifeRepr {
    fn from(h: HalfLife) -> HalfLifeRepr {
        HalfLifeRepr {
            nanoseconds: h.nanos,
        }
    }
}

/// Which half-life applies to a signal: a default, optionally overridden per category
/// (structural signals may decay slower than events).
///
/// Category names are matched after trimming and lowercasing.
///
/// # Example
///
/// ```
/// use bellwether_score::{DecayPolicy, HalfLife};
/// use chrono::TimeDelta;
///
/// let policy = DecayPolicy::default()
///     .with_category("structural", HalfLife::new(TimeDelta::days(60))?)?
///     .with_category("event", HalfLife::new(TimeDelta::days(5))?)?;
/// assert_eq!(policy.half_life(Some("Structural")).duration(), TimeDelta::days(60));
/// assert_eq!(policy.half_life(Some("other")), HalfLife::DEFAULT);
/// assert_eq!(policy.half_life(None), HalfLife::DEFAULT);
/// # Ok::<(), bellwether_score::ScoreError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DecayPolicy {
    default: HalfLife,
    by_category: BTreeMap<String, HalfLife>,
}

impl DecayPolicy {
    /// A policy with one half-life for every category.
    pub fn new(default: HalfLife) -> DecayPolicy {
        DecayPolicy {
            default,
            by_category: BTreeMap::new(),
        }
    }

    /// This policy with `category` decaying at `half_life`.
    ///
    /// # Errors
    ///
    /// [`ScoreError::EmptyIdentifier`] if `category` is empty after trimming.
    pub fn with_category(
        mut self,
        category: &str,
        half_life: HalfLife,
    ) -> Result<DecayPolicy, ScoreError> {
        let key = category.trim().to_lowercase();
        if key.is_empty() {
            return Err(ScoreError::EmptyIdentifier { what: "category" });
        }
        self.by_category.insert(key, half_life);
        Ok(self)
    }

    /// The half-life for a category (`None`, or a category without an override, gets the default).
    pub fn half_life(&self, category: Option<&str>) -> HalfLife {
        category
            .and_then(|c| self.by_category.get(&c.trim().to_lowercase()))
            .copied()
            .unwrap_or(self.default)
    }

    /// The default half-life.
    pub fn default_half_life(&self) -> HalfLife {
        self.default
    }
}

/// `2^(-k / 2^m)` in 62-bit fixed point for m = 1..=32, by repeated integer square roots of 1/2.
const ROOTS: [u64; 33] = {
    let mut roots = [0u64; 33];
    roots[0] = 1 << 61; // 2^-1
    let mut m = 1;
    while m <= 32 {
        roots[m] = (((roots[m - 1] as u128) << DECAY_BITS).isqrt()) as u64;
        m += 1;
    }
    roots
};

/// `TABLES[j][b] = 2^(-b / 2^(8(j+1)))` in 62-bit fixed point: one table per byte of a 32-bit
/// fraction, most significant first. Each entry is a product of at most eight roots.
const TABLES: [[u64; 256]; 4] = {
    let mut tables = [[0u64; 256]; 4];
    let mut j = 0;
    while j < 4 {
        let mut b = 0;
        while b < 256 {
            let mut value: u64 = DECAY_ONE;
            let mut bit = 0;
            while bit < 8 {
                if b & (1 << bit) != 0 {
                    // Bit `bit` of byte j stands for 2^-(8(j+1) - bit) half-lives.
                    let root = ROOTS[8 * (j + 1) - bit];
                    value = ((value as u128 * root as u128) >> DECAY_BITS) as u64;
                }
                bit += 1;
            }
            tables[j][b] = value;
            b += 1;
        }
        j += 1;
    }
    tables
};

/// `2^(-fraction / 2^32)` in 62-bit fixed point.
fn exp2_neg_fraction(fraction: u32) -> u64 {
    let [b0, b1, b2, b3] = fraction.to_be_bytes();
    let mul = |a: u64, b: u64| ((u128::from(a) * u128::from(b)) >> DECAY_BITS) as u64;
    let hi = mul(TABLES[0][usize::from(b0)], TABLES[1][usize::from(b1)]);
    let lo = mul(TABLES[2][usize::from(b2)], TABLES[3][usize::from(b3)]);
    mul(hi, lo)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[allow(clippy::cast_precision_loss)]
    fn as_f64(raw: u64) -> f64 {
        raw as f64 / DECAY_ONE as f64
    }

    #[test]
    fn fresh_evidence_has_full_weight() {
        assert_eq!(HalfLife::DEFAULT.factor(0), DECAY_ONE);
        assert_eq!(HalfLife::DEFAULT.factor(-5), DECAY_ONE);
    }

    #[test]
    fn one_half_life_halves_exactly() {
        let h = HalfLife::DEFAULT;
        assert_eq!(h.factor(h.as_nanos()), DECAY_ONE / 2);
        assert_eq!(h.factor(3 * h.as_nanos()), DECAY_ONE / 8);
    }

    #[test]
    fn very_old_evidence_decays_to_zero() {
        let h = HalfLife::new(TimeDelta::seconds(1)).unwrap();
        assert_eq!(h.factor(63 * 1_000_000_000), 0);
        assert_eq!(h.factor(i64::MAX), 0);
    }

    #[test]
    fn table_matches_floating_point_within_a_few_ulps() {
        for fraction in [0u32, 1, 255, 256, 65_535, 1 << 31, u32::MAX, 123_456_789] {
            let expect = (-f64::from(fraction) / 4_294_967_296.0).exp2();
            let got = as_f64(exp2_neg_fraction(fraction));
            assert!(
                (got - expect).abs() < 1e-15,
                "fraction {fraction}: {got} vs {expect}"
            );
        }
    }

    #[test]
    fn rejects_non_positive_half_life() {
        assert!(matches!(
            HalfLife::new(TimeDelta::zero()),
            Err(ScoreError::NonPositiveHalfLife { nanoseconds: 0 })
        ));
        assert!(HalfLife::new(TimeDelta::days(-1)).is_err());
        assert!(matches!(
            HalfLife::new(TimeDelta::days(200_000)),
            Err(ScoreError::HalfLifeTooLong { .. })
        ));
    }

    #[test]
    fn half_life_serde_rejects_zero() {
        assert!(serde_json::from_str::<HalfLife>(r#"{"nanoseconds":0}"#).is_err());
        let h: HalfLife = serde_json::from_str(r#"{"nanoseconds":5}"#).unwrap();
        assert_eq!(h.as_nanos(), 5);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn decay_never_rises_with_age(h in 1i64..=i64::MAX / 4, a in 0i64..=i64::MAX / 2, d in 0i64..=1 << 40) {
            let h = HalfLife::from_nanos(h).unwrap();
            prop_assert!(h.factor(a + d) <= h.factor(a));
        }

        #[test]
        fn reciprocal_division_is_exact(d in 1u64..=u64::MAX, n in any::<u64>()) {
            prop_assert_eq!(Divider::new(d).div_rem(n), (n / d, n % d));
        }

        #[test]
        fn fraction_is_strictly_decreasing(f in 0u32..u32::MAX) {
            prop_assert!(exp2_neg_fraction(f + 1) < exp2_neg_fraction(f));
        }

        #[test]
        fn each_half_life_halves_rounding_down(h in 1i64..=1 << 50, a in 0i64..=1 << 55) {
            let half_life = HalfLife::from_nanos(h).unwrap();
            prop_assert_eq!(half_life.factor(a + h), half_life.factor(a) >> 1);
        }

        #[test]
        fn decay_matches_floating_point_oracle(h in 1_000i64..=1 << 50, a in 0i64..=1 << 52) {
            let half_life = HalfLife::from_nanos(h).unwrap();
            #[allow(clippy::cast_precision_loss)]
            let expect = (-(a as f64) / h as f64).exp2();
            let got = as_f64(half_life.factor(a));
            prop_assert!((got - expect).abs() <= 1e-9 * expect.max(1e-300) + 1e-12, "{} vs {}", got, expect);
        }
    }
}
