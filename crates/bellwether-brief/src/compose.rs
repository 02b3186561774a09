//! The composer: turns signals into a brief, or a quiet outcome that says why.

use bellwether_signal::Signal;
use chrono::{DateTime, Utc};

use crate::check::{check_signal, check_signals};
use crate::grounded::{UngroundedClaims, without_flagged_paragraphs};
use crate::outcome::{LeftOut, LeftOutReason, Omissions, QuietReason};
use crate::{
    Brief, BriefItem, Change, ComposeError, Composed, Coverage, IndexEntry, Novelty, Policy, Quiet,
    SignalIndex, SignalPage, Snapshot,
};

/// What the policy decided, by index into the input.
struct Decision {
    chosen: Vec<(usize, Change)>,
    left_out: Vec<(usize, Change, LeftOutReason)>,
    omissions: Omissions,
    coverage: Coverage,
}

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
        let decision = self.decide(signals, previous)?;
        if decision.chosen.is_empty() {
            return Ok(Composed::Quiet(
                self.quiet(decision, signals, previous, now),
            ));
        }
        let items = decision
            .chosen
            .iter()
            .map(|&(index, change)| Ok(BriefItem::new(self.shown(&signals[index])?, change)))
            .collect::<Result<_, ComposeError>>()?;
        Ok(Composed::Brief(
            self.brief(decision, signals, items, previous, now),
        ))
    }

    /// Like [`Composer::compose`], but takes the signals by value and moves the chosen
    /// ones into the brief instead of cloning them: cheaper for large briefs when the
    /// caller no longer needs the signals.
    ///
    /// # Errors
    ///
    /// As [`Composer::compose`].
    pub fn compose_owned(
        &self,
        signals: Vec<Signal>,
        previous: Option<&Snapshot>,
        now: DateTime<Utc>,
    ) -> Result<Composed, ComposeError> {
        let decision = self.decide(&signals, previous)?;
        if decision.chosen.is_empty() {
            return Ok(Composed::Quiet(
                self.quiet(decision, &signals, previous, now),
            ));
        }
        let snapshot = self.next_snapshot(&decision, &signals, previous, now);
        let mut slots: Vec<Option<Signal>> = signals.into_iter().map(Some).collect();
        let items = decision
            .chosen
            .iter()
            .filter_map(|&(index, change)| {
                let signal = slots.get_mut(index)?.take()?;
                Some(self.shown_owned(signal).map(|s| BriefItem::new(s, change)))
            })
            .collect::<Result<_, ComposeError>>()?;
        Ok(Composed::Brief(Brief::new(
            snapshot.brief_number(),
            now,
            items,
            decision.coverage,
            decision.omissions,
            snapshot,
        )))
    }

    /// Applies the policy: which signals go in (by index, in order) and which stay out.
    fn decide(
        &self,
        signals: &[Signal],
        previous: Option<&Snapshot>,
    ) -> Result<Decision, ComposeError> {
        check_signals(signals)?;
        let min_strength = self.policy.min_strength();
        let mut chosen = Vec::new();
        let mut left_out = Vec::new();
        let (mut below_strength, mut unchanged) = (0, 0);
        for (index, signal) in signals.iter().enumerate() {
            let change = Change::detect(signal, previous);
            let reason = if signal.strength() < min_strength {
                below_strength += 1;
                LeftOutReason::BelowStrength
            } else if self.policy.novelty() == Novelty::NewOrReinforced && !change.is_news() {
                unchanged += 1;
                LeftOutReason::Unchanged
            } else {
                chosen.push((index, change));
                continue;
            };
            left_out.push((index, change, reason));
        }
        let order = self.policy.order();
        chosen.sort_by(|a, b| order.compare(&signals[a.0], &signals[b.0]));
        let over_limit = chosen.len().saturating_sub(self.policy.max_items());
        chosen.truncate(self.policy.max_items());
        Ok(Decision {
            chosen,
            left_out,
            omissions: Omissions::new(min_strength, below_strength, unchanged, over_limit),
            coverage: Coverage::of_signals(signals),
        })
    }

    fn next_snapshot(
        &self,
        decision: &Decision,
        signals: &[Signal],
        previous: Option<&Snapshot>,
        now: DateTime<Utc>,
    ) -> Snapshot {
        let number = previous.map_or(1, |snapshot| snapshot.brief_number().saturating_add(1));
        let shown = decision.chosen.iter().map(|&(index, _)| &signals[index]);
        Snapshot::advance(previous, number, now, shown)
    }

    fn brief(
        &self,
        decision: Decision,
        signals: &[Signal],
        items: Vec<BriefItem>,
        previous: Option<&Snapshot>,
        now: DateTime<Utc>,
    ) -> Brief {
        let snapshot = self.next_snapshot(&decision, signals, previous, now);
        Brief::new(
            snapshot.brief_number(),
            now,
            items,
            decision.coverage,
            decision.omissions,
            snapshot,
        )
    }

    fn quiet(
        &self,
        decision: Decision,
        signals: &[Signal],
        previous: Option<&Snapshot>,
        now: DateTime<Utc>,
    ) -> Quiet {
        let omissions = decision.omissions;
        let mut reasons = Vec::new();
        if signals.is_empty() {
            reasons.push(QuietReason::NoSignals);
        }
        if omissions.below_strength() > 0 {
            reasons.push(QuietReason::BelowStrength {
                count: omissions.below_strength(),
                min_strength: omissions.min_strength(),
            });
        }
        if omissions.unchanged() > 0 {
            reasons.push(QuietReason::Unchanged {
                count: omissions.unchanged(),
            });
        }
        let order = self.policy.order();
        let mut left_out = decision.left_out;
        left_out.sort_by(|a, b| order.compare(&signals[a.0], &signals[b.0]));
        let left_out = left_out
            .into_iter()
            .map(|(index, change, reason)| {
                let signal = &signals[index];
                LeftOut::new(
                    signal.id().clone(),
                    signal.thesis().to_owned(),
                    signal.strength(),
                    change,
                    reason,
                )
            })
            .collect();
        Quiet::new(now, reasons, left_out, decision.coverage, previous.cloned())
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
            self.shown(signal)?,
            Change::detect(signal, previous),
        ))
    }

    /// The signal as the brief shows it: under [`UngroundedClaims::Omit`], without the
    /// paragraphs holding flagged claims.
    fn shown(&self, signal: &Signal) -> Result<Signal, ComposeError> {
        match self.policy.ungrounded() {
            UngroundedClaims::Omit => without_flagged_paragraphs(signal),
            _ => Ok(signal.clone()),
        }
    }

    /// [`Composer::shown`] for a signal the brief may keep.
    fn shown_owned(&self, signal: Signal) -> Result<Signal, ComposeError> {
        match self.policy.ungrounded() {
            UngroundedClaims::Omit => without_flagged_paragraphs(&signal),
            _ => Ok(signal),
        }
    }
}
