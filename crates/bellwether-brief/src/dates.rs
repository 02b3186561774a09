//! Dates and times as the reader reads them: in their zone, unambiguous by default.

use std::fmt;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, Offset, Timelike, Utc};
use serde::{Deserialize, Serialize};

/// How calendar dates are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DateStyle {
    /// ISO 8601, `2026-05-12`: unambiguous everywhere and sorts as text (the default).
    #[default]
    Iso,
    /// Day, English month name, year: `12 May 2026`.
    DayMonthYear,
    /// United States numeric, `5/12/2026`, as on the seed page; ambiguous elsewhere.
    UsNumeric,
}

/// The reader's time zone.
///
/// Without the `tz` feature: UTC or a fixed offset. With it, any IANA zone
/// (`Europe/Rome`), whose offset follows daylight saving time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Zone {
    /// Coordinated Universal Time (the default).
    #[default]
    Utc,
    /// A fixed offset from UTC, written `+02:00`.
    Fixed(FixedOffset),
    /// A named IANA zone, written with its abbreviation (`CEST`).
    #[cfg(feature = "tz")]
    Named(chrono_tz::Tz),
}

impl Zone {
    /// The local date at `instant` in this zone.
    pub fn date(&self, instant: DateTime<Utc>) -> NaiveDate {
        self.local(instant).0.date()
    }

    /// The local date and time at `instant`, with the zone's label at that instant
    /// (`UTC`, `+02:00`, `CEST`) and its offset.
    pub fn local(&self, instant: DateTime<Utc>) -> (NaiveDateTime, String, FixedOffset) {
        match self {
            Zone::Utc => (instant.naive_utc(), "UTC".to_owned(), Utc.fix()),
            Zone::Fixed(offset) => {
                let local = instant.with_timezone(offset);
                (local.naive_local(), offset.to_string(), *offset)
            }
            #[cfg(feature = "tz")]
            Zone::Named(tz) => {
                let local = instant.with_timezone(tz);
                let label = local.format("%Z").to_string();
                (local.naive_local(), label, local.offset().fix())
            }
        }
    }

    /// `instant` in this zone as RFC 3339 with its offset (`2026-05-26T16:05:00+02:00`),
    /// for machine-readable attributes such as HTML's `time datetime`.
    pub fn rfc3339(&self, instant: DateTime<Utc>) -> String {
        let (_, _, offset) = self.local(instant);
        instant
            .with_timezone(&offset)
            .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
    }
}

/// How a date relates to today, by calendar days in the reader's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RelativeDay {
    /// The same calendar day as now.
    Today,
    /// The calendar day before.
    Yesterday,
    /// The calendar day after (a source clock ahead of ours).
    Tomorrow,
    /// Any other day.
    Other,
}

impl RelativeDay {
    /// Compares the calendar dates of `instant` and `now` in `zone`. 23:59 yesterday
    /// is "yesterday" at 00:01 today, though only two minutes apart.
    pub fn of(instant: DateTime<Utc>, now: DateTime<Utc>, zone: &Zone) -> RelativeDay {
        let days = zone
            .date(now)
            .signed_duration_since(zone.date(instant))
            .num_days();
        match days {
            0 => RelativeDay::Today,
            1 => RelativeDay::Yesterday,
            -1 => RelativeDay::Tomorrow,
            _ => RelativeDay::Other,
        }
    }

    /// `today`, `yesterday`, `tomorrow`, or `None` for other days.
    pub fn phrase(self) -> Option<&'static str> {
        match self {
            RelativeDay::Today => Some("today"),
            RelativeDay::Yesterday => Some("yesterday"),
            RelativeDay::Tomorrow => Some("tomorrow"),
            RelativeDay::Other => None,
        }
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Writes a calendar date in `style`.
pub(crate) fn write_date(f: &mut dyn fmt::Write, date: NaiveDate, style: DateStyle) -> fmt::Result {
    match style {
        DateStyle::Iso => write!(
            f,
            "{:04}-{:02}-{:02}",
            date.year(),
            date.month(),
            date.day()
        ),
        DateStyle::DayMonthYear => {
            let month = MONTHS[date.month0() as usize % 12];
            write!(f, "{} {month} {}", date.day(), date.year())
        }
        DateStyle::UsNumeric => write!(f, "{}/{}/{}", date.month(), date.day(), date.year()),
    }
}

/// Writes a time of day: 24-hour `14:05`, or `2:05 PM` in the US style.
pub(crate) fn write_time(
    f: &mut dyn fmt::Write,
    time: NaiveDateTime,
    style: DateStyle,
) -> fmt::Result {
    match style {
        DateStyle::UsNumeric => {
            let (pm, hour) = time.hour12();
            write!(
                f,
                "{hour}:{:02} {}",
                time.minute(),
                if pm { "PM" } else { "AM" }
            )
        }
        DateStyle::Iso | DateStyle::DayMonthYear => {
            write!(f, "{:02}:{:02}", time.hour(), time.minute())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn date_in(style: DateStyle, date: NaiveDate) -> String {
        let mut out = String::new();
        write_date(&mut out, date, style).unwrap();
        out
    }

    #[test]
    fn writes_each_date_style() {
        let date = NaiveDate::from_ymd_opt(2026, 5, 12).unwrap();
        assert_eq!(date_in(DateStyle::Iso, date), "2026-05-12");
        assert_eq!(date_in(DateStyle::DayMonthYear, date), "12 May 2026");
        assert_eq!(date_in(DateStyle::UsNumeric, date), "5/12/2026");
    }

    #[test]
    fn relative_days_follow_the_calendar_not_the_duration() {
        let zone = Zone::Utc;
        // Two minutes apart across midnight: yesterday.
        assert_eq!(
            RelativeDay::of(
                at("2026-05-26T23:59:00Z"),
                at("2026-05-27T00:01:00Z"),
                &zone
            ),
            RelativeDay::Yesterday
        );
        // Twenty-three hours apart on the same day: today.
        assert_eq!(
            RelativeDay::of(
                at("2026-05-27T00:30:00Z"),
                at("2026-05-27T23:30:00Z"),
                &zone
            ),
            RelativeDay::Today
        );
        assert_eq!(
            RelativeDay::of(
                at("2026-05-25T12:00:00Z"),
                at("2026-05-27T12:00:00Z"),
                &zone
            ),
            RelativeDay::Other
        );
    }

    #[test]
    fn relative_days_use_the_readers_zone() {
        // 22:30 UTC on the 26th is already the 27th in UTC+02:00.
        let plus_two = Zone::Fixed(FixedOffset::east_opt(2 * 3600).unwrap());
        let instant = at("2026-05-26T22:30:00Z");
        let now = at("2026-05-27T08:00:00Z");
        assert_eq!(RelativeDay::of(instant, now, &plus_two), RelativeDay::Today);
        assert_eq!(
            RelativeDay::of(instant, now, &Zone::Utc),
            RelativeDay::Yesterday
        );
        assert_eq!(plus_two.rfc3339(instant), "2026-05-27T00:30:00+02:00");
    }

    #[cfg(feature = "tz")]
    #[test]
    fn named_zones_follow_daylight_saving_time() {
        let rome = Zone::Named(chrono_tz::Europe::Rome);
        let (summer, label, _) = rome.local(at("2026-05-26T14:05:00Z"));
        assert_eq!((summer.hour(), label.as_str()), (16, "CEST"));
        let (winter, label, _) = rome.local(at("2026-01-26T14:05:00Z"));
        assert_eq!((winter.hour(), label.as_str()), (15, "CET"));
    }

    #[test]
    fn writes_times_in_each_style() {
        let time = at("2026-05-26T14:05:00Z").naive_utc();
        let mut iso = String::new();
        write_time(&mut iso, time, DateStyle::Iso).unwrap();
        let mut us = String::new();
        write_time(&mut us, time, DateStyle::UsNumeric).unwrap();
        assert_eq!((iso.as_str(), us.as_str()), ("14:05", "2:05 PM"));
    }
}
