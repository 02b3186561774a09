//! The documented limits of evidence and ledgers, at the limit and one past it, through the
//! builders and through deserialization.

use bellwether_score::limits::{MAX_IDENTIFIER_BYTES, MAX_READINGS_PER_ARTICLE};
use bellwether_score::{ArticleId, Evidence, ExtractionId, Grade, Ledger, Outlet, ScoreError};

fn evidence(article: &str, extraction: &str, outlet: &str) -> Result<Evidence, ScoreError> {
    Evidence::builder()
        .article(article)
        .extraction(extraction)
        .outlet(outlet)
        .published("2026-05-12T09:30:00Z".parse().unwrap())
        .grade(Grade::B)
        .match_confidence(0.9)
        .build()
}

fn assert_too_long<T: std::fmt::Debug>(result: Result<T, ScoreError>, len: usize) {
    match result {
        Err(ScoreError::IdentifierTooLong { len: l, max, .. }) => {
            assert_eq!((l, max), (len, MAX_IDENTIFIER_BYTES));
        }
        other => panic!("expected IdentifierTooLong {len}, got {other:?}"),
    }
}

#[test]
fn identifiers_hold_at_the_limit_and_reject_one_past_it() {
    let at = "a".repeat(MAX_IDENTIFIER_BYTES);
    let over = "a".repeat(MAX_IDENTIFIER_BYTES + 1);
    assert!(ArticleId::new(&at).is_ok());
    assert!(ExtractionId::new(&at).is_ok());
    assert!(Outlet::new(&at).is_ok());
    assert_too_long(ArticleId::new(&over), MAX_IDENTIFIER_BYTES + 1);
    assert_too_long(ExtractionId::new(&over), MAX_IDENTIFIER_BYTES + 1);
    assert_too_long(Outlet::new(&over), MAX_IDENTIFIER_BYTES + 1);
    assert_too_long(evidence("a", &over, "o"), MAX_IDENTIFIER_BYTES + 1);
    // White space around an identifier does not count; a 10 MB one is refused at once.
    assert!(ArticleId::new(format!("  {at}  ")).is_ok());
    assert_too_long(ArticleId::new("a".repeat(10 << 20)), 10 << 20);
    // Lowercasing an outlet can lengthen it past the limit: the stored form is bounded too.
    let dotted = "İ".repeat(MAX_IDENTIFIER_BYTES / 2);
    assert_eq!(dotted.len(), MAX_IDENTIFIER_BYTES);
    assert_too_long(Outlet::new(&dotted), MAX_IDENTIFIER_BYTES / 2 * 3);
    let json = serde_json::to_string(&over).unwrap();
    let err = serde_json::from_str::<ArticleId>(&json)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(&format!("over the limit of {MAX_IDENTIFIER_BYTES}")),
        "{err}"
    );
}

#[test]
fn an_article_takes_readings_up_to_the_limit_then_refuses_new_ones() {
    let mut ledger = Ledger::new();
    for i in 0..MAX_READINGS_PER_ARTICLE {
        ledger
            .insert(evidence("a", &format!("x{i}"), "o").unwrap())
            .unwrap();
    }
    assert_eq!(ledger.extraction_count(), MAX_READINGS_PER_ARTICLE);
    let err = ledger
        .insert(evidence("a", "one more", "o").unwrap())
        .unwrap_err();
    assert_eq!(
        err,
        ScoreError::TooManyReadings {
            article: "a".into(),
            max: MAX_READINGS_PER_ARTICLE
        }
    );
    assert!(
        err.to_string()
            .contains("keep re-extractions of one article to a few")
    );
    // Other articles are unaffected, and the ledger still round-trips through JSON.
    assert!(ledger.insert(evidence("b", "x", "o").unwrap()).unwrap());
    let json = serde_json::to_string(&ledger).unwrap();
    assert_eq!(serde_json::from_str::<Ledger>(&json).unwrap(), ledger);
}

#[test]
fn a_ledger_file_with_too_many_readings_of_one_article_is_rejected() {
    let readings: Vec<String> = (0..=MAX_READINGS_PER_ARTICLE)
        .map(|i| format!(r#"{{"id":"x{i}","match_confidence":0.5,"stance":"supports"}}"#))
        .collect();
    let json = format!(
        r#"{{"articles":[{{"article":"a","outlet":"o","published":"2026-05-12T09:30:00Z","grade":"B","extractions":[{}]}}]}}"#,
        readings.join(",")
    );
    let err = serde_json::from_str::<Ledger>(&json)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(&format!(
            "already holds {MAX_READINGS_PER_ARTICLE} readings"
        )),
        "{err}"
    );
}
