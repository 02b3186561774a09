//! Web links: absolute http and https URLs only.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::SignalError;
use crate::limits::MAX_URL_BYTES;
use crate::text::excerpt;

/// An absolute `http://` or `https://` URL with a host, stored in its normalised form.
///
/// Other schemes (`javascript:`, `data:`, `file:`, …) are rejected, so a link taken from a
/// signal is safe to put in a page.
///
/// # Example
///
/// ```
/// use bellwether_signal::WebUrl;
///
/// let url = WebUrl::new("https://example.com/a b")?;
/// assert_eq!(url.as_str(), "https://example.com/a%20b");
/// assert!(WebUrl::new("javascript:alert(1)").is_err());
/// assert!(WebUrl::new("/relative/path").is_err());
/// # Ok::<(), bellwether_signal::SignalError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WebUrl(String);

impl WebUrl {
    /// Parses and normalises a URL.
    ///
    /// # Errors
    ///
    /// [`SignalError::InvalidUrl`] when it does not parse as an absolute URL, its scheme is not
    /// http or https, it has no host, or it has user credentials; [`SignalError::TooLong`] over
    /// [`MAX_URL_BYTES`], as given or once percent-encoded.
    pub fn new(value: &str) -> Result<Self, SignalError> {
        let invalid = |reason| SignalError::InvalidUrl {
            value: excerpt(value),
            reason,
        };
        if value.len() > MAX_URL_BYTES {
            return Err(SignalError::TooLong {
                field: "url",
                len: value.len(),
                max: MAX_URL_BYTES,
                unit: "bytes",
            });
        }
        let url =
            url::Url::parse(value.trim()).map_err(|_| invalid("it is not an absolute URL"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(invalid("only http and https links are allowed"));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(invalid("it has no host"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(invalid("it carries user credentials"));
        }
        // Normalising percent-encodes, which can lengthen a URL past the limit: check the
        // stored form too, or it would not deserialize again.
        let normalised: String = url.into();
        if normalised.len() > MAX_URL_BYTES {
            return Err(SignalError::TooLong {
                field: "url (percent-encoded)",
                len: normalised.len(),
                max: MAX_URL_BYTES,
                unit: "bytes",
            });
        }
        Ok(WebUrl(normalised))
    }

    /// The URL's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for WebUrl {
    type Error = SignalError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        WebUrl::new(&value)
    }
}

impl From<WebUrl> for String {
    fn from(url: WebUrl) -> String {
        url.0
    }
}

impl fmt::Display for WebUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_dangerous_and_malformed_links() {
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            " javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "file:///etc/passwd",
            "mailto:a@example.com",
            "//example.com/x",
            "https://",
            "https://user:pw@example.com/",
            "",
        ] {
            assert!(
                matches!(WebUrl::new(bad), Err(SignalError::InvalidUrl { .. })),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn keeps_normalised_http_links() {
        assert_eq!(
            WebUrl::new("HTTPS://Example.COM").unwrap().as_str(),
            "https://example.com/"
        );
        let link = "https://example.com/page#:~:text=export-control%20architectures";
        assert_eq!(WebUrl::new(link).unwrap().as_str(), link);
    }
}
