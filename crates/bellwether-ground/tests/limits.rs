//! Every limit is refused with its typed error, before any work that grows with the input.

// Tests may panic on a broken expectation: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bellwether_ground::{
    GroundError, Grounder, MAX_KNOWN_NAME_BYTES, MAX_KNOWN_NAMES, MAX_PASSAGE_BYTES,
    MAX_SOURCE_BYTES, MAX_SOURCES, Sources,
};

#[test]
fn a_passage_over_the_limit_is_refused() {
    let sources = Sources::new(&["text"]).unwrap();
    let passage = "a".repeat(MAX_PASSAGE_BYTES + 1);
    assert_eq!(
        Grounder::new().check(&sources, &passage),
        Err(GroundError::PassageTooLong {
            len: MAX_PASSAGE_BYTES + 1,
            max: MAX_PASSAGE_BYTES
        })
    );
    assert!(
        Grounder::new()
            .check(&sources, &"a".repeat(MAX_PASSAGE_BYTES))
            .is_ok()
    );
}

#[test]
fn too_many_or_too_long_sources_are_refused() {
    let many = vec!["text"; MAX_SOURCES + 1];
    assert!(
        matches!(Sources::new(&many), Err(GroundError::TooManySources { count, .. }) if count == MAX_SOURCES + 1)
    );
    let long = " ".repeat(MAX_SOURCE_BYTES + 1);
    assert!(matches!(
        Sources::new(&["short", long.as_str()]),
        Err(GroundError::SourceTooLong { index: 1, .. })
    ));
}

#[test]
fn empty_long_and_too_many_known_names_are_refused() {
    for bad in ["", "  ", "--", &"x".repeat(MAX_KNOWN_NAME_BYTES + 1)] {
        assert!(
            matches!(
                Grounder::new().known_entity(&[bad]),
                Err(GroundError::InvalidKnownName { .. })
            ),
            "{bad:?}"
        );
    }
    let names: Vec<String> = (0..=MAX_KNOWN_NAMES).map(|i| format!("Name {i}")).collect();
    assert!(matches!(
        Grounder::new().known_entity(&names),
        Err(GroundError::TooManyKnownNames { .. })
    ));
}

#[test]
fn no_sources_support_nothing() {
    let sources = Sources::new::<&str>(&[]).unwrap();
    let grounding = Grounder::new()
        .check(&sources, "Kanto Magnet Works built 3 plants.")
        .unwrap();
    assert_eq!(grounding.claims.len(), 2);
    assert!(!grounding.is_grounded());
    assert_eq!(grounding.unsupported_count(), 2);
}

#[test]
fn an_alias_found_in_a_source_supports_the_name() {
    let sources = Sources::new(&["The Bureau of Industry and Security issued new rules."]).unwrap();
    let grounder = Grounder::new()
        .known_entity(&["BIS", "Bureau of Industry and Security"])
        .unwrap();
    let grounding = grounder
        .check(&sources, "BIS tightened the rules.")
        .unwrap();
    assert!(grounding.is_grounded(), "{grounding:?}");
    assert_eq!(grounding.claims.len(), 1);
}
