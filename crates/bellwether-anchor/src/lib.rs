//! Prove that a quote occurs in its article, and exactly where: tolerant, fast quote anchoring
//! for any script.
//!
//! ```
//! use bellwether_anchor::PreparedText;
//!
//! let article = PreparedText::new("The \u{201C}Govern-\nment\u{201D} said so.");
//! assert_eq!(article.normalized(), "the \"government\" said so.");
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub use crate::prepare::PreparedText;

mod myers;
mod prepare;
