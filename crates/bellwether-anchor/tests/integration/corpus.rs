//! The accuracy corpus: real articles cut from public-domain books, typeset like news pages,
//! and a small seeded random generator.

use std::ops::Range;

/// The English excerpts (see testdata/corpus/PROVENANCE.md).
pub(crate) const ENGLISH: [&str; 6] = [
    include_str!("../../testdata/corpus/austen-sense-and-sensibility.txt"),
    include_str!("../../testdata/corpus/austen-pride-and-prejudice.txt"),
    include_str!("../../testdata/corpus/austen-mansfield-park.txt"),
    include_str!("../../testdata/corpus/austen-emma.txt"),
    include_str!("../../testdata/corpus/austen-northanger-abbey.txt"),
    include_str!("../../testdata/corpus/austen-persuasion.txt"),
];

/// The Chinese poems (see testdata/corpus/PROVENANCE.md).
pub(crate) const CHINESE: &str = include_str!("../../testdata/corpus/tang300.txt");

/// SplitMix64: small, fast and good enough to make test cases reproducible.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `range` (which must not be empty).
    pub(crate) fn range(&mut self, range: Range<usize>) -> usize {
        let width = (range.end - range.start).max(1) as u64;
        range.start + (self.next_u64() % width) as usize
    }

    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0..items.len())]
    }
}

/// One article of the corpus.
#[derive(Debug, Clone)]
pub(crate) struct Article {
    /// Which book (or 100 for the Chinese poems): quotes "from another document" come from
    /// another book.
    pub(crate) source: usize,
    pub(crate) text: String,
    pub(crate) cjk: bool,
}

/// Cuts `book` into articles of `min..max` bytes at paragraph breaks.
fn cut(
    book: &str,
    source: usize,
    cjk: bool,
    rng: &mut Rng,
    min: usize,
    max: usize,
) -> Vec<Article> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut target = rng.range(min..max);
    for paragraph in book.split("\n\n") {
        if !current.is_empty() {
            current.push_str("\n\n");
        }
        current.push_str(paragraph);
        if current.len() >= target {
            out.push(Article {
                source,
                text: std::mem::take(&mut current),
                cjk,
            });
            target = rng.range(min..max);
        }
    }
    if current.len() >= min / 2 {
        out.push(Article {
            source,
            text: current,
            cjk,
        });
    }
    out
}

/// Typesets plain text like a news page: curly quotes, em dashes, and some words hyphenated at
/// line ends.
pub(crate) fn typeset(text: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut prev = ' ';
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if prev.is_whitespace() || prev == '(' || prev == '-' => out.push('\u{201C}'),
            '"' => out.push('\u{201D}'),
            '\'' if prev.is_whitespace() => out.push('\u{2018}'),
            '\'' => out.push('\u{2019}'),
            '-' if chars.peek() == Some(&'-') => {
                chars.next();
                out.push('\u{2014}');
            }
            other => out.push(other),
        }
        prev = c;
    }
    hyphenate(&out, rng)
}

/// Moves the tail of some long line-final words to the next line behind a hyphen.
fn hyphenate(text: &str, rng: &mut Rng) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut carry = String::new();
    for (i, line) in lines.iter().enumerate() {
        let mut line = format!("{carry}{line}");
        carry.clear();
        let next_is_text = lines.get(i + 1).is_some_and(|l| !l.trim().is_empty());
        if next_is_text && rng.chance(12) {
            let word_start = line.rfind(' ').map_or(0, |p| p + 1);
            let word = &line[word_start..];
            if word.len() >= 8 && word.chars().all(|c| c.is_ascii_lowercase()) {
                let cut = word_start + word.len() / 2;
                carry = format!("{} ", &line[cut..]);
                line.truncate(cut);
                line.push('-');
            }
        }
        out.push(line);
    }
    out.join("\n")
}

/// Every article of the corpus: English ones (half of them typeset) and Chinese ones.
pub(crate) fn articles(seed: u64) -> Vec<Article> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::new();
    for (source, book) in ENGLISH.iter().enumerate() {
        for mut article in cut(book, source, false, &mut rng, 5_000, 16_000) {
            if out.len() % 2 == 0 {
                article.text = typeset(&article.text, &mut rng);
            }
            out.push(article);
        }
    }
    out.extend(cut(CHINESE, 100, true, &mut rng, 4_000, 8_000));
    out
}
