//! Article identity bound to content: an id names one article, and the same id delivered with
//! another text, URL, outlet or publication time is refused, never silently replaced.
//!
//! The binding is a SHA-256 hash of those four fields (each length-prefixed, so no two
//! different articles concatenate to the same bytes). A cryptographic hash, not the pipeline's
//! FNV, because a feed is not trusted: a colliding forgery must not take over an id.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};

use crate::Article;
use crate::assemble::ArticleRecord;

/// The SHA-256 of an article's text, URL, outlet and publication time; saved as 64 lowercase
/// hexadecimal digits.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct ContentHash([u8; 32]);

impl ContentHash {
    /// The identity of `article`. Linear in its text (SHA-256 runs at several hundred MB/s).
    pub(crate) fn of(article: &Article) -> ContentHash {
        let source = article.source();
        let mut hasher = Sha256::new();
        let published = source.published().to_rfc3339();
        let url = source.url().map(ToString::to_string).unwrap_or_default();
        for field in [
            article.text(),
            url.as_str(),
            source.outlet(),
            published.as_str(),
        ] {
            hasher.update((field.len() as u64).to_le_bytes());
            hasher.update(field.as_bytes());
        }
        ContentHash(hasher.finalize().into())
    }
}

impl fmt::Debug for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|byte| write!(f, "{byte:02x}"))
    }
}

impl Serialize for ContentHash {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ContentHash {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let invalid = || serde::de::Error::custom("a content hash is 64 lowercase hex digits");
        if text.len() != 64 {
            return Err(invalid());
        }
        let mut bytes = [0u8; 32];
        for (byte, pair) in bytes.iter_mut().zip(text.as_bytes().chunks_exact(2)) {
            let digit = |c: u8| match c {
                b'0'..=b'9' => Some(c - b'0'),
                b'a'..=b'f' => Some(c - b'a' + 10),
                _ => None,
            };
            match (digit(pair[0]), digit(pair[1])) {
                (Some(high), Some(low)) => *byte = high << 4 | low,
                _ => return Err(invalid()),
            }
        }
        Ok(ContentHash(bytes))
    }
}

/// What differs between the recorded article and `article` with identity `content`, or
/// nothing when they are the same article.
///
/// A record without a content hash (written by a development build before hashes); for it only the URL, outlet and
/// publication time can be compared (its text was never kept).
pub(crate) fn differences(
    record: &ArticleRecord,
    article: &Article,
    content: &ContentHash,
) -> Vec<&'static str> {
    let (ours, theirs) = (&record.source, article.source());
    if record.content.as_ref() == Some(content) {
        return Vec::new();
    }
    let mut fields = Vec::new();
    if ours.url() != theirs.url() {
        fields.push("url");
    }
    if ours.outlet() != theirs.outlet() {
        fields.push("outlet");
    }
    if ours.published() != theirs.published() {
        fields.push("published");
    }
    if record.content.is_some() && fields.is_empty() {
        fields.push("text");
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signal::ArticleId;

    fn article(text: &str, outlet: &str, published: &str) -> Article {
        Article::new(
            ArticleId::new("a1").unwrap(),
            "Title",
            outlet,
            published.parse().unwrap(),
            text,
        )
        .unwrap()
    }

    #[test]
    fn the_hash_changes_with_each_bound_field_and_not_with_the_title() {
        let base = article("Some text.", "Wire", "2026-05-12T09:30:00Z");
        let hash = ContentHash::of(&base);
        let retitled = Article::new(
            base.id().clone(),
            "Another title",
            "Wire",
            base.source().published(),
            "Some text.",
        )
        .unwrap();
        assert_eq!(ContentHash::of(&retitled), hash);
        for other in [
            article("Some text!", "Wire", "2026-05-12T09:30:00Z"),
            article("Some text.", "Wires", "2026-05-12T09:30:00Z"),
            article("Some text.", "Wire", "2026-05-12T09:31:00Z"),
            base.clone()
                .with_url(crate::signal::WebUrl::new("https://example.com/a").unwrap()),
        ] {
            assert_ne!(ContentHash::of(&other), hash);
        }
        // Length prefixes: moving bytes between fields changes the hash.
        assert_ne!(
            ContentHash::of(&article("ab", "c", "2026-05-12T09:30:00Z")),
            ContentHash::of(&article("a", "bc", "2026-05-12T09:30:00Z"))
        );
    }

    #[test]
    fn the_hash_round_trips_as_hex_and_bad_hex_is_refused() {
        let hash = ContentHash::of(&article("Some text.", "Wire", "2026-05-12T09:30:00Z"));
        let json = serde_json::to_string(&hash).unwrap();
        assert_eq!(json.len(), 66);
        assert_eq!(serde_json::from_str::<ContentHash>(&json).unwrap(), hash);
        for bad in ["\"\"", "\"xyz\"", &json.to_uppercase()] {
            assert!(serde_json::from_str::<ContentHash>(bad).is_err(), "{bad}");
        }
    }

    proptest::proptest! {
        #[test]
        fn two_articles_share_an_identity_exactly_when_their_bound_fields_agree(
            texts in proptest::sample::subsequence(vec!["a", "b", "ab", "b a"], 2),
            outlets in proptest::sample::subsequence(vec!["W", "X", "WX"], 2),
            minutes in (0u32..3, 0u32..3),
            urls in (proptest::option::of(0u8..2), proptest::option::of(0u8..2)),
            pick in proptest::collection::vec(proptest::bool::ANY, 4),
        ) {
            let make = |side: usize| {
                let text = if pick[0] { texts[side] } else { texts[0] };
                let outlet = if pick[1] { outlets[side] } else { outlets[0] };
                let minute = if pick[2] { [minutes.0, minutes.1][side] } else { minutes.0 };
                let url = if pick[3] { [urls.0, urls.1][side] } else { urls.0 };
                let mut article = Article::new(
                    ArticleId::new("a1").unwrap(),
                    "Title",
                    outlet,
                    format!("2026-05-12T09:{minute:02}:00Z").parse().unwrap(),
                    text,
                )
                .unwrap();
                if let Some(n) = url {
                    let url = crate::signal::WebUrl::new(&format!("https://example.com/{n}"));
                    article = article.with_url(url.unwrap());
                }
                article
            };
            let (a, b) = (make(0), make(1));
            let same_fields = a.text() == b.text()
                && a.source().outlet() == b.source().outlet()
                && a.source().published() == b.source().published()
                && a.source().url() == b.source().url();
            proptest::prop_assert_eq!(ContentHash::of(&a) == ContentHash::of(&b), same_fields);
        }
    }
}
