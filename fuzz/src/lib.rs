//! What the fuzz targets share: splitting one fuzz input into several strings, and checking
//! that a reported span fits the text it claims to describe.

#![forbid(unsafe_code)]

use std::ops::Range;

/// Splits `data` (read as UTF-8, invalid sequences replaced) at its first NUL into two strings,
/// so a seed is simply `first\0second` and a mutation can move text between the two parts.
pub fn split_pair(data: &[u8]) -> (String, String) {
    let text = String::from_utf8_lossy(data);
    match text.split_once('\0') {
        Some((first, second)) => (first.to_owned(), second.to_owned()),
        None => (text.into_owned(), String::new()),
    }
}

/// Panics unless `bytes` is a range of `text` on char boundaries (what every span the library
/// reports promises).
pub fn assert_char_range(text: &str, bytes: &Range<usize>, what: &str) {
    assert!(
        bytes.start <= bytes.end && bytes.end <= text.len(),
        "{what}: span {bytes:?} is not inside the {}-byte text",
        text.len()
    );
    assert!(
        text.is_char_boundary(bytes.start) && text.is_char_boundary(bytes.end),
        "{what}: span {bytes:?} cuts a character"
    );
}

/// The char and UTF-16 ranges of byte range `bytes` of `text`, counted the slow, obvious way.
pub fn char_and_utf16(text: &str, bytes: &Range<usize>) -> (Range<usize>, Range<usize>) {
    let chars_to = |end: usize| text[..end].chars().count();
    let units_to = |end: usize| text[..end].encode_utf16().count();
    (
        chars_to(bytes.start)..chars_to(bytes.end),
        units_to(bytes.start)..units_to(bytes.end),
    )
}

/// The markup rules rendered output must keep, shared with the facade's hostile-output tests.
#[path = "../../tests/integration/markup.rs"]
#[allow(dead_code)] // The text extractors serve the facade's tests only.
mod markup_rules;

/// Public entry points to the shared markup rules (the shared file keeps its items
/// crate-private, as the facade's test binary needs).
pub mod markup {
    use super::markup_rules as rules;

    /// The host of an `http`/`https` URL or the domain of a `mailto:` address.
    pub fn link_host(url: &str) -> Option<String> {
        rules::link_host(url)
    }

    /// Every rule an HTML document or fragment breaks.
    pub fn html_violations(html: &str, fragment: bool, hosts: &[String]) -> Vec<String> {
        rules::html_violations(html, fragment, hosts)
    }

    /// Every rule a Markdown document breaks.
    pub fn markdown_violations(markdown: &str, hosts: &[String]) -> Vec<String> {
        rules::markdown_violations(markdown, hosts)
    }

    /// Every rule an Atom feed breaks.
    pub fn atom_violations(xml: &str, hosts: &[String]) -> Vec<String> {
        rules::atom_violations(xml, hosts)
    }

    /// Every rule a JSON Feed breaks.
    pub fn json_feed_violations(json: &str, hosts: &[String]) -> Vec<String> {
        rules::json_feed_violations(json, hosts)
    }

    /// Every rule a JSON document breaks.
    pub fn json_violations(json: &str) -> Vec<String> {
        rules::json_violations(json)
    }

    /// Every rule plain text breaks.
    pub fn text_violations(text: &str) -> Vec<String> {
        rules::text_violations(text)
    }
}
