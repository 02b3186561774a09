//! The options renderers share and every check on an option's value, each rule written once:
//! the document layout of the text, Markdown and HTML renderers (with their chained setters),
//! and the language tag, width, feed id, author and feed link checks.

use crate::RenderError;
use crate::safe_url::SafeUrl;

/// How much of a document the text, Markdown and HTML renderers show and where its headings
/// start, as given (checked when rendering).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Layout {
    /// The level of the document's top heading (the masthead, or a page's headline); the
    /// text renderer has no heading levels and ignores it.
    pub(crate) heading_level: u8,
    /// Whether items stop after their headline, change, meta and tag lines.
    pub(crate) headlines_only: bool,
    /// Whether the document starts with the masthead.
    pub(crate) masthead: bool,
}

impl Layout {
    /// Top heading level 1, full items, masthead on.
    pub(crate) const DEFAULT: Layout = Layout {
        heading_level: 1,
        headlines_only: false,
        masthead: true,
    };

    /// Checks the top heading level against what a format allows.
    pub(crate) fn check_heading_level(&self, levels: HeadingLevels) -> Result<(), RenderError> {
        let value = self.heading_level;
        let rule = Rule {
            option: "heading_level",
            expected: levels.expected,
            shown: usize::MAX,
        };
        rule.check(&value.to_string(), (1..=levels.deepest).contains(&value))
    }
}

/// The top heading levels a format allows: from 1 to `deepest` (the deepest a document may
/// start at and still fit its sources' headings within the format's last level).
#[derive(Debug, Clone, Copy)]
pub(crate) struct HeadingLevels {
    pub(crate) deepest: u8,
    /// What the error says is accepted.
    pub(crate) expected: &'static str,
}

/// The chained [`Layout`] setters on a renderer with a `layout: Layout` field:
/// `headlines_only` and `masthead`, and with `heading_level: "1 to 3"` also `heading_level`.
macro_rules! layout_options {
    () => {
        /// Shows only each item's headline, change, meta and tag lines (default off).
        pub fn headlines_only(mut self, on: bool) -> Self {
            self.layout.headlines_only = on;
            self
        }

        /// Whether to start with the masthead (default on).
        pub fn masthead(mut self, on: bool) -> Self {
            self.layout.masthead = on;
            self
        }
    };
    (heading_level: $levels:literal) => {
        #[doc = concat!(
                    "Sets the level of the document's top heading (",
                    $levels,
                    "; checked when rendering), to fit the output under headings of your own."
                )]
        pub fn heading_level(mut self, level: u8) -> Self {
            self.layout.heading_level = level;
            self
        }

        layout_options!();
    };
}
pub(crate) use layout_options;

/// An option value's rule: the option's name, what it accepts, and how many characters of a
/// rejected value the error shows.
struct Rule {
    option: &'static str,
    expected: &'static str,
    shown: usize,
}

impl Rule {
    /// `Ok` when `valid`, else the option's [`RenderError::InvalidOption`] for `value`.
    fn check(&self, value: &str, valid: bool) -> Result<(), RenderError> {
        if valid {
            Ok(())
        } else {
            Err(RenderError::InvalidOption {
                option: self.option,
                value: value.chars().take(self.shown).collect(),
                expected: self.expected,
            })
        }
    }
}

/// The narrowest width the text renderer accepts.
const MIN_WIDTH: usize = 20;

/// Checks a text width in terminal columns: at least [`MIN_WIDTH`].
pub(crate) fn check_width(columns: usize) -> Result<(), RenderError> {
    let rule = Rule {
        option: "width",
        expected: "at least 20 columns",
        shown: usize::MAX,
    };
    rule.check(&columns.to_string(), columns >= MIN_WIDTH)
}

/// Checks a BCP 47 language tag: letters, digits and hyphens, at most 35 characters, starting
/// with a letter.
pub(crate) fn check_lang(tag: &str) -> Result<(), RenderError> {
    let valid = tag.len() <= 35
        && tag.starts_with(|c: char| c.is_ascii_alphabetic())
        && tag
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric()));
    let rule = Rule {
        option: "lang",
        expected: "a BCP 47 language tag such as `en` or `pt-BR`",
        shown: 40,
    };
    rule.check(tag, valid)
}

/// Checks a feed id: it must be an absolute IRI, a safe web URL or a `urn:` or `tag:` URI.
pub(crate) fn check_feed_id(id: &str) -> Result<(), RenderError> {
    let lower = id.get(..4).map(str::to_ascii_lowercase);
    let is_uri = matches!(lower.as_deref(), Some("urn:" | "tag:"))
        && id.len() > 4
        && id.len() <= SafeUrl::MAX_LEN
        && id
            .chars()
            .all(|c| c.is_ascii_graphic() && !matches!(c, '"' | '<' | '>' | '\\' | '`'));
    let rule = Rule {
        option: "id",
        expected: "a permanent absolute IRI: an http or https url, or a urn: or tag: uri",
        shown: 100,
    };
    rule.check(
        id,
        is_uri || SafeUrl::parse(id).is_ok_and(|url| !url.is_mailto()),
    )
}

/// Checks an author's email address: a plain `local@domain`, without spaces, quotes, angle
/// brackets or controls.
pub(crate) fn check_email(email: &str) -> Result<(), RenderError> {
    let valid = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
    }) && email.len() <= 254
        && email.chars().all(|c| {
            c.is_ascii_graphic()
                && !matches!(
                    c,
                    '"' | '<' | '>' | '\\' | '(' | ')' | ',' | ';' | ':' | '[' | ']'
                )
        });
    let rule = Rule {
        option: "author_email",
        expected: "a plain address such as editor@example.com",
        shown: 100,
    };
    rule.check(email, valid)
}

/// Checks an author's name: not blank.
pub(crate) fn check_author_name(name: &str) -> Result<(), RenderError> {
    let rule = Rule {
        option: "author_name",
        expected: "a non-blank name",
        shown: usize::MAX,
    };
    rule.check(name, !name.trim().is_empty())
}

/// The feed links a feed renderer takes, each of which must be an absolute web URL.
#[derive(Debug, Clone, Copy)]
pub(crate) enum FeedLink {
    /// The URL the feed is served from.
    Feed,
    /// The web page the feed belongs to.
    Home,
    /// The author's web page.
    Author,
}

/// Checks a feed link: an absolute `http` or `https` URL (see [`SafeUrl`]), returned normalised.
pub(crate) fn check_feed_link(link: FeedLink, url: &str) -> Result<SafeUrl, RenderError> {
    match SafeUrl::parse(url) {
        Ok(safe) if !safe.is_mailto() => Ok(safe),
        _ => Err(RenderError::InvalidLink {
            link: url.to_owned(),
            reason: match link {
                FeedLink::Feed => "the feed's own url must be an absolute http or https url",
                FeedLink::Home => "the home page must be an absolute http or https url",
                FeedLink::Author => "the author's url must be an absolute http or https url",
            },
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_at_most_forty_characters_of_a_rejected_language_tag() {
        let Err(RenderError::InvalidOption { value, .. }) = check_lang(&"a".repeat(50)) else {
            panic!("a 50-letter tag is too long");
        };
        assert_eq!(value, "a".repeat(40));
    }

    #[test]
    fn accepts_permanent_iris_as_feed_ids() {
        for id in [
            "urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6",
            "tag:example.com,2026:brief",
            "https://brief.example/feed.xml",
        ] {
            assert!(check_feed_id(id).is_ok(), "{id}");
        }
        for id in [
            "",
            "brief",
            "urn:",
            "javascript:alert(1)",
            "urn:a b",
            "mailto:a@b.example",
        ] {
            assert!(check_feed_id(id).is_err(), "{id}");
        }
    }

    #[test]
    fn accepts_plain_email_addresses() {
        assert!(check_email("andrea@passaglia.it").is_ok());
        for email in [
            "",
            "a",
            "a@b",
            "@b.example",
            "a@b.example\"",
            "a b@c.example",
            "a@@b.example",
        ] {
            assert!(check_email(email).is_err(), "{email}");
        }
    }

    #[test]
    fn checks_widths_and_heading_levels_against_their_ranges() {
        assert!(check_width(19).is_err());
        assert!(check_width(20).is_ok());
        let levels = HeadingLevels {
            deepest: 3,
            expected: "a heading level from 1 to 3",
        };
        for (level, ok) in [(0, false), (1, true), (3, true), (4, false)] {
            let layout = Layout {
                heading_level: level,
                ..Layout::DEFAULT
            };
            assert_eq!(layout.check_heading_level(levels).is_ok(), ok, "{level}");
        }
    }
}
