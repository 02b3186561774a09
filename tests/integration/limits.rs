//! The facade's limits: article size, state file size, per-article evidence, and ingests that
//! fail leaving the state exactly as it was (so no input can wedge later settles or loads).

use std::fs;
use std::path::PathBuf;

use bellwether::signal::limits::MAX_QUOTES;
use bellwether::signal::{ArticleId, Extraction, ProposedQuote, Strength};
use bellwether::{Article, Error, MAX_ARTICLE_BYTES, MAX_STATE_BYTES, Pipeline, STATE_VERSION};
use chrono::{DateTime, Utc};

fn now() -> DateTime<Utc> {
    "2026-05-28T07:00:00Z".parse().unwrap()
}

fn published() -> DateTime<Utc> {
    "2026-05-27T07:00:00Z".parse().unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bellwether-limits-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir.join("state.json")
}

/// Sentence `i`: distinct, locatable, and long enough to be a quote.
fn sentence(i: usize) -> String {
    format!("Report number {i} says the committee reviewed item {i} in detail today.")
}

fn article(id: &str, sentences: usize) -> Article {
    let text: Vec<String> = (0..sentences).map(sentence).collect();
    Article::new(
        ArticleId::new(id).unwrap(),
        "Committee reports",
        "Pacific Policy Review",
        published(),
        &text.join(" "),
    )
    .unwrap()
}

fn extraction(id: &str, thesis: &str, quotes: impl IntoIterator<Item = usize>) -> Extraction {
    let mut builder = Extraction::builder(
        ArticleId::new(id).unwrap(),
        thesis,
        Strength::new(6).unwrap(),
        published(),
    );
    for i in quotes {
        builder = builder.quote(ProposedQuote::new(&sentence(i), &[]).unwrap());
    }
    builder.build().unwrap()
}

#[test]
fn article_text_holds_at_the_limit_and_is_refused_one_byte_past_it() {
    let id = ArticleId::new("big").unwrap();
    let at_limit = "a".repeat(MAX_ARTICLE_BYTES);
    assert!(Article::new(id.clone(), "t", "o", published(), &at_limit).is_ok());
    let over = "a".repeat(MAX_ARTICLE_BYTES + 1);
    match Article::new(id, "t", "o", published(), &over) {
        Err(Error::ArticleText { len, max, .. }) => {
            assert_eq!((len, max), (MAX_ARTICLE_BYTES + 1, MAX_ARTICLE_BYTES));
        }
        other => panic!("expected ArticleText, got {other:?}"),
    }
    let json = format!(
        r#"{{"id":"big","outlet":"o","title":"t","published":"2026-05-27T07:00:00Z","text":"{over}"}}"#
    );
    let err = serde_json::from_str::<Article>(&json)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(&format!("give between 1 and {MAX_ARTICLE_BYTES} bytes")),
        "{err}"
    );
}

#[test]
fn an_article_holds_its_quote_limit_over_all_its_extractions() {
    let article = article("a1", MAX_QUOTES + 1);
    let mut pipeline = Pipeline::new();
    let first = extraction("a1", "Committee reviews items in detail", 0..MAX_QUOTES);
    let report = pipeline.ingest(&article, &first, now()).unwrap();
    assert_eq!(report.accepted.len(), MAX_QUOTES);
    // A second extraction repeating known quotes is within the limit ...
    let repeat = extraction("a1", "Committee reviews items carefully", 0..3);
    assert!(pipeline.ingest(&article, &repeat, now()).is_ok());
    // ... one bringing a new quote is refused, and changes nothing.
    let before = pipeline.to_json().unwrap();
    let more = extraction("a1", "Committee reviews one more item", [MAX_QUOTES]);
    match pipeline.ingest(&article, &more, now()) {
        Err(Error::ArticleFull {
            what, count, max, ..
        }) => {
            assert_eq!(
                (what, count, max),
                ("distinct quotes", MAX_QUOTES + 1, MAX_QUOTES)
            );
        }
        other => panic!("expected ArticleFull, got {other:?}"),
    }
    assert_eq!(pipeline.to_json().unwrap(), before);
    assert!(pipeline.compose(now()).is_ok());
}

#[test]
fn a_failed_ingest_changes_nothing_and_later_composes_and_loads_work() {
    let article = article("a1", 3);
    let mut pipeline = Pipeline::new();
    pipeline
        .ingest(
            &article,
            &extraction("a1", "Committee reviews items", [0]),
            now(),
        )
        .unwrap();
    let before = pipeline.to_json().unwrap();
    // A thesis with no words cannot be clustered: a typed error, found before the state changes
    // (it used to be recorded first, and then every settle, compose and load failed).
    let wordless = extraction("a1", "!!! ???", [1]);
    assert!(matches!(
        pipeline.ingest(&article, &wordless, now()),
        Err(Error::Cluster(_))
    ));
    assert_eq!(pipeline.to_json().unwrap(), before);
    // `now` out of the scorer's range: refused before anything is recorded.
    let far: DateTime<Utc> = "2500-01-01T00:00:00Z".parse().unwrap();
    let other = extraction("a1", "Committee reviews other items", [2]);
    assert!(matches!(
        pipeline.ingest(&article, &other, far),
        Err(Error::Score(_))
    ));
    assert_eq!(pipeline.to_json().unwrap(), before);
    pipeline.compose(now()).unwrap();
    let path = scratch("failed-ingest");
    pipeline.save(&path).unwrap();
    assert_eq!(
        Pipeline::load(&path).unwrap().to_json().unwrap(),
        pipeline.to_json().unwrap()
    );
}

#[test]
fn a_thesis_whose_lowercase_has_combining_marks_still_names_its_signal() {
    // 'İ' lowercases to "i" and a combining dot, which identifiers refuse.
    let article = article("a1", 1);
    let mut pipeline = Pipeline::new();
    let report = pipeline
        .ingest(
            &article,
            &extraction("a1", "İstanbul İzmir reviews", [0]),
            now(),
        )
        .unwrap();
    let id = report.signal().unwrap().to_string();
    assert!(id.starts_with("istanbul-izmir-reviews-"), "{id}");
}

#[test]
fn a_state_file_over_the_limit_is_refused_before_it_is_read() {
    let path = scratch("too-large");
    let file = fs::File::create(&path).unwrap();
    // Sparse: no disk is spent, and loading must not read it.
    file.set_len(MAX_STATE_BYTES + 1).unwrap();
    match Pipeline::load(&path) {
        Err(Error::StateTooLarge { len, max, .. }) => {
            assert_eq!((len, max), (MAX_STATE_BYTES + 1, MAX_STATE_BYTES));
        }
        other => panic!("expected StateTooLarge, got {other:?}"),
    }
}

#[test]
fn deeply_nested_or_invalid_state_json_is_a_typed_error() {
    let path = scratch("nested");
    for junk in [
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
        format!(
            r#"{{"format":"bellwether-state","version":{STATE_VERSION},"x":{}{}}}"#,
            "{\"a\":".repeat(50_000),
            "}".repeat(50_000)
        ),
        format!(
            r#"{{"format":"bellwether-state","version":{STATE_VERSION},"settled_at":"\ud800"}}"#
        ),
    ] {
        fs::write(&path, &junk).unwrap();
        assert!(matches!(
            Pipeline::load(&path),
            Err(Error::StateCorrupt { .. })
        ));
    }
}

#[test]
fn actors_known_apart_and_then_named_as_one_merge_into_one() {
    use bellwether::signal::{Actor, ActorKind, Region};
    // Three articles published an hour apart, so the combined name comes last.
    let articles: Vec<Article> = (0..3)
        .map(|i| {
            Article::new(
                ArticleId::new(&format!("a{i}")).unwrap(),
                "Committee reports",
                "Pacific Policy Review",
                published() + chrono::Duration::hours(i),
                &sentence(0),
            )
            .unwrap()
        })
        .collect();
    let with_actor = |article: &Article, actor: Actor| {
        Extraction::builder(
            article.id().clone(),
            "Committee reviews items in detail",
            Strength::new(6).unwrap(),
            published(),
        )
        .quote(ProposedQuote::new(&sentence(0), &[]).unwrap())
        .actor(actor)
        .region(Region::new("US").unwrap())
        .region(Region::new("CN").unwrap())
        .build()
        .unwrap()
    };
    let bis = Actor::new("BIS", ActorKind::GovernmentBody, &[]).unwrap();
    let bureau = Actor::new("Commerce Bureau", ActorKind::GovernmentBody, &[]).unwrap();
    let both = Actor::new(
        "Bureau of Industry and Security",
        ActorKind::GovernmentBody,
        &["BIS", "Commerce Bureau"],
    )
    .unwrap();
    let mut pipeline = Pipeline::new();
    for (article, actor) in articles.iter().zip([bis, bureau, both]) {
        pipeline
            .ingest(article, &with_actor(article, actor), now())
            .unwrap();
    }
    pipeline.compose(now()).unwrap();
    let signals: Vec<_> = pipeline.signals().collect();
    assert_eq!(signals.len(), 1);
    assert_eq!(signals[0].actors().len(), 1, "{:?}", signals[0].actors());
    let actor = &signals[0].actors()[0];
    for name in ["BIS", "Commerce Bureau", "Bureau of Industry and Security"] {
        assert!(actor.is_known_as(name), "{name}");
    }
}
