//! Building a signal from the verified extractions assigned to it: a pure function of them, so
//! that the same evidence always yields the same signal, whatever order it arrived in.

use std::collections::BTreeMap;
use std::hash::Hasher;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Error;
use crate::references::References;
use crate::score::{self, Evidence, Fingerprint, Grade, Ledger, Stance};
use crate::signal::limits::{MAX_LIST_LEN, MAX_QUOTES, MAX_SOURCES};
use crate::signal::{
    Actor, ArticleId, Extraction, FlaggedClaim, Quote, Region, ReliabilityGrade, Signal, SignalId,
    SourceArticle, Strength, Tags,
};

/// What the pipeline keeps of an article: its source record (no quotes yet) and the fingerprint
/// of its text, which tells syndicated copies apart from independent reporting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ArticleRecord {
    pub(crate) source: SourceArticle,
    pub(crate) fingerprint: Fingerprint,
    /// The article's identity: a hash of its text, URL, outlet and publication time (see
    /// `identity.rs`). Absent only in records written before content hashes (state files of version 2 are refused).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) content: Option<crate::identity::ContentHash>,
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
    /// Claims of the analysis that the article does not bear out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) analysis_flagged: Vec<FlaggedClaim>,
    /// Claims of the reasoning that the article does not bear out, each with the position of
    /// its paragraph in the extraction's reasoning.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) reasoning_flagged: Vec<FlaggedClaim>,
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

/// The first member (in [`member_order`]) that backs the signal rather than challenges it: the
/// one whose thesis heads it and whose [`signal_id`] it has. Every signal has one, as a
/// challenging extraction only joins a signal through a backing one.
pub(crate) fn founder<'a>(
    members: &[&'a VerifiedExtraction],
    references: &References,
) -> Option<&'a VerifiedExtraction> {
    members
        .iter()
        .find(|m| references.stance(&m.key) == Stance::Supports)
        .or(members.first())
        .copied()
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

/// The evidence one verified extraction contributes to its signal's ledger, backing or
/// challenging it as `stance` says.
pub(crate) fn evidence(
    record: &ArticleRecord,
    member: &VerifiedExtraction,
    stance: Stance,
) -> Result<Evidence, Error> {
    let source = &record.source;
    Ok(Evidence::builder()
        .article(source.id().as_str())
        .extraction(member.key.as_str())
        .outlet(source.outlet())
        .published(source.published())
        .grade(grade(source.reliability()))
        .match_confidence(member.confidence)
        .stance(stance)
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
    references: &References,
) -> Result<Ledger, Error> {
    let mut ledger = Ledger::new();
    for member in members.iter().rev() {
        if let Some(record) = articles.get(member.extraction.article_id()) {
            let stance = references.stance(&member.key);
            match ledger.insert(evidence(record, member, stance)?) {
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

/// The position of a member in [`member_order`]: its article's publication, its article, its
/// key.
pub(crate) type MemberPosition = (Option<DateTime<Utc>>, ArticleId, String);

/// Where `member` falls in [`member_order`].
pub(crate) fn member_position(
    articles: &BTreeMap<ArticleId, ArticleRecord>,
    member: &VerifiedExtraction,
) -> MemberPosition {
    let article = member.extraction.article_id();
    (
        articles.get(article).map(|r| r.source.published()),
        article.clone(),
        member.key.clone(),
    )
}

/// A source of a signal being assembled: the article's record and the quotes and reasoning
/// gathered for it.
#[derive(Debug, Clone)]
struct SourceParts {
    source: SourceArticle,
    quotes: Vec<Quote>,
    reasoning: Vec<String>,
    /// Flagged claims of `reasoning`, each with its paragraph's position there.
    flagged: Vec<FlaggedClaim>,
}

/// A signal's members folded together in [`member_order`]: everything [`Assembly::build`]
/// needs, so that a member later in that order (the usual case: a newer article) is added with
/// [`Assembly::fold`] without re-reading the others.
///
/// The headline is the first backing member's thesis, so it stays put as the signal is
/// reinforced; the analysis is the latest one given. Tags, regions and actors are the union of
/// the backing members', in order of first mention, actors merged by identity. Each article
/// becomes one source, with the quotes and reasoning of every extraction made from it; an
/// article with an extraction that contradicts the signal is a contradicting source. A
/// contradicting member counts as an extraction and a source (with its date) but does not
/// describe the signal: its thesis argues the opposite.
#[derive(Debug, Clone, Default)]
pub(crate) struct Assembly {
    /// The last member folded in: only a member after it can be folded in.
    last: Option<MemberPosition>,
    /// The thesis of the first backing member, empty until one is folded in.
    thesis: String,
    members: usize,
    analysis: Option<String>,
    analysis_flagged: Vec<FlaggedClaim>,
    tags: Tags,
    regions: Vec<(Region, usize)>,
    actors: Vec<(Actor, usize)>,
    sources: Vec<SourceParts>,
    positions: BTreeMap<ArticleId, usize>,
    first_seen: Option<DateTime<Utc>>,
    last_reinforced: Option<DateTime<Utc>>,
}

impl Assembly {
    /// The assembly of `members`, in [`member_order`].
    pub(crate) fn of(
        articles: &BTreeMap<ArticleId, ArticleRecord>,
        members: &[&VerifiedExtraction],
        references: &References,
    ) -> Assembly {
        let mut assembly = Assembly::default();
        for member in members {
            assembly.fold(articles, member, references.stance(&member.key));
        }
        assembly
    }

    /// How many members are folded in.
    pub(crate) fn len(&self) -> usize {
        self.members
    }

    /// Whether a member at `position` comes after every member folded in, so that folding it
    /// in gives the assembly of all of them.
    pub(crate) fn precedes(&self, position: &MemberPosition) -> bool {
        self.last.as_ref().is_none_or(|last| last < position)
    }

    /// Adds `member`, which comes after every member folded in so far (see
    /// [`Assembly::precedes`]).
    pub(crate) fn fold(
        &mut self,
        articles: &BTreeMap<ArticleId, ArticleRecord>,
        member: &VerifiedExtraction,
        stance: Stance,
    ) {
        let extraction = &member.extraction;
        self.members += 1;
        self.last = Some(member_position(articles, member));
        if stance == Stance::Supports {
            self.describe(member);
        }
        let Some(record) = articles.get(extraction.article_id()) else {
            return;
        };
        // Every source's date, challenging ones too, falls between first seen and last
        // reinforced, as a brief requires of a signal.
        let published = record.source.published();
        self.first_seen = Some(self.first_seen.map_or(published, |at| at.min(published)));
        self.last_reinforced = Some(
            self.last_reinforced
                .map_or(published, |at| at.max(published)),
        );
        let sources = &mut self.sources;
        let position = *self
            .positions
            .entry(extraction.article_id().clone())
            .or_insert_with(|| {
                sources.push(SourceParts {
                    source: record.source.clone(),
                    quotes: Vec::new(),
                    reasoning: Vec::new(),
                    flagged: Vec::new(),
                });
                sources.len() - 1
            });
        let SourceParts {
            source,
            quotes,
            reasoning,
            flagged,
        } = &mut sources[position];
        if stance == Stance::Contradicts && !source.contradicts() {
            *source = source.clone().contradicting();
        }
        for quote in &member.quotes {
            if quotes.len() < MAX_QUOTES && !quotes.iter().any(|q| q.text() == quote.text()) {
                quotes.push(quote.clone());
            }
        }
        for (index, paragraph) in extraction.reasoning().iter().enumerate() {
            let at = match reasoning.iter().position(|p| p == paragraph) {
                Some(at) => at,
                None if reasoning.len() < MAX_QUOTES => {
                    reasoning.push(paragraph.clone());
                    reasoning.len() - 1
                }
                None => continue,
            };
            for claim in member
                .reasoning_flagged
                .iter()
                .filter(|c| c.paragraph() == index)
            {
                let known = flagged
                    .iter()
                    .any(|f| f.paragraph() == at && f.text() == claim.text());
                if !known && flagged.len() < MAX_QUOTES {
                    flagged.push(claim.in_paragraph(at));
                }
            }
        }
    }

    /// Takes the description of a backing member: thesis (the first), analysis (the latest),
    /// tags, regions, actors.
    fn describe(&mut self, member: &VerifiedExtraction) {
        let extraction = &member.extraction;
        if self.thesis.is_empty() {
            extraction.thesis().clone_into(&mut self.thesis);
        }
        if let Some(analysis) = extraction.analysis() {
            self.analysis = Some(analysis.to_owned());
            self.analysis_flagged.clone_from(&member.analysis_flagged);
        }
        self.tags = self.tags.union(extraction.tags());
        for region in extraction.regions() {
            match self.regions.iter_mut().find(|(known, _)| known == region) {
                Some((_, mentions)) => *mentions += 1,
                None => self.regions.push((*region, 1)),
            }
        }
        let actors = &mut self.actors;
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
    }

    /// The signal the members describe, with `id`, at `strength`.
    ///
    /// Never fails on size: a signal is a view of its evidence, and a view that could not be
    /// built would stop every later settle, compose and load. Where the union of many
    /// extractions is over a limit of the signal model, the view keeps the most-mentioned
    /// regions and actors ([`MAX_LIST_LEN`]), the first [`MAX_QUOTES`] quotes and reasoning
    /// paragraphs of a source, and the latest [`MAX_SOURCES`] sources; the verified extractions
    /// themselves keep everything, and the strength counts every article.
    pub(crate) fn build(&self, id: SignalId, strength: Strength) -> Result<Signal, Error> {
        let mut builder = Signal::builder(id, &self.thesis, strength)
            .extraction_count(u32::try_from(self.members).unwrap_or(u32::MAX));
        if let Some(analysis) = &self.analysis {
            builder = builder.analysis(analysis);
            for claim in self.analysis_flagged.iter().take(MAX_QUOTES) {
                builder = builder.analysis_flagged_claim(claim.clone());
            }
        }
        let kept = latest(&self.sources, MAX_SOURCES);
        let mut built = Vec::with_capacity(kept.len());
        for parts in kept {
            let mut source = parts.source.clone();
            for quote in &parts.quotes {
                source = source.with_quote(quote.clone())?;
            }
            for paragraph in &parts.reasoning {
                source = source.with_reasoning(paragraph)?;
            }
            for claim in &parts.flagged {
                source = source.with_flagged_claim(claim.clone())?;
            }
            built.push(source);
        }
        // The earliest and latest span every member even when older sources are left out of
        // the view.
        if let Some(first_seen) = self.first_seen {
            builder = builder.first_seen(first_seen);
        }
        if let Some(last) = self.last_reinforced {
            builder = builder.last_reinforced(last);
        }
        Ok(builder
            .tags(self.tags.clone())
            .regions(most_mentioned(&self.regions, MAX_LIST_LEN))
            .actors(most_mentioned(&self.actors, MAX_LIST_LEN))
            .sources(built)
            .build()?)
    }
}

/// The `limit` last sources (members come in publication order, so the latest ones).
fn latest<T>(sources: &[T], limit: usize) -> &[T] {
    &sources[sources.len().saturating_sub(limit)..]
}

/// The `limit` most-mentioned values, ties going to the first mentioned, in order of first
/// mention.
fn most_mentioned<T: Clone>(values: &[(T, usize)], limit: usize) -> Vec<T> {
    if values.len() <= limit {
        return values.iter().map(|(value, _)| value.clone()).collect();
    }
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
    values
        .iter()
        .zip(kept)
        .filter(|(_, kept)| *kept)
        .map(|((value, _), _)| value.clone())
        .collect()
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
        assert_eq!(most_mentioned(&values, 5), ['a', 'b', 'c', 'd', 'e']);
        assert_eq!(most_mentioned(&values, 3), ['b', 'd', 'e']);
        // Ties go to the first mentioned.
        assert_eq!(most_mentioned(&values, 4), ['a', 'b', 'd', 'e']);
        assert_eq!(most_mentioned(&values, 0), Vec::<char>::new());
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
        let ids = |v: &[SourceArticle]| v.iter().map(|s| s.id().to_string()).collect::<Vec<_>>();
        assert_eq!(ids(latest(&all, 2)), ["b", "c"]);
        assert_eq!(ids(latest(&all, 3)), ["a", "b", "c"]);
        assert_eq!(ids(latest(&all, 4)), ["a", "b", "c"]);
    }
}
