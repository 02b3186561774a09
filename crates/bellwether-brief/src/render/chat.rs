//! What a chat message (Slack, Teams) shows of a brief, before any format's markup: the
//! pieces in reading order, as runs of plain text with emphasis and links. Each chat format
//! escapes the runs with its own rules and packs them within its own limits.

use bellwether_signal::{Quote, Signal, SourceArticle};

use crate::content::{
    SEPARATOR, coverage_line, meta_parts, quote_link, source_link, tag_line, write_dateline,
    write_source_byline,
};
use crate::escape::strip_unsafe_chars;
use crate::grounded::marked;
use crate::highlight::{Segment, segments};
use crate::safe_url::link_target;
use crate::{Brief, BriefItem, Change, RenderContext, RenderError};

/// How a run of text is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Emphasis {
    /// As it is.
    Plain,
    /// Bold: a quote's anchors, a source's title.
    Strong,
}

/// A run of text, already cleaned of control and bidirectional characters, possibly a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Run {
    /// The text, never markup: each format escapes it.
    pub(crate) text: String,
    /// How it is emphasised.
    pub(crate) emphasis: Emphasis,
    /// Where it links to: a URL that passed [`SafeUrl`](crate::SafeUrl), never relative.
    pub(crate) link: Option<String>,
}

impl Run {
    fn new(text: &str, emphasis: Emphasis) -> Run {
        Run {
            text: strip_unsafe_chars(text).into_owned(),
            emphasis,
            link: None,
        }
    }

    /// Plain text.
    pub(crate) fn plain(text: &str) -> Run {
        Run::new(text, Emphasis::Plain)
    }

    /// Bold text.
    pub(crate) fn strong(text: &str) -> Run {
        Run::new(text, Emphasis::Strong)
    }

    fn linked(mut self, link: Option<String>) -> Run {
        self.link = link;
        self
    }
}

/// One line of runs.
pub(crate) type Line = Vec<Run>;

/// A quote: the article's words as runs, anchors strong, and its deep link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ChatQuote {
    /// The quote's text, anchors as [`Emphasis::Strong`] runs, without quotation marks.
    pub(crate) runs: Line,
    /// The deep link into the article, if allowed and safe.
    pub(crate) link: Option<String>,
}

/// A source article with its quotes and reasoning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ChatSource {
    /// The title, linked to the article when links are on and the URL is safe.
    pub(crate) title: Run,
    /// `Pacific Policy Review · 2026-05-12` (and `contradicts the thesis`).
    pub(crate) byline: String,
    /// The quotes.
    pub(crate) quotes: Vec<ChatQuote>,
    /// The reasoning paragraphs, flagged claims marked after their paragraph.
    pub(crate) reasoning: Vec<String>,
}

/// One item of a brief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ChatItem {
    /// `1.`, `2.`, …
    pub(crate) position: usize,
    /// The thesis.
    pub(crate) thesis: String,
    /// `new`, `reinforced`, …
    pub(crate) badge: String,
    /// What changed since the last brief, for an updated signal.
    pub(crate) change: Option<String>,
    /// `str 8 · extracted 3× · first seen … · last reinforced … · 3 articles`.
    pub(crate) meta: String,
    /// `structural · regulatory · AI · US, CN`, possibly empty.
    pub(crate) tags: String,
    /// The signal's page, if the link policy gives an absolute one.
    pub(crate) page: Option<String>,
    /// The analysis paragraphs, flagged claims marked.
    pub(crate) analysis: Vec<String>,
    /// `BIS · Anthropic · OpenAI · DeepSeek`, possibly empty.
    pub(crate) actors: String,
    /// The source articles.
    pub(crate) sources: Vec<ChatSource>,
}

/// A brief as a chat message shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ChatBrief {
    /// The publication's name.
    pub(crate) title: String,
    /// `Brief 3 · 2026-05-27 · 2 signals: 1 new, 1 reinforced`.
    pub(crate) dateline: String,
    /// The "all signals" page, if absolute.
    pub(crate) index: Option<String>,
    /// The items, in the brief's order.
    pub(crate) items: Vec<ChatItem>,
    /// The coverage line and what was left out.
    pub(crate) footer: Vec<String>,
    /// A one-line summary for notifications and clients that show no blocks.
    pub(crate) fallback: String,
}

impl ChatBrief {
    /// The chat view of `brief`.
    pub(crate) fn new(brief: &Brief, ctx: &RenderContext) -> Result<ChatBrief, RenderError> {
        let mut dateline = String::new();
        write_dateline(&mut dateline, brief, ctx)?;
        let items = brief
            .items()
            .iter()
            .enumerate()
            .map(|(position, item)| chat_item(position, item, ctx))
            .collect::<Result<Vec<_>, RenderError>>()?;
        let mut footer = vec![coverage_line(&brief.coverage(), ctx)];
        let omissions = brief.omissions();
        if omissions.total() > 0 {
            footer.push(format!("Left out: {omissions}."));
        }
        let fallback = strip_unsafe_chars(&crate::render::feed::entry_title(brief, ctx)).into();
        Ok(ChatBrief {
            title: strip_unsafe_chars(ctx.header().title()).into_owned(),
            dateline,
            index: absolute(ctx.link_policy().index_url()),
            items,
            footer,
            fallback,
        })
    }
}

/// `url` if it is an absolute link a chat client may follow.
fn absolute(url: Option<&str>) -> Option<String> {
    url.and_then(|url| link_target(url, false))
}

fn chat_item(
    position: usize,
    item: &BriefItem,
    ctx: &RenderContext,
) -> Result<ChatItem, RenderError> {
    let signal = item.signal();
    let mut meta = String::new();
    for (i, part) in meta_parts(signal).into_iter().enumerate() {
        if i > 0 {
            meta.push_str(SEPARATOR);
        }
        part.write(ctx, &mut meta)?;
    }
    let change = match item.change() {
        Change::Updated(_) => Some(item.change().to_string()),
        Change::New | Change::Unchanged => None,
    };
    Ok(ChatItem {
        position: position + 1,
        thesis: strip_unsafe_chars(signal.thesis()).into_owned(),
        badge: item.badge().to_string(),
        change,
        meta,
        tags: strip_unsafe_chars(&tag_line(signal)).into_owned(),
        page: absolute(ctx.link_policy().signal_url(signal.id()).as_deref()),
        analysis: analysis(signal),
        actors: strip_unsafe_chars(
            &signal
                .actors()
                .iter()
                .map(|actor| actor.name())
                .collect::<Vec<_>>()
                .join(SEPARATOR),
        )
        .into_owned(),
        sources: signal
            .sources()
            .iter()
            .map(|source| chat_source(source, ctx))
            .collect::<Result<_, _>>()?,
    })
}

/// The analysis as paragraphs, its flagged claims marked after it.
fn analysis(signal: &Signal) -> Vec<String> {
    let Some(analysis) = signal.analysis() else {
        return Vec::new();
    };
    let flagged: Vec<_> = signal.analysis_flagged_claims().iter().collect();
    paragraphs(&marked(analysis, &flagged))
}

/// `text` split at blank lines, each paragraph's white space made single spaces.
fn paragraphs(text: &str) -> Vec<String> {
    let cleaned = strip_unsafe_chars(text);
    crate::escape::split_paragraphs(&cleaned)
        .map(|paragraph| paragraph.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|paragraph| !paragraph.is_empty())
        .collect()
}

fn chat_source(source: &SourceArticle, ctx: &RenderContext) -> Result<ChatSource, RenderError> {
    let mut byline = String::new();
    write_source_byline(&mut byline, source, ctx)?;
    let reasoning = source
        .reasoning()
        .iter()
        .enumerate()
        .map(|(i, paragraph)| {
            let flagged: Vec<_> = (source.flagged_claims().iter())
                .filter(|claim| claim.paragraph() == i)
                .collect();
            paragraphs(&marked(paragraph, &flagged)).join(" ")
        })
        .collect();
    Ok(ChatSource {
        title: Run::strong(source.title())
            .linked(source_link(source, ctx).map(|url| url.as_str().to_owned())),
        byline: strip_unsafe_chars(&byline).into_owned(),
        quotes: source
            .quotes()
            .iter()
            .map(|quote| chat_quote(quote, ctx))
            .collect(),
        reasoning,
    })
}

fn chat_quote(quote: &Quote, ctx: &RenderContext) -> ChatQuote {
    let runs = segments(quote)
        .into_iter()
        .map(|segment| match segment {
            Segment::Plain(text) => Run::plain(&single_spaced(text)),
            Segment::Anchor(text) => Run::strong(&single_spaced(text)),
        })
        .filter(|run| !run.text.is_empty())
        .collect();
    ChatQuote {
        runs,
        link: quote_link(quote, ctx).map(|url| url.as_str().to_owned()),
    }
}

/// `text` with every run of white space made one space, keeping a leading and a trailing one
/// (runs of a quote meet at anchors, where the space belongs to the plain side).
fn single_spaced(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_runs_become_one_space_at_either_end_too() {
        assert_eq!(single_spaced("  a\n\t b  "), " a b ");
        assert_eq!(single_spaced("a"), "a");
    }

    #[test]
    fn paragraphs_split_at_blank_lines_and_join_wrapped_lines() {
        assert_eq!(paragraphs("one\ntwo\n\nthree"), ["one two", "three"]);
        assert!(paragraphs(" \n\n ").is_empty());
    }
}
