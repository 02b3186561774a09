//! Loads the seed signal from its bundled JSON, validates it, and prints it as the page does.
//!
//! Run with `cargo run --example seed_signal [PATH]`; PATH defaults to the bundled seed.

use std::error::Error;
use std::process::ExitCode;

use bellwether::signal::Signal;

const DEFAULT_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seed/signal.json");

fn main() -> ExitCode {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| DEFAULT_PATH.to_owned());
    match run(&path) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {path}: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run(path: &str) -> Result<(), Box<dyn Error>> {
    let json = std::fs::read_to_string(path)?;
    // Deserializing runs every check of the signal model.
    let signal: Signal = serde_json::from_str(&json)?;

    println!("{}\n", signal.thesis());
    println!(
        "{} · extracted {}× · first seen {} · last reinforced {} · {} articles",
        signal.strength(),
        signal.extraction_count(),
        signal.first_seen().format("%Y-%m-%d"),
        signal.last_reinforced().format("%Y-%m-%d"),
        signal.article_count(),
    );
    let regions: Vec<&str> = signal.regions().iter().map(|r| r.as_str()).collect();
    let mut tag_line: Vec<&str> = signal.tags().labels().collect();
    let regions = regions.join(", ");
    tag_line.push(&regions);
    println!("{}\n", tag_line.join(" · "));
    if let Some(analysis) = signal.analysis() {
        println!("Analysis\n{analysis}\n");
    }
    let actors: Vec<&str> = signal.actors().iter().map(|a| a.name()).collect();
    println!("Key actors: {}\n", actors.join(" · "));
    println!("Source articles ({})", signal.article_count());
    for source in signal.sources() {
        println!("\n{} — {}", source.title(), source.outlet());
        for quote in source.quotes() {
            let anchors: Vec<String> = quote.anchors().iter().map(|a| format!("[{a}]")).collect();
            println!("  \"{}\" {}", quote.text(), anchors.join(" "));
        }
        for paragraph in source.reasoning() {
            println!("  Reasoning: {paragraph}");
        }
    }
    Ok(())
}
