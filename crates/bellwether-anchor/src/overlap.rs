//! Overlapping quotes of one article: find them, and merge them keeping every anchor.
//!
//! A model often quotes a sentence and then, separately, a clause of the same sentence (the seed's
//! White House article does). Both quotes are true, but a brief that shows both repeats itself.
//! [`find_overlaps`] reports every pair of quote spans that share at least one byte, and
//! [`merge_overlapping`] joins each connected group of such quotes into one quote spanning the
//! group, carrying the anchors of all its members.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// How two overlapping spans lie relative to each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum OverlapKind {
    /// Both spans cover the same bytes.
    Identical,
    /// The first span contains the second (and is longer).
    Contains,
    /// The first span lies inside the second (which is longer).
    Within,
    /// Each span has bytes the other lacks.
    Partial,
}

/// One pair of overlapping spans, by index into the slice given to [`find_overlaps`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Overlap {
    /// Index of the first span of the pair (always less than `second`).
    pub first: usize,
    /// Index of the second span of the pair.
    pub second: usize,
    /// How the first span lies relative to the second.
    pub kind: OverlapKind,
    /// The bytes the two spans share.
    pub shared: Range<usize>,
}

/// Why quotes could not be merged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OverlapError {
    /// A quote's span is empty, reversed, past the end of the article or not on char boundaries.
    #[error(
        "quote {index} has span {start}..{end}, which is not a non-empty range on char boundaries \
         of the {article_len}-byte article; pass the span reported when the quote was located"
    )]
    InvalidSpan {
        /// Index of the quote.
        index: usize,
        /// Start of the span.
        start: usize,
        /// End of the span.
        end: usize,
        /// Length of the article in bytes.
        article_len: usize,
    },
}

/// A located quote of one article, as input to [`merge_overlapping`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PlacedQuote {
    /// The quote's byte span in the article.
    pub span: Range<usize>,
    /// The quote's anchors.
    pub anchors: Vec<String>,
}

/// One quote after merging: a group of overlapping quotes, or a quote that overlaps nothing.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MergedQuote {
    /// The byte span in the article covering every member.
    pub span: Range<usize>,
    /// The article's text on that span: the merged quote, verbatim.
    pub text: String,
    /// The anchors of all members, each once, in order of first appearance (members taken in
    /// input order).
    pub anchors: Vec<String>,
    /// Indices of the input quotes merged here, ascending.
    pub members: Vec<usize>,
}

impl MergedQuote {
    /// True when this quote was made from more than one input quote.
    pub fn is_merged(&self) -> bool {
        self.members.len() > 1
    }
}

/// Finds every pair of spans that share at least one byte.
///
/// Spans that only touch (`0..5` and `5..9`) do not overlap; empty spans overlap nothing. Pairs
/// come sorted by `(first, second)`. The sweep sorts the spans once and compares each only with
/// spans still open at its start, so the cost is `O(n log n + pairs)`.
///
/// # Example
///
/// ```
/// use bellwether_anchor::{OverlapKind, find_overlaps};
///
/// // The seed's White House article: the second quote lies inside the first.
/// let overlaps = find_overlaps(&[10..160, 42..155, 300..340]);
/// assert_eq!(overlaps.len(), 1);
/// assert_eq!((overlaps[0].first, overlaps[0].second), (0, 1));
/// assert_eq!(overlaps[0].kind, OverlapKind::Contains);
/// ```
pub fn find_overlaps(spans: &[Range<usize>]) -> Vec<Overlap> {
    let mut order: Vec<usize> = (0..spans.len()).filter(|&i| !spans[i].is_empty()).collect();
    order.sort_by_key(|&i| (spans[i].start, i));
    let mut open: Vec<usize> = Vec::new();
    let mut overlaps = Vec::new();
    for &current in &order {
        let span = &spans[current];
        open.retain(|&other| spans[other].end > span.start);
        for &other in &open {
            let (first, second) = if other < current {
                (other, current)
            } else {
                (current, other)
            };
            overlaps.push(describe(spans, first, second));
        }
        open.push(current);
    }
    overlaps.sort_by_key(|overlap| (overlap.first, overlap.second));
    overlaps
}

fn describe(spans: &[Range<usize>], first: usize, second: usize) -> Overlap {
    let (a, b) = (&spans[first], &spans[second]);
    let kind = if a == b {
        OverlapKind::Identical
    } else if a.start <= b.start && b.end <= a.end {
        OverlapKind::Contains
    } else if b.start <= a.start && a.end <= b.end {
        OverlapKind::Within
    } else {
        OverlapKind::Partial
    };
    Overlap {
        first,
        second,
        kind,
        shared: a.start.max(b.start)..a.end.min(b.end),
    }
}

/// Merges each connected group of overlapping quotes into one quote spanning the group.
///
/// Quotes that overlap nothing come back alone. The result is sorted by span start; each merged
/// quote's text is the article's text on its span, and its anchors are those of its members,
/// each once.
///
/// # Errors
///
/// [`OverlapError::InvalidSpan`] when a span is empty, reversed, runs past the article or does
/// not fall on char boundaries.
///
/// Cost: O(k log k) for `k` quotes plus the merged text copied and the anchors compared, O(a²)
/// for `a` anchors of one group.
///
/// # Example
///
/// ```
/// use bellwether_anchor::{PlacedQuote, merge_overlapping};
///
/// let article = "Officials said Chinese AI firms are relying on distillation attacks to offset \
///                deficits in AI computing power.";
/// let whole = article.find("Chinese").unwrap()..article.len() - 1;
/// let part = article.find("distillation").unwrap()..article.len() - 1;
/// let merged = merge_overlapping(article, &[
///     PlacedQuote { span: whole.clone(), anchors: vec!["distillation attacks".into()] },
///     PlacedQuote { span: part, anchors: vec!["offset deficits in AI computing power".into()] },
/// ])?;
/// assert_eq!(merged.len(), 1);
/// assert_eq!(merged[0].span, whole);
/// assert_eq!(merged[0].anchors, ["distillation attacks", "offset deficits in AI computing power"]);
/// # Ok::<(), bellwether_anchor::OverlapError>(())
/// ```
pub fn merge_overlapping(
    article: &str,
    quotes: &[PlacedQuote],
) -> Result<Vec<MergedQuote>, OverlapError> {
    for (index, quote) in quotes.iter().enumerate() {
        let Range { start, end } = quote.span;
        let valid = start < end
            && end <= article.len()
            && article.is_char_boundary(start)
            && article.is_char_boundary(end);
        if !valid {
            return Err(OverlapError::InvalidSpan {
                index,
                start,
                end,
                article_len: article.len(),
            });
        }
    }
    let mut order: Vec<usize> = (0..quotes.len()).collect();
    order.sort_by_key(|&i| (quotes[i].span.start, i));
    let mut groups: Vec<(Range<usize>, Vec<usize>)> = Vec::new();
    for index in order {
        let span = &quotes[index].span;
        match groups.last_mut() {
            Some((group, members)) if span.start < group.end => {
                group.end = group.end.max(span.end);
                members.push(index);
            }
            _ => groups.push((span.clone(), vec![index])),
        }
    }
    Ok(groups
        .into_iter()
        .map(|(span, mut members)| {
            members.sort_unstable();
            let mut anchors: Vec<String> = Vec::new();
            for anchor in members.iter().flat_map(|&i| &quotes[i].anchors) {
                if !anchors.contains(anchor) {
                    anchors.push(anchor.clone());
                }
            }
            MergedQuote {
                text: article[span.clone()].to_owned(),
                span,
                anchors,
                members,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_each_kind_of_overlap() {
        let overlaps = find_overlaps(&[0..10, 0..10, 2..5, 8..20, 20..30, 5..5]);
        let kinds: Vec<_> = overlaps
            .iter()
            .map(|o| (o.first, o.second, o.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                (0, 1, OverlapKind::Identical),
                (0, 2, OverlapKind::Contains),
                (0, 3, OverlapKind::Partial),
                (1, 2, OverlapKind::Contains),
                (1, 3, OverlapKind::Partial),
            ]
        );
        assert_eq!(overlaps[2].shared, 8..10);
        assert_eq!(find_overlaps(&[5..8, 0..6])[0].kind, OverlapKind::Partial);
        assert_eq!(find_overlaps(&[3..4, 0..6])[0].kind, OverlapKind::Within);
    }

    #[test]
    fn touching_spans_do_not_overlap() {
        assert!(find_overlaps(&[0..5, 5..9]).is_empty());
    }

    #[test]
    fn merges_chains_and_keeps_singletons() {
        let article = "abcdefghijklmnopqrstuvwxyz";
        let quote = |span: Range<usize>, anchor: &str| PlacedQuote {
            span,
            anchors: vec![anchor.to_owned()],
        };
        let merged = merge_overlapping(
            article,
            &[
                quote(10..12, "k"),
                quote(0..4, "a"),
                quote(3..7, "d"),
                quote(6..8, "g"),
            ],
        )
        .unwrap();
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].span, 0..8);
        assert_eq!(merged[0].text, "abcdefgh");
        assert_eq!(merged[0].members, [1, 2, 3]);
        assert_eq!(merged[0].anchors, ["a", "d", "g"]);
        assert!(merged[0].is_merged());
        assert!(!merged[1].is_merged());
    }

    #[test]
    fn rejects_span_off_char_boundary() {
        let error = merge_overlapping(
            "né",
            &[PlacedQuote {
                span: 0..2,
                anchors: vec![],
            }],
        );
        assert!(matches!(
            error,
            Err(OverlapError::InvalidSpan { index: 0, .. })
        ));
    }
}
