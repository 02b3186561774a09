//! Explanations add up and reproduce the strength.

use bellwether_score::{Scorer, Stance};
use proptest::prelude::*;

use crate::common::{corpus, instant, ledger_of};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn explanation_is_consistent_with_the_score(evidence in corpus(false), now in instant()) {
        let ledger = ledger_of(&evidence);
        let scorer = Scorer::default();
        let e = scorer.explain(&ledger, now).unwrap();
        let score = scorer.score(&ledger, now).unwrap();
        prop_assert_eq!(e.strength, score.strength);
        prop_assert_eq!(e.total, score.total);
        prop_assert_eq!(e.support, score.support);
        prop_assert_eq!(e.contradiction, score.contradiction);
        let sum: i64 = e.origins.iter().map(|o| o.contribution.raw()).sum();
        prop_assert_eq!(sum, e.total.raw());
        prop_assert_eq!(e.recompute_strength(), e.strength);
        for o in &e.origins {
            prop_assert_eq!(o.recompute(), o.contribution);
            prop_assert_eq!(o.contribution.raw() >= 0, o.stance == Stance::Supports);
            prop_assert!(!o.articles.is_empty() && !o.outlets.is_empty());
            prop_assert_eq!(&o.origin, &o.articles[0]);
        }
        prop_assert_eq!(e.article_count, ledger.article_count());
        prop_assert_eq!(e.extraction_count, ledger.extraction_count());
        // Each article appears in at most one origin per stance.
        let mut seen = std::collections::BTreeSet::new();
        for o in &e.origins {
            for a in &o.articles {
                prop_assert!(seen.insert((o.stance, a.clone())));
            }
        }
        let supporting = e.origins.iter().filter(|o| o.stance == Stance::Supports && o.contribution.raw() > 0).count();
        prop_assert!(e.effective_sources <= supporting as f64 + 1e-9);
    }
}
