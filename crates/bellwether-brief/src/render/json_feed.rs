//! JSON Feed 1.1: one item per brief.

use std::fmt;

use serde::ser::Error as _;
use serde::{Serialize, Serializer};

use crate::render::feed::{
    FeedMeta, FeedOptions, entry_html, entry_summary, entry_tags, entry_title, feed_options,
    feed_time, render_feed,
};
use crate::render::json_stream::write_json;
use crate::safe_url::link_target;
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

    fn feed<W: fmt::Write + ?Sized>(
        &self,
        out: &mut W,
        briefs: &[&Brief],
        ctx: &RenderContext,
    ) -> Result<(), RenderError> {
        let meta = self.options.resolve(ctx)?;
        let items = briefs
            .iter()
            .map(|brief| item(brief, &meta, ctx, self.content_text))
            .collect();
        let feed = Feed {
            version: VERSION,
            title: &meta.title,
            home_page_url: meta.home_url.as_ref().map(|url| url.as_str()),
            feed_url: meta.self_url.as_ref().map(|url| url.as_str()),
            description: meta.subtitle.as_deref(),
            authors: [author(&meta)],
            language: meta.lang.as_deref(),
            items,
        };
        write_json(&feed, self.pretty, out)
    }
}

fn author(meta: &FeedMeta) -> Author<'_> {
    let url = match (&meta.author_url, &meta.author_email) {
        (Some(url), _) => Some(url.as_str().to_owned()),
        (None, Some(email)) => Some(format!("mailto:{email}")),
        (None, None) => None,
    };
    Author {
        name: &meta.author_name,
        url,
    }
}

fn item<'a>(
    brief: &'a Brief,
    meta: &FeedMeta,
    ctx: &'a RenderContext,
    with_text: bool,
) -> Item<'a> {
    let composed = feed_time(brief.composed_at());
    let url = match brief.items() {
        [only] => ctx
            .link_policy()
            .signal_url(only.signal().id())
            .and_then(|url| link_target(&url, false)),
        _ => None,
    };
    Item {
        id: meta.entry_id(brief),
        url,
        title: entry_title(brief, ctx),
        summary: entry_summary(brief),
        content_html: Rendered::Html(brief, ctx),
        content_text: with_text.then_some(Rendered::Text(brief, ctx)),
        date_published: composed.clone(),
        date_modified: composed,
        tags: entry_tags(brief),
    }
}

/// A brief rendered only when serialised, so that the feed is written in one pass.
enum Rendered<'a> {
    /// As HTML for a feed reader (see [`entry_html`]).
    Html(&'a Brief, &'a RenderContext),
    /// As plain text at 80 columns.
    Text(&'a Brief, &'a RenderContext),
}

impl Serialize for Rendered<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let rendered = match *self {
            Rendered::Html(brief, ctx) => entry_html(brief, ctx),
            Rendered::Text(brief, ctx) => TextRenderer::new().render_to_string(brief, ctx),
        };
        // Rendering a brief to a string fails only on an invalid option, and these are fixed.
        serializer.serialize_str(&rendered.map_err(S::Error::custom)?)
    }
}

#[derive(Serialize)]
struct Feed<'a> {
    version: &'static str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    home_page_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    feed_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    authors: [Author<'a>; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    items: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct Item<'a> {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    title: String,
    summary: String,
    content_html: Rendered<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_text: Option<Rendered<'a>>,
    date_published: String,
    date_modified: String,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tags: Vec<&'a str>,
}

render_feed!(JsonFeedRenderer);
