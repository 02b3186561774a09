//! The bundled sample data (`examples/data` of the workspace): each extraction's analysis and
//! reasoning, written faithfully to its article, must raise at most one flag per 20 paragraphs.

// Tests may panic on a broken expectation: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use bellwether_ground::{Grounder, Sources};

#[test]
fn faithful_sample_analysis_raises_at_most_one_flag_per_twenty_paragraphs() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/data");
    let mut days: Vec<_> = std::fs::read_dir(data.join("days"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    days.sort();
    let (mut paragraphs, mut flags, mut claims) = (0, 0, 0);
    for day in days {
        let day: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(day).unwrap()).unwrap();
        for extraction in day["extractions"].as_array().unwrap() {
            let id = extraction["article_id"].as_str().unwrap();
            let article =
                std::fs::read_to_string(data.join("articles").join(format!("{id}.txt"))).unwrap();
            let sources = Sources::new(&[article]).unwrap();
            let mut grounder = Grounder::new();
            for actor in extraction["actors"].as_array().unwrap() {
                let mut names = vec![actor["name"].as_str().unwrap().to_owned()];
                for alias in actor["aliases"].as_array().into_iter().flatten() {
                    names.push(alias.as_str().unwrap().to_owned());
                }
                grounder = grounder.known_entity(&names).unwrap();
            }
            let analysis = extraction["analysis"].as_str().into_iter();
            let reasoning = extraction["reasoning"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|p| p.as_str());
            for paragraph in analysis.chain(reasoning) {
                paragraphs += 1;
                let grounding = grounder.check(&sources, paragraph).unwrap();
                claims += grounding.claims.len();
                for claim in grounding.flagged() {
                    flags += 1;
                    println!("{id}: {:?} {:?}", claim.text, claim.verdict);
                }
            }
        }
    }
    println!("{paragraphs} paragraphs, {claims} claims, {flags} flags");
    assert!(
        paragraphs >= 20,
        "the sample data has {paragraphs} paragraphs"
    );
    assert!(
        claims >= paragraphs,
        "too few claims read ({claims}) to measure anything"
    );
    assert!(
        flags * 20 <= paragraphs,
        "{flags} flags on {paragraphs} faithful paragraphs"
    );
}
