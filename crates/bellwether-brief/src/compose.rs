//! The composer: turns signals into a brief, or a quiet outcome that says why.

use bellwether_signal::Signal;
use chrono::{DateTime, Utc};

use crate::check::{check_signal, check_signals};
use crate::outcome::{LeftOut, LeftOutReason, Omissions, QuietReason};
use crate::{
    Brief, BriefItem, Change, ComposeError, Composed, Coverage, IndexEntry, Novelty, Policy, Quiet,
    SignalIndex, SignalPage, Snapshot,
};

/// Decides, under a [`Policy`], whether the signals say something worth sending.
///
/// # Example
///
/// ```
/// use bellwether_brief::{Composed, Composer, Policy};
/// # let signal: bellwether_signal::Signal = serde_json::from_str(include_str!("../testdata/seed/signal.json"))?;
/// let now = "2026-05-27T07:00:00Z".parse()?;
/// let composer = Composer::new(Policy::default());
///
/// // First brief: the seed signal (strength 8) is new.
/// let first = composer.compose(&[signal.clone()], None, now)?;
/// let Composed::Brief(brief) = &first else { panic!("expected a brief") };
/// assert_eq!(brief.items().len(), 1);
///
/// // Next morning, nothing changed: a quiet outcome that says why.
/// let next = composer.compose(&[signal], first.snapshot(), now + chrono::Duration::days(1))?;
/// let Composed::Quiet(quiet) = next else { panic!("expected quiet") };
/// assert_eq!(quiet.to_string(), "1 unchanged since the last brief");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Composer {
    policy: Policy,
}

impl Composer {
    /// A composer following `policy`.
    pub fn new(policy: Policy) -> Self {
        Composer { policy }
    }

    /// The policy it follows.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Composes a brief from `signals` at time `now`, comparing each with what
    /// `previous` (the snapshot of the last brief sent, if any) recorded.
    ///
    /// Signals weaker than the minimum strength are left out; under
    /// [`Novelty::NewOrReinforced`] so are those that are neither new, reinforced nor
    /// strengthened. The rest are ordered by the policy and cut at its item limit. If
    /// none remain the outcome is [`Composed::Quiet`], listing its reasons and what
    /// was left out. Coverage counts the sources of every signal given.
    ///
    /// # Errors
    ///
    /// - [`ComposeError::DuplicateSignal`] if two signals share an id;
    /// - [`ComposeError::SourceAfterReinforcement`] for a signal with a source
    ///   published after the signal was last reinforced.
    ///
    /// (A [`Signal`] already guarantees its counts agree with its sources.)
    pub fn compose(
        &self,
        signals: &[Signal],
        previous: Option<&Snapshot>,
        now: DateTime<Utc>,
    ) -> Result<Composed, ComposeError> {
        check_signals(signals)?;
        let coverage = Coverage::of_signals(signals);
        let min_strength = self.policy.min_strength();

        let mut candidates = Vec::new();
        let mut left_out = Vec::new();
        let (mut below_strength, mut unchanged) = (0, 0);
        for signal in signals {
            let change = Change::detect(signal, previous);
            let reason = if signal.strength() < min_strength {
                below_strength += 1;
                LeftOutReason::BelowStrength
            } else if self.policy.novelty() == Novelty::NewOrReinforced && !change.is_news() {
                unchanged += 1;
                LeftOutReason::Unchanged
            } else {
                candidates.push((signal, change));
                continue;
            };
            left_out.push((signal, change, reason));
        }

        let order = self.policy.order();
        if candidates.is_empty() {
            let mut reasons = Vec::new();
            if signals.is_empty() {
                reasons.push(QuietReason::NoSignals);
            }
            if below_strength > 0 {
                reasons.push(QuietReason::BelowStrength {
                    count: below_strength,
                    min_strength,
                });
            }
            if unchanged > 0 {
                reasons.push(QuietReason::Unchanged { count: unchanged });
            }
            left_out.sort_by(|a, b| order.compare(a.0, b.0));
            let left_out = left_out
                .into_iter()
                .map(|(signal, change, reason)| {
                    LeftOut::new(
                        signal.id().clone(),
                        signal.thesis().to_owned(),
                        signal.strength(),
                        change,
                        reason,
                    )
                })
                .collect();
            return Ok(Composed::Quiet(Quiet::new(
                now,
                reasons,
                left_out,
                coverage,
                previous.cloned(),
            )));
        }

        candidates.sort_by(|a, b| order.compare(a.0, b.0));
        let over_limit = candidates.len().saturating_sub(self.policy.max_items());
        candidates.truncate(self.policy.max_items());
        let number = previous.map_or(1, |snapshot| snapshot.brief_number().saturating_add(1));
        let snapshot = Snapshot::advance(previous, number, now, candidates.iter().map(|(s, _)| *s));
        let items = candidates
            .into_iter()
            .map(|(signal, change)| BriefItem::new(signal.clone(), change))
            .collect();
        let omissions = Omissions::new(min_strength, below_strength, unchanged, over_limit);
        Ok(Composed::Brief(Brief::new(
            number, now, items, coverage, omissions, snapshot,
        )))
    }

    /// Lists every signal, whatever its strength or novelty, in the policy's order,
    /// each with what changed since `previous`: the "all signals" page.
    ///
    /// # Errors
    ///
    /// The same as [`Composer::compose`].
    pub fn index(
        &self,
        signals: &[Signal],
        previous: Option<&Snapshot>,
    ) -> Result<SignalIndex, ComposeError> {
        check_signals(signals)?;
        let mut sorted: Vec<&Signal> = signals.iter().collect();
        sorted.sort_by(|a, b| self.policy.order().compare(a, b));
        let entries = sorted
            .into_iter()
            .map(|signal| IndexEntry::new(signal, Change::detect(signal, previous)))
            .collect();
        Ok(SignalIndex::new(entries, Coverage::of_signals(signals)))
    }

    /// The page of one signal, with what changed since `previous`.
    ///
    /// # Errors
    ///
    /// The per-signal errors of [`Composer::compose`].
    pub fn page(
        &self,
        signal: &Signal,
        previous: Option<&Snapshot>,
    ) -> Result<SignalPage, ComposeError> {
        check_signal(signal)?;
        Ok(SignalPage::new(
            signal.clone(),
            Change::detect(signal, previous),
        ))
    }
}
