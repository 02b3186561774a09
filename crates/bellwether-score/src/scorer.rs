//! Scoring a ledger: decayed, independent evidence mapped to a 1–10 strength.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::decay::{DECAY_BITS, DecayPolicy, HalfLife};
use crate::error::ScoreError;
use crate::evidence::to_nanos;
use crate::explain::{Explanation, explain};
use crate::ledger::Ledger;
use crate::reliability::ReliabilityTable;
use crate::strength::{Strength, Thresholds};
use crate::weight::{EvidenceMass, Weight};

/// Computes strengths and explanations from a [`Ledger`].
///
/// # How strength is computed
///
/// 1. **Weight.** Each article weighs its outlet's reliability ([`ReliabilityTable`]) times the
///    highest match confidence among its extractions of that stance.
/// 2. **Origins.** Syndicated copies form one *origin* (see [`Fingerprint`](crate::Fingerprint)).
///    An origin counts once, as its *first appearance*: the earliest copy's publication time,
///    and that copy's weight (the highest, if several copies appeared at that same instant).
///    Copies published later never change it: a reprint is not a new report, and does not
///    make an old story fresh.
/// 3. **Decay.** A supporting origin's value is its weight × `2^(−age/half-life)`, where the age
///    is measured from its first appearance to `now` (evidence dated after `now` counts as
///    fresh). A contradicting origin decays the same way but only up to the *last
///    reinforcement* (the newest supporting origin's first appearance): time alone never wears
///    a denial away, newer corroboration does.
/// 4. **Same-outlet discount.** Among the origins that only one outlet carries, that outlet's
///    k-th strongest counts `2^(−(k−1)·h)` of its value (`h` = [`Scorer::same_outlet_halvings`],
///    default 1: each further story from one outlet counts half the one before). Origins
///    carried by two or more outlets (syndicated stories) are counted at full value.
/// 5. **Total.** Supporting values add up, contradicting values are subtracted: the total is an
///    evidence mass, and [`Thresholds`] map it to 1..=10. Every step is integer fixed-point
///    arithmetic, so the result does not depend on platform or merge order.
///
/// # Guarantees
///
/// * Strength never rises with time alone, and an extra half-life halves the supporting mass
///   (rounding down).
/// * Supporting evidence never lowers strength and contradicting evidence never raises it, with
///   one exception by design: an article that reveals that known evidence is *not* independent
///   — an earlier copy of a known story (the story is older than believed), or a text that links
///   two known stories as copies of one (they now count once) — can lower it.
/// * Adding a further copy of a known origin, published no earlier than its first appearance,
///   never changes strength, with one documented edge case: the **first pickup by a second
///   outlet** turns a story from one outlet's exclusive into a syndicated story. It then leaves
///   that outlet's same-outlet discount, which can raise strength slightly: the story counts at
///   full value if it was not that outlet's strongest, and the outlet's weaker stories each move
///   up one rank. Later pickups change nothing.
///
/// # Calibration
///
/// With the defaults (grade weights A 1.0 … E 0.2, half-life 14 days, thresholds as in
/// [`Thresholds`], one halving per same-outlet rank), the seed signal — three articles from
/// three different outlets of grade B with match confidence 1.0, published 2026-05-12T09:30Z,
/// 2026-05-20T16:45Z and 2026-05-26T14:05Z — scores exactly 8 throughout 2026-05-26 from
/// 14:05Z (mass 1.79 at 14:05, 1.76 at midnight), drops to 7 on 2026-05-28 and keeps falling.
///
/// # Example
///
/// ```
/// use bellwether_score::{Evidence, Grade, Ledger, Scorer};
///
/// let mut ledger = Ledger::new();
/// for (id, outlet, published) in [
///     ("software-layer", "outlet-a", "2026-05-12T09:30:00Z"),
///     ("white-house", "outlet-b", "2026-05-20T16:45:00Z"),
///     ("g2-reality", "outlet-c", "2026-05-26T14:05:00Z"),
/// ] {
///     ledger.insert(
///         Evidence::builder()
///             .article(id)
///             .outlet(outlet)
///             .published(published.parse()?)
///             .grade(Grade::B)
///             .match_confidence(1.0)
///             .build()?,
///     )?;
/// }
/// let scorer = Scorer::default();
/// let score = scorer.score(&ledger, "2026-05-26T14:05:00Z".parse()?)?;
/// assert_eq!(score.strength.get(), 8);
/// let later = scorer.score(&ledger, "2026-06-20T00:00:00Z".parse()?)?;
/// assert!(later.strength < score.strength);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ScorerRepr", into = "ScorerRepr")]
pub struct Scorer {
    reliability: ReliabilityTable,
    decay: DecayPolicy,
    thresholds: Thresholds,
    same_outlet_halvings: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct ScorerRepr {
    reliability: ReliabilityTable,
    decay: DecayPolicy,
    thresholds: Thresholds,
    same_outlet_halvings: u32,
}

impl TryFrom<ScorerRepr> for Scorer {
    type Error = ScoreError;
    fn try_from(repr: ScorerRepr) -> Result<Scorer, ScoreError> {
        Scorer::default()
            .with_reliability(repr.reliability)
            .with_decay(repr.decay)
            .with_thresholds(repr.thresholds)
            .with_same_outlet_halvings(repr.same_outlet_halvings)
    }
}

impl From<Scorer> for ScorerRepr {
    fn from(s: Scorer) -> ScorerRepr {
        ScorerRepr {
            reliability: s.reliability,
            decay: s.decay,
            thresholds: s.thresholds,
            same_outlet_halvings: s.same_outlet_halvings,
        }
    }
}

/// Most halvings per same-outlet rank: beyond 32 a second story is worth nothing anyway.
const MAX_HALVINGS: u32 = 32;

impl Default for Scorer {
    fn default() -> Scorer {
        Scorer {
            reliability: ReliabilityTable::default(),
            decay: DecayPolicy::default(),
            thresholds: Thresholds::default(),
            same_outlet_halvings: 1,
        }
    }
}

/// A ledger's strength at one instant, with the masses behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Score {
    /// The strength, 1..=10.
    pub strength: Strength,
    /// Supporting minus contradicting mass.
    pub total: EvidenceMass,
    /// Decayed, discounted supporting mass.
    pub support: EvidenceMass,
    /// Discounted contradicting mass (subtracted from the support).
    pub contradiction: EvidenceMass,
}

impl Scorer {
    /// A scorer with the documented defaults (same as [`Scorer::default`]).
    pub fn new() -> Scorer {
        Scorer::default()
    }

    /// This scorer with another grade-to-weight table.
    pub fn with_reliability(mut self, table: ReliabilityTable) -> Scorer {
        self.reliability = table;
        self
    }

    /// This scorer with another decay policy (half-lives).
    pub fn with_decay(mut self, policy: DecayPolicy) -> Scorer {
        self.decay = policy;
        self
    }

    /// This scorer with other strength thresholds.
    pub fn with_thresholds(mut self, thresholds: Thresholds) -> Scorer {
        self.thresholds = thresholds;
        self
    }

    /// This scorer with `halvings` halvings per same-outlet rank (0 turns the discount off).
    ///
    /// # Errors
    ///
    /// [`ScoreError::DiscountOutOfRange`] above 32.
    pub fn with_same_outlet_halvings(mut self, halvings: u32) -> Result<Scorer, ScoreError> {
        if halvings > MAX_HALVINGS {
            return Err(ScoreError::DiscountOutOfRange { halvings });
        }
        self.same_outlet_halvings = halvings;
        Ok(self)
    }

    /// The grade-to-weight table.
    pub fn reliability(&self) -> &ReliabilityTable {
        &self.reliability
    }

    /// The decay policy.
    pub fn decay(&self) -> &DecayPolicy {
        &self.decay
    }

    /// The strength thresholds.
    pub fn thresholds(&self) -> &Thresholds {
        &self.thresholds
    }

    /// Halvings per same-outlet rank.
    pub fn same_outlet_halvings(&self) -> u32 {
        self.same_outlet_halvings
    }

    /// Scores a ledger at `now` with the default half-life.
    ///
    /// # Errors
    ///
    /// [`ScoreError::TimestampOutOfRange`] if `now` is outside 1677–2262.
    pub fn score(&self, ledger: &Ledger, now: DateTime<Utc>) -> Result<Score, ScoreError> {
        self.score_with(ledger, self.decay.half_life(None), now)
    }

    /// Scores a ledger at `now` with the half-life of `category` (see [`DecayPolicy`]).
    ///
    /// # Errors
    ///
    /// As [`Scorer::score`].
    pub fn score_category(
        &self,
        ledger: &Ledger,
        category: &str,
        now: DateTime<Utc>,
    ) -> Result<Score, ScoreError> {
        self.score_with(ledger, self.decay.half_life(Some(category)), now)
    }

    /// Explains a ledger's score at `now` with the default half-life.
    ///
    /// # Errors
    ///
    /// As [`Scorer::score`].
    pub fn explain(&self, ledger: &Ledger, now: DateTime<Utc>) -> Result<Explanation, ScoreError> {
        explain(
            self,
            ledger,
            self.decay.half_life(None),
            to_nanos("now", now)?,
        )
    }

    /// Explains a ledger's score at `now` with the half-life of `category`.
    ///
    /// # Errors
    ///
    /// As [`Scorer::score`].
    pub fn explain_category(
        &self,
        ledger: &Ledger,
        category: &str,
        now: DateTime<Utc>,
    ) -> Result<Explanation, ScoreError> {
        explain(
            self,
            ledger,
            self.decay.half_life(Some(category)),
            to_nanos("now", now)?,
        )
    }

    fn score_with(
        &self,
        ledger: &Ledger,
        half_life: HalfLife,
        now: DateTime<Utc>,
    ) -> Result<Score, ScoreError> {
        let now = to_nanos("now", now)?;
        let origins = Origins::summarise(ledger, &self.reliability);
        let mut scratch = Vec::new();
        let support = origins.support_mass(half_life, now, self.same_outlet_halvings, &mut scratch);
        let contradiction =
            origins.contradiction_mass(half_life, self.same_outlet_halvings, &mut scratch);
        Ok(self.score_from(support, contradiction))
    }

    pub(crate) fn score_from(&self, support: EvidenceMass, contradiction: EvidenceMass) -> Score {
        let total = support.minus(contradiction);
        Score {
            strength: self.thresholds.strength(total),
            total,
            support,
            contradiction,
        }
    }
}

/// One origin of one stance, as counted: its first appearance.
#[derive(Debug, Clone, Copy)]
pub(crate) struct OriginSummary {
    /// Union-find root of the origin's articles.
    pub(crate) root: u32,
    /// Earliest publication among its copies (nanoseconds).
    pub(crate) first: i64,
    /// Weight of the first appearance (highest among copies published at that instant).
    pub(crate) weight: Weight,
    /// Outlet of the first appearance.
    pub(crate) outlet: u32,
    /// Whether two or more outlets carry it.
    pub(crate) syndicated: bool,
}

/// All origins of a ledger, by stance.
#[derive(Debug, Clone, Default)]
pub(crate) struct Origins {
    pub(crate) support: Vec<OriginSummary>,
    pub(crate) contradict: Vec<OriginSummary>,
    /// Last reinforcement: the newest supporting origin's first appearance.
    pub(crate) last_support: Option<i64>,
}

impl Origins {
    pub(crate) fn summarise(ledger: &Ledger, table: &ReliabilityTable) -> Origins {
        let n = ledger.records().len();
        let mut slot_support = vec![u32::MAX; n];
        let mut slot_contradict = vec![u32::MAX; n];
        let mut origins = Origins::default();
        for (index, record) in (0u32..).zip(ledger.records()) {
            let root = ledger.origin_root(index);
            let reliability = table.weight(record.grade);
            for (confidence, slots, list) in [
                (record.support, &mut slot_support, &mut origins.support),
                (
                    record.contradict,
                    &mut slot_contradict,
                    &mut origins.contradict,
                ),
            ] {
                let Some(confidence) = confidence else {
                    continue;
                };
                let weight = reliability.mul(confidence);
                let slot = &mut slots[root as usize];
                if *slot == u32::MAX {
                    // Fewer origins than articles, so the index fits.
                    *slot = list.len() as u32;
                    list.push(OriginSummary {
                        root,
                        first: record.published,
                        weight,
                        outlet: record.outlet,
                        syndicated: false,
                    });
                    continue;
                }
                let summary = &mut list[*slot as usize];
                summary.syndicated |= summary.outlet != record.outlet;
                if record.published < summary.first {
                    summary.first = record.published;
                    summary.weight = weight;
                    summary.outlet = record.outlet;
                } else if record.published == summary.first && weight > summary.weight {
                    // The outlet only matters for exclusive origins, which have one outlet.
                    summary.weight = weight;
                }
            }
        }
        origins.last_support = origins.support.iter().map(|o| o.first).max();
        origins
    }

    /// Supporting mass at instant `at`.
    pub(crate) fn support_mass(
        &self,
        half_life: HalfLife,
        at: i64,
        halvings: u32,
        scratch: &mut Vec<(u32, u64)>,
    ) -> EvidenceMass {
        discounted_mass(
            &self.support,
            |o| value(o, half_life, at),
            halvings,
            scratch,
        )
    }

    /// Contradicting mass (independent of `now`).
    pub(crate) fn contradiction_mass(
        &self,
        half_life: HalfLife,
        halvings: u32,
        scratch: &mut Vec<(u32, u64)>,
    ) -> EvidenceMass {
        let at = self.contradiction_instant();
        discounted_mass(
            &self.contradict,
            |o| value(o, half_life, at.unwrap_or(o.first)),
            halvings,
            scratch,
        )
    }

    /// The instant contradictions are decayed to: the last reinforcement.
    pub(crate) fn contradiction_instant(&self) -> Option<i64> {
        self.last_support
    }
}

/// Age from `first` to `at` in nanoseconds, saturating.
pub(crate) fn age(first: i64, at: i64) -> i64 {
    i64::try_from(i128::from(at) - i128::from(first)).unwrap_or(if at > first {
        i64::MAX
    } else {
        i64::MIN
    })
}

/// An origin's undiscounted value at `at`, in 32-bit fixed point.
pub(crate) fn value(origin: &OriginSummary, half_life: HalfLife, at: i64) -> u64 {
    let factor = half_life.factor(age(origin.first, at));
    // weight ≤ 2^32 and factor ≤ 2^62, so the product fits in u128 and the result in u64.
    ((u128::from(origin.weight.raw()) * u128::from(factor)) >> DECAY_BITS) as u64
}

/// Sum of origin values with the same-outlet discount applied to exclusive origins.
fn discounted_mass(
    origins: &[OriginSummary],
    value_of: impl Fn(&OriginSummary) -> u64,
    halvings: u32,
    exclusive: &mut Vec<(u32, u64)>,
) -> EvidenceMass {
    exclusive.clear();
    let mut total: u64 = 0;
    for origin in origins {
        let v = value_of(origin);
        if origin.syndicated || halvings == 0 {
            total = total.saturating_add(v);
        } else {
            exclusive.push((origin.outlet, v));
        }
    }
    // Sorting by (outlet, value descending) ranks each outlet's stories; equal values may come
    // in any order without changing the sum.
    exclusive.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut rank_shift = 0u32;
    let mut previous_outlet = None;
    for &(outlet, v) in exclusive.iter() {
        if previous_outlet == Some(outlet) {
            rank_shift = rank_shift.saturating_add(halvings);
        } else {
            rank_shift = 0;
            previous_outlet = Some(outlet);
        }
        total = total.saturating_add(v.checked_shr(rank_shift).unwrap_or(0));
    }
    EvidenceMass::from_raw(i64::try_from(total).unwrap_or(i64::MAX))
}
