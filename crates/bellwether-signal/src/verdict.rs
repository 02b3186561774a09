//! The model's verdict: which existing signal an extraction reinforces or contradicts, or that
//! it starts a new one.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{SignalError, SignalId};

/// What a language model says an extraction does to the signals it was shown as candidates.
///
/// In JSON it is an object with a `kind` (`"new"`, `"reinforces"` or `"contradicts"`) and, for
/// the last two, the `signal` id; `"signal": null` is accepted for `new`, as the strict schema
/// for structured-output modes has every property present.
///
/// ```
/// use bellwether_signal::{SignalId, Verdict};
///
/// let verdict: Verdict = serde_json::from_str(r#"{"kind": "contradicts", "signal": "chips-1a2b3c4d"}"#)?;
/// assert_eq!(verdict, Verdict::Contradicts(SignalId::new("chips-1a2b3c4d")?));
/// assert_eq!(serde_json::from_str::<Verdict>(r#"{"kind": "new", "signal": null}"#)?, Verdict::New);
/// // A reference needs its signal; "new" must not name one.
/// assert!(serde_json::from_str::<Verdict>(r#"{"kind": "reinforces"}"#).is_err());
/// assert!(serde_json::from_str::<Verdict>(r#"{"kind": "new", "signal": "chips"}"#).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawVerdict", into = "RawVerdict")]
pub enum Verdict {
    /// The article makes a claim none of the candidate signals makes.
    New,
    /// The article supports the thesis of this signal.
    Reinforces(SignalId),
    /// The article argues against the thesis of this signal.
    Contradicts(SignalId),
}

impl Verdict {
    /// The signal referred to, if any.
    pub fn signal(&self) -> Option<&SignalId> {
        match self {
            Verdict::New => None,
            Verdict::Reinforces(id) | Verdict::Contradicts(id) => Some(id),
        }
    }

    /// The `kind` as written in JSON: `new`, `reinforces` or `contradicts`.
    pub fn kind(&self) -> &'static str {
        match self {
            Verdict::New => VerdictKind::New.as_str(),
            Verdict::Reinforces(_) => VerdictKind::Reinforces.as_str(),
            Verdict::Contradicts(_) => VerdictKind::Contradicts.as_str(),
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.signal() {
            Some(id) => write!(f, "{} {id}", self.kind()),
            None => f.write_str(self.kind()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum VerdictKind {
    New,
    Reinforces,
    Contradicts,
}

impl VerdictKind {
    fn as_str(self) -> &'static str {
        match self {
            VerdictKind::New => "new",
            VerdictKind::Reinforces => "reinforces",
            VerdictKind::Contradicts => "contradicts",
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVerdict {
    kind: VerdictKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    signal: Option<SignalId>,
}

impl TryFrom<RawVerdict> for Verdict {
    type Error = SignalError;
    fn try_from(raw: RawVerdict) -> Result<Self, Self::Error> {
        match (raw.kind, raw.signal) {
            (VerdictKind::New, None) => Ok(Verdict::New),
            (VerdictKind::Reinforces, Some(id)) => Ok(Verdict::Reinforces(id)),
            (VerdictKind::Contradicts, Some(id)) => Ok(Verdict::Contradicts(id)),
            (kind, signal) => Err(SignalError::InvalidVerdict {
                kind: kind.as_str(),
                signal: signal.map(|s| s.to_string()),
            }),
        }
    }
}

impl From<Verdict> for RawVerdict {
    fn from(verdict: Verdict) -> Self {
        match verdict {
            Verdict::New => RawVerdict {
                kind: VerdictKind::New,
                signal: None,
            },
            Verdict::Reinforces(id) => RawVerdict {
                kind: VerdictKind::Reinforces,
                signal: Some(id),
            },
            Verdict::Contradicts(id) => RawVerdict {
                kind: VerdictKind::Contradicts,
                signal: Some(id),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_round_trip_through_json() {
        for verdict in [
            Verdict::New,
            Verdict::Reinforces(SignalId::new("a-1").unwrap()),
            Verdict::Contradicts(SignalId::new("b-2").unwrap()),
        ] {
            let json = serde_json::to_string(&verdict).unwrap();
            assert_eq!(serde_json::from_str::<Verdict>(&json).unwrap(), verdict);
        }
        assert_eq!(
            serde_json::to_string(&Verdict::New).unwrap(),
            r#"{"kind":"new"}"#
        );
    }

    #[test]
    fn malformed_verdicts_are_rejected_with_a_reason() {
        let err = serde_json::from_str::<Verdict>(r#"{"kind":"contradicts","signal":null}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("contradicts"), "{err}");
        for bad in [
            r#"{"kind":"supports","signal":"a"}"#,
            r#"{"kind":"new","signal":"a","why":"x"}"#,
            r#"{"kind":"reinforces","signal":"has space"}"#,
            r#""new""#,
        ] {
            assert!(serde_json::from_str::<Verdict>(bad).is_err(), "{bad}");
        }
    }
}
