//! Evidence mass: decayed origin values with the same-outlet discount, in integers.

use crate::decay::{DECAY_BITS, DecayClock, HalfLife};
use crate::evidence::Stance;
use crate::ledger::Ledger;
use crate::origin::OriginStats;
use crate::reliability::ReliabilityTable;
use crate::weight::EvidenceMass;

/// Values are at most 1.0 = 2³², so a shift by 33 or more always yields zero: only an outlet's
/// first `ceil(33 / halvings)` stories can contribute.
const VALUE_BITS: u32 = 33;

/// What a mass computation needs besides the instant.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MassRule<'a> {
    pub(crate) table: &'a ReliabilityTable,
    pub(crate) half_life: HalfLife,
    pub(crate) clock: DecayClock,
    pub(crate) halvings: u32,
}

impl MassRule<'_> {
    pub(crate) fn new(
        table: &ReliabilityTable,
        half_life: HalfLife,
        halvings: u32,
    ) -> MassRule<'_> {
        MassRule {
            table,
            half_life,
            clock: half_life.clock(),
            halvings,
        }
    }
}

/// Reusable buffers for [`discounted_mass`].
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    exclusive: Vec<(u32, u64)>,
    starts: Vec<u32>,
    bucketed: Vec<u64>,
}

/// Age from `first` to `at` in nanoseconds, saturating.
pub(crate) fn age(first: i64, at: i64) -> i64 {
    i64::try_from(i128::from(at) - i128::from(first)).unwrap_or(if at > first {
        i64::MAX
    } else {
        i64::MIN
    })
}

/// An origin's undiscounted value at `at`, in 32-bit fixed point (at most 2³²).
pub(crate) fn value(stats: &OriginStats, rule: &MassRule<'_>, at: i64) -> u64 {
    let factor = rule.clock.factor(age(stats.first, at));
    // weight ≤ 2^32 and factor ≤ 2^62: the product fits in u128 and the quotient in u64.
    ((u128::from(stats.weight(rule.table).raw()) * u128::from(factor)) >> DECAY_BITS) as u64
}

/// The instant contradictions are decayed to: the last reinforcement, i.e. the newest
/// supporting origin's first appearance.
pub(crate) fn last_reinforcement(ledger: &Ledger) -> Option<i64> {
    ledger
        .origin_stats(Stance::Supports)
        .iter()
        .map(|s| s.first)
        .max()
}

/// Supporting mass at `now`.
pub(crate) fn support_mass(
    ledger: &Ledger,
    rule: &MassRule<'_>,
    now: i64,
    scratch: &mut Scratch,
) -> EvidenceMass {
    discounted_mass(ledger, Stance::Supports, rule, |_| now, scratch).0
}

/// Supporting mass at `now` and the last reinforcement, in one pass over the origins.
pub(crate) fn support_mass_and_last(
    ledger: &Ledger,
    rule: &MassRule<'_>,
    now: i64,
    scratch: &mut Scratch,
) -> (EvidenceMass, Option<i64>) {
    discounted_mass(ledger, Stance::Supports, rule, |_| now, scratch)
}

/// Contradicting mass, decayed to the last reinforcement `at` (so independent of `now`).
pub(crate) fn contradiction_mass(
    ledger: &Ledger,
    rule: &MassRule<'_>,
    at: Option<i64>,
    scratch: &mut Scratch,
) -> EvidenceMass {
    if ledger.origin_stats(Stance::Contradicts).is_empty() {
        return EvidenceMass::ZERO;
    }
    discounted_mass(
        ledger,
        Stance::Contradicts,
        rule,
        |s| at.unwrap_or(s.first),
        scratch,
    )
    .0
}

/// The instant each origin of `stance` is valued at.
pub(crate) fn valued_at(
    ledger: &Ledger,
    stance: Stance,
    now: i64,
) -> impl Fn(&OriginStats) -> i64 + use<> {
    let last = match stance {
        Stance::Supports => None,
        Stance::Contradicts => Some(last_reinforcement(ledger)),
    };
    move |s: &OriginStats| match last {
        None => now,
        Some(at) => at.unwrap_or(s.first),
    }
}

/// Sum of origin values of one stance, each outlet's exclusive stories discounted by rank, and
/// the latest first appearance among them.
fn discounted_mass(
    ledger: &Ledger,
    stance: Stance,
    rule: &MassRule<'_>,
    at: impl Fn(&OriginStats) -> i64,
    scratch: &mut Scratch,
) -> (EvidenceMass, Option<i64>) {
    let stats = ledger.origin_stats(stance);
    let mut total: u64 = 0;
    let mut latest = None;
    scratch.exclusive.clear();
    scratch.exclusive.reserve(stats.len());
    for s in stats {
        latest = latest.max(Some(s.first));
        let v = value(s, rule, at(s));
        if s.syndicated || rule.halvings == 0 {
            total = total.saturating_add(v);
        } else {
            scratch.exclusive.push((s.outlet, v));
        }
    }
    if !scratch.exclusive.is_empty() {
        total = total.saturating_add(exclusive_sum(scratch, ledger.outlet_count(), rule.halvings));
    }
    (
        EvidenceMass::from_raw(i64::try_from(total).unwrap_or(i64::MAX)),
        latest,
    )
}

/// Buckets exclusive values by outlet (a counting sort), then sums each outlet's values in
/// descending order, the k-th (from 0) shifted right by `k · halvings`. Equal values may be
/// ranked either way without changing the sum.
fn exclusive_sum(scratch: &mut Scratch, outlets: usize, halvings: u32) -> u64 {
    let Scratch {
        exclusive,
        starts,
        bucketed,
    } = scratch;
    starts.clear();
    starts.resize(outlets + 1, 0);
    for &(outlet, _) in exclusive.iter() {
        starts[outlet as usize + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    bucketed.clear();
    bucketed.resize(exclusive.len(), 0);
    let mut next = starts.clone();
    for &(outlet, v) in exclusive.iter() {
        let slot = &mut next[outlet as usize];
        bucketed[*slot as usize] = v;
        *slot += 1;
    }
    let keep = VALUE_BITS.div_ceil(halvings) as usize;
    let mut total: u64 = 0;
    for bounds in starts.windows(2) {
        let mut bucket = &mut bucketed[bounds[0] as usize..bounds[1] as usize];
        if bucket.len() > keep {
            bucket.select_nth_unstable_by(keep - 1, |a, b| b.cmp(a));
            bucket = &mut bucket[..keep];
        }
        bucket.sort_unstable_by(|a, b| b.cmp(a));
        for (rank, &v) in (0u32..).zip(bucket.iter()) {
            total = total.saturating_add(v.checked_shr(rank.saturating_mul(halvings)).unwrap_or(0));
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The obvious oracle: sort each outlet's values in full and shift by rank.
    fn naive(values: &[(u32, u64)], halvings: u32) -> u64 {
        let mut by_outlet = std::collections::BTreeMap::<u32, Vec<u64>>::new();
        for &(o, v) in values {
            by_outlet.entry(o).or_default().push(v);
        }
        by_outlet
            .values_mut()
            .map(|vs| {
                vs.sort_unstable_by(|a, b| b.cmp(a));
                vs.iter()
                    .enumerate()
                    .map(|(k, v)| v.checked_shr(k as u32 * halvings).unwrap_or(0))
                    .sum::<u64>()
            })
            .sum()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn bucketed_top_k_sum_matches_full_sort(
            values in prop::collection::vec((0u32..6, 0u64..=1 << 32), 0..120),
            halvings in 1u32..=33,
        ) {
            let mut scratch = Scratch { exclusive: values.clone(), ..Scratch::default() };
            prop_assert_eq!(exclusive_sum(&mut scratch, 6, halvings), naive(&values, halvings));
        }
    }
}
