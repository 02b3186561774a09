//! Building a signal from the verified extractions assigned to it: a pure function of them, so
//! that the same evidence always yields the same signal, whatever order it arrived in.

use std::collections::BTreeMap;
use std::hash::Hasher;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::score::{self, Evidence, Fingerprint, Grade, Ledger, Stance};
use crate::signal::limits::{MAX_LIST_LEN, MAX_QUOTES, MAX_SOURCES};
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
        // Lowercasing can yield a combining mark ('İ' → "i\u{307}"), which identifiers refuse.
        slug.extend(
            word.chars()
                .flat_map(char::to_lowercase)
                .filter(|c| c.is_alphanumeric()),
        );
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

/// The ledger of a signal's members (in [`member_order`]).
///
/// Never fails on size, as [`assemble`] does not: past the ledger's limits
/// ([`MAX_LEDGER_ARTICLES`](crate::score::limits::MAX_LEDGER_ARTICLES) articles,
/// [`MAX_READINGS_PER_ARTICLE`](crate::score::limits::MAX_READINGS_PER_ARTICLE) readings of
/// one article) the latest evidence is kept, the older left out of the strength.
pub(crate) fn ledger(
    articles: &BTreeMap<ArticleId, ArticleRecord>,
    members: &[&VerifiedExtraction],
) -> Result<Ledger, Error> {
    let mut ledger = Ledger::new();
    for member in members.iter().rev() {
        if let Some(record) = articles.get(member.extraction.article_id()) {
            match ledger.insert(evidence(record, member)?) {
                Ok(_)
                | Err(
                    score::ScoreError::LedgerFull { .. }
                    | score::ScoreError::TooManyReadings { .. },
                ) => {}
                Err(error) => return Err(error.into()),
            }
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
///
/// Never fails on size: a signal is a view of its evidence, and a view that could not be built
/// would stop every later settle, compose and load. Where the union of many extractions is
/// over a limit of the signal model, the view keeps the most-mentioned regions and actors
/// ([`MAX_LIST_LEN`]), the first [`MAX_QUOTES`] quotes and reasoning paragraphs of a source, and
/// the latest [`MAX_SOURCES`] sources; the verified extractions themselves keep everything, and
/// the strength counts every article.
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
    let mut regions: Vec<(Region, usize)> = Vec::new();
    let mut actors: Vec<(Actor, usize)> = Vec::new();
    // Each source with the quotes and reasoning gathered for it, attached once at the end.
    let mut sources: Vec<(&SourceArticle, Vec<&Quote>, Vec<&str>)> = Vec::new();
    let mut positions: BTreeMap<&ArticleId, usize> = BTreeMap::new();
    for member in members {
        let extraction = &member.extraction;
        tags = tags.union(extraction.tags());
        for region in extraction.regions() {
            match regions.iter_mut().find(|(known, _)| known == region) {
                Some((_, mentions)) => *mentions += 1,
                None => regions.push((*region, 1)),
            }
        }
        for actor in extraction.actors() {
            // Every known actor it names, not just the first: "BIS" and "Commerce Bureau",
            // known apart, become one when an extraction lists "Bureau of Industry and
            // Security" with both as aliases. Known actors stay pairwise distinct.
            let same: Vec<usize> = (0..actors.len())
                .filter(|&i| actors[i].0.is_same_as(actor))
                .collect();
            match same.split_first() {
                None => actors.push((actor.clone(), 1)),
                Some((&first, rest)) => {
                    let mut merged = actors[first].0.absorb(actor);
                    let mut mentions = actors[first].1 + 1;
                    for &other in rest {
                        merged = merged.absorb(&actors[other].0);
                        mentions += actors[other].1;
                    }
                    actors[first] = (merged, mentions);
                    for &other in rest.iter().rev() {
                        actors.remove(other);
                    }
                }
            }
        }
        let Some(record) = articles.get(extraction.article_id()) else {
            continue;
        };
        let position = *positions.entry(extraction.article_id()).or_insert_with(|| {
            sources.push((&record.source, Vec::new(), Vec::new()));
            sources.len() - 1
        });
        let (_, quotes, reasoning) = &mut sources[position];
        for quote in &member.quotes {
            if quotes.len() < MAX_QUOTES && !quotes.iter().any(|q| q.text() == quote.text()) {
                quotes.push(quote);
            }
        }
        for paragraph in extraction.reasoning() {
            if reasoning.len() < MAX_QUOTES && !reasoning.contains(&paragraph.as_str()) {
                reasoning.push(paragraph);
            }
        }
    }
    let mut built = Vec::with_capacity(sources.len().min(MAX_SOURCES));
    for (source, quotes, reasoning) in latest(sources, MAX_SOURCES) {
        let mut source = source.clone();
        for quote in quotes {
            source = source.with_quote(quote.clone())?;
        }
        for paragraph in reasoning {
            source = source.with_reasoning(paragraph)?;
        }
        built.push(source);
    }
    // Members come in publication order, so the earliest and latest span every member even
    // when older sources are left out of the view.
    let published = |m: &&VerifiedExtraction| {
        articles
            .get(m.extraction.article_id())
            .map(|r| r.source.published())
    };
    if let Some(first_seen) = members.iter().filter_map(published).min() {
        builder = builder.first_seen(first_seen);
    }
    if let Some(last) = members.iter().filter_map(published).max() {
        builder = builder.last_reinforced(last);
    }
    Ok(builder
        .tags(tags)
        .regions(most_mentioned(regions, MAX_LIST_LEN))
        .actors(most_mentioned(actors, MAX_LIST_LEN))
        .sources(built)
        .build()?)
}

/// The `limit` most-mentioned values, ties going to the first mentioned, in order of first
/// mention.
fn most_mentioned<T>(mut values: Vec<(T, usize)>, limit: usize) -> Vec<T> {
    if values.len() > limit {
        let mut ranked: Vec<(usize, usize)> = values
            .iter()
            .enumerate()
            .map(|(position, (_, mentions))| (position, *mentions))
            .collect();
        // Stable: equal counts keep their order of first mention.
        ranked.sort_by_key(|&(_, mentions)| std::cmp::Reverse(mentions));
        let mut kept = vec![false; values.len()];
        for &(position, _) in ranked.iter().take(limit) {
            kept[position] = true;
        }
        let mut position = 0;
        values.retain(|_| {
            position += 1;
            kept[position - 1]
        });
    }
    values.into_iter().map(|(value, _)| value).collect()
}

/// The `limit` last sources (members come in publication order, so the latest ones).
fn latest<T>(mut sources: Vec<T>, limit: usize) -> Vec<T> {
    let excess = sources.len().saturating_sub(limit);
    sources.drain(..excess);
    sources
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

    #[test]
    fn most_mentioned_keeps_the_top_values_in_order_of_first_mention() {
        let values = vec![('a', 1), ('b', 3), ('c', 1), ('d', 2), ('e', 3)];
        assert_eq!(most_mentioned(values.clone(), 5), ['a', 'b', 'c', 'd', 'e']);
        assert_eq!(most_mentioned(values.clone(), 3), ['b', 'd', 'e']);
        // Ties go to the first mentioned.
        assert_eq!(most_mentioned(values.clone(), 4), ['a', 'b', 'd', 'e']);
        assert_eq!(most_mentioned(values, 0), Vec::<char>::new());
    }

    #[test]
    fn latest_keeps_the_last_sources() {
        let source = |id: &str| {
            SourceArticle::new(
                ArticleId::new(id).unwrap(),
                "t",
                "o",
                "2026-05-12T09:30:00Z".parse().unwrap(),
            )
            .unwrap()
        };
        let all = vec![source("a"), source("b"), source("c")];
        let ids = |v: Vec<SourceArticle>| v.iter().map(|s| s.id().to_string()).collect::<Vec<_>>();
        assert_eq!(ids(latest(all.clone(), 2)), ["b", "c"]);
        assert_eq!(ids(latest(all, 3)), ["a", "b", "c"]);
    }
}
