//! Names in prose: runs of capitalised words, and the attributions built on them.

use unicode_segmentation::UnicodeSegmentation;

/// Words that may join the capitalised words of one name (`Bureau of Industry`).
fn is_connector(word: &str) -> bool {
    matches!(
        word,
        "of" | "for"
            | "de"
            | "du"
            | "da"
            | "von"
            | "van"
            | "der"
            | "den"
            | "la"
            | "le"
            | "del"
            | "al"
            | "bin"
            | "the"
            | "on"
    )
}

/// Verbs that attribute words to a speaker.
fn is_speech_verb(word: &str) -> bool {
    matches!(
        word,
        "said"
            | "says"
            | "told"
            | "tells"
            | "warned"
            | "warns"
            | "added"
            | "adds"
            | "argued"
            | "argues"
            | "stated"
            | "states"
            | "announced"
            | "announces"
            | "wrote"
            | "writes"
            | "noted"
            | "notes"
            | "insisted"
            | "insists"
            | "claimed"
            | "claims"
            | "declared"
            | "declares"
            | "explained"
            | "explains"
            | "promised"
            | "promises"
            | "pledged"
            | "pledges"
    )
}

/// One word of the passage.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Word<'a> {
    pub(crate) text: &'a str,
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// The first word of a sentence (or after an opening quote or a colon).
    pub(crate) sentence_start: bool,
    /// What separates it from the previous word: `' '`, `'-'`, or `'.'` for anything else.
    pub(crate) joined_by: char,
}

impl Word<'_> {
    pub(crate) fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// The words of `text` (UAX #29), each marked with what precedes it.
pub(crate) fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut sentence_start = true;
    let mut between = String::new();
    for (at, segment) in text.split_word_bound_indices() {
        if segment.chars().any(char::is_alphanumeric) {
            let joined_by = if between.chars().all(char::is_whitespace) && !between.contains('\n') {
                ' '
            } else if between == "-" {
                '-'
            } else {
                '.'
            };
            out.push(Word {
                text: segment,
                start: at,
                end: at + segment.len(),
                sentence_start,
                joined_by,
            });
            sentence_start = false;
            between.clear();
        } else {
            between.push_str(segment);
            if segment.chars().any(|c| {
                matches!(
                    c,
                    '.' | '!' | '?' | ':' | ';' | '"' | '\u{201C}' | '(' | '\n' | '\u{2022}'
                )
            }) {
                sentence_start = true;
            }
        }
    }
    out
}

/// A run of capitalised words that may name someone: indices into the word list.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NameSpan {
    pub(crate) first: usize,
    /// One past the last word.
    pub(crate) end: usize,
}

/// The capitalised runs of `words`, joined by spaces, hyphens or connectors.
pub(crate) fn name_spans(words: &[Word<'_>]) -> Vec<NameSpan> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !words[i].is_capitalised() {
            i += 1;
            continue;
        }
        let first = i;
        let mut end = i + 1;
        while let Some(next) = words.get(end) {
            if next.joined_by == '.' || next.sentence_start {
                break;
            }
            // A possessive closes a name: `Michelle Obama's Let's Move!` is two.
            let previous = words[end - 1].text;
            if previous.ends_with("'s") || previous.ends_with("\u{2019}s") {
                break;
            }
            // `Soo-min`, `Lao-tzu`: a hyphened lower-case part belongs to the name.
            if next.is_capitalised()
                || next.joined_by == '-' && next.text.chars().all(char::is_alphabetic)
            {
                end += 1;
                continue;
            }
            // A connector joins only when a capitalised word follows it.
            let lower = next.text;
            if is_connector(lower)
                && next.joined_by == ' '
                && words
                    .get(end + 1)
                    .is_some_and(|w| w.is_capitalised() && w.joined_by == ' ')
            {
                end += 2;
                continue;
            }
            break;
        }
        spans.push(NameSpan { first, end });
        i = end;
    }
    spans
}

/// An attribution: the speaker's span and the content words of the sentence.
#[derive(Debug, Clone)]
pub(crate) struct Attribution {
    pub(crate) speaker: NameSpan,
    /// Word indices of the sentence, less the speaker and the verb.
    pub(crate) content: Vec<usize>,
}

/// Attributions in `words`: `X said …`, `…, said X`, `according to X`.
pub(crate) fn attributions(words: &[Word<'_>], spans: &[NameSpan]) -> Vec<Attribution> {
    let mut out = Vec::new();
    for (v, word) in words.iter().enumerate() {
        let lower = word.text.to_lowercase();
        let speaker = if is_speech_verb(&lower) {
            // The name just before the verb, or just after it.
            spans
                .iter()
                .find(|s| s.end == v && !words[v].sentence_start)
                .or_else(|| {
                    // `…, said Karl Moe.`: the name must close the clause, or `said Putin had
                    // …` would make Putin the speaker.
                    spans.iter().find(|s| {
                        s.first == v + 1
                            && !words[v + 1].sentence_start
                            && words
                                .get(s.end)
                                .is_none_or(|w| w.joined_by == '.' || w.sentence_start)
                    })
                })
        } else if lower == "according" && words.get(v + 1).is_some_and(|w| w.text == "to") {
            spans.iter().find(|s| s.first == v + 2)
        } else {
            None
        };
        let Some(speaker) = speaker.copied() else {
            continue;
        };
        let sentence_first = (0..=v)
            .rev()
            .find(|&k| words[k].sentence_start)
            .unwrap_or(0);
        let sentence_end = (v + 1..words.len())
            .find(|&k| words[k].sentence_start)
            .unwrap_or(words.len());
        let content = (sentence_first..sentence_end)
            .filter(|&k| k != v && !(speaker.first..speaker.end).contains(&k))
            .filter(|&k| !(lower == "according" && (k == v + 1)))
            .collect();
        out.push(Attribution { speaker, content });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_texts(text: &str) -> Vec<String> {
        let w = words(text);
        name_spans(&w)
            .iter()
            .map(|s| text[w[s.first].start..w[s.end - 1].end].to_owned())
            .collect()
    }

    #[test]
    fn capitalised_runs_with_connectors() {
        assert_eq!(
            span_texts("Officials at the Bureau of Industry and Security met Kanto Magnet Works."),
            [
                "Officials",
                "Bureau of Industry",
                "Security",
                "Kanto Magnet Works"
            ]
        );
        assert_eq!(
            span_texts("the Asia-Pacific trade. New rules"),
            ["Asia-Pacific", "New"]
        );
    }

    #[test]
    fn a_name_after_the_verb_speaks_only_when_it_closes_the_clause() {
        let text = "Biden said Putin had miscalculated.";
        let w = words(text);
        let found = attributions(&w, &name_spans(&w));
        assert_eq!(found.len(), 1);
        assert_eq!(w[found[0].speaker.first].text, "Biden");
    }

    #[test]
    fn attributions_before_and_after_the_verb() {
        let text = "Ms Tanaka said prices would rise. Prices will fall, according to Karl Moe.";
        let w = words(text);
        let spans = name_spans(&w);
        let found = attributions(&w, &spans);
        let speakers: Vec<_> = found
            .iter()
            .map(|a| &text[w[a.speaker.first].start..w[a.speaker.end - 1].end])
            .collect();
        assert_eq!(speakers, ["Ms Tanaka", "Karl Moe"]);
    }
}
