//! Table tests: each bad input is rejected with the variant that names its problem.

use bellwether_signal::limits::MAX_THESIS_CHARS;
use bellwether_signal::{
    ArticleId, Quote, Region, Signal, SignalError, SignalId, SourceArticle, Strength, WebUrl,
};
use serde_json::Value;

const SEED: &str = include_str!("../../testdata/seed/signal.json");

fn seed_json() -> Value {
    serde_json::from_str(SEED).unwrap()
}

fn rejection(json: Value) -> String {
    serde_json::from_value::<Signal>(json)
        .unwrap_err()
        .to_string()
}

#[test]
fn rejects_bad_strengths_in_json() {
    for (value, expected) in [
        (serde_json::json!(0), "strength 0 is out of range"),
        (serde_json::json!(11), "strength 11 is out of range"),
        (serde_json::json!(-1), "strength -1 is out of range"),
        (serde_json::json!(8.5), "strength 8.5 is not a whole number"),
        (serde_json::json!("8"), "strength must be a JSON number"),
    ] {
        let mut json = seed_json();
        json["strength"] = value.clone();
        let err = rejection(json);
        assert!(err.contains(expected), "{value}: {err}");
    }
}

#[test]
fn rejects_bad_regions() {
    for (value, expected) in [
        ("XX", "\"XX\" is not an assigned"),
        ("usa", "\"usa\" is not"),
        ("", "\"\" is not"),
    ] {
        assert!(
            matches!(Region::new(value), Err(SignalError::UnknownRegion { .. })),
            "{value}"
        );
        let mut json = seed_json();
        json["regions"][1] = Value::from(value);
        let err = rejection(json);
        assert!(err.contains(expected), "{value}: {err}");
    }
    assert_eq!(Region::from_fips("CH").unwrap(), Region::new("CN").unwrap());
}

#[test]
fn rejects_javascript_urls() {
    assert!(matches!(
        WebUrl::new("javascript:alert(1)"),
        Err(SignalError::InvalidUrl { .. })
    ));
    let mut json = seed_json();
    json["sources"][0]["url"] = Value::from("javascript:alert(1)");
    assert!(rejection(json).contains("only http and https links are allowed"));
}

#[test]
fn rejects_an_anchor_absent_from_its_quote() {
    assert!(matches!(
        Quote::new("Capability now propagates through software", &["hardware"]),
        Err(SignalError::AnchorNotInQuote { .. })
    ));
    let mut json = seed_json();
    json["sources"][2]["quotes"][0]["anchors"][0] = Value::from("Huawei");
    assert!(rejection(json).contains("anchor \"Huawei\" does not occur in its quote"));
}

#[test]
fn rejects_last_reinforced_before_first_seen() {
    let mut json = seed_json();
    json["last_reinforced"] = Value::from("2026-05-01T00:00:00Z");
    assert!(rejection(json).contains("is before first seen"));
}

#[test]
fn rejects_duplicate_articles() {
    let mut json = seed_json();
    let first = json["sources"][0].clone();
    json["sources"][1] = first;
    assert!(
        rejection(json)
            .contains("source article \"software-layer-china-us-tech-diplomacy\" appears twice")
    );
}

#[test]
fn rejects_duplicate_actors_by_identity() {
    let mut json = seed_json();
    json["actors"][3]["name"] = Value::from("open ai");
    assert!(rejection(json).contains("is the same actor as \"OpenAI\""));
}

#[test]
fn rejects_counts_that_disagree_with_sources() {
    let mut json = seed_json();
    json["extraction_count"] = Value::from(2);
    assert!(rejection(json).contains("extracted 2× but holds 3 articles"));
    let mut json = seed_json();
    json["sources"] = Value::Array(vec![]);
    assert!(rejection(json).contains("has no source article"));
}

#[test]
fn rejects_a_ten_megabyte_thesis_without_echoing_it() {
    let huge = "x".repeat(10 * 1024 * 1024);
    let source =
        SourceArticle::new(ArticleId::new("a").unwrap(), "t", "o", chrono::Utc::now()).unwrap();
    let err = Signal::builder(
        SignalId::new("s").unwrap(),
        &huge,
        Strength::new(5).unwrap(),
    )
    .source(source)
    .build()
    .unwrap_err();
    assert_eq!(
        err,
        SignalError::TooLong {
            field: "thesis",
            len: huge.len(),
            max: MAX_THESIS_CHARS,
            unit: "characters"
        }
    );
    assert!(err.to_string().len() < 200);
}

#[test]
fn rejects_unknown_fields_instead_of_dropping_them() {
    let mut json = seed_json();
    json["strenght"] = Value::from(3);
    assert!(rejection(json).contains("unknown field `strenght`"));
}

#[test]
fn messages_say_what_to_do() {
    let err = Strength::new(11).unwrap_err().to_string();
    assert_eq!(
        err,
        "strength 11 is out of range; use a whole number from 1 to 10"
    );
}
