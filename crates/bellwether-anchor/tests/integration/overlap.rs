//! Overlap detection against a naive pairwise oracle.

use std::ops::Range;

use bellwether_anchor::{OverlapKind, PlacedQuote, find_overlaps, merge_overlapping};
use proptest::prelude::*;

fn naive_overlaps(spans: &[Range<usize>]) -> Vec<(usize, usize, OverlapKind)> {
    let mut pairs = Vec::new();
    for i in 0..spans.len() {
        for j in i + 1..spans.len() {
            let (a, b) = (&spans[i], &spans[j]);
            if a.is_empty() || b.is_empty() || a.end <= b.start || b.end <= a.start {
                continue;
            }
            let kind = if a == b {
                OverlapKind::Identical
            } else if a.start <= b.start && b.end <= a.end {
                OverlapKind::Contains
            } else if b.start <= a.start && a.end <= b.end {
                OverlapKind::Within
            } else {
                OverlapKind::Partial
            };
            pairs.push((i, j, kind));
        }
    }
    pairs
}

fn spans() -> impl Strategy<Value = Vec<Range<usize>>> {
    prop::collection::vec((0usize..60, 0usize..20).prop_map(|(s, l)| s..s + l), 0..16)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn overlap_detection_equals_the_pairwise_oracle(spans in spans()) {
        let found: Vec<_> =
            find_overlaps(&spans).into_iter().map(|o| (o.first, o.second, o.kind)).collect();
        prop_assert_eq!(found, naive_overlaps(&spans));
    }

    #[test]
    fn merging_joins_exactly_the_connected_overlaps(spans in spans()) {
        let spans: Vec<Range<usize>> = spans.into_iter().filter(|s| !s.is_empty()).collect();
        let article = "x".repeat(100);
        let quotes: Vec<PlacedQuote> = spans
            .iter()
            .enumerate()
            .map(|(i, s)| PlacedQuote { span: s.clone(), anchors: vec![format!("a{}", i % 3)] })
            .collect();
        let merged = merge_overlapping(&article, &quotes).unwrap();
        let group_of = |i: usize| merged.iter().position(|m| m.members.contains(&i)).unwrap();
        // Every quote is in exactly one group, inside its span, with its anchors.
        prop_assert_eq!(merged.iter().map(|m| m.members.len()).sum::<usize>(), spans.len());
        for (i, span) in spans.iter().enumerate() {
            let group = &merged[group_of(i)];
            prop_assert!(group.span.start <= span.start && span.end <= group.span.end);
            prop_assert!(group.anchors.contains(&quotes[i].anchors[0]));
        }
        // Overlapping quotes share a group; distinct groups do not overlap.
        for (i, j, _) in naive_overlaps(&spans) {
            prop_assert_eq!(group_of(i), group_of(j));
        }
        for pair in merged.windows(2) {
            prop_assert!(pair[0].span.end <= pair[1].span.start);
        }
    }
}
