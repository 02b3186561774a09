//! Markdown rendering: the seed in snapshots, anchors, links and options, checked by parsing
//! the output with pulldown-cmark.

use bellwether_brief::{Composer, LinkPolicy, MarkdownRenderer, Render, RenderError};
use bellwether_signal::Signal;
use serde_json::json;

use crate::fixtures::{
    brief_of, linked_context, seed, seed_context, seed_json, seed_with_deep_link, signal,
};
use crate::markup_checks::{
    markdown_headings, markdown_options, markdown_problems, markdown_strong,
};

/// The links in `markdown`, as (destination, text).
fn links(markdown: &str) -> Vec<(String, String)> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut links = Vec::new();
    let mut current: Option<(String, String)> = None;
    for event in Parser::new_ext(markdown, markdown_options()) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                current = Some((dest_url.to_string(), String::new()))
            }
            Event::Text(text) => {
                if let Some((_, label)) = current.as_mut() {
                    label.push_str(&text);
                }
            }
            Event::End(TagEnd::Link) => links.extend(current.take()),
            _ => {}
        }
    }
    links
}

#[test]
fn seed_brief_as_markdown() {
    let markdown = MarkdownRenderer::new()
        .render_to_string(&brief_of(&[seed()]), &seed_context())
        .unwrap();
    insta::assert_snapshot!("seed_brief_markdown", markdown);
}

#[test]
fn seed_page_as_markdown_with_links() {
    let page = Composer::default()
        .page(&seed_with_deep_link(), None)
        .unwrap();
    let markdown = MarkdownRenderer::new()
        .render_to_string(&page, &linked_context())
        .unwrap();
    insta::assert_snapshot!("seed_page_markdown", markdown);
}

#[test]
fn index_as_markdown() {
    let index = Composer::default()
        .index(&[seed(), signal("rare-earths", 5, 2, 20)], None)
        .unwrap();
    let markdown = MarkdownRenderer::new()
        .render_to_string(&index, &linked_context())
        .unwrap();
    insta::assert_snapshot!("seed_index_markdown", markdown);
}

#[test]
fn seed_markdown_holds_only_the_renderers_markup() {
    let brief = brief_of(&[seed(), signal("rare-earths", 7, 2, 20)]);
    for markdown in [
        MarkdownRenderer::new()
            .render_to_string(&brief, &linked_context())
            .unwrap(),
        MarkdownRenderer::new()
            .render_to_string(
                &Composer::default()
                    .page(&seed_with_deep_link(), None)
                    .unwrap(),
                &linked_context(),
            )
            .unwrap(),
    ] {
        assert_eq!(markdown_problems(&markdown), Vec::<String>::new());
    }
}

#[test]
fn highlights_each_seed_anchor_in_strong_emphasis() {
    let markdown = MarkdownRenderer::new()
        .render_to_string(&brief_of(&[seed()]), &seed_context())
        .unwrap();
    let strong = markdown_strong(&markdown);
    for anchor in [
        "export-control architectures",
        "distillation attacks",
        "offset deficits in AI computing power",
        "DeepSeek",
    ] {
        assert!(
            strong.iter().any(|s| s == anchor),
            "{anchor} not strong in {strong:?}"
        );
    }
    // Quotes are block quotes, one per quote.
    assert_eq!(
        markdown
            .lines()
            .filter(|line| line.starts_with("> "))
            .count(),
        4
    );
}

#[test]
fn headings_follow_the_chosen_level() {
    let brief = brief_of(&[seed()]);
    let markdown = MarkdownRenderer::new()
        .heading_level(2)
        .render_to_string(&brief, &seed_context())
        .unwrap();
    assert!(markdown.starts_with("## The Bellwether\n"));
    assert!(markdown.contains("\n### 1. US chip export controls"));
    assert!(markdown.contains("\n##### [The G-2 Reality]"));
    let headings = markdown_headings(&markdown);
    assert_eq!(headings.first().map(String::as_str), Some("The Bellwether"));
}

#[test]
fn rejects_heading_levels_that_would_pass_h6() {
    let page = Composer::default().page(&seed(), None).unwrap();
    for level in [0, 4, 9] {
        let err = MarkdownRenderer::new()
            .heading_level(level)
            .render_to_string(&page, &seed_context())
            .unwrap_err();
        assert!(matches!(
            err,
            RenderError::InvalidOption {
                option: "heading_level",
                ..
            }
        ));
    }
}

#[test]
fn headlines_only_leaves_out_analysis_and_sources() {
    let markdown = MarkdownRenderer::new()
        .headlines_only(true)
        .masthead(false)
        .render_to_string(&brief_of(&[seed()]), &seed_context())
        .unwrap();
    assert!(!markdown.contains("Analysis"));
    assert!(!markdown.contains("Source articles"));
    assert!(!markdown.contains("The Bellwether"));
    assert!(markdown.contains("structural · regulatory · technological · AI · US, CN"));
}

#[test]
fn links_sources_quotes_and_pages() {
    let page = Composer::default()
        .page(&seed_with_deep_link(), None)
        .unwrap();
    let markdown = MarkdownRenderer::new()
        .render_to_string(&page, &linked_context())
        .unwrap();
    let links = links(&markdown);
    assert_eq!(
        links[0],
        (
            "https://brief.example/signals/".to_owned(),
            "← all signals".to_owned()
        )
    );
    assert!(
        links.contains(&(
            "https://brief.example/signals/us-chip-export-controls-adversary-ai-self-sufficiency"
                .to_owned(),
            "Signal page".to_owned()
        ))
    );
    assert!(links.iter().any(
        |(url, text)| url.ends_with("#:~:text=Capability%20now%20propagates")
            && text == "Open at the quote"
    ));
    assert!(links.iter().any(|(url, text)| url
        == "https://strategyquarterly.example/articles/the-g-2-reality"
        && text == "The G-2 Reality"));
}

#[test]
fn links_off_leaves_plain_titles() {
    let ctx = seed_context().links(LinkPolicy::default().links(false));
    let markdown = MarkdownRenderer::new()
        .render_to_string(&brief_of(&[seed_with_deep_link()]), &ctx)
        .unwrap();
    assert!(links(&markdown).is_empty());
    assert!(markdown.contains("#### The G-2 Reality\n"));
}

#[test]
fn separates_key_actors() {
    let markdown = MarkdownRenderer::new()
        .render_to_string(&brief_of(&[seed()]), &seed_context())
        .unwrap();
    assert!(markdown.contains("\nBIS · Anthropic · OpenAI · DeepSeek\n"));
}

#[test]
fn strong_anchors_survive_surrounding_punctuation() {
    let mut value = seed_json();
    value["sources"][2]["quotes"][0] = json!({
        "text": "They said \"DeepSeek,\" then (R1) and the_model*s AI-first plan.",
        "anchors": ["\"DeepSeek,\"", "(R1)", "model*s", "ai"]
    });
    let signal: Signal = serde_json::from_value(value).unwrap();
    let markdown = MarkdownRenderer::new()
        .render_to_string(&brief_of(&[signal]), &seed_context())
        .unwrap();
    assert_eq!(markdown_problems(&markdown), Vec::<String>::new());
    let strong = markdown_strong(&markdown);
    for expected in ["DeepSeek", "R1", "model*s", "AI"] {
        assert!(
            strong.iter().any(|s| s == expected),
            "{expected} in {strong:?}"
        );
    }
}
