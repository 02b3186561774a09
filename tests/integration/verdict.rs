//! The model's verdict: an extraction that names the signal it reinforces or contradicts joins
//! that signal; contradicting evidence lowers the strength, is explained and is shown in every
//! format; a reference to an unknown signal is ignored with its reason.

use std::path::Path;

use bellwether::brief::{
    AtomRenderer, Brief, Composed, HtmlRenderer, JsonFeedRenderer, JsonRenderer, MarkdownRenderer,
    Render, RenderContext, TextRenderer,
};
use bellwether::score::Stance;
use bellwether::signal::{Extraction, SignalId, Verdict};
use bellwether::{Article, IgnoredReason, IngestOutcome, Pipeline, VerdictOutcome};
use chrono::{DateTime, Utc};

use crate::data::{DEFAULT_DATA_DIR, load_days};

pub(crate) fn sample_deliveries() -> Vec<(Article, Extraction)> {
    let days = load_days(Path::new(DEFAULT_DATA_DIR)).unwrap();
    days.iter()
        .flat_map(|day| {
            day.extractions
                .iter()
                .map(|e| (day.article_of(e).unwrap().clone(), e.clone()))
        })
        .collect()
}

fn now() -> DateTime<Utc> {
    "2026-05-28T07:00:00Z".parse().unwrap()
}

/// The sample data ingested and settled.
fn settled(deliveries: &[(Article, Extraction)]) -> Pipeline {
    let mut pipeline = Pipeline::new();
    for (article, extraction) in deliveries {
        pipeline.ingest(article, extraction, now()).unwrap();
    }
    pipeline.settle(now()).unwrap();
    pipeline
}

/// The id of the signal whose thesis starts with `prefix`.
fn signal_starting(pipeline: &Pipeline, prefix: &str) -> SignalId {
    pipeline
        .signals()
        .find(|s| s.thesis().starts_with(prefix))
        .unwrap_or_else(|| panic!("no signal starts with {prefix:?}"))
        .id()
        .clone()
}

/// Another extraction of the article of the first delivery whose thesis starts with `source`:
/// the same quotes (so they verify), a new thesis, and `verdict`.
fn with_verdict(
    deliveries: &[(Article, Extraction)],
    source: &str,
    thesis: &str,
    verdict: &Verdict,
) -> (Article, Extraction) {
    let (article, extraction) = deliveries
        .iter()
        .find(|(_, e)| e.thesis().starts_with(source))
        .unwrap();
    let mut json = serde_json::to_value(extraction).unwrap();
    json["thesis"] = thesis.into();
    json["extracted_at"] = "2026-05-27T20:00:00Z".into();
    json["verdict"] = serde_json::to_value(verdict).unwrap();
    (article.clone(), serde_json::from_value(json).unwrap())
}

/// Extra deliveries with verdicts against the settled sample data: one contradicting the
/// export-control signal, one reinforcing the rare-earth signal from an AI-Act article (which
/// clustering alone would not put there), one naming an unknown signal.
pub(crate) fn verdict_deliveries(
    deliveries: &[(Article, Extraction)],
) -> Vec<(Article, Extraction)> {
    let pipeline = settled(deliveries);
    let chips = signal_starting(&pipeline, "US chip export controls");
    let rare_earths = signal_starting(&pipeline, "Allied rare-earth");
    vec![
        with_verdict(
            deliveries,
            "Japan's fab subsidies",
            "Chip export controls are holding back adversary AI development",
            &Verdict::Contradicts(chips),
        ),
        with_verdict(
            deliveries,
            "EU AI Act enforcement hardening",
            "Supply security now drives allied industrial policy",
            &Verdict::Reinforces(rare_earths),
        ),
        with_verdict(
            deliveries,
            "Nordic municipalities",
            "Grid strain slows data-centre growth in the Nordics",
            &Verdict::Reinforces(SignalId::new("no-such-signal-00000000").unwrap()),
        ),
    ]
}

#[test]
fn a_contradicting_extraction_lowers_strength_is_explained_and_reported() {
    let deliveries = sample_deliveries();
    let mut pipeline = settled(&deliveries);
    let chips = signal_starting(&pipeline, "US chip export controls");
    let before = pipeline.explain(&chips, now()).unwrap().unwrap();
    let (article, extraction) = &verdict_deliveries(&deliveries)[0];

    let report = pipeline.ingest(article, extraction, now()).unwrap();
    let IngestOutcome::Challenged {
        signal,
        before: strength_before,
        after,
        explanation,
    } = &report.outcome
    else {
        panic!("expected a challenge, got {:?}", report.outcome);
    };
    assert_eq!(signal, &chips);
    assert!(
        after.value() < strength_before.value(),
        "{strength_before} → {after}"
    );
    assert!(explanation.total < before.strength.total);
    // The explanation names the contradicting article.
    let against: Vec<_> = explanation
        .origins
        .iter()
        .filter(|c| c.stance == Stance::Contradicts)
        .collect();
    assert_eq!(against.len(), 1);
    assert!(
        against[0]
            .articles
            .iter()
            .any(|a| a.as_str() == article.id().as_str())
    );
    // The report says the reference was honoured, and where clustering alone would have gone.
    match &report.verdict {
        Some(VerdictOutcome::Honoured {
            verdict, signal, ..
        }) => {
            assert_eq!(verdict, extraction.verdict().unwrap());
            assert_eq!(signal, &chips);
        }
        other => panic!("expected an honoured verdict, got {other:?}"),
    }

    // The signal keeps its thesis, and shows the article as contradicting.
    let shown = pipeline.signal(&chips).unwrap();
    assert!(shown.thesis().starts_with("US chip export controls"));
    assert_eq!(shown.challenged_by(), 1);
    let source = shown
        .sources()
        .iter()
        .find(|s| s.id() == article.id())
        .unwrap();
    assert!(source.contradicts());
    // Settling again changes nothing: the reference is resolved from the whole set.
    let json = pipeline.to_json().unwrap();
    pipeline.settle(now()).unwrap();
    assert_eq!(pipeline.to_json().unwrap(), json);
}

#[test]
fn a_reference_that_disagrees_with_clustering_overrides_it_and_says_so() {
    let deliveries = sample_deliveries();
    let mut pipeline = settled(&deliveries);
    let rare_earths = signal_starting(&pipeline, "Allied rare-earth");
    let (article, extraction) = &verdict_deliveries(&deliveries)[1];
    let report = pipeline.ingest(article, extraction, now()).unwrap();
    assert!(matches!(
        report.outcome,
        IngestOutcome::Reinforced { ref signal, .. } if *signal == rare_earths
    ));
    let verdict = report.verdict.unwrap();
    assert!(verdict.overrides_clustering(), "{verdict:?}");
}

#[test]
fn a_reference_to_an_unknown_signal_is_ignored_and_clustering_decides() {
    let deliveries = sample_deliveries();
    let mut pipeline = settled(&deliveries);
    let (article, extraction) = &verdict_deliveries(&deliveries)[2];
    let report = pipeline.ingest(article, extraction, now()).unwrap();
    assert!(report.signal().is_some());
    match report.verdict {
        Some(VerdictOutcome::Ignored {
            reason: IgnoredReason::UnknownSignal { signal },
            ..
        }) => assert_eq!(signal.as_str(), "no-such-signal-00000000"),
        other => panic!("expected an ignored verdict, got {other:?}"),
    }
}

#[test]
fn a_reference_that_arrives_before_its_signal_is_honoured_once_settled() {
    let deliveries = sample_deliveries();
    let extra = verdict_deliveries(&deliveries);
    let mut early = Pipeline::new();
    // The contradiction first: its signal does not exist yet, so the reference is ignored.
    let report = early.ingest(&extra[0].0, &extra[0].1, now()).unwrap();
    assert!(matches!(
        report.verdict,
        Some(VerdictOutcome::Ignored { .. })
    ));
    for (article, extraction) in &deliveries {
        early.ingest(article, extraction, now()).unwrap();
    }
    early.settle(now()).unwrap();
    let mut late = settled(&deliveries);
    late.ingest(&extra[0].0, &extra[0].1, now()).unwrap();
    late.settle(now()).unwrap();
    assert_eq!(early.to_json().unwrap(), late.to_json().unwrap());
}

fn render_all(brief: &Brief, ctx: &RenderContext) -> Vec<(&'static str, String)> {
    vec![
        (
            "text",
            TextRenderer::new().render_to_string(brief, ctx).unwrap(),
        ),
        (
            "markdown",
            MarkdownRenderer::new()
                .render_to_string(brief, ctx)
                .unwrap(),
        ),
        (
            "html",
            HtmlRenderer::page().render_to_string(brief, ctx).unwrap(),
        ),
        (
            "email",
            HtmlRenderer::email().render_to_string(brief, ctx).unwrap(),
        ),
        (
            "json",
            JsonRenderer::new().render_to_string(brief, ctx).unwrap(),
        ),
        (
            "atom",
            AtomRenderer::new()
                .self_url("https://brief.example/atom.xml")
                .render_to_string(brief, ctx)
                .unwrap(),
        ),
        (
            "json feed",
            JsonFeedRenderer::new()
                .self_url("https://brief.example/feed.json")
                .render_to_string(brief, ctx)
                .unwrap(),
        ),
    ]
}

#[test]
fn every_format_shows_a_challenged_signal() {
    let deliveries = sample_deliveries();
    let extra = verdict_deliveries(&deliveries);
    let mut pipeline = settled(&deliveries);
    pipeline.ingest(&extra[0].0, &extra[0].1, now()).unwrap();
    let Composed::Brief(brief) = pipeline.compose(now()).unwrap() else {
        panic!("expected a brief");
    };
    let ctx = RenderContext::new(now());
    for (format, out) in render_all(&brief, &ctx) {
        let shown = match format {
            "json" => out.contains("\"challenged_by\":1"),
            _ => out.contains("challenged by 1 article"),
        };
        assert!(shown, "{format} does not show the challenge:\n{out}");
    }
    // Without a contradiction, no format mentions one.
    let mut plain = settled(&deliveries);
    let Composed::Brief(brief) = plain.compose(now()).unwrap() else {
        panic!("expected a brief");
    };
    for (format, out) in render_all(&brief, &ctx) {
        assert!(!out.contains("challenged"), "{format}");
    }
}

/// A state saved before verdicts (and before quotes showed the article's words) cannot be
/// trusted to hold only proven quotes: it is refused with a typed error and left as it was,
/// never loaded with its quotes silently kept.
#[test]
fn a_state_saved_before_verdicts_is_refused_and_left_untouched() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/state/saved-before-verdicts.json");
    let before = std::fs::read(&path).unwrap();
    match Pipeline::load(&path) {
        Err(bellwether::Error::StateOutdated { found: 2, .. }) => {}
        other => panic!("expected StateOutdated for version 2, got {other:?}"),
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
}
