//! Regions: ISO 3166-1 alpha-2 country codes, a few documented extras, and conversion from the
//! FIPS 10-4 country codes that GDELT uses.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::SignalError;
use crate::text::excerpt;

mod fips;
mod iso;

/// Codes accepted beside ISO 3166-1: supranational and aggregate regions, and Kosovo's widely
/// used user-assigned code.
const EXTRA: &[(&str, &str)] = &[
    ("EU", "European Union"),
    ("GLOBAL", "Global"),
    ("UN", "United Nations"),
    ("XK", "Kosovo"),
];

/// A region a signal concerns: an assigned ISO 3166-1 alpha-2 code (`US`, `CN`, …) or one of
/// the extras `EU` (European Union), `UN` (United Nations), `XK` (Kosovo) and `GLOBAL` (the
/// whole world).
///
/// Codes are validated against the full list of assigned codes and normalised to upper case.
///
/// # Example
///
/// ```
/// use bellwether_signal::Region;
///
/// assert_eq!(Region::new("cn")?.as_str(), "CN");
/// assert_eq!(Region::new("CN")?.name(), "China");
/// // GDELT writes China as "CH" (FIPS 10-4); in ISO 3166-1, CH is Switzerland.
/// assert_eq!(Region::from_fips("CH")?.as_str(), "CN");
/// assert!(Region::new("XX").is_err());
/// assert!(Region::new("usa").is_err());
/// # Ok::<(), bellwether_signal::SignalError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Region(&'static str);

impl Region {
    /// Validates a region code, ignoring case and surrounding white space.
    ///
    /// # Errors
    ///
    /// [`SignalError::UnknownRegion`] for anything that is not an assigned ISO 3166-1 alpha-2
    /// code or one of the extras: unassigned codes (`XX`), alpha-3 codes (`USA`), names, empty.
    pub fn new(code: &str) -> Result<Self, SignalError> {
        let unknown = || SignalError::UnknownRegion {
            value: excerpt(code),
        };
        let upper = code.trim().to_ascii_uppercase();
        lookup(iso::ISO_3166_1, &upper)
            .or_else(|| lookup(EXTRA, &upper))
            .map(|(code, _)| Region(code))
            .ok_or_else(unknown)
    }

    /// Converts a FIPS 10-4 country code, as used by GDELT, to its region.
    ///
    /// Several FIPS codes are valid ISO codes for a *different* country (`CH` is China in FIPS
    /// and Switzerland in ISO), so never pass a FIPS code to [`Region::new`].
    ///
    /// # Errors
    ///
    /// [`SignalError::UnknownFipsCode`] for a code not in FIPS 10-4;
    /// [`SignalError::FipsWithoutIso`] for an entity with no ISO code of its own (e.g. `PF`,
    /// the Paracel Islands, or the oceans).
    pub fn from_fips(code: &str) -> Result<Self, SignalError> {
        let upper = code.trim().to_ascii_uppercase();
        let index = fips::FIPS_10_4
            .binary_search_by(|(fips, _, _)| (*fips).cmp(upper.as_str()))
            .map_err(|_| SignalError::UnknownFipsCode {
                value: excerpt(code),
            })?;
        let (fips, iso, name) = fips::FIPS_10_4[index];
        match iso {
            Some(iso) => Region::new(iso),
            None => Err(SignalError::FipsWithoutIso {
                code: fips.to_owned(),
                name,
            }),
        }
    }

    /// The upper-case code, e.g. `"CN"`.
    pub fn as_str(&self) -> &'static str {
        self.0
    }

    /// The short English name, e.g. `"China"`.
    pub fn name(&self) -> &'static str {
        lookup(iso::ISO_3166_1, self.0)
            .or_else(|| lookup(EXTRA, self.0))
            .map_or("", |(_, n)| n)
    }

    /// Whether this is an ISO 3166-1 country code rather than one of the extras.
    pub fn is_country(&self) -> bool {
        lookup(iso::ISO_3166_1, self.0).is_some()
    }

    /// Every region this crate accepts, ISO codes first, in code order.
    pub fn all() -> impl Iterator<Item = Region> {
        iso::ISO_3166_1
            .iter()
            .chain(EXTRA)
            .map(|(code, _)| Region(code))
    }
}

fn lookup(
    table: &'static [(&'static str, &'static str)],
    code: &str,
) -> Option<(&'static str, &'static str)> {
    table
        .binary_search_by(|(c, _)| (*c).cmp(code))
        .ok()
        .map(|i| table[i])
}

impl TryFrom<String> for Region {
    type Error = SignalError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Region::new(&value)
    }
}

impl Serialize for Region {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for Region {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Region::new(&code).map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl fmt::Debug for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Region({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_so_binary_search_is_valid() {
        assert!(iso::ISO_3166_1.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(EXTRA.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(fips::FIPS_10_4.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(iso::ISO_3166_1.len(), 249);
    }

    #[test]
    fn extras_do_not_collide_with_assigned_codes() {
        for (code, _) in EXTRA {
            assert!(lookup(iso::ISO_3166_1, code).is_none(), "{code}");
        }
    }

    #[test]
    fn every_fips_target_is_an_accepted_region() {
        for (fips, iso, _) in fips::FIPS_10_4 {
            match iso {
                Some(iso) => assert_eq!(Region::from_fips(fips).unwrap().as_str(), *iso),
                None => assert!(matches!(
                    Region::from_fips(fips),
                    Err(SignalError::FipsWithoutIso { .. })
                )),
            }
        }
    }

    #[test]
    fn fips_and_iso_are_never_confused() {
        let table = [
            ("CH", "CN"),
            ("SZ", "CH"),
            ("UK", "GB"),
            ("GM", "DE"),
            ("RS", "RU"),
            ("KS", "KR"),
            ("KN", "KP"),
            ("AS", "AU"),
            ("AU", "AT"),
        ];
        for (fips, iso) in table {
            assert_eq!(
                Region::from_fips(fips).unwrap().as_str(),
                iso,
                "FIPS {fips}"
            );
        }
        assert_eq!(Region::new("CH").unwrap().name(), "Switzerland");
        assert!(matches!(
            Region::from_fips("QQ"),
            Err(SignalError::UnknownFipsCode { .. })
        ));
    }

    #[test]
    fn bad_codes_are_rejected() {
        for bad in ["XX", "usa", "", " ", "U", "C N", "中国", "GLOBALS"] {
            assert!(
                matches!(Region::new(bad), Err(SignalError::UnknownRegion { .. })),
                "{bad:?}"
            );
        }
        assert_eq!(Region::new(" global ").unwrap().as_str(), "GLOBAL");
    }
}
