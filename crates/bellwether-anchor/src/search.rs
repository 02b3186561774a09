//! Finding one normalised piece of a quote in a window of normalised text.
//!
//! Exact search first (`memchr::memmem`), then the bit-parallel approximate search. Spans are
//! trimmed of edge spaces and snapped to word boundaries; ties prefer the shorter span.

use std::ops::Range;

use memchr::memmem;

use crate::index::GramIndex;
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
/// Returns `None` when nothing is within the budget. `max_hits` caps the hits kept. An `index`
/// of `hay` narrows a whole-text search to the regions that can hold a match.
pub(crate) fn find_piece(
    hay: &str,
    window: Range<usize>,
    pattern: &str,
    budget: usize,
    max_hits: usize,
    index: Option<&GramIndex>,
) -> Option<Hits> {
    let window = floor_boundary(hay, window.start)..ceil_boundary(hay, window.end);
    let region = hay.as_bytes().get(window.clone())?;
    let needle = pattern.as_bytes();
    if needle.is_empty() {
        return None;
    }
    let whole = window == (0..hay.len());
    // In an indexed text, look exact matches up by their rarest gram instead of scanning.
    let indexed = index
        .filter(|_| whole)
        .and_then(|index| index.exact_starts(needle, hay.as_bytes()));
    let starts: Vec<usize> = match indexed {
        Some(starts) => starts,
        None => memmem::find_iter(region, needle)
            .map(|at| window.start + at)
            .collect(),
    };
    let exact: Vec<Hit> = starts
        .into_iter()
        .map(|start| Hit {
            start,
            end: start + needle.len(),
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
    let reversed = Pattern::reversed(needle);
    // In a large text, search only where the q-gram filter says a match can be.
    let regions = match index {
        Some(index) if whole => index
            .candidates(needle, budget, hay.len())
            .unwrap_or_else(|| vec![window.clone()]),
        _ => vec![window.clone()],
    };
    let mut best: Option<usize> = None;
    let mut hits: Vec<Hit> = Vec::new();
    for region in regions {
        let region = floor_boundary(hay, region.start)..ceil_boundary(hay, region.end);
        let budget = best.unwrap_or(budget);
        let Some(found) = fuzzy_hits(hay, region, pattern, (&compiled, &reversed), budget) else {
            continue;
        };
        if best.is_none_or(|b| found.0 < b) {
            best = Some(found.0);
            hits.clear();
        }
        if best == Some(found.0) {
            hits.extend(found.1);
        }
    }
    let edits = hits.iter().map(|h| h.edits).min()?;
    hits.retain(|h| h.edits == edits);
    hits.dedup_by(|b, a| b.start < a.end);
    hits.truncate(max_hits);
    Some(Hits { edits, hits })
}

/// The approximate matches of `pattern` in `hay[region]` at the best distance within `budget`,
/// one hit per occurrence, snapped; with that distance.
fn fuzzy_hits(
    hay: &str,
    region: Range<usize>,
    pattern: &str,
    (compiled, reversed): (&Pattern, &Pattern),
    budget: usize,
) -> Option<(usize, Vec<Hit>)> {
    let bytes = hay.as_bytes().get(region.clone())?;
    let found = compiled.search(bytes, budget, MAX_ENDS)?;
    let mut hits: Vec<Hit> = Vec::new();
    let mut group: Vec<usize> = Vec::new();
    let flush = |group: &mut Vec<usize>, hits: &mut Vec<Hit>| {
        let best = group
            .iter()
            .filter_map(|&end| {
                let end = region.start + end;
                let start = start_of(hay, reversed, region.start, end, found.distance)?;
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
    Some((found.distance, hits))
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

/// Edit distance between two whole byte strings counting a swap of two adjacent bytes as one
/// edit (optimal string alignment): the distance a typist's transposition costs.
pub(crate) fn transposition_distance(a: &[u8], b: &[u8]) -> usize {
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for (j, cell) in d.iter_mut().take(w).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        d[i * w] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j - 1] + cost)
                .min(d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[a.len() * w + b.len()]
}

/// The largest share of edits in any stretch of `window` bytes of `quote`, aligned whole against
/// `passage`: where typos are scattered, foreign text is dense.
///
/// `max_edits` bounds the alignment's distance, so only a diagonal band of that half-width is
/// computed; a larger true distance widens the band as needed.
pub(crate) fn densest_edits(quote: &[u8], passage: &[u8], window: usize, max_edits: usize) -> f64 {
    let n = quote.len();
    if n == 0 {
        return 0.0;
    }
    let band = max_edits.max(quote.len().abs_diff(passage.len())) + 1;
    let Some(charged) = charged_edits(quote, passage, band) else {
        return densest_edits(quote, passage, window, band * 2);
    };
    let window = window.clamp(1, n);
    let mut sum: u32 = charged[..window].iter().sum();
    let mut most = sum;
    for k in window..n {
        sum = sum + charged[k] - charged[k - window];
        most = most.max(sum);
    }
    f64::from(most) / window as f64
}

/// Edits of an optimal whole alignment charged to the quote byte where each occurs, computed in
/// a diagonal band of half-width `band`; `None` if the band was too narrow to be sure.
fn charged_edits(quote: &[u8], passage: &[u8], band: usize) -> Option<Vec<u32>> {
    const FAR: u32 = u32::MAX / 2;
    let (n, m) = (quote.len(), passage.len());
    let width = 2 * band + 1;
    // Cell (i, j) lives at row i, column j + band - i.
    let mut d = vec![FAR; (n + 1) * width];
    let at = |i: usize, j: usize| -> Option<usize> {
        let col = (j + band).checked_sub(i)?;
        (col < width).then_some(i * width + col)
    };
    let get = |d: &[u32], i: usize, j: usize| at(i, j).map_or(FAR, |k| d[k]);
    for j in 0..=m.min(band) {
        d[j + band] = j as u32;
    }
    for i in 1..=n {
        let lo = i.saturating_sub(band);
        let hi = (i + band).min(m);
        for j in lo..=hi {
            let value = if j == 0 {
                i as u32
            } else {
                let cost = u32::from(quote[i - 1] != passage[j - 1]);
                (get(&d, i - 1, j - 1) + cost)
                    .min(get(&d, i - 1, j) + 1)
                    .min(get(&d, i, j - 1) + 1)
            };
            if let Some(k) = at(i, j) {
                d[k] = value;
            }
        }
    }
    let total = get(&d, n, m);
    if total as usize >= band {
        return None;
    }
    let mut charged = vec![0u32; n];
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let here = get(&d, i, j);
        if i > 0 && j > 0 {
            let cost = u32::from(quote[i - 1] != passage[j - 1]);
            if here == get(&d, i - 1, j - 1) + cost {
                charged[i - 1] += cost;
                i -= 1;
                j -= 1;
                continue;
            }
        }
        if i > 0 && here == get(&d, i - 1, j) + 1 {
            charged[i - 1] += 1;
            i -= 1;
        } else if j > 0 {
            charged[i.saturating_sub(1)] += 1;
            j -= 1;
        } else {
            return None;
        }
    }
    Some(charged)
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
        let found = find_piece(hay, 0..hay.len(), "said that", 2, 10, None);
        let starts: Vec<usize> = found
            .iter()
            .flat_map(|h| h.hits.iter().map(|x| x.start))
            .collect();
        assert_eq!(starts, vec![3, 17]);
        // "aid that" only occurs inside a word: the fuzzy rung snaps it to "said that".
        let found = find_piece(hay, 0..hay.len(), "aid that", 2, 10, None);
        assert_eq!(
            found.map(|h| (h.edits, h.hits[0].start, h.hits[0].end)),
            Some((1, 3, 12))
        );
    }

    #[test]
    fn fuzzy_hit_has_shortest_span_and_true_edits() {
        let hay = "the chips are scarce and the chops are scarce";
        let found = find_piece(hay, 0..hay.len(), "the chipz are scarce", 4, 10, None);
        assert_eq!(
            found.map(|h| (h.edits, h.hits.len(), h.hits[0].start, h.hits[0].end)),
            Some((1, 1, 0, 20))
        );
    }

    #[test]
    fn transposition_distance_counts_swaps_once() {
        assert_eq!(transposition_distance(b"onec", b"once"), 1);
        assert_eq!(global_distance(b"onec", b"once"), 2);
        assert_eq!(transposition_distance(b"kitten", b"sitting"), 3);
    }

    #[test]
    fn densest_edits_tells_typos_from_foreign_text() {
        let passage = b"and then proceeded to relate the particulars of their journey";
        let typos = b"and then proceded to relatte the particulars of thier journey";
        let splice = b"and then proceeded to relate the this end of the room";
        assert!(densest_edits(typos, passage, 20, 4) < 0.3);
        assert!(densest_edits(splice, passage, 20, 2) >= 0.5);
    }

    #[test]
    fn global_distance_counts_edits() {
        assert_eq!(global_distance(b"kitten", b"sitting"), 3);
        assert_eq!(global_distance(b"", b"abc"), 3);
    }
}
