//! Scoring a ledger: decayed, independent evidence mapped to a 1–10 strength.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::decay::{DecayPolicy, HalfLife};
use crate::error::ScoreError;
use crate::evidence::to_nanos;
use crate::explain::{Explanation, explain};
use crate::ledger::Ledger;
use crate::mass::{MassRule, Scratch, contradiction_mass, support_mass_and_last};
use crate::reliability::ReliabilityTable;
use crate::strength::{Strength, Thresholds};
use crate::weight::EvidenceMass;

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
        let rule = self.mass_rule(half_life);
        let mut scratch = Scratch::default();
        let (support, last_reinforcement) = support_mass_and_last(ledger, &rule, now, &mut scratch);
        let contradiction = contradiction_mass(ledger, &rule, last_reinforcement, &mut scratch);
        Ok(self.score_from(support, contradiction))
    }

    pub(crate) fn mass_rule(&self, half_life: HalfLife) -> MassRule<'_> {
        MassRule::new(&self.reliability, half_life, self.same_outlet_halvings)
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
