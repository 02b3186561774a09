//! Renderers: one type per format, all implementing [`Render`].

use std::fmt;

use crate::{RenderContext, RenderError};

pub(crate) mod atom;
pub(crate) mod chat;
#[cfg(feature = "email")]
pub(crate) mod email;
pub(crate) mod feed;
pub(crate) mod html;
pub(crate) mod html_body;
pub(crate) mod json;
pub(crate) mod json_feed;
pub(crate) mod json_stream;
pub(crate) mod json_writer;
pub(crate) mod markdown;
pub(crate) mod options;
pub(crate) mod outline;
pub(crate) mod slack;
pub(crate) mod teams;
pub(crate) mod text;
pub(crate) mod webhook;
pub(crate) mod wrap;

/// Renders a document of type `D` (a [`Brief`](crate::Brief), a
/// [`SignalIndex`](crate::SignalIndex), a [`SignalPage`](crate::SignalPage), …) into
/// any [`fmt::Write`].
///
/// Renderers do no I/O and never read the clock: everything outside the document comes
/// from the [`RenderContext`]. Options are set on the renderer value with chained
/// setters and checked when rendering.
pub trait Render<D: ?Sized> {
    /// Writes `doc` to `out`.
    ///
    /// # Errors
    ///
    /// [`RenderError::InvalidOption`] for an option out of range,
    /// [`RenderError::Write`] if `out` fails, and format-specific errors listed on
    /// each renderer.
    fn render<W: fmt::Write + ?Sized>(
        &self,
        doc: &D,
        ctx: &RenderContext,
        out: &mut W,
    ) -> Result<(), RenderError>;

    /// Renders `doc` into a new `String`.
    ///
    /// # Errors
    ///
    /// As [`Render::render`].
    fn render_to_string(&self, doc: &D, ctx: &RenderContext) -> Result<String, RenderError> {
        let mut out = String::new();
        self.render(doc, ctx, &mut out)?;
        Ok(out)
    }
}
