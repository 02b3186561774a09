//! Slack: a Block Kit message payload, within Slack's block and text limits.

use std::fmt;

use serde_json::{Value, json};

use crate::escape::{Mrkdwn, mrkdwn_text};
use crate::render::chat::{ChatBrief, ChatItem, ChatQuote, ChatSource, Emphasis, Run};
use crate::{Brief, Render, RenderContext, RenderError};

/// Slack's limits on a message, as its Block Kit reference gives them.
pub mod slack_limits {
    /// Blocks in one message.
    pub const MAX_BLOCKS: usize = 50;
    /// Characters of a section block's text.
    pub const MAX_SECTION_TEXT: usize = 3000;
    /// Characters of a header block's text.
    pub const MAX_HEADER_TEXT: usize = 150;
    /// Elements of a context block.
    pub const MAX_CONTEXT_ELEMENTS: usize = 10;
    /// Characters of a message's top-level `text` (Slack truncates past it).
    pub const MAX_MESSAGE_TEXT: usize = 40_000;
}

use slack_limits::{MAX_BLOCKS, MAX_HEADER_TEXT, MAX_MESSAGE_TEXT, MAX_SECTION_TEXT};

/// Renders a brief as a Slack message: the JSON payload for `chat.postMessage` or an incoming
/// webhook (`{"text": …, "blocks": […]}`), in [Block Kit](https://docs.slack.dev/block-kit/).
///
/// A header with the publication's name, the dateline, then per item a section with its number,
/// thesis, badge, meta line and change, a context with its tags and actors, its analysis, one
/// section per source article (title linked, byline, quotes with their anchors in bold and a
/// link into the article, reasoning), and a divider; the coverage footer last. `text` holds a
/// one-line summary for notifications.
///
/// **Limits.** Every message keeps Slack's limits ([`slack_limits`]): at most 50 blocks, a
/// section's text at most 3,000 characters (counted in UTF-16 units, which never undercounts),
/// a header's at most 150. A text past its limit is cut and ends with `…`. When the full items
/// need more than 50 blocks, each item is shown by its headline and meta only, and the footer
/// says so; when even those do not fit, the last section names how many signals are left out
/// and lists their theses. Nothing is dropped without a line saying so.
///
/// **Escaping.** Every text from a signal is escaped for `mrkdwn` (`&`, `<`, `>` as entities),
/// so no input can mention a user or group, broadcast (`<!channel>`), link a channel or add a
/// link; every text object has `verbatim: true`, so Slack does not turn a bare `@here` or URL
/// in the text into a mention or link either. Links are only the [`SafeUrl`](crate::SafeUrl)s
/// of the sources, quotes and the link policy's absolute pages.
///
/// # Example
///
/// ```
/// use bellwether_brief::{Composed, Composer, Render, RenderContext, SlackRenderer};
/// # let signal: bellwether_signal::Signal = serde_json::from_str(include_str!("../../testdata/seed/signal.json"))?;
/// let now = "2026-05-27T07:00:00Z".parse()?;
/// let Composed::Brief(brief) = Composer::default().compose(&[signal], None, now)? else {
///     unreachable!("the seed is strong enough")
/// };
/// let payload = SlackRenderer::new().render_to_string(&brief, &RenderContext::new(now))?;
/// let message: serde_json::Value = serde_json::from_str(&payload)?;
/// assert!(message["blocks"].as_array().is_some_and(|blocks| blocks.len() <= 50));
/// assert_eq!(message["blocks"][0]["type"], "header");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SlackRenderer {
    pretty: bool,
}

impl SlackRenderer {
    /// A renderer writing compact JSON.
    pub fn new() -> Self {
        SlackRenderer::default()
    }

    /// Whether to indent the JSON (default off).
    pub fn pretty(mut self, on: bool) -> Self {
        self.pretty = on;
        self
    }

    /// The message payload for `brief`.
    ///
    /// # Errors
    ///
    /// [`RenderError::Write`] only if formatting a date fails.
    pub fn message(&self, brief: &Brief, ctx: &RenderContext) -> Result<Value, RenderError> {
        let chat = ChatBrief::new(brief, ctx)?;
        Ok(json!({
            "text": mrkdwn_text(&chat.fallback, MAX_MESSAGE_TEXT),
            "blocks": blocks(&chat),
        }))
    }
}

impl Render<Brief> for SlackRenderer {
    fn render<W: fmt::Write + ?Sized>(
        &self,
        brief: &Brief,
        ctx: &RenderContext,
        out: &mut W,
    ) -> Result<(), RenderError> {
        let message = self.message(brief, ctx)?;
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

/// The message's blocks, at most [`MAX_BLOCKS`]: full items if they fit, else headlines,
/// else as many headlines as fit and a section naming the rest.
fn blocks(chat: &ChatBrief) -> Vec<Value> {
    let head = head_blocks(chat);
    let full: Vec<Vec<Value>> = chat.items.iter().map(full_item).collect();
    // Head, items, footer.
    let needed = head.len() + full.iter().map(Vec::len).sum::<usize>() + 1;
    if needed <= MAX_BLOCKS {
        let mut blocks = head;
        blocks.extend(full.into_iter().flatten());
        blocks.push(footer(chat, None));
        return blocks;
    }
    let note = "Quotes, analysis and sources are left out: the full brief needs more than \
                Slack's 50 blocks. Read it in another format.";
    let compact: Vec<Vec<Value>> = chat.items.iter().map(compact_item).collect();
    let per_item = compact.first().map_or(1, Vec::len);
    // Head, items, footer, and one section for the items left out if any are.
    let room = MAX_BLOCKS - head.len() - 1;
    let shown = if compact.len() * per_item <= room {
        compact.len()
    } else {
        (room - 1) / per_item
    };
    let mut blocks = head;
    blocks.extend(compact.into_iter().take(shown).flatten());
    if shown < chat.items.len() {
        blocks.push(left_out(&chat.items[shown..]));
    }
    blocks.push(footer(chat, Some(note)));
    blocks
}

fn mrkdwn(text: String) -> Value {
    json!({"type": "mrkdwn", "text": text, "verbatim": true})
}

fn section(text: Mrkdwn) -> Value {
    json!({"type": "section", "text": mrkdwn(text.into_string())})
}

fn context(elements: Vec<String>) -> Value {
    let elements: Vec<Value> = elements
        .into_iter()
        .take(slack_limits::MAX_CONTEXT_ELEMENTS)
        .map(mrkdwn)
        .collect();
    json!({"type": "context", "elements": elements})
}

fn head_blocks(chat: &ChatBrief) -> Vec<Value> {
    let mut header: String = chat.title.chars().filter(|c| *c != '\n').collect();
    if header.encode_utf16().count() > MAX_HEADER_TEXT {
        let mut units = 0;
        header = header
            .chars()
            .take_while(|c| {
                units += c.len_utf16();
                units < MAX_HEADER_TEXT
            })
            .collect();
        header.push('…');
    }
    let mut dateline = Mrkdwn::new(MAX_SECTION_TEXT);
    dateline.text(&chat.dateline);
    if let Some(index) = &chat.index {
        dateline.markup(" · ");
        dateline.link(index, "All signals");
    }
    vec![
        json!({"type": "header", "text": {"type": "plain_text", "text": header, "emoji": false}}),
        context(vec![dateline.into_string()]),
    ]
}

/// Writes runs: strong as `*…*`, links as `<url|text>`.
fn write_runs(out: &mut Mrkdwn, runs: &[Run]) {
    for run in runs {
        if let Some(link) = &run.link {
            let strong = run.emphasis == Emphasis::Strong;
            if strong {
                out.markup("*");
            }
            out.link(link, run.text.trim());
            if strong {
                out.markup("*");
            }
            continue;
        }
        // Emphasis marks go inside the run's own spaces, where Slack reads them.
        let trimmed = run.text.trim();
        let (lead, tail) = match trimmed.is_empty() {
            true => (run.text.as_str(), ""),
            false => {
                let start = run.text.len() - run.text.trim_start().len();
                (&run.text[..start], &run.text[start + trimmed.len()..])
            }
        };
        let mark = match run.emphasis {
            Emphasis::Plain => "",
            Emphasis::Strong => "*",
        };
        if mark.is_empty() || trimmed.is_empty() {
            out.text(&run.text);
        } else {
            out.text(lead);
            out.markup(mark);
            out.text(trimmed);
            out.markup(mark);
            out.text(tail);
        }
    }
}

/// The headline section: `*1. thesis*`, `_badge_ · meta`, the change, the signal page.
fn headline(item: &ChatItem) -> Mrkdwn {
    let mut text = Mrkdwn::new(MAX_SECTION_TEXT);
    text.markup("*");
    text.text(&format!("{}. {}", item.position, item.thesis.trim()));
    text.markup("*\n_");
    text.text(&item.badge);
    text.markup("_ · ");
    text.text(&item.meta);
    if let Some(change) = &item.change {
        text.markup("\n");
        text.text(change);
    }
    if let Some(page) = &item.page {
        text.markup("\n");
        text.link(page, "Signal page");
    }
    text
}

fn full_item(item: &ChatItem) -> Vec<Value> {
    let mut blocks = vec![section(headline(item))];
    let mut about = Vec::new();
    if !item.tags.is_empty() {
        about.push(mrkdwn_text(&item.tags, MAX_SECTION_TEXT));
    }
    if !item.actors.is_empty() {
        let mut actors = Mrkdwn::new(MAX_SECTION_TEXT);
        actors.markup("*Key actors:* ");
        actors.text(&item.actors);
        about.push(actors.into_string());
    }
    if !about.is_empty() {
        blocks.push(context(about));
    }
    if !item.analysis.is_empty() {
        let mut analysis = Mrkdwn::new(MAX_SECTION_TEXT);
        analysis.markup("*Analysis*");
        for paragraph in &item.analysis {
            analysis.markup("\n");
            analysis.text(paragraph);
        }
        blocks.push(section(analysis));
    }
    blocks.extend(
        item.sources
            .iter()
            .map(|source| section(source_text(source))),
    );
    blocks.push(json!({"type": "divider"}));
    blocks
}

fn source_text(source: &ChatSource) -> Mrkdwn {
    let mut text = Mrkdwn::new(MAX_SECTION_TEXT);
    write_runs(&mut text, std::slice::from_ref(&source.title));
    text.markup("\n_");
    text.text(&source.byline);
    text.markup("_");
    for quote in &source.quotes {
        write_quote(&mut text, quote);
    }
    for paragraph in &source.reasoning {
        text.markup("\n");
        text.text(paragraph);
    }
    text
}

fn write_quote(text: &mut Mrkdwn, quote: &ChatQuote) {
    text.markup("\n>\u{201C}");
    write_runs(text, &quote.runs);
    text.markup("\u{201D}");
    if let Some(link) = &quote.link {
        text.markup(" ");
        text.link(link, "in the article");
    }
}

fn compact_item(item: &ChatItem) -> Vec<Value> {
    vec![section(headline(item)), json!({"type": "divider"})]
}

fn left_out(items: &[ChatItem]) -> Value {
    let mut text = Mrkdwn::new(MAX_SECTION_TEXT);
    text.markup("*");
    text.text(&format!(
        "And {} more {} not shown here:",
        items.len(),
        if items.len() == 1 {
            "signal"
        } else {
            "signals"
        }
    ));
    text.markup("*");
    for item in items {
        text.markup("\n• ");
        text.text(&format!("{}. {}", item.position, item.thesis.trim()));
    }
    section(text)
}

fn footer(chat: &ChatBrief, note: Option<&str>) -> Value {
    let mut elements: Vec<String> = chat
        .footer
        .iter()
        .map(|line| mrkdwn_text(line, MAX_SECTION_TEXT))
        .collect();
    if let Some(note) = note {
        elements.push(mrkdwn_text(note, MAX_SECTION_TEXT));
    }
    context(elements)
}
