//! Compose a morning brief from Bellwether signals only when there is something worth saying, and render it.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub use safe_url::{LinkError, SafeUrl};

mod escape;
mod highlight;
mod safe_url;
