//! Every documented limit, at the limit (accepted) and one past it (rejected with the field, the
//! length and the limit), through the constructors and through deserialization alike.

use bellwether_signal::limits::{
    MAX_ANCHOR_BYTES, MAX_EXTRACTION_QUOTE_BYTES, MAX_ID_BYTES, MAX_LABEL_CHARS, MAX_LIST_LEN,
    MAX_PROSE_BYTES, MAX_QUOTE_BYTES, MAX_QUOTES, MAX_SOURCES, MAX_THESIS_CHARS, MAX_URL_BYTES,
};
use bellwether_signal::{
    Actor, ActorKind, ArticleId, Extraction, Label, ProposedQuote, Quote, Region, Signal,
    SignalError, SignalId, SourceArticle, Strength, Tags, Topic, WebUrl,
};
use serde_json::{Value, json};

/// `n` characters of text that is valid everywhere (no white space at the ends, no control
/// characters), with a two-byte character so that byte and character limits differ.
fn chars(n: usize) -> String {
    "é".repeat(n)
}

fn bytes(n: usize) -> String {
    "a".repeat(n)
}

fn assert_too_long(result: Result<impl std::fmt::Debug, SignalError>, len: usize, max: usize) {
    match result {
        Err(SignalError::TooLong { len: l, max: m, .. }) => assert_eq!((l, m), (len, max)),
        other => panic!("expected TooLong {len} > {max}, got {other:?}"),
    }
}

fn assert_too_many(result: Result<impl std::fmt::Debug, SignalError>, field: &str, len: usize) {
    match result {
        Err(SignalError::TooMany {
            field: f,
            len: l,
            max,
        }) => {
            assert_eq!((f, l), (field, len));
            assert!(max < len);
        }
        other => panic!("expected TooMany {field} {len}, got {other:?}"),
    }
}

/// Deserializes `json` as `T` and checks the rejection names the limit.
fn assert_json_rejects<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &Value, max: usize) {
    let err = serde_json::from_value::<T>(json.clone())
        .unwrap_err()
        .to_string();
    assert!(err.contains(&format!("over the limit of {max}")), "{err}");
}

fn published() -> chrono::DateTime<chrono::Utc> {
    "2026-05-12T09:30:00Z".parse().unwrap()
}

fn extraction_json() -> Value {
    json!({
        "article_id": "a1",
        "extracted_at": "2026-05-12T13:00:00Z",
        "thesis": "Export controls backfire",
        "strength": 6,
        "quotes": [{"text": "capability propagates", "anchors": ["capability"]}]
    })
}

fn source(id: usize) -> SourceArticle {
    SourceArticle::new(
        ArticleId::new(&format!("a{id}")).unwrap(),
        "Title",
        "Outlet",
        published(),
    )
    .unwrap()
}

fn signal_json(sources: usize) -> Value {
    let sources: Vec<Value> = (0..sources)
        .map(|i| serde_json::to_value(source(i)).unwrap())
        .collect();
    json!({
        "id": "s1",
        "thesis": "Export controls backfire",
        "strength": 6,
        "extraction_count": sources.len(),
        "first_seen": "2026-05-12T09:30:00Z",
        "last_reinforced": "2026-05-12T09:30:00Z",
        "sources": sources
    })
}

/// 65 distinct assigned region codes.
fn regions(n: usize) -> Vec<Region> {
    let mut out = Vec::new();
    for a in b'A'..=b'Z' {
        for b in b'A'..=b'Z' {
            if let Ok(region) = Region::new(&format!("{}{}", a as char, b as char)) {
                out.push(region);
            }
        }
    }
    out.truncate(n);
    assert_eq!(out.len(), n);
    out
}

fn actors(n: usize) -> Vec<Actor> {
    (0..n)
        .map(|i| Actor::new(&format!("Actor {i}"), ActorKind::Company, &[]).unwrap())
        .collect()
}

#[test]
fn text_limits_hold_at_the_limit_and_reject_one_past_it() {
    // Labels, counted in characters.
    assert!(Label::new(&chars(MAX_LABEL_CHARS)).is_ok());
    assert_too_long(
        Label::new(&chars(MAX_LABEL_CHARS + 1)),
        MAX_LABEL_CHARS + 1,
        MAX_LABEL_CHARS,
    );
    assert!(Topic::new(&chars(MAX_LABEL_CHARS)).is_ok());
    assert_too_long(
        Topic::new(&chars(MAX_LABEL_CHARS + 1)),
        MAX_LABEL_CHARS + 1,
        MAX_LABEL_CHARS,
    );
    assert_json_rejects::<Label>(&json!(chars(MAX_LABEL_CHARS + 1)), MAX_LABEL_CHARS);
    // Identifiers, in bytes.
    assert!(SignalId::new(&bytes(MAX_ID_BYTES)).is_ok());
    assert_too_long(
        SignalId::new(&bytes(MAX_ID_BYTES + 1)),
        MAX_ID_BYTES + 1,
        MAX_ID_BYTES,
    );
    assert!(ArticleId::new(&bytes(MAX_ID_BYTES)).is_ok());
    assert_json_rejects::<ArticleId>(&json!(bytes(MAX_ID_BYTES + 1)), MAX_ID_BYTES);
    // Quotes and anchors in bytes.
    let at_limit = bytes(MAX_QUOTE_BYTES);
    assert!(ProposedQuote::new(&at_limit, &[]).is_ok());
    let anchor = chars(MAX_ANCHOR_BYTES / 2);
    let with_anchor = format!("{anchor}{}", bytes(MAX_QUOTE_BYTES - anchor.len()));
    assert!(ProposedQuote::new(&with_anchor, &[&anchor]).is_ok());
    let long_anchor = format!("a{}", chars(MAX_ANCHOR_BYTES / 2));
    let quote = format!("{long_anchor} and more");
    assert_too_long(
        Quote::new(&quote, &[&long_anchor]),
        MAX_ANCHOR_BYTES + 1,
        MAX_ANCHOR_BYTES,
    );
    let over = bytes(MAX_QUOTE_BYTES + 1);
    assert_too_long(
        ProposedQuote::new(&over, &[]),
        MAX_QUOTE_BYTES + 1,
        MAX_QUOTE_BYTES,
    );
    assert_json_rejects::<Quote>(&json!({"text": over, "anchors": ["a"]}), MAX_QUOTE_BYTES);
    // URLs, in bytes, as given and once percent-encoded.
    let url = |len: usize| format!("https://example.com/{}", bytes(len - 20));
    assert!(WebUrl::new(&url(MAX_URL_BYTES)).is_ok());
    assert_too_long(
        WebUrl::new(&url(MAX_URL_BYTES + 1)),
        MAX_URL_BYTES + 1,
        MAX_URL_BYTES,
    );
    let encoded = format!("https://example.com/{}", "é".repeat(MAX_URL_BYTES / 4));
    assert!(encoded.len() <= MAX_URL_BYTES);
    assert!(matches!(
        WebUrl::new(&encoded),
        Err(SignalError::TooLong { .. })
    ));
    assert_json_rejects::<WebUrl>(&json!(url(MAX_URL_BYTES + 1)), MAX_URL_BYTES);
}

#[test]
fn thesis_and_prose_limits_hold_for_extractions_and_signals() {
    let build = |thesis: &str, analysis: &str, reasoning: &str| {
        Extraction::builder(
            ArticleId::new("a1").unwrap(),
            thesis,
            Strength::new(5).unwrap(),
            published(),
        )
        .analysis(analysis)
        .reasoning(reasoning)
        .build()
    };
    let (thesis, prose) = (chars(MAX_THESIS_CHARS), bytes(MAX_PROSE_BYTES));
    assert!(build(&thesis, &prose, &prose).is_ok());
    let long_thesis = chars(MAX_THESIS_CHARS + 1);
    assert_too_long(
        build(&long_thesis, &prose, &prose),
        MAX_THESIS_CHARS + 1,
        MAX_THESIS_CHARS,
    );
    let long_prose = bytes(MAX_PROSE_BYTES + 1);
    assert_too_long(
        build(&thesis, &long_prose, &prose),
        MAX_PROSE_BYTES + 1,
        MAX_PROSE_BYTES,
    );
    assert_too_long(
        build(&thesis, &prose, &long_prose),
        MAX_PROSE_BYTES + 1,
        MAX_PROSE_BYTES,
    );
    for (field, value, max) in [
        ("thesis", json!(long_thesis), MAX_THESIS_CHARS),
        ("analysis", json!(long_prose), MAX_PROSE_BYTES),
        ("reasoning", json!([long_prose]), MAX_PROSE_BYTES),
    ] {
        let mut json = extraction_json();
        json[field] = value;
        assert_json_rejects::<Extraction>(&json, max);
    }
    let mut json = signal_json(1);
    json["thesis"] = json!(chars(MAX_THESIS_CHARS + 1));
    assert_json_rejects::<Signal>(&json, MAX_THESIS_CHARS);
    // A 10 MB thesis is refused by its length, before anything else looks at it.
    let huge = bytes(10 * 1024 * 1024);
    assert_too_long(build(&huge, "a", "a"), huge.len(), MAX_THESIS_CHARS);
}

#[test]
fn list_limits_hold_at_the_limit_and_reject_one_past_it() {
    let topics = |n: usize| -> Vec<Topic> {
        (0..n)
            .map(|i| Topic::new(&format!("topic {i}")).unwrap())
            .collect()
    };
    assert!(Tags::new(vec![], vec![], topics(MAX_LIST_LEN)).is_ok());
    assert_too_many(
        Tags::new(vec![], vec![], topics(MAX_LIST_LEN + 1)),
        "topics",
        MAX_LIST_LEN + 1,
    );

    let aliases: Vec<String> = (0..=MAX_LIST_LEN).map(|i| format!("alias {i}")).collect();
    let aliases: Vec<&str> = aliases.iter().map(String::as_str).collect();
    assert!(Actor::new("Main", ActorKind::Company, &aliases[..MAX_LIST_LEN]).is_ok());
    assert_too_many(
        Actor::new("Main", ActorKind::Company, &aliases),
        "actor aliases",
        MAX_LIST_LEN + 1,
    );

    let anchors: Vec<String> = (0..=MAX_LIST_LEN).map(|i| format!("w{i}")).collect();
    let text = anchors.join(" ");
    let anchors: Vec<&str> = anchors.iter().map(String::as_str).collect();
    assert!(ProposedQuote::new(&text, &anchors[..MAX_LIST_LEN]).is_ok());
    assert_too_many(
        ProposedQuote::new(&text, &anchors),
        "anchors",
        MAX_LIST_LEN + 1,
    );

    let extraction = |regions: Vec<Region>, actors: Vec<Actor>, quotes: usize| {
        let mut builder = Extraction::builder(
            ArticleId::new("a1").unwrap(),
            "Thesis",
            Strength::new(5).unwrap(),
            published(),
        );
        for region in regions {
            builder = builder.region(region);
        }
        for actor in actors {
            builder = builder.actor(actor);
        }
        for i in 0..quotes {
            builder = builder.quote(ProposedQuote::new(&format!("quote {i}"), &[]).unwrap());
        }
        builder.build()
    };
    assert!(extraction(regions(MAX_LIST_LEN), actors(MAX_LIST_LEN), MAX_QUOTES).is_ok());
    assert_too_many(
        extraction(regions(MAX_LIST_LEN + 1), vec![], 0),
        "regions",
        MAX_LIST_LEN + 1,
    );
    assert_too_many(
        extraction(vec![], actors(MAX_LIST_LEN + 1), 0),
        "actors",
        MAX_LIST_LEN + 1,
    );
    assert_too_many(
        extraction(vec![], vec![], MAX_QUOTES + 1),
        "quotes",
        MAX_QUOTES + 1,
    );

    let mut article = source(0);
    for i in 0..MAX_QUOTES {
        article = article
            .with_quote(Quote::new(&format!("quote {i}"), &["quote"]).unwrap())
            .unwrap()
            .with_reasoning(&format!("reason {i}"))
            .unwrap();
    }
    let one_more = Quote::new("one more", &["more"]).unwrap();
    assert_too_many(
        article.clone().with_quote(one_more),
        "quotes",
        MAX_QUOTES + 1,
    );
    assert_too_many(
        article.with_reasoning("one more"),
        "reasoning paragraphs",
        MAX_QUOTES + 1,
    );

    let signal = |n: usize| {
        Signal::builder(
            SignalId::new("s").unwrap(),
            "Thesis",
            Strength::new(5).unwrap(),
        )
        .sources((0..n).map(source).collect())
        .build()
    };
    assert!(signal(MAX_SOURCES).is_ok());
    assert_too_many(signal(MAX_SOURCES + 1), "sources", MAX_SOURCES + 1);
}

#[test]
fn deserializing_stops_reading_a_list_past_its_limit_and_reports_its_length() {
    let labels = |n: usize| -> Vec<String> { (0..n).map(|i| format!("value {i}")).collect() };
    for (field, json, max) in [
        (
            "topics",
            json!({"topics": labels(MAX_LIST_LEN + 1)}),
            MAX_LIST_LEN,
        ),
        (
            "nature tags",
            json!({"nature": labels(MAX_LIST_LEN + 5)}),
            MAX_LIST_LEN,
        ),
        (
            "domain tags",
            json!({"domains": labels(MAX_LIST_LEN + 1)}),
            MAX_LIST_LEN,
        ),
    ] {
        let err = serde_json::from_value::<Tags>(json)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with(field), "{err}");
        assert!(err.contains(&format!("over the limit of {max}")), "{err}");
    }
    // The count covers everything given, even values that would be invalid themselves.
    let mut json = extraction_json();
    let mut regions: Vec<Value> = vec![json!("US"); MAX_LIST_LEN];
    regions.extend([json!("not a region"), json!(42), json!({"x": [1, 2]})]);
    json["regions"] = json!(regions);
    let err = serde_json::from_value::<Extraction>(json)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(&format!("regions has {} entries", MAX_LIST_LEN + 3)),
        "{err}"
    );

    for (field, value, max) in [
        (
            "actors",
            serde_json::to_value(actors(MAX_LIST_LEN + 1)).unwrap(),
            MAX_LIST_LEN,
        ),
        (
            "quotes",
            json!(vec![json!({"text": "q"}); MAX_QUOTES + 1]),
            MAX_QUOTES,
        ),
        ("reasoning", json!(vec!["r"; MAX_QUOTES + 1]), MAX_QUOTES),
    ] {
        let mut json = extraction_json();
        json[field] = value;
        assert_json_rejects::<Extraction>(&json, max);
    }
    let anchors = json!({"text": "a", "anchors": vec!["a"; MAX_LIST_LEN + 1]});
    assert_json_rejects::<ProposedQuote>(&anchors, MAX_LIST_LEN);
    let aliases = json!({"name": "A", "kind": "company", "aliases": labels(MAX_LIST_LEN + 1)});
    assert_json_rejects::<Actor>(&aliases, MAX_LIST_LEN);
    assert!(serde_json::from_value::<Signal>(signal_json(MAX_SOURCES)).is_ok());
    assert_json_rejects::<Signal>(&signal_json(MAX_SOURCES + 1), MAX_SOURCES);
}

#[test]
fn deeply_nested_json_is_a_typed_error_not_a_stack_overflow() {
    for depth in [100, 10_000, 1_000_000] {
        let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let mut json = extraction_json().to_string();
        json.insert_str(
            json.len() - 1,
            &format!(",\"tags\":{{\"topics\":{nested}}}"),
        );
        assert!(serde_json::from_str::<Extraction>(&json).is_err());
        assert!(serde_json::from_str::<Signal>(&nested).is_err());
        assert!(serde_json::from_str::<Tags>(&nested).is_err());
    }
}

#[test]
fn lone_surrogates_in_json_strings_are_rejected() {
    for escaped in [r#""\ud800""#, r#""\udfff x""#, r#""a\ud83d""#] {
        assert!(serde_json::from_str::<Label>(escaped).is_err(), "{escaped}");
        let mut json = extraction_json().to_string();
        json = json.replace("\"Export controls backfire\"", escaped);
        assert!(
            serde_json::from_str::<Extraction>(&json).is_err(),
            "{escaped}"
        );
    }
    // A well-formed surrogate pair is a character like any other.
    assert_eq!(
        serde_json::from_str::<Label>(r#""\ud83d\ude00""#)
            .unwrap()
            .as_str(),
        "😀"
    );
}

#[test]
fn a_megabyte_of_combining_marks_is_refused_by_length() {
    let marks = "\u{301}".repeat(512 * 1024); // 1 MiB of U+0301
    assert_too_long(
        Label::new(&format!("a{marks}")),
        512 * 1024 + 1,
        MAX_LABEL_CHARS,
    );
    let thesis = format!("a{marks}");
    let result = Extraction::builder(
        ArticleId::new("a1").unwrap(),
        &thesis,
        Strength::new(5).unwrap(),
        published(),
    )
    .build();
    assert_too_long(result, 512 * 1024 + 1, MAX_THESIS_CHARS);
}

#[test]
fn an_extraction_holds_its_total_quote_bytes_limit() {
    let build = |quotes: &[String]| {
        let mut builder = Extraction::builder(
            ArticleId::new("a1").unwrap(),
            "Thesis",
            Strength::new(5).unwrap(),
            published(),
        );
        for text in quotes {
            builder = builder.quote(ProposedQuote::new(text, &[]).unwrap());
        }
        builder.build()
    };
    let per_quote = MAX_QUOTE_BYTES;
    let count = MAX_EXTRACTION_QUOTE_BYTES / per_quote;
    // Distinct quotes of the longest size, together exactly at the limit.
    let mut quotes: Vec<String> = (0..count)
        .map(|i| format!("{i:04}{}", bytes(per_quote - 4)))
        .collect();
    assert!(build(&quotes).is_ok());
    quotes.push("x".into());
    assert_too_long(
        build(&quotes),
        MAX_EXTRACTION_QUOTE_BYTES + 1,
        MAX_EXTRACTION_QUOTE_BYTES,
    );
    let mut json = extraction_json();
    json["quotes"] = quotes.iter().map(|q| json!({ "text": q })).collect();
    assert_json_rejects::<Extraction>(&json, MAX_EXTRACTION_QUOTE_BYTES);
}
