//! Microsoft Teams: an Adaptive Card in the message envelope Teams' incoming webhooks and bots
//! take, within Teams' message size.

use std::fmt;

use serde_json::{Value, json};

use crate::escape::MarkdownText;
use crate::render::chat::{ChatBrief, ChatItem, ChatQuote, ChatSource, Emphasis, Run};
use crate::{Brief, Render, RenderContext, RenderError};

/// The most bytes of card JSON a Teams message carries (Teams refuses messages over about
/// 28 KB; the envelope and Teams' own additions need the rest).
pub const MAX_TEAMS_CARD_BYTES: usize = 26_000;

/// The Adaptive Card schema version the card declares: 1.4, the newest that Teams renders on
/// every client (desktop, web and mobile).
const CARD_VERSION: &str = "1.4";

/// Renders a brief as a Microsoft Teams message holding one
/// [Adaptive Card](https://adaptivecards.io/) (schema 1.4):
/// `{"type": "message", "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "content": {…}}]}`,
/// the body an incoming webhook, a workflow or a bot posts.
///
/// The card holds the publication's name and the dateline, then per item a container with its
/// number and thesis, badge and meta line, change, tags, actors, analysis, and each source
/// article (title linked, byline, quotes with their anchors in bold, reasoning); the coverage
/// footer last.
///
/// **Escaping.** `TextBlock`s read a Markdown subset, so every text from a signal written into
/// one is escaped as CommonMark (each punctuation character that could open emphasis, a link,
/// a list, a heading or raw markup is backslash-escaped); quotes are `RichTextBlock`s of
/// `TextRun`s, which Teams shows as they are, with no Markdown at all. No input can add a link,
/// a mention (Teams mentions need `msteams.entities`, which the card never has) or markup.
/// Links are only the [`SafeUrl`](crate::SafeUrl)s of sources and quotes and the link policy's
/// absolute pages.
///
/// **Limits.** The card's JSON is at most [`MAX_TEAMS_CARD_BYTES`]: when the full items do not
/// fit, each item is shown by its headline and meta only and the footer says so; when even those
/// do not fit, the last items are replaced by a line saying how many were left out.
///
/// # Example
///
/// ```
/// use bellwether_brief::{Composed, Composer, Render, RenderContext, TeamsRenderer};
/// # let signal: bellwether_signal::Signal = serde_json::from_str(include_str!("../../testdata/seed/signal.json"))?;
/// let now = "2026-05-27T07:00:00Z".parse()?;
/// let Composed::Brief(brief) = Composer::default().compose(&[signal], None, now)? else {
///     unreachable!("the seed is strong enough")
/// };
/// let message = TeamsRenderer::new().render_to_string(&brief, &RenderContext::new(now))?;
/// let message: serde_json::Value = serde_json::from_str(&message)?;
/// assert_eq!(message["attachments"][0]["content"]["type"], "AdaptiveCard");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamsRenderer {
    pretty: bool,
}

impl TeamsRenderer {
    /// A renderer writing compact JSON.
    pub fn new() -> Self {
        TeamsRenderer::default()
    }

    /// Whether to indent the JSON (default off).
    pub fn pretty(mut self, on: bool) -> Self {
        self.pretty = on;
        self
    }

    /// The Adaptive Card alone (the `content` of the message's attachment).
    ///
    /// # Errors
    ///
    /// [`RenderError::Write`] only if formatting a date fails.
    pub fn card(&self, brief: &Brief, ctx: &RenderContext) -> Result<Value, RenderError> {
        let chat = ChatBrief::new(brief, ctx)?;
        let full = card(&chat, chat.items.iter().map(full_item).collect(), None);
        if json_len(&full) <= MAX_TEAMS_CARD_BYTES {
            return Ok(full);
        }
        let note = "Quotes, analysis and sources are left out: the full brief is longer than a \
                    Teams message holds. Read it in another format.";
        let items: Vec<Value> = chat.items.iter().map(compact_item).collect();
        let all: Vec<&ChatItem> = chat.items.iter().collect();
        let compact = |shown: usize| {
            let left_out = &all[shown..];
            card(&chat, items[..shown].to_vec(), Some((note, left_out)))
        };
        // The most items whose card fits, found by bisection (the card grows with them).
        let (mut fits, mut over) = (0, items.len() + 1);
        while over - fits > 1 {
            let middle = (fits + over) / 2;
            if json_len(&compact(middle)) <= MAX_TEAMS_CARD_BYTES {
                fits = middle;
            } else {
                over = middle;
            }
        }
        Ok(compact(fits))
    }
}

fn json_len(value: &Value) -> usize {
    serde_json::to_string(value).map_or(usize::MAX, |text| text.len())
}

impl Render<Brief> for TeamsRenderer {
    fn render<W: fmt::Write + ?Sized>(
        &self,
        brief: &Brief,
        ctx: &RenderContext,
        out: &mut W,
    ) -> Result<(), RenderError> {
        let message = json!({
            "type": "message",
            "attachments": [{
                "contentType": "application/vnd.microsoft.card.adaptive",
                "contentUrl": null,
                "content": self.card(brief, ctx)?,
            }],
        });
        let text = if self.pretty {
            serde_json::to_string_pretty(&message)
        } else {
            serde_json::to_string(&message)
        }
        .map_err(|source| RenderError::Json {
            source: Box::new(source),
        })?;
        out.write_str(&text)?;
        out.write_char('\n')?;
        Ok(())
    }
}

/// Escaped Markdown for a `TextBlock`.
fn md(text: &str) -> String {
    MarkdownText(text).to_string()
}

/// A wrapping `TextBlock` of Markdown the renderer built (its texts escaped with [`md`]).
fn text_block(markdown: String) -> Value {
    json!({"type": "TextBlock", "text": markdown, "wrap": true})
}

/// `[label](url)` with the label escaped, or the label alone for a URL Markdown cannot hold.
fn md_link(url: &str, label: &str) -> String {
    if url.contains(['(', ')', '<', '>', ' ', '\\']) {
        md(label)
    } else {
        format!("[{}]({url})", md(label))
    }
}

fn card(chat: &ChatBrief, items: Vec<Value>, compact: Option<(&str, &[&ChatItem])>) -> Value {
    let mut dateline = md(&chat.dateline);
    if let Some(index) = &chat.index {
        dateline.push_str(" · ");
        dateline.push_str(&md_link(index, "All signals"));
    }
    let mut body = vec![
        json!({"type": "TextBlock", "text": md(&chat.title), "wrap": true,
               "size": "Large", "weight": "Bolder"}),
        json!({"type": "TextBlock", "text": dateline, "wrap": true, "isSubtle": true,
               "spacing": "None"}),
    ];
    body.extend(items);
    if let Some((_, left_out)) = compact
        && !left_out.is_empty()
    {
        let theses: Vec<String> = left_out
            .iter()
            .map(|item| format!("{}\\. {}", item.position, md(item.thesis.trim())))
            .collect();
        body.push(json!({"type": "TextBlock", "wrap": true, "separator": true,
            "text": format!("**And {} more {} not shown here:** {}", left_out.len(),
                if left_out.len() == 1 { "signal" } else { "signals" }, theses.join(" · "))}));
    }
    let mut footer: Vec<String> = chat.footer.iter().map(|line| md(line)).collect();
    if let Some((note, _)) = compact {
        footer.push(md(note));
    }
    body.push(
        json!({"type": "TextBlock", "text": footer.join(" "), "wrap": true,
                     "isSubtle": true, "size": "Small", "separator": true}),
    );
    json!({
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": CARD_VERSION,
        "msteams": {"width": "Full"},
        "body": body,
    })
}

fn headline(item: &ChatItem) -> Vec<Value> {
    let mut blocks = vec![
        json!({"type": "TextBlock", "wrap": true, "weight": "Bolder", "size": "Medium",
               "text": format!("{}\\. {}", item.position, md(item.thesis.trim()))}),
        json!({"type": "TextBlock", "wrap": true, "isSubtle": true, "spacing": "None",
               "text": format!("_{}_ · {}", md(&item.badge), md(&item.meta))}),
    ];
    if let Some(change) = &item.change {
        blocks.push(json!({"type": "TextBlock", "wrap": true, "spacing": "None",
                           "text": md(change)}));
    }
    if let Some(page) = &item.page {
        blocks.push(text_block(md_link(page, "Signal page")));
    }
    blocks
}

fn container(items: Vec<Value>) -> Value {
    json!({"type": "Container", "separator": true, "spacing": "Large", "items": items})
}

fn compact_item(item: &ChatItem) -> Value {
    container(headline(item))
}

fn full_item(item: &ChatItem) -> Value {
    let mut blocks = headline(item);
    if !item.tags.is_empty() {
        blocks.push(json!({"type": "TextBlock", "wrap": true, "isSubtle": true,
                           "size": "Small", "text": md(&item.tags)}));
    }
    if !item.actors.is_empty() {
        blocks.push(text_block(format!("**Key actors:** {}", md(&item.actors))));
    }
    if !item.analysis.is_empty() {
        blocks.push(json!({"type": "TextBlock", "text": "Analysis", "weight": "Bolder"}));
        blocks.extend(item.analysis.iter().map(|p| text_block(md(p))));
    }
    for source in &item.sources {
        blocks.extend(source_blocks(source));
    }
    container(blocks)
}

fn source_blocks(source: &ChatSource) -> Vec<Value> {
    let title = match &source.title.link {
        Some(url) => format!("**{}**", md_link(url, &source.title.text)),
        None => format!("**{}**", md(&source.title.text)),
    };
    let mut blocks = vec![
        json!({"type": "TextBlock", "wrap": true, "spacing": "Medium", "text": title}),
        json!({"type": "TextBlock", "wrap": true, "isSubtle": true, "spacing": "None",
               "text": format!("_{}_", md(&source.byline))}),
    ];
    blocks.extend(source.quotes.iter().map(quote_block));
    blocks.extend(source.reasoning.iter().map(|p| text_block(md(p))));
    blocks
}

/// A quote as a `RichTextBlock`: `TextRun`s are never read as Markdown, so the article's
/// words are shown exactly, anchors in bold.
fn quote_block(quote: &ChatQuote) -> Value {
    let mut inlines = vec![text_run("\u{201C}", Emphasis::Plain)];
    inlines.extend(
        quote
            .runs
            .iter()
            .map(|run: &Run| text_run(&run.text, run.emphasis)),
    );
    inlines.push(text_run("\u{201D}", Emphasis::Plain));
    if let Some(link) = &quote.link {
        inlines.push(
            json!({"type": "TextRun", "text": " (in the article)", "isSubtle": true,
            "selectAction": {"type": "Action.OpenUrl", "url": link}}),
        );
    }
    json!({"type": "RichTextBlock", "inlines": inlines})
}

fn text_run(text: &str, emphasis: Emphasis) -> Value {
    match emphasis {
        Emphasis::Plain => json!({"type": "TextRun", "text": text, "italic": true}),
        Emphasis::Strong => {
            json!({"type": "TextRun", "text": text, "italic": true, "weight": "Bolder"})
        }
    }
}
