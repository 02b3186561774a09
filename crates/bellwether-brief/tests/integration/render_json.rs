//! JSON rendering: the seed in snapshots, the schema version, and round trips.

use bellwether_brief::{
    Composed, Composer, JSON_SCHEMA, JsonRenderer, LinkPolicy, Render, RenderContext,
};
use bellwether_signal::Signal;
use serde_json::Value;

use crate::fixtures::{morning, seed, seed_context, signal};

fn linked_context() -> RenderContext {
    seed_context().links(
        LinkPolicy::default()
            .signal_pages("/signals/{id}.html")
            .unwrap(),
    )
}

#[test]
fn seed_brief_as_json() {
    let Composed::Brief(brief) = Composer::default()
        .compose(&[seed(), signal("weak", 2, 1, 3)], None, morning())
        .unwrap()
    else {
        panic!("the seed is news")
    };
    let json = JsonRenderer::new()
        .pretty(true)
        .render_to_string(&brief, &linked_context())
        .unwrap();
    insta::assert_snapshot!("seed_brief_json", json);

    let value: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["schema_version"], JSON_SCHEMA);
    assert_eq!(value["kind"], "brief");
    assert_eq!(
        value["items"][0]["page_url"],
        "/signals/us-chip-export-controls-adversary-ai-self-sufficiency.html"
    );
    // The signal inside is the signal model's own JSON: it reads back unchanged.
    let back: Signal = serde_json::from_value(value["items"][0]["signal"].clone()).unwrap();
    assert_eq!(back, seed());
}

#[test]
fn quiet_outcome_as_json() {
    let Composed::Quiet(quiet) = Composer::default()
        .compose(&[signal("weak", 2, 1, 3)], None, morning())
        .unwrap()
    else {
        panic!("a weak signal is not news")
    };
    let json = JsonRenderer::new()
        .pretty(true)
        .render_to_string(&quiet, &seed_context())
        .unwrap();
    insta::assert_snapshot!("quiet_json", json);
    let value: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["summary"], "1 signal below strength 6");
    assert_eq!(value["reasons"][0]["kind"], "below_strength");
}

#[test]
fn index_and_page_as_json() {
    let index = Composer::default()
        .index(&[seed(), signal("weak", 2, 1, 3)], None)
        .unwrap();
    let json = JsonRenderer::new()
        .pretty(true)
        .render_to_string(&index, &linked_context())
        .unwrap();
    insta::assert_snapshot!("seed_index_json", json);

    let page = Composer::default().page(&seed(), None).unwrap();
    let compact = JsonRenderer::new()
        .render_to_string(&page, &seed_context())
        .unwrap();
    assert!(compact.starts_with(r#"{"schema_version":1,"kind":"signal","badge":"new","change":{"kind":"new"},"signal":{"#), "{compact}");
    assert_eq!(compact.lines().count(), 1);
}
