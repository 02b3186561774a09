//! What a renderer needs from the outside world, passed in rather than read.

use std::fmt;

use bellwether_signal::SignalId;
use chrono::{DateTime, Utc};

use crate::dates::{write_date, write_time};
use crate::{DateStyle, RelativeDay, RenderError, Zone};

/// The time, zone, date style, link policy and masthead a renderer works with.
///
/// Renderers never read the clock or the environment: the same document and context
/// always give the same output.
///
/// # Example
///
/// ```
/// use bellwether_brief::{DateStyle, RenderContext, Zone};
/// use chrono::FixedOffset;
///
/// let now = "2026-05-27T07:00:00Z".parse()?;
/// let ctx = RenderContext::new(now)
///     .zone(Zone::Fixed(FixedOffset::east_opt(2 * 3600).unwrap()))
///     .date_style(DateStyle::DayMonthYear);
/// let published = "2026-05-26T14:05:00Z".parse()?;
/// assert_eq!(ctx.date(published).to_string(), "yesterday");
/// assert_eq!(ctx.clone().relative_dates(false).date(published).to_string(), "26 May 2026");
/// assert_eq!(ctx.date_time(published).to_string(), "yesterday 16:05 +02:00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RenderContext {
    now: DateTime<Utc>,
    zone: Zone,
    date_style: DateStyle,
    relative_dates: bool,
    links: LinkPolicy,
    masthead: Masthead,
}

impl RenderContext {
    /// A context at `now`: UTC, ISO dates, relative phrasing on, default links and
    /// masthead.
    pub fn new(now: DateTime<Utc>) -> Self {
        RenderContext {
            now,
            zone: Zone::Utc,
            date_style: DateStyle::Iso,
            relative_dates: true,
            links: LinkPolicy::default(),
            masthead: Masthead::default(),
        }
    }

    /// Sets the reader's zone (default UTC).
    pub fn zone(mut self, zone: Zone) -> Self {
        self.zone = zone;
        self
    }

    /// Sets the date style (default [`DateStyle::Iso`]).
    pub fn date_style(mut self, style: DateStyle) -> Self {
        self.date_style = style;
        self
    }

    /// Whether dates within a day of `now` read "today", "yesterday" or "tomorrow"
    /// (default on).
    pub fn relative_dates(mut self, on: bool) -> Self {
        self.relative_dates = on;
        self
    }

    /// Sets the link policy.
    pub fn links(mut self, links: LinkPolicy) -> Self {
        self.links = links;
        self
    }

    /// Sets the masthead.
    pub fn masthead(mut self, masthead: Masthead) -> Self {
        self.masthead = masthead;
        self
    }

    /// The time "now" is.
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// The reader's zone.
    pub fn reader_zone(&self) -> &Zone {
        &self.zone
    }

    /// The date style.
    pub fn style(&self) -> DateStyle {
        self.date_style
    }

    /// Whether relative phrasing is on.
    pub fn uses_relative_dates(&self) -> bool {
        self.relative_dates
    }

    /// The link policy.
    pub fn link_policy(&self) -> &LinkPolicy {
        &self.links
    }

    /// The masthead.
    pub fn header(&self) -> &Masthead {
        &self.masthead
    }

    /// `instant`'s calendar date for the reader: `today`/`yesterday`/`tomorrow` when
    /// relative phrasing is on and applies, otherwise the date in the context's style.
    pub fn date(&self, instant: DateTime<Utc>) -> DateText<'_> {
        DateText {
            ctx: self,
            instant,
            with_time: false,
            relative: self.relative_dates,
        }
    }

    /// `instant`'s calendar date in the context's style, never relative.
    pub fn absolute_date(&self, instant: DateTime<Utc>) -> DateText<'_> {
        DateText {
            ctx: self,
            instant,
            with_time: false,
            relative: false,
        }
    }

    /// `instant`'s date, time of day and zone label: `2026-05-26 14:05 UTC`,
    /// `yesterday 16:05 CEST`, `5/26/2026 2:05 PM UTC`.
    pub fn date_time(&self, instant: DateTime<Utc>) -> DateText<'_> {
        DateText {
            ctx: self,
            instant,
            with_time: true,
            relative: self.relative_dates,
        }
    }

    /// `instant` in the reader's zone as RFC 3339, for machine-readable attributes.
    pub fn machine_time(&self, instant: DateTime<Utc>) -> String {
        self.zone.rfc3339(instant)
    }
}

/// A date (and optionally time) formatted for the reader; see [`RenderContext::date`].
#[derive(Debug, Clone, Copy)]
pub struct DateText<'a> {
    ctx: &'a RenderContext,
    instant: DateTime<Utc>,
    with_time: bool,
    relative: bool,
}

impl fmt::Display for DateText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ctx = self.ctx;
        let phrase = if self.relative {
            RelativeDay::of(self.instant, ctx.now, &ctx.zone).phrase()
        } else {
            None
        };
        if !self.with_time {
            return match phrase {
                Some(phrase) => f.write_str(phrase),
                None => write_date(f, ctx.zone.date(self.instant), ctx.date_style),
            };
        }
        let (local, label, _) = ctx.zone.local(self.instant);
        match phrase {
            Some(phrase) => f.write_str(phrase)?,
            None => write_date(f, local.date(), ctx.date_style)?,
        }
        f.write_str(" ")?;
        write_time(f, local, ctx.date_style)?;
        write!(f, " {label}")
    }
}

/// Which links renderers emit, and where signal pages live.
///
/// Renderers emit only `http`, `https` and `mailto` links (and site-relative links
/// built from the templates here); a source URL of any other scheme is shown as text.
///
/// # Example
///
/// ```
/// use bellwether_brief::LinkPolicy;
/// use bellwether_signal::SignalId;
///
/// let links = LinkPolicy::default()
///     .signal_pages("https://brief.example/signals/{id}.html")?
///     .index_page("https://brief.example/signals/")?;
/// let id = SignalId::new("us-chip-export-controls")?;
/// assert_eq!(
///     links.signal_url(&id).as_deref(),
///     Some("https://brief.example/signals/us-chip-export-controls.html")
/// );
/// // Scripts are not links.
/// assert!(LinkPolicy::default().index_page("javascript:alert(1)").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkPolicy {
    links: bool,
    deep_links: bool,
    signal_page: Option<String>,
    index_page: Option<String>,
}

impl Default for LinkPolicy {
    /// Links on, deep links on, no signal or index pages.
    fn default() -> Self {
        LinkPolicy {
            links: true,
            deep_links: true,
            signal_page: None,
            index_page: None,
        }
    }
}

impl LinkPolicy {
    /// Whether to emit links at all (default on). Off suits plain-text channels that
    /// turn URLs into noise.
    pub fn links(mut self, on: bool) -> Self {
        self.links = on;
        self
    }

    /// Whether quotes link to their deep link, opening the article at the quote
    /// (default on).
    pub fn deep_links(mut self, on: bool) -> Self {
        self.deep_links = on;
        self
    }

    /// Sets where each signal's page lives: a URL or site-relative path containing
    /// `{id}`, replaced by the percent-encoded signal id.
    ///
    /// # Errors
    ///
    /// [`RenderError::InvalidLink`] if the template lacks `{id}`, contains spaces,
    /// control characters, quotes or angle brackets, or has a scheme other than `http`
    /// or `https`.
    pub fn signal_pages(mut self, template: &str) -> Result<Self, RenderError> {
        check_link(template)?;
        if !template.contains("{id}") {
            return Err(RenderError::InvalidLink {
                link: template.to_owned(),
                reason: "a signal page template must contain `{id}`",
            });
        }
        self.signal_page = Some(template.to_owned());
        Ok(self)
    }

    /// Sets where the "all signals" index lives (URL or site-relative path).
    ///
    /// # Errors
    ///
    /// [`RenderError::InvalidLink`] as for [`LinkPolicy::signal_pages`], without the
    /// `{id}` rule.
    pub fn index_page(mut self, url: &str) -> Result<Self, RenderError> {
        check_link(url)?;
        self.index_page = Some(url.to_owned());
        Ok(self)
    }

    /// Whether links are emitted.
    pub fn emits_links(&self) -> bool {
        self.links
    }

    /// Whether deep links to quotes are emitted.
    pub fn emits_deep_links(&self) -> bool {
        self.links && self.deep_links
    }

    /// The URL of signal `id`'s page, if signal pages are configured and links are on.
    pub fn signal_url(&self, id: &SignalId) -> Option<String> {
        let template = self.signal_page.as_deref().filter(|_| self.links)?;
        Some(template.replace("{id}", &percent_encode(id.as_str())))
    }

    /// The URL of the index page, if configured and links are on.
    pub fn index_url(&self) -> Option<&str> {
        self.index_page.as_deref().filter(|_| self.links)
    }
}

fn check_link(link: &str) -> Result<(), RenderError> {
    let reject = |reason| {
        Err(RenderError::InvalidLink {
            link: link.to_owned(),
            reason,
        })
    };
    if link.is_empty() {
        return reject("it is empty");
    }
    if link
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '`'))
    {
        return reject("it contains whitespace, control characters, quotes or angle brackets");
    }
    // Browsers read `//host/…` and any backslash as a path to another site.
    if link.starts_with("//") || link.contains('\\') {
        return reject("protocol-relative links and backslashes can lead to another site");
    }
    // A colon before any `/`, `?` or `#` starts a scheme; only web schemes are links.
    let head_end = link.find(['/', '?', '#']).unwrap_or(link.len());
    if let Some((scheme, _)) = link[..head_end].split_once(':')
        && !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"))
    {
        return reject("only http and https URLs or site-relative paths are allowed");
    }
    Ok(())
}

fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The publication's name and tagline, shown atop each document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Masthead {
    title: String,
    tagline: Option<String>,
}

impl Default for Masthead {
    /// "The Bellwether", with the seed's tagline.
    fn default() -> Self {
        Masthead {
            title: "The Bellwether".to_owned(),
            tagline: Some(
                "A morning brief, composed for you when the sources say something worth saying."
                    .to_owned(),
            ),
        }
    }
}

impl Masthead {
    /// A masthead titled `title`, without tagline.
    pub fn new(title: impl Into<String>) -> Self {
        Masthead {
            title: title.into(),
            tagline: None,
        }
    }

    /// Sets the tagline.
    pub fn tagline(mut self, tagline: impl Into<String>) -> Self {
        self.tagline = Some(tagline.into());
        self
    }

    /// The title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The tagline, if any.
    pub fn subtitle(&self) -> Option<&str> {
        self.tagline.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_unsafe_page_templates() {
        let base = LinkPolicy::default();
        assert!(base.clone().signal_pages("/signals/{id}").is_ok());
        assert!(base.clone().signal_pages("/signals/").is_err());
        assert!(base.clone().signal_pages("javascript:{id}").is_err());
        assert!(base.clone().index_page("/a\"onmouseover=x").is_err());
        assert!(base.clone().index_page("").is_err());
    }

    #[test]
    fn percent_encodes_ids_in_page_links() {
        let links = LinkPolicy::default().signal_pages("/s/{id}").unwrap();
        let id = SignalId::new("a/b:ç").unwrap();
        assert_eq!(links.signal_url(&id).as_deref(), Some("/s/a%2Fb%3A%C3%A7"));
        assert_eq!(links.links(false).signal_url(&id), None);
    }
}
