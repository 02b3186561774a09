//! One item of a brief: a signal and what changed in it.

use bellwether_signal::Signal;
use serde::{Deserialize, Serialize};

use crate::{Badge, Change};

/// One item of a [`Brief`](crate::Brief): the signal as it stands and what changed in
/// it since the previous brief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BriefItem {
    signal: Signal,
    change: Change,
}

impl BriefItem {
    /// Pairs a signal with its change.
    pub fn new(signal: Signal, change: Change) -> Self {
        BriefItem { signal, change }
    }

    /// The signal.
    pub fn signal(&self) -> &Signal {
        &self.signal
    }

    /// What changed since the previous brief.
    pub fn change(&self) -> Change {
        self.change
    }

    /// The badge for the change.
    pub fn badge(&self) -> Badge {
        self.change.badge()
    }
}
