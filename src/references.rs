//! The model's verdicts resolved: which extractions join the signal they name rather than the
//! one clustering would choose, and with which stance.
//!
//! A signal's id is `signal_id` of its first supporting member, so an id names an extraction:
//! the one that founded the signal when the id was handed out. A reference is resolved to that
//! extraction, and from it (following references it made itself) to an extraction clustering
//! placed, whose signal the referring extraction joins. The founding extraction stays in its
//! signal whatever joins it later, so a reference stays good after the signal's id changes (an
//! older article joining it) or it merges with another. Resolution reads only the set of
//! verified extractions, so it is the same whatever order they arrived in.

use std::collections::{BTreeMap, BTreeSet};

use crate::Error;
use crate::assemble::{VerifiedExtraction, signal_id};
use crate::report::IgnoredReason;
use crate::score::Stance;
use crate::signal::{SignalId, Verdict};

/// Where an extraction with an honoured reference goes: the clustered extraction whose signal
/// it joins, and whether it backs or challenges that signal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attachment {
    pub(crate) root: String,
    pub(crate) stance: Stance,
}

/// The references of a set of verified extractions, resolved.
#[derive(Debug, Clone, Default)]
pub(crate) struct References {
    /// The id each extraction that does not contradict would give a signal it founded, to its
    /// key (the smallest key, should two ids collide).
    founders: BTreeMap<SignalId, String>,
    /// Extractions whose reference is honoured, by key.
    attached: BTreeMap<String, Attachment>,
    /// The keys attached to each clustered extraction.
    by_root: BTreeMap<String, BTreeSet<String>>,
}

/// The stance a verdict takes toward the signal it names.
fn stance_of(verdict: &Verdict) -> Stance {
    match verdict {
        Verdict::Contradicts(_) => Stance::Contradicts,
        Verdict::New | Verdict::Reinforces(_) => Stance::Supports,
    }
}

impl References {
    /// Resolves every reference of `extractions` at once.
    ///
    /// # Errors
    ///
    /// [`Error::Signal`] when an extraction's would-be signal id is invalid (which the slug
    /// rules prevent).
    pub(crate) fn resolve(
        extractions: &BTreeMap<String, VerifiedExtraction>,
    ) -> Result<References, Error> {
        let mut references = References::default();
        for verified in extractions.values() {
            references.add_founder(verified)?;
        }
        // Each referring extraction points at most at one other: a functional graph.
        let mut next: BTreeMap<&str, &str> = BTreeMap::new();
        for (key, verified) in extractions {
            let Some(named) = verified.extraction.verdict().and_then(Verdict::signal) else {
                continue;
            };
            // The target's key, borrowed from `extractions` (founders are among them).
            let target = references
                .founders
                .get(named)
                .and_then(|target| extractions.get_key_value(target.as_str()))
                .map(|(target, _)| target);
            match target {
                Some(target) if target != key => {
                    next.insert(key.as_str(), target.as_str());
                }
                // Ignored: it names itself, or no signal known; clustering decides.
                Some(_) | None => {}
            }
        }
        // Break every cycle at its smallest key, which is then clustered as if it named no
        // signal: the same choice whatever the order of arrival. Each key is walked once:
        // a walk stops at a key whose root is known.
        let mut roots: BTreeMap<&str, &str> = BTreeMap::new();
        let starts: Vec<&str> = next.keys().copied().collect();
        for start in starts {
            let mut path: Vec<&str> = Vec::new();
            let mut on_path: BTreeSet<&str> = BTreeSet::new();
            let mut at = start;
            let root = loop {
                if let Some(&root) = roots.get(at) {
                    break root;
                }
                let Some(&to) = next.get(at) else {
                    break at;
                };
                if on_path.contains(at) {
                    // From `at` back to `at` is a cycle: its smallest key becomes a root.
                    let position = path.iter().position(|&k| k == at).unwrap_or(0);
                    let smallest = path[position..].iter().copied().min().unwrap_or(at);
                    next.remove(smallest);
                    // Walk again from the start: the path now ends at `smallest`.
                    path.clear();
                    on_path.clear();
                    at = start;
                    continue;
                }
                path.push(at);
                on_path.insert(at);
                at = to;
            };
            for key in path {
                roots.insert(key, root);
            }
        }
        for (key, root) in roots {
            if key == root {
                continue;
            }
            let Some(verdict) = extractions.get(key).and_then(|v| v.extraction.verdict()) else {
                continue;
            };
            references.attach(key, root, stance_of(verdict));
        }
        Ok(references)
    }

    /// How the reference of `verified`, not yet recorded, reads against what is known now:
    /// `None` without one, else the clustered extraction whose signal it joins or why it is
    /// ignored. `own_id` is the id `verified` would give a signal it founded.
    ///
    /// References made earlier to it stay unresolved until the next [`References::resolve`]
    /// (a settle), which is what makes the result independent of the order of arrival.
    pub(crate) fn lookup(
        &self,
        verified: &VerifiedExtraction,
        own_id: &SignalId,
    ) -> Option<Result<String, IgnoredReason>> {
        let named = verified.extraction.verdict()?.signal()?;
        if named == own_id {
            return Some(Err(IgnoredReason::Cycle));
        }
        Some(match self.founders.get(named) {
            None => Err(IgnoredReason::UnknownSignal {
                signal: named.clone(),
            }),
            Some(target) => Ok(self.root_of(target).to_owned()),
        })
    }

    /// Records `verified` as a possible target of references, with its own reference read as
    /// [`References::lookup`] gave it.
    pub(crate) fn record(
        &mut self,
        verified: &VerifiedExtraction,
        own_id: SignalId,
        resolution: Option<&Result<String, IgnoredReason>>,
    ) {
        self.add_founder_with_id(verified, own_id);
        // An ignored reference leaves the extraction to clustering.
        if let (Some(Ok(root)), Some(verdict)) = (resolution, verified.extraction.verdict()) {
            self.attach(&verified.key, root, stance_of(verdict));
        }
    }

    fn add_founder(&mut self, verified: &VerifiedExtraction) -> Result<(), Error> {
        self.add_founder_with_id(verified, signal_id(verified)?);
        Ok(())
    }

    /// Records that a signal founded by `verified` has `id`, unless `verified` contradicts
    /// (it never founds a signal).
    fn add_founder_with_id(&mut self, verified: &VerifiedExtraction, id: SignalId) {
        if matches!(verified.extraction.verdict(), Some(Verdict::Contradicts(_))) {
            return;
        }
        let key = &verified.key;
        match self.founders.get_mut(&id) {
            Some(known) if *known <= *key => {}
            Some(known) => known.clone_from(key),
            None => {
                self.founders.insert(id, key.clone());
            }
        }
    }

    fn attach(&mut self, key: &str, root: &str, stance: Stance) {
        self.attached.insert(
            key.to_owned(),
            Attachment {
                root: root.to_owned(),
                stance,
            },
        );
        self.by_root
            .entry(root.to_owned())
            .or_default()
            .insert(key.to_owned());
    }

    /// Whether `key` joins a signal by its reference rather than by clustering.
    pub(crate) fn is_attached(&self, key: &str) -> bool {
        self.attached.contains_key(key)
    }

    /// The clustered extraction whose signal `key` belongs to: itself unless attached.
    pub(crate) fn root_of<'a>(&'a self, key: &'a str) -> &'a str {
        self.attached.get(key).map_or(key, |a| a.root.as_str())
    }

    /// The extractions attached to the clustered extraction `root`.
    pub(crate) fn attached_to(&self, root: &str) -> impl Iterator<Item = &str> {
        self.by_root
            .get(root)
            .into_iter()
            .flat_map(|keys| keys.iter().map(String::as_str))
    }

    /// Whether `key` backs or challenges the signal it belongs to.
    pub(crate) fn stance(&self, key: &str) -> Stance {
        self.attached
            .get(key)
            .map_or(Stance::Supports, |a| a.stance)
    }
}
