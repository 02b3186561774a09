//! The bundled sample data, read by the library's loader ([`bellwether::days`]; layout in
//! `examples/data/README.md`).

// `Day` is named by the facade's tests, which include this file.
#[allow(unused_imports)]
pub(crate) use bellwether::days::{Day, load_days};

/// The bundled sample data.
pub(crate) const DEFAULT_DATA_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data");
