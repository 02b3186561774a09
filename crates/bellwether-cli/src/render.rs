//! Renders a brief in the format asked for.

use bellwether::brief::{
    AtomRenderer, Brief, EmailRenderer, HtmlRenderer, JsonFeedRenderer, JsonRenderer, Mailbox,
    MarkdownRenderer, Render, RenderContext, RenderError, SlackRenderer, TeamsRenderer,
    TextRenderer, WebhookRenderer,
};

use crate::cli::Format;
use crate::config::EmailConfig;

/// Why a brief could not be rendered.
#[derive(Debug, thiserror::Error)]
pub(crate) enum RenderFailure {
    #[error("--format email needs an [email] section (from, to) in the configuration")]
    NoEmailConfig,
    #[error("rendering the brief failed")]
    Render(#[from] RenderError),
}

/// `brief` in `format`.
pub(crate) fn render(
    format: Format,
    brief: &Brief,
    ctx: &RenderContext,
    email: Option<&EmailConfig>,
) -> Result<String, RenderFailure> {
    Ok(match format {
        Format::Text => TextRenderer::new().render_to_string(brief, ctx)?,
        Format::Markdown => MarkdownRenderer::new().render_to_string(brief, ctx)?,
        Format::Html => HtmlRenderer::page().render_to_string(brief, ctx)?,
        Format::EmailHtml => HtmlRenderer::email().render_to_string(brief, ctx)?,
        Format::Json => JsonRenderer::new().render_to_string(brief, ctx)?,
        Format::Atom => AtomRenderer::new().render_to_string(brief, ctx)?,
        Format::Jsonfeed => JsonFeedRenderer::new().render_to_string(brief, ctx)?,
        Format::Slack => SlackRenderer::new().render_to_string(brief, ctx)?,
        Format::Teams => TeamsRenderer::new().render_to_string(brief, ctx)?,
        Format::Webhook => WebhookRenderer::new().render_to_string(brief, ctx)?,
        Format::Email => {
            let email = email.ok_or(RenderFailure::NoEmailConfig)?;
            let from = Mailbox::new(email.from_name.as_deref(), &email.from)?;
            let to = email
                .to
                .iter()
                .map(|to| Mailbox::new(None, to))
                .collect::<Result<Vec<_>, _>>()?;
            EmailRenderer::new(from, to).render_to_string(brief, ctx)?
        }
    })
}
