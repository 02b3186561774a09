//! Plain text for terminals and plain-text email, wrapped by display width.

use std::fmt;

use bellwether_signal::Signal;

use crate::change::plural;
use crate::content::{
    SEPARATOR, actor_names, badge_counts, coverage_line, meta_texts, quote_link, source_byline,
    source_link, tag_units,
};
use crate::render::wrap::{fill, fill_units};
use crate::{Brief, Change, Render, RenderContext, RenderError, SignalIndex, SignalPage};

/// The narrowest width [`TextRenderer`] accepts.
const MIN_WIDTH: usize = 20;

/// Renders plain text filled to a display width (default 80 columns).
///
/// Wide characters (CJK, emoji) count two columns; URLs are never broken, so a line
/// holding only a long URL is the one thing that may exceed the width. Terminal
/// control characters and bidirectional overrides in the input are shown as `�`.
///
/// Implements [`Render`] for [`Brief`], [`SignalIndex`] and [`SignalPage`].
///
/// # Example
///
/// ```
/// use bellwether_brief::{Composer, Render, RenderContext, RenderError, TextRenderer};
/// # let signal: bellwether_signal::Signal = serde_json::from_str(include_str!("../../testdata/seed/signal.json"))?;
/// let now = "2026-05-27T07:00:00Z".parse()?;
/// let page = Composer::default().page(&signal, None)?;
/// let ctx = RenderContext::new(now);
/// let text = TextRenderer::new().width(60).render_to_string(&page, &ctx)?;
/// assert!(text.lines().all(|line| line.chars().count() <= 60 || line.contains("://")));
///
/// let err = TextRenderer::new().width(0).render_to_string(&page, &ctx).unwrap_err();
/// assert!(matches!(err, RenderError::InvalidOption { option: "width", .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextRenderer {
    width: usize,
    headlines_only: bool,
}

impl Default for TextRenderer {
    fn default() -> Self {
        TextRenderer::new()
    }
}

impl TextRenderer {
    /// A renderer at 80 columns showing full items.
    pub fn new() -> Self {
        TextRenderer {
            width: 80,
            headlines_only: false,
        }
    }

    /// Sets the width in terminal columns (at least 20; checked when rendering).
    pub fn width(mut self, columns: usize) -> Self {
        self.width = columns;
        self
    }

    /// Shows only each item's headline, change, meta and tag lines (default off).
    pub fn headlines_only(mut self, on: bool) -> Self {
        self.headlines_only = on;
        self
    }

    fn check(&self) -> Result<(), RenderError> {
        if self.width < MIN_WIDTH {
            return Err(RenderError::InvalidOption {
                option: "width",
                value: self.width.to_string(),
                expected: "at least 20 columns",
            });
        }
        Ok(())
    }

    fn masthead(&self, out: &mut dyn fmt::Write, ctx: &RenderContext) -> fmt::Result {
        let masthead = ctx.header();
        fill(out, masthead.title(), self.width, "", "")?;
        if let Some(tagline) = masthead.subtitle() {
            fill(out, tagline, self.width, "", "")?;
        }
        Ok(())
    }

    fn rule(&self, out: &mut dyn fmt::Write, ch: char) -> fmt::Result {
        for _ in 0..self.width {
            out.write_char(ch)?;
        }
        out.write_char('\n')
    }

    fn index_link(&self, out: &mut dyn fmt::Write, ctx: &RenderContext) -> fmt::Result {
        match ctx.link_policy().index_url() {
            Some(url) => fill(out, &format!("← all signals: {url}"), self.width, "", "  "),
            None => Ok(()),
        }
    }

    /// Writes one signal: headline (numbered when `number` is given), change, meta,
    /// tags, then unless headlines only: analysis, actors, sources with quotes and
    /// reasoning.
    fn item(
        &self,
        out: &mut dyn fmt::Write,
        signal: &Signal,
        change: Change,
        number: Option<usize>,
        ctx: &RenderContext,
    ) -> fmt::Result {
        let width = self.width;
        let lead = number.map_or(String::new(), |n| format!("{n}. "));
        let pad = " ".repeat(lead.len());
        let updated = matches!(change, Change::Updated(_));
        if number.is_some() {
            // In a list the badge leads the headline; the details follow if updated.
            let headline = format!("[{}] {}", change.badge(), signal.thesis());
            fill(out, &headline, width, &lead, &pad)?;
            if updated {
                fill(out, &change.to_string(), width, &pad, &pad)?;
            }
        } else {
            // On its own page the headline stands alone, as on the seed page.
            fill(out, signal.thesis(), width, &lead, &pad)?;
            let badge = if updated {
                format!("[{}] {change}", change.badge())
            } else {
                format!("[{}]", change.badge())
            };
            fill(out, &badge, width, &pad, &pad)?;
        }
        fill_units(out, &meta_texts(signal, ctx), SEPARATOR, width, &pad, &pad)?;
        let tags = tag_units(signal);
        if !tags.is_empty() {
            fill_units(out, &tags, SEPARATOR, width, &pad, &pad)?;
        }
        if let Some(url) = ctx.link_policy().signal_url(signal.id()) {
            fill(out, &url, width, &pad, &pad)?;
        }
        if self.headlines_only {
            return Ok(());
        }
        if let Some(analysis) = signal.analysis() {
            writeln!(out)?;
            fill(out, "Analysis", width, &pad, &pad)?;
            writeln!(out)?;
            fill(out, analysis, width, &pad, &pad)?;
        }
        if !signal.actors().is_empty() {
            writeln!(out)?;
            fill(out, "Key actors", width, &pad, &pad)?;
            fill_units(out, &actor_names(signal), SEPARATOR, width, &pad, &pad)?;
        }
        writeln!(out)?;
        let count = signal.sources().len();
        fill(
            out,
            &format!("Source articles ({count})"),
            width,
            &pad,
            &pad,
        )?;
        let quote_pad = format!("{pad}  ");
        let quote_rest = format!("{pad}   ");
        for source in signal.sources() {
            writeln!(out)?;
            fill(out, source.title(), width, &pad, &pad)?;
            fill(out, &source_byline(source, ctx), width, &pad, &pad)?;
            if let Some(url) = source_link(source, ctx) {
                fill(out, url.as_str(), width, &pad, &pad)?;
            }
            for quote in source.quotes() {
                writeln!(out)?;
                let mut line = format!("\"{}\"", quote.text());
                for anchor in quote.anchors() {
                    line.push_str(&format!(" [{anchor}]"));
                }
                fill(out, &line, width, &quote_pad, &quote_rest)?;
                if let Some(url) = quote_link(quote, ctx) {
                    fill(out, &format!("→ {url}"), width, &quote_rest, &quote_rest)?;
                }
            }
            if !source.reasoning().is_empty() {
                writeln!(out)?;
                fill(out, "Reasoning from this article", width, &pad, &pad)?;
                for paragraph in source.reasoning() {
                    writeln!(out)?;
                    fill(out, paragraph, width, &pad, &pad)?;
                }
            }
        }
        Ok(())
    }

    fn brief(&self, out: &mut dyn fmt::Write, brief: &Brief, ctx: &RenderContext) -> fmt::Result {
        self.masthead(out, ctx)?;
        writeln!(out)?;
        let items = brief.items();
        let summary = format!(
            "Brief {}{SEPARATOR}{}{SEPARATOR}{} {}: {}",
            brief.number(),
            ctx.absolute_date(brief.composed_at()),
            items.len(),
            plural(items.len(), "signal"),
            badge_counts(items.iter().map(|item| item.badge())),
        );
        fill(out, &summary, self.width, "", "")?;
        self.index_link(out, ctx)?;
        for (i, item) in items.iter().enumerate() {
            writeln!(out)?;
            self.rule(out, if i == 0 { '=' } else { '-' })?;
            writeln!(out)?;
            self.item(out, item.signal(), item.change(), Some(i + 1), ctx)?;
        }
        writeln!(out)?;
        self.rule(out, '=')?;
        fill(
            out,
            &coverage_line(&brief.coverage(), ctx),
            self.width,
            "",
            "",
        )?;
        let omissions = brief.omissions();
        if omissions.total() > 0 {
            fill(out, &format!("Left out: {omissions}."), self.width, "", "")?;
        }
        Ok(())
    }

    fn index(
        &self,
        out: &mut dyn fmt::Write,
        index: &SignalIndex,
        ctx: &RenderContext,
    ) -> fmt::Result {
        self.masthead(out, ctx)?;
        writeln!(out)?;
        let count = index.entries().len();
        fill(out, &format!("All signals ({count})"), self.width, "", "")?;
        let width = count.to_string().len() + 2;
        for (i, entry) in index.entries().iter().enumerate() {
            writeln!(out)?;
            let lead = format!("{:<width$}", format!("{}.", i + 1));
            let pad = " ".repeat(lead.len());
            let headline = format!("[{}] {}", entry.badge(), entry.thesis());
            fill(out, &headline, self.width, &lead, &pad)?;
            let meta = [
                format!("str {}", entry.strength().value()),
                format!("extracted {}×", entry.extraction_count()),
                format!("last reinforced {}", ctx.date(entry.last_reinforced())),
                format!(
                    "{} {}",
                    entry.article_count(),
                    plural(entry.article_count(), "article")
                ),
            ];
            fill_units(out, &meta, SEPARATOR, self.width, &pad, &pad)?;
            if let Some(url) = ctx.link_policy().signal_url(entry.id()) {
                fill(out, &url, self.width, &pad, &pad)?;
            }
        }
        writeln!(out)?;
        self.rule(out, '=')?;
        fill(
            out,
            &coverage_line(&index.coverage(), ctx),
            self.width,
            "",
            "",
        )
    }

    fn page(
        &self,
        out: &mut dyn fmt::Write,
        page: &SignalPage,
        ctx: &RenderContext,
    ) -> fmt::Result {
        self.masthead(out, ctx)?;
        writeln!(out)?;
        match ctx.link_policy().index_url() {
            Some(_) => self.index_link(out, ctx)?,
            None => fill(out, "← all signals", self.width, "", "")?,
        }
        writeln!(out)?;
        self.item(out, page.signal(), page.change(), None, ctx)
    }
}

/// Adapts any `fmt::Write` (even unsized) to `&mut dyn fmt::Write`.
struct Out<'a, W: ?Sized>(&'a mut W);

impl<W: fmt::Write + ?Sized> fmt::Write for Out<'_, W> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.write_str(s)
    }
}

impl Render<Brief> for TextRenderer {
    fn render<W: fmt::Write + ?Sized>(
        &self,
        doc: &Brief,
        ctx: &RenderContext,
        out: &mut W,
    ) -> Result<(), RenderError> {
        self.check()?;
        Ok(self.brief(&mut Out(out), doc, ctx)?)
    }
}

impl Render<SignalIndex> for TextRenderer {
    fn render<W: fmt::Write + ?Sized>(
        &self,
        doc: &SignalIndex,
        ctx: &RenderContext,
        out: &mut W,
    ) -> Result<(), RenderError> {
        self.check()?;
        Ok(self.index(&mut Out(out), doc, ctx)?)
    }
}

impl Render<SignalPage> for TextRenderer {
    fn render<W: fmt::Write + ?Sized>(
        &self,
        doc: &SignalPage,
        ctx: &RenderContext,
        out: &mut W,
    ) -> Result<(), RenderError> {
        self.check()?;
        Ok(self.page(&mut Out(out), doc, ctx)?)
    }
}
