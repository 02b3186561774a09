//! The check: read a passage's claims and look for each in the sources.

use std::collections::HashSet;

use crate::claim::{Claim, ClaimKind, Evidence, Grounding, Verdict};
use crate::entity::{Word, attributions, name_spans, words};
use crate::error::{GroundError, MAX_KNOWN_NAME_BYTES, MAX_KNOWN_NAMES, MAX_PASSAGE_BYTES};
use crate::fold::Folded;
use crate::lexicon::{
    abbreviation_pair, demonym_places, is_common_word, is_generic_capitalised, is_stop_word,
    is_title, metonyms, place_demonyms, stem,
};
use crate::quantity::{Found, NewsDate, Quantity, Reading, Unit, find_all};
use crate::sources::{Doc, Sources, collect_lower_case};

/// Share of an attribution's content words that must occur near the speaker in a source.
const ATTRIBUTION_OVERLAP: f64 = 0.5;
/// How far from a speaker's mention its words may be, in folded bytes, either side.
const ATTRIBUTION_WINDOW: usize = 300;
/// Fewest content words an attribution needs before it is checked.
const ATTRIBUTION_MIN_WORDS: usize = 3;

/// Checks passages against their sources. Holds the names known to be one entity (an actor and
/// its aliases), so `BIS` in the prose is found by `Bureau of Industry and Security` in an
/// article.
///
/// ```
/// use bellwether_ground::{Grounder, Sources, Verdict};
///
/// let sources = Sources::new(&["Kanto Magnet Works will build two plants in Kyushu."])?;
/// let grounder = Grounder::new();
/// let grounding = grounder.check(&sources, "Kanto Magnet Works plans 3 plants in Kyushu.")?;
/// let flagged: Vec<_> = grounding.flagged().map(|c| c.text.as_str()).collect();
/// assert_eq!(flagged, ["3 plants"]);
/// assert!(matches!(grounding.flagged().next().map(|c| &c.verdict), Some(Verdict::Contradicted { .. })));
/// # Ok::<(), bellwether_ground::GroundError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Grounder {
    /// Folded names, grouped by the entity they name.
    known: Vec<Vec<String>>,
    known_count: usize,
}

impl Grounder {
    /// A grounder that knows no names beyond the sources.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one entity's names (its name and aliases): any of them found in a source supports
    /// any other in the prose.
    ///
    /// # Errors
    ///
    /// [`GroundError::InvalidKnownName`] for an empty name or one over
    /// [`MAX_KNOWN_NAME_BYTES`]; [`GroundError::TooManyKnownNames`] past [`MAX_KNOWN_NAMES`]
    /// names in all.
    pub fn known_entity<S: AsRef<str>>(mut self, names: &[S]) -> Result<Self, GroundError> {
        let mut group = Vec::with_capacity(names.len());
        for name in names {
            let name = name.as_ref();
            let folded = Folded::new(name.trim()).text().trim().to_owned();
            if name.len() > MAX_KNOWN_NAME_BYTES || !folded.chars().any(char::is_alphanumeric) {
                return Err(GroundError::InvalidKnownName {
                    name: name.chars().take(64).collect(),
                    max: MAX_KNOWN_NAME_BYTES,
                });
            }
            group.push(folded);
        }
        self.known_count += group.len();
        if self.known_count > MAX_KNOWN_NAMES {
            return Err(GroundError::TooManyKnownNames {
                count: self.known_count,
                max: MAX_KNOWN_NAMES,
            });
        }
        if !group.is_empty() {
            self.known.push(group);
        }
        Ok(self)
    }

    /// Reads every checkable claim in `passage` and looks for each in `sources`.
    ///
    /// Numbers, dates and years are matched by value and unit; names by their folded words
    /// (case, curly or straight quotes, dashes, white space and line-end hyphenation aside);
    /// attributions by the speaker's mentions and the words around them. Cost: O(passage ×
    /// sources) at worst, a few microseconds per claim on article-sized sources.
    ///
    /// # Errors
    ///
    /// [`GroundError::PassageTooLong`] for a passage over [`MAX_PASSAGE_BYTES`].
    pub fn check(&self, sources: &Sources, passage: &str) -> Result<Grounding, GroundError> {
        if passage.len() > MAX_PASSAGE_BYTES {
            return Err(GroundError::PassageTooLong {
                len: passage.len(),
                max: MAX_PASSAGE_BYTES,
            });
        }
        let mut claims = Vec::new();
        let folded = Folded::new(passage);
        for found in find_all(folded.text()) {
            let span = folded.original_range(found.start, found.phrase_end);
            let text = passage[span.clone()].to_owned();
            let (kind, verdict) = match &found.what {
                Reading::Quantity(q) => {
                    (ClaimKind::Quantity(q.clone()), check_quantity(sources, q))
                }
                Reading::Date(d) => (ClaimKind::Date(*d), check_date(sources, d)),
            };
            claims.push(Claim {
                kind,
                text,
                span,
                verdict,
            });
        }
        let words = words(passage);
        let mut passage_lower = HashSet::new();
        collect_lower_case(passage, &mut passage_lower);
        let spans = name_spans(&words);
        for span in &spans {
            let Some((name, optional_first)) =
                self.name_words(sources, &passage_lower, &words[span.first..span.end])
            else {
                continue;
            };
            let range = name[0].start..name[name.len() - 1].end;
            // A name inside a number or date already read (`May`, `Dollars`) is not a name.
            if claims
                .iter()
                .any(|c| c.span.start <= range.start && range.end <= c.span.end)
            {
                continue;
            }
            let verdict = self.check_name(sources, passage, &name, optional_first);
            claims.push(Claim {
                kind: ClaimKind::Entity,
                text: passage[range.clone()].to_owned(),
                span: range,
                verdict,
            });
        }
        for attribution in attributions(&words, &spans) {
            let speaker = &words[attribution.speaker.first..attribution.speaker.end];
            let Some((name, optional_first)) = self.name_words(sources, &passage_lower, speaker)
            else {
                continue;
            };
            let content: Vec<String> = attribution
                .content
                .iter()
                .map(|&k| words[k].text.to_lowercase())
                .filter(|w| {
                    w.chars().count() >= 3
                        && !is_stop_word(w)
                        && !w.chars().all(|c| c.is_ascii_digit())
                })
                .map(|w| stem(&w))
                .collect();
            if content.len() < ATTRIBUTION_MIN_WORDS {
                continue;
            }
            let range = name[0].start..name[name.len() - 1].end;
            let speaker_text = passage[range.clone()].to_owned();
            let core = if optional_first {
                &name[1..]
            } else {
                &name[..]
            };
            let verdict = self.check_attribution(sources, core, &content);
            claims.push(Claim {
                kind: ClaimKind::Attribution {
                    speaker: speaker_text.clone(),
                },
                text: speaker_text,
                span: range,
                verdict,
            });
        }
        claims.sort_by_key(|c| (c.span.start, c.span.end));
        Ok(Grounding { claims })
    }

    /// The words of a capitalised run that name someone, with common words at a sentence start
    /// and leading function words dropped; `None` when nothing is left to check.
    fn name_words<'a>(
        &self,
        sources: &Sources,
        passage_lower: &HashSet<String>,
        run: &[Word<'a>],
    ) -> Option<(Vec<Word<'a>>, bool)> {
        let mut run: Vec<Word<'a>> = run.to_vec();
        if let Some(last) = run.last_mut() {
            // Possessive: `DeepSeek's` is `DeepSeek`.
            for suffix in ["'s", "\u{2019}s", "'", "\u{2019}"] {
                if let Some(base) = last.text.strip_suffix(suffix) {
                    last.end -= last.text.len() - base.len();
                    last.text = base;
                    break;
                }
            }
        }
        while run
            .first()
            .is_some_and(|w| is_stop_word(&w.text.to_lowercase()))
        {
            run.remove(0);
        }
        // A common word opening a sentence (`Together`, `Multiple US firms`) is no name alone;
        // before other capitalised words it may begin one (`Lee Soo-min`), so it is optional.
        let mut optional_first = false;
        if let Some(first) = run.first() {
            let lower = first.text.to_lowercase();
            let opener = first.sentence_start
                && self.known_group(&lower).is_none()
                && (passage_lower.contains(&lower)
                    || sources.writes_in_lower_case(&lower)
                    || sources.writes_in_lower_case(&stem(&lower))
                    || looks_like_common_word(&lower)
                    || is_common_word(&lower)
                    || is_generic_capitalised(&lower));
            if opener && run.len() == 1 {
                return None;
            }
            optional_first = opener;
        }
        // Nothing but generic words (`Monday`, `Western`, `AI`) names no one, and a two-letter
        // initialism alone (`IP`, `EU`) is too ambiguous to check unless it is a known name.
        if run
            .iter()
            .all(|w| is_generic_capitalised(&w.text.to_lowercase()))
        {
            return None;
        }
        let core = if optional_first { &run[1..] } else { &run[..] };
        if !core.iter().any(|w| names_something(w.text)) {
            return None;
        }
        if let [only] = run.as_slice() {
            let short_initialism =
                only.text.chars().count() <= 2 && only.text.chars().all(char::is_uppercase);
            if short_initialism && self.known_group(&only.text.to_lowercase()).is_none() {
                return None;
            }
        }
        Some((run, optional_first))
    }

    fn known_group(&self, folded: &str) -> Option<&Vec<String>> {
        self.known.iter().find(|g| g.iter().any(|n| n == folded))
    }

    fn check_name(
        &self,
        sources: &Sources,
        passage: &str,
        full: &[Word<'_>],
        optional_first: bool,
    ) -> Verdict {
        let name = if optional_first { &full[1..] } else { full };
        if let Some(evidence) =
            find_initialism(sources, name).or_else(|| find_expansion(sources, name))
        {
            return Verdict::Supported(evidence);
        }
        for phrase in [full, name] {
            let whole = Folded::new(&passage[phrase[0].start..phrase[phrase.len() - 1].end]);
            let whole = whole.text();
            if let Some(evidence) = find_phrase(sources, whole) {
                return Verdict::Supported(evidence);
            }
            let alias = self
                .known_group(whole)
                .and_then(|group| group.iter().find_map(|alias| find_phrase(sources, alias)));
            if let Some(evidence) = alias {
                return Verdict::Supported(evidence);
            }
        }
        // Word by word: each word that names (not a title, connector or generic word) must be
        // in some source; the last one found is the evidence.
        let mut evidence = None;
        let mut missing = Vec::new();
        let mut named = 0;
        for word in name {
            let lower = Folded::new(word.text).text().to_owned();
            if is_title(&lower) && name.len() > 1 || !names_something(word.text) {
                continue;
            }
            named += 1;
            let places = demonym_places(&lower);
            let demonyms = place_demonyms(&lower);
            let found = find_phrase(sources, &lower)
                .or_else(|| places.iter().find_map(|p| find_phrase(sources, p)))
                .or_else(|| demonyms.iter().find_map(|d| find_phrase(sources, d)))
                .or_else(|| find_alias(self, sources, &lower))
                .or_else(|| abbreviation_pair(&lower).and_then(|other| find_phrase(sources, other)))
                .or_else(|| {
                    // `Beijing` alone may stand for China; inside a name (`Bank of Moscow`) not.
                    (name.len() == 1)
                        .then(|| {
                            metonyms(&lower)
                                .into_iter()
                                .find_map(|m| find_phrase(sources, m))
                        })
                        .flatten()
                });
            match found {
                Some(e) => evidence = Some(e),
                None => missing.push(word.text),
            }
        }
        match (missing.is_empty(), evidence, named) {
            (true, Some(e), _) => Verdict::Supported(e),
            (true, None, _) => Verdict::Unsupported {
                reason: format!(
                    "\u{201C}{}\u{201D} is in none of the sources",
                    &passage[name[0].start..name[name.len() - 1].end]
                ),
            },
            (false, _, _) if name.len() > 1 => Verdict::Unsupported {
                reason: format!(
                    "\u{201C}{}\u{201D} of \u{201C}{}\u{201D} is in none of the sources",
                    missing.join(" "),
                    &passage[name[0].start..name[name.len() - 1].end]
                ),
            },
            (false, _, _) => Verdict::Unsupported {
                reason: format!(
                    "\u{201C}{}\u{201D} is in none of the sources",
                    missing.join(" ")
                ),
            },
        }
    }

    fn check_attribution(
        &self,
        sources: &Sources,
        name: &[Word<'_>],
        content: &[String],
    ) -> Verdict {
        // The speaker is found by the last word that names (the surname, the organisation's
        // head word), or by the whole name through a known alias.
        let key: Vec<String> = name
            .iter()
            .filter(|w| names_something(w.text))
            .map(|w| Folded::new(w.text).text().to_owned())
            .filter(|w| !is_title(w))
            .collect();
        let whole = key.join(" ");
        let Some(head) = key.last() else {
            return Verdict::Unsupported {
                reason: "the speaker has no name to look for".to_owned(),
            };
        };
        let mut needles = vec![head.clone()];
        if let Some(group) = self.known_group(&whole) {
            needles.extend(group.iter().cloned());
        }
        // `The SIA warned …` where the sources write `Semiconductor Industry Association`.
        if let Some(evidence) = find_expansion(sources, name)
            && let Some(doc) = sources.docs.get(evidence.source)
        {
            needles.push(
                Folded::new(doc.original_text(evidence.span))
                    .text()
                    .to_owned(),
            );
        }
        let mut best: Option<(f64, Evidence)> = None;
        let mut mentioned = false;
        for (index, doc) in sources.docs.iter().enumerate() {
            for needle in &needles {
                for (start, end) in mentions(doc, needle) {
                    mentioned = true;
                    let share = if doc.in_opening(start) {
                        content_share(doc, 0, doc.folded.text().len(), content)
                    } else {
                        content_share(
                            doc,
                            start.saturating_sub(ATTRIBUTION_WINDOW),
                            end + ATTRIBUTION_WINDOW,
                            content,
                        )
                    };
                    if best.as_ref().is_none_or(|(b, _)| share > *b) {
                        best = Some((
                            share,
                            Evidence {
                                source: index,
                                span: doc.original((start, end)),
                            },
                        ));
                    }
                }
            }
        }
        match best {
            Some((share, evidence)) if share >= ATTRIBUTION_OVERLAP => Verdict::Supported(evidence),
            Some((share, _)) => Verdict::Unsupported {
                reason: format!(
                    "the sources mention the speaker, but no mention is near these words ({:.0}% of them at best)",
                    share * 100.0
                ),
            },
            None if !mentioned => Verdict::Unsupported {
                reason: "the speaker is in none of the sources".to_owned(),
            },
            None => Verdict::Unsupported {
                reason: "the speaker is not found near these words".to_owned(),
            },
        }
    }
}

/// Whether a word of a capitalised run can name something: capitalised, not a generic word
/// (`Monday`, `AI`), not a function word (`US` in capitals is a name, `Us` is not).
fn names_something(word: &str) -> bool {
    let lower = word.to_lowercase();
    let all_caps =
        word.chars().count() > 1 && word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
    word.chars().next().is_some_and(char::is_uppercase)
        && !is_generic_capitalised(&lower)
        && (all_caps || !is_stop_word(&lower))
}

/// A sentence-initial word with an ending names seldom have (`Recycling`, `Policymakers`).
fn looks_like_common_word(lower: &str) -> bool {
    const ENDINGS: [&str; 16] = [
        "ing", "ed", "ly", "ers", "ism", "tion", "tions", "ment", "ments", "ness", "ity", "ive",
        "ous", "able", "ists", "ships",
    ];
    lower.chars().count() > 5 && ENDINGS.iter().any(|e| lower.ends_with(e))
}

/// A multi-word name found by its initials in capitals (`European Union` by `EU`).
fn find_initialism(sources: &Sources, name: &[Word<'_>]) -> Option<Evidence> {
    let capitalised: Vec<&Word<'_>> = name.iter().filter(|w| w.is_capitalised()).collect();
    if capitalised.len() < 2 {
        return None;
    }
    let initials: String = capitalised
        .iter()
        .filter_map(|w| w.text.chars().next())
        .flat_map(char::to_lowercase)
        .collect();
    // Found in the source only if written there in capitals: `us` is also a pronoun.
    sources.docs.iter().enumerate().find_map(|(index, doc)| {
        mentions(doc, &initials).into_iter().find_map(|range| {
            let span = doc.original(range);
            doc.original_text(span.clone())
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
                .then_some(Evidence {
                    source: index,
                    span,
                })
        })
    })
}

/// An initialism in capitals (`SIA`, 2 to 6 letters) found as the multi-word name it
/// abbreviates (`Semiconductor Industry Association`).
fn find_expansion(sources: &Sources, name: &[Word<'_>]) -> Option<Evidence> {
    let [only] = name else {
        return None;
    };
    let letters = only.text.chars().count();
    if !(2..=6).contains(&letters) || !only.text.chars().all(|c| c.is_uppercase()) {
        return None;
    }
    let initials = only.text.to_lowercase();
    sources.docs.iter().enumerate().find_map(|(index, doc)| {
        doc.expansion(&initials).map(|span| Evidence {
            source: index,
            span,
        })
    })
}

fn find_alias(grounder: &Grounder, sources: &Sources, lower: &str) -> Option<Evidence> {
    let group = grounder.known_group(lower)?;
    group.iter().find_map(|alias| find_phrase(sources, alias))
}

/// The first source occurrence of a folded phrase, on word boundaries.
fn find_phrase(sources: &Sources, folded: &str) -> Option<Evidence> {
    sources.docs.iter().enumerate().find_map(|(index, doc)| {
        doc.find(folded).map(|range| Evidence {
            source: index,
            span: doc.original(range),
        })
    })
}

/// Every word-bounded occurrence of a folded phrase in a source (at most 64).
fn mentions(doc: &Doc, folded: &str) -> Vec<(usize, usize)> {
    doc.mentions(folded, 64)
}

/// The share of `content` (stemmed words) found in a folded window of a source.
fn content_share(doc: &Doc, from: usize, to: usize, content: &[String]) -> f64 {
    let text = doc.folded.text();
    let mut from = from.min(text.len());
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = to.min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let window: HashSet<String> = text[from..to]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(stem)
        .collect();
    let unique: HashSet<&String> = content.iter().collect();
    let hits = unique
        .iter()
        .filter(|w| window.contains(w.as_str()))
        .count();
    hits as f64 / unique.len().max(1) as f64
}

/// Whether a source number agrees with the prose's: the same unit (a bare number agrees with
/// money and the reverse) and a value within the prose number's rounding.
fn same_value(claim: &Quantity, source: &Quantity) -> bool {
    let units = claim.unit == source.unit
        || matches!(
            (claim.unit, source.unit),
            (Unit::Money(_), Unit::Count) | (Unit::Count, Unit::Money(_))
        );
    let slack = claim.tolerance + claim.value.abs() * 1e-9;
    units && (claim.value - source.value).abs() <= slack
}

fn same_kind(claim: &Quantity, source: &Quantity) -> bool {
    claim.unit == source.unit
        || matches!(
            (claim.unit, source.unit),
            (Unit::Money(_), Unit::Count) | (Unit::Count, Unit::Money(_))
        )
}

/// The reading at `at` of a source, if it is a quantity.
fn quantity(doc: &Doc, at: usize) -> Option<(&Found, &Quantity)> {
    match doc.readings.get(at) {
        Some(
            f @ Found {
                what: Reading::Quantity(q),
                ..
            },
        ) => Some((f, q)),
        _ => None,
    }
}

fn check_quantity(sources: &Sources, claim: &Quantity) -> Verdict {
    let evidence = |index: usize, doc: &Doc, f: &Found| Evidence {
        source: index,
        span: doc.original((f.start, f.end)),
    };
    // Readings whose value could equal the claim's, whatever their unit.
    let slack = claim.tolerance + claim.value.abs() * 1e-9;
    // Widened a little: the exact test is `same_value`, and the range must not lose a
    // boundary case to rounding.
    let pad = slack * 1e-6 + claim.value.abs() * 1e-12;
    let (low, high) = (claim.value - slack - pad, claim.value + slack + pad);
    // 1. The same number counting the same thing: the first in text order.
    if let Some(counted) = &claim.counted {
        for (index, doc) in sources.docs.iter().enumerate() {
            let counting = doc.reading_index.counting(counted);
            let first = counting
                .iter()
                .map(|&at| at as usize)
                .find(|&at| quantity(doc, at).is_some_and(|(_, q)| same_value(claim, q)));
            if let Some((f, _)) = first.and_then(|at| quantity(doc, at)) {
                return Verdict::Supported(evidence(index, doc, f));
            }
        }
    }
    // 2. The same thing counted with another number.
    if let Some(counted) = &claim.counted
        && claim.unit != Unit::Year
    {
        for (index, doc) in sources.docs.iter().enumerate() {
            let first = doc
                .reading_index
                .counting(counted)
                .iter()
                .map(|&at| at as usize)
                .find(|&at| quantity(doc, at).is_some_and(|(_, q)| same_kind(claim, q)));
            if let Some((f, _)) = first.and_then(|at| quantity(doc, at)) {
                let said = doc.folded.text()[f.start..f.end].to_owned();
                return Verdict::Contradicted {
                    evidence: evidence(index, doc, f),
                    reason: format!(
                        "source {index} gives \u{201C}{said}\u{201D} for \u{201C}{counted}\u{201D}"
                    ),
                };
            }
        }
    }
    // 3. The same number anywhere (its noun paraphrased); a year also as a date's year: the
    //    first in text order.
    let year = (claim.unit == Unit::Year && claim.value.fract() == 0.0 && claim.value.abs() < 1e6)
        .then_some(claim.value as i32);
    for (index, doc) in sources.docs.iter().enumerate() {
        let valued = doc
            .reading_index
            .valued(low, high)
            .filter(|&at| quantity(doc, at).is_some_and(|(_, q)| same_value(claim, q)));
        let dated = year.into_iter().flat_map(|y| doc.reading_index.dated(y));
        if let Some(f) = valued
            .chain(dated)
            .min()
            .and_then(|at| doc.readings.get(at))
        {
            return Verdict::Supported(evidence(index, doc, f));
        }
    }
    Verdict::Unsupported {
        reason: "no source gives this number".to_owned(),
    }
}

fn check_date(sources: &Sources, claim: &NewsDate) -> Verdict {
    for (index, doc) in sources.docs.iter().enumerate() {
        for f in &doc.readings {
            if matches!(&f.what, Reading::Date(d) if claim.agrees_with(d)) {
                return Verdict::Supported(Evidence {
                    source: index,
                    span: doc.original((f.start, f.end)),
                });
            }
        }
    }
    Verdict::Unsupported {
        reason: "no source gives this date".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The check as first written, scanning every reading of every source: the oracle of the
    /// indexed lookups.
    fn quantities(doc: &Doc) -> impl Iterator<Item = (&Found, &Quantity)> {
        doc.readings.iter().filter_map(|f| match &f.what {
            Reading::Quantity(q) => Some((f, q)),
            Reading::Date(_) => None,
        })
    }

    fn check_quantity_by_scan(sources: &Sources, claim: &Quantity) -> Verdict {
        let evidence = |index: usize, doc: &Doc, f: &Found| Evidence {
            source: index,
            span: doc.original((f.start, f.end)),
        };
        let counts = |f: &Found| {
            claim
                .counted
                .as_ref()
                .is_some_and(|c| f.following.iter().any(|w| w == c))
        };
        // 1. The same number counting the same thing.
        for (index, doc) in sources.docs.iter().enumerate() {
            for (f, q) in quantities(doc) {
                if counts(f) && same_value(claim, q) {
                    return Verdict::Supported(evidence(index, doc, f));
                }
            }
        }
        // 2. The same thing counted with another number.
        if let Some(counted) = &claim.counted {
            for (index, doc) in sources.docs.iter().enumerate() {
                for (f, q) in quantities(doc) {
                    if counts(f) && same_kind(claim, q) && claim.unit != Unit::Year {
                        let said = doc.folded.text()[f.start..f.end].to_owned();
                        return Verdict::Contradicted {
                            evidence: evidence(index, doc, f),
                            reason: format!(
                                "source {index} gives \u{201C}{said}\u{201D} for \u{201C}{counted}\u{201D}"
                            ),
                        };
                    }
                }
            }
        }
        // 3. The same number anywhere (its noun paraphrased); a year also as a date's year.
        for (index, doc) in sources.docs.iter().enumerate() {
            for f in &doc.readings {
                let agrees = match &f.what {
                    Reading::Quantity(q) => same_value(claim, q),
                    Reading::Date(d) => {
                        claim.unit == Unit::Year
                            && d.year.is_some_and(|y| f64::from(y) == claim.value)
                    }
                };
                if agrees {
                    return Verdict::Supported(evidence(index, doc, f));
                }
            }
        }
        Verdict::Unsupported {
            reason: "no source gives this number".to_owned(),
        }
    }

    const PIECES: &[&str] = &[
        "3 plants",
        "two plants",
        "three new plants",
        "$2.1 billion",
        "2.14bn dollars",
        "$2,100 million",
        "40%",
        "40 per cent",
        "41 percent",
        "in 2025",
        "in 2026",
        "May 2026",
        "12 May 2026",
        "the 1990s",
        "1,200 jobs",
        "1.2 million jobs",
        "12 jobs",
        "0.5%",
    ];

    proptest! {
        /// Every number claim gets the verdict the full scan gives, evidence and all.
        #[test]
        fn indexed_lookups_agree_with_the_scan(
            first in prop::collection::vec(prop::sample::select(PIECES), 0..12),
            second in prop::collection::vec(prop::sample::select(PIECES), 0..6),
            prose in prop::collection::vec(prop::sample::select(PIECES), 1..6),
        ) {
            let text = |pieces: &[&str]| pieces.iter().map(|p| format!("They said {p} here.")).collect::<Vec<_>>().join(" ");
            let sources = Sources::new(&[text(&first), text(&second)]).unwrap();
            let prose = text(&prose);
            for found in find_all(Folded::new(&prose).text()) {
                if let Reading::Quantity(claim) = &found.what {
                    prop_assert_eq!(check_quantity(&sources, claim), check_quantity_by_scan(&sources, claim));
                }
            }
        }
    }
}
