//! JSON Feed 1.1: one item per brief.

use std::fmt;

use crate::render::feed::{
    FeedMeta, FeedOptions, entry_summary, entry_tags, entry_title, feed_options, feed_time,
    render_feed, write_entry_html,
};
use crate::render::json_writer::JsonWriter;
use crate::safe_url::{SafeUrl, link_target};
use crate::{Brief, Render, RenderContext, RenderError, TextRenderer};

/// The version URL every JSON Feed 1.1 document starts with.
const VERSION: &str = "https://jsonfeed.org/version/1.1";

/// Renders a [JSON Feed 1.1](https://www.jsonfeed.org/version/1.1/) document with one item per
/// brief.
///
/// Each item has an `id` (stable and never reused, as for [`AtomRenderer`](crate::AtomRenderer)),
/// `title`, `summary`, `content_html` (the brief as HTML, every text escaped), optionally
/// `content_text` (the [`TextRenderer`] rendering), `date_published`, `date_modified`, `tags`,
/// and a `url` when the brief has one item whose signal page is an absolute link. JSON
/// escaping is serde's.
///
/// Implements [`Render`] for one [`Brief`] and for a slice of briefs (`[Brief]`), newest first.
///
/// # Example
///
/// ```
/// use bellwether_brief::{Composed, Composer, JsonFeedRenderer, Render, RenderContext};
/// # let signal: bellwether_signal::Signal = serde_json::from_str(include_str!("../../testdata/seed/signal.json"))?;
/// let now = "2026-05-27T07:00:00Z".parse()?;
/// let Composed::Brief(brief) = Composer::default().compose(&[signal], None, now)? else {
///     unreachable!("the seed is strong enough")
/// };
/// let feed = JsonFeedRenderer::new()
///     .home_url("https://brief.example/")
///     .render_to_string(&brief, &RenderContext::new(now))?;
/// let value: serde_json::Value = serde_json::from_str(&feed)?;
/// assert_eq!(value["version"], "https://jsonfeed.org/version/1.1");
/// assert_eq!(value["items"].as_array().map(Vec::len), Some(1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JsonFeedRenderer {
    options: FeedOptions,
    pretty: bool,
    content_text: bool,
}

impl JsonFeedRenderer {
    /// A renderer with the defaults described on each option, writing compact JSON.
    pub fn new() -> Self {
        JsonFeedRenderer::default()
    }

    feed_options!();

    /// Whether to indent the JSON (default off).
    pub fn pretty(mut self, on: bool) -> Self {
        self.pretty = on;
        self
    }

    /// Whether each item also carries `content_text`, the brief as plain text at 80 columns
    /// (default off: `content_html` alone satisfies the spec and keeps the feed half the size).
    pub fn content_text(mut self, on: bool) -> Self {
        self.content_text = on;
        self
    }

    /// Writes the feed straight into `out`; each brief's HTML (and text) content is escaped
    /// into it as it is rendered, never held whole.
    fn feed<W: fmt::Write + ?Sized>(
        &self,
        out: &mut W,
        briefs: &[&Brief],
        ctx: &RenderContext,
    ) -> Result<(), RenderError> {
        let meta = self.options.resolve(ctx)?;
        let mut json = JsonWriter::new(out, self.pretty);
        json.begin_object()?;
        json.string_member("version", VERSION)?;
        json.string_member("title", &meta.title)?;
        json.optional_member("home_page_url", meta.home_url.as_ref().map(SafeUrl::as_str))?;
        json.optional_member("feed_url", meta.self_url.as_ref().map(SafeUrl::as_str))?;
        json.optional_member("description", meta.subtitle.as_deref())?;
        json.key("authors")?;
        json.begin_array()?;
        json.element()?;
        json.begin_object()?;
        json.string_member("name", &meta.author_name)?;
        let author_url = match (&meta.author_url, &meta.author_email) {
            (Some(url), _) => Some(url.as_str().to_owned()),
            (None, Some(email)) => Some(format!("mailto:{email}")),
            (None, None) => None,
        };
        json.optional_member("url", author_url.as_deref())?;
        json.end_object()?;
        json.end_array()?;
        json.optional_member("language", meta.lang.as_deref())?;
        json.key("items")?;
        json.begin_array()?;
        for brief in briefs {
            json.element()?;
            self.item(&mut json, brief, &meta, ctx)?;
        }
        json.end_array()?;
        json.end_object()?;
        out.write_char('\n')?;
        Ok(())
    }

    /// One brief as a feed item.
    fn item<W: fmt::Write + ?Sized>(
        &self,
        json: &mut JsonWriter<'_, W>,
        brief: &Brief,
        meta: &FeedMeta,
        ctx: &RenderContext,
    ) -> Result<(), RenderError> {
        let composed = feed_time(brief.composed_at());
        let url = match brief.items() {
            [only] => ctx
                .link_policy()
                .signal_url(only.signal().id())
                .and_then(|url| link_target(&url, false)),
            _ => None,
        };
        json.begin_object()?;
        json.string_member("id", &meta.entry_id(brief))?;
        json.optional_member("url", url.as_deref())?;
        json.string_member("title", &entry_title(brief, ctx))?;
        json.string_member("summary", &entry_summary(brief))?;
        json.key("content_html")?;
        json.streamed_string(|html| write_entry_html(html, brief, ctx))?;
        if self.content_text {
            json.key("content_text")?;
            json.streamed_string(|text| TextRenderer::new().render(brief, ctx, text))?;
        }
        json.string_member("date_published", &composed)?;
        json.string_member("date_modified", &composed)?;
        let tags = entry_tags(brief);
        if !tags.is_empty() {
            json.key("tags")?;
            json.begin_array()?;
            for tag in tags {
                json.element()?;
                json.string(tag)?;
            }
            json.end_array()?;
        }
        json.end_object()?;
        Ok(())
    }
}

render_feed!(JsonFeedRenderer);
