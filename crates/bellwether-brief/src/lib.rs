//! Compose a morning brief from Bellwether signals only when the sources say something
//! worth saying, and render it for terminals, programs, web pages, email and feeds.
//!
//! ```
//! use bellwether_brief::{Composed, Composer, JsonRenderer, Policy, Render, RenderContext, TextRenderer};
//! # let signal: bellwether_signal::Signal = serde_json::from_str(include_str!("../testdata/seed/signal.json"))?;
//! let now = "2026-05-27T07:00:00Z".parse()?;
//! let composed = Composer::new(Policy::default()).compose(&[signal], None, now)?;
//! match &composed {
//!     Composed::Brief(brief) => {
//!         let ctx = RenderContext::new(now);
//!         let text = TextRenderer::new().width(72).render_to_string(brief, &ctx)?;
//!         assert!(text.contains("BIS · Anthropic · OpenAI · DeepSeek"));
//!         let json = JsonRenderer::new().render_to_string(brief, &ctx)?;
//!         assert!(json.starts_with("{\"schema_version\":1,\"kind\":\"brief\""));
//!     }
//!     Composed::Quiet(quiet) => println!("nothing today: {quiet}"),
//! }
//! let snapshot = composed.snapshot(); // persist it; pass it to the next `compose`
//! # assert!(snapshot.is_some());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Overview
//!
//! - [`Composer`] follows a [`Policy`] (minimum strength, [`Novelty`], item limit,
//!   [`ItemOrder`]) and returns [`Composed::Brief`] or [`Composed::Quiet`]. A
//!   [`Quiet`] says why (`3 signals below strength 6; 2 unchanged since the last
//!   brief`) and lists what was [`LeftOut`]. Renderers accept only a [`Brief`], which
//!   always has items, so an empty brief cannot be sent.
//! - Given the previous brief's [`Snapshot`], each [`BriefItem`] carries its
//!   [`Change`] (new; reinforced, +N articles; strengthened or weakened 7 → 8) and a
//!   [`Badge`]. The brief carries its [`Coverage`] and the next snapshot.
//! - [`Composer::index`] builds the "all signals" [`SignalIndex`];
//!   [`Composer::page`] a single-signal [`SignalPage`].
//! - [`Render`] is the one rendering trait, with one type per format: [`TextRenderer`]
//!   (wrapped by display width), [`MarkdownRenderer`] (CommonMark/GFM), [`HtmlRenderer`]
//!   (a full page, an embeddable fragment or an email, see [`HtmlVariant`]),
//!   [`JsonRenderer`], and the feeds [`AtomRenderer`] (Atom 1.0) and [`JsonFeedRenderer`]
//!   (JSON Feed 1.1), one entry per brief. For delivery: [`SlackRenderer`] (Block Kit,
//!   within [`slack_limits`]), [`TeamsRenderer`] (an Adaptive Card), [`WebhookRenderer`] (a
//!   JSON event) and, with the `email` feature, `EmailRenderer` (RFC 5322, text and HTML). A [`RenderContext`] carries the time, reader's
//!   [`Zone`], [`DateStyle`], [`LinkPolicy`] and [`Masthead`]: renderers read neither
//!   clock nor environment.
//! - Every piece of signal text is escaped for its format, so no input can inject markup
//!   into Markdown, HTML or a feed; bidirectional overrides and control characters are
//!   dropped. Renderers emit only links that pass [`SafeUrl`] (absolute `http`, `https`,
//!   `mailto`, with nothing invisible or misleading in them), plus site-relative signal
//!   and index pages from the [`LinkPolicy`] on web pages.
//!
//! Dates are unambiguous by default (`2026-05-12`); [`DateStyle::UsNumeric`]
//! reproduces the seed page's `5/12/2026`. "Today" and "yesterday" come from calendar
//! days in the reader's zone, not from durations.
//!
//! # Limits and cost
//!
//! The inputs are [`Signal`](bellwether_signal::Signal)s, already bounded by
//! `bellwether_signal::limits` (thesis, analysis, quotes, sources …). On top of them:
//!
//! | Operation | Limit | Worst-case cost |
//! |---|---|---|
//! | [`Composer::compose`] of `n` signals with `s` sources in all | items per brief: [`Policy::max_items`] ≤ [`MAX_BRIEF_ITEMS`] = 1,000 (else [`ComposeError::InvalidPolicy`]) | `O(n log n + s)` time, `O(n)` memory beside the chosen items |
//! | [`Composer::index`], [`Composer::page`] | — | `O(n log n + s)` |
//! | every renderer | items ≤ [`MAX_BRIEF_ITEMS`] | linear in the brief's text, which each item bounds through the signal model's limits |
//! | deserializing a [`Brief`] | at most [`MAX_BRIEF_ITEMS`] items, else [`ComposeError::InvalidBrief`] | linear in the JSON |
//! | deserializing a [`Snapshot`] | entry articles: at most `MAX_SOURCES` valid article ids, else [`ComposeError::InvalidSnapshot`] | `O(e log e)` for `e` entries; [`Snapshot::prune_before`] bounds `e` |
//!
//! # Crate features
//!
//! - `tz`: named IANA time zones (the `Zone::Named` variant) through `chrono-tz`.
//! - `email`: `EmailRenderer` and `Mailbox`, complete email messages through `mail-builder`.
//!   Without it, [`Zone`] offers UTC and fixed offsets.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub use crate::change::{Badge, Change, Update};
pub use crate::compose::Composer;
pub use crate::context::{DateText, LinkPolicy, Masthead, RenderContext};
pub use crate::coverage::Coverage;
pub use crate::dates::{DateStyle, RelativeDay, Zone};
pub use crate::error::{ComposeError, RenderError};
pub use crate::grounded::UngroundedClaims;
pub use crate::index::{IndexEntry, SignalIndex, SignalPage};
pub use crate::item::BriefItem;
pub use crate::outcome::{Brief, Composed, LeftOut, LeftOutReason, Omissions, Quiet, QuietReason};
pub use crate::policy::{ItemOrder, MAX_BRIEF_ITEMS, Novelty, Policy, PolicyBuilder};
pub use crate::render::Render;
pub use crate::render::atom::AtomRenderer;
#[cfg(feature = "email")]
pub use crate::render::email::{EmailRenderer, Mailbox};
pub use crate::render::html::{HtmlRenderer, HtmlVariant};
pub use crate::render::json::{JSON_SCHEMA, JsonRenderer};
pub use crate::render::json_feed::JsonFeedRenderer;
pub use crate::render::markdown::MarkdownRenderer;
pub use crate::render::slack::{SlackRenderer, slack_limits};
pub use crate::render::teams::{MAX_TEAMS_CARD_BYTES, TeamsRenderer};
pub use crate::render::text::TextRenderer;
pub use crate::render::webhook::{WEBHOOK_EVENT, WEBHOOK_SCHEMA_VERSION, WebhookRenderer};
pub use crate::safe_url::{LinkError, SafeUrl};
pub use crate::snapshot::{SNAPSHOT_VERSION, Snapshot, SnapshotEntry};

mod byte_scan;
mod change;
mod check;
mod compose;
mod content;
mod context;
mod coverage;
mod dates;
mod error;
mod escape;
mod grounded;
mod highlight;
mod index;
mod item;
mod outcome;
mod policy;
mod render;
mod safe_url;
mod snapshot;

// The README's examples run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
