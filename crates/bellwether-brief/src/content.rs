//! The format-neutral content of an item, shared by every renderer: the meta line,
//! the tag line, actors, safe links and the coverage footer. Anchor highlighting lives
//! in `highlight`, escaping in `escape`.

use std::fmt;

use bellwether_signal::{Quote, Signal, SourceArticle, Strength};
use chrono::{DateTime, Utc};

use crate::change::plural;
use crate::{Badge, Brief, Coverage, RenderContext, SafeUrl};

/// Separator between the parts of the meta and tag lines.
pub(crate) const SEPARATOR: &str = " · ";

/// One part of an item's meta line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub(crate) enum MetaPart {
    /// `str 8`.
    Strength(Strength),
    /// `extracted 3×`.
    Extracted(u32),
    /// `first seen 2026-05-12`.
    FirstSeen(DateTime<Utc>),
    /// `last reinforced 2026-05-26`.
    LastReinforced(DateTime<Utc>),
    /// `3 articles`.
    Articles(usize),
    /// `challenged by 1 article`: sources that argue against the thesis.
    Challenged(usize),
}

impl MetaPart {
    /// The time this part shows, if it shows one (for `time datetime` attributes).
    pub(crate) fn instant(&self) -> Option<DateTime<Utc>> {
        match self {
            MetaPart::FirstSeen(t) | MetaPart::LastReinforced(t) => Some(*t),
            _ => None,
        }
    }

    /// Writes the part as text, dates as `ctx` says.
    pub(crate) fn write(&self, ctx: &RenderContext, out: &mut dyn fmt::Write) -> fmt::Result {
        match self {
            MetaPart::Strength(strength) => write!(out, "str {}", strength.value()),
            MetaPart::Extracted(count) => write!(out, "extracted {count}×"),
            MetaPart::FirstSeen(t) => write!(out, "first seen {}", ctx.date(*t)),
            MetaPart::LastReinforced(t) => write!(out, "last reinforced {}", ctx.date(*t)),
            MetaPart::Articles(count) => write!(out, "{count} {}", plural(*count, "article")),
            MetaPart::Challenged(count) => {
                write!(out, "challenged by {count} {}", plural(*count, "article"))
            }
        }
    }
}

/// The meta line's parts, in page order:
/// `str 8 · extracted 3× · first seen … · last reinforced … · 3 articles`, then
/// `challenged by 1 article` when sources argue against the thesis.
pub(crate) fn meta_parts(signal: &Signal) -> Vec<MetaPart> {
    let mut parts = vec![
        MetaPart::Strength(signal.strength()),
        MetaPart::Extracted(signal.extraction_count()),
        MetaPart::FirstSeen(signal.first_seen()),
        MetaPart::LastReinforced(signal.last_reinforced()),
        MetaPart::Articles(signal.article_count()),
    ];
    if signal.challenged_by() > 0 {
        parts.push(MetaPart::Challenged(signal.challenged_by()));
    }
    parts
}

/// The tag line's units: each tag label in page order (nature, domains, topics), then
/// the regions as one unit joined by `, `.
pub(crate) fn tag_units(signal: &Signal) -> Vec<String> {
    let mut units: Vec<String> = signal.tags().labels().map(str::to_owned).collect();
    if !signal.regions().is_empty() {
        let regions: Vec<&str> = signal.regions().iter().map(|r| r.as_str()).collect();
        units.push(regions.join(", "));
    }
    units
}

/// The tag line: `structural · regulatory · technological · AI · US, CN`; empty if the
/// signal has neither tags nor regions.
pub(crate) fn tag_line(signal: &Signal) -> String {
    tag_units(signal).join(SEPARATOR)
}

/// The source article's URL, if links are on and it is a safe web link.
pub(crate) fn source_link(source: &SourceArticle, ctx: &RenderContext) -> Option<SafeUrl> {
    if !ctx.link_policy().emits_links() {
        return None;
    }
    SafeUrl::parse(source.url()?.as_str()).ok()
}

/// The quote's deep link, if deep links are on and it is a safe web link.
pub(crate) fn quote_link(quote: &Quote, ctx: &RenderContext) -> Option<SafeUrl> {
    if !ctx.link_policy().emits_deep_links() {
        return None;
    }
    SafeUrl::parse(quote.deep_link()?.as_str()).ok()
}

/// Writes a brief's dateline: `Brief 3 · 2026-05-27 · 2 signals: 1 new, 1 reinforced`.
pub(crate) fn write_dateline(
    out: &mut impl fmt::Write,
    brief: &Brief,
    ctx: &RenderContext,
) -> fmt::Result {
    let items = brief.items();
    write!(
        out,
        "Brief {}{SEPARATOR}{}{SEPARATOR}{} {}: {}",
        brief.number(),
        ctx.absolute_date(brief.composed_at()),
        items.len(),
        plural(items.len(), "signal"),
        badge_counts(items.iter().map(|item| item.badge())),
    )
}

/// Writes the source's byline: `Pacific Policy Review · 2026-05-12`.
pub(crate) fn write_source_byline(
    out: &mut impl fmt::Write,
    source: &SourceArticle,
    ctx: &RenderContext,
) -> fmt::Result {
    out.write_str(source.outlet())?;
    out.write_str(SEPARATOR)?;
    write!(out, "{}", ctx.date(source.published()))?;
    if source.contradicts() {
        out.write_str(SEPARATOR)?;
        out.write_str(CONTRADICTS)?;
    }
    Ok(())
}

/// How a source that argues against the signal's thesis is marked in its byline.
pub(crate) const CONTRADICTS: &str = "contradicts the thesis";

/// The coverage footer:
/// `Read 3 articles from 3 outlets; the newest was published 2026-05-26 14:05 UTC.`
pub(crate) fn coverage_line(coverage: &Coverage, ctx: &RenderContext) -> String {
    let mut line = format!(
        "Read {} {} from {} {}",
        coverage.articles(),
        plural(coverage.articles(), "article"),
        coverage.outlets(),
        plural(coverage.outlets(), "outlet"),
    );
    match coverage.newest() {
        Some(newest) => {
            line.push_str("; the newest was published ");
            line.push_str(&ctx.date_time(newest).to_string());
            line.push('.');
        }
        None => line.push('.'),
    }
    line
}

/// `2 new, 1 reinforced`, in badge order.
pub(crate) fn badge_counts(badges: impl Iterator<Item = Badge>) -> String {
    let order = [
        Badge::New,
        Badge::Strengthened,
        Badge::Reinforced,
        Badge::Weakened,
        Badge::Unchanged,
    ];
    let mut counts = [0usize; 5];
    for badge in badges {
        if let Some(slot) = order.iter().position(|b| *b == badge) {
            counts[slot] += 1;
        }
    }
    let parts: Vec<String> = order
        .iter()
        .zip(counts)
        .filter(|(_, count)| *count > 0)
        .map(|(badge, count)| format!("{count} {badge}"))
        .collect();
    parts.join(", ")
}
