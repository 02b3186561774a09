//! Atom 1.0 feeds (RFC 4287): one entry per brief.

use std::fmt;

use crate::escape::{MarkupAttr, MarkupText};
use crate::render::feed::{
    FeedMeta, FeedOptions, entry_summary, entry_tags, entry_title, feed_options, feed_time,
    render_feed, write_entry_html_escaped,
};
use crate::safe_url::link_target;
use crate::{Brief, Render, RenderContext, RenderError};

/// Renders an Atom 1.0 feed (RFC 4287) with one entry per brief.
///
/// The feed carries every element RFC 4287 requires (`id`, `title`, `updated`, an `author`)
/// and each entry its `id`, `title`, `updated`, `published`, a text `summary`, the brief as
/// escaped HTML `content`, a `category` per tag and `related` links to signal pages when the
/// [`LinkPolicy`](crate::LinkPolicy) has absolute ones. Entry ids are derived from the feed id,
/// the brief's number and its composition time, so they are stable and never reused.
///
/// Text is escaped, never wrapped in CDATA; control characters, noncharacters and
/// bidirectional overrides are dropped, so the feed is well-formed XML whatever the input.
///
/// Implements [`Render`] for one [`Brief`] and for a slice of briefs (`[Brief]`), newest first.
///
/// # Example
///
/// ```
/// use bellwether_brief::{AtomRenderer, Composed, Composer, Render, RenderContext, RenderError};
/// # let signal: bellwether_signal::Signal = serde_json::from_str(include_str!("../../testdata/seed/signal.json"))?;
/// let now = "2026-05-27T07:00:00Z".parse()?;
/// let Composed::Brief(brief) = Composer::default().compose(&[signal], None, now)? else {
///     unreachable!("the seed is strong enough")
/// };
/// let ctx = RenderContext::new(now);
/// let atom = AtomRenderer::new()
///     .self_url("https://brief.example/atom.xml")
///     .author_email("editor@brief.example")
///     .render_to_string(&brief, &ctx)?;
/// assert!(atom.contains("<id>https://brief.example/atom.xml#brief-1-20260527T070000Z</id>"));
///
/// let err = AtomRenderer::new().self_url("javascript:alert(1)").render_to_string(&brief, &ctx);
/// assert!(matches!(err, Err(RenderError::InvalidLink { .. })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AtomRenderer {
    options: FeedOptions,
}

impl AtomRenderer {
    /// A renderer with the defaults described on each option.
    pub fn new() -> Self {
        AtomRenderer::default()
    }

    feed_options!();

    fn feed<W: fmt::Write + ?Sized>(
        &self,
        out: &mut W,
        briefs: &[&Brief],
        ctx: &RenderContext,
    ) -> Result<(), RenderError> {
        let meta = self.options.resolve(ctx)?;
        let updated = briefs
            .iter()
            .map(|brief| brief.composed_at())
            .max()
            .unwrap_or_else(|| ctx.now());
        writeln!(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>")?;
        write!(out, "<feed xmlns=\"http://www.w3.org/2005/Atom\"")?;
        if let Some(lang) = &meta.lang {
            write!(out, " xml:lang=\"{}\"", MarkupAttr(lang))?;
        }
        writeln!(out, ">")?;
        writeln!(out, "  <id>{}</id>", MarkupText(&meta.id))?;
        writeln!(
            out,
            "  <title type=\"text\">{}</title>",
            MarkupText(&meta.title)
        )?;
        if let Some(subtitle) = &meta.subtitle {
            writeln!(
                out,
                "  <subtitle type=\"text\">{}</subtitle>",
                MarkupText(subtitle)
            )?;
        }
        writeln!(out, "  <updated>{}</updated>", feed_time(updated))?;
        write_author(out, &meta)?;
        if let Some(url) = &meta.self_url {
            writeln!(
                out,
                "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
                MarkupAttr(url.as_str())
            )?;
        }
        if let Some(url) = &meta.home_url {
            writeln!(
                out,
                "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
                MarkupAttr(url.as_str())
            )?;
        }
        writeln!(
            out,
            "  <generator uri=\"https://github.com/bellwether-rs/bellwether\" version=\"{}\">Bellwether</generator>",
            env!("CARGO_PKG_VERSION")
        )?;
        for brief in briefs {
            self.entry(out, brief, &meta, ctx)?;
        }
        writeln!(out, "</feed>")?;
        Ok(())
    }

    fn entry<W: fmt::Write + ?Sized>(
        &self,
        out: &mut W,
        brief: &Brief,
        meta: &FeedMeta,
        ctx: &RenderContext,
    ) -> Result<(), RenderError> {
        let composed = feed_time(brief.composed_at());
        writeln!(out, "  <entry>")?;
        writeln!(out, "    <id>{}</id>", MarkupText(&meta.entry_id(brief)))?;
        writeln!(
            out,
            "    <title type=\"text\">{}</title>",
            MarkupText(&entry_title(brief, ctx))
        )?;
        writeln!(out, "    <updated>{composed}</updated>")?;
        writeln!(out, "    <published>{composed}</published>")?;
        for item in brief.items() {
            let signal = item.signal();
            if let Some(target) = ctx
                .link_policy()
                .signal_url(signal.id())
                .and_then(|url| link_target(&url, false))
            {
                writeln!(
                    out,
                    "    <link rel=\"related\" type=\"text/html\" href=\"{}\" title=\"{}\"/>",
                    MarkupAttr(&target),
                    MarkupAttr(signal.thesis())
                )?;
            }
        }
        for tag in entry_tags(brief) {
            writeln!(out, "    <category term=\"{}\"/>", MarkupAttr(tag))?;
        }
        writeln!(
            out,
            "    <summary type=\"text\">{}</summary>",
            MarkupText(&entry_summary(brief))
        )?;
        out.write_str("    <content type=\"html\">")?;
        write_entry_html_escaped(out, brief, ctx)?;
        writeln!(out, "</content>")?;
        writeln!(out, "  </entry>")?;
        Ok(())
    }
}

fn write_author<W: fmt::Write + ?Sized>(out: &mut W, meta: &FeedMeta) -> fmt::Result {
    writeln!(out, "  <author>")?;
    writeln!(out, "    <name>{}</name>", MarkupText(&meta.author_name))?;
    if let Some(email) = &meta.author_email {
        writeln!(out, "    <email>{}</email>", MarkupText(email))?;
    }
    if let Some(url) = &meta.author_url {
        writeln!(out, "    <uri>{}</uri>", MarkupText(url.as_str()))?;
    }
    writeln!(out, "  </author>")
}

render_feed!(AtomRenderer);
