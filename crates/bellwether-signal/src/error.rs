use thiserror::Error;

/// Everything that can be wrong with a value of the signal model.
///
/// Every constructor and every deserializer in this crate returns this error, so a value that
/// exists has passed its checks. Messages say what was wrong, with what value, and what to do.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum SignalError {
    /// A strength outside 1..=10.
    #[error("strength {value} is out of range; use a whole number from 1 to 10")]
    StrengthOutOfRange {
        /// The rejected value.
        value: i64,
    },
    /// A strength that is a number but not a whole one.
    #[error("strength {value} is not a whole number; use a whole number from 1 to 10")]
    StrengthNotWhole {
        /// The rejected value.
        value: f64,
    },
    /// A strength given as something other than a number (e.g. the string `"8"`).
    #[error("strength must be a JSON number, found {found}; write it as 8, not \"8\"")]
    StrengthNotNumber {
        /// What was found instead.
        found: String,
    },
    /// Strength bands that do not cover 1..=10 exactly once, in order.
    #[error(
        "strength bands are invalid: {reason}; give bands that start at 1, end at 10 and neither overlap nor leave gaps"
    )]
    InvalidBands {
        /// What is wrong with them.
        reason: &'static str,
    },
    /// A text field that is empty or only white space.
    #[error("{field} is empty; give a non-empty value")]
    Empty {
        /// The field that was empty.
        field: &'static str,
    },
    /// A text field longer than its limit.
    #[error("{field} is {len} {unit} long, over the limit of {max}; shorten it")]
    TooLong {
        /// The field that was too long.
        field: &'static str,
        /// Its length.
        len: usize,
        /// The limit.
        max: usize,
        /// What the lengths count (`"characters"` or `"bytes"`).
        unit: &'static str,
    },
    /// A text field with a control character where none is allowed.
    #[error("{field} contains the control character U+{code:04X} at byte {offset}; remove it")]
    ControlCharacter {
        /// The field.
        field: &'static str,
        /// The character's code point.
        code: u32,
        /// Its byte offset in the (trimmed) value.
        offset: usize,
    },
    /// An identifier with characters that identifiers may not hold.
    #[error("{field} {value:?} contains {found:?}; use letters, digits and - _ . : / only")]
    InvalidIdentifier {
        /// The field.
        field: &'static str,
        /// An excerpt of the rejected value.
        value: String,
        /// The first offending character.
        found: char,
    },
    /// A region code that is neither an assigned ISO 3166-1 alpha-2 code nor a supported extra.
    #[error(
        "region {value:?} is not an assigned ISO 3166-1 alpha-2 code; use a code such as \"US\" or \"CN\", or one of EU, UN, XK, GLOBAL"
    )]
    UnknownRegion {
        /// The rejected value.
        value: String,
    },
    /// A FIPS 10-4 country code that the table does not know.
    #[error(
        "FIPS 10-4 country code {value:?} is unknown; GDELT country codes are two letters such as \"CH\" (China)"
    )]
    UnknownFipsCode {
        /// The rejected value.
        value: String,
    },
    /// A FIPS 10-4 entity that has no ISO 3166-1 code of its own.
    #[error(
        "FIPS 10-4 code {code:?} ({name}) has no ISO 3166-1 code; map it to a region yourself or leave it out"
    )]
    FipsWithoutIso {
        /// The FIPS code.
        code: String,
        /// The entity's name.
        name: &'static str,
    },
    /// An unknown reliability grade.
    #[error(
        "reliability grade {value:?} is unknown; use one NATO Admiralty letter from A (reliable) to F (cannot be judged)"
    )]
    UnknownReliability {
        /// The rejected value.
        value: String,
    },
    /// An unknown actor kind.
    #[error(
        "actor kind {value:?} is unknown; use government_body, company, organisation, person, country or other"
    )]
    UnknownActorKind {
        /// The rejected value.
        value: String,
    },
    /// A URL that does not parse or is not http/https.
    #[error("url {value:?} is not allowed: {reason}; give an absolute http:// or https:// URL")]
    InvalidUrl {
        /// An excerpt of the rejected value.
        value: String,
        /// Why it was rejected.
        reason: &'static str,
    },
    /// A quote with no anchor phrase.
    #[error("the quote {quote:?} has no anchor; give at least one key phrase from the quote")]
    MissingAnchor {
        /// An excerpt of the quote.
        quote: String,
    },
    /// An anchor phrase that does not occur in its quote.
    #[error(
        "anchor {anchor:?} does not occur in its quote {quote:?}; use a phrase copied from the quote"
    )]
    AnchorNotInQuote {
        /// The anchor.
        anchor: String,
        /// An excerpt of the quote.
        quote: String,
    },
    /// An anchor span that does not pick whole characters of its quote, picks nothing, or
    /// starts or ends with white space.
    #[error(
        "anchor span {start}..{end} is not a non-empty range on char boundaries of the {len}-byte quote, starting and ending with a non-space character; give the span of the anchor's words within the quote's text"
    )]
    AnchorSpanOutsideQuote {
        /// The span's start, in bytes of the quote's text.
        start: usize,
        /// The span's end.
        end: usize,
        /// The quote's length in bytes.
        len: usize,
    },
    /// Anchor spans given with a list of anchors they do not match (another count, or a span
    /// whose words differ from its anchor).
    #[error(
        "anchor spans do not match the anchors {anchors:?} of the quote {quote:?}; give one span per anchor, each spanning that anchor's words in the quote, or leave the spans out"
    )]
    AnchorSpansMismatch {
        /// The anchors given.
        anchors: Vec<String>,
        /// An excerpt of the quote.
        quote: String,
    },
    /// A byte span whose end is before its start.
    #[error("span {start}..{end} ends before it starts; give start <= end")]
    InvalidSpan {
        /// The start offset.
        start: usize,
        /// The end offset.
        end: usize,
    },
    /// A verdict whose kind and signal do not fit together: `reinforces` or `contradicts`
    /// without a signal, or `new` with one.
    #[error(
        "verdict {kind:?} {}; give {{\"kind\": \"reinforces\" or \"contradicts\", \"signal\": \"<id of a candidate signal>\"}} or {{\"kind\": \"new\"}}",
        match signal { Some(id) => format!("names signal {id:?}"), None => "names no signal".to_owned() }
    )]
    InvalidVerdict {
        /// The verdict's kind.
        kind: &'static str,
        /// The signal it named, if any.
        signal: Option<String>,
    },
    /// A match score outside 0..=1 or not a number.
    #[error("match score {value} is not between 0 and 1; give a finite score from 0.0 to 1.0")]
    InvalidScore {
        /// The rejected value.
        value: f64,
    },
    /// Last reinforced before first seen.
    #[error(
        "last reinforced {last_reinforced} is before first seen {first_seen}; a signal cannot be reinforced before it is seen"
    )]
    ReinforcedBeforeSeen {
        /// First seen (RFC 3339).
        first_seen: String,
        /// Last reinforced (RFC 3339).
        last_reinforced: String,
    },
    /// Two source articles with the same id.
    #[error("source article {id:?} appears twice; merge its quotes and reasoning into one source")]
    DuplicateArticle {
        /// The repeated id.
        id: String,
    },
    /// Two actors with the same identity key.
    #[error(
        "actor {second:?} is the same actor as {first:?}; list each actor once (add spellings as aliases)"
    )]
    DuplicateActor {
        /// The first actor's name.
        first: String,
        /// The repeated actor's name.
        second: String,
    },
    /// A list with a repeated value.
    #[error("{field} lists {value:?} twice; list each value once")]
    DuplicateValue {
        /// The field.
        field: &'static str,
        /// The repeated value.
        value: String,
    },
    /// Too many entries in a list.
    #[error("{field} has {len} entries, over the limit of {max}; keep the most important ones")]
    TooMany {
        /// The field.
        field: &'static str,
        /// How many were given.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// A signal with no source article.
    #[error("signal {id:?} has no source article; a signal needs at least one article behind it")]
    NoSources {
        /// The signal's id.
        id: String,
    },
    /// An extraction count lower than the number of articles.
    #[error(
        "signal {id:?} says it was extracted {extraction_count}× but holds {article_count} articles; every article comes from at least one extraction"
    )]
    CountMismatch {
        /// The signal's id.
        id: String,
        /// The extraction count given.
        extraction_count: u32,
        /// The number of distinct source articles.
        article_count: usize,
    },
    /// A flagged claim of a paragraph that is not there.
    #[error(
        "flagged claim is in paragraph {paragraph}, but there are {paragraphs} paragraphs; flag claims of paragraphs that exist (numbered from 0)"
    )]
    FlaggedParagraphOutOfRange {
        /// The paragraph the claim names.
        paragraph: usize,
        /// How many paragraphs there are.
        paragraphs: usize,
    },
}
