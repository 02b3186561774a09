//! Escaping text for HTML and XML (Atom): element content and quoted attribute values alike.

use std::fmt;

use super::block::BlockEscaper;
use super::chars::{is_suspect_byte, write_cleaned};
use crate::byte_scan::find_byte;

/// Text that displays as HTML or XML element content: unsafe characters dropped (see
/// [`strip_unsafe_chars`](super::chars::strip_unsafe_chars)), then `&`, `<` and `>` written as
/// character references, in one pass.
///
/// The output is well-formed XML 1.0 character data too (`>` is escaped so that `]]>` cannot
/// appear), so one escaper serves the HTML renderers and the Atom feed. For attribute values
/// use [`MarkupAttr`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct MarkupText<'a>(pub(crate) &'a str);

impl fmt::Display for MarkupText<'_> {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_markup_text(out, self.0)
    }
}

/// Writes `text` as [`MarkupText`] displays it, without going through `fmt::Display`.
pub(crate) fn write_markup_text(out: &mut (impl fmt::Write + ?Sized), text: &str) -> fmt::Result {
    write_cleaned(
        out,
        text,
        |b| is_markup_byte(b) | is_suspect_byte(b),
        |byte| match byte {
            b'&' => Some("&amp;"),
            b'<' => Some("&lt;"),
            b'>' => Some("&gt;"),
            _ => None,
        },
    )
}

/// Writes `text` as [`MarkupAttr`] displays it, without going through `fmt::Display`.
pub(crate) fn write_markup_attr(out: &mut (impl fmt::Write + ?Sized), text: &str) -> fmt::Result {
    write_cleaned(
        out,
        text,
        |b| is_markup_byte(b) | (b == b'"') | is_suspect_byte(b),
        |byte| match byte {
            b'&' => Some("&amp;"),
            b'<' => Some("&lt;"),
            b'>' => Some("&gt;"),
            b'"' => Some("&quot;"),
            _ => None,
        },
    )
}

/// `&`, `<` and `>`: the bytes escaped everywhere in HTML and XML character data.
#[inline(always)]
fn is_markup_byte(byte: u8) -> bool {
    (byte == b'&') | (byte == b'<') | (byte == b'>')
}

/// A writer that escapes `&`, `<` and `>` in everything written through it, to embed markup
/// that is already clean (such as a rendered HTML fragment) as XML character data without
/// building it as a string first. Call [`BlockEscaper::finish`] when done.
pub(crate) fn escaping_writer<W: fmt::Write + ?Sized>(out: &mut W) -> BlockEscaper<'_, W> {
    BlockEscaper::new(out, write_markup_escaped::<W>)
}

/// Writes `text` with `&`, `<` and `>` as character references (and nothing else changed).
fn write_markup_escaped<W: fmt::Write + ?Sized>(out: &mut W, text: &str) -> fmt::Result {
    let bytes = text.as_bytes();
    let mut pending = 0;
    while let Some(at) = find_byte(bytes, pending, is_markup_byte) {
        out.write_str(&text[pending..at])?;
        out.write_str(match bytes[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            _ => "&gt;",
        })?;
        pending = at + 1;
    }
    out.write_str(&text[pending..])
}

/// Text for a double-quoted HTML or XML attribute value: as [`MarkupText`], and `"` written as
/// `&quot;` so that the value cannot end early.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MarkupAttr<'a>(pub(crate) &'a str);

impl fmt::Display for MarkupAttr<'_> {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_markup_attr(out, self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::escape::strip_unsafe_chars;
    use proptest::prelude::*;
    use scraper::{Html, Selector};

    #[test]
    fn escapes_markup_characters() {
        assert_eq!(
            MarkupText(r#"<a href="x" onclick='y'>&amp;</a>"#).to_string(),
            r#"&lt;a href="x" onclick='y'&gt;&amp;amp;&lt;/a&gt;"#
        );
        assert_eq!(
            MarkupAttr(r#""><script>"#).to_string(),
            "&quot;&gt;&lt;script&gt;"
        );
    }

    #[test]
    fn leaves_plain_unicode_alone() {
        assert_eq!(
            MarkupText("‘industrial-scale’ — 中文 🙂").to_string(),
            "‘industrial-scale’ — 中文 🙂"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Parsed back by an HTML5 parser, the escaped text is one text node equal to the
        /// cleaned input, in content and in attributes, with no parse error.
        #[test]
        fn parses_back_to_the_cleaned_text(text in any::<String>()) {
            let page = format!(
                "<!DOCTYPE html><html><head><title>t</title></head><body><p title=\"{0}\">{1}</p></body></html>",
                MarkupAttr(&text),
                MarkupText(&text)
            );
            let document = Html::parse_document(&page);
            prop_assert!(document.errors.is_empty(), "{:?}", document.errors);
            let selector = Selector::parse("body > p").map_err(|e| TestCaseError::fail(e.to_string()))?;
            let paragraphs: Vec<_> = document.select(&selector).collect();
            prop_assert_eq!(paragraphs.len(), 1);
            let paragraph = paragraphs[0];
            prop_assert_eq!(paragraph.children().count(), usize::from(!text_is_empty(&text)));
            let expected = strip_unsafe_chars(&text);
            prop_assert_eq!(paragraph.text().collect::<String>(), expected.as_ref());
            prop_assert_eq!(paragraph.value().attr("title"), Some(expected.as_ref()));
            prop_assert_eq!(paragraph.value().attrs().count(), 1);
        }

        /// Parsed back by a strict XML parser, the escaped text is well-formed and equal to the
        /// cleaned input.
        #[test]
        fn is_well_formed_xml(text in any::<String>()) {
            let xml = format!("<e a=\"{0}\">{1}</e>", MarkupAttr(&text), MarkupText(&text));
            let document = roxmltree::Document::parse(&xml).map_err(|e| TestCaseError::fail(e.to_string()))?;
            // XML parsers normalise line ends and attribute whitespace; the text is the oracle.
            let expected = strip_unsafe_chars(&text);
            prop_assert_eq!(document.root_element().text().unwrap_or(""), expected.as_ref());
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// The one-pass escapers write exactly what cleaning the text and then escaping it with
        /// the `html-escape` crate writes.
        #[test]
        fn matches_cleaning_then_escaping_with_html_escape(text in prop_oneof![
            "[a-z<>&\"' \r\n\t\x00\x7f\u{85}\u{202E}\u{2066}\u{FDD0}\u{FFFF}—‘’]{0,40}",
            any::<String>(),
        ]) {
            let cleaned = strip_unsafe_chars(&text);
            prop_assert_eq!(MarkupText(&text).to_string(), html_escape::encode_text(cleaned.as_ref()));
            prop_assert_eq!(
                MarkupAttr(&text).to_string(),
                html_escape::encode_double_quoted_attribute(cleaned.as_ref())
            );
        }

        /// Escaping through the writer, in any chunks, equals escaping the whole text.
        #[test]
        fn escaping_writer_matches_the_escaper(
            piece in "[a-z<>&\"' ]{0,40}",
            repeat in prop_oneof![Just(1usize), 400usize..1200],
            cut in 0usize..40,
        ) {
            // Long enough, sometimes, to cross the writer's blocks.
            let text = piece.repeat(repeat);
            let cut = cut.min(text.len());
            let mut out = String::new();
            let mut writer = escaping_writer(&mut out);
            fmt::Write::write_str(&mut writer, &text[..cut]).map_err(|e| TestCaseError::fail(e.to_string()))?;
            fmt::Write::write_str(&mut writer, &text[cut..]).map_err(|e| TestCaseError::fail(e.to_string()))?;
            writer.finish().map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(out, MarkupText(&text).to_string());
        }
    }

    fn text_is_empty(text: &str) -> bool {
        strip_unsafe_chars(text).is_empty()
    }
}
