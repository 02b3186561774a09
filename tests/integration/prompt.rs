//! The prompt kit renders deterministic, versioned instructions: snapshots of the system and
//! user messages for a sample article, with and without candidate signals.

use bellwether::Pipeline;
use bellwether::prompt::{
    ExtractionPrompt, MAX_PROMPT_CANDIDATES, PROMPT_VERSION, PromptCandidate, PromptError,
};
use chrono::{DateTime, Utc};

use crate::verdict::sample_deliveries;

fn at() -> DateTime<Utc> {
    "2026-05-27T06:00:00Z".parse().unwrap()
}

#[test]
fn the_instructions_for_an_article_without_candidates() {
    let deliveries = sample_deliveries();
    let (article, _) = &deliveries[0];
    let prompt = ExtractionPrompt::builder(article, at()).build().unwrap();
    assert_eq!(prompt.version, PROMPT_VERSION);
    insta::assert_snapshot!("system", prompt.system);
    insta::assert_snapshot!("user_without_candidates", prompt.user);
    let strict = ExtractionPrompt::builder(article, at())
        .strict_schema(true)
        .build()
        .unwrap();
    insta::assert_snapshot!("system_strict", strict.system);
    // The same input gives the same prompt, byte for byte.
    assert_eq!(
        ExtractionPrompt::builder(article, at()).build().unwrap(),
        prompt
    );
}

#[test]
fn the_pipeline_lists_the_signals_an_article_may_reinforce_or_contradict() {
    let deliveries = sample_deliveries();
    // Everything but the last article's extractions, settled; then the prompt for it.
    let (last, _) = deliveries.last().unwrap();
    let mut pipeline = Pipeline::new();
    for (article, extraction) in deliveries.iter().filter(|(a, _)| a.id() != last.id()) {
        pipeline.ingest(article, extraction, at()).unwrap();
    }
    pipeline.settle(at()).unwrap();
    let prompt = pipeline.prompt(last, at(), 3).unwrap();
    insta::assert_snapshot!("user_with_candidates", prompt.user);
    // The candidates are those the pipeline ranks first, in that order.
    let ranked = pipeline.candidates(last.text(), 3);
    assert!(!ranked.is_empty());
    let mut at_line = 0;
    for (signal, _) in &ranked {
        let line = format!("- id: {}", signal.id());
        let found = prompt.user[at_line..].find(&line).unwrap();
        at_line += found + line.len();
    }
}

#[test]
fn a_prompt_refuses_too_many_or_repeated_candidates() {
    let deliveries = sample_deliveries();
    let mut pipeline = Pipeline::new();
    for (article, extraction) in &deliveries {
        pipeline.ingest(article, extraction, at()).unwrap();
    }
    let signal = pipeline.signals().next().unwrap();
    let (article, _) = &deliveries[0];
    let twice = ExtractionPrompt::builder(article, at())
        .candidates([PromptCandidate::from(signal), PromptCandidate::from(signal)])
        .build();
    assert!(matches!(twice, Err(PromptError::DuplicateCandidate { .. })));
    let many = ExtractionPrompt::builder(article, at())
        .candidates((0..=MAX_PROMPT_CANDIDATES).map(|i| {
            let mut candidate = PromptCandidate::from(signal);
            candidate.id = bellwether::signal::SignalId::new(&format!("s{i}")).unwrap();
            candidate
        }))
        .build();
    assert!(matches!(
        many,
        Err(PromptError::TooManyCandidates { count, max }) if count == max + 1
    ));
}
