//! JSON for other programs, with a schema version.

use std::fmt;
use std::io;

use bellwether_signal::Signal;
use chrono::{DateTime, Utc};
use serde::Serialize;

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
        // Stream into `out` in blocks rather than through one buffer of the whole text.
        let mut sink = Utf8Sink::new(&mut *out);
        let result = if self.pretty {
            serde_json::to_writer_pretty(&mut sink, doc)
        } else {
            serde_json::to_writer(&mut sink, doc)
        };
        if let Err(err) = result {
            return Err(sink.error(err));
        }
        sink.finish()?;
        Ok(out.write_char('\n')?)
    }
}

/// Adapts a `fmt::Write` to the `io::Write` serde_json writes to. It gathers
/// serde_json's many small writes into blocks, checks each block is UTF-8 and passes
/// it on, carrying a character split at a block's end over to the next.
struct Utf8Sink<'a, W: ?Sized> {
    out: &'a mut W,
    pending: Vec<u8>,
    failed: bool,
}

/// The block size passed on to the writer.
const BLOCK: usize = 16 * 1024;

impl<'a, W: fmt::Write + ?Sized> Utf8Sink<'a, W> {
    fn new(out: &'a mut W) -> Self {
        Utf8Sink {
            out,
            pending: Vec::with_capacity(BLOCK),
            failed: false,
        }
    }

    /// Passes on the complete characters gathered so far; an incomplete one at the end
    /// stays pending.
    fn pass_on(&mut self) -> io::Result<()> {
        let valid = match std::str::from_utf8(&self.pending) {
            Ok(text) => text.len(),
            Err(err) if err.error_len().is_none() => err.valid_up_to(),
            Err(err) => return Err(io::Error::new(io::ErrorKind::InvalidData, err)),
        };
        let text = std::str::from_utf8(&self.pending[..valid]).map_err(io::Error::other)?;
        if self.out.write_str(text).is_err() {
            self.failed = true;
            return Err(io::Error::other("the output writer failed"));
        }
        self.pending.drain(..valid);
        Ok(())
    }

    /// Passes on everything; fails if a character is left incomplete.
    fn finish(mut self) -> Result<(), RenderError> {
        self.pass_on().map_err(|err| self.error(err))?;
        if self.pending.is_empty() {
            Ok(())
        } else {
            Err(RenderError::Json {
                source: "the serializer ended inside a UTF-8 character".into(),
            })
        }
    }

    fn error(&self, err: impl std::error::Error + Send + Sync + 'static) -> RenderError {
        if self.failed {
            RenderError::Write(fmt::Error)
        } else {
            RenderError::Json {
                source: Box::new(err),
            }
        }
    }
}

impl<W: fmt::Write + ?Sized> io::Write for Utf8Sink<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if self.pending.len() >= BLOCK {
            self.pass_on()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
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
    signal: &'a Signal,
}

impl<'a> SignalDoc<'a> {
    fn new(signal: &'a Signal, change: Change, ctx: &RenderContext) -> Self {
        SignalDoc {
            badge: change.badge(),
            change,
            page_url: ctx.link_policy().signal_url(signal.id()),
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
    use std::io::Write as _;

    use super::*;

    #[test]
    fn a_character_split_across_blocks_arrives_whole() {
        let mut out = String::new();
        let mut sink = Utf8Sink::new(&mut out);
        let bytes = "a—b".as_bytes();
        sink.write_all(&bytes[..2]).unwrap();
        sink.pass_on().unwrap();
        assert_eq!(sink.pending, bytes[1..2]);
        sink.write_all(&bytes[2..]).unwrap();
        sink.finish().unwrap();
        assert_eq!(out, "a—b");
    }

    #[test]
    fn invalid_or_unfinished_utf8_is_an_error() {
        let mut out = String::new();
        let mut sink = Utf8Sink::new(&mut out);
        sink.write_all(b"ok\xFFno").unwrap();
        assert!(sink.pass_on().is_err());
        let mut sink = Utf8Sink::new(&mut out);
        sink.write_all(&"a—".as_bytes()[..2]).unwrap();
        assert!(matches!(sink.finish(), Err(RenderError::Json { .. })));
    }

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
