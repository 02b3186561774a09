//! A quote's anchors as renderers highlight them: the spans the pipeline placed, merged.
//!
//! Nothing here searches the quote: where an anchor is was decided once, when the quote was
//! verified (or, for a quote written by hand, when it was read), and is stored as byte spans of
//! the quote's text ([`Quote::anchor_spans`]).

use std::ops::Range;

use bellwether_signal::Quote;

/// The byte ranges of `text` to highlight for `spans`, sorted, disjoint and never touching
/// (overlapping or adjacent anchors merge into one range). A span that is empty or does not
/// fit `text` on char boundaries adds nothing (a [`Quote`] holds none such).
pub(crate) fn anchor_ranges(
    text: &str,
    spans: impl IntoIterator<Item = Range<usize>>,
) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = spans
        .into_iter()
        .filter(|range| range.start < range.end && text.get(range.clone()).is_some())
        .collect();
    ranges.sort_by_key(|range| (range.start, range.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

/// A piece of a quote: plain, or part of an anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Segment<'a> {
    /// Text outside every anchor.
    Plain(&'a str),
    /// Text inside an anchor.
    Anchor(&'a str),
}

/// Splits `quote`'s text into plain and anchor segments at its anchor spans (see
/// [`anchor_ranges`]), in order, none empty; they concatenate back to the text.
pub(crate) fn segments(quote: &Quote) -> Vec<Segment<'_>> {
    let spans = quote.anchor_spans().iter().map(|s| s.start()..s.end());
    segments_at(quote.text(), anchor_ranges(quote.text(), spans))
}

fn segments_at(text: &str, ranges: Vec<Range<usize>>) -> Vec<Segment<'_>> {
    let mut pieces = Vec::new();
    let mut position = 0;
    for range in ranges {
        if range.start > position {
            pieces.push(Segment::Plain(&text[position..range.start]));
        }
        pieces.push(Segment::Anchor(&text[range.clone()]));
        position = range.end;
    }
    if position < text.len() {
        pieces.push(Segment::Plain(&text[position..]));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use bellwether_signal::ByteSpan;
    use proptest::prelude::*;

    fn highlighted(quote: &Quote) -> Vec<&str> {
        segments(quote)
            .into_iter()
            .filter_map(|s| match s {
                Segment::Anchor(t) => Some(t),
                Segment::Plain(_) => None,
            })
            .collect()
    }

    #[test]
    fn highlights_the_placed_span_only() {
        // The second "AI", where the span says, not every occurrence.
        let quote =
            Quote::anchored("AI said: AI is AI-driven", &[ByteSpan::new(9, 11).unwrap()]).unwrap();
        assert_eq!(
            segments(&quote),
            [
                Segment::Plain("AI said: "),
                Segment::Anchor("AI"),
                Segment::Plain(" is AI-driven")
            ]
        );
    }

    #[test]
    fn finds_the_seed_anchors_where_the_signal_placed_them() {
        let quote = Quote::new(
            "The launch of DeepSeek, the large language model created in China",
            &["deepseek"],
        )
        .unwrap();
        assert_eq!(highlighted(&quote), ["DeepSeek"]);
    }

    #[test]
    fn merges_overlapping_and_adjacent_anchors() {
        let quote = Quote::new(
            "distillation attacks to offset deficits in AI computing power",
            &["attacks to offset", "offset deficits", "distillation"],
        )
        .unwrap();
        assert_eq!(
            highlighted(&quote),
            ["distillation", "attacks to offset deficits"]
        );
        let quote = Quote::new("x a-b y", &["a-", "b"]).unwrap();
        assert_eq!(highlighted(&quote), ["a-b"]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn segments_put_the_quote_back_together_and_mark_exactly_the_spans(
            text in "[abAB ÄäΣσς.kK\u{212A}-]{0,12}[ab][abAB ÄäΣσς.kK\u{212A}-]{0,12}",
            picks in proptest::collection::vec((0usize..30, 1usize..5), 1..5),
        ) {
            let text = text.trim().to_owned();
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let mut spans = Vec::new();
            for (start, width) in picks {
                let start = start % (bounds.len() - 1);
                let end = (start + width).min(bounds.len() - 1);
                let span = ByteSpan::new(bounds[start], bounds[end]).unwrap();
                let words = &text[span.start()..span.end()];
                if words.trim() == words && !spans.contains(&span) {
                    spans.push(span);
                }
            }
            prop_assume!(!spans.is_empty());
            let quote = Quote::anchored(&text, &spans).unwrap();
            let pieces = segments(&quote);
            let mut offset = 0;
            let mut marked = vec![false; text.len()];
            for piece in &pieces {
                let (Segment::Plain(t) | Segment::Anchor(t)) = *piece;
                prop_assert!(!t.is_empty());
                if matches!(piece, Segment::Anchor(_)) {
                    marked[offset..offset + t.len()].iter_mut().for_each(|m| *m = true);
                }
                offset += t.len();
            }
            prop_assert_eq!(offset, text.len());
            let joined: String = pieces.iter().map(|s| match *s { Segment::Plain(t) | Segment::Anchor(t) => t }).collect();
            prop_assert_eq!(&joined, &text);
            // A byte is marked exactly when some anchor span covers it.
            for (i, m) in marked.iter().enumerate() {
                let covered = spans.iter().any(|s| s.start() <= i && i < s.end());
                prop_assert_eq!(*m, covered, "byte {} of {:?}", i, text);
            }
            // Two anchor segments are never adjacent: they would have been merged.
            for pair in pieces.windows(2) {
                prop_assert!(!matches!(pair, [Segment::Anchor(_), Segment::Anchor(_)]));
            }
        }
    }
}
