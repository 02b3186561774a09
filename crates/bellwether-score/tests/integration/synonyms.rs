//! Synonym induction: what a collection teaches the clusterer, in batch and incrementally, and
//! how it is saved.

use bellwether_score::{ClusterConfig, ClusterError, ExtractionFeatures, SignalClusters};
use proptest::prelude::*;

use crate::stream::{StreamShape, generate};

const MEDIUM: StreamShape = StreamShape {
    claims: 120,
    sibling_rate: 0.35,
    mean_extra: 3.0,
};

fn medium_stream(seed: u64) -> Vec<ExtractionFeatures> {
    generate(seed, &MEDIUM)
        .into_iter()
        .map(|l| l.features)
        .collect()
}

#[test]
fn generated_streams_teach_synonyms_with_their_evidence() {
    let clusters = SignalClusters::batch(ClusterConfig::default(), medium_stream(21)).unwrap();
    let learned = clusters.learned_synonyms();
    assert!(!learned.is_empty());
    for synonym in &learned {
        assert!(synonym.contexts >= 2, "{synonym:?}");
        let rival = synonym.runner_up.as_ref().map_or(0, |(_, n)| *n);
        assert!(synonym.contexts >= 2 * rival, "{synonym:?}");
        assert!(
            synonym.theses as usize >= synonym.contexts / 2,
            "{synonym:?}"
        );
    }
    let read = clusters
        .signals()
        .flat_map(|signal| clusters.members(signal).unwrap())
        .filter(|m| !clusters.readings_of(&m.extraction_id).unwrap().is_empty())
        .count();
    assert!(read > 0, "some theses are read with a learned synonym");
}

#[test]
fn batch_state_round_trips_with_its_readings() {
    let clusters = SignalClusters::batch(ClusterConfig::default(), medium_stream(22)).unwrap();
    let json = serde_json::to_string(&clusters).unwrap();
    assert!(json.contains("\"read_as\""), "readings are saved");
    let restored: SignalClusters = serde_json::from_str(&json).unwrap();
    assert_eq!(restored.learned_synonyms(), clusters.learned_synonyms());
    for signal in clusters.signals() {
        for member in clusters.members(signal).unwrap() {
            assert_eq!(
                restored.readings_of(&member.extraction_id),
                clusters.readings_of(&member.extraction_id)
            );
        }
    }
    assert_eq!(serde_json::to_string(&restored).unwrap(), json);
    // Later assignments go the same way with or without the restore.
    let mut continued = clusters;
    let mut restored = restored;
    for (i, mut features) in medium_stream(23).into_iter().take(60).enumerate() {
        features.extraction_id = format!("later-{i}");
        assert_eq!(
            continued.assign(features.clone()).unwrap(),
            restored.assign(features).unwrap()
        );
    }
}

#[test]
fn rejects_saved_reading_that_does_not_apply_to_its_thesis() {
    let extractions = vec![
        ExtractionFeatures::new(
            "x1",
            "a1",
            "Export controls on drones spur Chinese self-sufficiency",
        )
        .with_regions(["US", "CN"]),
    ];
    let clusters = SignalClusters::batch(ClusterConfig::default(), extractions).unwrap();
    let mut state: serde_json::Value = serde_json::to_value(&clusters).unwrap();
    state["extractions"][0]["read_as"] = serde_json::json!([["quadcopt", "drones"]]);
    let error = serde_json::from_value::<SignalClusters>(state.clone()).unwrap_err();
    assert!(
        error.to_string().contains("saved reading of \"quadcopt\""),
        "{error}"
    );
    // A real word of the thesis, but the lexicon already fills its role.
    state["extractions"][0]["read_as"] = serde_json::json!([["spur", "chips"]]);
    assert!(serde_json::from_value::<SignalClusters>(state).is_err());
    let direct = ClusterError::InvalidReading {
        extraction_id: "x1".into(),
        word: "quadcopt".into(),
        concept: "drones".into(),
    };
    assert!(direct.to_string().starts_with("saved reading of"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn incremental_learning_reaches_the_batch_lexicon_in_any_order(
        (stream, shuffled) in (0u64..1_000).prop_flat_map(|seed| {
            let stream = medium_stream(seed);
            (Just(stream.clone()), Just(stream).prop_shuffle())
        })
    ) {
        let batch = SignalClusters::batch(ClusterConfig::default(), stream).unwrap();
        let mut incremental = SignalClusters::new(ClusterConfig::default());
        for features in shuffled {
            incremental.assign(features).unwrap();
        }
        prop_assert_eq!(incremental.learned_synonyms(), batch.learned_synonyms());
    }
}
