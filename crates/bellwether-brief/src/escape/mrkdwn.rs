//! Slack's `mrkdwn`: text that cannot become a mention, a link or a channel reference, written
//! within a length limit.
//!
//! Slack reads `<…>` as a link, a user or group mention (`<@U…>`, `<!subteam^…>`), a channel
//! (`<#C…>`) or a broadcast (`<!channel>`, `<!here>`, `<!everyone>`), and asks that `&`, `<` and
//! `>` in text be written `&amp;`, `&lt;` and `&gt;`. With those escaped, no text can open any of
//! them; the renderer also sets `verbatim: true` on every text object, so that Slack does not
//! turn bare `@here`, `#channel` or URLs in the text into mentions and links either. Slack has
//! no escape for its emphasis characters (`*`, `_`, `~`, `` ` ``); in text they can at worst
//! change how a span is emphasised, never add a link, a mention or a block.

use crate::escape::strip_unsafe_chars;

/// A `mrkdwn` text being written, at most `limit` UTF-16 code units long (Slack counts
/// characters; counting UTF-16 units never counts fewer). Past the limit it ends with `…` and
/// takes nothing more: it is cut between characters and never inside an entity.
#[derive(Debug, Clone)]
pub(crate) struct Mrkdwn {
    text: String,
    units: usize,
    limit: usize,
    cut: bool,
}

/// The mark that ends a cut text.
const ELLIPSIS: char = '…';

impl Mrkdwn {
    /// An empty text of at most `limit` UTF-16 units (at least 1).
    pub(crate) fn new(limit: usize) -> Mrkdwn {
        Mrkdwn {
            text: String::new(),
            units: 0,
            limit: limit.max(1),
            cut: false,
        }
    }

    /// Appends markup the renderer wrote (`*`, `_`, `\n`, `>`): counted, not escaped. Markup
    /// that does not fit whole is left out, and the text is cut.
    pub(crate) fn markup(&mut self, markup: &str) {
        if self.cut {
            return;
        }
        let units: usize = markup.chars().map(char::len_utf16).sum();
        if self.units + units + 1 > self.limit {
            self.end();
        } else {
            self.text.push_str(markup);
            self.units += units;
        }
    }

    /// Appends `text` escaped: control and bidirectional characters dropped, `&`, `<`, `>`
    /// written as entities. What does not fit is cut, with `…`.
    pub(crate) fn text(&mut self, text: &str) {
        for c in strip_unsafe_chars(text).chars() {
            if self.cut {
                return;
            }
            let entity = match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => "",
            };
            let units = if entity.is_empty() {
                c.len_utf16()
            } else {
                entity.len()
            };
            // Keep room for the ellipsis.
            if self.units + units + 1 > self.limit {
                self.end();
                return;
            }
            if entity.is_empty() {
                self.text.push(c);
            } else {
                self.text.push_str(entity);
            }
            self.units += units;
        }
    }

    /// Appends a link `<url|label>` to `url`, which must be a [`SafeUrl`](crate::SafeUrl)
    /// target; a URL holding `|`, `<` or `>` (which a safe URL never does) is dropped and only
    /// the label written. The link is written whole or not at all.
    pub(crate) fn link(&mut self, url: &str, label: &str) {
        if self.cut {
            return;
        }
        if url.contains(['|', '<', '>']) || url.chars().any(char::is_whitespace) {
            self.text(label);
            return;
        }
        let mut link = Mrkdwn::new(self.limit - self.units);
        link.markup("<");
        link.markup(&url.replace('&', "&amp;"));
        link.markup("|");
        link.text(label);
        link.markup(">");
        if link.cut {
            self.text(label);
        } else {
            self.text.push_str(&link.text);
            self.units += link.units;
        }
    }

    fn end(&mut self) {
        self.text.push(ELLIPSIS);
        self.units += 1;
        self.cut = true;
    }

    /// The text.
    pub(crate) fn into_string(self) -> String {
        self.text
    }
}

/// `text` as one escaped `mrkdwn` string of at most `limit` UTF-16 units.
pub(crate) fn mrkdwn_text(text: &str, limit: usize) -> String {
    let mut out = Mrkdwn::new(limit);
    out.text(text);
    out.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn units(text: &str) -> usize {
        text.encode_utf16().count()
    }

    #[test]
    fn mentions_broadcasts_channels_and_links_are_written_as_text() {
        for hostile in [
            "<!channel>",
            "<!here|here>",
            "<!everyone>",
            "<@U024BE7LH>",
            "<!subteam^SAZ94GDB8>",
            "<#C024BE7LR>",
            "<https://evil.example|click>",
            "a & b < c > d",
            "&lt;!channel&gt;",
        ] {
            let escaped = mrkdwn_text(hostile, 3000);
            assert!(!escaped.contains(['<', '>']), "{escaped}");
            // Every `&` opens one of the three entities the escaping writes.
            for (at, _) in escaped.match_indices('&') {
                let rest = &escaped[at..];
                assert!(
                    ["&amp;", "&lt;", "&gt;"]
                        .iter()
                        .any(|e| rest.starts_with(e)),
                    "{escaped}"
                );
            }
        }
        assert_eq!(
            mrkdwn_text("<!channel> & co", 100),
            "&lt;!channel&gt; &amp; co"
        );
    }

    #[test]
    fn a_text_past_its_limit_is_cut_with_an_ellipsis_never_inside_an_entity() {
        assert_eq!(mrkdwn_text("abcdef", 4), "abc…");
        assert_eq!(mrkdwn_text("ab&cd", 6), "ab…");
        assert_eq!(mrkdwn_text("ab&cd", 8), "ab&amp;…");
        assert_eq!(mrkdwn_text("ab", 3), "ab");
        // An astral character counts two UTF-16 units.
        assert_eq!(mrkdwn_text("😀😀", 4), "😀…");
    }

    #[test]
    fn an_unsafe_url_is_not_linked() {
        let mut out = Mrkdwn::new(100);
        out.link("https://a.example/x|y", "title");
        assert_eq!(out.into_string(), "title");
        let mut out = Mrkdwn::new(100);
        out.link("https://a.example/?a=1&b=2", "t<i>");
        assert_eq!(
            out.into_string(),
            "<https://a.example/?a=1&amp;b=2|t&lt;i&gt;>"
        );
    }

    #[test]
    fn a_link_that_does_not_fit_leaves_its_label() {
        let mut out = Mrkdwn::new(12);
        out.link("https://a.example/long/path", "label");
        assert_eq!(out.into_string(), "label");
    }

    proptest! {
        #[test]
        fn escaped_text_never_holds_an_angle_bracket_and_keeps_its_limit(
            text in "\\PC{0,300}", limit in 1usize..400,
        ) {
            let escaped = mrkdwn_text(&text, limit);
            prop_assert!(!escaped.contains(['<', '>']));
            prop_assert!(units(&escaped) <= limit);
            // Unescaped, it is a prefix of the cleaned text (plus the ellipsis when cut).
            let plain = escaped.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
            let plain = plain.strip_suffix(ELLIPSIS).unwrap_or(&plain);
            let cleaned = strip_unsafe_chars(&text);
            prop_assert!(cleaned.starts_with(plain), "{:?} {:?}", cleaned, plain);
        }
    }
}
