//! Compose a morning brief from Bellwether signals only when there is something worth saying, and render it.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
