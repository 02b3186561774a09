//! The composition policy: which signals deserve a place in a brief, and in what order.

use std::cmp::Ordering;

use bellwether_signal::{Signal, Strength};
use serde::{Deserialize, Serialize};

use crate::ComposeError;
use crate::grounded::UngroundedClaims;

/// Which signals count as news relative to the previous brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Novelty {
    /// Only signals that are new since the previous brief, were reinforced by new
    /// articles or extractions, or grew stronger. A signal that only weakened, or did
    /// not change, stays out: the reader has already seen it.
    #[default]
    NewOrReinforced,
    /// Every signal above the strength bar, changed or not (a full digest).
    Any,
}

/// The order of items in a brief and in the signal index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ItemOrder {
    /// Strongest first; among equals, the most recently reinforced first.
    #[default]
    StrengthThenRecency,
    /// Most recently reinforced first; among equals, the strongest first.
    RecencyThenStrength,
}

impl ItemOrder {
    /// Compares two signals: the one to list first is `Less`. Ties end on the id.
    pub fn compare(self, a: &Signal, b: &Signal) -> Ordering {
        let by_strength = b.strength().cmp(&a.strength());
        let by_recency = b.last_reinforced().cmp(&a.last_reinforced());
        let primary = match self {
            ItemOrder::StrengthThenRecency => by_strength.then(by_recency),
            ItemOrder::RecencyThenStrength => by_recency.then(by_strength),
        };
        primary.then_with(|| a.id().as_str().cmp(b.id().as_str()))
    }
}

/// The rules a [`Composer`](crate::Composer) follows.
///
/// The defaults: minimum strength 6, [`Novelty::NewOrReinforced`], at most 10 items,
/// [`ItemOrder::StrengthThenRecency`]. Ties are always broken by signal id so the same
/// input gives the same brief.
///
/// # Example
///
/// ```
/// use bellwether_brief::{ItemOrder, Novelty, Policy};
/// use bellwether_signal::Strength;
///
/// let policy = Policy::builder()
///     .min_strength(Strength::new(7)?)
///     .novelty(Novelty::Any)
///     .max_items(5)
///     .order(ItemOrder::RecencyThenStrength)
///     .build()?;
/// assert_eq!(policy.max_items(), 5);
///
/// // A brief must be able to hold at least one item.
/// assert!(Policy::builder().max_items(0).build().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawPolicy", into = "RawPolicy")]
pub struct Policy {
    min_strength: Strength,
    novelty: Novelty,
    max_items: usize,
    order: ItemOrder,
    ungrounded: UngroundedClaims,
}

impl Policy {
    /// Starts a builder holding the default policy.
    pub fn builder() -> PolicyBuilder {
        PolicyBuilder {
            policy: Policy::default(),
        }
    }

    /// Signals weaker than this stay out of the brief.
    pub fn min_strength(&self) -> Strength {
        self.min_strength
    }

    /// Which changes since the previous brief count as news.
    pub fn novelty(&self) -> Novelty {
        self.novelty
    }

    /// The most items one brief holds; the rest are counted as omitted.
    pub fn max_items(&self) -> usize {
        self.max_items
    }

    /// The order of items.
    pub fn order(&self) -> ItemOrder {
        self.order
    }

    /// What to do with a paragraph holding a claim its article does not bear out.
    pub fn ungrounded(&self) -> UngroundedClaims {
        self.ungrounded
    }
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            min_strength: default_min_strength(),
            novelty: Novelty::default(),
            max_items: 10,
            order: ItemOrder::default(),
            ungrounded: UngroundedClaims::default(),
        }
    }
}

fn default_min_strength() -> Strength {
    match Strength::new(6) {
        Ok(strength) => strength,
        // 6 lies inside the 1–10 range by definition of `Strength`.
        Err(_) => unreachable!("6 is a valid strength"),
    }
}

/// Builds a [`Policy`] with chained setters; [`PolicyBuilder::build`] checks it.
#[derive(Debug, Clone)]
pub struct PolicyBuilder {
    policy: Policy,
}

impl PolicyBuilder {
    /// Sets the strength below which signals stay out (default 6).
    pub fn min_strength(mut self, strength: Strength) -> Self {
        self.policy.min_strength = strength;
        self
    }

    /// Sets which changes count as news (default [`Novelty::NewOrReinforced`]).
    pub fn novelty(mut self, novelty: Novelty) -> Self {
        self.policy.novelty = novelty;
        self
    }

    /// Sets the most items one brief holds (default 10; from 1 to [`MAX_BRIEF_ITEMS`]).
    pub fn max_items(mut self, max_items: usize) -> Self {
        self.policy.max_items = max_items;
        self
    }

    /// Sets the order of items (default [`ItemOrder::StrengthThenRecency`]).
    pub fn order(mut self, order: ItemOrder) -> Self {
        self.policy.order = order;
        self
    }

    /// Sets what to do with a paragraph holding a claim its article does not bear out (default
    /// [`UngroundedClaims::Mark`]).
    pub fn ungrounded(mut self, ungrounded: UngroundedClaims) -> Self {
        self.policy.ungrounded = ungrounded;
        self
    }

    /// Checks the settings and returns the policy.
    ///
    /// # Errors
    ///
    /// [`ComposeError::InvalidPolicy`] when `max_items` is 0 (such a brief could never
    /// say anything) or over [`MAX_BRIEF_ITEMS`].
    pub fn build(self) -> Result<Policy, ComposeError> {
        validate(self.policy)
    }
}

/// The most items one brief may hold, and so the largest [`Policy::max_items`]: a brief is
/// read in one sitting, and the bound keeps rendering time and output size predictable.
pub const MAX_BRIEF_ITEMS: usize = 1_000;

fn validate(policy: Policy) -> Result<Policy, ComposeError> {
    if !(1..=MAX_BRIEF_ITEMS).contains(&policy.max_items) {
        return Err(ComposeError::InvalidPolicy {
            setting: "max_items",
            value: policy.max_items.to_string(),
            expected: "a whole number from 1 to 1000 (MAX_BRIEF_ITEMS)",
        });
    }
    Ok(policy)
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    min_strength: Strength,
    #[serde(default)]
    novelty: Novelty,
    max_items: usize,
    #[serde(default)]
    order: ItemOrder,
    #[serde(default)]
    ungrounded: UngroundedClaims,
}

impl TryFrom<RawPolicy> for Policy {
    type Error = ComposeError;

    fn try_from(raw: RawPolicy) -> Result<Self, Self::Error> {
        validate(Policy {
            min_strength: raw.min_strength,
            novelty: raw.novelty,
            max_items: raw.max_items,
            order: raw.order,
            ungrounded: raw.ungrounded,
        })
    }
}

impl From<Policy> for RawPolicy {
    fn from(policy: Policy) -> Self {
        RawPolicy {
            min_strength: policy.min_strength,
            novelty: policy.novelty,
            max_items: policy.max_items,
            order: policy.order,
            ungrounded: policy.ungrounded,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_policy_matches_its_documentation() {
        let policy = Policy::default();
        assert_eq!(policy.min_strength().value(), 6);
        assert_eq!(policy.novelty(), Novelty::NewOrReinforced);
        assert_eq!(policy.max_items(), 10);
        assert_eq!(policy.order(), ItemOrder::StrengthThenRecency);
        assert_eq!(policy.ungrounded(), UngroundedClaims::Mark);
    }

    #[test]
    fn rejects_zero_max_items() {
        let err = Policy::builder().max_items(0).build().unwrap_err();
        assert!(matches!(
            err,
            ComposeError::InvalidPolicy {
                setting: "max_items",
                ..
            }
        ));
        assert_eq!(
            err.to_string(),
            "policy setting `max_items` = 0 is invalid; use a whole number from 1 to 1000 (MAX_BRIEF_ITEMS)"
        );
    }

    #[test]
    fn deserializing_checks_the_same_rules() {
        let ok: Policy =
            serde_json::from_str(r#"{"min_strength":7,"max_items":3,"novelty":"any"}"#).unwrap();
        assert_eq!(ok.max_items(), 3);
        assert_eq!(ok.novelty(), Novelty::Any);
        assert!(serde_json::from_str::<Policy>(r#"{"min_strength":7,"max_items":0}"#).is_err());
        let round: Policy = serde_json::from_str(&serde_json::to_string(&ok).unwrap()).unwrap();
        assert_eq!(round, ok);
    }
}
