//! HTML rendering: the seed in snapshots of every variant, parsed back with an HTML5 parser
//! (no parse errors, semantic elements, anchors in `mark`, machine-readable times).

use bellwether_brief::{Composer, HtmlRenderer, HtmlVariant, Render, RenderContext, RenderError};
use bellwether_signal::Signal;
use scraper::{Html, Selector};
use serde_json::json;

use crate::fixtures::{
    brief_of, linked_context, morning, seed, seed_context, seed_json, seed_with_deep_link, signal,
    site_linked_context,
};
use crate::markup_checks::html_problems;

fn select<'a>(document: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(css).unwrap();
    document.select(&selector).collect()
}

fn text_of(element: scraper::ElementRef<'_>) -> String {
    element.text().collect()
}

/// A brief of `signal` as `renderer` writes it in the seed's context.
fn brief_html(renderer: &HtmlRenderer, signal: Signal) -> String {
    renderer
        .render_to_string(&brief_of(&[signal]), &seed_context())
        .unwrap()
}

#[test]
fn seed_brief_as_html_in_every_variant() {
    for (name, renderer, signal) in [
        ("seed_brief_html_page", HtmlRenderer::page(), seed()),
        (
            "seed_brief_html_fragment",
            HtmlRenderer::fragment(),
            seed_with_deep_link(),
        ),
        ("seed_brief_html_email", HtmlRenderer::email(), seed()),
    ] {
        let html = brief_html(&renderer, signal);
        insta::assert_snapshot!(name, html);
    }
}

#[test]
fn seed_page_and_index_as_html() {
    let ctx = site_linked_context();
    let page = Composer::default().page(&seed(), None).unwrap();
    let index = Composer::default()
        .index(&[seed(), signal("rare-earths", 5, 2, 20)], None)
        .unwrap();
    let renderer = HtmlRenderer::page().stylesheet(false);
    insta::assert_snapshot!(
        "seed_page_html",
        renderer.render_to_string(&page, &ctx).unwrap()
    );
    insta::assert_snapshot!(
        "seed_index_html",
        renderer.render_to_string(&index, &ctx).unwrap()
    );
}

#[test]
fn every_variant_parses_without_error_and_holds_only_its_own_markup() {
    let brief = brief_of(&[seed_with_deep_link(), signal("rare-earths", 7, 2, 20)]);
    let page = Composer::default().page(&seed(), None).unwrap();
    let index = Composer::default().index(&[seed()], None).unwrap();
    let ctx = linked_context();
    for renderer in [
        HtmlRenderer::page(),
        HtmlRenderer::fragment(),
        HtmlRenderer::email(),
    ] {
        let fragment = renderer == HtmlRenderer::fragment();
        for html in [
            renderer.render_to_string(&brief, &ctx).unwrap(),
            renderer.render_to_string(&page, &ctx).unwrap(),
            renderer.render_to_string(&index, &ctx).unwrap(),
        ] {
            assert_eq!(html_problems(&html, fragment), Vec::<String>::new());
        }
    }
}

#[test]
fn marks_each_anchor_inside_its_blockquote() {
    let html = brief_html(&HtmlRenderer::page(), seed());
    let document = Html::parse_document(&html);
    let marks: Vec<String> = select(&document, "blockquote mark")
        .into_iter()
        .map(text_of)
        .collect();
    assert_eq!(
        marks,
        [
            "export-control architectures",
            "distillation attacks",
            "offset deficits in AI computing power",
            "DeepSeek"
        ]
    );
    assert_eq!(select(&document, "article.bw-item").len(), 1);
    assert_eq!(select(&document, "article.bw-source").len(), 3);
    for quote in select(&document, "blockquote") {
        assert!(
            quote
                .value()
                .attr("cite")
                .is_some_and(|cite| cite.starts_with("https://"))
        );
    }
}

#[test]
fn times_carry_rfc3339_datetimes() {
    let html = brief_html(&HtmlRenderer::page(), seed());
    let document = Html::parse_document(&html);
    let times = select(&document, "time");
    assert!(times.len() >= 6);
    for time in times {
        let datetime = time.value().attr("datetime").unwrap();
        assert!(
            chrono::DateTime::parse_from_rfc3339(datetime).is_ok(),
            "{datetime}"
        );
    }
    assert!(html.contains("<time datetime=\"2026-05-12T09:30:00Z\">first seen 5/12/2026</time>"));
}

#[test]
fn deep_links_cite_and_open_the_quote() {
    let html = brief_html(&HtmlRenderer::fragment(), seed_with_deep_link());
    let document = Html::parse_fragment(&html);
    let deep = "https://pacificpolicy.example/2026/05/software-layer-china-us-tech-diplomacy#:~:text=Capability%20now%20propagates";
    let quote = select(&document, "figure.bw-quote")
        .into_iter()
        .next()
        .unwrap();
    let cite = select(&document, "figure.bw-quote blockquote")
        .into_iter()
        .next()
        .unwrap();
    assert_eq!(cite.value().attr("cite"), Some(deep));
    let link = quote
        .select(&Selector::parse("figcaption a").unwrap())
        .next()
        .unwrap();
    assert_eq!(link.value().attr("href"), Some(deep));
    assert_eq!(text_of(link), "Open at the quote");
}

#[test]
fn email_is_inline_styled_without_style_details_or_relative_links() {
    let ctx = site_linked_context();
    let html = HtmlRenderer::email()
        .render_to_string(&brief_of(&[seed()]), &ctx)
        .unwrap();
    let document = Html::parse_document(&html);
    assert!(select(&document, "style, details, script, [class]").is_empty());
    for link in select(&document, "a") {
        assert!(link.value().attr("href").unwrap().starts_with("https://"));
        assert!(link.value().attr("style").is_some());
    }
    assert!(!select(&document, "mark[style]").is_empty());
    // Pages keep site-relative links to signal and index pages.
    let page = HtmlRenderer::page()
        .render_to_string(&brief_of(&[seed()]), &ctx)
        .unwrap();
    assert!(page.contains("href=\"/signals/\""));
}

#[test]
fn fragment_starts_at_the_chosen_heading_level() {
    let html = brief_html(
        &HtmlRenderer::fragment().heading_level(2).masthead(false),
        seed(),
    );
    let document = Html::parse_fragment(&html);
    assert!(select(&document, "h1").is_empty());
    assert_eq!(select(&document, "h2.bw-headline").len(), 1);
    assert_eq!(select(&document, "h4.bw-source-title").len(), 3);
    assert!(!html.contains("<html") && !html.contains("The Bellwether"));
}

#[test]
fn rejects_bad_options() {
    let page = Composer::default().page(&seed(), None).unwrap();
    let ctx = seed_context();
    for (renderer, rejected) in [
        (HtmlRenderer::page().heading_level(3), "heading_level"),
        (HtmlRenderer::page().lang("en_US"), "lang"),
    ] {
        let err = renderer.render_to_string(&page, &ctx).unwrap_err();
        assert!(
            matches!(err, RenderError::InvalidOption { option, .. } if option == rejected),
            "{err:?}"
        );
    }
    let err = HtmlRenderer::page()
        .lang("en_US")
        .render_to_string(&page, &ctx)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "option `lang` = en_US is invalid; use a BCP 47 language tag such as `en` or `pt-BR`"
    );
}

#[test]
fn page_declares_language_and_forbids_scripts() {
    let html = HtmlRenderer::new()
        .variant(HtmlVariant::Page)
        .lang("pt-BR")
        .render_to_string(&brief_of(&[seed()]), &RenderContext::new(morning()))
        .unwrap();
    assert!(html.contains("<html lang=\"pt-BR\">"));
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    assert!(html.contains("<details class=\"bw-reasoning\" open>"));
}

#[test]
fn anchors_are_marked_where_they_were_placed_and_an_unplaceable_one_is_refused_when_read() {
    let mut value = seed_json();
    // Placed by span: the second "AI", not the first.
    value["sources"][2]["quotes"][0] = json!({
        "text": "AI firms said AI will lead",
        "anchors": ["AI"],
        "anchor_spans": [{"start": 14, "end": 16}]
    });
    let signal: Signal = serde_json::from_value(value.clone()).unwrap();
    let html = brief_html(&HtmlRenderer::fragment(), signal);
    assert!(html.contains("AI firms said <mark class=\"bw-anchor\">AI</mark> will lead"));
    // An anchor that matches only under a case mapping that changes its length cannot be
    // placed, so the quote is refused with a typed error rather than shown with a lost anchor.
    value["sources"][2]["quotes"][0] = json!({"text": "İstanbul talks", "anchors": ["i̇stanbul"]});
    let err = serde_json::from_value::<Signal>(value).unwrap_err();
    assert!(
        err.to_string().contains("does not occur in its quote"),
        "{err}"
    );
}
