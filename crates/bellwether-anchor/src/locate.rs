//! Locating a quote in a prepared text: the ladder, the bars and the verdict.

use std::ops::Range;

use memchr::memmem;

use crate::elision::{Gap, Piece, split_pieces};
use crate::error::{Candidate, ConfigError, LocateError};
use crate::prepare::PreparedText;
use crate::report::{QuoteMatch, Rung, Span};
use crate::search::{
    Hit, densest_edits, find_likely, find_piece, global_distance, on_word_boundaries,
    transposition_distance,
};
use crate::words;

/// Default acceptance bar: a quote whose best match scores at least this is located.
pub const DEFAULT_ACCEPT_BAR: f64 = 0.85;
/// Default misquote bar: below acceptance but at least this is reported as misquoted.
pub const DEFAULT_MISQUOTE_BAR: f64 = 0.75;
/// Default minimum quote length in chars after normalisation (white space and elisions not
/// counted): shorter quotes are too ambiguous to locate.
pub const DEFAULT_MIN_QUOTE_CHARS: usize = 10;
/// Default longest gap an elision may skip, in bytes of normalised text.
pub const DEFAULT_MAX_ELISION_GAP: usize = 2_000;
/// Default longest text an editorial insertion (`[the firm]`) may stand for, in normalised bytes.
pub const DEFAULT_MAX_INSERTION_GAP: usize = 80;

/// Default longest quote, in bytes as given and after normalisation: the longest quote a
/// signal may hold (`bellwether_signal::MAX_QUOTE_BYTES`).
pub const DEFAULT_MAX_QUOTE_BYTES: usize = 8 * 1024;
/// Default longest text searched, in bytes of the original (the facade's article limit).
pub const DEFAULT_MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;
/// Default most pieces of a quote (the parts between elisions and editorial insertions).
pub const DEFAULT_MAX_PIECES: usize = 64;
/// Greatest value [`LocatorBuilder::max_quote_bytes`] accepts: beyond it one search would cost
/// minutes on a text at the default limit.
pub const MAX_QUOTE_BYTES_CEILING: usize = 64 * 1024;
/// Greatest value [`LocatorBuilder::max_text_bytes`] accepts (the q-gram index counts in 32 bits).
pub const MAX_TEXT_BYTES_CEILING: usize = u32::MAX as usize;
/// Greatest value [`LocatorBuilder::max_pieces`] accepts.
pub const MAX_PIECES_CEILING: usize = 1024;
/// Greatest value [`LocatorBuilder::max_elision_gap`] and
/// [`LocatorBuilder::max_insertion_gap`] accept, in normalised bytes.
pub const MAX_GAP_CEILING: usize = 1024 * 1024;

/// Least score of a passage offered as the closest one when a quote is not found.
const CANDIDATE_BAR: f64 = 0.5;

/// Most windows of a large text searched for a misquote (see `find_likely`).
const MAX_MISQUOTE_WINDOWS: usize = 4;

/// Most places reported for one quote.
const MAX_OCCURRENCES: usize = 64;
/// Most places of an elided quote's first piece tried as chain starts.
const MAX_CHAIN_STARTS: usize = 16;

/// Locates quotes in prepared texts; holds the score bars and limits.
///
/// A quote is normalised like the text, split at elisions, stripped of surrounding quote marks
/// and of a final `.`, `,`, `;` or `:` (put back in the span when the text has it there), then
/// searched exactly, then approximately. Its score is `1 − edits / length` in normalised bytes.
///
/// - score ≥ accept bar (default 0.85): located ([`Rung::Fuzzy`] or better); between the bars,
///   letters swapped by a typist (`onec`) count as one edit rather than two before deciding;
/// - a quote with the exact words of a nearby passage, at most `max(2, words / 5)` adjacent
///   swaps out of order, is located as [`Rung::Reordered`] (models swap words);
/// - a quote whose edits crowd into one stretch (half or more of any 20 bytes) is not accepted
///   whatever its score: typos scatter, but a splice of foreign text is dense;
/// - misquote bar (default 0.75) ≤ score < accept bar: [`LocateError::Misquoted`];
/// - below: [`LocateError::NotFound`], with the closest passage if one scores at least 0.5.
///
/// Cost: exact search is a `memchr::memmem` scan (or, in a text of 4 KiB or more, a look-up
/// of the quote's rarest 4-byte gram); approximate search is the bit-parallel Myers algorithm
/// (O(n·⌈m/64⌉) with Ukkonen's cut-off), run in a text of 4 KiB or more only on the regions
/// that a q-gram count shows can hold a match within the budget (the q-gram lemma: the filter
/// never loses a match). The index is built once per [`PreparedText`], on first need.
///
/// Acceptance is decided exactly by that search. A quote with no passage within the acceptance
/// budget (a fabricated quote, a misquote) costs bounded work whatever the text's length: the
/// misquote budget is searched only in the 4 windows whose diagonals share the most of the
/// quote's 4-grams, and the closest passage (score ≥ 0.5) in the one window that shares most.
/// Those two verdicts are heuristic in a text of 4 KiB or more: a misquote that shares fewer
/// grams with its passage than other passages do is reported [`LocateError::NotFound`] rather
/// than [`LocateError::Misquoted`], and the closest passage offered is the closest in that
/// window; neither is ever accepted.
///
/// The minimum quote length counts chars of scripts written without spaces (Chinese, Japanese,
/// Thai …) twice, as their display width does: five Chinese characters say as much as ten
/// Latin letters.
///
/// # Example
///
/// ```
/// use bellwether_anchor::{Locator, LocateError, PreparedText, Rung};
///
/// let article = PreparedText::new("Officials said the \u{201C}controls\u{201D} had failed to slow progress.");
/// let locator = Locator::builder().accept_bar(0.9).build()?;
/// let found = locator.locate(&article, "the \"controls\" had faild to slow progress")?;
/// assert!(matches!(found.rung(), Rung::Fuzzy { edits: 1, .. }));
/// assert_eq!(&article.original()[found.span().bytes()], "the \u{201C}controls\u{201D} had failed to slow progress");
///
/// let missing = locator.locate(&article, "nothing of the sort was ever said");
/// assert!(matches!(missing, Err(LocateError::NotFound { .. })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Locator {
    accept_bar: f64,
    misquote_bar: f64,
    min_quote_chars: usize,
    max_elision_gap: usize,
    max_insertion_gap: usize,
    max_quote_bytes: usize,
    max_text_bytes: usize,
    max_pieces: usize,
}

impl Default for Locator {
    fn default() -> Self {
        Self::new()
    }
}

/// Builds a [`Locator`] with non-default bars and limits.
#[derive(Debug, Clone, PartialEq)]
pub struct LocatorBuilder {
    locator: Locator,
}

impl LocatorBuilder {
    /// Sets the acceptance bar (default [`DEFAULT_ACCEPT_BAR`]).
    #[must_use]
    pub fn accept_bar(mut self, bar: f64) -> Self {
        self.locator.accept_bar = bar;
        self
    }

    /// Sets the misquote bar (default [`DEFAULT_MISQUOTE_BAR`]).
    #[must_use]
    pub fn misquote_bar(mut self, bar: f64) -> Self {
        self.locator.misquote_bar = bar;
        self
    }

    /// Sets the minimum quote length in chars (default [`DEFAULT_MIN_QUOTE_CHARS`]).
    #[must_use]
    pub fn min_quote_chars(mut self, chars: usize) -> Self {
        self.locator.min_quote_chars = chars;
        self
    }

    /// Sets the longest quote, in bytes as given and after normalisation (default
    /// [`DEFAULT_MAX_QUOTE_BYTES`], at most [`MAX_QUOTE_BYTES_CEILING`]). Longer quotes are
    /// rejected with [`LocateError::QuoteTooLong`] before any search.
    #[must_use]
    pub fn max_quote_bytes(mut self, bytes: usize) -> Self {
        self.locator.max_quote_bytes = bytes;
        self
    }

    /// Sets the longest text searched, in bytes (default [`DEFAULT_MAX_TEXT_BYTES`], at most
    /// [`MAX_TEXT_BYTES_CEILING`]). Longer texts are rejected with [`LocateError::TextTooLong`].
    #[must_use]
    pub fn max_text_bytes(mut self, bytes: usize) -> Self {
        self.locator.max_text_bytes = bytes;
        self
    }

    /// Sets the most pieces a quote may have between its elisions and insertions (default
    /// [`DEFAULT_MAX_PIECES`], 1 to [`MAX_PIECES_CEILING`]). Quotes with more are rejected with
    /// [`LocateError::TooManyPieces`].
    #[must_use]
    pub fn max_pieces(mut self, pieces: usize) -> Self {
        self.locator.max_pieces = pieces;
        self
    }

    /// Sets the longest gap an elision may skip, in normalised bytes (default
    /// [`DEFAULT_MAX_ELISION_GAP`]).
    #[must_use]
    pub fn max_elision_gap(mut self, bytes: usize) -> Self {
        self.locator.max_elision_gap = bytes;
        self
    }

    /// Sets the longest text an editorial insertion may replace, in normalised bytes (default
    /// [`DEFAULT_MAX_INSERTION_GAP`]).
    #[must_use]
    pub fn max_insertion_gap(mut self, bytes: usize) -> Self {
        self.locator.max_insertion_gap = bytes;
        self
    }

    /// Checks the configuration and builds the locator.
    ///
    /// # Errors
    ///
    /// - [`ConfigError::Bars`] unless `0 ≤ misquote bar ≤ accept bar ≤ 1` (NaN rejected);
    /// - [`ConfigError::ZeroMinimum`] for a minimum quote length of 0;
    /// - [`ConfigError::LimitOutOfRange`] for `max_quote_bytes` outside the minimum quote length
    ///   to [`MAX_QUOTE_BYTES_CEILING`], `max_text_bytes` outside 1 to
    ///   [`MAX_TEXT_BYTES_CEILING`], `max_pieces` outside 1 to [`MAX_PIECES_CEILING`], or a gap
    ///   above [`MAX_GAP_CEILING`].
    ///
    /// # Example
    ///
    /// ```
    /// use bellwether_anchor::{ConfigError, Locator};
    ///
    /// let locator = Locator::builder().max_quote_bytes(2_000).max_pieces(8).build()?;
    /// assert_eq!(locator.max_quote_bytes(), 2_000);
    /// assert!(matches!(
    ///     Locator::builder().max_pieces(0).build(),
    ///     Err(ConfigError::LimitOutOfRange { limit: "max_pieces", .. })
    /// ));
    /// # Ok::<(), ConfigError>(())
    /// ```
    pub fn build(self) -> Result<Locator, ConfigError> {
        let l = self.locator;
        let ordered = (0.0..=1.0).contains(&l.misquote_bar)
            && (0.0..=1.0).contains(&l.accept_bar)
            && l.misquote_bar <= l.accept_bar;
        if !ordered {
            return Err(ConfigError::Bars {
                accept_bar: l.accept_bar,
                misquote_bar: l.misquote_bar,
            });
        }
        if l.min_quote_chars == 0 {
            return Err(ConfigError::ZeroMinimum);
        }
        let ranges = [
            (
                "max_quote_bytes",
                l.max_quote_bytes,
                l.min_quote_chars,
                MAX_QUOTE_BYTES_CEILING,
            ),
            (
                "max_text_bytes",
                l.max_text_bytes,
                1,
                MAX_TEXT_BYTES_CEILING,
            ),
            ("max_pieces", l.max_pieces, 1, MAX_PIECES_CEILING),
            ("max_elision_gap", l.max_elision_gap, 0, MAX_GAP_CEILING),
            ("max_insertion_gap", l.max_insertion_gap, 0, MAX_GAP_CEILING),
        ];
        for (limit, value, min, max) in ranges {
            if !(min..=max).contains(&value) {
                return Err(ConfigError::LimitOutOfRange {
                    limit,
                    value,
                    min,
                    max,
                });
            }
        }
        Ok(l)
    }
}

/// A located piece chain (one piece for a plain quote), in normalised offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Chain {
    pieces: Vec<Hit>,
    edits: usize,
}

impl Chain {
    fn range(&self) -> Range<usize> {
        let start = self.pieces.first().map_or(0, |h| h.start);
        let end = self.pieces.last().map_or(start, |h| h.end);
        start..end
    }
}

/// How a chain was found, for its rung.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Plain,
    Elided,
    Reordered(usize),
}

/// A quote after normalisation and splitting.
#[derive(Debug)]
struct Plan {
    /// The whole normalised quote, trimmed (markers included).
    whole: String,
    pieces: Vec<Piece>,
    /// Quote marks taken off the start of the first piece.
    leading: String,
    /// An editorial insertion that opened the quote (`[A] number of …`), normalised.
    leading_insertion: Option<String>,
    /// An editorial insertion that closed the quote (`… gave the keys to [them]`), normalised.
    trailing_insertion: Option<String>,
    /// Quote marks and a final `.`, `,`, `;` or `:` taken off the end of the last piece.
    trailing: String,
}

impl Plan {
    fn len(&self) -> usize {
        self.pieces.iter().map(|p| p.text.len()).sum()
    }

    fn joined(&self) -> String {
        let texts: Vec<&str> = self.pieces.iter().map(|p| p.text.as_str()).collect();
        texts.join(" ")
    }
}

impl Locator {
    /// A locator with the default bars and limits.
    #[must_use]
    pub fn new() -> Self {
        Self {
            accept_bar: DEFAULT_ACCEPT_BAR,
            misquote_bar: DEFAULT_MISQUOTE_BAR,
            min_quote_chars: DEFAULT_MIN_QUOTE_CHARS,
            max_elision_gap: DEFAULT_MAX_ELISION_GAP,
            max_insertion_gap: DEFAULT_MAX_INSERTION_GAP,
            max_quote_bytes: DEFAULT_MAX_QUOTE_BYTES,
            max_text_bytes: DEFAULT_MAX_TEXT_BYTES,
            max_pieces: DEFAULT_MAX_PIECES,
        }
    }

    /// Starts a [`LocatorBuilder`] from the defaults.
    #[must_use]
    pub fn builder() -> LocatorBuilder {
        LocatorBuilder {
            locator: Self::new(),
        }
    }

    /// The acceptance bar.
    #[must_use]
    pub fn accept_bar(&self) -> f64 {
        self.accept_bar
    }

    /// The misquote bar.
    #[must_use]
    pub fn misquote_bar(&self) -> f64 {
        self.misquote_bar
    }

    /// The minimum quote length in chars.
    #[must_use]
    pub fn min_quote_chars(&self) -> usize {
        self.min_quote_chars
    }

    /// The longest quote accepted, in bytes.
    #[must_use]
    pub fn max_quote_bytes(&self) -> usize {
        self.max_quote_bytes
    }

    /// The longest text searched, in bytes.
    #[must_use]
    pub fn max_text_bytes(&self) -> usize {
        self.max_text_bytes
    }

    /// The most pieces a quote may have.
    #[must_use]
    pub fn max_pieces(&self) -> usize {
        self.max_pieces
    }

    /// Locates `quote` in `text`.
    ///
    /// # Errors
    ///
    /// - [`LocateError::TextTooLong`]: the text has more bytes than
    ///   [`max_text_bytes`](Self::max_text_bytes);
    /// - [`LocateError::QuoteTooLong`]: the quote has more bytes than
    ///   [`max_quote_bytes`](Self::max_quote_bytes), as given or after normalisation;
    /// - [`LocateError::TooManyPieces`]: more pieces between elisions and insertions than
    ///   [`max_pieces`](Self::max_pieces);
    /// - [`LocateError::EmptyQuote`]: nothing but white space, quote marks or elisions;
    /// - [`LocateError::QuoteTooShort`]: fewer chars than the minimum;
    /// - [`LocateError::Misquoted`]: the closest passage scores between the bars;
    /// - [`LocateError::NotFound`]: nothing scores at the misquote bar.
    ///
    /// Cost: for a normalised text of `n` bytes and a quote of `m` normalised bytes in `p`
    /// pieces, worst case O(n·⌈m/64⌉) word operations (a constant number of bit-parallel passes,
    /// see the crate's "Limits and cost") plus O(m²) for the verdict on a close miss, and
    /// O(n + m) memory (O(n) for the q-gram index, built once per text). The limits are checked
    /// first, in O(1).
    pub fn locate(&self, text: &PreparedText, quote: &str) -> Result<QuoteMatch, LocateError> {
        if text.original().len() > self.max_text_bytes {
            return Err(LocateError::TextTooLong {
                bytes: text.original().len(),
                max: self.max_text_bytes,
            });
        }
        let plan = self.plan(quote)?;
        let hay = text.normalized();
        // The whole quote, markers and all, may be in the text as written (an article's own `...`,
        // at the quote's end too, where it would otherwise be read as an elision).
        let trailing_marker = plan
            .whole
            .trim_end_matches(['"', ' '])
            .ends_with(['.', '\u{2026}']);
        let whole = if plan.pieces.len() > 1 || (trailing_marker && plan.whole.contains("..")) {
            memmem::find_iter(hay.as_bytes(), plan.whole.as_bytes())
                .filter(|&at| on_word_boundaries(hay, at, at + plan.whole.len()))
                .map(|at| Hit {
                    start: at,
                    end: at + plan.whole.len(),
                    edits: 0,
                })
                .take(MAX_OCCURRENCES)
                .collect::<Vec<_>>()
        } else {
            Vec::new()
        };
        if !whole.is_empty() {
            let chains = whole
                .into_iter()
                .map(|h| Chain {
                    pieces: vec![h],
                    edits: 0,
                })
                .collect();
            return Ok(self.report(text, quote, &plan, chains, Kind::Plain));
        }
        if plan.pieces.len() > 1
            && let Some(chains) = self.chains(text, &plan)
            && chains
                .first()
                .is_some_and(|c| score(c.edits, plan.len()) >= self.accept_bar)
        {
            return Ok(self.report(text, quote, &plan, chains, Kind::Elided));
        }
        let joined = plan.joined();
        let len = joined.len();
        // The acceptance budget first: a tight budget keeps the search to one or two blocks. The
        // best match is the best match whatever the budget, so a wider second search (for the
        // misquoted and the closest passages) only runs when the first finds nothing.
        // A text's first search goes without the index (an exact quote needs one scan), but a
        // fuzzy search of a large text costs more than building it.
        let index = text.gram_index().or_else(|| {
            memmem::find(hay.as_bytes(), joined.as_bytes())
                .is_none()
                .then(|| text.gram_index_now())
                .flatten()
        });
        let found = find_piece(
            hay,
            0..hay.len(),
            &joined,
            budget(len, self.accept_bar),
            MAX_OCCURRENCES,
            index,
        )
        .or_else(|| {
            // Not in the text within the acceptance budget: a misquote is looked for only
            // where the quote's grams crowd, at bounded cost; then the closest passage, in the
            // one window where they crowd most.
            let misquote = budget(len, self.misquote_bar);
            find_likely(
                hay,
                &joined,
                misquote,
                MAX_OCCURRENCES,
                index,
                MAX_MISQUOTE_WINDOWS,
            )
            .or_else(|| {
                let wide = budget(len, CANDIDATE_BAR.min(self.misquote_bar));
                find_likely(hay, &joined, wide, MAX_OCCURRENCES, index, 1)
            })
        });
        let Some((found, best)) = found.and_then(|f| f.best().map(|b| (f, b))) else {
            return Err(self.not_found(text, quote, None, len));
        };
        if found.edits > 0 {
            // Swapped words: a run of the same words near the closest passage.
            let window = best.start.saturating_sub(len)..(best.end + len).min(hay.len());
            if let Some((mut run, swaps)) = words::reordered_run(hay, window, &joined)
                && swaps > 0
            {
                // The run spans words; take in the punctuation the quote has at its edges.
                let head = &joined[..joined.len()
                    - joined
                        .trim_start_matches(|c: char| !c.is_alphanumeric())
                        .len()];
                let tail = &joined[joined
                    .trim_end_matches(|c: char| !c.is_alphanumeric())
                    .len()..];
                let before = hay.get(..run.start).unwrap_or_default();
                run.start -= common_chars(before.chars().rev(), head);
                let after = hay.get(run.end..).unwrap_or_default();
                run.end += common_chars(after.chars(), tail);
                let passage = hay.get(run.clone()).unwrap_or_default();
                let edits = global_distance(joined.as_bytes(), passage.as_bytes());
                let chain = Chain {
                    pieces: vec![Hit {
                        start: run.start,
                        end: run.end,
                        edits,
                    }],
                    edits,
                };
                return Ok(self.report(text, quote, &plan, vec![chain], Kind::Reordered(swaps)));
            }
        }
        let passage = hay.get(best.start..best.end).unwrap_or_default();
        let plain_score = score(found.edits, len);
        // Between the bars, count a typist's transposed letters as one edit each.
        let typo_edits = if plain_score < self.accept_bar && plain_score >= self.misquote_bar {
            transposition_distance(joined.as_bytes(), passage.as_bytes(), found.edits)
                .min(found.edits)
        } else {
            found.edits
        };
        let score = score(typo_edits, len);
        // Edits packed into one stretch are not typos: part of the quote is from elsewhere (a
        // splice), however well the rest matches.
        // Only asked of a quote that would otherwise be accepted.
        let foreign = || {
            found.edits as f64 >= FOREIGN_WINDOW as f64 * FOREIGN_DENSITY
                && densest_edits(
                    joined.as_bytes(),
                    passage.as_bytes(),
                    FOREIGN_WINDOW,
                    found.edits,
                ) >= FOREIGN_DENSITY
        };
        // Two or more words changed for others say something the text does not, however
        // close the characters (a long quote hides three changed words above the bar).
        let changed = || {
            found.edits > 1
                && words::changed_words(&words::differences(
                    &words::words(&joined),
                    &words::words(passage),
                )) >= MISQUOTE_CHANGED_WORDS
        };
        if score >= self.accept_bar && !foreign() && !changed() {
            let chains: Vec<Chain> = found
                .hits
                .iter()
                .map(|&h| Chain {
                    // The span takes in the changed word; the edits stay those the quote was
                    // accepted on.
                    pieces: vec![widen_to_changed_edge_words(hay, &joined, h).unwrap_or(h)],
                    edits: typo_edits,
                })
                .collect();
            return Ok(self.report(text, quote, &plan, chains, Kind::Plain));
        }
        if score < self.misquote_bar {
            return Err(self.not_found(text, quote, Some(best), len));
        }
        let differences = words::differences(&words::words(&joined), &words::words(passage));
        let span = text.span_unchecked(text.to_original(best.start..best.end));
        Err(LocateError::Misquoted {
            quote: quote.to_owned(),
            best: Box::new(Candidate {
                text: span.text(text.original()).unwrap_or_default().to_owned(),
                span,
                edits: typo_edits,
                score,
            }),
            differences,
            accept_bar: self.accept_bar,
        })
    }

    /// Normalises and splits a quote, checking it is long enough to look for.
    fn plan(&self, quote: &str) -> Result<Plan, LocateError> {
        if quote.len() > self.max_quote_bytes {
            return Err(LocateError::QuoteTooLong {
                bytes: quote.len(),
                max: self.max_quote_bytes,
            });
        }
        let prepared = PreparedText::new(quote);
        let whole = prepared.normalized().trim_matches(' ').to_owned();
        // Compatibility forms can lengthen a quote (`ﷺ` is 33 bytes normalised).
        if whole.len() > self.max_quote_bytes {
            return Err(LocateError::QuoteTooLong {
                bytes: whole.len(),
                max: self.max_quote_bytes,
            });
        }
        let mut pieces = split_pieces(&whole);
        if pieces.len() > self.max_pieces {
            return Err(LocateError::TooManyPieces {
                pieces: pieces.len(),
                max: self.max_pieces,
            });
        }
        let mut leading = String::new();
        if let Some(first) = pieces.first_mut() {
            let text = first.text.trim_start_matches(['"', ' ']);
            leading = first.text[..first.text.len() - text.len()].replace(' ', "");
            first.text = text.to_owned();
        }
        let mut trailing = String::new();
        if let Some(last) = pieces.last_mut() {
            let text = last.text.trim_end_matches(['"', ' ', '.', ',', ';', ':']);
            trailing = last.text[text.len()..].replace(' ', "");
            last.text = text.to_owned();
        }
        pieces.retain(|p| !p.text.is_empty());
        if let Some(first) = pieces.first_mut() {
            first.gap = Gap::Start;
        }
        let chars: usize = pieces
            .iter()
            .flat_map(|p| p.text.chars())
            .filter(|&c| c != ' ')
            .map(|c| if words::is_unspaced(c) { 2 } else { 1 })
            .sum();
        if chars == 0 {
            return Err(LocateError::EmptyQuote);
        }
        if chars < self.min_quote_chars {
            return Err(LocateError::QuoteTooShort {
                quote: quote.to_owned(),
                chars,
                min: self.min_quote_chars,
            });
        }
        let leading_insertion = whole
            .trim_start_matches(['"', ' '])
            .strip_prefix('[')
            .and_then(|rest| rest.split_once(']'))
            .filter(|(inner, after)| after.starts_with(' ') && !inner.contains(['[', '.']))
            .map(|(inner, _)| inner.trim().to_owned())
            .filter(|inner| !inner.is_empty() && inner != "sic");
        let trailing_insertion = whole
            .trim_end_matches(['"', ' ', '.', ',', ';', ':'])
            .strip_suffix(']')
            .and_then(|rest| rest.rsplit_once('['))
            .filter(|(before, inner)| before.ends_with(' ') && !inner.contains([']', '.']))
            .map(|(_, inner)| inner.trim().to_owned())
            .filter(|inner| !inner.is_empty() && inner != "sic");
        Ok(Plan {
            whole,
            pieces,
            leading,
            leading_insertion,
            trailing_insertion,
            trailing,
        })
    }

    /// Every best chain of an elided quote's pieces, in order within their gaps.
    fn chains(&self, text: &PreparedText, plan: &Plan) -> Option<Vec<Chain>> {
        let hay = text.normalized();
        // Anchor the chain on its longest piece, the rarest in the text; place the pieces
        // after it forwards and the pieces before it backwards, each within its gap.
        let (pivot, pivot_piece) = plan
            .pieces
            .iter()
            .enumerate()
            .max_by_key(|(i, p)| (p.text.len(), std::cmp::Reverse(*i)))?;
        let starts = find_piece(
            hay,
            0..hay.len(),
            &pivot_piece.text,
            budget(pivot_piece.text.len(), self.misquote_bar),
            MAX_CHAIN_STARTS,
            text.gram_index(),
        )?;
        let gap_of = |gap: Gap| match gap {
            Gap::Insertion => self.max_insertion_gap,
            Gap::Elision | Gap::Start => self.max_elision_gap,
        };
        let mut chains: Vec<Chain> = Vec::new();
        for start in starts.hits {
            let mut pieces = vec![start];
            let mut edits = start.edits;
            let mut complete = true;
            for (i, piece) in plan.pieces.iter().enumerate().skip(pivot + 1) {
                let prev_end = pieces.last().map_or(0, |h| h.end);
                let k = budget(piece.text.len(), self.misquote_bar);
                let reach = gap_of(plan.pieces[i].gap) + piece.text.len() + k;
                let window = prev_end..(prev_end + reach).min(hay.len());
                match find_piece(hay, window, &piece.text, k, 1, None)
                    .and_then(|f| f.hits.first().copied())
                {
                    Some(hit) => {
                        edits += hit.edits;
                        pieces.push(hit);
                    }
                    None => complete = false,
                }
            }
            for i in (0..pivot).rev() {
                if !complete {
                    break;
                }
                let piece = &plan.pieces[i];
                let next_start = pieces.first().map_or(0, |h| h.start);
                let k = budget(piece.text.len(), self.misquote_bar);
                let reach = gap_of(plan.pieces[i + 1].gap) + piece.text.len() + k;
                let window = next_start.saturating_sub(reach)..next_start;
                // The occurrence nearest the next piece.
                match find_piece(hay, window, &piece.text, k, MAX_OCCURRENCES, None)
                    .and_then(|f| f.hits.last().copied())
                {
                    Some(hit) => {
                        edits += hit.edits;
                        pieces.insert(0, hit);
                    }
                    None => complete = false,
                }
            }
            if complete {
                chains.push(Chain { pieces, edits });
            }
        }
        let best = chains.iter().map(|c| c.edits).min()?;
        chains.retain(|c| c.edits == best);
        Some(chains)
    }

    /// Builds the match report from equally good chains.
    fn report(
        &self,
        text: &PreparedText,
        quote: &str,
        plan: &Plan,
        mut chains: Vec<Chain>,
        kind: Kind,
    ) -> QuoteMatch {
        let hay = text.normalized();
        // Put back the quote marks and final punctuation the text has at the span's edges.
        let mut restored = vec![0usize; chains.len()];
        for (chain, restored) in chains.iter_mut().zip(&mut restored) {
            if let Some(last) = chain.pieces.last_mut() {
                let after = hay.get(last.end..).unwrap_or_default();
                let bytes = common_chars(after.chars(), &plan.trailing);
                last.end += bytes;
                *restored = bytes;
                // A closing `… to [them]` may stand for the text's own next word.
                if let Some(word) = &plan.trailing_insertion
                    && hay
                        .get(last.end..)
                        .and_then(|a| a.strip_prefix(' '))
                        .and_then(|a| a.strip_prefix(word.as_str()))
                        .is_some_and(|a| !a.chars().next().is_some_and(words::is_word_char))
                {
                    last.end += word.len() + 1;
                }
            }
            if let Some(first) = chain.pieces.first_mut() {
                let before = hay.get(..first.start).unwrap_or_default();
                // A leading `[A] number` may stand for the text's own first word.
                if let Some(word) = &plan.leading_insertion
                    && before
                        .strip_suffix(' ')
                        .is_some_and(|b| b.ends_with(word.as_str()))
                    && !before[..before.len() - 1 - word.len()]
                        .chars()
                        .next_back()
                        .is_some_and(words::is_word_char)
                {
                    first.start -= word.len() + 1;
                }
                let before = hay.get(..first.start).unwrap_or_default();
                first.start -= common_chars(before.chars().rev(), &plan.leading);
            }
        }
        let mut ranked: Vec<(Chain, usize)> = chains.into_iter().zip(restored).collect();
        ranked.sort_by_key(|(c, _)| c.range().start);
        // The primary occurrence: the one that matched the quote's own final punctuation, then
        // the shortest, then the first.
        let primary = ranked
            .iter()
            .enumerate()
            .min_by_key(|(_, (c, restored))| {
                (
                    std::cmp::Reverse(*restored),
                    c.range().len(),
                    c.range().start,
                )
            })
            .map_or(0, |(i, _)| i);
        let chains: Vec<Chain> = ranked.into_iter().map(|(c, _)| c).collect();
        let to_span = |r: Range<usize>| text.span_unchecked(text.to_original(r));
        let occurrences: Vec<Span> = chains.iter().map(|c| to_span(c.range())).collect();
        let chain = chains.get(primary);
        let span = occurrences
            .get(primary)
            .cloned()
            .unwrap_or_else(|| to_span(0..0));
        let edits = chain.map_or(0, |c| c.edits);
        let rung = if let Kind::Reordered(transpositions) = kind {
            Rung::Reordered {
                transpositions,
                edits,
                score: score(edits, plan.len()),
            }
        } else if kind == Kind::Elided {
            Rung::Elided {
                segments: chain
                    .map(|c| c.pieces.iter().map(|h| to_span(h.start..h.end)).collect())
                    .unwrap_or_default(),
                edits,
                score: score(edits, plan.len()),
            }
        } else if edits > 0 {
            Rung::Fuzzy {
                edits,
                score: score(edits, plan.len()),
            }
        } else if span.text(text.original()) == Some(quote.trim()) {
            Rung::Exact
        } else {
            Rung::Normalized
        };
        QuoteMatch {
            span,
            rung,
            occurrences,
        }
    }

    /// The not-found error, with the closest passage if there is one.
    fn not_found(
        &self,
        text: &PreparedText,
        quote: &str,
        best: Option<Hit>,
        len: usize,
    ) -> LocateError {
        let best = best.filter(|hit| hit.end > hit.start).map(|hit| {
            let span = text.span_unchecked(text.to_original(hit.start..hit.end));
            Box::new(Candidate {
                text: span.text(text.original()).unwrap_or_default().to_owned(),
                span,
                edits: hit.edits,
                score: score(hit.edits, len),
            })
        });
        LocateError::NotFound {
            quote: quote.to_owned(),
            score: best.as_ref().map_or(0.0, |c| c.score),
            best,
            misquote_bar: self.misquote_bar,
        }
    }
}

/// Words of a quote changed for other words (typos aside) that make it a misquote.
const MISQUOTE_CHANGED_WORDS: usize = 2;

/// Bytes of quote over which edits are counted to tell typos from foreign text.
const FOREIGN_WINDOW: usize = 20;
/// Share of edits in such a stretch at or above which the stretch is foreign text.
const FOREIGN_DENSITY: f64 = 0.5;

/// Longest word, in bytes, a span is widened over to take in a quote's changed edge word.
const MAX_EDGE_WORD: usize = 24;

/// `hit` widened over the text's word just before (or after) it when the quote has one more
/// word there than the passage and the next word in agrees, or over the rest of the word it
/// starts inside: the model changed the first or last word (`A three …` for `The three …`,
/// `… salt &` for `… salt and`), and the cheapest alignment dropped it (or kept the letters
/// it shares) rather than substitute it. `None` when neither edge applies; the edits are
/// recounted over the widened passage.
fn widen_to_changed_edge_words(hay: &str, quote: &str, hit: Hit) -> Option<Hit> {
    let passage = hay.get(hit.start..hit.end)?;
    let quoted: Vec<&str> = quote.split(' ').collect();
    let found: Vec<&str> = passage.split(' ').collect();
    if quoted.len() < found.len() || quoted.len() < 3 {
        return None;
    }
    let mut wide = hit;
    let before = hay.get(..hit.start)?;
    // The bytes of word characters that end `text`.
    let word_tail = |text: &str| {
        text.len()
            - text
                .trim_end_matches(|c: char| words::is_word_char(c))
                .len()
    };
    let inside_word = word_tail(before);
    if quoted.first() != found.first() {
        if inside_word > 0 && quoted.get(1) == found.get(1) {
            // The span starts inside the text's changed word: take in all of it.
            if inside_word <= MAX_EDGE_WORD {
                wide.start = hit.start - inside_word;
            }
        } else if quoted.get(1) == found.first()
            && let Some(rest) = before.strip_suffix(' ')
            && (1..=MAX_EDGE_WORD).contains(&word_tail(rest))
        {
            wide.start = hit.start - 1 - word_tail(rest);
        }
    }
    if quoted.len() > found.len()
        && quoted.last() != found.last()
        && quoted.get(quoted.len() - 2) == found.last()
        && let Some(rest) = hay.get(hit.end..).and_then(|a| a.strip_prefix(' '))
    {
        let word_len = rest
            .find(|c: char| !words::is_word_char(c))
            .unwrap_or(rest.len());
        if (1..=MAX_EDGE_WORD).contains(&word_len) {
            wide.end = hit.end + 1 + word_len;
        }
    }
    if wide == hit {
        return None;
    }
    wide.edits = global_distance(quote.as_bytes(), hay.get(wide.start..wide.end)?.as_bytes());
    Some(wide)
}

/// Bytes of the leading chars of `text` that are among `allowed`, each used at most once.
fn common_chars(text: impl Iterator<Item = char>, allowed: &str) -> usize {
    let mut left: Vec<char> = allowed.chars().collect();
    let mut bytes = 0;
    for c in text {
        let Some(i) = left.iter().position(|&a| a == c) else {
            break;
        };
        left.swap_remove(i);
        bytes += c.len_utf8();
    }
    bytes
}

/// The edit budget that keeps a pattern of `len` bytes at or above `bar`.
fn budget(len: usize, bar: f64) -> usize {
    // Truncation is the intent: the largest whole number of edits still at the bar.
    ((1.0 - bar) * len as f64 + 1e-9).floor() as usize
}

/// `1 − edits / len`, clamped to 0 to 1.
fn score(edits: usize, len: usize) -> f64 {
    if len == 0 {
        return 0.0;
    }
    (1.0 - edits as f64 / len as f64).clamp(0.0, 1.0)
}

/// Locates `quote` in `text` with the default [`Locator`].
///
/// # Errors
///
/// As [`Locator::locate`]: empty, too short, misquoted or not found.
///
/// # Example
///
/// ```
/// use bellwether_anchor::{locate_quote, LocateError, PreparedText, Rung};
///
/// let article = PreparedText::new("The firm said its chips were \u{201C}good enough\u{201D}.");
/// let found = locate_quote(&article, "its chips were \"good enough.\"")?;
/// assert_eq!(found.rung(), &Rung::Normalized);
/// assert_eq!(&article.original()[found.span().bytes()], "its chips were \u{201C}good enough\u{201D}.");
///
/// assert!(matches!(locate_quote(&article, "  "), Err(LocateError::EmptyQuote)));
/// # Ok::<(), LocateError>(())
/// ```
pub fn locate_quote(text: &PreparedText, quote: &str) -> Result<QuoteMatch, LocateError> {
    Locator::new().locate(text, quote)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locate(article: &str, quote: &str) -> Result<QuoteMatch, LocateError> {
        locate_quote(&PreparedText::new(article), quote)
    }

    #[test]
    fn budget_and_score_agree_at_the_bar() {
        assert_eq!(budget(100, 0.75), 25);
        assert!(score(25, 100) >= 0.75);
        assert!(score(26, 100) < 0.75);
    }

    #[test]
    fn finds_exact_quote() -> Result<(), LocateError> {
        let m = locate(
            "Before. The quick brown fox jumps. After.",
            "The quick brown fox jumps.",
        )?;
        assert_eq!(m.rung(), &Rung::Exact);
        assert_eq!(m.span().bytes(), 8..34);
        Ok(())
    }

    #[test]
    fn counts_every_occurrence() -> Result<(), LocateError> {
        let m = locate(
            "a long phrase here; a long phrase here",
            "a long phrase here",
        )?;
        assert_eq!(m.occurrence_count(), 2);
        assert_eq!(m.occurrences()[1].bytes(), 20..38);
        Ok(())
    }

    #[test]
    fn locates_elided_quote_in_order() -> Result<(), LocateError> {
        let article =
            "The committee met on Monday. It voted, after a long debate, to approve the plan.";
        let m = locate(article, "The committee met … to approve the plan.")?;
        let Rung::Elided {
            segments, edits, ..
        } = m.rung()
        else {
            panic!("expected an elided match, got {:?}", m.rung());
        };
        assert_eq!(*edits, 0);
        assert_eq!(segments.len(), 2);
        assert_eq!(m.span().bytes(), 0..article.len());
        Ok(())
    }

    /// The span of `quote` in `article`, as text.
    fn span_text<'a>(article: &'a str, quote: &str) -> &'a str {
        match locate(article, quote) {
            Ok(m) => &article[m.span().bytes()],
            Err(e) => panic!("{quote:?}: {e}"),
        }
    }

    #[test]
    fn a_changed_first_word_is_inside_the_span() {
        let article = "Officials met on Monday. The three men left the building early that day.";
        assert_eq!(
            span_text(article, "A three men left the building early that day"),
            "The three men left the building early that day"
        );
    }

    #[test]
    fn a_changed_last_word_is_inside_the_span() {
        let article = "The board approved rules for salt and pepper, the minister said.";
        assert_eq!(
            span_text(article, "The board approved rules for salt &"),
            "The board approved rules for salt and"
        );
        let article = "The mayor said she gave the old keys to them before the vote.";
        assert_eq!(
            span_text(article, "she gave the old keys to [them]"),
            "she gave the old keys to them"
        );
    }

    #[test]
    fn a_final_ellipsis_the_text_has_is_inside_the_span() {
        for article in [
            "He paused and said, I wonder if it is true... Then he left the room.",
            "He paused and said, I wonder if it is true\u{2026} Then he left the room.",
        ] {
            let span = span_text(article, "He paused and said, I wonder if it is true...");
            assert!(span.ends_with(['.', '\u{2026}']), "{span:?}");
        }
        // Read as an elision where the text goes on.
        let article = "He paused and said, I wonder if it is true. Then he left the room.";
        assert_eq!(
            span_text(article, "He paused and said, I wonder if it is true..."),
            "He paused and said, I wonder if it is true"
        );
    }

    #[test]
    fn rejects_pieces_out_of_order() {
        let article = "First comes the alpha section. Later comes the omega section.";
        let r = locate(article, "the omega section ... the alpha section");
        assert!(r.is_err(), "{r:?}");
    }

    #[test]
    fn reports_misquote_with_differing_words() {
        let article = "The minister said exports would fall sharply next year.";
        match locate(
            article,
            "The minister said imports will drop sharply next year",
        ) {
            Err(LocateError::Misquoted { differences, .. }) => {
                assert_eq!(differences[0].quoted, "imports will drop");
                assert_eq!(differences[0].found, "exports would fall");
            }
            other => panic!("expected misquoted, got {other:?}"),
        }
    }

    #[test]
    fn rejects_short_and_empty_quotes() {
        assert!(matches!(
            locate("abc", " \u{00A0} "),
            Err(LocateError::EmptyQuote)
        ));
        assert!(matches!(
            locate("abc", "\"...\""),
            Err(LocateError::EmptyQuote)
        ));
        assert!(matches!(
            locate("abc def", "abc"),
            Err(LocateError::QuoteTooShort {
                chars: 3,
                min: 10,
                ..
            })
        ));
    }

    #[test]
    fn builder_rejects_disordered_bars() {
        assert!(
            Locator::builder()
                .accept_bar(0.5)
                .misquote_bar(0.6)
                .build()
                .is_err()
        );
        assert!(Locator::builder().accept_bar(f64::NAN).build().is_err());
        assert!(Locator::builder().min_quote_chars(0).build().is_err());
    }
}
