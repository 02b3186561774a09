//! Prints the JSON Schema (draft 2020-12) of the extraction format a language model returns.
//!
//! ```text
//! cargo run -q --example extraction_schema            # with the model's limits
//! cargo run -q --example extraction_schema -- --strict # for structured-output modes
//! ```

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let schema = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => bellwether::schema::extraction_schema(),
        ["--strict"] => bellwether::schema::strict_extraction_schema(),
        _ => {
            eprintln!("usage: extraction_schema [--strict]");
            return ExitCode::from(2);
        }
    };
    match serde_json::to_string_pretty(&schema) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}
