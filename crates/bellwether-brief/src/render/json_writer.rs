//! Writing JSON straight into a `fmt::Write`, laid out byte for byte as serde_json's compact
//! and pretty formatters lay it out, with long strings streamed in rather than held whole.

use std::fmt;

use crate::byte_scan::find_byte;
use crate::escape::BlockEscaper;

/// Writes one JSON document: objects, arrays and strings, compact or indented by two spaces.
///
/// Callers keep the nesting right; the writer keeps the commas, colons and indentation.
pub(crate) struct JsonWriter<'a, W: ?Sized> {
    out: &'a mut W,
    pretty: bool,
    depth: usize,
    /// Whether the container being written has no member yet.
    empty: bool,
}

impl<'a, W: fmt::Write + ?Sized> JsonWriter<'a, W> {
    /// A writer into `out`, indented when `pretty`.
    pub(crate) fn new(out: &'a mut W, pretty: bool) -> Self {
        JsonWriter {
            out,
            pretty,
            depth: 0,
            empty: true,
        }
    }

    fn newline(&mut self) -> fmt::Result {
        self.out.write_char('\n')?;
        for _ in 0..self.depth {
            self.out.write_str("  ")?;
        }
        Ok(())
    }

    /// Starts a member of the current container: the comma and the indentation.
    fn next_member(&mut self) -> fmt::Result {
        if !self.empty {
            self.out.write_char(',')?;
        }
        self.empty = false;
        if self.pretty {
            self.newline()?;
        }
        Ok(())
    }

    fn open(&mut self, bracket: char) -> fmt::Result {
        self.depth += 1;
        self.empty = true;
        self.out.write_char(bracket)
    }

    fn close(&mut self, bracket: char) -> fmt::Result {
        self.depth -= 1;
        if self.pretty && !self.empty {
            self.newline()?;
        }
        // The container closed is a member of its parent, which is so not empty.
        self.empty = false;
        self.out.write_char(bracket)
    }

    /// `{`
    pub(crate) fn begin_object(&mut self) -> fmt::Result {
        self.open('{')
    }

    /// `}`
    pub(crate) fn end_object(&mut self) -> fmt::Result {
        self.close('}')
    }

    /// `[`
    pub(crate) fn begin_array(&mut self) -> fmt::Result {
        self.open('[')
    }

    /// `]`
    pub(crate) fn end_array(&mut self) -> fmt::Result {
        self.close(']')
    }

    /// An object member's key; its value follows.
    pub(crate) fn key(&mut self, key: &str) -> fmt::Result {
        self.next_member()?;
        write_json_string(self.out, key)?;
        self.out.write_str(if self.pretty { ": " } else { ":" })
    }

    /// Marks the start of an array element; its value follows.
    pub(crate) fn element(&mut self) -> fmt::Result {
        self.next_member()
    }

    /// A string value.
    pub(crate) fn string(&mut self, value: &str) -> fmt::Result {
        write_json_string(self.out, value)
    }

    /// A member whose value is the string `value`.
    pub(crate) fn string_member(&mut self, key: &str, value: &str) -> fmt::Result {
        self.key(key)?;
        self.string(value)
    }

    /// A member with a string value, left out when `None` (serde's `skip_serializing_if`).
    pub(crate) fn optional_member(&mut self, key: &str, value: Option<&str>) -> fmt::Result {
        match value {
            Some(value) => self.string_member(key, value),
            None => Ok(()),
        }
    }

    /// A string value written by `write` into a [`BlockEscaper`] that escapes it, so that it is
    /// never held whole; errors are `write`'s.
    pub(crate) fn streamed_string<E: From<fmt::Error>>(
        &mut self,
        write: impl FnOnce(&mut BlockEscaper<'_, W>) -> Result<(), E>,
    ) -> Result<(), E> {
        self.out.write_char('"')?;
        let mut string = BlockEscaper::new(self.out, write_json_escaped::<W>);
        write(&mut string)?;
        string.finish()?;
        Ok(self.out.write_char('"')?)
    }
}

/// Writes `text` as a JSON string, quotes included, escaped as serde_json escapes it.
pub(crate) fn write_json_string(out: &mut (impl fmt::Write + ?Sized), text: &str) -> fmt::Result {
    out.write_char('"')?;
    write_json_escaped(out, text)?;
    out.write_char('"')
}

/// Whether serde_json escapes `byte` in a string: `"`, `\` and the C0 controls.
#[inline(always)]
fn is_json_escaped(byte: u8) -> bool {
    (byte < 0x20) | (byte == b'"') | (byte == b'\\')
}

/// Writes `text` escaped for inside a JSON string: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`,
/// and `\u00xx` (lowercase hex) for the other C0 controls, as serde_json writes them.
fn write_json_escaped<W: fmt::Write + ?Sized>(out: &mut W, text: &str) -> fmt::Result {
    let bytes = text.as_bytes();
    let mut pending = 0;
    while let Some(at) = find_byte(bytes, pending, is_json_escaped) {
        out.write_str(&text[pending..at])?;
        let byte = bytes[at];
        match byte {
            b'"' => out.write_str("\\\"")?,
            b'\\' => out.write_str("\\\\")?,
            0x08 => out.write_str("\\b")?,
            0x0C => out.write_str("\\f")?,
            b'\n' => out.write_str("\\n")?,
            b'\r' => out.write_str("\\r")?,
            b'\t' => out.write_str("\\t")?,
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.write_str("\\u00")?;
                out.write_char(char::from(HEX[usize::from(byte >> 4)]))?;
                out.write_char(char::from(HEX[usize::from(byte & 0xF)]))?;
            }
        }
        pending = at + 1;
    }
    out.write_str(&text[pending..])
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use proptest::prelude::*;
    use serde_json::json;

    use super::*;

    /// `{"a":"x","list":[],"objects":[{"b":"y"},{"c":"z","d":["1","2"]}]}` by the writer.
    fn sample(pretty: bool, long: &str) -> String {
        let mut out = String::new();
        let mut json = JsonWriter::new(&mut out, pretty);
        json.begin_object().unwrap();
        json.string_member("a", "x").unwrap();
        json.key("list").unwrap();
        json.begin_array().unwrap();
        json.end_array().unwrap();
        json.optional_member("skipped", None).unwrap();
        json.key("objects").unwrap();
        json.begin_array().unwrap();
        json.element().unwrap();
        json.begin_object().unwrap();
        json.string_member("b", "y").unwrap();
        json.end_object().unwrap();
        json.element().unwrap();
        json.begin_object().unwrap();
        json.key("c").unwrap();
        json.streamed_string(|w| w.write_str(long)).unwrap();
        json.key("d").unwrap();
        json.begin_array().unwrap();
        for n in ["1", "2"] {
            json.element().unwrap();
            json.string(n).unwrap();
        }
        json.end_array().unwrap();
        json.end_object().unwrap();
        json.end_array().unwrap();
        json.end_object().unwrap();
        out
    }

    #[test]
    fn lays_out_as_serde_json_does() {
        let long = "z\"\\\n".repeat(10_000);
        let value = json!({
            "a": "x",
            "list": [],
            "objects": [{"b": "y"}, {"c": long, "d": ["1", "2"]}],
        });
        assert_eq!(sample(false, &long), serde_json::to_string(&value).unwrap());
        assert_eq!(
            sample(true, &long),
            serde_json::to_string_pretty(&value).unwrap()
        );
    }

    proptest! {
        #[test]
        fn escapes_strings_as_serde_json_does(text in any::<String>()) {
            let mut out = String::new();
            write_json_string(&mut out, &text).unwrap();
            prop_assert_eq!(out, serde_json::to_string(&text).unwrap());
        }
    }
}
