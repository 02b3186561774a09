//! The composer: policy, ordering, limits, the quiet path and change detection.

use bellwether_brief::{
    Badge, Change, ComposeError, Composed, Composer, ItemOrder, LeftOutReason, Novelty, Policy,
    QuietReason, Snapshot,
};
use bellwether_signal::{Signal, Strength};
use chrono::Duration;
use proptest::prelude::*;

use crate::fixtures::{at, morning, seed, seed_json, signal};

fn brief_of(composed: Composed) -> bellwether_brief::Brief {
    match composed {
        Composed::Brief(brief) => brief,
        Composed::Quiet(quiet) => panic!("expected a brief, got quiet: {quiet}"),
    }
}

fn quiet_of(composed: Composed) -> bellwether_brief::Quiet {
    match composed {
        Composed::Quiet(quiet) => quiet,
        Composed::Brief(brief) => panic!("expected quiet, got {} items", brief.items().len()),
    }
}

fn ids(brief: &bellwether_brief::Brief) -> Vec<&str> {
    brief
        .items()
        .iter()
        .map(|item| item.signal().id().as_str())
        .collect()
}

fn strength(value: u8) -> Strength {
    Strength::new(value).unwrap()
}

#[test]
fn the_seed_is_new_in_the_first_brief() {
    let brief = brief_of(
        Composer::default()
            .compose(&[seed()], None, morning())
            .unwrap(),
    );
    assert_eq!(brief.number(), 1);
    assert_eq!(brief.composed_at(), morning());
    assert_eq!(brief.items().len(), 1);
    assert_eq!(brief.items()[0].change(), Change::New);
    assert_eq!(brief.items()[0].badge(), Badge::New);
    let coverage = brief.coverage();
    assert_eq!((coverage.articles(), coverage.outlets()), (3, 3));
    assert_eq!(coverage.newest(), Some(at("2026-05-26T14:05:00Z")));
    assert_eq!(brief.omissions().total(), 0);
    assert_eq!(brief.snapshot().len(), 1);
}

#[test]
fn weak_and_unchanged_signals_give_a_quiet_outcome_with_reasons() {
    let composer = Composer::default();
    let shown = [signal("a", 8, 2, 20), signal("b", 7, 1, 21)];
    let first = composer.compose(&shown, None, morning()).unwrap();
    let snapshot = first.snapshot().unwrap().clone();

    let mut next = shown.to_vec();
    next.extend([
        signal("w1", 3, 1, 22),
        signal("w2", 5, 1, 22),
        signal("w3", 1, 1, 22),
    ]);
    let later = morning() + Duration::days(1);
    let quiet = quiet_of(composer.compose(&next, Some(&snapshot), later).unwrap());

    assert_eq!(
        quiet.to_string(),
        "3 signals below strength 6; 2 unchanged since the last brief"
    );
    assert_eq!(
        quiet.reasons(),
        [
            QuietReason::BelowStrength {
                count: 3,
                min_strength: strength(6)
            },
            QuietReason::Unchanged { count: 2 }
        ]
    );
    let left: Vec<(&str, LeftOutReason)> = quiet
        .left_out()
        .iter()
        .map(|l| (l.id().as_str(), l.reason()))
        .collect();
    assert_eq!(
        left,
        [
            ("a", LeftOutReason::Unchanged),
            ("b", LeftOutReason::Unchanged),
            ("w2", LeftOutReason::BelowStrength),
            ("w1", LeftOutReason::BelowStrength),
            ("w3", LeftOutReason::BelowStrength),
        ]
    );
    // Nothing was sent, so the snapshot to keep is the previous one.
    assert_eq!(quiet.snapshot(), Some(&snapshot));
    assert_eq!(quiet.coverage().articles(), 6);
}

#[test]
fn no_signals_is_quiet() {
    let quiet = quiet_of(Composer::default().compose(&[], None, morning()).unwrap());
    assert_eq!(quiet.reasons(), [QuietReason::NoSignals]);
    assert_eq!(quiet.to_string(), "no signals to consider");
    assert!(quiet.snapshot().is_none());
}

#[test]
fn one_weak_signal_reads_in_the_singular() {
    let quiet = quiet_of(
        Composer::default()
            .compose(&[signal("w", 2, 1, 3)], None, morning())
            .unwrap(),
    );
    assert_eq!(quiet.to_string(), "1 signal below strength 6");
}

/// The seed with only its first `n` sources, reinforced when the last of them appeared.
fn seed_with_sources(n: usize, strength: u8) -> Signal {
    let mut value = seed_json();
    let sources = value["sources"].as_array().unwrap()[..n].to_vec();
    let last = sources.last().unwrap()["published"].clone();
    value["sources"] = sources.into();
    value["extraction_count"] = n.into();
    value["last_reinforced"] = last;
    value["strength"] = strength.into();
    serde_json::from_value(value).unwrap()
}

#[test]
fn a_reinforced_signal_says_how_many_articles_it_gained() {
    let composer = Composer::default();
    let first = composer
        .compose(&[seed_with_sources(1, 7)], None, at("2026-05-13T07:00:00Z"))
        .unwrap();
    let brief = brief_of(
        composer
            .compose(&[seed()], first.snapshot(), morning())
            .unwrap(),
    );
    assert_eq!(brief.number(), 2);
    let change = brief.items()[0].change();
    let Change::Updated(update) = change else {
        panic!("expected an update, got {change:?}")
    };
    assert_eq!(update.added_articles(), 2);
    assert_eq!(update.added_extractions(), 2);
    assert!(update.is_reinforced() && update.is_strengthened());
    assert_eq!(change.badge(), Badge::Strengthened);
    assert_eq!(
        change.to_string(),
        "reinforced (+2 articles) · strengthened 7 → 8"
    );
}

#[test]
fn a_signal_that_only_weakened_is_not_news() {
    let composer = Composer::default();
    let first = composer.compose(&[seed()], None, morning()).unwrap();
    let weaker = {
        let mut value = seed_json();
        value["strength"] = 7.into();
        serde_json::from_value::<Signal>(value).unwrap()
    };
    let change = Change::detect(&weaker, first.snapshot());
    assert_eq!(change.to_string(), "weakened 8 → 7");
    assert_eq!(change.badge(), Badge::Weakened);
    assert!(!change.is_news());
    let quiet = quiet_of(
        composer
            .compose(std::slice::from_ref(&weaker), first.snapshot(), morning())
            .unwrap(),
    );
    assert_eq!(quiet.left_out()[0].change(), change);

    // A full digest still lists it, with its badge.
    let digest = Composer::new(Policy::builder().novelty(Novelty::Any).build().unwrap());
    let brief = brief_of(
        digest
            .compose(&[weaker], first.snapshot(), morning())
            .unwrap(),
    );
    assert_eq!(brief.items()[0].badge(), Badge::Weakened);
}

#[test]
fn an_unchanged_signal_is_detected_as_unchanged() {
    let first = Composer::default()
        .compose(&[seed()], None, morning())
        .unwrap();
    assert_eq!(Change::detect(&seed(), first.snapshot()), Change::Unchanged);
    assert_eq!(
        Change::Unchanged.to_string(),
        "unchanged since the last brief"
    );
}

#[test]
fn orders_by_strength_then_recency_then_id() {
    let signals = [
        signal("old-strong", 9, 1, 2),
        signal("new-weak", 6, 1, 20),
        signal("new-strong", 9, 1, 20),
        signal("b-tie", 7, 1, 10),
        signal("a-tie", 7, 1, 10),
    ];
    let brief = brief_of(
        Composer::default()
            .compose(&signals, None, morning())
            .unwrap(),
    );
    assert_eq!(
        ids(&brief),
        ["new-strong", "old-strong", "a-tie", "b-tie", "new-weak"]
    );

    let by_recency = Composer::new(
        Policy::builder()
            .order(ItemOrder::RecencyThenStrength)
            .build()
            .unwrap(),
    );
    let brief = brief_of(by_recency.compose(&signals, None, morning()).unwrap());
    assert_eq!(
        ids(&brief),
        ["new-strong", "new-weak", "a-tie", "b-tie", "old-strong"]
    );
}

#[test]
fn the_item_limit_keeps_the_best_and_counts_the_rest() {
    let signals: Vec<Signal> = (1..=10)
        .map(|s| signal(&format!("s{s}"), s, 1, 5))
        .collect();
    let composer = Composer::new(
        Policy::builder()
            .max_items(2)
            .min_strength(strength(4))
            .build()
            .unwrap(),
    );
    let brief = brief_of(composer.compose(&signals, None, morning()).unwrap());
    assert_eq!(ids(&brief), ["s10", "s9"]);
    let omissions = brief.omissions();
    assert_eq!(
        (
            omissions.below_strength(),
            omissions.unchanged(),
            omissions.over_limit()
        ),
        (3, 0, 5)
    );
    assert_eq!(
        omissions.to_string(),
        "3 signals below strength 4; 5 over the item limit"
    );
    // Only what was shown enters the snapshot: the rest stay new for next time.
    assert_eq!(brief.snapshot().len(), 2);
    let next = brief_of(
        composer
            .compose(&signals, Some(brief.snapshot()), morning())
            .unwrap(),
    );
    assert_eq!(ids(&next), ["s8", "s7"]);
    assert!(next.items().iter().all(|item| item.change() == Change::New));
    // The snapshot keeps what was shown before as well.
    assert_eq!(next.snapshot().len(), 4);
}

#[test]
fn rejects_duplicate_signal_ids() {
    let err = Composer::default()
        .compose(&[seed(), seed()], None, morning())
        .unwrap_err();
    assert!(matches!(err, ComposeError::DuplicateSignal { .. }));
    assert!(
        err.to_string()
            .contains("us-chip-export-controls-adversary-ai-self-sufficiency")
    );
}

#[test]
fn rejects_a_signal_reinforced_before_its_newest_source() {
    let mut value = seed_json();
    value["last_reinforced"] = "2026-05-21T00:00:00Z".into();
    let signal: Signal = serde_json::from_value(value).unwrap();
    let err = Composer::default()
        .compose(std::slice::from_ref(&signal), None, morning())
        .unwrap_err();
    let ComposeError::SourceAfterReinforcement { article, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(article, "the-g-2-reality");
    assert!(Composer::default().page(&signal, None).is_err());
    assert!(Composer::default().index(&[signal], None).is_err());
}

#[test]
fn snapshots_survive_a_json_round_trip() {
    let brief = brief_of(
        Composer::default()
            .compose(&[seed(), signal("x", 9, 2, 3)], None, morning())
            .unwrap(),
    );
    let json = serde_json::to_string(brief.snapshot()).unwrap();
    assert!(
        json.starts_with(r#"{"version":1,"brief_number":1,"#),
        "{json}"
    );
    let back: Snapshot = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, brief.snapshot());
    assert!(
        serde_json::from_str::<Snapshot>(&json.replace(r#""version":1"#, r#""version":9"#))
            .is_err()
    );
    let doubled = json.replace(r#""entries":["#, r#""entries":[{"id":"x","strength":9,"extraction_count":2,"last_reinforced":"2026-05-03T08:00:00Z","articles":[],"shown_at":"2026-05-27T07:00:00Z"},"#);
    assert!(serde_json::from_str::<Snapshot>(&doubled).is_err());
}

#[test]
fn briefs_survive_a_json_round_trip_and_an_empty_one_is_rejected() {
    let brief = brief_of(
        Composer::default()
            .compose(&[seed()], None, morning())
            .unwrap(),
    );
    let json = serde_json::to_value(&brief).unwrap();
    let back: bellwether_brief::Brief = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(back, brief);
    let mut empty = json;
    empty["items"] = serde_json::json!([]);
    assert!(serde_json::from_value::<bellwether_brief::Brief>(empty).is_err());
}

#[test]
fn pruning_forgets_signals_shown_long_ago() {
    let first = Composer::default()
        .compose(&[seed()], None, morning())
        .unwrap();
    let mut snapshot = first.snapshot().unwrap().clone();
    assert_eq!(snapshot.prune_before(morning()), 0);
    assert_eq!(snapshot.prune_before(morning() + Duration::days(30)), 1);
    assert_eq!(Change::detect(&seed(), Some(&snapshot)), Change::New);
}

#[test]
fn the_index_lists_every_signal_and_the_page_one() {
    let signals = [signal("weak", 2, 1, 3), seed()];
    let index = Composer::default().index(&signals, None).unwrap();
    let listed: Vec<&str> = index.entries().iter().map(|e| e.id().as_str()).collect();
    assert_eq!(
        listed,
        [
            "us-chip-export-controls-adversary-ai-self-sufficiency",
            "weak"
        ]
    );
    assert_eq!(index.coverage().articles(), 4);
    let page = Composer::default().page(&seed(), None).unwrap();
    assert_eq!(page.change(), Change::New);
    assert_eq!(page.signal(), &seed());
}

prop_compose! {
    fn arb_signals()(specs in proptest::collection::vec((1u8..=10, 1usize..4, 1u32..28), 0..20)) -> Vec<Signal> {
        specs.iter().enumerate().map(|(i, (s, a, d))| signal(&format!("g{i}"), *s, *a, *d)).collect()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn the_brief_matches_a_naive_filter_sort_and_cut(
        signals in arb_signals(),
        min in 1u8..=10,
        max_items in 1usize..6,
        shown_count in 0usize..20,
    ) {
        let policy = Policy::builder().min_strength(strength(min)).max_items(max_items).build().unwrap();
        let composer = Composer::new(policy);
        // Pretend a previous brief showed the first few signals as they are now.
        let shown: Vec<Signal> = signals.iter().take(shown_count).cloned().collect();
        let all = Composer::new(Policy::builder().novelty(Novelty::Any).max_items(bellwether_brief::MAX_BRIEF_ITEMS).min_strength(strength(1)).build().unwrap());
        let previous = all.compose(&shown, None, morning()).unwrap();
        let composed = composer.compose(&signals, previous.snapshot(), morning()).unwrap();

        // The oracle: keep strong signals not shown before, sort, cut.
        let mut expected: Vec<&Signal> = signals
            .iter()
            .skip(shown_count)
            .filter(|s| s.strength().value() >= min)
            .collect();
        expected.sort_by(|a, b| {
            b.strength().cmp(&a.strength())
                .then(b.last_reinforced().cmp(&a.last_reinforced()))
                .then(a.id().as_str().cmp(b.id().as_str()))
        });
        let over = expected.len().saturating_sub(max_items);
        expected.truncate(max_items);
        let expected: Vec<&str> = expected.iter().map(|s| s.id().as_str()).collect();
        let below = signals.iter().filter(|s| s.strength().value() < min).count();

        match composed {
            Composed::Brief(brief) => {
                prop_assert_eq!(ids(&brief), expected);
                let o = brief.omissions();
                prop_assert_eq!(o.below_strength(), below);
                prop_assert_eq!(o.over_limit(), over);
                prop_assert_eq!(o.total() + brief.items().len(), signals.len());
            }
            Composed::Quiet(quiet) => {
                prop_assert!(expected.is_empty());
                prop_assert_eq!(quiet.left_out().len(), signals.len());
                prop_assert!(!quiet.reasons().is_empty());
            }
        }
    }
}
