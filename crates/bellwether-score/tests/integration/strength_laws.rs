//! Monotonicity, decay and time laws of the strength.

use bellwether_score::{Evidence, Grade, HalfLife, Ledger, Scorer, Stance};
use chrono::TimeDelta;
use proptest::prelude::*;

use crate::common::{base, corpus, evidence, grade, instant, ledger_of};

/// Supporting evidence that is certainly a new origin: no fingerprint, a fresh article id.
fn fresh_support() -> impl Strategy<Value = Evidence> {
    (0usize..6, 0i64..40 * 86_400, grade(), 0.0f64..=1.0).prop_map(|(outlet, secs, grade, c)| {
        evidence(
            "fresh-article",
            "fresh-extraction",
            &format!("outlet{outlet}"),
            base() + TimeDelta::seconds(secs),
            grade,
            c,
            Stance::Supports,
            None,
        )
    })
}

fn with(evidence: &[Evidence], extra: Evidence) -> Ledger {
    let mut ledger = ledger_of(evidence);
    ledger.insert(extra).unwrap();
    ledger
}

fn better(grade: Grade) -> Grade {
    match grade {
        Grade::A | Grade::B => Grade::A,
        Grade::C => Grade::B,
        Grade::D | Grade::F => Grade::C,
        Grade::E => Grade::D,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn supporting_evidence_never_lowers_strength(
        evidence in corpus(false),
        extra in fresh_support(),
        now in instant(),
    ) {
        let scorer = Scorer::default();
        let before = scorer.score(&ledger_of(&evidence), now).unwrap();
        let after = scorer.score(&with(&evidence, extra), now).unwrap();
        prop_assert!(after.strength >= before.strength);
        prop_assert!(after.total >= before.total);
    }

    #[test]
    fn contradicting_evidence_never_raises_strength(
        evidence in corpus(false),
        extra in fresh_support(),
        now in instant(),
    ) {
        let contra = Evidence::builder()
            .article(extra.article().as_str())
            .outlet(extra.outlet().as_str())
            .published(extra.published())
            .grade(extra.grade())
            .match_confidence(extra.match_confidence().to_f64())
            .stance(Stance::Contradicts)
            .build()
            .unwrap();
        let scorer = Scorer::default();
        let before = scorer.score(&ledger_of(&evidence), now).unwrap();
        let after = scorer.score(&with(&evidence, contra), now).unwrap();
        prop_assert!(after.strength <= before.strength);
        prop_assert!(after.total <= before.total);
    }

    #[test]
    fn strength_is_monotone_in_reliability_and_confidence(
        evidence in corpus(true),
        pick in any::<prop::sample::Index>(),
        now in instant(),
    ) {
        let target = pick.get(&evidence).article().clone();
        let improved: Vec<Evidence> = evidence
            .iter()
            .map(|e| {
                if e.article() != &target {
                    return e.clone();
                }
                let mut b = Evidence::builder()
                    .article(e.article().as_str())
                    .extraction(e.extraction().as_str())
                    .outlet(e.outlet().as_str())
                    .published(e.published())
                    .grade(better(e.grade()))
                    .match_confidence((e.match_confidence().to_f64() + 0.1).min(1.0))
                    .stance(e.stance());
                if let Some(f) = e.fingerprint() {
                    b = b.fingerprint(*f);
                }
                b.build().unwrap()
            })
            .collect();
        let scorer = Scorer::default();
        let before = scorer.score(&ledger_of(&evidence), now).unwrap();
        let after = scorer.score(&ledger_of(&improved), now).unwrap();
        prop_assert!(after.strength >= before.strength);
        prop_assert!(after.total >= before.total);
    }

    #[test]
    fn strength_never_rises_with_time_alone(
        evidence in corpus(false),
        now in instant(),
        later in 0i64..60 * 86_400_000_000_000,
    ) {
        let ledger = ledger_of(&evidence);
        let scorer = Scorer::default();
        let before = scorer.score(&ledger, now).unwrap();
        let after = scorer.score(&ledger, now + TimeDelta::nanoseconds(later)).unwrap();
        prop_assert!(after.strength <= before.strength);
        prop_assert!(after.total <= before.total);
    }

    #[test]
    fn one_half_life_halves_the_support_within_rounding(evidence in corpus(true), extra_days in 40i64..100) {
        let ledger = ledger_of(&evidence);
        let scorer = Scorer::default();
        let now = base() + TimeDelta::days(extra_days);
        let h = HalfLife::DEFAULT.duration();
        let s0 = scorer.score(&ledger, now).unwrap().support.raw();
        let s1 = scorer.score(&ledger, now + h).unwrap().support.raw();
        let origins = scorer.explain(&ledger, now).unwrap().origins.len() as i64;
        prop_assert!((2 * s1 - s0).abs() <= 2 * origins + 2, "{} vs {}", s0, s1);
    }

    #[test]
    fn shifting_every_timestamp_and_now_changes_nothing(
        evidence in corpus(false),
        now in instant(),
        shift_secs in -20_000_000_000i64..20_000_000_000,
        shift_nanos in 0i64..1_000_000_000,
    ) {
        let shift = TimeDelta::seconds(shift_secs / 1000) + TimeDelta::nanoseconds(shift_nanos);
        let shifted: Vec<Evidence> = evidence
            .iter()
            .map(|e| {
                let mut b = Evidence::builder()
                    .article(e.article().as_str())
                    .extraction(e.extraction().as_str())
                    .outlet(e.outlet().as_str())
                    .published(e.published() + shift)
                    .grade(e.grade())
                    .match_confidence(e.match_confidence().to_f64())
                    .stance(e.stance());
                if let Some(f) = e.fingerprint() {
                    b = b.fingerprint(*f);
                }
                b.build().unwrap()
            })
            .collect();
        let scorer = Scorer::default();
        let a = scorer.explain(&ledger_of(&evidence), now).unwrap();
        let b = scorer.explain(&ledger_of(&shifted), now + shift).unwrap();
        prop_assert_eq!(a.strength, b.strength);
        prop_assert_eq!(a.total, b.total);
        prop_assert_eq!(a.next_drop.map(|t| t + shift), b.next_drop);
        let contributions = |e: &bellwether_score::Explanation| e.origins.iter().map(|o| (o.origin.clone(), o.contribution, o.decay)).collect::<Vec<_>>();
        prop_assert_eq!(contributions(&a), contributions(&b));
    }

    #[test]
    fn next_drop_is_exact(evidence in corpus(false), now in instant()) {
        let ledger = ledger_of(&evidence);
        let scorer = Scorer::default();
        let e = scorer.explain(&ledger, now).unwrap();
        match e.next_drop {
            None => prop_assert_eq!(e.strength.get(), 1),
            Some(drop) => {
                prop_assert!(drop > now);
                let just_before = scorer.score(&ledger, drop - TimeDelta::nanoseconds(1)).unwrap();
                let at = scorer.score(&ledger, drop).unwrap();
                prop_assert_eq!(just_before.strength, e.strength);
                prop_assert!(at.strength < e.strength);
            }
        }
    }
}

#[test]
fn category_half_life_slows_decay() {
    use bellwether_score::DecayPolicy;
    let ledger = ledger_of(&[evidence(
        "a",
        "x",
        "o",
        base(),
        Grade::A,
        1.0,
        Stance::Supports,
        None,
    )]);
    let scorer = Scorer::default().with_decay(
        DecayPolicy::default()
            .with_category("structural", HalfLife::new(TimeDelta::days(90)).unwrap())
            .unwrap(),
    );
    let now = base() + TimeDelta::days(30);
    let fast = scorer.score(&ledger, now).unwrap();
    let slow = scorer.score_category(&ledger, "structural", now).unwrap();
    assert!(slow.total > fast.total);
    assert_eq!(
        scorer
            .explain_category(&ledger, "structural", now)
            .unwrap()
            .total,
        slow.total
    );
}

#[test]
fn rejects_now_out_of_range() {
    let ledger = Ledger::new();
    let far: chrono::DateTime<chrono::Utc> = "2300-01-01T00:00:00Z".parse().unwrap();
    assert!(matches!(
        Scorer::default().score(&ledger, far),
        Err(bellwether_score::ScoreError::TimestampOutOfRange { what: "now", .. })
    ));
}

#[test]
fn empty_ledger_scores_one_and_never_drops() {
    let e = Scorer::default().explain(&Ledger::new(), base()).unwrap();
    assert_eq!(e.strength.get(), 1);
    assert_eq!(e.next_drop, None);
    assert_eq!(e.first_seen, None);
    assert_eq!(e.effective_sources, 0.0);
}
