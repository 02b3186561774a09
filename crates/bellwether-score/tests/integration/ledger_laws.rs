//! The ledger is a CRDT and the score a pure function of it.

use bellwether_score::{Evidence, Ledger, Scorer};
use proptest::prelude::*;

use crate::common::{corpus, instant, ledger_of};

fn merged(parts: &[Ledger]) -> Ledger {
    let mut out = Ledger::new();
    for p in parts {
        let _ = out.merge(p);
    }
    out
}

fn split(evidence: &[Evidence], assignment: &[usize], k: usize) -> Vec<Ledger> {
    let mut parts = vec![Vec::new(); k];
    for (e, &to) in evidence.iter().zip(assignment.iter().cycle()) {
        parts[to % k].push(e.clone());
    }
    parts.iter().map(|p| ledger_of(p)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn merge_is_commutative_associative_and_idempotent(
        evidence in corpus(false),
        assignment in prop::collection::vec(0usize..3, 1..20),
        now in instant(),
    ) {
        let parts = split(&evidence, &assignment, 3);
        let (a, b, c) = (&parts[0], &parts[1], &parts[2]);
        let ab = merged(&[a.clone(), b.clone()]);
        let ba = merged(&[b.clone(), a.clone()]);
        prop_assert_eq!(&ab, &ba);
        let ab_c = merged(&[ab.clone(), c.clone()]);
        let bc = merged(&[b.clone(), c.clone()]);
        let a_bc = merged(&[a.clone(), bc]);
        prop_assert_eq!(&ab_c, &a_bc);
        let mut aa = a.clone();
        let _ = aa.merge(a);
        prop_assert_eq!(&aa, a);
        let scorer = Scorer::default();
        prop_assert_eq!(scorer.explain(&ab_c, now).unwrap(), scorer.explain(&a_bc, now).unwrap());
    }

    #[test]
    fn sharding_and_merging_in_any_order_gives_identical_scores(
        evidence in corpus(false),
        k in 1usize..5,
        assignment in prop::collection::vec(0usize..5, 1..20),
        order in Just((0usize..5).collect::<Vec<_>>()).prop_shuffle(),
        now in instant(),
    ) {
        let whole = ledger_of(&evidence);
        let parts = split(&evidence, &assignment, k);
        let reordered: Vec<Ledger> = order.iter().filter(|&&i| i < k).map(|&i| parts[i].clone()).collect();
        let combined = merged(&reordered);
        prop_assert_eq!(&combined, &whole);
        let scorer = Scorer::default();
        prop_assert_eq!(scorer.score(&combined, now).unwrap(), scorer.score(&whole, now).unwrap());
        prop_assert_eq!(scorer.explain(&combined, now).unwrap(), scorer.explain(&whole, now).unwrap());
    }

    #[test]
    fn insertion_order_does_not_change_the_score(
        evidence in corpus(false),
        seed in any::<u64>(),
        now in instant(),
    ) {
        let mut shuffled = evidence.clone();
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let scorer = Scorer::default();
        let (a, b) = (ledger_of(&evidence), ledger_of(&shuffled));
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(scorer.explain(&a, now).unwrap(), scorer.explain(&b, now).unwrap());
    }

    #[test]
    fn duplicate_delivery_changes_nothing(evidence in corpus(false), now in instant()) {
        let once = ledger_of(&evidence);
        let mut twice = once.clone();
        for e in &evidence {
            prop_assert!(!twice.insert(e.clone()).unwrap());
        }
        let _ = twice.merge(&once);
        prop_assert_eq!(&twice, &once);
        let scorer = Scorer::default();
        prop_assert_eq!(scorer.explain(&twice, now).unwrap(), scorer.explain(&once, now).unwrap());
    }

    #[test]
    fn serde_round_trip_preserves_ledger_and_score(evidence in corpus(false), now in instant()) {
        let ledger = ledger_of(&evidence);
        let json = serde_json::to_string(&ledger).unwrap();
        let back: Ledger = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &ledger);
        let scorer = Scorer::default();
        let explanation = scorer.explain(&back, now).unwrap();
        prop_assert_eq!(&explanation, &scorer.explain(&ledger, now).unwrap());
        let explanation_json = serde_json::to_string(&explanation).unwrap();
        let explanation_back: bellwether_score::Explanation = serde_json::from_str(&explanation_json).unwrap();
        prop_assert_eq!(explanation_back.total, explanation.total);
        prop_assert_eq!(explanation_back.origins, explanation.origins);
    }

    #[test]
    fn evidence_listing_rebuilds_an_equal_ledger(evidence in corpus(false)) {
        let ledger = ledger_of(&evidence);
        prop_assert_eq!(ledger_of(&ledger.evidence()), ledger);
    }
}

#[test]
fn scorer_configuration_round_trips_through_serde() {
    let scorer = Scorer::default().with_same_outlet_halvings(2).unwrap();
    let json = serde_json::to_string(&scorer).unwrap();
    assert_eq!(serde_json::from_str::<Scorer>(&json).unwrap(), scorer);
    let bad = json.replace("\"same_outlet_halvings\":2", "\"same_outlet_halvings\":40");
    assert!(serde_json::from_str::<Scorer>(&bad).is_err());
}
