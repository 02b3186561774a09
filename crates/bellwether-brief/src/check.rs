//! Consistency checks on signals before they enter a brief.
//!
//! A [`Signal`] already guarantees its own invariants (at least one source, distinct
//! articles, at least as many extractions as articles, first seen before last
//! reinforced). What it cannot see is checked here: how signals relate to one another,
//! and whether the dates a brief prints agree with the sources it lists.

use std::collections::HashSet;

use bellwether_signal::Signal;

use crate::ComposeError;

/// Checks that a signal's dates agree with the sources it carries: no source may be
/// published after the signal was last reinforced, or the meta line would claim the
/// evidence is older than an article listed under it.
pub(crate) fn check_signal(signal: &Signal) -> Result<(), ComposeError> {
    let last_reinforced = signal.last_reinforced();
    if let Some(source) = signal
        .sources()
        .iter()
        .find(|source| source.published() > last_reinforced)
    {
        return Err(ComposeError::SourceAfterReinforcement {
            id: signal.id().clone(),
            article: source.id().as_str().to_owned(),
            published: source.published().to_rfc3339(),
            last_reinforced: last_reinforced.to_rfc3339(),
        });
    }
    Ok(())
}

/// Checks every signal and rejects repeated ids.
pub(crate) fn check_signals(signals: &[Signal]) -> Result<(), ComposeError> {
    let mut ids = HashSet::with_capacity(signals.len());
    for signal in signals {
        check_signal(signal)?;
        if !ids.insert(signal.id().as_str()) {
            return Err(ComposeError::DuplicateSignal {
                id: signal.id().clone(),
            });
        }
    }
    Ok(())
}
