//! The body of every HTML document: masthead, items, index and footer, shared by the page,
//! fragment and email variants and by the feeds' HTML content.

use std::fmt::{self, Write as _};

use bellwether_signal::{Quote, Signal, SourceArticle};
use chrono::{DateTime, Utc};

use crate::change::plural;
use crate::content::{SEPARATOR, badge_counts, coverage_line, meta_parts, quote_link, source_link};
use crate::escape::{MarkupAttr, MarkupText, split_paragraphs, strip_unsafe_chars};
use crate::highlight::{Segment, missing_anchors, segments};
use crate::safe_url::{SafeUrl, link_target};
use crate::{Badge, Brief, Change, RenderContext, SignalIndex, SignalPage};

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
    /// Level of the document's top heading (the masthead, or a page's headline).
    pub(crate) heading_level: u8,
    pub(crate) headlines_only: bool,
    pub(crate) masthead: bool,
    /// Reasoning folded into `details` (pages, fragments) or always shown (email, feeds).
    pub(crate) details: bool,
    /// Whether site-relative links (signal and index pages) may be emitted.
    pub(crate) site_relative_links: bool,
}

impl HtmlBody {
    /// ` class="…"` or ` style="…"` for `part` (nothing for an empty inline style).
    pub(crate) fn attrs(&self, part: Part) -> Attrs {
        Attrs(match self.styling {
            Styling::Classes => ("class", part.class()),
            Styling::Inline => ("style", part.inline_style()),
        })
    }

    fn open_heading<W: fmt::Write + ?Sized>(
        &self,
        out: &mut W,
        depth: u8,
        part: Part,
    ) -> fmt::Result {
        write!(out, "<h{}{}>", self.level(depth), self.attrs(part))
    }

    fn close_heading<W: fmt::Write + ?Sized>(&self, out: &mut W, depth: u8) -> fmt::Result {
        writeln!(out, "</h{}>", self.level(depth))
    }

    fn level(&self, depth: u8) -> u8 {
        (self.heading_level + depth).min(6)
    }

    /// An `<a>` to `target` (already checked by [`link_target`]) around `text`.
    fn link<W: fmt::Write + ?Sized>(&self, out: &mut W, target: &str, text: &str) -> fmt::Result {
        write!(
            out,
            "<a href=\"{}\"{}>{}</a>",
            MarkupAttr(target),
            self.attrs(Part::Link),
            MarkupText(text)
        )
    }

    fn target(&self, url: &str) -> Option<String> {
        link_target(url, self.site_relative_links)
    }

    fn time<W: fmt::Write + ?Sized>(
        &self,
        out: &mut W,
        ctx: &RenderContext,
        instant: DateTime<Utc>,
        text: &str,
    ) -> fmt::Result {
        write!(
            out,
            "<time datetime=\"{}\">{}</time>",
            MarkupAttr(&ctx.machine_time(instant)),
            MarkupText(text)
        )
    }

    pub(crate) fn masthead<W: fmt::Write + ?Sized>(
        &self,
        out: &mut W,
        ctx: &RenderContext,
    ) -> fmt::Result {
        if !self.masthead {
            return Ok(());
        }
        let masthead = ctx.header();
        writeln!(out, "<header{}>", self.attrs(Part::Masthead))?;
        write!(
            out,
            "<p{}>{}</p>",
            self.attrs(Part::Title),
            MarkupText(masthead.title())
        )?;
        if let Some(tagline) = masthead.subtitle() {
            write!(
                out,
                "\n<p{}>{}</p>",
                self.attrs(Part::Tagline),
                MarkupText(tagline)
            )?;
        }
        writeln!(out, "\n</header>")
    }

    fn index_nav<W: fmt::Write + ?Sized>(
        &self,
        out: &mut W,
        ctx: &RenderContext,
        always: bool,
    ) -> fmt::Result {
        match ctx
            .link_policy()
            .index_url()
            .and_then(|url| self.target(url))
        {
            Some(target) => {
                write!(out, "<nav{}>", self.attrs(Part::Nav))?;
                self.link(out, &target, "← all signals")?;
                writeln!(out, "</nav>")
            }
            None if always => writeln!(out, "<nav{}>← all signals</nav>", self.attrs(Part::Nav)),
            None => Ok(()),
        }
    }

    /// The brief: masthead, dateline, items and footer.
    pub(crate) fn brief<W: fmt::Write + ?Sized>(
        &self,
        out: &mut W,
        brief: &Brief,
        ctx: &RenderContext,
    ) -> fmt::Result {
        self.masthead(out, ctx)?;
        let items = brief.items();
        write!(
            out,
            "<p{}>Brief {}{SEPARATOR}",
            self.attrs(Part::Dateline),
            brief.number()
        )?;
        let date = ctx.absolute_date(brief.composed_at()).to_string();
        self.time(out, ctx, brief.composed_at(), &date)?;
        writeln!(
            out,
            "{SEPARATOR}{} {}: {}</p>",
            items.len(),
            plural(items.len(), "signal"),
            MarkupText(&badge_counts(items.iter().map(|item| item.badge()))),
        )?;
        self.index_nav(out, ctx, false)?;
        let depth = u8::from(self.masthead);
        for item in items {
            self.item(out, item.signal(), item.change(), depth, ctx)?;
        }
        writeln!(out, "<footer{}>", self.attrs(Part::Footer))?;
        write!(
            out,
            "<p>{}</p>",
            MarkupText(&coverage_line(&brief.coverage(), ctx))
        )?;
        let omissions = brief.omissions();
        if omissions.total() > 0 {
            write!(
                out,
                "\n<p>Left out: {}.</p>",
                MarkupText(&omissions.to_string())
            )?;
        }
        writeln!(out, "\n</footer>")
    }

    /// The "all signals" index.
    pub(crate) fn index<W: fmt::Write + ?Sized>(
        &self,
        out: &mut W,
        index: &SignalIndex,
        ctx: &RenderContext,
    ) -> fmt::Result {
        self.masthead(out, ctx)?;
        let depth = u8::from(self.masthead);
        self.open_heading(out, depth, Part::Headline)?;
        write!(out, "All signals ({})", index.entries().len())?;
        self.close_heading(out, depth)?;
        if index.entries().is_empty() {
            writeln!(out, "<p>No signals yet.</p>")?;
        } else {
            writeln!(out, "<ol{}>", self.attrs(Part::Index))?;
            for entry in index.entries() {
                write!(
                    out,
                    "<li><strong{}>{}</strong> ",
                    self.attrs(Part::Badge(entry.badge())),
                    entry.badge()
                )?;
                match ctx
                    .link_policy()
                    .signal_url(entry.id())
                    .and_then(|url| self.target(&url))
                {
                    Some(target) => self.link(out, &target, entry.thesis())?,
                    None => write!(out, "{}", MarkupText(entry.thesis()))?,
                }
                write!(
                    out,
                    "<br><span{}>str {}{SEPARATOR}extracted {}×{SEPARATOR}",
                    self.attrs(Part::Meta),
                    entry.strength().value(),
                    entry.extraction_count()
                )?;
                let reinforced = format!("last reinforced {}", ctx.date(entry.last_reinforced()));
                self.time(out, ctx, entry.last_reinforced(), &reinforced)?;
                writeln!(
                    out,
                    "{SEPARATOR}{} {}</span></li>",
                    entry.article_count(),
                    plural(entry.article_count(), "article")
                )?;
            }
            writeln!(out, "</ol>")?;
        }
        writeln!(out, "<footer{}>", self.attrs(Part::Footer))?;
        writeln!(
            out,
            "<p>{}</p>",
            MarkupText(&coverage_line(&index.coverage(), ctx))
        )?;
        writeln!(out, "</footer>")
    }

    /// A single signal's page.
    pub(crate) fn page<W: fmt::Write + ?Sized>(
        &self,
        out: &mut W,
        page: &SignalPage,
        ctx: &RenderContext,
    ) -> fmt::Result {
        self.masthead(out, ctx)?;
        self.index_nav(out, ctx, true)?;
        self.item(
            out,
            page.signal(),
            page.change(),
            u8::from(self.masthead),
            ctx,
        )
    }

    /// One signal as an `article`, its headline `depth` levels below the top heading.
    pub(crate) fn item<W: fmt::Write + ?Sized>(
        &self,
        out: &mut W,
        signal: &Signal,
        change: Change,
        depth: u8,
        ctx: &RenderContext,
    ) -> fmt::Result {
        writeln!(
            out,
            "<article{} id=\"signal-{}\">",
            self.attrs(Part::Item),
            MarkupAttr(signal.id().as_str())
        )?;
        writeln!(out, "<header>")?;
        self.open_heading(out, depth, Part::Headline)?;
        write!(out, "{}", MarkupText(signal.thesis()))?;
        self.close_heading(out, depth)?;
        write!(
            out,
            "<p{}><strong{}>{}</strong>",
            self.attrs(Part::Meta),
            self.attrs(Part::Badge(change.badge())),
            change.badge()
        )?;
        for part in meta_parts(signal) {
            let mut text = String::new();
            part.write(ctx, &mut text)?;
            out.write_str(SEPARATOR)?;
            match part.instant() {
                Some(instant) => self.time(out, ctx, instant, &text)?,
                None => write!(out, "{}", MarkupText(&text))?,
            }
        }
        writeln!(out, "</p>")?;
        if matches!(change, Change::Updated(_)) {
            writeln!(
                out,
                "<p{}>{}</p>",
                self.attrs(Part::Change),
                MarkupText(&change.to_string())
            )?;
        }
        self.tags(out, signal)?;
        if let Some(target) = ctx
            .link_policy()
            .signal_url(signal.id())
            .and_then(|url| self.target(&url))
        {
            write!(out, "<p{}>", self.attrs(Part::Meta))?;
            self.link(out, &target, "Signal page")?;
            writeln!(out, "</p>")?;
        }
        writeln!(out, "</header>")?;
        if !self.headlines_only {
            if let Some(analysis) = signal.analysis() {
                writeln!(out, "<section>")?;
                self.open_heading(out, depth + 1, Part::SectionHeading)?;
                out.write_str("Analysis")?;
                self.close_heading(out, depth + 1)?;
                self.paragraphs(out, analysis)?;
                writeln!(out, "</section>")?;
            }
            if !signal.actors().is_empty() {
                writeln!(out, "<section>")?;
                self.open_heading(out, depth + 1, Part::SectionHeading)?;
                out.write_str("Key actors")?;
                self.close_heading(out, depth + 1)?;
                write!(out, "<p{}>", self.attrs(Part::Actors))?;
                for (i, actor) in signal.actors().iter().enumerate() {
                    if i > 0 {
                        out.write_str(SEPARATOR)?;
                    }
                    write!(out, "<span>{}</span>", MarkupText(actor.name()))?;
                }
                writeln!(out, "</p>\n</section>")?;
            }
            writeln!(out, "<section>")?;
            self.open_heading(out, depth + 1, Part::SectionHeading)?;
            write!(out, "Source articles ({})", signal.sources().len())?;
            self.close_heading(out, depth + 1)?;
            for source in signal.sources() {
                self.source(out, source, depth + 2, ctx)?;
            }
            writeln!(out, "</section>")?;
        }
        writeln!(out, "</article>")
    }

    fn tags<W: fmt::Write + ?Sized>(&self, out: &mut W, signal: &Signal) -> fmt::Result {
        let mut labels = signal.tags().labels().peekable();
        if labels.peek().is_none() && signal.regions().is_empty() {
            return Ok(());
        }
        write!(out, "<p{}>", self.attrs(Part::Tags))?;
        let mut first = true;
        for label in labels {
            if !first {
                out.write_str(SEPARATOR)?;
            }
            first = false;
            write!(
                out,
                "<span{}>{}</span>",
                self.attrs(Part::Tag),
                MarkupText(label)
            )?;
        }
        if !signal.regions().is_empty() {
            if !first {
                out.write_str(SEPARATOR)?;
            }
            write!(out, "<span{}>", self.attrs(Part::Regions))?;
            for (i, region) in signal.regions().iter().enumerate() {
                if i > 0 {
                    out.write_str(", ")?;
                }
                write!(out, "{}", MarkupText(region.as_str()))?;
            }
            out.write_str("</span>")?;
        }
        writeln!(out, "</p>")
    }

    fn source<W: fmt::Write + ?Sized>(
        &self,
        out: &mut W,
        source: &SourceArticle,
        depth: u8,
        ctx: &RenderContext,
    ) -> fmt::Result {
        writeln!(out, "<article{}>", self.attrs(Part::Source))?;
        let article_target = source_link(source, ctx);
        self.open_heading(out, depth, Part::SourceHeading)?;
        match &article_target {
            Some(target) => self.link(out, target.as_str(), source.title())?,
            None => write!(out, "{}", MarkupText(source.title()))?,
        }
        self.close_heading(out, depth)?;
        write!(
            out,
            "<p{}>{}{SEPARATOR}",
            self.attrs(Part::Byline),
            MarkupText(source.outlet())
        )?;
        let published = ctx.date(source.published()).to_string();
        self.time(out, ctx, source.published(), &published)?;
        writeln!(out, "</p>")?;
        for quote in source.quotes() {
            self.quote(
                out,
                quote,
                article_target.as_ref().map(SafeUrl::as_str),
                ctx,
            )?;
        }
        if !source.reasoning().is_empty() {
            if self.details {
                writeln!(
                    out,
                    "<details{} open>\n<summary>Reasoning from this article</summary>",
                    self.attrs(Part::Reasoning)
                )?;
            } else {
                writeln!(out, "<section{}>", self.attrs(Part::Reasoning))?;
                self.open_heading(out, depth + 1, Part::SectionHeading)?;
                out.write_str("Reasoning from this article")?;
                self.close_heading(out, depth + 1)?;
            }
            for paragraph in source.reasoning() {
                self.paragraphs(out, paragraph)?;
            }
            writeln!(
                out,
                "{}",
                if self.details {
                    "</details>"
                } else {
                    "</section>"
                }
            )?;
        }
        writeln!(out, "</article>")
    }

    /// A quote as a `figure` holding a `blockquote` whose `cite` is the deep link (or the
    /// article), anchors in `mark`, and a link that opens the article at the quote.
    fn quote<W: fmt::Write + ?Sized>(
        &self,
        out: &mut W,
        quote: &Quote,
        article_target: Option<&str>,
        ctx: &RenderContext,
    ) -> fmt::Result {
        let deep_target = quote_link(quote, ctx);
        write!(
            out,
            "<figure{}><blockquote{}",
            self.attrs(Part::Quote),
            self.attrs(Part::QuoteBlock)
        )?;
        if let Some(cite) = deep_target.as_ref().map(SafeUrl::as_str).or(article_target) {
            write!(out, " cite=\"{}\"", MarkupAttr(cite))?;
        }
        write!(out, "><p{}>", self.attrs(Part::QuoteText))?;
        for segment in segments(quote.text(), quote.anchors()) {
            match segment {
                Segment::Anchor(text) => write!(
                    out,
                    "<mark{}>{}</mark>",
                    self.attrs(Part::Anchor),
                    MarkupText(text)
                )?,
                Segment::Plain(text) => write!(out, "{}", MarkupText(text))?,
            }
        }
        for anchor in missing_anchors(quote.text(), quote.anchors()) {
            write!(
                out,
                " [<mark{}>{}</mark>]",
                self.attrs(Part::Anchor),
                MarkupText(anchor)
            )?;
        }
        out.write_str("</p></blockquote>")?;
        if let Some(target) = deep_target {
            write!(out, "<figcaption{}>", self.attrs(Part::QuoteLink))?;
            self.link(out, target.as_str(), "Open at the quote")?;
            out.write_str("</figcaption>")?;
        }
        writeln!(out, "</figure>")
    }

    /// `text` as paragraphs, split at blank lines; single line breaks become `<br>`.
    fn paragraphs<W: fmt::Write + ?Sized>(&self, out: &mut W, text: &str) -> fmt::Result {
        // Clean first, so that a line holding only dropped characters is a blank line.
        let cleaned = strip_unsafe_chars(text);
        for paragraph in split_paragraphs(&cleaned) {
            write!(out, "<p{}>", self.attrs(Part::Prose))?;
            let lines = paragraph
                .lines()
                .map(str::trim_ascii)
                .filter(|line| !line.is_empty());
            for (i, line) in lines.enumerate() {
                if i > 0 {
                    out.write_str("<br>")?;
                }
                write!(out, "{}", MarkupText(line))?;
            }
            writeln!(out, "</p>")?;
        }
        Ok(())
    }
}

/// An attribute written with a leading space; nothing when the value is empty. Names and
/// values are this module's constants (class names, inline styles), which hold no `"`, `&` or
/// `<`, so they are written as they are.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Attrs(pub(crate) (&'static str, &'static str));

impl fmt::Display for Attrs {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (name, value) = self.0;
        if value.is_empty() {
            return Ok(());
        }
        debug_assert!(!value.contains(['"', '&', '<']), "{value}");
        out.write_char(' ')?;
        out.write_str(name)?;
        out.write_str("=\"")?;
        out.write_str(value)?;
        out.write_char('"')
    }
}
