//! The labelled accuracy set: real quotes with the deviations language models make, and
//! fabricated quotes, generated deterministically from public-domain books.
//!
//! Targets: recall ≥ 0.998, exact byte span ≥ 0.99, fabricated quotes (and misquotes with two
//! to four words changed) accepted ≤ 0.5%.

use std::ops::Range;

use bellwether_anchor::{Locator, PreparedText};

use crate::corpus::{Article, Rng, articles};

const SEED: u64 = 0x00B3_11E7_4E12;
const REAL_PER_ARTICLE: usize = 48;
const FABRICATED_PER_ARTICLE: usize = 20;
const MISQUOTED_PER_ARTICLE: usize = 8;

/// A labelled case: a quote and, for a real one, the byte span it must be found at.
#[derive(Debug, Clone)]
pub(crate) struct Case {
    pub(crate) article: usize,
    pub(crate) kind: &'static str,
    pub(crate) quote: String,
    pub(crate) expected: Option<Range<usize>>,
}

/// A word of an article with its byte range.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
}

fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push(Word { start: s, end: i });
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(Word {
            start: s,
            end: text.len(),
        });
    }
    out
}

/// Sentences as ranges of word indices, never crossing a paragraph break.
fn sentences(text: &str, words: &[Word]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut first = 0;
    for (i, w) in words.iter().enumerate() {
        let token = text[w.start..w.end].trim_end_matches(['"', '\'', '\u{201D}', '\u{2019}', ')']);
        let paragraph_end = words
            .get(i + 1)
            .is_some_and(|n| text[w.end..n.start].contains("\n\n"));
        if token.ends_with(['.', '!', '?']) || paragraph_end || i + 1 == words.len() {
            out.push(first..i + 1);
            first = i + 1;
        }
    }
    out
}

const OPENERS: [char; 8] = ['"', '\'', '\u{201C}', '\u{2018}', '(', '-', '\u{2014}', '_'];
const CLOSERS: [char; 11] = [
    '"', '\'', '\u{201D}', '\u{2019}', ')', ',', ';', ':', '-', '\u{2014}', '_',
];

/// The span of words `range`, trimmed of quote marks and clause punctuation at its edges.
fn span_of(text: &str, words: &[Word], range: Range<usize>) -> Range<usize> {
    let mut start = words[range.start].start;
    let mut end = words[range.end - 1].end;
    while let Some(c) = text[start..end]
        .chars()
        .next()
        .filter(|c| OPENERS.contains(c))
    {
        start += c.len_utf8();
    }
    while let Some(c) = text[start..end]
        .chars()
        .next_back()
        .filter(|c| CLOSERS.contains(c))
    {
        end -= c.len_utf8();
    }
    start..end
}

/// How a model writes a passage: hyphenation undone, one line, mostly straight quotes.
fn as_model_writes(passage: &str, rng: &mut Rng) -> String {
    let joined = passage.replace("-\n", "");
    let mut out: String = joined.split_whitespace().collect::<Vec<_>>().join(" ");
    if rng.chance(60) {
        out = out
            .replace(['\u{201C}', '\u{201D}'], "\"")
            .replace(['\u{2018}', '\u{2019}'], "'");
    }
    if rng.chance(50) {
        out = out.replace('\u{2014}', "--");
    }
    out
}

fn swap_styles(quote: &str) -> String {
    quote
        .replace('"', "\u{201D}")
        .replace('\'', "\u{2019}")
        .replace("--", "\u{2014}")
}

/// Applies one typo to a random word of four or more letters.
fn typo(quote: &str, rng: &mut Rng) -> String {
    let ws: Vec<Word> = words(quote)
        .into_iter()
        .filter(|w| {
            quote[w.start..w.end]
                .chars()
                .filter(|c| c.is_alphabetic())
                .count()
                >= 4
        })
        .collect();
    if ws.is_empty() {
        return quote.to_owned();
    }
    let w = *rng.pick(&ws);
    let mut chars: Vec<char> = quote[w.start..w.end].chars().collect();
    let letters: Vec<usize> = (0..chars.len())
        .filter(|&i| chars[i].is_alphabetic())
        .collect();
    let at = *rng.pick(&letters);
    match rng.range(0..4) {
        0 => chars[at] = if chars[at] == 'e' { 'a' } else { 'e' },
        1 => {
            chars.remove(at);
        }
        2 => chars.insert(at, chars[at]),
        _ => {
            if at + 1 < chars.len() && chars[at + 1].is_alphabetic() && chars[at] != chars[at + 1] {
                chars.swap(at, at + 1);
            } else {
                chars[at] = 'x';
            }
        }
    }
    let word: String = chars.into_iter().collect();
    format!("{}{}{}", &quote[..w.start], word, &quote[w.end..])
}

/// Swaps two adjacent inner words.
fn swap_words(quote: &str, rng: &mut Rng) -> String {
    let mut ws: Vec<&str> = quote.split(' ').collect();
    if ws.len() >= 5 {
        let i = rng.range(1..ws.len() - 2);
        ws.swap(i, i + 1);
    }
    ws.join(" ")
}

const ELISIONS: [&str; 5] = [" ... ", " \u{2026} ", " . . . ", " [...] ", " [\u{2026}] "];

/// An article's words and sentences (of six words or more), computed once.
struct Parsed {
    words: Vec<Word>,
    sentences: Vec<Range<usize>>,
}

fn parse(article: &Article) -> Parsed {
    let words = words(&article.text);
    let sentences = sentences(&article.text, &words)
        .into_iter()
        .filter(|s| s.len() >= 6)
        .collect();
    Parsed { words, sentences }
}

/// One real English quote.
fn real_english(article: &Article, parsed: &Parsed, rng: &mut Rng) -> Option<Case> {
    let text = &article.text;
    let ws = &parsed.words;
    let ss = &parsed.sentences;
    if ss.is_empty() {
        return None;
    }
    let s = rng.pick(ss).clone();
    // A whole sentence or a fragment of at least six words.
    let range = if s.len() > 8 && rng.chance(60) {
        let len = rng.range(6..s.len().min(36));
        let first = rng.range(s.start..s.end - len + 1);
        first..first + len
    } else {
        s.start..s.end.min(s.start + 40)
    };
    let mut span = span_of(text, ws, range.clone());
    if span.len() < 25 {
        return None;
    }
    let mut quote = as_model_writes(&text[span.clone()], rng);
    let kind = match rng.range(0..100) {
        0..15 => "plain",
        15..25 => {
            quote = swap_styles(&quote);
            "quote and dash swap"
        }
        25..35 => {
            let mut chars = quote.chars();
            let first: String = chars
                .next()
                .map(|c| c.to_uppercase().collect())
                .unwrap_or_default();
            quote = format!("{first}{}", chars.as_str());
            "capitalised fragment start"
        }
        35..45 => {
            if quote.ends_with('.') {
                quote.pop();
                span.end -= 1;
                "dropped final period"
            } else {
                quote.push('.');
                "added final period"
            }
        }
        45..55 => {
            let inner = words(&quote);
            if inner.len() < 10 {
                return None;
            }
            let cut = rng.range(3..inner.len() - 4);
            let len = rng.range(2..(inner.len() - cut - 2).min(8));
            let marker = rng.pick(&ELISIONS);
            quote = format!(
                "{}{marker}{}",
                &quote[..inner[cut - 1].end],
                &quote[inner[cut + len].start..]
            );
            "elision within a sentence"
        }
        55..63 => {
            // This sentence, then a later one within a few hundred bytes.
            let later: Vec<&Range<usize>> = ss
                .iter()
                .filter(|o| o.start >= s.end && ws[o.start].start < ws[s.end - 1].end + 600)
                .collect();
            let other = later.first()?;
            let first = span_of(text, ws, s.clone());
            let second = span_of(text, ws, (*other).clone());
            let marker = rng.pick(&ELISIONS);
            quote = format!(
                "{}{marker}{}",
                as_model_writes(&text[first.clone()], rng),
                as_model_writes(&text[second.clone()], rng)
            );
            span = first.start..second.end;
            "elision across sentences"
        }
        63..71 => {
            let inner = words(&quote);
            if inner.len() < 6 {
                return None;
            }
            let first_word = &quote[inner[0].start..inner[0].end];
            if rng.chance(50) && first_word.chars().next().is_some_and(char::is_lowercase) {
                let mut chars = first_word.chars();
                let upper: String = chars
                    .next()
                    .map(|c| c.to_uppercase().collect())
                    .unwrap_or_default();
                quote = format!("[{upper}]{}{}", chars.as_str(), &quote[inner[0].end..]);
            } else {
                let at = rng.range(2..inner.len() - 2);
                let name = rng.pick(&[
                    "[the family]",
                    "[Mr. Elliot]",
                    "[she]",
                    "[the house]",
                    "[in 1811]",
                ]);
                quote = format!(
                    "{}{name}{}",
                    &quote[..inner[at].start],
                    &quote[inner[at].end..]
                );
            }
            "bracketed insertion"
        }
        71..86 => {
            for _ in 0..rng.range(1..4) {
                quote = typo(&quote, rng);
            }
            "typos"
        }
        86..90 => {
            for _ in 0..rng.range(1..3) {
                quote = swap_words(&quote, rng);
            }
            "swapped words"
        }
        90..92 => {
            // "A three men …" for "The three men …": the span still starts at the text's word.
            let inner = words(&quote);
            let first = &quote[inner.first()?.start..inner.first()?.end];
            let replacement = if first == "The" { "A" } else { "The" };
            if inner.len() < 8 || !first.chars().all(char::is_alphabetic) {
                return None;
            }
            quote = format!("{replacement}{}", &quote[inner[0].end..]);
            "changed first word"
        }
        92..94 => {
            // "… to [them]": the closing word written as an editorial insertion.
            let inner = words(&quote);
            let last = inner.last()?;
            let word = &quote[last.start..last.end];
            if inner.len() < 8 || !word.chars().all(char::is_alphabetic) {
                return None;
            }
            quote = format!("{}[{word}]", &quote[..last.start]);
            "closing insertion"
        }
        _ => {
            quote = typo(&swap_styles(&quote), rng);
            "combined swap and typo"
        }
    };
    Some(Case {
        article: 0,
        kind,
        quote,
        expected: Some(span),
    })
}

/// Poem lines of a Chinese article with their byte ranges (title and author lines excluded).
fn poem_lines(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split('\n') {
        let range = at..at + line.len();
        at += line.len() + 1;
        if line.ends_with(['。', '？', '！', '；']) && line.chars().count() >= 8 {
            out.push(range);
        }
    }
    out
}

fn random_han(rng: &mut Rng, pool: &str) -> char {
    let han: Vec<char> = pool
        .chars()
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .collect();
    *rng.pick(&han)
}

/// One real Chinese quote: one or two poem lines.
fn real_chinese(article: &Article, rng: &mut Rng) -> Option<Case> {
    let text = &article.text;
    let lines = poem_lines(text);
    if lines.len() < 3 {
        return None;
    }
    let i = rng.range(0..lines.len() - 2);
    let two = rng.chance(50) && lines[i + 1].start == lines[i].end + 1;
    let mut span = if two {
        lines[i].start..lines[i + 1].end
    } else {
        lines[i].clone()
    };
    let mut quote: String = text[span.clone()].split('\n').collect();
    let kind = match rng.range(0..6) {
        0 => "plain",
        1 => {
            quote = quote.replace('，', ", ");
            "punctuation swap"
        }
        2 => {
            quote.pop();
            span.end -= '。'.len_utf8();
            "dropped final stop"
        }
        3 => {
            let chars: Vec<char> = quote.chars().collect();
            let at = rng.range(1..chars.len() - 2);
            let mut chars = chars;
            chars[at] = random_han(rng, text);
            quote = chars.into_iter().collect();
            "typo"
        }
        4 if lines[i + 2].start == lines[i].end + 1 || lines[i + 1].start == lines[i].end + 1 => {
            let next = if lines[i + 2].start == lines[i + 1].end + 1 {
                i + 2
            } else {
                i + 1
            };
            quote = format!(
                "{}……{}",
                &text[lines[i].clone()],
                &text[lines[next].clone()]
            );
            span = lines[i].start..lines[next].end;
            "elision"
        }
        _ => {
            quote = format!("“{quote}”");
            "with quote marks"
        }
    };
    Some(Case {
        article: 0,
        kind,
        quote,
        expected: Some(span),
    })
}

/// A random sentence (English) or poem line (Chinese) of `article`.
fn some_sentence(article: &Article, parsed: &Parsed, rng: &mut Rng) -> Option<String> {
    if article.cjk {
        let lines = poem_lines(&article.text);
        return Some(article.text[rng.pick(&lines).clone()].to_owned());
    }
    let ss: Vec<&Range<usize>> = parsed.sentences.iter().filter(|s| s.len() >= 8).collect();
    let s = (*rng.pick(&ss)).clone();
    let range = s.start..s.end.min(s.start + 30);
    Some(as_model_writes(
        &article.text[span_of(&article.text, &parsed.words, range)],
        rng,
    ))
}

fn units(text: &str, cjk: bool) -> Vec<String> {
    if cjk {
        text.chars().map(String::from).collect()
    } else {
        text.split(' ').map(str::to_owned).collect()
    }
}

fn join(units: &[String], cjk: bool) -> String {
    units.join(if cjk { "" } else { " " })
}

/// One fabricated quote for `article`, built from `foreign` (another document) and the article.
fn fabricated(
    (article, parsed): (&Article, &Parsed),
    (foreign, foreign_parsed): (&Article, &Parsed),
    rng: &mut Rng,
) -> Option<Case> {
    let cjk = article.cjk;
    let (kind, quote) = match rng.range(0..4) {
        0 => (
            "sentence from another document",
            some_sentence(foreign, foreign_parsed, rng)?,
        ),
        1 => {
            let real = units(&some_sentence(article, parsed, rng)?, cjk);
            let other = units(&some_sentence(foreign, foreign_parsed, rng)?, cjk);
            // Every other word (or character) replaced, and some more.
            let mut out: Vec<String> = real
                .iter()
                .enumerate()
                .map(|(i, u)| {
                    if i % 2 == 1 || rng.chance(30) {
                        rng.pick(&other).clone()
                    } else {
                        u.clone()
                    }
                })
                .collect();
            let cut = rng.range(1..out.len().max(2));
            let cut = cut.min(out.len());
            out.rotate_left(cut);
            ("heavy paraphrase", join(&out, cjk))
        }
        2 => {
            let real = units(&some_sentence(article, parsed, rng)?, cjk);
            let other = units(&some_sentence(foreign, foreign_parsed, rng)?, cjk);
            let mut out: Vec<String> = real[..real.len() / 2].to_vec();
            out.extend_from_slice(&other[other.len() / 2..]);
            ("splice of real and foreign halves", join(&out, cjk))
        }
        _ => {
            let pool = units(
                &article
                    .text
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                cjk,
            );
            let pool: Vec<String> = pool
                .into_iter()
                .filter(|u| u.chars().any(char::is_alphanumeric))
                .collect();
            let n = if cjk {
                rng.range(12..24)
            } else {
                rng.range(8..20)
            };
            let out: Vec<String> = (0..n).map(|_| rng.pick(&pool).clone()).collect();
            ("word salad of the article's words", join(&out, cjk))
        }
    };
    Some(Case {
        article: 0,
        kind,
        quote,
        expected: None,
    })
}

/// One misquote: a real sentence of at least ten words with two to four of its words of four
/// letters or more replaced by other words of the article: the quote says something the
/// article does not, and must not be accepted whatever its character score.
fn misquoted(article: &Article, parsed: &Parsed, rng: &mut Rng) -> Option<Case> {
    let text = &article.text;
    let ss: Vec<&Range<usize>> = parsed.sentences.iter().filter(|s| s.len() >= 10).collect();
    let s = (*rng.pick(&ss)).clone();
    let range = s.start..s.end.min(s.start + 30);
    let quote = as_model_writes(&text[span_of(text, &parsed.words, range)], rng);
    let mut units: Vec<String> = quote.split(' ').map(str::to_owned).collect();
    let content: Vec<usize> = (0..units.len())
        .filter(|&i| units[i].chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    let changes = rng.range(2..5);
    if content.len() < changes + 2 {
        return None;
    }
    let pool: Vec<&str> = parsed
        .words
        .iter()
        .map(|w| &text[w.start..w.end])
        .filter(|w| w.len() >= 4 && w.chars().all(char::is_alphabetic))
        .collect();
    let mut changed = 0;
    let mut tries = 0;
    let mut free = content;
    while changed < changes && tries < 50 && !free.is_empty() {
        tries += 1;
        let i = rng.range(0..free.len());
        let at = free[i];
        let other = *rng.pick(&pool);
        let word: String = units[at].chars().filter(|c| c.is_alphabetic()).collect();
        if word.eq_ignore_ascii_case(other)
            || units[at].contains(other)
            || !units[at].contains(&word)
        {
            continue;
        }
        // Each change a different word.
        free.swap_remove(i);
        units[at] = units[at].replace(&word, other);
        changed += 1;
    }
    if changed < changes {
        return None;
    }
    Some(Case {
        article: 0,
        kind: "misquote with 2 to 4 words changed",
        quote: units.join(" "),
        expected: None,
    })
}

/// The whole labelled set, with the articles it refers to.
pub(crate) fn labelled_set() -> (Vec<Article>, Vec<Case>) {
    let articles = articles(SEED);
    let parsed: Vec<Parsed> = articles.iter().map(parse).collect();
    let mut rng = Rng::new(SEED ^ 0x5EED);
    let mut cases = Vec::new();
    for (index, article) in articles.iter().enumerate() {
        let mut made = 0;
        let mut tries = 0;
        while made < REAL_PER_ARTICLE && tries < REAL_PER_ARTICLE * 4 {
            tries += 1;
            let case = if article.cjk {
                real_chinese(article, &mut rng)
            } else {
                real_english(article, &parsed[index], &mut rng)
            };
            if let Some(mut case) = case {
                case.article = index;
                cases.push(case);
                made += 1;
            }
        }
        let foreigners: Vec<usize> = (0..articles.len())
            .filter(|&i| i != index)
            .filter(|&i| {
                let a = &articles[i];
                a.cjk == article.cjk && (a.source != article.source || a.cjk)
            })
            .collect();
        if !article.cjk {
            for _ in 0..MISQUOTED_PER_ARTICLE {
                if let Some(mut case) = misquoted(article, &parsed[index], &mut rng) {
                    case.article = index;
                    cases.push(case);
                }
            }
        }
        for _ in 0..FABRICATED_PER_ARTICLE {
            let foreign = *rng.pick(&foreigners);
            let pair = (&articles[foreign], &parsed[foreign]);
            if let Some(mut case) = fabricated((article, &parsed[index]), pair, &mut rng) {
                case.article = index;
                cases.push(case);
            }
        }
    }
    (articles, cases)
}

#[test]
fn meets_recall_span_and_fabrication_targets() {
    let (articles, cases) = labelled_set();
    let prepared: Vec<PreparedText> = articles
        .iter()
        .map(|a| PreparedText::new(&a.text))
        .collect();
    let locator = Locator::new();
    let (mut real, mut found, mut exact_span, mut fake, mut fake_accepted) = (0, 0, 0, 0, 0);
    let mut misses = Vec::new();
    for case in &cases {
        let text = &prepared[case.article];
        let result = locator.locate(text, &case.quote);
        match &case.expected {
            Some(expected) => {
                real += 1;
                match &result {
                    Ok(m) => {
                        found += 1;
                        // A passage the text has twice: any listed occurrence is right.
                        let listed = m.occurrences().iter().any(|o| o.bytes() == *expected);
                        if m.span().bytes() == *expected || (m.is_ambiguous() && listed) {
                            exact_span += 1;
                        } else {
                            misses.push(format!(
                                "span  [{}] {:?}\n      want {:?}\n      got  {:?}",
                                case.kind,
                                case.quote,
                                &text.original()[expected.clone()],
                                &text.original()[m.span().bytes()]
                            ));
                        }
                    }
                    Err(e) => misses.push(format!("miss  [{}] {e}", case.kind)),
                }
            }
            None => {
                fake += 1;
                if let Ok(m) = &result {
                    fake_accepted += 1;
                    misses.push(format!(
                        "fake  [{}] {:?} accepted as {:?} at {:?}",
                        case.kind,
                        case.quote,
                        m.rung(),
                        &text.original()[m.span().bytes()]
                    ));
                }
            }
        }
    }
    let recall = f64::from(found) / f64::from(real);
    let span_rate = f64::from(exact_span) / f64::from(real);
    let fake_rate = f64::from(fake_accepted) / f64::from(fake);
    for miss in &misses {
        println!("{miss}");
    }
    println!(
        "accuracy set: {} articles, {real} real quotes, {fake} fabricated; recall {recall:.4} \
         ({found}/{real}), exact byte span {span_rate:.4} ({exact_span}/{real}), fabricated \
         accepted {:.2}% ({fake_accepted}/{fake})",
        articles.len(),
        100.0 * fake_rate
    );
    assert!(recall >= 0.998, "recall {recall:.4} below 0.998");
    assert!(
        span_rate >= 0.99,
        "exact byte span {span_rate:.4} below 0.99"
    );
    assert!(
        fake_rate <= 0.005,
        "fabricated accepted {fake_rate:.4} above 0.005"
    );
}

/// In a document large enough for the q-gram filter, every quote gets the verdict and span it
/// gets in its own article.
#[test]
fn a_large_document_gives_the_same_verdicts_as_its_articles() {
    let (articles, cases) = labelled_set();
    let mut offsets = Vec::new();
    let mut big = String::new();
    for a in &articles {
        offsets.push(big.len());
        big.push_str(&a.text);
        big.push_str("\n\n");
    }
    assert!(big.len() > 128 * 1024);
    let whole = PreparedText::new(&big);
    let locator = Locator::new();
    let (mut checked, mut fake_accepted, mut fakes) = (0, 0, 0);
    for case in cases.iter().step_by(11) {
        let result = locator.locate(&whole, &case.quote);
        match &case.expected {
            Some(expected) => {
                let m = result.unwrap_or_else(|e| panic!("{e}"));
                let shift = offsets[case.article];
                let want = expected.start + shift..expected.end + shift;
                assert!(
                    m.occurrences().iter().any(|o| o.bytes() == want),
                    "{:?}: {:?}",
                    case.quote,
                    &big[m.span().bytes()]
                );
                checked += 1;
            }
            // Text from another article is in this document: only fabrications built from
            // nowhere in it stay fabrications here.
            None if matches!(
                case.kind,
                "heavy paraphrase" | "word salad of the article's words"
            ) =>
            {
                fakes += 1;
                if let Ok(m) = &result {
                    fake_accepted += 1;
                    println!("accepted {:?} at {:?}", case.quote, &big[m.span().bytes()]);
                }
            }
            None => {}
        }
    }
    println!(
        "large document: {checked} real quotes at their spans, {fake_accepted}/{fakes} fabricated accepted"
    );
    assert!(fake_accepted * 200 <= fakes);
}
