//! Actors: the people, companies, bodies and countries a signal is about.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::bounded;
use crate::limits::MAX_LIST_LEN;
use crate::{Label, SignalError};

/// What kind of actor this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
#[non_exhaustive]
pub enum ActorKind {
    /// A government department, agency or regulator (the seed's BIS).
    GovernmentBody,
    /// A company (the seed's OpenAI, Anthropic, DeepSeek).
    Company,
    /// A non-governmental or international organisation.
    Organisation,
    /// A named person.
    Person,
    /// A country acting as a whole.
    Country,
    /// Anything else.
    Other,
}

impl ActorKind {
    /// Every kind, in documentation order.
    pub const ALL: &'static [ActorKind] = &[
        ActorKind::GovernmentBody,
        ActorKind::Company,
        ActorKind::Organisation,
        ActorKind::Person,
        ActorKind::Country,
        ActorKind::Other,
    ];

    /// The kind as written in JSON, e.g. `"government_body"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::GovernmentBody => "government_body",
            ActorKind::Company => "company",
            ActorKind::Organisation => "organisation",
            ActorKind::Person => "person",
            ActorKind::Country => "country",
            ActorKind::Other => "other",
        }
    }

    /// Parses a kind; `organization` is accepted for `organisation`, and case is ignored.
    ///
    /// # Errors
    ///
    /// [`SignalError::UnknownActorKind`] for anything else.
    pub fn new(value: &str) -> Result<Self, SignalError> {
        Ok(match value.trim().to_ascii_lowercase().as_str() {
            "government_body" => ActorKind::GovernmentBody,
            "company" => ActorKind::Company,
            "organisation" | "organization" => ActorKind::Organisation,
            "person" => ActorKind::Person,
            "country" => ActorKind::Country,
            "other" => ActorKind::Other,
            _ => {
                return Err(SignalError::UnknownActorKind {
                    value: crate::text::excerpt(value),
                });
            }
        })
    }
}

impl TryFrom<String> for ActorKind {
    type Error = SignalError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        ActorKind::new(&value)
    }
}

impl From<ActorKind> for &'static str {
    fn from(kind: ActorKind) -> &'static str {
        kind.as_str()
    }
}

impl fmt::Display for ActorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The identity of an actor: its name with case, white space, punctuation and typography
/// removed, so that `OpenAI`, `openai` and `Open AI` are one actor.
///
/// The key keeps only letters and digits, lower-cased.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ActorKey(String);

impl ActorKey {
    /// The key of `name`; empty when the name has no letter or digit.
    pub fn of(name: &str) -> ActorKey {
        ActorKey(
            name.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect(),
        )
    }

    /// The key's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Someone a signal is about, with the other names they go by.
///
/// # Example
///
/// ```
/// use bellwether_signal::{Actor, ActorKind};
///
/// let bis = Actor::new("BIS", ActorKind::GovernmentBody, &["Bureau of Industry and Security"])?;
/// assert!(bis.is_known_as("bureau of industry and  security"));
/// let openai = Actor::new("OpenAI", ActorKind::Company, &[])?;
/// assert_eq!(openai.identity(), Actor::new("Open AI", ActorKind::Company, &[])?.identity());
/// assert!(Actor::new("  ", ActorKind::Person, &[]).is_err());
/// # Ok::<(), bellwether_signal::SignalError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawActor", into = "RawActor")]
pub struct Actor {
    name: Label,
    kind: ActorKind,
    aliases: Vec<Label>,
    identity: ActorKey,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActor {
    name: Label,
    kind: ActorKind,
    #[serde(default, deserialize_with = "bounded::aliases")]
    aliases: Vec<Label>,
}

impl Actor {
    /// Builds an actor.
    ///
    /// # Errors
    ///
    /// The [`Label`] errors for the name or an alias; [`SignalError::Empty`] when the name has no
    /// letter or digit (it would have no identity); [`SignalError::DuplicateValue`] when an alias
    /// repeats the name or another alias (by identity); [`SignalError::TooMany`] over
    /// [`MAX_LIST_LEN`] aliases.
    pub fn new(name: &str, kind: ActorKind, aliases: &[&str]) -> Result<Self, SignalError> {
        let name = Label::for_field("actor name", name)?;
        let aliases = aliases
            .iter()
            .map(|a| Label::for_field("actor alias", a))
            .collect::<Result<_, _>>()?;
        Actor::from_parts(name, kind, aliases)
    }

    fn from_parts(name: Label, kind: ActorKind, aliases: Vec<Label>) -> Result<Self, SignalError> {
        let identity = ActorKey::of(name.as_str());
        if identity.0.is_empty() {
            return Err(SignalError::Empty {
                field: "actor name (letters or digits)",
            });
        }
        if aliases.len() > MAX_LIST_LEN {
            return Err(SignalError::TooMany {
                field: "actor aliases",
                len: aliases.len(),
                max: MAX_LIST_LEN,
            });
        }
        let mut keys = vec![identity.clone()];
        for alias in &aliases {
            let key = ActorKey::of(alias.as_str());
            if key.0.is_empty() || keys.contains(&key) {
                return Err(SignalError::DuplicateValue {
                    field: "actor aliases",
                    value: alias.to_string(),
                });
            }
            keys.push(key);
        }
        Ok(Actor {
            name,
            kind,
            aliases,
            identity,
        })
    }

    /// The display name.
    pub fn name(&self) -> &str {
        self.name.as_str()
    }

    /// The kind of actor.
    pub fn kind(&self) -> ActorKind {
        self.kind
    }

    /// Other names the actor goes by.
    pub fn aliases(&self) -> &[Label] {
        &self.aliases
    }

    /// The identity key of the display name.
    pub fn identity(&self) -> &ActorKey {
        &self.identity
    }

    /// Every identity key: the name's and each alias's.
    pub fn keys(&self) -> impl Iterator<Item = ActorKey> + '_ {
        std::iter::once(self.identity.clone())
            .chain(self.aliases.iter().map(|a| ActorKey::of(a.as_str())))
    }

    /// Whether `name` is this actor's name or one of its aliases, by identity key.
    pub fn is_known_as(&self, name: &str) -> bool {
        let key = ActorKey::of(name);
        self.keys().any(|k| k == key)
    }

    /// Whether two actors share a name or alias, by identity key.
    pub fn is_same_as(&self, other: &Actor) -> bool {
        // Each side's keys computed once: a name's key costs a pass over the name.
        let theirs: Vec<ActorKey> = other.keys().collect();
        self.keys().any(|k| theirs.contains(&k))
    }

    /// This actor with `other`'s aliases (and name, if different) added as aliases.
    ///
    /// Aliases beyond [`MAX_LIST_LEN`] are not added.
    pub fn absorb(&self, other: &Actor) -> Actor {
        let mut merged = self.clone();
        let candidates = std::iter::once(&other.name).chain(&other.aliases);
        for name in candidates {
            if merged.aliases.len() < MAX_LIST_LEN && !merged.is_known_as(name.as_str()) {
                merged.aliases.push(name.clone());
            }
        }
        merged
    }
}

impl TryFrom<RawActor> for Actor {
    type Error = SignalError;
    fn try_from(raw: RawActor) -> Result<Self, Self::Error> {
        Actor::from_parts(raw.name, raw.kind, raw.aliases)
    }
}

impl From<Actor> for RawActor {
    fn from(actor: Actor) -> Self {
        RawActor {
            name: actor.name,
            kind: actor.kind,
            aliases: actor.aliases,
        }
    }
}

/// Checks that no two actors are the same by identity (name or alias).
pub(crate) fn check_distinct(actors: &[Actor]) -> Result<(), SignalError> {
    if actors.len() > MAX_LIST_LEN {
        return Err(SignalError::TooMany {
            field: "actors",
            len: actors.len(),
            max: MAX_LIST_LEN,
        });
    }
    // Every name and alias key once, with the first actor that holds it: linear in the number
    // of names, where comparing every pair of actors name by name would be quadratic in it.
    let mut owners: HashMap<ActorKey, usize> = HashMap::new();
    for (i, actor) in actors.iter().enumerate() {
        let keys: Vec<ActorKey> = actor.keys().collect();
        let first = keys.iter().filter_map(|key| owners.get(key).copied()).min();
        if let Some(first) = first {
            return Err(SignalError::DuplicateActor {
                first: actors[first].name().to_owned(),
                second: actor.name().to_owned(),
            });
        }
        for key in keys {
            owners.entry(key).or_insert(i);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_ignores_case_space_and_typography() {
        let key = ActorKey::of("OpenAI");
        for variant in ["openai", " Open AI ", "OPEN-AI", "Open\u{a0}AI", "open‐ai"] {
            assert_eq!(ActorKey::of(variant), key, "{variant:?}");
        }
        assert_ne!(ActorKey::of("Anthropic"), key);
    }

    #[test]
    fn duplicate_actors_are_rejected_by_identity() {
        let a = Actor::new("OpenAI", ActorKind::Company, &[]).unwrap();
        let b = Actor::new("openai", ActorKind::Company, &[]).unwrap();
        let err = check_distinct(&[a.clone(), b]).unwrap_err();
        assert!(matches!(err, SignalError::DuplicateActor { .. }));
        let bis = Actor::new(
            "BIS",
            ActorKind::GovernmentBody,
            &["Bureau of Industry and Security"],
        )
        .unwrap();
        let bureau = Actor::new(
            "Bureau of Industry and Security",
            ActorKind::GovernmentBody,
            &[],
        )
        .unwrap();
        assert!(check_distinct(&[bis, bureau]).is_err());
    }

    #[test]
    fn kinds_parse_and_reject() {
        assert_eq!(
            ActorKind::new("Organization").unwrap(),
            ActorKind::Organisation
        );
        assert!(matches!(
            ActorKind::new("alien"),
            Err(SignalError::UnknownActorKind { .. })
        ));
    }

    #[test]
    fn absorb_adds_new_names_only() {
        let a = Actor::new("OpenAI", ActorKind::Company, &[]).unwrap();
        let b = Actor::new("Open AI", ActorKind::Company, &["OpenAI Inc"]).unwrap();
        let merged = a.absorb(&b);
        assert_eq!(merged.aliases().len(), 1);
        assert_eq!(merged.aliases()[0].as_str(), "OpenAI Inc");
    }
}
