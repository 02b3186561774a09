//! A generic webhook: one JSON event any receiver can route, with the brief in the
//! [`JsonRenderer`]'s documented schema and a plain summary beside it.

use std::fmt;

use serde_json::{Value, json};

use crate::escape::strip_unsafe_chars;
use crate::render::feed::{entry_summary, entry_title, feed_time};
use crate::{Brief, JsonRenderer, Render, RenderContext, RenderError};

/// The event name every webhook payload carries in `event`.
pub const WEBHOOK_EVENT: &str = "bellwether.brief";

/// The version of the webhook envelope (`schema_version`); the `brief` inside it carries the
/// [`JsonRenderer`]'s own `schema_version`.
pub const WEBHOOK_SCHEMA_VERSION: u32 = 1;

/// Renders a brief as a generic webhook payload: a JSON object for any HTTP receiver
/// (Zapier, n8n, a queue, your own service).
///
/// ```json
/// {"schema_version": 1, "event": "bellwether.brief", "id": "brief-3-20260527T070000Z",
///  "number": 3, "composed_at": "2026-05-27T07:00:00Z",
///  "title": "Brief 3 · 2026-05-27: …", "summary": "2 signals: 1 new, 1 reinforced. …",
///  "brief": { … the JsonRenderer document … }}
/// ```
///
/// `id` is stable for a brief (its number and composition time), so a receiver can drop a
/// delivery it has already seen. `title` and `summary` are plain text (control and
/// bidirectional characters dropped) for receivers that show one line; `brief` is the whole
/// brief as [`JsonRenderer`] writes it, its schema [`JSON_SCHEMA`](crate::JSON_SCHEMA). JSON
/// escaping is serde's, so no text can break out of its string.
///
/// # Example
///
/// ```
/// use bellwether_brief::{Composed, Composer, Render, RenderContext, WebhookRenderer};
/// # let signal: bellwether_signal::Signal = serde_json::from_str(include_str!("../../testdata/seed/signal.json"))?;
/// let now = "2026-05-27T07:00:00Z".parse()?;
/// let Composed::Brief(brief) = Composer::default().compose(&[signal], None, now)? else {
///     unreachable!("the seed is strong enough")
/// };
/// let payload = WebhookRenderer::new().render_to_string(&brief, &RenderContext::new(now))?;
/// let event: serde_json::Value = serde_json::from_str(&payload)?;
/// assert_eq!(event["event"], "bellwether.brief");
/// assert_eq!(event["brief"]["kind"], "brief");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WebhookRenderer {
    pretty: bool,
}

impl WebhookRenderer {
    /// A renderer writing compact JSON.
    pub fn new() -> Self {
        WebhookRenderer::default()
    }

    /// Whether to indent the JSON (default off).
    pub fn pretty(mut self, on: bool) -> Self {
        self.pretty = on;
        self
    }

    /// The payload for `brief`.
    ///
    /// # Errors
    ///
    /// As [`JsonRenderer`]'s rendering.
    pub fn payload(&self, brief: &Brief, ctx: &RenderContext) -> Result<Value, RenderError> {
        let document = JsonRenderer::new().render_to_string(brief, ctx)?;
        let document: Value =
            serde_json::from_str(&document).map_err(|source| RenderError::Json {
                source: Box::new(source),
            })?;
        let composed = feed_time(brief.composed_at());
        Ok(json!({
            "schema_version": WEBHOOK_SCHEMA_VERSION,
            "event": WEBHOOK_EVENT,
            "id": format!("brief-{}-{}", brief.number(), brief.composed_at().format("%Y%m%dT%H%M%SZ")),
            "number": brief.number(),
            "composed_at": composed,
            "title": strip_unsafe_chars(&entry_title(brief, ctx)),
            "summary": strip_unsafe_chars(&entry_summary(brief)),
            "brief": document,
        }))
    }
}

impl Render<Brief> for WebhookRenderer {
    fn render<W: fmt::Write + ?Sized>(
        &self,
        brief: &Brief,
        ctx: &RenderContext,
        out: &mut W,
    ) -> Result<(), RenderError> {
        let payload = self.payload(brief, ctx)?;
        let text = if self.pretty {
            serde_json::to_string_pretty(&payload)
        } else {
            serde_json::to_string(&payload)
        }
        .map_err(|source| RenderError::Json {
            source: Box::new(source),
        })?;
        out.write_str(&text)?;
        out.write_char('\n')?;
        Ok(())
    }
}
