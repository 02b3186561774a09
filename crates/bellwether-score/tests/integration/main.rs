//! Integration tests of bellwether-score.

mod accuracy;
mod lineage;
mod properties;
mod seed;
mod stream;
