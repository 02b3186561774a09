//! The mix of quotes a real stream of model output has, on real prose (the corpus's Austen
//! excerpts, see crates/bellwether-anchor/testdata/corpus/PROVENANCE.md), shared by the
//! benchmarks: articles of 5–20 KB, a 1 MB document and quotes labelled by class.

#![allow(dead_code)] // each benchmark uses part of it

pub(crate) const BOOKS: [&str; 6] = [
    include_str!("../../crates/bellwether-anchor/testdata/corpus/austen-sense-and-sensibility.txt"),
    include_str!("../../crates/bellwether-anchor/testdata/corpus/austen-pride-and-prejudice.txt"),
    include_str!("../../crates/bellwether-anchor/testdata/corpus/austen-mansfield-park.txt"),
    include_str!("../../crates/bellwether-anchor/testdata/corpus/austen-emma.txt"),
    include_str!("../../crates/bellwether-anchor/testdata/corpus/austen-northanger-abbey.txt"),
    include_str!("../../crates/bellwether-anchor/testdata/corpus/austen-persuasion.txt"),
];

#[path = "../support/split_mix.rs"]
mod split_mix;
pub(crate) use split_mix::Rng;

/// Articles of 5–20 KB cut at paragraph breaks, typeset with curly quotes and em dashes.
pub(crate) fn articles() -> Vec<String> {
    let mut rng = Rng(7);
    let mut out = Vec::new();
    for book in BOOKS {
        let mut current = String::new();
        let mut target = 5_000 + rng.below(15_000);
        for paragraph in book.split("\n\n") {
            current.push_str(paragraph);
            current.push_str("\n\n");
            if current.len() >= target {
                out.push(typeset(&std::mem::take(&mut current)));
                target = 5_000 + rng.below(15_000);
            }
        }
    }
    out
}

pub(crate) fn typeset(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 10);
    let mut prev = ' ';
    for c in text.chars() {
        match c {
            '"' if prev.is_whitespace() => out.push('\u{201C}'),
            '"' => out.push('\u{201D}'),
            '\'' => out.push('\u{2019}'),
            c => out.push(c),
        }
        prev = c;
    }
    out.replace("--", "\u{2014}")
}

/// The classes of quote a model's output holds, in the proportions of [`class_of`].
pub(crate) const CLASSES: [&str; 8] = [
    "exact",
    "typography",
    "typos",
    "hyphenation",
    "elided",
    "misquote",
    "fabricated-foreign",
    "fabricated-invented",
];

/// The class of the `i`-th quote: of every 20, 6 exact after normalisation, 2 with curly
/// quotes and dashes swapped, 3 with one to three typos, 1 across a hyphenated line break, 2
/// elided, 2 misquoted (1 to 4 words changed) and 4 fabricated (20%): 2 sentences of another
/// text and 2 invented from the text's own words.
pub(crate) fn class_of(i: usize) -> &'static str {
    match i % 20 {
        0..6 => CLASSES[0],
        6..8 => CLASSES[1],
        8..11 => CLASSES[2],
        11 => CLASSES[3],
        12..14 => CLASSES[4],
        14..16 => CLASSES[5],
        16..18 => CLASSES[6],
        _ => CLASSES[7],
    }
}

/// The real stream's mix of quotes for `text` (see [`class_of`]), labelled by class; `foreign`
/// is another text, the source of fabricated quotes that read like real ones.
pub(crate) fn quotes(
    text: &str,
    foreign: &str,
    count: usize,
    seed: u64,
) -> Vec<(&'static str, String)> {
    quotes_from(text, foreign, 0, count, seed)
}

/// As [`quotes`], the classes from the `first`-th on: a few quotes per text still cover the
/// mix over many texts.
pub(crate) fn quotes_from(
    text: &str,
    foreign: &str,
    first: usize,
    count: usize,
    seed: u64,
) -> Vec<(&'static str, String)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let others: Vec<&str> = foreign.split_whitespace().collect();
    let mut rng = Rng(seed);
    let plain = |run: String| {
        run.replace(['\u{201C}', '\u{201D}'], "\"")
            .replace('\u{2019}', "'")
            .replace('\u{2014}', "--")
    };
    (first..first + count)
        .map(|i| {
            let len = 8 + rng.below(22);
            let start = rng.below(words.len().saturating_sub(len + 12));
            let run = words[start..start + len].join(" ");
            let class = class_of(i);
            let quote = match class {
                "exact" => plain(run),
                "typography" => run.replace('\u{2014}', " - "),
                "typos" => {
                    let mut chars: Vec<char> = plain(run).chars().collect();
                    for _ in 0..1 + rng.below(3) {
                        let at = 1 + rng.below(chars.len() - 2);
                        chars[at] = if chars[at] == 'e' { 'a' } else { 'e' };
                    }
                    chars.into_iter().collect()
                }
                // A run with a long word, which the text breaks across lines (see
                // `hyphenate`); the model writes it whole.
                "hyphenation" => {
                    let long = (0..64)
                        .map(|_| rng.below(words.len().saturating_sub(len + 12)))
                        .find(|&at| words[at..at + len].iter().any(|w| is_long(w)))
                        .unwrap_or(start);
                    plain(words[long..long + len].join(" "))
                }
                "elided" => {
                    let head = words[start..start + 5].join(" ");
                    let tail = words[start + len - 4..start + len + 3].join(" ");
                    plain(format!("{head} \u{2026} {tail}"))
                }
                "misquote" => {
                    let mut run: Vec<&str> = words[start..start + len].to_vec();
                    for _ in 0..1 + rng.below(4) {
                        let at = rng.below(run.len());
                        run[at] = words[rng.below(words.len())];
                    }
                    plain(run.join(" "))
                }
                "fabricated-foreign" => {
                    let at = rng.below(others.len().saturating_sub(len));
                    plain(others[at..at + len].join(" "))
                }
                _ => plain(
                    (0..len)
                        .map(|_| words[rng.below(words.len())])
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
            };
            (class, quote)
        })
        .collect()
}

/// Words of at least this many bytes, all letters, are hyphenated.
pub(crate) const LONG_WORD: usize = 10;

pub(crate) fn is_long(word: &str) -> bool {
    word.len() >= LONG_WORD && word.chars().all(char::is_alphabetic)
}

/// Breaks every word of ten letters or more across a line with a hyphen, as printed text and
/// PDF extractions do.
pub(crate) fn hyphenate(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 100);
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if is_long(word) {
            let cut = word.char_indices().nth(3).map_or(0, |(at, _)| at);
            out.push_str(&word[..cut]);
            out.push_str("-\n");
            out.push_str(&word[cut..]);
        } else {
            out.push_str(word);
        }
    }
    out
}

/// About 1 MB: the six excerpts, then filler prose made of their words in random order, so the
/// quotes (taken from the excerpts) occur once.
pub(crate) fn megabyte() -> String {
    let mut text: String = BOOKS
        .iter()
        .map(|b| typeset(b))
        .collect::<Vec<_>>()
        .join("\n\n");
    let vocabulary: Vec<&str> = BOOKS.iter().flat_map(|b| b.split_whitespace()).collect();
    let mut rng = Rng(11);
    while text.len() < 1 << 20 {
        text.push_str(vocabulary[rng.below(vocabulary.len())]);
        text.push(if rng.below(12) == 0 { '\n' } else { ' ' });
    }
    text
}

/// Text that none of the books holds (the seed's news articles): the source of fabricated
/// quotes for the 1 MB document, which holds every book.
pub(crate) const NEWS: [&str; 3] = [
    include_str!(
        "../../crates/bellwether-anchor/testdata/seed/software-layer-china-us-tech-diplomacy.txt"
    ),
    include_str!(
        "../../crates/bellwether-anchor/testdata/seed/white-house-industrial-scale-theft.txt"
    ),
    include_str!("../../crates/bellwether-anchor/testdata/seed/the-g-2-reality.txt"),
];
