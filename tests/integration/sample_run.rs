//! The bundled sample data, end to end: the seed comes out as on its page, bad quotes are
//! rejected and reported, syndication does not inflate strength, the quiet day stays quiet.

use std::path::Path;

use bellwether::brief::Composed;
use bellwether::signal::{Signal, Strength};
use bellwether::{IngestOutcome, IngestReport, Pipeline, Rejection};
use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::data::{DEFAULT_DATA_DIR, Day, load_days};

const SEED: &str = include_str!("../data/seed/signal.json");
const SEED_ARTICLES: [&str; 3] = [
    "software-layer-china-us-tech-diplomacy",
    "white-house-industrial-scale-theft",
    "the-g-2-reality",
];

fn days() -> Vec<Day> {
    load_days(Path::new(DEFAULT_DATA_DIR)).unwrap()
}

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

/// Ingests every extraction of `days` (except those for which `skip` is true), each at its
/// extraction time, and returns the reports.
fn ingest_all(
    pipeline: &mut Pipeline,
    days: &[Day],
    skip: impl Fn(&str) -> bool,
) -> Vec<IngestReport> {
    let mut reports = Vec::new();
    for day in days {
        for extraction in &day.extractions {
            if skip(extraction.article_id().as_str()) {
                continue;
            }
            let article = day.article_of(extraction).unwrap();
            reports.push(
                pipeline
                    .ingest(article, extraction, extraction.extracted_at())
                    .unwrap(),
            );
        }
    }
    reports
}

fn signal_with_article<'a>(pipeline: &'a Pipeline, article: &str) -> &'a Signal {
    pipeline
        .signals()
        .find(|s| s.sources().iter().any(|a| a.id().as_str() == article))
        .unwrap()
}

/// The parts of a signal the seed page shows: everything but the id and what the pipeline
/// adds to quotes (span, match quality, deep link).
fn page_view(signal: &Signal) -> Value {
    let mut json = serde_json::to_value(signal).unwrap();
    json.as_object_mut().unwrap().remove("id");
    for source in json["sources"].as_array_mut().unwrap() {
        for quote in source["quotes"].as_array_mut().unwrap() {
            let quote = quote.as_object_mut().unwrap();
            quote.remove("span");
            quote.remove("match_quality");
            quote.remove("deep_link");
        }
    }
    json
}

#[test]
fn seed_signal_comes_out_exactly_as_on_its_page() {
    let mut pipeline = Pipeline::new();
    ingest_all(&mut pipeline, &days(), |_| false);
    pipeline.settle(at("2026-05-26T23:59:59Z")).unwrap();

    let signal = signal_with_article(&pipeline, SEED_ARTICLES[0]);
    let seed: Signal = serde_json::from_str(SEED).unwrap();
    assert_eq!(page_view(signal), page_view(&seed));
    assert_eq!(signal.strength().to_string(), "str 8");
    assert_eq!(signal.extraction_count(), 3);
    assert_eq!(signal.article_count(), 3);

    // Every accepted quote knows where it is in its article, and links there.
    for source in signal.sources() {
        for quote in source.quotes() {
            assert!(quote.span().is_some());
            let link = quote.deep_link().unwrap().as_str();
            assert!(
                link.starts_with(source.url().unwrap().as_str()) && link.contains(":~:text="),
                "{link}"
            );
        }
    }
}

#[test]
fn seed_strength_falls_in_the_weeks_after_without_new_evidence() {
    let mut pipeline = Pipeline::new();
    let days: Vec<Day> = days()
        .into_iter()
        .filter(|d| d.date.to_string().as_str() <= "2026-05-26")
        .collect();
    ingest_all(&mut pipeline, &days, |_| false);
    let mut last = Strength::MAX;
    let mut strengths = Vec::new();
    for day in [
        "2026-05-26T23:00:00Z",
        "2026-06-09T12:00:00Z",
        "2026-06-23T12:00:00Z",
        "2026-07-21T12:00:00Z",
    ] {
        pipeline.settle(at(day)).unwrap();
        let strength = signal_with_article(&pipeline, SEED_ARTICLES[0]).strength();
        assert!(strength <= last);
        last = strength;
        strengths.push(strength.value());
    }
    assert_eq!(strengths[0], 8);
    assert!(strengths[3] < 8, "{strengths:?}");
}

#[test]
fn fabricated_and_misquoted_quotes_are_rejected_and_reported() {
    let mut pipeline = Pipeline::new();
    let reports = ingest_all(&mut pipeline, &days(), |_| false);
    let rejected: Vec<_> = reports
        .iter()
        .flat_map(|r| r.rejected.iter().map(move |q| (r, q)))
        .collect();
    assert_eq!(rejected.len(), 2, "{rejected:#?}");

    let (misquote_report, misquote) = rejected
        .iter()
        .find(|(_, q)| matches!(q.reason, Rejection::Misquoted { .. }))
        .unwrap();
    assert_eq!(
        misquote_report.article.as_str(),
        "ai-office-second-round-requests"
    );
    assert!(matches!(
        misquote_report.outcome,
        IngestOutcome::Reinforced { .. }
    ));
    assert!(misquote.message.contains("misquoted"));

    let (fabricated_report, fabricated) = rejected
        .iter()
        .find(|(_, q)| matches!(q.reason, Rejection::NotFound { .. }))
        .unwrap();
    assert_eq!(
        fabricated_report.article.as_str(),
        "regtech-chatter-ai-act-fines-imminent"
    );
    assert_eq!(fabricated_report.outcome, IngestOutcome::NoQuoteAccepted);
    assert!(fabricated.message.contains("is not in the text"));

    // Neither quote reached any signal.
    for signal in pipeline.signals() {
        for quote in signal.sources().iter().flat_map(|s| s.quotes()) {
            assert_ne!(quote.text(), misquote.text);
            assert_ne!(quote.text(), fabricated.text);
        }
    }
}

#[test]
fn a_syndicated_copy_does_not_inflate_strength() {
    let now = at("2026-05-27T23:00:00Z");
    let mut with_copy = Pipeline::new();
    ingest_all(&mut with_copy, &days(), |_| false);
    with_copy.settle(now).unwrap();
    let mut without_copy = Pipeline::new();
    ingest_all(&mut without_copy, &days(), |id| {
        id.starts_with("coastal-courier")
    });
    without_copy.settle(now).unwrap();

    let probe = "southern-cross-kanto-magnet-offtake";
    let a = signal_with_article(&with_copy, probe);
    let b = signal_with_article(&without_copy, probe);
    assert_eq!(
        a.article_count(),
        b.article_count() + 1,
        "the copy is still listed as a source"
    );
    assert_eq!(a.strength(), b.strength());
}

#[test]
fn the_quiet_day_yields_no_brief_and_says_why() {
    let mut pipeline = Pipeline::new();
    let mut outcomes = Vec::new();
    for day in days() {
        ingest_all(&mut pipeline, std::slice::from_ref(&day), |_| false);
        let morning: DateTime<Utc> = day
            .date
            .succ_opt()
            .unwrap()
            .and_hms_opt(7, 0, 0)
            .unwrap()
            .and_utc();
        let composed = pipeline.compose(morning).unwrap();
        if let Composed::Brief(brief) = &composed {
            pipeline.record_delivery(brief).unwrap();
        }
        outcomes.push((day.date.to_string(), composed));
    }
    for (date, outcome) in &outcomes {
        match outcome {
            Composed::Quiet(quiet) => {
                assert_eq!(date, "2026-05-22", "only the quiet day is quiet");
                let why = quiet.to_string();
                assert!(why.contains("below strength"), "{why}");
                assert!(why.contains("unchanged since the last brief"), "{why}");
            }
            Composed::Brief(brief) => assert!(!brief.items().is_empty()),
        }
    }
    assert!(
        outcomes
            .iter()
            .any(|(d, o)| d == "2026-05-22" && matches!(o, Composed::Quiet(_)))
    );
}

/// A data directory with one day whose article's `text_file` is `text_file`, and a secret
/// file beside (outside) the directory.
fn hostile_data_dir(name: &str, text_file: &str) -> std::path::PathBuf {
    let root =
        std::env::temp_dir().join(format!("bellwether-hostile-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let data = root.join("data");
    std::fs::create_dir_all(data.join("days")).unwrap();
    std::fs::create_dir_all(data.join("articles")).unwrap();
    std::fs::write(root.join("secret.txt"), "Officials said the secret is out.").unwrap();
    let day = format!(
        r#"{{"date": "2026-05-12", "articles": [{{"id": "a1", "outlet": "Wire", "title": "T",
            "url": null, "published": "2026-05-12T09:30:00Z", "reliability": null,
            "text_file": {text_file:?}}}], "extractions": []}}"#
    );
    std::fs::write(data.join("days/2026-05-12.json"), day).unwrap();
    data
}

#[test]
fn the_loader_refuses_a_text_file_outside_the_data_directory() {
    for (name, text_file) in [
        ("dotdot", "../secret.txt"),
        ("inner-dotdot", "articles/../../secret.txt"),
        ("absolute", "/etc/hostname"),
    ] {
        let data = hostile_data_dir(name, text_file);
        let error = load_days(&data).unwrap_err().to_string();
        assert!(
            error.contains("inside the data directory"),
            "{name}: {error}"
        );
    }
    #[cfg(unix)]
    {
        let data = hostile_data_dir("symlink", "articles/link.txt");
        std::os::unix::fs::symlink(data.join("../secret.txt"), data.join("articles/link.txt"))
            .unwrap();
        let error = load_days(&data).unwrap_err().to_string();
        assert!(error.contains("outside the data directory"), "{error}");
    }
    // A plain relative path inside the directory loads.
    let data = hostile_data_dir("plain", "articles/a1.txt");
    std::fs::write(data.join("articles/a1.txt"), "Officials said it is fine.").unwrap();
    assert_eq!(load_days(&data).unwrap()[0].articles.len(), 1);
}
