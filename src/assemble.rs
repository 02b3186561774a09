//! Building a signal from the verified extractions assigned to it: a pure function of them, so
//! that the same evidence always yields the same signal, whatever order it arrived in.

use std::collections::BTreeMap;
use std::hash::Hasher;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::score::{self, Evidence, Fingerprint, Grade, Ledger, Stance};
use crate::signal::{
    Actor, ArticleId, Extraction, Quote, Region, ReliabilityGrade, Signal, SignalId, SourceArticle,
    Strength, Tags,
};

/// What the pipeline keeps of an article: its source record (no quotes yet) and the fingerprint
/// of its text, which tells syndicated copies apart from independent reporting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ArticleRecord {
    pub(crate) source: SourceArticle,
    pub(crate) fingerprint: Fingerprint,
}

/// An extraction whose quotes were checked against its article; only accepted quotes are kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct VerifiedExtraction {
    /// `article id` + `#` + a hash of the extraction's JSON: the same delivery twice has one key.
    pub(crate) key: String,
    pub(crate) extraction: Extraction,
    pub(crate) quotes: Vec<Quote>,
    /// The mean match score of the accepted quotes, from 0 to 1.
    pub(crate) confidence: f64,
}

/// The order in which a signal's extractions are read: by publication, then article, then key.
pub(crate) fn member_order(
    articles: &BTreeMap<ArticleId, ArticleRecord>,
    a: &VerifiedExtraction,
    b: &VerifiedExtraction,
) -> std::cmp::Ordering {
    let published = |v: &VerifiedExtraction| {
        articles
            .get(v.extraction.article_id())
            .map(|r| r.source.published())
    };
    published(a)
        .cmp(&published(b))
        .then_with(|| a.extraction.article_id().cmp(b.extraction.article_id()))
        .then_with(|| a.key.cmp(&b.key))
}

/// The stable id of a signal: a slug of its first extraction's thesis and a hash of that
/// extraction's key.
pub(crate) fn signal_id(first: &VerifiedExtraction) -> Result<SignalId, Error> {
    let mut slug = String::new();
    for word in first
        .extraction
        .thesis()
        .split(|c: char| !c.is_alphanumeric())
    {
        if word.is_empty() {
            continue;
        }
        if slug.len() + word.len() > 60 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.extend(word.chars().flat_map(char::to_lowercase));
    }
    if slug.is_empty() {
        slug.push_str("signal");
    }
    Ok(SignalId::new(&format!(
        "{slug}-{:08x}",
        stable_hash(first.key.as_bytes()) as u32
    ))?)
}

/// FNV-1a, 64 bits: a hash that stays the same across platforms and Rust versions, as saved
/// state needs (the standard library's hasher promises neither).
pub(crate) fn stable_hash(bytes: &[u8]) -> u64 {
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(bytes);
    hasher.finish()
}

pub(crate) fn grade(reliability: Option<ReliabilityGrade>) -> Grade {
    match reliability {
        Some(ReliabilityGrade::A) => Grade::A,
        Some(ReliabilityGrade::B) => Grade::B,
        Some(ReliabilityGrade::C) => Grade::C,
        Some(ReliabilityGrade::D) => Grade::D,
        Some(ReliabilityGrade::E) => Grade::E,
        // No grade means reliability cannot be judged: F, as the scale defines it.
        Some(ReliabilityGrade::F) | None => Grade::F,
    }
}

/// The evidence one verified extraction contributes to its signal's ledger.
pub(crate) fn evidence(
    record: &ArticleRecord,
    member: &VerifiedExtraction,
) -> Result<Evidence, Error> {
    let source = &record.source;
    Ok(Evidence::builder()
        .article(source.id().as_str())
        .extraction(member.key.as_str())
        .outlet(source.outlet())
        .published(source.published())
        .grade(grade(source.reliability()))
        .match_confidence(member.confidence)
        .stance(Stance::Supports)
        .fingerprint(record.fingerprint)
        .build()?)
}

/// The ledger of a signal's members.
pub(crate) fn ledger(
    articles: &BTreeMap<ArticleId, ArticleRecord>,
    members: &[&VerifiedExtraction],
) -> Result<Ledger, Error> {
    let mut ledger = Ledger::new();
    for member in members {
        if let Some(record) = articles.get(member.extraction.article_id()) {
            ledger.insert(evidence(record, member)?)?;
        }
    }
    Ok(ledger)
}

pub(crate) fn to_signal_strength(strength: score::Strength) -> Result<Strength, Error> {
    Ok(Strength::new(strength.get())?)
}

/// The signal that `members` (in [`member_order`]) describe, at `strength`.
///
/// The headline is the first extraction's thesis, so it stays put as the signal is reinforced;
/// the analysis is the latest one given. Tags, regions and actors are the union of the
/// members', in order of first mention, actors merged by identity. Each article becomes one
/// source, with the quotes and reasoning of every extraction made from it.
pub(crate) fn assemble(
    id: SignalId,
    articles: &BTreeMap<ArticleId, ArticleRecord>,
    members: &[&VerifiedExtraction],
    strength: Strength,
) -> Result<Signal, Error> {
    let first = members.first().map(|m| &m.extraction);
    let thesis = first.map_or("", Extraction::thesis);
    let mut builder = Signal::builder(id, thesis, strength)
        .extraction_count(u32::try_from(members.len()).unwrap_or(u32::MAX));
    if let Some(analysis) = members.iter().rev().find_map(|m| m.extraction.analysis()) {
        builder = builder.analysis(analysis);
    }

    let mut tags = Tags::default();
    let mut regions: Vec<Region> = Vec::new();
    let mut actors: Vec<Actor> = Vec::new();
    let mut sources: Vec<SourceArticle> = Vec::new();
    for member in members {
        let extraction = &member.extraction;
        tags = tags.union(extraction.tags());
        for region in extraction.regions() {
            if !regions.contains(region) {
                regions.push(*region);
            }
        }
        for actor in extraction.actors() {
            match actors.iter_mut().find(|known| known.is_same_as(actor)) {
                Some(known) => *known = known.absorb(actor),
                None => actors.push(actor.clone()),
            }
        }
        let Some(record) = articles.get(extraction.article_id()) else {
            continue;
        };
        let position = match sources
            .iter()
            .position(|s| s.id() == extraction.article_id())
        {
            Some(position) => position,
            None => {
                sources.push(record.source.clone());
                sources.len() - 1
            }
        };
        let mut source = sources[position].clone();
        for quote in &member.quotes {
            if !source.quotes().iter().any(|q| q.text() == quote.text()) {
                source = source.with_quote(quote.clone())?;
            }
        }
        for paragraph in extraction.reasoning() {
            if !source.reasoning().iter().any(|p| p == paragraph) {
                source = source.with_reasoning(paragraph)?;
            }
        }
        sources[position] = source;
    }
    Ok(builder
        .tags(tags)
        .regions(regions)
        .actors(actors)
        .sources(sources)
        .build()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_hash_is_fnv1a() {
        // Published FNV-1a 64 test vectors.
        assert_eq!(stable_hash(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(stable_hash(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(stable_hash(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
