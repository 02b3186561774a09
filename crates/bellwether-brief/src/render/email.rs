//! A complete RFC 5322 email: headers, and a `multipart/alternative` body with the brief as
//! plain text and as HTML, built with [`mail_builder`].

use std::fmt;

use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address;
use mail_builder::headers::content_type::ContentType;
use mail_builder::mime::{BodyPart, MimePart};

use crate::escape::strip_unsafe_chars;
use crate::render::feed::entry_title;
use crate::{Brief, HtmlRenderer, Render, RenderContext, RenderError, TextRenderer};

/// The longest address accepted (RFC 5321's path limit less its angle brackets).
const MAX_ADDRESS_BYTES: usize = 254;

/// The longest display name accepted, in characters.
const MAX_NAME_CHARS: usize = 200;

/// An email address with an optional display name, checked when made.
///
/// The address must be a plain ASCII `local@domain`: a dot-atom local part (letters, digits
/// and ``!#$%&'*+-/=?^_`{|}~``, dots only between them) and a domain of dot-separated labels of
/// letters, digits and inner hyphens, at most 254 bytes in all. Quoted local parts, address
/// literals and non-ASCII addresses are refused. The display name may be any text up to 200
/// characters; line breaks and control characters are refused, so nothing can be injected into
/// a header; it is encoded (RFC 2047) as needed.
///
/// ```
/// use bellwether_brief::Mailbox;
///
/// let to = Mailbox::new(Some("Morning desk"), "desk@brief.example")?;
/// assert_eq!(to.address(), "desk@brief.example");
/// assert!(Mailbox::new(None, "desk@brief.example\r\nBcc: all@evil.example").is_err());
/// assert!(Mailbox::new(Some("Desk\nBcc: x@evil.example"), "desk@brief.example").is_err());
/// # Ok::<(), bellwether_brief::RenderError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox {
    name: Option<String>,
    address: String,
}

impl Mailbox {
    /// A mailbox, checked as the type's documentation says.
    ///
    /// # Errors
    ///
    /// [`RenderError::InvalidAddress`] naming the address and what is wrong with it.
    pub fn new(name: Option<&str>, address: &str) -> Result<Mailbox, RenderError> {
        let invalid = |reason: &'static str| RenderError::InvalidAddress {
            address: address.chars().take(300).collect(),
            reason,
        };
        if address.len() > MAX_ADDRESS_BYTES {
            return Err(invalid("an address is at most 254 bytes"));
        }
        let Some((local, domain)) = address.rsplit_once('@') else {
            return Err(invalid("an address is local@domain"));
        };
        let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c);
        let dot_atom = !local.is_empty()
            && local
                .split('.')
                .all(|atom| !atom.is_empty() && atom.chars().all(atext));
        if !dot_atom {
            return Err(invalid(
                "the local part must be letters, digits and !#$%&'*+-/=?^_`{|}~, dots only between them",
            ));
        }
        let label = |label: &str| {
            !label.is_empty()
                && label.len() <= 63
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        };
        if !domain.split('.').all(label) {
            return Err(invalid(
                "the domain must be dot-separated labels of letters, digits and inner hyphens",
            ));
        }
        if let Some(name) = name {
            if name.chars().any(char::is_control) {
                return Err(invalid(
                    "the display name must hold no line break or control character",
                ));
            }
            if name.chars().count() > MAX_NAME_CHARS {
                return Err(invalid("the display name is at most 200 characters"));
            }
        }
        Ok(Mailbox {
            name: name
                .map(|name| strip_unsafe_chars(name).trim().to_owned())
                .filter(|name| !name.is_empty()),
            address: address.to_owned(),
        })
    }

    /// The display name, if any.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The address.
    pub fn address(&self) -> &str {
        &self.address
    }

    fn header(&self) -> Address<'_> {
        match &self.name {
            Some(name) => Address::from((name.as_str(), self.address.as_str())),
            None => Address::from(self.address.as_str()),
        }
    }

    /// The domain, for message ids.
    fn domain(&self) -> &str {
        self.address
            .rsplit_once('@')
            .map_or("localhost", |(_, domain)| domain)
    }
}

/// Renders a brief as a complete RFC 5322 email message, ready for `sendmail -t` or an SMTP
/// client's `DATA`: `From`, `To`, `Subject`, `Date`, `Message-ID`, `MIME-Version`, and a
/// `multipart/alternative` body with a `text/plain` part ([`TextRenderer`], 72 columns) then a
/// `text/html` part ([`HtmlRenderer::email`]: inline styles, tables, no script), both UTF-8.
///
/// Built with [`mail_builder`]: header values are encoded (RFC 2047) when they are not plain
/// ASCII, bodies are quoted-printable or base64 as their content needs, lines end in CRLF and
/// stay within RFC 5322's 998-character limit. The subject is the brief's title (its number,
/// date and first thesis); line breaks and control characters in it are made spaces, so no
/// text can add a header. `Date` is the brief's composition time, and `Message-ID` is made from
/// the brief's number and time and the sender's domain, so the same brief always makes the
/// same message (a mail server drops a re-sent duplicate), and so does the MIME boundary
/// (chosen so that it occurs in neither part).
///
/// Needs the crate feature `email`.
///
/// # Example
///
/// ```
/// use bellwether_brief::{Composed, Composer, EmailRenderer, Mailbox, Render, RenderContext};
/// # let signal: bellwether_signal::Signal = serde_json::from_str(include_str!("../../testdata/seed/signal.json"))?;
/// let now = "2026-05-27T07:00:00Z".parse()?;
/// let Composed::Brief(brief) = Composer::default().compose(&[signal], None, now)? else {
///     unreachable!("the seed is strong enough")
/// };
/// let email = EmailRenderer::new(
///     Mailbox::new(Some("Bellwether"), "brief@bellwether.example")?,
///     vec![Mailbox::new(None, "desk@newsroom.example")?],
/// );
/// let message = email.render_to_string(&brief, &RenderContext::new(now))?;
/// assert!(message.starts_with("From: \"Bellwether\" <brief@bellwether.example>\r\n"));
/// assert!(message.contains("Content-Type: multipart/alternative"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailRenderer {
    from: Mailbox,
    to: Vec<Mailbox>,
    reply_to: Option<Mailbox>,
}

impl EmailRenderer {
    /// A renderer sending from `from` to `to` (at least one recipient, checked when rendering).
    pub fn new(from: Mailbox, to: Vec<Mailbox>) -> Self {
        EmailRenderer {
            from,
            to,
            reply_to: None,
        }
    }

    /// Adds a `Reply-To` header.
    pub fn reply_to(mut self, mailbox: Mailbox) -> Self {
        self.reply_to = Some(mailbox);
        self
    }

    /// The message as bytes (CRLF line ends, 7-bit clean).
    ///
    /// # Errors
    ///
    /// [`RenderError::InvalidOption`] without a recipient; the text and HTML renderers' errors.
    pub fn message(&self, brief: &Brief, ctx: &RenderContext) -> Result<Vec<u8>, RenderError> {
        if self.to.is_empty() {
            return Err(RenderError::InvalidOption {
                option: "to",
                value: "no recipient".into(),
                expected: "at least one recipient",
            });
        }
        let text = TextRenderer::new().width(72).render_to_string(brief, ctx)?;
        let html = HtmlRenderer::email().render_to_string(brief, ctx)?;
        let subject: String = strip_unsafe_chars(&entry_title(brief, ctx))
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let stamp = brief.composed_at().format("%Y%m%dT%H%M%SZ");
        let mut boundary = format!("=_bellwether-brief-{}-{stamp}", brief.number());
        while text.contains(&boundary) || html.contains(&boundary) {
            boundary.push('_');
        }
        let body = MimePart::new(
            ContentType::new("multipart/alternative").attribute("boundary", boundary),
            BodyPart::Multipart(vec![
                MimePart::new(
                    ContentType::new("text/plain").attribute("charset", "utf-8"),
                    BodyPart::Text(text.into()),
                ),
                MimePart::new(
                    ContentType::new("text/html").attribute("charset", "utf-8"),
                    BodyPart::Text(html.into()),
                ),
            ]),
        );
        let recipients: Vec<Address<'_>> = self.to.iter().map(Mailbox::header).collect();
        let mut builder = MessageBuilder::new()
            .from(self.from.header())
            .to(Address::new_list(recipients))
            .subject(subject)
            .date(brief.composed_at().timestamp())
            .message_id(format!(
                "bellwether-brief-{}-{stamp}@{}",
                brief.number(),
                self.from.domain()
            ))
            .body(body);
        if let Some(reply_to) = &self.reply_to {
            builder = builder.reply_to(reply_to.header());
        }
        let mut bytes = Vec::new();
        builder
            .write_to(&mut bytes)
            .map_err(|source| RenderError::Message {
                source: Box::new(source),
            })?;
        Ok(bytes)
    }
}

impl Render<Brief> for EmailRenderer {
    fn render<W: fmt::Write + ?Sized>(
        &self,
        brief: &Brief,
        ctx: &RenderContext,
        out: &mut W,
    ) -> Result<(), RenderError> {
        let bytes = self.message(brief, ctx)?;
        // mail-builder encodes every part and header to 7-bit ASCII.
        let text = String::from_utf8(bytes).map_err(|source| RenderError::Message {
            source: Box::new(source),
        })?;
        out.write_str(&text)?;
        Ok(())
    }
}
