//! The labelled set (`testdata/sotu/labelled.json`): paragraphs written about real State of the
//! Union excerpts, faithful and altered. Precision before recall: at most one flag per 20
//! faithful paragraphs; at least 0.9 of changed numbers and 0.8 of invented names flagged.

// Tests may panic on a broken expectation: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::Path;

use bellwether_ground::{Grounder, Sources};
use serde::Deserialize;

#[derive(Deserialize)]
struct Set {
    sources: Vec<Source>,
}

#[derive(Deserialize)]
struct Source {
    file: String,
    heading: String,
    /// Written after the check was tuned, and first run as it stands: its figures are printed
    /// apart.
    #[serde(default)]
    held_out: bool,
    items: Vec<Item>,
}

#[derive(Deserialize)]
struct Item {
    faithful: String,
    altered: Vec<Altered>,
}

#[derive(Deserialize)]
struct Altered {
    text: String,
    changes: Vec<Change>,
}

#[derive(Deserialize)]
struct Change {
    kind: String,
    text: String,
}

#[test]
fn flags_altered_claims_and_spares_faithful_paragraphs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/sotu");
    let set: Set =
        serde_json::from_str(&std::fs::read_to_string(dir.join("labelled.json")).unwrap()).unwrap();
    let grounder = Grounder::new();
    let (mut paragraphs, mut false_flags) = (0usize, 0usize);
    // kind → (changes, flagged)
    let mut recall: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    // The same for the held-out part alone: (paragraphs, false flags, kind → (changes, flagged)).
    let mut held_out: (usize, usize, BTreeMap<String, (usize, usize)>) = Default::default();
    for source in &set.sources {
        // The heading (the address's title, speaker and date, from the corpus metadata) stands
        // where a news article has its headline and byline.
        let text = format!(
            "{}\n\n{}",
            source.heading,
            std::fs::read_to_string(dir.join(&source.file)).unwrap()
        );
        let sources = Sources::new(&[text]).unwrap();
        for item in &source.items {
            paragraphs += 1;
            held_out.0 += usize::from(source.held_out);
            let grounding = grounder.check(&sources, &item.faithful).unwrap();
            for claim in grounding.flagged() {
                false_flags += 1;
                held_out.1 += usize::from(source.held_out);
                println!(
                    "false flag in {}: {:?} {:?}",
                    source.file, claim.text, claim.verdict
                );
            }
            for altered in &item.altered {
                let grounding = grounder.check(&sources, &altered.text).unwrap();
                for change in &altered.changes {
                    let at = altered.text.find(&change.text).unwrap();
                    let range = at..at + change.text.len();
                    let flagged = grounding
                        .flagged()
                        .any(|c| c.span.start < range.end && range.start < c.span.end);
                    let entry = recall.entry(change.kind.clone()).or_default();
                    entry.0 += 1;
                    entry.1 += usize::from(flagged);
                    if source.held_out {
                        let entry = held_out.2.entry(change.kind.clone()).or_default();
                        entry.0 += 1;
                        entry.1 += usize::from(flagged);
                    }
                    if !flagged {
                        println!(
                            "missed {} {:?} in {}",
                            change.kind, change.text, source.file
                        );
                    }
                }
            }
        }
    }
    println!("faithful: {false_flags} flags on {paragraphs} paragraphs");
    for (kind, (changes, flagged)) in &recall {
        println!("{kind}: {flagged}/{changes} flagged");
    }
    println!(
        "held out: {} flags on {} faithful paragraphs",
        held_out.1, held_out.0
    );
    for (kind, (changes, flagged)) in &held_out.2 {
        println!("held out {kind}: {flagged}/{changes} flagged");
    }
    let share = |kind: &str| {
        let (changes, flagged) = recall[kind];
        flagged as f64 / changes as f64
    };
    assert!(paragraphs >= 20);
    assert!(
        false_flags * 20 <= paragraphs,
        "{false_flags} false flags on {paragraphs} faithful paragraphs"
    );
    assert!(
        share("number") >= 0.9,
        "changed numbers flagged: {}",
        share("number")
    );
    assert!(
        share("name") >= 0.8,
        "invented names flagged: {}",
        share("name")
    );
    assert!(
        share("attribution") >= 0.5,
        "wrong attributions flagged: {}",
        share("attribution")
    );
}
