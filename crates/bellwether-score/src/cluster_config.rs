//! Tunable parameters of extraction clustering, validated once.

use serde::{Deserialize, Serialize};

use crate::ClusterError;

/// How similar two extractions must be to count as the same signal.
///
/// The similarity of two extractions is
/// `thesis + actor_weight × J(actors) + region_weight × J(regions) + tag_weight × J(tags)`,
/// where `thesis` is the IDF-weighted Dice coefficient of their stemmed content words and `J` is
/// the Jaccard index of two name sets. Two extractions are linked when the similarity reaches
/// [`threshold`](Self::threshold), the thesis part alone reaches
/// [`min_thesis_similarity`](Self::min_thesis_similarity), and none of the guards below objects
/// (an extraction then joins
/// a signal only if it is also linked to at least [`min_support`](Self::min_support) of the
/// signal's other members):
///
/// - *shared entity*: when either side names any actor or region, they share at least one;
/// - *region conflict*: neither side names a region the other lacks on both sides at once
///   (`{US, CN}` against `{US, RU}`), which is how sibling theses about another country look;
/// - *direction conflict*: the theses do not use opposite directional words of one group
///   (`accelerates` against `slows`, `tighten` against `ease`);
/// - *subject conflict*: the theses do not each name actors of their own as their subject with
///   none in common (`Samsung's output` against `LG Energy's output`);
/// - *role conflict*: the theses do not fill one role of the synonym lexicon (instrument,
///   sector, outcome) with different concepts only (`tariffs on steel` against
///   `tariffs on wheat`).
///
/// Theses are compared after folding: stop words and hedges (`analysts warn`) dropped, words
/// stemmed, synonyms of a small news lexicon folded into one concept (`export controls`,
/// `export curbs`), places into their codes (`Chinese`, `Beijing` and `CN` are one place, and
/// the regions of an extraction include those its thesis names), and directional words into
/// one term per direction. A bloc contains its members for the region guard: `{EU, DE}` and
/// `{DE, JP}` do not conflict. Words outside the lexicon that the collection itself shows to be
/// wordings of a lexicon concept (they take its place in otherwise matching theses in several
/// contexts) are read as that concept where a thesis leaves its role open; see
/// [`LearnedSynonym`](crate::LearnedSynonym).
///
/// The threshold must exceed the sum of the three entity weights so that no pair links without
/// sharing thesis words; this also bounds the candidate search (see [`SignalClusters`]).
///
/// # Example
///
/// ```
/// use bellwether_score::ClusterConfig;
///
/// let config = ClusterConfig::builder().threshold(0.6).build()?;
/// assert_eq!(config.threshold(), 0.6);
/// assert!(ClusterConfig::builder().threshold(1.5).build().is_err());
/// assert!(ClusterConfig::builder().threshold(0.1).actor_weight(0.2).build().is_err());
/// # Ok::<(), bellwether_score::ClusterError>(())
/// ```
///
/// [`SignalClusters`]: crate::SignalClusters
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawClusterConfig", into = "RawClusterConfig")]
pub struct ClusterConfig {
    threshold: f64,
    actor_weight: f64,
    region_weight: f64,
    tag_weight: f64,
    min_support: f64,
    min_thesis_similarity: f64,
    postings_limit: usize,
    require_shared_entity: bool,
    reject_region_conflict: bool,
    reject_direction_conflict: bool,
    reject_subject_conflict: bool,
    reject_role_conflict: bool,
}

impl Default for ClusterConfig {
    /// Threshold 0.5, actor weight 0.2, region weight 0.05, tag weight 0.1, minimum support 0.5,
    /// minimum thesis similarity 0.3, postings limit 500, all guards on.
    fn default() -> Self {
        Self {
            threshold: 0.5,
            actor_weight: 0.2,
            region_weight: 0.05,
            tag_weight: 0.1,
            min_support: 0.5,
            min_thesis_similarity: 0.3,
            postings_limit: 500,
            require_shared_entity: true,
            reject_region_conflict: true,
            reject_direction_conflict: true,
            reject_subject_conflict: true,
            reject_role_conflict: true,
        }
    }
}

impl ClusterConfig {
    /// A builder starting from the defaults.
    pub fn builder() -> ClusterConfigBuilder {
        ClusterConfigBuilder {
            raw: RawClusterConfig::from(Self::default()),
        }
    }

    /// The similarity a pair must reach to be linked, in `(0, 1]`.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// Weight of the Jaccard index of the actor sets.
    pub fn actor_weight(&self) -> f64 {
        self.actor_weight
    }

    /// Weight of the Jaccard index of the region sets.
    pub fn region_weight(&self) -> f64 {
        self.region_weight
    }

    /// Weight of the Jaccard index of the tag sets.
    pub fn tag_weight(&self) -> f64 {
        self.tag_weight
    }

    /// The fraction of a signal's other members an extraction must also be linked to (beyond its
    /// best match) to join it, in `[0, 1]`; 0 is plain best-match (pivot) assignment.
    pub fn min_support(&self) -> f64 {
        self.min_support
    }

    /// The thesis similarity a pair must reach whatever its entities, in `[0, 1]`: shared actors,
    /// regions and tags cannot link theses that share few words. It also bounds the candidate
    /// search from below, which keeps assignment fast.
    pub fn min_thesis_similarity(&self) -> f64 {
        self.min_thesis_similarity
    }

    /// Terms with more index entries than this are not used to propose candidates: two
    /// extractions are compared only if they share at least one rarer term. Up to this many
    /// extractions in all, every pair that should be linked is found; beyond it, pairs whose
    /// shared terms are all among the commonest words of the collection are missed, which
    /// bounds the work per extraction (see the costs of [`SignalClusters::assign`](crate::SignalClusters::assign) and
    /// [`SignalClusters::batch`](crate::SignalClusters::batch)) however large the collection grows. A batch indexes each
    /// extraction under the prefix of its terms that any match must share (its rarest terms),
    /// so its lists are shorter than the terms' document frequencies.
    pub fn postings_limit(&self) -> usize {
        self.postings_limit
    }

    /// Whether linked extractions must share an actor or region when either names one.
    pub fn require_shared_entity(&self) -> bool {
        self.require_shared_entity
    }

    /// Whether extractions that each name a region the other lacks are kept apart.
    pub fn reject_region_conflict(&self) -> bool {
        self.reject_region_conflict
    }

    /// Whether theses with opposite directional words are kept apart.
    pub fn reject_direction_conflict(&self) -> bool {
        self.reject_direction_conflict
    }

    /// Whether theses that each name actors of their own as their subject, and none in common,
    /// are kept apart (`Samsung's battery output` against `LG Energy's battery output`).
    pub fn reject_subject_conflict(&self) -> bool {
        self.reject_subject_conflict
    }

    /// Whether theses that fill one role of the lexicon (instrument, sector or outcome) with
    /// different concepts only are kept apart (`tariffs on steel` against `tariffs on wheat`).
    pub fn reject_role_conflict(&self) -> bool {
        self.reject_role_conflict
    }

    /// The lowest thesis similarity that can still reach the threshold with full entity bonuses.
    pub(crate) fn thesis_floor(&self) -> f64 {
        let with_bonus =
            self.threshold - (self.actor_weight + self.region_weight + self.tag_weight);
        with_bonus.max(self.min_thesis_similarity)
    }
}

/// Builds a [`ClusterConfig`], checking every value in [`build`](Self::build).
#[derive(Debug, Clone)]
pub struct ClusterConfigBuilder {
    raw: RawClusterConfig,
}

impl ClusterConfigBuilder {
    /// Sets the similarity threshold (default 0.5).
    pub fn threshold(&mut self, value: f64) -> &mut Self {
        self.raw.threshold = value;
        self
    }

    /// Sets the actor weight (default 0.2).
    pub fn actor_weight(&mut self, value: f64) -> &mut Self {
        self.raw.actor_weight = value;
        self
    }

    /// Sets the region weight (default 0.05).
    pub fn region_weight(&mut self, value: f64) -> &mut Self {
        self.raw.region_weight = value;
        self
    }

    /// Sets the tag weight (default 0.1).
    pub fn tag_weight(&mut self, value: f64) -> &mut Self {
        self.raw.tag_weight = value;
        self
    }

    /// Sets the minimum support (default 0.5).
    pub fn min_support(&mut self, value: f64) -> &mut Self {
        self.raw.min_support = value;
        self
    }

    /// Sets the postings limit (default 500; `usize::MAX` makes candidate search exhaustive).
    pub fn postings_limit(&mut self, value: usize) -> &mut Self {
        self.raw.postings_limit = value;
        self
    }

    /// Sets the minimum thesis similarity (default 0.3).
    pub fn min_thesis_similarity(&mut self, value: f64) -> &mut Self {
        self.raw.min_thesis_similarity = value;
        self
    }

    /// Turns the shared-entity guard on or off (default on).
    pub fn require_shared_entity(&mut self, on: bool) -> &mut Self {
        self.raw.require_shared_entity = on;
        self
    }

    /// Turns the region-conflict guard on or off (default on).
    pub fn reject_region_conflict(&mut self, on: bool) -> &mut Self {
        self.raw.reject_region_conflict = on;
        self
    }

    /// Turns the direction-conflict guard on or off (default on).
    pub fn reject_direction_conflict(&mut self, on: bool) -> &mut Self {
        self.raw.reject_direction_conflict = on;
        self
    }

    /// Turns the subject-conflict guard on or off (default on).
    pub fn reject_subject_conflict(&mut self, on: bool) -> &mut Self {
        self.raw.reject_subject_conflict = on;
        self
    }

    /// Turns the role-conflict guard on or off (default on).
    pub fn reject_role_conflict(&mut self, on: bool) -> &mut Self {
        self.raw.reject_role_conflict = on;
        self
    }

    /// The checked configuration.
    ///
    /// # Errors
    ///
    /// [`ClusterError::InvalidParameter`] when the threshold is not in `(0, 1]` or a weight is
    /// negative, above 1 or not finite; [`ClusterError::ThresholdBelowBonus`] when the threshold
    /// does not exceed the sum of the weights.
    pub fn build(&self) -> Result<ClusterConfig, ClusterError> {
        ClusterConfig::try_from(self.raw.clone())
    }
}

/// The serialised form of [`ClusterConfig`].
#[derive(Debug, Clone, Serialize, Deserialize)]
struct RawClusterConfig {
    threshold: f64,
    actor_weight: f64,
    region_weight: f64,
    tag_weight: f64,
    min_support: f64,
    min_thesis_similarity: f64,
    postings_limit: usize,
    require_shared_entity: bool,
    reject_region_conflict: bool,
    reject_direction_conflict: bool,
    #[serde(default = "on")]
    reject_subject_conflict: bool,
    #[serde(default = "on")]
    reject_role_conflict: bool,
}

/// Guards added after the first release default to on when an older configuration is read.
fn on() -> bool {
    true
}

impl From<ClusterConfig> for RawClusterConfig {
    fn from(config: ClusterConfig) -> Self {
        Self {
            threshold: config.threshold,
            actor_weight: config.actor_weight,
            region_weight: config.region_weight,
            tag_weight: config.tag_weight,
            min_support: config.min_support,
            min_thesis_similarity: config.min_thesis_similarity,
            postings_limit: config.postings_limit,
            require_shared_entity: config.require_shared_entity,
            reject_region_conflict: config.reject_region_conflict,
            reject_direction_conflict: config.reject_direction_conflict,
            reject_subject_conflict: config.reject_subject_conflict,
            reject_role_conflict: config.reject_role_conflict,
        }
    }
}

impl TryFrom<RawClusterConfig> for ClusterConfig {
    type Error = ClusterError;

    fn try_from(raw: RawClusterConfig) -> Result<Self, Self::Error> {
        if !(raw.threshold.is_finite() && raw.threshold > 0.0 && raw.threshold <= 1.0) {
            return Err(ClusterError::InvalidParameter {
                name: "threshold",
                value: raw.threshold,
                range: "(0, 1]",
            });
        }
        for (name, value) in [
            ("actor_weight", raw.actor_weight),
            ("region_weight", raw.region_weight),
            ("tag_weight", raw.tag_weight),
            ("min_support", raw.min_support),
            ("min_thesis_similarity", raw.min_thesis_similarity),
        ] {
            if !(value.is_finite() && (0.0..=1.0).contains(&value)) {
                return Err(ClusterError::InvalidParameter {
                    name,
                    value,
                    range: "[0, 1]",
                });
            }
        }
        let bonus = raw.actor_weight + raw.region_weight + raw.tag_weight;
        if raw.threshold <= bonus {
            return Err(ClusterError::ThresholdBelowBonus {
                threshold: raw.threshold,
                bonus,
            });
        }
        Ok(Self {
            threshold: raw.threshold,
            actor_weight: raw.actor_weight,
            region_weight: raw.region_weight,
            tag_weight: raw.tag_weight,
            min_support: raw.min_support,
            min_thesis_similarity: raw.min_thesis_similarity,
            postings_limit: raw.postings_limit,
            require_shared_entity: raw.require_shared_entity,
            reject_region_conflict: raw.reject_region_conflict,
            reject_direction_conflict: raw.reject_direction_conflict,
            reject_subject_conflict: raw.reject_subject_conflict,
            reject_role_conflict: raw.reject_role_conflict,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_non_finite_threshold() {
        let error = ClusterConfig::builder()
            .threshold(f64::NAN)
            .build()
            .unwrap_err();
        assert!(matches!(
            error,
            ClusterError::InvalidParameter {
                name: "threshold",
                ..
            }
        ));
    }

    #[test]
    fn rejects_negative_weight() {
        let error = ClusterConfig::builder()
            .tag_weight(-0.1)
            .build()
            .unwrap_err();
        assert!(matches!(
            error,
            ClusterError::InvalidParameter {
                name: "tag_weight",
                ..
            }
        ));
    }

    #[test]
    fn deserialisation_applies_the_same_checks() {
        let json = r#"{"threshold":0.0,"actor_weight":0.1,"region_weight":0.0,"tag_weight":0.0,"min_support":0.3,"min_thesis_similarity":0.3,"postings_limit":2000,
            "require_shared_entity":true,"reject_region_conflict":true,"reject_direction_conflict":true}"#;
        assert!(serde_json::from_str::<ClusterConfig>(json).is_err());
        let config = ClusterConfig::default();
        let back: ClusterConfig =
            serde_json::from_str(&serde_json::to_string(&config).unwrap()).unwrap();
        assert_eq!(back, config);
    }
}
