//! Shared generators and helpers.

use std::sync::OnceLock;

use bellwether_score::{Evidence, Fingerprint, Grade, Ledger, Stance};
use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;

/// Start of the generated publication window.
pub(crate) fn base() -> DateTime<Utc> {
    "2026-05-01T00:00:00Z".parse().unwrap()
}

/// Distinct article bodies: no two share a 3-shingle, so none is a copy of another.
pub(crate) fn bodies() -> &'static [Fingerprint] {
    static BODIES: OnceLock<Vec<Fingerprint>> = OnceLock::new();
    BODIES.get_or_init(|| {
        (0..12)
            .map(|i| {
                let text: Vec<String> = (0..40).map(|w| format!("w{i}x{w}")).collect();
                Fingerprint::of_text(&text.join(" ")).unwrap()
            })
            .collect()
    })
}

/// The facts of one generated article.
#[derive(Debug, Clone)]
pub(crate) struct ArticleSpec {
    pub(crate) outlet: usize,
    pub(crate) offset_secs: i64,
    pub(crate) grade: Grade,
    pub(crate) body: Option<usize>,
}

/// One generated extraction of an article.
#[derive(Debug, Clone)]
pub(crate) struct ExtractionSpec {
    pub(crate) article: usize,
    pub(crate) extraction: usize,
    pub(crate) confidence: f64,
    pub(crate) stance: Stance,
}

pub(crate) fn grade() -> impl Strategy<Value = Grade> {
    prop::sample::select(Grade::ALL.to_vec())
}

pub(crate) fn article() -> impl Strategy<Value = ArticleSpec> {
    (
        0usize..5,
        0i64..40 * 86_400,
        grade(),
        prop::option::weighted(0.6, 0usize..12),
    )
        .prop_map(|(outlet, offset_secs, grade, body)| ArticleSpec {
            outlet,
            offset_secs,
            grade,
            body,
        })
}

/// Articles and their extractions (every article has at least one).
pub(crate) fn corpus(supports_only: bool) -> impl Strategy<Value = Vec<Evidence>> {
    prop::collection::vec(article(), 1..10).prop_flat_map(move |articles| {
        let n = articles.len();
        let stance = if supports_only {
            Just(Stance::Supports).boxed()
        } else {
            prop_oneof![4 => Just(Stance::Supports), 1 => Just(Stance::Contradicts)].boxed()
        };
        let extraction = (0..n, 0usize..3, 0.0f64..=1.0, stance).prop_map(
            |(article, extraction, confidence, stance)| ExtractionSpec {
                article,
                extraction,
                confidence,
                stance,
            },
        );
        (Just(articles), prop::collection::vec(extraction, 0..12)).prop_map(
            |(articles, mut extra)| {
                // Guarantee each article at least one supporting-or-not extraction.
                for i in 0..articles.len() {
                    extra.push(ExtractionSpec {
                        article: i,
                        extraction: 9,
                        confidence: 0.5 + 0.05 * (i as f64),
                        stance: Stance::Supports,
                    });
                }
                build(&articles, &extra)
            },
        )
    })
}

pub(crate) fn build(articles: &[ArticleSpec], extractions: &[ExtractionSpec]) -> Vec<Evidence> {
    extractions
        .iter()
        .map(|x| {
            let a = &articles[x.article];
            evidence(
                &format!("a{}", x.article),
                &format!("x{}", x.extraction),
                &format!("outlet{}", a.outlet),
                base() + TimeDelta::seconds(a.offset_secs),
                a.grade,
                x.confidence.min(1.0),
                x.stance,
                a.body.map(|b| bodies()[b]),
            )
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn evidence(
    article: &str,
    extraction: &str,
    outlet: &str,
    published: DateTime<Utc>,
    grade: Grade,
    confidence: f64,
    stance: Stance,
    fingerprint: Option<Fingerprint>,
) -> Evidence {
    let mut b = Evidence::builder()
        .article(article)
        .extraction(extraction)
        .outlet(outlet)
        .published(published)
        .grade(grade)
        .match_confidence(confidence)
        .stance(stance);
    if let Some(f) = fingerprint {
        b = b.fingerprint(f);
    }
    b.build().unwrap()
}

pub(crate) fn ledger_of(evidence: &[Evidence]) -> Ledger {
    let mut ledger = Ledger::new();
    for e in evidence {
        ledger.insert(e.clone()).unwrap();
    }
    ledger
}

/// An instant within or after the generated window.
pub(crate) fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..120 * 86_400, 0i64..1_000_000_000)
        .prop_map(|(s, ns)| base() + TimeDelta::seconds(s) + TimeDelta::nanoseconds(ns))
}
