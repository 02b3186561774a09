//! Escaping text for Markdown (CommonMark, GFM and the common extensions) so that no input can
//! become markup: no emphasis, links, autolinks, raw HTML, entity references, headings, lists,
//! block quotes, code, tables, footnotes, math or emoji short codes.

use std::fmt;

use super::chars::strip_unsafe_chars;

/// One line of Markdown that displays exactly as the given text, runs of ASCII whitespace (line
/// breaks included) collapsed to one space and the ends trimmed.
///
/// Safe at the start of a line, in a paragraph, heading, block quote, list item, link text or
/// strong emphasis: every ASCII punctuation character that can open or close markup anywhere is
/// backslash-escaped, and so is punctuation that only matters at the start of a line (`-`, `+`,
/// `1.` …) or before a link-like tail (`://`, `www.`, `:shortcode:`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct MarkdownText<'a>(pub(crate) &'a str);

impl fmt::Display for MarkdownText<'_> {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_markdown_line(out, &strip_unsafe_chars(self.0), true)
    }
}

/// Writes `text` as Markdown paragraphs: blank lines in the text separate paragraphs, every
/// paragraph is one escaped line (see [`MarkdownText`]) and each output line starts with
/// `line_prefix` (e.g. `"> "` inside a block quote).
pub(crate) fn write_markdown_paragraphs(
    out: &mut (impl fmt::Write + ?Sized),
    text: &str,
    line_prefix: &str,
) -> fmt::Result {
    let cleaned = strip_unsafe_chars(text);
    let mut first = true;
    for paragraph in split_paragraphs(&cleaned) {
        if !first {
            out.write_str(line_prefix.trim_end())?;
            out.write_char('\n')?;
        }
        first = false;
        out.write_str(line_prefix)?;
        write_markdown_line(out, paragraph, true)?;
        out.write_char('\n')?;
    }
    Ok(())
}

/// Writes a run of inline text, escaped as in [`MarkdownText`], that sits between other inline
/// pieces (an anchor in strong emphasis, a link): whitespace runs collapse to one space but, unlike
/// [`MarkdownText`], a leading or trailing one is kept (a leading one is dropped at the start of a
/// line, where it would be indentation). `at_line_start` adds the rules for the start of a line.
pub(crate) fn write_markdown_run(
    out: &mut (impl fmt::Write + ?Sized),
    text: &str,
    at_line_start: bool,
) -> fmt::Result {
    let cleaned = strip_unsafe_chars(text);
    let starts_blank = cleaned.starts_with(|c: char| c.is_ascii_whitespace());
    let ends_blank = cleaned.ends_with(|c: char| c.is_ascii_whitespace());
    if starts_blank && !at_line_start {
        out.write_char(' ')?;
    }
    if cleaned.trim_ascii().is_empty() {
        return Ok(());
    }
    write_markdown_line(out, &cleaned, at_line_start)?;
    if ends_blank {
        out.write_char(' ')?;
    }
    Ok(())
}

/// The non-blank paragraphs of `text`, separated by lines holding only whitespace.
pub(crate) fn split_paragraphs(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        loop {
            if rest.is_empty() {
                return None;
            }
            let end = paragraph_end(rest);
            let (paragraph, tail) = rest.split_at(end);
            rest = tail.trim_ascii_start();
            if !paragraph.trim_ascii().is_empty() {
                return Some(paragraph);
            }
        }
    })
}

/// Byte offset where the first paragraph of `text` ends: the start of its first blank line.
fn paragraph_end(text: &str) -> usize {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if offset > 0 && line.trim_ascii().is_empty() {
            return offset;
        }
        offset += line.len();
    }
    text.len()
}

/// Characters escaped wherever they appear: each opens or closes markup somewhere mid-line in
/// CommonMark, GFM or a widespread extension (math `$`, super/subscript `^`/`~`, highlight `==`,
/// heading attributes `{}`, mentions `@`, issue references `#`).
const fn is_always_escaped(byte: u8) -> bool {
    matches!(
        byte,
        b'\\'
            | b'`'
            | b'*'
            | b'_'
            | b'['
            | b']'
            | b'<'
            | b'>'
            | b'&'
            | b'|'
            | b'~'
            | b'#'
            | b'@'
            | b'{'
            | b'}'
            | b'$'
            | b'^'
            | b'='
            | b'!'
            | b'+'
    )
}

/// The bytes [`write_markdown_line`] must look at: whitespace, everything
/// [`is_always_escaped`], and `-`, `:`, `.`, `)` (escaped by context; digits matter only as a
/// list marker, which is found separately).
static NOTABLE_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_whitespace()
            || is_always_escaped(b)
            || matches!(b, b'-' | b':' | b'.' | b')');
        byte += 1;
    }
    table
};

/// Writes the cleaned `text` as escaped Markdown on one line, every run of ASCII whitespace
/// written as one space and the ends trimmed; `at_line_start` adds the rules for the start of
/// a line to the first word.
///
/// One pass over the bytes, writing unchanged stretches whole: every character that is escaped
/// is ASCII, and an ASCII byte in UTF-8 is always a whole character.
fn write_markdown_line(
    out: &mut (impl fmt::Write + ?Sized),
    text: &str,
    at_line_start: bool,
) -> fmt::Result {
    let text = text.trim_ascii();
    let bytes = text.as_bytes();
    // An ordered-list marker is up to nine digits followed by `.` or `)`.
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let list_marker_end = (at_line_start && (1..=9).contains(&digits)).then_some(digits);
    let mut pending = 0;
    let mut index = 0;
    // Most prose needs no attention: skip every byte that is not notable, and a single space
    // between words (the commonest notable byte), which is written as it is.
    while index < bytes.len() {
        let byte = bytes[index];
        if !NOTABLE_BYTES[usize::from(byte)]
            || (byte == b' ' && !bytes.get(index + 1).is_some_and(u8::is_ascii_whitespace))
        {
            index += 1;
            continue;
        }
        if byte.is_ascii_whitespace() {
            let run = bytes[index..]
                .iter()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
            out.write_str(&text[pending..index])?;
            out.write_char(' ')?;
            index += run;
            pending = index;
            continue;
        }
        let next = bytes.get(index + 1).copied();
        // A list marker's digits and a `www` before a dot hold no whitespace, so both rules
        // concern the bytes just before `index` alone.
        let escape = is_always_escaped(byte)
            || (at_line_start && index == 0 && matches!(byte, b'-' | b':'))
            || (list_marker_end == Some(index) && matches!(byte, b'.' | b')'))
            || (byte == b':'
                && next.is_some_and(|b| !b.is_ascii_digit() && !b.is_ascii_whitespace()))
            || (byte == b'.' && index >= 3 && bytes[index - 3..index].eq_ignore_ascii_case(b"www"));
        if escape {
            out.write_str(&text[pending..index])?;
            out.write_char('\\')?;
            pending = index;
        }
        index += 1;
    }
    out.write_str(&text[pending..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    /// Every extension pulldown-cmark knows, so that none of them can find markup either.
    /// (Smart punctuation is left out: it changes how quotes look, not what is markup.)
    fn all_extensions() -> Options {
        Options::all() - Options::ENABLE_SMART_PUNCTUATION
    }

    /// The events of `markdown`, with the text run together, or the first non-text event.
    fn text_of_paragraphs(markdown: &str) -> Result<Vec<String>, String> {
        let mut paragraphs = Vec::new();
        let mut current: Option<String> = None;
        for event in Parser::new_ext(markdown, all_extensions()) {
            match event {
                Event::Start(Tag::Paragraph) if current.is_none() => current = Some(String::new()),
                Event::End(TagEnd::Paragraph) => {
                    paragraphs.extend(current.take());
                }
                Event::Text(text) => match current.as_mut() {
                    Some(current) => current.push_str(&text),
                    None => return Err(format!("text outside a paragraph: {text:?}")),
                },
                Event::SoftBreak => match current.as_mut() {
                    Some(current) => current.push(' '),
                    None => return Err("soft break outside a paragraph".to_owned()),
                },
                other => return Err(format!("markup from text: {other:?} in {markdown:?}")),
            }
        }
        Ok(paragraphs)
    }

    fn collapsed(text: &str) -> String {
        strip_unsafe_chars(text)
            .split_ascii_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn escapes_inline_markup() {
        assert_eq!(
            MarkdownText("*a* _b_ [c](d) <e> &amp; `f` ~~g~~").to_string(),
            r"\*a\* \_b\_ \[c\](d) \<e\> \&amp; \`f\` \~\~g\~\~"
        );
    }

    #[test]
    fn escapes_line_start_markers() {
        assert_eq!(MarkdownText("- a").to_string(), r"\- a");
        assert_eq!(MarkdownText("12. a").to_string(), r"12\. a");
        assert_eq!(MarkdownText("3) a").to_string(), r"3\) a");
        assert_eq!(MarkdownText("# a").to_string(), r"\# a");
        assert_eq!(MarkdownText("> a").to_string(), r"\> a");
        assert_eq!(MarkdownText("---").to_string(), r"\---");
        assert_eq!(MarkdownText("    code").to_string(), "code");
    }

    #[test]
    fn leaves_ordinary_prose_readable() {
        let prose = "China-US relations (2026): U.S. allies, 3:45 p.m.; 50% \"of\" it's/its?";
        assert_eq!(MarkdownText(prose).to_string(), prose);
    }

    #[test]
    fn breaks_autolink_literals() {
        assert_eq!(
            MarkdownText("see https://evil.example and www.evil.example or a@b.example")
                .to_string(),
            r"see https\://evil.example and www\.evil.example or a\@b.example"
        );
    }

    #[test]
    fn splits_paragraphs_on_blank_lines() {
        let mut out = String::new();
        write_markdown_paragraphs(&mut out, "one\ntwo\n \n\n- three\n", "> ").unwrap();
        assert_eq!(out, "> one two\n>\n> \\- three\n");
    }

    #[test]
    fn known_payloads_stay_text() {
        for payload in [
            "<script>alert(1)</script>",
            "[x](javascript:alert(1))",
            "![x](https://evil.example/p.png)",
            "<https://evil.example>",
            "&lt;b&gt; &#x3C;",
            "line\n===",
            "line\n---",
            "| a | b |\n|---|---|\n| c | d |",
            "[^1]\n\n[^1]: note",
            "[[wiki]]",
            "$x$ $$y$$",
            "# head {#id .class}",
            "> [!NOTE]\n> alert",
            "```\ncode\n```",
            "~~~\ncode\n~~~",
            "- [ ] task",
            "term\n: definition",
            "\\",
            "a\\",
            "***",
            "_ _ _",
            "1.",
            "+",
        ] {
            let rendered = MarkdownText(payload).to_string();
            let paragraphs = text_of_paragraphs(&rendered).unwrap();
            let expected = collapsed(payload);
            if expected.is_empty() {
                assert!(paragraphs.is_empty());
            } else {
                assert_eq!(paragraphs, vec![expected], "{payload:?} -> {rendered:?}");
            }
        }
    }

    /// The oracle for [`write_markdown_line`]: whitespace collapsed first, then each byte
    /// checked against every rule on its own.
    fn escaped_byte_by_byte(text: &str, at_line_start: bool) -> String {
        let line = text.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
        let bytes = line.as_bytes();
        let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
        let mut out = String::new();
        for (index, c) in line.char_indices() {
            let byte = bytes[index];
            let next = bytes.get(index + 1).copied();
            let escape = is_always_escaped(byte)
                || (at_line_start && index == 0 && matches!(c, '-' | ':'))
                || (at_line_start
                    && (1..=9).contains(&digits)
                    && index == digits
                    && matches!(c, '.' | ')'))
                || (c == ':' && next.is_some_and(|b| !b.is_ascii_digit() && b != b' '))
                || (c == '.' && line[..index].to_ascii_lowercase().ends_with("www"));
            if escape {
                out.push('\\');
            }
            out.push(c);
        }
        out
    }

    fn markdownish() -> impl Strategy<Value = String> {
        // Dense in markup characters so that near-misses are common.
        proptest::string::string_regex(
            r"([-*_\[\]()<>&|~#@{}$^=!+:.`\\/0-9a-zA-Z \n\t'\x22;]|https?://|www\.|&#?[a-z0-9]+;|\u{202E}|\u{0}){0,40}",
        )
        .expect("valid regex")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Parsed with every pulldown-cmark extension on, one escaped line is one paragraph of
        /// plain text equal to the input, whitespace collapsed.
        #[test]
        fn parses_back_to_the_same_text(text in prop_oneof![markdownish(), any::<String>()]) {
            let rendered = MarkdownText(&text).to_string();
            prop_assert!(!rendered.contains('\n'));
            let paragraphs = text_of_paragraphs(&rendered).map_err(TestCaseError::fail)?;
            let expected = collapsed(&text);
            if expected.is_empty() {
                prop_assert!(paragraphs.is_empty());
            } else {
                prop_assert_eq!(paragraphs, vec![expected]);
            }
        }

        /// The same holds after a heading marker, in strong emphasis and in a block quote.
        #[test]
        fn stays_text_in_any_inline_context(text in markdownish()) {
            let expected = collapsed(&text);
            prop_assume!(!expected.is_empty());
            let escaped = MarkdownText(&text).to_string();
            for (markdown, wrapper) in [
                (format!("## {escaped}\n"), Tag::Heading { level: pulldown_cmark::HeadingLevel::H2, id: None, classes: Vec::new(), attrs: Vec::new() }),
                (format!("> {escaped}\n"), Tag::BlockQuote(None)),
            ] {
                let mut texts = String::new();
                for event in Parser::new_ext(&markdown, all_extensions()) {
                    match event {
                        Event::Text(t) => texts.push_str(&t),
                        Event::Start(tag) if tag == wrapper || tag == Tag::Paragraph => {}
                        Event::End(_) => {}
                        other => prop_assert!(false, "markup {other:?} in {markdown:?}"),
                    }
                }
                prop_assert_eq!(&texts, &expected);
            }
        }

        /// The one-pass escaper writes what escaping each byte of the collapsed text by the
        /// rules, one at a time, writes.
        #[test]
        fn escapes_as_the_rules_say_byte_by_byte(
            text in prop_oneof![markdownish(), "[ \t\n0-9.):w-]{0,16}", any::<String>()],
            at_line_start in any::<bool>(),
        ) {
            let mut fast = String::new();
            write_markdown_line(&mut fast, &text, at_line_start).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(fast, escaped_byte_by_byte(&text, at_line_start));
        }

        /// Paragraph splitting keeps every non-blank line's words, in order.
        #[test]
        fn paragraphs_keep_every_word(text in markdownish()) {
            let mut out = String::new();
            write_markdown_paragraphs(&mut out, &text, "").map_err(|e| TestCaseError::fail(e.to_string()))?;
            let paragraphs = text_of_paragraphs(&out).map_err(TestCaseError::fail)?;
            prop_assert_eq!(paragraphs.join(" "), collapsed(&text));
        }
    }
}
