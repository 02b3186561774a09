//! The body of every HTML document: masthead, items, index and footer, shared by the page,
//! fragment and email variants and by the feeds' HTML content.

use std::fmt::{self, Write as _};

use bellwether_signal::{Actor, Quote, Signal, SourceArticle};
use chrono::{DateTime, Utc};

use crate::change::plural;
use crate::content::{
    CONTRADICTS, SEPARATOR, badge_counts, coverage_line, meta_parts, quote_link, source_link,
};
use crate::escape::{split_paragraphs, strip_unsafe_chars, write_markup_attr, write_markup_text};
use crate::highlight::{Segment, segments};
use crate::render::options::Layout;
use crate::render::outline::Outline;
use crate::safe_url::{SafeUrl, link_target};
use crate::{Badge, Brief, Change, Coverage, IndexEntry, Omissions, RenderContext};

/// How elements are styled: by class (with the page's stylesheet, or the embedder's) or by
/// inline `style` attributes (email clients drop stylesheets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Styling {
    Classes,
    Inline,
}

/// The parts of a document that carry a class or an inline style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Masthead,
    Title,
    Tagline,
    Dateline,
    Nav,
    Item,
    Headline,
    Badge(Badge),
    Change,
    Meta,
    Tags,
    Tag,
    Regions,
    SectionHeading,
    Prose,
    Actors,
    Source,
    SourceHeading,
    Byline,
    Quote,
    QuoteBlock,
    QuoteText,
    Anchor,
    QuoteLink,
    Reasoning,
    Footer,
    Index,
    Link,
}

impl Part {
    fn class(self) -> &'static str {
        match self {
            Part::Masthead => "bw-masthead",
            Part::Title => "bw-title",
            Part::Tagline => "bw-tagline",
            Part::Dateline => "bw-dateline",
            Part::Nav => "bw-nav",
            Part::Item => "bw-item",
            Part::Headline => "bw-headline",
            Part::Badge(Badge::New) => "bw-badge bw-badge-new",
            Part::Badge(Badge::Strengthened) => "bw-badge bw-badge-strengthened",
            Part::Badge(Badge::Reinforced) => "bw-badge bw-badge-reinforced",
            Part::Badge(Badge::Weakened) => "bw-badge bw-badge-weakened",
            Part::Badge(_) => "bw-badge",
            Part::Change => "bw-change",
            Part::Meta => "bw-meta",
            Part::Tags => "bw-tags",
            Part::Tag => "bw-tag",
            Part::Regions => "bw-regions",
            Part::SectionHeading => "bw-section",
            Part::Prose => "bw-prose",
            Part::Actors => "bw-actors",
            Part::Source => "bw-source",
            Part::SourceHeading => "bw-source-title",
            Part::Byline => "bw-byline",
            Part::Quote => "bw-quote",
            // Styled through `.bw-quote blockquote` in the stylesheet.
            Part::QuoteBlock => "",
            Part::QuoteText => "bw-quote-text",
            Part::Anchor => "bw-anchor",
            Part::QuoteLink => "bw-quote-link",
            Part::Reasoning => "bw-reasoning",
            Part::Footer => "bw-footer",
            Part::Index => "bw-index",
            Part::Link => "bw-link",
        }
    }

    /// Inline styles for email: a light palette, system fonts, sizes in pixels.
    fn inline_style(self) -> &'static str {
        match self {
            Part::Masthead => "margin:0 0 8px 0;padding:0 0 12px 0;border-bottom:2px solid #1f2933",
            Part::Title => {
                "margin:0;font-size:26px;line-height:1.2;font-weight:700;font-family:Georgia,serif;color:#1f2933"
            }
            Part::Tagline => "margin:4px 0 0 0;font-size:14px;font-style:italic;color:#52606d",
            Part::Dateline | Part::Nav => "margin:12px 0;font-size:14px;color:#52606d",
            Part::Item => "margin:24px 0 0 0;padding:16px 0 0 0;border-top:1px solid #d9e2ec",
            Part::Headline => {
                "margin:0 0 8px 0;font-size:21px;line-height:1.3;font-family:Georgia,serif;color:#1f2933"
            }
            Part::Badge(Badge::New) => {
                "display:inline-block;padding:1px 6px;border-radius:3px;background:#1f6feb;color:#ffffff;font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:0.04em"
            }
            Part::Badge(Badge::Strengthened | Badge::Reinforced) => {
                "display:inline-block;padding:1px 6px;border-radius:3px;background:#1a7f37;color:#ffffff;font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:0.04em"
            }
            Part::Badge(_) => {
                "display:inline-block;padding:1px 6px;border-radius:3px;background:#52606d;color:#ffffff;font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:0.04em"
            }
            Part::Change => "margin:4px 0;font-size:14px;font-style:italic;color:#1a7f37",
            Part::Meta | Part::Tags => "margin:4px 0;font-size:14px;color:#52606d",
            Part::Tag | Part::Regions => "",
            Part::SectionHeading => {
                "margin:20px 0 8px 0;font-size:13px;text-transform:uppercase;letter-spacing:0.06em;color:#52606d"
            }
            Part::Prose | Part::Actors => "margin:0 0 12px 0",
            Part::Source => "margin:16px 0 0 0",
            Part::SourceHeading => "margin:0;font-size:17px;line-height:1.35;color:#1f2933",
            Part::Byline => "margin:2px 0 8px 0;font-size:13px;color:#52606d",
            Part::Quote => "margin:8px 0",
            Part::QuoteBlock => "margin:0",
            Part::QuoteText => {
                "margin:0;padding:4px 0 4px 14px;border-left:3px solid #9fb3c8;color:#323f4b;font-style:italic"
            }
            Part::Anchor => "background:#fff3a3;color:#1f2933;padding:0 2px;font-style:normal",
            Part::QuoteLink => "margin:4px 0 0 17px;font-size:13px",
            Part::Reasoning => "margin:8px 0 0 0",
            Part::Footer => {
                "margin:28px 0 0 0;padding:12px 0 0 0;border-top:2px solid #1f2933;font-size:13px;color:#52606d"
            }
            Part::Index => "margin:0;padding:0 0 0 20px",
            Part::Link => "color:#1f6feb",
        }
    }
}

/// What the body writer emits; the variants and feeds each fix one.
#[derive(Debug, Clone, Copy)]
pub(crate) struct HtmlBody {
    pub(crate) styling: Styling,
    /// The top heading's level (the masthead's, or a page's headline's), whether items are
    /// headlines only, and whether there is a masthead.
    pub(crate) layout: Layout,
    /// Reasoning folded into `details` (pages, fragments) or always shown (email, feeds).
    pub(crate) details: bool,
    /// Whether site-relative links (signal and index pages) may be emitted.
    pub(crate) site_relative_links: bool,
}

impl HtmlBody {
    /// The writer for one document's body into `out`.
    pub(crate) fn outline<'a, W: fmt::Write + ?Sized>(
        &'a self,
        out: &'a mut W,
        ctx: &'a RenderContext,
    ) -> HtmlOutline<'a, W> {
        HtmlOutline {
            body: self,
            out,
            ctx,
            depth: u8::from(self.layout.masthead),
            article_target: None,
            text: String::new(),
        }
    }
}

/// Writes one document's body as HTML.
pub(crate) struct HtmlOutline<'a, W: ?Sized> {
    body: &'a HtmlBody,
    out: &'a mut W,
    ctx: &'a RenderContext,
    /// How far item headlines sit below the top heading level (below the masthead, if any).
    depth: u8,
    /// The link of the source article last begun, the quotes' `cite` when they have no deep
    /// link.
    article_target: Option<SafeUrl>,
    /// Text being put together before it is escaped.
    text: String,
}

impl<W: fmt::Write + ?Sized> HtmlOutline<'_, W> {
    /// ` class="…"` or ` style="…"` for `part` (nothing for an empty inline style).
    fn attrs(&mut self, part: Part) -> fmt::Result {
        let (name, value) = match self.body.styling {
            Styling::Classes => ("class", part.class()),
            Styling::Inline => ("style", part.inline_style()),
        };
        // Names and values are this module's constants, which hold no `"`, `&` or `<`.
        debug_assert!(!value.contains(['"', '&', '<']), "{value}");
        if !value.is_empty() {
            self.out.write_char(' ')?;
            self.out.write_str(name)?;
            self.out.write_str("=\"")?;
            self.out.write_str(value)?;
            self.out.write_char('"')?;
        }
        Ok(())
    }

    /// `<tag` and the attributes for `part`, then `>`.
    fn open(&mut self, tag: &str, part: Part) -> fmt::Result {
        self.out.write_char('<')?;
        self.out.write_str(tag)?;
        self.attrs(part)?;
        self.out.write_char('>')
    }

    fn text(&mut self, text: &str) -> fmt::Result {
        write_markup_text(self.out, text)
    }

    fn open_heading(&mut self, depth: u8, part: Part) -> fmt::Result {
        write!(self.out, "<h{}", self.level(depth))?;
        self.attrs(part)?;
        self.out.write_char('>')
    }

    fn close_heading(&mut self, depth: u8) -> fmt::Result {
        writeln!(self.out, "</h{}>", self.level(depth))
    }

    /// A heading `depth` levels below the top holding `text` (no markup).
    fn heading(&mut self, depth: u8, part: Part, text: &str) -> fmt::Result {
        self.open_heading(depth, part)?;
        self.out.write_str(text)?;
        self.close_heading(depth)
    }

    fn level(&self, depth: u8) -> u8 {
        (self.body.layout.heading_level + depth).min(6)
    }

    /// An `<a>` to `target` (already checked by [`link_target`]) around `text`.
    fn link(&mut self, target: &str, text: &str) -> fmt::Result {
        self.out.write_str("<a href=\"")?;
        write_markup_attr(self.out, target)?;
        self.out.write_char('"')?;
        self.attrs(Part::Link)?;
        self.out.write_char('>')?;
        self.text(text)?;
        self.out.write_str("</a>")
    }

    fn target(&self, url: &str) -> Option<String> {
        link_target(url, self.body.site_relative_links)
    }

    /// A `time` element for `instant` around `text` (taken from `self.text` when `None`).
    fn time(&mut self, instant: DateTime<Utc>, text: Option<&str>) -> fmt::Result {
        self.out.write_str("<time datetime=\"")?;
        write_markup_attr(self.out, &self.ctx.machine_time(instant))?;
        self.out.write_str("\">")?;
        match text {
            Some(text) => write_markup_text(self.out, text)?,
            None => write_markup_text(self.out, &self.text)?,
        }
        self.out.write_str("</time>")
    }

    fn tags(&mut self, signal: &Signal) -> fmt::Result {
        let mut labels = signal.tags().labels().peekable();
        if labels.peek().is_none() && signal.regions().is_empty() {
            return Ok(());
        }
        self.open("p", Part::Tags)?;
        let mut first = true;
        for label in labels {
            if !first {
                self.out.write_str(SEPARATOR)?;
            }
            first = false;
            self.open("span", Part::Tag)?;
            self.text(label)?;
            self.out.write_str("</span>")?;
        }
        if !signal.regions().is_empty() {
            if !first {
                self.out.write_str(SEPARATOR)?;
            }
            self.open("span", Part::Regions)?;
            for (i, region) in signal.regions().iter().enumerate() {
                if i > 0 {
                    self.out.write_str(", ")?;
                }
                self.text(region.as_str())?;
            }
            self.out.write_str("</span>")?;
        }
        self.out.write_str("</p>\n")
    }

    /// `text` as paragraphs, split at blank lines; single line breaks become `<br>`.
    fn paragraphs(&mut self, text: &str) -> fmt::Result {
        // Clean first, so that a line holding only dropped characters is a blank line.
        let cleaned = strip_unsafe_chars(text);
        for paragraph in split_paragraphs(&cleaned) {
            self.open("p", Part::Prose)?;
            let lines = paragraph
                .lines()
                .map(str::trim_ascii)
                .filter(|line| !line.is_empty());
            for (i, line) in lines.enumerate() {
                if i > 0 {
                    self.out.write_str("<br>")?;
                }
                self.text(line)?;
            }
            self.out.write_str("</p>\n")?;
        }
        Ok(())
    }

    /// Opens a `section` of the item with a heading.
    fn section(&mut self, heading: &str) -> fmt::Result {
        self.out.write_str("<section>\n")?;
        self.heading(self.depth + 1, Part::SectionHeading, heading)
    }
}

impl<W: fmt::Write + ?Sized> Outline for HtmlOutline<'_, W> {
    fn headlines_only(&self) -> bool {
        self.body.layout.headlines_only
    }

    fn masthead(&mut self, _on_page: bool) -> fmt::Result {
        if !self.body.layout.masthead {
            return Ok(());
        }
        let masthead = self.ctx.header();
        self.open("header", Part::Masthead)?;
        self.out.write_char('\n')?;
        self.open("p", Part::Title)?;
        self.text(masthead.title())?;
        self.out.write_str("</p>")?;
        if let Some(tagline) = masthead.subtitle() {
            self.out.write_char('\n')?;
            self.open("p", Part::Tagline)?;
            self.text(tagline)?;
            self.out.write_str("</p>")?;
        }
        self.out.write_str("\n</header>\n")
    }

    fn dateline(&mut self, brief: &Brief) -> fmt::Result {
        let items = brief.items();
        self.open("p", Part::Dateline)?;
        write!(self.out, "Brief {}{SEPARATOR}", brief.number())?;
        self.text.clear();
        write!(self.text, "{}", self.ctx.absolute_date(brief.composed_at()))?;
        self.time(brief.composed_at(), None)?;
        write!(
            self.out,
            "{SEPARATOR}{} {}: ",
            items.len(),
            plural(items.len(), "signal")
        )?;
        self.text(&badge_counts(items.iter().map(|item| item.badge())))?;
        self.out.write_str("</p>\n")
    }

    fn index_link(&mut self, on_page: bool) -> fmt::Result {
        match self
            .ctx
            .link_policy()
            .index_url()
            .and_then(|url| self.target(url))
        {
            Some(target) => {
                self.open("nav", Part::Nav)?;
                self.link(&target, "← all signals")?;
                self.out.write_str("</nav>\n")
            }
            None if on_page => {
                self.open("nav", Part::Nav)?;
                self.out.write_str("← all signals</nav>\n")
            }
            None => Ok(()),
        }
    }

    /// Opens the item's `article` and writes its `header`.
    fn item_header(
        &mut self,
        signal: &Signal,
        change: Change,
        _position: Option<usize>,
    ) -> fmt::Result {
        let ctx = self.ctx;
        self.out.write_str("<article")?;
        self.attrs(Part::Item)?;
        self.out.write_str(" id=\"signal-")?;
        write_markup_attr(self.out, signal.id().as_str())?;
        self.out.write_str("\">\n<header>\n")?;
        self.open_heading(self.depth, Part::Headline)?;
        self.text(signal.thesis())?;
        self.close_heading(self.depth)?;
        self.open("p", Part::Meta)?;
        self.open("strong", Part::Badge(change.badge()))?;
        write!(self.out, "{}</strong>", change.badge())?;
        for part in meta_parts(signal) {
            self.text.clear();
            part.write(ctx, &mut self.text)?;
            self.out.write_str(SEPARATOR)?;
            match part.instant() {
                Some(instant) => self.time(instant, None)?,
                None => write_markup_text(self.out, &self.text)?,
            }
        }
        self.out.write_str("</p>\n")?;
        if matches!(change, Change::Updated(_)) {
            self.open("p", Part::Change)?;
            self.text(&change.to_string())?;
            self.out.write_str("</p>\n")?;
        }
        self.tags(signal)?;
        if let Some(target) = ctx
            .link_policy()
            .signal_url(signal.id())
            .and_then(|url| self.target(&url))
        {
            self.open("p", Part::Meta)?;
            self.link(&target, "Signal page")?;
            self.out.write_str("</p>\n")?;
        }
        self.out.write_str("</header>\n")
    }

    fn analysis(&mut self, analysis: &str) -> fmt::Result {
        self.section("Analysis")?;
        self.paragraphs(analysis)?;
        self.out.write_str("</section>\n")
    }

    fn actors(&mut self, actors: &[Actor]) -> fmt::Result {
        self.section("Key actors")?;
        self.open("p", Part::Actors)?;
        for (i, actor) in actors.iter().enumerate() {
            if i > 0 {
                self.out.write_str(SEPARATOR)?;
            }
            self.out.write_str("<span>")?;
            self.text(actor.name())?;
            self.out.write_str("</span>")?;
        }
        self.out.write_str("</p>\n</section>\n")
    }

    fn sources_heading(&mut self, count: usize) -> fmt::Result {
        self.out.write_str("<section>\n")?;
        self.open_heading(self.depth + 1, Part::SectionHeading)?;
        write!(self.out, "Source articles ({count})")?;
        self.close_heading(self.depth + 1)
    }

    fn source_header(&mut self, source: &SourceArticle) -> fmt::Result {
        let depth = self.depth + 2;
        self.open("article", Part::Source)?;
        self.out.write_char('\n')?;
        self.article_target = source_link(source, self.ctx);
        self.open_heading(depth, Part::SourceHeading)?;
        match self.article_target.take() {
            Some(target) => {
                self.link(target.as_str(), source.title())?;
                self.article_target = Some(target);
            }
            None => self.text(source.title())?,
        }
        self.close_heading(depth)?;
        self.open("p", Part::Byline)?;
        self.text(source.outlet())?;
        self.out.write_str(SEPARATOR)?;
        self.text.clear();
        write!(self.text, "{}", self.ctx.date(source.published()))?;
        self.time(source.published(), None)?;
        if source.contradicts() {
            self.out.write_str(SEPARATOR)?;
            self.text(CONTRADICTS)?;
        }
        self.out.write_str("</p>\n")
    }

    /// A quote as a `figure` holding a `blockquote` whose `cite` is the deep link (or the
    /// article), anchors in `mark`, and a link that opens the article at the quote.
    fn quote(&mut self, quote: &Quote) -> fmt::Result {
        let deep_target = quote_link(quote, self.ctx);
        self.out.write_str("<figure")?;
        self.attrs(Part::Quote)?;
        self.out.write_str("><blockquote")?;
        self.attrs(Part::QuoteBlock)?;
        let cite = deep_target.as_ref().or(self.article_target.as_ref());
        if let Some(cite) = cite {
            self.out.write_str(" cite=\"")?;
            write_markup_attr(self.out, cite.as_str())?;
            self.out.write_char('"')?;
        }
        self.out.write_char('>')?;
        self.open("p", Part::QuoteText)?;
        for segment in segments(quote) {
            match segment {
                Segment::Anchor(text) => {
                    self.open("mark", Part::Anchor)?;
                    self.text(text)?;
                    self.out.write_str("</mark>")?;
                }
                Segment::Plain(text) => self.text(text)?,
            }
        }
        self.out.write_str("</p></blockquote>")?;
        if let Some(target) = deep_target {
            self.open("figcaption", Part::QuoteLink)?;
            self.link(target.as_str(), "Open at the quote")?;
            self.out.write_str("</figcaption>")?;
        }
        self.out.write_str("</figure>\n")
    }

    fn reasoning(&mut self, paragraphs: &[String]) -> fmt::Result {
        if self.body.details {
            self.out.write_str("<details")?;
            self.attrs(Part::Reasoning)?;
            self.out
                .write_str(" open>\n<summary>Reasoning from this article</summary>\n")?;
            for paragraph in paragraphs {
                self.paragraphs(paragraph)?;
            }
            return self.out.write_str("</details>\n");
        }
        self.open("section", Part::Reasoning)?;
        self.out.write_char('\n')?;
        self.heading(
            self.depth + 3,
            Part::SectionHeading,
            "Reasoning from this article",
        )?;
        for paragraph in paragraphs {
            self.paragraphs(paragraph)?;
        }
        self.out.write_str("</section>\n")
    }

    fn source_end(&mut self) -> fmt::Result {
        self.article_target = None;
        self.out.write_str("</article>\n")
    }

    fn sources_end(&mut self) -> fmt::Result {
        self.out.write_str("</section>\n")
    }

    fn item_end(&mut self) -> fmt::Result {
        self.out.write_str("</article>\n")
    }

    fn footer(&mut self, coverage: &Coverage, omissions: Option<&Omissions>) -> fmt::Result {
        self.open("footer", Part::Footer)?;
        self.out.write_str("\n<p>")?;
        self.text(&coverage_line(coverage, self.ctx))?;
        self.out.write_str("</p>")?;
        if let Some(omissions) = omissions.filter(|omissions| omissions.total() > 0) {
            self.out.write_str("\n<p>Left out: ")?;
            self.text(&omissions.to_string())?;
            self.out.write_str(".</p>")?;
        }
        self.out.write_str("\n</footer>\n")
    }

    fn index_heading(&mut self, count: usize) -> fmt::Result {
        self.open_heading(self.depth, Part::Headline)?;
        write!(self.out, "All signals ({count})")?;
        self.close_heading(self.depth)?;
        if count == 0 {
            self.out.write_str("<p>No signals yet.</p>\n")
        } else {
            self.open("ol", Part::Index)?;
            self.out.write_char('\n')
        }
    }

    fn index_entry(&mut self, _position: usize, entry: &IndexEntry) -> fmt::Result {
        let ctx = self.ctx;
        self.out.write_str("<li>")?;
        self.open("strong", Part::Badge(entry.badge()))?;
        write!(self.out, "{}</strong> ", entry.badge())?;
        match ctx
            .link_policy()
            .signal_url(entry.id())
            .and_then(|url| self.target(&url))
        {
            Some(target) => self.link(&target, entry.thesis())?,
            None => self.text(entry.thesis())?,
        }
        self.out.write_str("<br>")?;
        self.open("span", Part::Meta)?;
        write!(
            self.out,
            "str {}{SEPARATOR}extracted {}×{SEPARATOR}",
            entry.strength().value(),
            entry.extraction_count()
        )?;
        self.text.clear();
        write!(
            self.text,
            "last reinforced {}",
            ctx.date(entry.last_reinforced())
        )?;
        self.time(entry.last_reinforced(), None)?;
        writeln!(
            self.out,
            "{SEPARATOR}{} {}</span></li>",
            entry.article_count(),
            plural(entry.article_count(), "article")
        )
    }

    fn index_end(&mut self, count: usize) -> fmt::Result {
        if count > 0 {
            self.out.write_str("</ol>\n")?;
        }
        Ok(())
    }
}
