//! The replay example's round trip, checked: prompt → recorded response → ingest → brief.

use bellwether::brief::{Composed, Render, RenderContext, TextRenderer};
use bellwether::{IngestOutcome, VerdictOutcome};

#[path = "../../examples/replay_model_responses/replay.rs"]
mod recorded;

#[test]
fn recorded_responses_replay_through_prompt_ingest_and_brief() {
    let now = "2026-05-28T07:00:00Z".parse().unwrap();
    let (mut pipeline, steps) = recorded::replay(now).unwrap();
    assert_eq!(steps.len(), 3);
    assert!(steps[0].file.ends_with("01-chip-controls-bite.txt"));

    // The contradiction: every quote found, the reference honoured, the signal weakened.
    let first = steps[0].outcome.as_ref().unwrap();
    assert_eq!((first.accepted.len(), first.rejected.len()), (3, 0));
    let IngestOutcome::Challenged {
        before,
        after,
        signal,
        ..
    } = &first.outcome
    else {
        panic!("{:?}", first.outcome);
    };
    assert!(after < before);
    assert!(matches!(
        &first.verdict,
        Some(VerdictOutcome::Honoured { .. })
    ));
    // The prompt listed the signal the response names.
    assert!(steps[0].prompt.user.contains(&format!("- id: {signal}")));

    // The reinforcement keeps its two real quotes and drops the fabricated one.
    let second = steps[1].outcome.as_ref().unwrap();
    assert_eq!((second.accepted.len(), second.rejected.len()), (2, 1));
    assert!(matches!(second.outcome, IngestOutcome::Reinforced { .. }));

    // The malformed response costs only itself, with a reason.
    let third = steps[2].outcome.as_ref().unwrap_err();
    assert!(third.contains("strength 11"), "{third}");

    let Composed::Brief(brief) = pipeline.compose(now).unwrap() else {
        panic!("expected a brief");
    };
    let text = TextRenderer::new()
        .width(100)
        .render_to_string(&brief, &RenderContext::new(now))
        .unwrap();
    assert!(text.contains("challenged by 1 article"), "{text}");
    assert!(text.contains("contradicts the thesis"));
}
