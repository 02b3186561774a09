//! Grounding in the pipeline: every extraction's analysis and reasoning is checked against its
//! article, and the ingest report lists what the article does not bear out.

use std::path::Path;

use bellwether::ground::Verdict;
use bellwether::signal::Extraction;
use bellwether::{IngestOutcome, IngestReport, Paragraph, Pipeline};

use crate::data::{DEFAULT_DATA_DIR, load_days};

/// Every flagged claim of the reports: (article, paragraph, claim text).
fn flagged(reports: &[IngestReport]) -> Vec<(String, Paragraph, String)> {
    reports
        .iter()
        .flat_map(|r| {
            r.grounding.iter().flat_map(move |p| {
                p.flagged()
                    .map(move |c| (r.article.to_string(), p.paragraph, c.text.clone()))
            })
        })
        .collect()
}

#[test]
fn the_sample_analysis_is_grounded_but_for_one_implied_country() {
    let days = load_days(Path::new(DEFAULT_DATA_DIR)).unwrap();
    let mut pipeline = Pipeline::new();
    let (mut reports, mut paragraphs) = (Vec::new(), 0);
    for day in &days {
        for extraction in &day.extractions {
            let article = day.article_of(extraction).unwrap();
            paragraphs +=
                usize::from(extraction.analysis().is_some()) + extraction.reasoning().len();
            reports.push(
                pipeline
                    .ingest(article, extraction, extraction.extracted_at())
                    .unwrap(),
            );
        }
    }
    let grounded: usize = reports.iter().map(|r| r.grounding.len()).sum();
    assert_eq!(grounded, paragraphs, "every paragraph is grounded");
    let claims: usize = reports
        .iter()
        .flat_map(|r| &r.grounding)
        .map(|p| p.grounding.claims.len())
        .sum();
    assert!(
        claims >= paragraphs,
        "{claims} claims in {paragraphs} paragraphs"
    );
    assert_eq!(
        flagged(&reports),
        [(
            "fab-subsidies-operating-support".to_owned(),
            Paragraph::Reasoning(0),
            "Germany".to_owned()
        )]
    );
}

#[test]
fn an_altered_reasoning_is_flagged_in_the_report_and_a_repeat_is_not_checked_again() {
    let days = load_days(Path::new(DEFAULT_DATA_DIR)).unwrap();
    let day = days
        .iter()
        .find(|d| {
            d.extractions
                .iter()
                .any(|e| e.article_id().as_str() == "japan-mature-node-operating-aid")
        })
        .unwrap();
    let original = day
        .extractions
        .iter()
        .find(|e| e.article_id().as_str() == "japan-mature-node-operating-aid")
        .unwrap();
    let mut json = serde_json::to_value(original).unwrap();
    let reasoning = json["reasoning"][0].as_str().unwrap();
    assert!(reasoning.contains("for up to five years"));
    let altered = reasoning
        .replace("for up to five years", "for up to seven years")
        .replace(
            "METI's draft programme",
            "Minister Haruto Ishida's draft programme",
        );
    json["reasoning"][0] = altered.into();
    let extraction: Extraction = serde_json::from_value(json).unwrap();
    let article = day.article_of(&extraction).unwrap();

    let mut pipeline = Pipeline::new();
    let report = pipeline
        .ingest(article, &extraction, extraction.extracted_at())
        .unwrap();
    assert!(matches!(report.outcome, IngestOutcome::Created { .. }));
    let flagged: Vec<_> = report.grounding[0].flagged().collect();
    let texts: Vec<&str> = flagged.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, ["Minister Haruto Ishida", "seven years"]);
    assert!(matches!(flagged[0].verdict, Verdict::Unsupported { .. }));
    match &flagged[1].verdict {
        Verdict::Contradicted { evidence, .. } => {
            assert_eq!(evidence.source, 0);
            assert!(article.text()[evidence.span.clone()].eq_ignore_ascii_case("five"));
        }
        other => panic!("expected a contradiction, got {other:?}"),
    }
    // The signal's explanation counts both, in the one paragraph they share.
    let signal = report.signal().unwrap();
    let explanation = pipeline
        .explain(signal, extraction.extracted_at())
        .unwrap()
        .unwrap();
    let tally = explanation.grounding;
    assert_eq!((tally.unsupported, tally.contradicted), (1, 1));
    assert_eq!(tally.flagged_paragraphs, 1);
    assert!(
        explanation.to_string().ends_with(
            "grounding: 2 claims in 1 of 1 paragraph not found in their sources (1 contradicted)"
        ),
        "{explanation}"
    );

    let again = pipeline
        .ingest(article, &extraction, extraction.extracted_at())
        .unwrap();
    assert!(matches!(
        again.outcome,
        IngestOutcome::AlreadyIngested { .. }
    ));
    assert!(again.grounding.is_empty());
}

#[test]
fn the_signal_records_the_flagged_claims_of_each_reasoning_paragraph() {
    let days = load_days(Path::new(DEFAULT_DATA_DIR)).unwrap();
    let mut pipeline = Pipeline::new();
    for day in &days {
        for extraction in &day.extractions {
            let article = day.article_of(extraction).unwrap();
            pipeline
                .ingest(article, extraction, extraction.extracted_at())
                .unwrap();
        }
    }
    let mut recorded = Vec::new();
    for signal in pipeline.signals() {
        assert!(signal.analysis_flagged_claims().is_empty());
        for source in signal.sources() {
            for claim in source.flagged_claims() {
                assert!(source.reasoning()[claim.paragraph()].contains(claim.text()));
                recorded.push((
                    source.id().to_string(),
                    claim.text().to_owned(),
                    claim.contradicted(),
                ));
            }
        }
    }
    assert_eq!(
        recorded,
        [(
            "fab-subsidies-operating-support".to_owned(),
            "Germany".to_owned(),
            false
        )]
    );
    // The record survives a save and a load.
    let dir = std::env::temp_dir().join(format!("bellwether-grounding-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("state.json");
    pipeline.save(&path).unwrap();
    let loaded = Pipeline::load(&path).unwrap();
    let count = |p: &Pipeline| {
        p.signals()
            .flat_map(|s| s.sources())
            .map(|s| s.flagged_claims().len())
            .sum::<usize>()
    };
    assert_eq!(count(&loaded), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn each_explanation_counts_its_signals_flagged_claims() {
    let days = load_days(Path::new(DEFAULT_DATA_DIR)).unwrap();
    let mut pipeline = Pipeline::new();
    let mut now = None;
    for day in &days {
        for extraction in &day.extractions {
            let article = day.article_of(extraction).unwrap();
            now = Some(extraction.extracted_at());
            pipeline
                .ingest(article, extraction, extraction.extracted_at())
                .unwrap();
        }
    }
    let now = now.unwrap();
    let mut flagged = Vec::new();
    for signal in pipeline.signals() {
        let explanation = pipeline.explain(signal.id(), now).unwrap().unwrap();
        assert_eq!(&explanation.signal, signal.id());
        let paragraphs = usize::from(signal.analysis().is_some()) + signal.reasoning().count();
        assert_eq!(explanation.grounding.paragraphs, paragraphs);
        if explanation.grounding.flagged_claims() > 0 {
            flagged.push((
                signal.id().to_string(),
                explanation.grounding,
                explanation.to_string(),
            ));
        } else {
            assert!(
                explanation.to_string().contains("grounded in"),
                "{explanation}"
            );
        }
    }
    // The sample data's one flag ("Germany", implied by Dresden) is counted by its signal alone.
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    let (_, tally, text) = &flagged[0];
    assert_eq!(
        (
            tally.unsupported,
            tally.contradicted,
            tally.flagged_paragraphs
        ),
        (1, 0, 1)
    );
    assert!(text.contains("grounding: 1 claim in 1 of "), "{text}");
}
