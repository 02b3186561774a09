//! Bit-parallel approximate string matching (Myers 1999, in Hyyrö's blocked form).
//!
//! The pattern is split into 64-row blocks; each text byte advances every active block with a
//! handful of word operations, so a search costs O(n·⌈m/64⌉). Ukkonen's cut-off keeps only the
//! blocks that can still hold a cell within the edit budget `k`, and the budget tightens to the
//! best distance found so far, so on real text usually one or two blocks are live.
//!
//! Two boundary conditions are used: *semi-global* (the pattern whole, starting anywhere in the
//! text: a free top row) to find where matches end, and *anchored* (the pattern whole, starting
//! at the first text byte) run backwards from an end to find the shortest span's start.

/// Bits per block.
const WORD: usize = 64;

/// A pattern compiled for bit-parallel search: one match mask per block and byte value.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    len: usize,
    blocks: usize,
    /// `peq[block][byte]` has bit `r` set when pattern byte `block * 64 + r` is `byte`.
    peq: Vec<[u64; 256]>,
    /// The mask of the row whose score each block reports (its last row).
    highs: Vec<u64>,
}

/// Where the best matches end, and their distance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Ends {
    /// The smallest edit distance found.
    pub(crate) distance: usize,
    /// Exclusive end offsets (into the searched text) of every match with that distance.
    pub(crate) ends: Vec<usize>,
}

impl Pattern {
    /// Compiles `pattern`; an empty pattern has no blocks.
    pub(crate) fn new(pattern: &[u8]) -> Self {
        let blocks = pattern.len().div_ceil(WORD);
        let mut peq = vec![[0u64; 256]; blocks];
        for (i, &b) in pattern.iter().enumerate() {
            peq[i / WORD][usize::from(b)] |= 1u64 << (i % WORD);
        }
        let highs = (0..blocks)
            .map(|b| {
                let rows = if b + 1 == blocks {
                    pattern.len() - b * WORD
                } else {
                    WORD
                };
                1u64 << (rows - 1)
            })
            .collect();
        Self {
            len: pattern.len(),
            blocks,
            peq,
            highs,
        }
    }

    /// Compiles `pattern` reversed, for finding starts.
    pub(crate) fn reversed(pattern: &[u8]) -> Self {
        let rev: Vec<u8> = pattern.iter().rev().copied().collect();
        Self::new(&rev)
    }

    /// The pattern's length in bytes.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Rows in `block` (64 except possibly the last).
    fn rows(&self, block: usize) -> usize {
        if block + 1 == self.blocks {
            self.len - block * WORD
        } else {
            WORD
        }
    }

    /// The mask of the row whose score a block reports.
    fn high(&self, block: usize) -> u64 {
        self.highs[block]
    }

    fn eq(&self, block: usize, byte: u8) -> u64 {
        self.peq[block][usize::from(byte)]
    }

    /// Semi-global search: the smallest distance `≤ max_edits` of the whole pattern against any
    /// substring of `text`, with the end of every match at that distance (at most `max_ends`).
    ///
    /// Returns `None` when no substring is within `max_edits`.
    pub(crate) fn search(&self, text: &[u8], max_edits: usize, max_ends: usize) -> Option<Ends> {
        if self.blocks == 0 {
            return Some(Ends {
                distance: 0,
                ends: (0..=text.len().min(max_ends)).collect(),
            });
        }
        if self.blocks == 1 {
            return self.search_one_block(text, max_edits, max_ends);
        }
        let nb = self.blocks;
        let mut pv = vec![!0u64; nb];
        let mut mv = vec![0u64; nb];
        let mut score: Vec<usize> = (0..nb).map(|b| b * WORD + self.rows(b)).collect();
        let mut k = max_edits;
        let mut best: Option<Ends> = None;
        // Column 0: the pattern against nothing.
        record(&mut best, &mut k, self.len, 0, max_ends);
        // Last block that can hold a cell within the budget (column 0 holds row numbers).
        let mut last = (k / WORD).min(nb - 1);
        for (j, &c) in text.iter().enumerate() {
            let mut hout = 0i32;
            let c = usize::from(c);
            let live = (last + 1).min(nb);
            for ((((p, m), s), peq), &high) in pv[..live]
                .iter_mut()
                .zip(&mut mv[..live])
                .zip(&mut score[..live])
                .zip(&self.peq[..live])
                .zip(&self.highs[..live])
            {
                hout = advance(p, m, peq[c], hout, high);
                *s = apply(*s, hout);
            }
            let c = c as u8;
            // Wake the next block when its first row can come within the budget.
            if last + 1 < nb {
                let before = apply(score[last], -hout);
                if before <= k || score[last] < k {
                    let b = last + 1;
                    pv[b] = !0;
                    mv[b] = 0;
                    // The fresh column assumes +1 per row below the previous column's score.
                    score[b] = before + self.rows(b);
                    let h = advance(&mut pv[b], &mut mv[b], self.eq(b, c), hout, self.high(b));
                    score[b] = apply(score[b], h);
                    last = b;
                }
            }
            // Retire blocks whose every cell exceeds the budget.
            while last > 0 && score[last] >= k + WORD {
                last -= 1;
            }
            if last + 1 == nb {
                record(&mut best, &mut k, score[last], j + 1, max_ends);
            }
        }
        best
    }

    fn search_one_block(&self, text: &[u8], max_edits: usize, max_ends: usize) -> Option<Ends> {
        let high = self.high(0);
        let peq = &self.peq[0];
        let mut pv = !0u64;
        let mut mv = 0u64;
        let mut score = self.len;
        let mut k = max_edits;
        let mut best: Option<Ends> = None;
        record(&mut best, &mut k, score, 0, max_ends);
        for (j, &c) in text.iter().enumerate() {
            let h = advance(&mut pv, &mut mv, peq[usize::from(c)], 0, high);
            score = apply(score, h);
            if score <= k {
                record(&mut best, &mut k, score, j + 1, max_ends);
            }
        }
        best
    }

    /// Global edit distance: the whole pattern against the whole of `text` (both ends anchored),
    /// in O(|text|·⌈m/64⌉) word operations and O(⌈m/64⌉) memory.
    pub(crate) fn global_distance(&self, text: &[u8]) -> usize {
        if self.blocks == 0 {
            return text.len();
        }
        let nb = self.blocks;
        let mut pv = vec![!0u64; nb];
        let mut mv = vec![0u64; nb];
        let mut score = self.len;
        for &c in text {
            // The top row costs one per text byte consumed: the start is fixed.
            let mut hout = 1i32;
            for b in 0..nb {
                hout = advance(&mut pv[b], &mut mv[b], self.eq(b, c), hout, self.high(b));
            }
            score = apply(score, hout);
        }
        score
    }

    /// Anchored search from the start of `text`: the fewest bytes `j` such that the whole
    /// pattern aligns with `text[..j]` in exactly `distance` edits or fewer; `None` if none does.
    pub(crate) fn shortest_prefix(&self, text: &[u8], distance: usize) -> Option<usize> {
        if self.blocks == 0 {
            return Some(0);
        }
        let nb = self.blocks;
        let mut pv = vec![!0u64; nb];
        let mut mv = vec![0u64; nb];
        let mut score: Vec<usize> = (0..nb).map(|b| b * WORD + self.rows(b)).collect();
        if score[nb - 1] <= distance {
            return Some(0);
        }
        for (j, &c) in text.iter().enumerate() {
            // The top row costs one per text byte consumed: the start is fixed.
            let mut hout = 1i32;
            for b in 0..nb {
                hout = advance(&mut pv[b], &mut mv[b], self.eq(b, c), hout, self.high(b));
                score[b] = apply(score[b], hout);
            }
            if score[nb - 1] <= distance {
                return Some(j + 1);
            }
        }
        None
    }
}

/// Keeps the ends at the smallest distance seen, tightening the budget to it.
fn record(best: &mut Option<Ends>, k: &mut usize, score: usize, end: usize, max_ends: usize) {
    if score > *k {
        return;
    }
    match best {
        Some(found) if found.distance == score => {
            if found.ends.len() < max_ends {
                found.ends.push(end);
            }
        }
        Some(found) if found.distance < score => {}
        _ => {
            *best = Some(Ends {
                distance: score,
                ends: vec![end],
            });
            *k = score;
        }
    }
}

fn apply(score: usize, delta: i32) -> usize {
    match delta {
        1 => score + 1,
        -1 => score.saturating_sub(1),
        _ => score,
    }
}

/// Advances one block by one text byte (Myers' step with Hyyrö's carry in and out).
///
/// `hin` is the horizontal delta entering the block's top row; the return value is the delta
/// leaving its `high` row.
#[inline(always)]
fn advance(pv: &mut u64, mv: &mut u64, eq: u64, hin: i32, high: u64) -> i32 {
    let p = *pv;
    let m = *mv;
    let hin_neg = u64::from(hin < 0);
    let xv = eq | m;
    let eq = eq | hin_neg;
    let xh = ((eq & p).wrapping_add(p) ^ p) | eq;
    let mut ph = m | !(xh | p);
    let mut mh = p & xh;
    let hout = if ph & high != 0 {
        1
    } else if mh & high != 0 {
        -1
    } else {
        0
    };
    ph <<= 1;
    mh <<= 1;
    mh |= hin_neg;
    ph |= u64::from(hin > 0);
    *pv = mh | !(xv | ph);
    *mv = ph & xv;
    hout
}

/// The obviously correct O(n·m) dynamic programme behind the tests: the smallest semi-global
/// distance of `pattern` in `text`.
#[cfg(test)]
pub(crate) fn naive_distance(pattern: &[u8], text: &[u8]) -> usize {
    let m = pattern.len();
    let mut col: Vec<usize> = (0..=m).collect();
    let mut best = col[m];
    for &c in text {
        let mut diag = col[0];
        col[0] = 0;
        for i in 1..=m {
            let up = col[i];
            let cost = usize::from(pattern[i - 1] != c);
            col[i] = (diag + cost).min(up + 1).min(col[i - 1] + 1);
            diag = up;
        }
        best = best.min(col[m]);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn finds_exact_and_one_edit_matches() {
        let p = Pattern::new(b"distillation");
        let found = p.search(b"xx distilation yy", 3, 8);
        assert_eq!(found.map(|e| e.distance), Some(1));
        let found = p.search(b"a distillation b distillation", 3, 8);
        assert_eq!(found.map(|e| e.ends), Some(vec![14, 29]));
    }

    #[test]
    fn reports_none_beyond_budget() {
        let p = Pattern::new(b"abcdefgh");
        assert_eq!(p.search(b"zzzzzzzzzzzz", 2, 8), None);
    }

    #[test]
    fn shortest_prefix_prefers_shorter() {
        let p = Pattern::reversed(b"abc");
        // Reversed text of "xabc" ending at 4 is "cbax": prefix of 3 bytes.
        assert_eq!(p.shortest_prefix(b"cbax", 0), Some(3));
    }

    fn bytes_from(alphabet: &'static [u8]) -> impl Strategy<Value = Vec<u8>> {
        prop::collection::vec(prop::sample::select(alphabet), 0..40)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn best_distance_equals_naive_oracle(
            pattern in prop::collection::vec(prop::sample::select(&b"abcd"[..]), 1..200),
            text in prop::collection::vec(prop::sample::select(&b"abcd"[..]), 0..400),
        ) {
            let expected = naive_distance(&pattern, &text);
            let p = Pattern::new(&pattern);
            let found = p.search(&text, pattern.len(), 4).map(|e| e.distance);
            prop_assert_eq!(found, Some(expected));
        }

        #[test]
        fn cut_off_keeps_every_match_within_budget(
            pattern in prop::collection::vec(prop::sample::select(&b"ab c"[..]), 1..160),
            text in prop::collection::vec(prop::sample::select(&b"ab c"[..]), 0..300),
            budget_percent in 0usize..60,
        ) {
            let expected = naive_distance(&pattern, &text);
            let k = pattern.len() * budget_percent / 100;
            let p = Pattern::new(&pattern);
            let found = p.search(&text, k, 4).map(|e| e.distance);
            let want = (expected <= k).then_some(expected);
            prop_assert_eq!(found, want);
        }

        #[test]
        fn global_distance_equals_naive_oracle(
            pattern in prop::collection::vec(prop::sample::select(&b"abc "[..]), 0..200),
            text in prop::collection::vec(prop::sample::select(&b"abc "[..]), 0..200),
        ) {
            let expected = crate::naive_distance::levenshtein(&pattern, &text);
            prop_assert_eq!(Pattern::new(&pattern).global_distance(&text), expected);
        }

        #[test]
        fn every_reported_end_has_the_best_distance(
            pattern in bytes_from(b"xyz"),
            text in bytes_from(b"xyz"),
        ) {
            prop_assume!(!pattern.is_empty());
            let p = Pattern::new(&pattern);
            if let Some(found) = p.search(&text, pattern.len(), 1000) {
                for &end in &found.ends {
                    // Some start gives that distance: the anchored reverse search proves it.
                    let rev: Vec<u8> = text[..end].iter().rev().copied().collect();
                    let start = Pattern::reversed(&pattern).shortest_prefix(&rev, found.distance);
                    prop_assert!(start.is_some());
                }
            }
        }
    }
}
