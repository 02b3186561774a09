//! What the Atom and JSON Feed renderers share: feed options and their defaults, entry ids,
//! titles and the HTML content of an entry. The checks on each option live in `options`.

use std::fmt;

use chrono::{DateTime, SecondsFormat, Utc};

use crate::change::plural;
use crate::content::badge_counts;
use crate::escape::escaping_writer;
use crate::render::html_body::{HtmlBody, Styling};
use crate::render::options::{
    FeedLink, Layout, check_author_name, check_email, check_feed_id, check_feed_link, check_lang,
};
use crate::render::outline::Outline;
use crate::safe_url::SafeUrl;
use crate::{Brief, RenderContext, RenderError};

/// The chained feed options shared by [`AtomRenderer`] and
/// [`JsonFeedRenderer`](crate::JsonFeedRenderer).
macro_rules! feed_options {
    () => {
        /// Sets the feed's permanent id: an `http` or `https` URL or a `urn:` or `tag:` URI
        /// (checked when rendering). Defaults to the self URL, else the home page URL, else a
        /// `urn:bellwether:feed:` URI made from the masthead title; set it explicitly so that
        /// moving the feed does not change it.
        pub fn id(mut self, id: &str) -> Self {
            self.options.id = Some(id.to_owned());
            self
        }

        /// Sets the URL the feed itself is served from (absolute `http` or `https`; checked
        /// when rendering).
        pub fn self_url(mut self, url: &str) -> Self {
            self.options.self_url = Some(url.to_owned());
            self
        }

        /// Sets the URL of the web page the feed belongs to (absolute `http` or `https`;
        /// checked when rendering).
        pub fn home_url(mut self, url: &str) -> Self {
            self.options.home_url = Some(url.to_owned());
            self
        }

        /// Sets the author's name (default: the masthead title; must not be blank).
        pub fn author_name(mut self, name: &str) -> Self {
            self.options.author_name = Some(name.to_owned());
            self
        }

        /// Sets the author's email address (a plain `local@domain`; checked when rendering).
        pub fn author_email(mut self, email: &str) -> Self {
            self.options.author_email = Some(email.to_owned());
            self
        }

        /// Sets the author's web page (absolute `http` or `https`; checked when rendering).
        pub fn author_url(mut self, url: &str) -> Self {
            self.options.author_url = Some(url.to_owned());
            self
        }

        /// Sets the feed's language, a BCP 47 tag such as `en` or `pt-BR` (checked when
        /// rendering; none by default).
        pub fn lang(mut self, tag: &str) -> Self {
            self.options.lang = Some(tag.to_owned());
            self
        }
    };
}
pub(crate) use feed_options;

/// Implements [`Render`](crate::Render) for one [`Brief`] and for a slice of briefs on a feed
/// renderer with a `feed(&self, out, briefs, ctx)` method writing the feed of `briefs`.
macro_rules! render_feed {
    ($renderer:ty) => {
        impl Render<Brief> for $renderer {
            fn render<W: fmt::Write + ?Sized>(
                &self,
                doc: &Brief,
                ctx: &RenderContext,
                out: &mut W,
            ) -> Result<(), RenderError> {
                self.feed(out, &[doc], ctx)
            }
        }

        impl Render<[Brief]> for $renderer {
            /// Writes a feed of every brief, newest first; an empty slice gives a valid feed
            /// with no entries (an Atom feed is then updated at the context's `now`).
            fn render<W: fmt::Write + ?Sized>(
                &self,
                doc: &[Brief],
                ctx: &RenderContext,
                out: &mut W,
            ) -> Result<(), RenderError> {
                self.feed(out, &crate::render::feed::newest_first(doc), ctx)
            }
        }
    };
}
pub(crate) use render_feed;

/// The feed-level options both feed renderers take, as given (checked when rendering).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FeedOptions {
    pub(crate) id: Option<String>,
    pub(crate) self_url: Option<String>,
    pub(crate) home_url: Option<String>,
    pub(crate) author_name: Option<String>,
    pub(crate) author_email: Option<String>,
    pub(crate) author_url: Option<String>,
    pub(crate) lang: Option<String>,
}

/// The checked feed metadata.
#[derive(Debug, Clone)]
pub(crate) struct FeedMeta {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) subtitle: Option<String>,
    pub(crate) self_url: Option<SafeUrl>,
    pub(crate) home_url: Option<SafeUrl>,
    pub(crate) author_name: String,
    pub(crate) author_email: Option<String>,
    pub(crate) author_url: Option<SafeUrl>,
    pub(crate) lang: Option<String>,
}

/// The longest entry title, in characters, before it is cut at a word and given an ellipsis.
const MAX_TITLE_CHARS: usize = 160;

impl FeedOptions {
    /// Checks the options and fills in defaults from `ctx`: the author and title from the
    /// masthead, the id from the self link, the home page, or the masthead's title.
    pub(crate) fn resolve(&self, ctx: &RenderContext) -> Result<FeedMeta, RenderError> {
        let link = |link: FeedLink, url: &Option<String>| {
            url.as_deref()
                .map(|url| check_feed_link(link, url))
                .transpose()
        };
        let self_url = link(FeedLink::Feed, &self.self_url)?;
        let home_url = link(FeedLink::Home, &self.home_url)?;
        let author_url = link(FeedLink::Author, &self.author_url)?;
        let id = match &self.id {
            Some(id) => {
                check_feed_id(id)?;
                id.clone()
            }
            None => match (&self_url, &home_url) {
                (Some(url), _) | (None, Some(url)) => url.as_str().to_owned(),
                (None, None) => format!("urn:bellwether:feed:{}", slug(ctx.header().title())),
            },
        };
        if let Some(email) = &self.author_email {
            check_email(email)?;
        }
        let author_name = match &self.author_name {
            Some(name) => {
                check_author_name(name)?;
                name.trim().to_owned()
            }
            None => ctx.header().title().to_owned(),
        };
        if let Some(lang) = &self.lang {
            check_lang(lang)?;
        }
        Ok(FeedMeta {
            id,
            title: ctx.header().title().to_owned(),
            subtitle: ctx.header().subtitle().map(str::to_owned),
            self_url,
            home_url,
            author_name,
            author_email: self.author_email.clone(),
            author_url,
            lang: self.lang.clone(),
        })
    }
}

impl FeedMeta {
    /// A stable, unique id for `brief`'s entry: the feed id, then the brief's number and
    /// composition time (so that a restarted numbering never reuses an id).
    pub(crate) fn entry_id(&self, brief: &Brief) -> String {
        let separator = if self.id.contains('#') { '-' } else { '#' };
        format!(
            "{}{separator}brief-{}-{}",
            self.id,
            brief.number(),
            brief.composed_at().format("%Y%m%dT%H%M%SZ")
        )
    }
}

/// An entry's title: `Brief 3 · 2026-05-27: <first thesis> (+2 more)`, cut to a readable length.
pub(crate) fn entry_title(brief: &Brief, ctx: &RenderContext) -> String {
    let items = brief.items();
    let mut thesis = items
        .first()
        .map(|item| item.signal().thesis())
        .unwrap_or_default()
        .to_owned();
    if thesis.chars().count() > MAX_TITLE_CHARS {
        let cut = thesis
            .char_indices()
            .nth(MAX_TITLE_CHARS)
            .map_or(thesis.len(), |(offset, _)| offset);
        let at_word = thesis[..cut].rfind(char::is_whitespace).unwrap_or(cut);
        thesis.truncate(at_word);
        thesis.push('…');
    }
    let mut title = format!(
        "Brief {} · {}: {thesis}",
        brief.number(),
        ctx.absolute_date(brief.composed_at())
    );
    if items.len() > 1 {
        title.push_str(&format!(" (+{} more)", items.len() - 1));
    }
    title
}

/// How many theses an entry's summary lists before "and N more".
const SUMMARY_THESES: usize = 10;

/// An entry's summary: `2 signals: 1 new, 1 reinforced. <thesis> · <thesis>`, listing at
/// most ten theses.
pub(crate) fn entry_summary(brief: &Brief) -> String {
    let items = brief.items();
    let theses: Vec<&str> = items
        .iter()
        .take(SUMMARY_THESES)
        .map(|item| item.signal().thesis())
        .collect();
    let mut summary = format!(
        "{} {}: {}. {}",
        items.len(),
        plural(items.len(), "signal"),
        badge_counts(items.iter().map(|item| item.badge())),
        theses.join(" · ")
    );
    if items.len() > SUMMARY_THESES {
        summary.push_str(&format!(" · and {} more", items.len() - SUMMARY_THESES));
    }
    summary
}

/// The distinct tag labels of a brief's items, in first-seen order.
pub(crate) fn entry_tags(brief: &Brief) -> Vec<&str> {
    let mut tags: Vec<&str> = Vec::new();
    for label in brief
        .items()
        .iter()
        .flat_map(|item| item.signal().tags().labels())
    {
        if !tags.contains(&label) {
            tags.push(label);
        }
    }
    tags
}

/// How a feed reader gets the brief as HTML: no masthead (the feed has the title), classes only
/// (readers drop styles), reasoning shown rather than folded, absolute links only.
const ENTRY_BODY: HtmlBody = HtmlBody {
    styling: Styling::Classes,
    layout: Layout {
        heading_level: 2,
        headlines_only: false,
        masthead: false,
    },
    details: false,
    site_relative_links: false,
};

/// Writes the brief as HTML for a feed reader (see [`ENTRY_BODY`]).
pub(crate) fn write_entry_html<W: fmt::Write + ?Sized>(
    out: &mut W,
    brief: &Brief,
    ctx: &RenderContext,
) -> Result<(), RenderError> {
    Ok(ENTRY_BODY.outline(out, ctx).brief(brief)?)
}

/// Writes the brief's entry HTML (see [`ENTRY_BODY`]) escaped as XML character data, streaming
/// rather than building the HTML first.
pub(crate) fn write_entry_html_escaped<W: fmt::Write + ?Sized>(
    out: &mut W,
    brief: &Brief,
    ctx: &RenderContext,
) -> fmt::Result {
    let mut escaped = escaping_writer(out);
    ENTRY_BODY.outline(&mut escaped, ctx).brief(brief)?;
    escaped.finish()
}

/// The briefs a feed holds, newest first (by composition time, then number).
pub(crate) fn newest_first(briefs: &[Brief]) -> Vec<&Brief> {
    let mut sorted: Vec<&Brief> = briefs.iter().collect();
    sorted.sort_by_key(|brief| std::cmp::Reverse((brief.composed_at(), brief.number())));
    sorted
}

/// A time as feeds want it: RFC 3339 in UTC, to the second.
pub(crate) fn feed_time(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// `text` lowercased with every run of other characters turned into one hyphen.
fn slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        slug.push_str("brief");
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_titles() {
        assert_eq!(slug("The Bellwether"), "the-bellwether");
        assert_eq!(slug(" ¡Olé! Brief "), "ol-brief");
        assert_eq!(slug("中文"), "brief");
    }
}
