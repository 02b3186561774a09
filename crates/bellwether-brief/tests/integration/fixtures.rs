//! Signals and contexts shared by the tests.

use bellwether_brief::{Brief, Composed, Composer, DateStyle, LinkPolicy, RenderContext};
use bellwether_signal::Signal;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

/// The seed signal, exactly as the signal crate reads it.
pub(crate) fn seed() -> Signal {
    serde_json::from_str(include_str!("../../testdata/seed/signal.json")).unwrap()
}

/// The seed signal's JSON, to derive variants from.
pub(crate) fn seed_json() -> Value {
    serde_json::from_str(include_str!("../../testdata/seed/signal.json")).unwrap()
}

pub(crate) fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

/// The morning after the seed's last reinforcement.
pub(crate) fn morning() -> DateTime<Utc> {
    at("2026-05-27T07:00:00Z")
}

/// A context fixed in time and zone, with the seed page's US dates and no relative
/// phrasing.
pub(crate) fn seed_context() -> RenderContext {
    RenderContext::new(morning())
        .date_style(DateStyle::UsNumeric)
        .relative_dates(false)
}

/// [`seed_context`] with signal pages and the index at absolute URLs.
pub(crate) fn linked_context() -> RenderContext {
    seed_context().links(
        LinkPolicy::default()
            .signal_pages("https://brief.example/signals/{id}")
            .unwrap()
            .index_page("https://brief.example/signals/")
            .unwrap(),
    )
}

/// [`seed_context`] with signal pages and the index at site-relative paths.
pub(crate) fn site_linked_context() -> RenderContext {
    seed_context().links(
        LinkPolicy::default()
            .signal_pages("/signals/{id}.html")
            .unwrap()
            .index_page("/signals/")
            .unwrap(),
    )
}

/// The seed with a deep link on its first quote.
pub(crate) fn seed_with_deep_link() -> Signal {
    let mut value = seed_json();
    value["sources"][0]["quotes"][0]["deep_link"] = json!(
        "https://pacificpolicy.example/2026/05/software-layer-china-us-tech-diplomacy#:~:text=Capability%20now%20propagates"
    );
    serde_json::from_value(value).unwrap()
}

/// The brief the default composer makes of `signals` at `now`, after `previous`.
pub(crate) fn brief_at(signals: &[Signal], now: &str, previous: Option<&Brief>) -> Brief {
    match Composer::default()
        .compose(signals, previous.map(Brief::snapshot), at(now))
        .unwrap()
    {
        Composed::Brief(brief) => brief,
        Composed::Quiet(quiet) => panic!("expected a brief, got quiet: {quiet}"),
    }
}

/// The first brief the default composer makes of `signals` on the [`morning`].
pub(crate) fn brief_of(signals: &[Signal]) -> Brief {
    brief_at(signals, "2026-05-27T07:00:00Z", None)
}

/// A generated signal with `articles` sources, at `strength`, last reinforced
/// `day` days into May 2026.
pub(crate) fn signal(id: &str, strength: u8, articles: usize, day: u32) -> Signal {
    let sources: Vec<Value> = (0..articles)
        .map(|n| {
            json!({
                "id": format!("{id}-article-{n}"),
                "title": format!("Article {n} on {id}"),
                "outlet": format!("Outlet {}", n % 3),
                "url": format!("https://news.example/{id}/{n}"),
                "published": format!("2026-05-{:02}T08:00:00Z", day.min(28)),
                "quotes": [{"text": format!("Quote {n} says {id} matters."), "anchors": [id]}],
                "reasoning": [format!("Reasoning {n} about {id}.")]
            })
        })
        .collect();
    let value = json!({
        "id": id,
        "thesis": format!("Thesis of {id}"),
        "strength": strength,
        "extraction_count": articles,
        "first_seen": "2026-05-01T08:00:00Z",
        "last_reinforced": format!("2026-05-{:02}T08:00:00Z", day.min(28)),
        "tags": {"nature": ["structural"], "domains": ["economic"], "topics": ["AI"]},
        "regions": ["US"],
        "actors": [{"name": "OpenAI", "kind": "company", "aliases": []}],
        "sources": sources
    });
    serde_json::from_value(value).unwrap()
}
