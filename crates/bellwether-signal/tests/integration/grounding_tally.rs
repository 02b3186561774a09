//! The grounding tally counts what the grounding check flagged, paragraph by paragraph.

use bellwether_signal::{
    ArticleId, FlaggedClaim, GroundingTally, Signal, SignalId, SourceArticle, Strength,
};
use proptest::prelude::*;

fn source(id: &str, reasoning: usize, flagged: &[(usize, bool)]) -> SourceArticle {
    let mut source = SourceArticle::new(
        ArticleId::new(id).unwrap(),
        "A title",
        "An outlet",
        "2026-05-26T14:05:00Z".parse().unwrap(),
    )
    .unwrap();
    for i in 0..reasoning {
        source = source
            .with_reasoning(&format!("Reasoning paragraph {i}."))
            .unwrap();
    }
    for &(paragraph, contradicted) in flagged {
        let claim = FlaggedClaim::new(paragraph, "3 plants", contradicted, "the article gives two")
            .unwrap();
        source = source.with_flagged_claim(claim).unwrap();
    }
    source
}

fn signal(analysis_flags: &[bool], sources: Vec<SourceArticle>) -> Signal {
    let mut builder = Signal::builder(
        SignalId::new("s").unwrap(),
        "Hardware denial compresses adversary innovation timelines",
        Strength::new(5).unwrap(),
    )
    .analysis("An analysis naming Ada Lovelace and 40%.");
    for &contradicted in analysis_flags {
        builder = builder.analysis_flagged_claim(
            FlaggedClaim::new(0, "40%", contradicted, "no such figure").unwrap(),
        );
    }
    builder.sources(sources).build().unwrap()
}

#[test]
fn a_signal_without_flags_is_grounded_in_every_paragraph() {
    let tally = GroundingTally::of(&signal(&[], vec![source("a", 2, &[]), source("b", 1, &[])]));
    assert_eq!(tally.paragraphs, 4);
    assert_eq!((tally.flagged_paragraphs, tally.flagged_claims()), (0, 0));
    assert_eq!(
        tally.to_string(),
        "all 4 paragraphs grounded in their sources"
    );
}

#[test]
fn flags_are_counted_by_claim_and_by_paragraph() {
    let tally = GroundingTally::of(&signal(
        &[false],
        vec![
            source("a", 3, &[(1, true), (1, false)]),
            source("b", 2, &[(0, false)]),
        ],
    ));
    assert_eq!(tally.paragraphs, 6);
    // The analysis, paragraph 1 of `a` (two claims) and paragraph 0 of `b`.
    assert_eq!(tally.flagged_paragraphs, 3);
    assert_eq!((tally.unsupported, tally.contradicted), (3, 1));
    assert_eq!(
        tally.to_string(),
        "4 claims in 3 of 6 paragraphs not found in their sources (1 contradicted)"
    );
}

#[test]
fn one_unsupported_claim_reads_in_the_singular() {
    let tally = GroundingTally::of(&signal(&[false], vec![source("a", 0, &[])]));
    assert_eq!(
        tally.to_string(),
        "1 claim in 1 of 1 paragraph not found in their sources"
    );
}

proptest! {
    /// Every flagged claim is counted once, as unsupported or contradicted, and no more
    /// paragraphs are flagged than there are.
    #[test]
    fn every_flag_counts_once(
        analysis_flags in prop::collection::vec(any::<bool>(), 0..4),
        sources in prop::collection::vec(
            (1usize..5).prop_flat_map(|n| (Just(n), prop::collection::vec((0..n, any::<bool>()), 0..6))),
            1..5,
        ),
    ) {
        let built: Vec<SourceArticle> = sources
            .iter()
            .enumerate()
            .map(|(i, (n, flags))| source(&format!("a{i}"), *n, flags))
            .collect();
        let tally = GroundingTally::of(&signal(&analysis_flags, built));
        let claims = analysis_flags.len() + sources.iter().map(|(_, f)| f.len()).sum::<usize>();
        let contradicted = analysis_flags.iter().filter(|c| **c).count()
            + sources.iter().flat_map(|(_, f)| f).filter(|(_, c)| *c).count();
        prop_assert_eq!(tally.flagged_claims(), claims);
        prop_assert_eq!(tally.contradicted, contradicted);
        prop_assert_eq!(tally.paragraphs, 1 + sources.iter().map(|(n, _)| n).sum::<usize>());
        prop_assert!(tally.flagged_paragraphs <= tally.paragraphs);
        prop_assert_eq!(tally.flagged_paragraphs == 0, claims == 0);
    }
}
