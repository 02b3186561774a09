//! Finding the next byte of interest in a text a block at a time.
//!
//! The escapers and the anchor search spend most of their time skipping bytes that need
//! nothing. Testing a whole block with a predicate made of comparisons and no early exit lets
//! the compiler use vector instructions; only a block that holds a byte of interest is looked
//! at byte by byte.

/// The bytes tested together.
const BLOCK: usize = 16;

/// The offset of the first byte at or after `from` in `bytes` for which `wanted` holds.
///
/// `wanted` should be a few comparisons (no table lookups, no branches) so that the block test
/// vectorises; it is called on every byte of a block that is skipped.
#[inline(always)]
pub(crate) fn find_byte(bytes: &[u8], from: usize, wanted: impl Fn(u8) -> bool) -> Option<usize> {
    let mut at = from;
    while let Some(block) = bytes.get(at..).and_then(<[u8]>::first_chunk::<BLOCK>) {
        if block.iter().fold(false, |any, &b| any | wanted(b)) {
            break;
        }
        at += BLOCK;
    }
    bytes
        .get(at..)?
        .iter()
        .position(|&b| wanted(b))
        .map(|offset| at + offset)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn finds_what_a_byte_by_byte_search_finds(
            bytes in proptest::collection::vec(prop_oneof![Just(b'a'), Just(b'<'), any::<u8>()], 0..80),
            from in 0usize..90,
        ) {
            let wanted = |b: u8| b == b'<' || b >= 0xF0;
            let expected = bytes
                .iter()
                .enumerate()
                .skip(from)
                .find(|&(_, &b)| wanted(b))
                .map(|(offset, _)| offset);
            prop_assert_eq!(find_byte(&bytes, from, wanted), expected);
        }
    }
}
