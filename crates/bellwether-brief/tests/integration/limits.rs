//! The brief's limits: items per brief (the policy's `max_items`) and what a saved snapshot may
//! hold, at the limit and one past it.

use bellwether_brief::{ComposeError, MAX_BRIEF_ITEMS, Policy, Snapshot};
use bellwether_signal::limits::MAX_ID_BYTES;
use serde_json::json;

#[test]
fn max_items_holds_from_one_to_the_limit() {
    for ok in [1, 10, MAX_BRIEF_ITEMS] {
        assert_eq!(
            Policy::builder().max_items(ok).build().unwrap().max_items(),
            ok
        );
    }
    for bad in [0, MAX_BRIEF_ITEMS + 1, usize::MAX] {
        match Policy::builder().max_items(bad).build() {
            Err(ComposeError::InvalidPolicy { setting, value, .. }) => {
                assert_eq!((setting, value), ("max_items", bad.to_string()));
            }
            other => panic!("max_items {bad}: expected InvalidPolicy, got {other:?}"),
        }
    }
    let json = json!({"min_strength": 6, "max_items": MAX_BRIEF_ITEMS + 1});
    let err = serde_json::from_value::<Policy>(json)
        .unwrap_err()
        .to_string();
    assert!(err.contains("from 1 to 1000"), "{err}");
}

fn snapshot_with_articles(articles: Vec<String>) -> serde_json::Value {
    json!({
        "version": 1,
        "brief_number": 3,
        "composed_at": "2026-05-27T07:00:00Z",
        "entries": [{
            "id": "s1",
            "strength": 7,
            "extraction_count": articles.len().max(1),
            "last_reinforced": "2026-05-26T07:00:00Z",
            "articles": articles,
            "shown_at": "2026-05-27T07:00:00Z"
        }]
    })
}

#[test]
fn a_snapshot_lists_only_valid_article_ids() {
    let at = "a".repeat(MAX_ID_BYTES);
    assert!(serde_json::from_value::<Snapshot>(snapshot_with_articles(vec![at])).is_ok());
    for bad in [
        "a".repeat(MAX_ID_BYTES + 1),
        "has space".into(),
        String::new(),
    ] {
        let err = serde_json::from_value::<Snapshot>(snapshot_with_articles(vec![bad.clone()]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("lists an invalid article"), "{bad:?}: {err}");
    }
}
