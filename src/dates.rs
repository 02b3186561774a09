//! Which publication times the pipeline believes: none far in the future of the ingest's
//! `now`, none before a floor. An article dated 2099 would otherwise stay "fresh" for decades
//! and outrank everything; one dated 1960 would open a signal's history there.

use chrono::{DateTime, TimeDelta, Utc};

/// The publication times [`Pipeline::ingest`](crate::Pipeline::ingest) accepts, relative to
/// the `now` it is given.
///
/// # Example
///
/// ```
/// use bellwether::DateBounds;
/// use chrono::TimeDelta;
///
/// let bounds = DateBounds::default();
/// let now = "2026-05-13T07:00:00Z".parse()?;
/// assert!(bounds.check("2026-05-12T09:30:00Z".parse()?, now).is_ok());
/// assert!(bounds.check("2099-01-01T00:00:00Z".parse()?, now).is_err());
/// assert!(bounds.check("1960-05-14T00:00:00Z".parse()?, now).is_err());
/// let lenient = DateBounds { future_tolerance: TimeDelta::days(7), ..bounds };
/// assert!(lenient.check("2026-05-18T00:00:00Z".parse()?, now).is_ok());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateBounds {
    /// How far after `now` a publication time may be: clocks and time zones of feeds are often
    /// off by hours. Default: one day.
    pub future_tolerance: TimeDelta,
    /// The earliest publication time accepted. Default: 1990-01-01T00:00:00Z; lower it to
    /// ingest an archive.
    pub floor: DateTime<Utc>,
}

impl Default for DateBounds {
    fn default() -> Self {
        DateBounds {
            future_tolerance: TimeDelta::days(1),
            floor: DateTime::<Utc>::from_timestamp(631_152_000, 0).unwrap_or(DateTime::UNIX_EPOCH),
        }
    }
}

impl DateBounds {
    /// Whether `published` is believable at `now`; `Err` says why not.
    ///
    /// # Errors
    ///
    /// A sentence naming the bound crossed, when `published` is more than
    /// [`future_tolerance`](DateBounds::future_tolerance) after `now` or before
    /// [`floor`](DateBounds::floor).
    pub fn check(&self, published: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), String> {
        if published < self.floor {
            return Err(format!("before the floor of {}", self.floor.to_rfc3339()));
        }
        let latest = now.checked_add_signed(self.future_tolerance);
        if latest.is_some_and(|latest| published > latest) {
            return Err(format!(
                "more than {} after the time of ingest ({})",
                describe(self.future_tolerance),
                now.to_rfc3339()
            ));
        }
        Ok(())
    }
}

/// "1 day", "36 hours", "90 minutes" …
fn describe(span: TimeDelta) -> String {
    let plural = |n: i64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    if span.num_seconds() % 86_400 == 0 {
        plural(span.num_days(), "day")
    } else if span.num_seconds() % 3_600 == 0 {
        plural(span.num_hours(), "hour")
    } else if span.num_seconds() % 60 == 0 {
        plural(span.num_minutes(), "minute")
    } else {
        plural(span.num_seconds(), "second")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn an_instant_is_believed_exactly_between_the_floor_and_now_plus_the_tolerance(
            published in -4_000_000_000i64..8_000_000_000,
            now in 0i64..4_000_000_000,
            tolerance in 0i64..1_000_000,
            floor in -1_000_000_000i64..2_000_000_000,
        ) {
            let at = |s| DateTime::<Utc>::from_timestamp(s, 0).unwrap();
            let bounds = DateBounds {
                future_tolerance: TimeDelta::seconds(tolerance),
                floor: at(floor),
            };
            let believed = published >= floor && published <= now + tolerance;
            proptest::prop_assert_eq!(bounds.check(at(published), at(now)).is_ok(), believed);
        }
    }

    #[test]
    fn the_reason_names_the_bound() {
        let bounds = DateBounds::default();
        let now = "2026-05-13T07:00:00Z".parse().unwrap_or_default();
        let future = bounds.check("2099-01-01T00:00:00Z".parse().unwrap_or_default(), now);
        assert_eq!(
            future.unwrap_err(),
            "more than 1 day after the time of ingest (2026-05-13T07:00:00+00:00)"
        );
        let past = bounds.check("1960-05-14T00:00:00Z".parse().unwrap_or_default(), now);
        assert_eq!(
            past.unwrap_err(),
            "before the floor of 1990-01-01T00:00:00+00:00"
        );
    }
}
