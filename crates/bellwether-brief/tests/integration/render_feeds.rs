//! Atom and JSON Feed rendering: the seed in snapshots, every element RFC 4287 requires, and
//! both feeds read back by a feed parser.

use bellwether_brief::{
    AtomRenderer, Brief, Composed, Composer, JsonFeedRenderer, LinkPolicy, Policy, Render,
    RenderError,
};
use bellwether_signal::Signal;
use serde_json::Value;

use crate::feed_checks::atom_problems;
use crate::fixtures::{at, brief_at, morning, seed, seed_context, signal};
use crate::markup_checks::html_problems;

fn seed_brief() -> Brief {
    brief_at(&[seed()], "2026-05-27T07:00:00Z", None)
}

/// Two briefs a day apart: the seed, then a new signal the next morning.
fn two_briefs() -> Vec<Brief> {
    let first = seed_brief();
    let second = brief_at(
        &[seed(), signal("rare-earths", 8, 2, 27)],
        "2026-05-28T07:00:00Z",
        Some(&first),
    );
    vec![first, second]
}

fn atom() -> AtomRenderer {
    AtomRenderer::new()
        .id("tag:brief.example,2026:bellwether")
        .self_url("https://brief.example/atom.xml")
        .home_url("https://brief.example/")
        .author_name("Marco")
        .author_email("andrea@passaglia.it")
        .lang("en")
}

#[test]
fn seed_brief_as_atom() {
    let xml = atom()
        .render_to_string(&seed_brief(), &seed_context())
        .unwrap();
    insta::assert_snapshot!("seed_brief_atom", xml);
}

#[test]
fn seed_brief_as_json_feed() {
    let json = JsonFeedRenderer::new()
        .home_url("https://brief.example/")
        .self_url("https://brief.example/feed.json")
        .author_name("Marco")
        .author_email("andrea@passaglia.it")
        .lang("en")
        .pretty(true)
        .render_to_string(&seed_brief(), &seed_context())
        .unwrap();
    insta::assert_snapshot!("seed_brief_json_feed", json);
}

#[test]
fn atom_has_every_element_rfc_4287_requires() {
    for xml in [
        atom()
            .render_to_string(&seed_brief(), &seed_context())
            .unwrap(),
        AtomRenderer::new()
            .render_to_string(&seed_brief(), &seed_context())
            .unwrap(),
        atom()
            .render_to_string(two_briefs().as_slice(), &seed_context())
            .unwrap(),
        AtomRenderer::new()
            .render_to_string(&[][..], &seed_context())
            .unwrap(),
    ] {
        assert_eq!(atom_problems(&xml), Vec::<String>::new(), "{xml}");
    }
}

#[test]
fn a_feed_parser_reads_the_atom_feed() {
    let briefs = two_briefs();
    let xml = atom()
        .render_to_string(briefs.as_slice(), &seed_context())
        .unwrap();
    let feed = feed_rs::parser::parse(xml.as_bytes()).unwrap();
    assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
    assert_eq!(feed.id, "tag:brief.example,2026:bellwether");
    assert_eq!(feed.title.unwrap().content, "The Bellwether");
    assert_eq!(feed.updated, Some(at("2026-05-28T07:00:00Z")));
    assert_eq!(feed.authors[0].name.as_deref(), Some("Marco"));
    assert_eq!(
        feed.authors[0].email.as_deref(),
        Some("andrea@passaglia.it")
    );
    assert_eq!(feed.language.as_deref(), Some("en"));
    assert_eq!(feed.entries.len(), 2);
    // Newest first, ids stable and distinct.
    assert_eq!(
        feed.entries[0].id,
        "tag:brief.example,2026:bellwether#brief-2-20260528T070000Z"
    );
    assert_eq!(
        feed.entries[1].id,
        "tag:brief.example,2026:bellwether#brief-1-20260527T070000Z"
    );
    let newest = &feed.entries[0];
    assert_eq!(newest.updated, Some(at("2026-05-28T07:00:00Z")));
    assert_eq!(newest.published, Some(at("2026-05-28T07:00:00Z")));
    let title = &newest.title.as_ref().unwrap().content;
    assert!(title.starts_with("Brief 2 · 5/28/2026: "), "{title}");
    assert!(title.ends_with("Thesis of rare-earths"), "{title}");
    let content = newest.content.as_ref().unwrap();
    assert_eq!(content.content_type.essence().to_string(), "text/html");
    let html = content.body.as_deref().unwrap();
    assert_eq!(html_problems(html, true), Vec::<String>::new());
    assert!(html.contains("<mark class=\"bw-anchor\">rare-earths</mark>"));
    let older = feed.entries[1]
        .content
        .as_ref()
        .unwrap()
        .body
        .as_deref()
        .unwrap();
    assert!(older.contains("<mark class=\"bw-anchor\">DeepSeek</mark>"));
    let terms: Vec<&str> = newest.categories.iter().map(|c| c.term.as_str()).collect();
    assert!(
        terms.contains(&"structural") && terms.contains(&"AI"),
        "{terms:?}"
    );
}

#[test]
fn entry_ids_do_not_depend_on_the_content() {
    let briefs = two_briefs();
    let one = atom()
        .render_to_string(&briefs[0], &seed_context())
        .unwrap();
    let both = atom()
        .render_to_string(briefs.as_slice(), &seed_context())
        .unwrap();
    let id = "<id>tag:brief.example,2026:bellwether#brief-1-20260527T070000Z</id>";
    assert!(one.contains(id) && both.contains(id));
}

#[test]
fn default_feed_id_comes_from_the_self_url_or_the_masthead() {
    let brief = seed_brief();
    let xml = AtomRenderer::new()
        .self_url("https://brief.example/atom.xml")
        .render_to_string(&brief, &seed_context())
        .unwrap();
    assert!(xml.contains("<id>https://brief.example/atom.xml</id>"));
    let xml = AtomRenderer::new()
        .render_to_string(&brief, &seed_context())
        .unwrap();
    assert!(xml.contains("<id>urn:bellwether:feed:the-bellwether</id>"));
    assert!(xml.contains("<author>\n    <name>The Bellwether</name>"));
}

#[test]
fn related_links_point_at_absolute_signal_pages_only() {
    let brief = seed_brief();
    let absolute = seed_context().links(
        LinkPolicy::default()
            .signal_pages("https://brief.example/signals/{id}")
            .unwrap(),
    );
    let xml = atom().render_to_string(&brief, &absolute).unwrap();
    assert!(xml.contains("<link rel=\"related\" type=\"text/html\" href=\"https://brief.example/signals/us-chip-export-controls-adversary-ai-self-sufficiency\""));
    let relative =
        seed_context().links(LinkPolicy::default().signal_pages("/signals/{id}").unwrap());
    let xml = atom().render_to_string(&brief, &relative).unwrap();
    assert!(!xml.contains("rel=\"related\""));
    assert!(!xml.contains("href=\"/signals"));
}

#[test]
fn json_feed_follows_version_1_1() {
    let briefs = two_briefs();
    let json = JsonFeedRenderer::new()
        .home_url("https://brief.example/")
        .author_email("andrea@passaglia.it")
        .content_text(true)
        .render_to_string(briefs.as_slice(), &seed_context())
        .unwrap();
    let feed: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["title"], "The Bellwether");
    assert_eq!(feed["home_page_url"], "https://brief.example/");
    assert_eq!(feed["authors"][0]["url"], "mailto:andrea@passaglia.it");
    let items = feed["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(
        items[0]["id"],
        "https://brief.example/#brief-2-20260528T070000Z"
    );
    for item in items {
        assert!(item["id"].is_string());
        let html = item["content_html"].as_str().unwrap();
        assert_eq!(html_problems(html, true), Vec::<String>::new());
        assert!(
            item["content_text"]
                .as_str()
                .unwrap()
                .contains("Source articles")
        );
        let published = item["date_published"].as_str().unwrap();
        assert!(chrono::DateTime::parse_from_rfc3339(published).is_ok());
    }
    // A feed parser reads it too.
    let parsed = feed_rs::parser::parse(json.as_bytes()).unwrap();
    assert_eq!(parsed.feed_type, feed_rs::model::FeedType::JSON);
    assert_eq!(parsed.entries.len(), 2);
}

#[test]
fn json_feed_links_a_single_item_brief_to_its_page() {
    let ctx = seed_context().links(
        LinkPolicy::default()
            .signal_pages("https://brief.example/signals/{id}")
            .unwrap(),
    );
    let json = JsonFeedRenderer::new()
        .render_to_string(&seed_brief(), &ctx)
        .unwrap();
    let feed: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        feed["items"][0]["url"],
        "https://brief.example/signals/us-chip-export-controls-adversary-ai-self-sufficiency"
    );
}

#[test]
fn rejects_bad_feed_options() {
    let brief = seed_brief();
    let ctx = seed_context();
    let err = AtomRenderer::new()
        .id("not an iri")
        .render_to_string(&brief, &ctx)
        .unwrap_err();
    assert!(matches!(
        err,
        RenderError::InvalidOption { option: "id", .. }
    ));
    let err = AtomRenderer::new()
        .author_name("  ")
        .render_to_string(&brief, &ctx)
        .unwrap_err();
    assert!(matches!(
        err,
        RenderError::InvalidOption {
            option: "author_name",
            ..
        }
    ));
    let err = JsonFeedRenderer::new()
        .lang("english!")
        .render_to_string(&brief, &ctx)
        .unwrap_err();
    assert!(matches!(
        err,
        RenderError::InvalidOption { option: "lang", .. }
    ));
    let err = JsonFeedRenderer::new()
        .author_url("mailto:a@b.example")
        .render_to_string(&brief, &ctx)
        .unwrap_err();
    assert!(matches!(err, RenderError::InvalidLink { .. }));
    assert_eq!(
        AtomRenderer::new()
            .self_url("ftp://x.example/")
            .render_to_string(&brief, &ctx)
            .unwrap_err()
            .to_string(),
        "link `ftp://x.example/` is rejected: the feed's own url must be an absolute http or https url"
    );
}

#[test]
fn feeds_render_at_the_contexts_time_when_empty() {
    let xml = AtomRenderer::new()
        .render_to_string(&[][..], &seed_context())
        .unwrap();
    assert!(xml.contains("<updated>2026-05-27T07:00:00Z</updated>"));
}

#[test]
fn long_briefs_keep_titles_and_summaries_short() {
    let signals: Vec<Signal> = (0..12)
        .map(|n| signal(&format!("signal-{n:02}"), 9, 1, 26))
        .collect();
    let policy = Policy::builder().max_items(20).build().unwrap();
    let Composed::Brief(brief) = Composer::new(policy)
        .compose(&signals, None, morning())
        .unwrap()
    else {
        panic!("twelve strong new signals make a brief")
    };
    let items = brief.items().len();
    assert_eq!(items, 12);
    let xml = atom().render_to_string(&brief, &seed_context()).unwrap();
    let feed = feed_rs::parser::parse(xml.as_bytes()).unwrap();
    let entry = &feed.entries[0];
    let title = &entry.title.as_ref().unwrap().content;
    assert!(
        title.ends_with(&format!("(+{} more)", items - 1)),
        "{title}"
    );
    let summary = &entry.summary.as_ref().unwrap().content;
    assert!(
        summary.starts_with(&format!("{items} signals: {items} new. ")),
        "{summary}"
    );
    assert!(
        summary.ends_with(&format!(" · and {} more", items - 10)),
        "{summary}"
    );
}
