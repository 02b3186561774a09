//! The shape the text, Markdown and HTML documents share: what a brief, the "all signals"
//! index and a single-signal page hold, and in what order. Each format writes the pieces; the
//! walks over them live here once.

use std::fmt;

use bellwether_signal::{Actor, Quote, Signal, SourceArticle};

use crate::grounded::marked;
use crate::{Brief, Change, Coverage, IndexEntry, Omissions, SignalIndex, SignalPage};

/// A document format's writer for the pieces of a brief, an index and a signal page.
///
/// The provided methods ([`Outline::brief`], [`Outline::index`], [`Outline::page`]) walk a
/// document and call the others in reading order; a format only says how each piece looks.
pub(crate) trait Outline {
    /// Whether items stop after their headline, change, meta and tag lines.
    fn headlines_only(&self) -> bool;

    /// The publication's name and tagline, atop every document (`on_page` on a signal page).
    fn masthead(&mut self, on_page: bool) -> fmt::Result;

    /// The brief's number, date and what it holds: `Brief 3 · 2026-05-27 · 2 signals: 2 new`.
    fn dateline(&mut self, brief: &Brief) -> fmt::Result;

    /// The link to the "all signals" index: only when there is one in a brief (`on_page`
    /// false); on a signal page (`on_page` true) always, as plain text without a link.
    fn index_link(&mut self, on_page: bool) -> fmt::Result;

    /// An item's header: headline, badge and change, meta line, tag line and page link.
    /// `position` is the item's place in a brief (from 0), `None` on a signal page.
    fn item_header(
        &mut self,
        signal: &Signal,
        change: Change,
        position: Option<usize>,
    ) -> fmt::Result;

    /// The analysis section.
    fn analysis(&mut self, analysis: &str) -> fmt::Result;

    /// The key actors section (never called without actors).
    fn actors(&mut self, actors: &[Actor]) -> fmt::Result;

    /// The heading over the source articles.
    fn sources_heading(&mut self, count: usize) -> fmt::Result;

    /// A source article's title (linked when allowed) and byline.
    fn source_header(&mut self, source: &SourceArticle) -> fmt::Result;

    /// One quote of the source last begun, anchors highlighted, with its deep link.
    fn quote(&mut self, quote: &Quote) -> fmt::Result;

    /// The reasoning drawn from the source last begun (never called without paragraphs).
    fn reasoning(&mut self, paragraphs: &[String]) -> fmt::Result;

    /// Closes a source article.
    fn source_end(&mut self) -> fmt::Result {
        Ok(())
    }

    /// Closes the source articles' section.
    fn sources_end(&mut self) -> fmt::Result {
        Ok(())
    }

    /// Closes an item.
    fn item_end(&mut self) -> fmt::Result {
        Ok(())
    }

    /// The footer: coverage, and for a brief what was left out.
    fn footer(&mut self, coverage: &Coverage, omissions: Option<&Omissions>) -> fmt::Result;

    /// The index's heading, over `count` entries.
    fn index_heading(&mut self, count: usize) -> fmt::Result;

    /// One index entry; `position` counts from 0.
    fn index_entry(&mut self, position: usize, entry: &IndexEntry) -> fmt::Result;

    /// Closes the list of `count` index entries, before the footer.
    fn index_end(&mut self, count: usize) -> fmt::Result;

    /// A brief: masthead, dateline, index link, every item, footer.
    fn brief(&mut self, brief: &Brief) -> fmt::Result {
        self.masthead(false)?;
        self.dateline(brief)?;
        self.index_link(false)?;
        for (position, item) in brief.items().iter().enumerate() {
            self.item(item.signal(), item.change(), Some(position))?;
        }
        let omissions = brief.omissions();
        self.footer(&brief.coverage(), Some(&omissions))
    }

    /// The "all signals" index: masthead, heading, entries, footer.
    fn index(&mut self, index: &SignalIndex) -> fmt::Result {
        let entries = index.entries();
        self.masthead(false)?;
        self.index_heading(entries.len())?;
        for (position, entry) in entries.iter().enumerate() {
            self.index_entry(position, entry)?;
        }
        self.index_end(entries.len())?;
        self.footer(&index.coverage(), None)
    }

    /// A single signal's page: masthead, index link, the item.
    fn page(&mut self, page: &SignalPage) -> fmt::Result {
        self.masthead(true)?;
        self.index_link(true)?;
        self.item(page.signal(), page.change(), None)
    }

    /// One item: its header, then unless headlines only its analysis, actors and sources
    /// with their quotes and reasoning.
    fn item(&mut self, signal: &Signal, change: Change, position: Option<usize>) -> fmt::Result {
        self.item_header(signal, change, position)?;
        if !self.headlines_only() {
            if let Some(analysis) = signal.analysis() {
                let flagged: Vec<_> = signal.analysis_flagged_claims().iter().collect();
                self.analysis(&marked(analysis, &flagged))?;
            }
            if !signal.actors().is_empty() {
                self.actors(signal.actors())?;
            }
            self.sources_heading(signal.sources().len())?;
            for source in signal.sources() {
                self.source_header(source)?;
                for quote in source.quotes() {
                    self.quote(quote)?;
                }
                if !source.reasoning().is_empty() {
                    if source.flagged_claims().is_empty() {
                        self.reasoning(source.reasoning())?;
                    } else {
                        // Flagged claims are marked after their paragraph, in every format.
                        let paragraphs: Vec<String> = (source.reasoning().iter().enumerate())
                            .map(|(i, p)| {
                                let flagged: Vec<_> = (source.flagged_claims().iter())
                                    .filter(|c| c.paragraph() == i)
                                    .collect();
                                marked(p, &flagged)
                            })
                            .collect();
                        self.reasoning(&paragraphs)?;
                    }
                }
                self.source_end()?;
            }
            self.sources_end()?;
        }
        self.item_end()
    }
}

/// Implements [`Render`](crate::Render) for [`Brief`], [`SignalIndex`] and [`SignalPage`] on
/// a renderer with a `check(&self) -> Result<(), RenderError>` for its options and an
/// `outline(&self, out, ctx)` giving its [`Outline`] writer.
macro_rules! render_outlined {
    ($renderer:ty) => {
        render_outlined!($renderer, Brief, brief);
        render_outlined!($renderer, SignalIndex, index);
        render_outlined!($renderer, SignalPage, page);
    };
    ($renderer:ty, $doc:ty, $walk:ident) => {
        impl Render<$doc> for $renderer {
            fn render<W: fmt::Write + ?Sized>(
                &self,
                doc: &$doc,
                ctx: &RenderContext,
                out: &mut W,
            ) -> Result<(), RenderError> {
                self.check()?;
                Ok(Outline::$walk(&mut self.outline(out, ctx), doc)?)
            }
        }
    };
}
pub(crate) use render_outlined;
