//! Plain text for terminals and plain-text email, wrapped by display width.

use std::fmt::{self, Write as _};

use bellwether_signal::{Actor, Quote, Signal, SourceArticle};

use crate::change::plural;
use crate::content::{
    SEPARATOR, coverage_line, meta_parts, quote_link, source_link, write_dateline,
    write_source_byline,
};
use crate::render::options::{Layout, check_width, layout_options};
use crate::render::outline::{Outline, render_outlined};
use crate::render::wrap::{fill, fill_units};
use crate::{
    Brief, Change, Coverage, IndexEntry, Omissions, Render, RenderContext, RenderError,
    SignalIndex, SignalPage,
};

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
    layout: Layout,
}

impl Default for TextRenderer {
    fn default() -> Self {
        TextRenderer::new()
    }
}

impl TextRenderer {
    /// A renderer at 80 columns showing the masthead and full items.
    pub fn new() -> Self {
        TextRenderer {
            width: 80,
            layout: Layout::DEFAULT,
        }
    }

    /// Sets the width in terminal columns (at least 20; checked when rendering).
    pub fn width(mut self, columns: usize) -> Self {
        self.width = columns;
        self
    }

    layout_options!();

    fn check(&self) -> Result<(), RenderError> {
        check_width(self.width)
    }

    /// The writer for one document into `out`.
    fn outline<'a, W: fmt::Write + ?Sized>(
        &self,
        out: &'a mut W,
        ctx: &'a RenderContext,
    ) -> TextOutline<'a, W> {
        TextOutline {
            out,
            ctx,
            width: self.width,
            layout: self.layout,
            pad: String::new(),
            quote_pad: "   ".to_owned(),
            line: String::new(),
            units: Vec::new(),
            index_lead_width: 0,
        }
    }
}

/// Writes one document as filled text.
struct TextOutline<'a, W: ?Sized> {
    out: &'a mut W,
    ctx: &'a RenderContext,
    width: usize,
    layout: Layout,
    /// The indent of an item's lines after its first (as wide as its number).
    pad: String,
    /// The indent of a quote's lines after its first: the pad and three spaces (its first
    /// line takes two, then the opening quotation mark).
    quote_pad: String,
    /// A line being put together before it is filled.
    line: String,
    /// Units of a meta or tag line being put together, their strings reused from item to item.
    units: Vec<String>,
    /// The width of an index entry's number column.
    index_lead_width: usize,
}

impl<W: fmt::Write + ?Sized> TextOutline<'_, W> {
    /// Fills the line put together in `self.line`.
    fn fill_line(&mut self, first: &str, rest: &str) -> fmt::Result {
        fill(&mut self.out, &self.line, self.width, first, rest)
    }

    /// Fills `text` indented by the item's pad.
    fn fill_padded(&mut self, text: &str) -> fmt::Result {
        fill(&mut self.out, text, self.width, &self.pad, &self.pad)
    }

    /// A blank line, then `heading` indented by the item's pad.
    fn section(&mut self, heading: &str) -> fmt::Result {
        self.out.write_char('\n')?;
        self.fill_padded(heading)
    }

    fn rule(&mut self, ch: char) -> fmt::Result {
        for _ in 0..self.width {
            self.out.write_char(ch)?;
        }
        self.out.write_char('\n')
    }

    fn set_pad(&mut self, columns: usize) {
        self.pad.clear();
        self.pad.extend(std::iter::repeat_n(' ', columns));
        self.quote_pad.clear();
        self.quote_pad.extend(std::iter::repeat_n(' ', columns + 3));
    }

    /// Fills the units put together in `self.units[..count]` (see [`fill_units`]).
    fn fill_units(&mut self, count: usize) -> fmt::Result {
        let units = &self.units[..count];
        fill_units(
            &mut self.out,
            units,
            SEPARATOR,
            self.width,
            &self.pad,
            &self.pad,
        )
    }
}

impl<W: fmt::Write + ?Sized> Outline for TextOutline<'_, W> {
    fn headlines_only(&self) -> bool {
        self.layout.headlines_only
    }

    fn masthead(&mut self, _on_page: bool) -> fmt::Result {
        if !self.layout.masthead {
            return Ok(());
        }
        let masthead = self.ctx.header();
        fill(&mut self.out, masthead.title(), self.width, "", "")?;
        if let Some(tagline) = masthead.subtitle() {
            fill(&mut self.out, tagline, self.width, "", "")?;
        }
        self.out.write_char('\n')
    }

    fn dateline(&mut self, brief: &Brief) -> fmt::Result {
        self.line.clear();
        write_dateline(&mut self.line, brief, self.ctx)?;
        self.fill_line("", "")
    }

    fn index_link(&mut self, on_page: bool) -> fmt::Result {
        match self.ctx.link_policy().index_url() {
            Some(url) => {
                self.line.clear();
                write!(self.line, "← all signals: {url}")?;
                self.fill_line("", "  ")?;
            }
            None if on_page => fill(&mut self.out, "← all signals", self.width, "", "")?,
            None => {}
        }
        if on_page {
            self.out.write_char('\n')?;
        }
        Ok(())
    }

    /// Headline (numbered in a brief), change, meta, tags and page link.
    fn item_header(
        &mut self,
        signal: &Signal,
        change: Change,
        position: Option<usize>,
    ) -> fmt::Result {
        let ctx = self.ctx;
        let width = self.width;
        let updated = matches!(change, Change::Updated(_));
        self.line.clear();
        if let Some(position) = position {
            self.out.write_char('\n')?;
            self.rule(if position == 0 { '=' } else { '-' })?;
            self.out.write_char('\n')?;
            // In a list the badge leads the headline; the details follow if updated.
            let lead = format!("{}. ", position + 1);
            self.set_pad(lead.len());
            write!(self.line, "[{}] {}", change.badge(), signal.thesis())?;
            fill(&mut self.out, &self.line, width, &lead, &self.pad)?;
            if updated {
                self.line.clear();
                write!(self.line, "{change}")?;
                fill(&mut self.out, &self.line, width, &self.pad, &self.pad)?;
            }
        } else {
            // On its own page the headline stands alone, as on the seed page.
            self.set_pad(0);
            self.fill_padded(signal.thesis())?;
            write!(self.line, "[{}]", change.badge())?;
            if updated {
                write!(self.line, " {change}")?;
            }
            fill(&mut self.out, &self.line, width, &self.pad, &self.pad)?;
        }
        let parts = meta_parts(signal);
        for (i, part) in parts.iter().enumerate() {
            part.write(ctx, reused_unit(&mut self.units, i))?;
        }
        self.fill_units(parts.len())?;
        // The tag line: each tag label, then the regions as one unit joined by `, `.
        let mut count = 0;
        for label in signal.tags().labels() {
            reused_unit(&mut self.units, count).push_str(label);
            count += 1;
        }
        if !signal.regions().is_empty() {
            let unit = reused_unit(&mut self.units, count);
            for (i, region) in signal.regions().iter().enumerate() {
                if i > 0 {
                    unit.push_str(", ");
                }
                unit.push_str(region.as_str());
            }
            count += 1;
        }
        if count > 0 {
            self.fill_units(count)?;
        }
        if let Some(url) = ctx.link_policy().signal_url(signal.id()) {
            self.fill_padded(&url)?;
        }
        Ok(())
    }

    fn analysis(&mut self, analysis: &str) -> fmt::Result {
        self.section("Analysis")?;
        self.out.write_char('\n')?;
        self.fill_padded(analysis)
    }

    fn actors(&mut self, actors: &[Actor]) -> fmt::Result {
        self.section("Key actors")?;
        let names: Vec<&str> = actors.iter().map(Actor::name).collect();
        fill_units(
            &mut self.out,
            &names,
            SEPARATOR,
            self.width,
            &self.pad,
            &self.pad,
        )
    }

    fn sources_heading(&mut self, count: usize) -> fmt::Result {
        self.line.clear();
        write!(self.line, "Source articles ({count})")?;
        self.out.write_char('\n')?;
        fill(&mut self.out, &self.line, self.width, &self.pad, &self.pad)
    }

    fn source_header(&mut self, source: &SourceArticle) -> fmt::Result {
        self.section(source.title())?;
        self.line.clear();
        write_source_byline(&mut self.line, source, self.ctx)?;
        fill(&mut self.out, &self.line, self.width, &self.pad, &self.pad)?;
        if let Some(url) = source_link(source, self.ctx) {
            self.fill_padded(url.as_str())?;
        }
        Ok(())
    }

    fn quote(&mut self, quote: &Quote) -> fmt::Result {
        let rest = &self.quote_pad;
        let first = &rest[..rest.len().saturating_sub(1)];
        self.out.write_char('\n')?;
        self.line.clear();
        write!(self.line, "\"{}\"", quote.text())?;
        for anchor in quote.anchors() {
            write!(self.line, " [{anchor}]")?;
        }
        fill(&mut self.out, &self.line, self.width, first, rest)?;
        if let Some(url) = quote_link(quote, self.ctx) {
            self.line.clear();
            write!(self.line, "→ {url}")?;
            fill(&mut self.out, &self.line, self.width, rest, rest)?;
        }
        Ok(())
    }

    fn reasoning(&mut self, paragraphs: &[String]) -> fmt::Result {
        self.section("Reasoning from this article")?;
        for paragraph in paragraphs {
            self.out.write_char('\n')?;
            self.fill_padded(paragraph)?;
        }
        Ok(())
    }

    fn footer(&mut self, coverage: &Coverage, omissions: Option<&Omissions>) -> fmt::Result {
        self.out.write_char('\n')?;
        self.rule('=')?;
        self.line.clear();
        self.line.push_str(&coverage_line(coverage, self.ctx));
        self.fill_line("", "")?;
        if let Some(omissions) = omissions.filter(|omissions| omissions.total() > 0) {
            self.line.clear();
            write!(self.line, "Left out: {omissions}.")?;
            self.fill_line("", "")?;
        }
        Ok(())
    }

    fn index_heading(&mut self, count: usize) -> fmt::Result {
        self.index_lead_width = count.to_string().len() + 2;
        self.line.clear();
        write!(self.line, "All signals ({count})")?;
        self.fill_line("", "")
    }

    fn index_entry(&mut self, position: usize, entry: &IndexEntry) -> fmt::Result {
        let ctx = self.ctx;
        self.out.write_char('\n')?;
        let lead = format!(
            "{:<width$}",
            format!("{}.", position + 1),
            width = self.index_lead_width
        );
        self.set_pad(lead.len());
        self.line.clear();
        write!(self.line, "[{}] {}", entry.badge(), entry.thesis())?;
        fill(&mut self.out, &self.line, self.width, &lead, &self.pad)?;
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
        fill_units(
            &mut self.out,
            &meta,
            SEPARATOR,
            self.width,
            &self.pad,
            &self.pad,
        )?;
        if let Some(url) = ctx.link_policy().signal_url(entry.id()) {
            self.fill_padded(&url)?;
        }
        Ok(())
    }

    fn index_end(&mut self, _count: usize) -> fmt::Result {
        Ok(())
    }
}

/// The `index`th string of `units`, emptied for reuse (added if there are fewer).
fn reused_unit(units: &mut Vec<String>, index: usize) -> &mut String {
    if units.len() <= index {
        units.resize_with(index + 1, String::new);
    }
    let unit = &mut units[index];
    unit.clear();
    unit
}

render_outlined!(TextRenderer);
