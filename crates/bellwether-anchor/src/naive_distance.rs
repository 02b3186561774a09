//! Test oracle: the textbook Levenshtein distance, against which the bit-parallel and banded
//! distances are checked.

/// The Levenshtein distance between `a` and `b` by the two-row dynamic programme: O(|a|·|b|)
/// time, obviously correct, only for tests.
pub(crate) fn levenshtein(a: &[u8], b: &[u8]) -> usize {
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
