//! Finding one normalised piece of a quote in a window of normalised text.
//!
//! Exact search first (`memchr::memmem`), then the bit-parallel approximate search. Spans are
//! trimmed of edge spaces and snapped to word boundaries; ties prefer the shorter span.

use std::ops::Range;

use memchr::memmem;

use crate::myers::Pattern;
use crate::prepare::{ceil_boundary, floor_boundary};
use crate::words::is_word_char;

/// Most word characters a span edge moves to reach a word boundary.
const MAX_SNAP_CHARS: usize = 3;

/// Most match ends kept from one approximate search.
const MAX_ENDS: usize = 256;

/// One place where a piece matches, in normalised byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) edits: usize,
}

impl Hit {
    fn len(&self) -> usize {
        self.end - self.start
    }
}

/// The equally best places where a piece matches, in text order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hits {
    pub(crate) edits: usize,
    pub(crate) hits: Vec<Hit>,
}

impl Hits {
    /// The preferred hit: the shortest, then the earliest.
    pub(crate) fn best(&self) -> Option<Hit> {
        self.hits.iter().copied().min_by_key(|h| (h.len(), h.start))
    }
}

/// Finds `pattern` in `hay[window]` with at most `budget` byte edits.
///
/// Returns `None` when nothing is within the budget. `max_hits` caps the hits kept.
pub(crate) fn find_piece(
    hay: &str,
    window: Range<usize>,
    pattern: &str,
    budget: usize,
    max_hits: usize,
) -> Option<Hits> {
    let window = floor_boundary(hay, window.start)..ceil_boundary(hay, window.end);
    let region = hay.as_bytes().get(window.clone())?;
    let needle = pattern.as_bytes();
    if needle.is_empty() {
        return None;
    }
    let exact: Vec<Hit> = memmem::find_iter(region, needle)
        .map(|at| Hit {
            start: window.start + at,
            end: window.start + at + needle.len(),
            edits: 0,
        })
        .filter(|h| on_word_boundaries(hay, h.start, h.end))
        .take(max_hits)
        .collect();
    if !exact.is_empty() {
        return Some(Hits {
            edits: 0,
            hits: exact,
        });
    }
    let compiled = Pattern::new(needle);
    let found = compiled.search(region, budget, MAX_ENDS)?;
    let reversed = Pattern::reversed(needle);
    let mut hits: Vec<Hit> = Vec::new();
    let mut group: Vec<usize> = Vec::new();
    let flush = |group: &mut Vec<usize>, hits: &mut Vec<Hit>| {
        let best = group
            .iter()
            .filter_map(|&end| {
                let end = window.start + end;
                let start = start_of(hay, &reversed, window.start, end, found.distance)?;
                Some(snap(hay, pattern, start, end, found.distance))
            })
            .min_by_key(|h| (h.edits, h.len(), h.start));
        if let Some(hit) = best
            && hits.last().is_none_or(|last| last.end <= hit.start)
        {
            hits.push(hit);
        }
        group.clear();
    };
    for &end in &found.ends {
        // Ends one byte apart belong to one occurrence.
        if group.last().is_some_and(|&last| end > last + 1) {
            flush(&mut group, &mut hits);
        }
        group.push(end);
    }
    flush(&mut group, &mut hits);
    let edits = hits.iter().map(|h| h.edits).min()?;
    hits.retain(|h| h.edits == edits);
    hits.truncate(max_hits);
    Some(Hits { edits, hits })
}

/// The start of the shortest span ending at `end` within `distance` edits.
fn start_of(
    hay: &str,
    reversed: &Pattern,
    floor: usize,
    end: usize,
    distance: usize,
) -> Option<usize> {
    let from = end.saturating_sub(reversed.len() + distance).max(floor);
    let back: Vec<u8> = hay
        .as_bytes()
        .get(from..end)?
        .iter()
        .rev()
        .copied()
        .collect();
    reversed
        .shortest_prefix(&back, distance)
        .map(|len| end - len)
}

fn char_before(hay: &str, at: usize) -> Option<char> {
    hay.get(..at).and_then(|s| s.chars().next_back())
}

fn char_at(hay: &str, at: usize) -> Option<char> {
    hay.get(at..).and_then(|s| s.chars().next())
}

/// Whether a span neither starts nor ends inside a word.
fn on_word_boundaries(hay: &str, start: usize, end: usize) -> bool {
    let cuts = |at: usize| {
        char_before(hay, at).is_some_and(is_word_char) && char_at(hay, at).is_some_and(is_word_char)
    };
    !cuts(start) && !cuts(end)
}

/// Moves span edges onto char boundaries, off edge spaces and out to nearby word boundaries,
/// recounting the edits when the span changed.
fn snap(hay: &str, pattern: &str, start: usize, end: usize, edits: usize) -> Hit {
    let (mut s, mut e) = (floor_boundary(hay, start), ceil_boundary(hay, end));
    let bytes = hay.as_bytes();
    if !pattern.starts_with(' ') {
        while s < e && bytes.get(s) == Some(&b' ') {
            s += 1;
        }
    }
    if !pattern.ends_with(' ') {
        while e > s && bytes.get(e - 1) == Some(&b' ') {
            e -= 1;
        }
    }
    if char_at(hay, s).is_some_and(is_word_char) {
        let mut at = s;
        for _ in 0..MAX_SNAP_CHARS {
            match char_before(hay, at) {
                Some(c) if is_word_char(c) => at -= c.len_utf8(),
                _ => break,
            }
        }
        if !char_before(hay, at).is_some_and(is_word_char) {
            s = at;
        }
    }
    if e > s && char_before(hay, e).is_some_and(is_word_char) {
        let mut at = e;
        for _ in 0..MAX_SNAP_CHARS {
            match char_at(hay, at) {
                Some(c) if is_word_char(c) => at += c.len_utf8(),
                _ => break,
            }
        }
        if !char_at(hay, at).is_some_and(is_word_char) {
            e = at;
        }
    }
    let edits = if (s, e) == (start, end) {
        edits
    } else {
        global_distance(
            pattern.as_bytes(),
            hay.as_bytes().get(s..e).unwrap_or_default(),
        )
    };
    Hit {
        start: s,
        end: e,
        edits,
    }
}

/// Edit distance between two whole byte strings (both ends anchored).
pub(crate) fn global_distance(a: &[u8], b: &[u8]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &x) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for j in 1..=b.len() {
            let up = row[j];
            row[j] = (diag + usize::from(x != b[j - 1]))
                .min(up + 1)
                .min(row[j - 1] + 1);
            diag = up;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_hits_on_word_boundaries_only() {
        let hay = "he said that she said that";
        let found = find_piece(hay, 0..hay.len(), "said that", 2, 10);
        let starts: Vec<usize> = found
            .iter()
            .flat_map(|h| h.hits.iter().map(|x| x.start))
            .collect();
        assert_eq!(starts, vec![3, 17]);
        // "aid that" only occurs inside a word: the fuzzy rung snaps it to "said that".
        let found = find_piece(hay, 0..hay.len(), "aid that", 2, 10);
        assert_eq!(
            found.map(|h| (h.edits, h.hits[0].start, h.hits[0].end)),
            Some((1, 3, 12))
        );
    }

    #[test]
    fn fuzzy_hit_has_shortest_span_and_true_edits() {
        let hay = "the chips are scarce and the chops are scarce";
        let found = find_piece(hay, 0..hay.len(), "the chipz are scarce", 4, 10);
        assert_eq!(
            found.map(|h| (h.edits, h.hits.len(), h.hits[0].start, h.hits[0].end)),
            Some((1, 1, 0, 20))
        );
    }

    #[test]
    fn global_distance_counts_edits() {
        assert_eq!(global_distance(b"kitten", b"sitting"), 3);
        assert_eq!(global_distance(b"", b"abc"), 3);
    }
}
