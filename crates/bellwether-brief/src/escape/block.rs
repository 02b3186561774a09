//! A writer that gathers many small writes and escapes them a block at a time.
//!
//! Rendered markup arrives in pieces of a few bytes; scanning each piece on its own for the
//! bytes to escape costs more than the scan. Gathering them into blocks lets the escaper skip
//! long runs at once (see [`find_byte`](crate::byte_scan::find_byte)).

use std::fmt;

/// How much text [`BlockEscaper`] gathers before escaping it.
const BLOCK: usize = 16 * 1024;

/// Escapes everything written through it into `out` with `escape`, a block at a time. Call
/// [`BlockEscaper::finish`] to write the last block.
pub(crate) struct BlockEscaper<'a, W: ?Sized> {
    out: &'a mut W,
    block: String,
    escape: fn(&mut W, &str) -> fmt::Result,
}

impl<'a, W: fmt::Write + ?Sized> BlockEscaper<'a, W> {
    /// A writer escaping into `out` with `escape`, which must escape any split of a text as
    /// it escapes the whole (true of escapers that replace single ASCII bytes).
    pub(crate) fn new(out: &'a mut W, escape: fn(&mut W, &str) -> fmt::Result) -> Self {
        BlockEscaper {
            out,
            block: String::with_capacity(BLOCK + 256),
            escape,
        }
    }

    /// Escapes and writes what is gathered.
    pub(crate) fn finish(mut self) -> fmt::Result {
        self.pass_on()
    }

    fn pass_on(&mut self) -> fmt::Result {
        (self.escape)(self.out, &self.block)?;
        self.block.clear();
        Ok(())
    }
}

impl<W: fmt::Write + ?Sized> fmt::Write for BlockEscaper<'_, W> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.block.push_str(text);
        if self.block.len() >= BLOCK {
            self.pass_on()?;
        }
        Ok(())
    }
}

impl<W: ?Sized> fmt::Debug for BlockEscaper<'_, W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BlockEscaper")
            .field("gathered", &self.block.len())
            .finish_non_exhaustive()
    }
}
