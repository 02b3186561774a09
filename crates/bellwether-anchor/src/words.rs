//! Word-level views of normalised text: tokens, overlap and differences.
//!
//! Words are runs between spaces, trimmed of punctuation; in scripts written without spaces
//! (Chinese, Japanese, Thai …) every character is a word.

use std::collections::HashMap;

use crate::error::WordDifference;

/// Whether `c` belongs to a script written without spaces between words.
pub(crate) fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}'      // Thai, Lao
        | '\u{1000}'..='\u{109F}'    // Myanmar
        | '\u{1780}'..='\u{17FF}'    // Khmer
        | '\u{2E80}'..='\u{A4CF}'    // CJK radicals, kana, ideographs, Yi
        | '\u{F900}'..='\u{FAFF}'    // CJK compatibility ideographs
        | '\u{FF66}'..='\u{FF9F}'    // half-width katakana
        | '\u{20000}'..='\u{3FFFF}') // CJK extensions
}

/// Whether `c` continues a word for span snapping: a letter or digit of a spaced script.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_unspaced(c)
}

/// The words of normalised `text`.
pub(crate) fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for token in text.split(' ') {
        let token = token.trim_matches(|c: char| !c.is_alphanumeric());
        if token.is_empty() {
            continue;
        }
        if token.chars().any(is_unspaced) {
            let mut start = 0;
            for (i, c) in token.char_indices() {
                if is_unspaced(c) {
                    if start < i {
                        out.push(&token[start..i]);
                    }
                    out.push(&token[i..i + c.len_utf8()]);
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

/// The share of words the two texts have in common, counted as multisets, over the larger count:
/// 1 when one is a reordering of the other.
pub(crate) fn overlap(a: &[&str], b: &[&str]) -> f64 {
    let larger = a.len().max(b.len());
    if larger == 0 {
        return 1.0;
    }
    let mut counts: HashMap<&str, isize> = HashMap::with_capacity(a.len());
    for w in a {
        *counts.entry(w).or_default() += 1;
    }
    let mut common = 0usize;
    for w in b {
        if let Some(n) = counts.get_mut(w)
            && *n > 0
        {
            *n -= 1;
            common += 1;
        }
    }
    common as f64 / larger as f64
}

/// The runs of words that differ between `quoted` and `found`, from a longest common
/// subsequence alignment.
pub(crate) fn differences(quoted: &[&str], found: &[&str]) -> Vec<WordDifference> {
    let (n, m) = (quoted.len(), found.len());
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn overlap_counts_multisets() {
        assert!((overlap(&["a", "b", "c"], &["c", "b", "a"]) - 1.0).abs() < 1e-9);
        assert!((overlap(&["a", "a"], &["a", "b"]) - 0.5).abs() < 1e-9);
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
