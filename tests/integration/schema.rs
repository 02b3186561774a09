//! The extraction schemas agree with the Rust types: every bundled extraction (and one per
//! source of the seed signal) validates, and whatever the schemas reject among hostile
//! variations, deserializing into `Extraction` rejects too.

use std::path::Path;

use bellwether::schema::{extraction_schema, strict_extraction_schema};
use bellwether::signal::{Extraction, Signal, Verdict};
use jsonschema::Validator;
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::data::{DEFAULT_DATA_DIR, load_days};

fn validator(schema: &Value) -> Validator {
    jsonschema::draft202012::meta::validate(schema).unwrap();
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap()
}

/// Every extraction of the sample data, as JSON.
fn bundled() -> Vec<Value> {
    let days = load_days(Path::new(DEFAULT_DATA_DIR)).unwrap();
    days.iter()
        .flat_map(|day| day.extractions.iter())
        .map(|e| serde_json::to_value(e).unwrap())
        .collect()
}

/// One extraction per source of the seed signal: its thesis, analysis, tags, regions and
/// actors, with that source's quotes and reasoning.
fn seed() -> Vec<Value> {
    let signal: Signal = serde_json::from_str(include_str!("../data/seed/signal.json")).unwrap();
    let whole = serde_json::to_value(&signal).unwrap();
    signal
        .sources()
        .iter()
        .map(|source| {
            let quotes: Vec<Value> = source
                .quotes()
                .iter()
                .map(|q| json!({"text": q.text(), "anchors": q.anchors()}))
                .collect();
            json!({
                "article_id": source.id().as_str(),
                "extracted_at": "2026-05-27T06:00:00Z",
                "thesis": signal.thesis(),
                "analysis": signal.analysis(),
                "strength": signal.strength().value(),
                "tags": whole["tags"],
                "regions": whole["regions"],
                "actors": whole["actors"],
                "quotes": quotes,
                "reasoning": source.reasoning(),
            })
        })
        .collect()
}

/// `extraction` in the strict form: every property present, absent optional values null,
/// absent lists empty, the verdict `new` when none is given.
fn strict_form(extraction: &Value) -> Value {
    let mut out = extraction.clone();
    let defaults = [
        ("analysis", Value::Null),
        ("tags", json!({})),
        ("regions", json!([])),
        ("actors", json!([])),
        ("quotes", json!([])),
        ("reasoning", json!([])),
        ("verdict", json!({"kind": "new", "signal": null})),
    ];
    for (field, default) in defaults {
        if out.get(field).is_none() {
            out[field] = default;
        }
    }
    for facet in ["nature", "domains", "topics"] {
        if out["tags"].get(facet).is_none() {
            out["tags"][facet] = json!([]);
        }
    }
    for actor in out["actors"].as_array_mut().unwrap() {
        if actor.get("aliases").is_none() {
            actor["aliases"] = json!([]);
        }
    }
    for quote in out["quotes"].as_array_mut().unwrap() {
        if quote.get("anchors").is_none() {
            quote["anchors"] = json!([]);
        }
    }
    if out["verdict"].get("signal").is_none() {
        out["verdict"]["signal"] = Value::Null;
    }
    out
}

fn errors(validator: &Validator, value: &Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| e.to_string())
        .collect()
}

#[test]
fn every_bundled_and_seed_extraction_validates_against_both_schemas() {
    let full = validator(&extraction_schema());
    let strict = validator(&strict_extraction_schema());
    let all: Vec<Value> = bundled().into_iter().chain(seed()).collect();
    assert!(all.len() >= 20, "{}", all.len());
    for extraction in &all {
        let typed: Extraction = serde_json::from_value(extraction.clone()).unwrap();
        assert!(
            errors(&full, extraction).is_empty(),
            "{:?}\n{extraction:#}",
            errors(&full, extraction)
        );
        let strict_json = strict_form(extraction);
        assert!(
            errors(&strict, &strict_json).is_empty(),
            "{:?}",
            errors(&strict, &strict_json)
        );
        // The strict form reads as the same extraction, with the verdict `new` where none
        // was given.
        let from_strict: Extraction = serde_json::from_value(strict_json).unwrap();
        let verdict = typed.verdict().cloned().unwrap_or(Verdict::New);
        assert_eq!(from_strict.verdict(), Some(&verdict));
        let mut from_strict = serde_json::to_value(&from_strict).unwrap();
        let mut typed = serde_json::to_value(&typed).unwrap();
        for value in [&mut from_strict, &mut typed] {
            value.as_object_mut().unwrap().remove("verdict");
        }
        assert_eq!(from_strict, typed);
    }
}

/// A valid extraction with a verdict, the base of the hostile cases.
fn base() -> Value {
    let mut value = bundled().swap_remove(0);
    value["verdict"] = json!({"kind": "reinforces", "signal": "chips-1a2b3c4d"});
    value
}

/// Hostile variations of [`base`]: a name and the change.
fn hostile_cases() -> Vec<(&'static str, Value)> {
    let base = base();
    let with = |path: &[&str], value: Value| {
        let mut out = base.clone();
        let mut at = &mut out;
        for key in &path[..path.len() - 1] {
            at = match key.parse::<usize>() {
                Ok(i) => &mut at[i],
                Err(_) => &mut at[*key],
            };
        }
        let last = *path.last().unwrap();
        match last.parse::<usize>() {
            Ok(i) => at[i] = value,
            Err(_) => at[last] = value,
        }
        out
    };
    let without = |path: &[&str]| {
        let mut out = base.clone();
        let mut at = &mut out;
        for key in &path[..path.len() - 1] {
            at = match key.parse::<usize>() {
                Ok(i) => &mut at[i],
                Err(_) => &mut at[*key],
            };
        }
        at.as_object_mut().unwrap().remove(*path.last().unwrap());
        out
    };
    vec![
        ("strength 0", with(&["strength"], json!(0))),
        ("strength 11", with(&["strength"], json!(11))),
        ("strength 7.5", with(&["strength"], json!(7.5))),
        ("strength as text", with(&["strength"], json!("7"))),
        ("unknown region XX", with(&["regions"], json!(["US", "XX"]))),
        ("alpha-3 region", with(&["regions"], json!(["USA"]))),
        ("region as a name", with(&["regions"], json!(["China"]))),
        ("repeated region", with(&["regions"], json!(["US", "US"]))),
        ("unknown top-level field", with(&["confidence"], json!(0.9))),
        (
            "unknown quote field",
            with(&["quotes", "0", "source"], json!("x")),
        ),
        (
            "unknown actor field",
            with(&["actors", "0", "country"], json!("US")),
        ),
        (
            "unknown tag facet",
            with(&["tags", "mood"], json!(["grim"])),
        ),
        (
            "unknown verdict field",
            with(&["verdict", "why"], json!("x")),
        ),
        ("quote without text", without(&["quotes", "0", "text"])),
        (
            "quote with empty text",
            with(&["quotes", "0", "text"], json!("")),
        ),
        (
            "quote with blank text",
            with(&["quotes", "0", "text"], json!("   ")),
        ),
        (
            "quote text null",
            with(&["quotes", "0", "text"], Value::Null),
        ),
        (
            "quote as a string",
            with(&["quotes", "0"], json!("just text")),
        ),
        ("no thesis", without(&["thesis"])),
        ("empty thesis", with(&["thesis"], json!(""))),
        (
            "thesis of 1,001 characters",
            with(&["thesis"], json!("x".repeat(1001))),
        ),
        (
            "thesis with a line break",
            with(&["thesis"], json!("two\nlines")),
        ),
        ("no strength", without(&["strength"])),
        ("no article id", without(&["article_id"])),
        (
            "article id with a space",
            with(&["article_id"], json!("an article")),
        ),
        (
            "article id of 129 bytes",
            with(&["article_id"], json!("a".repeat(129))),
        ),
        (
            "extracted_at not a time",
            with(&["extracted_at"], json!("yesterday")),
        ),
        (
            "unknown actor kind",
            with(&["actors", "0", "kind"], json!("animal")),
        ),
        ("actor without a name", without(&["actors", "0", "name"])),
        (
            "65 topics",
            with(
                &["tags", "topics"],
                json!((0..65).map(|i| format!("t{i}")).collect::<Vec<_>>()),
            ),
        ),
        (
            "anchor over 512 bytes",
            with(&["quotes", "0", "anchors"], json!(["a".repeat(513)])),
        ),
        (
            "verdict without a signal",
            with(&["verdict"], json!({"kind": "contradicts"})),
        ),
        (
            "verdict new naming a signal",
            with(&["verdict"], json!({"kind": "new", "signal": "chips"})),
        ),
        (
            "verdict of unknown kind",
            with(&["verdict"], json!({"kind": "supports", "signal": "chips"})),
        ),
        (
            "verdict naming a bad id",
            with(&["verdict", "signal"], json!("has space")),
        ),
        ("verdict as a string", with(&["verdict"], json!("new"))),
        ("the whole thing a list", json!([base.clone()])),
    ]
}

/// The schema asks the model for distinct anchors, but the types take a repeat: the verifier
/// drops it with a reason, and it costs nothing else (a slip in an anchor costs at most that
/// anchor).
#[test]
fn a_repeated_anchor_is_refused_by_the_schema_and_dropped_later_by_the_verifier() {
    let full = validator(&extraction_schema());
    let mut value = base();
    value["quotes"][0]["anchors"] = json!(["a", "a"]);
    assert!(!errors(&full, &value).is_empty());
    assert!(serde_json::from_value::<Extraction>(value).is_ok());
}

#[test]
fn the_schema_and_the_types_reject_every_hostile_case() {
    let full = validator(&extraction_schema());
    let typed = serde_json::from_value::<Extraction>(base());
    assert!(typed.is_ok(), "{typed:?}");
    assert!(errors(&full, &base()).is_empty());
    for (name, value) in hostile_cases() {
        assert!(
            !errors(&full, &value).is_empty(),
            "the schema accepts {name}"
        );
        assert!(
            serde_json::from_value::<Extraction>(value).is_err(),
            "the types accept {name}"
        );
    }
}

#[test]
fn the_strict_schema_rejects_what_its_keywords_can_express() {
    let strict = validator(&strict_extraction_schema());
    let base = strict_form(&base());
    assert!(
        errors(&strict, &base).is_empty(),
        "{:?}",
        errors(&strict, &base)
    );
    let with = |field: &str, value: Value| {
        let mut out = base.clone();
        out[field] = value;
        out
    };
    let mut no_text = base.clone();
    no_text["quotes"][0].as_object_mut().unwrap().remove("text");
    let mut no_analysis = base.clone();
    no_analysis.as_object_mut().unwrap().remove("analysis");
    for (name, value) in [
        ("strength 11", with("strength", json!(11))),
        ("strength 0", with("strength", json!(0))),
        ("unknown region", with("regions", json!(["XX"]))),
        ("unknown field", with("confidence", json!(0.9))),
        ("quote without text", no_text),
        ("optional value left out", no_analysis),
        (
            "unknown verdict kind",
            with("verdict", json!({"kind": "maybe", "signal": null})),
        ),
    ] {
        assert!(!errors(&strict, &value).is_empty(), "strict accepts {name}");
        assert!(
            serde_json::from_value::<Extraction>(value).is_err()
                || name == "optional value left out",
            "the types accept {name}"
        );
    }
}

#[test]
fn the_strict_schema_keeps_to_the_structured_output_subset() {
    // Every object lists all its properties as required and refuses others; no keyword
    // outside the subset appears.
    const ALLOWED: &[&str] = &[
        "$schema",
        "$id",
        "title",
        "description",
        "type",
        "properties",
        "required",
        "additionalProperties",
        "items",
        "enum",
    ];
    fn check(value: &Value, path: &str) {
        let Some(object) = value.as_object() else {
            return;
        };
        for key in object.keys() {
            assert!(ALLOWED.contains(&key.as_str()), "{path}: keyword {key}");
        }
        if let Some(properties) = object.get("properties").and_then(Value::as_object) {
            let required: Vec<&str> = object["required"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            let mut names: Vec<&str> = properties.keys().map(String::as_str).collect();
            names.sort_unstable();
            let mut required_sorted = required.clone();
            required_sorted.sort_unstable();
            assert_eq!(names, required_sorted, "{path}");
            assert_eq!(object["additionalProperties"], json!(false), "{path}");
            for (name, schema) in properties {
                check(schema, &format!("{path}.{name}"));
            }
        }
        if let Some(items) = object.get("items") {
            check(items, &format!("{path}[]"));
        }
    }
    check(&strict_extraction_schema(), "$");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever the schema rejects among one-field changes of a bundled extraction, the types
    /// reject too.
    #[test]
    fn what_the_schema_rejects_the_types_reject(
        which in 0usize..1000,
        field in 0usize..12,
        value in 0usize..16,
    ) {
        let full = validator(&extraction_schema());
        let mut all = bundled();
        let mut extraction = all.swap_remove(which % all.len());
        const FIELDS: [&str; 12] = [
            "article_id", "extracted_at", "thesis", "analysis", "strength", "tags", "regions",
            "actors", "quotes", "reasoning", "verdict", "extra",
        ];
        let values = [
            Value::Null, json!(0), json!(5), json!(11), json!(-1), json!(""), json!("  "),
            json!("US"), json!(["US"]), json!(["XX"]), json!([]), json!({}),
            json!([{"text": "x"}]), json!([{"anchors": ["x"]}]),
            json!({"kind": "new"}), json!({"kind": "reinforces"}),
        ];
        // serde also reads an object written as the array of its fields in order (`"tags":
        // []` is `{}`), a form the schema does not offer; the types accept it knowingly.
        let sequence_form = FIELDS[field] == "tags" && values[value].is_array();
        extraction[FIELDS[field]] = values[value].clone();
        if !sequence_form && !errors(&full, &extraction).is_empty() {
            prop_assert!(serde_json::from_value::<Extraction>(extraction).is_err());
        }
    }
}
