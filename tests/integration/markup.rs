//! Checks that rendered output holds no executable or injected markup, by parsing it the way a
//! browser, a Markdown converter or a feed reader would.
//!
//! Shared by the hostile-output tests and the `render` fuzz target (which includes this file
//! with `#[path]`), so both hold the renderers to the same rules:
//!
//! - HTML (html5ever, through scraper) parses without error; every element is one a brief
//!   legitimately uses; no event-handler or other script-bearing attribute; every URL attribute
//!   is a fragment, a site-relative path, or an `http`/`https`/`mailto` URL whose host the
//!   caller expected.
//! - Markdown (pulldown-cmark, with the GitHub extensions) holds no raw HTML and no images, and
//!   its links go only to expected hosts; converted to HTML, it passes the HTML rules.
//! - Atom (roxmltree) is well-formed XML without a DTD or processing instructions; every element
//!   is an Atom element; links go only to expected hosts; `type="html"` content passes the HTML
//!   rules.
//! - JSON and JSON Feed parse; a feed's URLs go only to expected hosts and its `content_html`
//!   passes the HTML rules.
//! - Plain text holds no control character but the line feed and tab, and no bidirectional
//!   control.

use pulldown_cmark::{Event, Options, Parser, Tag};
use scraper::Html;

/// Elements a brief, index or signal page may contain; anything else was injected.
const HTML_ELEMENTS: &[&str] = &[
    "html",
    "head",
    "body",
    "meta",
    "title",
    "style",
    "header",
    "main",
    "footer",
    "nav",
    "article",
    "section",
    "aside",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "a",
    "blockquote",
    "cite",
    "q",
    "mark",
    "time",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "strong",
    "em",
    "b",
    "i",
    "small",
    "span",
    "div",
    "details",
    "summary",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
    "br",
    "hr",
    "abbr",
    "sup",
    "sub",
    "code",
    "pre",
    "del",
    "figure",
    "figcaption",
    "center",
];

/// Attributes that carry a URL a browser follows or loads.
const URL_ATTRIBUTES: &[&str] = &["href", "src", "cite", "action", "formaction", "poster"];

/// Attributes that run or load something whatever their value.
const FORBIDDEN_ATTRIBUTES: &[&str] = &["srcdoc", "srcset", "background", "xlink:href", "ping"];

/// Atom elements a feed may contain.
const ATOM_ELEMENTS: &[&str] = &[
    "feed",
    "id",
    "title",
    "subtitle",
    "updated",
    "published",
    "link",
    "author",
    "name",
    "email",
    "uri",
    "entry",
    "content",
    "summary",
    "category",
    "generator",
    "rights",
    "icon",
    "logo",
    "contributor",
];

const ATOM_NAMESPACE: &str = "http://www.w3.org/2005/Atom";

/// The host of an absolute `http`/`https` URL or the domain of a `mailto:` address, lowercased;
/// `None` for anything else.
pub(crate) fn link_host(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    if let Some(address) = lower.strip_prefix("mailto:") {
        let domain = address.split(['?', '#']).next()?.rsplit_once('@')?.1;
        return Some(domain.to_owned());
    }
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = host.split(':').next()?;
    (!host.is_empty()).then(|| host.to_owned())
}

/// Why `url` may not appear as a link target, or `None` if it may.
fn link_violation(url: &str, hosts: &[String], what: &str) -> Option<String> {
    // Fragments and site-relative paths stay on the page's own site (`//host` and `/\\host`
    // do not: browsers read both as another host).
    let site_relative = url.starts_with('/') && !url.starts_with("//") && !url.starts_with("/\\");
    if url.starts_with('#') || site_relative {
        return None;
    }
    match link_host(url) {
        Some(host) if hosts.iter().any(|h| h.eq_ignore_ascii_case(&host)) => None,
        Some(host) => Some(format!("{what} links to unexpected host {host:?}: {url:?}")),
        None => Some(format!(
            "{what} is not an http, https or mailto link: {url:?}"
        )),
    }
}

/// Every rule broken by an HTML document (or, with `fragment`, an HTML fragment).
pub(crate) fn html_violations(html: &str, fragment: bool, hosts: &[String]) -> Vec<String> {
    let parsed = if fragment {
        Html::parse_fragment(html)
    } else {
        Html::parse_document(html)
    };
    let mut found: Vec<String> = parsed
        .errors
        .iter()
        .map(|e| format!("html parse error: {e}"))
        .collect();
    for node in parsed.tree.nodes() {
        if let Some(comment) = node.value().as_comment() {
            found.push(format!("html comment {:?}", &**comment));
        }
        let Some(element) = node.value().as_element() else {
            continue;
        };
        let name = element.name();
        if !HTML_ELEMENTS.contains(&name) {
            found.push(format!("unexpected html element <{name}>"));
        }
        for (attribute, value) in element.attrs() {
            let attribute = attribute.to_ascii_lowercase();
            if attribute.starts_with("on") || FORBIDDEN_ATTRIBUTES.contains(&attribute.as_str()) {
                found.push(format!(
                    "<{name}> has script-bearing attribute {attribute}={value:?}"
                ));
            } else if URL_ATTRIBUTES.contains(&attribute.as_str()) {
                found.extend(link_violation(
                    value,
                    hosts,
                    &format!("<{name} {attribute}>"),
                ));
            } else if attribute == "style" {
                let lower = value.to_ascii_lowercase();
                if ["url(", "expression(", "javascript:", "@import"]
                    .iter()
                    .any(|bad| lower.contains(bad))
                {
                    found.push(format!("<{name}> style loads or runs something: {value:?}"));
                }
            } else if attribute == "http-equiv" && value.eq_ignore_ascii_case("refresh") {
                found.push("<meta http-equiv=refresh> redirects the page".to_owned());
            }
        }
    }
    found
}

/// The GitHub-flavoured extensions a Markdown reader may well have on.
fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_GFM
}

/// Every rule broken by a Markdown document.
pub(crate) fn markdown_violations(markdown: &str, hosts: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for event in Parser::new_ext(markdown, markdown_options()) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                found.push(format!("raw html in markdown: {:?}", &*html));
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                found.push(format!("image in markdown: {:?}", &*dest_url));
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                found.extend(link_violation(&dest_url, hosts, "markdown link"));
            }
            _ => {}
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(markdown, markdown_options()));
    found.extend(
        html_violations(&html, true, hosts)
            .into_iter()
            .map(|v| format!("markdown as html: {v}")),
    );
    found
}

/// The text of a Markdown document as a reader sees it: every text and code span, with soft and
/// hard breaks as spaces.
pub(crate) fn markdown_text(markdown: &str) -> String {
    let mut text = String::new();
    for event in Parser::new_ext(markdown, markdown_options()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(_) => text.push('\n'),
            _ => {}
        }
    }
    text
}

/// The text content of an HTML document as a reader sees it.
pub(crate) fn html_text(html: &str) -> String {
    let parsed = Html::parse_document(html);
    parsed.root_element().text().collect()
}

/// Every rule broken by an Atom feed.
pub(crate) fn atom_violations(xml: &str, hosts: &[String]) -> Vec<String> {
    let document = match roxmltree::Document::parse(xml) {
        Ok(document) => document,
        Err(error) => return vec![format!("atom is not well-formed xml: {error}")],
    };
    let mut found = Vec::new();
    let root = document.root_element();
    if root.tag_name().name() != "feed" || root.tag_name().namespace() != Some(ATOM_NAMESPACE) {
        found.push(format!(
            "atom root is {:?}, not an atom feed",
            root.tag_name()
        ));
    }
    for node in document.descendants() {
        if node.is_pi() {
            found.push(format!("processing instruction in atom: {:?}", node.pi()));
        }
        if !node.is_element() {
            continue;
        }
        let tag = node.tag_name();
        if tag.namespace() != Some(ATOM_NAMESPACE) || !ATOM_ELEMENTS.contains(&tag.name()) {
            found.push(format!("unexpected atom element {tag:?}"));
        }
        for attribute in node.attributes() {
            if attribute.name() == "href" || attribute.name() == "src" {
                found.extend(link_violation(attribute.value(), hosts, "atom link"));
            }
        }
        if matches!(tag.name(), "content" | "summary" | "title" | "subtitle") {
            match node.attribute("type") {
                Some("html") => {
                    let html: String = node
                        .children()
                        .filter_map(|child| child.text())
                        .collect::<Vec<_>>()
                        .concat();
                    found.extend(
                        html_violations(&html, true, hosts)
                            .into_iter()
                            .map(|v| format!("atom {}: {v}", tag.name())),
                    );
                }
                None | Some("text") => {}
                Some(other) => found.push(format!("atom {} of type {other:?}", tag.name())),
            }
        }
    }
    found
}

/// Every rule broken by a JSON Feed.
pub(crate) fn json_feed_violations(json: &str, hosts: &[String]) -> Vec<String> {
    let feed: serde_json::Value = match serde_json::from_str(json) {
        Ok(feed) => feed,
        Err(error) => return vec![format!("json feed does not parse: {error}")],
    };
    let mut found = Vec::new();
    let version = feed
        .get("version")
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    if !version.starts_with("https://jsonfeed.org/version/1") {
        found.push(format!("json feed version is {version:?}"));
    }
    let mut urls = Vec::new();
    collect_urls(&feed, &mut urls);
    for url in urls {
        found.extend(link_violation(&url, hosts, "json feed url"));
    }
    for item in feed
        .get("items")
        .and_then(|i| i.as_array())
        .into_iter()
        .flatten()
    {
        if let Some(html) = item.get("content_html").and_then(|h| h.as_str()) {
            found.extend(
                html_violations(html, true, hosts)
                    .into_iter()
                    .map(|v| format!("json feed content_html: {v}")),
            );
        }
    }
    found
}

/// Every string under a key that holds a link in JSON Feed 1.1.
fn collect_urls(value: &serde_json::Value, urls: &mut Vec<String>) {
    const URL_KEYS: &[&str] = &[
        "home_page_url",
        "feed_url",
        "url",
        "external_url",
        "image",
        "banner_image",
        "icon",
        "favicon",
        "avatar",
        "next_url",
    ];
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map {
                match inner {
                    serde_json::Value::String(url) if URL_KEYS.contains(&key.as_str()) => {
                        urls.push(url.clone());
                    }
                    _ => collect_urls(inner, urls),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| collect_urls(i, urls)),
        _ => {}
    }
}

/// Every rule broken by a JSON document (it must parse).
pub(crate) fn json_violations(json: &str) -> Vec<String> {
    match serde_json::from_str::<serde_json::Value>(json) {
        Ok(_) => Vec::new(),
        Err(error) => vec![format!("json does not parse: {error}")],
    }
}

/// Every rule broken by plain text meant for a terminal.
pub(crate) fn text_violations(text: &str) -> Vec<String> {
    text.char_indices()
        .filter(|&(_, c)| {
            (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .map(|(at, c)| format!("text holds U+{:04X} at byte {at}", u32::from(c)))
        .collect()
}
