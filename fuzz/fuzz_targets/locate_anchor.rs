//! Anchor location in a quote, on arbitrary quote and anchor: `quote\0anchor`.
//!
//! `locate_anchor` returns a match or a typed error without panicking; a match's span lies in
//! the quote on char boundaries, its text is the quote's text there, an exact match is the
//! anchor as written, and `locate_anchor_in` places the same anchor at the same place when the
//! quote is embedded in a longer article (and rejects a span that is not a char range).

#![no_main]

use bellwether::anchor::{
    AnchorError, MAX_ANCHOR_BYTES, MAX_ANCHOR_QUOTE_BYTES, locate_anchor, locate_anchor_in,
    locate_anchors,
};
use bellwether_fuzz::{assert_char_range, split_pair};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (quote, anchor) = split_pair(data);
    let result = locate_anchor(&quote, &anchor);
    match &result {
        Ok(found) => {
            assert_char_range(&quote, &found.span, "anchor span");
            assert_eq!(
                found.text,
                quote[found.span.clone()],
                "reported text is the quote's text"
            );
            assert!(
                found.occurrences >= 1,
                "a match has at least one occurrence"
            );
            if found.exact {
                assert_eq!(
                    found.text,
                    anchor.trim(),
                    "an exact match is the anchor as written"
                );
            }
        }
        Err(error) => {
            let _ = error.to_string();
            // Within the limits, a blank anchor is reported as such.
            if anchor.trim().is_empty()
                && quote.len() <= MAX_ANCHOR_QUOTE_BYTES
                && anchor.len() <= MAX_ANCHOR_BYTES
            {
                assert_eq!(error, &AnchorError::EmptyAnchor);
            }
        }
    }

    // The same anchor in the quote's span of a longer article: same answer, shifted.
    let prefix = "Officials said on Tuesday: \u{201C}";
    let article = format!("{prefix}{quote}\u{201D} and nothing more.");
    let span = prefix.len()..prefix.len() + quote.len();
    match (locate_anchor_in(&article, span.clone(), &anchor), &result) {
        (Ok(inside), Ok(alone)) => {
            assert_eq!(inside.span.start, alone.span.start + span.start);
            assert_eq!(inside.span.end, alone.span.end + span.start);
            assert_eq!(inside.text, alone.text);
        }
        (Err(inside), Err(alone)) => assert_eq!(&inside, alone),
        (inside, alone) => panic!("in article: {inside:?}, alone: {alone:?}"),
    }

    // A span that is reversed, past the end or inside a character is a typed error.
    if !quote.is_empty() {
        let past_end = 0..article.len() + 1;
        assert!(matches!(
            locate_anchor_in(&article, past_end, &anchor),
            Err(AnchorError::InvalidQuoteSpan { .. })
        ));
        let curly_inside = prefix.len() - 1..prefix.len() + quote.len();
        assert!(matches!(
            locate_anchor_in(&article, curly_inside, &anchor),
            Err(AnchorError::InvalidQuoteSpan { .. })
        ));
    }

    // Several anchors at once agree with one at a time.
    let many = locate_anchors(&quote, &[anchor.as_str(), anchor.as_str()]);
    match (&many, &result) {
        (Ok(all), Ok(one)) => assert!(all.iter().all(|m| m == one)),
        (Err(all), Err(one)) => assert_eq!(all, one),
        _ => panic!("locate_anchors disagrees with locate_anchor"),
    }
});
