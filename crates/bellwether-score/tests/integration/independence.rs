//! Syndicated copies count once; several stories from one outlet are discounted.

use bellwether_score::{Evidence, Fingerprint, Grade, Ledger, Scorer, Stance};
use chrono::TimeDelta;
use proptest::prelude::*;

use crate::common::{base, bodies, corpus, evidence, grade, instant, ledger_of};

/// A copy of `original`'s body under a new article id, published `delay` after the origin's first
/// appearance, from `outlet`.
fn copy_of(
    ledger: &Ledger,
    original: &Evidence,
    outlet: &str,
    delay: TimeDelta,
    grade: Grade,
    confidence: f64,
) -> Evidence {
    let explanation = Scorer::default().explain(ledger, base()).unwrap();
    let first = explanation
        .origins
        .iter()
        .filter(|o| o.stance == original.stance() && o.articles.contains(original.article()))
        .map(|o| o.first_appearance)
        .min()
        .unwrap();
    evidence(
        "copy-article",
        "copy-extraction",
        outlet,
        first + delay,
        grade,
        confidence,
        original.stance(),
        original.fingerprint().copied(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_further_copy_of_a_known_origin_never_changes_strength(
        evidence in corpus(false),
        pick in any::<prop::sample::Index>(),
        delay_ns in 1i64..30 * 86_400_000_000_000,
        copy_grade in grade(),
        confidence in 0.0f64..=1.0,
        now in instant(),
    ) {
        let ledger = ledger_of(&evidence);
        let recorded = ledger.evidence();
        let with_text: Vec<&Evidence> = recorded.iter().filter(|e| e.fingerprint().is_some()).collect();
        prop_assume!(!with_text.is_empty());
        let original = pick.get(&with_text);
        // A further copy from an outlet that already carries the story.
        let copy = copy_of(&ledger, original, original.outlet().as_str(), TimeDelta::nanoseconds(delay_ns), copy_grade, confidence);
        let mut grown = ledger.clone();
        grown.insert(copy).unwrap();
        let scorer = Scorer::default();
        let (before, after) = (scorer.score(&ledger, now).unwrap(), scorer.score(&grown, now).unwrap());
        prop_assert_eq!(before, after);
    }

    #[test]
    fn once_syndicated_further_pickups_change_nothing_and_the_first_never_lowers(
        evidence in corpus(false),
        pick in any::<prop::sample::Index>(),
        delay_ns in 1i64..30 * 86_400_000_000_000,
        now in instant(),
    ) {
        let ledger = ledger_of(&evidence);
        let recorded = ledger.evidence();
        let with_text: Vec<&Evidence> = recorded.iter().filter(|e| e.fingerprint().is_some() && e.stance() == Stance::Supports).collect();
        prop_assume!(!with_text.is_empty());
        let original = pick.get(&with_text);
        let scorer = Scorer::default();
        let first_pickup = copy_of(&ledger, original, "pickup-outlet-1", TimeDelta::nanoseconds(delay_ns), Grade::A, 1.0);
        let mut once = ledger.clone();
        once.insert(first_pickup).unwrap();
        let before = scorer.score(&ledger, now).unwrap();
        let after_first = scorer.score(&once, now).unwrap();
        prop_assert!(after_first.total >= before.total);
        prop_assert!(after_first.strength >= before.strength);
        let mut second = evidence_with_id(copy_of(&once, original, "pickup-outlet-2", TimeDelta::nanoseconds(delay_ns), Grade::A, 1.0), "copy-2");
        second = evidence_with_id(second, "copy-2");
        let mut twice = once.clone();
        twice.insert(second).unwrap();
        prop_assert_eq!(scorer.score(&twice, now).unwrap(), after_first);
    }

    #[test]
    fn same_outlet_stories_are_discounted_against_an_oracle(
        weights in prop::collection::vec((grade(), 0.0f64..=1.0), 1..8),
        halvings in 0u32..4,
    ) {
        let scorer = Scorer::default().with_same_outlet_halvings(halvings).unwrap();
        let same: Vec<Evidence> = weights.iter().enumerate().map(|(i, (g, c))| {
            evidence(&format!("s{i}"), "x", "one-outlet", base(), *g, *c, Stance::Supports, None)
        }).collect();
        let spread: Vec<Evidence> = weights.iter().enumerate().map(|(i, (g, c))| {
            evidence(&format!("s{i}"), "x", &format!("outlet{i}"), base(), *g, *c, Stance::Supports, None)
        }).collect();
        // Oracle: fresh evidence has decay 1, so each value is reliability × confidence.
        let table = scorer.reliability();
        let mut values: Vec<u64> = same.iter().map(|e| (table.weight(e.grade()) * e.match_confidence()).raw()).collect();
        values.sort_unstable_by(|a, b| b.cmp(a));
        let expect_same: u64 = values.iter().enumerate().map(|(k, v)| v.checked_shr(k as u32 * halvings).unwrap_or(0)).sum();
        let expect_spread: u64 = values.iter().sum();
        let s = scorer.score(&ledger_of(&same), base()).unwrap();
        let d = scorer.score(&ledger_of(&spread), base()).unwrap();
        prop_assert_eq!(s.total.raw(), expect_same as i64);
        prop_assert_eq!(d.total.raw(), expect_spread as i64);
        prop_assert!(s.strength <= d.strength);
    }
}

fn evidence_with_id(e: Evidence, id: &str) -> Evidence {
    let mut b = Evidence::builder()
        .article(id)
        .extraction(e.extraction().as_str())
        .outlet(e.outlet().as_str())
        .published(e.published())
        .grade(e.grade())
        .match_confidence(e.match_confidence().to_f64())
        .stance(e.stance());
    if let Some(f) = e.fingerprint() {
        b = b.fingerprint(*f);
    }
    b.build().unwrap()
}

#[test]
fn ten_syndicated_copies_count_as_one_report() {
    let body = bodies()[0];
    let one = ledger_of(&[evidence(
        "wire",
        "x",
        "wire-service",
        base(),
        Grade::A,
        1.0,
        Stance::Supports,
        Some(body),
    )]);
    let mut ten = one.clone();
    for i in 0..9 {
        ten.insert(evidence(
            &format!("reprint-{i}"),
            "x",
            "wire-service",
            base() + TimeDelta::hours(i + 1),
            Grade::B,
            1.0,
            Stance::Supports,
            Some(body),
        ))
        .unwrap();
    }
    let scorer = Scorer::default();
    let now = base() + TimeDelta::days(1);
    assert_eq!(
        scorer.score(&ten, now).unwrap(),
        scorer.score(&one, now).unwrap()
    );
    let e = scorer.explain(&ten, now).unwrap();
    assert_eq!(e.origins.len(), 1);
    assert_eq!(e.origins[0].articles.len(), 10);
    assert_eq!(e.article_count, 10);
}

#[test]
fn near_identical_texts_from_real_prose_form_one_origin() {
    let story = "Chinese AI firms are relying on distillation attacks to offset deficits in AI \
        computing power and illicitly reproduce the core capabilities of US models, the White House \
        said on Thursday, describing an industrial-scale campaign that officials say has targeted \
        several American laboratories over the past year. Officials declined to name the companies.";
    let reprint = format!("WASHINGTON — {story} (Additional reporting by the wire desk.)");
    let independent = "The launch of DeepSeek, the large language model created in China that \
        performs comparably to American equivalents at a fraction of the price, suggests export \
        controls pushed Chinese firms to accelerate domestic alternatives instead of giving up.";
    let fp = |t: &str| Some(Fingerprint::of_text(t).unwrap());
    let ledger = ledger_of(&[
        evidence(
            "a",
            "x",
            "outlet-a",
            base(),
            Grade::B,
            1.0,
            Stance::Supports,
            fp(story),
        ),
        evidence(
            "b",
            "x",
            "outlet-b",
            base(),
            Grade::B,
            1.0,
            Stance::Supports,
            fp(&reprint),
        ),
        evidence(
            "c",
            "x",
            "outlet-c",
            base(),
            Grade::B,
            1.0,
            Stance::Supports,
            fp(independent),
        ),
    ]);
    let e = Scorer::default().explain(&ledger, base()).unwrap();
    assert_eq!(e.origins.len(), 2);
    let syndicated = e.origins.iter().find(|o| o.articles.len() == 2).unwrap();
    assert_eq!(syndicated.outlets.len(), 2);
}

#[test]
fn first_pickup_by_a_second_outlet_can_raise_strength_slightly() {
    // One outlet with two stories: the weaker is discounted. When another outlet picks the
    // weaker one up, it becomes a syndicated story counted at full value: the documented edge.
    let strong = evidence(
        "strong",
        "x",
        "home",
        base(),
        Grade::A,
        1.0,
        Stance::Supports,
        Some(bodies()[1]),
    );
    let weak = evidence(
        "weak",
        "x",
        "home",
        base(),
        Grade::C,
        1.0,
        Stance::Supports,
        Some(bodies()[2]),
    );
    let ledger = ledger_of(&[strong, weak]);
    let pickup = evidence(
        "pickup",
        "x",
        "elsewhere",
        base() + TimeDelta::hours(2),
        Grade::C,
        1.0,
        Stance::Supports,
        Some(bodies()[2]),
    );
    let mut picked = ledger.clone();
    picked.insert(pickup).unwrap();
    let scorer = Scorer::default();
    let (before, after) = (
        scorer.score(&ledger, base()).unwrap(),
        scorer.score(&picked, base()).unwrap(),
    );
    assert!(after.total > before.total);
    assert!(
        (after.total.to_f64() - before.total.to_f64() - 0.3).abs() < 1e-6,
        "0.6 now counts fully instead of halved"
    );
    let again = evidence(
        "pickup-2",
        "x",
        "third",
        base() + TimeDelta::hours(3),
        Grade::A,
        1.0,
        Stance::Supports,
        Some(bodies()[2]),
    );
    let mut twice = picked.clone();
    twice.insert(again).unwrap();
    assert_eq!(scorer.score(&twice, base()).unwrap(), after);
}

#[test]
fn an_earlier_copy_reveals_an_older_story_and_may_lower_strength() {
    let late = evidence(
        "late",
        "x",
        "o1",
        base() + TimeDelta::days(20),
        Grade::B,
        1.0,
        Stance::Supports,
        Some(bodies()[3]),
    );
    let ledger = ledger_of(&[late]);
    let mut revealed = ledger.clone();
    revealed
        .insert(evidence(
            "early",
            "x",
            "o2",
            base(),
            Grade::B,
            1.0,
            Stance::Supports,
            Some(bodies()[3]),
        ))
        .unwrap();
    let scorer = Scorer::default();
    let now = base() + TimeDelta::days(20);
    assert!(
        scorer.score(&revealed, now).unwrap().total < scorer.score(&ledger, now).unwrap().total
    );
}
