//! Check that every name, number, date and attribution in model-written prose is found in its
//! source articles, or flag it.
//!
//! ```
//! use bellwether_ground::{Grounder, Sources, Verdict};
//!
//! let article = "Kanto Magnet Works will pay \u{0024}2.1\u{00A0}billion for two plants, \
//!                its chief, Aiko Mori, said on 12 May 2026.";
//! let sources = Sources::new(&[article])?;
//! let grounder = Grounder::new().known_entity(&["Kanto Magnet Works", "Kanto"])?;
//! let prose = "Kanto will spend 2.1bn dollars on 3 plants, Hiro Sato said on May 12.";
//! let grounding = grounder.check(&sources, prose)?;
//! let flagged: Vec<&str> = grounding.flagged().map(|c| c.text.as_str()).collect();
//! assert_eq!(flagged, ["3 plants", "Hiro Sato", "Hiro Sato"]); // a name, and the words given to it
//! # Ok::<(), bellwether_ground::GroundError>(())
//! ```
//!
//! # What is checked
//!
//! - **Numbers** with their unit and magnitude: money (`$2.1 billion` = `2.1bn dollars` =
//!   `$2,100 million`), shares (`40%` = `40 per cent`), counts in digits or words (`two
//!   plants` = `2 plants`), years (`2026`, `the 1990s`). A number in the prose may round the
//!   source's (`2.1 billion` for `2.14 billion`), never the reverse.
//! - **Dates** in the forms news uses: `12 May 2026`, `May 12, 2026`, `May 12th`, `May 2026`,
//!   `2026-05-12`; a date in the prose agrees with a source date on every field both give.
//! - **Names**: runs of capitalised words (`Kanto Magnet Works`, `Bureau of Industry`), found
//!   whole or word by word; a known entity's aliases ([`Grounder::known_entity`]) stand for one
//!   another; demonyms are found by their places (`Chinese` by `China`); an initialism and
//!   the name it abbreviates stand for each other (`SIA` = `Semiconductor Industry
//!   Association`, either way round), and so do a name's abbreviated words (`Commerce Dept` =
//!   `Commerce Department`, `Acme Corp` = `Acme Corporation`).
//! - **Attributions**: `X said …`, `…, said X`, `according to X`: the speaker must be mentioned
//!   in a source within 300 bytes of at least half of the sentence's content words (a speaker
//!   in a source's opening 300 bytes — its headline or byline — is the author of all of it).
//!
//! Each [`Claim`] is [`Verdict::Supported`] with the source and byte span, [`Verdict::Unsupported`]
//! with the reason, or [`Verdict::Contradicted`] when a source counts the same thing with a
//! different number (`3 plants` where the source says `two plants`).
//!
//! Matching folds text as quote anchoring does: case, curly and straight quotes, dashes, white
//! space (no-break spaces, line ends), soft hyphens, line-end hyphenation and the dots of
//! initialisms (`U.S.` = `US`) are ignored.
//!
//! # What is not checked
//!
//! Ordinals (`first`, `21st`), the word `one` alone, relative dates (`last week`, `Tuesday`),
//! lower-case names, and the truth of any claim beyond its presence in the sources: a number
//! the sources give for something else is supported when no source counts the prose's thing
//! differently. Words at the start of a sentence that the sources or the passage write in lower
//! case, or that end like common words (`-ing`, `-tion`, …), are not taken for names; precision
//! comes before recall.
//!
//! # Limits and cost
//!
//! | Input | Limit | Cost |
//! |---|---|---|
//! | [`Sources::new`] | ≤ [`MAX_SOURCES`] texts of ≤ [`MAX_SOURCE_BYTES`] | O(total length), once per set of articles: about 0.9 ms for 21.8 KB on an idle core (1.5 ms on a loaded one) |
//! | [`Grounder::check`] | passage ≤ [`MAX_PASSAGE_BYTES`] | O(claims × sources); about 17 µs for a paragraph against 21.8 KB on an idle core (up to 40 µs on a loaded one) (`benches/ground.rs`) |
//! | [`Grounder::known_entity`] | ≤ [`MAX_KNOWN_NAMES`] names of ≤ [`MAX_KNOWN_NAME_BYTES`] | O(names) |

#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

mod check;
mod claim;
mod entity;
mod error;
mod fold;
mod lexicon;
mod quantity;
mod sources;

pub use check::Grounder;
pub use claim::{Claim, ClaimKind, Evidence, Grounding, Verdict};
pub use error::{
    GroundError, MAX_KNOWN_NAME_BYTES, MAX_KNOWN_NAMES, MAX_PASSAGE_BYTES, MAX_SOURCE_BYTES,
    MAX_SOURCES,
};
pub use quantity::{Currency, NewsDate, Quantity, Unit};
pub use sources::Sources;
