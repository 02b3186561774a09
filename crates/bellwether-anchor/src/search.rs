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

/// Most ends of one occurrence (ends closer than a match's least length) whose starts are
/// computed: the first and the last (the sampler spaces more evenly if raised). Each costs a
/// reverse search of the piece, so the cap keeps a run of hundreds of equally good ends
/// (`aaaa…`) from costing hundreds of them; on the accuracy set two lose nothing.
const MAX_ENDS_PER_OCCURRENCE: usize = 2;

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
    // In a large text, search only where the q-gram filter says a match can be.
    let regions = match index {
        Some(index) if whole => index
            .candidates(needle, budget, hay.len())
            .unwrap_or_else(|| vec![window.clone()]),
        _ => vec![window.clone()],
    };
    fuzzy_in_regions(hay, regions, pattern, budget, max_hits)
}

/// The best approximate matches of `pattern` within `budget` edits where they most likely are:
/// in a large (indexed) text, the `windows` windows sharing the most grams with
/// it (see [`GramIndex::likely_windows`]); in a small one, the whole text. For budgets too wide
/// for [`find_piece`]'s exact filter (misquotes, the closest passage), where a whole-text search
/// would cost O(n·⌈m/64⌉) with every block live.
///
/// Cost: O(m log m + positions counted) for the windows, then O((m + budget)·⌈m/64⌉) per
/// window: independent of the text's length but for the gram count.
pub(crate) fn find_likely(
    hay: &str,
    pattern: &str,
    budget: usize,
    max_hits: usize,
    index: Option<&GramIndex>,
    windows: usize,
) -> Option<Hits> {
    let regions = match index {
        Some(index) => index.likely_windows(pattern.as_bytes(), budget, hay.len(), windows),
        None => std::iter::once(0..hay.len()).collect(),
    };
    fuzzy_in_regions(hay, regions, pattern, budget, max_hits)
}

/// The best approximate matches of `pattern` within `budget` edits in `regions` of `hay`.
fn fuzzy_in_regions(
    hay: &str,
    regions: Vec<Range<usize>>,
    pattern: &str,
    budget: usize,
    max_hits: usize,
) -> Option<Hits> {
    let needle = pattern.as_bytes();
    if needle.is_empty() {
        return None;
    }
    let compiled = Pattern::new(needle);
    let reversed = Pattern::reversed(needle);
    let mut best: Option<usize> = None;
    let mut hits: Vec<Hit> = Vec::new();
    for region in regions {
        let region = floor_boundary(hay, region.start)..ceil_boundary(hay, region.end);
        let budget = best.unwrap_or(budget);
        let Some(found) = fuzzy_hits(
            hay,
            region,
            pattern,
            (&compiled, &reversed),
            budget,
            max_hits,
        ) else {
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
///
/// At most `max_hits` occurrences are resolved, each from at most [`MAX_ENDS_PER_OCCURRENCE`]
/// of its ends; occurrences start at least `m − distance` bytes apart. The cost is one forward
/// search, O(n·⌈m/64⌉) for a region of n bytes, plus at most `MAX_ENDS_PER_OCCURRENCE ×
/// min(max_hits, n / (m − distance) + 1)` reverse searches and recounts of
/// O((m + distance)·⌈m/64⌉) each: with `distance ≤ m / 2`, O(n·⌈m/64⌉) again.
fn fuzzy_hits(
    hay: &str,
    region: Range<usize>,
    pattern: &str,
    (compiled, reversed): (&Pattern, &Pattern),
    budget: usize,
    max_hits: usize,
) -> Option<(usize, Vec<Hit>)> {
    let bytes = hay.as_bytes().get(region.clone())?;
    let found = compiled.search(bytes, budget, MAX_ENDS)?;
    let mut hits: Vec<Hit> = Vec::new();
    // A match is at least `m − distance` bytes long, so ends closer than that to the first end
    // of a group belong to overlapping spans: one occurrence.
    let reach = compiled.len().saturating_sub(found.distance).max(2);
    let mut groups: Vec<&[usize]> = Vec::new();
    let mut from = 0;
    for i in 1..=found.ends.len() {
        if i == found.ends.len() || found.ends[i] >= found.ends[from] + reach {
            groups.push(&found.ends[from..i]);
            from = i;
        }
    }
    for group in groups {
        if hits.len() >= max_hits {
            break;
        }
        let best = sample(group, MAX_ENDS_PER_OCCURRENCE)
            .filter_map(|end| {
                let end = region.start + end;
                let start = start_of(hay, reversed, region.start, end, found.distance)?;
                Some(snap(hay, (pattern, compiled), start, end, found.distance))
            })
            .min_by_key(|h| (h.edits, h.len(), h.start));
        if let Some(hit) = best
            && hits.last().is_none_or(|last| last.end <= hit.start)
        {
            hits.push(hit);
        }
    }
    Some((found.distance, hits))
}

/// At most `most` items of `items`: all of them if few enough, else the first, the last and
/// evenly spaced ones between.
fn sample(items: &[usize], most: usize) -> impl Iterator<Item = usize> + '_ {
    let n = items.len();
    let take = n.min(most.max(2));
    (0..take).filter_map(move |i| {
        let at = if take == n || take < 2 {
            i
        } else {
            i * (n - 1) / (take - 1)
        };
        items.get(at).copied()
    })
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
pub(crate) fn on_word_boundaries(hay: &str, start: usize, end: usize) -> bool {
    let cuts = |at: usize| {
        char_before(hay, at).is_some_and(is_word_char) && char_at(hay, at).is_some_and(is_word_char)
    };
    !cuts(start) && !cuts(end)
}

/// Moves span edges onto char boundaries, off edge spaces and out to nearby word boundaries,
/// recounting the edits when the span changed.
fn snap(
    hay: &str,
    (pattern, compiled): (&str, &Pattern),
    start: usize,
    end: usize,
    edits: usize,
) -> Hit {
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
        compiled.global_distance(hay.as_bytes().get(s..e).unwrap_or_default())
    };
    Hit {
        start: s,
        end: e,
        edits,
    }
}

/// Edit distance between two whole byte strings counting a swap of two adjacent bytes as one
/// edit (optimal string alignment): the distance a typist's transposition costs.
///
/// Only distances up to `band` are computed exactly (cells more than `band` off the diagonal
/// cannot lie on such an alignment); a larger distance comes back as some value above `band`.
/// Cost: O(|a|·band) time, O(band) memory.
pub(crate) fn transposition_distance(a: &[u8], b: &[u8], band: usize) -> usize {
    const FAR: usize = usize::MAX / 4;
    let (a, b) = strip_common(a, b);
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > band {
        return band + 1;
    }
    let width = 2 * band + 1;
    // Rows i − 2, i − 1 and i, each indexed by diagonal: cell (i, j) at column j + band − i.
    let mut rows = [vec![FAR; width], vec![FAR; width], vec![FAR; width]];
    for j in 0..=m.min(band) {
        rows[0][j + band] = j;
    }
    for i in 1..=n {
        let [older, prev, cur] = rows_at(&mut rows, i);
        cur.fill(FAR);
        for j in i.saturating_sub(band)..=(i + band).min(m) {
            let c = j + band - i;
            let value = if j == 0 {
                i
            } else {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut v = prev[c] + cost;
                if let Some(&up) = prev.get(c + 1) {
                    v = v.min(up + 1);
                }
                if c > 0 {
                    v = v.min(cur[c - 1] + 1);
                }
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = v.min(older[c] + 1);
                }
                v
            };
            cur[c] = value;
        }
    }
    let [_, _, last] = rows_at(&mut rows, n);
    last.get(m + band - n).copied().unwrap_or(FAR).min(band + 1)
}

/// The rows `i − 2`, `i − 1` and `i` of a three-row rolling table.
fn rows_at(rows: &mut [Vec<usize>; 3], i: usize) -> [&mut Vec<usize>; 3] {
    let [r0, r1, r2] = rows;
    match i % 3 {
        0 => [r1, r2, r0],
        1 => [r2, r0, r1],
        _ => [r0, r1, r2],
    }
}

/// `a` and `b` without their common prefix and suffix, which an optimal alignment matches.
fn strip_common<'a>(a: &'a [u8], b: &'a [u8]) -> (&'a [u8], &'a [u8]) {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (&a[..a.len() - suffix], &b[..b.len() - suffix])
}

/// The largest share of edits in any stretch of `window` bytes of `quote`, aligned whole against
/// `passage`: where typos are scattered, foreign text is dense.
///
/// `max_edits` bounds the alignment's distance (pass the edit distance when known), so only a
/// diagonal band of that half-width is computed; a larger true distance widens the band as
/// needed. Cost: O(|quote|·band) time and one byte of memory per band cell, after the common
/// prefix and suffix (which cost nothing) are set aside.
pub(crate) fn densest_edits(quote: &[u8], passage: &[u8], window: usize, max_edits: usize) -> f64 {
    let n = quote.len();
    if n == 0 {
        return 0.0;
    }
    let charged = charged_edits(quote, passage, max_edits);
    let window = window.clamp(1, n);
    let mut sum: u32 = charged[..window].iter().sum();
    let mut most = sum;
    for k in window..n {
        sum = sum + charged[k] - charged[k - window];
        most = most.max(sum);
    }
    f64::from(most) / window as f64
}

/// Edits of an optimal whole alignment charged to the quote byte where each occurs.
fn charged_edits(quote: &[u8], passage: &[u8], max_edits: usize) -> Vec<u32> {
    let mut charged = vec![0u32; quote.len()];
    let (q, p) = strip_common(quote, passage);
    let prefix = quote
        .iter()
        .zip(passage)
        .take_while(|(x, y)| x == y)
        .count();
    let mut band = max_edits.max(q.len().abs_diff(p.len())) + 1;
    // A band wider than both strings holds every cell, so the loop ends.
    while !banded_charges(q, p, band, prefix, &mut charged) {
        band = band.saturating_mul(2);
    }
    charged
}

/// Fills `charged[offset..]` from an optimal alignment of `quote` and `passage` computed in a
/// diagonal band of half-width `band`; false if the band was too narrow to be sure.
fn banded_charges(
    quote: &[u8],
    passage: &[u8],
    band: usize,
    offset: usize,
    charged: &mut [u32],
) -> bool {
    const FAR: u32 = u32::MAX / 2;
    const DIAGONAL: u8 = 0;
    const UP: u8 = 1;
    const LEFT: u8 = 2;
    let (n, m) = (quote.len(), passage.len());
    let width = 2 * band + 1;
    // Cell (i, j) lives at column j + band − i; values roll over two rows, directions are kept.
    let col = |i: usize, j: usize| (j + band).checked_sub(i).filter(|&c| c < width);
    let mut directions = vec![LEFT; (n + 1) * width];
    let mut prev = vec![FAR; width];
    let mut cur = vec![FAR; width];
    for j in 0..=m.min(band) {
        prev[j + band] = j as u32;
    }
    for i in 1..=n {
        cur.fill(FAR);
        for j in i.saturating_sub(band)..=(i + band).min(m) {
            let c = j + band - i;
            let (value, direction) = if j == 0 {
                (i as u32, UP)
            } else {
                let cost = u32::from(quote[i - 1] != passage[j - 1]);
                let diagonal = prev[c] + cost;
                let up = prev.get(c + 1).map_or(FAR, |&v| v + 1);
                let left = if c > 0 { cur[c - 1] + 1 } else { FAR };
                if diagonal <= up && diagonal <= left {
                    (diagonal, DIAGONAL)
                } else if up <= left {
                    (up, UP)
                } else {
                    (left, LEFT)
                }
            };
            cur[c] = value;
            directions[i * width + c] = direction;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let total = col(n, m).map_or(FAR, |c| prev[c]);
    if total as usize >= band {
        return false;
    }
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let Some(c) = col(i, j) else {
            return false;
        };
        let direction = if i == 0 {
            LEFT
        } else {
            directions[i * width + c]
        };
        match direction {
            DIAGONAL if j > 0 => {
                charged[offset + i - 1] += u32::from(quote[i - 1] != passage[j - 1]);
                i -= 1;
                j -= 1;
            }
            UP => {
                charged[offset + i - 1] += 1;
                i -= 1;
            }
            _ if j > 0 => {
                if let Some(slot) = charged.get_mut((offset + i).saturating_sub(1)) {
                    *slot += 1;
                }
                j -= 1;
            }
            _ => return false,
        }
    }
    true
}

/// Edit distance between two whole byte strings (both ends anchored), bit-parallel on the
/// shorter: O(max(|a|, |b|)·⌈min(|a|, |b|)/64⌉) time.
pub(crate) fn global_distance(a: &[u8], b: &[u8]) -> usize {
    let (a, b) = strip_common(a, b);
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    Pattern::new(short).global_distance(long)
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
        assert_eq!(transposition_distance(b"onec", b"once", 2), 1);
        assert_eq!(global_distance(b"onec", b"once"), 2);
        assert_eq!(transposition_distance(b"kitten", b"sitting", 3), 3);
        assert_eq!(transposition_distance(b"kitten", b"sitting", 2), 3);
    }

    #[test]
    fn densest_edits_tells_typos_from_foreign_text() {
        let passage = b"and then proceeded to relate the particulars of their journey";
        let typos = b"and then proceded to relatte the particulars of thier journey";
        let splice = b"and then proceeded to relate the this end of the room";
        assert!(densest_edits(typos, passage, 20, 4) < 0.3);
        assert!(densest_edits(splice, passage, 20, 2) >= 0.5);
    }

    /// The full-table optimal string alignment distance: the oracle for the banded one.
    fn naive_osa(a: &[u8], b: &[u8]) -> usize {
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

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        #[test]
        fn banded_transposition_distance_equals_the_full_table(
            a in proptest::collection::vec(proptest::sample::select(&b"abc "[..]), 0..60),
            b in proptest::collection::vec(proptest::sample::select(&b"abc "[..]), 0..60),
            band in 0usize..70,
        ) {
            let full = naive_osa(&a, &b);
            let banded = transposition_distance(&a, &b, band);
            if full <= band {
                proptest::prop_assert_eq!(banded, full);
            } else {
                proptest::prop_assert!(banded > band);
            }
        }

        #[test]
        fn global_distance_is_symmetric_and_zero_only_for_equal(
            a in proptest::collection::vec(proptest::sample::select(&b"ab"[..]), 0..150),
            b in proptest::collection::vec(proptest::sample::select(&b"ab"[..]), 0..150),
        ) {
            let d = global_distance(&a, &b);
            proptest::prop_assert_eq!(d, global_distance(&b, &a));
            proptest::prop_assert_eq!(d == 0, a == b);
            proptest::prop_assert!(d >= a.len().abs_diff(b.len()));
        }

        #[test]
        fn densest_edits_charge_every_edit_of_the_alignment(
            a in proptest::collection::vec(proptest::sample::select(&b"abc"[..]), 1..80),
            b in proptest::collection::vec(proptest::sample::select(&b"abc"[..]), 0..80),
            hint in 0usize..10,
        ) {
            // Over a window as long as the quote, the densest share is all edits / length.
            let whole = densest_edits(&a, &b, a.len(), hint);
            let expected = crate::naive_distance::levenshtein(&a, &b) as f64 / a.len() as f64;
            proptest::prop_assert!((whole - expected).abs() < 1e-9, "{whole} vs {expected}");
        }
    }

    #[test]
    fn global_distance_counts_edits() {
        assert_eq!(global_distance(b"kitten", b"sitting"), 3);
        assert_eq!(global_distance(b"", b"abc"), 3);
    }
}
