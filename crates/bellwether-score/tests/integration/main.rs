//! Integration tests of bellwether-score.

mod accuracy;
mod stream;
