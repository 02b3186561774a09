//! Word-level views of normalised text: tokens, overlap and differences.
//!
//! Words are runs between spaces, trimmed of punctuation; in scripts written without spaces
//! (Chinese, Japanese, Thai …) every character is a word.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// FNV-1a: a fast hash for the short words of one quote (no untrusted-key flooding concern at
/// this size).
#[derive(Debug, Clone, Copy)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xCBF2_9CE4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3);
        }
    }
}

use crate::error::WordDifference;

/// Whether `c` belongs to a script written without spaces between words.
pub(crate) fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}'      // Thai, Lao
        | '\u{1000}'..='\u{109F}'    // Myanmar
        | '\u{1780}'..='\u{17FF}'    // Khmer
        | '\u{2E80}'..='\u{A4CF}'    // CJK radicals, kana, ideographs, Yi
        | '\u{F900}'..='\u{FAFF}'    // CJK compatibility ideographs
        | '\u{FF00}'..='\u{FFEF}'    // full-width punctuation and forms, half-width katakana
        | '\u{20000}'..='\u{3FFFF}') // CJK extensions
}

/// Whether `c` continues a word for span snapping: a letter or digit of a spaced script.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_unspaced(c)
}

/// The words of normalised `text`.
pub(crate) fn words(text: &str) -> Vec<&str> {
    word_spans(text).into_iter().map(|(_, w)| w).collect()
}

/// The words of normalised `text` with their byte ranges.
pub(crate) fn word_spans(text: &str) -> Vec<(Range<usize>, &str)> {
    let base = text.as_ptr() as usize;
    words_of(text)
        .into_iter()
        .map(|w| {
            let start = w.as_ptr() as usize - base;
            (start..start + w.len(), w)
        })
        .collect()
}

/// Finds, in `hay[window]`, a run of words that is a reordering of `quote`'s words: the same
/// words as multisets, in an order at most `max(2, n / 5)` adjacent swaps away.
///
/// Returns the run's byte range in `hay` and its number of adjacent swaps (inversions).
pub(crate) fn reordered_run(
    hay: &str,
    window: Range<usize>,
    quote: &str,
) -> Option<(Range<usize>, usize)> {
    if quote.chars().any(is_unspaced) {
        return None;
    }
    let quoted = words(quote);
    let n = quoted.len();
    if n < 4 {
        return None;
    }
    let region = hay.get(window.clone())?;
    let spans = word_spans(region);
    if spans.len() < n {
        return None;
    }
    // Slide a window of n words, keeping how many of each word it still lacks (negative:
    // has too many) and how many distinct words are off.
    let mut lacking: HashMap<&str, i32, BuildHasherDefault<Fnv>> =
        HashMap::with_capacity_and_hasher(n, BuildHasherDefault::default());
    for w in &quoted {
        *lacking.entry(w).or_default() += 1;
    }
    let mut off = lacking.len();
    let limit = (n / 5).max(2);
    let mut best: Option<(Range<usize>, usize)> = None;
    let mut runs_checked = 0;
    for (i, (_, word)) in spans.iter().enumerate() {
        shift(&mut lacking, &mut off, word, -1);
        if i >= n {
            shift(&mut lacking, &mut off, spans[i - n].1, 1);
        }
        if i + 1 < n || off != 0 {
            continue;
        }
        // Periodic text can make every window a reordering; its order is checked for the first
        // few only, which keeps the cost at O(words + MAX_REORDERED_RUNS · n log n).
        if runs_checked == MAX_REORDERED_RUNS {
            break;
        }
        runs_checked += 1;
        let run = &spans[i + 1 - n..=i];
        let swaps = inversions(&quoted, run);
        if swaps <= limit && best.as_ref().is_none_or(|(_, b)| swaps < *b) {
            let (first, last) = (&run[0].0, &run[n - 1].0);
            best = Some((window.start + first.start..window.start + last.end, swaps));
        }
    }
    best
}

/// Adds `by` to the count of `word`, keeping `off` (distinct words with a non-zero count) true.
fn shift<'a>(
    lacking: &mut HashMap<&'a str, i32, BuildHasherDefault<Fnv>>,
    off: &mut usize,
    word: &'a str,
    by: i32,
) {
    let count = lacking.entry(word).or_default();
    let was_zero = *count == 0;
    *count += by;
    match (was_zero, *count == 0) {
        (true, false) => *off += 1,
        (false, true) => *off -= 1,
        _ => {}
    }
}

/// Most runs of words, each a reordering of the quote, whose order is checked.
const MAX_REORDERED_RUNS: usize = 16;

/// Adjacent swaps that turn `run`'s order into `quoted`'s (same multiset of words), in
/// O(n log n): each quoted word takes the run's earliest unused copy, then the inversions of
/// that order are counted by merge sort.
fn inversions(quoted: &[&str], run: &[(Range<usize>, &str)]) -> usize {
    let mut copies: HashMap<&str, std::collections::VecDeque<usize>, BuildHasherDefault<Fnv>> =
        HashMap::with_capacity_and_hasher(run.len(), BuildHasherDefault::default());
    for (i, (_, word)) in run.iter().enumerate() {
        copies.entry(word).or_default().push_back(i);
    }
    let mut order: Vec<usize> = quoted
        .iter()
        .filter_map(|q| {
            copies
                .get_mut(q)
                .and_then(std::collections::VecDeque::pop_front)
        })
        .collect();
    let mut scratch = vec![0usize; order.len()];
    count_inversions(&mut order, &mut scratch)
}

/// Sorts `items` and returns how many pairs were out of order (merge sort).
fn count_inversions(items: &mut [usize], scratch: &mut [usize]) -> usize {
    let n = items.len();
    if n < 2 {
        return 0;
    }
    let mid = n / 2;
    let mut count = count_inversions(&mut items[..mid], &mut scratch[..mid])
        + count_inversions(&mut items[mid..], &mut scratch[mid..]);
    let (mut i, mut j, mut k) = (0, mid, 0);
    while i < mid && j < n {
        if items[j] < items[i] {
            // Every item left in the first half is greater than this one.
            count += mid - i;
            scratch[k] = items[j];
            j += 1;
        } else {
            scratch[k] = items[i];
            i += 1;
        }
        k += 1;
    }
    scratch[k..k + mid - i].copy_from_slice(&items[i..mid]);
    k += mid - i;
    scratch[k..k + n - j].copy_from_slice(&items[j..n]);
    items.copy_from_slice(&scratch[..n]);
    count
}

fn words_of(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for token in text.split(' ') {
        let token = token.trim_matches(|c: char| !c.is_alphanumeric());
        if token.is_empty() {
            continue;
        }
        if token.chars().any(is_unspaced) {
            let mut start = 0;
            for (i, c) in token.char_indices() {
                if is_unspaced(c) || (start < i && !c.is_alphanumeric()) {
                    if start < i {
                        out.push(&token[start..i]);
                    }
                    if c.is_alphanumeric() {
                        out.push(&token[i..i + c.len_utf8()]);
                    }
                    start = i + c.len_utf8();
                }
            }
            if start < token.len() {
                out.push(&token[start..]);
            }
        } else {
            out.push(token);
        }
    }
    out
}

/// Most cells of the word alignment table of [`differences`] (4 bytes each).
const MAX_DIFFERENCE_CELLS: usize = 1 << 20;

/// The runs of words that differ between `quoted` and `found`, from a longest common
/// subsequence alignment.
///
/// Words the two share at the start and end are set aside first; when what remains would need a
/// table of more than [`MAX_DIFFERENCE_CELLS`] cells, it is reported as one difference. Cost:
/// O(n + m) plus O(n'·m') for the middles, at most that cap.
pub(crate) fn differences(quoted: &[&str], found: &[&str]) -> Vec<WordDifference> {
    let prefix = quoted.iter().zip(found).take_while(|(q, f)| q == f).count();
    let (quoted, found) = (&quoted[prefix..], &found[prefix..]);
    let suffix = quoted
        .iter()
        .rev()
        .zip(found.iter().rev())
        .take_while(|(q, f)| q == f)
        .count();
    let (quoted, found) = (
        &quoted[..quoted.len() - suffix],
        &found[..found.len() - suffix],
    );
    let (n, m) = (quoted.len(), found.len());
    if (n + 1).saturating_mul(m + 1) > MAX_DIFFERENCE_CELLS {
        return vec![WordDifference {
            quoted: quoted.join(" "),
            found: found.join(" "),
        }];
    }
    // lcs[i][j]: longest common subsequence of quoted[i..] and found[j..].
    let mut lcs = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[at(i, j)] = if quoted[i] == found[j] {
                lcs[at(i + 1, j + 1)] + 1
            } else {
                lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
            };
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    let (mut q_run, mut f_run): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    let flush = |q: &mut Vec<&str>, f: &mut Vec<&str>, out: &mut Vec<WordDifference>| {
        if !q.is_empty() || !f.is_empty() {
            out.push(WordDifference {
                quoted: q.join(" "),
                found: f.join(" "),
            });
            q.clear();
            f.clear();
        }
    };
    while i < n || j < m {
        if i < n && j < m && quoted[i] == found[j] {
            flush(&mut q_run, &mut f_run, &mut out);
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[at(i, j + 1)] >= lcs[at(i + 1, j)]) {
            f_run.push(found[j]);
            j += 1;
        } else {
            q_run.push(quoted[i]);
            i += 1;
        }
    }
    flush(&mut q_run, &mut f_run, &mut out);
    out
}

/// How many of the quote's words were changed for other words in `differences` (see
/// [`differences`]): quoted words that are not a typo of a found word of the same difference
/// (at most one edit in a word of up to eight letters, two in a longer one, a swap of adjacent
/// letters counting one; case ignored). Words the quote left out are not counted, nor words
/// whose letters only split or join differently (at most two edits over the difference).
pub(crate) fn changed_words(differences: &[WordDifference]) -> usize {
    let typo_of = |quoted: &str, found: &str| {
        let (q, f) = (quoted.to_lowercase(), found.to_lowercase());
        let allowed = if q.chars().count().max(f.chars().count()) <= 8 {
            1
        } else {
            2
        };
        crate::search::transposition_distance(q.as_bytes(), f.as_bytes(), allowed) <= allowed
    };
    let letters = |text: &str| -> String {
        text.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    differences
        .iter()
        .map(|d| {
            // The same letters, split or joined differently (`dear yes` for `dear!—yes`, a
            // lost space): no word changed.
            let (quoted, found) = (letters(&d.quoted), letters(&d.found));
            if !quoted.is_empty()
                && crate::search::transposition_distance(quoted.as_bytes(), found.as_bytes(), 2)
                    <= 2
            {
                return 0;
            }
            let found: Vec<&str> = d.found.split(' ').filter(|w| !w.is_empty()).collect();
            d.quoted
                .split(' ')
                .filter(|w| !w.is_empty())
                .filter(|q| !found.iter().any(|f| typo_of(q, f)))
                .count()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_words_leave_out_typos_case_and_dropped_words() {
        let changed =
            |quote: &str, found: &str| changed_words(&differences(&words(quote), &words(found)));
        assert_eq!(
            changed(
                "the ministre said Exports fell",
                "The minister said exports fell"
            ),
            0
        );
        assert_eq!(
            changed("the minister said fell", "the minister said exports fell"),
            0
        );
        assert_eq!(
            changed("oh dear yes certainly", "oh dear!-yes-certainly"),
            0
        );
        assert_eq!(
            changed(
                "the minister said imports rose",
                "the minister said exports fell"
            ),
            2
        );
        assert_eq!(
            changed(
                "a minister said exports fell",
                "the minister said exports fell"
            ),
            1
        );
    }

    #[test]
    fn splits_words_and_cjk_characters() {
        assert_eq!(
            words("the \"firm's\" chips, ok"),
            vec!["the", "firm's", "chips", "ok"]
        );
        assert_eq!(
            words("中国的ai模型"),
            vec!["中", "国", "的", "ai", "模", "型"]
        );
    }

    #[test]
    fn finds_reordered_runs() {
        let hay = "at home by the projection of a hill, he said";
        let found = reordered_run(hay, 0..hay.len(), "at home the by projection a of hill");
        assert_eq!(found, Some((0..35, 2)));
        assert_eq!(
            reordered_run(hay, 0..hay.len(), "hill a of projection the by home at"),
            None
        );
    }

    /// The obvious version: sort every window of n words and compare.
    fn naive_permuted_windows(hay: &str, quote: &str) -> Vec<Range<usize>> {
        let mut want = words(quote);
        want.sort_unstable();
        let spans = word_spans(hay);
        spans
            .windows(want.len())
            .filter(|run| {
                let mut got: Vec<&str> = run.iter().map(|(_, w)| *w).collect();
                got.sort_unstable();
                got == want
            })
            .map(|run| run[0].0.start..run[run.len() - 1].0.end)
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]

        #[test]
        fn reordered_runs_are_permuted_windows(
            hay in "((a|b|c|dd) ){4,30}",
            quote in "((a|b|c|dd) ){4,7}",
        ) {
            let naive = naive_permuted_windows(&hay, &quote);
            match reordered_run(&hay, 0..hay.len(), &quote) {
                Some((range, _)) => proptest::prop_assert!(naive.contains(&range)),
                None => {
                    // Either no window is a permutation, or every one is too far out of order.
                    let n = words(&quote).len();
                    let too_far = naive.iter().all(|r| {
                        let spans = word_spans(&hay);
                        let run: Vec<(Range<usize>, &str)> =
                            spans.into_iter().filter(|(s, _)| s.start >= r.start && s.end <= r.end).collect();
                        inversions(&words(&quote), &run) > (n / 5).max(2)
                    });
                    proptest::prop_assert!(too_far);
                }
            }
        }
    }

    #[test]
    fn differences_group_runs() {
        let d = differences(
            &["the", "big", "red", "dog"],
            &["the", "small", "dog", "ran"],
        );
        assert_eq!(
            d,
            vec![
                WordDifference {
                    quoted: "big red".into(),
                    found: "small".into()
                },
                WordDifference {
                    quoted: String::new(),
                    found: "ran".into()
                }
            ]
        );
    }
}
