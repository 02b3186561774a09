//! The link policy every renderer applies: only absolute `http`, `https` and `mailto` URLs
//! become links, and only when nothing in them can mislead a reader or break out of markup.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A URL that renderers may emit as a link target.
///
/// Accepted: absolute `http://` and `https://` URLs with an ASCII host (the punycode `xn--` form
/// for international names) and no user name or password, and `mailto:` URLs. The scheme is
/// lowercased; characters outside URL syntax (non-ASCII text in the path, query or fragment, and
/// `"`, `<`, `>`, `` ` ``, `^`, `{`, `|`, `}`) are percent-encoded, which browsers do anyway.
///
/// Rejected (see [`LinkError`]): every other scheme (`javascript:`, `data:`, `vbscript:`,
/// `file:` …), relative URLs, whitespace and control characters, backslashes, and invisible
/// characters that can make a link read as something it is not: bidirectional controls and
/// marks, zero-width spaces and joiners, soft hyphens, variation selectors, tag characters.
///
/// # Example
///
/// ```
/// use bellwether_brief::{LinkError, SafeUrl};
///
/// let url = SafeUrl::parse("HTTPS://example.com/p#:~:text=‘q’")?;
/// assert_eq!(url.as_str(), "https://example.com/p#:~:text=%E2%80%98q%E2%80%99");
///
/// assert!(matches!(
///     SafeUrl::parse("javascript:alert(1)"),
///     Err(LinkError::DisallowedScheme { .. })
/// ));
/// assert!(SafeUrl::parse("https://example.com/\u{202E}fdp.exe").is_err());
/// # Ok::<(), LinkError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SafeUrl(String);

/// Why a URL may not become a link.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LinkError {
    /// The URL is empty.
    #[error("the url is empty; give an absolute http, https or mailto url")]
    Empty,
    /// The URL is longer than [`SafeUrl::MAX_LEN`] bytes.
    #[error("the url is {len} bytes long; links are limited to {max} bytes")]
    TooLong {
        /// Its length in bytes.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// The URL has no scheme, so it would resolve against whatever page shows it.
    #[error("url {url:?} is relative; give an absolute http, https or mailto url")]
    Relative {
        /// The URL, cut to 100 characters.
        url: String,
    },
    /// The scheme is not `http`, `https` or `mailto`.
    #[error("url scheme {scheme:?} is not allowed; only http, https and mailto links are emitted")]
    DisallowedScheme {
        /// The scheme, lowercased and cut to 100 characters.
        scheme: String,
    },
    /// A character that is invisible, reorders text, is whitespace or a control, or is a
    /// backslash (which browsers read as `/`).
    #[error(
        "url contains {character:?} (U+{code:04X}) at byte {offset}; percent-encode it or remove it",
        code = u32::from(*character)
    )]
    ForbiddenCharacter {
        /// The character.
        character: char,
        /// Its byte offset in the URL.
        offset: usize,
    },
    /// An `http` or `https` URL without `//host`.
    #[error("url {url:?} has no host; write it as scheme://host/path")]
    MissingHost {
        /// The URL, cut to 100 characters.
        url: String,
    },
    /// The host has characters outside ASCII letters, digits, `-`, `.` and `_` (or is a
    /// malformed `[IPv6]` literal).
    #[error("url host {host:?} is not a plain ascii host name; use its punycode (xn--) form")]
    InvalidHost {
        /// The host, cut to 100 characters.
        host: String,
    },
    /// The port is not a number from 0 to 65535.
    #[error("url port {port:?} is not a number from 0 to 65535")]
    InvalidPort {
        /// The port text, cut to 100 characters.
        port: String,
    },
    /// The authority carries a user name or password (`https://bank.example@evil.example`),
    /// a classic way to disguise where a link goes.
    #[error("url {url:?} carries credentials before '@'; links may not include a user or password")]
    Credentials {
        /// The URL, cut to 100 characters.
        url: String,
    },
}

impl SafeUrl {
    /// The longest URL accepted, in bytes; deep links that open an article at a quote stay
    /// well under it.
    pub const MAX_LEN: usize = 8192;

    /// Checks `url` against the link policy and returns it normalised.
    ///
    /// # Errors
    ///
    /// [`LinkError`] when the URL is empty or longer than [`SafeUrl::MAX_LEN`], relative, of a
    /// scheme other than `http`, `https` or `mailto`, holds a forbidden character (whitespace,
    /// controls, `\`, bidirectional controls, zero-width and other invisible characters), lacks a
    /// host, has a non-ASCII or malformed host or port, or carries credentials.
    pub fn parse(url: &str) -> Result<Self, LinkError> {
        if url.is_empty() {
            return Err(LinkError::Empty);
        }
        if url.len() > Self::MAX_LEN {
            return Err(LinkError::TooLong {
                len: url.len(),
                max: Self::MAX_LEN,
            });
        }
        if let Some((offset, character)) = find_forbidden(url) {
            return Err(LinkError::ForbiddenCharacter { character, offset });
        }
        let (scheme, rest) =
            split_scheme(url).ok_or_else(|| LinkError::Relative { url: excerpt(url) })?;
        let scheme = scheme.to_ascii_lowercase();
        match scheme.as_str() {
            "http" | "https" => check_authority(url, rest)?,
            "mailto" if !rest.is_empty() => {}
            "mailto" => return Err(LinkError::MissingHost { url: excerpt(url) }),
            _ => {
                return Err(LinkError::DisallowedScheme {
                    scheme: excerpt(&scheme),
                });
            }
        }
        let mut normalised = String::with_capacity(url.len() + 8);
        normalised.push_str(&scheme);
        normalised.push(':');
        percent_encode_into(&mut normalised, rest);
        Ok(Self(normalised))
    }

    /// The normalised URL.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the URL is a `mailto:` address rather than a web page.
    pub fn is_mailto(&self) -> bool {
        self.0.starts_with("mailto:")
    }
}

impl fmt::Display for SafeUrl {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        out.write_str(&self.0)
    }
}

impl AsRef<str> for SafeUrl {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for SafeUrl {
    type Err = LinkError;

    fn from_str(url: &str) -> Result<Self, Self::Err> {
        Self::parse(url)
    }
}

impl TryFrom<String> for SafeUrl {
    type Error = LinkError;

    fn try_from(url: String) -> Result<Self, Self::Error> {
        Self::parse(&url)
    }
}

impl TryFrom<&str> for SafeUrl {
    type Error = LinkError;

    fn try_from(url: &str) -> Result<Self, Self::Error> {
        Self::parse(url)
    }
}

impl From<SafeUrl> for String {
    fn from(url: SafeUrl) -> Self {
        url.0
    }
}

/// The link target to emit for `url`: its [`SafeUrl`] form, or, when `site_relative` is true
/// (pages served from the same site, not email or feeds), a relative reference such as
/// `/signals/x.html` or `x.html` that holds no forbidden character. `None` when neither fits,
/// and for protocol-relative references (`//host/…`), which leave the site.
pub(crate) fn link_target(url: &str, site_relative: bool) -> Option<String> {
    if let Ok(safe) = SafeUrl::parse(url) {
        return Some(safe.0);
    }
    let relative = site_relative
        && !url.is_empty()
        && url.len() <= SafeUrl::MAX_LEN
        && split_scheme(url).is_none()
        && !url.starts_with("//")
        && !url.chars().any(is_forbidden);
    relative.then(|| {
        let mut target = String::with_capacity(url.len());
        percent_encode_into(&mut target, url);
        target
    })
}

/// The first forbidden character of `url` (see [`is_forbidden`]) and its byte offset.
fn find_forbidden(url: &str) -> Option<(usize, char)> {
    if url.is_ascii() {
        // Most links are ASCII, where a byte is a character: no decoding needed.
        return url
            .bytes()
            .position(|b| is_forbidden(char::from(b)))
            .map(|offset| (offset, char::from(url.as_bytes()[offset])));
    }
    url.char_indices().find(|&(_, c)| is_forbidden(c))
}

/// Characters no link may hold: whitespace and controls, the backslash, and the invisible or
/// reordering characters listed on [`SafeUrl`].
fn is_forbidden(c: char) -> bool {
    // Most links are ASCII: there only spaces, controls and the backslash are forbidden.
    if c.is_ascii() {
        return c <= ' ' || c == '\x7F' || c == '\\';
    }
    c.is_whitespace()
        || c.is_control()
        || c == '\\'
        || matches!(
            c,
            '\u{00AD}'                      // soft hyphen
                | '\u{034F}'                // combining grapheme joiner
                | '\u{061C}'                // Arabic letter mark
                | '\u{115F}' | '\u{1160}'   // Hangul fillers
                | '\u{17B4}' | '\u{17B5}'   // Khmer inherent vowels
                | '\u{180B}'..='\u{180F}'   // Mongolian variation selectors and vowel separator
                | '\u{200B}'..='\u{200F}'   // zero-width space, joiners, LRM, RLM
                | '\u{202A}'..='\u{202E}'   // bidirectional embeddings and overrides
                | '\u{2060}'..='\u{206F}'   // word joiner, invisible operators, isolates
                | '\u{3164}'                // Hangul filler
                | '\u{FE00}'..='\u{FE0F}'   // variation selectors
                | '\u{FEFF}'                // zero-width no-break space
                | '\u{FFA0}'                // halfwidth Hangul filler
                | '\u{FFF0}'..='\u{FFFF}'   // specials and noncharacters
                | '\u{1BCA0}'..='\u{1BCA3}' // shorthand format controls
                | '\u{1D173}'..='\u{1D17A}' // musical format controls
                | '\u{E0000}'..='\u{E0FFF}' // tags and variation selectors supplement
        )
        || (u32::from(c) & 0xFFFE) == 0xFFFE
        || ('\u{FDD0}'..='\u{FDEF}').contains(&c)
}

/// Splits `scheme:rest` when the text before the first `:` is a valid scheme
/// (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`, RFC 3986).
fn split_scheme(url: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some((scheme, rest))
}

/// Checks the `//host[:port]` part of an `http` or `https` URL (`rest` follows the scheme).
fn check_authority(url: &str, rest: &str) -> Result<(), LinkError> {
    let missing_host = || LinkError::MissingHost { url: excerpt(url) };
    let after_slashes = rest.strip_prefix("//").ok_or_else(missing_host)?;
    let authority_end = after_slashes
        .find(['/', '?', '#'])
        .unwrap_or(after_slashes.len());
    let authority = &after_slashes[..authority_end];
    if authority.contains('@') {
        return Err(LinkError::Credentials { url: excerpt(url) });
    }
    let (host, port) = if let Some(literal) = authority.strip_prefix('[') {
        let (inside, after) = literal
            .split_once(']')
            .ok_or_else(|| LinkError::InvalidHost {
                host: excerpt(authority),
            })?;
        let valid = !inside.is_empty()
            && inside
                .chars()
                .all(|c| c.is_ascii_hexdigit() || matches!(c, ':' | '.'));
        if !valid {
            return Err(LinkError::InvalidHost {
                host: excerpt(authority),
            });
        }
        let port = match after.strip_prefix(':') {
            Some(port) => Some(port),
            None if after.is_empty() => None,
            None => {
                return Err(LinkError::InvalidHost {
                    host: excerpt(authority),
                });
            }
        };
        (inside, port)
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    if host.is_empty() {
        return Err(missing_host());
    }
    let plain_host = authority.starts_with('[')
        || host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'));
    if !plain_host {
        return Err(LinkError::InvalidHost {
            host: excerpt(host),
        });
    }
    if let Some(port) = port {
        let valid = port.is_empty()
            || (port.len() <= 5
                && port.bytes().all(|b| b.is_ascii_digit())
                && port.parse::<u32>().is_ok_and(|p| p <= 65_535));
        if !valid {
            return Err(LinkError::InvalidPort {
                port: excerpt(port),
            });
        }
    }
    Ok(())
}

/// Appends `text` with every non-ASCII character and every ASCII character that URL syntax
/// leaves out percent-encoded as UTF-8.
fn percent_encode_into(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    // Most links need no encoding at all: copy the stretch up to the first byte that may.
    let plain = text
        .bytes()
        .position(|b| {
            !b.is_ascii() || matches!(b, b'"' | b'<' | b'>' | b'`' | b'^' | b'{' | b'|' | b'}')
        })
        .unwrap_or(text.len());
    out.push_str(&text[..plain]);
    for c in text[plain..].chars() {
        if c.is_ascii() && !matches!(c, '"' | '<' | '>' | '`' | '^' | '{' | '|' | '}') {
            out.push(c);
        } else {
            let mut buffer = [0; 4];
            for &byte in c.encode_utf8(&mut buffer).as_bytes() {
                out.push('%');
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 0xF)]));
            }
        }
    }
}

/// The first 100 characters of `text`, for error messages.
fn excerpt(text: &str) -> String {
    text.chars().take(100).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_web_and_mail_links() {
        for (input, expected) in [
            ("https://example.com", "https://example.com"),
            (
                "HTTP://Example.com:8080/a?b=c#d",
                "http://Example.com:8080/a?b=c#d",
            ),
            ("https://[2001:db8::1]:443/x", "https://[2001:db8::1]:443/x"),
            ("https://xn--mnchen-3ya.de/", "https://xn--mnchen-3ya.de/"),
            ("mailto:andrea@passaglia.it", "mailto:andrea@passaglia.it"),
            (
                "MailTo:a@b.example?subject=hi",
                "mailto:a@b.example?subject=hi",
            ),
            (
                "https://example.com/p#:~:text=‘industrial-scale’",
                "https://example.com/p#:~:text=%E2%80%98industrial-scale%E2%80%99",
            ),
            (
                "https://a.example/\"><script>",
                "https://a.example/%22%3E%3Cscript%3E",
            ),
        ] {
            assert_eq!(
                SafeUrl::parse(input).map(String::from),
                Ok(expected.to_owned())
            );
        }
    }

    #[test]
    fn rejects_executable_and_relative_urls() {
        for input in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "vbscript:msgbox",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
        ] {
            assert!(
                matches!(
                    SafeUrl::parse(input),
                    Err(LinkError::DisallowedScheme { .. })
                ),
                "{input}"
            );
        }
        for input in [
            "/relative",
            "//evil.example/x",
            "example.com",
            "#top",
            "1http://x",
        ] {
            assert!(
                matches!(SafeUrl::parse(input), Err(LinkError::Relative { .. })),
                "{input}"
            );
        }
    }

    #[test]
    fn rejects_disguised_urls() {
        for input in [
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "https://example.com/\u{202E}fdp.exe",
            "https://exa\u{200B}mple.com/",
            "https://example.com/\u{2066}x",
            "https://example.com/\u{FEFF}",
            "https://example.com\\@evil.example",
            "https://example.com/ x",
        ] {
            assert!(
                matches!(
                    SafeUrl::parse(input),
                    Err(LinkError::ForbiddenCharacter { .. })
                ),
                "{input}"
            );
        }
        assert!(matches!(
            SafeUrl::parse("https://bank.example@evil.example/"),
            Err(LinkError::Credentials { .. })
        ));
        assert!(matches!(
            SafeUrl::parse("https://münchen.de/"),
            Err(LinkError::InvalidHost { .. })
        ));
        assert!(matches!(
            SafeUrl::parse("https:///path"),
            Err(LinkError::MissingHost { .. })
        ));
        assert!(matches!(
            SafeUrl::parse("https:example.com"),
            Err(LinkError::MissingHost { .. })
        ));
        assert!(matches!(
            SafeUrl::parse("https://example.com:99999/"),
            Err(LinkError::InvalidPort { .. })
        ));
        assert!(matches!(SafeUrl::parse(""), Err(LinkError::Empty)));
    }

    #[test]
    fn errors_say_what_was_wrong() {
        let error = SafeUrl::parse("javascript:alert(1)").unwrap_err();
        assert_eq!(
            error.to_string(),
            "url scheme \"javascript\" is not allowed; only http, https and mailto links are emitted"
        );
        let error = SafeUrl::parse("https://a.example/\u{202E}").unwrap_err();
        assert_eq!(
            error.to_string(),
            "url contains '\\u{202e}' (U+202E) at byte 18; percent-encode it or remove it"
        );
    }

    #[test]
    fn deserializes_through_the_policy() {
        let url: SafeUrl = serde_json::from_str("\"https://example.com/\"").unwrap();
        assert_eq!(url.as_str(), "https://example.com/");
        assert!(serde_json::from_str::<SafeUrl>("\"javascript:alert(1)\"").is_err());
    }

    #[test]
    fn allows_site_relative_targets_only_where_asked() {
        assert_eq!(link_target("/signals/a b", true), None);
        assert_eq!(
            link_target("/signals/ä.html", true).as_deref(),
            Some("/signals/%C3%A4.html")
        );
        assert_eq!(
            link_target("x.html#top", true).as_deref(),
            Some("x.html#top")
        );
        assert_eq!(link_target("/signals/x", false), None);
        assert_eq!(link_target("//evil.example/x", true), None);
        assert_eq!(link_target("javascript:alert(1)", true), None);
        assert_eq!(
            link_target("HTTPS://a.example/", false).as_deref(),
            Some("https://a.example/")
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// A site-relative target cannot carry a scheme, leave the site or break out of markup.
        #[test]
        fn relative_targets_are_inert(url in prop_oneof![any::<String>(), "[ -~]{0,20}"]) {
            if let Some(target) = link_target(&url, true) {
                prop_assert!(target.bytes().all(|b| b.is_ascii_graphic()));
                prop_assert!(!target.contains(['"', '<', '>', '\\', '`']));
                prop_assert!(SafeUrl::parse(&target).is_ok() || (split_scheme(&target).is_none() && !target.starts_with("//")));
            }
        }

        /// Whatever is accepted has an allowed scheme, is plain visible ASCII and holds nothing
        /// that can end an attribute or open a tag; normalising again changes nothing.
        #[test]
        fn accepted_urls_are_inert(url in prop_oneof![
            any::<String>(),
            "(https?|mailto|javascript|data|HTTPS):[ -~\u{a0}-\u{3000}\u{202E}\u{200B}]{0,30}",
            "https?://[a-z0-9.:\\[\\]@-]{0,20}(/[ -~\u{a0}-\u{3000}]{0,20})?",
        ]) {
            if let Ok(safe) = SafeUrl::parse(&url) {
                let text = safe.as_str();
                prop_assert!(
                    text.starts_with("http://") || text.starts_with("https://") || text.starts_with("mailto:")
                );
                prop_assert!(text.bytes().all(|b| b.is_ascii_graphic()));
                prop_assert!(!text.contains(['"', '<', '>', '\\', '`']));
                prop_assert_eq!(SafeUrl::parse(text), Ok(safe.clone()));
            }
        }
    }
}
