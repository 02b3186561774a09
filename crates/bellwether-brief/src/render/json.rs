//! JSON for other programs, with a schema version.

use std::fmt;

use bellwether_signal::Signal;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::render::json_stream::write_json;

use crate::{
    Badge, Brief, Change, Coverage, IndexEntry, LeftOut, Omissions, Quiet, QuietReason, Render,
    RenderContext, RenderError, SignalIndex, SignalPage,
};

/// The version of the JSON documents [`JsonRenderer`] writes, in their `schema_version`
/// field. It changes only when a field is removed or changes meaning; consumers should
/// ignore fields they do not know.
pub const JSON_SCHEMA: u32 = 1;

/// Renders JSON documents for other programs.
///
/// Every document is an object with `schema_version` ([`JSON_SCHEMA`]) and `kind`
/// (`brief`, `quiet`, `index` or `signal`). Times are RFC 3339 in UTC; signals appear
/// in the signal model's own JSON form. When the context's [`LinkPolicy`](crate::LinkPolicy)
/// configures signal pages, each signal also gets a `page_url`.
///
/// Implements [`Render`] for [`Brief`], [`Quiet`] (so a program can log why nothing
/// was sent), [`SignalIndex`] and [`SignalPage`].
///
/// # Example
///
/// ```
/// use bellwether_brief::{Composed, Composer, JsonRenderer, Render, RenderContext};
/// # let signal: bellwether_signal::Signal = serde_json::from_str(include_str!("../../testdata/seed/signal.json"))?;
/// let now = "2026-05-27T07:00:00Z".parse()?;
/// let Composed::Brief(brief) = Composer::default().compose(&[signal], None, now)? else {
///     panic!("the seed signal is news")
/// };
/// let json = JsonRenderer::new().render_to_string(&brief, &RenderContext::new(now))?;
/// let value: serde_json::Value = serde_json::from_str(&json)?;
/// assert_eq!(value["schema_version"], 1);
/// assert_eq!(value["items"][0]["badge"], "new");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JsonRenderer {
    pretty: bool,
}

impl JsonRenderer {
    /// A renderer writing compact JSON.
    pub fn new() -> Self {
        JsonRenderer { pretty: false }
    }

    /// Indents the output for people to read (default off).
    pub fn pretty(mut self, on: bool) -> Self {
        self.pretty = on;
        self
    }

    fn write<T: Serialize, W: fmt::Write + ?Sized>(
        &self,
        doc: &T,
        out: &mut W,
    ) -> Result<(), RenderError> {
        write_json(doc, self.pretty, out)
    }
}

#[derive(Serialize)]
struct Envelope<T> {
    schema_version: u32,
    kind: &'static str,
    #[serde(flatten)]
    body: T,
}

fn envelope<T>(kind: &'static str, body: T) -> Envelope<T> {
    Envelope {
        schema_version: JSON_SCHEMA,
        kind,
        body,
    }
}

#[derive(Serialize)]
struct SignalDoc<'a> {
    badge: Badge,
    change: Change,
    #[serde(skip_serializing_if = "Option::is_none")]
    page_url: Option<String>,
    /// Sources arguing against the thesis; absent when none do.
    #[serde(skip_serializing_if = "is_zero")]
    challenged_by: usize,
    signal: &'a Signal,
}

fn is_zero(count: &usize) -> bool {
    *count == 0
}

impl<'a> SignalDoc<'a> {
    fn new(signal: &'a Signal, change: Change, ctx: &RenderContext) -> Self {
        SignalDoc {
            badge: change.badge(),
            change,
            page_url: ctx.link_policy().signal_url(signal.id()),
            challenged_by: signal.challenged_by(),
            signal,
        }
    }
}

#[derive(Serialize)]
struct BriefDoc<'a> {
    number: u64,
    composed_at: DateTime<Utc>,
    items: Vec<SignalDoc<'a>>,
    coverage: Coverage,
    omissions: Omissions,
}

#[derive(Serialize)]
struct ReasonDoc {
    #[serde(flatten)]
    reason: QuietReason,
    message: String,
}

#[derive(Serialize)]
struct QuietDoc<'a> {
    composed_at: DateTime<Utc>,
    summary: String,
    reasons: Vec<ReasonDoc>,
    left_out: &'a [LeftOut],
    coverage: Coverage,
}

#[derive(Serialize)]
struct IndexEntryDoc<'a> {
    badge: Badge,
    #[serde(skip_serializing_if = "Option::is_none")]
    page_url: Option<String>,
    #[serde(flatten)]
    entry: &'a IndexEntry,
}

#[derive(Serialize)]
struct IndexDoc<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    index_url: Option<&'a str>,
    entries: Vec<IndexEntryDoc<'a>>,
    coverage: Coverage,
}

impl Render<Brief> for JsonRenderer {
    fn render<W: fmt::Write + ?Sized>(
        &self,
        doc: &Brief,
        ctx: &RenderContext,
        out: &mut W,
    ) -> Result<(), RenderError> {
        let body = BriefDoc {
            number: doc.number(),
            composed_at: doc.composed_at(),
            items: doc
                .items()
                .iter()
                .map(|item| SignalDoc::new(item.signal(), item.change(), ctx))
                .collect(),
            coverage: doc.coverage(),
            omissions: doc.omissions(),
        };
        self.write(&envelope("brief", body), out)
    }
}

impl Render<Quiet> for JsonRenderer {
    fn render<W: fmt::Write + ?Sized>(
        &self,
        doc: &Quiet,
        _ctx: &RenderContext,
        out: &mut W,
    ) -> Result<(), RenderError> {
        let body = QuietDoc {
            composed_at: doc.composed_at(),
            summary: doc.to_string(),
            reasons: doc
                .reasons()
                .iter()
                .map(|reason| ReasonDoc {
                    reason: *reason,
                    message: reason.to_string(),
                })
                .collect(),
            left_out: doc.left_out(),
            coverage: doc.coverage(),
        };
        self.write(&envelope("quiet", body), out)
    }
}

impl Render<SignalIndex> for JsonRenderer {
    fn render<W: fmt::Write + ?Sized>(
        &self,
        doc: &SignalIndex,
        ctx: &RenderContext,
        out: &mut W,
    ) -> Result<(), RenderError> {
        let body = IndexDoc {
            index_url: ctx.link_policy().index_url(),
            entries: doc
                .entries()
                .iter()
                .map(|entry| IndexEntryDoc {
                    badge: entry.badge(),
                    page_url: ctx.link_policy().signal_url(entry.id()),
                    entry,
                })
                .collect(),
            coverage: doc.coverage(),
        };
        self.write(&envelope("index", body), out)
    }
}

impl Render<SignalPage> for JsonRenderer {
    fn render<W: fmt::Write + ?Sized>(
        &self,
        doc: &SignalPage,
        ctx: &RenderContext,
        out: &mut W,
    ) -> Result<(), RenderError> {
        let body = SignalDoc::new(doc.signal(), doc.change(), ctx);
        self.write(&envelope("signal", body), out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_writer_is_a_write_error() {
        struct Broken;
        impl fmt::Write for Broken {
            fn write_str(&mut self, _: &str) -> fmt::Result {
                Err(fmt::Error)
            }
        }
        let body = serde_json::json!({ "text": "x" });
        let err = JsonRenderer::new()
            .write(&envelope("x", body), &mut Broken)
            .unwrap_err();
        assert!(matches!(err, RenderError::Write(_)), "{err:?}");
    }
}
