//! Markdown (CommonMark with GitHub Flavored Markdown in mind) in which no input can inject
//! markup.

use std::fmt::{self, Write as _};

use bellwether_signal::{Quote, Signal, SourceArticle};

use crate::change::plural;
use crate::content::{
    SEPARATOR, badge_counts, coverage_line, meta_parts, quote_link, source_byline, source_link,
    tag_line,
};
use crate::escape::{MarkdownText, write_markdown_paragraphs, write_markdown_run};
use crate::highlight::{Segment, missing_anchors, segments};
use crate::safe_url::link_target;
use crate::{Brief, Change, Render, RenderContext, RenderError, SignalIndex, SignalPage};

/// Renders Markdown: headings for the masthead, items and sections, block quotes for quotes with
/// each anchor in **strong** emphasis, links only to `http`, `https` and `mailto` URLs (and to
/// site-relative signal and index pages from the [`LinkPolicy`](crate::LinkPolicy)).
///
/// Every piece of text from a signal is escaped so that it displays exactly as written and can
/// never become markup: no heading, list, table, link, image, autolink, raw HTML, entity, code,
/// emphasis, footnote or math comes from user text, under CommonMark, GFM or the common
/// extensions. Bidirectional overrides and control characters are dropped.
///
/// Implements [`Render`] for [`Brief`], [`SignalIndex`] and [`SignalPage`].
///
/// # Example
///
/// ```
/// use bellwether_brief::{Composer, MarkdownRenderer, Render, RenderContext, RenderError};
/// # let signal: bellwether_signal::Signal = serde_json::from_str(include_str!("../../testdata/seed/signal.json"))?;
/// let now = "2026-05-27T07:00:00Z".parse()?;
/// let page = Composer::default().page(&signal, None)?;
/// let ctx = RenderContext::new(now);
/// let markdown = MarkdownRenderer::new().render_to_string(&page, &ctx)?;
/// assert!(markdown.contains("**export\\-control architectures**") || markdown.contains("**export-control architectures**"));
///
/// let err = MarkdownRenderer::new().heading_level(5).render_to_string(&page, &ctx).unwrap_err();
/// assert!(matches!(err, RenderError::InvalidOption { option: "heading_level", .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownRenderer {
    heading_level: u8,
    headlines_only: bool,
    masthead: bool,
}

impl Default for MarkdownRenderer {
    fn default() -> Self {
        MarkdownRenderer::new()
    }
}

/// The deepest heading level the top of a document may start at: items, sections and sources
/// sit three levels below it, and Markdown stops at level 6.
const MAX_HEADING_LEVEL: u8 = 3;

impl MarkdownRenderer {
    /// A renderer starting at heading level 1, with the masthead and full items.
    pub fn new() -> Self {
        MarkdownRenderer {
            heading_level: 1,
            headlines_only: false,
            masthead: true,
        }
    }

    /// Sets the heading level of the document's top heading (1 to 3; checked when rendering),
    /// to embed the output under a heading of your own.
    pub fn heading_level(mut self, level: u8) -> Self {
        self.heading_level = level;
        self
    }

    /// Shows only each item's headline, change, meta and tag lines (default off).
    pub fn headlines_only(mut self, on: bool) -> Self {
        self.headlines_only = on;
        self
    }

    /// Whether to start with the masthead (default on).
    pub fn masthead(mut self, on: bool) -> Self {
        self.masthead = on;
        self
    }

    fn check(&self) -> Result<(), RenderError> {
        if !(1..=MAX_HEADING_LEVEL).contains(&self.heading_level) {
            return Err(RenderError::InvalidOption {
                option: "heading_level",
                value: self.heading_level.to_string(),
                expected: "a heading level from 1 to 3",
            });
        }
        Ok(())
    }

    fn heading<W: fmt::Write + ?Sized>(&self, out: &mut W, depth: u8) -> fmt::Result {
        for _ in 0..self.heading_level + depth {
            out.write_char('#')?;
        }
        out.write_char(' ')
    }

    fn masthead_block<W: fmt::Write + ?Sized>(
        &self,
        out: &mut W,
        ctx: &RenderContext,
        as_heading: bool,
    ) -> fmt::Result {
        if !self.masthead {
            return Ok(());
        }
        let masthead = ctx.header();
        if as_heading {
            self.heading(out, 0)?;
            writeln!(out, "{}\n", MarkdownText(masthead.title()))?;
        } else {
            writeln!(out, "**{}**\n", MarkdownText(masthead.title()))?;
        }
        if let Some(tagline) = masthead.subtitle() {
            writeln!(out, "*{}*\n", MarkdownText(tagline))?;
        }
        Ok(())
    }

    fn brief<W: fmt::Write + ?Sized>(
        &self,
        out: &mut W,
        brief: &Brief,
        ctx: &RenderContext,
    ) -> fmt::Result {
        self.masthead_block(out, ctx, true)?;
        let items = brief.items();
        let summary = format!(
            "Brief {}{SEPARATOR}{}{SEPARATOR}{} {}: {}",
            brief.number(),
            ctx.absolute_date(brief.composed_at()),
            items.len(),
            plural(items.len(), "signal"),
            badge_counts(items.iter().map(|item| item.badge())),
        );
        writeln!(out, "{}\n", MarkdownText(&summary))?;
        if let Some(target) = index_target(ctx) {
            writeln!(out, "[← all signals]({})\n", Destination(&target))?;
        }
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                writeln!(out, "---\n")?;
            }
            self.item(out, item.signal(), item.change(), Some(i + 1), 1, ctx)?;
        }
        writeln!(out, "---\n")?;
        writeln!(
            out,
            "{}",
            MarkdownText(&coverage_line(&brief.coverage(), ctx))
        )?;
        let omissions = brief.omissions();
        if omissions.total() > 0 {
            writeln!(
                out,
                "\n{}",
                MarkdownText(&format!("Left out: {omissions}."))
            )?;
        }
        Ok(())
    }

    fn index<W: fmt::Write + ?Sized>(
        &self,
        out: &mut W,
        index: &SignalIndex,
        ctx: &RenderContext,
    ) -> fmt::Result {
        self.masthead_block(out, ctx, true)?;
        self.heading(out, 1)?;
        writeln!(out, "All signals ({})\n", index.entries().len())?;
        if index.entries().is_empty() {
            writeln!(out, "No signals yet.\n")?;
        }
        for (i, entry) in index.entries().iter().enumerate() {
            write!(out, "{}. **{}** ", i + 1, entry.badge())?;
            match ctx
                .link_policy()
                .signal_url(entry.id())
                .and_then(|url| link_target(&url, true))
            {
                Some(target) => write!(
                    out,
                    "[{}]({})",
                    MarkdownText(entry.thesis()),
                    Destination(&target)
                )?,
                None => write!(out, "{}", MarkdownText(entry.thesis()))?,
            }
            let meta = format!(
                "str {}{SEPARATOR}extracted {}×{SEPARATOR}last reinforced {}{SEPARATOR}{} {}",
                entry.strength().value(),
                entry.extraction_count(),
                ctx.date(entry.last_reinforced()),
                entry.article_count(),
                plural(entry.article_count(), "article"),
            );
            writeln!(out, " — {}", MarkdownText(&meta))?;
        }
        writeln!(out, "\n---\n")?;
        writeln!(
            out,
            "{}",
            MarkdownText(&coverage_line(&index.coverage(), ctx))
        )
    }

    fn page<W: fmt::Write + ?Sized>(
        &self,
        out: &mut W,
        page: &SignalPage,
        ctx: &RenderContext,
    ) -> fmt::Result {
        self.masthead_block(out, ctx, false)?;
        match index_target(ctx) {
            Some(target) => writeln!(out, "[← all signals]({})\n", Destination(&target))?,
            None => writeln!(out, "← all signals\n")?,
        }
        self.item(out, page.signal(), page.change(), None, 0, ctx)
    }

    /// Writes one signal with its headline at `depth` below the top heading level.
    fn item<W: fmt::Write + ?Sized>(
        &self,
        out: &mut W,
        signal: &Signal,
        change: Change,
        number: Option<usize>,
        depth: u8,
        ctx: &RenderContext,
    ) -> fmt::Result {
        self.heading(out, depth)?;
        if let Some(number) = number {
            write!(out, "{number}. ")?;
        }
        writeln!(out, "{}\n", MarkdownText(signal.thesis()))?;
        write!(out, "**{}**", change.badge())?;
        for part in meta_parts(signal) {
            let mut text = String::new();
            part.write(ctx, &mut text)?;
            write!(out, "{SEPARATOR}{}", MarkdownText(&text))?;
        }
        writeln!(out, "\n")?;
        if matches!(change, Change::Updated(_)) {
            writeln!(out, "*{}*\n", MarkdownText(&change.to_string()))?;
        }
        let tags = tag_line(signal);
        if !tags.is_empty() {
            writeln!(out, "{}\n", MarkdownText(&tags))?;
        }
        if let Some(target) = ctx
            .link_policy()
            .signal_url(signal.id())
            .and_then(|url| link_target(&url, true))
        {
            writeln!(out, "[Signal page]({})\n", Destination(&target))?;
        }
        if self.headlines_only {
            return Ok(());
        }
        if let Some(analysis) = signal.analysis() {
            self.heading(out, depth + 1)?;
            writeln!(out, "Analysis\n")?;
            write_markdown_paragraphs(out, analysis, "")?;
            writeln!(out)?;
        }
        if !signal.actors().is_empty() {
            self.heading(out, depth + 1)?;
            writeln!(out, "Key actors\n")?;
            for (i, actor) in signal.actors().iter().enumerate() {
                if i > 0 {
                    out.write_str(SEPARATOR)?;
                }
                write!(out, "{}", MarkdownText(actor.name()))?;
            }
            writeln!(out, "\n")?;
        }
        self.heading(out, depth + 1)?;
        writeln!(out, "Source articles ({})\n", signal.sources().len())?;
        for source in signal.sources() {
            self.source(out, source, depth + 2, ctx)?;
        }
        Ok(())
    }

    fn source<W: fmt::Write + ?Sized>(
        &self,
        out: &mut W,
        source: &SourceArticle,
        depth: u8,
        ctx: &RenderContext,
    ) -> fmt::Result {
        self.heading(out, depth)?;
        match source_link(source, ctx) {
            Some(url) => writeln!(
                out,
                "[{}]({})\n",
                MarkdownText(source.title()),
                Destination(url.as_str())
            )?,
            None => writeln!(out, "{}\n", MarkdownText(source.title()))?,
        }
        writeln!(out, "{}\n", MarkdownText(&source_byline(source, ctx)))?;
        for quote in source.quotes() {
            write_quote(out, quote, ctx)?;
        }
        if !source.reasoning().is_empty() {
            writeln!(out, "**Reasoning from this article**\n")?;
            for paragraph in source.reasoning() {
                write_markdown_paragraphs(out, paragraph, "")?;
                writeln!(out)?;
            }
        }
        Ok(())
    }
}

/// Writes a quote as a block quote, its anchors in strong emphasis, then its deep link.
fn write_quote<W: fmt::Write + ?Sized>(
    out: &mut W,
    quote: &Quote,
    ctx: &RenderContext,
) -> fmt::Result {
    out.write_str("> ")?;
    let mut at_line_start = true;
    for segment in segments(quote.text(), quote.anchors()) {
        let text = match segment {
            Segment::Anchor(text) => {
                write_strong(out, text, at_line_start)?;
                text
            }
            Segment::Plain(text) => {
                write_markdown_run(out, text, at_line_start)?;
                text
            }
        };
        at_line_start &= text.trim_ascii().is_empty();
    }
    for anchor in missing_anchors(quote.text(), quote.anchors()) {
        write!(out, " \\[**{}**\\]", MarkdownText(anchor))?;
    }
    out.write_char('\n')?;
    if let Some(url) = quote_link(quote, ctx) {
        writeln!(
            out,
            ">\n> [Open at the quote]({})",
            Destination(url.as_str())
        )?;
    }
    writeln!(out)
}

/// Writes an anchor in strong emphasis. Punctuation and spaces at its ends stay outside the
/// `**`, where they cannot stop the delimiters from opening or closing.
fn write_strong<W: fmt::Write + ?Sized>(
    out: &mut W,
    anchor: &str,
    at_line_start: bool,
) -> fmt::Result {
    let core_start = anchor.find(char::is_alphanumeric);
    let core_end = anchor
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphanumeric())
        .map(|(offset, c)| offset + c.len_utf8());
    let (Some(start), Some(end)) = (core_start, core_end) else {
        return write_markdown_run(out, anchor, at_line_start);
    };
    write_markdown_run(out, &anchor[..start], at_line_start)?;
    out.write_str("**")?;
    write_markdown_run(out, &anchor[start..end], at_line_start && start == 0)?;
    out.write_str("**")?;
    write_markdown_run(out, &anchor[end..], false)
}

/// The index page's link target, if the link policy has one.
fn index_target(ctx: &RenderContext) -> Option<String> {
    ctx.link_policy()
        .index_url()
        .and_then(|url| link_target(url, true))
}

/// A link destination: a checked link target with its parentheses escaped, so that it ends
/// where the `)` after it says.
struct Destination<'a>(&'a str);

impl fmt::Display for Destination<'_> {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(offset) = rest.find(['(', ')']) {
            out.write_str(&rest[..offset])?;
            out.write_char('\\')?;
            out.write_str(&rest[offset..=offset])?;
            rest = &rest[offset + 1..];
        }
        out.write_str(rest)
    }
}

impl Render<Brief> for MarkdownRenderer {
    fn render<W: fmt::Write + ?Sized>(
        &self,
        doc: &Brief,
        ctx: &RenderContext,
        out: &mut W,
    ) -> Result<(), RenderError> {
        self.check()?;
        Ok(self.brief(out, doc, ctx)?)
    }
}

impl Render<SignalIndex> for MarkdownRenderer {
    fn render<W: fmt::Write + ?Sized>(
        &self,
        doc: &SignalIndex,
        ctx: &RenderContext,
        out: &mut W,
    ) -> Result<(), RenderError> {
        self.check()?;
        Ok(self.index(out, doc, ctx)?)
    }
}

impl Render<SignalPage> for MarkdownRenderer {
    fn render<W: fmt::Write + ?Sized>(
        &self,
        doc: &SignalPage,
        ctx: &RenderContext,
        out: &mut W,
    ) -> Result<(), RenderError> {
        self.check()?;
        Ok(self.page(out, doc, ctx)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_punctuation_outside_strong_delimiters() {
        let mut out = String::new();
        write_strong(&mut out, "“DeepSeek,”", false).unwrap();
        assert_eq!(out, "“**DeepSeek**,”");
        out.clear();
        write_strong(&mut out, "...", false).unwrap();
        assert_eq!(out, "...");
    }

    #[test]
    fn escapes_parentheses_in_destinations() {
        assert_eq!(
            Destination("https://en.example/wiki/A_(b)").to_string(),
            r"https://en.example/wiki/A_\(b\)"
        );
    }
}
