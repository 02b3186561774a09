//! A q-gram index of a large normalised text, to skip most of it in approximate searches.
//!
//! The q-gram lemma (Jokinen and Ukkonen 1991): if a pattern of `m` bytes matches a substring
//! with at most `k` edits, at least `m − q + 1 − q·k` of the pattern's q-grams occur in that
//! substring, on diagonals (text position − pattern position) within `k` of the match start.
//! Counting the pattern's q-gram hits per band of diagonals therefore finds every band that can
//! hold a match, and the bit-parallel search runs on those bands only. No match within the
//! budget is lost: the filter is exact, never heuristic.

use std::ops::Range;

/// Gram length in bytes.
const Q: usize = 4;
/// Most hash-bucket bits (a power of two of buckets, about one per text byte up to this):
/// collisions only add candidates, never lose matches.
const MAX_BUCKET_BITS: u32 = 18;
/// Texts shorter than this are scanned whole: the index would not pay for itself.
pub(crate) const MIN_INDEXED_LEN: usize = 4 * 1024;
/// Grams with at most this many positions are always counted: walking them is cheap.
const MIN_SKIPPED_POSITIONS: usize = 16;

/// Every position of every q-gram of a text, bucketed by hash.
#[derive(Debug, Clone)]
pub(crate) struct GramIndex {
    bits: u32,
    /// `starts[h]..starts[h + 1]` indexes the positions of bucket `h`.
    starts: Vec<u32>,
    positions: Vec<u32>,
}

fn bucket(gram: &[u8], bits: u32) -> usize {
    let mut word = [0u8; 4];
    word.copy_from_slice(&gram[..Q]);
    (u32::from_le_bytes(word).wrapping_mul(0x9E37_79B1) >> (32 - bits)) as usize
}

impl GramIndex {
    /// Indexes `text`; `None` if it is too long for 32-bit positions.
    pub(crate) fn new(text: &[u8]) -> Option<Self> {
        if u32::try_from(text.len()).is_err() {
            return None;
        }
        let bits = text.len().max(2).ilog2().clamp(8, MAX_BUCKET_BITS);
        let buckets = 1usize << bits;
        // Counts go two places up, so that after the prefix sums `starts[h + 1]` is where
        // bucket `h` starts, and filling moves it on to where the bucket ends: bucket `h` is
        // then `starts[h]..starts[h + 1]`, with no copy of the offsets to fill from.
        let mut starts = vec![0u32; buckets + 2];
        for gram in text.windows(Q) {
            starts[bucket(gram, bits) + 2] += 1;
        }
        for h in 0..buckets {
            starts[h + 2] += starts[h + 1];
        }
        let mut positions = vec![0u32; text.len().saturating_sub(Q - 1)];
        for (pos, gram) in text.windows(Q).enumerate() {
            let slot = &mut starts[bucket(gram, bits) + 1];
            positions[*slot as usize] = pos as u32;
            *slot += 1;
        }
        starts.pop();
        Some(Self {
            bits,
            starts,
            positions,
        })
    }

    fn positions(&self, gram: &[u8]) -> &[u32] {
        let h = bucket(gram, self.bits);
        let (a, b) = (self.starts[h] as usize, self.starts[h + 1] as usize);
        &self.positions[a..b]
    }

    /// Every start of an exact occurrence of `pattern` in `text` (the indexed text), in order;
    /// `None` for patterns shorter than a gram.
    ///
    /// Looks up the pattern's rarest gram and compares the text around each of its positions.
    pub(crate) fn exact_starts(&self, pattern: &[u8], text: &[u8]) -> Option<Vec<usize>> {
        let grams = (pattern.len() + 1).checked_sub(Q)?;
        let (offset, positions) = (0..grams)
            .map(|i| (i, self.positions(&pattern[i..i + Q])))
            .min_by_key(|(_, p)| p.len())?;
        let mut starts: Vec<usize> = positions
            .iter()
            .filter_map(|&pos| (pos as usize).checked_sub(offset))
            .filter(|&start| text.get(start..start + pattern.len()) == Some(pattern))
            .collect();
        starts.sort_unstable();
        // Non-overlapping, leftmost first, as `memmem::find_iter` reports them.
        let mut next_free = 0;
        starts.retain(|&start| {
            let keep = start >= next_free;
            if keep {
                next_free = start + pattern.len();
            }
            keep
        });
        Some(starts)
    }

    /// The at most `most` text ranges around the diagonal bands that share the most of
    /// `pattern`'s grams (at least a quarter of those counted), merged and in order: where a
    /// match too distant for the q-gram lemma (a misquote, the closest passage to a quote that
    /// is not in the text) most likely is. A heuristic, unlike [`candidates`](Self::candidates):
    /// a passage that shares few grams with the pattern is not offered. Grams with more than
    /// `max(16, n / 256)` positions (` the`) are not counted: they tell the least.
    ///
    /// Cost: O(m log m + positions counted + n / budget), the positions counted being at most
    /// `m · max(16, n / 256)`.
    pub(crate) fn likely_windows(
        &self,
        pattern: &[u8],
        budget: usize,
        text_len: usize,
        most: usize,
    ) -> Vec<Range<usize>> {
        let m = pattern.len();
        let Some(grams) = (m + 1).checked_sub(Q) else {
            return Vec::new();
        };
        let width = 4 * budget + 4;
        let bins = (text_len + m) / width + 2;
        let mut counts = [vec![0u32; bins], vec![0u32; bins]];
        let frequent = MIN_SKIPPED_POSITIONS.max(text_len / 256);
        let mut counted = 0u32;
        for i in 0..grams {
            let positions = self.positions(&pattern[i..i + Q]);
            if positions.len() > frequent {
                continue;
            }
            counted += 1;
            for &pos in positions {
                let diagonal = pos as usize + m - i;
                counts[0][diagonal / width] += 1;
                counts[1][(diagonal + width / 2) / width] += 1;
            }
        }
        let least = (counted / 4).max(1);
        let mut best: Vec<(u32, usize, usize)> = Vec::new();
        for (grid, offset) in [(0usize, 0usize), (1, width / 2)] {
            for (bin, &count) in counts[grid].iter().enumerate() {
                if count >= least {
                    best.push((count, grid, (bin * width).saturating_sub(offset)));
                }
            }
        }
        best.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)));
        best.truncate(most);
        let mut windows: Vec<Range<usize>> = best
            .iter()
            .map(|&(_, _, low)| {
                // As in `candidates`: diagonals `low..low + width` back in text coordinates.
                let first = low.saturating_sub(m + budget);
                let last = (low + width).saturating_sub(m) + m + 2 * budget;
                first..last.min(text_len)
            })
            .collect();
        windows.sort_by_key(|w| w.start);
        let mut merged: Vec<Range<usize>> = Vec::new();
        for w in windows {
            match merged.last_mut() {
                Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
                _ => merged.push(w),
            }
        }
        merged
    }

    /// The text ranges that can hold a match of `pattern` within `budget` edits, merged and in
    /// order; `None` when the filter cannot help (short pattern, too large a budget, or grams
    /// so frequent that counting them would cost more than scanning) and the whole text must be
    /// searched. Cost: O(m log m + min(positions walked, n) + n / budget) for a text of `n`
    /// bytes.
    pub(crate) fn candidates(
        &self,
        pattern: &[u8],
        budget: usize,
        text_len: usize,
    ) -> Option<Vec<Range<usize>>> {
        let m = pattern.len();
        let grams = (m + 1).checked_sub(Q)?;
        let needed = grams.checked_sub(Q * budget)?;
        // Diagonals run from −m to n; shift them by m to index bins.
        let width = 4 * budget + 4;
        let bins = (text_len + m) / width + 2;
        let mut counts = [vec![0u32; bins], vec![0u32; bins]];
        // Leave out the most frequent grams (each lowers the threshold by one) while at least
        // half the threshold remains: they cost the most to walk and tell the least.
        let mut order: Vec<(usize, usize)> = (0..grams)
            .map(|i| (self.positions(&pattern[i..i + Q]).len(), i))
            .collect();
        order.sort_unstable();
        let keep_at_least = grams - needed / 2;
        // The filter must never cost more than the scan it saves: give up when the grams to
        // walk hold more positions than the text has bytes (`aaaa…`, where every gram is
        // everywhere).
        let walked: usize = order
            .iter()
            .enumerate()
            .filter(|&(rank, &(count, _))| rank < keep_at_least || count <= MIN_SKIPPED_POSITIONS)
            .map(|(_, &(count, _))| count)
            .sum();
        if walked > text_len.max(MIN_INDEXED_LEN) {
            return None;
        }
        let mut threshold = needed;
        for (rank, &(count, i)) in order.iter().enumerate() {
            if rank >= keep_at_least && count > MIN_SKIPPED_POSITIONS {
                threshold -= 1;
                continue;
            }
            for &pos in self.positions(&pattern[i..i + Q]) {
                let diagonal = pos as usize + m - i;
                counts[0][diagonal / width] += 1;
                counts[1][(diagonal + width / 2) / width] += 1;
            }
        }
        if threshold == 0 {
            return None;
        }
        let mut windows: Vec<Range<usize>> = Vec::new();
        for (grid, offset) in [(0usize, 0usize), (1, width / 2)] {
            for (bin, &count) in counts[grid].iter().enumerate() {
                if (count as usize) < threshold {
                    continue;
                }
                // Diagonals of this bin, back in text coordinates; a match starts within
                // `budget` of its diagonal and ends at most `m + budget` later.
                let first = (bin * width).saturating_sub(offset + m + budget);
                let last = ((bin + 1) * width).saturating_sub(offset + m) + m + 2 * budget;
                windows.push(first..last.min(text_len));
            }
        }
        windows.sort_by_key(|w| w.start);
        let mut merged: Vec<Range<usize>> = Vec::new();
        for w in windows {
            match merged.last_mut() {
                Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
                _ => merged.push(w),
            }
        }
        Some(merged)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::myers::{Pattern, naive_distance};
    use proptest::prelude::*;

    #[test]
    fn finds_the_window_of_a_typoed_match() {
        let mut text = "lorem ipsum dolor sit amet ".repeat(4000);
        let at = text.len() / 2;
        text.insert_str(at, " the quick brown fox jumps over the lazy dog ");
        let index = GramIndex::new(text.as_bytes()).unwrap_or_else(|| unreachable!());
        let windows = index
            .candidates(
                b"the quikc brown fox jumps over teh lazy dog",
                6,
                text.len(),
            )
            .unwrap_or_default();
        assert!(
            windows.iter().any(|w| w.start <= at && at + 40 <= w.end),
            "{windows:?}"
        );
        assert!(windows.iter().map(|w| w.len()).sum::<usize>() < 1_000);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn every_gram_lists_exactly_its_positions(
            text in prop::collection::vec(prop::sample::select(&b"abc d\xC3\xA9"[..]), 0..600),
        ) {
            let index = GramIndex::new(&text).unwrap_or_else(|| unreachable!());
            for (pos, gram) in text.windows(Q).enumerate() {
                let expected: Vec<u32> = text
                    .windows(Q)
                    .enumerate()
                    .filter(|(_, g)| bucket(g, index.bits) == bucket(gram, index.bits))
                    .map(|(p, _)| p as u32)
                    .collect();
                prop_assert_eq!(index.positions(gram), &expected[..], "{}", pos);
            }
            prop_assert_eq!(index.positions.len(), text.len().saturating_sub(Q - 1));
        }

        #[test]
        fn exact_starts_agree_with_memmem(
            text in prop::collection::vec(prop::sample::select(&b"ab "[..]), 0..3000),
            pattern in prop::collection::vec(prop::sample::select(&b"ab "[..]), 4..12),
        ) {
            let index = GramIndex::new(&text).unwrap_or_else(|| unreachable!());
            let expected: Vec<usize> = memchr::memmem::find_iter(&text, &pattern).collect();
            prop_assert_eq!(index.exact_starts(&pattern, &text), Some(expected));
        }

        #[test]
        fn never_loses_a_match_within_budget(
            text in prop::collection::vec(prop::sample::select(&b"abcde "[..]), 200..2000),
            start in any::<prop::sample::Index>(),
            len in 12usize..60,
            edits in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(&b"abcdez"[..])), 0..4),
        ) {
            let s = start.index(text.len() - len);
            let mut pattern = text[s..s + len].to_vec();
            for (at, byte) in &edits {
                let i = at.index(pattern.len());
                pattern[i] = *byte;
            }
            let budget = edits.len();
            let index = GramIndex::new(&text).unwrap_or_else(|| unreachable!());
            let best = naive_distance(&pattern, &text);
            prop_assert!(best <= budget);
            if let Some(windows) = index.candidates(&pattern, budget, text.len()) {
                let compiled = Pattern::new(&pattern);
                let found = windows
                    .iter()
                    .filter_map(|w| compiled.search(&text[w.clone()], budget, 4).map(|e| e.distance))
                    .min();
                prop_assert_eq!(found, Some(best));
            }
        }
    }
}
