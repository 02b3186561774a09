//! Explanations: every number behind a strength, and when it will next drop.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::decay::{DECAY_BITS, DECAY_ONE, HalfLife};
use crate::error::ScoreError;
use crate::evidence::{ArticleId, Outlet, Stance, from_nanos};
use crate::ledger::Ledger;
use crate::mass::{MassRule, Scratch, age, last_reinforcement, support_mass, value, valued_at};
use crate::origin::OriginStats;
use crate::scorer::Scorer;
use crate::strength::{Strength, Thresholds};
use crate::weight::{EvidenceMass, Weight};

/// A decay factor `2^(−age/half-life)` in fixed point with 62 fractional bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DecayFactor(u64);

impl DecayFactor {
    /// The raw fixed-point value (`to_f64() * 2^62`).
    pub fn raw(self) -> u64 {
        self.0
    }

    /// The factor as a float, from 0.0 to 1.0.
    #[allow(clippy::cast_precision_loss)]
    pub fn to_f64(self) -> f64 {
        self.0 as f64 / DECAY_ONE as f64
    }
}

/// What one origin (one independent report and its syndicated copies) contributes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OriginContribution {
    /// The origin's name: its smallest article id.
    pub origin: ArticleId,
    /// Whether it supports or contradicts the thesis.
    pub stance: Stance,
    /// Outlets carrying it, sorted.
    pub outlets: Vec<Outlet>,
    /// Its articles (the original and its copies), sorted.
    pub articles: Vec<ArticleId>,
    /// Its first appearance.
    pub first_appearance: DateTime<Utc>,
    /// Reliability × match confidence of the first appearance.
    pub weight: Weight,
    /// Decay from the first appearance to `now` (supporting) or to the last reinforcement
    /// (contradicting).
    pub decay: DecayFactor,
    /// Halvings of the same-outlet discount: 0 for an outlet's strongest story and for
    /// syndicated stories, `(k−1)·h` for the outlet's k-th strongest.
    pub discount_halvings: u32,
    /// `±(weight × decay) ⟫ discount_halvings`: positive when supporting, negative when
    /// contradicting. All contributions add up to [`Explanation::total`].
    pub contribution: EvidenceMass,
}

impl OriginContribution {
    /// The discount as a factor, `2^(−discount_halvings)`.
    pub fn discount(&self) -> f64 {
        (-f64::from(self.discount_halvings)).exp2()
    }

    /// Recomputes the contribution from weight, decay and discount.
    pub fn recompute(&self) -> EvidenceMass {
        let undiscounted =
            (u128::from(self.weight.raw()) * u128::from(self.decay.raw())) >> DECAY_BITS;
        let magnitude = u64::try_from(undiscounted)
            .unwrap_or(u64::MAX)
            .checked_shr(self.discount_halvings)
            .unwrap_or(0);
        let magnitude = i64::try_from(magnitude).unwrap_or(i64::MAX);
        EvidenceMass::from_raw(match self.stance {
            Stance::Supports => magnitude,
            Stance::Contradicts => -magnitude,
        })
    }
}

/// Everything behind a strength. Built by [`Scorer::explain`].
///
/// # Example
///
/// ```
/// use bellwether_score::{Evidence, Grade, Ledger, Scorer};
///
/// let mut ledger = Ledger::new();
/// ledger.insert(
///     Evidence::builder()
///         .article("a1")
///         .outlet("outlet-a")
///         .published("2026-05-20T16:45:00Z".parse()?)
///         .grade(Grade::B)
///         .match_confidence(1.0)
///         .build()?,
/// )?;
/// let explanation = Scorer::default().explain(&ledger, "2026-05-26T14:05:00Z".parse()?)?;
/// let sum: i64 = explanation.origins.iter().map(|o| o.contribution.raw()).sum();
/// assert_eq!(sum, explanation.total.raw());
/// assert_eq!(explanation.recompute_strength(), explanation.strength);
/// let drop = explanation.next_drop.expect("a strength above 1 eventually drops");
/// let just_before = drop - chrono::TimeDelta::nanoseconds(1);
/// assert_eq!(Scorer::default().score(&ledger, just_before)?.strength, explanation.strength);
/// assert!(Scorer::default().score(&ledger, drop)?.strength < explanation.strength);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Explanation {
    /// The instant explained.
    pub now: DateTime<Utc>,
    /// The half-life used.
    pub half_life: HalfLife,
    /// The thresholds used.
    pub thresholds: Thresholds,
    /// The strength at `now`.
    pub strength: Strength,
    /// Supporting minus contradicting mass: the sum of all contributions.
    pub total: EvidenceMass,
    /// Supporting mass.
    pub support: EvidenceMass,
    /// Contradicting mass (subtracted).
    pub contradiction: EvidenceMass,
    /// Every origin's contribution, largest magnitude first (ties by origin).
    pub origins: Vec<OriginContribution>,
    /// Effective number of independent supporting sources, `(Σc)² / Σc²` over supporting
    /// contributions: equals the number of sources when they contribute equally, less when a
    /// few dominate; 0 without support.
    pub effective_sources: f64,
    /// Earliest publication among all articles.
    pub first_seen: Option<DateTime<Utc>>,
    /// Last reinforcement: the newest supporting origin's first appearance.
    pub last_reinforced: Option<DateTime<Utc>>,
    /// Number of distinct extractions.
    pub extraction_count: usize,
    /// Number of distinct articles.
    pub article_count: usize,
    /// The exact instant the strength will next drop if nothing new arrives: the strength at
    /// `next_drop − 1 ns` equals [`strength`](Explanation::strength), at `next_drop` it is lower.
    /// `None` at strength 1, or when the drop lies beyond 2262.
    pub next_drop: Option<DateTime<Utc>>,
}

impl Explanation {
    /// The strength recomputed from the contributions and thresholds alone.
    pub fn recompute_strength(&self) -> Strength {
        self.thresholds
            .strength(self.origins.iter().map(|o| o.contribution).sum())
    }
}

pub(crate) fn explain(
    scorer: &Scorer,
    ledger: &Ledger,
    half_life: HalfLife,
    now: i64,
) -> Result<Explanation, ScoreError> {
    let rule = scorer.mass_rule(half_life);
    let names = OriginNames::collect(ledger);

    let mut contributions = Vec::new();
    for (stance, names) in [
        (Stance::Supports, &names.support),
        (Stance::Contradicts, &names.contradict),
    ] {
        let stats = ledger.origin_stats(stance);
        let at = valued_at(ledger, stance, now);
        let ranks = discount_halvings(stats, names, |s| value(s, &rule, at(s)), rule.halvings);
        for ((s, (articles, outlets)), discount_halvings) in stats.iter().zip(names).zip(ranks) {
            let mut c = OriginContribution {
                origin: articles
                    .first()
                    .cloned()
                    .ok_or(ScoreError::EmptyIdentifier { what: "origin" })?,
                stance,
                outlets: outlets.clone(),
                articles: articles.clone(),
                first_appearance: from_nanos(s.first),
                weight: s.weight(rule.table),
                decay: DecayFactor(rule.clock.factor(age(s.first, at(s)))),
                discount_halvings,
                contribution: EvidenceMass::ZERO,
            };
            c.contribution = c.recompute();
            contributions.push(c);
        }
    }
    contributions.sort_by(|a, b| {
        b.contribution
            .raw()
            .unsigned_abs()
            .cmp(&a.contribution.raw().unsigned_abs())
            .then_with(|| a.origin.cmp(&b.origin))
            .then(a.stance.cmp(&b.stance))
    });

    let of = |stance: Stance| -> EvidenceMass {
        contributions
            .iter()
            .filter(|c| c.stance == stance)
            .map(|c| c.contribution)
            .sum()
    };
    let support = of(Stance::Supports);
    let contradiction = EvidenceMass::ZERO.minus(of(Stance::Contradicts));
    let score = scorer.score_from(support, contradiction);

    let supporting = contributions
        .iter()
        .filter(|c| c.stance == Stance::Supports)
        .map(|c| c.contribution.to_f64());
    let (sum, squares) = supporting.fold((0.0, 0.0), |(s, q), c| (s + c, q + c * c));
    let effective_sources = if squares > 0.0 {
        sum * sum / squares
    } else {
        0.0
    };

    Ok(Explanation {
        now: from_nanos(now),
        half_life,
        thresholds: *scorer.thresholds(),
        strength: score.strength,
        total: score.total,
        support,
        contradiction,
        origins: contributions,
        effective_sources,
        first_seen: ledger
            .records()
            .iter()
            .map(|r| r.published)
            .min()
            .map(from_nanos),
        last_reinforced: last_reinforcement(ledger).map(from_nanos),
        extraction_count: ledger.extraction_count(),
        article_count: ledger.article_count(),
        next_drop: next_drop(scorer, ledger, &rule, now, contradiction, score.strength),
    })
}

type Names = (Vec<ArticleId>, Vec<Outlet>);

/// Sorted article ids and outlets of each origin, aligned with the ledger's origin summaries.
struct OriginNames {
    support: Vec<Names>,
    contradict: Vec<Names>,
}

impl OriginNames {
    fn collect(ledger: &Ledger) -> OriginNames {
        let slots_of = |stance| {
            let mut slots = vec![u32::MAX; ledger.records().len()];
            for (i, s) in (0u32..).zip(ledger.origin_stats(stance)) {
                slots[s.root as usize] = i;
            }
            slots
        };
        let (support_slots, contradict_slots) =
            (slots_of(Stance::Supports), slots_of(Stance::Contradicts));
        let mut support = vec![Names::default(); ledger.origin_stats(Stance::Supports).len()];
        let mut contradict = vec![Names::default(); ledger.origin_stats(Stance::Contradicts).len()];
        for (index, record) in (0u32..).zip(ledger.records()) {
            let root = ledger.origin_root(index) as usize;
            for (present, slots, names) in [
                (record.support.is_some(), &support_slots, &mut support),
                (
                    record.contradict.is_some(),
                    &contradict_slots,
                    &mut contradict,
                ),
            ] {
                if let Some(entry) = present
                    .then(|| names.get_mut(slots[root] as usize))
                    .flatten()
                {
                    entry.0.push(record.article.clone());
                    entry.1.push(ledger.outlet(record.outlet).clone());
                }
            }
        }
        for (articles, outlets) in support.iter_mut().chain(contradict.iter_mut()) {
            articles.sort();
            outlets.sort();
            outlets.dedup();
        }
        OriginNames {
            support,
            contradict,
        }
    }
}

/// The same-outlet discount of each origin, in halvings, with ties ranked by origin name so the
/// explanation does not depend on insertion order.
fn discount_halvings(
    stats: &[OriginStats],
    names: &[Names],
    value_of: impl Fn(&OriginStats) -> u64,
    halvings: u32,
) -> Vec<u32> {
    let mut out = vec![0u32; stats.len()];
    if halvings == 0 {
        return out;
    }
    let mut exclusive: Vec<(u32, u64, usize)> = stats
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.syndicated)
        .map(|(i, s)| (s.outlet, value_of(s), i))
        .collect();
    exclusive.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.1.cmp(&a.1))
            .then_with(|| names[a.2].0.cmp(&names[b.2].0))
    });
    let mut rank_shift = 0u32;
    let mut previous = None;
    for &(outlet, _, i) in &exclusive {
        if previous == Some(outlet) {
            rank_shift = rank_shift.saturating_add(halvings);
        } else {
            rank_shift = 0;
            previous = Some(outlet);
        }
        out[i] = rank_shift;
    }
    out
}

/// The first instant after `now` at which the strength falls below `current`.
///
/// Supporting mass never rises with time and the contradicting mass is fixed, so the strength
/// is a non-increasing step function of time and a binary search over nanoseconds finds the
/// step exactly.
fn next_drop(
    scorer: &Scorer,
    ledger: &Ledger,
    rule: &MassRule<'_>,
    now: i64,
    contradiction: EvidenceMass,
    current: Strength,
) -> Option<DateTime<Utc>> {
    if current == Strength::MIN {
        return None;
    }
    let mut scratch = Scratch::default();
    let mut strength_at = |at: i64| {
        scorer
            .score_from(support_mass(ledger, rule, at, &mut scratch), contradiction)
            .strength
    };
    // 64 half-lives after the newest first appearance every supporting value is zero, so the
    // strength there is 1 (below `current`), unless that lies beyond the representable range.
    let newest = last_reinforcement(ledger).unwrap_or(now).max(now);
    let horizon = i128::from(newest) + 64 * i128::from(rule.half_life.as_nanos());
    let mut high = i64::try_from(horizon).unwrap_or(i64::MAX);
    if strength_at(high) >= current {
        return None;
    }
    let mut low = now;
    while high - low > 1 {
        let mid = low + (high - low) / 2;
        if strength_at(mid) < current {
            high = mid;
        } else {
            low = mid;
        }
    }
    Some(from_nanos(high))
}
