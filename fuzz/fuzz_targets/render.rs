//! Every renderer on arbitrary signals.
//!
//! The fuzz input is decoded (`arbitrary`) into one to three signals whose every text field —
//! thesis, analysis, tags, actor names and aliases, titles, outlets, quotes, anchors, reasoning,
//! URLs — is fuzzer-chosen, plus render options and a masthead. Each signal goes through the
//! model's own validation (deserialization); whatever is accepted is composed into a brief, an
//! index and a page, and rendered as text, JSON, Markdown, HTML (page, fragment, email), Atom and
//! JSON Feed. Rendering returns output or a typed error, never panics, and every output passes
//! the markup rules of `tests/integration/markup.rs`: it parses, holds no injected element,
//! attribute, raw HTML, image or processing instruction, and links only to the signals' own
//! source hosts and the configured site.

#![no_main]

use arbitrary::Arbitrary;
use bellwether::brief::{
    AtomRenderer, Brief, Composed, Composer, DateStyle, HtmlRenderer, JsonFeedRenderer,
    JsonRenderer, LinkPolicy, MarkdownRenderer, Masthead, Novelty, Policy, Render, RenderContext,
    TextRenderer, Zone,
};
use bellwether::signal::{Signal, Strength};
use bellwether_fuzz::markup;
use chrono::{DateTime, Duration, FixedOffset, Utc};
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

const SITE_HOST: &str = "brief.example";

#[derive(Debug, Arbitrary)]
struct Input {
    signals: Vec<SignalInput>,
    masthead: String,
    tagline: Option<String>,
    width: u8,
    heading_level: u8,
    zone_minutes: i16,
    date_style: u8,
    relative_dates: bool,
    links: bool,
    deep_links: bool,
    pretty: bool,
    previous: bool,
}

#[derive(Debug, Arbitrary)]
struct SignalInput {
    id: String,
    thesis: String,
    analysis: Option<String>,
    strength: u8,
    extra_extractions: u8,
    nature: Vec<u8>,
    domains: Vec<u8>,
    topics: Vec<String>,
    regions: Vec<u8>,
    actors: Vec<ActorInput>,
    sources: Vec<SourceInput>,
}

#[derive(Debug, Arbitrary)]
struct ActorInput {
    name: String,
    kind: u8,
    aliases: Vec<String>,
}

#[derive(Debug, Arbitrary)]
struct SourceInput {
    id: String,
    title: String,
    outlet: String,
    url: Option<String>,
    hours: u16,
    reliability: Option<u8>,
    quotes: Vec<QuoteInput>,
    reasoning: Vec<String>,
}

#[derive(Debug, Arbitrary)]
struct QuoteInput {
    text: String,
    /// Anchors cut from the quote at these char positions, so most are valid.
    cuts: Vec<(u8, u8)>,
    /// An anchor as the fuzzer wrote it, kept when the model accepts it.
    free_anchor: Option<String>,
    deep_link: Option<String>,
    span: Option<(u16, u16)>,
}

const NATURES: &[&str] = &["structural", "cyclical", "emerging", "event", "secular"];
const DOMAINS: &[&str] = &[
    "regulatory",
    "technological",
    "economic",
    "geopolitical",
    "security",
    "social",
    "environmental",
    "legal",
    "financial",
    "political",
    "health",
    "scientific",
];
const REGIONS: &[&str] = &[
    "US", "CN", "EU", "GB", "DE", "JP", "KR", "TW", "RU", "IN", "BR", "FR",
];
const KINDS: &[&str] = &[
    "government_body",
    "company",
    "organisation",
    "person",
    "country",
    "other",
];
const GRADES: &[&str] = &["A", "B", "C", "D", "E", "F"];

/// The fuzzer's text with what the model rejects outright (control characters, blank values)
/// removed, so that most inputs reach the renderers; everything else — markup, entities,
/// brackets, bidi controls, zero-width characters — is kept.
fn text(value: &str, multiline: bool, fallback: &str) -> String {
    let kept: String = value
        .chars()
        .filter(|&c| !c.is_control() || (multiline && c == '\n'))
        .take(400)
        .collect();
    if kept.trim().is_empty() {
        fallback.to_owned()
    } else {
        kept
    }
}

/// An identifier the model accepts, made from the fuzzer's text.
fn identifier(value: &str, index: usize) -> String {
    let kept: String = value
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_.:/".contains(c) {
                c
            } else {
                '-'
            }
        })
        .take(60)
        .collect();
    format!("{kept}{index}")
}

fn pick<'a>(table: &[&'a str], index: u8) -> &'a str {
    table[usize::from(index) % table.len()]
}

fn quote_json(input: &QuoteInput) -> Value {
    let quote = text(&input.text, false, "a quoted sentence");
    let chars: Vec<char> = quote.chars().collect();
    let mut anchors: Vec<String> = Vec::new();
    for &(a, b) in input.cuts.iter().take(4) {
        let (a, b) = (usize::from(a) % chars.len(), usize::from(b) % chars.len());
        let (start, end) = (a.min(b), a.max(b) + 1);
        let anchor: String = chars[start..end].iter().collect();
        if !anchor.trim().is_empty() && !anchors.contains(&anchor) {
            anchors.push(anchor);
        }
    }
    if let Some(free) = &input.free_anchor {
        let free = text(free, false, "");
        if !free.trim().is_empty() && !anchors.contains(&free) {
            anchors.push(free);
        }
    }
    if anchors.is_empty() {
        anchors.push(quote.clone());
    }
    let mut value = json!({ "text": quote, "anchors": anchors });
    if let Some(link) = &input.deep_link {
        value["deep_link"] = json!(link);
    }
    if let Some((start, end)) = input.span {
        let (start, end) = (start.min(end), start.max(end));
        value["span"] = json!({ "start": start, "end": end });
        value["match_quality"] = json!({ "method": "exact", "score": 1.0 });
    }
    value
}

fn signal_json(input: &SignalInput, index: usize, base: DateTime<Utc>) -> Option<Value> {
    let sources: Vec<Value> = input
        .sources
        .iter()
        .take(4)
        .enumerate()
        .map(|(i, s)| {
            let mut source = json!({
                "id": identifier(&s.id, i),
                "title": text(&s.title, false, "A title"),
                "outlet": text(&s.outlet, false, "An outlet"),
                "published": base + Duration::hours(i64::from(s.hours % 2000)),
                "quotes": s.quotes.iter().take(3).map(quote_json).collect::<Vec<_>>(),
                "reasoning": s.reasoning.iter().take(2)
                    .map(|r| text(r, true, "Because.")).collect::<Vec<_>>(),
            });
            if let Some(url) = &s.url {
                source["url"] = json!(url);
            }
            if let Some(grade) = s.reliability {
                source["reliability"] = json!(pick(GRADES, grade));
            }
            source
        })
        .collect();
    let published: Vec<DateTime<Utc>> = sources
        .iter()
        .filter_map(|s| serde_json::from_value(s["published"].clone()).ok())
        .collect();
    let first = *published.iter().min()?;
    let last = *published.iter().max()?;
    let mut nature: Vec<&str> = input
        .nature
        .iter()
        .take(3)
        .map(|&n| pick(NATURES, n))
        .collect();
    nature.dedup();
    let mut domains: Vec<&str> = input
        .domains
        .iter()
        .take(3)
        .map(|&d| pick(DOMAINS, d))
        .collect();
    domains.dedup();
    let mut regions: Vec<&str> = input
        .regions
        .iter()
        .take(4)
        .map(|&r| pick(REGIONS, r))
        .collect();
    regions.sort_unstable();
    regions.dedup();
    let mut value = json!({
        "id": identifier(&input.id, index),
        "thesis": text(&input.thesis, false, "A thesis"),
        "strength": 1 + input.strength % 10,
        "extraction_count": sources.len() + usize::from(input.extra_extractions % 4),
        "first_seen": first,
        "last_reinforced": last,
        "tags": {
            "nature": nature,
            "domains": domains,
            "topics": input.topics.iter().take(3)
                .map(|t| text(t, false, "topic")).collect::<Vec<_>>(),
        },
        "regions": regions,
        "actors": input.actors.iter().take(4).map(|a| json!({
            "name": text(&a.name, false, "Someone"),
            "kind": pick(KINDS, a.kind),
            "aliases": a.aliases.iter().take(2)
                .map(|x| text(x, false, "alias")).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "sources": sources,
    });
    if let Some(analysis) = &input.analysis {
        value["analysis"] = json!(text(analysis, true, "An analysis."));
    }
    Some(value)
}

/// Hosts a rendered link may point to: the site's own pages and the signals' sources.
fn expected_hosts(signals: &[Signal]) -> Vec<String> {
    let mut hosts = vec![SITE_HOST.to_owned()];
    for signal in signals {
        for source in signal.sources() {
            let urls = source
                .url()
                .into_iter()
                .chain(source.quotes().iter().filter_map(|q| q.deep_link()));
            hosts.extend(urls.filter_map(|u| markup::link_host(u.as_str())));
        }
    }
    hosts
}

fn assert_clean(format: &str, violations: Vec<String>, output: &str) {
    assert!(
        violations.is_empty(),
        "{format} output breaks the rules: {violations:#?}\n{output}"
    );
}

/// Renders with `renderer` and checks the output, or accepts a typed error.
fn check<D: ?Sized, R: Render<D>>(
    renderer: &R,
    doc: &D,
    ctx: &RenderContext,
    format: &str,
    rules: impl Fn(&str) -> Vec<String>,
) {
    match renderer.render_to_string(doc, ctx) {
        Ok(output) => assert_clean(format, rules(&output), &output),
        Err(error) => {
            let _ = error.to_string();
        }
    }
}

fn render_all(brief: Option<&Brief>, signals: &[Signal], input: &Input, ctx: &RenderContext) {
    let hosts = expected_hosts(signals);
    let hosts = hosts.as_slice();
    let width = 20 + usize::from(input.width);
    let level = 1 + input.heading_level % 4;
    let text = TextRenderer::new().width(width);
    let json = JsonRenderer::new().pretty(input.pretty);
    let markdown = MarkdownRenderer::new().heading_level(level);
    let html = [
        (HtmlRenderer::page(), false),
        (HtmlRenderer::fragment().heading_level(level), true),
        (HtmlRenderer::email(), false),
    ];
    let composer = Composer::new(Policy::default());

    if let Some(brief) = brief {
        check(&text, brief, ctx, "text", markup::text_violations);
        check(&json, brief, ctx, "json", markup::json_violations);
        check(&markdown, brief, ctx, "markdown", |o| {
            markup::markdown_violations(o, hosts)
        });
        for (renderer, fragment) in &html {
            check(renderer, brief, ctx, "html", |o| {
                markup::html_violations(o, *fragment, hosts)
            });
        }
        let atom = AtomRenderer::new().self_url("https://brief.example/atom.xml");
        check(&atom, brief, ctx, "atom", |o| {
            markup::atom_violations(o, hosts)
        });
        let feed = JsonFeedRenderer::new().pretty(input.pretty);
        check(&feed, brief, ctx, "json feed", |o| {
            markup::json_feed_violations(o, hosts)
        });
        let many = [brief.clone(), brief.clone()];
        check(&atom, &many[..], ctx, "atom", |o| {
            markup::atom_violations(o, hosts)
        });
        check(&feed, &many[..], ctx, "json feed", |o| {
            markup::json_feed_violations(o, hosts)
        });
    }
    if let Ok(index) = composer.index(signals, None) {
        check(&text, &index, ctx, "text", markup::text_violations);
        check(&json, &index, ctx, "json", markup::json_violations);
        check(&markdown, &index, ctx, "markdown", |o| {
            markup::markdown_violations(o, hosts)
        });
        for (renderer, fragment) in &html {
            check(renderer, &index, ctx, "html", |o| {
                markup::html_violations(o, *fragment, hosts)
            });
        }
    }
    for signal in signals {
        if let Ok(page) = composer.page(signal, None) {
            check(&text, &page, ctx, "text", markup::text_violations);
            check(&json, &page, ctx, "json", markup::json_violations);
            check(&markdown, &page, ctx, "markdown", |o| {
                markup::markdown_violations(o, hosts)
            });
            for (renderer, fragment) in &html {
                check(renderer, &page, ctx, "html", |o| {
                    markup::html_violations(o, *fragment, hosts)
                });
            }
        }
    }
}

fuzz_target!(|input: Input| {
    let base: DateTime<Utc> = "2026-05-01T00:00:00Z".parse().unwrap_or_default();
    let signals: Vec<Signal> = input
        .signals
        .iter()
        .take(3)
        .enumerate()
        .filter_map(|(i, s)| signal_json(s, i, base))
        .filter_map(|value| serde_json::from_value(value).ok())
        .collect();
    if signals.is_empty() {
        return;
    }
    let now = signals
        .iter()
        .map(Signal::last_reinforced)
        .max()
        .unwrap_or(base)
        + Duration::hours(6);

    let zone = FixedOffset::east_opt(i32::from(input.zone_minutes % (14 * 60)) * 60)
        .map_or(Zone::Utc, Zone::Fixed);
    let date_style = match input.date_style % 3 {
        0 => DateStyle::Iso,
        1 => DateStyle::DayMonthYear,
        _ => DateStyle::UsNumeric,
    };
    let Ok(links) = LinkPolicy::default()
        .links(input.links)
        .deep_links(input.deep_links)
        .signal_pages("https://brief.example/signals/{id}.html")
        .and_then(|l| l.index_page("https://brief.example/signals/"))
    else {
        panic!("the site's own page templates are rejected");
    };
    let mut masthead = Masthead::new(input.masthead.clone());
    if let Some(tagline) = &input.tagline {
        masthead = masthead.tagline(tagline.clone());
    }
    let ctx = RenderContext::new(now)
        .zone(zone)
        .date_style(date_style)
        .relative_dates(input.relative_dates)
        .links(links)
        .masthead(masthead);

    let Ok(min) = Strength::new(1) else { return };
    let policy = Policy::builder()
        .min_strength(min)
        .novelty(Novelty::Any)
        .build();
    let Ok(policy) = policy else { return };
    let composer = Composer::new(policy);
    let previous = if input.previous {
        composer
            .compose(&signals[..1], None, now - Duration::days(1))
            .ok()
            .and_then(|c| c.snapshot().cloned())
    } else {
        None
    };
    match composer.compose(&signals, previous.as_ref(), now) {
        Ok(Composed::Brief(brief)) => render_all(Some(&brief), &signals, &input, &ctx),
        Ok(Composed::Quiet(quiet)) => {
            let json = JsonRenderer::new().render_to_string(&quiet, &ctx);
            if let Ok(json) = json {
                assert_clean("json", markup::json_violations(&json), &json);
            }
            render_all(None, &signals, &input, &ctx);
        }
        Err(error) => {
            let _ = error.to_string();
        }
    }
});
