//! Quote location on arbitrary text and quote: `quote\0article`.
//!
//! Whatever the input, `Locator::locate` returns a match or a typed error without panicking;
//! every span it reports (best match, every occurrence, every elided segment) lies inside the
//! article on char boundaries with char and UTF-16 counts that agree with the text (so does the
//! closest passage an error names); and a quote copied verbatim from a plain ASCII article
//! (whole words, long enough) is always found.

#![no_main]

use bellwether::anchor::{LocateError, Locator, PreparedText, Rung, Span};
use bellwether_fuzz::{assert_char_range, char_and_utf16, split_pair};
use libfuzzer_sys::fuzz_target;

fn check_span(article: &str, span: &Span, what: &str) {
    let bytes = span.bytes();
    assert_char_range(article, &bytes, what);
    let (chars, utf16) = char_and_utf16(article, &bytes);
    assert_eq!(
        span.chars(),
        chars,
        "{what}: char range disagrees with the text"
    );
    assert_eq!(
        span.utf16(),
        utf16,
        "{what}: UTF-16 range disagrees with the text"
    );
}

/// Plain ASCII words separated by single spaces: text where normalisation is only case folding,
/// so a verbatim substring on word boundaries must be found.
fn is_plain_words(text: &str) -> bool {
    !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b' ')
        && !text.starts_with(' ')
        && !text.ends_with(' ')
        && !text.contains("  ")
}

fuzz_target!(|data: &[u8]| {
    let (quote, article) = split_pair(data);
    let prepared = PreparedText::new(&article);
    assert_eq!(prepared.original(), article);
    let result = Locator::new().locate(&prepared, &quote);
    match &result {
        Ok(found) => {
            check_span(&article, found.span(), "best span");
            assert!(found.occurrence_count() >= 1);
            for occurrence in found.occurrences() {
                check_span(&article, occurrence, "occurrence");
            }
            if !found.occurrences().is_empty() {
                assert!(
                    found.occurrences().contains(found.span()),
                    "the best span is one of the occurrences"
                );
                let starts = found.occurrences().iter().map(|o| o.bytes().start);
                assert!(
                    starts.clone().zip(starts.skip(1)).all(|(a, b)| a <= b),
                    "text order"
                );
            }
            let score = found.score();
            assert!((0.0..=1.0).contains(&score), "score {score} out of range");
            if let Rung::Elided { segments, .. } = found.rung() {
                let whole = found.span().bytes();
                for segment in segments {
                    check_span(&article, segment, "elided segment");
                    let piece = segment.bytes();
                    assert!(
                        whole.start <= piece.start && piece.end <= whole.end,
                        "segment {piece:?} outside the whole span {whole:?}"
                    );
                }
            }
            if matches!(found.rung(), Rung::Exact) {
                let span = found.span().bytes();
                assert_eq!(
                    &article[span],
                    quote.trim(),
                    "an exact match is the quote itself"
                );
            }
        }
        Err(error) => {
            // Every error renders a message, and the closest passage it names is real.
            let _ = error.to_string();
            let best = match error {
                LocateError::NotFound { best, .. } => best.as_deref(),
                LocateError::Misquoted { best, .. } => Some(&**best),
                _ => None,
            };
            if let Some(best) = best {
                check_span(&article, &best.span, "closest passage");
                assert!(
                    (0.0..=1.0).contains(&best.score),
                    "candidate score {}",
                    best.score
                );
            }
        }
    }

    // Oracle: a verbatim run of whole words of a plain article is found, once long enough.
    if is_plain_words(&article) && is_plain_words(&quote) && quote.len() >= 12 {
        let padded_article = format!(" {article} ");
        if padded_article.contains(&format!(" {quote} ")) {
            match result {
                Ok(found) => {
                    let span = found.span().bytes();
                    assert!(
                        article[span].eq_ignore_ascii_case(&quote),
                        "verbatim quote {quote:?} matched {:?}",
                        &article[found.span().bytes()]
                    );
                }
                // Short quotes are ambiguous; quotes past the 8 KiB limit are refused unread.
                Err(LocateError::QuoteTooShort { .. } | LocateError::QuoteTooLong { .. }) => {}
                Err(error) => panic!("verbatim quote {quote:?} not found: {error}"),
            }
        }
    }
});
