//! HTML: a full page, an embeddable fragment and an email-safe document.

use std::fmt;

use crate::escape::{MarkupAttr, MarkupText};
use crate::render::html_body::{HtmlBody, Styling};
use crate::render::options::{HeadingLevels, Layout, check_lang, layout_options};
use crate::render::outline::Outline;
use crate::{Brief, Render, RenderContext, RenderError, SignalIndex, SignalPage};

/// The page's stylesheet: system fonts, a readable measure, light and dark palettes.
const STYLESHEET: &str = include_str!("html.css");

/// Scripts, frames, plugins, forms and remote styles are all refused by the page itself, so
/// that even markup that slipped through could not run.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; \
     img-src https: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// Which HTML document [`HtmlRenderer`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum HtmlVariant {
    /// A complete HTML5 document with a small stylesheet and a content security policy that
    /// forbids scripts.
    #[default]
    Page,
    /// The body content only, to embed in a page of your own; elements carry `bw-` classes.
    Fragment,
    /// A complete document for email: every style inline, layout in a presentation table, no
    /// `style` element, no `details`, no scripts, only absolute links.
    Email,
}

/// Renders HTML: semantic (`article`, `section`, `blockquote cite`, `mark` for anchors,
/// `time datetime`), every text escaped, and only `http`, `https` and `mailto` links (plus,
/// outside email, site-relative signal and index pages from the
/// [`LinkPolicy`](crate::LinkPolicy)).
///
/// Bidirectional overrides, control characters and noncharacters in the input are dropped, so
/// the output parses without error as HTML5 and cannot reorder the page around a field.
///
/// Implements [`Render`] for [`Brief`], [`SignalIndex`] and [`SignalPage`].
///
/// # Example
///
/// ```
/// use bellwether_brief::{Composer, HtmlRenderer, Render, RenderContext, RenderError};
/// # let signal: bellwether_signal::Signal = serde_json::from_str(include_str!("../../testdata/seed/signal.json"))?;
/// let now = "2026-05-27T07:00:00Z".parse()?;
/// let page = Composer::default().page(&signal, None)?;
/// let ctx = RenderContext::new(now);
///
/// let html = HtmlRenderer::page().lang("en-GB").render_to_string(&page, &ctx)?;
/// assert!(html.starts_with("<!DOCTYPE html>"));
/// assert!(html.contains("<mark class=\"bw-anchor\">DeepSeek</mark>"));
///
/// let email = HtmlRenderer::email().render_to_string(&page, &ctx)?;
/// assert!(!email.contains("<style") && !email.contains("<details"));
///
/// let fragment = HtmlRenderer::fragment().heading_level(2).render_to_string(&page, &ctx)?;
/// assert!(fragment.starts_with("<header"));
///
/// let err = HtmlRenderer::page().lang("en\"").render_to_string(&page, &ctx).unwrap_err();
/// assert!(matches!(err, RenderError::InvalidOption { option: "lang", .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlRenderer {
    variant: HtmlVariant,
    lang: String,
    layout: Layout,
    stylesheet: bool,
}

impl Default for HtmlRenderer {
    fn default() -> Self {
        HtmlRenderer::new()
    }
}

/// The top heading levels a document may start at (sources sit three levels below it, their
/// reasoning four; HTML stops at `h6`).
const HEADING_LEVELS: HeadingLevels = HeadingLevels {
    deepest: 2,
    expected: "a heading level of 1 or 2",
};

impl HtmlRenderer {
    /// A full-page renderer: English, top heading level 1, masthead and stylesheet on.
    pub fn new() -> Self {
        HtmlRenderer {
            variant: HtmlVariant::Page,
            lang: "en".to_owned(),
            layout: Layout::DEFAULT,
            stylesheet: true,
        }
    }

    /// A full-page renderer (the same as [`HtmlRenderer::new`]).
    pub fn page() -> Self {
        HtmlRenderer::new()
    }

    /// A fragment renderer, to embed the body in a page of your own.
    pub fn fragment() -> Self {
        HtmlRenderer::new().variant(HtmlVariant::Fragment)
    }

    /// An email renderer: inline styles, no `details`, absolute links only.
    pub fn email() -> Self {
        HtmlRenderer::new().variant(HtmlVariant::Email)
    }

    /// Sets the variant.
    pub fn variant(mut self, variant: HtmlVariant) -> Self {
        self.variant = variant;
        self
    }

    /// Sets the document language, a BCP 47 tag such as `en` or `pt-BR` (letters, digits and
    /// hyphens, at most 35 characters, starting with a letter; checked when rendering).
    pub fn lang(mut self, tag: &str) -> Self {
        tag.clone_into(&mut self.lang);
        self
    }

    layout_options!(heading_level: "1 or 2");

    /// Whether a page carries its built-in stylesheet (default on). Off leaves the `bw-`
    /// classes for a stylesheet of your own; fragments never carry one and email inlines
    /// its styles.
    pub fn stylesheet(mut self, on: bool) -> Self {
        self.stylesheet = on;
        self
    }

    /// The built-in stylesheet, to serve with fragments.
    pub fn default_stylesheet() -> &'static str {
        STYLESHEET
    }

    fn check(&self) -> Result<(), RenderError> {
        self.layout.check_heading_level(HEADING_LEVELS)?;
        check_lang(&self.lang)
    }

    fn body(&self) -> HtmlBody {
        let email = self.variant == HtmlVariant::Email;
        HtmlBody {
            styling: if email {
                Styling::Inline
            } else {
                Styling::Classes
            },
            layout: self.layout,
            details: !email,
            site_relative_links: !email,
        }
    }

    /// Writes the document around `content`, which writes the body.
    fn document<W: fmt::Write + ?Sized>(
        &self,
        out: &mut W,
        title: &str,
        preview: &str,
        content: impl FnOnce(&mut W, &HtmlBody) -> fmt::Result,
    ) -> fmt::Result {
        let body = self.body();
        match self.variant {
            HtmlVariant::Fragment => content(out, &body),
            HtmlVariant::Page => {
                self.head(out, title)?;
                if self.stylesheet {
                    writeln!(out, "<style>\n{STYLESHEET}</style>")?;
                }
                writeln!(out, "</head>\n<body>\n<main>")?;
                content(out, &body)?;
                writeln!(out, "</main>\n</body>\n</html>")
            }
            HtmlVariant::Email => {
                self.head(out, title)?;
                writeln!(out, "<meta name=\"color-scheme\" content=\"light\">")?;
                writeln!(
                    out,
                    "</head>\n<body style=\"margin:0;padding:0;background:#f5f7fa;color:#1f2933\">"
                )?;
                // Shown by mail clients as the preview line, hidden in the message itself.
                writeln!(
                    out,
                    "<div style=\"display:none;max-height:0;overflow:hidden;mso-hide:all\">{}</div>",
                    MarkupText(preview)
                )?;
                writeln!(
                    out,
                    "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"background:#f5f7fa\"><tr><td align=\"center\" style=\"padding:24px 12px\">"
                )?;
                writeln!(
                    out,
                    "<table role=\"presentation\" width=\"640\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"width:100%;max-width:640px;background:#ffffff\"><tr><td style=\"padding:24px 28px;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.55;color:#1f2933;text-align:left\">"
                )?;
                content(out, &body)?;
                writeln!(
                    out,
                    "</td></tr></table>\n</td></tr></table>\n</body>\n</html>"
                )
            }
        }
    }

    fn head<W: fmt::Write + ?Sized>(&self, out: &mut W, title: &str) -> fmt::Result {
        writeln!(out, "<!DOCTYPE html>")?;
        writeln!(out, "<html lang=\"{}\">", MarkupAttr(&self.lang))?;
        writeln!(out, "<head>\n<meta charset=\"utf-8\">")?;
        writeln!(
            out,
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        )?;
        if self.variant == HtmlVariant::Page {
            writeln!(
                out,
                "<meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">"
            )?;
        }
        writeln!(out, "<title>{}</title>", MarkupText(title))
    }
}

impl Render<Brief> for HtmlRenderer {
    fn render<W: fmt::Write + ?Sized>(
        &self,
        doc: &Brief,
        ctx: &RenderContext,
        out: &mut W,
    ) -> Result<(), RenderError> {
        self.check()?;
        let title = format!(
            "{} · Brief {} · {}",
            ctx.header().title(),
            doc.number(),
            ctx.absolute_date(doc.composed_at())
        );
        // Mail clients show the first hundred or so characters; three theses are plenty.
        let preview = doc
            .items()
            .iter()
            .take(3)
            .map(|item| item.signal().thesis())
            .collect::<Vec<_>>()
            .join(" · ");
        self.document(out, &title, &preview, |out, body| {
            body.outline(out, ctx).brief(doc)
        })?;
        Ok(())
    }
}

impl Render<SignalIndex> for HtmlRenderer {
    fn render<W: fmt::Write + ?Sized>(
        &self,
        doc: &SignalIndex,
        ctx: &RenderContext,
        out: &mut W,
    ) -> Result<(), RenderError> {
        self.check()?;
        let title = format!("All signals · {}", ctx.header().title());
        let preview = format!("{} signals", doc.entries().len());
        self.document(out, &title, &preview, |out, body| {
            body.outline(out, ctx).index(doc)
        })?;
        Ok(())
    }
}

impl Render<SignalPage> for HtmlRenderer {
    fn render<W: fmt::Write + ?Sized>(
        &self,
        doc: &SignalPage,
        ctx: &RenderContext,
        out: &mut W,
    ) -> Result<(), RenderError> {
        self.check()?;
        let thesis = doc.signal().thesis();
        let title = format!("{thesis} · {}", ctx.header().title());
        self.document(out, &title, thesis, |out, body| {
            body.outline(out, ctx).page(doc)
        })?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_malformed_language_tags() {
        for tag in ["", "-en", "en-", "e\"n", "en us", "1en", &"a".repeat(36)] {
            assert!(HtmlRenderer::new().lang(tag).check().is_err(), "{tag:?}");
        }
        for tag in ["en", "pt-BR", "zh-Hant-TW", "x-klingon"] {
            assert!(HtmlRenderer::new().lang(tag).check().is_ok(), "{tag:?}");
        }
    }
}
