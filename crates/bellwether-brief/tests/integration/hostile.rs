//! Hostile input in every text field never becomes markup, in any format: checked by parsing
//! the output (HTML5 DOM, CommonMark events, XML, JSON), over known attack payloads and over
//! generated strings.

use bellwether_brief::{
    AtomRenderer, Brief, Composer, HtmlRenderer, JsonFeedRenderer, LinkPolicy, MarkdownRenderer,
    Masthead, Render, RenderContext, SignalIndex, SignalPage,
};
use bellwether_signal::Signal;
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::feed_checks::atom_problems;
use crate::fixtures::{brief_of, morning};
use crate::markup_checks::{
    html_problems, markdown_headings, markdown_problems, markdown_skeleton, markdown_strong,
    parse_html, problems_in, skeleton_of,
};

/// Known attack strings: script and event-handler injection, attribute breakouts, dangerous
/// URL schemes, Markdown link/image/autolink/HTML tricks, entity smuggling, CDATA and comment
/// breakouts, bidirectional overrides and invisible characters.
pub(crate) fn payloads() -> Vec<String> {
    include_str!("../../testdata/xss_payloads.txt")
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with("##"))
        .map(|line| line.replace("\\n", "\n").replace("\\t", "\t"))
        .collect()
}

/// How the hostile text is put into fields: as it is, or as its plain twin (see
/// [`plain_twin`]), applied after each field's own clean-up so that both have the same lines,
/// paragraphs and words.
#[derive(Clone, Copy)]
pub(crate) enum Version {
    Hostile,
    Twin,
}

impl Version {
    fn apply(self, text: String) -> String {
        match self {
            Version::Hostile => text,
            Version::Twin => plain_twin(&text),
        }
    }

    /// What the signal crate accepts as an identifier, made from `text`.
    fn token(self, text: &str, suffix: &str) -> String {
        let token: String = text
            .chars()
            .filter(|&c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':' | '/'))
            .take(40)
            .collect();
        format!("{}{suffix}", self.apply(token))
    }

    /// One line of text, as single-line fields (labels, titles) accept it: no control
    /// characters, at most `max` characters, never blank.
    fn line(self, text: &str, max: usize, filler: &str) -> String {
        let cleaned: String = text.chars().filter(|c| !c.is_control()).take(max).collect();
        format!("{} {filler}", self.apply(cleaned.trim().to_owned()))
    }

    /// Paragraph text, as multi-line fields (analysis, reasoning) accept it.
    fn prose(self, text: &str) -> String {
        let cleaned: String = text
            .chars()
            .filter(|&c| !c.is_control() || matches!(c, '\n' | '\t'))
            .collect();
        format!("{} prose", self.apply(cleaned.trim().to_owned()))
    }
}

fn line(text: &str, max: usize, filler: &str) -> String {
    Version::Hostile.line(text, max, filler)
}

/// A signal with `text` in every text field: ids, thesis, analysis, every tag facet, actor
/// names and aliases, article title, outlet, URL path, quotes, anchors, deep-link fragment and
/// reasoning. The first quote's anchor is a fixed word, so its highlight does not depend on
/// `text`; the second quote's anchor is hostile too.
pub(crate) fn hostile_signal(text: &str, version: Version) -> Signal {
    let v = version;
    let anchor = v.line(text, 40, "anchor");
    let mut url = format!("https://news.example/{}", text.replace(['#', '?'], ""));
    if bellwether_signal::WebUrl::new(&url).is_err() {
        url = "https://news.example/fallback".to_owned();
    }
    let source = json!({
        "id": v.token(text, "-article"),
        "url": url,
        "title": v.line(text, 300, "title"),
        "outlet": v.line(text, 150, "outlet"),
        "published": "2026-05-26T14:05:00Z",
        "quotes": [
            {"text": format!("{} zqxanchor {}", v.line(text, 300, "before"), v.line(text, 300, "after")), "anchors": ["zqxanchor"]},
            {"text": format!("{} {anchor}", v.line(text, 300, "quote")), "anchors": [anchor]}
        ],
        "reasoning": [v.prose(text)]
    });
    let value = json!({
        "id": v.token(text, "-signal"),
        "thesis": v.line(text, 900, "thesis"),
        "analysis": v.prose(text),
        "strength": 8,
        "extraction_count": 1,
        "first_seen": "2026-05-12T09:30:00Z",
        "last_reinforced": "2026-05-26T14:05:00Z",
        "tags": {
            "nature": [v.line(text, 150, "nature")],
            "domains": [v.line(text, 150, "domain")],
            "topics": [v.line(text, 150, "topic")]
        },
        "regions": ["US", "CN"],
        "actors": [{"name": v.line(text, 150, "actor"), "kind": "company", "aliases": [v.line(text, 150, "alias")]}],
        "sources": [source]
    });
    serde_json::from_value(value).unwrap_or_else(|e| panic!("{e} for {text:?}"))
}

/// A context whose masthead is hostile too.
pub(crate) fn hostile_context(text: &str, version: Version) -> RenderContext {
    RenderContext::new(morning())
        .masthead(
            Masthead::new(version.line(text, 200, "masthead"))
                .tagline(version.line(text, 200, "tagline")),
        )
        .links(
            LinkPolicy::default()
                .signal_pages("https://brief.example/signals/{id}.html")
                .unwrap()
                .index_page("https://brief.example/signals/")
                .unwrap(),
        )
}

/// The text a renderer shows for `text`: control characters, noncharacters and bidirectional
/// controls dropped.
fn shown(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| {
            let code = u32::from(c);
            let dropped = (c.is_control() && c != '\t' && c != '\n')
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
                || (0xFDD0..=0xFDEF).contains(&code)
                || code & 0xFFFE == 0xFFFE;
            !dropped
        })
        .collect()
}

/// `text` as the renderers show it with every visible character replaced by `x`: the same
/// lines, paragraphs and words, none of the markup.
fn plain_twin(text: &str) -> String {
    shown(text)
        .chars()
        .map(|c| if c.is_ascii_whitespace() { c } else { 'x' })
        .collect()
}

fn collapsed(text: &str) -> String {
    shown(text)
        .split_ascii_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A signal made of hostile text (or of its plain twin), its context, and the three documents
/// made of it.
struct Documents {
    signal: Signal,
    ctx: RenderContext,
    brief: Brief,
    page: SignalPage,
    index: SignalIndex,
}

impl Documents {
    fn new(text: &str, version: Version) -> Self {
        let signal = hostile_signal(text, version);
        let composer = Composer::default();
        Documents {
            ctx: hostile_context(text, version),
            brief: brief_of(std::slice::from_ref(&signal)),
            page: composer.page(&signal, None).unwrap(),
            index: composer.index(std::slice::from_ref(&signal), None).unwrap(),
            signal,
        }
    }

    /// The brief, the page and, if `with_index`, the index as `renderer` writes them.
    fn rendered<R>(&self, renderer: &R, with_index: bool) -> Vec<String>
    where
        R: Render<Brief> + Render<SignalPage> + Render<SignalIndex>,
    {
        let mut outputs = vec![
            renderer.render_to_string(&self.brief, &self.ctx).unwrap(),
            renderer.render_to_string(&self.page, &self.ctx).unwrap(),
        ];
        if with_index {
            outputs.push(renderer.render_to_string(&self.index, &self.ctx).unwrap());
        }
        outputs
    }
}

/// Each document `renderer` writes for the hostile text, beside the same document for its
/// plain twin.
fn rendered_pairs<R>(
    hostile: &Documents,
    twin: &Documents,
    renderer: &R,
    with_index: bool,
) -> Vec<(String, String)>
where
    R: Render<Brief> + Render<SignalPage> + Render<SignalIndex>,
{
    let outputs = hostile.rendered(renderer, with_index);
    outputs
        .into_iter()
        .zip(twin.rendered(renderer, with_index))
        .collect()
}

/// Renders `text` everywhere in Markdown and checks the output by parsing it.
fn assert_markdown_inert(text: &str) {
    let hostile = Documents::new(text, Version::Hostile);
    let twin = Documents::new(text, Version::Twin);
    check_markdown(text, &hostile, &twin);
}

/// Checks the Markdown of `hostile`'s documents, made of `text`, against `twin`'s.
fn check_markdown(text: &str, hostile: &Documents, twin: &Documents) {
    // Markdown: only the renderer's own structure, the same as for plain words; the thesis is
    // a heading's text, exactly; strong emphasis holds only labels and anchors.
    let outputs = rendered_pairs(hostile, twin, &MarkdownRenderer::new(), true);
    for (output, twin_output) in &outputs {
        let problems = markdown_problems(output);
        assert!(
            problems.is_empty(),
            "{problems:?} for {text:?} in\n{output}"
        );
        let without_strong = |skeleton: Vec<String>| -> Vec<String> {
            skeleton
                .into_iter()
                .filter(|tag| tag != "Strong" && tag != "/Strong")
                .collect()
        };
        assert_eq!(
            without_strong(markdown_skeleton(output)),
            without_strong(markdown_skeleton(twin_output)),
            "structure changed for {text:?}:\n{output}"
        );
        let anchors = [
            collapsed(&line(text, 40, "anchor")).to_lowercase(),
            "zqxanchor".to_owned(),
        ];
        for strong in markdown_strong(output) {
            let lower = strong.to_lowercase();
            let known = ["new", "Reasoning from this article"].contains(&strong.as_str())
                || strong == collapsed(&line(text, 200, "masthead"))
                || anchors
                    .iter()
                    .any(|a| a.contains(&lower) || lower.contains(a.as_str()));
            assert!(known, "strong {strong:?} for {text:?}");
        }
    }
    let (brief_markdown, _) = &outputs[0];
    let thesis = collapsed(hostile.signal.thesis());
    assert!(
        markdown_headings(brief_markdown).contains(&format!("1. {thesis}")),
        "thesis heading missing for {text:?}"
    );
}

/// Renders `text` everywhere in every format and checks each output by parsing it.
fn assert_inert(text: &str) {
    let hostile = Documents::new(text, Version::Hostile);
    let twin = Documents::new(text, Version::Twin);
    check_markdown(text, &hostile, &twin);

    // HTML: parses without error, only the renderer's elements and attributes, only allowed
    // link targets, the same skeleton as for plain words.
    // (The index, the same body in each variant, is checked in one variant to keep the suite
    // fast.)
    for html in [
        HtmlRenderer::page(),
        HtmlRenderer::fragment(),
        HtmlRenderer::email(),
    ] {
        let fragment = html == HtmlRenderer::fragment();
        let outputs = rendered_pairs(&hostile, &twin, &html, html == HtmlRenderer::page());
        for (output, twin_output) in &outputs {
            let parsed = parse_html(output, fragment);
            let problems = problems_in(&parsed);
            assert!(problems.is_empty(), "{problems:?} for {text:?}");
            let without_marks = |skeleton: Vec<String>| -> Vec<String> {
                skeleton
                    .into_iter()
                    .filter(|e| !e.starts_with("mark["))
                    .collect()
            };
            assert_eq!(
                without_marks(skeleton_of(&parsed)),
                without_marks(skeleton_of(&parse_html(twin_output, fragment))),
                "structure changed for {text:?}"
            );
        }
        let (page_output, _) = &outputs[1];
        let document = scraper::Html::parse_document(page_output);
        let headline =
            scraper::Selector::parse("article > header > h1, article > header > h2").unwrap();
        let shown_thesis: String = document.select(&headline).next().unwrap().text().collect();
        assert_eq!(shown_thesis, shown(hostile.signal.thesis()));
    }

    // Atom: well-formed XML with every element RFC 4287 requires; the HTML content is inert.
    let atom = AtomRenderer::new()
        .author_name(&line(text, 100, "author"))
        .render_to_string(&hostile.brief, &hostile.ctx)
        .unwrap();
    let problems = atom_problems(&atom);
    assert!(problems.is_empty(), "{problems:?} for {text:?}");
    assert!(feed_rs::parser::parse(atom.as_bytes()).is_ok());

    // JSON Feed: valid JSON whose HTML content is inert.
    let feed = JsonFeedRenderer::new()
        .render_to_string(&hostile.brief, &hostile.ctx)
        .unwrap();
    let value: Value = serde_json::from_str(&feed).unwrap();
    let content = value["items"][0]["content_html"].as_str().unwrap();
    let problems = html_problems(content, true);
    assert!(problems.is_empty(), "{problems:?} for {text:?}");
    assert_eq!(
        value["items"][0]["title"]
            .as_str()
            .map(|t| t.contains("Brief 1")),
        Some(true)
    );
}

#[test]
fn known_attack_payloads_stay_text_in_every_format() {
    let payloads = payloads();
    assert!(payloads.len() >= 60, "{} payloads", payloads.len());
    // Markdown cares where a payload starts, so each goes alone; the other formats escape
    // character by character, so payloads go three at a time to keep the suite fast.
    for payload in &payloads {
        assert_markdown_inert(payload);
    }
    for group in payloads.chunks(3) {
        assert_inert(&group.join(" "));
    }
}

#[test]
fn hostile_link_options_are_refused() {
    let brief = brief_of(&[hostile_signal("x", Version::Hostile)]);
    let ctx = RenderContext::new(morning());
    let atom_refuses = |atom: AtomRenderer| atom.render_to_string(&brief, &ctx).is_err();
    let feed_refuses = |feed: JsonFeedRenderer| feed.render_to_string(&brief, &ctx).is_err();
    /// Whether a renderer with the link option set to the URL refuses to render.
    type Refuses<'a> = &'a dyn Fn(&str) -> bool;
    let link_options: [(&str, Refuses<'_>); 3] = [
        ("atom self_url", &|url| {
            atom_refuses(AtomRenderer::new().self_url(url))
        }),
        ("json feed home_url", &|url| {
            feed_refuses(JsonFeedRenderer::new().home_url(url))
        }),
        ("atom id", &|url| atom_refuses(AtomRenderer::new().id(url))),
    ];
    for url in [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "https://a.example/\u{202E}lmth.exe",
        "//evil.example/feed",
        "https://bank.example@evil.example/",
    ] {
        for (option, refuses) in link_options {
            assert!(refuses(url), "{option} accepted {url}");
        }
    }
    assert!(atom_refuses(
        AtomRenderer::new().author_email("a@b.example\"><x")
    ));
    assert!(
        LinkPolicy::default()
            .index_page("javascript:alert(1)")
            .is_err()
    );
}

/// Strings dense in the characters markup languages care about.
pub(crate) fn markup_soup() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "([<>&\"'`=/\\\\*_\\[\\]()!#|~:.{}$^+@-]|<script>|</|javascript:|&#x?[0-9a-f]+;|\\]\\]>|<!--|-->|<!\\[CDATA\\[|https?://|www\\.|[a-zA-Z0-9 ]|\\n|\\t|\u{202E}|\u{2066}|\u{200B}|\u{0}|\u{1b}|\u{85}|\u{FFFE}){0,24}",
    )
    .expect("valid regex")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn generated_strings_stay_text_in_every_format(text in prop_oneof![markup_soup(), any::<String>()]) {
        assert_inert(&text);
    }
}
