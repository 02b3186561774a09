//! Composing and rendering a 1,000-signal brief, in each format (seed-sized signals:
//! about 5 KB of text each, so each format writes 5–10 MB).
//!
//! Run: `cargo bench --bench brief --features brief -- brief/`

// criterion_group! generates an undocumented public function.
#![allow(missing_docs)]

use std::hint::black_box;

use bellwether::brief::{
    AtomRenderer, Brief, Composed, Composer, HtmlRenderer, JsonFeedRenderer, JsonRenderer,
    MarkdownRenderer, Novelty, Policy, Render, RenderContext, Snapshot, TextRenderer,
};
use bellwether::signal::{Signal, Strength};
use chrono::{DateTime, Duration, Utc};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use serde_json::Value;

const SIGNALS: usize = 1_000;

/// `count` signals shaped like the seed (three sources, four reasoning paragraphs, a long
/// analysis), each with its own id, strength and dates.
fn signals(count: usize) -> Vec<Signal> {
    let seed: Value = serde_json::from_str(include_str!("../tests/data/seed/signal.json"))
        .unwrap_or_else(|err| panic!("the seed signal parses: {err}"));
    let base: DateTime<Utc> = "2026-05-01T06:00:00Z".parse().unwrap_or_default();
    (0..count)
        .map(|n| {
            let mut value = seed.clone();
            let last = base + Duration::minutes(37 * n as i64);
            value["id"] = format!("signal-{n:04}").into();
            value["thesis"] =
                format!("{} (variant {n})", seed["thesis"].as_str().unwrap_or("")).into();
            value["strength"] = (1 + n % 10).into();
            value["first_seen"] = (last - Duration::days(14)).to_rfc3339().into();
            value["last_reinforced"] = last.to_rfc3339().into();
            if let Some(sources) = value["sources"].as_array_mut() {
                for (i, source) in sources.iter_mut().enumerate() {
                    source["id"] = format!("article-{n:04}-{i}").into();
                    source["published"] = (last - Duration::days(2 - i as i64)).to_rfc3339().into();
                }
            }
            serde_json::from_value(value).unwrap_or_else(|err| panic!("signal {n}: {err}"))
        })
        .collect()
}

/// A policy that lets every signal into the brief, so each format renders 1,000 items.
fn everything() -> Composer {
    let policy = Policy::builder()
        .min_strength(Strength::new(1).unwrap_or_else(|err| panic!("{err}")))
        .novelty(Novelty::Any)
        .max_items(SIGNALS)
        .build()
        .unwrap_or_else(|err| panic!("{err}"));
    Composer::new(policy)
}

fn now() -> DateTime<Utc> {
    "2026-06-28T07:00:00Z".parse().unwrap_or_default()
}

/// The snapshot of a previous brief that showed every other signal.
fn previous(signals: &[Signal]) -> Snapshot {
    let shown: Vec<Signal> = signals.iter().step_by(2).cloned().collect();
    match everything().compose(&shown, None, now() - Duration::days(1)) {
        Ok(Composed::Brief(brief)) => brief.snapshot().clone(),
        other => panic!("expected a brief, got {other:?}"),
    }
}

fn brief(signals: &[Signal], previous: &Snapshot) -> Brief {
    match everything().compose(signals, Some(previous), now()) {
        Ok(Composed::Brief(brief)) => brief,
        other => panic!("expected a brief, got {other:?}"),
    }
}

fn bench_brief(c: &mut Criterion) {
    let signals = signals(SIGNALS);
    let previous = previous(&signals);
    let composer = everything();
    let brief = brief(&signals, &previous);
    assert_eq!(brief.items().len(), SIGNALS);
    let ctx = RenderContext::new(now());

    let mut group = c.benchmark_group("brief");
    group.sample_size(20);
    group.bench_function("compose/1000", |b| {
        b.iter(|| composer.compose(black_box(&signals), Some(black_box(&previous)), now()))
    });
    group.bench_function("compose_owned/1000", |b| {
        b.iter_batched(
            || signals.clone(),
            |owned| composer.compose_owned(owned, Some(black_box(&previous)), now()),
            BatchSize::LargeInput,
        )
    });
    group.bench_function("text/1000", |b| {
        let renderer = TextRenderer::new().width(80);
        b.iter(|| renderer.render_to_string(black_box(&brief), black_box(&ctx)))
    });
    group.bench_function("json/1000", |b| {
        let renderer = JsonRenderer::new();
        b.iter(|| renderer.render_to_string(black_box(&brief), black_box(&ctx)))
    });
    group.bench_function("markdown/1000", |b| {
        let renderer = MarkdownRenderer::new();
        b.iter(|| renderer.render_to_string(black_box(&brief), black_box(&ctx)))
    });
    for (name, renderer) in [
        ("html_page/1000", HtmlRenderer::page()),
        ("html_fragment/1000", HtmlRenderer::fragment()),
        ("html_email/1000", HtmlRenderer::email()),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| renderer.render_to_string(black_box(&brief), black_box(&ctx)))
        });
    }
    group.bench_function("atom/1000", |b| {
        let renderer = AtomRenderer::new().self_url("https://brief.example/atom.xml");
        b.iter(|| renderer.render_to_string(black_box(&brief), black_box(&ctx)))
    });
    group.bench_function("json_feed/1000", |b| {
        let renderer = JsonFeedRenderer::new().home_url("https://brief.example/");
        b.iter(|| renderer.render_to_string(black_box(&brief), black_box(&ctx)))
    });
    group.finish();
}

criterion_group!(benches, bench_brief);
criterion_main!(benches);
