//! Integration tests of bellwether-score.

mod accuracy;
mod diag;
mod stream;
