//! JSON Schemas (draft 2020-12) of the extraction format a language model returns: one that
//! states the model's limits, and a strict one for the structured-output modes of model APIs.
//!
//! Both are built from the signal model's own constants ([`limits`](crate::signal::limits),
//! [`Region::all`], [`Nature::KNOWN`], [`Domain::KNOWN`], [`ActorKind::ALL`]), so they change
//! when the model does, and a test validates every bundled extraction against them and checks
//! that what they reject, [`Extraction`](crate::signal::Extraction) rejects too.
//!
//! # What the schemas cannot say
//!
//! The Rust types stay the authority; a schema is what the model is asked to produce. Checks
//! only the types make: an anchor must occur in its quote (ignoring case); tags, aliases and
//! actors are unique ignoring case and punctuation (the schema's `uniqueItems` is exact);
//! quotes together hold at most
//! [`MAX_EXTRACTION_QUOTE_BYTES`](crate::signal::limits::MAX_EXTRACTION_QUOTE_BYTES); byte
//! limits (quote, anchor, prose, identifiers) appear as the same number of characters, which is
//! never stricter than the bytes. The other way, the schemas are stricter than the types in
//! what they offer the model: facets are the known values only (the types also keep custom
//! labels), region codes upper case, actor kinds as written (the types also read
//! `organization` and any case), no surrounding white space, and objects as objects (serde
//! also reads an object written as the array of its fields in order, e.g. `"tags": []`).

use serde_json::{Value, json};

use crate::signal::limits::{
    MAX_ANCHOR_BYTES, MAX_ID_BYTES, MAX_LABEL_CHARS, MAX_LIST_LEN, MAX_PROSE_BYTES,
    MAX_QUOTE_BYTES, MAX_QUOTES, MAX_THESIS_CHARS,
};
use crate::signal::{ActorKind, Domain, Nature, Region};

/// The `$id` of the schemas: their version changes when the extraction format does.
pub const EXTRACTION_SCHEMA_ID: &str = "urn:bellwether:extraction:1";

/// A character that is neither white space nor a control character: text must hold one.
const NOT_BLANK: &str = r"^[^\p{Cc}]*[^\s\p{Cc}][^\p{Cc}]*$";
/// As [`NOT_BLANK`], but line breaks and tabs are allowed (paragraphs).
const NOT_BLANK_PROSE: &str =
    r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*[^\s\p{Cc}][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$";
/// Letters, digits and `- _ . : /`.
const IDENTIFIER: &str = r"^[\p{L}\p{N}_.:/-]+$";

/// Which of the two schemas is being built.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavour {
    /// Limits as `maxLength`, `maxItems`, `pattern`, `minimum`/`maximum`, optional fields.
    Full,
    /// Only what structured-output modes accept: every property required, optional values
    /// nullable, no length, pattern, range or format keywords.
    Strict,
}

/// The extraction schema with the model's limits: draft 2020-12, optional fields optional,
/// limits as `maxLength`, `maxItems`, `minimum`/`maximum`, `pattern` and `enum`, unknown
/// fields refused (`additionalProperties: false`).
///
/// Use it to validate a model's output before deserializing it, or to show a model the
/// format. `cargo run -q --example extraction_schema` prints it.
///
/// ```
/// let schema = bellwether::schema::extraction_schema();
/// assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
/// assert_eq!(schema["properties"]["strength"]["maximum"], 10);
/// assert_eq!(schema["additionalProperties"], false);
/// ```
pub fn extraction_schema() -> Value {
    schema(Flavour::Full)
}

/// The extraction schema for the structured-output ("strict") modes of model APIs: every
/// property listed in `required`, optional values nullable (`"analysis": null`), every object
/// `additionalProperties: false`, and only the keywords those modes accept (`type`,
/// `properties`, `required`, `additionalProperties`, `items`, `enum`, `description`); limits
/// that need other keywords are left to the Rust types, which reject what is over them.
///
/// Written for OpenAI's Structured Outputs with `strict: true` (the `response_format`
/// `json_schema` and strict function calling), whose documented subset it keeps to; the same
/// keywords are within the subsets that Anthropic's structured outputs and Gemini's
/// `responseJsonSchema` document. It was checked against those documents, not against the
/// live services (Bellwether makes no network call). Everything it accepts that the
/// [`extraction_schema`] would not (an over-long thesis, say) is still rejected when the
/// output is deserialized into an [`Extraction`](crate::signal::Extraction).
///
/// ```
/// let strict = bellwether::schema::strict_extraction_schema();
/// let required = strict["required"].as_array().map_or(0, Vec::len);
/// assert_eq!(required, strict["properties"].as_object().map_or(0, |p| p.len()));
/// assert_eq!(strict["properties"]["analysis"]["type"], serde_json::json!(["string", "null"]));
/// ```
pub fn strict_extraction_schema() -> Value {
    schema(Flavour::Strict)
}

fn schema(flavour: Flavour) -> Value {
    let strict = flavour == Flavour::Strict;
    let mut root = object(
        flavour,
        &[
            (
                "article_id",
                identifier(
                    flavour,
                    "The id of the article, copied exactly as given with the article.",
                ),
                true,
            ),
            ("extracted_at", timestamp(flavour), true),
            (
                "thesis",
                text(
                    flavour,
                    MAX_THESIS_CHARS,
                    false,
                    "The claim the article supports, in one sentence, in your own words.",
                ),
                true,
            ),
            (
                "analysis",
                text(
                    flavour,
                    MAX_PROSE_BYTES,
                    true,
                    "Why the claim matters, in a short paragraph.",
                ),
                false,
            ),
            ("strength", strength(flavour), true),
            ("tags", tags(flavour), false),
            (
                "regions",
                list(
                    flavour,
                    enumeration(
                        Region::all().map(|r| r.as_str()),
                        "An ISO 3166-1 alpha-2 code in upper case, or EU, UN, XK or GLOBAL.",
                    ),
                    MAX_LIST_LEN,
                    "The regions the claim concerns.",
                ),
                false,
            ),
            (
                "actors",
                list(
                    flavour,
                    actor(flavour),
                    MAX_LIST_LEN,
                    "Who the claim is about.",
                ),
                false,
            ),
            (
                "quotes",
                list(
                    flavour,
                    quote(flavour),
                    MAX_QUOTES,
                    "Passages copied verbatim from the article that support the thesis.",
                ),
                false,
            ),
            (
                "reasoning",
                list(
                    flavour,
                    text(
                        flavour,
                        MAX_PROSE_BYTES,
                        true,
                        "One step of reasoning drawn from the article.",
                    ),
                    MAX_QUOTES,
                    "How the article supports the thesis, one paragraph per step.",
                ),
                false,
            ),
            ("verdict", verdict(flavour), false),
        ],
    );
    let mut head = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": if strict { format!("{EXTRACTION_SCHEMA_ID}:strict") } else { EXTRACTION_SCHEMA_ID.to_owned() },
        "title": "Bellwether extraction",
        "description": "What a language model extracts from one news article: a thesis, its tags, regions and actors, verbatim quotes with anchor phrases, reasoning, and its verdict on the candidate signals it was shown.",
    });
    if let (Some(head), Some(body)) = (head.as_object_mut(), root.as_object_mut()) {
        head.append(body);
    }
    head
}

/// An object with `properties` (name, schema, required in the full schema); every property
/// is required in the strict one, where an optional one is nullable.
fn object(flavour: Flavour, properties: &[(&str, Value, bool)]) -> Value {
    let mut props = serde_json::Map::new();
    let mut required = Vec::new();
    for (name, schema, is_required) in properties {
        // The types read `null` as absent for optional values, so both schemas accept it.
        let schema = match is_required {
            false => nullable(schema.clone()),
            true => schema.clone(),
        };
        props.insert((*name).to_owned(), schema);
        if *is_required || flavour == Flavour::Strict {
            required.push(Value::from(*name));
        }
    }
    json!({
        "type": "object",
        "properties": props,
        "required": required,
        "additionalProperties": false,
    })
}

/// `schema` that also accepts `null`, for optional values (the types read `null` as
/// absent). Lists and tag sets, which the types read as empty when absent but refuse as
/// `null`, stay non-null; the verdict stays non-null in the strict schema, where the model
/// always gives one.
fn nullable(mut schema: Value) -> Value {
    match schema.get("type").cloned() {
        Some(Value::String(kind)) if kind == "string" || kind == "integer" => {
            schema["type"] = json!([kind, "null"]);
            schema
        }
        _ => schema,
    }
}

fn describe(mut schema: Value, description: &str) -> Value {
    schema["description"] = Value::from(description);
    schema
}

fn text(flavour: Flavour, max: usize, multiline: bool, description: &str) -> Value {
    let schema = match flavour {
        Flavour::Full => json!({
            "type": "string",
            "minLength": 1,
            "maxLength": max,
            "pattern": if multiline { NOT_BLANK_PROSE } else { NOT_BLANK },
        }),
        Flavour::Strict => json!({"type": "string"}),
    };
    describe(schema, description)
}

fn identifier(flavour: Flavour, description: &str) -> Value {
    let schema = match flavour {
        Flavour::Full => json!({
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_ID_BYTES,
            "pattern": IDENTIFIER,
        }),
        Flavour::Strict => json!({"type": "string"}),
    };
    describe(schema, description)
}

fn timestamp(flavour: Flavour) -> Value {
    let schema = match flavour {
        Flavour::Full => json!({"type": "string", "format": "date-time"}),
        Flavour::Strict => json!({"type": "string"}),
    };
    describe(
        schema,
        "When the extraction was made: an RFC 3339 time such as 2026-05-26T18:00:00Z, copied from the instructions.",
    )
}

fn strength(flavour: Flavour) -> Value {
    let schema = match flavour {
        Flavour::Full => json!({"type": "integer", "minimum": 1, "maximum": 10}),
        Flavour::Strict => json!({"type": "integer", "enum": (1..=10).collect::<Vec<u8>>()}),
    };
    describe(
        schema,
        "How strongly this article alone supports the thesis, from 1 (barely) to 10 (conclusively).",
    )
}

fn enumeration<'a>(values: impl Iterator<Item = &'a str>, description: &str) -> Value {
    json!({
        "type": "string",
        "enum": values.collect::<Vec<_>>(),
        "description": description,
    })
}

fn list(flavour: Flavour, items: Value, max: usize, description: &str) -> Value {
    let schema = match flavour {
        // Values the types keep distinct (regions, tags, actors, aliases, anchors) are
        // unique; quotes and reasoning may repeat, as the types allow.
        Flavour::Full => json!({
            "type": "array",
            "items": items,
            "maxItems": max,
            "uniqueItems": max == MAX_LIST_LEN,
        }),
        Flavour::Strict => json!({"type": "array", "items": items}),
    };
    describe(schema, description)
}

fn label(flavour: Flavour, description: &str) -> Value {
    text(flavour, MAX_LABEL_CHARS, false, description)
}

fn tags(flavour: Flavour) -> Value {
    let known = |values: Vec<&'static str>, description: &str| {
        list(
            flavour,
            enumeration(values.into_iter(), description),
            MAX_LIST_LEN,
            description,
        )
    };
    let natures = Nature::KNOWN.iter().map(Nature::as_str).collect();
    let domains = Domain::KNOWN.iter().map(Domain::as_str).collect();
    describe(
        object(
            flavour,
            &[
                (
                    "nature",
                    known(natures, "What kind of change the thesis describes."),
                    !matches!(flavour, Flavour::Full),
                ),
                (
                    "domains",
                    known(domains, "The fields the thesis belongs to."),
                    !matches!(flavour, Flavour::Full),
                ),
                (
                    "topics",
                    list(
                        flavour,
                        label(flavour, "A free topic, such as AI."),
                        MAX_LIST_LEN,
                        "Free topics, each a short label.",
                    ),
                    !matches!(flavour, Flavour::Full),
                ),
            ],
        ),
        "Tags in three facets.",
    )
}

fn actor(flavour: Flavour) -> Value {
    let kinds = ActorKind::ALL.iter().map(|k| k.as_str());
    object(
        flavour,
        &[
            ("name", label(flavour, "The actor's usual name."), true),
            (
                "kind",
                enumeration(kinds, "What kind of actor this is."),
                true,
            ),
            (
                "aliases",
                list(
                    flavour,
                    label(flavour, "Another name of the actor."),
                    MAX_LIST_LEN,
                    "Other names the article uses for the actor.",
                ),
                !matches!(flavour, Flavour::Full),
            ),
        ],
    )
}

fn quote(flavour: Flavour) -> Value {
    object(
        flavour,
        &[
            (
                "text",
                text(
                    flavour,
                    MAX_QUOTE_BYTES,
                    true,
                    "The passage, copied character for character from the article; mark a cut with …",
                ),
                true,
            ),
            (
                "anchors",
                list(
                    flavour,
                    text(
                        flavour,
                        MAX_ANCHOR_BYTES,
                        false,
                        "A key phrase copied from this quote.",
                    ),
                    MAX_LIST_LEN,
                    "The key phrases of the quote, each copied from it.",
                ),
                !matches!(flavour, Flavour::Full),
            ),
        ],
    )
}

fn verdict(flavour: Flavour) -> Value {
    let kind = enumeration(
        ["new", "reinforces", "contradicts"].into_iter(),
        "new: no candidate signal makes this claim; reinforces or contradicts: the article supports or argues against the candidate named in signal.",
    );
    let described = "Your verdict on the candidate signals you were shown.";
    match flavour {
        Flavour::Full => {
            let mut schema = object(
                flavour,
                &[
                    ("kind", kind, true),
                    (
                        "signal",
                        identifier(flavour, "The id of the candidate signal."),
                        false,
                    ),
                ],
            );
            // `new` names no signal; the other two must name one.
            schema["if"] = json!({"properties": {"kind": {"const": "new"}}});
            schema["then"] = json!({"properties": {"signal": {"type": "null"}}});
            schema["else"] = json!({
                "required": ["signal"],
                "properties": {"signal": {"type": "string"}},
            });
            // Absent or null: clustering decides.
            schema["type"] = json!(["object", "null"]);
            describe(schema, described)
        }
        Flavour::Strict => {
            // Always present: `{"kind": "new", "signal": null}` when no candidate fits.
            let schema = json!({
                "type": "object",
                "properties": {
                    "kind": kind,
                    "signal": {
                        "type": ["string", "null"],
                        "description": "The id of the candidate signal; null for new.",
                    },
                },
                "required": ["kind", "signal"],
                "additionalProperties": false,
            });
            describe(schema, described)
        }
    }
}
