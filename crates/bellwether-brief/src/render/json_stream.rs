//! Streaming serde_json output into any `fmt::Write`, in blocks, without one buffer of the
//! whole text.

use std::fmt;
use std::io;

use serde::Serialize;

use crate::RenderError;

/// Serialises `doc` as JSON (indented when `pretty`) into `out`, then a line feed.
///
/// # Errors
///
/// [`RenderError::Write`] if `out` fails, [`RenderError::Json`] if serialisation fails.
pub(crate) fn write_json<T: Serialize + ?Sized, W: fmt::Write + ?Sized>(
    doc: &T,
    pretty: bool,
    out: &mut W,
) -> Result<(), RenderError> {
    let mut sink = Utf8Sink::new(&mut *out);
    let result = if pretty {
        serde_json::to_writer_pretty(&mut sink, doc)
    } else {
        serde_json::to_writer(&mut sink, doc)
    };
    if let Err(err) = result {
        return Err(sink.error(err));
    }
    sink.finish()?;
    Ok(out.write_char('\n')?)
}

/// Adapts a `fmt::Write` to the `io::Write` serde_json writes to. It gathers
/// serde_json's many small writes into blocks, checks each block is UTF-8 and passes
/// it on, carrying a character split at a block's end over to the next.
struct Utf8Sink<'a, W: ?Sized> {
    out: &'a mut W,
    pending: Vec<u8>,
    failed: bool,
}

/// The block size passed on to the writer.
const BLOCK: usize = 16 * 1024;

impl<'a, W: fmt::Write + ?Sized> Utf8Sink<'a, W> {
    fn new(out: &'a mut W) -> Self {
        Utf8Sink {
            out,
            pending: Vec::with_capacity(BLOCK),
            failed: false,
        }
    }

    /// Passes on the complete characters gathered so far; an incomplete one at the end
    /// stays pending.
    fn pass_on(&mut self) -> io::Result<()> {
        let (text, valid) = match std::str::from_utf8(&self.pending) {
            Ok(text) => (text, text.len()),
            // The block ends inside a character: pass on what comes before it.
            Err(err) if err.error_len().is_none() => {
                let valid = err.valid_up_to();
                let text = std::str::from_utf8(&self.pending[..valid]).map_err(io::Error::other)?;
                (text, valid)
            }
            Err(err) => return Err(io::Error::new(io::ErrorKind::InvalidData, err)),
        };
        if self.out.write_str(text).is_err() {
            self.failed = true;
            return Err(io::Error::other("the output writer failed"));
        }
        self.pending.drain(..valid);
        Ok(())
    }

    /// Passes on everything; fails if a character is left incomplete.
    fn finish(mut self) -> Result<(), RenderError> {
        self.pass_on().map_err(|err| self.error(err))?;
        if self.pending.is_empty() {
            Ok(())
        } else {
            Err(RenderError::Json {
                source: "the serializer ended inside a UTF-8 character".into(),
            })
        }
    }

    fn error(&self, err: impl std::error::Error + Send + Sync + 'static) -> RenderError {
        if self.failed {
            RenderError::Write(fmt::Error)
        } else {
            RenderError::Json {
                source: Box::new(err),
            }
        }
    }
}

impl<W: fmt::Write + ?Sized> io::Write for Utf8Sink<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if self.pending.len() >= BLOCK {
            self.pass_on()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use super::*;

    #[test]
    fn a_character_split_across_blocks_arrives_whole() {
        let mut out = String::new();
        let mut sink = Utf8Sink::new(&mut out);
        let bytes = "a—b".as_bytes();
        sink.write_all(&bytes[..2]).unwrap();
        sink.pass_on().unwrap();
        assert_eq!(sink.pending, bytes[1..2]);
        sink.write_all(&bytes[2..]).unwrap();
        sink.finish().unwrap();
        assert_eq!(out, "a—b");
    }

    #[test]
    fn invalid_or_unfinished_utf8_is_an_error() {
        let mut out = String::new();
        let mut sink = Utf8Sink::new(&mut out);
        sink.write_all(b"ok\xFFno").unwrap();
        assert!(sink.pass_on().is_err());
        let mut sink = Utf8Sink::new(&mut out);
        sink.write_all(&"a—".as_bytes()[..2]).unwrap();
        assert!(matches!(sink.finish(), Err(RenderError::Json { .. })));
    }
}
