//! Integration tests of bellwether-anchor: one binary, one module per concern.

mod accuracy;
mod corpus;
