//! The signal model of Bellwether: validated signals, tags, regions, actors, sources and quotes.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
