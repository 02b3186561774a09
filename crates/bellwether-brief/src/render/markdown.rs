//! Markdown (CommonMark with GitHub Flavored Markdown in mind) in which no input can inject
//! markup.

use std::fmt::{self, Write as _};

use bellwether_signal::{Actor, Quote, Signal, SourceArticle};

use crate::change::plural;
use crate::content::{
    SEPARATOR, coverage_line, meta_parts, quote_link, source_link, tag_line, write_dateline,
    write_source_byline,
};
use crate::escape::{MarkdownText, write_markdown_paragraphs, write_markdown_run};
use crate::highlight::{Segment, segments};
use crate::render::options::{HeadingLevels, Layout, layout_options};
use crate::render::outline::{Outline, render_outlined};
use crate::safe_url::link_target;
use crate::{
    Brief, Change, Coverage, IndexEntry, Omissions, Render, RenderContext, RenderError,
    SignalIndex, SignalPage,
};

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
    layout: Layout,
}

impl Default for MarkdownRenderer {
    fn default() -> Self {
        MarkdownRenderer::new()
    }
}

/// The top heading levels a document may start at: items, sections and sources sit three
/// levels below it, and Markdown stops at level 6.
const HEADING_LEVELS: HeadingLevels = HeadingLevels {
    deepest: 3,
    expected: "a heading level from 1 to 3",
};

impl MarkdownRenderer {
    /// A renderer starting at heading level 1, with the masthead and full items.
    pub fn new() -> Self {
        MarkdownRenderer {
            layout: Layout::DEFAULT,
        }
    }

    layout_options!(heading_level: "1 to 3");

    fn check(&self) -> Result<(), RenderError> {
        self.layout.check_heading_level(HEADING_LEVELS)
    }

    /// The writer for one document into `out`.
    fn outline<'a, W: fmt::Write + ?Sized>(
        &'a self,
        out: &'a mut W,
        ctx: &'a RenderContext,
    ) -> MarkdownOutline<'a, W> {
        MarkdownOutline {
            out,
            ctx,
            layout: self.layout,
            depth: 0,
            line: String::new(),
        }
    }
}

/// Writes one document as Markdown.
struct MarkdownOutline<'a, W: ?Sized> {
    out: &'a mut W,
    ctx: &'a RenderContext,
    layout: Layout,
    /// How far the current item's headline sits below the top heading level.
    depth: u8,
    /// A line being put together before it is escaped.
    line: String,
}

impl<W: fmt::Write + ?Sized> MarkdownOutline<'_, W> {
    /// Opens a heading `depth` levels below the top.
    fn heading(&mut self, depth: u8) -> fmt::Result {
        for _ in 0..self.layout.heading_level + depth {
            self.out.write_char('#')?;
        }
        self.out.write_char(' ')
    }

    /// Writes `text` escaped, then ends the paragraph.
    fn paragraph(&mut self, text: &str) -> fmt::Result {
        writeln!(self.out, "{}\n", MarkdownText(text))
    }
}

impl<W: fmt::Write + ?Sized> Outline for MarkdownOutline<'_, W> {
    fn headlines_only(&self) -> bool {
        self.layout.headlines_only
    }

    /// The masthead: a heading over a brief or index, bold over a signal page.
    fn masthead(&mut self, on_page: bool) -> fmt::Result {
        if !self.layout.masthead {
            return Ok(());
        }
        let masthead = self.ctx.header();
        if on_page {
            writeln!(self.out, "**{}**\n", MarkdownText(masthead.title()))?;
        } else {
            self.heading(0)?;
            self.paragraph(masthead.title())?;
        }
        if let Some(tagline) = masthead.subtitle() {
            writeln!(self.out, "*{}*\n", MarkdownText(tagline))?;
        }
        Ok(())
    }

    fn dateline(&mut self, brief: &Brief) -> fmt::Result {
        self.line.clear();
        write_dateline(&mut self.line, brief, self.ctx)?;
        writeln!(self.out, "{}\n", MarkdownText(&self.line))
    }

    fn index_link(&mut self, on_page: bool) -> fmt::Result {
        match index_target(self.ctx) {
            Some(target) => writeln!(self.out, "[← all signals]({})\n", Destination(&target)),
            None if on_page => writeln!(self.out, "← all signals\n"),
            None => Ok(()),
        }
    }

    /// The headline as a heading (numbered in a brief), then the badge and meta line, the
    /// change, the tags and the signal page's link.
    fn item_header(
        &mut self,
        signal: &Signal,
        change: Change,
        position: Option<usize>,
    ) -> fmt::Result {
        let ctx = self.ctx;
        self.depth = u8::from(position.is_some());
        if position.is_some_and(|position| position > 0) {
            writeln!(self.out, "---\n")?;
        }
        self.heading(self.depth)?;
        if let Some(position) = position {
            write!(self.out, "{}. ", position + 1)?;
        }
        self.paragraph(signal.thesis())?;
        write!(self.out, "**{}**", change.badge())?;
        for part in meta_parts(signal) {
            self.line.clear();
            part.write(ctx, &mut self.line)?;
            write!(self.out, "{SEPARATOR}{}", MarkdownText(&self.line))?;
        }
        writeln!(self.out, "\n")?;
        if matches!(change, Change::Updated(_)) {
            writeln!(self.out, "*{}*\n", MarkdownText(&change.to_string()))?;
        }
        let tags = tag_line(signal);
        if !tags.is_empty() {
            self.paragraph(&tags)?;
        }
        if let Some(target) = ctx
            .link_policy()
            .signal_url(signal.id())
            .and_then(|url| link_target(&url, true))
        {
            writeln!(self.out, "[Signal page]({})\n", Destination(&target))?;
        }
        Ok(())
    }

    fn analysis(&mut self, analysis: &str) -> fmt::Result {
        self.heading(self.depth + 1)?;
        writeln!(self.out, "Analysis\n")?;
        write_markdown_paragraphs(self.out, analysis, "")?;
        writeln!(self.out)
    }

    fn actors(&mut self, actors: &[Actor]) -> fmt::Result {
        self.heading(self.depth + 1)?;
        writeln!(self.out, "Key actors\n")?;
        for (i, actor) in actors.iter().enumerate() {
            if i > 0 {
                self.out.write_str(SEPARATOR)?;
            }
            write!(self.out, "{}", MarkdownText(actor.name()))?;
        }
        writeln!(self.out, "\n")
    }

    fn sources_heading(&mut self, count: usize) -> fmt::Result {
        self.heading(self.depth + 1)?;
        writeln!(self.out, "Source articles ({count})\n")
    }

    fn source_header(&mut self, source: &SourceArticle) -> fmt::Result {
        self.heading(self.depth + 2)?;
        match source_link(source, self.ctx) {
            Some(url) => writeln!(
                self.out,
                "[{}]({})\n",
                MarkdownText(source.title()),
                Destination(url.as_str())
            )?,
            None => self.paragraph(source.title())?,
        }
        self.line.clear();
        write_source_byline(&mut self.line, source, self.ctx)?;
        writeln!(self.out, "{}\n", MarkdownText(&self.line))
    }

    fn quote(&mut self, quote: &Quote) -> fmt::Result {
        write_quote(self.out, quote, self.ctx)
    }

    fn reasoning(&mut self, paragraphs: &[String]) -> fmt::Result {
        writeln!(self.out, "**Reasoning from this article**\n")?;
        for paragraph in paragraphs {
            write_markdown_paragraphs(self.out, paragraph, "")?;
            writeln!(self.out)?;
        }
        Ok(())
    }

    fn footer(&mut self, coverage: &Coverage, omissions: Option<&Omissions>) -> fmt::Result {
        writeln!(self.out, "---\n")?;
        writeln!(
            self.out,
            "{}",
            MarkdownText(&coverage_line(coverage, self.ctx))
        )?;
        if let Some(omissions) = omissions.filter(|omissions| omissions.total() > 0) {
            self.line.clear();
            write!(self.line, "Left out: {omissions}.")?;
            writeln!(self.out, "\n{}", MarkdownText(&self.line))?;
        }
        Ok(())
    }

    fn index_heading(&mut self, count: usize) -> fmt::Result {
        self.heading(1)?;
        writeln!(self.out, "All signals ({count})\n")?;
        if count == 0 {
            writeln!(self.out, "No signals yet.\n")?;
        }
        Ok(())
    }

    fn index_entry(&mut self, position: usize, entry: &IndexEntry) -> fmt::Result {
        let ctx = self.ctx;
        write!(self.out, "{}. **{}** ", position + 1, entry.badge())?;
        match ctx
            .link_policy()
            .signal_url(entry.id())
            .and_then(|url| link_target(&url, true))
        {
            Some(target) => write!(
                self.out,
                "[{}]({})",
                MarkdownText(entry.thesis()),
                Destination(&target)
            )?,
            None => write!(self.out, "{}", MarkdownText(entry.thesis()))?,
        }
        self.line.clear();
        write!(
            self.line,
            "str {}{SEPARATOR}extracted {}×{SEPARATOR}last reinforced {}{SEPARATOR}{} {}",
            entry.strength().value(),
            entry.extraction_count(),
            ctx.date(entry.last_reinforced()),
            entry.article_count(),
            plural(entry.article_count(), "article"),
        )?;
        writeln!(self.out, " — {}", MarkdownText(&self.line))
    }

    fn index_end(&mut self, _count: usize) -> fmt::Result {
        writeln!(self.out)
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
    for segment in segments(quote) {
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

render_outlined!(MarkdownRenderer);

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
