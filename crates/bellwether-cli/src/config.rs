//! The configuration file: the pipeline's scoring and clustering, the brief's policy, and the
//! command's own defaults (state file, format, zone, masthead, email addresses).
//!
//! Each section overlays the defaults: a file that sets only `[brief] min_strength = 7` keeps
//! every other value. The configurations are the library's own serde types, so a value out of
//! range is refused with the library's message.

use std::path::{Path, PathBuf};

use bellwether::PipelineConfig;
use bellwether::brief::{Composer, Policy};
use bellwether::score::{ClusterConfig, Scorer};
use serde::{Deserialize, Serialize};

use crate::cli::Format;

/// Why the configuration could not be read.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ConfigError {
    #[error("configuration {}: cannot read it", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("configuration {}: invalid", path.display())]
    Toml {
        path: PathBuf,
        #[source]
        source: Box<toml::de::Error>,
    },
    #[error("configuration: the defaults of [{section}] cannot be written as TOML")]
    Defaults {
        section: &'static str,
        #[source]
        source: toml::ser::Error,
    },
    #[error("configuration {}: [{section}] is invalid", path.display())]
    Section {
        path: PathBuf,
        section: &'static str,
        #[source]
        source: Box<toml::de::Error>,
    },
}

/// The whole file as read: every section optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    state: Option<PathBuf>,
    format: Option<Format>,
    zone: Option<String>,
    title: Option<String>,
    tagline: Option<String>,
    email: Option<EmailConfig>,
    brief: Option<toml::Table>,
    scoring: Option<toml::Table>,
    clusters: Option<toml::Table>,
}

/// Where emails come from and go to (`--format email`).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EmailConfig {
    /// The sender's address.
    pub(crate) from: String,
    /// The sender's display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) from_name: Option<String>,
    /// The recipients' addresses.
    pub(crate) to: Vec<String>,
}

/// The configuration in effect.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Config {
    /// The state file.
    pub(crate) state: PathBuf,
    /// The brief's default format.
    pub(crate) format: Format,
    /// The reader's UTC offset, `+HH:MM`.
    pub(crate) zone: String,
    /// The publication's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) title: Option<String>,
    /// Its tagline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) tagline: Option<String>,
    /// Email addresses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) email: Option<EmailConfig>,
    /// The brief's policy.
    pub(crate) brief: Policy,
    /// Strength scoring.
    pub(crate) scoring: Scorer,
    /// When an extraction joins a signal.
    pub(crate) clusters: ClusterConfig,
}

/// The default state file.
pub(crate) const DEFAULT_STATE: &str = "bellwether-state.json";

impl Config {
    /// The defaults, overlaid with the file at `path` if given.
    pub(crate) fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let Some(path) = path else {
            return Config::from_raw(RawConfig::default(), Path::new(""));
        };
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_owned(),
            source,
        })?;
        let raw: RawConfig = toml::from_str(&text).map_err(|source| ConfigError::Toml {
            path: path.to_owned(),
            source: Box::new(source),
        })?;
        Config::from_raw(raw, path)
    }

    fn from_raw(raw: RawConfig, path: &Path) -> Result<Config, ConfigError> {
        Ok(Config {
            state: raw.state.unwrap_or_else(|| PathBuf::from(DEFAULT_STATE)),
            format: raw.format.unwrap_or(Format::Text),
            zone: raw.zone.unwrap_or_else(|| "+00:00".to_owned()),
            title: raw.title,
            tagline: raw.tagline,
            email: raw.email,
            brief: overlay("brief", Policy::default(), raw.brief, path)?,
            scoring: overlay("scoring", Scorer::default(), raw.scoring, path)?,
            clusters: overlay("clusters", ClusterConfig::default(), raw.clusters, path)?,
        })
    }

    /// The pipeline configuration: the library's defaults with this scoring, clustering and
    /// policy.
    pub(crate) fn pipeline(&self) -> PipelineConfig {
        PipelineConfig {
            scorer: self.scoring.clone(),
            clusters: self.clusters,
            composer: Composer::new(self.brief.clone()),
            ..PipelineConfig::default()
        }
    }

    /// The configuration as TOML.
    pub(crate) fn to_toml(&self) -> Result<String, ConfigError> {
        toml::to_string(self).map_err(|source| ConfigError::Defaults {
            section: "all",
            source,
        })
    }
}

/// `defaults` with the keys of `table` replaced, read back through the type's own checks.
fn overlay<T: Serialize + for<'de> Deserialize<'de>>(
    section: &'static str,
    defaults: T,
    table: Option<toml::Table>,
    path: &Path,
) -> Result<T, ConfigError> {
    let Some(table) = table else {
        return Ok(defaults);
    };
    let mut merged = toml::Table::try_from(&defaults)
        .map_err(|source| ConfigError::Defaults { section, source })?;
    merge(&mut merged, table);
    merged.try_into().map_err(|source| ConfigError::Section {
        path: path.to_owned(),
        section,
        source: Box::new(source),
    })
}

/// Replaces the keys of `base` with those of `over`, tables merged key by key.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(base)), toml::Value::Table(over)) => merge(base, over),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn from(text: &str) -> Result<Config, ConfigError> {
        Config::from_raw(toml::from_str(text).unwrap(), Path::new("test.toml"))
    }

    #[test]
    fn a_partial_section_keeps_every_other_default() {
        let config = from("[brief]\nmin_strength = 7\n").unwrap();
        assert_eq!(config.brief.min_strength().value(), 7);
        assert_eq!(config.brief.max_items(), Policy::default().max_items());
        assert_eq!(config.scoring, Scorer::default());
    }

    #[test]
    fn the_printed_configuration_reads_back_the_same() {
        let config = from("").unwrap();
        let text = config.to_toml().unwrap();
        let again = from(&text).unwrap();
        assert_eq!(again.to_toml().unwrap(), text);
    }

    #[test]
    fn a_value_out_of_range_is_refused_by_the_librarys_own_check() {
        let error = from("[brief]\nmin_strength = 11\n").unwrap_err();
        assert!(
            matches!(
                error,
                ConfigError::Section {
                    section: "brief",
                    ..
                }
            ),
            "{error}"
        );
        assert!(toml::from_str::<RawConfig>("bogus = 1").is_err());
    }
}
