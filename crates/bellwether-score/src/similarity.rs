//! Pairwise similarity of two extraction profiles: IDF-weighted thesis overlap, entity overlap and
//! the guards that keep sibling theses apart.

use std::sync::OnceLock;

use crate::ClusterConfig;
use crate::profile::Profile;
use crate::words::directions_conflict;

/// Pseudo-count added to the collection size so that weights are sane for tiny collections:
/// with a handful of extractions every word weighs about the same.
const PRIOR_DOCUMENTS: u64 = 100;

/// Fixed-point scale of the logarithms behind term weights.
const LOG_SCALE: f64 = 256.0;

/// Arguments below this have their [`quantised_ln`] looked up in a table made once.
const LN_TABLE_SIZE: u64 = 4_096;

/// `round(256 · ln x)`; weights are integers so that sums are exact in any order.
pub(crate) fn quantised_ln(x: u64) -> u32 {
    static TABLE: OnceLock<Box<[u32]>> = OnceLock::new();
    if x < LN_TABLE_SIZE {
        let table = TABLE.get_or_init(|| (0..LN_TABLE_SIZE).map(computed_ln).collect());
        if let Some(value) = table.get(usize::try_from(x).unwrap_or(usize::MAX)) {
            return *value;
        }
    }
    computed_ln(x)
}

/// [`quantised_ln`] computed.
fn computed_ln(x: u64) -> u32 {
    // Precision loss is irrelevant here: counts are far below 2^52.
    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    let value = ((x.max(1) as f64).ln() * LOG_SCALE).round() as u32;
    value
}

/// Inverse document frequency weights: a term found in few extractions weighs more.
///
/// The weight of a term found in `df` of `n` extractions is
/// `max(1, round(256 ln(n + 100)) − round(256 ln(df + 1)))`.
#[derive(Debug, Clone, Default)]
pub(crate) struct TermStats {
    document_frequency: Vec<u32>,
    ln_frequency: Vec<u32>,
    documents: u64,
    ln_documents: u32,
}

impl TermStats {
    /// Statistics of no documents.
    pub(crate) fn new() -> Self {
        Self {
            ln_documents: quantised_ln(PRIOR_DOCUMENTS),
            ..Self::default()
        }
    }

    /// Counts one more document holding these terms.
    pub(crate) fn add(&mut self, terms: &[u32]) {
        for term in terms {
            let term = *term as usize;
            if term >= self.document_frequency.len() {
                self.document_frequency.resize(term + 1, 0);
                self.ln_frequency.resize(term + 1, 0);
            }
            if let (Some(count), Some(ln)) = (
                self.document_frequency.get_mut(term),
                self.ln_frequency.get_mut(term),
            ) {
                *count += 1;
                *ln = quantised_ln(u64::from(*count) + 1);
            }
        }
        self.documents += 1;
        self.ln_documents = quantised_ln(self.documents + PRIOR_DOCUMENTS);
    }

    /// The weight of a term (terms never seen weigh the most).
    pub(crate) fn weight(&self, term: u32) -> u64 {
        let ln_frequency = self.ln_frequency.get(term as usize).copied().unwrap_or(0);
        u64::from(self.ln_documents.saturating_sub(ln_frequency).max(1))
    }

    /// The summed weight of a set of terms.
    pub(crate) fn total(&self, terms: &[u32]) -> u64 {
        terms.iter().map(|term| self.weight(*term)).sum()
    }
}

/// Number of shared elements of two sorted, deduplicated slices.
pub(crate) fn shared_count(left: &[u32], right: &[u32]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while let (Some(a), Some(b)) = (left.get(i), right.get(j)) {
        match a.cmp(b) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// Summed weight of the shared elements of two sorted, deduplicated term slices.
fn shared_weight(left: &[u32], right: &[u32], stats: &TermStats) -> u64 {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while let (Some(a), Some(b)) = (left.get(i), right.get(j)) {
        match a.cmp(b) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += stats.weight(*a);
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// Jaccard index of two sorted name sets; 0 when both are empty (no evidence either way).
fn jaccard(left: &[u32], right: &[u32]) -> f64 {
    let shared = shared_count(left, right);
    let union = left.len() + right.len() - shared;
    if union == 0 {
        0.0
    } else {
        ratio(shared as u64, union as u64)
    }
}

fn ratio(numerator: u64, denominator: u64) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let value = numerator as f64 / denominator as f64;
    value
}

/// Whether each side names a place the other neither names nor contains nor is part of:
/// `{US, CN}` against `{US, RU}` conflict, `{EU, DE}` against `{DE, JP}` do not (the EU contains
/// Germany, so only the right side names a place of its own, which is an addition).
fn regions_conflict(left: &Profile, right: &Profile) -> bool {
    places_conflict(
        (&left.regions, &left.region_blocs),
        (&right.regions, &right.region_blocs),
    )
}

/// [`regions_conflict`] on places given as sorted place identifiers with their blocs.
pub(crate) fn places_conflict(left: (&[u32], &[u32]), right: (&[u32], &[u32])) -> bool {
    has_own_place(left, right) && has_own_place(right, left)
}

/// Whether `side` names a place that `other` does not cover.
fn has_own_place(
    (regions, region_blocs): (&[u32], &[u32]),
    (other_regions, other_blocs): (&[u32], &[u32]),
) -> bool {
    regions
        .iter()
        .zip(region_blocs.iter())
        .any(|(place, bloc)| {
            other_regions.binary_search(place).is_err()
                && other_regions.binary_search(bloc).is_err()
                && !other_blocs.contains(place)
        })
}

/// Whether both theses fill one role (instrument, sector, outcome) with different concepts only.
pub(crate) fn roles_conflict(left: &[(u8, u32)], right: &[(u8, u32)]) -> bool {
    let mut conflict = false;
    let mut role = 0;
    let mut seen_left = false;
    let mut seen_right = false;
    let mut shared = false;
    let mut settle = |seen_left: bool, seen_right: bool, shared: bool| {
        if seen_left && seen_right && !shared {
            conflict = true;
        }
    };
    let (mut i, mut j) = (0, 0);
    loop {
        let next = match (left.get(i), right.get(j)) {
            (None, None) => break,
            (Some(a), None) => (a.0, Some(*a), None),
            (None, Some(b)) => (b.0, None, Some(*b)),
            (Some(a), Some(b)) => match a.cmp(b) {
                std::cmp::Ordering::Less => (a.0, Some(*a), None),
                std::cmp::Ordering::Greater => (b.0, None, Some(*b)),
                std::cmp::Ordering::Equal => (a.0, Some(*a), Some(*b)),
            },
        };
        if next.0 != role {
            settle(seen_left, seen_right, shared);
            role = next.0;
            seen_left = false;
            seen_right = false;
            shared = false;
        }
        match (next.1, next.2) {
            (Some(_), Some(_)) => {
                shared = true;
                seen_left = true;
                seen_right = true;
                i += 1;
                j += 1;
            }
            (Some(_), None) => {
                seen_left = true;
                i += 1;
            }
            _ => {
                seen_right = true;
                j += 1;
            }
        }
    }
    settle(seen_left, seen_right, shared);
    conflict
}

/// The similarity of two profiles if they should be linked, `None` if a guard objects or the
/// similarity falls below the threshold. Symmetric, and a pure function of its inputs.
///
/// The clusterer calls [`link_score_with_totals`], knowing the totals; tests use this.
#[cfg(test)]
pub(crate) fn link_score(
    config: &ClusterConfig,
    stats: &TermStats,
    left: &Profile,
    right: &Profile,
) -> Option<f64> {
    link_score_with_totals(config, stats, left, right, None)
}

/// The similarity of two profiles if they should be linked, `None` if a guard objects or the
/// similarity falls below the threshold; `totals` are the two profiles' total term weights when
/// the caller knows them. Symmetric, and a pure function of its inputs.
pub(crate) fn link_score_with_totals(
    config: &ClusterConfig,
    stats: &TermStats,
    left: &Profile,
    right: &Profile,
    totals: Option<(u64, u64)>,
) -> Option<f64> {
    // The thesis overlap rejects most candidates, so it comes first; the guards follow.
    if config.reject_direction_conflict() && directions_conflict(left.direction, right.direction) {
        return None;
    }
    let shared = shared_weight(&left.terms, &right.terms, stats);
    let (left_total, right_total) =
        totals.unwrap_or_else(|| (stats.total(&left.terms), stats.total(&right.terms)));
    let total = left_total + right_total;
    let thesis = ratio(2 * shared, total.max(1));
    if thesis < config.min_thesis_similarity() {
        return None;
    }
    if config.require_shared_entity() {
        let any = |profile: &Profile| !profile.actors.is_empty() || !profile.regions.is_empty();
        if (any(left) || any(right))
            && shared_count(&left.actors, &right.actors) == 0
            && shared_count(&left.regions, &right.regions) == 0
        {
            return None;
        }
    }
    if config.reject_region_conflict() && regions_conflict(left, right) {
        return None;
    }
    if config.reject_subject_conflict()
        && !left.subjects.is_empty()
        && !right.subjects.is_empty()
        && shared_count(&left.subjects, &right.subjects) == 0
    {
        return None;
    }
    if config.reject_role_conflict() && roles_conflict(&left.roles, &right.roles) {
        return None;
    }
    let score = thesis
        + config.actor_weight() * jaccard(&left.actors, &right.actors)
        + config.region_weight() * jaccard(&left.regions, &right.regions)
        + config.tag_weight() * jaccard(&left.tags, &right.tags);
    (score >= config.threshold()).then_some(score)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(terms: &[u32], actors: &[u32], regions: &[u32]) -> Profile {
        Profile {
            terms: terms.into(),
            actors: actors.into(),
            regions: regions.into(),
            region_blocs: vec![crate::profile::NO_BLOC; regions.len()].into(),
            tags: Box::new([]),
            subjects: Box::new([]),
            roles: Box::new([]),
            direction: 0,
        }
    }

    #[test]
    fn rare_terms_weigh_more_than_common_ones() {
        let mut stats = TermStats::new();
        for _ in 0..50 {
            stats.add(&[0]);
        }
        stats.add(&[1]);
        assert!(stats.weight(1) > stats.weight(0));
        assert!(stats.weight(2) > stats.weight(1));
    }

    #[test]
    fn identical_profiles_link() {
        let stats = TermStats::new();
        let a = profile(&[1, 2, 3], &[1], &[1]);
        let score = link_score(&ClusterConfig::default(), &stats, &a, &a).unwrap();
        assert!(
            (score - 1.25).abs() < 1e-12,
            "thesis 1 + actors 0.2 + regions 0.05"
        );
    }

    #[test]
    fn guard_keeps_apart_identical_theses_without_shared_entity() {
        let stats = TermStats::new();
        let a = profile(&[1, 2, 3], &[1], &[]);
        let b = profile(&[1, 2, 3], &[2], &[]);
        assert_eq!(link_score(&ClusterConfig::default(), &stats, &a, &b), None);
    }

    #[test]
    fn region_swap_is_a_conflict_but_an_extra_region_is_not() {
        let stats = TermStats::new();
        let a = profile(&[1, 2, 3], &[], &[1, 2]);
        let swapped = profile(&[1, 2, 3], &[], &[1, 3]);
        let extra = profile(&[1, 2, 3], &[], &[1, 2, 3]);
        let config = ClusterConfig::default();
        assert_eq!(link_score(&config, &stats, &a, &swapped), None);
        assert!(link_score(&config, &stats, &a, &extra).is_some());
    }

    #[test]
    fn score_is_symmetric() {
        let mut stats = TermStats::new();
        stats.add(&[1, 2]);
        let a = profile(&[1, 2, 3, 4], &[1, 2], &[1]);
        let b = profile(&[1, 2, 5], &[1], &[1]);
        let config = ClusterConfig::default();
        assert_eq!(
            link_score(&config, &stats, &a, &b),
            link_score(&config, &stats, &b, &a)
        );
    }
}
