//! Source articles: where a signal's evidence comes from.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::bounded;
use crate::limits::{MAX_PROSE_BYTES, MAX_QUOTES, MAX_THESIS_CHARS};
use crate::text::{Bound, checked_text};
use crate::{ArticleId, FlaggedClaim, Label, Quote, ReliabilityGrade, SignalError, WebUrl};

/// One article behind a signal: what it is, where it came from, the quotes taken from it and the
/// reasoning drawn from it.
///
/// # Example
///
/// ```
/// use bellwether_signal::{ArticleId, Quote, ReliabilityGrade, SourceArticle, WebUrl};
///
/// let article = SourceArticle::new(
///     ArticleId::new("the-g-2-reality")?,
///     "The G-2 Reality",
///     "Strategy Quarterly",
///     "2026-05-26T14:05:00Z".parse().expect("a valid time"),
/// )?
/// .with_url(WebUrl::new("https://strategyquarterly.example/the-g-2-reality")?)
/// .with_reliability(ReliabilityGrade::B)
/// .with_quote(Quote::new("The launch of DeepSeek", &["DeepSeek"])?)?
/// .with_reasoning("Coercive economic tools produce adaptation rather than submission.")?;
/// assert_eq!(article.quotes().len(), 1);
/// # Ok::<(), bellwether_signal::SignalError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawSource", into = "RawSource")]
pub struct SourceArticle {
    id: ArticleId,
    title: String,
    outlet: Label,
    url: Option<WebUrl>,
    published: DateTime<Utc>,
    reliability: Option<ReliabilityGrade>,
    quotes: Vec<Quote>,
    reasoning: Vec<String>,
    contradicts: bool,
    flagged: Vec<FlaggedClaim>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    id: ArticleId,
    title: String,
    outlet: Label,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    url: Option<WebUrl>,
    published: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reliability: Option<ReliabilityGrade>,
    #[serde(default, deserialize_with = "bounded::quotes")]
    quotes: Vec<Quote>,
    #[serde(default, deserialize_with = "bounded::reasoning")]
    reasoning: Vec<String>,
    /// Absent (false) in sources written before contradicting evidence was recorded.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    contradicts: bool,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "bounded::flagged"
    )]
    flagged: Vec<FlaggedClaim>,
}

pub(crate) fn checked_title(field: &'static str, value: &str) -> Result<String, SignalError> {
    checked_text(field, value, Bound::Chars(MAX_THESIS_CHARS), false)
}

pub(crate) fn checked_paragraph(field: &'static str, value: &str) -> Result<String, SignalError> {
    checked_text(field, value, Bound::Bytes(MAX_PROSE_BYTES), true)
}

/// A flagged claim's paragraph must be one of the `paragraphs` there are.
pub(crate) fn check_paragraph_index(index: usize, paragraphs: usize) -> Result<(), SignalError> {
    if index >= paragraphs {
        return Err(SignalError::FlaggedParagraphOutOfRange {
            paragraph: index,
            paragraphs,
        });
    }
    Ok(())
}

pub(crate) fn check_count(field: &'static str, len: usize, max: usize) -> Result<(), SignalError> {
    if len > max {
        return Err(SignalError::TooMany { field, len, max });
    }
    Ok(())
}

impl SourceArticle {
    /// An article with no URL, grade, quote or reasoning yet.
    ///
    /// # Errors
    ///
    /// The text errors ([`SignalError::Empty`], [`SignalError::TooLong`],
    /// [`SignalError::ControlCharacter`]) for the title (at most
    /// [`MAX_THESIS_CHARS`](crate::limits::MAX_THESIS_CHARS) characters) or the outlet (a
    /// [`Label`]).
    pub fn new(
        id: ArticleId,
        title: &str,
        outlet: &str,
        published: DateTime<Utc>,
    ) -> Result<Self, SignalError> {
        Ok(SourceArticle {
            id,
            title: checked_title("article title", title)?,
            outlet: Label::for_field("outlet", outlet)?,
            url: None,
            published,
            reliability: None,
            quotes: Vec::new(),
            reasoning: Vec::new(),
            contradicts: false,
            flagged: Vec::new(),
        })
    }

    /// This article marked as evidence *against* the signal's thesis: its quotes and
    /// reasoning challenge the signal rather than back it.
    pub fn contradicting(mut self) -> Self {
        self.contradicts = true;
        self
    }

    /// This article with its web address.
    pub fn with_url(mut self, url: WebUrl) -> Self {
        self.url = Some(url);
        self
    }

    /// This article with its source's reliability grade.
    pub fn with_reliability(mut self, grade: ReliabilityGrade) -> Self {
        self.reliability = Some(grade);
        self
    }

    /// This article with one more quote.
    ///
    /// # Errors
    ///
    /// [`SignalError::TooMany`] past [`MAX_QUOTES`](crate::limits::MAX_QUOTES) quotes.
    pub fn with_quote(mut self, quote: Quote) -> Result<Self, SignalError> {
        check_count("quotes", self.quotes.len() + 1, MAX_QUOTES)?;
        self.quotes.push(quote);
        Ok(self)
    }

    /// This article with one more reasoning paragraph.
    ///
    /// # Errors
    ///
    /// The text errors for the paragraph (at most
    /// [`MAX_PROSE_BYTES`](crate::limits::MAX_PROSE_BYTES)); [`SignalError::TooMany`] past
    /// [`MAX_QUOTES`](crate::limits::MAX_QUOTES) paragraphs.
    pub fn with_reasoning(mut self, paragraph: &str) -> Result<Self, SignalError> {
        check_count("reasoning paragraphs", self.reasoning.len() + 1, MAX_QUOTES)?;
        self.reasoning
            .push(checked_paragraph("reasoning paragraph", paragraph)?);
        Ok(self)
    }

    /// This article with one more flagged claim of its reasoning: a name, number, date or
    /// attribution the grounding check did not find in the article.
    ///
    /// # Errors
    ///
    /// [`SignalError::FlaggedParagraphOutOfRange`] when the claim's paragraph is not one of the reasoning
    /// paragraphs added so far; [`SignalError::TooMany`] past
    /// [`MAX_QUOTES`](crate::limits::MAX_QUOTES) flagged claims.
    pub fn with_flagged_claim(mut self, claim: FlaggedClaim) -> Result<Self, SignalError> {
        check_count("flagged claims", self.flagged.len() + 1, MAX_QUOTES)?;
        check_paragraph_index(claim.paragraph(), self.reasoning.len())?;
        self.flagged.push(claim);
        Ok(self)
    }

    /// The claims of its reasoning that the article does not bear out, each with the position
    /// of its paragraph in [`SourceArticle::reasoning`].
    pub fn flagged_claims(&self) -> &[FlaggedClaim] {
        &self.flagged
    }

    /// The article's identifier.
    pub fn id(&self) -> &ArticleId {
        &self.id
    }

    /// The headline.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The publication it appeared in.
    pub fn outlet(&self) -> &str {
        self.outlet.as_str()
    }

    /// Its web address, if known.
    pub fn url(&self) -> Option<&WebUrl> {
        self.url.as_ref()
    }

    /// When it was published.
    pub fn published(&self) -> DateTime<Utc> {
        self.published
    }

    /// The reliability grade of its source, if known.
    pub fn reliability(&self) -> Option<ReliabilityGrade> {
        self.reliability
    }

    /// The quotes taken from it.
    pub fn quotes(&self) -> &[Quote] {
        &self.quotes
    }

    /// The reasoning paragraphs drawn from it.
    pub fn reasoning(&self) -> &[String] {
        &self.reasoning
    }

    /// Whether the article argues against the signal's thesis (see
    /// [`SourceArticle::contradicting`]).
    pub fn contradicts(&self) -> bool {
        self.contradicts
    }
}

impl TryFrom<RawSource> for SourceArticle {
    type Error = SignalError;
    fn try_from(raw: RawSource) -> Result<Self, Self::Error> {
        check_count("quotes", raw.quotes.len(), MAX_QUOTES)?;
        check_count("reasoning paragraphs", raw.reasoning.len(), MAX_QUOTES)?;
        let reasoning: Vec<String> = raw
            .reasoning
            .iter()
            .map(|p| checked_paragraph("reasoning paragraph", p))
            .collect::<Result<_, _>>()?;
        check_count("flagged claims", raw.flagged.len(), MAX_QUOTES)?;
        for claim in &raw.flagged {
            check_paragraph_index(claim.paragraph(), reasoning.len())?;
        }
        Ok(SourceArticle {
            id: raw.id,
            title: checked_title("article title", &raw.title)?,
            outlet: raw.outlet,
            url: raw.url,
            published: raw.published,
            reliability: raw.reliability,
            quotes: raw.quotes,
            reasoning,
            contradicts: raw.contradicts,
            flagged: raw.flagged,
        })
    }
}

impl From<SourceArticle> for RawSource {
    fn from(s: SourceArticle) -> Self {
        RawSource {
            id: s.id,
            title: s.title,
            outlet: s.outlet,
            url: s.url,
            published: s.published,
            reliability: s.reliability,
            quotes: s.quotes,
            reasoning: s.reasoning,
            contradicts: s.contradicts,
            flagged: s.flagged,
        }
    }
}
