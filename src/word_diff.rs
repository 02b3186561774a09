//! Where the model's wording of a quote differs from the article's, word by word.

use serde::{Deserialize, Serialize};

use crate::article_words::article_words;

/// Most cells of the word alignment table: past it, the differing middle is reported as one
/// change (quotes are at most a few hundred words, so this is never reached in practice).
const MAX_ALIGNMENT_CELLS: usize = 1 << 20;

/// One place where the model's words differ from the article's: "the model wrote `model`,
/// the article says `article`". Either side may be empty (words left out or added).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordChange {
    /// The model's words there, as it wrote them (empty when it left words out).
    pub model: String,
    /// The article's words there, as shown (empty when the model added words).
    pub article: String,
}

impl std::fmt::Display for WordChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.model.is_empty(), self.article.is_empty()) {
            (true, _) => write!(f, "the model left out '{}'", self.article),
            (_, true) => write!(f, "the model added '{}'", self.model),
            _ => write!(
                f,
                "the model wrote '{}', the article says '{}'",
                self.model, self.article
            ),
        }
    }
}

/// A word and the form it is compared in.
struct Word<'a> {
    text: &'a str,
    key: String,
}

/// Punctuation that does not make a word: sentence marks, quotation marks, brackets, dashes
/// and the elision mark. (`&`, `%`, `$` and the like do: "&" for "and" is a change.)
fn is_ignored_punctuation(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | '(' | ')' | '[' | ']' | '{' | '}'
            | '\u{2018}'..='\u{201F}' | '\u{AB}' | '\u{BB}' | '\u{2026}' | '-'
            | '\u{2010}'..='\u{2015}' | '\u{2212}'
    )
}

/// The words of `text` split at white space, each with its comparison key: lower case, with
/// typographic quotes and dashes made plain, invisible characters dropped and punctuation at
/// either end ignored. Words that are only punctuation are left out (the elision mark among
/// them), so the changes are in words, not in commas.
fn words(text: &str) -> Vec<Word<'_>> {
    text.split_whitespace()
        .filter_map(|word| {
            let key: String = word
                .trim_matches(is_ignored_punctuation)
                .chars()
                .filter(|c| {
                    !matches!(
                        c,
                        '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
                    )
                })
                .flat_map(char::to_lowercase)
                .map(|c| match c {
                    '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '`' | '\u{B4}' => '\'',
                    '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
                    other => other,
                })
                .collect();
            (!key.is_empty()).then_some(Word { text: word, key })
        })
        .collect()
}

/// The changes that turn the model's words into the article's, in order, each a maximal run
/// of differing words (by a longest common subsequence of the comparison keys).
///
/// Both sides are first read as the article's words are shown (line-end hyphenation joined,
/// soft hyphens dropped, white space made single spaces), so that a model that copied a
/// hyphenated line end is not said to have changed a word.
pub(crate) fn word_changes(model: &str, article: &str) -> Vec<WordChange> {
    let (model, article) = (article_words(model), article_words(article));
    let (model, article) = (words(&model), words(&article));
    let prefix = model
        .iter()
        .zip(&article)
        .take_while(|(m, a)| m.key == a.key)
        .count();
    let suffix = model[prefix..]
        .iter()
        .rev()
        .zip(article[prefix..].iter().rev())
        .take_while(|(m, a)| m.key == a.key)
        .count();
    let (model, article) = (
        &model[prefix..model.len() - suffix],
        &article[prefix..article.len() - suffix],
    );
    if model.is_empty() && article.is_empty() {
        return Vec::new();
    }
    let cells = (model.len() + 1).saturating_mul(article.len() + 1);
    if cells > MAX_ALIGNMENT_CELLS {
        return vec![change(model, article)];
    }
    // lcs[i][j]: the longest common subsequence of model[i..] and article[j..].
    let width = article.len() + 1;
    let mut lcs = vec![0u32; cells];
    for i in (0..model.len()).rev() {
        for j in (0..article.len()).rev() {
            lcs[i * width + j] = if model[i].key == article[j].key {
                lcs[(i + 1) * width + j + 1] + 1
            } else {
                lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let (mut from_i, mut from_j) = (0, 0);
    let mut changes = Vec::new();
    while i < model.len() || j < article.len() {
        if i < model.len() && j < article.len() && model[i].key == article[j].key {
            if (from_i, from_j) != (i, j) {
                changes.push(change(&model[from_i..i], &article[from_j..j]));
            }
            i += 1;
            j += 1;
            (from_i, from_j) = (i, j);
        } else if j == article.len()
            || (i < model.len() && lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])
        {
            i += 1;
        } else {
            j += 1;
        }
    }
    if (from_i, from_j) != (i, j) {
        changes.push(change(&model[from_i..i], &article[from_j..j]));
    }
    changes
}

fn change(model: &[Word<'_>], article: &[Word<'_>]) -> WordChange {
    let join = |words: &[Word<'_>]| words.iter().map(|w| w.text).collect::<Vec<_>>().join(" ");
    WordChange {
        model: join(model),
        article: join(article),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pairs(changes: &[WordChange]) -> Vec<(&str, &str)> {
        changes
            .iter()
            .map(|c| (c.model.as_str(), c.article.as_str()))
            .collect()
    }

    #[test]
    fn names_the_words_that_differ() {
        let changes = word_changes(
            "capability is real when it was real",
            "capability is real when it is real",
        );
        assert_eq!(pairs(&changes), [("was", "is")]);
        assert_eq!(
            changes[0].to_string(),
            "the model wrote 'was', the article says 'is'"
        );
        assert_eq!(
            pairs(&word_changes("chips & software", "chips and software")),
            [("&", "and")]
        );
    }

    #[test]
    fn case_typography_and_punctuation_are_not_changes() {
        assert!(
            word_changes(
                "China's \"dominance\" - now",
                "China\u{2019}s \u{201C}Dominance,\u{201D} \u{2014} now"
            )
            .is_empty()
        );
        assert!(word_changes("one … two", "one ... two").is_empty());
        assert!(word_changes("distilla-\ntion at\u{AD}tacks", "distillation attacks").is_empty());
    }

    #[test]
    fn words_left_out_and_added() {
        assert_eq!(pairs(&word_changes("a b d e", "a b c d e")), [("", "c")]);
        assert_eq!(pairs(&word_changes("a x b", "a b")), [("x", "")]);
        assert_eq!(
            word_changes("a b", "a c b")[0].to_string(),
            "the model left out 'c'"
        );
    }

    proptest! {
        #[test]
        fn changes_rebuild_the_article_from_the_model(
            model in proptest::collection::vec("[abc]", 0..12),
            article in proptest::collection::vec("[abc]", 0..12),
        ) {
            let changes = word_changes(&model.join(" "), &article.join(" "));
            prop_assert_eq!(changes.is_empty(), model == article);
            // Every change is a real difference, and removing the changed words on each side
            // leaves the same common words.
            for change in &changes {
                prop_assert_ne!(&change.model, &change.article);
            }
            let changed_model: usize = changes.iter().map(|c| c.model.split_whitespace().count()).sum();
            let changed_article: usize = changes.iter().map(|c| c.article.split_whitespace().count()).sum();
            prop_assert_eq!(model.len() - changed_model, article.len() - changed_article);
        }
    }
}
