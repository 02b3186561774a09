//! Checks that parse rendered output, as a browser, a Markdown renderer or a feed reader
//! would, and report anything that is not the renderer's own inert markup.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use scraper::{ElementRef, Html, Node};

/// Elements the HTML renderers write; anything else was injected.
const HTML_ELEMENTS: &[&str] = &[
    "html",
    "head",
    "body",
    "main",
    "meta",
    "title",
    "style",
    "header",
    "p",
    "nav",
    "article",
    "section",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "span",
    "time",
    "figure",
    "blockquote",
    "figcaption",
    "mark",
    "a",
    "details",
    "summary",
    "footer",
    "ol",
    "li",
    "br",
    "table",
    "tbody",
    "tr",
    "td",
    "div",
];

/// Attributes the HTML renderers write; anything else (`onerror`, `srcdoc`, `formaction` …)
/// was injected.
const HTML_ATTRIBUTES: &[&str] = &[
    "class",
    "id",
    "href",
    "cite",
    "datetime",
    "lang",
    "style",
    "open",
    "role",
    "width",
    "cellpadding",
    "cellspacing",
    "border",
    "align",
    "charset",
    "name",
    "content",
    "http-equiv",
];

/// Whether a link or citation target is one the link policy allows.
pub(crate) fn is_allowed_target(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
}

/// Everything wrong with an HTML document or fragment, judged on the parsed DOM: parse
/// errors, elements or attributes the renderer never writes, event handlers, link targets
/// outside the policy, a `style` element other than the built-in stylesheet, and a `meta`
/// other than the renderer's own.
pub(crate) fn html_problems(html: &str, fragment: bool) -> Vec<String> {
    problems_in(&parse_html(html, fragment))
}

/// Parses a document, or a fragment in a `body` context.
pub(crate) fn parse_html(html: &str, fragment: bool) -> Html {
    if fragment {
        Html::parse_fragment(html)
    } else {
        Html::parse_document(html)
    }
}

/// [`html_problems`] on a parsed document.
pub(crate) fn problems_in(document: &Html) -> Vec<String> {
    let mut problems: Vec<String> = document
        .errors
        .iter()
        .map(|error| format!("parse error: {error}"))
        .collect();
    for node in document.tree.nodes() {
        let Some(element) = ElementRef::wrap(node) else {
            if let Node::Comment(comment) = node.value() {
                problems.push(format!("comment: {:?}", &**comment));
            }
            continue;
        };
        let name = element.value().name();
        if !HTML_ELEMENTS.contains(&name) {
            problems.push(format!("element <{name}>"));
        }
        for (attribute, value) in element.value().attrs() {
            if !HTML_ATTRIBUTES.contains(&attribute) || attribute.starts_with("on") {
                problems.push(format!("attribute {attribute}={value:?} on <{name}>"));
            }
            if matches!(attribute, "href" | "cite") && !is_allowed_target(value) {
                problems.push(format!("{attribute} {value:?} on <{name}>"));
            }
        }
        if name == "style" {
            let css: String = element.text().collect();
            if css.trim() != bellwether_brief::HtmlRenderer::default_stylesheet().trim() {
                problems.push("a style element other than the built-in stylesheet".to_owned());
            }
        }
        if name == "meta" {
            let allowed = element.value().attr("charset") == Some("utf-8")
                || matches!(
                    element.value().attr("name"),
                    Some("viewport" | "color-scheme")
                )
                || element.value().attr("http-equiv") == Some("Content-Security-Policy");
            if !allowed {
                problems.push(format!("meta {:?}", element.value()));
            }
        }
    }
    problems
}

/// The sequence of elements and their attribute names (and `class` values), without any text:
/// two renderings of signals that differ only in their text have the same skeleton.
pub(crate) fn skeleton_of(document: &Html) -> Vec<String> {
    document
        .tree
        .nodes()
        .filter_map(ElementRef::wrap)
        .map(|element| {
            let mut attributes: Vec<String> = element
                .value()
                .attrs()
                .map(|(name, value)| match name {
                    "class" | "style" | "role" | "open" => format!("{name}={value}"),
                    _ => name.to_owned(),
                })
                .collect();
            attributes.sort();
            format!("{}[{}]", element.value().name(), attributes.join(","))
        })
        .collect()
}

/// Every Markdown extension pulldown-cmark knows, except smart punctuation (which changes how
/// quotes look, not what is markup).
pub(crate) fn markdown_options() -> Options {
    Options::all() - Options::ENABLE_SMART_PUNCTUATION
}

/// Everything in parsed Markdown that the renderer never writes: raw HTML, code, images,
/// footnotes, math, tables, task lists, and links outside the policy.
pub(crate) fn markdown_problems(markdown: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for event in Parser::new_ext(markdown, markdown_options()) {
        match event {
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(None)
                | Tag::Strong
                | Tag::Emphasis
                | Tag::List(_)
                | Tag::Item,
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(None)
                | TagEnd::Strong
                | TagEnd::Emphasis
                | TagEnd::List(_)
                | TagEnd::Item
                | TagEnd::Link,
            )
            | Event::Text(_)
            | Event::Rule => {}
            Event::Start(Tag::Link { dest_url, .. }) if is_allowed_target(&dest_url) => {}
            other => problems.push(format!("{other:?}")),
        }
    }
    problems
}

/// The Markdown's structure without its text: block and inline tags in order, links by kind.
pub(crate) fn markdown_skeleton(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, markdown_options())
        .filter_map(|event| match event {
            Event::Start(Tag::Link { .. }) => Some("link".to_owned()),
            Event::Start(tag) => Some(format!("{tag:?}")),
            Event::End(tag) => Some(format!("/{tag:?}")),
            Event::Text(_) => None,
            other => Some(format!("{other:?}")),
        })
        .collect()
}

/// The text of each heading, in order.
pub(crate) fn markdown_headings(markdown: &str) -> Vec<String> {
    let mut headings = Vec::new();
    let mut current: Option<String> = None;
    for event in Parser::new_ext(markdown, markdown_options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => current = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => headings.extend(current.take()),
            Event::Text(text) => {
                if let Some(current) = current.as_mut() {
                    current.push_str(&text);
                }
            }
            _ => {}
        }
    }
    headings
}

/// The text inside each strong emphasis, in order.
pub(crate) fn markdown_strong(markdown: &str) -> Vec<String> {
    let mut strong = Vec::new();
    let mut current: Option<String> = None;
    for event in Parser::new_ext(markdown, markdown_options()) {
        match event {
            Event::Start(Tag::Strong) => current = Some(String::new()),
            Event::End(TagEnd::Strong) => strong.extend(current.take()),
            Event::Text(text) => {
                if let Some(current) = current.as_mut() {
                    current.push_str(&text);
                }
            }
            _ => {}
        }
    }
    strong
}
