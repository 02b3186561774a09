//! RFC 4287 checks on Atom output, judged on the parsed XML.

use crate::markup_checks::html_problems;

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// Everything wrong with an Atom document: not well-formed XML, a missing or repeated
/// element RFC 4287 requires (feed and entry `id`, `title`, `updated`; an `author` on the feed
/// or on every entry), ids that are not absolute IRIs, dates that are not RFC 3339, an entry
/// with neither `content` nor an alternate link, and HTML content that is not inert.
pub(crate) fn atom_problems(xml: &str) -> Vec<String> {
    let document = match roxmltree::Document::parse(xml) {
        Ok(document) => document,
        Err(error) => return vec![format!("not well-formed: {error}")],
    };
    let mut problems = Vec::new();
    let feed = document.root_element();
    if feed.tag_name().name() != "feed" || feed.tag_name().namespace() != Some(ATOM) {
        problems.push(format!("root is {:?}", feed.tag_name()));
    }
    let children = |node: roxmltree::Node<'_, '_>, name: &str| -> Vec<String> {
        node.children()
            .filter(|child| {
                child.tag_name().name() == name && child.tag_name().namespace() == Some(ATOM)
            })
            .map(|child| child.text().unwrap_or("").to_owned())
            .collect()
    };
    let exactly_one = |problems: &mut Vec<String>, node, name: &str, whose: &str| {
        let found = children(node, name);
        if found.len() != 1 {
            problems.push(format!("{whose} has {} <{name}>", found.len()));
        }
        found.into_iter().next().unwrap_or_default()
    };
    let check_id = |problems: &mut Vec<String>, id: &str| {
        let scheme_ok = id.split_once(':').is_some_and(|(scheme, rest)| {
            !rest.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        });
        if !scheme_ok || id.chars().any(char::is_whitespace) {
            problems.push(format!("id {id:?} is not an absolute IRI"));
        }
    };
    let check_date = |problems: &mut Vec<String>, date: &str| {
        if chrono::DateTime::parse_from_rfc3339(date).is_err() {
            problems.push(format!("date {date:?} is not RFC 3339"));
        }
    };
    let feed_id = exactly_one(&mut problems, feed, "id", "feed");
    check_id(&mut problems, &feed_id);
    exactly_one(&mut problems, feed, "title", "feed");
    let updated = exactly_one(&mut problems, feed, "updated", "feed");
    check_date(&mut problems, &updated);
    let feed_has_author = feed
        .children()
        .any(|child| child.tag_name().name() == "author" && !children(child, "name").is_empty());
    let mut entry_ids = Vec::new();
    for entry in feed
        .children()
        .filter(|child| child.tag_name().name() == "entry")
    {
        let id = exactly_one(&mut problems, entry, "id", "entry");
        check_id(&mut problems, &id);
        entry_ids.push(id);
        exactly_one(&mut problems, entry, "title", "entry");
        let updated = exactly_one(&mut problems, entry, "updated", "entry");
        check_date(&mut problems, &updated);
        for published in children(entry, "published") {
            check_date(&mut problems, &published);
        }
        let entry_has_author = entry
            .children()
            .any(|child| child.tag_name().name() == "author");
        if !feed_has_author && !entry_has_author {
            problems.push("an entry has no author and neither has the feed".to_owned());
        }
        let contents: Vec<_> = entry
            .children()
            .filter(|child| child.tag_name().name() == "content")
            .collect();
        let has_alternate = entry.children().any(|child| {
            child.tag_name().name() == "link"
                && child.attribute("rel").is_none_or(|rel| rel == "alternate")
        });
        if contents.is_empty() && !has_alternate {
            problems.push("an entry has neither content nor an alternate link".to_owned());
        }
        for content in contents {
            if content.attribute("type") == Some("html") {
                let html = content.text().unwrap_or("");
                problems.extend(
                    html_problems(html, true)
                        .into_iter()
                        .map(|p| format!("content: {p}")),
                );
            }
        }
        for link in entry
            .children()
            .filter(|child| child.tag_name().name() == "link")
        {
            if link.attribute("href").is_none() {
                problems.push("a link without href".to_owned());
            }
        }
    }
    let mut unique = entry_ids.clone();
    unique.sort();
    unique.dedup();
    if unique.len() != entry_ids.len() {
        problems.push("entry ids repeat".to_owned());
    }
    problems
}
