//! The format-neutral content of an item, shared by every renderer: the meta line,
//! the tag line, actors, anchored quote segments, links and the coverage footer.

use std::fmt;

use bellwether_signal::{Quote, Signal, SourceArticle, Strength};
use chrono::{DateTime, Utc};

use crate::change::plural;
pub use crate::context::is_safe_link;
use crate::highlight::anchor_ranges;
use crate::{Badge, Coverage, RenderContext};

/// Separator between the parts of the meta and tag lines.
pub const SEPARATOR: &str = " · ";

/// One part of an item's meta line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum MetaPart {
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
}

impl MetaPart {
    /// The time this part shows, if it shows one (for `time datetime` attributes).
    pub fn instant(&self) -> Option<DateTime<Utc>> {
        match self {
            MetaPart::FirstSeen(t) | MetaPart::LastReinforced(t) => Some(*t),
            _ => None,
        }
    }

    /// Writes the part as text, dates as `ctx` says.
    pub fn write(&self, ctx: &RenderContext, out: &mut dyn fmt::Write) -> fmt::Result {
        match self {
            MetaPart::Strength(strength) => write!(out, "str {}", strength.value()),
            MetaPart::Extracted(count) => write!(out, "extracted {count}×"),
            MetaPart::FirstSeen(t) => write!(out, "first seen {}", ctx.date(*t)),
            MetaPart::LastReinforced(t) => write!(out, "last reinforced {}", ctx.date(*t)),
            MetaPart::Articles(count) => write!(out, "{count} {}", plural(*count, "article")),
        }
    }
}

/// The meta line's parts, in page order:
/// `str 8 · extracted 3× · first seen … · last reinforced … · 3 articles`.
pub fn meta_parts(signal: &Signal) -> [MetaPart; 5] {
    [
        MetaPart::Strength(signal.strength()),
        MetaPart::Extracted(signal.extraction_count()),
        MetaPart::FirstSeen(signal.first_seen()),
        MetaPart::LastReinforced(signal.last_reinforced()),
        MetaPart::Articles(signal.article_count()),
    ]
}

/// The meta line as text, parts joined by [`SEPARATOR`].
pub fn meta_line(signal: &Signal, ctx: &RenderContext) -> String {
    let mut out = String::new();
    for (i, part) in meta_parts(signal).iter().enumerate() {
        if i > 0 {
            out.push_str(SEPARATOR);
        }
        // Writing to a String cannot fail.
        let _ = part.write(ctx, &mut out);
    }
    out
}

/// The tag labels in page order (nature, domains, topics).
pub fn tag_labels(signal: &Signal) -> impl Iterator<Item = &str> {
    signal.tags().labels()
}

/// The tag line: tags joined by ` · `, then the regions joined by `, `:
/// `structural · regulatory · technological · AI · US, CN`. Empty if there are neither.
pub fn tag_line(signal: &Signal) -> String {
    let mut parts: Vec<String> = tag_labels(signal).map(str::to_owned).collect();
    if !signal.regions().is_empty() {
        let regions: Vec<&str> = signal.regions().iter().map(|r| r.as_str()).collect();
        parts.push(regions.join(", "));
    }
    parts.join(SEPARATOR)
}

/// The key actors' names joined by ` · ` (the seed page ran them together).
pub fn actor_line(signal: &Signal) -> String {
    let names: Vec<&str> = signal.actors().iter().map(|actor| actor.name()).collect();
    names.join(SEPARATOR)
}

/// A piece of a quote's text: an anchor phrase or the text around anchors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteSegment<'a> {
    /// The text of this piece.
    pub text: &'a str,
    /// Whether it is (part of) an anchor phrase, to be highlighted.
    pub is_anchor: bool,
}

/// Splits a quote into plain and anchor segments: each anchor is found ignoring case,
/// at every whole-word occurrence (or, if it never occurs as whole words, at its first
/// occurrence inside a word, so that `AI` does not light up every "said"); overlapping
/// or touching anchors merge. The segments concatenate back to the quote's text exactly.
pub fn quote_segments(quote: &Quote) -> Vec<QuoteSegment<'_>> {
    segment_anchors(quote.text(), quote.anchors().iter().map(String::as_str))
}

/// [`quote_segments`] on plain strings.
pub fn segment_anchors<'a, 'b>(
    text: &'a str,
    anchors: impl IntoIterator<Item = &'b str>,
) -> Vec<QuoteSegment<'a>> {
    let anchors: Vec<&str> = anchors.into_iter().collect();
    let merged: Vec<(usize, usize)> = anchor_ranges(text, &anchors)
        .into_iter()
        .map(|range| (range.start, range.end))
        .collect();
    let mut segments = Vec::with_capacity(merged.len() * 2 + 1);
    let mut at = 0;
    for (start, end) in merged {
        if start > at {
            segments.push(QuoteSegment {
                text: &text[at..start],
                is_anchor: false,
            });
        }
        segments.push(QuoteSegment {
            text: &text[start..end],
            is_anchor: true,
        });
        at = end;
    }
    if at < text.len() || segments.is_empty() {
        segments.push(QuoteSegment {
            text: &text[at..],
            is_anchor: false,
        });
    }
    segments
}

/// The source article's URL, if links are on and it is a safe web link.
pub fn source_link<'a>(source: &'a SourceArticle, ctx: &RenderContext) -> Option<&'a str> {
    let url = source.url()?.as_str();
    (ctx.link_policy().emits_links() && is_safe_link(url)).then_some(url)
}

/// The quote's deep link, if deep links are on and it is a safe web link.
pub fn quote_link<'a>(quote: &'a Quote, ctx: &RenderContext) -> Option<&'a str> {
    let url = quote.deep_link()?.as_str();
    (ctx.link_policy().emits_deep_links() && is_safe_link(url)).then_some(url)
}

/// The source's byline: `Pacific Policy Review · 2026-05-12`.
pub fn source_byline(source: &SourceArticle, ctx: &RenderContext) -> String {
    format!(
        "{}{SEPARATOR}{}",
        source.outlet(),
        ctx.date(source.published())
    )
}

/// The coverage footer:
/// `Read 3 articles from 3 outlets; the newest was published 2026-05-26 14:05 UTC.`
pub fn coverage_line(coverage: &Coverage, ctx: &RenderContext) -> String {
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
pub fn badge_counts(badges: impl Iterator<Item = Badge>) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn anchors_of(text: &str, anchors: &[&str]) -> Vec<(String, bool)> {
        segment_anchors(text, anchors.iter().copied())
            .into_iter()
            .map(|s| (s.text.to_owned(), s.is_anchor))
            .collect()
    }

    #[test]
    fn marks_every_occurrence_ignoring_case() {
        assert_eq!(
            anchors_of("DeepSeek beat deepseek", &["deepseek"]),
            vec![
                ("DeepSeek".to_owned(), true),
                (" beat ".to_owned(), false),
                ("deepseek".to_owned(), true)
            ]
        );
    }

    #[test]
    fn merges_overlapping_anchors() {
        assert_eq!(
            anchors_of("abcdef", &["bcd", "cde"]),
            vec![
                ("a".to_owned(), false),
                ("bcde".to_owned(), true),
                ("f".to_owned(), false)
            ]
        );
    }

    #[test]
    fn a_quote_without_its_anchor_is_one_plain_segment() {
        assert_eq!(
            anchors_of("text", &["zzz", ""]),
            vec![("text".to_owned(), false)]
        );
        assert_eq!(anchors_of("", &["a"]), vec![(String::new(), false)]);
    }

    #[test]
    fn matches_non_ascii_case_pairs() {
        assert_eq!(
            anchors_of("ÉCOLE x", &["école"]),
            vec![("ÉCOLE".to_owned(), true), (" x".to_owned(), false)]
        );
    }

    proptest::proptest! {
        #[test]
        fn segments_rebuild_the_text(text in "\\PC{0,40}", anchor in "\\PC{0,4}") {
            let segments = segment_anchors(&text, [anchor.as_str()]);
            let rebuilt: String = segments.iter().map(|s| s.text).collect();
            proptest::prop_assert_eq!(rebuilt, text.clone());
            // An exact occurrence is always inside an anchor segment.
            if !anchor.is_empty() && text.contains(&anchor) {
                proptest::prop_assert!(segments.iter().any(|s| s.is_anchor));
            }
        }
    }
}
